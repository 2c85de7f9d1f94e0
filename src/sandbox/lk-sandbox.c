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
 *
 * This file holds the object, its clock and the routing: a request is
 * recorded, given its fault and delay (lk-sandbox-faults.c), authenticated,
 * and routed by its collection to the handler of lk-sandbox-tokens.c,
 * -policies.c or -passwords.c, which answer through lk-sandbox-replies.c.
 * What tests ask of a running sandbox is in lk-sandbox-inspect.c.
 */

G_DEFINE_FINAL_TYPE (LkSandbox, lk_sandbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_TOKENS,
  PROP_POLICIES,
  PROP_SYNC_GROUPS,
  PROP_IDENTITIES,
  PROP_SOURCES,
  PROP_TOKEN_TTL,
  PROP_RATE_LIMIT,
  PROP_RATE_WINDOW_MS,
  PROP_LATENCY,
  PROP_SLOW_MS,
  PROP_PASSWORD_DELAY_MS,
  PROP_NOW,
  PROP_FAULT_RETRY_AFTER,
  PROP_TOKEN_EXPIRES_IN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  REQUEST_RECEIVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
identity_free (SbIdentity *identity)
{
  g_free (identity->id);
  g_free (identity->name);
  g_free (identity->user_name);
  g_free (identity->email);
  g_free (identity->first_name);
  g_free (identity->last_name);
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

static gboolean
authenticate (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  const char *authorization =
    soup_message_headers_get_one (soup_server_message_get_request_headers (call->msg), "Authorization");
  SbSession *session;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    {
      _lk_sandbox_reply_small_object (call, 401, "error", "JWT validation failed: JWT is missing");
      return FALSE;
    }

  session = g_hash_table_lookup (self->sessions, authorization + strlen ("Bearer "));
  if (session == NULL)
    {
      _lk_sandbox_reply_small_object (call, 401, "error", "JWT validation failed: JWT is invalid");
      return FALSE;
    }

  if (_lk_sandbox_now_usec (self) >= session->expires_at)
    {
      _lk_sandbox_reply_small_object (call, 401, "error", "JWT validation failed: JWT is expired");
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
  g_signal_emit (self, signals [REQUEST_RECEIVED], 0, request->method, request->path);
}

/* Every endpoint under /v3, /beta and /v2025: a new collection is one row. */
typedef enum {
  SB_ID_ANY,       /* /things and /things/{id} */
  SB_ID_NONE,      /* /things only */
  SB_ID_REQUIRED,  /* /things/{id} only */
} SbIdRule;

static const struct {
  const char *resource;
  SbIdRule    id;
  void      (*handle) (SbCall *call);
} routes[] = {
  { "personal-access-tokens", SB_ID_ANY, _lk_sandbox_handle_tokens },
  { "query-password-info", SB_ID_NONE, _lk_sandbox_handle_password_info },
  { "set-password", SB_ID_NONE, _lk_sandbox_handle_set_password },
  { "password-change-status", SB_ID_REQUIRED, _lk_sandbox_handle_password_status },
  { "password-policies", SB_ID_ANY, _lk_sandbox_handle_policies },
  { "password-sync-groups", SB_ID_ANY, _lk_sandbox_handle_sync_groups },
  { "sources", SB_ID_ANY, _lk_sandbox_handle_sources },
  { "public-identities", SB_ID_NONE, _lk_sandbox_handle_public_identities },
  { "identities", SB_ID_ANY, _lk_sandbox_handle_identities },
};

static void
dispatch (SbCall *call)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (call->resource, routes[i].resource) &&
        (routes[i].id == SB_ID_ANY || (routes[i].id == SB_ID_REQUIRED) == (call->id != NULL)))
      {
        routes[i].handle (call);
        return;
      }

  _lk_sandbox_reply_error (call, 404, "The server did not find a current representation for the target resource.");
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
  LkSandboxFault fault = _lk_sandbox_pick_fault (self, soup_server_message_get_method (msg), path);
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
      _lk_sandbox_delay_reply (self, msg, self->latency_ms);
      return;

    case LK_SANDBOX_FAULT_SLOW:
      _lk_sandbox_delay_reply (self, msg, self->slow_ms);
      break;

    case LK_SANDBOX_FAULT_NONE:
    case LK_SANDBOX_FAULT_MALFORMED:
    case LK_SANDBOX_FAULT_RATE_LIMIT:
    default:
      _lk_sandbox_delay_reply (self, msg, self->latency_ms);
      break;
    }

  if (g_strcmp0 (path, "/oauth/token") == 0)
    {
      if (g_strcmp0 (call.method, "POST") != 0)
        _lk_sandbox_reply_method_not_allowed (&call);
      else if (fault == LK_SANDBOX_FAULT_RATE_LIMIT)
        _lk_sandbox_reply_rate_limited (&call, self->fault_retry_after);
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
      _lk_sandbox_reply_rate_limited (&call, self->fault_retry_after);
      return;
    }

  if (!_lk_sandbox_check_rate_limit (&call))
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
    case PROP_SOURCES: return &self->n_sources;
    case PROP_TOKEN_TTL: return &self->token_ttl;
    case PROP_RATE_LIMIT: return &self->rate_limit;
    case PROP_RATE_WINDOW_MS: return &self->rate_window_ms;
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

  /* A request as it arrives, before it is answered: for a test that acts
   * while an answer is on its way (latchkey-sandbox --trace-requests).
   */
  signals [REQUEST_RECEIVED] =
    g_signal_new ("request-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* What is seeded is fixed at construction; the behaviour can change as tests go. */
  properties [PROP_SEED] = uint_param ("seed", 0, G_MAXUINT32, 1, TRUE);
  properties [PROP_TOKENS] = uint_param ("tokens", 0, 10000000, 40, TRUE);
  properties [PROP_POLICIES] = uint_param ("policies", 1, 1000000, 6, TRUE);
  properties [PROP_SYNC_GROUPS] = uint_param ("sync-groups", 0, 1000000, 3, TRUE);
  properties [PROP_IDENTITIES] = uint_param ("identities", 2, 1000000, 50, TRUE);
  properties [PROP_SOURCES] = uint_param ("sources", 1, 1000000, 8, TRUE);
  properties [PROP_TOKEN_TTL] = uint_param ("token-ttl", 0, G_MAXINT32, 0, FALSE);
  properties [PROP_RATE_LIMIT] = uint_param ("rate-limit", 0, G_MAXINT32, 100, FALSE);
  /* ISC's window is ten seconds; tests of pacing use a shorter one. */
  properties [PROP_RATE_WINDOW_MS] = uint_param ("rate-window-ms", 1, 600000, 10000, FALSE);
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

