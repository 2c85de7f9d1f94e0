/* lk-resource-kind.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

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
  gboolean     concurrent_paging;               /* large collections: pages asked for together */
  const char  *version_field;                   /* the tenant's stamp of a change: "lastUpdated" */
  const char  *missing;                         /* N_(): the answer holds no object */
  const char  *unreadable;                      /* N_(): the object is not one */
  const char  *without_id;                      /* N_(): the object has no id */
  const char  *not_one;                         /* N_(): a file's object is not one */
  const char  *tenant_fields[4];                /* the tenant's to give: not sent on create */
  gboolean     keeps_history;                   /* saves and deletes keep the version replaced (LkHistory) */
} LkResourceKind;

gpointer    lk_resource_copy           (const LkResourceKind *kind,
                                        gpointer              item);
gpointer    lk_resource_new_from_model (const LkResourceKind *kind,
                                        gpointer              model);
JsonObject *lk_resource_to_new_json    (const LkResourceKind *kind,
                                        gpointer              item);
gboolean    lk_resource_equal          (const LkResourceKind *kind,
                                        gpointer              a,
                                        gpointer              b);
GPtrArray  *lk_resource_differences    (const LkResourceKind *kind,
                                        JsonObject           *a,
                                        JsonObject           *b);

G_END_DECLS
