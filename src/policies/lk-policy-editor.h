/* lk-policy-editor.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-form-editor.h"
#include "lk-password-policy.h"

G_BEGIN_DECLS

#define LK_TYPE_POLICY_EDITOR (lk_policy_editor_get_type ())

G_DECLARE_FINAL_TYPE (LkPolicyEditor, lk_policy_editor, LK, POLICY_EDITOR, LkFormEditor)

LkPolicyEditor   *lk_policy_editor_new         (void);
void              lk_policy_editor_edit        (LkPolicyEditor     *self,
                                                LkClient           *client,
                                                LkPasswordPolicy   *policy,
                                                const char * const *taken_names);
void              lk_policy_editor_edit_copy   (LkPolicyEditor     *self,
                                                LkClient           *client,
                                                LkPasswordPolicy   *model,
                                                const char * const *taken_names);
LkPasswordPolicy *lk_policy_editor_get_draft   (LkPolicyEditor     *self);

G_END_DECLS
