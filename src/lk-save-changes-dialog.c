/* lk-save-changes-dialog.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-save-changes-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-save-changes-dialog.h"

/* "Save Changes?" with Save, Discard and Cancel, as every editor of the
 * app asks it when left with changes. A form that cannot be saved as it
 * is can only be fixed or dropped: Save is then off.
 */

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GtkWidget        *editor)
{
  LkSaveChangesCallback callback = (LkSaveChangesCallback) g_object_get_data (G_OBJECT (dialog), "lk-callback");

  if (g_str_equal (response, "save"))
    callback (editor, LK_SAVE_CHANGES_SAVE);
  else if (g_str_equal (response, "discard"))
    callback (editor, LK_SAVE_CHANGES_DISCARD);
  else
    callback (editor, LK_SAVE_CHANGES_CANCEL);
}

void
lk_save_changes_dialog_present (GtkWidget             *editor,
                                const char            *body,
                                gboolean               can_save,
                                LkSaveChangesCallback  callback)
{
  GtkWindow *window;
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WIDGET (editor));
  g_return_if_fail (callback != NULL);

  window = GTK_WINDOW (gtk_widget_get_root (editor));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"), "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", can_save);
  adw_message_dialog_set_default_response (dialog, can_save ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "lk-callback", (gpointer) callback);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response_cb), editor, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
