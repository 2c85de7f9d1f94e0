/* lk-token.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lk-owner.h"
#include "lk-tenant.h"

G_BEGIN_DECLS

#define LK_TYPE_TOKEN (lk_token_get_type ())

G_DECLARE_FINAL_TYPE (LkToken, lk_token, LK, TOKEN, GObject)

LkToken            *lk_token_new_from_json                  (JsonObject  *object,
                                                             GError     **error);
LkToken            *lk_token_new_from_text                  (const char  *text,
                                                             gsize        length);
JsonObject         *lk_token_to_json                        (LkToken     *self);
void                lk_token_append_json                    (LkToken     *self,
                                                             GString     *out,
                                                             guint        depth);
const char         *lk_token_get_id                         (LkToken     *self);
const char         *lk_token_get_name                       (LkToken     *self);
const char * const *lk_token_get_scopes                     (LkToken     *self);
LkOwner            *lk_token_get_owner                      (LkToken     *self);
GDateTime          *lk_token_get_created                    (LkToken     *self);
GDateTime          *lk_token_get_last_used                  (LkToken     *self);
gboolean            lk_token_get_managed                    (LkToken     *self);
gint64              lk_token_get_access_token_validity      (LkToken     *self);
GDateTime          *lk_token_get_expiration_date            (LkToken     *self);
const char         *lk_token_get_search_key                 (LkToken     *self);
LkTenant           *lk_token_get_tenant                     (LkToken     *self);
void                lk_token_set_tenant                     (LkToken     *self,
                                                             LkTenant    *tenant);
char               *lk_token_successor_name                 (LkToken     *self,
                                                             GDateTime   *day,
                                                             GListModel  *taken);
GDateTime          *lk_token_successor_expiration           (LkToken     *self,
                                                             GDateTime   *now);

/* Which tokens a list asks the tenant for, by their last use. */
typedef enum {
  LK_TOKEN_USE_ANY,
  LK_TOKEN_USE_NEVER,          /* lastUsed isnull */
  LK_TOKEN_USE_NOT_SINCE,      /* lastUsed le a time */
} LkTokenUse;

char               *lk_token_use_filter                     (LkTokenUse   use,
                                                             GDateTime   *since);

G_END_DECLS
