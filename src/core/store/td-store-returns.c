/* td-store-returns.c — refunds: chosen lines of a sale given back in one transaction.
 *
 * The refund number comes from the register's own gapless sequence (max + 1 inside the
 * transaction, UNIQUE (register_id, refund_no)). Each line: a `refund_line` (UNIQUE
 * sale_line_id: a line is refunded once, even by two tills at the same moment), the item
 * back to 'available' (or 'damaged'), the consignor's share debited in proportion to what
 * is given back; listings the sale took down are queued to go back online (restocked items
 * only). The money goes out as cash (a till movement), to a card (recorded), or as
 * store credit: to a consignor's ledger, or on a gift card. One audit row, with the
 * approving manager when the return window was overridden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-cart.h"
#include "td-store-counter-private.h"
#include "td-store-returns.h"
#include "td-store-sync-private.h"

/**
 * td_store_returns_line_paid:
 * @position: a line of @sale
 * @paid: (out): what the customer paid for the line: its price, plus its tax when tax was
 *   charged on top
 *
 * Returns: %FALSE when @position is out of range
 */
gboolean
td_store_returns_line_paid (const TdSale *sale,
                            guint         position,
                            gint64       *paid)
{
  const TdSaleLine *l;

  g_return_val_if_fail (sale != NULL && paid != NULL, FALSE);

  if (position >= sale->lines->len)
    return FALSE;
  l = &g_array_index (sale->lines, TdSaleLine, position);
  *paid = l->price + (sale->tax_inclusive ? 0 : l->tax);
  return TRUE;
}

typedef struct
{
  const TdRefundRequest *req;
  const TdCounterConfig *config;
  gint64                 staff_id;
  gint64                 now_us;
  TdSale                *sale;
  TdRefund              *refund;
} Refund;

/* a × b / c half up, for the proportional tax and share of a partial refund. */
static gint64
part_of (gint64 whole,
         gint64 amount,
         gint64 paid)
{
  if (paid <= 0 || amount == paid)
    return whole;
  return (gint64) (((__int128) whole * amount + paid / 2) / paid);
}

static gboolean
check_lines (TdDatabase  *db,
             Refund      *r,
             GError     **error)
{
  const TdRefundRequest *req = r->req;

  if (req->n_lines == 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Choose the items to refund."));
      return FALSE;
    }
  for (guint i = 0; i < req->n_lines; i++)
    {
      const TdRefundLineRequest *q = &req->lines[i];
      TdRefundLine out = { 0 };
      const TdSaleLine *l = NULL;
      gint64 paid = 0;

      for (guint k = 0; k < r->sale->lines->len; k++)
        if (g_array_index (r->sale->lines, TdSaleLine, k).id == q->sale_line_id)
          {
            l = &g_array_index (r->sale->lines, TdSaleLine, k);
            td_store_returns_line_paid (r->sale, k, &paid);
          }
      if (l == NULL)
        {
          g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                               _("A chosen line is not on this receipt."));
          return FALSE;
        }
      for (guint k = 0; k < i; k++)
        if (req->lines[k].sale_line_id == q->sale_line_id)
          l = NULL;
      if (l == NULL || l->refunded)
        {
          const TdSaleLine *same = NULL;

          for (guint k = 0; k < r->sale->lines->len; k++)
            if (g_array_index (r->sale->lines, TdSaleLine, k).id == q->sale_line_id)
              same = &g_array_index (r->sale->lines, TdSaleLine, k);
          g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_REFUNDED,
                       _("“%s” (%s) was refunded already; a line can be refunded once."),
                       same->title, same->sku);
          return FALSE;
        }
      if (q->amount < -1 || (q->amount == 0 && paid > 0))
        {
          g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                       _("Enter what to give back for “%s”: more than zero."), l->title);
          return FALSE;
        }
      out.amount = q->amount == -1 ? paid : q->amount;
      if (out.amount > paid)
        {
          g_autofree char *max = td_counter_format_money (db, paid);

          g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_TOO_LARGE,
                       _("The refund for “%s” can be at most %s, what was paid for it."),
                       l->title, max);
          return FALSE;
        }
      out.sale_line_id = l->id;
      out.sku = g_strdup (l->sku);
      out.title = g_strdup (l->title);
      out.tax = part_of (l->tax, out.amount, paid);
      out.consignor_share = l->consignor_id > 0 ? part_of (l->consignor_share, out.amount, paid)
                                                : 0;
      out.damaged = q->damaged;
      g_array_append_val (r->refund->lines, out);
      r->refund->total += out.amount;
    }
  return TRUE;
}

static gboolean
write_line (TdDatabase    *db,
            Refund        *r,
            TdRefundLine  *out,
            const char    *note,
            GError       **error)
{
  g_autoptr(TdStmt) line = td_database_prepare (db,
    "INSERT INTO refund_line (refund_id, sale_line_id, amount, tax, consignor_share, restock) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);
  g_autoptr(TdStmt) restock = NULL;
  const TdSaleLine *l = NULL;
  int rc;

  for (guint k = 0; k < r->sale->lines->len; k++)
    if (g_array_index (r->sale->lines, TdSaleLine, k).id == out->sale_line_id)
      l = &g_array_index (r->sale->lines, TdSaleLine, k);
  g_assert (l != NULL);

  if (line == NULL)
    return FALSE;
  sqlite3_bind_int64 (line, 1, r->refund->id);
  sqlite3_bind_int64 (line, 2, out->sale_line_id);
  sqlite3_bind_int64 (line, 3, out->amount);
  sqlite3_bind_int64 (line, 4, out->tax);
  sqlite3_bind_int64 (line, 5, out->consignor_share);
  sqlite3_bind_text (line, 6, out->damaged ? "damaged" : "available", -1, SQLITE_STATIC);
  rc = sqlite3_step (line);
  if (rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT)
    {
      /* Another till refunded it a moment ago. */
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_REFUNDED,
                   _("“%s” (%s) was refunded already; a line can be refunded once."),
                   l->title, l->sku);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "writing a refund line", error);
  out->id = sqlite3_last_insert_rowid (td_database_get_handle (db));

  restock = td_database_prepare (db,
    "UPDATE item SET status = ?, sold_at = NULL, updated_at = ? WHERE id = ? AND status = 'sold'",
    error);
  if (restock == NULL)
    return FALSE;
  sqlite3_bind_text (restock, 1, out->damaged ? "damaged" : "available", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (restock, 2, r->now_us);
  sqlite3_bind_int64 (restock, 3, l->item_id);
  if (!td_database_step_done (db, restock, error))
    return FALSE;
  /* Back on the floor: back online too, where the sale took it down. */
  if (!out->damaged && sqlite3_changes (td_database_get_handle (db)) == 1 &&
      !td_sync_queue_relist (db, l->item_id, r->sale->created_at, r->now_us, &out->relisted,
                             error))
    return FALSE;

  if (l->consignor_id > 0 && out->consignor_share > 0)
    {
      TdLedgerEntry debit = { TD_LEDGER_REFUND, l->consignor_id, -out->consignor_share, 0,
                              out->id, 0, note };

      if (!td_store_ledger_append (db, &debit, r->now_us, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* The money goes back the way the request says. */
static gboolean
pay_back (TdDatabase  *db,
          Refund      *r,
          const char  *note,
          GError     **error)
{
  const TdRefundRequest *req = r->req;
  gint64 total = r->refund->total;

  if (total == 0)
    return TRUE;
  switch (req->tender)
    {
    case TD_TENDER_CASH:
      return td_counter_till_record (db, req->register_id, "refund", -total, note, r->staff_id,
                                     r->now_us, error);
    case TD_TENDER_CARD:
      return TRUE;
    case TD_TENDER_STORE_CREDIT:
      if (req->consignor_id > 0)
        {
          TdLedgerEntry credit = { TD_LEDGER_ADJUSTMENT, req->consignor_id, total, 0, 0, 0, note };

          return td_store_ledger_append (db, &credit, r->now_us, NULL, error);
        }
      G_GNUC_FALLTHROUGH;
    case TD_TENDER_GIFT_CARD:
      {
        gint64 card_id, balance;

        if (req->gift_card_code != NULL && *req->gift_card_code != '\0')
          {
            if (!td_counter_gift_card_find (db, req->gift_card_code, &card_id, &balance, error))
              return FALSE;
            r->refund->gift_card_code = g_ascii_strup (req->gift_card_code, -1);
            g_strstrip (r->refund->gift_card_code);
          }
        else if (!td_counter_gift_card_new (db, NULL, r->now_us, &card_id,
                                            &r->refund->gift_card_code, error))
          return FALSE;
        return td_counter_gift_card_move (db, card_id, total, 0, r->now_us, error);
      }
    case TD_TENDER_MARKETPLACE:
    case TD_N_TENDERS:
    default:
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                           _("Refunds at the counter go back in cash, to a card or as store "
                             "credit."));
      return FALSE;
    }
}

/* Money goes back to a card only up to what the sale's cards paid, less earlier card refunds. */
static gboolean
check_card (TdDatabase  *db,
            Refund      *r,
            GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gint64 refunded, left;

  if (r->req->tender != TD_TENDER_CARD)
    return TRUE;
  stmt = td_database_prepare (db,
    "SELECT coalesce (sum (total), 0) FROM refund WHERE sale_id = ? AND tender = 'card'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->sale->id);
  if (!td_stock_query_int64 (db, stmt, &refunded, NULL, error))
    return FALSE;
  left = td_sale_get_paid (r->sale, TD_TENDER_CARD) - refunded;
  if (r->refund->total > left)
    {
      g_autofree char *max = td_counter_format_money (db, MAX (left, 0));

      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_TOO_LARGE,
                   _("At most %s can go back to a card on this sale; give the rest in cash or "
                     "as store credit."), max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refund_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Refund *r = user_data;
  const TdRefundRequest *req = r->req;
  g_autoptr(TdStmt) next = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *number = NULL;
  g_autofree char *note = NULL;
  guint relisted = 0;

  /* Read inside the transaction: a line refunded at another till a moment ago shows. */
  r->sale = td_counter_load_sale (db, req->sale_id, error);
  if (r->sale == NULL)
    return FALSE;
  if (r->sale->voided)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("This sale was voided; there is nothing to refund."));
      return FALSE;
    }
  if (!check_lines (db, r, error) || !check_card (db, r, error))
    return FALSE;
  /* Cash goes back in coins that exist (CHF 0.05), like the sale's cash tender; the lines
   * keep their exact amounts and the refund's total is what left the drawer. */
  if (req->tender == TD_TENDER_CASH)
    r->refund->total = td_cash_round (r->refund->total, r->config->cash_step);

  next = td_database_prepare (db,
    "SELECT coalesce (max (refund_no), 0) + 1 FROM refund WHERE register_id = ?", error);
  if (next == NULL)
    return FALSE;
  sqlite3_bind_text (next, 1, req->register_id, -1, SQLITE_STATIC);
  if (!td_stock_query_int64 (db, next, &r->refund->refund_no, NULL, error))
    return FALSE;

  stmt = td_database_prepare (db,
    "INSERT INTO refund (sale_id, register_id, refund_no, staff_id, created_at, refund_day, "
    "                    total, tender, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, req->sale_id);
  sqlite3_bind_text (stmt, 2, req->register_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, r->refund->refund_no);
  td_stock_bind_id (stmt, 4, r->staff_id);
  sqlite3_bind_int64 (stmt, 5, r->now_us);
  sqlite3_bind_int (stmt, 6, td_counter_local_day (r->now_us));
  sqlite3_bind_int64 (stmt, 7, r->refund->total);
  sqlite3_bind_text (stmt, 8, td_tender_kind_to_string (req->tender), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, r->refund->reason, -1, SQLITE_STATIC);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  r->refund->id = sqlite3_last_insert_rowid (td_database_get_handle (db));

  number = td_receipt_number_format (r->refund->refund_no);
  note = g_strdup_printf (_("Refund %s"), number);
  for (guint i = 0; i < r->refund->lines->len; i++)
    if (!write_line (db, r, &g_array_index (r->refund->lines, TdRefundLine, i), note, error))
      return FALSE;
  if (!pay_back (db, r, note, error))
    return FALSE;

  td_stock_json_string (detail, "register", req->register_id);
  td_stock_json_int (detail, "refund_no", r->refund->refund_no);
  td_stock_json_int (detail, "sale_id", req->sale_id);
  td_stock_json_int (detail, "receipt_no", r->sale->receipt_no);
  td_stock_json_int (detail, "total", r->refund->total);
  td_stock_json_string (detail, "tender", td_tender_kind_to_string (req->tender));
  td_stock_json_int (detail, "lines", r->refund->lines->len);
  for (guint i = 0; i < r->refund->lines->len; i++)
    relisted += g_array_index (r->refund->lines, TdRefundLine, i).relisted;
  if (relisted > 0)
    td_stock_json_int (detail, "relisted", relisted);
  if (req->override_staff_id > 0)
    td_stock_json_int (detail, "window_override_by", req->override_staff_id);
  if (r->refund->gift_card_code != NULL)
    td_stock_json_string (detail, "gift_card", r->refund->gift_card_code);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, r->now_us, r->staff_id, "refund.completed", "refund",
                                r->refund->id, detail->str, error);
}

/* Whether the sale is outside the refund window; reads the sale outside the transaction. */
static gboolean
check_window (TdDatabase             *db,
              const TdRefundRequest  *req,
              const TdCounterConfig  *config,
              gint64                  staff_id,
              gint64                  now_us,
              GError                **error)
{
  g_autoptr(TdSale) sale = td_counter_load_sale (db, req->sale_id, error);
  gint64 limit;

  if (sale == NULL)
    return FALSE;
  if (config->refund_window_days <= 0)
    return TRUE;
  limit = sale->created_at + config->refund_window_days * TD_DAY_US;
  if (now_us <= limit)
    return TRUE;
  if (req->override_staff_id <= 0)
    {
      g_autofree char *number = td_receipt_number_format (sale->receipt_no);

      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_WINDOW,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Receipt %s is older than the %d-day return window. A manager "
                                "can approve the return.",
                                "Receipt %s is older than the %d-day return window. A manager "
                                "can approve the return.",
                                config->refund_window_days),
                   number, config->refund_window_days);
      return FALSE;
    }
  return td_counter_permit (db, req->override_staff_id, TD_COUNTER_ACT_REFUND_OUTSIDE_WINDOW, 0, 0,
                            now_us, error);
}

/**
 * td_store_returns_refund:
 * @request: what to refund and how
 * @staff_id: who gives the refund; refunds over `staff.refund_limit` need
 *   %TD_PERMISSION_REFUND_OVER_LIMIT (td_counter_permit())
 * @now_us: when, UTC µs
 * @refund: (out) (optional) (transfer full): the refund as written, for the refund receipt
 * @error: %TD_SALE_ERROR_NOT_FOUND, %TD_SALE_ERROR_ALREADY_REFUNDED,
 *   %TD_SALE_ERROR_REFUND_TOO_LARGE, %TD_SALE_ERROR_REFUND_WINDOW, %TD_SALE_ERROR_INVALID,
 *   a permission error or a database error; nothing is written then
 */
gboolean
td_store_returns_refund (TdDatabase             *db,
                         const TdRefundRequest  *request,
                         gint64                  staff_id,
                         gint64                  now_us,
                         TdRefund              **refund,
                         GError                **error)
{
  g_auto(TdCounterConfig) config = { 0 };
  TdRefundRequest req;
  Refund r = { &req, &config, staff_id, now_us, NULL, td_refund_new () };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  req = *request;
  if (req.register_id == NULL)
    req.register_id = TD_REGISTER_DEFAULT;
  r.refund->register_id = g_strdup (req.register_id);
  r.refund->sale_id = req.sale_id;
  r.refund->staff_id = staff_id;
  r.refund->created_at = now_us;
  r.refund->tender = req.tender;
  r.refund->reason = td_stock_trim (req.reason);
  r.refund->override_staff_id = req.override_staff_id;

  ok = td_store_sales_load_config (db, &config, error) &&
       check_window (db, &req, &config, staff_id, now_us, error);
  if (ok)
    {
      /* The permission check needs the amount: a dry run of the lines outside the txn. */
      g_autoptr(TdRefund) probe = td_refund_new ();
      Refund dry = { &req, &config, staff_id, now_us, td_counter_load_sale (db, req.sale_id, error),
                     probe };

      ok = dry.sale != NULL && check_lines (db, &dry, error) &&
           td_counter_permit (db, staff_id, TD_COUNTER_ACT_REFUND, probe->total, 0, now_us, error);
      g_clear_pointer (&dry.sale, td_sale_unref);
    }
  if (ok)
    ok = td_database_transaction (db, refund_txn, &r, error);
  if (ok)
    r.refund->receipt_no = r.sale->receipt_no;
  g_clear_pointer (&r.sale, td_sale_unref);
  if (ok && refund != NULL)
    *refund = g_steal_pointer (&r.refund);
  g_clear_pointer (&r.refund, td_refund_unref);
  return ok;
}

/**
 * td_store_returns_get:
 *
 * Returns: (transfer full) (nullable): a refund as written (refund receipt reprints), or
 *   %NULL with %TD_SALE_ERROR_NOT_FOUND or a database error
 */
TdRefund *
td_store_returns_get (TdDatabase  *db,
                      gint64       refund_id,
                      GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(TdStmt) lines = NULL;
  g_autoptr(TdRefund) refund = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db,
    "SELECT r.sale_id, r.register_id, r.refund_no, s.receipt_no, r.created_at, "
    "       coalesce (r.staff_id, 0), r.total, r.tender, r.reason "
    "FROM refund r JOIN sale s ON s.id = r.sale_id WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, refund_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        td_database_set_error (db, rc, "reading a refund", error);
      else
        g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                             _("This refund is not in the shop’s records."));
      return NULL;
    }
  refund = td_refund_new ();
  refund->id = refund_id;
  refund->sale_id = sqlite3_column_int64 (stmt, 0);
  refund->register_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  refund->refund_no = sqlite3_column_int64 (stmt, 2);
  refund->receipt_no = sqlite3_column_int64 (stmt, 3);
  refund->created_at = sqlite3_column_int64 (stmt, 4);
  refund->staff_id = sqlite3_column_int64 (stmt, 5);
  refund->total = sqlite3_column_int64 (stmt, 6);
  if (!td_tender_kind_from_string ((const char *) sqlite3_column_text (stmt, 7), &refund->tender))
    refund->tender = TD_TENDER_CASH;
  refund->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 8));

  lines = td_database_prepare (db,
    "SELECT r.id, r.sale_line_id, l.sku, l.title, r.amount, r.tax, r.consignor_share, "
    "       r.restock = 'damaged' "
    "FROM refund_line r JOIN sale_line l ON l.id = r.sale_line_id WHERE r.refund_id = ? "
    "ORDER BY r.id", error);
  if (lines == NULL)
    return NULL;
  sqlite3_bind_int64 (lines, 1, refund_id);
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    {
      TdRefundLine l = {
        sqlite3_column_int64 (lines, 0),
        sqlite3_column_int64 (lines, 1),
        g_strdup ((const char *) sqlite3_column_text (lines, 2)),
        g_strdup ((const char *) sqlite3_column_text (lines, 3)),
        sqlite3_column_int64 (lines, 4),
        sqlite3_column_int64 (lines, 5),
        sqlite3_column_int64 (lines, 6),
        sqlite3_column_int (lines, 7) != 0,
      };

      g_array_append_val (refund->lines, l);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "reading refund lines", error);
      return NULL;
    }
  return g_steal_pointer (&refund);
}
