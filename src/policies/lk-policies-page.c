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
#include "lk-policy-editor.h"

/* The password policies of a tenant: what each asks of a password, how
 * often it expires and how many sources follow it. The default policy
 * comes first and cannot be deleted. Besides what every list page does,
 * a policy can be duplicated, saved to a file and opened from one.
 */

struct _LkPoliciesPage
{
  LkListPage parent_instance;
};

G_DEFINE_FINAL_TYPE (LkPoliciesPage, lk_policies_page, LK_TYPE_LIST_PAGE)

/* Cells */

static char *
format_length (LkListPage *page,
               gpointer    policy)
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
format_expiration (LkListPage *page,
                   gpointer    policy)
{
  gint64 days = lk_password_policy_get_int (policy, "password-expiration");

  if (!lk_password_policy_get_flag (policy, "enable-passwd-expiration") || days <= 0)
    return g_strdup (_("Never"));

  return g_strdup_printf (ngettext ("Every %lu day", "Every %lu days", (gulong) days), (gulong) days);
}

static char *
format_sources (LkListPage *page,
                gpointer    policy)
{
  return g_strdup_printf ("%u", g_strv_length ((char **) lk_password_policy_get_source_ids (policy)));
}

static char *
format_description (LkListPage *page,
                    gpointer    policy)
{
  const char *description = lk_password_policy_get_description (policy);

  /* One line in the list; the editor shows all of it. */
  return description != NULL ? g_strdelimit (g_strdup (description), "\r\n", ' ') : g_strdup ("");
}

/* The name, and a badge on the default policy. */
static void
on_name_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (_("Default"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_set_tooltip_text (badge, _("Applies to every source no other policy names; cannot be deleted"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (item, box);
}

static void
on_name_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  LkPasswordPolicy *policy = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), lk_password_policy_get_name (policy));
  gtk_widget_set_visible (gtk_widget_get_last_child (box), lk_password_policy_is_default (policy));
}

static void
add_columns (LkPoliciesPage *self)
{
  LkListPage *page = LK_LIST_PAGE (self);
  GtkListItemFactory *name_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (name_factory, "setup", G_CALLBACK (on_name_setup_cb), NULL);
  g_signal_connect (name_factory, "bind", G_CALLBACK (on_name_bind_cb), NULL);
  lk_list_page_add_column (page, _("Name"), TRUE, name_factory);
  lk_list_page_add_text_column (page, _("Description"), TRUE, format_description);
  lk_list_page_add_text_column (page, _("Length"), FALSE, format_length);
  lk_list_page_add_text_column (page, _("Expiration"), FALSE, format_expiration);
  lk_list_page_add_text_column (page, _("Sources"), FALSE, format_sources);
}

/* The list page's hooks */

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

static LkPolicyEditor *
editor (LkPoliciesPage *self)
{
  return LK_POLICY_EDITOR (lk_list_page_get_editor (LK_LIST_PAGE (self)));
}

static void
lk_policies_page_edit (LkListPage *page,
                       LkClient   *client,
                       gpointer    policy)
{
  g_auto(GStrv) names = lk_list_page_dup_names (page);

  lk_policy_editor_edit (editor (LK_POLICIES_PAGE (page)), client, policy, (const char * const *) names);
}

/* A new policy from @model: a duplicate, or one read from a file. */
static void
edit_copy (LkPoliciesPage   *self,
           LkPasswordPolicy *model)
{
  LkListPage *page = LK_LIST_PAGE (self);
  g_auto(GStrv) names = NULL;

  if (lk_list_page_get_client (page) == NULL)
    return;

  names = lk_list_page_dup_names (page);
  lk_policy_editor_edit_copy (editor (self), lk_list_page_get_client (page), model, (const char * const *) names);
  lk_list_page_show_editor (page);
}

/* The default policy applies where no other does: it stays. */
static gboolean
lk_policies_page_can_delete (LkListPage *page,
                             gpointer    policy)
{
  return !lk_password_policy_is_default (policy);
}

static char *
lk_policies_page_delete_message (LkListPage *page,
                                 gpointer    policy)
{
  guint n_sources = g_strv_length ((char **) lk_password_policy_get_source_ids (policy));

  return g_strdup_printf (ngettext ("It applies to %u source. This cannot be undone.",
                                    "It applies to %u sources. This cannot be undone.", n_sources), n_sources);
}

static void
lk_policies_page_update_actions (LkListPage *page)
{
  gboolean loaded = lk_list_page_get_loaded (page);
  gboolean chosen = lk_list_page_get_selected (page) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "policies.duplicate", loaded && chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "policies.export", chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "policies.import", loaded);
}

/* "Copy of Strict", or "Copy of Strict (2)" when that is taken too. */
static char *
unique_copy_name (LkPoliciesPage *self,
                  const char     *name)
{
  g_auto(GStrv) names = lk_list_page_dup_names (LK_LIST_PAGE (self));
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
  LkPasswordPolicy *policy = lk_list_page_get_selected (LK_LIST_PAGE (self));
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LkPasswordPolicy) model = NULL;
  g_autofree char *name = NULL;

  if (policy == NULL)
    return;

  object = lk_password_policy_to_json (policy);
  name = unique_copy_name (self, lk_password_policy_get_name (policy));
  json_object_set_string_member (object, "name", name);
  model = lk_password_policy_new_from_json (object, NULL);
  edit_copy (self, model);
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
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkPoliciesPage *self = LK_POLICIES_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!lk_policies_page_export_finish (self, result, &error))
    lk_list_page_show_error (LK_LIST_PAGE (self), _("The Policy Was Not Saved to a File"), error->message);
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
  LkPasswordPolicy *policy = lk_list_page_get_selected (LK_LIST_PAGE (self));
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

  bytes = lk_file_load_limited_finish (G_FILE (object), result, &error);
  if (bytes != NULL && (root = lk_json_parse_bytes (bytes, &error)) != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("It holds JSON, but not one policy"));
  if (error == NULL)
    model = lk_password_policy_new_from_json (json_node_get_object (root), &error);

  if (model == NULL)
    {
      lk_list_page_show_error (LK_LIST_PAGE (self), _("This File Is Not a Password Policy"), error->message);
      return;
    }

  /* Read, not yet the tenant's: the editor shows it to check and save. */
  edit_copy (self, model);
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

/* GObject */

static void
lk_policies_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_POLICIES_PAGE);

  G_OBJECT_CLASS (lk_policies_page_parent_class)->dispose (object);
}

static void
lk_policies_page_class_init (LkPoliciesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LkListPageClass *page_class = LK_LIST_PAGE_CLASS (klass);

  object_class->dispose = lk_policies_page_dispose;

  page_class->kind = &lk_password_policy_kind;
  page_class->compare = compare_policies;
  page_class->edit = lk_policies_page_edit;
  page_class->can_delete = lk_policies_page_can_delete;
  page_class->delete_message = lk_policies_page_delete_message;
  page_class->update_actions = lk_policies_page_update_actions;
  lk_list_page_class_install_actions (page_class, "policies");

  g_type_ensure (LK_TYPE_POLICY_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/policies/lk-policies-page.ui");
  gtk_widget_class_install_action (widget_class, "policies.duplicate", NULL, lk_policies_page_duplicate_action);
  gtk_widget_class_install_action (widget_class, "policies.export", NULL, lk_policies_page_export_action);
  gtk_widget_class_install_action (widget_class, "policies.import", NULL, lk_policies_page_import_action);
}

static void
lk_policies_page_init (LkPoliciesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
}

LkPoliciesPage *
lk_policies_page_new (void)
{
  return g_object_new (LK_TYPE_POLICIES_PAGE, NULL);
}
