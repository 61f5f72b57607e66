/* td-store-settings.c — shop settings that travel with the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include "td-permission.h"
#include "td-store-private.h"

static char *
lookup (TdDatabase  *db,
        const char  *key,
        gboolean    *ok,
        GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  *ok = FALSE;
  stmt = td_database_prepare (db, "SELECT value FROM setting WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *ok = TRUE;
      return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "reading a setting", error);
      return NULL;
    }
  *ok = TRUE;
  return NULL;
}

/**
 * td_store_settings_dup:
 * @db: a #TdDatabase
 * @key: a `TD_SETTING_*` key
 * @error: return location
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when it is not set (no error)
 *   or on failure (@error set).
 */
char *
td_store_settings_dup (TdDatabase  *db,
                       const char  *key,
                       GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return lookup (db, key, &ok, error);
}

typedef struct
{
  const char *key;
  const char *value;
  gint64      now_us;
  gint64      staff_id;
} SetSetting;

static gboolean
set_setting_txn (TdDatabase  *db,
                 gpointer     user_data,
                 GError     **error)
{
  SetSetting *set = user_data;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{}");
  g_autofree char *old = NULL;
  gboolean ok;

  old = lookup (db, set->key, &ok, error);
  if (!ok)
    return FALSE;
  if (g_strcmp0 (old, set->value) == 0)
    return TRUE;

  stmt = td_database_prepare (db,
                              "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                              "ON CONFLICT (key) DO UPDATE SET value = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, set->value, -1, SQLITE_STATIC);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;

  /* Setting changes matter for trust (tax, currency, shop identity): audit them. */
  {
    g_autoptr(TdStmt) json = td_database_prepare (db, "SELECT json_object ('key', ?, 'old', ?, 'new', ?)",
                                                  error);
    if (json == NULL)
      return FALSE;
    sqlite3_bind_text (json, 1, set->key, -1, SQLITE_STATIC);
    sqlite3_bind_text (json, 2, old, -1, SQLITE_STATIC);
    sqlite3_bind_text (json, 3, set->value, -1, SQLITE_STATIC);
    if (sqlite3_step (json) != SQLITE_ROW)
      return td_database_set_error (db, sqlite3_errcode (td_database_get_handle (db)),
                                    "building audit detail", error);
    g_string_assign (detail, (const char *) sqlite3_column_text (json, 0));
  }

  return td_store_audit_append (db, set->now_us, set->staff_id, "setting.changed", "setting", 0,
                                detail->str, error);
}

/**
 * td_store_settings_set:
 * @db: a #TdDatabase
 * @key: a `TD_SETTING_*` key
 * @value: the new value
 * @now_us: the time of the change, UTC microseconds
 * @error: return location
 *
 * Stores a shop setting and records the change in the audit trail, in one transaction.
 * Setting a value to what it already is writes nothing.
 */
gboolean
td_store_settings_set (TdDatabase  *db,
                       const char  *key,
                       const char  *value,
                       gint64       now_us,
                       GError     **error)
{
  SetSetting set = { key, value, now_us, 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return td_database_transaction (db, set_setting_txn, &set, error);
}

/**
 * td_store_settings_change:
 * @db: a #TdDatabase
 * @staff_id: who; needs %TD_PERMISSION_EDIT_PREFERENCES (a manager or the owner)
 * @key: a `TD_SETTING_*` key
 * @value: the new value
 * @now_us: the time of the change, UTC microseconds
 * @error: return location: a %TD_PERMISSION_ERROR, or a database error
 *
 * What Preferences calls: td_store_settings_set() after the permission check, with the
 * staff member in the audit row.
 */
gboolean
td_store_settings_change (TdDatabase  *db,
                          gint64       staff_id,
                          const char  *key,
                          const char  *value,
                          gint64       now_us,
                          GError     **error)
{
  SetSetting set = { key, value, now_us, staff_id };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!td_store_authorize (db, staff_id, TD_PERMISSION_EDIT_PREFERENCES, NULL, now_us, error))
    return FALSE;
  return td_database_transaction (db, set_setting_txn, &set, error);
}
