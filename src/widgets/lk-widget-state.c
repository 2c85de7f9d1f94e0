/* lk-widget-state.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
