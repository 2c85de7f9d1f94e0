/* lk-page.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-client.h"
#include "lk-form-editor.h"

G_BEGIN_DECLS

#define LK_TYPE_PAGE (lk_page_get_type ())

G_DECLARE_INTERFACE (LkPage, lk_page, LK, PAGE, GtkWidget)

/* What the window asks of every page, whatever the page shows. */
struct _LkPageInterface
{
  GTypeInterface parent_iface;

  /* The current tenant's client, or NULL when there is none. */
  void           (*set_client)         (LkPage   *self,
                                        LkClient *client);
  /* The editor holding changes not saved yet, if any. */
  LkFormEditor * (*get_unsaved_editor) (LkPage   *self);
};

void          lk_page_set_client         (LkPage   *self,
                                          LkClient *client);
LkFormEditor *lk_page_get_unsaved_editor (LkPage   *self);

G_END_DECLS
