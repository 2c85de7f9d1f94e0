/* test-directory.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-client-directory.h"
#include "lk-client-tokens.h"
#include "lk-directory.h"
#include "lk-error.h"
#include "lk-test-tenant.h"

/* The tenant's sources and people by name, against the sandbox over HTTP:
 * searches, and the per-tenant directory that asks for each only once.
 */

typedef LkTestTenant Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guint n_sources = data != NULL ? GPOINTER_TO_UINT (data) : 8;

  lk_test_tenant_open (f, "rate-limit", 0, "tokens", 60, "sources", n_sources, NULL);
}

static GListModel *
search (LkClient             *client,
        const LkResourceKind *kind,
        const char           *filters,
        guint                 limit,
        GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_search_resources_async (client, kind, filters, "name", limit, NULL, lk_test_store_result_cb, &result);
  return lk_client_list_resources_finish (client, lk_test_wait_for (&result), error);
}

static char *
names (GListModel *items)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_strv_builder_add (builder, LK_IS_SOURCE (item) ? lk_source_get_name (LK_SOURCE (item))
                                                       : lk_identity_get_name (LK_IDENTITY (item)));
    }
  strv = g_strv_builder_end (builder);

  return g_strjoinv ("|", strv);
}

static void
test_search_sources (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) go = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = lk_source_filter_for_name ("go");
  g_autofree char *all_names = NULL;
  g_autofree char *go_names = NULL;
  g_autoptr(LkSource) directory = NULL;
  g_autofree char *query = NULL;

  all = search (f->client, &lk_source_kind, NULL, 0, &error);
  g_assert_no_error (error);
  all_names = names (all);
  g_assert_cmpstr (all_names, ==, "Active Directory|GitHub|Google Workspace|Okta|Salesforce|SAP ERP|ServiceNow|Workday");

  /* What a source is picked by: its type, connector and owner, and its policies. */
  directory = g_list_model_get_item (all, 0);
  g_assert_cmpstr (lk_source_get_source_type (directory), ==, "Active Directory - Direct");
  g_assert_cmpstr (lk_source_get_connector_name (directory), ==, "Active Directory");
  g_assert_nonnull (lk_source_get_owner_name (directory));
  g_assert_cmpuint (g_strv_length ((char **) lk_source_get_password_policy_ids (directory)), ==, 1);

  /* The name's start, in any case, as typed. */
  go = search (f->client, &lk_source_kind, filter, 0, &error);
  g_assert_no_error (error);
  go_names = names (go);
  g_assert_cmpstr (go_names, ==, "Google Workspace");
  query = lk_sandbox_get_last_request_query (f->sandbox, "GET", "/v3/sources");
  g_assert_nonnull (strstr (query, "filters=name+sw+%22go%22"));
}

static void
test_search_identities (Fixture       *f,
                        gconstpointer  data)
{
  static const struct {
    const char *typed;
    const char *found;
  } cases[] = {
    { "Abby Sm", "Abby Smith" },
    { "abby.smith", "Abby Smith" },
    { "abby.smith@acme", "Abby Smith" },
    { "smith", NULL },   /* every Smith: first, checked below */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *filter = lk_identity_filter_for_text (cases[i].typed);
      g_autoptr(GListModel) found = search (f->client, &lk_identity_kind, filter, 50, NULL);
      g_autofree char *shown = NULL;

      g_assert_nonnull (found);
      shown = names (found);
      if (cases[i].found != NULL)
        g_assert_cmpstr (shown, ==, cases[i].found);
      else
        g_assert_nonnull (strstr (shown, "Abby Smith"));
    }

  /* A quote typed is a quote searched for, not the end of the filter. */
  {
    g_autofree char *filter = lk_identity_filter_for_text ("O\"Brien");
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) found = search (f->client, &lk_identity_kind, filter, 50, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  }
}

static void
test_ids_pasted (void)
{
  g_assert_true (lk_looks_like_id ("2c9180835d2e5168015d32f890ca1581"));
  g_assert_true (lk_looks_like_id ("6e110911-5984-491b-be74-2707980a46a7"));
  g_assert_false (lk_looks_like_id ("Abby Smith"));
  g_assert_false (lk_looks_like_id ("2c9180835d2e5168015d32f890ca158"));
  g_assert_false (lk_looks_like_id (NULL));
}

static GListModel *
load_sources (LkDirectory  *directory,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_directory_load_sources_async (directory, NULL, lk_test_store_result_cb, &result);
  return lk_directory_load_sources_finish (directory, lk_test_wait_for (&result), error);
}

static guint
source_requests (Fixture *f)
{
  return lk_sandbox_count_requests (f->sandbox, "GET", "/v3/sources");
}

static void
test_sources_asked_once (Fixture       *f,
                         gconstpointer  data)
{
  LkDirectory *directory = lk_directory_get_for_client (f->client);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSource) last = NULL;
  guint pages;

  g_assert_true (lk_directory_get_for_client (f->client) == directory);
  g_assert_false (lk_directory_get_sources_loaded (directory));

  /* Two pages ask at once: one load. 5,000 sources are 20 pages. */
  lk_directory_load_sources_async (directory, NULL, lk_test_store_result_cb, &first);
  lk_directory_load_sources_async (directory, NULL, lk_test_store_result_cb, &second);
  sources = lk_directory_load_sources_finish (directory, lk_test_wait_for (&first), &error);
  g_assert_no_error (error);
  g_clear_object (&sources);
  sources = lk_directory_load_sources_finish (directory, lk_test_wait_for (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 5000);
  pages = source_requests (f);
  g_assert_cmpuint (pages, ==, 20);

  again = load_sources (directory, &error);
  g_assert_no_error (error);
  g_assert_true (again == sources);
  g_assert_cmpuint (source_requests (f), ==, pages);

  last = g_list_model_get_item (sources, 4999);
  g_assert_true (lk_directory_lookup_source (directory, lk_source_get_id (last)) == last);
  g_assert_true (lk_directory_get_sources_loaded (directory));
  g_assert_null (lk_directory_lookup_source (directory, "9a42000000000000000000000000dead"));
}

static GStrv
token_owner_ids (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;

  lk_client_list_tokens_async (f->client, NULL, NULL, NULL, lk_test_store_result_cb, &result);
  tokens = lk_client_list_tokens_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

      /* Every owner once per token: the directory asks for each once. */
      g_strv_builder_add (ids, lk_owner_get_id (lk_token_get_owner (token)));
    }

  return g_strv_builder_end (ids);
}

static void
resolve (LkDirectory        *directory,
         const char * const *ids)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_directory_resolve_identities_async (directory, ids, NULL, lk_test_store_result_cb, &result);
  g_assert_true (lk_directory_resolve_identities_finish (directory, lk_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_owners_asked_once (Fixture       *f,
                        gconstpointer  data)
{
  LkDirectory *directory = lk_directory_get_for_client (f->client);
  g_auto(GStrv) owners = token_owner_ids (f);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  const char *unknown[] = { "9a42000000000000000000000000dead", NULL };
  g_autoptr(GAsyncResult) one = NULL;
  g_autoptr(GAsyncResult) other = NULL;
  guint asked;
  gboolean known;

  for (guint i = 0; owners[i] != NULL; i++)
    g_hash_table_add (distinct, owners[i]);
  g_assert_cmpuint (g_strv_length (owners), >, g_hash_table_size (distinct));

  /* Two pages at once, the same owners: one set of requests, 50 ids each. */
  lk_directory_resolve_identities_async (directory, (const char * const *) owners, NULL, lk_test_store_result_cb,
                                         &one);
  lk_directory_resolve_identities_async (directory, (const char * const *) owners, NULL, lk_test_store_result_cb,
                                         &other);
  g_assert_true (lk_directory_resolve_identities_finish (directory, lk_test_wait_for (&one), NULL));
  g_assert_true (lk_directory_resolve_identities_finish (directory, lk_test_wait_for (&other), NULL));
  asked = lk_sandbox_count_requests (f->sandbox, "GET", "/v3/public-identities");
  g_assert_cmpuint (asked, ==, (g_hash_table_size (distinct) + 49) / 50);

  for (guint i = 0; owners[i] != NULL; i++)
    {
      LkIdentity *identity = lk_directory_lookup_identity (directory, owners[i], &known);

      g_assert_true (known);
      g_assert_nonnull (identity);
      g_assert_cmpstr (lk_identity_get_id (identity), ==, owners[i]);
      g_assert_nonnull (lk_identity_get_name (identity));
    }

  resolve (directory, (const char * const *) owners);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/public-identities"), ==, asked);

  /* An id the tenant does not know is known to be unknown, and not asked for again. */
  g_assert_null (lk_directory_lookup_identity (directory, unknown[0], &known));
  g_assert_false (known);
  resolve (directory, unknown);
  g_assert_null (lk_directory_lookup_identity (directory, unknown[0], &known));
  g_assert_true (known);
  resolve (directory, unknown);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/public-identities"), ==, asked + 1);
}

/* A PAT that may not read sources: the 403 names the right, and is not kept. */
static void
test_without_the_right (Fixture       *f,
                        gconstpointer  data)
{
  const char *scopes[] = { "idn:password-policy:read", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *id = lk_sandbox_add_client (f->sandbox, "Abby.Smith", scopes, &secret);
  g_autoptr(LkClient) narrow = lk_client_new (lk_sandbox_get_url (f->sandbox), id, secret);
  LkDirectory *directory = lk_directory_get_for_client (narrow);
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = load_sources (directory, &error);
  g_assert_null (sources);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "idn:sources:read"));
  g_assert_false (lk_directory_get_sources_loaded (directory));

  g_clear_error (&error);
  sources = load_sources (directory, &error);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_FORBIDDEN);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/sources"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD_TENANT ("/lk/directory/search-sources", test_search_sources);
  LK_TEST_ADD_TENANT ("/lk/directory/search-identities", test_search_identities);
  g_test_add_func ("/lk/directory/ids-pasted", test_ids_pasted);
  g_test_add ("/lk/directory/sources-asked-once", Fixture, GUINT_TO_POINTER (5000), fixture_set_up,
              test_sources_asked_once, lk_test_tenant_tear_down);
  LK_TEST_ADD_TENANT ("/lk/directory/owners-asked-once", test_owners_asked_once);
  LK_TEST_ADD_TENANT ("/lk/directory/without-the-right", test_without_the_right);

  return g_test_run ();
}
