/* td-shopify-documents.c — see td-shopify-documents.h.
 *
 * Multi-field mutations run their root fields one after the other (GraphQL executes mutation
 * fields serially), so one request withdraws or relists a listing completely.
 * inventorySetQuantities needs an @idempotent key since 2026-04 and an explicit
 * changeFromQuantity (null: Thriftdesk is the source of truth for its one-off items).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-shopify-documents.h"

#define VARIANT_FIELDS \
  "id sku price inventoryItem { id } product { id status }"

const char TD_SHOPIFY_FIND_VARIANT_BY_SKU[] =
  "query FindVariantBySku($query: String!) {\n"
  "  productVariants(first: 5, query: $query) {\n"
  "    nodes { " VARIANT_FIELDS " }\n"
  "  }\n"
  "}\n";

const char TD_SHOPIFY_PRIMARY_LOCATION[] =
  "query PrimaryLocation {\n"
  "  location { id name }\n"
  "}\n";

const char TD_SHOPIFY_STAGED_UPLOADS_CREATE[] =
  "mutation StagedUploadsCreate($input: [StagedUploadInput!]!) {\n"
  "  stagedUploadsCreate(input: $input) {\n"
  "    stagedTargets { url resourceUrl parameters { name value } }\n"
  "    userErrors { field message }\n"
  "  }\n"
  "}\n";

const char TD_SHOPIFY_PRODUCT_SET[] =
  "mutation ProductSet($input: ProductSetInput!) {\n"
  "  productSet(input: $input, synchronous: true) {\n"
  "    product {\n"
  "      id status\n"
  "      variants(first: 1) { nodes { " VARIANT_FIELDS " } }\n"
  "    }\n"
  "    userErrors { field message code }\n"
  "  }\n"
  "}\n";

const char TD_SHOPIFY_UPDATE_LISTING[] =
  "mutation UpdateListing($product: ProductUpdateInput!, $productId: ID!,\n"
  "                       $variants: [ProductVariantsBulkInput!]!) {\n"
  "  productUpdate(product: $product) {\n"
  "    product { id status }\n"
  "    userErrors { field message }\n"
  "  }\n"
  "  productVariantsBulkUpdate(productId: $productId, variants: $variants) {\n"
  "    productVariants { id price }\n"
  "    userErrors { field message code }\n"
  "  }\n"
  "}\n";

const char TD_SHOPIFY_RELIST_LISTING[] =
  "mutation RelistListing($quantities: InventorySetQuantitiesInput!, $key: String!,\n"
  "                       $product: ProductUpdateInput!, $productId: ID!,\n"
  "                       $variants: [ProductVariantsBulkInput!]!) {\n"
  "  inventorySetQuantities(input: $quantities) @idempotent(key: $key) {\n"
  "    userErrors { field message code }\n"
  "  }\n"
  "  productUpdate(product: $product) {\n"
  "    product { id status }\n"
  "    userErrors { field message }\n"
  "  }\n"
  "  productVariantsBulkUpdate(productId: $productId, variants: $variants) {\n"
  "    productVariants { id price }\n"
  "    userErrors { field message code }\n"
  "  }\n"
  "}\n";

const char TD_SHOPIFY_WITHDRAW_LISTING[] =
  "mutation WithdrawListing($quantities: InventorySetQuantitiesInput!, $key: String!,\n"
  "                         $product: ProductUpdateInput!) {\n"
  "  inventorySetQuantities(input: $quantities) @idempotent(key: $key) {\n"
  "    userErrors { field message code }\n"
  "  }\n"
  "  productUpdate(product: $product) {\n"
  "    product { id status }\n"
  "    userErrors { field message }\n"
  "  }\n"
  "}\n";

const char TD_SHOPIFY_ORDERS[] =
  "query Orders($first: Int!, $after: String, $query: String!) {\n"
  "  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n"
  "    pageInfo { hasNextPage endCursor }\n"
  "    nodes {\n"
  "      id name createdAt updatedAt cancelledAt displayFinancialStatus\n"
  "      totalPriceSet { shopMoney { amount currencyCode } }\n"
  "      lineItems(first: 50) {\n"
  "        nodes {\n"
  "          sku quantity\n"
  "          originalUnitPriceSet { shopMoney { amount } }\n"
  "          product { id }\n"
  "        }\n"
  "      }\n"
  "    }\n"
  "  }\n"
  "}\n";

const char *const td_shopify_documents[] = {
  TD_SHOPIFY_FIND_VARIANT_BY_SKU,
  TD_SHOPIFY_PRIMARY_LOCATION,
  TD_SHOPIFY_STAGED_UPLOADS_CREATE,
  TD_SHOPIFY_PRODUCT_SET,
  TD_SHOPIFY_UPDATE_LISTING,
  TD_SHOPIFY_RELIST_LISTING,
  TD_SHOPIFY_WITHDRAW_LISTING,
  TD_SHOPIFY_ORDERS,
  NULL,
};
