/* td-store-returns.h — refunds: lines of a sale given back, in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-sale.h"

G_BEGIN_DECLS

/**
 * TdRefundLineRequest:
 * @sale_line_id: a line of the sale, never refunded before
 * @amount: what to give back for it, tax included; -1: all that was paid for the line
 * @damaged: the item goes to 'damaged' instead of back on the floor
 */
typedef struct
{
  gint64   sale_line_id;
  gint64   amount;
  gboolean damaged;
} TdRefundLineRequest;

/**
 * TdRefundRequest:
 * @register_id: the register giving the money back (numbers refunds on its own sequence)
 * @sale_id: the sale (td_store_sales_get_by_receipt() / _by_token())
 * @lines: (array length=n_lines): the chosen lines
 * @tender: how the money goes back: cash, card, store credit (to @consignor_id's ledger, or
 *   as a gift card when @consignor_id is 0) or a gift card (@gift_card_code, or a new card)
 * @consignor_id: store credit to a consignor's balance; else 0
 * @gift_card_code: (nullable): the card to credit; %NULL issues a new card
 * @reason: (nullable): why, for the audit and the refund receipt
 * @override_staff_id: the manager who approves a refund outside the window; 0: none
 */
typedef struct
{
  const char                *register_id;
  gint64                     sale_id;
  const TdRefundLineRequest *lines;
  guint                      n_lines;
  TdTenderKind               tender;
  gint64                     consignor_id;
  const char                *gift_card_code;
  const char                *reason;
  gint64                     override_staff_id;
} TdRefundRequest;

gboolean td_store_returns_refund         (TdDatabase             *db,
                                          const TdRefundRequest  *request,
                                          gint64                  staff_id,
                                          gint64                  now_us,
                                          TdRefund              **refund,
                                          GError                **error);
TdRefund *td_store_returns_get           (TdDatabase             *db,
                                          gint64                  refund_id,
                                          GError                **error);
gboolean td_store_returns_line_paid      (const TdSale           *sale,
                                          guint                   position,
                                          gint64                 *paid);

G_END_DECLS
