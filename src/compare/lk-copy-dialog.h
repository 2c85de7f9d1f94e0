/* lk-copy-dialog.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-resource-kind.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_COPY_DIALOG (lk_copy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LkCopyDialog, lk_copy_dialog, LK, COPY_DIALOG, AdwWindow)

LkCopyDialog *lk_copy_dialog_new (GtkWindow            *parent,
                                  LkSession            *session,
                                  LkClient             *client,
                                  const LkResourceKind *kind,
                                  gpointer              item);

G_END_DECLS
