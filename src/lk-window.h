/* lk-window.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_WINDOW (lk_window_get_type ())

G_DECLARE_FINAL_TYPE (LkWindow, lk_window, LK, WINDOW, AdwApplicationWindow)

LkWindow     *lk_window_new              (GtkApplication *application,
                                          LkSession      *session);
LkSession    *lk_window_get_session      (LkWindow       *self);
void          lk_window_offer_tenant     (LkWindow       *self,
                                          LkTenant       *tenant,
                                          const char     *secret);
const char   *lk_window_get_visible_page (LkWindow       *self);
void          lk_window_set_visible_page (LkWindow       *self,
                                          const char     *page);
void          lk_window_add_toast        (LkWindow       *self,
                                          AdwToast       *toast);
void          lk_window_show_token       (LkWindow       *self,
                                          const char     *tenant_name,
                                          const char     *token_id);
void          lk_window_show_expiring    (LkWindow       *self,
                                          const char     *tenant_name);

G_END_DECLS
