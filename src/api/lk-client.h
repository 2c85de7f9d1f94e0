/* lk-client.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>


#include "lk-history.h"

G_BEGIN_DECLS

#define LK_TYPE_CLIENT (lk_client_get_type ())

G_DECLARE_FINAL_TYPE (LkClient, lk_client, LK, CLIENT, GObject)

LkClient    *lk_client_new                   (const char           *base_url,
                                              const char           *client_id,
                                              const char           *client_secret);
const char  *lk_client_get_base_url          (LkClient             *self);
const char  *lk_client_get_client_id         (LkClient             *self);
GDateTime   *lk_client_get_now               (LkClient             *self);
void         lk_client_set_credentials       (LkClient             *self,
                                              const char           *client_id,
                                              const char           *client_secret);
const char  *lk_client_get_api_version       (LkClient             *self);
void         lk_client_set_api_version       (LkClient             *self,
                                              const char           *api_version);
void         lk_client_set_tls_database      (LkClient             *self,
                                              GTlsDatabase         *database);
void         lk_client_set_request_timeout   (LkClient             *self,
                                              guint                 milliseconds);
void         lk_client_set_retry_delay       (LkClient             *self,
                                              guint                 milliseconds);
void         lk_client_set_rate_limit        (LkClient             *self,
                                              guint                 requests,
                                              guint                 window_ms);

void         lk_client_authenticate_async    (LkClient             *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     lk_client_authenticate_finish   (LkClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         lk_client_request_async         (LkClient             *self,
                                              const char           *method,
                                              const char           *path,
                                              GHashTable           *query,
                                              JsonNode             *body,
                                              const char           *content_type,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     lk_client_request_finish        (LkClient             *self,
                                              GAsyncResult         *result,
                                              JsonNode            **body,
                                              GError              **error);

void         lk_client_list_all_async        (LkClient             *self,
                                              const char           *path,
                                              gboolean              concurrent,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void         lk_client_search_all_async      (LkClient             *self,
                                              const char           *path,
                                              const char           *query,
                                              guint                 limit,
                                              gboolean              concurrent,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
JsonArray   *lk_client_list_all_finish       (LkClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         lk_client_set_history           (LkClient             *self,
                                              LkHistory            *history,
                                              const char           *saved_by);
LkHistory   *lk_client_get_history           (LkClient             *self);
const char  *lk_client_get_saved_by          (LkClient             *self);

G_END_DECLS
