/* main.c: latchkey-cli
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "lk-client-passwords.h"
#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-password-crypt.h"
#include "lk-password-rules.h"
#include "lk-error.h"
#include "lk-files.h"
#include "lk-json.h"
#include "lk-limits.h"
#include "lk-session.h"
#include "lk-token.h"

/* A small command-line front over the same API layer as the app, for
 * scripts. Secrets come from standard input or a prompt, never from the
 * command line, where other users and shell histories would see them.
 * Exit status: 0 done, 1 failed (the server's message on stderr), 2 usage,
 * 4 not saved because someone changed it on the tenant since it was read.
 */

#define EXIT_FAILED  1
#define EXIT_USAGE   2
#define EXIT_CHANGED 4

typedef struct {
  char      *tenant;
  char      *base_url;
  char      *api_version;
  int        timeout_s;
  gboolean   json;
  LkSession *session;
} Cli;

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

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

static void
print_shown (const char *text)
{
  g_autofree char *shown = make_shown (text);

  fputs (shown, stdout);
}

static void
printerr_shown (const char *text)
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
static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  print_error (NULL, format, args);
  va_end (args);

  return EXIT_FAILED;
}

/* A mistake in the command line. */
static int
usage (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static int
usage (const char *format,
       ...)
{
  g_autofree char *hint = g_strdup_printf ("%s\n", _("Try “latchkey-cli --help”."));
  va_list args;

  va_start (args, format);
  print_error (hint, format, args);
  va_end (args);

  return EXIT_USAGE;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
print_json (JsonNode *node)
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

/* A secret from standard input, or typed at a prompt that does not echo. */
static char *
read_secret (const char *prompt)
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

/* tenants */

static int
tenants_list (Cli   *cli,
              int    argc,
              char **argv)
{
  LkTenantList *tenants = lk_session_get_tenants (cli->session);
  LkTenant *current = lk_tenant_list_get_current (tenants);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (tenants));

  if (argc != 0)
    return usage (_("“tenants list” takes no arguments"));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (tenants), i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, lk_tenant_get_name (tenant));
          json_builder_set_member_name (builder, "baseUrl");
          json_builder_add_string_value (builder, lk_tenant_get_base_url (tenant));
          json_builder_set_member_name (builder, "clientId");
          json_builder_add_string_value (builder, lk_tenant_get_client_id (tenant));
          json_builder_set_member_name (builder, "current");
          json_builder_add_boolean_value (builder, tenant == current);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return 0;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (tenants), i);

      g_print ("%s %-24s %-44s %s\n", tenant == current ? "*" : " ", lk_tenant_get_name (tenant),
               lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant));
    }

  return 0;
}

static int
tenants_add (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  gboolean saved;

  if (argc != 3)
    return usage (_("Usage: latchkey-cli tenants add NAME URL CLIENT-ID (the secret is read from standard input)"));

  secret = read_secret (_("Client secret: "));
  lk_session_save_tenant_async (cli->session, NULL, argv[0], argv[1], argv[2], secret, NULL,
                                store_result_cb, &result);
  lk_secret_free (secret);
  saved = lk_session_save_tenant_finish (cli->session, wait_for (&result), &error);

  if (!saved)
    return fail ("%s", error->message);

  if (!lk_secret_store_get_persistent (lk_session_get_secrets (cli->session)))
    return fail (_("No keyring answered: the tenant is saved without its secret, which Latchkey will ask for"));

  return 0;
}

static int
tenants_remove (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return usage (_("Usage: latchkey-cli tenants remove NAME"));

  lk_session_remove_tenant_async (cli->session, argv[0], NULL, store_result_cb, &result);
  if (!lk_session_remove_tenant_finish (cli->session, wait_for (&result), &error))
    return fail ("%s", error->message);

  return 0;
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

/* Which tenant a command talks to: --tenant, --base-url with the SAIL_*
 * variables, the current tenant, or the SAIL_* variables alone.
 */
static LkClient *
connect_client (Cli     *cli,
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
                                    lk_tenant_get_client_id (tenant), NULL, store_result_cb, &result);
      secret = lk_secret_store_lookup_finish (lk_session_get_secrets (cli->session), wait_for (&result), error);
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

  return client;
}

static char *
format_date (GDateTime  *date,
             const char *none)
{
  return date ? g_date_time_format (date, "%Y-%m-%d") : g_strdup (none);
}

/* Options of one command, parsed after the command's words. */
static gboolean
parse_command_options (const char    *command,
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

/* tokens */

static int
tokens_list (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *unused_since = NULL;
  g_autofree char *filters = NULL;
  gboolean never_used = FALSE;
  GOptionEntry entries[] = {
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Tokens of this identity ID, or “me”; all by default"), "ID" },
    { "unused-since", 0, 0, G_OPTION_ARG_STRING, &unused_since, N_("Not used since this date (YYYY-MM-DD)"), "DATE" },
    { "never-used", 0, 0, G_OPTION_ARG_NONE, &never_used, N_("Never used"), NULL },
    { NULL }
  };
  if (!parse_command_options ("tokens list", entries, &argc, &argv, &error))
    return usage ("%s", error->message);

  if (argc > 0)
    return usage (_("“tokens list” takes options only"));

  if (never_used && unused_since != NULL)
    return usage (_("--never-used and --unused-since exclude each other"));

  if (never_used)
    filters = lk_token_use_filter (LK_TOKEN_USE_NEVER, NULL);
  else if (unused_since != NULL)
    {
      g_autofree char *text = strlen (unused_since) == 10 ? g_strconcat (unused_since, "T00:00:00Z", NULL)
                                                          : g_strdup (unused_since);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (text, utc);

      if (date == NULL)
        return usage (_("“%s” is not a date such as 2026-01-31"), unused_since);
      filters = lk_token_use_filter (LK_TOKEN_USE_NOT_SINCE, date);
    }

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  lk_client_list_tokens_async (client, owner, filters, NULL, store_result_cb, &result);
  if (!(tokens = lk_client_list_tokens_finish (client, wait_for (&result), &error)))
    return fail ("%s", error->message);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
        {
          g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

          json_array_add_object_element (array, lk_token_to_json (token));
        }
      json_node_set_array (root, array);
      print_json (root);
      return 0;
    }

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);
      g_autofree char *last_used = format_date (lk_token_get_last_used (token), _("never"));
      g_autofree char *expires = format_date (lk_token_get_expiration_date (token), "-");
      g_autofree char *scopes = g_strjoinv (",", (char **) lk_token_get_scopes (token));

      g_print ("%s  %-28s %-22s %-10s %-10s %s%s\n", lk_token_get_id (token), lk_token_get_name (token),
               lk_owner_get_name (lk_token_get_owner (token)), last_used, expires, scopes,
               lk_token_get_managed (token) ? _(" (managed)") : "");
    }

  return 0;
}

static void
print_token (Cli        *cli,
             LkToken    *token,
             const char *secret)
{
  if (cli->json)
    {
      g_autoptr(JsonObject) object = lk_token_to_json (token);
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

      if (secret != NULL)
        json_object_set_string_member (object, "secret", secret);
      json_node_set_object (root, object);
      print_json (root);
      return;
    }

  g_print ("%s: %s\n", _("Name"), lk_token_get_name (token));
  g_print ("%s: %s\n", _("Client ID"), lk_token_get_id (token));
  if (secret != NULL)
    g_print ("%s: %s\n", _("Secret"), secret);
}

static int
tokens_create (Cli   *cli,
               int    argc,
               char **argv)
{
  g_auto(GStrv) scopes = NULL;
  g_autofree char *expires = NULL;
  int validity = 0;
  GOptionEntry entries[] = {
    { "scope", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scopes, N_("A scope; repeat for more (all of yours by default)"), "SCOPE" },
    { "validity", 0, 0, G_OPTION_ARG_INT, &validity, N_("Bearer token lifetime, 15 to 43200 seconds"), "SECONDS" },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires, N_("Expiry date, at most six months ahead (YYYY-MM-DD)"), "DATE" },
    { NULL }
  };
  g_autoptr(GDateTime) expiration = NULL;
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkToken) token = NULL;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;
  int status;

  if (!parse_command_options ("tokens create NAME", entries, &argc, &argv, &error))
    return usage ("%s", error->message);
  if (argc != 1)
    return usage (_("Usage: latchkey-cli tokens create NAME [--scope S]… [--validity SECONDS] [--expires DATE]"));
  if (validity != 0 && (validity < 15 || validity > 43200))
    return usage (_("--validity takes 15 to 43200 seconds"));
  if (expires != NULL)
    {
      g_autofree char *text = g_strconcat (expires, "T12:00:00Z", NULL);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      if (!(expiration = g_date_time_new_from_iso8601 (text, utc)))
        return usage (_("“%s” is not a date such as 2026-01-31"), expires);
    }

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  lk_client_create_token_async (client, argv[0], (const char * const *) scopes, validity, expiration, NULL,
                                store_result_cb, &result);
  if (!(token = lk_client_create_token_finish (client, wait_for (&result), &secret, &error)))
    return fail ("%s", error->message);

  /* The one time the secret is there to print. */
  print_token (cli, token, secret);
  status = 0;
  lk_secret_free (secret);

  return status;
}

static int
update_token (Cli                *cli,
              const char         *id,
              const char         *name,
              const char * const *scopes)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  lk_client_update_token_async (client, id, name, scopes, NULL, store_result_cb, &result);
  if (!(token = lk_client_update_token_finish (client, wait_for (&result), &error)))
    return fail ("%s", error->message);

  print_token (cli, token, NULL);
  return 0;
}

static int
tokens_rename (Cli   *cli,
               int    argc,
               char **argv)
{
  if (argc != 2)
    return usage (_("Usage: latchkey-cli tokens rename ID NAME"));

  return update_token (cli, argv[0], argv[1], NULL);
}

static int
tokens_scope (Cli   *cli,
              int    argc,
              char **argv)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) scopes = NULL;

  if (argc < 2)
    return usage (_("Usage: latchkey-cli tokens scope ID SCOPE… (“all” for all of the owner’s rights)"));

  for (int i = 1; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);
  scopes = g_strv_builder_end (builder);

  if (argc == 2 && g_str_equal (argv[1], "all"))
    return update_token (cli, argv[0], NULL, all);

  g_printerr ("%s\n", _("New scopes reach only bearer tokens made from now on, and only after up to 20 minutes."));
  return update_token (cli, argv[0], NULL, (const char * const *) scopes);
}

typedef void     (*RemoveAsync)  (LkClient            *client,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
typedef gboolean (*RemoveFinish) (LkClient            *client,
                                  GAsyncResult        *result,
                                  GError             **error);

/* Removes each ID in turn; each failure is reported and the rest still go. */
static int
remove_each (Cli          *cli,
             int           argc,
             char        **argv,
             const char   *usage_text,
             RemoveAsync   remove_async,
             RemoveFinish  remove_finish)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (argc < 1)
    return usage ("%s", usage_text);

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) remove_error = NULL;

      remove_async (client, argv[i], NULL, store_result_cb, &result);
      if (!remove_finish (client, wait_for (&result), &remove_error))
        status = fail ("%s: %s", argv[i], remove_error->message);
    }

  return status;
}

static int
tokens_revoke (Cli   *cli,
               int    argc,
               char **argv)
{
  return remove_each (cli, argc, argv, _("Usage: latchkey-cli tokens revoke ID…"), lk_client_revoke_token_async,
                      lk_client_revoke_token_finish);
}

/* policies */

/* A JSON object from @path, or from standard input for "-" or none. */
static JsonObject *
read_json_object (const char  *path,
                  GError     **error)
{
  gboolean from_stdin = path == NULL || g_str_equal (path, "-");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name = from_stdin ? _("standard input") : path;

  if (from_stdin)
    {
      g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);

      if (!(bytes = lk_input_stream_read_limited (input, LK_LIMIT_FILE_BYTES, name, NULL, error)))
        return NULL;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      if (!(bytes = lk_file_load_limited (file, LK_LIMIT_FILE_BYTES, NULL, error)))
        return NULL;
    }

  if (!(root = lk_json_parse_bytes (bytes, &local_error)))
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, _("%s is not JSON: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, _("%s does not hold a JSON object"),
                   name);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* Policies and sync groups go out and come back as JSON, whole: what
 * "get" prints, "update" reads back.
 */
static gpointer
read_resource (const LkResourceKind  *kind,
               const char            *path,
               const char            *id,
               GError               **error)
{
  g_autoptr(JsonObject) object = read_json_object (path, error);
  g_autoptr(GError) local_error = NULL;
  gpointer item;

  if (object == NULL)
    return NULL;

  /* The id on the command line is the one updated, whatever the file says. */
  if (id != NULL)
    json_object_set_string_member (object, "id", id);

  if (!(item = kind->new_from_json (object, &local_error)))
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, "%s: %s: %s",
                 path != NULL && !g_str_equal (path, "-") ? path : _("standard input"), _(kind->not_one),
                 local_error->message);

  return item;
}

static void
print_resource (const LkResourceKind *kind,
                gpointer              item)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, kind->to_json (item));
  print_json (root);
}

static void
print_resources_json (const LkResourceKind *kind,
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
  print_json (root);
}

static int
get_resource (Cli                  *cli,
              const LkResourceKind *kind,
              int                   argc,
              char                **argv,
              const char           *usage_text)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return usage ("%s", usage_text);

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  lk_client_get_resource_async (client, kind, argv[0], NULL, store_result_cb, &result);
  if (!(item = lk_client_resource_finish (client, wait_for (&result), &error)))
    return fail ("%s", error->message);

  print_resource (kind, item);
  return 0;
}

/* "create [FILE]" and "update ID [FILE]": the file, or standard input. */
static int
save_resource (Cli                  *cli,
               const LkResourceKind *kind,
               const char           *update_command,
               int                   argc,
               char                **argv,
               const char           *usage_text)
{
  gboolean update = update_command != NULL;
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GObject) saved = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace it even if someone changed it on the tenant since it was read"), NULL },
    { NULL }
  };
  int n_ids = update ? 1 : 0;

  if (update && !parse_command_options (update_command, entries, &argc, &argv, &error))
    return usage ("%s", error->message);

  if (argc < n_ids || argc > n_ids + 1)
    return usage ("%s", usage_text);

  if (!(item = read_resource (kind, argc > n_ids ? argv[n_ids] : NULL, update ? argv[0] : NULL, &error)))
    return fail ("%s", error->message);

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  if (update)
    lk_client_update_resource_async (client, kind, item, force, NULL, store_result_cb, &result);
  else
    lk_client_create_resource_async (client, kind, item, NULL, store_result_cb, &result);
  if (!(saved = lk_client_resource_finish (client, wait_for (&result), &error)))
    {
      if (g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_CHANGED))
        {
          fail (_("%s. Get it again and redo the change, or add --force to replace it anyway."), error->message);
          return EXIT_CHANGED;
        }
      return fail ("%s", error->message);
    }

  print_resource (kind, saved);
  return 0;
}

static int
policies_list (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 0)
    return usage (_("“policies list” takes no arguments"));

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  lk_client_list_policies_async (client, TRUE, NULL, store_result_cb, &result);
  if (!(policies = lk_client_list_policies_finish (client, wait_for (&result), &error)))
    return fail ("%s", error->message);

  if (cli->json)
    {
      print_resources_json (&lk_password_policy_kind, policies);
      return 0;
    }

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);
      guint n_sources = g_strv_length ((char **) lk_password_policy_get_source_ids (policy));
      g_autofree char *sources = g_strdup_printf (ngettext ("%u source", "%u sources", n_sources), n_sources);

      g_print ("%s  %-30s %s %3" G_GINT64_FORMAT "-%-3" G_GINT64_FORMAT " %s%s\n", lk_password_policy_get_id (policy),
               lk_password_policy_get_name (policy), _("length"), lk_password_policy_get_int (policy, "min-length"),
               lk_password_policy_get_int (policy, "max-length"), sources,
               lk_password_policy_is_default (policy) ? _(" (default)") : "");
    }

  return 0;
}

static int
policies_get (Cli   *cli,
              int    argc,
              char **argv)
{
  return get_resource (cli, &lk_password_policy_kind, argc, argv, _("Usage: latchkey-cli policies get ID"));
}

static int
policies_create (Cli   *cli,
                 int    argc,
                 char **argv)
{
  return save_resource (cli, &lk_password_policy_kind, NULL, argc, argv,
                        _("Usage: latchkey-cli policies create [FILE]   (JSON; standard input without FILE or with -)"));
}

static int
policies_update (Cli   *cli,
                 int    argc,
                 char **argv)
{
  return save_resource (cli, &lk_password_policy_kind, "policies update", argc, argv,
                        _("Usage: latchkey-cli policies update ID [FILE] [--force]   "
                          "(the whole policy, as “policies get” prints it)"));
}

static int
policies_delete (Cli   *cli,
                 int    argc,
                 char **argv)
{
  return remove_each (cli, argc, argv, _("Usage: latchkey-cli policies delete ID…"), lk_client_delete_policy_async,
                      lk_client_delete_policy_finish);
}

/* sync groups */

static int
sync_groups_list (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) groups_result = NULL;
  g_autoptr(GAsyncResult) policies_result = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GHashTable) policy_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (argc != 0)
    return usage (_("“sync-groups list” takes no arguments"));

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  lk_client_list_sync_groups_async (client, NULL, store_result_cb, &groups_result);
  if (!cli->json)
    lk_client_list_policies_async (client, TRUE, NULL, store_result_cb, &policies_result);
  if (!(groups = lk_client_list_sync_groups_finish (client, wait_for (&groups_result), &error)))
    return fail ("%s", error->message);

  if (cli->json)
    {
      print_resources_json (&lk_sync_group_kind, groups);
      return 0;
    }

  /* Policies by name, as people know them; a tenant that hides them gets ids. */
  policies = lk_client_list_policies_finish (client, wait_for (&policies_result), NULL);
  for (guint i = 0; policies != NULL && i < g_list_model_get_n_items (policies); i++)
    {
      /* @policies keeps the strings alive. */
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      g_hash_table_insert (policy_names, (gpointer) lk_password_policy_get_id (policy),
                           (gpointer) lk_password_policy_get_name (policy));
    }

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LkSyncGroup) group = g_list_model_get_item (groups, i);
      const char *policy_id = lk_sync_group_get_password_policy_id (group);
      const char *policy = policy_id ? g_hash_table_lookup (policy_names, policy_id) : NULL;
      guint n_sources = g_strv_length ((char **) lk_sync_group_get_source_ids (group));
      g_autofree char *sources = g_strdup_printf (ngettext ("%u source", "%u sources", n_sources), n_sources);

      g_print ("%s  %-30s %-30s %s\n", lk_sync_group_get_id (group), lk_sync_group_get_name (group),
               policy ? policy : policy_id ? policy_id : "-", sources);
    }

  return 0;
}

static int
sync_groups_get (Cli   *cli,
                 int    argc,
                 char **argv)
{
  return get_resource (cli, &lk_sync_group_kind, argc, argv, _("Usage: latchkey-cli sync-groups get ID"));
}

static int
sync_groups_create (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return save_resource (cli, &lk_sync_group_kind, NULL, argc, argv,
                        _("Usage: latchkey-cli sync-groups create [FILE]   (JSON; standard input without FILE or with -)"));
}

static int
sync_groups_update (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return save_resource (cli, &lk_sync_group_kind, "sync-groups update", argc, argv,
                        _("Usage: latchkey-cli sync-groups update ID [FILE] [--force]   "
                          "(the whole group, as “sync-groups get” prints it)"));
}

static int
sync_groups_delete (Cli   *cli,
                    int    argc,
                    char **argv)
{
  return remove_each (cli, argc, argv, _("Usage: latchkey-cli sync-groups delete ID…"),
                      lk_client_delete_sync_group_async, lk_client_delete_sync_group_finish);
}

/* passwords */

static LkPasswordInfo *
query_password_info (LkClient    *client,
                     const char  *source_name,
                     const char  *user_name,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_query_password_info_async (client, source_name, user_name, NULL, store_result_cb, &result);
  return lk_client_query_password_info_finish (client, wait_for (&result), error);
}

static int
password_info (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *accounts;

  if (argc != 2)
    return usage (_("Usage: latchkey-cli password info SOURCE-NAME USER-NAME"));

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  if (!(info = query_password_info (client, argv[0], argv[1], &error)))
    return fail ("%s", error->message);

  accounts = lk_password_info_get_accounts (info);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_new ();

      json_object_set_string_member (object, "identityId", lk_password_info_get_identity_id (info));
      json_object_set_string_member (object, "sourceId", lk_password_info_get_source_id (info));
      json_object_set_string_member (object, "publicKeyId", lk_password_info_get_public_key_id (info));
      json_object_set_string_member (object, "publicKey", lk_password_info_get_public_key (info));
      for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
        {
          g_autoptr(LkPasswordAccount) account = g_list_model_get_item (accounts, i);
          JsonObject *member = json_object_new ();

          json_object_set_string_member (member, "accountId", lk_password_account_get_id (account));
          lk_json_set_string (member, "accountName", lk_password_account_get_name (account));
          json_array_add_object_element (array, member);
        }
      json_object_set_array_member (object, "accounts", array);
      lk_json_set_strv (object, "policies", lk_password_info_get_policies (info));
      json_node_take_object (root, object);
      print_json (root);
      return 0;
    }

  g_print (_("Identity: %s\nSource: %s\nAccounts:\n"), lk_password_info_get_identity_id (info),
           lk_password_info_get_source_id (info));
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(LkPasswordAccount) account = g_list_model_get_item (accounts, i);

      g_print ("  %s  %s\n", lk_password_account_get_id (account),
               lk_password_account_get_name (account) ? lk_password_account_get_name (account) : "");
    }
  g_print (_("Password rules:\n"));
  rules = lk_password_rules_new_from_constraints (lk_password_info_get_policies (info));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rules)); i++)
    {
      g_autoptr(LkPasswordRule) rule = g_list_model_get_item (G_LIST_MODEL (rules), i);

      g_print ("  %s\n", lk_password_rule_get_description (rule));
    }

  return 0;
}

/* The account an id or name names, or the only one. */
static const char *
choose_account (LkPasswordInfo  *info,
                const char      *wanted,
                GError         **error)
{
  GListModel *accounts = lk_password_info_get_accounts (info);
  guint n_accounts = g_list_model_get_n_items (accounts);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(LkPasswordAccount) account = g_list_model_get_item (accounts, i);

      if ((wanted == NULL && n_accounts == 1) ||
          g_strcmp0 (wanted, lk_password_account_get_id (account)) == 0 ||
          g_strcmp0 (wanted, lk_password_account_get_name (account)) == 0)
        return lk_password_account_get_id (account);  /* @info keeps it alive */
      g_string_append_printf (names, " %s", lk_password_account_get_id (account));
    }

  if (n_accounts == 0)
    g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND,
                         _("The identity has no account on this source"));
  else if (wanted == NULL)
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_BAD_REQUEST,
                 _("The identity has %u accounts on this source: choose one with --account (%s)"), n_accounts,
                 names->str + 1);
  else
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND,
                 _("The identity has no account “%s” on this source (%s)"), wanted, names->str + 1);

  return NULL;
}

static int
print_password_status (Cli              *cli,
                       LkPasswordStatus *status)
{
  const char * const *errors = lk_password_status_get_errors (status);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  lk_json_set_string (object, "requestId", lk_password_status_get_request_id (status));
  lk_json_set_string (object, "state", lk_password_status_get_state_text (status));
  lk_json_set_strv (object, "errors", errors);
  lk_json_set_strv (object, "sourceIds", lk_password_status_get_source_ids (status));
  json_node_take_object (root, object);
  print_json (root);

  for (guint i = 0; errors != NULL && errors[i] != NULL; i++)
    g_printerr ("%s\n", errors[i]);

  return lk_password_status_get_state (status) == LK_PASSWORD_STATE_FAILED ? EXIT_FAILED : 0;
}

static LkPasswordStatus *
wait_password_status (LkClient    *client,
                      const char  *request_id,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_wait_password_status_async (client, request_id, NULL, store_result_cb, &result);
  return lk_client_password_status_finish (client, wait_for (&result), error);
}

static int
password_set (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPassword) password = NULL;
  g_autofree char *account = NULL;
  const char *account_id;
  gboolean no_wait = FALSE;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account, by id or name, when there are several"), "ID" },
    { "no-wait", 0, 0, G_OPTION_ARG_NONE, &no_wait, N_("Print the request and return at once"), NULL },
    { NULL }
  };

  if (!parse_command_options ("password set", entries, &argc, &argv, &error))
    return usage ("%s", error->message);

  if (argc != 2)
    return usage (_("Usage: latchkey-cli password set SOURCE-NAME USER-NAME [--account ID] [--no-wait]   "
                    "(the password is read from standard input)"));

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  if (!(info = query_password_info (client, argv[0], argv[1], &error)) ||
      !(account_id = choose_account (info, account, &error)))
    return fail ("%s", error->message);

  password = read_secret (_("New password: "));
  if (*password == '\0')
    return usage (_("The password is empty"));

  lk_client_set_password_async (client, info, account_id, password, NULL, store_result_cb, &result);
  g_clear_pointer (&password, lk_password_free);
  if (!(status = lk_client_password_status_finish (client, wait_for (&result), &error)))
    return fail ("%s", error->message);

  if (!no_wait && !lk_password_status_is_done (status) && lk_password_status_get_request_id (status) != NULL)
    {
      g_autoptr(LkPasswordStatus) final = wait_password_status (client, lk_password_status_get_request_id (status),
                                                                &error);

      if (final == NULL)
        return fail ("%s", error->message);
      g_set_object (&status, final);
    }

  return print_password_status (cli, status);
}

static int
password_status (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean wait = FALSE;
  GOptionEntry entries[] = {
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait, N_("Wait until the change is finished or failed"), NULL },
    { NULL }
  };

  if (!parse_command_options ("password status", entries, &argc, &argv, &error))
    return usage ("%s", error->message);

  if (argc != 1)
    return usage (_("Usage: latchkey-cli password status REQUEST-ID [--wait]"));

  if (!(client = connect_client (cli, &error)))
    return fail ("%s", error->message);

  if (wait)
    status = wait_password_status (client, argv[0], &error);
  else
    {
      lk_client_get_password_status_async (client, argv[0], NULL, store_result_cb, &result);
      status = lk_client_password_status_finish (client, wait_for (&result), &error);
    }

  if (status == NULL)
    return fail ("%s", error->message);

  return print_password_status (cli, status);
}

/* What `openssl pkeyutl -encrypt -pubin -inkey KEY | base64 -w0` prints,
 * for scripts that call /set-password themselves. No tenant needed.
 */
static int
password_encrypt (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPassword) password = NULL;
  g_autofree char *key = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *encrypted = NULL;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("The public key, base64 DER (as /query-password-info gives it)"),
      "BASE64" },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("A file holding the public key, PEM or base64 DER"),
      "FILE" },
    { NULL }
  };

  if (!parse_command_options ("password encrypt", entries, &argc, &argv, &error))
    return usage ("%s", error->message);

  if (argc != 0 || (key == NULL) == (key_file == NULL))
    return usage (_("Usage: latchkey-cli password encrypt --key BASE64 | --key-file FILE   "
                    "(the password is read from standard input)"));

  if (key_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (key_file);
      g_autoptr(GBytes) contents = lk_file_load_limited (file, LK_LIMIT_FILE_BYTES, NULL, &error);

      if (contents == NULL)
        return fail ("%s", error->message);
      g_free (key);
      key = g_strndup (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
    }

  password = read_secret (_("Password: "));
  if (!(encrypted = lk_password_encrypt (key, password, &error)))
    return fail ("%s", error->message);

  g_print ("%s\n", encrypted);
  return 0;
}

static const struct {
  const char  *group;
  const char  *verb;
  CommandFunc  func;
} commands[] = {
  { "tenants", "list", tenants_list },
  { "tenants", "add", tenants_add },
  { "tenants", "remove", tenants_remove },
  { "tokens", "list", tokens_list },
  { "tokens", "create", tokens_create },
  { "tokens", "rename", tokens_rename },
  { "tokens", "scope", tokens_scope },
  { "tokens", "revoke", tokens_revoke },
  { "policies", "list", policies_list },
  { "policies", "get", policies_get },
  { "policies", "create", policies_create },
  { "policies", "update", policies_update },
  { "policies", "delete", policies_delete },
  { "sync-groups", "list", sync_groups_list },
  { "sync-groups", "get", sync_groups_get },
  { "sync-groups", "create", sync_groups_create },
  { "sync-groups", "update", sync_groups_update },
  { "sync-groups", "delete", sync_groups_delete },
  { "password", "info", password_info },
  { "password", "set", password_set },
  { "password", "status", password_status },
  { "password", "encrypt", password_encrypt },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Cli cli = { 0 };
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
  CommandFunc func = NULL;
  int status;

  /* Standard output is for results, JSON that scripts parse: debug messages go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_set_print_handler (print_shown);
  g_set_printerr_handler (printerr_shown);

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
                                      "  tokens list [--owner ID|me] [--unused-since DATE | --never-used]\n"
                                      "  tokens create NAME [--scope S]… [--validity SECONDS] [--expires DATE]\n"
                                      "  tokens rename ID NAME\n"
                                      "  tokens scope ID SCOPE…           “all” for all of the owner’s rights\n"
                                      "  tokens revoke ID…\n"
                                      "  policies list\n"
                                      "  policies get ID                  prints the policy as JSON\n"
                                      "  policies create [FILE]           JSON from FILE or standard input\n"
                                      "  policies update ID [FILE] [--force]\n"
                                      "                                   the whole policy, as “get” prints it\n"
                                      "  policies delete ID…\n"
                                      "  sync-groups list\n"
                                      "  sync-groups get ID               prints the group as JSON\n"
                                      "  sync-groups create [FILE]        JSON from FILE or standard input\n"
                                      "  sync-groups update ID [FILE] [--force]\n"
                                      "                                   the whole group, as “get” prints it\n"
                                      "  sync-groups delete ID…\n"
                                      "  password info SOURCE USER        the identity’s accounts and the rules\n"
                                      "  password set SOURCE USER [--account ID] [--no-wait]\n"
                                      "                                   the password comes from standard input\n"
                                      "  password status REQUEST-ID [--wait]\n"
                                      "  password encrypt --key BASE64 | --key-file FILE\n"
                                      "                                   what /set-password takes, no tenant needed\n"));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage ("%s", error->message);

  if (cli.tenant != NULL && cli.base_url != NULL)
    return usage (_("--tenant and --base-url exclude each other"));

  if (cli.timeout_s < 0 || cli.timeout_s > 24 * 3600)
    return usage (_("--timeout takes a number of seconds, at most a day"));

  if (argc < 3)
    return usage (_("Name a command"));

  for (guint i = 0; i < G_N_ELEMENTS (commands) && func == NULL; i++)
    if (g_str_equal (argv[1], commands[i].group) && g_str_equal (argv[2], commands[i].verb))
      func = commands[i].func;

  if (func == NULL)
    status = usage (_("“%s %s” is not a command"), argv[1], argv[2]);
  else
    {
      cli.session = lk_session_new (NULL, NULL);
      status = func (&cli, argc - 3, argv + 3);
      g_clear_object (&cli.session);
      /* dconf writes asynchronously: without this, a change made just before exit is lost. */
      g_settings_sync ();
    }

  g_free (cli.tenant);
  g_free (cli.base_url);
  g_free (cli.api_version);

  return status;
}
