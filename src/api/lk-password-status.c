/* lk-password-status.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-password-status"

#include "config.h"

#include "lk-json.h"
#include "lk-password-status.h"

/* PasswordStatus, and PasswordChangeResponse, which is its first part. */
struct _LkPasswordStatus
{
  GObject parent_instance;

  char            *request_id;
  char            *state_text;
  LkPasswordState  state;
  GStrv            errors;
  GStrv            source_ids;
};

G_DEFINE_FINAL_TYPE (LkPasswordStatus, lk_password_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REQUEST_ID,
  PROP_STATE,
  PROP_STATE_TEXT,
  PROP_ERRORS,
  PROP_SOURCE_IDS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_password_status_finalize (GObject *object)
{
  LkPasswordStatus *self = (LkPasswordStatus *)object;

  g_clear_pointer (&self->request_id, g_free);
  g_clear_pointer (&self->state_text, g_free);
  g_clear_pointer (&self->errors, g_strfreev);
  g_clear_pointer (&self->source_ids, g_strfreev);

  G_OBJECT_CLASS (lk_password_status_parent_class)->finalize (object);
}

static void
lk_password_status_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LkPasswordStatus *self = LK_PASSWORD_STATUS (object);

  switch (prop_id)
    {
    case PROP_REQUEST_ID:
      g_value_set_string (value, self->request_id);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_STATE_TEXT:
      g_value_set_string (value, self->state_text);
      break;

    case PROP_ERRORS:
      g_value_set_boxed (value, self->errors);
      break;

    case PROP_SOURCE_IDS:
      g_value_set_boxed (value, self->source_ids);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_password_status_class_init (LkPasswordStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_password_status_finalize;
  object_class->get_property = lk_password_status_get_property;

  properties [PROP_REQUEST_ID] = g_param_spec_string ("request-id", NULL, NULL, NULL, flags);
  properties [PROP_STATE] = g_param_spec_int ("state", NULL, NULL, LK_PASSWORD_STATE_UNKNOWN,
                                              LK_PASSWORD_STATE_FAILED, LK_PASSWORD_STATE_UNKNOWN, flags);
  properties [PROP_STATE_TEXT] = g_param_spec_string ("state-text", NULL, NULL, NULL, flags);
  properties [PROP_ERRORS] = g_param_spec_boxed ("errors", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_SOURCE_IDS] = g_param_spec_boxed ("source-ids", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_password_status_init (LkPasswordStatus *self)
{
}

static LkPasswordState
parse_state (const char *text)
{
  if (g_strcmp0 (text, "IN_PROGRESS") == 0 || g_strcmp0 (text, "IN_PROCESS") == 0)
    return LK_PASSWORD_STATE_IN_PROGRESS;  /* IN_PROCESS: the beta spec's own example says so */
  if (g_strcmp0 (text, "FINISHED") == 0)
    return LK_PASSWORD_STATE_FINISHED;
  if (g_strcmp0 (text, "FAILED") == 0)
    return LK_PASSWORD_STATE_FAILED;

  return LK_PASSWORD_STATE_UNKNOWN;
}

/**
 * lk_password_status_new_from_json:
 * @object: a PasswordStatus or PasswordChangeResponse
 * @error: a location for a #GError
 *
 * A state this version does not know is %LK_PASSWORD_STATE_UNKNOWN, with
 * its text kept, not an error.
 *
 * Returns: (transfer full) (nullable): the status
 */
LkPasswordStatus *
lk_password_status_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(LkPasswordStatus) self = g_object_new (LK_TYPE_PASSWORD_STATUS, NULL);

  g_return_val_if_fail (object != NULL, NULL);

  if (!lk_json_get_string (object, "requestId", LK_JSON_OPTIONAL, &self->request_id, error) ||
      !lk_json_get_string (object, "state", LK_JSON_OPTIONAL, &self->state_text, error) ||
      !lk_json_get_strv (object, "errors", LK_JSON_OPTIONAL, &self->errors, error) ||
      !lk_json_get_strv (object, "sourceIds", LK_JSON_OPTIONAL, &self->source_ids, error))
    return NULL;

  /* The beta example spells it reqeustId. */
  if (self->request_id == NULL &&
      !lk_json_get_string (object, "reqeustId", LK_JSON_OPTIONAL, &self->request_id, error))
    return NULL;

  self->state = parse_state (self->state_text);
  if (self->errors == NULL)
    self->errors = g_new0 (char *, 1);
  if (self->source_ids == NULL)
    self->source_ids = g_new0 (char *, 1);

  return g_steal_pointer (&self);
}

/**
 * lk_password_status_get_request_id:
 * @self: a #LkPasswordStatus
 *
 * Returns: (nullable): the request to follow with password-change-status
 */
const char *
lk_password_status_get_request_id (LkPasswordStatus *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_STATUS (self), NULL);

  return self->request_id;
}

LkPasswordState
lk_password_status_get_state (LkPasswordStatus *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_STATUS (self), LK_PASSWORD_STATE_UNKNOWN);

  return self->state;
}

/**
 * lk_password_status_get_state_text:
 * @self: a #LkPasswordStatus
 *
 * Returns: (nullable): the state as the tenant wrote it
 */
const char *
lk_password_status_get_state_text (LkPasswordStatus *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_STATUS (self), NULL);

  return self->state_text;
}

/**
 * lk_password_status_get_errors:
 * @self: a #LkPasswordStatus
 *
 * Returns: (transfer none): why it failed, in the tenant's words
 */
const char * const *
lk_password_status_get_errors (LkPasswordStatus *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_STATUS (self), NULL);

  return (const char * const *) self->errors;
}

/**
 * lk_password_status_get_source_ids:
 * @self: a #LkPasswordStatus
 *
 * Returns: (transfer none): the sources the change reached
 */
const char * const *
lk_password_status_get_source_ids (LkPasswordStatus *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_STATUS (self), NULL);

  return (const char * const *) self->source_ids;
}

gboolean
lk_password_status_is_done (LkPasswordStatus *self)
{
  g_return_val_if_fail (LK_IS_PASSWORD_STATUS (self), FALSE);

  return self->state == LK_PASSWORD_STATE_FINISHED || self->state == LK_PASSWORD_STATE_FAILED;
}
