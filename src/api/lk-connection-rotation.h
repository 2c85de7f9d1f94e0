/* lk-connection-rotation.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-rotations.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_CONNECTION_ROTATION (lk_connection_rotation_get_type ())

G_DECLARE_FINAL_TYPE (LkConnectionRotation, lk_connection_rotation, LK, CONNECTION_ROTATION, GObject)

/* The steps, in their order; each is on record before it starts. */
typedef enum {
  LK_CONNECTION_ROTATION_STEP_NONE,
  LK_CONNECTION_ROTATION_STEP_CREATE,  /* the successor made, with the connection's credentials */
  LK_CONNECTION_ROTATION_STEP_STORE,   /* its secret in the keyring, beside the connection's own */
  LK_CONNECTION_ROTATION_STEP_TEST,    /* a bearer token got with it */
  LK_CONNECTION_ROTATION_STEP_SWITCH,  /* the connection uses it; the old secret leaves the keyring */
  LK_CONNECTION_ROTATION_STEP_UNDO,    /* the successor revoked, its secret removed */
} LkConnectionRotationStep;

LkConnectionRotation     *lk_connection_rotation_new                (LkSession                *session,
                                                                     LkRotations              *rotations,
                                                                     const char               *tenant_name);
LkConnectionRotation     *lk_connection_rotation_new_pending        (LkSession                *session,
                                                                     LkRotations              *rotations,
                                                                     const LkPendingRotation  *pending);
const char               *lk_connection_rotation_get_tenant_name    (LkConnectionRotation     *self);
const char               *lk_connection_rotation_get_old_client_id  (LkConnectionRotation     *self);
const char               *lk_connection_rotation_get_old_name       (LkConnectionRotation     *self);
const char               *lk_connection_rotation_get_successor_id   (LkConnectionRotation     *self);
const char               *lk_connection_rotation_get_successor_name (LkConnectionRotation     *self);
GDateTime                *lk_connection_rotation_get_started        (LkConnectionRotation     *self);
gboolean                  lk_connection_rotation_get_interrupted    (LkConnectionRotation     *self);
gboolean                  lk_connection_rotation_get_unfinished     (LkConnectionRotation     *self);
LkClient                 *lk_connection_rotation_get_successor_client (LkConnectionRotation   *self);
LkConnectionRotationStep  lk_connection_rotation_get_failed_step    (LkConnectionRotation     *self);
char                     *lk_connection_rotation_describe_state     (LkConnectionRotation     *self);
void                      lk_connection_rotation_run_async          (LkConnectionRotation     *self,
                                                                     GCancellable             *cancellable,
                                                                     GAsyncReadyCallback       callback,
                                                                     gpointer                  user_data);
gboolean                  lk_connection_rotation_run_finish         (LkConnectionRotation     *self,
                                                                     GAsyncResult             *result,
                                                                     GError                  **error);
void                      lk_connection_rotation_undo_async         (LkConnectionRotation     *self,
                                                                     GCancellable             *cancellable,
                                                                     GAsyncReadyCallback       callback,
                                                                     gpointer                  user_data);
gboolean                  lk_connection_rotation_undo_finish        (LkConnectionRotation     *self,
                                                                     GAsyncResult             *result,
                                                                     GError                  **error);

G_END_DECLS
