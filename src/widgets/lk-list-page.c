/* lk-list-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-compare-dialog.h"
#include "lk-drafts.h"
#include "lk-copy-dialog.h"
#include "lk-history-dialog.h"
#include "lk-list-page.h"
#include "lk-page.h"
#include "lk-widget-state.h"
#include "lk-wrap-box.h"

/* A page that lists one collection of a tenant and edits its items in
 * place: what every such page shares. It loads the list (loading, error,
 * empty or the list), reloads it, opens the editor for a new or the
 * chosen item and takes back what was saved, and deletes after asking.
 * A subclass names its resource kind, its columns, its editor and its
 * texts; its actions are "PREFIX.new", ".edit", ".delete" and ".reload".
 */

typedef struct
{
  LkClient           *client;
  LkSession          *session;     /* nullable: its saved tenants, to compare with and copy to */
  GCancellable       *cancellable;
  GListStore         *items;
  GtkSingleSelection *selection;
  GError             *load_error;
  gboolean            loading;
  gboolean            deleting;
  LkFormEditor       *editor;
  GtkWidget          *toolbar_extra;

  /* Template widgets */
  GtkWidget          *toolbar;
  GtkButton          *new_button;
  GtkButton          *reload_button;
  GtkBox             *extra_box;
  GtkButton          *edit_button;
  GtkButton          *history_button;
  GtkButton          *compare_button;
  GtkButton          *copy_button;
  GtkButton          *deleted_button;
  char               *draft_id;         /* an edit kept from an earlier run, opened once the list is in */
  JsonObject         *draft_object;
  GtkButton          *delete_button;
  GtkStack           *state_stack;
  AdwStatusPage      *loading_page;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *error_page;
  GtkButton          *retry_button;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_new_button;
  GtkColumnView      *column_view;
  AdwBin             *editor_bin;
} LkListPagePrivate;

static void lk_list_page_page_iface_init (LkPageInterface *iface);

G_DEFINE_TYPE_WITH_CODE (LkListPage, lk_list_page, ADW_TYPE_BIN,
                         G_ADD_PRIVATE (LkListPage)
                         G_IMPLEMENT_INTERFACE (LK_TYPE_PAGE, lk_list_page_page_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SESSION,
  PROP_EDITOR,
  PROP_TOOLBAR_EXTRA,
  PROP_NEW_TOOLTIP,
  PROP_NEW_LABEL,
  PROP_LOADING_TITLE,
  PROP_ERROR_TITLE,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define PRIV(self) ((LkListPagePrivate *) lk_list_page_get_instance_private (LK_LIST_PAGE (self)))

static const char *
prefix (LkListPage *self)
{
  return g_type_get_qdata (G_OBJECT_TYPE (self), g_quark_from_static_string ("lk-list-page-prefix"));
}

static void
set_page_action (LkListPage *self,
                 const char *action,
                 gboolean    enabled)
{
  g_autofree char *name = g_strconcat (prefix (self), ".", action, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), name, enabled);
}

static const char *
item_name (LkListPage *self,
           gpointer    item)
{
  const char *name = LK_LIST_PAGE_GET_CLASS (self)->kind->get_name (item);

  return name != NULL ? name : "";
}

/* State */

static void
update_actions (LkListPage *self)
{
  LkListPagePrivate *priv = PRIV (self);
  LkListPageClass *klass = LK_LIST_PAGE_GET_CLASS (self);
  gboolean loaded = lk_list_page_get_loaded (self);
  gpointer item = lk_list_page_get_selected (self);

  if (prefix (self) == NULL)
    return;

  set_page_action (self, "reload", priv->client != NULL && !priv->loading);
  set_page_action (self, "new", loaded);
  set_page_action (self, "edit", loaded && item != NULL);
  set_page_action (self, "delete", loaded && item != NULL && !priv->deleting && klass->can_delete (self, item));
  set_page_action (self, "history", loaded && item != NULL && klass->kind->keeps_history);
  set_page_action (self, "deleted", loaded && klass->kind->keeps_history);
  set_page_action (self, "compare", loaded && item != NULL && priv->session != NULL);
  set_page_action (self, "copy", loaded && item != NULL && priv->session != NULL);
  if (klass->update_actions != NULL)
    klass->update_actions (self);
}

static gboolean
editor_shown (LkListPage *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (PRIV (self)->state_stack), "editor");
}

static void
update_state (LkListPage *self)
{
  LkListPagePrivate *priv = PRIV (self);
  const char *name;

  if (priv->loading)
    name = "loading";
  else if (priv->load_error != NULL)
    name = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (priv->items)) == 0)
    name = "empty";
  else
    name = "list";

  gtk_spinner_set_spinning (priv->loading_spinner, priv->loading);
  lk_widget_set_busy (GTK_WIDGET (priv->state_stack), priv->loading);
  /* An open editor stays until it is left. */
  if (!editor_shown (self))
    gtk_stack_set_visible_child_name (priv->state_stack, name);
  update_actions (self);
}

static void open_editor (LkListPage *self,
                         gpointer    item);

/* The edit an earlier run kept, in the editor of its object as it is now. */
static void
open_kept_draft (LkListPage *self)
{
  LkListPagePrivate *priv = PRIV (self);
  const LkResourceKind *kind = LK_LIST_PAGE_GET_CLASS (self)->kind;
  g_autoptr(JsonObject) draft = g_steal_pointer (&priv->draft_object);
  g_autofree char *id = g_steal_pointer (&priv->draft_id);
  GListModel *items = G_LIST_MODEL (priv->items);

  if (draft == NULL || priv->editor == NULL || !lk_list_page_get_loaded (self))
    {
      priv->draft_object = g_steal_pointer (&draft);
      priv->draft_id = g_steal_pointer (&id);
      return;
    }

  /* A new one, never saved: the editor of a new one. */
  if (g_str_has_prefix (id, LK_DRAFT_NEW_PREFIX))
    {
      open_editor (self, NULL);
      lk_form_editor_load_draft (LK_FORM_EDITOR (priv->editor), NULL, id, draft);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (kind->get_id (item), id) == 0)
        {
          g_autoptr(JsonObject) theirs = kind->to_json (item);

          open_editor (self, item);
          lk_form_editor_load_draft (LK_FORM_EDITOR (priv->editor), theirs, id, draft);
          return;
        }
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                              _("The unsaved edit is of something no longer on the tenant: it is dropped"));
}

/**
 * lk_list_page_open_draft:
 * @self: a #LkListPage
 * @id: the object an earlier run's unsaved edit is of
 * @draft: that edit
 *
 * Opens the editor with @draft as an unsaved edit of the object as the
 * tenant has it now, once the list is in.
 */
void
lk_list_page_open_draft (LkListPage *self,
                         const char *id,
                         JsonObject *draft)
{
  LkListPagePrivate *priv = PRIV (self);

  g_return_if_fail (LK_IS_LIST_PAGE (self));

  g_free (priv->draft_id);
  priv->draft_id = g_strdup (id);
  g_clear_pointer (&priv->draft_object, json_object_unref);
  priv->draft_object = json_object_ref (draft);
  open_kept_draft (self);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkListPage) self = user_data;
  LkListPagePrivate *priv = PRIV (self);
  LkListPageClass *klass = LK_LIST_PAGE_GET_CLASS (self);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  items = klass->load_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  priv->loading = FALSE;
  g_clear_object (&priv->cancellable);
  if (items == NULL)
    {
      /* What the server said, its tracking ID included; the description
       * is markup, and messages hold "<data>" and such.
       */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      priv->load_error = g_steal_pointer (&error);
      adw_status_page_set_description (priv->error_page, escaped);
    }

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (items, i));
  if (klass->compare != NULL)
    g_ptr_array_sort_with_data (sorted, klass->compare, NULL);
  g_list_store_splice (priv->items, 0, g_list_model_get_n_items (G_LIST_MODEL (priv->items)),
                       sorted->pdata, sorted->len);
  update_state (self);
  open_kept_draft (self);
}

/**
 * lk_list_page_reload:
 * @self: a #LkListPage
 *
 * Fetches the list again, and what comes with it.
 */
void
lk_list_page_reload (LkListPage *self)
{
  LkListPagePrivate *priv;

  g_return_if_fail (LK_IS_LIST_PAGE (self));

  priv = PRIV (self);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_clear_error (&priv->load_error);
  priv->loading = priv->client != NULL;

  if (priv->client == NULL)
    {
      g_list_store_remove_all (priv->items);
      update_state (self);
      return;
    }

  priv->cancellable = g_cancellable_new ();
  update_state (self);
  LK_LIST_PAGE_GET_CLASS (self)->load_async (self, priv->client, priv->cancellable, on_loaded_cb,
                                             g_object_ref (self));
}

static void
lk_list_page_real_load_async (LkListPage          *self,
                              LkClient            *client,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  lk_client_list_resources_async (client, LK_LIST_PAGE_GET_CLASS (self)->kind, cancellable, callback,
                                  user_data);
}

static GListModel *
lk_list_page_real_load_finish (LkListPage    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  /* The client that was asked, which may not be the page's any more. */
  g_autoptr(GObject) client = g_async_result_get_source_object (result);

  return lk_client_list_resources_finish (LK_CLIENT (client), result, error);
}

static gboolean
lk_list_page_real_can_delete (LkListPage *self,
                              gpointer    item)
{
  return TRUE;
}

/* Columns */

static void
on_text_cell_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_text_cell_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LkListPage               *self)
{
  LkListPageFormatFunc format = g_object_get_data (G_OBJECT (factory), "lk-format");
  g_autofree char *text = format (self, gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : "");
}

/**
 * lk_list_page_add_column:
 * @self: a #LkListPage
 * @title: the column's heading, translated
 * @expand: whether it takes the width left over
 * @factory: (transfer full): makes and fills its cells
 */
void
lk_list_page_add_column (LkListPage         *self,
                         const char         *title,
                         gboolean            expand,
                         GtkListItemFactory *factory)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_if_fail (LK_IS_LIST_PAGE (self));
  g_return_if_fail (GTK_IS_LIST_ITEM_FACTORY (factory));

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (PRIV (self)->column_view, column);
}

/**
 * lk_list_page_add_text_column:
 * @self: a #LkListPage
 * @title: the column's heading, translated
 * @expand: whether it takes the width left over
 * @format: the cell's text for an item, on one line
 */
void
lk_list_page_add_text_column (LkListPage           *self,
                              const char           *title,
                              gboolean              expand,
                              LkListPageFormatFunc  format)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (LK_IS_LIST_PAGE (self));

  g_object_set_data (G_OBJECT (factory), "lk-format", format);
  g_signal_connect (factory, "setup", G_CALLBACK (on_text_cell_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_text_cell_bind_cb), self, 0);
  lk_list_page_add_column (self, title, expand, factory);
}

/* Editing */

/**
 * lk_list_page_show_editor:
 * @self: a #LkListPage
 *
 * Shows the editor, once the subclass has filled it, in place of the list.
 */
void
lk_list_page_show_editor (LkListPage *self)
{
  LkListPagePrivate *priv;
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (LK_IS_LIST_PAGE (self));

  priv = PRIV (self);
  gtk_widget_set_visible (priv->toolbar, FALSE);
  gtk_stack_set_visible_child_name (priv->state_stack, "editor");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (priv->editor)))
    gtk_widget_grab_focus (GTK_WIDGET (priv->editor));
}

static void
open_editor (LkListPage *self,
             gpointer    item)
{
  LkListPagePrivate *priv = PRIV (self);

  if (priv->client == NULL || priv->editor == NULL)
    return;

  LK_LIST_PAGE_GET_CLASS (self)->edit (self, priv->client, item);
  lk_list_page_show_editor (self);
}

static void
on_column_view_activate_cb (LkListPage    *self,
                            guint          position,
                            GtkColumnView *view)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (PRIV (self)->selection), position);

  open_editor (self, item);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LkListPage *self = LK_LIST_PAGE (widget);

  if (lk_list_page_get_selected (self) != NULL)
    open_editor (self, lk_list_page_get_selected (self));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  open_editor (LK_LIST_PAGE (widget), NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  lk_list_page_reload (LK_LIST_PAGE (widget));
}

/* A version restored, or a deleted object made anew: the list shows it. */
static void
on_restored_cb (LkListPage *self,
                GObject    *saved)
{
  const LkResourceKind *kind = LK_LIST_PAGE_GET_CLASS (self)->kind;
  g_autofree char *message = g_strdup_printf (_("“%s” restored"), kind->get_name (saved));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  lk_list_page_reload (self);
}

static void
present_history (LkListPage      *self,
                 LkHistoryDialog *dialog)
{
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LkListPage *self = LK_LIST_PAGE (widget);
  gpointer item = lk_list_page_get_selected (self);

  if (item == NULL || PRIV (self)->client == NULL)
    return;

  present_history (self, lk_history_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), PRIV (self)->client,
                                                LK_LIST_PAGE_GET_CLASS (self)->kind, PRIV (self)->editor, item));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LkListPage *self = LK_LIST_PAGE (widget);
  gpointer item = lk_list_page_get_selected (self);
  LkCompareDialog *dialog;

  if (item == NULL || PRIV (self)->client == NULL || PRIV (self)->session == NULL)
    return;

  dialog = lk_compare_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), PRIV (self)->session,
                                  PRIV (self)->client, LK_LIST_PAGE_GET_CLASS (self)->kind, PRIV (self)->editor, item);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_copied_cb (LkListPage   *self,
              GObject      *made,
              const char   *tenant,
              LkCopyDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (_("“%s” copied to “%s”"),
                                              LK_LIST_PAGE_GET_CLASS (self)->kind->get_name (made), tenant);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LkListPage *self = LK_LIST_PAGE (widget);
  gpointer item = lk_list_page_get_selected (self);
  LkCopyDialog *dialog;

  if (item == NULL || PRIV (self)->client == NULL || PRIV (self)->session == NULL)
    return;

  dialog = lk_copy_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), PRIV (self)->session,
                               PRIV (self)->client, LK_LIST_PAGE_GET_CLASS (self)->kind, item);
  g_signal_connect_object (dialog, "copied", G_CALLBACK (on_copied_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deleted_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LkListPage *self = LK_LIST_PAGE (widget);

  if (PRIV (self)->client == NULL)
    return;

  present_history (self, lk_history_dialog_new_deleted (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                        PRIV (self)->client, LK_LIST_PAGE_GET_CLASS (self)->kind,
                                                        PRIV (self)->editor));
}

/* The list takes the item as the tenant has it now. */
static void
on_editor_saved_cb (LkListPage   *self,
                    GObject      *saved,
                    LkFormEditor *editor)
{
  LkListPagePrivate *priv = PRIV (self);
  const LkResourceKind *kind = LK_LIST_PAGE_GET_CLASS (self)->kind;
  g_autofree char *message = g_strdup_printf (_("“%s” saved"), item_name (self, saved));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (priv->items));
  guint position = n_items;

  for (guint i = 0; i < n_items && position == n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (priv->items), i);

      if (g_strcmp0 (kind->get_id (item), kind->get_id (saved)) == 0)
        position = i;
    }

  g_list_store_splice (priv->items, position, position < n_items ? 1 : 0, (gpointer *) &saved, 1);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
on_editor_done_cb (LkListPage   *self,
                   LkFormEditor *editor)
{
  LkListPagePrivate *priv = PRIV (self);

  gtk_widget_set_visible (priv->toolbar, TRUE);
  gtk_stack_set_visible_child_name (priv->state_stack, "list");
  update_state (self);
}

/* Deleting */

/**
 * lk_list_page_show_error:
 * @self: a #LkListPage
 * @heading: what did not happen
 * @message: why: the tenant's or the system's words
 */
void
lk_list_page_show_error (LkListPage *self,
                         const char *heading,
                         const char *message)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkListPage *self = g_task_get_source_object (task);
  LkListPagePrivate *priv = PRIV (self);
  gpointer item = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint position;

  priv->deleting = FALSE;
  if (lk_client_request_finish (LK_CLIENT (object), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” deleted"), item_name (self, item));

      if (g_list_store_find (priv->items, item, &position))
        g_list_store_remove (priv->items, position);
      /* The window shows it; a page on its own (tests) has nowhere to. */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Deleted"), item_name (self, item));

      lk_list_page_show_error (self, heading, error->message);
    }

  update_state (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LkListPage       *self)
{
  LkListPagePrivate *priv = PRIV (self);
  GObject *item = g_object_get_data (G_OBJECT (dialog), "lk-item");
  GTask *task;

  if (!g_str_equal (response, "delete") || priv->client == NULL || priv->deleting)
    return;

  /* The task keeps the page and the item until the tenant answers. */
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (item), g_object_unref);
  priv->deleting = TRUE;
  update_actions (self);
  lk_client_delete_resource_async (priv->client, LK_LIST_PAGE_GET_CLASS (self)->kind,
                                   LK_LIST_PAGE_GET_CLASS (self)->kind->get_id (item), NULL, on_deleted_cb, task);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LkListPage *self = LK_LIST_PAGE (widget);
  LkListPageClass *klass = LK_LIST_PAGE_GET_CLASS (self);
  gpointer item = lk_list_page_get_selected (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (item == NULL || !klass->can_delete (self, item))
    return;

  body = klass->delete_message (self, item);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, body));
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), item_name (self, item));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lk-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lk_list_page_class_install_actions:
 * @klass: a subclass of #LkListPage
 * @prefix: its actions' group name, such as "policies"
 *
 * Installs PREFIX.new (Ctrl+N), .edit, .delete (Delete), .reload (F5),
 * .history (the selected one's versions), .deleted (what can be made
 * anew), .compare and .copy (with and to another saved tenant), and points
 * the page's buttons at them.
 */
void
lk_list_page_class_install_actions (LkListPageClass *klass,
                                    const char      *prefix)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const struct {
    const char                  *name;
    GtkWidgetActionActivateFunc  activate;
    guint                        key;
    GdkModifierType              modifiers;
  } actions[] = {
    { "reload", reload_action, GDK_KEY_F5, 0 },
    { "new", new_action, GDK_KEY_n, GDK_CONTROL_MASK },
    { "edit", edit_action, 0, 0 },
    { "delete", delete_action, GDK_KEY_Delete, 0 },
    { "history", history_action, 0, 0 },
    { "deleted", deleted_action, 0, 0 },
    { "compare", compare_action, 0, 0 },
    { "copy", copy_action, 0, 0 },
  };

  g_return_if_fail (LK_IS_LIST_PAGE_CLASS (klass));

  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), g_quark_from_static_string ("lk-list-page-prefix"),
                    (gpointer) g_intern_string (prefix));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *name = g_strconcat (prefix, ".", actions[i].name, NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, actions[i].activate);
      if (actions[i].key != 0)
        gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].modifiers, name, NULL);
    }
}

/* GObject */

static void
lk_list_page_constructed (GObject *object)
{
  LkListPage *self = LK_LIST_PAGE (object);
  LkListPagePrivate *priv = PRIV (self);
  const struct {
    GtkButton  *button;
    const char *action;
  } buttons[] = {
    { priv->new_button, "new" },
    { priv->empty_new_button, "new" },
    { priv->reload_button, "reload" },
    { priv->retry_button, "reload" },
    { priv->edit_button, "edit" },
    { priv->history_button, "history" },
    { priv->compare_button, "compare" },
    { priv->copy_button, "copy" },
    { priv->deleted_button, "deleted" },
    { priv->delete_button, "delete" },
  };

  G_OBJECT_CLASS (lk_list_page_parent_class)->constructed (object);

  g_return_if_fail (prefix (self) != NULL);
  g_return_if_fail (LK_LIST_PAGE_GET_CLASS (self)->kind != NULL);

  /* The subclass's kind is known from here on, not in init. */
  priv->items = g_list_store_new (LK_LIST_PAGE_GET_CLASS (self)->kind->item_type ());
  priv->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (priv->items)));
  gtk_single_selection_set_autoselect (priv->selection, FALSE);
  gtk_single_selection_set_can_unselect (priv->selection, TRUE);
  gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (priv->selection));
  g_signal_connect_object (priv->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autofree char *name = g_strconcat (prefix (self), ".", buttons[i].action, NULL);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i].button), name);
    }
  update_state (self);
}

static void
lk_list_page_dispose (GObject *object)
{
  LkListPage *self = LK_LIST_PAGE (object);
  LkListPagePrivate *priv = PRIV (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  if (priv->selection != NULL)
    g_signal_handlers_disconnect_by_data (priv->selection, self);
  if (priv->column_view != NULL)
    gtk_column_view_set_model (priv->column_view, NULL);
  if (priv->editor != NULL)
    g_signal_handlers_disconnect_by_data (priv->editor, self);
  priv->editor = NULL;
  priv->toolbar_extra = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_LIST_PAGE);

  G_OBJECT_CLASS (lk_list_page_parent_class)->dispose (object);
}

static void
lk_list_page_finalize (GObject *object)
{
  LkListPagePrivate *priv = PRIV (object);

  g_clear_pointer (&priv->draft_id, g_free);
  g_clear_pointer (&priv->draft_object, json_object_unref);
  g_clear_object (&priv->client);
  g_clear_object (&priv->session);
  g_clear_object (&priv->selection);
  g_clear_object (&priv->items);
  g_clear_error (&priv->load_error);

  G_OBJECT_CLASS (lk_list_page_parent_class)->finalize (object);
}

static void
lk_list_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkListPage *self = LK_LIST_PAGE (object);
  LkListPagePrivate *priv = PRIV (self);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, priv->client);
      break;

    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;

    case PROP_EDITOR:
      g_value_set_object (value, priv->editor);
      break;

    case PROP_TOOLBAR_EXTRA:
      g_value_set_object (value, priv->toolbar_extra);
      break;

    case PROP_NEW_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (priv->new_button)));
      break;

    case PROP_NEW_LABEL:
      g_value_set_string (value, gtk_button_get_label (priv->empty_new_button));
      break;

    case PROP_LOADING_TITLE:
      g_value_set_string (value, adw_status_page_get_title (priv->loading_page));
      break;

    case PROP_ERROR_TITLE:
      g_value_set_string (value, adw_status_page_get_title (priv->error_page));
      break;

    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (priv->empty_page));
      break;

    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (priv->empty_page));
      break;

    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (priv->empty_page));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_list_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkListPage *self = LK_LIST_PAGE (object);
  LkListPagePrivate *priv = PRIV (self);

  switch (prop_id)
    {
    case PROP_CLIENT:
      lk_list_page_set_client (self, g_value_get_object (value));
      break;

    case PROP_SESSION:
      g_set_object (&priv->session, g_value_get_object (value));
      update_actions (self);
      break;

    case PROP_EDITOR:
      lk_list_page_set_editor (self, g_value_get_object (value));
      break;

    case PROP_TOOLBAR_EXTRA:
      /* The buttons a subclass adds between Reload and Edit. */
      if (priv->toolbar_extra != NULL)
        gtk_box_remove (priv->extra_box, priv->toolbar_extra);
      priv->toolbar_extra = g_value_get_object (value);
      if (priv->toolbar_extra != NULL)
        gtk_box_append (priv->extra_box, priv->toolbar_extra);
      gtk_widget_set_visible (GTK_WIDGET (priv->extra_box), priv->toolbar_extra != NULL);
      break;

    case PROP_NEW_TOOLTIP:
      gtk_widget_set_tooltip_text (GTK_WIDGET (priv->new_button), g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (priv->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_value_get_string (value), -1);
      break;

    case PROP_NEW_LABEL:
      /* The empty page offers to make the first one, where that makes sense. */
      gtk_button_set_label (priv->empty_new_button, g_value_get_string (value));
      gtk_widget_set_visible (GTK_WIDGET (priv->empty_new_button), g_value_get_string (value) != NULL);
      break;

    case PROP_LOADING_TITLE:
      adw_status_page_set_title (priv->loading_page, g_value_get_string (value));
      break;

    case PROP_ERROR_TITLE:
      adw_status_page_set_title (priv->error_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (priv->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (priv->empty_page, g_value_get_string (value));
      break;

    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (priv->empty_page, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
}

/* The open editor's first field, else the list, else the first control:
 * the page's keys work as soon as it is shown.
 */
static gboolean
lk_list_page_grab_focus (GtkWidget *widget)
{
  LkListPage *self = LK_LIST_PAGE (widget);
  LkListPagePrivate *priv = PRIV (self);

  if (editor_shown (self))
    return gtk_widget_grab_focus (GTK_WIDGET (priv->editor)) ||
           gtk_widget_child_focus (GTK_WIDGET (priv->editor_bin), GTK_DIR_TAB_FORWARD);
  if (gtk_widget_get_mapped (GTK_WIDGET (priv->column_view)) && gtk_widget_grab_focus (GTK_WIDGET (priv->column_view)))
    return TRUE;
  /* Not on @widget itself: that comes back here. */
  return gtk_widget_child_focus (gtk_widget_get_first_child (widget), GTK_DIR_TAB_FORWARD);
}

static void
lk_list_page_class_init (LkListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lk_list_page_constructed;
  object_class->dispose = lk_list_page_dispose;
  object_class->finalize = lk_list_page_finalize;
  widget_class->grab_focus = lk_list_page_grab_focus;
  object_class->get_property = lk_list_page_get_property;
  object_class->set_property = lk_list_page_set_property;

  klass->load_async = lk_list_page_real_load_async;
  klass->load_finish = lk_list_page_real_load_finish;
  klass->can_delete = lk_list_page_real_can_delete;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Optional: the saved tenants, to compare with and copy to. */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties [PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, LK_TYPE_FORM_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TOOLBAR_EXTRA] =
    g_param_spec_object ("toolbar-extra", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NEW_TOOLTIP] = text_param ("new-tooltip");
  properties [PROP_NEW_LABEL] = text_param ("new-label");
  properties [PROP_LOADING_TITLE] = text_param ("loading-title");
  properties [PROP_ERROR_TITLE] = text_param ("error-title");
  properties [PROP_EMPTY_TITLE] = text_param ("empty-title");
  properties [PROP_EMPTY_DESCRIPTION] = text_param ("empty-description");
  properties [PROP_EMPTY_ICON_NAME] = text_param ("empty-icon-name");
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/widgets/lk-list-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, toolbar);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, new_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, reload_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, extra_box);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, edit_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, delete_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, history_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, compare_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, copy_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, deleted_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, state_stack);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, loading_page);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, loading_spinner);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, error_page);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, retry_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, empty_page);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, empty_new_button);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, column_view);
  gtk_widget_class_bind_template_child_private (widget_class, LkListPage, editor_bin);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
lk_list_page_init (LkListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkClient *
lk_list_page_get_client (LkListPage *self)
{
  g_return_val_if_fail (LK_IS_LIST_PAGE (self), NULL);

  return PRIV (self)->client;
}

/**
 * lk_list_page_set_client:
 * @self: a #LkListPage
 * @client: (nullable): the tenant's client, or %NULL for none
 *
 * Shows @client's tenant: an open editor is closed, the list loaded anew.
 */
void
lk_list_page_set_client (LkListPage *self,
                         LkClient   *client)
{
  LkListPagePrivate *priv;

  g_return_if_fail (LK_IS_LIST_PAGE (self));
  g_return_if_fail (!client || LK_IS_CLIENT (client));

  priv = PRIV (self);
  if (!g_set_object (&priv->client, client))
    return;

  /* An open editor belongs to the tenant it was opened for. */
  if (editor_shown (self))
    on_editor_done_cb (self, priv->editor);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
  lk_list_page_reload (self);
}

/**
 * lk_list_page_get_model:
 * @self: a #LkListPage
 *
 * Returns: (transfer none): the items as shown, in order, selectable
 */
GtkSelectionModel *
lk_list_page_get_model (LkListPage *self)
{
  g_return_val_if_fail (LK_IS_LIST_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (PRIV (self)->selection);
}

/**
 * lk_list_page_get_items:
 * @self: a #LkListPage
 *
 * Returns: (transfer none): the items as shown, for a subclass to read
 */
GListModel *
lk_list_page_get_items (LkListPage *self)
{
  g_return_val_if_fail (LK_IS_LIST_PAGE (self), NULL);

  return G_LIST_MODEL (PRIV (self)->items);
}

/**
 * lk_list_page_get_selected:
 * @self: a #LkListPage
 *
 * Returns: (transfer none) (nullable): the item chosen in the list
 */
gpointer
lk_list_page_get_selected (LkListPage *self)
{
  g_return_val_if_fail (LK_IS_LIST_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (PRIV (self)->selection);
}

/**
 * lk_list_page_get_loaded:
 * @self: a #LkListPage
 *
 * Returns: whether the list is the tenant's: loaded, with no error
 */
gboolean
lk_list_page_get_loaded (LkListPage *self)
{
  LkListPagePrivate *priv;

  g_return_val_if_fail (LK_IS_LIST_PAGE (self), FALSE);

  priv = PRIV (self);
  return priv->client != NULL && !priv->loading && priv->load_error == NULL;
}

/**
 * lk_list_page_get_editor:
 * @self: a #LkListPage
 *
 * Returns: (transfer none) (nullable): the page's editor, shown or not
 */
LkFormEditor *
lk_list_page_get_editor (LkListPage *self)
{
  g_return_val_if_fail (LK_IS_LIST_PAGE (self), NULL);

  return PRIV (self)->editor;
}

/**
 * lk_list_page_set_editor:
 * @self: a #LkListPage
 * @editor: the editor that opens in place of the list
 *
 * Set once, from the subclass's template.
 */
void
lk_list_page_set_editor (LkListPage   *self,
                         LkFormEditor *editor)
{
  LkListPagePrivate *priv;

  g_return_if_fail (LK_IS_LIST_PAGE (self));
  g_return_if_fail (LK_IS_FORM_EDITOR (editor));

  priv = PRIV (self);
  g_return_if_fail (priv->editor == NULL);

  priv->editor = editor;
  adw_bin_set_child (priv->editor_bin, GTK_WIDGET (editor));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "done", G_CALLBACK (on_editor_done_cb), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EDITOR]);
}

/**
 * lk_list_page_get_has_unsaved_changes:
 * @self: a #LkListPage
 *
 * Returns: whether an item is open in the editor with changes not saved
 */
gboolean
lk_list_page_get_has_unsaved_changes (LkListPage *self)
{
  g_return_val_if_fail (LK_IS_LIST_PAGE (self), FALSE);

  return editor_shown (self) && lk_form_editor_get_changed (PRIV (self)->editor);
}

/**
 * lk_list_page_dup_names:
 * @self: a #LkListPage
 *
 * Returns: (transfer full): the names of the items listed, which a new
 *   one must not repeat
 */
GStrv
lk_list_page_dup_names (LkListPage *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GListModel *items;

  g_return_val_if_fail (LK_IS_LIST_PAGE (self), NULL);

  items = G_LIST_MODEL (PRIV (self)->items);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      const char *name = LK_LIST_PAGE_GET_CLASS (self)->kind->get_name (item);

      if (name != NULL)
        g_strv_builder_add (names, name);
    }

  return g_strv_builder_end (names);
}

/* LkPage */

static void
page_set_client (LkPage   *page,
                 LkClient *client)
{
  lk_list_page_set_client (LK_LIST_PAGE (page), client);
}

static LkFormEditor *
page_get_unsaved_editor (LkPage *page)
{
  LkListPage *self = LK_LIST_PAGE (page);

  return lk_list_page_get_has_unsaved_changes (self) ? lk_list_page_get_editor (self) : NULL;
}

static void
lk_list_page_page_iface_init (LkPageInterface *iface)
{
  iface->set_client = page_set_client;
  iface->get_unsaved_editor = page_get_unsaved_editor;
}
