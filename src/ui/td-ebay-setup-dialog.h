/* td-ebay-setup-dialog.h — an eBay account's one-time setup, asked of eBay itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"
#include "td-marketplace.h"

G_BEGIN_DECLS

#define TD_TYPE_EBAY_SETUP_DIALOG (td_ebay_setup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdEbaySetupDialog, td_ebay_setup_dialog, TD, EBAY_SETUP_DIALOG, AdwWindow)

/* @marketplace: the account's eBay class (td_marketplace_new_for_account()). Emits "saved"
 * once the settings are written, then closes. */
TdEbaySetupDialog *td_ebay_setup_dialog_new (TdContext                  *context,
                                             const TdMarketplaceAccount *account,
                                             TdMarketplace              *marketplace);

G_END_DECLS
