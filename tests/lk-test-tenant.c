/* lk-test-tenant.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-test-tenant.h"

LkSandbox *
lk_test_sandbox_start (GTlsCertificate *certificate,
                       const char      *first_property_name,
                       ...)
{
  g_autoptr(GError) error = NULL;
  LkSandbox *sandbox;
  va_list args;

  va_start (args, first_property_name);
  sandbox = LK_SANDBOX (g_object_new_valist (LK_TYPE_SANDBOX, first_property_name, args));
  va_end (args);

  g_object_set (sandbox, "now", LK_TEST_NOW, NULL);
  g_assert_true (lk_sandbox_start (sandbox, 0, certificate, &error));
  g_assert_no_error (error);

  return sandbox;
}

LkClient *
lk_test_admin_client_new (LkSandbox *sandbox)
{
  LkClient *client = lk_client_new (lk_sandbox_get_url (sandbox), lk_sandbox_get_admin_client_id (sandbox),
                                    lk_sandbox_get_admin_client_secret (sandbox));

  lk_client_set_retry_delay (client, 5);
  return client;
}
