/* lk-test-tokens.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-token-list-model.h"

G_BEGIN_DECLS

/* A token as a tenant sends it; @last_used and @expires are ISC dates or NULL. */
LkToken          *lk_test_token_new       (const char *name,
                                           const char *owner,
                                           const char *last_used,
                                           const char *expires);
/* terraform, Ansible, backup job and CI deploy, as the tenant lists them. */
LkTokenListModel *lk_test_sample_tokens   (void);
/* "token 000" to "token N-1", owned by Abby Smith (even) and Brian Cole
 * (odd), sorted by name.
 */
LkTokenListModel *lk_test_numbered_tokens (guint       n);

G_END_DECLS
