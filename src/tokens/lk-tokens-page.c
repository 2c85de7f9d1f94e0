/* lk-tokens-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tokens-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lk-client-tokens.h"
#include "lk-csv.h"
#include "lk-files.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-token-dialog.h"
#include "lk-token-list-model.h"
#include "lk-token-slot-model.h"
#include "lk-tokens-page.h"
#include "lk-page.h"

/* Every personal access token of a tenant, or one owner's: who owns it,
 * what it may do, when it was last used and when it expires, so that the
 * unused ones can be found and revoked.
 *
 * The list from the tenant is sorted and searched in an LkTokenListModel:
 * sorting happens once per load or click, and a keystroke only filters.
 * The view shows it through an LkTokenSlotModel, whose rows stay while
 * their tokens change: the cells follow a row's token.
 */

#define EXPIRY_WARNING_DAYS 14

/* Rows that catch up with the list in one frame. */
#define ROWS_PER_FRAME 6

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

static const int cleanup_days[] = { 0, 30, 90, 180, 365 };

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
  int                 probed_column;    /* see sync_sort() */

  /* Template widgets */
  GtkDropDown        *whose_dropdown;
  GtkEntry           *owner_entry;
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
};

static void lk_tokens_page_page_iface_init (LkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkTokensPage, lk_tokens_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LK_TYPE_PAGE, lk_tokens_page_page_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Cells */

/* Ages and expiries are the tenant's to reckon. */
static GDateTime *
tenant_now (LkTokensPage *self)
{
  return self->client != NULL ? lk_client_get_now (self->client) : g_date_time_new_now_utc ();
}

static gboolean
is_own_connection (LkTokensPage *self,
                   LkToken      *token)
{
  return self->client != NULL && g_strcmp0 (lk_token_get_id (token), lk_client_get_client_id (self->client)) == 0;
}

/**
 * lk_format_relative_date:
 * @date: (nullable): a past time
 * @now: the present
 *
 * Returns: (transfer full): "Never", "Today", "3 days ago", "5 months ago"…
 */
char *
lk_format_relative_date (GDateTime *date,
                         GDateTime *now)
{
  GTimeSpan span;
  gint64 days;

  if (date == NULL)
    return g_strdup (_("Never"));

  span = g_date_time_difference (now, date);
  days = span / G_TIME_SPAN_DAY;

  if (span < 0 || days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 14)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) days), (int) days);
  if (days < 60)
    return g_strdup_printf (ngettext ("%d week ago", "%d weeks ago", (gulong) (days / 7)), (int) (days / 7));
  if (days < 730)
    return g_strdup_printf (ngettext ("%d month ago", "%d months ago", (gulong) (days / 30)), (int) (days / 30));

  return g_strdup_printf (ngettext ("%d year ago", "%d years ago", (gulong) (days / 365)), (int) (days / 365));
}

static char *
format_exact (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;

  local = g_date_time_to_local (date);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* One cell of the view; its list item owns it. */
typedef struct {
  LkTokensPage *page;
  guint         column;
  GtkListItem  *item;
  GtkLabel     *label;
  GtkLabel     *badge;  /* only in the columns that have one */
} Cell;

typedef void (*BindFunc) (LkTokensPage *self,
                          LkToken      *token,
                          Cell         *cell,
                          GDateTime    *now);

static void
bind_name (LkTokensPage *self,
           LkToken      *token,
           Cell         *cell,
           GDateTime    *now)
{
  gboolean own = is_own_connection (self, token);

  gtk_label_set_text (cell->label, lk_token_get_name (token));
  /* Revoking this one locks Latchkey out of the tenant: it is marked. */
  gtk_label_set_text (cell->badge, _("This connection"));
  gtk_widget_set_visible (GTK_WIDGET (cell->badge), own);
}

static void
bind_owner (LkTokensPage *self,
            LkToken      *token,
            Cell         *cell,
            GDateTime    *now)
{
  LkOwner *owner = lk_token_get_owner (token);

  gtk_label_set_text (cell->label, lk_owner_get_name (owner));
}

static char *
owner_tooltip (LkToken *token)
{
  return g_strdup (lk_owner_get_id (lk_token_get_owner (token)));
}

static void
bind_scopes (LkTokensPage *self,
             LkToken      *token,
             Cell         *cell,
             GDateTime    *now)
{
  g_autofree char *joined = g_strjoinv (", ", (char **) lk_token_get_scopes (token));

  gtk_label_set_text (cell->label, joined);
}

static char *
scopes_tooltip (LkToken *token)
{
  return g_strjoinv ("\n", (char **) lk_token_get_scopes (token));
}

static void
bind_created (LkTokensPage *self,
              LkToken      *token,
              Cell         *cell,
              GDateTime    *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (lk_token_get_created (token));
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

  gtk_label_set_text (cell->label, day);
}

static char *
created_tooltip (LkToken *token)
{
  return format_exact (lk_token_get_created (token));
}

static void
bind_last_used (LkTokensPage *self,
                LkToken      *token,
                Cell         *cell,
                GDateTime    *now)
{
  g_autofree char *relative = lk_format_relative_date (lk_token_get_last_used (token), now);

  gtk_label_set_text (cell->label, relative);
  if (lk_token_get_last_used (token) == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (cell->label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (cell->label), "dim-label");
}

static char *
last_used_tooltip (LkToken *token)
{
  return format_exact (lk_token_get_last_used (token));
}

static void
bind_expires (LkTokensPage *self,
              LkToken      *token,
              Cell         *cell,
              GDateTime    *now)
{
  GDateTime *expiration = lk_token_get_expiration_date (token);
  g_autofree char *text = NULL;
  gint64 days_left = expiration ? g_date_time_difference (expiration, now) / G_TIME_SPAN_DAY : G_MAXINT64;
  gboolean expired = expiration != NULL && g_date_time_compare (expiration, now) <= 0;

  if (expiration == NULL)
    text = g_strdup (_("Never"));
  else if (expired)
    text = g_strdup (_("Expired"));
  else if (days_left < 1)
    text = g_strdup (_("Today"));
  else if (days_left <= EXPIRY_WARNING_DAYS)
    text = g_strdup_printf (ngettext ("In %d day", "In %d days", (gulong) days_left), (int) days_left);
  else
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (expiration);

      text = g_date_time_format (local, "%Y-%m-%d");
    }

  gtk_label_set_text (cell->label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (cell->label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (cell->label), "warning");
  if (expired)
    gtk_widget_add_css_class (GTK_WIDGET (cell->label), "error");
  else if (days_left <= EXPIRY_WARNING_DAYS)
    gtk_widget_add_css_class (GTK_WIDGET (cell->label), "warning");
}

static char *
expires_tooltip (LkToken *token)
{
  return format_exact (lk_token_get_expiration_date (token));
}

static void
bind_managed (LkTokensPage *self,
              LkToken      *token,
              Cell         *cell,
              GDateTime    *now)
{
  gtk_label_set_text (cell->label, "");
  gtk_label_set_text (cell->badge, _("Managed"));
  gtk_widget_set_visible (GTK_WIDGET (cell->badge), lk_token_get_managed (token));
}

/* GTK 4.8 cannot say which column the view sorts by: that is
 * gtk_column_view_sorter_get_primary_sort_column(), GTK 4.10. The view's
 * sorter asks its columns' sorters in turn, the primary one first; each of
 * these only notes that it was asked, and the answer's sign is the order.
 */
static int
probe_column (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  LkTokensPage *self = LK_TOKENS_PAGE ((gpointer) a);

  if (self->probed_column < 0)
    self->probed_column = GPOINTER_TO_INT (user_data);

  return -1;
}

static void
sync_sort (LkTokensPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;

  if (gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    {
      lk_token_list_model_set_sort (self->tokens, LK_TOKEN_SORT_NONE, FALSE);
      return;
    }

  self->probed_column = -1;
  /* Two distinct items: a sorter may answer "equal" for one item without asking. */
  ordering = gtk_sorter_compare (sorter, self, self->rows);
  if (self->probed_column < 0)
    return;

  lk_token_list_model_set_sort (self->tokens, (LkTokenSort) self->probed_column, ordering == GTK_ORDERING_LARGER);
}

static const struct {
  const char  *id;
  const char  *title;
  gboolean     expand;
  BindFunc     bind;
  char      *(*tooltip) (LkToken *token);
  const char  *badge_tooltip;
  LkTokenSort  sort;
} columns[] = {
  /* Revoking this connection's token locks Latchkey out of the tenant: it is marked. */
  { "name", N_("Name"), TRUE, bind_name, NULL, N_("Latchkey connects to this tenant with this token"),
    LK_TOKEN_SORT_NAME },
  { "owner", N_("Owner"), TRUE, bind_owner, owner_tooltip, NULL, LK_TOKEN_SORT_OWNER },
  { "scopes", N_("Scopes"), TRUE, bind_scopes, scopes_tooltip, NULL, LK_TOKEN_SORT_SCOPES },
  { "created", N_("Created"), FALSE, bind_created, created_tooltip, NULL, LK_TOKEN_SORT_CREATED },
  { "last-used", N_("Last Used"), FALSE, bind_last_used, last_used_tooltip, NULL, LK_TOKEN_SORT_LAST_USED },
  { "expires", N_("Expires"), FALSE, bind_expires, expires_tooltip, NULL, LK_TOKEN_SORT_EXPIRES },
  { "managed", N_("Managed"), FALSE, bind_managed, NULL,
    N_("Made by the platform, for example by a workflow; not shown in the ISC interface and not changed from here"),
    LK_TOKEN_SORT_MANAGED },
};

/* Tooltips are asked for when shown, not set on bind: in GTK 4.8 setting
 * one queries the pointer from the display server, a round trip per cell.
 */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *label,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip,
                          gpointer    data)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "lk-list-item");
  Cell *cell = g_object_get_data (G_OBJECT (item), "lk-cell");
  LkTokenSlot *row = gtk_list_item_get_item (item);
  LkToken *token = row != NULL ? lk_token_slot_get_token (row) : NULL;
  g_autofree char *text = NULL;

  if (token == NULL || columns[cell->column].tooltip == NULL || !(text = columns[cell->column].tooltip (token)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A label, and a badge for the columns that have one: GTK 4.8 can build
 * a few hundred rows at once, so few widgets.
 */
static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  Cell *cell = g_new0 (Cell, 1);
  GtkWidget *label = gtk_label_new (NULL);

  cell->page = g_object_get_data (G_OBJECT (factory), "lk-page");
  cell->column = GPOINTER_TO_UINT (data);
  cell->item = item;
  cell->label = GTK_LABEL (label);
  g_object_set_data_full (G_OBJECT (item), "lk-cell", cell, g_free);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  /* The item owns the label: the pointer lives as long as the label. */
  g_object_set_data (G_OBJECT (label), "lk-list-item", item);
  if (columns[cell->column].tooltip != NULL)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
    }

  if (columns[cell->column].badge_tooltip != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_add_css_class (badge, "badge");
      gtk_widget_set_visible (badge, FALSE);
      gtk_widget_set_tooltip_text (badge, _(columns[cell->column].badge_tooltip));
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), badge);
      cell->badge = GTK_LABEL (badge);
      gtk_list_item_set_child (item, box);
    }
  else
    gtk_list_item_set_child (item, label);
}

static void
update_cell (Cell *cell)
{
  LkToken *token = lk_token_slot_get_token (gtk_list_item_get_item (cell->item));
  g_autoptr(GDateTime) now = NULL;

  /* A row past the end of the list, about to go. */
  if (token == NULL)
    {
      gtk_label_set_text (cell->label, "");
      if (cell->badge != NULL)
        gtk_widget_set_visible (GTK_WIDGET (cell->badge), FALSE);
      return;
    }

  now = tenant_now (cell->page);
  columns[cell->column].bind (cell->page, token, cell, now);
}

static void
on_row_token_changed_cb (LkTokenSlot *row,
                         GParamSpec *pspec,
                         Cell       *cell)
{
  update_cell (cell);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  Cell *cell = g_object_get_data (G_OBJECT (item), "lk-cell");

  update_cell (cell);
  g_signal_connect (gtk_list_item_get_item (item), "notify::token", G_CALLBACK (on_row_token_changed_cb), cell);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  data)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (item), g_object_get_data (G_OBJECT (item), "lk-cell"));
}

static void
add_columns (LkTokensPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter =
        GTK_SORTER (gtk_custom_sorter_new (probe_column, GINT_TO_POINTER (columns[i].sort), NULL));

      g_object_set_data (G_OBJECT (factory), "lk-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), GUINT_TO_POINTER (i));

      column = gtk_column_view_column_new (_(columns[i].title), g_object_ref (factory));
      /* gtk_column_view_column_set_id() is GTK 4.10. */
      g_object_set_data (G_OBJECT (column), "lk-column-id", (gpointer) columns[i].id);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* State */

static Whose
get_whose (LkTokensPage *self)
{
  return (Whose) gtk_drop_down_get_selected (self->whose_dropdown);
}

static Cleanup
get_cleanup (LkTokensPage *self)
{
  return self->cleanup;
}

/* The tenant's filter for the cleanup chosen: lastUsed le DATE, or isnull. */
static char *
cleanup_filters (LkTokensPage *self)
{
  Cleanup cleanup = get_cleanup (self);
  g_autoptr(GDateTime) since = NULL;

  if (cleanup == CLEANUP_NEVER_USED)
    return lk_token_use_filter (LK_TOKEN_USE_NEVER, NULL);

  if (cleanup >= CLEANUP_UNUSED_30 && cleanup <= CLEANUP_UNUSED_365)
    {
      g_autoptr(GDateTime) now = tenant_now (self);

      since = g_date_time_add_days (now, -cleanup_days[cleanup]);
    }
  else if (cleanup == CLEANUP_UNUSED_SINCE)
    {
      g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);

      /* The end of the chosen day, local time, in UTC. */
      g_autoptr(GDateTime) end = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                        g_date_time_get_day_of_month (day), 23, 59, 59.999);
      since = g_date_time_to_utc (end);
    }
  else
    return lk_token_use_filter (LK_TOKEN_USE_ANY, NULL);

  return lk_token_use_filter (LK_TOKEN_USE_NOT_SINCE, since);
}

static void
update_date_button (LkTokensPage *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *label = g_date_time_format (day, "%Y-%m-%d");

  gtk_menu_button_set_label (self->date_button, label);
}

static GList *
selected_tokens (LkTokensPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->rows));
  GtkBitsetIter iter;
  GList *tokens = NULL;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    tokens = g_list_prepend (tokens, g_object_ref (lk_token_list_model_get_token (self->tokens, position)));

  return g_list_reverse (tokens);
}

static void
update_actions (LkTokensPage *self)
{
  g_autolist(LkToken) tokens = selected_tokens (self);
  gboolean revocable = tokens != NULL && !self->loading;

  /* Managed tokens belong to the platform: read-only here. */
  for (const GList *l = tokens; l != NULL; l = l->next)
    revocable &= !lk_token_get_managed (l->data);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.revoke", revocable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.new", self->client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.export",
                                 !self->loading && g_list_model_get_n_items (G_LIST_MODEL (self->tokens)) > 0);
  /* One token, not managed: managed tokens are read-only here. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.edit",
                                 revocable && tokens != NULL && tokens->next == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.reload", self->client != NULL && !self->loading);
}

static void
update_state (LkTokensPage *self)
{
  const char *name;

  if (self->loading)
    name = "loading";
  else if (lk_token_list_model_get_n_tokens (self->tokens) == 0)
    name = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->tokens)) == 0)
    name = "no-match";
  else
    name = "list";

  gtk_spinner_set_spinning (self->loading_spinner, self->loading);
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "error") || self->loading)
    gtk_stack_set_visible_child_name (self->state_stack, name);
  update_actions (self);
}

static void
show_error (LkTokensPage *self,
            const GError *error)
{
  gboolean forbidden = g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_FORBIDDEN);
  g_autofree char *escaped = NULL;

  if (forbidden && get_whose (self) == WHOSE_EVERYONE)
    adw_status_page_set_title (self->error_page, _("Not Allowed to List Every Token"));
  else if (forbidden)
    adw_status_page_set_title (self->error_page, _("Not Allowed"));
  else
    adw_status_page_set_title (self->error_page, _("The Tokens Could Not Be Loaded"));

  /* What the server said, its tracking ID included; the description is
   * markup, and messages hold "<data>" and such.
   */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);

  /* Anyone may list their own tokens: offer that rather than a retry in vain. */
  gtk_button_set_label (self->error_button, forbidden ? _("Show _My Tokens") : _("_Try Again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button),
                                  forbidden ? "tokens.show-mine" : "tokens.reload");

  gtk_stack_set_visible_child_name (self->state_stack, "error");
}

static void
on_tokens_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkTokensPage) self = user_data;
  g_autoptr(GListModel) tokens = NULL;
  g_autoptr(GError) error = NULL;

  tokens = lk_client_list_tokens_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);

  if (tokens == NULL)
    {
      lk_token_list_model_set_tokens (self->tokens, NULL);
      update_state (self);
      show_error (self, error);
      return;
    }

  lk_token_list_model_set_tokens (self->tokens, tokens);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  update_state (self);
}

static void
set_empty_description (LkTokensPage *self)
{
  static const char *descriptions[] = {
    N_("You have no personal access tokens on this tenant."),
    N_("This tenant has no personal access tokens."),
    N_("This identity has no personal access tokens."),
  };

  adw_status_page_set_description (self->empty_page, _(descriptions[get_whose (self)]));
}

/**
 * lk_tokens_page_reload:
 * @self: a #LkTokensPage
 *
 * Fetches the list again, for the owner chosen in the page.
 */
void
lk_tokens_page_reload (LkTokensPage *self)
{
  g_autofree char *filters = NULL;
  const char *owner = NULL;

  g_return_if_fail (LK_IS_TOKENS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->client == NULL)
    {
      self->loading = FALSE;
      lk_token_list_model_set_tokens (self->tokens, NULL);
      update_state (self);
      return;
    }

  switch (get_whose (self))
    {
    case WHOSE_MINE:
      owner = "me";
      break;

    case WHOSE_OWNER:
      owner = gtk_editable_get_text (GTK_EDITABLE (self->owner_entry));
      if (*owner == '\0')
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->owner_entry));
          return;
        }
      break;

    case WHOSE_EVERYONE:
    default:
      break;
    }

  set_empty_description (self);
  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  update_state (self);
  filters = cleanup_filters (self);
  g_free (self->loaded_filters);
  self->loaded_filters = g_strdup (filters);
  lk_client_list_tokens_async (self->client, owner, filters, self->cancellable, on_tokens_listed_cb,
                               g_object_ref (self));
}

static void
on_whose_changed_cb (LkTokensPage *self,
                     GParamSpec   *pspec,
                     GtkDropDown  *dropdown)
{
  gboolean by_owner = get_whose (self) == WHOSE_OWNER;

  gtk_widget_set_visible (GTK_WIDGET (self->owner_entry), by_owner);
  if (by_owner && *gtk_editable_get_text (GTK_EDITABLE (self->owner_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->owner_entry));
  else
    lk_tokens_page_reload (self);
}

static void
on_owner_entry_activate_cb (LkTokensPage *self,
                            GtkEntry     *entry)
{
  lk_tokens_page_reload (self);
}

static void
on_cleanup_changed_cb (LkTokensPage *self,
                       GParamSpec   *pspec,
                       GtkDropDown  *dropdown)
{
  g_autofree char *filters = NULL;
  gboolean by_date;

  self->cleanup = (Cleanup) gtk_drop_down_get_selected (dropdown);
  by_date = get_cleanup (self) == CLEANUP_UNUSED_SINCE;

  /* "Expired or expiring" is decided here; the unused filters by the tenant. */
  if (get_cleanup (self) == CLEANUP_EXPIRING)
    {
      g_autoptr(GDateTime) now = tenant_now (self);
      g_autoptr(GDateTime) expiring_before = g_date_time_add_days (now, EXPIRY_WARNING_DAYS);

      lk_token_list_model_set_expiring_before (self->tokens, expiring_before);
    }
  else
    lk_token_list_model_set_expiring_before (self->tokens, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->date_button), by_date);
  if (by_date)
    update_date_button (self);

  /* The list in hand serves when the tenant's filter stays the same (all, or expiring). */
  filters = cleanup_filters (self);
  if (!self->loading && g_strcmp0 (filters, self->loaded_filters) == 0)
    update_state (self);
  else
    lk_tokens_page_reload (self);
}

static void
on_day_selected_cb (LkTokensPage *self,
                    GtkCalendar  *calendar)
{
  update_date_button (self);
  gtk_menu_button_popdown (self->date_button);
  lk_tokens_page_reload (self);
}

static void
on_search_changed_cb (LkTokensPage   *self,
                      GtkSearchEntry *entry)
{
  lk_token_list_model_set_search (self->tokens, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_state (self);
}

static void
on_selection_changed_cb (LkTokensPage      *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *selection)
{
  update_actions (self);
}

static gboolean
catch_up_cb (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  LkTokensPage *self = user_data;

  if (gdk_frame_clock_get_frame_counter (frame_clock) <= self->catch_up_after)
    return G_SOURCE_CONTINUE;

  if (lk_token_slot_model_catch_up (self->rows, ROWS_PER_FRAME))
    return G_SOURCE_CONTINUE;

  self->catch_up_tick = 0;
  return G_SOURCE_REMOVE;
}

/* The frame that shows a change does not catch up too. */
static void
delay_catch_up (LkTokensPage *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (frame_clock != NULL)
    self->catch_up_after = gdk_frame_clock_get_frame_counter (frame_clock) + 1;
}

/* The rows catch up with the list a few per frame, so that a keystroke
 * costs the rows on screen only; with no frames to spread over, at once.
 */
static void
on_rows_pending_cb (LkTokensPage *self)
{
  if (!lk_token_slot_model_get_pending (self->rows) || self->catch_up_tick != 0)
    return;

  /* The page, not the view: the view is hidden while there is nothing to show. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->catch_up_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), catch_up_cb, self, NULL);
  else
    while (lk_token_slot_model_catch_up (self->rows, G_MAXUINT))
      ;
}

/* Rows are all the same height: the scroll position says which are on screen. */
static void
update_visible_range (LkTokensPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  double upper = adjustment != NULL ? gtk_adjustment_get_upper (adjustment) : 0;
  double row_height;

  if (n_rows == 0 || upper <= 0)
    {
      lk_token_slot_model_set_visible_range (self->rows, 0, G_MAXUINT);
      return;
    }

  row_height = upper / n_rows;
  lk_token_slot_model_set_visible_range (self->rows, (guint) (gtk_adjustment_get_value (adjustment) / row_height),
                                        (guint) (gtk_adjustment_get_page_size (adjustment) / row_height) + 2);
}

static gboolean
visible_range_tick_cb (GtkWidget     *widget,
                       GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  LkTokensPage *self = user_data;

  self->visible_range_tick = 0;
  update_visible_range (self);
  return G_SOURCE_REMOVE;
}

/* The view moves its adjustment while it lays its rows out, too: rows that
 * took another token then would be painted with the size of the one they
 * had ("snapshot without a current allocation"). So the rows follow the
 * scroll position at the start of the next frame, before its layout; a
 * scroll by the user comes before that frame, and shows at once.
 */
static void
queue_visible_range_update (LkTokensPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_visible_range (self);
  else if (self->visible_range_tick == 0)
    self->visible_range_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), visible_range_tick_cb, self, NULL);
}

static void
on_filtered_items_changed_cb (LkTokensPage *self,
                              guint         position,
                              guint         removed,
                              guint         added,
                              GListModel   *model)
{
  delay_catch_up (self);
  update_state (self);
}

/* Revoking */

typedef struct {
  LkTokensPage *self;
  GList        *tokens;
  GList        *next;
  LkToken      *current;
  guint         revoked;
  gboolean      own_revoked;
  GError       *first_error;
} Revocation;

static void
revocation_free (Revocation *revocation)
{
  g_clear_object (&revocation->self);
  g_list_free_full (revocation->tokens, g_object_unref);
  g_clear_error (&revocation->first_error);
  g_free (revocation);
}

static void revoke_next (Revocation *revocation);

static void
on_token_revoked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Revocation *revocation = user_data;
  g_autoptr(GError) error = NULL;

  if (lk_client_revoke_token_finish (LK_CLIENT (object), result, &error))
    {
      revocation->revoked++;
      revocation->own_revoked |= is_own_connection (revocation->self, revocation->current);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      revocation_free (revocation);
      return;
    }
  else if (revocation->first_error == NULL)
    revocation->first_error = g_steal_pointer (&error);

  revoke_next (revocation);
}

static void
toast (LkTokensPage *self,
       const char   *message)
{
  /* The window shows it; a page on its own (tests) has nowhere to. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

/* One at a time: the tenant's rate limit counts every DELETE. */
static void
revoke_next (Revocation *revocation)
{
  LkTokensPage *self = revocation->self;
  LkToken *token;

  if (revocation->next == NULL)
    {
      g_autofree char *message = NULL;

      if (revocation->first_error != NULL)
        message = g_strdup_printf (_("Revoked %u of %u tokens. %s"), revocation->revoked,
                                   g_list_length (revocation->tokens), revocation->first_error->message);
      else
        message = g_strdup_printf (ngettext ("Revoked %u token", "Revoked %u tokens", revocation->revoked),
                                   revocation->revoked);
      toast (self, message);
      /* Its bearer token lasts a while yet; the next one will be refused. */
      if (revocation->own_revoked)
        toast (self, _("Latchkey’s own token for this tenant is revoked: edit the tenant to connect with another"));
      self->loading = FALSE;
      lk_tokens_page_reload (self);
      revocation_free (revocation);
      return;
    }

  token = revocation->current = revocation->next->data;
  revocation->next = revocation->next->next;
  lk_client_revoke_token_async (self->client, lk_token_get_id (token), self->cancellable,
                                on_token_revoked_cb, revocation);
}

static void
on_revoke_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  Revocation *revocation = user_data;
  LkTokensPage *self = revocation->self;

  if (g_strcmp0 (response, "revoke") != 0 || self->client == NULL)
    {
      revocation_free (revocation);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_actions (self);

  revocation->next = revocation->tokens;
  revoke_next (revocation);
}

static void
on_lockout_confirmed_cb (GtkCheckButton   *check,
                         GParamSpec       *pspec,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "revoke", gtk_check_button_get_active (check));
}

static void
lk_tokens_page_revoke_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  Revocation *revocation = g_new0 (Revocation, 1);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  AdwMessageDialog *dialog;
  gboolean own = FALSE;
  guint n = 0;

  revocation->self = g_object_ref (self);
  revocation->tokens = selected_tokens (self);
  if (revocation->tokens == NULL)
    {
      revocation_free (revocation);
      return;
    }

  for (const GList *l = revocation->tokens; l != NULL; l = l->next, n++)
    {
      own |= is_own_connection (self, l->data);
      if (n < 10)
        g_string_append_printf (body, "• %s — %s\n", lk_token_get_name (l->data),
                                lk_owner_get_name (lk_token_get_owner (l->data)));
    }
  if (n > 10)
    g_string_append_printf (body, ngettext ("…and %u more\n", "…and %u more\n", n - 10), n - 10);
  g_string_append (body, _("\nAnything that uses them stops working at once. This cannot be undone."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, NULL, body->str));
  if (n == 1)
    adw_message_dialog_format_heading (dialog, _("Revoke “%s”?"), lk_token_get_name (revocation->tokens->data));
  else
    adw_message_dialog_format_heading (dialog, ngettext ("Revoke %u Token?", "Revoke %u Tokens?", n), n);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  /* The token this very connection uses: revoking it locks Latchkey out. */
  if (own)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (
        _("_Revoke the token Latchkey uses for this tenant, and lose access to it"));

      gtk_widget_add_css_class (check, "error");
      adw_message_dialog_set_extra_child (dialog, check);
      adw_message_dialog_set_response_enabled (dialog, "revoke", FALSE);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (on_lockout_confirmed_cb), dialog, 0);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (on_revoke_response_cb), revocation);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_token_saved_cb (LkTokensPage  *self,
                   LkToken       *token,
                   LkTokenDialog *dialog)
{
  lk_tokens_page_reload (self);
}

static void
lk_tokens_page_new_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  LkTokenDialog *dialog;

  if (self->client == NULL)
    return;

  dialog = lk_token_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->client, self->session, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_token_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_tokens_page_edit_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  g_autolist(LkToken) tokens = selected_tokens (self);
  LkTokenDialog *dialog;

  if (self->client == NULL || tokens == NULL || tokens->next != NULL || lk_token_get_managed (tokens->data))
    return;

  dialog = lk_token_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->client, NULL, tokens->data);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_token_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lk_tokens_page_export_async:
 * @self: a #LkTokensPage
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once written
 * @user_data: data for @callback
 *
 * Writes the tokens as shown, searched, filtered and sorted, as CSV.
 */
void
lk_tokens_page_export_async (LkTokensPage        *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LK_IS_TOKENS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_tokens_page_export_async);
  lk_task_replace_file_contents (task, file, lk_tokens_to_csv (G_LIST_MODEL (self->tokens)));
}

gboolean
lk_tokens_page_export_finish (LkTokensPage  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LK_IS_TOKENS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LkTokensPage *self = LK_TOKENS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lk_tokens_page_export_finish (self, result, &error))
    message = g_strdup_printf (_("The list could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (ngettext ("Saved %u token as CSV", "Saved %u tokens as CSV",
                                         g_list_model_get_n_items (G_LIST_MODEL (self->tokens))),
                               g_list_model_get_n_items (G_LIST_MODEL (self->tokens)));
  toast (self, message);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LkTokensPage    *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      lk_tokens_page_export_async (self, file, NULL, on_exported_cb, NULL);
    }

  g_object_unref (chooser);
}

static void
lk_tokens_page_export_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("access-tokens-%s.csv", day);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* GtkFileDialog is GTK 4.10. */
  chooser = gtk_file_chooser_native_new (_("Save the Tokens as CSV"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lk_tokens_page_reload_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  lk_tokens_page_reload (LK_TOKENS_PAGE (widget));
}

static void
lk_tokens_page_show_mine_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  gtk_drop_down_set_selected (self->whose_dropdown, WHOSE_MINE);
}

/* GObject */

static void
lk_tokens_page_dispose (GObject *object)
{
  LkTokensPage *self = (LkTokensPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->catch_up_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->catch_up_tick);
  self->catch_up_tick = 0;
  if (self->visible_range_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->visible_range_tick);
  self->visible_range_tick = 0;

  /* The column view's sorter changes as it goes, and the models would tell a page half gone. */
  g_signal_handlers_disconnect_by_data (self->rows, self);
  g_signal_handlers_disconnect_by_data (self->tokens, self);
  g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->column_view != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

      if (adjustment != NULL)
        g_signal_handlers_disconnect_by_data (adjustment, self);

      gtk_column_view_set_model (self->column_view, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TOKENS_PAGE);

  G_OBJECT_CLASS (lk_tokens_page_parent_class)->dispose (object);
}

static void
lk_tokens_page_finalize (GObject *object)
{
  LkTokensPage *self = (LkTokensPage *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->session);
  g_clear_object (&self->rows);
  g_clear_object (&self->tokens);
  g_clear_pointer (&self->loaded_filters, g_free);

  G_OBJECT_CLASS (lk_tokens_page_parent_class)->finalize (object);
}

static void
lk_tokens_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkTokensPage *self = LK_TOKENS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tokens_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LkTokensPage *self = LK_TOKENS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      lk_tokens_page_set_client (self, g_value_get_object (value));
      break;

    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tokens_page_class_init (LkTokensPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_tokens_page_dispose;
  object_class->finalize = lk_tokens_page_finalize;
  object_class->get_property = lk_tokens_page_get_property;
  object_class->set_property = lk_tokens_page_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* To offer a new token as a tenant connection; optional. */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tokens/lk-tokens-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, whose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, owner_entry);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, cleanup_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, error_button);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, column_view);
  /* Not used here, but reachable with gtk_widget_get_template_child() for tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "revoke_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "tokens.reload", NULL, lk_tokens_page_reload_action);
  gtk_widget_class_install_action (widget_class, "tokens.new", NULL, lk_tokens_page_new_action);
  gtk_widget_class_install_action (widget_class, "tokens.edit", NULL, lk_tokens_page_edit_action);
  gtk_widget_class_install_action (widget_class, "tokens.export", NULL, lk_tokens_page_export_action);
  gtk_widget_class_install_action (widget_class, "tokens.revoke", NULL, lk_tokens_page_revoke_action);
  gtk_widget_class_install_action (widget_class, "tokens.show-mine", NULL, lk_tokens_page_show_mine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "tokens.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "tokens.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "tokens.revoke", NULL);
}

static void
lk_tokens_page_init (LkTokensPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tokens = lk_token_list_model_new ();
  self->rows = lk_token_slot_model_new (self->tokens);

  add_columns (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->rows));

  /* Most recently used first: what an administrator looks at first. */
  {
    g_autoptr(GtkColumnViewColumn) last_used =
      g_list_model_get_item (gtk_column_view_get_columns (self->column_view), 4);

    g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (sync_sort), self,
                             G_CONNECT_SWAPPED);
    gtk_column_view_sort_by_column (self->column_view, last_used, GTK_SORT_DESCENDING);
  }

  g_signal_connect_object (self->rows, "selection-changed", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rows, "notify::pending", G_CALLBACK (on_rows_pending_cb), self,
                           G_CONNECT_SWAPPED);
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (queue_visible_range_update), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (queue_visible_range_update), self, G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->tokens, "items-changed", G_CALLBACK (on_filtered_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Connected here, not in the template: they would fire while it is still built. */
  g_signal_connect_object (self->whose_dropdown, "notify::selected", G_CALLBACK (on_whose_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cleanup_dropdown, "notify::selected", G_CALLBACK (on_cleanup_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_drop_down_set_selected (self->whose_dropdown, WHOSE_EVERYONE);
  update_state (self);
}

LkTokensPage *
lk_tokens_page_new (void)
{
  return g_object_new (LK_TYPE_TOKENS_PAGE, NULL);
}

/**
 * lk_tokens_page_get_client:
 * @self: a #LkTokensPage
 *
 * Returns: (transfer none) (nullable): the tenant's client
 */
LkClient *
lk_tokens_page_get_client (LkTokensPage *self)
{
  g_return_val_if_fail (LK_IS_TOKENS_PAGE (self), NULL);

  return self->client;
}

/**
 * lk_tokens_page_set_client:
 * @self: a #LkTokensPage
 * @client: (nullable): the tenant to show the tokens of
 */
void
lk_tokens_page_set_client (LkTokensPage *self,
                           LkClient     *client)
{
  g_return_if_fail (LK_IS_TOKENS_PAGE (self));
  g_return_if_fail (!client || LK_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
  lk_tokens_page_reload (self);
}

/**
 * lk_tokens_page_get_model:
 * @self: a #LkTokensPage
 *
 * Returns: (transfer none): the tokens as shown: sorted, filtered, selectable
 */
GtkSelectionModel *
lk_tokens_page_get_model (LkTokensPage *self)
{
  g_return_val_if_fail (LK_IS_TOKENS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->rows);
}

/* LkPage */

static void
page_set_client (LkPage   *page,
                 LkClient *client)
{
  lk_tokens_page_set_client ((LkTokensPage *) page, client);
}

static void
lk_tokens_page_page_iface_init (LkPageInterface *iface)
{
  iface->set_client = page_set_client;
}
