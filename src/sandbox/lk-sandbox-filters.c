/* lk-sandbox-filters.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sandbox"

#include "config.h"

#include <string.h>

#include "lk-json.h"
#include "lk-sandbox-private.h"

/* ISC's standard collection parameters, as its documentation gives them:
 * `filters` such as `name sw "Act" and (type eq "LDAP" or authoritative eq
 * true)`, with eq ne gt ge lt le sw co in isnull ca and not, and `sorters`
 * such as `-created,name`. Each collection says which fields and operators
 * it takes; anything else is a 400, as on a tenant. Strings compare without
 * regard to case.
 */

#define MAX_FILTER_DEPTH 16
#define MAX_FILTER_TERMS 64

typedef enum {
  NODE_AND,
  NODE_OR,
  NODE_NOT,
  NODE_COMPARE,
} NodeKind;

struct _SbFilter
{
  NodeKind   kind;
  SbFilter  *left;
  SbFilter  *right;
  char      *field;
  char      *op;
  GPtrArray *values;   /* JsonNode: one, or the list of "in" */
};

typedef struct {
  const char          *text;
  const char          *p;
  const SbFilterField *fields;
  guint                depth;
  guint                terms;
  GError             **error;
} Parser;

void
_lk_sandbox_filter_free (SbFilter *filter)
{
  if (filter == NULL)
    return;

  _lk_sandbox_filter_free (filter->left);
  _lk_sandbox_filter_free (filter->right);
  g_free (filter->field);
  g_free (filter->op);
  g_clear_pointer (&filter->values, g_ptr_array_unref);
  g_free (filter);
}

static gboolean
fail (Parser     *parser,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Parser     *parser,
      const char *format,
      ...)
{
  va_list args;

  if (parser->error != NULL && *parser->error == NULL)
    {
      va_start (args, format);
      *parser->error = g_error_new_valist (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, format, args);
      va_end (args);
    }

  return FALSE;
}

static void
skip_spaces (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

/* A bare word: a field, an operator, true, false, null, a number. */
static char *
read_word (Parser *parser)
{
  const char *start;

  skip_spaces (parser);
  start = parser->p;
  while (g_ascii_isalnum (*parser->p) || strchr ("._-:+", *parser->p) != NULL)
    parser->p++;

  return parser->p > start ? g_strndup (start, parser->p - start) : NULL;
}

static gboolean
next_is (Parser     *parser,
         const char *word)
{
  gsize length = strlen (word);

  skip_spaces (parser);
  if (g_ascii_strncasecmp (parser->p, word, length) != 0 ||
      g_ascii_isalnum (parser->p[length]) || parser->p[length] == '_')
    return FALSE;

  parser->p += length;
  return TRUE;
}

static JsonNode *
read_value (Parser *parser)
{
  g_autofree char *word = NULL;

  skip_spaces (parser);
  if (*parser->p == '"')
    {
      GString *text = g_string_new (NULL);

      for (parser->p++; *parser->p != '"'; parser->p++)
        {
          if (*parser->p == '\0')
            {
              g_string_free (text, TRUE);
              fail (parser, "The filter '%s' has a string that does not end.", parser->text);
              return NULL;
            }
          if (*parser->p == '\\' && parser->p[1] != '\0')
            parser->p++;
          g_string_append_c (text, *parser->p);
        }
      parser->p++;
      {
        g_autofree char *string = g_string_free (text, FALSE);

        return json_node_init_string (json_node_alloc (), string);
      }
    }

  if ((word = read_word (parser)) == NULL)
    {
      fail (parser, "The filter '%s' has no value where one is expected.", parser->text);
      return NULL;
    }

  if (g_str_equal (word, "true") || g_str_equal (word, "false"))
    return json_node_init_boolean (json_node_alloc (), g_str_equal (word, "true"));
  if (g_str_equal (word, "null"))
    return json_node_init_null (json_node_alloc ());

  {
    gint64 number;

    if (lk_parse_signed (word, &number))
      return json_node_init_int (json_node_alloc (), number);
  }

  fail (parser, "The filter '%s' has '%s' where a value is expected: strings are quoted.", parser->text, word);
  return NULL;
}

static const SbFilterField *
find_field (const SbFilterField *fields,
            const char          *name)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];

  return NULL;
}

static gboolean
field_takes (const SbFilterField *field,
             const char          *op)
{
  g_auto(GStrv) ops = g_strsplit (field->ops, " ", -1);

  return g_strv_contains ((const char * const *) ops, op);
}

static SbFilter *parse_or (Parser *parser);

static SbFilter *
parse_comparison (Parser *parser)
{
  g_autofree char *name = read_word (parser);
  g_autofree char *op = NULL;
  const SbFilterField *field;
  SbFilter *filter;

  if (name == NULL)
    {
      fail (parser, "The filter '%s' has no field where one is expected.", parser->text);
      return NULL;
    }
  if ((field = find_field (parser->fields, name)) == NULL)
    {
      fail (parser, "The filter '%s' is not supported: it cannot filter on '%s'.", parser->text, name);
      return NULL;
    }

  op = read_word (parser);
  if (op == NULL || !field_takes (field, op))
    {
      fail (parser, "The filter '%s' is not supported: '%s' takes %s.", parser->text, name, field->ops);
      return NULL;
    }

  if (++parser->terms > MAX_FILTER_TERMS)
    {
      fail (parser, "The filter '%s' has more than %u terms.", parser->text, MAX_FILTER_TERMS);
      return NULL;
    }

  filter = g_new0 (SbFilter, 1);
  filter->kind = NODE_COMPARE;
  filter->field = g_strdup (name);
  filter->op = g_strdup (op);
  filter->values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  if (g_str_equal (op, "isnull"))
    return filter;

  if (g_str_equal (op, "in"))
    {
      skip_spaces (parser);
      if (*parser->p != '(')
        {
          _lk_sandbox_filter_free (filter);
          fail (parser, "The filter '%s' needs a list in parentheses after 'in'.", parser->text);
          return NULL;
        }
      parser->p++;
      do
        {
          JsonNode *value = read_value (parser);

          if (value == NULL)
            {
              _lk_sandbox_filter_free (filter);
              return NULL;
            }
          g_ptr_array_add (filter->values, value);
          skip_spaces (parser);
        }
      while (*parser->p == ',' && parser->p++);

      if (*parser->p != ')')
        {
          _lk_sandbox_filter_free (filter);
          fail (parser, "The filter '%s' has a list that does not end.", parser->text);
          return NULL;
        }
      parser->p++;
      return filter;
    }

  {
    JsonNode *value = read_value (parser);

    if (value == NULL)
      {
        _lk_sandbox_filter_free (filter);
        return NULL;
      }
    g_ptr_array_add (filter->values, value);
  }

  return filter;
}

static SbFilter *
node_new (NodeKind  kind,
          SbFilter *left,
          SbFilter *right)
{
  SbFilter *filter = g_new0 (SbFilter, 1);

  filter->kind = kind;
  filter->left = left;
  filter->right = right;
  return filter;
}

static SbFilter *
parse_term (Parser *parser)
{
  SbFilter *inner;

  if (++parser->depth > MAX_FILTER_DEPTH)
    {
      fail (parser, "The filter '%s' nests deeper than %u.", parser->text, MAX_FILTER_DEPTH);
      return NULL;
    }

  if (next_is (parser, "not"))
    {
      inner = parse_term (parser);
      parser->depth--;
      return inner != NULL ? node_new (NODE_NOT, inner, NULL) : NULL;
    }

  skip_spaces (parser);
  if (*parser->p == '(')
    {
      parser->p++;
      inner = parse_or (parser);
      skip_spaces (parser);
      if (inner != NULL && *parser->p != ')')
        {
          _lk_sandbox_filter_free (inner);
          fail (parser, "The filter '%s' has a parenthesis that does not close.", parser->text);
          return NULL;
        }
      if (inner != NULL)
        parser->p++;
      parser->depth--;
      return inner;
    }

  inner = parse_comparison (parser);
  parser->depth--;
  return inner;
}

static SbFilter *
parse_and (Parser *parser)
{
  SbFilter *left = parse_term (parser);

  while (left != NULL && next_is (parser, "and"))
    {
      SbFilter *right = parse_term (parser);

      if (right == NULL)
        {
          _lk_sandbox_filter_free (left);
          return NULL;
        }
      left = node_new (NODE_AND, left, right);
    }

  return left;
}

static SbFilter *
parse_or (Parser *parser)
{
  SbFilter *left = parse_and (parser);

  while (left != NULL && next_is (parser, "or"))
    {
      SbFilter *right = parse_and (parser);

      if (right == NULL)
        {
          _lk_sandbox_filter_free (left);
          return NULL;
        }
      left = node_new (NODE_OR, left, right);
    }

  return left;
}

/**
 * _lk_sandbox_parse_filters:
 * @text: the `filters` parameter
 * @fields: what the collection filters on, ended by an empty entry
 * @error: a location for a #GError: what the 400 says
 *
 * Returns: (transfer full) (nullable): the filter, or %NULL with @error set
 */
SbFilter *
_lk_sandbox_parse_filters (const char           *text,
                           const SbFilterField  *fields,
                           GError              **error)
{
  Parser parser = { text, text, fields, 0, 0, error };
  SbFilter *filter = parse_or (&parser);

  skip_spaces (&parser);
  if (filter != NULL && *parser.p != '\0')
    {
      _lk_sandbox_filter_free (filter);
      fail (&parser, "The filter '%s' is not supported: it does not end at '%s'.", text, parser.p);
      return NULL;
    }

  return filter;
}

/* The member at a dotted path, such as owner.id; NULL when there is none. */
static JsonNode *
member_at (JsonObject *object,
           const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL || (node = json_object_get_member (object, parts[i])) == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* <0, 0 or >0; strings without regard to case. */
static int
compare_values (JsonNode *member,
                JsonNode *value)
{
  if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING &&
      JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      g_autofree char *a = g_utf8_casefold (json_node_get_string (member), -1);
      g_autofree char *b = g_utf8_casefold (json_node_get_string (value), -1);

      if (strcmp (a, b) == 0)
        return 0;
      return g_utf8_collate (a, b) < 0 ? -1 : 1;
    }

  if (JSON_NODE_HOLDS_VALUE (member) && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (member) == json_node_get_value_type (value))
    {
      if (json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (member) - json_node_get_boolean (value);
      if (json_node_get_value_type (member) == G_TYPE_INT64)
        return (json_node_get_int (member) > json_node_get_int (value)) -
               (json_node_get_int (member) < json_node_get_int (value));
    }

  /* Different kinds never match. */
  return G_MAXINT;
}

static gboolean
text_test (JsonNode   *member,
           JsonNode   *value,
           gboolean    starts)
{
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING ||
      !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return FALSE;

  haystack = g_utf8_casefold (json_node_get_string (member), -1);
  needle = g_utf8_casefold (json_node_get_string (value), -1);
  return starts ? g_str_has_prefix (haystack, needle) : strstr (haystack, needle) != NULL;
}

static gboolean
compare_matches (SbFilter   *filter,
                 JsonObject *object)
{
  JsonNode *member = member_at (object, filter->field);
  JsonNode *value = filter->values->len > 0 ? g_ptr_array_index (filter->values, 0) : NULL;
  const char *op = filter->op;
  int order;

  if (g_str_equal (op, "isnull"))
    return member == NULL;
  if (member == NULL)
    return g_str_equal (op, "ne");

  /* A list member: "ca" (contains all) and "co" look inside it. */
  if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint v = 0; v < filter->values->len; v++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < json_array_get_length (array) && !found; i++)
            found = compare_values (json_array_get_element (array, i), g_ptr_array_index (filter->values, v)) == 0;
          if (!found)
            return FALSE;
        }
      return g_str_equal (op, "ca") || g_str_equal (op, "co");
    }

  if (g_str_equal (op, "in"))
    {
      for (guint i = 0; i < filter->values->len; i++)
        if (compare_values (member, g_ptr_array_index (filter->values, i)) == 0)
          return TRUE;
      return FALSE;
    }
  if (g_str_equal (op, "sw") || g_str_equal (op, "co"))
    return text_test (member, value, g_str_equal (op, "sw"));

  order = compare_values (member, value);
  if (order == G_MAXINT)
    return g_str_equal (op, "ne");
  if (g_str_equal (op, "eq"))
    return order == 0;
  if (g_str_equal (op, "ne"))
    return order != 0;
  if (g_str_equal (op, "gt"))
    return order > 0;
  if (g_str_equal (op, "ge"))
    return order >= 0;
  if (g_str_equal (op, "lt"))
    return order < 0;
  if (g_str_equal (op, "le"))
    return order <= 0;

  return FALSE;
}

/**
 * _lk_sandbox_filter_matches:
 * @filter: (nullable): a filter; %NULL matches everything
 * @object: what to test, with the filter's fields as members
 */
gboolean
_lk_sandbox_filter_matches (SbFilter   *filter,
                            JsonObject *object)
{
  if (filter == NULL)
    return TRUE;

  switch (filter->kind)
    {
    case NODE_AND:
      return _lk_sandbox_filter_matches (filter->left, object) && _lk_sandbox_filter_matches (filter->right, object);
    case NODE_OR:
      return _lk_sandbox_filter_matches (filter->left, object) || _lk_sandbox_filter_matches (filter->right, object);
    case NODE_NOT:
      return !_lk_sandbox_filter_matches (filter->left, object);
    case NODE_COMPARE:
    default:
      return compare_matches (filter, object);
    }
}

typedef struct {
  GStrv     fields;
  gboolean *descending;
} Sorting;

static int
compare_by_sorting (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  Sorting *sorting = user_data;
  JsonObject *x = *(JsonObject **) a, *y = *(JsonObject **) b;

  for (guint i = 0; sorting->fields[i] != NULL; i++)
    {
      JsonNode *mx = member_at (x, sorting->fields[i]);
      JsonNode *my = member_at (y, sorting->fields[i]);
      int order;

      /* Missing values last, whichever the direction. */
      if (mx == NULL || my == NULL)
        order = (mx == NULL) - (my == NULL);
      else if ((order = compare_values (mx, my)) == G_MAXINT)
        order = 0;
      else if (sorting->descending[i])
        order = -order;

      if (order != 0)
        return order;
    }

  return 0;
}

/**
 * _lk_sandbox_sort:
 * @objects: JsonObjects, sorted in place
 * @sorters: (nullable): the `sorters` parameter, such as `-created,name`
 * @allowed: the fields the collection sorts by
 * @error: a location for a #GError: what the 400 says
 */
gboolean
_lk_sandbox_sort (GPtrArray           *objects,
                  const char          *sorters,
                  const char * const  *allowed,
                  GError             **error)
{
  g_auto(GStrv) fields = NULL;
  g_autofree gboolean *descending = NULL;
  Sorting sorting;

  if (sorters == NULL || *sorters == '\0')
    return TRUE;

  fields = g_strsplit (sorters, ",", 8);
  descending = g_new0 (gboolean, g_strv_length (fields));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_strstrip (fields[i]);
      if (fields[i][0] == '-')
        {
          descending[i] = TRUE;
          memmove (fields[i], fields[i] + 1, strlen (fields[i]));
        }
      if (!g_strv_contains (allowed, fields[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "The sorter '%s' is not supported: it cannot sort by '%s'.", sorters, fields[i]);
          return FALSE;
        }
    }

  sorting.fields = fields;
  sorting.descending = descending;
  g_ptr_array_sort_with_data (objects, compare_by_sorting, &sorting);
  return TRUE;
}
