/* test-client-passwords.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-client-passwords.h"
#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-error.h"
#include "lk-password-crypt.h"
#include "lk-sandbox.h"
#include "lk-test-tenant.h"

/* Password sync groups and setting a password, against the sandbox tenant
 * over real HTTP: it decrypts what the client encrypted and checks it
 * against the source's policy.
 */

#define GOOD_PASSWORD "Xy9!kk#Pq2zz"

typedef LkTestTenant Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lk_test_tenant_open (f, "rate-limit", 0, "sync-groups", 1, "password-delay-ms", 300, NULL);
}

static LkSyncGroup *
sync_group_done (Fixture       *f,
                 GAsyncResult **result,
                 GError       **error)
{
  return lk_client_sync_group_finish (f->client, lk_test_wait_for (result), error);
}

static void
test_sync_groups (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GPtrArray) free_ids = NULL;
  g_autoptr(LkSyncGroup) existing = NULL;
  g_autoptr(LkSyncGroup) draft = lk_sync_group_new ();
  g_autoptr(LkSyncGroup) created = NULL;
  g_autoptr(LkSyncGroup) updated = NULL;
  g_autoptr(LkSyncGroup) refused = NULL;
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *one_source[] = { NULL, NULL };
  const char *two_sources[] = { NULL, NULL, NULL };

  lk_client_list_sync_groups_async (f->client, NULL, lk_test_store_result_cb, &result);
  groups = lk_client_list_sync_groups_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  existing = g_list_model_get_item (groups, 0);
  g_assert_cmpstr (lk_sync_group_get_name (existing), ==, "Corporate Directory");
  g_assert_nonnull (lk_sync_group_get_password_policy_id (existing));
  g_assert_cmpuint (g_strv_length ((char **) lk_sync_group_get_source_ids (existing)), ==, 2);

  free_ids = lk_test_ungrouped_sources (f->client);
  g_assert_cmpuint (free_ids->len, >=, 2);

  /* One source is not a group: the tenant's words come back. */
  one_source[0] = g_ptr_array_index (free_ids, 0);
  g_object_set (draft, "name", "Lab", "password-policy-id", lk_sync_group_get_password_policy_id (existing),
                "source-ids", one_source, NULL);
  g_clear_object (&result);
  lk_client_create_sync_group_async (f->client, draft, NULL, lk_test_store_result_cb, &result);
  refused = sync_group_done (f, &result, &error);
  g_assert_null (refused);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "at least two sources"));
  g_clear_error (&error);

  /* Two: created, with the id and dates the tenant gives. */
  two_sources[0] = g_ptr_array_index (free_ids, 0);
  two_sources[1] = g_ptr_array_index (free_ids, 1);
  g_object_set (draft, "source-ids", two_sources, NULL);
  g_clear_object (&result);
  lk_client_create_sync_group_async (f->client, draft, NULL, lk_test_store_result_cb, &result);
  created = sync_group_done (f, &result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_sync_group_get_id (created));
  g_assert_nonnull (lk_sync_group_get_created (created));
  g_assert_cmpstrv (lk_sync_group_get_source_ids (created), two_sources);
  sent = lk_sandbox_get_last_request_body (f->sandbox, "POST", "/v3/password-sync-groups", NULL);
  g_assert_null (strstr (g_bytes_get_data (sent, NULL), "\"id\""));

  /* A source of another group is refused. */
  g_object_set (created, "source-ids", (const char *[]) { two_sources[0], lk_sync_group_get_source_ids (existing)[0],
                                                          NULL }, NULL);
  g_clear_object (&result);
  lk_client_update_sync_group_async (f->client, created, NULL, lk_test_store_result_cb, &result);
  g_assert_null (sync_group_done (f, &result, &error));
  g_assert_nonnull (strstr (error->message, "already belongs to the sync group 'Corporate Directory'"));
  g_clear_error (&error);

  /* Renamed: a PUT of the whole group. */
  g_object_set (created, "name", "Lab machines", "source-ids", two_sources, NULL);
  g_clear_object (&result);
  lk_client_update_sync_group_async (f->client, created, NULL, lk_test_store_result_cb, &result);
  updated = sync_group_done (f, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lk_sync_group_get_name (updated), ==, "Lab machines");
  path = g_strdup_printf ("/v3/password-sync-groups/%s", lk_sync_group_get_id (created));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, 2);

  g_clear_object (&result);
  lk_client_delete_sync_group_async (f->client, lk_sync_group_get_id (created), NULL, lk_test_store_result_cb,
                                     &result);
  g_assert_true (lk_client_delete_sync_group_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", path), ==, 1);
}

static LkPasswordInfo *
query_info (Fixture     *f,
            const char  *source_name,
            const char  *user_name,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_query_password_info_async (f->client, source_name, user_name, NULL, lk_test_store_result_cb, &result);
  return lk_client_query_password_info_finish (f->client, lk_test_wait_for (&result), error);
}

static LkPasswordStatus *
set_password (Fixture         *f,
              LkPasswordInfo  *info,
              const char      *password,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkPasswordAccount) account = g_list_model_get_item (lk_password_info_get_accounts (info), 0);

  lk_client_set_password_async (f->client, info, lk_password_account_get_id (account), password, NULL,
                                lk_test_store_result_cb, &result);
  return lk_client_password_status_finish (f->client, lk_test_wait_for (&result), error);
}

static LkPasswordStatus *
wait_status (Fixture     *f,
             const char  *request_id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_wait_password_status_async (f->client, request_id, NULL, lk_test_store_result_cb, &result);
  return lk_client_password_status_finish (f->client, lk_test_wait_for (&result), error);
}

static void
test_password_info (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *policies;

  info = query_info (f, lk_sandbox_get_source_name (f->sandbox), lk_sandbox_get_user_name (f->sandbox), &error);
  g_assert_no_error (error);
  g_assert_nonnull (lk_password_info_get_identity_id (info));
  g_assert_cmpuint (g_list_model_get_n_items (lk_password_info_get_accounts (info)), >=, 1);
  policies = lk_password_info_get_policies (info);
  g_assert_nonnull (policies);
  g_assert_true (g_strv_contains (policies, "passwordMinLength is 8"));

  g_clear_object (&info);
  info = query_info (f, "No such source", lk_sandbox_get_user_name (f->sandbox), &error);
  g_assert_null (info);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "There is no source named 'No such source'"));
}

static void
test_set_password_finished (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordStatus) started = NULL;
  g_autoptr(LkPasswordStatus) final = NULL;
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GError) error = NULL;

  info = query_info (f, lk_sandbox_get_source_name (f->sandbox), lk_sandbox_get_user_name (f->sandbox), &error);
  g_assert_no_error (error);

  started = set_password (f, info, GOOD_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_password_status_get_state (started), ==, LK_PASSWORD_STATE_IN_PROGRESS);
  g_assert_nonnull (lk_password_status_get_request_id (started));

  /* Only the encrypted form went out. */
  sent = lk_sandbox_get_last_request_body (f->sandbox, "POST", "/v3/set-password", NULL);
  g_assert_null (g_strstr_len (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), GOOD_PASSWORD));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), "encryptedPassword"));

  final = wait_status (f, lk_password_status_get_request_id (started), &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_password_status_get_state (final), ==, LK_PASSWORD_STATE_FINISHED);
  g_assert_cmpstr (lk_password_status_get_request_id (final), ==, lk_password_status_get_request_id (started));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, 1);
}

static void
test_set_password_failed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordStatus) started = NULL;
  g_autoptr(LkPasswordStatus) final = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *errors;

  info = query_info (f, lk_sandbox_get_source_name (f->sandbox), lk_sandbox_get_user_name (f->sandbox), &error);
  started = set_password (f, info, "short", &error);
  g_assert_no_error (error);
  final = wait_status (f, lk_password_status_get_request_id (started), &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_password_status_get_state (final), ==, LK_PASSWORD_STATE_FAILED);
  errors = lk_password_status_get_errors (final);
  g_assert_nonnull (errors);
  g_assert_true (g_strv_contains (errors, "The password must be at least 8 characters long."));
}

/* A POST that may have been carried out is not sent again. */
static void
test_set_password_not_retried (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  info = query_info (f, lk_sandbox_get_source_name (f->sandbox), lk_sandbox_get_user_name (f->sandbox), &error);
  g_assert_no_error (error);

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_5XX, 1);
  status = set_password (f, info, GOOD_PASSWORD, &error);
  g_assert_null (status);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, 1);
  g_clear_error (&error);

  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_DROP, 1);
  status = set_password (f, info, GOOD_PASSWORD, &error);
  g_assert_null (status);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, 2);
  g_clear_error (&error);

  /* A 429 means nothing was done: waited out and sent again. */
  lk_sandbox_fail_next (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, 1);
  status = set_password (f, info, GOOD_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, 4);
}

/* A key that is not one fails before anything is sent. */
static void
test_bad_public_key (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"identityId\": \"i\", \"sourceId\": \"s\", \"publicKeyId\": \"k\", "
                                               "\"publicKey\": \"bm90IGEga2V5\", "
                                               "\"accounts\": [{\"accountId\": \"a\"}]}", NULL);
  g_autoptr(LkPasswordInfo) info = lk_password_info_new_from_json (json_node_get_object (node), NULL);
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encrypted = NULL;

  status = set_password (f, info, GOOD_PASSWORD, &error);
  g_assert_null (status);
  g_assert_error (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_BAD_KEY);
  g_assert_nonnull (strstr (error->message, "The public key cannot be read"));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, 0);
  g_clear_error (&error);

  encrypted = lk_password_encrypt ("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----", "x", &error);
  g_assert_null (encrypted);
  g_assert_error (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_BAD_KEY);
  g_clear_error (&error);

  encrypted = lk_password_encrypt ("not base64 at all!", "x", &error);
  g_assert_null (encrypted);
  g_assert_error (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_BAD_KEY);
  g_assert_cmpstr (error->message, ==, "The public key is neither base64 nor PEM");
}

/* A password the key cannot hold is refused by name, not by a GnuTLS code. */
static void
test_password_too_long (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_password = g_strnfill (300, 'x');
  g_autofree char *encrypted = NULL;

  info = query_info (f, lk_sandbox_get_source_name (f->sandbox), lk_sandbox_get_user_name (f->sandbox), &error);
  g_assert_no_error (error);
  encrypted = lk_password_encrypt (lk_password_info_get_public_key (info), long_password, &error);
  g_assert_null (encrypted);
  g_assert_error (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "245"));
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Leaving the page cancels the wait at once, between two polls. */
static void
test_wait_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordStatus) started = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at;

  g_object_set (f->sandbox, "password-delay-ms", 60000, NULL);
  info = query_info (f, lk_sandbox_get_source_name (f->sandbox), lk_sandbox_get_user_name (f->sandbox), &error);
  started = set_password (f, info, GOOD_PASSWORD, &error);
  g_assert_no_error (error);

  lk_client_wait_password_status_async (f->client, lk_password_status_get_request_id (started), cancellable,
                                        lk_test_store_result_cb, &result);
  /* After the first poll (at 0.5 s), during the pause before the second. */
  g_timeout_add (1000, cancel_cb, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();
  g_assert_null (lk_client_password_status_finish (f->client, lk_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, lk_test_scaled_ms (500) * 1000);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", NULL), >=, 1);
}

static void
test_unknown_request (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = wait_status (f, "0123456789abcdef", &error);
  g_assert_null (status);
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "0123456789abcdef"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD_TENANT ("/lk/client/sync-groups", test_sync_groups);
  LK_TEST_ADD_TENANT ("/lk/client/password/info", test_password_info);
  LK_TEST_ADD_TENANT ("/lk/client/password/set-finished", test_set_password_finished);
  LK_TEST_ADD_TENANT ("/lk/client/password/set-failed", test_set_password_failed);
  LK_TEST_ADD_TENANT ("/lk/client/password/set-not-retried", test_set_password_not_retried);
  LK_TEST_ADD_TENANT ("/lk/client/password/bad-public-key", test_bad_public_key);
  LK_TEST_ADD_TENANT ("/lk/client/password/too-long", test_password_too_long);
  LK_TEST_ADD_TENANT ("/lk/client/password/wait-cancelled", test_wait_cancelled);
  LK_TEST_ADD_TENANT ("/lk/client/password/unknown-request", test_unknown_request);

  return g_test_run ();
}
