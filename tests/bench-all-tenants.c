/* bench-all-tenants.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "lk-all-tokens.h"
#include "lk-bench-util.h"
#include "lk-json.h"
#include "lk-token-list-model.h"

/* The tokens of many tenants in one list, against each tenant alone.
 *
 *   bench-all-tenants LATCHKEY-SANDBOX [N-TENANTS] [N-TOKENS] [LATENCY-MS,…]
 *
 * Each tenant is a sandbox process of its own (20 of 2,000 tokens by
 * default), each answer LATENCY-MS late (50 and 200 by default: a near
 * tenant, and one as far as ISC's answers usually are). Measured from
 * nothing (a new session: keyring lookups, bearer tokens) to the sorted
 * list the Tokens page shows. The sandboxes share this machine's CPUs with
 * the client, which real tenants do not. It runs with the allocator of the
 * app's Flatpak: lk_bench_use_flatpak_allocator().
 * Goal (issue 20): every tenant at once within 1.5 × the slowest tenant alone.
 */

#define GOAL_RATIO 1.5
#define ROUNDS     5

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Settings of their own, in memory, holding the tenants given. */
static GSettings *
settings_with_tenants (LkBenchSandbox *sandboxes,
                       guint           first,
                       guint           n)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  GSettings *settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(LkSession) session = lk_session_new (settings, NULL);

  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Tenant %u", i + 1);

      lk_session_save_tenant_async (session, NULL, name, sandboxes[i].url, sandboxes[i].client_id,
                                    sandboxes[i].secret, NULL, store_result_cb, &result);
      wait_for (&result);
      lk_session_save_tenant_finish (session, result, &error);
      g_assert_no_error (error);
    }

  return settings;
}

/* From a new session to the sorted list; returns the milliseconds. */
static double
list_ms (GSettings *settings,
         guint     *n_tokens)
{
  g_autoptr(LkSession) session = lk_session_new (settings, NULL);
  g_autoptr(LkAllTokens) all = lk_all_tokens_new (session);
  g_autoptr(LkTokenListModel) model = lk_token_list_model_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) tokens = NULL;
  GListModel *loads = lk_all_tokens_get_loads (all);
  double start = lk_bench_now_ms ();

  lk_all_tokens_load_async (all, NULL, NULL, NULL, store_result_cb, &result);
  wait_for (&result);
  g_assert_true (lk_all_tokens_load_finish (all, result, NULL));
  tokens = lk_all_tokens_get_tokens (all);
  /* As the Tokens page opens: most recently used first. */
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_LAST_USED, TRUE);
  lk_token_list_model_set_tokens (model, tokens);
  *n_tokens = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < g_list_model_get_n_items (loads); i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);

      g_assert_cmpint (lk_tenant_load_get_state (load), ==, LK_TENANT_LOAD_DONE);
    }

  return lk_bench_now_ms () - start;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* One latency: every figure, with its own sandboxes. */
static void
bench_latency (const char *sandbox_path,
               guint       n_tenants,
               const char *n_tokens_arg,
               const char *latency)
{
  g_autofree LkBenchSandbox *sandboxes = g_new0 (LkBenchSandbox, n_tenants);
  g_autofree GSubprocess **processes = g_new0 (GSubprocess *, n_tenants);
  g_autofree GSettings **alone = g_new0 (GSettings *, n_tenants);
  g_autoptr(GSettings) together = NULL;
  double slowest[ROUNDS], all[ROUNDS], ratios[ROUNDS];
  double slowest_min = G_MAXDOUBLE, slowest_max = 0, all_min = G_MAXDOUBLE, all_max = 0;
  guint n_all = 0;

  for (guint i = 0; i < n_tenants; i++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", i + 1);

      processes[i] = lk_bench_start_sandbox ((const char *[]) { sandbox_path, "--tokens", n_tokens_arg, "--seed",
                                                                seed, "--latency", latency, NULL }, &sandboxes[i]);
    }
  for (guint i = 0; i < n_tenants; i++)
    alone[i] = settings_with_tenants (sandboxes, i, 1);
  together = settings_with_tenants (sandboxes, 0, n_tenants);

  /* Each round: every tenant alone (the slowest counts), then all at once. */
  for (guint round = 0; round < ROUNDS; round++)
    {
      slowest[round] = 0;
      for (guint i = 0; i < n_tenants; i++)
        {
          guint n_one = 0;

          slowest[round] = MAX (slowest[round], list_ms (alone[i], &n_one));
        }
      all[round] = list_ms (together, &n_all);
      ratios[round] = all[round] / slowest[round];
      slowest_min = MIN (slowest_min, slowest[round]);
      slowest_max = MAX (slowest_max, slowest[round]);
      all_min = MIN (all_min, all[round]);
      all_max = MAX (all_max, all[round]);
    }

  printf ("tenants:                       %u of %s tokens (%u in all)\n", n_tenants, n_tokens_arg, n_all);
  printf ("latency of every answer:       %s ms\n", latency);
  printf ("slowest tenant alone:          %.0f ms (median of %d, %.0f–%.0f)\n", median (slowest, ROUNDS), ROUNDS,
          slowest_min, slowest_max);
  printf ("every tenant at once:          %.0f ms (median of %d, %.0f–%.0f)\n", median (all, ROUNDS), ROUNDS,
          all_min, all_max);
  printf ("ratio:                         %.2f (goal <= %.1f) %s\n\n", median (ratios, ROUNDS), GOAL_RATIO,
          median (ratios, ROUNDS) <= GOAL_RATIO ? "met" : "NOT MET");

  for (guint i = 0; i < n_tenants; i++)
    {
      g_clear_object (&alone[i]);
      lk_bench_stop_sandbox (processes[i], &sandboxes[i]);
      g_clear_object (&processes[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint64 n_tenants = 20;
  const char *n_tokens_arg = argc > 3 ? argv[3] : "2000";
  g_auto(GStrv) latencies = g_strsplit (argc > 4 ? argv[4] : "50,200", ",", -1);

  if (argc < 2 || (argc > 2 && !lk_parse_unsigned (argv[2], 1, 100, &n_tenants)))
    {
      g_printerr ("usage: bench-all-tenants LATCHKEY-SANDBOX [N-TENANTS] [N-TOKENS] [LATENCY-MS,…]\n");
      return 2;
    }
  lk_bench_use_flatpak_allocator (argv);

  for (guint i = 0; latencies[i] != NULL; i++)
    bench_latency (argv[1], (guint) n_tenants, n_tokens_arg, latencies[i]);

  return 0;
}
