/* lk-passwords-page.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client.h"
#include "lk-password-info.h"

G_BEGIN_DECLS

#define LK_TYPE_PASSWORDS_PAGE (lk_passwords_page_get_type ())

G_DECLARE_FINAL_TYPE (LkPasswordsPage, lk_passwords_page, LK, PASSWORDS_PAGE, AdwBin)

LkPasswordsPage *lk_passwords_page_new            (void);
LkClient        *lk_passwords_page_get_client     (LkPasswordsPage *self);
void             lk_passwords_page_set_client     (LkPasswordsPage *self,
                                                   LkClient        *client);
LkPasswordInfo  *lk_passwords_page_get_info       (LkPasswordsPage *self);
const char      *lk_passwords_page_get_request_id (LkPasswordsPage *self);

G_END_DECLS
