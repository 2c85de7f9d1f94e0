/* lk-rotation-prompts.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-rotation-prompts"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lk-client-tokens.h"
#include "lk-error.h"
#include "lk-rotation-prompts.h"

/* What the app asks and says around a rotation of a connection's token:
 * the old token's revoke offered once the connection has moved, never done
 * unasked; a failure says what exists and offers to undo it; a rotation a
 * crash interrupted is offered to finish or undo at the next start.
 */

typedef struct {
  GtkWidget            *widget;     /* for toasts and the dialogs' parent; weak */
  LkSession            *session;
  LkConnectionRotation *rotation;
} Prompt;

static void
prompt_free (Prompt *prompt)
{
  g_clear_weak_pointer (&prompt->widget);
  g_clear_object (&prompt->session);
  g_clear_object (&prompt->rotation);
  g_free (prompt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prompt, prompt_free)

static Prompt *
prompt_new (GtkWidget            *widget,
            LkSession            *session,
            LkConnectionRotation *rotation)
{
  Prompt *prompt = g_new0 (Prompt, 1);

  g_set_weak_pointer (&prompt->widget, widget);
  prompt->session = g_object_ref (session);
  prompt->rotation = g_object_ref (rotation);
  return prompt;
}

static void
toast (Prompt     *prompt,
       const char *text)
{
  if (prompt->widget != NULL)
    gtk_widget_activate_action (prompt->widget, "win.toast", "s", text);
}

static AdwMessageDialog *
new_dialog (Prompt *prompt)
{
  GtkRoot *root = prompt->widget != NULL ? gtk_widget_get_root (prompt->widget) : NULL;

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));
}

/* After the switch: the old token, revoked only if the user says so. */

static void
on_old_revoked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Prompt) prompt = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!lk_client_revoke_token_finish (LK_CLIENT (object), result, &error))
    text = g_strdup_printf (_("The old token was not revoked: %s"), error->message);
  else
    text = g_strdup_printf (_("“%s” revoked"), lk_connection_rotation_get_old_name (prompt->rotation));
  toast (prompt, text);

  /* The list shows the revoke (or what is still there). */
  if (prompt->widget != NULL)
    gtk_widget_activate_action (prompt->widget, "tokens.reload", NULL);
}

static void
on_revoke_old_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           Prompt           *prompt)
{
  LkClient *client = lk_connection_rotation_get_successor_client (prompt->rotation);

  if (!g_str_equal (response, "revoke"))
    return;

  /* The session may still be reconnecting with the new credentials: the rotation's own client has them. */
  if (client == NULL)
    client = lk_session_get_client (prompt->session);

  if (client == NULL)
    {
      toast (prompt, _("Latchkey is not connected: revoke the old token from the list"));
      return;
    }

  lk_client_revoke_token_async (client, lk_connection_rotation_get_old_client_id (prompt->rotation), NULL,
                                on_old_revoked_cb,
                                prompt_new (prompt->widget, prompt->session, prompt->rotation));
}

static void
offer_revoke (Prompt *prompt)
{
  AdwMessageDialog *dialog = new_dialog (prompt);
  const char *old_name = lk_connection_rotation_get_old_name (prompt->rotation);

  if (old_name == NULL)
    old_name = lk_connection_rotation_get_old_client_id (prompt->rotation);

  adw_message_dialog_set_heading (dialog, _("Connection Rotated"));
  adw_message_dialog_format_body (dialog,
                                  _("Latchkey now connects to “%s” with “%s”. The old token, “%s”, still works: "
                                    "revoke it once nothing else uses it. Anything still using it stops working."),
                                  lk_connection_rotation_get_tenant_name (prompt->rotation),
                                  lk_connection_rotation_get_successor_name (prompt->rotation), old_name);
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Old Token"), "revoke", _("_Revoke Old Token"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_revoke_old_response_cb),
                         prompt_new (prompt->widget, prompt->session, prompt->rotation),
                         (GClosureNotify) (void (*) (void)) prompt_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Failure: what exists, and undo offered when something was made. */

static void run_with_prompts (Prompt *prompt);

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Prompt) prompt = user_data;
  g_autoptr(GError) error = NULL;

  if (!lk_connection_rotation_undo_finish (prompt->rotation, result, &error))
    toast (prompt, error->message);
  else
    toast (prompt, _("Rotation undone: the new token is revoked"));

  if (prompt->widget != NULL)
    gtk_widget_activate_action (prompt->widget, "tokens.reload", NULL);
}

static void
on_failure_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Prompt           *prompt)
{
  if (g_str_equal (response, "undo"))
    lk_connection_rotation_undo_async (prompt->rotation, NULL, on_undone_cb,
                                       prompt_new (prompt->widget, prompt->session, prompt->rotation));
  else if (g_str_equal (response, "finish"))
    run_with_prompts (prompt_new (prompt->widget, prompt->session, prompt->rotation));
}

/* @heading and @body, with Finish and Undo when there is something to finish or undo. */
static void
ask_finish_or_undo (Prompt     *prompt,
                    const char *heading,
                    const char *body,
                    gboolean    can_finish)
{
  AdwMessageDialog *dialog = new_dialog (prompt);
  gboolean made = lk_connection_rotation_get_unfinished (prompt->rotation);

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_response (dialog, "close", made ? _("_Later") : _("_Close"));
  if (made)
    {
      adw_message_dialog_add_response (dialog, "undo", _("_Undo"));
      adw_message_dialog_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
    }
  if (made && can_finish)
    {
      adw_message_dialog_add_response (dialog, "finish", _("_Finish Rotation"));
      adw_message_dialog_set_response_appearance (dialog, "finish", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "finish");
    }
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_failure_response_cb),
                         prompt_new (prompt->widget, prompt->session, prompt->rotation),
                         (GClosureNotify) (void (*) (void)) prompt_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_rotation_run_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Prompt) prompt = user_data;
  g_autoptr(GError) error = NULL;
  LkConnectionRotationStep failed;

  if (lk_connection_rotation_run_finish (prompt->rotation, result, &error))
    {
      offer_revoke (prompt);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A secret lost cannot be finished: only undone. */
  failed = lk_connection_rotation_get_failed_step (prompt->rotation);
  ask_finish_or_undo (prompt, _("The Connection Was Not Rotated"), error->message,
                      failed != LK_CONNECTION_ROTATION_STEP_STORE && failed != LK_CONNECTION_ROTATION_STEP_UNDO);
}

/* Takes @prompt. */
static void
run_with_prompts (Prompt *prompt)
{
  toast (prompt, _("Rotating the connection’s token…"));
  lk_connection_rotation_run_async (prompt->rotation, NULL, on_rotation_run_cb, prompt);
}

/**
 * lk_rotation_prompts_run:
 * @widget: a widget in the window that asked (its toasts, its dialogs' parent)
 * @session: the session that has the tenant
 * @rotation: the rotation, new or interrupted
 *
 * Runs @rotation; then offers to revoke the old token, or says what failed
 * and offers to finish or undo.
 */
void
lk_rotation_prompts_run (GtkWidget            *widget,
                         LkSession            *session,
                         LkConnectionRotation *rotation)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LK_IS_CONNECTION_ROTATION (rotation));

  run_with_prompts (prompt_new (widget, session, rotation));
}

/**
 * lk_rotation_prompts_offer_interrupted:
 * @widget: a widget in the window to ask in
 * @session: the session that has the tenants
 * @rotations: the record
 *
 * Asks about each rotation a crash or a failure left halfway: finish it,
 * undo it, or ask again next time.
 */
void
lk_rotation_prompts_offer_interrupted (GtkWidget   *widget,
                                       LkSession   *session,
                                       LkRotations *rotations)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!(pending = lk_rotations_list_pending (rotations, &error)))
    {
      gtk_widget_activate_action (widget, "win.toast", "s", error->message);
      return;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      g_autoptr(LkConnectionRotation) rotation =
        lk_connection_rotation_new_pending (session, rotations, g_ptr_array_index (pending, i));
      g_autoptr(Prompt) prompt = prompt_new (widget, session, rotation);
      g_autofree char *state = lk_connection_rotation_describe_state (rotation);
      g_autofree char *body = g_strdup_printf (_("%s Finish the rotation, or undo it (what it made is revoked)?"),
                                               state);

      ask_finish_or_undo (prompt, _("A Rotation Was Interrupted"), body, TRUE);
    }
}
