/* lk-sync-group-editor.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-form-editor.h"
#include "lk-sync-group.h"

G_BEGIN_DECLS

#define LK_TYPE_SYNC_GROUP_EDITOR (lk_sync_group_editor_get_type ())

G_DECLARE_FINAL_TYPE (LkSyncGroupEditor, lk_sync_group_editor, LK, SYNC_GROUP_EDITOR, LkFormEditor)

LkSyncGroupEditor *lk_sync_group_editor_new          (void);
void               lk_sync_group_editor_edit         (LkSyncGroupEditor   *self,
                                                      LkClient            *client,
                                                      LkSyncGroup         *group,
                                                      GListModel          *policies,
                                                      GListModel          *groups);
LkSyncGroup       *lk_sync_group_editor_get_draft    (LkSyncGroupEditor   *self);

G_END_DECLS
