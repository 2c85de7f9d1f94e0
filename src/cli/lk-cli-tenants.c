/* lk-cli-tenants.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-cli.h"
#include "lk-secret-store.h"

/* latchkey-cli tenants: the tenants saved, as the app has them; their
 * secrets in the keyring. */

static int
tenants_list (LkCli *cli,
              int    argc,
              char **argv)
{
  LkTenantList *tenants = lk_session_get_tenants (cli->session);
  LkTenant *current = lk_tenant_list_get_current (tenants);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (tenants));

  if (argc != 0)
    return lk_cli_usage (_("“tenants list” takes no arguments"));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (tenants), i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, lk_tenant_get_name (tenant));
          json_builder_set_member_name (builder, "baseUrl");
          json_builder_add_string_value (builder, lk_tenant_get_base_url (tenant));
          json_builder_set_member_name (builder, "clientId");
          json_builder_add_string_value (builder, lk_tenant_get_client_id (tenant));
          json_builder_set_member_name (builder, "current");
          json_builder_add_boolean_value (builder, tenant == current);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lk_cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (tenants), i);

      g_print ("%s %-24s %-44s %s\n", tenant == current ? "*" : " ", lk_tenant_get_name (tenant),
               lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant));
    }

  return 0;
}

static int
tenants_add (LkCli *cli,
             int    argc,
             char **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;
  gboolean saved;

  if (argc != 3)
    return lk_cli_usage (_("Usage: latchkey-cli tenants add NAME URL CLIENT-ID (the secret is read from standard input)"));

  secret = lk_cli_read_secret (_("Client secret: "));
  lk_session_save_tenant_async (cli->session, NULL, argv[0], argv[1], argv[2], secret, NULL,
                                lk_cli_store_result_cb, &result);
  lk_secret_free (secret);
  saved = lk_session_save_tenant_finish (cli->session, lk_cli_wait_for (&result), &error);

  if (!saved)
    return lk_cli_fail ("%s", error->message);

  if (!lk_secret_store_get_persistent (lk_session_get_secrets (cli->session)))
    return lk_cli_fail (_("No keyring answered: the tenant is saved without its secret, which Latchkey will ask for"));

  return 0;
}

static int
tenants_remove (LkCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return lk_cli_usage (_("Usage: latchkey-cli tenants remove NAME"));

  lk_session_remove_tenant_async (cli->session, argv[0], NULL, lk_cli_store_result_cb, &result);
  if (!lk_session_remove_tenant_finish (cli->session, lk_cli_wait_for (&result), &error))
    return lk_cli_fail ("%s", error->message);

  return 0;
}


const LkCliCommand lk_cli_tenant_commands[] = {
  { "tenants", "list", tenants_list },
  { "tenants", "add", tenants_add },
  { "tenants", "remove", tenants_remove },
  { NULL },
};
