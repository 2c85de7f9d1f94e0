/* lk-tenant-dialog.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_TENANT_DIALOG (lk_tenant_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LkTenantDialog, lk_tenant_dialog, LK, TENANT_DIALOG, AdwWindow)

LkTenantDialog *lk_tenant_dialog_new     (GtkWindow      *parent,
                                          LkSession      *session,
                                          LkTenant       *tenant);
void            lk_tenant_dialog_prefill (LkTenantDialog *self,
                                          LkTenant       *tenant,
                                          const char     *secret);

G_END_DECLS
