/* lk-client-policies.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-policies.h"
#include "lk-error.h"
#include "lk-json.h"

/* The password policies of a tenant: /password-policies[/{id}].
 *
 * An update is a PUT of the whole policy as the tenant sent it, with the
 * fields Latchkey does not know kept: lk_password_policy_to_json().
 */

static char *
policy_path (const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, TRUE);

  return g_strdup_printf ("/password-policies/%s", escaped);
}

static LkPasswordPolicy *
policy_from_node (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  LkPasswordPolicy *policy;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                           _("The tenant answered without the password policy"));
      return NULL;
    }

  if (!(policy = lk_password_policy_new_from_json (json_node_get_object (node), &local_error)))
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                 _("The tenant’s password policy cannot be read: %s"), local_error->message);
  else if (lk_password_policy_get_id (policy) == NULL)
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                           _("The tenant sent a password policy without an id"));
      g_clear_object (&policy);
    }

  return policy;
}

static void
on_policies_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_PASSWORD_POLICY);
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GError) error = NULL;

  if (!(array = lk_client_list_all_finish (LK_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = policy_from_node (json_array_get_element (array, i), &error);

      if (policy == NULL)
        {
          g_prefix_error (&error, _("Policy %u of the tenant’s list: "), i + 1);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_list_store_append (store, policy);
    }

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

/**
 * lk_client_list_policies_async:
 * @self: a #LkClient
 * @concurrent: whether to ask for several pages at once
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: for @callback
 *
 * Every password policy of the tenant, page after page.
 */
void
lk_client_list_policies_async (LkClient            *self,
                               gboolean             concurrent,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_list_policies_async);
  lk_client_list_all_async (self, "/password-policies", concurrent, cancellable, on_policies_listed_cb,
                            g_steal_pointer (&task));
}

/**
 * lk_client_list_policies_finish:
 *
 * Returns: (transfer full): a list of #LkPasswordPolicy, or %NULL with @error set
 */
GListModel *
lk_client_list_policies_finish (LkClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_policy_answered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  LkPasswordPolicy *policy;

  if (!lk_client_request_finish (LK_CLIENT (object), result, &node, &error) ||
      !(policy = policy_from_node (node, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, policy, g_object_unref);
}

static void
request_policy (LkClient            *self,
                const char          *method,
                const char          *path,
                JsonNode            *body,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  lk_client_request_async (self, method, path, NULL, body, NULL, cancellable, on_policy_answered_cb,
                           g_steal_pointer (&task));
}

void
lk_client_get_policy_async (LkClient            *self,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = policy_path (id);
  request_policy (self, "GET", path, NULL, lk_client_get_policy_async, cancellable, callback, user_data);
}

/**
 * lk_client_create_policy_async:
 * @self: a #LkClient
 * @policy: the policy to create; its id and dates are the tenant's to give
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the policy as created
 * @user_data: for @callback
 */
void
lk_client_create_policy_async (LkClient            *self,
                               LkPasswordPolicy    *policy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (LK_IS_PASSWORD_POLICY (policy));

  object = lk_password_policy_to_json (policy);
  json_object_remove_member (object, "id");
  json_object_remove_member (object, "dateCreated");
  json_object_remove_member (object, "lastUpdated");
  body = json_node_init_object (json_node_alloc (), object);
  request_policy (self, "POST", "/password-policies", body, lk_client_create_policy_async, cancellable, callback,
                  user_data);
}

/**
 * lk_client_update_policy_async:
 * @self: a #LkClient
 * @policy: the policy, with the id it has at the tenant
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the policy as updated
 * @user_data: for @callback
 *
 * A PUT of the whole policy: the fields the tenant sent that Latchkey
 * does not know go back as they came.
 */
void
lk_client_update_policy_async (LkClient            *self,
                               LkPasswordPolicy    *policy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (LK_IS_PASSWORD_POLICY (policy));
  g_return_if_fail (lk_password_policy_get_id (policy) != NULL);

  object = lk_password_policy_to_json (policy);
  body = json_node_init_object (json_node_alloc (), object);
  path = policy_path (lk_password_policy_get_id (policy));
  request_policy (self, "PUT", path, body, lk_client_update_policy_async, cancellable, callback, user_data);
}

/**
 * lk_client_policy_finish:
 *
 * Finishes lk_client_get_policy_async(), lk_client_create_policy_async()
 * and lk_client_update_policy_async().
 *
 * Returns: (transfer full): the policy as the tenant has it, or %NULL with @error set
 */
LkPasswordPolicy *
lk_client_policy_finish (LkClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lk_client_delete_policy_async (LkClient            *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = policy_path (id);
  /* Nothing comes back but the status: the request is the whole call. */
  lk_client_request_async (self, "DELETE", path, NULL, NULL, NULL, cancellable, callback, user_data);
}

gboolean
lk_client_delete_policy_finish (LkClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return lk_client_request_finish (self, result, NULL, error);
}
