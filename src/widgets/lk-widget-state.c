/* lk-widget-state.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "lk-widget-state.h"

/**
 * lk_widget_set_invalid:
 * @widget: a field, or the row that holds it
 * @invalid: whether what it holds is refused
 *
 * Red for the eye (the "error" style class) and "invalid" for Orca.
 */
void
lk_widget_set_invalid (GtkWidget *widget,
                       gboolean   invalid)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/**
 * lk_widget_set_busy:
 * @widget: what is being filled or changed
 * @busy: whether it is
 *
 * A spinner says it to the eye; this says it to Orca.
 */
void
lk_widget_set_busy (GtkWidget *widget,
                    gboolean   busy)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);
}

/**
 * lk_widget_copy_text:
 * @widget: a widget of the main window
 * @text: what to put on the clipboard
 * @said: the toast that says it was copied, such as "Source ID copied"
 *
 * A copy button's work: nothing shows that a clipboard changed, so it is said.
 */
void
lk_widget_copy_text (GtkWidget  *widget,
                     const char *text,
                     const char *said)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  gtk_widget_activate_action (widget, "win.toast", "s", said);
}

/**
 * lk_list_box_remove_all:
 * @list: a #GtkListBox
 */
void
lk_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static gboolean
on_down_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkListBox            *list)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (list));

  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && first != NULL &&
      gtk_widget_is_visible (GTK_WIDGET (list)))
    return gtk_widget_grab_focus (first);

  return FALSE;
}

/**
 * lk_list_box_follow_down_key:
 * @list: the results of a search
 * @entry: the field typed into
 *
 * The arrow key goes from the field to the first result, as in GNOME's own
 * search popovers. "Visible" includes the list's popover, if it has one.
 */
void
lk_list_box_follow_down_key (GtkListBox *list,
                             GtkWidget  *entry)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (GTK_IS_WIDGET (entry));

  keys = gtk_event_controller_key_new ();
  /* Capture: an entry would otherwise take Down for itself. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_down_key_pressed_cb), list, 0);
  gtk_widget_add_controller (entry, keys);
}

/* A mnemonic button: by its text alone. */
static void
name_by_text (GtkWidget *button)
{
  if (gtk_button_get_use_underline (GTK_BUTTON (button)) && gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* A password row's Show Text button: by what its tooltip says. */
static void
name_by_tooltip (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/* Named now, and again after each change of what names it (@signal). */
static void
name_and_follow (GtkWidget  *button,
                 const char *signal,
                 void      (*name) (GtkWidget *button))
{
  if (g_object_get_data (G_OBJECT (button), "lk-named") == NULL)
    {
      g_object_set_data (G_OBJECT (button), "lk-named", GINT_TO_POINTER (TRUE));
      g_signal_connect_after (button, signal, G_CALLBACK (name), NULL);
    }
  name (button);
}

static gboolean
on_widget_mapped_hook (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  /* AdwToastWidget is libadwaita's own: known by its name. */
  GType toast_type = g_type_from_name ("AdwToastWidget");
  gboolean labelled;

  if (!GTK_IS_BUTTON (widget))
    return TRUE;

  labelled = gtk_button_get_label (GTK_BUTTON (widget)) != NULL;
  if (!labelled && toast_type != 0 && gtk_widget_get_ancestor (widget, toast_type) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  else if (!labelled && gtk_widget_get_ancestor (widget, ADW_TYPE_PASSWORD_ENTRY_ROW) != NULL)
    name_and_follow (widget, "notify::tooltip-text", name_by_tooltip);
  else
    name_and_follow (widget, "notify::label", name_by_text);
  return TRUE;
}

/**
 * lk_accessible_fix_button_names:
 *
 * Names over AT-SPI that GTK 4.8 and libadwaita 1.2 get wrong, as each
 * button is shown, ours and theirs (a message dialog's answers):
 * - a button whose label has a mnemonic is named by that label as written
 *   and then by its text, which Orca reads as "_Edit… Edit…" (measured):
 *   it is named by its text alone;
 * - a password row's Show Text button has no name but its type: it is
 *   named by its tooltip, "Show Text" or "Hide Text";
 * - so has a toast's close button: it is named "Dismiss".
 */
void
lk_accessible_fix_button_names (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      /* The signal exists once the class does: kept for good, as the hook is. */
      g_type_class_ref (GTK_TYPE_BUTTON);
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_widget_mapped_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
