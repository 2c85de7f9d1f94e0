/* lk-files.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void    lk_task_replace_file_contents (GTask               *task,
                                       GFile               *file,
                                       char                *contents);
GBytes *lk_input_stream_read_limited  (GInputStream        *stream,
                                       gsize                limit,
                                       const char          *name,
                                       GCancellable        *cancellable,
                                       GError             **error);
GBytes *lk_file_load_limited          (GFile               *file,
                                       gsize                limit,
                                       GCancellable        *cancellable,
                                       GError             **error);
void    lk_file_load_limited_async    (GFile               *file,
                                       gsize                limit,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes *lk_file_load_limited_finish   (GFile               *file,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
