/* lk-test-tenant.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client.h"
#include "lk-sandbox.h"
#include "lk-test-wait.h"

G_BEGIN_DECLS

/* A sandbox tenant on loopback (HTTPS with @certificate), started, living
 * on LK_TEST_NOW; the properties given (NULL-terminated) are set first.
 */
LkSandbox *lk_test_sandbox_start    (GTlsCertificate *certificate,
                                     const char      *first_property_name,
                                     ...) G_GNUC_NULL_TERMINATED;
/* A client of @sandbox's administrator; backoff steps of a few
 * milliseconds keep the retry tests quick.
 */
LkClient  *lk_test_admin_client_new (LkSandbox       *sandbox);

G_END_DECLS
