/* lk-client-resources.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client.h"

G_BEGIN_DECLS

/* What one collection of the API needs to be listed, fetched, created,
 * replaced and deleted: /password-policies, /password-sync-groups.
 */
typedef gpointer     (*LkResourceNewFromJson) (JsonObject  *object,
                                              GError     **error);
typedef JsonObject * (*LkResourceToJson)      (gpointer     item);
typedef const char * (*LkResourceGetId)       (gpointer     item);
typedef const char * (*LkResourceGetName)     (gpointer     item);
typedef gboolean     (*LkResourceCheck)       (gpointer     item,
                                              GError     **error);

typedef struct
{
  const char  *collection;                      /* "/password-policies" */
  GType      (*item_type)     (void);
  LkResourceNewFromJson new_from_json;
  LkResourceToJson      to_json;
  LkResourceGetId       get_id;
  LkResourceGetName     get_name;               /* what people call it */
  LkResourceCheck       check;                  /* what may be sent */
  const char  *version_field;                   /* the tenant's stamp of a change: "lastUpdated" */
  const char  *missing;                         /* N_(): the answer holds no object */
  const char  *unreadable;                      /* N_(): the object is not one */
  const char  *without_id;                      /* N_(): the object has no id */
  const char  *not_one;                         /* N_(): a file's object is not one */
  const char  *tenant_fields[4];                /* the tenant's to give: not sent on create */
} LkResourceKind;

void        lk_client_list_resources_async  (LkClient             *self,
                                             const LkResourceKind *kind,
                                             gboolean              concurrent,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel *lk_client_list_resources_finish (LkClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void        lk_client_get_resource_async    (LkClient             *self,
                                             const LkResourceKind *kind,
                                             const char           *id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void        lk_client_create_resource_async (LkClient             *self,
                                             const LkResourceKind *kind,
                                             gpointer              item,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void        lk_client_update_resource_async (LkClient             *self,
                                             const LkResourceKind *kind,
                                             gpointer              item,
                                             gboolean              force,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gpointer    lk_client_resource_finish       (LkClient             *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void        lk_client_delete_resource_async (LkClient             *self,
                                             const LkResourceKind *kind,
                                             const char           *id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);

G_END_DECLS
