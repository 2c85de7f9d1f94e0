/* lk-sandbox-faults.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-sandbox-private.h"

/* Faults, latency and rate limits: what makes the sandbox a tenant worth
 * testing against. A fault may target one endpoint; the rate limit is
 * ISC's, per client and API version. */


typedef struct {
  gint64 start;
  guint  count;
} RateWindow;

/* A fault may be for one endpoint: "POST /v3/set-password" is a prefix of
 * what it names, and NULL of everything.
 */
static gboolean
targets (const char *target,
         const char *request)
{
  return target == NULL || g_str_has_prefix (request, target);
}

LkSandboxFault
_lk_sandbox_pick_fault (LkSandbox  *self,
                        const char *method,
                        const char *path)
{
  g_autofree char *request = g_strdup_printf ("%s %s", method, path);

  if (self->next_fault_count > 0 && targets (self->next_fault_target, request))
    {
      if (self->next_fault_skip > 0)
        self->next_fault_skip--;
      else
        {
          self->next_fault_count--;
          return self->next_fault;
        }
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
void
_lk_sandbox_delay_reply (LkSandbox         *self,
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

void
_lk_sandbox_reply_rate_limited (SbCall *call,
                                guint   retry_after)
{
  g_autofree char *seconds = g_strdup_printf ("%u", MAX (retry_after, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (call->msg),
                                "Retry-After", seconds);
  _lk_sandbox_reply_small_object (call, 429, "message", " Rate Limit Exceeded ");
}

/* 100 requests per client ID per API version per 10 s, as ISC documents
 * (the window is the rate-window-ms property).
 */
gboolean
_lk_sandbox_check_rate_limit (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autofree char *key = g_strdup_printf ("%s %s", call->session->client_id, call->version);
  RateWindow *window = g_hash_table_lookup (self->rate_windows, key);
  gint64 now = g_get_monotonic_time ();
  gint64 window_usec = (gint64) self->rate_window_ms * 1000;

  if (self->rate_limit == 0)
    return TRUE;

  if (window == NULL || now - window->start >= window_usec)
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

  _lk_sandbox_reply_rate_limited (call, (guint) ((window->start + window_usec - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
  return FALSE;
}
