/* lk-token-list-model.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-token-list-model"
#define _GNU_SOURCE   /* memmem() */

#include "config.h"

#include <string.h>

#include "lk-token-list-model.h"

/* The tokens of a tenant, sorted by one column and filtered by the search,
 * as one GListModel over plain arrays.
 *
 * A tenant can have 100,000 tokens and the search filters as one types.
 * GtkFilterListModel over GtkSortListModel over GListStore costs 20 to
 * 120 ms a keystroke at that size in GTK 4.8, most of it in per-item
 * calls through three models. Here a keystroke is one memmem() scan of
 * the search keys, laid end to end when the list arrived, and one
 * items-changed that spans only the rows that differ. Sort keys are made
 * once per column and list.
 */

struct _LkTokenListModel
{
  GObject      parent_instance;

  GPtrArray   *tokens;           /* every token, in the tenant's order */
  guint       *order;            /* indices into tokens, sorted */
  guint       *shown;            /* indices into tokens, sorted, matching: the items */
  guint        n_shown;

  LkTokenSort  sort;
  gboolean     descending;
  LkTokenSort  keys_sort;        /* the column the keys below are for */
  gint64      *number_keys;
  const char **text_keys;        /* into collated */
  GHashTable  *collated;         /* text → its collation key */

  char        *search;           /* casefolded */
  char        *search_text;      /* every token's search key, in the tenant's order, each ending in NUL */
  gsize       *search_offsets;   /* where each key starts; the last is the end of the text */
  guint8      *matched;          /* per token: whether the search and the expiry filter let it through */
  gboolean     expiring_only;
  gint64       expiring_before;
  guint8      *expiring;         /* per token: whether it expires before expiring_before */

  GCancellable *preparing;       /* a list being made ready in a thread */
};

static void lk_token_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkTokenListModel, lk_token_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lk_token_list_model_list_model_init))

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* GListModel */

static GType
lk_token_list_model_get_item_type (GListModel *model)
{
  return LK_TYPE_TOKEN;
}

static guint
lk_token_list_model_get_n_items (GListModel *model)
{
  return LK_TOKEN_LIST_MODEL (model)->n_shown;
}

static gpointer
lk_token_list_model_get_item (GListModel *model,
                              guint       position)
{
  LkTokenListModel *self = LK_TOKEN_LIST_MODEL (model);

  if (position >= self->n_shown)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->tokens, self->shown[position]));
}

static void
lk_token_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_token_list_model_get_item_type;
  iface->get_n_items = lk_token_list_model_get_n_items;
  iface->get_item = lk_token_list_model_get_item;
}

/* Keys */

/* Missing dates sort first: "never used" is the oldest use. */
static gint64
date_key (GDateTime *date)
{
  if (date == NULL)
    return G_MININT64;

  return g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
}

static char *
sort_text (LkToken     *token,
           LkTokenSort  sort)
{
  switch (sort)
    {
    case LK_TOKEN_SORT_NAME:
      return g_strdup (lk_token_get_name (token));

    case LK_TOKEN_SORT_OWNER:
      return g_strdup (lk_owner_get_name (lk_token_get_owner (token)));

    case LK_TOKEN_SORT_SCOPES:
      return g_strjoinv (",", (char **) lk_token_get_scopes (token));

    case LK_TOKEN_SORT_TENANT:
      return g_strdup (lk_token_get_tenant (token) ? lk_tenant_get_name (lk_token_get_tenant (token)) : "");

    case LK_TOKEN_SORT_CREATED:
    case LK_TOKEN_SORT_LAST_USED:
    case LK_TOKEN_SORT_EXPIRES:
    case LK_TOKEN_SORT_MANAGED:
    case LK_TOKEN_SORT_NONE:
    default:
      g_assert_not_reached ();
    }
}

static gint64
sort_number (LkToken     *token,
             LkTokenSort  sort)
{
  switch (sort)
    {
    case LK_TOKEN_SORT_CREATED:
      return date_key (lk_token_get_created (token));

    case LK_TOKEN_SORT_LAST_USED:
      return date_key (lk_token_get_last_used (token));

    case LK_TOKEN_SORT_EXPIRES:
      return date_key (lk_token_get_expiration_date (token));

    case LK_TOKEN_SORT_MANAGED:
      return lk_token_get_managed (token);

    case LK_TOKEN_SORT_NAME:
    case LK_TOKEN_SORT_OWNER:
    case LK_TOKEN_SORT_SCOPES:
    case LK_TOKEN_SORT_TENANT:
    case LK_TOKEN_SORT_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
clear_keys (LkTokenListModel *self)
{
  g_clear_pointer (&self->number_keys, g_free);
  g_clear_pointer (&self->text_keys, g_free);
  g_hash_table_remove_all (self->collated);
  self->keys_sort = LK_TOKEN_SORT_NONE;
}

static void
ensure_keys (LkTokenListModel *self)
{
  guint n = self->tokens->len;

  if (self->keys_sort == self->sort)
    return;

  clear_keys (self);
  self->keys_sort = self->sort;

  switch (self->sort)
    {
    case LK_TOKEN_SORT_NAME:
    case LK_TOKEN_SORT_OWNER:
    case LK_TOKEN_SORT_SCOPES:
    case LK_TOKEN_SORT_TENANT:
      /* Owners, scope sets and tenants repeat: one collation key per distinct text. */
      self->text_keys = g_new (const char *, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = sort_text (g_ptr_array_index (self->tokens, i), self->sort);
          const char *key = g_hash_table_lookup (self->collated, text);

          if (key == NULL)
            {
              g_autofree char *folded = g_utf8_casefold (text, -1);

              /* Casefolded first: "backup" between "Ansible" and "CI", in any locale. */
              key = g_utf8_collate_key (folded, -1);
              g_hash_table_insert (self->collated, g_steal_pointer (&text), (char *) key);
            }
          self->text_keys[i] = key;
        }
      break;

    case LK_TOKEN_SORT_CREATED:
    case LK_TOKEN_SORT_LAST_USED:
    case LK_TOKEN_SORT_EXPIRES:
    case LK_TOKEN_SORT_MANAGED:
      self->number_keys = g_new (gint64, n);
      for (guint i = 0; i < n; i++)
        self->number_keys[i] = sort_number (g_ptr_array_index (self->tokens, i), self->sort);
      break;

    case LK_TOKEN_SORT_NONE:
    default:
      break;
    }
}

/* Ties keep the tenant's order, so that a sort is the same every time. */
static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  LkTokenListModel *self = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int result;

  if (self->text_keys != NULL)
    result = strcmp (self->text_keys[i], self->text_keys[j]);
  else
    result = (self->number_keys[i] > self->number_keys[j]) - (self->number_keys[i] < self->number_keys[j]);

  if (self->descending)
    result = -result;

  return result != 0 ? result : (i > j) - (i < j);
}

static void
sort_order (LkTokenListModel *self)
{
  for (guint i = 0; i < self->tokens->len; i++)
    self->order[i] = i;

  if (self->sort == LK_TOKEN_SORT_NONE)
    return;

  ensure_keys (self);
  g_qsort_with_data (self->order, self->tokens->len, sizeof (guint), compare_positions, self);
}

/* Filtering */

/* The keys of scattered token objects cost a cache miss each; one buffer
 * scanned with memmem() is several times faster.
 */
static void
build_search_text (LkTokenListModel *self)
{
  guint n = self->tokens->len;
  gsize length = 0;

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_offsets, g_free);
  self->search_offsets = g_new (gsize, n + 1);
  for (guint i = 0; i < n; i++)
    {
      self->search_offsets[i] = length;
      length += strlen (lk_token_get_search_key (g_ptr_array_index (self->tokens, i))) + 1;
    }
  self->search_offsets[n] = length;

  self->search_text = g_malloc (MAX (length, 1));
  for (guint i = 0; i < n; i++)
    {
      const char *key = lk_token_get_search_key (g_ptr_array_index (self->tokens, i));

      memcpy (self->search_text + self->search_offsets[i], key, self->search_offsets[i + 1] - self->search_offsets[i]);
    }
}

static void
mark_expiring (LkTokenListModel *self)
{
  g_clear_pointer (&self->expiring, g_free);
  if (!self->expiring_only)
    return;

  self->expiring = g_new (guint8, MAX (self->tokens->len, 1));
  for (guint i = 0; i < self->tokens->len; i++)
    {
      GDateTime *expiration = lk_token_get_expiration_date (g_ptr_array_index (self->tokens, i));

      /* A token that never expires is not expiring. */
      self->expiring[i] = expiration != NULL && date_key (expiration) <= self->expiring_before;
    }
}

static void
mark_matches (LkTokenListModel *self)
{
  guint n = self->tokens->len;
  gsize search_length = strlen (self->search);
  gsize end = self->search_offsets[n];
  gsize offset = 0;
  guint i = 0;

  if (search_length == 0)
    {
      memset (self->matched, TRUE, n);
      return;
    }

  memset (self->matched, FALSE, n);
  while (offset < end)
    {
      const char *hit = memmem (self->search_text + offset, end - offset, self->search, search_length);

      if (hit == NULL)
        break;

      /* A hit never spans two keys: the search has no NUL. */
      while (self->search_offsets[i + 1] <= (gsize) (hit - self->search_text))
        i++;
      self->matched[i] = TRUE;
      offset = self->search_offsets[i + 1];
    }
}

/* Emits one items-changed over the rows between the unchanged head and tail. */
static void
replace_shown (LkTokenListModel *self,
               guint            *shown,
               guint             n_shown,
               gboolean          same_tokens)
{
  guint old_n = self->n_shown;
  guint head = 0, tail = 0;

  if (same_tokens)
    {
      while (head < old_n && head < n_shown && self->shown[head] == shown[head])
        head++;
      while (tail < old_n - head && tail < n_shown - head &&
             self->shown[old_n - 1 - tail] == shown[n_shown - 1 - tail])
        tail++;
    }

  g_free (self->shown);
  self->shown = shown;
  self->n_shown = n_shown;

  if (old_n - head - tail > 0 || n_shown - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old_n - head - tail, n_shown - head - tail);
}

static void
refilter (LkTokenListModel *self,
          gboolean          same_tokens)
{
  guint n = self->tokens->len;
  guint *shown = g_new (guint, MAX (n, 1));
  guint n_shown = 0;

  mark_matches (self);
  for (guint i = 0; i < n; i++)
    {
      guint index = self->order[i];

      if (self->matched[index] && (!self->expiring_only || self->expiring[index]))
        shown[n_shown++] = index;
    }

  replace_shown (self, shown, n_shown, same_tokens);
}

/* GObject */

static void
lk_token_list_model_dispose (GObject *object)
{
  LkTokenListModel *self = (LkTokenListModel *)object;

  g_cancellable_cancel (self->preparing);

  G_OBJECT_CLASS (lk_token_list_model_parent_class)->dispose (object);
}

static void
lk_token_list_model_finalize (GObject *object)
{
  LkTokenListModel *self = (LkTokenListModel *)object;

  clear_keys (self);
  g_clear_pointer (&self->collated, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_ptr_array_unref);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_offsets, g_free);
  g_clear_pointer (&self->matched, g_free);
  g_clear_pointer (&self->expiring, g_free);
  g_clear_object (&self->preparing);

  G_OBJECT_CLASS (lk_token_list_model_parent_class)->finalize (object);
}

static void
lk_token_list_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LkTokenListModel *self = LK_TOKEN_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_list_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LkTokenListModel *self = LK_TOKEN_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      lk_token_list_model_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_list_model_class_init (LkTokenListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_token_list_model_dispose;
  object_class->finalize = lk_token_list_model_finalize;
  object_class->get_property = lk_token_list_model_get_property;
  object_class->set_property = lk_token_list_model_set_property;

  /**
   * LkTokenListModel:search:
   *
   * What a token's name, owner or scopes must contain, casefolded.
   */
  properties [PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_token_list_model_init (LkTokenListModel *self)
{
  self->tokens = g_ptr_array_new_with_free_func (g_object_unref);
  self->order = g_new (guint, 1);
  self->shown = g_new (guint, 1);
  self->collated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->search = g_strdup ("");
  self->search_offsets = g_new0 (gsize, 1);
  self->matched = g_new (guint8, 1);
  self->sort = LK_TOKEN_SORT_NONE;
  self->keys_sort = LK_TOKEN_SORT_NONE;
}

LkTokenListModel *
lk_token_list_model_new (void)
{
  return g_object_new (LK_TYPE_TOKEN_LIST_MODEL, NULL);
}

/* Every token of @tokens in place of the ones held, searchable and sorted; not yet filtered. */
static void
take_tokens (LkTokenListModel *self,
             GListModel       *tokens,
             guint             n)
{
  clear_keys (self);
  g_ptr_array_set_size (self->tokens, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->tokens, g_list_model_get_item (tokens, i));

  g_free (self->order);
  self->order = g_new (guint, MAX (n, 1));
  g_free (self->matched);
  self->matched = g_new (guint8, MAX (n, 1));
  build_search_text (self);
  mark_expiring (self);
  sort_order (self);
}

/**
 * lk_token_list_model_set_tokens:
 * @self: a #LkTokenListModel
 * @tokens: (nullable): a list of #LkToken, or %NULL for none
 *
 * Replaces every token, in one items-changed.
 */
void
lk_token_list_model_set_tokens (LkTokenListModel *self,
                                GListModel       *tokens)
{
  guint n = tokens != NULL ? g_list_model_get_n_items (tokens) : 0;

  g_return_if_fail (LK_IS_TOKEN_LIST_MODEL (self));
  g_return_if_fail (tokens == NULL || g_type_is_a (g_list_model_get_item_type (tokens), LK_TYPE_TOKEN));

  g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
  take_tokens (self, tokens, n);
  refilter (self, FALSE);
}

/* Loading 100,000 tokens: made ready in a thread (search text, sort keys,
 * order, matches) in a model of its own, then taken in at once, so that
 * the main loop is never held for the lot.
 */

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LkTokenListModel *staging = task_data;
  GListModel *tokens = g_object_get_data (G_OBJECT (task), "lk-tokens");

  take_tokens (staging, tokens, tokens != NULL ? g_list_model_get_n_items (tokens) : 0);
  refilter (staging, FALSE);
  /* Dropped here, not in the main loop: a list of 300,000 takes 15 ms to free. */
  g_object_set_data (G_OBJECT (task), "lk-tokens", NULL);
  g_task_return_boolean (task, TRUE);
}

/* The sort, search and expiry filter of @from, on @to. */
static void
copy_settings (LkTokenListModel *to,
               LkTokenListModel *from)
{
  to->sort = from->sort;
  to->descending = from->descending;
  to->expiring_only = from->expiring_only;
  to->expiring_before = from->expiring_before;
  g_free (to->search);
  to->search = g_strdup (from->search);
}

/* What changed on @self while @staging was made ready, made on @staging too. */
static void
follow_settings (LkTokenListModel *staging,
                 LkTokenListModel *self)
{
  gboolean resort = staging->sort != self->sort || staging->descending != self->descending;
  gboolean remark = staging->expiring_only != self->expiring_only ||
                    staging->expiring_before != self->expiring_before;

  if (!resort && !remark && g_str_equal (staging->search, self->search))
    return;

  copy_settings (staging, self);
  if (remark)
    mark_expiring (staging);
  if (resort)
    sort_order (staging);
  refilter (staging, FALSE);
}

#define TAKE(field) G_STMT_START { gpointer taken = self->field; self->field = staging->field; staging->field = taken; } G_STMT_END

static void
on_prepared_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) caller = user_data;
  LkTokenListModel *self = g_task_get_source_object (caller);
  LkTokenListModel *staging = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint *shown;

  if (!g_task_propagate_boolean (G_TASK (result), &error) || g_task_return_error_if_cancelled (caller))
    {
      if (error != NULL)
        g_task_return_error (caller, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&self->preparing);
  follow_settings (staging, self);
  TAKE (tokens);
  TAKE (order);
  TAKE (number_keys);
  TAKE (text_keys);
  TAKE (collated);
  TAKE (search_text);
  TAKE (search_offsets);
  TAKE (matched);
  TAKE (expiring);
  self->keys_sort = staging->keys_sort;
  staging->keys_sort = LK_TOKEN_SORT_NONE;
  shown = g_steal_pointer (&staging->shown);
  staging->shown = g_new (guint, 1);
  replace_shown (self, shown, staging->n_shown, FALSE);
  g_task_return_boolean (caller, TRUE);
}

#undef TAKE

/**
 * lk_token_list_model_set_tokens_async:
 * @self: a #LkTokenListModel
 * @tokens: a list of #LkToken, which nothing else may change meanwhile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the tokens are in, in one items-changed
 * @user_data: for @callback
 *
 * As lk_token_list_model_set_tokens(), the work done in a thread. The sort,
 * search and expiry filter set meanwhile are followed; a later call, sync
 * or not, replaces this one (which then ends cancelled).
 */
void
lk_token_list_model_set_tokens_async (LkTokenListModel    *self,
                                      GListModel          *tokens,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) caller = NULL;
  g_autoptr(GTask) task = NULL;
  LkTokenListModel *staging;

  g_return_if_fail (LK_IS_TOKEN_LIST_MODEL (self));
  g_return_if_fail (G_IS_LIST_MODEL (tokens));

  g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
  self->preparing = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  caller = g_task_new (self, self->preparing, callback, user_data);
  g_task_set_source_tag (caller, lk_token_list_model_set_tokens_async);

  staging = lk_token_list_model_new ();
  copy_settings (staging, self);

  task = g_task_new (NULL, self->preparing, on_prepared_cb, g_steal_pointer (&caller));
  g_task_set_task_data (task, staging, g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "lk-tokens", g_object_ref (tokens), g_object_unref);
  g_task_run_in_thread (task, prepare_thread);
}

gboolean
lk_token_list_model_set_tokens_finish (LkTokenListModel  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (LK_IS_TOKEN_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lk_token_list_model_replace_token:
 * @self: a #LkTokenListModel
 * @token: a token as the tenant has it now, such as one renamed
 *
 * Puts @token where the token with its id was, sorted and filtered again:
 * only the rows that moved change, so a view keeps its place.
 *
 * Returns: whether a token with @token's id was there
 */
gboolean
lk_token_list_model_replace_token (LkTokenListModel *self,
                                   LkToken          *token)
{
  guint index;

  g_return_val_if_fail (LK_IS_TOKEN_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (LK_IS_TOKEN (token), FALSE);

  for (index = 0; index < self->tokens->len; index++)
    if (g_strcmp0 (lk_token_get_id (g_ptr_array_index (self->tokens, index)), lk_token_get_id (token)) == 0)
      break;
  if (index == self->tokens->len)
    return FALSE;

  g_object_unref (g_ptr_array_index (self->tokens, index));
  self->tokens->pdata[index] = g_object_ref (token);

  clear_keys (self);
  build_search_text (self);
  mark_expiring (self);
  sort_order (self);
  refilter (self, TRUE);

  /* Where it stayed put, its row still shows the old token. */
  for (guint position = 0; position < self->n_shown; position++)
    if (self->shown[position] == index)
      {
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        break;
      }

  return TRUE;
}

/**
 * lk_token_list_model_get_n_tokens:
 * @self: a #LkTokenListModel
 *
 * Returns: how many tokens there are, shown or not
 */
guint
lk_token_list_model_get_n_tokens (LkTokenListModel *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_LIST_MODEL (self), 0);

  return self->tokens->len;
}

/**
 * lk_token_list_model_get_token:
 * @self: a #LkTokenListModel
 * @position: a position in the list as shown
 *
 * g_list_model_get_item() without the reference.
 *
 * Returns: (transfer none) (nullable): the token at @position
 */
LkToken *
lk_token_list_model_get_token (LkTokenListModel *self,
                               guint             position)
{
  g_return_val_if_fail (LK_IS_TOKEN_LIST_MODEL (self), NULL);

  if (position >= self->n_shown)
    return NULL;

  return g_ptr_array_index (self->tokens, self->shown[position]);
}

/**
 * lk_token_list_model_find_token:
 * @self: a #LkTokenListModel
 * @id: a token's ID
 *
 * A walk over every token, shown or not: for a handful of lookups.
 *
 * Returns: (transfer none) (nullable): the token with @id
 */
LkToken *
lk_token_list_model_find_token (LkTokenListModel *self,
                                const char       *id)
{
  g_return_val_if_fail (LK_IS_TOKEN_LIST_MODEL (self), NULL);

  for (guint i = 0; i < self->tokens->len; i++)
    if (g_str_equal (lk_token_get_id (g_ptr_array_index (self->tokens, i)), id))
      return g_ptr_array_index (self->tokens, i);

  return NULL;
}

/**
 * lk_token_list_model_set_sort:
 * @self: a #LkTokenListModel
 * @sort: the column to sort by, or %LK_TOKEN_SORT_NONE for the tenant's order
 * @descending: whether the largest comes first
 */
void
lk_token_list_model_set_sort (LkTokenListModel *self,
                              LkTokenSort       sort,
                              gboolean          descending)
{
  g_return_if_fail (LK_IS_TOKEN_LIST_MODEL (self));
  g_return_if_fail (sort <= LK_TOKEN_SORT_NONE);

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;

  self->sort = sort;
  self->descending = descending;
  sort_order (self);
  refilter (self, TRUE);
}

const char *
lk_token_list_model_get_search (LkTokenListModel *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_LIST_MODEL (self), NULL);

  return self->search;
}

/**
 * lk_token_list_model_set_search:
 * @self: a #LkTokenListModel
 * @search: (nullable): what to look for; leading and trailing space is ignored
 */
void
lk_token_list_model_set_search (LkTokenListModel *self,
                                const char       *search)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (search != NULL ? search : ""));
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);

  g_return_if_fail (LK_IS_TOKEN_LIST_MODEL (self));

  if (g_str_equal (folded, self->search))
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  refilter (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEARCH]);
}

/**
 * lk_token_list_model_set_expiring_before:
 * @self: a #LkTokenListModel
 * @expiring_before: (nullable): show only tokens expiring before then, or %NULL for all
 */
void
lk_token_list_model_set_expiring_before (LkTokenListModel *self,
                                         GDateTime        *expiring_before)
{
  g_return_if_fail (LK_IS_TOKEN_LIST_MODEL (self));

  self->expiring_only = expiring_before != NULL;
  self->expiring_before = date_key (expiring_before);
  mark_expiring (self);
  refilter (self, TRUE);
}
