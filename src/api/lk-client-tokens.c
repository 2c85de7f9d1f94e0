/* lk-client-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <string.h>
#include <malloc.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lk-client-private.h"
#include "lk-client-tokens.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-limits.h"
#include "lk-secret-store.h"

/* The personal access tokens of a tenant: /personal-access-tokens. Listing
 * parses in threads (a tenant may have 100,000); a new token's secret comes
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

/* A tenant's 100,000 tokens parse into some 300 MB of JSON nodes that are
 * garbage once the tokens are made. glibc keeps freed memory of a worker
 * thread's arena for that thread; large lists give it back at once.
 */
static void
give_back_parse_memory (JsonArray **array)
{
  gboolean large = json_array_get_length (*array) >= 1000;

  g_clear_pointer (array, json_array_unref);
#ifdef __GLIBC__
  if (large)
    malloc_trim (0);
#endif
}

/* A share of a token list, made into tokens. */
typedef struct {
  JsonArray  *array;
  LkToken   **tokens;
  guint       first;
  guint       end;
  guint       failed_at;   /* G_MAXUINT if none */
  GError     *error;       /* NULL if the element there is not an object */
} TokenShare;

static gpointer
make_tokens (gpointer data)
{
  TokenShare *share = data;

  for (guint i = share->first; i < share->end; i++)
    {
      JsonNode *element = json_array_get_element (share->array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !(share->tokens[i] = lk_token_new_from_json (json_node_get_object (element), &share->error)))
        {
          share->failed_at = i;
          break;
        }
    }

  return NULL;
}

static void
parse_tokens_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GBytes *body = task_data;
  g_autoptr(GListStore) store = g_list_store_new (LK_TYPE_TOKEN);
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree LkToken **tokens = NULL;
  TokenShare shares[2];
  TokenShare *failed = NULL;
  GThread *helper = NULL;
  guint length;

  if (!(array = lk_json_parse_large_array (body, &error)))
    {
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                               _("The tenant’s list of tokens cannot be read: %s"), error->message);
      return;
    }

  length = json_array_get_length (array);
  tokens = g_new0 (LkToken *, MAX (length, 1));
  shares[0] = (TokenShare) { array, tokens, 0, length / 2, G_MAXUINT, NULL };
  shares[1] = (TokenShare) { array, tokens, length / 2, length, G_MAXUINT, NULL };

  /* A large list is made into tokens on two cores: it is a third of the
   * time from the tenant's answer to the list shown.
   */
  if (length >= 1000 && g_get_num_processors () > 1)
    helper = g_thread_try_new ("lk-tokens", make_tokens, &shares[1], NULL);
  make_tokens (&shares[0]);
  if (helper != NULL)
    g_thread_join (helper);
  else
    make_tokens (&shares[1]);

  failed = shares[0].failed_at != G_MAXUINT ? &shares[0] : shares[1].failed_at != G_MAXUINT ? &shares[1] : NULL;
  if (failed != NULL && failed->error == NULL)
    g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                             _("Token %u of the tenant’s list is not an object"), failed->failed_at + 1);
  else if (failed != NULL)
    g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                             _("Token %u of the tenant’s list cannot be read: %s"), failed->failed_at + 1,
                             failed->error->message);
  else
    /* One items-changed for the whole list, not one per token. */
    g_list_store_splice (store, 0, 0, (gpointer *) tokens, length);

  for (guint i = 0; i < length; i++)
    g_clear_object (&tokens[i]);
  g_clear_error (&shares[0].error);
  g_clear_error (&shares[1].error);
  if (failed != NULL)
    return;

  give_back_parse_memory (&array);
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
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *encoded = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_list_tokens_async);

  if (owner_id != NULL)
    g_hash_table_insert (query, (gpointer) "owner-id", (gpointer) owner_id);
  if (filters != NULL)
    g_hash_table_insert (query, (gpointer) "filters", (gpointer) filters);
  encoded = soup_form_encode_hash (query);

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
