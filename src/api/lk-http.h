/* lk-http.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Where a successful answer's body goes as it arrives, in place of the
 * bytes returned; an error it sets ends the exchange with that error.
 */
typedef gboolean (*LkHttpSink) (const char  *data,
                                gsize        length,
                                gpointer     user_data,
                                GError     **error);

void    lk_http_exchange_async  (SoupSession          *session,
                                 SoupMessage          *msg,
                                 guint                 timeout_ms,
                                 LkHttpSink            sink,
                                 gpointer              sink_data,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
GBytes *lk_http_exchange_finish (SoupSession          *session,
                                 GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
