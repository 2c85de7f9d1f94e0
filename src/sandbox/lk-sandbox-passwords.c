/* lk-sandbox-passwords.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* /query-password-info, /set-password and /password-change-status/{id}.
 * Each source has its own RSA key pair; set-password decrypts what the
 * client encrypted (PKCS#1 v1.5, as `openssl pkeyutl -encrypt` does) and
 * checks it against the source's policy.
 */

void
_lk_sandbox_source_free (SbSource *source)
{
  g_free (source->id);
  g_free (source->name);
  g_free (source->policy_id);
  g_clear_pointer (&source->json, json_object_unref);
  g_clear_pointer (&source->private_key, gnutls_privkey_deinit);
  g_free (source->public_key);
  g_free (source->public_key_id);
  g_free (source);
}

static gboolean
ensure_key_pair (LkSandbox  *self,
                 SbSource   *source,
                 GError    **error)
{
  gnutls_pubkey_t public_key = NULL;
  gnutls_datum_t der = { NULL, 0 };
  g_autofree char *key_uuid = NULL;
  int ret;

  if (source->private_key != NULL)
    return TRUE;

  if ((ret = gnutls_privkey_init (&source->private_key)) < 0 ||
      (ret = gnutls_privkey_generate (source->private_key, GNUTLS_PK_RSA, 2048, 0)) < 0 ||
      (ret = gnutls_pubkey_init (&public_key)) < 0 ||
      (ret = gnutls_pubkey_import_privkey (public_key, source->private_key, 0, 0)) < 0 ||
      (ret = gnutls_pubkey_export2 (public_key, GNUTLS_X509_FMT_DER, &der)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot make a key pair: %s", gnutls_strerror (ret));
      g_clear_pointer (&source->private_key, gnutls_privkey_deinit);
      g_clear_pointer (&public_key, gnutls_pubkey_deinit);
      return FALSE;
    }

  source->public_key = g_base64_encode (der.data, der.size);
  key_uuid = _lk_sandbox_random_uuid (self);
  source->public_key_id = g_base64_encode ((const guchar *) key_uuid, strlen (key_uuid));

  gnutls_free (der.data);
  gnutls_pubkey_deinit (public_key);

  return TRUE;
}

static SbSource *
find_source_by_name (LkSandbox  *self,
                     const char *name)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      SbSource *source = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (source->name, name) == 0)
        return source;
    }

  return NULL;
}

static SbIdentity *
find_identity_by_user_name (LkSandbox  *self,
                            const char *user_name)
{
  for (guint i = 0; i < self->identities->len; i++)
    {
      SbIdentity *identity = g_ptr_array_index (self->identities, i);

      if (g_ascii_strcasecmp (identity->user_name, user_name) == 0)
        return identity;
    }

  return NULL;
}

static SbAccount *
find_account (LkSandbox  *self,
              const char *identity_id,
              const char *source_id,
              const char *account_id)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      SbAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (account->identity_id, identity_id) == 0 &&
          g_strcmp0 (account->source_id, source_id) == 0 &&
          (account_id == NULL || g_strcmp0 (account->account_id, account_id) == 0))
        return account;
    }

  return NULL;
}

/* The policy as ISC words it in PasswordInfo.policies. */
static JsonArray *
describe_policy (JsonObject *policy)
{
  static const struct {
    const char *member;
    const char *words;
    gint64      unset_below;
  } rules[] = {
    { "minLength", "passwordMinLength", 1 },
    { "maxLength", "passwordMaxLength", 1 },
    { "minAlpha", "passwordMinAlpha", 1 },
    { "minNumeric", "passwordMinNumeric", 1 },
    { "minUpper", "passwordMinUpper", 1 },
    { "minLower", "passwordMinLower", 1 },
    { "minSpecial", "passwordMinSpecial", 1 },
    { "maxRepeatedChars", "passwordRepeatedChar", 1 },
    { "minCharacterTypes", "passwordMinCharacterTypes", 1 },
  };
  JsonArray *policies = json_array_new ();

  for (guint i = 0; policy && i < G_N_ELEMENTS (rules); i++)
    {
      gint64 value = json_object_get_int_member_with_default (policy, rules[i].member, -1);

      if (value >= rules[i].unset_below)
        {
          g_autofree char *text = g_strdup_printf ("%s is %" G_GINT64_FORMAT, rules[i].words, value);

          json_array_add_string_element (policies, text);
        }
    }

  if (policy && json_object_get_boolean_member_with_default (policy, "validateAgainstAccountName", FALSE))
    json_array_add_string_element (policies, "passwordValidateAgainstAccountName is true");
  if (policy && json_object_get_boolean_member_with_default (policy, "useDictionary", FALSE))
    json_array_add_string_element (policies, "passwordDictionary is true");

  return policies;
}

void
_lk_sandbox_handle_password_info (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_name = NULL;
  g_autofree char *source_name = NULL;
  JsonArray *accounts;
  SbIdentity *identity;
  SbSource *source;

  if (!g_str_equal (call->method, "POST"))
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  if (!_lk_sandbox_require_right (call, "idn:password-info:read", NULL))
    return;

  if (!(request = _lk_sandbox_parse_body (call)))
    return;

  if (!lk_json_get_string (request, "userName", LK_JSON_REQUIRED, &user_name, &error) ||
      !lk_json_get_string (request, "sourceName", LK_JSON_REQUIRED, &source_name, &error))
    {
      _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
      return;
    }

  if (!(source = find_source_by_name (self, source_name)))
    {
      _lk_sandbox_reply_error (call, 400, "There is no source named '%s'.", source_name);
      return;
    }

  if (!(identity = find_identity_by_user_name (self, user_name)))
    {
      _lk_sandbox_reply_error (call, 400, "There is no identity with the user name '%s'.", user_name);
      return;
    }

  if (!ensure_key_pair (self, source, &error))
    {
      _lk_sandbox_reply_error (call, 500, "An internal fault occurred: %s", error->message);
      return;
    }

  accounts = json_array_new ();
  for (guint i = 0; i < self->accounts->len; i++)
    {
      SbAccount *account = g_ptr_array_index (self->accounts, i);
      JsonObject *object;

      if (g_strcmp0 (account->identity_id, identity->id) != 0 || g_strcmp0 (account->source_id, source->id) != 0)
        continue;

      object = json_object_new ();
      json_object_set_string_member (object, "accountId", account->account_id);
      json_object_set_string_member (object, "accountName", account->account_name);
      json_array_add_object_element (accounts, object);
    }

  info = json_object_new ();
  json_object_set_string_member (info, "identityId", identity->id);
  json_object_set_string_member (info, "sourceId", source->id);
  json_object_set_string_member (info, "publicKeyId", source->public_key_id);
  json_object_set_string_member (info, "publicKey", source->public_key);
  json_object_set_array_member (info, "accounts", accounts);
  json_object_set_array_member (info, "policies", describe_policy (_lk_sandbox_policy_of_source (self, source)));

  _lk_sandbox_reply_object (call, 200, info);
}

static char *
decrypt_password (SbSource    *source,
                  const char  *encrypted,
                  GError     **error)
{
  gnutls_datum_t cipher, plain = { NULL, 0 };
  g_autofree guchar *data = NULL;
  gsize size = 0;
  char *password;
  int ret;

  data = g_base64_decode (encrypted, &size);
  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "encryptedPassword is not base64.");
      return NULL;
    }

  cipher.data = data;
  cipher.size = size;
  if ((ret = gnutls_privkey_decrypt_data (source->private_key, 0, &cipher, &plain)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "encryptedPassword cannot be decrypted with the key publicKeyId names: %s", gnutls_strerror (ret));
      return NULL;
    }

  password = g_strndup ((const char *) plain.data, plain.size);
  memset (plain.data, 0, plain.size);
  gnutls_free (plain.data);

  return password;
}

void
_lk_sandbox_handle_set_password (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *identity_id = NULL;
  g_autofree char *encrypted = NULL;
  g_autofree char *public_key_id = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *source_id = NULL;
  char *password;
  SbPasswordRequest *change;
  SbAccount *account;
  SbSource *source;

  if (!g_str_equal (call->method, "POST"))
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  if (!_lk_sandbox_require_right (call, "idn:password-change:manage", NULL))
    return;

  if (!(request = _lk_sandbox_parse_body (call)))
    return;

  if (!lk_json_get_string (request, "identityId", LK_JSON_REQUIRED, &identity_id, &error) ||
      !lk_json_get_string (request, "encryptedPassword", LK_JSON_REQUIRED, &encrypted, &error) ||
      !lk_json_get_string (request, "publicKeyId", LK_JSON_REQUIRED, &public_key_id, &error) ||
      !lk_json_get_string (request, "accountId", LK_JSON_REQUIRED, &account_id, &error) ||
      !lk_json_get_string (request, "sourceId", LK_JSON_REQUIRED, &source_id, &error))
    {
      _lk_sandbox_reply_error (call, 400, "The request body is invalid: %s", error->message);
      return;
    }

  source = _lk_sandbox_find_source (self, source_id);
  if (source == NULL || source->private_key == NULL || g_strcmp0 (source->public_key_id, public_key_id) != 0)
    {
      _lk_sandbox_reply_error (call, 400, "publicKeyId does not name the current key of source '%s'.", source_id);
      return;
    }

  if (!(account = find_account (self, identity_id, source_id, account_id)))
    {
      _lk_sandbox_reply_error (call, 400, "The identity '%s' has no account '%s' on this source.",
                               identity_id, account_id);
      return;
    }

  if (!(password = decrypt_password (source, encrypted, &error)))
    {
      _lk_sandbox_reply_error (call, 400, "%s", error->message);
      return;
    }

  change = g_new0 (SbPasswordRequest, 1);
  change->id = _lk_sandbox_random_hex (self, 32);
  change->source_id = g_strdup (source_id);
  change->created = g_get_monotonic_time ();
  change->errors = _lk_sandbox_check_password (_lk_sandbox_policy_of_source (self, source), password, account);
  memset (password, 0, strlen (password));
  g_free (password);
  g_hash_table_insert (self->password_requests, change->id, change);

  response = json_object_new ();
  json_object_set_string_member (response, "requestId", change->id);
  json_object_set_string_member (response, "state", "IN_PROGRESS");
  _lk_sandbox_reply_object (call, 202, response);
}

void
_lk_sandbox_handle_password_status (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(JsonObject) status = NULL;
  SbPasswordRequest *change;
  JsonArray *source_ids;
  gboolean done;

  if (!g_str_equal (call->method, "GET"))
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  if (!_lk_sandbox_require_right (call, "idn:password-change:read", NULL))
    return;

  if (!(change = g_hash_table_lookup (self->password_requests, call->id)))
    {
      _lk_sandbox_reply_error (call, 404, "There is no password change request '%s'.", call->id);
      return;
    }

  /* Sources take a few seconds to apply a password. */
  done = g_get_monotonic_time () - change->created >= (gint64) self->password_delay_ms * 1000;

  status = json_object_new ();
  json_object_set_string_member (status, "requestId", change->id);
  json_object_set_string_member (status, "state",
                                 !done ? "IN_PROGRESS" : change->errors ? "FAILED" : "FINISHED");
  lk_json_set_strv (status, "errors",
                    done && change->errors ? (const char * const *) change->errors
                                           : (const char * const []) { NULL });
  source_ids = json_array_new ();
  json_array_add_string_element (source_ids, change->source_id);
  json_object_set_array_member (status, "sourceIds", source_ids);

  _lk_sandbox_reply_object (call, 200, status);
}
