/* lk-resource-kind.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-json.h"
#include "lk-resource-kind.h"

/* What is generic about an item of any kind: an item is what its JSON
 * says, unknown members included, so copies and comparisons go through it.
 */

/**
 * lk_resource_copy:
 * @kind: what @item is
 * @item: an item of @kind
 *
 * Returns: (transfer full): an item equal to @item, to edit apart from it
 */
gpointer
lk_resource_copy (const LkResourceKind *kind,
                  gpointer              item)
{
  g_autoptr(JsonObject) object = kind->to_json (item);

  return kind->new_from_json (object, NULL);
}

/**
 * lk_resource_to_new_json:
 * @kind: what @item is
 * @item: an item of @kind
 *
 * Returns: (transfer full): @item as JSON without what the tenant gives
 *   (its id, its dates): what a create sends
 */
JsonObject *
lk_resource_to_new_json (const LkResourceKind *kind,
                         gpointer              item)
{
  JsonObject *object = kind->to_json (item);

  for (guint i = 0; i < G_N_ELEMENTS (kind->tenant_fields) && kind->tenant_fields[i] != NULL; i++)
    json_object_remove_member (object, kind->tenant_fields[i]);

  return object;
}

/**
 * lk_resource_new_from_model:
 * @kind: what @model is
 * @model: an item to start from, such as one to duplicate or one read from a file
 *
 * Returns: (transfer full): a new item with @model's fields, but not its
 *   identity: no id, no dates, until the tenant gives them
 */
gpointer
lk_resource_new_from_model (const LkResourceKind *kind,
                            gpointer              model)
{
  g_autoptr(JsonObject) object = lk_resource_to_new_json (kind, model);

  return kind->new_from_json (object, NULL);
}

/**
 * lk_resource_equal:
 * @kind: what @a and @b are
 * @a: an item of @kind
 * @b: another
 *
 * Returns: whether saving @a in place of @b would change nothing
 */
gboolean
lk_resource_equal (const LkResourceKind *kind,
                   gpointer              a,
                   gpointer              b)
{
  g_autoptr(JsonNode) a_node = json_node_init_object (json_node_alloc (), kind->to_json (a));
  g_autoptr(JsonNode) b_node = json_node_init_object (json_node_alloc (), kind->to_json (b));

  return json_node_equal (a_node, b_node);
}

/**
 * lk_resource_differences:
 * @kind: what @a and @b are
 * @a: one, as JSON
 * @b: another, as JSON
 *
 * The tenant's own fields (id, dates) differ by nature and are left out:
 * what is left is what someone chose differently.
 *
 * Returns: (transfer full) (element-type utf8): the members that differ, sorted
 */
GPtrArray *
lk_resource_differences (const LkResourceKind *kind,
                         JsonObject           *a,
                         JsonObject           *b)
{
  const char *stamps[G_N_ELEMENTS (kind->tenant_fields) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (kind->tenant_fields); i++)
    stamps[i] = kind->tenant_fields[i];

  return lk_json_diff_members (a, b, stamps);
}
