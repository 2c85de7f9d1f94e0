/* lk-token-row-model.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-token-list-model.h"
#include "lk-token-row.h"

G_BEGIN_DECLS

#define LK_TYPE_TOKEN_ROW_MODEL (lk_token_row_model_get_type ())

G_DECLARE_FINAL_TYPE (LkTokenRowModel, lk_token_row_model, LK, TOKEN_ROW_MODEL, GObject)

LkTokenRowModel  *lk_token_row_model_new               (LkTokenListModel *tokens);
LkTokenListModel *lk_token_row_model_get_tokens        (LkTokenRowModel  *self);
void              lk_token_row_model_set_visible_range (LkTokenRowModel  *self,
                                                        guint             first,
                                                        guint             n_rows);
gboolean          lk_token_row_model_get_pending       (LkTokenRowModel  *self);
gboolean          lk_token_row_model_catch_up          (LkTokenRowModel  *self,
                                                        guint             max_rows);

G_END_DECLS
