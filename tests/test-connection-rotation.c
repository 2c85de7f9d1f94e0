/* test-connection-rotation.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lk-client-tokens.h"
#include "lk-connection-rotation.h"
#include "lk-sandbox.h"
#include "lk-test-tenant.h"

/* Rotating a saved tenant's own token, with the real keyring of the test
 * session, GSettings and the sandbox failing one step at a time. After
 * every failure the connection still works with its old credentials and
 * what exists is on record. (Killing the process between steps is
 * tests/cli-rotation-test.py.)
 */

typedef struct {
  LkSandbox   *sandbox;
  GSettings   *settings;
  LkSession   *session;
  LkRotations *rotations;
  char        *folder;
} Fixture;

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->sandbox = lk_test_sandbox_start (NULL, "rate-limit", 0, "tokens", 4, NULL);
  f->settings = g_settings_new (APP_ID);
  reset_settings (f->settings);
  f->session = lk_session_new (f->settings, NULL);
  f->folder = g_dir_make_tmp ("latchkey-rotation-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->folder, "rotations.ini", NULL);
  f->rotations = lk_rotations_new (path);

  lk_test_save_sandbox (f->session, "Sandbox", f->sandbox);
}

static void
clear_secret (LkSession  *session,
              const char *base_url,
              const char *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_secret_store_clear_async (lk_session_get_secrets (session), base_url, client_id, NULL,
                               lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "a secret to be removed");
  g_assert_true (lk_secret_store_clear_finish (lk_session_get_secrets (session), result, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) tokens = NULL;
  g_autofree char *path = g_strdup (lk_rotations_get_path (f->rotations));
  g_autoptr(LkClient) admin = NULL;

  /* Leave the keyring as it was found: every secret a rotation may have kept. */
  admin = lk_test_admin_client_new (f->sandbox);
  tokens = lk_test_list_all (admin, &lk_token_kind);
  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

      clear_secret (f->session, lk_sandbox_get_url (f->sandbox), lk_token_get_id (token));
    }
  clear_secret (f->session, lk_sandbox_get_url (f->sandbox), lk_sandbox_get_admin_client_id (f->sandbox));

  g_unlink (path);
  g_rmdir (f->folder);
  g_free (f->folder);
  g_clear_object (&f->rotations);
  g_clear_object (&admin);
  g_clear_object (&tokens);
  lk_test_assert_finalized (g_steal_pointer (&f->session));
  reset_settings (f->settings);
  g_clear_object (&f->settings);
  lk_test_assert_finalized (g_steal_pointer (&f->sandbox));
}

static LkTenant *
saved_tenant (Fixture *f)
{
  return lk_tenant_list_find (lk_session_get_tenants (f->session), "Sandbox");
}

static gboolean
run_rotation (LkConnectionRotation  *rotation,
              GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_connection_rotation_run_async (rotation, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 30000, "the rotation to end");
  return lk_connection_rotation_run_finish (rotation, result, error);
}

static gboolean
undo_rotation (LkConnectionRotation  *rotation,
               GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_connection_rotation_undo_async (rotation, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 30000, "the undo to end");
  return lk_connection_rotation_undo_finish (rotation, result, error);
}

/* Whether the tenant has a token of that id. */
static gboolean
tenant_has_token (Fixture    *f,
                  const char *id)
{
  g_autoptr(LkClient) admin = lk_test_admin_client_new (f->sandbox);
  g_autoptr(GListModel) tokens = lk_test_list_all (admin, &lk_token_kind);

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

      if (g_str_equal (lk_token_get_id (token), id))
        return TRUE;
    }

  return FALSE;
}

/* The connection as the session has it works: a request with it succeeds. */
static void
assert_connection_works (Fixture    *f,
                         const char *client_id)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), client_id);

  g_assert_cmpstr (lk_tenant_get_client_id (saved_tenant (f)), ==, client_id);
  g_assert_cmpuint (strlen (secret), >=, 32);
  client = lk_session_create_client (f->session, lk_sandbox_get_url (f->sandbox), client_id, secret);
  lk_client_authenticate_async (client, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the connection to answer");
  g_assert_true (lk_client_authenticate_finish (client, result, &error));
  g_assert_no_error (error);
}

static GPtrArray *
pending (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = lk_rotations_list_pending (f->rotations, &error);

  g_assert_no_error (error);
  return list;
}

static gboolean
session_uses_successor (gpointer data)
{
  LkClient *client = lk_session_get_client (data);

  return client != NULL &&
         g_strcmp0 (lk_client_get_client_id (client), g_object_get_data (data, "successor-id")) == 0;
}

static void
test_rotate (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LkConnectionRotation) rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link_id = NULL;
  g_autofree char *old_secret = NULL;
  const char *old_id = lk_sandbox_get_admin_client_id (f->sandbox);
  const char *successor_id;

  g_assert_true (run_rotation (rotation, &error));
  g_assert_no_error (error);

  successor_id = lk_connection_rotation_get_successor_id (rotation);
  g_assert_nonnull (successor_id);
  g_assert_cmpstr (successor_id, !=, old_id);
  g_assert_cmpstr (lk_connection_rotation_get_successor_name (rotation), ==, "Latchkey sandbox (rotated 2026-06-15)");
  g_assert_cmpstr (lk_connection_rotation_get_old_client_id (rotation), ==, old_id);

  /* The connection uses the successor; the old token is left to the user. */
  assert_connection_works (f, successor_id);
  old_secret = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), old_id);
  g_assert_cmpstr (old_secret, ==, "");
  g_assert_true (tenant_has_token (f, old_id));

  /* The session's client follows, so every page now uses the successor. */
  g_object_set_data_full (G_OBJECT (f->session), "successor-id", g_strdup (successor_id), g_free);
  lk_test_wait_until (session_uses_successor, f->session, 20000, "the session to reconnect");

  g_assert_true (lk_rotations_lookup (f->rotations, lk_sandbox_get_url (f->sandbox), old_id, &link_id, NULL, NULL));
  g_assert_cmpstr (link_id, ==, successor_id);
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 0);
}

/* Each step's failure: the step named, the connection unharmed, what
 * exists on record; then finishing (or undoing) it from that record.
 */

static void
test_create_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LkConnectionRotation) rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
  g_autoptr(LkConnectionRotation) resumed = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;

  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 100, "POST /v3/personal-access-tokens");
  g_assert_false (run_rotation (rotation, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Making the new token failed: "));
  g_assert_nonnull (strstr (error->message, "may have made"));
  g_assert_cmpint (lk_connection_rotation_get_failed_step (rotation), ==, LK_CONNECTION_ROTATION_STEP_CREATE);
  assert_connection_works (f, lk_sandbox_get_admin_client_id (f->sandbox));

  /* A 5xx may hide a token made: on record, without an id. */
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_null (((LkPendingRotation *) g_ptr_array_index (left, 0))->successor_id);

  /* Finishing it looks for the token, finds none and rotates from the start. */
  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 0, NULL);
  resumed = lk_connection_rotation_new_pending (f->session, f->rotations, g_ptr_array_index (left, 0));
  g_clear_error (&error);
  g_assert_true (run_rotation (resumed, &error));
  g_assert_no_error (error);
  assert_connection_works (f, lk_connection_rotation_get_successor_id (resumed));
  g_clear_pointer (&left, g_ptr_array_unref);
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 0);
}

static void
test_test_fails_then_finish (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LkConnectionRotation) rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
  g_autoptr(LkConnectionRotation) resumed = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  const char *successor_id;

  /* The first token request is the connection's own; every later one fails. */
  lk_sandbox_fail_after_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 1000, 1, "POST /oauth/token");
  g_assert_false (run_rotation (rotation, &error));
  g_assert_true (g_str_has_prefix (error->message, "Testing the new token failed: "));
  g_assert_nonnull (strstr (error->message, "its secret is in the keyring"));
  g_assert_cmpint (lk_connection_rotation_get_failed_step (rotation), ==, LK_CONNECTION_ROTATION_STEP_TEST);
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_NONE, 0, NULL);
  g_clear_error (&error);

  /* Listed, not lost: the successor exists, its secret kept, on record. */
  successor_id = lk_connection_rotation_get_successor_id (rotation);
  g_assert_true (tenant_has_token (f, successor_id));
  kept = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), successor_id);
  g_assert_cmpuint (strlen (kept), >=, 32);
  assert_connection_works (f, lk_sandbox_get_admin_client_id (f->sandbox));
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpstr (((LkPendingRotation *) g_ptr_array_index (left, 0))->successor_id, ==, successor_id);

  /* The next start finishes it with that successor: no second one made. */
  resumed = lk_connection_rotation_new_pending (f->session, f->rotations, g_ptr_array_index (left, 0));
  g_assert_true (lk_connection_rotation_get_interrupted (resumed));
  g_assert_true (run_rotation (resumed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lk_connection_rotation_get_successor_id (resumed), ==, successor_id);
  assert_connection_works (f, successor_id);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 1);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LkConnectionRotation) rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *successor_id = NULL;

  lk_sandbox_fail_after_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 1000, 1, "POST /oauth/token");
  g_assert_false (run_rotation (rotation, &error));
  lk_sandbox_fail_next_on (f->sandbox, LK_SANDBOX_FAULT_NONE, 0, NULL);
  successor_id = g_strdup (lk_connection_rotation_get_successor_id (rotation));
  g_clear_error (&error);

  /* Revoking fails: said, and still on record. */
  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 100, "DELETE /v3/personal-access-tokens");
  g_assert_false (undo_rotation (rotation, &error));
  g_assert_true (g_str_has_prefix (error->message, "Revoking the new token failed: "));
  g_assert_cmpint (lk_connection_rotation_get_failed_step (rotation), ==, LK_CONNECTION_ROTATION_STEP_UNDO);
  g_assert_true (tenant_has_token (f, successor_id));
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 1);
  g_clear_pointer (&left, g_ptr_array_unref);
  g_clear_error (&error);

  lk_sandbox_set_fault_on (f->sandbox, LK_SANDBOX_FAULT_5XX, 0, NULL);
  g_assert_true (undo_rotation (rotation, &error));
  g_assert_no_error (error);
  g_assert_false (tenant_has_token (f, successor_id));
  gone = lk_test_keyring_lookup (lk_sandbox_get_url (f->sandbox), successor_id);
  g_assert_cmpstr (gone, ==, "");
  assert_connection_works (f, lk_sandbox_get_admin_client_id (f->sandbox));
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 0);
}

/* Stopped right after the switch: finishing only tidies up. */
static void
test_interrupted_after_switch (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LkConnectionRotation) rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
  g_autoptr(LkConnectionRotation) resumed = NULL;
  g_autoptr(LkConnectionRotation) undone = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  LkPendingRotation record = { 0 };

  g_assert_true (run_rotation (rotation, &error));

  /* The record as a crash after the switch leaves it. */
  record.tenant_name = (char *) "Sandbox";
  record.base_url = (char *) lk_sandbox_get_url (f->sandbox);
  record.old_client_id = (char *) lk_sandbox_get_admin_client_id (f->sandbox);
  record.successor_id = (char *) lk_connection_rotation_get_successor_id (rotation);
  record.successor_name = (char *) lk_connection_rotation_get_successor_name (rotation);
  record.started = lk_connection_rotation_get_started (rotation);
  g_assert_true (lk_rotations_save_pending (f->rotations, &record, &error));

  undone = lk_connection_rotation_new_pending (f->session, f->rotations, &record);
  g_assert_false (undo_rotation (undone, &error));
  g_assert_nonnull (strstr (error->message, "finish the rotation instead"));
  g_clear_error (&error);

  resumed = lk_connection_rotation_new_pending (f->session, f->rotations, &record);
  g_assert_true (run_rotation (resumed, &error));
  g_assert_no_error (error);
  assert_connection_works (f, record.successor_id);
  g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 1);
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 0);
}

/* Renamed while the successor is made: the rotation follows the connection, not the name. */
static void
rename_tenant_cb (LkSandbox  *sandbox,
                  const char *method,
                  const char *path,
                  Fixture    *f)
{
  g_autoptr(LkTenant) renamed = NULL;
  LkTenant *tenant = saved_tenant (f);

  if (!g_str_equal (method, "POST") || !g_str_equal (path, "/v3/personal-access-tokens") || tenant == NULL)
    return;

  renamed = lk_tenant_new ("Production", lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant));
  g_assert_true (lk_tenant_list_replace (lk_session_get_tenants (f->session), "Sandbox", renamed, NULL));
}

/* Removed while the successor is made: nothing to switch, and said. */
static void
remove_tenant_cb (LkSandbox  *sandbox,
                  const char *method,
                  const char *path,
                  Fixture    *f)
{
  if (g_str_equal (method, "POST") && g_str_equal (path, "/v3/personal-access-tokens"))
    g_assert_true (lk_tenant_list_remove (lk_session_get_tenants (f->session), "Sandbox"));
}

static void
test_renamed_meanwhile (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LkConnectionRotation) rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
  g_autoptr(GError) error = NULL;
  LkTenant *renamed;

  g_signal_connect (f->sandbox, "request-received", G_CALLBACK (rename_tenant_cb), f);
  g_assert_true (run_rotation (rotation, &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (f->sandbox, rename_tenant_cb, f);

  renamed = lk_tenant_list_find (lk_session_get_tenants (f->session), "Production");
  g_assert_cmpstr (lk_tenant_get_client_id (renamed), ==, lk_connection_rotation_get_successor_id (rotation));
  g_assert_cmpstr (lk_connection_rotation_get_tenant_name (rotation), ==, "Production");

  /* The fixture removes "Sandbox": the name it had. */
  {
    g_autoptr(LkTenant) back = lk_tenant_new ("Sandbox", lk_tenant_get_base_url (renamed),
                                              lk_tenant_get_client_id (renamed));

    g_assert_true (lk_tenant_list_replace (lk_session_get_tenants (f->session), "Production", back, NULL));
  }
}

static void
test_switch_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LkConnectionRotation) rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
  g_autoptr(LkTenant) back = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->sandbox, "request-received", G_CALLBACK (remove_tenant_cb), f);
  g_assert_false (run_rotation (rotation, &error));
  g_signal_handlers_disconnect_by_func (f->sandbox, remove_tenant_cb, f);
  g_assert_true (g_str_has_prefix (error->message, "Switching the connection to the new token failed: "));
  g_assert_nonnull (strstr (error->message, "its secret is in the keyring"));
  g_assert_cmpint (lk_connection_rotation_get_failed_step (rotation), ==, LK_CONNECTION_ROTATION_STEP_SWITCH);
  g_assert_true (tenant_has_token (f, lk_connection_rotation_get_successor_id (rotation)));
  left = pending (f);
  g_assert_cmpuint (left->len, ==, 1);
  g_clear_error (&error);

  /* Undone with the old credentials, still in the keyring. */
  g_assert_true (undo_rotation (rotation, &error));
  g_assert_no_error (error);
  g_assert_false (tenant_has_token (f, lk_connection_rotation_get_successor_id (rotation)));

  /* For the fixture, which removes what it added. */
  back = lk_tenant_new ("Sandbox", lk_sandbox_get_url (f->sandbox), lk_sandbox_get_admin_client_id (f->sandbox));
  g_assert_true (lk_tenant_list_add (lk_session_get_tenants (f->session), back, NULL));
}

/* No keyring in the session: refused before anything is made. */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(LkConnectionRotation) rotation = NULL;
      g_autoptr(GError) error = NULL;
      Fixture fixture = { 0 }, *f = &fixture;

      /* A session bus with no secret service on it. */
      g_test_dbus_up (bus);
      fixture_set_up (f, NULL);
      g_assert_false (lk_secret_store_get_persistent (lk_session_get_secrets (f->session)));

      rotation = lk_connection_rotation_new (f->session, f->rotations, "Sandbox");
      g_assert_false (run_rotation (rotation, &error));
      g_assert_nonnull (strstr (error->message, "no keyring keeps secrets in this session"));
      g_assert_nonnull (strstr (error->message, "Nothing was made"));
      g_assert_cmpuint (lk_sandbox_count_requests (f->sandbox, "POST", "/v3/personal-access-tokens"), ==, 0);
      g_assert_cmpstr (lk_tenant_get_client_id (saved_tenant (f)), ==, lk_sandbox_get_admin_client_id (f->sandbox));

      g_clear_object (&rotation);
      fixture_tear_down (f, NULL);
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/lk/connection-rotation/rotate", test_rotate);
  ADD ("/lk/connection-rotation/create-fails", test_create_fails);
  ADD ("/lk/connection-rotation/test-fails-then-finish", test_test_fails_then_finish);
  ADD ("/lk/connection-rotation/undo", test_undo);
  ADD ("/lk/connection-rotation/interrupted-after-switch", test_interrupted_after_switch);
  ADD ("/lk/connection-rotation/renamed-meanwhile", test_renamed_meanwhile);
  ADD ("/lk/connection-rotation/switch-fails", test_switch_fails);
  g_test_add_func ("/lk/connection-rotation/no-keyring", test_no_keyring);

  return g_test_run ();
}
