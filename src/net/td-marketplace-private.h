/* td-marketplace-private.h — the constructors the factory in td-marketplace.c calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-marketplace.h"

G_BEGIN_DECLS

/* Each takes a copy of @account and a reference on @session and @credentials. */
TdMarketplace *td_ebay_new        (SoupSession *session, const TdMarketplaceAccount *account,
                                   TdCredentials *credentials);
TdMarketplace *td_shopify_new     (SoupSession *session, const TdMarketplaceAccount *account,
                                   TdCredentials *credentials);
TdMarketplace *td_etsy_new        (SoupSession *session, const TdMarketplaceAccount *account,
                                   TdCredentials *credentials);
TdMarketplace *td_woocommerce_new (SoupSession *session, const TdMarketplaceAccount *account,
                                   TdCredentials *credentials);

G_END_DECLS
