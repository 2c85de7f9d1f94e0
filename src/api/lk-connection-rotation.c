/* lk-connection-rotation.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-connection-rotation"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-tokens.h"
#include "lk-connection-rotation.h"
#include "lk-error.h"

/* Rotating the token a saved tenant connects with. The connection keeps
 * working with its old credentials until the last step; every step is on
 * record (LkRotations) before it starts, so a failure or a crash leaves
 * what exists known: a successor is never made and forgotten.
 *
 * The successor's secret goes into the keyring as an item of its own
 * (keyed by its client ID) before it is tested: the connection's item is
 * untouched until the switch, and a crash after the store loses no secret.
 */

#define NO_KEYRING _("no keyring keeps secrets in this session, and a secret kept in memory is lost when " \
                     "Latchkey quits")

/* How far the tenant's clock may be from the one that dated the record. */
#define CLOCK_SLACK (10 * G_TIME_SPAN_MINUTE)

struct _LkConnectionRotation
{
  GObject                   parent_instance;

  LkSession                *session;
  LkRotations              *rotations;
  LkPendingRotation        *record;
  char                     *old_name;
  gboolean                  interrupted;

  LkClient                 *client;      /* the old credentials */
  LkClient                 *probe;       /* the successor's */
  char                     *secret;      /* the successor's, until it is in the keyring */
  LkConnectionRotationStep  step;
  LkConnectionRotationStep  failed_step;
  gboolean                  may_exist;   /* a failed create may have made it */
  gboolean                  recorded;    /* unfinished, on record */
  gboolean                  busy;
};

G_DEFINE_FINAL_TYPE (LkConnectionRotation, lk_connection_rotation, G_TYPE_OBJECT)

static void
lk_connection_rotation_finalize (GObject *object)
{
  LkConnectionRotation *self = (LkConnectionRotation *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->rotations);
  g_clear_pointer (&self->record, lk_pending_rotation_free);
  g_clear_pointer (&self->old_name, g_free);
  g_clear_object (&self->client);
  g_clear_object (&self->probe);
  g_clear_pointer (&self->secret, lk_secret_free);

  G_OBJECT_CLASS (lk_connection_rotation_parent_class)->finalize (object);
}

static void
lk_connection_rotation_class_init (LkConnectionRotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_connection_rotation_finalize;
}

static void
lk_connection_rotation_init (LkConnectionRotation *self)
{
  self->record = g_new0 (LkPendingRotation, 1);
}

/**
 * lk_connection_rotation_new:
 * @session: the session that has the tenant
 * @rotations: where the rotation is recorded
 * @tenant_name: the saved tenant whose token is rotated
 *
 * Returns: (transfer full): a rotation to run
 */
LkConnectionRotation *
lk_connection_rotation_new (LkSession   *session,
                            LkRotations *rotations,
                            const char  *tenant_name)
{
  LkConnectionRotation *self;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (LK_IS_ROTATIONS (rotations), NULL);
  g_return_val_if_fail (tenant_name != NULL, NULL);

  self = g_object_new (LK_TYPE_CONNECTION_ROTATION, NULL);
  self->session = g_object_ref (session);
  self->rotations = g_object_ref (rotations);
  self->record->tenant_name = g_strdup (tenant_name);

  return self;
}

/**
 * lk_connection_rotation_new_pending:
 * @session: the session that has the tenant
 * @rotations: where the rotation is recorded
 * @pending: a rotation interrupted, from lk_rotations_list_pending()
 *
 * Returns: (transfer full): the rotation, to finish (run) or undo
 */
LkConnectionRotation *
lk_connection_rotation_new_pending (LkSession               *session,
                                    LkRotations             *rotations,
                                    const LkPendingRotation *pending)
{
  LkConnectionRotation *self;

  g_return_val_if_fail (pending != NULL, NULL);

  self = lk_connection_rotation_new (session, rotations, pending->tenant_name);
  g_clear_pointer (&self->record, lk_pending_rotation_free);
  self->record = lk_pending_rotation_copy (pending);
  self->interrupted = TRUE;
  self->recorded = TRUE;

  return self;
}

const char *
lk_connection_rotation_get_tenant_name (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  return self->record->tenant_name;
}

/* Nullable until the run has started. */
const char *
lk_connection_rotation_get_old_client_id (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  return self->record->old_client_id;
}

/* Nullable: known once the tenant has said. */
const char *
lk_connection_rotation_get_old_name (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  return self->old_name;
}

/* Nullable: known once the tenant has made it. */
const char *
lk_connection_rotation_get_successor_id (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  return self->record->successor_id;
}

const char *
lk_connection_rotation_get_successor_name (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  return self->record->successor_name;
}

GDateTime *
lk_connection_rotation_get_started (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  return self->record->started;
}

/* Whether it comes from the record of an earlier run. */
gboolean
lk_connection_rotation_get_interrupted (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), FALSE);

  return self->interrupted;
}

/**
 * lk_connection_rotation_get_successor_client:
 * @self: a #LkConnectionRotation
 *
 * Returns: (transfer none) (nullable): a client with the successor's
 *   credentials, tested, once the run has got that far: what revokes the
 *   old token while the session is still reconnecting
 */
LkClient *
lk_connection_rotation_get_successor_client (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  return self->probe;
}

/* Whether something may exist that a finish or an undo is for. */
gboolean
lk_connection_rotation_get_unfinished (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), FALSE);

  return self->recorded;
}

/* The step the last run or undo failed at, or NONE. */
LkConnectionRotationStep
lk_connection_rotation_get_failed_step (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), LK_CONNECTION_ROTATION_STEP_NONE);

  return self->failed_step;
}

/**
 * lk_connection_rotation_describe_state:
 * @self: a #LkConnectionRotation
 *
 * Returns: (transfer full): what exists, for a rotation found interrupted
 */
char *
lk_connection_rotation_describe_state (LkConnectionRotation *self)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), NULL);

  if (self->record->successor_id == NULL)
    return g_strdup_printf (_("Latchkey was making the token “%s” for the connection to “%s” when it stopped; "
                              "the tenant may have made it. The connection still uses its old token."),
                            self->record->successor_name, self->record->tenant_name);

  return g_strdup_printf (_("The token “%s” (%s) was made for the connection to “%s”, but the connection still "
                            "uses its old token."),
                          self->record->successor_name, self->record->successor_id, self->record->tenant_name);
}

/* Recording */

static gboolean
save_record (LkConnectionRotation  *self,
             GError               **error)
{
  if (!lk_rotations_save_pending (self->rotations, self->record, error))
    return FALSE;

  self->recorded = TRUE;
  return TRUE;
}

static void
drop_record (LkConnectionRotation *self)
{
  g_autoptr(GError) error = NULL;

  self->recorded = FALSE;
  if (!lk_rotations_drop_pending (self->rotations, self->record->base_url, self->record->old_client_id, &error))
    g_message ("The finished rotation stays on record: %s", error->message);
}

/* The saved tenant that connects to the rotation's tenant with @client_id,
 * whatever it is called now: a rename between two steps changes nothing.
 */
static LkTenant *
find_connection (LkConnectionRotation *self,
                 const char           *client_id)
{
  GListModel *tenants = G_LIST_MODEL (lk_session_get_tenants (self->session));

  if (client_id == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (tenants); i++)
    {
      g_autoptr(LkTenant) tenant = g_list_model_get_item (tenants, i);

      if (g_strcmp0 (lk_tenant_get_base_url (tenant), self->record->base_url) == 0 &&
          g_strcmp0 (lk_tenant_get_client_id (tenant), client_id) == 0)
        return tenant;   /* the list keeps it */
    }

  return NULL;
}

/* Ending a run or an undo */

/* Takes the reference on @task. */
static void
succeed (GTask *task)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  self->busy = FALSE;
  self->step = LK_CONNECTION_ROTATION_STEP_NONE;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* What the connection and the tenant have now, after a failed step. */
static char *
describe_failure (LkConnectionRotation *self)
{
  const char *name = self->record->successor_name;

  switch (self->step)
    {
    case LK_CONNECTION_ROTATION_STEP_CREATE:
      if (self->may_exist)
        return g_strdup_printf (_("The tenant may have made “%s” all the same: finish or undo the rotation to "
                                  "find out. The connection still uses its old token."), name);
      return g_strdup (_("Nothing was made; the connection still uses its old token."));

    case LK_CONNECTION_ROTATION_STEP_STORE:
      return g_strdup_printf (_("“%s” exists, but nothing uses it and its secret is lost: undo the rotation to "
                                "revoke it. The connection still uses its old token."), name);

    case LK_CONNECTION_ROTATION_STEP_TEST:
    case LK_CONNECTION_ROTATION_STEP_SWITCH:
      return g_strdup_printf (_("“%s” exists and its secret is in the keyring; the connection still uses its "
                                "old token. Finish the rotation later, or undo it."), name);

    case LK_CONNECTION_ROTATION_STEP_UNDO:
      return g_strdup_printf (_("“%s” still exists; the connection still uses its old token."), name);

    case LK_CONNECTION_ROTATION_STEP_NONE:
    default:
      return g_strdup (_("Nothing was made; the connection still uses its old token."));
    }
}

static const char *
describe_step (LkConnectionRotationStep step)
{
  switch (step)
    {
    case LK_CONNECTION_ROTATION_STEP_CREATE:
      return _("Making the new token failed");
    case LK_CONNECTION_ROTATION_STEP_STORE:
      return _("Keeping the new token’s secret in the keyring failed");
    case LK_CONNECTION_ROTATION_STEP_TEST:
      return _("Testing the new token failed");
    case LK_CONNECTION_ROTATION_STEP_SWITCH:
      return _("Switching the connection to the new token failed");
    case LK_CONNECTION_ROTATION_STEP_UNDO:
      return _("Revoking the new token failed");
    case LK_CONNECTION_ROTATION_STEP_NONE:
    default:
      return _("The rotation cannot go on");
    }
}

/* Takes the reference on @task and @error; the message says which step
 * failed and what exists now.
 */
static void
fail (GTask  *task,
      GError *error)
{
  LkConnectionRotation *self = g_task_get_source_object (task);
  g_autofree char *state = NULL;

  self->busy = FALSE;
  self->failed_step = self->step;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else
    {
      state = describe_failure (self);
      g_task_return_new_error (task, error->domain, error->code, "%s: %s. %s", describe_step (self->step),
                               error->message, state);
      g_error_free (error);
    }

  g_object_unref (task);
}

static void
fail_literal (GTask      *task,
              GIOErrorEnum code,
              const char *message)
{
  fail (task, g_error_new_literal (G_IO_ERROR, code, message));
}

/* The connection's client, with its old credentials from the keyring. */

typedef void (*Continuation) (GTask *task);

static void
on_old_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  Continuation next = (Continuation) g_object_get_data (G_OBJECT (task), "lk-next");
  GError *error = NULL;
  char *secret = lk_secret_store_lookup_finish (LK_SECRET_STORE (object), result, &error);

  if (secret == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The keyring has no secret for the tenant “%s”"),
                             self->record->tenant_name);
      fail (g_steal_pointer (&task), error);
      return;
    }

  self->client = lk_session_create_client (self->session, self->record->base_url, self->record->old_client_id,
                                           secret);
  lk_secret_free (secret);

  /* A secret kept in memory is lost when Latchkey quits: not one the connection can move to. */
  if (!lk_secret_store_get_persistent (lk_session_get_secrets (self->session)))
    {
      fail (g_steal_pointer (&task), g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, NO_KEYRING));
      return;
    }

  next (g_steal_pointer (&task));
}

/* Takes the reference on @task; @next gets it with self->client set. */
static void
connect_then (GTask        *task,
              Continuation  next)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  if (self->client != NULL)
    {
      next (task);
      return;
    }

  g_object_set_data (G_OBJECT (task), "lk-next", (gpointer) next);
  lk_secret_store_lookup_async (lk_session_get_secrets (self->session), self->record->base_url,
                                self->record->old_client_id, g_task_get_cancellable (task), on_old_secret_cb, task);
}

/* A successor whose id was not recorded: the newest own token of its name,
 * made since the rotation started.
 */

static void
on_own_tokens_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  Continuation next = (Continuation) g_object_get_data (G_OBJECT (task), "lk-next-found");
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GDateTime) earliest = NULL;
  g_autoptr(GError) record_error = NULL;
  LkToken *found = NULL;
  GError *error = NULL;

  if (!(mine = lk_client_list_tokens_finish (LK_CLIENT (object), result, &error)))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  earliest = g_date_time_add (self->record->started, -CLOCK_SLACK);
  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (mine, i);
      GDateTime *created = lk_token_get_created (token);

      if (g_strcmp0 (lk_token_get_name (token), self->record->successor_name) == 0 &&
          created != NULL && g_date_time_compare (created, earliest) >= 0 &&
          (found == NULL || g_date_time_compare (created, lk_token_get_created (found)) > 0))
        found = token;
    }

  if (found != NULL)
    {
      self->record->successor_id = g_strdup (lk_token_get_id (found));
      if (!save_record (self, &record_error))
        g_message ("The rotation’s successor is not on record: %s", record_error->message);
    }

  next (g_steal_pointer (&task));
}

/* Takes the reference on @task; @next gets it, the successor's id set if it exists. */
static void
find_successor_then (GTask        *task,
                     Continuation  next)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  if (self->record->successor_id != NULL)
    {
      next (task);
      return;
    }

  g_object_set_data (G_OBJECT (task), "lk-next-found", (gpointer) next);
  lk_client_list_tokens_async (self->client, "me", NULL, g_task_get_cancellable (task), on_own_tokens_cb, task);
}

/* Run: the last step, and what follows it */

static void
record_link (LkConnectionRotation *self)
{
  LkClient *client = self->probe != NULL ? self->probe : self->client;
  g_autoptr(GDateTime) when = client != NULL ? lk_client_get_now (client) : g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  if (!lk_rotations_record (self->rotations, self->record->base_url, self->record->old_client_id,
                            self->record->successor_id, self->record->successor_name, when, &error))
    g_message ("The rotation of a connection is not on record: %s", error->message);
}

static void
on_old_secret_cleared_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Not a failure of the rotation: the connection no longer reads it. */
  if (!lk_secret_store_clear_finish (LK_SECRET_STORE (object), result, &error))
    g_message ("The previous secret of a connection stays in the keyring: %s", error->message);

  record_link (self);
  drop_record (self);
  succeed (g_steal_pointer (&task));
}

/* The connection uses the successor: the old secret goes, the link is kept. */
static void
finish_switch (GTask *task)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  lk_secret_store_clear_async (lk_session_get_secrets (self->session), self->record->base_url,
                               self->record->old_client_id, NULL, on_old_secret_cleared_cb, task);
}

static void
switch_connection (GTask *task)
{
  LkConnectionRotation *self = g_task_get_source_object (task);
  LkTenant *tenant = find_connection (self, self->record->old_client_id);
  g_autoptr(LkTenant) moved = NULL;
  GError *error = NULL;

  self->step = LK_CONNECTION_ROTATION_STEP_SWITCH;

  if (tenant == NULL)
    {
      fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("no saved tenant connects with the token being rotated any more")));
      return;
    }

  g_free (self->record->tenant_name);
  self->record->tenant_name = g_strdup (lk_tenant_get_name (tenant));
  moved = lk_tenant_new (lk_tenant_get_name (tenant), lk_tenant_get_base_url (tenant), self->record->successor_id);
  if (!lk_tenant_list_replace (lk_session_get_tenants (self->session), lk_tenant_get_name (tenant), moved, &error))
    {
      fail (task, error);
      return;
    }

  finish_switch (task);
}

static void
on_successor_tested_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lk_client_authenticate_finish (LK_CLIENT (object), result, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  switch_connection (g_steal_pointer (&task));
}

/* Takes the reference on @task; self->secret is the successor's. */
static void
test_successor (GTask *task)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  self->step = LK_CONNECTION_ROTATION_STEP_TEST;
  g_clear_object (&self->probe);
  self->probe = lk_session_create_client (self->session, self->record->base_url, self->record->successor_id,
                                          self->secret);
  g_clear_pointer (&self->secret, lk_secret_free);
  lk_client_authenticate_async (self->probe, g_task_get_cancellable (task), on_successor_tested_cb, task);
}

static void
on_successor_stored_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lk_secret_store_store_finish (LK_SECRET_STORE (object), result, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  /* The keyring stopped answering, and the store fell back to memory. */
  if (!lk_secret_store_get_persistent (LK_SECRET_STORE (object)))
    {
      fail (g_steal_pointer (&task), g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, NO_KEYRING));
      return;
    }

  test_successor (g_steal_pointer (&task));
}

static void
on_successor_created_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  g_autoptr(LkToken) successor = NULL;
  g_autoptr(GError) record_error = NULL;
  g_autofree char *label = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!(successor = lk_client_create_successor_finish (LK_CLIENT (object), result, &self->secret, &error)))
    {
      /* Kept on record only when the tenant may have made it. */
      self->may_exist = lk_client_error_outcome_unknown (error);
      if (!self->may_exist)
        drop_record (self);
      fail (g_steal_pointer (&task), error);
      return;
    }

  self->record->successor_id = g_strdup (lk_token_get_id (successor));
  if (!save_record (self, &record_error))
    g_message ("The rotation’s successor is not on record: %s", record_error->message);

  self->step = LK_CONNECTION_ROTATION_STEP_STORE;
  /* Translators: how the keyring lists a tenant's secret */
  label = g_strdup_printf (_("Latchkey: %s"), self->record->tenant_name);
  cancellable = g_task_get_cancellable (task);
  lk_secret_store_store_async (lk_session_get_secrets (self->session), self->record->base_url,
                               self->record->successor_id, self->secret, label, cancellable,
                               on_successor_stored_cb, g_steal_pointer (&task));
}

static void
on_old_token_found_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  g_autoptr(LkToken) old = NULL;
  g_autoptr(GListModel) mine = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!(old = lk_client_find_own_token_finish (LK_CLIENT (object), result, &mine, &error)))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  g_free (self->old_name);
  self->old_name = g_strdup (lk_token_get_name (old));

  g_clear_pointer (&self->record->started, g_date_time_unref);
  self->record->started = lk_client_get_now (self->client);
  g_free (self->record->successor_name);
  self->record->successor_name = lk_token_successor_name (old, self->record->started, mine);
  g_clear_pointer (&self->record->successor_id, g_free);
  if (!save_record (self, &error))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  lk_client_create_successor_async (self->client, old, self->record->successor_name, cancellable,
                                    on_successor_created_cb, g_steal_pointer (&task));
}

/* Takes the reference on @task: the steps from the first. */
static void
create_successor (GTask *task)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  self->step = LK_CONNECTION_ROTATION_STEP_CREATE;
  lk_client_find_own_token_async (self->client, self->record->old_client_id, g_task_get_cancellable (task),
                                  on_old_token_found_cb, task);
}

/* Resuming: from the step the record says. */

static void
on_successor_secret_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->step = LK_CONNECTION_ROTATION_STEP_STORE;
  if (!(self->secret = lk_secret_store_lookup_finish (LK_SECRET_STORE (object), result, &error)))
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                     _("the keyring does not have it: Latchkey stopped before keeping it"));
      fail (g_steal_pointer (&task), error);
      return;
    }

  test_successor (g_steal_pointer (&task));
}

/* Takes the reference on @task. */
static void
resume_with_successor (GTask *task)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  if (self->record->successor_id == NULL)
    {
      /* It was never made: a rotation from the start. */
      drop_record (self);
      create_successor (task);
      return;
    }

  lk_secret_store_lookup_async (lk_session_get_secrets (self->session), self->record->base_url,
                                self->record->successor_id, g_task_get_cancellable (task), on_successor_secret_cb,
                                task);
}

static void
resume_after_connecting (GTask *task)
{
  find_successor_then (task, resume_with_successor);
}

/**
 * lk_connection_rotation_run_async:
 * @self: a #LkConnectionRotation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the connection uses the successor, or a step failed
 * @user_data: data for @callback
 *
 * Rotates the tenant's token, or finishes an interrupted rotation from
 * where it stopped. The old token is left as it is: revoking it is for the
 * caller to offer once this has succeeded.
 */
void
lk_connection_rotation_run_async (LkConnectionRotation *self,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LkTenant *tenant;

  g_return_if_fail (LK_IS_CONNECTION_ROTATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_connection_rotation_run_async);

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("The rotation is already under way"));
      return;
    }

  self->busy = TRUE;
  self->failed_step = LK_CONNECTION_ROTATION_STEP_NONE;
  self->step = LK_CONNECTION_ROTATION_STEP_NONE;
  self->may_exist = FALSE;

  if (!self->interrupted)
    {
      if (!(tenant = lk_tenant_list_find (lk_session_get_tenants (self->session), self->record->tenant_name)))
        {
          fail (g_steal_pointer (&task), g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                      _("There is no tenant called “%s”"), self->record->tenant_name));
          return;
        }

      g_free (self->record->base_url);
      self->record->base_url = g_strdup (lk_tenant_get_base_url (tenant));
      g_free (self->record->old_client_id);
      self->record->old_client_id = g_strdup (lk_tenant_get_client_id (tenant));
      connect_then (g_steal_pointer (&task), create_successor);
      return;
    }

  /* Stopped after the switch: only the tidying up is left. */
  if (find_connection (self, self->record->successor_id) != NULL)
    {
      self->step = LK_CONNECTION_ROTATION_STEP_SWITCH;
      finish_switch (g_steal_pointer (&task));
      return;
    }

  if (find_connection (self, self->record->old_client_id) == NULL)
    {
      fail (g_steal_pointer (&task),
            g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("no saved tenant connects with the token being rotated any more: undo the rotation")));
      return;
    }

  self->step = LK_CONNECTION_ROTATION_STEP_CREATE;
  connect_then (g_steal_pointer (&task), resume_after_connecting);
}

gboolean
lk_connection_rotation_run_finish (LkConnectionRotation  *self,
                                   GAsyncResult          *result,
                                   GError               **error)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Undo: the successor revoked with the old credentials, its secret removed. */

static void
on_successor_secret_cleared_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!lk_secret_store_clear_finish (LK_SECRET_STORE (object), result, &error))
    g_message ("The secret of a revoked token stays in the keyring: %s", error->message);

  drop_record (self);
  succeed (g_steal_pointer (&task));
}

static void
on_successor_revoked_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkConnectionRotation *self = g_task_get_source_object (task);
  GError *error = NULL;

  /* Revoked already, by hand or by an undo that stopped halfway. */
  if (!lk_client_revoke_token_finish (LK_CLIENT (object), result, &error) &&
      !g_error_matches (error, LK_CLIENT_ERROR, LK_CLIENT_ERROR_NOT_FOUND))
    {
      fail (g_steal_pointer (&task), error);
      return;
    }
  g_clear_error (&error);

  lk_secret_store_clear_async (lk_session_get_secrets (self->session), self->record->base_url,
                               self->record->successor_id, NULL, on_successor_secret_cleared_cb,
                               g_steal_pointer (&task));
}

/* Takes the reference on @task. */
static void
revoke_successor (GTask *task)
{
  LkConnectionRotation *self = g_task_get_source_object (task);

  if (self->record->successor_id == NULL)
    {
      /* The tenant never made it. */
      drop_record (self);
      succeed (task);
      return;
    }

  lk_client_revoke_token_async (self->client, self->record->successor_id, g_task_get_cancellable (task),
                                on_successor_revoked_cb, task);
}

static void
undo_after_connecting (GTask *task)
{
  find_successor_then (task, revoke_successor);
}

/**
 * lk_connection_rotation_undo_async:
 * @self: a #LkConnectionRotation
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the successor is gone, or could not be revoked
 * @user_data: data for @callback
 *
 * Revokes the successor of a rotation that failed or was interrupted
 * before the switch, and removes its secret and its record.
 */
void
lk_connection_rotation_undo_async (LkConnectionRotation *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  
  g_return_if_fail (LK_IS_CONNECTION_ROTATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_connection_rotation_undo_async);

  if (self->busy || self->record->old_client_id == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, _("There is no rotation to undo"));
      return;
    }

  self->busy = TRUE;
  self->failed_step = LK_CONNECTION_ROTATION_STEP_NONE;
  self->step = LK_CONNECTION_ROTATION_STEP_UNDO;

  if (find_connection (self, self->record->successor_id) != NULL)
    {
      fail_literal (g_steal_pointer (&task), G_IO_ERROR_EXISTS,
                    _("the connection uses the new token already: finish the rotation instead"));
      return;
    }

  connect_then (g_steal_pointer (&task), undo_after_connecting);
}

gboolean
lk_connection_rotation_undo_finish (LkConnectionRotation  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (LK_IS_CONNECTION_ROTATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
