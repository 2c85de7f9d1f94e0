/* lk-password-rule.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-rule"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-password-rule.h"

/* One rule a password must keep, in plain words, and whether the sample
 * typed last keeps it. Rules that need the tenant's data (its dictionary,
 * the identity's attributes) are shown but never checked here.
 */

struct _LkPasswordRule
{
  GObject              parent_instance;

  LkPasswordRuleKind   kind;
  gint64               value;
  char                *description;
  LkPasswordRuleState  state;
};

G_DEFINE_ENUM_TYPE (LkPasswordRuleKind, lk_password_rule_kind,
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MIN_LENGTH, "min-length"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MAX_LENGTH, "max-length"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MIN_ALPHA, "min-alpha"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MIN_NUMERIC, "min-numeric"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MIN_UPPER, "min-upper"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MIN_LOWER, "min-lower"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MIN_SPECIAL, "min-special"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MIN_CHARACTER_TYPES, "min-character-types"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MAX_REPEATED_CHARS, "max-repeated-chars"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_NOT_ACCOUNT_NAME, "not-account-name"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_NOT_ACCOUNT_ID, "not-account-id"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_NOT_DICTIONARY_WORD, "not-dictionary-word"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_NOT_ACCOUNT_ATTRIBUTES, "not-account-attributes"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_NOT_IDENTITY_ATTRIBUTES, "not-identity-attributes"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_OTHER, "other"))

G_DEFINE_ENUM_TYPE (LkPasswordRuleState, lk_password_rule_state,
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_UNCHECKED, "unchecked"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_MET, "met"),
  G_DEFINE_ENUM_VALUE (LK_PASSWORD_RULE_NOT_MET, "not-met"))

G_DEFINE_FINAL_TYPE (LkPasswordRule, lk_password_rule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_VALUE,
  PROP_DESCRIPTION,
  PROP_CHECKABLE,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static char *
describe (LkPasswordRuleKind kind,
          gint64             value)
{
  gulong n = (gulong) CLAMP (value, 0, G_MAXINT);

  switch (kind)
    {
    case LK_PASSWORD_RULE_MIN_LENGTH:
      return g_strdup_printf (ngettext ("At least %lu character", "At least %lu characters", n), n);
    case LK_PASSWORD_RULE_MAX_LENGTH:
      return g_strdup_printf (ngettext ("At most %lu character", "At most %lu characters", n), n);
    case LK_PASSWORD_RULE_MIN_ALPHA:
      return g_strdup_printf (ngettext ("At least %lu letter", "At least %lu letters", n), n);
    case LK_PASSWORD_RULE_MIN_NUMERIC:
      return g_strdup_printf (ngettext ("At least %lu digit", "At least %lu digits", n), n);
    case LK_PASSWORD_RULE_MIN_UPPER:
      return g_strdup_printf (ngettext ("At least %lu capital letter", "At least %lu capital letters", n), n);
    case LK_PASSWORD_RULE_MIN_LOWER:
      return g_strdup_printf (ngettext ("At least %lu lowercase letter", "At least %lu lowercase letters", n), n);
    case LK_PASSWORD_RULE_MIN_SPECIAL:
      return g_strdup_printf (ngettext ("At least %lu special character", "At least %lu special characters", n), n);
    case LK_PASSWORD_RULE_MIN_CHARACTER_TYPES:
      return g_strdup_printf (ngettext ("At least %lu kind of character: capital letters, lowercase letters, digits, special characters",
                                        "At least %lu kinds of character: capital letters, lowercase letters, digits, special characters",
                                        n), n);
    case LK_PASSWORD_RULE_MAX_REPEATED_CHARS:
      return g_strdup_printf (ngettext ("No character more than %lu time in a row",
                                        "No character more than %lu times in a row", n), n);
    case LK_PASSWORD_RULE_NOT_ACCOUNT_NAME:
      return g_strdup (_("Does not contain the account name"));
    case LK_PASSWORD_RULE_NOT_ACCOUNT_ID:
      return g_strdup (_("Does not contain the account ID"));
    case LK_PASSWORD_RULE_NOT_DICTIONARY_WORD:
      return g_strdup (_("Not a word of the tenant’s dictionary (the tenant checks)"));
    case LK_PASSWORD_RULE_NOT_ACCOUNT_ATTRIBUTES:
      return g_strdup (_("Does not contain the account’s attributes (the tenant checks)"));
    case LK_PASSWORD_RULE_NOT_IDENTITY_ATTRIBUTES:
      return g_strdup (_("Does not contain the identity’s attributes (the tenant checks)"));
    case LK_PASSWORD_RULE_OTHER:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
lk_password_rule_finalize (GObject *object)
{
  LkPasswordRule *self = (LkPasswordRule *)object;

  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (lk_password_rule_parent_class)->finalize (object);
}

static void
lk_password_rule_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkPasswordRule *self = LK_PASSWORD_RULE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_VALUE:
      g_value_set_int64 (value, self->value);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_CHECKABLE:
      g_value_set_boolean (value, lk_password_rule_get_checkable (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_password_rule_class_init (LkPasswordRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_password_rule_finalize;
  object_class->get_property = lk_password_rule_get_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LK_TYPE_PASSWORD_RULE_KIND, LK_PASSWORD_RULE_OTHER, read_only);
  properties [PROP_VALUE] = g_param_spec_int64 ("value", NULL, NULL, G_MININT64, G_MAXINT64, 0, read_only);
  properties [PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, read_only);
  properties [PROP_CHECKABLE] = g_param_spec_boolean ("checkable", NULL, NULL, FALSE, read_only);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LK_TYPE_PASSWORD_RULE_STATE, LK_PASSWORD_RULE_UNCHECKED,
                       read_only | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_password_rule_init (LkPasswordRule *self)
{
}

/**
 * lk_password_rule_new:
 * @kind: any kind but %LK_PASSWORD_RULE_OTHER
 * @value: the number the rule names, where it names one
 */
LkPasswordRule *
lk_password_rule_new (LkPasswordRuleKind kind,
                      gint64             value)
{
  LkPasswordRule *self;

  g_return_val_if_fail (kind != LK_PASSWORD_RULE_OTHER, NULL);

  self = g_object_new (LK_TYPE_PASSWORD_RULE, NULL);
  self->kind = kind;
  self->value = value;
  self->description = describe (kind, value);

  return self;
}

/**
 * lk_password_rule_new_other:
 * @text: a rule as the tenant words it, shown as it is
 */
LkPasswordRule *
lk_password_rule_new_other (const char *text)
{
  LkPasswordRule *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (LK_TYPE_PASSWORD_RULE, NULL);
  self->kind = LK_PASSWORD_RULE_OTHER;
  self->description = g_strdup (text);

  return self;
}

LkPasswordRuleKind
lk_password_rule_get_kind (LkPasswordRule *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_RULE (self), LK_PASSWORD_RULE_OTHER);

  return self->kind;
}

gint64
lk_password_rule_get_value (LkPasswordRule *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_RULE (self), 0);

  return self->value;
}

const char *
lk_password_rule_get_description (LkPasswordRule *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_RULE (self), NULL);

  return self->description;
}

/**
 * lk_password_rule_get_checkable:
 * @self: a #LkPasswordRule
 *
 * Returns: whether Latchkey can tell if a password keeps the rule; the
 *   account name and ID only once an account is known
 */
gboolean
lk_password_rule_get_checkable (LkPasswordRule *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_RULE (self), FALSE);

  return self->kind <= LK_PASSWORD_RULE_NOT_ACCOUNT_ID;
}

LkPasswordRuleState
lk_password_rule_get_state (LkPasswordRule *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_RULE (self), LK_PASSWORD_RULE_UNCHECKED);

  return self->state;
}

void
lk_password_rule_set_state (LkPasswordRule      *self,
                            LkPasswordRuleState  state)
{
  g_return_if_fail (LK_IS_PASSWORD_RULE (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}
