/* lk-cli.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "lk-cli.h"
#include "lk-limits.h"

/* What every command of latchkey-cli shares: how it reaches a tenant,
 * waits for an answer, reads a secret, and says what happened.
 */

/* Text in a terminal is shown, never obeyed: names and messages come
 * from the tenant, and an escape sequence in one could retitle the window
 * or clear the screen. Every control character is written as \xNN, and a
 * line longer than LK_LIMIT_SHOWN_TEXT_CHARS is cut with a marker. JSON
 * (print_json()) goes out exactly as it is: it escapes its own.
 */
/* The next character, or the next byte where the text is not UTF-8. */
static const char *
next_char (const char *p,
           gunichar   *c)
{
  *c = g_utf8_get_char_validated (p, -1);
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    return p + 1;
  return g_utf8_next_char (p);
}

static char *
make_shown (const char *text)
{
  GString *shown = g_string_sized_new (strlen (text));
  guint line_chars = 0;
  gunichar c;

  for (const char *p = text, *next; *p != '\0'; p = next)
    {
      next = next_char (p, &c);

      if (c == '\n')
        line_chars = 0;
      else if (++line_chars > LK_LIMIT_SHOWN_TEXT_CHARS)
        {
          guint more = 0;

          for (; *next != '\0' && *next != '\n'; next = next_char (next, &c))
            more++;
          g_string_append_printf (shown, _("… (%u more characters)"), more + 1);
          continue;
        }

      if (c == (gunichar) -1 || c == (gunichar) -2)
        g_string_append_printf (shown, "\\x%02X", (guchar) *p);
      else if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0))
        g_string_append_printf (shown, c < 0x80 ? "\\x%02X" : "\\u%04X", c);
      else
        g_string_append_len (shown, p, next - p);
    }

  return g_string_free (shown, FALSE);
}

void
lk_cli_print_shown (const char *text)
{
  g_autofree char *shown = make_shown (text);

  fputs (shown, stdout);
}

void
lk_cli_printerr_shown (const char *text)
{
  g_autofree char *shown = make_shown (text);

  fputs (shown, stderr);
}

static void
print_error (const char *hint,
             const char *format,
             va_list     args) G_GNUC_PRINTF (2, 0);

static void
print_error (const char *hint,
             const char *format,
             va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_printerr ("latchkey-cli: %s\n%s", message, hint ? hint : "");
}

/* A failure: the tenant's or the keyring's message. */
int
lk_cli_fail (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  print_error (NULL, format, args);
  va_end (args);

  return LK_CLI_EXIT_FAILED;
}

/* A mistake in the command line. */
int
lk_cli_usage (const char *format,
              ...)
{
  g_autofree char *hint = g_strdup_printf ("%s\n", _("Try “latchkey-cli --help”."));
  va_list args;

  va_start (args, format);
  print_error (hint, format, args);
  va_end (args);

  return LK_CLI_EXIT_USAGE;
}

void
lk_cli_store_result_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
lk_cli_wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

void
lk_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  /* Not through g_print(): JSON is printed exactly, and escapes its own. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* Every item of a list, as the tenant sent it, in one JSON array. */
void
lk_cli_print_items_json (const LkResourceKind *kind,
                         GListModel           *items)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      json_array_add_object_element (array, kind->to_json (item));
    }
  json_node_set_array (root, array);
  lk_cli_print_json (root);
}

/* A secret from standard input, or typed at a prompt that does not echo. */
char *
lk_cli_read_secret (const char *prompt)
{
  g_autoptr(GString) secret = g_string_new (NULL);
  struct termios saved, quiet;
  gboolean terminal = isatty (STDIN_FILENO);
  int c;

  if (terminal)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (secret, (char) c);

  if (terminal)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }

  if (secret->len > 0 && secret->str[secret->len - 1] == '\r')
    g_string_truncate (secret, secret->len - 1);

  {
    char *copy = g_strdup (secret->str);

    explicit_bzero (secret->str, secret->len);
    return copy;
  }
}


/* A wait nobody is told of looks like a hang. */
static void
on_rate_limited_cb (LkClient *client,
                    guint     seconds,
                    gpointer  user_data)
{
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "latchkey-cli: the tenant asks to wait (rate limit): trying again in %u second…\n",
                           "latchkey-cli: the tenant asks to wait (rate limit): trying again in %u seconds…\n", seconds),
              seconds);
}

static void
on_paced_cb (LkClient *client,
             guint     seconds,
             gpointer  user_data)
{
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "latchkey-cli: keeping to the tenant’s rate limit (100 requests in 10 seconds): going on in %u second…\n",
                           "latchkey-cli: keeping to the tenant’s rate limit (100 requests in 10 seconds): going on in %u seconds…\n",
                           seconds), seconds);
}

/* Which tenant a command talks to: --tenant, --base-url with the SAIL_*
 * variables, the current tenant, or the SAIL_* variables alone.
 */
LkClient *
lk_cli_connect (LkCli   *cli,
                GError **error)
{
  LkTenantList *tenants = lk_session_get_tenants (cli->session);
  LkTenant *tenant = NULL;
  g_autofree char *base_url = NULL;
  LkClient *client;

  if (cli->tenant != NULL && !(tenant = lk_tenant_list_find (tenants, cli->tenant)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no tenant called “%s”"), cli->tenant);
      return NULL;
    }

  if (tenant == NULL && cli->base_url == NULL && g_getenv ("SAIL_BASE_URL") == NULL)
    tenant = lk_tenant_list_get_current (tenants);

  if (tenant != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;
      char *secret;

      lk_secret_store_lookup_async (lk_session_get_secrets (cli->session), lk_tenant_get_base_url (tenant),
                                    lk_tenant_get_client_id (tenant), NULL, lk_cli_store_result_cb, &result);
      secret = lk_secret_store_lookup_finish (lk_session_get_secrets (cli->session), lk_cli_wait_for (&result), error);
      if (secret == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("The keyring has no secret for the tenant “%s”"), lk_tenant_get_name (tenant));
          return NULL;
        }

      client = lk_session_create_client (cli->session, lk_tenant_get_base_url (tenant),
                                         lk_tenant_get_client_id (tenant), secret);
      lk_secret_free (secret);
    }
  else
    {
      const char *url = cli->base_url ? cli->base_url : g_getenv ("SAIL_BASE_URL");
      const char *client_id = g_getenv ("SAIL_CLIENT_ID");
      const char *secret = g_getenv ("SAIL_CLIENT_SECRET");

      if (url == NULL || client_id == NULL || secret == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No tenant: add one with “tenants add”, name one with --tenant, "
                                 "or set SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET"));
          return NULL;
        }

      if (!(base_url = lk_tenant_normalize_base_url (url, error)))
        return NULL;

      client = lk_session_create_client (cli->session, base_url, client_id, secret);
    }

  if (cli->api_version != NULL)
    lk_client_set_api_version (client, cli->api_version);
  if (cli->timeout_s > 0)
    lk_client_set_request_timeout (client, (guint) cli->timeout_s * 1000);
  g_signal_connect (client, "rate-limited", G_CALLBACK (on_rate_limited_cb), NULL);
  g_signal_connect (client, "paced", G_CALLBACK (on_paced_cb), NULL);

  return client;
}

char *
lk_cli_format_date (GDateTime  *date,
                    const char *none)
{
  return date ? g_date_time_format (date, "%Y-%m-%d") : g_strdup (none);
}

/* Options of one command, parsed after the command's words. */
gboolean
lk_cli_parse_options (const char    *command,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv,
                      GError       **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (command);
  char **args = g_new0 (char *, *argc + 2);
  int n_args = *argc + 1;
  gboolean ok;

  args[0] = (char *) command;
  memcpy (args + 1, *argv, *argc * sizeof (char *));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  ok = g_option_context_parse (context, &n_args, &args, error);

  /* What is left: the command's arguments, without the program name. */
  *argc = n_args - 1;
  memmove (*argv, args + 1, *argc * sizeof (char *));
  g_free (args);

  return ok;
}


/* Removes each ID in turn; each failure is reported and the rest still go. */
int
lk_cli_remove_each (LkCli                *cli,
                    const LkResourceKind *kind,
                    int                   argc,
                    char                **argv,
                    const char           *usage_text)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (argc < 1)
    return lk_cli_usage ("%s", usage_text);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) remove_error = NULL;

      lk_client_delete_resource_async (client, kind, argv[i], NULL, lk_cli_store_result_cb, &result);
      if (!lk_client_request_finish (client, lk_cli_wait_for (&result), NULL, &remove_error))
        status = lk_cli_fail ("%s: %s", argv[i], remove_error->message);
    }

  return status;
}
