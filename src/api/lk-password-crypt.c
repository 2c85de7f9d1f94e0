/* lk-password-crypt.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-crypt"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <string.h>

#include "lk-password-crypt.h"

/* /set-password takes the password encrypted under the source's public
 * key, RSA with PKCS#1 v1.5 padding, base64 encoded: what
 * `openssl pkeyutl -encrypt -pubin -inkey key.pem | base64 -w0` prints.
 * The tenant gives the key as base64 DER (SubjectPublicKeyInfo); PEM is
 * taken too, for keys kept in files.
 */

G_DEFINE_QUARK (lk-password-crypt-error-quark, lk_password_crypt_error)

static gboolean
is_base64 (const char *text)
{
  gsize padding = 0;

  for (const char *c = text; *c; c++)
    {
      if (*c == '=')
        padding++;
      else if (padding > 0 || !(g_ascii_isalnum (*c) || *c == '+' || *c == '/'))
        return FALSE;
    }

  return *text != '\0' && padding <= 2 && strlen (text) % 4 == 0;
}

static gnutls_pubkey_t
import_public_key (const char  *text,
                   GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree guchar *der = NULL;
  gnutls_pubkey_t key = NULL;
  gnutls_datum_t datum;
  int ret;

  if (g_str_has_prefix (trimmed, "-----BEGIN"))
    {
      datum.data = (guchar *) trimmed;
      datum.size = strlen (trimmed);
      ret = gnutls_pubkey_init (&key);
      if (ret >= 0)
        ret = gnutls_pubkey_import (key, &datum, GNUTLS_X509_FMT_PEM);
    }
  else
    {
      g_autoptr(GString) compact = g_string_sized_new (strlen (trimmed));
      gsize size = 0;

      /* Line breaks and spaces come with base64 as people paste it. */
      for (const char *c = trimmed; *c; c++)
        if (!g_ascii_isspace (*c))
          g_string_append_c (compact, *c);

      if (!is_base64 (compact->str))
        {
          g_set_error_literal (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_BAD_KEY,
                               _("The public key is neither base64 nor PEM"));
          return NULL;
        }

      der = g_base64_decode (compact->str, &size);
      datum.data = der;
      datum.size = size;
      ret = gnutls_pubkey_init (&key);
      if (ret >= 0)
        ret = gnutls_pubkey_import (key, &datum, GNUTLS_X509_FMT_DER);
    }

  if (ret < 0)
    {
      g_set_error (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_BAD_KEY,
                   _("The public key cannot be read: %s"), gnutls_strerror (ret));
      g_clear_pointer (&key, gnutls_pubkey_deinit);
      return NULL;
    }

  if (gnutls_pubkey_get_pk_algorithm (key, NULL) != GNUTLS_PK_RSA)
    {
      g_set_error_literal (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_BAD_KEY,
                           _("The public key is not an RSA key"));
      gnutls_pubkey_deinit (key);
      return NULL;
    }

  return key;
}

/**
 * lk_password_encrypt:
 * @public_key: an RSA public key, base64 DER SubjectPublicKeyInfo or PEM
 * @password: the plain password, UTF-8
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the encrypted password, base64, or %NULL with @error set
 */
char *
lk_password_encrypt (const char  *public_key,
                     const char  *password,
                     GError     **error)
{
  gnutls_datum_t plain, encrypted = { NULL, 0 };
  gnutls_pubkey_t key;
  unsigned int bits = 0;
  gsize max_length;
  char *encoded;
  int ret;

  g_return_val_if_fail (public_key != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (!(key = import_public_key (public_key, error)))
    return NULL;

  /* PKCS#1 v1.5 padding takes 11 of the key's bytes. */
  gnutls_pubkey_get_pk_algorithm (key, &bits);
  max_length = bits / 8 > 11 ? bits / 8 - 11 : 0;
  if (strlen (password) > max_length)
    {
      g_set_error (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_TOO_LONG,
                   _("The password is too long: this source’s key can encrypt at most %u bytes"),
                   (guint) max_length);
      gnutls_pubkey_deinit (key);
      return NULL;
    }

  plain.data = (guchar *) password;
  plain.size = strlen (password);
  ret = gnutls_pubkey_encrypt_data (key, 0, &plain, &encrypted);
  gnutls_pubkey_deinit (key);

  if (ret < 0)
    {
      g_set_error (error, LK_PASSWORD_CRYPT_ERROR, LK_PASSWORD_CRYPT_ERROR_FAILED,
                   _("The password cannot be encrypted: %s"), gnutls_strerror (ret));
      return NULL;
    }

  encoded = g_base64_encode (encrypted.data, encrypted.size);
  gnutls_free (encrypted.data);

  return encoded;
}

/**
 * lk_password_free:
 * @password: (nullable): a plain password
 *
 * Overwrites @password, then frees it.
 */
void
lk_password_free (LkPassword *password)
{
  if (password != NULL)
    {
      explicit_bzero (password, strlen (password));
      g_free (password);
    }
}
