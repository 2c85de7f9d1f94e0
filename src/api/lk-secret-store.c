/* lk-secret-store.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-secret-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lk-secret-store.h"

/* Client secrets in the keyring, in a schema of our own, keyed by base URL
 * and client ID. Inside Flatpak libsecret goes through the Secret portal.
 *
 * A keyring that does not answer must not hang the app: every call has a
 * timeout. When no secret service answers (no session bus, no service, a
 * locked collection that nobody unlocks), secrets are kept in memory for
 * this session only, and `persistent` turns FALSE so that the UI can say so.
 */

#define DEFAULT_TIMEOUT_MS 10000

struct _LkSecretStore
{
  GObject     parent_instance;

  GHashTable *memory;      /* "base_url\nclient_id" → secret, wiped on removal */
  guint       timeout_ms;
  gboolean    persistent;
};

G_DEFINE_FINAL_TYPE (LkSecretStore, lk_secret_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSISTENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Tenant", SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
lk_secret_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static char *
memory_key (const char *base_url,
            const char *client_id)
{
  return g_strconcat (base_url, "\n", client_id, NULL);
}

/* Which failures mean "no keyring here" rather than "this call failed". */
static gboolean
is_unavailable (const GError *error)
{
  return error->domain == G_IO_ERROR ||          /* no session bus, or our timeout */
         error->domain == G_DBUS_ERROR ||        /* no secret service on the bus */
         g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
         g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT);
}

static void
fall_back_to_memory (LkSecretStore *self,
                     const GError  *error)
{
  if (!self->persistent)
    return;

  g_message ("No keyring answered (%s); secrets are kept in memory for this session", error->message);
  self->persistent = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSISTENT]);
}

/* Every call: the caller's cancellable, and a timer that cancels too. */
typedef struct {
  GCancellable *cancellable;
  GCancellable *caller;
  gulong        caller_handler;
  guint         timeout_id;
  char         *base_url;
  char         *client_id;
  char         *secret;
  gboolean      timed_out;
} Call;

static void
call_free (Call *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->caller_handler != 0)
    g_cancellable_disconnect (call->caller, call->caller_handler);
  g_clear_object (&call->caller);
  g_clear_object (&call->cancellable);
  g_free (call->base_url);
  g_free (call->client_id);
  g_clear_pointer (&call->secret, lk_secret_free);
  g_free (call);
}

static gboolean
on_timeout_cb (gpointer data)
{
  Call *call = data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static GTask *
new_call (LkSecretStore       *self,
          const char          *base_url,
          const char          *client_id,
          GCancellable        *cancellable,
          gpointer             source_tag,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->base_url = g_strdup (base_url);
  call->client_id = g_strdup (client_id);
  call->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->caller = g_object_ref (cancellable);
      call->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                                    g_object_ref (call->cancellable), g_object_unref);
    }
  call->timeout_id = g_timeout_add (self->timeout_ms, on_timeout_cb, call);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  return task;
}

/* A cancellation by the caller is the caller's; by our timer, the keyring's fault. */
static gboolean
keyring_unavailable (GTask        *task,
                     const GError *error)
{
  Call *call = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !call->timed_out)
    return FALSE;

  return is_unavailable (error);
}

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSecretStore *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    {
      /* The keyring has it: no copy stays in memory. */
      g_autofree char *key = memory_key (call->base_url, call->client_id);

      g_hash_table_remove (self->memory, key);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* libsecret says no without saying why when its unlock prompt is dismissed. */
  if (error == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The keyring stayed locked: the secret was not stored"));
      return;
    }

  if (keyring_unavailable (task, error))
    {
      fall_back_to_memory (self, error);
      g_hash_table_replace (self->memory, memory_key (call->base_url, call->client_id),
                            g_steal_pointer (&call->secret));
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * lk_secret_store_store_async:
 * @self: a #LkSecretStore
 * @base_url: the tenant's base URL
 * @client_id: the PAT's client ID
 * @secret: the PAT's secret; an item of the same tenant and client ID is replaced
 * @label: what the keyring shows for the item
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when stored
 * @user_data: data for @callback
 *
 * Succeeds in memory when no keyring answers; see #LkSecretStore:persistent.
 */
void
lk_secret_store_store_async (LkSecretStore       *self,
                             const char          *base_url,
                             const char          *client_id,
                             const char          *secret,
                             const char          *label,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Call *call;

  g_return_if_fail (LK_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && client_id != NULL && secret != NULL);

  task = new_call (self, base_url, client_id, cancellable, lk_secret_store_store_async, callback, user_data);
  call = g_task_get_task_data (task);
  call->secret = g_strdup (secret);

  /* The keyring did not answer before: no second wait for it. */
  if (!self->persistent)
    {
      g_hash_table_replace (self->memory, memory_key (base_url, client_id), g_steal_pointer (&call->secret));
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret, call->cancellable,
                         on_stored_cb, task,
                         "base-url", base_url,
                         "client-id", client_id,
                         NULL);
}

gboolean
lk_secret_store_store_finish (LkSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (LK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSecretStore *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = memory_key (call->base_url, call->client_id);
  const char *remembered = g_hash_table_lookup (self->memory, key);
  char *secret = secret_password_lookup_finish (result, &error);

  if (secret != NULL)
    {
      /* Copy out of libsecret's non-pageable memory into ours, wiped on free. */
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, (GDestroyNotify) lk_secret_free);
      return;
    }

  if (error != NULL && keyring_unavailable (task, error))
    fall_back_to_memory (self, error);
  else if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_strdup (remembered), (GDestroyNotify) lk_secret_free);
}

void
lk_secret_store_lookup_async (LkSecretStore       *self,
                              const char          *base_url,
                              const char          *client_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Call *call;

  g_return_if_fail (LK_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && client_id != NULL);

  task = new_call (self, base_url, client_id, cancellable, lk_secret_store_lookup_async, callback, user_data);
  call = g_task_get_task_data (task);

  if (!self->persistent)
    {
      g_autofree char *key = memory_key (base_url, client_id);

      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->memory, key)),
                             (GDestroyNotify) lk_secret_free);
      g_object_unref (task);
      return;
    }

  secret_password_lookup (get_schema (), call->cancellable, on_looked_up_cb, task,
                          "base-url", base_url,
                          "client-id", client_id,
                          NULL);
}

/**
 * lk_secret_store_lookup_finish:
 * @self: a #LkSecretStore
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the secret, to be freed with
 *   lk_secret_free(); %NULL with no error when there is none
 */
char *
lk_secret_store_lookup_finish (LkSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (LK_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);

  if (error != NULL && keyring_unavailable (task, error))
    fall_back_to_memory (self, error);
  else if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
lk_secret_store_clear_async (LkSecretStore       *self,
                             const char          *base_url,
                             const char          *client_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *key = NULL;
  GTask *task;
  Call *call;

  g_return_if_fail (LK_IS_SECRET_STORE (self));
  g_return_if_fail (base_url != NULL && client_id != NULL);

  key = memory_key (base_url, client_id);
  g_hash_table_remove (self->memory, key);

  task = new_call (self, base_url, client_id, cancellable, lk_secret_store_clear_async, callback, user_data);
  call = g_task_get_task_data (task);

  if (!self->persistent)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  secret_password_clear (get_schema (), call->cancellable, on_cleared_cb, task,
                         "base-url", base_url,
                         "client-id", client_id,
                         NULL);
}

gboolean
lk_secret_store_clear_finish (LkSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (LK_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lk_secret_store_finalize (GObject *object)
{
  LkSecretStore *self = (LkSecretStore *)object;

  g_clear_pointer (&self->memory, g_hash_table_unref);

  G_OBJECT_CLASS (lk_secret_store_parent_class)->finalize (object);
}

static void
lk_secret_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkSecretStore *self = LK_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_secret_store_class_init (LkSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_secret_store_finalize;
  object_class->get_property = lk_secret_store_get_property;

  /**
   * LkSecretStore:persistent:
   *
   * %FALSE once the keyring failed to answer: secrets then last until the app quits.
   */
  properties [PROP_PERSISTENT] =
    g_param_spec_boolean ("persistent", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_secret_store_init (LkSecretStore *self)
{
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lk_secret_free);
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->persistent = TRUE;
}

LkSecretStore *
lk_secret_store_new (void)
{
  return g_object_new (LK_TYPE_SECRET_STORE, NULL);
}

gboolean
lk_secret_store_get_persistent (LkSecretStore *self)
{
  g_return_val_if_fail (LK_IS_SECRET_STORE (self), FALSE);

  return self->persistent;
}

/**
 * lk_secret_store_set_timeout:
 * @self: a #LkSecretStore
 * @milliseconds: how long a keyring call may take before it counts as unavailable
 */
void
lk_secret_store_set_timeout (LkSecretStore *self,
                             guint          milliseconds)
{
  g_return_if_fail (LK_IS_SECRET_STORE (self));

  self->timeout_ms = MAX (milliseconds, 1);
}
