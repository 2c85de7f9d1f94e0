/* lk-sync-groups-page.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-sync-group-editor.h"

G_BEGIN_DECLS

#define LK_TYPE_SYNC_GROUPS_PAGE (lk_sync_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (LkSyncGroupsPage, lk_sync_groups_page, LK, SYNC_GROUPS_PAGE, AdwBin)

LkSyncGroupsPage  *lk_sync_groups_page_new                  (void);
LkClient          *lk_sync_groups_page_get_client           (LkSyncGroupsPage *self);
void               lk_sync_groups_page_set_client           (LkSyncGroupsPage *self,
                                                             LkClient         *client);
void               lk_sync_groups_page_reload               (LkSyncGroupsPage *self);
GtkSelectionModel *lk_sync_groups_page_get_model            (LkSyncGroupsPage *self);
gboolean           lk_sync_groups_page_get_has_unsaved_changes (LkSyncGroupsPage *self);
LkSyncGroupEditor *lk_sync_groups_page_get_editor           (LkSyncGroupsPage *self);

G_END_DECLS
