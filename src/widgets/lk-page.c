/* lk-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-page.h"

/* The window holds its pages in a stack and talks to each through this:
 * a new page is one more child, with nothing about it in the window.
 */

G_DEFINE_INTERFACE (LkPage, lk_page, GTK_TYPE_WIDGET)

static LkFormEditor *
lk_page_real_get_unsaved_editor (LkPage *self)
{
  return NULL;
}

static void
lk_page_default_init (LkPageInterface *iface)
{
  iface->get_unsaved_editor = lk_page_real_get_unsaved_editor;
}

/**
 * lk_page_set_client:
 * @self: a #LkPage
 * @client: (nullable): the current tenant's client
 */
void
lk_page_set_client (LkPage   *self,
                    LkClient *client)
{
  g_return_if_fail (LK_IS_PAGE (self));

  LK_PAGE_GET_IFACE (self)->set_client (self, client);
}

/**
 * lk_page_get_unsaved_editor:
 * @self: a #LkPage
 *
 * Returns: (transfer none) (nullable): the editor whose changes would be lost
 *   if the page closed now
 */
LkFormEditor *
lk_page_get_unsaved_editor (LkPage *self)
{
  g_return_val_if_fail (LK_IS_PAGE (self), NULL);

  return LK_PAGE_GET_IFACE (self)->get_unsaved_editor (self);
}
