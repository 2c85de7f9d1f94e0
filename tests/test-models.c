/* test-models.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-client-policies.h"
#include "lk-copy.h"
#include "lk-source.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lk-csv.h"
#include "lk-json.h"
#include "lk-json-splitter.h"
#include "lk-password-info.h"
#include "lk-password-policy.h"
#include "lk-password-status.h"
#include "lk-rotations.h"
#include "lk-sync-group.h"
#include "lk-token.h"
#include "lk-test-wait.h"

/* The models read what ISC sends: the spec's own examples, its quirks,
 * fields from a newer version, and broken input, which must be an error
 * and never a crash.
 */

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The GetPersonalAccessTokenResponse example of the v3 spec. */
#define TOKEN_EXAMPLE \
  "{\"id\": \"86f1dc6fe8f54414950454cbb11278fa\", \"name\": \"NodeJS Integration\"," \
  " \"scope\": [\"demo:personal-access-token-scope:first\", \"demo:personal-access-token-scope:second\"]," \
  " \"owner\": {\"type\": \"IDENTITY\", \"id\": \"2c9180a46faadee4016fb4e018c20639\", \"name\": \"Support\"}," \
  " \"created\": \"2017-07-11T18:45:37.098Z\", \"lastUsed\": \"2017-07-11T18:45:37.098Z\"," \
  " \"managed\": false, \"accessTokenValiditySeconds\": 36900, \"expirationDate\": \"2018-01-11T18:45:37.098Z\"}"

static void
test_token_example (void)
{
  g_autoptr(JsonObject) object = parse (TOKEN_EXAMPLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkToken) token = lk_token_new_from_json (object, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lk_token_get_id (token), ==, "86f1dc6fe8f54414950454cbb11278fa");
  g_assert_cmpstr (lk_token_get_name (token), ==, "NodeJS Integration");
  g_assert_cmpuint (g_strv_length ((char **) lk_token_get_scopes (token)), ==, 2);
  g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (token)), ==, "Support");
  g_assert_cmpstr (lk_owner_get_kind (lk_token_get_owner (token)), ==, "IDENTITY");
  g_assert_cmpint (g_date_time_get_year (lk_token_get_created (token)), ==, 2017);
  g_assert_cmpint (g_date_time_get_microsecond (lk_token_get_created (token)), ==, 98000);
  g_assert_cmpint (lk_token_get_access_token_validity (token), ==, 36900);
  g_assert_cmpint (g_date_time_get_year (lk_token_get_expiration_date (token)), ==, 2018);
  g_assert_false (lk_token_get_managed (token));
}

static void
test_token_lenient (void)
{
  g_autoptr(JsonObject) object = parse (
    "{\"id\": \"a\", \"name\": \"b\", \"scope\": null, \"owner\": {\"id\": \"o\", \"type\": \"MACHINE\"},"
    " \"created\": \"2026-01-01T00:00:00Z\", \"lastUsed\": null,"
    " \"expirationDate\": \"6 Months from created date\", \"userAwareTokenNeverExpires\": false,"
    " \"futureField\": {\"nested\": [1, 2]}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkToken) token = lk_token_new_from_json (object, &error);

  /* An unknown owner type, a null scope, the v3 default text as a date,
   * a field of a later version: all read, none fatal.
   */
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) lk_token_get_scopes (token)), ==, 0);
  g_assert_cmpstr (lk_owner_get_kind (lk_token_get_owner (token)), ==, "MACHINE");
  g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (token)), ==, "o");
  g_assert_null (lk_token_get_last_used (token));
  g_assert_null (lk_token_get_expiration_date (token));
  {
    g_autoptr(JsonObject) json = lk_token_to_json (token);

    /* Passed on as sent: a later version's field and a date that is not one. */
    g_assert_true (json_object_has_member (json, "futureField"));
    g_assert_cmpstr (json_object_get_string_member (json, "expirationDate"), ==, "6 Months from created date");
    g_assert_cmpstr (json_object_get_string_member (json, "name"), ==, lk_token_get_name (token));
  }
}

static void
test_token_broken (void)
{
  static const char * const broken[] = {
    "{\"name\": \"no id\", \"scope\": [], \"owner\": {\"id\": \"o\"}, \"created\": \"2026-01-01T00:00:00Z\"}",
    "{\"id\": 42, \"name\": \"b\", \"scope\": [], \"owner\": {\"id\": \"o\"}, \"created\": \"2026-01-01T00:00:00Z\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"scope\": \"sp:scopes:all\", \"owner\": {\"id\": \"o\"}, \"created\": \"2026-01-01T00:00:00Z\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"scope\": [1], \"owner\": {\"id\": \"o\"}, \"created\": \"2026-01-01T00:00:00Z\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"scope\": [], \"owner\": \"o\", \"created\": \"2026-01-01T00:00:00Z\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"scope\": [], \"owner\": {}, \"created\": \"2026-01-01T00:00:00Z\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"scope\": [], \"owner\": {\"id\": \"o\"}, \"created\": \"yesterday\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"scope\": [], \"owner\": {\"id\": \"o\"}, \"created\": \"2026-01-01T00:00:00Z\", \"managed\": \"no\"}",
  };

  /* json-glib reads "\\206" (not JSON) into a byte that is not UTF-8: the answer is refused. */
  {
    static const char escaped[] = "{\"id\": \"a\\206\", \"name\": \"b\", \"owner\": {\"id\": \"o\"},"
                                  " \"created\": \"2026-01-01T00:00:00Z\"}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (escaped, strlen (escaped));
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = lk_json_parse_object (bytes, &error);

    g_assert_null (object);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
  }

  /* A number past the largest double is infinity, which JSON cannot carry back: refused too. */
  {
    static const char huge[] = "{\"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"},"
                               " \"created\": \"2026-01-01T00:00:00Z\", \"futureField\": 3E6900}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (huge, strlen (huge));
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = lk_json_parse_object (bytes, &error);

    g_assert_null (object);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(JsonObject) object = parse (broken[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LkToken) token = lk_token_new_from_json (object, &error);

      g_assert_null (token);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

/* The same token from the text as from json-glib's tree. */
static void
assert_same_token (LkToken    *fast,
                   const char *text)
{
  g_autoptr(JsonObject) object = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkToken) slow = lk_token_new_from_json (object, &error);
  g_autoptr(JsonObject) fast_json = lk_token_to_json (fast);
  g_autoptr(JsonObject) slow_json = lk_token_to_json (slow);
  g_autoptr(JsonNode) fast_node = json_node_init_object (json_node_alloc (), fast_json);
  g_autoptr(JsonNode) slow_node = json_node_init_object (json_node_alloc (), slow_json);

  g_assert_no_error (error);
  if (!json_node_equal (fast_node, slow_node))
    g_error ("%s\n  %s\nnot\n  %s", text, json_to_string (fast_node, FALSE), json_to_string (slow_node, FALSE));
  g_assert_cmpstr (lk_token_get_search_key (fast), ==, lk_token_get_search_key (slow));
  g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (fast)), ==, lk_owner_get_name (lk_token_get_owner (slow)));
}

/* The usual tokens of a list are read without a tree, and to the same token. */
static void
test_token_from_text (void)
{
  static const char * const usual[] = {
    TOKEN_EXAMPLE,
    " {\"id\":\"a\",\"name\":\"Zoë’s CI\",\"scope\":null,\"owner\":{\"id\":\"o\"},\"created\":\"2026-01-01T00:00:00Z\"}\n",
    "{\"created\": \"2026-01-01T00:00:00.123456Z\", \"owner\": {\"name\": null, \"type\": null, \"id\": \"o\"},"
    " \"name\": \"b\", \"id\": \"a\", \"scope\": [], \"managed\": true, \"lastUsed\": null,"
    " \"accessTokenValiditySeconds\": null}",
    "{\"id\":\"a\",\"name\":\"\",\"scope\":[\"sp:scopes:all\"],\"owner\":{\"id\":\"o\",\"name\":\"O\"},"
    "\"created\":\"2026-01-01T00:00:00+02:00\",\"accessTokenValiditySeconds\":-0,\"managed\":null}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (usual); i++)
    {
      g_autoptr(LkToken) token = lk_token_new_from_text (usual[i], strlen (usual[i]));

      g_assert_nonnull (token);
      assert_same_token (token, usual[i]);
    }
}

/* Anything else is left to json-glib, which reads it or says what is wrong. */
static void
test_token_from_text_leaves_the_rest (void)
{
#define BODY "\"name\": \"b\", \"owner\": {\"id\": \"o\"}, \"created\": \"2026-01-01T00:00:00Z\""
  static const char * const others[] = {
    "{\"id\": \"a\", " BODY ", \"futureField\": 1}",                 /* kept as sent: the tree's work */
    "{\"id\": \"a\\u00e9\", " BODY "}",                              /* an escape */
    "{\"id\": \"a\", \"id\": \"b\", " BODY "}",                      /* a member twice */
    "{\"id\": \"a\", " BODY ", \"expirationDate\": \"6 Months from created date\"}",
    "{\"id\": \"a\", " BODY ", \"lastUsed\": 1700000000000}",        /* a date as a number */
    "{\"id\": \"a\", " BODY ", \"expirationDate\": null}",           /* passed on as null */
    "{\"id\": \"a\", " BODY ", \"accessTokenValiditySeconds\": 1.5}",
    "{\"id\": \"a\", " BODY ", \"accessTokenValiditySeconds\": 0123}",
    "{\"id\": \"a\", " BODY ", \"accessTokenValiditySeconds\": 1234567890123456}",
    "{\"id\": \"a\", " BODY ", \"managed\": tru}",
    "{\"id\": \"a\", " BODY "} x",
    "{\"id\": \"a\", " BODY ",}",
    "{\"id\": \"a\", \"owner\": {\"id\": \"o\", \"extra\": 1}, \"name\": \"b\", \"created\": \"2026-01-01T00:00:00Z\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"}, \"created\": null}",
    "{\"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"}, \"created\": \"\xff\"}",
    "{\"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"}}",
    "[1]",
    "",
  };
#undef BODY

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_null (lk_token_new_from_text (others[i], strlen (others[i])));
}

/* latchkey-cli writes a list's tokens itself: what json-glib would print, to the letter. */
static void
test_token_append_json (void)
{
  static const char * const tokens[] = {
    TOKEN_EXAMPLE,
    "{\"id\": \"a\\\"\\\\\\n\\u0001é\", \"name\": \"b\", \"scope\": [], \"owner\": {\"id\": \"o\"},"
    " \"created\": \"2026-01-01T00:00:00.5+02:00\", \"lastUsed\": null, \"managed\": true}",
    "{\"futureField\": {\"nested\": [1, \"x\"]}, \"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"},"
    " \"created\": \"2026-01-01T00:00:00Z\", \"expirationDate\": \"6 Months from created date\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(JsonObject) object = parse (tokens[i]);
      g_autoptr(LkToken) token = lk_token_new_from_json (object, NULL);
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GString) written = g_string_new ("[\n");
      g_autofree char *expected = NULL;
      g_autoptr(JsonNode) reread = NULL;

      json_array_add_object_element (array, lk_token_to_json (token));
      json_node_set_array (root, array);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      expected = json_generator_to_data (generator, NULL);
      lk_token_append_json (token, written, 1);
      g_string_append (written, "\n]");

      /* A member unknown to this version is written compact: the same JSON, not the same text. */
      reread = json_from_string (written->str, NULL);
      g_assert_nonnull (reread);
      g_assert_true (json_node_equal (reread, root));
      if (i < 2)
        g_assert_cmpstr (written->str, ==, expected);
    }
}

/* A successor keeps its predecessor's name, with the day, once. */
static void
test_token_successor (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 12, 1, 9, 30, 0);
  static const struct {
    const char *name;
    const char *successor;
  } names[] = {
    { "CI deploy", "CI deploy (rotated 2026-12-01)" },
    { "CI deploy (rotated 2026-06-01)", "CI deploy (rotated 2026-12-01)" },
    { "(rotated 2026-06-01)", "(rotated 2026-06-01) (rotated 2026-12-01)" },
    { "Backup (rotated 20xx-06-01)", "Backup (rotated 20xx-06-01) (rotated 2026-12-01)" },
    { "Backup (rotated soon)", "Backup (rotated soon) (rotated 2026-12-01)" },
    { "CI deploy (rotated 2026-06-01, 3)", "CI deploy (rotated 2026-12-01)" },
    { "CI deploy (rotated 2026-06-01, )", "CI deploy (rotated 2026-06-01, ) (rotated 2026-12-01)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": \"a\", \"name\": \"%s\", \"owner\": {\"id\": \"o\"},"
                                               " \"created\": \"2026-01-01T00:00:00Z\"}", names[i].name);
      g_autoptr(JsonObject) object = parse (json);
      g_autoptr(LkToken) token = lk_token_new_from_json (object, NULL);
      g_autofree char *successor = lk_token_successor_name (token, now, NULL);

      g_assert_cmpstr (successor, ==, names[i].successor);
    }

  /* A second rotation the same day: a name the owner has not used. */
  {
    g_autoptr(GListStore) mine = g_list_store_new (LK_TYPE_TOKEN);
    const char *taken[] = { "CI deploy", "CI deploy (rotated 2026-12-01)", "CI deploy (rotated 2026-12-01, 2)" };
    g_autofree char *successor = NULL;
    g_autoptr(LkToken) rotated = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"id\": \"t%u\", \"name\": \"%s\", \"owner\": {\"id\": \"o\"},"
                                                 " \"created\": \"2026-01-01T00:00:00Z\"}", i, taken[i]);
        g_autoptr(JsonObject) object = parse (json);
        g_autoptr(LkToken) token = lk_token_new_from_json (object, NULL);

        g_list_store_append (mine, token);
      }

    rotated = g_list_model_get_item (G_LIST_MODEL (mine), 1);
    successor = lk_token_successor_name (rotated, now, G_LIST_MODEL (mine));
    g_assert_cmpstr (successor, ==, "CI deploy (rotated 2026-12-01, 3)");
  }

  /* As long a life from now, six months at most; none asked when it had none. */
  {
    g_autoptr(JsonObject) month = parse ("{\"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"},"
                                         " \"created\": \"2026-01-01T00:00:00Z\", \"expirationDate\": \"2026-01-31T00:00:00Z\"}");
    g_autoptr(JsonObject) long_lived = parse ("{\"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"},"
                                              " \"created\": \"2025-01-01T00:00:00Z\", \"expirationDate\": \"2027-01-01T00:00:00Z\"}");
    g_autoptr(JsonObject) forever = parse ("{\"id\": \"a\", \"name\": \"b\", \"owner\": {\"id\": \"o\"},"
                                           " \"created\": \"2026-01-01T00:00:00Z\"}");
    g_autoptr(LkToken) a = lk_token_new_from_json (month, NULL);
    g_autoptr(LkToken) b = lk_token_new_from_json (long_lived, NULL);
    g_autoptr(LkToken) c = lk_token_new_from_json (forever, NULL);
    g_autoptr(GDateTime) in_30_days = lk_token_successor_expiration (a, now);
    g_autoptr(GDateTime) capped = lk_token_successor_expiration (b, now);
    g_autoptr(GDateTime) six_months = g_date_time_add_months (now, 6);

    g_assert_cmpint (g_date_time_difference (in_30_days, now), ==, 30 * G_TIME_SPAN_DAY);
    g_assert_true (g_date_time_equal (capped, six_months));
    g_assert_null (lk_token_successor_expiration (c, now));
  }
}

/* Which token replaced which, on disk, read back by another reader (the CLI, the app). */
static void
test_rotations (void)
{
  g_autofree char *folder = g_dir_make_tmp ("lk-rotations-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "deeper", "rotations.ini", NULL);
  g_autoptr(LkRotations) writer = lk_rotations_new (path);
  g_autoptr(LkRotations) reader = lk_rotations_new (path);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new (utc, 2026, 12, 1, 9, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *successor = NULL;
  g_autofree char *name = NULL;
  g_autofree char *predecessor = NULL;
  g_autoptr(GDateTime) rotated = NULL;

  g_assert_false (lk_rotations_lookup (reader, "https://acme", "old", NULL, NULL, NULL));
  g_assert_true (lk_rotations_record (writer, "https://acme", "old", "new", "CI (rotated 2026-12-01)", when, &error));
  g_assert_no_error (error);
  g_assert_true (lk_rotations_record (writer, "https://other", "old", "elsewhere", "X", when, &error));

  g_assert_true (lk_rotations_lookup (reader, "https://acme", "old", &successor, &name, &rotated));
  g_assert_cmpstr (successor, ==, "new");
  g_assert_cmpstr (name, ==, "CI (rotated 2026-12-01)");
  g_assert_true (g_date_time_equal (rotated, when));
  {
    g_autoptr(GHashTable) links = lk_rotations_get_links (reader, "https://acme");
    LkRotationLink *link = g_hash_table_lookup (links, "old");

    g_assert_cmpuint (g_hash_table_size (links), ==, 1);
    g_assert_cmpstr (link->successor_id, ==, "new");
    g_assert_cmpstr (link->successor_name, ==, "CI (rotated 2026-12-01)");
    g_assert_true (g_date_time_equal (link->rotated, when));
  }
  predecessor = lk_rotations_get_predecessor (reader, "https://acme", "new");
  g_assert_cmpstr (predecessor, ==, "old");
  g_assert_null (lk_rotations_get_predecessor (reader, "https://acme", "elsewhere"));

  /* Revoked: the link goes, the other tenant's stays. */
  g_assert_true (lk_rotations_forget (writer, "https://acme", "old", &error));
  g_assert_false (lk_rotations_lookup (reader, "https://acme", "old", NULL, NULL, NULL));
  g_assert_true (lk_rotations_lookup (reader, "https://other", "old", NULL, NULL, NULL));

  /* A file that is not one: a write refuses to replace it, and says why. */
  g_assert_true (g_file_set_contents (path, "[unclosed\nsuccessor=x\n", -1, NULL));
  g_assert_false (lk_rotations_record (writer, "https://acme", "a", "b", "c", when, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, path));
  g_remove (path);
  {
    g_autofree char *deeper = g_path_get_dirname (path);

    g_rmdir (deeper);
    g_rmdir (folder);
  }
}

typedef struct {
  GPtrArray *elements;
  guint      stop_at;    /* the element whose function says stop, or 0 */
} Split;

static gboolean
collect_element (const char  *text,
                 gsize        length,
                 gpointer     user_data,
                 GError     **error)
{
  Split *split = user_data;

  g_ptr_array_add (split->elements, g_strndup (text, length));
  if (split->elements->len == split->stop_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
      return FALSE;
    }
  return TRUE;
}

/* The elements of @json fed in two pieces cut at @cut, joined with "|", or NULL on an error. */
static char *
split_at (const char  *json,
          gsize        cut,
          GError     **error)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_free);
  Split split = { elements, 0 };
  g_autoptr(LkJsonSplitter) splitter = lk_json_splitter_new (collect_element, &split);

  if (!lk_json_splitter_feed (splitter, json, cut, error) ||
      !lk_json_splitter_feed (splitter, json + cut, strlen (json) - cut, error) ||
      !lk_json_splitter_finish (splitter, error))
    return NULL;

  g_assert_cmpuint (lk_json_splitter_get_n_elements (splitter), ==, elements->len);
  g_ptr_array_add (elements, NULL);
  return g_strjoinv ("|", (char **) elements->pdata);
}

/* A list cut into its elements wherever the bytes are cut as they arrive. */
static void
test_json_splitter (void)
{
  static const struct {
    const char *json;
    const char *elements;
  } valid[] = {
    { "[]", "" },
    { " [ ] \n", "" },
    { "[1]", "1" },
    { "[ {\"a\": [1, {\"b\": \"]}\"}]} , \"x\\\"]\" ,true,-2.5e3,null ]", "{\"a\": [1, {\"b\": \"]}\"}]}|\"x\\\"]\"|true|-2.5e3|null" },
    { "[{\"s\": \"\\\\\"}, [[]], {}]", "{\"s\": \"\\\\\"}|[[]]|{}" },
  };
  static const char * const invalid[] = {
    "", "{}", "[", "[1", "[1,]", "[,1]", "[1 2]", "[1] x", "[{\"a\": 1}", "[\"a]", "x[]", "[{\"a\": 1 /* } */}]", "[// ]\n1]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    for (gsize cut = 0; cut <= strlen (valid[i].json); cut++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *elements = split_at (valid[i].json, cut, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (elements, ==, valid[i].elements);
      }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    for (gsize cut = 0; cut <= strlen (invalid[i]); cut++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *elements = split_at (invalid[i], cut, &error);

        g_assert_null (elements);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        g_assert_nonnull (strstr (error->message, "byte"));
      }

  /* The element function stops it, with its error. */
  {
    g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_free);
    Split split = { elements, 2 };
    g_autoptr(LkJsonSplitter) splitter = lk_json_splitter_new (collect_element, &split);
    g_autoptr(GError) error = NULL;

    g_assert_false (lk_json_splitter_feed (splitter, "[1, 2, 3]", 9, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (elements->len, ==, 2);
  }
}

/* The list example of the v3 spec: dates in epoch milliseconds, and a null
 * where the spec allows none.
 */
#define POLICY_EXAMPLE \
  "{\"id\": \"2c91808e7d976f3b017d9f5ceae440c8\", \"name\": \"Example PP\"," \
  " \"description\": \"Information about the Password Policy\", \"dateCreated\": 1639056206564," \
  " \"lastUpdated\": 1662385430753, \"firstExpirationReminder\": null, \"accountIdMinWordLength\": 3," \
  " \"accountNameMinWordLength\": 3, \"maxLength\": 0, \"maxRepeatedChars\": 4, \"minAlpha\": 1," \
  " \"minCharacterTypes\": -1, \"minLength\": 8, \"minLower\": 0, \"minNumeric\": 1, \"minSpecial\": 0," \
  " \"minUpper\": 0, \"passwordExpiration\": 90, \"defaultPolicy\": true, \"enablePasswdExpiration\": false," \
  " \"requireStrongAuthn\": false, \"requireStrongAuthOffNetwork\": false," \
  " \"requireStrongAuthUntrustedGeographies\": false, \"useAccountAttributes\": false, \"useDictionary\": false," \
  " \"useIdentityAttributes\": false, \"validateAgainstAccountId\": true, \"validateAgainstAccountName\": true," \
  " \"sourceIds\": [\"2c91808382ffee0b01830de154f14034\", \"2c91808582ffee0c01830de36511405f\"]," \
  " \"connectedServicesHint\": \"from a later version\"}"

static void
test_policy_example (void)
{
  g_autoptr(JsonObject) object = parse (POLICY_EXAMPLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPasswordPolicy) policy = lk_password_policy_new_from_json (object, &error);
  g_autoptr(JsonObject) sent = NULL;
  gint64 min_length;

  g_assert_no_error (error);
  g_assert_cmpstr (lk_password_policy_get_name (policy), ==, "Example PP");
  g_assert_true (lk_password_policy_is_default (policy));
  g_assert_cmpint (lk_password_policy_get_int (policy, "min-length"), ==, 8);
  g_assert_cmpint (lk_password_policy_get_int (policy, "max-repeated-chars"), ==, 4);
  g_assert_cmpint (lk_password_policy_get_int (policy, "first-expiration-reminder"), ==, -1);
  g_assert_true (lk_password_policy_get_flag (policy, "validate-against-account-name"));
  g_assert_cmpuint (g_strv_length ((char **) lk_password_policy_get_source_ids (policy)), ==, 2);

  /* Epoch milliseconds: 1639056206564 is 2021-12-09T13:23:26.564Z. */
  g_assert_cmpint (g_date_time_to_unix (lk_password_policy_get_date_created (policy)), ==, 1639056206);
  g_assert_cmpint (g_date_time_get_microsecond (lk_password_policy_get_date_created (policy)), ==, 564000);

  /* An edit through the property, then what a PUT would send. */
  g_object_set (policy, "min-length", (gint64) 12, "name", "Renamed", NULL);
  g_object_get (policy, "min-length", &min_length, NULL);
  g_assert_cmpint (min_length, ==, 12);
  sent = lk_password_policy_to_json (policy);
  g_assert_cmpint (json_object_get_int_member (sent, "minLength"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==, "Renamed");
  /* What this version does not know goes back as it came. */
  g_assert_cmpstr (json_object_get_string_member (sent, "connectedServicesHint"), ==, "from a later version");
  g_assert_cmpint (json_object_get_int_member (sent, "dateCreated"), ==, 1639056206564);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (sent, "firstExpirationReminder")));
  /* And the tenant's own copy is untouched. */
  g_assert_cmpint (json_object_get_int_member (object, "minLength"), ==, 8);
}

static void
test_policy_dates_either_way (void)
{
  g_autoptr(JsonObject) iso = parse ("{\"id\": \"p\", \"dateCreated\": \"2021-12-09T13:23:26.564Z\"}");
  g_autoptr(JsonObject) millis = parse ("{\"id\": \"p\", \"dateCreated\": \"1639056206564\"}");
  g_autoptr(LkPasswordPolicy) a = lk_password_policy_new_from_json (iso, NULL);
  g_autoptr(LkPasswordPolicy) b = lk_password_policy_new_from_json (millis, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (g_date_time_equal (lk_password_policy_get_date_created (a), lk_password_policy_get_date_created (b)));
}

static void
test_policy_notifies_once (void)
{
  g_autoptr(LkPasswordPolicy) policy = lk_password_policy_new ();
  guint notified = 0;

  lk_test_count_notify (policy, "min-numeric", &notified);
  g_object_set (policy, "min-numeric", (gint64) 2, NULL);
  g_object_set (policy, "min-numeric", (gint64) 2, NULL);
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_policy_broken (void)
{
  static const char * const broken[] = {
    "{\"id\": 7}",
    "{\"id\": \"p\", \"minLength\": \"8\"}",
    "{\"id\": \"p\", \"useDictionary\": 1}",
    "{\"id\": \"p\", \"sourceIds\": \"x\"}",
    "{\"id\": \"p\", \"dateCreated\": true}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(JsonObject) object = parse (broken[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LkPasswordPolicy) policy = lk_password_policy_new_from_json (object, &error);

      g_assert_null (policy);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  /* A policy from a file, not yet the tenant's, has no id: not broken. */
  {
    g_autoptr(JsonObject) object = parse ("{\"name\": \"from a file\", \"minLength\": 9}");
    g_autoptr(LkPasswordPolicy) policy = lk_password_policy_new_from_json (object, NULL);

    g_assert_nonnull (policy);
    g_assert_null (lk_password_policy_get_id (policy));
    g_assert_cmpint (lk_password_policy_get_int (policy, "min-length"), ==, 9);
  }
}

static void
test_sync_group (void)
{
  g_autoptr(JsonObject) object = parse (
    "{\"id\": \"6881f631-3bd5-4213-9c75-8e05cc3e35dd\", \"name\": \"Password Sync Group 1\","
    " \"passwordPolicyId\": \"2c91808d744ba0ce01746f93b6204501\","
    " \"sourceIds\": [\"2c918084660f45d6016617daa9210584\", \"2c918084660f45d6016617daa9210500\"],"
    " \"created\": \"2023-03-16T04:00:00Z\", \"modified\": null, \"futureField\": 7}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSyncGroup) group = lk_sync_group_new_from_json (object, &error);
  g_autoptr(JsonObject) sent = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (lk_sync_group_get_name (group), ==, "Password Sync Group 1");
  g_assert_cmpstr (lk_sync_group_get_password_policy_id (group), ==, "2c91808d744ba0ce01746f93b6204501");
  g_assert_cmpuint (g_strv_length ((char **) lk_sync_group_get_source_ids (group)), ==, 2);
  g_assert_nonnull (lk_sync_group_get_created (group));
  g_assert_null (lk_sync_group_get_modified (group));

  g_object_set (group, "source-ids", (const char * const []) { "a", "b", "c", NULL }, NULL);
  sent = lk_sync_group_to_json (group);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sent, "sourceIds")), ==, 3);
  g_assert_cmpint (json_object_get_int_member (sent, "futureField"), ==, 7);
}

static void
test_password_info (void)
{
  g_autoptr(JsonObject) object = parse (
    "{\"identityId\": \"2c918085744fec4301746f9a5bce4605\", \"sourceId\": \"2c918083746f642c01746f990884012a\","
    " \"publicKeyId\": \"N2M1OTJiMGEtMDJlZS00ZWU3LTkyYTEtNjA5YmI5NWE3ZWVh\", \"publicKey\": \"MIIBIjAN\","
    " \"accounts\": [{\"accountId\": \"CN=Abby Smith,OU=Austin\", \"accountName\": \"Abby.Smith\"}],"
    " \"policies\": [\"passwordRepeatedChar is 3\", \"passwordMinAlpha is 1\", \"passwordMinLength is 5\"]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPasswordInfo) info = lk_password_info_new_from_json (object, &error);
  g_autoptr(LkPasswordAccount) account = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lk_password_info_get_accounts (info)), ==, 1);
  account = g_list_model_get_item (lk_password_info_get_accounts (info), 0);
  g_assert_cmpstr (lk_password_account_get_id (account), ==, "CN=Abby Smith,OU=Austin");
  g_assert_cmpstr (lk_password_account_get_name (account), ==, "Abby.Smith");
  g_assert_cmpstr (lk_password_info_get_policies (info)[2], ==, "passwordMinLength is 5");

  /* No public key, no set-password: an error, not a crash later. */
  json_object_remove_member (object, "publicKey");
  g_clear_object (&info);
  info = lk_password_info_new_from_json (object, &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  json_object_set_string_member (object, "publicKey", "MIIB");
  json_object_set_array_member (object, "accounts", json_array_new ());
  json_array_add_int_element (json_object_get_array_member (object, "accounts"), 1);
  info = lk_password_info_new_from_json (object, &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_password_status (void)
{
  static const struct {
    const char      *json;
    LkPasswordState  state;
    const char      *request_id;
  } cases[] = {
    { "{\"requestId\": \"089899f13a8f4da7824996191587bab9\", \"state\": \"IN_PROGRESS\"}",
      LK_PASSWORD_STATE_IN_PROGRESS, "089899f13a8f4da7824996191587bab9" },
    { "{\"requestId\": \"r\", \"state\": \"FAILED\", \"errors\": [\"The password change payload is invalid\"]}",
      LK_PASSWORD_STATE_FAILED, "r" },
    { "{\"requestId\": null, \"state\": \"FINISHED\", \"sourceIds\": [\"s\"]}",
      LK_PASSWORD_STATE_FINISHED, NULL },
    /* The beta example, typos and all. */
    { "{\"reqeustId\": \"b\", \"state\": \"IN_PROCESS\"}", LK_PASSWORD_STATE_IN_PROGRESS, "b" },
    /* A state from a later version. */
    { "{\"requestId\": \"n\", \"state\": \"QUEUED\"}", LK_PASSWORD_STATE_UNKNOWN, "n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) object = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(LkPasswordStatus) status = lk_password_status_new_from_json (object, &error);

      g_assert_no_error (error);
      g_assert_cmpint (lk_password_status_get_state (status), ==, cases[i].state);
      g_assert_cmpstr (lk_password_status_get_request_id (status), ==, cases[i].request_id);
    }

  {
    g_autoptr(JsonObject) object = parse ("{\"requestId\": \"n\", \"state\": \"QUEUED\", \"errors\": \"x\"}");
    g_autoptr(GError) error = NULL;
    g_autoptr(LkPasswordStatus) status = lk_password_status_new_from_json (object, &error);

    g_assert_null (status);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_csv_quoting (void)
{
  static const char * const row[] = {
    "plain", "with, comma", "with \"quotes\"", "two\nlines", "=HYPERLINK(\"http://x\")", "-1", "@SUM(A1)", "", NULL
  };
  g_autoptr(GString) csv = g_string_new (NULL);

  lk_csv_append_row (csv, row);

  /* RFC 4180, and no formula a spreadsheet would run. */
  g_assert_cmpstr (csv->str, ==,
                   "plain,\"with, comma\",\"with \"\"quotes\"\"\",\"two\nlines\","
                   "\"'=HYPERLINK(\"\"http://x\"\")\",\"'-1\",\"'@SUM(A1)\",\r\n");
}

static void
test_tokens_csv (void)
{
  g_autoptr(JsonObject) object = parse (TOKEN_EXAMPLE);
  g_autoptr(LkToken) token = lk_token_new_from_json (object, NULL);
  g_autoptr(GListStore) tokens = g_list_store_new (LK_TYPE_TOKEN);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  g_list_store_append (tokens, token);
  csv = lk_tokens_to_csv (G_LIST_MODEL (tokens));
  lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "id,name,ownerId,ownerName,scope,created,lastUsed,expirationDate"));
  g_assert_cmpstr (lines[1], ==,
                   "86f1dc6fe8f54414950454cbb11278fa,NodeJS Integration,2c9180a46faadee4016fb4e018c20639,Support,"
                   "demo:personal-access-token-scope:first demo:personal-access-token-scope:second,"
                   "2017-07-11T18:45:37.098Z,2017-07-11T18:45:37.098Z,2018-01-11T18:45:37.098Z,36900,false");
  g_assert_cmpstr (lines[2], ==, "");

  /* From a list of several tenants: whose each token is comes first. */
  {
    g_autoptr(LkTenant) tenant = lk_tenant_new ("Acme, Prod", "https://acme.api.identitynow.com", "client");
    g_autofree char *with_tenant = NULL;
    g_auto(GStrv) tenant_lines = NULL;

    lk_token_set_tenant (token, tenant);
    with_tenant = lk_tokens_to_csv (G_LIST_MODEL (tokens));
    tenant_lines = g_strsplit (with_tenant, "\r\n", -1);
    g_assert_true (g_str_has_prefix (tenant_lines[0], "tenant,tenantUrl,id,name,"));
    g_assert_true (g_str_has_prefix (tenant_lines[1], "\"Acme, Prod\",https://acme.api.identitynow.com,"
                                                      "86f1dc6fe8f54414950454cbb11278fa,NodeJS Integration,"));
  }
}

/* The filters of GET /personal-access-tokens, as the spec writes them. */
static void
test_token_use_filter (void)
{
  g_autoptr(GDateTime) since = g_date_time_new_utc (2026, 3, 15, 23, 59, 59.999);
  g_autofree char *never = lk_token_use_filter (LK_TOKEN_USE_NEVER, NULL);
  g_autofree char *not_since = lk_token_use_filter (LK_TOKEN_USE_NOT_SINCE, since);
  g_autofree char *any = lk_token_use_filter (LK_TOKEN_USE_ANY, NULL);

  g_assert_cmpstr (never, ==, "lastUsed isnull");
  g_assert_cmpstr (not_since, ==, "lastUsed le 2026-03-15T23:59:59.999Z");
  g_assert_null (any);
}

/* What differs between two versions of an object: what a History row shows. */
static void
test_json_diff (void)
{
  g_autoptr(JsonObject) then = parse ("{\"id\": \"a\", \"name\": \"Strong\", \"minLength\": 8,"
                                      " \"sourceIds\": [\"s1\"], \"lastUpdated\": \"2026-01-01T00:00:00Z\"}");
  g_autoptr(JsonObject) now = parse ("{\"id\": \"a\", \"name\": \"Strong\", \"minLength\": 12,"
                                     " \"sourceIds\": [\"s1\", \"s2\"], \"maxLength\": 40,"
                                     " \"lastUpdated\": \"2026-06-01T00:00:00Z\"}");
  const char * const stamps[] = { "id", "lastUpdated", NULL };
  g_autoptr(GPtrArray) members = lk_json_diff_members (then, now, stamps);
  g_autofree char *missing = lk_json_node_to_text (json_object_get_member (then, "maxLength"));
  g_autofree char *sources = lk_json_node_to_text (json_object_get_member (now, "sourceIds"));

  g_assert_cmpuint (members->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (members, 0), ==, "maxLength");
  g_assert_cmpstr (g_ptr_array_index (members, 1), ==, "minLength");
  g_assert_cmpstr (g_ptr_array_index (members, 2), ==, "sourceIds");
  g_assert_cmpstr (missing, ==, "—");
  g_assert_cmpstr (sources, ==, "[\"s1\",\"s2\"]");

  g_clear_pointer (&members, g_ptr_array_unref);
  members = lk_json_diff_members (then, then, NULL);
  g_assert_cmpuint (members->len, ==, 0);
}

/* Numbers from tenants, files and the command line: digits alone, in range. */
static void
test_parse_numbers (void)
{
  guint64 u = 0;
  gint64 i = 0;

  g_assert_true (lk_parse_unsigned ("1", 1, G_MAXINT64, &u));
  g_assert_cmpuint (u, ==, 1);
  g_assert_true (lk_parse_unsigned ("18446744073709551615", 0, G_MAXUINT64, &u));
  g_assert_cmpuint (u, ==, G_MAXUINT64);
  g_assert_false (lk_parse_unsigned ("18446744073709551616", 0, G_MAXUINT64, &u));
  g_assert_false (lk_parse_unsigned ("0", 1, 10, &u));
  g_assert_false (lk_parse_unsigned ("11", 1, 10, &u));
  g_assert_false (lk_parse_unsigned ("", 0, 10, &u));
  g_assert_false (lk_parse_unsigned (" 1", 0, 10, &u));
  g_assert_false (lk_parse_unsigned ("+1", 0, 10, &u));
  g_assert_false (lk_parse_unsigned ("1e3", 0, 10000, &u));
  g_assert_false (lk_parse_unsigned ("0x10", 0, 100, &u));
  g_assert_false (lk_parse_unsigned (NULL, 0, 100, &u));

  g_assert_true (lk_parse_signed ("-9223372036854775808", &i));
  g_assert_cmpint (i, ==, G_MININT64);
  g_assert_true (lk_parse_signed ("9223372036854775807", &i));
  g_assert_cmpint (i, ==, G_MAXINT64);
  g_assert_false (lk_parse_signed ("9223372036854775808", &i));
  g_assert_false (lk_parse_signed ("-", &i));
  g_assert_false (lk_parse_signed ("--1", &i));
}

static GListModel *
sources (const char * const *pairs)
{
  GListStore *store = g_list_store_new (LK_TYPE_SOURCE);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"name\": \"%s\"}", pairs[i], pairs[i + 1]);
      g_autoptr(JsonObject) object = parse (json);
      g_autoptr(GError) error = NULL;
      g_autoptr(LkSource) source = lk_source_new_from_json (object, &error);

      g_assert_no_error (error);
      g_list_store_append (store, source);
    }

  return G_LIST_MODEL (store);
}

/* A copy's preview: sources by name, the rest left out and listed, no tenant fields, a digest of object and target. */
static void
test_copy_preview (void)
{
  const char * const here_pairs[] = { "h1", "Active Directory", "h2", "Workday", "h3", "Okta", NULL };
  const char * const there_pairs[] = { "t1", "Okta", "t2", "Active Directory", NULL };
  g_autoptr(GListModel) here = sources (here_pairs);
  g_autoptr(GListModel) there = sources (there_pairs);
  g_autoptr(JsonObject) policy = parse ("{\"id\": \"p1\", \"name\": \"Strong\", \"minLength\": 12,"
                                        " \"sourceIds\": [\"h1\", \"h2\", \"h3\"],"
                                        " \"lastUpdated\": \"2026-01-01T00:00:00Z\"}");
  g_autoptr(LkCopyPreview) preview = NULL;
  g_autoptr(LkCopyPreview) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *ids;

  preview = lk_copy_preview_new (&lk_password_policy_kind, policy, here, there, NULL, NULL,
                                 "https://prod.api.identitynow.com", &error);
  g_assert_no_error (error);
  ids = json_object_get_array_member (preview->object, "sourceIds");
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "t2");
  g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, "t1");
  g_assert_cmpuint (preview->left_out->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (preview->left_out, 0), ==, "sourceIds: Workday");
  g_assert_false (json_object_has_member (preview->object, "id"));
  g_assert_false (json_object_has_member (preview->object, "lastUpdated"));
  g_assert_cmpint (json_object_get_int_member (preview->object, "minLength"), ==, 12);
  g_assert_cmpuint (strlen (preview->digest), ==, 16);

  /* The same copy to another tenant is another preview. */
  elsewhere = lk_copy_preview_new (&lk_password_policy_kind, policy, here, there, NULL, NULL,
                                   "https://test.api.identitynow.com", &error);
  g_assert_cmpstr (elsewhere->digest, !=, preview->digest);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/models/token-use-filter", test_token_use_filter);
  g_test_add_func ("/lk/models/json-diff", test_json_diff);
  g_test_add_func ("/lk/models/parse-numbers", test_parse_numbers);
  g_test_add_func ("/lk/models/copy-preview", test_copy_preview);

  g_test_add_func ("/lk/models/token/example", test_token_example);
  g_test_add_func ("/lk/models/token/lenient", test_token_lenient);
  g_test_add_func ("/lk/models/token/broken", test_token_broken);
  g_test_add_func ("/lk/models/token/from-text", test_token_from_text);
  g_test_add_func ("/lk/models/token/from-text-leaves-the-rest", test_token_from_text_leaves_the_rest);
  g_test_add_func ("/lk/models/json-splitter", test_json_splitter);
  g_test_add_func ("/lk/models/token/append-json", test_token_append_json);
  g_test_add_func ("/lk/models/token/successor", test_token_successor);
  g_test_add_func ("/lk/models/rotations", test_rotations);
  g_test_add_func ("/lk/models/policy/example", test_policy_example);
  g_test_add_func ("/lk/models/policy/dates-either-way", test_policy_dates_either_way);
  g_test_add_func ("/lk/models/policy/notifies-once", test_policy_notifies_once);
  g_test_add_func ("/lk/models/policy/broken", test_policy_broken);
  g_test_add_func ("/lk/models/sync-group", test_sync_group);
  g_test_add_func ("/lk/models/password-info", test_password_info);
  g_test_add_func ("/lk/models/password-status", test_password_status);
  g_test_add_func ("/lk/models/csv-quoting", test_csv_quoting);
  g_test_add_func ("/lk/models/tokens-csv", test_tokens_csv);

  return g_test_run ();
}
