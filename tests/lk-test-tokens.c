/* lk-test-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lk-test-tokens.h"

LkToken *
lk_test_token_new (const char *name,
                   const char *owner,
                   const char *last_used,
                   const char *expires)
{
  g_autofree char *text = g_strdup_printf (
    "{\"id\": \"%s-id\", \"name\": \"%s\", \"scope\": [\"sp:scopes:all\"],"
    " \"owner\": {\"type\": \"IDENTITY\", \"id\": \"%s-id\", \"name\": \"%s\"},"
    " \"created\": \"2026-01-01T00:00:00.000Z\", \"lastUsed\": %s%s%s, \"expirationDate\": %s%s%s}",
    name, name, owner, owner,
    last_used ? "\"" : "", last_used ? last_used : "null", last_used ? "\"" : "",
    expires ? "\"" : "", expires ? expires : "null", expires ? "\"" : "");
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  LkToken *token = lk_token_new_from_json (json_node_get_object (node), &error);

  g_assert_no_error (error);
  return token;
}

LkTokenListModel *
lk_test_sample_tokens (void)
{
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  LkTokenListModel *model = lk_token_list_model_new ();
  LkToken *tokens[] = {
    lk_test_token_new ("terraform", "Abby Smith", "2026-11-20T10:00:00.000Z", "2027-03-01T00:00:00.000Z"),
    lk_test_token_new ("Ansible", "Brian Cole", NULL, NULL),
    lk_test_token_new ("backup job", "Abby Smith", "2025-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z"),
    lk_test_token_new ("CI deploy", "Chandra Iyer", "2026-06-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_list_store_append (store, tokens[i]);
      g_object_unref (tokens[i]);
    }
  lk_token_list_model_set_tokens (model, G_LIST_MODEL (store));

  return model;
}

LkTokenListModel *
lk_test_numbered_tokens (guint n)
{
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  LkTokenListModel *model = lk_token_list_model_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("token %03u", i);
      g_autoptr(LkToken) token = lk_test_token_new (name, i % 2 ? "Brian Cole" : "Abby Smith", NULL, NULL);

      g_list_store_append (store, token);
    }
  lk_token_list_model_set_tokens (model, G_LIST_MODEL (store));
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);

  return model;
}
