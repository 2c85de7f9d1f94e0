/* lk-client-sync-groups.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client-resources.h"
#include "lk-sync-group.h"

G_BEGIN_DECLS

extern const LkResourceKind lk_sync_group_kind;

void         lk_client_list_sync_groups_async  (LkClient             *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GListModel  *lk_client_list_sync_groups_finish (LkClient             *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void         lk_client_get_sync_group_async    (LkClient             *self,
                                                const char           *id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void         lk_client_create_sync_group_async (LkClient             *self,
                                                LkSyncGroup          *group,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
void         lk_client_update_sync_group_async (LkClient             *self,
                                                LkSyncGroup          *group,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LkSyncGroup *lk_client_sync_group_finish       (LkClient             *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void         lk_client_delete_sync_group_async (LkClient             *self,
                                                const char           *id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_client_delete_sync_group_finish (LkClient            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
