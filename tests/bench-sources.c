/* bench-sources.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-bench-util.h"
#include "lk-directory.h"
#include "lk-sandbox.h"

/* A tenant of 5,000 sources (argv[1]): how long the directory takes to
 * load them, and what one keystroke in a source picker costs, typing
 * "Payroll 4" a character at a time, worst of each over the runs. The
 * picker filters in the main loop, so a keystroke must stay well inside a
 * frame (16 ms).
 */

#define RUNS 20

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  guint n_sources = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5000;
  static const char typed[] = "Payroll 4";
  g_autoptr(LkSandbox) sandbox = NULL;
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  LkDirectory *directory;
  double start, load_ms, worst_ms = 0, total_ms = 0;
  guint keystrokes = 0;

  sandbox = g_object_new (LK_TYPE_SANDBOX, "rate-limit", 0, "sources", n_sources, NULL);
  if (!lk_sandbox_start (sandbox, 0, NULL, &error))
    g_error ("%s", error->message);
  client = lk_client_new (lk_sandbox_get_url (sandbox), lk_sandbox_get_admin_client_id (sandbox),
                          lk_sandbox_get_admin_client_secret (sandbox));
  directory = lk_directory_get_for_client (client);

  start = lk_bench_now_ms ();
  lk_directory_load_sources_async (directory, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!(sources = lk_directory_load_sources_finish (directory, result, &error)))
    g_error ("%s", error->message);
  load_ms = lk_bench_now_ms () - start;

  for (guint run = 0; run < RUNS; run++)
    for (gsize length = 1; length <= strlen (typed); length++)
      {
        g_autofree char *prefix = g_strndup (typed, length);
        g_autoptr(GPtrArray) matches = NULL;
        double keystroke_ms;

        start = lk_bench_now_ms ();
        matches = lk_directory_find_sources (directory, prefix, 8);
        keystroke_ms = lk_bench_now_ms () - start;
        worst_ms = MAX (worst_ms, keystroke_ms);
        total_ms += keystroke_ms;
        keystrokes++;
      }

  g_print ("sources: %u loaded in %.0f ms (%u requests)\n", g_list_model_get_n_items (sources), load_ms,
           lk_sandbox_count_requests (sandbox, "GET", "/v3/sources"));
  g_print ("picker keystroke over %u sources: mean %.2f ms, worst %.2f ms (goal: worst < 16 ms, one frame) %s\n",
           n_sources, total_ms / keystrokes, worst_ms, worst_ms < 16 ? "MET" : "NOT MET");

  return 0;
}
