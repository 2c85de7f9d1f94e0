/* lk-tokens-page-private.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-all-tokens.h"
#include "lk-client-tokens.h"
#include "lk-identity-picker.h"
#include "lk-rotations.h"
#include "lk-token-list-model.h"
#include "lk-token-slot-model.h"
#include "lk-tokens-page.h"

G_BEGIN_DECLS

/* What the Tokens page's files share: lk-tokens-page.c (the list, its
 * filters and the rows on screen), lk-tokens-page-columns.c (the cells)
 * and lk-tokens-page-actions.c (new, edit, export, revoke).
 */

typedef enum {
  WHOSE_MINE,
  WHOSE_EVERYONE,
  WHOSE_OWNER,
} Whose;

/* The order of the cleanup drop-down. */
typedef enum {
  CLEANUP_NONE,
  CLEANUP_UNUSED_30,
  CLEANUP_UNUSED_90,
  CLEANUP_UNUSED_180,
  CLEANUP_UNUSED_365,
  CLEANUP_UNUSED_SINCE,
  CLEANUP_NEVER_USED,
  CLEANUP_EXPIRING,
} Cleanup;

struct _LkTokensPage
{
  AdwBin              parent_instance;

  /* Owned */
  LkClient           *client;
  LkSession          *session;
  GCancellable       *cancellable;
  LkTokenListModel   *tokens;
  LkTokenSlotModel    *rows;
  guint               catch_up_tick;
  guint               visible_range_tick;
  gint64              catch_up_after;   /* the frame of the last change: its own work is enough for it */
  gboolean            loading;
  char               *loaded_filters;   /* the tenant-side filter of the list in hand */
  Cleanup             cleanup;
  int                 probed_column;    /* see _lk_tokens_page_sync_sort() */
  guint               fitted_columns;   /* bit per column: shown at this width */
  guint               fit_tick;
  int                 char_width;       /* of the page's font, in pixels; 0 until read */
  gboolean            selection_mode;   /* check boxes to choose several, as GNOME apps do */
  GtkColumnViewColumn *select_column;
  LkRotations        *rotation_store;
  GHashTable         *rotations;        /* old token ID → LkRotationLink, this tenant's */
  GPtrArray          *retired_ids;      /* rotated, and unused since for retire-unused-days */
  GSettings          *settings;
  int                 expiry_warning_days;  /* a token is "expiring" this many days before it does */
  LkAllTokens        *all;              /* every saved tenant's, when all_tenants */
  gboolean            all_tenants;
  gboolean            merging;          /* the tenants in so far, being sorted into the list */
  gboolean            merge_again;      /* another tenant came in meanwhile */
  char               *shown_token_id;       /* to open once the list of its tenant is in */
  char               *shown_token_base_url;

  /* Template widgets */
  GtkDropDown        *whose_dropdown;
  LkIdentityPicker   *owner_picker;
  GtkDropDown        *cleanup_dropdown;
  GtkMenuButton      *date_button;
  GtkCalendar        *calendar;
  GtkSearchEntry     *search_entry;
  GtkStack           *state_stack;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *error_page;
  GtkButton          *error_button;
  AdwStatusPage      *empty_page;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkWidget          *revoke_button;
  GtkWidget          *rotate_button;
  GtkButton          *retired_button;
  GtkListBox         *tenant_rows;
};

/* Every tenant at once */
LkClient  *_lk_tokens_page_client_for         (LkTokensPage   *self,
                                               LkToken        *token);
void       _lk_tokens_page_load_all           (LkTokensPage   *self,
                                               const char     *owner_id,
                                               const char     *filters);
void       _lk_tokens_page_update_tenant_rows (LkTokensPage   *self);
/* A list is in: shown, with what goes with it. */
void       _lk_tokens_page_list_taken         (LkTokensPage   *self);

/* Columns */
void       _lk_tokens_page_add_columns        (LkTokensPage   *self);
void       _lk_tokens_page_fit_columns        (LkTokensPage   *self,
                                               int             width);
void       _lk_tokens_page_refit_columns      (LkTokensPage   *self);
GtkColumnViewColumn *_lk_tokens_page_get_column (LkTokensPage *self,
                                                 const char   *id);
/* The view's sort, made the list's: on the sorter's "changed". */
void       _lk_tokens_page_sync_sort          (LkTokensPage   *self);
GDateTime *_lk_tokens_page_tenant_now         (LkTokensPage   *self);
gboolean   _lk_tokens_page_is_own_connection  (LkTokensPage   *self,
                                               LkToken        *token);

/* Actions */
void       _lk_tokens_page_class_add_actions  (GtkWidgetClass *widget_class);
void       _lk_tokens_page_toast              (LkTokensPage   *self,
                                               const char     *message);

/* State */
GList     *_lk_tokens_page_selected_tokens    (LkTokensPage   *self);
void       _lk_tokens_page_edit_token         (LkTokensPage   *self,
                                               LkToken        *token);
void       _lk_tokens_page_update_actions     (LkTokensPage   *self);

G_END_DECLS
