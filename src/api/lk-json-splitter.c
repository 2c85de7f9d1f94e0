/* lk-json-splitter.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-json"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "lk-json-splitter.h"

/* A JSON array cut into its elements as its bytes arrive, so that a list of
 * 100,000 tokens is never one tree in memory. Why a hand-written scanner:
 * json-glib 1.6 only parses whole documents (its tree of a 37 MB list takes
 * ten times that), and Debian's one streaming C parser, yajl, has had no
 * release since 2014 and is not in the GNOME runtime. The scanner does the
 * least that finds an element's end: strings (with their escapes) and
 * brackets; a comment, which json-glib allows, is refused, as it could
 * hide a bracket. It does not check an element: whoever reads the element does,
 * so a document is valid exactly when the split succeeds and every element
 * reads. tests/fuzz (target "json-splitter") holds it to json-glib.
 */

typedef enum {
  EXPECT_ARRAY,    /* white space, then "[" */
  EXPECT_FIRST,    /* white space, then an element or "]" */
  EXPECT_ELEMENT,  /* after a comma: white space, then an element */
  IN_ELEMENT,
  EXPECT_COMMA,    /* white space, then "," or "]" */
  DONE,            /* white space only */
} State;

struct _LkJsonSplitter
{
  LkJsonElementFunc  func;
  gpointer           user_data;
  State              state;
  gsize              depth;       /* brackets open within the element */
  gboolean           in_string;
  gboolean           escaped;
  gboolean           scalar;      /* a number or a literal: ends where white space, "," or "]" begins */
  GByteArray        *carry;       /* the element so far, when it began in an earlier chunk */
  guint64            fed;         /* bytes before the current chunk, for messages */
  guint              n_elements;
};

LkJsonSplitter *
lk_json_splitter_new (LkJsonElementFunc func,
                      gpointer          user_data)
{
  LkJsonSplitter *self = g_new0 (LkJsonSplitter, 1);

  self->func = func;
  self->user_data = user_data;
  self->carry = g_byte_array_new ();
  return self;
}

void
lk_json_splitter_free (LkJsonSplitter *self)
{
  if (self == NULL)
    return;

  g_byte_array_unref (self->carry);
  g_free (self);
}

guint
lk_json_splitter_get_n_elements (LkJsonSplitter *self)
{
  return self->n_elements;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
syntax_error (LkJsonSplitter  *self,
              gsize            at,
              const char      *expected,
              GError         **error)
{
  /* Not G_GUINT64_FORMAT in the message: xgettext would cut it there. */
  g_autofree char *byte = g_strdup_printf ("%" G_GUINT64_FORMAT, self->fed + at + 1);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: the first %s says what was expected, such as “,” or “]”; the second is a number */
               _("The body is not a valid JSON list: %s expected at byte %s"), expected, byte);
  return FALSE;
}

/* The element ends before @end of @data; it began at @start, or in an earlier chunk when there is a carry. */
static gboolean
deliver (LkJsonSplitter  *self,
         const char      *data,
         gsize            start,
         gsize            end,
         GError         **error)
{
  gboolean ok;

  self->state = EXPECT_COMMA;
  self->n_elements++;

  if (self->carry->len == 0)
    return self->func (data + start, end - start, self->user_data, error);

  g_byte_array_append (self->carry, (const guint8 *) data, end);
  ok = self->func ((const char *) self->carry->data, self->carry->len, self->user_data, error);
  g_byte_array_set_size (self->carry, 0);
  return ok;
}

/**
 * lk_json_splitter_feed:
 * @self: a #LkJsonSplitter
 * @data: the next bytes of the document
 * @length: how many
 * @error: a location for a #GError
 *
 * Calls the element function for each element that ends in @data.
 *
 * Returns: %FALSE if the document is not an array, or the function said stop
 */
gboolean
lk_json_splitter_feed (LkJsonSplitter  *self,
                       const char      *data,
                       gsize            length,
                       GError         **error)
{
  gsize start = 0;   /* where the element being read began in @data */
  gsize i = 0;

  while (i < length)
    {
      char c = data[i];

      switch (self->state)
        {
        case EXPECT_ARRAY:
          if (c == '[')
            self->state = EXPECT_FIRST;
          else if (!is_space (c))
            return syntax_error (self, i, "“[”", error);
          i++;
          break;

        case EXPECT_COMMA:
          if (c == ',')
            self->state = EXPECT_ELEMENT;
          else if (c == ']')
            self->state = DONE;
          else if (!is_space (c))
            return syntax_error (self, i, _("“,” or “]”"), error);
          i++;
          break;

        case DONE:
          if (!is_space (c))
            return syntax_error (self, i, _("the end"), error);
          i++;
          break;

        case EXPECT_FIRST:
        case EXPECT_ELEMENT:
          if (is_space (c))
            {
              i++;
              break;
            }
          if (c == ']' && self->state == EXPECT_FIRST)
            {
              self->state = DONE;
              i++;
              break;
            }
          if (c == ']' || c == ',')
            return syntax_error (self, i, _("an element"), error);
          /* The element's first byte is read as part of it. */
          self->state = IN_ELEMENT;
          self->depth = 0;
          self->in_string = FALSE;
          self->escaped = FALSE;
          self->scalar = c != '{' && c != '[' && c != '"';
          start = i;
          break;

        case IN_ELEMENT:
          if (self->in_string)
            {
              if (self->escaped)
                self->escaped = FALSE;
              else
                {
                  while (i < length && data[i] != '"' && data[i] != '\\')
                    i++;
                  if (i == length)
                    break;
                  if (data[i] == '\\')
                    self->escaped = TRUE;
                  else
                    {
                      self->in_string = FALSE;
                      if (self->depth == 0 && !deliver (self, data, start, i + 1, error))
                        return FALSE;
                    }
                }
              i++;
            }
          else if (c == '/')
            {
              /* A comment, to json-glib: not JSON, and it could hide a bracket. */
              return syntax_error (self, i, _("a value"), error);
            }
          else if (self->scalar)
            {
              if (is_space (c) || c == ',' || c == ']')
                {
                  if (!deliver (self, data, start, i, error))
                    return FALSE;
                }
              else
                i++;
            }
          else
            {
              if (c == '"')
                self->in_string = TRUE;
              else if (c == '{' || c == '[')
                self->depth++;
              else if ((c == '}' || c == ']') && --self->depth == 0)
                {
                  if (!deliver (self, data, start, i + 1, error))
                    return FALSE;
                }
              i++;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* An element that goes on in the next chunk. */
  if (self->state == IN_ELEMENT)
    g_byte_array_append (self->carry, (const guint8 *) data + start, length - start);

  self->fed += length;
  return TRUE;
}

/**
 * lk_json_splitter_finish:
 * @self: a #LkJsonSplitter
 * @error: a location for a #GError
 *
 * Returns: whether the document ended where its array did
 */
gboolean
lk_json_splitter_finish (LkJsonSplitter  *self,
                         GError         **error)
{
  g_autofree char *byte = NULL;

  if (self->state == DONE)
    return TRUE;

  byte = g_strdup_printf ("%" G_GUINT64_FORMAT, self->fed);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s is a number */
               _("The body ends before its list does, at byte %s"), byte);
  return FALSE;
}
