/* lk-expiry-watch.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-expiry-watch"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-all-tokens.h"
#include "lk-client-tokens.h"
#include "lk-expiry-watch.h"

/* A desktop notification before a token of the user's expires (a
 * connection's own included), for every saved tenant, at start and every
 * LK_EXPIRY_WATCH_INTERVAL_S while Latchkey runs; once a day per token at
 * most, by the tenant's day. Clicking one opens the token (app.show-token).
 * A tenant that cannot be asked is skipped quietly: the next check tries
 * again, and its page says what is wrong.
 */

#define PRUNE_AFTER_DAYS 30

struct _LkExpiryWatch
{
  GObject       parent_instance;

  GApplication *application;   /* weak: it owns the watch */
  LkSession    *session;
  GSettings    *settings;
  guint         timeout_id;
  GCancellable *cancellable;   /* of the periodic checks */
};

G_DEFINE_FINAL_TYPE (LkExpiryWatch, lk_expiry_watch, G_TYPE_OBJECT)

static void
lk_expiry_watch_dispose (GObject *object)
{
  LkExpiryWatch *self = (LkExpiryWatch *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lk_expiry_watch_parent_class)->dispose (object);
}

static void
lk_expiry_watch_class_init (LkExpiryWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lk_expiry_watch_dispose;
}

static void
lk_expiry_watch_init (LkExpiryWatch *self)
{
}

/**
 * lk_expiry_watch_new:
 * @application: the application that sends the notifications
 * @session: the session that has the tenants
 * @settings: Latchkey's settings: the days of warning, the warnings sent
 *
 * Returns: (transfer full): a watch, idle until lk_expiry_watch_start()
 */
LkExpiryWatch *
lk_expiry_watch_new (GApplication *application,
                     LkSession    *session,
                     GSettings    *settings)
{
  LkExpiryWatch *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LK_TYPE_EXPIRY_WATCH, NULL);
  g_set_weak_pointer (&self->application, application);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);

  return self;
}

/* The warnings sent */

static char *
notified_key (const char *base_url,
              const char *token_id)
{
  return g_strconcat (base_url, " ", token_id, NULL);
}

static GHashTable *
load_notified (LkExpiryWatch *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "expiry-notified");
  GHashTable *notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GVariantIter iter;
  const char *key, *day;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &day))
    g_hash_table_insert (notified, g_strdup (key), g_strdup (day));

  return notified;
}

/* Kept a month: a token warned about and gone leaves no entry for good. */
static void
save_notified (LkExpiryWatch *self,
               GHashTable    *notified,
               GDateTime     *now)
{
  g_autoptr(GDateTime) oldest = g_date_time_add_days (now, -PRUNE_AFTER_DAYS);
  g_autofree char *oldest_day = g_date_time_format (oldest, "%Y-%m-%d");
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, day;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, notified);
  while (g_hash_table_iter_next (&iter, &key, &day))
    if (g_strcmp0 (day, oldest_day) >= 0)
      g_variant_builder_add (&builder, "{ss}", key, day);

  g_settings_set_value (self->settings, "expiry-notified", g_variant_builder_end (&builder));
}

/* Notifications */

/* The saved tenant that connects with @token, if any. */
static LkTenant *
find_connection (LkExpiryWatch *self,
                 LkTenant      *tenant,
                 LkToken       *token)
{
  GListModel *tenants = G_LIST_MODEL (lk_session_get_tenants (self->session));

  for (guint i = 0; i < g_list_model_get_n_items (tenants); i++)
    {
      g_autoptr(LkTenant) saved = g_list_model_get_item (tenants, i);

      if (g_strcmp0 (lk_tenant_get_base_url (saved), lk_tenant_get_base_url (tenant)) == 0 &&
          g_strcmp0 (lk_tenant_get_client_id (saved), lk_token_get_id (token)) == 0)
        return saved;   /* the list keeps it */
    }

  return NULL;
}

static void
notify_token (LkExpiryWatch *self,
              LkTenant      *tenant,
              LkToken       *token,
              GDateTime     *now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  GTimeSpan left = g_date_time_difference (lk_token_get_expiration_date (token), now);
  int days = (int) (left / G_TIME_SPAN_DAY);
  LkTenant *connection = find_connection (self, tenant, token);

  if (days == 0)
    title = g_strdup_printf (_("“%s” expires within a day"), lk_token_get_name (token));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” expires in %d day", "“%s” expires in %d days",
                                          days),
                             lk_token_get_name (token), days);

  notification = g_notification_new (title);
  if (connection != NULL)
    {
      g_autofree char *body = g_strdup_printf (_("Latchkey connects to “%s” with this token: rotate it before it "
                                                 "expires."), lk_tenant_get_name (connection));
      g_notification_set_body (notification, body);
    }
  else
    {
      g_autofree char *body = g_strdup_printf (_("A personal access token of yours on “%s”: rotate it before it "
                                                 "expires, or let it go."), lk_tenant_get_name (tenant));
      g_notification_set_body (notification, body);
    }
  if (days <= 1)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.show-token", "(ss)",
                                                lk_tenant_get_name (tenant), lk_token_get_id (token));
  g_notification_add_button_with_target (notification, _("Show Token"), "app.show-token", "(ss)",
                                         lk_tenant_get_name (tenant), lk_token_get_id (token));

  /* One per token: a later warning replaces the earlier one. */
  id = g_strconcat ("expiry ", lk_tenant_get_base_url (tenant), " ", lk_token_get_id (token), NULL);
  g_application_send_notification (self->application, id, notification);
}

static void
notify_many (LkExpiryWatch *self,
             LkTenant      *tenant,
             guint          n_tokens)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  int days = g_settings_get_int (self->settings, "expiry-warning-days");

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u token of yours expires soon",
                                        "%u tokens of yours expire soon", n_tokens), n_tokens);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "On “%s”, within %d day: rotate them before they expire.",
                                       "On “%s”, within %d days: rotate them before they expire.", days),
                          lk_tenant_get_name (tenant), days);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-expiring", "s", lk_tenant_get_name (tenant));

  id = g_strconcat ("expiry ", lk_tenant_get_base_url (tenant), NULL);
  g_application_send_notification (self->application, id, notification);
}

static int
compare_expiration (gconstpointer a,
                    gconstpointer b)
{
  LkToken *token_a = *(LkToken **) a;
  LkToken *token_b = *(LkToken **) b;

  return g_date_time_compare (lk_token_get_expiration_date (token_a), lk_token_get_expiration_date (token_b));
}

/* Returns how many notifications were sent for @tenant's @tokens. */
static guint
notify_expiring (LkExpiryWatch *self,
                 LkTenant      *tenant,
                 GListModel    *tokens,
                 GDateTime     *now)
{
  g_autoptr(GHashTable) notified = load_notified (self);
  g_autoptr(GPtrArray) expiring = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) limit = g_date_time_add_days (now, g_settings_get_int (self->settings, "expiry-warning-days"));
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint n_fresh = 0;
  guint sent = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);
      GDateTime *expires = lk_token_get_expiration_date (token);

      if (expires != NULL && g_date_time_compare (expires, now) > 0 && g_date_time_compare (expires, limit) <= 0)
        g_ptr_array_add (expiring, g_steal_pointer (&token));
    }
  g_ptr_array_sort (expiring, compare_expiration);

  for (guint i = 0; i < expiring->len; i++)
    {
      LkToken *token = g_ptr_array_index (expiring, i);
      g_autofree char *key = notified_key (lk_tenant_get_base_url (tenant), lk_token_get_id (token));

      if (g_strcmp0 (g_hash_table_lookup (notified, key), today) == 0)
        continue;

      n_fresh++;
      if (expiring->len <= LK_EXPIRY_WATCH_MAX_SINGLE)
        {
          notify_token (self, tenant, token, now);
          sent++;
        }
      g_hash_table_replace (notified, g_steal_pointer (&key), g_strdup (today));
    }

  if (n_fresh > 0 && expiring->len > LK_EXPIRY_WATCH_MAX_SINGLE)
    {
      notify_many (self, tenant, expiring->len);
      sent++;
    }

  if (n_fresh > 0)
    save_notified (self, notified, now);

  return sent;
}

/* Checking: every saved tenant at once (LkAllTokens), its caller's own
 * tokens; a tenant that fails is left for the next check.
 */

typedef struct {
  LkAllTokens *all;
  gboolean     can_notify;   /* something on the bus shows notifications */
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->all);
  g_free (check);
}

static void
on_all_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkExpiryWatch *self = g_task_get_source_object (task);
  LkAllTokens *all = LK_ALL_TOKENS (object);
  GListModel *loads = lk_all_tokens_get_loads (all);
  g_autoptr(GError) error = NULL;
  guint sent = 0;

  if (!lk_all_tokens_load_finish (all, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (loads); i++)
    {
      g_autoptr(LkTenantLoad) load = g_list_model_get_item (loads, i);
      LkTenant *tenant = lk_tenant_load_get_tenant (load);

      if (lk_tenant_load_get_state (load) == LK_TENANT_LOAD_DONE)
        {
          g_autoptr(GDateTime) now = lk_client_get_now (lk_tenant_load_get_client (load));

          sent += notify_expiring (self, tenant, lk_tenant_load_get_tokens (load), now);
        }
      else if (lk_tenant_load_get_error (load) != NULL)
        g_debug ("The tokens of “%s” were not read: %s", lk_tenant_get_name (tenant),
                 lk_tenant_load_get_error (load)->message);
    }

  g_task_return_int (task, sent);
}

/* Takes the reference on @task. */
static void
check_tenants (GTask *task)
{
  Check *check = g_task_get_task_data (task);

  lk_all_tokens_load_async (check->all, "me", NULL, g_task_get_cancellable (task), on_all_listed_cb, task);
}

/* Whether anything on the session bus shows notifications (GNOME Shell's
 * org.gtk.Notifications, a freedesktop server, the portal): without one,
 * GLib would only warn, and the token would count as warned about.
 */
static const char * const notification_services[] = {
  "org.gtk.Notifications", "org.freedesktop.Notifications", "org.freedesktop.portal.Desktop", NULL,
};

static gboolean
names_include_service (GVariant *reply)
{
  g_autofree const char **names = NULL;

  if (reply == NULL)
    return FALSE;

  g_variant_get (reply, "(^a&s)", &names);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strv_contains (notification_services, names[i]))
      return TRUE;

  return FALSE;
}

static void
on_activatable_names_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);

  /* Nothing to tell: the tenants are not asked. */
  if (!(check->can_notify = names_include_service (reply)))
    {
      g_debug ("No notification service on the session bus");
      g_task_return_int (task, 0);
      return;
    }

  check_tenants (g_steal_pointer (&task));
}

static void
on_names_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);

  if ((check->can_notify = names_include_service (reply)))
    {
      check_tenants (g_steal_pointer (&task));
      return;
    }

  g_dbus_connection_call (G_DBUS_CONNECTION (object), "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task), on_activatable_names_cb,
                          g_object_ref (task));
}

/**
 * lk_expiry_watch_check_async:
 * @self: a #LkExpiryWatch
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every saved tenant has been asked
 * @user_data: data for @callback
 *
 * Asks every saved tenant at once for the caller's tokens and notifies of those
 * that expire within `expiry-warning-days`, unless notified today.
 */
void
lk_expiry_watch_check_async (LkExpiryWatch       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GDBusConnection *connection;
  GTask *task;
  Check *check;

  g_return_if_fail (LK_IS_EXPIRY_WATCH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_expiry_watch_check_async);

  check = g_new0 (Check, 1);
  check->all = lk_all_tokens_new (self->session);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  connection = self->application != NULL ? g_application_get_dbus_connection (self->application) : NULL;
  if (connection == NULL)
    {
      g_task_return_int (task, 0);
      g_object_unref (task);
      return;
    }

  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          on_names_cb, task);
}

/**
 * lk_expiry_watch_check_finish:
 * @self: a #LkExpiryWatch
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: how many notifications were sent
 */
guint
lk_expiry_watch_check_finish (LkExpiryWatch  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  gssize sent;

  g_return_val_if_fail (LK_IS_EXPIRY_WATCH (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  sent = g_task_propagate_int (G_TASK (result), error);
  return sent > 0 ? (guint) sent : 0;
}

/* Periodic checks */

static void
on_periodic_check_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  lk_expiry_watch_check_finish (LK_EXPIRY_WATCH (object), result, &error);
}

static gboolean
on_timeout_cb (gpointer data)
{
  LkExpiryWatch *self = data;

  lk_expiry_watch_check_async (self, self->cancellable, on_periodic_check_cb, NULL);
  return G_SOURCE_CONTINUE;
}

/**
 * lk_expiry_watch_start:
 * @self: a #LkExpiryWatch
 *
 * Checks now, then every LK_EXPIRY_WATCH_INTERVAL_S until disposed.
 */
void
lk_expiry_watch_start (LkExpiryWatch *self)
{
  g_return_if_fail (LK_IS_EXPIRY_WATCH (self));

  if (self->timeout_id != 0)
    return;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  self->timeout_id = g_timeout_add_seconds (LK_EXPIRY_WATCH_INTERVAL_S, on_timeout_cb, self);
  on_timeout_cb (self);
}
