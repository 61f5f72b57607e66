/* td-store-gift-cards.h — gift cards: issue, top up, balance; redeemed as a sale's tender.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-sale.h"

G_BEGIN_DECLS

gboolean td_store_gift_cards_issue   (TdDatabase    *db,
                                      const char    *register_id,
                                      const char    *code,
                                      gint64         amount,
                                      TdTenderKind   paid_with,
                                      gint64         staff_id,
                                      gint64         now_us,
                                      char         **issued_code,
                                      GError       **error);
gboolean td_store_gift_cards_top_up  (TdDatabase    *db,
                                      const char    *register_id,
                                      const char    *code,
                                      gint64         amount,
                                      TdTenderKind   paid_with,
                                      gint64         staff_id,
                                      gint64         now_us,
                                      GError       **error);
gboolean td_store_gift_cards_balance (TdDatabase    *db,
                                      const char    *code,
                                      gint64        *balance,
                                      GError       **error);

G_END_DECLS
