/* lk-files.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-files"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lk-files.h"

static void
on_contents_replaced_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lk_task_replace_file_contents:
 * @task: (transfer full): returns %TRUE once written, or the error
 * @file: the file to write, replaced whole
 * @contents: (transfer full): the text, kept alive by @task while it is written
 *
 * The end of every export: the caller makes the text and the task, with
 * its own source object and tag, and finishes it with
 * g_task_propagate_boolean().
 */
void
lk_task_replace_file_contents (GTask *task,
                               GFile *file,
                               char  *contents)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  g_task_set_task_data (task, contents, g_free);
  g_file_replace_contents_async (file, contents, strlen (contents), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                 g_task_get_cancellable (task), on_contents_replaced_cb, task);
}

/**
 * lk_input_stream_read_limited:
 * @stream: what to read, to its end
 * @limit: the most bytes accepted
 * @name: what @stream is, for the error
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads all of @stream, but no more than @limit bytes: what is longer is
 * refused as soon as it passes the limit, before it fills the memory.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 */
GBytes *
lk_input_stream_read_limited (GInputStream  *stream,
                              gsize          limit,
                              const char    *name,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > limit)
        {
          g_autofree char *most = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("%s is larger than %s, the most Latchkey reads"), name, most);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, (guint) n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * lk_file_load_limited:
 * @file: a file to read
 * @limit: the most bytes accepted
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Reads a regular file of at most @limit bytes. A FIFO, a device such as
 * /dev/zero or a folder is refused before it is opened: it could block or
 * never end.
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error set
 */
GBytes *
lk_file_load_limited (GFile         *file,
                      gsize          limit,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("%s is not a regular file"), name);
      return NULL;
    }

  if ((guint64) g_file_info_get_size (info) > limit)
    {
      g_autofree char *most = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("%s is larger than %s, the most Latchkey reads"), name, most);
      return NULL;
    }

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  /* It may have grown since: the limit holds while reading too. */
  return lk_input_stream_read_limited (G_INPUT_STREAM (stream), limit, name, cancellable, error);
}

static void
load_limited_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = lk_file_load_limited (source_object, GPOINTER_TO_SIZE (task_data), cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * lk_file_load_limited_async:
 * @file: a file to read
 * @limit: the most bytes accepted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is read
 * @user_data: for @callback
 *
 * lk_file_load_limited() in a worker thread.
 */
void
lk_file_load_limited_async (GFile               *file,
                            gsize                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_file_load_limited_async);
  g_task_set_task_data (task, GSIZE_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, load_limited_thread);
}

GBytes *
lk_file_load_limited_finish (GFile         *file,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
