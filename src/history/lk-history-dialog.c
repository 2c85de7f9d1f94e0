/* lk-history-dialog.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-resources.h"
#include "lk-error.h"
#include "lk-history-dialog.h"
#include "lk-json.h"

/* The versions a policy or sync group had before Latchkey saved over it,
 * each with what differs from now and a Restore button; or the objects
 * Latchkey deleted, each with Make Anew. A restore is a save like any
 * other: the version it replaces is kept in turn.
 */

struct _LkHistoryDialog
{
  AdwWindow             parent_instance;

  LkClient             *client;
  const LkResourceKind *kind;
  LkFormEditor         *form;        /* nullable: its form names the fields */
  gpointer              current;     /* NULL: the deleted objects are listed */
  GPtrArray            *entries;     /* LkHistoryEntry, as the rows show them */
  GCancellable         *cancellable;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *state_stack;
  AdwPreferencesGroup  *versions_group;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (LkHistoryDialog, lk_history_dialog, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static char *
format_when (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
describe_entry (LkHistoryEntry *entry)
{
  g_autofree char *when = format_when (entry->saved_at);

  if (entry->state == LK_HISTORY_PENDING)
    /* Translators: the tenant never said whether the save went through */
    return g_strdup_printf (_("Sent on %s by %s; the tenant did not answer, so it may still be the current one"),
                            when, entry->saved_by);
  if (g_str_equal (entry->action, "delete"))
    return g_strdup_printf (_("Deleted on %s by %s"), when, entry->saved_by);

  return g_strdup_printf (_("Replaced on %s by %s"), when, entry->saved_by);
}

/* Restoring */

static void
set_buttons_sensitive (LkHistoryDialog *self,
                       gboolean         sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->versions_group), sensitive);
}

static void
on_restored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkHistoryDialog) self = user_data;
  g_autoptr(GObject) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = lk_client_resource_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_buttons_sensitive (self, TRUE);
  if (saved == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_signal_emit (self, signals [RESTORED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_restore_clicked_cb (GtkButton       *button,
                       LkHistoryDialog *self)
{
  LkHistoryEntry *entry = g_object_get_data (G_OBJECT (button), "lk-entry");
  g_autoptr(GObject) item = NULL;
  g_autoptr(GError) error = NULL;

  if (!(item = self->kind->new_from_json (entry->replaced, &error)))
    {
      g_autofree char *text = g_strdup_printf ("%s: %s", _(self->kind->not_one), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }

  set_buttons_sensitive (self, FALSE);
  /* Older than what the tenant has: replacing it is the point. Gone: made anew. */
  if (self->current != NULL)
    lk_client_update_resource_async (self->client, self->kind, item, TRUE, self->cancellable, on_restored_cb,
                                     g_object_ref (self));
  else
    lk_client_create_resource_async (self->client, self->kind, item, self->cancellable, on_restored_cb,
                                     g_object_ref (self));
}

static GtkWidget *
new_action_button (LkHistoryDialog *self,
                   LkHistoryEntry  *entry,
                   const char      *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "lk-entry", entry);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self, 0);
  return button;
}

/* Rows */

/* What @entry's version has that differs from now, a row a member. */
static void
add_differences (LkHistoryDialog *self,
                 AdwExpanderRow  *row,
                 LkHistoryEntry  *entry,
                 JsonObject      *now)
{
  g_autoptr(GPtrArray) members = lk_resource_differences (self->kind, entry->replaced, now);

  if (members->len == 0)
    {
      GtkWidget *same = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (same), _("The same as now"));
      adw_expander_row_add_row (row, same);
      return;
    }

  for (guint i = 0; i < members->len; i++)
    {
      const char *member = g_ptr_array_index (members, i);
      g_autofree char *then = lk_json_node_to_text (json_object_get_member (entry->replaced, member));
      g_autofree char *current = lk_json_node_to_text (json_object_get_member (now, member));
      /* Translators: a field's value in that version, then now */
      g_autofree char *change = g_strdup_printf (_("%s → %s (now)"), then, current);
      g_autofree char *title = self->form != NULL ? lk_form_editor_dup_member_title (self->form, member)
                                                  : g_strdup (member);
      GtkWidget *difference = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (difference), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (difference), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (difference), change);
      gtk_widget_add_css_class (difference, "property");
      adw_expander_row_add_row (row, difference);
    }
}

static void
add_version_row (LkHistoryDialog *self,
                 LkHistoryEntry  *entry,
                 JsonObject      *now)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, entry->version);
  g_autofree char *title = g_strdup_printf (_("Version %s"), number);
  g_autofree char *subtitle = describe_entry (entry);
  GtkWidget *row = adw_expander_row_new ();

  gtk_widget_set_name (row, number);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), new_action_button (self, entry, _("_Restore")));
  add_differences (self, ADW_EXPANDER_ROW (row), entry, now);
  adw_preferences_group_add (self->versions_group, row);
}

static void
add_deleted_row (LkHistoryDialog *self,
                 LkHistoryEntry  *entry)
{
  g_autofree char *subtitle = describe_entry (entry);
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, entry->object_id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->object_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_action_button (self, entry, _("_Make Anew")));
  adw_preferences_group_add (self->versions_group, row);
}

static void
load (LkHistoryDialog *self)
{
  LkHistory *history = lk_client_get_history (self->client);
  const char *base_url = lk_client_get_base_url (self->client);
  g_autoptr(GError) error = NULL;

  if (history == NULL)
    {
      adw_status_page_set_description (self->error_page, _("This connection keeps no history."));
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  self->entries = self->current != NULL
    ? lk_history_list (history, base_url, self->kind->collection, self->kind->get_id (self->current), &error)
    : lk_history_list_deleted (history, base_url, self->kind->collection, &error);

  if (self->entries == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  if (self->entries->len == 0)
    {
      adw_status_page_set_description (self->empty_page,
                                       self->current != NULL
                                       ? _("Latchkey keeps a version each time it saves or deletes this.")
                                       : _("Nothing Latchkey deleted on this tenant is waiting to be made anew."));
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
      return;
    }

  if (self->current != NULL)
    {
      g_autoptr(JsonObject) now = self->kind->to_json (self->current);

      for (guint i = 0; i < self->entries->len; i++)
        add_version_row (self, g_ptr_array_index (self->entries, i), now);
    }
  else
    for (guint i = 0; i < self->entries->len; i++)
      add_deleted_row (self, g_ptr_array_index (self->entries, i));

  gtk_stack_set_visible_child_name (self->state_stack, "list");
}

/* GObject */

static void
lk_history_dialog_dispose (GObject *object)
{
  LkHistoryDialog *self = (LkHistoryDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_HISTORY_DIALOG);

  G_OBJECT_CLASS (lk_history_dialog_parent_class)->dispose (object);
}

static void
lk_history_dialog_finalize (GObject *object)
{
  LkHistoryDialog *self = (LkHistoryDialog *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->form);
  g_clear_object (&self->current);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lk_history_dialog_parent_class)->finalize (object);
}

static void
lk_history_dialog_class_init (LkHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_history_dialog_dispose;
  object_class->finalize = lk_history_dialog_finalize;

  /* The object as saved (or made anew): the page reloads and says so. */
  signals [RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/history/lk-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkHistoryDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkHistoryDialog, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LkHistoryDialog, versions_group);
  gtk_widget_class_bind_template_child (widget_class, LkHistoryDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LkHistoryDialog, error_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_history_dialog_init (LkHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

static LkHistoryDialog *
new_dialog (GtkWindow            *parent,
            LkClient             *client,
            const LkResourceKind *kind,
            LkFormEditor         *form,
            gpointer              current)
{
  LkHistoryDialog *self = g_object_new (LK_TYPE_HISTORY_DIALOG, "transient-for", parent, NULL);

  self->form = form != NULL ? g_object_ref (form) : NULL;
  self->client = g_object_ref (client);
  self->kind = kind;
  self->current = current != NULL ? g_object_ref (current) : NULL;
  load (self);
  return self;
}

/**
 * lk_history_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @client: the tenant's client, whose history is read and which restores
 * @kind: what @current is
 * @form: (nullable): the editor of @kind, whose form names the fields
 * @current: the object as the tenant has it now
 *
 * Returns: (transfer none): the dialog, to present
 */
LkHistoryDialog *
lk_history_dialog_new (GtkWindow            *parent,
                       LkClient             *client,
                       const LkResourceKind *kind,
                       LkFormEditor         *form,
                       gpointer              current)
{
  LkHistoryDialog *self;

  g_return_val_if_fail (LK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (current != NULL, NULL);

  self = new_dialog (parent, client, kind, form, current);
  gtk_window_set_title (GTK_WINDOW (self), _("History"));
  adw_window_title_set_subtitle (self->window_title, kind->get_name (current));
  return self;
}

/**
 * lk_history_dialog_new_deleted:
 * @parent: (nullable): the window it belongs to
 * @client: the tenant's client
 * @kind: the collection
 * @form: (nullable): the editor of @kind, whose form names the fields
 *
 * The objects of @kind that Latchkey deleted, to make anew.
 *
 * Returns: (transfer none): the dialog, to present
 */
LkHistoryDialog *
lk_history_dialog_new_deleted (GtkWindow            *parent,
                               LkClient             *client,
                               const LkResourceKind *kind,
                               LkFormEditor         *form)
{
  LkHistoryDialog *self;

  g_return_val_if_fail (LK_IS_CLIENT (client), NULL);

  self = new_dialog (parent, client, kind, form, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Deleted"));
  return self;
}
