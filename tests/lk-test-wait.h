/* lk-test-wait.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The tenant's day in every test: seeded data is dated from it, so no test
 * depends on today's date. A date-bound test states its dates from this.
 */
#define LK_TEST_NOW "2026-06-15T09:30:00Z"

/* One test of a fixture: every fixture test here names its fixture
 * Fixture, set up by fixture_set_up() and torn down by fixture_tear_down().
 */
#define LK_TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

typedef gboolean (*LkTestCondition) (gpointer data);

/* How much longer than on a quiet, plain build a wait may take: the one
 * factor every time limit in the tests is scaled by. LK_TEST_TIME_FACTOR
 * sets it (a slow or busy machine); else the build's default, which
 * tests/meson.build raises for sanitizer builds.
 */
double        lk_test_time_factor      (void);
/* @ms on a quiet, plain build; this machine's equivalent. */
gint64        lk_test_scaled_ms        (guint             ms);

/* Iterates the main context until @condition holds, or fails the test after
 * @timeout_ms (scaled): a test waits for what a user would see, never for a
 * fixed time.
 */
void          lk_test_wait_until       (LkTestCondition   condition,
                                        gpointer          data,
                                        guint             timeout_ms,
                                        const char       *what);
gboolean      lk_test_pointer_is_null  (gpointer          location);
gboolean      lk_test_result_is_set    (gpointer          location);

/* An async callback that keeps the result: pair with lk_test_wait_for(). */
void          lk_test_store_result_cb  (GObject          *object,
                                        GAsyncResult     *result,
                                        gpointer          user_data);
GAsyncResult *lk_test_wait_for         (GAsyncResult    **result);

/* Drops the caller's reference and insists that the object goes: worker
 * threads and idle callbacks may hold it for a few more iterations.
 */
void          lk_test_assert_finalized (gpointer          object);

/* Connects to @property's notify and counts: the count is the int at @count. */
void          lk_test_count_notify     (gpointer          object,
                                        const char       *property,
                                        guint            *count);

/* What a GListModel said it changed: the last items-changed, and how many. */
typedef struct {
  guint position;
  guint removed;
  guint added;
  guint count;
} LkTestChanges;

void          lk_test_record_changes   (gpointer          model,
                                        LkTestChanges    *changes);

G_END_DECLS
