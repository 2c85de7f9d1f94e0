/* lk-session.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-session"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lk-session.h"

/* What the app and latchkey-cli share: the tenants (GSettings), their
 * secrets (keyring), and a client for the current tenant. Like Calendar's
 * GcalContext, it has no GTK in it.
 */
struct _LkSession
{
  GObject         parent_instance;

  GSettings      *settings;
  LkTenantList   *tenants;
  LkSecretStore  *secrets;
  GTlsDatabase   *tls_database;

  LkClient       *client;
  LkSessionState  state;
  GCancellable   *connecting;
  LkHistory      *history;
  GHashTable     *tenant_clients;  /* "base_url client_id" → LkClient, of the other saved tenants */
};

G_DEFINE_FINAL_TYPE (LkSession, lk_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SECRETS,
  PROP_CLIENT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_client (LkSession      *self,
            LkClient       *client,
            LkSessionState  state)
{
  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
    }
}

static gboolean
client_matches (LkClient *client,
                LkTenant *tenant)
{
  return client != NULL && tenant != NULL &&
         g_strcmp0 (lk_client_get_base_url (client), lk_tenant_get_base_url (tenant)) == 0 &&
         g_strcmp0 (lk_client_get_client_id (client), lk_tenant_get_client_id (tenant)) == 0;
}

/**
 * lk_session_get_history:
 * @self: a #LkSession
 *
 * Returns: (transfer none): the versions kept of what this session's clients save and delete
 */
LkHistory *
lk_session_get_history (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);

  if (self->history == NULL)
    self->history = lk_history_new (NULL);
  return self->history;
}

/**
 * lk_session_create_client:
 * @self: a #LkSession
 * @base_url: the tenant's base URL
 * @client_id: a PAT's client ID
 * @secret: its secret
 *
 * Returns: (transfer full): a client with the session's API version and TLS trust
 */
LkClient *
lk_session_create_client (LkSession  *self,
                          const char *base_url,
                          const char *client_id,
                          const char *secret)
{
  g_autofree char *api_version = g_settings_get_string (self->settings, "api-version");
  g_autofree char *saved_by = NULL;
  LkClient *client = lk_client_new (base_url, client_id, secret);
  GListModel *tenants = G_LIST_MODEL (self->tenants);

  if (*api_version != '\0')
    lk_client_set_api_version (client, api_version);
  if (self->tls_database != NULL)
    lk_client_set_tls_database (client, self->tls_database);

  /* Who saved, in the history: the connection's name where it has one. */
  for (guint i = 0; i < g_list_model_get_n_items (tenants) && saved_by == NULL; i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (tenants, i);

      if (g_strcmp0 (lk_tenant_get_base_url (tenant), base_url) == 0 &&
          g_strcmp0 (lk_tenant_get_client_id (tenant), client_id) == 0)
        saved_by = g_strdup_printf ("%s (%s)", lk_tenant_get_name (tenant), client_id);
    }
  lk_client_set_history (client, lk_session_get_history (self), saved_by);

  return client;
}

static void
on_secret_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LkSession) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = lk_secret_store_lookup_finish (LK_SECRET_STORE (object), result, &error);
  LkTenant *tenant = lk_tenant_list_get_current (self->tenants);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->connecting);

  if (secret == NULL || tenant == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot read the secret of a tenant from the keyring: %s", error->message);
      set_client (self, NULL, tenant ? LK_SESSION_STATE_NEEDS_SECRET : LK_SESSION_STATE_NO_TENANT);
    }
  else
    {
      g_autoptr(LkClient) client = lk_session_create_client (self, lk_tenant_get_base_url (tenant),
                                                             lk_tenant_get_client_id (tenant), secret);

      set_client (self, client, LK_SESSION_STATE_READY);
    }

  lk_secret_free (secret);
}

/* Follows the current tenant: its secret from the keyring, a client for it. */
static void
reconnect (LkSession *self)
{
  LkTenant *tenant = lk_tenant_list_get_current (self->tenants);

  if (client_matches (self->client, tenant))
    return;

  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);

  if (tenant == NULL)
    {
      set_client (self, NULL, LK_SESSION_STATE_NO_TENANT);
      return;
    }

  set_client (self, NULL, LK_SESSION_STATE_CONNECTING);
  self->connecting = g_cancellable_new ();
  lk_secret_store_lookup_async (self->secrets, lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant),
                                self->connecting, on_secret_found_cb, g_object_ref (self));
}

static void
on_current_tenant_cb (LkSession    *self,
                      GParamSpec   *pspec,
                      LkTenantList *tenants)
{
  reconnect (self);
}

static void
on_api_version_changed_cb (LkSession  *self,
                           const char *key,
                           GSettings  *settings)
{
  g_autofree char *api_version = g_settings_get_string (settings, "api-version");

  if (self->client != NULL && *api_version != '\0')
    lk_client_set_api_version (self->client, api_version);
}

/* Clients for the other saved tenants, made as asked and kept: each holds
 * its bearer token and keeps its own rate limit. Forgotten when a tenant
 * changes, since its secret may have.
 */

static char *
tenant_client_key (const char *base_url,
                   const char *client_id)
{
  return g_strconcat (base_url, " ", client_id, NULL);
}

static void
forget_tenant_clients (LkSession *self)
{
  g_hash_table_remove_all (self->tenant_clients);
}

static void
on_tenants_changed_cb (LkSession  *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *tenants)
{
  forget_tenant_clients (self);
}

static void
on_tenant_client_secret_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSession *self = g_task_get_source_object (task);
  LkTenant *tenant = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkClient) client = NULL;
  char *secret = lk_secret_store_lookup_finish (LK_SECRET_STORE (object), result, &error);

  if (secret == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The keyring has no secret for “%s”: edit the tenant to enter it"),
                             lk_tenant_get_name (tenant));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  client = lk_session_create_client (self, lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant),
                                     secret);
  lk_secret_free (secret);
  g_hash_table_replace (self->tenant_clients,
                        tenant_client_key (lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant)),
                        g_object_ref (client));
  g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
}

/**
 * lk_session_get_tenant_client_async:
 * @self: a #LkSession
 * @tenant: a saved tenant
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the client
 * @user_data: data for @callback
 *
 * A client for @tenant, current or not: the session's own for the current
 * one, else one made with the secret from the keyring and kept for the
 * next call.
 */
void
lk_session_get_tenant_client_async (LkSession           *self,
                                    LkTenant            *tenant,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  LkClient *kept;

  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (LK_IS_TENANT (tenant));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_session_get_tenant_client_async);
  g_task_set_task_data (task, g_object_ref (tenant), g_object_unref);

  key = tenant_client_key (lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant));
  if (client_matches (self->client, tenant))
    g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
  else if ((kept = g_hash_table_lookup (self->tenant_clients, key)))
    g_task_return_pointer (task, g_object_ref (kept), g_object_unref);
  else
    lk_secret_store_lookup_async (self->secrets, lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant),
                                  cancellable, on_tenant_client_secret_cb, g_steal_pointer (&task));
}

/**
 * lk_session_get_tenant_client_finish:
 * @self: a #LkSession
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the client, or %NULL if the keyring has no secret for the tenant
 */
LkClient *
lk_session_get_tenant_client_finish (LkSession     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving a tenant: check the input, test the credentials, then keep them. */

typedef struct {
  char     *old_name;
  char     *name;
  char     *base_url;
  char     *client_id;
  char     *secret;
  char     *old_base_url;
  char     *old_client_id;
  LkClient *probe;
} SaveTenant;

static void
save_tenant_free (SaveTenant *save)
{
  g_free (save->old_name);
  g_free (save->name);
  g_free (save->base_url);
  g_free (save->client_id);
  g_clear_pointer (&save->secret, lk_secret_free);
  g_free (save->old_base_url);
  g_free (save->old_client_id);
  g_clear_object (&save->probe);
  g_free (save);
}

static void
on_old_secret_cleared_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lk_secret_store_clear_finish (LK_SECRET_STORE (object), result, &error))
    g_warning ("Cannot remove the previous secret of a tenant from the keyring: %s", error->message);
}

static void
on_tenant_secret_stored_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSession *self = g_task_get_source_object (task);
  SaveTenant *save = g_task_get_task_data (task);
  g_autoptr(LkTenant) tenant = NULL;
  g_autoptr(GError) error = NULL;
  gboolean moved;

  if (!lk_secret_store_store_finish (self->secrets, result, &error))
    {
      g_prefix_error (&error, _("The keyring refused the secret: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  moved = save->old_name != NULL &&
          (g_strcmp0 (save->old_base_url, save->base_url) != 0 ||
           g_strcmp0 (save->old_client_id, save->client_id) != 0);
  if (moved)
    lk_secret_store_clear_async (self->secrets, save->old_base_url, save->old_client_id, NULL,
                                 on_old_secret_cleared_cb, NULL);

  /* The probe proved the credentials and holds a token: it becomes the
   * session's client before the list changes, so no second lookup follows.
   */
  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);
  set_client (self, save->probe, LK_SESSION_STATE_READY);
  forget_tenant_clients (self);

  tenant = lk_tenant_new (save->name, save->base_url, save->client_id);
  if (save->old_name != NULL
      ? lk_tenant_list_replace (self->tenants, save->old_name, tenant, &error)
      : lk_tenant_list_add (self->tenants, tenant, &error))
    lk_tenant_list_set_current (self->tenants, tenant);

  if (error != NULL)
    {
      reconnect (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_credentials_tested_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSession *self = g_task_get_source_object (task);
  SaveTenant *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (!lk_client_authenticate_finish (LK_CLIENT (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Translators: how the keyring lists a tenant's secret */
  label = g_strdup_printf (_("Latchkey: %s"), save->name);
  lk_secret_store_store_async (self->secrets, save->base_url, save->client_id, save->secret, label,
                               g_task_get_cancellable (task), on_tenant_secret_stored_cb, g_object_ref (task));
}

/* Takes the reference on @task. */
static void
test_credentials (GTask *task)
{
  LkSession *self = g_task_get_source_object (task);
  SaveTenant *save = g_task_get_task_data (task);

  save->probe = lk_session_create_client (self, save->base_url, save->client_id, save->secret);
  lk_client_authenticate_async (save->probe, g_task_get_cancellable (task), on_credentials_tested_cb, task);
}

static void
on_previous_secret_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveTenant *save = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  save->secret = lk_secret_store_lookup_finish (LK_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (save->secret == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter the client secret: the keyring has none for this tenant"));
      return;
    }

  test_credentials (g_steal_pointer (&task));
}

static char *
strip_dup (const char *text)
{
  return text ? g_strstrip (g_strdup (text)) : g_strdup ("");
}

/**
 * lk_session_save_tenant_async:
 * @self: a #LkSession
 * @old_name: (nullable): the tenant being edited, or %NULL to add one
 * @name: its display name
 * @url: what the user typed: `acme`, a host, or a URL
 * @client_id: a PAT's client ID
 * @secret: (nullable): its secret; %NULL or empty keeps the one in the keyring when editing
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when saved, or when the tenant refused the credentials
 * @user_data: data for @callback
 *
 * Nothing is saved unless the tenant issues a token for the credentials.
 * The saved tenant becomes the current one.
 */
void
lk_session_save_tenant_async (LkSession           *self,
                              const char          *old_name,
                              const char          *name,
                              const char          *url,
                              const char          *client_id,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveTenant *save;
  LkTenant *existing;
  LkTenant *old = NULL;

  g_return_if_fail (LK_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_session_save_tenant_async);

  save = g_new0 (SaveTenant, 1);
  save->old_name = g_strdup (old_name);
  save->name = strip_dup (name);
  save->client_id = strip_dup (client_id);
  save->secret = secret && *secret ? g_strdup (secret) : NULL;
  g_task_set_task_data (task, save, (GDestroyNotify) save_tenant_free);

  if (old_name != NULL && !(old = lk_tenant_list_find (self->tenants, old_name)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no tenant called “%s”"), old_name);
      return;
    }

  if (*save->name == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter a name for the tenant"));
      return;
    }

  existing = lk_tenant_list_find (self->tenants, save->name);
  if (existing != NULL && existing != old)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("A tenant called “%s” already exists"), save->name);
      return;
    }

  if (!(save->base_url = lk_tenant_normalize_base_url (url ? url : "", &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (*save->client_id == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the client ID"));
      return;
    }

  if (old != NULL)
    {
      save->old_base_url = g_strdup (lk_tenant_get_base_url (old));
      save->old_client_id = g_strdup (lk_tenant_get_client_id (old));
    }

  if (save->secret != NULL)
    test_credentials (g_steal_pointer (&task));
  else if (old != NULL)
    lk_secret_store_lookup_async (self->secrets, save->old_base_url, save->old_client_id, cancellable,
                                  on_previous_secret_cb, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter the client secret"));
}

gboolean
lk_session_save_tenant_finish (LkSession     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_tenant_secret_cleared_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSession *self = g_task_get_source_object (task);
  const char *name = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lk_secret_store_clear_finish (self->secrets, result, &error))
    {
      g_prefix_error (&error, _("The keyring kept the secret: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  lk_tenant_list_remove (self->tenants, name);
  g_task_return_boolean (task, TRUE);
}

/**
 * lk_session_remove_tenant_async:
 * @self: a #LkSession
 * @name: the tenant's display name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the secret and the tenant are gone
 * @user_data: data for @callback
 */
void
lk_session_remove_tenant_async (LkSession           *self,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LkTenant *tenant;

  g_return_if_fail (LK_IS_SESSION (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_session_remove_tenant_async);
  g_task_set_task_data (task, g_strdup (name), g_free);

  if (!(tenant = lk_tenant_list_find (self->tenants, name)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no tenant called “%s”"), name);
      return;
    }

  lk_secret_store_clear_async (self->secrets, lk_tenant_get_base_url (tenant), lk_tenant_get_client_id (tenant),
                               cancellable, on_tenant_secret_cleared_cb, g_steal_pointer (&task));
}

gboolean
lk_session_remove_tenant_finish (LkSession     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (LK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lk_session_get_environment_tenant:
 * @self: a #LkSession
 * @secret: (out) (transfer full): the secret, for lk_secret_free()
 *
 * The SailPoint CLI and SDKs read SAIL_BASE_URL, SAIL_CLIENT_ID and
 * SAIL_CLIENT_SECRET; a tenant they describe can be offered on first start.
 *
 * Returns: (transfer full) (nullable): that tenant, unless it is already here
 */
LkTenant *
lk_session_get_environment_tenant (LkSession  *self,
                                   char      **secret)
{
  const char *url = g_getenv ("SAIL_BASE_URL");
  const char *client_id = g_getenv ("SAIL_CLIENT_ID");
  const char *client_secret = g_getenv ("SAIL_CLIENT_SECRET");
  g_autofree char *base_url = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *name = NULL;
  const char *host;

  g_return_val_if_fail (LK_IS_SESSION (self), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  *secret = NULL;

  if (url == NULL || client_id == NULL || client_secret == NULL || *client_id == '\0' || *client_secret == '\0')
    return NULL;

  if (!(base_url = lk_tenant_normalize_base_url (url, NULL)))
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tenants)); i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (G_LIST_MODEL (self->tenants), i);

      if (g_strcmp0 (lk_tenant_get_base_url (tenant), base_url) == 0 &&
          g_strcmp0 (lk_tenant_get_client_id (tenant), client_id) == 0)
        return NULL;
    }

  /* acme.api.identitynow.com → "acme" */
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  host = g_uri_get_host (uri);
  name = g_str_has_suffix (host, ".api.identitynow.com")
    ? g_strndup (host, strlen (host) - strlen (".api.identitynow.com"))
    : g_strdup (host);

  *secret = g_strdup (client_secret);
  return lk_tenant_new (name, base_url, client_id);
}

/* GObject */

static void
lk_session_constructed (GObject *object)
{
  LkSession *self = (LkSession *)object;

  G_OBJECT_CLASS (lk_session_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  if (self->secrets == NULL)
    self->secrets = lk_secret_store_new ();

  self->tenants = lk_tenant_list_new (self->settings);
  g_signal_connect_object (self->tenants, "notify::current", G_CALLBACK (on_current_tenant_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tenants, "items-changed", G_CALLBACK (on_tenants_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::api-version", G_CALLBACK (on_api_version_changed_cb),
                           self, G_CONNECT_SWAPPED);
  reconnect (self);
}

static void
lk_session_dispose (GObject *object)
{
  LkSession *self = (LkSession *)object;

  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);

  G_OBJECT_CLASS (lk_session_parent_class)->dispose (object);
}

static void
lk_session_finalize (GObject *object)
{
  LkSession *self = (LkSession *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->tenant_clients, g_hash_table_unref);
  g_clear_object (&self->history);
  g_clear_object (&self->tenants);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (lk_session_parent_class)->finalize (object);
}

static void
lk_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LkSession *self = LK_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SECRETS:
      g_value_set_object (value, self->secrets);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LkSession *self = LK_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SECRETS:
      self->secrets = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_session_class_init (LkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Before the first GSettings starts dconf's worker thread: that thread
   * registering GInetSocketAddress while this one runs SoupSession's
   * class_init deadlocks in GLib 2.74's type system.
   */
  g_type_ensure (G_TYPE_INET_SOCKET_ADDRESS);
  g_type_ensure (SOUP_TYPE_SESSION);

  object_class->constructed = lk_session_constructed;
  object_class->dispose = lk_session_dispose;
  object_class->finalize = lk_session_finalize;
  object_class->get_property = lk_session_get_property;
  object_class->set_property = lk_session_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SECRETS] =
    g_param_spec_object ("secrets", NULL, NULL, LK_TYPE_SECRET_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LK_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      LK_SESSION_STATE_NO_TENANT, LK_SESSION_STATE_NEEDS_SECRET, LK_SESSION_STATE_NO_TENANT,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_session_init (LkSession *self)
{
  self->tenant_clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * lk_session_new:
 * @settings: (nullable): the app's settings, or %NULL for the default
 * @secrets: (nullable): a secret store, or %NULL for a new one
 *
 * Returns: (transfer full): a session
 */
LkSession *
lk_session_new (GSettings     *settings,
                LkSecretStore *secrets)
{
  return g_object_new (LK_TYPE_SESSION,
                       "settings", settings,
                       "secrets", secrets,
                       NULL);
}

/**
 * lk_session_get_tenants:
 * @self: a #LkSession
 *
 * Returns: (transfer none): the tenants
 */
LkTenantList *
lk_session_get_tenants (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);

  return self->tenants;
}

/**
 * lk_session_get_secrets:
 * @self: a #LkSession
 *
 * Returns: (transfer none): the secret store
 */
LkSecretStore *
lk_session_get_secrets (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);

  return self->secrets;
}

/**
 * lk_session_get_client:
 * @self: a #LkSession
 *
 * Returns: (transfer none) (nullable): the client of the current tenant, once its secret is known
 */
LkClient *
lk_session_get_client (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), NULL);

  return self->client;
}

LkSessionState
lk_session_get_state (LkSession *self)
{
  g_return_val_if_fail (LK_IS_SESSION (self), LK_SESSION_STATE_NO_TENANT);

  return self->state;
}

/**
 * lk_session_set_tls_database:
 * @self: a #LkSession
 * @database: (nullable): the certificates to trust, or %NULL for the system's
 *
 * For clients made from now on.
 */
void
lk_session_set_tls_database (LkSession    *self,
                             GTlsDatabase *database)
{
  g_return_if_fail (LK_IS_SESSION (self));

  g_set_object (&self->tls_database, database);
  if (self->client != NULL)
    lk_client_set_tls_database (self->client, database);
}
