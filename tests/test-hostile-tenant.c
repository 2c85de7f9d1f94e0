/* test-hostile-tenant.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-client.h"
#include "lk-client-policies.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-limits.h"
#include "lk-sandbox.h"
#include "lk-test-tenant.h"

/* The API layer the app and the CLI share, against a tenant that answers
 * /oauth/token and then misbehaves: every answer ends in a result or a
 * clear error, in bounded time and memory, and never in a crash.
 */

typedef LkTestTenant Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lk_test_tenant_open (f, "rate-limit", 0, "policies", 3, NULL);
}

static gboolean
authenticate (Fixture  *f,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_authenticate_async (f->client, NULL, lk_test_store_result_cb, &result);
  return lk_client_authenticate_finish (f->client, lk_test_wait_for (&result), error);
}

static GListModel *
list_policies (Fixture   *f,
               gboolean   concurrent,
               GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkResourceKind kind = lk_password_policy_kind;

  /* The same collection, its pages asked for one after another or together. */
  kind.concurrent_paging = concurrent;
  lk_client_list_resources_async (f->client, &kind, NULL, lk_test_store_result_cb, &result);
  return lk_client_list_policies_finish (f->client, lk_test_wait_for (&result), error);
}

static guint
count (Fixture    *f,
       const char *method,
       const char *path)
{
  return lk_sandbox_count_requests (f->sandbox, method, path);
}

/* An error the user can read: set exactly when the call failed, with words. */
static void
assert_clear_error (GError     *error,
                    const char *expected_part)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == LK_CLIENT_ERROR);
  g_test_message ("said: %s", error->message);
  g_assert_nonnull (strstr (error->message, expected_part));
}

static void
test_blank_answers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;

  /* To the token request: no token, and said so. */
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_BLANK, 1, "POST /oauth/token");
  g_assert_false (authenticate (f, &error));
  assert_clear_error (error, "empty");
  g_clear_error (&error);

  /* To a list: the same. */
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_BLANK, 1, "GET /v3/password-policies");
  policies = list_policies (f, FALSE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "empty");
}

/* A cut-off answer is said in words, with where it breaks, not in
 * json-glib's "<data>:1:416: Parse error".
 */
static void
test_malformed_answer_in_words (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;

  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_MALFORMED, 1, "GET /v3/password-policies");
  policies = list_policies (f, FALSE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "not valid JSON");
  g_assert_nonnull (strstr (error->message, "(line 1, character "));
  g_assert_null (strstr (error->message, "<data>"));
}

static void
test_deep_answers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;

  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_DEEP, 1, "POST /oauth/token");
  g_assert_false (authenticate (f, &error));
  assert_clear_error (error, "nests deeper");
  g_clear_error (&error);

  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_DEEP, 1, "GET /v3/password-policies");
  policies = list_policies (f, FALSE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "nests deeper");
  g_clear_error (&error);

  /* As deep as allowed still parses, one more does not: the limit is where it says. */
  for (guint depth = LK_LIMIT_JSON_DEPTH; depth <= LK_LIMIT_JSON_DEPTH + 1; depth++)
    {
      g_autofree char *opened = g_strnfill (depth, '[');
      g_autofree char *closed = g_strnfill (depth, ']');
      g_autofree char *text = g_strconcat (opened, "\"[{ not counted\"", closed, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(JsonNode) node = lk_json_parse_bytes (bytes, &error);

      g_assert_true ((node != NULL) == (depth == LK_LIMIT_JSON_DEPTH));
      g_assert_true ((error != NULL) == (node == NULL));
      g_clear_error (&error);
    }
}

static void
test_token_lifetimes (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const unusable[] = { "0", "-100" };

  for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
    {
      g_autoptr(GError) error = NULL;
      guint before = count (f, "POST", "/oauth/token");

      g_object_set (f->sandbox, "token-expires-in", unusable[i], NULL);
      g_assert_false (authenticate (f, &error));
      assert_clear_error (error, "expires in");
      /* Asked once, not again and again. */
      g_assert_cmpuint (count (f, "POST", "/oauth/token"), ==, before + 1);
    }

  /* 2^62 s: honoured as the longest lifetime, without overflowing. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) policies = NULL;

    g_object_set (f->sandbox, "token-expires-in", "4611686018427387904", NULL);
    g_assert_true (authenticate (f, &error));
    g_assert_no_error (error);
    policies = list_policies (f, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count (f, "POST", "/oauth/token"), ==, 3);
  }
}

static void
test_trickled_answers (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;
  gint64 start;

  /* However slowly it comes, a request ends at its time limit. */
  lk_client_set_request_timeout (f->client, 2000);
  g_assert_true (authenticate (f, &error));

  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_TRICKLE, 100, "GET /v3/password-policies");
  start = g_get_monotonic_time ();
  policies = list_policies (f, FALSE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "did not finish answering within 2 s");
  g_assert_cmpint (g_get_monotonic_time () - start, <, lk_test_scaled_ms (5000) * 1000);

  /* The token request too, its retries within the same time limit. */
  g_clear_error (&error);
  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_TRICKLE, 100, "POST /oauth/token");
  start = g_get_monotonic_time ();
  g_assert_false (authenticate (f, &error));
  assert_clear_error (error, "did not finish answering within 2 s");
  g_assert_cmpint (g_get_monotonic_time () - start, <, lk_test_scaled_ms (5000) * 1000);
}

static void
test_huge_answers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;

  g_assert_true (authenticate (f, &error));
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_HUGE, 1, "GET /v3/password-policies");
  policies = list_policies (f, FALSE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "larger than");
  /* Refused, not retried: the next answer would be as large. */
  g_assert_cmpuint (count (f, "GET", "/v3/password-policies"), ==, 1);
}

static void
test_endless_lists (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;

  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_ENDLESS, 100, "GET /v3/password-policies");
  /* 400 pages at once from a tenant without a rate limit: not paced to ISC's. */
  lk_client_set_rate_limit (f->client, 0, 0);

  /* Told the count: refused before a second page is asked for. */
  policies = list_policies (f, TRUE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "4294967295");
  g_assert_cmpuint (count (f, "GET", "/v3/password-policies"), ==, 1);
  g_clear_error (&error);

  /* Not told: page after full page, up to the limit, no further. */
  policies = list_policies (f, FALSE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "goes on past");
  g_assert_cmpuint (count (f, "GET", "/v3/password-policies"), ==, 1 + LK_LIMIT_PAGES);
}

static void
on_rate_limited_cb (LkClient *client,
                    guint     seconds,
                    guint    *told)
{
  *told = seconds;
}

static void
test_long_retry_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;
  guint told = 0;
  gint64 start;

  g_signal_connect (f->client, "rate-limited", G_CALLBACK (on_rate_limited_cb), &told);
  g_assert_true (authenticate (f, &error));

  /* Retry-After: 120 is waited at most LK_LIMIT_RETRY_AFTER_SECONDS, and
   * said; past the request's time limit it is not waited at all.
   */
  g_object_set (f->sandbox, "fault-retry-after", 120, NULL);
  lk_client_set_request_timeout (f->client, 30000);
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, 1, "GET /v3/password-policies");
  start = g_get_monotonic_time ();
  policies = list_policies (f, FALSE, &error);
  g_assert_null (policies);
  assert_clear_error (error, "did not finish answering within 30 s");
  g_assert_cmpint (g_get_monotonic_time () - start, <, lk_test_scaled_ms (5000) * 1000);
  g_assert_cmpuint (told, ==, 0);

  /* A wait within the time limit is waited, and said before. */
  g_clear_error (&error);
  g_object_set (f->sandbox, "fault-retry-after", 1, NULL);
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, 1, "GET /v3/password-policies");
  policies = list_policies (f, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (policies);
  g_assert_cmpuint (told, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/blank-answers", test_blank_answers);
  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/deep-answers", test_deep_answers);
  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/malformed-answer-in-words", test_malformed_answer_in_words);
  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/token-lifetimes", test_token_lifetimes);
  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/trickled-answers", test_trickled_answers);
  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/huge-answers", test_huge_answers);
  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/endless-lists", test_endless_lists);
  LK_TEST_ADD_TENANT ("/lk/hostile-tenant/long-retry-after", test_long_retry_after);


  return g_test_run ();
}
