/* td-woocommerce-private.h — what the files of the WooCommerce class share: the instance, one
 * authenticated request with its answer, and the pure helpers the tests call directly.
 *
 * td-woocommerce.c           the class, settings, sending (HTTP Basic consumer key:secret)
 * td-woocommerce-products.c  publish (SKU lookup, media upload, create), update, withdraw
 * td-woocommerce-orders.c    orders → online orders, the cursor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-marketplace.h"

G_BEGIN_DECLS

/* WooCommerce's batch endpoints take at most 100 objects by default. */
#define TD_WOO_BATCH_LIMIT      100
/* No built-in rate limit (it depends on the host); stay polite. */
#define TD_WOO_RATE_LIMIT       4.0
/* Orders are read again from this many seconds before the cursor. */
#define TD_WOO_ORDER_OVERLAP_S  300
#define TD_WOO_ORDER_PAGE       100

#define TD_TYPE_WOOCOMMERCE (td_woocommerce_get_type ())

G_DECLARE_FINAL_TYPE (TdWoocommerce, td_woocommerce, TD, WOOCOMMERCE, GObject)

struct _TdWoocommerce
{
  GObject               parent_instance;

  SoupSession          *session;
  TdMarketplaceAccount *account;
  TdCredentials        *credentials;
  JsonObject           *settings;    /* never NULL */
  char                 *base_url;    /* …/wp-json/wc/v3 */
  char                 *media_url;   /* …/wp-json/wp/v2 (settings.urls.media) */
};

/* The answer to a request, classified by td_http_classify(). */
typedef struct
{
  TdSyncStatus  status;
  guint         http_status;     /* 0 when nothing came back */
  guint         retry_after_s;
  char         *message;         /* nullable */
  JsonNode     *root;            /* the JSON body; never NULL when status is DONE */
  guint         total_pages;     /* X-WP-TotalPages, 0 when absent */
} TdWooAnswer;

void          td_woo_answer_free       (TdWooAnswer *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdWooAnswer, td_woo_answer_free)

/* A JSON request to @base + @path ("/products/batch"), body nullable (taken). */
SoupMessage  *td_woo_json_message      (const char  *method,
                                        const char  *base,
                                        const char  *path,
                                        JsonNode    *body);
/* Sends @msg (taken) with HTTP Basic consumer_key:consumer_secret. The answer is never NULL;
 * a 2xx whose body is not JSON is RETRY. */
void          td_woo_send_async        (TdWoocommerce       *self,
                                        SoupMessage         *msg,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
TdWooAnswer  *td_woo_send_finish       (TdWoocommerce       *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* Pure: "24.99" for @minor in @currency's decimals (2 when unknown). */
char         *td_woo_format_price      (gint64       minor,
                                        const char  *currency);
/* Pure: a decimal text ("24.99", "25", "-3.5") or JSON number in minor units of @currency. */
gint64        td_woo_parse_price       (JsonNode    *node,
                                        const char  *currency);
/* Pure: the WordPress REST base for media: settings.urls.media, else @base_url with its
 * "/wc/v3" turned into "/wp/v2". (transfer full) */
char         *td_woo_media_url         (const char  *base_url,
                                        JsonObject  *settings);
/* Pure: the id of a product / order object, 0 when none. */
gint64        td_woo_object_id         (JsonNode    *node);

/* td-woocommerce-products.c */
void          td_woo_run_async         (TdMarketplace       *marketplace,
                                        TdSyncOp             op,
                                        GPtrArray           *items,
                                        TdRemoteKnownFunc    remote_known,
                                        gpointer             remote_known_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray    *td_woo_run_finish        (TdMarketplace       *marketplace,
                                        GAsyncResult        *result,
                                        GError             **error);

/* td-woocommerce-orders.c */
void          td_woo_pull_orders_async  (TdMarketplace       *marketplace,
                                         const char          *cursor,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
TdOrderPage  *td_woo_pull_orders_finish (TdMarketplace       *marketplace,
                                         GAsyncResult        *result,
                                         GError             **error);
/* Pure: the orders of a GET /orders answer. */
GPtrArray    *td_woo_parse_orders       (JsonNode            *root);

G_END_DECLS
