/* lk-password-crypt.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_PASSWORD_CRYPT_ERROR (lk_password_crypt_error_quark ())

typedef enum {
  LK_PASSWORD_CRYPT_ERROR_BAD_KEY,       /* not an RSA public key, in base64 DER or PEM */
  LK_PASSWORD_CRYPT_ERROR_TOO_LONG,      /* longer than the key can encrypt */
  LK_PASSWORD_CRYPT_ERROR_FAILED,
} LkPasswordCryptError;

/* A plain password: g_autoptr(LkPassword) wipes it before freeing it. */
typedef char LkPassword;

GQuark  lk_password_crypt_error_quark (void);
char   *lk_password_encrypt           (const char  *public_key,
                                       const char  *password,
                                       GError     **error);
void    lk_password_free              (LkPassword  *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkPassword, lk_password_free)

G_END_DECLS
