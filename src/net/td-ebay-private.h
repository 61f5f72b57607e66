/* td-ebay-private.h — what the files of the eBay class share: the instance, one request with
 * its answer, the batch state and the pure helpers the tests call directly.
 *
 * td-ebay.c          the class, URLs per API, sending (Bearer + language + marketplace headers,
 *                    refresh once on 401, eBay 25001/25025 → retry)
 * td-ebay-publish.c  publish and update: photos → inventory items → offers (found by SKU
 *                    first) → publish / price; withdraw
 * td-ebay-orders.c   getOrders → online orders, the cursor
 * td-ebay-setup.c    one-time setup helpers for Preferences (td-ebay.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-marketplace.h"

G_BEGIN_DECLS

/* Items per bulk call (eBay's maximum for every bulk Inventory call). */
#define TD_EBAY_BATCH           25
/* A safe pace within eBay's daily quotas and the Media API's 50 per 5 s. */
#define TD_EBAY_RATE_LIMIT      5.0
/* Orders are read again from this many seconds before the cursor. */
#define TD_EBAY_ORDER_OVERLAP_S 300
#define TD_EBAY_ORDER_PAGE      200

typedef enum
{
  TD_EBAY_API_INVENTORY,
  TD_EBAY_API_FULFILLMENT,
  TD_EBAY_API_MEDIA,
  TD_EBAY_API_ACCOUNT,
  TD_EBAY_API_TAXONOMY,
  TD_EBAY_API_METADATA,
  TD_EBAY_API_IDENTITY,
  TD_EBAY_N_APIS,
} TdEbayApi;

#define TD_TYPE_EBAY (td_ebay_get_type ())

G_DECLARE_FINAL_TYPE (TdEbay, td_ebay, TD, EBAY, GObject)

struct _TdEbay
{
  GObject               parent_instance;

  SoupSession          *session;
  TdMarketplaceAccount *account;
  TdCredentials        *credentials;
  JsonObject           *settings;   /* never NULL */
  char                 *urls[TD_EBAY_N_APIS];
  char                 *language;   /* "en-US" */
  char                 *marketplace_id;   /* "EBAY_US" */
};

/* The answer to a request, classified by td_http_classify() and eBay's error ids. */
typedef struct
{
  TdSyncStatus  status;
  guint         http_status;     /* 0 when nothing came back */
  guint         retry_after_s;
  char         *message;         /* nullable */
  JsonNode     *root;            /* the JSON body, nullable */
} TdEbayAnswer;

void           td_ebay_answer_free   (TdEbayAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdEbayAnswer, td_ebay_answer_free)

/* Sends one request to @api: @path after its base URL (with any query already escaped),
 * JSON @body (taken, nullable) or a multipart file @file_path in field "image". The answer is
 * never NULL; GError only for local trouble (a photo that can't be read). */
void           td_ebay_send_async    (TdEbay              *self,
                                      TdEbayApi            api,
                                      const char          *method,
                                      const char          *path,
                                      JsonNode            *body,
                                      const char          *file_path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
TdEbayAnswer  *td_ebay_send_finish   (TdEbay              *self,
                                      GAsyncResult        *result,
                                      GError             **error);

/* Settings */
/* The setup calls' shared parts (td-ebay-setup.c). */
TdEbayAnswer  *td_ebay_setup_answer  (GTask         *task,
                                      GObject       *source,
                                      GAsyncResult  *result);
JsonArray     *td_ebay_root_array    (TdEbayAnswer  *answer,
                                      const char    *member);
const char    *td_ebay_tree_id       (GTask         *task,
                                      TdEbayAnswer  *answer);

const char    *td_ebay_setting       (TdEbay        *self,
                                      const char    *name);
/* categoryId for @category_path: `category_map` (the path, then its parents), else
 * `default_category_id`; NULL when none. */
const char    *td_ebay_category_for  (TdEbay        *self,
                                      const char    *category_path);

/* Pure helpers */
/* The status of one element of a bulk answer ({statusCode, errors[]}) and eBay's words.
 * 25001 / 25025 and 5xx → RETRY, other failures → FAILED. */
TdSyncStatus   td_ebay_item_status   (JsonObject    *element,
                                      char         **message);
/* Whether an error list holds eBay's transient ids 25001 / 25025. */
gboolean       td_ebay_errors_transient (JsonNode   *errors);
/* The inventory item request for @item with @image_urls (for the bulk call: sku + locale). */
JsonNode      *td_ebay_inventory_item_for (TdEbay           *self,
                                           const TdSyncItem *item,
                                           JsonArray        *image_urls);
/* The offer for @item (bulk_create_offer element). */
JsonNode      *td_ebay_offer_for     (TdEbay           *self,
                                      const TdSyncItem *item);
/* Pure: the orders of a getOrders answer. */
GPtrArray     *td_ebay_parse_orders  (JsonNode      *root,
                                      gint64        *max_modified);
/* Pure: an Amount {value:"12.50", currency} in minor units (2 decimals; 0 for JPY-like). */
gint64         td_ebay_amount_minor  (JsonObject    *amount);

/* td-ebay-publish.c: a batch, step by step over all its items; the GTask's data is the
 * TdEbayRun. The helpers are shared with td-ebay-changes.c. */
typedef struct
{
  TdSyncItem    *item;         /* borrowed from the batch */
  TdSyncOutcome *outcome;      /* NULL while the item is still going */
  JsonObject    *ref;          /* remote_ref: offer_id, image_urls, offer_pending */
  char          *listing_id;
  char          *create_error; /* bulk_create_offer refused it: eBay's words */
} TdEbayEntry;

typedef struct
{
  TdSyncOp           op;
  GPtrArray         *entries;  /* TdEbayEntry */
  TdRemoteKnownFunc  remote_known;
  gpointer           remote_known_data;
  guint              index;
  guint              photo;
  gboolean           offers_sent;
} TdEbayRun;

/* Called for each element of a bulk answer that went through. */
typedef void (*TdEbayElementDone) (TdEbayRun   *run,
                                   TdEbayEntry *entry,
                                   JsonObject  *element);

const char    *td_ebay_entry_offer_id (TdEbayEntry       *entry);
/* Reports the ids known so far through remote_known. */
void           td_ebay_entry_tell     (TdEbayRun         *run,
                                       TdEbayEntry       *entry);
/* Records the item's outcome (with its ids so far); it leaves the batch. */
void           td_ebay_entry_end      (TdEbayEntry       *entry,
                                       TdSyncStatus       status,
                                       guint              retry_after_s,
                                       const char        *message,
                                       const char        *listing_state);
/* A step's answer, or NULL when the step failed for every pending item (recorded). */
TdEbayAnswer  *td_ebay_run_answer     (GTask             *task,
                                       GAsyncResult      *result);
/* Reads a bulk answer's "responses" matched by @key ("sku", "offerId"): a refused element
 * ends its item, @done is called for the others; anything but 200/207 ends every pending
 * item. */
void           td_ebay_run_read_responses (TdEbayRun     *run,
                                           TdEbayAnswer  *answer,
                                           const char    *key,
                                           TdEbayElementDone done);
/* Returns the outcomes (every item must have one) and drops the task. */
void           td_ebay_run_return     (GTask             *task);

void           td_ebay_run_async     (TdMarketplace       *marketplace,
                                      TdSyncOp             op,
                                      GPtrArray           *items,
                                      TdRemoteKnownFunc    remote_known,
                                      gpointer             remote_known_data,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray     *td_ebay_run_finish    (TdMarketplace       *marketplace,
                                      GAsyncResult        *result,
                                      GError             **error);

/* td-ebay-changes.c */
void           td_ebay_run_last      (GTask               *task);
void           td_ebay_run_withdraw  (GTask               *task);

/* td-ebay-orders.c */
void           td_ebay_pull_orders_async  (TdMarketplace       *marketplace,
                                           const char          *cursor,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
TdOrderPage   *td_ebay_pull_orders_finish (TdMarketplace       *marketplace,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
