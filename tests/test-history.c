/* test-history.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <gio/gunixinputstream.h>
#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>

#include "lk-client-policies.h"
#include "lk-drafts.h"
#include "lk-error.h"
#include "lk-history.h"
#include "lk-sandbox.h"
#include "lk-test-tenant.h"

/* The history of saves: versions kept, numbered, read back; kept by a
 * client before it sends; whole after a writer is killed mid-write.
 */

#define TENANT "https://acme.api.identitynow.com"

static char *
temp_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("latchkey-history-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (folder, "history.sqlite", NULL);
}

static void
remove_store (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (folder);
}

static JsonObject *
policy_version (const char *name,
                int         min_length)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", "p1");
  json_object_set_string_member (object, "name", name);
  json_object_set_int_member (object, "minLength", min_length);
  return object;
}

static gint64
begin (LkHistory  *history,
       JsonObject *replaced,
       const char *action)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 15, 9, 30, 0);
  g_autoptr(GError) error = NULL;
  gint64 row = lk_history_begin (history, TENANT, "/password-policies", "p1", replaced, action, "Acme (id-1)", now,
                                 &error);

  g_assert_no_error (error);
  g_assert_cmpint (row, >, 0);
  return row;
}

static void
test_versions (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(LkHistory) history = lk_history_new (path);
  g_autoptr(LkHistory) other = lk_history_new (path);
  g_autoptr(JsonObject) first = policy_version ("Strong", 8);
  g_autoptr(JsonObject) second = policy_version ("Stronger", 12);
  g_autoptr(JsonObject) refused = policy_version ("Stronger", 12);
  g_autoptr(JsonObject) last = policy_version ("Strongest", 16);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(LkHistoryEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_history_finish (history, begin (history, first, "update"), LK_HISTORY_DONE, &error));
  g_assert_true (lk_history_finish (history, begin (history, second, "update"), LK_HISTORY_DONE, &error));
  /* Refused by the tenant: the version is still the tenant's, not kept. */
  g_assert_true (lk_history_finish (history, begin (history, refused, "update"), LK_HISTORY_FAILED, &error));
  /* No answer: kept, pending. */
  begin (history, last, "delete");

  /* Another process (latchkey-cli beside the app) reads the same. */
  versions = lk_history_list (other, TENANT, "/password-policies", "p1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  entry = g_ptr_array_steal_index (versions, 0);
  g_assert_cmpint (entry->version, ==, 3);
  g_assert_cmpstr (entry->action, ==, "delete");
  g_assert_cmpint (entry->state, ==, LK_HISTORY_PENDING);
  g_assert_cmpstr (json_object_get_string_member (entry->replaced, "name"), ==, "Strongest");
  g_clear_pointer (&entry, lk_history_entry_free);

  entry = lk_history_get (other, TENANT, "/password-policies", "p1", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (entry->replaced, "minLength"), ==, 8);
  g_assert_cmpstr (entry->saved_by, ==, "Acme (id-1)");
  g_assert_cmpint (entry->state, ==, LK_HISTORY_DONE);
  g_clear_pointer (&entry, lk_history_entry_free);

  g_assert_null (lk_history_get (other, TENANT, "/password-policies", "p1", 9, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Other tenants and objects have their own numbers. */
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = lk_history_list (other, "https://other.api.identitynow.com", "/password-policies", "p1", &error);
  g_assert_cmpuint (versions->len, ==, 0);

  g_clear_object (&history);
  g_clear_object (&other);
  remove_store (path);
}

/* A file that is not what Latchkey wrote: a clear error with its path. */
static void
test_hostile_file (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(LkHistory) history = NULL;
  g_autoptr(JsonObject) version = policy_version ("Strong", 8);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  history = lk_history_new (path);
  begin (history, version, "update");
  g_clear_object (&history);

  /* A version that is no JSON object. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE versions SET replaced = '[1, 2'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  history = lk_history_new (path);
  g_assert_null (lk_history_list (history, TENANT, "/password-policies", "p1", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "cannot be read"));
  g_clear_object (&history);
  g_clear_error (&error);
  remove_store (path);

  /* Not a database at all. */
  g_free (path);
  path = temp_path ();
  g_assert_true (g_file_set_contents (path, "not a database, but long enough to have a header of sorts", -1, NULL));
  history = lk_history_new (path);
  g_assert_null (lk_history_list (history, TENANT, "/password-policies", "p1", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_object (&history);
  remove_store (path);
}

/* A writer killed in the middle of its writes leaves a store that opens,
 * passes SQLite's integrity check, and holds every version it committed.
 */
static void
write_until_killed (const char *path)
{
  g_autoptr(LkHistory) history = lk_history_new (path);
  g_autoptr(JsonObject) version = policy_version ("Strong", 8);
  g_autoptr(GString) padding = g_string_new (NULL);

  /* A few KB a version: the kill lands inside a write more often than not. */
  for (guint i = 0; i < 4000; i++)
    g_string_append_c (padding, 'a' + i % 26);
  json_object_set_string_member (version, "description", padding->str);

  for (guint i = 1; ; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 row = begin (history, version, "update");

      g_assert_true (lk_history_finish (history, row, LK_HISTORY_DONE, &error));
      g_print ("%u\n", i);
    }
}

static void
test_killed_writer (void)
{
  g_autofree char *path = temp_path ();
  g_autoptr(LkHistory) history = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, NULL, NULL, NULL };
  sqlite3 *db = NULL;
  sqlite3_stmt *check = NULL;
  GPid pid;
  int stdout_fd;
  guint committed = 0;

  argv[0] = g_test_build_filename (G_TEST_BUILT, "test-history", NULL);
  argv[1] = "--write-until-killed";
  argv[2] = path;
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                           NULL, &stdout_fd, NULL, &error));
  g_assert_no_error (error);

  /* Killed once it has committed 200 versions, in the middle of the next ones. */
  out = g_unix_input_stream_new (stdout_fd, TRUE);
  lines = g_data_input_stream_new (out);
  while (committed < 200)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      committed = (guint) g_ascii_strtoull (line, NULL, 10);
    }
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  g_free ((char *) argv[0]);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &check, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  sqlite3_finalize (check);
  sqlite3_close (db);

  /* Every committed version is there, whole, numbered without a gap. */
  history = lk_history_new (path);
  versions = lk_history_list (history, TENANT, "/password-policies", "p1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, >=, committed);
  for (guint i = 0; i < versions->len; i++)
    {
      LkHistoryEntry *entry = g_ptr_array_index (versions, i);

      g_assert_cmpint (entry->version, ==, versions->len - i);
      g_assert_cmpuint (strlen (json_object_get_string_member (entry->replaced, "description")), ==, 4000);
    }

  g_clear_object (&history);
  remove_store (path);
}

/* A client with a history keeps the version before it sends. */
typedef struct {
  LkTestTenant  tenant;
  LkHistory    *history;
  char         *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  lk_test_tenant_open (&f->tenant, "rate-limit", 0, NULL);
  f->path = temp_path ();
  f->history = lk_history_new (f->path);
  lk_client_set_history (f->tenant.client, f->history, "Acme (admin)");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_tenant_close (&f->tenant.sandbox, &f->tenant.client);
  lk_test_assert_finalized (g_steal_pointer (&f->history));
  remove_store (f->path);
  g_free (f->path);
}

static LkPasswordPolicy *
first_policy (Fixture *f)
{
  g_autoptr(GListModel) policies = lk_test_list_all (f->tenant.client, &lk_password_policy_kind);

  for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      if (!lk_password_policy_is_default (policy))
        return g_steal_pointer (&policy);
    }

  g_assert_not_reached ();
}

/* @policy with its JSON member @name set to @value. */
static LkPasswordPolicy *
edit (LkPasswordPolicy *policy,
      const char       *name,
      JsonNode         *value)
{
  g_autoptr(JsonObject) object = lk_password_policy_to_json (policy);
  g_autoptr(GError) error = NULL;
  LkPasswordPolicy *edited;

  json_object_set_member (object, name, value);
  edited = lk_password_policy_new_from_json (object, &error);
  g_assert_no_error (error);
  return edited;
}

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static gpointer
save (Fixture  *f,
      gpointer  item,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_client_update_resource_async (f->tenant.client, &lk_password_policy_kind, item, FALSE, NULL,
                                   lk_test_store_result_cb, &result);
  return lk_client_resource_finish (f->tenant.client, lk_test_wait_for (&result), error);
}

static GPtrArray *
versions_of (Fixture    *f,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *versions = lk_history_list (f->history, lk_sandbox_get_url (f->tenant.sandbox), "/password-policies",
                                         id, &error);

  g_assert_no_error (error);
  return versions;
}

static void
test_client_keeps_versions (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LkPasswordPolicy) policy = first_policy (f);
  g_autoptr(LkPasswordPolicy) edited = NULL;
  g_autoptr(LkPasswordPolicy) saved = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = lk_password_policy_get_id (policy);
  gint64 original_min = lk_password_policy_get_int (policy, "min-length");
  LkHistoryEntry *entry;

  edited = edit (policy, "minLength", int_node (original_min + 1));
  saved = save (f, edited, &error);
  g_assert_no_error (error);

  versions = versions_of (f, id);
  g_assert_cmpuint (versions->len, ==, 1);
  entry = g_ptr_array_index (versions, 0);
  g_assert_cmpint (entry->version, ==, 1);
  g_assert_cmpint (entry->state, ==, LK_HISTORY_DONE);
  g_assert_cmpstr (entry->saved_by, ==, "Acme (admin)");
  g_assert_cmpint (json_object_get_int_member (entry->replaced, "minLength"), ==, original_min);

  /* No answer from the tenant (a 5xx): kept, pending; it may have been replaced. */
  g_clear_object (&edited);
  edited = edit (saved, "minLength", int_node (original_min + 2));
  lk_sandbox_set_fault_on (f->tenant.sandbox, LK_SANDBOX_FAULT_5XX, 100, "PUT /v3/password-policies");
  g_assert_null (save (f, edited, &error));
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_SERVER);
  g_clear_error (&error);
  lk_sandbox_set_fault_on (f->tenant.sandbox, LK_SANDBOX_FAULT_5XX, 0, NULL);
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = versions_of (f, id);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpint (((LkHistoryEntry *) g_ptr_array_index (versions, 0))->state, ==, LK_HISTORY_PENDING);

  /* Refused by the tenant: nothing replaced, nothing kept. */
  {
    g_autoptr(JsonArray) nope = json_array_new ();
    g_autoptr(LkPasswordPolicy) refused = NULL;

    json_array_add_string_element (nope, "nope");
    refused = edit (saved, "sourceIds", json_node_init_array (json_node_alloc (), nope));
    g_assert_null (save (f, refused, &error));
  }
  g_assert_error (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = versions_of (f, id);
  g_assert_cmpuint (versions->len, ==, 2);

  /* A delete keeps the last version. */
  lk_client_delete_resource_async (f->tenant.client, &lk_password_policy_kind, id, NULL, lk_test_store_result_cb,
                                   &result);
  g_assert_true (lk_client_request_finish (f->tenant.client, lk_test_wait_for (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&versions, g_ptr_array_unref);
  versions = versions_of (f, id);
  g_assert_cmpuint (versions->len, ==, 3);
  entry = g_ptr_array_index (versions, 0);
  g_assert_cmpstr (entry->action, ==, "delete");
  g_assert_cmpint (json_object_get_int_member (entry->replaced, "minLength"), ==, original_min + 1);
}

/* A history that cannot keep the version: nothing is sent. */
static void
test_nothing_sent_unless_kept (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LkPasswordPolicy) policy = first_policy (f);
  g_autoptr(LkPasswordPolicy) edited = NULL;
  g_autoptr(LkHistory) broken = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->path, "not a database, but long enough to have a header of sorts", -1,
                                      NULL));
  broken = lk_history_new (f->path);
  lk_client_set_history (f->tenant.client, broken, "Acme (admin)");
  edited = edit (policy, "minLength", int_node (lk_password_policy_get_int (policy, "min-length") + 1));
  g_assert_null (save (f, edited, &error));
  g_assert_nonnull (strstr (error->message, "Nothing was sent"));
  g_assert_cmpuint (lk_sandbox_count_requests (f->tenant.sandbox, "PUT", NULL), ==, 0);
  lk_client_set_history (f->tenant.client, NULL, NULL);
}

/* Unsaved edits on disk: kept, replaced, listed per tenant, forgotten; a
 * file that is not one is left out and alone.
 */
static void
test_drafts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("latchkey-drafts-XXXXXX", &error);
  g_autofree char *stray = g_build_filename (folder, "stray.json", NULL);
  g_autoptr(LkDrafts) drafts = lk_drafts_new (folder);
  g_autoptr(JsonObject) first = policy_version ("Strong", 8);
  g_autoptr(JsonObject) second = policy_version ("Stronger", 12);
  g_autoptr(GPtrArray) kept = NULL;
  LkDraft *draft;

  g_assert_true (lk_drafts_keep (drafts, TENANT, "/password-policies", "p1", first, &error));
  g_assert_true (lk_drafts_keep (drafts, TENANT, "/password-policies", "p1", second, &error));
  g_assert_true (lk_drafts_keep (drafts, "https://other.api.identitynow.com", "/password-policies", "p1", first,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (stray, "{\"tenant\": \"" TENANT "\"", -1, NULL));

  kept = lk_drafts_list (drafts, TENANT);
  g_assert_cmpuint (kept->len, ==, 1);
  draft = g_ptr_array_index (kept, 0);
  g_assert_cmpstr (draft->collection, ==, "/password-policies");
  g_assert_cmpstr (draft->object_id, ==, "p1");
  g_assert_cmpstr (json_object_get_string_member (draft->object, "name"), ==, "Stronger");
  g_assert_nonnull (draft->kept_at);

  g_assert_true (lk_drafts_forget (drafts, TENANT, "/password-policies", "p1", &error));
  g_assert_true (lk_drafts_forget (drafts, TENANT, "/password-policies", "p1", &error));
  g_clear_pointer (&kept, g_ptr_array_unref);
  kept = lk_drafts_list (drafts, TENANT);
  g_assert_cmpuint (kept->len, ==, 0);
  g_assert_true (g_file_test (stray, G_FILE_TEST_EXISTS));

  g_assert_true (lk_drafts_forget (drafts, "https://other.api.identitynow.com", "/password-policies", "p1", &error));
  g_unlink (stray);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--write-until-killed"))
    {
      write_until_killed (argv[2]);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lk/history/versions", test_versions);
  g_test_add_func ("/lk/history/hostile-file", test_hostile_file);
  g_test_add_func ("/lk/history/killed-writer", test_killed_writer);
  g_test_add_func ("/lk/drafts/kept-listed-forgotten", test_drafts);
  g_test_add ("/lk/history/client-keeps-versions", Fixture, NULL, fixture_set_up, test_client_keeps_versions,
              fixture_tear_down);
  g_test_add ("/lk/history/nothing-sent-unless-kept", Fixture, NULL, fixture_set_up, test_nothing_sent_unless_kept,
              fixture_tear_down);

  return g_test_run ();
}
