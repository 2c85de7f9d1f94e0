/* lk-compare-dialog.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-compare-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-policies.h"
#include "lk-compare-dialog.h"
#include "lk-copy.h"
#include "lk-json.h"

/* Two policies (or sync groups), of one tenant or two, side by side: every
 * field, the differing ones marked. Sources and a group's policy are
 * compared by name, since each tenant has its own ids; the tenant's own
 * fields (id, dates) are left out, as they differ by nature.
 */
struct _LkCompareDialog
{
  AdwWindow             parent_instance;

  LkSession            *session;
  LkClient             *client;      /* this side's tenant */
  const LkResourceKind *kind;
  LkFormEditor         *form;        /* nullable: its form names the fields */
  JsonObject           *object;      /* this side */
  char                 *this_tenant;
  GPtrArray            *tenants;     /* LkTenant, in the combo's order */
  LkCopyReferences     *here;
  LkCopyReferences     *there;
  GCancellable         *cancellable; /* of the dialog */
  GCancellable         *loading;     /* of the other side's lists */
  guint                 n_differences;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwComboRow          *tenant_row;
  AdwComboRow          *item_row;
  AdwPreferencesGroup  *fields_group;
  GtkSwitch            *differences_switch;
  GtkSpinner           *spinner;
  GtkGrid              *fields_grid;
};

G_DEFINE_FINAL_TYPE (LkCompareDialog, lk_compare_dialog, ADW_TYPE_WINDOW)

static void
clear_grid (LkCompareDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))))
    gtk_grid_remove (self->fields_grid, child);
}

static GtkWidget *
cell (const char *text,
      gboolean    differs,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (differs)
    gtk_widget_add_css_class (label, "warning");

  return label;
}

static gboolean
is_tenant_field (LkCompareDialog *self,
                 const char      *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->kind->tenant_fields); i++)
    if (g_strcmp0 (self->kind->tenant_fields[i], member) == 0)
      return TRUE;

  return FALSE;
}

static void
add_members (LkCompareDialog *self,
             GPtrArray       *members,
             JsonObject      *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    if (!is_tenant_field (self, l->data) && !g_ptr_array_find_with_equal_func (members, l->data, g_str_equal, NULL))
      g_ptr_array_add (members, l->data);
}

static gpointer
selected_other (LkCompareDialog *self)
{
  guint position = adw_combo_row_get_selected (self->item_row);

  if (self->there == NULL || position == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_list_model_get_item (self->there->items, position);
}

/* Both sides in: the rows, the differing ones marked. */
static void
render (LkCompareDialog *self)
{
  g_autoptr(GObject) other = selected_other (self);
  g_autoptr(JsonObject) other_object = NULL;
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autofree char *other_title = NULL;
  g_autofree char *summary = NULL;
  gboolean only_differences = gtk_switch_get_active (self->differences_switch);
  int row = 1;

  clear_grid (self);
  if (self->here == NULL || other == NULL)
    return;

  other_object = self->kind->to_json (other);
  a = lk_copy_name_references (self->kind, self->object, self->here);
  b = lk_copy_name_references (self->kind, other_object, self->there);
  differences = lk_resource_differences (self->kind, a, b);
  self->n_differences = differences->len;

  other_title = g_strdup_printf ("%s: %s", lk_tenant_get_name (g_ptr_array_index (self->tenants,
                                                                                  adw_combo_row_get_selected (self->tenant_row))),
                                 self->kind->get_name (other));
  gtk_grid_attach (self->fields_grid, cell (_("Field"), FALSE, TRUE), 1, 0, 1, 1);
  gtk_grid_attach (self->fields_grid, cell (self->this_tenant, FALSE, TRUE), 2, 0, 1, 1);
  gtk_grid_attach (self->fields_grid, cell (other_title, FALSE, TRUE), 3, 0, 1, 1);

  add_members (self, members, a);
  add_members (self, members, b);
  for (guint i = 0; i < members->len; i++)
    {
      const char *member = g_ptr_array_index (members, i);
      gboolean differs = g_ptr_array_find_with_equal_func (differences, member, g_str_equal, NULL);
      g_autofree char *value_a = lk_json_node_to_text (json_object_get_member (a, member));
      g_autofree char *value_b = lk_json_node_to_text (json_object_get_member (b, member));
      g_autofree char *title = NULL;
      GtkWidget *mark;
      GtkWidget *name;

      if (only_differences && !differs)
        continue;

      /* Marked by more than colour: a sign, and words for a screen reader. */
      mark = cell (differs ? "≠" : "", differs, FALSE);
      gtk_label_set_selectable (GTK_LABEL (mark), FALSE);
      gtk_widget_set_hexpand (mark, FALSE);
      if (differs)
        {
          gtk_widget_set_tooltip_text (mark, _("Differs"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Differs"), -1);
        }
      gtk_grid_attach (self->fields_grid, mark, 0, row, 1, 1);
      title = self->form != NULL ? lk_form_editor_dup_member_title (self->form, member) : g_strdup (member);
      name = cell (title, differs, FALSE);
      /* Words whole, not cut into pieces at the column's edge; the member the tenant knows, on hover. */
      gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD);
      gtk_widget_set_hexpand (name, FALSE);
      gtk_widget_set_tooltip_text (name, member);
      gtk_grid_attach (self->fields_grid, name, 1, row, 1, 1);
      gtk_grid_attach (self->fields_grid, cell (value_a, differs, FALSE), 2, row, 1, 1);
      gtk_grid_attach (self->fields_grid, cell (value_b, differs, FALSE), 3, row, 1, 1);
      row++;
    }

  if (differences->len == 0)
    summary = g_strdup (_("No differences, but for what each tenant gives its own (id, dates)."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field differs; sources and policies are compared "
                                            "by name.", "%u fields differ; sources and policies are compared by "
                                            "name.", differences->len), differences->len);
  adw_preferences_group_set_description (self->fields_group, summary);
}

static void
set_busy (LkCompareDialog *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_error (LkCompareDialog *self,
            const GError    *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  clear_grid (self);
  set_busy (self, FALSE);
  adw_preferences_group_set_description (self->fields_group, escaped);
}

/* The other side */

static void
on_there_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkCompareDialog) self = user_data;
  g_autoptr(LkCopyReferences) there = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *id = json_object_get_string_member_with_default (self->object, "id", "");
  const char *name = json_object_get_string_member_with_default (self->object, "name", "");
  guint preferred = 0;
  gboolean found = FALSE;
  gboolean same_tenant;

  there = lk_copy_references_load_tenant_finish (LK_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (there == NULL)
    {
      show_error (self, error);
      return;
    }

  lk_copy_references_free (self->there);
  self->there = g_steal_pointer (&there);
  set_busy (self, FALSE);

  /* By default its namesake there; on the same tenant, another one. */
  same_tenant = g_strcmp0 (lk_client_get_base_url (self->there->client), lk_client_get_base_url (self->client)) == 0;
  for (guint i = 0; i < g_list_model_get_n_items (self->there->items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->there->items, i);
      gboolean fits = same_tenant ? g_strcmp0 (self->kind->get_id (item), id) != 0
                                  : g_strcmp0 (self->kind->get_name (item), name) == 0;

      gtk_string_list_append (names, self->kind->get_name (item));
      if (fits && !found)
        {
          preferred = i;
          found = TRUE;
        }
    }

  adw_combo_row_set_model (self->item_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->item_row, preferred);
  render (self);
}

static void
on_tenant_selected_cb (LkCompareDialog *self)
{
  guint position = adw_combo_row_get_selected (self->tenant_row);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->tenants->len)
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  g_clear_pointer (&self->there, lk_copy_references_free);
  adw_combo_row_set_model (self->item_row, NULL);
  clear_grid (self);
  set_busy (self, TRUE);
  lk_copy_references_load_tenant_async (self->session, g_ptr_array_index (self->tenants, position), self->kind,
                                        self->loading, on_there_loaded_cb, g_object_ref (self));
}

static void
on_here_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkCompareDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->here = lk_copy_references_load_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->here == NULL)
    {
      show_error (self, error);
      return;
    }
  render (self);
}

/* GObject */

static void
lk_compare_dialog_dispose (GObject *object)
{
  LkCompareDialog *self = (LkCompareDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_COMPARE_DIALOG);

  G_OBJECT_CLASS (lk_compare_dialog_parent_class)->dispose (object);
}

static void
lk_compare_dialog_finalize (GObject *object)
{
  LkCompareDialog *self = (LkCompareDialog *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_object (&self->form);
  g_clear_pointer (&self->object, json_object_unref);
  g_clear_pointer (&self->this_tenant, g_free);
  g_clear_pointer (&self->tenants, g_ptr_array_unref);
  g_clear_pointer (&self->here, lk_copy_references_free);
  g_clear_pointer (&self->there, lk_copy_references_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loading);

  G_OBJECT_CLASS (lk_compare_dialog_parent_class)->finalize (object);
}

static void
lk_compare_dialog_class_init (LkCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_compare_dialog_dispose;
  object_class->finalize = lk_compare_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/compare/lk-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCompareDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkCompareDialog, tenant_row);
  gtk_widget_class_bind_template_child (widget_class, LkCompareDialog, item_row);
  gtk_widget_class_bind_template_child (widget_class, LkCompareDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, LkCompareDialog, differences_switch);
  gtk_widget_class_bind_template_child (widget_class, LkCompareDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkCompareDialog, fields_grid);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_compare_dialog_init (LkCompareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->tenants = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->differences_switch, "notify::active", G_CALLBACK (render), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_row, "notify::selected", G_CALLBACK (render), self, G_CONNECT_SWAPPED);
}

/**
 * lk_compare_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session, whose saved tenants can be compared with
 * @client: the tenant @item is on
 * @kind: the collection
 * @form: (nullable): the editor of @kind, whose form names the fields
 * @item: a policy or sync group
 *
 * Returns: (transfer none): the dialog, to present
 */
LkCompareDialog *
lk_compare_dialog_new (GtkWindow            *parent,
                       LkSession            *session,
                       LkClient             *client,
                       const LkResourceKind *kind,
                       LkFormEditor         *form,
                       gpointer              item)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *tenants;
  LkCompareDialog *self;
  guint current = 0;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (LK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kind != NULL && item != NULL, NULL);

  self = g_object_new (LK_TYPE_COMPARE_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->client = g_object_ref (client);
  self->kind = kind;
  self->form = form != NULL ? g_object_ref (form) : NULL;
  self->object = kind->to_json (item);

  gtk_window_set_title (GTK_WINDOW (self), _("Compare"));
  adw_window_title_set_subtitle (self->window_title, kind->get_name (item));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->item_row),
                                 kind == &lk_password_policy_kind ? _("_Policy") : _("_Sync Group"));

  tenants = G_LIST_MODEL (lk_session_get_tenants (session));
  for (guint i = 0; i < g_list_model_get_n_items (tenants); i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (tenants, i);

      if (g_strcmp0 (lk_tenant_get_base_url (tenant), lk_client_get_base_url (client)) == 0 &&
          g_strcmp0 (lk_tenant_get_client_id (tenant), lk_client_get_client_id (client)) == 0)
        {
          current = i;
          self->this_tenant = g_strdup_printf ("%s: %s", lk_tenant_get_name (tenant), kind->get_name (item));
        }
      gtk_string_list_append (names, lk_tenant_get_name (tenant));
      g_ptr_array_add (self->tenants, g_steal_pointer (&tenant));
    }
  if (self->this_tenant == NULL)
    self->this_tenant = g_strdup (kind->get_name (item));

  lk_copy_references_load_async (client, kind, self->cancellable, on_here_loaded_cb, g_object_ref (self));
  adw_combo_row_set_model (self->tenant_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->tenant_row, current);
  g_signal_connect_object (self->tenant_row, "notify::selected", G_CALLBACK (on_tenant_selected_cb), self,
                           G_CONNECT_SWAPPED);
  on_tenant_selected_cb (self);

  return self;
}

/**
 * lk_compare_dialog_get_n_differences:
 * @self: a #LkCompareDialog
 *
 * Returns: how many fields differ, as last shown
 */
guint
lk_compare_dialog_get_n_differences (LkCompareDialog *self)
{
  g_return_val_if_fail (LK_IS_COMPARE_DIALOG (self), 0);

  return self->n_differences;
}
