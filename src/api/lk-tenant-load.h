/* lk-tenant-load.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-client.h"
#include "lk-tenant.h"

G_BEGIN_DECLS

typedef enum {
  LK_TENANT_LOAD_LOADING,
  LK_TENANT_LOAD_WAITING,   /* the tenant said 429: waiting as told */
  LK_TENANT_LOAD_DONE,
  LK_TENANT_LOAD_FAILED,
} LkTenantLoadState;

#define LK_TYPE_TENANT_LOAD (lk_tenant_load_get_type ())

G_DECLARE_FINAL_TYPE (LkTenantLoad, lk_tenant_load, LK, TENANT_LOAD, GObject)

LkTenantLoad      *lk_tenant_load_new              (LkTenant      *tenant);
LkTenant          *lk_tenant_load_get_tenant       (LkTenantLoad  *self);
LkTenantLoadState  lk_tenant_load_get_state        (LkTenantLoad  *self);
const GError      *lk_tenant_load_get_error        (LkTenantLoad  *self);
guint              lk_tenant_load_get_wait_seconds (LkTenantLoad  *self);
GListModel        *lk_tenant_load_get_tokens       (LkTenantLoad  *self);
LkClient          *lk_tenant_load_get_client       (LkTenantLoad  *self);

void               lk_tenant_load_set_loading      (LkTenantLoad  *self);
void               lk_tenant_load_set_waiting      (LkTenantLoad  *self,
                                                    guint          seconds);
void               lk_tenant_load_set_done         (LkTenantLoad  *self,
                                                    LkClient      *client,
                                                    GListModel    *tokens);
void               lk_tenant_load_set_failed       (LkTenantLoad  *self,
                                                    const GError  *error);

G_END_DECLS
