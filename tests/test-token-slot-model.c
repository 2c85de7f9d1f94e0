/* test-token-slot-model.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-test-tokens.h"
#include "lk-test-wait.h"
#include "lk-token-slot-model.h"

/* The rows of the Tokens page over its list, which stay while their
 * tokens change, catch up a few a frame, and keep the selection by token.
 */

static const char *
row_name (LkTokenSlot *row)
{
  LkToken *token = lk_token_slot_get_token (row);

  return token != NULL ? lk_token_get_name (token) : NULL;
}

static void
test_rows_stay (void)
{
  g_autoptr(LkTokenListModel) model = lk_test_sample_tokens ();
  g_autoptr(LkTokenSlotModel) rows = NULL;
  g_autoptr(LkTokenSlot) first = NULL;
  g_autoptr(LkTokenSlot) again = NULL;
  LkTestChanges change = { 0 };

  lk_token_list_model_set_sort (model, LK_TOKEN_SORT_NAME, FALSE);
  rows = lk_token_slot_model_new (model);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_cmpstr (row_name (first), ==, "Ansible");
  lk_test_record_changes (rows, &change);

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
  g_assert_false (lk_token_slot_model_get_pending (rows));
}

static void
test_rows_catch_up (void)
{
  g_autoptr(LkTokenListModel) model = lk_test_numbered_tokens (100);
  g_autoptr(LkTokenSlotModel) rows = lk_token_slot_model_new (model);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LkTokenSlot) asked = NULL;
  guint steps = 0;

  /* As a view does: it holds the rows it shows, and says which are on screen. */
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (rows), i));
  lk_token_slot_model_set_visible_range (rows, 0, 2);

  lk_token_list_model_set_search (model, "brian");
  g_assert_true (lk_token_slot_model_get_pending (rows));
  /* On screen at once; rows off screen stale until asked for; the length a step at a time. */
  g_assert_cmpstr (row_name (g_ptr_array_index (held, 0)), ==, "token 001");
  g_assert_cmpstr (row_name (g_ptr_array_index (held, 1)), ==, "token 003");
  g_assert_cmpstr (row_name (g_ptr_array_index (held, 20)), ==, "token 020");
  asked = g_list_model_get_item (G_LIST_MODEL (rows), 20);
  g_assert_cmpstr (row_name (asked), ==, "token 041");
  /* The rows past the end are off screen: they go later, the last first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 100);

  while (lk_token_slot_model_catch_up (rows, 8))
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
  lk_token_slot_model_set_visible_range (rows, 0, 60);
  lk_token_list_model_set_search (model, "brian");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <, 100);
  while (lk_token_slot_model_catch_up (rows, 8))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 50);
}

static void
test_rows_selection (void)
{
  g_autoptr(LkTokenListModel) model = lk_test_sample_tokens ();
  g_autoptr(LkTokenSlotModel) rows = lk_token_slot_model_new (model);
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

  g_test_add_func ("/lk/token-slot-model/rows-stay", test_rows_stay);
  g_test_add_func ("/lk/token-slot-model/catch-up", test_rows_catch_up);
  g_test_add_func ("/lk/token-slot-model/selection", test_rows_selection);

  return g_test_run ();
}
