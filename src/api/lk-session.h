/* lk-session.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-client.h"
#include "lk-secret-store.h"
#include "lk-tenant-list.h"

G_BEGIN_DECLS

#define LK_TYPE_SESSION (lk_session_get_type ())

G_DECLARE_FINAL_TYPE (LkSession, lk_session, LK, SESSION, GObject)

typedef enum {
  LK_SESSION_STATE_NO_TENANT,
  LK_SESSION_STATE_CONNECTING,     /* looking up the current tenant's secret */
  LK_SESSION_STATE_READY,          /* a client is there */
  LK_SESSION_STATE_NEEDS_SECRET,   /* the keyring has no secret for the tenant */
} LkSessionState;

LkSession      *lk_session_new                   (GSettings            *settings,
                                                  LkSecretStore        *secrets);
LkTenantList   *lk_session_get_tenants           (LkSession            *self);
LkSecretStore  *lk_session_get_secrets           (LkSession            *self);
LkClient       *lk_session_get_client            (LkSession            *self);
LkSessionState  lk_session_get_state             (LkSession            *self);
void            lk_session_set_tls_database      (LkSession            *self,
                                                  GTlsDatabase         *database);
LkHistory      *lk_session_get_history           (LkSession            *self);
LkClient       *lk_session_create_client         (LkSession            *self,
                                                  const char           *base_url,
                                                  const char           *client_id,
                                                  const char           *secret);
void            lk_session_get_tenant_client_async  (LkSession         *self,
                                                     LkTenant          *tenant,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
LkClient       *lk_session_get_tenant_client_finish (LkSession         *self,
                                                     GAsyncResult      *result,
                                                     GError           **error);
void            lk_session_save_tenant_async     (LkSession            *self,
                                                  const char           *old_name,
                                                  const char           *name,
                                                  const char           *url,
                                                  const char           *client_id,
                                                  const char           *secret,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        lk_session_save_tenant_finish    (LkSession            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void            lk_session_remove_tenant_async   (LkSession            *self,
                                                  const char           *name,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        lk_session_remove_tenant_finish  (LkSession            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
LkTenant       *lk_session_get_environment_tenant (LkSession           *self,
                                                   char               **secret);

G_END_DECLS
