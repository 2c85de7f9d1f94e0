/* test-tokens-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "lk-error.h"
#include "lk-json.h"
#include "lk-token-dialog.h"
#include "lk-rotations.h"
#include "lk-sandbox.h"
#include "lk-test-util.h"
#include "lk-token-slot-model.h"
#include "lk-tokens-page.h"
#include "lk-session.h"
#include "lk-test-tenant.h"

/* The Tokens page in a real window under Xvfb, against the sandbox tenant. */

typedef struct {
  LkSandbox    *sandbox;
  LkClient     *client;
  GtkWindow    *window;
  LkTokensPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guint n_tokens = data != NULL ? GPOINTER_TO_UINT (data) : 30;

  lk_test_page_open (&f->sandbox, &f->client, &f->window, &f->page, GTK_WIDGET (lk_tokens_page_new ()), 1000, 700,
                     "tokens", n_tokens, "rate-limit", 0, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_page_close (&f->window, &f->page, &f->sandbox, &f->client);
}

static GtkWidget *
page_child (Fixture    *f,
            const char *name)
{
  return lk_test_template_child (f->page, LK_TYPE_TOKENS_PAGE, name);
}

static const char *
visible_state (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "state_stack")));
}

static void
wait_for_state (Fixture    *f,
                const char *state)
{
  lk_test_wait_for_stack_child (page_child (f, "state_stack"), state);
}

static gboolean
rows_caught_up (gpointer data)
{
  Fixture *f = data;

  return !lk_token_slot_model_get_pending (LK_TOKEN_SLOT_MODEL (lk_tokens_page_get_model (f->page)));
}

/* The rows as the view shows them, once they have caught up with the list. */
static GListModel *
shown (Fixture *f)
{
  lk_test_wait_until (rows_caught_up, f, 5000, "the rows to catch up with the list");
  return G_LIST_MODEL (lk_tokens_page_get_model (f->page));
}

static LkToken *
shown_token (Fixture *f,
             guint    position)
{
  g_autoptr(LkTokenSlot) row = g_list_model_get_item (shown (f), position);

  return lk_token_slot_get_token (row);   /* the list keeps it */
}

static void
load (Fixture *f)
{
  lk_tokens_page_set_client (f->page, f->client);
  wait_for_state (f, "list");
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (page_child (f, "column_view")));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  static const char * const titles[] = { "Name", "Owner", "Scopes", "Created", "Last Used", "Expires", "Managed" };
  GListModel *columns;
  gboolean some_managed = FALSE;

  /* Busy while loading, for Orca as for the eye. */
  lk_tokens_page_set_client (f->page, f->client);
  gtk_test_accessible_assert_state (page_child (f, "state_stack"), GTK_ACCESSIBLE_STATE_BUSY, TRUE);
  wait_for_state (f, "list");
  gtk_test_accessible_assert_state (page_child (f, "state_stack"), GTK_ACCESSIBLE_STATE_BUSY, FALSE);

  /* Everyone's, by default: the 30 seeded and the admin's own. */
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 31);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 1);
  g_assert_null (lk_sandbox_get_last_request_query (f->sandbox, "GET", "/v3/personal-access-tokens"));

  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (page_child (f, "column_view")));
  /* And the selection mode's check boxes and the Tenant, hidden until asked for. */
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles) + 2);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_true (gtk_column_view_column_get_visible (column_titled (f, titles[i])));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Tenant")));

  /* Most recently used first. */
  for (guint i = 1; i < g_list_model_get_n_items (shown (f)); i++)
    {
      GDateTime *a = lk_token_get_last_used (shown_token (f, i - 1));
      GDateTime *b = lk_token_get_last_used (shown_token (f, i));

      g_assert_true (b == NULL || (a != NULL && g_date_time_compare (a, b) >= 0));
      some_managed |= lk_token_get_managed (shown_token (f, i));
    }
  g_assert_true (some_managed);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (page_child (f, "column_view"));
  guint n;

  load (f);
  n = g_list_model_get_n_items (shown (f));

  gtk_column_view_sort_by_column (view, column_titled (f, "Name"), GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_utf8_collate (lk_token_get_name (shown_token (f, i - 1)),
                                     lk_token_get_name (shown_token (f, i))), <=, 0);

  gtk_column_view_sort_by_column (view, column_titled (f, "Owner"), GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_utf8_collate (lk_owner_get_name (lk_token_get_owner (shown_token (f, i - 1))),
                                     lk_owner_get_name (lk_token_get_owner (shown_token (f, i)))), >=, 0);

  gtk_column_view_sort_by_column (view, column_titled (f, "Expires"), GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_date_time_compare (lk_token_get_expiration_date (shown_token (f, i - 1)),
                                          lk_token_get_expiration_date (shown_token (f, i))), <=, 0);
}

static gboolean
token_contains (LkToken    *token,
                const char *text)
{
  g_autofree char *scopes = g_strjoinv (" ", (char **) lk_token_get_scopes (token));
  g_autofree char *all = g_strdup_printf ("%s %s %s", lk_token_get_name (token),
                                          lk_owner_get_name (lk_token_get_owner (token)), scopes);
  g_autofree char *folded = g_utf8_casefold (all, -1);

  return strstr (folded, text) != NULL;
}

static void
search (Fixture    *f,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page_child (f, "search_entry")), text);
  /* A search entry waits a little before it says the text changed. */
  g_signal_emit_by_name (page_child (f, "search_entry"), "search-changed");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) everything = NULL;
  guint expected = 0;

  load (f);

  /* Scope, name and owner all count, in any case. */
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    expected += token_contains (shown_token (f, i), "sdk");
  g_assert_cmpuint (expected, >, 0);

  search (f, "SDK");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, expected);
  for (guint i = 0; i < expected; i++)
    g_assert_true (token_contains (shown_token (f, i), "sdk"));

  search (f, "Latchkey Admin");
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (shown_token (f, i))), ==, "Latchkey Admin");

  search (f, "idn:accounts:read");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 0);

  search (f, "no token is called this");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
  g_assert_cmpstr (visible_state (f), ==, "no-match");

  search (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 31);
  g_assert_cmpstr (visible_state (f), ==, "list");
  /* Searching is local: one request all along. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, 1);
}

static void
collect_label_texts (GtkWidget  *widget,
                     GHashTable *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_hash_table_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

/* Every text the column view's cells show, the headers' titles too. */
static GHashTable *
view_texts (Fixture *f)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  shown (f);
  collect_label_texts (page_child (f, "column_view"), texts);
  return texts;
}

static void
test_search_updates_cells (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) texts = NULL;
  guint matching = 0;

  load (f);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_ptr_array_add (names, g_strdup (lk_token_get_name (shown_token (f, i))));
  texts = view_texts (f);
  for (guint i = 0; i < names->len; i++)
    g_assert_true (g_hash_table_contains (texts, g_ptr_array_index (names, i)));

  /* The rows stay and show other tokens: the names left out are gone from the cells. */
  search (f, "sdk");
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = view_texts (f);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean shown_now = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (shown (f)); j++)
        shown_now |= g_str_equal (lk_token_get_name (shown_token (f, j)), name);
      matching += shown_now;
      g_assert_cmpint (g_hash_table_contains (texts, name), ==, shown_now);
    }
  g_assert_cmpuint (matching, >, 0);
  g_assert_cmpuint (matching, <, names->len);

  /* And back. */
  search (f, "");
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = view_texts (f);
  for (guint i = 0; i < names->len; i++)
    g_assert_true (g_hash_table_contains (texts, g_ptr_array_index (names, i)));
}

/* The texts of each row's cells, by the row's position: "\ntext\ntext\n". */
static void
collect_cells (GtkWidget  *widget,
               gboolean    on_screen_only,
               GHashTable *by_position)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "lk-list-item");
  GString *texts;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_cells (child, on_screen_only, by_position);

  if (item == NULL || gtk_list_item_get_item (item) == NULL)
    return;

  /* GTK 4.8 maps the rows on screen only. */
  if (on_screen_only && !gtk_widget_get_mapped (widget))
    return;

  texts = g_hash_table_lookup (by_position, GUINT_TO_POINTER (gtk_list_item_get_position (item)));
  if (texts == NULL)
    {
      texts = g_string_new ("\n");
      g_hash_table_insert (by_position, GUINT_TO_POINTER (gtk_list_item_get_position (item)), texts);
    }
  g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Asserts that each row shows the name and owner of the token at its
 * position, and returns how many rows it checked.
 */
static guint
check_rows (Fixture  *f,
            gboolean  on_screen_only)
{
  GtkWidget *view = page_child (f, "column_view");
  LkTokenListModel *tokens = lk_token_slot_model_get_tokens (LK_TOKEN_SLOT_MODEL (lk_tokens_page_get_model (f->page)));
  g_autoptr(GHashTable) by_position = g_hash_table_new_full (NULL, NULL, NULL, free_string);
  GHashTableIter iter;
  gpointer key, value;

  collect_cells (view, on_screen_only, by_position);
  g_hash_table_iter_init (&iter, by_position);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LkToken *token = lk_token_list_model_get_token (tokens, GPOINTER_TO_UINT (key));
      g_autofree char *name = g_strdup_printf ("\n%s\n", lk_token_get_name (token));
      g_autofree char *owner = g_strdup_printf ("\n%s\n", lk_owner_get_name (lk_token_get_owner (token)));

      g_assert_nonnull (strstr (((GString *) value)->str, name));
      g_assert_nonnull (strstr (((GString *) value)->str, owner));
    }

  return g_hash_table_size (by_position);
}

static gboolean
has_scroll_range (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) > 2 * gtk_adjustment_get_page_size (adjustment);
}

static void
find_first_mapped_row (GtkWidget *widget,
                       guint     *first)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "lk-list-item");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_first_mapped_row (child, first);

  if (item != NULL && gtk_widget_get_mapped (widget))
    *first = MIN (*first, gtk_list_item_get_position (item));
}

static gboolean
scrolled_to_middle (gpointer data)
{
  Fixture *f = data;
  guint first = G_MAXUINT;

  find_first_mapped_row (page_child (f, "column_view"), &first);
  return first != G_MAXUINT && first >= g_list_model_get_n_items (shown (f)) / 3;
}

static void
test_rows_follow_on_screen_first (Fixture       *f,
                                  gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (page_child (f, "column_view"));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  guint on_screen, bound;

  load (f);
  gtk_column_view_sort_by_column (view, column_titled (f, "Name"), GTK_SORT_ASCENDING);
  shown (f);
  lk_test_wait_until (has_scroll_range, adjustment, 5000, "the list to be taller than the window");

  /* Down the list, where GTK binds rows it did not bind at first. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  lk_test_wait_until (scrolled_to_middle, f, 5000, "the rows in the middle of the list on screen");
  g_assert_cmpuint (check_rows (f, TRUE), >, 5);

  /* At once, before any frame: the rows on screen show their new tokens... */
  gtk_column_view_sort_by_column (view, column_titled (f, "Name"), GTK_SORT_DESCENDING);
  g_assert_true (lk_token_slot_model_get_pending (LK_TOKEN_SLOT_MODEL (lk_tokens_page_get_model (f->page))));
  on_screen = check_rows (f, TRUE);
  g_assert_cmpuint (on_screen, >, 5);

  /* ... and the rows off screen a few frames later. */
  shown (f);
  bound = check_rows (f, FALSE);
  g_assert_cmpuint (bound, >, on_screen);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *painted)
{
  (*painted)++;
}

typedef struct {
  guint *painted;
  guint  until;
} PaintWait;

static gboolean
frames_painted (gpointer data)
{
  PaintWait *wait = data;

  return *wait->painted >= wait->until;
}

/* Typing as a user does, each keystroke painted: a shrinking list moves
 * the scroll range while the view lays its rows out, and no row may then
 * be painted without a size for what it shows (GTK warns, and warnings
 * are fatal here).
 */
static void
test_typing_paints_rows_laid_out (Fixture       *f,
                                  gconstpointer  data)
{
  static const char * const typed[] = { "s", "sd", "sdk", "sdk x", "sdk", "", "abby", "abby s", "",
                                        "postman 1", "postman 12", "postman 123", "postman 1234", "" };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  guint painted = 0;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);

  load (f);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      PaintWait wait = { &painted, 0 };

      search (f, typed[i]);
      shown (f);
      /* And what the last of it changed painted too. */
      wait.until = painted + 1;
      gtk_widget_queue_draw (GTK_WIDGET (f->window));
      lk_test_wait_until (frames_painted, &wait, 5000, "a frame painted after the rows settled");
    }
  g_signal_handler_disconnect (clock, handler);
}

static void
test_mine_and_forbidden (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const narrow[] = { "sp:my-personal-access-tokens:read", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GHashTable) fields = NULL;
  GtkDropDown *whose = GTK_DROP_DOWN (page_child (f, "whose_dropdown"));
  AdwStatusPage *error_page = ADW_STATUS_PAGE (page_child (f, "error_page"));

  load (f);

  gtk_drop_down_set_selected (whose, 0);
  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  query = lk_sandbox_get_last_request_query (f->sandbox, "GET", "/v3/personal-access-tokens");
  fields = soup_form_decode (query);
  g_assert_cmpstr (g_hash_table_lookup (fields, "owner-id"), ==, "me");
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (shown_token (f, i))), ==, "Latchkey Admin");

  /* A PAT that may read only its owner's tokens asks for everyone's: the
   * page says which right is missing instead of showing an empty list.
   */
  client_id = lk_sandbox_add_client (f->sandbox, "Abby.Smith", narrow, &secret);
  lk_client_set_credentials (f->client, client_id, secret);
  gtk_drop_down_set_selected (whose, 1);
  wait_for_state (f, "error");
  g_assert_cmpstr (adw_status_page_get_title (error_page), ==, "Not Allowed to List Every Token");
  g_assert_nonnull (strstr (adw_status_page_get_description (error_page), "idn:all-personal-access-tokens:read"));

  /* Its button offers what is allowed. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (page_child (f, "error_button"))), ==,
                   "tokens.show-mine");
  gtk_widget_activate (page_child (f, "error_button"));
  wait_for_state (f, "list");
  g_assert_cmpuint (gtk_drop_down_get_selected (whose), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (shown_token (f, i))), ==, "Abby Smith");
}

static gboolean
owner_results_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *results = lk_test_find_named (page_child (f, "owner_picker"), "owner-results");

  return gtk_widget_get_mapped (results) && gtk_widget_get_first_child (results) != NULL;
}

/* The owner filter by name: typed, picked from who it is, sent as an id. */
static void
test_owner_by_name (Fixture       *f,
                    gconstpointer  data)
{
  GtkDropDown *whose = GTK_DROP_DOWN (page_child (f, "whose_dropdown"));
  GtkWidget *picker = page_child (f, "owner_picker");
  GtkWidget *entry = lk_test_find_named (picker, "owner-search");
  GtkWidget *results;
  GtkWidget *abby = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GHashTable) fields = NULL;
  guint listed;

  load (f);
  listed = lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens");
  gtk_drop_down_set_selected (whose, 2);
  g_assert_true (gtk_widget_get_visible (picker));
  /* Nothing is asked for before someone is picked. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, listed);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Abby Sm");
  lk_test_wait_until (owner_results_shown, f, 5000, "the people found");
  results = lk_test_find_named (picker, "owner-results");
  for (GtkWidget *row = gtk_widget_get_first_child (results); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Abby Smith"))
      abby = row;
  g_assert_nonnull (abby);
  /* Who it is: the user name and email say which Abby. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (abby)), "Abby.Smith"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (abby)), "abby.smith@"));

  g_signal_emit_by_name (results, "row-activated", abby);
  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  query = lk_sandbox_get_last_request_query (f->sandbox, "GET", "/v3/personal-access-tokens");
  fields = soup_form_decode (query);
  g_assert_cmpstr (g_hash_table_lookup (fields, "owner-id"), ==, gtk_widget_get_name (abby));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Abby Smith");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==, gtk_widget_get_name (abby));
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_cmpstr (lk_owner_get_name (lk_token_get_owner (shown_token (f, i))), ==, "Abby Smith");

  /* An ID pasted still works, with Enter. */
  g_hash_table_unref (g_steal_pointer (&fields));
  g_free (g_steal_pointer (&query));
  gtk_editable_set_text (GTK_EDITABLE (entry), lk_sandbox_get_admin_identity_id (f->sandbox));
  g_signal_emit_by_name (entry, "activate");
  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  query = lk_sandbox_get_last_request_query (f->sandbox, "GET", "/v3/personal-access-tokens");
  fields = soup_form_decode (query);
  g_assert_cmpstr (g_hash_table_lookup (fields, "owner-id"), ==, lk_sandbox_get_admin_identity_id (f->sandbox));
}

static gboolean
owner_status_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *status = lk_test_find_named (page_child (f, "owner_picker"), "owner-status");

  return gtk_widget_get_mapped (status);
}

/* A token that may not search people: the picker says which right, and an ID still goes. */
static void
test_owner_without_the_right (Fixture       *f,
                              gconstpointer  data)
{
  const char *scopes[] = { "idn:all-personal-access-tokens:read", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *id = lk_sandbox_add_client (f->sandbox, "latchkey.admin", scopes, &secret);
  GtkWidget *picker = page_child (f, "owner_picker");
  GtkWidget *entry = lk_test_find_named (picker, "owner-search");
  GtkLabel *status;

  load (f);
  lk_client_set_credentials (f->client, id, secret);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "whose_dropdown")), 2);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Abby");
  lk_test_wait_until (owner_status_shown, f, 5000, "what the picker says");
  status = GTK_LABEL (lk_test_find_named (picker, "owner-status"));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "sp:scopes:default"));

  /* The ID pasted is taken as it is: the list asks for that owner. */
  lk_client_set_credentials (f->client, lk_sandbox_get_admin_client_id (f->sandbox),
                             lk_sandbox_get_admin_client_secret (f->sandbox));
  gtk_editable_set_text (GTK_EDITABLE (entry), lk_sandbox_get_admin_identity_id (f->sandbox));
  g_signal_emit_by_name (entry, "activate");
  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 0);
}

static guint
select_tokens (Fixture  *f,
               gboolean (*wanted) (Fixture *f, LkToken *token),
               guint     count)
{
  GtkSelectionModel *selection = lk_tokens_page_get_model (f->page);
  guint selected = 0;

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)) && selected < count; i++)
    if (wanted (f, shown_token (f, i)))
      {
        gtk_selection_model_select_item (selection, i, FALSE);
        selected++;
      }

  return selected;
}

static gboolean
is_ordinary (Fixture *f,
             LkToken *token)
{
  return !lk_token_get_managed (token) &&
         g_strcmp0 (lk_token_get_id (token), lk_sandbox_get_admin_client_id (f->sandbox)) != 0;
}

static gboolean
is_managed (Fixture *f,
            LkToken *token)
{
  return lk_token_get_managed (token);
}

static gboolean
is_own (Fixture *f,
        LkToken *token)
{
  return g_strcmp0 (lk_token_get_id (token), lk_sandbox_get_admin_client_id (f->sandbox)) == 0;
}

static AdwMessageDialog *
open_revoke_dialog (Fixture *f)
{
  g_assert_true (gtk_widget_get_sensitive (page_child (f, "revoke_button")));
  gtk_widget_activate (page_child (f, "revoke_button"));
  return ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the confirmation"));
}

static guint
position_of (Fixture *f,
             LkToken *token)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    if (shown_token (f, i) == token)
      return i;

  g_assert_not_reached ();
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether the row whose cell shows @name is drawn selected. */
static gboolean
row_looks_selected (Fixture    *f,
                    const char *name)
{
  GtkWidget *view = page_child (f, "column_view");
  GtkWidget *label;

  shown (f);
  label = find_label (view, name);
  g_assert_nonnull (label);
  for (GtkWidget *widget = label; widget != view; widget = gtk_widget_get_parent (widget))
    if (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_SELECTED)
      return TRUE;

  return FALSE;
}

static void
test_selection_follows_tokens (Fixture       *f,
                               gconstpointer  data)
{
  GtkSelectionModel *selection = lk_tokens_page_get_model (f->page);
  GtkColumnView *view = GTK_COLUMN_VIEW (page_child (f, "column_view"));
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *name = NULL;
  LkToken *token;

  load (f);
  gtk_column_view_sort_by_column (view, column_titled (f, "Name"), GTK_SORT_ASCENDING);
  g_assert_cmpuint (select_tokens (f, is_ordinary, 1), ==, 1);
  token = shown_token (f, gtk_bitset_get_minimum (gtk_selection_model_get_selection (selection)));
  name = g_strdup (lk_token_get_name (token));
  g_assert_true (gtk_widget_is_sensitive (page_child (f, "revoke_button")));

  /* Sorted the other way, the same token is selected, wherever it went. */
  gtk_column_view_sort_by_column (view, column_titled (f, "Name"), GTK_SORT_DESCENDING);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (gtk_bitset_get_minimum (selected), ==, position_of (f, token));
  g_assert_cmpstr (lk_token_get_name (shown_token (f, gtk_bitset_get_minimum (selected))), ==, name);
  g_assert_true (row_looks_selected (f, name));
  g_assert_false (row_looks_selected (f, lk_token_get_name (shown_token (f, gtk_bitset_get_minimum (selected) ? 0 : 1))));

  /* A search that hides it unselects it: nothing unseen is revoked. */
  search (f, "no token is called this");
  shown (f);
  search (f, "");
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (page_child (f, "revoke_button")));
}

static void
test_revoke_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  load (f);
  g_assert_cmpuint (select_tokens (f, is_ordinary, 1), ==, 1);
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (lk_tokens_page_get_model (f->page));
    LkToken *token = shown_token (f, gtk_bitset_get_minimum (selected));

    id = g_strdup (lk_token_get_id (token));
    name = g_strdup (lk_token_get_name (token));
  }

  dialog = open_revoke_dialog (f);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), name));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "revoke"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "revoke"));
  adw_message_dialog_response (dialog, "revoke");

  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 30);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_cmpstr (lk_token_get_id (shown_token (f, i)), !=, id);
}

static gboolean
is_mine_ordinary (Fixture *f,
                  LkToken *token)
{
  return is_ordinary (f, token) && g_strcmp0 (lk_owner_get_name (lk_token_get_owner (token)), "Latchkey Admin") == 0;
}

/* Rotate: asked first, then the successor's secret once; both tokens listed
 * after; which replaced which kept on this machine, without the secret.
 */
static void
test_rotate (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "latchkey", "rotations.ini", NULL);
  g_autofree char *linked = NULL;
  AdwMessageDialog *question;
  LkTokenDialog *dialog;
  const char *secret;
  guint before;
  gboolean successor_listed = FALSE, old_listed = FALSE;

  load (f);
  before = g_list_model_get_n_items (shown (f));
  g_assert_cmpuint (select_tokens (f, is_mine_ordinary, 1), ==, 1);
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (lk_tokens_page_get_model (f->page));
    LkToken *token = shown_token (f, gtk_bitset_get_minimum (selected));

    id = g_strdup (lk_token_get_id (token));
    name = g_strdup (lk_token_get_name (token));
  }

  g_assert_true (gtk_widget_get_sensitive (page_child (f, "rotate_button")));
  gtk_widget_activate (page_child (f, "rotate_button"));
  question = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question"));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), name));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (question, "rotate"), ==, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_response (question, "rotate");

  dialog = LK_TOKEN_DIALOG (lk_test_wait_for_toplevel (LK_TYPE_TOKEN_DIALOG, "the successor's secret"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Token Rotated");
  secret = adw_action_row_get_subtitle (ADW_ACTION_ROW (lk_test_template_child (dialog, LK_TYPE_TOKEN_DIALOG,
                                                                                "secret_row")));
  g_assert_cmpuint (strlen (secret), >=, 32);

  wait_for_state (f, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      LkToken *token = shown_token (f, i);

      old_listed |= g_str_equal (lk_token_get_id (token), id);
      successor_listed |= g_str_has_prefix (lk_token_get_name (token), name) &&
                          strstr (lk_token_get_name (token), " (rotated ") != NULL;
    }
  g_assert_true (old_listed);
  g_assert_true (successor_listed);

  g_assert_true (g_file_get_contents (path, &linked, NULL, NULL));
  g_assert_nonnull (strstr (linked, id));
  g_assert_null (strstr (linked, secret));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The old token says what replaced it, where its name is. */
  {
    g_autoptr(GDateTime) now = lk_client_get_now (f->client);
    g_autofree char *successor_name = NULL;
    g_autofree char *badge = NULL;
    GtkWidget *search = page_child (f, "search_entry");

    for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
      if (g_str_equal (lk_token_get_id (shown_token (f, i)), id))
        successor_name = lk_token_successor_name (shown_token (f, i), now, NULL);
    badge = g_strdup_printf ("Rotated → %s", successor_name);
    gtk_editable_set_text (GTK_EDITABLE (search), name);
    g_signal_emit_by_name (search, "search-changed");
    lk_test_wait_for_label (GTK_WIDGET (f->page), badge);
  }
}

static gboolean
is_unused_for_long (Fixture *f,
                    LkToken *token)
{
  g_autoptr(GDateTime) now = lk_client_get_now (f->client);
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (now, -40);
  GDateTime *last_used = lk_token_get_last_used (token);

  return is_ordinary (f, token) && (last_used == NULL || g_date_time_compare (last_used, long_ago) < 0);
}

/* A token rotated long ago and not used since is offered for revocation:
 * selected at a click, never revoked unasked; one rotated yesterday is not.
 */
static void
test_retired_offered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LkRotations) store = lk_rotations_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) month_ago = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  const char *base_url = lk_client_get_base_url (f->client);
  GtkButton *button = GTK_BUTTON (page_child (f, "retired_button"));
  g_autofree char *retired_id = NULL;
  LkToken *retired = NULL, *recent = NULL;
  gboolean selection_mode = FALSE;

  load (f);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  now = lk_client_get_now (f->client);
  month_ago = g_date_time_add_days (now, -30);
  yesterday = g_date_time_add_days (now, -1);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)) && (retired == NULL || recent == NULL); i++)
    {
      LkToken *token = shown_token (f, i);

      if (retired == NULL && is_unused_for_long (f, token))
        retired = token;
      else if (recent == NULL && is_unused_for_long (f, token))
        recent = token;
    }
  g_assert_nonnull (retired);
  g_assert_nonnull (recent);
  /* The reload below replaces the token objects: the ID is kept, not the token. */
  retired_id = g_strdup (lk_token_get_id (retired));
  g_assert_true (lk_rotations_record (store, base_url, retired_id, "successor-a", "A (rotated)", month_ago, NULL));
  g_assert_true (lk_rotations_record (store, base_url, lk_token_get_id (recent), "successor-b", "B (rotated)",
                                      yesterday, NULL));

  lk_tokens_page_reload (f->page);
  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 0);   /* the rows caught up, as for a user's click */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_button_get_label (button), ==, "Select the Token Unused since Its Rotation");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "tokens.select-retired", NULL));
  g_object_get (f->page, "selection-mode", &selection_mode, NULL);
  g_assert_true (selection_mode);
  selected = gtk_selection_model_get_selection (lk_tokens_page_get_model (f->page));
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpstr (lk_token_get_id (shown_token (f, gtk_bitset_get_minimum (selected))), ==, retired_id);
  /* Offered, not done: nothing was revoked. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", NULL), ==, 0);
}

static void
test_revoke_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;

  load (f);
  select_tokens (f, is_ordinary, 1);
  dialog = open_revoke_dialog (f);
  adw_message_dialog_response (dialog, "cancel");
  lk_test_drain_main_context ();

  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 31);
  g_assert_cmpstr (visible_state (f), ==, "list");
}

static void
test_revoke_bulk (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;
  guint before;

  load (f);
  before = g_list_model_get_n_items (shown (f));
  g_assert_cmpuint (select_tokens (f, is_ordinary, 3), ==, 3);

  dialog = open_revoke_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Revoke 3 Tokens?");
  adw_message_dialog_response (dialog, "revoke");

  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, before - 3);
}

static void
test_own_connection_guard (Fixture       *f,
                           gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *check;

  load (f);
  g_assert_cmpuint (select_tokens (f, is_own, 1), ==, 1);

  /* Revoking the token this connection uses needs an explicit yes. */
  dialog = open_revoke_dialog (f);
  check = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "revoke"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "revoke"));
  adw_message_dialog_response (dialog, "revoke");

  /* Gone from the list; the bearer token in hand lasts until it expires,
   * but the tenant issues no new one for these credentials.
   */
  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_false (is_own (f, shown_token (f, i)));
  {
    g_autoptr(LkClient) again = lk_test_admin_client_new (f->sandbox);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    lk_client_authenticate_async (again, NULL, lk_test_store_result_cb, &result);
    g_assert_false (lk_client_authenticate_finish (again, lk_test_wait_for (&result), &error));
    g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_UNAUTHORIZED);
    g_clear_object (&result);
    lk_test_assert_finalized (g_steal_pointer (&again));
  }
}

static void
test_managed_read_only (Fixture       *f,
                        gconstpointer  data)
{
  GtkSelectionModel *selection;
  AdwMessageDialog *dialog;
  guint managed_position = G_MAXUINT;

  load (f);

  /* Managed alone: nothing to revoke, and the button says why. */
  g_assert_cmpuint (select_tokens (f, is_managed, 1), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (page_child (f, "revoke_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (page_child (f, "revoke_button")), "cannot be revoked here"));

  /* With an ordinary one: that one goes, the managed one stays, and the dialog says so. */
  selection = lk_tokens_page_get_model (f->page);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)) && managed_position == G_MAXUINT; i++)
    if (gtk_selection_model_is_selected (selection, i))
      managed_position = i;
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    if (is_ordinary (f, shown_token (f, i)))
      {
        gtk_selection_model_select_item (selection, i, FALSE);
        break;
      }
  g_assert_true (gtk_widget_get_sensitive (page_child (f, "revoke_button")));
  g_assert_false (gtk_widget_get_sensitive (page_child (f, "edit_button")));

  dialog = open_revoke_dialog (f);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 managed token of the selection stays"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog),
                         lk_token_get_name (shown_token (f, managed_position))));
  adw_message_dialog_response (dialog, "revoke");
  wait_for_state (f, "loading");
  wait_for_state (f, "list");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 30);
}

static char *
last_filters (Fixture *f)
{
  g_autofree char *query = lk_sandbox_get_last_request_query (f->sandbox, "GET", "/v3/personal-access-tokens");
  g_autoptr(GHashTable) fields = query ? soup_form_decode (query) : NULL;

  return fields ? g_strdup (g_hash_table_lookup (fields, "filters")) : NULL;
}

static void
choose_cleanup (Fixture *f,
                guint    position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "cleanup_dropdown")), position);
  lk_test_drain_main_context ();
  wait_for_state (f, "list");
}

static void
test_never_used (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *filters = NULL;

  load (f);
  choose_cleanup (f, 6);

  filters = last_filters (f);
  g_assert_cmpstr (filters, ==, "lastUsed isnull");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), <, 31);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    g_assert_null (lk_token_get_last_used (shown_token (f, i)));
}

static void
test_unused_for_90_days (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *filters = NULL;
  g_autoptr(GDateTime) now = lk_sandbox_get_now (f->sandbox);
  g_autoptr(GDateTime) expected = g_date_time_add_days (now, -90);
  g_autoptr(GDateTime) sent = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  load (f);
  choose_cleanup (f, 2);

  /* The tenant does the filtering, as the spec's filter has it. */
  filters = last_filters (f);
  g_assert_true (g_str_has_prefix (filters, "lastUsed le "));
  sent = g_date_time_new_from_iso8601 (filters + strlen ("lastUsed le "), utc);
  g_assert_nonnull (sent);
  g_assert_cmpint (ABS (g_date_time_difference (sent, expected)), <, 60 * G_TIME_SPAN_SECOND);

  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      GDateTime *last_used = lk_token_get_last_used (shown_token (f, i));

      g_assert_nonnull (last_used);
      g_assert_cmpint (g_date_time_compare (last_used, sent), <=, 0);
    }
}

static void
test_unused_since_a_date (Fixture       *f,
                          gconstpointer  data)
{
  GtkCalendar *calendar = GTK_CALENDAR (page_child (f, "calendar"));
  /* Three months before the tenant's day (LK_TEST_NOW, 2026-06-15), whose tokens are up to a year old. */
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 3, 15, 12, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_local (2026, 3, 15, 23, 59, 59.999);
  g_autoptr(GDateTime) end_utc = g_date_time_to_utc (end);
  g_autofree char *iso = lk_json_format_date_time (end_utc);
  g_autofree char *expected = g_strdup_printf ("lastUsed le %s", iso);
  g_autofree char *filters = NULL;
  guint n_shown;

  load (f);
  choose_cleanup (f, 5);
  g_assert_true (gtk_widget_get_visible (page_child (f, "date_button")));

  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  wait_for_state (f, "list");

  /* The end of that day, local time, as UTC: the tenant filters. */
  filters = last_filters (f);
  g_assert_cmpstr (filters, ==, expected);

  /* What shows was last used on that day or before, and some was. */
  n_shown = g_list_model_get_n_items (shown (f));
  g_assert_cmpuint (n_shown, >, 0);
  g_assert_cmpuint (n_shown, <, 31);
  for (guint i = 0; i < n_shown; i++)
    {
      GDateTime *last_used = lk_token_get_last_used (shown_token (f, i));

      g_assert_nonnull (last_used);
      g_assert_cmpint (g_date_time_compare (last_used, end_utc), <=, 0);
    }
}

static void
test_expired_or_expiring (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = lk_sandbox_get_now (f->sandbox);
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 14);
  guint requests, expected = 0;

  load (f);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      GDateTime *expiration = lk_token_get_expiration_date (shown_token (f, i));

      expected += expiration != NULL && g_date_time_compare (expiration, soon) <= 0;
    }
  g_assert_cmpuint (expected, >, 0);

  /* Decided on the list in hand: nothing new is asked of the tenant. */
  requests = lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens");
  choose_cleanup (f, 7);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, requests);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, expected);

  /* And it combines with the search. */
  search (f, "zzz-nothing");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
  search (f, "");
  choose_cleanup (f, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 31);
}

static gboolean
token_dialog_is_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LK_IS_TOKEN_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(LkTokenDialog **) data = g_object_ref (LK_TOKEN_DIALOG (window));
          return TRUE;
        }
    }

  return FALSE;
}

static GtkWidget *
dialog_child (LkTokenDialog *dialog,
              const char       *name)
{
  return lk_test_template_child (dialog, LK_TYPE_TOKEN_DIALOG, name);
}

static gboolean
names_checked (gpointer dialog)
{
  gboolean checked;

  g_object_get (dialog, "names-checked", &checked, NULL);
  return checked;
}

static LkTokenDialog *
open_token_dialog (Fixture    *f,
                   const char *name)
{
  LkTokenDialog *dialog = NULL;
  guint requests = lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens");

  gtk_widget_activate (page_child (f, name));
  lk_test_wait_until (token_dialog_is_open, &dialog, 5000, "the New Access Token dialog");
  /* It asks for the caller's tokens, to refuse a name in use before sending:
   * until the whole (streamed) answer is in. */
  while (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens") < requests + 1)
    g_main_context_iteration (NULL, TRUE);
  lk_test_wait_until (names_checked, dialog, 10000, "the names in use");
  lk_test_drain_main_context ();
  return dialog;
}

static gboolean
secret_is_shown (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (dialog_child (data, "step_stack"))), "secret") == 0;
}

static void
test_create_token (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LkTokenDialog) dialog = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(GDateTime) now = lk_sandbox_get_now (f->sandbox);
  g_autoptr(GDateTime) latest = g_date_time_add_months (now, 6);
  g_autoptr(GDateTime) expiration = NULL;
  const char *client_id, *secret;
  JsonObject *object;
  gboolean listed = FALSE;

  load (f);
  dialog = open_token_dialog (f, "new_button");

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), "Terraform (staging)");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (dialog_child (dialog, "validity_spin")), 3600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL));
  lk_test_wait_until (secret_is_shown, dialog, 10000, "the secret");

  /* What was sent: the spec's fields, all rights, six months at most. */
  body = lk_sandbox_get_last_request_body (f->sandbox, "POST", "/v3/personal-access-tokens", NULL);
  sent = json_from_string (g_bytes_get_data (body, NULL), NULL);
  object = json_node_get_object (sent);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Terraform (staging)");
  g_assert_cmpint (json_object_get_int_member (object, "accessTokenValiditySeconds"), ==, 3600);
  g_assert_false (json_object_has_member (object, "scope"));
  expiration = lk_json_parse_date_time (json_object_get_string_member (object, "expirationDate"));
  g_assert_cmpint (g_date_time_compare (expiration, latest), <=, 0);
  g_assert_cmpint (g_date_time_difference (latest, expiration), <, 2 * G_TIME_SPAN_DAY);

  /* Shown once: the client ID and a secret that works. */
  client_id = adw_action_row_get_subtitle (ADW_ACTION_ROW (dialog_child (dialog, "client_id_row")));
  secret = adw_action_row_get_subtitle (ADW_ACTION_ROW (lk_test_template_child (dialog, LK_TYPE_TOKEN_DIALOG,
                                                                                "secret_row")));
  g_assert_cmpuint (strlen (secret), ==, 64);
  {
    g_autoptr(LkClient) as_new = lk_client_new (lk_sandbox_get_url (f->sandbox), client_id, secret);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    lk_client_authenticate_async (as_new, NULL, lk_test_store_result_cb, &result);
    g_assert_true (lk_client_authenticate_finish (as_new, lk_test_wait_for (&result), &error));
    g_clear_object (&result);
    lk_test_assert_finalized (g_steal_pointer (&as_new));
  }

  /* Copied, and said so. */
  {
    g_autofree char *copied = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.copy-secret", NULL));
    copied = lk_test_clipboard_text (GTK_WIDGET (dialog));
    g_assert_cmpstr (copied, ==, secret);
    lk_test_wait_for_label (GTK_WIDGET (dialog), "Secret copied");
  }

  /* The list behind the dialog has it. */
  wait_for_state (f, "list");
  while (!listed)
    {
      for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
        listed |= g_strcmp0 (lk_token_get_id (shown_token (f, i)), client_id) == 0;
      if (!listed)
        g_main_context_iteration (NULL, TRUE);
    }

  /* Closing wipes the secret from the dialog. */
  gtk_window_close (GTK_WINDOW (dialog));
  lk_test_wait_until (lk_test_widget_is_unmapped, dialog, 5000, "the dialog to close");
  lk_test_assert_finalized (g_steal_pointer (&dialog));
}

static void
test_create_duplicate_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LkTokenDialog) dialog = NULL;

  load (f);
  dialog = open_token_dialog (f, "new_button");

  /* The admin already has one of that name: refused here, nothing sent. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), "Latchkey sandbox");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "name_error")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "name_error"))), "Latchkey sandbox"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL) &&
                  lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens") > 0);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), "Latchkey sandbox 2");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "name_error")));

  gtk_window_close (GTK_WINDOW (dialog));
  lk_test_wait_until (lk_test_widget_is_unmapped, dialog, 5000, "the dialog to close");
}

static void
test_create_with_scopes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LkTokenDialog) dialog = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) sent = NULL;
  JsonArray *scope;
  GtkWidget *entry;

  load (f);
  dialog = open_token_dialog (f, "new_button");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), "Reporting");

  /* The switch's subtitle says what it means, as it stands. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (dialog_child (dialog, "scopes_expander"))), ==,
                   "Off: all of your rights (sp:scopes:all)");

  /* Limited, but no scope yet: not allowed. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (dialog_child (dialog, "scopes_expander")), TRUE);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (dialog_child (dialog, "scopes_expander"))), ==,
                   "On: only the scopes listed here");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL) &&
                  lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens") > 0);

  /* A space typed inside a scope is a mistake, said, not two scopes. */
  entry = dialog_child (dialog, "scope_entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "idn:identity: read");
  g_signal_emit_by_name (entry, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "idn:identity: read");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "scope_error")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "scope_error"))), "“read” is not a scope"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL) &&
                  lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens") > 0);

  /* Several pasted at once are several. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "idn:identity:read, idn:accounts:read");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "scope_error")));
  g_signal_emit_by_name (entry, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL));
  lk_test_wait_until (secret_is_shown, dialog, 10000, "the secret");

  body = lk_sandbox_get_last_request_body (f->sandbox, "POST", "/v3/personal-access-tokens", NULL);
  sent = json_from_string (g_bytes_get_data (body, NULL), NULL);
  scope = json_object_get_array_member (json_node_get_object (sent), "scope");
  g_assert_cmpuint (json_array_get_length (scope), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (scope, 0), ==, "idn:identity:read");
  g_assert_cmpstr (json_array_get_string_element (scope, 1), ==, "idn:accounts:read");

  gtk_window_close (GTK_WINDOW (dialog));
  lk_test_wait_until (lk_test_widget_is_unmapped, dialog, 5000, "the dialog to close");
}

static gboolean
some_shown (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (shown (f)) > 0;
}

static gboolean
create_error_shown (gpointer data)
{
  return gtk_widget_get_visible (dialog_child (data, "error_label")) &&
         gtk_widget_is_sensitive (dialog_child (data, "name_row"));
}

/* The tenant fails after the POST went out: whether the token was made
 * is checked and said, with what to do.
 */
static void
test_create_answer_lost (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    LkSandboxFault fault;
    const char    *says;
  } cases[] = {
    { LK_SANDBOX_FAULT_5XX, "No token was made: try again." },
    { LK_SANDBOX_FAULT_MALFORMED, "The tenant made the token “Lost Answer” all the same" },
  };

  load (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LkTokenDialog) dialog = open_token_dialog (f, "new_button");
      const char *said;

      gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), "Lost Answer");
      lk_sandbox_fail_next_on (f->sandbox, cases[i].fault, 1, "POST /v3/personal-access-tokens");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL));
      lk_test_wait_until (create_error_shown, dialog, 10000, "what became of the token");

      said = gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "error_label")));
      g_test_message ("said: %s", said);
      g_assert_nonnull (strstr (said, cases[i].says));
      /* The form stays as typed, and the secret step never shows. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "name_row"))), ==, "Lost Answer");
      g_assert_false (secret_is_shown (dialog));
      gtk_window_close (GTK_WINDOW (dialog));
      lk_test_wait_until (lk_test_widget_is_unmapped, dialog, 5000, "the dialog to close");
    }

  /* The token made is in the list, to be revoked. */
  wait_for_state (f, "list");
  search (f, "Lost Answer");
  lk_test_wait_until (some_shown, f, 10000, "the token made in the list");
}

static void
test_rename_and_rescope (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const scopes[] = { "idn:latchkey-test:read", NULL };
  g_autoptr(LkTokenDialog) dialog = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *id = NULL;
  JsonArray *operations;
  gboolean renamed = FALSE;
  guint listed;

  load (f);

  /* Managed tokens cannot be edited from here; an ordinary one can. */
  select_tokens (f, is_managed, 1);
  g_assert_false (gtk_widget_get_sensitive (page_child (f, "edit_button")));
  select_tokens (f, is_ordinary, 1);
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (lk_tokens_page_get_model (f->page));

    id = g_strdup (lk_token_get_id (shown_token (f, gtk_bitset_get_minimum (selected))));
  }

  dialog = open_token_dialog (f, "edit_button");
  listed = lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "lifetime_group")));
  /* Nothing changed yet: nothing to save. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL) &&
                  lk_sandbox_count_requests (f->sandbox, "PATCH", NULL) > 0);

  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "name_row")), "Renamed by Latchkey");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (dialog_child (dialog, "scopes_expander")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "scope_entry")), scopes[0]);
  g_signal_emit_by_name (dialog_child (dialog, "scope_entry"), "apply");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "token.create", NULL));
  lk_test_wait_until (lk_test_widget_is_unmapped, dialog, 10000, "the dialog to close");

  /* A JSON Patch of replace operations, for what changed. */
  body = lk_sandbox_get_last_request_body (f->sandbox, "PATCH", "/v3/personal-access-tokens/", &content_type);
  g_assert_cmpstr (content_type, ==, "application/json-patch+json");
  sent = json_from_string (g_bytes_get_data (body, NULL), NULL);
  operations = json_node_get_array (sent);
  g_assert_cmpuint (json_array_get_length (operations), ==, 2);
  {
    JsonObject *name_op = json_array_get_object_element (operations, 0);
    JsonObject *scope_op = json_array_get_object_element (operations, 1);
    JsonArray *value = json_object_get_array_member (scope_op, "value");
    gboolean has_new_scope = FALSE;

    g_assert_cmpstr (json_object_get_string_member (name_op, "op"), ==, "replace");
    g_assert_cmpstr (json_object_get_string_member (name_op, "path"), ==, "/name");
    g_assert_cmpstr (json_object_get_string_member (name_op, "value"), ==, "Renamed by Latchkey");
    g_assert_cmpstr (json_object_get_string_member (scope_op, "op"), ==, "replace");
    g_assert_cmpstr (json_object_get_string_member (scope_op, "path"), ==, "/scope");
    for (guint i = 0; i < json_array_get_length (value); i++)
      has_new_scope |= g_strcmp0 (json_array_get_string_element (value, i), scopes[0]) == 0;
    g_assert_true (has_new_scope);
  }

  /* The list shows the new name at once, in place: nothing is asked again,
   * so the list keeps its scroll and the token stays selected. */
  g_assert_cmpstr (visible_state (f), ==, "list");
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    if (g_strcmp0 (lk_token_get_id (shown_token (f, i)), id) == 0)
      {
        renamed = g_strcmp0 (lk_token_get_name (shown_token (f, i)), "Renamed by Latchkey") == 0;
        g_assert_true (gtk_selection_model_is_selected (lk_tokens_page_get_model (f->page), i));
      }
  g_assert_true (renamed);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, listed);
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("latchkey-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tokens.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  load (f);
  search (f, "sdk");
  n = g_list_model_get_n_items (shown (f));
  g_assert_cmpuint (n, >, 0);

  /* What is shown, in the order shown: the search applies. */
  lk_tokens_page_export_async (f->page, file, NULL, lk_test_store_result_cb, &result);
  g_assert_true (lk_tokens_page_export_finish (f->page, lk_test_wait_for (&result), &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_str_has_prefix (lines[i + 1], lk_token_get_id (shown_token (f, i))));

  g_unlink (path);
  g_rmdir (dir);
}

/* What keys and a screen reader rely on: the count of what is shown and
 * chosen, Ctrl+F to the search, Enter (or a double click) on a token opens it.
 */
static void
test_keyboard_and_count (Fixture       *f,
                         gconstpointer  data)
{
  GtkLabel *count = GTK_LABEL (page_child (f, "count_label"));
  GtkWidget *column_view = page_child (f, "column_view");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (f->page));
  g_autoptr(LkTokenDialog) dialog = NULL;
  g_autofree char *some_shown = NULL;
  g_autofree char *one_selected = NULL;
  guint position;

  load (f);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "31 tokens");
  search (f, "SDK");
  some_shown = g_strdup_printf ("%u of 31 tokens shown", g_list_model_get_n_items (shown (f)));
  g_assert_cmpstr (gtk_label_get_text (count), ==, some_shown);
  select_tokens (f, is_ordinary, 1);
  one_selected = g_strdup_printf ("1 selected of %u shown", g_list_model_get_n_items (shown (f)));
  g_assert_cmpstr (gtk_label_get_text (count), ==, one_selected);
  search (f, "");

  /* The page takes the focus on the list; Ctrl+F moves it to the search. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->page)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), column_view) ||
                 gtk_root_get_focus (root) == column_view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "tokens.search", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), page_child (f, "search_entry")));

  /* Activating a row opens that token for editing. */
  gtk_selection_model_unselect_all (lk_tokens_page_get_model (f->page));
  for (position = 0; !is_ordinary (f, shown_token (f, position)); position++)
    ;
  g_signal_emit_by_name (column_view, "activate", position);
  lk_test_wait_until (token_dialog_is_open, &dialog, 5000, "the token to open");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "name_row"))), ==,
                   lk_token_get_name (shown_token (f, position)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct {
  GtkWidget *widget;
  int        width;
} WidthWait;

static gboolean
has_width (gpointer data)
{
  WidthWait *wait = data;

  return gtk_widget_get_width (wait->widget) == wait->width;
}

static gboolean
page_is_listed (gpointer page)
{
  GObject *stack = gtk_widget_get_template_child (page, LK_TYPE_TOKENS_PAGE, "state_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "list") == 0;
}

/* The columns a Tokens page shows in a window @width wide. (A mapped
 * window keeps its size under Xvfb, with no window manager to resize it:
 * each width gets a window and a page of its own.)
 */
static char *
visible_columns (LkTokensPage *page)
{
  GObject *view = gtk_widget_get_template_child (GTK_WIDGET (page), LK_TYPE_TOKENS_PAGE, "column_view");
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  GString *titles = g_string_new (NULL);

  /* The columns follow on the next frame. */
  lk_test_wait_frames (GTK_WIDGET (page), 2);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_string_append_printf (titles, "%s%s", titles->len ? "|" : "", gtk_column_view_column_get_title (column));
    }

  return g_string_free (titles, FALSE);
}

static char *
columns_at (Fixture *f,
            int      width)
{
  LkTokensPage *page = lk_tokens_page_new ();
  GtkWindow *window = lk_test_window_show (GTK_WIDGET (page), width, 700);
  char *titles;

  lk_tokens_page_set_client (page, f->client);
  lk_test_wait_until (page_is_listed, page, 10000, "the tokens");
  lk_test_wait_until (has_width, &(WidthWait) { GTK_WIDGET (page), width }, 5000, "the page's width");
  titles = visible_columns (page);

  lk_test_destroy_window (window);
  return titles;
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (checks, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

/* The check box of the @n-th row on screen. */
static GtkCheckButton *
nth_check (Fixture *f,
           guint    n)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect_checks (page_child (f, "column_view"), checks);
  g_assert_cmpuint (checks->len, >, n);
  return GTK_CHECK_BUTTON (g_ptr_array_index (checks, n));
}

/* The selection mode: check boxes add to the selection, which a click
 * alone replaces; leaving it leaves nothing selected.
 */
static void
test_selection_mode (Fixture       *f,
                     gconstpointer  data)
{
  GtkSelectionModel *selection;
  GtkLabel *count = GTK_LABEL (page_child (f, "count_label"));
  GtkColumnViewColumn *checks;
  g_autoptr(GtkBitset) selected = NULL;

  load (f);
  selection = lk_tokens_page_get_model (f->page);
  {
    g_autoptr(GtkColumnViewColumn) first =
      g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (page_child (f, "column_view"))), 0);

    checks = first;
  }
  g_assert_false (gtk_column_view_column_get_visible (checks));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "tokens.selection-mode", NULL));
  g_assert_true (gtk_column_view_column_get_visible (checks));
  lk_test_wait_frames (GTK_WIDGET (f->page), 2);

  gtk_check_button_set_active (nth_check (f, 0), TRUE);
  gtk_check_button_set_active (nth_check (f, 1), TRUE);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "2 selected of 31 shown");

  gtk_check_button_set_active (nth_check (f, 0), FALSE);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (selection, 1));

  /* Escape leaves it, and the selection with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "tokens.leave-selection-mode", NULL));
  g_assert_false (gtk_column_view_column_get_visible (checks));
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "31 tokens");
}

/* Narrow, or with large text: the page holds no window wider than 360 px,
 * its controls wrap, and its columns give way by importance rather than
 * all being cut to nothing.
 */
static void
test_adaptive (Fixture       *f,
               gconstpointer  data)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi;
  int min_width;
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *large_text = NULL;

  load (f);
  /* The owner's picker shown too: the widest the toolbar gets. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "whose_dropdown")), 2);
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  /* As wide as the test's screen allows (1280 px). */
  wide = columns_at (f, 1200);
  g_assert_cmpstr (wide, ==, "Name|Owner|Scopes|Created|Last Used|Expires|Managed");

  narrow = columns_at (f, 360);
  g_test_message ("at 360 px: %s", narrow);
  g_assert_true (g_str_has_prefix (narrow, "Name|"));
  g_assert_nonnull (strstr (narrow, "Last Used"));
  g_assert_null (strstr (narrow, "Scopes"));

  /* Text twice as large: fewer columns fit the same width. */
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  large_text = columns_at (f, 1200);
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  g_test_message ("at 1200 px, text at 2.0: %s", large_text);
  g_assert_true (g_str_has_prefix (large_text, "Name|"));
  g_assert_cmpuint (strlen (large_text), <, strlen (wide));

  /* And a page already shown follows the text scale as it changes. */
  {
    g_autofree char *before = visible_columns (f->page);
    g_autofree char *scaled = NULL;
    g_autofree char *back = NULL;

    g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
    scaled = visible_columns (f->page);
    g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
    back = visible_columns (f->page);
    g_test_message ("at 1000 px: %s; text at 2.0: %s", before, scaled);
    g_assert_cmpuint (strlen (scaled), <, strlen (before));
    g_assert_cmpstr (back, ==, before);
  }
}


/* Every saved tenant's tokens in one list */

static const char *
tenant_of (LkToken *token)
{
  return lk_token_get_tenant (token) != NULL ? lk_tenant_get_name (lk_token_get_tenant (token)) : NULL;
}

typedef struct {
  Fixture *f;
  guint    n_rows;
  guint    n_tenant_rows;
} AllTenantsWait;

static gboolean
all_tenants_shown (gpointer data)
{
  AllTenantsWait *wait = data;
  Fixture *f = wait->f;
  GtkWidget *rows = page_child (f, "tenant_rows");
  guint n_tenant_rows = 0;

  /* Failed ones only (they offer Try Again): none still loading. */
  for (GtkWidget *child = gtk_widget_get_first_child (rows); child; child = gtk_widget_get_next_sibling (child))
    if (lk_test_find_of_type (child, GTK_TYPE_BUTTON) != NULL)
      n_tenant_rows++;
    else
      return FALSE;

  return !lk_token_slot_model_get_pending (LK_TOKEN_SLOT_MODEL (lk_tokens_page_get_model (f->page))) &&
         g_list_model_get_n_items (G_LIST_MODEL (lk_tokens_page_get_model (f->page))) == wait->n_rows &&
         n_tenant_rows == wait->n_tenant_rows && g_str_equal (visible_state (f), "list");
}

static void
wait_for_all_tenants (Fixture *f,
                      guint    n_rows,
                      guint    n_tenant_rows)
{
  AllTenantsWait wait = { f, n_rows, n_tenant_rows };

  lk_test_wait_until (all_tenants_shown, &wait, 30000, "every tenant's tokens and rows");
}

/* Selects the first ordinary token of @tenant; returns it. */
static LkToken *
select_first_of (Fixture    *f,
                 const char *tenant)
{
  GtkSelectionModel *selection = lk_tokens_page_get_model (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      LkToken *token = shown_token (f, i);

      if (g_strcmp0 (tenant_of (token), tenant) == 0 && !lk_token_get_managed (token) &&
          g_strcmp0 (lk_token_get_id (token), lk_tenant_get_client_id (lk_token_get_tenant (token))) != 0)
        {
          gtk_selection_model_select_item (selection, i, FALSE);
          return token;
        }
    }

  g_assert_not_reached ();
}

static void
test_all_tenants (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkSandbox) prod = lk_test_sandbox_start (NULL, "rate-limit", 0, "tokens", 3, "seed", 2, NULL);
  g_autoptr(LkSandbox) broken = lk_test_sandbox_start (NULL, "rate-limit", 0, "tokens", 2, "seed", 3, NULL);
  GtkWidget *tenant_rows = page_child (f, "tenant_rows");
  GtkWidget *row, *button;
  AdwMessageDialog *dialog;
  g_autofree char *first_heading = NULL;
  LkToken *on_sandbox, *on_prod;
  const char *first_tenant;

  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
  session = lk_session_new (settings, NULL);
  lk_test_save_sandbox (session, "Broken", broken);
  lk_test_save_sandbox (session, "Prod", prod);
  lk_test_save_sandbox (session, "Sandbox", f->sandbox);
  lk_sandbox_set_fault_on (broken, LK_SANDBOX_FAULT_5XX, 100, "GET /v3/personal-access-tokens");
  g_object_set (f->page, "session", session, NULL);
  load (f);
  g_assert_false (gtk_column_view_column_get_visible (column_titled (f, "Tenant")));

  /* Every tenant at once: Broken's failure on a row of its own, the others listed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "tokens.all-tenants", NULL));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page_child (f, "all_tenants_button"))));
  wait_for_all_tenants (f, 31 + 4, 1);
  g_assert_true (gtk_widget_get_visible (tenant_rows));
  row = gtk_widget_get_first_child (tenant_rows);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Broken");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Not listed: "));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (f, "count_label"))), ==, "35 tokens, from 2 of 3 tenants");
  g_assert_true (gtk_column_view_column_get_visible (column_titled (f, "Tenant")));
  /* A new token is made on one tenant, chosen in the switcher. */
  g_assert_false (gtk_widget_get_sensitive (page_child (f, "new_button")));

  /* A search finds a tenant's tokens by its name. */
  search (f, "prod");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (tenant_of (shown_token (f, i)), ==, "Prod");
  search (f, "");

  /* Broken mended: Try Again asks it alone, and its tokens join the list. */
  lk_sandbox_set_fault_on (broken, LK_SANDBOX_FAULT_5XX, 0, NULL);
  button = lk_test_find_of_type (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  wait_for_all_tenants (f, 31 + 4 + 3, 0);
  g_assert_false (gtk_widget_get_visible (tenant_rows));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (f, "count_label"))), ==, "38 tokens");
  g_assert_cmpuint (lk_sandbox_count_requests (prod, "GET", "/v3/personal-access-tokens"), ==, 2);

  /* The cleanup filters ask every tenant. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "cleanup_dropdown")), 6 /* Never Used */);
  lk_test_wait_until (rows_caught_up, f, 5000, "the list");
  {
    g_autofree char *query = NULL;

    lk_test_wait_for_stack_child (page_child (f, "state_stack"), "list");
    query = lk_sandbox_get_last_request_query (prod, "GET", "/v3/personal-access-tokens");
    g_assert_cmpstr (query, ==, "filters=lastUsed+isnull");
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "cleanup_dropdown")), 0);
  wait_for_all_tenants (f, 31 + 4 + 3, 0);

  /* Revoking across tenants asks per tenant: one said yes, the other kept. */
  lk_tokens_page_set_selection_mode (f->page, TRUE);
  on_sandbox = g_object_ref (select_first_of (f, "Sandbox"));
  on_prod = g_object_ref (select_first_of (f, "Prod"));
  dialog = open_revoke_dialog (f);
  first_heading = g_strdup (adw_message_dialog_get_heading (dialog));
  first_tenant = strstr (first_heading, "Sandbox") != NULL ? "Sandbox" : "Prod";
  g_assert_nonnull (strstr (first_heading, " on “"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 other tenant"));
  adw_message_dialog_response (dialog, "revoke");
  {
    gboolean sandbox_first = g_str_equal (first_tenant, "Sandbox");
    g_autofree char *second = g_strdup_printf ("Revoke “%s” on “%s”?",
                                               lk_token_get_name (sandbox_first ? on_prod : on_sandbox),
                                               sandbox_first ? "Prod" : "Sandbox");

    dialog = lk_test_wait_for_message_dialog (second);
  }
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "cancel"), ==, "_Keep Them");
  adw_message_dialog_response (dialog, "cancel");

  wait_for_all_tenants (f, 31 + 4 + 3 - 1, 0);
  g_assert_cmpuint (lk_sandbox_count_requests (g_str_equal (first_tenant, "Sandbox") ? f->sandbox : prod, "DELETE",
                                               NULL), ==, 1);
  g_assert_cmpuint (lk_sandbox_count_requests (g_str_equal (first_tenant, "Sandbox") ? prod : f->sandbox, "DELETE",
                                               NULL), ==, 0);
  g_object_unref (on_sandbox);
  g_object_unref (on_prod);

  /* An owner is one tenant's: choosing one leaves the list of all. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (f, "whose_dropdown")), 2);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page_child (f, "all_tenants_button"))));

  g_object_set (f->page, "session", NULL, NULL);
  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
}

int
main (int   argc,
      char *argv[])
{
  lk_test_gtk_init (&argc, &argv);

  LK_TEST_ADD ("/lk/tokens-page/list", test_list);
  LK_TEST_ADD ("/lk/tokens-page/all-tenants", test_all_tenants);
  LK_TEST_ADD ("/lk/tokens-page/sort", test_sort);
  LK_TEST_ADD ("/lk/tokens-page/search", test_search);
  LK_TEST_ADD ("/lk/tokens-page/keyboard-and-count", test_keyboard_and_count);
  LK_TEST_ADD ("/lk/tokens-page/adaptive", test_adaptive);
  LK_TEST_ADD ("/lk/tokens-page/selection-mode", test_selection_mode);
  LK_TEST_ADD ("/lk/tokens-page/search-updates-cells", test_search_updates_cells);
  LK_TEST_ADD ("/lk/tokens-page/selection-follows-tokens", test_selection_follows_tokens);
  g_test_add ("/lk/tokens-page/rows-follow-on-screen-first", Fixture, GUINT_TO_POINTER (200), fixture_set_up,
              test_rows_follow_on_screen_first, fixture_tear_down);
  g_test_add ("/lk/tokens-page/typing-paints-rows-laid-out", Fixture, GUINT_TO_POINTER (5000), fixture_set_up,
              test_typing_paints_rows_laid_out, fixture_tear_down);
  LK_TEST_ADD ("/lk/tokens-page/mine-and-forbidden", test_mine_and_forbidden);
  LK_TEST_ADD ("/lk/tokens-page/owner-by-name", test_owner_by_name);
  LK_TEST_ADD ("/lk/tokens-page/owner-without-the-right", test_owner_without_the_right);
  LK_TEST_ADD ("/lk/tokens-page/revoke-one", test_revoke_one);
  LK_TEST_ADD ("/lk/tokens-page/rotate", test_rotate);
  LK_TEST_ADD ("/lk/tokens-page/retired-offered", test_retired_offered);
  LK_TEST_ADD ("/lk/tokens-page/revoke-cancelled", test_revoke_cancelled);
  LK_TEST_ADD ("/lk/tokens-page/revoke-bulk", test_revoke_bulk);
  LK_TEST_ADD ("/lk/tokens-page/own-connection-guard", test_own_connection_guard);
  LK_TEST_ADD ("/lk/tokens-page/managed-read-only", test_managed_read_only);
  LK_TEST_ADD ("/lk/tokens-page/never-used", test_never_used);
  LK_TEST_ADD ("/lk/tokens-page/unused-for-90-days", test_unused_for_90_days);
  LK_TEST_ADD ("/lk/tokens-page/unused-since-a-date", test_unused_since_a_date);
  LK_TEST_ADD ("/lk/tokens-page/expired-or-expiring", test_expired_or_expiring);
  LK_TEST_ADD ("/lk/tokens-page/create-token", test_create_token);
  LK_TEST_ADD ("/lk/tokens-page/create-answer-lost", test_create_answer_lost);
  LK_TEST_ADD ("/lk/tokens-page/create-duplicate-refused", test_create_duplicate_refused);
  LK_TEST_ADD ("/lk/tokens-page/create-with-scopes", test_create_with_scopes);
  LK_TEST_ADD ("/lk/tokens-page/rename-and-rescope", test_rename_and_rescope);
  LK_TEST_ADD ("/lk/tokens-page/export-csv", test_export_csv);


  return g_test_run ();
}
