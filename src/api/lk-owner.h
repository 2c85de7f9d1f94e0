/* lk-owner.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_OWNER (lk_owner_get_type ())

G_DECLARE_FINAL_TYPE (LkOwner, lk_owner, LK, OWNER, GObject)

LkOwner    *lk_owner_new_from_json (JsonObject  *object,
                                    GError     **error);
LkOwner    *lk_owner_new_take      (char        *kind,
                                    char        *id,
                                    char        *name);
const char *lk_owner_get_id        (LkOwner     *self);
const char *lk_owner_get_name      (LkOwner     *self);
const char *lk_owner_get_kind      (LkOwner     *self);

G_END_DECLS
