/* lk-passwords-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-passwords-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-directory.h"
#include "lk-client-passwords.h"
#include "lk-directory.h"
#include "lk-error.h"
#include "lk-password-rule-row.h"
#include "lk-password-rules.h"
#include "lk-passwords-page.h"
#include "lk-page.h"
#include "lk-widget-state.h"

/* Setting an identity's password on one source, the way the API documents
 * it: look the identity up by source and user name, choose the account,
 * type the new password twice while the source's rules are checked, and
 * submit. The password is encrypted with the source's public key the
 * moment it is submitted; the entries keep it in non-swappable memory
 * (GtkPasswordEntryBuffer), and it is wiped as soon as the tenant has
 * taken the request. The request is then followed until FINISHED or
 * FAILED; its id stays on the page to check again later.
 */
struct _LkPasswordsPage
{
  AdwBin            parent_instance;

  LkClient         *client;
  GCancellable     *lookup_cancellable;
  GCancellable     *change_cancellable;
  LkPasswordInfo   *info;
  LkPasswordRules  *rules;
  char             *request_id;
  guint             looking_up : 1;
  guint             changing : 1;
  guint             filling : 1;      /* a suggestion is being taken, not typed */
  guint             people_search;
  GCancellable     *people_cancellable;
  GCancellable     *identity_cancellable;

  /* Template widgets */
  AdwEntryRow      *source_row;
  AdwEntryRow      *user_row;
  GtkListBox       *suggestions;
  GtkSpinner       *lookup_spinner;
  GtkLabel         *lookup_error;
  GtkWidget        *details_box;
  AdwComboRow      *account_row;
  AdwActionRow     *identity_row;
  GtkListBox       *rules_list;
  AdwEntryRow      *password_row;
  AdwEntryRow      *confirm_row;
  GtkWidget        *mismatch_label;
  GtkWidget        *status_group;
  AdwActionRow     *status_row;
  GtkStack         *status_icon_stack;
  GtkSpinner       *status_spinner;
  GtkImage         *status_icon;
  GtkListBox       *status_errors;
};

static void lk_passwords_page_page_iface_init (LkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkPasswordsPage, lk_passwords_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LK_TYPE_PAGE, lk_passwords_page_page_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_INFO,
  PROP_REQUEST_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *
password_text (LkPasswordsPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->password_row));
}

static LkPasswordAccount *
selected_account (LkPasswordsPage *self)
{
  return adw_combo_row_get_selected_item (self->account_row);
}

static gboolean
passwords_match (LkPasswordsPage *self)
{
  return g_strcmp0 (password_text (self), gtk_editable_get_text (GTK_EDITABLE (self->confirm_row))) == 0;
}

static void
update_actions (LkPasswordsPage *self)
{
  const char *source = gtk_editable_get_text (GTK_EDITABLE (self->source_row));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  gboolean can_submit;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passwords.look-up",
                                 self->client != NULL && !self->looking_up && *source != '\0' && *user != '\0');

  can_submit = self->client != NULL && self->info != NULL && !self->changing && selected_account (self) != NULL &&
               *password_text (self) != '\0' && passwords_match (self) &&
               lk_password_rules_check (self->rules, password_text (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passwords.submit", can_submit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passwords.check-status",
                                 self->client != NULL && self->request_id != NULL && !self->changing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passwords.copy-request-id", self->request_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passwords.copy-identity-id", self->info != NULL);
}

/* New buffers for both entries: the old ones wipe their memory as they go. */
static void
wipe_passwords (LkPasswordsPage *self)
{
  AdwEntryRow *rows[] = { self->password_row, self->confirm_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (rows[i]));
      g_autoptr(GtkEntryBuffer) buffer = gtk_password_entry_buffer_new ();

      gtk_text_set_buffer (GTK_TEXT (text), buffer);
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
    }
  /* Nothing typed: nothing met, nothing mismatched (the buffers changed silently). */
  if (self->rules != NULL)
    lk_password_rules_check (self->rules, "");
  gtk_widget_set_visible (self->mismatch_label, FALSE);
  lk_widget_set_invalid (GTK_WIDGET (self->confirm_row), FALSE);
}

static void
set_request_id (LkPasswordsPage *self,
                const char      *request_id)
{
  if (g_strcmp0 (self->request_id, request_id) == 0)
    return;

  g_free (self->request_id);
  self->request_id = g_strdup (request_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUEST_ID]);
}

static void
show_status (LkPasswordsPage    *self,
             const char         *icon_name,
             const char         *title,
             const char         *detail,
             const char * const *errors)
{
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->status_group, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);

  if (self->request_id != NULL && detail != NULL)
    subtitle = g_strdup_printf (_("%s\nRequest %s"), detail, self->request_id);
  else if (self->request_id != NULL)
    subtitle = g_strdup_printf (_("Request %s"), self->request_id);
  else
    subtitle = g_strdup (detail);
  adw_action_row_set_subtitle (self->status_row, subtitle ? subtitle : "");

  /* No icon: something is under way. */
  gtk_spinner_set_spinning (self->status_spinner, icon_name == NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_stack_set_visible_child_name (self->status_icon_stack, icon_name ? "icon" : "busy");

  lk_list_box_remove_all (self->status_errors);
  for (guint i = 0; errors != NULL && errors[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), errors[i]);
      gtk_widget_add_css_class (row, "error");
      gtk_list_box_append (self->status_errors, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_errors), errors != NULL && errors[0] != NULL);
}

/* The outcome where the user looks: a toast, and the page scrolled to the
 * result (which takes the focus, so that Orca reads it too).
 */
static void
announce_outcome (LkPasswordsPage *self,
                  const char      *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  gtk_widget_grab_focus (GTK_WIDGET (self->status_row));
}

static void
show_final_status (LkPasswordsPage  *self,
                   LkPasswordStatus *status)
{
  switch (lk_password_status_get_state (status))
    {
    case LK_PASSWORD_STATE_FINISHED:
      show_status (self, "emblem-ok-symbolic", _("The password was changed"), NULL, NULL);
      announce_outcome (self, _("The password was changed"));
      break;

    case LK_PASSWORD_STATE_FAILED:
      show_status (self, "dialog-error-symbolic", _("The source refused the password"), NULL,
                   lk_password_status_get_errors (status));
      announce_outcome (self, _("The source refused the password"));
      break;

    case LK_PASSWORD_STATE_IN_PROGRESS:
    case LK_PASSWORD_STATE_UNKNOWN:
    default:
      show_status (self, "dialog-question-symbolic", _("The tenant reports a state Latchkey does not know"),
                   lk_password_status_get_state_text (status), NULL);
      break;
    }
}

static void
on_status_followed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LkPasswordsPage) self = user_data;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = lk_client_password_status_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->changing = FALSE;
  if (status == NULL)
    show_status (self, "dialog-warning-symbolic", _("The state of the change is not known"), error->message, NULL);
  else
    show_final_status (self, status);
  update_actions (self);
}

static void
follow_request (LkPasswordsPage *self)
{
  g_cancellable_cancel (self->change_cancellable);
  g_clear_object (&self->change_cancellable);
  self->change_cancellable = g_cancellable_new ();
  self->changing = TRUE;
  show_status (self, NULL, _("The source is applying the password…"), NULL, NULL);
  update_actions (self);
  lk_client_wait_password_status_async (self->client, self->request_id, self->change_cancellable,
                                        on_status_followed_cb, g_object_ref (self));
}

static void
on_password_sent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkPasswordsPage) self = user_data;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = lk_client_password_status_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->changing = FALSE;
  if (status == NULL)
    {
      /* Not repeated by the client: a lost or unreadable answer may hide a change made. */
      if (lk_client_error_outcome_unknown (error))
        show_status (self, "dialog-warning-symbolic",
                     _("The password may or may not have been changed"), error->message, NULL);
      else
        show_status (self, "dialog-error-symbolic", _("The password was not changed"), error->message, NULL);
      update_actions (self);
      return;
    }

  /* The tenant has it: the typed password has served. */
  wipe_passwords (self);
  set_request_id (self, lk_password_status_get_request_id (status));
  if (lk_password_status_is_done (status) || self->request_id == NULL)
    {
      show_final_status (self, status);
      update_actions (self);
    }
  else
    follow_request (self);
}

static void
submit (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (widget);

  g_cancellable_cancel (self->change_cancellable);
  g_clear_object (&self->change_cancellable);
  self->change_cancellable = g_cancellable_new ();
  self->changing = TRUE;
  set_request_id (self, NULL);
  show_status (self, NULL, _("Sending the new password…"), NULL, NULL);
  update_actions (self);

  /* Encrypted before this returns; nothing keeps the plain text. */
  lk_client_set_password_async (self->client, self->info, lk_password_account_get_id (selected_account (self)),
                                password_text (self), self->change_cancellable, on_password_sent_cb,
                                g_object_ref (self));
}

static void
check_status (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  follow_request (LK_PASSWORDS_PAGE (widget));
}

static void
copy_request_id (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (widget);

  lk_widget_copy_text (widget, self->request_id, _("Request ID copied"));
}

static void
copy_identity_id (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (widget);

  lk_widget_copy_text (widget, lk_password_info_get_identity_id (self->info), _("Identity ID copied"));
}

static void
check_password (LkPasswordsPage *self)
{
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  gboolean mismatch = *confirm != '\0' && !passwords_match (self);

  if (self->rules != NULL)
    lk_password_rules_check (self->rules, password_text (self));

  gtk_widget_set_visible (self->mismatch_label, mismatch);
  lk_widget_set_invalid (GTK_WIDGET (self->confirm_row), mismatch);
  update_actions (self);
}

static void
on_password_changed_cb (LkPasswordsPage *self)
{
  check_password (self);
}

static void
on_confirm_activated_cb (LkPasswordsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "passwords.submit", NULL);
}

static void
on_account_selected_cb (LkPasswordsPage *self)
{
  LkPasswordAccount *account = selected_account (self);

  /* "Not the account name" is about the account chosen. */
  if (self->rules != NULL && account != NULL)
    lk_password_rules_set_account (self->rules, lk_password_account_get_name (account),
                                   lk_password_account_get_id (account));
  check_password (self);
}

static char *
account_label (LkPasswordAccount *account,
               gpointer           user_data)
{
  const char *name = lk_password_account_get_name (account);

  return g_strdup (name != NULL ? name : lk_password_account_get_id (account));
}

/* The identity by name once the directory knows it; its id stays in the
 * tooltip and the copy button. */
static void
show_identity (LkPasswordsPage *self)
{
  const char *id = lk_password_info_get_identity_id (self->info);
  LkDirectory *directory = lk_directory_get_for_client (self->client);
  gboolean known = FALSE;
  LkIdentity *identity = lk_directory_lookup_identity (directory, id, &known);
  g_autofree char *unknown = NULL;

  if (identity != NULL)
    adw_action_row_set_subtitle (self->identity_row, lk_identity_get_name (identity));
  else if (known)
    adw_action_row_set_subtitle (self->identity_row,
                                 (unknown = g_strdup_printf (_("Unknown identity %.8s…"), id)));
  else
    adw_action_row_set_subtitle (self->identity_row, id);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->identity_row), id);
}

static void
on_identity_resolved_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LkPasswordsPage) self = user_data;

  /* Without the right to read identities, the id is what stays shown. */
  if (!lk_directory_resolve_identities_finish (LK_DIRECTORY (object), result, NULL) || self->info == NULL)
    return;
  show_identity (self);
}

static void
resolve_identity (LkPasswordsPage *self)
{
  const char *ids[] = { lk_password_info_get_identity_id (self->info), NULL };

  show_identity (self);
  if (ids[0] == NULL)
    return;
  g_cancellable_cancel (self->identity_cancellable);
  g_clear_object (&self->identity_cancellable);
  self->identity_cancellable = g_cancellable_new ();
  lk_directory_resolve_identities_async (lk_directory_get_for_client (self->client), ids, self->identity_cancellable,
                                         on_identity_resolved_cb, g_object_ref (self));
}

static void
set_info (LkPasswordsPage *self,
          LkPasswordInfo  *info)
{
  if (!g_set_object (&self->info, info))
    return;

  g_clear_object (&self->rules);
  wipe_passwords (self);
  if (info != NULL)
    {
      self->rules = lk_password_rules_new_from_constraints (lk_password_info_get_policies (info));
      gtk_list_box_bind_model (self->rules_list, G_LIST_MODEL (self->rules), lk_password_rule_row_create, NULL,
                               NULL);
      adw_combo_row_set_model (self->account_row, lk_password_info_get_accounts (info));
      resolve_identity (self);
      on_account_selected_cb (self);
    }
  else
    {
      gtk_list_box_bind_model (self->rules_list, NULL, NULL, NULL, NULL);
      adw_combo_row_set_model (self->account_row, NULL);
    }

  gtk_widget_set_visible (self->details_box, info != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INFO]);
  update_actions (self);
}

static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkPasswordsPage) self = user_data;
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = lk_client_query_password_info_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->looking_up = FALSE;
  gtk_spinner_set_spinning (self->lookup_spinner, FALSE);

  if (info == NULL)
    {
      gtk_label_set_text (self->lookup_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->lookup_error), TRUE);
      update_actions (self);
      return;
    }

  set_info (self, info);
  if (g_list_model_get_n_items (lk_password_info_get_accounts (info)) == 0)
    {
      gtk_label_set_text (self->lookup_error, _("The identity has no account on this source"));
      gtk_widget_set_visible (GTK_WIDGET (self->lookup_error), TRUE);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
look_up (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (widget);
  g_autofree char *source = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_row))));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();
  self->looking_up = TRUE;
  gtk_spinner_set_spinning (self->lookup_spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_error), FALSE);
  set_info (self, NULL);

  lk_client_query_password_info_async (self->client, source, user, self->lookup_cancellable, on_looked_up_cb,
                                       g_object_ref (self));
}

/* Suggestions: what the tenant calls its sources and people, as typed. */

#define MAX_SUGGESTIONS 6
#define TYPING_PAUSE_MS 250

static void
clear_suggestions (LkPasswordsPage *self)
{
  lk_list_box_remove_all (self->suggestions);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), FALSE);
}

/* A row that puts @fill in @target when chosen. */
static void
add_suggestion (LkPasswordsPage *self,
                const char      *title,
                const char      *subtitle,
                const char      *fill,
                AdwEntryRow     *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "lk-fill", g_strdup (fill), g_free);
  g_object_set_data (G_OBJECT (row), "lk-target", target);
  gtk_list_box_append (self->suggestions, row);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), TRUE);
}

static void
suggest_sources (LkPasswordsPage *self)
{
  LkDirectory *directory = lk_directory_get_for_client (self->client);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->source_row));
  g_autoptr(GPtrArray) matches = NULL;

  if (*typed == '\0' || !lk_directory_get_sources_loaded (directory))
    return;

  matches = lk_directory_find_sources (directory, typed, MAX_SUGGESTIONS);
  for (guint i = 0; i < matches->len; i++)
    {
      LkSource *source = g_ptr_array_index (matches, i);

      /* Typed in full: nothing to suggest. */
      if (matches->len == 1 && g_utf8_collate (lk_source_get_name (source), typed) == 0)
        return;
      add_suggestion (self, lk_source_get_name (source), lk_source_get_source_type (source),
                      lk_source_get_name (source), self->source_row);
    }
}

static void
on_people_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkPasswordsPage) self = user_data;
  g_autoptr(GListModel) found = lk_client_list_resources_finish (LK_CLIENT (object), result, NULL);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->user_row));

  /* A failure, such as a missing right, leaves the user name to type. */
  if (found == NULL)
    return;

  clear_suggestions (self);
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(LkIdentity) identity = g_list_model_get_item (found, i);
      const char *alias = lk_identity_get_alias (identity);

      if (alias == NULL || (g_list_model_get_n_items (found) == 1 && g_strcmp0 (alias, typed) == 0))
        continue;
      add_suggestion (self, lk_identity_get_name (identity), alias, alias, self->user_row);
    }
}

static gboolean
search_people_cb (gpointer data)
{
  LkPasswordsPage *self = data;
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  g_autofree char *filters = NULL;

  self->people_search = 0;
  if (self->client == NULL || *typed == '\0')
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->people_cancellable);
  g_clear_object (&self->people_cancellable);
  self->people_cancellable = g_cancellable_new ();
  filters = lk_identity_filter_for_text (typed);
  lk_client_search_resources_async (self->client, &lk_identity_kind, filters, "name", MAX_SUGGESTIONS,
                                    self->people_cancellable, on_people_found_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
on_lookup_changed_cb (LkPasswordsPage *self,
                      AdwEntryRow     *row)
{
  update_actions (self);
  if (self->filling || self->client == NULL)
    return;

  clear_suggestions (self);
  g_cancellable_cancel (self->people_cancellable);
  g_clear_handle_id (&self->people_search, g_source_remove);
  if (row == self->source_row)
    suggest_sources (self);
  else
    self->people_search = g_timeout_add (TYPING_PAUSE_MS, search_people_cb, self);
}

static void
on_suggestion_activated_cb (LkPasswordsPage *self,
                            GtkListBoxRow   *row,
                            GtkListBox      *list)
{
  AdwEntryRow *target = g_object_get_data (G_OBJECT (row), "lk-target");
  g_autofree char *fill = g_strdup (g_object_get_data (G_OBJECT (row), "lk-fill"));

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (target), fill);
  self->filling = FALSE;
  clear_suggestions (self);
  /* The source chosen, the person next. */
  gtk_widget_grab_focus (GTK_WIDGET (target == self->source_row ? self->user_row : self->source_row));
  update_actions (self);
}

static void
on_lookup_activated_cb (LkPasswordsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "passwords.look-up", NULL);
}

static void
cancel_all (LkPasswordsPage *self)
{
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_cancellable_cancel (self->change_cancellable);
  g_clear_object (&self->change_cancellable);
  g_cancellable_cancel (self->people_cancellable);
  g_clear_object (&self->people_cancellable);
  g_cancellable_cancel (self->identity_cancellable);
  g_clear_object (&self->identity_cancellable);
  g_clear_handle_id (&self->people_search, g_source_remove);
  self->looking_up = FALSE;
  self->changing = FALSE;
  gtk_spinner_set_spinning (self->lookup_spinner, FALSE);
  gtk_spinner_set_spinning (self->status_spinner, FALSE);
}

static void
lk_passwords_page_dispose (GObject *object)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (object);

  cancel_all (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PASSWORDS_PAGE);
  g_clear_object (&self->info);
  g_clear_object (&self->rules);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (lk_passwords_page_parent_class)->dispose (object);
}

static void
lk_passwords_page_finalize (GObject *object)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (object);

  g_free (self->request_id);

  G_OBJECT_CLASS (lk_passwords_page_parent_class)->finalize (object);
}

static void
lk_passwords_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_INFO:
      g_value_set_object (value, self->info);
      break;

    case PROP_REQUEST_ID:
      g_value_set_string (value, self->request_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_passwords_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LkPasswordsPage *self = LK_PASSWORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      lk_passwords_page_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The source first: the form is filled from the top. */
static gboolean
lk_passwords_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (LK_PASSWORDS_PAGE (widget)->source_row));
}

static void
lk_passwords_page_class_init (LkPasswordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_passwords_page_dispose;
  object_class->finalize = lk_passwords_page_finalize;
  object_class->get_property = lk_passwords_page_get_property;
  object_class->set_property = lk_passwords_page_set_property;
  widget_class->grab_focus = lk_passwords_page_grab_focus;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_INFO] =
    g_param_spec_object ("info", NULL, NULL, LK_TYPE_PASSWORD_INFO, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_REQUEST_ID] =
    g_param_spec_string ("request-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/passwords/lk-passwords-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, suggestions);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, lookup_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, lookup_error);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, details_box);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, identity_row);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, rules_list);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, mismatch_label);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, status_group);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, status_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LkPasswordsPage, status_errors);
  gtk_widget_class_bind_template_callback (widget_class, on_lookup_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lookup_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_account_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated_cb);

  gtk_widget_class_install_action (widget_class, "passwords.look-up", NULL, look_up);
  gtk_widget_class_install_action (widget_class, "passwords.submit", NULL, submit);
  gtk_widget_class_install_action (widget_class, "passwords.check-status", NULL, check_status);
  gtk_widget_class_install_action (widget_class, "passwords.copy-request-id", NULL, copy_request_id);
  gtk_widget_class_install_action (widget_class, "passwords.copy-identity-id", NULL, copy_identity_id);
}

static void
lk_passwords_page_init (LkPasswordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_list_box_follow_down_key (self->suggestions, GTK_WIDGET (self->source_row));
  lk_list_box_follow_down_key (self->suggestions, GTK_WIDGET (self->user_row));

  adw_combo_row_set_expression (self->account_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (account_label), NULL, NULL));
  /* Non-swappable memory for what is typed, from the start. */
  wipe_passwords (self);
  update_actions (self);
}

LkPasswordsPage *
lk_passwords_page_new (void)
{
  return g_object_new (LK_TYPE_PASSWORDS_PAGE, NULL);
}

LkClient *
lk_passwords_page_get_client (LkPasswordsPage *self)
{
  g_return_val_if_fail (LK_IS_PASSWORDS_PAGE (self), NULL);

  return self->client;
}

/**
 * lk_passwords_page_set_client:
 * @self: a #LkPasswordsPage
 * @client: (nullable): the tenant's client
 *
 * Another tenant: what was looked up and any change followed belong to
 * the previous one and go. The names typed stay.
 */
void
lk_passwords_page_set_client (LkPasswordsPage *self,
                              LkClient        *client)
{
  g_return_if_fail (LK_IS_PASSWORDS_PAGE (self));
  g_return_if_fail (!client || LK_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  cancel_all (self);
  set_info (self, NULL);
  set_request_id (self, NULL);
  clear_suggestions (self);
  /* Sources to suggest: asked for once per tenant. */
  if (client != NULL)
    lk_directory_load_sources_async (lk_directory_get_for_client (client), NULL, NULL, NULL);
  gtk_widget_set_visible (self->status_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->lookup_error), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
  update_actions (self);
}

LkPasswordInfo *
lk_passwords_page_get_info (LkPasswordsPage *self)
{
  g_return_val_if_fail (LK_IS_PASSWORDS_PAGE (self), NULL);

  return self->info;
}

const char *
lk_passwords_page_get_request_id (LkPasswordsPage *self)
{
  g_return_val_if_fail (LK_IS_PASSWORDS_PAGE (self), NULL);

  return self->request_id;
}

/* LkPage */

static void
page_set_client (LkPage   *page,
                 LkClient *client)
{
  lk_passwords_page_set_client ((LkPasswordsPage *) page, client);
}

static void
lk_passwords_page_page_iface_init (LkPageInterface *iface)
{
  iface->set_client = page_set_client;
}
