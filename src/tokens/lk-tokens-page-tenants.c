/* lk-tokens-page-tenants.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tokens-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-tokens-page-private.h"

/* The Tokens page over every saved tenant: one list with a Tenant column,
 * each tenant asked at once (LkAllTokens). A tenant still loading, waiting
 * out its rate limit or failed has a row of its own above the list, with
 * what it said and Try Again; the tenants that answered are listed all the
 * same, and the list grows as each answers.
 */

/**
 * _lk_tokens_page_client_for:
 * @self: a #LkTokensPage
 * @token: a token of the list
 *
 * Returns: (transfer none) (nullable): the client of the tenant @token is on
 */
LkClient *
_lk_tokens_page_client_for (LkTokensPage *self,
                            LkToken      *token)
{
  LkTenant *tenant = lk_token_get_tenant (token);
  LkClient *client;

  if (tenant != NULL && self->all != NULL && (client = lk_all_tokens_get_client (self->all, tenant)))
    return client;

  return self->client;
}

/* Rows of the tenants not (yet) in the list */

static void
on_retried_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkTokensPage) self = user_data;

  lk_all_tokens_retry_finish (LK_ALL_TOKENS (object), result, NULL);
}

static void
on_try_again_clicked_cb (GtkButton    *button,
                         LkTokensPage *self)
{
  LkTenantLoad *load = g_object_get_data (G_OBJECT (button), "lk-load");

  if (self->all == NULL || self->cancellable == NULL)
    return;
  lk_all_tokens_retry_async (self->all, load, self->cancellable, on_retried_cb, g_object_ref (self));
}

static GtkWidget *
tenant_row_new (LkTokensPage *self,
                LkTenantLoad *load)
{
  GtkWidget *row = adw_action_row_new ();
  LkTenant *tenant = lk_tenant_load_get_tenant (load);
  g_autofree char *escaped_name = g_markup_escape_text (lk_tenant_get_name (tenant), -1);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
  switch (lk_tenant_load_get_state (load))
    {
    case LK_TENANT_LOAD_LOADING:
      {
        GtkWidget *spinner = gtk_spinner_new ();

        gtk_spinner_start (GTK_SPINNER (spinner));
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
        subtitle = g_strdup (_("Loading tokens…"));
      }
      break;

    case LK_TENANT_LOAD_WAITING:
      {
        guint seconds = lk_tenant_load_get_wait_seconds (load);

        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The tenant asked Latchkey to slow down: asking again in %u second",
                                                 "The tenant asked Latchkey to slow down: asking again in %u seconds",
                                                 seconds), seconds);
      }
      break;

    case LK_TENANT_LOAD_FAILED:
      {
        GtkWidget *button = gtk_button_new_with_mnemonic (_("_Try Again"));

        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        g_object_set_data_full (G_OBJECT (button), "lk-load", g_object_ref (load), g_object_unref);
        g_signal_connect_object (button, "clicked", G_CALLBACK (on_try_again_clicked_cb), self, 0);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        gtk_widget_add_css_class (row, "error");
        /* What the tenant said, its tracking ID included. */
        subtitle = g_strdup_printf (_("Not listed: %s"), lk_tenant_load_get_error (load)->message);
      }
      break;

    case LK_TENANT_LOAD_DONE:
    default:
      g_assert_not_reached ();
    }

  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  return row;
}

/**
 * _lk_tokens_page_update_tenant_rows:
 * @self: a #LkTokensPage
 *
 * A row for each tenant not listed (loading, waiting, failed); none when
 * the page shows one tenant.
 */
void
_lk_tokens_page_update_tenant_rows (LkTokensPage *self)
{
  GListModel *loads = self->all != NULL ? lk_all_tokens_get_loads (self->all) : NULL;
  GtkWidget *child;
  gboolean any = FALSE;

  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tenant_rows))))
    gtk_list_box_remove (self->tenant_rows, child);

  for (guint i = 0; self->all_tenants && loads != NULL && i < g_list_model_get_n_items (loads); i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);

      if (lk_tenant_load_get_state (load) == LK_TENANT_LOAD_DONE)
        continue;
      gtk_list_box_append (self->tenant_rows, tenant_row_new (self, load));
      any = TRUE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tenant_rows), any);
}

static void
on_loads_changed_cb (LkTokensPage *self,
                     guint         position,
                     guint         removed,
                     guint         added,
                     GListModel   *loads)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);

      g_signal_connect_object (load, "notify::state", G_CALLBACK (_lk_tokens_page_update_tenant_rows), self,
                               G_CONNECT_SWAPPED);
    }
  _lk_tokens_page_update_tenant_rows (self);
}

/* The list: what is in so far, sorted in a thread; again when more came meanwhile. */

static void merge (LkTokensPage *self);

static void
on_merged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkTokensPage) self = user_data;

  if (!lk_token_list_model_set_tokens_finish (LK_TOKEN_LIST_MODEL (object), result, NULL))
    return;

  self->merging = FALSE;
  if (self->merge_again)
    {
      self->merge_again = FALSE;
      merge (self);
      return;
    }
  _lk_tokens_page_list_taken (self);
}

static void
merge (LkTokensPage *self)
{
  g_autoptr(GListModel) tokens = NULL;

  if (self->merging)
    {
      self->merge_again = TRUE;
      return;
    }

  self->merging = TRUE;
  tokens = lk_all_tokens_get_tokens (self->all);
  lk_token_list_model_set_tokens_async (self->tokens, tokens, self->cancellable, on_merged_cb, g_object_ref (self));
}

static void
on_tenant_loaded_cb (LkTokensPage *self,
                     LkTenantLoad *load,
                     LkAllTokens  *all)
{
  if (lk_tenant_load_get_state (load) == LK_TENANT_LOAD_DONE)
    merge (self);
}

static void
on_all_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LkTokensPage) self = user_data;

  if (!lk_all_tokens_load_finish (LK_ALL_TOKENS (object), result, NULL))
    return;

  /* No tenant answered: nothing to merge, and the rows say why. */
  if (!self->merging && self->loading)
    {
      lk_token_list_model_set_tokens (self->tokens, NULL);
      _lk_tokens_page_list_taken (self);
    }
}

/**
 * _lk_tokens_page_load_all:
 * @self: a #LkTokensPage
 * @owner_id: (nullable): `me`, or %NULL for everyone's
 * @filters: (nullable): the tenant-side filter
 *
 * Asks every saved tenant; self->cancellable is the load's.
 */
void
_lk_tokens_page_load_all (LkTokensPage *self,
                          const char   *owner_id,
                          const char   *filters)
{
  if (self->all == NULL)
    {
      self->all = lk_all_tokens_new (self->session);
      g_signal_connect_object (self->all, "tenant-loaded", G_CALLBACK (on_tenant_loaded_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (lk_all_tokens_get_loads (self->all), "items-changed",
                               G_CALLBACK (on_loads_changed_cb), self, G_CONNECT_SWAPPED);
    }

  self->merging = FALSE;
  self->merge_again = FALSE;
  lk_all_tokens_load_async (self->all, owner_id, filters, self->cancellable, on_all_loaded_cb, g_object_ref (self));
}
