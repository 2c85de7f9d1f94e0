/* lk-pages.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One page of the window's sidebar. */
typedef struct {
  const char  *name;        /* its id, the parameter of win.show-page */
  const char  *title;       /* N_() */
  const char  *icon_name;
  GType      (*get_type) (void);  /* an LkPage */
} LkPageInfo;

const LkPageInfo *lk_pages_get_all (guint *n_pages);

G_END_DECLS
