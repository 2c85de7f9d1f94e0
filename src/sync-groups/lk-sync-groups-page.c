/* lk-sync-groups-page.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sync-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-client-policies.h"
#include "lk-client-sync-groups.h"
#include "lk-sync-group-editor.h"
#include "lk-sync-groups-page.h"

/* The password sync groups of a tenant: sources that share one password
 * and one policy. The tenant's policies are fetched with the groups, to
 * show each group's policy by name and to choose one in the editor.
 */

struct _LkSyncGroupsPage
{
  LkListPage  parent_instance;

  GListStore *policies;
};

G_DEFINE_FINAL_TYPE (LkSyncGroupsPage, lk_sync_groups_page, LK_TYPE_LIST_PAGE)

/* Cells */

static char *
format_name (LkListPage *page,
             gpointer    group)
{
  return g_strdup (lk_sync_group_get_name (group));
}

static char *
format_policy (LkListPage *page,
               gpointer    group)
{
  GListModel *policies = G_LIST_MODEL (LK_SYNC_GROUPS_PAGE (page)->policies);
  const char *id = lk_sync_group_get_password_policy_id (group);

  for (guint i = 0; id && i < g_list_model_get_n_items (policies); i++)
    {
      g_autoptr(LkPasswordPolicy) policy = g_list_model_get_item (policies, i);

      if (g_strcmp0 (lk_password_policy_get_id (policy), id) == 0)
        return g_strdup (lk_password_policy_get_name (policy));
    }

  /* A policy the tenant did not list: its id is all there is. */
  return id ? g_strdup_printf (_("Unknown policy %s"), id) : g_strdup (_("None"));
}

static char *
format_sources (LkListPage *page,
                gpointer    group)
{
  return g_strdup_printf ("%u", g_strv_length ((char **) lk_sync_group_get_source_ids (group)));
}

static char *
format_modified (LkListPage *page,
                 gpointer    group)
{
  GDateTime *modified = lk_sync_group_get_modified (group);
  g_autoptr(GDateTime) local = NULL;

  if (modified == NULL && (modified = lk_sync_group_get_created (group)) == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (modified);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* Loading: the groups and the policies they name, both or neither. */

typedef struct {
  GListModel *groups;
  GListModel *policies;
  GError     *error;
  guint       pending;
} Loading;

static void
loading_free (Loading *loading)
{
  g_clear_object (&loading->groups);
  g_clear_object (&loading->policies);
  g_clear_error (&loading->error);
  g_free (loading);
}

static void
load_part_done (GTask  *task,
                GError *error)
{
  LkSyncGroupsPage *self = g_task_get_source_object (task);
  Loading *loading = g_task_get_task_data (task);
  g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);

  if (error != NULL && loading->error == NULL)
    loading->error = g_error_copy (error);
  if (--loading->pending > 0)
    return;

  if (loading->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&loading->error));
      return;
    }

  /* The policy column reads these names as the groups are shown. */
  for (guint i = 0; i < g_list_model_get_n_items (loading->policies); i++)
    g_ptr_array_add (policies, g_list_model_get_item (loading->policies, i));
  g_list_store_splice (self->policies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->policies)),
                       policies->pdata, policies->len);
  g_task_return_pointer (task, g_steal_pointer (&loading->groups), g_object_unref);
}

static void
on_groups_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Loading *loading = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  loading->groups = lk_client_list_sync_groups_finish (LK_CLIENT (object), result, &error);
  load_part_done (task, error);
}

static void
on_policies_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Loading *loading = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  loading->policies = lk_client_list_policies_finish (LK_CLIENT (object), result, &error);
  load_part_done (task, error);
}

static void
lk_sync_groups_page_load_async (LkListPage          *page,
                                LkClient            *client,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (page, cancellable, callback, user_data);
  Loading *loading = g_new0 (Loading, 1);

  loading->pending = 2;
  g_task_set_task_data (task, loading, (GDestroyNotify) loading_free);
  lk_client_list_sync_groups_async (client, cancellable, on_groups_listed_cb, g_object_ref (task));
  lk_client_list_policies_async (client, cancellable, on_policies_listed_cb, task);
}

static GListModel *
lk_sync_groups_page_load_finish (LkListPage    *page,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  LkSyncGroup *x = *(LkSyncGroup **) a, *y = *(LkSyncGroup **) b;

  return g_utf8_collate (lk_sync_group_get_name (x) ? lk_sync_group_get_name (x) : "",
                         lk_sync_group_get_name (y) ? lk_sync_group_get_name (y) : "");
}

static void
lk_sync_groups_page_edit (LkListPage *page,
                          LkClient   *client,
                          gpointer    group)
{
  LkSyncGroupsPage *self = LK_SYNC_GROUPS_PAGE (page);

  lk_sync_group_editor_edit (LK_SYNC_GROUP_EDITOR (lk_list_page_get_editor (page)), client, group,
                             G_LIST_MODEL (self->policies), lk_list_page_get_items (page));
}

static char *
lk_sync_groups_page_delete_message (LkListPage *page,
                                    gpointer    group)
{
  guint n_sources = g_strv_length ((char **) lk_sync_group_get_source_ids (group));

  return g_strdup_printf (ngettext ("Its %u source keeps its password and follows its own policy again. "
                                    "This cannot be undone.",
                                    "Its %u sources keep their passwords and follow their own policies again. "
                                    "This cannot be undone.", n_sources), n_sources);
}

/* GObject */

static void
lk_sync_groups_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_SYNC_GROUPS_PAGE);

  G_OBJECT_CLASS (lk_sync_groups_page_parent_class)->dispose (object);
}

static void
lk_sync_groups_page_finalize (GObject *object)
{
  g_clear_object (&LK_SYNC_GROUPS_PAGE (object)->policies);

  G_OBJECT_CLASS (lk_sync_groups_page_parent_class)->finalize (object);
}

static void
lk_sync_groups_page_class_init (LkSyncGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LkListPageClass *page_class = LK_LIST_PAGE_CLASS (klass);

  object_class->dispose = lk_sync_groups_page_dispose;
  object_class->finalize = lk_sync_groups_page_finalize;

  page_class->kind = &lk_sync_group_kind;
  page_class->compare = compare_groups;
  page_class->load_async = lk_sync_groups_page_load_async;
  page_class->load_finish = lk_sync_groups_page_load_finish;
  page_class->edit = lk_sync_groups_page_edit;
  page_class->delete_message = lk_sync_groups_page_delete_message;
  lk_list_page_class_install_actions (page_class, "sync-groups");

  g_type_ensure (LK_TYPE_SYNC_GROUP_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/latchkey/Latchkey/sync-groups/lk-sync-groups-page.ui");
}

static void
lk_sync_groups_page_init (LkSyncGroupsPage *self)
{
  LkListPage *page = LK_LIST_PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->policies = g_list_store_new (LK_TYPE_PASSWORD_POLICY);
  lk_list_page_add_text_column (page, _("Name"), TRUE, format_name);
  lk_list_page_add_text_column (page, _("Password Policy"), TRUE, format_policy);
  lk_list_page_add_text_column (page, _("Sources"), FALSE, format_sources);
  lk_list_page_add_text_column (page, _("Modified"), FALSE, format_modified);
}

LkSyncGroupsPage *
lk_sync_groups_page_new (void)
{
  return g_object_new (LK_TYPE_SYNC_GROUPS_PAGE, NULL);
}
