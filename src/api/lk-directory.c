/* lk-directory.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-directory"

#include "config.h"

#include <string.h>

#include "lk-client-directory.h"
#include "lk-directory.h"

/* What one tenant's sources and people are called, asked for once: a page
 * that shows 5,000 tokens names their owners with a few requests, not one
 * per row, and not again on the next page. Sources come all at once (a
 * tenant has hundreds); identities by id, fifty to a request, and only
 * those not asked for before: an id the tenant does not know is kept as
 * such, and shown as unknown rather than asked for again.
 *
 * One directory per client, made on first use and kept on the client.
 */

/* Ids in one `id in (…)` filter: the query stays far below URL limits. */
#define IDS_PER_REQUEST 50

struct _LkDirectory
{
  GObject     parent_instance;

  LkClient   *client;           /* weak: the client owns the directory */
  GListModel *sources;          /* NULL until loaded */
  GHashTable *sources_by_id;
  GPtrArray  *source_keys;      /* per source: its name, type and connector casefolded, for searching */
  GPtrArray  *source_waiters;   /* GTasks waiting for the one load */
  GHashTable *identities;       /* id → LkIdentity, or NULL for an id the tenant does not know */
  GQueue      resolvers;        /* GTasks, one after another: no id is asked for twice */
};

G_DEFINE_FINAL_TYPE (LkDirectory, lk_directory, G_TYPE_OBJECT)

static void
unref_unless_unknown (gpointer identity)
{
  if (identity != NULL)
    g_object_unref (identity);
}

static void
lk_directory_finalize (GObject *object)
{
  LkDirectory *self = (LkDirectory *)object;

  g_assert (self->source_waiters == NULL);
  g_assert (g_queue_is_empty (&self->resolvers));

  g_clear_object (&self->sources);
  g_clear_pointer (&self->sources_by_id, g_hash_table_unref);
  g_clear_pointer (&self->source_keys, g_ptr_array_unref);
  g_clear_pointer (&self->identities, g_hash_table_unref);

  G_OBJECT_CLASS (lk_directory_parent_class)->finalize (object);
}

static void
lk_directory_class_init (LkDirectoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_directory_finalize;
}

static void
lk_directory_init (LkDirectory *self)
{
  self->sources_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            unref_unless_unknown);
  g_queue_init (&self->resolvers);
}

/**
 * lk_directory_get_for_client:
 * @client: a tenant's client
 *
 * Returns: (transfer none): the directory of @client's tenant
 */
LkDirectory *
lk_directory_get_for_client (LkClient *client)
{
  LkDirectory *self;

  g_return_val_if_fail (LK_IS_CLIENT (client), NULL);

  self = g_object_get_data (G_OBJECT (client), "lk-directory");
  if (self == NULL)
    {
      self = g_object_new (LK_TYPE_DIRECTORY, NULL);
      self->client = client;
      g_object_set_data_full (G_OBJECT (client), "lk-directory", self, g_object_unref);
    }

  return self;
}

/* Sources */

static void
on_sources_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LkDirectory) self = user_data;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->source_waiters);
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = lk_client_list_resources_finish (LK_CLIENT (object), result, &error);
  if (sources != NULL)
    {
      g_set_object (&self->sources, sources);
      self->source_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
        {
          g_autoptr(LkSource) source = g_list_model_get_item (sources, i);
          const char *texts[] = { lk_source_get_name (source), lk_source_get_source_type (source),
                                  lk_source_get_connector_name (source) };
          char **keys = g_new0 (char *, G_N_ELEMENTS (texts) + 1);

          /* The list keeps the source and its id. */
          g_hash_table_insert (self->sources_by_id, (gpointer) lk_source_get_id (source), source);
          /* Folded once here, not on every keystroke. */
          for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
            keys[k] = g_utf8_casefold (texts[k] != NULL ? texts[k] : "", -1);
          g_ptr_array_add (self->source_keys, keys);
        }
    }

  /* A failure is not kept: the next load asks again, with the right perhaps granted. */
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (sources != NULL)
        g_task_return_pointer (task, g_object_ref (sources), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

/**
 * lk_directory_load_sources_async:
 * @self: a #LkDirectory
 * @cancellable: (nullable): a #GCancellable; cancelling stops this wait, not the load others share
 * @callback: called with every source
 * @user_data: for @callback
 *
 * Every source of the tenant, sorted by name: asked for on the first call,
 * from memory after.
 */
void
lk_directory_load_sources_async (LkDirectory         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_DIRECTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_directory_load_sources_async);

  if (self->sources != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->sources), g_object_unref);
      return;
    }

  if (self->source_waiters == NULL)
    {
      self->source_waiters = g_ptr_array_new_with_free_func (g_object_unref);
      lk_client_search_resources_async (self->client, &lk_source_kind, NULL, "name", 0, NULL, on_sources_listed_cb,
                                        g_object_ref (self));
    }
  g_ptr_array_add (self->source_waiters, g_steal_pointer (&task));
}

/**
 * lk_directory_load_sources_finish:
 *
 * Returns: (transfer full): the tenant's sources, or %NULL with @error set
 *   (such as a 403 naming idn:sources:read)
 */
GListModel *
lk_directory_load_sources_finish (LkDirectory   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_directory_lookup_source:
 * @self: a #LkDirectory
 * @id: a source's id
 *
 * Returns: (transfer none) (nullable): the source, when the sources are
 *   loaded and the tenant has it
 */
LkSource *
lk_directory_lookup_source (LkDirectory *self,
                            const char  *id)
{
  g_return_val_if_fail (LK_IS_DIRECTORY (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->sources_by_id, id) : NULL;
}

/**
 * lk_directory_get_sources_loaded:
 * @self: a #LkDirectory
 *
 * Returns: whether the sources are in memory: lk_directory_lookup_source()
 *   returning %NULL then means the tenant has no such source
 */
gboolean
lk_directory_get_sources_loaded (LkDirectory *self)
{
  g_return_val_if_fail (LK_IS_DIRECTORY (self), FALSE);

  return self->sources != NULL;
}

/**
 * lk_directory_find_sources:
 * @self: a #LkDirectory, its sources loaded
 * @typed: part of a source's name, type or connector, in any case
 * @max: how many at most
 *
 * Names that start so come first, then names that hold it, then sources
 * whose type or connector does.
 *
 * Returns: (transfer full) (element-type LkSource): the matches
 */
GPtrArray *
lk_directory_find_sources (LkDirectory *self,
                           const char  *typed,
                           guint        max)
{
  g_autofree char *needle = g_utf8_casefold (typed, -1);
  g_autoptr(GPtrArray) starts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) holds = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *matches = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (LK_IS_DIRECTORY (self), matches);

  for (guint i = 0; self->source_keys != NULL && i < self->source_keys->len && starts->len < max; i++)
    {
      char **keys = g_ptr_array_index (self->source_keys, i);
      const char *in_name = strstr (keys[0], needle);

      if (in_name == keys[0])
        g_ptr_array_add (starts, g_list_model_get_item (self->sources, i));
      else if (holds->len < max && (in_name != NULL || strstr (keys[1], needle) || strstr (keys[2], needle)))
        g_ptr_array_add (holds, g_list_model_get_item (self->sources, i));
    }

  for (guint i = 0; i < starts->len; i++)
    g_ptr_array_add (matches, g_object_ref (g_ptr_array_index (starts, i)));
  for (guint i = 0; i < holds->len && matches->len < max; i++)
    g_ptr_array_add (matches, g_object_ref (g_ptr_array_index (holds, i)));

  return matches;
}

/* Identities */

typedef struct {
  GStrv  ids;        /* asked for */
  GStrv  batch;      /* in flight */
  guint  next;       /* the first id not yet in a batch */
} Resolving;

static void
resolving_free (Resolving *resolving)
{
  g_strfreev (resolving->ids);
  g_strfreev (resolving->batch);
  g_free (resolving);
}

static void resolve_next_batch (LkDirectory *self);

static void
finish_resolver (LkDirectory *self,
                 GError      *error)
{
  g_autoptr(GTask) task = g_queue_pop_head (&self->resolvers);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

  if (!g_queue_is_empty (&self->resolvers))
    resolve_next_batch (self);
}

static void
on_identities_found_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LkDirectory) self = user_data;
  GTask *task = g_queue_peek_head (&self->resolvers);
  Resolving *resolving = g_task_get_task_data (task);
  g_autoptr(GListModel) found = NULL;
  GError *error = NULL;

  if (!(found = lk_client_list_resources_finish (LK_CLIENT (object), result, &error)))
    {
      finish_resolver (self, error);
      return;
    }

  /* What the tenant did not answer for, it does not know. */
  for (guint i = 0; resolving->batch[i] != NULL; i++)
    g_hash_table_insert (self->identities, g_strdup (resolving->batch[i]), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      LkIdentity *identity = g_list_model_get_item (found, i);

      g_hash_table_insert (self->identities, g_strdup (lk_identity_get_id (identity)), identity);
    }

  resolve_next_batch (self);
}

/* The head resolver's next ids not known yet, or its end. */
static void
resolve_next_batch (LkDirectory *self)
{
  GTask *task = g_queue_peek_head (&self->resolvers);
  Resolving *resolving = g_task_get_task_data (task);
  g_autoptr(GStrvBuilder) batch = g_strv_builder_new ();
  g_autoptr(GHashTable) in_batch = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *filters = NULL;
  guint n = 0;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (g_queue_pop_head (&self->resolvers));
      if (!g_queue_is_empty (&self->resolvers))
        resolve_next_batch (self);
      return;
    }

  for (; resolving->ids[resolving->next] != NULL && n < IDS_PER_REQUEST; resolving->next++)
    {
      const char *id = resolving->ids[resolving->next];

      if (!g_hash_table_contains (self->identities, id) && lk_looks_like_id (id) &&
          g_hash_table_add (in_batch, (gpointer) id))
        {
          g_strv_builder_add (batch, id);
          n++;
        }
    }

  if (n == 0)
    {
      finish_resolver (self, NULL);
      return;
    }

  g_strfreev (resolving->batch);
  resolving->batch = g_strv_builder_end (batch);
  filters = lk_filter_id_in ((const char * const *) resolving->batch);
  lk_client_search_resources_async (self->client, &lk_identity_kind, filters, NULL, IDS_PER_REQUEST,
                                    g_task_get_cancellable (task), on_identities_found_cb, g_object_ref (self));
}

/**
 * lk_directory_resolve_identities_async:
 * @self: a #LkDirectory
 * @ids: identities' ids, such as every token owner on a page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every id is known, or known to be unknown
 * @user_data: for @callback
 *
 * Asks the tenant for the ids it was not asked for before, a batch at a
 * time; then lk_directory_lookup_identity() answers from memory.
 */
void
lk_directory_resolve_identities_async (LkDirectory         *self,
                                       const char * const  *ids,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  Resolving *resolving;

  g_return_if_fail (LK_IS_DIRECTORY (self));
  g_return_if_fail (ids != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_directory_resolve_identities_async);
  resolving = g_new0 (Resolving, 1);
  resolving->ids = g_strdupv ((char **) ids);
  g_task_set_task_data (task, resolving, (GDestroyNotify) resolving_free);

  g_queue_push_tail (&self->resolvers, task);
  if (g_queue_get_length (&self->resolvers) == 1)
    resolve_next_batch (self);
}

gboolean
lk_directory_resolve_identities_finish (LkDirectory   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lk_directory_lookup_identity:
 * @self: a #LkDirectory
 * @id: an identity's id
 * @known: (out) (optional): whether the tenant was asked about @id: %TRUE
 *   with a %NULL return means it does not know it
 *
 * Returns: (transfer none) (nullable): the identity, once resolved
 */
LkIdentity *
lk_directory_lookup_identity (LkDirectory *self,
                              const char  *id,
                              gboolean    *known)
{
  gpointer identity = NULL;
  gboolean asked;

  g_return_val_if_fail (LK_IS_DIRECTORY (self), NULL);

  asked = id != NULL && g_hash_table_lookup_extended (self->identities, id, NULL, &identity);
  if (known != NULL)
    *known = asked;

  return identity;
}
