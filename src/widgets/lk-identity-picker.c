/* lk-identity-picker.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-identity-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-directory.h"
#include "lk-identity-picker.h"
#include "lk-widget-state.h"

/* An entry that finds a person of the tenant as it is typed: part of a
 * name, user name or email; the matches drop down under it, each saying
 * who it is. Down goes to them, Enter picks the first, a click or Enter on
 * one picks it. "me" and a pasted ID are taken as they are. The tenant is
 * asked once typing pauses, and an answer to older typing is dropped.
 */

#define MAX_RESULTS 8
#define TYPING_PAUSE_MS 250

struct _LkIdentityPicker
{
  AdwBin        parent_instance;

  LkClient     *client;
  GCancellable *cancellable;
  guint         search_source;
  char         *picked_id;
  gboolean      picking;       /* the entry's text is the pick's name, not typing */

  GtkEntry     *entry;
  GtkPopover   *popover;
  GtkListBox   *results_list;
  GtkLabel     *status_label;
};

G_DEFINE_FINAL_TYPE (LkIdentityPicker, lk_identity_picker, ADW_TYPE_BIN)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
clear_results (LkIdentityPicker *self)
{
  lk_list_box_remove_all (self->results_list);
}

static void
show_message (LkIdentityPicker *self,
              const char       *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
pick (LkIdentityPicker *self,
      const char       *id,
      const char       *name)
{
  g_autofree char *picked_id = g_strdup (id);

  g_free (self->picked_id);
  self->picked_id = g_strdup (id);
  self->picking = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), name ? name : id);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->picking = FALSE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), id);
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals [PICKED], 0, picked_id);
}

static void
on_identities_found_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LkIdentityPicker) self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  found = lk_client_list_resources_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_results (self);
  if (found == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("People cannot be searched: %s. An identity’s ID can still be "
                                                 "pasted."), error->message);

      show_message (self, text);
      gtk_popover_popup (self->popover);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(LkIdentity) identity = g_list_model_get_item (found, i);
      const char *alias = lk_identity_get_alias (identity);
      const char *email = lk_identity_get_email (identity);
      g_autofree char *subtitle = g_strjoin (" · ", alias ? alias : "", email ? email : "", NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lk_identity_get_name (identity));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_name (row, lk_identity_get_id (identity));
      gtk_widget_set_tooltip_text (row, lk_identity_get_id (identity));
      g_object_set_data_full (G_OBJECT (row), "lk-name", g_strdup (lk_identity_get_name (identity)), g_free);
      gtk_list_box_append (self->results_list, row);
    }

  if (g_list_model_get_n_items (found) == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No one is called “%s”"),
                                               gtk_editable_get_text (GTK_EDITABLE (self->entry)));

      show_message (self, text);
    }
  else
    show_message (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), g_list_model_get_n_items (found) > 0);
  gtk_popover_popup (self->popover);
}

static gboolean
search_cb (gpointer data)
{
  LkIdentityPicker *self = data;
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autofree char *filters = NULL;

  self->search_source = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->client == NULL || *typed == '\0' || g_str_equal (typed, "me") || lk_looks_like_id (typed))
    {
      gtk_popover_popdown (self->popover);
      return G_SOURCE_REMOVE;
    }

  self->cancellable = g_cancellable_new ();
  filters = lk_identity_filter_for_text (typed);
  lk_client_search_resources_async (self->client, &lk_identity_kind, filters, "name", MAX_RESULTS, self->cancellable,
                                    on_identities_found_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
on_entry_changed_cb (LkIdentityPicker *self,
                     GtkEditable      *entry)
{
  if (self->picking)
    return;

  /* Typing again: what was picked is no longer what the entry says. */
  g_clear_pointer (&self->picked_id, g_free);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), NULL);
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (TYPING_PAUSE_MS, search_cb, self);
}

/* Enter: "me" or an ID as they are, else the first match. */
static void
on_entry_activate_cb (LkIdentityPicker *self,
                      GtkEntry         *entry)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));

  if (*typed == '\0')
    return;

  if (self->picked_id != NULL)
    g_signal_emit (self, signals [PICKED], 0, self->picked_id);
  else if (g_str_equal (typed, "me") || lk_looks_like_id (typed))
    pick (self, typed, NULL);
  else if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->results_list)))
    pick (self, gtk_widget_get_name (first), g_object_get_data (G_OBJECT (first), "lk-name"));
}

static void
on_result_activated_cb (LkIdentityPicker *self,
                        GtkListBoxRow    *row,
                        GtkListBox       *list)
{
  pick (self, gtk_widget_get_name (GTK_WIDGET (row)), g_object_get_data (G_OBJECT (row), "lk-name"));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/**
 * lk_identity_picker_set_client:
 * @self: a #LkIdentityPicker
 * @client: (nullable): the tenant whose people to find
 */
void
lk_identity_picker_set_client (LkIdentityPicker *self,
                               LkClient         *client)
{
  g_return_if_fail (LK_IS_IDENTITY_PICKER (self));

  if (!g_set_object (&self->client, client))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_pointer (&self->picked_id, g_free);
  self->picking = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  self->picking = FALSE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry), NULL);
  gtk_popover_popdown (self->popover);
}

/**
 * lk_identity_picker_get_picked_id:
 * @self: a #LkIdentityPicker
 *
 * Returns: (nullable): the identity picked ("me", or an id), or %NULL
 *   while what the entry says is not one
 */
const char *
lk_identity_picker_get_picked_id (LkIdentityPicker *self)
{
  g_return_val_if_fail (LK_IS_IDENTITY_PICKER (self), NULL);

  return self->picked_id;
}

/**
 * lk_identity_picker_get_entry:
 * @self: a #LkIdentityPicker
 *
 * Returns: (transfer none): where the name is typed, to give it the focus
 */
GtkWidget *
lk_identity_picker_get_entry (LkIdentityPicker *self)
{
  g_return_val_if_fail (LK_IS_IDENTITY_PICKER (self), NULL);

  return GTK_WIDGET (self->entry);
}

static void
lk_identity_picker_dispose (GObject *object)
{
  LkIdentityPicker *self = LK_IDENTITY_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->search_source, g_source_remove);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;

  G_OBJECT_CLASS (lk_identity_picker_parent_class)->dispose (object);
}

static void
lk_identity_picker_finalize (GObject *object)
{
  LkIdentityPicker *self = LK_IDENTITY_PICKER (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->picked_id, g_free);

  G_OBJECT_CLASS (lk_identity_picker_parent_class)->finalize (object);
}

static void
lk_identity_picker_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  LkIdentityPicker *self = LK_IDENTITY_PICKER (widget);

  GTK_WIDGET_CLASS (lk_identity_picker_parent_class)->size_allocate (widget, width, height, baseline);
  gtk_popover_present (self->popover);
}

static void
lk_identity_picker_class_init (LkIdentityPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_identity_picker_dispose;
  object_class->finalize = lk_identity_picker_finalize;
  widget_class->size_allocate = lk_identity_picker_size_allocate;

  /**
   * LkIdentityPicker::picked:
   * @id: the identity's id, or "me"
   */
  signals [PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lk_identity_picker_init (LkIdentityPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  /* Built here, not in a template: an entry and its drop-down, nothing to lay out. */
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->entry), "owner-search");
  gtk_entry_set_placeholder_text (self->entry, _("Name, User Name or Email"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 22);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner"), -1);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->entry));

  self->results_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->results_list), "owner-results");
  gtk_list_box_set_selection_mode (self->results_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results_list), "boxed-list");
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->status_label), "owner-status");
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_max_width_chars (self->status_label, 40);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->results_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);

  /* Typing stays in the entry while the matches show. */
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_popover_set_has_arrow (self->popover, FALSE);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->popover), GTK_ALIGN_START);
  gtk_popover_set_child (self->popover, scroller);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));

  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results_list, "row-activated", G_CALLBACK (on_result_activated_cb), self,
                           G_CONNECT_SWAPPED);
  lk_list_box_follow_down_key (self->results_list, GTK_WIDGET (self->entry));
}

LkIdentityPicker *
lk_identity_picker_new (void)
{
  return g_object_new (LK_TYPE_IDENTITY_PICKER, NULL);
}
