/* lk-sandbox-replies.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* How the sandbox answers: JSON objects and pages with ISC's paging and
 * X-Total-Count, ErrorResponseDto bodies, rights by scope, and answers
 * streamed in pieces, trickled or endless when a fault says so. */

LkSandboxFault
_lk_sandbox_get_fault (SbCall *call)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (call->msg), "lk-fault"));
}

/* An answer sent in pieces as the client takes them: @total bytes of
 * white space as fast as it reads (huge), or @data one byte a second
 * (trickle). It stops when the client goes.
 */
typedef struct {
  SoupServerMessage *msg;
  GBytes            *data;      /* trickled; NULL for white space */
  gsize              sent;
  gsize              total;
  guint              timeout_id;
  gboolean           finished;
} Stream;

#define HUGE_ANSWER_BYTES ((gsize) 300 * 1024 * 1024)
#define HUGE_CHUNK_BYTES  ((gsize) 1024 * 1024)

static void stream_next (Stream *stream);

static gboolean
on_trickle_cb (gpointer data)
{
  Stream *stream = data;

  stream->timeout_id = 0;
  stream_next (stream);
  soup_server_message_unpause (stream->msg);
  return G_SOURCE_REMOVE;
}

static void
on_stream_wrote_chunk_cb (SoupServerMessage *msg,
                          Stream            *stream)
{
  if (stream->finished)
    return;

  if (stream->data != NULL)
    {
      soup_server_message_pause (msg);
      stream->timeout_id = g_timeout_add (1000, on_trickle_cb, stream);
    }
  else
    stream_next (stream);
}

static void
on_stream_finished_cb (SoupServerMessage *msg,
                       Stream            *stream)
{
  stream->finished = TRUE;
  g_clear_handle_id (&stream->timeout_id, g_source_remove);
}

static void
stream_free (gpointer data)
{
  Stream *stream = data;

  g_clear_handle_id (&stream->timeout_id, g_source_remove);
  g_clear_pointer (&stream->data, g_bytes_unref);
  g_free (stream);
}

static void
stream_next (Stream *stream)
{
  static char spaces[HUGE_CHUNK_BYTES];
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  if (stream->sent >= stream->total)
    {
      soup_message_body_complete (body);
      return;
    }

  if (stream->data != NULL)
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY,
                                (const char *) g_bytes_get_data (stream->data, NULL) + stream->sent, 1);
      stream->sent++;
    }
  else
    {
      gsize size = MIN (HUGE_CHUNK_BYTES, stream->total - stream->sent);

      if (spaces[0] != ' ')
        memset (spaces, ' ', sizeof spaces);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, spaces, size);
      stream->sent += size;
    }
}

static void
reply_streamed (SbCall     *call,
                guint       status,
                const char *content_type,
                GBytes     *trickled)
{
  Stream *stream = g_new0 (Stream, 1);

  stream->msg = call->msg;
  stream->data = trickled ? g_bytes_ref (trickled) : NULL;
  stream->total = trickled ? g_bytes_get_size (trickled) : HUGE_ANSWER_BYTES;
  g_object_set_data_full (G_OBJECT (call->msg), "lk-stream", stream, stream_free);
  g_signal_connect (call->msg, "wrote-chunk", G_CALLBACK (on_stream_wrote_chunk_cb), stream);
  g_signal_connect (call->msg, "finished", G_CALLBACK (on_stream_finished_cb), stream);

  soup_server_message_set_status (call->msg, status, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (call->msg), SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (call->msg), content_type, NULL);
  stream_next (stream);
}

static void
reply_bytes (SbCall     *call,
             guint       status,
             const char *content_type,
             GBytes     *bytes)
{
  gsize size = bytes ? g_bytes_get_size (bytes) : 0;
  const char *data = bytes ? g_bytes_get_data (bytes, NULL) : NULL;
  g_autofree char *made = NULL;

  switch (_lk_sandbox_get_fault (call))
    {
    /* A success status with the body cut off mid-way. */
    case LK_SANDBOX_FAULT_MALFORMED:
      status = status >= 400 ? 200 : status;
      size = size / 2;
      content_type = "application/json";
      if (size == 0)
        {
          data = "{\"id\": ";
          size = strlen (data);
        }
      break;

    case LK_SANDBOX_FAULT_BLANK:
      status = 200;
      content_type = "application/json";
      data = "  \n\t  \r\n ";
      size = strlen (data);
      break;

    case LK_SANDBOX_FAULT_DEEP:
      {
        const gsize depth = 100000;

        status = 200;
        content_type = "application/json";
        made = g_malloc (2 * depth);
        memset (made, '[', depth);
        memset (made + depth, ']', depth);
        data = made;
        size = 2 * depth;
      }
      break;

    case LK_SANDBOX_FAULT_HUGE:
      reply_streamed (call, 200, "application/json", NULL);
      return;

    case LK_SANDBOX_FAULT_TRICKLE:
      if (bytes != NULL && size > 0)
        {
          reply_streamed (call, status, content_type, bytes);
          return;
        }
      break;

    case LK_SANDBOX_FAULT_NONE:
    case LK_SANDBOX_FAULT_5XX:
    case LK_SANDBOX_FAULT_DROP:
    case LK_SANDBOX_FAULT_SLOW:
    case LK_SANDBOX_FAULT_RATE_LIMIT:
    case LK_SANDBOX_FAULT_ENDLESS:
    default:
      break;
    }

  soup_server_message_set_status (call->msg, status, NULL);
  if (data != NULL)
    soup_server_message_set_response (call->msg, content_type, SOUP_MEMORY_COPY, data, size);
}

void
_lk_sandbox_reply_json (SbCall   *call,
                        guint     status,
                        JsonNode *node)
{
  g_autoptr(GBytes) bytes = lk_json_to_bytes (node);

  reply_bytes (call, status, "application/json", bytes);
}

/* A JSON array sent as it is written, a few hundred items a chunk: the
 * first byte of 100,001 tokens leaves at once instead of after the whole
 * 36 MB is built, as a real tenant streams it.
 */
typedef struct {
  SoupServerMessage *msg;
  GPtrArray         *objects;   /* JsonObject */
  guint              next;      /* past the end once "]" is sent */
  gboolean           finished;
} ArrayStream;

#define ARRAY_STREAM_BATCH 500

static void
array_stream_free (gpointer data)
{
  ArrayStream *stream = data;

  g_ptr_array_unref (stream->objects);
  g_free (stream);
}

static void
array_stream_next (ArrayStream *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  GString *chunk;
  guint end;

  if (stream->next > stream->objects->len)
    {
      soup_message_body_complete (body);
      return;
    }

  chunk = g_string_new (stream->next == 0 ? "[" : NULL);
  end = MIN (stream->next + ARRAY_STREAM_BATCH, stream->objects->len);
  for (; stream->next < end; stream->next++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                        g_ptr_array_index (stream->objects, stream->next));

      /* Written into the chunk: a json-glib generator per object was most of the sandbox's time. */
      if (stream->next > 0)
        g_string_append_c (chunk, ',');
      lk_json_append_node (chunk, node);
    }
  if (stream->next == stream->objects->len)
    {
      g_string_append_c (chunk, ']');
      stream->next++;
    }

  soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk->str, chunk->len);
  g_string_free (chunk, FALSE);
}

static void
on_array_wrote_chunk_cb (SoupServerMessage *msg,
                         ArrayStream       *stream)
{
  if (!stream->finished)
    array_stream_next (stream);
}

static void
on_array_finished_cb (SoupServerMessage *msg,
                      ArrayStream       *stream)
{
  stream->finished = TRUE;
}

/**
 * _lk_sandbox_reply_array:
 * @call: the call
 * @objects: (transfer none): JsonObjects, the items of the answer
 *
 * 200 with @objects as a JSON array, streamed; a fault that spoils the body
 * (cut off, blank…) gets the body whole, as before.
 */
void
_lk_sandbox_reply_array (SbCall    *call,
                         GPtrArray *objects)
{
  LkSandboxFault fault = _lk_sandbox_get_fault (call);
  ArrayStream *stream;

  if (fault != LK_SANDBOX_FAULT_NONE && fault != LK_SANDBOX_FAULT_SLOW)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (objects->len);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < objects->len; i++)
        json_array_add_object_element (array, json_object_ref (g_ptr_array_index (objects, i)));
      json_node_set_array (node, array);
      _lk_sandbox_reply_json (call, 200, node);
      return;
    }

  stream = g_new0 (ArrayStream, 1);
  stream->msg = call->msg;
  stream->objects = g_ptr_array_ref (objects);
  g_object_set_data_full (G_OBJECT (call->msg), "lk-array-stream", stream, array_stream_free);
  g_signal_connect (call->msg, "wrote-chunk", G_CALLBACK (on_array_wrote_chunk_cb), stream);
  g_signal_connect (call->msg, "finished", G_CALLBACK (on_array_finished_cb), stream);

  soup_server_message_set_status (call->msg, 200, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (call->msg), SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (call->msg), "application/json",
                                         NULL);
  array_stream_next (stream);
}

void
_lk_sandbox_reply_object (SbCall     *call,
                          guint       status,
                          JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  _lk_sandbox_reply_json (call, status, node);
}

void
_lk_sandbox_reply_empty (SbCall *call,
                         guint   status)
{
  reply_bytes (call, status, NULL, NULL);
}

static const char *
detail_code_for_status (guint status)
{
  switch (status)
    {
    case 400: return "400.1 Bad Request Content";
    case 403: return "403 Forbidden";
    case 404: return "404 Not found";
    case 405: return "405 Method Not Allowed";
    case 415: return "415 Unsupported Media Type";
    default:  return "500.0 Internal Fault";
    }
}

/* An ErrorResponseDto, as every 400, 403, 404 and 500 of ISC. */
void
_lk_sandbox_reply_error (SbCall     *call,
                         guint       status,
                         const char *format,
                         ...)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text = NULL;
  g_autofree char *tracking_id = _lk_sandbox_random_hex (call->sandbox, 32);
  JsonObject *message = json_object_new ();
  JsonArray *messages = json_array_new ();
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  json_object_set_string_member (message, "locale", "en-US");
  json_object_set_string_member (message, "localeOrigin", "DEFAULT");
  json_object_set_string_member (message, "text", text);
  json_array_add_object_element (messages, message);

  json_object_set_string_member (object, "detailCode", detail_code_for_status (status));
  json_object_set_string_member (object, "trackingId", tracking_id);
  json_object_set_array_member (object, "messages", messages);
  json_object_set_array_member (object, "causes", json_array_new ());

  _lk_sandbox_reply_object (call, status, object);
}

void
_lk_sandbox_reply_method_not_allowed (SbCall *call)
{
  _lk_sandbox_reply_error (call, 405, "The method %s is not supported on this resource.", call->method);
}

/* {"MEMBER": "TEXT"}: the shape of ISC's 401s and 429s, not ErrorResponseDto. */
void
_lk_sandbox_reply_small_object (SbCall     *call,
                                guint       status,
                                const char *member,
                                const char *text)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, member, text);
  _lk_sandbox_reply_object (call, status, object);
}

/* Rights */

static gboolean
scopes_include (const char * const *scopes,
                const char         *scope)
{
  return scopes != NULL && g_strv_contains (scopes, scope);
}

/* `sp:scopes:all` grants what the owner's user level allows: everything to an
 * admin, the owner's own tokens to anyone else. Other scopes grant themselves;
 * the idn: rights of the descriptions go by the sp: name of the same right.
 */
gboolean
_lk_sandbox_has_right (SbCall     *call,
                       const char *right)
{
  const char * const *scopes = (const char * const *) call->session->scopes;
  g_autofree char *sp_name = NULL;

  if (scopes_include (scopes, right))
    return TRUE;

  /* What every user may do, whoever they are: all scopes include it. */
  if (g_str_equal (right, "sp:scopes:default"))
    return scopes_include (scopes, "sp:scopes:all");

  if (g_str_has_prefix (right, "idn:") && strstr (right, "personal-access-tokens") != NULL)
    {
      sp_name = g_strconcat ("sp:", right + 4, NULL);
      if (scopes_include (scopes, sp_name))
        return TRUE;
    }

  if (scopes_include (scopes, "sp:scopes:all"))
    return call->caller->admin || strstr (right, ":my-personal-access-tokens:") != NULL;

  return FALSE;
}

/* Replies 403 naming the first right when the caller has none of them. */
gboolean
_lk_sandbox_require_right (SbCall     *call,
                           const char *right,
                           ...)
{
  const char *first = right;
  va_list args;

  va_start (args, right);
  for (const char *r = right; r != NULL; r = va_arg (args, const char *))
    {
      if (_lk_sandbox_has_right (call, r))
        {
          va_end (args);
          return TRUE;
        }
    }
  va_end (args);

  _lk_sandbox_reply_error (call, 403,
                           "The server understood the request but refuses to authorize it. "
                           "The caller lacks the right '%s'.", first);
  return FALSE;
}

JsonObject *
_lk_sandbox_parse_body (SbCall *call)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = lk_json_parse_object (call->body, &error);

  if (object == NULL)
    _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);

  return object;
}

static gboolean
parse_paging_param (SbCall     *call,
                    const char *name,
                    guint64     max,
                    guint64     fallback,
                    guint64    *value)
{
  const char *text = call->query ? g_hash_table_lookup (call->query, name) : NULL;

  *value = fallback;
  if (text == NULL)
    return TRUE;

  if (!lk_parse_unsigned (text, 0, max, value))
    {
      _lk_sandbox_reply_error (call, 400,
                               "The query parameter '%s' must be a number from 0 to %" G_GUINT64_FORMAT,
                               name, max);
      return FALSE;
    }

  return TRUE;
}

/* limit, offset and count as the ISC collection parameters define them. */
gboolean
_lk_sandbox_reply_page (SbCall          *call,
                        GPtrArray       *objects,
                        SbPresentFunc    present)
{
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  const char *count = call->query ? g_hash_table_lookup (call->query, "count") : NULL;
  guint64 limit, offset;

  if (!parse_paging_param (call, "limit", 250, 250, &limit) ||
      !parse_paging_param (call, "offset", G_MAXINT32, 0, &offset))
    return FALSE;

  /* A list that never ends: every page full, of the same few items. */
  if (_lk_sandbox_get_fault (call) == LK_SANDBOX_FAULT_ENDLESS && objects->len > 0)
    {
      for (guint64 i = 0; i < limit; i++)
        {
          JsonObject *object = g_ptr_array_index (objects, (offset + i) % objects->len);

          json_array_add_object_element (page, present ? present (call, object) : json_object_ref (object));
        }
      soup_message_headers_replace (soup_server_message_get_response_headers (call->msg), "X-Total-Count",
                                    "4294967295");
      json_node_set_array (node, page);
      _lk_sandbox_reply_json (call, 200, node);
      return TRUE;
    }

  for (guint64 i = offset; i < objects->len && i < offset + limit; i++)
    json_array_add_object_element (page, present ? present (call, g_ptr_array_index (objects, i))
                                                 : json_object_ref (g_ptr_array_index (objects, i)));

  if (g_strcmp0 (count, "true") == 0)
    {
      g_autofree char *total = g_strdup_printf ("%u", objects->len);

      soup_message_headers_replace (soup_server_message_get_response_headers (call->msg),
                                    "X-Total-Count", total);
    }

  json_node_set_array (node, page);
  _lk_sandbox_reply_json (call, 200, node);
  return TRUE;
}
