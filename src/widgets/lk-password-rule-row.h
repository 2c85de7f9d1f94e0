/* lk-password-rule-row.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-password-rule.h"

G_BEGIN_DECLS

#define LK_TYPE_PASSWORD_RULE_ROW (lk_password_rule_row_get_type ())

G_DECLARE_FINAL_TYPE (LkPasswordRuleRow, lk_password_rule_row, LK, PASSWORD_RULE_ROW, AdwActionRow)

GtkWidget      *lk_password_rule_row_new      (LkPasswordRule    *rule);
LkPasswordRule *lk_password_rule_row_get_rule (LkPasswordRuleRow *self);
GtkWidget      *lk_password_rule_row_create   (gpointer           item,
                                               gpointer           user_data);

G_END_DECLS
