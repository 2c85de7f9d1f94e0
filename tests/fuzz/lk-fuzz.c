/* lk-fuzz.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lk-csv.h"
#include "lk-error.h"
#include "lk-client-tokens.h"
#include "lk-json.h"
#include "lk-json-splitter.h"
#include "lk-password-info.h"
#include "lk-password-policy.h"
#include "lk-password-rules.h"
#include "lk-password-status.h"
#include "lk-sync-group.h"
#include "lk-token.h"

/* libFuzzer targets for what Latchkey reads from a tenant or a file: one
 * source, one binary a target, the target chosen with -DLK_FUZZ_TARGET.
 * Each feeds the input to a parser and uses what comes out, as the app
 * would; a crash, a leak or undefined behaviour is a finding, and so is a
 * parser that fails without saying why (callers print the error's
 * message) or says why and still returns something.
 */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A result and its error: exactly one of the two. */
static gpointer
checked (gpointer  result,
         GError  **error,
         const char *what)
{
  if ((result == NULL) != (*error != NULL))
    g_error ("%s returned %s %s an error", what, result ? "a result" : "nothing", *error ? "with" : "without");
  if (*error != NULL && (*error)->message == NULL)
    g_error ("%s set an error without a message", what);
  g_clear_error (error);
  return result;
}

#define CHECKED(call) checked ((call), &error, #call)

/* A finding: abort(), not g_error()'s trap, so that libFuzzer keeps the input. */
#define FINDING(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static JsonObject *
parse_object (const guint8 *data,
              size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;

  return CHECKED (lk_json_parse_object (bytes, &error));
}

static void
fuzz_token (const guint8 *data,
            size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = parse_object (data, size);
  g_autoptr(LkToken) token = object ? CHECKED (lk_token_new_from_json (object, &error)) : NULL;

  if (token != NULL)
    {
      g_autoptr(JsonNode) expected = json_node_init_object (json_node_alloc (), lk_token_to_json (token));
      g_autoptr(GString) written = g_string_new (NULL);
      g_autoptr(JsonNode) reread = NULL;

      /* As latchkey-cli writes it: the same JSON as json-glib's. */
      json_object_unref (json_node_get_object (expected));
      lk_token_append_json (token, written, 0);
      reread = json_from_string (written->str, NULL);
      if (reread == NULL || !json_node_equal (reread, expected))
        FINDING ("lk_token_append_json() wrote other JSON: %s", written->str);
      (void) lk_token_get_search_key (token);
    }
}

/* The tokens as json-glib's tree reads them: the reference for the faster ways. */
static GPtrArray *
tokens_from_tree (const guint8 *data,
                  size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonArray) array = CHECKED (lk_json_parse_large_array (bytes, &error));
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      LkToken *token = JSON_NODE_HOLDS_OBJECT (node)
                       ? CHECKED (lk_token_new_from_json (json_node_get_object (node), &error)) : NULL;

      if (token == NULL)
        return NULL;
      g_ptr_array_add (tokens, token);
    }

  return array != NULL ? g_steal_pointer (&tokens) : NULL;
}

static void
assert_same_tokens (LkToken *a,
                    LkToken *b)
{
  g_autoptr(JsonNode) a_node = json_node_init_object (json_node_alloc (), lk_token_to_json (a));
  g_autoptr(JsonNode) b_node = json_node_init_object (json_node_alloc (), lk_token_to_json (b));

  json_object_unref (json_node_get_object (a_node));
  json_object_unref (json_node_get_object (b_node));
  if (!json_node_equal (a_node, b_node) || g_strcmp0 (lk_token_get_search_key (a), lk_token_get_search_key (b)) != 0)
    FINDING ("two ways read two different tokens");
}

/* The token list as the client reads it (split, each token without a
 * tree where it can be), then its CSV export: the same tokens as the
 * tree's, or the same refusal.
 */
static void
fuzz_token_list (const guint8 *data,
                 size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GPtrArray) tokens = CHECKED (lk_client_read_token_list (bytes, &error));
  g_autoptr(GPtrArray) reference = tokens_from_tree (data, size);
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  g_autofree char *csv = NULL;

  if ((tokens == NULL) != (reference == NULL) || (tokens && tokens->len != reference->len))
    FINDING ("the client read %d tokens, the tree %d", tokens ? (int) tokens->len : -1,
             reference ? (int) reference->len : -1);

  for (guint i = 0; tokens && i < tokens->len; i++)
    {
      assert_same_tokens (g_ptr_array_index (tokens, i), g_ptr_array_index (reference, i));
      g_list_store_append (store, g_ptr_array_index (tokens, i));
    }

  csv = lk_tokens_to_csv (G_LIST_MODEL (store));
}

/* One token read without a tree: only when the tree reads the same token. */
static void
fuzz_token_text (const guint8 *data,
                 size_t        size)
{
  g_autoptr(LkToken) fast = lk_token_new_from_text ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LkToken) slow = NULL;

  if (fast == NULL)
    return;

  object = parse_object (data, size);
  slow = object ? CHECKED (lk_token_new_from_json (object, &error)) : NULL;
  if (slow == NULL)
    FINDING ("read without a tree, refused by it");
  assert_same_tokens (fast, slow);
}

static gboolean
count_element (const char  *element,
               gsize        length,
               gpointer     user_data,
               GError     **error)
{
  g_autoptr(GByteArray) wrapped = g_byte_array_sized_new (length + 2);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonArray) array = NULL;

  /* An element is checked as the one element of a list, within the depth limit. */
  g_byte_array_append (wrapped, (const guint8 *) "[", 1);
  g_byte_array_append (wrapped, (const guint8 *) element, length);
  g_byte_array_append (wrapped, (const guint8 *) "]", 1);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&wrapped));
  if (!(array = lk_json_parse_large_array (bytes, error)))
    return FALSE;
  if (json_array_get_length (array) != 1)
    FINDING ("an element of %u values", json_array_get_length (array));

  (*(guint *) user_data)++;
  return TRUE;
}

/* The splitter, its input cut where the first byte says: what it splits,
 * json-glib reads as a list of as many. Not the other way: json-glib takes
 * more (a second document after the first, say), and where the splitter
 * refuses, the client reads the list json-glib's way.
 */
static void
fuzz_json_splitter (const guint8 *data,
                    size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkJsonSplitter) splitter = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonArray) reference = NULL;
  guint counted = 0;
  gsize cut;
  gboolean split;

  if (size < 1)
    return;
  cut = data[0] % size;
  data++, size--;

  splitter = lk_json_splitter_new (count_element, &counted);
  split = lk_json_splitter_feed (splitter, (const char *) data, MIN (cut, size), &error) &&
          lk_json_splitter_feed (splitter, (const char *) data + MIN (cut, size), size - MIN (cut, size), &error) &&
          lk_json_splitter_finish (splitter, &error);
  if (split == (error != NULL))
    FINDING ("the splitter said %s %s an error", split ? "yes" : "no", error ? "with" : "without");
  g_clear_error (&error);

  bytes = g_bytes_new (data, size);
  reference = lk_json_parse_large_array (bytes, NULL);
  if (split && (reference == NULL || counted != json_array_get_length (reference)))
    FINDING ("split %s into %u, json-glib %d", split ? "yes" : "no", counted,
             reference ? (int) json_array_get_length (reference) : -1);
}

/* A policy from the tenant or from a file the user opens. */
static void
fuzz_password_policy (const guint8 *data,
                      size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = parse_object (data, size);
  g_autoptr(LkPasswordPolicy) policy = object ? CHECKED (lk_password_policy_new_from_json (object, &error)) : NULL;

  if (policy != NULL)
    {
      g_autoptr(LkPasswordRules) rules = lk_password_rules_new_from_policy (policy);
      gboolean sendable = lk_password_policy_check (policy, &error);

      /* What would be sent: told why when not. */
      if (sendable == (error != NULL))
        g_error ("lk_password_policy_check() said %s %s an error", sendable ? "yes" : "no", error ? "with" : "without");
      g_clear_error (&error);

      json_object_unref (lk_password_policy_to_json (policy));
      lk_password_rules_set_account (rules, "Abby.Smith", "CN=Abby Smith");
      lk_password_rules_check (rules, "Xy9!kk#Pq2zz");
    }
}

static void
fuzz_sync_group (const guint8 *data,
                 size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = parse_object (data, size);
  g_autoptr(LkSyncGroup) group = object ? CHECKED (lk_sync_group_new_from_json (object, &error)) : NULL;

  if (group != NULL)
    {
      gboolean sendable = lk_sync_group_check (group, &error);

      if (sendable == (error != NULL))
        g_error ("lk_sync_group_check() said %s %s an error", sendable ? "yes" : "no", error ? "with" : "without");
      g_clear_error (&error);
      json_object_unref (lk_sync_group_to_json (group));
    }
}

static void
fuzz_password_info (const guint8 *data,
                    size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = parse_object (data, size);
  g_autoptr(LkPasswordInfo) info = object ? CHECKED (lk_password_info_new_from_json (object, &error)) : NULL;

  if (info != NULL)
    {
      g_autoptr(LkPasswordRules) rules = lk_password_rules_new_from_constraints (lk_password_info_get_policies (info));

      lk_password_rules_check (rules, "Xy9!kk#Pq2zz");
    }
}

static void
fuzz_password_status (const guint8 *data,
                      size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = parse_object (data, size);
  g_autoptr(LkPasswordStatus) status = object ? CHECKED (lk_password_status_new_from_json (object, &error)) : NULL;

  if (status != NULL)
    (void) lk_password_status_is_done (status);
}

/* An error answer: the first byte picks the status, the rest is the body. */
static void
fuzz_error_response (const guint8 *data,
                     size_t        size)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (size < 1)
    return;

  status = 400 + data[0] % 200;
  body = g_bytes_new (data + 1, size - 1);
  error = lk_client_error_new_from_response (status, "Reason", body);
  if (error == NULL || error->message == NULL || *error->message == '\0')
    g_error ("an error answer made no error to show");
  (void) lk_client_error_get_server_message (error);
  (void) lk_client_error_get_tracking_id (error);
  (void) lk_client_error_get_detail_code (error);
}

/* PasswordInfo's constraint strings, a line each; the last line is the password tried. */
static void
fuzz_constraints (const guint8 *data,
                  size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_lines = g_strv_length (lines);
  g_autofree char *password = n_lines > 0 ? g_strdup (lines[n_lines - 1]) : g_strdup ("");
  g_autoptr(LkPasswordRules) rules = NULL;

  if (n_lines > 0)
    g_clear_pointer (&lines[n_lines - 1], g_free);
  rules = lk_password_rules_new_from_constraints ((const char * const *) lines);
  lk_password_rules_set_account (rules, "Abby.Smith", "CN=Abby Smith");
  lk_password_rules_check (rules, password);
}

static const struct {
  const char *name;
  void      (*run) (const guint8 *data,
                    size_t        size);
} targets[] = {
  { "token", fuzz_token },
  { "token-list", fuzz_token_list },
  { "token-text", fuzz_token_text },
  { "json-splitter", fuzz_json_splitter },
  { "password-policy", fuzz_password_policy },
  { "sync-group", fuzz_sync_group },
  { "password-info", fuzz_password_info },
  { "password-status", fuzz_password_status },
  { "error-response", fuzz_error_response },
  { "constraints", fuzz_constraints },
};

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static void (*run) (const guint8 *, size_t);

  if (run == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (targets) && run == NULL; i++)
        if (g_str_equal (targets[i].name, LK_FUZZ_TARGET))
          run = targets[i].run;
      g_assert (run != NULL);
    }

  run (data, size);
  return 0;
}
