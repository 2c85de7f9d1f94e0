/* lk-error.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-error"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-error.h"
#include "lk-json.h"

/* An extended GError: the UI shows what the server said, and the tracking
 * ID that SailPoint support asks for, without parsing the message back.
 */
typedef struct
{
  guint  status;
  char  *tracking_id;
  char  *detail_code;
  char  *server_message;
} LkClientErrorPrivate;

static void
lk_client_error_private_init (LkClientErrorPrivate *priv)
{
}

static void
lk_client_error_private_copy (const LkClientErrorPrivate *src,
                              LkClientErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->tracking_id = g_strdup (src->tracking_id);
  dest->detail_code = g_strdup (src->detail_code);
  dest->server_message = g_strdup (src->server_message);
}

static void
lk_client_error_private_clear (LkClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->tracking_id, g_free);
  g_clear_pointer (&priv->detail_code, g_free);
  g_clear_pointer (&priv->server_message, g_free);
}

G_DEFINE_EXTENDED_ERROR (LkClientError, lk_client_error)

static LkClientError
code_for_status (guint status)
{
  switch (status)
    {
    case 400: return LK_CLIENT_ERROR_BAD_REQUEST;
    case 401: return LK_CLIENT_ERROR_UNAUTHORIZED;
    case 403: return LK_CLIENT_ERROR_FORBIDDEN;
    case 404: return LK_CLIENT_ERROR_NOT_FOUND;
    case 409: return LK_CLIENT_ERROR_CONFLICT;
    case 429: return LK_CLIENT_ERROR_RATE_LIMITED;
    default:
      return status >= 500 ? LK_CLIENT_ERROR_SERVER : LK_CLIENT_ERROR_FAILED;
    }
}

/* The text of ErrorResponseDto's messages[] (then causes[]) joined, or
 * {error} of a 401 and /oauth/token, or {message} of a 429.
 */
static char *
server_text_from_body (JsonObject *object)
{
  g_autoptr(GString) text = g_string_new (NULL);
  static const char * const lists[] = { "messages", "causes" };

  for (guint l = 0; l < G_N_ELEMENTS (lists) && text->len == 0; l++)
    {
      JsonNode *node = json_object_get_member (object, lists[l]);
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *message = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          if (!lk_json_get_string (json_node_get_object (element), "text", LK_JSON_OPTIONAL, &message, NULL)
              || message == NULL || *message == '\0')
            continue;
          if (text->len > 0)
            g_string_append (text, " ");
          g_string_append (text, g_strstrip (message));
        }
    }

  if (text->len == 0)
    {
      static const char * const members[] = { "error_description", "error", "message" };

      for (guint i = 0; i < G_N_ELEMENTS (members) && text->len == 0; i++)
        {
          g_autofree char *message = NULL;

          if (lk_json_get_string (object, members[i], LK_JSON_OPTIONAL, &message, NULL) && message != NULL)
            g_string_append (text, g_strstrip (message));
        }
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static const char *
what_went_wrong (guint status)
{
  switch (status)
    {
    case 400: return _("The server refused the request");
    case 401: return _("The tenant did not accept the credentials");
    case 403: return _("The access token lacks the right to do this");
    case 404: return _("The tenant has no such item");
    case 409: return _("The item changed on the server");
    case 429: return _("The tenant asked to slow down");
    default:
      return status >= 500 ? _("The tenant had an internal error") : _("The request failed");
    }
}

/**
 * lk_client_error_new_from_response:
 * @status: the HTTP status
 * @reason: (nullable): the reason phrase, for a body that says nothing
 * @body: (nullable): the response body, an ErrorResponseDto or not
 *
 * Returns: (transfer full): an error whose message says what the server said
 */
GError *
lk_client_error_new_from_response (guint       status,
                                   const char *reason,
                                   GBytes     *body)
{
  g_autoptr(JsonObject) object = body ? lk_json_parse_object (body, NULL) : NULL;
  g_autofree char *server_text = NULL;
  g_autofree char *tracking_id = NULL;
  g_autofree char *detail_code = NULL;
  g_autoptr(GString) message = g_string_new (what_went_wrong (status));
  LkClientErrorPrivate *priv;
  GError *error;

  if (object != NULL)
    {
      server_text = server_text_from_body (object);
      lk_json_get_string (object, "trackingId", LK_JSON_OPTIONAL, &tracking_id, NULL);
      lk_json_get_string (object, "detailCode", LK_JSON_OPTIONAL, &detail_code, NULL);
    }

  if (server_text != NULL)
    g_string_append_printf (message, ": %s", server_text);
  else if (reason != NULL && *reason != '\0')
    g_string_append_printf (message, " (%u %s)", status, reason);
  else
    g_string_append_printf (message, " (HTTP %u)", status);

  if (tracking_id != NULL)
    /* Translators: SailPoint support asks for this ID */
    g_string_append_printf (message, _(" — tracking ID %s"), tracking_id);

  error = g_error_new_literal (LK_CLIENT_ERROR, code_for_status (status), message->str);
  priv = lk_client_error_get_private (error);
  priv->status = status;
  priv->tracking_id = g_steal_pointer (&tracking_id);
  priv->detail_code = g_steal_pointer (&detail_code);
  priv->server_message = g_steal_pointer (&server_text);

  return error;
}

static LkClientErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != LK_CLIENT_ERROR)
    return NULL;

  return lk_client_error_get_private (error);
}

/**
 * lk_client_error_outcome_unknown:
 * @error: (nullable): what a request that changes something ended with
 *
 * A 5xx, a dropped connection or an unreadable answer after the request
 * went out: the tenant may have carried it out all the same. Such a POST
 * is not repeated blindly; the caller checks, or says it cannot know.
 *
 * Returns: whether the change may have been made despite @error
 */
gboolean
lk_client_error_outcome_unknown (const GError *error)
{
  return g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_SERVER) ||
         g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK) ||
         g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE);
}

/**
 * lk_client_error_get_status:
 * @error: a #GError
 *
 * Returns: the HTTP status behind @error, or 0 when there was no response
 */
guint
lk_client_error_get_status (const GError *error)
{
  LkClientErrorPrivate *priv = get_private (error);

  return priv ? priv->status : 0;
}

/**
 * lk_client_error_get_tracking_id:
 * @error: a #GError
 *
 * Returns: (nullable): the `trackingId` of the server's ErrorResponseDto
 */
const char *
lk_client_error_get_tracking_id (const GError *error)
{
  LkClientErrorPrivate *priv = get_private (error);

  return priv ? priv->tracking_id : NULL;
}

/**
 * lk_client_error_get_detail_code:
 * @error: a #GError
 *
 * Returns: (nullable): the `detailCode` of the server's ErrorResponseDto
 */
const char *
lk_client_error_get_detail_code (const GError *error)
{
  LkClientErrorPrivate *priv = get_private (error);

  return priv ? priv->detail_code : NULL;
}

/**
 * lk_client_error_get_server_message:
 * @error: a #GError
 *
 * Returns: (nullable): the text of the server's messages, as it sent them
 */
const char *
lk_client_error_get_server_message (const GError *error)
{
  LkClientErrorPrivate *priv = get_private (error);

  return priv ? priv->server_message : NULL;
}
