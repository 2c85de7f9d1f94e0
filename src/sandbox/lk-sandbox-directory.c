/* lk-sandbox-directory.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* What a tenant knows of its sources and people, read only: /sources and
 * /sources/{id} (v3, beta, v2025), /public-identities (v3, v2025) and
 * /identities and /identities/{id} (beta, v2025). They are the sandbox's
 * seeded world: the sources that own the RSA keys and belong to groups and
 * policies, and the identities that own tokens. A source's passwordPolicies
 * are the policies that name it now.
 */

static const SbFilterField source_fields[] = {
  { "id", "eq in ge gt le lt ne isnull sw" },
  { "name", "co eq in sw ge gt ne isnull" },
  { "type", "eq in ge gt ne isnull sw" },
  { "owner.id", "eq in ge gt le lt ne isnull sw" },
  { "features", "ca co" },
  { "created", "eq ge gt in le lt ne isnull sw" },
  { "modified", "eq ge gt in le lt ne isnull sw" },
  { "description", "eq sw" },
  { "authoritative", "eq ne isnull" },
  { "healthy", "isnull" },
  { "status", "eq in ge gt le lt ne isnull sw" },
  { "connectionType", "eq ge gt in le lt ne isnull sw" },
  { "connectorName", "eq ge gt in ne isnull sw" },
  { NULL }
};

/* The beta spec takes fewer operators on the dates. */
static const SbFilterField source_fields_beta[] = {
  { "id", "eq in ge gt le lt ne isnull sw" },
  { "name", "co eq in sw ge gt ne isnull" },
  { "type", "eq in ge gt ne isnull sw" },
  { "owner.id", "eq in ge gt le lt ne isnull sw" },
  { "features", "ca co" },
  { "created", "eq" },
  { "modified", "eq" },
  { "description", "eq sw" },
  { "authoritative", "eq ne isnull" },
  { "healthy", "isnull" },
  { "status", "eq in ge gt le lt ne isnull sw" },
  { "connectionType", "eq ge gt in le lt ne isnull sw" },
  { "connectorName", "eq ge gt in ne isnull sw" },
  { NULL }
};

static const char * const source_sorters[] = {
  "type", "created", "modified", "name", "owner.name", "healthy", "status", "id", "description", "owner.id",
  "authoritative", "connectorName", "connectionType", NULL
};

static const SbFilterField public_identity_fields[] = {
  { "id", "eq in" },
  { "alias", "eq sw" },
  { "email", "eq sw" },
  { "firstname", "eq sw" },
  { "lastname", "eq sw" },
  { NULL }
};

static const char * const public_identity_sorters[] = { "name", NULL };

static const SbFilterField identity_fields[] = {
  { "id", "eq in" },
  { "name", "eq sw" },
  { "alias", "eq sw" },
  { "firstname", "eq sw" },
  { "lastname", "eq sw" },
  { "email", "eq sw" },
  { "cloudStatus", "eq" },
  { "processingState", "eq" },
  { "correlated", "eq" },
  { "protected", "eq" },
  { NULL }
};

static const char * const identity_sorters[] = { "name", "alias", "cloudStatus", NULL };

/* Sources */

static JsonObject *
present_source (SbCall     *call,
                JsonObject *json)
{
  LkSandbox *self = call->sandbox;
  JsonObject *source = lk_json_copy_object (json);
  JsonArray *policies = json_array_new ();
  const char *id = json_object_get_string_member (json, "id");

  for (guint i = 0; i < self->policies->len; i++)
    {
      JsonObject *policy = g_ptr_array_index (self->policies, i);
      JsonArray *source_ids = json_object_get_array_member (policy, "sourceIds");

      for (guint s = 0; source_ids != NULL && s < json_array_get_length (source_ids); s++)
        if (g_strcmp0 (json_array_get_string_element (source_ids, s), id) == 0)
          {
            JsonObject *reference = json_object_new ();

            json_object_set_string_member (reference, "type", "PASSWORD_POLICY");
            json_object_set_string_member (reference, "id", json_object_get_string_member (policy, "id"));
            json_object_set_string_member (reference, "name", json_object_get_string_member (policy, "name"));
            json_array_add_object_element (policies, reference);
          }
    }

  json_object_set_array_member (source, "passwordPolicies", policies);
  return source;
}

/* Filters and sorts @documents as the call asks, and answers a page of them. */
static void
reply_filtered_page (SbCall              *call,
                     GPtrArray           *documents,
                     const SbFilterField *fields,
                     const char * const  *sorters,
                     SbPresentFunc        present)
{
  const char *filters = call->query ? g_hash_table_lookup (call->query, "filters") : NULL;
  const char *sort = call->query ? g_hash_table_lookup (call->query, "sorters") : NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(SbFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  if (filters != NULL && (filter = _lk_sandbox_parse_filters (filters, fields, &error)) == NULL)
    {
      _lk_sandbox_reply_error (call, 400, "%s", error->message);
      return;
    }

  for (guint i = 0; i < documents->len; i++)
    if (_lk_sandbox_filter_matches (filter, g_ptr_array_index (documents, i)))
      g_ptr_array_add (matching, g_ptr_array_index (documents, i));

  if (!_lk_sandbox_sort (matching, sort, sorters, &error))
    {
      _lk_sandbox_reply_error (call, 400, "%s", error->message);
      return;
    }

  _lk_sandbox_reply_page (call, matching, present);
}

void
_lk_sandbox_handle_sources (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();

  if (g_strcmp0 (call->method, "GET") != 0)
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return;
    }

  /* The beta list asks for reading only; the others take managing too. */
  if (g_str_equal (call->version, "beta") && call->id == NULL
        ? !_lk_sandbox_require_right (call, "idn:sources:read", NULL)
        : !_lk_sandbox_require_right (call, "idn:sources:read", "idn:sources:manage", NULL))
    return;

  if (call->id != NULL)
    {
      SbSource *source = _lk_sandbox_find_source (self, call->id);
      g_autoptr(JsonObject) shown = NULL;

      if (source == NULL)
        {
          _lk_sandbox_reply_error (call, 404, "The source '%s' was not found.", call->id);
          return;
        }
      shown = present_source (call, source->json);
      _lk_sandbox_reply_object (call, 200, shown);
      return;
    }

  for (guint i = 0; i < self->sources->len; i++)
    g_ptr_array_add (documents, ((SbSource *) g_ptr_array_index (self->sources, i))->json);
  reply_filtered_page (call, documents, g_str_equal (call->version, "beta") ? source_fields_beta : source_fields,
                       source_sorters, present_source);
}

/* Identities */

/* Everything an identity is filtered and sorted by, whichever way it is shown. */
static JsonObject *
identity_document (LkSandbox  *self,
                   SbIdentity *identity)
{
  JsonObject *document = json_object_new ();

  json_object_set_string_member (document, "id", identity->id);
  json_object_set_string_member (document, "name", identity->name);
  json_object_set_string_member (document, "alias", identity->user_name);
  json_object_set_string_member (document, "email", identity->email);
  json_object_set_string_member (document, "firstname", identity->first_name);
  json_object_set_string_member (document, "lastname", identity->last_name);
  json_object_set_string_member (document, "cloudStatus", "ACTIVE");
  json_object_set_string_member (document, "processingState", "OK");
  json_object_set_boolean_member (document, "correlated", TRUE);
  json_object_set_boolean_member (document, "protected", identity->admin);

  return document;
}

static GPtrArray *
identity_documents (LkSandbox *self)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < self->identities->len; i++)
    g_ptr_array_add (documents, identity_document (self, g_ptr_array_index (self->identities, i)));

  return documents;
}

static JsonObject *
present_public_identity (SbCall     *call,
                         JsonObject *document)
{
  JsonObject *shown = json_object_new ();

  json_object_set_string_member (shown, "id", json_object_get_string_member (document, "id"));
  json_object_set_string_member (shown, "name", json_object_get_string_member (document, "name"));
  json_object_set_string_member (shown, "alias", json_object_get_string_member (document, "alias"));
  json_object_set_string_member (shown, "email", json_object_get_string_member (document, "email"));
  json_object_set_string_member (shown, "status", "Active");
  json_object_set_string_member (shown, "identityState", "ACTIVE");
  json_object_set_null_member (shown, "manager");
  json_object_set_array_member (shown, "attributes", json_array_new ());

  return shown;
}

static JsonObject *
present_identity (SbCall     *call,
                  JsonObject *document)
{
  g_autoptr(GDateTime) now = _lk_sandbox_now (call->sandbox);
  g_autoptr(GDateTime) created = g_date_time_add_days (now, -700);
  JsonObject *shown = json_object_new ();
  JsonObject *attributes = json_object_new ();

  json_object_set_string_member (attributes, "firstname", json_object_get_string_member (document, "firstname"));
  json_object_set_string_member (attributes, "lastname", json_object_get_string_member (document, "lastname"));
  json_object_set_string_member (attributes, "displayName", json_object_get_string_member (document, "name"));
  json_object_set_string_member (attributes, "email", json_object_get_string_member (document, "email"));
  json_object_set_string_member (attributes, "uid", json_object_get_string_member (document, "alias"));
  json_object_set_string_member (attributes, "cloudStatus", json_object_get_string_member (document, "cloudStatus"));

  json_object_set_string_member (shown, "id", json_object_get_string_member (document, "id"));
  json_object_set_string_member (shown, "name", json_object_get_string_member (document, "name"));
  lk_json_set_date_time (shown, "created", created);
  lk_json_set_date_time (shown, "modified", created);
  json_object_set_string_member (shown, "alias", json_object_get_string_member (document, "alias"));
  json_object_set_string_member (shown, "emailAddress", json_object_get_string_member (document, "email"));
  json_object_set_string_member (shown, "processingState", "OK");
  json_object_set_string_member (shown, "identityStatus", "ACTIVE");
  json_object_set_null_member (shown, "managerRef");
  json_object_set_boolean_member (shown, "isManager", FALSE);
  lk_json_set_date_time (shown, "lastRefresh", now);
  json_object_set_object_member (shown, "attributes", attributes);

  return shown;
}

/* A GET in a version that has the endpoint; else the answer that says why. */
static gboolean
readable_in (SbCall     *call,
             const char *absent_from)
{
  if (g_str_equal (call->version, absent_from))
    {
      _lk_sandbox_reply_error (call, 404, "The server did not find a current representation for the target resource.");
      return FALSE;
    }
  if (g_strcmp0 (call->method, "GET") != 0)
    {
      _lk_sandbox_reply_method_not_allowed (call);
      return FALSE;
    }

  return TRUE;
}

/* /v3 and /v2025 only: the beta API has no /public-identities. */
void
_lk_sandbox_handle_public_identities (SbCall *call)
{
  g_autoptr(GPtrArray) documents = NULL;

  if (!readable_in (call, "beta") || !_lk_sandbox_require_right (call, "sp:scopes:default", NULL))
    return;

  documents = identity_documents (call->sandbox);
  reply_filtered_page (call, documents, public_identity_fields, public_identity_sorters, present_public_identity);
}

/* /beta and /v2025 only: the v3 API has no /identities. */
void
_lk_sandbox_handle_identities (SbCall *call)
{
  LkSandbox *self = call->sandbox;
  g_autoptr(GPtrArray) documents = NULL;

  if (!readable_in (call, "v3") || !_lk_sandbox_require_right (call, "idn:identity:read", "idn:identity:manage", NULL))
    return;

  if (call->id != NULL)
    {
      SbIdentity *identity = _lk_sandbox_find_identity (self, call->id);
      g_autoptr(JsonObject) document = NULL;
      g_autoptr(JsonObject) shown = NULL;

      if (identity == NULL)
        {
          _lk_sandbox_reply_error (call, 404, "The identity '%s' was not found.", call->id);
          return;
        }
      document = identity_document (self, identity);
      shown = present_identity (call, document);
      _lk_sandbox_reply_object (call, 200, shown);
      return;
    }

  documents = identity_documents (self);
  reply_filtered_page (call, documents, identity_fields, identity_sorters, present_identity);
}
