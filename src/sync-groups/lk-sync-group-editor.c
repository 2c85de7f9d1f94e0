/* lk-sync-group-editor.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sync-group-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-sync-groups.h"
#include "lk-error.h"
#include "lk-password-policy.h"
#include "lk-source-list.h"
#include "lk-sync-group-editor.h"

/* One password sync group: its name, the policy its sources follow, chosen
 * by name from the tenant's policies, and its sources (at least two, none
 * in another group, as ISC requires). Problems are said under the part
 * they are about; Save waits until there are none and something changed.
 * The tenant's refusal shows above the form, with every edit kept.
 */
struct _LkSyncGroupEditor
{
  LkFormEditor   parent_instance;

  LkClient      *client;
  LkSyncGroup   *original;
  LkSyncGroup   *draft;
  GListModel    *policies;
  GStrv          taken_names;    /* casefolded, the group's own left out */
  GHashTable    *source_owners;  /* source id → name of the other group that has it */
  gboolean       filling;

  /* Template widgets */
  GtkLabel      *title_label;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  AdwEntryRow   *name_row;
  AdwComboRow   *policy_row;
  GtkLabel      *group_message;
  LkSourceList  *source_list;
  GtkLabel      *sources_message;
};

G_DEFINE_FINAL_TYPE (LkSyncGroupEditor, lk_sync_group_editor, LK_TYPE_FORM_EDITOR)

static LkPasswordPolicy *
selected_policy (LkSyncGroupEditor *self)
{
  return adw_combo_row_get_selected_item (self->policy_row);
}

static void
show_message (GtkLabel *label,
              GString  *message)
{
  gtk_label_set_text (label, message->str);
  gtk_widget_set_visible (GTK_WIDGET (label), message->len > 0);
}

/* The draft follows the form; the messages say what keeps it from saving. */
static void
on_form_changed (LkSyncGroupEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autoptr(GString) group_problems = g_string_new (NULL);
  g_autoptr(GString) source_problems = g_string_new (NULL);
  LkPasswordPolicy *policy = selected_policy (self);
  g_auto(GStrv) source_ids = NULL;

  if (self->filling || self->draft == NULL)
    return;

  /* The list of sources is the form's: the draft takes what it shows. */
  source_ids = lk_source_list_dup_ids (self->source_list);
  g_object_set (self->draft,
                "name", *name != '\0' ? name : NULL,
                "password-policy-id", policy ? lk_password_policy_get_id (policy)
                                             : lk_sync_group_get_password_policy_id (self->draft),
                "source-ids", source_ids,
                NULL);

  if (*name == '\0')
    g_string_append (group_problems, _("The group needs a name."));
  else if (self->taken_names && g_strv_contains ((const char * const *) self->taken_names, folded))
    g_string_append (group_problems, _("Another group has this name."));
  if (policy == NULL)
    g_string_append_printf (group_problems, "%s%s", group_problems->len ? "\n" : "",
                            _("Choose the policy the group’s sources follow."));

  if (g_strv_length (source_ids) < 2)
    g_string_append (source_problems, _("A group needs at least two sources."));
  for (guint i = 0; source_ids[i] != NULL; i++)
    {
      const char *owner = g_hash_table_lookup (self->source_owners, source_ids[i]);

      if (owner != NULL)
        {
          if (source_problems->len)
            g_string_append_c (source_problems, '\n');
          g_string_append_printf (source_problems, _("%s is already in the group “%s”."), source_ids[i], owner);
        }
    }

  show_message (self->group_message, group_problems);
  show_message (self->sources_message, source_problems);

  lk_form_editor_set_state (LK_FORM_EDITOR (self),
                            group_problems->len == 0 && source_problems->len == 0 && self->client != NULL,
                            !lk_resource_equal (&lk_sync_group_kind, self->draft, self->original));
  lk_form_editor_keep_draft (LK_FORM_EDITOR (self), self->client, &lk_sync_group_kind, self->original, self->draft);
}

/* Sources */

/* The list says what was added or removed; the form follows it. */
static void
on_sources_changed_cb (LkSyncGroupEditor *self,
                       LkSourceList      *list)
{
  on_form_changed (self);
}

/* In the picker's matches: which other group has a source already. */
static char *
note_other_group (LkSource *source,
                  gpointer  user_data)
{
  LkSyncGroupEditor *self = user_data;
  const char *owner = g_hash_table_lookup (self->source_owners, lk_source_get_id (source));

  return owner != NULL ? g_strdup_printf (_("in “%s”"), owner) : NULL;
}

/* In the group's list: a source another group has is a mistake. */
static char *
problem_other_group (const char *id,
                     gpointer    user_data)
{
  LkSyncGroupEditor *self = user_data;
  const char *owner = g_hash_table_lookup (self->source_owners, id);

  return owner != NULL ? g_strdup_printf (_("Already in “%s”"), owner) : NULL;
}

/* Saving */

static void fill_form (LkSyncGroupEditor *self);

static void
lk_sync_group_editor_load_merged (LkFormEditor *editor,
                                  JsonObject   *theirs,
                                  JsonObject   *merged)
{
  LkSyncGroupEditor *self = LK_SYNC_GROUP_EDITOR (editor);
  g_autoptr(LkSyncGroup) original = theirs != NULL ? lk_sync_group_new_from_json (theirs, NULL)
                                                   : g_object_ref (self->original);
  g_autoptr(LkSyncGroup) draft = lk_sync_group_new_from_json (merged, NULL);

  if (original == NULL || draft == NULL)
    return;

  g_set_object (&self->original, original);
  g_set_object (&self->draft, draft);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  fill_form (self);
}

static char *
lk_sync_group_editor_member_title (LkFormEditor *editor,
                                   const char   *member)
{
  if (g_str_equal (member, "name"))
    return g_strdup (_("Name"));
  if (g_str_equal (member, "passwordPolicyId"))
    return g_strdup (_("Password Policy"));
  if (g_str_equal (member, "sourceIds"))
    return g_strdup (_("Sources"));
  return g_strdup (member);
}

static void
lk_sync_group_editor_show_error (LkFormEditor *editor,
                                 const char   *message)
{
  LkSyncGroupEditor *self = LK_SYNC_GROUP_EDITOR (editor);

  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
lk_sync_group_editor_take_saved (LkFormEditor *editor,
                                 gpointer      saved)
{
  LkSyncGroupEditor *self = LK_SYNC_GROUP_EDITOR (editor);

  g_set_object (&self->original, saved);
  g_clear_object (&self->draft);
  self->draft = lk_resource_copy (&lk_sync_group_kind, saved);
  fill_form (self);
}

static void
lk_sync_group_editor_save (LkFormEditor *editor)
{
  LkSyncGroupEditor *self = LK_SYNC_GROUP_EDITOR (editor);

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  lk_form_editor_send (editor, self->client, &lk_sync_group_kind, self->original, self->draft);
}

/* Editing */

static guint
policy_position (LkSyncGroupEditor *self,
                 const char        *id)
{
  for (guint i = 0; self->policies && id && i < g_list_model_get_n_items (self->policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (self->policies, i);

      if (g_strcmp0 (lk_password_policy_get_id (policy), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The form shows the draft; then the draft follows the form. */
static void
fill_form (LkSyncGroupEditor *self)
{
  const char * const *ids = lk_sync_group_get_source_ids (self->draft);
  const char *name = lk_sync_group_get_name (self->draft);

  self->filling = TRUE;
  gtk_label_set_text (self->title_label, name && *name ? name : _("New Sync Group"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  adw_combo_row_set_model (self->policy_row, self->policies);
  adw_combo_row_set_selected (self->policy_row,
                              policy_position (self, lk_sync_group_get_password_policy_id (self->draft)));
  lk_source_list_set_ids (self->source_list, ids);
  self->filling = FALSE;

  on_form_changed (self);
}

static char *
policy_label (LkPasswordPolicy *policy,
              gpointer          user_data)
{
  return g_strdup (lk_password_policy_get_name (policy));
}

static const char *
default_policy_id (GListModel *policies)
{
  const char *id = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      /* The list keeps the policy, and its id, alive. */
      if (id == NULL || lk_password_policy_is_default (policy))
        id = lk_password_policy_get_id (policy);
    }

  return id;
}

/**
 * lk_sync_group_editor_edit:
 * @self: a #LkSyncGroupEditor
 * @client: the tenant's client, to save with
 * @group: (nullable): the group to edit, or %NULL for a new one
 * @policies: the tenant's password policies, to choose from
 * @groups: the tenant's sync groups, whose names and sources are taken
 */
void
lk_sync_group_editor_edit (LkSyncGroupEditor *self,
                           LkClient          *client,
                           LkSyncGroup       *group,
                           GListModel        *policies,
                           GListModel        *groups)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(LkSyncGroup) blank = NULL;

  g_return_if_fail (LK_IS_SYNC_GROUP_EDITOR (self));
  g_return_if_fail (G_IS_LIST_MODEL (policies));
  g_return_if_fail (G_IS_LIST_MODEL (groups));

  lk_form_editor_restart (LK_FORM_EDITOR (self));
  g_set_object (&self->client, client);
  g_set_object (&self->policies, policies);
  /* A new group starts from the default policy, as unchanged. */
  if (group == NULL)
    {
      group = blank = lk_sync_group_new ();
      g_object_set (blank, "password-policy-id", default_policy_id (policies), NULL);
    }
  g_set_object (&self->original, group);
  g_clear_object (&self->draft);
  self->draft = lk_resource_copy (&lk_sync_group_kind, group);

  g_hash_table_remove_all (self->source_owners);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LkSyncGroup) other = g_list_model_get_item (groups, i);
      const char * const *ids = lk_sync_group_get_source_ids (other);

      if (lk_sync_group_get_id (group) != NULL &&
          g_strcmp0 (lk_sync_group_get_id (other), lk_sync_group_get_id (group)) == 0)
        continue;
      if (lk_sync_group_get_name (other) != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (lk_sync_group_get_name (other), -1);

          g_strv_builder_add (names, folded);
        }
      for (guint s = 0; ids && ids[s]; s++)
        g_hash_table_insert (self->source_owners, g_strdup (ids[s]), g_strdup (lk_sync_group_get_name (other)));
    }
  g_clear_pointer (&self->taken_names, g_strfreev);
  self->taken_names = g_strv_builder_end (names);

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  lk_source_list_set_client (self->source_list, client);
  fill_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

LkSyncGroup *
lk_sync_group_editor_get_draft (LkSyncGroupEditor *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUP_EDITOR (self), NULL);

  return self->draft;
}

/* GObject */

static void
lk_sync_group_editor_dispose (GObject *object)
{
  LkSyncGroupEditor *self = LK_SYNC_GROUP_EDITOR (object);

  /* The list may hear from the tenant after the editor is gone. */
  if (self->source_list != NULL)
    {
      lk_source_list_set_note_funcs (self->source_list, NULL, NULL, NULL);
      lk_source_list_set_client (self->source_list, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_SYNC_GROUP_EDITOR);

  G_OBJECT_CLASS (lk_sync_group_editor_parent_class)->dispose (object);
}

static void
lk_sync_group_editor_finalize (GObject *object)
{
  LkSyncGroupEditor *self = LK_SYNC_GROUP_EDITOR (object);

  g_clear_object (&self->client);
  g_clear_object (&self->original);
  g_clear_object (&self->draft);
  g_clear_object (&self->policies);
  g_clear_pointer (&self->taken_names, g_strfreev);
  g_clear_pointer (&self->source_owners, g_hash_table_unref);

  G_OBJECT_CLASS (lk_sync_group_editor_parent_class)->finalize (object);
}

static void
lk_sync_group_editor_class_init (LkSyncGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LkFormEditorClass *editor_class = LK_FORM_EDITOR_CLASS (klass);

  object_class->dispose = lk_sync_group_editor_dispose;
  object_class->finalize = lk_sync_group_editor_finalize;

  editor_class->save = lk_sync_group_editor_save;
  editor_class->show_error = lk_sync_group_editor_show_error;
  editor_class->take_saved = lk_sync_group_editor_take_saved;
  editor_class->load_merged = lk_sync_group_editor_load_merged;
  editor_class->member_title = lk_sync_group_editor_member_title;
  editor_class->unsaved_message = N_("The sync group has changes that are not saved yet.");

  g_type_ensure (LK_TYPE_SOURCE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/sync-groups/lk-sync-group-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, policy_row);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, group_message);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, source_list);
  gtk_widget_class_bind_template_child (widget_class, LkSyncGroupEditor, sources_message);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sources_changed_cb);
}

static void
lk_sync_group_editor_init (LkSyncGroupEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->source_owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  adw_combo_row_set_expression (self->policy_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (policy_label), NULL, NULL));
  lk_source_list_set_note_funcs (self->source_list, note_other_group, problem_other_group, self);
}

LkSyncGroupEditor *
lk_sync_group_editor_new (void)
{
  return g_object_new (LK_TYPE_SYNC_GROUP_EDITOR, NULL);
}
