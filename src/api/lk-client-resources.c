/* lk-client-resources.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lk-client-resources.h"
#include "lk-error.h"
#include "lk-json.h"

/* Collections the API lists, fetches, creates, replaces (PUT of the whole
 * object, fields Latchkey does not know kept) and deletes, one kind at a
 * time. An object the tenant sends must carry its id: without one it
 * could be neither edited nor deleted.
 */

static char *
item_path (const LkResourceKind *kind,
           const char           *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, TRUE);

  return g_strdup_printf ("%s/%s", kind->collection, escaped);
}

static gpointer
item_from_node (const LkResourceKind  *kind,
                JsonNode              *node,
                GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) item = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, _(kind->missing));
      return NULL;
    }

  if (!(item = kind->new_from_json (json_node_get_object (node), &local_error)))
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, "%s: %s", _(kind->unreadable),
                   local_error->message);
      return NULL;
    }

  if (kind->get_id (item) == NULL)
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, _(kind->without_id));
      return NULL;
    }

  return g_steal_pointer (&item);
}

static void
on_resources_listed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const LkResourceKind *kind = g_task_get_task_data (task);
  g_autoptr(GListStore) store = g_list_store_new (kind->item_type ());
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GError) error = NULL;

  if (!(array = lk_client_list_all_finish (LK_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GObject) item = item_from_node (kind, json_array_get_element (array, i), &error);

      if (item == NULL)
        {
          g_prefix_error (&error, _("Item %u of the tenant’s list: "), i + 1);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_list_store_append (store, item);
    }

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

/**
 * lk_client_list_resources_async:
 * @self: a #LkClient
 * @kind: what to list
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: for @callback
 *
 * Every object of the collection, page after page, or several pages at
 * once where the kind says so.
 */
void
lk_client_list_resources_async (LkClient             *self,
                                const LkResourceKind *kind,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  lk_client_search_resources_async (self, kind, NULL, NULL, 0, cancellable, callback, user_data);
}

/**
 * lk_client_search_resources_async:
 * @self: a #LkClient
 * @kind: what to search
 * @filters: (nullable): ISC's `filters`, such as `name sw "Act"`
 * @sorters: (nullable): ISC's `sorters`, such as `name`
 * @limit: 0 for every match; else the first @limit (at most 250), one request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the items; finish with lk_client_list_resources_finish()
 * @user_data: for @callback
 */
void
lk_client_search_resources_async (LkClient             *self,
                                  const LkResourceKind *kind,
                                  const char           *filters,
                                  const char           *sorters,
                                  guint                 limit,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *encoded = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (kind != NULL);

  if (filters != NULL)
    g_hash_table_insert (query, (gpointer) "filters", (gpointer) filters);
  if (sorters != NULL)
    g_hash_table_insert (query, (gpointer) "sorters", (gpointer) sorters);
  encoded = soup_form_encode_hash (query);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_list_resources_async);
  g_task_set_task_data (task, (gpointer) kind, NULL);
  lk_client_search_all_async (self, kind->collection, encoded, limit, kind->concurrent_paging, cancellable,
                              on_resources_listed_cb, g_steal_pointer (&task));
}

/**
 * lk_client_list_resources_finish:
 *
 * Returns: (transfer full): a list of the kind's items, or %NULL with @error set
 */
GListModel *
lk_client_list_resources_finish (LkClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_resource_answered_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gpointer item;

  if (!lk_client_request_finish (LK_CLIENT (object), result, &node, &error) ||
      !(item = item_from_node (g_task_get_task_data (task), node, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, item, g_object_unref);
}

/* Refused before sending: @item breaks a rule of its kind. */
static gboolean
refuse_unless_valid (LkClient             *self,
                     const LkResourceKind *kind,
                     gpointer              item,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (kind->check == NULL || kind->check (item, &error))
    return FALSE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, refuse_unless_valid);
  g_task_return_error (task, g_steal_pointer (&error));
  return TRUE;
}

static void
request_resource (LkClient             *self,
                  const LkResourceKind *kind,
                  const char           *method,
                  const char           *path,
                  JsonObject           *object,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonNode) body = object ? json_node_init_object (json_node_alloc (), object) : NULL;

  g_task_set_source_tag (task, request_resource);
  g_task_set_task_data (task, (gpointer) kind, NULL);
  lk_client_request_async (self, method, path, NULL, body, NULL, cancellable, on_resource_answered_cb,
                           g_steal_pointer (&task));
}

void
lk_client_get_resource_async (LkClient             *self,
                              const LkResourceKind *kind,
                              const char           *id,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = item_path (kind, id);
  request_resource (self, kind, "GET", path, NULL, cancellable, callback, user_data);
}

/**
 * lk_client_create_resource_async:
 * @self: a #LkClient
 * @kind: what @item is
 * @item: the object to create; its id and dates are the tenant's to give
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the object as created
 * @user_data: for @callback
 */
void
lk_client_create_resource_async (LkClient             *self,
                                 const LkResourceKind *kind,
                                 gpointer              item,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, kind->item_type ()));

  if (refuse_unless_valid (self, kind, item, cancellable, callback, user_data))
    return;

  object = lk_resource_to_new_json (kind, item);
  request_resource (self, kind, "POST", kind->collection, object, cancellable, callback, user_data);
}

/* A save that first makes sure the tenant still has what was edited, and
 * (with a history) keeps what it replaces. A delete with a history reads
 * the object first too.
 */
typedef struct {
  const LkResourceKind *kind;
  JsonObject           *object;   /* to PUT; NULL to DELETE */
  char                 *path;
  char                 *id;
  gboolean              force;
  gint64                history_row;
} Update;

static void
update_free (Update *update)
{
  g_clear_pointer (&update->object, json_object_unref);
  g_free (update->path);
  g_free (update->id);
  g_free (update);
}

/* What the tenant did with a save or delete whose replaced version was kept. */
static void
finish_history (LkClient     *self,
                Update       *update,
                const GError *error)
{
  g_autoptr(GError) history_error = NULL;
  LkHistoryState state;

  if (update->history_row == 0)
    return;

  state = error == NULL ? LK_HISTORY_DONE
          : lk_client_error_outcome_unknown (error) ? LK_HISTORY_PENDING : LK_HISTORY_FAILED;
  if (state != LK_HISTORY_PENDING &&
      !lk_history_finish (lk_client_get_history (self), update->history_row, state, &history_error))
    g_warning ("%s", history_error->message);
}

static void
on_replaced_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Update *update = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer item = lk_client_resource_finish (LK_CLIENT (object), result, &error);

  finish_history (LK_CLIENT (object), update, error);
  if (item == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, item, g_object_unref);
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Update *update = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  lk_client_request_finish (LK_CLIENT (object), result, NULL, &error);
  finish_history (LK_CLIENT (object), update, error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, NULL, NULL);
}

/* Keeps @current as the version about to be replaced; FALSE (the task
 * returned) when the history cannot: nothing is sent then.
 */
static gboolean
keep_replaced (GTask      *task,
               JsonObject *current)
{
  LkClient *self = g_task_get_source_object (task);
  Update *update = g_task_get_task_data (task);
  LkHistory *history = lk_client_get_history (self);
  g_autoptr(GDateTime) now = NULL;
  GError *error = NULL;

  if (history == NULL || !update->kind->keeps_history)
    return TRUE;

  now = lk_client_get_now (self);
  update->history_row = lk_history_begin (history, lk_client_get_base_url (self), update->kind->collection,
                                          update->id, current, update->object != NULL ? "update" : "delete",
                                          lk_client_get_saved_by (self), now, &error);
  if (update->history_row == 0)
    {
      g_prefix_error (&error, _("Nothing was sent: the version it would replace cannot be kept. "));
      g_task_return_error (task, error);
      return FALSE;
    }

  return TRUE;
}

static void
on_current_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkClient *self = LK_CLIENT (object);
  Update *update = g_task_get_task_data (task);
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  JsonObject *current_object;

  if (!lk_client_request_finish (self, result, &current, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  current_object = current && JSON_NODE_HOLDS_OBJECT (current) ? json_node_get_object (current) : NULL;
  if (current_object == NULL)
    {
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, "%s",
                               _(update->kind->missing));
      return;
    }

  if (update->object == NULL)
    {
      if (keep_replaced (task, current_object))
        lk_client_request_async (self, "DELETE", update->path, NULL, NULL, NULL, g_task_get_cancellable (task),
                                 on_deleted_cb, g_object_ref (task));
      return;
    }

  /* Someone saved it since it was read: a PUT now would undo their change. */
  if (!update->force && !lk_json_same_member (current_object, update->object, update->kind->version_field))
    {
      const char *name = json_object_get_string_member_with_default (current_object, "name", "");

      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_CHANGED,
                               _("“%s” was changed on the tenant since it was read: saving would undo that change"),
                               name);
      return;
    }

  if (!keep_replaced (task, current_object))
    return;

  cancellable = g_task_get_cancellable (task);
  request_resource (self, update->kind, "PUT", update->path, update->object, cancellable, on_replaced_cb,
                    g_steal_pointer (&task));
}

static gboolean
keeps_history (LkClient             *self,
               const LkResourceKind *kind)
{
  return kind->keeps_history && lk_client_get_history (self) != NULL;
}

/**
 * lk_client_update_resource_async:
 * @self: a #LkClient
 * @kind: what @item is
 * @item: the object, with the id it has at the tenant
 * @force: replace it even if it was changed on the tenant since @item was read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the object as updated
 * @user_data: for @callback
 *
 * A PUT of the whole object: the fields the tenant sent that Latchkey
 * does not know go back as they came. Unless @force, the tenant's object
 * is read first and its change stamp (@kind's version_field) compared
 * with @item's: when someone else saved it in between, nothing is sent
 * and the error is %LK_CLIENT_ERROR_CHANGED. An @item without a stamp
 * (written by hand) has nothing to compare, and is sent.
 */
void
lk_client_update_resource_async (LkClient             *self,
                                 const LkResourceKind *kind,
                                 gpointer              item,
                                 gboolean              force,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;
  JsonNode *stamp;
  Update *update;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, kind->item_type ()));
  g_return_if_fail (kind->get_id (item) != NULL);

  if (refuse_unless_valid (self, kind, item, cancellable, callback, user_data))
    return;

  object = kind->to_json (item);
  path = item_path (kind, kind->get_id (item));
  stamp = kind->version_field ? json_object_get_member (object, kind->version_field) : NULL;

  /* Nothing to compare and nothing to keep: sent as it is. */
  if ((force || stamp == NULL || JSON_NODE_HOLDS_NULL (stamp)) && !keeps_history (self, kind))
    {
      request_resource (self, kind, "PUT", path, object, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_update_resource_async);
  update = g_new0 (Update, 1);
  update->kind = kind;
  update->object = g_steal_pointer (&object);
  update->path = g_steal_pointer (&path);
  update->id = g_strdup (kind->get_id (item));
  update->force = force || stamp == NULL || JSON_NODE_HOLDS_NULL (stamp);
  g_task_set_task_data (task, update, (GDestroyNotify) update_free);
  lk_client_request_async (self, "GET", update->path, NULL, NULL, NULL, cancellable, on_current_cb,
                           g_steal_pointer (&task));
}

/**
 * lk_client_resource_finish:
 *
 * Finishes lk_client_get_resource_async(), lk_client_create_resource_async()
 * and lk_client_update_resource_async().
 *
 * Returns: (transfer full): the object as the tenant has it, or %NULL with @error set
 */
gpointer
lk_client_resource_finish (LkClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Finished with lk_client_request_finish(): nothing comes back but the
 * status. With a history, the object is read first and kept.
 */
void
lk_client_delete_resource_async (LkClient             *self,
                                 const LkResourceKind *kind,
                                 const char           *id,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;
  Update *update;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = item_path (kind, id);
  if (!keeps_history (self, kind))
    {
      lk_client_request_async (self, "DELETE", path, NULL, NULL, NULL, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_delete_resource_async);
  update = g_new0 (Update, 1);
  update->kind = kind;
  update->path = g_steal_pointer (&path);
  update->id = g_strdup (id);
  g_task_set_task_data (task, update, (GDestroyNotify) update_free);
  lk_client_request_async (self, "GET", update->path, NULL, NULL, NULL, cancellable, on_current_cb,
                           g_steal_pointer (&task));
}
