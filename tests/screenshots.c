/* screenshots.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lk-pages.h"
#include "lk-sandbox.h"
#include "lk-test-util.h"
#include "lk-window.h"

/* The screenshots in data/screenshots, made anew: every page of the real
 * window connected to the sandbox tenant, light and dark, wide and at the
 * narrowest width, drawn by GTK itself (no screen grab, so nothing else on
 * the display gets in). data/screenshots/window.png, the one the README and
 * the AppStream metainfo show, is the Tokens page, wide and light.
 *
 *   build-aux/screenshots
 */

typedef struct {
  const char *name;
  int         width;
  int         height;
} Size;

static const Size sizes[] = {
  { "", 1200, 760 },
  { "-narrow", 360, 720 },
};

static gboolean
spinner_spins (GtkWidget *widget)
{
  if (GTK_IS_SPINNER (widget) && gtk_widget_get_mapped (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (spinner_spins (child))
      return TRUE;

  return FALSE;
}

static gboolean
settled (gpointer window)
{
  return !spinner_spins (window);
}

static void
save_window (GtkWindow  *window,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s\n", path);
}

static void
shoot_window (LkSession  *session,
              GSettings  *settings,
              const char *dir,
              const char *style,
              const Size *size)
{
  g_autoptr(LkWindow) window = NULL;
  guint n_pages;
  const LkPageInfo *pages = lk_pages_get_all (&n_pages);

  g_settings_set_int (settings, "window-width", size->width);
  g_settings_set_int (settings, "window-height", size->height);
  window = g_object_ref_sink (lk_window_new (NULL, session));
  gtk_window_present (GTK_WINDOW (window));
  lk_test_wait_until (lk_test_widget_is_mapped, window, 5000, "the window to map");

  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s%s.png", pages[i].name, style, size->name);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      lk_window_set_visible_page (window, pages[i].name);
      lk_test_wait_until (settled, window, 20000, "the page to load");
      lk_test_wait_frames (GTK_WIDGET (window), 3);
      save_window (GTK_WINDOW (window), path);

      if (g_str_equal (pages[i].name, "tokens") && g_str_equal (style, "light") && *size->name == '\0')
        {
          g_autofree char *main_path = g_build_filename (dir, "window.png", NULL);

          save_window (GTK_WINDOW (window), main_path);
        }
    }

  lk_test_destroy_window (g_steal_pointer (&window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LkSandbox) sandbox = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(LkSession) session = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AdwStyleManager *style_manager;
  const char *dir;

  lk_test_gtk_init (&argc, &argv);
  if (argc != 2)
    {
      g_printerr ("usage: screenshots DIRECTORY\n");
      return 2;
    }
  dir = argv[1];
  /* A page caught mid-crossfade would show two. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* What GtkApplication does from its resource base path: the page icons. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");

  sandbox = lk_test_sandbox_start (NULL, "rate-limit", 0, NULL);
  settings = g_settings_new (APP_ID);
  session = lk_session_new (settings, NULL);
  lk_session_save_tenant_async (session, NULL, "Acme", lk_sandbox_get_url (sandbox),
                                lk_sandbox_get_admin_client_id (sandbox), lk_sandbox_get_admin_client_secret (sandbox),
                                NULL, lk_test_store_result_cb, &result);
  if (!lk_session_save_tenant_finish (session, lk_test_wait_for (&result), &error))
    g_error ("Could not connect to the sandbox: %s", error->message);

  style_manager = adw_style_manager_get_default ();
  for (guint dark = 0; dark <= 1; dark++)
    {
      adw_style_manager_set_color_scheme (style_manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          /* Narrow, light only: the layout is what it shows. */
          if (dark && *sizes[i].name != '\0')
            continue;
          shoot_window (session, settings, dir, dark ? "dark" : "light", &sizes[i]);
        }
    }

  g_clear_object (&result);
  lk_session_remove_tenant_async (session, "Acme", NULL, lk_test_store_result_cb, &result);
  lk_session_remove_tenant_finish (session, lk_test_wait_for (&result), NULL);

  return 0;
}
