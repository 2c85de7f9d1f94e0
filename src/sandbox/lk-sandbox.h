/* lk-sandbox.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_TYPE_SANDBOX (lk_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (LkSandbox, lk_sandbox, LK, SANDBOX, GObject)

typedef enum {
  LK_SANDBOX_FAULT_NONE,
  LK_SANDBOX_FAULT_5XX,       /* 500 with an ErrorResponseDto, or 503 from the gateway */
  LK_SANDBOX_FAULT_DROP,      /* the connection closes without an answer */
  LK_SANDBOX_FAULT_MALFORMED, /* 200 with a cut-off JSON body */
  LK_SANDBOX_FAULT_SLOW,      /* the answer comes after slow-ms */
  LK_SANDBOX_FAULT_RATE_LIMIT,/* 429 with Retry-After, as past the rate limit */
  /* A hostile or broken tenant: */
  LK_SANDBOX_FAULT_BLANK,     /* 200 with a body of white space */
  LK_SANDBOX_FAULT_DEEP,      /* 200 with arrays nested 100,000 deep */
  LK_SANDBOX_FAULT_HUGE,      /* 200 with 300 MiB of white space, streamed without a length */
  LK_SANDBOX_FAULT_TRICKLE,   /* the answer, one byte a second */
  LK_SANDBOX_FAULT_ENDLESS,   /* lists: always a full page, X-Total-Count 4294967295 */
} LkSandboxFault;

#define LK_SANDBOX_N_FAULTS (LK_SANDBOX_FAULT_ENDLESS + 1)

LkSandbox  *lk_sandbox_new                    (void);
GDateTime  *lk_sandbox_parse_date             (const char         *text,
                                               GError            **error);
gboolean    lk_sandbox_start                  (LkSandbox          *self,
                                               guint16             port,
                                               GTlsCertificate    *certificate,
                                               GError            **error);
const char *lk_sandbox_get_url                (LkSandbox          *self);
GDateTime  *lk_sandbox_get_now                (LkSandbox          *self);
void        lk_sandbox_set_now                (LkSandbox          *self,
                                               GDateTime          *now);
const char *lk_sandbox_get_admin_client_id    (LkSandbox          *self);
const char *lk_sandbox_get_admin_client_secret(LkSandbox          *self);
const char *lk_sandbox_get_source_name        (LkSandbox          *self);
const char *lk_sandbox_get_user_name          (LkSandbox          *self);
const char *lk_sandbox_get_admin_identity_id  (LkSandbox          *self);
char       *lk_sandbox_add_client             (LkSandbox          *self,
                                               const char         *user_name,
                                               const char * const *scopes,
                                               char              **secret);
gboolean    lk_sandbox_parse_fault            (LkSandbox          *self,
                                               const char         *spec,
                                               GError            **error);
void        lk_sandbox_set_fault              (LkSandbox          *self,
                                               LkSandboxFault      fault,
                                               guint               percent);
void        lk_sandbox_fail_next              (LkSandbox          *self,
                                               LkSandboxFault      fault,
                                               guint               count);
void        lk_sandbox_set_fault_on           (LkSandbox          *self,
                                               LkSandboxFault      fault,
                                               guint               percent,
                                               const char         *target);
void        lk_sandbox_fail_next_on           (LkSandbox          *self,
                                               LkSandboxFault      fault,
                                               guint               count,
                                               const char         *target);
void        lk_sandbox_fail_after_on          (LkSandbox          *self,
                                               LkSandboxFault      fault,
                                               guint               count,
                                               guint               skip,
                                               const char         *target);
void        lk_sandbox_expire_access_tokens   (LkSandbox          *self);
guint       lk_sandbox_count_requests         (LkSandbox          *self,
                                               const char         *method,
                                               const char         *path);
GStrv       lk_sandbox_list_requests          (LkSandbox          *self);
GStrv       lk_sandbox_list_access_tokens     (LkSandbox          *self);
GBytes     *lk_sandbox_get_last_request_body  (LkSandbox          *self,
                                               const char         *method,
                                               const char         *path_prefix,
                                               char              **content_type);
char       *lk_sandbox_get_last_request_query (LkSandbox          *self,
                                               const char         *method,
                                               const char         *path);
guint       lk_sandbox_get_max_in_flight      (LkSandbox          *self);
JsonObject *lk_sandbox_lookup_policy          (LkSandbox          *self,
                                               const char         *id);

G_END_DECLS
