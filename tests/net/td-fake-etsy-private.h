/* td-fake-etsy-private.h — what the files of the Etsy fake share.
 *
 * td-fake-etsy.c           the server side: auth, rate limit, routing, receipts, OAuth, API
 * td-fake-etsy-listings.c  listings, photos and inventories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-etsy.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    receipt_id;
  gint64    updated;
  gboolean  paid;
  char     *status;
  char     *sku;
  gint64    listing_id;
  gint64    amount;
} TdFakeEtsyReceipt;

struct _TdFakeEtsy
{
  TdFakeServer *server;
  char         *api_key;        /* keystring:secret */
  char         *keystring;
  char         *access_token;
  char         *refresh_token;
  guint         refreshes;
  gboolean      invalid_grant;
  guint         per_second;
  guint         this_second;
  gboolean      lose_next_create;
  gint64        next_id;
  GPtrArray    *listings;       /* TdFakeEtsyListing */
  GPtrArray    *receipts;       /* TdFakeEtsyReceipt */
};

void               td_fake_etsy_reply_error   (SoupServerMessage *msg,
                                               guint              status,
                                               const char        *message);
void               td_fake_etsy_reply_node    (SoupServerMessage *msg,
                                               guint              status,
                                               JsonNode          *node);
/* The form of a application/x-www-form-urlencoded request, NULL for any other type. */
GHashTable        *td_fake_etsy_decode_form   (SoupServerMessage *msg);
TdFakeEtsyListing *td_fake_etsy_find_listing  (TdFakeEtsy        *self,
                                               gint64             listing_id);
TdFakeEtsyListing *td_fake_etsy_listing_new   (TdFakeEtsy        *self,
                                               const char        *state,
                                               const char        *title);
void               td_fake_etsy_add_money     (JsonBuilder       *builder,
                                               const char        *name,
                                               gint64             amount);
guint              td_fake_etsy_query_uint    (GHashTable        *query,
                                               const char        *name,
                                               guint              fallback);

/* td-fake-etsy-listings.c: one handler per endpoint. */
void td_fake_etsy_add_listing_json    (JsonBuilder       *builder,
                                       TdFakeEtsyListing *listing);
void td_fake_etsy_reply_listing       (SoupServerMessage *msg,
                                       guint              status,
                                       TdFakeEtsyListing *listing);
void td_fake_etsy_reply_inventory     (SoupServerMessage *msg,
                                       TdFakeEtsyListing *listing);
void td_fake_etsy_create_listing      (TdFakeEtsy        *self,
                                       SoupServerMessage *msg);
void td_fake_etsy_update_listing      (TdFakeEtsy        *self,
                                       SoupServerMessage *msg,
                                       TdFakeEtsyListing *listing);
void td_fake_etsy_upload_image        (TdFakeEtsy        *self,
                                       SoupServerMessage *msg,
                                       TdFakeEtsyListing *listing);
void td_fake_etsy_update_inventory    (TdFakeEtsy        *self,
                                       SoupServerMessage *msg,
                                       TdFakeEtsyListing *listing);
void td_fake_etsy_list_listings       (TdFakeEtsy        *self,
                                       SoupServerMessage *msg,
                                       GHashTable        *query);

G_END_DECLS
