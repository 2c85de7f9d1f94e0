/* lk-sync-group.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_SYNC_GROUP (lk_sync_group_get_type ())

G_DECLARE_FINAL_TYPE (LkSyncGroup, lk_sync_group, LK, SYNC_GROUP, GObject)

LkSyncGroup        *lk_sync_group_new                     (void);
LkSyncGroup        *lk_sync_group_new_from_json           (JsonObject   *object,
                                                           GError      **error);
JsonObject         *lk_sync_group_to_json                 (LkSyncGroup  *self);
const char         *lk_sync_group_get_id                  (LkSyncGroup  *self);
const char         *lk_sync_group_get_name                (LkSyncGroup  *self);
const char         *lk_sync_group_get_password_policy_id  (LkSyncGroup  *self);
const char * const *lk_sync_group_get_source_ids          (LkSyncGroup  *self);
gboolean            lk_sync_group_check                   (LkSyncGroup  *self,
                                                           GError      **error);
GDateTime          *lk_sync_group_get_created             (LkSyncGroup  *self);
GDateTime          *lk_sync_group_get_modified            (LkSyncGroup  *self);

G_END_DECLS
