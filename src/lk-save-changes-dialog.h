/* lk-save-changes-dialog.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  LK_SAVE_CHANGES_CANCEL,
  LK_SAVE_CHANGES_DISCARD,
  LK_SAVE_CHANGES_SAVE,
} LkSaveChangesResponse;

typedef void (*LkSaveChangesCallback) (GtkWidget             *editor,
                                       LkSaveChangesResponse  response);

void lk_save_changes_dialog_present (GtkWidget             *editor,
                                     const char            *body,
                                     gboolean               can_save,
                                     LkSaveChangesCallback  callback);

G_END_DECLS
