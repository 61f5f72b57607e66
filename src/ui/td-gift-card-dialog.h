/* td-gift-card-dialog.h — the counter's gift card dialog: issue a card, top one up, or look up
 * its balance (td-store-gift-cards.h does the work).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-sell-page.h"

G_BEGIN_DECLS

typedef enum
{
  TD_GIFT_CARD_ISSUE,
  TD_GIFT_CARD_TOP_UP,
  TD_GIFT_CARD_BALANCE,
} TdGiftCardMode;

#define TD_TYPE_GIFT_CARD_DIALOG (td_gift_card_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdGiftCardDialog, td_gift_card_dialog, TD, GIFT_CARD_DIALOG, AdwWindow)

GtkWidget *td_gift_card_dialog_new (TdSellPage     *page,
                                    TdGiftCardMode  mode);

G_END_DECLS
