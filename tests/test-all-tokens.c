/* test-all-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-all-tokens.h"
#include "lk-error.h"
#include "lk-sandbox.h"
#include "lk-test-tenant.h"
#include "lk-test-wait.h"
#include "lk-token.h"

/* The tokens of every saved tenant at once: four tenants, of which one
 * fails, one is rate limited and one is slow. Each is a sandbox of its own,
 * with its own keyring item.
 */

enum { DEV, TEST, PROD, SLOW, N_TENANTS };

static const char * const tenant_names[N_TENANTS] = { "Dev", "Test", "Prod", "Slow" };
static const guint tenant_tokens[N_TENANTS] = { 5, 4, 7, 3 };

typedef struct {
  LkSandbox    *sandboxes[N_TENANTS];
  GSettings    *settings;
  LkSession    *session;
  LkAllTokens  *all;
  GPtrArray    *loaded;       /* tenant names, in the order their parts came in */
  gboolean      prod_waited;  /* Prod was seen waiting out its 429 */
  guint         slow_arrived; /* the other tenants' lists done when Slow's request reached it */
} Fixture;

static void
on_tenant_loaded_cb (LkAllTokens  *all,
                     LkTenantLoad *load,
                     Fixture      *f)
{
  g_ptr_array_add (f->loaded, g_strdup (lk_tenant_get_name (lk_tenant_load_get_tenant (load))));
}

static void
on_load_state_cb (LkTenantLoad *load,
                  GParamSpec   *pspec,
                  Fixture      *f)
{
  if (lk_tenant_load_get_state (load) == LK_TENANT_LOAD_WAITING &&
      g_str_equal (lk_tenant_get_name (lk_tenant_load_get_tenant (load)), "Prod"))
    f->prod_waited = lk_tenant_load_get_wait_seconds (load) == 1;
}

static void
on_loads_changed_cb (GListModel *loads,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);

      g_signal_connect (load, "notify::state", G_CALLBACK (on_load_state_cb), f);
    }
}

static void
on_slow_request_cb (LkSandbox  *sandbox,
                    const char *method,
                    const char *path,
                    Fixture    *f)
{
  if (g_str_equal (method, "GET") && g_str_equal (path, "/v3/personal-access-tokens"))
    f->slow_arrived = f->loaded->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "tenants");
  g_settings_reset (f->settings, "current-tenant");
  f->session = lk_session_new (f->settings, NULL);

  for (guint i = 0; i < N_TENANTS; i++)
    {
      f->sandboxes[i] = lk_test_sandbox_start (NULL, "rate-limit", 0, "tokens", tenant_tokens[i], "seed", i + 1,
                                               "slow-ms", (guint) lk_test_scaled_ms (1500), NULL);
      lk_test_save_sandbox (f->session, tenant_names[i], f->sandboxes[i]);
    }

  f->all = lk_all_tokens_new (f->session);
  f->loaded = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->all, "tenant-loaded", G_CALLBACK (on_tenant_loaded_cb), f);
  g_signal_connect (lk_all_tokens_get_loads (f->all), "items-changed", G_CALLBACK (on_loads_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_assert_finalized (g_steal_pointer (&f->all));
  lk_test_assert_finalized (g_steal_pointer (&f->session));
  g_settings_reset (f->settings, "tenants");
  g_settings_reset (f->settings, "current-tenant");
  g_clear_object (&f->settings);
  for (guint i = 0; i < N_TENANTS; i++)
    lk_test_assert_finalized (g_steal_pointer (&f->sandboxes[i]));
  g_clear_pointer (&f->loaded, g_ptr_array_unref);
}

static LkTenantLoad *
get_load (Fixture *f,
          guint    tenant)
{
  GListModel *loads = lk_all_tokens_get_loads (f->all);

  for (guint i = 0; i < g_list_model_get_n_items (loads); i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);

      if (g_str_equal (lk_tenant_get_name (lk_tenant_load_get_tenant (load)), tenant_names[tenant]))
        return load;   /* the list keeps it */
    }

  g_assert_not_reached ();
}

static void
load_all (Fixture    *f,
          const char *owner_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_all_tokens_load_async (f->all, owner_id, NULL, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 30000, "every tenant to answer or fail");
  g_assert_true (lk_all_tokens_load_finish (f->all, result, &error));
  g_assert_no_error (error);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  LkTenantLoad *failed;
  guint expected = 0;
  guint slow_index, dev_index, prod_index;
  guint prod_lists;

  lk_sandbox_set_fault_on (f->sandboxes[TEST], LK_SANDBOX_FAULT_5XX, 100, "GET /v3/personal-access-tokens");
  lk_sandbox_fail_next_on (f->sandboxes[PROD], LK_SANDBOX_FAULT_RATE_LIMIT, 1, "GET /v3/personal-access-tokens");
  lk_sandbox_set_fault_on (f->sandboxes[SLOW], LK_SANDBOX_FAULT_SLOW, 100, "GET /v3/personal-access-tokens");
  g_signal_connect (f->sandboxes[SLOW], "request-received", G_CALLBACK (on_slow_request_cb), f);
  /* Saving the tenant tried its credentials with a list already. */
  prod_lists = lk_sandbox_count_requests (f->sandboxes[PROD], "GET", "/v3/personal-access-tokens");

  load_all (f, NULL);

  /* Asked at once: Slow had the request before any other tenant's part
   * was in, and Dev and Prod (429 and all) did not wait for its answer.
   */
  g_assert_cmpuint (f->slow_arrived, ==, 0);
  g_assert_cmpuint (f->loaded->len, ==, N_TENANTS);
  g_assert_true (g_ptr_array_find_with_equal_func (f->loaded, "Slow", g_str_equal, &slow_index));
  g_assert_true (g_ptr_array_find_with_equal_func (f->loaded, "Dev", g_str_equal, &dev_index));
  g_assert_true (g_ptr_array_find_with_equal_func (f->loaded, "Prod", g_str_equal, &prod_index));
  g_assert_cmpuint (dev_index, <, slow_index);
  g_assert_cmpuint (prod_index, <, slow_index);

  /* Prod waited out its 429 and then answered. */
  g_assert_true (f->prod_waited);
  g_assert_cmpint (lk_tenant_load_get_state (get_load (f, PROD)), ==, LK_TENANT_LOAD_DONE);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandboxes[PROD], "GET", "/v3/personal-access-tokens"), ==,
                    prod_lists + 2);

  /* Test's failure is its own, with what its server said. */
  failed = get_load (f, TEST);
  g_assert_cmpint (lk_tenant_load_get_state (failed), ==, LK_TENANT_LOAD_FAILED);
  g_assert_error ((GError *) lk_tenant_load_get_error (failed), LK_CLIENT_ERROR, LK_CLIENT_ERROR_SERVER);
  g_assert_null (lk_tenant_load_get_tokens (failed));

  /* Every other tenant's tokens, each marked with its tenant and acted on
   * through its tenant's client.
   */
  tokens = lk_all_tokens_get_tokens (f->all);
  for (guint i = 0; i < N_TENANTS; i++)
    {
      LkTenantLoad *load = get_load (f, i);
      LkClient *client = lk_all_tokens_get_client (f->all, lk_tenant_load_get_tenant (load));

      if (i == TEST)
        {
          g_assert_null (client);
          continue;
        }
      g_assert_cmpint (lk_tenant_load_get_state (load), ==, LK_TENANT_LOAD_DONE);
      g_assert_cmpuint (g_list_model_get_n_items (lk_tenant_load_get_tokens (load)), ==, tenant_tokens[i] + 1);
      g_assert_cmpstr (lk_client_get_base_url (client), ==, lk_sandbox_get_url (f->sandboxes[i]));
      expected += tenant_tokens[i] + 1;
    }
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);
      const char *name = lk_tenant_get_name (lk_token_get_tenant (token));
      g_autofree char *folded = g_ascii_strdown (name, -1);

      g_hash_table_insert (counts, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
      /* A search finds a token by its tenant's name. */
      g_assert_nonnull (strstr (lk_token_get_search_key (token), folded));
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "Prod")), ==, tenant_tokens[PROD] + 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "Slow")), ==, tenant_tokens[SLOW] + 1);
  g_assert_false (g_hash_table_contains (counts, "Test"));
}

static void
test_retry_one (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;
  LkTenantLoad *load;
  guint expected = 0;

  lk_sandbox_set_fault_on (f->sandboxes[TEST], LK_SANDBOX_FAULT_5XX, 100, "GET /v3/personal-access-tokens");
  load_all (f, "me");
  load = get_load (f, TEST);
  g_assert_cmpint (lk_tenant_load_get_state (load), ==, LK_TENANT_LOAD_FAILED);

  /* The tenant mended: Try Again asks it alone, as before ("me"). */
  lk_sandbox_set_fault_on (f->sandboxes[TEST], LK_SANDBOX_FAULT_5XX, 0, NULL);
  lk_all_tokens_retry_async (f->all, load, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "Test to answer again");
  g_assert_true (lk_all_tokens_retry_finish (f->all, result, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lk_tenant_load_get_state (load), ==, LK_TENANT_LOAD_DONE);
  /* Only the caller's own, as the load asked. */
  for (guint i = 0; i < g_list_model_get_n_items (lk_tenant_load_get_tokens (load)); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (lk_tenant_load_get_tokens (load), i);

      g_assert_cmpstr (lk_owner_get_id (lk_token_get_owner (token)), ==,
                       lk_sandbox_get_admin_identity_id (f->sandboxes[TEST]));
    }
  /* Dev was not asked again: saving it listed once, the load once. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandboxes[DEV], "GET", "/v3/personal-access-tokens"), ==, 2);
  {
    g_autofree char *query = lk_sandbox_get_last_request_query (f->sandboxes[TEST], "GET",
                                                                "/v3/personal-access-tokens");

    g_assert_cmpstr (query, ==, "owner-id=me");
  }
  tokens = lk_all_tokens_get_tokens (f->all);
  for (guint i = 0; i < N_TENANTS; i++)
    expected += g_list_model_get_n_items (lk_tenant_load_get_tokens (get_load (f, i)));
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, expected);
}

/* A tenant whose secret the keyring lacks fails on its own row and says so. */
static void
test_missing_secret (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkTenant *prod = lk_tenant_list_find (lk_session_get_tenants (f->session), "Prod");
  LkTenantLoad *load;
  guint tokens_asked;

  lk_secret_store_clear_async (lk_session_get_secrets (f->session), lk_tenant_get_base_url (prod),
                               lk_tenant_get_client_id (prod), NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the secret to be cleared");
  g_assert_true (lk_secret_store_clear_finish (lk_session_get_secrets (f->session), result, NULL));

  tokens_asked = lk_sandbox_count_requests (f->sandboxes[PROD], "POST", "/oauth/token");
  load_all (f, "me");
  load = get_load (f, PROD);
  g_assert_cmpint (lk_tenant_load_get_state (load), ==, LK_TENANT_LOAD_FAILED);
  g_assert_nonnull (strstr (lk_tenant_load_get_error (load)->message, "Prod"));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandboxes[PROD], "POST", "/oauth/token"), ==, tokens_asked);
  g_assert_cmpint (lk_tenant_load_get_state (get_load (f, DEV)), ==, LK_TENANT_LOAD_DONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lk/all-tokens/concurrent", Fixture, NULL, fixture_set_up, test_concurrent, fixture_tear_down);
  g_test_add ("/lk/all-tokens/retry-one", Fixture, NULL, fixture_set_up, test_retry_one, fixture_tear_down);
  g_test_add ("/lk/all-tokens/missing-secret", Fixture, NULL, fixture_set_up, test_missing_secret,
              fixture_tear_down);

  return g_test_run ();
}
