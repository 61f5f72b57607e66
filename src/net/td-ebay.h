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

/* @name: nullable, then the id. Returns: (transfer full) */
TdEbayChoice *td_ebay_choice_new  (const char   *id,
                                   const char   *name);
void          td_ebay_choice_free (TdEbayChoice *choice);
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

/* Whether the seller uses business policies (the SELLING_POLICY_MANAGEMENT program); policies
 * can only be listed and used once it is on. */
void       td_ebay_policies_opted_in_async  (TdMarketplace       *marketplace,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   td_ebay_policies_opted_in_finish (TdMarketplace       *marketplace,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Opts the seller in to business policies. eBay may take a while before policies can be
 * created; the seller creates them in Seller Hub. */
void       td_ebay_opt_in_policies_async    (TdMarketplace       *marketplace,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   td_ebay_opt_in_policies_finish   (TdMarketplace       *marketplace,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The account's inventory locations (key, name).
 * finish: (element-type TdEbayChoice) (transfer full) */
void       td_ebay_list_locations_async     (TdMarketplace       *marketplace,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray *td_ebay_list_locations_finish    (TdMarketplace       *marketplace,
                                             GAsyncResult        *result,
                                             GError             **error);

/* What eBay asks of items in a leaf category (td-ebay-category.c): the aspects it requires
 * (localized names, "Department") and the conditions it accepts there. */
typedef struct
{
  char      *category_id;
  GPtrArray *required_aspects;     /* (element-type utf8) */
  GPtrArray *conditions;           /* (element-type TdEbayChoice): id = the Inventory API's
                                    * condition ("USED_EXCELLENT"), or eBay's number when it
                                    * has no name there; name = eBay's label */
  gboolean   condition_required;
} TdEbayCategoryNeeds;

void                 td_ebay_category_needs_free   (TdEbayCategoryNeeds *needs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdEbayCategoryNeeds, td_ebay_category_needs_free)

/* The Inventory API's condition name for eBay's numeric condition id ("3000" →
 * "USED_EXCELLENT"), or NULL. */
const char          *td_ebay_condition_for_id      (const char          *condition_id);
/* Whether Thriftdesk fills the aspect @name from the item's own fields (Brand, Size, Color,
 * Material). */
gboolean             td_ebay_aspect_is_filled      (const char          *name);

void                 td_ebay_category_needs_async  (TdMarketplace       *marketplace,
                                                    const char          *category_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
TdEbayCategoryNeeds *td_ebay_category_needs_finish (TdMarketplace       *marketplace,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
