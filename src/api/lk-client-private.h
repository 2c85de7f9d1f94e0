/* lk-client-private.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lk-client.h"
#include "lk-http.h"

G_BEGIN_DECLS

/* For the API layer's own files: a request whose answer is wanted as
 * bytes, such as a token list parsed in threads.
 */
void    lk_client_send_async  (LkClient             *self,
                               const char           *method,
                               const char           *path,
                               const char           *query,
                               GBytes               *body,
                               const char           *content_type,
                               GCancellable         *cancellable,
                               gpointer              source_tag,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
void    lk_client_send_streamed_async (LkClient            *self,
                                       const char          *path,
                                       const char          *query,
                                       LkHttpSink           sink,
                                       gpointer             sink_data,
                                       GCancellable        *cancellable,
                                       gpointer             source_tag,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes *lk_client_send_finish (GAsyncResult         *result,
                               SoupMessageHeaders  **response_headers,
                               GError              **error);

G_END_DECLS
