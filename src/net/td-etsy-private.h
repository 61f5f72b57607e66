/* td-etsy-private.h — what the files of the Etsy class share: the instance, one signed
 * request with its answer, settings and the pure helpers the tests call directly.
 *
 * td-etsy.c          the class, check_item, sending (x-api-key + Bearer, refresh once on 401/403)
 * td-etsy-listings.c publish (resumable), the batch
 * td-etsy-changes.c  update, withdraw
 * td-etsy-content.c  title, tags, description, price and inventory JSON (pure)
 * td-etsy-orders.c   receipts → online orders, the cursor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-marketplace.h"

G_BEGIN_DECLS

#define TD_ETSY_DEFAULT_BASE_URL  "https://openapi.etsy.com"
#define TD_ETSY_DEFAULT_TOKEN_URL "https://api.etsy.com/v3/public/oauth/token"
/* Etsy lets an app key send 10 requests a second; stay a little below. */
#define TD_ETSY_RATE_LIMIT        8.0
/* Receipts are read again from this many seconds before the cursor. */
#define TD_ETSY_ORDER_OVERLAP_S   300
#define TD_ETSY_ORDER_PAGE        100

#define TD_TYPE_ETSY (td_etsy_get_type ())

G_DECLARE_FINAL_TYPE (TdEtsy, td_etsy, TD, ETSY, GObject)

struct _TdEtsy
{
  GObject               parent_instance;

  SoupSession          *session;
  TdMarketplaceAccount *account;
  TdCredentials        *credentials;
  JsonObject           *settings;   /* never NULL */
  char                 *base_url;
};

/* One request, rebuilt for every attempt (a refreshed token means a second send). */
typedef struct _TdEtsyRequest TdEtsyRequest;

/* The answer to a request, classified by td_http_classify(). */
typedef struct
{
  TdSyncStatus  status;
  guint         http_status;     /* 0 when nothing came back */
  guint         retry_after_s;
  char         *message;         /* nullable */
  JsonNode     *root;            /* the JSON body, nullable */
} TdEtsyAnswer;

void           td_etsy_answer_free      (TdEtsyAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdEtsyAnswer, td_etsy_answer_free)

/* @path: after the base URL, printf-style ("/v3/application/listings/%s"). */
TdEtsyRequest *td_etsy_request_new      (TdEtsy        *self,
                                         const char    *method,
                                         const char    *path_format,
                                         ...) G_GNUC_PRINTF (3, 4);
void           td_etsy_request_free     (TdEtsyRequest *request);
/* Appends "&name=value" (value escaped) to the URL. */
void           td_etsy_request_add_query (TdEtsyRequest *request,
                                          const char    *name,
                                          const char    *value);
/* The body: form (string → string, a reference is taken), JSON text (taken; written by
 * hand where prices must stay exact decimals) or one file part. */
void           td_etsy_request_set_form (TdEtsyRequest *request,
                                         GHashTable    *form);
void           td_etsy_request_set_json (TdEtsyRequest *request,
                                         char          *text);
void           td_etsy_request_set_file (TdEtsyRequest *request,
                                         const char    *field,
                                         const char    *file_path,
                                         GHashTable    *fields);

/* Sends @request (taken) with the account's x-api-key and a fresh Bearer token. The answer
 * is never NULL; GError only for local trouble (a photo that can't be read). */
void           td_etsy_send_async       (TdEtsy              *self,
                                         TdEtsyRequest       *request,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
TdEtsyAnswer  *td_etsy_send_finish      (TdEtsy              *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* A numeric setting (number or digit string), 0 when absent. */
gint64         td_etsy_setting_int      (TdEtsy        *self,
                                         const char    *name);
/* The taxonomy_id for @category_path: the `taxonomy` map (the path, then its parents), else
 * `default_taxonomy_id`; 0 when none. */
gint64         td_etsy_taxonomy_for     (TdEtsy        *self,
                                         const char    *category_path);

/* Etsy's `when_made` for an item made in @year, seen from @now_year ("1970s", "2000_2006"). */
const char    *td_etsy_when_made        (int            year,
                                         int            now_year);
/* Whether @item may go on Etsy at @now_us (vintage, ≥ 20 years old). */
gboolean       td_etsy_check_vintage    (const TdSyncItem *item,
                                         gint64            now_us,
                                         GError          **error);

/* td-etsy-listings.c: a batch, item by item; the GTask's data is the TdEtsyRun. The
 * td_etsy_run_* step helpers are shared with td-etsy-changes.c. */
typedef struct
{
  TdSyncOp           op;
  GPtrArray         *items;
  GPtrArray         *outcomes;
  TdRemoteKnownFunc  remote_known;
  gpointer           remote_known_data;
  guint              index;
  int                now_year;
  /* the item in progress */
  char              *listing_id;
  JsonObject        *ref;
  guint              offset;
  char              *candidate;   /* a draft with our title and no SKU */
  TdEtsyAnswer      *failure;     /* withdraw: the refusal, while the listing is looked at */
} TdEtsyRun;

TdSyncItem    *td_etsy_run_current      (TdEtsyRun           *run);
/* Records @outcome (taken) for the current item, with the ids known so far, and goes on. */
void           td_etsy_run_done         (GTask               *task,
                                         TdSyncOutcome       *outcome);
void           td_etsy_run_answered     (GTask               *task,
                                         TdEtsyAnswer        *answer);
void           td_etsy_run_failed       (GTask               *task,
                                         const char          *message);
void           td_etsy_run_finished     (GTask               *task,
                                         const char          *listing_state);
/* A step's answer, or NULL when the item ended there (its outcome is recorded). */
TdEtsyAnswer  *td_etsy_run_answer       (GTask               *task,
                                         GAsyncResult        *result);
void           td_etsy_run_send         (GTask               *task,
                                         TdEtsyRequest       *request,
                                         GAsyncReadyCallback  callback);
/* GET → edit → PUT when @read_first, else one PUT; then goes on with the op. */
void           td_etsy_run_write_inventory (GTask            *task,
                                            gboolean          read_first);
/* TD_LISTING_* for a ShopListing answer's `state`, NULL when it has none. */
const char    *td_etsy_listing_state    (JsonNode            *root);
GHashTable    *td_etsy_form_new         (void);
void           td_etsy_form_put_id      (GHashTable          *form,
                                         const char          *name,
                                         gint64               value);
gboolean       td_etsy_send_tags        (TdEtsy              *self);

void           td_etsy_run_async        (TdMarketplace       *marketplace,
                                         TdSyncOp             op,
                                         GPtrArray           *items,
                                         TdRemoteKnownFunc    remote_known,
                                         gpointer             remote_known_data,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray     *td_etsy_run_finish       (TdMarketplace       *marketplace,
                                         GAsyncResult        *result,
                                         GError             **error);

/* td-etsy-changes.c */
void           td_etsy_run_update_details (GTask             *task);
void           td_etsy_run_withdraw     (GTask               *task);

/* td-etsy-content.c (pure) */
/* The comma-separated tags for @item: vintage, era, condition, brand, material, colour; at
 * most 13, each ≤ 20 characters of what Etsy accepts. (transfer full) */
char          *td_etsy_tags_for         (const TdSyncItem *item,
                                         int               now_year);
/* ≤ 140 characters; %, :, & and + only once each. */
char          *td_etsy_clean_title      (const char       *title);
/* The description, then "Condition: …" from the grade and defects. */
char          *td_etsy_description_for  (const TdSyncItem *item);
/* "24.99": the item's price in its currency's decimals. */
char          *td_etsy_item_price       (const TdSyncItem *item);
/* updateListingInventory's JSON from getListingInventory's answer @current (NULL: a fresh
 * listing): every product goes back without read-only members; ours gets the SKU and price. */
char          *td_etsy_inventory_body   (JsonNode         *current,
                                         const TdSyncItem *item,
                                         gint64            readiness_state_id);

/* td-etsy-orders.c */
void           td_etsy_pull_orders_async  (TdMarketplace       *marketplace,
                                           const char          *cursor,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
TdOrderPage   *td_etsy_pull_orders_finish (TdMarketplace       *marketplace,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Pure: the receipts of a getShopReceipts answer as orders. */
GPtrArray     *td_etsy_parse_receipts     (JsonNode            *root);
/* Pure: a Money object {amount, divisor, currency_code} in minor units of its currency. */
gint64         td_etsy_money_minor        (JsonObject          *money);

G_END_DECLS
