/* lk-http.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-http"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-http.h"
#include "lk-limits.h"

/* One HTTP exchange with a tenant, bounded: the answer is read in pieces
 * and refused once it passes LK_LIMIT_ANSWER_BYTES (at once when its
 * Content-Length says so), and the whole exchange, from sending to the
 * last byte, ends after its time limit however slowly the tenant trickles.
 * libsoup's own timeout only measures silences.
 */

#define READ_CHUNK (256 * 1024)

typedef struct {
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *answer;
  LkHttpSink    sink;            /* set once a successful status says the body is the sink's */
  gpointer      sink_data;
  gsize         sunk;
  GCancellable *cancellable;     /* ours: the caller's, or the time limit */
  gulong        cancelled_id;
  GCancellable *caller_cancellable;
  GSource      *timeout;
  gboolean      timed_out;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  if (exchange->timeout != NULL)
    {
      g_source_destroy (exchange->timeout);
      g_source_unref (exchange->timeout);
    }
  if (exchange->caller_cancellable != NULL)
    g_cancellable_disconnect (exchange->caller_cancellable, exchange->cancelled_id);
  g_clear_object (&exchange->caller_cancellable);
  g_clear_object (&exchange->cancellable);
  g_clear_object (&exchange->stream);
  g_clear_pointer (&exchange->answer, g_byte_array_unref);
  g_clear_object (&exchange->msg);
  g_free (exchange);
}

static void
return_error (GTask  *task,
              GError *error)
{
  Exchange *exchange = g_task_get_task_data (task);

  /* Cancelled by the time limit, not by the caller: say which. */
  if (exchange->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("The answer took too long"));
    }

  g_task_return_error (task, error);
}

static void
too_large (GTask *task)
{
  g_autofree char *most = g_format_size_full (LK_LIMIT_ANSWER_BYTES, G_FORMAT_SIZE_IEC_UNITS);

  return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                   _("The answer is larger than %s, the most Latchkey reads"), most));
}

static void read_next (GTask *task);

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) piece = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (piece == NULL)
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_bytes_get_size (piece) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&exchange->answer)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (exchange->answer->len + exchange->sunk + g_bytes_get_size (piece) > LK_LIMIT_ANSWER_BYTES)
    {
      too_large (task);
      return;
    }

  if (exchange->sink != NULL)
    {
      exchange->sunk += g_bytes_get_size (piece);
      if (!exchange->sink (g_bytes_get_data (piece, NULL), g_bytes_get_size (piece), exchange->sink_data, &error))
        return_error (task, g_steal_pointer (&error));
      else
        read_next (g_steal_pointer (&task));
      return;
    }

  g_byte_array_append (exchange->answer, g_bytes_get_data (piece, NULL), (guint) g_bytes_get_size (piece));
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (exchange->stream, READ_CHUNK, G_PRIORITY_DEFAULT, exchange->cancellable,
                                   on_read_cb, task);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length = 0;

  exchange->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (exchange->stream == NULL)
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  headers = soup_message_get_response_headers (exchange->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);
  if (length < 0 || (guint64) length > LK_LIMIT_ANSWER_BYTES)
    {
      too_large (task);
      return;
    }

  /* An error's body is always read here, whatever reads a success's. */
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (exchange->msg)))
    exchange->sink = NULL;

  /* Told the size, take the memory once: a 37 MB list grows no other way. */
  exchange->answer = g_byte_array_sized_new (exchange->sink != NULL ? 0 : (guint) length);
  read_next (g_steal_pointer (&task));
}

static gboolean
on_timeout_cb (gpointer data)
{
  Exchange *exchange = data;

  exchange->timed_out = TRUE;
  g_cancellable_cancel (exchange->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/**
 * lk_http_exchange_async:
 * @session: the session to send on
 * @msg: the request
 * @timeout_ms: the longest the exchange may take, sending to the last byte
 * @sink: (nullable): what reads the body of a successful answer as it comes
 * @sink_data: for @sink
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Sends @msg and reads its whole answer, within the limits of lk-limits.h.
 * With a @sink, a successful answer's body goes to it and the bytes
 * returned are empty.
 */
void
lk_http_exchange_async (SoupSession         *session,
                        SoupMessage         *msg,
                        guint                timeout_ms,
                        LkHttpSink           sink,
                        gpointer             sink_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Exchange *exchange;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_http_exchange_async);

  exchange = g_new0 (Exchange, 1);
  exchange->msg = g_object_ref (msg);
  exchange->sink = sink;
  exchange->sink_data = sink_data;
  exchange->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);

  if (cancellable != NULL)
    {
      exchange->caller_cancellable = g_object_ref (cancellable);
      exchange->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                                      exchange->cancellable, NULL);
    }

  exchange->timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (exchange->timeout, on_timeout_cb, exchange, NULL);
  g_source_attach (exchange->timeout, g_task_get_context (task));

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, exchange->cancellable, on_sent_cb,
                           g_steal_pointer (&task));
}

/**
 * lk_http_exchange_finish:
 * @session: the session
 * @result: the result
 * @error: a location for a #GError: %G_IO_ERROR_TIMED_OUT past the time
 *   limit, %G_IO_ERROR_MESSAGE_TOO_LARGE past the size limit, or what
 *   libsoup said
 *
 * Returns: (transfer full) (nullable): the answer's body, whatever its status
 */
GBytes *
lk_http_exchange_finish (SoupSession   *session,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
