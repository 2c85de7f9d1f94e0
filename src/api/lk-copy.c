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

/* @key → @value of each of @items: id → name, or name → id. */
static GHashTable *
index_items (GListModel        *items,
             LkResourceGetName  key,
             LkResourceGetName  value)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_hash_table_insert (index, g_strdup (key (item)), g_strdup (value (item)));
    }

  return index;
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
  g_autoptr(GHashTable) names_here = index_items (here, kind->get_id, kind->get_name);
  g_autoptr(GHashTable) ids_there = index_items (there, kind->get_name, kind->get_id);
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

/* References */

void
lk_copy_references_free (LkCopyReferences *references)
{
  if (references == NULL)
    return;

  g_clear_object (&references->client);
  g_clear_object (&references->items);
  g_clear_object (&references->sources);
  g_clear_object (&references->policies);
  g_free (references);
}

typedef struct {
  LkCopyReferences *references;
  guint             pending;
  GError           *error;    /* the first */
} ReferencesLoad;

static void
references_load_free (ReferencesLoad *load)
{
  lk_copy_references_free (load->references);
  g_clear_error (&load->error);
  g_free (load);
}

/* One of the lists: where it goes, and the load it is part of. */
typedef struct {
  GTask       *task;
  GListModel **slot;
} ReferenceList;

static void
on_reference_list_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ReferenceList *list = user_data;
  g_autoptr(GTask) task = list->task;
  ReferencesLoad *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  *list->slot = lk_client_list_resources_finish (LK_CLIENT (object), result, &error);
  if (*list->slot == NULL && load->error == NULL)
    load->error = g_steal_pointer (&error);
  g_free (list);

  if (--load->pending > 0)
    return;
  if (load->error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&load->references), (GDestroyNotify) lk_copy_references_free);
}

static void
list_reference (LkClient             *client,
                const LkResourceKind *kind,
                GTask                *task,
                GListModel          **slot)
{
  ReferencesLoad *load = g_task_get_task_data (task);
  ReferenceList *list = g_new0 (ReferenceList, 1);

  list->task = g_object_ref (task);
  list->slot = slot;
  load->pending++;
  lk_client_list_resources_async (client, kind, g_task_get_cancellable (task), on_reference_list_cb, list);
}

/**
 * lk_copy_references_load_async:
 * @client: a tenant's client
 * @kind: the collection compared or copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the lists
 * @user_data: data for @callback
 *
 * The tenant's objects of @kind, its sources and (for a sync group) its
 * password policies, asked for at once.
 */
void
lk_copy_references_load_async (LkClient             *client,
                               const LkResourceKind *kind,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ReferencesLoad *load;

  g_return_if_fail (LK_IS_CLIENT (client));
  g_return_if_fail (kind != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_copy_references_load_async);
  load = g_new0 (ReferencesLoad, 1);
  load->references = g_new0 (LkCopyReferences, 1);
  load->references->client = g_object_ref (client);
  g_task_set_task_data (task, load, (GDestroyNotify) references_load_free);

  list_reference (client, kind, task, &load->references->items);
  list_reference (client, &lk_source_kind, task, &load->references->sources);
  if (kind != &lk_password_policy_kind)
    list_reference (client, &lk_password_policy_kind, task, &load->references->policies);
}

/**
 * lk_copy_references_load_finish:
 * @client: a tenant's client
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the lists; a policy's own kind is its policies
 */
LkCopyReferences *
lk_copy_references_load_finish (LkClient      *client,
                                GAsyncResult  *result,
                                GError       **error)
{
  LkCopyReferences *references;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  references = g_task_propagate_pointer (G_TASK (result), error);
  if (references != NULL && references->policies == NULL)
    references->policies = g_object_ref (references->items);

  return references;
}

static void
on_tenant_references_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  LkCopyReferences *references = lk_copy_references_load_finish (LK_CLIENT (object), result, &error);

  if (references == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, references, (GDestroyNotify) lk_copy_references_free);
}

static void
on_tenant_client_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(LkClient) client = lk_session_get_tenant_client_finish (LK_SESSION (object), result, &error);

  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  lk_copy_references_load_async (client, g_task_get_task_data (task), g_task_get_cancellable (task),
                                 on_tenant_references_cb, g_object_ref (task));
}

/**
 * lk_copy_references_load_tenant_async:
 * @session: the session @tenant is saved in
 * @tenant: a saved tenant
 * @kind: the collection compared or copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the lists
 * @user_data: data for @callback
 *
 * lk_copy_references_load_async() for a saved tenant: its client from the
 * session (the keyring's secret, for another than the current one).
 */
void
lk_copy_references_load_tenant_async (LkSession            *session,
                                      LkTenant             *tenant,
                                      const LkResourceKind *kind,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_SESSION (session));
  g_return_if_fail (LK_IS_TENANT (tenant));
  g_return_if_fail (kind != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_copy_references_load_tenant_async);
  g_task_set_task_data (task, (gpointer) kind, NULL);
  lk_session_get_tenant_client_async (session, tenant, cancellable, on_tenant_client_cb, g_steal_pointer (&task));
}

/**
 * lk_copy_references_load_tenant_finish:
 * @session: the session
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the lists, and the client that read them
 */
LkCopyReferences *
lk_copy_references_load_tenant_finish (LkSession     *session,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* @member's id, or ids, as names (sorted: a set of sources has no order). */
static void
name_member (JsonObject           *object,
             const char           *member,
             const LkResourceKind *kind,
             GListModel           *items)
{
  g_autoptr(GHashTable) names = index_items (items, kind->get_id, kind->get_name);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *name = g_hash_table_lookup (names, json_node_get_string (node));

      if (name != NULL)
        json_object_set_string_member (object, member, name);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *ids = json_node_get_array (node);
      g_autoptr(GPtrArray) named = g_ptr_array_new ();
      g_autoptr(JsonArray) sorted = json_array_new ();

      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          JsonNode *element = json_array_get_element (ids, i);
          const char *id = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                           ? json_node_get_string (element) : NULL;
          const char *name = id != NULL ? g_hash_table_lookup (names, id) : NULL;

          /* An id with nothing of that name here stays as it is: it differs wherever it is compared. */
          g_ptr_array_add (named, (gpointer) (name ? name : id ? id : "?"));
        }
      g_ptr_array_sort (named, compare_strings);
      for (guint i = 0; i < named->len; i++)
        json_array_add_string_element (sorted, g_ptr_array_index (named, i));
      json_object_set_array_member (object, member, g_steal_pointer (&sorted));
    }
}

/**
 * lk_copy_name_references:
 * @kind: what @object is
 * @object: a policy or sync group, as its tenant has it
 * @references: its tenant's lists
 *
 * What a person compares: the sources and the policy it names by their
 * names, so that two tenants' objects can be compared at all.
 *
 * Returns: (transfer full): a copy of @object, its references named
 */
JsonObject *
lk_copy_name_references (const LkResourceKind *kind,
                         JsonObject           *object,
                         LkCopyReferences     *references)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  JsonObject *named;

  g_return_val_if_fail (kind != NULL && object != NULL && references != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), object);
  copy = lk_json_deep_copy (node);
  named = json_object_ref (json_node_get_object (copy));
  name_member (named, "sourceIds", &lk_source_kind, references->sources);
  name_member (named, "passwordPolicyId", &lk_password_policy_kind, references->policies);

  return named;
}
