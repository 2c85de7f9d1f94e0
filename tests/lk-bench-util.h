/* lk-bench-util.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A latchkey-sandbox process the benchmarks talk to, as the app would (and
 * a test whose sandbox must outlive a process it kills).
 */
typedef struct {
  char   *url;
  char   *client_id;
  char   *secret;
  double  ready_ms;   /* from the spawn to its last line: the seeding of its data */
} LkBenchSandbox;

static inline double
lk_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The app runs in its Flatpak, whose GLib (2.76 on) has no slice allocator;
 * on Debian 12's GLib 2.74 a benchmark restarts itself with
 * G_SLICE=always-malloc, which is what GLib 2.76 always does. Its sandboxes
 * inherit it. Called first in main(): GLib reads G_SLICE before main() runs.
 */
static inline void
lk_bench_use_flatpak_allocator (char *argv[])
{
  if (glib_check_version (2, 76, 0) == NULL || g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") == 0)
    return;

  g_setenv ("G_SLICE", "always-malloc", TRUE);
  execv ("/proc/self/exe", argv);
  g_error ("Cannot restart the benchmark: %s", g_strerror (errno));
}

/* A benchmark that fails must not leave its sandbox behind: it would hold
 * the output that meson test reads, and meson would wait for its timeout.
 */
static inline void
lk_bench_end_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts @argv (the sandbox and its options) and reads where it listens. */
static inline GSubprocess *
lk_bench_start_sandbox (const char * const *argv,
                        LkBenchSandbox     *sandbox)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  GSubprocess *process;
  g_autoptr(GDataInputStream) lines = NULL;
  double spawned = lk_bench_now_ms ();

  g_subprocess_launcher_set_child_setup (launcher, lk_bench_end_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "LATCHKEY_SANDBOX_URL="))
        sandbox->url = g_strdup (strchr (line, '=') + 1);
      else if (g_str_has_prefix (line, "LATCHKEY_SANDBOX_CLIENT_ID="))
        sandbox->client_id = g_strdup (strchr (line, '=') + 1);
      else if (g_str_has_prefix (line, "LATCHKEY_SANDBOX_CLIENT_SECRET="))
        sandbox->secret = g_strdup (strchr (line, '=') + 1);
    }
  sandbox->ready_ms = lk_bench_now_ms () - spawned;

  return process;
}

static inline void
lk_bench_stop_sandbox (GSubprocess    *process,
                       LkBenchSandbox *sandbox)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_clear_pointer (&sandbox->url, g_free);
  g_clear_pointer (&sandbox->client_id, g_free);
  g_clear_pointer (&sandbox->secret, g_free);
}

G_END_DECLS
