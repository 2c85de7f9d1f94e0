/* lk-client-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lk-client-private.h"
#include "lk-client-tokens.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-json-splitter.h"
#include "lk-limits.h"
#include "lk-secret-store.h"

/* The personal access tokens of a tenant: /personal-access-tokens. Listing
 * reads in threads (a tenant may have 100,000); a new token's secret comes
 * back once; a change is a JSON Patch, not a replacement.
 */

const LkResourceKind lk_token_kind = {
  .collection = "/personal-access-tokens",
  .item_type = lk_token_get_type,
  .new_from_json = (LkResourceNewFromJson) lk_token_new_from_json,
  .to_json = (LkResourceToJson) lk_token_to_json,
  .get_id = (LkResourceGetId) lk_token_get_id,
  .get_name = (LkResourceGetName) lk_token_get_name,
  .missing = N_("The tenant answered without the token"),
  .unreadable = N_("The tenant’s token cannot be read"),
  .without_id = N_("The tenant sent a token without an id"),
  .not_one = N_("Not a personal access token"),
};

/* A tenant's 100,000 tokens arrive as 37 MB of JSON. The usual way is
 * without a tree: the list is cut into its elements (LkJsonSplitter) and
 * each is read straight into a token (lk_token_new_from_text()); an
 * element that way does not read (a member unknown to this version) goes
 * through json-glib alone. Anything wrong sends the whole body through
 * json-glib's tree, whose errors say where and what.
 */

typedef struct {
  const char *text;
  gsize       length;
} Element;

/* A share of a token list, made into tokens. */
typedef struct {
  GArray     *elements;
  LkToken   **tokens;
  guint       first;
  guint       end;
  gboolean    failed;
} TokenShare;

static gboolean
note_element (const char  *text,
              gsize        length,
              gpointer     user_data,
              GError     **error)
{
  Element element = { text, length };

  g_array_append_val ((GArray *) user_data, element);
  return TRUE;
}

/* The token of an element: straight from its text, else through json-glib. */
static LkToken *
token_from_element (const char  *text,
                    gsize        length,
                    guint        number,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) local_error = NULL;
  LkToken *token = lk_token_new_from_text (text, length);

  if (token != NULL)
    return token;

  bytes = g_bytes_new_static (text, length);
  if (*text != '{')
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                 _("Token %u of the tenant’s list is not an object"), number);
  else if (!(object = lk_json_parse_object (bytes, &local_error)))
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                 _("The tenant’s list of tokens cannot be read: %s"), local_error->message);
  else if (!(token = lk_token_new_from_json (object, &local_error)))
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                 _("Token %u of the tenant’s list cannot be read: %s"), number, local_error->message);

  return token;
}

static gpointer
make_tokens (gpointer data)
{
  TokenShare *share = data;

  for (guint i = share->first; i < share->end; i++)
    {
      const Element *element = &g_array_index (share->elements, Element, i);

      if (!(share->tokens[i] = token_from_element (element->text, element->length, i + 1, NULL)))
        {
          share->failed = TRUE;
          break;
        }
    }

  return NULL;
}

static void
unref_if_set (gpointer object)
{
  g_clear_object (&object);
}

/* The tokens of a list, or NULL if any element or the list itself is wrong. */
static GPtrArray *
read_tokens_by_element (GBytes *body)
{
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (Element));
  g_autoptr(LkJsonSplitter) splitter = lk_json_splitter_new (note_element, elements);
  g_autoptr(GPtrArray) tokens = NULL;
  TokenShare shares[2];
  GThread *helper = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  if (size > LK_LIMIT_ANSWER_BYTES ||
      !lk_json_splitter_feed (splitter, data, size, NULL) || !lk_json_splitter_finish (splitter, NULL))
    return NULL;

  /* Filled in by two threads; a failed one leaves NULLs. */
  tokens = g_ptr_array_new_full (elements->len, unref_if_set);
  g_ptr_array_set_size (tokens, elements->len);
  shares[0] = (TokenShare) { elements, (LkToken **) tokens->pdata, 0, elements->len / 2, FALSE };
  shares[1] = (TokenShare) { elements, (LkToken **) tokens->pdata, elements->len / 2, elements->len, FALSE };

  /* A large list is made into tokens on two cores. */
  if (elements->len >= 1000 && g_get_num_processors () > 1)
    helper = g_thread_try_new ("lk-tokens", make_tokens, &shares[1], NULL);
  make_tokens (&shares[0]);
  if (helper != NULL)
    g_thread_join (helper);
  else
    make_tokens (&shares[1]);

  if (shares[0].failed || shares[1].failed)
    return NULL;

  return g_steal_pointer (&tokens);
}

/* The same through json-glib's tree, for its errors: slow, and only when something is wrong. */
static GPtrArray *
read_tokens_from_tree (GBytes  *body,
                       GError **error)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(array = lk_json_parse_large_array (body, &local_error)))
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                   _("The tenant’s list of tokens cannot be read: %s"), local_error->message);
      return NULL;
    }

  tokens = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      LkToken *token;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                       _("Token %u of the tenant’s list is not an object"), i + 1);
          return NULL;
        }
      if (!(token = lk_token_new_from_json (json_node_get_object (element), &local_error)))
        {
          g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                       _("Token %u of the tenant’s list cannot be read: %s"), i + 1, local_error->message);
          return NULL;
        }
      g_ptr_array_add (tokens, token);
    }

  return g_steal_pointer (&tokens);
}

/**
 * lk_client_read_token_list:
 * @body: the tenant's answer to GET /personal-access-tokens
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type LkToken) (nullable): the tokens,
 *   or %NULL and an INVALID_RESPONSE error that says which token is wrong
 */
GPtrArray *
lk_client_read_token_list (GBytes  *body,
                           GError **error)
{
  GPtrArray *tokens = read_tokens_by_element (body);

  return tokens != NULL ? tokens : read_tokens_from_tree (body, error);
}

static void
parse_tokens_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GBytes *body = task_data;
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  g_autoptr(GPtrArray) tokens = NULL;
  GError *error = NULL;

  if (!(tokens = lk_client_read_token_list (body, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  /* One items-changed for the whole list, not one per token. */
  g_list_store_splice (store, 0, 0, tokens->pdata, tokens->len);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
on_tokens_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *body = lk_client_send_finish (result, NULL, &error);

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, body, (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, parse_tokens_thread);
}

static char *
token_list_query (const char *owner_id,
                  const char *filters)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  if (owner_id != NULL)
    g_hash_table_insert (query, (gpointer) "owner-id", (gpointer) owner_id);
  if (filters != NULL)
    g_hash_table_insert (query, (gpointer) "filters", (gpointer) filters);
  return soup_form_encode_hash (query);
}

/**
 * lk_client_list_tokens_async:
 * @self: a #LkClient
 * @owner_id: (nullable): `me`, an identity ID, or %NULL for every token of the tenant
 * @filters: (nullable): `lastUsed le DATE` or `lastUsed isnull`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tokens
 * @user_data: data for @callback
 */
void
lk_client_list_tokens_async (LkClient            *self,
                             const char          *owner_id,
                             const char          *filters,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_list_tokens_async);
  encoded = token_list_query (owner_id, filters);

  lk_client_send_async (self, "GET", "/personal-access-tokens", encoded, NULL, NULL, cancellable,
                        lk_client_list_tokens_async, on_tokens_listed_cb, g_steal_pointer (&task));
}

/**
 * lk_client_list_tokens_finish:
 * @self: a #LkClient
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): a list of #LkToken
 */
GListModel *
lk_client_list_tokens_finish (LkClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A list read as it arrives, token by token: nothing holds all of it. */
typedef struct {
  LkJsonSplitter *splitter;
  LkTokenFunc     func;
  gpointer        func_data;
} TokenStream;

static void
token_stream_free (TokenStream *stream)
{
  g_clear_pointer (&stream->splitter, lk_json_splitter_free);
  g_free (stream);
}

static gboolean
on_stream_element (const char  *text,
                   gsize        length,
                   gpointer     user_data,
                   GError     **error)
{
  TokenStream *stream = user_data;
  g_autoptr(LkToken) token = token_from_element (text, length, lk_json_splitter_get_n_elements (stream->splitter),
                                                 error);

  if (token == NULL)
    return FALSE;
  stream->func (token, stream->func_data);
  return TRUE;
}

static gboolean
unreadable_list (GError  *local_error,
                 GError **error)
{
  if (local_error->domain == LK_CLIENT_ERROR)
    g_propagate_error (error, local_error);
  else
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                   _("The tenant’s list of tokens cannot be read: %s"), local_error->message);
      g_error_free (local_error);
    }
  return FALSE;
}

/* The client's sink: NULL data is a new try, which starts the list again. */
static gboolean
on_stream_data (const char  *data,
                gsize        length,
                gpointer     user_data,
                GError     **error)
{
  TokenStream *stream = user_data;
  GError *local_error = NULL;

  if (data == NULL)
    {
      g_clear_pointer (&stream->splitter, lk_json_splitter_free);
      stream->splitter = lk_json_splitter_new (on_stream_element, stream);
      stream->func (NULL, stream->func_data);
      return TRUE;
    }

  if (!lk_json_splitter_feed (stream->splitter, data, length, &local_error))
    return unreadable_list (local_error, error);
  return TRUE;
}

static void
on_tokens_streamed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenStream *stream = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  GError *split_error = NULL;

  if (!(body = lk_client_send_finish (result, NULL, &error)))
    g_task_return_error (task, error);
  else if (!lk_json_splitter_finish (stream->splitter, &split_error) && !unreadable_list (split_error, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lk_client_list_tokens_each_async:
 * @self: a #LkClient
 * @owner_id: (nullable): as for lk_client_list_tokens_async()
 * @filters: (nullable): as for lk_client_list_tokens_async()
 * @func: (scope async): called with each token as it arrives, in order, and
 *   with %NULL when the tenant is asked again (a retry): start over
 * @func_data: for @func
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the list has ended
 * @user_data: for @callback
 *
 * The list without holding it: for a caller that passes each token on
 * (latchkey-cli prints 100,000 in the memory of a few).
 */
void
lk_client_list_tokens_each_async (LkClient            *self,
                                  const char          *owner_id,
                                  const char          *filters,
                                  LkTokenFunc          func,
                                  gpointer             func_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query = NULL;
  TokenStream *stream;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_list_tokens_each_async);
  stream = g_new0 (TokenStream, 1);
  stream->func = func;
  stream->func_data = func_data;
  g_task_set_task_data (task, stream, (GDestroyNotify) token_stream_free);

  query = token_list_query (owner_id, filters);
  lk_client_send_streamed_async (self, "/personal-access-tokens", query, on_stream_data, stream, cancellable,
                                 lk_client_list_tokens_each_async, on_tokens_streamed_cb, g_steal_pointer (&task));
}

/**
 * lk_client_list_tokens_each_finish:
 * @self: a #LkClient
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: whether the whole list was read; if not, the tokens given to the
 *   function so far are not the list
 */
gboolean
lk_client_list_tokens_each_finish (LkClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A token from a JSON answer, or an INVALID_RESPONSE error. */
static LkToken *
token_from_answer (JsonNode  *node,
                   GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  LkToken *token;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                           _("The tenant answered without the token"));
      return NULL;
    }

  if (!(token = lk_token_new_from_json (json_node_get_object (node), &local_error)))
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                 _("The tenant’s token cannot be read: %s"), local_error->message);

  return token;
}

static void
on_token_created_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  LkToken *token;

  if (!lk_client_request_finish (LK_CLIENT (object), result, &node, &error) ||
      !(token = token_from_answer (node, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The only time the tenant shows the secret: copied out, wiped in the answer. */
  if (!lk_json_get_string (json_node_get_object (node), "secret", LK_JSON_REQUIRED, &secret, &error))
    {
      g_object_unref (token);
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                               _("The tenant made the token but sent no secret for it"));
      return;
    }
  explicit_bzero ((char *) json_object_get_string_member (json_node_get_object (node), "secret"), strlen (secret));

  g_task_set_task_data (task, g_steal_pointer (&secret), (GDestroyNotify) lk_secret_free);
  g_task_return_pointer (task, token, g_object_unref);
}

/**
 * lk_client_create_token_async:
 * @self: a #LkClient
 * @name: the new token's name, unique among its owner's
 * @scopes: (nullable): its scopes; %NULL for `sp:scopes:all`
 * @validity_seconds: bearer token lifetime, 15 to 43200; 0 for the tenant's default
 * @expiration: (nullable): when it expires; %NULL for the tenant's default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new token
 * @user_data: data for @callback
 *
 * A POST: never retried, so that a token is never made twice.
 */
void
lk_client_create_token_async (LkClient            *self,
                              const char          *name,
                              const char * const  *scopes,
                              gint64               validity_seconds,
                              GDateTime           *expiration,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_create_token_async);

  json_object_set_string_member (body, "name", name);
  if (scopes != NULL)
    lk_json_set_strv (body, "scope", scopes);
  if (validity_seconds > 0)
    json_object_set_int_member (body, "accessTokenValiditySeconds", validity_seconds);
  if (expiration != NULL)
    lk_json_set_date_time (body, "expirationDate", expiration);
  json_node_set_object (node, body);

  lk_client_request_async (self, "POST", "/personal-access-tokens", NULL, node, NULL, cancellable,
                           on_token_created_cb, g_steal_pointer (&task));
}

/**
 * lk_client_create_token_finish:
 * @self: a #LkClient
 * @result: the result
 * @secret: (out) (transfer full): the secret, shown once, for lk_secret_free()
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the new token, without its secret
 */
LkToken *
lk_client_create_token_finish (LkClient      *self,
                               GAsyncResult  *result,
                               char         **secret,
                               GError       **error)
{
  LkToken *token;

  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  *secret = NULL;
  token = g_task_propagate_pointer (G_TASK (result), error);
  if (token != NULL)
    *secret = g_strdup (g_task_get_task_data (G_TASK (result)));

  return token;
}

/* Rotation: the caller's own token found, then its successor made. Two
 * steps of their own, for a rotation that records where it is between them.
 */

static void
on_own_tokens_listed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *id = g_task_get_task_data (task);
  g_autoptr(GListModel) mine = NULL;
  GError *error = NULL;

  if (!(mine = lk_client_list_tokens_finish (LK_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (mine, i);

      if (g_str_equal (lk_token_get_id (token), id))
        {
          g_object_set_data_full (G_OBJECT (task), "lk-own-tokens", g_steal_pointer (&mine), g_object_unref);
          g_task_return_pointer (task, g_steal_pointer (&token), g_object_unref);
          return;
        }
    }

  /* A PAT is made for whoever asks: a successor of someone else's would be the caller's. */
  g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND,
                           _("You own no token %s: a token’s successor can only be made by its owner"), id);
}

/**
 * lk_client_find_own_token_async:
 * @self: a #LkClient
 * @id: a token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the token, or %LK_CLIENT_ERROR_NOT_FOUND when the caller does not own it
 * @user_data: data for @callback
 */
void
lk_client_find_own_token_async (LkClient            *self,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_find_own_token_async);
  g_task_set_task_data (task, g_strdup (id), g_free);

  lk_client_list_tokens_async (self, "me", NULL, cancellable, on_own_tokens_listed_cb, g_steal_pointer (&task));
}

/**
 * lk_client_find_own_token_finish:
 * @self: a #LkClient
 * @result: the result
 * @mine: (out) (optional) (transfer full): all the caller's tokens, for lk_token_successor_name()
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the token, as the tenant has it now
 */
LkToken *
lk_client_find_own_token_finish (LkClient      *self,
                                 GAsyncResult  *result,
                                 GListModel   **mine,
                                 GError       **error)
{
  LkToken *token;

  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (mine != NULL)
    *mine = NULL;
  if (!(token = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  if (mine != NULL)
    *mine = g_object_ref (g_object_get_data (G_OBJECT (result), "lk-own-tokens"));
  return token;
}

/* The successor's secret, until its finish function takes it. */
static void
secret_box_free (char **box)
{
  lk_secret_free (*box);
  g_free (box);
}

static void
on_successor_created_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  char **secret_box = g_task_get_task_data (task);
  GError *error = NULL;
  LkToken *successor = lk_client_create_token_finish (LK_CLIENT (object), result, secret_box, &error);

  if (successor == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, successor, g_object_unref);
}

/**
 * lk_client_create_successor_async:
 * @self: a #LkClient
 * @old: one of the caller's own tokens
 * @name: the successor's name, from lk_token_successor_name()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the successor
 * @user_data: data for @callback
 *
 * Makes the token's successor: its scopes, its bearer token lifetime and as
 * long a life from now (lk_token_successor_expiration()).
 */
void
lk_client_create_successor_async (LkClient            *self,
                                  LkToken             *old,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expiration = NULL;
  const char * const *scopes;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (LK_IS_TOKEN (old));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_create_successor_async);
  g_task_set_task_data (task, g_new0 (char *, 1), (GDestroyNotify) secret_box_free);

  now = lk_client_get_now (self);
  expiration = lk_token_successor_expiration (old, now);
  scopes = lk_token_get_scopes (old);
  lk_client_create_token_async (self, name, scopes[0] != NULL ? scopes : NULL,
                                lk_token_get_access_token_validity (old), expiration, cancellable,
                                on_successor_created_cb, g_steal_pointer (&task));
}

/**
 * lk_client_create_successor_finish:
 * @self: a #LkClient
 * @result: the result
 * @secret: (out) (transfer full): the successor's secret, shown once, for lk_secret_free()
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the successor, without its secret
 */
LkToken *
lk_client_create_successor_finish (LkClient      *self,
                                   GAsyncResult  *result,
                                   char         **secret,
                                   GError       **error)
{
  LkToken *successor;

  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  *secret = NULL;
  if (!(successor = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  *secret = g_steal_pointer ((char **) g_task_get_task_data (G_TASK (result)));
  return successor;
}

typedef struct {
  LkToken *old;
  char    *secret;
} Rotation;

static void
rotation_free (Rotation *rotation)
{
  g_clear_object (&rotation->old);
  g_clear_pointer (&rotation->secret, lk_secret_free);
  g_free (rotation);
}

static void
on_rotation_successor_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Rotation *rotation = g_task_get_task_data (task);
  GError *error = NULL;
  LkToken *successor = lk_client_create_successor_finish (LK_CLIENT (object), result, &rotation->secret, &error);

  if (successor == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, successor, g_object_unref);
}

static void
on_rotated_token_found_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Rotation *rotation = g_task_get_task_data (task);
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  if (!(rotation->old = lk_client_find_own_token_finish (LK_CLIENT (object), result, &mine, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  now = lk_client_get_now (LK_CLIENT (object));
  name = lk_token_successor_name (rotation->old, now, mine);
  lk_client_create_successor_async (LK_CLIENT (object), rotation->old, name, g_task_get_cancellable (task),
                                    on_rotation_successor_cb, g_object_ref (task));
}

/**
 * lk_client_rotate_token_async:
 * @self: a #LkClient
 * @id: one of the caller's own tokens
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the successor
 * @user_data: data for @callback
 *
 * lk_client_find_own_token_async(), then lk_client_create_successor_async()
 * with today's name (one the caller has not used). The token itself is left as it is: its users move to
 * the successor, then it is revoked. Only the caller's own tokens: ISC
 * makes a PAT for whoever asks.
 */
void
lk_client_rotate_token_async (LkClient            *self,
                              const char          *id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_rotate_token_async);
  g_task_set_task_data (task, g_new0 (Rotation, 1), (GDestroyNotify) rotation_free);

  lk_client_find_own_token_async (self, id, cancellable, on_rotated_token_found_cb, g_steal_pointer (&task));
}

/**
 * lk_client_rotate_token_finish:
 * @self: a #LkClient
 * @result: the result
 * @old: (out) (optional) (transfer full): the token rotated, as the tenant has it now
 * @secret: (out) (transfer full): the successor's secret, shown once, for lk_secret_free()
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the successor, without its secret
 */
LkToken *
lk_client_rotate_token_finish (LkClient      *self,
                               GAsyncResult  *result,
                               LkToken      **old,
                               char         **secret,
                               GError       **error)
{
  Rotation *rotation;
  LkToken *successor;

  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  rotation = g_task_get_task_data (G_TASK (result));
  *secret = NULL;
  if (old != NULL)
    *old = NULL;
  if (!(successor = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  *secret = g_steal_pointer (&rotation->secret);
  if (old != NULL)
    *old = g_object_ref (rotation->old);
  return successor;
}

static void
on_token_updated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  LkToken *token;

  if (!lk_client_request_finish (LK_CLIENT (object), result, &node, &error) ||
      !(token = token_from_answer (node, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void
add_replace_operation (JsonArray  *operations,
                       const char *path,
                       JsonNode   *value)
{
  JsonObject *operation = json_object_new ();

  json_object_set_string_member (operation, "op", "replace");
  json_object_set_string_member (operation, "path", path);
  json_object_set_member (operation, "value", value);
  json_array_add_object_element (operations, operation);
}

/**
 * lk_client_update_token_async:
 * @self: a #LkClient
 * @id: the token's ID
 * @name: (nullable): its new name, or %NULL to keep it
 * @scopes: (nullable): its new scopes, or %NULL to keep them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the token as the tenant now has it
 * @user_data: data for @callback
 *
 * A JSON Patch of `replace` operations on /name and /scope. New scopes
 * reach bearer tokens made from now on, after up to 20 minutes.
 */
void
lk_client_update_token_async (LkClient            *self,
                              const char          *id,
                              const char          *name,
                              const char * const  *scopes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonArray) operations = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (name != NULL || scopes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_update_token_async);

  if (name != NULL)
    add_replace_operation (operations, "/name", json_node_init_string (json_node_alloc (), name));
  if (scopes != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; scopes[i] != NULL; i++)
        json_array_add_string_element (array, scopes[i]);
      add_replace_operation (operations, "/scope", json_node_init_array (json_node_alloc (), array));
      json_array_unref (array);
    }
  json_node_set_array (node, operations);

  path = g_strdup_printf ("/personal-access-tokens/%s", id);
  lk_client_request_async (self, "PATCH", path, NULL, node, "application/json-patch+json", cancellable,
                           on_token_updated_cb, g_steal_pointer (&task));
}

/**
 * lk_client_update_token_finish:
 * @self: a #LkClient
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the token as patched
 */
LkToken *
lk_client_update_token_finish (LkClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_client_revoke_token_async:
 * @self: a #LkClient
 * @id: the token's ID
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the tenant has deleted it
 * @user_data: data for @callback
 */
void
lk_client_revoke_token_async (LkClient            *self,
                              const char          *id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  lk_client_delete_resource_async (self, &lk_token_kind, id, cancellable, callback, user_data);
}

gboolean
lk_client_revoke_token_finish (LkClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return lk_client_request_finish (self, result, NULL, error);
}
