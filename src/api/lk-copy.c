/* lk-copy.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-copy"

#include "config.h"

#include "lk-client-directory.h"
#include "lk-client-policies.h"
#include "lk-copy.h"
#include "lk-json.h"

/* Copying to another tenant: ids that name things there are mapped by the
 * things' names; what has no namesake there is listed and left out, never
 * guessed. The digest binds what would be sent to where it goes, so that a
 * send can insist on being what its preview showed.
 */

void
lk_copy_preview_free (LkCopyPreview *preview)
{
  if (preview == NULL)
    return;

  g_clear_pointer (&preview->object, json_object_unref);
  g_clear_pointer (&preview->left_out, g_ptr_array_unref);
  g_free (preview->digest);
  g_free (preview);
}

/* id → name of @items, of @kind. */
static GHashTable *
names_by_id (const LkResourceKind *kind,
             GListModel           *items)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_hash_table_insert (names, g_strdup (kind->get_id (item)), g_strdup (kind->get_name (item)));
    }

  return names;
}

/* name → id of @items, of @kind. */
static GHashTable *
ids_by_name (const LkResourceKind *kind,
             GListModel           *items)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_hash_table_insert (ids, g_strdup (kind->get_name (item)), g_strdup (kind->get_id (item)));
    }

  return ids;
}

/* The id here, as the id there of the thing of the same name; NULL (and a line in @left_out) when none. */
static const char *
map_id (const char *member,
        const char *id,
        GHashTable *names_here,
        GHashTable *ids_there,
        GPtrArray  *left_out)
{
  const char *name = id != NULL ? g_hash_table_lookup (names_here, id) : NULL;
  const char *there = name != NULL ? g_hash_table_lookup (ids_there, name) : NULL;

  if (there == NULL)
    g_ptr_array_add (left_out, g_strdup_printf ("%s: %s", member, name ? name : id ? id : "?"));
  return there;
}

/* @member's id, or array of ids, mapped from here to there. */
static void
map_member (JsonObject           *object,
            const char           *member,
            const LkResourceKind *kind,
            GListModel           *here,
            GListModel           *there,
            GPtrArray            *left_out)
{
  g_autoptr(GHashTable) names_here = names_by_id (kind, here);
  g_autoptr(GHashTable) ids_there = ids_by_name (kind, there);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *mapped = map_id (member, json_node_get_string (node), names_here, ids_there, left_out);

      if (mapped != NULL)
        json_object_set_string_member (object, member, mapped);
      else
        json_object_remove_member (object, member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *ids = json_node_get_array (node);
      g_autoptr(JsonArray) mapped = json_array_new ();

      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          JsonNode *element = json_array_get_element (ids, i);
          const char *id = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                           ? json_node_get_string (element) : NULL;
          const char *there_id = map_id (member, id, names_here, ids_there, left_out);

          if (there_id != NULL)
            json_array_add_string_element (mapped, there_id);
        }
      json_object_set_array_member (object, member, g_steal_pointer (&mapped));
    }
}

/**
 * lk_copy_preview_new:
 * @kind: what @object is
 * @object: the object, as this tenant has it
 * @sources_here: (nullable): this tenant's sources
 * @sources_there: (nullable): the other tenant's
 * @policies_here: (nullable): this tenant's password policies, for a sync group's
 * @policies_there: (nullable): the other tenant's
 * @target_base_url: the other tenant
 * @error: a location for a #GError
 *
 * Returns: (transfer full): what the other tenant would be sent, or %NULL
 *   when @object is not one of @kind
 */
LkCopyPreview *
lk_copy_preview_new (const LkResourceKind  *kind,
                     JsonObject            *object,
                     GListModel            *sources_here,
                     GListModel            *sources_there,
                     GListModel            *policies_here,
                     GListModel            *policies_there,
                     const char            *target_base_url,
                     GError               **error)
{
  g_autoptr(LkCopyPreview) preview = g_new0 (LkCopyPreview, 1);
  g_autoptr(GObject) item = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const guchar *data;
  gsize length;

  g_return_val_if_fail (kind != NULL && object != NULL && target_base_url != NULL, NULL);

  if (!(item = kind->new_from_json (object, error)))
    return NULL;

  /* What the other tenant makes anew: without this tenant's own fields. */
  preview->object = lk_resource_to_new_json (kind, item);
  preview->left_out = g_ptr_array_new_with_free_func (g_free);
  map_member (preview->object, "sourceIds", &lk_source_kind, sources_here, sources_there, preview->left_out);
  if (json_object_has_member (preview->object, "passwordPolicyId"))
    map_member (preview->object, "passwordPolicyId", &lk_password_policy_kind, policies_here, policies_there,
                preview->left_out);

  node = json_node_init_object (json_node_alloc (), preview->object);
  text = lk_json_to_bytes (node);
  data = g_bytes_get_data (text, &length);
  g_checksum_update (checksum, (const guchar *) target_base_url, -1);
  g_checksum_update (checksum, data, length);
  preview->digest = g_strndup (g_checksum_get_string (checksum), 16);

  return g_steal_pointer (&preview);
}
