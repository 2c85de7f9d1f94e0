/* lk-rotation-prompts.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lk-connection-rotation.h"

G_BEGIN_DECLS

void lk_rotation_prompts_run                (GtkWidget            *widget,
                                             LkSession            *session,
                                             LkConnectionRotation *rotation);
void lk_rotation_prompts_offer_interrupted  (GtkWidget            *widget,
                                             LkSession            *session,
                                             LkRotations          *rotations);

G_END_DECLS
