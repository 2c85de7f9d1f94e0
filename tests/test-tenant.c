/* test-tenant.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-tenant-list.h"
#include "lk-test-wait.h"

static void
test_normalize_base_url (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "acme", "https://acme.api.identitynow.com" },
    { "  acme-sb  ", "https://acme-sb.api.identitynow.com" },
    { "acme.api.identitynow.com", "https://acme.api.identitynow.com" },
    { "https://acme.api.identitynow.com/", "https://acme.api.identitynow.com" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "https://isc.example.com/gateway//", "https://isc.example.com/gateway" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = lk_tenant_normalize_base_url (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static void
test_normalize_base_url_invalid (void)
{
  static const char *inputs[] = { "", "   ", "ftp://acme.example.com", "acme corp", "https://", "-acme",
                                  "https://acme.example.com/?x=1" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = lk_tenant_normalize_base_url (inputs[i], &error);

      g_assert_null (url);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (error->message);
    }
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint emissions;
} ItemsChanged;

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->emissions++;
}

static GSettings *
new_clean_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "tenants");
  g_settings_reset (settings, "current-tenant");

  return settings;
}

static void
test_list_add_remove (void)
{
  g_autoptr(GSettings) settings = new_clean_settings ();
  g_autoptr(LkTenantList) list = lk_tenant_list_new (settings);
  g_autoptr(LkTenant) acme = lk_tenant_new ("Acme", "https://acme.api.identitynow.com", "id-1");
  g_autoptr(LkTenant) sandbox = lk_tenant_new ("Acme Sandbox", "https://acme-sb.api.identitynow.com", "id-2");
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged record = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &record);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (lk_tenant_list_get_current (list));

  g_assert_true (lk_tenant_list_add (list, acme, &error));
  g_assert_no_error (error);
  g_assert_true (lk_tenant_list_add (list, sandbox, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.emissions, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* What is kept is name, URL and client ID, and nothing else. */
  stored = g_settings_get_value (settings, "tenants");
  g_assert_cmpstr (g_variant_get_type_string (stored), ==, "a(sss)");
  g_assert_cmpuint (g_variant_n_children (stored), ==, 2);

  /* The first tenant becomes current when none was chosen. */
  g_assert_cmpstr (lk_tenant_get_name (lk_tenant_list_get_current (list)), ==, "Acme");

  g_assert_true (lk_tenant_list_remove (list, "Acme"));
  g_assert_false (lk_tenant_list_remove (list, "Acme"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (lk_tenant_get_name (lk_tenant_list_get_current (list)), ==, "Acme Sandbox");
}

static void
test_list_duplicate_name_refused (void)
{
  g_autoptr(GSettings) settings = new_clean_settings ();
  g_autoptr(LkTenantList) list = lk_tenant_list_new (settings);
  g_autoptr(LkTenant) acme = lk_tenant_new ("Acme", "https://acme.api.identitynow.com", "id-1");
  g_autoptr(LkTenant) other = lk_tenant_new ("Acme", "https://other.api.identitynow.com", "id-9");
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_tenant_list_add (list, acme, NULL));
  g_assert_false (lk_tenant_list_add (list, other, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Acme"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static void
test_list_edit_in_place (void)
{
  g_autoptr(GSettings) settings = new_clean_settings ();
  g_autoptr(LkTenantList) list = lk_tenant_list_new (settings);
  g_autoptr(LkTenant) first = lk_tenant_new ("First", "https://first.api.identitynow.com", "id-1");
  g_autoptr(LkTenant) acme = lk_tenant_new ("Acme", "https://acme.api.identitynow.com", "id-2");
  g_autoptr(LkTenant) renamed = lk_tenant_new ("Acme Prod", "https://acme.api.identitynow.com", "id-2");
  g_autoptr(LkTenant) item = NULL;

  g_assert_true (lk_tenant_list_add (list, first, NULL));
  g_assert_true (lk_tenant_list_add (list, acme, NULL));
  g_assert_true (lk_tenant_list_add (list, renamed, NULL));

  /* Same URL and client ID: the connection is renamed where it stands. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (lk_tenant_get_name (item), ==, "Acme Prod");
}

static void
test_list_follows_settings (void)
{
  g_autoptr(GSettings) settings = new_clean_settings ();
  g_autoptr(LkTenantList) list = lk_tenant_list_new (settings);
  g_autoptr(GSettings) other_writer = g_settings_new (APP_ID);
  guint current_notifications = 0;

  lk_test_count_notify (list, "current", &current_notifications);

  /* Another writer (latchkey-cli) changes the key: the list follows. */
  g_settings_set_value (other_writer, "tenants",
                        g_variant_new_parsed ("[('A', 'https://a.api.identitynow.com', 'x'),"
                                              " ('B', 'https://b.api.identitynow.com', 'y')]"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (current_notifications, ==, 1);

  g_settings_set_string (other_writer, "current-tenant", "B");
  g_assert_cmpstr (lk_tenant_get_name (lk_tenant_list_get_current (list)), ==, "B");
  g_assert_cmpuint (current_notifications, ==, 2);

  /* Setting the same tenant again does not notify. */
  g_settings_set_string (other_writer, "current-tenant", "B");
  g_assert_cmpuint (current_notifications, ==, 2);

  /* A stale current name falls back to the first tenant rather than to nothing. */
  g_settings_set_string (other_writer, "current-tenant", "Gone");
  g_assert_cmpstr (lk_tenant_get_name (lk_tenant_list_get_current (list)), ==, "A");
  g_assert_cmpuint (current_notifications, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/tenant/normalize-base-url", test_normalize_base_url);
  g_test_add_func ("/lk/tenant/normalize-base-url-invalid", test_normalize_base_url_invalid);
  g_test_add_func ("/lk/tenant-list/add-remove", test_list_add_remove);
  g_test_add_func ("/lk/tenant-list/duplicate-name-refused", test_list_duplicate_name_refused);
  g_test_add_func ("/lk/tenant-list/edit-in-place", test_list_edit_in_place);
  g_test_add_func ("/lk/tenant-list/follows-settings", test_list_follows_settings);

  return g_test_run ();
}
