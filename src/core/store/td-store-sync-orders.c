/* td-store-sync-orders.c — an online order becomes a sale, a conflict, or nothing, in one
 * transaction.
 *
 * De-duplication is by (account, order id): the sale's UNIQUE (account_id, external_order_id)
 * and the conflict's UNIQUE (account_id, external_order_id, sku). Lines are priced and split
 * the counter's way (td_counter_cart_add_id() reads the item's tax rate and consignor share),
 * at the price the buyer paid online. Online sales number their receipts on their own register
 * ("online"), so the shop's tills stay gapless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-pricing.h"
#include "td-receipt-token.h"
#include "td-store-counter-private.h"
#include "td-store-pricing.h"
#include "td-store-sync-private.h"

#define ONLINE_REGISTER "online"

typedef struct
{
  gint64               account_id;
  const TdOnlineOrder *order;
  gint64               now_us;
  TdOrderImport        result;
  char                *kind;
} Import;

typedef struct
{
  gint64                   item_id;
  char                    *status;
  char                    *sku;
  const TdOnlineOrderLine *line;
} Match;

static void
match_clear (gpointer data)
{
  Match *m = data;

  g_free (m->status);
  g_free (m->sku);
}

static gboolean
seen_before (TdDatabase  *db,
             Import      *im,
             gboolean    *seen,
             GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT (SELECT count(*) FROM sale WHERE account_id = ?1 AND external_order_id = ?2) + "
    "       (SELECT count(*) FROM sync_conflict WHERE account_id = ?1 "
    "                                             AND external_order_id = ?2)", error);
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, im->account_id);
  sqlite3_bind_text (stmt, 2, im->order->order_id, -1, SQLITE_STATIC);
  if (!td_stock_query_int64 (db, stmt, &n, NULL, error))
    return FALSE;
  *seen = n > 0;
  return TRUE;
}

/* Finds the shop items the order's lines name: by SKU, else by this account's remote id. */
static gboolean
match_lines (TdDatabase  *db,
             Import      *im,
             GArray      *matches,
             GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT i.id, i.status, i.sku FROM item i WHERE i.sku = ?1 "
    "UNION ALL SELECT i.id, i.status, i.sku FROM listing l JOIN item i ON i.id = l.item_id "
    "WHERE l.account_id = ?2 AND l.remote_id = ?3 LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < im->order->lines->len; i++)
    {
      const TdOnlineOrderLine *line = g_ptr_array_index (im->order->lines, i);
      gboolean dup = FALSE;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (line->sku != NULL && *line->sku != '\0')
        sqlite3_bind_text (stmt, 1, line->sku, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, im->account_id);
      if (line->remote_id != NULL && *line->remote_id != '\0')
        sqlite3_bind_text (stmt, 3, line->remote_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;
      if (rc != SQLITE_ROW)
        return td_database_set_error (db, rc, "matching an order line", error);
      for (guint k = 0; k < matches->len; k++)
        dup |= g_array_index (matches, Match, k).item_id == sqlite3_column_int64 (stmt, 0);
      if (dup)
        continue;   /* one-off items: the same item twice is one item */
      g_array_append_val (matches, ((Match) {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        line }));
    }
  return TRUE;
}

static gboolean
write_conflicts (TdDatabase  *db,
                 Import      *im,
                 GArray      *matches,
                 GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT OR IGNORE INTO sync_conflict (account_id, item_id, external_order_id, sku, "
    "                                     shop_sale_id, detected_at) "
    "VALUES (?1, ?2, ?3, ?4, (SELECT s.id FROM sale_line sl JOIN sale s ON s.id = sl.sale_id "
    "                         WHERE sl.item_id = ?2 AND s.status = 'completed' "
    "                         ORDER BY sl.id DESC LIMIT 1), ?5)", error);
  g_autoptr(GString) detail = g_string_new ("{");
  g_autoptr(GString) skus = g_string_new ("");

  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < matches->len; k++)
    {
      Match *m = &g_array_index (matches, Match, k);

      if (g_str_equal (m->status, "available"))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, im->account_id);
      sqlite3_bind_int64 (stmt, 2, m->item_id);
      sqlite3_bind_text (stmt, 3, im->order->order_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, m->sku, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, im->now_us);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
      g_string_append_printf (skus, "%s%s", skus->len > 0 ? " " : "", m->sku);
    }
  td_stock_json_string (detail, "order", im->order->order_id);
  td_stock_json_string (detail, "skus", skus->str);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, im->now_us, 0, "sync.conflict", "marketplace_account",
                                im->account_id, detail->str, error);
}

static gboolean
insert_line (TdDatabase        *db,
             Import            *im,
             gint64             sale_id,
             const TdCartLine  *l,
             gint64             price,
             gint64             tax,
             gint64             share,
             int                day,
             const char        *receipt,
             GError           **error)
{
  g_autoptr(TdStmt) guard = td_database_prepare (db,
    "UPDATE item SET status = 'sold', sold_at = ?1, updated_at = ?1 "
    "WHERE id = ?2 AND status = 'available'", error);
  g_autoptr(TdStmt) line = NULL;
  gint64 line_id;

  if (guard == NULL)
    return FALSE;
  sqlite3_bind_int64 (guard, 1, im->now_us);
  sqlite3_bind_int64 (guard, 2, l->item_id);
  if (!td_database_step_done (db, guard, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) != 1)
    {
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_CHANGED,
                   _("“%s” (%s) is no longer available."), l->title, l->sku);
      return FALSE;
    }

  line = td_database_prepare (db,
    "INSERT INTO sale_line (sale_id, item_id, title, sku, category_id, grade_id, consignor_id, "
    "                       list_price, discount, price, tax, tax_rate_bp, share_bp, "
    "                       consignor_share, sold_at, sold_day) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)", error);
  if (line == NULL)
    return FALSE;
  sqlite3_bind_int64 (line, 1, sale_id);
  sqlite3_bind_int64 (line, 2, l->item_id);
  sqlite3_bind_text (line, 3, l->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (line, 4, l->sku, -1, SQLITE_STATIC);
  td_stock_bind_id (line, 5, l->category_id);
  td_stock_bind_id (line, 6, l->grade_id);
  td_stock_bind_id (line, 7, l->consignor_id);
  sqlite3_bind_int64 (line, 8, price);
  sqlite3_bind_int64 (line, 9, price);
  sqlite3_bind_int64 (line, 10, tax);
  sqlite3_bind_int (line, 11, l->tax_rate_bp);
  sqlite3_bind_int (line, 12, l->share_bp);
  sqlite3_bind_int64 (line, 13, share);
  sqlite3_bind_int64 (line, 14, im->now_us);
  sqlite3_bind_int (line, 15, day);
  if (!td_database_step_done (db, line, error))
    return FALSE;
  line_id = sqlite3_last_insert_rowid (td_database_get_handle (db));

  if (l->consignor_id > 0 && share > 0)
    {
      TdLedgerEntry credit = { TD_LEDGER_SALE, l->consignor_id, share, line_id, 0, 0, receipt };

      if (!td_store_ledger_append (db, &credit, im->now_us, NULL, error))
        return FALSE;
    }

  /* Sold here: this account's listing has ended; every other one comes down first. */
  {
    g_autoptr(TdStmt) ended = td_database_prepare (db,
      "UPDATE listing SET state = 'ended', last_error = '', synced_at = ?1, updated_at = ?1 "
      "WHERE account_id = ?2 AND item_id = ?3", error);

    if (ended == NULL)
      return FALSE;
    sqlite3_bind_int64 (ended, 1, im->now_us);
    sqlite3_bind_int64 (ended, 2, im->account_id);
    sqlite3_bind_int64 (ended, 3, l->item_id);
    if (!td_database_step_done (db, ended, error))
      return FALSE;
  }
  return td_sync_supersede (db, im->account_id, l->item_id, "publish,update,withdraw", error) &&
         td_sync_queue_withdraw (db, l->item_id, im->account_id, im->now_us, error);
}

static gboolean
write_sale (TdDatabase  *db,
            Import      *im,
            GArray      *matches,
            GError     **error)
{
  g_auto(TdCounterConfig) config = { 0 };
  g_auto(TdPricingRules) rules = { 0 };
  g_autoptr(TdCart) cart = NULL;
  g_autoptr(TdStmt) next = NULL;
  g_autoptr(TdStmt) sale = NULL;
  g_autoptr(TdStmt) payment = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *number = NULL;
  g_autofree char *receipt = NULL;
  gint64 *prices, *taxes, *shares;
  gint64 subtotal = 0, tax_total = 0, total, receipt_no = 0, sale_id;
  int day = td_counter_local_day (im->now_us);

  if (!td_store_sales_load_config (db, &config, error) ||
      !td_store_pricing_load_rules (db, &rules, error))
    return FALSE;
  cart = td_cart_new (&config);
  for (guint k = 0; k < matches->len; k++)
    if (!td_counter_cart_add_id (db, cart, &rules, g_array_index (matches, Match, k).item_id,
                                 im->now_us, error))
      return FALSE;

  /* The counter's split, at the price the buyer paid online. */
  prices = g_newa (gint64, matches->len);
  taxes = g_newa (gint64, matches->len);
  shares = g_newa (gint64, matches->len);
  for (guint k = 0; k < matches->len; k++)
    {
      const Match *m = &g_array_index (matches, Match, k);
      const TdCartLine *l = td_cart_find_item (cart, m->item_id, NULL);
      gint64 net;

      prices[k] = m->line->price > 0 ? m->line->price : l->list_price;
      if (config.tax_inclusive)
        {
          taxes[k] = td_tax_of_inclusive (prices[k], l->tax_rate_bp);
          net = prices[k] - taxes[k];
        }
      else
        {
          taxes[k] = td_tax_of_exclusive (prices[k], l->tax_rate_bp);
          net = prices[k];
        }
      shares[k] = l->consignor_id > 0 ? td_pricing_consignor_share (net, l->share_bp) : 0;
      subtotal += prices[k];
      tax_total += taxes[k];
    }
  total = subtotal + (config.tax_inclusive ? 0 : tax_total);

  next = td_database_prepare (db, "SELECT coalesce (max (receipt_no), 0) + 1 FROM sale "
                                  "WHERE register_id = ?", error);
  if (next == NULL)
    return FALSE;
  sqlite3_bind_text (next, 1, ONLINE_REGISTER, -1, SQLITE_STATIC);
  if (!td_stock_query_int64 (db, next, &receipt_no, NULL, error))
    return FALSE;

  sale = td_database_prepare (db,
    "INSERT INTO sale (register_id, receipt_no, channel, account_id, external_order_id, "
    "                  created_at, sold_day, subtotal, tax, total) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (sale == NULL)
    return FALSE;
  sqlite3_bind_text (sale, 1, ONLINE_REGISTER, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (sale, 2, receipt_no);
  sqlite3_bind_text (sale, 3, im->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (sale, 4, im->account_id);
  sqlite3_bind_text (sale, 5, im->order->order_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (sale, 6, im->now_us);
  sqlite3_bind_int (sale, 7, day);
  sqlite3_bind_int64 (sale, 8, subtotal);
  sqlite3_bind_int64 (sale, 9, tax_total);
  sqlite3_bind_int64 (sale, 10, total);
  if (!td_database_step_done (db, sale, error))
    return FALSE;
  sale_id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  number = td_receipt_number_format (receipt_no);
  receipt = g_strdup_printf (_("Receipt %s"), number);

  for (guint k = 0; k < matches->len; k++)
    {
      const TdCartLine *l = td_cart_find_item (cart, g_array_index (matches, Match, k).item_id,
                                               NULL);

      if (!insert_line (db, im, sale_id, l, prices[k], taxes[k], shares[k], day, receipt,
                        error))
        return FALSE;
    }

  payment = td_database_prepare (db, "INSERT INTO payment (sale_id, tender, amount, reference) "
                                     "VALUES (?, ?, ?, ?)", error);
  if (payment == NULL)
    return FALSE;
  sqlite3_bind_int64 (payment, 1, sale_id);
  sqlite3_bind_text (payment, 2, td_tender_kind_to_string (TD_TENDER_MARKETPLACE), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (payment, 3, total);
  sqlite3_bind_text (payment, 4, im->order->order_id, -1, SQLITE_STATIC);
  if (!td_database_step_done (db, payment, error))
    return FALSE;

  td_stock_json_string (detail, "register", ONLINE_REGISTER);
  td_stock_json_int (detail, "receipt_no", receipt_no);
  td_stock_json_string (detail, "channel", im->kind);
  td_stock_json_int (detail, "account_id", im->account_id);
  td_stock_json_string (detail, "order", im->order->order_id);
  td_stock_json_string (detail, "buyer", im->order->buyer);
  td_stock_json_int (detail, "lines", matches->len);
  td_stock_json_int (detail, "total", total);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, im->now_us, 0, "sale.online", "sale", sale_id, detail->str,
                                error);
}

static gboolean
import_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Import *im = user_data;
  g_autoptr(TdMarketplaceAccount) account = td_store_marketplaces_get (db, im->account_id,
                                                                        error);
  g_autoptr(GArray) matches = g_array_new (FALSE, TRUE, sizeof (Match));
  gboolean seen = FALSE;

  g_array_set_clear_func (matches, match_clear);
  if (account == NULL)
    return FALSE;
  im->kind = g_strdup (account->kind);

  if (!seen_before (db, im, &seen, error))
    return FALSE;
  if (seen)
    {
      im->result = TD_ORDER_DUPLICATE;
      return TRUE;
    }
  im->result = TD_ORDER_SKIPPED;
  if (!im->order->paid || im->order->cancelled)
    return TRUE;
  if (!match_lines (db, im, matches, error))
    return FALSE;
  if (matches->len == 0)
    return TRUE;

  for (guint k = 0; k < matches->len; k++)
    if (!g_str_equal (g_array_index (matches, Match, k).status, "available"))
      {
        im->result = TD_ORDER_CONFLICT;
        return write_conflicts (db, im, matches, error);
      }

  im->result = TD_ORDER_IMPORTED;
  return write_sale (db, im, matches, error);
}

/**
 * td_store_sync_import_order:
 * @result: (out): what became of the order
 * @error: a database error (nothing written then)
 *
 * Imports one online order in one transaction (see the top of this file): a sale with
 * channel = the account's kind, or conflict rows when an item had already left the shop, or
 * nothing (seen before, unpaid, cancelled, no line matches a shop item).
 */
gboolean
td_store_sync_import_order (TdDatabase           *db,
                            gint64                account_id,
                            const TdOnlineOrder  *order,
                            gint64                now_us,
                            TdOrderImport        *result,
                            GError              **error)
{
  Import im = { account_id, order, now_us, TD_ORDER_SKIPPED, NULL };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (order != NULL && order->order_id != NULL, FALSE);

  ok = td_database_transaction (db, import_txn, &im, error);
  g_free (im.kind);
  if (ok && result != NULL)
    *result = im.result;
  return ok;
}
