/* lk-password-info.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lk-password-account.h"

G_BEGIN_DECLS

#define LK_TYPE_PASSWORD_INFO (lk_password_info_get_type ())

G_DECLARE_FINAL_TYPE (LkPasswordInfo, lk_password_info, LK, PASSWORD_INFO, GObject)

LkPasswordInfo     *lk_password_info_new_from_json       (JsonObject      *object,
                                                          GError         **error);
const char         *lk_password_info_get_identity_id     (LkPasswordInfo  *self);
const char         *lk_password_info_get_source_id       (LkPasswordInfo  *self);
const char         *lk_password_info_get_public_key_id   (LkPasswordInfo  *self);
const char         *lk_password_info_get_public_key      (LkPasswordInfo  *self);
GListModel         *lk_password_info_get_accounts        (LkPasswordInfo  *self);
const char * const *lk_password_info_get_policies        (LkPasswordInfo  *self);

G_END_DECLS
