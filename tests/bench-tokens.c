/* bench-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "lk-bench-util.h"
#include "lk-token-slot-model.h"
#include "lk-tokens-page.h"

/* The Tokens page at tenant scale, measured against what it cannot beat:
 * fetching the same list with curl and parsing it with json-glib alone.
 *
 *   bench-tokens LATCHKEY-SANDBOX [N-TOKENS]
 *
 * Goals (issue 4): list shown in at most 2x the baseline; resident memory
 * at most 150 MB above the empty page; at most 16 ms per search keystroke.
 *
 * It runs as the app does in its Flatpak, whose GLib (2.76 on) has no slice
 * allocator: on Debian 12's GLib 2.74 it restarts itself with
 * G_SLICE=always-malloc, which is what GLib 2.76 always does.
 *
 * The baseline runs in a process of its own, so that it parses into a
 * fresh heap as the page does, not into the memory the page gave back.
 */

#define GOAL_RATIO      2.0
#define GOAL_MEMORY_MB  150.0
#define GOAL_KEYSTROKE  16.0
#define GOAL_SEED_MS    2000.0  /* the sandbox's seeding: tests and benchmarks wait for it */
#define GOAL_FIRST_BYTE 50.0    /* the sandbox streams the list, as a tenant does */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Time in poll() is the main loop waiting, not working: not a stall. */
static GPollFunc real_poll;
static double polled_ms;
static guint frames_painted;

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  double start = now_ms ();
  int result = real_poll (fds, n_fds, timeout);

  polled_ms += now_ms () - start;
  return result;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  frames_painted++;
}

/* Runs the main loop until @done and a frame painted after it; returns
 * the longest the loop was held by one dispatch, or layout and paint.
 */
static double
run_until_painted (gboolean (*done) (gpointer data),
                   gpointer   data)
{
  double deadline = now_ms () + 10000, longest = 0;
  guint painted = frames_painted;

  while (now_ms () < deadline)
    {
      double start = now_ms ();

      polled_ms = 0;
      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, now_ms () - start - polled_ms);

      if (!done (data))
        painted = frames_painted;
      else if (frames_painted > painted)
        break;
    }

  return longest;
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, "VmRSS:")))
    return 0;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

/* curl for the bearer token and the list, json-glib for the parse; and
 * when the list's first byte came (curl's time_starttransfer).
 */
static double
baseline_ms (const LkBenchSandbox *sandbox,
             guint                *n_tokens,
             double               *first_byte_ms)
{
  g_autofree char *form = g_strdup_printf ("grant_type=client_credentials&client_id=%s&client_secret=%s",
                                           sandbox->client_id, sandbox->secret);
  g_autofree char *token_url = g_strconcat (sandbox->url, "/oauth/token", NULL);
  g_autofree char *list_url = g_strconcat (sandbox->url, "/v3/personal-access-tokens", NULL);
  g_autofree char *answer = run ((const char *[]) { "curl", "-s", "-d", form, token_url, NULL });
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *authorization = NULL;
  g_autofree char *body = NULL;
  double start;

  g_assert_true (json_parser_load_from_data (parser, answer, -1, NULL));
  authorization = g_strdup_printf ("Authorization: Bearer %s",
                                   json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                                  "access_token"));

  {
    g_autofree char *seconds = run ((const char *[]) { "curl", "-s", "-o", "/dev/null", "-w",
                                                       "%{time_starttransfer}", "-H", authorization, list_url,
                                                       NULL });

    *first_byte_ms = g_ascii_strtod (seconds, NULL) * 1000;
  }

  start = now_ms ();
  body = run ((const char *[]) { "curl", "-s", "-H", authorization, list_url, NULL });
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  *n_tokens = json_array_get_length (json_node_get_array (json_parser_get_root (parser)));

  return now_ms () - start;
}

static const char *
visible_state (LkTokensPage *page)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (page), LK_TYPE_TOKENS_PAGE, "state_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
list_shown (gpointer data)
{
  return g_strcmp0 (visible_state (data), "list") == 0;
}

static gboolean
rows_settled (gpointer data)
{
  return !lk_token_slot_model_get_pending (LK_TOKEN_SLOT_MODEL (lk_tokens_page_get_model (data)));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* bench-tokens --baseline URL CLIENT-ID SECRET: prints "MS N-TOKENS FIRST-BYTE-MS". */
static int
run_baseline (char *argv[])
{
  LkBenchSandbox sandbox = { argv[2], argv[3], argv[4], 0 };
  guint n_tokens = 0;
  double first_byte_ms = 0;
  double ms = baseline_ms (&sandbox, &n_tokens, &first_byte_ms);

  printf ("%f %u %f\n", ms, n_tokens, first_byte_ms);
  return 0;
}

static double
baseline_in_own_process (const char     *self,
                         LkBenchSandbox *sandbox,
                         guint          *n_tokens,
                         double         *first_byte_ms)
{
  g_autofree char *out = run ((const char *[]) { self, "--baseline", sandbox->url, sandbox->client_id,
                                                  sandbox->secret, NULL });
  g_auto(GStrv) fields = g_strsplit (g_strstrip (out), " ", 3);

  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  *n_tokens = (guint) g_ascii_strtoull (fields[1], NULL, 10);
  *first_byte_ms = g_ascii_strtod (fields[2], NULL);
  return g_ascii_strtod (fields[0], NULL);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const typed[] = { "s", "sd", "sdk", "sdk ", "sdk x", "sdk", "sd", "s", "", "a", "ab", "abb",
                                        "abby", "abby ", "abby s", "", "postman 1",
                                        "postman 12", "postman 123", "postman 1234", "postman 123", "" };
  LkBenchSandbox sandbox = { 0 };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(LkClient) client = NULL;
  GtkWidget *window;
  LkTokensPage *page;
  GObject *search;
  double baseline, first_byte, shown_ms, start, empty_rss, loaded_rss, keystrokes[G_N_ELEMENTS (typed)];
  double worst = 0, worst_settled = 0, median;
  guint n_tokens = 0;
  gboolean ok = TRUE;

  if (argc == 5 && g_str_equal (argv[1], "--baseline"))
    return run_baseline (argv);

  if (argc < 2)
    {
      g_printerr ("usage: bench-tokens LATCHKEY-SANDBOX [N-TOKENS]\n");
      return 2;
    }

  if (glib_check_version (2, 76, 0) != NULL && g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", argv);
      g_error ("Cannot restart the benchmark: %s", g_strerror (errno));
    }

  gtk_init ();
  adw_init ();

  process = lk_bench_start_sandbox ((const char *[]) { argv[1], "--tokens", argc > 2 ? argv[2] : "100000",
                                                       "--rate-limit", "0", "--identities", "2000", NULL }, &sandbox);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  page = lk_tokens_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  empty_rss = rss_mb ();

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);

  client = lk_client_new (sandbox.url, sandbox.client_id, sandbox.secret);

  /* Fetch, parse, sort by last use, show: until the list is painted. */
  start = now_ms ();
  lk_tokens_page_set_client (page, client);
  run_until_painted (list_shown, page);
  shown_ms = now_ms () - start;
  loaded_rss = rss_mb ();

  /* Each keystroke: the time from the text changing to the list filtered. */
  search = gtk_widget_get_template_child (GTK_WIDGET (page), LK_TYPE_TOKENS_PAGE, "search_entry");
  /* BENCH_DETACH_VIEW=1 measures the models alone, without the column view. */
  if (g_getenv ("BENCH_DETACH_VIEW"))
    gtk_column_view_set_model (GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), LK_TYPE_TOKENS_PAGE,
                                                                               "column_view")), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      double stall, settling, settled = now_ms ();

      /* The stall: the longest the main loop is held, by the keystroke
       * itself or by any frame or batch of the filtering that follows it,
       * until every row shows its new token on a painted frame.
       */
      start = now_ms ();
      gtk_editable_set_text (GTK_EDITABLE (search), typed[i]);
      g_signal_emit_by_name (search, "search-changed");
      stall = now_ms () - start;
      settling = run_until_painted (rows_settled, page);
      stall = MAX (stall, settling);
      keystrokes[i] = stall;
      settled = now_ms () - settled;
      printf ("  typed \"%s\": %u rows, longest stall %.1f ms, settled in %.0f ms\n", typed[i],
              g_list_model_get_n_items (G_LIST_MODEL (lk_tokens_page_get_model (page))), stall, settled);
      worst = MAX (worst, keystrokes[i]);
      worst_settled = MAX (worst_settled, settled);
    }
  qsort (keystrokes, G_N_ELEMENTS (typed), sizeof (double), compare_doubles);

  /* Best of two, each in a fresh process. */
  baseline = baseline_in_own_process (argv[0], &sandbox, &n_tokens, &first_byte);
  {
    double second_first_byte;

    baseline = MIN (baseline, baseline_in_own_process (argv[0], &sandbox, &n_tokens, &second_first_byte));
    first_byte = MIN (first_byte, second_first_byte);
  }
  median = keystrokes[G_N_ELEMENTS (typed) / 2];

  printf ("tokens:                        %u\n", n_tokens);
  printf ("sandbox seeded and listening:  %.0f ms (goal <= %.0f) %s\n", sandbox.ready_ms, GOAL_SEED_MS,
          sandbox.ready_ms <= GOAL_SEED_MS ? "met" : "NOT MET");
  printf ("sandbox's first byte (curl):   %.1f ms (goal <= %.0f) %s\n", first_byte, GOAL_FIRST_BYTE,
          first_byte <= GOAL_FIRST_BYTE ? "met" : "NOT MET");
  printf ("curl + json-glib (baseline):   %.0f ms\n", baseline);
  printf ("fetch, parse, sort and show:   %.0f ms\n", shown_ms);
  printf ("ratio:                         %.2f (goal <= %.1f) %s\n", shown_ms / baseline, GOAL_RATIO,
          shown_ms / baseline <= GOAL_RATIO ? "met" : "NOT MET");
  printf ("resident memory, empty page:   %.0f MB\n", empty_rss);
  printf ("resident memory, list shown:   %.0f MB\n", loaded_rss);
  printf ("memory delta:                  %.0f MB (goal <= %.0f) %s\n", loaded_rss - empty_rss, GOAL_MEMORY_MB,
          loaded_rss - empty_rss <= GOAL_MEMORY_MB ? "met" : "NOT MET");
  printf ("search keystroke, median:      %.1f ms (the longest main-loop stall it causes)\n", median);
  printf ("search keystroke, worst:       %.1f ms (goal <= %.0f) %s\n", worst, GOAL_KEYSTROKE,
          worst <= GOAL_KEYSTROKE ? "met" : "NOT MET");
  printf ("search, until fully filtered:  %.0f ms at worst\n", worst_settled);

  ok = shown_ms / baseline <= GOAL_RATIO && loaded_rss - empty_rss <= GOAL_MEMORY_MB && worst <= GOAL_KEYSTROKE;

  gtk_window_destroy (GTK_WINDOW (window));
  lk_bench_stop_sandbox (process, &sandbox);

  /* Figures are for reading; the goals met or not are said above. */
  (void) ok;
  return 0;
}
