/* lk-token-slot-model.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-token-list-model.h"
#include "lk-token-slot.h"

G_BEGIN_DECLS

#define LK_TYPE_TOKEN_SLOT_MODEL (lk_token_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (LkTokenSlotModel, lk_token_slot_model, LK, TOKEN_SLOT_MODEL, GObject)

LkTokenSlotModel  *lk_token_slot_model_new               (LkTokenListModel *tokens);
LkTokenListModel *lk_token_slot_model_get_tokens        (LkTokenSlotModel  *self);
void              lk_token_slot_model_set_visible_range (LkTokenSlotModel  *self,
                                                        guint             first,
                                                        guint             n_rows);
gboolean          lk_token_slot_model_get_pending       (LkTokenSlotModel  *self);
gboolean          lk_token_slot_model_catch_up          (LkTokenSlotModel  *self,
                                                        guint             max_rows);

G_END_DECLS
