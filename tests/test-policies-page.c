/* test-policies-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "lk-client-directory.h"
#include "lk-client-policies.h"
#include "lk-policies-page.h"
#include "lk-policy-editor.h"
#include "lk-sandbox.h"
#include "lk-history-dialog.h"
#include "lk-compare-dialog.h"
#include "lk-copy-dialog.h"
#include "lk-drafts.h"
#include "lk-session.h"
#include "lk-test-tenant.h"
#include "lk-test-util.h"

/* The Policies page against the sandbox tenant, in a window under Xvfb. */

typedef struct {
  LkSandbox      *sandbox;
  LkClient       *client;
  GtkWindow      *window;
  LkPoliciesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lk_test_page_open (&f->sandbox, &f->client, &f->window, &f->page, GTK_WIDGET (lk_policies_page_new ()), 1000, 700,
                     "rate-limit", 0, NULL);
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
  return lk_test_template_child (f->page, LK_TYPE_LIST_PAGE, name);
}

static GtkWidget *
editor_widget (Fixture *f)
{
  return GTK_WIDGET (lk_list_page_get_editor (LK_LIST_PAGE (f->page)));
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

static GListModel *
shown (Fixture *f)
{
  return G_LIST_MODEL (lk_list_page_get_model (LK_LIST_PAGE (f->page)));
}

static LkPasswordPolicy *
shown_policy (Fixture *f,
              guint    position)
{
  g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (shown (f), position);

  return policy;   /* the list keeps it */
}

static void
load (Fixture *f)
{
  lk_list_page_set_client (LK_LIST_PAGE (f->page), f->client);
  wait_for_state (f, "list");
}

static void
wait_for_text (Fixture    *f,
               const char *text)
{
  lk_test_wait_for_label (page_child (f, "column_view"), text);
}

static guint
tenant_policy_count (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) policies = NULL;

  lk_client_list_policies_async (f->client, NULL, lk_test_store_result_cb, &result);
  policies = lk_client_list_policies_finish (f->client, lk_test_wait_for (&result), NULL);
  return g_list_model_get_n_items (policies);
}

static guint
position_of_other (Fixture *f)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    if (!lk_password_policy_is_default (shown_policy (f, i)))
      return i;

  g_assert_not_reached ();
}

/* As a click on a response button does: answer, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  LkPasswordPolicy *first;
  g_autofree char *length = NULL;

  load (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, tenant_policy_count (f));

  /* The default first, marked; each row says what it asks. */
  first = shown_policy (f, 0);
  g_assert_true (lk_password_policy_is_default (first));
  wait_for_text (f, lk_password_policy_get_name (first));
  wait_for_text (f, "Default");
  for (guint i = 1; i < g_list_model_get_n_items (shown (f)); i++)
    {
      g_assert_false (lk_password_policy_is_default (shown_policy (f, i)));
      wait_for_text (f, lk_password_policy_get_name (shown_policy (f, i)));
    }
  /* Lengths in words where a bound is missing. */
  if (lk_password_policy_get_int (first, "max-length") > 0)
    length = g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                              lk_password_policy_get_int (first, "min-length"),
                              lk_password_policy_get_int (first, "max-length"));
  else
    length = g_strdup_printf ("%" G_GINT64_FORMAT " or more", lk_password_policy_get_int (first, "min-length"));
  wait_for_text (f, length);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/password-policies"), >=, 1);
}

static void
test_default_not_deletable (Fixture       *f,
                            gconstpointer  data)
{
  load (f);

  g_assert_false (gtk_widget_is_sensitive (page_child (f, "delete_button")));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 0, TRUE);
  g_assert_false (gtk_widget_is_sensitive (page_child (f, "delete_button")));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), position_of_other (f), TRUE);
  g_assert_true (gtk_widget_is_sensitive (page_child (f, "delete_button")));
}

typedef struct {
  Fixture *f;
  guint    count;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (shown (wait->f)) == wait->count;
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;
  LkPasswordPolicy *policy;
  CountWait wait;
  guint n;

  load (f);
  n = g_list_model_get_n_items (shown (f));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), position_of_other (f), TRUE);
  policy = shown_policy (f, position_of_other (f));
  name = g_strdup (lk_password_policy_get_name (policy));
  path = g_strdup_printf ("/v3/password-policies/%s", lk_password_policy_get_id (policy));

  /* Cancelled: nothing sent. */
  gtk_widget_activate (page_child (f, "delete_button"));
  dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the confirmation"));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), name));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  respond (dialog, "cancel");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", path), ==, 0);

  /* Confirmed: sent once, and the row goes. */
  gtk_widget_activate (page_child (f, "delete_button"));
  dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the confirmation"));
  respond (dialog, "delete");
  wait = (CountWait) { f, n - 1 };
  lk_test_wait_until (count_is, &wait, 5000, "the policy to leave the list");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", path), ==, 1);
  g_assert_cmpuint (tenant_policy_count (f), ==, n - 1);
}

typedef struct {
  const char       *heading;
  AdwMessageDialog *dialog;
} HeadingWait;

static gboolean
dialog_with_heading_is_open (gpointer data)
{
  HeadingWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), wait->heading) == 0)
        {
          wait->dialog = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_delete_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  guint n;

  load (f);
  n = g_list_model_get_n_items (shown (f));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), position_of_other (f), TRUE);
  name = g_strdup (lk_password_policy_get_name (shown_policy (f, position_of_other (f))));

  /* The tenant keeps failing: the page says so in its words and keeps the row. */
  gtk_widget_activate (page_child (f, "delete_button"));
  dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the confirmation"));
  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_5XX, 100);
  respond (dialog, "delete");
  {
    g_autofree char *heading = g_strdup_printf ("“%s” Was Not Deleted", name);
    HeadingWait wait = { heading, NULL };

    lk_test_wait_until (dialog_with_heading_is_open, &wait, 10000, "the error");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), "internal error"));
    respond (wait.dialog, "close");
  }
  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_5XX, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, n);
  g_assert_true (gtk_widget_is_sensitive (page_child (f, "delete_button")));
}

static void
test_load_error (Fixture       *f,
                 gconstpointer  data)
{
  const char *description;

  /* A page that cannot be read: the error, in the page, then a retry works. */
  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_MALFORMED, 100);
  lk_list_page_set_client (LK_LIST_PAGE (f->page), f->client);
  wait_for_state (f, "error");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (page_child (f, "error_page")));
  g_assert_nonnull (description);
  g_assert_cmpstr (description, !=, "");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "policies.reload", NULL);
  wait_for_state (f, "loading");
  wait_for_state (f, "error");
  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_MALFORMED, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "policies.reload", NULL);
  wait_for_state (f, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), >, 0);
}

/* The editor */

static GtkWidget *
form_row (Fixture    *f,
          const char *property)
{
  GtkWidget *row = lk_test_find_named (editor_widget (f), property);

  g_assert_nonnull (row);
  return row;
}

static void
type_into (Fixture    *f,
           const char *property,
           const char *text)
{
  GtkWidget *entry = lk_test_find_of_type (form_row (f, property), GTK_TYPE_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static const char *
text_of (Fixture    *f,
         const char *property)
{
  return gtk_editable_get_text (GTK_EDITABLE (lk_test_find_of_type (form_row (f, property), GTK_TYPE_ENTRY)));
}

static const char *
message_of (Fixture    *f,
            const char *property)
{
  GtkWidget *row = form_row (f, property);

  return gtk_widget_has_css_class (row, "error") ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

static gboolean
can_save (Fixture *f)
{
  GtkWidget *save = GTK_WIDGET (gtk_widget_get_template_child (editor_widget (f), LK_TYPE_POLICY_EDITOR,
                                                               "save_button"));

  return gtk_widget_is_sensitive (save);
}

static void
click_save (Fixture *f)
{
  g_assert_true (can_save (f));
  gtk_widget_activate_action (editor_widget (f), "editor.save", NULL);
}

static LkPasswordPolicy *
open_policy_named (Fixture    *f,
                   const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    if (g_strcmp0 (lk_password_policy_get_name (shown_policy (f, i)), name) == 0)
      {
        gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), i, TRUE);
        g_assert_true (gtk_widget_is_sensitive (page_child (f, "edit_button")));
        /* A button clicks a moment after it is activated. */
        gtk_widget_activate (page_child (f, "edit_button"));
        wait_for_state (f, "editor");
        return shown_policy (f, i);
      }

  g_assert_not_reached ();
}

static gboolean editor_unchanged (gpointer data);

static gboolean
first_source_named (gpointer data)
{
  Fixture *f = data;
  GtkWidget *first = gtk_widget_get_first_child (lk_test_find_named (editor_widget (f), "sources"));

  return first != NULL && !lk_looks_like_id (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)));
}

/* A policy's sources by name; one added by name is sent by its id. */
static void
test_sources_by_name (Fixture       *f,
                      gconstpointer  data)
{
  LkPasswordPolicy *contractors;
  GtkWidget *entry;
  GtkWidget *first;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GListModel) sources = lk_test_list_all (f->client, &lk_source_kind);
  g_autoptr(LkSource) okta = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (sources) && okta == NULL; i++)
    {
      g_autoptr(LkSource) source = g_list_model_get_item (sources, i);

      if (g_str_equal (lk_source_get_name (source), "Okta"))
        okta = g_object_ref (source);
    }

  load (f);
  contractors = open_policy_named (f, "Contractors");
  lk_test_wait_until (first_source_named, f, 5000, "the sources by name");
  first = gtk_widget_get_first_child (lk_test_find_named (editor_widget (f), "sources"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (first), ==, lk_password_policy_get_source_ids (contractors)[0]);

  entry = lk_test_find_named (editor_widget (f), "add-source");
  gtk_editable_set_text (GTK_EDITABLE (entry), "okt");
  /* A source another policy has says which, before it is picked. */
  {
    GtkWidget *match = lk_test_find_named (lk_test_find_named (editor_widget (f), "source-results"),
                                           lk_source_get_id (okta));
    g_autofree char *follows = g_strdup_printf ("follows “%s”", lk_source_get_password_policy_names (okta)[0]);

    g_assert_nonnull (match);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (match)), follows));
  }
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (can_save (f));
  click_save (f);
  lk_test_wait_until (editor_unchanged, f, 10000, "the policy saved");

  policies = lk_test_list_all (f->client, &lk_password_policy_kind);
  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      if (g_str_equal (lk_password_policy_get_name (policy), "Contractors"))
        g_assert_true (g_strv_contains (lk_password_policy_get_source_ids (policy), lk_source_get_id (okta)));
    }
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  load (f);
  open_policy_named (f, "Contractors");
  g_assert_cmpstr (text_of (f, "name"), ==, "Contractors");
  g_assert_cmpstr (text_of (f, "min-length"), ==, "10");
  g_assert_cmpstr (text_of (f, "max-length"), ==, "32");
  /* Unchanged: nothing to save. */
  g_assert_false (can_save (f));

  type_into (f, "min-length", "12");
  g_assert_true (can_save (f));

  /* Each rule blocks Save, its message on the offending row, the text kept. */
  type_into (f, "min-length", "twelve");
  g_assert_cmpstr (message_of (f, "min-length"), ==, "Whole numbers only");
  g_assert_cmpstr (text_of (f, "min-length"), ==, "twelve");
  g_assert_false (can_save (f));
  type_into (f, "min-length", "-4");
  g_assert_cmpstr (message_of (f, "min-length"), ==, "Cannot be negative");
  g_assert_false (can_save (f));
  type_into (f, "min-length", "40");
  g_assert_cmpstr (message_of (f, "min-length"), ==, "More than the maximum length, 32");
  g_assert_false (can_save (f));
  type_into (f, "min-length", "12");
  g_assert_null (message_of (f, "min-length"));
  g_assert_true (can_save (f));

  type_into (f, "min-upper", "10");
  type_into (f, "min-lower", "10");
  type_into (f, "min-numeric", "10");
  type_into (f, "min-special", "5");
  g_assert_cmpstr (message_of (f, "max-length"), ==, "The character minimums below need 35 characters");
  g_assert_false (can_save (f));
  type_into (f, "min-special", "2");
  g_assert_null (message_of (f, "max-length"));

  type_into (f, "min-character-types", "5");
  g_assert_nonnull (message_of (f, "min-character-types"));
  g_assert_false (can_save (f));
  type_into (f, "min-character-types", "3");

  /* A reminder before the password even exists is refused. */
  gtk_switch_set_active (GTK_SWITCH (lk_test_find_of_type (form_row (f, "enable-passwd-expiration"), GTK_TYPE_SWITCH)),
                         TRUE);
  type_into (f, "password-expiration", "60");
  type_into (f, "first-expiration-reminder", "75");
  g_assert_cmpstr (message_of (f, "first-expiration-reminder"), ==, "More than the days a password lasts, 60");
  g_assert_false (can_save (f));
  type_into (f, "first-expiration-reminder", "14");
  g_assert_null (message_of (f, "first-expiration-reminder"));

  type_into (f, "name", "  ");
  g_assert_cmpstr (message_of (f, "name"), ==, "A policy needs a name");
  g_assert_false (can_save (f));
  type_into (f, "name", "high security password policy");
  g_assert_cmpstr (message_of (f, "name"), ==, "Another policy has this name");
  g_assert_false (can_save (f));
  type_into (f, "name", "Contractors");
  g_assert_true (can_save (f));
}

/* The rule rows of "Try a password", by their words: "met", "not met" or "". */
static const char *
rule_verdict (Fixture    *f,
              const char *words)
{
  GtkWidget *list = lk_test_find_named (editor_widget (f), "rules");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), words) == 0)
      return gtk_widget_has_css_class (row, "success") ? "met"
             : gtk_widget_has_css_class (row, "error") ? "not met" : "";

  return NULL;
}

static void
test_try_a_password (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *sample;
  guint requests;

  load (f);
  open_policy_named (f, "Contractors");
  sample = lk_test_find_named (editor_widget (f), "sample");
  requests = lk_sandbox_count_requests (f->sandbox, NULL, NULL);

  /* Nothing typed: every rule listed, none judged. */
  g_assert_cmpstr (rule_verdict (f, "At least 10 characters"), ==, "");
  g_assert_cmpstr (rule_verdict (f, "At most 32 characters"), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (sample), "short");
  g_assert_cmpstr (rule_verdict (f, "At least 10 characters"), ==, "not met");
  g_assert_cmpstr (rule_verdict (f, "At most 32 characters"), ==, "met");
  gtk_editable_set_text (GTK_EDITABLE (sample), "Longer-Passw0rd");
  g_assert_cmpstr (rule_verdict (f, "At least 10 characters"), ==, "met");

  /* The rules follow the form as it is typed. */
  type_into (f, "min-length", "20");
  g_assert_null (rule_verdict (f, "At least 10 characters"));
  g_assert_cmpstr (rule_verdict (f, "At least 20 characters"), ==, "not met");
  type_into (f, "min-special", "3");
  g_assert_cmpstr (rule_verdict (f, "At least 3 special characters"), ==, "not met");

  /* Never sent; gone when the editor is left. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, NULL, NULL), ==, requests);
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  respond (ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question")), "discard");
  wait_for_state (f, "list");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sample)), ==, "");
}

static gboolean
request_count_reached (gpointer data)
{
  gpointer *args = data;
  Fixture *f = args[0];

  return lk_sandbox_count_requests (f->sandbox, args[1], args[2]) >= GPOINTER_TO_UINT (args[3]);
}

static void
wait_for_request (Fixture    *f,
                  const char *method,
                  const char *path,
                  guint       count)
{
  gpointer args[] = { f, (gpointer) method, (gpointer) path, GUINT_TO_POINTER (count) };

  lk_test_wait_until (request_count_reached, args, 10000, path);
}

static JsonObject *
stored_policy (Fixture    *f,
               const char *id)
{
  g_autofree char *path = g_strdup_printf ("/password-policies/%s", id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  lk_client_request_async (f->client, "GET", path, NULL, NULL, NULL, NULL, lk_test_store_result_cb, &result);
  g_assert_true (lk_client_request_finish (f->client, lk_test_wait_for (&result), &node, NULL));
  return json_object_ref (json_node_get_object (node));
}

static gboolean
editor_closed (gpointer data)
{
  return g_strcmp0 (visible_state (data), "list") == 0;
}

static gboolean
editor_unchanged (gpointer data)
{
  Fixture *f = data;

  return !lk_form_editor_get_changed (LK_FORM_EDITOR (editor_widget (f)));
}

static void
test_save_keeps_unknown_fields (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  LkPasswordPolicy *policy;

  /* A newer tenant's field, put there before the page loads. */
  load (f);
  id = g_strdup (lk_password_policy_get_id (open_policy_named (f, "Contractors")));
  before = stored_policy (f, id);
  json_object_set_string_member (before, "futureField", "kept");
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(JsonNode) body = json_node_init_object (json_node_alloc (), before);
    g_autofree char *put = g_strdup_printf ("/password-policies/%s", id);

    lk_client_request_async (f->client, "PUT", put, NULL, body, NULL, NULL, lk_test_store_result_cb, &result);
    g_assert_true (lk_client_request_finish (f->client, lk_test_wait_for (&result), NULL, NULL));
  }
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  lk_list_page_reload (LK_LIST_PAGE (f->page));
  wait_for_state (f, "list");

  open_policy_named (f, "Contractors");
  type_into (f, "max-length", "48");
  gtk_switch_set_active (GTK_SWITCH (lk_test_find_of_type (form_row (f, "use-dictionary"), GTK_TYPE_SWITCH)), TRUE);
  click_save (f);
  path = g_strdup_printf ("/v3/password-policies/%s", id);
  wait_for_request (f, "PUT", path, 2);
  lk_test_wait_until (editor_unchanged, f, 10000, "the editor to take the saved policy");

  /* Saved whole: the edit, the unknown field, the fields the form did not touch. */
  after = stored_policy (f, id);
  g_assert_cmpint (json_object_get_int_member (after, "maxLength"), ==, 48);
  g_assert_true (json_object_get_boolean_member (after, "useDictionary"));
  g_assert_cmpstr (json_object_get_string_member (after, "futureField"), ==, "kept");
  g_assert_cmpint (json_object_get_int_member (after, "minLength"), ==, 10);

  /* The list shows it, back from the editor with nothing left to ask. */
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  lk_test_wait_until (editor_closed, f, 5000, "the list");
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    if (g_strcmp0 (lk_password_policy_get_id (policy = shown_policy (f, i)), id) == 0)
      g_assert_cmpint (lk_password_policy_get_int (policy, "max-length"), ==, 48);
  wait_for_text (f, "10–48");
}

/* Saves @changes over the tenant's copy, as someone else would meanwhile. */
static void
someone_else_saves (Fixture    *f,
                    const char *id,
                    const char *description,
                    gint64      max_repeated_chars)
{
  g_autoptr(JsonObject) theirs = stored_policy (f, id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *put = g_strdup_printf ("/password-policies/%s", id);

  json_object_set_string_member (theirs, "description", description);
  json_object_set_int_member (theirs, "maxRepeatedChars", max_repeated_chars);
  body = json_node_init_object (json_node_alloc (), theirs);
  lk_client_request_async (f->client, "PUT", put, NULL, body, NULL, NULL, lk_test_store_result_cb, &result);
  g_assert_true (lk_client_request_finish (f->client, lk_test_wait_for (&result), NULL, NULL));
}

static GtkToggleButton *
conflict_choice (AdwMessageDialog *dialog,
                 const char       *member,
                 gboolean          mine)
{
  GtkWidget *row = lk_test_find_named (adw_message_dialog_get_extra_child (dialog), member);
  GtkWidget *mine_button;

  g_assert_nonnull (row);
  mine_button = g_object_get_data (G_OBJECT (row), "lk-mine");
  return GTK_TOGGLE_BUTTON (mine ? mine_button : gtk_widget_get_prev_sibling (mine_button));
}

/* Someone saved the policy while I edited it: my save would undo their
 * change. I am shown both, field by field, and keep what I choose.
 */
static void
test_someone_else_changed (Fixture       *f,
                           gconstpointer  data)
{
  HeadingWait wait = { "Someone Else Changed It", NULL };
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;

  load (f);
  id = g_strdup (lk_password_policy_get_id (open_policy_named (f, "Contractors")));
  path = g_strdup_printf ("/v3/password-policies/%s", id);
  someone_else_saves (f, id, "Theirs", 2);

  type_into (f, "max-length", "48");
  type_into (f, "description", "Mine");
  click_save (f);
  lk_test_wait_until (dialog_with_heading_is_open, &wait, 10000, "the two versions");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, 1);

  /* What only they changed starts as theirs, what I changed as mine. */
  g_assert_true (gtk_toggle_button_get_active (conflict_choice (wait.dialog, "maxRepeatedChars", FALSE)));
  g_assert_true (gtk_toggle_button_get_active (conflict_choice (wait.dialog, "maxLength", TRUE)));
  g_assert_true (gtk_toggle_button_get_active (conflict_choice (wait.dialog, "description", TRUE)));
  g_assert_null (lk_test_find_named (adw_message_dialog_get_extra_child (wait.dialog), "lastUpdated"));
  g_assert_null (lk_test_find_named (adw_message_dialog_get_extra_child (wait.dialog), "minLength"));

  /* Their description after all; then save the choices. */
  gtk_toggle_button_set_active (conflict_choice (wait.dialog, "description", FALSE), TRUE);
  respond (wait.dialog, "merge");
  wait_for_request (f, "PUT", path, 2);
  lk_test_wait_until (editor_unchanged, f, 10000, "the editor to take the saved policy");

  after = stored_policy (f, id);
  g_assert_cmpint (json_object_get_int_member (after, "maxLength"), ==, 48);
  g_assert_cmpint (json_object_get_int_member (after, "maxRepeatedChars"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (after, "description"), ==, "Theirs");
  g_assert_cmpstr (text_of (f, "description"), ==, "Theirs");

  /* Again, and this time take theirs whole: nothing is sent, the form shows theirs. */
  someone_else_saves (f, id, "Theirs again", 3);
  type_into (f, "max-length", "50");
  click_save (f);
  wait.dialog = NULL;
  lk_test_wait_until (dialog_with_heading_is_open, &wait, 10000, "the two versions, again");
  respond (wait.dialog, "theirs");
  g_assert_cmpstr (text_of (f, "description"), ==, "Theirs again");
  g_assert_cmpstr (text_of (f, "max-length"), ==, "48");
  g_assert_false (lk_form_editor_get_changed (LK_FORM_EDITOR (editor_widget (f))));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, 3);
}

static gboolean
error_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *revealer = GTK_WIDGET (gtk_widget_get_template_child (editor_widget (f), LK_TYPE_POLICY_EDITOR,
                                                                   "error_revealer"));

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
test_server_error_keeps_edit (Fixture       *f,
                              gconstpointer  data)
{
  GtkLabel *label;

  load (f);
  open_policy_named (f, "Contractors");
  /* A source pasted by an ID the tenant does not have. */
  gtk_editable_set_text (GTK_EDITABLE (lk_test_find_named (editor_widget (f), "add-source")),
                         "0000000000000000000000000000dead");
  g_signal_emit_by_name (lk_test_find_named (editor_widget (f), "add-source"), "apply");
  type_into (f, "description", "Edited, not to be lost");
  click_save (f);
  lk_test_wait_until (error_shown, f, 10000, "the tenant's refusal");

  /* The tenant's words; every edit still there; Save again possible. */
  label = GTK_LABEL (gtk_widget_get_template_child (editor_widget (f), LK_TYPE_POLICY_EDITOR, "error_label"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "0000000000000000000000000000dead"));
  /* What became of the change, and what to do. */
  g_assert_nonnull (strstr (gtk_label_get_text (label), "Nothing was saved: what you typed is still here"));
  g_assert_nonnull (lk_test_find_named (lk_test_find_named (editor_widget (f), "sources"),
                                        "0000000000000000000000000000dead"));
  g_assert_cmpstr (text_of (f, "description"), ==, "Edited, not to be lost");
  g_assert_cmpstr (visible_state (f), ==, "editor");
  g_assert_true (can_save (f));
}

static void
test_unsaved_changes_prompt (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = NULL;
  AdwMessageDialog *dialog;
  LkPasswordPolicy *policy;

  load (f);
  policy = open_policy_named (f, "Contractors");
  path = g_strdup_printf ("/v3/password-policies/%s", lk_password_policy_get_id (policy));
  type_into (f, "min-length", "11");

  /* Cancel: still editing, the edit kept. */
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  respond (dialog, "cancel");
  g_assert_cmpstr (visible_state (f), ==, "editor");
  g_assert_cmpstr (text_of (f, "min-length"), ==, "11");

  /* Discard: back to the list, nothing sent. */
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question"));
  respond (dialog, "discard");
  g_assert_cmpstr (visible_state (f), ==, "list");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, 0);

  /* Save: sent, then back to the list. */
  open_policy_named (f, "Contractors");
  g_assert_cmpstr (text_of (f, "min-length"), ==, "10");
  type_into (f, "min-length", "11");
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  dialog = ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question"));
  respond (dialog, "save");
  lk_test_wait_until (editor_closed, f, 10000, "the list after saving");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", path), ==, 1);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  CountWait wait;
  guint n;

  load (f);
  n = g_list_model_get_n_items (shown (f));
  gtk_widget_activate (page_child (f, "new_button"));
  wait_for_state (f, "editor");
  /* Nothing typed yet: nothing to save, and no mistake said either. */
  g_assert_false (can_save (f));
  g_assert_null (message_of (f, "name"));
  /* The name first, where the keys go. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (f->page))),
                                         form_row (f, "name")));

  type_into (f, "name", "Kiosks");
  type_into (f, "min-length", "6");
  click_save (f);
  /* Under way: said by a spinner, and to Orca. */
  g_assert_true (lk_form_editor_get_saving (LK_FORM_EDITOR (editor_widget (f))));
  gtk_test_accessible_assert_state (editor_widget (f), GTK_ACCESSIBLE_STATE_BUSY, TRUE);
  g_assert_true (gtk_widget_get_visible (lk_test_find_of_type (editor_widget (f), GTK_TYPE_SPINNER)));
  wait_for_request (f, "POST", "/v3/password-policies", 1);
  wait = (CountWait) { f, n + 1 };
  lk_test_wait_until (count_is, &wait, 10000, "the new policy in the list");
  g_assert_cmpuint (tenant_policy_count (f), ==, n + 1);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) sent = NULL;
  JsonObject *object;
  CountWait wait;
  guint n;

  load (f);
  n = g_list_model_get_n_items (shown (f));

  /* The default policy's copy is an ordinary policy with its rules. */
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), 0, TRUE);
  g_assert_true (lk_password_policy_is_default (shown_policy (f, 0)));
  gtk_widget_activate (lk_test_find_named (GTK_WIDGET (f->page), "duplicate"));
  wait_for_state (f, "editor");
  g_assert_cmpstr (text_of (f, "name"), ==, "Copy of Default Password Policy");
  g_assert_cmpstr (text_of (f, "min-length"), ==, "8");
  g_assert_true (can_save (f));
  click_save (f);
  wait_for_request (f, "POST", "/v3/password-policies", 1);
  wait = (CountWait) { f, n + 1 };
  lk_test_wait_until (count_is, &wait, 10000, "the copy in the list");

  body = lk_sandbox_get_last_request_body (f->sandbox, "POST", "/v3/password-policies", NULL);
  {
    gsize size;
    const char *data = g_bytes_get_data (body, &size);
    g_autofree char *text = g_strndup (data, size);

    sent = json_from_string (text, NULL);
  }
  object = json_node_get_object (sent);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Copy of Default Password Policy");
  g_assert_cmpint (json_object_get_int_member (object, "minLength"), ==, 8);
  g_assert_false (json_object_has_member (object, "id"));
  g_assert_false (json_object_get_boolean_member_with_default (object, "defaultPolicy", FALSE));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "PUT", NULL), ==, 0);
}

static void
test_export_and_import (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("latchkey-policy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "contractors.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  CountWait wait;
  guint n;

  load (f);
  n = g_list_model_get_n_items (shown (f));

  /* Exported whole, as the tenant has it. */
  lk_policies_page_export_async (f->page, open_policy_named (f, "Contractors"), file, lk_test_store_result_cb,
                                 &result);
  g_assert_true (lk_policies_page_export_finish (f->page, lk_test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  written = json_from_string (text, NULL);
  object = json_node_get_object (written);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Contractors");
  g_assert_cmpint (json_object_get_int_member (object, "minLength"), ==, 10);
  g_assert_true (json_object_has_member (object, "id"));
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  wait_for_state (f, "list");

  /* Imported: a new policy to check; its name is taken until changed. */
  lk_policies_page_import (f->page, file);
  wait_for_state (f, "editor");
  /* The keys go to the form, not to the file chooser that was. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (f->page))),
                                         form_row (f, "name")));
  g_assert_cmpstr (text_of (f, "name"), ==, "Contractors");
  g_assert_cmpstr (text_of (f, "min-length"), ==, "10");
  g_assert_cmpstr (message_of (f, "name"), ==, "Another policy has this name");
  g_assert_false (can_save (f));
  type_into (f, "name", "Contractors (imported)");
  click_save (f);
  wait = (CountWait) { f, n + 1 };
  lk_test_wait_until (count_is, &wait, 10000, "the imported policy in the list");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/password-policies"), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_import_bad_file (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *contents;
    const char *says;
  } files[] = {
    { "{\"name\": \"half", "not valid JSON" },
    { "[{\"name\": \"a\"}, {\"name\": \"b\"}]", "not one policy" },
    { "{\"name\": \"Typed\", \"minLength\": \"ten\"}", "minLength" },
  };
  g_autofree char *dir = g_dir_make_tmp ("latchkey-policy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  load (f);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      HeadingWait wait = { "This File Is Not a Password Policy", NULL };

      g_assert_true (g_file_set_contents (path, files[i].contents, -1, NULL));
      lk_policies_page_import (f->page, file);
      lk_test_wait_until (dialog_with_heading_is_open, &wait, 5000, "the refusal");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), files[i].says));
      respond (wait.dialog, "close");
      /* Nothing opened, nothing sent. */
      g_assert_cmpstr (visible_state (f), ==, "list");
    }

  /* What is not a file to read, or far too much of one: refused before it is read. */
  {
    g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
    g_autofree char *deep = g_strnfill (50000, '[');
    const char *paths[] = { "/dev/zero", fifo, dir, path, path };
    const char *says[] = { "not a regular file", "not a regular file", "not a regular file", "larger than",
                           "nests deeper" };

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        HeadingWait wait = { "This File Is Not a Password Policy", NULL };
        g_autoptr(GFile) other = g_file_new_for_path (paths[i]);

        if (i == 3)
          {
            g_autofree char *big = g_strnfill (17 * 1024 * 1024, ' ');

            g_assert_true (g_file_set_contents (path, big, -1, NULL));
          }
        else if (i == 4)
          g_assert_true (g_file_set_contents (path, deep, -1, NULL));

        lk_policies_page_import (f->page, other);
        lk_test_wait_until (dialog_with_heading_is_open, &wait, 5000, "the refusal");
        g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), says[i]));
        respond (wait.dialog, "close");
        g_assert_cmpstr (visible_state (f), ==, "list");
      }
    g_unlink (fifo);
  }
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/password-policies"), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

/* The history: a version's differences from now, restored with a click;
 * a deleted policy made anew. The client keeps a history of its own here.
 */
static gboolean
history_dialog_closed (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
click_button_labelled (GtkWidget  *widget,
                       const char *label)
{
  GtkWidget *button = NULL;

  for (GtkWidget *child = widget; child != NULL && button == NULL; )
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        button = child;
      else if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && child != widget && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == NULL || child == widget ? NULL : gtk_widget_get_next_sibling (child);
        }
    }

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("latchkey-history-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(LkHistory) history = lk_history_new (path);
  g_autoptr(LkPasswordPolicy) original = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  gpointer dialog;
  GtkWidget *version;
  gint64 min_length;

  lk_client_set_history (f->client, history, "Acme (admin)");
  load (f);
  original = g_object_ref (shown_policy (f, position_of_other (f)));
  id = g_strdup (lk_password_policy_get_id (original));
  name = g_strdup (lk_password_policy_get_name (original));
  min_length = lk_password_policy_get_int (original, "min-length");

  /* A save from Latchkey keeps the version it replaces. */
  {
    g_autoptr(JsonObject) object = lk_password_policy_to_json (original);
    g_autoptr(LkPasswordPolicy) edited = NULL;
    g_autoptr(GObject) saved = NULL;

    json_object_set_int_member (object, "minLength", min_length + 3);
    edited = lk_password_policy_new_from_json (object, &error);
    lk_client_update_resource_async (f->client, &lk_password_policy_kind, edited, FALSE, NULL,
                                     lk_test_store_result_cb, &result);
    saved = lk_client_resource_finish (f->client, lk_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }
  lk_list_page_reload (LK_LIST_PAGE (f->page));
  wait_for_state (f, "list");

  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), position_of_other (f), TRUE);
  g_assert_true (gtk_widget_is_sensitive (page_child (f, "history_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "policies.history", NULL));
  dialog = lk_test_wait_for_toplevel (LK_TYPE_HISTORY_DIALOG, "the history");
  version = lk_test_named (dialog, "1");
  lk_test_wait_for_label (version, "Version 1");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (version), TRUE);
  {
    g_autofree char *change = g_strdup_printf ("%" G_GINT64_FORMAT " → %" G_GINT64_FORMAT " (now)", min_length,
                                               min_length + 3);

    /* The field as the form names it. */
    lk_test_wait_for_label (version, "Length: Minimum Length");
    lk_test_wait_for_label (version, change);
  }

  /* Restore: saved again, the dialog closes, the list shows it. */
  g_object_add_weak_pointer (dialog, &dialog);
  click_button_labelled (version, "_Restore");
  lk_test_wait_until (history_dialog_closed, &dialog, 10000, "the history to close");
  wait_for_state (f, "list");
  {
    g_autoptr(LkPasswordPolicy) now = NULL;

    lk_client_get_resource_async (f->client, &lk_password_policy_kind, id, NULL, lk_test_store_result_cb, &result);
    now = lk_client_resource_finish (f->client, lk_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (lk_password_policy_get_int (now, "min-length"), ==, min_length);
    g_clear_object (&result);
  }

  /* Deleted, then made anew from the Deleted list. */
  lk_client_delete_resource_async (f->client, &lk_password_policy_kind, id, NULL, lk_test_store_result_cb, &result);
  g_assert_true (lk_client_request_finish (f->client, lk_test_wait_for (&result), NULL, &error));
  lk_list_page_reload (LK_LIST_PAGE (f->page));
  wait_for_state (f, "list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "policies.deleted", NULL));
  dialog = lk_test_wait_for_toplevel (LK_TYPE_HISTORY_DIALOG, "the deleted policies");
  g_object_add_weak_pointer (dialog, &dialog);
  click_button_labelled (lk_test_named (dialog, id), "_Make Anew");
  lk_test_wait_until (history_dialog_closed, &dialog, 10000, "the deleted list to close");
  wait_for_state (f, "list");
  wait_for_text (f, name);

  lk_client_set_history (f->client, NULL, NULL);
  g_clear_object (&history);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (folder);
  }
}


/* A new policy's edit is kept too (under an id of its own, as it has none
 * yet), goes when discarded, and comes back in the editor of a new one.
 */
static gboolean
new_draft_kept (gpointer data)
{
  g_autoptr(LkDrafts) drafts = lk_drafts_new (NULL);
  g_autoptr(GPtrArray) kept = lk_drafts_list (drafts, data);

  return kept->len == 1 &&
         g_str_equal (json_object_get_string_member_with_default (((LkDraft *) kept->pdata[0])->object, "name", ""),
                      "Kiosks kept");
}

static gboolean
no_draft_kept (gpointer data)
{
  g_autoptr(LkDrafts) drafts = lk_drafts_new (NULL);
  g_autoptr(GPtrArray) kept = lk_drafts_list (drafts, data);

  return kept->len == 0;
}

static void
test_new_draft (Fixture       *f,
                gconstpointer  data)
{
  const char *url = lk_sandbox_get_url (f->sandbox);
  g_autoptr(LkDrafts) drafts = lk_drafts_new (NULL);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) after = NULL;
  LkDraft *draft;

  load (f);
  gtk_widget_activate (page_child (f, "new_button"));
  wait_for_state (f, "editor");
  type_into (f, "name", "Kiosks kept");
  type_into (f, "min-length", "7");
  lk_test_wait_until (new_draft_kept, (gpointer) url, 10000, "the new policy's edit to be kept");
  kept = lk_drafts_list (drafts, url);
  draft = kept->pdata[0];
  g_assert_true (g_str_has_prefix (draft->object_id, LK_DRAFT_NEW_PREFIX));
  g_assert_cmpint (json_object_get_int_member (draft->object, "minLength"), ==, 7);

  /* Discarded: the kept edit goes with it. */
  gtk_widget_activate_action (editor_widget (f), "editor.leave", NULL);
  respond (ADW_MESSAGE_DIALOG (lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question")), "discard");
  wait_for_state (f, "list");
  after = lk_drafts_list (drafts, url);
  g_assert_cmpuint (after->len, ==, 0);

  /* As a next start restores it: the editor of a new policy, the edit unsaved, kept as the same draft. */
  lk_list_page_open_draft (LK_LIST_PAGE (f->page), draft->object_id, draft->object);
  wait_for_state (f, "editor");
  g_assert_cmpstr (text_of (f, "name"), ==, "Kiosks kept");
  g_assert_cmpstr (text_of (f, "min-length"), ==, "7");
  g_assert_true (can_save (f));
  type_into (f, "min-length", "8");
  lk_test_wait_until (new_draft_kept, (gpointer) url, 10000, "the restored edit to be kept");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = lk_drafts_list (drafts, url);
  g_assert_cmpstr (((LkDraft *) after->pdata[0])->object_id, ==, draft->object_id);

  /* Saved: made on the tenant, and nothing kept any more. */
  click_save (f);
  wait_for_request (f, "POST", "/v3/password-policies", 1);
  lk_test_wait_until (no_draft_kept, (gpointer) url, 10000, "the kept edit to go once saved");
}

/* Compare with another tenant's namesake, and copy to it after a preview. */

static GtkWidget *
grid_cell (GtkWidget *grid,
           int        column,
           int        row)
{
  return gtk_grid_get_child_at (GTK_GRID (grid), column, row);
}

typedef struct {
  LkCompareDialog *dialog;
  GtkWidget       *grid;
} CompareWait;

static gboolean
comparison_shown (gpointer data)
{
  CompareWait *wait = data;

  return grid_cell (wait->grid, 1, 1) != NULL;
}

static void
wait_for_comparison (LkCompareDialog *dialog)
{
  CompareWait wait = { dialog, lk_test_template_child (dialog, LK_TYPE_COMPARE_DIALOG, "fields_grid") };

  lk_test_wait_until (comparison_shown, &wait, 20000, "the comparison");
}

static gboolean
preview_shown (gpointer data)
{
  GtkWidget *dialog = data;

  return gtk_widget_get_sensitive (lk_test_template_child (dialog, LK_TYPE_COPY_DIALOG, "send_button"));
}

static void
test_compare_and_copy (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LkSandbox) prod = lk_test_sandbox_start (NULL, "rate-limit", 0, "seed", 2, "sources", 3, "policies", 1,
                                                     NULL);
  g_autoptr(LkClient) prod_client = lk_test_admin_client_new (prod);
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkPasswordPolicy) policy = NULL;
  g_autoptr(GListModel) prod_sources = NULL;
  g_autoptr(GListModel) prod_policies = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) sent = NULL;
  gpointer copy_dialog;
  LkCompareDialog *compare;
  GtkWidget *grid;
  guint marked = 0;
  guint seen_titles = 0;

  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
  session = lk_session_new (settings, NULL);
  lk_test_save_sandbox (session, "Prod", prod);
  lk_test_save_sandbox (session, "Sandbox", f->sandbox);
  g_object_set (f->page, "session", session, NULL);
  load (f);
  policy = g_object_ref (shown_policy (f, position_of_other (f)));
  gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (f->page)), position_of_other (f), TRUE);

  /* Compared with Prod's policy: every differing field marked, by more than colour. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "policies.compare", NULL));
  compare = LK_COMPARE_DIALOG (lk_test_wait_for_toplevel (LK_TYPE_COMPARE_DIALOG, "the comparison"));
  grid = lk_test_template_child (compare, LK_TYPE_COMPARE_DIALOG, "fields_grid");
  adw_combo_row_set_selected (ADW_COMBO_ROW (lk_test_template_child (compare, LK_TYPE_COMPARE_DIALOG, "tenant_row")),
                              0 /* Prod */);
  wait_for_comparison (compare);
  g_assert_cmpuint (lk_compare_dialog_get_n_differences (compare), >, 0);
  for (int row = 1; grid_cell (grid, 1, row) != NULL; row++)
    {
      const char *mark = gtk_label_get_text (GTK_LABEL (grid_cell (grid, 0, row)));
      const char *title = gtk_label_get_text (GTK_LABEL (grid_cell (grid, 1, row)));
      const char *member = gtk_widget_get_tooltip_text (grid_cell (grid, 1, row));
      gboolean differs = g_str_equal (mark, "≠");

      marked += differs;
      g_assert_cmpint (gtk_widget_has_css_class (grid_cell (grid, 2, row), "warning"), ==, differs);
      /* The tenant's own fields differ by nature: not shown. */
      g_assert_cmpstr (member, !=, "id");
      g_assert_cmpstr (member, !=, "lastUpdated");
      /* Named as the form names them, with their group; the tenant's name on hover. */
      if (g_str_equal (member, "minLength"))
        g_assert_cmpstr (title, ==, "Length: Minimum Length");
      if (g_str_equal (member, "requireStrongAuthn"))
        g_assert_cmpstr (title, ==, "Strong Authentication: Always");
      seen_titles += g_str_equal (member, "minLength") + g_str_equal (member, "requireStrongAuthn");
    }
  g_assert_cmpuint (seen_titles, ==, 2);
  g_assert_cmpuint (marked, ==, lk_compare_dialog_get_n_differences (compare));

  /* Only the differences, when asked. */
  gtk_switch_set_active (GTK_SWITCH (lk_test_template_child (compare, LK_TYPE_COMPARE_DIALOG, "differences_switch")),
                         TRUE);
  for (int row = 1; row <= (int) marked; row++)
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (grid_cell (grid, 0, row))), ==, "≠");
  g_assert_null (grid_cell (grid, 1, (int) marked + 1));

  /* With itself, on its own tenant: nothing differs. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (lk_test_template_child (compare, LK_TYPE_COMPARE_DIALOG, "tenant_row")),
                              1 /* Sandbox */);
  gtk_switch_set_active (GTK_SWITCH (lk_test_template_child (compare, LK_TYPE_COMPARE_DIALOG, "differences_switch")),
                         FALSE);
  wait_for_comparison (compare);
  {
    AdwComboRow *item_row = ADW_COMBO_ROW (lk_test_template_child (compare, LK_TYPE_COMPARE_DIALOG, "item_row"));
    GListModel *names = adw_combo_row_get_model (item_row);
    guint itself = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i),
                       lk_password_policy_get_name (policy)))
        itself = i;
    g_assert_cmpuint (itself, !=, GTK_INVALID_LIST_POSITION);
    /* Another one is offered first: the one compared is not compared with itself by default. */
    g_assert_cmpuint (adw_combo_row_get_selected (item_row), !=, itself);
    g_assert_cmpuint (lk_compare_dialog_get_n_differences (compare), >, 0);
    adw_combo_row_set_selected (item_row, itself);
  }
  g_assert_cmpuint (lk_compare_dialog_get_n_differences (compare), ==, 0);
  gtk_window_destroy (GTK_WINDOW (compare));

  /* Copy to Prod: a preview, the sources mapped by name or left out. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "policies.copy", NULL));
  copy_dialog = lk_test_wait_for_toplevel (LK_TYPE_COPY_DIALOG, "the copy's preview");
  lk_test_wait_until (preview_shown, copy_dialog, 20000, "the preview");
  prod_sources = lk_test_list_all (prod_client, &lk_source_kind);
  {
    GtkWidget *label = lk_test_template_child (copy_dialog, LK_TYPE_COPY_DIALOG, "preview_label");
    g_autoptr(JsonNode) shown_node = json_from_string (gtk_label_get_text (GTK_LABEL (label)), &error);
    JsonObject *shown_object;
    JsonArray *source_ids;

    g_assert_no_error (error);
    shown_object = json_node_get_object (shown_node);
    g_assert_false (json_object_has_member (shown_object, "id"));
    source_ids = json_object_get_array_member (shown_object, "sourceIds");
    for (guint i = 0; i < json_array_get_length (source_ids); i++)
      {
        gboolean theirs = FALSE;

        for (guint j = 0; j < g_list_model_get_n_items (prod_sources); j++)
          {
            g_autoptr(LkSource) source = g_list_model_get_item (prod_sources, j);

            theirs |= g_str_equal (lk_source_get_id (source), json_array_get_string_element (source_ids, i));
          }
        g_assert_true (theirs);
      }
    /* Three sources there, eight here: some have no namesake. */
    g_assert_true (gtk_widget_get_visible (lk_test_template_child (copy_dialog, LK_TYPE_COPY_DIALOG,
                                                                   "left_out_group")));
  }

  /* Changed behind the preview's back: Send shows the new one and sends nothing. */
  {
    g_autoptr(JsonObject) object = lk_password_policy_to_json (policy);
    g_autoptr(LkPasswordPolicy) edited = NULL;
    g_autoptr(GObject) saved = NULL;

    json_object_set_string_member (object, "description", "Changed after the preview");
    edited = lk_password_policy_new_from_json (object, &error);
    lk_client_update_resource_async (f->client, &lk_password_policy_kind, edited, TRUE, NULL,
                                     lk_test_store_result_cb, &result);
    saved = lk_client_resource_finish (f->client, lk_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }
  g_signal_emit_by_name (lk_test_template_child (copy_dialog, LK_TYPE_COPY_DIALOG, "send_button"), "clicked");
  lk_test_wait_until (preview_shown, copy_dialog, 20000, "the new preview");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (lk_test_template_child (copy_dialog, LK_TYPE_COPY_DIALOG,
                                                                                  "preview_label"))),
                            "Changed after the preview"));
  g_assert_cmpuint (lk_sandbox_count_requests (prod, "POST", "/v3/password-policies"), ==, 0);

  /* Sent as shown. */
  g_object_add_weak_pointer (copy_dialog, &copy_dialog);
  g_signal_emit_by_name (lk_test_template_child (copy_dialog, LK_TYPE_COPY_DIALOG, "send_button"), "clicked");
  lk_test_wait_until (history_dialog_closed, &copy_dialog, 20000, "the copy to be sent");
  g_assert_cmpuint (lk_sandbox_count_requests (prod, "POST", "/v3/password-policies"), ==, 1);
  prod_policies = lk_test_list_all (prod_client, &lk_password_policy_kind);
  g_assert_cmpuint (g_list_model_get_n_items (prod_policies), ==, 2);

  g_object_set (f->page, "session", NULL, NULL);
  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
}

int
main (int   argc,
      char *argv[])
{
  lk_test_gtk_init (&argc, &argv);

  LK_TEST_ADD ("/lk/policies-page/list", test_list);
  LK_TEST_ADD ("/lk/policies-page/compare-and-copy", test_compare_and_copy);
  LK_TEST_ADD ("/lk/policies-page/new-draft", test_new_draft);
  LK_TEST_ADD ("/lk/policies-page/default-not-deletable", test_default_not_deletable);
  LK_TEST_ADD ("/lk/policies-page/delete", test_delete);
  LK_TEST_ADD ("/lk/policies-page/delete-refused", test_delete_refused);
  LK_TEST_ADD ("/lk/policies-page/load-error", test_load_error);
  LK_TEST_ADD ("/lk/policies-page/validation", test_validation);
  LK_TEST_ADD ("/lk/policies-page/save-keeps-unknown-fields", test_save_keeps_unknown_fields);
  LK_TEST_ADD ("/lk/policies-page/server-error-keeps-edit", test_server_error_keeps_edit);
  LK_TEST_ADD ("/lk/policies-page/sources-by-name", test_sources_by_name);
  LK_TEST_ADD ("/lk/policies-page/unsaved-changes-prompt", test_unsaved_changes_prompt);
  LK_TEST_ADD ("/lk/policies-page/create", test_create);
  LK_TEST_ADD ("/lk/policies-page/try-a-password", test_try_a_password);
  LK_TEST_ADD ("/lk/policies-page/duplicate", test_duplicate);
  LK_TEST_ADD ("/lk/policies-page/someone-else-changed", test_someone_else_changed);
  LK_TEST_ADD ("/lk/policies-page/export-and-import", test_export_and_import);
  LK_TEST_ADD ("/lk/policies-page/import-bad-file", test_import_bad_file);
  LK_TEST_ADD ("/lk/policies-page/history", test_history);


  return g_test_run ();
}
