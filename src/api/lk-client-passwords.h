/* lk-client-passwords.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client.h"
#include "lk-password-info.h"
#include "lk-password-status.h"

G_BEGIN_DECLS

void              lk_client_query_password_info_async  (LkClient             *self,
                                                        const char           *source_name,
                                                        const char           *user_name,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
LkPasswordInfo   *lk_client_query_password_info_finish (LkClient             *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void              lk_client_set_password_async         (LkClient             *self,
                                                        LkPasswordInfo       *info,
                                                        const char           *account_id,
                                                        const char           *password,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void              lk_client_get_password_status_async  (LkClient             *self,
                                                        const char           *request_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void              lk_client_wait_password_status_async (LkClient             *self,
                                                        const char           *request_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
LkPasswordStatus *lk_client_password_status_finish     (LkClient             *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
