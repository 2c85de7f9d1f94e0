/* test-policies-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lk-client-policies.h"
#include "lk-policies-page.h"
#include "lk-sandbox.h"
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
  g_autoptr(GError) error = NULL;

  f->sandbox = g_object_new (LK_TYPE_SANDBOX, "rate-limit", 0, NULL);
  g_assert_true (lk_sandbox_start (f->sandbox, 0, NULL, &error));
  f->client = lk_client_new (lk_sandbox_get_url (f->sandbox), lk_sandbox_get_admin_client_id (f->sandbox),
                             lk_sandbox_get_admin_client_secret (f->sandbox));
  lk_client_set_retry_delay (f->client, 5);

  f->window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (f->window, 1000, 700);
  f->page = lk_policies_page_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  lk_test_wait_until (lk_test_widget_is_mapped, f->window, 5000, "the window to map");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  f->page = NULL;
  lk_test_destroy_window (g_steal_pointer (&f->window));
  lk_test_assert_finalized (g_steal_pointer (&f->client));
  lk_test_assert_finalized (g_steal_pointer (&f->sandbox));
}

static GtkWidget *
page_child (Fixture    *f,
            const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), LK_TYPE_POLICIES_PAGE, name));
}

static const char *
visible_state (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (page_child (f, "state_stack")));
}

typedef struct {
  Fixture    *f;
  const char *state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (visible_state (wait->f), wait->state) == 0;
}

static void
wait_for_state (Fixture    *f,
                const char *state)
{
  StateWait wait = { f, state };
  g_autofree char *what = g_strdup_printf ("the page to show “%s”", state);

  lk_test_wait_until (state_is, &wait, 10000, what);
}

static GListModel *
shown (Fixture *f)
{
  return G_LIST_MODEL (lk_policies_page_get_model (f->page));
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
  lk_policies_page_set_client (f->page, f->client);
  wait_for_state (f, "list");
}

static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
text_is_shown (gpointer data)
{
  gpointer *args = data;

  return label_shown (args[0], args[1]);
}

static void
wait_for_text (Fixture    *f,
               const char *text)
{
  gpointer args[] = { page_child (f, "column_view"), (gpointer) text };
  g_autofree char *what = g_strdup_printf ("“%s” in the list", text);

  lk_test_wait_until (text_is_shown, args, 5000, what);
}

static guint
tenant_policy_count (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) policies = NULL;

  lk_client_list_policies_async (f->client, FALSE, NULL, lk_test_store_result_cb, &result);
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
  gtk_selection_model_select_item (lk_policies_page_get_model (f->page), 0, TRUE);
  g_assert_false (gtk_widget_is_sensitive (page_child (f, "delete_button")));
  gtk_selection_model_select_item (lk_policies_page_get_model (f->page), position_of_other (f), TRUE);
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
  gtk_selection_model_select_item (lk_policies_page_get_model (f->page), position_of_other (f), TRUE);
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
  gtk_selection_model_select_item (lk_policies_page_get_model (f->page), position_of_other (f), TRUE);
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
  lk_policies_page_set_client (f->page, f->client);
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/lk/policies-page/list", test_list);
  ADD_TEST ("/lk/policies-page/default-not-deletable", test_default_not_deletable);
  ADD_TEST ("/lk/policies-page/delete", test_delete);
  ADD_TEST ("/lk/policies-page/delete-refused", test_delete_refused);
  ADD_TEST ("/lk/policies-page/load-error", test_load_error);

#undef ADD_TEST

  return g_test_run ();
}
