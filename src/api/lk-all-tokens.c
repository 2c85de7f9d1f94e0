/* lk-all-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-all-tokens"

#include "config.h"

#include "lk-all-tokens.h"
#include "lk-client-tokens.h"

/* The tokens of every saved tenant, asked of all of them at once: each
 * through its own client, so each keeps its own rate limit and its own
 * bearer token, and a tenant that fails, waits or is slow holds up only its
 * own part. "tenant-loaded" says when each part is in.
 */
struct _LkAllTokens
{
  GObject     parent_instance;

  LkSession  *session;
  GListStore *loads;      /* LkTenantLoad, in the saved tenants' order */
  char       *owner_id;   /* of the last load: a retry asks the same */
  char       *filters;
};

G_DEFINE_FINAL_TYPE (LkAllTokens, lk_all_tokens, G_TYPE_OBJECT)

enum {
  TENANT_LOADED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
lk_all_tokens_finalize (GObject *object)
{
  LkAllTokens *self = (LkAllTokens *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->loads);
  g_clear_pointer (&self->owner_id, g_free);
  g_clear_pointer (&self->filters, g_free);

  G_OBJECT_CLASS (lk_all_tokens_parent_class)->finalize (object);
}

static void
lk_all_tokens_class_init (LkAllTokensClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_all_tokens_finalize;

  /**
   * LkAllTokens::tenant-loaded:
   * @self: the list
   * @load: the tenant's #LkTenantLoad, done or failed
   *
   * One tenant's part is in, or failed: what is in can be shown without
   * waiting for the others.
   */
  signals [TENANT_LOADED] =
    g_signal_new ("tenant-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LK_TYPE_TENANT_LOAD);
}

static void
lk_all_tokens_init (LkAllTokens *self)
{
  self->loads = g_list_store_new (LK_TYPE_TENANT_LOAD);
}

/**
 * lk_all_tokens_new:
 * @session: the session whose saved tenants are listed
 *
 * Returns: (transfer full): a new #LkAllTokens
 */
LkAllTokens *
lk_all_tokens_new (LkSession *session)
{
  LkAllTokens *self;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  self = g_object_new (LK_TYPE_ALL_TOKENS, NULL);
  self->session = g_object_ref (session);

  return self;
}

/**
 * lk_all_tokens_get_loads:
 * @self: a #LkAllTokens
 *
 * Returns: (transfer none): an #LkTenantLoad per tenant of the last load
 */
GListModel *
lk_all_tokens_get_loads (LkAllTokens *self)
{
  g_return_val_if_fail (LK_IS_ALL_TOKENS (self), NULL);

  return G_LIST_MODEL (self->loads);
}

/**
 * lk_all_tokens_get_tokens:
 * @self: a #LkAllTokens
 *
 * Returns: (transfer full): every token loaded so far, tenant by tenant,
 *   each marked with its tenant
 */
GListModel *
lk_all_tokens_get_tokens (LkAllTokens *self)
{
  GListModel *loads = G_LIST_MODEL (self->loads);
  GListStore *tokens;

  g_return_val_if_fail (LK_IS_ALL_TOKENS (self), NULL);

  tokens = g_list_store_new (LK_TYPE_TOKEN);
  for (guint i = 0; i < g_list_model_get_n_items (loads); i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);
      GListModel *part = lk_tenant_load_get_tokens (load);
      g_autoptr(GPtrArray) items = NULL;
      guint n;

      if (part == NULL || (n = g_list_model_get_n_items (part)) == 0)
        continue;
      items = g_ptr_array_new_full (n, g_object_unref);
      for (guint j = 0; j < n; j++)
        g_ptr_array_add (items, g_list_model_get_item (part, j));
      g_list_store_splice (tokens, g_list_model_get_n_items (G_LIST_MODEL (tokens)), 0, items->pdata, n);
    }

  return G_LIST_MODEL (tokens);
}

/**
 * lk_all_tokens_get_client:
 * @self: a #LkAllTokens
 * @tenant: a tenant of the last load
 *
 * Returns: (transfer none) (nullable): the client @tenant's tokens came
 *   through, to act on them with
 */
LkClient *
lk_all_tokens_get_client (LkAllTokens *self,
                          LkTenant    *tenant)
{
  GListModel *loads = G_LIST_MODEL (self->loads);

  g_return_val_if_fail (LK_IS_ALL_TOKENS (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (loads); i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);

      if (lk_tenant_load_get_tenant (load) == tenant)
        return lk_tenant_load_get_client (load);
    }

  return NULL;
}

/* One tenant's part */

typedef struct {
  LkAllTokens  *self;
  LkTenantLoad *load;
  LkClient     *client;
  gulong        rate_limited_id;
  GTask        *task;      /* the load or retry it belongs to */
} Part;

static void
part_free (Part *part)
{
  if (part->rate_limited_id != 0)
    g_signal_handler_disconnect (part->client, part->rate_limited_id);
  g_clear_object (&part->client);
  g_clear_object (&part->load);
  g_clear_object (&part->self);
  g_free (part);
}

static void part_done (Part         *part,
                       const GError *error);

static void
on_rate_limited_cb (LkClient *client,
                    guint     seconds,
                    Part     *part)
{
  lk_tenant_load_set_waiting (part->load, seconds);
}

static void
on_part_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Part *part = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tokens = lk_client_list_tokens_finish (LK_CLIENT (object), result, &error);

  if (tokens != NULL)
    lk_tenant_load_set_done (part->load, part->client, tokens);
  part_done (part, error);
}

static void
on_part_client_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Part *part = user_data;
  g_autoptr(GError) error = NULL;

  part->client = lk_session_get_tenant_client_finish (LK_SESSION (object), result, &error);
  if (part->client == NULL)
    {
      part_done (part, error);
      return;
    }

  part->rate_limited_id = g_signal_connect (part->client, "rate-limited", G_CALLBACK (on_rate_limited_cb), part);
  lk_client_list_tokens_async (part->client, part->self->owner_id, part->self->filters,
                               g_task_get_cancellable (part->task), on_part_listed_cb, part);
}

static void
start_part (LkAllTokens  *self,
            LkTenantLoad *load,
            GTask        *task)
{
  Part *part = g_new0 (Part, 1);

  part->self = g_object_ref (self);
  part->load = g_object_ref (load);
  part->task = task;
  lk_tenant_load_set_loading (load);
  lk_session_get_tenant_client_async (self->session, lk_tenant_load_get_tenant (load), g_task_get_cancellable (task),
                                      on_part_client_cb, part);
}

/* The task's data: how many parts are still out. */
static void
part_done (Part         *part,
           const GError *error)
{
  GTask *task = part->task;
  guint *pending = g_task_get_task_data (task);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (error != NULL && !cancelled)
    lk_tenant_load_set_failed (part->load, error);
  if (!cancelled)
    g_signal_emit (part->self, signals [TENANT_LOADED], 0, part->load);
  part_free (part);

  if (--*pending > 0)
    return;
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * lk_all_tokens_load_async:
 * @self: a #LkAllTokens
 * @owner_id: (nullable): `me`, or %NULL for every token of each tenant
 * @filters: (nullable): as for lk_client_list_tokens_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every tenant has answered or failed
 * @user_data: data for @callback
 *
 * Asks every saved tenant for its tokens, all at once. The loads are
 * replaced by one per saved tenant; each says how its part went.
 */
void
lk_all_tokens_load_async (LkAllTokens         *self,
                          const char          *owner_id,
                          const char          *filters,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GListModel *tenants;
  GTask *task;
  guint n;

  g_return_if_fail (LK_IS_ALL_TOKENS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_all_tokens_load_async);

  g_free (self->owner_id);
  self->owner_id = g_strdup (owner_id);
  g_free (self->filters);
  self->filters = g_strdup (filters);

  tenants = G_LIST_MODEL (lk_session_get_tenants (self->session));
  n = g_list_model_get_n_items (tenants);
  g_list_store_remove_all (self->loads);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (tenants, i);
      g_autoptr(LkTenantLoad) load = lk_tenant_load_new (tenant);

      g_list_store_append (self->loads, load);
    }

  if (n == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_memdup2 (&n, sizeof n), g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (G_LIST_MODEL (self->loads), i);

      start_part (self, load, task);
    }
}

/**
 * lk_all_tokens_load_finish:
 * @self: a #LkAllTokens
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: %TRUE once every tenant answered or failed (each load says
 *   which); %FALSE only when cancelled
 */
gboolean
lk_all_tokens_load_finish (LkAllTokens   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LK_IS_ALL_TOKENS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lk_all_tokens_retry_async:
 * @self: a #LkAllTokens
 * @load: one of the loads
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the tenant has answered or failed again
 * @user_data: data for @callback
 *
 * Asks one tenant again, as the last load asked it.
 */
void
lk_all_tokens_retry_async (LkAllTokens         *self,
                           LkTenantLoad        *load,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  guint one = 1;

  g_return_if_fail (LK_IS_ALL_TOKENS (self));
  g_return_if_fail (LK_IS_TENANT_LOAD (load));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_all_tokens_retry_async);
  g_task_set_task_data (task, g_memdup2 (&one, sizeof one), g_free);
  start_part (self, load, task);
}

gboolean
lk_all_tokens_retry_finish (LkAllTokens   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (LK_IS_ALL_TOKENS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
