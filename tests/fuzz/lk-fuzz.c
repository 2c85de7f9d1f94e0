/* lk-fuzz.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-csv.h"
#include "lk-error.h"
#include "lk-json.h"
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
      json_object_unref (lk_token_to_json (token));
      (void) lk_token_get_search_key (token);
    }
}

/* A page of the token list, then its CSV export. */
static void
fuzz_token_list (const guint8 *data,
                 size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonArray) array = CHECKED (lk_json_parse_large_array (bytes, &error));
  g_autoptr(GListStore) tokens = g_list_store_new (LK_TYPE_TOKEN);
  g_autofree char *csv = NULL;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(LkToken) token = JSON_NODE_HOLDS_OBJECT (node)
                                 ? CHECKED (lk_token_new_from_json (json_node_get_object (node), &error)) : NULL;

      if (token != NULL)
        g_list_store_append (tokens, token);
    }

  csv = lk_tokens_to_csv (G_LIST_MODEL (tokens));
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
