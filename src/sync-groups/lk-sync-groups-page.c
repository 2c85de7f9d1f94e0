/* lk-sync-groups-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sync-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-sync-group-editor.h"
#include "lk-sync-groups-page.h"
#include "lk-page.h"

/* The password sync groups of a tenant: sources that share one password
 * and one policy. The tenant's policies are fetched with the groups, to
 * show each group's policy by name and to choose one in the editor, which
 * opens in place of the list.
 */

struct _LkSyncGroupsPage
{
  AdwBin              parent_instance;

  LkClient           *client;
  GCancellable       *cancellable;
  GListStore         *groups;
  GListStore         *policies;
  GtkSingleSelection *selection;
  GError             *load_error;
  guint               pending_loads;
  gboolean            deleting;

  /* Template widgets */
  GtkStack           *state_stack;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkWidget          *toolbar;
  LkSyncGroupEditor  *editor;
};

static void lk_sync_groups_page_page_iface_init (LkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkSyncGroupsPage, lk_sync_groups_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LK_TYPE_PAGE, lk_sync_groups_page_page_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Cells */

static char *
format_name (LkSyncGroupsPage *self,
             LkSyncGroup      *group)
{
  return g_strdup (lk_sync_group_get_name (group));
}

static char *
format_policy (LkSyncGroupsPage *self,
               LkSyncGroup      *group)
{
  const char *id = lk_sync_group_get_password_policy_id (group);

  for (guint i = 0; id && i < g_list_model_get_n_items (G_LIST_MODEL (self->policies)); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (G_LIST_MODEL (self->policies), i);

      if (g_strcmp0 (lk_password_policy_get_id (policy), id) == 0)
        return g_strdup (lk_password_policy_get_name (policy));
    }

  /* A policy the tenant did not list: its id is all there is. */
  return id ? g_strdup_printf (_("Unknown policy %s"), id) : g_strdup (_("None"));
}

static char *
format_sources (LkSyncGroupsPage *self,
                LkSyncGroup      *group)
{
  return g_strdup_printf ("%u", g_strv_length ((char **) lk_sync_group_get_source_ids (group)));
}

static char *
format_modified (LkSyncGroupsPage *self,
                 LkSyncGroup      *group)
{
  GDateTime *modified = lk_sync_group_get_modified (group);
  g_autoptr(GDateTime) local = NULL;

  if (modified == NULL && (modified = lk_sync_group_get_created (group)) == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (modified);
  return g_date_time_format (local, "%Y-%m-%d");
}

static const struct {
  const char  *title;
  gboolean     expand;
  char      *(*format) (LkSyncGroupsPage *self,
                        LkSyncGroup      *group);
} columns[] = {
  { N_("Name"), TRUE, format_name },
  { N_("Password Policy"), TRUE, format_policy },
  { N_("Sources"), FALSE, format_sources },
  { N_("Modified"), FALSE, format_modified },
};

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LkSyncGroupsPage         *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "lk-column"));
  g_autofree char *text = columns[column].format (self, gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : "");
}

static void
add_columns (LkSyncGroupsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "lk-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (on_cell_bind_cb), self, 0);
      column = gtk_column_view_column_new (_(columns[i].title), g_object_ref (factory));
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* State */

static LkSyncGroup *
selected_group (LkSyncGroupsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (LkSyncGroupsPage *self)
{
  gboolean loaded = self->client != NULL && self->pending_loads == 0 && self->load_error == NULL;
  LkSyncGroup *group = selected_group (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-groups.reload",
                                 self->client != NULL && self->pending_loads == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-groups.new", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-groups.edit", loaded && group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-groups.delete",
                                 loaded && group != NULL && !self->deleting);
}

static void
update_state (LkSyncGroupsPage *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->state_stack);
  const char *name;

  if (self->pending_loads > 0)
    name = "loading";
  else if (self->load_error != NULL)
    name = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->groups)) == 0)
    name = "empty";
  else
    name = "list";

  gtk_spinner_set_spinning (self->loading_spinner, self->pending_loads > 0);
  /* An open editor stays until it is left. */
  if (!g_str_equal (visible, "editor"))
    gtk_stack_set_visible_child_name (self->state_stack, name);
  update_actions (self);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  LkSyncGroup *x = *(LkSyncGroup **) a, *y = *(LkSyncGroup **) b;

  return g_utf8_collate (lk_sync_group_get_name (x) ? lk_sync_group_get_name (x) : "",
                         lk_sync_group_get_name (y) ? lk_sync_group_get_name (y) : "");
}

static void
replace_all (GListStore *store,
             GListModel *items,
             gboolean    by_name)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (items, i));
  if (by_name)
    g_ptr_array_sort_with_data (sorted, compare_groups, NULL);
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), sorted->pdata, sorted->len);
}

/* Both lists are in, or one failed: the page shows the outcome. */
static void
load_done (LkSyncGroupsPage *self,
           GError           *error)
{
  if (error != NULL && self->load_error == NULL)
    self->load_error = g_error_copy (error);

  if (--self->pending_loads > 0)
    return;

  g_clear_object (&self->cancellable);
  if (self->load_error != NULL)
    {
      /* The description is markup; messages hold "<data>" and such. */
      g_autofree char *escaped = g_markup_escape_text (self->load_error->message, -1);

      g_list_store_remove_all (self->groups);
      adw_status_page_set_description (self->error_page, escaped);
    }
  else
    {
      guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));

      /* The policy column reads the names that came with the groups. */
      g_list_model_items_changed (G_LIST_MODEL (self->groups), 0, n_groups, n_groups);
    }
  update_state (self);
}

static void
on_groups_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkSyncGroupsPage) self = user_data;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;

  groups = lk_client_list_sync_groups_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  replace_all (self->groups, groups, TRUE);
  load_done (self, error);
}

static void
on_policies_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LkSyncGroupsPage) self = user_data;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GError) error = NULL;

  policies = lk_client_list_policies_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  replace_all (self->policies, policies, FALSE);
  load_done (self, error);
}

/**
 * lk_sync_groups_page_reload:
 * @self: a #LkSyncGroupsPage
 *
 * Fetches the tenant's sync groups again, and its policies with them.
 */
void
lk_sync_groups_page_reload (LkSyncGroupsPage *self)
{
  g_return_if_fail (LK_IS_SYNC_GROUPS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  self->pending_loads = 0;

  if (self->client == NULL)
    {
      g_list_store_remove_all (self->groups);
      g_list_store_remove_all (self->policies);
      update_state (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->pending_loads = 2;
  update_state (self);
  lk_client_list_sync_groups_async (self->client, self->cancellable, on_groups_listed_cb, g_object_ref (self));
  lk_client_list_policies_async (self->client, TRUE, self->cancellable, on_policies_listed_cb, g_object_ref (self));
}

/* Editing */

static void
open_editor (LkSyncGroupsPage *self,
             LkSyncGroup      *group)
{
  if (self->client == NULL)
    return;

  lk_sync_group_editor_edit (self->editor, self->client, group, G_LIST_MODEL (self->policies),
                             G_LIST_MODEL (self->groups));
  gtk_widget_set_visible (self->toolbar, FALSE);
  gtk_stack_set_visible_child_name (self->state_stack, "editor");
}

static void
on_column_view_activate_cb (LkSyncGroupsPage *self,
                            guint             position,
                            GtkColumnView    *view)
{
  g_autoptr(LkSyncGroup) group = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  open_editor (self, group);
}

static void
lk_sync_groups_page_edit_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  LkSyncGroupsPage *self = LK_SYNC_GROUPS_PAGE (widget);

  if (selected_group (self) != NULL)
    open_editor (self, selected_group (self));
}

static void
lk_sync_groups_page_new_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  open_editor (LK_SYNC_GROUPS_PAGE (widget), NULL);
}

static void
on_editor_saved_cb (LkSyncGroupsPage  *self,
                    LkSyncGroup       *saved,
                    LkSyncGroupEditor *editor)
{
  g_autofree char *message = g_strdup_printf (_("“%s” saved"), lk_sync_group_get_name (saved));
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  guint position = n_groups;

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(LkSyncGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (g_strcmp0 (lk_sync_group_get_id (group), lk_sync_group_get_id (saved)) == 0)
        position = i;
    }

  g_list_store_splice (self->groups, position, position < n_groups ? 1 : 0, (gpointer *) &saved, 1);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
on_editor_done_cb (LkSyncGroupsPage  *self,
                   LkSyncGroupEditor *editor)
{
  gtk_widget_set_visible (self->toolbar, TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "list");
  update_state (self);
}

/* Deleting */

static void
on_group_deleted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSyncGroupsPage *self = g_task_get_source_object (task);
  LkSyncGroup *group = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint position;

  self->deleting = FALSE;
  if (lk_client_delete_sync_group_finish (LK_CLIENT (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” deleted"), lk_sync_group_get_name (group));

      if (g_list_store_find (self->groups, group, &position))
        g_list_store_remove (self->groups, position);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, NULL, error->message));

      adw_message_dialog_format_heading (dialog, _("“%s” Was Not Deleted"), lk_sync_group_get_name (group));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  update_state (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LkSyncGroupsPage *self)
{
  LkSyncGroup *group = g_object_get_data (G_OBJECT (dialog), "lk-group");
  GTask *task;

  if (!g_str_equal (response, "delete") || self->client == NULL || self->deleting)
    return;

  /* The task keeps the page and the group until the tenant answers. */
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (group), g_object_unref);
  self->deleting = TRUE;
  update_actions (self);
  lk_client_delete_sync_group_async (self->client, lk_sync_group_get_id (group), NULL, on_group_deleted_cb, task);
}

static void
lk_sync_groups_page_delete_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LkSyncGroupsPage *self = LK_SYNC_GROUPS_PAGE (widget);
  LkSyncGroup *group = selected_group (self);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_sources;

  if (group == NULL)
    return;

  n_sources = g_strv_length ((char **) lk_sync_group_get_source_ids (group));
  body = g_strdup_printf (ngettext ("Its %u source keeps its password and follows its own policy again. "
                                    "This cannot be undone.",
                                    "Its %u sources keep their passwords and follow their own policies again. "
                                    "This cannot be undone.", n_sources), n_sources);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, NULL, body));
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), lk_sync_group_get_name (group));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lk-group", g_object_ref (group), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_sync_groups_page_reload_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  lk_sync_groups_page_reload (LK_SYNC_GROUPS_PAGE (widget));
}

/* GObject */

static void
lk_sync_groups_page_dispose (GObject *object)
{
  LkSyncGroupsPage *self = LK_SYNC_GROUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_SYNC_GROUPS_PAGE);

  G_OBJECT_CLASS (lk_sync_groups_page_parent_class)->dispose (object);
}

static void
lk_sync_groups_page_finalize (GObject *object)
{
  LkSyncGroupsPage *self = LK_SYNC_GROUPS_PAGE (object);

  g_clear_object (&self->client);
  g_clear_object (&self->selection);
  g_clear_object (&self->groups);
  g_clear_object (&self->policies);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (lk_sync_groups_page_parent_class)->finalize (object);
}

static void
lk_sync_groups_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LkSyncGroupsPage *self = LK_SYNC_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_sync_groups_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LkSyncGroupsPage *self = LK_SYNC_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      lk_sync_groups_page_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_sync_groups_page_class_init (LkSyncGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_sync_groups_page_dispose;
  object_class->finalize = lk_sync_groups_page_finalize;
  object_class->get_property = lk_sync_groups_page_get_property;
  object_class->set_property = lk_sync_groups_page_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_SYNC_GROUP_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/sync-groups/lk-sync-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupsPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_done_cb);

  gtk_widget_class_install_action (widget_class, "sync-groups.reload", NULL, lk_sync_groups_page_reload_action);
  gtk_widget_class_install_action (widget_class, "sync-groups.new", NULL, lk_sync_groups_page_new_action);
  gtk_widget_class_install_action (widget_class, "sync-groups.edit", NULL, lk_sync_groups_page_edit_action);
  gtk_widget_class_install_action (widget_class, "sync-groups.delete", NULL, lk_sync_groups_page_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "sync-groups.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sync-groups.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sync-groups.new", NULL);
}

static void
lk_sync_groups_page_init (LkSyncGroupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_list_store_new (LK_TYPE_SYNC_GROUP);
  self->policies = g_list_store_new (LK_TYPE_PASSWORD_POLICY);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->groups)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  add_columns (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
}

LkSyncGroupsPage *
lk_sync_groups_page_new (void)
{
  return g_object_new (LK_TYPE_SYNC_GROUPS_PAGE, NULL);
}

LkClient *
lk_sync_groups_page_get_client (LkSyncGroupsPage *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUPS_PAGE (self), NULL);

  return self->client;
}

void
lk_sync_groups_page_set_client (LkSyncGroupsPage *self,
                                LkClient         *client)
{
  g_return_if_fail (LK_IS_SYNC_GROUPS_PAGE (self));
  g_return_if_fail (!client || LK_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* An open editor belongs to the tenant it was opened for. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "editor"))
    on_editor_done_cb (self, self->editor);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
  lk_sync_groups_page_reload (self);
}

GtkSelectionModel *
lk_sync_groups_page_get_model (LkSyncGroupsPage *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUPS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

gboolean
lk_sync_groups_page_get_has_unsaved_changes (LkSyncGroupsPage *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUPS_PAGE (self), FALSE);

  return g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "editor") &&
         lk_form_editor_get_changed (LK_FORM_EDITOR (self->editor));
}

LkSyncGroupEditor *
lk_sync_groups_page_get_editor (LkSyncGroupsPage *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUPS_PAGE (self), NULL);

  return self->editor;
}

/* LkPage */

static void
page_set_client (LkPage   *page,
                 LkClient *client)
{
  lk_sync_groups_page_set_client ((LkSyncGroupsPage *) page, client);
}

static LkFormEditor *
page_get_unsaved_editor (LkPage *page)
{
  LkSyncGroupsPage *self = (LkSyncGroupsPage *) page;

  return lk_sync_groups_page_get_has_unsaved_changes (self) ? LK_FORM_EDITOR (lk_sync_groups_page_get_editor (self)) : NULL;
}

static void
lk_sync_groups_page_page_iface_init (LkPageInterface *iface)
{
  iface->set_client = page_set_client;
  iface->get_unsaved_editor = page_get_unsaved_editor;
}
