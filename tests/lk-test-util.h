/* lk-test-util.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*LkTestCondition) (gpointer data);

/* Iterates the main context until @condition holds, or fails the test after
 * @timeout_ms: a UI test waits for what a user would see, never for a fixed time.
 */
static inline void
lk_test_wait_until (LkTestCondition  condition,
                    gpointer         data,
                    guint            timeout_ms,
                    const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline gboolean
lk_test_widget_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static inline gboolean
lk_test_widget_is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static inline guint
lk_test_count_children (GtkWidget *parent)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (parent); child; child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static inline void
lk_test_drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline gboolean
lk_test_pointer_is_null (gpointer location)
{
  return *(gpointer *) location == NULL;
}

/* GTK drops its last references to a window (popover surfaces, pending
 * idles) over a few iterations: wait for that, then insist it is gone.
 */
static inline void
lk_test_destroy_window (gpointer window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  lk_test_wait_until (lk_test_pointer_is_null, &weak, 5000, "the window to be finalized");
}

G_END_DECLS
