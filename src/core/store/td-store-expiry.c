/* td-store-expiry.c — consigned items past their consignment period, and what is done with
 * them: returned to the consignor, donated, or kept as the shop's own stock.
 *
 * None of the three moves money, so none writes a ledger row (a row of 0 would be a fake
 * money entry); each writes an audit row per item with the reason `expiry`. An item kept as
 * shop stock becomes acquisition 'bought' at a cost of 0 (the shop paid nothing for it): its
 * consignor, share, minimum price and expiry are cleared so a later sale credits nobody and
 * no floor price of the former owner holds it up. Where it came from stays on record: its
 * intake row still names the consignor, its SKU still carries their code, and the audit row
 * holds the consignor id and the terms it had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-stock-private.h"

static void
expired_item_clear (gpointer data)
{
  TdExpiredItem *item = data;

  g_clear_pointer (&item->sku, g_free);
  g_clear_pointer (&item->title, g_free);
  g_clear_pointer (&item->consignor_code, g_free);
  g_clear_pointer (&item->consignor_name, g_free);
}

/**
 * td_store_expiry_list:
 * @db: a #TdDatabase
 * @now_us: the moment, UTC µs: items whose `expires_at` ≤ @now_us are listed
 * @limit: at most this many, 0 for all
 * @items: (out) (transfer full) (element-type TdExpiredItem): oldest expiry first
 * @error: return location
 *
 * Available consigned items past their period, with what their consignor's terms say to do.
 * Sold, held, returned or donated items and the shop's own stock are never listed. Acting on
 * an item takes it off the list, so a page is "the next @limit to deal with", no offset.
 * Read through the partial index `item_expiry`, named in the query: without statistics the
 * planner would rather take `item_status` and sort every available item.
 */
gboolean
td_store_expiry_list (TdDatabase  *db,
                      gint64       now_us,
                      guint        limit,
                      GArray     **items,
                      GError     **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TdExpiredItem));
  g_autoptr(TdStmt) stmt = NULL;
  TdStockDefaults defaults;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  g_array_set_clear_func (out, expired_item_clear);
  if (!td_stock_load_defaults (db, &defaults, error))
    return FALSE;

  stmt = td_database_prepare (db,
    "SELECT i.id, i.sku, i.title, i.price, i.consignor_id, c.code, c.name, i.expires_at, "
    "       c.expiry_action "
    "FROM item i INDEXED BY item_expiry JOIN consignor c ON c.id = i.consignor_id "
    "WHERE i.status = 'available' AND i.expires_at <= ?1 AND i.acquisition = 'consigned' "
    "ORDER BY i.expires_at, i.id LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_us);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdExpiredItem item = { 0 };

      item.item_id = sqlite3_column_int64 (stmt, 0);
      item.sku = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item.title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      item.price = sqlite3_column_int64 (stmt, 3);
      item.consignor_id = sqlite3_column_int64 (stmt, 4);
      item.consignor_code = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      item.consignor_name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      item.expires_at = sqlite3_column_int64 (stmt, 7);
      if (!td_expiry_action_from_string ((const char *) sqlite3_column_text (stmt, 8),
                                         &item.action))
        item.action = defaults.expiry_action;
      g_array_append_val (out, item);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "listing expired items", error);

  *items = g_steal_pointer (&out);
  return TRUE;
}

static gboolean
to_shop_stock (TdDatabase         *db,
               const TdStockItem  *item,
               gint64              staff_id,
               gint64              now_us,
               GError            **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  /* The consignor's code leaves the search text (the SKU keeps it on the tag). */
  g_autofree char *search_text = td_stock_search_text (item->title, item->brand, item->sku, NULL,
                                                       item->size, item->colour);

  stmt = td_database_prepare (db,
    "UPDATE item SET acquisition = 'bought', consignor_id = NULL, share_bp = NULL, "
    "min_price = 0, cost = 0, expires_at = NULL, search_text = ?1, updated_at = ?2 "
    "WHERE id = ?3 AND status = 'available' AND acquisition = 'consigned'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, search_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now_us);
  sqlite3_bind_int64 (stmt, 3, item->id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) != 1)
    {
      g_autoptr(GPtrArray) problems = td_field_problems_new ();

      td_stock_problem_not_available (problems, item);
      return td_stock_error_set_problems (error, TD_STOCK_ERROR_NOT_AVAILABLE, problems);
    }

  td_stock_json_string (detail, "sku", item->sku);
  td_stock_json_int (detail, "consignor_id", item->consignor_id);
  td_stock_json_int (detail, "min_price", item->min_price);
  td_stock_json_int (detail, "expires_at", item->expires_at);
  td_stock_json_string (detail, "reason", "expiry");
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, now_us, staff_id, "item.to_shop_stock", "item", item->id,
                                detail->str, error);
}

typedef struct
{
  const gint64   *item_ids;
  guint           n_items;
  TdExpiryAction  action;
  gint64          staff_id;
  gint64          now_us;
} Apply;

static gboolean
apply_txn (TdDatabase  *db,
           gpointer     user_data,
           GError     **error)
{
  Apply *a = user_data;
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autoptr(GArray) items = NULL;

  items = td_stock_load_selection (db, a->item_ids, a->n_items, problems, error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      const TdStockItem *item = &g_array_index (items, TdStockItem, i);

      if (g_strcmp0 (item->status, "available") != 0)
        td_stock_problem_not_available (problems, item);
      else if (item->acquisition != TD_ACQUISITION_CONSIGNED || item->consignor_id == 0)
        td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                               _("%s “%s” is the shop’s own stock; it has no consignment period."),
                               item->sku, item->title);
      else if (item->expires_at == 0 || item->expires_at > a->now_us)
        td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                               _("%s “%s” is still within its consignment period."),
                               item->sku, item->title);
    }
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_NOT_AVAILABLE, problems);

  for (guint i = 0; i < items->len; i++)
    {
      const TdStockItem *item = &g_array_index (items, TdStockItem, i);
      TdExpiryAction action = a->action != TD_EXPIRY_ACTION_SHOP_DEFAULT ? a->action
                                                                         : item->consignor_action;
      gboolean ok;

      switch (action)
        {
        case TD_EXPIRY_ACTION_DONATE:
          ok = td_stock_item_leave (db, item, "donated", "expiry", a->staff_id, a->now_us, error);
          break;
        case TD_EXPIRY_ACTION_SHOP_STOCK:
          ok = to_shop_stock (db, item, a->staff_id, a->now_us, error);
          break;
        case TD_EXPIRY_ACTION_RETURN:
        case TD_EXPIRY_ACTION_SHOP_DEFAULT:
        default:
          ok = td_stock_item_leave (db, item, "returned", "expiry", a->staff_id, a->now_us,
                                    error);
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * td_store_expiry_apply:
 * @db: a #TdDatabase
 * @item_ids: (array length=n_items): expired items (from td_store_expiry_list())
 * @n_items: how many
 * @action: what to do with all of them, or %TD_EXPIRY_ACTION_SHOP_DEFAULT to do with each
 *   what its consignor's terms say (the shop default where they say nothing)
 * @staff_id: who, or 0
 * @now_us: the moment, UTC µs; every item must have expired by then
 * @error: return location: %TD_STOCK_ERROR_NOT_AVAILABLE with one problem per item that is
 *   not an available, consigned, expired item, or a database error; nothing is written then
 *
 * Deals with expired items in one transaction: return → status `returned`; donate → status
 * `donated`; shop stock → stays available as the shop's own (see the top of this file).
 * Audited per item; the ledger is not touched, since no money moves.
 */
gboolean
td_store_expiry_apply (TdDatabase      *db,
                       const gint64    *item_ids,
                       guint            n_items,
                       TdExpiryAction   action,
                       gint64           staff_id,
                       gint64           now_us,
                       GError         **error)
{
  Apply a = { item_ids, n_items, action, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);
  g_return_val_if_fail ((guint) action <= TD_EXPIRY_ACTION_SHOP_STOCK, FALSE);

  if (n_items == 0)
    return TRUE;
  return td_database_transaction (db, apply_txn, &a, error);
}
