/* lk-files.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void lk_task_replace_file_contents (GTask *task,
                                    GFile *file,
                                    char  *contents);

G_END_DECLS
