/* lk-source-picker.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-source.h"

G_BEGIN_DECLS

#define LK_TYPE_SOURCE_PICKER (lk_source_picker_get_type ())

G_DECLARE_FINAL_TYPE (LkSourcePicker, lk_source_picker, LK, SOURCE_PICKER, AdwBin)

/* A word on a source in the results, such as the group that has it; NULL for none. */
typedef char *(*LkSourceNoteFunc) (LkSource *source,
                                   gpointer  user_data);

LkSourcePicker *lk_source_picker_new           (void);
void            lk_source_picker_set_client    (LkSourcePicker  *self,
                                                LkClient        *client);
void            lk_source_picker_set_note_func (LkSourcePicker  *self,
                                                LkSourceNoteFunc func,
                                                gpointer         user_data,
                                                GDestroyNotify   destroy);
void            lk_source_picker_clear         (LkSourcePicker  *self);

G_END_DECLS
