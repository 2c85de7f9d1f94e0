/* lk-cli-directory.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-cli.h"
#include "lk-client-directory.h"

/* latchkey-cli sources and identities: the tenant's sources and people by
 * name, so that no one has to know an id by heart.
 */

/* The most identities a search shows: a name narrows it, not a scroll. */
#define IDENTITY_SEARCH_LIMIT 50

static GListModel *
search (LkClient              *client,
        const LkResourceKind  *kind,
        const char            *filters,
        const char            *sorters,
        guint                  limit,
        GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_search_resources_async (client, kind, filters, sorters, limit, NULL, lk_cli_store_result_cb, &result);
  return lk_client_list_resources_finish (client, lk_cli_wait_for (&result), error);
}

static int
sources_list (LkCli *cli,
              int    argc,
              char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *filters = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Sources whose name starts so, in any case"), "PREFIX" },
    { NULL }
  };

  if (!lk_cli_parse_options ("sources list", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);
  if (argc > 0)
    return lk_cli_usage (_("“sources list” takes options only"));

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  filters = name != NULL ? lk_source_filter_for_name (name) : NULL;
  if (!(sources = search (client, &lk_source_kind, filters, "name", 0, &error)))
    return lk_cli_fail ("%s", error->message);

  if (cli->json)
    {
      lk_cli_print_items_json (&lk_source_kind, sources);
      return 0;
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LkSource) source = g_list_model_get_item (sources, i);
      const char *type = lk_source_get_source_type (source);
      const char *connector = lk_source_get_connector_name (source);

      g_print ("%s  %-30s %-28s %s\n", lk_source_get_id (source), lk_source_get_name (source), type ? type : "-",
               connector ? connector : "-");
    }

  return 0;
}

static int
identities_search (LkCli *cli,
                   int    argc,
                   char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GListModel) identities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filters = NULL;

  if (argc != 1 || *g_strstrip (argv[0]) == '\0')
    return lk_cli_usage (_("Usage: latchkey-cli identities search TEXT   (part of a name, user name or email)"));

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  filters = lk_identity_filter_for_text (argv[0]);
  if (!(identities = search (client, &lk_identity_kind, filters, "name", IDENTITY_SEARCH_LIMIT, &error)))
    return lk_cli_fail ("%s", error->message);

  if (cli->json)
    {
      lk_cli_print_items_json (&lk_identity_kind, identities);
      return 0;
    }

  for (guint i = 0; i < g_list_model_get_n_items (identities); i++)
    {
      g_autoptr(LkIdentity) identity = g_list_model_get_item (identities, i);
      const char *email = lk_identity_get_email (identity);

      g_print ("%s  %-28s %-24s %s\n", lk_identity_get_id (identity), lk_identity_get_name (identity),
               lk_identity_get_alias (identity), email ? email : "-");
    }

  return 0;
}

static gboolean
names_it (LkIdentity *identity,
          const char *folded_text)
{
  const char *names[] = { lk_identity_get_name (identity), lk_identity_get_alias (identity),
                          lk_identity_get_email (identity) };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *folded = names[i] != NULL ? g_utf8_casefold (names[i], -1) : NULL;

      if (g_strcmp0 (folded, folded_text) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * lk_cli_resolve_identity:
 * @client: the tenant
 * @text: "me", an identity's id, or its name, user name or email
 * @error: a location for a #GError: none, or more than one, match
 *
 * Returns: (transfer full): what the tenant's filters take as the owner:
 *   "me" or an id
 */
char *
lk_cli_resolve_identity (LkClient    *client,
                         const char  *text,
                         GError     **error)
{
  g_autoptr(GListModel) found = NULL;
  g_autofree char *filters = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  LkIdentity *exact = NULL;
  guint n_exact = 0, n_found;

  if (g_str_equal (text, "me") || lk_looks_like_id (text))
    return g_strdup (text);

  filters = lk_identity_filter_for_text (text);
  if (!(found = search (client, &lk_identity_kind, filters, "name", IDENTITY_SEARCH_LIMIT, error)))
    return NULL;

  /* "Abby Smith" is Abby Smith, even where Abby Smithers exists too. */
  folded = g_utf8_casefold (text, -1);
  n_found = g_list_model_get_n_items (found);
  for (guint i = 0; i < n_found; i++)
    {
      g_autoptr(LkIdentity) identity = g_list_model_get_item (found, i);

      if (names_it (identity, folded))
        {
          exact = identity;   /* @found keeps it */
          n_exact++;
        }
      if (i < 5)
        g_string_append_printf (names, "%s%s (%s)", i > 0 ? ", " : "", lk_identity_get_name (identity),
                                lk_identity_get_alias (identity));
    }

  if (n_exact == 1)
    return g_strdup (lk_identity_get_id (exact));
  if (n_found == 1)
    {
      g_autoptr(LkIdentity) only = g_list_model_get_item (found, 0);

      return g_strdup (lk_identity_get_id (only));
    }

  if (n_found == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No identity is called “%s”"), text);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 g_dngettext (GETTEXT_PACKAGE, "“%s” could be %u identity: %s. Name one, or give its ID",
                              "“%s” could be %u identities: %s. Name one, or give its ID", n_found),
                 text, n_found, names->str);
  return NULL;
}

const LkCliCommand lk_cli_directory_commands[] = {
  { "sources", "list", sources_list },
  { "identities", "search", identities_search },
  { NULL },
};
