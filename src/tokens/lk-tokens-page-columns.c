/* lk-tokens-page-columns.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tokens-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-tokens-page-private.h"

/* The Tokens page's columns: one cell per token and column, following its
 * row's token; sorting by a column header sorts the LkTokenListModel.
 */

/* Ages and expiries are the tenant's to reckon. */
GDateTime *
_lk_tokens_page_tenant_now (LkTokensPage *self)
{
  return self->client != NULL ? lk_client_get_now (self->client) : g_date_time_new_now_utc ();
}

/* Whether a saved tenant connects with @token: the token's own tenant, in a
 * list of several, else the page's.
 */
gboolean
_lk_tokens_page_is_own_connection (LkTokensPage *self,
                                   LkToken      *token)
{
  LkTenant *tenant = lk_token_get_tenant (token);

  if (tenant != NULL)
    return g_strcmp0 (lk_token_get_id (token), lk_tenant_get_client_id (tenant)) == 0;
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
  guint         badge_kind;
} Cell;

#define CONNECTION_BADGE_TOOLTIP N_("Latchkey connects to this tenant with this token")

/* What the Name column's badge says; its tooltip is set when this changes. */
enum {
  BADGE_NONE,
  BADGE_CONNECTION,
  BADGE_ROTATED,
};

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
  LkRotationLink *link = self->rotations ? g_hash_table_lookup (self->rotations, lk_token_get_id (token)) : NULL;
  guint kind = _lk_tokens_page_is_own_connection (self, token) ? BADGE_CONNECTION : link ? BADGE_ROTATED : BADGE_NONE;

  gtk_label_set_text (cell->label, lk_token_get_name (token));
  gtk_widget_set_visible (GTK_WIDGET (cell->badge), kind != BADGE_NONE);
  if (kind == BADGE_CONNECTION)
    /* Revoking this one locks Latchkey out of the tenant: it is marked. */
    gtk_label_set_text (cell->badge, _("This connection"));
  else if (kind == BADGE_ROTATED)
    {
      g_autofree char *text = g_strdup_printf (_("Rotated → %s"), link->successor_name);
      g_autofree char *tooltip = NULL;
      GDateTime *last_used = lk_token_get_last_used (token);

      gtk_label_set_text (cell->badge, text);
      /* Whether anything still uses it: its last use against the rotation. */
      if (link->rotated == NULL)
        tooltip = g_strdup_printf (_("Replaced by “%s”"), link->successor_name);
      else if (last_used != NULL && g_date_time_compare (last_used, link->rotated) > 0)
        tooltip = g_strdup_printf (_("Replaced by “%s”, and still used since: something has not moved to it yet"),
                                   link->successor_name);
      else
        tooltip = g_strdup_printf (_("Replaced by “%s”, and not used since: it can be revoked"),
                                   link->successor_name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (cell->badge), tooltip);
    }
  if (kind != cell->badge_kind && kind != BADGE_ROTATED)
    gtk_widget_set_tooltip_text (GTK_WIDGET (cell->badge), _(CONNECTION_BADGE_TOOLTIP));
  cell->badge_kind = kind;
}

static void
bind_tenant (LkTokensPage *self,
             LkToken      *token,
             Cell         *cell,
             GDateTime    *now)
{
  LkTenant *tenant = lk_token_get_tenant (token);

  gtk_label_set_text (cell->label, tenant != NULL ? lk_tenant_get_name (tenant) : "");
}

static char *
tenant_tooltip (LkToken *token)
{
  LkTenant *tenant = lk_token_get_tenant (token);

  return tenant != NULL ? g_strdup (lk_tenant_get_base_url (tenant)) : NULL;
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
  else if (days_left <= self->expiry_warning_days)
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
  else if (days_left <= self->expiry_warning_days)
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

void
_lk_tokens_page_sync_sort (LkTokensPage *self)
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
  /* Shown when the list is every saved tenant's. */
  { "tenant", N_("Tenant"), TRUE, bind_tenant, tenant_tooltip, NULL, LK_TOKEN_SORT_TENANT },
  /* Revoking this connection's token locks Latchkey out of the tenant: it is marked. */
  { "name", N_("Name"), TRUE, bind_name, NULL, CONNECTION_BADGE_TOOLTIP, LK_TOKEN_SORT_NAME },
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
  /* Dates and marks are sized by what they say (large text included);
   * names, owners and scopes share what is left, cut short if need be.
   */
  if (columns[cell->column].expand)
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

  now = _lk_tokens_page_tenant_now (cell->page);
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

/* The columns in the order they give way as the page narrows: the last
 * goes first. With each, the characters it needs to be of use.
 */
static const struct {
  const char *id;
  int         chars;
} fit_order[] = {
  { "name", 16 },
  { "tenant", 12 },
  { "last-used", 12 },
  { "expires", 11 },
  { "owner", 14 },
  { "managed", 9 },
  { "created", 11 },
  { "scopes", 20 },
};

static guint
column_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].id, id))
      return i;

  g_assert_not_reached ();
}

static gboolean
apply_fit_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  self->fit_tick = 0;
  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), "lk-column-id");

      /* The check boxes follow the selection mode, not the width; the
       * tenant is said only in a list of several.
       */
      if (id != NULL)
        gtk_column_view_column_set_visible (column, (self->fitted_columns & (1u << column_index (id))) != 0 &&
                                                    (self->all_tenants || !g_str_equal (id, "tenant")));
    }

  return G_SOURCE_REMOVE;
}

/**
 * _lk_tokens_page_fit_columns:
 * @self: a #LkTokensPage
 * @width: the page's width
 *
 * Shows the columns @width has room for, by the page's own font (larger
 * text, fewer columns), so that none is cut to nothing. Applied on the next
 * frame: a column shown or hidden during an allocation would allocate again.
 */
void
_lk_tokens_page_fit_columns (LkTokensPage *self,
                             int           width)
{
  guint wanted = 0;
  int used = 0;

  /* Every allocation comes here (a search relays the list out): the font's
   * metrics are read once, and again when the font or the text scale change.
   */
  if (self->char_width == 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                                             NULL, NULL);

      self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE, 1);
      pango_font_metrics_unref (metrics);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fit_order); i++)
    {
      /* Each cell has some padding besides its text. */
      int needs = fit_order[i].chars * self->char_width + 24;

      /* A column not shown takes no room. */
      if (!self->all_tenants && g_str_equal (fit_order[i].id, "tenant"))
        continue;

      if (i > 0 && used + needs > width)
        break;
      used += needs;
      wanted |= 1u << column_index (fit_order[i].id);
    }

  if (wanted == self->fitted_columns)
    return;
  self->fitted_columns = wanted;
  if (self->fit_tick == 0)
    self->fit_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_fit_cb, NULL, NULL);
}

/**
 * _lk_tokens_page_refit_columns:
 * @self: a #LkTokensPage
 *
 * Fits the columns again: one was shown or hidden.
 */
void
_lk_tokens_page_refit_columns (LkTokensPage *self)
{
  self->fitted_columns = 0;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  /* Not shown: no allocation will come to fit them. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) && self->fit_tick == 0)
    {
      self->fitted_columns = (1u << G_N_ELEMENTS (columns)) - 1;
      apply_fit_cb (GTK_WIDGET (self), NULL, NULL);
    }
}

/**
 * _lk_tokens_page_get_column:
 * @self: a #LkTokensPage
 * @id: a column's id, such as "last-used"
 *
 * Returns: (transfer none): the column
 */
GtkColumnViewColumn *
_lk_tokens_page_get_column (LkTokensPage *self,
                            const char   *id)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "lk-column-id"), id) == 0)
        return column;
    }

  g_return_val_if_reached (NULL);
}

/* The selection mode's check boxes: one per row, ticked when its token is
 * selected. Ticking one adds to the selection instead of replacing it,
 * which Ctrl+click does not do on GTK 4.8 under X11.
 */
static void
on_check_toggled_cb (GtkCheckButton *check,
                     GtkListItem    *item)
{
  LkTokensPage *self = g_object_get_data (G_OBJECT (check), "lk-page");
  guint position = gtk_list_item_get_position (item);
  gboolean active = gtk_check_button_get_active (check);

  if (position == GTK_INVALID_LIST_POSITION || active == gtk_list_item_get_selected (item))
    return;

  if (active)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->rows), position, FALSE);
  else
    gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (self->rows), position);
}

static void
on_check_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   LkTokensPage             *self)
{
  GtkWidget *check = gtk_check_button_new ();

  g_object_set_data (G_OBJECT (check), "lk-page", self);
  g_object_bind_property (item, "selected", check, "active", G_BINDING_SYNC_CREATE);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), item);
  /* The row's cells say which token it is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Select"), -1);
  gtk_list_item_set_child (item, check);
}

static void
add_select_column (LkTokensPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_check_setup_cb), self);
  self->select_column = gtk_column_view_column_new (NULL, g_object_ref (factory));
  gtk_column_view_column_set_visible (self->select_column, FALSE);
  gtk_column_view_insert_column (self->column_view, 0, self->select_column);
  g_object_unref (self->select_column);
}

void
_lk_tokens_page_add_columns (LkTokensPage *self)
{
  self->fitted_columns = (1u << G_N_ELEMENTS (columns)) - 1;

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

  add_select_column (self);
}
