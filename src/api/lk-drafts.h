/* lk-drafts.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_DRAFTS (lk_drafts_get_type ())

G_DECLARE_FINAL_TYPE (LkDrafts, lk_drafts, LK, DRAFTS, GObject)

/* The object id of a draft of a new object, which has none yet: this and a UUID. */
#define LK_DRAFT_NEW_PREFIX "new-"

/* An edit not saved yet, as the editor last showed it. */
typedef struct {
  char       *tenant;      /* base URL */
  char       *collection;  /* "/password-policies" */
  char       *object_id;
  GDateTime  *kept_at;
  JsonObject *object;      /* the form, as the object it would save */
} LkDraft;

void lk_draft_free (LkDraft *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkDraft, lk_draft_free)

LkDrafts   *lk_drafts_new    (const char  *folder);
gboolean    lk_drafts_keep   (LkDrafts    *self,
                              const char  *tenant,
                              const char  *collection,
                              const char  *object_id,
                              JsonObject  *object,
                              GError     **error);
gboolean    lk_drafts_forget (LkDrafts    *self,
                              const char  *tenant,
                              const char  *collection,
                              const char  *object_id,
                              GError     **error);
GPtrArray  *lk_drafts_list   (LkDrafts    *self,
                              const char  *tenant);

G_END_DECLS
