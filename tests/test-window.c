/* test-window.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <adwaita.h>

#include "lk-page.h"
#include "lk-policies-page.h"
#include "lk-sync-groups-page.h"
#include "lk-sandbox.h"
#include "lk-tenant-dialog.h"
#include "lk-connection-rotation.h"
#include "lk-bench-util.h"
#include "lk-client-tokens.h"
#include "lk-drafts.h"
#include "lk-form-editor.h"
#include "lk-list-page.h"
#include "lk-password-policy.h"
#include "lk-token-dialog.h"
#include "lk-token-slot.h"
#include "lk-tokens-page.h"
#include "lk-test-util.h"
#include "lk-pages.h"
#include "lk-window.h"

typedef struct {
  LkSandbox    *sandbox;
  GSettings    *settings;
  LkSession    *session;
  LkTenantList *tenants;
  LkWindow     *window;
} Fixture;

static GtkWidget *
template_child (Fixture    *f,
                const char *name)
{
  return lk_test_template_child (f->window, LK_TYPE_WINDOW, name);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->sandbox = lk_test_sandbox_start (NULL, "rate-limit", 0, NULL);

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "tenants");
  g_settings_reset (f->settings, "current-tenant");
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_settings_reset (f->settings, "window-maximized");
  f->session = lk_session_new (f->settings, NULL);
  f->tenants = lk_session_get_tenants (f->session);
  f->window = g_object_ref_sink (lk_window_new (NULL, f->session));
  gtk_window_present (GTK_WINDOW (f->window));
  lk_test_wait_until (lk_test_widget_is_mapped, f->window, 5000, "the window to map");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (g_steal_pointer (&f->window));

  /* Leave the keyring as it was found. */
  while (g_list_model_get_n_items (G_LIST_MODEL (f->tenants)) > 0)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (f->tenants), 0);
      g_autoptr(GAsyncResult) result = NULL;

      lk_session_remove_tenant_async (f->session, lk_tenant_get_name (tenant), NULL, lk_test_store_result_cb, &result);
      lk_test_wait_until (lk_test_result_is_set, &result, 10000, "the tenant to be removed");
      g_assert_true (lk_session_remove_tenant_finish (f->session, result, NULL));
    }

  f->tenants = NULL;
  lk_test_assert_finalized (g_steal_pointer (&f->session));
  g_clear_object (&f->settings);
  lk_test_assert_finalized (g_steal_pointer (&f->sandbox));
}

/* A page of the window, by its name in the sidebar's stack. */
typedef struct {
  Fixture    *fixture;
  const char *name;
} PageWanted;

static gboolean
page_built (gpointer data)
{
  PageWanted *wanted = data;

  return gtk_stack_get_child_by_name (GTK_STACK (template_child (wanted->fixture, "page_stack")), wanted->name) != NULL;
}

/* A page, once built: the first frame has one page at most, the others come after it. */
static GtkWidget *
page_named (Fixture    *f,
            const char *name)
{
  PageWanted wanted = { f, name };

  lk_test_wait_until (page_built, &wanted, 5000, name);
  return gtk_stack_get_child_by_name (GTK_STACK (template_child (f, "page_stack")), name);
}

/* "Acme" is the sandbox, connected through the session with its secret in
 * the keyring; "Acme Sandbox" is known by name only, with no secret.
 */
static void
add_two_tenants (Fixture *f)
{
  g_autoptr(LkTenant) other = lk_tenant_new ("Acme Sandbox", "https://acme-sb.api.identitynow.com", "id-2");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_session_save_tenant_async (f->session, NULL, "Acme", lk_sandbox_get_url (f->sandbox),
                                lk_sandbox_get_admin_client_id (f->sandbox),
                                lk_sandbox_get_admin_client_secret (f->sandbox), NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 10000, "the tenant to be saved");
  g_assert_true (lk_session_save_tenant_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_assert_true (lk_tenant_list_add (f->tenants, other, NULL));
}

static GtkListBoxRow *
find_row_by_name (GtkWidget  *list,
                  const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return GTK_LIST_BOX_ROW (row);

  return NULL;
}

static gboolean
four_pages_built (gpointer data)
{
  Fixture *f = data;

  return lk_test_count_children (template_child (f, "page_stack")) == 4;
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *empty_page = template_child (f, "empty_page");
  GtkWidget *add_button = template_child (f, "empty_add_button");

  lk_test_wait_until (lk_test_widget_is_mapped, empty_page, 5000, "the empty state");
  g_assert_true (ADW_IS_STATUS_PAGE (empty_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty_page)), ==, "Connect a Tenant");
  g_assert_true (gtk_widget_get_mapped (add_button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add_button)), ==, "win.add-tenant");
  g_assert_false (gtk_widget_get_mapped (template_child (f, "page_stack")));

  /* The main menu, built when first opened. */
  {
    GtkMenuButton *menu_button = GTK_MENU_BUTTON (template_child (f, "empty_menu_button"));

    g_assert_null (gtk_menu_button_get_menu_model (menu_button));
    gtk_menu_button_popup (menu_button);
    g_assert_nonnull (gtk_menu_button_get_menu_model (menu_button));
    lk_test_wait_until (lk_test_widget_is_mapped, gtk_menu_button_get_popover (menu_button), 5000, "the main menu");
    gtk_menu_button_popdown (menu_button);
  }

  /* Not in the first frame, the pages are built after it, ready for a tenant. */
  lk_test_wait_until (four_pages_built, f, 5000, "the pages, after the first frame");

  /* The first tenant replaces the invitation with the pages. */
  add_two_tenants (f);
  lk_test_wait_until (lk_test_widget_is_mapped, template_child (f, "page_stack"), 5000, "the pages");
  lk_test_wait_until (lk_test_widget_is_unmapped, empty_page, 5000, "the empty state to go");

  /* Removing the last one brings it back. */
  g_assert_true (lk_tenant_list_remove (f->tenants, "Acme Sandbox"));
  {
    g_autoptr(GAsyncResult) result = NULL;

    lk_session_remove_tenant_async (f->session, "Acme", NULL, lk_test_store_result_cb, &result);
    lk_test_wait_until (lk_test_result_is_set, &result, 10000, "the tenant to be removed");
    g_assert_true (lk_session_remove_tenant_finish (f->session, result, NULL));
  }
  lk_test_wait_until (lk_test_widget_is_mapped, empty_page, 5000, "the empty state again");
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *title;
  } pages[] = {
    { "tokens", "Access Tokens" },
    { "policies", "Password Policies" },
    { "sync-groups", "Password Sync Groups" },
    { "passwords", "Passwords" },
  };
  GtkWidget *page_list = template_child (f, "page_list");
  GtkStack *page_stack = GTK_STACK (template_child (f, "page_stack"));

  add_two_tenants (f);
  lk_test_wait_until (lk_test_widget_is_mapped, page_list, 5000, "the sidebar");
  /* The first page in the first frame, the others after it. */
  lk_test_wait_until (four_pages_built, f, 5000, "every page");

  g_assert_cmpuint (lk_test_count_children (page_list), ==, G_N_ELEMENTS (pages));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (page_stack, pages[i].name);

      g_assert_nonnull (child);
      /* The window talks to each page through LkPage alone. */
      g_assert_true (LK_IS_PAGE (child));
      g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (page_stack, child)), ==, pages[i].title);
      g_assert_nonnull (find_row_by_name (page_list, pages[i].name));
    }

  /* The Tokens page knows the window's session, to mark this connection's own token. */
  {
    g_autoptr(LkSession) tokens_session = NULL;

    g_object_get (gtk_stack_get_child_by_name (page_stack, "tokens"), "session", &tokens_session, NULL);
    g_assert_true (tokens_session == f->session);
  }

  /* Access tokens come first: it is what administrators open the app for. */
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "tokens");
  g_assert_true (gtk_list_box_row_is_selected (find_row_by_name (page_list, "tokens")));
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *page_list = template_child (f, "page_list");
  AdwWindowTitle *title = ADW_WINDOW_TITLE (template_child (f, "content_title"));
  GtkStack *page_stack = GTK_STACK (template_child (f, "page_stack"));

  add_two_tenants (f);
  lk_test_wait_until (lk_test_widget_is_mapped, page_list, 5000, "the sidebar");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Access Tokens");

  /* The action behind the Alt+N shortcuts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "policies"));
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "policies");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, "policies");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Password Policies");
  g_assert_true (gtk_list_box_row_is_selected (find_row_by_name (page_list, "policies")));
  /* The focus goes with it, so that the page's keys work at once. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         gtk_stack_get_child_by_name (page_stack, "policies")));

  /* A click on a sidebar row. */
  g_signal_emit_by_name (page_list, "row-activated", find_row_by_name (page_list, "passwords"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, "passwords");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Passwords");
  g_assert_true (gtk_list_box_row_is_selected (find_row_by_name (page_list, "passwords")));

  lk_test_wait_until (lk_test_widget_is_mapped, gtk_stack_get_child_by_name (page_stack, "passwords"),
                      5000, "the Passwords page");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         gtk_stack_get_child_by_name (page_stack, "passwords")));
}

/* No page holds the window wider than its narrowest layout, 360 px: the
 * sidebar folds away and each page fits, whatever it shows.
 */
static void
test_narrowest (Fixture       *f,
                gconstpointer  data)
{
  GtkStack *page_stack = GTK_STACK (template_child (f, "page_stack"));
  guint n_pages;
  const LkPageInfo *pages = lk_pages_get_all (&n_pages);

  add_two_tenants (f);
  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *content = gtk_window_get_child (GTK_WINDOW (f->window));
      int min_width;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", pages[i].name));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, pages[i].name);
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      g_test_message ("%s: at least %d px", pages[i].name, min_width);
      g_assert_cmpint (min_width, <=, 360);
    }
}

static void
test_tenant_switcher (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *tenant_list = template_child (f, "tenant_list");
  GtkMenuButton *tenant_button = GTK_MENU_BUTTON (template_child (f, "tenant_button"));
  AdwWindowTitle *title = ADW_WINDOW_TITLE (template_child (f, "content_title"));
  GtkWidget *second;
  g_autofree char *stored = NULL;

  add_two_tenants (f);
  lk_test_wait_until (lk_test_widget_is_mapped, tenant_button, 5000, "the tenant switcher");
  g_assert_cmpstr (gtk_menu_button_get_label (tenant_button), ==, "Acme");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Acme");

  /* F9 opens it, as the primary menu has F10. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-tenant", NULL));
  lk_test_wait_until (lk_test_widget_is_mapped, tenant_list, 5000, "the tenant popover");

  g_assert_cmpuint (lk_test_count_children (tenant_list), ==, 2);

  second = gtk_widget_get_next_sibling (gtk_widget_get_first_child (tenant_list));
  g_signal_emit_by_name (tenant_list, "row-activated", second);

  g_assert_cmpstr (gtk_menu_button_get_label (tenant_button), ==, "Acme Sandbox");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Acme Sandbox");
  stored = g_settings_get_string (f->settings, "current-tenant");
  g_assert_cmpstr (stored, ==, "Acme Sandbox");

  /* The keyring has no secret for it: the window says so, and offers to enter it. */
  lk_test_wait_until (lk_test_widget_is_mapped, template_child (f, "needs_secret_page"), 5000,
                      "the missing secret to be shown");
  g_assert_true (gtk_widget_is_sensitive (template_child (f, "needs_secret_page")));
}

static const char *
tokens_page_state (LkWindow *window)
{
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                         LK_TYPE_WINDOW,
                                                                                         "page_stack")),
                                                 "tokens");
  GObject *state = gtk_widget_get_template_child (page, LK_TYPE_TOKENS_PAGE, "state_stack");

  return gtk_widget_get_mapped (page) ? gtk_stack_get_visible_child_name (GTK_STACK (state)) : NULL;
}

static gboolean
tokens_page_shows_error (gpointer data)
{
  return g_strcmp0 (tokens_page_state (data), "error") == 0;
}

static gboolean
tokens_page_shows_list (gpointer data)
{
  return g_strcmp0 (tokens_page_state (data), "list") == 0;
}

static const char *
tokens_page_error (LkWindow *window)
{
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                         LK_TYPE_WINDOW,
                                                                                         "page_stack")),
                                                 "tokens");
  GObject *status = gtk_widget_get_template_child (page, LK_TYPE_TOKENS_PAGE, "error_page");

  return adw_status_page_get_description (ADW_STATUS_PAGE (status));
}

/* Quits and starts again: a new session from the same settings, a new window. */
static void
restart (Fixture *f)
{
  lk_test_destroy_window (g_steal_pointer (&f->window));
  lk_test_assert_finalized (g_steal_pointer (&f->session));
  f->session = lk_session_new (f->settings, NULL);
  f->tenants = lk_session_get_tenants (f->session);
  f->window = g_object_ref_sink (lk_window_new (NULL, f->session));
  gtk_window_present (GTK_WINDOW (f->window));
}

/* A tenant that answers nothing usable is where the window opens, start
 * after start: on its error, with the other tenants one click away.
 */
static void
test_broken_tenant_opens_on_its_error (Fixture       *f,
                                       gconstpointer  data)
{
  GtkWidget *tenant_list;

  add_two_tenants (f);
  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_BLANK, 100, "POST /oauth/token");

  for (guint start = 0; start < 2; start++)
    {
      restart (f);
      lk_test_wait_until (tokens_page_shows_error, f->window, 10000, "the tenant's error");
      g_assert_nonnull (strstr (tokens_page_error (f->window), "empty"));
    }

  /* The other tenant is one click away. */
  tenant_list = template_child (f, "tenant_list");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-tenant", NULL));
  lk_test_wait_until (lk_test_widget_is_mapped, tenant_list, 5000, "the tenant popover");
  g_signal_emit_by_name (tenant_list, "row-activated",
                         gtk_widget_get_next_sibling (gtk_widget_get_first_child (tenant_list)));
  lk_test_wait_until (lk_test_widget_is_mapped, template_child (f, "needs_secret_page"), 5000,
                      "the other tenant");
}

static gboolean
label_contains (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL &&
      gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (label_contains (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
says_rate_limited (gpointer data)
{
  return label_contains (GTK_WIDGET (data), "rate limit");
}

/* The tenant's 429 is waited out, and the window says why nothing happens meanwhile. */
static void
test_rate_limit_said (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *tokens_page;
  guint before;

  /* The pages are built with the first tenant (before, the window shows none). */
  add_two_tenants (f);
  tokens_page = page_named (f, "tokens");
  lk_test_wait_until (tokens_page_shows_list, f->window, 10000, "the tokens");

  g_object_set (f->sandbox, "fault-retry-after", 2, NULL);
  before = lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens");
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_RATE_LIMIT, 1, "GET /v3/personal-access-tokens");
  g_assert_true (gtk_widget_activate_action (tokens_page, "tokens.reload", NULL));
  lk_test_wait_until (says_rate_limited, f->window, 10000, "the wait to be said");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "GET", "/v3/personal-access-tokens"), ==, before + 1);
  g_assert_true (label_contains (GTK_WIDGET (f->window), "2 seconds"));
}

static void
test_window_size_remembered (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LkWindow) second = NULL;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  gtk_window_close (GTK_WINDOW (f->window));

  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));

  /* The next window opens at that size. */
  second = g_object_ref_sink (lk_window_new (NULL, f->session));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_destroy (GTK_WINDOW (second));
}

static LkTenantDialog *
find_tenant_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LK_IS_TENANT_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return LK_TENANT_DIALOG (window);
    }

  return NULL;
}

static gboolean
tenant_dialog_is_open (gpointer data)
{
  return find_tenant_dialog () != NULL;
}

static GtkWidget *
dialog_child (LkTenantDialog *dialog,
              const char     *name)
{
  return lk_test_template_child (dialog, LK_TYPE_TENANT_DIALOG, name);
}

static void
type_into (LkTenantDialog *dialog,
           const char     *row,
           const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, row)), text);
}

static gboolean
dialog_is_connecting (gpointer data)
{
  return gtk_spinner_get_spinning (GTK_SPINNER (dialog_child (data, "spinner")));
}

static gboolean
dialog_is_idle (gpointer data)
{
  return !dialog_is_connecting (data);
}

static void
test_add_tenant_from_dialog (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *secret_in_keyring = NULL;
  GtkWidget *error_label;
  LkTenantDialog *dialog;

  /* The empty state's button. */
  gtk_widget_activate (template_child (f, "empty_add_button"));
  lk_test_wait_until (tenant_dialog_is_open, NULL, 5000, "the Add Tenant dialog");
  dialog = g_object_ref (find_tenant_dialog ());
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "tenant.save", NULL) &&
                  dialog_is_connecting (dialog));

  type_into (dialog, "name_row", "Sandbox");
  type_into (dialog, "url_row", lk_sandbox_get_url (f->sandbox));
  type_into (dialog, "client_id_row", lk_sandbox_get_admin_client_id (f->sandbox));
  type_into (dialog, "secret_row", "not-the-secret");

  /* The tenant refuses: its words appear, and nothing typed is lost. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "tenant.save", NULL));
  lk_test_wait_until (dialog_is_idle, dialog, 10000, "the credentials to be tested");
  error_label = dialog_child (dialog, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Bad credentials"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "name_row"))), ==, "Sandbox");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "secret_row"))), ==, "not-the-secret");
  g_assert_true (gtk_widget_has_css_class (dialog_child (dialog, "secret_row"), "error"));
  gtk_test_accessible_assert_state (dialog_child (dialog, "secret_row"), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->tenants)), ==, 0);

  /* Typing again takes the refusal away: it was about what was there. */
  type_into (dialog, "secret_row", "still-not-the-secret");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (dialog_child (dialog, "secret_row"), "error"));

  /* Corrected, it connects, closes, and the switcher lists the tenant. */
  type_into (dialog, "secret_row", lk_sandbox_get_admin_client_secret (f->sandbox));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "tenant.save", NULL));
  lk_test_wait_until (lk_test_widget_is_unmapped, dialog, 10000, "the dialog to close");
  lk_test_assert_finalized (dialog);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->tenants)), ==, 1);
  lk_test_wait_until (lk_test_widget_is_mapped, template_child (f, "tenant_button"), 5000, "the switcher");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (template_child (f, "tenant_button"))), ==, "Sandbox");
  g_assert_cmpuint (lk_test_count_children (template_child (f, "tenant_list")), ==, 1);
  g_assert_cmpint (lk_session_get_state (f->session), ==, LK_SESSION_STATE_READY);

  secret_in_keyring = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox),
                                              lk_sandbox_get_admin_client_id (f->sandbox));
  g_assert_cmpstr (secret_in_keyring, ==, lk_sandbox_get_admin_client_secret (f->sandbox));
}

static void
test_edit_tenant_from_dialog (Fixture       *f,
                              gconstpointer  data)
{
  LkTenantDialog *dialog;

  add_two_tenants (f);
  lk_test_wait_until (lk_test_widget_is_mapped, template_child (f, "page_stack"), 5000, "the pages");

  /* Rename in place; the secret field stays empty and the keyring's is kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-tenant", NULL));
  lk_test_wait_until (tenant_dialog_is_open, NULL, 5000, "the Edit Tenant dialog");
  dialog = g_object_ref (find_tenant_dialog ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "url_row"))), ==,
                   lk_sandbox_get_url (f->sandbox));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "secret_row"))), ==, "");
  type_into (dialog, "name_row", "Acme Production");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "tenant.save", NULL));
  lk_test_wait_until (lk_test_widget_is_unmapped, dialog, 10000, "the dialog to close");
  lk_test_assert_finalized (dialog);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->tenants)), ==, 2);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (template_child (f, "tenant_button"))), ==,
                   "Acme Production");
  {
    g_autoptr(LkTenant) first = g_list_model_get_item (G_LIST_MODEL (f->tenants), 0);

    g_assert_cmpstr (lk_tenant_get_name (first), ==, "Acme Production");
  }
}

static void
respond_and_close (GtkWindow  *dialog,
                   const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
}

/* A policy typed into and not saved, on the Policies page of a window with two tenants. */
static GtkWidget *
edit_new_policy (Fixture *f)
{
  GtkWidget *page = page_named (f, "policies");
  GtkWidget *name_row;

  lk_test_wait_for_stack_child (lk_test_template_child (page, LK_TYPE_LIST_PAGE, "state_stack"), "list");
  gtk_widget_activate_action (page, "policies.new", NULL);
  name_row = lk_test_named (lk_list_page_get_editor (LK_LIST_PAGE (page)), "name");
  gtk_editable_set_text (GTK_EDITABLE (lk_test_find_of_type (name_row, GTK_TYPE_ENTRY)), "Not yet saved");
  g_assert_true (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (page)));
  return page;
}

/* A policy being edited is not lost with the window. */
static void
test_close_with_unsaved_policy (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *page;
  GtkWindow *dialog;

  add_two_tenants (f);
  page = edit_new_policy (f);
  lk_window_set_visible_page (f->window, "tokens");

  /* Closing asks, on the page where the edit is; Cancel keeps both. */
  gtk_window_close (GTK_WINDOW (f->window));
  dialog = lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Save Changes?");
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "policies");
  respond_and_close (dialog, "cancel");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  g_assert_true (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (page)));

  /* Discard: the window goes. */
  gtk_window_close (GTK_WINDOW (f->window));
  dialog = lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question");
  respond_and_close (dialog, "discard");
  lk_test_wait_until (lk_test_widget_is_unmapped, f->window, 5000, "the window to close");
}

/* Two editors with changes: each is asked about in turn, on its page. */
static void
test_close_with_two_unsaved_editors (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *groups;
  GtkWidget *name_row;
  GtkWindow *dialog;

  add_two_tenants (f);
  edit_new_policy (f);
  groups = page_named (f, "sync-groups");

  lk_test_wait_for_stack_child (lk_test_template_child (groups, LK_TYPE_LIST_PAGE, "state_stack"), "list");
  gtk_widget_activate_action (groups, "sync-groups.new", NULL);
  name_row = lk_test_find_named (GTK_WIDGET (lk_list_page_get_editor (LK_LIST_PAGE (groups))),
                                 "name");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Group not yet saved");
  g_assert_true (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (groups)));
  lk_window_set_visible_page (f->window, "tokens");

  gtk_window_close (GTK_WINDOW (f->window));
  dialog = lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question about the policy");
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "policies");
  respond_and_close (dialog, "discard");

  dialog = lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question about the group");
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "sync-groups");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  respond_and_close (dialog, "discard");
  lk_test_wait_until (lk_test_widget_is_unmapped, f->window, 5000, "the window to close");
}

static gboolean
tenant_is_sandbox (gpointer button)
{
  return g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), "Acme Sandbox") == 0;
}

/* Another tenant would close the policy being edited: asked first. */
static void
test_switch_tenant_with_unsaved_policy (Fixture       *f,
                                        gconstpointer  data)
{
  GtkWidget *tenant_list = template_child (f, "tenant_list");
  GtkMenuButton *tenant_button = GTK_MENU_BUTTON (template_child (f, "tenant_button"));
  GtkWidget *page, *second;
  GtkWindow *dialog;

  add_two_tenants (f);
  page = edit_new_policy (f);
  lk_window_set_visible_page (f->window, "tokens");

  second = gtk_widget_get_next_sibling (gtk_widget_get_first_child (tenant_list));
  g_signal_emit_by_name (tenant_list, "row-activated", second);
  dialog = lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question");
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "policies");
  respond_and_close (dialog, "cancel");
  g_assert_cmpstr (gtk_menu_button_get_label (tenant_button), ==, "Acme");
  g_assert_true (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (page)));

  g_signal_emit_by_name (tenant_list, "row-activated", second);
  dialog = lk_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "the question");
  respond_and_close (dialog, "discard");
  lk_test_wait_until (tenant_is_sandbox, tenant_button, 5000, "the other tenant");
  g_assert_false (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (page)));
}

/* The tokens page's row of the connection's own token, selected. */
static gboolean
connection_token_selected (gpointer data)
{
  Fixture *f = data;
  GtkSelectionModel *model = lk_tokens_page_get_model (LK_TOKENS_PAGE (page_named (f, "tokens")));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(LkTokenSlot) slot = g_list_model_get_item (G_LIST_MODEL (model), i);
      LkToken *token = lk_token_slot_get_token (slot);

      if (token != NULL && g_strcmp0 (lk_token_get_id (token), lk_sandbox_get_admin_client_id (f->sandbox)) == 0)
        return gtk_selection_model_select_item (model, i, TRUE);
    }

  return FALSE;
}

static gboolean
old_token_revoked (gpointer data)
{
  Fixture *f = data;
  g_autofree char *path = g_strconcat ("/v3/personal-access-tokens/", lk_sandbox_get_admin_client_id (f->sandbox),
                                       NULL);

  return lk_sandbox_count_requests (f->sandbox, "DELETE", path) == 1;
}

static const char *
current_client_id (Fixture *f)
{
  return lk_tenant_get_client_id (lk_tenant_list_get_current (f->tenants));
}

/* Rotate… on the connection's own token: the connection moves to the
 * successor, then (and only then) the old token's revoke is offered.
 */
static void
test_rotate_connection (Fixture       *f,
                        gconstpointer  data)
{
  const char *old_id = lk_sandbox_get_admin_client_id (f->sandbox);
  g_autofree char *new_secret = NULL;
  AdwMessageDialog *question;
  AdwMessageDialog *done;

  add_two_tenants (f);
  lk_test_wait_until (connection_token_selected, f, 10000, "the connection's token in the list");
  g_assert_true (gtk_widget_activate_action (page_named (f, "tokens"), "tokens.rotate", NULL));

  question = lk_test_wait_for_message_dialog ("Rotate “Latchkey sandbox”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Latchkey connects to “Acme” with this token"));
  g_assert_true (adw_message_dialog_has_response (question, "rotate-connection"));
  adw_message_dialog_response (question, "rotate-connection");

  done = lk_test_wait_for_message_dialog ("Connection Rotated");
  g_assert_cmpstr (current_client_id (f), !=, old_id);
  new_secret = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), current_client_id (f));
  g_assert_cmpuint (strlen (new_secret), >=, 32);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (done, "revoke"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (done), ==, "keep");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", NULL), ==, 0);

  adw_message_dialog_response (done, "revoke");
  lk_test_wait_until (old_token_revoked, f, 10000, "the old token to be revoked");
}

/* A rotation that stopped halfway is offered at the next start, and finished from there. */
static void
test_interrupted_rotation_offered (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(LkRotations) rotations = lk_rotations_new (NULL);
  g_autoptr(LkConnectionRotation) rotation = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  const char *old_id = lk_sandbox_get_admin_client_id (f->sandbox);
  LkWindow *next_start;
  AdwMessageDialog *offer;
  AdwMessageDialog *done;

  add_two_tenants (f);

  /* The successor is made and kept, then its test fails: the rotation stops there. */
  lk_sandbox_fail_after_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 1000, 1, "POST /oauth/token");
  rotation = lk_connection_rotation_new (f->session, rotations, "Acme");
  lk_connection_rotation_run_async (rotation, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the rotation to fail");
  g_assert_false (lk_connection_rotation_run_finish (rotation, result, &error));
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_NONE, 0, NULL);
  g_assert_cmpstr (current_client_id (f), ==, old_id);

  next_start = g_object_ref_sink (lk_window_new (NULL, f->session));
  gtk_window_present (GTK_WINDOW (next_start));
  offer = lk_test_wait_for_message_dialog ("A Rotation Was Interrupted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (offer), lk_connection_rotation_get_successor_id (rotation)));
  g_assert_cmpstr (adw_message_dialog_get_default_response (offer), ==, "finish");
  adw_message_dialog_response (offer, "finish");

  done = lk_test_wait_for_message_dialog ("Connection Rotated");
  g_assert_cmpstr (current_client_id (f), ==, lk_connection_rotation_get_successor_id (rotation));
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 1);
  adw_message_dialog_response (done, "keep");
  pending = lk_rotations_list_pending (rotations, &error);
  g_assert_cmpuint (pending->len, ==, 0);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "DELETE", NULL), ==, 0);

  lk_test_destroy_window (next_start);
}

/* A notification's click: the tenant switched to, the token opened. */
static void
test_show_token (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LkClient) admin = lk_test_admin_client_new (f->sandbox);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkToken) token = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWidget *name_row;
  char *secret = NULL;

  add_two_tenants (f);
  lk_client_create_token_async (admin, "Nightly export", NULL, 0, NULL, NULL, lk_test_store_result_cb, &result);
  token = lk_client_create_token_finish (admin, lk_test_wait_for (&result), &secret, &error);
  g_assert_no_error (error);
  lk_secret_free (secret);

  /* From another tenant, on another page. */
  lk_tenant_list_set_current (f->tenants, lk_tenant_list_find (f->tenants, "Acme Sandbox"));
  lk_window_set_visible_page (f->window, "policies");

  lk_window_show_token (f->window, "Acme", lk_token_get_id (token));
  dialog = lk_test_wait_for_toplevel (LK_TYPE_TOKEN_DIALOG, "the token's dialog");
  g_assert_cmpstr (lk_tenant_get_name (lk_tenant_list_get_current (f->tenants)), ==, "Acme");
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "tokens");
  name_row = lk_test_template_child (dialog, LK_TYPE_TOKEN_DIALOG, "name_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Nightly export");
  gtk_window_destroy (dialog);

  /* A tenant removed since the notification: said, nothing else. */
  lk_window_show_token (f->window, "Gone", "id");
  lk_test_wait_for_label (GTK_WIDGET (f->window), "There is no tenant called “Gone” any more");
}

static void
test_show_expiring (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page;

  add_two_tenants (f);
  lk_window_show_expiring (f->window, "Acme");
  page = page_named (f, "tokens");
  g_assert_cmpstr (lk_window_get_visible_page (f->window), ==, "tokens");
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (
                     lk_test_template_child (page, LK_TYPE_TOKENS_PAGE, "cleanup_dropdown")))), ==,
                   "Expired or Expiring");
}

/* Killed mid-edit: the next start offers the edit back, in the editor.
 * The sandbox is a process of its own here, so that it outlives the
 * process killed.
 */
/* A window on the sandbox of LK_TEST_SANDBOX_* in the environment. */
static LkWindow *
open_window_on (LkSession  *session,
                const char *url,
                const char *client_id,
                const char *secret)
{
  LkWindow *window;

  lk_test_save_tenant (session, "Acme", url, client_id, secret);
  window = g_object_ref_sink (lk_window_new (NULL, session));
  gtk_window_present (GTK_WINDOW (window));
  lk_test_wait_until (lk_test_widget_is_mapped, window, 5000, "the window to map");
  return window;
}

static gboolean
draft_kept (gpointer data)
{
  g_autoptr(LkDrafts) drafts = lk_drafts_new (NULL);
  g_autoptr(GPtrArray) kept = lk_drafts_list (drafts, data);

  return kept->len > 0;
}

static GtkWidget *
name_entry (GtkWidget *page)
{
  return lk_test_find_of_type (lk_test_named (lk_list_page_get_editor (LK_LIST_PAGE (page)), "name"), GTK_TYPE_ENTRY);
}

static void
test_draft_survives_kill (void)
{
  const char *url = g_getenv ("LK_TEST_SANDBOX_URL");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LkSession) session = NULL;
  GtkWidget *page;
  LkWindow *window;

  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
  session = lk_session_new (settings, NULL);

  if (g_test_subprocess ())
    {
      window = open_window_on (session, url, g_getenv ("LK_TEST_SANDBOX_CLIENT_ID"),
                               g_getenv ("LK_TEST_SANDBOX_CLIENT_SECRET"));
      lk_window_set_visible_page (window, "policies");
      page = gtk_stack_get_child_by_name (GTK_STACK (lk_test_template_child (window, LK_TYPE_WINDOW, "page_stack")),
                                          "policies");
      lk_test_wait_for_stack_child (lk_test_template_child (page, LK_TYPE_LIST_PAGE, "state_stack"), "list");
      for (guint i = 0; ; i++)
        {
          g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (G_LIST_MODEL (lk_list_page_get_model (
                                                                        LK_LIST_PAGE (page))), i);

          g_assert_nonnull (policy);
          if (g_str_equal (lk_password_policy_get_name (policy), "Engineering"))
            {
              gtk_selection_model_select_item (lk_list_page_get_model (LK_LIST_PAGE (page)), i, TRUE);
              break;
            }
        }
      gtk_widget_activate_action (page, "policies.edit", NULL);
      gtk_editable_set_text (GTK_EDITABLE (name_entry (page)), "Engineering, kept through a crash");

      /* Typing has paused: the edit is on disk. Then the process dies, with no leave. */
      lk_test_wait_until (draft_kept, (gpointer) url, 10000, "the edit to be kept");
      raise (SIGKILL);
    }

  {
    g_autofree char *sandbox_path = g_test_build_filename (G_TEST_BUILT, "..", "src", "sandbox", "latchkey-sandbox",
                                                           NULL);
    const char *sandbox_argv[] = { sandbox_path, "--port", "0", "--now", "2026-06-15T09:30:00Z", "--rate-limit", "0",
                                   NULL };
    LkBenchSandbox sandbox = { 0 };
    g_autoptr(GSubprocess) process = lk_bench_start_sandbox (sandbox_argv, &sandbox);
    AdwMessageDialog *offer;

    g_setenv ("LK_TEST_SANDBOX_URL", sandbox.url, TRUE);
    g_setenv ("LK_TEST_SANDBOX_CLIENT_ID", sandbox.client_id, TRUE);
    g_setenv ("LK_TEST_SANDBOX_CLIENT_SECRET", sandbox.secret, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_failed ();
    g_unsetenv ("LK_TEST_SANDBOX_CLIENT_SECRET");

    /* The next start: the edit offered, and back in the editor, unsaved. */
    window = open_window_on (session, sandbox.url, sandbox.client_id, sandbox.secret);
    offer = lk_test_wait_for_message_dialog ("Unsaved Changes Were Kept");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (offer), "“Engineering, kept through a crash”"));
    adw_message_dialog_response (offer, "restore");
    page = gtk_stack_get_child_by_name (GTK_STACK (lk_test_template_child (window, LK_TYPE_WINDOW, "page_stack")),
                                        "policies");
    lk_test_wait_for_stack_child (lk_test_template_child (page, LK_TYPE_LIST_PAGE, "state_stack"), "editor");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_entry (page))), ==, "Engineering, kept through a crash");
    g_assert_true (lk_list_page_get_has_unsaved_changes (LK_LIST_PAGE (page)));

    /* Discarded now: nothing is kept any more. */
    {
      g_autoptr(GAsyncResult) result = NULL;

      lk_form_editor_leave_async (LK_FORM_EDITOR (lk_list_page_get_editor (LK_LIST_PAGE (page))),
                                  lk_test_store_result_cb, &result);
      offer = lk_test_wait_for_message_dialog ("Save Changes?");
      adw_message_dialog_response (offer, "discard");
      lk_test_wait_until (lk_test_result_is_set, &result, 10000, "the editor to be left");
      g_assert_false (draft_kept ((gpointer) sandbox.url));
    }

    lk_test_destroy_window (window);
    {
      g_autoptr(GAsyncResult) result = NULL;

      lk_session_remove_tenant_async (session, "Acme", NULL, lk_test_store_result_cb, &result);
      g_assert_true (lk_session_remove_tenant_finish (session, lk_test_wait_for (&result), NULL));
    }
    g_subprocess_send_signal (process, SIGTERM);
    g_subprocess_wait (process, NULL, NULL);
    g_free (sandbox.url);
    g_free (sandbox.client_id);
    lk_secret_free (sandbox.secret);
  }
}

int
main (int   argc,
      char *argv[])
{
  lk_test_gtk_init (&argc, &argv);

  LK_TEST_ADD ("/lk/window/empty-state", test_empty_state);
  LK_TEST_ADD ("/lk/window/pages", test_pages);
  LK_TEST_ADD ("/lk/window/navigation", test_navigation);
  LK_TEST_ADD ("/lk/window/narrowest", test_narrowest);
  LK_TEST_ADD ("/lk/window/tenant-switcher", test_tenant_switcher);
  LK_TEST_ADD ("/lk/window/broken-tenant-opens-on-its-error", test_broken_tenant_opens_on_its_error);
  LK_TEST_ADD ("/lk/window/rate-limit-said", test_rate_limit_said);
  LK_TEST_ADD ("/lk/window/size-remembered", test_window_size_remembered);
  LK_TEST_ADD ("/lk/window/add-tenant-from-dialog", test_add_tenant_from_dialog);
  LK_TEST_ADD ("/lk/window/edit-tenant-from-dialog", test_edit_tenant_from_dialog);
  LK_TEST_ADD ("/lk/window/close-with-unsaved-policy", test_close_with_unsaved_policy);
  LK_TEST_ADD ("/lk/window/switch-tenant-with-unsaved-policy", test_switch_tenant_with_unsaved_policy);
  LK_TEST_ADD ("/lk/window/close-with-two-unsaved-editors", test_close_with_two_unsaved_editors);
  LK_TEST_ADD ("/lk/window/rotate-connection", test_rotate_connection);
  LK_TEST_ADD ("/lk/window/interrupted-rotation-offered", test_interrupted_rotation_offered);
  LK_TEST_ADD ("/lk/window/show-token", test_show_token);
  LK_TEST_ADD ("/lk/window/show-expiring", test_show_expiring);
  g_test_add_func ("/lk/window/draft-survives-kill", test_draft_survives_kill);


  return g_test_run ();
}
