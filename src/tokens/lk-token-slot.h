/* lk-token-slot.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lk-token.h"

G_BEGIN_DECLS

#define LK_TYPE_TOKEN_SLOT (lk_token_slot_get_type ())

G_DECLARE_FINAL_TYPE (LkTokenSlot, lk_token_slot, LK, TOKEN_SLOT, GObject)

LkTokenSlot *lk_token_slot_new          (guint       position);
guint       lk_token_slot_get_position (LkTokenSlot *self);
void        lk_token_slot_set_position (LkTokenSlot *self,
                                       guint       position);
LkToken    *lk_token_slot_get_token    (LkTokenSlot *self);
void        lk_token_slot_set_token    (LkTokenSlot *self,
                                       LkToken    *token);

G_END_DECLS
