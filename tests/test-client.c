/* test-client.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "lk-client-tokens.h"
#include "lk-client.h"
#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-error.h"
#include "lk-sandbox.h"
#include "lk-secret-store.h"
#include "lk-test-tenant.h"
#include "lk-token.h"

/* The API layer against the sandbox tenant, over real HTTP on loopback. */

typedef LkTestTenant Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lk_test_tenant_open (f, "tokens", 30, "rate-limit", 0, NULL);
}

static GListModel *
list_tokens (Fixture     *f,
             const char  *owner_id,
             const char  *filters,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_list_tokens_async (f->client, owner_id, filters, NULL, lk_test_store_result_cb, &result);
  return lk_client_list_tokens_finish (f->client, lk_test_wait_for (&result), error);
}

static gboolean
request (Fixture     *f,
         const char  *method,
         const char  *path,
         JsonNode    *body,
         JsonNode   **answer,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_request_async (f->client, method, path, NULL, body, NULL, NULL, lk_test_store_result_cb, &result);
  return lk_client_request_finish (f->client, lk_test_wait_for (&result), answer, error);
}

static void
authenticate (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_client_authenticate_async (f->client, NULL, lk_test_store_result_cb, &result);
  g_assert_true (lk_client_authenticate_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static gint64
seconds_apart (GDateTime *a,
               GDateTime *b)
{
  return ABS (g_date_time_difference (a, b)) / G_USEC_PER_SEC;
}

/* Dates the tenant compares against are reckoned by its clock, which its
 * Date header tells: the machine's until it has answered, its own after.
 */
static void
test_tenant_clock (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) machine = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tenant = lk_sandbox_get_now (f->sandbox);
  g_autoptr(GDateTime) before = lk_client_get_now (f->client);
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (seconds_apart (before, machine), <=, 2);

  authenticate (f);
  after = lk_client_get_now (f->client);
  g_assert_cmpint (seconds_apart (after, tenant), <=, 2);

  /* The tenant's clock is followed as it moves, by any answer (40 days on,
   * the sandbox's own PAT is still valid).
   */
  moved = g_date_time_add_days (tenant, 40);
  lk_sandbox_set_now (f->sandbox, moved);
  g_assert_true (request (f, "GET", "/password-policies", NULL, &answer, &error));
  g_assert_no_error (error);
  later = lk_client_get_now (f->client);
  g_assert_cmpint (seconds_apart (later, moved), <=, 2);
}

static JsonNode *
token_request_body (const char *name)
{
  g_autofree char *text = g_strdup_printf ("{\"name\": \"%s\", \"scope\": [\"sp:scopes:all\"]}", name);

  return json_from_string (text, NULL);
}

static guint
oauth_requests (Fixture *f)
{
  return lk_sandbox_count_requests (f->sandbox, "POST", "/oauth/token");
}

static void
iterate_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_list_tokens (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = list_tokens (f, NULL, NULL, &error);
  g_autoptr(LkToken) first = NULL;

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (tokens) == LK_TYPE_TOKEN);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, 31);

  first = g_list_model_get_item (tokens, 0);
  g_assert_cmpstr (lk_token_get_id (first), ==, lk_sandbox_get_admin_client_id (f->sandbox));
  g_assert_cmpstr (lk_token_get_name (first), ==, "Latchkey sandbox");
  g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (first)), ==, "Latchkey Admin");
  g_assert_nonnull (lk_token_get_created (first));
  g_assert_nonnull (lk_token_get_expiration_date (first));
  g_assert_cmpstrv (lk_token_get_scopes (first), ((const char * const []) { "sp:scopes:all", NULL }));

  /* The query goes as the spec names it. */
  g_clear_object (&tokens);
  tokens = list_tokens (f, "me", "lastUsed le 2026-01-01T00:00:00.000Z", &error);
  g_assert_no_error (error);
  {
    g_autofree char *query = lk_sandbox_get_last_request_query (f->sandbox, "GET", "/v3/personal-access-tokens");
    g_autoptr(GHashTable) fields = soup_form_decode (query);

    g_assert_cmpstr (g_hash_table_lookup (fields, "owner-id"), ==, "me");
    g_assert_cmpstr (g_hash_table_lookup (fields, "filters"), ==, "lastUsed le 2026-01-01T00:00:00.000Z");
  }
}

static void
serve_token_list (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *body = g_str_equal (path, "/oauth/token")
                     ? "{\"access_token\": \"bearer-token\", \"token_type\": \"bearer\", \"expires_in\": 3600}"
                     : user_data;

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* 1,500 tokens, of which @bad_index is @bad_element. */
static char *
token_list_with (guint       bad_index,
                 const char *bad_element)
{
  GString *body = g_string_new ("[");

  for (guint i = 0; i < 1500; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      if (i == bad_index)
        g_string_append (body, bad_element);
      else
        g_string_append_printf (body,
                                "{\"id\": \"id-%u\", \"name\": \"token %u\", \"scope\": [\"sp:scopes:all\"],"
                                " \"owner\": {\"type\": \"IDENTITY\", \"id\": \"owner\", \"name\": \"Abby Smith\"},"
                                " \"created\": \"2026-01-01T00:00:00.000Z\"}", i, i);
    }
  g_string_append_c (body, ']');

  return g_string_free (body, FALSE);
}

/* A large list is made into tokens in two halves: an error in either names
 * the token it is in.
 */
static void
test_token_list_errors (void)
{
  static const struct {
    guint       index;
    const char *element;
    const char *message;
  } cases[] = {
    { 2, "{\"id\": \"no-owner\", \"name\": \"x\", \"created\": \"2026-01-01T00:00:00.000Z\"}",
      "Token 3 of the tenant’s list cannot be read" },
    { 1200, "42", "Token 1201 of the tenant’s list is not an object" },
    { 1499, "[]", "Token 1500 of the tenant’s list is not an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = token_list_with (cases[i].index, cases[i].element);
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) tokens = NULL;
      g_autoptr(LkClient) client = NULL;
      g_autofree char *url = NULL;
      GSList *uris;

      soup_server_add_handler (server, NULL, serve_token_list, body, NULL);
      g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
      uris = soup_server_get_uris (server);
      /* "http://127.0.0.1:PORT/": the client drops the trailing slash. */
      url = g_uri_to_string (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
      client = lk_client_new (url, "client-id", "client-secret");

      lk_client_list_tokens_async (client, NULL, NULL, NULL, lk_test_store_result_cb, &result);
      tokens = lk_client_list_tokens_finish (client, lk_test_wait_for (&result), &error);
      g_assert_null (tokens);
      g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static LkPasswordPolicy *
policy_done (Fixture       *f,
             GAsyncResult **result,
             GError       **error)
{
  return lk_client_policy_finish (f->client, lk_test_wait_for (result), error);
}

static LkPasswordPolicy *
get_policy (Fixture    *f,
            const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkPasswordPolicy *policy;

  lk_client_get_policy_async (f->client, id, NULL, lk_test_store_result_cb, &result);
  policy = policy_done (f, &result, &error);
  g_assert_no_error (error);
  return policy;
}

static LkPasswordPolicy *
update_policy (Fixture           *f,
               LkPasswordPolicy  *policy,
               gboolean           force,
               GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_update_resource_async (f->client, &lk_password_policy_kind, policy, force, NULL,
                                   lk_test_store_result_cb, &result);
  return lk_client_resource_finish (f->client, lk_test_wait_for (&result), error);
}

/* Two people edit one policy; the second to save would undo the first's
 * change without a word. It is told instead, and nothing is sent.
 */
static void
test_no_lost_update (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(LkPasswordPolicy) listed = NULL;
  g_autoptr(LkPasswordPolicy) mine = NULL;
  g_autoptr(LkPasswordPolicy) theirs = NULL;
  g_autoptr(LkPasswordPolicy) saved = NULL;
  g_autoptr(LkPasswordPolicy) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint puts;

  {
    g_autoptr(GAsyncResult) result = NULL;

    lk_client_list_policies_async (f->client, NULL, lk_test_store_result_cb, &result);
    policies = lk_client_list_policies_finish (f->client, lk_test_wait_for (&result), &error);
    g_assert_no_error (error);
    listed = g_list_model_get_item (policies, 1);
  }
  path = g_strconcat ("/v3/password-policies/", lk_password_policy_get_id (listed), NULL);
  mine = get_policy (f, lk_password_policy_get_id (listed));
  theirs = get_policy (f, lk_password_policy_get_id (listed));

  /* They save first. */
  g_object_set (theirs, "max-repeated-chars", (gint64) 2, NULL);
  saved = update_policy (f, theirs, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&saved);

  /* Then I save my copy, read before their change. */
  puts = lk_sandbox_count_requests (f->sandbox, "PUT", path);
  g_object_set (mine, "min-numeric", (gint64) 3, NULL);
  g_assert_null (update_policy (f, mine, FALSE, &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, lk_password_policy_get_name (listed)));
  g_clear_error (&error);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, puts);
  now = get_policy (f, lk_password_policy_get_id (listed));
  g_assert_cmpint (lk_password_policy_get_int (now, "max-repeated-chars"), ==, 2);

  /* Asked to, mine replaces theirs. */
  saved = update_policy (f, mine, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_password_policy_get_int (saved, "min-numeric"), ==, 3);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, puts + 1);
  g_clear_object (&saved);

  /* A copy read after the last change saves as before. */
  g_clear_object (&mine);
  mine = get_policy (f, lk_password_policy_get_id (listed));
  g_object_set (mine, "min-upper", (gint64) 2, NULL);
  saved = update_policy (f, mine, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_password_policy_get_int (saved, "min-upper"), ==, 2);

  /* The same holds for sync groups, by their "modified". */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) groups = NULL;
    g_autoptr(LkSyncGroup) group_mine = NULL;
    g_autoptr(LkSyncGroup) group_theirs = NULL;
    g_autoptr(LkSyncGroup) group_saved = NULL;

    lk_client_list_sync_groups_async (f->client, NULL, lk_test_store_result_cb, &result);
    groups = lk_client_list_sync_groups_finish (f->client, lk_test_wait_for (&result), &error);
    g_assert_no_error (error);
    group_mine = g_list_model_get_item (groups, 0);
    g_clear_object (&result);
    lk_client_get_resource_async (f->client, &lk_sync_group_kind, lk_sync_group_get_id (group_mine), NULL,
                                  lk_test_store_result_cb, &result);
    group_theirs = lk_client_resource_finish (f->client, lk_test_wait_for (&result), &error);
    g_assert_no_error (error);

    g_object_set (group_theirs, "name", "Renamed by them", NULL);
    g_clear_object (&result);
    lk_client_update_resource_async (f->client, &lk_sync_group_kind, group_theirs, FALSE, NULL,
                                     lk_test_store_result_cb, &result);
    group_saved = lk_client_resource_finish (f->client, lk_test_wait_for (&result), &error);
    g_assert_no_error (error);

    g_object_set (group_mine, "name", "Renamed by me", NULL);
    g_clear_object (&result);
    lk_client_update_resource_async (f->client, &lk_sync_group_kind, group_mine, FALSE, NULL,
                                     lk_test_store_result_cb, &result);
    g_assert_null (lk_client_resource_finish (f->client, lk_test_wait_for (&result), &error));
    g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_CHANGED);
  }
}

static void
test_policies (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(LkPasswordPolicy) created = NULL;
  g_autoptr(LkPasswordPolicy) updated = NULL;
  g_autoptr(LkPasswordPolicy) fetched = NULL;
  g_autoptr(LkPasswordPolicy) draft = lk_password_policy_new ();
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *versioned = NULL;
  LkPasswordPolicy *default_policy = NULL;
  guint n_before;

  lk_client_list_policies_async (f->client, NULL, lk_test_store_result_cb, &result);
  policies = lk_client_list_policies_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  n_before = g_list_model_get_n_items (policies);
  g_assert_cmpuint (n_before, >, 0);
  for (guint i = 0; i < n_before; i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      if (lk_password_policy_is_default (policy))
        default_policy = policy;
    }
  g_assert_nonnull (default_policy);

  /* Created as the form has it; the tenant gives the id. */
  g_object_set (draft, "name", "Lab machines", "min-length", (gint64) 12, "use-dictionary", TRUE, NULL);
  g_clear_object (&result);
  lk_client_create_policy_async (f->client, draft, NULL, lk_test_store_result_cb, &result);
  created = policy_done (f, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_password_policy_get_id (created));
  g_assert_cmpstr (lk_password_policy_get_name (created), ==, "Lab machines");
  g_assert_cmpint (lk_password_policy_get_int (created, "min-length"), ==, 12);

  /* A field Latchkey does not know, as a newer tenant may have it. */
  path = g_strdup_printf ("/password-policies/%s", lk_password_policy_get_id (created));
  versioned = g_strconcat ("/v3", path, NULL);
  {
    g_autoptr(JsonObject) object = lk_password_policy_to_json (created);
    g_autoptr(JsonNode) body = NULL;

    json_object_set_string_member (object, "futureField", "kept");
    body = json_node_init_object (json_node_alloc (), object);
    g_assert_true (request (f, "PUT", path, body, NULL, &error));
    g_assert_no_error (error);
  }

  /* Fetched, changed, put back whole: the unknown field survives. */
  g_clear_object (&result);
  lk_client_get_policy_async (f->client, lk_password_policy_get_id (created), NULL, lk_test_store_result_cb,
                              &result);
  fetched = policy_done (f, &result, &error);
  g_assert_no_error (error);
  g_object_set (fetched, "max-length", (gint64) 64, NULL);
  g_clear_object (&result);
  lk_client_update_policy_async (f->client, fetched, NULL, lk_test_store_result_cb, &result);
  updated = policy_done (f, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_password_policy_get_int (updated, "max-length"), ==, 64);
  g_assert_true (request (f, "GET", path, NULL, &stored, &error));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "futureField"), ==, "kept");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (stored), "minLength"), ==, 12);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", versioned), ==, 2);

  /* A policy that breaks a rule is refused before it is sent. */
  g_object_set (fetched, "min-length", (gint64) 80, NULL);
  g_clear_object (&result);
  g_clear_object (&updated);
  lk_client_update_policy_async (f->client, fetched, NULL, lk_test_store_result_cb, &result);
  updated = policy_done (f, &result, &error);
  g_assert_null (updated);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "The minimum length, 80, is more than the maximum, 64"));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", versioned), ==, 2);
  g_clear_error (&error);

  /* One the tenant refuses: its words come back. */
  {
    static const char * const unknown[] = { "no-such-source", NULL };
    g_autoptr(LkPasswordPolicy) fresh = get_policy (f, lk_password_policy_get_id (fetched));

    g_object_set (fresh, "source-ids", unknown, NULL);
    g_clear_object (&result);
    lk_client_update_policy_async (f->client, fresh, NULL, lk_test_store_result_cb, &result);
    updated = policy_done (f, &result, &error);
    g_assert_null (updated);
    g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_BAD_REQUEST);
    g_assert_nonnull (strstr (error->message, "The source 'no-such-source' does not exist"));
    g_clear_error (&error);
  }

  /* The default policy stays; another goes. */
  g_clear_object (&result);
  lk_client_delete_policy_async (f->client, lk_password_policy_get_id (default_policy), NULL,
                                 lk_test_store_result_cb, &result);
  g_assert_false (lk_client_delete_policy_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_nonnull (strstr (error->message, "default password policy cannot be deleted"));
  g_clear_error (&error);
  g_clear_object (&result);
  lk_client_delete_policy_async (f->client, lk_password_policy_get_id (created), NULL, lk_test_store_result_cb,
                                 &result);
  g_assert_true (lk_client_delete_policy_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", versioned), ==, 1);

  g_clear_object (&result);
  g_clear_object (&policies);
  lk_client_list_policies_async (f->client, NULL, lk_test_store_result_cb, &result);
  policies = lk_client_list_policies_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (policies), ==, n_before);
}

static void
test_token_reused (Fixture       *f,
                   gconstpointer  data)
{
  GAsyncResult *results[8] = { NULL };

  /* Eight at once, before any token exists: one token request between them. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    lk_client_list_tokens_async (f->client, "me", NULL, NULL, lk_test_store_result_cb, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) tokens = lk_client_list_tokens_finish (f->client, lk_test_wait_for (&results[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (tokens);
      g_clear_object (&results[i]);
    }

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) tokens = list_tokens (f, NULL, NULL, &error);

      g_assert_no_error (error);
    }

  g_assert_cmpuint (oauth_requests (f), ==, 1);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 20);
}

static void
test_refresh_after_expiry (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;

  g_object_set (f->sandbox, "token-ttl", 1, NULL);

  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oauth_requests (f), ==, 1);

  /* The client knows the lifetime and renews before sending, with no 401. */
  iterate_for (1100);
  g_clear_object (&tokens);
  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oauth_requests (f), ==, 2);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 2);
}

static void
test_refresh_once_on_401 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;

  authenticate (f);
  g_assert_cmpuint (oauth_requests (f), ==, 1);

  /* Revoked or expired early, as far as the client can tell. */
  lk_sandbox_expire_access_tokens (f->sandbox);
  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  g_assert_cmpuint (oauth_requests (f), ==, 2);

  /* With credentials that no longer work, one refresh and then the error. */
  lk_client_set_credentials (f->client, lk_sandbox_get_admin_client_id (f->sandbox), "revoked");
  g_clear_object (&tokens);
  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (oauth_requests (f), ==, 3);
}

static void
test_rate_limit_honoured (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;
  gint64 start;

  authenticate (f);

  /* 429 with Retry-After: 1. A POST is retried too: the server did nothing. */
  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, 1);
  start = g_get_monotonic_time ();
  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 3);

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, 1);
  {
    g_autoptr(JsonNode) body = token_request_body ("After a 429");
    g_autoptr(JsonNode) answer = NULL;

    g_assert_true (request (f, "POST", "/personal-access-tokens", body, &answer, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 2);
  }
}

typedef struct {
  LkClient *client;
  guint     done;
  guint     failed;
} Burst;

static void
on_burst_request_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Burst *burst = user_data;
  g_autoptr(JsonNode) answer = NULL;

  if (!lk_client_request_finish (LK_CLIENT (object), result, &answer, NULL))
    burst->failed++;
  burst->done++;
}

static gboolean
burst_done (gpointer user_data)
{
  return ((Burst *) user_data)->done == 25;
}

static void
on_rate_limited_count_cb (LkClient *client,
                          guint     seconds,
                          guint    *count)
{
  (*count)++;
}

/* Sends 25 requests at once; returns how many 429s the client was told,
 * and in @paced how many times it said it waits for its turn.
 */
static guint
send_burst (Fixture *f,
            guint   *paced)
{
  Burst burst = { f->client, 0, 0 };
  guint told = 0;
  gulong handler = g_signal_connect (f->client, "rate-limited", G_CALLBACK (on_rate_limited_count_cb), &told);
  gulong paced_handler = g_signal_connect (f->client, "paced", G_CALLBACK (on_rate_limited_count_cb), paced);

  for (guint i = 0; i < 25; i++)
    lk_client_request_async (f->client, "GET", "/password-policies", NULL, NULL, NULL, NULL, on_burst_request_cb,
                             &burst);
  lk_test_wait_until (burst_done, &burst, 20000, "the burst to be answered");
  g_signal_handler_disconnect (f->client, handler);
  g_signal_handler_disconnect (f->client, paced_handler);
  g_assert_cmpuint (burst.failed, ==, 0);

  return told;
}

/* The client keeps to the tenant's limit by itself: a burst waits its turn
 * here and the tenant never has to refuse. Without pacing, the same burst
 * is refused.
 */
static void
test_rate_limit_paced (Fixture       *f,
                       gconstpointer  data)
{
  guint paced = 0;

  authenticate (f);
  /* ISC's limit in small: 10 requests per second. */
  g_object_set (f->sandbox, "rate-limit", 10, "rate-window-ms", 1000, NULL);

  lk_client_set_rate_limit (f->client, 10, 1000 + 200);
  g_assert_cmpuint (send_burst (f, &paced), ==, 0);
  /* The last of the 25 wait over two seconds: said, and not 15 times. */
  g_assert_cmpuint (paced, >=, 1);
  g_assert_cmpuint (paced, <=, 3);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/password-policies"), ==, 25);

  /* A fresh window, then the same burst unpaced. */
  iterate_for (1100);
  lk_client_set_rate_limit (f->client, 0, 0);
  paced = 0;
  g_assert_cmpuint (send_burst (f, &paced), >, 0);
  g_assert_cmpuint (paced, ==, 0);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/password-policies"), >, 50);
}

static void
test_rate_limit_wait_cancelled (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;
  gint64 start;

  authenticate (f);
  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, 1);
  lk_client_list_tokens_async (f->client, "me", NULL, cancellable, lk_test_store_result_cb, &result);

  /* Wait until the 429 came back, then cancel during the wait. */
  while (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens") < 2)
    g_main_context_iteration (NULL, TRUE);
  iterate_for (50);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);

  tokens = lk_client_list_tokens_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, lk_test_scaled_ms (500) * 1000);

  /* Nothing went out after the cancellation. */
  iterate_for (1200);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 2);
}

static void
test_5xx_retried_for_get (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;

  authenticate (f);
  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_5XX, 2);
  tokens = list_tokens (f, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tokens), ==, 31);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 4);

  /* Bounded: past three retries the error is the user's to see. */
  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_5XX, 10);
  g_clear_object (&tokens);
  tokens = list_tokens (f, NULL, NULL, &error);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 8);
  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_NONE, 0);
}

static void
test_5xx_not_retried_for_post (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) body = token_request_body ("Maybe made");
  g_autoptr(GError) error = NULL;

  authenticate (f);
  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_5XX, 1);
  g_assert_false (request (f, "POST", "/personal-access-tokens", body, NULL, &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (lk_client_error_get_status (error), >=, 500);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 1);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) body = token_request_body ("Dropped");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;

  authenticate (f);

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_DROP, 1);
  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 3);

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_DROP, 1);
  g_assert_false (request (f, "POST", "/personal-access-tokens", body, NULL, &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 1);
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(JsonNode) answer = NULL;

  authenticate (f);

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_MALFORMED, 1);
  tokens = list_tokens (f, NULL, NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_MALFORMED, 1);
  g_assert_false (request (f, "GET", "/password-sync-groups", NULL, &answer, &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_null (answer);
}

static LkToken *
token_named (GListModel *tokens,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

      if (g_str_equal (lk_token_get_name (token), name))
        return g_steal_pointer (&token);
    }

  return NULL;
}

/* A successor: the old token's scopes and bearer lifetime, as long a life
 * from the tenant's now, the name with the day; the old one left alone.
 */
static void
test_rotate_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) mine = list_tokens (f, "me", NULL, NULL);
  g_autoptr(LkToken) old = g_list_model_get_item (mine, 0);
  g_autoptr(LkToken) successor = NULL;
  g_autoptr(LkToken) rotated = NULL;
  g_autoptr(LkToken) listed = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *expected_name = NULL;
  char *secret = NULL;

  lk_client_rotate_token_async (f->client, lk_token_get_id (old), NULL, lk_test_store_result_cb, &result);
  successor = lk_client_rotate_token_finish (f->client, lk_test_wait_for (&result), &rotated, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_token_get_id (rotated), ==, lk_token_get_id (old));
  g_assert_nonnull (secret);
  g_assert_cmpuint (strlen (secret), >=, 32);
  g_clear_pointer (&secret, lk_secret_free);

  now = lk_client_get_now (f->client);
  expected_name = lk_token_successor_name (old, now, NULL);
  g_assert_cmpstr (lk_token_get_name (successor), ==, expected_name);
  g_assert_cmpstrv (lk_token_get_scopes (successor), lk_token_get_scopes (old));
  g_assert_cmpint (lk_token_get_access_token_validity (successor), ==, lk_token_get_access_token_validity (old));
  /* The old one's life from now, or six months when it lived more (as this one did: 184 days). */
  {
    g_autoptr(GDateTime) expected = lk_token_successor_expiration (old, now);

    g_assert_cmpint (ABS (g_date_time_difference (lk_token_get_expiration_date (successor), expected)), <,
                     5 * G_TIME_SPAN_SECOND);
  }

  /* Both on the tenant: the old one until its users have moved. */
  after = list_tokens (f, "me", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (mine) + 1);
  listed = token_named (after, lk_token_get_name (old));
  g_assert_nonnull (listed);
  g_clear_object (&listed);
  listed = token_named (after, expected_name);
  g_assert_nonnull (listed);
  g_assert_cmpstr (lk_token_get_id (listed), ==, lk_token_get_id (successor));

  /* Twice the same day: ISC refuses a name its owner has used, so the second gets a number. */
  g_clear_object (&result);
  lk_client_rotate_token_async (f->client, lk_token_get_id (old), NULL, lk_test_store_result_cb, &result);
  {
    g_autoptr(LkToken) second = lk_client_rotate_token_finish (f->client, lk_test_wait_for (&result), NULL, &secret,
                                                               &error);
    g_autofree char *numbered = g_strdup_printf ("%.*s, 2)", (int) strlen (expected_name) - 1, expected_name);

    g_assert_no_error (error);
    g_assert_nonnull (second);
    g_assert_cmpstr (lk_token_get_name (second), ==, numbered);
    g_clear_pointer (&secret, lk_secret_free);
  }

  /* Someone else's: never a token of the caller's in its place. */
  {
    g_autoptr(GListModel) every = list_tokens (f, NULL, NULL, NULL);
    guint before = g_list_model_get_n_items (every);

    for (guint i = 0; i < before; i++)
      {
        g_autoptr(LkToken) token = g_list_model_get_item (every, i);

        if (g_strcmp0 (lk_owner_get_name (lk_token_get_owner (token)), "Latchkey Admin") == 0)
          continue;
        g_clear_object (&result);
        lk_client_rotate_token_async (f->client, lk_token_get_id (token), NULL, lk_test_store_result_cb, &result);
        g_assert_null (lk_client_rotate_token_finish (f->client, lk_test_wait_for (&result), NULL, &secret, &error));
        g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND);
        break;
      }
    g_clear_object (&every);
    every = list_tokens (f, NULL, NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (every), ==, before);
  }
}

/* What a streamed list gave: the ids since the last start, and how many starts. */
typedef struct {
  GPtrArray *ids;
  guint      starts;
} Streamed;

static void
on_streamed_token (LkToken  *token,
                   gpointer  user_data)
{
  Streamed *streamed = user_data;

  if (token == NULL)
    {
      g_ptr_array_set_size (streamed->ids, 0);
      streamed->starts++;
    }
  else
    g_ptr_array_add (streamed->ids, g_strdup (lk_token_get_id (token)));
}

static gboolean
list_tokens_each (Fixture   *f,
                  Streamed  *streamed,
                  GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  streamed->starts = 0;
  lk_client_list_tokens_each_async (f->client, NULL, NULL, on_streamed_token, streamed, NULL,
                                    lk_test_store_result_cb, &result);
  return lk_client_list_tokens_each_finish (f->client, lk_test_wait_for (&result), error);
}

/* latchkey-cli's way through a list: token by token, the same tokens, and
 * a retry starts the list again; a broken answer is an error, not a list.
 */
static void
test_tokens_streamed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Streamed streamed = { ids, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = list_tokens (f, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (list_tokens_each (f, &streamed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (streamed.starts, ==, 1);
  g_assert_cmpuint (ids->len, ==, g_list_model_get_n_items (tokens));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, lk_token_get_id (token));
    }

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_5XX, 2);
  g_assert_true (list_tokens_each (f, &streamed, &error));
  g_assert_cmpuint (streamed.starts, ==, 3);
  g_assert_cmpuint (ids->len, ==, g_list_model_get_n_items (tokens));

  for (LkSandboxFault fault = LK_SANDBOX_FAULT_MALFORMED; fault <= LK_SANDBOX_FAULT_DEEP; fault++)
    {
      if (fault == LK_SANDBOX_FAULT_SLOW || fault == LK_SANDBOX_FAULT_RATE_LIMIT)
        continue;
      lk_sandbox_fail_next (f->sandbox, fault, 1);
      g_assert_false (list_tokens_each (f, &streamed, &error));
      g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE);
      /* Said of the list, or of the token that is wrong (arrays nested deep are no token). */
      g_assert_true (strstr (error->message, "list of tokens") || g_str_has_prefix (error->message, "Token 1 "));
      g_clear_error (&error);
    }
}

static void
test_error_response (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) body = token_request_body ("Latchkey sandbox");
  g_autoptr(GError) error = NULL;

  /* The admin already has a token of that name: ISC answers 400. */
  g_assert_false (request (f, "POST", "/personal-access-tokens", body, NULL, &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_BAD_REQUEST);
  g_assert_cmpuint (lk_client_error_get_status (error), ==, 400);
  g_assert_cmpstr (lk_client_error_get_detail_code (error), ==, "400.1 Bad Request Content");
  g_assert_nonnull (strstr (lk_client_error_get_server_message (error), "already exists"));
  g_assert_cmpuint (strlen (lk_client_error_get_tracking_id (error)), ==, 32);

  /* What the user reads says what the server said, and the tracking ID. */
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_assert_nonnull (strstr (error->message, lk_client_error_get_tracking_id (error)));

  g_clear_error (&error);
  g_assert_false (request (f, "DELETE", "/personal-access-tokens/no-such-token", NULL, NULL, &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND);
}

static void
test_forbidden_names_the_right (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const narrow[] = { "sp:my-personal-access-tokens:read", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *client_id = lk_sandbox_add_client (f->sandbox, "Abby.Smith", narrow, &secret);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;

  lk_client_set_credentials (f->client, client_id, secret);

  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&tokens);

  tokens = list_tokens (f, NULL, NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "idn:all-personal-access-tokens:read"));
}

static void
test_bad_credentials (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_client_set_credentials (f->client, lk_sandbox_get_admin_client_id (f->sandbox), "not the secret");
  lk_client_authenticate_async (f->client, NULL, lk_test_store_result_cb, &result);
  g_assert_false (lk_client_authenticate_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Bad credentials"));
  /* A refused secret is not retried. */
  g_assert_cmpuint (oauth_requests (f), ==, 1);
}

static void
test_secret_replaced_in_place (Fixture       *f,
                               gconstpointer  data)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *client_id = lk_sandbox_add_client (f->sandbox, "Abby.Smith", all, &secret);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(LkToken) first = NULL;

  authenticate (f);
  lk_client_set_credentials (f->client, client_id, secret);
  g_assert_cmpstr (lk_client_get_client_id (f->client), ==, client_id);

  /* The next call runs as Abby, with a token of her own. */
  tokens = list_tokens (f, "me", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oauth_requests (f), ==, 2);
  first = g_list_model_get_item (tokens, 0);
  g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (first)), ==, "Abby Smith");
}

/* Credentials replaced while a token is being asked for: the call that
 * waits runs with the new ones, not with a token of the old.
 */
static void
test_secret_replaced_during_token_request (Fixture       *f,
                                           gconstpointer  data)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *client_id = lk_sandbox_add_client (f->sandbox, "Abby.Smith", all, &secret);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(LkToken) first = NULL;

  lk_client_list_tokens_async (f->client, "me", NULL, NULL, lk_test_store_result_cb, &result);
  lk_client_set_credentials (f->client, client_id, secret);
  tokens = lk_client_list_tokens_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);

  first = g_list_model_get_item (tokens, 0);
  g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (first)), ==, "Abby Smith");
  g_assert_cmpuint (oauth_requests (f), ==, 2);
}

static void
test_api_version (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  g_assert_cmpstr (lk_client_get_api_version (f->client), ==, "v3");

  /* v2025 marks password policies experimental: the client says it knows. */
  lk_client_set_api_version (f->client, "v2025");
  g_assert_true (request (f, "GET", "/password-policies", NULL, &answer, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (answer));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v2025/password-policies"), ==, 1);

  lk_client_set_api_version (f->client, "beta");
  g_clear_pointer (&answer, json_node_unref);
  g_assert_true (request (f, "GET", "/password-sync-groups", NULL, &answer, &error));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/beta/password-sync-groups"), ==, 1);
}

static void
list_policies (Fixture    *f,
               gboolean    concurrent,
               JsonArray **policies)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_client_list_all_async (f->client, "/password-policies", concurrent, NULL, lk_test_store_result_cb, &result);
  *policies = lk_client_list_all_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static void
test_paging (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(JsonArray) sequential = NULL;
  g_autoptr(JsonArray) concurrent = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Five pages; the latency is long enough that the last four overlap even
   * under the sanitizers, where opening a connection is slow.
   */
  lk_test_tenant_open (f, "policies", 1001, "latency", 400, "rate-limit", 0, NULL);
  authenticate (f);

  list_policies (f, FALSE, &sequential);
  g_assert_cmpuint (json_array_get_length (sequential), ==, 1001);
  g_assert_cmpuint (lk_sandbox_get_max_in_flight (f->sandbox), ==, 1);

  list_policies (f, TRUE, &concurrent);
  g_assert_cmpuint (json_array_get_length (concurrent), ==, 1001);

  /* Complete, in order, each once; and never more than four pages out. */
  for (guint i = 0; i < 1001; i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (concurrent, i), "id");

      g_assert_cmpstr (id, ==, json_object_get_string_member (json_array_get_object_element (sequential, i), "id"));
      g_assert_true (g_hash_table_add (seen, (gpointer) id));
    }
  g_assert_cmpuint (lk_sandbox_get_max_in_flight (f->sandbox), ==, 4);
  /* Five pages each way. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/password-policies"), ==, 10);

  lk_test_tenant_tear_down (f, NULL);
}

static void
test_paging_error (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) policies = NULL;

  lk_test_tenant_open (f, "policies", 1000, "rate-limit", 0, NULL);
  authenticate (f);

  /* A page that keeps failing fails the whole list, not part of it. */
  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_MALFORMED, 100);
  lk_client_list_all_async (f->client, "/password-policies", TRUE, NULL, lk_test_store_result_cb, &result);
  policies = lk_client_list_all_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_null (policies);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE);

  g_clear_object (&result);
  lk_test_tenant_tear_down (f, NULL);
}

static void
test_cancel_leaves_nothing_running (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) policies = NULL;
  guint sent;

  lk_test_tenant_open (f, "policies", 2000, "latency", 300, "rate-limit", 0, NULL);
  authenticate (f);

  lk_client_list_all_async (f->client, "/password-policies", TRUE, cancellable, lk_test_store_result_cb, &result);
  while (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/password-policies") < 2)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  policies = lk_client_list_all_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  sent = lk_sandbox_count_requests (f->sandbox, "GET", "/v3/password-policies");
  iterate_for (800);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/password-policies"), ==, sent);

  g_clear_object (&result);
  lk_test_tenant_tear_down (f, NULL);
}

static GTlsCertificate *
test_certificate (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "sandbox-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "sandbox-key.pem", NULL);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (cert, key, &error);

  g_assert_no_error (error);
  return certificate;
}

static void
test_tls (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GTlsCertificate) certificate = test_certificate ();
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "sandbox-cert.pem", NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(LkClient) untrusting = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  f->sandbox = lk_test_sandbox_start (certificate, "rate-limit", 0, NULL);
  f->client = lk_test_admin_client_new (f->sandbox);
  g_assert_true (g_str_has_prefix (lk_sandbox_get_url (f->sandbox), "https://127.0.0.1:"));

  /* Trusted explicitly, it works. */
  database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  lk_client_set_tls_database (f->client, database);
  authenticate (f);
  g_assert_cmpuint (oauth_requests (f), ==, 1);

  /* Not signed by anything the system trusts: refused, credentials unsent. */
  untrusting = lk_test_admin_client_new (f->sandbox);
  lk_client_authenticate_async (untrusting, NULL, lk_test_store_result_cb, &result);
  g_assert_false (lk_client_authenticate_finish (untrusting, lk_test_wait_for (&result), &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_TLS);
  g_assert_cmpuint (oauth_requests (f), ==, 1);

  g_clear_object (&result);
  lk_test_assert_finalized (g_steal_pointer (&untrusting));
  lk_test_tenant_tear_down (f, NULL);
}

static void
test_plain_http_only_to_loopback (void)
{
  g_autoptr(LkClient) client = lk_client_new ("http://acme.example.com", "id", "secret");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_client_authenticate_async (client, NULL, lk_test_store_result_cb, &result);
  g_assert_false (lk_client_authenticate_finish (client, lk_test_wait_for (&result), &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_TLS);
}

static void
test_create_rename_rescope_revoke (Fixture       *f,
                                   gconstpointer  data)
{
  static const char * const scopes[] = { "idn:identity:read", "sp:my-personal-access-tokens:read", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkToken) created = NULL;
  g_autoptr(LkToken) renamed = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GDateTime) now = lk_sandbox_get_now (f->sandbox);
  g_autoptr(GDateTime) expiration = g_date_time_add_days (now, 30);
  JsonArray *operations;

  lk_client_create_token_async (f->client, "Terraform", NULL, 3600, expiration, NULL, lk_test_store_result_cb, &result);
  created = lk_client_create_token_finish (f->client, lk_test_wait_for (&result), &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_token_get_name (created), ==, "Terraform");
  g_assert_cmpuint (strlen (secret), ==, 64);
  /* The secret is handed over once and not kept in the model. */
  {
    g_autoptr(JsonObject) json = lk_token_to_json (created);

    g_assert_false (json_object_has_member (json, "secret"));
  }

  /* It works as a client: the secret is real. */
  {
    g_autoptr(LkClient) as_new = lk_client_new (lk_sandbox_get_url (f->sandbox), lk_token_get_id (created), secret);
    g_autoptr(GAsyncResult) auth = NULL;

    lk_client_authenticate_async (as_new, NULL, lk_test_store_result_cb, &auth);
    g_assert_true (lk_client_authenticate_finish (as_new, lk_test_wait_for (&auth), &error));
    g_clear_object (&auth);
    lk_test_assert_finalized (g_steal_pointer (&as_new));
  }

  /* Rename and re-scope: one JSON Patch of replace operations. */
  g_clear_object (&result);
  lk_client_update_token_async (f->client, lk_token_get_id (created), "Terraform (prod)", scopes, NULL,
                                lk_test_store_result_cb, &result);
  renamed = lk_client_update_token_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_token_get_name (renamed), ==, "Terraform (prod)");
  g_assert_cmpstrv (lk_token_get_scopes (renamed), scopes);

  body = lk_sandbox_get_last_request_body (f->sandbox, "PATCH", "/v3/personal-access-tokens/", &content_type);
  g_assert_cmpstr (content_type, ==, "application/json-patch+json");
  sent = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  operations = json_node_get_array (sent);
  g_assert_cmpuint (json_array_get_length (operations), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (operations, 0), "op"), ==, "replace");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (operations, 0), "path"), ==, "/name");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (operations, 1), "path"), ==, "/scope");

  /* Revoked: gone from the list, and a second revoke is a 404. */
  g_clear_object (&result);
  lk_client_revoke_token_async (f->client, lk_token_get_id (created), NULL, lk_test_store_result_cb, &result);
  g_assert_true (lk_client_revoke_token_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_no_error (error);
  tokens = list_tokens (f, "me", NULL, &error);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

      g_assert_cmpstr (lk_token_get_id (token), !=, lk_token_get_id (created));
    }
  g_clear_object (&result);
  lk_client_revoke_token_async (f->client, lk_token_get_id (created), NULL, lk_test_store_result_cb, &result);
  g_assert_false (lk_client_revoke_token_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD_TENANT ("/lk/client/list-tokens", test_list_tokens);
  LK_TEST_ADD_TENANT ("/lk/client/policies", test_policies);
  LK_TEST_ADD_TENANT ("/lk/client/no-lost-update", test_no_lost_update);
  LK_TEST_ADD_TENANT ("/lk/client/token-reused", test_token_reused);
  LK_TEST_ADD_TENANT ("/lk/client/tenant-clock", test_tenant_clock);
  LK_TEST_ADD_TENANT ("/lk/client/refresh-after-expiry", test_refresh_after_expiry);
  LK_TEST_ADD_TENANT ("/lk/client/refresh-once-on-401", test_refresh_once_on_401);
  LK_TEST_ADD_TENANT ("/lk/client/429-honoured", test_rate_limit_honoured);
  LK_TEST_ADD_TENANT ("/lk/client/429-wait-cancelled", test_rate_limit_wait_cancelled);
  LK_TEST_ADD_TENANT ("/lk/client/rate-limit-paced", test_rate_limit_paced);
  LK_TEST_ADD_TENANT ("/lk/client/5xx-retried-for-get", test_5xx_retried_for_get);
  LK_TEST_ADD_TENANT ("/lk/client/5xx-not-retried-for-post", test_5xx_not_retried_for_post);
  LK_TEST_ADD_TENANT ("/lk/client/dropped-connection", test_dropped_connection);
  LK_TEST_ADD_TENANT ("/lk/client/malformed-json", test_malformed_json);
  LK_TEST_ADD_TENANT ("/lk/client/tokens-streamed", test_tokens_streamed);
  LK_TEST_ADD_TENANT ("/lk/client/rotate-token", test_rotate_token);
  LK_TEST_ADD_TENANT ("/lk/client/error-response", test_error_response);
  LK_TEST_ADD_TENANT ("/lk/client/403-names-the-right", test_forbidden_names_the_right);
  LK_TEST_ADD_TENANT ("/lk/client/bad-credentials", test_bad_credentials);
  LK_TEST_ADD_TENANT ("/lk/client/secret-replaced-during-token-request", test_secret_replaced_during_token_request);
  LK_TEST_ADD_TENANT ("/lk/client/secret-replaced-in-place", test_secret_replaced_in_place);
  LK_TEST_ADD_TENANT ("/lk/client/api-version", test_api_version);
  LK_TEST_ADD_TENANT ("/lk/client/create-rename-rescope-revoke", test_create_rename_rescope_revoke);
  g_test_add_func ("/lk/client/paging", test_paging);
  g_test_add_func ("/lk/client/token-list-errors", test_token_list_errors);
  g_test_add_func ("/lk/client/paging-error", test_paging_error);
  g_test_add_func ("/lk/client/cancel-leaves-nothing-running", test_cancel_leaves_nothing_running);
  g_test_add_func ("/lk/client/tls", test_tls);
  g_test_add_func ("/lk/client/plain-http-only-to-loopback", test_plain_http_only_to_loopback);


  return g_test_run ();
}
