/* lk-source.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_SOURCE (lk_source_get_type ())

G_DECLARE_FINAL_TYPE (LkSource, lk_source, LK, SOURCE, GObject)

LkSource           *lk_source_new_from_json         (JsonObject  *object,
                                                     GError     **error);
JsonObject         *lk_source_to_json               (LkSource    *self);
const char         *lk_source_get_id                (LkSource    *self);
const char         *lk_source_get_name              (LkSource    *self);
const char         *lk_source_get_source_type       (LkSource    *self);
const char         *lk_source_get_connector_name    (LkSource    *self);
const char         *lk_source_get_owner_name        (LkSource    *self);
const char * const *lk_source_get_password_policy_ids (LkSource  *self);
const char * const *lk_source_get_password_policy_names (LkSource *self);

G_END_DECLS
