/* lk-sandbox-inspect.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* What tests ask of a running sandbox: more clients, faults now, and what
 * it received and issued. */

/**
 * lk_sandbox_add_client:
 * @self: a started #LkSandbox
 * @user_name: the identity that owns the new PAT
 * @scopes: (nullable): its scopes; %NULL for `sp:scopes:all`
 * @secret: (out): the PAT's secret
 *
 * Returns: (transfer full): the PAT's client ID
 */
char *
lk_sandbox_add_client (LkSandbox          *self,
                       const char         *user_name,
                       const char * const *scopes,
                       char              **secret)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autoptr(GDateTime) now = _lk_sandbox_now (self);
  g_autoptr(GDateTime) expiration = g_date_time_add_months (now, 6);
  g_autofree char *name = NULL;
  SbIdentity *owner = NULL;
  SbToken *token;

  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  for (guint i = 0; i < self->identities->len && owner == NULL; i++)
    {
      SbIdentity *identity = g_ptr_array_index (self->identities, i);

      if (g_strcmp0 (identity->user_name, user_name) == 0)
        owner = identity;
    }
  g_return_val_if_fail (owner != NULL, NULL);

  name = g_strdup_printf ("Test client %u", self->tokens->len + 1);
  token = _lk_sandbox_new_token (self, owner, name, scopes ? scopes : all, now, expiration, 43200, FALSE);
  *secret = g_strdup (token->secret);

  return g_strdup (json_object_get_string_member (token->json, "id"));
}

/**
 * lk_sandbox_parse_fault:
 * @self: a #LkSandbox
 * @spec: KIND:PERCENT or KIND:xCOUNT[+SKIP], then optionally @TARGET
 * @error: a location for a #GError
 *
 * KIND is 5xx, drop, malformed, slow or 429; PERCENT a share of the
 * requests, xCOUNT the next COUNT of them (after SKIP that go well);
 * TARGET ("POST /v3/set-password") limits the fault to the requests it is
 * a prefix of.
 */
gboolean
lk_sandbox_parse_fault (LkSandbox   *self,
                        const char  *spec,
                        GError     **error)
{
  static const struct {
    const char     *name;
    LkSandboxFault  fault;
  } kinds[] = {
    { "5xx", LK_SANDBOX_FAULT_5XX },
    { "drop", LK_SANDBOX_FAULT_DROP },
    { "malformed", LK_SANDBOX_FAULT_MALFORMED },
    { "slow", LK_SANDBOX_FAULT_SLOW },
    { "429", LK_SANDBOX_FAULT_RATE_LIMIT },
    { "blank", LK_SANDBOX_FAULT_BLANK },
    { "deep", LK_SANDBOX_FAULT_DEEP },
    { "huge", LK_SANDBOX_FAULT_HUGE },
    { "trickle", LK_SANDBOX_FAULT_TRICKLE },
    { "endless", LK_SANDBOX_FAULT_ENDLESS },
  };
  g_auto(GStrv) kind_rest = g_strsplit (spec, ":", 2);
  g_auto(GStrv) amount_target = kind_rest[0] && kind_rest[1] ? g_strsplit (kind_rest[1], "@", 2) : NULL;
  gboolean counted = amount_target && amount_target[0][0] == 'x';
  g_auto(GStrv) count_skip = counted ? g_strsplit (amount_target[0] + 1, "+", 2) : NULL;
  const char *target = amount_target ? amount_target[1] : NULL;
  guint64 amount;
  guint64 skip = 0;

  g_return_val_if_fail (LK_IS_SANDBOX (self), FALSE);

  if (amount_target != NULL &&
      lk_parse_unsigned (counted ? count_skip[0] : amount_target[0], 0, counted ? G_MAXUINT : 100, &amount) &&
      (!counted || count_skip[1] == NULL ||
       lk_parse_unsigned (count_skip[1], 0, G_MAXUINT, &skip)) &&
      (target == NULL || *target != '\0'))
    {
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          if (!g_str_equal (kind_rest[0], kinds[i].name))
            continue;

          if (counted)
            lk_sandbox_fail_after_on (self, kinds[i].fault, (guint) amount, (guint) skip, target);
          else
            lk_sandbox_set_fault_on (self, kinds[i].fault, (guint) amount, target);
          return TRUE;
        }
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "“%s” is not KIND:PERCENT or KIND:xCOUNT[+SKIP], then optionally @TARGET, with KIND one of 5xx, drop, "
               "malformed, slow, 429, blank, deep, huge, trickle, endless", spec);
  return FALSE;
}

void
lk_sandbox_set_fault (LkSandbox      *self,
                      LkSandboxFault  fault,
                      guint           percent)
{
  lk_sandbox_set_fault_on (self, fault, percent, NULL);
}

/**
 * lk_sandbox_set_fault_on:
 * @self: a #LkSandbox
 * @fault: what goes wrong
 * @percent: in how many of every hundred requests
 * @target: (nullable): "METHOD /path" prefix of the requests, or %NULL for all
 */
void
lk_sandbox_set_fault_on (LkSandbox      *self,
                         LkSandboxFault  fault,
                         guint           percent,
                         const char     *target)
{
  g_return_if_fail (LK_IS_SANDBOX (self));
  g_return_if_fail (fault < LK_SANDBOX_N_FAULTS);

  self->fault_percent[fault] = MIN (percent, 100);
  g_free (self->fault_target[fault]);
  self->fault_target[fault] = g_strdup (target);
}

/**
 * lk_sandbox_fail_next:
 * @self: a #LkSandbox
 * @fault: what goes wrong
 * @count: for how many of the next requests
 *
 * Deterministic faults, for tests.
 */
void
lk_sandbox_fail_next (LkSandbox      *self,
                      LkSandboxFault  fault,
                      guint           count)
{
  lk_sandbox_fail_next_on (self, fault, count, NULL);
}

void
lk_sandbox_fail_next_on (LkSandbox      *self,
                         LkSandboxFault  fault,
                         guint           count,
                         const char     *target)
{
  lk_sandbox_fail_after_on (self, fault, count, 0, target);
}

/**
 * lk_sandbox_fail_after_on:
 * @self: a #LkSandbox
 * @fault: what goes wrong
 * @count: for how many of the requests @target names
 * @skip: how many such requests go well first
 * @target: (nullable): "METHOD /path" prefix of the requests, or %NULL for all
 *
 * For a fault at one step of a sequence: the third token request, say.
 */
void
lk_sandbox_fail_after_on (LkSandbox      *self,
                          LkSandboxFault  fault,
                          guint           count,
                          guint           skip,
                          const char     *target)
{
  g_return_if_fail (LK_IS_SANDBOX (self));

  self->next_fault = fault;
  self->next_fault_count = count;
  self->next_fault_skip = skip;
  g_free (self->next_fault_target);
  self->next_fault_target = g_strdup (target);
}

void
lk_sandbox_expire_access_tokens (LkSandbox *self)
{
  GHashTableIter iter;
  SbSession *session;

  g_return_if_fail (LK_IS_SANDBOX (self));

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    session->expires_at = 0;
}

static gboolean
request_matches (SbRequest  *request,
                 const char *method,
                 const char *path,
                 gboolean    prefix)
{
  if (method != NULL && g_strcmp0 (request->method, method) != 0)
    return FALSE;

  if (path == NULL)
    return TRUE;

  return prefix ? g_str_has_prefix (request->path, path) : g_strcmp0 (request->path, path) == 0;
}

/**
 * lk_sandbox_count_requests:
 * @self: a #LkSandbox
 * @method: (nullable): an HTTP method, or %NULL for any
 * @path: (nullable): the exact path, or %NULL for any
 *
 * Returns: how many such requests arrived, answered or not
 */
guint
lk_sandbox_count_requests (LkSandbox  *self,
                           const char *method,
                           const char *path)
{
  guint count = 0;

  g_return_val_if_fail (LK_IS_SANDBOX (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    count += request_matches (g_ptr_array_index (self->requests, i), method, path, FALSE);

  return count;
}

/**
 * lk_sandbox_list_requests:
 * @self: a #LkSandbox
 *
 * Returns: (transfer full): "METHOD /path" of every request that arrived, in order
 */
GStrv
lk_sandbox_list_requests (LkSandbox *self)
{
  g_autoptr(GStrvBuilder) list = g_strv_builder_new ();

  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = 0; i < self->requests->len; i++)
    {
      SbRequest *request = g_ptr_array_index (self->requests, i);
      g_autofree char *line = g_strdup_printf ("%s %s", request->method, request->path);

      g_strv_builder_add (list, line);
    }

  return g_strv_builder_end (list);
}

/**
 * lk_sandbox_list_access_tokens:
 * @self: a #LkSandbox
 *
 * Every bearer token /oauth/token gave, expired ones included: what a
 * secrets audit looks for.
 *
 * Returns: (transfer full): the tokens, in the order given
 */
GStrv
lk_sandbox_list_access_tokens (LkSandbox *self)
{
  g_autoptr(GStrvBuilder) list = g_strv_builder_new ();

  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = 0; i < self->issued_tokens->len; i++)
    g_strv_builder_add (list, g_ptr_array_index (self->issued_tokens, i));

  return g_strv_builder_end (list);
}

/**
 * lk_sandbox_get_last_request_body:
 * @self: a #LkSandbox
 * @method: (nullable): an HTTP method, or %NULL for any
 * @path_prefix: the start of the path
 * @content_type: (out) (optional) (nullable): its Content-Type
 *
 * Returns: (transfer full) (nullable): the body of the latest such request
 */
GBytes *
lk_sandbox_get_last_request_body (LkSandbox   *self,
                                  const char  *method,
                                  const char  *path_prefix,
                                  char       **content_type)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = self->requests->len; i > 0; i--)
    {
      SbRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request_matches (request, method, path_prefix, TRUE))
        {
          if (content_type != NULL)
            *content_type = g_strdup (request->content_type);
          return g_bytes_ref (request->body);
        }
    }

  return NULL;
}

/**
 * lk_sandbox_get_last_request_query:
 * @self: a #LkSandbox
 * @method: (nullable): an HTTP method, or %NULL for any
 * @path: the exact path
 *
 * Returns: (transfer full) (nullable): the raw query string of the latest such request
 */
char *
lk_sandbox_get_last_request_query (LkSandbox  *self,
                                   const char *method,
                                   const char *path)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  for (guint i = self->requests->len; i > 0; i--)
    {
      SbRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (request_matches (request, method, path, FALSE))
        return g_strdup (request->query);
    }

  return NULL;
}

/**
 * lk_sandbox_get_max_in_flight:
 * @self: a #LkSandbox
 *
 * Returns: the most answers held back by latency at one time
 */
guint
lk_sandbox_get_max_in_flight (LkSandbox *self)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), 0);

  return self->max_in_flight;
}

/**
 * lk_sandbox_lookup_policy:
 * @self: a #LkSandbox
 * @id: a password policy ID
 *
 * Returns: (transfer none) (nullable): the policy as the sandbox keeps it
 */
JsonObject *
lk_sandbox_lookup_policy (LkSandbox  *self,
                          const char *id)
{
  g_return_val_if_fail (LK_IS_SANDBOX (self), NULL);

  return _lk_sandbox_find_object (self->policies, id, NULL);
}
