/* lk-token-slot.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-token-slot"

#include "config.h"

#include "lk-token-slot.h"

/* One row of the Tokens page, by position: which token it shows changes
 * as the search and the sort change, the row itself stays. GTK 4.8 builds
 * a bound row's widgets anew when its item changes; when only this row's
 * token changes, its cells just set new text.
 */

struct _LkTokenSlot
{
  GObject  parent_instance;

  guint    position;
  LkToken *token;
};

G_DEFINE_FINAL_TYPE (LkTokenSlot, lk_token_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_TOKEN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_token_slot_finalize (GObject *object)
{
  LkTokenSlot *self = (LkTokenSlot *)object;

  g_clear_object (&self->token);

  G_OBJECT_CLASS (lk_token_slot_parent_class)->finalize (object);
}

static void
lk_token_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkTokenSlot *self = LK_TOKEN_SLOT (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_TOKEN:
      g_value_set_object (value, self->token);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_slot_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkTokenSlot *self = LK_TOKEN_SLOT (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;

    case PROP_TOKEN:
      lk_token_slot_set_token (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_slot_class_init (LkTokenSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_token_slot_finalize;
  object_class->get_property = lk_token_slot_get_property;
  object_class->set_property = lk_token_slot_set_property;

  properties [PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  properties [PROP_TOKEN] =
    g_param_spec_object ("token", NULL, NULL, LK_TYPE_TOKEN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_token_slot_init (LkTokenSlot *self)
{
}

LkTokenSlot *
lk_token_slot_new (guint position)
{
  return g_object_new (LK_TYPE_TOKEN_SLOT, "position", position, NULL);
}

guint
lk_token_slot_get_position (LkTokenSlot *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_SLOT (self), 0);

  return self->position;
}

/* For the model only: rows after removed ones move up. */
void
lk_token_slot_set_position (LkTokenSlot *self,
                           guint       position)
{
  g_return_if_fail (LK_IS_TOKEN_SLOT (self));

  self->position = position;
}

/**
 * lk_token_slot_get_token:
 * @self: a #LkTokenSlot
 *
 * Returns: (transfer none) (nullable): the token the row shows
 */
LkToken *
lk_token_slot_get_token (LkTokenSlot *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_SLOT (self), NULL);

  return self->token;
}

void
lk_token_slot_set_token (LkTokenSlot *self,
                        LkToken    *token)
{
  g_return_if_fail (LK_IS_TOKEN_SLOT (self));
  g_return_if_fail (token == NULL || LK_IS_TOKEN (token));

  if (g_set_object (&self->token, token))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOKEN]);
}
