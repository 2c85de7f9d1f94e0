/* lk-cli.h
 *
 * Copyright 2026 The Latchkey developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-client-resources.h"
#include "lk-session.h"

G_BEGIN_DECLS

/* Exit status: 0 done, 1 failed (the server's message on stderr), 2 usage,
 * 4 not saved because someone changed it on the tenant since it was read.
 */
#define LK_CLI_EXIT_FAILED  1
#define LK_CLI_EXIT_USAGE   2
#define LK_CLI_EXIT_CHANGED 4

/* The global options, and the session every command uses. */
typedef struct {
  char      *tenant;
  char      *base_url;
  char      *api_version;
  int        timeout_s;
  gboolean   json;
  LkSession *session;
} LkCli;

typedef int (*LkCliCommandFunc) (LkCli  *cli,
                                 int     argc,
                                 char  **argv);

/* One command: "GROUP VERB", such as "tokens list". */
typedef struct {
  const char       *group;
  const char       *verb;
  LkCliCommandFunc  func;
} LkCliCommand;

/* Each group's commands, ended by an empty entry. */
extern const LkCliCommand lk_cli_tenant_commands[];
extern const LkCliCommand lk_cli_token_commands[];
extern const LkCliCommand lk_cli_password_commands[];
extern const LkCliCommand lk_cli_directory_commands[];

/* "me", an id, or the one identity a name, user name or email names. */
char         *lk_cli_resolve_identity     (LkClient    *client,
                                           const char  *text,
                                           GError     **error);

/* The read-write collections, each with list, get, create, update and
 * delete; -1 when @group is none of them.
 */
int           lk_cli_run_resource_command (LkCli       *cli,
                                           const char  *group,
                                           const char  *verb,
                                           int          argc,
                                           char       **argv);

void          lk_cli_print_shown          (const char  *text);
void          lk_cli_printerr_shown       (const char  *text);
int           lk_cli_fail                 (const char  *format,
                                           ...) G_GNUC_PRINTF (1, 2);
int           lk_cli_usage                (const char  *format,
                                           ...) G_GNUC_PRINTF (1, 2);
void          lk_cli_store_result_cb      (GObject      *object,
                                           GAsyncResult *result,
                                           gpointer      user_data);
GAsyncResult *lk_cli_wait_for             (GAsyncResult **result);
void          lk_cli_print_json           (JsonNode    *node);
void          lk_cli_print_items_json     (const LkResourceKind *kind,
                                           GListModel           *items);
char         *lk_cli_read_secret          (const char  *prompt);
LkClient     *lk_cli_connect              (LkCli       *cli,
                                           GError     **error);
char         *lk_cli_format_date          (GDateTime   *date,
                                           const char  *none);
gboolean      lk_cli_parse_options        (const char    *command,
                                           GOptionEntry  *entries,
                                           int           *argc,
                                           char        ***argv,
                                           GError       **error);

int           lk_cli_rotate_connection    (LkCli       *cli,
                                           const char  *tenant_name,
                                           gboolean     undo);
int           lk_cli_remove_each          (LkCli                *cli,
                                           const LkResourceKind *kind,
                                           int                   argc,
                                           char                **argv,
                                           const char           *usage_text);

G_END_DECLS
