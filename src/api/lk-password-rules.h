/* lk-password-rules.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-password-policy.h"
#include "lk-password-rule.h"

G_BEGIN_DECLS

#define LK_TYPE_PASSWORD_RULES (lk_password_rules_get_type ())

G_DECLARE_FINAL_TYPE (LkPasswordRules, lk_password_rules, LK, PASSWORD_RULES, GObject)

/* What a policy's rules count in a password. */
typedef struct {
  gint64 length;
  gint64 alpha;
  gint64 numeric;
  gint64 upper;
  gint64 lower;
  gint64 special;
  gint64 longest_run;   /* the most times a character follows itself, plus one */
  gint64 types;         /* of capital, lowercase, digit and special: how many */
} LkPasswordCounts;

LkPasswordCounts lk_password_count (const char *password);

LkPasswordRules *lk_password_rules_new_from_policy      (LkPasswordPolicy   *policy);
LkPasswordRules *lk_password_rules_new_from_constraints (const char * const *constraints);
void             lk_password_rules_set_account          (LkPasswordRules    *self,
                                                         const char         *account_name,
                                                         const char         *account_id);
gboolean         lk_password_rules_check                (LkPasswordRules    *self,
                                                         const char         *password);

G_END_DECLS
