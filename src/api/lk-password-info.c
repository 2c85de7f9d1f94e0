/* lk-password-info.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-info"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-json.h"
#include "lk-password-info.h"

/* PasswordInfo: what set-password needs to know about an identity on a
 * source: the accounts, the public key to encrypt with, and the policy's
 * rules in words ("passwordMinLength is 8").
 */
struct _LkPasswordInfo
{
  GObject parent_instance;

  char       *identity_id;
  char       *source_id;
  char       *public_key_id;
  char       *public_key;
  GListStore *accounts;
  GStrv       policies;
};

G_DEFINE_FINAL_TYPE (LkPasswordInfo, lk_password_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IDENTITY_ID,
  PROP_SOURCE_ID,
  PROP_PUBLIC_KEY_ID,
  PROP_ACCOUNTS,
  PROP_POLICIES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_password_info_finalize (GObject *object)
{
  LkPasswordInfo *self = (LkPasswordInfo *)object;

  g_clear_pointer (&self->identity_id, g_free);
  g_clear_pointer (&self->source_id, g_free);
  g_clear_pointer (&self->public_key_id, g_free);
  g_clear_pointer (&self->public_key, g_free);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->policies, g_strfreev);

  G_OBJECT_CLASS (lk_password_info_parent_class)->finalize (object);
}

static void
lk_password_info_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkPasswordInfo *self = LK_PASSWORD_INFO (object);

  switch (prop_id)
    {
    case PROP_IDENTITY_ID:
      g_value_set_string (value, self->identity_id);
      break;

    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;

    case PROP_PUBLIC_KEY_ID:
      g_value_set_string (value, self->public_key_id);
      break;

    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;

    case PROP_POLICIES:
      g_value_set_boxed (value, self->policies);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_password_info_class_init (LkPasswordInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_password_info_finalize;
  object_class->get_property = lk_password_info_get_property;

  properties [PROP_IDENTITY_ID] = g_param_spec_string ("identity-id", NULL, NULL, NULL, flags);
  properties [PROP_SOURCE_ID] = g_param_spec_string ("source-id", NULL, NULL, NULL, flags);
  properties [PROP_PUBLIC_KEY_ID] = g_param_spec_string ("public-key-id", NULL, NULL, NULL, flags);
  properties [PROP_ACCOUNTS] = g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties [PROP_POLICIES] = g_param_spec_boxed ("policies", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_password_info_init (LkPasswordInfo *self)
{
  self->accounts = g_list_store_new (LK_TYPE_PASSWORD_ACCOUNT);
}

/**
 * lk_password_info_new_from_json:
 * @object: a PasswordInfo
 * @error: a location for a #GError
 *
 * The IDs and the key are what set-password cannot do without: they are
 * required here although the spec lists none as required.
 *
 * Returns: (transfer full) (nullable): the info
 */
LkPasswordInfo *
lk_password_info_new_from_json (JsonObject  *object,
                                GError     **error)
{
  g_autoptr(LkPasswordInfo) self = g_object_new (LK_TYPE_PASSWORD_INFO, NULL);
  JsonArray *accounts;

  g_return_val_if_fail (object != NULL, NULL);

  if (!lk_json_get_string (object, "identityId", LK_JSON_REQUIRED, &self->identity_id, error) ||
      !lk_json_get_string (object, "sourceId", LK_JSON_REQUIRED, &self->source_id, error) ||
      !lk_json_get_string (object, "publicKeyId", LK_JSON_REQUIRED, &self->public_key_id, error) ||
      !lk_json_get_string (object, "publicKey", LK_JSON_REQUIRED, &self->public_key, error) ||
      !lk_json_get_strv (object, "policies", LK_JSON_OPTIONAL, &self->policies, error))
    return NULL;

  if (!lk_json_get_array (object, "accounts", LK_JSON_OPTIONAL, &accounts, error))
    return NULL;

  for (guint i = 0; accounts != NULL && i < json_array_get_length (accounts); i++)
    {
      g_autoptr(LkPasswordAccount) account = NULL;
      JsonNode *element = json_array_get_element (accounts, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Account %u is not an object"), i + 1);
          return NULL;
        }
      if (!(account = lk_password_account_new_from_json (json_node_get_object (element), error)))
        return NULL;
      g_list_store_append (self->accounts, account);
    }

  if (self->policies == NULL)
    self->policies = g_new0 (char *, 1);

  return g_steal_pointer (&self);
}

const char *
lk_password_info_get_identity_id (LkPasswordInfo *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_INFO (self), NULL);

  return self->identity_id;
}

const char *
lk_password_info_get_source_id (LkPasswordInfo *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_INFO (self), NULL);

  return self->source_id;
}

const char *
lk_password_info_get_public_key_id (LkPasswordInfo *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_INFO (self), NULL);

  return self->public_key_id;
}

/**
 * lk_password_info_get_public_key:
 * @self: a #LkPasswordInfo
 *
 * Returns: base64 of a DER SubjectPublicKeyInfo
 */
const char *
lk_password_info_get_public_key (LkPasswordInfo *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_INFO (self), NULL);

  return self->public_key;
}

/**
 * lk_password_info_get_accounts:
 * @self: a #LkPasswordInfo
 *
 * Returns: (transfer none): the identity's accounts on the source, as #LkPasswordAccount
 */
GListModel *
lk_password_info_get_accounts (LkPasswordInfo *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_INFO (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

/**
 * lk_password_info_get_policies:
 * @self: a #LkPasswordInfo
 *
 * Returns: (transfer none): the policy's rules in the tenant's words
 */
const char * const *
lk_password_info_get_policies (LkPasswordInfo *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_INFO (self), NULL);

  return (const char * const *) self->policies;
}
