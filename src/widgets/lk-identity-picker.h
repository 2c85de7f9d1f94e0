/* lk-identity-picker.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"

G_BEGIN_DECLS

#define LK_TYPE_IDENTITY_PICKER (lk_identity_picker_get_type ())

G_DECLARE_FINAL_TYPE (LkIdentityPicker, lk_identity_picker, LK, IDENTITY_PICKER, AdwBin)

LkIdentityPicker *lk_identity_picker_new           (void);
void              lk_identity_picker_set_client    (LkIdentityPicker *self,
                                                    LkClient         *client);
const char       *lk_identity_picker_get_picked_id (LkIdentityPicker *self);
GtkWidget        *lk_identity_picker_get_entry     (LkIdentityPicker *self);

G_END_DECLS
