/* td-marketplace.h — one marketplace account as the sync engine sees it.
 *
 * Each marketplace (eBay, Shopify, Etsy, WooCommerce) is one final class implementing this
 * interface: td-ebay.c, td-shopify.c, td-etsy.c, td-woocommerce.c. A class is built for one
 * TdMarketplaceAccount with the app's one SoupSession and the account's credentials; every URL
 * it calls is derived from the account's base_url and its `settings.urls` overrides, so a test
 * points it at a fake on 127.0.0.1.
 *
 * Remote failures are not GErrors: every call answers per item with a TdSyncOutcome (or one
 * TdOrderPage) carrying TdSyncStatus, the marketplace's message in plain words and any
 * Retry-After. GError is only for local trouble (a photo file that can't be read, …) and
 * programmer errors.
 *
 * Classes never create blindly: before a create they look the SKU up and adopt what they
 * find. They call @sink as soon as a remote id is known, so the engine stores it before the
 * next request is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "td-credentials.h"
#include "td-store-marketplaces.h"
#include "td-sync-types.h"

G_BEGIN_DECLS

/* Called (on the main context) the moment a remote id becomes known during a batch. */
typedef void (*TdRemoteKnownFunc) (gint64      item_id,
                                   const char *remote_id,
                                   const char *remote_ref,
                                   gpointer    user_data);

#define TD_TYPE_MARKETPLACE (td_marketplace_get_type ())

G_DECLARE_INTERFACE (TdMarketplace, td_marketplace, TD, MARKETPLACE, GObject)

struct _TdMarketplaceInterface
{
  GTypeInterface parent_iface;

  const TdMarketplaceAccount *(*get_account) (TdMarketplace *self);

  /* Items per request for @op (eBay 25; Woo batch 100; 1 where there is no bulk call). */
  guint        (*batch_limit)        (TdMarketplace        *self,
                                      TdSyncOp              op);
  /* Requests per second this account may send (Etsy 10; Shopify/eBay a safe default). */
  double       (*rate_limit)         (TdMarketplace        *self);
  /* Whether the item may go on this marketplace at all (Etsy: vintage only). */
  gboolean     (*check_item)         (TdMarketplace        *self,
                                      const TdSyncItem     *item,
                                      gint64                now_us,
                                      GError              **error);
  /* Publish / update / withdraw a batch of ≤ batch_limit items.
   * finish: (element-type TdSyncOutcome) one per item, same order. */
  void         (*run_async)          (TdMarketplace        *self,
                                      TdSyncOp              op,
                                      GPtrArray            *items,
                                      TdRemoteKnownFunc     remote_known,
                                      gpointer              remote_known_data,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  GPtrArray   *(*run_finish)         (TdMarketplace        *self,
                                      GAsyncResult         *result,
                                      GError              **error);
  /* One page of orders modified since @cursor (NULL: the marketplace's default window).
   * The class applies its safety overlap; duplicates are fine (the store de-duplicates). */
  void         (*pull_orders_async)  (TdMarketplace        *self,
                                      const char           *cursor,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
  TdOrderPage *(*pull_orders_finish) (TdMarketplace        *self,
                                      GAsyncResult         *result,
                                      GError              **error);
};

/* Builds the class for @account->kind; NULL with an error for an unknown kind. */
TdMarketplace *td_marketplace_new_for_account (SoupSession                *session,
                                               const TdMarketplaceAccount *account,
                                               TdCredentials              *credentials,
                                               GError                    **error);

const TdMarketplaceAccount *td_marketplace_get_account (TdMarketplace *self);
guint        td_marketplace_batch_limit        (TdMarketplace        *self,
                                                TdSyncOp              op);
double       td_marketplace_rate_limit         (TdMarketplace        *self);
gboolean     td_marketplace_check_item         (TdMarketplace        *self,
                                                const TdSyncItem     *item,
                                                gint64                now_us,
                                                GError              **error);
void         td_marketplace_run_async          (TdMarketplace        *self,
                                                TdSyncOp              op,
                                                GPtrArray            *items,
                                                TdRemoteKnownFunc     remote_known,
                                                gpointer              remote_known_data,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray   *td_marketplace_run_finish         (TdMarketplace        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void         td_marketplace_pull_orders_async  (TdMarketplace        *self,
                                                const char           *cursor,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
TdOrderPage *td_marketplace_pull_orders_finish (TdMarketplace        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
