/* lk-token.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-token"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-token.h"

/* GetPersonalAccessTokenResponse. The JSON it came from is kept whole, so
 * that fields this version does not know survive a round trip.
 */
struct _LkToken
{
  GObject parent_instance;

  JsonObject *extras;   /* members this model does not know, kept to be passed on */
  char       *id;
  char       *name;
  GStrv       scopes;
  LkOwner    *owner;
  GDateTime  *created;
  GDateTime  *last_used;
  GDateTime  *expiration_date;
  gint64      access_token_validity;
  gboolean    managed;
  char       *search_key;
  LkTenant   *tenant;     /* nullable: where it was listed, in a list of several tenants */
};

G_DEFINE_FINAL_TYPE (LkToken, lk_token, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SCOPES,
  PROP_OWNER,
  PROP_CREATED,
  PROP_LAST_USED,
  PROP_MANAGED,
  PROP_ACCESS_TOKEN_VALIDITY,
  PROP_EXPIRATION_DATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lk_token_finalize (GObject *object)
{
  LkToken *self = (LkToken *)object;

  g_clear_pointer (&self->extras, json_object_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->scopes, g_strfreev);
  g_clear_object (&self->owner);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->last_used, g_date_time_unref);
  g_clear_pointer (&self->expiration_date, g_date_time_unref);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_object (&self->tenant);

  G_OBJECT_CLASS (lk_token_parent_class)->finalize (object);
}

static void
lk_token_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LkToken *self = LK_TOKEN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SCOPES:
      g_value_set_boxed (value, self->scopes);
      break;

    case PROP_OWNER:
      g_value_set_object (value, self->owner);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_LAST_USED:
      g_value_set_boxed (value, self->last_used);
      break;

    case PROP_MANAGED:
      g_value_set_boolean (value, self->managed);
      break;

    case PROP_ACCESS_TOKEN_VALIDITY:
      g_value_set_int64 (value, self->access_token_validity);
      break;

    case PROP_EXPIRATION_DATE:
      g_value_set_boxed (value, self->expiration_date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_token_class_init (LkTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_token_finalize;
  object_class->get_property = lk_token_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_SCOPES] = g_param_spec_boxed ("scopes", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_OWNER] = g_param_spec_object ("owner", NULL, NULL, LK_TYPE_OWNER, flags);
  properties [PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_LAST_USED] = g_param_spec_boxed ("last-used", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_MANAGED] = g_param_spec_boolean ("managed", NULL, NULL, FALSE, flags);
  properties [PROP_ACCESS_TOKEN_VALIDITY] =
    g_param_spec_int64 ("access-token-validity", NULL, NULL, 0, G_MAXINT64, 43200, flags);
  properties [PROP_EXPIRATION_DATE] =
    g_param_spec_boxed ("expiration-date", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_token_init (LkToken *self)
{
}

static void
keep_unknown_member (JsonObject  *object,
                     const char  *member,
                     JsonNode    *node,
                     gpointer     user_data)
{
  static const char * const known[] = { "id", "name", "scope", "owner", "created", "lastUsed", "managed",
                                        "accessTokenValiditySeconds", NULL };
  LkToken *self = user_data;

  /* The create answer's secret is the caller's to take and wipe, never kept here. */
  if (g_strv_contains (known, member) || g_str_equal (member, "secret"))
    return;

  /* A date that could not be read ("6 Months from created date") is passed on as sent. */
  if (g_str_equal (member, "expirationDate") && self->expiration_date != NULL)
    return;

  if (self->extras == NULL)
    self->extras = json_object_new ();
  json_object_set_member (self->extras, member, lk_json_deep_copy (node));
}

/* Made once, where the list is parsed, so that a search needs no allocation per token. */
static void
set_search_key (LkToken *self)
{
  g_autofree char *scopes = g_strjoinv ("\n", self->scopes);
  const char *tenant = self->tenant != NULL ? lk_tenant_get_name (self->tenant) : NULL;
  /* g_strconcat() ends at the first NULL: without a tenant, at the scopes. */
  g_autofree char *text = g_strconcat (self->name, "\n", lk_owner_get_name (self->owner), "\n", scopes,
                                       tenant ? "\n" : NULL, tenant, NULL);
  gboolean ascii = TRUE;

  for (const char *p = text; *p != '\0' && ascii; p++)
    ascii = (guchar) *p < 0x80;
  /* Folding ASCII is lowering it, without a pass through Unicode's tables. */
  self->search_key = ascii ? g_ascii_strdown (text, -1) : g_utf8_casefold (text, -1);
}

/**
 * lk_token_new_from_json:
 * @object: a GetPersonalAccessTokenResponse (or the create response)
 * @error: a location for a #GError
 *
 * A missing required field or a wrong type is an error. An unparsable
 * `expirationDate` is not: v3 documents "6 Months from created date" as its
 * default, and mocks send exactly that.
 *
 * Returns: (transfer full) (nullable): the token
 */
LkToken *
lk_token_new_from_json (JsonObject  *object,
                        GError     **error)
{
  g_autoptr(LkToken) self = g_object_new (LK_TYPE_TOKEN, NULL);
  g_autofree char *expiration = NULL;
  JsonObject *owner;

  g_return_val_if_fail (object != NULL, NULL);

  if (!lk_json_get_string (object, "id", LK_JSON_REQUIRED, &self->id, error) ||
      !lk_json_get_string (object, "name", LK_JSON_REQUIRED, &self->name, error) ||
      !lk_json_get_strv (object, "scope", LK_JSON_OPTIONAL, &self->scopes, error) ||
      !lk_json_get_date_time (object, "created", LK_JSON_REQUIRED, &self->created, error) ||
      !lk_json_get_date_time (object, "lastUsed", LK_JSON_OPTIONAL, &self->last_used, error) ||
      !lk_json_get_boolean (object, "managed", LK_JSON_OPTIONAL, &self->managed, error) ||
      !lk_json_get_int (object, "accessTokenValiditySeconds", LK_JSON_OPTIONAL, 43200,
                        &self->access_token_validity, error))
    return NULL;

  if (!lk_json_get_object (object, "owner", LK_JSON_REQUIRED, &owner, error) ||
      !(self->owner = lk_owner_new_from_json (owner, error)))
    return NULL;

  if (!lk_json_get_string (object, "expirationDate", LK_JSON_OPTIONAL, &expiration, NULL))
    lk_json_get_date_time (object, "expirationDate", LK_JSON_OPTIONAL, &self->expiration_date, NULL);
  else if (expiration != NULL)
    self->expiration_date = lk_json_parse_date_time (expiration);

  if (self->scopes == NULL)
    self->scopes = g_new0 (char *, 1);

  set_search_key (self);

  /* Only what the model does not read is kept: the whole parsed object
   * costs kilobytes a token, and tenants have 100,000 of them.
   */
  json_object_foreach_member (object, keep_unknown_member, self);

  return g_steal_pointer (&self);
}

/* The fast way through a token of a list (lk-json-splitter.c says why):
 * the members a tenant sends, each of the type it sends, strings without
 * escapes. Anything else, every error included, is left to json-glib and
 * lk_token_new_from_json(): NULL here only means "not this way". The fuzz
 * target "token-text" holds the two to the same token.
 */

typedef struct {
  const char *p;
  const char *end;
} Cursor;

static inline void
skip_space (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
    c->p++;
}

static inline gboolean
take (Cursor *c,
      char    wanted)
{
  skip_space (c);
  if (c->p < c->end && *c->p == wanted)
    {
      c->p++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
take_word (Cursor     *c,
           const char *word,
           gsize       length)
{
  skip_space (c);
  if ((gsize) (c->end - c->p) < length || memcmp (c->p, word, length) != 0)
    return FALSE;
  c->p += length;
  return TRUE;
}

/* A string with no escape and no control character, in valid UTF-8. */
static gboolean
take_plain_string (Cursor      *c,
                   const char **start,
                   gsize       *length)
{
  const char *s;

  if (!take (c, '"'))
    return FALSE;

  s = c->p;
  while (c->p < c->end && *c->p != '"')
    {
      if (*c->p == '\\' || (guchar) *c->p < 0x20)
        return FALSE;
      c->p++;
    }
  if (c->p == c->end)
    return FALSE;

  *start = s;
  *length = c->p - s;
  c->p++;
  return g_utf8_validate_len (s, *length, NULL);
}

static char *
take_string (Cursor *c)
{
  const char *start;
  gsize length;

  return take_plain_string (c, &start, &length) ? g_strndup (start, length) : NULL;
}

/* A string, or null (*value stays NULL). */
static gboolean
take_string_or_null (Cursor  *c,
                     char   **value)
{
  return take_word (c, "null", 4) || (*value = take_string (c)) != NULL;
}

/* A date as a string, read as json-glib's path reads it; null is no date. */
static gboolean
take_date_or_null (Cursor     *c,
                   GDateTime **value)
{
  char text[64];
  const char *start;
  gsize length;

  if (take_word (c, "null", 4))
    return TRUE;
  if (!take_plain_string (c, &start, &length) || length >= sizeof text)
    return FALSE;

  memcpy (text, start, length);
  text[length] = '\0';
  return (*value = lk_json_parse_date_time (text)) != NULL;
}

/* A whole number of at most 15 digits: no fraction, exponent or sign of doubt. */
static gboolean
take_int (Cursor *c,
          gint64 *value)
{
  const char *first;
  gboolean negative;
  gint64 result = 0;
  guint digits = 0;

  skip_space (c);
  negative = c->p < c->end && *c->p == '-';
  if (negative)
    c->p++;
  first = c->p;
  while (c->p < c->end && g_ascii_isdigit (*c->p) && digits < 16)
    {
      result = result * 10 + (*c->p - '0');
      c->p++;
      digits++;
    }
  /* "012" is not JSON; what follows a number is checked by the caller. */
  if (digits == 0 || digits > 15 || (digits > 1 && *first == '0'))
    return FALSE;

  *value = negative ? -result : result;
  return TRUE;
}

static gboolean
take_scopes (Cursor  *c,
             GStrv   *scopes)
{
  g_autoptr(GPtrArray) taken = NULL;

  if (take_word (c, "null", 4))
    return TRUE;
  if (!take (c, '['))
    return FALSE;

  taken = g_ptr_array_new_with_free_func (g_free);
  if (!take (c, ']'))
    {
      do
        {
          char *scope = take_string (c);

          if (scope == NULL)
            return FALSE;
          g_ptr_array_add (taken, scope);
        }
      while (take (c, ','));

      if (!take (c, ']'))
        return FALSE;
    }

  g_ptr_array_add (taken, NULL);
  g_ptr_array_set_free_func (taken, NULL);
  *scopes = (GStrv) g_ptr_array_free (g_steal_pointer (&taken), FALSE);
  return TRUE;
}

/* Which member a name is, in the order of the spec; each may come once. */
enum {
  MEMBER_ID = 1 << 0,
  MEMBER_NAME = 1 << 1,
  MEMBER_SCOPE = 1 << 2,
  MEMBER_OWNER = 1 << 3,
  MEMBER_CREATED = 1 << 4,
  MEMBER_LAST_USED = 1 << 5,
  MEMBER_MANAGED = 1 << 6,
  MEMBER_VALIDITY = 1 << 7,
  MEMBER_EXPIRATION = 1 << 8,
  MEMBER_TYPE = 1 << 9,      /* the owner's */
};

static guint
take_member_name (Cursor *c)
{
  static const struct {
    const char *name;
    guint       member;
  } members[] = {
    { "id", MEMBER_ID },
    { "name", MEMBER_NAME },
    { "scope", MEMBER_SCOPE },
    { "owner", MEMBER_OWNER },
    { "created", MEMBER_CREATED },
    { "lastUsed", MEMBER_LAST_USED },
    { "managed", MEMBER_MANAGED },
    { "accessTokenValiditySeconds", MEMBER_VALIDITY },
    { "expirationDate", MEMBER_EXPIRATION },
    { "type", MEMBER_TYPE },
  };
  const char *start;
  gsize length;

  if (!take_plain_string (c, &start, &length) || !take (c, ':'))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (strlen (members[i].name) == length && memcmp (members[i].name, start, length) == 0)
      return members[i].member;

  return 0;
}

/* PatOwner: its id, and its name and type when sent. */
static LkOwner *
take_owner (Cursor *c)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  guint seen = 0;

  if (!take (c, '{'))
    return NULL;

  do
    {
      guint member = take_member_name (c);
      char **value = member == MEMBER_ID ? &id : member == MEMBER_NAME ? &name : member == MEMBER_TYPE ? &kind : NULL;

      if (value == NULL || (seen & member) || !take_string_or_null (c, value))
        return NULL;
      seen |= member;
    }
  while (take (c, ','));

  if (!take (c, '}') || id == NULL)
    return NULL;

  return lk_owner_new_take (g_steal_pointer (&kind), g_steal_pointer (&id), g_steal_pointer (&name));
}

static gboolean
take_member (Cursor  *c,
             LkToken *self,
             guint   *seen)
{
  guint member = take_member_name (c);
  gboolean ok;

  if (member == 0 || (*seen & member))
    return FALSE;
  *seen |= member;

  switch (member)
    {
    case MEMBER_ID:
      return (self->id = take_string (c)) != NULL;
    case MEMBER_NAME:
      return (self->name = take_string (c)) != NULL;
    case MEMBER_SCOPE:
      return take_scopes (c, &self->scopes);
    case MEMBER_OWNER:
      return (self->owner = take_owner (c)) != NULL;
    case MEMBER_CREATED:
      return take_date_or_null (c, &self->created) && self->created != NULL;
    case MEMBER_LAST_USED:
      return take_date_or_null (c, &self->last_used);
    case MEMBER_EXPIRATION:
      /* A null one is passed on as sent, by the tree's way. */
      return take_date_or_null (c, &self->expiration_date) && self->expiration_date != NULL;
    case MEMBER_MANAGED:
      ok = take_word (c, "true", 4);
      self->managed = ok;
      return ok || take_word (c, "false", 5) || take_word (c, "null", 4);
    case MEMBER_VALIDITY:
      return take_word (c, "null", 4) || take_int (c, &self->access_token_validity);
    default:
      return FALSE;
    }
}

/**
 * lk_token_new_from_text:
 * @text: one GetPersonalAccessTokenResponse as JSON, such as an element of a list
 * @length: its length in bytes
 *
 * The token as lk_token_new_from_json() would make it, without a JSON tree,
 * for the usual token; %NULL for anything else (an unknown member, an
 * escape, an error), which lk_token_new_from_json() then reads or refuses.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL
 */
LkToken *
lk_token_new_from_text (const char *text,
                        gsize       length)
{
  g_autoptr(LkToken) self = g_object_new (LK_TYPE_TOKEN, NULL);
  Cursor c = { text, text + length };
  guint seen = 0;

  self->access_token_validity = 43200;
  if (!take (&c, '{'))
    return NULL;

  do
    if (!take_member (&c, self, &seen))
      return NULL;
  while (take (&c, ','));

  /* The object, then only white space; the required members there. */
  if (!take (&c, '}') || (skip_space (&c), c.p != c.end) ||
      self->id == NULL || self->name == NULL || self->owner == NULL || self->created == NULL)
    return NULL;

  if (self->scopes == NULL)
    self->scopes = g_new0 (char *, 1);
  set_search_key (self);
  return g_steal_pointer (&self);
}

static void
set_date_member (JsonObject *object,
                 const char *member,
                 GDateTime  *date)
{
  g_autofree char *text = date != NULL ? lk_json_format_date_time (date) : NULL;

  lk_json_set_string (object, member, text);
}

/**
 * lk_token_to_json:
 * @self: a #LkToken
 *
 * Returns: (transfer full): the token as a GetPersonalAccessTokenResponse,
 *   members unknown to this version included
 */
JsonObject *
lk_token_to_json (LkToken *self)
{
  JsonObject *object;
  JsonObject *owner = json_object_new ();

  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  /* As LkSyncGroup and LkPasswordPolicy do: what was kept, then this version's fields. */
  object = self->extras != NULL ? lk_json_copy_object (self->extras) : json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "name", self->name);
  lk_json_set_strv (object, "scope", (const char * const *) self->scopes);
  lk_json_set_string (owner, "type", lk_owner_get_kind (self->owner));
  lk_json_set_string (owner, "id", lk_owner_get_id (self->owner));
  lk_json_set_string (owner, "name", lk_owner_get_name (self->owner));
  json_object_set_object_member (object, "owner", owner);
  set_date_member (object, "created", self->created);
  set_date_member (object, "lastUsed", self->last_used);
  json_object_set_boolean_member (object, "managed", self->managed);
  json_object_set_int_member (object, "accessTokenValiditySeconds", self->access_token_validity);
  if (self->expiration_date != NULL)
    set_date_member (object, "expirationDate", self->expiration_date);

  return object;
}

static void
append_indent (GString *out,
               guint    indent)
{
  static const char spaces[] = "                                ";

  for (; indent > sizeof spaces - 1; indent -= sizeof spaces - 1)
    g_string_append_len (out, spaces, sizeof spaces - 1);
  g_string_append_len (out, spaces, indent);
}

/* A member's name, after a comma and on its own line. */
static void
append_member (GString    *out,
               guint       indent,
               const char *member)
{
  g_string_append (out, ",\n");
  append_indent (out, indent);
  lk_json_append_string (out, member);
  g_string_append (out, " : ");
}

/**
 * lk_token_append_json:
 * @self: a #LkToken
 * @out: where to write
 * @depth: how deep the object stands, for its indentation
 *
 * Writes the object lk_token_to_json() makes, laid out as json-glib's
 * pretty generator lays it out, without making it: latchkey-cli prints
 * 100,000 of them. A member unknown to this version is written compact.
 */
void
lk_token_append_json (LkToken *self,
                      GString *out,
                      guint    depth)
{
  guint indent = (depth + 1) * 2;
  gsize opening, opening_owner;

  g_return_if_fail (LK_IS_TOKEN (self));

  append_indent (out, depth * 2);
  g_string_append_c (out, '{');
  opening = out->len;
  if (self->extras != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (self->extras);

      for (GList *l = members; l != NULL; l = l->next)
        {
          append_member (out, indent, l->data);
          lk_json_append_node (out, json_object_get_member (self->extras, l->data));
        }
    }
  append_member (out, indent, "id");
  lk_json_append_string (out, self->id);
  append_member (out, indent, "name");
  lk_json_append_string (out, self->name);
  append_member (out, indent, "scope");
  if (self->scopes[0] == NULL)
    g_string_append (out, "[]");
  else
    {
      g_string_append_c (out, '[');
      for (guint i = 0; self->scopes[i] != NULL; i++)
        {
          g_string_append (out, i > 0 ? ",\n" : "\n");
          append_indent (out, indent + 2);
          lk_json_append_string (out, self->scopes[i]);
        }
      g_string_append_c (out, '\n');
      append_indent (out, indent);
      g_string_append_c (out, ']');
    }
  append_member (out, indent, "owner");
  g_string_append_c (out, '{');
  opening_owner = out->len;
  append_member (out, indent + 2, "type");
  lk_json_append_string (out, lk_owner_get_kind (self->owner));
  append_member (out, indent + 2, "id");
  lk_json_append_string (out, lk_owner_get_id (self->owner));
  append_member (out, indent + 2, "name");
  lk_json_append_string (out, lk_owner_get_name (self->owner));
  g_string_erase (out, opening_owner, 1);
  g_string_append_c (out, '\n');
  append_indent (out, indent);
  g_string_append_c (out, '}');
  append_member (out, indent, "created");
  lk_json_append_date_time (out, self->created);
  append_member (out, indent, "lastUsed");
  lk_json_append_date_time (out, self->last_used);
  append_member (out, indent, "managed");
  g_string_append (out, self->managed ? "true" : "false");
  append_member (out, indent, "accessTokenValiditySeconds");
  g_string_append_printf (out, "%" G_GINT64_FORMAT, self->access_token_validity);
  if (self->expiration_date != NULL)
    {
      append_member (out, indent, "expirationDate");
      lk_json_append_date_time (out, self->expiration_date);
    }
  /* The first member has no comma before it. */
  g_string_erase (out, opening, 1);
  g_string_append_c (out, '\n');
  append_indent (out, depth * 2);
  g_string_append_c (out, '}');
}

const char *
lk_token_get_id (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->id;
}

const char *
lk_token_get_name (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->name;
}

/**
 * lk_token_get_scopes:
 * @self: a #LkToken
 *
 * Returns: (transfer none): the scopes, empty when the tenant sent none
 */
const char * const *
lk_token_get_scopes (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return (const char * const *) self->scopes;
}

/**
 * lk_token_get_owner:
 * @self: a #LkToken
 *
 * Returns: (transfer none): the owner
 */
LkOwner *
lk_token_get_owner (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->owner;
}

/**
 * lk_token_get_created:
 * @self: a #LkToken
 *
 * Returns: (transfer none): when the token was made
 */
GDateTime *
lk_token_get_created (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->created;
}

/**
 * lk_token_get_last_used:
 * @self: a #LkToken
 *
 * Returns: (transfer none) (nullable): when it last made a bearer token, to the day; %NULL if never
 */
GDateTime *
lk_token_get_last_used (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->last_used;
}

gboolean
lk_token_get_managed (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), FALSE);

  return self->managed;
}

gint64
lk_token_get_access_token_validity (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), 0);

  return self->access_token_validity;
}

/**
 * lk_token_get_expiration_date:
 * @self: a #LkToken
 *
 * Returns: (transfer none) (nullable): when it expires; %NULL if never or unknown
 */
GDateTime *
lk_token_get_expiration_date (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->expiration_date;
}

/**
 * lk_token_get_tenant:
 * @self: a #LkToken
 *
 * Returns: (transfer none) (nullable): the tenant it was listed from, in a
 *   list of several tenants' tokens
 */
LkTenant *
lk_token_get_tenant (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->tenant;
}

/**
 * lk_token_set_tenant:
 * @self: a #LkToken
 * @tenant: (nullable): the tenant it was listed from
 *
 * A search then finds the token by its tenant's name too.
 */
void
lk_token_set_tenant (LkToken  *self,
                     LkTenant *tenant)
{
  g_return_if_fail (LK_IS_TOKEN (self));

  if (self->tenant == tenant)
    return;
  /* Set once, after the list is parsed: the tenant's name is added to the key. */
  if (self->tenant == NULL && tenant != NULL)
    {
      char *key = g_strconcat (self->search_key, "\n", lk_tenant_get_search_name (tenant), NULL);

      g_free (self->search_key);
      self->search_key = key;
      self->tenant = g_object_ref (tenant);
      return;
    }
  g_set_object (&self->tenant, tenant);
  g_clear_pointer (&self->search_key, g_free);
  set_search_key (self);
}

/**
 * lk_token_get_search_key:
 * @self: a #LkToken
 *
 * Returns: the name, the owner's name, the scopes and the tenant's name
 *   (if set), one per line, casefolded: what a search looks in
 */
const char *
lk_token_get_search_key (LkToken *self)
{
  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);

  return self->search_key;
}

/* " (rotated 2026-12-01)": what a successor's name ends in. */
#define ROTATED_PREFIX " (rotated "
/* Past that, the tenant's refusal says the name is taken. */
#define MAX_SUCCESSORS_A_DAY 1000

/* Whether @text is "YYYY-MM-DD)" or "YYYY-MM-DD, N)": the end of a rotated name. */
static gboolean
is_rotation_suffix (const char *text)
{
  for (guint i = 0; i < 10; i++)
    if (!(i == 4 || i == 7 ? text[i] == '-' : g_ascii_isdigit (text[i])))
      return FALSE;

  text += 10;
  if (g_str_has_prefix (text, ", ") && g_ascii_isdigit (text[2]))
    for (text += 2; g_ascii_isdigit (*text); text++)
      ;

  return g_str_equal (text, ")");
}

static gboolean
is_taken (GListModel *taken,
          const char *name)
{
  guint n = taken != NULL ? g_list_model_get_n_items (taken) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkToken) token = g_list_model_get_item (taken, i);

      if (g_strcmp0 (token->name, name) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * lk_token_successor_name:
 * @self: a #LkToken being rotated
 * @day: the day of the rotation
 * @taken: (nullable): the owner's tokens, whose names the successor's must not be
 *
 * The token's name with the day it was rotated, in place of an earlier
 * one: "CI deploy" and "CI deploy (rotated 2026-06-01)" both become
 * "CI deploy (rotated 2026-12-01)"; "CI deploy (rotated 2026-12-01, 2)"
 * when that is taken. ISC wants a name its owner has not used.
 *
 * Returns: (transfer full): the successor's name
 */
char *
lk_token_successor_name (LkToken    *self,
                         GDateTime  *day,
                         GListModel *taken)
{
  g_autofree char *date = NULL;
  const char *suffix;
  char *name;
  gsize length;

  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  length = strlen (self->name);
  suffix = g_strrstr (self->name, ROTATED_PREFIX);
  if (suffix != NULL && is_rotation_suffix (suffix + strlen (ROTATED_PREFIX)))
    length = suffix - self->name;

  date = g_date_time_format (day, "%Y-%m-%d");
  name = g_strdup_printf ("%.*s" ROTATED_PREFIX "%s)", (int) length, self->name, date);
  for (guint n = 2; n <= MAX_SUCCESSORS_A_DAY && is_taken (taken, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%.*s" ROTATED_PREFIX "%s, %u)", (int) length, self->name, date, n);
    }

  return name;
}

/**
 * lk_token_successor_expiration:
 * @self: a #LkToken being rotated
 * @now: the tenant's now
 *
 * The successor lives as long as the token did, from now: ISC's rule, at
 * most six months from creation, caps it.
 *
 * Returns: (transfer full) (nullable): when the successor expires, or
 *   %NULL for the tenant's default (six months)
 */
GDateTime *
lk_token_successor_expiration (LkToken   *self,
                               GDateTime *now)
{
  g_autoptr(GDateTime) most = NULL;
  g_autoptr(GDateTime) expires = NULL;
  GTimeSpan lifetime;

  g_return_val_if_fail (LK_IS_TOKEN (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (self->expiration_date == NULL)
    return NULL;

  lifetime = g_date_time_difference (self->expiration_date, self->created);
  if (lifetime <= 0)
    return NULL;

  expires = g_date_time_add (now, lifetime);
  most = g_date_time_add_months (now, 6);
  return g_date_time_compare (expires, most) > 0 ? g_steal_pointer (&most) : g_steal_pointer (&expires);
}

/**
 * lk_token_use_filter:
 * @use: which tokens
 * @since: (nullable): for %LK_TOKEN_USE_NOT_SINCE, the last time they may have been used
 *
 * The `filters` of GET /personal-access-tokens for @use, in the spec's
 * grammar: the one place it is written, for the app and the CLI.
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL for every token
 */
char *
lk_token_use_filter (LkTokenUse  use,
                     GDateTime  *since)
{
  g_autofree char *iso = NULL;

  switch (use)
    {
    case LK_TOKEN_USE_NEVER:
      return g_strdup ("lastUsed isnull");

    case LK_TOKEN_USE_NOT_SINCE:
      g_return_val_if_fail (since != NULL, NULL);
      iso = lk_json_format_date_time (since);
      return g_strdup_printf ("lastUsed le %s", iso);

    case LK_TOKEN_USE_ANY:
    default:
      return NULL;
    }
}
