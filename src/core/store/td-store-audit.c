/* td-store-audit.c — the append-only audit trail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include "td-store-private.h"

/**
 * td_store_audit_append:
 * @db: a #TdDatabase, inside the transaction of the act being audited
 * @at_us: when, UTC microseconds
 * @staff_id: who, or 0 when nobody is signed in
 * @action: what, e.g. `setting.changed`
 * @entity: (nullable): the kind of record touched
 * @entity_id: its id, or 0
 * @detail_json: (nullable): a JSON object with the detail
 * @error: return location
 */
gboolean
td_store_audit_append (TdDatabase  *db,
                       gint64       at_us,
                       gint64       staff_id,
                       const char  *action,
                       const char  *entity,
                       gint64       entity_id,
                       const char  *detail_json,
                       GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  stmt = td_database_prepare (db,
                              "INSERT INTO audit (at, staff_id, action, entity, entity_id, detail) "
                              "VALUES (?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, at_us);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 2, staff_id);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entity ? entity : "", -1, SQLITE_STATIC);
  if (entity_id > 0)
    sqlite3_bind_int64 (stmt, 5, entity_id);
  sqlite3_bind_text (stmt, 6, detail_json ? detail_json : "{}", -1, SQLITE_STATIC);

  return td_database_step_done (db, stmt, error);
}
