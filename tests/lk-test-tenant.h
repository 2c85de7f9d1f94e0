/* lk-test-tenant.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client-resources.h"
#include "lk-sandbox.h"
#include "lk-session.h"
#include "lk-test-wait.h"

G_BEGIN_DECLS

/* A sandbox tenant on loopback (HTTPS with @certificate), started, living
 * on LK_TEST_NOW; the properties given (NULL-terminated) are set first.
 */
LkSandbox *lk_test_sandbox_start    (GTlsCertificate *certificate,
                                     const char      *first_property_name,
                                     ...) G_GNUC_NULL_TERMINATED;
LkSandbox *lk_test_sandbox_start_valist (GTlsCertificate *certificate,
                                        const char      *first_property_name,
                                        va_list          args);
/* A client of @sandbox's administrator; backoff steps of a few
 * milliseconds keep the retry tests quick.
 */
LkClient  *lk_test_admin_client_new (LkSandbox       *sandbox);

/* Every item of @kind the tenant has, every page of it; no error. */
GListModel *lk_test_list_all        (LkClient              *client,
                                     const LkResourceKind  *kind);
/* The ids of the sources in no sync group: the sandbox's policies name
 * every source.
 */
GPtrArray  *lk_test_ungrouped_sources (LkClient            *client);

/* The secret the test session's keyring holds for a tenant and client
 * ID, as secret-tool reads it; "" when there is none.
 */
char      *lk_test_keyring_lookup   (const char      *base_url,
                                     const char      *client_id);

/* Saves a tenant in @session (its secret in the keyring), which becomes
 * the current one; no error.
 */
void       lk_test_save_tenant      (LkSession       *session,
                                     const char      *name,
                                     const char      *url,
                                     const char      *client_id,
                                     const char      *secret);

/* The same, for @sandbox's administrator. */
void       lk_test_save_sandbox     (LkSession       *session,
                                     const char      *name,
                                     LkSandbox       *sandbox);

/* The fixture of the API tests: a sandbox tenant and its administrator's
 * client, opened with the sandbox's properties (NULL-terminated).
 */
typedef struct {
  LkSandbox *sandbox;
  LkClient  *client;
} LkTestTenant;

void       lk_test_tenant_open      (LkTestTenant   *tenant,
                                     const char     *first_property_name,
                                     ...) G_GNUC_NULL_TERMINATED;
/* As a g_test_add() teardown: lk_test_tenant_close() of both. */
void       lk_test_tenant_tear_down (LkTestTenant   *tenant,
                                     gconstpointer   data);

/* LK_TEST_ADD() for a file whose Fixture is an LkTestTenant. */
#define LK_TEST_ADD_TENANT(path, func) \
  g_test_add (path, LkTestTenant, NULL, fixture_set_up, func, lk_test_tenant_tear_down)

/* Drops the client, then the sandbox, and insists that both go. */
void       lk_test_tenant_close     (LkSandbox      **sandbox,
                                     LkClient       **client);

G_END_DECLS
