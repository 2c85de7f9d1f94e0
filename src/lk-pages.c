/* lk-pages.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-pages.h"
#include "lk-passwords-page.h"
#include "lk-policies-page.h"
#include "lk-sync-groups-page.h"
#include "lk-tokens-page.h"

/* The window's pages, in the sidebar's order, which Alt+1… follows: a new
 * page is one row here, as a new panel is in GNOME Settings' panel loader.
 * The window talks to each through LkPage alone.
 */
static const LkPageInfo pages[] = {
  { "tokens", N_("Access Tokens"), "lk-tokens-symbolic", lk_tokens_page_get_type },
  { "policies", N_("Password Policies"), "lk-policies-symbolic", lk_policies_page_get_type },
  { "sync-groups", N_("Password Sync Groups"), "lk-sync-groups-symbolic", lk_sync_groups_page_get_type },
  { "passwords", N_("Passwords"), "lk-passwords-symbolic", lk_passwords_page_get_type },
};

/**
 * lk_pages_get_all:
 * @n_pages: (out): how many there are
 *
 * Returns: (array length=n_pages): the window's pages, in order
 */
const LkPageInfo *
lk_pages_get_all (guint *n_pages)
{
  *n_pages = G_N_ELEMENTS (pages);
  return pages;
}
