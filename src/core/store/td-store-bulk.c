/* td-store-bulk.c — actions on a selection of items: mark down, set a price, return to the
 * consignor, donate.
 *
 * All or nothing: every item is checked first, and if any can't take the action (it left the
 * floor, or its new price would fall below the consignor's minimum and the staff member lacks
 * TD_PERMISSION_PRICE_BELOW_MINIMUM) the whole selection is
 * refused with one problem per item, and nothing is written. Each changed item gets its own
 * audit row, so an item's history reads the same whether it was changed alone or in bulk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-permission.h"
#include "td-pricing.h"
#include "td-store-stock-private.h"

typedef enum
{
  BULK_MARK_DOWN,
  BULK_SET_PRICE,
  BULK_RETURN,
  BULK_DONATE,
} BulkKind;

typedef struct
{
  BulkKind      kind;
  const gint64 *item_ids;
  guint         n_items;
  int           percent_bp;
  gint64        price;
  gint64        staff_id;
  gint64        now_us;
  int           below_minimum;  /* may go below the consignor minimum: -1 not asked yet */
} Bulk;

/* Asked once per action, at the first item that would go below its minimum: a manager may,
 * a cashier may with an override (td_store_authorize() consumes its one-shot grant here). */
static gboolean
may_go_below_minimum (TdDatabase *db,
                      Bulk       *bulk)
{
  if (bulk->below_minimum < 0)
    bulk->below_minimum = td_store_authorize (db, bulk->staff_id,
                                              TD_PERMISSION_PRICE_BELOW_MINIMUM, NULL,
                                              bulk->now_us, NULL);
  return bulk->below_minimum > 0;
}

static gint64
new_price (const Bulk        *bulk,
           const TdStockItem *item)
{
  if (bulk->kind == BULK_MARK_DOWN)
    return td_pricing_percent_off (item->price, bulk->percent_bp);
  return bulk->price;
}

/* Adds the problems that keep @item out of @bulk; returns whether it had any status problem. */
static gboolean
check_item (TdDatabase        *db,
            Bulk              *bulk,
            const TdStockItem *item,
            GPtrArray         *problems)
{
  gint64 price;

  if (g_strcmp0 (item->status, "available") != 0)
    {
      td_stock_problem_not_available (problems, item);
      return TRUE;
    }

  switch (bulk->kind)
    {
    case BULK_MARK_DOWN:
    case BULK_SET_PRICE:
      price = new_price (bulk, item);
      if (price <= 0)
        td_field_problems_add (problems, TD_FIELD_PRICE, item->id,
                               _("%s “%s” would cost nothing after this markdown."),
                               item->sku, item->title);
      else if (price < item->min_price && !may_go_below_minimum (db, bulk))
        td_field_problems_add (problems, TD_FIELD_PRICE, item->id,
                               _("%s “%s” can’t go below the consignor’s minimum price "
                                 "without a manager’s approval."),
                               item->sku, item->title);
      return FALSE;

    case BULK_RETURN:
      if (item->consignor_id == 0)
        {
          td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                                 _("%s “%s” is the shop’s own stock; there is no consignor to "
                                   "return it to."), item->sku, item->title);
          return TRUE;
        }
      return FALSE;

    case BULK_DONATE:
    default:
      return FALSE;
    }
}

static gboolean
bulk_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Bulk *bulk = user_data;
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autoptr(GArray) items = NULL;
  gboolean unavailable = FALSE;

  items = td_stock_load_selection (db, bulk->item_ids, bulk->n_items, problems, error);
  if (items == NULL)
    return FALSE;
  unavailable = problems->len > 0;
  for (guint i = 0; i < items->len; i++)
    unavailable |= check_item (db, bulk, &g_array_index (items, TdStockItem, i), problems);
  if (problems->len > 0)
    return td_stock_error_set_problems (error, unavailable ? TD_STOCK_ERROR_NOT_AVAILABLE
                                                           : TD_STOCK_ERROR_INVALID,
                                        problems);

  for (guint i = 0; i < items->len; i++)
    {
      const TdStockItem *item = &g_array_index (items, TdStockItem, i);
      gboolean ok;

      switch (bulk->kind)
        {
        case BULK_MARK_DOWN:
          ok = td_stock_item_set_price (db, item, new_price (bulk, item), "markdown",
                                        bulk->staff_id, bulk->now_us, error);
          break;
        case BULK_SET_PRICE:
          ok = td_stock_item_set_price (db, item, bulk->price, "bulk", bulk->staff_id,
                                        bulk->now_us, error);
          break;
        case BULK_RETURN:
          ok = td_stock_item_leave (db, item, "returned", "bulk", bulk->staff_id, bulk->now_us,
                                    error);
          break;
        case BULK_DONATE:
        default:
          ok = td_stock_item_leave (db, item, "donated", "bulk", bulk->staff_id, bulk->now_us,
                                    error);
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
run (TdDatabase  *db,
     Bulk        *bulk,
     GError     **error)
{
  if (bulk->n_items == 0)
    return TRUE;
  return td_database_transaction (db, bulk_txn, bulk, error);
}

/**
 * td_store_items_mark_down:
 * @db: a #TdDatabase
 * @item_ids: (array length=n_items): the selection (duplicates are counted once)
 * @n_items: its length
 * @percent_bp: how much to take off, 1 … 9999 basis points (2500 = 25 %); the reduction is
 *   rounded half up to the minor unit (td_pricing_percent_off())
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_INVALID (a bad percentage, or a price below an
 *   item's minimum: one problem per item), %TD_STOCK_ERROR_NOT_AVAILABLE (an item is not on
 *   sale), or a database error; nothing is written then
 *
 * Lowers the ticket price of every item of the selection, audited per item with old and new.
 */
gboolean
td_store_items_mark_down (TdDatabase    *db,
                          const gint64  *item_ids,
                          guint          n_items,
                          int            percent_bp,
                          gint64         staff_id,
                          gint64         now_us,
                          GError       **error)
{
  Bulk bulk = { BULK_MARK_DOWN, item_ids, n_items, percent_bp, 0, staff_id, now_us, -1 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);

  if (percent_bp < 1 || percent_bp > 9999)
    {
      g_autoptr(GPtrArray) problems = td_field_problems_new ();

      td_field_problems_add (problems, TD_FIELD_PERCENT, 0,
                             _("Enter a markdown between 0.01 %% and 99.99 %%."));
      return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);
    }
  return run (db, &bulk, error);
}

/**
 * td_store_items_set_price:
 * @db: a #TdDatabase
 * @item_ids: (array length=n_items): the selection
 * @n_items: its length
 * @price: the new ticket price, > 0, minor units
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location, as for td_store_items_mark_down()
 *
 * Gives every item of the selection the same price, audited per item with old and new.
 */
gboolean
td_store_items_set_price (TdDatabase    *db,
                          const gint64  *item_ids,
                          guint          n_items,
                          gint64         price,
                          gint64         staff_id,
                          gint64         now_us,
                          GError       **error)
{
  Bulk bulk = { BULK_SET_PRICE, item_ids, n_items, 0, price, staff_id, now_us, -1 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);

  if (price <= 0)
    {
      g_autoptr(GPtrArray) problems = td_field_problems_new ();

      td_field_problems_add (problems, TD_FIELD_PRICE, 0, _("The price must be more than zero."));
      return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);
    }
  return run (db, &bulk, error);
}

/**
 * td_store_items_return:
 * @db: a #TdDatabase
 * @item_ids: (array length=n_items): the selection: available consigned items
 * @n_items: its length
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_NOT_AVAILABLE (an item is not on sale or is the
 *   shop's own), or a database error; nothing is written then
 *
 * Gives items back to their consignors (status `returned`), audited per item. No money moves.
 */
gboolean
td_store_items_return (TdDatabase    *db,
                       const gint64  *item_ids,
                       guint          n_items,
                       gint64         staff_id,
                       gint64         now_us,
                       GError       **error)
{
  Bulk bulk = { BULK_RETURN, item_ids, n_items, 0, 0, staff_id, now_us, -1 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);

  return run (db, &bulk, error);
}

/**
 * td_store_items_donate:
 * @db: a #TdDatabase
 * @item_ids: (array length=n_items): the selection: available items
 * @n_items: its length
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_NOT_AVAILABLE, or a database error; nothing is
 *   written then
 *
 * Gives items away to charity (status `donated`), audited per item. No money moves.
 */
gboolean
td_store_items_donate (TdDatabase    *db,
                       const gint64  *item_ids,
                       guint          n_items,
                       gint64         staff_id,
                       gint64         now_us,
                       GError       **error)
{
  Bulk bulk = { BULK_DONATE, item_ids, n_items, 0, 0, staff_id, now_us, -1 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);

  return run (db, &bulk, error);
}
