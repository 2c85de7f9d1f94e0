/* bench-oauth.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "lk-client-policies.h"
#include "lk-sandbox.h"

/* A session of 1,000 API calls, twenty at a time, spread over several
 * lifetimes of the bearer token: how many times the client asks
 * /oauth/token for one.
 *
 *   bench-oauth [CALLS] [TOKEN-TTL-S]
 *
 * Goal (issue 7): exactly one token request per token lifetime. The
 * client renews a token a tenth of its lifetime (at most a minute) before
 * it expires, so a lifetime lasts TTL minus that margin; a session that
 * spans K of them asks K times, however many calls wait at each renewal.
 */

#define CALLS_AT_ONCE 20

typedef struct {
  guint   pending;
  guint   failed;
} Batch;

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_policy_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(LkPasswordPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  if (!(policy = lk_client_policy_finish (LK_CLIENT (object), result, &error)))
    {
      g_printerr ("call failed: %s\n", error->message);
      batch->failed++;
    }
  batch->pending--;
}

int
main (int   argc,
      char *argv[])
{
  guint calls = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000;
  guint ttl = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 10;
  guint margin = MIN (60, ttl / 10);
  g_autoptr(LkSandbox) sandbox = NULL;
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(LkPasswordPolicy) first = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  gint64 token_start, start, last_batch = 0, elapsed, pause;
  guint token_requests, lifetimes, failed = 0;
  gboolean met;

  sandbox = g_object_new (LK_TYPE_SANDBOX, "rate-limit", 0, "token-ttl", ttl, NULL);
  if (!lk_sandbox_start (sandbox, 0, NULL, &error))
    g_error ("%s", error->message);
  client = lk_client_new (lk_sandbox_get_url (sandbox), lk_sandbox_get_admin_client_id (sandbox),
                          lk_sandbox_get_admin_client_secret (sandbox));
  /* The sandbox here has no rate limit: the client need not keep to ISC's. */
  lk_client_set_rate_limit (client, 0, 0);

  /* A policy to fetch again and again: one request a call. The first token comes now. */
  token_start = g_get_monotonic_time ();
  lk_client_list_policies_async (client, NULL, store_result_cb, &listed);
  while (listed == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!(policies = lk_client_list_policies_finish (client, listed, &error)))
    g_error ("%s", error->message);
  first = g_list_model_get_item (policies, 0);

  /* The calls spread over two and a half lifetimes, the list's token counted. */
  pause = (gint64) (ttl - margin) * G_USEC_PER_SEC * 5 / 2 / MAX (calls / CALLS_AT_ONCE, 1);
  start = g_get_monotonic_time ();
  for (guint sent = 0; sent < calls; sent += CALLS_AT_ONCE)
    {
      Batch batch = { 0 };

      last_batch = g_get_monotonic_time ();
      for (guint i = 0; i < CALLS_AT_ONCE && sent + i < calls; i++, batch.pending++)
        lk_client_get_policy_async (client, lk_password_policy_get_id (first), NULL, on_policy_cb, &batch);
      while (batch.pending > 0)
        g_main_context_iteration (NULL, TRUE);
      failed += batch.failed;
      g_usleep (pause);
    }
  elapsed = g_get_monotonic_time () - start;

  token_requests = lk_sandbox_count_requests (sandbox, "POST", "/oauth/token");
  /* A token is asked for by the first call past the end of the last one's life. */
  lifetimes = (guint) ((last_batch - token_start) / ((gint64) (ttl - margin) * G_USEC_PER_SEC)) + 1;
  met = token_requests == lifetimes && failed == 0;

  printf ("bench-oauth: %u calls, %u at a time, over %.1f s; bearer token lifetime %u s, renewed %u s early\n",
          calls, CALLS_AT_ONCE, elapsed / 1e6, ttl, margin);
  printf ("  requests to /oauth/token: %u, token lifetimes spanned: %u (goal: exactly 1 per lifetime) %s\n",
          token_requests, lifetimes, met ? "MET" : "NOT MET");
  printf ("  failed calls: %u\n", failed);

  return 0;
}
