/* td-ebay.h — eBay's one-time seller setup, for Preferences → Marketplaces.
 *
 * Before the first publish an eBay account needs business policies (fulfillment, payment,
 * return; read through the Account API), an inventory location (merchantLocationKey), and a
 * category per item kind (Taxonomy suggestions). These helpers ask eBay; what staff pick goes
 * into the account's settings (fulfillment_policy_id, payment_policy_id, return_policy_id,
 * merchant_location_key, category_map, default_category_id).
 *
 * @marketplace must be an eBay account's class (td_marketplace_new_for_account()). Failures
 * are GErrors in TD_STOCK_ERROR with eBay's own words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-marketplace.h"

G_BEGIN_DECLS

/* A policy, a location or a category suggestion: an id and its name. */
typedef struct
{
  char *id;
  char *name;
} TdEbayChoice;

void   td_ebay_choice_free (TdEbayChoice *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdEbayChoice, td_ebay_choice_free)

/* The identity token endpoint for @account (settings urls.identity, else eBay's own,
 * sandbox or production), to build its TdCredentials. Returns: (transfer full) */
char      *td_ebay_token_url_for      (const TdMarketplaceAccount *account);

/* @kind: "fulfillment", "payment" or "return".
 * finish: (element-type TdEbayChoice) (transfer full) */
void       td_ebay_list_policies_async  (TdMarketplace       *marketplace,
                                         const char          *kind,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *td_ebay_list_policies_finish (TdMarketplace       *marketplace,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Creates the inventory location @key (≤ 36 characters) of type STORE at @postal_code,
 * @country ("US"), named @name. */
void       td_ebay_create_location_async  (TdMarketplace       *marketplace,
                                           const char          *key,
                                           const char          *name,
                                           const char          *postal_code,
                                           const char          *country,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   td_ebay_create_location_finish (TdMarketplace       *marketplace,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Category suggestions for @query in the marketplace's default category tree.
 * finish: (element-type TdEbayChoice) (transfer full) */
void       td_ebay_suggest_categories_async  (TdMarketplace       *marketplace,
                                              const char          *query,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray *td_ebay_suggest_categories_finish (TdMarketplace       *marketplace,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
