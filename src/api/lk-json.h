/* lk-json.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reading the members of an ISC object: leniently where the SDK users asked
 * for it (unknown members, dates as strings or epoch milliseconds), strictly
 * where a wrong type would mean misreading the tenant.
 */
typedef enum {
  LK_JSON_OPTIONAL = 0,
  LK_JSON_REQUIRED = 1 << 0,
} LkJsonFlags;

gboolean   lk_json_get_string    (JsonObject   *object,
                                  const char   *member,
                                  LkJsonFlags   flags,
                                  char        **value,
                                  GError      **error);
gboolean   lk_json_get_int       (JsonObject   *object,
                                  const char   *member,
                                  LkJsonFlags   flags,
                                  gint64        default_value,
                                  gint64       *value,
                                  GError      **error);
gboolean   lk_json_get_boolean   (JsonObject   *object,
                                  const char   *member,
                                  LkJsonFlags   flags,
                                  gboolean     *value,
                                  GError      **error);
gboolean   lk_json_get_object    (JsonObject   *object,
                                  const char   *member,
                                  LkJsonFlags   flags,
                                  JsonObject  **value,
                                  GError      **error);
gboolean   lk_json_get_array     (JsonObject   *object,
                                  const char   *member,
                                  LkJsonFlags   flags,
                                  JsonArray   **value,
                                  GError      **error);
gboolean   lk_json_get_strv      (JsonObject   *object,
                                  const char   *member,
                                  LkJsonFlags   flags,
                                  GStrv        *value,
                                  GError      **error);
gboolean   lk_json_get_date_time (JsonObject   *object,
                                  const char   *member,
                                  LkJsonFlags   flags,
                                  GDateTime   **value,
                                  GError      **error);

GDateTime *lk_json_parse_date_time  (const char *text);
char      *lk_json_format_date_time (GDateTime  *date_time);
void       lk_json_append_string    (GString    *out,
                                     const char *value);
void       lk_json_append_node      (GString    *out,
                                     JsonNode   *node);
void       lk_json_append_date_time (GString    *out,
                                     GDateTime  *value);

void       lk_json_set_string    (JsonObject         *object,
                                  const char         *member,
                                  const char         *value);
void       lk_json_set_strv      (JsonObject         *object,
                                  const char         *member,
                                  const char * const *value);
void       lk_json_set_date_time (JsonObject         *object,
                                  const char         *member,
                                  GDateTime          *value);

JsonNode  *lk_json_deep_copy     (JsonNode    *node);
JsonObject *lk_json_copy_object  (JsonObject  *object);

JsonNode  *lk_json_parse_bytes   (GBytes      *bytes,
                                  GError     **error);
JsonObject *lk_json_parse_object (GBytes      *bytes,
                                  GError     **error);
JsonArray  *lk_json_parse_array  (GBytes      *bytes,
                                  GError     **error);
JsonArray  *lk_json_parse_large_array (GBytes      *bytes,
                                       GError     **error);
GBytes    *lk_json_to_bytes      (JsonNode    *node);

gboolean     lk_json_is_blank           (const char    *text);
gboolean     lk_json_same_member        (JsonObject    *a,
                                         JsonObject    *b,
                                         const char    *member);
GPtrArray   *lk_json_diff_members       (JsonObject         *a,
                                         JsonObject         *b,
                                         const char * const *ignored);
char        *lk_json_node_to_text       (JsonNode      *node);

gboolean     lk_parse_unsigned          (const char    *text,
                                         guint64        min,
                                         guint64        max,
                                         guint64       *value);
gboolean     lk_parse_signed            (const char    *text,
                                         gint64        *value);

G_END_DECLS
