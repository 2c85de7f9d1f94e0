/* lk-token-row.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lk-token.h"

G_BEGIN_DECLS

#define LK_TYPE_TOKEN_ROW (lk_token_row_get_type ())

G_DECLARE_FINAL_TYPE (LkTokenRow, lk_token_row, LK, TOKEN_ROW, GObject)

LkTokenRow *lk_token_row_new          (guint       position);
guint       lk_token_row_get_position (LkTokenRow *self);
void        lk_token_row_set_position (LkTokenRow *self,
                                       guint       position);
LkToken    *lk_token_row_get_token    (LkTokenRow *self);
void        lk_token_row_set_token    (LkTokenRow *self,
                                       LkToken    *token);

G_END_DECLS
