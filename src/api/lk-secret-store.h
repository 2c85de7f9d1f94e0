/* lk-secret-store.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_SECRET_STORE (lk_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (LkSecretStore, lk_secret_store, LK, SECRET_STORE, GObject)

LkSecretStore *lk_secret_store_new             (void);
gboolean       lk_secret_store_get_persistent  (LkSecretStore        *self);
void           lk_secret_store_set_timeout     (LkSecretStore        *self,
                                                guint                 milliseconds);
void           lk_secret_store_store_async     (LkSecretStore        *self,
                                                const char           *base_url,
                                                const char           *client_id,
                                                const char           *secret,
                                                const char           *label,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       lk_secret_store_store_finish    (LkSecretStore        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void           lk_secret_store_lookup_async    (LkSecretStore        *self,
                                                const char           *base_url,
                                                const char           *client_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
char          *lk_secret_store_lookup_finish   (LkSecretStore        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void           lk_secret_store_clear_async     (LkSecretStore        *self,
                                                const char           *base_url,
                                                const char           *client_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       lk_secret_store_clear_finish    (LkSecretStore        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void           lk_secret_free                  (char                 *secret);

G_END_DECLS
