/* td-store-sales.h — the counter's store: scanning into a cart, completing a sale in one
 * transaction, the last sale of a register, parked carts, reading sales back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-cart.h"
#include "td-database.h"
#include "td-sale.h"

G_BEGIN_DECLS

/* Counter settings (table `setting`). Missing keys read as the defaults in brackets. */
#define TD_SETTING_TAX_INCLUSIVE      "tax.inclusive"       /* "1"/"0" [1] */
#define TD_SETTING_TAX_RATES          "tax.rates"           /* "standard=2000;reduced=500" [standard=0] */
#define TD_SETTING_CASH_ROUNDING      "cash.rounding_step"  /* minor units [the currency's step] */
#define TD_SETTING_REFUND_WINDOW_DAYS "refund.window_days"  /* [30]; 0: no limit */
#define TD_SETTING_RECEIPT_URL_PREFIX "receipt.url_prefix"  /* [""] */

#define TD_REGISTER_DEFAULT "main"

/* A cart parked on a register, waiting to be recalled. */
typedef struct
{
  gint64  id;
  char   *label;
  gint64  parked_at;   /* UTC µs */
  gint64  staff_id;
  guint   n_items;
  gint64  total;       /* when parked; recall re-prices */
} TdParkedCart;

/* The in-doubt window after a crash: what the counter shows on the next start. */
typedef struct
{
  gint64 sale_id;
  gint64 receipt_no;
  gint64 created_at;   /* UTC µs */
  gint64 total;
  gint64 paid;         /* total + rounding */
  gint64 by_tender[TD_N_TENDERS];
} TdLastSale;

gboolean   td_store_sales_load_config   (TdDatabase            *db,
                                         TdCounterConfig       *config,
                                         GError               **error);

gboolean   td_store_sales_scan          (TdDatabase            *db,
                                         TdCart                *cart,
                                         const TdPricingRules  *rules,
                                         const char            *code,
                                         gint64                 now_us,
                                         const TdCartLine     **line,
                                         GError               **error);
gboolean   td_store_sales_void_line     (TdDatabase            *db,
                                         TdCart                *cart,
                                         gint64                 item_id,
                                         gint64                 staff_id,
                                         gint64                 now_us,
                                         GError               **error);
gboolean   td_store_sales_cancel        (TdDatabase            *db,
                                         TdCart                *cart,
                                         gint64                 staff_id,
                                         gint64                 now_us,
                                         GError               **error);

gboolean   td_store_sales_complete      (TdDatabase            *db,
                                         const char            *register_id,
                                         TdCart                *cart,
                                         const TdTender        *tenders,
                                         guint                  n_tenders,
                                         gint64                 staff_id,
                                         gint64                 now_us,
                                         TdSale               **sale,
                                         GError               **error);

TdSale    *td_store_sales_get           (TdDatabase            *db,
                                         gint64                 sale_id,
                                         GError               **error);
TdSale    *td_store_sales_get_by_receipt (TdDatabase           *db,
                                         const char            *register_id,
                                         gint64                 receipt_no,
                                         GError               **error);
TdSale    *td_store_sales_get_by_token  (TdDatabase            *db,
                                         const char            *token,
                                         GBytes                *key,
                                         GError               **error);
char      *td_store_sales_dup_token     (TdDatabase            *db,
                                         const TdSale          *sale,
                                         GBytes                *key,
                                         GError               **error);
gboolean   td_store_sales_last          (TdDatabase            *db,
                                         const char            *register_id,
                                         TdLastSale            *last,
                                         gboolean              *found,
                                         GError               **error);
char      *td_store_sales_acknowledged_key    (const char  *register_id);
gboolean   td_store_sales_acknowledge_history (TdDatabase  *db,
                                               GError     **error);

gboolean   td_store_sales_park          (TdDatabase            *db,
                                         const char            *register_id,
                                         TdCart                *cart,
                                         const char            *label,
                                         gint64                 staff_id,
                                         gint64                 now_us,
                                         gint64                *parked_id,
                                         GError               **error);
GArray    *td_store_sales_list_parked   (TdDatabase            *db,
                                         const char            *register_id,
                                         GError               **error);
gboolean   td_store_sales_recall        (TdDatabase            *db,
                                         gint64                 parked_id,
                                         TdCart                *cart,
                                         const TdPricingRules  *rules,
                                         gint64                 now_us,
                                         GPtrArray            **dropped,
                                         GError               **error);

void       td_parked_cart_clear         (TdParkedCart          *parked);

G_END_DECLS
