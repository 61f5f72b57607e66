/* td-buy-dialog.h — buying from a walk-in seller at the counter (td-store-buy.h does the work).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-sell-page.h"

G_BEGIN_DECLS

#define TD_TYPE_BUY_DIALOG (td_buy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdBuyDialog, td_buy_dialog, TD, BUY_DIALOG, AdwWindow)

GtkWidget *td_buy_dialog_new      (TdSellPage  *page);

G_END_DECLS
