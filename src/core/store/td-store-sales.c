/* td-store-sales.c — completing a sale in one transaction (scanning: td-store-sales-scan.c).
 *
 * A sale is one `BEGIN IMMEDIATE … COMMIT` (td_database_transaction()): the receipt number
 * (max + 1 of the register, under the UNIQUE (register_id, receipt_no) index), the sale, its
 * lines with the sale-time facts, every item's status change guarded by `status =
 * 'available'` (exactly one row, or the whole sale is refused), the consignors' ledger
 * credits, the payments with their store credit and gift card movements, the till's cash
 * movement, withdrawal jobs for every live listing, and the audit row. A failure anywhere
 * rolls all of it back, and the receipt number with it: numbers stay gapless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-receipt-token.h"
#include "td-store-counter-private.h"

/* Completing ------------------------------------------------------------------------------ */

typedef struct
{
  const char      *register_id;
  TdCart          *cart;
  const TdTender  *tenders;
  guint            n_tenders;
  TdTenderPlan     plan;
  gint64           staff_id;
  gint64           now_us;
  int              day;
  gint64           sale_id;
  gint64           receipt_no;
  TdSale          *sale;
} Complete;

static gboolean
insert_sale (TdDatabase  *db,
             Complete    *c,
             GError     **error)
{
  g_autoptr(TdStmt) next = td_database_prepare (db,
    "SELECT coalesce (max (receipt_no), 0) + 1 FROM sale WHERE register_id = ?", error);
  g_autoptr(TdStmt) stmt = NULL;
  TdCartTotals t;

  if (next == NULL)
    return FALSE;
  sqlite3_bind_text (next, 1, c->register_id, -1, SQLITE_STATIC);
  if (!td_stock_query_int64 (db, next, &c->receipt_no, NULL, error))
    return FALSE;

  td_cart_get_totals (c->cart, &t);
  stmt = td_database_prepare (db,
    "INSERT INTO sale (register_id, receipt_no, staff_id, created_at, sold_day, subtotal, "
    "                  discount, discount_reason, tax, rounding, total) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->register_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, c->receipt_no);
  td_stock_bind_id (stmt, 3, c->staff_id);
  sqlite3_bind_int64 (stmt, 4, c->now_us);
  sqlite3_bind_int (stmt, 5, c->day);
  sqlite3_bind_int64 (stmt, 6, t.subtotal);
  sqlite3_bind_int64 (stmt, 7, t.discount);
  td_stock_bind_text (stmt, 8, td_cart_get_cart_discount_reason (c->cart));
  sqlite3_bind_int64 (stmt, 9, t.tax);
  sqlite3_bind_int64 (stmt, 10, c->plan.rounding);
  sqlite3_bind_int64 (stmt, 11, t.total);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  c->sale_id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  return TRUE;
}

static gboolean
sell_line (TdDatabase        *db,
           Complete          *c,
           const TdCartLine  *l,
           const char        *receipt,
           GError           **error)
{
  g_autoptr(TdStmt) guard = td_database_prepare (db,
    "UPDATE item SET status = 'sold', sold_at = ?, updated_at = ? "
    "WHERE id = ? AND status = 'available'", error);
  g_autoptr(TdStmt) line = NULL;
  g_autoptr(TdStmt) withdraw = NULL;
  gint64 line_id;

  if (guard == NULL)
    return FALSE;
  sqlite3_bind_int64 (guard, 1, c->now_us);
  sqlite3_bind_int64 (guard, 2, c->now_us);
  sqlite3_bind_int64 (guard, 3, l->item_id);
  if (!td_database_step_done (db, guard, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) != 1)
    {
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_CHANGED,
                   _("“%s” (%s) is no longer available: it was sold or taken off the floor a "
                     "moment ago. Void its line and complete the sale again."),
                   l->title, l->sku);
      return FALSE;
    }

  line = td_database_prepare (db,
    "INSERT INTO sale_line (sale_id, item_id, title, sku, category_id, grade_id, consignor_id, "
    "                       list_price, discount, price, tax, tax_rate_bp, share_bp, "
    "                       consignor_share, sold_at, sold_day) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (line == NULL)
    return FALSE;
  sqlite3_bind_int64 (line, 1, c->sale_id);
  sqlite3_bind_int64 (line, 2, l->item_id);
  sqlite3_bind_text (line, 3, l->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (line, 4, l->sku, -1, SQLITE_STATIC);
  td_stock_bind_id (line, 5, l->category_id);
  td_stock_bind_id (line, 6, l->grade_id);
  td_stock_bind_id (line, 7, l->consignor_id);
  sqlite3_bind_int64 (line, 8, l->list_price);
  sqlite3_bind_int64 (line, 9, l->discount);
  sqlite3_bind_int64 (line, 10, l->price);
  sqlite3_bind_int64 (line, 11, l->tax);
  sqlite3_bind_int (line, 12, l->tax_rate_bp);
  sqlite3_bind_int (line, 13, l->share_bp);
  sqlite3_bind_int64 (line, 14, l->consignor_share);
  sqlite3_bind_int64 (line, 15, c->now_us);
  sqlite3_bind_int (line, 16, c->day);
  if (!td_database_step_done (db, line, error))
    return FALSE;
  line_id = sqlite3_last_insert_rowid (td_database_get_handle (db));

  if (l->consignor_id > 0 && l->consignor_share > 0)
    {
      TdLedgerEntry credit = { TD_LEDGER_SALE, l->consignor_id, l->consignor_share, line_id, 0, 0,
                               receipt };

      if (!td_store_ledger_append (db, &credit, c->now_us, NULL, error))
        return FALSE;
    }

  /* The item is gone: every listing that shows it online must come down (sync engine), one
   * job each; a withdrawal staff asked for and still waiting does it. A refund relists what
   * these jobs took down (td_sync_queue_relist(): they carry the sale's moment). */
  withdraw = td_database_prepare (db,
    "INSERT INTO sync_job (account_id, item_id, op, priority, next_at, created_at) "
    "SELECT l.account_id, l.item_id, 'withdraw', 100, ?, ? FROM listing l "
    "WHERE l.item_id = ? AND l.state IN ('live', 'queued') "
    "  AND NOT EXISTS (SELECT 1 FROM sync_job j WHERE j.item_id = l.item_id "
    "                  AND j.account_id = l.account_id AND j.op = 'withdraw' "
    "                  AND j.state = 'pending')", error);
  if (withdraw == NULL)
    return FALSE;
  sqlite3_bind_int64 (withdraw, 1, c->now_us);
  sqlite3_bind_int64 (withdraw, 2, c->now_us);
  sqlite3_bind_int64 (withdraw, 3, l->item_id);
  return td_database_step_done (db, withdraw, error);
}

static gboolean
insert_payment (TdDatabase    *db,
                Complete      *c,
                TdTenderKind   tender,
                gint64         amount,
                gint64         change,
                const char    *reference,
                GError       **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO payment (sale_id, tender, amount, change, reference) VALUES (?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->sale_id);
  sqlite3_bind_text (stmt, 2, td_tender_kind_to_string (tender), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_int64 (stmt, 4, change);
  td_stock_bind_text (stmt, 5, reference);
  return td_database_step_done (db, stmt, error);
}

static gboolean
pay (TdDatabase      *db,
     Complete        *c,
     const TdTender  *t,
     const char      *receipt,
     GError         **error)
{
  switch (t->kind)
    {
    case TD_TENDER_STORE_CREDIT:
      {
        TdLedgerEntry spend = { TD_LEDGER_STORE_CREDIT, t->consignor_id, -t->amount, 0, 0, 0,
                                receipt };
        gint64 balance;

        if (!td_counter_consignor_balance (db, t->consignor_id, &balance, error))
          return FALSE;
        if (t->amount > balance)
          {
            g_autofree char *has = td_counter_format_money (db, MAX (balance, 0));
            g_autofree char *wants = td_counter_format_money (db, t->amount);

            g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                         _("The consignor has %s of store credit, less than the %s to pay "
                           "with it."), has, wants);
            return FALSE;
          }
        g_autoptr(TdStmt) code = NULL;

        /* The payment names whose credit paid (their code), for refunds to it. */
        code = td_database_prepare (db, "SELECT code FROM consignor WHERE id = ?", error);
        if (code == NULL)
          return FALSE;
        sqlite3_bind_int64 (code, 1, t->consignor_id);
        if (sqlite3_step (code) != SQLITE_ROW)
          {
            g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                                 _("The consignor whose store credit pays no longer exists."));
            return FALSE;
          }
        return td_store_ledger_append (db, &spend, c->now_us, NULL, error) &&
               insert_payment (db, c, t->kind, t->amount, 0,
                               (const char *) sqlite3_column_text (code, 0), error);
      }
    case TD_TENDER_GIFT_CARD:
      {
        gint64 card_id, balance;

        if (!td_counter_gift_card_find (db, t->reference, &card_id, &balance, error))
          {
            if (g_error_matches (*error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND))
              (*error)->code = TD_SALE_ERROR_TENDER_INVALID;
            return FALSE;
          }
        if (t->amount > balance)
          {
            g_autofree char *has = td_counter_format_money (db, MAX (balance, 0));

            g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                         _("The gift card holds only %s."), has);
            return FALSE;
          }
        return td_counter_gift_card_move (db, card_id, -t->amount, c->sale_id, c->now_us,
                                          error) &&
               insert_payment (db, c, t->kind, t->amount, 0, t->reference, error);
      }
    case TD_TENDER_CARD:
      return insert_payment (db, c, t->kind, t->amount, 0, t->reference, error);
    case TD_TENDER_CASH:   /* one row for all cash, written by the caller */
    case TD_TENDER_MARKETPLACE:
    case TD_N_TENDERS:
    default:
      return TRUE;
    }
}

static gboolean
complete_txn (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  Complete *c = user_data;
  g_autofree char *receipt = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autoptr(GString) tenders = g_string_new ("{");
  gboolean has_cash = FALSE;

  if (!insert_sale (db, c, error))
    return FALSE;
  number = td_receipt_number_format (c->receipt_no);
  receipt = g_strdup_printf (_("Receipt %s"), number);

  for (guint i = 0; i < td_cart_get_n_lines (c->cart); i++)
    if (!sell_line (db, c, td_cart_get_line (c->cart, i), receipt, error))
      return FALSE;

  for (guint i = 0; i < c->n_tenders; i++)
    {
      has_cash |= c->tenders[i].kind == TD_TENDER_CASH;
      if (!pay (db, c, &c->tenders[i], receipt, error))
        return FALSE;
    }
  if (has_cash)
    {
      if (!insert_payment (db, c, TD_TENDER_CASH, c->plan.cash_net, c->plan.change, NULL, error) ||
          !td_counter_till_record (db, c->register_id, "sale", c->plan.cash_net, receipt,
                                   c->staff_id, c->now_us, error))
        return FALSE;
    }

  td_stock_json_string (detail, "register", c->register_id);
  td_stock_json_int (detail, "receipt_no", c->receipt_no);
  td_stock_json_int (detail, "lines", td_cart_get_n_lines (c->cart));
  td_stock_json_int (detail, "total", c->plan.total);
  td_stock_json_int (detail, "rounding", c->plan.rounding);
  td_stock_json_int (detail, "change", c->plan.change);
  for (guint i = 0; i < c->n_tenders; i++)
    td_stock_json_int (tenders, td_tender_kind_to_string (c->tenders[i].kind),
                       c->tenders[i].amount);
  g_string_append_c (tenders, '}');
  td_stock_json_raw (detail, "tenders", tenders->str);
  g_string_append_c (detail, '}');
  if (!td_store_audit_append (db, c->now_us, c->staff_id, "sale.completed", "sale", c->sale_id,
                              detail->str, error))
    return FALSE;

  c->sale = td_counter_load_sale (db, c->sale_id, error);
  return c->sale != NULL;
}

/**
 * td_store_sales_complete:
 * @register_id: (nullable): the register ("main" when %NULL); numbers receipts on its own
 *   gapless sequence
 * @cart: the cart; emptied when the sale commits, untouched when it is refused
 * @tenders: (array length=n_tenders): how it is paid
 * @staff_id: who sells, or 0
 * @now_us: when, UTC µs
 * @sale: (out) (optional) (transfer full): the sale as written, for the receipt
 * @error: a %TD_SALE_ERROR (empty cart, tenders short or invalid, an item sold meanwhile,
 *   store credit or gift card balance too low), or a database error. Nothing is written then
 *   and no receipt number is used.
 *
 * Completes the sale in one transaction (see the top of this file).
 */
gboolean
td_store_sales_complete (TdDatabase      *db,
                         const char      *register_id,
                         TdCart          *cart,
                         const TdTender  *tenders,
                         guint            n_tenders,
                         gint64           staff_id,
                         gint64           now_us,
                         TdSale         **sale,
                         GError         **error)
{
  Complete c = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, cart, tenders,
                 n_tenders, { 0 }, staff_id, now_us, td_counter_local_day (now_us), 0, 0, NULL };
  TdCartTotals totals;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TD_IS_CART (cart), FALSE);
  g_return_val_if_fail (strlen (c.register_id) <= TD_RECEIPT_TOKEN_MAX_REGISTER, FALSE);

  if (!td_cart_plan_tenders (cart, tenders, n_tenders, &c.plan, error))
    return FALSE;
  td_cart_get_totals (cart, &totals);
  if (totals.discount > 0 &&
      !td_counter_permit (db, staff_id, TD_COUNTER_ACT_DISCOUNT, totals.discount,
                          totals.subtotal, now_us, error))
    return FALSE;

  for (guint i = 0; i < td_cart_get_n_lines (cart); i++)
    {
      const TdCartLine *l = td_cart_get_line (cart, i);

      if (l->min_price > 0 && l->price < l->min_price)
        {
          if (!td_counter_permit (db, staff_id, TD_COUNTER_ACT_BELOW_MINIMUM, l->price,
                                  l->min_price, now_us, error))
            return FALSE;
          break;   /* one permission covers the sale */
        }
    }

  if (!td_database_transaction (db, complete_txn, &c, error))
    {
      g_clear_pointer (&c.sale, td_sale_unref);
      return FALSE;
    }
  td_cart_clear (cart);
  if (sale != NULL)
    *sale = g_steal_pointer (&c.sale);
  g_clear_pointer (&c.sale, td_sale_unref);
  return TRUE;
}

/**
 * td_store_sales_acknowledged_key:
 * @register_id: a register
 *
 * Returns: (transfer full): the setting that holds the last sale of @register_id that staff
 *   saw complete on the counter's screen (the Sell page's "last sale" banner compares it with
 *   the register's last sale)
 */
char *
td_store_sales_acknowledged_key (const char *register_id)
{
  g_return_val_if_fail (register_id != NULL, NULL);

  return g_strdup_printf ("counter.%s.acknowledged_sale", register_id);
}

/**
 * td_store_sales_acknowledge_history:
 * @db: a #TdDatabase, inside a transaction
 * @error: return location
 *
 * Marks every register's sales so far as seen on its counter (see
 * td_store_sales_acknowledged_key()): for a history no counter screen ever showed, such as a
 * demo shop's, which would otherwise greet staff with a "last sale never showed" banner.
 */
gboolean
td_store_sales_acknowledge_history (TdDatabase  *db,
                                    GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  stmt = td_database_prepare (db,
                              "INSERT INTO setting (key, value) "
                              "SELECT 'counter.' || register_id || '.acknowledged_sale', "
                              "       CAST (max (id) AS TEXT) "
                              "FROM sale WHERE true GROUP BY register_id "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              error);
  return stmt != NULL && td_database_step_done (db, stmt, error);
}
