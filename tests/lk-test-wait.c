/* lk-test-wait.c
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lk-test-wait.h"

/* How much longer than on a quiet, plain build a wait may take: the one
 * factor every time limit in the tests is scaled by. LK_TEST_TIME_FACTOR
 * sets it (a slow or busy machine); else the build's default, which
 * tests/meson.build raises for sanitizer builds.
 */
double
lk_test_time_factor (void)
{
  const char *names[] = { "LK_TEST_TIME_FACTOR", "LK_TEST_DEFAULT_TIME_FACTOR" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);
      double factor = value ? g_ascii_strtod (value, NULL) : 0;

      if (factor >= 1 && factor <= 100)
        return factor;
    }

  return 1;
}

/* @ms on a quiet, plain build; this machine's equivalent. */
gint64
lk_test_scaled_ms (guint ms)
{
  return (gint64) (ms * lk_test_time_factor ());
}

/* Iterates the main context until @condition holds, or fails the test after
 * @timeout_ms (scaled): a test waits for what a user would see, never for a
 * fixed time.
 */
void
lk_test_wait_until (LkTestCondition  condition,
                    gpointer         data,
                    guint            timeout_ms,
                    const char      *what)
{
  gint64 limit_ms = lk_test_scaled_ms (timeout_ms);
  gint64 deadline = g_get_monotonic_time () + limit_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %" G_GINT64_FORMAT " ms waiting for %s", limit_ms, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gboolean
lk_test_pointer_is_null (gpointer location)
{
  return *(gpointer *) location == NULL;
}

gboolean
lk_test_result_is_set (gpointer location)
{
  return *(gpointer *) location != NULL;
}

/* An async callback that keeps the result: pair with lk_test_wait_for(). */
void
lk_test_store_result_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
lk_test_wait_for (GAsyncResult **result)
{
  lk_test_wait_until (lk_test_result_is_set, result, 30000, "an asynchronous call to finish");
  return *result;
}

/* Drops the caller's reference and insists that the object goes: worker
 * threads and idle callbacks may hold it for a few more iterations.
 */
void
lk_test_assert_finalized (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  lk_test_wait_until (lk_test_pointer_is_null, &weak, 5000, "an object to be finalized");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

void
lk_test_count_notify (gpointer    object,
                      const char *property,
                      guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), count);
}

static void
on_items_changed_cb (GListModel    *model,
                     guint          position,
                     guint          removed,
                     guint          added,
                     LkTestChanges *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
}

void
lk_test_record_changes (gpointer       model,
                        LkTestChanges *changes)
{
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);
}
