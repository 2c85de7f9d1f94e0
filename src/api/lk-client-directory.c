/* lk-client-directory.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lk-client-directory.h"

/* The tenant's sources and people, read only, so that an administrator
 * picks and reads them by name: GET /sources, and /public-identities, which
 * v3 and v2025 have (beta has /identities only, which needs more rights).
 */

const LkResourceKind lk_source_kind = {
  .collection = "/sources",
  .item_type = lk_source_get_type,
  .new_from_json = (LkResourceNewFromJson) lk_source_new_from_json,
  .to_json = (LkResourceToJson) lk_source_to_json,
  .get_id = (LkResourceGetId) lk_source_get_id,
  .get_name = (LkResourceGetName) lk_source_get_name,
  /* Tenants have hundreds, some thousands. */
  .concurrent_paging = TRUE,
  .missing = N_("The tenant answered without the source"),
  .unreadable = N_("The tenant’s source cannot be read"),
  .without_id = N_("The tenant sent a source without an id"),
  .not_one = N_("Not a source"),
};

const LkResourceKind lk_identity_kind = {
  .collection = "/public-identities",
  .item_type = lk_identity_get_type,
  .new_from_json = (LkResourceNewFromJson) lk_identity_new_from_json,
  .to_json = (LkResourceToJson) lk_identity_to_json,
  .get_id = (LkResourceGetId) lk_identity_get_id,
  .get_name = (LkResourceGetName) lk_identity_get_name,
  .concurrent_paging = TRUE,
  .missing = N_("The tenant answered without the identity"),
  .unreadable = N_("The tenant’s identity cannot be read"),
  .without_id = N_("The tenant sent an identity without an id"),
  .not_one = N_("Not an identity"),
};

/**
 * lk_filter_quote:
 * @text: what a person typed
 *
 * Returns: (transfer full): @text as a filter's string: in double quotes,
 *   its quotes and backslashes escaped
 */
char *
lk_filter_quote (const char *text)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/**
 * lk_filter_id_in:
 * @ids: the ids wanted
 *
 * Returns: (transfer full): `id in ("…","…")`
 */
char *
lk_filter_id_in (const char * const *ids)
{
  GString *filter = g_string_new ("id in (");

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *quoted = lk_filter_quote (ids[i]);

      g_string_append_printf (filter, "%s%s", i > 0 ? "," : "", quoted);
    }
  g_string_append_c (filter, ')');

  return g_string_free (filter, FALSE);
}

/**
 * lk_source_filter_for_name:
 * @prefix: the start of a source's name, in any case
 *
 * Returns: (transfer full): `name sw "…"`
 */
char *
lk_source_filter_for_name (const char *prefix)
{
  g_autofree char *quoted = lk_filter_quote (prefix);

  return g_strdup_printf ("name sw %s", quoted);
}

/**
 * lk_identity_filter_for_text:
 * @text: part of a person's name, user name (alias) or email
 *
 * /public-identities filters on neither name nor display name: "Abby Sm"
 * is the first name "Abby" and a last name that starts "Sm"; one word is
 * the start of a first name, last name, alias or email.
 *
 * Returns: (transfer full): the filter
 */
char *
lk_identity_filter_for_text (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *quoted = lk_filter_quote (trimmed);
  const char *space = strchr (trimmed, ' ');
  g_autofree char *by_name = NULL;

  if (space != NULL)
    {
      g_autofree char *first = g_strndup (trimmed, space - trimmed);
      g_autofree char *last = g_strstrip (g_strdup (space + 1));
      g_autofree char *quoted_first = lk_filter_quote (first);
      g_autofree char *quoted_last = lk_filter_quote (last);

      by_name = g_strdup_printf ("(firstname eq %s and lastname sw %s)", quoted_first, quoted_last);
    }
  else
    by_name = g_strdup_printf ("firstname sw %s or lastname sw %s", quoted, quoted);

  return g_strdup_printf ("%s or alias sw %s or email sw %s", by_name, quoted, quoted);
}

/**
 * lk_looks_like_id:
 * @text: what was typed where a source or an identity is asked for
 *
 * Returns: whether @text is an ISC id (32 hex digits, or a UUID) rather
 *   than a name: an id can still be pasted wherever a name is asked for
 */
gboolean
lk_looks_like_id (const char *text)
{
  gsize digits = 0;

  if (text == NULL)
    return FALSE;

  if (g_uuid_string_is_valid (text))
    return TRUE;

  for (const char *p = text; *p != '\0'; p++, digits++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return digits == 32;
}
