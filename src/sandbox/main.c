/* main.c: latchkey-sandbox
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib-unix.h>

#include "lk-sandbox.h"

/* Serves a local Identity Security Cloud tenant until killed. What a client
 * needs to connect is printed one per line once the port is open.
 */

static gboolean
on_fault_option (const char  *option_name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  GPtrArray *faults = data;

  g_ptr_array_add (faults, g_strdup (value));
  return TRUE;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
on_request_received_cb (LkSandbox  *sandbox,
                        const char *method,
                        const char *path,
                        gpointer    user_data)
{
  printf ("ARRIVED %s %s\n", method, path);
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionGroup) group = NULL;
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LkSandbox) sandbox = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tls = NULL;
  gboolean log_requests = FALSE;
  gboolean trace_requests = FALSE;
  g_autofree char *now = NULL;
  g_autofree char *token_expires_in = NULL;
  int fault_retry_after = 1;
  int port = 0, seed = 1, tokens = 40, policies = 6, sync_groups = 3, identities = 50, sources = 8;
  int token_ttl = 0, rate_limit = 100, latency = 0, slow_ms = 5000, password_delay = 3000;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free one)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generated tenant data", "N" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now,
      "The tenant's date and time at start, which its data is dated from (default: the machine's clock)",
      "2026-06-15[T09:30:00Z]" },
    { "tokens", 0, 0, G_OPTION_ARG_INT, &tokens, "Personal access tokens to make (40)", "N" },
    { "policies", 0, 0, G_OPTION_ARG_INT, &policies, "Password policies, the default one included (6)", "N" },
    { "sync-groups", 0, 0, G_OPTION_ARG_INT, &sync_groups, "Password sync groups (3)", "N" },
    { "identities", 0, 0, G_OPTION_ARG_INT, &identities, "Identities (50)", "N" },
    { "sources", 0, 0, G_OPTION_ARG_INT, &sources, "Sources (8)", "N" },
    { "token-ttl", 0, 0, G_OPTION_ARG_INT, &token_ttl, "Bearer token lifetime (default: the PAT's)", "SECONDS" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Requests per 10 s per client ID (100, as ISC; 0: none)", "N" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency, "Delay of every answer", "MS" },
    { "slow-ms", 0, 0, G_OPTION_ARG_INT, &slow_ms, "Delay of a 'slow' fault (5000)", "MS" },
    { "password-delay", 0, 0, G_OPTION_ARG_INT, &password_delay, "Time a password change takes (3000)", "MS" },
    { "fault", 0, 0, G_OPTION_ARG_CALLBACK, on_fault_option,
      "Inject faults into that share of requests, or the next COUNT (after SKIP); KIND is 5xx, drop, malformed, slow or 429; "
      "@TARGET (\"POST /v3/set-password\") limits them to one endpoint. Repeatable.",
      "KIND:PERCENT|xCOUNT[+SKIP][@TARGET]" },
    { "fault-retry-after", 0, 0, G_OPTION_ARG_INT, &fault_retry_after,
      "Retry-After of the 429 fault (1)", "SECONDS" },
    { "token-expires-in", 0, 0, G_OPTION_ARG_STRING, &token_expires_in,
      "Say this of every bearer token's lifetime, as JSON, however wrong (\"0\", \"-100\")", "JSON" },
    { "tls", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &tls, "Serve HTTPS: give --tls CERT --tls KEY", "FILE" },
    { "log-requests", 0, 0, G_OPTION_ARG_NONE, &log_requests,
      "On SIGTERM, print \"REQUEST METHOD /path\" for every request that came and \"BEARER TOKEN\" for "
      "every access token given", NULL },
    { "trace-requests", 0, 0, G_OPTION_ARG_NONE, &trace_requests,
      "Print \"ARRIVED METHOD /path\" as each request arrives, before it is answered", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— a local Identity Security Cloud tenant");
  group = g_option_group_new ("sandbox", "Sandbox options", "Sandbox options", faults, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, g_steal_pointer (&group));
  g_option_context_set_summary (context,
                                "Serves the personal access token, password management, password policy and\n"
                                "password sync group endpoints of ISC (/v3, /beta, /v2025) and /oauth/token.");

  /* "--tls CERT KEY" reads better than "--tls CERT --tls KEY": accept both. */
  for (int i = 1; i + 2 < argc; i++)
    if (g_strcmp0 (argv[i], "--tls") == 0 && argv[i + 2][0] != '-')
      {
        char **expanded = g_new0 (char *, argc + 2);
        int n = 0;

        for (int j = 0; j <= i + 1; j++)
          expanded[n++] = argv[j];
        expanded[n++] = (char *) "--tls";
        for (int j = i + 2; j < argc; j++)
          expanded[n++] = argv[j];
        argv = expanded;
        argc = n;
        break;
      }

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("latchkey-sandbox: %s\n", error->message);
      return 2;
    }

  if (port < 0 || port > 65535 || tokens < 0 || policies < 1 || sync_groups < 0 || identities < 2 || sources < 1 ||
      token_ttl < 0 || rate_limit < 0 || latency < 0 || slow_ms < 0 || password_delay < 0 || fault_retry_after < 0)
    {
      g_printerr ("latchkey-sandbox: a number is out of range (see --help)\n");
      return 2;
    }

  if (now != NULL)
    {
      g_autoptr(GDateTime) parsed = lk_sandbox_parse_date (now, &error);

      if (parsed == NULL)
        {
          g_printerr ("latchkey-sandbox: --now: %s\n", error->message);
          return 2;
        }
    }

  sandbox = g_object_new (LK_TYPE_SANDBOX,
                          "now", now,
                          "seed", (guint) seed,
                          "tokens", (guint) tokens,
                          "policies", (guint) policies,
                          "sync-groups", (guint) sync_groups,
                          "identities", (guint) identities,
                          "sources", (guint) sources,
                          "token-ttl", (guint) token_ttl,
                          "rate-limit", (guint) rate_limit,
                          "latency", (guint) latency,
                          "slow-ms", (guint) slow_ms,
                          "password-delay-ms", (guint) password_delay,
                          "fault-retry-after", (guint) fault_retry_after,
                          "token-expires-in", token_expires_in,
                          NULL);

  for (guint i = 0; i < faults->len; i++)
    if (!lk_sandbox_parse_fault (sandbox, g_ptr_array_index (faults, i), &error))
      {
        g_printerr ("latchkey-sandbox: --fault %s\n", error->message);
        return 2;
      }

  if (tls != NULL)
    {
      if (g_strv_length (tls) != 2)
        {
          g_printerr ("latchkey-sandbox: --tls needs a certificate file and a key file\n");
          return 2;
        }
      if (!(certificate = g_tls_certificate_new_from_files (tls[0], tls[1], &error)))
        {
          g_printerr ("latchkey-sandbox: %s\n", error->message);
          return 1;
        }
    }

  if (!lk_sandbox_start (sandbox, (guint16) port, certificate, &error))
    {
      g_printerr ("latchkey-sandbox: %s\n", error->message);
      return 1;
    }

  printf ("LATCHKEY_SANDBOX_URL=%s\n", lk_sandbox_get_url (sandbox));
  printf ("LATCHKEY_SANDBOX_CLIENT_ID=%s\n", lk_sandbox_get_admin_client_id (sandbox));
  printf ("LATCHKEY_SANDBOX_CLIENT_SECRET=%s\n", lk_sandbox_get_admin_client_secret (sandbox));
  printf ("LATCHKEY_SANDBOX_SOURCE=%s\n", lk_sandbox_get_source_name (sandbox));
  printf ("LATCHKEY_SANDBOX_USER=%s\n", lk_sandbox_get_user_name (sandbox));
  fflush (stdout);

  if (trace_requests)
    g_signal_connect (sandbox, "request-received", G_CALLBACK (on_request_received_cb), NULL);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  /* What came in, for tests that count what a client sent. */
  if (log_requests)
    {
      g_auto(GStrv) requests = lk_sandbox_list_requests (sandbox);

      g_auto(GStrv) tokens = lk_sandbox_list_access_tokens (sandbox);

      for (guint i = 0; requests[i] != NULL; i++)
        printf ("REQUEST %s\n", requests[i]);
      for (guint i = 0; tokens[i] != NULL; i++)
        printf ("BEARER %s\n", tokens[i]);
      fflush (stdout);
    }

  return 0;
}
