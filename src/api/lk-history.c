/* lk-history.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-history"

#include "config.h"

#include <errno.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lk-history.h"
#include "lk-json.h"
#include "lk-limits.h"

/* Every version of a policy or sync group that a save or a delete replaced,
 * per tenant, in an SQLite file in the user's data folder: SQLite's own
 * transactions (write-ahead log, synchronous writes) keep it whole through
 * a kill or a power cut, and the app and latchkey-cli may write at once.
 * The version is kept *before* the request is sent (pending), then marked
 * done or failed: a crash in between leaves it pending, never lost.
 * No secret is in it: objects, connection names, client IDs, times.
 */

#define SCHEMA_VERSION 1
#define BUSY_TIMEOUT_MS 5000

struct _LkHistory
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (LkHistory, lk_history, G_TYPE_OBJECT)

static void
lk_history_finalize (GObject *object)
{
  LkHistory *self = (LkHistory *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lk_history_parent_class)->finalize (object);
}

static void
lk_history_class_init (LkHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_history_finalize;
}

static void
lk_history_init (LkHistory *self)
{
}

/**
 * lk_history_new:
 * @path: (nullable): the file; %NULL for `latchkey/history.sqlite` in the user's data folder
 *
 * Returns: (transfer full): the store, opened when first used
 */
LkHistory *
lk_history_new (const char *path)
{
  LkHistory *self = g_object_new (LK_TYPE_HISTORY, NULL);

  self->path = path != NULL ? g_strdup (path)
                            : g_build_filename (g_get_user_data_dir (), "latchkey", "history.sqlite", NULL);
  return self;
}

const char *
lk_history_get_path (LkHistory *self)
{
  g_return_val_if_fail (LK_IS_HISTORY (self), NULL);

  return self->path;
}

void
lk_history_entry_free (LkHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->kind);
  g_free (entry->object_id);
  g_free (entry->object_name);
  g_free (entry->action);
  g_free (entry->saved_by);
  g_clear_pointer (&entry->saved_at, g_date_time_unref);
  g_clear_pointer (&entry->replaced, json_object_unref);
  g_free (entry);
}

/* SQLite */

typedef enum {
  OPENING,
  READING,
  WRITING,
} Doing;

static gboolean
fail (LkHistory   *self,
      Doing        doing,
      GError     **error)
{
  const char *why = self->db != NULL ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM);

  if (doing == OPENING)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The history in %s cannot be opened: %s"), self->path, why);
  else if (doing == READING)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The history in %s cannot be read: %s"), self->path, why);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The history in %s cannot be written: %s"), self->path, why);
  return FALSE;
}

static gboolean
exec (LkHistory   *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fail (self, WRITING, error);
  return TRUE;
}

static gboolean
create_schema (LkHistory  *self,
               GError    **error)
{
  sqlite3_stmt *statement = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &statement, NULL) != SQLITE_OK)
    return fail (self, READING, error);
  if (sqlite3_step (statement) == SQLITE_ROW)
    version = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The history in %s was written by a newer Latchkey"), self->path);
      return FALSE;
    }
  if (version == SCHEMA_VERSION)
    return TRUE;

  return exec (self,
               "BEGIN IMMEDIATE;"
               "CREATE TABLE IF NOT EXISTS versions ("
               "  row INTEGER PRIMARY KEY,"
               "  tenant TEXT NOT NULL,"
               "  kind TEXT NOT NULL,"
               "  object_id TEXT NOT NULL,"
               "  object_name TEXT NOT NULL,"
               "  version INTEGER NOT NULL,"
               "  action TEXT NOT NULL,"
               "  saved_by TEXT NOT NULL,"
               "  saved_at TEXT NOT NULL,"
               "  state INTEGER NOT NULL,"
               "  replaced TEXT NOT NULL,"
               "  UNIQUE (tenant, kind, object_id, version));"
               "PRAGMA user_version = 1;"
               "COMMIT;", error);
}

static gboolean
open_db (LkHistory  *self,
         GError    **error)
{
  g_autofree char *folder = NULL;

  if (self->db != NULL)
    return TRUE;

  folder = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot make %s: %s"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      fail (self, OPENING, error);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", error) ||
      !create_schema (self, error))
    {
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  return TRUE;
}

/**
 * lk_history_begin:
 * @self: a #LkHistory
 * @tenant: the tenant's base URL
 * @kind: the collection: "/password-policies"
 * @object_id: the object
 * @replaced: the object as the tenant has it, about to be replaced or deleted
 * @action: "update" or "delete"
 * @saved_by: the connection that saves
 * @saved_at: when
 * @error: a location for a #GError
 *
 * Keeps @replaced as the object's next version, pending until
 * lk_history_finish() says what the tenant did.
 *
 * Returns: the version's row, for lk_history_finish(); 0 on error
 */
gint64
lk_history_begin (LkHistory   *self,
                  const char  *tenant,
                  const char  *kind,
                  const char  *object_id,
                  JsonObject  *replaced,
                  const char  *action,
                  const char  *saved_by,
                  GDateTime   *saved_at,
                  GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *when = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 row = 0;
  const char *data;
  gsize length;
  const char *name;

  g_return_val_if_fail (LK_IS_HISTORY (self), 0);
  g_return_val_if_fail (tenant != NULL && kind != NULL && object_id != NULL && replaced != NULL, 0);

  if (!open_db (self, error))
    return 0;

  node = json_node_init_object (json_node_alloc (), replaced);
  text = lk_json_to_bytes (node);
  when = lk_json_format_date_time (saved_at);
  name = json_object_get_string_member_with_default (replaced, "name", "");

  /* One transaction: the next version number and the row, or neither. */
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return 0;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO versions (tenant, kind, object_id, object_name, version, action, saved_by,"
                          "  saved_at, state, replaced)"
                          " VALUES (?1, ?2, ?3, ?4,"
                          "  (SELECT IFNULL (MAX (version), 0) + 1 FROM versions"
                          "   WHERE tenant = ?1 AND kind = ?2 AND object_id = ?3),"
                          "  ?5, ?6, ?7, ?8, ?9)", -1, &statement, NULL) != SQLITE_OK)
    {
      fail (self, WRITING, error);
      exec (self, "ROLLBACK", NULL);
      return 0;
    }

  sqlite3_bind_text (statement, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, object_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, saved_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 7, when, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 8, LK_HISTORY_PENDING);
  data = g_bytes_get_data (text, &length);
  sqlite3_bind_text (statement, 9, data, (int) length, SQLITE_TRANSIENT);

  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      fail (self, WRITING, error);
      sqlite3_finalize (statement);
      exec (self, "ROLLBACK", NULL);
      return 0;
    }
  sqlite3_finalize (statement);
  row = sqlite3_last_insert_rowid (self->db);

  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return 0;
    }

  return row;
}

/**
 * lk_history_finish:
 * @self: a #LkHistory
 * @row: from lk_history_begin()
 * @state: what the tenant did: %LK_HISTORY_DONE, or %LK_HISTORY_FAILED
 *   (the version is still the tenant's: the row goes, its number with it)
 * @error: a location for a #GError
 *
 * Returns: whether it is written
 */
gboolean
lk_history_finish (LkHistory       *self,
                   gint64           row,
                   LkHistoryState   state,
                   GError         **error)
{
  sqlite3_stmt *statement = NULL;
  gboolean written;

  g_return_val_if_fail (LK_IS_HISTORY (self), FALSE);

  if (!open_db (self, error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db,
                          state == LK_HISTORY_FAILED ? "DELETE FROM versions WHERE row = ?2"
                                                     : "UPDATE versions SET state = ?1 WHERE row = ?2",
                          -1, &statement, NULL) != SQLITE_OK)
    return fail (self, WRITING, error);

  if (state != LK_HISTORY_FAILED)
    sqlite3_bind_int (statement, 1, state);
  sqlite3_bind_int64 (statement, 2, row);
  written = sqlite3_step (statement) == SQLITE_DONE;
  sqlite3_finalize (statement);

  return written || fail (self, WRITING, error);
}

/* A row as an entry; NULL with @error when what the file holds is not one. */
static LkHistoryEntry *
read_entry (LkHistory     *self,
            sqlite3_stmt  *statement,
            GError       **error)
{
  g_autoptr(LkHistoryEntry) entry = g_new0 (LkHistoryEntry, 1);
  g_autoptr(GBytes) text = NULL;
  const char *when;
  int length;

  entry->row = sqlite3_column_int64 (statement, 0);
  entry->version = sqlite3_column_int64 (statement, 1);
  entry->kind = g_strdup ((const char *) sqlite3_column_text (statement, 2));
  entry->object_id = g_strdup ((const char *) sqlite3_column_text (statement, 3));
  entry->object_name = g_strdup ((const char *) sqlite3_column_text (statement, 4));
  entry->action = g_strdup ((const char *) sqlite3_column_text (statement, 5));
  entry->saved_by = g_strdup ((const char *) sqlite3_column_text (statement, 6));
  when = (const char *) sqlite3_column_text (statement, 7);
  entry->saved_at = when != NULL ? lk_json_parse_date_time (when) : NULL;
  entry->state = CLAMP (sqlite3_column_int (statement, 8), LK_HISTORY_PENDING, LK_HISTORY_FAILED);

  /* The file is as hostile as a tenant: read with the same limits. */
  length = sqlite3_column_bytes (statement, 9);
  if (length < 0 || (gsize) length > LK_LIMIT_FILE_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The history in %s holds a version too large"),
                   self->path);
      return NULL;
    }
  text = g_bytes_new (sqlite3_column_blob (statement, 9), (gsize) length);
  if (!(entry->replaced = lk_json_parse_object (text, error)))
    {
      g_prefix_error (error, _("The history in %s holds a version that cannot be read: "), self->path);
      return NULL;
    }

  if (entry->kind == NULL || entry->object_id == NULL || entry->saved_at == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The history in %s holds a broken version"),
                   self->path);
      return NULL;
    }

  return g_steal_pointer (&entry);
}

#define SELECT_ENTRY \
  "SELECT row, version, kind, object_id, object_name, action, saved_by, saved_at, state, replaced FROM versions "

/* The rows @sql selects, with tenant and kind bound to ?1 and ?2 and
 * @object_id (if any) to ?3.
 */
static GPtrArray *
select_entries (LkHistory   *self,
                const char  *sql,
                const char  *tenant,
                const char  *kind,
                const char  *object_id,
                GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_history_entry_free);
  sqlite3_stmt *statement = NULL;
  int status;

  if (!open_db (self, error))
    return NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL) != SQLITE_OK)
    {
      fail (self, READING, error);
      return NULL;
    }

  sqlite3_bind_text (statement, 1, tenant, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, kind, -1, SQLITE_TRANSIENT);
  if (object_id != NULL)
    sqlite3_bind_text (statement, 3, object_id, -1, SQLITE_TRANSIENT);

  while ((status = sqlite3_step (statement)) == SQLITE_ROW)
    {
      LkHistoryEntry *entry = read_entry (self, statement, error);

      if (entry == NULL)
        {
          sqlite3_finalize (statement);
          return NULL;
        }
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (statement);

  if (status != SQLITE_DONE)
    {
      fail (self, READING, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * lk_history_list:
 * @self: a #LkHistory
 * @tenant: the tenant's base URL
 * @kind: the collection
 * @object_id: the object
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type LkHistoryEntry): the versions kept,
 *   newest first; %NULL on error
 */
GPtrArray *
lk_history_list (LkHistory   *self,
                 const char  *tenant,
                 const char  *kind,
                 const char  *object_id,
                 GError     **error)
{
  g_return_val_if_fail (LK_IS_HISTORY (self), NULL);
  g_return_val_if_fail (tenant != NULL && kind != NULL && object_id != NULL, NULL);

  return select_entries (self, SELECT_ENTRY "WHERE tenant = ?1 AND kind = ?2 AND object_id = ?3"
                                            " ORDER BY version DESC", tenant, kind, object_id, error);
}

/**
 * lk_history_list_deleted:
 * @self: a #LkHistory
 * @tenant: the tenant's base URL
 * @kind: the collection
 * @error: a location for a #GError
 *
 * The objects Latchkey deleted, each as it was last: what can be made anew.
 *
 * Returns: (transfer full) (element-type LkHistoryEntry): the last version of
 *   each object whose last change was its delete, newest first; %NULL on error
 */
GPtrArray *
lk_history_list_deleted (LkHistory   *self,
                         const char  *tenant,
                         const char  *kind,
                         GError     **error)
{
  g_return_val_if_fail (LK_IS_HISTORY (self), NULL);
  g_return_val_if_fail (tenant != NULL && kind != NULL, NULL);

  return select_entries (self, SELECT_ENTRY "AS v WHERE tenant = ?1 AND kind = ?2 AND action = 'delete'"
                                            " AND state = 1 AND version = (SELECT MAX (version) FROM versions AS w"
                                            "  WHERE w.tenant = v.tenant AND w.kind = v.kind"
                                            "  AND w.object_id = v.object_id)"
                                            " ORDER BY saved_at DESC", tenant, kind, NULL, error);
}

/**
 * lk_history_get:
 * @self: a #LkHistory
 * @tenant: the tenant's base URL
 * @kind: the collection
 * @object_id: the object
 * @version: its number
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the version, or %NULL with %G_IO_ERROR_NOT_FOUND
 */
LkHistoryEntry *
lk_history_get (LkHistory   *self,
                const char  *tenant,
                const char  *kind,
                const char  *object_id,
                gint64       version,
                GError     **error)
{
  g_autoptr(GPtrArray) entries = lk_history_list (self, tenant, kind, object_id, error);

  if (entries == NULL)
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      LkHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (entry->version == version)
        return g_ptr_array_steal_index (entries, i);
    }

  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” has no version %s in the history"), object_id,
                 number);
  }
  return NULL;
}
