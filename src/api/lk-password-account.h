/* lk-password-account.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_PASSWORD_ACCOUNT (lk_password_account_get_type ())

G_DECLARE_FINAL_TYPE (LkPasswordAccount, lk_password_account, LK, PASSWORD_ACCOUNT, GObject)

LkPasswordAccount *lk_password_account_new_from_json (JsonObject         *object,
                                                      GError            **error);
const char        *lk_password_account_get_id        (LkPasswordAccount  *self);
const char        *lk_password_account_get_name      (LkPasswordAccount  *self);

G_END_DECLS
