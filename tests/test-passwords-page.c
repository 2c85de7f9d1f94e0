/* test-passwords-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lk-client-policies.h"
#include "lk-directory.h"
#include "lk-password-rule-row.h"
#include "lk-passwords-page.h"
#include "lk-sandbox.h"
#include "lk-test-util.h"

/* The Passwords page against the sandbox tenant, in a window under Xvfb:
 * the sandbox decrypts what the page encrypted and checks it against the
 * source's policy.
 */

#define GOOD_PASSWORD "Xy9!kk#Pq2zz"

typedef struct {
  LkSandbox       *sandbox;
  LkClient        *client;
  GtkWindow       *window;
  LkPasswordsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lk_test_page_open (&f->sandbox, &f->client, &f->window, &f->page, GTK_WIDGET (lk_passwords_page_new ()), 800, 900,
                     "rate-limit", 0, "password-delay-ms", 300, NULL);
  lk_passwords_page_set_client (f->page, f->client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_page_close (&f->window, &f->page, &f->sandbox, &f->client);
}

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  return lk_test_named (f->page, name);
}

static void
type_into (Fixture    *f,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (named (f, name)), text);
}

static const char *
text_of (Fixture    *f,
         const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (named (f, name)));
}

static gboolean
can_click (Fixture    *f,
           const char *button)
{
  return gtk_widget_is_sensitive (named (f, button));
}

static void
click (Fixture    *f,
       const char *button)
{
  g_assert_true (can_click (f, button));
  g_signal_emit_by_name (named (f, button), "clicked");
}

static gboolean
details_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (named (f, "details"));
}

static gboolean
lookup_error_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (named (f, "lookup-error"));
}

static void
look_up (Fixture    *f,
         const char *source,
         const char *user)
{
  type_into (f, "source", source);
  type_into (f, "user", user);
  click (f, "look-up");
}

static void
look_up_sandbox_user (Fixture *f)
{
  look_up (f, lk_sandbox_get_source_name (f->sandbox), lk_sandbox_get_user_name (f->sandbox));
  lk_test_wait_until (details_shown, f, 5000, "the identity's accounts");
}

static GtkWidget *
suggestion_titled (Fixture    *f,
                   const char *title)
{
  GtkWidget *list = named (f, "suggestions");

  if (!gtk_widget_get_visible (list))
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
      return row;

  return NULL;
}

static gboolean
abby_suggested (gpointer data)
{
  return suggestion_titled (data, "Abby Smith") != NULL;
}

static gboolean
sources_known (gpointer data)
{
  Fixture *f = data;

  return lk_directory_get_sources_loaded (lk_directory_get_for_client (f->client));
}

/* The source and the person by what they are called, not typed exactly. */
static void
test_suggestions (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *row;

  lk_test_wait_until (sources_known, f, 5000, "the tenant's sources");

  type_into (f, "source", "act");
  row = suggestion_titled (f, "Active Directory");
  g_assert_nonnull (row);
  g_signal_emit_by_name (named (f, "suggestions"), "row-activated", row);
  g_assert_cmpstr (text_of (f, "source"), ==, "Active Directory");
  g_assert_false (gtk_widget_get_visible (named (f, "suggestions")));

  /* The person by first name and the start of the last: the user name goes in. */
  type_into (f, "user", "Abby Sm");
  lk_test_wait_until (abby_suggested, f, 5000, "Abby Smith suggested");
  row = suggestion_titled (f, "Abby Smith");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, lk_sandbox_get_user_name (f->sandbox));
  g_signal_emit_by_name (named (f, "suggestions"), "row-activated", row);
  g_assert_cmpstr (text_of (f, "user"), ==, lk_sandbox_get_user_name (f->sandbox));

  click (f, "look-up");
  lk_test_wait_until (details_shown, f, 5000, "the identity's accounts");
}

/* A rule row by its words: "met", "not met", or "" when unchecked. */
static const char *
rule_verdict (Fixture    *f,
              const char *words)
{
  for (GtkWidget *row = gtk_widget_get_first_child (named (f, "rules")); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), words) == 0)
      return gtk_widget_has_css_class (row, "success") ? "met"
             : gtk_widget_has_css_class (row, "error") ? "not met" : "";

  return NULL;
}

static const char *
status_title (Fixture *f)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (named (f, "status-row")));
}

/* Shown, and no longer spinning. */
static gboolean
status_is_final (gpointer data)
{
  Fixture *f = data;
  GtkWidget *spinner = lk_test_find_of_type (named (f, "status-row"), GTK_TYPE_SPINNER);

  return gtk_widget_get_visible (named (f, "status")) && !gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

static void
wait_for_final_status (Fixture *f)
{
  lk_test_wait_until (status_is_final, f, 10000, "the password change to end");
}

static void
enter_password (Fixture    *f,
                const char *password)
{
  type_into (f, "password", password);
  type_into (f, "confirm", password);
}

static void
test_look_up (Fixture       *f,
              gconstpointer  data)
{
  LkPasswordInfo *info;
  GListModel *accounts;
  g_autoptr(LkPasswordAccount) account = NULL;

  /* Both names are needed. */
  g_assert_false (can_click (f, "look-up"));
  type_into (f, "source", lk_sandbox_get_source_name (f->sandbox));
  g_assert_false (can_click (f, "look-up"));
  look_up_sandbox_user (f);

  info = lk_passwords_page_get_info (f->page);
  g_assert_nonnull (info);
  accounts = adw_combo_row_get_model (ADW_COMBO_ROW (named (f, "account")));
  g_assert_true (accounts == lk_password_info_get_accounts (info));
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  account = g_list_model_get_item (accounts, 0);
  g_assert_cmpstr (lk_password_account_get_name (account), ==, lk_sandbox_get_user_name (f->sandbox));

  /* The policy's constraints, in plain words, unchecked until something is typed. */
  g_assert_cmpstr (rule_verdict (f, "At least 8 characters"), ==, "");
  g_assert_cmpstr (rule_verdict (f, "At least 1 digit"), ==, "");
  g_assert_cmpstr (rule_verdict (f, "Does not contain the account name"), ==, "");
  g_assert_false (can_click (f, "submit"));
}

static gboolean
identity_named (gpointer data)
{
  Fixture *f = data;
  g_autofree char *name = g_strdelimit (g_strdup (lk_sandbox_get_user_name (f->sandbox)), ".", ' ');

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (f, "identity"))), name) == 0;
}

/* The identity found is shown by name; its id is a tooltip and a copy away. */
static void
test_identity_by_name (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *row;
  const char *id;
  g_autofree char *copied = NULL;

  look_up_sandbox_user (f);
  lk_test_wait_until (identity_named, f, 5000, "the identity's name");

  row = named (f, "identity");
  id = lk_password_info_get_identity_id (lk_passwords_page_get_info (f->page));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, id);
  click (f, "copy-identity-id");
  copied = lk_test_clipboard_text (row);
  g_assert_cmpstr (copied, ==, id);
}

static gboolean
identities_asked (gpointer data)
{
  Fixture *f = data;

  return lk_sandbox_count_requests (f->sandbox, "GET", "/v3/public-identities") > 0;
}

/* Without the right to read identities, the id is shown, as before. */
static void
test_identity_without_right (Fixture       *f,
                             gconstpointer  data)
{
  const char *scopes[] = { "idn:password-info:read", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *client_id = lk_sandbox_add_client (f->sandbox, "latchkey.admin", scopes, &secret);
  const char *id;

  lk_client_set_credentials (f->client, client_id, secret);
  look_up_sandbox_user (f);
  id = lk_password_info_get_identity_id (lk_passwords_page_get_info (f->page));
  lk_test_wait_until (identities_asked, f, 5000, "the identity to be asked for");
  lk_test_drain_main_context ();
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (f, "identity"))), ==, id);
}

static void
test_look_up_error (Fixture       *f,
                    gconstpointer  data)
{
  look_up (f, "No Such Source", lk_sandbox_get_user_name (f->sandbox));
  lk_test_wait_until (lookup_error_shown, f, 5000, "the tenant's refusal");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (f, "lookup-error"))),
                            "There is no source named 'No Such Source'"));
  g_assert_false (gtk_widget_get_visible (named (f, "details")));
  /* The names typed stay, to be corrected. */
  g_assert_cmpstr (text_of (f, "source"), ==, "No Such Source");
}

/* The rules are checked as the password is typed; Submit waits for all. */
static void
test_rules_checked_live (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *with_account = g_strconcat ("X1", lk_sandbox_get_user_name (f->sandbox), "!", NULL);

  look_up_sandbox_user (f);

  enter_password (f, "abc");
  g_assert_cmpstr (rule_verdict (f, "At least 8 characters"), ==, "not met");
  g_assert_cmpstr (rule_verdict (f, "At least 1 digit"), ==, "not met");
  g_assert_cmpstr (rule_verdict (f, "At least 1 lowercase letter"), ==, "met");
  g_assert_false (can_click (f, "submit"));

  enter_password (f, with_account);
  g_assert_cmpstr (rule_verdict (f, "Does not contain the account name"), ==, "not met");
  g_assert_false (can_click (f, "submit"));

  enter_password (f, GOOD_PASSWORD);
  g_assert_cmpstr (rule_verdict (f, "At least 8 characters"), ==, "met");
  g_assert_cmpstr (rule_verdict (f, "Does not contain the account name"), ==, "met");
  g_assert_true (can_click (f, "submit"));

  /* Typed twice, the same. */
  type_into (f, "confirm", "Xy9!kk#Pq2z");
  g_assert_true (gtk_widget_get_visible (named (f, "mismatch")));
  g_assert_true (gtk_widget_has_css_class (named (f, "confirm"), "error"));
  gtk_test_accessible_assert_state (named (f, "confirm"), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_false (can_click (f, "submit"));
  type_into (f, "confirm", GOOD_PASSWORD);
  g_assert_false (gtk_widget_get_visible (named (f, "mismatch")));
  gtk_test_accessible_assert_state (named (f, "confirm"), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_true (can_click (f, "submit"));

  /* Masked, with a way to reveal it. */
  g_assert_false (gtk_text_get_visibility (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (named (f, "password"))))));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (named (f, "password")));
}

static void
test_set_password_finished (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) sent = NULL;

  look_up_sandbox_user (f);
  enter_password (f, GOOD_PASSWORD);
  click (f, "submit");

  /* At once: under way, and nothing to submit twice. */
  g_assert_true (gtk_widget_get_visible (named (f, "status")));
  g_assert_false (can_click (f, "submit"));

  wait_for_final_status (f);
  g_assert_cmpstr (status_title (f), ==, "The password was changed");
  g_assert_nonnull (lk_passwords_page_get_request_id (f->page));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (f, "status-row"))),
                            lk_passwords_page_get_request_id (f->page)));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, 1);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", NULL), >=, 1);

  /* The password went out encrypted only, and the entries are empty. */
  sent = lk_sandbox_get_last_request_body (f->sandbox, "POST", "/v3/set-password", NULL);
  g_assert_null (g_strstr_len (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), GOOD_PASSWORD));
  g_assert_cmpstr (text_of (f, "password"), ==, "");
  g_assert_cmpstr (text_of (f, "confirm"), ==, "");
  g_assert_false (can_click (f, "submit"));
  /* The rules say nothing of a password no longer there. */
  g_assert_cmpstr (rule_verdict (f, "At least 8 characters"), ==, "");

  /* The result is where the user looks: the focus (and the scroll) on it. */
  g_assert_true (gtk_widget_has_focus (named (f, "status-row")));
}

/* The tenant's policy changed since the look-up: the source refuses, and says why. */
static void
test_set_password_failed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) policies = NULL;
  GtkWidget *errors;

  look_up_sandbox_user (f);
  lk_client_list_policies_async (f->client, NULL, lk_test_store_result_cb, &result);
  policies = lk_client_list_policies_finish (f->client, lk_test_wait_for (&result), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      json_object_set_int_member (lk_sandbox_lookup_policy (f->sandbox, lk_password_policy_get_id (policy)),
                                  "minLength", 20);
    }

  enter_password (f, GOOD_PASSWORD);
  click (f, "submit");
  wait_for_final_status (f);
  g_assert_cmpstr (status_title (f), ==, "The source refused the password");
  errors = named (f, "status-errors");
  g_assert_true (gtk_widget_get_visible (errors));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_first_child (errors))), ==,
                   "The password must be at least 20 characters long.");
}

/* No answer to a POST, or none that can be read: not sent again, said so,
 * and what was typed stays.
 */
static void
test_set_password_no_answer (Fixture       *f,
                             gconstpointer  data)
{
  const LkSandboxFault faults[] = { LK_SANDBOX_FAULT_5XX, LK_SANDBOX_FAULT_DROP, LK_SANDBOX_FAULT_MALFORMED };

  look_up_sandbox_user (f);
  enter_password (f, GOOD_PASSWORD);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      lk_sandbox_fail_next_on (f->sandbox, faults[i], 1, "POST /v3/set-password");
      click (f, "submit");
      wait_for_final_status (f);

      g_assert_cmpstr (status_title (f), ==, "The password may or may not have been changed");
      g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, i + 1);
      g_assert_null (lk_passwords_page_get_request_id (f->page));
      g_assert_cmpstr (text_of (f, "password"), ==, GOOD_PASSWORD);
      g_assert_true (can_click (f, "submit"));
      g_assert_false (can_click (f, "check"));
    }
}

static gboolean
has_request_id (gpointer data)
{
  Fixture *f = data;

  return lk_passwords_page_get_request_id (f->page) != NULL;
}

/* Following the change failed; the request id stays, to check again. */
static void
test_check_again (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *request_id = NULL;

  g_object_set (f->sandbox, "password-delay-ms", 60000, NULL);
  look_up_sandbox_user (f);
  enter_password (f, GOOD_PASSWORD);
  click (f, "submit");
  lk_test_wait_until (has_request_id, f, 5000, "the request id");
  request_id = g_strdup (lk_passwords_page_get_request_id (f->page));

  /* Every poll fails, retries included. */
  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_5XX, 100);
  wait_for_final_status (f);
  g_assert_cmpstr (status_title (f), ==, "The state of the change is not known");
  g_assert_cmpstr (lk_passwords_page_get_request_id (f->page), ==, request_id);
  g_assert_true (can_click (f, "check"));

  lk_sandbox_set_fault (f->sandbox, LK_SANDBOX_FAULT_5XX, 0);
  g_object_set (f->sandbox, "password-delay-ms", 0, NULL);
  click (f, "check");
  g_assert_false (can_click (f, "check"));
  wait_for_final_status (f);
  g_assert_cmpstr (status_title (f), ==, "The password was changed");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/set-password"), ==, 1);
}

/* Another tenant: the identity and the change of the previous one go. */
static void
test_tenant_switch (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LkClient) other = lk_test_admin_client_new (f->sandbox);

  look_up_sandbox_user (f);
  enter_password (f, GOOD_PASSWORD);
  lk_passwords_page_set_client (f->page, other);

  g_assert_null (lk_passwords_page_get_info (f->page));
  g_assert_false (gtk_widget_get_visible (named (f, "details")));
  g_assert_cmpstr (text_of (f, "password"), ==, "");
  g_assert_cmpstr (text_of (f, "user"), ==, lk_sandbox_get_user_name (f->sandbox));
  lk_passwords_page_set_client (f->page, NULL);
  g_assert_false (can_click (f, "look-up"));
}

int
main (int   argc,
      char *argv[])
{
  lk_test_gtk_init (&argc, &argv);

  LK_TEST_ADD ("/lk/passwords-page/look-up", test_look_up);
  LK_TEST_ADD ("/lk/passwords-page/look-up-error", test_look_up_error);
  LK_TEST_ADD ("/lk/passwords-page/identity-by-name", test_identity_by_name);
  LK_TEST_ADD ("/lk/passwords-page/identity-without-right", test_identity_without_right);
  LK_TEST_ADD ("/lk/passwords-page/suggestions", test_suggestions);
  LK_TEST_ADD ("/lk/passwords-page/rules-checked-live", test_rules_checked_live);
  LK_TEST_ADD ("/lk/passwords-page/set-finished", test_set_password_finished);
  LK_TEST_ADD ("/lk/passwords-page/set-failed", test_set_password_failed);
  LK_TEST_ADD ("/lk/passwords-page/set-no-answer", test_set_password_no_answer);
  LK_TEST_ADD ("/lk/passwords-page/check-again", test_check_again);
  LK_TEST_ADD ("/lk/passwords-page/tenant-switch", test_tenant_switch);

  return g_test_run ();
}
