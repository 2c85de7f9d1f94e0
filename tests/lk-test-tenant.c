/* lk-test-tenant.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-test-tenant.h"

LkSandbox *
lk_test_sandbox_start_valist (GTlsCertificate *certificate,
                              const char      *first_property_name,
                              va_list          args)
{
  g_autoptr(GError) error = NULL;
  LkSandbox *sandbox = LK_SANDBOX (g_object_new_valist (LK_TYPE_SANDBOX, first_property_name, args));

  g_object_set (sandbox, "now", LK_TEST_NOW, NULL);
  g_assert_true (lk_sandbox_start (sandbox, 0, certificate, &error));
  g_assert_no_error (error);

  return sandbox;
}

LkSandbox *
lk_test_sandbox_start (GTlsCertificate *certificate,
                       const char      *first_property_name,
                       ...)
{
  LkSandbox *sandbox;
  va_list args;

  va_start (args, first_property_name);
  sandbox = lk_test_sandbox_start_valist (certificate, first_property_name, args);
  va_end (args);

  return sandbox;
}

void
lk_test_tenant_open (LkTestTenant *tenant,
                     const char   *first_property_name,
                     ...)
{
  va_list args;

  va_start (args, first_property_name);
  tenant->sandbox = lk_test_sandbox_start_valist (NULL, first_property_name, args);
  va_end (args);
  tenant->client = lk_test_admin_client_new (tenant->sandbox);
}

void
lk_test_tenant_tear_down (LkTestTenant  *tenant,
                          gconstpointer  data)
{
  lk_test_tenant_close (&tenant->sandbox, &tenant->client);
}

void
lk_test_save_tenant (LkSession  *session,
                     const char *name,
                     const char *url,
                     const char *client_id,
                     const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_session_save_tenant_async (session, NULL, name, url, client_id, secret, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the tenant to be saved");
  g_assert_true (lk_session_save_tenant_finish (session, result, &error));
  g_assert_no_error (error);
}

void
lk_test_save_sandbox (LkSession  *session,
                      const char *name,
                      LkSandbox  *sandbox)
{
  lk_test_save_tenant (session, name, lk_sandbox_get_url (sandbox), lk_sandbox_get_admin_client_id (sandbox),
                       lk_sandbox_get_admin_client_secret (sandbox));
}

char *
lk_test_keyring_lookup (const char *base_url,
                        const char *client_id)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "secret-tool", "lookup", "base-url", base_url, "client-id", client_id, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, NULL, NULL));
  return g_steal_pointer (&out);
}

LkClient *
lk_test_admin_client_new (LkSandbox *sandbox)
{
  LkClient *client = lk_client_new (lk_sandbox_get_url (sandbox), lk_sandbox_get_admin_client_id (sandbox),
                                    lk_sandbox_get_admin_client_secret (sandbox));

  lk_client_set_retry_delay (client, 5);
  return client;
}

void
lk_test_tenant_close (LkSandbox **sandbox,
                      LkClient  **client)
{
  lk_test_assert_finalized (g_steal_pointer (client));
  lk_test_assert_finalized (g_steal_pointer (sandbox));
}

GListModel *
lk_test_list_all (LkClient             *client,
                  const LkResourceKind *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *items;

  lk_client_list_resources_async (client, kind, NULL, lk_test_store_result_cb, &result);
  items = lk_client_list_resources_finish (client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);

  return items;
}

GPtrArray *
lk_test_ungrouped_sources (LkClient *client)
{
  g_autoptr(GListModel) groups = lk_test_list_all (client, &lk_sync_group_kind);
  g_autoptr(GListModel) policies = lk_test_list_all (client, &lk_password_policy_kind);
  GPtrArray *ungrouped = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);
      const char * const *ids = lk_password_policy_get_source_ids (policy);

      for (guint s = 0; ids[s]; s++)
        {
          gboolean taken = FALSE;

          for (guint g = 0; g < g_list_model_get_n_items (groups) && !taken; g++)
            {
              g_autoptr(LkSyncGroup) group = g_list_model_get_item (groups, g);

              taken = g_strv_contains (lk_sync_group_get_source_ids (group), ids[s]);
            }
          if (!taken && !g_ptr_array_find_with_equal_func (ungrouped, ids[s], g_str_equal, NULL))
            g_ptr_array_add (ungrouped, g_strdup (ids[s]));
        }
    }

  return ungrouped;
}
