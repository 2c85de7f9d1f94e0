/* lk-cli-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lk-client-tokens.h"
#include "lk-cli.h"
#include "lk-rotations.h"
#include "lk-token.h"

/* latchkey-cli tokens: personal access tokens; a new one's secret is
 * printed once, on standard output. */

/* What "tokens list" prints: every token, or those that expire within
 * some days of the tenant's now (expired ones included: they want
 * replacing too). Exit status 3 says some do, for cron and timers.
 */
#define EXIT_EXPIRING 3
#define EVERY_TOKEN   G_MININT   /* no --expiring-within */

typedef struct {
  LkClient  *client;
  int        expiring_days;      /* or EVERY_TOKEN */
  GDateTime *expiring_before;    /* from the tenant's clock, once it has answered */
  GString   *out;                /* --json */
  guint      n_listed;
} TokenListing;

static void
token_listing_clear (TokenListing *listing)
{
  g_clear_pointer (&listing->expiring_before, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TokenListing, token_listing_clear)

static gboolean
is_listed (TokenListing *listing,
           LkToken      *token)
{
  GDateTime *expires = lk_token_get_expiration_date (token);

  if (listing->expiring_days == EVERY_TOKEN)
    return TRUE;

  if (listing->expiring_before == NULL)
    {
      g_autoptr(GDateTime) now = lk_client_get_now (listing->client);

      listing->expiring_before = g_date_time_add_days (now, listing->expiring_days);
    }

  return expires != NULL && g_date_time_compare (expires, listing->expiring_before) <= 0;
}

static int
listing_status (TokenListing *listing)
{
  return listing->expiring_days != EVERY_TOKEN && listing->n_listed > 0 ? EXIT_EXPIRING : 0;
}

/* Each token written as it arrives; printed once the list has ended well,
 * so that a failure halfway prints no half a list.
 */
static void
append_token_json (LkToken  *token,
                   gpointer  user_data)
{
  TokenListing *listing = user_data;

  if (token == NULL)
    {
      g_string_assign (listing->out, "[");
      listing->n_listed = 0;
    }
  else if (is_listed (listing, token))
    {
      g_string_append (listing->out, listing->n_listed++ > 0 ? ",\n" : "\n");
      lk_token_append_json (token, listing->out, 1);
    }
}

/* --json: 100,000 tokens without holding 100,000 tokens (BENCHMARKS.md). */
static int
print_tokens_json (TokenListing *listing,
                   const char   *owner,
                   const char   *filters)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  listing->out = out;
  lk_client_list_tokens_each_async (listing->client, owner, filters, append_token_json, listing, NULL,
                                    lk_cli_store_result_cb, &result);
  if (!lk_client_list_tokens_each_finish (listing->client, lk_cli_wait_for (&result), &error))
    return lk_cli_fail ("%s", error->message);

  g_string_append (out, listing->n_listed > 0 ? "\n]\n" : "]\n");
  /* Not through g_print(): JSON is printed exactly, and escapes its own. */
  fwrite (out->str, 1, out->len, stdout);
  return listing_status (listing);
}

static int
tokens_list (LkCli *cli,
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
  g_auto(TokenListing) listing = { .expiring_days = EVERY_TOKEN };
  GOptionEntry entries[] = {
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner,
      N_("Tokens of this identity, by name, user name, email or ID, or “me”; all by default"), "NAME" },
    { "unused-since", 0, 0, G_OPTION_ARG_STRING, &unused_since, N_("Not used since this date (YYYY-MM-DD)"), "DATE" },
    { "never-used", 0, 0, G_OPTION_ARG_NONE, &never_used, N_("Never used"), NULL },
    { "expiring-within", 0, 0, G_OPTION_ARG_INT, &listing.expiring_days,
      N_("Expiring within this many days, or expired; the exit status is 3 if any is"), "DAYS" },
    { NULL }
  };
  if (!lk_cli_parse_options ("tokens list", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);

  if (argc > 0)
    return lk_cli_usage (_("“tokens list” takes options only"));

  if (never_used && unused_since != NULL)
    return lk_cli_usage (_("--never-used and --unused-since exclude each other"));

  if (listing.expiring_days != EVERY_TOKEN && (listing.expiring_days < 0 || listing.expiring_days > 3650))
    return lk_cli_usage (_("--expiring-within takes days from 0 to 3650"));

  if (never_used)
    filters = lk_token_use_filter (LK_TOKEN_USE_NEVER, NULL);
  else if (unused_since != NULL)
    {
      g_autofree char *text = strlen (unused_since) == 10 ? g_strconcat (unused_since, "T00:00:00Z", NULL)
                                                          : g_strdup (unused_since);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (text, utc);

      if (date == NULL)
        return lk_cli_usage (_("“%s” is not a date such as 2026-01-31"), unused_since);
      filters = lk_token_use_filter (LK_TOKEN_USE_NOT_SINCE, date);
    }

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (owner != NULL)
    {
      g_autofree char *owner_id = lk_cli_resolve_identity (client, owner, &error);

      if (owner_id == NULL)
        return lk_cli_fail ("%s", error->message);
      g_free (owner);
      owner = g_steal_pointer (&owner_id);
    }

  listing.client = client;
  if (cli->json)
    return print_tokens_json (&listing, owner, filters);

  lk_client_list_tokens_async (client, owner, filters, NULL, lk_cli_store_result_cb, &result);
  if (!(tokens = lk_client_list_tokens_finish (client, lk_cli_wait_for (&result), &error)))
    return lk_cli_fail ("%s", error->message);

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);
      g_autofree char *last_used = NULL;
      g_autofree char *expires = NULL;
      g_autofree char *scopes = NULL;

      if (!is_listed (&listing, token))
        continue;
      listing.n_listed++;
      last_used = lk_cli_format_date (lk_token_get_last_used (token), _("never"));
      expires = lk_cli_format_date (lk_token_get_expiration_date (token), "-");
      scopes = g_strjoinv (",", (char **) lk_token_get_scopes (token));
      g_print ("%s  %-28s %-22s %-10s %-10s %s%s\n", lk_token_get_id (token), lk_token_get_name (token),
               lk_owner_get_name (lk_token_get_owner (token)), last_used, expires, scopes,
               lk_token_get_managed (token) ? _(" (managed)") : "");
    }

  return listing_status (&listing);
}

static void
print_token (LkCli      *cli,
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
      lk_cli_print_json (root);
      return;
    }

  g_print ("%s: %s\n", _("Name"), lk_token_get_name (token));
  g_print ("%s: %s\n", _("Client ID"), lk_token_get_id (token));
  if (secret != NULL)
    g_print ("%s: %s\n", _("Secret"), secret);
}

static int
tokens_create (LkCli *cli,
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

  if (!lk_cli_parse_options ("tokens create NAME", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);
  if (argc != 1)
    return lk_cli_usage (_("Usage: latchkey-cli tokens create NAME [--scope S]… [--validity SECONDS] [--expires DATE]"));
  if (validity != 0 && (validity < 15 || validity > 43200))
    return lk_cli_usage (_("--validity takes 15 to 43200 seconds"));
  if (expires != NULL)
    {
      g_autofree char *text = g_strconcat (expires, "T12:00:00Z", NULL);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      if (!(expiration = g_date_time_new_from_iso8601 (text, utc)))
        return lk_cli_usage (_("“%s” is not a date such as 2026-01-31"), expires);
    }

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  lk_client_create_token_async (client, argv[0], (const char * const *) scopes, validity, expiration, NULL,
                                lk_cli_store_result_cb, &result);
  if (!(token = lk_client_create_token_finish (client, lk_cli_wait_for (&result), &secret, &error)))
    return lk_cli_fail ("%s", error->message);

  /* The one time the secret is there to print. */
  print_token (cli, token, secret);
  status = 0;
  lk_secret_free (secret);

  return status;
}

static int
update_token (LkCli              *cli,
              const char         *id,
              const char         *name,
              const char * const *scopes)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  lk_client_update_token_async (client, id, name, scopes, NULL, lk_cli_store_result_cb, &result);
  if (!(token = lk_client_update_token_finish (client, lk_cli_wait_for (&result), &error)))
    return lk_cli_fail ("%s", error->message);

  print_token (cli, token, NULL);
  return 0;
}

static int
tokens_rename (LkCli *cli,
               int    argc,
               char **argv)
{
  if (argc != 2)
    return lk_cli_usage (_("Usage: latchkey-cli tokens rename ID NAME"));

  return update_token (cli, argv[0], argv[1], NULL);
}

static int
tokens_scope (LkCli *cli,
              int    argc,
              char **argv)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) scopes = NULL;

  if (argc < 2)
    return lk_cli_usage (_("Usage: latchkey-cli tokens scope ID SCOPE… (“all” for all of the owner’s rights)"));

  for (int i = 1; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);
  scopes = g_strv_builder_end (builder);

  if (argc == 2 && g_str_equal (argv[1], "all"))
    return update_token (cli, argv[0], NULL, all);

  g_printerr ("%s\n", _("New scopes reach only bearer tokens made from now on, and only after up to 20 minutes."));
  return update_token (cli, argv[0], NULL, (const char * const *) scopes);
}


static int
tokens_revoke (LkCli *cli,
               int    argc,
               char **argv)
{
  return lk_cli_remove_each (cli, &lk_token_kind, argc, argv, _("Usage: latchkey-cli tokens revoke ID…"));
}


/* latchkey-cli tokens rotate ID: the successor, its secret printed once;
 * the old token stays until its users have moved and it is revoked.
 */
static int
tokens_rotate (LkCli *cli,
               int    argc,
               char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkToken) old = NULL;
  g_autoptr(LkToken) successor = NULL;
  g_autoptr(LkRotations) rotations = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean connection = FALSE;
  char *secret = NULL;
  GOptionEntry entries[] = {
    { "connection", 0, 0, G_OPTION_ARG_NONE, &connection,
      N_("The token is a saved tenant’s connection: move the connection to the successor"), NULL },
    { NULL }
  };

  if (!lk_cli_parse_options ("tokens rotate ID", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);
  if (argc != 1)
    return lk_cli_usage (_("Usage: latchkey-cli tokens rotate ID [--connection]"));

  if (connection)
    {
      LkTenantList *tenants = lk_session_get_tenants (cli->session);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tenants)); i++)
        {
          g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (tenants), i);

          if (g_str_equal (lk_tenant_get_client_id (tenant), argv[0]) &&
              (cli->tenant == NULL || g_str_equal (lk_tenant_get_name (tenant), cli->tenant)))
            return lk_cli_rotate_connection (cli, lk_tenant_get_name (tenant), FALSE);
        }

      return lk_cli_fail (_("No saved tenant connects with the token %s"), argv[0]);
    }

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  lk_client_rotate_token_async (client, argv[0], NULL, lk_cli_store_result_cb, &result);
  if (!(successor = lk_client_rotate_token_finish (client, lk_cli_wait_for (&result), &old, &secret, &error)))
    return lk_cli_fail ("%s", error->message);

  /* The one time the secret is there to print: before anything else can fail. */
  print_token (cli, successor, secret);
  lk_secret_free (secret);
  if (!cli->json)
    g_print ("%s: %s (%s)\n", _("Replaces"), lk_token_get_name (old), lk_token_get_id (old));

  rotations = lk_rotations_new (NULL);
  if (!lk_rotations_record_rotation (rotations, client, old, successor, &error))
    g_printerr ("%s\n", error->message);

  return 0;
}

const LkCliCommand lk_cli_token_commands[] = {
  { "tokens", "list", tokens_list },
  { "tokens", "create", tokens_create },
  { "tokens", "rename", tokens_rename },
  { "tokens", "scope", tokens_scope },
  { "tokens", "revoke", tokens_revoke },
  { "tokens", "rotate", tokens_rotate },
  { NULL },
};
