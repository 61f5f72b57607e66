/* td-fake-etsy.h — a stateful fake of Etsy's Open API v3 for the sync tests.
 *
 * Serves on a TdFakeServer what Thriftdesk calls: getListingsByShop (with `skus`),
 * createDraftListing (form-encoded only, the contract's required fields and enums),
 * updateListing (PATCH, state active/inactive, needs an image to activate), getListing,
 * uploadListingImage (multipart, rank + overwrite), get/updateListingInventory (the whole
 * array, readiness_state_id on every offering, no read-only members, quantity > 0),
 * getShopReceipts (min_last_modified, was_paid, sorted by updated, limit/offset), and the OAuth
 * token endpoint (refresh_token grant; invalid_grant on demand).
 *
 * Every /v3/application request must carry `x-api-key: keystring:secret` (403 with Etsy's
 * words otherwise) and the current Bearer token (401). A per-second limit answers 429 with
 * retry-after 1 once the window's allowance is spent; the window only moves on
 * td_fake_etsy_next_second(), so tests never depend on the clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-server.h"

G_BEGIN_DECLS

#define TD_FAKE_ETSY_SHOP_ID    4242
#define TD_FAKE_ETSY_TOKEN_PATH "/v3/public/oauth/token"

typedef struct
{
  gint64      listing_id;
  char       *state;               /* draft, active, inactive, sold_out, expired */
  char       *title;
  char       *description;
  char       *when_made;
  char       *who_made;
  char       *tags;                /* as sent, comma-separated */
  gint64      taxonomy_id;
  gint64      amount;              /* price in cents (USD) */
  char       *sku;                 /* from the inventory, NULL until set */
  gint64      readiness_state_id;  /* from the inventory */
  int         quantity;
  GPtrArray  *images;              /* char * file name, by rank − 1 */
  guint       image_uploads;       /* uploads received for this listing */
} TdFakeEtsyListing;

typedef struct _TdFakeEtsy TdFakeEtsy;

TdFakeEtsy *td_fake_etsy_new           (TdFakeServer *server,
                                        const char   *keystring,
                                        const char   *shared_secret,
                                        const char   *access_token,
                                        const char   *refresh_token);
void        td_fake_etsy_free          (TdFakeEtsy   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdFakeEtsy, td_fake_etsy_free)

/* The token the API accepts now (changes on every refresh). */
const char *td_fake_etsy_get_access_token (TdFakeEtsy *self);
/* Revokes the current access token (the next API call gets 401). */
void        td_fake_etsy_revoke_access    (TdFakeEtsy *self);
/* Refresh requests answered so far. */
guint       td_fake_etsy_n_refreshes      (TdFakeEtsy *self);
/* From now on the token endpoint answers 400 invalid_grant. */
void        td_fake_etsy_set_invalid_grant (TdFakeEtsy *self,
                                            gboolean    invalid);

/* 0: no limit. */
void        td_fake_etsy_set_per_second_limit (TdFakeEtsy *self,
                                               guint       per_second);
void        td_fake_etsy_next_second      (TdFakeEtsy *self);

/* The next createDraftListing creates the draft, then drops the connection unanswered. */
void        td_fake_etsy_lose_next_create (TdFakeEtsy *self);

/* A listing made elsewhere (or by a lost attempt); @sku NULL: no inventory SKU yet. */
const TdFakeEtsyListing *td_fake_etsy_add_listing (TdFakeEtsy *self,
                                                   const char *state,
                                                   const char *title,
                                                   const char *sku);
const TdFakeEtsyListing *td_fake_etsy_get_listing (TdFakeEtsy *self,
                                                   gint64      listing_id);
guint       td_fake_etsy_n_listings       (TdFakeEtsy *self);

/* A receipt of one transaction, in USD cents. @status: paid, canceled … */
void        td_fake_etsy_add_receipt      (TdFakeEtsy *self,
                                           gint64      receipt_id,
                                           gint64      updated_s,
                                           gboolean    paid,
                                           const char *status,
                                           const char *sku,
                                           gint64      listing_id,
                                           gint64      amount);

G_END_DECLS
