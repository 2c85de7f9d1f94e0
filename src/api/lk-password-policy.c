/* lk-password-policy.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-policy"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-error.h"
#include "lk-json.h"
#include "lk-password-policy.h"

/* PasswordPolicyV3Dto. Its many number and yes/no fields are properties
 * made from one table, so that an editor can bind to each of them. The
 * object as the tenant sent it is kept, so that a PUT carries back the
 * fields this version does not know.
 */

typedef struct {
  const char *member;    /* the JSON name, as the spec has it */
  const char *property;  /* the GObject property */
  gint64      fallback;  /* the spec's "by default": -1 for "not set" */
} IntField;

typedef struct {
  const char *member;
  const char *property;
} FlagField;

static const IntField int_fields[] = {
  { "minLength", "min-length", 0 },
  { "maxLength", "max-length", 0 },
  { "minAlpha", "min-alpha", 0 },
  { "minNumeric", "min-numeric", 0 },
  { "minUpper", "min-upper", 0 },
  { "minLower", "min-lower", 0 },
  { "minSpecial", "min-special", 0 },
  { "minCharacterTypes", "min-character-types", -1 },
  { "maxRepeatedChars", "max-repeated-chars", -1 },
  { "accountIdMinWordLength", "account-id-min-word-length", -1 },
  { "accountNameMinWordLength", "account-name-min-word-length", -1 },
  { "passwordExpiration", "password-expiration", 90 },
  { "firstExpirationReminder", "first-expiration-reminder", -1 },
};

static const FlagField flag_fields[] = {
  { "defaultPolicy", "default-policy" },
  { "enablePasswdExpiration", "enable-passwd-expiration" },
  { "requireStrongAuthn", "require-strong-authn" },
  { "requireStrongAuthOffNetwork", "require-strong-auth-off-network" },
  { "requireStrongAuthUntrustedGeographies", "require-strong-auth-untrusted-geographies" },
  { "useAccountAttributes", "use-account-attributes" },
  { "useDictionary", "use-dictionary" },
  { "useIdentityAttributes", "use-identity-attributes" },
  { "validateAgainstAccountId", "validate-against-account-id" },
  { "validateAgainstAccountName", "validate-against-account-name" },
};

#define N_INTS  G_N_ELEMENTS (int_fields)
#define N_FLAGS G_N_ELEMENTS (flag_fields)

struct _LkPasswordPolicy
{
  GObject parent_instance;

  JsonObject *json;
  char       *id;
  char       *name;
  char       *description;
  GStrv       source_ids;
  GDateTime  *date_created;
  GDateTime  *last_updated;
  gint64      ints[N_INTS];
  gboolean    flags[N_FLAGS];
};

G_DEFINE_FINAL_TYPE (LkPasswordPolicy, lk_password_policy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_SOURCE_IDS,
  PROP_DATE_CREATED,
  PROP_LAST_UPDATED,
  PROP_FIRST_INT,
  PROP_FIRST_FLAG = PROP_FIRST_INT + N_INTS,
  N_PROPS = PROP_FIRST_FLAG + N_FLAGS
};

static GParamSpec *properties [N_PROPS];

static void
lk_password_policy_finalize (GObject *object)
{
  LkPasswordPolicy *self = (LkPasswordPolicy *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->source_ids, g_strfreev);
  g_clear_pointer (&self->date_created, g_date_time_unref);
  g_clear_pointer (&self->last_updated, g_date_time_unref);

  G_OBJECT_CLASS (lk_password_policy_parent_class)->finalize (object);
}

static void
lk_password_policy_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkPasswordPolicy *self = LK_PASSWORD_POLICY (object);

  if (prop_id >= PROP_FIRST_FLAG && prop_id < N_PROPS)
    g_value_set_boolean (value, self->flags[prop_id - PROP_FIRST_FLAG]);
  else if (prop_id >= PROP_FIRST_INT && prop_id < PROP_FIRST_FLAG)
    g_value_set_int64 (value, self->ints[prop_id - PROP_FIRST_INT]);
  else if (prop_id == PROP_ID)
    g_value_set_string (value, self->id);
  else if (prop_id == PROP_NAME)
    g_value_set_string (value, self->name);
  else if (prop_id == PROP_DESCRIPTION)
    g_value_set_string (value, self->description);
  else if (prop_id == PROP_SOURCE_IDS)
    g_value_set_boxed (value, self->source_ids);
  else if (prop_id == PROP_DATE_CREATED)
    g_value_set_boxed (value, self->date_created);
  else if (prop_id == PROP_LAST_UPDATED)
    g_value_set_boxed (value, self->last_updated);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
set_string (LkPasswordPolicy  *self,
            char             **field,
            const GValue      *value,
            guint              prop_id)
{
  if (g_strcmp0 (*field, g_value_get_string (value)) == 0)
    return;

  g_free (*field);
  *field = g_value_dup_string (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

static void
lk_password_policy_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LkPasswordPolicy *self = LK_PASSWORD_POLICY (object);

  if (prop_id >= PROP_FIRST_FLAG && prop_id < N_PROPS)
    {
      gboolean *flag = &self->flags[prop_id - PROP_FIRST_FLAG];

      if (*flag != g_value_get_boolean (value))
        {
          *flag = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (prop_id >= PROP_FIRST_INT && prop_id < PROP_FIRST_FLAG)
    {
      gint64 *number = &self->ints[prop_id - PROP_FIRST_INT];

      if (*number != g_value_get_int64 (value))
        {
          *number = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (prop_id == PROP_NAME)
    set_string (self, &self->name, value, prop_id);
  else if (prop_id == PROP_DESCRIPTION)
    set_string (self, &self->description, value, prop_id);
  else if (prop_id == PROP_SOURCE_IDS)
    {
      g_strfreev (self->source_ids);
      self->source_ids = g_value_dup_boxed (value);
      if (self->source_ids == NULL)
        self->source_ids = g_new0 (char *, 1);
      g_object_notify_by_pspec (object, pspec);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_password_policy_class_init (LkPasswordPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags editable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_password_policy_finalize;
  object_class->get_property = lk_password_policy_get_property;
  object_class->set_property = lk_password_policy_set_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, read_only);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, editable);
  properties [PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, editable);
  properties [PROP_SOURCE_IDS] = g_param_spec_boxed ("source-ids", NULL, NULL, G_TYPE_STRV, editable);
  properties [PROP_DATE_CREATED] = g_param_spec_boxed ("date-created", NULL, NULL, G_TYPE_DATE_TIME, read_only);
  properties [PROP_LAST_UPDATED] = g_param_spec_boxed ("last-updated", NULL, NULL, G_TYPE_DATE_TIME, read_only);

  for (guint i = 0; i < N_INTS; i++)
    properties [PROP_FIRST_INT + i] =
      g_param_spec_int64 (int_fields[i].property, NULL, NULL, -1, G_MAXINT64, int_fields[i].fallback, editable);

  for (guint i = 0; i < N_FLAGS; i++)
    properties [PROP_FIRST_FLAG + i] =
      g_param_spec_boolean (flag_fields[i].property, NULL, NULL, FALSE, editable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_password_policy_init (LkPasswordPolicy *self)
{
  for (guint i = 0; i < N_INTS; i++)
    self->ints[i] = int_fields[i].fallback;

  self->source_ids = g_new0 (char *, 1);
  self->json = json_object_new ();
}

/**
 * lk_password_policy_new:
 *
 * Returns: (transfer full): a policy with the spec's defaults, not yet on any tenant
 */
LkPasswordPolicy *
lk_password_policy_new (void)
{
  return g_object_new (LK_TYPE_PASSWORD_POLICY, NULL);
}

/**
 * lk_password_policy_new_from_json:
 * @object: a PasswordPolicyV3Dto
 * @error: a location for a #GError
 *
 * Dates are read as date-time strings or epoch milliseconds: v3 declares
 * the one and sends the other. A null number keeps the spec's default.
 *
 * Returns: (transfer full) (nullable): the policy
 */
LkPasswordPolicy *
lk_password_policy_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(LkPasswordPolicy) self = lk_password_policy_new ();
  g_auto(GStrv) source_ids = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  /* A policy from a file, not yet the tenant's, has no id. */
  if (!lk_json_get_string (object, "id", LK_JSON_OPTIONAL, &self->id, error) ||
      !lk_json_get_string (object, "name", LK_JSON_OPTIONAL, &self->name, error) ||
      !lk_json_get_string (object, "description", LK_JSON_OPTIONAL, &self->description, error) ||
      !lk_json_get_strv (object, "sourceIds", LK_JSON_OPTIONAL, &source_ids, error) ||
      !lk_json_get_date_time (object, "dateCreated", LK_JSON_OPTIONAL, &self->date_created, error) ||
      !lk_json_get_date_time (object, "lastUpdated", LK_JSON_OPTIONAL, &self->last_updated, error))
    return NULL;

  for (guint i = 0; i < N_INTS; i++)
    if (!lk_json_get_int (object, int_fields[i].member, LK_JSON_OPTIONAL, int_fields[i].fallback,
                          &self->ints[i], error))
      return NULL;

  for (guint i = 0; i < N_FLAGS; i++)
    if (!lk_json_get_boolean (object, flag_fields[i].member, LK_JSON_OPTIONAL, &self->flags[i], error))
      return NULL;

  if (source_ids != NULL)
    {
      g_strfreev (self->source_ids);
      self->source_ids = g_steal_pointer (&source_ids);
    }

  json_object_unref (self->json);
  self->json = json_object_ref (object);

  return g_steal_pointer (&self);
}

static gboolean
has_value (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/**
 * lk_password_policy_to_json:
 * @self: a #LkPasswordPolicy
 *
 * What a POST or a PUT sends: everything the tenant sent, with this
 * version's fields as edited.
 *
 * Returns: (transfer full): a new object
 */
JsonObject *
lk_password_policy_to_json (LkPasswordPolicy *self)
{
  JsonObject *object;

  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), NULL);

  object = lk_json_copy_object (self->json);
  if (self->id != NULL)
    json_object_set_string_member (object, "id", self->id);
  lk_json_set_string (object, "name", self->name);
  lk_json_set_string (object, "description", self->description);
  lk_json_set_strv (object, "sourceIds", (const char * const *) self->source_ids);

  /* A field the tenant left out or sent as null goes back the same way, unless edited. */
  for (guint i = 0; i < N_INTS; i++)
    if (has_value (self->json, int_fields[i].member) || self->ints[i] != int_fields[i].fallback)
      json_object_set_int_member (object, int_fields[i].member, self->ints[i]);
  for (guint i = 0; i < N_FLAGS; i++)
    if (has_value (self->json, flag_fields[i].member) || self->flags[i])
      json_object_set_boolean_member (object, flag_fields[i].member, self->flags[i]);

  return object;
}

const char *
lk_password_policy_get_id (LkPasswordPolicy *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), NULL);

  return self->id;
}

const char *
lk_password_policy_get_name (LkPasswordPolicy *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), NULL);

  return self->name;
}

const char *
lk_password_policy_get_description (LkPasswordPolicy *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), NULL);

  return self->description;
}

/**
 * lk_password_policy_get_source_ids:
 * @self: a #LkPasswordPolicy
 *
 * Returns: (transfer none): the sources the policy governs
 */
const char * const *
lk_password_policy_get_source_ids (LkPasswordPolicy *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), NULL);

  return (const char * const *) self->source_ids;
}

/**
 * lk_password_policy_get_date_created:
 * @self: a #LkPasswordPolicy
 *
 * Returns: (transfer none) (nullable): when it was made
 */
GDateTime *
lk_password_policy_get_date_created (LkPasswordPolicy *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), NULL);

  return self->date_created;
}

/**
 * lk_password_policy_get_last_updated:
 * @self: a #LkPasswordPolicy
 *
 * Returns: (transfer none) (nullable): when it last changed
 */
GDateTime *
lk_password_policy_get_last_updated (LkPasswordPolicy *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), NULL);

  return self->last_updated;
}

/**
 * lk_password_policy_get_int:
 * @self: a #LkPasswordPolicy
 * @property: a number property, such as `min-length`
 *
 * Returns: its value; -1 where the spec means "not set"
 */
gint64
lk_password_policy_get_int (LkPasswordPolicy *self,
                            const char       *property)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), -1);

  for (guint i = 0; i < N_INTS; i++)
    if (g_str_equal (int_fields[i].property, property))
      return self->ints[i];

  g_return_val_if_reached (-1);
}

gboolean
lk_password_policy_get_flag (LkPasswordPolicy *self,
                             const char       *property)
{
  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), FALSE);

  for (guint i = 0; i < N_FLAGS; i++)
    if (g_str_equal (flag_fields[i].property, property))
      return self->flags[i];

  g_return_val_if_reached (FALSE);
}

gboolean
lk_password_policy_is_default (LkPasswordPolicy *self)
{
  return lk_password_policy_get_flag (self, "default-policy");
}

/**
 * lk_password_policy_check:
 * @self: a #LkPasswordPolicy
 * @error: a location for a #GError
 *
 * The rules a policy must keep whatever its form: a name, no negative
 * number but -1 ("not set"), a minimum length within the maximum, and
 * character minimums that fit it. What the tenant would refuse, or worse
 * accept, is refused before it is sent.
 *
 * Returns: whether @self may be sent
 */
gboolean
lk_password_policy_check (LkPasswordPolicy  *self,
                          GError           **error)
{
  gint64 max_length, min_length, letters, needed;

  g_return_val_if_fail (LK_IS_PASSWORD_POLICY (self), FALSE);

  if (lk_json_is_blank (self->name))
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT, _("A policy needs a name"));
      return FALSE;
    }

  for (guint i = 0; i < N_INTS; i++)
    if (self->ints[i] < -1)
      {
        g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT, _("%s cannot be negative"),
                     int_fields[i].member);
        return FALSE;
      }

  max_length = lk_password_policy_get_int (self, "max-length");
  min_length = lk_password_policy_get_int (self, "min-length");
  letters = MAX (lk_password_policy_get_int (self, "min-alpha"),
                 MAX (lk_password_policy_get_int (self, "min-upper"), 0) +
                 MAX (lk_password_policy_get_int (self, "min-lower"), 0));
  needed = MAX (letters, 0) + MAX (lk_password_policy_get_int (self, "min-numeric"), 0) +
           MAX (lk_password_policy_get_int (self, "min-special"), 0);

  if (max_length > 0 && min_length > max_length)
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT,
                   _("The minimum length, %d, is more than the maximum, %d"), (int) MIN (min_length, G_MAXINT),
                   (int) max_length);
      return FALSE;
    }

  if (max_length > 0 && needed > max_length)
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT,
                   _("The character minimums need %d characters, more than the maximum length, %d"),
                   (int) MIN (needed, G_MAXINT), (int) max_length);
      return FALSE;
    }

  if (lk_password_policy_get_int (self, "min-character-types") > 4)
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT,
                           _("A password has four kinds of characters at most: capital letters, lowercase letters, "
                             "digits and special characters"));
      return FALSE;
    }

  return TRUE;
}
