/* lk-cli-passwords.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-cli.h"
#include "lk-client-passwords.h"
#include "lk-error.h"
#include "lk-files.h"
#include "lk-json.h"
#include "lk-limits.h"
#include "lk-password-crypt.h"
#include "lk-password-rules.h"

/* latchkey-cli password: an identity's password info, and a new password
 * from standard input, encrypted here under the tenant's key. */

static LkPasswordInfo *
query_password_info (LkClient    *client,
                     const char  *source_name,
                     const char  *user_name,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_query_password_info_async (client, source_name, user_name, NULL, lk_cli_store_result_cb, &result);
  return lk_client_query_password_info_finish (client, lk_cli_wait_for (&result), error);
}

static int
password_info (LkCli *cli,
               int    argc,
               char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *accounts;

  if (argc != 2)
    return lk_cli_usage (_("Usage: latchkey-cli password info SOURCE-NAME USER-NAME"));

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(info = query_password_info (client, argv[0], argv[1], &error)))
    return lk_cli_fail ("%s", error->message);

  accounts = lk_password_info_get_accounts (info);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_new ();

      json_object_set_string_member (object, "identityId", lk_password_info_get_identity_id (info));
      json_object_set_string_member (object, "sourceId", lk_password_info_get_source_id (info));
      json_object_set_string_member (object, "publicKeyId", lk_password_info_get_public_key_id (info));
      json_object_set_string_member (object, "publicKey", lk_password_info_get_public_key (info));
      for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
        {
          g_autoptr(LkPasswordAccount) account = g_list_model_get_item (accounts, i);
          JsonObject *member = json_object_new ();

          json_object_set_string_member (member, "accountId", lk_password_account_get_id (account));
          lk_json_set_string (member, "accountName", lk_password_account_get_name (account));
          json_array_add_object_element (array, member);
        }
      json_object_set_array_member (object, "accounts", array);
      lk_json_set_strv (object, "policies", lk_password_info_get_policies (info));
      json_node_take_object (root, object);
      lk_cli_print_json (root);
      return 0;
    }

  g_print (_("Identity: %s\nSource: %s\nAccounts:\n"), lk_password_info_get_identity_id (info),
           lk_password_info_get_source_id (info));
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(LkPasswordAccount) account = g_list_model_get_item (accounts, i);

      g_print ("  %s  %s\n", lk_password_account_get_id (account),
               lk_password_account_get_name (account) ? lk_password_account_get_name (account) : "");
    }
  g_print (_("Password rules:\n"));
  rules = lk_password_rules_new_from_constraints (lk_password_info_get_policies (info));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rules)); i++)
    {
      g_autoptr(LkPasswordRule) rule = g_list_model_get_item (G_LIST_MODEL (rules), i);

      g_print ("  %s\n", lk_password_rule_get_description (rule));
    }

  return 0;
}

/* The account an id or name names, or the only one. */
static const char *
choose_account (LkPasswordInfo  *info,
                const char      *wanted,
                GError         **error)
{
  GListModel *accounts = lk_password_info_get_accounts (info);
  guint n_accounts = g_list_model_get_n_items (accounts);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(LkPasswordAccount) account = g_list_model_get_item (accounts, i);

      if ((wanted == NULL && n_accounts == 1) ||
          g_strcmp0 (wanted, lk_password_account_get_id (account)) == 0 ||
          g_strcmp0 (wanted, lk_password_account_get_name (account)) == 0)
        return lk_password_account_get_id (account);  /* @info keeps it alive */
      g_string_append_printf (names, " %s", lk_password_account_get_id (account));
    }

  if (n_accounts == 0)
    g_set_error_literal (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND,
                         _("The identity has no account on this source"));
  else if (wanted == NULL)
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_BAD_REQUEST,
                 _("The identity has %u accounts on this source: choose one with --account (%s)"), n_accounts,
                 names->str + 1);
  else
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND,
                 _("The identity has no account “%s” on this source (%s)"), wanted, names->str + 1);

  return NULL;
}

static int
print_password_status (LkCli            *cli,
                       LkPasswordStatus *status)
{
  const char * const *errors = lk_password_status_get_errors (status);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  lk_json_set_string (object, "requestId", lk_password_status_get_request_id (status));
  lk_json_set_string (object, "state", lk_password_status_get_state_text (status));
  lk_json_set_strv (object, "errors", errors);
  lk_json_set_strv (object, "sourceIds", lk_password_status_get_source_ids (status));
  json_node_take_object (root, object);
  lk_cli_print_json (root);

  for (guint i = 0; errors != NULL && errors[i] != NULL; i++)
    g_printerr ("%s\n", errors[i]);

  return lk_password_status_get_state (status) == LK_PASSWORD_STATE_FAILED ? LK_CLI_EXIT_FAILED : 0;
}

static LkPasswordStatus *
wait_password_status (LkClient    *client,
                      const char  *request_id,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_wait_password_status_async (client, request_id, NULL, lk_cli_store_result_cb, &result);
  return lk_client_password_status_finish (client, lk_cli_wait_for (&result), error);
}

static int
password_set (LkCli *cli,
              int    argc,
              char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkPasswordInfo) info = NULL;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPassword) password = NULL;
  g_autofree char *account = NULL;
  const char *account_id;
  gboolean no_wait = FALSE;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account, by id or name, when there are several"), "ID" },
    { "no-wait", 0, 0, G_OPTION_ARG_NONE, &no_wait, N_("Print the request and return at once"), NULL },
    { NULL }
  };

  if (!lk_cli_parse_options ("password set", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);

  if (argc != 2)
    return lk_cli_usage (_("Usage: latchkey-cli password set SOURCE-NAME USER-NAME [--account ID] [--no-wait]   "
                    "(the password is read from standard input)"));

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(info = query_password_info (client, argv[0], argv[1], &error)) ||
      !(account_id = choose_account (info, account, &error)))
    return lk_cli_fail ("%s", error->message);

  password = lk_cli_read_secret (_("New password: "));
  if (*password == '\0')
    return lk_cli_usage (_("The password is empty"));

  lk_client_set_password_async (client, info, account_id, password, NULL, lk_cli_store_result_cb, &result);
  g_clear_pointer (&password, lk_password_free);
  if (!(status = lk_client_password_status_finish (client, lk_cli_wait_for (&result), &error)))
    return lk_cli_fail ("%s", error->message);

  if (!no_wait && !lk_password_status_is_done (status) && lk_password_status_get_request_id (status) != NULL)
    {
      g_autoptr(LkPasswordStatus) final = wait_password_status (client, lk_password_status_get_request_id (status),
                                                                &error);

      if (final == NULL)
        return lk_cli_fail ("%s", error->message);
      g_set_object (&status, final);
    }

  return print_password_status (cli, status);
}

static int
password_status (LkCli *cli,
                 int    argc,
                 char **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkPasswordStatus) status = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean wait = FALSE;
  GOptionEntry entries[] = {
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait, N_("Wait until the change is finished or failed"), NULL },
    { NULL }
  };

  if (!lk_cli_parse_options ("password status", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);

  if (argc != 1)
    return lk_cli_usage (_("Usage: latchkey-cli password status REQUEST-ID [--wait]"));

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (wait)
    status = wait_password_status (client, argv[0], &error);
  else
    {
      lk_client_get_password_status_async (client, argv[0], NULL, lk_cli_store_result_cb, &result);
      status = lk_client_password_status_finish (client, lk_cli_wait_for (&result), &error);
    }

  if (status == NULL)
    return lk_cli_fail ("%s", error->message);

  return print_password_status (cli, status);
}

/* What `openssl pkeyutl -encrypt -pubin -inkey KEY | base64 -w0` prints,
 * for scripts that call /set-password themselves. No tenant needed.
 */
static int
password_encrypt (LkCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkPassword) password = NULL;
  g_autofree char *key = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *encrypted = NULL;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("The public key, base64 DER (as /query-password-info gives it)"),
      "BASE64" },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("A file holding the public key, PEM or base64 DER"),
      "FILE" },
    { NULL }
  };

  if (!lk_cli_parse_options ("password encrypt", entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);

  if (argc != 0 || (key == NULL) == (key_file == NULL))
    return lk_cli_usage (_("Usage: latchkey-cli password encrypt --key BASE64 | --key-file FILE   "
                    "(the password is read from standard input)"));

  if (key_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (key_file);
      g_autoptr(GBytes) contents = lk_file_load_limited (file, LK_LIMIT_FILE_BYTES, NULL, &error);

      if (contents == NULL)
        return lk_cli_fail ("%s", error->message);
      g_free (key);
      key = g_strndup (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
    }

  password = lk_cli_read_secret (_("Password: "));
  if (!(encrypted = lk_password_encrypt (key, password, &error)))
    return lk_cli_fail ("%s", error->message);

  g_print ("%s\n", encrypted);
  return 0;
}


const LkCliCommand lk_cli_password_commands[] = {
  { "password", "info", password_info },
  { "password", "set", password_set },
  { "password", "status", password_status },
  { "password", "encrypt", password_encrypt },
  { NULL },
};
