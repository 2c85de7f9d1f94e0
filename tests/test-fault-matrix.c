/* test-fault-matrix.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-client-tokens.h"
#include "lk-client-passwords.h"
#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-error.h"
#include "lk-sandbox.h"
#include "lk-test-tenant.h"

/* Every endpoint the app calls, against every fault the sandbox injects,
 * one test a cell: /lk/fault-matrix/ENDPOINT/FAULT. The API layer the app
 * and the CLI share must end each call with a result or a clear error,
 * in bounded time, never sending a POST or PATCH twice unless the tenant
 * said it did nothing (429).
 */

#define GOOD_PASSWORD  "Xy9!kk#Pq2zz"
#define SLOW_MS        300
#define BURST          2      /* 429s in a row, each asking for a second's wait */
#define MAX_RETRIES    3      /* the client's, for GET, PUT and DELETE */
#define MAX_CALL_MS    20000

typedef struct {
  LkSandbox      *sandbox;
  LkClient       *client;
  char           *token_id;
  char           *policy_id;
  LkSyncGroup    *group;
  char           *free_sources[3];
  LkPasswordInfo *info;
  char           *request_id;
  char           *path;       /* the cell's endpoint, with its id */
} Fixture;

typedef gboolean (*CallFunc) (Fixture  *f,
                              GError  **error);

typedef struct {
  const char *name;
  const char *method;
  const char *path;           /* ending in "/": an item, the fixture's id follows */
  CallFunc    call;
} Endpoint;

typedef enum {
  FAULT_5XX_ONCE,
  FAULT_5XX_ALWAYS,
  FAULT_DROP_ONCE,
  FAULT_MALFORMED,
  FAULT_SLOW,
  FAULT_429_BURST,
} Fault;

static const char * const fault_names[] = {
  "5xx-once", "5xx-always", "drop-once", "malformed", "slow", "429-burst",
};

typedef struct {
  const Endpoint *endpoint;
  Fault           fault;
} Cell;

/* Synchronous calls */

/* Whether a call gave back its object; the object itself is not needed. */
static gboolean
got (gpointer object)
{
  if (object == NULL)
    return FALSE;

  g_object_unref (object);
  return TRUE;
}

static gboolean
call_oauth (Fixture  *f,
            GError  **error)
{
  g_autoptr(LkClient) fresh = lk_test_admin_client_new (f->sandbox);
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_set_retry_delay (fresh, 5);
  lk_client_authenticate_async (fresh, NULL, lk_test_store_result_cb, &result);
  return lk_client_authenticate_finish (fresh, lk_test_wait_for (&result), error);
}

static gboolean
call_tokens_list (Fixture  *f,
                  GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_list_tokens_async (f->client, NULL, NULL, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_list_tokens_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_token_create (Fixture  *f,
                   GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *secret = NULL;
  LkToken *token;

  lk_client_create_token_async (f->client, "Fault matrix", NULL, 0, NULL, NULL, lk_test_store_result_cb, &result);
  token = lk_client_create_token_finish (f->client, lk_test_wait_for (&result), &secret, error);
  return got (token);
}

static gboolean
call_token_update (Fixture  *f,
                   GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_update_token_async (f->client, f->token_id, "Renamed by the fault matrix", NULL, NULL,
                                lk_test_store_result_cb, &result);
  return got (lk_client_update_token_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_token_revoke (Fixture  *f,
                   GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_revoke_token_async (f->client, f->token_id, NULL, lk_test_store_result_cb, &result);
  return lk_client_revoke_token_finish (f->client, lk_test_wait_for (&result), error);
}

static gboolean
call_policies_list (Fixture  *f,
                    GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_list_policies_async (f->client, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_list_policies_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_policy_get (Fixture  *f,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_get_policy_async (f->client, f->policy_id, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_policy_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_policy_create (Fixture  *f,
                    GError  **error)
{
  g_autoptr(LkPasswordPolicy) draft = lk_password_policy_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_object_set (draft, "name", "Fault matrix, new", "min-length", (gint64) 10, NULL);
  lk_client_create_policy_async (f->client, draft, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_policy_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_policy_update (Fixture  *f,
                    GError  **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(LkPasswordPolicy) policy = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  json_object_set_string_member (object, "id", f->policy_id);
  json_object_set_string_member (object, "name", "Fault matrix, updated");
  json_object_set_int_member (object, "minLength", 12);
  policy = lk_password_policy_new_from_json (object, NULL);
  lk_client_update_policy_async (f->client, policy, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_policy_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_policy_delete (Fixture  *f,
                    GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_delete_policy_async (f->client, f->policy_id, NULL, lk_test_store_result_cb, &result);
  return lk_client_delete_policy_finish (f->client, lk_test_wait_for (&result), error);
}

static gboolean
call_sync_groups_list (Fixture  *f,
                       GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_list_sync_groups_async (f->client, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_list_sync_groups_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_sync_group_get (Fixture  *f,
                     GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_get_sync_group_async (f->client, lk_sync_group_get_id (f->group), NULL, lk_test_store_result_cb,
                                  &result);
  return got (lk_client_sync_group_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_sync_group_create (Fixture  *f,
                        GError  **error)
{
  g_autoptr(LkSyncGroup) draft = lk_sync_group_new ();
  g_autoptr(GAsyncResult) result = NULL;
  const char *sources[] = { f->free_sources[0], f->free_sources[1], NULL };

  g_object_set (draft, "name", "Fault matrix group", "password-policy-id", f->policy_id, "source-ids", sources,
                NULL);
  lk_client_create_sync_group_async (f->client, draft, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_sync_group_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_sync_group_update (Fixture  *f,
                        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_object_set (f->group, "name", "Renamed by the fault matrix", NULL);
  lk_client_update_sync_group_async (f->client, f->group, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_sync_group_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_sync_group_delete (Fixture  *f,
                        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_delete_sync_group_async (f->client, lk_sync_group_get_id (f->group), NULL, lk_test_store_result_cb,
                                     &result);
  return lk_client_delete_sync_group_finish (f->client, lk_test_wait_for (&result), error);
}

static gboolean
call_password_info (Fixture  *f,
                    GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_query_password_info_async (f->client, lk_sandbox_get_source_name (f->sandbox),
                                       lk_sandbox_get_user_name (f->sandbox), NULL, lk_test_store_result_cb, &result);
  return got (lk_client_query_password_info_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_set_password (Fixture  *f,
                   GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkPasswordAccount) account = g_list_model_get_item (lk_password_info_get_accounts (f->info), 0);

  lk_client_set_password_async (f->client, f->info, lk_password_account_get_id (account), GOOD_PASSWORD, NULL,
                                lk_test_store_result_cb, &result);
  return got (lk_client_password_status_finish (f->client, lk_test_wait_for (&result), error));
}

static gboolean
call_password_status (Fixture  *f,
                      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_get_password_status_async (f->client, f->request_id, NULL, lk_test_store_result_cb, &result);
  return got (lk_client_password_status_finish (f->client, lk_test_wait_for (&result), error));
}

static const Endpoint endpoints[] = {
  { "oauth-token", "POST", "/oauth/token", call_oauth },
  { "tokens-list", "GET", "/v3/personal-access-tokens", call_tokens_list },
  { "token-create", "POST", "/v3/personal-access-tokens", call_token_create },
  { "token-update", "PATCH", "/v3/personal-access-tokens/", call_token_update },
  { "token-revoke", "DELETE", "/v3/personal-access-tokens/", call_token_revoke },
  { "policies-list", "GET", "/v3/password-policies", call_policies_list },
  { "policy-get", "GET", "/v3/password-policies/", call_policy_get },
  { "policy-create", "POST", "/v3/password-policies", call_policy_create },
  { "policy-update", "PUT", "/v3/password-policies/", call_policy_update },
  { "policy-delete", "DELETE", "/v3/password-policies/", call_policy_delete },
  { "sync-groups-list", "GET", "/v3/password-sync-groups", call_sync_groups_list },
  { "sync-group-get", "GET", "/v3/password-sync-groups/", call_sync_group_get },
  { "sync-group-create", "POST", "/v3/password-sync-groups", call_sync_group_create },
  { "sync-group-update", "PUT", "/v3/password-sync-groups/", call_sync_group_update },
  { "sync-group-delete", "DELETE", "/v3/password-sync-groups/", call_sync_group_delete },
  { "password-info", "POST", "/v3/query-password-info", call_password_info },
  { "set-password", "POST", "/v3/set-password", call_set_password },
  { "password-status", "GET", "/v3/password-change-status/", call_password_status },
};

/* The fixture: a tenant, an authenticated client, and one of everything an
 * endpoint acts on, made before any fault is set.
 */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Cell *cell = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkToken) token = NULL;
  g_autoptr(LkPasswordPolicy) policy = lk_password_policy_new ();
  g_autoptr(LkPasswordPolicy) created = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(LkPasswordAccount) account = NULL;
  g_autofree char *secret = NULL;
  const char *id = NULL;
  g_autoptr(GPtrArray) ungrouped = NULL;

  f->sandbox = lk_test_sandbox_start (NULL, "rate-limit", 0, "tokens", 5, "sync-groups", 1, "slow-ms", SLOW_MS,
                                      "password-delay-ms", 0, NULL);
  f->client = lk_test_admin_client_new (f->sandbox);

  lk_client_create_token_async (f->client, "To change", NULL, 0, NULL, NULL, lk_test_store_result_cb, &result);
  token = lk_client_create_token_finish (f->client, lk_test_wait_for (&result), &secret, &error);
  g_assert_no_error (error);
  f->token_id = g_strdup (lk_token_get_id (token));

  g_clear_object (&result);
  g_object_set (policy, "name", "To change", NULL);
  lk_client_create_policy_async (f->client, policy, NULL, lk_test_store_result_cb, &result);
  created = lk_client_policy_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  f->policy_id = g_strdup (lk_password_policy_get_id (created));

  g_clear_object (&result);
  lk_client_list_sync_groups_async (f->client, NULL, lk_test_store_result_cb, &result);
  groups = lk_client_list_sync_groups_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  f->group = g_list_model_get_item (groups, 0);

  /* Sources the group does not have, for a new one. */
  ungrouped = lk_test_ungrouped_sources (f->client);
  g_assert_cmpuint (ungrouped->len, >=, G_N_ELEMENTS (f->free_sources));
  for (guint i = 0; i < G_N_ELEMENTS (f->free_sources); i++)
    f->free_sources[i] = g_strdup (g_ptr_array_index (ungrouped, i));

  g_clear_object (&result);
  lk_client_query_password_info_async (f->client, lk_sandbox_get_source_name (f->sandbox),
                                       lk_sandbox_get_user_name (f->sandbox), NULL, lk_test_store_result_cb, &result);
  f->info = lk_client_query_password_info_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);

  g_clear_object (&result);
  account = g_list_model_get_item (lk_password_info_get_accounts (f->info), 0);
  lk_client_set_password_async (f->client, f->info, lk_password_account_get_id (account), GOOD_PASSWORD, NULL,
                                lk_test_store_result_cb, &result);
  status = lk_client_password_status_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  f->request_id = g_strdup (lk_password_status_get_request_id (status));

  if (g_str_has_prefix (cell->endpoint->path, "/v3/personal-access-tokens/"))
    id = f->token_id;
  else if (g_str_has_prefix (cell->endpoint->path, "/v3/password-policies/"))
    id = f->policy_id;
  else if (g_str_has_prefix (cell->endpoint->path, "/v3/password-sync-groups/"))
    id = lk_sync_group_get_id (f->group);
  else if (g_str_has_prefix (cell->endpoint->path, "/v3/password-change-status/"))
    id = f->request_id;
  f->path = g_strconcat (cell->endpoint->path, id, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->token_id);
  g_free (f->policy_id);
  g_free (f->request_id);
  g_free (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (f->free_sources); i++)
    g_free (f->free_sources[i]);
  g_clear_object (&f->group);
  g_clear_object (&f->info);
  lk_test_tenant_close (&f->sandbox, &f->client);
}

static gboolean
is_idempotent (const char *method)
{
  return g_str_equal (method, "GET") || g_str_equal (method, "PUT") || g_str_equal (method, "DELETE");
}

static void
test_cell (Fixture       *f,
           gconstpointer  data)
{
  const Cell *cell = data;
  const Endpoint *endpoint = cell->endpoint;
  g_autofree char *target = g_strdup_printf ("%s %s", endpoint->method, f->path);
  /* Asking for a token is retried like a GET: it changes nothing. */
  gboolean retried = is_idempotent (endpoint->method) || g_str_equal (endpoint->path, "/oauth/token");
  guint before = lk_sandbox_count_requests (f->sandbox, endpoint->method, f->path);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  gboolean ok;
  guint sent;

  switch (cell->fault)
    {
    case FAULT_5XX_ONCE:
      lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 1, target);
      break;
    case FAULT_5XX_ALWAYS:
      lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 100, target);
      break;
    case FAULT_DROP_ONCE:
      lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_DROP, 1, target);
      break;
    case FAULT_MALFORMED:
      lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_MALFORMED, 1, target);
      break;
    case FAULT_SLOW:
      lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_SLOW, 1, target);
      break;
    case FAULT_429_BURST:
      lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, BURST, target);
      break;
    default:
      g_assert_not_reached ();
    }

  ok = endpoint->call (f, &error);
  elapsed = g_get_monotonic_time () - start;
  sent = lk_sandbox_count_requests (f->sandbox, endpoint->method, f->path) - before;
  g_test_message ("%s %s, %s: %s after %u requests, %ld ms", endpoint->method, f->path, fault_names[cell->fault],
                  ok ? "done" : error->message, sent, (long) (elapsed / 1000));

  /* Never a hang: an answer within the bound, whatever came back. */
  g_assert_cmpint (elapsed, <, lk_test_scaled_ms (MAX_CALL_MS) * 1000);
  g_assert_true (ok == (error == NULL));
  if (error != NULL)
    g_assert_cmpstr (error->message, !=, "");

  switch (cell->fault)
    {
    case FAULT_5XX_ONCE:
    case FAULT_DROP_ONCE:
      /* Repeated where that is safe; a POST or PATCH that may have been carried out is not. */
      if (retried)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (sent, ==, 2);
        }
      else
        {
          LkClientError expected = cell->fault == FAULT_5XX_ONCE ? LK_CLIENT_ERROR_SERVER : LK_CLIENT_ERROR_NETWORK;

          g_assert_error (error, LK_CLIENT_ERROR, (int) expected);
          g_assert_cmpuint (sent, ==, 1);
        }
      break;

    case FAULT_5XX_ALWAYS:
      g_assert_false (ok);
      g_assert_cmpuint (sent, ==, retried ? 1 + MAX_RETRIES : 1);
      if (!g_str_equal (endpoint->path, "/oauth/token"))
        g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_SERVER);
      break;

    case FAULT_MALFORMED:
      /* A success status with half a body: unreadable, said so, not repeated.
       * An answer with no body (a DELETE's 204) has nothing to cut.
       */
      if (!ok)
        g_assert_true (g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE) ||
                       g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_UNAUTHORIZED));
      else
        g_assert_cmpstr (endpoint->method, ==, "DELETE");
      g_assert_cmpuint (sent, ==, 1);
      break;

    case FAULT_SLOW:
      g_assert_no_error (error);
      g_assert_cmpuint (sent, ==, 1);
      g_assert_cmpint (elapsed, >=, SLOW_MS * 1000);
      break;

    case FAULT_429_BURST:
      /* The tenant did nothing: waited out as told, then done, POST included. */
      g_assert_no_error (error);
      g_assert_cmpuint (sent, ==, BURST + 1);
      if (!g_str_equal (endpoint->path, "/oauth/token"))
        g_assert_cmpint (elapsed, >=, BURST * G_USEC_PER_SEC);
      break;

    default:
      g_assert_not_reached ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
    for (guint fault = 0; fault < G_N_ELEMENTS (fault_names); fault++)
      {
        Cell *cell = g_new0 (Cell, 1);
        g_autofree char *path = g_strdup_printf ("/lk/fault-matrix/%s/%s", endpoints[e].name, fault_names[fault]);

        cell->endpoint = &endpoints[e];
        cell->fault = fault;
        g_ptr_array_add (cells, cell);
        g_test_add (path, Fixture, cell, fixture_set_up, test_cell, fixture_tear_down);
      }

  return g_test_run ();
}
