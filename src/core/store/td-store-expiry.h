/* td-store-expiry.h — acting on a selection of items: expiry and bulk actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-consignor.h"
#include "td-database.h"
#include "td-stock-error.h"

G_BEGIN_DECLS

/**
 * TdExpiredItem:
 * An available consigned item past its consignment period. @action is the consignor's term
 * with the shop default resolved (never %TD_EXPIRY_ACTION_SHOP_DEFAULT). Strings are owned by
 * the array the row sits in.
 */
typedef struct
{
  gint64          item_id;
  char           *sku;
  char           *title;
  gint64          price;
  gint64          consignor_id;
  char           *consignor_code;
  char           *consignor_name;
  gint64          expires_at;
  TdExpiryAction  action;
} TdExpiredItem;

gboolean td_store_expiry_list     (TdDatabase      *db,
                                   gint64           now_us,
                                   guint            limit,
                                   GArray         **items,
                                   GError         **error);
gboolean td_store_expiry_apply    (TdDatabase      *db,
                                   const gint64    *item_ids,
                                   guint            n_items,
                                   TdExpiryAction   action,
                                   gint64           staff_id,
                                   gint64           now_us,
                                   GError         **error);

gboolean td_store_items_mark_down (TdDatabase      *db,
                                   const gint64    *item_ids,
                                   guint            n_items,
                                   int              percent_bp,
                                   gint64           staff_id,
                                   gint64           now_us,
                                   GError         **error);
gboolean td_store_items_set_price (TdDatabase      *db,
                                   const gint64    *item_ids,
                                   guint            n_items,
                                   gint64           price,
                                   gint64           staff_id,
                                   gint64           now_us,
                                   GError         **error);
gboolean td_store_items_return    (TdDatabase      *db,
                                   const gint64    *item_ids,
                                   guint            n_items,
                                   gint64           staff_id,
                                   gint64           now_us,
                                   GError         **error);
gboolean td_store_items_donate    (TdDatabase      *db,
                                   const gint64    *item_ids,
                                   guint            n_items,
                                   gint64           staff_id,
                                   gint64           now_us,
                                   GError         **error);

G_END_DECLS
