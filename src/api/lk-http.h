/* lk-http.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void    lk_http_exchange_async  (SoupSession          *session,
                                 SoupMessage          *msg,
                                 guint                 timeout_ms,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
GBytes *lk_http_exchange_finish (SoupSession          *session,
                                 GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
