/* bench-policies.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "lk-bench-util.h"
#include "lk-client-policies.h"

/* A tenant's 5,000 password policies, paged one page after another and
 * with several pages at once, in the same run.
 *
 *   bench-policies LATCHKEY-SANDBOX [N-POLICIES] [LATENCY-MS]
 *
 * Every answer comes LATENCY-MS late (50 by default), as across the
 * internet: on loopback with no latency, paging has nothing to overlap.
 * Goal (issue 5): concurrent in at most half the sequential time.
 */

#define GOAL_RATIO 0.5
#define ROUNDS     3

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static double
list_ms (LkClient *client,
         gboolean  concurrent,
         guint    *n_policies)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GError) error = NULL;
  LkResourceKind kind = lk_password_policy_kind;
  double start = lk_bench_now_ms ();

  /* The same collection, its pages asked for one after another or together. */
  kind.concurrent_paging = concurrent;
  lk_client_list_resources_async (client, &kind, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  policies = lk_client_list_policies_finish (client, result, &error);
  g_assert_no_error (error);
  *n_policies = g_list_model_get_n_items (policies);

  return lk_bench_now_ms () - start;
}

int
main (int   argc,
      char *argv[])
{
  const char *count = argc > 2 ? argv[2] : "5000";
  const char *latency = argc > 3 ? argv[3] : "50";
  LkBenchSandbox sandbox = { 0 };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  double sequential = G_MAXDOUBLE, concurrent = G_MAXDOUBLE;
  guint n_sequential = 0, n_concurrent = 0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-policies LATCHKEY-SANDBOX [N-POLICIES] [LATENCY-MS]\n");
      return 2;
    }

  process = lk_bench_start_sandbox ((const char *[]) { argv[1], "--policies", count, "--rate-limit", "0",
                                                       "--latency", latency, NULL }, &sandbox);
  client = lk_client_new (sandbox.url, sandbox.client_id, sandbox.secret);

  /* The bearer token first: neither way pays for it. */
  lk_client_authenticate_async (client, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lk_client_authenticate_finish (client, result, NULL));

  /* Taken in turns, best of each. */
  for (guint i = 0; i < ROUNDS; i++)
    {
      sequential = MIN (sequential, list_ms (client, FALSE, &n_sequential));
      concurrent = MIN (concurrent, list_ms (client, TRUE, &n_concurrent));
    }
  g_assert_cmpuint (n_sequential, ==, n_concurrent);

  printf ("policies:                      %u\n", n_concurrent);
  printf ("latency of every answer:       %s ms\n", latency);
  printf ("one page after another:        %.0f ms (best of %d)\n", sequential, ROUNDS);
  printf ("four pages at once:            %.0f ms (best of %d)\n", concurrent, ROUNDS);
  printf ("ratio:                         %.2f (goal <= %.1f) %s\n", concurrent / sequential, GOAL_RATIO,
          concurrent / sequential <= GOAL_RATIO ? "met" : "NOT MET");

  lk_bench_stop_sandbox (process, &sandbox);
  return 0;
}
