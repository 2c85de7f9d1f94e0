/* lk-client-resources.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client.h"
#include "lk-resource-kind.h"

G_BEGIN_DECLS

void        lk_client_list_resources_async  (LkClient             *self,
                                             const LkResourceKind *kind,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void        lk_client_search_resources_async (LkClient            *self,
                                              const LkResourceKind *kind,
                                              const char          *filters,
                                              const char          *sorters,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GListModel *lk_client_list_resources_finish (LkClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void        lk_client_get_resource_async    (LkClient             *self,
                                             const LkResourceKind *kind,
                                             const char           *id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void        lk_client_create_resource_async (LkClient             *self,
                                             const LkResourceKind *kind,
                                             gpointer              item,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void        lk_client_update_resource_async (LkClient             *self,
                                             const LkResourceKind *kind,
                                             gpointer              item,
                                             gboolean              force,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gpointer    lk_client_resource_finish       (LkClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void        lk_client_delete_resource_async (LkClient             *self,
                                             const LkResourceKind *kind,
                                             const char           *id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);

G_END_DECLS
