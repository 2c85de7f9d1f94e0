/* test-application.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lk-application.h"
#include "lk-sandbox.h"
#include "lk-tenant-dialog.h"
#include "lk-test-util.h"
#include "lk-window.h"

typedef struct {
  GType  type;
  GList *found;
} FindToplevel;

static gboolean
toplevel_of_type_is_mapped (gpointer data)
{
  FindToplevel *find = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, find->type) && gtk_widget_get_mapped (window))
        {
          find->found = g_list_prepend (find->found, window);
          return TRUE;
        }
    }

  return FALSE;
}

static GtkWindow *
wait_for_toplevel (GType       type,
                   const char *what)
{
  FindToplevel find = { type, NULL };
  GtkWindow *window;

  lk_test_wait_until (toplevel_of_type_is_mapped, &find, 5000, what);
  window = find.found->data;
  g_list_free (find.found);

  return window;
}

static void
test_application_windows (void)
{
  g_autoptr(LkApplication) app = lk_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWindow *about;
  GtkWindow *shortcuts;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_assert_nonnull (lk_application_get_session (app));

  /* Activating opens the main window, once. */
  g_application_activate (G_APPLICATION (app));
  window = wait_for_toplevel (LK_TYPE_WINDOW, "the main window");
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_true (lk_window_get_session (LK_WINDOW (window)) == lk_application_get_session (app));

  /* The primary menu's entries. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW, "the About window");
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Latchkey");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == window);
  gtk_window_destroy (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, "the shortcuts window");
  gtk_window_destroy (shortcuts);

  /* The accelerators the shortcuts window promises. */
  {
    g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_auto(GStrv) help = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");

    g_assert_cmpstr (quit[0], ==, "<Control>q");
    g_assert_nonnull (help[0]);
  }

  /* A notification's click: the token's tenant and id, or a tenant's expiring tokens. */
  g_assert_true (g_variant_type_equal (g_action_group_get_action_parameter_type (G_ACTION_GROUP (app), "show-token"),
                                       G_VARIANT_TYPE ("(ss)")));
  g_assert_true (g_variant_type_equal (g_action_group_get_action_parameter_type (G_ACTION_GROUP (app),
                                                                                 "show-expiring"),
                                       G_VARIANT_TYPE_STRING));
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-token", g_variant_new ("(ss)", "Gone", "id"));
  lk_test_wait_for_label (GTK_WIDGET (window), "There is no tenant called “Gone” any more");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* Quit closes the window through close-request, which keeps its size. */
  gtk_window_set_default_size (window, 1010, 650);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  lk_test_drain_main_context ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
  }
}

static void
environment_tenant_offered (void)
{
  g_autoptr(LkSandbox) sandbox = lk_test_sandbox_start (NULL, "rate-limit", 0, NULL);
  g_autoptr(LkApplication) app = lk_application_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkSession *session;
  GtkWindow *dialog;
  GObject *url_row;
  GObject *secret_row;

  g_setenv ("SAIL_BASE_URL", lk_sandbox_get_url (sandbox), TRUE);
  g_setenv ("SAIL_CLIENT_ID", lk_sandbox_get_admin_client_id (sandbox), TRUE);
  g_setenv ("SAIL_CLIENT_SECRET", lk_sandbox_get_admin_client_secret (sandbox), TRUE);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  session = lk_application_get_session (app);

  /* First start, no tenant yet: the one the SailPoint CLI would use is offered, filled in. */
  g_application_activate (G_APPLICATION (app));
  dialog = wait_for_toplevel (LK_TYPE_TENANT_DIALOG, "the offered tenant");
  url_row = gtk_widget_get_template_child (GTK_WIDGET (dialog), LK_TYPE_TENANT_DIALOG, "url_row");
  secret_row = gtk_widget_get_template_child (GTK_WIDGET (dialog), LK_TYPE_TENANT_DIALOG, "secret_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, lk_sandbox_get_url (sandbox));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, lk_sandbox_get_admin_client_secret (sandbox));

  /* Nothing is saved until the user connects. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lk_session_get_tenants (session))), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "tenant.save", NULL));
  while (g_list_model_get_n_items (G_LIST_MODEL (lk_session_get_tenants (session))) == 0)
    g_main_context_iteration (NULL, TRUE);

  g_unsetenv ("SAIL_BASE_URL");
  g_unsetenv ("SAIL_CLIENT_ID");
  g_unsetenv ("SAIL_CLIENT_SECRET");

  lk_session_remove_tenant_async (session, "127.0.0.1", NULL, lk_test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lk_session_remove_tenant_finish (session, result, &error));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  lk_test_drain_main_context ();
}

/* One application per process: this one runs in its own. */
static void
test_environment_tenant_offered (void)
{
  if (g_test_subprocess ())
    {
      environment_tenant_offered ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/application/windows", test_application_windows);
  g_test_add_func ("/lk/application/environment-tenant-offered", test_environment_tenant_offered);

  return g_test_run ();
}
