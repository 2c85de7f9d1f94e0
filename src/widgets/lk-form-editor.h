/* lk-form-editor.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client-resources.h"

G_BEGIN_DECLS

#define LK_TYPE_FORM_EDITOR (lk_form_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (LkFormEditor, lk_form_editor, LK, FORM_EDITOR, AdwBin)

struct _LkFormEditorClass
{
  AdwBinClass parent_class;

  /* Sends the form; the subclass ends with lk_form_editor_save_done(). */
  void        (*save)            (LkFormEditor *self);
  /* The editor was left: saved, discarded, or unchanged. */
  void        (*done)            (LkFormEditor *self);
  /* The body of the "Save Changes?" question. */
  const char   *unsaved_message;
  /* After a conflict: @theirs is what the tenant has now, @merged what the
   * form shows; the subclass edits @merged against @theirs, or against
   * the new object it was opened for when @theirs is %NULL.
   */
  void        (*load_merged)     (LkFormEditor *self,
                                  JsonObject   *theirs,
                                  JsonObject   *merged);
  /* Shows why a save failed: the tenant's words, above the form. */
  void        (*show_error)      (LkFormEditor *self,
                                  const char   *message);
  /* The form takes what the tenant saved. */
  void        (*take_saved)      (LkFormEditor *self,
                                  gpointer      saved);
  /* A field's name for people, by its JSON member. */
  char       *(*member_title)    (LkFormEditor *self,
                                  const char   *member);
};

gboolean lk_form_editor_get_valid     (LkFormEditor        *self);
gboolean lk_form_editor_get_changed   (LkFormEditor        *self);
gboolean lk_form_editor_get_saving    (LkFormEditor        *self);
char    *lk_form_editor_dup_member_title (LkFormEditor   *self,
                                          const char     *member);
void     lk_form_editor_set_state     (LkFormEditor        *self,
                                       gboolean             valid,
                                       gboolean             changed);
void     lk_form_editor_restart       (LkFormEditor        *self);
void     lk_form_editor_save          (LkFormEditor        *self);
void     lk_form_editor_save_done     (LkFormEditor        *self,
                                       gboolean             saved);
void     lk_form_editor_send          (LkFormEditor        *self,
                                       LkClient            *client,
                                       const LkResourceKind *kind,
                                       gpointer             original,
                                       gpointer             draft);
void     lk_form_editor_fetch_and_resolve (LkFormEditor        *self,
                                           LkClient            *client,
                                           const LkResourceKind *kind,
                                           gpointer             original,
                                           gpointer             draft,
                                           GCancellable        *cancellable);
void     lk_form_editor_resolve_conflict (LkFormEditor         *self,
                                          const LkResourceKind *kind,
                                          JsonObject           *base,
                                          JsonObject           *mine,
                                          JsonObject           *theirs);
void     lk_form_editor_keep_draft    (LkFormEditor         *self,
                                       LkClient             *client,
                                       const LkResourceKind *kind,
                                       gpointer              original,
                                       gpointer              draft);
void          lk_form_editor_load_draft     (LkFormEditor         *self,
                                             JsonObject           *theirs,
                                             const char           *draft_id,
                                             JsonObject           *draft);
void     lk_form_editor_leave_async   (LkFormEditor        *self,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean lk_form_editor_leave_finish  (LkFormEditor        *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
