/* lk-policies-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-policies-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lk-client-policies.h"
#include "lk-files.h"
#include "lk-json.h"
#include "lk-limits.h"
#include "lk-policies-page.h"
#include "lk-page.h"
#include "lk-policy-editor.h"

/* The password policies of a tenant: what each asks of a password, how
 * often it expires and how many sources follow it. The default policy
 * comes first and cannot be deleted. A policy opens in an LkPolicyEditor
 * in place of the list; leaving it with changes asks first.
 */

struct _LkPoliciesPage
{
  AdwBin               parent_instance;

  /* Owned */
  LkClient            *client;
  GCancellable        *cancellable;
  GListStore          *policies;
  GtkSingleSelection  *selection;
  gboolean             loading;
  gboolean             deleting;

  /* Template widgets */
  GtkStack            *state_stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *error_page;
  GtkColumnView       *column_view;
  GtkWidget           *toolbar;
  LkPolicyEditor      *editor;
};

static void lk_policies_page_page_iface_init (LkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkPoliciesPage, lk_policies_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LK_TYPE_PAGE, lk_policies_page_page_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Cells */

static char *
format_length (LkPasswordPolicy *policy)
{
  gint64 min = lk_password_policy_get_int (policy, "min-length");
  gint64 max = lk_password_policy_get_int (policy, "max-length");

  if (min > 0 && max > 0)
    return g_strdup_printf ("%lu–%lu", (gulong) min, (gulong) max);
  if (min > 0)
    return g_strdup_printf (_("%lu or more"), (gulong) min);
  if (max > 0)
    return g_strdup_printf (_("Up to %lu"), (gulong) max);

  return g_strdup (_("Any"));
}

static char *
format_expiration (LkPasswordPolicy *policy)
{
  gint64 days = lk_password_policy_get_int (policy, "password-expiration");

  if (!lk_password_policy_get_flag (policy, "enable-passwd-expiration") || days <= 0)
    return g_strdup (_("Never"));

  return g_strdup_printf (ngettext ("Every %lu day", "Every %lu days", (gulong) days), (gulong) days);
}

static char *
format_sources (LkPasswordPolicy *policy)
{
  return g_strdup_printf ("%u", g_strv_length ((char **) lk_password_policy_get_source_ids (policy)));
}

static char *
format_description (LkPasswordPolicy *policy)
{
  const char *description = lk_password_policy_get_description (policy);

  /* One line in the list; the editor shows all of it. */
  return description != NULL ? g_strdelimit (g_strdup (description), "\r\n", ' ') : g_strdup ("");
}

static const struct {
  const char  *title;
  gboolean     expand;
  char      *(*format) (LkPasswordPolicy *policy);
} columns[] = {
  { N_("Name"), TRUE, NULL },
  { N_("Description"), TRUE, format_description },
  { N_("Length"), FALSE, format_length },
  { N_("Expiration"), FALSE, format_expiration },
  { N_("Sources"), FALSE, format_sources },
};

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  /* The name, and a badge on the default policy. */
  if (column == 0)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *badge = gtk_label_new (_("Default"));

      gtk_widget_add_css_class (badge, "badge");
      gtk_widget_set_tooltip_text (badge, _("Applies to every source no other policy names; cannot be deleted"));
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), badge);
      gtk_list_item_set_child (item, box);
    }
  else
    gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  LkPasswordPolicy *policy = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);

  if (column == 0)
    {
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (child)), lk_password_policy_get_name (policy));
      gtk_widget_set_visible (gtk_widget_get_last_child (child), lk_password_policy_is_default (policy));
    }
  else
    {
      g_autofree char *text = columns[column].format (policy);

      gtk_label_set_text (GTK_LABEL (child), text);
    }
}

static void
add_columns (LkPoliciesPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), g_object_ref (factory));
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* State */

static LkPasswordPolicy *
selected_policy (LkPoliciesPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (LkPoliciesPage *self)
{
  LkPasswordPolicy *policy = selected_policy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policies.reload", self->client != NULL && !self->loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policies.new", self->client != NULL && !self->loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policies.edit", policy != NULL && !self->loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policies.duplicate", policy != NULL && !self->loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policies.export", policy != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policies.import", self->client != NULL && !self->loading);
  /* The default policy applies where no other does: it stays. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policies.delete",
                                 policy != NULL && !lk_password_policy_is_default (policy) &&
                                 !self->loading && !self->deleting);
}

static void
update_state (LkPoliciesPage *self)
{
  const char *name;

  if (self->loading)
    name = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->policies)) == 0)
    name = "empty";
  else
    name = "list";

  gtk_spinner_set_spinning (self->loading_spinner, self->loading);
  /* An error stays until the next load; an open editor until it is left. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "editor"))
    ;
  else if (!g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "error") || self->loading)
    gtk_stack_set_visible_child_name (self->state_stack, name);
  update_actions (self);
}

/* The default first, then by name. */
static int
compare_policies (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  LkPasswordPolicy *x = *(LkPasswordPolicy **) a, *y = *(LkPasswordPolicy **) b;

  if (lk_password_policy_is_default (x) != lk_password_policy_is_default (y))
    return lk_password_policy_is_default (x) ? -1 : 1;

  return g_utf8_collate (lk_password_policy_get_name (x) ? lk_password_policy_get_name (x) : "",
                         lk_password_policy_get_name (y) ? lk_password_policy_get_name (y) : "");
}

static void
on_policies_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LkPoliciesPage) self = user_data;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  policies = lk_client_list_policies_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);

  if (policies == NULL)
    {
      g_list_store_remove_all (self->policies);
      /* What the server said, its tracking ID included. */
      {
        /* The description is markup; messages hold "<data>" and such. */
        g_autofree char *escaped = g_markup_escape_text (error->message, -1);

        adw_status_page_set_description (self->error_page, escaped);
      }
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      update_state (self);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (policies, i));
  g_ptr_array_sort_with_data (sorted, compare_policies, NULL);
  g_list_store_splice (self->policies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->policies)),
                       sorted->pdata, sorted->len);

  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  update_state (self);
}

/**
 * lk_policies_page_reload:
 * @self: a #LkPoliciesPage
 *
 * Fetches the tenant's policies again, every page of them.
 */
void
lk_policies_page_reload (LkPoliciesPage *self)
{
  g_return_if_fail (LK_IS_POLICIES_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->client == NULL)
    {
      self->loading = FALSE;
      g_list_store_remove_all (self->policies);
      update_state (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_state (self);
  lk_client_list_policies_async (self->client, TRUE, self->cancellable, on_policies_listed_cb, g_object_ref (self));
}

/* Editing */

static GStrv
policy_names (LkPoliciesPage *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->policies)); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (G_LIST_MODEL (self->policies), i);

      if (lk_password_policy_get_name (policy) != NULL)
        g_strv_builder_add (names, lk_password_policy_get_name (policy));
    }

  return g_strv_builder_end (names);
}

static void
open_editor (LkPoliciesPage   *self,
             LkPasswordPolicy *policy)
{
  g_auto(GStrv) names = policy_names (self);

  if (self->client == NULL)
    return;

  lk_policy_editor_edit (self->editor, self->client, policy, (const char * const *) names);
  gtk_widget_set_visible (self->toolbar, FALSE);
  gtk_stack_set_visible_child_name (self->state_stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
on_column_view_activate_cb (LkPoliciesPage *self,
                            guint           position,
                            GtkColumnView  *view)
{
  g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  open_editor (self, policy);
}

static void
lk_policies_page_edit_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (widget);

  if (selected_policy (self) != NULL)
    open_editor (self, selected_policy (self));
}

/* "Copy of Strict", or "Copy of Strict (2)" when that is taken too. */
static char *
unique_copy_name (LkPoliciesPage *self,
                  const char     *name)
{
  g_auto(GStrv) names = policy_names (self);
  char *candidate = g_strdup_printf (_("Copy of %s"), name);

  for (guint n = 2; g_strv_contains ((const char * const *) names, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf (_("Copy of %s (%u)"), name, n);
    }

  return candidate;
}

static void
lk_policies_page_duplicate_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (widget);
  LkPasswordPolicy *policy = selected_policy (self);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LkPasswordPolicy) model = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) names = NULL;

  if (policy == NULL || self->client == NULL)
    return;

  object = lk_password_policy_to_json (policy);
  name = unique_copy_name (self, lk_password_policy_get_name (policy));
  json_object_set_string_member (object, "name", name);
  model = lk_password_policy_new_from_json (object, NULL);
  names = policy_names (self);

  lk_policy_editor_edit_copy (self->editor, self->client, model, (const char * const *) names);
  gtk_widget_set_visible (self->toolbar, FALSE);
  gtk_stack_set_visible_child_name (self->state_stack, "editor");
}

static void
lk_policies_page_new_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  open_editor (LK_POLICIES_PAGE (widget), NULL);
}

/* The list takes the policy as the tenant has it now. */
static void
on_editor_saved_cb (LkPoliciesPage   *self,
                    LkPasswordPolicy *saved,
                    LkPolicyEditor   *editor)
{
  g_autofree char *message = g_strdup_printf (_("“%s” saved"), lk_password_policy_get_name (saved));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->policies)); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (G_LIST_MODEL (self->policies), i);

      if (g_strcmp0 (lk_password_policy_get_id (policy), lk_password_policy_get_id (saved)) == 0)
        {
          g_list_store_splice (self->policies, i, 1, (gpointer *) &saved, 1);
          gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
          return;
        }
    }

  g_list_store_append (self->policies, saved);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
on_editor_done_cb (LkPoliciesPage *self,
                   LkPolicyEditor *editor)
{
  gtk_widget_set_visible (self->toolbar, TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "list");
  update_state (self);
}

/* Files */

/**
 * lk_policies_page_export_async:
 * @self: a #LkPoliciesPage
 * @policy: the policy to write
 * @file: where to write it
 * @callback: called once written
 * @user_data: for @callback
 *
 * Writes @policy as the tenant has it, as JSON, every field included.
 */
void
lk_policies_page_export_async (LkPoliciesPage      *self,
                               LkPasswordPolicy    *policy,
                               GFile               *file,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  g_autoptr(JsonNode) root = NULL;

  g_return_if_fail (LK_IS_POLICIES_PAGE (self));
  g_return_if_fail (LK_IS_PASSWORD_POLICY (policy));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, lk_policies_page_export_async);
  root = json_node_init_object (json_node_alloc (), lk_password_policy_to_json (policy));
  lk_task_replace_file_contents (task, file, json_to_string (root, TRUE));
}

gboolean
lk_policies_page_export_finish (LkPoliciesPage  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
show_file_error (LkPoliciesPage *self,
                 const char     *heading,
                 const char     *message)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!lk_policies_page_export_finish (self, result, &error))
    show_file_error (self, _("The Policy Was Not Saved to a File"), error->message);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Policy saved to a file"));
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LkPoliciesPage  *self)
{
  LkPasswordPolicy *policy = g_object_get_data (G_OBJECT (chooser), "lk-policy");

  if (response == GTK_RESPONSE_ACCEPT && policy != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lk_policies_page_export_async (self, policy, file, on_exported_cb, NULL);
    }

  g_object_unref (chooser);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("JSON"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
lk_policies_page_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (widget);
  LkPasswordPolicy *policy = selected_policy (self);
  g_autoptr(GtkFileFilter) filter = json_filter ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (policy == NULL)
    return;

  /* GtkFileDialog is GTK 4.10. */
  chooser = gtk_file_chooser_native_new (_("Save the Policy as JSON"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdelimit (g_strdup_printf ("%s.json", lk_password_policy_get_name (policy)), "/\\", '-');
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "lk-policy", g_object_ref (policy), g_object_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_policy_file_read_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LkPoliciesPage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LkPasswordPolicy) model = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  bytes = lk_file_load_limited_finish (G_FILE (object), result, &error);
  if (bytes != NULL && (root = lk_json_parse_bytes (bytes, &error)) != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("It holds JSON, but not one policy"));
  if (error == NULL)
    model = lk_password_policy_new_from_json (json_node_get_object (root), &error);

  if (model == NULL)
    {
      show_file_error (self, _("This File Is Not a Password Policy"), error->message);
      return;
    }

  /* Read, not yet the tenant's: the editor shows it to check and save. */
  if (self->client == NULL)
    return;
  names = policy_names (self);
  lk_policy_editor_edit_copy (self->editor, self->client, model, (const char * const *) names);
  gtk_widget_set_visible (self->toolbar, FALSE);
  gtk_stack_set_visible_child_name (self->state_stack, "editor");
}

/**
 * lk_policies_page_import:
 * @self: a #LkPoliciesPage
 * @file: a policy as JSON, such as one exported
 *
 * Opens the policy in @file as a new one in the editor, or says what is
 * wrong with the file.
 */
void
lk_policies_page_import (LkPoliciesPage *self,
                         GFile          *file)
{
  g_return_if_fail (LK_IS_POLICIES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Not /dev/zero, not a FIFO, not a gigabyte: see lk-limits.h. */
  lk_file_load_limited_async (file, LK_LIMIT_FILE_BYTES, NULL, on_policy_file_read_cb, g_object_ref (self));
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LkPoliciesPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lk_policies_page_import (self, file);
    }

  g_object_unref (chooser);
}

static void
lk_policies_page_import_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = json_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Policy"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Deleting */

typedef struct {
  LkPoliciesPage   *self;
  LkPasswordPolicy *policy;
} Deletion;

static void
deletion_free (Deletion *deletion)
{
  g_clear_object (&deletion->self);
  g_clear_object (&deletion->policy);
  g_free (deletion);
}

static void
on_policy_deleted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Deletion *deletion = user_data;
  LkPoliciesPage *self = deletion->self;
  g_autoptr(GError) error = NULL;
  guint position;

  self->deleting = FALSE;
  if (lk_client_delete_policy_finish (LK_CLIENT (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” deleted"), lk_password_policy_get_name (deletion->policy));

      if (g_list_store_find (self->policies, deletion->policy, &position))
        g_list_store_remove (self->policies, position);
      /* The window shows it; a page on its own (tests) has nowhere to. */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, NULL, error->message));

      adw_message_dialog_format_heading (dialog, _("“%s” Was Not Deleted"),
                                         lk_password_policy_get_name (deletion->policy));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  update_state (self);
  deletion_free (deletion);
}

static void
on_dialog_gone (gpointer  data,
                GClosure *closure)
{
  deletion_free (data);
}

/* The dialog owns @asked; the request gets a deletion of its own. */
static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Deletion         *asked)
{
  LkPoliciesPage *self = asked->self;
  Deletion *deletion;

  if (!g_str_equal (response, "delete") || self->client == NULL || self->deleting)
    return;

  deletion = g_new0 (Deletion, 1);
  deletion->self = g_object_ref (self);
  deletion->policy = g_object_ref (asked->policy);
  self->deleting = TRUE;
  update_actions (self);
  lk_client_delete_policy_async (self->client, lk_password_policy_get_id (deletion->policy), NULL,
                                 on_policy_deleted_cb, deletion);
}

static void
lk_policies_page_delete_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (widget);
  LkPasswordPolicy *policy = selected_policy (self);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  guint n_sources;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Deletion *deletion;

  if (policy == NULL || lk_password_policy_is_default (policy))
    return;

  n_sources = g_strv_length ((char **) lk_password_policy_get_source_ids (policy));
  body = g_strdup_printf (ngettext ("It applies to %u source. This cannot be undone.",
                                    "It applies to %u sources. This cannot be undone.", n_sources), n_sources);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, NULL, body));
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), lk_password_policy_get_name (policy));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  deletion = g_new0 (Deletion, 1);
  deletion->self = g_object_ref (self);
  deletion->policy = g_object_ref (policy);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response_cb), deletion,
                         on_dialog_gone, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_policies_page_reload_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  lk_policies_page_reload (LK_POLICIES_PAGE (widget));
}

/* GObject */

static void
lk_policies_page_dispose (GObject *object)
{
  LkPoliciesPage *self = (LkPoliciesPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_POLICIES_PAGE);

  G_OBJECT_CLASS (lk_policies_page_parent_class)->dispose (object);
}

static void
lk_policies_page_finalize (GObject *object)
{
  LkPoliciesPage *self = (LkPoliciesPage *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->selection);
  g_clear_object (&self->policies);

  G_OBJECT_CLASS (lk_policies_page_parent_class)->finalize (object);
}

static void
lk_policies_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (object);

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
lk_policies_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      lk_policies_page_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_policies_page_class_init (LkPoliciesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_policies_page_dispose;
  object_class->finalize = lk_policies_page_finalize;
  object_class->get_property = lk_policies_page_get_property;
  object_class->set_property = lk_policies_page_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_POLICY_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/policies/lk-policies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPoliciesPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LkPoliciesPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkPoliciesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LkPoliciesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LkPoliciesPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LkPoliciesPage, editor);
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "duplicate_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_done_cb);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "policies.reload", NULL, lk_policies_page_reload_action);
  gtk_widget_class_install_action (widget_class, "policies.delete", NULL, lk_policies_page_delete_action);
  gtk_widget_class_install_action (widget_class, "policies.edit", NULL, lk_policies_page_edit_action);
  gtk_widget_class_install_action (widget_class, "policies.new", NULL, lk_policies_page_new_action);
  gtk_widget_class_install_action (widget_class, "policies.duplicate", NULL, lk_policies_page_duplicate_action);
  gtk_widget_class_install_action (widget_class, "policies.export", NULL, lk_policies_page_export_action);
  gtk_widget_class_install_action (widget_class, "policies.import", NULL, lk_policies_page_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "policies.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "policies.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "policies.new", NULL);
}

static void
lk_policies_page_init (LkPoliciesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->policies = g_list_store_new (LK_TYPE_PASSWORD_POLICY);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->policies)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  add_columns (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
}

LkPoliciesPage *
lk_policies_page_new (void)
{
  return g_object_new (LK_TYPE_POLICIES_PAGE, NULL);
}

LkClient *
lk_policies_page_get_client (LkPoliciesPage *self)
{
  g_return_val_if_fail (LK_IS_POLICIES_PAGE (self), NULL);

  return self->client;
}

void
lk_policies_page_set_client (LkPoliciesPage *self,
                             LkClient       *client)
{
  g_return_if_fail (LK_IS_POLICIES_PAGE (self));
  g_return_if_fail (!client || LK_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* An open editor belongs to the tenant it was opened for. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "editor"))
    on_editor_done_cb (self, self->editor);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
  lk_policies_page_reload (self);
}

/**
 * lk_policies_page_get_model:
 * @self: a #LkPoliciesPage
 *
 * Returns: (transfer none): the policies as shown, default first, selectable
 */
GtkSelectionModel *
lk_policies_page_get_model (LkPoliciesPage *self)
{
  g_return_val_if_fail (LK_IS_POLICIES_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

/**
 * lk_policies_page_get_has_unsaved_changes:
 * @self: a #LkPoliciesPage
 *
 * Returns: whether a policy is open in the editor with changes not saved
 */
gboolean
lk_policies_page_get_has_unsaved_changes (LkPoliciesPage *self)
{
  g_return_val_if_fail (LK_IS_POLICIES_PAGE (self), FALSE);

  return g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "editor") &&
         lk_form_editor_get_changed (LK_FORM_EDITOR (self->editor));
}

/**
 * lk_policies_page_get_editor:
 * @self: a #LkPoliciesPage
 *
 * Returns: (transfer none): the page's editor, shown or not
 */
LkPolicyEditor *
lk_policies_page_get_editor (LkPoliciesPage *self)
{
  g_return_val_if_fail (LK_IS_POLICIES_PAGE (self), NULL);

  return self->editor;
}

/* LkPage */

static void
page_set_client (LkPage   *page,
                 LkClient *client)
{
  lk_policies_page_set_client ((LkPoliciesPage *) page, client);
}

static LkFormEditor *
page_get_unsaved_editor (LkPage *page)
{
  LkPoliciesPage *self = (LkPoliciesPage *) page;

  return lk_policies_page_get_has_unsaved_changes (self) ? LK_FORM_EDITOR (lk_policies_page_get_editor (self)) : NULL;
}

static void
lk_policies_page_page_iface_init (LkPageInterface *iface)
{
  iface->set_client = page_set_client;
  iface->get_unsaved_editor = page_get_unsaved_editor;
}
