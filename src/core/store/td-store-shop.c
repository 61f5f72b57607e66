/* td-store-shop.c — what the shop holds, at a glance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include "td-store-private.h"

static gboolean
query_int64 (TdDatabase  *db,
             const char  *sql,
             gint64      *out,
             GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, sql, error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * td_store_shop_is_empty:
 * @db: a #TdDatabase
 * @empty: (out): whether the shop has no consignors, items or sales yet
 * @error: return location
 *
 * Index lookups only: safe on the main thread at any size.
 */
gboolean
td_store_shop_is_empty (TdDatabase  *db,
                        gboolean    *empty,
                        GError     **error)
{
  gint64 any = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (empty != NULL, FALSE);

  if (!query_int64 (db,
                    "SELECT EXISTS (SELECT 1 FROM consignor) OR EXISTS (SELECT 1 FROM item) "
                    "OR EXISTS (SELECT 1 FROM sale)",
                    &any, error))
    return FALSE;

  *empty = (any == 0);
  return TRUE;
}

/**
 * td_store_shop_load_summary:
 * @db: a #TdDatabase; at shop scale run this on a worker connection
 * @summary: (out caller-allocates): filled on success
 * @error: return location
 */
gboolean
td_store_shop_load_summary (TdDatabase     *db,
                            TdShopSummary  *summary,
                            GError        **error)
{
  TdShopSummary s = { 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!query_int64 (db, "SELECT count(*) FROM consignor WHERE active", &s.consignors, error) ||
      !query_int64 (db, "SELECT count(*) FROM item", &s.items, error) ||
      !query_int64 (db, "SELECT count(*) FROM item WHERE status = 'available'",
                    &s.items_available, error) ||
      !query_int64 (db, "SELECT count(*) FROM sale WHERE status = 'completed'", &s.sales, error) ||
      !query_int64 (db, "SELECT ifnull ((SELECT created_at FROM sale ORDER BY id DESC LIMIT 1), 0)", &s.last_sale_at, error))
    return FALSE;

  *summary = s;
  return TRUE;
}
