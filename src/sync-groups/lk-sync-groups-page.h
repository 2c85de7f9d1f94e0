/* lk-sync-groups-page.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-list-page.h"
#include "lk-sync-group-editor.h"

G_BEGIN_DECLS

#define LK_TYPE_SYNC_GROUPS_PAGE (lk_sync_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (LkSyncGroupsPage, lk_sync_groups_page, LK, SYNC_GROUPS_PAGE, LkListPage)

LkSyncGroupsPage  *lk_sync_groups_page_new (void);

G_END_DECLS
