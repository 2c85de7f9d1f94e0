/* lk-client.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-client"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lk-client-private.h"
#include "lk-error.h"
#include "lk-http.h"
#include "lk-json.h"
#include "lk-limits.h"
#include "lk-token.h"

/* One tenant, one SoupSession. The bearer token is fetched once and shared
 * by every request until shortly before it expires; concurrent requests
 * wait for a single fetch. 429 waits as told, for any method, since the
 * server did nothing; 5xx and lost connections are retried with backoff for
 * GET, PUT and DELETE only, because a POST may have been carried out. Sends
 * are paced to the tenant's rate limit, so that a bulk revoke or many
 * pages at once wait their turn here rather than be refused there.
 * Neither the secret nor the bearer token is ever logged.
 */

#define MAX_RETRIES        3
#define MAX_RATE_LIMITED   LK_LIMIT_RATE_LIMITED
#define MAX_RETRY_AFTER_S  LK_LIMIT_RETRY_AFTER_SECONDS
#define PAGE_LIMIT         250
#define HTTP_TOO_MANY_REQUESTS 429  /* not named in libsoup 3.2 */
#define MAX_PAGES_IN_FLIGHT 4
/* A tenant's clock further off than this is not believed. */
#define MAX_CLOCK_OFFSET_USEC ((gint64) 50 * 366 * 24 * 3600 * G_USEC_PER_SEC)

struct _LkClient
{
  GObject parent_instance;

  SoupSession *session;
  char        *base_url;
  char        *client_id;
  char        *client_secret;
  char        *api_version;
  guint        retry_delay_ms;
  guint        request_timeout_ms;
  gint64       clock_offset_usec;  /* the tenant's clock less ours */

  char        *access_token;
  gint64       access_token_renew_at;
  GPtrArray   *token_waiters;  /* GTask, while a token fetch is under way */
  guint        token_generation;
  guint        credentials_serial;  /* a token asked for with older credentials is not taken */
  gint64       token_deadline;   /* monotonic: the token fetch, its retries included */

  LkHistory   *history;          /* nullable: where replaced versions are kept */
  char        *saved_by;

  /* Pacing: when the last rate_limit sends go (or went), oldest first, in a ring. */
  guint        rate_limit;       /* 0: not paced */
  gint64       rate_window_usec;
  gint64      *send_times;
  guint        n_send_times;
  guint        oldest_send;
  gint64       paced_said_at;    /* monotonic: "paced" is said at most once a second */
};

G_DEFINE_FINAL_TYPE (LkClient, lk_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CLIENT_ID,
  PROP_API_VERSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  RATE_LIMITED,
  PACED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct {
  char         *method;
  char         *path;
  char         *query;
  GBytes       *body;
  char         *content_type;
  guint         retries;
  guint         rate_limited;
  gboolean      refreshed;
  guint         token_generation;
  gint64        deadline;       /* monotonic: the whole request, retries and waits included */
  gint64        send_at;        /* monotonic: its turn under the rate limit; 0 until it has one */
  SoupMessage  *msg;
  SoupMessageHeaders *response_headers;
  LkHttpSink    sink;           /* reads a successful answer's body as it comes, if set */
  gpointer      sink_data;
} Request;

static void request_start (GTask    *task);
static void request_send  (GTask    *task);
static void fetch_token   (LkClient *self,
                           guint     retries);

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      explicit_bzero (*str, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_clear_object (&request->msg);
  g_clear_pointer (&request->response_headers, soup_message_headers_unref);
  g_free (request);
}

static gboolean
is_idempotent (const char *method)
{
  return g_str_equal (method, "GET") || g_str_equal (method, "PUT") ||
         g_str_equal (method, "DELETE") || g_str_equal (method, "HEAD");
}

static gboolean
host_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Only loopback (the sandbox tenant) may be spoken to without TLS. */
static gboolean
check_transport (LkClient  *self,
                 GError   **error)
{
  if (g_str_has_prefix (self->base_url, "https://") || host_is_loopback (self->base_url))
    return TRUE;

  g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_TLS,
               _("%s is not reached over HTTPS: Latchkey sends credentials only over TLS"),
               self->base_url);
  return FALSE;
}

/* Turns what libsoup reports into what the user should read. */
static GError *
transport_error (LkClient *self,
                 GError   *error)
{
  /* Cancelled, or a sink that could not read the answer: said as it is. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == LK_CLIENT_ERROR)
    return g_error_copy (error);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_TLS,
                        _("The certificate of %s is not trusted: %s"), self->base_url, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK,
                        _("%s did not answer in time"), self->base_url);

  /* Not a network failure: the same question would get the same answer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    return g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, "%s", error->message);

  return g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK,
                      _("Cannot reach %s: %s"), self->base_url, error->message);
}

/* Waiting, cancellably */

typedef struct {
  GTask        *task;
  GCancellable *cancellable;
} Wait;

static gboolean
on_wait_done_cb (gpointer data)
{
  Wait *wait = data;
  g_autoptr(GTask) task = g_steal_pointer (&wait->task);

  if (!g_task_return_error_if_cancelled (task))
    request_start (g_steal_pointer (&task));

  return G_SOURCE_REMOVE;
}

static void
wait_free (Wait *wait)
{
  g_clear_object (&wait->task);
  g_free (wait);
}

/* Whether a wait of @delay_ms still ends before @deadline (monotonic). */
static gboolean
wait_fits (gint64 deadline,
           guint  delay_ms)
{
  return g_get_monotonic_time () + (gint64) delay_ms * 1000 < deadline;
}

static GError *
timed_out_error (LkClient *self)
{
  return g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK,
                      _("%s did not finish answering within %u s"), self->base_url,
                      self->request_timeout_ms / 1000);
}

/* Calls request_start() after @delay_ms, or ends the task as soon as its
 * cancellable is cancelled: a cancelled call leaves nothing behind. A wait
 * that would end past the request's deadline ends it now.
 */
static void
retry_later (GTask *task,
             guint  delay_ms)
{
  LkClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GSource) source = NULL;
  Wait *wait;

  if (!wait_fits (request->deadline, delay_ms))
    {
      g_task_return_error (task, timed_out_error (self));
      g_object_unref (task);
      return;
    }

  source = g_timeout_source_new (delay_ms);
  wait = g_new0 (Wait, 1);
  wait->task = task;

  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancel_source = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancel_source);
      g_source_add_child_source (source, cancel_source);
    }

  g_source_set_callback (source, on_wait_done_cb, wait, (GDestroyNotify) wait_free);
  g_source_attach (source, g_task_get_context (task));
}

static guint
backoff_delay (LkClient *self,
               guint     retries)
{
  guint base = self->retry_delay_ms << MIN (retries, 4);

  /* ±20 % so that clients that failed together do not retry together. */
  return base * (80 + g_random_int_range (0, 41)) / 100;
}

/* The tenant's clock */

/* Each answer's Date header says the tenant's time: dates the tenant
 * compares against (unused since, expires within) are reckoned by it,
 * so a desktop whose clock is off still asks for the right tokens.
 */
static void
follow_tenant_clock (LkClient    *self,
                     SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date");
  g_autoptr(GDateTime) date = value ? soup_date_time_new_from_http_string (value) : NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan offset;

  if (date == NULL)
    return;

  now = g_date_time_new_now_utc ();
  offset = g_date_time_difference (date, now);
  /* The header counts whole seconds: keep the offset unless it moved by more. */
  if (ABS (offset) <= MAX_CLOCK_OFFSET_USEC && ABS (offset - self->clock_offset_usec) > G_USEC_PER_SEC)
    self->clock_offset_usec = offset;
}

/**
 * lk_client_get_now:
 * @self: a #LkClient
 *
 * The tenant's date and time, as its last answer told: the machine's
 * clock until it has answered.
 *
 * Returns: (transfer full): the date and time, in UTC
 */
GDateTime *
lk_client_get_now (LkClient *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);

  return g_date_time_add (now, self->clock_offset_usec);
}

static guint
retry_after_seconds (LkClient           *self,
                     SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return 1;

  if (lk_parse_unsigned (value, 0, G_MAXUINT32, &seconds))
    return (guint) CLAMP (seconds, 1, MAX_RETRY_AFTER_S);

  {
    /* A date in Retry-After is by the tenant's clock. */
    g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = lk_client_get_now (self);

    if (date != NULL)
      return (guint) CLAMP (g_date_time_difference (date, now) / G_USEC_PER_SEC, 1, MAX_RETRY_AFTER_S);
  }

  return 1;
}

/* The bearer token */

static gboolean
has_valid_token (LkClient *self)
{
  return self->access_token != NULL && g_get_monotonic_time () < self->access_token_renew_at;
}

static void
forget_token (LkClient *self)
{
  wipe_string (&self->access_token);
  self->access_token_renew_at = 0;
}

static void
wipe_bytes_free (gpointer data)
{
  explicit_bzero (data, strlen (data));
  g_free (data);
}

static void
finish_token_waiters (LkClient *self,
                      GError   *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->token_waiters);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        /* With the token just given, however short its life: asking for
         * another one now could go on for ever.
         */
        request_send (g_object_ref (task));
    }
}

static gboolean
parse_token_response (LkClient  *self,
                      GBytes    *body,
                      GError   **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *access_token = NULL;
  gint64 expires_in;
  gint64 margin;

  if (!(object = lk_json_parse_object (body, &local_error)) ||
      !lk_json_get_string (object, "access_token", LK_JSON_REQUIRED, &access_token, &local_error) ||
      !lk_json_get_int (object, "expires_in", LK_JSON_REQUIRED, 0, &expires_in, &local_error))
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                   _("The tenant’s answer to the token request cannot be read: %s"), local_error->message);
      if (access_token != NULL)
        explicit_bzero (access_token, strlen (access_token));
      return FALSE;
    }

  /* A token already expired would be asked for again and again. */
  if (expires_in < LK_LIMIT_TOKEN_MIN_SECONDS)
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, expires_in);

      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                   _("The tenant gave a bearer token that expires in %s s: it cannot be used"), seconds);
      explicit_bzero (access_token, strlen (access_token));
      return FALSE;
    }
  /* Longer than the spec allows: renewed sooner than told, which costs nothing. */
  expires_in = MIN (expires_in, LK_LIMIT_TOKEN_MAX_SECONDS);

  /* Renew a little before the end, so that no request goes out with a token
   * that expires on the way.
   */
  margin = MIN (60, expires_in / 10);
  forget_token (self);
  self->access_token = g_steal_pointer (&access_token);
  self->access_token_renew_at = g_get_monotonic_time () + (expires_in - margin) * G_USEC_PER_SEC;
  self->token_generation++;

  return TRUE;
}

typedef struct {
  LkClient    *self;
  SoupMessage *msg;
  guint        retries;
  guint        credentials_serial;
} TokenFetch;

static void
token_fetch_free (TokenFetch *fetch)
{
  g_clear_object (&fetch->self);
  g_clear_object (&fetch->msg);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenFetch, token_fetch_free)

static void retry_token_later (LkClient *self,
                               guint     retries);

static void
on_token_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TokenFetch) fetch = user_data;
  LkClient *self = fetch->self;
  SoupMessage *msg = fetch->msg;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = lk_http_exchange_finish (SOUP_SESSION (object), result, &error);
  guint retries = fetch->retries;
  guint status;

  /* The credentials were replaced while this answer was on its way: its
   * token, if any, belongs to the old ones, and the waiters want the new.
   */
  if (fetch->credentials_serial != self->credentials_serial)
    {
      g_debug ("The credentials changed during a token request: asking again");
      fetch_token (self, 0);
      return;
    }

  if (body == NULL)
    {
      g_autoptr(GError) reported = transport_error (self, error);

      /* Asking for a token changes nothing on the server: safe to retry. */
      if (g_error_matches (reported, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK) && retries < MAX_RETRIES)
        {
          g_debug ("Token request failed, retrying: %s", reported->message);
          retry_token_later (self, retries + 1);
          return;
        }
      finish_token_waiters (self, reported);
      return;
    }

  status = soup_message_get_status (msg);
  follow_tenant_clock (self, msg);
  if ((status >= 500 || status == HTTP_TOO_MANY_REQUESTS) && retries < MAX_RETRIES)
    {
      retry_token_later (self, retries + 1);
      return;
    }

  if (status == SOUP_STATUS_OK)
    {
      if (!parse_token_response (self, body, &error))
        finish_token_waiters (self, error);
      else
        finish_token_waiters (self, NULL);
      return;
    }

  error = lk_client_error_new_from_response (status, soup_message_get_reason_phrase (msg), body);
  if (status == 400 || status == 401)
    {
      g_autoptr(GError) refused = NULL;

      /* /oauth/token says 400 invalid_client as often as 401. */
      refused = g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_UNAUTHORIZED,
                             _("The tenant did not accept the client ID and secret: %s"),
                             lk_client_error_get_server_message (error) ? lk_client_error_get_server_message (error)
                                                                         : soup_message_get_reason_phrase (msg));
      finish_token_waiters (self, refused);
      return;
    }

  finish_token_waiters (self, error);
}

static gboolean
on_token_retry_cb (gpointer data)
{
  TokenFetch *fetch = data;

  fetch_token (fetch->self, fetch->retries);
  return G_SOURCE_REMOVE;
}

static void
retry_token_later (LkClient *self,
                   guint     retries)
{
  guint delay_ms = backoff_delay (self, retries - 1);
  TokenFetch *fetch;

  /* The fetch has the same time limit as a request, its retries included. */
  if (!wait_fits (self->token_deadline, delay_ms))
    {
      g_autoptr(GError) error = timed_out_error (self);

      finish_token_waiters (self, error);
      return;
    }

  fetch = g_new0 (TokenFetch, 1);
  fetch->self = g_object_ref (self);
  fetch->retries = retries;
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_token_retry_cb, fetch, (GDestroyNotify) token_fetch_free);
}

static void
fetch_token (LkClient *self,
             guint     retries)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = g_strconcat (self->base_url, "/oauth/token", NULL);
  g_autoptr(GBytes) form = NULL;
  TokenFetch *fetch;
  gint64 remaining;
  char *encoded;

  g_debug ("Requesting a bearer token from %s", self->base_url);

  if (retries == 0)
    self->token_deadline = g_get_monotonic_time () + (gint64) self->request_timeout_ms * 1000;
  remaining = self->token_deadline - g_get_monotonic_time ();
  if (remaining <= 0)
    {
      g_autoptr(GError) error = timed_out_error (self);

      finish_token_waiters (self, error);
      return;
    }

  msg = soup_message_new (SOUP_METHOD_POST, url);
  if (msg == NULL)
    {
      g_autoptr(GError) error = g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_FAILED,
                                             _("“%s” is not a valid address"), url);

      finish_token_waiters (self, error);
      return;
    }
  encoded = soup_form_encode ("grant_type", "client_credentials",
                              "client_id", self->client_id,
                              "client_secret", self->client_secret,
                              NULL);
  /* The form carries the secret: wipe it when libsoup lets go of it. */
  form = g_bytes_new_with_free_func (encoded, strlen (encoded), wipe_bytes_free, encoded);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", form);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");

  fetch = g_new0 (TokenFetch, 1);
  fetch->self = g_object_ref (self);
  fetch->msg = g_object_ref (msg);
  fetch->retries = retries;
  fetch->credentials_serial = self->credentials_serial;
  lk_http_exchange_async (self->session, msg, (guint) (remaining / 1000), NULL, NULL, NULL, on_token_fetched_cb,
                          fetch);
}

/* Queues @task behind one token fetch, however many ask at once. */
static void
wait_for_token (LkClient *self,
                GTask    *task)
{
  gboolean fetching = self->token_waiters != NULL;

  if (!fetching)
    self->token_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->token_waiters, task);

  if (!fetching)
    fetch_token (self, 0);
}

/* Requests */

static void
on_request_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *msg = request->msg;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = lk_http_exchange_finish (SOUP_SESSION (object), result, &error);
  guint status;

  if (body == NULL)
    {
      g_autoptr(GError) reported = transport_error (self, error);

      if (g_error_matches (reported, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NETWORK) && is_idempotent (request->method) &&
          request->retries < MAX_RETRIES)
        {
          g_debug ("%s %s: %s; retry %u", request->method, request->path, reported->message, request->retries + 1);
          retry_later (g_steal_pointer (&task), backoff_delay (self, request->retries++));
          return;
        }

      g_task_return_error (task, g_steal_pointer (&reported));
      return;
    }

  status = soup_message_get_status (msg);
  g_debug ("%s %s → %u", request->method, request->path, status);
  follow_tenant_clock (self, msg);

  if (status == SOUP_STATUS_UNAUTHORIZED && !request->refreshed)
    {
      /* The token expired early or was revoked: one fresh token, one retry.
       * A 401 means nothing was done, so this holds for POST too.
       */
      request->refreshed = TRUE;
      if (request->token_generation == self->token_generation)
        forget_token (self);
      request_start (g_steal_pointer (&task));
      return;
    }

  if (status == HTTP_TOO_MANY_REQUESTS && request->rate_limited < MAX_RATE_LIMITED)
    {
      guint seconds = retry_after_seconds (self, soup_message_get_response_headers (msg));

      request->rate_limited++;
      g_debug ("%s %s: rate limited, waiting %u s", request->method, request->path, seconds);
      /* Said only when it is waited: past the deadline it ends the request instead. */
      if (wait_fits (request->deadline, seconds * 1000))
        g_signal_emit (self, signals [RATE_LIMITED], 0, seconds);
      retry_later (g_steal_pointer (&task), seconds * 1000);
      return;
    }

  if (status >= 500 && is_idempotent (request->method) && request->retries < MAX_RETRIES)
    {
      retry_later (g_steal_pointer (&task), backoff_delay (self, request->retries++));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, lk_client_error_new_from_response (status, soup_message_get_reason_phrase (msg),
                                                                    body));
      return;
    }

  request->response_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

static void
request_send (GTask *task)
{
  LkClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;
  gint64 remaining;

  /* What is left of the request's time: retries and waits have used some. */
  remaining = request->deadline - g_get_monotonic_time ();
  if (remaining <= 0)
    {
      g_task_return_error (task, timed_out_error (self));
      g_object_unref (task);
      return;
    }

  url = g_strdup_printf ("%s/%s%s%s%s", self->base_url, self->api_version, request->path,
                         request->query ? "?" : "", request->query ? request->query : "");

  g_clear_object (&request->msg);
  request->msg = soup_message_new (request->method, url);
  if (request->msg == NULL)
    {
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_FAILED,
                               _("“%s” is not a valid address"), url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (request->msg);
  authorization = g_strconcat ("Bearer ", self->access_token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  explicit_bzero (authorization, strlen (authorization));
  soup_message_headers_replace (headers, "Accept", "application/json");

  /* v2024 and later mark password policies experimental; the header is harmless elsewhere. */
  if (!g_str_equal (self->api_version, "v3") && !g_str_equal (self->api_version, "beta"))
    soup_message_headers_replace (headers, "X-SailPoint-Experimental", "true");

  if (request->body != NULL)
    {
      soup_message_set_request_body_from_bytes (request->msg, request->content_type, request->body);
      /* libsoup 3.2 silently re-sends a PUT that a reused connection lost, and
       * without its body. A write on a connection of its own is never re-sent
       * behind our back; this client's own retry sends the body again.
       */
      soup_message_add_flags (request->msg, SOUP_MESSAGE_NEW_CONNECTION);
    }

  request->token_generation = self->token_generation;
  /* A retry: whatever the sink read of an earlier answer is void. */
  if (request->sink != NULL)
    request->sink (NULL, 0, request->sink_data, NULL);
  lk_http_exchange_async (self->session, request->msg, (guint) (remaining / 1000), request->sink, request->sink_data,
                          g_task_get_cancellable (task), on_request_sent_cb, task);
}

/* How long @request waits for its turn under the rate limit, in ms. Each
 * send takes the earliest free turn once: turns are handed out in order,
 * so requests go in the order they came.
 */
static guint
pace (LkClient *self,
      Request  *request)
{
  gint64 now = g_get_monotonic_time ();

  if (self->rate_limit == 0)
    return 0;

  if (request->send_at == 0)
    {
      gint64 at = now;

      if (self->n_send_times < self->rate_limit)
        self->send_times[self->n_send_times++] = at;
      else
        {
          at = MAX (now, self->send_times[self->oldest_send] + self->rate_window_usec);
          self->send_times[self->oldest_send] = at;
          self->oldest_send = (self->oldest_send + 1) % self->rate_limit;
        }
      request->send_at = at;
    }

  if (request->send_at > now)
    return (guint) ((request->send_at - now + 999) / 1000);

  request->send_at = 0;
  return 0;
}

/* Takes the reference on @task. */
static void
request_start (GTask *task)
{
  LkClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  guint delay_ms;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (!check_transport (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (!has_valid_token (self))
    wait_for_token (self, task);
  else if ((delay_ms = pace (self, g_task_get_task_data (task))) > 0)
    {
      gint64 now = g_get_monotonic_time ();

      /* A wait worth a word: said, but not once per request of a burst. */
      if (delay_ms >= 1000 && now - self->paced_said_at >= G_USEC_PER_SEC)
        {
          self->paced_said_at = now;
          g_signal_emit (self, signals [PACED], 0, (delay_ms + 999) / 1000);
        }
      retry_later (task, delay_ms);
    }
  else
    request_send (task);
}

static void
send_async (LkClient            *self,
            const char          *method,
            const char          *path,
            const char          *query,
            GBytes              *body,
            const char          *content_type,
            LkHttpSink           sink,
            gpointer             sink_data,
            GCancellable        *cancellable,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = g_strdup (query && *query ? query : NULL);
  request->body = body ? g_bytes_ref (body) : NULL;
  request->content_type = g_strdup (content_type ? content_type : "application/json");
  request->deadline = g_get_monotonic_time () + (gint64) self->request_timeout_ms * 1000;
  request->sink = sink;
  request->sink_data = sink_data;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request_start (task);
}

/**
 * lk_client_send_async: (skip)
 *
 * For the API layer: one request, its answer as it came, unparsed.
 */
void
lk_client_send_async (LkClient            *self,
                      const char          *method,
                      const char          *path,
                      const char          *query,
                      GBytes              *body,
                      const char          *content_type,
                      GCancellable        *cancellable,
                      gpointer             source_tag,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  send_async (self, method, path, query, body, content_type, NULL, NULL, cancellable, source_tag, callback,
              user_data);
}

/**
 * lk_client_send_streamed_async: (skip)
 *
 * As lk_client_send_async() for a GET, with a successful answer's body
 * given to @sink as it comes (the bytes returned are then empty). Before
 * each try, retries included, @sink is called with %NULL data: start again.
 */
void
lk_client_send_streamed_async (LkClient            *self,
                               const char          *path,
                               const char          *query,
                               LkHttpSink           sink,
                               gpointer             sink_data,
                               GCancellable        *cancellable,
                               gpointer             source_tag,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  send_async (self, "GET", path, query, NULL, NULL, sink, sink_data, cancellable, source_tag, callback, user_data);
}

GBytes *
lk_client_send_finish (GAsyncResult        *result,
                       SoupMessageHeaders **response_headers,
                       GError             **error)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  GBytes *body = g_task_propagate_pointer (G_TASK (result), error);

  if (body != NULL && response_headers != NULL)
    *response_headers = soup_message_headers_ref (request->response_headers);

  return body;
}

/* GObject */

static void
lk_client_finalize (GObject *object)
{
  LkClient *self = (LkClient *)object;

  g_assert (self->token_waiters == NULL);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_object (&self->history);
  g_clear_pointer (&self->saved_by, g_free);
  g_clear_pointer (&self->client_id, g_free);
  wipe_string (&self->client_secret);
  wipe_string (&self->access_token);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->send_times, g_free);

  G_OBJECT_CLASS (lk_client_parent_class)->finalize (object);
}

static void
lk_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkClient *self = LK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    case PROP_API_VERSION:
      g_value_set_string (value, self->api_version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LkClient *self = LK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      /* "https://acme.api.identitynow.com/" would ask for "//oauth/token". */
      while (self->base_url != NULL && g_str_has_suffix (self->base_url, "/"))
        self->base_url[strlen (self->base_url) - 1] = '\0';
      break;

    case PROP_API_VERSION:
      lk_client_set_api_version (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_client_class_init (LkClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_client_finalize;
  object_class->get_property = lk_client_get_property;
  object_class->set_property = lk_client_set_property;

  properties [PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_API_VERSION] =
    g_param_spec_string ("api-version", NULL, NULL, "v3",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkClient::rate-limited:
   * @self: the client
   * @seconds: how long it waits before asking again
   *
   * The tenant answered 429: a request waits as told before it asks
   * again, so that the user hears why nothing happens meanwhile.
   */
  signals [RATE_LIMITED] =
    g_signal_new ("rate-limited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * LkClient::paced:
   * @self: the client
   * @seconds: how long a request waits for its turn
   *
   * The client keeps to the tenant's rate limit by itself (see
   * lk_client_set_rate_limit()): a request waits a second or more for its
   * turn. Said at most once a second.
   */
  signals [PACED] =
    g_signal_new ("paced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
lk_client_init (LkClient *self)
{
  self->api_version = g_strdup ("v3");
  self->retry_delay_ms = 250;
  self->request_timeout_ms = LK_LIMIT_REQUEST_SECONDS * 1000;
  lk_client_set_rate_limit (self, LK_LIMIT_REQUESTS_PER_WINDOW, LK_LIMIT_RATE_WINDOW_MS + LK_LIMIT_RATE_SLACK_MS);
  self->session = soup_session_new_with_options ("timeout", LK_LIMIT_SILENCE_SECONDS,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 8,
                                                 "user-agent", "Latchkey/" PACKAGE_VERSION " ",
                                                 NULL);
}

/**
 * lk_client_new:
 * @base_url: the tenant's API root, such as `https://acme.api.identitynow.com`
 * @client_id: a personal access token's client ID
 * @client_secret: its secret; copied, and wiped from memory with the client
 *
 * Returns: (transfer full): a client
 */
LkClient *
lk_client_new (const char *base_url,
               const char *client_id,
               const char *client_secret)
{
  LkClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);

  self = g_object_new (LK_TYPE_CLIENT, "base-url", base_url, NULL);
  lk_client_set_credentials (self, client_id, client_secret);

  return self;
}

const char *
lk_client_get_base_url (LkClient *self)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);

  return self->base_url;
}

const char *
lk_client_get_client_id (LkClient *self)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);

  return self->client_id;
}

/**
 * lk_client_set_credentials:
 * @self: a #LkClient
 * @client_id: the new client ID
 * @client_secret: the new secret
 *
 * Replaces the credentials in place; the next request fetches a new token.
 */
void
lk_client_set_credentials (LkClient   *self,
                           const char *client_id,
                           const char *client_secret)
{
  gboolean id_changed;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (client_secret != NULL);

  id_changed = g_strcmp0 (self->client_id, client_id) != 0;
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  wipe_string (&self->client_secret);
  self->client_secret = g_strdup (client_secret);
  self->credentials_serial++;
  forget_token (self);

  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT_ID]);
}

const char *
lk_client_get_api_version (LkClient *self)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);

  return self->api_version;
}

/**
 * lk_client_set_api_version:
 * @self: a #LkClient
 * @api_version: the path segment: `v3`, `beta`, `v2025`…
 *
 * One setting, so that a new version needs no code change.
 */
void
lk_client_set_api_version (LkClient   *self,
                           const char *api_version)
{
  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (api_version != NULL && *api_version != '\0' && strchr (api_version, '/') == NULL);

  if (g_strcmp0 (self->api_version, api_version) == 0)
    return;

  g_free (self->api_version);
  self->api_version = g_strdup (api_version);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_API_VERSION]);
}

/**
 * lk_client_set_tls_database:
 * @self: a #LkClient
 * @database: (nullable): the certificates to trust, or %NULL for the system's
 */
void
lk_client_set_tls_database (LkClient     *self,
                            GTlsDatabase *database)
{
  g_return_if_fail (LK_IS_CLIENT (self));

  soup_session_set_tls_database (self->session, database);
}

/**
 * lk_client_set_rate_limit:
 * @self: a #LkClient
 * @requests: the most requests sent within @window_ms; 0 sends without waiting
 * @window_ms: the window, in milliseconds
 *
 * Paces the client's sends: a request past the limit waits for its turn
 * (its deadline and cancellable still hold). New clients keep to ISC's
 * limit of 100 per 10 s.
 */
void
lk_client_set_rate_limit (LkClient *self,
                          guint     requests,
                          guint     window_ms)
{
  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (requests == 0 || window_ms > 0);

  self->rate_limit = requests;
  self->rate_window_usec = (gint64) window_ms * 1000;
  g_clear_pointer (&self->send_times, g_free);
  self->send_times = requests > 0 ? g_new0 (gint64, requests) : NULL;
  self->n_send_times = 0;
  self->oldest_send = 0;
}

/**
 * lk_client_set_retry_delay:
 * @self: a #LkClient
 * @milliseconds: the first backoff step; each retry doubles it
 */
void
lk_client_set_retry_delay (LkClient *self,
                           guint     milliseconds)
{
  g_return_if_fail (LK_IS_CLIENT (self));

  self->retry_delay_ms = milliseconds;
}

/**
 * lk_client_set_request_timeout:
 * @self: a #LkClient
 * @milliseconds: the longest a request may take, from its first sending to
 *   the last byte of its answer, retries and waits included
 *
 * %LK_LIMIT_REQUEST_SECONDS unless set.
 */
void
lk_client_set_request_timeout (LkClient *self,
                               guint     milliseconds)
{
  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (milliseconds > 0);

  self->request_timeout_ms = milliseconds;
}

/* Authenticate: a token request on its own, to test credentials. */

static void
authenticate_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The answer itself is not needed, only whether there was one. */
  g_bytes_unref (lk_client_send_finish (result, NULL, &error));

  /* A 403 still proves the credentials: the tenant issued a token. */
  if (error != NULL && !g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_FORBIDDEN))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lk_client_authenticate_async:
 * @self: a #LkClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the tenant has answered
 * @user_data: data for @callback
 *
 * Fetches a fresh bearer token: what "Add Tenant" does before it saves.
 */
void
lk_client_authenticate_async (LkClient            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_authenticate_async);

  forget_token (self);
  /* The cheapest call every PAT may make: its owner's own tokens. */
  lk_client_send_async (self, "GET", "/personal-access-tokens", "owner-id=me", NULL, NULL, cancellable,
                        lk_client_authenticate_async, authenticate_done, g_steal_pointer (&task));
}

gboolean
lk_client_authenticate_finish (LkClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* JSON requests */

static void
on_json_request_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = lk_client_send_finish (result, NULL, &error);
  JsonNode *node;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (body) == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!(node = lk_json_parse_bytes (body, &error)))
    {
      g_task_return_new_error (task, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                               _("The tenant’s answer cannot be read: %s"), error->message);
      return;
    }

  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

/**
 * lk_client_request_async:
 * @self: a #LkClient
 * @method: GET, POST, PUT, PATCH or DELETE
 * @path: the path after the version, such as `/password-policies/ID`
 * @query: (nullable) (element-type utf8 utf8): query parameters
 * @body: (nullable): the JSON to send
 * @content_type: (nullable): its type, `application/json` by default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 */
void
lk_client_request_async (LkClient            *self,
                         const char          *method,
                         const char          *path,
                         GHashTable          *query,
                         JsonNode            *body,
                         const char          *content_type,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_request_async);

  if (body != NULL)
    bytes = lk_json_to_bytes (body);
  if (query != NULL && g_hash_table_size (query) > 0)
    encoded = soup_form_encode_hash (query);

  lk_client_send_async (self, method, path, encoded, bytes, content_type, cancellable,
                        lk_client_request_async, on_json_request_done_cb, g_steal_pointer (&task));
}

/**
 * lk_client_request_finish:
 * @self: a #LkClient
 * @result: the result
 * @body: (out) (optional) (nullable) (transfer full): the JSON answer; %NULL for no content
 * @error: a location for a #GError
 *
 * Returns: %TRUE if the tenant carried out the request
 */
gboolean
lk_client_request_finish (LkClient      *self,
                          GAsyncResult  *result,
                          JsonNode     **body,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  g_return_val_if_fail (LK_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  node = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (body != NULL)
    *body = node;
  else if (node != NULL)
    json_node_unref (node);

  return TRUE;
}

/* Paging: limit 250, offset; with count=true the remaining pages go out
 * together, at most four at a time, and are put back in order.
 */

typedef struct {
  char         *path;
  char         *query;        /* filters, sorters: the same on every page */
  guint         first_only;   /* a search's limit: one page of this many, no more */
  gboolean      concurrent;
  GPtrArray    *pages;        /* JsonArray, by page index */
  guint         n_pages;      /* known once X-Total-Count arrived */
  guint         next_page;
  guint         in_flight;
  GCancellable *cancellable;  /* cancels the pages still out after a failure */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  gboolean      failed;
} Paging;

typedef struct {
  GTask *task;
  guint  index;
} PageRequest;

static void
paging_free (Paging *paging)
{
  g_free (paging->path);
  g_free (paging->query);
  g_clear_pointer (&paging->pages, g_ptr_array_unref);
  if (paging->cancelled_id != 0)
    g_cancellable_disconnect (paging->caller_cancellable, paging->cancelled_id);
  g_clear_object (&paging->caller_cancellable);
  g_clear_object (&paging->cancellable);
  g_free (paging);
}

static void request_page (GTask *task,
                          guint  index,
                          gboolean count);

static void
paging_finish (GTask *task)
{
  Paging *paging = g_task_get_task_data (task);
  g_autoptr(JsonArray) all = json_array_new ();

  for (guint i = 0; i < paging->pages->len; i++)
    {
      JsonArray *page = g_ptr_array_index (paging->pages, i);

      for (guint j = 0; page && j < json_array_get_length (page); j++)
        json_array_add_element (all, json_node_ref (json_array_get_element (page, j)));
    }

  g_task_return_pointer (task, g_steal_pointer (&all), (GDestroyNotify) json_array_unref);
}

static void
paging_fail (GTask  *task,
             GError *error)
{
  Paging *paging = g_task_get_task_data (task);

  paging->failed = TRUE;
  g_cancellable_cancel (paging->cancellable);
  g_task_return_error (task, error);
}

/* @count: what the tenant said it has, or 0 when it did not say */
static GError *
too_many_pages_error (guint64 count)
{
  if (count > 0)
    {
      g_autofree char *items = g_strdup_printf ("%" G_GUINT64_FORMAT, count);

      return g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                          _("The tenant says the list has %s items, more than the %u Latchkey reads"), items,
                          LK_LIMIT_PAGES * PAGE_LIMIT);
    }

  return g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                      _("The tenant’s list goes on past %u items, the most Latchkey reads"),
                      LK_LIMIT_PAGES * PAGE_LIMIT);
}

static void
paging_fill (GTask *task)
{
  Paging *paging = g_task_get_task_data (task);

  while (paging->next_page < paging->n_pages && paging->in_flight < MAX_PAGES_IN_FLIGHT)
    request_page (task, paging->next_page++, FALSE);
}

static void
on_page_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PageRequest *page_request = user_data;
  g_autoptr(GTask) task = page_request->task;
  guint index = page_request->index;
  Paging *paging = g_task_get_task_data (task);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = lk_client_send_finish (result, &headers, &error);
  g_autoptr(JsonArray) page = NULL;

  g_free (page_request);
  paging->in_flight--;

  if (paging->failed)
    return;

  if (body == NULL || !(page = lk_json_parse_array (body, &error)))
    {
      if (error->domain == LK_CLIENT_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        paging_fail (task, g_steal_pointer (&error));
      else
        paging_fail (task, g_error_new (LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE,
                                        _("The tenant’s answer cannot be read: %s"), error->message));
      return;
    }

  if (index >= paging->pages->len)
    g_ptr_array_set_size (paging->pages, index + 1);
  g_ptr_array_index (paging->pages, index) = json_array_ref (page);

  if (paging->first_only)
    {
      paging_finish (task);
      return;
    }

  if (index == 0)
    {
      const char *total = soup_message_headers_get_one (headers, "X-Total-Count");
      guint64 count;

      if (paging->concurrent && total != NULL && lk_parse_unsigned (total, 0, G_MAXUINT64, &count))
        {
          if (count > (guint64) LK_LIMIT_PAGES * PAGE_LIMIT)
            {
              paging_fail (task, too_many_pages_error (count));
              return;
            }
          paging->n_pages = MAX (1, (guint) ((count + PAGE_LIMIT - 1) / PAGE_LIMIT));
        }
    }

  if (paging->n_pages > 0)
    {
      paging_fill (task);
      if (paging->in_flight == 0 && paging->next_page >= paging->n_pages)
        paging_finish (task);
      return;
    }

  /* Sequential: a full page means there may be more. */
  if (json_array_get_length (page) < PAGE_LIMIT)
    paging_finish (task);
  else if (index + 1 >= LK_LIMIT_PAGES)
    paging_fail (task, too_many_pages_error (0));
  else
    request_page (task, index + 1, FALSE);
}

static void
request_page (GTask    *task,
              guint     index,
              gboolean  count)
{
  LkClient *self = g_task_get_source_object (task);
  Paging *paging = g_task_get_task_data (task);
  g_autofree char *query = g_strdup_printf ("limit=%u&offset=%u%s%s%s",
                                            paging->first_only ? paging->first_only : PAGE_LIMIT,
                                            index * PAGE_LIMIT, count ? "&count=true" : "",
                                            paging->query ? "&" : "", paging->query ? paging->query : "");
  PageRequest *page_request = g_new0 (PageRequest, 1);

  page_request->task = g_object_ref (task);
  page_request->index = index;
  paging->in_flight++;

  lk_client_send_async (self, "GET", paging->path, query, NULL, NULL, paging->cancellable,
                        lk_client_list_all_async, on_page_cb, page_request);
}

static void
on_paging_cancelled_cb (GCancellable *cancellable,
                        GCancellable *paging_cancellable)
{
  g_cancellable_cancel (paging_cancellable);
}

/**
 * lk_client_list_all_async:
 * @self: a #LkClient
 * @path: a collection that pages with limit and offset
 * @concurrent: ask for count=true and fetch the remaining pages together
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with every item
 * @user_data: data for @callback
 */
void
lk_client_list_all_async (LkClient            *self,
                          const char          *path,
                          gboolean             concurrent,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  lk_client_search_all_async (self, path, NULL, 0, concurrent, cancellable, callback, user_data);
}

/**
 * lk_client_search_all_async:
 * @self: a #LkClient
 * @path: a collection that pages with limit and offset
 * @query: (nullable): more of the query, encoded, such as `filters=…&sorters=…`
 * @limit: 0 for every page; else the first @limit items only (at most 250)
 * @concurrent: ask for count=true and fetch the remaining pages together
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the items; finish with lk_client_list_all_finish()
 * @user_data: data for @callback
 */
void
lk_client_search_all_async (LkClient            *self,
                            const char          *path,
                            const char          *query,
                            guint                limit,
                            gboolean             concurrent,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Paging *paging;

  g_return_if_fail (LK_IS_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_client_list_all_async);

  paging = g_new0 (Paging, 1);
  paging->path = g_strdup (path);
  paging->query = query != NULL && *query != '\0' ? g_strdup (query) : NULL;
  paging->first_only = MIN (limit, PAGE_LIMIT);
  paging->concurrent = concurrent && limit == 0;
  paging->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_array_unref);
  paging->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, paging, (GDestroyNotify) paging_free);

  if (cancellable != NULL)
    {
      paging->caller_cancellable = g_object_ref (cancellable);
      paging->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_paging_cancelled_cb),
                                                    g_object_ref (paging->cancellable), g_object_unref);
    }

  paging->next_page = 1;
  request_page (task, 0, paging->concurrent);
}

/**
 * lk_client_list_all_finish:
 * @self: a #LkClient
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): every item of every page, in order
 */
JsonArray *
lk_client_list_all_finish (LkClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lk_client_set_history:
 * @self: a #LkClient
 * @history: (nullable): where the versions replaced by saves and deletes are kept
 * @saved_by: (nullable): the connection, as the history names who saved
 *
 * With a history, each update or delete of a collection that keeps one
 * (#LkResourceKind's keeps_history) keeps the version it replaces first.
 */
void
lk_client_set_history (LkClient   *self,
                       LkHistory  *history,
                       const char *saved_by)
{
  g_return_if_fail (LK_IS_CLIENT (self));

  g_set_object (&self->history, history);
  g_free (self->saved_by);
  self->saved_by = g_strdup (saved_by != NULL ? saved_by : self->client_id);
}

LkHistory *
lk_client_get_history (LkClient *self)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);

  return self->history;
}

const char *
lk_client_get_saved_by (LkClient *self)
{
  g_return_val_if_fail (LK_IS_CLIENT (self), NULL);

  return self->saved_by;
}
