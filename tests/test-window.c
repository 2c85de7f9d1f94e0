/* test-window.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lk-test-util.h"
#include "lk-window.h"

typedef struct {
  GSettings    *settings;
  LkTenantList *tenants;
  LkWindow     *window;
} Fixture;

static GtkWidget *
template_child (Fixture    *f,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->window), LK_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "tenants");
  g_settings_reset (f->settings, "current-tenant");
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_settings_reset (f->settings, "window-maximized");
  f->tenants = lk_tenant_list_new (f->settings);
  f->window = g_object_ref_sink (lk_window_new (NULL, f->tenants));
  gtk_window_present (GTK_WINDOW (f->window));
  lk_test_wait_until (lk_test_widget_is_mapped, f->window, 5000, "the window to map");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (g_steal_pointer (&f->window));
  g_assert_finalize_object (f->tenants);
  g_clear_object (&f->settings);
}

static void
add_two_tenants (Fixture *f)
{
  g_autoptr(LkTenant) acme = lk_tenant_new ("Acme", "https://acme.api.identitynow.com", "id-1");
  g_autoptr(LkTenant) sandbox = lk_tenant_new ("Acme Sandbox", "https://acme-sb.api.identitynow.com", "id-2");

  g_assert_true (lk_tenant_list_add (f->tenants, acme, NULL));
  g_assert_true (lk_tenant_list_add (f->tenants, sandbox, NULL));
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

  /* The first tenant replaces the invitation with the pages. */
  add_two_tenants (f);
  lk_test_wait_until (lk_test_widget_is_mapped, template_child (f, "page_stack"), 5000, "the pages");
  lk_test_wait_until (lk_test_widget_is_unmapped, empty_page, 5000, "the empty state to go");

  /* Removing the last one brings it back. */
  g_assert_true (lk_tenant_list_remove (f->tenants, "Acme"));
  g_assert_true (lk_tenant_list_remove (f->tenants, "Acme Sandbox"));
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

  g_assert_cmpuint (lk_test_count_children (page_list), ==, G_N_ELEMENTS (pages));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (page_stack, pages[i].name);

      g_assert_nonnull (child);
      g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (page_stack, child)), ==, pages[i].title);
      g_assert_nonnull (find_row_by_name (page_list, pages[i].name));
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

  /* A click on a sidebar row. */
  g_signal_emit_by_name (page_list, "row-activated", find_row_by_name (page_list, "passwords"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_stack), ==, "passwords");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Passwords");
  g_assert_true (gtk_list_box_row_is_selected (find_row_by_name (page_list, "passwords")));

  lk_test_wait_until (lk_test_widget_is_mapped, gtk_stack_get_child_by_name (page_stack, "passwords"),
                      5000, "the Passwords page");
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
  second = g_object_ref_sink (lk_window_new (NULL, f->tenants));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_destroy (GTK_WINDOW (second));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/lk/window/empty-state", test_empty_state);
  ADD_TEST ("/lk/window/pages", test_pages);
  ADD_TEST ("/lk/window/navigation", test_navigation);
  ADD_TEST ("/lk/window/tenant-switcher", test_tenant_switcher);
  ADD_TEST ("/lk/window/size-remembered", test_window_size_remembered);

#undef ADD_TEST

  return g_test_run ();
}
