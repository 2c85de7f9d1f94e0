/* lk-password-rule.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  LK_PASSWORD_RULE_MIN_LENGTH,
  LK_PASSWORD_RULE_MAX_LENGTH,
  LK_PASSWORD_RULE_MIN_ALPHA,
  LK_PASSWORD_RULE_MIN_NUMERIC,
  LK_PASSWORD_RULE_MIN_UPPER,
  LK_PASSWORD_RULE_MIN_LOWER,
  LK_PASSWORD_RULE_MIN_SPECIAL,
  LK_PASSWORD_RULE_MIN_CHARACTER_TYPES,
  LK_PASSWORD_RULE_MAX_REPEATED_CHARS,
  LK_PASSWORD_RULE_NOT_ACCOUNT_NAME,
  LK_PASSWORD_RULE_NOT_ACCOUNT_ID,
  LK_PASSWORD_RULE_NOT_DICTIONARY_WORD,
  LK_PASSWORD_RULE_NOT_ACCOUNT_ATTRIBUTES,
  LK_PASSWORD_RULE_NOT_IDENTITY_ATTRIBUTES,
  LK_PASSWORD_RULE_OTHER,
} LkPasswordRuleKind;

typedef enum {
  LK_PASSWORD_RULE_UNCHECKED,   /* no sample yet, or only the tenant can tell */
  LK_PASSWORD_RULE_MET,
  LK_PASSWORD_RULE_NOT_MET,
} LkPasswordRuleState;

#define LK_TYPE_PASSWORD_RULE_KIND  (lk_password_rule_kind_get_type ())
#define LK_TYPE_PASSWORD_RULE_STATE (lk_password_rule_state_get_type ())
#define LK_TYPE_PASSWORD_RULE       (lk_password_rule_get_type ())

GType lk_password_rule_kind_get_type  (void) G_GNUC_CONST;
GType lk_password_rule_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (LkPasswordRule, lk_password_rule, LK, PASSWORD_RULE, GObject)

LkPasswordRule      *lk_password_rule_new             (LkPasswordRuleKind   kind,
                                                       gint64               value);
LkPasswordRule      *lk_password_rule_new_other       (const char          *text);
LkPasswordRuleKind   lk_password_rule_get_kind        (LkPasswordRule      *self);
gint64               lk_password_rule_get_value       (LkPasswordRule      *self);
const char          *lk_password_rule_get_description (LkPasswordRule      *self);
gboolean             lk_password_rule_get_checkable   (LkPasswordRule      *self);
LkPasswordRuleState  lk_password_rule_get_state       (LkPasswordRule      *self);
void                 lk_password_rule_set_state       (LkPasswordRule      *self,
                                                       LkPasswordRuleState  state);

G_END_DECLS
