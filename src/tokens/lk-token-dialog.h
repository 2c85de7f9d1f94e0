/* lk-token-dialog.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client-tokens.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_TOKEN_DIALOG (lk_token_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LkTokenDialog, lk_token_dialog, LK, TOKEN_DIALOG, AdwWindow)

LkTokenDialog *lk_token_dialog_new (GtkWindow *parent,
                                    LkClient  *client,
                                    LkSession *session,
                                    LkToken   *token);
LkTokenDialog *lk_token_dialog_new_rotated (GtkWindow  *parent,
                                            LkClient   *client,
                                            LkSession  *session,
                                            LkToken    *successor,
                                            char       *secret,
                                            LkToken    *old);

G_END_DECLS
