/* lk-application.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-application.h"
#include "lk-expiry-watch.h"
#include "lk-widget-state.h"
#include "lk-window.h"

struct _LkApplication
{
  AdwApplication  parent_instance;

  LkSession      *session;
  LkExpiryWatch  *expiry_watch;
};

G_DEFINE_FINAL_TYPE (LkApplication, lk_application, ADW_TYPE_APPLICATION)

static void
lk_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Latchkey developers", NULL };
  LkApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  adw_about_window_set_application_name (about, _("Latchkey"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_developer_name (about, _("The Latchkey developers"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_website (about, "https://github.com/latchkey/latchkey");
  adw_about_window_set_issue_url (about, "https://github.com/latchkey/latchkey/issues");
  adw_about_window_set_developers (about, developers);
  /* Translators: replace with your names, one name per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_copyright (about, "© 2026 The Latchkey developers");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about,
                                 _("Latchkey is not made or endorsed by SailPoint. "
                                   "SailPoint and Identity Security Cloud are trademarks of SailPoint Technologies."));

  gtk_window_present (GTK_WINDOW (about));
}

static void
lk_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  LkApplication *self = user_data;

  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close rather than quit outright: each window saves its state and may ask first. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

/* The main window, made if there is none (a notification clicked after the app quit). */
static LkWindow *
get_main_window (LkApplication *self)
{
  g_application_activate (G_APPLICATION (self));
  return LK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

/* An expiry notification's click: ("tenant name", "token id"). */
static void
lk_application_show_token_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  const char *tenant_name, *token_id;

  g_variant_get (parameter, "(&s&s)", &tenant_name, &token_id);
  lk_window_show_token (get_main_window (user_data), tenant_name, token_id);
}

static void
lk_application_show_expiring_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  lk_window_show_expiring (get_main_window (user_data), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "about", lk_application_about_action },
  { "quit", lk_application_quit_action },
  { "show-token", lk_application_show_token_action, "(ss)" },
  { "show-expiring", lk_application_show_expiring_action, "s" },
};

/* After the first frame: the tenants are asked about expiring tokens. */
static void
on_window_painted_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  LkApplication *self = user_data;

  g_signal_handlers_disconnect_by_func (clock, on_window_painted_cb, user_data);
  lk_expiry_watch_start (self->expiry_watch);
}

static void
on_main_window_mapped_cb (GtkWidget *window,
                          gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (window, on_main_window_mapped_cb, user_data);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_window_painted_cb),
                           user_data, 0);
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, user_data);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_window_mapped_cb (GtkWidget *window,
                     gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_frame_cb), user_data);
}

static void
lk_application_activate (GApplication *app)
{
  LkApplication *self = LK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(LkTenant) offered = NULL;
      char *secret = NULL;

      window = GTK_WINDOW (lk_window_new (GTK_APPLICATION (app), self->session));
      g_signal_connect (window, "map", G_CALLBACK (on_main_window_mapped_cb), self);
      /* For bench-startup: the time the window's first frame is painted, then quit. */
      if (g_getenv ("LATCHKEY_REPORT_FIRST_FRAME") != NULL)
        g_signal_connect (window, "map", G_CALLBACK (on_window_mapped_cb), app);
      gtk_window_present (window);

      /* As the SailPoint CLI and SDKs do: a tenant from SAIL_* on first start. */
      if (g_list_model_get_n_items (G_LIST_MODEL (lk_session_get_tenants (self->session))) == 0 &&
          (offered = lk_session_get_environment_tenant (self->session, &secret)))
        lk_window_offer_tenant (LK_WINDOW (window), offered, secret);
      lk_secret_free (secret);
      return;
    }

  gtk_window_present (window);
}

static void
lk_application_startup (GApplication *app)
{
  LkApplication *self = LK_APPLICATION (app);

  G_APPLICATION_CLASS (lk_application_parent_class)->startup (app);
  lk_accessible_fix_button_names ();

  self->session = lk_session_new (NULL, NULL);
  {
    g_autoptr(GSettings) settings = NULL;

    g_object_get (self->session, "settings", &settings, NULL);
    self->expiry_watch = lk_expiry_watch_new (app, self->session, settings);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  /* GTK's own for its help overlay, which Latchkey builds only when asked. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
}

static void
lk_application_finalize (GObject *object)
{
  LkApplication *self = (LkApplication *)object;

  g_clear_object (&self->expiry_watch);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lk_application_parent_class)->finalize (object);
}

static void
lk_application_class_init (LkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lk_application_finalize;

  app_class->activate = lk_application_activate;
  app_class->startup = lk_application_startup;
}

static void
lk_application_init (LkApplication *self)
{
}

LkApplication *
lk_application_new (void)
{
  return g_object_new (LK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * lk_application_get_session:
 * @self: a #LkApplication
 *
 * Returns: (transfer none) (nullable): the tenants and their client, once started up
 */
LkSession *
lk_application_get_session (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);

  return self->session;
}
