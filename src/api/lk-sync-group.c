/* lk-sync-group.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sync-group"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-error.h"
#include "lk-json.h"
#include "lk-sync-group.h"

/* PasswordSyncGroup: sources that share one password and one policy. */
struct _LkSyncGroup
{
  GObject parent_instance;

  JsonObject *json;
  char       *id;
  char       *name;
  char       *password_policy_id;
  GStrv       source_ids;
  GDateTime  *created;
  GDateTime  *modified;
};

G_DEFINE_FINAL_TYPE (LkSyncGroup, lk_sync_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PASSWORD_POLICY_ID,
  PROP_SOURCE_IDS,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_sync_group_finalize (GObject *object)
{
  LkSyncGroup *self = (LkSyncGroup *)object;

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->password_policy_id, g_free);
  g_clear_pointer (&self->source_ids, g_strfreev);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (lk_sync_group_parent_class)->finalize (object);
}

static void
lk_sync_group_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LkSyncGroup *self = LK_SYNC_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PASSWORD_POLICY_ID:
      g_value_set_string (value, self->password_policy_id);
      break;

    case PROP_SOURCE_IDS:
      g_value_set_boxed (value, self->source_ids);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
replace_string (LkSyncGroup  *self,
                char        **field,
                const GValue *value,
                GParamSpec   *pspec)
{
  if (g_strcmp0 (*field, g_value_get_string (value)) == 0)
    return;

  g_free (*field);
  *field = g_value_dup_string (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
lk_sync_group_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LkSyncGroup *self = LK_SYNC_GROUP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      replace_string (self, &self->name, value, pspec);
      break;

    case PROP_PASSWORD_POLICY_ID:
      replace_string (self, &self->password_policy_id, value, pspec);
      break;

    case PROP_SOURCE_IDS:
      g_strfreev (self->source_ids);
      self->source_ids = g_value_dup_boxed (value);
      if (self->source_ids == NULL)
        self->source_ids = g_new0 (char *, 1);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_sync_group_class_init (LkSyncGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags editable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_sync_group_finalize;
  object_class->get_property = lk_sync_group_get_property;
  object_class->set_property = lk_sync_group_set_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, read_only);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, editable);
  properties [PROP_PASSWORD_POLICY_ID] = g_param_spec_string ("password-policy-id", NULL, NULL, NULL, editable);
  properties [PROP_SOURCE_IDS] = g_param_spec_boxed ("source-ids", NULL, NULL, G_TYPE_STRV, editable);
  properties [PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, read_only);
  properties [PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, read_only);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_sync_group_init (LkSyncGroup *self)
{
  self->json = json_object_new ();
  self->source_ids = g_new0 (char *, 1);
}

LkSyncGroup *
lk_sync_group_new (void)
{
  return g_object_new (LK_TYPE_SYNC_GROUP, NULL);
}

/**
 * lk_sync_group_new_from_json:
 * @object: a PasswordSyncGroup
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the group
 */
LkSyncGroup *
lk_sync_group_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(LkSyncGroup) self = lk_sync_group_new ();
  g_auto(GStrv) source_ids = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  /* No id yet in a group read from a file: the client checks the tenant's. */
  if (!lk_json_get_string (object, "id", LK_JSON_OPTIONAL, &self->id, error) ||
      !lk_json_get_string (object, "name", LK_JSON_OPTIONAL, &self->name, error) ||
      !lk_json_get_string (object, "passwordPolicyId", LK_JSON_OPTIONAL, &self->password_policy_id, error) ||
      !lk_json_get_strv (object, "sourceIds", LK_JSON_OPTIONAL, &source_ids, error) ||
      !lk_json_get_date_time (object, "created", LK_JSON_OPTIONAL, &self->created, error) ||
      !lk_json_get_date_time (object, "modified", LK_JSON_OPTIONAL, &self->modified, error))
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

/**
 * lk_sync_group_to_json:
 * @self: a #LkSyncGroup
 *
 * Returns: (transfer full): what a POST or PUT sends, unknown fields kept
 */
JsonObject *
lk_sync_group_to_json (LkSyncGroup *self)
{
  JsonObject *object;

  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), NULL);

  object = lk_json_copy_object (self->json);
  if (self->id != NULL)
    json_object_set_string_member (object, "id", self->id);
  lk_json_set_string (object, "name", self->name);
  lk_json_set_string (object, "passwordPolicyId", self->password_policy_id);
  lk_json_set_strv (object, "sourceIds", (const char * const *) self->source_ids);

  return object;
}

const char *
lk_sync_group_get_id (LkSyncGroup *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), NULL);

  return self->id;
}

const char *
lk_sync_group_get_name (LkSyncGroup *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), NULL);

  return self->name;
}

const char *
lk_sync_group_get_password_policy_id (LkSyncGroup *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), NULL);

  return self->password_policy_id;
}

/**
 * lk_sync_group_get_source_ids:
 * @self: a #LkSyncGroup
 *
 * Returns: (transfer none): the sources that share the password
 */
const char * const *
lk_sync_group_get_source_ids (LkSyncGroup *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), NULL);

  return (const char * const *) self->source_ids;
}

/**
 * lk_sync_group_get_created:
 * @self: a #LkSyncGroup
 *
 * Returns: (transfer none) (nullable): when it was made
 */
GDateTime *
lk_sync_group_get_created (LkSyncGroup *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), NULL);

  return self->created;
}

/**
 * lk_sync_group_get_modified:
 * @self: a #LkSyncGroup
 *
 * Returns: (transfer none) (nullable): when it last changed
 */
GDateTime *
lk_sync_group_get_modified (LkSyncGroup *self)
{
  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), NULL);

  return self->modified;
}

/**
 * lk_sync_group_check:
 * @self: a #LkSyncGroup
 * @error: a location for a #GError
 *
 * A group needs a name and a policy, and names each source once: what
 * breaks that is refused before it is sent.
 *
 * Returns: whether @self may be sent
 */
gboolean
lk_sync_group_check (LkSyncGroup  *self,
                     GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (LK_IS_SYNC_GROUP (self), FALSE);

  if (lk_json_is_blank (self->name))
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT,
                           _("A password sync group needs a name"));
      return FALSE;
    }

  if (lk_json_is_blank (self->password_policy_id))
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT,
                           _("A password sync group needs a password policy (passwordPolicyId)"));
      return FALSE;
    }

  for (guint i = 0; self->source_ids != NULL && self->source_ids[i] != NULL; i++)
    if (!g_hash_table_add (seen, self->source_ids[i]))
      {
        g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_INPUT,
                             _("A source is named twice in the group"));
        return FALSE;
      }

  return TRUE;
}
