/* lk-tenant.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-tenant"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lk-tenant.h"

/* One connection: what is kept in GSettings. The client secret is in the keyring. */
struct _LkTenant
{
  GObject parent_instance;

  char *name;
  char *base_url;
  char *client_id;
  char *search_name;   /* casefolded, made when first asked */
};

G_DEFINE_FINAL_TYPE (LkTenant, lk_tenant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_BASE_URL,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_tenant_finalize (GObject *object)
{
  LkTenant *self = (LkTenant *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->search_name, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (lk_tenant_parent_class)->finalize (object);
}

static void
lk_tenant_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkTenant *self = LK_TENANT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tenant_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LkTenant *self = LK_TENANT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_tenant_class_init (LkTenantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_tenant_finalize;
  object_class->get_property = lk_tenant_get_property;
  object_class->set_property = lk_tenant_set_property;

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_tenant_init (LkTenant *self)
{
}

LkTenant *
lk_tenant_new (const char *name,
               const char *base_url,
               const char *client_id)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (LK_TYPE_TENANT,
                       "name", name,
                       "base-url", base_url,
                       "client-id", client_id,
                       NULL);
}

const char *
lk_tenant_get_name (LkTenant *self)
{
  g_return_val_if_fail (LK_IS_TENANT (self), NULL);

  return self->name;
}

/**
 * lk_tenant_get_search_name:
 * @self: a #LkTenant
 *
 * Returns: the name casefolded, as a search compares it: made once for
 *   the thousands of tokens that carry it
 */
const char *
lk_tenant_get_search_name (LkTenant *self)
{
  g_return_val_if_fail (LK_IS_TENANT (self), NULL);

  if (self->search_name == NULL && self->name != NULL)
    self->search_name = g_utf8_casefold (self->name, -1);
  return self->search_name;
}

const char *
lk_tenant_get_base_url (LkTenant *self)
{
  g_return_val_if_fail (LK_IS_TENANT (self), NULL);

  return self->base_url;
}

const char *
lk_tenant_get_client_id (LkTenant *self)
{
  g_return_val_if_fail (LK_IS_TENANT (self), NULL);

  return self->client_id;
}

static gboolean
is_tenant_slug (const char *input)
{
  for (const char *p = input; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  return *input != '\0' && *input != '-';
}

static gboolean
is_host_name (const char *host)
{
  g_auto(GStrv) labels = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      if (!is_tenant_slug (labels[i]) || labels[i][len - 1] == '-')
        return FALSE;
    }

  return TRUE;
}

/**
 * lk_tenant_normalize_base_url:
 * @input: what the user typed: a tenant name such as `acme`, a host, or a URL
 * @error: a location for a #GError
 *
 * Turns `acme` into `https://acme.api.identitynow.com`, as the SailPoint CLI
 * does, adds `https://` to a bare host, and drops a trailing slash.
 *
 * Returns: (transfer full) (nullable): the base URL, or %NULL with @error set
 */
char *
lk_tenant_normalize_base_url (const char  *input,
                              GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  gsize len;

  g_return_val_if_fail (input != NULL, NULL);

  trimmed = g_strstrip (g_strdup (input));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter a tenant name or its API URL"));
      return NULL;
    }

  if (is_tenant_slug (trimmed))
    return g_strdup_printf ("https://%s.api.identitynow.com", trimmed);

  if (strstr (trimmed, "://") == NULL)
    candidate = g_strconcat ("https://", trimmed, NULL);
  else
    candidate = g_strdup (trimmed);

  len = strlen (candidate);
  while (len > 0 && candidate[len - 1] == '/')
    candidate[--len] = '\0';

  uri = g_uri_parse (candidate, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL
      || !is_host_name (g_uri_get_host (uri))
      || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
      || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL
      || strchr (trimmed, ' ') != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a tenant name or an API URL"), trimmed);
      return NULL;
    }

  return g_steal_pointer (&candidate);
}
