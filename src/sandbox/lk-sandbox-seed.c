/* lk-sandbox-seed.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* A tenant that looks lived in: people, sources with accounts, tokens made
 * over the last year (some never used, some expired, some managed by
 * workflows), a default password policy and a few stricter ones.
 */

static const char * const first_names[] = {
  "Abby", "Aaron", "Adam", "Alan", "Alice", "Amelia", "Ben", "Carla", "Chen", "Daniel",
  "Dana", "Elena", "Emma", "Fatima", "Felix", "Grace", "Hana", "Igor", "Isabel", "Jamal",
  "Jonas", "Kai", "Laura", "Leila", "Marco", "Maya", "Nia", "Omar", "Paula", "Priya",
  "Quinn", "Rafael", "Rosa", "Sam", "Sofia", "Tariq", "Uma", "Victor", "Wen", "Yuki", "Zoe",
};

static const char * const last_names[] = {
  "Smith", "Garcia", "Chen", "Müller", "Okafor", "Nakamura", "Rossi", "Novak", "Haddad", "Kowalski",
  "Johansson", "Fernandes", "Singh", "Dubois", "Murphy", "Ivanova", "Kim", "Larsen", "Mendes", "Weber",
};

/* The sources people know, and their connectors: name, type, connector, connector name, connection. */
static const struct {
  const char *name;
  const char *type;
  const char *connector;
  const char *connector_name;
  const char *connection_type;
  gboolean    authoritative;
} known_sources[] = {
  { "Active Directory", "Active Directory - Direct", "active-directory", "Active Directory", "direct", FALSE },
  { "Workday", "Workday", "workday", "Workday", "direct", TRUE },
  { "GitHub", "GitHub", "github", "GitHub", "direct", FALSE },
  { "Google Workspace", "Google Workspace", "google-workspace", "Google Workspace", "direct", FALSE },
  { "ServiceNow", "ServiceNow", "servicenow", "ServiceNow", "direct", FALSE },
  { "Okta", "Okta", "okta", "Okta", "direct", FALSE },
  { "Salesforce", "Salesforce", "salesforce", "Salesforce", "direct", FALSE },
  { "SAP ERP", "SAP - Direct", "sap", "SAP", "direct", FALSE },
};

/* A tenant with hundreds of sources: mostly applications fed by files and databases. */
static const char * const more_source_names[] = {
  "Payroll", "Badge System", "CRM", "Ticketing", "Wiki", "VPN", "Expense", "Learning", "Warehouse", "Billing",
};

static const struct {
  const char *type;
  const char *connector;
  const char *connector_name;
  const char *connection_type;
} more_source_kinds[] = {
  { "DelimitedFile", "delimited-file", "Delimited File", "file" },
  { "JDBC", "jdbc", "JDBC", "direct" },
  { "LDAP - Direct", "ldap", "LDAP", "direct" },
  { "Web Services", "web-services", "Web Services", "direct" },
  { "SCIM 2.0", "scim2", "SCIM 2.0", "direct" },
};

static const char * const token_purposes[] = {
  "Terraform", "NodeJS Integration", "CI pipeline", "PowerShell SDK", "Reporting export", "Python SDK",
  "Access review sync", "Postman", "SailPoint CLI", "Data warehouse", "Onboarding script", "Audit export",
};

static const char * const scope_sets[][4] = {
  { "sp:scopes:all", NULL },
  { "sp:scopes:all", NULL },
  { "sp:scopes:all", NULL },
  { "idn:identity:read", "idn:accounts:read", NULL },
  { "sp:my-personal-access-tokens:read", NULL },
  { "idn:password-policy:read", "idn:password-sync-group:read", NULL },
  { "idn:workflow:manage", "idn:workflow-execute:external", NULL },
};

#define DAY_USEC ((GTimeSpan) 24 * 60 * 60 * G_USEC_PER_SEC)

static SbIdentity *
add_identity (LkSandbox  *self,
              const char *first_name,
              const char *last_name,
              const char *user_name,
              gboolean    admin)
{
  SbIdentity *identity = g_new0 (SbIdentity, 1);
  g_autofree char *lower = g_ascii_strdown (user_name, -1);

  identity->id = _lk_sandbox_random_hex (self, 32);
  identity->name = g_strdup_printf ("%s %s", first_name, last_name);
  identity->first_name = g_strdup (first_name);
  identity->last_name = g_strdup (last_name);
  identity->user_name = g_strdup (user_name);
  identity->email = g_strdup_printf ("%s@acme.example.com", lower);
  identity->admin = admin;
  g_ptr_array_add (self->identities, identity);
  g_hash_table_insert (self->identities_by_id, identity->id, identity);

  return identity;
}

static void
seed_identities (LkSandbox *self)
{
  add_identity (self, "Latchkey", "Admin", "latchkey.admin", TRUE);
  add_identity (self, "Abby", "Smith", "Abby.Smith", FALSE);

  for (guint i = 2; i < self->n_identities; i++)
    {
      const char *first = first_names[(i * 7) % G_N_ELEMENTS (first_names)];
      const char *last = last_names[(i * 3 + i / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)];
      guint round = i / (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (last_names));
      g_autofree char *user_name = round > 0
        ? g_strdup_printf ("%s.%s%u", first, last, round)
        : g_strdup_printf ("%s.%s", first, last);

      /* One in ten helps administer the tenant. */
      add_identity (self, first, last, user_name, i % 10 == 0);
    }
}

static GDateTime *
days_ago (GDateTime *now,
          guint      days,
          guint      extra_seconds)
{
  return g_date_time_add (now, -(GTimeSpan) days * DAY_USEC - (GTimeSpan) extra_seconds * G_USEC_PER_SEC);
}

/* Source @index: a known one, or "Payroll 0009" on a connector of its kind. */
static void
add_source (LkSandbox *self,
            guint      index,
            GDateTime *now)
{
  SbSource *source = g_new0 (SbSource, 1);
  gboolean known = index < G_N_ELEMENTS (known_sources);
  guint kind = index % G_N_ELEMENTS (more_source_kinds);
  SbIdentity *owner = g_ptr_array_index (self->identities, index % 4 == 0 ? 0 : index % self->identities->len);
  g_autoptr(GDateTime) created = days_ago (now, 400 + _lk_sandbox_random_int (self, 900), 0);
  g_autoptr(GDateTime) modified = days_ago (now, _lk_sandbox_random_int (self, 60), 0);
  JsonObject *json = json_object_new ();
  JsonObject *owner_ref = json_object_new ();
  JsonArray *features = json_array_new ();

  source->id = _lk_sandbox_random_hex (self, 32);
  source->name = known ? g_strdup (known_sources[index].name)
                       : g_strdup_printf ("%s %04u", more_source_names[index % G_N_ELEMENTS (more_source_names)],
                                          index + 1);

  json_object_set_string_member (owner_ref, "type", "IDENTITY");
  json_object_set_string_member (owner_ref, "id", owner->id);
  json_object_set_string_member (owner_ref, "name", owner->name);
  json_array_add_string_element (features, "PASSWORD");
  json_array_add_string_element (features, "PROVISIONING");

  json_object_set_string_member (json, "id", source->id);
  json_object_set_string_member (json, "name", source->name);
  json_object_set_string_member (json, "description", known ? "Managed by the IAM team" : "An application source");
  json_object_set_object_member (json, "owner", owner_ref);
  json_object_set_array_member (json, "features", features);
  json_object_set_string_member (json, "type", known ? known_sources[index].type : more_source_kinds[kind].type);
  json_object_set_string_member (json, "connector",
                                 known ? known_sources[index].connector : more_source_kinds[kind].connector);
  json_object_set_string_member (json, "connectorName",
                                 known ? known_sources[index].connector_name : more_source_kinds[kind].connector_name);
  json_object_set_string_member (json, "connectionType",
                                 known ? known_sources[index].connection_type : more_source_kinds[kind].connection_type);
  json_object_set_boolean_member (json, "authoritative", known && known_sources[index].authoritative);
  json_object_set_boolean_member (json, "healthy", index % 23 != 7);
  json_object_set_string_member (json, "status", index % 23 != 7 ? "SOURCE_STATE_HEALTHY" : "SOURCE_STATE_ERROR_SOURCE");
  lk_json_set_date_time (json, "created", created);
  lk_json_set_date_time (json, "modified", modified);
  source->json = json;

  g_ptr_array_add (self->sources, source);
}

static void
seed_sources_and_accounts (LkSandbox *self,
                           GDateTime *now)
{
  for (guint i = 0; i < self->n_sources; i++)
    add_source (self, i, now);

  for (guint i = 0; i < self->identities->len; i++)
    {
      SbIdentity *identity = g_ptr_array_index (self->identities, i);

      /* Accounts on the sources people know; the others hold none here. */
      for (guint s = 0; s < MIN (self->sources->len, G_N_ELEMENTS (known_sources)); s++)
        {
          SbSource *source = g_ptr_array_index (self->sources, s);
          SbAccount *account;

          /* Everyone is in the directory; the rest is spread out. Abby has them all. */
          if (s > 0 && i != 1 && _lk_sandbox_random_int (self, 3) == 0)
            continue;

          account = g_new0 (SbAccount, 1);
          account->identity_id = g_strdup (identity->id);
          account->source_id = g_strdup (source->id);
          account->account_name = g_strdup (identity->user_name);
          if (s == 0)
            account->account_id = g_strdup_printf ("CN=%s,OU=Austin,OU=Americas,OU=Demo,DC=seri,DC=acme,DC=com",
                                                   identity->name);
          else
            account->account_id = g_strdup (identity->email);
          g_ptr_array_add (self->accounts, account);
        }
    }

  self->source_name = g_strdup (known_sources[0].name);
  self->user_name = g_strdup ("Abby.Smith");
}

static JsonObject *
new_policy (LkSandbox  *self,
            const char *name,
            const char *description,
            gboolean    is_default,
            gint64      min_length,
            gint64      max_length,
            gint64      min_numeric,
            gint64      min_upper,
            gint64      min_special,
            GDateTime  *created)
{
  JsonObject *policy = json_object_new ();
  g_autofree char *id = _lk_sandbox_random_hex (self, 32);

  json_object_set_string_member (policy, "id", id);
  json_object_set_string_member (policy, "name", name);
  lk_json_set_string (policy, "description", description);
  /* ISC sends these two as epoch milliseconds, whatever the spec says. */
  json_object_set_int_member (policy, "dateCreated", g_date_time_to_unix (created) * 1000);
  json_object_set_int_member (policy, "lastUpdated", g_date_time_to_unix (created) * 1000 + 86400000);
  json_object_set_int_member (policy, "firstExpirationReminder", 45);
  json_object_set_int_member (policy, "accountIdMinWordLength", -1);
  json_object_set_int_member (policy, "accountNameMinWordLength", -1);
  json_object_set_int_member (policy, "minAlpha", 1);
  json_object_set_int_member (policy, "minCharacterTypes", -1);
  json_object_set_int_member (policy, "maxLength", max_length);
  json_object_set_int_member (policy, "minLength", min_length);
  json_object_set_int_member (policy, "maxRepeatedChars", 3);
  json_object_set_int_member (policy, "minLower", 1);
  json_object_set_int_member (policy, "minNumeric", min_numeric);
  json_object_set_int_member (policy, "minSpecial", min_special);
  json_object_set_int_member (policy, "minUpper", min_upper);
  json_object_set_int_member (policy, "passwordExpiration", 90);
  json_object_set_boolean_member (policy, "defaultPolicy", is_default);
  json_object_set_boolean_member (policy, "enablePasswdExpiration", !is_default);
  json_object_set_boolean_member (policy, "requireStrongAuthn", FALSE);
  json_object_set_boolean_member (policy, "requireStrongAuthOffNetwork", FALSE);
  json_object_set_boolean_member (policy, "requireStrongAuthUntrustedGeographies", FALSE);
  json_object_set_boolean_member (policy, "useAccountAttributes", FALSE);
  json_object_set_boolean_member (policy, "useDictionary", !is_default);
  json_object_set_boolean_member (policy, "useIdentityAttributes", FALSE);
  json_object_set_boolean_member (policy, "validateAgainstAccountId", !is_default);
  json_object_set_boolean_member (policy, "validateAgainstAccountName", TRUE);
  json_object_set_null_member (policy, "created");
  json_object_set_null_member (policy, "modified");
  json_object_set_array_member (policy, "sourceIds", json_array_new ());

  return policy;
}

static void
seed_policies (LkSandbox *self,
               GDateTime *now)
{
  static const struct {
    const char *name;
    const char *description;
    gint64 min_length, max_length, min_numeric, min_upper, min_special;
  } named[] = {
    { "High Security Password Policy", "Administrators and privileged accounts", 14, 64, 1, 1, 1 },
    { "Contractors", "Shorter expiry for contractor accounts", 10, 32, 1, 1, 0 },
    { "Service Accounts", "Long random passwords for non-human accounts", 24, 128, 2, 2, 2 },
    { "Engineering", NULL, 12, 0, 1, 1, 1 },
    { "Finance", "SOX controlled systems", 12, 40, 1, 1, 1 },
  };
  g_autoptr(GDateTime) setup = days_ago (now, 900, 0);

  g_ptr_array_add (self->policies,
                   new_policy (self, "Default Password Policy", "Created with the tenant",
                               TRUE, 8, 0, 1, 0, 0, setup));

  for (guint i = 1; i < self->n_policies; i++)
    {
      g_autoptr(GDateTime) created = days_ago (now, _lk_sandbox_random_int (self, 700) + 10, 0);
      guint n = i - 1;

      if (n < G_N_ELEMENTS (named))
        g_ptr_array_add (self->policies,
                         new_policy (self, named[n].name, named[n].description, FALSE,
                                     named[n].min_length, named[n].max_length, named[n].min_numeric,
                                     named[n].min_upper, named[n].min_special, created));
      else
        {
          g_autofree char *name = g_strdup_printf ("Password Policy %u", i + 1);

          g_ptr_array_add (self->policies,
                           new_policy (self, name, NULL, FALSE, 8 + i % 8, 0, i % 2, i % 3 ? 1 : 0, 0, created));
        }
    }

  /* Each source follows one policy; the default takes what no other claims. */
  for (guint s = 0; s < self->sources->len; s++)
    {
      SbSource *source = g_ptr_array_index (self->sources, s);
      guint index = self->policies->len > 1 && s % 2 == 1 ? 1 + (s / 2) % (self->policies->len - 1) : 0;
      JsonObject *policy = g_ptr_array_index (self->policies, index);

      source->policy_id = g_strdup (json_object_get_string_member (policy, "id"));
      json_array_add_string_element (json_object_get_array_member (policy, "sourceIds"), source->id);
    }
}

static void
seed_sync_groups (LkSandbox *self,
                  GDateTime *now)
{
  static const char * const names[] = { "Corporate Directory", "Engineering Tools", "Finance Systems" };
  guint next_source = 0;

  /* No source in two groups, as ISC allows, until there are more groups than sources. */
  for (guint i = 0; i < self->n_sync_groups; i++)
    {
      JsonObject *group = json_object_new ();
      JsonArray *source_ids = json_array_new ();
      JsonObject *policy = g_ptr_array_index (self->policies, i % self->policies->len);
      g_autoptr(GDateTime) created = days_ago (now, 30 + _lk_sandbox_random_int (self, 500), 0);
      g_autoptr(GDateTime) modified = g_date_time_add_days (created, _lk_sandbox_random_int (self, 20));
      g_autofree char *id = _lk_sandbox_random_uuid (self);
      g_autofree char *name = i < G_N_ELEMENTS (names) ? g_strdup (names[i])
                                                        : g_strdup_printf ("Sync Group %u", i + 1);

      for (guint s = 0; s < 2 + i % 2; s++)
        {
          SbSource *source = g_ptr_array_index (self->sources, next_source++ % self->sources->len);

          json_array_add_string_element (source_ids, source->id);
        }

      json_object_set_string_member (group, "id", id);
      json_object_set_string_member (group, "name", name);
      json_object_set_string_member (group, "passwordPolicyId", json_object_get_string_member (policy, "id"));
      json_object_set_array_member (group, "sourceIds", source_ids);
      lk_json_set_date_time (group, "created", created);
      lk_json_set_date_time (group, "modified", modified);
      g_ptr_array_add (self->sync_groups, group);
    }
}

void
_lk_sandbox_token_free (SbToken *token)
{
  g_clear_pointer (&token->json, json_object_unref);
  g_free (token->secret);
  g_free (token);
}

SbToken *
_lk_sandbox_new_token (LkSandbox          *self,
                       SbIdentity         *owner,
                       const char         *name,
                       const char * const *scopes,
                       GDateTime          *created,
                       GDateTime          *expiration,
                       gint64              validity_seconds,
                       gboolean            managed)
{
  SbToken *token = g_new0 (SbToken, 1);
  JsonObject *owner_object = json_object_new ();
  g_autofree char *id = _lk_sandbox_random_hex (self, 32);

  json_object_set_string_member (owner_object, "type", "IDENTITY");
  json_object_set_string_member (owner_object, "id", owner->id);
  json_object_set_string_member (owner_object, "name", owner->name);

  token->secret = _lk_sandbox_random_hex (self, 64);
  token->json = json_object_new ();
  json_object_set_string_member (token->json, "id", id);
  json_object_set_string_member (token->json, "name", name);
  lk_json_set_strv (token->json, "scope", scopes);
  json_object_set_object_member (token->json, "owner", owner_object);
  lk_json_set_date_time (token->json, "created", created);
  json_object_set_null_member (token->json, "lastUsed");
  json_object_set_boolean_member (token->json, "managed", managed);
  json_object_set_int_member (token->json, "accessTokenValiditySeconds", validity_seconds);
  lk_json_set_date_time (token->json, "expirationDate", expiration);
  g_ptr_array_add (self->tokens, token);

  return token;
}

static void
seed_tokens (LkSandbox *self,
             GDateTime *now)
{
  static const char * const all[] = { "sp:scopes:all", NULL };
  g_autoptr(GHashTable) names_in_use = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) next_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) admin_created = days_ago (now, 20, 0);
  g_autoptr(GDateTime) admin_expires = g_date_time_add_months (admin_created, 6);
  SbIdentity *admin = g_ptr_array_index (self->identities, 0);
  SbToken *token;

  /* The PAT the sandbox prints: the one the app connects with. */
  token = _lk_sandbox_new_token (self, admin, "Latchkey sandbox", all, admin_created, admin_expires, 43200, FALSE);
  lk_json_set_date_time (token->json, "lastUsed", now);
  self->admin_client_id = g_strdup (json_object_get_string_member (token->json, "id"));
  self->admin_client_secret = g_strdup (token->secret);

  for (guint i = 0; i < self->n_tokens; i++)
    {
      /* Half of the tokens belong to a handful of heavy users, as in real tenants. */
      guint owner_index = i % 2 == 0 ? _lk_sandbox_random_int (self, MIN (6, self->identities->len))
                                     : _lk_sandbox_random_int (self, self->identities->len);
      SbIdentity *owner = g_ptr_array_index (self->identities, owner_index);
      gboolean managed = _lk_sandbox_random_int (self, 10) == 0;
      guint age_days = _lk_sandbox_random_int (self, 365);
      g_autoptr(GDateTime) created = days_ago (now, age_days, _lk_sandbox_random_int (self, 86400));
      g_autoptr(GDateTime) expiration = g_date_time_add_months (created, 6);
      const char * const *scopes = scope_sets[_lk_sandbox_random_int (self, G_N_ELEMENTS (scope_sets))];
      g_autofree char *base = managed
        ? g_strdup_printf ("Workflow: %s", token_purposes[_lk_sandbox_random_int (self, G_N_ELEMENTS (token_purposes))])
        : g_strdup (token_purposes[_lk_sandbox_random_int (self, G_N_ELEMENTS (token_purposes))]);
      g_autofree char *name = NULL;
      g_autofree char *base_key = g_strdup_printf ("%s\n%s", owner->id, base);
      guint used = _lk_sandbox_random_int (self, 10);
      guint n;

      /* A PAT name is unique per owner: "Postman", "Postman 2"… Each owner's
       * next number for a name is kept, not searched for from 2 again: a
       * heavy user of 100,000 tokens has thousands of each.
       */
      for (n = MAX (GPOINTER_TO_UINT (g_hash_table_lookup (next_number, base_key)), 1); ; n++)
        {
          g_autofree char *key = NULL;

          g_free (name);
          name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s %u", base, n);
          key = g_strdup_printf ("%s\n%s", owner->id, name);
          if (!g_hash_table_contains (names_in_use, key))
            {
              g_hash_table_add (names_in_use, g_steal_pointer (&key));
              break;
            }
        }
      g_hash_table_replace (next_number, g_steal_pointer (&base_key), GUINT_TO_POINTER (n + 1));

      token = _lk_sandbox_new_token (self, owner, name, scopes, created, expiration,
                                     _lk_sandbox_random_int (self, 4) == 0 ? 3600 : 43200, managed);

      /* Two in ten never used; the rest last used between creation and now. */
      if (used >= 2)
        {
          g_autoptr(GDateTime) last_used = days_ago (now, _lk_sandbox_random_int (self, age_days + 1),
                                                     _lk_sandbox_random_int (self, 3600));

          /* Used between its creation and its expiry, never after. */
          if (g_date_time_compare (last_used, created) < 0)
            lk_json_set_date_time (token->json, "lastUsed", created);
          else if (g_date_time_compare (last_used, expiration) > 0)
            lk_json_set_date_time (token->json, "lastUsed", expiration);
          else
            lk_json_set_date_time (token->json, "lastUsed", last_used);
        }
    }
}

void
_lk_sandbox_seed (LkSandbox *self)
{
  g_autoptr(GDateTime) now = _lk_sandbox_now (self);

  seed_identities (self);
  seed_sources_and_accounts (self, now);
  seed_policies (self, now);
  seed_sync_groups (self, now);
  seed_tokens (self, now);
}
