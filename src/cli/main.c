/* main.c: latchkey-cli
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "lk-cli.h"

/* A small command-line front over the same API layer as the app, for
 * scripts. Secrets come from standard input or a prompt, never from the
 * command line, where other users and shell histories would see them.
 * Each group of commands has its file; the exit statuses are in lk-cli.h.
 */

static LkCliCommandFunc
find_command (const char *group,
              const char *verb)
{
  const LkCliCommand *groups[] = {
    lk_cli_tenant_commands,
    lk_cli_token_commands,
    lk_cli_password_commands,
    lk_cli_directory_commands,
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const LkCliCommand *command = groups[g]; command->group != NULL; command++)
      if (g_str_equal (group, command->group) && g_str_equal (verb, command->verb))
        return command->func;

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LkCli cli = { 0 };
  GOptionEntry entries[] = {
    { "tenant", 't', 0, G_OPTION_ARG_STRING, &cli.tenant, N_("The tenant to use, by its name"), "NAME" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &cli.base_url,
      N_("A tenant not saved, with SAIL_CLIENT_ID and SAIL_CLIENT_SECRET"), "URL" },
    { "api-version", 0, 0, G_OPTION_ARG_STRING, &cli.api_version, N_("v3 (the default), beta, v2025…"), "V" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli.json, N_("Print JSON"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &cli.timeout_s,
      N_("The longest one request may take, retries and waits included (300)"), "SECONDS" },
    { NULL }
  };
  LkCliCommandFunc func = NULL;
  int status;

  /* Standard output is for results, JSON that scripts parse: debug messages go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_set_print_handler (lk_cli_print_shown);
  g_set_printerr_handler (lk_cli_printerr_shown);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND — ISC tenants from the command line"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Global options anywhere; the rest is the command's to parse. */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_description (context,
                                    _("Commands:\n"
                                      "  tenants list\n"
                                      "  tenants add NAME URL CLIENT-ID   the secret comes from standard input\n"
                                      "  tenants remove NAME\n"
                                      "  tenants rotate NAME [--undo]     the connection's own token\n"
                                      "  tokens list [--owner NAME|ID|me] [--unused-since DATE | --never-used]\n"
                                      "  tokens create NAME [--scope S]… [--validity SECONDS] [--expires DATE]\n"
                                      "  tokens rename ID NAME\n"
                                      "  tokens scope ID SCOPE…           “all” for all of the owner’s rights\n"
                                      "  tokens revoke ID…\n"
                                      "  tokens rotate ID [--connection]  a successor; the old one stays\n"
                                      "  policies list\n"
                                      "  policies get ID                  prints the policy as JSON\n"
                                      "  policies create [FILE]           JSON from FILE or standard input\n"
                                      "  policies update ID [FILE] [--force]\n"
                                      "                                   the whole policy, as “get” prints it\n"
                                      "  policies delete ID…\n"
                                      "  policies history ID              the versions saves replaced\n"
                                      "  policies restore ID VERSION\n"
                                      "  policies diff ID-A ID-B [--other-tenant NAME]\n"
                                      "  policies copy ID --to TENANT [--apply DIGEST]\n"
                                      "  sync-groups list\n"
                                      "  sync-groups get ID               prints the group as JSON\n"
                                      "  sync-groups create [FILE]        JSON from FILE or standard input\n"
                                      "  sync-groups update ID [FILE] [--force]\n"
                                      "                                   the whole group, as “get” prints it\n"
                                      "  sync-groups delete ID…\n"
                                      "  sync-groups history ID | restore ID VERSION | diff ID-A ID-B\n"
                                      "  sync-groups copy ID --to TENANT [--apply DIGEST]\n"
                                      "  sources list [--name PREFIX]\n"
                                      "  identities search TEXT           by name, user name or email\n"
                                      "  password info SOURCE USER        the identity’s accounts and the rules\n"
                                      "  password set SOURCE USER [--account ID] [--no-wait]\n"
                                      "                                   the password comes from standard input\n"
                                      "  password status REQUEST-ID [--wait]\n"
                                      "  password encrypt --key BASE64 | --key-file FILE\n"
                                      "                                   what /set-password takes, no tenant needed\n"));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);

  if (cli.tenant != NULL && cli.base_url != NULL)
    return lk_cli_usage (_("--tenant and --base-url exclude each other"));

  if (cli.timeout_s < 0 || cli.timeout_s > 24 * 3600)
    return lk_cli_usage (_("--timeout takes a number of seconds, at most a day"));

  if (argc < 3)
    return lk_cli_usage (_("Name a command"));

  func = find_command (argv[1], argv[2]);
  cli.session = lk_session_new (NULL, NULL);
  if (func != NULL)
    status = func (&cli, argc - 3, argv + 3);
  else
    status = lk_cli_run_resource_command (&cli, argv[1], argv[2], argc - 3, argv + 3);
  if (status < 0)
    status = lk_cli_usage (_("“%s %s” is not a command"), argv[1], argv[2]);
  g_clear_object (&cli.session);
  /* dconf writes asynchronously: without this, a change made just before exit is lost. */
  g_settings_sync ();

  g_free (cli.tenant);
  g_free (cli.base_url);
  g_free (cli.api_version);

  return status;
}

