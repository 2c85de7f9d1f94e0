/* lk-limits.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What Latchkey accepts from a tenant or a file, and how long it waits:
 * a tenant that answers too much, too deep, too slowly or too often gets a
 * clear error instead of a crash, a hang or the machine's memory. Each
 * limit is far above what a real tenant sends (the README lists them).
 */

/* The largest answer read: a 100,000-token list is about 37 MB. */
#define LK_LIMIT_ANSWER_BYTES      ((gsize) 256 * 1024 * 1024)

/* The largest file read (a policy or sync group as JSON): real ones are a
 * few kilobytes.
 */
#define LK_LIMIT_FILE_BYTES        ((gsize) 16 * 1024 * 1024)

/* The deepest JSON nesting parsed: ISC's objects nest a few levels, and
 * json-glib recurses once per level, so a deeper one could overflow the
 * stack.
 */
#define LK_LIMIT_JSON_DEPTH        64

/* The longest one request may take, from sending to the last byte of the
 * answer, retries and waits for the rate limit included. A cancellable
 * ends it sooner.
 */
#define LK_LIMIT_REQUEST_SECONDS   300

/* The longest a tenant may stay silent within one request: libsoup's own
 * timeout, per read or write.
 */
#define LK_LIMIT_SILENCE_SECONDS   60

/* The most pages of 250 one list follows: 100,000 policies or groups,
 * far more than a tenant has, and at most a few hundred MB of JSON.
 */
#define LK_LIMIT_PAGES             400

/* The bearer token lifetimes honoured: below one second the token is
 * refused as expired, above the spec's 43,200 s (twelve hours) it is
 * renewed after twelve hours anyway.
 */
#define LK_LIMIT_TOKEN_MIN_SECONDS 1
#define LK_LIMIT_TOKEN_MAX_SECONDS 43200

/* The longest Retry-After waited at once (ISC's window is ten seconds),
 * and the most 429s in a row a request waits out before it gives up.
 */
#define LK_LIMIT_RETRY_AFTER_SECONDS 60
#define LK_LIMIT_RATE_LIMITED        5

/* What one client sends at most, so that the tenant never has to say 429:
 * ISC allows 100 requests per 10 s per client ID. The window is counted
 * from our sends, the tenant's from its arrivals: a little slack covers
 * the difference.
 */
#define LK_LIMIT_REQUESTS_PER_WINDOW 100
#define LK_LIMIT_RATE_WINDOW_MS      10000
#define LK_LIMIT_RATE_SLACK_MS       500

/* Text from a tenant shown in a terminal or a message: longer is cut, with
 * a marker.
 */
#define LK_LIMIT_SHOWN_TEXT_CHARS  2000
