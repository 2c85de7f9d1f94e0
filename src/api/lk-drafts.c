/* lk-drafts.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-drafts"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lk-drafts.h"
#include "lk-json.h"
#include "lk-limits.h"

/* Unsaved edits of policies and sync groups, kept on disk as the user
 * types (the editor debounces), so that a crash or a killed session loses
 * nothing: one small JSON file an edit in the user's data folder, written
 * whole by rename, removed once the edit is saved or discarded. No secret
 * is in an edit of either.
 */

struct _LkDrafts
{
  GObject  parent_instance;

  char    *folder;
};

G_DEFINE_FINAL_TYPE (LkDrafts, lk_drafts, G_TYPE_OBJECT)

static void
lk_drafts_finalize (GObject *object)
{
  LkDrafts *self = (LkDrafts *)object;

  g_clear_pointer (&self->folder, g_free);

  G_OBJECT_CLASS (lk_drafts_parent_class)->finalize (object);
}

static void
lk_drafts_class_init (LkDraftsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_drafts_finalize;
}

static void
lk_drafts_init (LkDrafts *self)
{
}

/**
 * lk_drafts_new:
 * @folder: (nullable): where; %NULL for `latchkey/drafts` in the user's data folder
 *
 * Returns: (transfer full): the store
 */
LkDrafts *
lk_drafts_new (const char *folder)
{
  LkDrafts *self = g_object_new (LK_TYPE_DRAFTS, NULL);

  self->folder = folder != NULL ? g_strdup (folder) : g_build_filename (g_get_user_data_dir (), "latchkey", "drafts",
                                                                        NULL);
  return self;
}

void
lk_draft_free (LkDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->tenant);
  g_free (draft->collection);
  g_free (draft->object_id);
  g_clear_pointer (&draft->kept_at, g_date_time_unref);
  g_clear_pointer (&draft->object, json_object_unref);
  g_free (draft);
}

/* One file an object: named by a digest, so no name from a tenant reaches the path. */
static char *
path_for (LkDrafts   *self,
          const char *tenant,
          const char *collection,
          const char *object_id)
{
  g_autofree char *key = g_strconcat (tenant, "\n", collection, "\n", object_id, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = g_strconcat (digest, ".json", NULL);

  return g_build_filename (self->folder, name, NULL);
}

/**
 * lk_drafts_keep:
 * @self: a #LkDrafts
 * @tenant: the tenant's base URL
 * @collection: "/password-policies" or "/password-sync-groups"
 * @object_id: the object edited
 * @object: the edit, as the object it would save
 * @error: a location for a #GError
 *
 * Returns: whether the edit is on disk, in place of an earlier one of it
 */
gboolean
lk_drafts_keep (LkDrafts    *self,
                const char  *tenant,
                const char  *collection,
                const char  *object_id,
                JsonObject  *object,
                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonObject) file = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *path = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (LK_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (tenant != NULL && collection != NULL && object_id != NULL && object != NULL, FALSE);

  if (g_mkdir_with_parents (self->folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot make %s: %s"), self->folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  json_object_set_string_member (file, "tenant", tenant);
  json_object_set_string_member (file, "collection", collection);
  json_object_set_string_member (file, "objectId", object_id);
  lk_json_set_date_time (file, "keptAt", now);
  json_object_set_object_member (file, "object", json_object_ref (object));
  root = json_node_init_object (json_node_alloc (), file);
  text = lk_json_to_bytes (root);
  data = g_bytes_get_data (text, &length);

  path = path_for (self, tenant, collection, object_id);
  return g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * lk_drafts_forget:
 * @self: a #LkDrafts
 * @tenant: the tenant's base URL
 * @collection: the collection
 * @object_id: the object
 * @error: a location for a #GError
 *
 * Returns: whether no edit of it is on disk any more
 */
gboolean
lk_drafts_forget (LkDrafts    *self,
                  const char  *tenant,
                  const char  *collection,
                  const char  *object_id,
                  GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (LK_IS_DRAFTS (self), FALSE);

  path = path_for (self, tenant, collection, object_id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot remove %s: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* A file as a draft; NULL (and a message in the log) when it is not one. */
static LkDraft *
read_draft (const char *path)
{
  g_autoptr(LkDraft) draft = g_new0 (LkDraft, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *object;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error) || length > LK_LIMIT_FILE_BYTES)
    {
      g_message ("%s is left alone: %s", path, error != NULL ? error->message : "it is too large");
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!(file = lk_json_parse_object (bytes, &error)))
    {
      g_message ("%s is left alone: %s", path, error->message);
      return NULL;
    }

  draft->tenant = g_strdup (json_object_get_string_member_with_default (file, "tenant", NULL));
  draft->collection = g_strdup (json_object_get_string_member_with_default (file, "collection", NULL));
  draft->object_id = g_strdup (json_object_get_string_member_with_default (file, "objectId", NULL));
  draft->kept_at = lk_json_parse_date_time (json_object_get_string_member_with_default (file, "keptAt", ""));
  object = json_object_get_member (file, "object");
  if (object != NULL && JSON_NODE_HOLDS_OBJECT (object))
    draft->object = json_object_ref (json_node_get_object (object));

  if (draft->tenant == NULL || draft->collection == NULL || draft->object_id == NULL || draft->kept_at == NULL ||
      draft->object == NULL)
    {
      g_message ("%s is left alone: it is not a draft", path);
      return NULL;
    }

  return g_steal_pointer (&draft);
}

/**
 * lk_drafts_list:
 * @self: a #LkDrafts
 * @tenant: the tenant's base URL
 *
 * Returns: (transfer full) (element-type LkDraft): the edits of @tenant's
 *   objects kept; a file that is not one is left out and alone
 */
GPtrArray *
lk_drafts_list (LkDrafts   *self,
                const char *tenant)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_draft_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (LK_IS_DRAFTS (self), drafts);

  if (!(dir = g_dir_open (self->folder, 0, NULL)))
    return drafts;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      LkDraft *draft;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (self->folder, name, NULL);
      if ((draft = read_draft (path)) == NULL)
        continue;
      if (g_strcmp0 (draft->tenant, tenant) == 0)
        g_ptr_array_add (drafts, draft);
      else
        lk_draft_free (draft);
    }

  return drafts;
}
