/* td-store-buy.c — buying at the counter: a walk-in seller is paid for items the shop takes
 * in outright. One transaction: an intake session of bought stock (td-store-intake.c: SKUs
 * "B-000123", cost recorded), the payment — cash out of the open till (a 'payout' movement),
 * or store credit with an optional bonus (to a consignor's ledger, or on a new gift card) —
 * and an audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-store-buy.h"
#include "td-store-counter-private.h"

void
td_buy_result_clear (TdBuyResult *result)
{
  g_clear_pointer (&result->item_ids, g_array_unref);
  g_clear_pointer (&result->skus, g_strfreev);
  g_clear_pointer (&result->gift_card_code, g_free);
}

typedef struct
{
  const TdBuyRequest *req;
  gint64              staff_id;
  gint64              now_us;
  TdBuyResult        *out;
} Buy;

static gboolean
buy_txn (TdDatabase  *db,
         gpointer     user_data,
         GError     **error)
{
  Buy *b = user_data;
  const TdBuyRequest *req = b->req;
  const char *register_id = req->register_id != NULL ? req->register_id : TD_REGISTER_DEFAULT;
  g_autoptr(GPtrArray) skus = g_ptr_array_new_null_terminated (req->n_drafts, g_free, TRUE);
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *note = NULL;
  g_autofree char *intake = NULL;
  gint64 bonus = 0;

  if (!td_stock_intake_start_in_txn (db, TD_ACQUISITION_BOUGHT, 0, b->staff_id, b->now_us,
                                     &b->out->intake_id, error))
    return FALSE;

  b->out->cost = 0;
  for (guint i = 0; i < req->n_drafts; i++)
    {
      gint64 item_id;
      char *sku;

      if (!td_stock_intake_add_in_txn (db, b->out->intake_id, &req->drafts[i], b->now_us,
                                       &item_id, &sku, error))
        return FALSE;
      g_array_append_val (b->out->item_ids, item_id);
      g_ptr_array_add (skus, sku);
      b->out->cost += MAX (req->drafts[i].cost, 0);
    }

  intake = g_strdup_printf ("%" G_GINT64_FORMAT, b->out->intake_id);
  /* TRANSLATORS: a ledger note; %s is the intake session's number */
  note = g_strdup_printf (_("Bought at the counter, intake %s"), intake);
  if (req->pay_with == TD_TENDER_CASH)
    {
      b->out->paid = b->out->cost;
      if (!td_counter_till_record (db, register_id, "payout", -b->out->paid, note, b->staff_id,
                                   b->now_us, error))
        return FALSE;
    }
  else
    {
      bonus = ((__int128) b->out->cost * req->credit_bonus_bp + 5000) / 10000;
      b->out->paid = b->out->cost + bonus;
      if (req->consignor_id > 0 && b->out->paid > 0)
        {
          TdLedgerEntry credit = { TD_LEDGER_ADJUSTMENT, req->consignor_id, b->out->paid, 0, 0, 0,
                                   note };

          if (!td_store_ledger_append (db, &credit, b->now_us, NULL, error))
            return FALSE;
        }
      else if (b->out->paid > 0)
        {
          gint64 card_id;

          if (!td_counter_gift_card_new (db, NULL, b->now_us, &card_id,
                                         &b->out->gift_card_code, error) ||
              !td_counter_gift_card_move (db, card_id, b->out->paid, 0, b->now_us, error))
            return FALSE;
        }
    }

  g_ptr_array_add (skus, NULL);
  b->out->skus = (GStrv) g_ptr_array_steal (skus, NULL);

  td_stock_json_int (detail, "intake_id", b->out->intake_id);
  td_stock_json_int (detail, "items", req->n_drafts);
  td_stock_json_int (detail, "cost", b->out->cost);
  td_stock_json_int (detail, "paid", b->out->paid);
  td_stock_json_string (detail, "paid_with", td_tender_kind_to_string (req->pay_with));
  if (bonus > 0)
    td_stock_json_int (detail, "credit_bonus", bonus);
  if (req->consignor_id > 0)
    td_stock_json_int (detail, "consignor_id", req->consignor_id);
  if (b->out->gift_card_code != NULL)
    td_stock_json_string (detail, "gift_card", b->out->gift_card_code);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, b->now_us, b->staff_id, "purchase.completed", "intake",
                                b->out->intake_id, detail->str, error);
}

/**
 * td_store_buy_outright:
 * @request: the items and how the seller is paid
 * @result: (out caller-allocates): the intake, the new items and what was paid; clear with
 *   td_buy_result_clear()
 * @error: %TD_STOCK_ERROR_INVALID with the problems of an item (a missing cost, a price …),
 *   %TD_SALE_ERROR_INVALID, or a database error; nothing is written then
 *
 * Takes the items in as shop stock with their cost and pays the seller, in one transaction.
 */
gboolean
td_store_buy_outright (TdDatabase          *db,
                       const TdBuyRequest  *request,
                       gint64               staff_id,
                       gint64               now_us,
                       TdBuyResult         *result,
                       GError             **error)
{
  Buy b = { request, staff_id, now_us, result };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (request != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (request->n_drafts == 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Add the items you are buying first."));
      return FALSE;
    }
  if (request->pay_with != TD_TENDER_CASH && request->pay_with != TD_TENDER_STORE_CREDIT)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                           _("Pay the seller in cash or in store credit."));
      return FALSE;
    }
  if (request->credit_bonus_bp < 0 || request->credit_bonus_bp > 10000)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("The store credit bonus is a percent between 0 and 100."));
      return FALSE;
    }
  for (guint i = 0; i < request->n_drafts; i++)
    if (request->drafts[i].cost < 0)
      {
        g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                     _("Enter what you pay for “%s”."),
                     request->drafts[i].title != NULL ? request->drafts[i].title : "");
        return FALSE;
      }

  if (td_database_transaction (db, buy_txn, &b, error))
    return TRUE;
  td_buy_result_clear (result);
  result->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return FALSE;
}
