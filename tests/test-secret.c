/* test-secret.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-secret-store.h"
#include "lk-test-tenant.h"

/* Secrets in the real gnome-keyring of the test session, and the fallback
 * to memory when no secret service answers.
 */

#define BASE_URL "https://acme.api.identitynow.com"

static void
store (LkSecretStore *store,
       const char    *client_id,
       const char    *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_secret_store_store_async (store, BASE_URL, client_id, secret, "Latchkey: Acme", NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 15000, "the keyring to store");
  g_assert_true (lk_secret_store_store_finish (store, result, &error));
  g_assert_no_error (error);
}

static char *
lookup (LkSecretStore *store,
        const char    *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  lk_secret_store_lookup_async (store, BASE_URL, client_id, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 15000, "the keyring to look up");
  secret = lk_secret_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);

  return secret;
}

static void
clear (LkSecretStore *store,
       const char    *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lk_secret_store_clear_async (store, BASE_URL, client_id, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 15000, "the keyring to clear");
  g_assert_true (lk_secret_store_clear_finish (store, result, &error));
  g_assert_no_error (error);
}

/* What a tool we did not write finds in the keyring. */
static char *
secret_tool (const char *command,
             const char *client_id)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "secret-tool", command, "base-url", BASE_URL, "client-id", client_id, NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

static guint
count_items (const char *search_output)
{
  guint n = 0;

  for (const char *p = search_output; (p = strstr (p, "[/")) != NULL; p++)
    n++;

  return n;
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(LkSecretStore) secrets = lk_secret_store_new ();
  g_autofree char *found = NULL;
  g_autofree char *in_keyring = NULL;
  g_autofree char *items = NULL;

  store (secrets, "client-1", "first-secret");
  found = lookup (secrets, "client-1");
  g_assert_cmpstr (found, ==, "first-secret");
  in_keyring = secret_tool ("lookup", "client-1");
  g_assert_cmpstr (in_keyring, ==, "first-secret");

  /* Editing credentials replaces the item: still one, with the new secret. */
  store (secrets, "client-1", "second-secret");
  g_clear_pointer (&found, lk_secret_free);
  found = lookup (secrets, "client-1");
  g_assert_cmpstr (found, ==, "second-secret");
  items = secret_tool ("search", "client-1");
  g_assert_cmpuint (count_items (items), ==, 1);
  g_assert_nonnull (strstr (items, "label = Latchkey: Acme"));

  /* Removing the tenant deletes its secret. */
  clear (secrets, "client-1");
  g_clear_pointer (&found, lk_secret_free);
  found = lookup (secrets, "client-1");
  g_assert_null (found);
  g_free (in_keyring);
  in_keyring = secret_tool ("lookup", "client-1");
  g_assert_cmpstr (in_keyring, ==, "");

  g_assert_true (lk_secret_store_get_persistent (secrets));
}

static void
check_memory_fallback (void)
{
  g_autoptr(LkSecretStore) secrets = lk_secret_store_new ();
  g_autofree char *found = NULL;
  gint64 start = g_get_monotonic_time ();

  store (secrets, "client-2", "kept-in-memory");
  g_assert_false (lk_secret_store_get_persistent (secrets));
  /* Unavailable is found out at once, not after a timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  found = lookup (secrets, "client-2");
  g_assert_cmpstr (found, ==, "kept-in-memory");

  clear (secrets, "client-2");
  g_clear_pointer (&found, lk_secret_free);
  found = lookup (secrets, "client-2");
  g_assert_null (found);
}

static void
test_no_session_bus (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/latchkey-test-bus", TRUE);
      check_memory_fallback ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      /* A session bus of its own, on which nothing provides the secret service. */
      g_test_dbus_up (bus);
      check_memory_fallback ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/secret/keyring-round-trip", test_keyring_round_trip);
  g_test_add_func ("/lk/secret/no-session-bus", test_no_session_bus);
  g_test_add_func ("/lk/secret/no-secret-service", test_no_secret_service);

  return g_test_run ();
}
