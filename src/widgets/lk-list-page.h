/* lk-list-page.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-client-resources.h"
#include "lk-form-editor.h"
#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_LIST_PAGE (lk_list_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (LkListPage, lk_list_page, LK, LIST_PAGE, AdwBin)

typedef char *(*LkListPageFormatFunc) (LkListPage *self,
                                       gpointer    item);

struct _LkListPageClass
{
  AdwBinClass parent_class;

  /* What the page lists: its paths, its items' ids and names. */
  const LkResourceKind *kind;
  /* The order shown; NULL keeps the tenant's. */
  GCompareDataFunc      compare;

  /* Fetches the list, and whatever else the page shows with it; by
   * default the kind's collection, every page of it.
   */
  void        (*load_async)     (LkListPage          *self,
                                 LkClient            *client,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
  GListModel *(*load_finish)    (LkListPage          *self,
                                 GAsyncResult        *result,
                                 GError             **error);
  /* Fills the editor with @item, or with a new one when NULL. */
  void        (*edit)           (LkListPage          *self,
                                 LkClient            *client,
                                 gpointer             item);
  /* Whether the tenant lets @item go; by default, yes. */
  gboolean    (*can_delete)     (LkListPage          *self,
                                 gpointer             item);
  /* The body of "Delete …?": what deleting @item does. */
  char       *(*delete_message) (LkListPage          *self,
                                 gpointer             item);
  /* The subclass's own actions follow the page's state. */
  void        (*update_actions) (LkListPage          *self);
};

void               lk_list_page_class_install_actions (LkListPageClass      *klass,
                                                       const char           *prefix);

LkClient          *lk_list_page_get_client            (LkListPage           *self);
void               lk_list_page_open_draft            (LkListPage           *self,
                                                       const char           *id,
                                                       JsonObject           *draft);
void               lk_list_page_set_client            (LkListPage           *self,
                                                       LkClient             *client);
void               lk_list_page_reload                (LkListPage           *self);
GtkSelectionModel *lk_list_page_get_model             (LkListPage           *self);
GListModel        *lk_list_page_get_items             (LkListPage           *self);
gpointer           lk_list_page_get_selected          (LkListPage           *self);
gboolean           lk_list_page_get_loaded            (LkListPage           *self);
LkFormEditor      *lk_list_page_get_editor            (LkListPage           *self);
void               lk_list_page_set_editor            (LkListPage           *self,
                                                       LkFormEditor         *editor);
gboolean           lk_list_page_get_has_unsaved_changes (LkListPage         *self);
void               lk_list_page_show_editor           (LkListPage           *self);
GStrv              lk_list_page_dup_names             (LkListPage           *self);
void               lk_list_page_add_column            (LkListPage           *self,
                                                       const char           *title,
                                                       gboolean              expand,
                                                       GtkListItemFactory   *factory);
void               lk_list_page_add_text_column       (LkListPage           *self,
                                                       const char           *title,
                                                       gboolean              expand,
                                                       LkListPageFormatFunc  format);
void               lk_list_page_show_error            (LkListPage           *self,
                                                       const char           *heading,
                                                       const char           *message);

G_END_DECLS
