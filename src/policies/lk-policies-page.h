/* lk-policies-page.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-list-page.h"
#include "lk-policy-editor.h"

G_BEGIN_DECLS

#define LK_TYPE_POLICIES_PAGE (lk_policies_page_get_type ())

G_DECLARE_FINAL_TYPE (LkPoliciesPage, lk_policies_page, LK, POLICIES_PAGE, LkListPage)

LkPoliciesPage    *lk_policies_page_new        (void);
void               lk_policies_page_export_async  (LkPoliciesPage      *self,
                                                   LkPasswordPolicy    *policy,
                                                   GFile               *file,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean           lk_policies_page_export_finish (LkPoliciesPage      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void               lk_policies_page_import        (LkPoliciesPage      *self,
                                                   GFile               *file);

G_END_DECLS
