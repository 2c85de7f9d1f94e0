/* test-session.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-error.h"
#include "lk-sandbox.h"
#include "lk-session.h"
#include "lk-test-tenant.h"

/* Tenants end to end: GSettings, the real keyring of the test session, and
 * the sandbox tenant checking the credentials.
 */

typedef struct {
  LkSandbox *sandbox;
  GSettings *settings;
  LkSession *session;
} Fixture;

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
  g_settings_reset (settings, "api-version");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->sandbox = lk_test_sandbox_start (NULL, "rate-limit", 0, NULL);
  f->settings = g_settings_new (APP_ID);
  reset_settings (f->settings);
  f->session = lk_session_new (f->settings, NULL);
}

static gboolean
save_tenant (Fixture     *f,
             const char  *old_name,
             const char  *name,
             const char  *url,
             const char  *client_id,
             const char  *secret,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_session_save_tenant_async (f->session, old_name, name, url, client_id, secret, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the tenant to be saved");
  return lk_session_save_tenant_finish (f->session, result, error);
}

static gboolean
add_sandbox (Fixture     *f,
             const char  *name,
             GError     **error)
{
  return save_tenant (f, NULL, name, lk_sandbox_get_url (f->sandbox),
                      lk_sandbox_get_admin_client_id (f->sandbox),
                      lk_sandbox_get_admin_client_secret (f->sandbox), error);
}

static void
remove_tenant (Fixture    *f,
               const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_session_remove_tenant_async (f->session, name, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the tenant to be removed");
  g_assert_true (lk_session_remove_tenant_finish (f->session, result, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  LkTenantList *tenants = lk_session_get_tenants (f->session);

  /* Leave the keyring as it was found. */
  while (g_list_model_get_n_items (G_LIST_MODEL (tenants)) > 0)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (tenants), 0);

      remove_tenant (f, lk_tenant_get_name (tenant));
    }

  lk_test_assert_finalized (g_steal_pointer (&f->session));
  reset_settings (f->settings);
  g_clear_object (&f->settings);
  lk_test_assert_finalized (g_steal_pointer (&f->sandbox));
}

static gboolean
old_secret_is_gone (gpointer data)
{
  Fixture *f = data;
  g_autofree char *item = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox),
                                          lk_sandbox_get_admin_client_id (f->sandbox));

  return *item == '\0';
}

static gboolean
session_is_ready (gpointer data)
{
  return lk_session_get_state (data) == LK_SESSION_STATE_READY;
}

static guint
n_tenants (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (lk_session_get_tenants (f->session)));
}

static void
test_add_tenant (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  LkTenant *current;

  g_assert_cmpint (lk_session_get_state (f->session), ==, LK_SESSION_STATE_NO_TENANT);
  g_assert_true (add_sandbox (f, "Sandbox", &error));
  g_assert_no_error (error);

  /* Tested before saving: the tenant issued a token. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/oauth/token"), ==, 1);

  g_assert_cmpuint (n_tenants (f), ==, 1);
  current = lk_tenant_list_get_current (lk_session_get_tenants (f->session));
  g_assert_cmpstr (lk_tenant_get_name (current), ==, "Sandbox");
  g_assert_cmpstr (lk_tenant_get_base_url (current), ==, lk_sandbox_get_url (f->sandbox));
  g_assert_cmpint (lk_session_get_state (f->session), ==, LK_SESSION_STATE_READY);
  g_assert_cmpstr (lk_client_get_base_url (lk_session_get_client (f->session)), ==, lk_sandbox_get_url (f->sandbox));

  /* The secret is in the keyring, and nowhere in the settings. */
  stored = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), lk_sandbox_get_admin_client_id (f->sandbox));
  g_assert_cmpstr (stored, ==, lk_sandbox_get_admin_client_secret (f->sandbox));
  {
    g_autoptr(GVariant) tenants = g_settings_get_value (f->settings, "tenants");
    g_autofree char *printed = g_variant_print (tenants, FALSE);

    g_assert_null (strstr (printed, lk_sandbox_get_admin_client_secret (f->sandbox)));
  }
}

static void
test_wrong_secret_saves_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  g_assert_false (save_tenant (f, NULL, "Sandbox", lk_sandbox_get_url (f->sandbox),
                               lk_sandbox_get_admin_client_id (f->sandbox), "wrong", &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Bad credentials"));

  g_assert_cmpuint (n_tenants (f), ==, 0);
  stored = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), lk_sandbox_get_admin_client_id (f->sandbox));
  g_assert_cmpstr (stored, ==, "");
}

static void
test_input_checked (Fixture       *f,
                    gconstpointer  data)
{
  const char *url = lk_sandbox_get_url (f->sandbox);
  const char *id = lk_sandbox_get_admin_client_id (f->sandbox);
  const char *secret = lk_sandbox_get_admin_client_secret (f->sandbox);
  static const struct {
    const char *name, *url, *id, *secret;
    int code;
  } cases[] = {
    { "  ", NULL, NULL, NULL, G_IO_ERROR_INVALID_ARGUMENT },
    { "Bad URL", "acme corp", NULL, NULL, G_IO_ERROR_INVALID_ARGUMENT },
    { "No ID", NULL, "", NULL, G_IO_ERROR_INVALID_ARGUMENT },
    { "No secret", NULL, NULL, "", G_IO_ERROR_INVALID_ARGUMENT },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (save_tenant (f, NULL, cases[i].name, cases[i].url ? cases[i].url : url,
                                   cases[i].id ? cases[i].id : id, cases[i].secret ? cases[i].secret : secret,
                                   &error));
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  /* None of that reached the tenant. */
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, NULL, "/oauth/token"), ==, 0);

  g_assert_true (add_sandbox (f, "Sandbox", NULL));
  g_assert_false (add_sandbox (f, "Sandbox", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpuint (n_tenants (f), ==, 1);
}

static void
test_edit_in_place (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autofree char *secret = NULL;
  g_autofree char *client_id = lk_sandbox_add_client (f->sandbox, "Abby.Smith", all, &secret);
  g_autoptr(LkTenant) first = lk_tenant_new ("First", "https://first.api.identitynow.com", "x");
  g_autoptr(LkTenant) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_item = NULL;

  g_assert_true (lk_tenant_list_add (lk_session_get_tenants (f->session), first, NULL));
  g_assert_true (add_sandbox (f, "Sandbox", &error));

  /* New name, new client ID and secret: the same entry, in the same place. */
  g_assert_true (save_tenant (f, "Sandbox", "Sandbox (Abby)", lk_sandbox_get_url (f->sandbox), client_id, secret,
                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_tenants (f), ==, 2);
  second = g_list_model_get_item (G_LIST_MODEL (lk_session_get_tenants (f->session)), 1);
  g_assert_cmpstr (lk_tenant_get_name (second), ==, "Sandbox (Abby)");
  g_assert_cmpstr (lk_tenant_get_client_id (second), ==, client_id);
  g_assert_cmpstr (lk_client_get_client_id (lk_session_get_client (f->session)), ==, client_id);

  /* The keyring holds the new secret, and the old one is gone. */
  new_item = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), client_id);
  g_assert_cmpstr (new_item, ==, secret);
  lk_test_wait_until (old_secret_is_gone, f, 10000, "the old secret to leave the keyring");

  g_assert_true (lk_tenant_list_remove (lk_session_get_tenants (f->session), "First"));
}

static void
test_edit_keeps_secret (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (add_sandbox (f, "Sandbox", &error));

  /* Renaming needs no secret typed again: the keyring's is tested and kept. */
  g_assert_true (save_tenant (f, "Sandbox", "Renamed", lk_sandbox_get_url (f->sandbox),
                              lk_sandbox_get_admin_client_id (f->sandbox), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_tenant_get_name (lk_tenant_list_get_current (lk_session_get_tenants (f->session))), ==, "Renamed");
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/oauth/token"), ==, 2);
}

static void
test_remove_tenant (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *stored = NULL;

  g_assert_true (add_sandbox (f, "Sandbox", NULL));
  remove_tenant (f, "Sandbox");

  g_assert_cmpuint (n_tenants (f), ==, 0);
  g_assert_cmpint (lk_session_get_state (f->session), ==, LK_SESSION_STATE_NO_TENANT);
  g_assert_null (lk_session_get_client (f->session));
  stored = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), lk_sandbox_get_admin_client_id (f->sandbox));
  g_assert_cmpstr (stored, ==, "");
}

static void
test_next_start_reads_the_keyring (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(LkSession) next = NULL;
  g_autoptr(GListModel) tokens = NULL;

  g_assert_true (add_sandbox (f, "Sandbox", NULL));

  /* Another start: the tenant from the settings, its secret from the keyring. */
  next = lk_session_new (f->settings, NULL);
  g_assert_cmpint (lk_session_get_state (next), ==, LK_SESSION_STATE_CONNECTING);
  lk_test_wait_until (session_is_ready, next, 15000, "the next session to connect");
  g_assert_cmpstr (lk_client_get_client_id (lk_session_get_client (next)), ==,
                   lk_sandbox_get_admin_client_id (f->sandbox));
}

static void
test_needs_secret (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LkSession) next = NULL;

  /* A tenant in the settings whose secret the keyring does not have. */
  g_settings_set_value (f->settings, "tenants",
                        g_variant_new_parsed ("[('Lost', 'https://lost.api.identitynow.com', 'gone')]"));
  next = lk_session_new (f->settings, NULL);
  while (lk_session_get_state (next) == LK_SESSION_STATE_CONNECTING)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lk_session_get_state (next), ==, LK_SESSION_STATE_NEEDS_SECRET);
  g_assert_null (lk_session_get_client (next));
  g_settings_reset (f->settings, "tenants");
}

static void
test_environment_tenant (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LkTenant) offered = NULL;
  g_autoptr(LkTenant) again = NULL;
  char *secret = NULL;

  g_setenv ("SAIL_BASE_URL", lk_sandbox_get_url (f->sandbox), TRUE);
  g_setenv ("SAIL_CLIENT_ID", lk_sandbox_get_admin_client_id (f->sandbox), TRUE);
  g_setenv ("SAIL_CLIENT_SECRET", lk_sandbox_get_admin_client_secret (f->sandbox), TRUE);

  offered = lk_session_get_environment_tenant (f->session, &secret);
  g_assert_nonnull (offered);
  g_assert_cmpstr (lk_tenant_get_name (offered), ==, "127.0.0.1");
  g_assert_cmpstr (lk_tenant_get_base_url (offered), ==, lk_sandbox_get_url (f->sandbox));
  g_assert_cmpstr (secret, ==, lk_sandbox_get_admin_client_secret (f->sandbox));
  lk_secret_free (secret);

  /* Once it is a tenant, it is not offered again. */
  g_assert_true (add_sandbox (f, "From the environment", NULL));
  again = lk_session_get_environment_tenant (f->session, &secret);
  g_assert_null (again);
  g_assert_null (secret);

  g_unsetenv ("SAIL_BASE_URL");
  g_unsetenv ("SAIL_CLIENT_ID");
  g_unsetenv ("SAIL_CLIENT_SECRET");
}

static void
test_memory_fallback (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      Fixture fixture = { 0 }, *f = &fixture;
      g_autoptr(GError) error = NULL;

      /* A session bus with no secret service on it. */
      g_test_dbus_up (bus);
      fixture_set_up (f, NULL);

      g_assert_true (add_sandbox (f, "Sandbox", &error));
      g_assert_no_error (error);
      g_assert_false (lk_secret_store_get_persistent (lk_session_get_secrets (f->session)));
      g_assert_cmpint (lk_session_get_state (f->session), ==, LK_SESSION_STATE_READY);

      /* Still connects for the session: a switch away and back finds the secret in memory. */
      lk_tenant_list_set_current (lk_session_get_tenants (f->session), NULL);
      g_settings_set_string (f->settings, "current-tenant", "Sandbox");
      while (lk_session_get_state (f->session) != LK_SESSION_STATE_READY)
        g_main_context_iteration (NULL, TRUE);

      remove_tenant (f, "Sandbox");
      fixture_tear_down (f, NULL);
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/lk/session/add-tenant", test_add_tenant);
  LK_TEST_ADD ("/lk/session/wrong-secret-saves-nothing", test_wrong_secret_saves_nothing);
  LK_TEST_ADD ("/lk/session/input-checked", test_input_checked);
  LK_TEST_ADD ("/lk/session/edit-in-place", test_edit_in_place);
  LK_TEST_ADD ("/lk/session/edit-keeps-secret", test_edit_keeps_secret);
  LK_TEST_ADD ("/lk/session/remove-tenant", test_remove_tenant);
  LK_TEST_ADD ("/lk/session/next-start-reads-the-keyring", test_next_start_reads_the_keyring);
  LK_TEST_ADD ("/lk/session/needs-secret", test_needs_secret);
  LK_TEST_ADD ("/lk/session/environment-tenant", test_environment_tenant);
  g_test_add_func ("/lk/session/memory-fallback", test_memory_fallback);


  return g_test_run ();
}
