/* td-fake-woocommerce.h — a stateful fake of the WooCommerce REST API v3 for the sync tests.
 *
 * Serves, on a TdFakeServer at its root (the account base URL is the server URL, as with the
 * Prism contract proxy): GET/POST /products (sku filter, comma-separated), GET/PUT
 * /products/{id}, POST /products/batch (per-object results or errors), GET /orders
 * (modified_after, orderby=modified, order, per_page, page; X-WP-Total/X-WP-TotalPages), and
 * the WordPress media upload POST /media (multipart `file`). Every request must carry HTTP
 * Basic with the key and secret given to new(), else 401 as WooCommerce answers. Answers
 * follow the contract's shapes (dates with a Z) so the validating proxy has nothing to flag.
 * HTTP faults come from td_fake_server_add_fault().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-server.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *sku;
  char     *name;
  char     *description;
  char     *regular_price;   /* "24.99" */
  char     *status;          /* publish, draft … */
  gboolean  manage_stock;
  int       stock_quantity;
  GArray   *image_ids;       /* gint64 */
} TdFakeWooProduct;

typedef struct _TdFakeWoocommerce TdFakeWoocommerce;

TdFakeWoocommerce      *td_fake_woocommerce_new          (TdFakeServer      *server,
                                                          const char        *consumer_key,
                                                          const char        *consumer_secret);
void                    td_fake_woocommerce_free         (TdFakeWoocommerce *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFakeWoocommerce, td_fake_woocommerce_free)

/* A product that exists already (made in the shop's admin, or by a lost earlier attempt). */
const TdFakeWooProduct *td_fake_woocommerce_add_product  (TdFakeWoocommerce *self,
                                                          const char        *sku,
                                                          const char        *name,
                                                          const char        *regular_price,
                                                          const char        *status,
                                                          int                stock_quantity);
/* The product with @sku, or NULL. */
const TdFakeWooProduct *td_fake_woocommerce_find_sku     (TdFakeWoocommerce *self,
                                                          const char        *sku);
guint                   td_fake_woocommerce_n_products   (TdFakeWoocommerce *self);
/* Photos received by POST /media (each checked to be a JPEG or PNG). */
guint                   td_fake_woocommerce_n_media      (TdFakeWoocommerce *self);

/* One order of one line. @modified_gmt "2026-12-04T10:00:00" (UTC, Z optional); @status
 * processing, completed, cancelled …; @total "24.99" (USD), also the line's total. */
void                    td_fake_woocommerce_add_order    (TdFakeWoocommerce *self,
                                                          gint64             order_id,
                                                          const char        *modified_gmt,
                                                          const char        *status,
                                                          const char        *sku,
                                                          gint64             product_id,
                                                          guint              quantity,
                                                          const char        *total);

G_END_DECLS
