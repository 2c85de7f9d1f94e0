/* lk-password-rules.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-rules"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-password-rules.h"

/* The rules a password must keep, as a GListModel of LkPasswordRule, and
 * one checker for them: the Policies page's "Try a password" builds them
 * from the form, the Passwords page from the constraints that
 * /query-password-info words as "passwordMinLength is 5".
 *
 * Character classes are those the sandbox and ISC count: letters, digits,
 * capital and lowercase letters, and "special", anything not a letter or
 * a digit; a repeat is the same character several times in a row.
 */

struct _LkPasswordRules
{
  GObject    parent_instance;

  GPtrArray *rules;
  gint64     account_name_min_word;   /* 0 or less: the whole name */
  gint64     account_id_min_word;
  char      *account_name;
  char      *account_id;
};

static void lk_password_rules_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkPasswordRules, lk_password_rules, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lk_password_rules_list_model_init))

static GType
lk_password_rules_get_item_type (GListModel *model)
{
  return LK_TYPE_PASSWORD_RULE;
}

static guint
lk_password_rules_get_n_items (GListModel *model)
{
  return LK_PASSWORD_RULES (model)->rules->len;
}

static gpointer
lk_password_rules_get_item (GListModel *model,
                            guint       position)
{
  LkPasswordRules *self = LK_PASSWORD_RULES (model);

  if (position >= self->rules->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rules, position));
}

static void
lk_password_rules_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_password_rules_get_item_type;
  iface->get_n_items = lk_password_rules_get_n_items;
  iface->get_item = lk_password_rules_get_item;
}

static void
lk_password_rules_finalize (GObject *object)
{
  LkPasswordRules *self = (LkPasswordRules *)object;

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->account_id, g_free);

  G_OBJECT_CLASS (lk_password_rules_parent_class)->finalize (object);
}

static void
lk_password_rules_class_init (LkPasswordRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_password_rules_finalize;
}

static void
lk_password_rules_init (LkPasswordRules *self)
{
  self->rules = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
add_rule (LkPasswordRules    *self,
          LkPasswordRuleKind  kind,
          gint64              value)
{
  g_ptr_array_add (self->rules, lk_password_rule_new (kind, value));
}

/**
 * lk_password_rules_new_from_policy:
 * @policy: a policy, as the tenant has it or as a form has it now
 */
LkPasswordRules *
lk_password_rules_new_from_policy (LkPasswordPolicy *policy)
{
  static const struct {
    const char         *property;
    LkPasswordRuleKind  kind;
  } numbers[] = {
    { "min-length", LK_PASSWORD_RULE_MIN_LENGTH },
    { "max-length", LK_PASSWORD_RULE_MAX_LENGTH },
    { "min-alpha", LK_PASSWORD_RULE_MIN_ALPHA },
    { "min-numeric", LK_PASSWORD_RULE_MIN_NUMERIC },
    { "min-upper", LK_PASSWORD_RULE_MIN_UPPER },
    { "min-lower", LK_PASSWORD_RULE_MIN_LOWER },
    { "min-special", LK_PASSWORD_RULE_MIN_SPECIAL },
    { "min-character-types", LK_PASSWORD_RULE_MIN_CHARACTER_TYPES },
    { "max-repeated-chars", LK_PASSWORD_RULE_MAX_REPEATED_CHARS },
  }, flags[] = {
    { "validate-against-account-name", LK_PASSWORD_RULE_NOT_ACCOUNT_NAME },
    { "validate-against-account-id", LK_PASSWORD_RULE_NOT_ACCOUNT_ID },
    { "use-dictionary", LK_PASSWORD_RULE_NOT_DICTIONARY_WORD },
    { "use-account-attributes", LK_PASSWORD_RULE_NOT_ACCOUNT_ATTRIBUTES },
    { "use-identity-attributes", LK_PASSWORD_RULE_NOT_IDENTITY_ATTRIBUTES },
  };
  LkPasswordRules *self;

  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (policy), NULL);

  self = g_object_new (LK_TYPE_PASSWORD_RULES, NULL);
  /* 0 and -1 mean "no such rule" in the spec's fields. */
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gint64 value = lk_password_policy_get_int (policy, numbers[i].property);

      if (value > 0)
        add_rule (self, numbers[i].kind, value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (lk_password_policy_get_flag (policy, flags[i].property))
      add_rule (self, flags[i].kind, 0);

  self->account_name_min_word = lk_password_policy_get_int (policy, "account-name-min-word-length");
  self->account_id_min_word = lk_password_policy_get_int (policy, "account-id-min-word-length");

  return self;
}

/**
 * lk_password_rules_new_from_constraints:
 * @constraints: (nullable): PasswordInfo's `policies`, such as "passwordMinLength is 5"
 *
 * A constraint not understood is kept as a rule in the tenant's words.
 */
LkPasswordRules *
lk_password_rules_new_from_constraints (const char * const *constraints)
{
  static const struct {
    const char         *words;
    LkPasswordRuleKind  kind;
    gboolean            yes_no;
  } known[] = {
    { "passwordMinLength", LK_PASSWORD_RULE_MIN_LENGTH, FALSE },
    { "passwordMaxLength", LK_PASSWORD_RULE_MAX_LENGTH, FALSE },
    { "passwordMinAlpha", LK_PASSWORD_RULE_MIN_ALPHA, FALSE },
    { "passwordMinNumeric", LK_PASSWORD_RULE_MIN_NUMERIC, FALSE },
    { "passwordMinUpper", LK_PASSWORD_RULE_MIN_UPPER, FALSE },
    { "passwordMinLower", LK_PASSWORD_RULE_MIN_LOWER, FALSE },
    { "passwordMinSpecial", LK_PASSWORD_RULE_MIN_SPECIAL, FALSE },
    { "passwordMinCharacterTypes", LK_PASSWORD_RULE_MIN_CHARACTER_TYPES, FALSE },
    { "passwordRepeatedChar", LK_PASSWORD_RULE_MAX_REPEATED_CHARS, FALSE },
    { "passwordValidateAgainstAccountName", LK_PASSWORD_RULE_NOT_ACCOUNT_NAME, TRUE },
    { "passwordValidateAgainstAccountId", LK_PASSWORD_RULE_NOT_ACCOUNT_ID, TRUE },
    { "passwordDictionary", LK_PASSWORD_RULE_NOT_DICTIONARY_WORD, TRUE },
  };
  LkPasswordRules *self = g_object_new (LK_TYPE_PASSWORD_RULES, NULL);

  for (guint i = 0; constraints != NULL && constraints[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (constraints[i], " is ", 2);
      gboolean understood = FALSE;

      for (guint k = 0; g_strv_length (parts) == 2 && k < G_N_ELEMENTS (known) && !understood; k++)
        {
          guint64 number;

          if (!g_str_equal (g_strstrip (parts[0]), known[k].words))
            continue;

          g_strstrip (parts[1]);
          if (known[k].yes_no && g_str_equal (parts[1], "true"))
            add_rule (self, known[k].kind, 0);
          else if (known[k].yes_no && g_str_equal (parts[1], "false"))
            ;  /* no such rule */
          else if (known[k].yes_no ||
                   !lk_parse_unsigned (parts[1], 0, G_MAXINT, &number))
            break;
          else if (number > 0)
            add_rule (self, known[k].kind, (gint64) number);
          understood = TRUE;
        }

      if (!understood)
        g_ptr_array_add (self->rules, lk_password_rule_new_other (constraints[i]));
    }

  return self;
}

/**
 * lk_password_rules_set_account:
 * @self: a #LkPasswordRules
 * @account_name: (nullable): the account's name, for the rules that keep it out
 * @account_id: (nullable): the account's ID, likewise
 */
void
lk_password_rules_set_account (LkPasswordRules *self,
                               const char      *account_name,
                               const char      *account_id)
{
  g_return_if_fail (LK_IS_PASSWORD_RULES (self));

  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
}

/* Whether @folded_password holds @text, or with @min_word > 0 any of its
 * words that long; casefolded both.
 */
static gboolean
contains_account_text (const char *folded_password,
                       const char *text,
                       gint64      min_word)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = NULL;

  if (min_word <= 0)
    return *folded != '\0' && strstr (folded_password, folded) != NULL;

  words = g_regex_split_simple ("[^[:alnum:]]+", folded, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= min_word && strstr (folded_password, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/**
 * lk_password_count:
 * @password: a valid UTF-8 password; never kept
 *
 * Returns: what a password policy's rules count in @password: the
 *   checker here and the sandbox tenant count alike
 */
LkPasswordCounts
lk_password_count (const char *password)
{
  LkPasswordCounts counts = { 0 };
  gint64 run = 0;
  gunichar previous = 0;

  counts.length = g_utf8_strlen (password, -1);
  for (const char *p = password; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      counts.alpha += g_unichar_isalpha (c);
      counts.numeric += g_unichar_isdigit (c);
      counts.upper += g_unichar_isupper (c);
      counts.lower += g_unichar_islower (c);
      counts.special += !g_unichar_isalnum (c);
      run = c == previous ? run + 1 : 1;
      counts.longest_run = MAX (counts.longest_run, run);
      previous = c;
    }
  counts.types = (counts.upper > 0) + (counts.lower > 0) + (counts.numeric > 0) + (counts.special > 0);

  return counts;
}

/**
 * lk_password_rules_check:
 * @self: a #LkPasswordRules
 * @password: (nullable): the sample; never kept
 *
 * Sets each rule's state for @password: met, not met, or unchecked where
 * only the tenant can tell. An empty sample leaves every rule unchecked.
 *
 * Returns: whether @password keeps every rule Latchkey can check
 */
gboolean
lk_password_rules_check (LkPasswordRules *self,
                         const char      *password)
{
  g_autofree char *folded = NULL;
  LkPasswordCounts counts;
  gboolean all_met = TRUE;

  g_return_val_if_fail (LK_IS_PASSWORD_RULES (self), FALSE);

  if (password == NULL || *password == '\0' || !g_utf8_validate (password, -1, NULL))
    {
      for (guint i = 0; i < self->rules->len; i++)
        lk_password_rule_set_state (g_ptr_array_index (self->rules, i), LK_PASSWORD_RULE_UNCHECKED);
      return FALSE;
    }

  counts = lk_password_count (password);
  folded = g_utf8_casefold (password, -1);

  for (guint i = 0; i < self->rules->len; i++)
    {
      LkPasswordRule *rule = g_ptr_array_index (self->rules, i);
      gint64 value = lk_password_rule_get_value (rule);
      LkPasswordRuleState state = LK_PASSWORD_RULE_UNCHECKED;
      int met = -1;

      switch (lk_password_rule_get_kind (rule))
        {
        case LK_PASSWORD_RULE_MIN_LENGTH: met = counts.length >= value; break;
        case LK_PASSWORD_RULE_MAX_LENGTH: met = counts.length <= value; break;
        case LK_PASSWORD_RULE_MIN_ALPHA: met = counts.alpha >= value; break;
        case LK_PASSWORD_RULE_MIN_NUMERIC: met = counts.numeric >= value; break;
        case LK_PASSWORD_RULE_MIN_UPPER: met = counts.upper >= value; break;
        case LK_PASSWORD_RULE_MIN_LOWER: met = counts.lower >= value; break;
        case LK_PASSWORD_RULE_MIN_SPECIAL: met = counts.special >= value; break;
        case LK_PASSWORD_RULE_MIN_CHARACTER_TYPES: met = counts.types >= value; break;
        case LK_PASSWORD_RULE_MAX_REPEATED_CHARS: met = counts.longest_run <= value; break;
        case LK_PASSWORD_RULE_NOT_ACCOUNT_NAME:
          if (self->account_name != NULL)
            met = !contains_account_text (folded, self->account_name, self->account_name_min_word);
          break;
        case LK_PASSWORD_RULE_NOT_ACCOUNT_ID:
          if (self->account_id != NULL)
            met = !contains_account_text (folded, self->account_id, self->account_id_min_word);
          break;
        case LK_PASSWORD_RULE_NOT_DICTIONARY_WORD:
        case LK_PASSWORD_RULE_NOT_ACCOUNT_ATTRIBUTES:
        case LK_PASSWORD_RULE_NOT_IDENTITY_ATTRIBUTES:
        case LK_PASSWORD_RULE_OTHER:
        default:
          break;
        }

      if (met >= 0)
        state = met ? LK_PASSWORD_RULE_MET : LK_PASSWORD_RULE_NOT_MET;
      all_met &= met != 0;
      lk_password_rule_set_state (rule, state);
    }

  /* The sample is a password: the folded copy goes as it came. */
  explicit_bzero (folded, strlen (folded));

  return all_met;
}
