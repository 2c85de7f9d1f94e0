/* lk-wrap-box.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LK_TYPE_WRAP_BOX (lk_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (LkWrapBox, lk_wrap_box, LK, WRAP_BOX, GtkWidget)

LkWrapBox *lk_wrap_box_new    (void);
void       lk_wrap_box_append (LkWrapBox *self,
                               GtkWidget *child);

G_END_DECLS
