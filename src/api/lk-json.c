/* lk-json.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-json"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lk-json.h"
#include "lk-limits.h"

/* Errors here are G_IO_ERROR_INVALID_DATA: callers decide whether that means
 * a bad response (client) or a bad request (sandbox).
 */

/* Returns FALSE only on error; *node is NULL when the member is absent or null. */
static gboolean
lookup (JsonObject   *object,
        const char   *member,
        LkJsonFlags   flags,
        JsonNode    **node,
        GError      **error)
{
  *node = json_object_get_member (object, member);

  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;

  if (*node == NULL && (flags & LK_JSON_REQUIRED))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The required field “%s” is missing"), member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
wrong_type (const char  *member,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: the second %s is a JSON type: a string, a number… */
               _("The field “%s” should be %s"), member, expected);
  return FALSE;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  if (type == JSON_TYPE_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (node);
  if (type == JSON_TYPE_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (node);

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The member's node when it is there and holds @type (a value's GType, or
 * JSON_TYPE_OBJECT or JSON_TYPE_ARRAY). TRUE and a NULL node when it is
 * absent or null; FALSE and a NULL node, with @error, when it is missing
 * but required or holds anything else, which is said to be @expected.
 */
static gboolean
lookup_typed (JsonObject   *object,
              const char   *member,
              LkJsonFlags   flags,
              GType         type,
              const char   *expected,
              JsonNode    **node,
              GError      **error)
{
  if (!lookup (object, member, flags, node, error))
    return FALSE;

  if (*node != NULL && !holds_type (*node, type))
    {
      *node = NULL;
      return wrong_type (member, expected, error);
    }

  return TRUE;
}

gboolean
lk_json_get_string (JsonObject   *object,
                    const char   *member,
                    LkJsonFlags   flags,
                    char        **value,
                    GError      **error)
{
  JsonNode *node;
  gboolean ok = lookup_typed (object, member, flags, G_TYPE_STRING, _("a string"), &node, error);

  *value = node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
  return ok;
}

gboolean
lk_json_get_int (JsonObject   *object,
                 const char   *member,
                 LkJsonFlags   flags,
                 gint64        default_value,
                 gint64       *value,
                 GError      **error)
{
  JsonNode *node;
  gboolean ok = lookup_typed (object, member, flags, G_TYPE_INT64, _("a whole number"), &node, error);

  *value = node != NULL ? json_node_get_int (node) : default_value;
  return ok;
}

gboolean
lk_json_get_boolean (JsonObject   *object,
                     const char   *member,
                     LkJsonFlags   flags,
                     gboolean     *value,
                     GError      **error)
{
  JsonNode *node;
  gboolean ok = lookup_typed (object, member, flags, G_TYPE_BOOLEAN, _("true or false"), &node, error);

  *value = node != NULL ? json_node_get_boolean (node) : FALSE;
  return ok;
}

gboolean
lk_json_get_object (JsonObject   *object,
                    const char   *member,
                    LkJsonFlags   flags,
                    JsonObject  **value,
                    GError      **error)
{
  JsonNode *node;
  gboolean ok = lookup_typed (object, member, flags, JSON_TYPE_OBJECT, _("an object"), &node, error);

  *value = node != NULL ? json_node_get_object (node) : NULL;
  return ok;
}

gboolean
lk_json_get_array (JsonObject   *object,
                   const char   *member,
                   LkJsonFlags   flags,
                   JsonArray   **value,
                   GError      **error)
{
  JsonNode *node;
  gboolean ok = lookup_typed (object, member, flags, JSON_TYPE_ARRAY, _("a list"), &node, error);

  *value = node != NULL ? json_node_get_array (node) : NULL;
  return ok;
}

gboolean
lk_json_get_strv (JsonObject   *object,
                  const char   *member,
                  LkJsonFlags   flags,
                  GStrv        *value,
                  GError      **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *node;
  JsonArray *array;

  *value = NULL;

  if (!lookup_typed (object, member, flags, JSON_TYPE_ARRAY, _("a list of strings"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds_type (element, G_TYPE_STRING))
        return wrong_type (member, _("a list of strings"), error);

      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *value = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * lk_json_parse_date_time:
 * @text: an ISO 8601 date-time, or epoch milliseconds as digits
 *
 * ISC sends `dateCreated` of password policies as epoch milliseconds although
 * the v3 spec says date-time; both are accepted wherever a date is read.
 *
 * Returns: (transfer full) (nullable): the time in UTC
 */
GDateTime *
lk_json_parse_date_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gboolean all_digits = text != NULL && *text != '\0';

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p; p++)
    all_digits &= g_ascii_isdigit (*p);

  if (all_digits)
    {
      g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
      guint64 millis;

      if (!lk_parse_unsigned (text, 0, G_MAXINT64 / 1000, &millis))
        return NULL;
      return g_date_time_add (epoch, (GTimeSpan) millis * 1000);
    }

  return g_date_time_new_from_iso8601 (text, utc);
}

gboolean
lk_json_get_date_time (JsonObject   *object,
                       const char   *member,
                       LkJsonFlags   flags,
                       GDateTime   **value,
                       GError      **error)
{
  JsonNode *node;

  *value = NULL;

  if (!lookup (object, member, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (holds_type (node, G_TYPE_INT64))
    {
      g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      *value = json_node_get_int (node) >= 0 ? lk_json_parse_date_time (digits) : NULL;
    }
  else if (holds_type (node, G_TYPE_STRING))
    {
      *value = lk_json_parse_date_time (json_node_get_string (node));
    }

  if (*value == NULL)
    return wrong_type (member, _("a date and time"), error);

  return TRUE;
}

/**
 * lk_json_format_date_time:
 * @date_time: a time
 *
 * Returns: (transfer full): @date_time in UTC, to the millisecond, as ISC writes it
 */
char *
lk_json_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date_time);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/* As JSON, onto @out: a string with its escapes, or null. */
void
lk_json_append_string (GString    *out,
                       const char *value)
{
  const char *run;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  run = value;
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c != '"' && c != '\\' && c >= 0x20 && c != 0x7f)
        continue;

      /* What needs no escape goes in runs: names and dates are all of it. */
      g_string_append_len (out, run, p - run);
      run = p + 1;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
  g_string_append_len (out, run, strlen (run));
  g_string_append_c (out, '"');
}

static void
append_digits (GString *out,
               int      value,
               guint    width)
{
  char digits[8];

  for (guint i = width; i > 0; i--, value /= 10)
    digits[i - 1] = '0' + value % 10;
  g_string_append_len (out, digits, width);
}

/**
 * lk_json_append_node:
 * @out: where to write
 * @node: any JSON value
 *
 * @node as compact JSON. Not json-glib's generator: json-glib 1.6 writes
 * 3E96 as "3e+96.0", which is not JSON.
 */
void
lk_json_append_node (GString  *out,
                     JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;
      gboolean first = TRUE;

      g_string_append_c (out, '{');
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &value))
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          lk_json_append_string (out, member);
          g_string_append_c (out, ':');
          lk_json_append_node (out, value);
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          lk_json_append_node (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    lk_json_append_string (out, json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      /* Exactly the double, read back; a whole one still reads as a double. */
      g_ascii_dtostr (number, sizeof number, json_node_get_double (node));
      g_string_append (out, number);
      if (strpbrk (number, ".eE") == NULL)
        g_string_append (out, ".0");
    }
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
}

/* As lk_json_format_date_time() writes it, onto @out, or null: without its
 * allocations and printf, for lists of 100,000.
 */
void
lk_json_append_date_time (GString   *out,
                          GDateTime *value)
{
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  if (g_date_time_get_utc_offset (value) != 0)
    value = utc = g_date_time_to_utc (value);
  g_date_time_get_ymd (value, &year, &month, &day);
  /* The year unpadded, as g_date_time_format()'s %Y. */
  g_string_append_c (out, '"');
  if (year >= 1000)
    append_digits (out, year, 4);
  else
    g_string_append_printf (out, "%d", year);
  g_string_append_c (out, '-');
  append_digits (out, month, 2);
  g_string_append_c (out, '-');
  append_digits (out, day, 2);
  g_string_append_c (out, 'T');
  append_digits (out, g_date_time_get_hour (value), 2);
  g_string_append_c (out, ':');
  append_digits (out, g_date_time_get_minute (value), 2);
  g_string_append_c (out, ':');
  append_digits (out, g_date_time_get_second (value), 2);
  g_string_append_c (out, '.');
  append_digits (out, g_date_time_get_microsecond (value) / 1000, 3);
  g_string_append (out, "Z\"");
}

void
lk_json_set_string (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value == NULL)
    json_object_set_null_member (object, member);
  else
    json_object_set_string_member (object, member, value);
}

void
lk_json_set_strv (JsonObject         *object,
                  const char         *member,
                  const char * const *value)
{
  JsonArray *array;

  if (value == NULL)
    {
      json_object_set_null_member (object, member);
      return;
    }

  array = json_array_new ();
  for (guint i = 0; value[i] != NULL; i++)
    json_array_add_string_element (array, value[i]);
  json_object_set_array_member (object, member, array);
}

void
lk_json_set_date_time (JsonObject *object,
                       const char *member,
                       GDateTime  *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    {
      json_object_set_null_member (object, member);
      return;
    }

  text = lk_json_format_date_time (value);
  json_object_set_string_member (object, member, text);
}

/**
 * lk_json_deep_copy:
 * @node: a node
 *
 * json_node_copy() shares the objects and arrays inside; this copies them.
 *
 * Returns: (transfer full): a copy that shares nothing with @node
 */
JsonNode *
lk_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(JsonObject) object_copy = json_object_new ();
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &member, &value))
          json_object_set_member (object_copy, member, lk_json_deep_copy (value));

        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (copy, object_copy);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, lk_json_deep_copy (json_array_get_element (array, i)));

        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/**
 * lk_json_copy_object:
 * @object: an object
 *
 * Returns: (transfer full): a deep copy of @object
 */
JsonObject *
lk_json_copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = lk_json_deep_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/* json-glib recurses once per level of nesting: a deep enough document
 * overflows the stack before it reports anything. So the depth is counted
 * first, skipping over strings, whose brackets do not count.
 */
static gboolean
check_depth (const char  *data,
             gsize        size,
             GError     **error)
{
  const char *p = data, *end = data + size;
  guint depth = 0;

  while (p < end)
    {
      switch (*p++)
        {
        case '"':
          for (;;)
            {
              const char *quote = memchr (p, '"', (gsize) (end - p));
              gsize backslashes = 0;

              /* Unterminated: the parser says so. */
              if (quote == NULL)
                return TRUE;
              for (const char *b = quote; b > p && b[-1] == '\\'; b--)
                backslashes++;
              p = quote + 1;
              if (backslashes % 2 == 0)
                break;
            }
          break;

        case '[':
        case '{':
          if (++depth > LK_LIMIT_JSON_DEPTH)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The JSON nests deeper than %d levels"), LK_LIMIT_JSON_DEPTH);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          depth = depth > 0 ? depth - 1 : 0;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/* json-glib says "<data>:1:416: Parse error: unexpected character": said
 * here in words, with where it is.
 */
static void
set_parse_error (GError      **error,
                 const GError *json_error)
{
  const char *message = json_error->message;
  const char *what;
  guint line = 0;
  guint column = 0;

  if (sscanf (message, "<data>:%u:%u:", &line, &column) == 2 && (what = strstr (message, ": ")) != NULL)
    {
      what = strstr (what + 2, ": ") ? strstr (what + 2, ": ") + 2 : what + 2;
      /* "scanner: unterminated string constant": the scanner is json-glib's business. */
      if (g_str_has_prefix (what, "scanner: "))
        what += strlen ("scanner: ");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The body is not valid JSON: %s (line %u, character %u)"), what, line, column);
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The body is not valid JSON: %s"), message);
}

/* Every name and string of @node in UTF-8 (json-glib 1.6 reads escapes
 * such as "\206", not JSON, into bytes that are not), every number finite.
 * Nested no deeper than check_depth() let through.
 */
static gboolean
check_values (JsonNode  *node,
            GError   **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &value))
        if (!g_utf8_validate (member, -1, NULL) || !check_values (value, error))
          {
            if (error != NULL && *error == NULL)
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The body has a name that is not valid UTF-8 text"));
            return FALSE;
          }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!check_values (json_array_get_element (array, i), error))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           !g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The body has a string that is not valid UTF-8 text"));
      return FALSE;
    }
  /* 1E999 reads as infinity, which no JSON can say again ("inf.0"). */
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE &&
           !isfinite (json_node_get_double (node)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The body has a number too large to be read"));
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
parse_bytes (GBytes    *bytes,
             gboolean   immutable,
             GError   **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;

  if (size > LK_LIMIT_ANSWER_BYTES)
    {
      g_autofree char *most = g_format_size_full (LK_LIMIT_ANSWER_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, _("The JSON is larger than %s"), most);
      return NULL;
    }

  if (size == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The body is empty"));
      return NULL;
    }

  /* JSON is UTF-8, and json-glib 1.6 does not check it: text that is not
   * would reach labels, files and latchkey-cli's output as it came.
   */
  {
    const char *end;

    if (!g_utf8_validate_len (data, size, &end))
      {
        g_autofree char *byte = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) (end - data) + 1);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     /* Translators: %s is a number */
                     _("The body is not valid UTF-8 text, at byte %s"), byte);
        return NULL;
      }
  }

  if (!check_depth (data, size, error))
    return NULL;

  parser = immutable ? json_parser_new_immutable () : json_parser_new ();
  if (!json_parser_load_from_data (parser, data, size, &json_error))
    {
      set_parse_error (error, json_error);
      return NULL;
    }

  /* json-glib takes nothing but white space for a document with no value. */
  if (!(root = json_parser_steal_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The body is empty"));
      return NULL;
    }

  if (!check_values (root, error))
    {
      json_node_unref (root);
      return NULL;
    }

  return root;
}

JsonNode *
lk_json_parse_bytes (GBytes  *bytes,
                     GError **error)
{
  return parse_bytes (bytes, TRUE, error);
}

JsonObject *
lk_json_parse_object (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(JsonNode) root = lk_json_parse_bytes (bytes, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The body is not a JSON object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static JsonArray *
parse_array (GBytes    *bytes,
             gboolean   immutable,
             GError   **error)
{
  g_autoptr(JsonNode) root = parse_bytes (bytes, immutable, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The body is not a JSON array"));
      return NULL;
    }

  return json_array_ref (json_node_get_array (root));
}

GBytes *
lk_json_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

JsonArray *
lk_json_parse_array (GBytes  *bytes,
                     GError **error)
{
  return parse_array (bytes, TRUE, error);
}

/**
 * lk_json_parse_large_array:
 * @bytes: a JSON array
 * @error: a location for a #GError
 *
 * As lk_json_parse_array(), for an array that is read once, where it was
 * parsed, and dropped: its nodes are not sealed. Sealing 100,000 tokens
 * costs a fifth of their parse, and nothing shares them.
 *
 * Returns: (transfer full) (nullable): the array
 */
JsonArray *
lk_json_parse_large_array (GBytes  *bytes,
                           GError **error)
{
  return parse_array (bytes, FALSE, error);
}

/* Whether @text is missing, empty or only white space. */
gboolean
lk_json_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/**
 * lk_json_same_member:
 * @a: an object
 * @b: another
 * @member: a member name
 *
 * Returns: whether @member is missing from both, or the same value in both
 */
gboolean
lk_json_same_member (JsonObject *a,
                     JsonObject *b,
                     const char *member)
{
  JsonNode *x = json_object_get_member (a, member);
  JsonNode *y = json_object_get_member (b, member);

  if (x == NULL || y == NULL)
    return x == y;

  return json_node_equal (x, y);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/**
 * lk_json_diff_members:
 * @a: an object
 * @b: another
 * @ignored: (nullable) (array zero-terminated=1): members not compared (the tenant's stamps)
 *
 * Returns: (transfer full) (element-type utf8): the names of the members
 *   that differ, missing on one side included, sorted
 */
GPtrArray *
lk_json_diff_members (JsonObject         *a,
                      JsonObject         *b,
                      const char * const *ignored)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *differing = g_ptr_array_new_with_free_func (g_free);
  JsonObject *sides[] = { a, b };
  GHashTableIter iter;
  gpointer name;

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autoptr(GList) members = json_object_get_members (sides[i]);

      for (const GList *l = members; l != NULL; l = l->next)
        g_hash_table_add (names, l->data);
    }

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if ((ignored == NULL || !g_strv_contains (ignored, name)) && !lk_json_same_member (a, b, name))
      g_ptr_array_add (differing, g_strdup (name));

  g_ptr_array_sort (differing, compare_names);
  return differing;
}

/**
 * lk_json_node_to_text:
 * @node: (nullable): a value
 *
 * Returns: (transfer full): @node as compact JSON, "—" for none
 */
char *
lk_json_node_to_text (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (node == NULL)
    g_string_append (out, "—");
  else
    lk_json_append_node (out, node);

  return g_string_free (out, FALSE);
}

/* GLib 2.74's g_ascii_string_to_unsigned() reads errno after
 * g_ascii_strtoull(), whose first call initialises a C locale in a
 * g_once: a thread that waits there on a futex comes back with errno set,
 * and "1" is refused. Seen from latchkey-cli's main thread, with GDBus's
 * worker thread starting beside it. These read digits alone.
 */

/**
 * lk_parse_unsigned:
 * @text: decimal digits, nothing else
 * @min: the smallest value allowed
 * @max: the largest
 * @value: (out): the number
 *
 * Returns: whether @text is a number from @min to @max
 */
gboolean
lk_parse_unsigned (const char *text,
                   guint64     min,
                   guint64     max,
                   guint64    *value)
{
  guint64 number = 0;

  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      guint digit = (guint) (*p - '0');

      if (!g_ascii_isdigit (*p) || number > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      number = number * 10 + digit;
    }

  if (number < min || number > max)
    return FALSE;

  *value = number;
  return TRUE;
}

/**
 * lk_parse_signed:
 * @text: decimal digits, a minus sign first if negative
 * @value: (out): the number
 *
 * Returns: whether @text is a number a #gint64 holds
 */
gboolean
lk_parse_signed (const char *text,
                 gint64     *value)
{
  gboolean negative = text != NULL && text[0] == '-';
  guint64 magnitude;

  if (!lk_parse_unsigned (negative ? text + 1 : text, 0, negative ? (guint64) G_MAXINT64 + 1 : G_MAXINT64,
                          &magnitude))
    return FALSE;

  *value = negative ? (gint64) (0 - magnitude) : (gint64) magnitude;
  return TRUE;
}
