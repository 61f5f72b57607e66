/* td-store-gift-cards.c — gift cards: issued and topped up against cash or card, redeemed as
 * a sale's tender (td-store-sales.c). A card's balance is the sum of its movements, never a
 * stored number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-counter-private.h"
#include "td-store-gift-cards.h"

typedef struct
{
  const char   *register_id;
  const char   *code;
  gint64        amount;
  TdTenderKind  paid_with;
  gint64        staff_id;
  gint64        now_us;
  gboolean      issue;
  char         *issued_code;
} Load;

static gboolean
load_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Load *l = user_data;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *reason = NULL;
  gint64 card_id, balance;

  if (l->issue)
    {
      if (!td_counter_gift_card_new (db, l->code, l->now_us, &card_id, &l->issued_code, error))
        return FALSE;
    }
  else
    {
      if (!td_counter_gift_card_find (db, l->code, &card_id, &balance, error))
        return FALSE;
      l->issued_code = g_strstrip (g_ascii_strup (l->code, -1));
    }
  if (!td_counter_gift_card_move (db, card_id, l->amount, 0, l->now_us, error))
    return FALSE;

  reason = g_strdup_printf (_("Gift card %s"), l->issued_code);
  if (l->paid_with == TD_TENDER_CASH &&
      !td_counter_till_record (db, l->register_id, "paid_in", l->amount, reason, l->staff_id,
                               l->now_us, error))
    return FALSE;

  td_stock_json_string (detail, "code", l->issued_code);
  td_stock_json_int (detail, "amount", l->amount);
  td_stock_json_string (detail, "paid_with", td_tender_kind_to_string (l->paid_with));
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, l->now_us, l->staff_id,
                                l->issue ? "gift_card.issued" : "gift_card.topped_up",
                                "gift_card", card_id, detail->str, error);
}

static gboolean
load_card (TdDatabase  *db,
           Load        *l,
           GError     **error)
{
  if (l->amount <= 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Enter the amount to put on the gift card: more than zero."));
      return FALSE;
    }
  if (l->paid_with != TD_TENDER_CASH && l->paid_with != TD_TENDER_CARD)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID,
                           _("A gift card is paid for in cash or by card."));
      return FALSE;
    }
  return td_database_transaction (db, load_txn, l, error);
}

/**
 * td_store_gift_cards_issue:
 * @register_id: (nullable): the register taking the money; %NULL: "main"
 * @code: (nullable): the code of a pre-printed card; %NULL makes one up
 * @amount: what the card holds, > 0
 * @paid_with: %TD_TENDER_CASH (goes into the open till) or %TD_TENDER_CARD
 * @issued_code: (out) (transfer full) (optional): the card's code, for the receipt
 *
 * Sells a new gift card, audited, in one transaction.
 */
gboolean
td_store_gift_cards_issue (TdDatabase    *db,
                           const char    *register_id,
                           const char    *code,
                           gint64         amount,
                           TdTenderKind   paid_with,
                           gint64         staff_id,
                           gint64         now_us,
                           char         **issued_code,
                           GError       **error)
{
  Load l = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, code, amount, paid_with,
             staff_id, now_us, TRUE, NULL };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  ok = load_card (db, &l, error);
  if (ok && issued_code != NULL)
    *issued_code = g_steal_pointer (&l.issued_code);
  g_free (l.issued_code);
  return ok;
}

/**
 * td_store_gift_cards_top_up:
 * @code: an existing card
 *
 * Adds @amount to a card; %TD_SALE_ERROR_NOT_FOUND for an unknown code.
 */
gboolean
td_store_gift_cards_top_up (TdDatabase    *db,
                            const char    *register_id,
                            const char    *code,
                            gint64         amount,
                            TdTenderKind   paid_with,
                            gint64         staff_id,
                            gint64         now_us,
                            GError       **error)
{
  Load l = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, code, amount, paid_with,
             staff_id, now_us, FALSE, NULL };
  gboolean ok;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  ok = load_card (db, &l, error);
  g_free (l.issued_code);
  return ok;
}

/**
 * td_store_gift_cards_balance:
 * @balance: (out): what the card holds now
 * @error: %TD_SALE_ERROR_NOT_FOUND for an unknown code
 */
gboolean
td_store_gift_cards_balance (TdDatabase  *db,
                             const char  *code,
                             gint64      *balance,
                             GError     **error)
{
  gint64 card_id;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL && balance != NULL, FALSE);

  return td_counter_gift_card_find (db, code, &card_id, balance, error);
}
