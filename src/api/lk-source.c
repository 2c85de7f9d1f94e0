/* lk-source.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-source"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-json.h"
#include "lk-source.h"

/* A source of the tenant, as GET /sources gives it, read only: what an
 * administrator picks it by (name, type, connector, owner) and the
 * password policies that name it. The rest of the answer is kept as it
 * came.
 */
struct _LkSource
{
  GObject     parent_instance;

  JsonObject *json;
  char       *id;
  char       *name;
  char       *source_type;
  char       *connector_name;
  char       *owner_name;
  GStrv       password_policy_ids;
  GStrv       password_policy_names;
};

G_DEFINE_FINAL_TYPE (LkSource, lk_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SOURCE_TYPE,
  PROP_CONNECTOR_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_source_finalize (GObject *object)
{
  LkSource *self = (LkSource *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->source_type, g_free);
  g_clear_pointer (&self->connector_name, g_free);
  g_clear_pointer (&self->owner_name, g_free);
  g_clear_pointer (&self->password_policy_ids, g_strfreev);
  g_clear_pointer (&self->password_policy_names, g_strfreev);

  G_OBJECT_CLASS (lk_source_parent_class)->finalize (object);
}

static void
lk_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkSource *self = LK_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SOURCE_TYPE:
      g_value_set_string (value, self->source_type);
      break;

    case PROP_CONNECTOR_NAME:
      g_value_set_string (value, self->connector_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_source_class_init (LkSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_source_finalize;
  object_class->get_property = lk_source_get_property;

  /* Readable for GtkStringFilter and GtkPropertyExpression. */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_SOURCE_TYPE] =
    g_param_spec_string ("source-type", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_CONNECTOR_NAME] =
    g_param_spec_string ("connector-name", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_source_init (LkSource *self)
{
}

/**
 * lk_source_new_from_json:
 * @object: a Source
 * @error: a location for a #GError
 *
 * The spec requires a name, an owner and a connector; only the id and name
 * are insisted on here: a source without an owner is still one to pick.
 *
 * Returns: (transfer full) (nullable): the source
 */
LkSource *
lk_source_new_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(LkSource) self = g_object_new (LK_TYPE_SOURCE, NULL);
  g_autoptr(GStrvBuilder) policy_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) policy_names = g_strv_builder_new ();
  JsonObject *owner = NULL;
  JsonArray *policies = NULL;

  if (!lk_json_get_string (object, "id", LK_JSON_OPTIONAL, &self->id, error) ||
      !lk_json_get_string (object, "name", LK_JSON_REQUIRED, &self->name, error) ||
      !lk_json_get_string (object, "type", LK_JSON_OPTIONAL, &self->source_type, error) ||
      !lk_json_get_string (object, "connectorName", LK_JSON_OPTIONAL, &self->connector_name, error) ||
      !lk_json_get_object (object, "owner", LK_JSON_OPTIONAL, &owner, error) ||
      (owner != NULL && !lk_json_get_string (owner, "name", LK_JSON_OPTIONAL, &self->owner_name, error)) ||
      !lk_json_get_array (object, "passwordPolicies", LK_JSON_OPTIONAL, &policies, error))
    return NULL;

  for (guint i = 0; policies != NULL && i < json_array_get_length (policies); i++)
    {
      JsonNode *element = json_array_get_element (policies, i);
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The field “passwordPolicies” should be a list of references"));
          return NULL;
        }
      if (!lk_json_get_string (json_node_get_object (element), "id", LK_JSON_REQUIRED, &id, error) ||
          !lk_json_get_string (json_node_get_object (element), "name", LK_JSON_OPTIONAL, &name, error))
        return NULL;
      g_strv_builder_add (policy_ids, id);
      g_strv_builder_add (policy_names, name != NULL ? name : id);
    }

  self->password_policy_ids = g_strv_builder_end (policy_ids);
  self->password_policy_names = g_strv_builder_end (policy_names);
  self->json = lk_json_copy_object (object);
  return g_steal_pointer (&self);
}

/**
 * lk_source_to_json:
 * @self: a #LkSource
 *
 * Returns: (transfer full): the source as the tenant sent it
 */
JsonObject *
lk_source_to_json (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return lk_json_copy_object (self->json);
}

const char *
lk_source_get_id (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return self->id;
}

const char *
lk_source_get_name (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return self->name;
}

/**
 * lk_source_get_source_type:
 * @self: a #LkSource
 *
 * Returns: (nullable): its type, such as "Active Directory - Direct"
 */
const char *
lk_source_get_source_type (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return self->source_type;
}

/**
 * lk_source_get_connector_name:
 * @self: a #LkSource
 *
 * Returns: (nullable): its connector, such as "Active Directory"
 */
const char *
lk_source_get_connector_name (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return self->connector_name;
}

const char *
lk_source_get_owner_name (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return self->owner_name;
}

/**
 * lk_source_get_password_policy_ids:
 * @self: a #LkSource
 *
 * Returns: (transfer none): the policies that name it, by id
 */
const char * const *
lk_source_get_password_policy_ids (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return (const char * const *) self->password_policy_ids;
}

/**
 * lk_source_get_password_policy_names:
 * @self: a #LkSource
 *
 * Returns: (transfer none): the policies that name it, by name, in the
 *   order of lk_source_get_password_policy_ids()
 */
const char * const *
lk_source_get_password_policy_names (LkSource *self)
{
  g_return_val_if_fail (LK_IS_SOURCE (self), NULL);

  return (const char * const *) self->password_policy_names;
}
