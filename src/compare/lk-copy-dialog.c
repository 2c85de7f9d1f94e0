/* lk-copy-dialog.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-copy-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-policies.h"
#include "lk-copy-dialog.h"
#include "lk-copy.h"
#include "lk-json.h"

/* A policy or sync group copied to another saved tenant. What would be
 * sent is shown first: the object with the other tenant's source (and
 * policy) ids, mapped by name, and what has no namesake there, left out.
 * Send reads everything again and sends only if the copy is still exactly
 * the one shown (LkCopyPreview's digest); otherwise the new one is shown,
 * and nothing is sent.
 */
struct _LkCopyDialog
{
  AdwWindow             parent_instance;

  LkSession            *session;
  LkClient             *client;       /* the tenant copied from */
  const LkResourceKind *kind;
  JsonObject           *object;
  char                 *id;
  GPtrArray            *targets;      /* LkTenant: the other saved tenants */
  LkCopyReferences     *here;
  LkCopyReferences     *there;        /* and the target's client */
  char                 *shown_digest; /* of the preview on screen */
  guint                 pending;      /* reads still out before a preview */
  gboolean              sending;
  GCancellable         *cancellable;  /* of the dialog */
  GCancellable         *loading;      /* of the current target's reads */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *send_button;
  AdwComboRow          *target_row;
  AdwPreferencesGroup  *left_out_group;
  AdwPreferencesGroup  *preview_group;
  GtkSpinner           *spinner;
  GtkLabel             *preview_label;
  GPtrArray            *left_out_rows;
};

G_DEFINE_FINAL_TYPE (LkCopyDialog, lk_copy_dialog, ADW_TYPE_WINDOW)

enum {
  COPIED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void read_everything (LkCopyDialog *self);
static void on_created_cb   (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static LkTenant *
current_target (LkCopyDialog *self)
{
  guint position = adw_combo_row_get_selected (self->target_row);

  return position < self->targets->len ? g_ptr_array_index (self->targets, position) : NULL;
}

static void
set_busy (LkCopyDialog *self,
          gboolean      busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_row), !self->sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), !busy && self->shown_digest != NULL);
}

static void
toast (LkCopyDialog *self,
       const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
clear_preview (LkCopyDialog *self)
{
  g_clear_pointer (&self->shown_digest, g_free);
  gtk_label_set_text (self->preview_label, "");
  for (guint i = 0; i < self->left_out_rows->len; i++)
    adw_preferences_group_remove (self->left_out_group, g_ptr_array_index (self->left_out_rows, i));
  g_ptr_array_set_size (self->left_out_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->left_out_group), FALSE);
  adw_preferences_group_set_description (self->preview_group, NULL);
}

static void
fail (LkCopyDialog *self,
      const GError *error)
{
  self->sending = FALSE;
  clear_preview (self);
  set_busy (self, FALSE);
  toast (self, error->message);
}

static char *
pretty_json (JsonObject *object)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Whether the other tenant has one of the same name: it may refuse a second. */
static gboolean
name_taken_there (LkCopyDialog *self,
                  JsonObject   *copy)
{
  const char *name = json_object_get_string_member_with_default (copy, "name", NULL);

  for (guint i = 0; name != NULL && i < g_list_model_get_n_items (self->there->items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->there->items, i);

      if (g_strcmp0 (self->kind->get_name (item), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
show_preview (LkCopyDialog  *self,
              LkCopyPreview *preview)
{
  LkTenant *target = current_target (self);
  g_autofree char *text = pretty_json (preview->object);
  g_autofree char *send_label = NULL;

  clear_preview (self);
  gtk_label_set_text (self->preview_label, text);
  self->shown_digest = g_strdup (preview->digest);

  for (guint i = 0; i < preview->left_out->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (preview->left_out, i), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_preferences_group_add (self->left_out_group, row);
      g_ptr_array_add (self->left_out_rows, row);
    }
  if (preview->left_out->len > 0)
    {
      g_autofree char *description = g_strdup_printf (_("“%s” has nothing of these names: they are not copied, "
                                                         "and nothing is guessed in their place."),
                                                       lk_tenant_get_name (target));

      adw_preferences_group_set_description (self->left_out_group, description);
      gtk_widget_set_visible (GTK_WIDGET (self->left_out_group), TRUE);
    }

  if (name_taken_there (self, preview->object))
    {
      g_autofree char *warning = g_strdup_printf (_("“%s” already has one called “%s”: the copy would be a "
                                                    "second one, if the tenant allows it."),
                                                  lk_tenant_get_name (target),
                                                  json_object_get_string_member_with_default (preview->object,
                                                                                              "name", ""));

      adw_preferences_group_set_description (self->preview_group, warning);
    }

  send_label = g_strdup_printf (_("_Send to “%s”"), lk_tenant_get_name (target));
  gtk_button_set_label (self->send_button, send_label);
  set_busy (self, FALSE);
}

/* Both tenants read (and, when sending, the object again): a preview. */
static void
reads_done (LkCopyDialog *self)
{
  g_autoptr(LkCopyPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) item = NULL;

  preview = lk_copy_preview_new (self->kind, self->object, self->here->sources, self->there->sources,
                                 self->here->policies, self->there->policies,
                                 lk_client_get_base_url (self->there->client), &error);
  if (preview == NULL)
    {
      fail (self, error);
      return;
    }

  if (!self->sending)
    {
      show_preview (self, preview);
      return;
    }

  /* Only what was seen is sent. */
  if (g_strcmp0 (preview->digest, self->shown_digest) != 0)
    {
      self->sending = FALSE;
      show_preview (self, preview);
      toast (self, _("The copy changed since it was shown (the object or a tenant’s sources did): nothing was "
                     "sent. Check it, and send again."));
      return;
    }

  if (!(item = self->kind->new_from_json (preview->object, &error)))
    {
      fail (self, error);
      return;
    }

  lk_client_create_resource_async (self->there->client, self->kind, item, self->cancellable, on_created_cb,
                                   g_object_ref (self));
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkCopyDialog) self = user_data;
  g_autoptr(GObject) made = NULL;
  g_autoptr(GError) error = NULL;

  made = lk_client_resource_finish (LK_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->sending = FALSE;
  if (made == NULL)
    {
      /* What the tenant said; the preview stays, to send again or not. */
      set_busy (self, FALSE);
      toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals [COPIED], 0, made, lk_tenant_get_name (current_target (self)));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
read_done (LkCopyDialog *self)
{
  if (--self->pending > 0)
    return;
  reads_done (self);
}

/* One read failed: the others are not waited for. */
static void
read_failed (LkCopyDialog *self,
             const GError *error)
{
  g_cancellable_cancel (self->loading);
  fail (self, error);
}

static void
take_references (LkCopyDialog      *self,
                 LkCopyReferences  *references,
                 const GError      *error,
                 LkCopyReferences **slot)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (references == NULL)
    {
      read_failed (self, error);
      return;
    }
  lk_copy_references_free (*slot);
  *slot = references;
  read_done (self);
}

static void
on_here_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkCopyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  LkCopyReferences *here = lk_copy_references_load_finish (LK_CLIENT (object), result, &error);

  take_references (self, here, error, &self->here);
}

static void
on_there_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LkCopyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  LkCopyReferences *there = lk_copy_references_load_tenant_finish (LK_SESSION (object), result, &error);

  take_references (self, there, error, &self->there);
}

static void
on_object_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkCopyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) item = lk_client_resource_finish (LK_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (item == NULL)
    {
      read_failed (self, error);
      return;
    }
  g_clear_pointer (&self->object, json_object_unref);
  self->object = self->kind->to_json (item);
  read_done (self);
}

static void
read_everything (LkCopyDialog *self)
{
  LkTenant *target = current_target (self);

  if (target == NULL)
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  if (!self->sending)
    clear_preview (self);
  set_busy (self, TRUE);

  /* The target's lists; this tenant's once for a preview, and when sending
   * everything again, the object itself included.
   */
  self->pending = 1;
  lk_copy_references_load_tenant_async (self->session, target, self->kind, self->loading, on_there_read_cb,
                                        g_object_ref (self));
  if (self->here == NULL || self->sending)
    {
      self->pending++;
      lk_copy_references_load_async (self->client, self->kind, self->loading, on_here_read_cb, g_object_ref (self));
    }
  if (self->sending)
    {
      self->pending++;
      lk_client_get_resource_async (self->client, self->kind, self->id, self->loading, on_object_read_cb,
                                    g_object_ref (self));
    }
}

static void
on_target_selected_cb (LkCopyDialog *self)
{
  self->sending = FALSE;
  read_everything (self);
}

static void
on_send_clicked_cb (LkCopyDialog *self)
{
  if (self->shown_digest == NULL || self->sending)
    return;

  self->sending = TRUE;
  read_everything (self);
}

/* GObject */

static void
lk_copy_dialog_dispose (GObject *object)
{
  LkCopyDialog *self = (LkCopyDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_COPY_DIALOG);

  G_OBJECT_CLASS (lk_copy_dialog_parent_class)->dispose (object);
}

static void
lk_copy_dialog_finalize (GObject *object)
{
  LkCopyDialog *self = (LkCopyDialog *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_pointer (&self->object, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->here, lk_copy_references_free);
  g_clear_pointer (&self->there, lk_copy_references_free);
  g_clear_pointer (&self->shown_digest, g_free);
  g_clear_pointer (&self->left_out_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loading);

  G_OBJECT_CLASS (lk_copy_dialog_parent_class)->finalize (object);
}

static void
lk_copy_dialog_class_init (LkCopyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_copy_dialog_dispose;
  object_class->finalize = lk_copy_dialog_finalize;

  /**
   * LkCopyDialog::copied:
   * @self: the dialog
   * @item: what the other tenant made
   * @tenant: the other tenant's name
   */
  signals [COPIED] =
    g_signal_new ("copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_OBJECT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/compare/lk-copy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, left_out_group);
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkCopyDialog, preview_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lk_copy_dialog_init (LkCopyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->targets = g_ptr_array_new_with_free_func (g_object_unref);
  self->left_out_rows = g_ptr_array_new ();
  g_signal_connect_object (self->send_button, "clicked", G_CALLBACK (on_send_clicked_cb), self, G_CONNECT_SWAPPED);
}

/**
 * lk_copy_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: the session, whose other saved tenants can be copied to
 * @client: the tenant @item is on
 * @kind: the collection
 * @item: a policy or sync group
 *
 * Returns: (transfer none): the dialog, to present
 */
LkCopyDialog *
lk_copy_dialog_new (GtkWindow            *parent,
                    LkSession            *session,
                    LkClient             *client,
                    const LkResourceKind *kind,
                    gpointer              item)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *tenants;
  LkCopyDialog *self;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (LK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kind != NULL && item != NULL, NULL);

  self = g_object_new (LK_TYPE_COPY_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->client = g_object_ref (client);
  self->kind = kind;
  self->object = kind->to_json (item);
  self->id = g_strdup (kind->get_id (item));

  gtk_window_set_title (GTK_WINDOW (self), kind == &lk_password_policy_kind ? _("Copy Policy") : _("Copy Sync Group"));
  adw_window_title_set_subtitle (self->window_title, kind->get_name (item));

  /* Any other saved tenant: the same tenant with other credentials is still this one. */
  tenants = G_LIST_MODEL (lk_session_get_tenants (session));
  for (guint i = 0; i < g_list_model_get_n_items (tenants); i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (tenants, i);

      if (g_strcmp0 (lk_tenant_get_base_url (tenant), lk_client_get_base_url (client)) == 0)
        continue;
      gtk_string_list_append (names, lk_tenant_get_name (tenant));
      g_ptr_array_add (self->targets, g_steal_pointer (&tenant));
    }

  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (names));
  g_signal_connect_object (self->target_row, "notify::selected", G_CALLBACK (on_target_selected_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->targets->len == 0)
    {
      adw_preferences_group_set_description (self->preview_group,
                                             _("There is no other saved tenant to copy to: add one first."));
      set_busy (self, FALSE);
    }
  else
    read_everything (self);

  return self;
}
