/* td-store-counter-private.h — shared by the counter's store files (sales, parked carts,
 * returns, till, gift cards, buying at the counter).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-store-stock-private.h"
#include "td-store-sales.h"
#include "td-store-till.h"

G_BEGIN_DECLS

/**
 * TdCounterAct:
 * The counter's acts that a role may be refused. td_counter_permit() is the ONE place the
 * counter asks whether @staff_id may do one; it maps each act to td-permission.h.
 */
typedef enum
{
  TD_COUNTER_ACT_VOID_LINE,          /* taking a scanned line off the cart */
  TD_COUNTER_ACT_DISCOUNT,           /* line or cart discounts; @amount = all discounts */
  TD_COUNTER_ACT_REFUND,             /* @amount = the refund */
  TD_COUNTER_ACT_REFUND_OUTSIDE_WINDOW,
  TD_COUNTER_ACT_TILL_MOVE,          /* paid-in / paid-out */
  TD_COUNTER_ACT_BELOW_MINIMUM,      /* a line sold below its consignor's minimum price */
} TdCounterAct;

gboolean td_counter_permit          (TdDatabase    *db,
                                     gint64         staff_id,
                                     TdCounterAct   act,
                                     gint64         amount,
                                     gint64         base,
                                     gint64         now_us,
                                     GError       **error);

int      td_counter_local_day       (gint64         now_us);
char    *td_counter_format_money    (TdDatabase    *db,
                                     gint64         amount);
gboolean td_counter_till_record     (TdDatabase    *db,
                                     const char    *register_id,
                                     const char    *kind,
                                     gint64         amount,
                                     const char    *reason,
                                     gint64         staff_id,
                                     gint64         now_us,
                                     GError       **error);
gboolean td_counter_gift_card_find  (TdDatabase    *db,
                                     const char    *code,
                                     gint64        *card_id,
                                     gint64        *balance,
                                     GError       **error);
gboolean td_counter_gift_card_move  (TdDatabase    *db,
                                     gint64         card_id,
                                     gint64         amount,
                                     gint64         sale_id,
                                     gint64         now_us,
                                     GError       **error);
gboolean td_counter_gift_card_new   (TdDatabase    *db,
                                     const char    *code,
                                     gint64         now_us,
                                     gint64        *card_id,
                                     char         **issued_code,
                                     GError       **error);
gboolean td_counter_consignor_balance (TdDatabase  *db,
                                       gint64       consignor_id,
                                       gint64      *balance,
                                       GError     **error);
gboolean td_counter_cart_add_id     (TdDatabase            *db,
                                     TdCart                *cart,
                                     const TdPricingRules  *rules,
                                     gint64                 item_id,
                                     gint64                 now_us,
                                     GError               **error);
TdSale  *td_counter_load_sale       (TdDatabase    *db,
                                     gint64         sale_id,
                                     GError       **error);

G_END_DECLS
