/* lk-directory.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client.h"
#include "lk-identity.h"
#include "lk-source.h"

G_BEGIN_DECLS

#define LK_TYPE_DIRECTORY (lk_directory_get_type ())

G_DECLARE_FINAL_TYPE (LkDirectory, lk_directory, LK, DIRECTORY, GObject)

LkDirectory *lk_directory_get_for_client             (LkClient             *client);
void         lk_directory_load_sources_async         (LkDirectory          *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GListModel  *lk_directory_load_sources_finish        (LkDirectory          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
gboolean     lk_directory_get_sources_loaded         (LkDirectory          *self);
LkSource    *lk_directory_lookup_source              (LkDirectory          *self,
                                                      const char           *id);
GPtrArray   *lk_directory_find_sources               (LkDirectory          *self,
                                                      const char           *typed,
                                                      guint                 max);
void         lk_directory_resolve_identities_async   (LkDirectory          *self,
                                                      const char * const   *ids,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean     lk_directory_resolve_identities_finish  (LkDirectory          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
LkIdentity  *lk_directory_lookup_identity            (LkDirectory          *self,
                                                      const char           *id,
                                                      gboolean             *known);

G_END_DECLS
