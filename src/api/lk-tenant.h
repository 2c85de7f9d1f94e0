/* lk-tenant.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_TENANT (lk_tenant_get_type ())

G_DECLARE_FINAL_TYPE (LkTenant, lk_tenant, LK, TENANT, GObject)

LkTenant   *lk_tenant_new                (const char  *name,
                                          const char  *base_url,
                                          const char  *client_id);
const char *lk_tenant_get_name           (LkTenant    *self);
const char *lk_tenant_get_search_name    (LkTenant    *self);
const char *lk_tenant_get_base_url       (LkTenant    *self);
const char *lk_tenant_get_client_id      (LkTenant    *self);
char       *lk_tenant_normalize_base_url (const char  *input,
                                          GError     **error);

G_END_DECLS
