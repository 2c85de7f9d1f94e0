/* lk-json-splitter.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called with each element of the array, whole, as its bytes; FALSE and
 * @error stop the split.
 */
typedef gboolean (*LkJsonElementFunc) (const char  *element,
                                       gsize        length,
                                       gpointer     user_data,
                                       GError     **error);

typedef struct _LkJsonSplitter LkJsonSplitter;

LkJsonSplitter *lk_json_splitter_new    (LkJsonElementFunc   func,
                                         gpointer            user_data);
gboolean        lk_json_splitter_feed   (LkJsonSplitter     *self,
                                         const char         *data,
                                         gsize               length,
                                         GError            **error);
gboolean        lk_json_splitter_finish (LkJsonSplitter     *self,
                                         GError            **error);
guint           lk_json_splitter_get_n_elements (LkJsonSplitter *self);
void            lk_json_splitter_free   (LkJsonSplitter     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkJsonSplitter, lk_json_splitter_free)

G_END_DECLS
