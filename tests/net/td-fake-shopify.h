/* td-fake-shopify.h — a stateful fake of Shopify's GraphQL Admin API for the sync tests.
 *
 * Serves POST /admin/api/2026-10/graphql.json on a TdFakeServer: it recognises each request
 * by its operation name (FindVariantBySku, ProductSet, WithdrawListing …), checks the
 * X-Shopify-Access-Token header, keeps products (one variant each, stock per location,
 * media), staged uploads and orders, and answers with Shopify's shapes including the
 * extensions.cost of every answer. Staged upload targets point at /staged-uploads/N on the
 * same server, which takes the multipart POST. Faults: THROTTLED answers with cost
 * extensions, userErrors for an operation; HTTP faults come from td_fake_server_add_fault().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-server.h"

G_BEGIN_DECLS

#define TD_FAKE_SHOPIFY_PATH     "/admin/api/2026-10/graphql.json"
#define TD_FAKE_SHOPIFY_LOCATION "gid://shopify/Location/71"

typedef struct
{
  char      *product_id;
  char      *variant_id;
  char      *inventory_item_id;
  char      *sku;
  char      *title;
  char      *description_html;
  char      *status;        /* ACTIVE, DRAFT … */
  char      *price;         /* "12.50" */
  int        quantity;      /* available at TD_FAKE_SHOPIFY_LOCATION */
  GPtrArray *media;         /* originalSource URLs (char *) */
} TdFakeShopifyProduct;

typedef struct _TdFakeShopify TdFakeShopify;

/* Registers on @server; requests must carry @token. */
TdFakeShopify *td_fake_shopify_new        (TdFakeServer  *server,
                                           const char    *token);
void           td_fake_shopify_free       (TdFakeShopify *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFakeShopify, td_fake_shopify_free)

/* The account base URL: "http://127.0.0.1:PORT/admin/api/2026-10/graphql.json". */
const char    *td_fake_shopify_get_endpoint (TdFakeShopify *self);

/* A product that exists already (made in Shopify's admin, or by a lost earlier attempt). */
const TdFakeShopifyProduct *td_fake_shopify_add_product (TdFakeShopify *self,
                                                         const char    *sku,
                                                         const char    *title,
                                                         const char    *price,
                                                         const char    *status,
                                                         int            quantity);
/* The product whose variant has @sku, or NULL. */
const TdFakeShopifyProduct *td_fake_shopify_find_sku    (TdFakeShopify *self,
                                                         const char    *sku);
guint          td_fake_shopify_n_products (TdFakeShopify *self);
/* Files received by the staged upload target. */
guint          td_fake_shopify_n_uploads  (TdFakeShopify *self);
/* How many requests named @operation arrived (answered or not). */
guint          td_fake_shopify_count      (TdFakeShopify *self,
                                           const char    *operation);
/* The variables of the last request named @operation, or NULL. (transfer none) */
JsonObject    *td_fake_shopify_last_variables (TdFakeShopify *self,
                                               const char    *operation);

/* One order of one line. @updated_at ISO 8601; @financial_status PAID, PENDING …; @price
 * "12.50" in USD. */
void           td_fake_shopify_add_order  (TdFakeShopify *self,
                                           const char    *order_id,
                                           const char    *updated_at,
                                           const char    *financial_status,
                                           gboolean       cancelled,
                                           const char    *sku,
                                           guint          quantity,
                                           const char    *price);

/* The next @count GraphQL requests are THROTTLED with these cost figures. */
void           td_fake_shopify_throttle   (TdFakeShopify *self,
                                           guint          count,
                                           double         requested_cost,
                                           double         currently_available,
                                           double         restore_rate);
/* The next request named @operation answers userErrors [{message: @message}] and changes
 * nothing. */
void           td_fake_shopify_fail_next  (TdFakeShopify *self,
                                           const char    *operation,
                                           const char    *message);

G_END_DECLS
