/* lk-copy.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lk-client.h"
#include "lk-session.h"
#include "lk-resource-kind.h"

G_BEGIN_DECLS

/* What a copy of a policy or sync group to another tenant would send. */
typedef struct {
  JsonObject *object;     /* the new object: ids of the other tenant's, none of the tenant's own fields */
  GPtrArray  *left_out;   /* "sourceIds: Workday", a line each: nothing of that name there */
  char       *digest;     /* of the object and the tenant it goes to: what --apply or Send checks */
} LkCopyPreview;

void           lk_copy_preview_free (LkCopyPreview        *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCopyPreview, lk_copy_preview_free)

LkCopyPreview *lk_copy_preview_new  (const LkResourceKind *kind,
                                     JsonObject           *object,
                                     GListModel           *sources_here,
                                     GListModel           *sources_there,
                                     GListModel           *policies_here,
                                     GListModel           *policies_there,
                                     const char           *target_base_url,
                                     GError              **error);

/* A tenant's objects of a kind and what they refer to by id: what a
 * comparison or a copy maps by name.
 */
typedef struct {
  LkClient   *client;     /* the tenant's, that read them */
  GListModel *items;      /* of the kind */
  GListModel *sources;
  GListModel *policies;   /* password policies: a sync group names one */
} LkCopyReferences;

void              lk_copy_references_free        (LkCopyReferences     *references);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCopyReferences, lk_copy_references_free)

void              lk_copy_references_load_async  (LkClient             *client,
                                                  const LkResourceKind *kind,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
LkCopyReferences *lk_copy_references_load_finish (LkClient             *client,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              lk_copy_references_load_tenant_async  (LkSession            *session,
                                                         LkTenant             *tenant,
                                                         const LkResourceKind *kind,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
LkCopyReferences *lk_copy_references_load_tenant_finish (LkSession            *session,
                                                         GAsyncResult         *result,
                                                         GError              **error);
JsonObject       *lk_copy_name_references        (const LkResourceKind *kind,
                                                  JsonObject           *object,
                                                  LkCopyReferences     *references);

G_END_DECLS
