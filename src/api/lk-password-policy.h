/* lk-password-policy.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_PASSWORD_POLICY (lk_password_policy_get_type ())

G_DECLARE_FINAL_TYPE (LkPasswordPolicy, lk_password_policy, LK, PASSWORD_POLICY, GObject)

LkPasswordPolicy   *lk_password_policy_new                 (void);
LkPasswordPolicy   *lk_password_policy_new_from_json       (JsonObject        *object,
                                                            GError           **error);
JsonObject         *lk_password_policy_to_json             (LkPasswordPolicy  *self);
const char         *lk_password_policy_get_id              (LkPasswordPolicy  *self);
const char         *lk_password_policy_get_name            (LkPasswordPolicy  *self);
const char         *lk_password_policy_get_description     (LkPasswordPolicy  *self);
const char * const *lk_password_policy_get_source_ids      (LkPasswordPolicy  *self);
GDateTime          *lk_password_policy_get_date_created    (LkPasswordPolicy  *self);
GDateTime          *lk_password_policy_get_last_updated    (LkPasswordPolicy  *self);
gint64              lk_password_policy_get_int             (LkPasswordPolicy  *self,
                                                            const char        *property);
gboolean            lk_password_policy_get_flag            (LkPasswordPolicy  *self,
                                                            const char        *property);
gboolean            lk_password_policy_is_default          (LkPasswordPolicy  *self);
gboolean            lk_password_policy_check               (LkPasswordPolicy  *self,
                                                            GError           **error);

G_END_DECLS
