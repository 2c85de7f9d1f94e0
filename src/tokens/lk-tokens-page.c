/* lk-tokens-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tokens-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lk-error.h"
#include "lk-json.h"
#include "lk-page.h"
#include "lk-tokens-page-private.h"
#include "lk-widget-state.h"
#include "lk-wrap-box.h"

/* Every personal access token of a tenant, or one owner's: who owns it,
 * what it may do, when it was last used and when it expires, so that the
 * unused ones can be found and revoked.
 *
 * The list from the tenant is sorted and searched in an LkTokenListModel:
 * sorting happens once per load or click, and a keystroke only filters.
 * The view shows it through an LkTokenSlotModel, whose rows stay while
 * their tokens change: the cells follow a row's token.
 */

/* Rows that catch up with the list in one frame. */
#define ROWS_PER_FRAME 6

static const int cleanup_days[] = { 0, 30, 90, 180, 365 };

static void lk_tokens_page_page_iface_init (LkPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkTokensPage, lk_tokens_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LK_TYPE_PAGE, lk_tokens_page_page_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SELECTION_MODE,
  PROP_SESSION,
  PROP_ALL_TENANTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

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
      g_autoptr(GDateTime) now = _lk_tokens_page_tenant_now (self);

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

GList *
_lk_tokens_page_selected_tokens (LkTokensPage *self)
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

void
_lk_tokens_page_update_actions (LkTokensPage *self)
{
  g_autolist(LkToken) tokens = _lk_tokens_page_selected_tokens (self);
  guint managed = 0;
  guint n = 0;
  gboolean revocable;
  const char *why;

  /* Managed tokens belong to the platform: read-only here. The others of a
   * selection can still go, and the button says which will.
   */
  for (const GList *l = tokens; l != NULL; l = l->next, n++)
    managed += lk_token_get_managed (l->data);
  revocable = n > managed && !self->loading;
  if (n > 0 && managed == n)
    why = _("Managed tokens belong to the platform: they cannot be revoked here");
  else if (managed > 0)
    why = _("Revoke the selected tokens that are not managed; the managed ones stay");
  else
    why = _("Revoke the Selected Tokens");
  gtk_widget_set_tooltip_text (self->revoke_button, why);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.revoke", revocable);
  /* A new token is made on one tenant: chosen in the tenant switcher. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.new", self->client != NULL && !self->all_tenants);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.all-tenants", self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.export",
                                 !self->loading && g_list_model_get_n_items (G_LIST_MODEL (self->tokens)) > 0);
  /* One token, not managed: managed tokens are read-only here. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.edit", revocable && managed == 0 && n == 1);
  /* The tenant refuses another owner's: a PAT is made for whoever asks. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.rotate", revocable && managed == 0 && n == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.reload", self->client != NULL && !self->loading);
}

/* How many there are, how many the filters leave, how many are chosen:
 * what the rows alone do not say at a glance, nor to a screen reader.
 */
static void
update_count (LkTokensPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->rows));
  guint total = lk_token_list_model_get_n_tokens (self->tokens);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->tokens));
  guint64 n_selected = gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;

  if (self->loading || total == 0)
    text = g_strdup ("");
  else if (n_selected > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected of %u shown", "%u selected of %u shown", shown),
                            (guint) n_selected, shown);
  else if (shown < total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u token shown", "%u of %u tokens shown", total),
                            shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token", "%u tokens", total), total);

  /* A list of every tenant says when some are missing from it. */
  if (self->all_tenants && self->all != NULL && *text != '\0')
    {
      GListModel *loads = lk_all_tokens_get_loads (self->all);
      guint n_tenants = g_list_model_get_n_items (loads);
      guint listed = 0;

      for (guint i = 0; i < n_tenants; i++)
        {
          g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);

          listed += lk_tenant_load_get_state (load) == LK_TENANT_LOAD_DONE;
        }
      if (listed < n_tenants)
        {
          /* Translators: %s is "35 tokens"; then how many tenants answered, of how many saved */
          g_autofree char *whole = g_strdup_printf (_("%s, from %u of %u tenants"), text, listed, n_tenants);

          g_free (text);
          text = g_steal_pointer (&whole);
        }
    }

  gtk_label_set_text (self->count_label, text);
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
  lk_widget_set_busy (GTK_WIDGET (self->state_stack), self->loading);
  update_count (self);
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->state_stack), "error") || self->loading)
    gtk_stack_set_visible_child_name (self->state_stack, name);
  _lk_tokens_page_update_actions (self);
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

/* Rotated tokens that nothing has used since, for retire-unused-days: what
 * can go. Offered, never revoked unasked.
 */
static void
update_retired (LkTokensPage *self)
{
  g_autoptr(GDateTime) now = _lk_tokens_page_tenant_now (self);
  g_autoptr(GDateTime) quiet_since = g_date_time_add_days (now, -g_settings_get_int (self->settings,
                                                                                     "retire-unused-days"));
  g_autofree char *label = NULL;
  GHashTableIter iter;
  gpointer id, value;

  g_ptr_array_set_size (self->retired_ids, 0);
  if (self->rotations != NULL)
    {
      g_hash_table_iter_init (&iter, self->rotations);
      while (g_hash_table_iter_next (&iter, &id, &value))
        {
          LkRotationLink *link = value;
          LkToken *token = lk_token_list_model_find_token (self->tokens, id);
          GDateTime *last_used = token != NULL ? lk_token_get_last_used (token) : NULL;

          if (token != NULL && link->rotated != NULL && g_date_time_compare (link->rotated, quiet_since) <= 0 &&
              (last_used == NULL || g_date_time_compare (last_used, link->rotated) <= 0))
            g_ptr_array_add (self->retired_ids, g_strdup (id));
        }
    }

  label = g_strdup_printf (ngettext ("Select the Token Unused since Its Rotation",
                                     "Select the %u Tokens Unused since Their Rotation", self->retired_ids->len),
                           self->retired_ids->len);
  gtk_button_set_label (self->retired_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->retired_button), self->retired_ids->len > 0);
}

/* A token asked for (from a notification), opened once its tenant's list is in. */
static void
show_asked_token (LkTokensPage *self)
{
  g_autofree char *id = NULL;
  g_autofree char *base_url = NULL;
  LkToken *token;

  if (self->shown_token_id == NULL || self->client == NULL ||
      g_strcmp0 (lk_client_get_base_url (self->client), self->shown_token_base_url) != 0)
    return;

  id = g_steal_pointer (&self->shown_token_id);
  base_url = g_steal_pointer (&self->shown_token_base_url);
  if (!(token = lk_token_list_model_find_token (self->tokens, id)))
    {
      _lk_tokens_page_toast (self, _("That token is no longer on the tenant"));
      return;
    }

  /* In the list behind the dialog too: its name in the search. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), lk_token_get_name (token));
  _lk_tokens_page_edit_token (self, token);
}

/* Which tokens were rotated, and into what: read with the list, once. Token
 * IDs are unique across tenants, so every tenant's links share one table.
 */
static GHashTable *
read_rotations (LkTokensPage *self)
{
  GListModel *tenants;
  GHashTable *links = NULL;

  if (!self->all_tenants || self->session == NULL)
    return self->client != NULL ? lk_rotations_get_links (self->rotation_store, lk_client_get_base_url (self->client))
                                : NULL;

  tenants = G_LIST_MODEL (lk_session_get_tenants (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (tenants); i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (tenants, i);
      g_autoptr(GHashTable) more = lk_rotations_get_links (self->rotation_store, lk_tenant_get_base_url (tenant));
      GHashTableIter iter;
      gpointer id, link;

      if (links == NULL)
        {
          links = g_steal_pointer (&more);
          continue;
        }
      g_hash_table_iter_init (&iter, more);
      while (g_hash_table_iter_next (&iter, &id, &link))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_replace (links, id, link);
        }
    }

  return links;
}

void
_lk_tokens_page_list_taken (LkTokensPage *self)
{
  self->loading = FALSE;
  g_clear_pointer (&self->rotations, g_hash_table_unref);
  self->rotations = read_rotations (self);
  update_retired (self);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  update_state (self);
  show_asked_token (self);
}

static void
on_tokens_taken_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkTokensPage) self = user_data;

  if (!lk_token_list_model_set_tokens_finish (LK_TOKEN_LIST_MODEL (object), result, NULL))
    return;

  g_clear_object (&self->cancellable);
  _lk_tokens_page_list_taken (self);
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

  if (tokens == NULL)
    {
      self->loading = FALSE;
      g_clear_object (&self->cancellable);
      lk_token_list_model_set_tokens (self->tokens, NULL);
      update_state (self);
      show_error (self, error);
      return;
    }

  /* Sorted and made searchable in a thread: 100,000 tokens would hold the window. */
  lk_token_list_model_set_tokens_async (self->tokens, tokens, self->cancellable, on_tokens_taken_cb,
                                        g_object_ref (self));
}

static void
set_empty_description (LkTokensPage *self)
{
  static const char *descriptions[] = {
    N_("You have no personal access tokens on this tenant."),
    N_("This tenant has no personal access tokens."),
    N_("This identity has no personal access tokens."),
  };
  static const char *all_descriptions[] = {
    N_("You have no personal access tokens on any saved tenant."),
    N_("No saved tenant listed a personal access token."),
  };

  if (self->all_tenants && get_whose (self) != WHOSE_OWNER)
    adw_status_page_set_description (self->empty_page, _(all_descriptions[get_whose (self)]));
  else
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
      /* A name typed is not an owner until it is picked. */
      owner = lk_identity_picker_get_picked_id (self->owner_picker);
      if (owner == NULL)
        {
          gtk_widget_grab_focus (lk_identity_picker_get_entry (self->owner_picker));
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
  if (self->all_tenants && self->session != NULL)
    _lk_tokens_page_load_all (self, owner, filters);
  else
    lk_client_list_tokens_async (self->client, owner, filters, self->cancellable, on_tokens_listed_cb,
                                 g_object_ref (self));
}

static void
on_whose_changed_cb (LkTokensPage *self,
                     GParamSpec   *pspec,
                     GtkDropDown  *dropdown)
{
  gboolean by_owner = get_whose (self) == WHOSE_OWNER;

  /* An owner is a person of one tenant. */
  if (by_owner && self->all_tenants)
    {
      lk_tokens_page_set_all_tenants (self, FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->owner_picker), by_owner);
  if (by_owner && lk_identity_picker_get_picked_id (self->owner_picker) == NULL)
    gtk_widget_grab_focus (lk_identity_picker_get_entry (self->owner_picker));
  else
    lk_tokens_page_reload (self);
}

static void
on_owner_picked_cb (LkTokensPage     *self,
                    const char       *id,
                    LkIdentityPicker *picker)
{
  lk_tokens_page_reload (self);
}

/* "Expired or expiring" is decided here; the unused filters by the tenant. */
static void
apply_expiring (LkTokensPage *self)
{
  if (get_cleanup (self) == CLEANUP_EXPIRING)
    {
      g_autoptr(GDateTime) now = _lk_tokens_page_tenant_now (self);
      g_autoptr(GDateTime) expiring_before = g_date_time_add_days (now, self->expiry_warning_days);

      lk_token_list_model_set_expiring_before (self->tokens, expiring_before);
    }
  else
    lk_token_list_model_set_expiring_before (self->tokens, NULL);
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

  apply_expiring (self);

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
  update_count (self);
  _lk_tokens_page_update_actions (self);
}

/* Enter or a double click on a token opens it, where it may be edited. */
static void
on_row_activated_cb (LkTokensPage  *self,
                     guint          position,
                     GtkColumnView *view)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->rows), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "tokens.edit", NULL);
}

/* AdwBin's own layout, and the columns fitted to the width it gives. (A
 * widget with a layout manager is not asked size_allocate().) */
static void
measure_page (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  gtk_widget_measure (adw_bin_get_child (ADW_BIN (widget)), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
allocate_page (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  gtk_widget_allocate (adw_bin_get_child (ADW_BIN (widget)), width, height, baseline, NULL);
  _lk_tokens_page_fit_columns (LK_TOKENS_PAGE (widget), width);
}

/* Larger or smaller text: the columns are fitted again by the new font. */
static void
lk_tokens_page_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);

  GTK_WIDGET_CLASS (lk_tokens_page_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_DPI || setting == GTK_SYSTEM_SETTING_FONT_NAME ||
      setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    {
      self->char_width = 0;
      gtk_widget_queue_allocate (widget);
    }
}

/* The list when it is shown, so that arrows, Enter, Delete and typing work
 * at once; else the search, which is always there.
 */
static gboolean
lk_tokens_page_grab_focus (GtkWidget *widget)
{
  LkTokensPage *self = LK_TOKENS_PAGE (widget);

  if (gtk_widget_get_mapped (GTK_WIDGET (self->column_view)) && gtk_widget_grab_focus (GTK_WIDGET (self->column_view)))
    return TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
  if (self->fit_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick);
  self->fit_tick = 0;

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
  g_clear_object (&self->all);
  g_clear_pointer (&self->shown_token_id, g_free);
  g_clear_pointer (&self->shown_token_base_url, g_free);
  g_clear_object (&self->rows);
  g_clear_object (&self->tokens);
  g_clear_pointer (&self->loaded_filters, g_free);
  g_clear_object (&self->rotation_store);
  g_clear_pointer (&self->rotations, g_hash_table_unref);
  g_clear_pointer (&self->retired_ids, g_ptr_array_unref);
  g_clear_object (&self->settings);

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

    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;

    case PROP_ALL_TENANTS:
      g_value_set_boolean (value, self->all_tenants);
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
      _lk_tokens_page_update_actions (self);
      break;

    case PROP_SELECTION_MODE:
      lk_tokens_page_set_selection_mode (self, g_value_get_boolean (value));
      break;

    case PROP_ALL_TENANTS:
      lk_tokens_page_set_all_tenants (self, g_value_get_boolean (value));
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
  widget_class->grab_focus = lk_tokens_page_grab_focus;
  widget_class->system_setting_changed = lk_tokens_page_system_setting_changed;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* To offer a new token as a tenant connection; optional. */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /* Check boxes on the rows, to choose several. */
  properties [PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Every saved tenant's tokens in one list, with a Tenant column. */
  properties [PROP_ALL_TENANTS] =
    g_param_spec_boolean ("all-tenants", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_IDENTITY_PICKER);
  g_type_ensure (LK_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tokens/lk-tokens-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, whose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, owner_picker);
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
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, revoke_button);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, rotate_button);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, retired_button);
  gtk_widget_class_bind_template_child (widget_class, LkTokensPage, tenant_rows);
  /* Not used here, but reachable with gtk_widget_get_template_child() for tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "all_tenants_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  _lk_tokens_page_class_add_actions (widget_class);
}

static void
on_expiry_warning_changed_cb (LkTokensPage *self)
{
  self->expiry_warning_days = g_settings_get_int (self->settings, "expiry-warning-days");
  apply_expiring (self);
}

static void
lk_tokens_page_init (LkTokensPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_custom_layout_new (NULL, measure_page, allocate_page));

  self->tokens = lk_token_list_model_new ();
  self->rotation_store = lk_rotations_new (NULL);
  self->retired_ids = g_ptr_array_new_with_free_func (g_free);
  self->settings = g_settings_new (APP_ID);
  /* Read into the page: the Expires cells ask at every bind. */
  self->expiry_warning_days = g_settings_get_int (self->settings, "expiry-warning-days");
  g_signal_connect_object (self->settings, "changed::expiry-warning-days", G_CALLBACK (on_expiry_warning_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->rows = lk_token_slot_model_new (self->tokens);

  _lk_tokens_page_add_columns (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->rows));

  /* Most recently used first: what an administrator looks at first. */
  {
    GtkColumnViewColumn *last_used = _lk_tokens_page_get_column (self, "last-used");

    g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (_lk_tokens_page_sync_sort), self,
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
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);
  /* Typing on the list searches it. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  /* Connected here, not in the template: they would fire while it is still built. */
  g_signal_connect_object (self->whose_dropdown, "notify::selected", G_CALLBACK (on_whose_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cleanup_dropdown, "notify::selected", G_CALLBACK (on_cleanup_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_drop_down_set_selected (self->whose_dropdown, WHOSE_EVERYONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.leave-selection-mode", FALSE);
  update_state (self);
}

LkTokensPage *
lk_tokens_page_new (void)
{
  return g_object_new (LK_TYPE_TOKENS_PAGE, NULL);
}

/**
 * lk_tokens_page_set_selection_mode:
 * @self: a #LkTokensPage
 * @selection_mode: whether the rows have check boxes
 *
 * Leaving the selection mode leaves nothing selected, as in GNOME's apps.
 */
void
lk_tokens_page_set_selection_mode (LkTokensPage *self,
                                   gboolean      selection_mode)
{
  g_return_if_fail (LK_IS_TOKENS_PAGE (self));

  if (self->selection_mode == !!selection_mode)
    return;

  self->selection_mode = !!selection_mode;
  gtk_column_view_column_set_visible (self->select_column, self->selection_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tokens.leave-selection-mode", self->selection_mode);
  if (!self->selection_mode)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->rows));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTION_MODE]);
}

/**
 * lk_tokens_page_set_all_tenants:
 * @self: a #LkTokensPage
 * @all_tenants: whether to list every saved tenant's tokens
 *
 * Needs the page's session. An owner's tokens are of one tenant: their
 * choice gives way to everyone's.
 */
void
lk_tokens_page_set_all_tenants (LkTokensPage *self,
                                gboolean      all_tenants)
{
  g_return_if_fail (LK_IS_TOKENS_PAGE (self));

  if (self->all_tenants == !!all_tenants)
    return;

  self->all_tenants = !!all_tenants;
  _lk_tokens_page_refit_columns (self);
  _lk_tokens_page_update_tenant_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALL_TENANTS]);
  /* The dropdown's change reloads. */
  if (self->all_tenants && get_whose (self) == WHOSE_OWNER)
    gtk_drop_down_set_selected (self->whose_dropdown, WHOSE_EVERYONE);
  else
    lk_tokens_page_reload (self);
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

  /* Another tenant's people: the owner picked goes with the tenant. */
  lk_identity_picker_set_client (self->owner_picker, client);
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

/**
 * lk_tokens_page_show_token:
 * @self: a #LkTokensPage
 * @base_url: the tenant the token is on
 * @id: the token
 *
 * Opens the token once the list of @base_url's tokens is read again (now,
 * or after the tenant switch under way): what a notification's click asks.
 */
void
lk_tokens_page_show_token (LkTokensPage *self,
                           const char   *base_url,
                           const char   *id)
{
  g_return_if_fail (LK_IS_TOKENS_PAGE (self));
  g_return_if_fail (base_url != NULL && id != NULL);

  g_free (self->shown_token_id);
  self->shown_token_id = g_strdup (id);
  g_free (self->shown_token_base_url);
  self->shown_token_base_url = g_strdup (base_url);
  /* The token is looked for in its own tenant's list. */
  lk_tokens_page_set_all_tenants (self, FALSE);

  if (self->client != NULL && g_strcmp0 (lk_client_get_base_url (self->client), base_url) == 0)
    lk_tokens_page_reload (self);
}

/**
 * lk_tokens_page_show_expiring:
 * @self: a #LkTokensPage
 *
 * The "Expired or Expiring" view, with the days each has left.
 */
void
lk_tokens_page_show_expiring (LkTokensPage *self)
{
  g_return_if_fail (LK_IS_TOKENS_PAGE (self));

  gtk_drop_down_set_selected (self->cleanup_dropdown, CLEANUP_EXPIRING);
}
