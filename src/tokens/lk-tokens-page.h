/* lk-tokens-page.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_TOKENS_PAGE (lk_tokens_page_get_type ())

G_DECLARE_FINAL_TYPE (LkTokensPage, lk_tokens_page, LK, TOKENS_PAGE, AdwBin)

LkTokensPage      *lk_tokens_page_new        (void);
LkClient          *lk_tokens_page_get_client (LkTokensPage *self);
void               lk_tokens_page_set_client (LkTokensPage *self,
                                              LkClient     *client);
void               lk_tokens_page_reload     (LkTokensPage *self);
void               lk_tokens_page_show_token (LkTokensPage *self,
                                              const char   *base_url,
                                              const char   *id);
void               lk_tokens_page_show_expiring (LkTokensPage *self);
GtkSelectionModel *lk_tokens_page_get_model  (LkTokensPage *self);

void               lk_tokens_page_export_async  (LkTokensPage        *self,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean           lk_tokens_page_export_finish (LkTokensPage        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

char              *lk_format_relative_date   (GDateTime    *date,
                                              GDateTime    *now);

void              lk_tokens_page_set_selection_mode (LkTokensPage *self,
                                                     gboolean      selection_mode);
void              lk_tokens_page_set_all_tenants    (LkTokensPage *self,
                                                     gboolean      all_tenants);

G_END_DECLS
