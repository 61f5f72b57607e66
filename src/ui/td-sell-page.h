/* td-sell-page.h — the counter: scan tags into a cart, take payment, print the receipt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_SELL_PAGE (td_sell_page_get_type ())

G_DECLARE_FINAL_TYPE (TdSellPage, td_sell_page, TD, SELL_PAGE, AdwBin)

TdContext *td_sell_page_get_context  (TdSellPage  *self);
void       td_sell_page_set_context  (TdSellPage  *self,
                                      TdContext   *context);
gboolean   td_sell_page_scan         (TdSellPage  *self,
                                      const char  *code);

G_END_DECLS
