/* lk-tokens-page-actions.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tokens-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-csv.h"
#include "lk-error.h"
#include "lk-files.h"
#include "lk-rotation-prompts.h"
#include "lk-rotations.h"
#include "lk-token-dialog.h"
#include "lk-tokens-page-private.h"

/* What the Tokens page does to tokens: new, edit, export and revoke, the
 * last one token at a time and never the connection's own unasked.
 */

/* Revoking */

typedef struct {
  LkTokensPage *self;
  GPtrArray    *groups;       /* per tenant, in the order met: GPtrArray of LkToken */
  guint         group;        /* the one asked about now */
  guint         managed;      /* of the selection, left alone */
  GList        *tokens;       /* confirmed */
  GList        *next;
  LkToken      *current;
  guint         revoked;
  gboolean      own_revoked;
  GError       *first_error;
} Revocation;

static void
revocation_free (Revocation *revocation)
{
  g_clear_object (&revocation->self);
  g_clear_pointer (&revocation->groups, g_ptr_array_unref);
  g_list_free_full (revocation->tokens, g_object_unref);
  g_clear_error (&revocation->first_error);
  g_free (revocation);
}

static void revoke_next (Revocation *revocation);

static void
on_token_revoked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Revocation *revocation = user_data;
  g_autoptr(GError) error = NULL;

  if (lk_client_revoke_token_finish (LK_CLIENT (object), result, &error))
    {
      revocation->revoked++;
      revocation->own_revoked |= _lk_tokens_page_is_own_connection (revocation->self, revocation->current);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      revocation_free (revocation);
      return;
    }
  else if (revocation->first_error == NULL)
    revocation->first_error = g_steal_pointer (&error);

  revoke_next (revocation);
}

void
_lk_tokens_page_toast (LkTokensPage *self,
       const char   *message)
{
  /* The window shows it; a page on its own (tests) has nowhere to. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

/* One at a time, each through its tenant's client: the tenant's rate
 * limit counts every DELETE.
 */
static void
revoke_next (Revocation *revocation)
{
  LkTokensPage *self = revocation->self;
  LkToken *token;

  if (revocation->next == NULL)
    {
      g_autofree char *message = NULL;

      if (revocation->first_error != NULL)
        message = g_strdup_printf (_("Revoked %u of %u tokens. %s"), revocation->revoked,
                                   g_list_length (revocation->tokens), revocation->first_error->message);
      else
        message = g_strdup_printf (ngettext ("Revoked %u token", "Revoked %u tokens", revocation->revoked),
                                   revocation->revoked);
      _lk_tokens_page_toast (self, message);
      /* Its bearer token lasts a while yet; the next one will be refused. */
      if (revocation->own_revoked)
        _lk_tokens_page_toast (self, _("Latchkey’s own token for this tenant is revoked: edit the tenant to connect with another"));
      self->loading = FALSE;
      lk_tokens_page_reload (self);
      revocation_free (revocation);
      return;
    }

  token = revocation->current = revocation->next->data;
  revocation->next = revocation->next->next;
  lk_client_revoke_token_async (_lk_tokens_page_client_for (self, token), lk_token_get_id (token),
                                self->cancellable, on_token_revoked_cb, revocation);
}

static void
start_revoking (Revocation *revocation)
{
  LkTokensPage *self = revocation->self;

  if (revocation->tokens == NULL || self->client == NULL)
    {
      revocation_free (revocation);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  _lk_tokens_page_update_actions (self);

  revocation->next = revocation->tokens;
  revoke_next (revocation);
}

static void ask_group (Revocation *revocation);

static void
on_revoke_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  Revocation *revocation = user_data;
  GPtrArray *group = g_ptr_array_index (revocation->groups, revocation->group);

  if (g_strcmp0 (response, "revoke") == 0)
    for (guint i = 0; i < group->len; i++)
      revocation->tokens = g_list_append (revocation->tokens, g_object_ref (g_ptr_array_index (group, i)));

  /* Each tenant is asked about on its own: production is not revoked on a "yes" to a sandbox. */
  if (++revocation->group < revocation->groups->len)
    ask_group (revocation);
  else
    start_revoking (revocation);
}

static void
on_lockout_confirmed_cb (GtkCheckButton   *check,
                         GParamSpec       *pspec,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "revoke", gtk_check_button_get_active (check));
}

static void
ask_group (Revocation *revocation)
{
  LkTokensPage *self = revocation->self;
  GPtrArray *group = g_ptr_array_index (revocation->groups, revocation->group);
  LkToken *first = g_ptr_array_index (group, 0);
  LkTenant *tenant = lk_token_get_tenant (first);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  guint left = revocation->groups->len - revocation->group - 1;
  AdwMessageDialog *dialog;
  gboolean own = FALSE;
  guint n = group->len;

  for (guint i = 0; i < n; i++)
    {
      LkToken *token = g_ptr_array_index (group, i);

      own |= _lk_tokens_page_is_own_connection (self, token);
      if (i < 10)
        g_string_append_printf (body, "• %s — %s\n", lk_token_get_name (token),
                                lk_owner_get_name (lk_token_get_owner (token)));
    }
  if (n > 10)
    g_string_append_printf (body, ngettext ("…and %u more\n", "…and %u more\n", n - 10), n - 10);
  if (revocation->managed > 0 && revocation->group == 0)
    g_string_append_printf (body, ngettext ("\n%u managed token of the selection stays: the platform owns it.\n",
                                            "\n%u managed tokens of the selection stay: the platform owns them.\n",
                                            revocation->managed), revocation->managed);
  g_string_append (body, _("\nAnything that uses them stops working at once. This cannot be undone."));
  if (left > 0)
    g_string_append_printf (body, ngettext ("\n\nThe selection’s tokens on %u other tenant are asked about next.",
                                            "\n\nThe selection’s tokens on %u other tenants are asked about next.",
                                            left), left);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, NULL, body->str));
  if (tenant != NULL && n == 1)
    adw_message_dialog_format_heading (dialog, _("Revoke “%s” on “%s”?"), lk_token_get_name (first),
                                       lk_tenant_get_name (tenant));
  else if (tenant != NULL)
    adw_message_dialog_format_heading (dialog, ngettext ("Revoke %u Token on “%s”?", "Revoke %u Tokens on “%s”?", n),
                                       n, lk_tenant_get_name (tenant));
  else if (n == 1)
    adw_message_dialog_format_heading (dialog, _("Revoke “%s”?"), lk_token_get_name (first));
  else
    adw_message_dialog_format_heading (dialog, ngettext ("Revoke %u Token?", "Revoke %u Tokens?", n), n);

  adw_message_dialog_add_responses (dialog, "cancel", revocation->groups->len > 1 ? _("_Keep Them") : _("_Cancel"),
                                    "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  /* The token this very connection uses: revoking it locks Latchkey out. */
  if (own)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (
        _("_Revoke the token Latchkey uses for this tenant, and lose access to it"));

      gtk_widget_add_css_class (check, "error");
      adw_message_dialog_set_extra_child (dialog, check);
      adw_message_dialog_set_response_enabled (dialog, "revoke", FALSE);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (on_lockout_confirmed_cb), dialog, 0);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (on_revoke_response_cb), revocation);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_tokens_page_revoke_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  g_autolist(LkToken) selected = _lk_tokens_page_selected_tokens (self);
  Revocation *revocation = g_new0 (Revocation, 1);

  /* The managed ones of the selection stay: the platform owns them. */
  revocation->self = g_object_ref (self);
  revocation->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (const GList *l = selected; l != NULL; l = l->next)
    {
      LkTenant *tenant = lk_token_get_tenant (l->data);
      GPtrArray *group = NULL;

      if (lk_token_get_managed (l->data))
        {
          revocation->managed++;
          continue;
        }
      for (guint i = 0; i < revocation->groups->len && group == NULL; i++)
        {
          GPtrArray *candidate = g_ptr_array_index (revocation->groups, i);

          if (lk_token_get_tenant (g_ptr_array_index (candidate, 0)) == tenant)
            group = candidate;
        }
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (revocation->groups, group);
        }
      g_ptr_array_add (group, g_object_ref (l->data));
    }

  if (revocation->groups->len == 0)
    {
      revocation_free (revocation);
      return;
    }

  ask_group (revocation);
}

/* A token edited changes in place: the list keeps its scroll and
 * selection. A new one may belong anywhere (or nowhere) in the list as
 * filtered on the tenant's side: the list is asked for again.
 */
static void
on_token_saved_cb (LkTokensPage  *self,
                   LkToken       *token,
                   LkTokenDialog *dialog)
{
  g_autolist(LkToken) selected = _lk_tokens_page_selected_tokens (self);
  gboolean was_selected = FALSE;

  for (const GList *l = selected; l != NULL && token != NULL; l = l->next)
    was_selected |= g_strcmp0 (lk_token_get_id (l->data), lk_token_get_id (token)) == 0;

  if (token == NULL || !lk_token_list_model_replace_token (self->tokens, token))
    {
      lk_tokens_page_reload (self);
      return;
    }

  /* The selection holds tokens, and this one is a new object. */
  for (guint i = 0; was_selected && i < g_list_model_get_n_items (G_LIST_MODEL (self->tokens)); i++)
    if (lk_token_list_model_get_token (self->tokens, i) == token)
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->rows), i, FALSE);
}

static void
lk_tokens_page_new_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  LkTokenDialog *dialog;

  if (self->client == NULL)
    return;

  dialog = lk_token_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->client, self->session, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_token_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_lk_tokens_page_edit_token (LkTokensPage *self,
                            LkToken      *token)
{
  LkTokenDialog *dialog;

  dialog = lk_token_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                _lk_tokens_page_client_for (self, token), NULL, token);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_token_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_tokens_page_edit_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  g_autolist(LkToken) tokens = _lk_tokens_page_selected_tokens (self);

  if (self->client == NULL || tokens == NULL || tokens->next != NULL || lk_token_get_managed (tokens->data))
    return;

  _lk_tokens_page_edit_token (self, tokens->data);
}

/* Rotating: the successor made, its secret shown once, the old token left
 * for what uses it to move from; which replaced which is kept on this machine.
 */
static void
on_rotated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkTokensPage) self = user_data;
  g_autoptr(LkToken) old = NULL;
  g_autoptr(LkToken) successor = NULL;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;
  LkTokenDialog *dialog;

  successor = lk_client_rotate_token_finish (LK_CLIENT (object), result, &old, &secret, &error);
  if (successor == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Sent, and not known to be made: the list, reloaded, says. */
      message = lk_client_error_outcome_unknown (error)
                ? g_strdup_printf (_("The token may not have been rotated: %s. The list is read again: a token "
                                     "named after it with today’s date is its successor, whose secret was lost: "
                                     "revoke it."), error->message)
                : g_strdup_printf (_("The token was not rotated: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      if (lk_client_error_outcome_unknown (error))
        lk_tokens_page_reload (self);
      return;
    }

  if (!lk_rotations_record_rotation (self->rotation_store, LK_CLIENT (object), old, successor, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);

  dialog = lk_token_dialog_new_rotated (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), LK_CLIENT (object),
                                        self->session, successor, secret, old);
  gtk_window_present (GTK_WINDOW (dialog));
  lk_tokens_page_reload (self);
}

static void
on_rotate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LkTokensPage     *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "lk-token-id");
  LkTenant *tenant = g_object_get_data (G_OBJECT (dialog), "lk-tenant");
  LkClient *client = g_object_get_data (G_OBJECT (dialog), "lk-client");

  if (g_str_equal (response, "rotate") && client != NULL)
    lk_client_rotate_token_async (client, id, NULL, on_rotated_cb, g_object_ref (self));
  else if (g_str_equal (response, "rotate-connection") && self->session != NULL)
    {
      g_autoptr(LkConnectionRotation) rotation =
        lk_connection_rotation_new (self->session, self->rotation_store, lk_tenant_get_name (tenant));

      lk_rotation_prompts_run (GTK_WIDGET (self), self->session, rotation);
    }
}

/* The saved tenant that connects with @token: its own in a list of
 * several tenants, else the page's.
 */
static LkTenant *
find_connection (LkTokensPage *self,
                 LkToken      *token)
{
  LkTenant *tenant;

  if (self->session == NULL || !_lk_tokens_page_is_own_connection (self, token))
    return NULL;

  tenant = lk_token_get_tenant (token);
  if (tenant == NULL)
    tenant = lk_tenant_list_get_current (lk_session_get_tenants (self->session));
  if (tenant == NULL || g_strcmp0 (lk_tenant_get_client_id (tenant), lk_token_get_id (token)) != 0)
    return NULL;

  return tenant;
}

static void
lk_tokens_page_rotate_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  g_autolist(LkToken) tokens = _lk_tokens_page_selected_tokens (self);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *successor_name = NULL;
  AdwMessageDialog *dialog;
  LkTenant *connection;
  const char *response;
  LkToken *token;

  if (self->client == NULL || tokens == NULL || tokens->next != NULL || lk_token_get_managed (tokens->data))
    return;

  token = tokens->data;
  now = lk_client_get_now (_lk_tokens_page_client_for (self, token));
  successor_name = lk_token_successor_name (token, now, NULL);
  connection = find_connection (self, token);
  response = connection != NULL ? "rotate-connection" : "rotate";
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Rotate “%s”?"), lk_token_get_name (token));
  if (connection != NULL)
    adw_message_dialog_format_body (dialog,
                                    _("Latchkey connects to “%s” with this token. A new token, “%s”, is made with "
                                      "the same scopes, tested, and put in its place in the keyring. “%s” keeps "
                                      "working until you revoke it, which Latchkey offers once it has moved."),
                                    lk_tenant_get_name (connection), successor_name, lk_token_get_name (token));
  else
    adw_message_dialog_format_body (dialog,
                                    _("A new token, “%s”, is made with the same scopes and as long a life; its "
                                      "secret is shown once. “%s” keeps working until you revoke it, so that what "
                                      "uses it can move to the new one first."),
                                    successor_name, lk_token_get_name (token));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, _("_Rotate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  if (connection != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "lk-tenant", g_object_ref (connection), g_object_unref);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lk-token-id", g_strdup (lk_token_get_id (token)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "lk-client", g_object_ref (_lk_tokens_page_client_for (self, token)),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rotate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The rotated tokens nothing uses any more, selected for Revoke… to take
 * (shown first: the search would hide some).
 */
static void
lk_tokens_page_select_retired_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  GtkSelectionModel *rows = GTK_SELECTION_MODEL (self->rows);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  lk_token_list_model_set_search (self->tokens, "");
  lk_tokens_page_set_selection_mode (self, TRUE);
  gtk_selection_model_unselect_all (rows);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tokens)); i++)
    {
      LkToken *token = lk_token_list_model_get_token (self->tokens, i);

      if (g_ptr_array_find_with_equal_func (self->retired_ids, lk_token_get_id (token), g_str_equal, NULL))
        gtk_selection_model_select_item (rows, i, FALSE);
    }
}

/**
 * lk_tokens_page_export_async:
 * @self: a #LkTokensPage
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once written
 * @user_data: data for @callback
 *
 * Writes the tokens as shown, searched, filtered and sorted, as CSV.
 */
void
lk_tokens_page_export_async (LkTokensPage        *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LK_IS_TOKENS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_tokens_page_export_async);
  lk_task_replace_file_contents (task, file, lk_tokens_to_csv (G_LIST_MODEL (self->tokens)));
}

gboolean
lk_tokens_page_export_finish (LkTokensPage  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LK_IS_TOKENS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkTokensPage *self = LK_TOKENS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lk_tokens_page_export_finish (self, result, &error))
    message = g_strdup_printf (_("The list could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (ngettext ("Saved %u token as CSV", "Saved %u tokens as CSV",
                                         g_list_model_get_n_items (G_LIST_MODEL (self->tokens))),
                               g_list_model_get_n_items (G_LIST_MODEL (self->tokens)));
  _lk_tokens_page_toast (self, message);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LkTokensPage    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      lk_tokens_page_export_async (self, file, NULL, on_exported_cb, NULL);
    }

  g_object_unref (chooser);
}

static void
lk_tokens_page_export_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("access-tokens-%s.csv", day);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* GtkFileDialog is GTK 4.10. */
  chooser = gtk_file_chooser_native_new (_("Save the Tokens as CSV"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lk_tokens_page_reload_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  lk_tokens_page_reload (LK_TOKENS_PAGE (widget));
}

static void
lk_tokens_page_show_mine_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  gtk_drop_down_set_selected (self->whose_dropdown, WHOSE_MINE);
}

static void
lk_tokens_page_leave_selection_mode_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  lk_tokens_page_set_selection_mode (LK_TOKENS_PAGE (widget), FALSE);
}

static void
lk_tokens_page_search_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (LK_TOKENS_PAGE (widget)->search_entry));
}

void
_lk_tokens_page_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "tokens.reload", NULL, lk_tokens_page_reload_action);
  gtk_widget_class_install_action (widget_class, "tokens.new", NULL, lk_tokens_page_new_action);
  gtk_widget_class_install_action (widget_class, "tokens.edit", NULL, lk_tokens_page_edit_action);
  gtk_widget_class_install_action (widget_class, "tokens.export", NULL, lk_tokens_page_export_action);
  gtk_widget_class_install_action (widget_class, "tokens.revoke", NULL, lk_tokens_page_revoke_action);
  gtk_widget_class_install_action (widget_class, "tokens.rotate", NULL, lk_tokens_page_rotate_action);
  gtk_widget_class_install_action (widget_class, "tokens.select-retired", NULL,
                                   lk_tokens_page_select_retired_action);
  gtk_widget_class_install_action (widget_class, "tokens.show-mine", NULL, lk_tokens_page_show_mine_action);
  gtk_widget_class_install_action (widget_class, "tokens.search", NULL, lk_tokens_page_search_action);
  gtk_widget_class_install_property_action (widget_class, "tokens.selection-mode", "selection-mode");
  gtk_widget_class_install_property_action (widget_class, "tokens.all-tenants", "all-tenants");
  /* Escape leaves the selection mode; outside it, the action is off and the key goes on. */
  gtk_widget_class_install_action (widget_class, "tokens.leave-selection-mode", NULL,
                                   lk_tokens_page_leave_selection_mode_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "tokens.leave-selection-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "tokens.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "tokens.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "tokens.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "tokens.revoke", NULL);
}
