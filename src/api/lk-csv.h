/* lk-csv.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void   lk_csv_append_row  (GString            *csv,
                           const char * const *fields);
char  *lk_tokens_to_csv   (GListModel         *tokens);

G_END_DECLS
