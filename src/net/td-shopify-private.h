/* td-shopify-private.h — what td-shopify.c, td-shopify-listings.c and td-shopify-orders.c
 * share: the class, one GraphQL request and how its answer is read.
 *
 * A GraphQL answer is judged in three layers: HTTP (td_http_classify: 401 → REAUTH, 429 with
 * Retry-After → RETRY …), then the top-level `errors` (THROTTLED → RETRY after
 * ceil((requestedQueryCost - currentlyAvailable) / restoreRate) seconds, read from
 * extensions.cost; ACCESS_DENIED → REAUTH; INTERNAL_SERVER_ERROR → RETRY; anything else
 * FAILED), then each mutation's `userErrors` (FAILED with Shopify's own message).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-marketplace.h"

G_BEGIN_DECLS

#define TD_SHOPIFY_ORDER_OVERLAP_S  300           /* re-read 5 minutes before the cursor */
#define TD_SHOPIFY_DEFAULT_WINDOW_S (7 * 86400)   /* first pull: the last week */
#define TD_SHOPIFY_ORDERS_PER_PAGE  50

#define TD_TYPE_SHOPIFY (td_shopify_get_type ())

G_DECLARE_FINAL_TYPE (TdShopify, td_shopify, TD, SHOPIFY, GObject)

typedef struct
{
  TdSyncStatus  status;          /* DONE when @data may be read */
  char         *message;         /* why not, in Shopify's or plain words */
  guint         retry_after_s;
  JsonNode     *root;            /* the whole answer, or NULL */
  JsonObject   *data;            /* root.data (borrowed), or NULL */
} TdShopifyReply;

TdShopifyReply *td_shopify_reply_new_status (TdSyncStatus    status,
                                             const char     *message);
/* Reads an answer (pure: no network): @msg/@body after sending, or @transport_error. */
TdShopifyReply *td_shopify_reply_parse      (SoupMessage    *msg,
                                             GBytes         *body,
                                             const GError   *transport_error);
void            td_shopify_reply_free       (TdShopifyReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdShopifyReply, td_shopify_reply_free)

/* The string member @name of @object (nullable), NULL when absent or not a string. */
const char     *td_shopify_string            (JsonObject     *object,
                                              const char     *name);
/* userErrors of the payload at data.@field joined in one sentence, or NULL when none. */
char           *td_shopify_reply_user_errors (TdShopifyReply *reply,
                                              const char     *field);
/* The object at data.@path ("productSet.product"), or NULL. */
JsonObject     *td_shopify_reply_object      (TdShopifyReply *reply,
                                              const char     *path);

/* POSTs {"query": @document, "variables": @variables} to the account's endpoint with its
 * token. @variables: (transfer full) (nullable). Never fails: the answer says how it went. */
void            td_shopify_graphql_async     (TdShopify           *self,
                                              const char          *document,
                                              JsonNode            *variables,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TdShopifyReply *td_shopify_graphql_finish    (TdShopify           *self,
                                              GAsyncResult        *result);
/* Uploads @path to a staged target ({url, parameters}) with a multipart POST. The target is
 * a storage host, not the shop: the token is not sent. */
void            td_shopify_upload_async      (TdShopify           *self,
                                              JsonObject          *target,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TdShopifyReply *td_shopify_upload_finish     (TdShopify           *self,
                                              GAsyncResult        *result);

const TdMarketplaceAccount *td_shopify_get_account_data (TdShopify *self);
/* The location GID stock is kept at: the "location_id" setting (a GID or a bare number), or
 * the primary location once td_shopify_set_location() learnt it; NULL before. */
const char     *td_shopify_get_location      (TdShopify  *self);
void            td_shopify_set_location      (TdShopify  *self,
                                              const char *location_id);

/* td-shopify-listings.c: one publish/update/withdraw batch, item after item; the GTask's
 * task data is the TdShopifyRun. */
typedef struct
{
  TdSyncOp           op;
  GPtrArray         *items;          /* TdSyncItem, borrowed from the caller for the run */
  guint              index;
  GPtrArray         *outcomes;       /* TdSyncOutcome */
  TdRemoteKnownFunc  remote_known;
  gpointer           remote_known_data;

  /* the item in hand */
  char              *product_id;
  char              *variant_id;
  char              *inventory_item_id;
  gboolean           stored_ids;     /* the ids above came from the store */
  JsonArray         *targets;        /* staged upload targets */
  GPtrArray         *resource_urls;  /* uploaded photos */
} TdShopifyRun;


TdSyncItem     *td_shopify_run_current       (TdShopifyRun   *run);
/* Finish the item in hand (its outcome) and go on with the next one. */
void            td_shopify_run_finish_done   (GTask          *task,
                                              const char     *listing_state);
void            td_shopify_run_finish_status (GTask          *task,
                                              TdSyncStatus    status,
                                              guint           retry_after_s,
                                              const char     *message);
/* TRUE when @reply is DONE and none of the payloads at the NULL-terminated field names has
 * userErrors; otherwise finishes the item with why and returns FALSE. */
gboolean        td_shopify_run_reply_ok      (GTask          *task,
                                              TdShopifyReply *reply,
                                              ...) G_GNUC_NULL_TERMINATED;
/* Takes the ids of a variant object ({id inventoryItem{id} product{id}}). */
void            td_shopify_run_take_variant  (TdShopifyRun   *run,
                                              JsonObject     *variant,
                                              const char     *product_id);
/* Calls remote_known with the product id and the variant/inventory ids. */
void            td_shopify_run_announce      (GTask          *task);
char           *td_shopify_price_text        (const TdSyncItem *item);
char           *td_shopify_description_html  (const TdSyncItem *item);
void            td_shopify_add_string        (JsonBuilder    *builder,
                                              const char     *name,
                                              const char     *value);

void            td_shopify_run_async         (TdMarketplace        *marketplace,
                                              TdSyncOp              op,
                                              GPtrArray            *items,
                                              TdRemoteKnownFunc     remote_known,
                                              gpointer              remote_known_data,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray      *td_shopify_run_finish        (TdMarketplace        *marketplace,
                                              GAsyncResult         *result,
                                              GError              **error);

/* td-shopify-publish.c: stage and upload the photos, then productSet. */
void            td_shopify_publish_create    (GTask          *task);

/* td-shopify-orders.c */
/* The search text and `after` for @cursor ("ISO", or "ISO|MAX|AFTER" between pages) at
 * @now_us. (transfer full) */
void            td_shopify_orders_query      (const char   *cursor,
                                              gint64        now_us,
                                              char        **query,
                                              char        **after);
/* Fills @page from a DONE answer of TD_SHOPIFY_ORDERS for @cursor (pure). */
void            td_shopify_orders_parse      (TdShopifyReply *reply,
                                              const char     *cursor,
                                              gint64          now_us,
                                              TdOrderPage    *page);
void            td_shopify_pull_orders_async (TdMarketplace        *marketplace,
                                              const char           *cursor,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
TdOrderPage    *td_shopify_pull_orders_finish (TdMarketplace       *marketplace,
                                               GAsyncResult        *result,
                                               GError             **error);

/* "12.50" in a currency with @digits minor digits → 1250; 0 when unreadable. */
gint64          td_shopify_parse_amount      (const char *text,
                                              int         digits);

G_END_DECLS
