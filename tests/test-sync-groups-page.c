/* test-sync-groups-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lk-client-directory.h"
#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-sandbox.h"
#include "lk-sync-groups-page.h"
#include "lk-copy-dialog.h"
#include "lk-session.h"
#include "lk-test-tenant.h"
#include "lk-test-util.h"

/* The Sync Groups page against the sandbox tenant, in a window under Xvfb.
 * Two groups are seeded: "Corporate Directory" (two sources) and
 * "Engineering Tools" (three); three more sources belong to no group.
 */

typedef struct {
  LkSandbox        *sandbox;
  LkClient         *client;
  GtkWindow        *window;
  LkSyncGroupsPage *page;
  GPtrArray        *free_sources;
} Fixture;

static GtkWidget *
page_child (Fixture    *f,
            const char *name)
{
  return lk_test_template_child (f->page, LK_TYPE_LIST_PAGE, name);
}

static void
wait_for_state (Fixture    *f,
                const char *state)
{
  lk_test_wait_for_stack_child (page_child (f, "state_stack"), state);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lk_test_page_open (&f->sandbox, &f->client, &f->window, &f->page, GTK_WIDGET (lk_sync_groups_page_new ()), 900,
                     800, "rate-limit", 0, "sync-groups", 2, NULL);
  f->free_sources = lk_test_ungrouped_sources (f->client);
  g_assert_cmpuint (f->free_sources->len, ==, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->free_sources, g_ptr_array_unref);
  lk_test_page_close (&f->window, &f->page, &f->sandbox, &f->client);
}

static void
load (Fixture *f)
{
  lk_list_page_set_client (LK_LIST_PAGE (f->page), f->client);
  wait_for_state (f, "list");
}

static GListModel *
shown (Fixture *f)
{
  return G_LIST_MODEL (lk_list_page_get_model (LK_LIST_PAGE (f->page)));
}

static LkSyncGroup *
shown_group (Fixture *f,
             guint    position)
{
  g_autoptr(LkSyncGroup) group = g_list_model_get_item (shown (f), position);

  return group;   /* the list keeps it */
}

static GtkWidget *
editor_child (Fixture    *f,
              const char *name)
{
  return lk_test_named (lk_list_page_get_editor (LK_LIST_PAGE (f->page)), name);
}

static gboolean
can_save (Fixture *f)
{
  return gtk_widget_is_sensitive (editor_child (f, "save"));
}

static const char *
message (Fixture    *f,
         const char *name)
{
  GtkWidget *label = editor_child (f, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static void
add_source (Fixture    *f,
            const char *id)
{
  gtk_editable_set_text (GTK_EDITABLE (editor_child (f, "add-source")), id);
  g_signal_emit_by_name (editor_child (f, "add-source"), "apply");
}

static guint
source_rows (Fixture *f)
{
  return lk_test_count_children (editor_child (f, "sources"));
}

/* As a click on a response button does: answer, then close. */
static void
respond (const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                                            "the question"));

  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
}

static void
activate_in_editor (Fixture    *f,
                    const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (lk_list_page_get_editor (LK_LIST_PAGE (f->page))), action, NULL));
}

static void
save (Fixture *f)
{
  g_assert_true (can_save (f));
  activate_in_editor (f, "editor.save");
}

static gboolean
shows_three (gpointer data)
{
  return g_list_model_get_n_items (shown (data)) == 3;
}

static gboolean
shows_one (gpointer data)
{
  return g_list_model_get_n_items (shown (data)) == 1;
}

/* The renamed group, wherever it sorts. */
static gboolean
lists_engineering (gpointer data)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown (data)); i++)
    if (g_strcmp0 (lk_sync_group_get_name (shown_group (data, i)), "Engineering") == 0)
      return TRUE;

  return FALSE;
}

static gboolean
lists_engineering_theirs (gpointer data)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown (data)); i++)
    if (g_strcmp0 (lk_sync_group_get_name (shown_group (data, i)), "Engineering (theirs)") == 0 &&
        g_strv_length ((char **) lk_sync_group_get_source_ids (shown_group (data, i))) == 4)
      return TRUE;

  return FALSE;
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  load (f);

  /* By name, with each group's policy by name. */
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
  g_assert_cmpstr (lk_sync_group_get_name (shown_group (f, 0)), ==, "Corporate Directory");
  g_assert_cmpstr (lk_sync_group_get_name (shown_group (f, 1)), ==, "Engineering Tools");
  lk_test_drain_main_context ();
  g_assert_true (lk_test_label_shown (page_child (f, "column_view"), "Default Password Policy"));
  g_assert_true (lk_test_label_shown (page_child (f, "column_view"), "3"));

  /* Nothing chosen, nothing to edit or delete. */
  g_assert_false (gtk_widget_is_sensitive (lk_test_find_named (GTK_WIDGET (f->page), "delete")));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 0, TRUE);
  g_assert_true (gtk_widget_is_sensitive (lk_test_find_named (GTK_WIDGET (f->page), "delete")));
}

static void
test_load_error (Fixture       *f,
                 gconstpointer  data)
{
  /* Every try fails, retries included: the tenant's words, then a retry works. */
  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_5XX, 100);
  lk_list_page_set_client (LK_LIST_PAGE (f->page), f->client);
  wait_for_state (f, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page_child (f, "error_page"))),
                            "The tenant had an internal error"));

  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_5XX, 0);
  activate (f, "sync-groups.reload");
  wait_for_state (f, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(LkSyncGroup) created = NULL;
  const char * const *taken = NULL;
  LkPasswordPolicy *policy;

  load (f);
  taken = lk_sync_group_get_source_ids (shown_group (f, 0));
  activate (f, "sync-groups.new");
  wait_for_state (f, "editor");

  /* Blank, on the default policy, and nothing to save yet. */
  policy = adw_combo_row_get_selected_item (ADW_COMBO_ROW (editor_child (f, "policy")));
  g_assert_nonnull (policy);
  g_assert_true (lk_password_policy_is_default (policy));
  g_assert_cmpstr (message (f, "group-message"), ==, "The group needs a name.");
  g_assert_cmpstr (message (f, "sources-message"), ==, "A group needs at least two sources.");
  g_assert_false (can_save (f));

  /* A name another group has is refused, whatever its case. */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (f, "name")), "corporate directory");
  g_assert_cmpstr (message (f, "group-message"), ==, "Another group has this name.");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (f, "name")), "Lab Machines");
  g_assert_cmpstr (message (f, "group-message"), ==, "");

  /* A source of another group is flagged on its row and under the list. */
  add_source (f, taken[0]);
  g_assert_cmpuint (source_rows (f), ==, 1);
  g_assert_nonnull (strstr (message (f, "sources-message"), "is already in the group “Corporate Directory”"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (editor_child (f, "sources")), "error"));
  g_signal_emit_by_name (lk_test_find_named (editor_child (f, "sources"), "remove"), "clicked");
  g_assert_cmpuint (source_rows (f), ==, 0);

  /* Two free sources; the same one twice counts once. */
  add_source (f, g_ptr_array_index (f->free_sources, 0));
  add_source (f, g_ptr_array_index (f->free_sources, 0));
  g_assert_cmpuint (source_rows (f), ==, 1);
  g_assert_false (can_save (f));
  add_source (f, g_ptr_array_index (f->free_sources, 1));
  g_assert_cmpstr (message (f, "sources-message"), ==, "");
  g_assert_true (can_save (f));

  save (f);
  lk_test_wait_until (shows_three, f, 5000, "the new group in the list");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/password-sync-groups"), ==, 1);
  g_assert_false (can_save (f));

  /* The tenant has it as it was chosen. */
  groups = lk_test_list_all (f->client, &lk_sync_group_kind);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LkSyncGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (lk_sync_group_get_name (group), "Lab Machines") == 0)
        created = g_object_ref (group);
    }
  g_assert_nonnull (created);
  g_assert_cmpstr (lk_sync_group_get_password_policy_id (created), ==, lk_password_policy_get_id (policy));
  g_assert_cmpuint (g_strv_length ((char **) lk_sync_group_get_source_ids (created)), ==, 2);

  /* Saved: leaving asks nothing. */
  activate_in_editor (f, "editor.leave");
  wait_for_state (f, "list");
}

static gboolean
sources_listed (gpointer data)
{
  Fixture *f = data;
  GtkWidget *status = editor_child (f, "source-status");

  return !gtk_widget_get_visible (status) ||
         !g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "Loading");
}

static GtkWidget *
result_named (Fixture    *f,
              const char *name)
{
  GtkWidget *results = editor_child (f, "source-results");

  for (GtkWidget *row = gtk_widget_get_first_child (results); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name))
      return row;

  return NULL;
}

static const char *
source_row_title (Fixture *f,
                  guint    position)
{
  GtkWidget *row = gtk_widget_get_first_child (editor_child (f, "sources"));

  for (guint i = 0; i < position && row != NULL; i++)
    row = gtk_widget_get_next_sibling (row);
  g_assert_nonnull (row);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* Sources by name, as an administrator knows them: typed, picked, shown, sent. */
static void
test_pick_sources_by_name (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GListModel) sources = lk_test_list_all (f->client, &lk_source_kind);
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *salesforce_id = NULL;
  g_autofree char *okta_id = NULL;
  GtkWidget *entry;
  GtkWidget *row;

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LkSource) source = g_list_model_get_item (sources, i);

      if (g_str_equal (lk_source_get_name (source), "Salesforce"))
        salesforce_id = g_strdup (lk_source_get_id (source));
      if (g_str_equal (lk_source_get_name (source), "Okta"))
        okta_id = g_strdup (lk_source_get_id (source));
    }

  load (f);
  activate (f, "sync-groups.new");
  wait_for_state (f, "editor");
  lk_test_wait_until (sources_listed, f, 5000, "the tenant's sources");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (f, "name")), "Developer Tools");
  entry = editor_child (f, "add-source");

  /* Part of a name, in any case: the matches show, names first, with type and connector. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "oKt");
  row = result_named (f, "Okta");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, okta_id);
  /* Enter on a match picks it, as a click does. */
  g_signal_emit_by_name (editor_child (f, "source-results"), "row-activated", row);
  g_assert_cmpuint (source_rows (f), ==, 1);
  g_assert_cmpstr (source_row_title (f, 0), ==, "Okta");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* A source another group has says which, before it is picked. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Active");
  row = result_named (f, "Active Directory");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "in “Corporate Directory”"));

  /* Enter in the entry picks the first match. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "sales");
  g_assert_nonnull (result_named (f, "Salesforce"));
  g_signal_emit_by_name (entry, "apply");
  g_assert_cmpuint (source_rows (f), ==, 2);
  g_assert_cmpstr (source_row_title (f, 1), ==, "Salesforce");
  g_assert_true (can_save (f));

  /* Nothing matches: said, and nothing added. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Mainframe");
  g_assert_cmpstr (message (f, "source-status"), ==, "No source is called “Mainframe”");
  g_signal_emit_by_name (entry, "apply");
  g_assert_cmpuint (source_rows (f), ==, 2);

  /* What the tenant receives is the ids of what was picked by name. */
  save (f);
  lk_test_wait_until (shows_three, f, 5000, "the new group in the list");
  sent = lk_sandbox_get_last_request_body (f->sandbox, "POST", "/v3/password-sync-groups", NULL);
  root = json_from_string (g_bytes_get_data (sent, NULL), NULL);
  {
    JsonArray *ids = json_object_get_array_member (json_node_get_object (root), "sourceIds");

    g_assert_cmpuint (json_array_get_length (ids), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, okta_id);
    g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, salesforce_id);
  }
}

/* An ID still goes in; one the tenant does not know says so, never blank. */
static void
test_unknown_source (Fixture       *f,
                     gconstpointer  data)
{
  load (f);
  activate (f, "sync-groups.new");
  wait_for_state (f, "editor");
  lk_test_wait_until (sources_listed, f, 5000, "the tenant's sources");

  add_source (f, "9a420000000000000000000000000000");
  g_assert_cmpuint (source_rows (f), ==, 1);
  g_assert_cmpstr (source_row_title (f, 0), ==, "Unknown source 9a420000…");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_first_child (editor_child (f, "sources"))), ==,
                   "9a420000000000000000000000000000");
}

/* A token without idn:sources:read: the picker says so and takes IDs. */
static void
test_sources_without_the_right (Fixture       *f,
                                gconstpointer  data)
{
  const char *scopes[] = { "idn:password-sync-group:manage", "idn:password-policy:read", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *id = lk_sandbox_add_client (f->sandbox, "Abby.Smith", scopes, &secret);
  g_autoptr(LkClient) narrow = lk_client_new (lk_sandbox_get_url (f->sandbox), id, secret);

  lk_list_page_set_client (LK_LIST_PAGE (f->page), narrow);
  wait_for_state (f, "list");
  activate (f, "sync-groups.new");
  wait_for_state (f, "editor");
  lk_test_wait_until (sources_listed, f, 5000, "the sources to fail");
  g_assert_nonnull (strstr (message (f, "source-status"), "idn:sources:read"));

  add_source (f, g_ptr_array_index (f->free_sources, 0));
  g_assert_cmpuint (source_rows (f), ==, 1);
  g_assert_cmpstr (source_row_title (f, 0), ==, g_ptr_array_index (f->free_sources, 0));
  lk_list_page_set_client (LK_LIST_PAGE (f->page), NULL);
}

/* The tenant refuses: its words above the form, and every edit kept. */
static void
test_save_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  GtkWidget *error_label;

  load (f);
  path = g_strdup_printf ("/v3/password-sync-groups/%s", lk_sync_group_get_id (shown_group (f, 1)));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 1, TRUE);
  activate (f, "sync-groups.edit");
  wait_for_state (f, "editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (f, "name"))), ==, "Engineering Tools");
  g_assert_cmpuint (source_rows (f), ==, 3);
  g_assert_false (can_save (f));

  gtk_editable_set_text (GTK_EDITABLE (editor_child (f, "name")), "Engineering");
  add_source (f, g_ptr_array_index (f->free_sources, 2));
  g_assert_true (can_save (f));

  /* Every try fails, the client's retries of a PUT included (the GET
   * before it, that checks nobody changed the group meanwhile, passes).
   */
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 4, "PUT /v3/password-sync-groups/");
  save (f);
  error_label = editor_child (f, "server-error");
  lk_test_wait_until (lk_test_widget_is_mapped, error_label, 5000, "the tenant's refusal");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "The tenant had an internal error"));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, 4);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (f, "name"))), ==, "Engineering");
  g_assert_cmpuint (source_rows (f), ==, 4);
  g_assert_true (can_save (f));

  /* Tried again, it goes through. */
  save (f);
  lk_test_wait_until (lists_engineering, f, 5000, "the renamed group");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
}

/* Leaving with changes asks: Cancel stays, Discard drops them. */
/* Renamed by someone else while I added a source: both are kept. */
static void
test_someone_else_changed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSyncGroup) theirs = NULL;
  g_autoptr(LkSyncGroup) saved = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *name_row, *sources_row;
  gboolean checked = FALSE;

  load (f);
  id = g_strdup (lk_sync_group_get_id (shown_group (f, 1)));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 1, TRUE);
  activate (f, "sync-groups.edit");
  wait_for_state (f, "editor");

  lk_client_get_resource_async (f->client, &lk_sync_group_kind, id, NULL, lk_test_store_result_cb, &result);
  theirs = lk_client_resource_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_object_set (theirs, "name", "Engineering (theirs)", NULL);
  g_clear_object (&result);
  lk_client_update_sync_group_async (f->client, theirs, NULL, lk_test_store_result_cb, &result);
  saved = lk_client_sync_group_finish (f->client, lk_test_wait_for (&result), &error);
  g_assert_no_error (error);

  add_source (f, g_ptr_array_index (f->free_sources, 2));
  save (f);
  dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the two versions"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Someone Else Changed It");
  name_row = lk_test_find_named (adw_message_dialog_get_extra_child (dialog), "name");
  sources_row = lk_test_find_named (adw_message_dialog_get_extra_child (dialog), "sourceIds");
  g_assert_nonnull (name_row);
  g_assert_nonnull (sources_row);
  g_assert_false (gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (name_row), "lk-mine")));
  g_assert_true (gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (sources_row), "lk-mine")));
  respond ("merge");

  lk_test_wait_until (lists_engineering_theirs, f, 10000, "the merged group in the list");
  after = lk_test_list_all (f->client, &lk_sync_group_kind);
  for (guint i = 0; i < g_list_model_get_n_items (after); i++)
    {
      g_autoptr(LkSyncGroup) group = g_list_model_get_item (after, i);

      if (g_strcmp0 (lk_sync_group_get_id (group), id) != 0)
        continue;
      g_assert_cmpstr (lk_sync_group_get_name (group), ==, "Engineering (theirs)");
      g_assert_true (g_strv_contains (lk_sync_group_get_source_ids (group), g_ptr_array_index (f->free_sources, 2)));
      checked = TRUE;
    }
  g_assert_true (checked);
}

static void
test_unsaved_prompt (Fixture       *f,
                     gconstpointer  data)
{
  load (f);
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 0, TRUE);
  activate (f, "sync-groups.edit");
  wait_for_state (f, "editor");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (f, "name")), "Directory");
  g_assert_true (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (f->page)));

  activate_in_editor (f, "editor.leave");
  respond ("cancel");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "state_stack"))), ==, "editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (f, "name"))), ==, "Directory");

  activate_in_editor (f, "editor.leave");
  respond ("discard");
  wait_for_state (f, "list");
  g_assert_false (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (f->page)));
  g_assert_cmpstr (lk_sync_group_get_name (shown_group (f, 0)), ==, "Corporate Directory");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", NULL), ==, 0);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GListModel) groups = NULL;

  load (f);
  path = g_strdup_printf ("/v3/password-sync-groups/%s", lk_sync_group_get_id (shown_group (f, 0)));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 0, TRUE);

  activate (f, "sync-groups.delete");
  respond ("cancel");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", path), ==, 0);

  activate (f, "sync-groups.delete");
  respond ("delete");
  lk_test_wait_until (shows_one, f, 5000, "the group to leave the list");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", path), ==, 1);
  g_assert_cmpstr (lk_sync_group_get_name (shown_group (f, 0)), ==, "Engineering Tools");
  groups = lk_test_list_all (f->client, &lk_sync_group_kind);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
}


/* Copied to another tenant: sources and the group's policy mapped by
 * name to that tenant's ids, shown first, then sent as shown.
 */
static gboolean
copy_preview_shown (gpointer data)
{
  return gtk_widget_get_sensitive (lk_test_template_child (data, LK_TYPE_COPY_DIALOG, "send_button"));
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
model_has_id (GListModel           *items,
              const LkResourceKind *kind,
              const char           *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (kind->get_id (item), id) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_copy_to_tenant (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LkSandbox) prod = lk_test_sandbox_start (NULL, "rate-limit", 0, "seed", 2, "sources", 3, "policies", 1,
                                                     "sync-groups", 0, NULL);
  g_autoptr(LkClient) prod_client = lk_test_admin_client_new (prod);
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GListModel) prod_sources = NULL;
  g_autoptr(GListModel) prod_policies = NULL;
  g_autoptr(GListModel) prod_groups = NULL;
  g_autoptr(JsonNode) shown_node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *shown_object;
  JsonArray *source_ids;
  gpointer dialog;

  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
  session = lk_session_new (settings, NULL);
  lk_test_save_sandbox (session, "Prod", prod);
  lk_test_save_sandbox (session, "Sandbox", f->sandbox);
  g_object_set (f->page, "session", session, NULL);
  load (f);
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 0, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "sync-groups.copy", NULL));
  dialog = lk_test_wait_for_toplevel (LK_TYPE_COPY_DIALOG, "the copy's preview");
  lk_test_wait_until (copy_preview_shown, dialog, 20000, "the preview");

  prod_sources = lk_test_list_all (prod_client, &lk_source_kind);
  prod_policies = lk_test_list_all (prod_client, &lk_password_policy_kind);
  shown_node = json_from_string (gtk_label_get_text (GTK_LABEL (lk_test_template_child (dialog, LK_TYPE_COPY_DIALOG,
                                                                                       "preview_label"))),
                                 &error);
  g_assert_no_error (error);
  shown_object = json_node_get_object (shown_node);
  g_assert_false (json_object_has_member (shown_object, "id"));
  /* Prod's ids only: what has no namesake there is left out, not guessed. */
  if (json_object_has_member (shown_object, "passwordPolicyId"))
    g_assert_true (model_has_id (prod_policies, &lk_password_policy_kind,
                                 json_object_get_string_member (shown_object, "passwordPolicyId")));
  source_ids = json_object_get_array_member (shown_object, "sourceIds");
  for (guint i = 0; i < json_array_get_length (source_ids); i++)
    g_assert_true (model_has_id (prod_sources, &lk_source_kind, json_array_get_string_element (source_ids, i)));

  g_object_add_weak_pointer (dialog, &dialog);
  g_signal_emit_by_name (lk_test_template_child (dialog, LK_TYPE_COPY_DIALOG, "send_button"), "clicked");
  lk_test_wait_until (is_cleared, &dialog, 20000, "the copy to be sent");
  prod_groups = lk_test_list_all (prod_client, &lk_sync_group_kind);
  g_assert_cmpuint (g_list_model_get_n_items (prod_groups), ==, 1);

  g_object_set (f->page, "session", NULL, NULL);
  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
}

int
main (int   argc,
      char *argv[])
{
  lk_test_gtk_init (&argc, &argv);

  LK_TEST_ADD ("/lk/sync-groups-page/list", test_list);
  LK_TEST_ADD ("/lk/sync-groups-page/copy-to-tenant", test_copy_to_tenant);
  LK_TEST_ADD ("/lk/sync-groups-page/load-error", test_load_error);
  LK_TEST_ADD ("/lk/sync-groups-page/create", test_create);
  LK_TEST_ADD ("/lk/sync-groups-page/pick-sources-by-name", test_pick_sources_by_name);
  LK_TEST_ADD ("/lk/sync-groups-page/unknown-source", test_unknown_source);
  LK_TEST_ADD ("/lk/sync-groups-page/sources-without-the-right", test_sources_without_the_right);
  LK_TEST_ADD ("/lk/sync-groups-page/save-refused", test_save_refused);
  LK_TEST_ADD ("/lk/sync-groups-page/someone-else-changed", test_someone_else_changed);
  LK_TEST_ADD ("/lk/sync-groups-page/unsaved-prompt", test_unsaved_prompt);
  LK_TEST_ADD ("/lk/sync-groups-page/delete", test_delete);

  return g_test_run ();
}
