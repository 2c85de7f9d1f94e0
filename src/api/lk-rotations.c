/* lk-rotations.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-rotations"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lk-json.h"
#include "lk-limits.h"
#include "lk-rotations.h"

/* Which token replaced which, per tenant: what ISC does not keep. A small
 * key file in the user's data folder, read again before each use (the app
 * and latchkey-cli may both write it) and written whole by rename, so that
 * a crash leaves the old file or the new one. No secret is in it: ids,
 * names and when.
 *
 *   [https://acme.api.identitynow.com OLD-ID]
 *   successor=NEW-ID
 *   successor-name=CI deploy (rotated 2026-12-01)
 *   rotated=2026-12-01T09:30:00.000Z
 */

struct _LkRotations
{
  GObject  parent_instance;

  char    *path;
};

G_DEFINE_FINAL_TYPE (LkRotations, lk_rotations, G_TYPE_OBJECT)

static void
lk_rotations_finalize (GObject *object)
{
  LkRotations *self = (LkRotations *)object;

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lk_rotations_parent_class)->finalize (object);
}

static void
lk_rotations_class_init (LkRotationsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_rotations_finalize;
}

static void
lk_rotations_init (LkRotations *self)
{
}

/**
 * lk_rotations_new:
 * @path: (nullable): the file; %NULL for `latchkey/rotations.ini` in the user's data folder
 *
 * Returns: (transfer full): the store
 */
LkRotations *
lk_rotations_new (const char *path)
{
  LkRotations *self = g_object_new (LK_TYPE_ROTATIONS, NULL);

  self->path = path != NULL ? g_strdup (path) : g_build_filename (g_get_user_data_dir (), "latchkey",
                                                                  "rotations.ini", NULL);
  return self;
}

const char *
lk_rotations_get_path (LkRotations *self)
{
  g_return_val_if_fail (LK_IS_ROTATIONS (self), NULL);

  return self->path;
}

/* The file as it is now: empty if there is none yet. */
static GKeyFile *
load (LkRotations  *self,
      GError      **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&keys);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (length > LK_LIMIT_FILE_BYTES ||
      !g_key_file_load_from_data (keys, contents, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s cannot be read: %s"), self->path,
                   local_error != NULL ? local_error->message : _("it is too large"));
      return NULL;
    }

  return g_steal_pointer (&keys);
}

static gboolean
save (LkRotations  *self,
      GKeyFile     *keys,
      GError      **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Cannot make %s: %s"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return g_key_file_save_to_file (keys, self->path, error);
}

/* Returns whether the file no longer has @group. */
static gboolean
remove_group (LkRotations  *self,
              const char   *group,
              GError      **error)
{
  g_autoptr(GKeyFile) keys = NULL;

  if (!(keys = load (self, error)))
    return FALSE;

  if (!g_key_file_remove_group (keys, group, NULL))
    return TRUE;

  return save (self, keys, error);
}

static char *
group_name (const char *base_url,
            const char *old_id)
{
  return g_strconcat (base_url, " ", old_id, NULL);
}

/**
 * lk_rotations_record:
 * @self: a #LkRotations
 * @base_url: the tenant
 * @old_id: the token replaced
 * @successor_id: the token that replaces it
 * @successor_name: its name
 * @rotated: when
 * @error: a location for a #GError
 *
 * Returns: whether the link is on disk
 */
gboolean
lk_rotations_record (LkRotations  *self,
                     const char   *base_url,
                     const char   *old_id,
                     const char   *successor_id,
                     const char   *successor_name,
                     GDateTime    *rotated,
                     GError      **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *group = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), FALSE);
  g_return_val_if_fail (base_url != NULL && old_id != NULL && successor_id != NULL, FALSE);
  g_return_val_if_fail (rotated != NULL, FALSE);

  if (!(keys = load (self, error)))
    return FALSE;

  group = group_name (base_url, old_id);
  when = lk_json_format_date_time (rotated);
  g_key_file_set_string (keys, group, "successor", successor_id);
  g_key_file_set_string (keys, group, "successor-name", successor_name != NULL ? successor_name : "");
  g_key_file_set_string (keys, group, "rotated", when);

  return save (self, keys, error);
}

/**
 * lk_rotations_record_rotation:
 * @self: a #LkRotations
 * @client: the tenant's client, whose clock says when
 * @old: the token rotated
 * @successor: the token made in its place
 * @error: a location for a #GError
 *
 * lk_rotations_record() for what lk_client_rotate_token_finish() gave.
 *
 * Returns: whether the link is on disk
 */
gboolean
lk_rotations_record_rotation (LkRotations  *self,
                              LkClient     *client,
                              LkToken      *old,
                              LkToken      *successor,
                              GError      **error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (LK_IS_CLIENT (client), FALSE);

  now = lk_client_get_now (client);
  return lk_rotations_record (self, lk_client_get_base_url (client), lk_token_get_id (old),
                              lk_token_get_id (successor), lk_token_get_name (successor), now, error);
}

/**
 * lk_rotations_lookup:
 * @self: a #LkRotations
 * @base_url: the tenant
 * @old_id: a token
 * @successor_id: (out) (optional) (transfer full): what replaced it
 * @successor_name: (out) (optional) (transfer full): its name
 * @rotated: (out) (optional) (transfer full): when
 *
 * Returns: whether @old_id was rotated; an unreadable file reads as no
 */
gboolean
lk_rotations_lookup (LkRotations  *self,
                     const char   *base_url,
                     const char   *old_id,
                     char        **successor_id,
                     char        **successor_name,
                     GDateTime   **rotated)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group = NULL;
  g_autofree char *id = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), FALSE);

  if (!(keys = load (self, &error)))
    {
      g_warning ("%s", error->message);
      return FALSE;
    }

  group = group_name (base_url, old_id);
  if (!(id = g_key_file_get_string (keys, group, "successor", NULL)) || *id == '\0')
    return FALSE;

  if (successor_name != NULL)
    *successor_name = g_key_file_get_string (keys, group, "successor-name", NULL);
  if (rotated != NULL)
    {
      when = g_key_file_get_string (keys, group, "rotated", NULL);
      *rotated = when != NULL ? lk_json_parse_date_time (when) : NULL;
    }
  if (successor_id != NULL)
    *successor_id = g_steal_pointer (&id);

  return TRUE;
}

void
lk_rotation_link_free (LkRotationLink *link)
{
  if (link == NULL)
    return;

  g_free (link->successor_id);
  g_free (link->successor_name);
  g_clear_pointer (&link->rotated, g_date_time_unref);
  g_free (link);
}

/**
 * lk_rotations_get_links:
 * @self: a #LkRotations
 * @base_url: the tenant
 *
 * Every link of a tenant at once, for a list of many tokens: one read.
 *
 * Returns: (transfer full) (element-type utf8 LkRotationLink): old token ID → its link; empty
 *   when the file cannot be read
 */
GHashTable *
lk_rotations_get_links (LkRotations *self,
                        const char  *base_url)
{
  GHashTable *links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lk_rotation_link_free);
  g_autoptr(GKeyFile) keys = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), links);

  if (!(keys = load (self, NULL)))
    return links;

  prefix = g_strconcat (base_url, " ", NULL);
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *when = NULL;
      LkRotationLink *link;

      if (!g_str_has_prefix (groups[i], prefix))
        continue;

      link = g_new0 (LkRotationLink, 1);
      link->successor_id = g_key_file_get_string (keys, groups[i], "successor", NULL);
      link->successor_name = g_key_file_get_string (keys, groups[i], "successor-name", NULL);
      when = g_key_file_get_string (keys, groups[i], "rotated", NULL);
      link->rotated = when != NULL ? lk_json_parse_date_time (when) : NULL;
      if (link->successor_id == NULL || *link->successor_id == '\0')
        {
          lk_rotation_link_free (link);
          continue;
        }
      if (link->successor_name == NULL)
        link->successor_name = g_strdup (link->successor_id);
      g_hash_table_insert (links, g_strdup (groups[i] + strlen (prefix)), link);
    }

  return links;
}

/**
 * lk_rotations_get_predecessor:
 * @self: a #LkRotations
 * @base_url: the tenant
 * @successor_id: a token
 *
 * Returns: (transfer full) (nullable): the token it replaced
 */
char *
lk_rotations_get_predecessor (LkRotations *self,
                              const char  *base_url,
                              const char  *successor_id)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), NULL);

  if (!(keys = load (self, NULL)))
    return NULL;

  prefix = g_strconcat (base_url, " ", NULL);
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *id = g_key_file_get_string (keys, groups[i], "successor", NULL);

      if (g_str_has_prefix (groups[i], prefix) && g_strcmp0 (id, successor_id) == 0)
        return g_strdup (groups[i] + strlen (prefix));
    }

  return NULL;
}

/**
 * lk_rotations_forget:
 * @self: a #LkRotations
 * @base_url: the tenant
 * @old_id: a token rotated, now revoked
 * @error: a location for a #GError
 *
 * Returns: whether the file no longer holds the link
 */
gboolean
lk_rotations_forget (LkRotations  *self,
                     const char   *base_url,
                     const char   *old_id,
                     GError      **error)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), FALSE);

  group = group_name (base_url, old_id);
  return remove_group (self, group, error);
}

/* Rotations of a connection's own token under way: written before each
 * step, so that a crash between two leaves what exists on record.
 *
 *   [connection https://acme.api.identitynow.com OLD-CLIENT-ID]
 *   tenant=acme
 *   successor=NEW-ID              (once the tenant has made it)
 *   successor-name=Latchkey (rotated 2026-12-01)
 *   started=2026-12-01T09:30:00.000Z
 */

#define PENDING_PREFIX "connection "

LkPendingRotation *
lk_pending_rotation_copy (const LkPendingRotation *pending)
{
  LkPendingRotation *copy = g_new0 (LkPendingRotation, 1);

  copy->tenant_name = g_strdup (pending->tenant_name);
  copy->base_url = g_strdup (pending->base_url);
  copy->old_client_id = g_strdup (pending->old_client_id);
  copy->successor_id = g_strdup (pending->successor_id);
  copy->successor_name = g_strdup (pending->successor_name);
  copy->started = pending->started != NULL ? g_date_time_ref (pending->started) : NULL;

  return copy;
}

void
lk_pending_rotation_free (LkPendingRotation *pending)
{
  if (pending == NULL)
    return;

  g_free (pending->tenant_name);
  g_free (pending->base_url);
  g_free (pending->old_client_id);
  g_free (pending->successor_id);
  g_free (pending->successor_name);
  g_clear_pointer (&pending->started, g_date_time_unref);
  g_free (pending);
}

static char *
pending_group_name (const char *base_url,
                    const char *old_client_id)
{
  return g_strconcat (PENDING_PREFIX, base_url, " ", old_client_id, NULL);
}

/**
 * lk_rotations_save_pending:
 * @self: a #LkRotations
 * @pending: where a connection's rotation is
 * @error: a location for a #GError
 *
 * Returns: whether it is on disk, replacing what was there for the same token
 */
gboolean
lk_rotations_save_pending (LkRotations              *self,
                           const LkPendingRotation  *pending,
                           GError                  **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *group = NULL;
  g_autofree char *started = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), FALSE);
  g_return_val_if_fail (pending != NULL && pending->base_url != NULL && pending->old_client_id != NULL, FALSE);
  g_return_val_if_fail (pending->tenant_name != NULL && pending->started != NULL, FALSE);

  if (!(keys = load (self, error)))
    return FALSE;

  group = pending_group_name (pending->base_url, pending->old_client_id);
  g_key_file_remove_group (keys, group, NULL);
  g_key_file_set_string (keys, group, "tenant", pending->tenant_name);
  if (pending->successor_id != NULL)
    g_key_file_set_string (keys, group, "successor", pending->successor_id);
  g_key_file_set_string (keys, group, "successor-name", pending->successor_name ? pending->successor_name : "");
  started = lk_json_format_date_time (pending->started);
  g_key_file_set_string (keys, group, "started", started);

  return save (self, keys, error);
}

/**
 * lk_rotations_drop_pending:
 * @self: a #LkRotations
 * @base_url: the tenant
 * @old_client_id: the connection's token before the rotation
 * @error: a location for a #GError
 *
 * Returns: whether the file no longer holds the rotation
 */
gboolean
lk_rotations_drop_pending (LkRotations  *self,
                           const char   *base_url,
                           const char   *old_client_id,
                           GError      **error)
{
  g_autofree char *group = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), FALSE);

  group = pending_group_name (base_url, old_client_id);
  return remove_group (self, group, error);
}

/**
 * lk_rotations_list_pending:
 * @self: a #LkRotations
 * @error: a location for a #GError
 *
 * A group that lacks what a rotation needs is left out: it was edited by hand.
 *
 * Returns: (transfer full) (element-type LkPendingRotation): the rotations
 *   under way; %NULL when the file cannot be read
 */
GPtrArray *
lk_rotations_list_pending (LkRotations  *self,
                           GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_pending_rotation_free);
  g_autoptr(GKeyFile) keys = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (LK_IS_ROTATIONS (self), NULL);

  if (!(keys = load (self, error)))
    return NULL;

  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(LkPendingRotation) pending = NULL;
      g_autofree char *started = NULL;
      const char *space;

      if (!g_str_has_prefix (groups[i], PENDING_PREFIX) ||
          !(space = strrchr (groups[i] + strlen (PENDING_PREFIX), ' ')))
        continue;

      pending = g_new0 (LkPendingRotation, 1);
      pending->base_url = g_strndup (groups[i] + strlen (PENDING_PREFIX),
                                     space - groups[i] - strlen (PENDING_PREFIX));
      pending->old_client_id = g_strdup (space + 1);
      pending->tenant_name = g_key_file_get_string (keys, groups[i], "tenant", NULL);
      pending->successor_id = g_key_file_get_string (keys, groups[i], "successor", NULL);
      pending->successor_name = g_key_file_get_string (keys, groups[i], "successor-name", NULL);
      started = g_key_file_get_string (keys, groups[i], "started", NULL);
      pending->started = started != NULL ? lk_json_parse_date_time (started) : NULL;

      if (pending->successor_id != NULL && *pending->successor_id == '\0')
        g_clear_pointer (&pending->successor_id, g_free);
      if (pending->tenant_name == NULL || pending->successor_name == NULL || pending->started == NULL ||
          *pending->base_url == '\0' || *pending->old_client_id == '\0')
        continue;

      g_ptr_array_add (list, g_steal_pointer (&pending));
    }

  return g_steal_pointer (&list);
}
