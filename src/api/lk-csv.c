/* lk-csv.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-csv"

#include "config.h"

#include <string.h>

#include "lk-csv.h"
#include "lk-json.h"
#include "lk-token.h"

/* CSV as RFC 4180 writes it, for spreadsheets: a field with a comma, a
 * quote or a line break is quoted. A field a spreadsheet would run as a
 * formula (=, +, -, @ first) gets a leading apostrophe: token names are
 * chosen by whoever made the token, not by the administrator opening it.
 */

static void
append_field (GString    *csv,
              const char *field)
{
  gboolean formula = field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL;
  gboolean quote = formula || strpbrk (field, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');

  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }

  if (quote)
    g_string_append_c (csv, '"');
}

/**
 * lk_csv_append_row:
 * @csv: where to write
 * @fields: (array zero-terminated=1): the fields, "" for an empty one
 *
 * Appends one line, ended by CRLF as RFC 4180 has it.
 */
void
lk_csv_append_row (GString            *csv,
                   const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_field (csv, fields[i]);
    }

  g_string_append (csv, "\r\n");
}

static char *
format_date (GDateTime *date)
{
  return date ? lk_json_format_date_time (date) : g_strdup ("");
}

/**
 * lk_tokens_to_csv:
 * @tokens: a list of #LkToken
 *
 * Returns: (transfer full): the list as CSV, one token a line, with a header
 */
char *
lk_tokens_to_csv (GListModel *tokens)
{
  static const char * const header[] = {
    "tenant", "tenantUrl",
    "id", "name", "ownerId", "ownerName", "scope", "created", "lastUsed", "expirationDate",
    "accessTokenValiditySeconds", "managed", NULL
  };
  GString *csv = g_string_new (NULL);
  g_autoptr(LkToken) first = NULL;
  guint skip;

  g_return_val_if_fail (G_IS_LIST_MODEL (tokens), NULL);

  /* A list of several tenants' tokens says whose each is first. */
  first = g_list_model_get_item (tokens, 0);
  skip = first != NULL && lk_token_get_tenant (first) != NULL ? 0 : 2;
  lk_csv_append_row (csv, header + skip);

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);
      LkOwner *owner = lk_token_get_owner (token);
      LkTenant *tenant = lk_token_get_tenant (token);
      g_autofree char *scopes = g_strjoinv (" ", (char **) lk_token_get_scopes (token));
      g_autofree char *created = format_date (lk_token_get_created (token));
      g_autofree char *last_used = format_date (lk_token_get_last_used (token));
      g_autofree char *expiration = format_date (lk_token_get_expiration_date (token));
      g_autofree char *validity = g_strdup_printf ("%" G_GINT64_FORMAT, lk_token_get_access_token_validity (token));
      const char *row[] = {
        tenant ? lk_tenant_get_name (tenant) : "", tenant ? lk_tenant_get_base_url (tenant) : "",
        lk_token_get_id (token), lk_token_get_name (token), lk_owner_get_id (owner), lk_owner_get_name (owner),
        scopes, created, last_used, expiration, validity, lk_token_get_managed (token) ? "true" : "false", NULL
      };

      lk_csv_append_row (csv, row + skip);
    }

  return g_string_free (csv, FALSE);
}
