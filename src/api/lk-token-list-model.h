/* lk-token-list-model.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-token.h"

G_BEGIN_DECLS

/* The Tokens page's columns. */
typedef enum {
  LK_TOKEN_SORT_NAME,
  LK_TOKEN_SORT_OWNER,
  LK_TOKEN_SORT_SCOPES,
  LK_TOKEN_SORT_CREATED,
  LK_TOKEN_SORT_LAST_USED,
  LK_TOKEN_SORT_EXPIRES,
  LK_TOKEN_SORT_MANAGED,
  LK_TOKEN_SORT_TENANT,
  LK_TOKEN_SORT_NONE,
} LkTokenSort;

#define LK_TYPE_TOKEN_LIST_MODEL (lk_token_list_model_get_type ())

G_DECLARE_FINAL_TYPE (LkTokenListModel, lk_token_list_model, LK, TOKEN_LIST_MODEL, GObject)

LkTokenListModel *lk_token_list_model_new                 (void);
void              lk_token_list_model_set_tokens          (LkTokenListModel *self,
                                                           GListModel       *tokens);
void              lk_token_list_model_set_tokens_async    (LkTokenListModel    *self,
                                                           GListModel          *tokens,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean          lk_token_list_model_set_tokens_finish   (LkTokenListModel    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
guint             lk_token_list_model_get_n_tokens        (LkTokenListModel *self);
gboolean          lk_token_list_model_replace_token       (LkTokenListModel *self,
                                                           LkToken          *token);
LkToken          *lk_token_list_model_get_token           (LkTokenListModel *self,
                                                           guint             position);
LkToken          *lk_token_list_model_find_token          (LkTokenListModel *self,
                                                           const char       *id);
void              lk_token_list_model_set_sort            (LkTokenListModel *self,
                                                           LkTokenSort       sort,
                                                           gboolean          descending);
const char       *lk_token_list_model_get_search          (LkTokenListModel *self);
void              lk_token_list_model_set_search          (LkTokenListModel *self,
                                                           const char       *search);
void              lk_token_list_model_set_expiring_before (LkTokenListModel *self,
                                                           GDateTime        *expiring_before);

G_END_DECLS
