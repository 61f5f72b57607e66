/* td-store-parked.c — carts put aside on a register and recalled later, even after a restart.
 *
 * A parked cart keeps what staff built (item ids, line discounts with reasons, the cart
 * discount) but no prices: recalling re-reads and re-prices every item, and an item that
 * left the floor meanwhile (sold online, at another till) is dropped with a sentence saying
 * why, never sold stale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-counter-private.h"

void
td_parked_cart_clear (TdParkedCart *parked)
{
  g_clear_pointer (&parked->label, g_free);
}

typedef struct
{
  const char *register_id;
  TdCart     *cart;
  const char *label;
  gint64      staff_id;
  gint64      now_us;
  gint64      parked_id;
} Park;

static gboolean
park_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Park *p = user_data;
  g_autoptr(GVariant) lines = g_variant_ref_sink (td_cart_serialize (p->cart));
  g_autofree char *text = g_variant_print (lines, TRUE);
  g_autofree char *label = td_stock_trim (p->label);
  g_autoptr(GString) detail = g_string_new ("{");
  g_autoptr(TdStmt) stmt = NULL;
  TdCartTotals totals;

  td_cart_get_totals (p->cart, &totals);
  stmt = td_database_prepare (db,
    "INSERT INTO parked_cart (register_id, label, staff_id, parked_at, n_items, total, lines) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->register_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_STATIC);
  td_stock_bind_id (stmt, 3, p->staff_id);
  sqlite3_bind_int64 (stmt, 4, p->now_us);
  sqlite3_bind_int (stmt, 5, totals.n_lines);
  sqlite3_bind_int64 (stmt, 6, totals.total);
  sqlite3_bind_text (stmt, 7, text, -1, SQLITE_STATIC);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  p->parked_id = sqlite3_last_insert_rowid (td_database_get_handle (db));

  td_stock_json_string (detail, "register", p->register_id);
  td_stock_json_int (detail, "lines", totals.n_lines);
  td_stock_json_int (detail, "total", totals.total);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, p->now_us, p->staff_id, "sale.parked", "parked_cart",
                                p->parked_id, detail->str, error);
}

/**
 * td_store_sales_park:
 * @register_id: (nullable): the register; %NULL: "main"
 * @cart: a cart with at least one line; emptied once parked
 * @label: (nullable): a note to find it again ("lady in the red coat")
 * @parked_id: (out) (optional): the parked cart
 *
 * Puts the cart aside durably (table `parked_cart`).
 */
gboolean
td_store_sales_park (TdDatabase  *db,
                     const char  *register_id,
                     TdCart      *cart,
                     const char  *label,
                     gint64       staff_id,
                     gint64       now_us,
                     gint64      *parked_id,
                     GError     **error)
{
  Park p = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, cart, label, staff_id,
             now_us, 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TD_IS_CART (cart), FALSE);

  if (td_cart_get_n_lines (cart) == 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_EMPTY,
                           _("The cart is empty: there is nothing to park."));
      return FALSE;
    }
  if (!td_database_transaction (db, park_txn, &p, error))
    return FALSE;
  td_cart_clear (cart);
  if (parked_id != NULL)
    *parked_id = p.parked_id;
  return TRUE;
}

/**
 * td_store_sales_list_parked:
 *
 * Returns: (transfer full) (element-type TdParkedCart) (nullable): the register's parked
 *   carts, oldest first; %NULL on error
 */
GArray *
td_store_sales_list_parked (TdDatabase  *db,
                            const char  *register_id,
                            GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TdParkedCart));
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  g_array_set_clear_func (out, (GDestroyNotify) td_parked_cart_clear);
  stmt = td_database_prepare (db,
    "SELECT id, label, parked_at, coalesce (staff_id, 0), n_items, total FROM parked_cart "
    "WHERE register_id = ? ORDER BY parked_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, register_id != NULL ? register_id : TD_REGISTER_DEFAULT, -1,
                     SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdParkedCart p = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
        (guint) sqlite3_column_int (stmt, 4),
        sqlite3_column_int64 (stmt, 5),
      };

      g_array_append_val (out, p);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "reading parked carts", error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

typedef struct
{
  gint64                parked_id;
  TdCart               *cart;
  const TdPricingRules *rules;
  gint64                now_us;
  GPtrArray            *dropped;
  gint64                staff_id;
} Recall;

static gboolean
recall_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Recall *r = user_data;
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT lines FROM parked_cart WHERE id = ?", error);
  g_autoptr(TdStmt) remove = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autoptr(GVariant) cart = NULL;
  g_autoptr(GVariantIter) lines = NULL;
  g_autofree char *reason = NULL;
  gint64 item_id, discount, amount;
  int percent;
  char *line_reason;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->parked_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return td_database_set_error (db, rc, "reading a parked cart", error);
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                           _("This parked cart was recalled already, on this or another till."));
      return FALSE;
    }
  cart = g_variant_parse (G_VARIANT_TYPE ("(a(xxs)xis)"),
                          (const char *) sqlite3_column_text (stmt, 0), NULL, NULL, NULL);
  if (cart == NULL)
    return td_database_set_error (db, SQLITE_CORRUPT, "parsing a parked cart", error);

  g_variant_get (cart, "(a(xxs)xis)", &lines, &amount, &percent, &reason);
  while (g_variant_iter_next (lines, "(xxs)", &item_id, &discount, &line_reason))
    {
      g_autofree char *why = line_reason;
      g_autoptr(GError) refused = NULL;

      if (!td_counter_cart_add_id (db, r->cart, r->rules, item_id, r->now_us, &refused))
        {
          if (refused->domain != TD_SALE_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&refused));
              return FALSE;
            }
          g_ptr_array_add (r->dropped, g_strdup (refused->message));
          continue;
        }
      /* The discount is kept unless the item's price fell below it meanwhile. */
      if (discount > 0)
        td_cart_set_line_discount (r->cart, item_id, discount, why, NULL);
    }
  if (amount > 0 || percent > 0)
    td_cart_set_cart_discount (r->cart, amount, percent, reason, NULL);

  remove = td_database_prepare (db, "DELETE FROM parked_cart WHERE id = ?", error);
  if (remove == NULL)
    return FALSE;
  sqlite3_bind_int64 (remove, 1, r->parked_id);
  if (!td_database_step_done (db, remove, error))
    return FALSE;

  td_stock_json_int (detail, "lines", td_cart_get_n_lines (r->cart));
  td_stock_json_int (detail, "dropped", r->dropped->len);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, r->now_us, r->staff_id, "sale.recalled", "parked_cart",
                                r->parked_id, detail->str, error);
}

/**
 * td_store_sales_recall:
 * @parked_id: a parked cart of td_store_sales_list_parked()
 * @cart: an empty cart to fill
 * @rules: (nullable): pricing rules for re-pricing
 * @dropped: (out) (optional) (transfer full) (element-type utf8): why items of the parked cart
 *   could not be recalled ("… was sold on 12 Oct, receipt 000123"); empty when all came back
 * @error: %TD_SALE_ERROR_INVALID (the cart is not empty), %TD_SALE_ERROR_NOT_FOUND, or a
 *   database error; the parked cart stays then and @cart stays empty
 *
 * Brings a parked cart back (and removes it from the parked list) with every item
 * re-priced now.
 */
gboolean
td_store_sales_recall (TdDatabase            *db,
                       gint64                 parked_id,
                       TdCart                *cart,
                       const TdPricingRules  *rules,
                       gint64                 now_us,
                       GPtrArray            **dropped,
                       GError               **error)
{
  Recall r = { parked_id, cart, rules, now_us, g_ptr_array_new_with_free_func (g_free), 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TD_IS_CART (cart), FALSE);

  if (td_cart_get_n_lines (cart) > 0)
    {
      g_ptr_array_unref (r.dropped);
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Complete, park or cancel the sale on screen before recalling "
                             "another."));
      return FALSE;
    }
  if (!td_database_transaction (db, recall_txn, &r, error))
    {
      td_cart_clear (cart);
      g_ptr_array_unref (r.dropped);
      return FALSE;
    }
  if (dropped != NULL)
    *dropped = r.dropped;
  else
    g_ptr_array_unref (r.dropped);
  return TRUE;
}
