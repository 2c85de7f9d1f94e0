/* lk-identity.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_IDENTITY (lk_identity_get_type ())

G_DECLARE_FINAL_TYPE (LkIdentity, lk_identity, LK, IDENTITY, GObject)

LkIdentity *lk_identity_new_from_json (JsonObject  *object,
                                       GError     **error);
JsonObject *lk_identity_to_json       (LkIdentity  *self);
const char *lk_identity_get_id        (LkIdentity  *self);
const char *lk_identity_get_name      (LkIdentity  *self);
const char *lk_identity_get_alias     (LkIdentity  *self);
const char *lk_identity_get_email     (LkIdentity  *self);

G_END_DECLS
