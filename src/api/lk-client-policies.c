/* lk-client-policies.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-policies.h"

/* The password policies of a tenant: /password-policies[/{id}]. */

const LkResourceKind lk_password_policy_kind = {
  .collection = "/password-policies",
  .item_type = lk_password_policy_get_type,
  .new_from_json = (LkResourceNewFromJson) lk_password_policy_new_from_json,
  .to_json = (LkResourceToJson) lk_password_policy_to_json,
  .get_id = (LkResourceGetId) lk_password_policy_get_id,
  .get_name = (LkResourceGetName) lk_password_policy_get_name,
  .check = (LkResourceCheck) lk_password_policy_check,
  /* Some tenants have thousands: their pages go out together. */
  .concurrent_paging = TRUE,
  .version_field = "lastUpdated",
  .missing = N_("The tenant answered without the password policy"),
  .unreadable = N_("The tenant’s password policy cannot be read"),
  .without_id = N_("The tenant sent a password policy without an id"),
  .not_one = N_("Not a password policy"),
  /* A new policy is never the default: the tenant has one. */
  .tenant_fields = { "id", "dateCreated", "lastUpdated", "defaultPolicy" },
  .keeps_history = TRUE,
};

void
lk_client_list_policies_async (LkClient            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  lk_client_list_resources_async (self, &lk_password_policy_kind, cancellable, callback, user_data);
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
  return lk_client_list_resources_finish (self, result, error);
}

void
lk_client_get_policy_async (LkClient            *self,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  lk_client_get_resource_async (self, &lk_password_policy_kind, id, cancellable, callback, user_data);
}

void
lk_client_create_policy_async (LkClient            *self,
                               LkPasswordPolicy    *policy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  lk_client_create_resource_async (self, &lk_password_policy_kind, policy, cancellable, callback, user_data);
}

void
lk_client_update_policy_async (LkClient            *self,
                               LkPasswordPolicy    *policy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  lk_client_update_resource_async (self, &lk_password_policy_kind, policy, FALSE, cancellable, callback,
                                   user_data);
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
  return lk_client_resource_finish (self, result, error);
}

void
lk_client_delete_policy_async (LkClient            *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  lk_client_delete_resource_async (self, &lk_password_policy_kind, id, cancellable, callback, user_data);
}

gboolean
lk_client_delete_policy_finish (LkClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return lk_client_request_finish (self, result, NULL, error);
}
