/* lk-source-list.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-source-picker.h"

G_BEGIN_DECLS

#define LK_TYPE_SOURCE_LIST (lk_source_list_get_type ())

G_DECLARE_FINAL_TYPE (LkSourceList, lk_source_list, LK, SOURCE_LIST, AdwBin)

/* What is wrong with a source in the list, by its id; NULL for nothing. */
typedef char *(*LkSourceProblemFunc) (const char *id,
                                      gpointer    user_data);

LkSourceList *lk_source_list_new            (void);
void          lk_source_list_set_client     (LkSourceList        *self,
                                             LkClient            *client);
void          lk_source_list_set_ids        (LkSourceList        *self,
                                             const char * const  *ids);
GStrv         lk_source_list_dup_ids        (LkSourceList        *self);
void          lk_source_list_set_note_funcs (LkSourceList        *self,
                                             LkSourceNoteFunc     note_func,
                                             LkSourceProblemFunc  problem_func,
                                             gpointer             user_data);
void          lk_source_list_refresh        (LkSourceList        *self);

G_END_DECLS
