/* lk-error.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LK_CLIENT_ERROR (lk_client_error_quark ())

typedef enum {
  LK_CLIENT_ERROR_FAILED,
  LK_CLIENT_ERROR_BAD_REQUEST,      /* 400: the server's messages say why */
  LK_CLIENT_ERROR_UNAUTHORIZED,     /* 401, or /oauth/token refused the credentials */
  LK_CLIENT_ERROR_FORBIDDEN,        /* 403: the PAT lacks a right */
  LK_CLIENT_ERROR_NOT_FOUND,        /* 404 */
  LK_CLIENT_ERROR_CONFLICT,         /* 409 */
  LK_CLIENT_ERROR_RATE_LIMITED,     /* 429, still after waiting as told */
  LK_CLIENT_ERROR_SERVER,           /* 5xx */
  LK_CLIENT_ERROR_INVALID_RESPONSE, /* not what the spec says the server sends */
  LK_CLIENT_ERROR_NETWORK,          /* no answer: connection refused, dropped, timed out */
  LK_CLIENT_ERROR_TLS,              /* the certificate is not trusted */
  LK_CLIENT_ERROR_INVALID_INPUT,    /* refused before sending: the object breaks a rule */
  LK_CLIENT_ERROR_CHANGED,          /* someone else changed it since it was read */
} LkClientError;

GQuark      lk_client_error_quark              (void);
GError     *lk_client_error_new_from_response  (guint         status,
                                                const char   *reason,
                                                GBytes       *body);
guint       lk_client_error_get_status         (const GError *error);
const char *lk_client_error_get_tracking_id    (const GError *error);
const char *lk_client_error_get_detail_code    (const GError *error);
const char *lk_client_error_get_server_message (const GError *error);
gboolean    lk_client_error_outcome_unknown    (const GError *error);

G_END_DECLS
