/* lk-cli-resources.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "lk-cli.h"
#include "lk-client-directory.h"
#include "lk-client-policies.h"
#include "lk-copy.h"
#include "lk-client-sync-groups.h"
#include "lk-error.h"
#include "lk-files.h"
#include "lk-json.h"
#include "lk-limits.h"

/* latchkey-cli's read-write collections: every one has list, get, create,
 * update and delete, from one table. A new collection is one entry: its
 * LkResourceKind and how a line of its list reads.
 */

typedef struct {
  const char           *group;        /* the command's first word */
  const LkResourceKind *kind;
  /* The list as text, one line an item; @client may fetch what names need. */
  void                (*print_list) (LkClient   *client,
                                     GListModel *items);
} LkCliResource;

/* A JSON object from @path, or from standard input for "-" or none. */
static JsonObject *
read_json_object (const char  *path,
                  GError     **error)
{
  gboolean from_stdin = path == NULL || g_str_equal (path, "-");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name = from_stdin ? _("standard input") : path;

  if (from_stdin)
    {
      g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);

      if (!(bytes = lk_input_stream_read_limited (input, LK_LIMIT_FILE_BYTES, name, NULL, error)))
        return NULL;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      if (!(bytes = lk_file_load_limited (file, LK_LIMIT_FILE_BYTES, NULL, error)))
        return NULL;
    }

  if (!(root = lk_json_parse_bytes (bytes, &local_error)))
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, _("%s is not JSON: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, _("%s does not hold a JSON object"),
                   name);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* Policies and sync groups go out and come back as JSON, whole: what
 * "get" prints, "update" reads back.
 */
static gpointer
read_resource (const LkResourceKind  *kind,
               const char            *path,
               const char            *id,
               GError               **error)
{
  g_autoptr(JsonObject) object = read_json_object (path, error);
  g_autoptr(GError) local_error = NULL;
  gpointer item;

  if (object == NULL)
    return NULL;

  /* The id on the command line is the one updated, whatever the file says. */
  if (id != NULL)
    json_object_set_string_member (object, "id", id);

  if (!(item = kind->new_from_json (object, &local_error)))
    g_set_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_INVALID_RESPONSE, "%s: %s: %s",
                 path != NULL && !g_str_equal (path, "-") ? path : _("standard input"), _(kind->not_one),
                 local_error->message);

  return item;
}

static void
print_resource (const LkResourceKind *kind,
                gpointer              item)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, kind->to_json (item));
  lk_cli_print_json (root);
}

static int
get_resource (LkCli                *cli,
              const LkResourceKind *kind,
              int                   argc,
              char                **argv,
              const char           *usage_text)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return lk_cli_usage ("%s", usage_text);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  lk_client_get_resource_async (client, kind, argv[0], NULL, lk_cli_store_result_cb, &result);
  if (!(item = lk_client_resource_finish (client, lk_cli_wait_for (&result), &error)))
    return lk_cli_fail ("%s", error->message);

  print_resource (kind, item);
  return 0;
}

/* "create [FILE]" and "update ID [FILE]": the file, or standard input. */
static int
save_resource (LkCli                *cli,
               const LkResourceKind *kind,
               const char           *update_command,
               int                   argc,
               char                **argv,
               const char           *usage_text)
{
  gboolean update = update_command != NULL;
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GObject) saved = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace it even if someone changed it on the tenant since it was read"), NULL },
    { NULL }
  };
  int n_ids = update ? 1 : 0;

  if (update && !lk_cli_parse_options (update_command, entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);

  if (argc < n_ids || argc > n_ids + 1)
    return lk_cli_usage ("%s", usage_text);

  if (!(item = read_resource (kind, argc > n_ids ? argv[n_ids] : NULL, update ? argv[0] : NULL, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (update)
    lk_client_update_resource_async (client, kind, item, force, NULL, lk_cli_store_result_cb, &result);
  else
    lk_client_create_resource_async (client, kind, item, NULL, lk_cli_store_result_cb, &result);
  if (!(saved = lk_client_resource_finish (client, lk_cli_wait_for (&result), &error)))
    {
      if (g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_CHANGED))
        {
          lk_cli_fail (_("%s. Get it again and redo the change, or add --force to replace it anyway."), error->message);
          return LK_CLI_EXIT_CHANGED;
        }
      return lk_cli_fail ("%s", error->message);
    }

  print_resource (kind, saved);
  return 0;
}

/* Lists */

static void
print_policies (LkClient   *client,
                GListModel *policies)
{
  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);
      guint n_sources = g_strv_length ((char **) lk_password_policy_get_source_ids (policy));
      g_autofree char *sources = g_strdup_printf (ngettext ("%u source", "%u sources", n_sources), n_sources);

      g_print ("%s  %-30s %s %3" G_GINT64_FORMAT "-%-3" G_GINT64_FORMAT " %s%s\n", lk_password_policy_get_id (policy),
               lk_password_policy_get_name (policy), _("length"), lk_password_policy_get_int (policy, "min-length"),
               lk_password_policy_get_int (policy, "max-length"), sources,
               lk_password_policy_is_default (policy) ? _(" (default)") : "");
    }
}

static void
print_sync_groups (LkClient   *client,
                   GListModel *groups)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GHashTable) policy_names = g_hash_table_new (g_str_hash, g_str_equal);

  /* Policies by name, as people know them; a tenant that hides them gets ids. */
  lk_client_list_policies_async (client, NULL, lk_cli_store_result_cb, &result);
  policies = lk_client_list_policies_finish (client, lk_cli_wait_for (&result), NULL);
  for (guint i = 0; policies != NULL && i < g_list_model_get_n_items (policies); i++)
    {
      /* @policies keeps the strings alive. */
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      g_hash_table_insert (policy_names, (gpointer) lk_password_policy_get_id (policy),
                           (gpointer) lk_password_policy_get_name (policy));
    }

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LkSyncGroup) group = g_list_model_get_item (groups, i);
      const char *policy_id = lk_sync_group_get_password_policy_id (group);
      const char *policy = policy_id ? g_hash_table_lookup (policy_names, policy_id) : NULL;
      guint n_sources = g_strv_length ((char **) lk_sync_group_get_source_ids (group));
      g_autofree char *sources = g_strdup_printf (ngettext ("%u source", "%u sources", n_sources), n_sources);

      g_print ("%s  %-30s %-30s %s\n", lk_sync_group_get_id (group), lk_sync_group_get_name (group),
               policy ? policy : policy_id ? policy_id : "-", sources);
    }
}

static const LkCliResource resources[] = {
  { "policies", &lk_password_policy_kind, print_policies },
  { "sync-groups", &lk_sync_group_kind, print_sync_groups },
};

/* Commands */

/* Every item of @kind on @client's tenant; NULL (said) on failure. */
static GListModel *
list_all (LkClient             *client,
          const LkResourceKind *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *items;

  lk_client_list_resources_async (client, kind, NULL, lk_cli_store_result_cb, &result);
  if (!(items = lk_client_list_resources_finish (client, lk_cli_wait_for (&result), &error)))
    lk_cli_fail ("%s", error->message);

  return items;
}

/* A client of the saved tenant @name, whatever --tenant says. */
static LkClient *
connect_to (LkCli       *cli,
            const char  *name,
            GError     **error)
{
  char *tenant = cli->tenant;
  LkClient *client;

  cli->tenant = (char *) name;
  client = lk_cli_connect (cli, error);
  cli->tenant = tenant;
  return client;
}

static int
list_resources (LkCli               *cli,
                const LkCliResource *resource,
                int                  argc,
                char               **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 0)
    return lk_cli_usage (_("“%s list” takes no arguments"), resource->group);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(items = list_all (client, resource->kind)))
    return LK_CLI_EXIT_FAILED;

  if (cli->json)
    lk_cli_print_items_json (resource->kind, items);
  else
    resource->print_list (client, items);

  return 0;
}

/* The object @id of @client's tenant, as JSON; NULL (said) on failure. */
static JsonObject *
fetch_json (LkClient             *client,
            const LkResourceKind *kind,
            const char           *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GError) error = NULL;

  lk_client_get_resource_async (client, kind, id, NULL, lk_cli_store_result_cb, &result);
  if (!(item = lk_client_resource_finish (client, lk_cli_wait_for (&result), &error)))
    {
      lk_cli_fail ("%s: %s", id, error->message);
      return NULL;
    }

  return kind->to_json (item);
}

/* latchkey-cli policies diff A B [--other-tenant NAME]: the fields that
 * differ, the tenant's own (id, dates) left out.
 */
static int
diff_resources (LkCli               *cli,
                const LkCliResource *resource,
                int                  argc,
                char               **argv)
{
  g_autofree char *other_tenant = NULL;
  g_autofree char *command = g_strdup_printf ("%s diff A B", resource->group);
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkClient) other = NULL;
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "other-tenant", 0, 0, G_OPTION_ARG_STRING, &other_tenant, N_("Read B from this saved tenant"), "NAME" },
    { NULL }
  };

  if (!lk_cli_parse_options (command, entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);
  if (argc != 2)
    return lk_cli_usage (_("Usage: latchkey-cli %s diff ID-A ID-B [--other-tenant NAME]"), resource->group);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);
  if (other_tenant != NULL && !(other = connect_to (cli, other_tenant, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(a = fetch_json (client, resource->kind, argv[0])) ||
      !(b = fetch_json (other != NULL ? other : client, resource->kind, argv[1])))
    return LK_CLI_EXIT_FAILED;

  members = lk_resource_differences (resource->kind, a, b);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      for (guint i = 0; i < members->len; i++)
        {
          const char *member = g_ptr_array_index (members, i);
          JsonNode *value_a = json_object_get_member (a, member);
          JsonNode *value_b = json_object_get_member (b, member);

          json_builder_set_member_name (builder, member);
          json_builder_begin_array (builder);
          json_builder_add_value (builder, value_a ? json_node_copy (value_a) : json_node_new (JSON_NODE_NULL));
          json_builder_add_value (builder, value_b ? json_node_copy (value_b) : json_node_new (JSON_NODE_NULL));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      lk_cli_print_json (root);
      return 0;
    }

  g_print ("A: %s (%s)\nB: %s (%s)\n", json_object_get_string_member_with_default (a, "name", ""), argv[0],
           json_object_get_string_member_with_default (b, "name", ""), argv[1]);
  if (members->len == 0)
    g_print ("%s\n", _("No differences"));
  for (guint i = 0; i < members->len; i++)
    {
      const char *member = g_ptr_array_index (members, i);
      g_autofree char *text_a = lk_json_node_to_text (json_object_get_member (a, member));
      g_autofree char *text_b = lk_json_node_to_text (json_object_get_member (b, member));

      g_print ("%s\n  A: %s\n  B: %s\n", member, text_a, text_b);
    }

  return 0;
}

/* latchkey-cli policies copy ID --to TENANT [--apply DIGEST] */
static int
copy_resource (LkCli               *cli,
               const LkCliResource *resource,
               int                  argc,
               char               **argv)
{
  g_autofree char *to_tenant = NULL;
  g_autofree char *apply = NULL;
  g_autofree char *command = g_strdup_printf ("%s copy ID", resource->group);
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkClient) target = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GListModel) sources_here = NULL;
  g_autoptr(GListModel) sources_there = NULL;
  g_autoptr(GListModel) policies_here = NULL;
  g_autoptr(GListModel) policies_there = NULL;
  g_autoptr(LkCopyPreview) preview = NULL;
  g_autoptr(JsonNode) copy_node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *copy;
  GPtrArray *unmatched;
  const char *digest;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_tenant, N_("The saved tenant to copy it to"), "TENANT" },
    { "apply", 0, 0, G_OPTION_ARG_STRING, &apply, N_("Send the copy whose preview had this digest"), "DIGEST" },
    { NULL }
  };

  if (!lk_cli_parse_options (command, entries, &argc, &argv, &error))
    return lk_cli_usage ("%s", error->message);
  if (argc != 1 || to_tenant == NULL)
    return lk_cli_usage (_("Usage: latchkey-cli %s copy ID --to TENANT [--apply DIGEST]"), resource->group);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);
  if (!(target = connect_to (cli, to_tenant, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(object = fetch_json (client, resource->kind, argv[0])) ||
      !(sources_here = list_all (client, &lk_source_kind)) ||
      !(sources_there = list_all (target, &lk_source_kind)))
    return LK_CLI_EXIT_FAILED;

  if (json_object_has_member (object, "passwordPolicyId") &&
      (!(policies_here = list_all (client, &lk_password_policy_kind)) ||
       !(policies_there = list_all (target, &lk_password_policy_kind))))
    return LK_CLI_EXIT_FAILED;

  if (!(preview = lk_copy_preview_new (resource->kind, object, sources_here, sources_there, policies_here,
                                       policies_there, lk_client_get_base_url (target), &error)))
    return lk_cli_fail ("%s: %s", _(resource->kind->not_one), error->message);
  copy = preview->object;
  unmatched = preview->left_out;
  digest = preview->digest;
  copy_node = json_node_init_object (json_node_alloc (), copy);

  if (apply == NULL)
    {
      if (cli->json)
        {
          g_autoptr(JsonObject) shown = json_object_new ();
          g_autoptr(JsonArray) left_out = json_array_new ();
          g_autoptr(JsonNode) root = NULL;

          for (guint i = 0; i < unmatched->len; i++)
            json_array_add_string_element (left_out, g_ptr_array_index (unmatched, i));
          json_object_set_object_member (shown, "object", json_object_ref (copy));
          json_object_set_array_member (shown, "leftOut", g_steal_pointer (&left_out));
          json_object_set_string_member (shown, "digest", digest);
          root = json_node_init_object (json_node_alloc (), shown);
          lk_cli_print_json (root);
          return 0;
        }

      lk_cli_print_json (copy_node);
      for (guint i = 0; i < unmatched->len; i++)
        g_print (_("Left out, as “%s” has nothing of that name: %s\n"), to_tenant,
                 (const char *) g_ptr_array_index (unmatched, i));
      g_print (_("Nothing was sent. To send this copy: latchkey-cli %s copy %s --to %s --apply %s\n"),
               resource->group, argv[0], to_tenant, digest);
      return 0;
    }

  if (!g_str_equal (apply, digest))
    {
      g_printerr (_("latchkey-cli: the copy is not the one previewed (it or the tenants changed since): nothing "
                    "was sent; preview it again\n"));
      return LK_CLI_EXIT_CHANGED;
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GObject) item = resource->kind->new_from_json (copy, &error);
    g_autoptr(GObject) made = NULL;

    if (item == NULL)
      return lk_cli_fail ("%s: %s", _(resource->kind->not_one), error->message);

    lk_client_create_resource_async (target, resource->kind, item, NULL, lk_cli_store_result_cb, &result);
    if (!(made = lk_client_resource_finish (target, lk_cli_wait_for (&result), &error)))
      return lk_cli_fail ("%s", error->message);

    print_resource (resource->kind, made);
  }

  return 0;
}

static const char *
describe_state (LkHistoryState state)
{
  /* Translators: what became of a save that replaced a version in the history */
  return state == LK_HISTORY_DONE ? _("done") : _("no answer");
}

/* latchkey-cli policies history ID: the versions saves and deletes replaced, newest first. */
static int
show_history (LkCli               *cli,
              const LkCliResource *resource,
              int                  argc,
              char               **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return lk_cli_usage (_("Usage: latchkey-cli %s history ID"), resource->group);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(entries = lk_history_list (lk_client_get_history (client), lk_client_get_base_url (client),
                                   resource->kind->collection, argv[0], &error)))
    return lk_cli_fail ("%s", error->message);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          LkHistoryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *when = lk_json_format_date_time (entry->saved_at);
          g_autoptr(JsonNode) object = json_node_init_object (json_node_alloc (), entry->replaced);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "version");
          json_builder_add_int_value (builder, entry->version);
          json_builder_set_member_name (builder, "replacedBy");
          json_builder_add_string_value (builder, entry->action);
          json_builder_set_member_name (builder, "savedBy");
          json_builder_add_string_value (builder, entry->saved_by);
          json_builder_set_member_name (builder, "savedAt");
          json_builder_add_string_value (builder, when);
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder, entry->state == LK_HISTORY_DONE ? "done" : "pending");
          json_builder_set_member_name (builder, "object");
          json_builder_add_value (builder, g_steal_pointer (&object));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lk_cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      LkHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = lk_cli_format_date (entry->saved_at, "-");

      g_print ("%4" G_GINT64_FORMAT "  %-17s %-7s %-10s %-30s %s\n", entry->version, when, entry->action,
               describe_state (entry->state), entry->object_name, entry->saved_by);
    }

  return 0;
}

/* latchkey-cli policies restore ID VERSION: that version saved again (and
 * recorded as any save); made anew when the object was deleted.
 */
static int
restore_version (LkCli               *cli,
                 const LkCliResource *resource,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(LkClient) client = NULL;
  g_autoptr(LkHistoryEntry) entry = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) restored = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GError) error = NULL;
  guint64 version;

  if (argc != 2 || !lk_parse_unsigned (argv[1], 1, G_MAXINT64, &version))
    return lk_cli_usage (_("Usage: latchkey-cli %s restore ID VERSION   (a number “%s history ID” lists)"),
                         resource->group, resource->group);

  if (!(client = lk_cli_connect (cli, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(entry = lk_history_get (lk_client_get_history (client), lk_client_get_base_url (client),
                                resource->kind->collection, argv[0], (gint64) version, &error)))
    return lk_cli_fail ("%s", error->message);

  if (!(item = resource->kind->new_from_json (entry->replaced, &error)))
    return lk_cli_fail ("%s: %s", _(resource->kind->not_one), error->message);

  /* The version is older than what the tenant has: replacing that is the point. */
  lk_client_update_resource_async (client, resource->kind, item, TRUE, NULL, lk_cli_store_result_cb, &result);
  restored = lk_client_resource_finish (client, lk_cli_wait_for (&result), &error);

  if (g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND))
    {
      g_printerr (_("“%s” is no longer on the tenant: it is made anew, with a new ID.\n"), entry->object_name);
      g_clear_error (&error);
      g_clear_object (&result);
      lk_client_create_resource_async (client, resource->kind, item, NULL, lk_cli_store_result_cb, &result);
      restored = lk_client_resource_finish (client, lk_cli_wait_for (&result), &error);
    }

  if (restored == NULL)
    return lk_cli_fail ("%s", error->message);

  print_resource (resource->kind, restored);
  return 0;
}

static int
run_verb (LkCli               *cli,
          const LkCliResource *resource,
          const char          *verb,
          int                  argc,
          char               **argv)
{
  g_autofree char *usage_text = NULL;
  g_autofree char *command = g_strdup_printf ("%s %s", resource->group, verb);

  if (g_str_equal (verb, "list"))
    return list_resources (cli, resource, argc, argv);

  if (g_str_equal (verb, "get"))
    {
      usage_text = g_strdup_printf (_("Usage: latchkey-cli %s get ID"), resource->group);
      return get_resource (cli, resource->kind, argc, argv, usage_text);
    }

  if (g_str_equal (verb, "create"))
    {
      usage_text = g_strdup_printf (_("Usage: latchkey-cli %s create [FILE]   (JSON; standard input without FILE or "
                                      "with -)"), resource->group);
      return save_resource (cli, resource->kind, NULL, argc, argv, usage_text);
    }

  if (g_str_equal (verb, "update"))
    {
      usage_text = g_strdup_printf (_("Usage: latchkey-cli %s update ID [FILE] [--force]   (the whole of it, as "
                                      "“%s get” prints it)"), resource->group, resource->group);
      return save_resource (cli, resource->kind, command, argc, argv, usage_text);
    }

  if (g_str_equal (verb, "delete"))
    {
      usage_text = g_strdup_printf (_("Usage: latchkey-cli %s delete ID…"), resource->group);
      return lk_cli_remove_each (cli, resource->kind, argc, argv, usage_text);
    }

  if (g_str_equal (verb, "history"))
    return show_history (cli, resource, argc, argv);

  if (g_str_equal (verb, "diff"))
    return diff_resources (cli, resource, argc, argv);

  if (g_str_equal (verb, "copy"))
    return copy_resource (cli, resource, argc, argv);

  if (g_str_equal (verb, "restore"))
    return restore_version (cli, resource, argc, argv);

  return lk_cli_usage (_("“%s” is not a command"), command);
}

/**
 * lk_cli_run_resource_command:
 * @cli: the global options
 * @group: the command's first word, such as "policies"
 * @verb: list, get, create, update or delete
 * @argc: the number of words after the verb
 * @argv: the words after the verb
 *
 * Returns: the exit status, or -1 when @group is no collection
 */
int
lk_cli_run_resource_command (LkCli       *cli,
                             const char  *group,
                             const char  *verb,
                             int          argc,
                             char       **argv)
{
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    if (g_str_equal (group, resources[i].group))
      return run_verb (cli, &resources[i], verb, argc, argv);

  return -1;
}
