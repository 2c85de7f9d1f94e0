/* lk-token-row.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-token-row"

#include "config.h"

#include "lk-token-row.h"

/* One row of the Tokens page, by position: which token it shows changes
 * as the search and the sort change, the row itself stays. GTK 4.8 builds
 * a bound row's widgets anew when its item changes; when only this row's
 * token changes, its cells just set new text.
 */

struct _LkTokenRow
{
  GObject  parent_instance;

  guint    position;
  LkToken *token;
};

G_DEFINE_FINAL_TYPE (LkTokenRow, lk_token_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_TOKEN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_token_row_finalize (GObject *object)
{
  LkTokenRow *self = (LkTokenRow *)object;

  g_clear_object (&self->token);

  G_OBJECT_CLASS (lk_token_row_parent_class)->finalize (object);
}

static void
lk_token_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkTokenRow *self = LK_TOKEN_ROW (object);

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
lk_token_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkTokenRow *self = LK_TOKEN_ROW (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;

    case PROP_TOKEN:
      lk_token_row_set_token (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_row_class_init (LkTokenRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_token_row_finalize;
  object_class->get_property = lk_token_row_get_property;
  object_class->set_property = lk_token_row_set_property;

  properties [PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  properties [PROP_TOKEN] =
    g_param_spec_object ("token", NULL, NULL, LK_TYPE_TOKEN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_token_row_init (LkTokenRow *self)
{
}

LkTokenRow *
lk_token_row_new (guint position)
{
  return g_object_new (LK_TYPE_TOKEN_ROW, "position", position, NULL);
}

guint
lk_token_row_get_position (LkTokenRow *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_ROW (self), 0);

  return self->position;
}

/* For the model only: rows after removed ones move up. */
void
lk_token_row_set_position (LkTokenRow *self,
                           guint       position)
{
  g_return_if_fail (LK_IS_TOKEN_ROW (self));

  self->position = position;
}

/**
 * lk_token_row_get_token:
 * @self: a #LkTokenRow
 *
 * Returns: (transfer none) (nullable): the token the row shows
 */
LkToken *
lk_token_row_get_token (LkTokenRow *self)
{
  g_return_val_if_fail (LK_IS_TOKEN_ROW (self), NULL);

  return self->token;
}

void
lk_token_row_set_token (LkTokenRow *self,
                        LkToken    *token)
{
  g_return_if_fail (LK_IS_TOKEN_ROW (self));
  g_return_if_fail (token == NULL || LK_IS_TOKEN (token));

  if (g_set_object (&self->token, token))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOKEN]);
}
