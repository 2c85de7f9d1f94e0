/* lk-client-tokens.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client-resources.h"
#include "lk-token.h"

G_BEGIN_DECLS

extern const LkResourceKind lk_token_kind;

void         lk_client_list_tokens_async     (LkClient             *self,
                                              const char           *owner_id,
                                              const char           *filters,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GListModel  *lk_client_list_tokens_finish    (LkClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);
GPtrArray   *lk_client_read_token_list       (GBytes               *body,
                                              GError              **error);

/* A token as a list arrives; NULL: the list starts again. */
typedef void (*LkTokenFunc) (LkToken  *token,
                             gpointer  user_data);

void         lk_client_list_tokens_each_async  (LkClient             *self,
                                                const char           *owner_id,
                                                const char           *filters,
                                                LkTokenFunc           func,
                                                gpointer              func_data,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean     lk_client_list_tokens_each_finish (LkClient             *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void         lk_client_create_token_async    (LkClient             *self,
                                              const char           *name,
                                              const char * const   *scopes,
                                              gint64                validity_seconds,
                                              GDateTime            *expiration,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
LkToken     *lk_client_create_token_finish   (LkClient             *self,
                                              GAsyncResult         *result,
                                              char                **secret,
                                              GError              **error);
void         lk_client_find_own_token_async  (LkClient             *self,
                                              const char           *id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
LkToken     *lk_client_find_own_token_finish (LkClient             *self,
                                              GAsyncResult         *result,
                                              GListModel          **mine,
                                              GError              **error);
void         lk_client_create_successor_async (LkClient            *self,
                                               LkToken             *old,
                                               const char          *name,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
LkToken     *lk_client_create_successor_finish (LkClient           *self,
                                                GAsyncResult       *result,
                                                char              **secret,
                                                GError            **error);
void         lk_client_rotate_token_async    (LkClient             *self,
                                              const char           *id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
LkToken     *lk_client_rotate_token_finish   (LkClient             *self,
                                              GAsyncResult         *result,
                                              LkToken             **old,
                                              char                **secret,
                                              GError              **error);
void         lk_client_update_token_async    (LkClient             *self,
                                              const char           *id,
                                              const char           *name,
                                              const char * const   *scopes,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
LkToken     *lk_client_update_token_finish   (LkClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void         lk_client_revoke_token_async    (LkClient             *self,
                                              const char           *id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     lk_client_revoke_token_finish   (LkClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
