/* test-password-rules.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lk-password-rules.h"

/* The rules a password must keep, as the Policies page's "Try a password"
 * and the Passwords page show them: in plain words, each met or not.
 */

static LkPasswordPolicy *
make_policy (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  LkPasswordPolicy *policy = lk_password_policy_new_from_json (json_node_get_object (node), &error);

  g_assert_no_error (error);
  return policy;
}

static LkPasswordRule *
rule_of_kind (LkPasswordRules    *rules,
              LkPasswordRuleKind  kind)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rules)); i++)
    {
      g_autoptr(LkPasswordRule) rule = g_list_model_get_item (G_LIST_MODEL (rules), i);

      if (lk_password_rule_get_kind (rule) == kind)
        return rule;   /* the list keeps it */
    }

  g_assert_not_reached ();
}

static LkPasswordRuleState
state_of (LkPasswordRules    *rules,
          LkPasswordRuleKind  kind)
{
  return lk_password_rule_get_state (rule_of_kind (rules, kind));
}

static void
test_from_policy (void)
{
  g_autoptr(LkPasswordPolicy) policy = make_policy (
    "{\"name\": \"Strict\", \"minLength\": 8, \"maxLength\": 12, \"minUpper\": 1, \"minNumeric\": 2,"
    " \"minSpecial\": 1, \"minCharacterTypes\": 3, \"maxRepeatedChars\": 2, \"minLower\": 0,"
    " \"minAlpha\": -1, \"useDictionary\": true}");
  g_autoptr(LkPasswordRules) rules = lk_password_rules_new_from_policy (policy);

  /* 0 and -1 are no rule; a flag is one the tenant checks. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rules)), ==, 8);
  g_assert_cmpstr (lk_password_rule_get_description (rule_of_kind (rules, LK_PASSWORD_RULE_MIN_LENGTH)), ==,
                   "At least 8 characters");
  g_assert_cmpstr (lk_password_rule_get_description (rule_of_kind (rules, LK_PASSWORD_RULE_MIN_UPPER)), ==,
                   "At least 1 capital letter");
  g_assert_cmpstr (lk_password_rule_get_description (rule_of_kind (rules, LK_PASSWORD_RULE_MAX_REPEATED_CHARS)), ==,
                   "No character more than 2 times in a row");
  g_assert_false (lk_password_rule_get_checkable (rule_of_kind (rules, LK_PASSWORD_RULE_NOT_DICTIONARY_WORD)));

  g_assert_true (lk_password_rules_check (rules, "Abcdef12!"));
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MIN_LENGTH), ==, LK_PASSWORD_RULE_MET);
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_NOT_DICTIONARY_WORD), ==, LK_PASSWORD_RULE_UNCHECKED);

  /* Each rule says for itself. */
  g_assert_false (lk_password_rules_check (rules, "aaab1"));
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MIN_LENGTH), ==, LK_PASSWORD_RULE_NOT_MET);
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MAX_LENGTH), ==, LK_PASSWORD_RULE_MET);
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MIN_UPPER), ==, LK_PASSWORD_RULE_NOT_MET);
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MIN_NUMERIC), ==, LK_PASSWORD_RULE_NOT_MET);
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MIN_SPECIAL), ==, LK_PASSWORD_RULE_NOT_MET);
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MIN_CHARACTER_TYPES), ==, LK_PASSWORD_RULE_NOT_MET);
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MAX_REPEATED_CHARS), ==, LK_PASSWORD_RULE_NOT_MET);

  g_assert_false (lk_password_rules_check (rules, "Abcdefgh12!xyz"));
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MAX_LENGTH), ==, LK_PASSWORD_RULE_NOT_MET);

  /* Nothing typed: nothing to say yet. */
  g_assert_false (lk_password_rules_check (rules, ""));
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MIN_LENGTH), ==, LK_PASSWORD_RULE_UNCHECKED);
}

static void
test_characters_not_bytes (void)
{
  g_autoptr(LkPasswordPolicy) policy = make_policy (
    "{\"name\": \"U\", \"minLength\": 8, \"maxLength\": 8, \"minUpper\": 2, \"minLower\": 5}");
  g_autoptr(LkPasswordRules) rules = lk_password_rules_new_from_policy (policy);

  /* Eight characters, twelve bytes; Ü and Ö are capital letters. */
  g_assert_true (lk_password_rules_check (rules, "ÜÖnïcødé"));
}

static void
test_from_constraints (void)
{
  static const char * const constraints[] = {
    "passwordRepeatedChar is 3", "passwordMinAlpha is 1", "passwordMinLength is 5", "passwordMinNumeric is 1",
    "passwordDictionary is false", "passwordHistory is 5", "passwordMinLength is many", NULL,
  };
  g_autoptr(LkPasswordRules) rules = lk_password_rules_new_from_constraints (constraints);
  g_autoptr(LkPasswordRule) history = NULL;
  g_autoptr(LkPasswordRule) many = NULL;

  /* The spec's example, a rule turned off, and two not understood, kept as worded. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rules)), ==, 6);
  g_assert_cmpint (lk_password_rule_get_value (rule_of_kind (rules, LK_PASSWORD_RULE_MAX_REPEATED_CHARS)), ==, 3);
  g_assert_cmpint (lk_password_rule_get_value (rule_of_kind (rules, LK_PASSWORD_RULE_MIN_LENGTH)), ==, 5);
  history = g_list_model_get_item (G_LIST_MODEL (rules), 4);
  many = g_list_model_get_item (G_LIST_MODEL (rules), 5);
  g_assert_cmpint (lk_password_rule_get_kind (history), ==, LK_PASSWORD_RULE_OTHER);
  g_assert_cmpstr (lk_password_rule_get_description (history), ==, "passwordHistory is 5");
  g_assert_cmpstr (lk_password_rule_get_description (many), ==, "passwordMinLength is many");

  /* What cannot be checked does not block. */
  g_assert_true (lk_password_rules_check (rules, "abc12"));
  g_assert_cmpint (lk_password_rule_get_state (history), ==, LK_PASSWORD_RULE_UNCHECKED);
  g_assert_false (lk_password_rules_check (rules, "aaaa1"));
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_MAX_REPEATED_CHARS), ==, LK_PASSWORD_RULE_NOT_MET);
}

static void
test_account_name (void)
{
  static const char * const constraints[] = { "passwordValidateAgainstAccountName is true", NULL };
  g_autoptr(LkPasswordRules) rules = lk_password_rules_new_from_constraints (constraints);
  g_autoptr(LkPasswordPolicy) policy = make_policy (
    "{\"name\": \"W\", \"validateAgainstAccountName\": true, \"accountNameMinWordLength\": 4}");
  g_autoptr(LkPasswordRules) by_words = lk_password_rules_new_from_policy (policy);

  /* No account yet: unchecked, not blocking. */
  g_assert_true (lk_password_rules_check (rules, "xAbby.Smith1"));
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_NOT_ACCOUNT_NAME), ==, LK_PASSWORD_RULE_UNCHECKED);

  lk_password_rules_set_account (rules, "Abby.Smith", "CN=Abby Smith,OU=Austin");
  g_assert_false (lk_password_rules_check (rules, "xABBY.smith1"));
  g_assert_cmpint (state_of (rules, LK_PASSWORD_RULE_NOT_ACCOUNT_NAME), ==, LK_PASSWORD_RULE_NOT_MET);
  g_assert_true (lk_password_rules_check (rules, "Smith-Abby-1"));

  /* With a minimum word length, any word of the name that long counts. */
  lk_password_rules_set_account (by_words, "Abby.Smith", NULL);
  g_assert_false (lk_password_rules_check (by_words, "my-smith-key"));
  g_assert_true (lk_password_rules_check (by_words, "my-abb-key"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/password-rules/from-policy", test_from_policy);
  g_test_add_func ("/lk/password-rules/characters-not-bytes", test_characters_not_bytes);
  g_test_add_func ("/lk/password-rules/from-constraints", test_from_constraints);
  g_test_add_func ("/lk/password-rules/account-name", test_account_name);

  return g_test_run ();
}
