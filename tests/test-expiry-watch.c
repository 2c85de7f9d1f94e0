/* test-expiry-watch.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-client-tokens.h"
#include "lk-expiry-watch.h"
#include "lk-sandbox.h"
#include "lk-test-tenant.h"

/* Expiry notifications as the desktop receives them: this test owns
 * org.gtk.Notifications on the test session's bus, so that GApplication's
 * own notification backend sends them there over D-Bus, and records what
 * arrives. The tenant's clock is the sandbox's, moved by the test.
 */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct {
  LkSandbox     *sandbox;
  LkClient      *admin;
  GSettings     *settings;
  LkSession     *session;
  GApplication  *application;
  LkExpiryWatch *watch;
  GPtrArray     *received;   /* GVariant (ssa{sv}) of each AddNotification */
} Fixture;

/* Owned once for the whole test program: a bus name outlives a fixture. */
static GPtrArray **current_received;

static void
on_method_call_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification") && *current_received != NULL)
    g_ptr_array_add (*current_received, g_variant_ref (parameters));

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
serve_notifications (GPtrArray **received)
{
  static const GDBusInterfaceVTable vtable = { on_method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  static gboolean acquired;

  current_received = received;
  if (acquired)
    return;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired_cb,
                                NULL, &acquired, NULL);
  lk_test_wait_until (is_true, &acquired, 10000, "org.gtk.Notifications to be ours");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->received = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  serve_notifications (&f->received);

  /* Only the administrator's own token, six months long, five months left. */
  f->sandbox = lk_test_sandbox_start (NULL, "rate-limit", 0, "tokens", 0, NULL);
  f->admin = lk_test_admin_client_new (f->sandbox);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "tenants");
  g_settings_reset (f->settings, "current-tenant");
  g_settings_reset (f->settings, "expiry-notified");
  g_settings_reset (f->settings, "expiry-warning-days");
  f->session = lk_session_new (f->settings, NULL);
  lk_test_save_sandbox (f->session, "Sandbox", f->sandbox);

  f->application = g_application_new (APP_ID ".ExpiryTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (f->application, NULL, &error));
  g_assert_no_error (error);
  f->watch = lk_expiry_watch_new (f->application, f->session, f->settings);
}

static void
remove_tenant (Fixture    *f,
               const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_session_remove_tenant_async (f->session, name, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the tenant to be removed");
  g_assert_true (lk_session_remove_tenant_finish (f->session, result, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  LkTenantList *tenants = lk_session_get_tenants (f->session);

  while (g_list_model_get_n_items (G_LIST_MODEL (tenants)) > 0)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (tenants), 0);

      remove_tenant (f, lk_tenant_get_name (tenant));
    }

  lk_test_assert_finalized (g_steal_pointer (&f->watch));
  g_clear_object (&f->application);
  lk_test_assert_finalized (g_steal_pointer (&f->session));
  g_settings_reset (f->settings, "expiry-notified");
  g_clear_object (&f->settings);
  g_clear_object (&f->admin);
  lk_test_assert_finalized (g_steal_pointer (&f->sandbox));
  current_received = NULL;
  g_clear_pointer (&f->received, g_ptr_array_unref);
}

static guint
check (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint sent;

  lk_expiry_watch_check_async (f->watch, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 30000, "the tenants to be checked");
  sent = lk_expiry_watch_check_finish (f->watch, result, &error);
  g_assert_no_error (error);
  return sent;
}

typedef struct {
  Fixture *f;
  guint    count;
} Arrived;

static gboolean
have_arrived (gpointer data)
{
  Arrived *arrived = data;

  return arrived->f->received->len >= arrived->count;
}

/* The @index-th notification received, once it has arrived. */
static GVariant *
received (Fixture *f,
          guint    index)
{
  Arrived arrived = { f, index + 1 };

  lk_test_wait_until (have_arrived, &arrived, 10000, "a notification");
  return g_ptr_array_index (f->received, index);
}

static char *
notification_string (GVariant   *call,
                     const char *key)
{
  g_autoptr(GVariant) notification = g_variant_get_child_value (call, 2);
  const char *value = NULL;

  g_variant_lookup (notification, key, "&s", &value);
  return g_strdup (value);
}

static LkToken *
create_token (Fixture    *f,
              const char *name,
              GTimeSpan   lifetime)
{
  g_autoptr(GDateTime) now = lk_sandbox_get_now (f->sandbox);
  g_autoptr(GDateTime) expires = g_date_time_add (now, lifetime);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret = NULL;
  LkToken *token;

  lk_client_create_token_async (f->admin, name, NULL, 0, expires, NULL, lk_test_store_result_cb, &result);
  lk_test_wait_until (lk_test_result_is_set, &result, 20000, "the token to be made");
  token = lk_client_create_token_finish (f->admin, result, &secret, &error);
  g_assert_no_error (error);
  lk_secret_free (secret);
  return token;
}

static void
move_clock (Fixture *f,
            int      days)
{
  g_autoptr(GDateTime) now = lk_sandbox_get_now (f->sandbox);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, days);

  lk_sandbox_set_now (f->sandbox, later);
}

/* A token expiring within the warning: one notification a day, which opens it. */
static void
test_once_a_day (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LkToken) soon = create_token (f, "CI deploy", 5 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);
  g_autoptr(LkToken) later = create_token (f, "Backups", 40 * G_TIME_SPAN_DAY);
  g_autoptr(LkTenant) broken = lk_tenant_new ("No Secret", "https://nowhere.api.identitynow.com", "id-0");
  g_autofree char *title = NULL;
  g_autofree char *action = NULL;
  g_autofree char *next_title = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GVariant) notification = NULL;
  g_autofree char *expected_id = NULL;
  const char *app_id, *id, *tenant_name, *token_id;
  GVariant *call;

  /* A saved tenant that cannot be asked does not stop the others. */
  g_assert_true (lk_tenant_list_add (lk_session_get_tenants (f->session), broken, NULL));

  g_assert_cmpuint (check (f), ==, 1);
  call = received (f, 0);
  g_variant_get (call, "(&s&s@a{sv})", &app_id, &id, &notification);
  g_assert_cmpstr (app_id, ==, APP_ID ".ExpiryTest");
  expected_id = g_strconcat ("expiry ", lk_sandbox_get_url (f->sandbox), " ", lk_token_get_id (soon), NULL);
  g_assert_cmpstr (id, ==, expected_id);
  title = notification_string (call, "title");
  g_assert_cmpstr (title, ==, "“CI deploy” expires in 5 days");

  /* Clicking it: app.show-token with the tenant and the token. */
  action = notification_string (call, "default-action");
  g_assert_cmpstr (action, ==, "app.show-token");
  target = g_variant_lookup_value (notification, "default-action-target", G_VARIANT_TYPE ("(ss)"));
  g_assert_nonnull (target);
  g_variant_get (target, "(&s&s)", &tenant_name, &token_id);
  g_assert_cmpstr (tenant_name, ==, "Sandbox");
  g_assert_cmpstr (token_id, ==, lk_token_get_id (soon));

  /* Not again the same day, however often Latchkey checks. */
  g_assert_cmpuint (check (f), ==, 0);
  g_assert_cmpuint (check (f), ==, 0);

  /* The next day, once more. */
  move_clock (f, 1);
  g_assert_cmpuint (check (f), ==, 1);
  next_title = notification_string (received (f, 1), "title");
  g_assert_cmpstr (next_title, ==, "“CI deploy” expires in 4 days");
  g_assert_cmpuint (f->received->len, ==, 2);
  g_assert_nonnull (later);
}

/* The token a saved tenant connects with says so. */
static void
test_connection_token (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;

  /* Made 20 days before the sandbox's day, for six months: 155 days on, a week or so is left. */
  move_clock (f, 155);
  g_assert_cmpuint (check (f), ==, 1);
  title = notification_string (received (f, 0), "title");
  g_assert_true (g_str_has_prefix (title, "“Latchkey sandbox” expires in "));
  body = notification_string (received (f, 0), "body");
  g_assert_cmpstr (body, ==, "Latchkey connects to “Sandbox” with this token: rotate it before it expires.");

  /* Past the warning: nothing. */
  g_settings_set_int (f->settings, "expiry-warning-days", 3);
  move_clock (f, 1);
  g_assert_cmpuint (check (f), ==, 0);
}

/* Many at once: one notification says how many, and opens the list of them. */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *action = NULL;

  for (guint i = 0; i <= LK_EXPIRY_WATCH_MAX_SINGLE; i++)
    {
      g_autofree char *name = g_strdup_printf ("Job %u", i);
      g_autoptr(LkToken) token = create_token (f, name, (2 + i) * G_TIME_SPAN_DAY);
    }

  g_assert_cmpuint (check (f), ==, 1);
  title = notification_string (received (f, 0), "title");
  g_assert_cmpstr (title, ==, "4 tokens of yours expire soon");
  action = notification_string (received (f, 0), "default-action");
  g_assert_cmpstr (action, ==, "app.show-expiring");
  g_assert_cmpuint (check (f), ==, 0);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* GApplication's D-Bus backend, the one GNOME Shell serves. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  g_test_init (&argc, &argv, NULL);

  ADD ("/lk/expiry-watch/once-a-day", test_once_a_day);
  ADD ("/lk/expiry-watch/connection-token", test_connection_token);
  ADD ("/lk/expiry-watch/many", test_many);

  return g_test_run ();
}
