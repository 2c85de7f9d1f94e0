/* lk-sandbox-tokens.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* /oauth/token and /{v}/personal-access-tokens[/{id}] */

SbToken *
_lk_sandbox_find_token (LkSandbox  *self,
                        const char *id,
                        guint      *index)
{
  for (guint i = 0; id && i < self->tokens->len; i++)
    {
      SbToken *token = g_ptr_array_index (self->tokens, i);

      if (g_strcmp0 (json_object_get_string_member (token->json, "id"), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return token;
        }
    }

  return NULL;
}

static const char *
token_owner_id (SbToken *token)
{
  return json_object_get_string_member (json_object_get_object_member (token->json, "owner"), "id");
}

static gboolean
token_is_expired (SbToken *token,
                  gint64   now_usec)
{
  g_autoptr(GDateTime) expiration = NULL;

  lk_json_get_date_time (token->json, "expirationDate", LK_JSON_OPTIONAL, &expiration, NULL);

  return expiration != NULL && g_date_time_to_unix (expiration) * G_USEC_PER_SEC <= now_usec;
}

static char *
make_access_token (LkSandbox  *self,
                   SbIdentity *identity,
                   gint64      expires_at)
{
  g_autofree char *payload = g_strdup_printf ("{\"tenant_id\":\"sandbox\",\"identity_id\":\"%s\",\"exp\":%" G_GINT64_FORMAT "}",
                                              identity->id, expires_at / G_USEC_PER_SEC);
  g_autofree char *encoded = g_base64_encode ((const guchar *) payload, strlen (payload));
  g_autofree char *signature = _lk_sandbox_random_hex (self, 43);

  /* Looks like the JWT ISC hands out; nothing here reads it back. */
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');

  return g_strdup_printf ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.%s.%s", encoded, signature);
}

static void
reply_oauth_error (SbCall     *call,
                   guint       status,
                   const char *error,
                   const char *description)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "error_description", description);
  _lk_sandbox_reply_object (call, status, object);
}

/* Copies what @parameters lacks from @from: the tables libsoup decodes own
 * their strings in different ways, so the result owns copies.
 */
static void
add_missing_parameters (GHashTable *parameters,
                        GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  if (from == NULL)
    return;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (parameters, key))
      g_hash_table_insert (parameters, g_strdup (key), g_strdup (value));
}

/* The token request's parameters, wherever the spec lets them come: an
 * x-www-form-urlencoded or multipart/form-data body, or the query (which
 * fills in what the body leaves out). NULL with @problem set for a body
 * that cannot be read.
 */
static GHashTable *
read_oauth_parameters (SoupServerMessage  *msg,
                       GBytes             *body,
                       GHashTable         *query,
                       const char        **problem)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GHashTable) parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) form = NULL;

  if (content_type == NULL)
    content_type = "";

  if (g_bytes_get_size (body) == 0)
    ;
  else if (g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

      form = soup_form_decode (text);
    }
  else if (g_ascii_strcasecmp (content_type, "multipart/form-data") == 0)
    {
      SoupMultipart *multipart = soup_multipart_new_from_message (headers, body);

      if (multipart == NULL)
        {
          *problem = "The multipart/form-data body cannot be read";
          return NULL;
        }
      /* It takes the multipart and frees it. */
      form = soup_form_decode_multipart (multipart, NULL, NULL, NULL, NULL);
    }
  else
    {
      *problem = "The parameters must be sent as application/x-www-form-urlencoded or multipart/form-data";
      return NULL;
    }

  add_missing_parameters (parameters, form);
  add_missing_parameters (parameters, query);

  return g_steal_pointer (&parameters);
}

/* client_credentials with a PAT's ID and secret. */
void
_lk_sandbox_handle_oauth (LkSandbox         *self,
                          SoupServerMessage *msg,
                          GBytes            *body,
                          GHashTable        *query)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GDateTime) now = _lk_sandbox_now (self);
  const char *grant_type, *client_id, *client_secret;
  const char *problem = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *access_token = NULL;
  SbCall call = { .sandbox = self, .msg = msg };
  SbSession *session;
  SbIdentity *owner;
  SbToken *token;
  gint64 expires_in;
  gint64 validity;

  if (!(form = read_oauth_parameters (msg, body, query, &problem)))
    {
      reply_oauth_error (&call, 400, "invalid_request", problem);
      return;
    }

  grant_type = g_hash_table_lookup (form, "grant_type");
  client_id = g_hash_table_lookup (form, "client_id");
  client_secret = g_hash_table_lookup (form, "client_secret");

  if (grant_type == NULL)
    {
      reply_oauth_error (&call, 400, "invalid_request", "Missing grant type");
      return;
    }

  if (!g_str_equal (grant_type, "client_credentials"))
    {
      reply_oauth_error (&call, 400, "unsupported_grant_type", "Unsupported grant type");
      return;
    }

  token = _lk_sandbox_find_token (self, client_id, NULL);
  if (token == NULL || client_secret == NULL || g_strcmp0 (token->secret, client_secret) != 0 ||
      token_is_expired (token, _lk_sandbox_now_usec (self)))
    {
      reply_oauth_error (&call, 401, "invalid_client", "Bad credentials");
      return;
    }

  owner = _lk_sandbox_find_identity (self, token_owner_id (token));
  validity = json_object_get_int_member_with_default (token->json, "accessTokenValiditySeconds", 43200);
  expires_in = self->token_ttl > 0 ? self->token_ttl : validity;

  session = g_new0 (SbSession, 1);
  session->client_id = g_strdup (client_id);
  session->identity_id = g_strdup (owner->id);
  lk_json_get_strv (token->json, "scope", LK_JSON_OPTIONAL, &session->scopes, NULL);
  session->expires_at = _lk_sandbox_now_usec (self) + expires_in * G_USEC_PER_SEC;
  access_token = make_access_token (self, owner, session->expires_at);
  g_hash_table_insert (self->sessions, g_strdup (access_token), session);
  g_ptr_array_add (self->issued_tokens, g_strdup (access_token));

  /* ISC updates lastUsed at most once a day; every use is close enough here. */
  lk_json_set_date_time (token->json, "lastUsed", now);

  json_object_set_string_member (object, "access_token", access_token);
  json_object_set_string_member (object, "token_type", "bearer");
  json_object_set_int_member (object, "expires_in", expires_in);
  /* A hostile tenant's lifetime, as it would write it. */
  if (self->token_expires_in != NULL)
    {
      JsonNode *told = json_from_string (self->token_expires_in, NULL);

      if (told != NULL)
        json_object_set_member (object, "expires_in", told);
    }
  json_object_set_string_member (object, "scope",
                                 session->scopes && session->scopes[0] ? session->scopes[0] : "sp:scopes:all");
  json_object_set_string_member (object, "tenant_id", "00000000-0000-4000-a000-5a4db0c00000");
  json_object_set_boolean_member (object, "internal", FALSE);
  json_object_set_string_member (object, "pod", "sandbox");
  json_object_set_boolean_member (object, "strong_auth_supported", FALSE);
  json_object_set_string_member (object, "org", "sandbox");
  json_object_set_string_member (object, "identity_id", owner->id);
  json_object_set_boolean_member (object, "strong_auth", FALSE);
  json_object_set_boolean_member (object, "enabled", TRUE);
  {
    g_autofree char *jti = _lk_sandbox_random_uuid (self);

    json_object_set_string_member (object, "jti", jti);
  }

  _lk_sandbox_reply_object (&call, 200, object);
}

/* filters: `lastUsed le DATE` and `lastUsed isnull`, the two the spec allows. */
static gboolean
parse_filter (SbCall     *call,
              gboolean   *isnull,
              GDateTime **before)
{
  const char *filters = call->query ? g_hash_table_lookup (call->query, "filters") : NULL;
  g_autofree char *text = NULL;

  *isnull = FALSE;
  *before = NULL;

  if (filters == NULL)
    return TRUE;

  text = g_strstrip (g_strdup (filters));
  if (g_strcmp0 (text, "lastUsed isnull") == 0)
    {
      *isnull = TRUE;
      return TRUE;
    }

  if (g_str_has_prefix (text, "lastUsed le "))
    {
      *before = lk_json_parse_date_time (g_strstrip (text + strlen ("lastUsed le ")));
      if (*before != NULL)
        return TRUE;
    }

  _lk_sandbox_reply_error (call, 400,
                           "The filter '%s' is not supported. Filtering is supported for lastUsed with le and isnull.",
                           filters);
  return FALSE;
}

static void
list_tokens (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  const char *owner_id = call->query ? g_hash_table_lookup (call->query, "owner-id") : NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GDateTime) before = NULL;
  gboolean isnull;
  gboolean include_managed;

  if (g_strcmp0 (owner_id, "me") == 0 || g_strcmp0 (owner_id, call->caller->id) == 0)
    {
      if (!_lk_sandbox_require_right (call, "sp:my-personal-access-tokens:read",
                                      "sp:my-personal-access-tokens:manage",
                                      "sp:all-personal-access-tokens:read",
                                      "sp:all-personal-access-tokens:manage", NULL))
        return;
      owner_id = call->caller->id;
    }
  else if (!_lk_sandbox_require_right (call, "idn:all-personal-access-tokens:read",
                                       "sp:all-personal-access-tokens:manage", NULL))
    return;

  if (!parse_filter (call, &isnull, &before))
    return;

  include_managed = _lk_sandbox_has_right (call, "idn:managed-personal-access-tokens:read") ||
                    call->caller->admin;

  for (guint i = 0; i < self->tokens->len; i++)
    {
      SbToken *token = g_ptr_array_index (self->tokens, i);
      g_autoptr(GDateTime) last_used = NULL;

      if (owner_id != NULL && g_strcmp0 (token_owner_id (token), owner_id) != 0)
        continue;
      if (!include_managed && json_object_get_boolean_member (token->json, "managed"))
        continue;

      /* Dates are read only for a filter that asks: 100,001 of them cost the first byte 40 ms. */
      if (isnull || before != NULL)
        lk_json_get_date_time (token->json, "lastUsed", LK_JSON_OPTIONAL, &last_used, NULL);
      if (isnull && last_used != NULL)
        continue;
      if (before != NULL && (last_used == NULL || g_date_time_compare (last_used, before) > 0))
        continue;

      g_ptr_array_add (listed, json_object_ref (token->json));
    }

  _lk_sandbox_reply_array (call, listed);
}

static gboolean
owner_has_token_named (LkSandbox  *self,
                       const char *owner_id,
                       const char *name,
                       SbToken    *except)
{
  for (guint i = 0; i < self->tokens->len; i++)
    {
      SbToken *token = g_ptr_array_index (self->tokens, i);

      if (token != except &&
          g_strcmp0 (token_owner_id (token), owner_id) == 0 &&
          g_strcmp0 (json_object_get_string_member (token->json, "name"), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_scopes (SbCall             *call,
              const char * const *scopes)
{
  for (guint i = 0; scopes != NULL && scopes[i] != NULL; i++)
    {
      if (*scopes[i] == '\0' || strchr (scopes[i], ' ') != NULL)
        {
          _lk_sandbox_reply_error (call, 400, "The scope '%s' is not valid.", scopes[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static void
create_token (SbCall *call)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  LkSandbox *self = call->sandbox;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = _lk_sandbox_now (self);
  g_autoptr(GDateTime) latest = g_date_time_add_months (now, 6);
  g_autoptr(GDateTime) expiration = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) scopes = NULL;
  gboolean never_expires = FALSE;
  gboolean v2025 = g_str_equal (call->version, "v2025");
  gint64 validity;
  SbToken *token;

  if (!_lk_sandbox_require_right (call, "sp:my-personal-access-tokens:manage",
                                  "sp:all-personal-access-tokens:manage", NULL))
    return;

  if (!(request = _lk_sandbox_parse_body (call)))
    return;

  if (!lk_json_get_string (request, "name", LK_JSON_REQUIRED, &name, &error) ||
      !lk_json_get_strv (request, "scope", LK_JSON_OPTIONAL, &scopes, &error) ||
      !lk_json_get_int (request, "accessTokenValiditySeconds", LK_JSON_OPTIONAL, 43200, &validity, &error) ||
      !lk_json_get_date_time (request, "expirationDate", LK_JSON_OPTIONAL, &expiration, &error) ||
      (v2025 && !lk_json_get_boolean (request, "userAwareTokenNeverExpires", LK_JSON_OPTIONAL, &never_expires, &error)))
    {
      _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
      return;
    }

  if (*g_strstrip (name) == '\0')
    {
      _lk_sandbox_reply_error (call, 400, "The name of a personal access token cannot be empty.");
      return;
    }

  if (owner_has_token_named (self, call->caller->id, name, NULL))
    {
      _lk_sandbox_reply_error (call, 400, "A personal access token named '%s' already exists for this owner.", name);
      return;
    }

  if (!check_scopes (call, (const char * const *) scopes))
    return;

  if (validity < 15 || validity > 43200)
    {
      _lk_sandbox_reply_error (call, 400,
                               "accessTokenValiditySeconds must be between 15 and 43200, not %" G_GINT64_FORMAT ".",
                               validity);
      return;
    }

  if (expiration != NULL && g_date_time_compare (expiration, now) <= 0)
    {
      _lk_sandbox_reply_error (call, 400, "expirationDate must be in the future.");
      return;
    }

  if (v2025)
    {
      if (expiration == NULL && !never_expires)
        {
          _lk_sandbox_reply_error (call, 400,
                                   "userAwareTokenNeverExpires must be true when expirationDate is null or missing.");
          return;
        }
    }
  else if (expiration != NULL && g_date_time_compare (expiration, latest) > 0)
    {
      _lk_sandbox_reply_error (call, 400, "expirationDate must be at most 6 months from now.");
      return;
    }
  else if (expiration == NULL)
    {
      expiration = g_date_time_ref (latest);
    }

  token = _lk_sandbox_new_token (self, call->caller, name,
                                 scopes && scopes[0] ? (const char * const *) scopes : all,
                                 now, expiration, validity, FALSE);
  if (v2025)
    json_object_set_boolean_member (token->json, "userAwareTokenNeverExpires", expiration == NULL);

  /* The only answer that ever carries the secret. */
  response = json_object_new ();
  json_object_set_string_member (response, "id", json_object_get_string_member (token->json, "id"));
  json_object_set_string_member (response, "secret", token->secret);
  json_object_set_member (response, "scope", lk_json_deep_copy (json_object_get_member (token->json, "scope")));
  json_object_set_string_member (response, "name", name);
  json_object_set_member (response, "owner", lk_json_deep_copy (json_object_get_member (token->json, "owner")));
  json_object_set_member (response, "created", json_node_copy (json_object_get_member (token->json, "created")));
  json_object_set_int_member (response, "accessTokenValiditySeconds", validity);
  json_object_set_member (response, "expirationDate",
                          json_node_copy (json_object_get_member (token->json, "expirationDate")));
  _lk_sandbox_reply_object (call, 200, response);
}

static gboolean
may_change_token (SbCall  *call,
                  SbToken *token)
{
  if (g_strcmp0 (token_owner_id (token), call->caller->id) == 0)
    return _lk_sandbox_require_right (call, "sp:my-personal-access-tokens:manage",
                                      "sp:all-personal-access-tokens:manage", NULL);

  return _lk_sandbox_require_right (call, "sp:all-personal-access-tokens:manage", NULL);
}

/* JSON Patch (RFC 6902) on /name and /scope; v2025 also on the expiry. */
static void
patch_token (SbCall  *call,
             SbToken *token)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(JsonObject) patched = NULL;
  g_autoptr(JsonArray) operations = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type =
    soup_message_headers_get_content_type (soup_server_message_get_request_headers (call->msg), NULL);
  gboolean v2025 = g_str_equal (call->version, "v2025");

  if (!may_change_token (call, token))
    return;

  if (g_strcmp0 (content_type, "application/json-patch+json") != 0)
    {
      _lk_sandbox_reply_error (call, 415, "PATCH needs Content-Type application/json-patch+json, not '%s'.",
                               content_type ? content_type : "none");
      return;
    }

  if (!(operations = lk_json_parse_array (call->body, &error)))
    {
      _lk_sandbox_reply_error (call, 400, "The request body is not a JSON Patch document: %s", error->message);
      return;
    }

  /* Apply to a copy: a patch with one bad operation changes nothing. */
  patched = lk_json_copy_object (token->json);

  for (guint i = 0; i < json_array_get_length (operations); i++)
    {
      JsonNode *element = json_array_get_element (operations, i);
      JsonObject *operation = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *op = NULL;
      g_autofree char *path = NULL;
      JsonNode *value;

      if (operation == NULL ||
          !lk_json_get_string (operation, "op", LK_JSON_REQUIRED, &op, &error) ||
          !lk_json_get_string (operation, "path", LK_JSON_REQUIRED, &path, &error))
        {
          _lk_sandbox_reply_error (call, 400, "Operation %u is invalid: %s", i,
                                   error ? error->message : "not an object");
          return;
        }

      value = json_object_get_member (operation, "value");

      if (g_strcmp0 (op, "replace") != 0 && g_strcmp0 (op, "add") != 0)
        {
          _lk_sandbox_reply_error (call, 400, "The operation '%s' is not supported on '%s'.", op, path);
          return;
        }

      if (g_strcmp0 (path, "/name") == 0)
        {
          g_autofree char *name = NULL;

          if (!lk_json_get_string (operation, "value", LK_JSON_REQUIRED, &name, &error) || *g_strstrip (name) == '\0')
            {
              _lk_sandbox_reply_error (call, 400, "/name needs a non-empty string value.");
              return;
            }
          if (owner_has_token_named (self, token_owner_id (token), name, token))
            {
              _lk_sandbox_reply_error (call, 400, "A personal access token named '%s' already exists for this owner.", name);
              return;
            }
          json_object_set_string_member (patched, "name", name);
        }
      else if (g_strcmp0 (path, "/scope") == 0)
        {
          g_auto(GStrv) scopes = NULL;

          if (!lk_json_get_strv (operation, "value", LK_JSON_OPTIONAL, &scopes, &error))
            {
              _lk_sandbox_reply_error (call, 400, "/scope needs a list of scopes: %s", error->message);
              return;
            }
          if (!check_scopes (call, (const char * const *) scopes))
            return;
          json_object_set_member (patched, "scope", value ? lk_json_deep_copy (value) : json_node_new (JSON_NODE_NULL));
        }
      else if (v2025 && (g_strcmp0 (path, "/expirationDate") == 0 ||
                         g_strcmp0 (path, "/userAwareTokenNeverExpires") == 0))
        {
          json_object_set_member (patched, path + 1, value ? lk_json_deep_copy (value) : json_node_new (JSON_NODE_NULL));
        }
      else
        {
          _lk_sandbox_reply_error (call, 400, "The path '%s' cannot be patched. Patchable fields are name and scope.",
                                   path);
          return;
        }
    }

  json_object_unref (token->json);
  token->json = g_steal_pointer (&patched);
  _lk_sandbox_reply_object (call, 200, token->json);
}

void
_lk_sandbox_handle_tokens (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  SbToken *token;
  guint index;

  if (call->id == NULL)
    {
      if (g_str_equal (call->method, "GET"))
        list_tokens (call);
      else if (g_str_equal (call->method, "POST"))
        create_token (call);
      else
        _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  if (!g_str_equal (call->method, "PATCH") && !g_str_equal (call->method, "DELETE"))
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  token = _lk_sandbox_find_token (self, call->id, &index);
  if (token == NULL)
    {
      _lk_sandbox_reply_error (call, 404, "The personal access token '%s' does not exist.", call->id);
      return;
    }

  if (g_str_equal (call->method, "PATCH"))
    {
      patch_token (call, token);
      return;
    }

  if (!may_change_token (call, token))
    return;

  g_ptr_array_remove_index (self->tokens, index);
  _lk_sandbox_reply_empty (call, 204);
}
