/* lk-files.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-files"

#include "config.h"

#include <string.h>

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
