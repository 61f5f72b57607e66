/* td-store-consignors-list.c — every consignor with their balance, in one query.
 *
 * The balance is the sum of the consignor's ledger (never a stored number); the correlated
 * sum reads one range of the covering index `ledger_consignor_id (consignor_id, id, amount)`
 * per consignor and no ledger table rows, so 2,000 consignors with years of history list in a
 * few milliseconds on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <string.h>

#include "td-store-consignors-list.h"
#include "td-store-stock-private.h"

static void
list_row_clear (gpointer data)
{
  TdConsignorListRow *row = data;

  g_clear_pointer (&row->code, g_free);
  g_clear_pointer (&row->name, g_free);
}

/* "50% off_" → "%50\%% off\_%": a LIKE pattern matching the text anywhere, literally. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/**
 * td_store_consignors_list:
 * @db: a #TdDatabase
 * @filter: (nullable): text the code or name contains (ASCII letters ignore case); %NULL or
 *   blank for everyone
 * @include_inactive: whether to list deactivated consignors too
 * @rows: (out) (transfer full) (element-type TdConsignorListRow): ordered by code
 * @error: return location
 *
 * The consignors with what the shop owes each, for a list to choose from. The balance equals
 * td_store_consignors_balance() of the same consignor.
 */
gboolean
td_store_consignors_list (TdDatabase  *db,
                          const char  *filter,
                          gboolean     include_inactive,
                          GArray     **rows,
                          GError     **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TdConsignorListRow));
  g_autoptr(TdStmt) stmt = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *pattern = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  g_array_set_clear_func (out, list_row_clear);
  trimmed = g_strstrip (g_strdup (filter != NULL ? filter : ""));
  if (*trimmed != '\0')
    pattern = like_pattern (trimmed);

  stmt = td_database_prepare (db,
    "SELECT c.id, c.code, c.name, c.active, "
    "       (SELECT ifnull (sum (l.amount), 0) FROM ledger l INDEXED BY ledger_consignor_id "
    "        WHERE l.consignor_id = c.id) "
    "FROM consignor c "
    "WHERE (?1 OR c.active = 1) "
    "  AND (?2 IS NULL OR c.code LIKE ?2 ESCAPE '\\' OR c.name LIKE ?2 ESCAPE '\\') "
    "ORDER BY c.code COLLATE NOCASE", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  if (pattern != NULL)
    sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdConsignorListRow row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row.name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row.active = sqlite3_column_int (stmt, 3) != 0;
      row.balance = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (out, row);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "listing consignors", error);

  *rows = g_steal_pointer (&out);
  return TRUE;
}

/**
 * td_store_consignment_defaults:
 * @db: a #TdDatabase
 * @share_bp: (out): the shop's default consignor share, basis points
 * @period_days: (out): the shop's default consignment period
 * @expiry_action: (out): what the shop does with expired items by default (never
 *   %TD_EXPIRY_ACTION_SHOP_DEFAULT)
 * @error: return location
 *
 * The terms a consignor follows where their own say nothing, for forms to show.
 */
gboolean
td_store_consignment_defaults (TdDatabase      *db,
                               int             *share_bp,
                               int             *period_days,
                               TdExpiryAction  *expiry_action,
                               GError         **error)
{
  TdStockDefaults defaults;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!td_stock_load_defaults (db, &defaults, error))
    return FALSE;
  if (share_bp != NULL)
    *share_bp = defaults.share_bp;
  if (period_days != NULL)
    *period_days = defaults.period_days;
  if (expiry_action != NULL)
    *expiry_action = defaults.expiry_action;
  return TRUE;
}
