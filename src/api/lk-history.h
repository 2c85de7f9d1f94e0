/* lk-history.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_HISTORY (lk_history_get_type ())

G_DECLARE_FINAL_TYPE (LkHistory, lk_history, LK, HISTORY, GObject)

/* What became of the save a version was kept for. */
typedef enum {
  LK_HISTORY_PENDING,   /* sent, no answer yet (or none ever: a crash, a dropped connection) */
  LK_HISTORY_DONE,      /* the tenant replaced or deleted it */
  LK_HISTORY_FAILED,    /* the tenant refused: the version is still the tenant's, and not kept */
} LkHistoryState;

/* One version of an object, as it was before a save or a delete replaced it. */
typedef struct {
  gint64          row;
  gint64          version;       /* 1, 2, … for each object of a tenant */
  char           *kind;          /* the collection: "/password-policies" */
  char           *object_id;
  char           *object_name;
  char           *action;        /* what replaced it: "update" or "delete" */
  char           *saved_by;      /* the connection: its tenant's name and client ID */
  GDateTime      *saved_at;
  LkHistoryState  state;
  JsonObject     *replaced;      /* the version, as the tenant had it */
} LkHistoryEntry;

void lk_history_entry_free (LkHistoryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkHistoryEntry, lk_history_entry_free)

LkHistory      *lk_history_new         (const char      *path);
const char     *lk_history_get_path    (LkHistory       *self);
gint64          lk_history_begin       (LkHistory       *self,
                                        const char      *tenant,
                                        const char      *kind,
                                        const char      *object_id,
                                        JsonObject      *replaced,
                                        const char      *action,
                                        const char      *saved_by,
                                        GDateTime       *saved_at,
                                        GError         **error);
gboolean        lk_history_finish      (LkHistory       *self,
                                        gint64           row,
                                        LkHistoryState   state,
                                        GError         **error);
GPtrArray      *lk_history_list        (LkHistory       *self,
                                        const char      *tenant,
                                        const char      *kind,
                                        const char      *object_id,
                                        GError         **error);
GPtrArray      *lk_history_list_deleted (LkHistory      *self,
                                        const char      *tenant,
                                        const char      *kind,
                                        GError         **error);
LkHistoryEntry *lk_history_get         (LkHistory       *self,
                                        const char      *tenant,
                                        const char      *kind,
                                        const char      *object_id,
                                        gint64           version,
                                        GError         **error);

G_END_DECLS
