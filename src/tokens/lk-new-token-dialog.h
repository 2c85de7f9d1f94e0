/* lk-new-token-dialog.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_NEW_TOKEN_DIALOG (lk_new_token_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LkNewTokenDialog, lk_new_token_dialog, LK, NEW_TOKEN_DIALOG, AdwWindow)

LkNewTokenDialog *lk_new_token_dialog_new (GtkWindow *parent,
                                           LkClient  *client,
                                           LkSession *session);

G_END_DECLS
