/* lk-tenant-list.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-tenant.h"

G_BEGIN_DECLS

#define LK_TYPE_TENANT_LIST (lk_tenant_list_get_type ())

G_DECLARE_FINAL_TYPE (LkTenantList, lk_tenant_list, LK, TENANT_LIST, GObject)

LkTenantList *lk_tenant_list_new         (GSettings     *settings);
LkTenant     *lk_tenant_list_find        (LkTenantList  *self,
                                          const char    *name);
LkTenant     *lk_tenant_list_get_current (LkTenantList  *self);
void          lk_tenant_list_set_current (LkTenantList  *self,
                                          LkTenant      *tenant);
gboolean      lk_tenant_list_add         (LkTenantList  *self,
                                          LkTenant      *tenant,
                                          GError       **error);
gboolean      lk_tenant_list_replace     (LkTenantList  *self,
                                          const char    *name,
                                          LkTenant      *tenant,
                                          GError       **error);
gboolean      lk_tenant_list_remove      (LkTenantList  *self,
                                          const char    *name);

G_END_DECLS
