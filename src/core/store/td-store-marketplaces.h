/* td-store-marketplaces.h — the shop's marketplace accounts (table `marketplace_account`).
 *
 * An account row holds what is not secret: kind, a name staff chose, the base URL (host and
 * base path, so tests and sandboxes point anywhere), sandbox or production, and a JSON object
 * of settings (other base URLs, eBay policy ids and location key, Etsy shop id and profile
 * ids, Shopify location id, order-poll interval …). Tokens and keys never come here: they are
 * in TdSecrets under td_store_marketplaces_secret_name().
 *
 * Adding, changing and disconnecting need TD_PERMISSION_MARKETPLACE_ACCOUNTS and are audited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* `marketplace_account.kind` */
#define TD_MARKETPLACE_EBAY        "ebay"
#define TD_MARKETPLACE_SHOPIFY     "shopify"
#define TD_MARKETPLACE_ETSY        "etsy"
#define TD_MARKETPLACE_WOOCOMMERCE "woocommerce"

typedef struct
{
  gint64    id;
  char     *kind;          /* TD_MARKETPLACE_* */
  char     *name;          /* "eBay (Main St)" */
  char     *base_url;      /* host + base path, no trailing slash */
  gboolean  sandbox;
  char     *settings;      /* JSON object text, "{}" when none; never secrets */
  gboolean  active;        /* FALSE once disconnected (rows stay: sales refer to them) */
  gint64    created_at;    /* UTC µs */
} TdMarketplaceAccount;

void                  td_marketplace_account_free (TdMarketplaceAccount *account);
TdMarketplaceAccount *td_marketplace_account_copy (const TdMarketplaceAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdMarketplaceAccount, td_marketplace_account_free)

/* "marketplace:<kind>:<id>": where the account's secret JSON lives in TdSecrets. */
char                 *td_store_marketplaces_secret_name (const TdMarketplaceAccount *account);

/* Production base URL of a kind ("https://api.ebay.com/sell/inventory/v1" …); for Shopify and
 * WooCommerce, which live on the shop's own host, a template the user completes. */
const char           *td_store_marketplaces_default_base_url (const char *kind,
                                                              gboolean    sandbox);

/* Every account, active first then by name; @include_inactive adds disconnected ones.
 * Returns: (element-type TdMarketplaceAccount) (transfer full) */
GPtrArray            *td_store_marketplaces_list  (TdDatabase   *db,
                                                   gboolean      include_inactive,
                                                   GError      **error);
TdMarketplaceAccount *td_store_marketplaces_get   (TdDatabase   *db,
                                                   gint64        account_id,
                                                   GError      **error);

/* Validates kind, non-empty name, an http(s) base URL, and that @settings is a JSON object;
 * refuses with TD_STOCK_ERROR_INVALID and a plain message otherwise. Returns the new id, 0
 * on error. */
gint64                td_store_marketplaces_add   (TdDatabase   *db,
                                                   const char   *kind,
                                                   const char   *name,
                                                   const char   *base_url,
                                                   gboolean      sandbox,
                                                   const char   *settings,
                                                   gint64        staff_id,
                                                   gint64        now_us,
                                                   GError      **error);
gboolean              td_store_marketplaces_update (TdDatabase  *db,
                                                   const TdMarketplaceAccount *account,
                                                   gint64        staff_id,
                                                   gint64        now_us,
                                                   GError      **error);
/* active = 0; pending jobs of the account are set aside ('failed', "Account disconnected"). */
gboolean              td_store_marketplaces_disconnect (TdDatabase *db,
                                                   gint64        account_id,
                                                   gint64        staff_id,
                                                   gint64        now_us,
                                                   GError      **error);

G_END_DECLS
