/* lk-sandbox-private.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <libsoup/soup.h>

#include "lk-sandbox.h"

G_BEGIN_DECLS

typedef struct {
  char     *id;
  char     *name;
  char     *user_name;
  char     *email;
  char     *first_name;
  char     *last_name;
  gboolean  admin;
} SbIdentity;

typedef struct {
  char             *id;
  char             *name;
  char             *policy_id;
  JsonObject       *json;          /* the Source as GET shows it, but for its policies */
  /* Made on first use: key generation is the slowest part of start-up. */
  gnutls_privkey_t  private_key;
  char             *public_key;
  char             *public_key_id;
} SbSource;

typedef struct {
  char *identity_id;
  char *source_id;
  char *account_id;
  char *account_name;
} SbAccount;

/* A PAT: the JSON as GET returns it, and the secret that /oauth/token checks. */
typedef struct {
  JsonObject *json;
  char       *secret;
} SbToken;

/* A bearer token handed out by /oauth/token. */
typedef struct {
  char   *client_id;
  char   *identity_id;
  GStrv   scopes;
  gint64  expires_at;
} SbSession;

typedef struct {
  char   *id;
  char   *source_id;
  GStrv   errors;       /* NULL when the password passed the policy */
  gint64  created;
} SbPasswordRequest;

typedef struct {
  char   *method;
  char   *path;
  char   *query;
  char   *content_type;
  GBytes *body;
} SbRequest;

/* What a handler sees: the request, the caller, the version. */
typedef struct {
  LkSandbox         *sandbox;
  SoupServerMessage *msg;
  const char        *method;
  const char        *version;   /* "v3", "beta" or "v2025" */
  const char        *resource;  /* "personal-access-tokens" … */
  const char        *id;        /* the {id} path part, or NULL */
  GHashTable        *query;
  GBytes            *body;
  SbSession         *session;
  SbIdentity        *caller;
} SbCall;

struct _LkSandbox
{
  GObject parent_instance;

  /* Options */
  guint32 seed;
  guint   n_tokens;
  guint   n_policies;
  guint   n_sync_groups;
  guint   n_identities;
  guint   n_sources;
  guint   token_ttl;
  guint   rate_limit;
  guint   rate_window_ms;
  guint   latency_ms;
  guint   slow_ms;
  guint   password_delay_ms;

  /* The tenant's clock: a set date that runs on from when it was set, or
   * the machine's clock while clock_start_usec is 0.
   */
  gint64  clock_start_usec;
  gint64  clock_set_at;          /* monotonic time of setting it */

  /* Faults */
  guint          fault_percent[LK_SANDBOX_N_FAULTS];
  char          *fault_target[LK_SANDBOX_N_FAULTS];  /* "METHOD /path" prefix, or all */
  guint          fault_retry_after;                  /* seconds, in the 429s of the fault */
  char          *token_expires_in;                   /* JSON put as is in /oauth/token's expires_in */
  LkSandboxFault next_fault;
  guint          next_fault_count;
  guint          next_fault_skip;
  char          *next_fault_target;

  guint      in_flight;
  guint      max_in_flight;

  GRand      *rand;
  SoupServer *server;
  char       *url;

  /* Tenant data: arrays keep the order, tables find by id. */
  GPtrArray  *identities;
  GHashTable *identities_by_id;
  GPtrArray  *sources;
  GPtrArray  *accounts;
  GPtrArray  *tokens;
  GPtrArray  *policies;       /* JsonObject */
  GPtrArray  *sync_groups;    /* JsonObject */
  GHashTable *sessions;       /* access_token → SbSession */
  GPtrArray  *issued_tokens;  /* every access token given, for audits */
  GHashTable *password_requests;
  GHashTable *rate_windows;   /* "client_id version" → RateWindow */
  GPtrArray  *requests;       /* SbRequest, for tests */

  char *admin_client_id;
  char *admin_client_secret;
  char *source_name;
  char *user_name;
};

/* lk-sandbox-filters.c */
typedef struct _SbFilter SbFilter;

/* A field a collection filters on, and its operators: "eq in sw". */
typedef struct {
  const char *name;
  const char *ops;
} SbFilterField;

SbFilter   *_lk_sandbox_parse_filters   (const char           *text,
                                         const SbFilterField  *fields,
                                         GError              **error);
gboolean    _lk_sandbox_filter_matches  (SbFilter             *filter,
                                         JsonObject           *object);
void        _lk_sandbox_filter_free     (SbFilter             *filter);
gboolean    _lk_sandbox_sort            (GPtrArray            *objects,
                                         const char           *sorters,
                                         const char * const   *allowed,
                                         GError              **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbFilter, _lk_sandbox_filter_free)

/* lk-sandbox-directory.c */
void        _lk_sandbox_handle_sources           (SbCall *call);
void        _lk_sandbox_handle_public_identities (SbCall *call);
void        _lk_sandbox_handle_identities        (SbCall *call);

/* lk-sandbox-faults.c */
LkSandboxFault _lk_sandbox_pick_fault         (LkSandbox         *self,
                                              const char        *method,
                                              const char        *path);
void           _lk_sandbox_delay_reply        (LkSandbox         *self,
                                              SoupServerMessage *msg,
                                              guint              delay_ms);
void           _lk_sandbox_reply_rate_limited (SbCall            *call,
                                              guint              retry_after);
gboolean       _lk_sandbox_check_rate_limit   (SbCall            *call);

/* lk-sandbox.c */
LkSandboxFault _lk_sandbox_get_fault    (SbCall      *call);
gint64      _lk_sandbox_now_usec        (LkSandbox   *self);
GDateTime  *_lk_sandbox_now             (LkSandbox   *self);
char       *_lk_sandbox_random_hex      (LkSandbox   *self,
                                         guint        n_chars);
char       *_lk_sandbox_random_uuid     (LkSandbox   *self);
guint       _lk_sandbox_random_int      (LkSandbox   *self,
                                         guint        below);
SbIdentity *_lk_sandbox_find_identity   (LkSandbox   *self,
                                         const char  *id);
SbSource   *_lk_sandbox_find_source     (LkSandbox   *self,
                                         const char  *id);
JsonObject *_lk_sandbox_find_object     (GPtrArray   *objects,
                                         const char  *id,
                                         guint       *index);
void        _lk_sandbox_reply_array     (SbCall      *call,
                                         GPtrArray   *objects);
void        _lk_sandbox_reply_json      (SbCall      *call,
                                         guint        status,
                                         JsonNode    *node);
void        _lk_sandbox_reply_object    (SbCall      *call,
                                         guint        status,
                                         JsonObject  *object);
void        _lk_sandbox_reply_error     (SbCall      *call,
                                         guint        status,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void        _lk_sandbox_reply_empty     (SbCall      *call,
                                         guint        status);
void        _lk_sandbox_reply_method_not_allowed (SbCall *call);
void        _lk_sandbox_reply_small_object (SbCall     *call,
                                            guint       status,
                                            const char *member,
                                            const char *text);
gboolean    _lk_sandbox_require_right   (SbCall      *call,
                                         const char  *right,
                                         ...) G_GNUC_NULL_TERMINATED;
gboolean    _lk_sandbox_has_right       (SbCall      *call,
                                         const char  *right);
JsonObject *_lk_sandbox_parse_body      (SbCall      *call);
typedef JsonObject *(*SbPresentFunc) (SbCall     *call,
                                      JsonObject *object);

gboolean    _lk_sandbox_reply_page      (SbCall        *call,
                                         GPtrArray     *objects,
                                         SbPresentFunc  present);

/* lk-sandbox-seed.c */
void        _lk_sandbox_seed            (LkSandbox   *self);
SbToken    *_lk_sandbox_new_token       (LkSandbox   *self,
                                         SbIdentity  *owner,
                                         const char  *name,
                                         const char * const *scopes,
                                         GDateTime   *created,
                                         GDateTime   *expiration,
                                         gint64       validity_seconds,
                                         gboolean     managed);
void        _lk_sandbox_token_free      (SbToken     *token);

/* lk-sandbox-tokens.c */
void        _lk_sandbox_handle_oauth    (LkSandbox          *self,
                                         SoupServerMessage  *msg,
                                         GBytes             *body,
                                         GHashTable         *query);
void        _lk_sandbox_handle_tokens   (SbCall      *call);
SbToken    *_lk_sandbox_find_token      (LkSandbox   *self,
                                         const char  *id,
                                         guint       *index);

/* lk-sandbox-passwords.c */
void        _lk_sandbox_handle_password_info   (SbCall *call);
void        _lk_sandbox_handle_set_password    (SbCall *call);
void        _lk_sandbox_handle_password_status (SbCall *call);
void        _lk_sandbox_source_free            (SbSource *source);

/* lk-sandbox-policies.c */
void        _lk_sandbox_handle_policies    (SbCall *call);
void        _lk_sandbox_handle_sync_groups (SbCall *call);
char      **_lk_sandbox_check_password     (JsonObject *policy,
                                            const char *password,
                                            SbAccount  *account);
JsonObject *_lk_sandbox_policy_of_source   (LkSandbox  *self,
                                            SbSource   *source);

G_END_DECLS
