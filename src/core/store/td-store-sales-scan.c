/* td-store-sales-scan.c — scanning into the cart: a SKU (Code128 or the tag's QR), a
 * manufacturer code (EAN, UPC, ISBN), refusals in the shop's words ("… was sold on 12 Oct,
 * receipt 000123"); voiding a line and cancelling, audited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-product-code.h"
#include "td-receipt-token.h"
#include "td-store-counter-private.h"

#define MAX_SCAN_LENGTH 128

#define ITEM_COLUMNS \
  "SELECT i.id, i.sku, i.title, i.category_id, i.grade_id, i.consignor_id, " \
  "       coalesce (i.share_bp, c.share_bp, -1), i.price, i.min_price, i.intake_at, " \
  "       i.tag_colour, i.status, i.updated_at, coalesce (cat.tax_class, 'standard'), " \
  "       coalesce (g.label, '') " \
  "FROM item i LEFT JOIN consignor c ON c.id = i.consignor_id " \
  "LEFT JOIN category cat ON cat.id = i.category_id LEFT JOIN grade g ON g.id = i.grade_id "

/* Scanning ----------------------------------------------------------------------------- */

static GDateTime *
moment (gint64 now_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);

  return g_date_time_add (utc, now_us % G_USEC_PER_SEC);
}

static char *
format_day (gint64 at_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* TRANSLATORS: a short date in "Sold on 12 Oct, receipt 000123" */
  return g_date_time_format (local, _("%-d %b %Y"));
}

/* Why an item that is not available can't be sold, in the shop's words. */
static gboolean
refuse_status (TdDatabase  *db,
               gint64       item_id,
               const char  *title,
               const char  *sku,
               const char  *status,
               gint64       updated_at,
               GError     **error)
{
  g_autofree char *day = format_day (updated_at);

  if (g_str_equal (status, "sold"))
    {
      g_autoptr(TdStmt) stmt = td_database_prepare (db,
        "SELECT s.receipt_no, s.created_at FROM sale_line l JOIN sale s ON s.id = l.sale_id "
        "WHERE l.item_id = ? ORDER BY l.id DESC LIMIT 1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *number = td_receipt_number_format (sqlite3_column_int64 (stmt, 0));
          g_autofree char *sold = format_day (sqlite3_column_int64 (stmt, 1));

          g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE,
                       _("“%s” (%s) was sold on %s, receipt %s."), title, sku, sold, number);
          return FALSE;
        }
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE,
                   _("“%s” (%s) was sold on %s."), title, sku, day);
    }
  else if (g_str_equal (status, "returned"))
    g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE,
                 _("“%s” (%s) was returned to its consignor on %s."), title, sku, day);
  else if (g_str_equal (status, "donated"))
    g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE,
                 _("“%s” (%s) was donated on %s."), title, sku, day);
  else if (g_str_equal (status, "damaged"))
    g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE,
                 _("“%s” (%s) is marked damaged and can’t be sold."), title, sku);
  else if (g_str_equal (status, "held"))
    g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE,
                 _("“%s” (%s) is on hold for a customer."), title, sku);
  else
    g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE,
                 _("“%s” (%s) is not ready for sale yet: finish it at intake."), title, sku);
  return FALSE;
}

/* Fills @item from a row of ITEM_COLUMNS; strings point into the statement. */
static void
read_item (TdStmt     *stmt,
           int         default_share_bp,
           TdCartItem *item)
{
  int share = sqlite3_column_int (stmt, 6);

  item->item_id = sqlite3_column_int64 (stmt, 0);
  item->sku = (const char *) sqlite3_column_text (stmt, 1);
  item->title = (const char *) sqlite3_column_text (stmt, 2);
  item->category_id = sqlite3_column_int64 (stmt, 3);
  item->grade_id = sqlite3_column_int64 (stmt, 4);
  item->consignor_id = sqlite3_column_int64 (stmt, 5);
  item->share_bp = share >= 0 ? share : default_share_bp;
  item->price = sqlite3_column_int64 (stmt, 7);
  item->min_price = sqlite3_column_int64 (stmt, 8);
  item->intake_at = sqlite3_column_int64 (stmt, 9);
  item->tag_colour = (const char *) sqlite3_column_text (stmt, 10);
  item->tax_class = (const char *) sqlite3_column_text (stmt, 13);
  item->grade_label = (const char *) sqlite3_column_text (stmt, 14);
}

/* Adds the item @stmt stands on (already stepped to its row) to @cart, or says why not. */
static gboolean
add_row (TdDatabase            *db,
         TdStmt                *stmt,
         TdCart                *cart,
         const TdPricingRules  *rules,
         gint64                 now_us,
         GError               **error)
{
  TdStockDefaults defaults;
  TdCartItem item = { 0 };
  g_autoptr(GDateTime) at = moment (now_us);
  const char *status = (const char *) sqlite3_column_text (stmt, 11);

  if (!td_stock_load_defaults (db, &defaults, error))
    return FALSE;
  read_item (stmt, defaults.share_bp, &item);

  /* In the cart already beats any status: it is "available" until the sale commits. */
  if (td_cart_find_item (cart, item.item_id, NULL) != NULL || g_str_equal (status, "available"))
    return td_cart_add_item (cart, &item, rules, at, error);
  return refuse_status (db, item.item_id, item.title, item.sku, status,
                        sqlite3_column_int64 (stmt, 12), error);
}

static gboolean
scan_code (TdDatabase  *db,
           const char  *code,
           char       **cleaned,
           GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (code != NULL ? code : ""));
  const char *slash;

  if (*text == '\0')
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_MALFORMED_SCAN,
                           _("Nothing was scanned. Scan the tag again or type its SKU."));
      return FALSE;
    }
  if (strlen (text) > MAX_SCAN_LENGTH || !g_utf8_validate (text, -1, NULL))
    goto malformed;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      goto malformed;

  /* A tag QR that holds a link to the item keeps the SKU after its last '/'. */
  slash = strstr (text, "://") != NULL ? strrchr (text, '/') : NULL;
  *cleaned = g_strdup (slash != NULL ? slash + 1 : text);
  if (**cleaned == '\0')
    {
      g_clear_pointer (cleaned, g_free);
      goto malformed;
    }
  return TRUE;

malformed:
  g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_MALFORMED_SCAN,
                       _("The scan could not be read. Scan the tag again, a little slower, or "
                         "type its SKU."));
  return FALSE;
}

/**
 * td_store_sales_scan:
 * @cart: the cart to add to
 * @rules: (nullable): pricing rules (td_store_pricing_load_rules(), loaded once per cart)
 * @code: what the scanner typed or staff entered: a SKU (Code128 or the tag's QR) or a
 *   manufacturer code (EAN, UPC, ISBN)
 * @now_us: when, UTC µs: the moment the item is priced at
 * @line: (out) (optional) (transfer none): the new line, valid until the cart changes
 * @error: %TD_SALE_ERROR_MALFORMED_SCAN, %TD_SALE_ERROR_UNKNOWN_CODE,
 *   %TD_SALE_ERROR_ALREADY_IN_CART or %TD_SALE_ERROR_NOT_SELLABLE ("… was sold on 12 Oct,
 *   receipt 000123"), or a database error. The cart is unchanged then.
 *
 * Finds the item and adds it at its effective price. Reads only; writes nothing.
 */
gboolean
td_store_sales_scan (TdDatabase            *db,
                     TdCart                *cart,
                     const TdPricingRules  *rules,
                     const char            *code,
                     gint64                 now_us,
                     const TdCartLine     **line,
                     GError               **error)
{
  g_autofree char *text = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *product = NULL;
  TdProductCodeKind kind;
  guint before;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TD_IS_CART (cart), FALSE);

  if (!scan_code (db, code, &text, error))
    return FALSE;
  before = td_cart_get_n_lines (cart);
  upper = g_utf8_strup (text, -1);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(TdStmt) stmt = td_database_prepare (db, ITEM_COLUMNS "WHERE i.sku = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, attempt == 0 ? text : upper, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (!add_row (db, stmt, cart, rules, now_us, error))
            return FALSE;
          goto added;
        }
      if (rc != SQLITE_DONE)
        return td_database_set_error (db, rc, "looking up a SKU", error);
      if (g_str_equal (text, upper))
        break;
    }

  /* A manufacturer code: several copies may share one; sell an available one not yet in
   * the cart, else explain about the first. */
  if (td_product_code_normalize (text, &product, &kind))
    {
      gboolean any = FALSE;

      for (guint pass = 0; pass < 2; pass++)
        {
          g_autoptr(TdStmt) stmt = td_database_prepare (db, ITEM_COLUMNS
            "JOIN item_code ic ON ic.item_id = i.id WHERE ic.code = ? "
            "ORDER BY i.status = 'available' DESC, i.id", error);

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, product, -1, SQLITE_STATIC);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gboolean available = g_str_equal ((const char *) sqlite3_column_text (stmt, 11),
                                                "available");

              any = TRUE;
              /* first pass: an available copy not in the cart; second: explain the first */
              if (pass == 1 ||
                  (available && td_cart_find_item (cart, sqlite3_column_int64 (stmt, 0),
                                                   NULL) == NULL))
                {
                  if (!add_row (db, stmt, cart, rules, now_us, error))
                    return FALSE;
                  goto added;
                }
            }
          if (rc != SQLITE_DONE)
            return td_database_set_error (db, rc, "looking up a product code", error);
          if (!any)
            break;
        }
    }

  /* Not an item: a scanned receipt says so (an item's SKU always wins). */
  if (td_receipt_token_looks_like (text))
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_MALFORMED_SCAN,
                           _("This is a receipt, not an item: open it under Returns."));
      return FALSE;
    }
  g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_UNKNOWN_CODE,
               _("No item has the code “%s”. Check the tag, or search for the item by title."),
               text);
  return FALSE;

added:
  g_assert (td_cart_get_n_lines (cart) == before + 1);
  if (line != NULL)
    *line = td_cart_get_line (cart, before);
  return TRUE;
}

/* Adds item @item_id (a recalled cart's line) as a scan of its SKU would. */
gboolean
td_counter_cart_add_id (TdDatabase            *db,
                        TdCart                *cart,
                        const TdPricingRules  *rules,
                        gint64                 item_id,
                        gint64                 now_us,
                        GError               **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, ITEM_COLUMNS "WHERE i.id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return add_row (db, stmt, cart, rules, now_us, error);
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading an item", error);
  g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_UNKNOWN_CODE,
                       _("An item of the parked cart no longer exists."));
  return FALSE;
}

/**
 * td_store_sales_void_line:
 * @staff_id: who voids it (checked by td_counter_permit(); audited)
 * @error: %TD_SALE_ERROR_NOT_FOUND, a permission error or a database error
 *
 * Takes a line off the cart and records the void in the audit (loss prevention reads it).
 */
gboolean
td_store_sales_void_line (TdDatabase  *db,
                          TdCart      *cart,
                          gint64       item_id,
                          gint64       staff_id,
                          gint64       now_us,
                          GError     **error)
{
  const TdCartLine *line;
  g_autoptr(GString) detail = g_string_new ("{");

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TD_IS_CART (cart), FALSE);

  line = td_cart_find_item (cart, item_id, NULL);
  if (line == NULL)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                           _("This item is not in the cart."));
      return FALSE;
    }
  if (!td_counter_permit (db, staff_id, TD_COUNTER_ACT_VOID_LINE, line->price, 0, now_us, error))
    return FALSE;

  td_stock_json_string (detail, "sku", line->sku);
  td_stock_json_int (detail, "price", line->price);
  g_string_append_c (detail, '}');
  if (!td_store_audit_append (db, now_us, staff_id, "sale.line_voided", "item", item_id,
                              detail->str, error))
    return FALSE;
  td_cart_remove_item (cart, item_id);
  return TRUE;
}

/* Cancels the sale being built: audited (with what was in it), then the cart is emptied. */
gboolean
td_store_sales_cancel (TdDatabase  *db,
                       TdCart      *cart,
                       gint64       staff_id,
                       gint64       now_us,
                       GError     **error)
{
  TdCartTotals totals;
  g_autoptr(GString) detail = g_string_new ("{");

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TD_IS_CART (cart), FALSE);

  td_cart_get_totals (cart, &totals);
  if (totals.n_lines > 0)
    {
      td_stock_json_int (detail, "lines", totals.n_lines);
      td_stock_json_int (detail, "total", totals.total);
      g_string_append_c (detail, '}');
      if (!td_store_audit_append (db, now_us, staff_id, "sale.cancelled", "", 0, detail->str,
                                  error))
        return FALSE;
    }
  td_cart_clear (cart);
  return TRUE;
}

