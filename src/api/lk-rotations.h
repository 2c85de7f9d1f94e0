/* lk-rotations.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-client.h"
#include "lk-token.h"

G_BEGIN_DECLS

#define LK_TYPE_ROTATIONS (lk_rotations_get_type ())

G_DECLARE_FINAL_TYPE (LkRotations, lk_rotations, LK, ROTATIONS, GObject)

/* What replaced a token, and when. */
typedef struct {
  char      *successor_id;
  char      *successor_name;
  GDateTime *rotated;       /* nullable: a file edited by hand */
} LkRotationLink;

void lk_rotation_link_free (LkRotationLink *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkRotationLink, lk_rotation_link_free)

/* A rotation of a connection's own token, between two of its steps. */
typedef struct {
  char      *tenant_name;
  char      *base_url;
  char      *old_client_id;
  char      *successor_id;    /* nullable: not known yet */
  char      *successor_name;
  GDateTime *started;
} LkPendingRotation;

LkPendingRotation *lk_pending_rotation_copy (const LkPendingRotation *pending);
void               lk_pending_rotation_free (LkPendingRotation       *pending);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPendingRotation, lk_pending_rotation_free)

LkRotations *lk_rotations_new             (const char   *path);
const char  *lk_rotations_get_path        (LkRotations  *self);
gboolean     lk_rotations_record          (LkRotations  *self,
                                           const char   *base_url,
                                           const char   *old_id,
                                           const char   *successor_id,
                                           const char   *successor_name,
                                           GDateTime    *rotated,
                                           GError      **error);
gboolean     lk_rotations_record_rotation (LkRotations  *self,
                                           LkClient     *client,
                                           LkToken      *old,
                                           LkToken      *successor,
                                           GError      **error);
gboolean     lk_rotations_lookup          (LkRotations  *self,
                                           const char   *base_url,
                                           const char   *old_id,
                                           char        **successor_id,
                                           char        **successor_name,
                                           GDateTime   **rotated);
GHashTable  *lk_rotations_get_links       (LkRotations  *self,
                                           const char   *base_url);
char        *lk_rotations_get_predecessor (LkRotations  *self,
                                           const char   *base_url,
                                           const char   *successor_id);
gboolean     lk_rotations_forget          (LkRotations  *self,
                                           const char   *base_url,
                                           const char   *old_id,
                                           GError      **error);

gboolean     lk_rotations_save_pending    (LkRotations              *self,
                                           const LkPendingRotation  *pending,
                                           GError                  **error);
gboolean     lk_rotations_drop_pending    (LkRotations              *self,
                                           const char               *base_url,
                                           const char               *old_client_id,
                                           GError                  **error);
GPtrArray   *lk_rotations_list_pending    (LkRotations              *self,
                                           GError                  **error);

G_END_DECLS
