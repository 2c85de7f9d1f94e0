/* test-token-list-model.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lk-token-list-model.h"
#include "lk-token-row-model.h"

/* The Tokens page's list: what is shown, in which order, and which rows a
 * keystroke tells the view about; and the rows over it, which stay while
 * their tokens change.
 */

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint count;
} Change;

static LkToken *
make_token (const char *name,
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

static LkTokenListModel *
make_model (void)
{
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  LkTokenListModel *model = lk_token_list_model_new ();
  LkToken *tokens[] = {
    make_token ("terraform", "Abby Smith", "2026-11-20T10:00:00.000Z", "2027-03-01T00:00:00.000Z"),
    make_token ("Ansible", "Brian Cole", NULL, NULL),
    make_token ("backup job", "Abby Smith", "2025-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z"),
    make_token ("CI deploy", "Chandra Iyer", "2026-06-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_list_store_append (store, tokens[i]);
      g_object_unref (tokens[i]);
    }
  lk_token_list_model_set_tokens (model, G_LIST_MODEL (store));

  return model;
}

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
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
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
  g_autoptr(LkTokenListModel) model = make_model ();

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
  g_autoptr(LkTokenListModel) model = make_model ();
  Change change = { 0 };

  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &change);

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
  g_autoptr(LkTokenListModel) model = make_model ();
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

/* "token 000" to "token N-1", owned by Abby Smith (even) and Brian Cole (odd). */
static LkTokenListModel *
make_numbered_model (guint n)
{
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  LkTokenListModel *model = lk_token_list_model_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("token %03u", i);
      g_autoptr(LkToken) token = make_token (name, i % 2 ? "Brian Cole" : "Abby Smith", NULL, NULL);

      g_list_store_append (store, token);
    }
  lk_token_list_model_set_tokens (model, G_LIST_MODEL (store));
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);

  return model;
}

static const char *
row_name (LkTokenRow *row)
{
  LkToken *token = lk_token_row_get_token (row);

  return token != NULL ? lk_token_get_name (token) : NULL;
}

static void
test_rows_stay (void)
{
  g_autoptr(LkTokenListModel) model = make_model ();
  g_autoptr(LkTokenRowModel) rows = NULL;
  g_autoptr(LkTokenRow) first = NULL;
  g_autoptr(LkTokenRow) again = NULL;
  Change change = { 0 };

  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);
  rows = lk_token_row_model_new (model);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_cmpstr (row_name (first), ==, "Ansible");
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed_cb), &change);

  /* The row stays and shows another token; only the end of the list changes. */
  lk_token_list_model_set_search (model, "abby");
  g_assert_cmpstr (row_name (first), ==, "backup job");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 2);
  g_assert_cmpuint (change.added, ==, 0);
  again = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_true (again == first);
  g_assert_false (lk_token_row_model_get_pending (rows));
}

static void
test_rows_catch_up (void)
{
  g_autoptr(LkTokenListModel) model = make_numbered_model (100);
  g_autoptr(LkTokenRowModel) rows = lk_token_row_model_new (model);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LkTokenRow) asked = NULL;
  guint steps = 0;

  /* As a view does: it holds the rows it shows, and says which are on screen. */
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (rows), i));
  lk_token_row_model_set_visible_range (rows, 0, 2);

  lk_token_list_model_set_search (model, "brian");
  g_assert_true (lk_token_row_model_get_pending (rows));
  /* On screen at once; rows off screen stale until asked for; the length a step at a time. */
  g_assert_cmpstr (row_name (g_ptr_array_index (held, 0)), ==, "token 001");
  g_assert_cmpstr (row_name (g_ptr_array_index (held, 1)), ==, "token 003");
  g_assert_cmpstr (row_name (g_ptr_array_index (held, 20)), ==, "token 020");
  asked = g_list_model_get_item (G_LIST_MODEL (rows), 20);
  g_assert_cmpstr (row_name (asked), ==, "token 041");
  /* The rows past the end are off screen: they go later, the last first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 100);

  while (lk_token_row_model_catch_up (rows, 8))
    steps++;
  g_assert_cmpuint (steps, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 50);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *expected = g_strdup_printf ("token %03u", 2 * i + 1);

      g_assert_cmpstr (row_name (g_ptr_array_index (held, i)), ==, expected);
    }

  /* With no view asking for the new rows, the length follows at once. */
  lk_token_list_model_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 100);

  /* Blank rows on screen go with the change that made them. */
  lk_token_row_model_set_visible_range (rows, 0, 60);
  lk_token_list_model_set_search (model, "brian");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <, 100);
  while (lk_token_row_model_catch_up (rows, 8))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 50);
}

static void
test_rows_selection (void)
{
  g_autoptr(LkTokenListModel) model = make_model ();
  g_autoptr(LkTokenRowModel) rows = lk_token_row_model_new (model);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (rows);

  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);
  gtk_selection_model_select_item (selection, 0, TRUE);   /* Ansible */
  gtk_selection_model_select_item (selection, 3, FALSE);  /* terraform */

  /* A sort moves the selection with the tokens. */
  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, TRUE);
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_false (gtk_selection_model_is_selected (selection, 2));
  g_assert_true (gtk_selection_model_is_selected (selection, 3));

  /* A search that hides a token unselects it for good. */
  lk_token_list_model_set_search (model, "terraform");
  lk_token_list_model_set_search (model, NULL);
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_false (gtk_selection_model_is_selected (selection, 3));

  gtk_selection_model_unselect_all (selection);
  g_assert_false (gtk_selection_model_is_selected (selection, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/token-list-model/sort", test_sort);
  g_test_add_func ("/lk/token-list-model/search", test_search);
  g_test_add_func ("/lk/token-list-model/expiring", test_expiring);
  g_test_add_func ("/lk/token-row-model/rows-stay", test_rows_stay);
  g_test_add_func ("/lk/token-row-model/catch-up", test_rows_catch_up);
  g_test_add_func ("/lk/token-row-model/selection", test_rows_selection);

  return g_test_run ();
}
