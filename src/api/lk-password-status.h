/* lk-password-status.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  LK_PASSWORD_STATE_UNKNOWN,     /* a value this version does not know */
  LK_PASSWORD_STATE_IN_PROGRESS,
  LK_PASSWORD_STATE_FINISHED,
  LK_PASSWORD_STATE_FAILED,
} LkPasswordState;

#define LK_TYPE_PASSWORD_STATUS (lk_password_status_get_type ())

G_DECLARE_FINAL_TYPE (LkPasswordStatus, lk_password_status, LK, PASSWORD_STATUS, GObject)

LkPasswordStatus   *lk_password_status_new_from_json  (JsonObject        *object,
                                                       GError           **error);
const char         *lk_password_status_get_request_id (LkPasswordStatus  *self);
LkPasswordState     lk_password_status_get_state      (LkPasswordStatus  *self);
const char         *lk_password_status_get_state_text (LkPasswordStatus  *self);
const char * const *lk_password_status_get_errors     (LkPasswordStatus  *self);
const char * const *lk_password_status_get_source_ids (LkPasswordStatus  *self);
gboolean            lk_password_status_is_done        (LkPasswordStatus  *self);

G_END_DECLS
