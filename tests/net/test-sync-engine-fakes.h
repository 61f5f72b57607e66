/* test-sync-engine-fakes.h — the marketplaces test-sync-engine runs its scenarios against,
 * each a real marketplace class with its stateful fake, behind one small table (header-only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include "td-fake-server.h"
#include "td-fake-ebay.h"
#include "td-fake-etsy.h"
#include "td-fake-shopify.h"
#include "td-fake-woocommerce.h"

typedef struct
{
  const char *kind;
  const char *secret;     /* the account's secret JSON */
  gpointer  (*create)          (TdFakeServer *server);
  void      (*destroy)         (gpointer      fake);
  char     *(*base_url)        (gpointer      fake,
                                TdFakeServer *server);
  /* the account's settings JSON object, with @extra ("\"a\": 1") members added */
  char     *(*settings)        (gpointer      fake,
                                TdFakeServer *server,
                                const char   *extra);
  guint     (*n_products)      (gpointer      fake,
                                const char   *sku);
  guint     (*n_all_products)  (gpointer      fake);
  guint     (*n_photos)        (gpointer      fake,
                                const char   *sku);
  gint64    (*price)           (gpointer      fake,
                                const char   *sku);
  /* listed with stock for sale (not withdrawn) */
  gboolean  (*is_live)         (gpointer      fake,
                                const char   *sku);
  /* requests that changed a live listing's price so far */
  guint     (*n_update_requests) (gpointer    fake,
                                  TdFakeServer *server);
  void      (*add_order)       (gpointer      fake,
                                const char   *order_id,
                                const char   *sku,
                                gint64        price);
  /* the next request of a publish answers @status with Retry-After */
  void      (*fail_publish)    (gpointer      fake,
                                TdFakeServer *server,
                                guint         status,
                                guint         retry_after_s);
} Market;

static inline gint64
market_parse_price (const char *text)
{
  return text != NULL ? (gint64) (g_ascii_strtod (text, NULL) * 100 + 0.5) : -1;
}

static inline char *
market_iso_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static inline char *
market_settings (const char *base,
                 const char *extra)
{
  if (extra == NULL)
    return g_strdup_printf ("{%s}", base);
  return g_strdup_printf ("{%s%s%s}", base, *base != '\0' ? ", " : "", extra);
}

/* eBay ----------------------------------------------------------------------------------- */

#define EBAY_CLIENT_ID     "ThriftDe-shop-PRD-1234"
#define EBAY_CLIENT_SECRET "PRD-s3cret"

static inline gpointer
ebay_create (TdFakeServer *server)
{
  return td_fake_ebay_new (server, EBAY_CLIENT_ID, EBAY_CLIENT_SECRET, "v^1.1#initial",
                           "v^1.1#refresh");
}

static inline void
ebay_destroy (gpointer fake)
{
  td_fake_ebay_free (fake);
}

static inline char *
ebay_base_url (gpointer      fake,
               TdFakeServer *server)
{
  return g_strdup (td_fake_server_get_url (server));
}

static inline char *
ebay_settings (gpointer      fake,
               TdFakeServer *server,
               const char   *extra)
{
  const char *url = td_fake_server_get_url (server);
  g_autofree char *base = g_strdup_printf (
    "\"urls\": {\"fulfillment\": \"%s\", \"media\": \"%s\", \"identity\": \"%s/identity/v1\"}, "
    "\"fulfillment_policy_id\": \"F1\", \"payment_policy_id\": \"P1\", "
    "\"return_policy_id\": \"R1\", \"merchant_location_key\": \"main-st\", "
    "\"default_category_id\": 11450", url, url, url);

  return market_settings (base, extra);
}

static inline guint
ebay_n_products (gpointer    fake,
                 const char *sku)
{
  return td_fake_ebay_get_offer (fake, sku) != NULL ? 1 : 0;
}

static inline guint
ebay_n_all_products (gpointer fake)
{
  /* a second offer for a SKU is refused by eBay (and counted by the fake) */
  return td_fake_ebay_n_offers (fake) + td_fake_ebay_n_duplicate_offers (fake);
}

static inline guint
ebay_n_photos (gpointer    fake,
               const char *sku)
{
  const TdFakeEbayItem *item = td_fake_ebay_get_item (fake, sku);

  return item != NULL && item->image_urls != NULL ? item->image_urls->len : 0;
}

static inline gint64
ebay_price (gpointer    fake,
            const char *sku)
{
  const TdFakeEbayOffer *offer = td_fake_ebay_get_offer (fake, sku);

  return offer != NULL ? offer->price : -1;
}

static inline gboolean
ebay_is_live (gpointer    fake,
              const char *sku)
{
  const TdFakeEbayOffer *offer = td_fake_ebay_get_offer (fake, sku);

  return offer != NULL && g_strcmp0 (offer->status, "PUBLISHED") == 0 && offer->quantity > 0;
}

static inline guint
ebay_n_update_requests (gpointer      fake,
                        TdFakeServer *server)
{
  return td_fake_server_count (server, "POST", "/bulk_update_price_quantity");
}

static inline void
ebay_add_order (gpointer    fake,
                const char *order_id,
                const char *sku,
                gint64      price)
{
  const TdFakeEbayOffer *offer = td_fake_ebay_get_offer (fake, sku);
  g_autofree char *now = market_iso_now ();

  td_fake_ebay_add_order (fake, order_id, now, TRUE, "NONE_REQUESTED", sku,
                          offer != NULL ? offer->listing_id : NULL, price);
}

static inline void
ebay_fail_publish (gpointer      fake,
                   TdFakeServer *server,
                   guint         status,
                   guint         retry_after_s)
{
  td_fake_server_add_fault (server, "/", TD_FAKE_FAULT_STATUS, status, retry_after_s, NULL, 0, 1);
}

static const Market market_ebay = {
  "ebay",
  "{\"client_id\": \"" EBAY_CLIENT_ID "\", \"client_secret\": \"" EBAY_CLIENT_SECRET "\", "
  "\"ru_name\": \"Thrift-RuName\", \"access_token\": \"v^1.1#initial\", "
  "\"expires_at\": 4102444800, \"refresh_token\": \"v^1.1#refresh\"}",
  ebay_create,
  ebay_destroy,
  ebay_base_url,
  ebay_settings,
  ebay_n_products,
  ebay_n_all_products,
  ebay_n_photos,
  ebay_price,
  ebay_is_live,
  ebay_n_update_requests,
  ebay_add_order,
  ebay_fail_publish,
};

/* WooCommerce ---------------------------------------------------------------------------- */

#define WOO_KEY    "ck_test1"
#define WOO_SECRET "cs_test1"

static inline gpointer
woo_create (TdFakeServer *server)
{
  return td_fake_woocommerce_new (server, WOO_KEY, WOO_SECRET);
}

static inline void
woo_destroy (gpointer fake)
{
  td_fake_woocommerce_free (fake);
}

static inline char *
woo_base_url (gpointer      fake,
              TdFakeServer *server)
{
  return g_strdup (td_fake_server_get_url (server));
}

static inline char *
woo_settings (gpointer      fake,
              TdFakeServer *server,
              const char   *extra)
{
  g_autofree char *base = g_strdup_printf ("\"urls\": {\"media\": \"%s\"}",
                                           td_fake_server_get_url (server));

  return market_settings (base, extra);
}

static inline guint
woo_n_products (gpointer    fake,
                const char *sku)
{
  return td_fake_woocommerce_find_sku (fake, sku) != NULL ? 1 : 0;
}

static inline guint
woo_n_all_products (gpointer fake)
{
  return td_fake_woocommerce_n_products (fake);
}

static inline guint
woo_n_photos (gpointer    fake,
              const char *sku)
{
  const TdFakeWooProduct *product = td_fake_woocommerce_find_sku (fake, sku);

  return product != NULL && product->image_ids != NULL ? product->image_ids->len : 0;
}

static inline gint64
woo_price (gpointer    fake,
           const char *sku)
{
  const TdFakeWooProduct *product = td_fake_woocommerce_find_sku (fake, sku);

  return product != NULL ? market_parse_price (product->regular_price) : -1;
}

static inline gboolean
woo_is_live (gpointer    fake,
             const char *sku)
{
  const TdFakeWooProduct *product = td_fake_woocommerce_find_sku (fake, sku);

  return product != NULL && g_strcmp0 (product->status, "publish") == 0
         && (!product->manage_stock || product->stock_quantity > 0);
}

static inline guint
woo_n_update_requests (gpointer      fake,
                       TdFakeServer *server)
{
  return td_fake_server_count (server, "POST", "/products/batch")
         + td_fake_server_count (server, "PUT", "/products/");
}

static inline void
woo_add_order (gpointer    fake,
               const char *order_id,
               const char *sku,
               gint64      price)
{
  const TdFakeWooProduct *product = td_fake_woocommerce_find_sku (fake, sku);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *modified = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", price / 100,
                                            (int) (price % 100));

  td_fake_woocommerce_add_order (fake, g_ascii_strtoll (order_id, NULL, 10), modified,
                                 "processing", sku, product != NULL ? product->id : 0, 1, total);
}

static inline void
woo_fail_publish (gpointer      fake,
                  TdFakeServer *server,
                  guint         status,
                  guint         retry_after_s)
{
  td_fake_server_add_fault (server, "/products", TD_FAKE_FAULT_STATUS, status, retry_after_s,
                            NULL, 0, 1);
}

static const Market market_woocommerce = {
  "woocommerce",
  "{\"consumer_key\": \"" WOO_KEY "\", \"consumer_secret\": \"" WOO_SECRET "\"}",
  woo_create,
  woo_destroy,
  woo_base_url,
  woo_settings,
  woo_n_products,
  woo_n_all_products,
  woo_n_photos,
  woo_price,
  woo_is_live,
  woo_n_update_requests,
  woo_add_order,
  woo_fail_publish,
};

/* Shopify -------------------------------------------------------------------------------- */

#define SHOPIFY_TOKEN "shpat_test"

static inline gpointer
shopify_create (TdFakeServer *server)
{
  return td_fake_shopify_new (server, SHOPIFY_TOKEN);
}

static inline void
shopify_destroy (gpointer fake)
{
  td_fake_shopify_free (fake);
}

static inline char *
shopify_base_url (gpointer      fake,
                  TdFakeServer *server)
{
  return g_strdup (td_fake_shopify_get_endpoint (fake));
}

static inline char *
shopify_settings (gpointer      fake,
                  TdFakeServer *server,
                  const char   *extra)
{
  return market_settings ("\"location_id\": \"" TD_FAKE_SHOPIFY_LOCATION "\"", extra);
}

static inline guint
shopify_n_products (gpointer    fake,
                    const char *sku)
{
  return td_fake_shopify_find_sku (fake, sku) != NULL ? 1 : 0;
}

static inline guint
shopify_n_all_products (gpointer fake)
{
  return td_fake_shopify_n_products (fake);
}

static inline guint
shopify_n_photos (gpointer    fake,
                  const char *sku)
{
  const TdFakeShopifyProduct *product = td_fake_shopify_find_sku (fake, sku);

  return product != NULL && product->media != NULL ? product->media->len : 0;
}

static inline gint64
shopify_price (gpointer    fake,
               const char *sku)
{
  const TdFakeShopifyProduct *product = td_fake_shopify_find_sku (fake, sku);

  return product != NULL ? market_parse_price (product->price) : -1;
}

static inline gboolean
shopify_is_live (gpointer    fake,
                 const char *sku)
{
  const TdFakeShopifyProduct *product = td_fake_shopify_find_sku (fake, sku);

  return product != NULL && g_strcmp0 (product->status, "ACTIVE") == 0 && product->quantity > 0;
}

static inline guint
shopify_n_update_requests (gpointer      fake,
                           TdFakeServer *server)
{
  return td_fake_shopify_count (fake, "UpdateListing");
}

static inline void
shopify_add_order (gpointer    fake,
                   const char *order_id,
                   const char *sku,
                   gint64      price)
{
  g_autofree char *now = market_iso_now ();
  g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", price / 100,
                                             (int) (price % 100));

  td_fake_shopify_add_order (fake, order_id, now, "PAID", FALSE, sku, 1, amount);
}

static inline void
shopify_fail_publish (gpointer      fake,
                      TdFakeServer *server,
                      guint         status,
                      guint         retry_after_s)
{
  td_fake_server_add_fault (server, TD_FAKE_SHOPIFY_PATH, TD_FAKE_FAULT_STATUS, status,
                            retry_after_s, NULL, 0, 1);
}

static const Market market_shopify = {
  "shopify",
  "{\"access_token\": \"" SHOPIFY_TOKEN "\"}",
  shopify_create,
  shopify_destroy,
  shopify_base_url,
  shopify_settings,
  shopify_n_products,
  shopify_n_all_products,
  shopify_n_photos,
  shopify_price,
  shopify_is_live,
  shopify_n_update_requests,
  shopify_add_order,
  shopify_fail_publish,
};

/* Etsy ----------------------------------------------------------------------------------- */

#define ETSY_KEYSTRING "etsykeystring1"
#define ETSY_SECRET    "s3cret"

static inline gpointer
etsy_create (TdFakeServer *server)
{
  return td_fake_etsy_new (server, ETSY_KEYSTRING, ETSY_SECRET, "12345.initial",
                           "12345.refresh-0");
}

static inline void
etsy_destroy (gpointer fake)
{
  td_fake_etsy_free (fake);
}

static inline char *
etsy_base_url (gpointer      fake,
               TdFakeServer *server)
{
  return g_strdup (td_fake_server_get_url (server));
}

static inline char *
etsy_settings (gpointer      fake,
               TdFakeServer *server,
               const char   *extra)
{
  g_autofree char *base = g_strdup_printf (
    "\"shop_id\": 4242, \"shipping_profile_id\": 11, \"return_policy_id\": 12, "
    "\"readiness_state_id\": 13, \"default_taxonomy_id\": 1, "
    "\"urls\": {\"token\": \"%s%s\"}", td_fake_server_get_url (server), TD_FAKE_ETSY_TOKEN_PATH);

  return market_settings (base, extra);
}

/* Listing ids count up from 1000001. */
static inline const TdFakeEtsyListing *
etsy_nth (gpointer fake,
          guint    n)
{
  return td_fake_etsy_get_listing (fake, 1000001 + (gint64) n);
}

static inline const TdFakeEtsyListing *
etsy_find (gpointer    fake,
           const char *sku)
{
  guint n = td_fake_etsy_n_listings (fake);

  for (guint i = 0; i < n + 16; i++)
    {
      const TdFakeEtsyListing *listing = etsy_nth (fake, i);

      if (listing != NULL && g_strcmp0 (listing->sku, sku) == 0)
        return listing;
    }
  return NULL;
}

static inline guint
etsy_n_products (gpointer    fake,
                 const char *sku)
{
  guint n = td_fake_etsy_n_listings (fake), found = 0;

  for (guint i = 0; i < n + 16; i++)
    {
      const TdFakeEtsyListing *listing = etsy_nth (fake, i);

      found += listing != NULL && g_strcmp0 (listing->sku, sku) == 0;
    }
  return found;
}

static inline guint
etsy_n_all_products (gpointer fake)
{
  return td_fake_etsy_n_listings (fake);
}

static inline guint
etsy_n_photos (gpointer    fake,
               const char *sku)
{
  const TdFakeEtsyListing *listing = etsy_find (fake, sku);

  return listing != NULL && listing->images != NULL ? listing->images->len : 0;
}

static inline gint64
etsy_price (gpointer    fake,
            const char *sku)
{
  const TdFakeEtsyListing *listing = etsy_find (fake, sku);

  return listing != NULL ? listing->amount : -1;
}

static inline gboolean
etsy_is_live (gpointer    fake,
              const char *sku)
{
  const TdFakeEtsyListing *listing = etsy_find (fake, sku);

  return listing != NULL && g_strcmp0 (listing->state, "active") == 0 && listing->quantity > 0;
}

static inline guint
etsy_n_update_requests (gpointer      fake,
                        TdFakeServer *server)
{
  /* the price lives in the inventory */
  return td_fake_server_count (server, "PUT", "/v3/application/listings/");
}

static inline void
etsy_add_order (gpointer    fake,
                const char *order_id,
                const char *sku,
                gint64      price)
{
  const TdFakeEtsyListing *listing = etsy_find (fake, sku);

  td_fake_etsy_add_receipt (fake, g_ascii_strtoll (order_id, NULL, 10),
                            g_get_real_time () / G_USEC_PER_SEC, TRUE, "paid", sku,
                            listing != NULL ? listing->listing_id : 0, price);
}

static inline void
etsy_fail_publish (gpointer      fake,
                   TdFakeServer *server,
                   guint         status,
                   guint         retry_after_s)
{
  td_fake_server_add_fault (server, "/v3/application/shops/", TD_FAKE_FAULT_STATUS, status,
                            retry_after_s, NULL, 0, 1);
}

static const Market market_etsy = {
  "etsy",
  "{\"client_id\": \"" ETSY_KEYSTRING "\", \"shared_secret\": \"" ETSY_SECRET "\", "
  "\"access_token\": \"12345.initial\", \"expires_at\": 4102444800, "
  "\"refresh_token\": \"12345.refresh-0\"}",
  etsy_create,
  etsy_destroy,
  etsy_base_url,
  etsy_settings,
  etsy_n_products,
  etsy_n_all_products,
  etsy_n_photos,
  etsy_price,
  etsy_is_live,
  etsy_n_update_requests,
  etsy_add_order,
  etsy_fail_publish,
};

/* The marketplaces the scenarios run against. */
static const Market *const test_markets[] = {
  &market_ebay,
  &market_woocommerce,
  &market_shopify,
  &market_etsy,
  NULL,
};
