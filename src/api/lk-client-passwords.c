/* lk-client-passwords.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-passwords.h"
#include "lk-error.h"
#include "lk-password-crypt.h"

/* Setting a password: /query-password-info names the identity, its
 * accounts on the source and the source's public key; /set-password takes
 * the password encrypted under that key; /password-change-status/{id}
 * says when the source has it.
 *
 * The plain password is encrypted the moment it is handed over and never
 * kept. /set-password is a POST, so the client does not repeat it after a
 * lost answer or a 5xx: the change may have been made.
 */

#define FIRST_STATUS_DELAY_MS  500
#define MAX_STATUS_DELAY_MS    5000
#define MAX_WAIT_S             (10 * 60)

static void
on_password_info_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  LkPasswordInfo *info;

  if (!lk_client_request_finish (LK_CLIENT (object), result, &node, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, "%s",
                               _("The tenant answered without the password info"));
      return;
    }

  if (!(info = lk_password_info_new_from_json (json_node_get_object (node), &error)))
    {
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                               _("The tenant’s password info cannot be read: %s"), error->message);
      return;
    }

  g_task_return_pointer (task, info, g_object_unref);
}

/**
 * lk_client_query_password_info_async:
 * @self: a #LkClient
 * @source_name: the source's name
 * @user_name: the identity's user name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the #LkPasswordInfo
 * @user_data: for @callback
 */
void
lk_client_query_password_info_async (LkClient            *self,
                                     const char          *source_name,
                                     const char          *user_name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (source_name != NULL);
  g_return_if_fail (user_name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_query_password_info_async);

  json_object_set_string_member (request, "userName", user_name);
  json_object_set_string_member (request, "sourceName", source_name);
  body = json_node_init_object (json_node_alloc (), request);
  lk_client_request_async (self, "POST", "/query-password-info", NULL, body, NULL, cancellable,
                           on_password_info_cb, g_steal_pointer (&task));
}

LkPasswordInfo *
lk_client_query_password_info_finish (LkClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_status_answered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  LkPasswordStatus *status;

  if (!lk_client_request_finish (LK_CLIENT (object), result, &node, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !(status = lk_password_status_new_from_json (json_node_get_object (node), NULL)))
    {
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, "%s",
                               _("The tenant’s answer holds no password change state"));
      return;
    }

  g_task_return_pointer (task, status, g_object_unref);
}

/**
 * lk_client_set_password_async:
 * @self: a #LkClient
 * @info: what /query-password-info answered for the identity and source
 * @account_id: one of @info's accounts
 * @password: the new password; encrypted before this returns, not kept
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the request's first #LkPasswordStatus
 * @user_data: for @callback
 *
 * Finish with lk_client_password_status_finish(). A key that cannot
 * encrypt the password fails the call before anything is sent.
 */
void
lk_client_set_password_async (LkClient            *self,
                              LkPasswordInfo      *info,
                              const char          *account_id,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encrypted = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (LK_IS_PASSWORD_INFO (info));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_set_password_async);

  if (!(encrypted = lk_password_encrypt (lk_password_info_get_public_key (info), password, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = json_object_new ();
  json_object_set_string_member (request, "identityId", lk_password_info_get_identity_id (info));
  json_object_set_string_member (request, "encryptedPassword", encrypted);
  json_object_set_string_member (request, "publicKeyId", lk_password_info_get_public_key_id (info));
  json_object_set_string_member (request, "accountId", account_id);
  json_object_set_string_member (request, "sourceId", lk_password_info_get_source_id (info));
  body = json_node_init_object (json_node_alloc (), request);
  lk_client_request_async (self, "POST", "/set-password", NULL, body, NULL, cancellable,
                           on_status_answered_cb, g_steal_pointer (&task));
}

static char *
status_path (const char *request_id)
{
  g_autofree char *escaped = g_uri_escape_string (request_id, NULL, TRUE);

  return g_strdup_printf ("/password-change-status/%s", escaped);
}

/**
 * lk_client_get_password_status_async:
 * @self: a #LkClient
 * @request_id: what /set-password answered
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the #LkPasswordStatus as it is now
 * @user_data: for @callback
 */
void
lk_client_get_password_status_async (LkClient            *self,
                                     const char          *request_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (request_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_get_password_status_async);
  path = status_path (request_id);
  lk_client_request_async (self, "GET", path, NULL, NULL, NULL, cancellable, on_status_answered_cb,
                           g_steal_pointer (&task));
}

typedef struct
{
  char   *request_id;
  gint64  deadline;
  guint   polls;
} Wait;

static void
wait_free (Wait *wait)
{
  g_free (wait->request_id);
  g_free (wait);
}

static void poll_status_later (GTask *task);

static void
on_wait_polled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Wait *wait = g_task_get_task_data (task);
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  if (!(status = lk_client_password_status_finish (LK_CLIENT (object), result, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (lk_password_status_is_done (status))
    g_task_return_pointer (task, g_steal_pointer (&status), g_object_unref);
  else if (g_get_monotonic_time () >= wait->deadline)
    g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_FAILED,
                             _("The password change %s is still in progress after %u minutes; check again later"),
                             wait->request_id, MAX_WAIT_S / 60);
  else
    poll_status_later (g_steal_pointer (&task));
}

static gboolean
on_poll_due_cb (gpointer user_data)
{
  GTask *task = user_data;
  Wait *wait = g_task_get_task_data (task);

  if (!g_task_return_error_if_cancelled (task))
    lk_client_get_password_status_async (g_task_get_source_object (task), wait->request_id,
                                         g_task_get_cancellable (task), on_wait_polled_cb, g_object_ref (task));

  return G_SOURCE_REMOVE;
}

/* Sooner at first, since most sources answer in seconds, then every few
 * seconds; a cancel ends the wait at once.
 */
static void
poll_status_later (GTask *task)
{
  Wait *wait = g_task_get_task_data (task);
  guint delay = MIN (FIRST_STATUS_DELAY_MS << MIN (wait->polls, 4), MAX_STATUS_DELAY_MS);
  g_autoptr(GSource) source = g_timeout_source_new (delay);
  GCancellable *cancellable = g_task_get_cancellable (task);

  wait->polls++;
  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      /* A cancel wakes the timeout early; the child itself does nothing. */
      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (source, cancelled);
    }
  g_source_set_callback (source, on_poll_due_cb, task, g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

/**
 * lk_client_wait_password_status_async:
 * @self: a #LkClient
 * @request_id: what /set-password answered
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the final #LkPasswordStatus
 * @user_data: for @callback
 *
 * Asks for the status with growing pauses until it is FINISHED or FAILED,
 * for at most ten minutes. Finish with lk_client_password_status_finish().
 */
void
lk_client_wait_password_status_async (LkClient            *self,
                                      const char          *request_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Wait *wait;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (request_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_wait_password_status_async);
  wait = g_new0 (Wait, 1);
  wait->request_id = g_strdup (request_id);
  wait->deadline = g_get_monotonic_time () + MAX_WAIT_S * G_USEC_PER_SEC;
  g_task_set_task_data (task, wait, (GDestroyNotify) wait_free);
  poll_status_later (g_steal_pointer (&task));
}

/**
 * lk_client_password_status_finish:
 *
 * Finishes lk_client_set_password_async(), lk_client_get_password_status_async()
 * and lk_client_wait_password_status_async().
 *
 * Returns: (transfer full): the status, or %NULL with @error set
 */
LkPasswordStatus *
lk_client_password_status_finish (LkClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
