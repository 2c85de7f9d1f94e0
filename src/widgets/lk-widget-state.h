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

G_END_DECLS
