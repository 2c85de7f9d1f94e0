/* lk-widget-state.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the eye sees and what a screen reader hears, set together. */
void lk_widget_set_invalid (GtkWidget *widget,
                            gboolean   invalid);
void lk_widget_set_busy    (GtkWidget *widget,
                            gboolean   busy);
/* Buttons named over AT-SPI as GTK 4.8 and libadwaita 1.2 do not, everywhere. */
void lk_accessible_fix_button_names (void);
/* A copy button's work, and the toast that says it was done. */
void lk_widget_copy_text   (GtkWidget  *widget,
                            const char *text,
                            const char *said);
/* GtkListBox has no remove_all before GTK 4.12. */
void lk_list_box_remove_all      (GtkListBox *list);
/* Down in a search field goes to the first of its results, when they show. */
void lk_list_box_follow_down_key (GtkListBox *list,
                                  GtkWidget  *entry);

G_END_DECLS
