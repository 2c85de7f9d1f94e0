/* lk-source-picker.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-source-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-directory.h"
#include "lk-directory.h"
#include "lk-source-picker.h"
#include "lk-widget-state.h"

/* Picks a source of the tenant by what people know it by: type part of
 * its name, type or connector and the matches show under the entry, names
 * first; Down goes to them, Enter picks the first, a click or Enter on one
 * picks it. An ID pasted is taken as it is. When the sources cannot be
 * listed (a token without idn:sources:read), it says why and takes IDs.
 */

/* Matches shown at once: typing narrows, scrolling is not the way here. */
#define MAX_RESULTS 8

struct _LkSourcePicker
{
  AdwBin            parent_instance;

  LkClient         *client;
  GCancellable     *cancellable;
  GListModel       *sources;      /* NULL until loaded */
  LkSourceNoteFunc  note_func;
  gpointer          note_data;
  GDestroyNotify    note_destroy;

  /* Template widgets */
  AdwEntryRow      *entry_row;
  GtkListBox       *results_list;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (LkSourcePicker, lk_source_picker, ADW_TYPE_BIN)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
show_status (LkSourcePicker *self,
             const char     *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static char *
describe (LkSourcePicker *self,
          LkSource       *source)
{
  const char *type = lk_source_get_source_type (source);
  const char *connector = lk_source_get_connector_name (source);
  g_autofree char *note = self->note_func ? self->note_func (source, self->note_data) : NULL;
  GString *text = g_string_new (type ? type : "");

  if (connector != NULL && g_strcmp0 (connector, type) != 0)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", connector);
  if (note != NULL)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", note);

  return g_string_free (text, FALSE);
}

static void
clear_results (LkSourcePicker *self)
{
  lk_list_box_remove_all (self->results_list);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
}

static void
show_results (LkSourcePicker *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry_row))));
  g_autoptr(GPtrArray) matches = NULL;

  clear_results (self);
  if (self->sources == NULL || *typed == '\0' || lk_looks_like_id (typed))
    {
      if (self->sources != NULL)
        show_status (self, NULL);
      return;
    }

  matches = lk_directory_find_sources (lk_directory_get_for_client (self->client), typed, MAX_RESULTS);
  for (guint i = 0; i < matches->len; i++)
    {
      LkSource *source = g_ptr_array_index (matches, i);
      g_autofree char *subtitle = describe (self, source);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lk_source_get_name (source));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_name (row, lk_source_get_id (source));
      gtk_widget_set_tooltip_text (row, lk_source_get_id (source));
      gtk_list_box_append (self->results_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->results_list), matches->len > 0);
  if (matches->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No source is called “%s”"), typed);

      show_status (self, text);
    }
  else
    show_status (self, NULL);
}

static void
pick (LkSourcePicker *self,
      const char     *id)
{
  g_autofree char *picked = g_strdup (id);

  gtk_editable_set_text (GTK_EDITABLE (self->entry_row), "");
  clear_results (self);
  g_signal_emit (self, signals [PICKED], 0, picked);
}

static void
on_result_activated_cb (LkSourcePicker *self,
                        GtkListBoxRow  *row,
                        GtkListBox     *list)
{
  pick (self, gtk_widget_get_name (GTK_WIDGET (row)));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry_row));
}

/* Enter: a pasted ID as it is, else the first match; without a list of
 * sources, whatever was typed is taken for an ID, as before there was one.
 */
static void
on_entry_apply_cb (LkSourcePicker *self,
                   AdwEntryRow    *row)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));

  if (*typed == '\0')
    return;

  if (lk_looks_like_id (typed) || self->sources == NULL)
    pick (self, typed);
  else if (first != NULL)
    pick (self, gtk_widget_get_name (first));
}

static void
on_entry_changed_cb (LkSourcePicker *self,
                     AdwEntryRow    *row)
{
  show_results (self);
}

static void
on_sources_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LkSourcePicker) self = user_data;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;

  sources = lk_directory_load_sources_finish (LK_DIRECTORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_set_object (&self->sources, sources);
  if (sources == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The sources cannot be listed: %s. A source’s ID can still be "
                                                 "pasted."), error->message);

      show_status (self, text);
      return;
    }

  show_status (self, NULL);
  show_results (self);
}

/**
 * lk_source_picker_set_client:
 * @self: a #LkSourcePicker
 * @client: (nullable): the tenant to pick from
 *
 * Loads the tenant's sources, once per tenant: the directory keeps them.
 */
void
lk_source_picker_set_client (LkSourcePicker *self,
                             LkClient       *client)
{
  g_return_if_fail (LK_IS_SOURCE_PICKER (self));

  if (client == self->client)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sources);
  g_set_object (&self->client, client);
  lk_source_picker_clear (self);

  if (client == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  show_status (self, _("Loading the tenant’s sources…"));
  lk_directory_load_sources_async (lk_directory_get_for_client (client), self->cancellable, on_sources_loaded_cb,
                                   g_object_ref (self));
}

/**
 * lk_source_picker_set_note_func:
 * @self: a #LkSourcePicker
 * @func: (nullable): says something of a source in the results
 * @user_data: for @func
 * @destroy: (nullable): frees @user_data
 */
void
lk_source_picker_set_note_func (LkSourcePicker   *self,
                                LkSourceNoteFunc  func,
                                gpointer          user_data,
                                GDestroyNotify    destroy)
{
  g_return_if_fail (LK_IS_SOURCE_PICKER (self));

  if (self->note_destroy != NULL)
    self->note_destroy (self->note_data);
  self->note_func = func;
  self->note_data = user_data;
  self->note_destroy = destroy;
}

/**
 * lk_source_picker_clear:
 * @self: a #LkSourcePicker
 *
 * Forgets what was typed, as when another item opens.
 */
void
lk_source_picker_clear (LkSourcePicker *self)
{
  g_return_if_fail (LK_IS_SOURCE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry_row), "");
  clear_results (self);
}

static void
lk_source_picker_dispose (GObject *object)
{
  LkSourcePicker *self = LK_SOURCE_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  lk_source_picker_set_note_func (self, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_SOURCE_PICKER);

  G_OBJECT_CLASS (lk_source_picker_parent_class)->dispose (object);
}

static void
lk_source_picker_finalize (GObject *object)
{
  LkSourcePicker *self = LK_SOURCE_PICKER (object);

  g_clear_object (&self->client);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (lk_source_picker_parent_class)->finalize (object);
}

static void
lk_source_picker_class_init (LkSourcePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_source_picker_dispose;
  object_class->finalize = lk_source_picker_finalize;

  /**
   * LkSourcePicker::picked:
   * @id: the source's id
   */
  signals [PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/widgets/lk-source-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, LkSourcePicker, entry_row);
  gtk_widget_class_bind_template_child (widget_class, LkSourcePicker, results_list);
  gtk_widget_class_bind_template_child (widget_class, LkSourcePicker, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
}

/* libadwaita 1.2 gives the entry row's apply button no name to be read by. */
static void
name_apply_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Source"), -1);
      else
        name_apply_button (child);
    }
}

static void
lk_source_picker_init (LkSourcePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_apply_button (GTK_WIDGET (self->entry_row));
  lk_list_box_follow_down_key (self->results_list, GTK_WIDGET (self->entry_row));
}

LkSourcePicker *
lk_source_picker_new (void)
{
  return g_object_new (LK_TYPE_SOURCE_PICKER, NULL);
}
