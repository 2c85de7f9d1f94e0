/* lk-identity.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-identity"

#include "config.h"

#include "lk-identity.h"
#include "lk-json.h"

/* A person of the tenant: who owns a token, whose password is set. Read
 * from /public-identities (v3, v2025: `email`) or /identities (beta, v2025:
 * `emailAddress`); the rest of the answer is kept as it came.
 */
struct _LkIdentity
{
  GObject     parent_instance;

  JsonObject *json;
  char       *id;
  char       *name;
  char       *alias;
  char       *email;
};

G_DEFINE_FINAL_TYPE (LkIdentity, lk_identity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ALIAS,
  PROP_EMAIL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_identity_finalize (GObject *object)
{
  LkIdentity *self = (LkIdentity *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->alias, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (lk_identity_parent_class)->finalize (object);
}

static void
lk_identity_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LkIdentity *self = LK_IDENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ALIAS:
      g_value_set_string (value, self->alias);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_identity_class_init (LkIdentityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_identity_finalize;
  object_class->get_property = lk_identity_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_ALIAS] =
    g_param_spec_string ("alias", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_identity_init (LkIdentity *self)
{
}

/**
 * lk_identity_new_from_json:
 * @object: a PublicIdentity or an Identity
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the identity
 */
LkIdentity *
lk_identity_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(LkIdentity) self = g_object_new (LK_TYPE_IDENTITY, NULL);

  if (!lk_json_get_string (object, "id", LK_JSON_OPTIONAL, &self->id, error) ||
      !lk_json_get_string (object, "name", LK_JSON_OPTIONAL, &self->name, error) ||
      !lk_json_get_string (object, "alias", LK_JSON_OPTIONAL, &self->alias, error) ||
      !lk_json_get_string (object, json_object_has_member (object, "emailAddress") ? "emailAddress" : "email",
                           LK_JSON_OPTIONAL, &self->email, error))
    return NULL;

  self->json = lk_json_copy_object (object);
  return g_steal_pointer (&self);
}

/**
 * lk_identity_to_json:
 * @self: a #LkIdentity
 *
 * Returns: (transfer full): the identity as the tenant sent it
 */
JsonObject *
lk_identity_to_json (LkIdentity *self)
{
  g_return_val_if_fail (LK_IS_IDENTITY (self), NULL);

  return lk_json_copy_object (self->json);
}

const char *
lk_identity_get_id (LkIdentity *self)
{
  g_return_val_if_fail (LK_IS_IDENTITY (self), NULL);

  return self->id;
}

/**
 * lk_identity_get_name:
 * @self: a #LkIdentity
 *
 * Returns: (nullable): the display name, such as "Abby Smith"
 */
const char *
lk_identity_get_name (LkIdentity *self)
{
  g_return_val_if_fail (LK_IS_IDENTITY (self), NULL);

  return self->name;
}

/**
 * lk_identity_get_alias:
 * @self: a #LkIdentity
 *
 * Returns: (nullable): the user name, such as "Abby.Smith"
 */
const char *
lk_identity_get_alias (LkIdentity *self)
{
  g_return_val_if_fail (LK_IS_IDENTITY (self), NULL);

  return self->alias;
}

const char *
lk_identity_get_email (LkIdentity *self)
{
  g_return_val_if_fail (LK_IS_IDENTITY (self), NULL);

  return self->email;
}
