/* td-marketplace.c — the TdMarketplace interface and the factory by kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "td-marketplace.h"
#include "td-marketplace-private.h"
#include "td-stock-error.h"

G_DEFINE_INTERFACE (TdMarketplace, td_marketplace, G_TYPE_OBJECT)

static void
td_marketplace_default_init (TdMarketplaceInterface *iface)
{
}

typedef TdMarketplace *(*Constructor) (SoupSession *, const TdMarketplaceAccount *,
                                       TdCredentials *);

/* One line per marketplace class; a kind with no class yet answers with a plain error. */
static const struct { const char *kind; Constructor constructor; } kinds[] = {
  { TD_MARKETPLACE_EBAY, td_ebay_new },
  { TD_MARKETPLACE_SHOPIFY, td_shopify_new },
  { TD_MARKETPLACE_ETSY, td_etsy_new },
  { TD_MARKETPLACE_WOOCOMMERCE, td_woocommerce_new },
};

TdMarketplace *
td_marketplace_new_for_account (SoupSession                *session,
                                const TdMarketplaceAccount *account,
                                TdCredentials              *credentials,
                                GError                    **error)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (!g_str_equal (kinds[i].kind, account->kind))
        continue;
      if (kinds[i].constructor != NULL)
        return kinds[i].constructor (session, account, credentials);
      break;
    }
  g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
               _("Thriftdesk can’t sync with “%s” accounts yet."), account->kind);
  return NULL;
}

const TdMarketplaceAccount *
td_marketplace_get_account (TdMarketplace *self)
{
  g_return_val_if_fail (TD_IS_MARKETPLACE (self), NULL);
  return TD_MARKETPLACE_GET_IFACE (self)->get_account (self);
}

guint
td_marketplace_batch_limit (TdMarketplace *self,
                            TdSyncOp       op)
{
  g_return_val_if_fail (TD_IS_MARKETPLACE (self), 1);
  return MAX (1u, TD_MARKETPLACE_GET_IFACE (self)->batch_limit (self, op));
}

double
td_marketplace_rate_limit (TdMarketplace *self)
{
  TdMarketplaceInterface *iface;

  g_return_val_if_fail (TD_IS_MARKETPLACE (self), 1.0);
  iface = TD_MARKETPLACE_GET_IFACE (self);
  return iface->rate_limit != NULL ? iface->rate_limit (self) : 2.0;
}

gboolean
td_marketplace_check_item (TdMarketplace     *self,
                           const TdSyncItem  *item,
                           gint64             now_us,
                           GError           **error)
{
  TdMarketplaceInterface *iface;

  g_return_val_if_fail (TD_IS_MARKETPLACE (self), FALSE);
  iface = TD_MARKETPLACE_GET_IFACE (self);
  return iface->check_item == NULL || iface->check_item (self, item, now_us, error);
}

void
td_marketplace_run_async (TdMarketplace       *self,
                          TdSyncOp             op,
                          GPtrArray           *items,
                          TdRemoteKnownFunc    remote_known,
                          gpointer             remote_known_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (TD_IS_MARKETPLACE (self));
  g_return_if_fail (items != NULL && items->len > 0);
  g_return_if_fail (op != TD_SYNC_OP_PULL_ORDERS);

  TD_MARKETPLACE_GET_IFACE (self)->run_async (self, op, items, remote_known, remote_known_data,
                                              cancellable, callback, user_data);
}

GPtrArray *
td_marketplace_run_finish (TdMarketplace  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (TD_IS_MARKETPLACE (self), NULL);
  return TD_MARKETPLACE_GET_IFACE (self)->run_finish (self, result, error);
}

void
td_marketplace_pull_orders_async (TdMarketplace       *self,
                                  const char          *cursor,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (TD_IS_MARKETPLACE (self));
  TD_MARKETPLACE_GET_IFACE (self)->pull_orders_async (self, cursor, cancellable, callback,
                                                      user_data);
}

TdOrderPage *
td_marketplace_pull_orders_finish (TdMarketplace  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (TD_IS_MARKETPLACE (self), NULL);
  return TD_MARKETPLACE_GET_IFACE (self)->pull_orders_finish (self, result, error);
}
