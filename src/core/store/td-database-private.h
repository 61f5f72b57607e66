/* td-database-private.h — for src/core/store and tests only; widgets never see sqlite3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "td-database.h"

G_BEGIN_DECLS

/* "TDSH": marks a SQLite file as a Thriftdesk shop (PRAGMA application_id). */
#define TD_DATABASE_APPLICATION_ID 0x54445348

typedef struct
{
  int target_version;   /* migrate up to here; 0 = latest */
  int busy_timeout_ms;  /* 0 = the default (5000) */
} TdDatabaseOpenOptions;

/* A statement from the connection's cache: borrowed, and reset (bindings cleared) when the
 * g_autoptr goes out of scope, so it can never be left half-stepped. */
typedef sqlite3_stmt TdStmt;
void td_stmt_reset (TdStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdStmt, td_stmt_reset)

typedef gboolean (*TdTransactionFunc) (TdDatabase  *db,
                                       gpointer     user_data,
                                       GError     **error);

TdDatabase *td_database_open_with_options (const char                   *path,
                                           const TdDatabaseOpenOptions  *options,
                                           GError                      **error);
sqlite3    *td_database_get_handle        (TdDatabase                   *self);
TdStmt     *td_database_prepare           (TdDatabase                   *self,
                                           const char                   *sql,
                                           GError                      **error);
gboolean    td_database_exec              (TdDatabase                   *self,
                                           const char                   *sql,
                                           GError                      **error);
gboolean    td_database_transaction       (TdDatabase                   *self,
                                           TdTransactionFunc             func,
                                           gpointer                      user_data,
                                           GError                      **error);
gboolean    td_database_step_done         (TdDatabase                   *self,
                                           TdStmt                       *stmt,
                                           GError                      **error);
gboolean    td_database_set_error         (TdDatabase                   *self,
                                           int                           rc,
                                           const char                   *doing,
                                           GError                      **error);

G_END_DECLS
