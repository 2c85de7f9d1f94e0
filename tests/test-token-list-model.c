/* test-token-list-model.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-test-tokens.h"
#include "lk-test-wait.h"

/* The Tokens page's list: what is shown, in which order, and which rows a
 * keystroke tells the view about.
 */

static char *
names (LkTokenListModel *model)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (text, "%s%s", i ? "|" : "", lk_token_get_name (token));
    }

  return g_string_free (text, FALSE);
}

static void
assert_names (LkTokenListModel *model,
              const char       *expected)
{
  g_autofree char *shown = names (model);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_sort (void)
{
  g_autoptr(LkTokenListModel) model = lk_test_sample_tokens ();

  /* The tenant's order until a column is chosen. */
  assert_names (model, "terraform|Ansible|backup job|CI deploy");

  /* Names by collation: case does not put capitals first. */
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);
  assert_names (model, "Ansible|backup job|CI deploy|terraform");
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, TRUE);
  assert_names (model, "terraform|CI deploy|backup job|Ansible");

  /* Never used is the oldest use: last when the latest come first. */
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_LAST_USED, TRUE);
  assert_names (model, "terraform|CI deploy|backup job|Ansible");
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_LAST_USED, FALSE);
  assert_names (model, "Ansible|backup job|CI deploy|terraform");

  /* Ties keep the tenant's order. */
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_OWNER, FALSE);
  assert_names (model, "terraform|backup job|Ansible|CI deploy");
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_CREATED, TRUE);
  assert_names (model, "terraform|Ansible|backup job|CI deploy");
}

static void
test_search (void)
{
  g_autoptr(LkTokenListModel) model = lk_test_sample_tokens ();
  LkTestChanges change = { 0 };

  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);
  lk_test_record_changes (model, &change);

  /* Name and owner, any case, surrounding space ignored. */
  lk_token_list_model_set_search (model, "  ABBY ");
  assert_names (model, "backup job|terraform");
  g_assert_cmpstr (lk_token_list_model_get_search (model), ==, "abby");
  lk_token_list_model_set_search (model, "abby s");
  assert_names (model, "backup job|terraform");
  lk_token_list_model_set_search (model, "abby sx");
  assert_names (model, "");
  g_assert_cmpuint (lk_token_list_model_get_n_tokens (model), ==, 4);

  /* A match lies within one token: one's scopes and the next one's name are not joined. */
  lk_token_list_model_set_search (model, "allansible");
  assert_names (model, "");
  lk_token_list_model_set_search (model, "deploy");
  assert_names (model, "CI deploy");

  /* Scopes too; then everything again. */
  lk_token_list_model_set_search (model, "sp:scopes");
  assert_names (model, "Ansible|backup job|CI deploy|terraform");

  /* Narrowing to the first rows tells the view only about the rows that went. */
  change.count = 0;
  lk_token_list_model_set_search (model, "b");
  assert_names (model, "Ansible|backup job|terraform");
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);

  /* The same search again changes nothing. */
  change.count = 0;
  lk_token_list_model_set_search (model, "B");
  g_assert_cmpuint (change.count, ==, 0);
}

static void
test_expiring (void)
{
  g_autoptr(LkTokenListModel) model = lk_test_sample_tokens ();
  g_autoptr(GDateTime) before = g_date_time_new_utc (2026, 12, 15, 0, 0, 0);

  /* Expired or expiring before the date; never expiring is neither. */
  lk_token_list_model_set_expiring_before (model, before);
  assert_names (model, "backup job|CI deploy");
  lk_token_list_model_set_search (model, "ci");
  assert_names (model, "CI deploy");
  lk_token_list_model_set_expiring_before (model, NULL);
  assert_names (model, "CI deploy");
  lk_token_list_model_set_search (model, NULL);
  assert_names (model, "terraform|Ansible|backup job|CI deploy");

  /* A new list replaces every row and keeps the filter. */
  lk_token_list_model_set_expiring_before (model, before);
  lk_token_list_model_set_tokens (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (lk_token_list_model_get_n_tokens (model), ==, 0);
}

/* A token renamed takes the old one's place: only the rows that moved
 * change, and a token not in the list is not added.
 */
static void
test_replace (void)
{
  g_autoptr(LkTokenListModel) model = lk_test_sample_tokens ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(LkToken) renamed = NULL;
  g_autoptr(LkToken) stranger = lk_test_token_new ("stranger", "Abby Smith", NULL, NULL);
  LkTestChanges change = { 0 };

  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);
  lk_test_record_changes (model, &change);

  /* "backup job" renamed "Backups": same place, one row told. */
  node = json_from_string ("{\"id\": \"backup job-id\", \"name\": \"Backups\", \"scope\": [\"sp:scopes:all\"],"
                           " \"owner\": {\"type\": \"IDENTITY\", \"id\": \"a\", \"name\": \"Abby Smith\"},"
                           " \"created\": \"2026-01-01T00:00:00.000Z\"}", NULL);
  renamed = lk_token_new_from_json (json_node_get_object (node), NULL);
  g_assert_true (lk_token_list_model_replace_token (model, renamed));
  assert_names (model, "Ansible|Backups|CI deploy|terraform");
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpuint (lk_token_list_model_get_n_tokens (model), ==, 4);

  /* The search sees the new name. */
  lk_token_list_model_set_search (model, "backups");
  assert_names (model, "Backups");
  lk_token_list_model_set_search (model, NULL);

  change.count = 0;
  g_assert_false (lk_token_list_model_replace_token (model, stranger));
  g_assert_cmpuint (change.count, ==, 0);
  g_assert_cmpuint (lk_token_list_model_get_n_tokens (model), ==, 4);
}

/* A tenant's list is made ready in a thread and comes in at once, with the
 * sort and search chosen meanwhile; a newer list replaces one on its way.
 */
static void
test_set_tokens_async (void)
{
  g_autoptr(LkTokenListModel) sample = lk_test_sample_tokens ();
  g_autoptr(LkTokenListModel) model = lk_token_list_model_new ();
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  LkTestChanges change = { 0 };

  for (guint i = 0; i < lk_token_list_model_get_n_tokens (sample); i++)
    g_list_store_append (store, lk_token_list_model_get_token (sample, i));

  lk_test_record_changes (model, &change);
  lk_token_list_model_set_tokens_async (model, G_LIST_MODEL (store), NULL, lk_test_store_result_cb, &first);
  lk_token_list_model_set_tokens_async (model, G_LIST_MODEL (store), NULL, lk_test_store_result_cb, &second);
  lk_token_list_model_set_search (model, "abby");
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  g_assert_false (lk_token_list_model_set_tokens_finish (model, lk_test_wait_for (&first), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (lk_token_list_model_set_tokens_finish (model, lk_test_wait_for (&second), NULL));
  assert_names (model, "terraform|backup job");
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.added, ==, 2);
  g_assert_cmpuint (lk_token_list_model_get_n_tokens (model), ==, 4);

  /* Searched again on what came in. */
  lk_token_list_model_set_search (model, "");
  assert_names (model, "terraform|CI deploy|backup job|Ansible");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/token-list-model/sort", test_sort);
  g_test_add_func ("/lk/token-list-model/search", test_search);
  g_test_add_func ("/lk/token-list-model/expiring", test_expiring);
  g_test_add_func ("/lk/token-list-model/replace", test_replace);
  g_test_add_func ("/lk/token-list-model/set-tokens-async", test_set_tokens_async);

  return g_test_run ();
}
