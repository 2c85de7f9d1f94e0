/* lk-sandbox-policies.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-password-rules.h"
#include "lk-sandbox-private.h"

/* /{v}/password-policies[/{id}] and /{v}/password-sync-groups[/{id}].
 * Objects are kept as the client sent them, unknown fields included, the
 * way a newer server keeps fields an older client does not know.
 */

static const char * const policy_int_members[] = {
  "firstExpirationReminder", "accountIdMinWordLength", "accountNameMinWordLength", "minAlpha",
  "minCharacterTypes", "maxLength", "minLength", "maxRepeatedChars", "minLower", "minNumeric",
  "minSpecial", "minUpper", "passwordExpiration",
};

static const char * const policy_boolean_members[] = {
  "defaultPolicy", "enablePasswdExpiration", "requireStrongAuthn", "requireStrongAuthOffNetwork",
  "requireStrongAuthUntrustedGeographies", "useAccountAttributes", "useDictionary",
  "useIdentityAttributes", "validateAgainstAccountId", "validateAgainstAccountName",
};

static gint64
policy_int (JsonObject *policy,
            const char *member)
{
  JsonNode *node = policy ? json_object_get_member (policy, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
    ? json_node_get_int (node) : -1;
}

JsonObject *
_lk_sandbox_policy_of_source (LkSandbox *self,
                              SbSource  *source)
{
  /* A sync group's policy wins over the source's own. */
  for (guint i = 0; i < self->sync_groups->len; i++)
    {
      JsonObject *group = g_ptr_array_index (self->sync_groups, i);
      JsonArray *source_ids = json_object_get_array_member (group, "sourceIds");

      for (guint s = 0; source_ids && s < json_array_get_length (source_ids); s++)
        if (g_strcmp0 (json_array_get_string_element (source_ids, s), source->id) == 0)
          return _lk_sandbox_find_object (self->policies,
                                          json_object_get_string_member (group, "passwordPolicyId"), NULL);
    }

  return _lk_sandbox_find_object (self->policies, source->policy_id, NULL);
}

/**
 * _lk_sandbox_check_password:
 *
 * Returns: (transfer full) (nullable): what the password breaks, or %NULL
 */
char **
_lk_sandbox_check_password (JsonObject *policy,
                            const char *password,
                            SbAccount  *account)
{
  g_autoptr(GStrvBuilder) errors = g_strv_builder_new ();
  LkPasswordCounts counts = lk_password_count (password);
  gboolean failed = FALSE;
  gint64 value;

#define CHECK(cond, ...) G_STMT_START { \
    if (cond) { g_autofree char *e = g_strdup_printf (__VA_ARGS__); g_strv_builder_add (errors, e); failed = TRUE; } \
  } G_STMT_END

  if ((value = policy_int (policy, "minLength")) > 0)
    CHECK (counts.length < value, "The password must be at least %" G_GINT64_FORMAT " characters long.", value);
  if ((value = policy_int (policy, "maxLength")) > 0)
    CHECK (counts.length > value, "The password must be at most %" G_GINT64_FORMAT " characters long.", value);
  if ((value = policy_int (policy, "minAlpha")) > 0)
    CHECK (counts.alpha < value, "The password must contain at least %" G_GINT64_FORMAT " letter(s).", value);
  if ((value = policy_int (policy, "minNumeric")) > 0)
    CHECK (counts.numeric < value, "The password must contain at least %" G_GINT64_FORMAT " digit(s).", value);
  if ((value = policy_int (policy, "minUpper")) > 0)
    CHECK (counts.upper < value, "The password must contain at least %" G_GINT64_FORMAT " upper case letter(s).", value);
  if ((value = policy_int (policy, "minLower")) > 0)
    CHECK (counts.lower < value, "The password must contain at least %" G_GINT64_FORMAT " lower case letter(s).", value);
  if ((value = policy_int (policy, "minSpecial")) > 0)
    CHECK (counts.special < value, "The password must contain at least %" G_GINT64_FORMAT " special character(s).", value);
  if ((value = policy_int (policy, "maxRepeatedChars")) > 0)
    CHECK (counts.longest_run > value, "The password repeats a character more than %" G_GINT64_FORMAT " times.", value);
  if ((value = policy_int (policy, "minCharacterTypes")) > 0)
    CHECK (counts.types < value, "The password must mix at least %" G_GINT64_FORMAT " kinds of characters.", value);

  if (policy != NULL && account != NULL &&
      json_object_get_boolean_member_with_default (policy, "validateAgainstAccountName", FALSE))
    {
      g_autofree char *folded_password = g_utf8_casefold (password, -1);
      g_autofree char *folded_name = g_utf8_casefold (account->account_name, -1);

      CHECK (strstr (folded_password, folded_name) != NULL, "The password must not contain the account name.");
    }

#undef CHECK

  return failed ? g_strv_builder_end (errors) : NULL;
}

/* Kept with epoch milliseconds, as ISC stores them; v3 and beta declare
 * date-time strings and v2025 int64, so each version gets its own.
 */
static JsonObject *
present_policy (SbCall     *call,
                JsonObject *policy)
{
  static const char * const dates[] = { "dateCreated", "lastUpdated" };
  JsonObject *copy;

  if (g_str_equal (call->version, "v2025"))
    return json_object_ref (policy);

  copy = lk_json_copy_object (policy);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GDateTime) date = NULL;

      if (lk_json_get_date_time (copy, dates[i], LK_JSON_OPTIONAL, &date, NULL) && date != NULL)
        lk_json_set_date_time (copy, dates[i], date);
    }

  return copy;
}

static void
reply_policy (SbCall     *call,
              JsonObject *policy)
{
  g_autoptr(JsonObject) presented = present_policy (call, policy);

  _lk_sandbox_reply_object (call, 200, presented);
}

static gboolean
check_experimental (SbCall *call)
{
  const char *header;

  if (!g_str_equal (call->version, "v2025"))
    return TRUE;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (call->msg),
                                         "X-SailPoint-Experimental");
  if (g_strcmp0 (header, "true") == 0)
    return TRUE;

  _lk_sandbox_reply_error (call, 400,
                           "This API is experimental: send the header X-SailPoint-Experimental: true to use it.");
  return FALSE;
}

static gboolean
name_taken (GPtrArray  *objects,
            const char *name,
            JsonObject *except)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (object != except &&
          g_strcmp0 (json_object_get_string_member_with_default (object, "name", NULL), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_source_ids (SbCall     *call,
                  JsonObject *object,
                  GStrv      *source_ids)
{
  g_autoptr(GError) error = NULL;

  if (!lk_json_get_strv (object, "sourceIds", LK_JSON_OPTIONAL, source_ids, &error))
    {
      _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
      return FALSE;
    }

  for (guint i = 0; *source_ids && (*source_ids)[i]; i++)
    {
      if (_lk_sandbox_find_source (call->sandbox, (*source_ids)[i]) == NULL)
        {
          _lk_sandbox_reply_error (call, 400, "The source '%s' does not exist.", (*source_ids)[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* Types of every known field, the length rule, a unique name. */
static gboolean
validate_policy (SbCall     *call,
                 JsonObject *policy,
                 JsonObject *existing)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) source_ids = NULL;
  gint64 min_length, max_length;

  if (!lk_json_get_string (policy, "name", LK_JSON_REQUIRED, &name, &error) ||
      !lk_json_get_string (policy, "description", LK_JSON_OPTIONAL, &description, &error))
    {
      _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (policy_int_members); i++)
    {
      gint64 value;

      if (!lk_json_get_int (policy, policy_int_members[i], LK_JSON_OPTIONAL, 0, &value, &error))
        {
          _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
          return FALSE;
        }
      if (value < -1)
        {
          _lk_sandbox_reply_error (call, 400, "%s cannot be negative.", policy_int_members[i]);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (policy_boolean_members); i++)
    {
      gboolean value;

      if (!lk_json_get_boolean (policy, policy_boolean_members[i], LK_JSON_OPTIONAL, &value, &error))
        {
          _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
          return FALSE;
        }
    }

  if (*g_strstrip (name) == '\0')
    {
      _lk_sandbox_reply_error (call, 400, "The name of a password policy cannot be empty.");
      return FALSE;
    }

  if (name_taken (call->sandbox->policies, name, existing))
    {
      _lk_sandbox_reply_error (call, 400, "A password policy named '%s' already exists.", name);
      return FALSE;
    }

  min_length = policy_int (policy, "minLength");
  max_length = policy_int (policy, "maxLength");
  if (max_length > 0 && min_length > max_length)
    {
      _lk_sandbox_reply_error (call, 400,
                               "minLength (%" G_GINT64_FORMAT ") cannot be greater than maxLength (%" G_GINT64_FORMAT ").",
                               min_length, max_length);
      return FALSE;
    }

  return check_source_ids (call, policy, &source_ids);
}

static void
stamp_policy (LkSandbox  *self,
              JsonObject *policy,
              JsonObject *existing)
{
  gint64 now_ms = _lk_sandbox_now_usec (self) / 1000;

  /* The server owns these; what the client sent for them does not count. */
  if (existing != NULL)
    {
      json_object_set_member (policy, "dateCreated",
                              json_node_copy (json_object_get_member (existing, "dateCreated")));
      json_object_set_boolean_member (policy, "defaultPolicy",
                                      json_object_get_boolean_member_with_default (existing, "defaultPolicy", FALSE));
    }
  else
    {
      json_object_set_int_member (policy, "dateCreated", now_ms);
      json_object_set_boolean_member (policy, "defaultPolicy", FALSE);
    }
  json_object_set_int_member (policy, "lastUpdated", now_ms);
}

void
_lk_sandbox_handle_policies (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(JsonObject) body = NULL;
  JsonObject *existing;
  guint index;

  if (!check_experimental (call))
    return;

  if (g_str_equal (call->method, "GET"))
    {
      if (!_lk_sandbox_require_right (call, "idn:password-policy:read", NULL))
        return;

      if (call->id == NULL)
        _lk_sandbox_reply_page (call, self->policies, present_policy);
      else if ((existing = _lk_sandbox_find_object (self->policies, call->id, NULL)))
        reply_policy (call, existing);
      else
        _lk_sandbox_reply_error (call, 404, "The password policy '%s' does not exist.", call->id);
      return;
    }

  if (!g_str_equal (call->method, "POST") && !g_str_equal (call->method, "PUT") &&
      !g_str_equal (call->method, "DELETE"))
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  if ((call->id == NULL) != g_str_equal (call->method, "POST"))
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  if (!_lk_sandbox_require_right (call, "idn:password-policy:write", NULL))
    return;

  existing = call->id ? _lk_sandbox_find_object (self->policies, call->id, &index) : NULL;
  if (call->id != NULL && existing == NULL)
    {
      _lk_sandbox_reply_error (call, 404, "The password policy '%s' does not exist.", call->id);
      return;
    }

  if (g_str_equal (call->method, "DELETE"))
    {
      if (json_object_get_boolean_member_with_default (existing, "defaultPolicy", FALSE))
        {
          _lk_sandbox_reply_error (call, 400, "The default password policy cannot be deleted.");
          return;
        }
      g_ptr_array_remove_index (self->policies, index);
      _lk_sandbox_reply_empty (call, 204);
      return;
    }

  if (!(body = _lk_sandbox_parse_body (call)) || !validate_policy (call, body, existing))
    return;

  stamp_policy (call->sandbox, body, existing);

  if (existing != NULL)
    {
      json_object_set_string_member (body, "id", call->id);
      g_ptr_array_index (self->policies, index) = json_object_ref (body);
      json_object_unref (existing);
    }
  else
    {
      g_autofree char *id = _lk_sandbox_random_hex (self, 32);

      json_object_set_string_member (body, "id", id);
      g_ptr_array_add (self->policies, json_object_ref (body));
    }

  reply_policy (call, body);
}

/* A name, a policy that exists, two sources or more that no other group has. */
static gboolean
validate_sync_group (SbCall     *call,
                     JsonObject *group,
                     JsonObject *existing)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *policy_id = NULL;
  g_auto(GStrv) source_ids = NULL;

  if (!lk_json_get_string (group, "name", LK_JSON_REQUIRED, &name, &error) ||
      !lk_json_get_string (group, "passwordPolicyId", LK_JSON_REQUIRED, &policy_id, &error))
    {
      _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
      return FALSE;
    }

  if (*g_strstrip (name) == '\0')
    {
      _lk_sandbox_reply_error (call, 400, "The name of a password sync group cannot be empty.");
      return FALSE;
    }

  if (name_taken (self->sync_groups, name, existing))
    {
      _lk_sandbox_reply_error (call, 400, "A password sync group named '%s' already exists.", name);
      return FALSE;
    }

  if (_lk_sandbox_find_object (self->policies, policy_id, NULL) == NULL)
    {
      _lk_sandbox_reply_error (call, 400, "The password policy '%s' does not exist.", policy_id);
      return FALSE;
    }

  if (!check_source_ids (call, group, &source_ids))
    return FALSE;

  if (source_ids == NULL || g_strv_length (source_ids) < 2)
    {
      _lk_sandbox_reply_error (call, 400, "A password sync group needs at least two sources.");
      return FALSE;
    }

  for (guint i = 0; source_ids[i]; i++)
    {
      for (guint g = 0; g < self->sync_groups->len; g++)
        {
          JsonObject *other = g_ptr_array_index (self->sync_groups, g);
          g_auto(GStrv) other_ids = NULL;

          if (other == existing)
            continue;
          lk_json_get_strv (other, "sourceIds", LK_JSON_OPTIONAL, &other_ids, NULL);
          if (other_ids && g_strv_contains ((const char * const *) other_ids, source_ids[i]))
            {
              _lk_sandbox_reply_error (call, 400, "The source '%s' already belongs to the sync group '%s'.",
                                       source_ids[i], json_object_get_string_member (other, "name"));
              return FALSE;
            }
        }
    }

  return TRUE;
}

void
_lk_sandbox_handle_sync_groups (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GDateTime) now = _lk_sandbox_now (call->sandbox);
  JsonObject *existing;
  guint index;

  if (g_str_equal (call->method, "GET"))
    {
      if (!_lk_sandbox_require_right (call, "idn:password-sync-group:read", "idn:password-sync-group:manage", NULL))
        return;

      if (call->id == NULL)
        _lk_sandbox_reply_page (call, self->sync_groups, NULL);
      else if ((existing = _lk_sandbox_find_object (self->sync_groups, call->id, NULL)))
        _lk_sandbox_reply_object (call, 200, existing);
      else
        _lk_sandbox_reply_error (call, 404, "The password sync group '%s' does not exist.", call->id);
      return;
    }

  if ((!g_str_equal (call->method, "POST") && !g_str_equal (call->method, "PUT") &&
       !g_str_equal (call->method, "DELETE")) ||
      (call->id == NULL) != g_str_equal (call->method, "POST"))
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  if (!_lk_sandbox_require_right (call, "idn:password-sync-group:manage", NULL))
    return;

  existing = call->id ? _lk_sandbox_find_object (self->sync_groups, call->id, &index) : NULL;
  if (call->id != NULL && existing == NULL)
    {
      _lk_sandbox_reply_error (call, 404, "The password sync group '%s' does not exist.", call->id);
      return;
    }

  if (g_str_equal (call->method, "DELETE"))
    {
      g_ptr_array_remove_index (self->sync_groups, index);
      _lk_sandbox_reply_empty (call, 204);
      return;
    }

  if (!(body = _lk_sandbox_parse_body (call)) || !validate_sync_group (call, body, existing))
    return;

  if (existing != NULL)
    {
      json_object_set_string_member (body, "id", call->id);
      json_object_set_member (body, "created", json_node_copy (json_object_get_member (existing, "created")));
      lk_json_set_date_time (body, "modified", now);
      g_ptr_array_index (self->sync_groups, index) = json_object_ref (body);
      json_object_unref (existing);
    }
  else
    {
      g_autofree char *id = _lk_sandbox_random_uuid (self);

      json_object_set_string_member (body, "id", id);
      lk_json_set_date_time (body, "created", now);
      lk_json_set_date_time (body, "modified", now);
      g_ptr_array_add (self->sync_groups, json_object_ref (body));
    }

  _lk_sandbox_reply_object (call, 200, body);
}
