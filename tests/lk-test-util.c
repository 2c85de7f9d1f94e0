/* lk-test-util.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lk-test-util.h"

gboolean
lk_test_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

gboolean
lk_test_widget_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (widget));
}

guint
lk_test_count_children (GtkWidget *parent)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (parent); child; child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

void
lk_test_drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct {
  GtkStack   *stack;
  const char *name;
} LkTestStackWait;

static gboolean
lk_test_stack_shows (gpointer data)
{
  LkTestStackWait *wait = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (wait->stack), wait->name) == 0;
}

/* Waits for @stack to show its child @name, such as a page's "list" state. */
void
lk_test_wait_for_stack_child (GtkWidget  *stack,
                              const char *name)
{
  LkTestStackWait wait = { GTK_STACK (stack), name };
  g_autofree char *what = g_strdup_printf ("the page to show “%s”", name);

  lk_test_wait_until (lk_test_stack_shows, &wait, 10000, what);
}

typedef gboolean (*LkTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  wanted);

/* Depth first, @widget itself included. */
static GtkWidget *
find_widget (GtkWidget         *widget,
             LkTestWidgetMatch  match,
             gconstpointer      wanted)
{
  if (match (widget, wanted))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, wanted);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
has_type (GtkWidget     *widget,
          gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type);
}

/* The first descendant of @widget (itself included) with that name. */
GtkWidget *
lk_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  return find_widget (widget, has_name, name);
}

/* The first descendant of @widget (itself included) of that type. */
GtkWidget *
lk_test_find_of_type (GtkWidget *widget,
                      GType      type)
{
  return find_widget (widget, has_type, &type);
}

/* A descendant the test needs: not there is a failure, not a NULL. */
GtkWidget *
lk_test_named (gpointer    widget,
               const char *name)
{
  GtkWidget *found = lk_test_find_named (GTK_WIDGET (widget), name);

  if (found == NULL)
    g_error ("No widget named “%s” in %s", name, G_OBJECT_TYPE_NAME (widget));
  return found;
}

/* A template child the test needs, by its id in the template of @type. */
GtkWidget *
lk_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("No child “%s” in the template of %s", name, g_type_name (type));
  return GTK_WIDGET (child);
}

typedef struct {
  GType      type;
  GtkWindow *found;
} LkTestToplevel;

static gboolean
lk_test_toplevel_is_open (gpointer data)
{
  LkTestToplevel *wanted = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, wanted->type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          wanted->found = GTK_WINDOW (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* Waits for a window of @type to be shown, such as a confirmation. */
GtkWindow *
lk_test_wait_for_toplevel (GType       type,
                           const char *what)
{
  LkTestToplevel wanted = { type, NULL };

  lk_test_wait_until (lk_test_toplevel_is_open, &wanted, 5000, what);
  return wanted.found;
}

static gboolean
message_dialog_is_open (gpointer data)
{
  gpointer *wanted = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), wanted[0]) == 0)
        {
          wanted[1] = window;
          return TRUE;
        }
    }

  return FALSE;
}

AdwMessageDialog *
lk_test_wait_for_message_dialog (const char *heading)
{
  gpointer wanted[2] = { (gpointer) heading, NULL };

  lk_test_wait_until (message_dialog_is_open, wanted, 10000, heading);
  return wanted[1];
}

GtkWindow *
lk_test_window_show (GtkWidget *page,
                     int        width,
                     int        height)
{
  GtkWindow *window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  lk_test_wait_until (lk_test_widget_is_mapped, window, 5000, "the window to map");

  return window;
}

/* GTK drops its last references to a window (popover surfaces, pending
 * idles) over a few iterations: wait for that, then insist it is gone.
 */
void
lk_test_destroy_window (gpointer window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  lk_test_wait_until (lk_test_pointer_is_null, &weak, 5000, "the window to be finalized");
}

void
lk_test_page_open (LkSandbox  **sandbox,
                   LkClient   **client,
                   GtkWindow  **window,
                   gpointer     page_location,
                   GtkWidget   *page,
                   int          width,
                   int          height,
                   const char  *first_property_name,
                   ...)
{
  va_list args;

  va_start (args, first_property_name);
  *sandbox = lk_test_sandbox_start_valist (NULL, first_property_name, args);
  va_end (args);
  *client = lk_test_admin_client_new (*sandbox);

  *(gpointer *) page_location = page;
  *window = lk_test_window_show (page, width, height);
}

void
lk_test_page_close (GtkWindow **window,
                    gpointer    page_location,
                    LkSandbox **sandbox,
                    LkClient  **client)
{
  *(gpointer *) page_location = NULL;
  lk_test_destroy_window (g_steal_pointer (window));
  lk_test_tenant_close (sandbox, client);
}

void
lk_test_gtk_init (int    *argc,
                  char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

gboolean
lk_test_label_shown (GtkWidget  *widget,
                     const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (lk_test_label_shown (child, text))
      return TRUE;

  return FALSE;
}

typedef struct {
  GtkWidget  *widget;
  const char *text;
} LkTestLabelWait;

static gboolean
label_is_shown (gpointer data)
{
  LkTestLabelWait *wait = data;

  return lk_test_label_shown (wait->widget, wait->text);
}

void
lk_test_wait_for_label (GtkWidget  *widget,
                        const char *text)
{
  LkTestLabelWait wait = { widget, text };
  g_autofree char *what = g_strdup_printf ("“%s” to be shown", text);

  lk_test_wait_until (label_is_shown, &wait, 5000, what);
}

char *
lk_test_clipboard_text (GtkWidget *widget)
{
  g_autoptr(GAsyncResult) result = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, lk_test_store_result_cb, &result);
  return gdk_clipboard_read_text_finish (clipboard, lk_test_wait_for (&result), NULL);
}

typedef struct {
  guint ticks;
  guint wanted;
} LkTestFrames;

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       data)
{
  LkTestFrames *frames = data;

  frames->ticks++;
  return frames->ticks < frames->wanted ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_ticked (gpointer data)
{
  LkTestFrames *frames = data;

  return frames->ticks >= frames->wanted;
}

void
lk_test_wait_frames (GtkWidget *widget,
                     guint      n)
{
  LkTestFrames frames = { 0, n };

  gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  lk_test_wait_until (frames_ticked, &frames, 5000, "frames to be drawn");
}
