/* lk-cli-tenants.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-cli.h"
#include "lk-connection-rotation.h"
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

/* The rotation of @tenant_name's token that an earlier run left halfway, if any. */
static LkConnectionRotation *
find_interrupted (LkCli        *cli,
                  LkRotations  *rotations,
                  const char   *tenant_name,
                  GError      **error)
{
  g_autoptr(GPtrArray) pending = lk_rotations_list_pending (rotations, error);
  LkTenant *tenant = lk_tenant_list_find (lk_session_get_tenants (cli->session), tenant_name);

  if (pending == NULL)
    return NULL;

  /* By its connection: the tenant may have been renamed since. */
  for (guint i = 0; i < pending->len; i++)
    {
      LkPendingRotation *record = g_ptr_array_index (pending, i);

      if (g_strcmp0 (record->base_url, lk_tenant_get_base_url (tenant)) == 0 &&
          (g_strcmp0 (record->old_client_id, lk_tenant_get_client_id (tenant)) == 0 ||
           g_strcmp0 (record->successor_id, lk_tenant_get_client_id (tenant)) == 0))
        return lk_connection_rotation_new_pending (cli->session, rotations, record);
    }

  return NULL;
}

static void
print_rotated (LkCli                *cli,
               LkConnectionRotation *rotation)
{
  const char *old_id = lk_connection_rotation_get_old_client_id (rotation);
  const char *old_name = lk_connection_rotation_get_old_name (rotation);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tenant");
      json_builder_add_string_value (builder, lk_connection_rotation_get_tenant_name (rotation));
      json_builder_set_member_name (builder, "clientId");
      json_builder_add_string_value (builder, lk_connection_rotation_get_successor_id (rotation));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lk_connection_rotation_get_successor_name (rotation));
      json_builder_set_member_name (builder, "replaces");
      json_builder_add_string_value (builder, old_id);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      lk_cli_print_json (root);
      return;
    }

  g_print (_("The connection to “%s” now uses “%s” (%s); its secret is in the keyring.\n"),
           lk_connection_rotation_get_tenant_name (rotation), lk_connection_rotation_get_successor_name (rotation),
           lk_connection_rotation_get_successor_id (rotation));
  g_print (_("The old token %s still works: revoke it with “latchkey-cli tokens revoke %s” once nothing else "
             "uses it.\n"), old_name != NULL ? old_name : old_id, old_id);
}

/**
 * lk_cli_rotate_connection:
 * @cli: the CLI
 * @tenant_name: a saved tenant
 * @undo: revoke the successor of an interrupted rotation rather than finish it
 *
 * Rotates the token a saved tenant connects with; a rotation interrupted
 * earlier is finished (or undone) first. The successor's secret goes to the
 * keyring only: Latchkey is what uses it.
 *
 * Returns: the exit status
 */
int
lk_cli_rotate_connection (LkCli      *cli,
                          const char *tenant_name,
                          gboolean    undo)
{
  g_autoptr(LkRotations) rotations = lk_rotations_new (NULL);
  g_autoptr(LkConnectionRotation) rotation = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!lk_tenant_list_find (lk_session_get_tenants (cli->session), tenant_name))
    return lk_cli_fail (_("There is no tenant called “%s”"), tenant_name);

  if (!(rotation = find_interrupted (cli, rotations, tenant_name, &error)) && error != NULL)
    return lk_cli_fail ("%s", error->message);

  if (undo)
    {
      g_autofree char *state = NULL;

      if (rotation == NULL)
        return lk_cli_fail (_("No rotation of “%s” is under way"), tenant_name);

      state = lk_connection_rotation_describe_state (rotation);
      g_printerr ("%s\n", state);
      lk_connection_rotation_undo_async (rotation, NULL, lk_cli_store_result_cb, &result);
      if (!lk_connection_rotation_undo_finish (rotation, lk_cli_wait_for (&result), &error))
        return lk_cli_fail ("%s", error->message);

      g_printerr (_("Undone: the connection to “%s” uses its old token.\n"), tenant_name);
      return 0;
    }

  if (rotation != NULL)
    {
      g_autofree char *state = lk_connection_rotation_describe_state (rotation);
      g_autofree char *line = g_strdup_printf (_("Finishing an interrupted rotation (“--undo” revokes what it "
                                                 "made instead). %s"), state);

      g_printerr ("%s\n", line);
    }
  else
    rotation = lk_connection_rotation_new (cli->session, rotations, tenant_name);

  lk_connection_rotation_run_async (rotation, NULL, lk_cli_store_result_cb, &result);
  if (!lk_connection_rotation_run_finish (rotation, lk_cli_wait_for (&result), &error))
    return lk_cli_fail ("%s", error->message);

  print_rotated (cli, rotation);
  return 0;
}

/* latchkey-cli tenants rotate NAME [--undo] */
static int
tenants_rotate (LkCli *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean undo = FALSE;
  GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Revoke what an interrupted rotation made, rather than finish it"),
      NULL },
    { NULL }
  };

  if (!lk_cli_parse_options ("tenants rotate NAME", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);
  if (argc != 1)
    return lk_cli_usage (_("Usage: latchkey-cli tenants rotate NAME [--undo]"));

  return lk_cli_rotate_connection (cli, argv[0], undo);
}

const LkCliCommand lk_cli_tenant_commands[] = {
  { "tenants", "list", tenants_list },
  { "tenants", "add", tenants_add },
  { "tenants", "remove", tenants_remove },
  { "tenants", "rotate", tenants_rotate },
  { NULL },
};
