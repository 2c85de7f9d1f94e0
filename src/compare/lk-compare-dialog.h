/* lk-compare-dialog.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-form-editor.h"
#include "lk-resource-kind.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_COMPARE_DIALOG (lk_compare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LkCompareDialog, lk_compare_dialog, LK, COMPARE_DIALOG, AdwWindow)

LkCompareDialog *lk_compare_dialog_new               (GtkWindow            *parent,
                                                      LkSession            *session,
                                                      LkClient             *client,
                                                      const LkResourceKind *kind,
                                                      LkFormEditor         *form,
                                                      gpointer              item);
guint            lk_compare_dialog_get_n_differences (LkCompareDialog      *self);

G_END_DECLS
