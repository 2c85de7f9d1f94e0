/* lk-sandbox.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* A local Identity Security Cloud tenant: the spec's endpoints on loopback,
 * with OAuth, rights, rate limits, paging and injectable faults, so that the
 * app and its tests talk to something that behaves like the service.
 */

G_DEFINE_FINAL_TYPE (LkSandbox, lk_sandbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_TOKENS,
  PROP_POLICIES,
  PROP_SYNC_GROUPS,
  PROP_IDENTITIES,
  PROP_TOKEN_TTL,
  PROP_RATE_LIMIT,
  PROP_LATENCY,
  PROP_SLOW_MS,
  PROP_PASSWORD_DELAY_MS,
  PROP_NOW,
  PROP_FAULT_RETRY_AFTER,
  PROP_TOKEN_EXPIRES_IN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

#define RATE_WINDOW_USEC (10 * G_USEC_PER_SEC)

typedef struct {
  gint64 start;
  guint  count;
} RateWindow;

static void
identity_free (SbIdentity *identity)
{
  g_free (identity->id);
  g_free (identity->name);
  g_free (identity->user_name);
  g_free (identity->email);
  g_free (identity);
}

static void
account_free (SbAccount *account)
{
  g_free (account->identity_id);
  g_free (account->source_id);
  g_free (account->account_id);
  g_free (account->account_name);
  g_free (account);
}

static void
session_free (SbSession *session)
{
  g_free (session->client_id);
  g_free (session->identity_id);
  g_strfreev (session->scopes);
  g_free (session);
}

static void
password_request_free (SbPasswordRequest *request)
{
  g_free (request->id);
  g_free (request->source_id);
  g_strfreev (request->errors);
  g_free (request);
}

static void
request_free (SbRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->content_type);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

char *
_lk_sandbox_random_hex (LkSandbox *self,
                        guint      n_chars)
{
  static const char digits[] = "0123456789abcdef";
  char *hex = g_malloc (n_chars + 1);

  for (guint i = 0; i < n_chars; i++)
    hex[i] = digits[g_rand_int_range (self->rand, 0, 16)];
  hex[n_chars] = '\0';

  return hex;
}

char *
_lk_sandbox_random_uuid (LkSandbox *self)
{
  g_autofree char *hex = _lk_sandbox_random_hex (self, 32);

  return g_strdup_printf ("%.8s-%.4s-4%.3s-a%.3s-%.12s", hex, hex + 8, hex + 13, hex + 17, hex + 20);
}

guint
_lk_sandbox_random_int (LkSandbox *self,
                        guint      below)
{
  return below > 0 ? (guint) g_rand_int_range (self->rand, 0, (gint32) below) : 0;
}

SbIdentity *
_lk_sandbox_find_identity (LkSandbox  *self,
                           const char *id)
{
  return id ? g_hash_table_lookup (self->identities_by_id, id) : NULL;
}

SbSource *
_lk_sandbox_find_source (LkSandbox  *self,
                         const char *id)
{
  for (guint i = 0; id && i < self->sources->len; i++)
    {
      SbSource *source = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (source->id, id) == 0)
        return source;
    }

  return NULL;
}

JsonObject *
_lk_sandbox_find_object (GPtrArray  *objects,
                         const char *id,
                         guint      *index)
{
  for (guint i = 0; id && i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "id", NULL), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return object;
        }
    }

  return NULL;
}

/* The clock */

gint64
_lk_sandbox_now_usec (LkSandbox *self)
{
  if (self->clock_start_usec == 0)
    return g_get_real_time ();

  return self->clock_start_usec + (g_get_monotonic_time () - self->clock_set_at);
}

GDateTime *
_lk_sandbox_now (LkSandbox *self)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);

  return g_date_time_add (epoch, _lk_sandbox_now_usec (self));
}

/**
 * lk_sandbox_get_now:
 * @self: a #LkSandbox
 *
 * Returns: (transfer full): the tenant's date and time, in UTC
 */
GDateTime *
lk_sandbox_get_now (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return _lk_sandbox_now (self);
}

/**
 * lk_sandbox_set_now:
 * @self: a #LkSandbox
 * @now: (nullable): the tenant's date and time from now on, or %NULL for the machine's clock
 *
 * Sets the tenant's clock, which runs on from there. Data seeded at
 * start is dated from it, and answers carry it in their Date header.
 */
void
lk_sandbox_set_now (LkSandbox *self,
                    GDateTime *now)
{
  g_return_if_fail (LK_IS_SANDBOX (self));

  self->clock_start_usec = now ? g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now) : 0;
  self->clock_set_at = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOW]);
}

/* Replies */

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

static void
reply_small_object (SbCall     *call,
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

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL))
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

/* Faults, latency and rate limits */

/* A fault may be for one endpoint: "POST /v3/set-password" is a prefix of
 * what it names, and NULL of everything.
 */
static gboolean
targets (const char *target,
         const char *request)
{
  return target == NULL || g_str_has_prefix (request, target);
}

static LkSandboxFault
pick_fault (LkSandbox  *self,
            const char *method,
            const char *path)
{
  g_autofree char *request = g_strdup_printf ("%s %s", method, path);

  if (self->next_fault_count > 0 && targets (self->next_fault_target, request))
    {
      self->next_fault_count--;
      return self->next_fault;
    }

  for (guint kind = LK_SANDBOX_FAULT_5XX; kind < LK_SANDBOX_N_FAULTS; kind++)
    if (self->fault_percent[kind] > 0 && targets (self->fault_target[kind], request) &&
        _lk_sandbox_random_int (self, 100) < self->fault_percent[kind])
      return kind;

  return LK_SANDBOX_FAULT_NONE;
}

typedef struct {
  LkSandbox         *sandbox;
  SoupServerMessage *msg;
} Delayed;

static gboolean
unpause_cb (gpointer data)
{
  Delayed *delayed = data;

  delayed->sandbox->in_flight--;
  soup_server_message_unpause (delayed->msg);
  return G_SOURCE_REMOVE;
}

static void
delayed_free (Delayed *delayed)
{
  g_object_unref (delayed->msg);
  g_free (delayed);
}

/* Holds the answer back; counts how many are held at once, for tests of
 * how many requests a client has in flight.
 */
static void
delay_reply (LkSandbox         *self,
             SoupServerMessage *msg,
             guint              delay_ms)
{
  Delayed *delayed;

  if (delay_ms == 0)
    return;

  delayed = g_new0 (Delayed, 1);
  delayed->sandbox = self;
  delayed->msg = g_object_ref (msg);
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  soup_server_message_pause (msg);
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, unpause_cb, delayed, (GDestroyNotify) delayed_free);
}

static void
reply_rate_limited (SbCall *call,
                    guint   retry_after)
{
  g_autofree char *seconds = g_strdup_printf ("%u", MAX (retry_after, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (call->msg),
                                "Retry-After", seconds);
  reply_small_object (call, 429, "message", " Rate Limit Exceeded ");
}

/* 100 requests per client ID per API version per 10 s, as ISC documents. */
static gboolean
check_rate_limit (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autofree char *key = g_strdup_printf ("%s %s", call->session->client_id, call->version);
  RateWindow *window = g_hash_table_lookup (self->rate_windows, key);
  gint64 now = g_get_monotonic_time ();

  if (self->rate_limit == 0)
    return TRUE;

  if (window == NULL || now - window->start >= RATE_WINDOW_USEC)
    {
      if (window == NULL)
        {
          window = g_new0 (RateWindow, 1);
          g_hash_table_insert (self->rate_windows, g_steal_pointer (&key), window);
        }
      window->start = now;
      window->count = 0;
    }

  if (++window->count <= self->rate_limit)
    return TRUE;

  reply_rate_limited (call, (guint) ((window->start + RATE_WINDOW_USEC - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
  return FALSE;
}

static gboolean
authenticate (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  const char *authorization =
    soup_message_headers_get_one (soup_server_message_get_request_headers (call->msg), "Authorization");
  SbSession *session;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    {
      reply_small_object (call, 401, "error", "JWT validation failed: JWT is missing");
      return FALSE;
    }

  session = g_hash_table_lookup (self->sessions, authorization + strlen ("Bearer "));
  if (session == NULL)
    {
      reply_small_object (call, 401, "error", "JWT validation failed: JWT is invalid");
      return FALSE;
    }

  if (_lk_sandbox_now_usec (self) >= session->expires_at)
    {
      reply_small_object (call, 401, "error", "JWT validation failed: JWT is expired");
      return FALSE;
    }

  call->session = session;
  call->caller = _lk_sandbox_find_identity (self, session->identity_id);
  g_assert (call->caller != NULL);

  return TRUE;
}

static void
record_request (LkSandbox         *self,
                SoupServerMessage *msg,
                GBytes            *body)
{
  SbRequest *request = g_new0 (SbRequest, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *content_type =
    soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Content-Type");

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->content_type = g_strdup (content_type);
  request->body = g_bytes_ref (body);
  g_ptr_array_add (self->requests, request);
}

static void
dispatch (SbCall *call)
{
  const char *resource = call->resource;

  if (g_strcmp0 (resource, "personal-access-tokens") == 0)
    _lk_sandbox_handle_tokens (call);
  else if (g_strcmp0 (resource, "query-password-info") == 0 && call->id == NULL)
    _lk_sandbox_handle_password_info (call);
  else if (g_strcmp0 (resource, "set-password") == 0 && call->id == NULL)
    _lk_sandbox_handle_set_password (call);
  else if (g_strcmp0 (resource, "password-change-status") == 0 && call->id != NULL)
    _lk_sandbox_handle_password_status (call);
  else if (g_strcmp0 (resource, "password-policies") == 0)
    _lk_sandbox_handle_policies (call);
  else if (g_strcmp0 (resource, "password-sync-groups") == 0)
    _lk_sandbox_handle_sync_groups (call);
  else
    _lk_sandbox_reply_error (call, 404,
                             "The server did not find a current representation for the target resource.");
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  LkSandbox *self = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 4);
  LkSandboxFault fault = pick_fault (self, soup_server_message_get_method (msg), path);
  SbCall call = { 0 };

  record_request (self, msg, body);

  /* Clients may follow the tenant's clock rather than their own. */
  {
    g_autoptr(GDateTime) now = _lk_sandbox_now (self);
    g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
  }

  call.sandbox = self;
  call.msg = msg;
  call.method = soup_server_message_get_method (msg);
  call.query = query;
  call.body = body;

  g_object_set_data (G_OBJECT (msg), "lk-fault", GUINT_TO_POINTER (fault));

  switch (fault)
    {
    case LK_SANDBOX_FAULT_DROP:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
        return;
      }

    case LK_SANDBOX_FAULT_5XX:
      if (_lk_sandbox_random_int (self, 2) == 0)
        _lk_sandbox_reply_error (&call, 500, "An internal fault occurred.");
      else
        {
          static const char gateway[] = "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>";

          soup_server_message_set_status (msg, 503, NULL);
          soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, gateway, strlen (gateway));
        }
      delay_reply (self, msg, self->latency_ms);
      return;

    case LK_SANDBOX_FAULT_SLOW:
      delay_reply (self, msg, self->slow_ms);
      break;

    case LK_SANDBOX_FAULT_NONE:
    case LK_SANDBOX_FAULT_MALFORMED:
    case LK_SANDBOX_FAULT_RATE_LIMIT:
    default:
      delay_reply (self, msg, self->latency_ms);
      break;
    }

  if (g_strcmp0 (path, "/oauth/token") == 0)
    {
      if (g_strcmp0 (call.method, "POST") != 0)
        _lk_sandbox_reply_method_not_allowed (&call);
      else if (fault == LK_SANDBOX_FAULT_RATE_LIMIT)
        reply_rate_limited (&call, self->fault_retry_after);
      else
        _lk_sandbox_handle_oauth (self, msg, body, query);
      return;
    }

  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3 ||
      !(g_str_equal (parts[0], "v3") || g_str_equal (parts[0], "beta") || g_str_equal (parts[0], "v2025")) ||
      *parts[1] == '\0' || (parts[2] != NULL && *parts[2] == '\0'))
    {
      _lk_sandbox_reply_error (&call, 404,
                               "The server did not find a current representation for the target resource.");
      return;
    }

  call.version = parts[0];
  call.resource = parts[1];
  call.id = parts[2];

  if (!authenticate (&call))
    return;

  if (fault == LK_SANDBOX_FAULT_RATE_LIMIT)
    {
      reply_rate_limited (&call, self->fault_retry_after);
      return;
    }

  if (!check_rate_limit (&call))
    return;

  dispatch (&call);
}

/* GObject */

static void
lk_sandbox_finalize (GObject *object)
{
  LkSandbox *self = (LkSandbox *)object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->next_fault_target, g_free);
  g_clear_pointer (&self->token_expires_in, g_free);
  g_clear_pointer (&self->issued_tokens, g_ptr_array_unref);
  for (guint kind = 0; kind < G_N_ELEMENTS (self->fault_target); kind++)
    g_clear_pointer (&self->fault_target[kind], g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->identities, g_ptr_array_unref);
  g_clear_pointer (&self->identities_by_id, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->tokens, g_ptr_array_unref);
  g_clear_pointer (&self->policies, g_ptr_array_unref);
  g_clear_pointer (&self->sync_groups, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->password_requests, g_hash_table_unref);
  g_clear_pointer (&self->rate_windows, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->admin_client_id, g_free);
  g_clear_pointer (&self->admin_client_secret, g_free);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->user_name, g_free);

  G_OBJECT_CLASS (lk_sandbox_parent_class)->finalize (object);
}

static guint *
uint_property (LkSandbox *self,
               guint      prop_id)
{
  switch (prop_id)
    {
    case PROP_TOKENS: return &self->n_tokens;
    case PROP_POLICIES: return &self->n_policies;
    case PROP_SYNC_GROUPS: return &self->n_sync_groups;
    case PROP_IDENTITIES: return &self->n_identities;
    case PROP_TOKEN_TTL: return &self->token_ttl;
    case PROP_RATE_LIMIT: return &self->rate_limit;
    case PROP_LATENCY: return &self->latency_ms;
    case PROP_SLOW_MS: return &self->slow_ms;
    case PROP_PASSWORD_DELAY_MS: return &self->password_delay_ms;
    case PROP_FAULT_RETRY_AFTER: return &self->fault_retry_after;
    default: return NULL;
    }
}

static void
lk_sandbox_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LkSandbox *self = LK_SANDBOX (object);
  guint *field = uint_property (self, prop_id);

  if (prop_id == PROP_SEED)
    g_value_set_uint (value, self->seed);
  else if (prop_id == PROP_NOW)
    g_value_take_string (value, self->clock_start_usec ? lk_json_format_date_time (_lk_sandbox_now (self)) : NULL);
  else if (prop_id == PROP_TOKEN_EXPIRES_IN)
    g_value_set_string (value, self->token_expires_in);
  else if (field != NULL)
    g_value_set_uint (value, *field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/**
 * lk_sandbox_parse_date:
 * @text: a day (2026-06-15) or an ISO 8601 date and time
 * @error: a location for a #GError
 *
 * A day alone is noon UTC: the same day in every time zone.
 *
 * Returns: (transfer full): the date and time, or %NULL with @error set
 */
GDateTime *
lk_sandbox_parse_date (const char  *text,
                       GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *with_time = strlen (text) == 10 ? g_strconcat (text, "T12:00:00Z", NULL) : g_strdup (text);
  GDateTime *date = g_date_time_new_from_iso8601 (with_time, utc);

  if (date == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "“%s” is not a date such as 2026-06-15 or 2026-06-15T09:30:00Z", text);
  return date;
}

static void
set_now_from_string (LkSandbox  *self,
                     const char *text)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  if (text != NULL && !(now = lk_sandbox_parse_date (text, &error)))
    {
      g_critical ("%s", error->message);
      return;
    }
  lk_sandbox_set_now (self, now);
}

static void
lk_sandbox_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LkSandbox *self = LK_SANDBOX (object);
  guint *field = uint_property (self, prop_id);

  if (prop_id == PROP_SEED)
    self->seed = g_value_get_uint (value);
  else if (prop_id == PROP_NOW)
    set_now_from_string (self, g_value_get_string (value));
  else if (prop_id == PROP_TOKEN_EXPIRES_IN)
    {
      g_free (self->token_expires_in);
      self->token_expires_in = g_value_dup_string (value);
    }
  else if (field != NULL)
    *field = g_value_get_uint (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static GParamSpec *
uint_param (const char *name,
            guint       minimum,
            guint       maximum,
            guint       default_value,
            gboolean    construct_only)
{
  return g_param_spec_uint (name, NULL, NULL, minimum, maximum, default_value,
                            (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                             (construct_only ? G_PARAM_CONSTRUCT_ONLY : G_PARAM_CONSTRUCT)));
}

static void
lk_sandbox_class_init (LkSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_sandbox_finalize;
  object_class->get_property = lk_sandbox_get_property;
  object_class->set_property = lk_sandbox_set_property;

  /* What is seeded is fixed at construction; the behaviour can change as tests go. */
  properties [PROP_SEED] = uint_param ("seed", 0, G_MAXUINT32, 1, TRUE);
  properties [PROP_TOKENS] = uint_param ("tokens", 0, 10000000, 40, TRUE);
  properties [PROP_POLICIES] = uint_param ("policies", 1, 1000000, 6, TRUE);
  properties [PROP_SYNC_GROUPS] = uint_param ("sync-groups", 0, 1000000, 3, TRUE);
  properties [PROP_IDENTITIES] = uint_param ("identities", 2, 1000000, 50, TRUE);
  properties [PROP_TOKEN_TTL] = uint_param ("token-ttl", 0, G_MAXINT32, 0, FALSE);
  properties [PROP_RATE_LIMIT] = uint_param ("rate-limit", 0, G_MAXINT32, 100, FALSE);
  properties [PROP_LATENCY] = uint_param ("latency", 0, 600000, 0, FALSE);
  properties [PROP_SLOW_MS] = uint_param ("slow-ms", 0, 600000, 5000, FALSE);
  properties [PROP_PASSWORD_DELAY_MS] = uint_param ("password-delay-ms", 0, 600000, 3000, FALSE);
  properties [PROP_FAULT_RETRY_AFTER] = uint_param ("fault-retry-after", 0, G_MAXINT32, 1, FALSE);
  /* What /oauth/token says of a bearer token's life, as JSON, however wrong: "0", "-100". */
  properties [PROP_TOKEN_EXPIRES_IN] =
    g_param_spec_string ("token-expires-in", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  /* The tenant's date when it starts (ISO 8601), so that tests do not depend on today's. */
  properties [PROP_NOW] =
    g_param_spec_string ("now", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_sandbox_init (LkSandbox *self)
{
  self->identities = g_ptr_array_new_with_free_func ((GDestroyNotify) identity_free);
  self->identities_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) _lk_sandbox_source_free);
  self->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) account_free);
  self->tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) _lk_sandbox_token_free);
  self->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->sync_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) session_free);
  self->issued_tokens = g_ptr_array_new_with_free_func (g_free);
  self->password_requests = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) password_request_free);
  self->rate_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
}

LkSandbox *
lk_sandbox_new (void)
{
  return g_object_new (LK_TYPE_SANDBOX, NULL);
}

/**
 * lk_sandbox_start:
 * @self: a #LkSandbox
 * @port: the port on 127.0.0.1, or 0 for any free one
 * @certificate: (nullable): serve HTTPS with this certificate
 * @error: a location for a #GError
 *
 * Seeds the tenant and starts serving in the thread-default main context.
 */
gboolean
lk_sandbox_start (LkSandbox        *self,
                  guint16           port,
                  GTlsCertificate  *certificate,
                  GError          **error)
{
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;
  GSList *uris;

  g_return_val_if_fail (LK_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->rand = g_rand_new_with_seed (self->seed);
  _lk_sandbox_seed (self);

  self->server = soup_server_new ("server-header", "latchkey-sandbox", NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);

  if (certificate != NULL)
    {
      soup_server_set_tls_certificate (self->server, certificate);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  if (!soup_server_listen_local (self->server, port, options, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->url = g_strdup_printf ("%s://127.0.0.1:%d",
                               certificate ? "https" : "http",
                               g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

const char *
lk_sandbox_get_url (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return self->url;
}

const char *
lk_sandbox_get_admin_client_id (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return self->admin_client_id;
}

const char *
lk_sandbox_get_admin_client_secret (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return self->admin_client_secret;
}

const char *
lk_sandbox_get_admin_identity_id (LkSandbox *self)
{
  SbIdentity *admin;

  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (self->identities->len > 0, NULL);

  admin = g_ptr_array_index (self->identities, 0);
  return admin->id;
}

const char *
lk_sandbox_get_source_name (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return self->source_name;
}

const char *
lk_sandbox_get_user_name (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return self->user_name;
}

/**
 * lk_sandbox_add_client:
 * @self: a started #LkSandbox
 * @user_name: the identity that owns the new PAT
 * @scopes: (nullable): its scopes; %NULL for `sp:scopes:all`
 * @secret: (out): the PAT's secret
 *
 * Returns: (transfer full): the PAT's client ID
 */
char *
lk_sandbox_add_client (LkSandbox          *self,
                       const char         *user_name,
                       const char * const *scopes,
                       char              **secret)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autoptr(GDateTime) now = _lk_sandbox_now (self);
  g_autoptr(GDateTime) expiration = g_date_time_add_months (now, 6);
  g_autofree char *name = NULL;
  SbIdentity *owner = NULL;
  SbToken *token;

  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  for (guint i = 0; i < self->identities->len && owner == NULL; i++)
    {
      SbIdentity *identity = g_ptr_array_index (self->identities, i);

      if (g_strcmp0 (identity->user_name, user_name) == 0)
        owner = identity;
    }
  g_return_val_if_fail (owner != NULL, NULL);

  name = g_strdup_printf ("Test client %u", self->tokens->len + 1);
  token = _lk_sandbox_new_token (self, owner, name, scopes ? scopes : all, now, expiration, 43200, FALSE);
  *secret = g_strdup (token->secret);

  return g_strdup (json_object_get_string_member (token->json, "id"));
}

/**
 * lk_sandbox_parse_fault:
 * @self: a #LkSandbox
 * @spec: KIND:PERCENT or KIND:xCOUNT, then optionally @TARGET
 * @error: a location for a #GError
 *
 * KIND is 5xx, drop, malformed, slow or 429; PERCENT a share of the
 * requests, xCOUNT the next COUNT of them; TARGET ("POST /v3/set-password")
 * limits the fault to the requests it is a prefix of.
 */
gboolean
lk_sandbox_parse_fault (LkSandbox   *self,
                        const char  *spec,
                        GError     **error)
{
  static const struct {
    const char     *name;
    LkSandboxFault  fault;
  } kinds[] = {
    { "5xx", LK_SANDBOX_FAULT_5XX },
    { "drop", LK_SANDBOX_FAULT_DROP },
    { "malformed", LK_SANDBOX_FAULT_MALFORMED },
    { "slow", LK_SANDBOX_FAULT_SLOW },
    { "429", LK_SANDBOX_FAULT_RATE_LIMIT },
    { "blank", LK_SANDBOX_FAULT_BLANK },
    { "deep", LK_SANDBOX_FAULT_DEEP },
    { "huge", LK_SANDBOX_FAULT_HUGE },
    { "trickle", LK_SANDBOX_FAULT_TRICKLE },
    { "endless", LK_SANDBOX_FAULT_ENDLESS },
  };
  g_auto(GStrv) kind_rest = g_strsplit (spec, ":", 2);
  g_auto(GStrv) amount_target = kind_rest[0] && kind_rest[1] ? g_strsplit (kind_rest[1], "@", 2) : NULL;
  gboolean counted = amount_target && amount_target[0][0] == 'x';
  const char *target = amount_target ? amount_target[1] : NULL;
  guint64 amount;

  g_return_val_if_fail (LK_IS_SANDBOX (self), FALSE);

  if (amount_target != NULL &&
      g_ascii_string_to_unsigned (amount_target[0] + (counted ? 1 : 0), 10, 0, counted ? G_MAXUINT : 100, &amount,
                                  NULL) &&
      (target == NULL || *target != '\0'))
    {
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          if (!g_str_equal (kind_rest[0], kinds[i].name))
            continue;

          if (counted)
            lk_sandbox_fail_next_on (self, kinds[i].fault, (guint) amount, target);
          else
            lk_sandbox_set_fault_on (self, kinds[i].fault, (guint) amount, target);
          return TRUE;
        }
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "“%s” is not KIND:PERCENT or KIND:xCOUNT, then optionally @TARGET, with KIND one of 5xx, drop, "
               "malformed, slow, 429, blank, deep, huge, trickle, endless", spec);
  return FALSE;
}

void
lk_sandbox_set_fault (LkSandbox      *self,
                      LkSandboxFault  fault,
                      guint           percent)
{
  lk_sandbox_set_fault_on (self, fault, percent, NULL);
}

/**
 * lk_sandbox_set_fault_on:
 * @self: a #LkSandbox
 * @fault: what goes wrong
 * @percent: in how many of every hundred requests
 * @target: (nullable): "METHOD /path" prefix of the requests, or %NULL for all
 */
void
lk_sandbox_set_fault_on (LkSandbox      *self,
                         LkSandboxFault  fault,
                         guint           percent,
                         const char     *target)
{
  g_return_if_fail (LK_IS_SANDBOX (self));
  g_return_if_fail (fault < LK_SANDBOX_N_FAULTS);

  self->fault_percent[fault] = MIN (percent, 100);
  g_free (self->fault_target[fault]);
  self->fault_target[fault] = g_strdup (target);
}

/**
 * lk_sandbox_fail_next:
 * @self: a #LkSandbox
 * @fault: what goes wrong
 * @count: for how many of the next requests
 *
 * Deterministic faults, for tests.
 */
void
lk_sandbox_fail_next (LkSandbox      *self,
                      LkSandboxFault  fault,
                      guint           count)
{
  lk_sandbox_fail_next_on (self, fault, count, NULL);
}

/**
 * lk_sandbox_fail_next_on:
 * @self: a #LkSandbox
 * @fault: what goes wrong
 * @count: for how many of the next requests @target names
 * @target: (nullable): "METHOD /path" prefix of the requests, or %NULL for all
 */
void
lk_sandbox_fail_next_on (LkSandbox      *self,
                         LkSandboxFault  fault,
                         guint           count,
                         const char     *target)
{
  g_return_if_fail (LK_IS_SANDBOX (self));

  self->next_fault = fault;
  self->next_fault_count = count;
  g_free (self->next_fault_target);
  self->next_fault_target = g_strdup (target);
}

void
lk_sandbox_expire_access_tokens (LkSandbox *self)
{
  GHashTableIter iter;
  SbSession *session;

  g_return_if_fail (LK_IS_SANDBOX (self));

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    session->expires_at = 0;
}

static gboolean
request_matches (SbRequest  *request,
                 const char *method,
                 const char *path,
                 gboolean    prefix)
{
  if (method != NULL && g_strcmp0 (request->method, method) != 0)
    return FALSE;

  if (path == NULL)
    return TRUE;

  return prefix ? g_str_has_prefix (request->path, path) : g_strcmp0 (request->path, path) == 0;
}

/**
 * lk_sandbox_count_requests:
 * @self: a #LkSandbox
 * @method: (nullable): an HTTP method, or %NULL for any
 * @path: (nullable): the exact path, or %NULL for any
 *
 * Returns: how many such requests arrived, answered or not
 */
guint
lk_sandbox_count_requests (LkSandbox  *self,
                           const char *method,
                           const char *path)
{
  guint count = 0;

  g_return_val_if_fail (LK_IS_SANDBOX (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    count += request_matches (g_ptr_array_index (self->requests, i), method, path, FALSE);

  return count;
}

/**
 * lk_sandbox_list_requests:
 * @self: a #LkSandbox
 *
 * Returns: (transfer full): "METHOD /path" of every request that arrived, in order
 */
GStrv
lk_sandbox_list_requests (LkSandbox *self)
{
  g_autoptr(GStrvBuilder) list = g_strv_builder_new ();

  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = 0; i < self->requests->len; i++)
    {
      SbRequest *request = g_ptr_array_index (self->requests, i);
      g_autofree char *line = g_strdup_printf ("%s %s", request->method, request->path);

      g_strv_builder_add (list, line);
    }

  return g_strv_builder_end (list);
}

/**
 * lk_sandbox_list_access_tokens:
 * @self: a #LkSandbox
 *
 * Every bearer token /oauth/token gave, expired ones included: what a
 * secrets audit looks for.
 *
 * Returns: (transfer full): the tokens, in the order given
 */
GStrv
lk_sandbox_list_access_tokens (LkSandbox *self)
{
  g_autoptr(GStrvBuilder) list = g_strv_builder_new ();

  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = 0; i < self->issued_tokens->len; i++)
    g_strv_builder_add (list, g_ptr_array_index (self->issued_tokens, i));

  return g_strv_builder_end (list);
}

/**
 * lk_sandbox_get_last_request_body:
 * @self: a #LkSandbox
 * @method: (nullable): an HTTP method, or %NULL for any
 * @path_prefix: the start of the path
 * @content_type: (out) (optional) (nullable): its Content-Type
 *
 * Returns: (transfer full) (nullable): the body of the latest such request
 */
GBytes *
lk_sandbox_get_last_request_body (LkSandbox   *self,
                                  const char  *method,
                                  const char  *path_prefix,
                                  char       **content_type)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = self->requests->len; i > 0; i--)
    {
      SbRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request_matches (request, method, path_prefix, TRUE))
        {
          if (content_type != NULL)
            *content_type = g_strdup (request->content_type);
          return g_bytes_ref (request->body);
        }
    }

  return NULL;
}

/**
 * lk_sandbox_get_last_request_query:
 * @self: a #LkSandbox
 * @method: (nullable): an HTTP method, or %NULL for any
 * @path: the exact path
 *
 * Returns: (transfer full) (nullable): the raw query string of the latest such request
 */
char *
lk_sandbox_get_last_request_query (LkSandbox  *self,
                                   const char *method,
                                   const char *path)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = self->requests->len; i > 0; i--)
    {
      SbRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request_matches (request, method, path, FALSE))
        return g_strdup (request->query);
    }

  return NULL;
}

/**
 * lk_sandbox_get_max_in_flight:
 * @self: a #LkSandbox
 *
 * Returns: the most answers held back by latency at one time
 */
guint
lk_sandbox_get_max_in_flight (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), 0);

  return self->max_in_flight;
}

/**
 * lk_sandbox_lookup_policy:
 * @self: a #LkSandbox
 * @id: a password policy ID
 *
 * Returns: (transfer none) (nullable): the policy as the sandbox keeps it
 */
JsonObject *
lk_sandbox_lookup_policy (LkSandbox  *self,
                          const char *id)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return _lk_sandbox_find_object (self->policies, id, NULL);
}
