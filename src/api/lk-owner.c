/* lk-owner.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-owner"

#include "config.h"

#include "lk-json.h"
#include "lk-owner.h"

/* PatOwner: the identity a personal access token belongs to. */
struct _LkOwner
{
  GObject parent_instance;

  char *id;
  char *name;
  char *kind;
};

G_DEFINE_FINAL_TYPE (LkOwner, lk_owner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_owner_finalize (GObject *object)
{
  LkOwner *self = (LkOwner *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kind, g_free);

  G_OBJECT_CLASS (lk_owner_parent_class)->finalize (object);
}

static void
lk_owner_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LkOwner *self = LK_OWNER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, lk_owner_get_name (self));
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_owner_class_init (LkOwnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_owner_finalize;
  object_class->get_property = lk_owner_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_owner_init (LkOwner *self)
{
}

/**
 * lk_owner_new_from_json:
 * @object: a PatOwner
 * @error: a location for a #GError
 *
 * `type` is an enum of one value today (IDENTITY); others are kept as sent.
 *
 * Returns: (transfer full) (nullable): the owner
 */
LkOwner *
lk_owner_new_from_json (JsonObject  *object,
                        GError     **error)
{
  g_autoptr(LkOwner) self = g_object_new (LK_TYPE_OWNER, NULL);

  if (!lk_json_get_string (object, "id", LK_JSON_REQUIRED, &self->id, error) ||
      !lk_json_get_string (object, "name", LK_JSON_OPTIONAL, &self->name, error) ||
      !lk_json_get_string (object, "type", LK_JSON_OPTIONAL, &self->kind, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lk_owner_new_take:
 * @kind: (transfer full) (nullable): the type, such as `IDENTITY`
 * @id: (transfer full): the identity's ID
 * @name: (transfer full) (nullable): its display name
 *
 * Returns: (transfer full): the owner, holding the strings given
 */
LkOwner *
lk_owner_new_take (char *kind,
                   char *id,
                   char *name)
{
  LkOwner *self = g_object_new (LK_TYPE_OWNER, NULL);

  self->kind = kind;
  self->id = id;
  self->name = name;
  return self;
}

const char *
lk_owner_get_id (LkOwner *self)
{
  g_return_val_if_fail (LK_IS_OWNER (self), NULL);

  return self->id;
}

/**
 * lk_owner_get_name:
 * @self: a #LkOwner
 *
 * Returns: the display name, or the ID when the tenant sent none
 */
const char *
lk_owner_get_name (LkOwner *self)
{
  g_return_val_if_fail (LK_IS_OWNER (self), NULL);

  return self->name ? self->name : self->id;
}

const char *
lk_owner_get_kind (LkOwner *self)
{
  g_return_val_if_fail (LK_IS_OWNER (self), NULL);

  return self->kind;
}
