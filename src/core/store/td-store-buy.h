/* td-store-buy.h — buying at the counter: a walk-in seller is paid in cash or store credit for
 * items the shop takes in outright (shop stock with its cost), in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-item-draft.h"
#include "td-sale.h"

G_BEGIN_DECLS

/**
 * TdBuyRequest:
 * @drafts: (array length=n_drafts): the items; each with its @cost (what the seller gets) and
 *   its selling price
 * @pay_with: %TD_TENDER_CASH or %TD_TENDER_STORE_CREDIT
 * @consignor_id: store credit to this consignor's balance; 0: as a new gift card
 * @credit_bonus_bp: store credit only: extra credit on top of the cost (e.g. 2000 = +20 %)
 */
typedef struct
{
  const char         *register_id;
  const TdItemDraft  *drafts;
  guint               n_drafts;
  TdTenderKind        pay_with;
  gint64              consignor_id;
  int                 credit_bonus_bp;
} TdBuyRequest;

/* What was bought: @skus for the tags; @gift_card_code when credit went on a new card. */
typedef struct
{
  gint64   intake_id;
  gint64   cost;        /* Σ cost */
  gint64   paid;        /* cash paid, or credit given (cost + bonus) */
  GArray  *item_ids;    /* (element-type gint64) */
  GStrv    skus;
  char    *gift_card_code;
} TdBuyResult;

gboolean td_store_buy_outright   (TdDatabase          *db,
                                  const TdBuyRequest  *request,
                                  gint64               staff_id,
                                  gint64               now_us,
                                  TdBuyResult         *result,
                                  GError             **error);
void     td_buy_result_clear     (TdBuyResult         *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdBuyResult, td_buy_result_clear)

G_END_DECLS
