/* lk-tenant-dialog.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tenant-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-error.h"
#include "lk-tenant-dialog.h"
#include "lk-widget-state.h"

/* Adds a tenant, or edits one in place. Nothing is saved until the tenant
 * has issued a token for the credentials; when it refuses, the dialog says
 * what it said and keeps everything typed.
 */
struct _LkTenantDialog
{
  AdwWindow     parent_instance;

  /* Owned */
  LkSession    *session;
  LkTenant     *tenant;
  GCancellable *cancellable;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *save_stack;
  GtkButton      *save_button;
  GtkSpinner     *spinner;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwEntryRow    *url_row;
  AdwEntryRow    *client_id_row;
  AdwEntryRow    *secret_row;
  GtkWidget      *remove_group;
};

G_DEFINE_FINAL_TYPE (LkTenantDialog, lk_tenant_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TENANT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
is_busy (LkTenantDialog *self)
{
  return self->cancellable != NULL;
}

static gboolean
has_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0';
}

static void
update_actions (LkTenantDialog *self)
{
  gboolean complete = has_text (self->name_row) && has_text (self->url_row) && has_text (self->client_id_row) &&
                      (self->tenant != NULL || has_text (self->secret_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tenant.save", complete && !is_busy (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tenant.remove", self->tenant != NULL && !is_busy (self));
}

static void
set_busy (LkTenantDialog *self,
          gboolean        busy)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->name_row), GTK_WIDGET (self->url_row),
                        GTK_WIDGET (self->client_id_row), GTK_WIDGET (self->secret_row) };

  if (busy)
    {
      self->cancellable = g_cancellable_new ();
      /* A focused field made insensitive never gets its focus-out in GTK 4.8. */
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }
  else
    g_clear_object (&self->cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_set_sensitive (rows[i], !busy);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->save_stack, busy ? "spinner" : "button");
  update_actions (self);
}

static void
show_error (LkTenantDialog *self,
            const GError   *error)
{
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  /* Point at the field the tenant refused. */
  if (g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_UNAUTHORIZED))
    {
      lk_widget_set_invalid (GTK_WIDGET (self->secret_row), TRUE);
      lk_widget_set_invalid (GTK_WIDGET (self->client_id_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      lk_widget_set_invalid (GTK_WIDGET (self->name_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
}

static void
on_field_changed_cb (LkTenantDialog *self,
                     GtkEditable    *editable)
{
  /* Corrected: the refusal is about what was there before. */
  lk_widget_set_invalid (GTK_WIDGET (editable), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_actions (self);
}

/* Save and remove end alike: close when done, else say why and keep the form. */
static void
finish (LkTenantDialog *self,
        gboolean        done,
        const GError   *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (done)
    gtk_window_close (GTK_WINDOW (self));
  else
    show_error (self, error);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LkTenantDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = lk_session_save_tenant_finish (LK_SESSION (object), result, &error);

  finish (self, done, error);
}

static void
lk_tenant_dialog_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkTenantDialog *self = LK_TENANT_DIALOG (widget);

  show_error (self, NULL);
  set_busy (self, TRUE);
  lk_session_save_tenant_async (self->session,
                                self->tenant ? lk_tenant_get_name (self->tenant) : NULL,
                                gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->client_id_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->secret_row)),
                                self->cancellable, on_saved_cb, g_object_ref (self));
}

static void
on_removed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkTenantDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = lk_session_remove_tenant_finish (LK_SESSION (object), result, &error);

  finish (self, done, error);
}

static void
on_remove_response_cb (LkTenantDialog   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;

  set_busy (self, TRUE);
  lk_session_remove_tenant_async (self->session, lk_tenant_get_name (self->tenant), self->cancellable,
                                  on_removed_cb, g_object_ref (self));
}

static void
lk_tenant_dialog_remove_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LkTenantDialog *self = LK_TENANT_DIALOG (widget);
  AdwMessageDialog *dialog;

  g_return_if_fail (self->tenant != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), lk_tenant_get_name (self->tenant));
  adw_message_dialog_set_body (dialog,
                               _("Latchkey forgets the connection and deletes its secret from the keyring. "
                                 "Nothing changes on the tenant, and the access token stays valid."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_tenant_dialog_constructed (GObject *object)
{
  LkTenantDialog *self = (LkTenantDialog *)object;

  G_OBJECT_CLASS (lk_tenant_dialog_parent_class)->constructed (object);

  g_assert (LK_IS_SESSION (self->session));

  if (self->tenant != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Tenant"));
      adw_window_title_set_title (self->window_title, _("Edit Tenant"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), lk_tenant_get_name (self->tenant));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), lk_tenant_get_base_url (self->tenant));
      gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), lk_tenant_get_client_id (self->tenant));
      /* Left empty, the secret in the keyring is kept. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), _("New Client Secret (optional)"));
      gtk_widget_set_visible (self->remove_group, TRUE);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Tenant"));
      adw_window_title_set_title (self->window_title, _("Add Tenant"));
      gtk_button_set_label (self->save_button, _("C_onnect"));
    }

  update_actions (self);
}

static void
lk_tenant_dialog_dispose (GObject *object)
{
  LkTenantDialog *self = (LkTenantDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Do not leave the secret in the entry's buffer. */
  if (self->secret_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_TENANT_DIALOG);

  G_OBJECT_CLASS (lk_tenant_dialog_parent_class)->dispose (object);
}

static void
lk_tenant_dialog_finalize (GObject *object)
{
  LkTenantDialog *self = (LkTenantDialog *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->tenant);

  G_OBJECT_CLASS (lk_tenant_dialog_parent_class)->finalize (object);
}

static void
lk_tenant_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkTenantDialog *self = LK_TENANT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TENANT:
      g_value_set_object (value, self->tenant);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tenant_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkTenantDialog *self = LK_TENANT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_TENANT:
      self->tenant = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The first field left to fill, not Cancel, which GTK would pick. */
static void
lk_tenant_dialog_map (GtkWidget *widget)
{
  LkTenantDialog *self = LK_TENANT_DIALOG (widget);
  GtkWidget *fields[] = { GTK_WIDGET (self->name_row), GTK_WIDGET (self->url_row),
                          GTK_WIDGET (self->client_id_row), GTK_WIDGET (self->secret_row) };
  GtkWidget *first_empty = fields[0];

  GTK_WIDGET_CLASS (lk_tenant_dialog_parent_class)->map (widget);

  for (guint i = G_N_ELEMENTS (fields); i > 0; i--)
    if (*gtk_editable_get_text (GTK_EDITABLE (fields[i - 1])) == '\0')
      first_empty = fields[i - 1];
  gtk_widget_grab_focus (first_empty);
}

static void
lk_tenant_dialog_class_init (LkTenantDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lk_tenant_dialog_constructed;
  object_class->dispose = lk_tenant_dialog_dispose;
  object_class->finalize = lk_tenant_dialog_finalize;
  object_class->get_property = lk_tenant_dialog_get_property;
  object_class->set_property = lk_tenant_dialog_set_property;
  widget_class->map = lk_tenant_dialog_map;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TENANT] =
    g_param_spec_object ("tenant", NULL, NULL, LK_TYPE_TENANT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/tenants/lk-tenant-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, save_stack);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, LkTenantDialog, remove_group);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "tenant.save", NULL, lk_tenant_dialog_save_action);
  gtk_widget_class_install_action (widget_class, "tenant.remove", NULL, lk_tenant_dialog_remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_tenant_dialog_init (LkTenantDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lk_tenant_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session that saves the tenant
 * @tenant: (nullable): the tenant to edit, or %NULL to add one
 *
 * Returns: (transfer full): a dialog
 */
LkTenantDialog *
lk_tenant_dialog_new (GtkWindow *parent,
                      LkSession *session,
                      LkTenant  *tenant)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (!tenant || LK_IS_TENANT (tenant), NULL);

  return g_object_new (LK_TYPE_TENANT_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       "tenant", tenant,
                       NULL);
}

/**
 * lk_tenant_dialog_prefill:
 * @self: a #LkTenantDialog
 * @tenant: what to fill in
 * @secret: (nullable): the secret, from SAIL_CLIENT_SECRET
 *
 * Fills the form without saving: the user sees what comes from the
 * environment and connects with one click.
 */
void
lk_tenant_dialog_prefill (LkTenantDialog *self,
                          LkTenant       *tenant,
                          const char     *secret)
{
  g_return_if_fail (LK_IS_TENANT_DIALOG (self));
  g_return_if_fail (LK_IS_TENANT (tenant));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lk_tenant_get_name (tenant));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), lk_tenant_get_base_url (tenant));
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), lk_tenant_get_client_id (tenant));
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), secret ? secret : "");
  update_actions (self);
}
