/* lk-all-tokens.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-session.h"
#include "lk-tenant-load.h"

G_BEGIN_DECLS

#define LK_TYPE_ALL_TOKENS (lk_all_tokens_get_type ())

G_DECLARE_FINAL_TYPE (LkAllTokens, lk_all_tokens, LK, ALL_TOKENS, GObject)

LkAllTokens  *lk_all_tokens_new          (LkSession            *session);
GListModel   *lk_all_tokens_get_loads    (LkAllTokens          *self);
GListModel   *lk_all_tokens_get_tokens   (LkAllTokens          *self);
LkClient     *lk_all_tokens_get_client   (LkAllTokens          *self,
                                          LkTenant             *tenant);
void          lk_all_tokens_load_async   (LkAllTokens          *self,
                                          const char           *owner_id,
                                          const char           *filters,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean      lk_all_tokens_load_finish  (LkAllTokens          *self,
                                          GAsyncResult         *result,
                                          GError              **error);
void          lk_all_tokens_retry_async  (LkAllTokens          *self,
                                          LkTenantLoad         *load,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean      lk_all_tokens_retry_finish (LkAllTokens          *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
