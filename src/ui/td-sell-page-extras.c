/* td-sell-page-extras.c — the counter's commands besides selling: gift cards (issue, top up,
 * balance) and buying from a walk-in seller. Each opens its dialog (td-gift-card-dialog.c,
 * td-buy-dialog.c), which does the one store call and gives the focus back to the scan field.
 *
 * No permission is asked here: the store functions (td-store-gift-cards.c, td-store-buy.c)
 * guard none of these acts — any signed-in staff member sells a gift card or buys at the
 * counter, as they take payment for a sale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include "td-buy-dialog.h"
#include "td-gift-card-dialog.h"
#include "td-sell-page-private.h"

static void
gift_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdGiftCardMode mode = TD_GIFT_CARD_BALANCE;

  if (g_str_equal (action_name, "sell.gift-card-issue"))
    mode = TD_GIFT_CARD_ISSUE;
  else if (g_str_equal (action_name, "sell.gift-card-top-up"))
    mode = TD_GIFT_CARD_TOP_UP;
  if (td_sell_page_get_database (TD_SELL_PAGE (widget)) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (td_gift_card_dialog_new (TD_SELL_PAGE (widget), mode)));
}

static void
buy_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  if (td_sell_page_get_database (TD_SELL_PAGE (widget)) == NULL)
    return;
  gtk_window_present (GTK_WINDOW (td_buy_dialog_new (TD_SELL_PAGE (widget))));
}

void
td_sell_page_install_extra_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sell.gift-card-issue", NULL, gift_card_action);
  gtk_widget_class_install_action (widget_class, "sell.gift-card-top-up", NULL, gift_card_action);
  gtk_widget_class_install_action (widget_class, "sell.gift-card-balance", NULL,
                                   gift_card_action);
  gtk_widget_class_install_action (widget_class, "sell.buy", NULL, buy_action);
}
