/* lk-token-dialog.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-token-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lk-client-tokens.h"
#include "lk-token-dialog.h"
#include "lk-tenant-dialog.h"
#include "lk-error.h"
#include "lk-widget-state.h"

/* Creates a personal access token in two steps: the form, then the secret,
 * shown this once. The secret lives in this dialog only, and is wiped when
 * it closes; it reaches the clipboard or a tenant connection only when the
 * user asks.
 *
 * Given a token, the same form renames and re-scopes it with a JSON Patch
 * of what changed.
 */

#define MAX_MONTHS 6

struct _LkTokenDialog
{
  AdwWindow     parent_instance;

  /* Owned */
  LkClient     *client;
  LkSession    *session;
  GCancellable *cancellable;
  GCancellable *names_cancellable;
  gboolean      names_checked;
  GHashTable   *names_in_use;
  GPtrArray    *scopes;
  GPtrArray    *scope_rows;
  LkToken      *token;       /* made here, or being edited */
  gboolean      editing;
  char         *secret;

  /* Template widgets */
  GtkStack       *step_stack;
  GtkStack       *create_stack;
  GtkSpinner     *spinner;
  GtkButton      *create_button;
  AdwPreferencesGroup *name_group;
  AdwPreferencesGroup *scopes_group;
  GtkWidget      *lifetime_group;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  GtkLabel       *name_error;
  AdwExpanderRow *scopes_expander;
  AdwEntryRow    *scope_entry;
  GtkLabel       *scope_error;
  AdwToastOverlay *toast_overlay;
  GtkSpinButton  *validity_spin;
  GtkMenuButton  *expiration_button;
  GtkCalendar    *calendar;
  AdwActionRow   *client_id_row;
  AdwActionRow   *secret_row;
  GtkWidget      *connect_group;
  AdwPreferencesGroup *secret_group;
  AdwWindowTitle *secret_title;
};

G_DEFINE_FINAL_TYPE (LkTokenDialog, lk_token_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SESSION,
  PROP_TOKEN,
  PROP_NAMES_CHECKED,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static char *
trimmed_name (LkTokenDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

/* The tenant says what six months from now is, in the user's time zone. */
static GDateTime *
tenant_now_local (LkTokenDialog *self)
{
  g_autoptr(GDateTime) now = lk_client_get_now (self->client);

  return g_date_time_to_local (now);
}

/* The chosen day at this time of day, but never past six months from now. */
static GDateTime *
chosen_expiration (LkTokenDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) now = tenant_now_local (self);
  g_autoptr(GDateTime) latest_local = g_date_time_add_months (now, MAX_MONTHS);
  g_autoptr(GDateTime) latest = g_date_time_add_minutes (latest_local, -1);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day),
                                                   g_date_time_get_hour (now), g_date_time_get_minute (now), 0);

  return g_date_time_compare (at, latest) > 0 ? g_date_time_ref (latest) : g_date_time_ref (at);
}

static gboolean
expiration_is_valid (LkTokenDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) now = tenant_now_local (self);
  g_autoptr(GDateTime) latest = g_date_time_add_months (now, MAX_MONTHS);
  int chosen = g_date_time_get_year (day) * 10000 + g_date_time_get_month (day) * 100 +
               g_date_time_get_day_of_month (day);
  int today = g_date_time_get_year (now) * 10000 + g_date_time_get_month (now) * 100 +
              g_date_time_get_day_of_month (now);
  int last = g_date_time_get_year (latest) * 10000 + g_date_time_get_month (latest) * 100 +
             g_date_time_get_day_of_month (latest);

  return chosen > today && chosen <= last;
}

/* The scopes the form asks for; NULL for all of the owner's rights. */
static GStrv
chosen_scopes (LkTokenDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (!adw_expander_row_get_enable_expansion (self->scopes_expander))
    return NULL;

  for (guint i = 0; i < self->scopes->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->scopes, i));

  return g_strv_builder_end (builder);
}

static gboolean
is_all_rights (const char * const *scopes)
{
  return scopes == NULL || scopes[0] == NULL ||
         (g_str_equal (scopes[0], "sp:scopes:all") && scopes[1] == NULL);
}

static gboolean
scopes_changed (LkTokenDialog *self)
{
  g_auto(GStrv) chosen = chosen_scopes (self);
  const char * const *current = lk_token_get_scopes (self->token);

  if (is_all_rights ((const char * const *) chosen))
    return !is_all_rights (current);

  return !g_strv_equal ((const char * const *) chosen, current);
}

static gboolean
name_changed (LkTokenDialog *self)
{
  g_autofree char *name = trimmed_name (self);

  return g_strcmp0 (name, lk_token_get_name (self->token)) != 0;
}

static void
update_form (LkTokenDialog *self)
{
  g_autofree char *name = trimmed_name (self);
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *day_text = g_date_time_format (day, "%Y-%m-%d");
  gboolean taken = g_hash_table_contains (self->names_in_use, name);
  gboolean scopes_ok = !adw_expander_row_get_enable_expansion (self->scopes_expander) || self->scopes->len > 0;
  gboolean date_ok = expiration_is_valid (self);

  /* Refused here, before the tenant would refuse it. */
  if (taken)
    {
      g_autofree char *message = g_strdup_printf (_("You already have a token called “%s”"), name);

      gtk_label_set_text (self->name_error, message);
    }
  lk_widget_set_invalid (GTK_WIDGET (self->name_row), taken);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), taken);

  /* What the switch means, as it stands. */
  adw_expander_row_set_subtitle (self->scopes_expander,
                                 adw_expander_row_get_enable_expansion (self->scopes_expander)
                                 ? _("On: only the scopes listed here")
                                 : _("Off: all of your rights (sp:scopes:all)"));

  gtk_menu_button_set_label (self->expiration_button, day_text);
  lk_widget_set_invalid (GTK_WIDGET (self->expiration_button), !date_ok);

  if (self->editing)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.create",
                                   *name != '\0' && !taken && scopes_ok && self->cancellable == NULL &&
                                   (name_changed (self) || scopes_changed (self)));
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.create",
                                   *name != '\0' && !taken && scopes_ok && date_ok && self->cancellable == NULL);
}

static void
on_form_changed_cb (LkTokenDialog *self)
{
  update_form (self);
}

static void
on_remove_scope_clicked_cb (GtkButton        *button,
                            LkTokenDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  guint index;

  if (!g_ptr_array_find (self->scope_rows, row, &index))
    return;

  adw_expander_row_remove (self->scopes_expander, row);
  g_ptr_array_remove_index (self->scope_rows, index);
  g_ptr_array_remove_index (self->scopes, index);
  update_form (self);
}

static void
add_scope (LkTokenDialog *self,
           const char       *scope)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Scope"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove This Scope"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_scope_clicked_cb), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), scope);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_expander_row_add_row (self->scopes_expander, row);

  g_ptr_array_add (self->scopes, g_strdup (scope));
  g_ptr_array_add (self->scope_rows, row);
}

static void
on_scope_apply_cb (LkTokenDialog *self)
{
  g_autofree char *scope = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scope_entry))));

  /* A scope is one word with colons: sp:…, idn:… Several pasted at once
   * are split on spaces or commas; a word without a colon is a typing
   * mistake ("idn:identity: read"), not a scope: nothing is added then.
   */
  g_auto(GStrv) parts = g_strsplit_set (scope, " \t,", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && strchr (parts[i], ':') == NULL)
      {
        g_autofree char *message = g_strdup_printf (_("“%s” is not a scope: scopes look like idn:identity:read, "
                                                      "with no spaces inside"), parts[i]);

        gtk_label_set_text (self->scope_error, message);
        gtk_widget_set_visible (GTK_WIDGET (self->scope_error), TRUE);
        lk_widget_set_invalid (GTK_WIDGET (self->scope_entry), TRUE);
        return;
      }

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < self->scopes->len; j++)
        known |= g_str_equal (g_ptr_array_index (self->scopes, j), parts[i]);
      if (*parts[i] != '\0' && !known)
        add_scope (self, parts[i]);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->scope_entry), "");
  update_form (self);
}

static void
on_scope_changed_cb (LkTokenDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->scope_error), FALSE);
  lk_widget_set_invalid (GTK_WIDGET (self->scope_entry), FALSE);
}

static void
set_busy (LkTokenDialog *self,
          gboolean          busy)
{
  if (busy)
    {
      self->cancellable = g_cancellable_new ();
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }
  else
    g_clear_object (&self->cancellable);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->create_stack, busy ? "spinner" : "button");
  gtk_widget_set_sensitive (gtk_stack_get_child_by_name (self->step_stack, "form"), !busy);
  update_form (self);
}

/* Creating and saving end alike: on a refusal, what the tenant said shows
 * at the form and everything typed stays. Returns whether it succeeded.
 */
static gboolean
finish_request (LkTokenDialog *self,
                gboolean       succeeded,
                const GError  *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  set_busy (self, FALSE);

  if (!succeeded)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }

  return succeeded;
}

typedef struct {
  LkTokenDialog *self;
  GError        *error;   /* what the create request said */
} CreateCheck;

static void
create_check_free (CreateCheck *check)
{
  g_clear_object (&check->self);
  g_clear_error (&check->error);
  g_free (check);
}

static void
on_create_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CreateCheck *check = user_data;
  LkTokenDialog *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) mine = lk_client_list_tokens_finish (LK_CLIENT (object), result, &error);
  g_autofree char *name = trimmed_name (self);
  g_autoptr(LkToken) made = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      create_check_free (check);
      return;
    }

  for (guint i = 0; mine != NULL && made == NULL && i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (mine, i);

      if (g_strcmp0 (lk_token_get_name (token), name) == 0)
        made = g_steal_pointer (&token);
    }

  if (made != NULL)
    message = g_strdup_printf (_("%s\nThe tenant made the token “%s” all the same, but its secret was lost on the way "
                                 "and cannot be shown again. Revoke it in the list and create a new one."),
                               check->error->message, name);
  else if (mine != NULL)
    message = g_strdup_printf (_("%s\nNo token was made: try again."), check->error->message);
  else
    message = g_strdup_printf (_("%s\nWhether the token was made is not known: look for “%s” in the list before "
                                 "trying again."), check->error->message, name);

  set_busy (self, FALSE);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  /* The list shows it, to be revoked. */
  if (made != NULL)
    {
      g_hash_table_add (self->names_in_use, g_strdup (name));
      g_signal_emit (self, signals [SAVED], 0, made);
    }
  update_form (self);
  create_check_free (check);
}

/* The second step: the new token's ID and its secret, which the dialog now holds. */
static void
show_secret (LkTokenDialog *self,
             LkToken       *token,
             char          *secret)
{
  g_set_object (&self->token, token);
  g_clear_pointer (&self->secret, lk_secret_free);
  self->secret = secret;
  adw_action_row_set_subtitle (self->client_id_row, lk_token_get_id (token));
  adw_action_row_set_subtitle (self->secret_row, secret);
  gtk_widget_set_visible (self->connect_group, self->session != NULL);
  gtk_stack_set_visible_child_name (self->step_stack, "secret");
  gtk_window_set_title (GTK_WINDOW (self), _("Token Created"));
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkTokenDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;
  LkToken *token;

  token = lk_client_create_token_finish (LK_CLIENT (object), result, &secret, &error);
  /* The tenant may have made the token all the same: the list says. */
  if (token == NULL && lk_client_error_outcome_unknown (error) && self->cancellable != NULL)
    {
      CreateCheck *check = g_new0 (CreateCheck, 1);

      /* Still busy: the owner's tokens say whether it was made. */
      check->self = g_object_ref (self);
      check->error = g_steal_pointer (&error);
      lk_client_list_tokens_async (self->client, "me", NULL, self->cancellable, on_create_checked_cb, check);
      return;
    }
  if (!finish_request (self, token != NULL, error))
    return;

  show_secret (self, token, secret);
  g_signal_emit (self, signals [SAVED], 0, token);
  g_object_unref (token);
}

static void
on_updated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkTokenDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkToken) token = lk_client_update_token_finish (LK_CLIENT (object), result, &error);

  if (!finish_request (self, token != NULL, error))
    return;

  g_signal_emit (self, signals [SAVED], 0, token);
  gtk_window_close (GTK_WINDOW (self));
}

static void
lk_token_dialog_create_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  LkTokenDialog *self = LK_TOKEN_DIALOG (widget);
  g_autofree char *name = trimmed_name (self);
  g_autoptr(GDateTime) expiration = chosen_expiration (self);
  g_auto(GStrv) scopes = chosen_scopes (self);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);

  if (self->editing)
    {
      static const char * const all[] = { "sp:scopes:all", NULL };
      const char * const *new_scopes = scopes ? (const char * const *) scopes : all;

      /* Only what changed goes into the patch. */
      lk_client_update_token_async (self->client, lk_token_get_id (self->token),
                                    name_changed (self) ? name : NULL,
                                    scopes_changed (self) ? new_scopes : NULL,
                                    self->cancellable, on_updated_cb, g_object_ref (self));
      return;
    }

  lk_client_create_token_async (self->client, name, (const char * const *) scopes,
                                gtk_spin_button_get_value_as_int (self->validity_spin), expiration,
                                self->cancellable, on_created_cb, g_object_ref (self));
}

/* Copied, and said so where the eye is. */
static void
copy_text (LkTokenDialog *self,
           const char    *text,
           const char    *what)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (what));
}

static void
lk_token_dialog_copy_client_id_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  LkTokenDialog *self = LK_TOKEN_DIALOG (widget);

  if (self->token != NULL)
    copy_text (self, lk_token_get_id (self->token), _("Client ID copied"));
}

static void
lk_token_dialog_copy_secret_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  LkTokenDialog *self = LK_TOKEN_DIALOG (widget);

  if (self->secret != NULL)
    copy_text (self, self->secret, _("Secret copied"));
}

static void
lk_token_dialog_use_as_connection_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param)
{
  LkTokenDialog *self = LK_TOKEN_DIALOG (widget);
  g_autoptr(LkTenant) tenant = NULL;
  LkTenantDialog *dialog;

  if (self->session == NULL || self->token == NULL)
    return;

  /* The Add Tenant dialog, filled in: it tests the token and keeps the secret in the keyring. */
  tenant = lk_tenant_new (lk_token_get_name (self->token), lk_client_get_base_url (self->client),
                          lk_token_get_id (self->token));
  dialog = lk_tenant_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)), self->session, NULL);
  lk_tenant_dialog_prefill (dialog, tenant, self->secret);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_names_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LkTokenDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) mine = lk_client_list_tokens_finish (LK_CLIENT (object), result, &error);

  /* Closed meanwhile: it holds no reference, so that it goes when closed,
   * not when the tenant answers (by then its window may be gone too).
   */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without the list, the tenant's own refusal of a duplicate still shows. */
  for (guint i = 0; mine != NULL && i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (mine, i);

      if (self->editing && g_strcmp0 (lk_token_get_id (token), lk_token_get_id (self->token)) == 0)
        continue;
      g_hash_table_add (self->names_in_use, g_strdup (lk_token_get_name (token)));
    }

  self->names_checked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAMES_CHECKED]);
  update_form (self);
}

static void
lk_token_dialog_constructed (GObject *object)
{
  LkTokenDialog *self = (LkTokenDialog *)object;
  g_autoptr(GDateTime) now = tenant_now_local (self);
  g_autoptr(GDateTime) six_months = g_date_time_add_months (now, MAX_MONTHS);

  G_OBJECT_CLASS (lk_token_dialog_parent_class)->constructed (object);

  g_assert (LK_IS_CLIENT (self->client));

  /* The tenant's default, and its most. */
  gtk_calendar_select_day (self->calendar, six_months);

  self->editing = self->token != NULL;
  if (self->editing)
    {
      const char * const *scopes = lk_token_get_scopes (self->token);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Access Token"));
      gtk_button_set_label (self->create_button, _("_Save"));
      gtk_widget_set_visible (self->lifetime_group, FALSE);
      adw_preferences_group_set_description (self->name_group, NULL);
      adw_preferences_group_set_description (self->scopes_group,
                                             _("New scopes reach only bearer tokens made from now on, "
                                               "and only after up to 20 minutes."));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), lk_token_get_name (self->token));
      if (!is_all_rights (scopes))
        {
          for (guint i = 0; scopes[i] != NULL; i++)
            add_scope (self, scopes[i]);
          adw_expander_row_set_enable_expansion (self->scopes_expander, TRUE);
        }
    }

  /* Names are unique per owner: the owner's list says which are taken. */
  self->names_cancellable = g_cancellable_new ();
  lk_client_list_tokens_async (self->client,
                               self->editing ? lk_owner_get_id (lk_token_get_owner (self->token)) : "me",
                               NULL, self->names_cancellable, on_names_listed_cb, self);
  update_form (self);
}

static void
lk_token_dialog_dispose (GObject *object)
{
  LkTokenDialog *self = (LkTokenDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->names_cancellable);
  g_clear_object (&self->names_cancellable);

  /* The secret goes with the dialog, from its label too. */
  g_clear_pointer (&self->secret, lk_secret_free);
  if (self->secret_row != NULL)
    adw_action_row_set_subtitle (self->secret_row, "");
  gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TOKEN_DIALOG);

  G_OBJECT_CLASS (lk_token_dialog_parent_class)->dispose (object);
}

static void
lk_token_dialog_finalize (GObject *object)
{
  LkTokenDialog *self = (LkTokenDialog *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->session);
  g_clear_object (&self->token);
  g_clear_pointer (&self->names_in_use, g_hash_table_unref);
  g_clear_pointer (&self->scopes, g_ptr_array_unref);
  g_clear_pointer (&self->scope_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_token_dialog_parent_class)->finalize (object);
}

static void
lk_token_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LkTokenDialog *self = LK_TOKEN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TOKEN:
      g_value_set_object (value, self->token);
      break;

    case PROP_NAMES_CHECKED:
      g_value_set_boolean (value, self->names_checked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LkTokenDialog *self = LK_TOKEN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_TOKEN:
      self->token = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The name first: it is what a new token needs, and what a rename changes. */
static void
lk_token_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lk_token_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (LK_TOKEN_DIALOG (widget)->name_row));
}

static void
lk_token_dialog_class_init (LkTokenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lk_token_dialog_constructed;
  object_class->dispose = lk_token_dialog_dispose;
  object_class->finalize = lk_token_dialog_finalize;
  object_class->get_property = lk_token_dialog_get_property;
  widget_class->map = lk_token_dialog_map;
  object_class->set_property = lk_token_dialog_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The token to rename and re-scope; none to make a new one. */
  properties [PROP_TOKEN] =
    g_param_spec_object ("token", NULL, NULL, LK_TYPE_TOKEN,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Whether the owner's token names have been asked for and answered (or
   * failed): until then a name in use is refused by the tenant, not here. */
  properties [PROP_NAMES_CHECKED] =
    g_param_spec_boolean ("names-checked", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkTokenDialog::saved:
   * @self: the dialog
   * @token: the new token, without its secret, or the edited one
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LK_TYPE_TOKEN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tokens/lk-token-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, step_stack);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, create_stack);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, name_group);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, scopes_group);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, lifetime_group);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, scopes_expander);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, scope_entry);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, scope_error);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, validity_spin);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, expiration_button);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, connect_group);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, secret_group);
  gtk_widget_class_bind_template_child (widget_class, LkTokenDialog, secret_title);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_changed_cb);

  gtk_widget_class_install_action (widget_class, "token.create", NULL, lk_token_dialog_create_action);
  gtk_widget_class_install_action (widget_class, "token.copy-client-id", NULL,
                                   lk_token_dialog_copy_client_id_action);
  gtk_widget_class_install_action (widget_class, "token.copy-secret", NULL, lk_token_dialog_copy_secret_action);
  gtk_widget_class_install_action (widget_class, "token.use-as-connection", NULL,
                                   lk_token_dialog_use_as_connection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_token_dialog_init (LkTokenDialog *self)
{
  self->names_in_use = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scopes = g_ptr_array_new_with_free_func (g_free);
  self->scope_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lk_token_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @client: the tenant
 * @session: (nullable): to offer a new token as a tenant connection
 * @token: (nullable): the token to rename and re-scope, or %NULL to make one
 *
 * Returns: (transfer full): a dialog
 */
/**
 * lk_token_dialog_new_rotated:
 * @parent: the window it belongs to
 * @client: the tenant's client
 * @session: (nullable): for "Use as a Connection"
 * @successor: the token just made in @old's place
 * @secret: (transfer full): its secret, which the dialog holds and wipes
 * @old: the token it replaces
 *
 * The second step alone, for a rotation: the successor's secret, shown once,
 * and what becomes of the old token.
 *
 * Returns: (transfer none): the dialog, to present
 */
LkTokenDialog *
lk_token_dialog_new_rotated (GtkWindow  *parent,
                             LkClient   *client,
                             LkSession  *session,
                             LkToken    *successor,
                             char       *secret,
                             LkToken    *old)
{
  LkTokenDialog *self = lk_token_dialog_new (parent, client, session, NULL);
  g_autofree char *description = NULL;

  g_return_val_if_fail (LK_IS_TOKEN (successor) && LK_IS_TOKEN (old), self);

  show_secret (self, successor, secret);
  gtk_window_set_title (GTK_WINDOW (self), _("Token Rotated"));
  adw_window_title_set_title (self->secret_title, _("Token Rotated"));
  description = g_strdup_printf (_("Copy the secret now: it is shown this once and never again. Give it to what "
                                   "uses “%s”, which keeps working until you revoke it: its last use tells when "
                                   "nothing uses it any more."), lk_token_get_name (old));
  adw_preferences_group_set_description (self->secret_group, description);
  return self;
}

LkTokenDialog *
lk_token_dialog_new (GtkWindow *parent,
                     LkClient  *client,
                     LkSession *session,
                     LkToken   *token)
{
  g_return_val_if_fail (LK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (!token || LK_IS_TOKEN (token), NULL);

  return g_object_new (LK_TYPE_TOKEN_DIALOG,
                       "transient-for", parent,
                       "client", client,
                       "session", session,
                       "token", token,
                       NULL);
}
