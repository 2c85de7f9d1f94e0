/* lk-tenant-load.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tenant-load"

#include "config.h"

#include "lk-tenant-load.h"
#include "lk-token.h"

/* One tenant's part of a list of several tenants' tokens: where it stands,
 * and what it gave or why not. A failure stays with its tenant; the others
 * are shown all the same.
 */
struct _LkTenantLoad
{
  GObject            parent_instance;

  LkTenant          *tenant;
  LkTenantLoadState  state;
  GError            *error;
  guint              wait_seconds;
  GListModel        *tokens;
  LkClient          *client;
};

G_DEFINE_FINAL_TYPE (LkTenantLoad, lk_tenant_load, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TENANT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_tenant_load_finalize (GObject *object)
{
  LkTenantLoad *self = (LkTenantLoad *)object;

  g_clear_object (&self->tenant);
  g_clear_error (&self->error);
  g_clear_object (&self->tokens);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (lk_tenant_load_parent_class)->finalize (object);
}

static void
lk_tenant_load_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LkTenantLoad *self = LK_TENANT_LOAD (object);

  switch (prop_id)
    {
    case PROP_TENANT:
      g_value_set_object (value, self->tenant);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tenant_load_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LkTenantLoad *self = LK_TENANT_LOAD (object);

  switch (prop_id)
    {
    case PROP_TENANT:
      self->tenant = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tenant_load_class_init (LkTenantLoadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_tenant_load_finalize;
  object_class->get_property = lk_tenant_load_get_property;
  object_class->set_property = lk_tenant_load_set_property;

  properties [PROP_TENANT] =
    g_param_spec_object ("tenant", NULL, NULL, LK_TYPE_TENANT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* An LkTenantLoadState: GLib's enum types need glib-mkenums, for one property. */
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, LK_TENANT_LOAD_LOADING, LK_TENANT_LOAD_FAILED, LK_TENANT_LOAD_LOADING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_tenant_load_init (LkTenantLoad *self)
{
}

LkTenantLoad *
lk_tenant_load_new (LkTenant *tenant)
{
  g_return_val_if_fail (LK_IS_TENANT (tenant), NULL);

  return g_object_new (LK_TYPE_TENANT_LOAD, "tenant", tenant, NULL);
}

LkTenant *
lk_tenant_load_get_tenant (LkTenantLoad *self)
{
  g_return_val_if_fail (LK_IS_TENANT_LOAD (self), NULL);

  return self->tenant;
}

LkTenantLoadState
lk_tenant_load_get_state (LkTenantLoad *self)
{
  g_return_val_if_fail (LK_IS_TENANT_LOAD (self), LK_TENANT_LOAD_FAILED);

  return self->state;
}

/**
 * lk_tenant_load_get_error:
 * @self: a #LkTenantLoad
 *
 * Returns: (nullable): why the tenant's tokens are not there, once it failed
 */
const GError *
lk_tenant_load_get_error (LkTenantLoad *self)
{
  g_return_val_if_fail (LK_IS_TENANT_LOAD (self), NULL);

  return self->error;
}

/**
 * lk_tenant_load_get_wait_seconds:
 * @self: a #LkTenantLoad
 *
 * Returns: how long the tenant asked to wait, while waiting
 */
guint
lk_tenant_load_get_wait_seconds (LkTenantLoad *self)
{
  g_return_val_if_fail (LK_IS_TENANT_LOAD (self), 0);

  return self->wait_seconds;
}

/**
 * lk_tenant_load_get_tokens:
 * @self: a #LkTenantLoad
 *
 * Returns: (transfer none) (nullable): the tenant's tokens, once loaded
 */
GListModel *
lk_tenant_load_get_tokens (LkTenantLoad *self)
{
  g_return_val_if_fail (LK_IS_TENANT_LOAD (self), NULL);

  return self->tokens;
}

/**
 * lk_tenant_load_get_client:
 * @self: a #LkTenantLoad
 *
 * Returns: (transfer none) (nullable): the client the tokens came through:
 *   what acts on them
 */
LkClient *
lk_tenant_load_get_client (LkTenantLoad *self)
{
  g_return_val_if_fail (LK_IS_TENANT_LOAD (self), NULL);

  return self->client;
}

static void
set_state (LkTenantLoad      *self,
           LkTenantLoadState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

void
lk_tenant_load_set_loading (LkTenantLoad *self)
{
  g_return_if_fail (LK_IS_TENANT_LOAD (self));

  g_clear_error (&self->error);
  self->wait_seconds = 0;
  set_state (self, LK_TENANT_LOAD_LOADING);
}

void
lk_tenant_load_set_waiting (LkTenantLoad *self,
                            guint         seconds)
{
  g_return_if_fail (LK_IS_TENANT_LOAD (self));

  self->wait_seconds = seconds;
  /* Said again for each wait: the seconds change. */
  if (self->state == LK_TENANT_LOAD_WAITING)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
  set_state (self, LK_TENANT_LOAD_WAITING);
}

/* Marks each token with the tenant: the list of several tenants says whose it is. */
void
lk_tenant_load_set_done (LkTenantLoad *self,
                         LkClient     *client,
                         GListModel   *tokens)
{
  g_return_if_fail (LK_IS_TENANT_LOAD (self));
  g_return_if_fail (LK_IS_CLIENT (client));
  g_return_if_fail (G_IS_LIST_MODEL (tokens));

  for (guint i = 0; i < g_list_model_get_n_items (tokens); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (tokens, i);

      lk_token_set_tenant (token, self->tenant);
    }

  g_set_object (&self->client, client);
  g_set_object (&self->tokens, tokens);
  g_clear_error (&self->error);
  self->wait_seconds = 0;
  set_state (self, LK_TENANT_LOAD_DONE);
}

void
lk_tenant_load_set_failed (LkTenantLoad *self,
                           const GError *error)
{
  g_return_if_fail (LK_IS_TENANT_LOAD (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  g_clear_object (&self->tokens);
  self->wait_seconds = 0;
  set_state (self, LK_TENANT_LOAD_FAILED);
}
