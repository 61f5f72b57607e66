/* td-fake-ebay.h — a stateful fake of eBay's Sell Inventory, Media and Fulfillment APIs and
 * the identity token endpoint, for the sync tests.
 *
 * Routes are the APIs' paths WITHOUT their base paths (as in the contracts), all on one
 * TdFakeServer: Inventory /inventory_item, /bulk_*, /offer…, /location/…; Media
 * /image/create_image_from_file; Fulfillment /order; Account /…_policy; Taxonomy
 * /get_default_category_tree_id, /category_tree/…; identity TD_FAKE_EBAY_TOKEN_PATH. So one
 * Prism proxy per contract can sit in front of the same fake.
 *
 * It keeps inventory items by SKU, offers with ids (one per SKU + marketplace + format, a
 * second create is refused as eBay does), publish → listing ids, withdraw, EPS-like https image
 * URLs, and orders the test adds. Every API call needs the current Bearer token (401 with
 * eBay's error body otherwise); the JSON writes need Content-Language. Per-SKU failures are
 * injected into the bulk calls (answered 207).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-server.h"

G_BEGIN_DECLS

#define TD_FAKE_EBAY_TOKEN_PATH "/identity/v1/oauth2/token"

typedef struct
{
  char      *sku;
  char      *title;
  char      *description;
  char      *condition;
  char      *condition_description;
  char      *aspects;        /* product.aspects as JSON text */
  GPtrArray *image_urls;     /* char * */
  int        quantity;
  char      *content_language;
} TdFakeEbayItem;

typedef struct
{
  char   *offer_id;
  char   *sku;
  char   *marketplace_id;
  char   *category_id;
  char   *merchant_location_key;
  char   *fulfillment_policy_id;
  char   *payment_policy_id;
  char   *return_policy_id;
  gint64  price;             /* cents */
  char   *price_text;        /* as sent: "24.99" */
  int     quantity;
  char   *status;            /* UNPUBLISHED, PUBLISHED */
  char   *listing_id;        /* NULL until published once */
} TdFakeEbayOffer;

typedef struct _TdFakeEbay TdFakeEbay;

TdFakeEbay *td_fake_ebay_new              (TdFakeServer *server,
                                           const char   *client_id,
                                           const char   *client_secret,
                                           const char   *access_token,
                                           const char   *refresh_token);
void        td_fake_ebay_free             (TdFakeEbay   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFakeEbay, td_fake_ebay_free)

const char *td_fake_ebay_get_access_token (TdFakeEbay *self);
/* The current access token stops working (the next API call gets 401). */
void        td_fake_ebay_revoke_access    (TdFakeEbay *self);
guint       td_fake_ebay_n_refreshes      (TdFakeEbay *self);
/* Business policies off (get_opted_in_programs lists none, policy lists answer 20403) until
 * the seller opts in (POST /program/opt_in). */
void        td_fake_ebay_set_opted_out     (TdFakeEbay *self,
                                            gboolean    opted_out);
/* From now on the token endpoint answers 400 invalid_grant. */
void        td_fake_ebay_set_invalid_grant (TdFakeEbay *self,
                                            gboolean    invalid);

/* The next bulk call at @path ("/bulk_publish_offer" …) answers @sku's element with
 * @status_code and one error (@error_id, @message); once. */
void        td_fake_ebay_fail_sku         (TdFakeEbay *self,
                                           const char *path,
                                           const char *sku,
                                           guint       status_code,
                                           guint       error_id,
                                           const char *message);

/* An offer made by an attempt whose answer was lost (the inventory item too). */
const TdFakeEbayOffer *td_fake_ebay_add_offer (TdFakeEbay *self,
                                               const char *sku);

const TdFakeEbayItem  *td_fake_ebay_get_item  (TdFakeEbay *self,
                                               const char *sku);
const TdFakeEbayOffer *td_fake_ebay_get_offer (TdFakeEbay *self,
                                               const char *sku);
guint       td_fake_ebay_n_items          (TdFakeEbay *self);
guint       td_fake_ebay_n_offers         (TdFakeEbay *self);
/* Images received by the Media API. */
guint       td_fake_ebay_n_images         (TdFakeEbay *self);
/* Create-offer attempts refused because the SKU already had an offer. */
guint       td_fake_ebay_n_duplicate_offers (TdFakeEbay *self);

/* An order of one line, in USD cents. @modified: ISO 8601. @cancel_state: NONE_REQUESTED,
 * CANCELED … */
void        td_fake_ebay_add_order        (TdFakeEbay *self,
                                           const char *order_id,
                                           const char *modified,
                                           gboolean    paid,
                                           const char *cancel_state,
                                           const char *sku,
                                           const char *legacy_item_id,
                                           gint64      amount);

G_END_DECLS
