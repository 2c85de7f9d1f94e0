/* lk-form-editor.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-form-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-form-editor.h"

/* What the app's editors share: a form that is valid or not and changed
 * or not, Save (Ctrl+S) only when both hold and nothing is being sent,
 * and Back (Escape) that asks "Save Changes?" first when something would
 * be lost. Save in that question saves, then leaves once the tenant has
 * it; a refusal keeps the editor open. Subclasses fill in the form and
 * send it.
 */

typedef struct
{
  GTask    *leaving;     /* lk_form_editor_leave_async() waiting for an answer */
  gboolean  valid;
  gboolean  changed;
  gboolean  saving;
  gboolean  leave_after_save;
} LkFormEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LkFormEditor, lk_form_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VALID,
  PROP_CHANGED,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
update_actions (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", priv->valid && priv->changed && !priv->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.leave", !priv->saving);
}

static void
finish (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  g_autoptr(GTask) leaving = g_steal_pointer (&priv->leaving);

  g_signal_emit (self, signals [DONE], 0);
  if (leaving != NULL)
    g_task_return_boolean (leaving, TRUE);
}

/* Still editing: a leave that waited is told so. */
static void
stay (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  g_autoptr(GTask) leaving = g_steal_pointer (&priv->leaving);

  priv->leave_after_save = FALSE;
  if (leaving != NULL)
    g_task_return_boolean (leaving, FALSE);
}

/**
 * lk_form_editor_save:
 * @self: a #LkFormEditor
 *
 * Sends the form, if it is valid, changed, and not being sent already.
 */
void
lk_form_editor_save (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  if (!priv->valid || !priv->changed || priv->saving)
    return;

  priv->saving = TRUE;
  update_actions (self);
  LK_FORM_EDITOR_GET_CLASS (self)->save (self);
}

/**
 * lk_form_editor_save_done:
 * @self: a #LkFormEditor
 * @saved: whether the tenant took the form
 *
 * For subclasses, once the tenant answered a save.
 */
void
lk_form_editor_save_done (LkFormEditor *self,
                          gboolean      saved)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  priv->saving = FALSE;
  update_actions (self);
  if (!saved)
    stay (self);
  else if (priv->leave_after_save)
    finish (self);
}

static void
on_leave_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LkFormEditor     *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  if (g_str_equal (response, "discard"))
    finish (self);
  else if (g_str_equal (response, "save"))
    {
      priv->leave_after_save = TRUE;
      lk_form_editor_save (self);
    }
  else
    stay (self);
}

/**
 * lk_form_editor_leave_async:
 * @self: a #LkFormEditor
 * @callback: (nullable): told whether the editor was left
 * @user_data: for @callback
 *
 * Leaves the editor, asking first whether to save changes: Save, Discard
 * or Cancel. A form that cannot be saved as it is can only be fixed or
 * dropped. Emits #LkFormEditor::done when left.
 */
void
lk_form_editor_leave_async (LkFormEditor        *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);
  AdwMessageDialog *dialog;

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  stay (self);
  priv->leaving = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (priv->leaving, lk_form_editor_leave_async);

  if (!priv->changed)
    {
      finish (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Save Changes?"),
                                                       _(LK_FORM_EDITOR_GET_CLASS (self)->unsaved_message)));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"), "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", priv->valid);
  adw_message_dialog_set_default_response (dialog, priv->valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lk_form_editor_leave_finish:
 *
 * Returns: whether the editor was left: unchanged, saved or discarded
 */
gboolean
lk_form_editor_leave_finish (LkFormEditor  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lk_form_editor_save (LK_FORM_EDITOR (widget));
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  lk_form_editor_leave_async (LK_FORM_EDITOR (widget), NULL, NULL);
}

/**
 * lk_form_editor_restart:
 * @self: a #LkFormEditor
 *
 * For subclasses, when another form is opened: nothing is being sent any
 * more, and a leave that waited is told the editor stays.
 */
void
lk_form_editor_restart (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  stay (self);
  priv->saving = FALSE;
  update_actions (self);
}

/**
 * lk_form_editor_set_state:
 * @self: a #LkFormEditor
 * @valid: whether the form could be sent as it is
 * @changed: whether it differs from what the tenant has
 */
void
lk_form_editor_set_state (LkFormEditor *self,
                          gboolean      valid,
                          gboolean      changed)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_if_fail (LK_IS_FORM_EDITOR (self));

  if (priv->valid != !!valid)
    {
      priv->valid = !!valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALID]);
    }
  if (priv->changed != !!changed)
    {
      priv->changed = !!changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHANGED]);
    }
  update_actions (self);
}

gboolean
lk_form_editor_get_valid (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_val_if_fail (LK_IS_FORM_EDITOR (self), FALSE);

  return priv->valid;
}

gboolean
lk_form_editor_get_changed (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_val_if_fail (LK_IS_FORM_EDITOR (self), FALSE);

  return priv->changed;
}

gboolean
lk_form_editor_get_saving (LkFormEditor *self)
{
  LkFormEditorPrivate *priv = lk_form_editor_get_instance_private (self);

  g_return_val_if_fail (LK_IS_FORM_EDITOR (self), FALSE);

  return priv->saving;
}

static void
lk_form_editor_dispose (GObject *object)
{
  stay (LK_FORM_EDITOR (object));

  G_OBJECT_CLASS (lk_form_editor_parent_class)->dispose (object);
}

static void
lk_form_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkFormEditor *self = LK_FORM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, lk_form_editor_get_valid (self));
      break;

    case PROP_CHANGED:
      g_value_set_boolean (value, lk_form_editor_get_changed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_form_editor_class_init (LkFormEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_form_editor_dispose;
  object_class->get_property = lk_form_editor_get_property;

  klass->unsaved_message = N_("There are changes that are not saved yet.");

  properties [PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHANGED] =
    g_param_spec_boolean ("changed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkFormEditor::done:
   *
   * The editor is finished with: saved, discarded, or unchanged.
   */
  signals [DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 G_STRUCT_OFFSET (LkFormEditorClass, done), NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.leave", NULL, leave_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.leave", NULL);
}

static void
lk_form_editor_init (LkFormEditor *self)
{
  update_actions (self);
}
