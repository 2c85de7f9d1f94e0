/* lk-password-account.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-account"

#include "config.h"

#include "lk-json.h"
#include "lk-password-account.h"

/* PasswordInfoAccount: one account of an identity on a source. */
struct _LkPasswordAccount
{
  GObject parent_instance;

  char *id;
  char *name;
};

G_DEFINE_FINAL_TYPE (LkPasswordAccount, lk_password_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_password_account_finalize (GObject *object)
{
  LkPasswordAccount *self = (LkPasswordAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (lk_password_account_parent_class)->finalize (object);
}

static void
lk_password_account_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LkPasswordAccount *self = LK_PASSWORD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, lk_password_account_get_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_password_account_class_init (LkPasswordAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_password_account_finalize;
  object_class->get_property = lk_password_account_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_password_account_init (LkPasswordAccount *self)
{
}

/**
 * lk_password_account_new_from_json:
 * @object: a PasswordInfoAccount
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the account; set-password needs its ID
 */
LkPasswordAccount *
lk_password_account_new_from_json (JsonObject  *object,
                                   GError     **error)
{
  g_autoptr(LkPasswordAccount) self = g_object_new (LK_TYPE_PASSWORD_ACCOUNT, NULL);

  if (!lk_json_get_string (object, "accountId", LK_JSON_REQUIRED, &self->id, error) ||
      !lk_json_get_string (object, "accountName", LK_JSON_OPTIONAL, &self->name, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
lk_password_account_get_id (LkPasswordAccount *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_ACCOUNT (self), NULL);

  return self->id;
}

/**
 * lk_password_account_get_name:
 * @self: a #LkPasswordAccount
 *
 * Returns: the display name, or the ID when the source gives none
 */
const char *
lk_password_account_get_name (LkPasswordAccount *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_ACCOUNT (self), NULL);

  return self->name ? self->name : self->id;
}
