/* lk-source-list.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-source-list"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-directory.h"
#include "lk-source-list.h"
#include "lk-source-picker.h"
#include "lk-widget-state.h"

/* The sources of a group or a policy, by name, and a picker to add more:
 * each row says the source's name and type, its ID as tooltip and a copy
 * button, and a remove button. An ID the tenant does not know reads
 * "Unknown source 9a42…"; without the list of sources, the ID is shown.
 * What the editor says of a source (in another group) marks its row.
 */

struct _LkSourceList
{
  AdwBin            parent_instance;

  LkClient         *client;
  GCancellable     *cancellable;
  GPtrArray        *ids;
  LkSourceProblemFunc problem_func;
  gpointer          problem_data;

  GtkListBox       *list;
  LkSourcePicker   *picker;
};

G_DEFINE_FINAL_TYPE (LkSourceList, lk_source_list, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void fill (LkSourceList *self);

static void
on_remove_cb (GtkButton    *button,
              LkSourceList *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "lk-source-id");

  for (guint i = 0; i < self->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->ids, i), id))
      {
        g_ptr_array_remove_index (self->ids, i);
        break;
      }

  fill (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_copy_cb (GtkButton *button,
            gpointer   user_data)
{
  const char *id = g_object_get_data (G_OBJECT (button), "lk-source-id");

  lk_widget_copy_text (GTK_WIDGET (button), id, _("Source ID copied"));
}

static GtkWidget *
row_button (const char *name,
            const char *icon_name,
            const char *tooltip,
            const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "lk-source-id", g_strdup (id), g_free);

  return button;
}

static void
fill (LkSourceList *self)
{
  LkDirectory *directory = self->client != NULL ? lk_directory_get_for_client (self->client) : NULL;
  lk_list_box_remove_all (self->list);

  for (guint i = 0; i < self->ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->ids, i);
      LkSource *source = directory != NULL ? lk_directory_lookup_source (directory, id) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *copy = row_button ("copy-id", "edit-copy-symbolic", _("Copy the Source ID"), id);
      GtkWidget *remove = row_button ("remove", "list-remove-symbolic", _("Remove"), id);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *problem = NULL;

      if (source != NULL)
        {
          title = g_strdup (lk_source_get_name (source));
          subtitle = g_strdup (lk_source_get_source_type (source));
        }
      else if (directory != NULL && lk_directory_get_sources_loaded (directory))
        title = g_strdup_printf (_("Unknown source %.8s…"), id);
      else
        title = g_strdup (id);

      /* A mistake is about the id, a source the tenant knows or not. */
      if (self->problem_func != NULL && (problem = self->problem_func (id, self->problem_data)) != NULL)
        {
          g_free (subtitle);
          subtitle = g_steal_pointer (&problem);
          gtk_widget_add_css_class (row, "error");
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, id);
      gtk_widget_set_name (row, id);
      g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_cb), NULL);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), self->ids->len > 0);
}

static void
on_picked_cb (LkSourceList   *self,
              const char     *id,
              LkSourcePicker *picker)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->ids, i), id))
      return;   /* already there: nothing to add */

  g_ptr_array_add (self->ids, g_strdup (id));
  fill (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_sources_known_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LkSourceList) self = user_data;
  g_autoptr(GListModel) sources = lk_directory_load_sources_finish (LK_DIRECTORY (object), result, NULL);

  /* Names in place of ids; a failure is the picker's to say. */
  if (sources != NULL)
    fill (self);
}

/**
 * lk_source_list_set_client:
 * @self: a #LkSourceList
 * @client: (nullable): the tenant the sources are of
 */
void
lk_source_list_set_client (LkSourceList *self,
                           LkClient     *client)
{
  g_return_if_fail (LK_IS_SOURCE_LIST (self));

  lk_source_picker_set_client (self->picker, client);
  if (client == self->client)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->client, client);
  fill (self);
  if (client == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  lk_directory_load_sources_async (lk_directory_get_for_client (client), self->cancellable, on_sources_known_cb,
                                   g_object_ref (self));
}

/**
 * lk_source_list_set_ids:
 * @self: a #LkSourceList
 * @ids: (nullable): the sources shown, by id
 *
 * Shows @ids, as an item's sources when it opens; emits nothing.
 */
void
lk_source_list_set_ids (LkSourceList       *self,
                        const char * const *ids)
{
  g_return_if_fail (LK_IS_SOURCE_LIST (self));

  g_ptr_array_set_size (self->ids, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (self->ids, g_strdup (ids[i]));
  lk_source_picker_clear (self->picker);
  fill (self);
}

/**
 * lk_source_list_dup_ids:
 * @self: a #LkSourceList
 *
 * Returns: (transfer full): the sources, by id, in the order added
 */
GStrv
lk_source_list_dup_ids (LkSourceList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LK_IS_SOURCE_LIST (self), NULL);

  for (guint i = 0; i < self->ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->ids, i));

  return g_strv_builder_end (builder);
}

/**
 * lk_source_list_set_note_funcs:
 * @self: a #LkSourceList
 * @note_func: (nullable): said of a source among the picker's matches
 * @problem_func: (nullable): said of a source in the list by its id, which
 *   marks it as a mistake
 * @user_data: for both
 */
void
lk_source_list_set_note_funcs (LkSourceList        *self,
                               LkSourceNoteFunc     note_func,
                               LkSourceProblemFunc  problem_func,
                               gpointer             user_data)
{
  g_return_if_fail (LK_IS_SOURCE_LIST (self));

  lk_source_picker_set_note_func (self->picker, note_func, user_data, NULL);
  self->problem_func = problem_func;
  self->problem_data = user_data;
}

/* Redraws the rows, when what the problems depend on changed. */
void
lk_source_list_refresh (LkSourceList *self)
{
  g_return_if_fail (LK_IS_SOURCE_LIST (self));

  fill (self);
}

static void
lk_source_list_dispose (GObject *object)
{
  LkSourceList *self = LK_SOURCE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lk_source_list_parent_class)->dispose (object);
}

static void
lk_source_list_finalize (GObject *object)
{
  LkSourceList *self = LK_SOURCE_LIST (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->ids, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_source_list_parent_class)->finalize (object);
}

static void
lk_source_list_class_init (LkSourceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_source_list_dispose;
  object_class->finalize = lk_source_list_finalize;

  /**
   * LkSourceList::changed:
   *
   * A source was added or removed by the user.
   */
  signals [CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
}

static void
lk_source_list_init (LkSourceList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  /* Built here: a list and a picker under it. */
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "sources");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  self->picker = lk_source_picker_new ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picker));
  adw_bin_set_child (ADW_BIN (self), box);

  g_signal_connect_object (self->picker, "picked", G_CALLBACK (on_picked_cb), self, G_CONNECT_SWAPPED);
}

LkSourceList *
lk_source_list_new (void)
{
  return g_object_new (LK_TYPE_SOURCE_LIST, NULL);
}
