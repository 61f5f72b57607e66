/* td-store.h — the shop's records; every SQL statement lives in src/core/store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/* Shop data that travels with the database (per-machine preferences go to GSettings). */
#define TD_SETTING_SHOP_ID                 "shop.id"
#define TD_SETTING_SHOP_NAME               "shop.name"
#define TD_SETTING_SHOP_ADDRESS            "shop.address"
#define TD_SETTING_SHOP_TAX_ID             "shop.tax_id"
#define TD_SETTING_RECEIPT_POLICY          "receipt.policy"     /* printed at the foot of receipts */
#define TD_SETTING_RECEIPT_LOGO            "receipt.logo"       /* a PNG beside the shop file [none] */
#define TD_SETTING_SHOP_CURRENCY           "shop.currency"
#define TD_SETTING_SHOP_CREATED_AT         "shop.created_at"
#define TD_SETTING_CONSIGNMENT_SHARE_BP    "consignment.share_bp"
#define TD_SETTING_CONSIGNMENT_PERIOD_DAYS "consignment.period_days"
#define TD_SETTING_CONSIGNMENT_EXPIRY      "consignment.expiry_action"
#define TD_SETTING_ONBOARDING_DONE         "onboarding.done"

/**
 * TdShopSummary:
 * Counts that tell what the shop holds; cheap enough for the main thread only on small shops,
 * so the UI loads it off-thread (td_store_shop_load_summary() on a worker connection).
 */
typedef struct
{
  gint64 consignors;
  gint64 items;
  gint64 items_available;
  gint64 sales;
  gint64 last_sale_at;   /* UTC µs, 0 when there is none */
} TdShopSummary;

char     *td_store_settings_dup       (TdDatabase     *db,
                                       const char     *key,
                                       GError        **error);
gboolean  td_store_settings_set       (TdDatabase     *db,
                                       const char     *key,
                                       const char     *value,
                                       gint64          now_us,
                                       GError        **error);
gboolean  td_store_settings_change    (TdDatabase     *db,
                                       gint64          staff_id,
                                       const char     *key,
                                       const char     *value,
                                       gint64          now_us,
                                       GError        **error);

gboolean  td_store_shop_is_empty      (TdDatabase     *db,
                                       gboolean       *empty,
                                       GError        **error);
gboolean  td_store_shop_load_summary  (TdDatabase     *db,
                                       TdShopSummary  *summary,
                                       GError        **error);

G_END_DECLS
