/* lk-client-directory.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client-resources.h"
#include "lk-identity.h"
#include "lk-source.h"

G_BEGIN_DECLS

/* Read only: listed and searched with lk_client_search_resources_async(). */
extern const LkResourceKind lk_source_kind;
extern const LkResourceKind lk_identity_kind;

char *lk_filter_quote             (const char         *text);
char *lk_filter_id_in             (const char * const *ids);
char *lk_source_filter_for_name   (const char         *prefix);
char *lk_identity_filter_for_text (const char         *text);
gboolean lk_looks_like_id         (const char         *text);

G_END_DECLS
