/* td-fake-ebay-private.h — what the files of the eBay fake share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-ebay.h"

G_BEGIN_DECLS

typedef struct
{
  char  *path;
  char  *sku;
  guint  status_code;
  guint  error_id;
  char  *message;
} TdFakeEbayFailure;

typedef struct
{
  char    *order_id;
  char    *modified;
  gboolean paid;
  char    *cancel_state;
  char    *sku;
  char    *legacy_item_id;
  gint64   amount;
} TdFakeEbayOrder;

struct _TdFakeEbay
{
  TdFakeServer *server;
  char         *client_id;
  char         *client_secret;
  char         *access_token;
  char         *refresh_token;
  guint         refreshes;
  gboolean      invalid_grant;
  GHashTable   *items;       /* sku → TdFakeEbayItem */
  GPtrArray    *offers;      /* TdFakeEbayOffer */
  GPtrArray    *failures;    /* TdFakeEbayFailure */
  GPtrArray    *orders;      /* TdFakeEbayOrder */
  guint         next_offer;
  guint         next_listing;
  guint         images;
  guint         duplicates;
  gboolean      opted_out;   /* business policies off (SELLING_POLICY_MANAGEMENT) */
  GPtrArray    *locations;   /* "key\nname", created by POST /location/{key} */
};

void             td_fake_ebay_failure_free      (gpointer           data);
JsonArray       *td_fake_ebay_errors_new        (guint              error_id,
                                                 const char        *message);
void             td_fake_ebay_reply_object      (SoupServerMessage *msg,
                                                 guint              status,
                                                 JsonObject        *object);
/* eBay's error body {"errors":[{errorId, message …}]}. */
void             td_fake_ebay_reply_error       (SoupServerMessage *msg,
                                                 guint              status,
                                                 guint              error_id,
                                                 const char        *message);
TdFakeEbayOffer *td_fake_ebay_find_offer        (TdFakeEbay        *self,
                                                 const char        *member,
                                                 const char        *value);
TdFakeEbayOffer *td_fake_ebay_offer_new         (TdFakeEbay        *self,
                                                 const char        *sku,
                                                 const char        *marketplace_id);
/* Inventory (and Media) routes. */
void             td_fake_ebay_inventory_handler (TdFakeServer      *server,
                                                 SoupServerMessage *msg,
                                                 const char        *path,
                                                 GHashTable        *query,
                                                 gpointer           user_data);

G_END_DECLS
