/* lk-client-sync-groups.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-sync-groups.h"

/* The password sync groups of a tenant: /password-sync-groups[/{id}]. */

const LkResourceKind lk_sync_group_kind = {
  .collection = "/password-sync-groups",
  .item_type = lk_sync_group_get_type,
  .new_from_json = (LkResourceNewFromJson) lk_sync_group_new_from_json,
  .to_json = (LkResourceToJson) lk_sync_group_to_json,
  .get_id = (LkResourceGetId) lk_sync_group_get_id,
  .get_name = (LkResourceGetName) lk_sync_group_get_name,
  .check = (LkResourceCheck) lk_sync_group_check,
  .version_field = "modified",
  .missing = N_("The tenant answered without the password sync group"),
  .unreadable = N_("The tenant’s password sync group cannot be read"),
  .without_id = N_("The tenant sent a password sync group without an id"),
  .not_one = N_("Not a password sync group"),
  .tenant_fields = { "id", "created", "modified" },
  .keeps_history = TRUE,
};

/* Tenants have a handful of groups: one page after another. */
void
lk_client_list_sync_groups_async (LkClient            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  lk_client_list_resources_async (self, &lk_sync_group_kind, cancellable, callback, user_data);
}

/**
 * lk_client_list_sync_groups_finish:
 *
 * Returns: (transfer full): a list of #LkSyncGroup, or %NULL with @error set
 */
GListModel *
lk_client_list_sync_groups_finish (LkClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return lk_client_list_resources_finish (self, result, error);
}

void
lk_client_get_sync_group_async (LkClient            *self,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  lk_client_get_resource_async (self, &lk_sync_group_kind, id, cancellable, callback, user_data);
}

void
lk_client_create_sync_group_async (LkClient            *self,
                                   LkSyncGroup         *group,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  lk_client_create_resource_async (self, &lk_sync_group_kind, group, cancellable, callback, user_data);
}

void
lk_client_update_sync_group_async (LkClient            *self,
                                   LkSyncGroup         *group,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  lk_client_update_resource_async (self, &lk_sync_group_kind, group, FALSE, cancellable, callback, user_data);
}

/**
 * lk_client_sync_group_finish:
 *
 * Finishes lk_client_get_sync_group_async(), lk_client_create_sync_group_async()
 * and lk_client_update_sync_group_async().
 *
 * Returns: (transfer full): the group as the tenant has it, or %NULL with @error set
 */
LkSyncGroup *
lk_client_sync_group_finish (LkClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return lk_client_resource_finish (self, result, error);
}

void
lk_client_delete_sync_group_async (LkClient            *self,
                                   const char          *id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  lk_client_delete_resource_async (self, &lk_sync_group_kind, id, cancellable, callback, user_data);
}

gboolean
lk_client_delete_sync_group_finish (LkClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return lk_client_request_finish (self, result, NULL, error);
}
