/* lk-test-util.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-test-tenant.h"

G_BEGIN_DECLS

/* gtk_test_init() and libadwaita's, for a test of widgets. */
void       lk_test_gtk_init             (int         *argc,
                                         char      ***argv);

gboolean   lk_test_widget_is_mapped     (gpointer     widget);
gboolean   lk_test_widget_is_unmapped   (gpointer     widget);
guint      lk_test_count_children       (GtkWidget   *parent);
void       lk_test_drain_main_context   (void);

/* Waits for @stack to show its child @name, such as a page's "list" state. */
void       lk_test_wait_for_stack_child (GtkWidget   *stack,
                                         const char  *name);
/* The first descendant of @widget (itself included) with that name. */
GtkWidget *lk_test_find_named           (GtkWidget   *widget,
                                         const char  *name);
/* The first descendant of @widget (itself included) of that type. */
GtkWidget *lk_test_find_of_type         (GtkWidget   *widget,
                                         GType        type);
/* The same, failing the test where there is none. */
GtkWidget *lk_test_named                (gpointer     widget,
                                         const char  *name);
/* A child of @widget's template of @type (a parent class's, say), or the test fails. */
GtkWidget *lk_test_template_child       (gpointer     widget,
                                         GType        type,
                                         const char  *name);
/* Whether a mapped label in @widget (itself included) reads @text. */
gboolean   lk_test_label_shown          (GtkWidget   *widget,
                                         const char  *text);
/* Waits for a mapped label in @widget to read @text. */
void       lk_test_wait_for_label       (GtkWidget   *widget,
                                         const char  *text);
/* Waits for a window of @type to be shown, such as a confirmation. */
GtkWindow *lk_test_wait_for_toplevel    (GType        type,
                                         const char  *what);
/* Waits for a message dialog with that heading to be shown. */
AdwMessageDialog *lk_test_wait_for_message_dialog (const char *heading);

/* A window of @width × @height showing @page, presented and mapped: how
 * every page is tested, as it is shown in the app.
 */
GtkWindow *lk_test_window_show          (GtkWidget   *page,
                                         int          width,
                                         int          height);
/* The page tests' set-up: a sandbox tenant started with the properties
 * given (NULL-terminated, as lk_test_sandbox_start()), its administrator's
 * client, and @page shown in a window: lk_test_page_close() undoes it.
 */
void       lk_test_page_open            (LkSandbox  **sandbox,
                                         LkClient   **client,
                                         GtkWindow  **window,
                                         gpointer     page_location,
                                         GtkWidget   *page,
                                         int          width,
                                         int          height,
                                         const char  *first_property_name,
                                         ...) G_GNUC_NULL_TERMINATED;
/* Closes what lk_test_page_open() or lk_test_window_show() opened, and the
 * tenant the page showed: the page (a pointer into the window) is cleared
 * first.
 */
void       lk_test_page_close           (GtkWindow  **window,
                                         gpointer     page_location,
                                         LkSandbox  **sandbox,
                                         LkClient   **client);
/* GTK drops its last references to a window (popover surfaces, pending
 * idles) over a few iterations: wait for that, then insist it is gone.
 */
void       lk_test_destroy_window       (gpointer     window);
/* Until @widget's frame clock has ticked @n times: what waits for a frame. */
void       lk_test_wait_frames          (GtkWidget   *widget,
                                         guint        n);
/* What @widget's display clipboard holds, read back through GDK. */
char      *lk_test_clipboard_text       (GtkWidget   *widget);

G_END_DECLS
