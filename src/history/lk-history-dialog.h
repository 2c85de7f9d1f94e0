/* lk-history-dialog.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-form-editor.h"
#include "lk-resource-kind.h"

G_BEGIN_DECLS

#define LK_TYPE_HISTORY_DIALOG (lk_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LkHistoryDialog, lk_history_dialog, LK, HISTORY_DIALOG, AdwWindow)

LkHistoryDialog *lk_history_dialog_new         (GtkWindow            *parent,
                                                LkClient             *client,
                                                const LkResourceKind *kind,
                                                LkFormEditor         *form,
                                                gpointer              current);
LkHistoryDialog *lk_history_dialog_new_deleted (GtkWindow            *parent,
                                                LkClient             *client,
                                                const LkResourceKind *kind,
                                                LkFormEditor         *form);

G_END_DECLS
