/* lk-expiry-watch.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_EXPIRY_WATCH (lk_expiry_watch_get_type ())

G_DECLARE_FINAL_TYPE (LkExpiryWatch, lk_expiry_watch, LK, EXPIRY_WATCH, GObject)

/* How often the tenants are asked again while Latchkey runs. */
#define LK_EXPIRY_WATCH_INTERVAL_S (60 * 60)

/* Past this many tokens of one tenant, one notification says how many. */
#define LK_EXPIRY_WATCH_MAX_SINGLE 3

LkExpiryWatch *lk_expiry_watch_new          (GApplication   *application,
                                             LkSession      *session,
                                             GSettings      *settings);
void           lk_expiry_watch_start        (LkExpiryWatch  *self);
void           lk_expiry_watch_check_async  (LkExpiryWatch  *self,
                                             GCancellable   *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer        user_data);
guint          lk_expiry_watch_check_finish (LkExpiryWatch  *self,
                                             GAsyncResult   *result,
                                             GError        **error);

G_END_DECLS
