/* lk-form-editor.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-form-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-drafts.h"
#include "lk-form-editor.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-widget-state.h"

/* What the app's editors share: a form that is valid or not and changed
 * or not, Save (Ctrl+S) only when both hold and nothing is being sent,
 * and Back (Escape) that asks "Save Changes?" first when something would
 * be lost. Save in that question saves, then leaves once the tenant has
 * it; a refusal keeps the editor open. Subclasses fill in the form and
 * send it.
 */

/* How long typing pauses before the edit is kept on disk. */
#define DRAFT_DELAY_MS 500

typedef struct
{
  GCancellable *sending;  /* lk_form_editor_send() on its way */
  GTask    *leaving;     /* lk_form_editor_leave_async() waiting for an answer */
  gboolean  valid;
  gboolean  changed;
  gboolean  saving;
  gboolean  leave_after_save;

  /* The edit kept on disk (LkDrafts) as the user types, until it is left. */
  char                 *draft_tenant;
  const LkResourceKind *draft_kind;
  char                 *draft_id;
  GObject              *draft_item;     /* the subclass's, which follows the form: read when written */
  guint                 draft_timeout;
} LkFormEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LkFormEditor, lk_form_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VALID,
  PROP_CHANGED,
  PROP_SAVING,
  N_PROPS
};

enum {
  SAVED,
  DONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
update_actions (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", priv->valid && priv->changed && !priv->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.leave", !priv->saving);
}

/* A spinner by the Save button follows this; Orca hears "busy". */
static void
set_saving (LkFormEditor *self,
            gboolean      saving)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  if (priv->saving == !!saving)
    return;
  priv->saving = !!saving;
  lk_widget_set_busy (GTK_WIDGET (self), saving);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVING]);
}

/* Drafts */

static void
forget_draft (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  g_autoptr(LkDrafts) drafts = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&priv->draft_timeout, g_source_remove);
  g_clear_object (&priv->draft_item);
  if (priv->draft_id == NULL)
    return;

  drafts = lk_drafts_new (NULL);
  if (!lk_drafts_forget (drafts, priv->draft_tenant, priv->draft_kind->collection, priv->draft_id, &error))
    g_message ("%s", error->message);
  g_clear_pointer (&priv->draft_tenant, g_free);
  g_clear_pointer (&priv->draft_id, g_free);
}

static gboolean
on_draft_timeout_cb (gpointer data)
{
  LkFormEditor *self = data;
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  g_autoptr(LkDrafts) drafts = lk_drafts_new (NULL);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  priv->draft_timeout = 0;
  if (priv->draft_item == NULL)
    return G_SOURCE_REMOVE;

  object = priv->draft_kind->to_json (priv->draft_item);
  if (!lk_drafts_keep (drafts, priv->draft_tenant, priv->draft_kind->collection, priv->draft_id, object, &error))
    g_message ("The unsaved edit is not kept: %s", error->message);

  return G_SOURCE_REMOVE;
}

/**
 * lk_form_editor_keep_draft:
 * @self: a #LkFormEditor
 * @client: the tenant's client
 * @kind: what is edited
 * @original: (nullable): the object as the tenant has it; without an id for a new one
 * @draft: what the form says
 *
 * Called as the form changes, after lk_form_editor_set_state(): once typing
 * pauses, @draft as it is then is kept on disk until it is saved or
 * discarded, so that a crash loses nothing. An edit that set_state() said
 * no longer differs from @original is forgotten.
 */
void
lk_form_editor_keep_draft (LkFormEditor         *self,
                           LkClient             *client,
                           const LkResourceKind *kind,
                           gpointer              original,
                           gpointer              draft)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  g_autofree char *id = NULL;

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  if (client == NULL || original == NULL || draft == NULL || !kind->keeps_history || !priv->changed)
    {
      forget_draft (self);
      return;
    }

  /* A new object has no id yet: its draft has one of its own while the edit lasts. */
  if (kind->get_id (original) != NULL)
    id = g_strdup (kind->get_id (original));
  else if (priv->draft_id != NULL && g_str_has_prefix (priv->draft_id, LK_DRAFT_NEW_PREFIX))
    id = g_strdup (priv->draft_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      id = g_strconcat (LK_DRAFT_NEW_PREFIX, uuid, NULL);
    }

  if (priv->draft_id != NULL && g_strcmp0 (priv->draft_id, id) != 0)
    forget_draft (self);

  g_free (priv->draft_tenant);
  priv->draft_tenant = g_strdup (lk_client_get_base_url (client));
  priv->draft_kind = kind;
  g_free (priv->draft_id);
  priv->draft_id = g_steal_pointer (&id);
  g_set_object (&priv->draft_item, draft);

  g_clear_handle_id (&priv->draft_timeout, g_source_remove);
  priv->draft_timeout = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout_cb, self);
}

/**
 * lk_form_editor_load_draft:
 * @self: a #LkFormEditor
 * @theirs: (nullable): the object as the tenant has it now; %NULL for a new one
 * @draft_id: the draft's object id
 * @draft: an edit kept from an earlier run
 *
 * The form shows @draft as an edit of @theirs, unsaved (the editor opened
 * for a new object first, when @theirs is %NULL). It is kept on as the
 * same draft, so that a second crash leaves one draft, not two.
 */
void
lk_form_editor_load_draft (LkFormEditor *self,
                           JsonObject   *theirs,
                           const char   *draft_id,
                           JsonObject   *draft)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));
  g_return_if_fail (draft_id != NULL);

  if (g_str_has_prefix (draft_id, LK_DRAFT_NEW_PREFIX))
    {
      g_free (priv->draft_id);
      priv->draft_id = g_strdup (draft_id);
    }
  LK_FORM_EDITOR_GET_CLASS (self)->load_merged (self, theirs, draft);
}

static void
finish (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  g_autoptr(GTask) leaving = g_steal_pointer (&priv->leaving);

  /* Saved or discarded: nothing left to keep. */
  forget_draft (self);
  g_signal_emit (self, signals [DONE], 0);
  if (leaving != NULL)
    g_task_return_boolean (leaving, TRUE);
}

/* Still editing: a leave that waited is told so. */
static void
stay (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  g_autoptr(GTask) leaving = g_steal_pointer (&priv->leaving);

  priv->leave_after_save = FALSE;
  if (leaving != NULL)
    g_task_return_boolean (leaving, FALSE);
}

/**
 * lk_form_editor_save:
 * @self: a #LkFormEditor
 *
 * Sends the form, if it is valid, changed, and not being sent already.
 */
void
lk_form_editor_save (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  if (!priv->valid || !priv->changed || priv->saving)
    return;

  set_saving (self, TRUE);
  update_actions (self);
  LK_FORM_EDITOR_GET_CLASS (self)->save (self);
}

/**
 * lk_form_editor_save_done:
 * @self: a #LkFormEditor
 * @saved: whether the tenant took the form
 *
 * For subclasses, once the tenant answered a save.
 */
void
lk_form_editor_save_done (LkFormEditor *self,
                          gboolean      saved)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  set_saving (self, FALSE);
  update_actions (self);
  if (!saved)
    stay (self);
  else if (priv->leave_after_save)
    finish (self);
}

static void
on_leave_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LkFormEditor     *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  if (g_str_equal (response, "discard"))
    finish (self);
  else if (g_str_equal (response, "save"))
    {
      priv->leave_after_save = TRUE;
      lk_form_editor_save (self);
    }
  else
    stay (self);
}

/**
 * lk_form_editor_leave_async:
 * @self: a #LkFormEditor
 * @callback: (nullable): told whether the editor was left
 * @user_data: for @callback
 *
 * Leaves the editor, asking first whether to save changes: Save, Discard
 * or Cancel. A form that cannot be saved as it is can only be fixed or
 * dropped. Emits #LkFormEditor::done when left.
 */
void
lk_form_editor_leave_async (LkFormEditor        *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  AdwMessageDialog *dialog;

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  stay (self);
  priv->leaving = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (priv->leaving, lk_form_editor_leave_async);

  if (!priv->changed)
    {
      finish (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Save Changes?"),
                                                       _(LK_FORM_EDITOR_GET_CLASS (self)->unsaved_message)));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"), "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", priv->valid);
  adw_message_dialog_set_default_response (dialog, priv->valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lk_form_editor_leave_finish:
 *
 * Returns: whether the editor was left: unchanged, saved or discarded
 */
gboolean
lk_form_editor_leave_finish (LkFormEditor  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Someone else saved */

/* A value for the conflict dialog: short, on one line. */
static char *
shown_value (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(not set)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    text = json_to_string (node, FALSE);

  g_strdelimit (text, "\n\r\t", ' ');
  if (g_utf8_strlen (text, -1) > 60)
    {
      g_autofree char *start = g_utf8_substring (text, 0, 59);

      return g_strconcat (start, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static gboolean
is_tenant_field (const LkResourceKind *kind,
                 const char           *member)
{
  if (g_strcmp0 (member, kind->version_field) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kind->tenant_fields) && kind->tenant_fields[i]; i++)
    if (g_str_equal (member, kind->tenant_fields[i]))
      return TRUE;
  return FALSE;
}

typedef struct {
  LkFormEditor *self;
  JsonObject   *mine;
  JsonObject   *theirs;
  GPtrArray    *rows;     /* AdwActionRow, a differing field each */
} Conflict;

static void
conflict_free (gpointer  data,
               GClosure *closure)
{
  Conflict *conflict = data;

  g_clear_object (&conflict->self);
  g_clear_pointer (&conflict->mine, json_object_unref);
  g_clear_pointer (&conflict->theirs, json_object_unref);
  g_clear_pointer (&conflict->rows, g_ptr_array_unref);
  g_free (conflict);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Conflict         *conflict)
{
  LkFormEditor *self = conflict->self;
  g_autoptr(JsonObject) merged = lk_json_copy_object (conflict->theirs);

  if (g_str_equal (response, "cancel"))
    return;

  /* Their version with mine where chosen: it carries their stamp, so it saves. */
  for (guint i = 0; i < conflict->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (conflict->rows, i);
      const char *member = g_object_get_data (G_OBJECT (row), "lk-member");
      GtkToggleButton *mine = g_object_get_data (G_OBJECT (row), "lk-mine");
      gboolean take_mine = g_str_equal (response, "mine") ||
                           (g_str_equal (response, "merge") && gtk_toggle_button_get_active (mine));
      JsonNode *node = json_object_get_member (conflict->mine, member);

      if (!take_mine)
        continue;
      if (node != NULL)
        json_object_set_member (merged, member, json_node_copy (node));
      else
        json_object_remove_member (merged, member);
    }

  LK_FORM_EDITOR_GET_CLASS (self)->load_merged (self, conflict->theirs, merged);
  if (!g_str_equal (response, "theirs"))
    lk_form_editor_save (self);
}

typedef struct {
  const LkResourceKind *kind;
  JsonObject           *base;
  JsonObject           *mine;
} Refused;

static void
refused_free (Refused *refused)
{
  g_clear_pointer (&refused->base, json_object_unref);
  g_clear_pointer (&refused->mine, json_object_unref);
  g_free (refused);
}

static void
on_theirs_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkFormEditor *self = g_task_get_source_object (task);
  Refused *refused = g_task_get_task_data (task);
  g_autoptr(GObject) theirs = NULL;
  g_autoptr(JsonObject) theirs_json = NULL;
  g_autoptr(GError) error = NULL;

  /* Not to be had: the refusal above the form says enough. */
  if (!(theirs = lk_client_resource_finish (LK_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  theirs_json = refused->kind->to_json (theirs);
  lk_form_editor_resolve_conflict (self, refused->kind, refused->base, refused->mine, theirs_json);
  g_task_return_boolean (task, TRUE);
}

/**
 * lk_form_editor_fetch_and_resolve:
 * @self: a #LkFormEditor
 * @client: the tenant
 * @kind: what is edited
 * @original: the object as it was when the edit began
 * @draft: the edit, which the tenant refused as changed meanwhile
 * @cancellable: (nullable): a #GCancellable
 *
 * Fetches what the tenant has now, then lk_form_editor_resolve_conflict().
 */
void
lk_form_editor_fetch_and_resolve (LkFormEditor         *self,
                                  LkClient             *client,
                                  const LkResourceKind *kind,
                                  gpointer              original,
                                  gpointer              draft,
                                  GCancellable         *cancellable)
{
  g_autoptr(GTask) task = NULL;
  Refused *refused;

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  task = g_task_new (self, cancellable, NULL, NULL);
  refused = g_new0 (Refused, 1);
  refused->kind = kind;
  refused->base = kind->to_json (original);
  refused->mine = kind->to_json (draft);
  g_task_set_task_data (task, refused, (GDestroyNotify) refused_free);
  lk_client_get_resource_async (client, kind, kind->get_id (draft), cancellable, on_theirs_fetched_cb,
                                g_steal_pointer (&task));
}

/**
 * lk_form_editor_resolve_conflict:
 * @self: a #LkFormEditor
 * @kind: what is edited
 * @base: the object as it was when the edit began
 * @mine: the edit
 * @theirs: what the tenant has now, saved by someone else meanwhile
 *
 * For subclasses, when a save was refused with %LK_CLIENT_ERROR_CHANGED:
 * shows each field where the tenant's version and the edit differ, and
 * lets the user keep the edit, take the tenant's version, or pick field
 * by field (a field only one side changed starts on that side). Nothing
 * is lost meanwhile: Cancel leaves the form as it was.
 */
void
lk_form_editor_resolve_conflict (LkFormEditor         *self,
                                 const LkResourceKind *kind,
                                 JsonObject           *base,
                                 JsonObject           *mine,
                                 JsonObject           *theirs)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Conflict *conflict;

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  conflict = g_new0 (Conflict, 1);
  conflict->self = g_object_ref (self);
  conflict->mine = json_object_ref (mine);
  conflict->theirs = json_object_ref (theirs);
  conflict->rows = g_ptr_array_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, "conflicts");

  members = g_list_concat (json_object_get_members (theirs), json_object_get_members (mine));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *title = NULL;
      g_autofree char *theirs_text = NULL;
      g_autofree char *mine_text = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *buttons, *theirs_button, *mine_button;

      if (!g_hash_table_add (seen, (gpointer) member) || is_tenant_field (kind, member) ||
          lk_json_same_member (theirs, mine, member))
        continue;

      title = lk_form_editor_dup_member_title (self, member);
      theirs_text = shown_value (json_object_get_member (theirs, member));
      mine_text = shown_value (json_object_get_member (mine, member));
      subtitle = g_strdup_printf (_("Theirs: %s\nYours: %s"), theirs_text, mine_text);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (row, member);

      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (buttons, "linked");
      gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
      theirs_button = gtk_toggle_button_new_with_label (_("Theirs"));
      mine_button = gtk_toggle_button_new_with_label (_("Yours"));
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (mine_button), GTK_TOGGLE_BUTTON (theirs_button));
      /* Where only they changed it, theirs; where I did, mine. */
      gtk_toggle_button_set_active (lk_json_same_member (base, mine, member) ? GTK_TOGGLE_BUTTON (theirs_button)
                                                                     : GTK_TOGGLE_BUTTON (mine_button), TRUE);
      gtk_box_append (GTK_BOX (buttons), theirs_button);
      gtk_box_append (GTK_BOX (buttons), mine_button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);

      g_object_set_data_full (G_OBJECT (row), "lk-member", g_strdup (member), g_free);
      g_object_set_data (G_OBJECT (row), "lk-mine", mine_button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (conflict->rows, row);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Someone Else Changed It"),
                                                       _("It was saved on the tenant while you edited it. "
                                                         "Saving yours as it is would undo their change: "
                                                         "choose, field by field, what to keep.")));
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "theirs", _("Take _Theirs"),
                                    "mine", _("Keep _Mine"), "merge", _("Save _Choices"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response_cb), conflict,
                         conflict_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lk_form_editor_save (LK_FORM_EDITOR (widget));
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  lk_form_editor_leave_async (LK_FORM_EDITOR (widget), NULL, NULL);
}

/* Sending */

typedef struct {
  LkClient             *client;
  const LkResourceKind *kind;
  GObject              *original;
  GObject              *draft;
} Sending;

static void
sending_free (Sending *sending)
{
  g_clear_object (&sending->client);
  g_clear_object (&sending->original);
  g_clear_object (&sending->draft);
  g_free (sending);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkFormEditor *self = g_task_get_source_object (task);
  LkFormEditorClass *klass = LK_FORM_EDITOR_GET_CLASS (self);
  Sending *sending = g_task_get_task_data (task);
  g_autoptr(GObject) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = lk_client_resource_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (saved == NULL)
    {
      /* The tenant's words above the form, what became of the change and
       * what to do; what was typed stays.
       */
      gboolean unknown = sending->kind->get_id (sending->draft) == NULL && lk_client_error_outcome_unknown (error);
      g_autofree char *message = g_strdup_printf ("%s\n%s", error->message,
                                                  g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_CHANGED)
                                                  ? _("Nothing was saved: choose what to keep below.")
                                                  : unknown
                                                  ? _("Whether it was made is not known: reload the list before "
                                                      "saving again, or it may be made twice.")
                                                  : _("Nothing was saved: what you typed is still here, to correct "
                                                      "or to save again."));

      klass->show_error (self, message);
      lk_form_editor_save_done (self, FALSE);
      /* Someone saved it meanwhile: show both, let the user choose. */
      if (g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_CHANGED))
        lk_form_editor_fetch_and_resolve (self, sending->client, sending->kind, sending->original, sending->draft,
                                          g_task_get_cancellable (task));
      return;
    }

  /* The form now shows the item as the tenant has it. */
  klass->take_saved (self, saved);
  g_signal_emit (self, signals [SAVED], 0, saved);
  lk_form_editor_save_done (self, TRUE);
}

/**
 * lk_form_editor_send:
 * @self: a #LkFormEditor
 * @client: the tenant
 * @kind: what is edited
 * @original: the item as it was when the edit began
 * @draft: the item as the form has it: created when it has no id yet,
 *   else replaced
 *
 * For a subclass's save: sends @draft, then gives the saved item to
 * #LkFormEditorClass.take_saved and emits #LkFormEditor::saved, or shows
 * the tenant's refusal, and offers to merge when someone else saved it.
 */
void
lk_form_editor_send (LkFormEditor         *self,
                     LkClient             *client,
                     const LkResourceKind *kind,
                     gpointer              original,
                     gpointer              draft)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  Sending *sending;
  GTask *task;

  g_return_if_fail (LK_IS_FORM_EDITOR (self));
  g_return_if_fail (LK_IS_CLIENT (client));

  g_cancellable_cancel (priv->sending);
  g_clear_object (&priv->sending);
  priv->sending = g_cancellable_new ();

  sending = g_new0 (Sending, 1);
  sending->client = g_object_ref (client);
  sending->kind = kind;
  sending->original = g_object_ref (original);
  sending->draft = g_object_ref (draft);
  task = g_task_new (self, priv->sending, NULL, NULL);
  g_task_set_task_data (task, sending, (GDestroyNotify) sending_free);
  if (kind->get_id (draft) == NULL)
    lk_client_create_resource_async (client, kind, draft, priv->sending, on_sent_cb, task);
  else
    lk_client_update_resource_async (client, kind, draft, FALSE, priv->sending, on_sent_cb, task);
}

/**
 * lk_form_editor_restart:
 * @self: a #LkFormEditor
 *
 * For subclasses, when another form is opened: nothing is being sent any
 * more, and a leave that waited is told the editor stays.
 */
void
lk_form_editor_restart (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  g_cancellable_cancel (priv->sending);
  g_clear_object (&priv->sending);
  stay (self);
  set_saving (self, FALSE);
  update_actions (self);
}

/**
 * lk_form_editor_set_state:
 * @self: a #LkFormEditor
 * @valid: whether the form could be sent as it is
 * @changed: whether it differs from what the tenant has
 */
void
lk_form_editor_set_state (LkFormEditor *self,
                          gboolean      valid,
                          gboolean      changed)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  if (priv->valid != !!valid)
    {
      priv->valid = !!valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALID]);
    }
  if (priv->changed != !!changed)
    {
      priv->changed = !!changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHANGED]);
    }
  update_actions (self);
}

gboolean
lk_form_editor_get_valid (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_val_if_fail (LK_IS_FORM_EDITOR (self), FALSE);

  return priv->valid;
}

gboolean
lk_form_editor_get_changed (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_val_if_fail (LK_IS_FORM_EDITOR (self), FALSE);

  return priv->changed;
}

gboolean
lk_form_editor_get_saving (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_val_if_fail (LK_IS_FORM_EDITOR (self), FALSE);

  return priv->saving;
}

/**
 * lk_form_editor_dup_member_title:
 * @self: a #LkFormEditor
 * @member: a JSON member of what the editor edits, such as "minLength"
 *
 * Returns: (transfer full): the field's name for people, as the form
 *   shows it ("Length: Minimum Length"); @member itself for a field the
 *   form has not
 */
char *
lk_form_editor_dup_member_title (LkFormEditor *self,
                                 const char   *member)
{
  g_return_val_if_fail (LK_IS_FORM_EDITOR (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);

  return LK_FORM_EDITOR_GET_CLASS (self)->member_title (self, member);
}

static void
lk_form_editor_dispose (GObject *object)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (LK_FORM_EDITOR (object));

  g_cancellable_cancel (priv->sending);
  g_clear_object (&priv->sending);
  stay (LK_FORM_EDITOR (object));
  /* Closed without a leave (the window went): the edit stays on disk, as after a crash. */
  g_clear_handle_id (&priv->draft_timeout, g_source_remove);
  g_clear_object (&priv->draft_item);
  g_clear_pointer (&priv->draft_tenant, g_free);
  g_clear_pointer (&priv->draft_id, g_free);

  G_OBJECT_CLASS (lk_form_editor_parent_class)->dispose (object);
}

static void
lk_form_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkFormEditor *self = LK_FORM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, lk_form_editor_get_valid (self));
      break;

    case PROP_CHANGED:
      g_value_set_boolean (value, lk_form_editor_get_changed (self));
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, lk_form_editor_get_saving (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_form_editor_class_init (LkFormEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_form_editor_dispose;
  object_class->get_property = lk_form_editor_get_property;

  klass->unsaved_message = N_("There are changes that are not saved yet.");

  properties [PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHANGED] =
    g_param_spec_boolean ("changed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkFormEditor::saved:
   * @item: what was saved, as the tenant has it now
   */
  signals [SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_OBJECT);

  /**
   * LkFormEditor::done:
   *
   * The editor is finished with: saved, discarded, or unchanged.
   */
  signals [DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 G_STRUCT_OFFSET (LkFormEditorClass, done), NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.leave", NULL, leave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.leave", NULL);
}

static void
lk_form_editor_init (LkFormEditor *self)
{
  update_actions (self);
}
