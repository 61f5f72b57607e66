/* td-shopify-documents.h — every GraphQL document TdShopify sends to the Admin API 2026-10.
 *
 * One named operation per constant; the fake server in the tests recognises a request by its
 * operation name, and test-shopify validates every entry of td_shopify_documents against the
 * stored schema (tests/contracts/specs/shopify/admin_2026-10.json.gz).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The variant (with its product and inventory item) whose SKU is $query's "sku:'…'". */
extern const char TD_SHOPIFY_FIND_VARIANT_BY_SKU[];
/* The shop's primary location, when the account has no "location_id" setting. */
extern const char TD_SHOPIFY_PRIMARY_LOCATION[];
/* Upload targets for the item's photos. */
extern const char TD_SHOPIFY_STAGED_UPLOADS_CREATE[];
/* Creates the product with its one variant, stock and media in one go. */
extern const char TD_SHOPIFY_PRODUCT_SET[];
/* Title, description and price of a live product. */
extern const char TD_SHOPIFY_UPDATE_LISTING[];
/* An adopted or withdrawn product made live again: stock, status ACTIVE, price. */
extern const char TD_SHOPIFY_RELIST_LISTING[];
/* Sold in the shop: stock 0 at the location and status DRAFT. */
extern const char TD_SHOPIFY_WITHDRAW_LISTING[];
/* One page of orders by updated_at. */
extern const char TD_SHOPIFY_ORDERS[];

/* Every document above, NULL-terminated. */
extern const char *const td_shopify_documents[];

G_END_DECLS
