/* td-store-sales-read.c — reading completed sales back: by id, receipt number or signed
 * receipt token (reprints, returns), and the last sale of a register (crash recovery).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-receipt-token.h"
#include "td-store-counter-private.h"

static char *
column_dup (TdStmt *stmt,
            int     column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gboolean
load_lines (TdDatabase  *db,
            TdSale      *sale,
            GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT l.id, l.item_id, l.sku, l.title, coalesce (g.label, ''), l.consignor_id, "
    "       l.list_price, l.discount, l.price, l.tax, l.tax_rate_bp, l.share_bp, "
    "       l.consignor_share, r.id IS NOT NULL "
    "FROM sale_line l LEFT JOIN grade g ON g.id = l.grade_id "
    "LEFT JOIN refund_line r ON r.sale_line_id = l.id "
    "WHERE l.sale_id = ? ORDER BY l.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sale->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdSaleLine l = {
        .id = sqlite3_column_int64 (stmt, 0),
        .item_id = sqlite3_column_int64 (stmt, 1),
        .sku = column_dup (stmt, 2),
        .title = column_dup (stmt, 3),
        .grade_label = column_dup (stmt, 4),
        .consignor_id = sqlite3_column_int64 (stmt, 5),
        .list_price = sqlite3_column_int64 (stmt, 6),
        .discount = sqlite3_column_int64 (stmt, 7),
        .price = sqlite3_column_int64 (stmt, 8),
        .tax = sqlite3_column_int64 (stmt, 9),
        .tax_rate_bp = sqlite3_column_int (stmt, 10),
        .share_bp = sqlite3_column_int (stmt, 11),
        .consignor_share = sqlite3_column_int64 (stmt, 12),
        .refunded = sqlite3_column_int (stmt, 13) != 0,
      };
      guint b;

      g_array_append_val (sale->lines, l);
      for (b = 0; b < sale->n_bands; b++)
        if (sale->bands[b].rate_bp == l.tax_rate_bp)
          break;
      if (b == sale->n_bands)
        {
          if (b == TD_TAX_MAX_BANDS)
            b--;
          else
            sale->bands[sale->n_bands++].rate_bp = l.tax_rate_bp;
        }
      sale->bands[b].tax += l.tax;
      sale->bands[b].base += l.price - (sale->tax_inclusive ? l.tax : 0);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading sale lines", error);
  return TRUE;
}

static gboolean
load_payments (TdDatabase  *db,
               TdSale      *sale,
               GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT p.id, p.tender, p.amount, p.change, p.reference, coalesce (c.id, 0) "
    "FROM payment p LEFT JOIN consignor c ON p.tender = 'store_credit' AND c.code = p.reference "
    "WHERE p.sale_id = ? ORDER BY p.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sale->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdSalePayment p = {
        .id = sqlite3_column_int64 (stmt, 0),
        .amount = sqlite3_column_int64 (stmt, 2),
        .change = sqlite3_column_int64 (stmt, 3),
        .reference = column_dup (stmt, 4),
        .consignor_id = sqlite3_column_int64 (stmt, 5),
      };

      if (!td_tender_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &p.tender))
        p.tender = TD_TENDER_CARD;
      sale->change += p.change;
      g_array_append_val (sale->payments, p);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading payments", error);
  return TRUE;
}

/* Reads a whole sale (inside or outside a transaction); %TD_SALE_ERROR_NOT_FOUND. */
TdSale *
td_counter_load_sale (TdDatabase  *db,
                      gint64       sale_id,
                      GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT s.id, s.register_id, s.receipt_no, s.created_at, s.staff_id, coalesce (st.name, ''), "
    "       s.subtotal, s.discount, s.discount_reason, s.tax, s.rounding, s.total, s.status "
    "FROM sale s LEFT JOIN staff st ON st.id = s.staff_id WHERE s.id = ?", error);
  g_autoptr(TdSale) sale = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sale_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        td_database_set_error (db, rc, "reading a sale", error);
      else
        g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                             _("This sale is not in the shop’s records."));
      return NULL;
    }

  sale = td_sale_new ();
  sale->id = sqlite3_column_int64 (stmt, 0);
  sale->register_id = column_dup (stmt, 1);
  sale->receipt_no = sqlite3_column_int64 (stmt, 2);
  sale->created_at = sqlite3_column_int64 (stmt, 3);
  sale->staff_id = sqlite3_column_int64 (stmt, 4);
  sale->staff_name = column_dup (stmt, 5);
  sale->subtotal = sqlite3_column_int64 (stmt, 6);
  sale->discount = sqlite3_column_int64 (stmt, 7);
  sale->discount_reason = column_dup (stmt, 8);
  sale->tax = sqlite3_column_int64 (stmt, 9);
  sale->rounding = sqlite3_column_int64 (stmt, 10);
  sale->total = sqlite3_column_int64 (stmt, 11);
  sale->voided = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 12), "voided") == 0;
  /* Not stored: exclusive tax is the only way the total exceeds the lines. */
  sale->tax_inclusive = sale->total == sale->subtotal - sale->discount;

  if (!load_lines (db, sale, error) || !load_payments (db, sale, error))
    return NULL;
  return g_steal_pointer (&sale);
}

/**
 * td_store_sales_get:
 *
 * Returns: (transfer full) (nullable): the sale, or %NULL with %TD_SALE_ERROR_NOT_FOUND or
 *   a database error
 */
TdSale *
td_store_sales_get (TdDatabase  *db,
                    gint64       sale_id,
                    GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  return td_counter_load_sale (db, sale_id, error);
}

/**
 * td_store_sales_get_by_receipt:
 * @register_id: (nullable): the register that printed it; %NULL: "main"
 *
 * Returns: (transfer full) (nullable): the sale with this receipt number, or %NULL with
 *   %TD_SALE_ERROR_NOT_FOUND ("No receipt 000123 …")
 */
TdSale *
td_store_sales_get_by_receipt (TdDatabase  *db,
                               const char  *register_id,
                               gint64       receipt_no,
                               GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gint64 id;
  gboolean found;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db, "SELECT id FROM sale WHERE register_id = ? AND receipt_no = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, register_id != NULL ? register_id : TD_REGISTER_DEFAULT, -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, receipt_no);
  if (!td_stock_query_int64 (db, stmt, &id, &found, error))
    return NULL;
  if (!found)
    {
      g_autofree char *number = td_receipt_number_format (MAX (receipt_no, 0));

      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                   _("There is no receipt %s on this register. Check the number on the "
                     "receipt."), number);
      return NULL;
    }
  return td_counter_load_sale (db, id, error);
}

/**
 * td_store_sales_get_by_token:
 * @token: a scanned receipt QR (with or without its URL prefix)
 * @key: the shop's receipt key
 *
 * Returns: (transfer full) (nullable): the sale the verified token names; %NULL with
 *   %TD_SALE_ERROR_TOKEN_INVALID, %TD_SALE_ERROR_TOKEN_FOREIGN or %TD_SALE_ERROR_NOT_FOUND
 */
TdSale *
td_store_sales_get_by_token (TdDatabase  *db,
                             const char  *token,
                             GBytes      *key,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shop_id = NULL;
  TdReceiptTokenInfo info;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  shop_id = td_store_settings_dup (db, TD_SETTING_SHOP_ID, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!td_receipt_token_parse (token, shop_id != NULL ? shop_id : "", key, &info, error))
    return NULL;
  return td_store_sales_get_by_receipt (db, info.register_id, info.receipt_no, error);
}

/**
 * td_store_sales_dup_token:
 *
 * Returns: (transfer full) (nullable): the signed token for @sale's receipt QR, with the
 *   shop's URL prefix (setting `receipt.url_prefix`) when one is set
 */
char *
td_store_sales_dup_token (TdDatabase    *db,
                          const TdSale  *sale,
                          GBytes        *key,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shop_id = NULL;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (sale != NULL && key != NULL, NULL);

  shop_id = td_store_settings_dup (db, TD_SETTING_SHOP_ID, &local_error);
  if (local_error == NULL)
    prefix = td_store_settings_dup (db, TD_SETTING_RECEIPT_URL_PREFIX, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return td_receipt_token_encode (shop_id != NULL ? shop_id : "", key, sale->register_id,
                                  sale->receipt_no, prefix);
}

/**
 * td_store_sales_last:
 * @register_id: (nullable): the register; %NULL: "main"
 * @last: (out caller-allocates): the last completed sale of the register
 * @found: (out): %FALSE when the register never sold anything
 *
 * What the counter shows on start after a crash: "Last sale 000123 completed at 14:02 —
 * reprint / check payment". It never re-runs a payment by itself.
 */
gboolean
td_store_sales_last (TdDatabase  *db,
                     const char  *register_id,
                     TdLastSale  *last,
                     gboolean    *found,
                     GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(TdStmt) payments = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (last != NULL && found != NULL, FALSE);

  memset (last, 0, sizeof *last);
  *found = FALSE;
  stmt = td_database_prepare (db,
    "SELECT id, receipt_no, created_at, total, rounding FROM sale "
    "WHERE register_id = ? AND status = 'completed' ORDER BY receipt_no DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, register_id != NULL ? register_id : TD_REGISTER_DEFAULT, -1,
                     SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "reading the last sale", error);
  last->sale_id = sqlite3_column_int64 (stmt, 0);
  last->receipt_no = sqlite3_column_int64 (stmt, 1);
  last->created_at = sqlite3_column_int64 (stmt, 2);
  last->total = sqlite3_column_int64 (stmt, 3);
  last->paid = last->total + sqlite3_column_int64 (stmt, 4);

  payments = td_database_prepare (db,
    "SELECT tender, sum (amount) FROM payment WHERE sale_id = ? GROUP BY tender", error);
  if (payments == NULL)
    return FALSE;
  sqlite3_bind_int64 (payments, 1, last->sale_id);
  while ((rc = sqlite3_step (payments)) == SQLITE_ROW)
    {
      TdTenderKind kind;

      if (td_tender_kind_from_string ((const char *) sqlite3_column_text (payments, 0), &kind))
        last->by_tender[kind] = sqlite3_column_int64 (payments, 1);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading the last sale's payments", error);
  *found = TRUE;
  return TRUE;
}
