/* lk-tenant-list.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tenant-list"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-tenant-list.h"

/* The tenants of the `tenants` GSettings key as a GListModel. It follows
 * the key, so a tenant added by latchkey-cli shows up in a running window.
 */
struct _LkTenantList
{
  GObject parent_instance;

  GSettings *settings;
  gboolean   writing;
  GVariant  *loaded;
  GPtrArray *tenants;
  LkTenant  *current;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkTenantList, lk_tenant_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CURRENT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
lk_tenant_list_get_item_type (GListModel *model)
{
  return LK_TYPE_TENANT;
}

static guint
lk_tenant_list_get_n_items (GListModel *model)
{
  return LK_TENANT_LIST (model)->tenants->len;
}

static gpointer
lk_tenant_list_get_item (GListModel *model,
                         guint       position)
{
  LkTenantList *self = LK_TENANT_LIST (model);

  if (position >= self->tenants->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->tenants, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_tenant_list_get_item_type;
  iface->get_n_items = lk_tenant_list_get_n_items;
  iface->get_item = lk_tenant_list_get_item;
}

static void
update_current (LkTenantList *self)
{
  g_autofree char *wanted = g_settings_get_string (self->settings, "current-tenant");
  LkTenant *current = lk_tenant_list_find (self, wanted);

  /* Fall back to the first tenant so that a stale name never leaves the window empty. */
  if (current == NULL && self->tenants->len > 0)
    current = g_ptr_array_index (self->tenants, 0);

  if (g_set_object (&self->current, current))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT]);
}

/* Both keys are read on a change of either: with a delayed apply, the
 * change of current-tenant may be announced before that of tenants.
 */
static void
reload (LkTenantList *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "tenants");
  g_autoptr(GPtrArray) tenants = NULL;
  GVariantIter iter;
  const char *name, *base_url, *client_id;
  guint removed;

  if (self->loaded != NULL && g_variant_equal (value, self->loaded))
    {
      update_current (self);
      return;
    }

  g_clear_pointer (&self->loaded, g_variant_unref);
  self->loaded = g_variant_ref (value);
  tenants = g_ptr_array_new_with_free_func (g_object_unref);

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, &base_url, &client_id))
    g_ptr_array_add (tenants, lk_tenant_new (name, base_url, client_id));

  removed = self->tenants->len;
  g_ptr_array_unref (self->tenants);
  self->tenants = g_steal_pointer (&tenants);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->tenants->len);
  if (removed != self->tenants->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);

  update_current (self);
}

/* Writes the list, and the current tenant when @current is not %NULL, as
 * one change: GSettings announces each write at once, and in between the
 * list would resolve the current tenant against the wrong list.
 */
static void
save (LkTenantList *self,
      GPtrArray    *tenants,
      const char   *current)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < tenants->len; i++)
    {
      LkTenant *tenant = g_ptr_array_index (tenants, i);

      g_variant_builder_add (&builder, "(sss)",
                             lk_tenant_get_name (tenant),
                             lk_tenant_get_base_url (tenant),
                             lk_tenant_get_client_id (tenant));
    }

  self->writing = TRUE;
  g_settings_delay (self->settings);
  g_settings_set_value (self->settings, "tenants", g_variant_builder_end (&builder));
  if (current != NULL)
    g_settings_set_string (self->settings, "current-tenant", current);
  g_settings_apply (self->settings);
  self->writing = FALSE;

  reload (self);
}

static GPtrArray *
copy_tenants (LkTenantList *self)
{
  GPtrArray *copy = g_ptr_array_new_full (self->tenants->len + 1, g_object_unref);

  for (guint i = 0; i < self->tenants->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->tenants, i)));

  return copy;
}

static void
on_settings_changed_cb (LkTenantList *self,
                        const char   *key,
                        GSettings    *settings)
{
  /* Our own writes are reloaded once they are all done. */
  if (self->writing)
    return;

  if (g_strcmp0 (key, "tenants") == 0 || g_strcmp0 (key, "current-tenant") == 0)
    reload (self);
}

static void
lk_tenant_list_constructed (GObject *object)
{
  LkTenantList *self = (LkTenantList *)object;

  G_OBJECT_CLASS (lk_tenant_list_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
lk_tenant_list_finalize (GObject *object)
{
  LkTenantList *self = (LkTenantList *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->current);
  g_clear_pointer (&self->loaded, g_variant_unref);
  g_clear_pointer (&self->tenants, g_ptr_array_unref);

  G_OBJECT_CLASS (lk_tenant_list_parent_class)->finalize (object);
}

static void
lk_tenant_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkTenantList *self = LK_TENANT_LIST (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->tenants->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tenant_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LkTenantList *self = LK_TENANT_LIST (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_CURRENT:
      lk_tenant_list_set_current (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tenant_list_class_init (LkTenantListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lk_tenant_list_constructed;
  object_class->finalize = lk_tenant_list_finalize;
  object_class->get_property = lk_tenant_list_get_property;
  object_class->set_property = lk_tenant_list_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL,
                         LK_TYPE_TENANT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_tenant_list_init (LkTenantList *self)
{
  self->tenants = g_ptr_array_new_with_free_func (g_object_unref);
}

LkTenantList *
lk_tenant_list_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (LK_TYPE_TENANT_LIST,
                       "settings", settings,
                       NULL);
}

/**
 * lk_tenant_list_find:
 * @self: a #LkTenantList
 * @name: (nullable): a display name
 *
 * Returns: (transfer none) (nullable): the tenant called @name
 */
LkTenant *
lk_tenant_list_find (LkTenantList *self,
                     const char   *name)
{
  g_return_val_if_fail (LK_IS_TENANT_LIST (self), NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < self->tenants->len; i++)
    {
      LkTenant *tenant = g_ptr_array_index (self->tenants, i);

      if (g_strcmp0 (lk_tenant_get_name (tenant), name) == 0)
        return tenant;
    }

  return NULL;
}

/**
 * lk_tenant_list_get_current:
 * @self: a #LkTenantList
 *
 * Returns: (transfer none) (nullable): the tenant the window shows
 */
LkTenant *
lk_tenant_list_get_current (LkTenantList *self)
{
  g_return_val_if_fail (LK_IS_TENANT_LIST (self), NULL);

  return self->current;
}

void
lk_tenant_list_set_current (LkTenantList *self,
                            LkTenant     *tenant)
{
  g_return_if_fail (LK_IS_TENANT_LIST (self));
  g_return_if_fail (!tenant || LK_IS_TENANT (tenant));

  g_settings_set_string (self->settings, "current-tenant",
                         tenant ? lk_tenant_get_name (tenant) : "");
}

/**
 * lk_tenant_list_add:
 * @self: a #LkTenantList
 * @tenant: the connection to keep
 * @error: a location for a #GError
 *
 * Adds @tenant, or replaces the tenant of the same base URL and client ID so
 * that editing a connection keeps its place in the list.
 *
 * Returns: %FALSE if another tenant already has that display name
 */
gboolean
lk_tenant_list_add (LkTenantList  *self,
                    LkTenant      *tenant,
                    GError       **error)
{
  g_autoptr(GPtrArray) tenants = NULL;
  gboolean replaced = FALSE;

  g_return_val_if_fail (LK_IS_TENANT_LIST (self), FALSE);
  g_return_val_if_fail (LK_IS_TENANT (tenant), FALSE);

  tenants = copy_tenants (self);

  for (guint i = 0; i < tenants->len; i++)
    {
      LkTenant *other = g_ptr_array_index (tenants, i);
      gboolean same_connection =
        g_strcmp0 (lk_tenant_get_base_url (other), lk_tenant_get_base_url (tenant)) == 0 &&
        g_strcmp0 (lk_tenant_get_client_id (other), lk_tenant_get_client_id (tenant)) == 0;

      if (same_connection)
        {
          g_ptr_array_index (tenants, i) = g_object_ref (tenant);
          g_object_unref (other);
          replaced = TRUE;
        }
      else if (g_strcmp0 (lk_tenant_get_name (other), lk_tenant_get_name (tenant)) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("A tenant called “%s” already exists"),
                       lk_tenant_get_name (tenant));
          return FALSE;
        }
    }

  if (!replaced)
    g_ptr_array_add (tenants, g_object_ref (tenant));

  save (self, tenants, NULL);

  return TRUE;
}

/**
 * lk_tenant_list_replace:
 * @self: a #LkTenantList
 * @name: the display name of the tenant to replace
 * @tenant: what it becomes
 * @error: a location for a #GError
 *
 * Edits a tenant where it stands, even when its URL or client ID change.
 *
 * Returns: %FALSE if there is no tenant @name, or @tenant's name is another's
 */
gboolean
lk_tenant_list_replace (LkTenantList  *self,
                        const char    *name,
                        LkTenant      *tenant,
                        GError       **error)
{
  g_autoptr(GPtrArray) tenants = NULL;
  LkTenant *old;
  LkTenant *clash;
  guint index;

  g_return_val_if_fail (LK_IS_TENANT_LIST (self), FALSE);
  g_return_val_if_fail (LK_IS_TENANT (tenant), FALSE);

  if (!(old = lk_tenant_list_find (self, name)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no tenant called “%s”"), name);
      return FALSE;
    }

  clash = lk_tenant_list_find (self, lk_tenant_get_name (tenant));
  if (clash != NULL && clash != old)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("A tenant called “%s” already exists"), lk_tenant_get_name (tenant));
      return FALSE;
    }

  tenants = copy_tenants (self);
  g_assert_true (g_ptr_array_find (self->tenants, old, &index));
  g_object_unref (g_ptr_array_index (tenants, index));
  g_ptr_array_index (tenants, index) = g_object_ref (tenant);

  /* A renamed current tenant stays current. */
  save (self, tenants, old == self->current ? lk_tenant_get_name (tenant) : NULL);

  return TRUE;
}

/**
 * lk_tenant_list_remove:
 * @self: a #LkTenantList
 * @name: the display name of the tenant
 *
 * Returns: %TRUE if a tenant of that name was removed
 */
gboolean
lk_tenant_list_remove (LkTenantList *self,
                       const char   *name)
{
  g_autoptr(GPtrArray) tenants = NULL;
  LkTenant *tenant;

  g_return_val_if_fail (LK_IS_TENANT_LIST (self), FALSE);

  if (!(tenant = lk_tenant_list_find (self, name)))
    return FALSE;

  tenants = copy_tenants (self);
  g_ptr_array_remove (tenants, tenant);
  save (self, tenants, NULL);

  return TRUE;
}
