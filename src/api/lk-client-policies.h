/* lk-client-policies.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client-resources.h"
#include "lk-password-policy.h"

G_BEGIN_DECLS

extern const LkResourceKind lk_password_policy_kind;

void              lk_client_list_policies_async  (LkClient             *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel       *lk_client_list_policies_finish (LkClient             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              lk_client_get_policy_async     (LkClient             *self,
                                                  const char           *id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void              lk_client_create_policy_async  (LkClient             *self,
                                                  LkPasswordPolicy     *policy,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void              lk_client_update_policy_async  (LkClient             *self,
                                                  LkPasswordPolicy     *policy,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
LkPasswordPolicy *lk_client_policy_finish        (LkClient             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              lk_client_delete_policy_async  (LkClient             *self,
                                                  const char           *id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          lk_client_delete_policy_finish (LkClient             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
