/* lk-window.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-tenant-dialog.h"
#include "lk-drafts.h"
#include "lk-list-page.h"
#include "lk-page.h"
#include "lk-pages.h"
#include "lk-rotation-prompts.h"
#include "lk-tokens-page.h"
#include "lk-window.h"

struct _LkWindow
{
  AdwApplicationWindow parent_instance;

  /* Owned */
  GSettings      *settings;
  LkSession      *session;
  LkTenantList   *tenants;   /* the session's */
  LkClient       *client;    /* the session's, while it is the current one */
  AdwToast       *waiting_toast;
  guint           n_pages_added;
  guint           add_pages_source;
  GtkWindow      *shortcuts_window;
  GHashTable     *drafts_offered;   /* base URLs whose kept edits were offered */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  AdwLeaflet      *leaflet;
  GtkWidget       *content;
  GtkStack        *content_stack;
  GtkStack        *page_stack;
  GtkSpinner      *connecting_spinner;
  GtkListBox      *page_list;
  GtkMenuButton   *tenant_button;
  GtkListBox      *tenant_list;
  AdwWindowTitle  *content_title;
  GtkMenuButton   *empty_menu_button;
  GtkMenuButton   *sidebar_menu_button;
  GMenuModel      *primary_menu;
};

G_DEFINE_FINAL_TYPE (LkWindow, lk_window, ADW_TYPE_APPLICATION_WINDOW)

static void add_pages_up_to (LkWindow *self,
                             guint     n_wanted);

enum {
  PROP_0,
  PROP_SESSION,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkWidget *
create_page_row (GtkStackPage *page)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (gtk_stack_page_get_title (page));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (gtk_stack_page_get_icon_name (page)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, gtk_stack_page_get_name (page));
  /* GTK 4.8 names a row from nothing inside it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_stack_page_get_title (page), -1);

  return row;
}

static GtkWidget *
create_tenant_row (gpointer item,
                   gpointer user_data)
{
  LkWindow *self = user_data;
  LkTenant *tenant = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (lk_tenant_get_name (tenant));
  GtkWidget *url = gtk_label_new (lk_tenant_get_base_url (tenant));
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (url, "dim-label");
  gtk_widget_add_css_class (url, "url");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), url);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), check);
  gtk_widget_set_opacity (check, tenant == lk_tenant_list_get_current (self->tenants) ? 1 : 0);
  gtk_widget_add_css_class (row, "tenant-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lk_tenant_get_name (tenant),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, lk_tenant_get_base_url (tenant),
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "tenant", g_object_ref (tenant), g_object_unref);

  return row;
}

static void
update_titles (LkWindow *self)
{
  LkTenant *current = lk_tenant_list_get_current (self->tenants);
  const char *tenant_name = current ? lk_tenant_get_name (current) : NULL;
  GtkWidget *child = gtk_stack_get_visible_child (self->page_stack);
  GtkStackPage *page = child ? gtk_stack_get_page (self->page_stack, child) : NULL;

  gtk_menu_button_set_label (self->tenant_button, tenant_name ? tenant_name : "");
  adw_window_title_set_title (self->content_title, page ? gtk_stack_page_get_title (page) : "");
  adw_window_title_set_subtitle (self->content_title, tenant_name ? tenant_name : "");
}

static void
update_main_view (LkWindow *self)
{
  gboolean has_tenant = g_list_model_get_n_items (G_LIST_MODEL (self->tenants)) > 0;

  if (has_tenant)
    add_pages_up_to (self, 1);
  gtk_stack_set_visible_child_name (self->main_stack, has_tenant ? "tenant" : "empty");
}

/* Into the page shown, unless the focus is in it already: the page's keys
 * (Ctrl+N, F5, Delete…) then work at once. GTK would leave it on the first
 * control of the header bar, the tenant switcher.
 */
static void
focus_page (LkWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->page_stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (page == NULL || !gtk_widget_get_mapped (page) || (focus != NULL && gtk_widget_is_ancestor (focus, page)))
    return;
  gtk_widget_grab_focus (page);
}

static void
update_content (LkWindow *self)
{
  LkSessionState state = lk_session_get_state (self->session);
  const char *name = state == LK_SESSION_STATE_CONNECTING ? "connecting"
                   : state == LK_SESSION_STATE_NEEDS_SECRET ? "needs-secret"
                   : "pages";

  gtk_spinner_set_spinning (self->connecting_spinner, state == LK_SESSION_STATE_CONNECTING);
  gtk_stack_set_visible_child_name (self->content_stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-tenant",
                                 lk_tenant_list_get_current (self->tenants) != NULL);
  focus_page (self);
}

static void
on_session_state_cb (LkWindow   *self,
                     GParamSpec *pspec,
                     LkSession  *session)
{
  update_content (self);
}

static void
on_waiting_toast_dismissed_cb (LkWindow *self)
{
  self->waiting_toast = NULL;
}

/* A request waits out the tenant's rate limit: say so, or the window
 * seems to hang. One toast, kept up to date, however many requests wait.
 */
static void
show_waiting (LkWindow   *self,
              const char *text,
              guint       seconds)
{
  if (self->waiting_toast != NULL)
    {
      adw_toast_set_title (self->waiting_toast, text);
      return;
    }

  self->waiting_toast = adw_toast_new (text);
  adw_toast_set_timeout (self->waiting_toast, CLAMP (seconds, 3, 10));
  g_signal_connect_object (self->waiting_toast, "dismissed", G_CALLBACK (on_waiting_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  lk_window_add_toast (self, self->waiting_toast);
}

static void
on_rate_limited_cb (LkWindow *self,
                    guint     seconds,
                    LkClient *client)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "The tenant asks to wait (rate limit): trying again in %u second",
                                                        "The tenant asks to wait (rate limit): trying again in %u seconds",
                                                        seconds), seconds);

  show_waiting (self, text, seconds);
}

/* Latchkey keeps to the limit itself (a bulk revoke, say): said the same way. */
static void
on_paced_cb (LkWindow *self,
             guint     seconds,
             LkClient *client)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Keeping to the tenant’s rate limit: going on in %u second",
                                                        "Keeping to the tenant’s rate limit: going on in %u seconds",
                                                        seconds), seconds);

  show_waiting (self, text, seconds);
}

/* Every page talks to the current tenant's client. */
/* Kept edits: what an editor held when Latchkey stopped without a leave. */

static void add_pages (LkWindow *self);

static const char *
page_of_collection (LkWindow   *self,
                    const char *collection)
{
  add_pages (self);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (LK_IS_LIST_PAGE (page) && g_str_equal (LK_LIST_PAGE_GET_CLASS (page)->kind->collection, collection))
      return gtk_stack_page_get_name (gtk_stack_get_page (self->page_stack, page));

  return NULL;
}

static void
on_draft_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LkWindow         *self)
{
  LkDraft *draft = g_object_get_data (G_OBJECT (dialog), "lk-draft");
  g_autoptr(LkDrafts) drafts = lk_drafts_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *name;

  if (g_str_equal (response, "discard"))
    {
      if (!lk_drafts_forget (drafts, draft->tenant, draft->collection, draft->object_id, &error))
        lk_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  if (!g_str_equal (response, "restore") || !(name = page_of_collection (self, draft->collection)))
    return;

  lk_window_set_visible_page (self, name);
  lk_list_page_open_draft (LK_LIST_PAGE (gtk_stack_get_child_by_name (self->page_stack, name)), draft->object_id,
                           draft->object);
}

static void
offer_drafts (LkWindow *self)
{
  g_autoptr(LkDrafts) drafts = lk_drafts_new (NULL);
  g_autoptr(GPtrArray) kept = NULL;
  const char *base_url = lk_client_get_base_url (self->client);

  if (self->drafts_offered == NULL)
    self->drafts_offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (self->drafts_offered, g_strdup (base_url)))
    return;

  kept = lk_drafts_list (drafts, base_url);
  for (guint i = 0; i < kept->len; i++)
    {
      LkDraft *draft = g_ptr_array_index (kept, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (draft->kept_at);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      const char *name = json_object_get_string_member_with_default (draft->object, "name", "");
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Unsaved Changes Were Kept"), NULL));
      if (g_str_has_prefix (draft->object_id, LK_DRAFT_NEW_PREFIX))
        adw_message_dialog_format_body (dialog,
                                        _("A new “%s” was not saved when Latchkey stopped (%s). Restore it in the "
                                          "editor to look it over and save, or discard it."),
                                        *name != '\0' ? name : _("Unnamed"), when);
      else
        adw_message_dialog_format_body (dialog,
                                        _("Your changes to “%s” were not saved when Latchkey stopped (%s). Restore "
                                          "them in the editor to look them over and save, or discard them."),
                                        *name != '\0' ? name : draft->object_id, when);
      adw_message_dialog_add_responses (dialog, "later", _("_Later"), "discard", _("_Discard"), "restore",
                                        _("_Restore Changes"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
      adw_message_dialog_set_close_response (dialog, "later");
      g_object_set_data_full (G_OBJECT (dialog), "lk-draft", g_ptr_array_steal_index (kept, i),
                              (GDestroyNotify) lk_draft_free);
      i--;
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_draft_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_session_client_cb (LkWindow   *self,
                      GParamSpec *pspec,
                      LkSession  *session)
{
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, lk_session_get_client (session));
  if (self->client != NULL)
    {
      g_signal_connect_object (self->client, "rate-limited", G_CALLBACK (on_rate_limited_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->client, "paced", G_CALLBACK (on_paced_cb), self, G_CONNECT_SWAPPED);
    }

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    lk_page_set_client (LK_PAGE (page), self->client);

  if (self->client != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    offer_drafts (self);
}

/* The shortcuts window, built the first time it is asked for (some 6 ms
 * that no first frame shows), then kept for the window's life.
 */
static void
lk_window_show_shortcuts_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/latchkey/Latchkey/lk-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (g_object_ref_sink (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
    }

  gtk_window_present (self->shortcuts_window);
}

static void
lk_window_toast_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  lk_window_add_toast (LK_WINDOW (widget), adw_toast_new (g_variant_get_string (param, NULL)));
}

static void
on_secrets_persistent_cb (LkWindow      *self,
                          GParamSpec    *pspec,
                          LkSecretStore *secrets)
{
  if (lk_secret_store_get_persistent (secrets))
    return;

  /* Connected all the same: say where the secret is, and until when. */
  lk_window_add_toast (self, adw_toast_new (_("No keyring answered: secrets are kept only until Latchkey quits")));
}

static void
present_tenant_dialog (LkWindow *self,
                       LkTenant *tenant)
{
  LkTenantDialog *dialog = lk_tenant_dialog_new (GTK_WINDOW (self), self->session, tenant);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_window_add_tenant_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  present_tenant_dialog (LK_WINDOW (widget), NULL);
}

static void
lk_window_edit_tenant_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  LkTenant *current = lk_tenant_list_get_current (self->tenants);

  if (current != NULL)
    present_tenant_dialog (self, current);
}

static void
on_tenants_items_changed_cb (LkWindow   *self,
                             guint       position,
                             guint       removed,
                             guint       added,
                             GListModel *model)
{
  update_main_view (self);
}

static void
on_tenants_current_cb (LkWindow     *self,
                       GParamSpec   *pspec,
                       LkTenantList *tenants)
{
  /* Rebuild the rows so that the check mark follows the current tenant. */
  gtk_list_box_bind_model (self->tenant_list, G_LIST_MODEL (self->tenants),
                           create_tenant_row, self, NULL);
  update_titles (self);
  update_content (self);
}

/* The first page whose editor holds changes not saved yet, or NULL. */
static GtkWidget *
page_with_unsaved_editor (LkWindow *self)
{
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (lk_page_get_unsaved_editor (LK_PAGE (page)) != NULL)
      return page;

  return NULL;
}

static gboolean
has_unsaved_editor (LkWindow *self)
{
  return page_with_unsaved_editor (self) != NULL;
}

/* The first editor with changes not saved yet, shown, then asked to be
 * left: Save, Discard or Cancel.
 */
static void
leave_unsaved_editor (LkWindow            *self,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GtkWidget *page = page_with_unsaved_editor (self);

  g_return_if_fail (page != NULL);

  lk_window_set_visible_page (self, gtk_stack_page_get_name (gtk_stack_get_page (self->page_stack, page)));
  lk_form_editor_leave_async (lk_page_get_unsaved_editor (LK_PAGE (page)), callback, user_data);
}

static gboolean
unsaved_editor_left (GObject      *editor,
                     GAsyncResult *result)
{
  return lk_form_editor_leave_finish (LK_FORM_EDITOR (editor), result, NULL);
}

static void switch_tenant (LkWindow *self,
                           LkTenant *tenant);

static void
on_left_for_tenant_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LkTenant) tenant = user_data;
  LkWindow *self = LK_WINDOW (gtk_widget_get_root (GTK_WIDGET (object)));

  /* Another editor may hold changes too: asked in turn. */
  if (unsaved_editor_left (object, result) && self != NULL)
    switch_tenant (self, tenant);
}

/* Another tenant closes what is being edited: ask first. */
static void
switch_tenant (LkWindow *self,
               LkTenant *tenant)
{
  if (tenant != lk_tenant_list_get_current (self->tenants) && has_unsaved_editor (self))
    leave_unsaved_editor (self, on_left_for_tenant_cb, g_object_ref (tenant));
  else
    lk_tenant_list_set_current (self->tenants, tenant);
}

static void
on_tenant_list_row_activated_cb (LkWindow      *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list)
{
  gtk_menu_button_popdown (self->tenant_button);
  switch_tenant (self, g_object_get_data (G_OBJECT (row), "tenant"));
}

static void
on_page_list_row_activated_cb (LkWindow      *self,
                               GtkListBoxRow *row,
                               GtkListBox    *list)
{
  lk_window_set_visible_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
select_page_row (LkWindow   *self,
                 const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->page_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->page_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

static void
on_page_stack_visible_child_cb (LkWindow   *self,
                                GParamSpec *pspec,
                                GtkStack   *stack)
{
  select_page_row (self, gtk_stack_get_visible_child_name (stack));
  update_titles (self);
  focus_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VISIBLE_PAGE]);
}

static void
lk_window_show_sidebar_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
lk_window_switch_tenant_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "tenant") == 0)
    gtk_menu_button_popup (self->tenant_button);
}

static void
restore_window_state (LkWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (LkWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static void
on_editor_left_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkWindow) self = user_data;

  /* Saved or discarded: now the window may close, or ask about the next. */
  if (unsaved_editor_left (object, result))
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
lk_window_close_request (GtkWindow *window)
{
  LkWindow *self = LK_WINDOW (window);

  /* What is being edited is not lost with the window: ask first. */
  if (has_unsaved_editor (self))
    {
      leave_unsaved_editor (self, on_editor_left_cb, g_object_ref (self));
      return TRUE;
    }

  save_window_state (LK_WINDOW (window));

  return GTK_WINDOW_CLASS (lk_window_parent_class)->close_request (window);
}

/* The pages, from lk-pages.c, in order, up to @n_wanted of them. */
static void
add_pages_up_to (LkWindow *self,
                 guint     n_wanted)
{
  const LkPageInfo *pages;
  guint n_pages;

  pages = lk_pages_get_all (&n_pages);
  n_wanted = MIN (n_wanted, n_pages);
  if (self->n_pages_added >= n_wanted)
    return;

  for (guint i = self->n_pages_added; i < n_wanted; i++)
    {
      GtkWidget *child = g_object_new (pages[i].get_type (), NULL);
      GtkStackPage *page = gtk_stack_add_titled (self->page_stack, child, pages[i].name, _(pages[i].title));

      g_assert (LK_IS_PAGE (child));
      gtk_stack_page_set_icon_name (page, pages[i].icon_name);
      gtk_list_box_append (self->page_list, create_page_row (page));
      /* A page that tells the connection's own token apart has a session. */
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (child), "session") != NULL)
        g_object_set (child, "session", self->session, NULL);
      lk_page_set_client (LK_PAGE (child), self->client);
    }
  self->n_pages_added = n_wanted;
  if (self->n_pages_added == n_pages)
    g_clear_handle_id (&self->add_pages_source, g_source_remove);

  select_page_row (self, gtk_stack_get_visible_child_name (self->page_stack));
}

/* Every page: one is being asked for. */
static void
add_pages (LkWindow *self)
{
  add_pages_up_to (self, G_MAXUINT);
}

static gboolean
add_pages_cb (gpointer data)
{
  LkWindow *self = data;

  self->add_pages_source = 0;
  add_pages (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   LkWindow      *self)
{
  g_autoptr(LkRotations) rotations = lk_rotations_new (NULL);

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  if (self->add_pages_source == 0)
    self->add_pages_source = g_idle_add_full (G_PRIORITY_LOW, add_pages_cb, self, NULL);

  /* A rotation a crash left halfway: finish or undo it before anything else. */
  lk_rotation_prompts_offer_interrupted (GTK_WIDGET (self), self->session, rotations);
  if (self->client != NULL)
    offer_drafts (self);
}

static void
on_first_map_cb (LkWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_first_map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_frame_cb), self, 0);
}

static void
lk_window_constructed (GObject *object)
{
  LkWindow *self = (LkWindow *)object;

  G_OBJECT_CLASS (lk_window_parent_class)->constructed (object);

  g_assert (LK_IS_SESSION (self->session));

  self->tenants = lk_session_get_tenants (self->session);
  g_object_get (self->tenants, "settings", &self->settings, NULL);
  restore_window_state (self);

  /* The first frame shows one page at most, the first: the others are built after it. */
  g_signal_connect (self, "map", G_CALLBACK (on_first_map_cb), NULL);

  g_signal_connect_object (self->tenants, "items-changed",
                           G_CALLBACK (on_tenants_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tenants, "notify::current",
                           G_CALLBACK (on_tenants_current_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (on_session_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::client",
                           G_CALLBACK (on_session_client_cb), self,
                           G_CONNECT_SWAPPED);
  on_session_client_cb (self, NULL, self->session);
  g_signal_connect_object (lk_session_get_secrets (self->session), "notify::persistent",
                           G_CALLBACK (on_secrets_persistent_cb), self,
                           G_CONNECT_SWAPPED);

  on_tenants_current_cb (self, NULL, self->tenants);
  select_page_row (self, gtk_stack_get_visible_child_name (self->page_stack));
  update_main_view (self);
}

static void
lk_window_dispose (GObject *object)
{
  LkWindow *self = (LkWindow *)object;

  g_clear_handle_id (&self->add_pages_source, g_source_remove);
  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_object (&self->shortcuts_window);
  /* The session outlives the window: no more of its news once the pages go. */
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (self->tenants, self);
      g_signal_handlers_disconnect_by_data (lk_session_get_secrets (self->session), self);
    }
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);

  /* The popover can outlive the window by a few iterations: drop its hold on the list now. */
  if (self->tenant_list != NULL)
    gtk_list_box_bind_model (self->tenant_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_WINDOW);

  G_OBJECT_CLASS (lk_window_parent_class)->dispose (object);
}

static void
lk_window_finalize (GObject *object)
{
  LkWindow *self = (LkWindow *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->drafts_offered, g_hash_table_unref);

  G_OBJECT_CLASS (lk_window_parent_class)->finalize (object);
}

static void
lk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkWindow *self = LK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, lk_window_get_visible_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LkWindow *self = LK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_VISIBLE_PAGE:
      lk_window_set_visible_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lk_window_parent_class)->map (widget);
  focus_page (LK_WINDOW (widget));
}

static void
lk_window_class_init (LkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  const LkPageInfo *pages;
  guint n_pages;

  object_class->constructed = lk_window_constructed;
  object_class->dispose = lk_window_dispose;
  object_class->finalize = lk_window_finalize;
  object_class->get_property = lk_window_get_property;
  object_class->set_property = lk_window_set_property;
  widget_class->map = lk_window_map;

  window_class->close_request = lk_window_close_request;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LK_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL,
                         "tokens",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, content);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, page_list);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, empty_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, tenant_button);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, tenant_list);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, content_title);
  /* Not used here, but reachable with gtk_widget_get_template_child() for tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "empty_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_add_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "needs_secret_page", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_tenant_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_stack_visible_child_cb);

  gtk_widget_class_install_property_action (widget_class, "win.show-page", "visible-page");
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, lk_window_show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.switch-tenant", NULL, lk_window_switch_tenant_action);
  gtk_widget_class_install_action (widget_class, "win.add-tenant", NULL, lk_window_add_tenant_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", lk_window_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, lk_window_show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.edit-tenant", NULL, lk_window_edit_tenant_action);

  /* Alt+1… in the sidebar's order. */
  pages = lk_pages_get_all (&n_pages);
  for (guint i = 0; i < MIN (n_pages, 9); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", pages[i].name);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.switch-tenant", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-tenant", NULL);
}

static void
build_primary_menu (GtkMenuButton *button,
                    gpointer       user_data)
{
  LkWindow *self = user_data;

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
lk_window_init (LkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A menu's popover is built with its model: here, when first opened, not for the first frame. */
  gtk_menu_button_set_create_popup_func (self->empty_menu_button, build_primary_menu, self, NULL);
  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, build_primary_menu, self, NULL);

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

LkWindow *
lk_window_new (GtkApplication *application,
               LkSession      *session)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LK_IS_SESSION (session), NULL);

  return g_object_new (LK_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

/**
 * lk_window_get_session:
 * @self: a #LkWindow
 *
 * Returns: (transfer none): the tenants, their secrets and the current client
 */
LkSession *
lk_window_get_session (LkWindow *self)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * lk_window_offer_tenant:
 * @self: a #LkWindow
 * @tenant: a tenant described elsewhere (the SAIL_* variables)
 * @secret: (nullable): its secret
 *
 * Opens the Add Tenant dialog filled in; the user connects or cancels.
 */
void
lk_window_offer_tenant (LkWindow   *self,
                        LkTenant   *tenant,
                        const char *secret)
{
  LkTenantDialog *dialog;

  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (LK_IS_TENANT (tenant));

  dialog = lk_tenant_dialog_new (GTK_WINDOW (self), self->session, NULL);
  lk_tenant_dialog_prefill (dialog, tenant, secret);
  gtk_window_present (GTK_WINDOW (dialog));
}

const char *
lk_window_get_visible_page (LkWindow *self)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->page_stack);
}

void
lk_window_set_visible_page (LkWindow   *self,
                            const char *page)
{
  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (page != NULL);

  add_pages (self);
  if (gtk_stack_get_child_by_name (self->page_stack, page) == NULL)
    {
      g_warning ("No page called “%s”", page);
      return;
    }

  /* Folded, the page asked for replaces the sidebar. */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  /* The stack's notify handler selects the row and notifies visible-page. */
  gtk_stack_set_visible_child_name (self->page_stack, page);
}

void
lk_window_add_toast (LkWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The tokens page, built if it was not yet, on @tenant_name's tokens. */
static LkTokensPage *
show_tokens_of (LkWindow   *self,
                const char *tenant_name)
{
  LkTenant *tenant = lk_tenant_list_find (self->tenants, tenant_name);

  if (tenant == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("There is no tenant called “%s” any more"), tenant_name);

      lk_window_add_toast (self, adw_toast_new (text));
      return NULL;
    }

  switch_tenant (self, tenant);
  lk_window_set_visible_page (self, "tokens");
  return LK_TOKENS_PAGE (gtk_stack_get_child_by_name (self->page_stack, "tokens"));
}

/**
 * lk_window_show_token:
 * @self: a #LkWindow
 * @tenant_name: a saved tenant
 * @token_id: one of its tokens
 *
 * Switches to the tenant (asking first if an editor holds changes) and
 * opens the token on the Tokens page: a notification's click.
 */
void
lk_window_show_token (LkWindow   *self,
                      const char *tenant_name,
                      const char *token_id)
{
  LkTokensPage *page;

  g_return_if_fail (LK_IS_WINDOW (self));

  if ((page = show_tokens_of (self, tenant_name)))
    lk_tokens_page_show_token (page, lk_tenant_get_base_url (lk_tenant_list_find (self->tenants, tenant_name)),
                               token_id);
}

/**
 * lk_window_show_expiring:
 * @self: a #LkWindow
 * @tenant_name: a saved tenant
 *
 * The tenant's tokens that expire soon, on the Tokens page.
 */
void
lk_window_show_expiring (LkWindow   *self,
                         const char *tenant_name)
{
  LkTokensPage *page;

  g_return_if_fail (LK_IS_WINDOW (self));

  if ((page = show_tokens_of (self, tenant_name)))
    lk_tokens_page_show_expiring (page);
}
