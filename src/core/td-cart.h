/* td-cart.h — the cart at the counter: lines, discounts, tax, totals, tenders. Pure: no SQL,
 * no clock (the moment to price at is passed in). td-store-sales.h fills and completes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "td-money.h"
#include "td-pricing.h"
#include "td-sale.h"

G_BEGIN_DECLS

/* A tax class (`category.tax_class`) and its rate. */
typedef struct
{
  char *tax_class;
  int   rate_bp;     /* 0 … 10000 */
} TdTaxRate;

/**
 * TdCounterConfig:
 * The shop's counter settings (td_store_sales_load_config()), or built by hand in tests.
 * @tax_inclusive: ticket prices include tax (the usual case in Europe)
 * @rates: (element-type TdTaxRate): per tax class; a class not listed pays @default_rate_bp
 * @default_rate_bp: the 'standard' class rate
 * @cash_step: cash rounding step in minor units (5 for CHF); 1: none
 * @refund_window_days: returns accepted this many days after the sale; 0: no limit
 * @currency: the shop's currency (static data from td_currency_lookup()); messages use it
 *
 * Initialise with td_counter_config_init(), free with td_counter_config_clear() / g_auto.
 */
typedef struct
{
  gboolean  tax_inclusive;
  GArray   *rates;
  int       default_rate_bp;
  int       cash_step;
  int               refund_window_days;
  const TdCurrency *currency;
} TdCounterConfig;

/**
 * TdCartItem:
 * An item as a scan finds it: what the cart needs to price, tax and split it.
 * Strings borrowed for the call; the cart copies them.
 */
typedef struct
{
  gint64       item_id;
  const char  *sku;
  const char  *title;
  const char  *grade_label;   /* nullable */
  gint64       category_id;   /* 0: none */
  gint64       grade_id;      /* 0: none */
  const char  *tax_class;     /* nullable: 'standard' */
  gint64       consignor_id;  /* 0: shop stock */
  int          share_bp;      /* the consignor's share fixed at intake; 0 for shop stock */
  gint64       price;         /* ticket price */
  gint64       min_price;
  gint64       intake_at;     /* UTC µs, for markdowns */
  const char  *tag_colour;    /* nullable */
} TdCartItem;

/**
 * TdCartLine:
 * A line of the cart. The inputs are set by td_cart_add_item() and the discount setters;
 * the computed fields are refreshed on every change. Owned by the cart.
 */
typedef struct
{
  /* inputs */
  gint64       item_id;
  char        *sku;
  char        *title;
  char        *grade_label;
  gint64       category_id;
  gint64       grade_id;
  gint64       consignor_id;
  int          share_bp;
  int          tax_rate_bp;
  gint64       original_price;   /* the ticket */
  gint64       list_price;       /* effective price at the moment scanned (td-pricing) */
  TdPriceRule  price_rule;       /* what lowered it, if anything */
  gint64       line_discount;    /* staff's discount on this line, ≤ list_price */
  char        *discount_reason;
  /* computed */
  gint64       cart_discount;    /* this line's part of the cart discount */
  gint64       discount;         /* line_discount + cart_discount */
  gint64       price;            /* list_price − discount */
  gint64       tax;              /* included (inclusive) or on top (exclusive) */
  gint64       net;              /* price without tax */
  gint64       consignor_share;  /* of @net, rounded half up; the shop keeps the rest of @price */
  /* inputs, added later */
  gint64       min_price;        /* the consignor's minimum; a sale below it needs permission */
} TdCartLine;

/**
 * TdCartTotals:
 * subtotal − discount = net_total (Σ line price); total = net_total + (exclusive ? tax : 0).
 * Cash rounding is not in @total: it belongs to the cash tender (td_cart_plan_tenders()).
 */
typedef struct
{
  guint     n_lines;
  gint64    subtotal;          /* Σ list_price */
  gint64    line_discounts;
  gint64    cart_discount;
  gint64    discount;          /* line_discounts + cart_discount */
  gint64    lines_total;       /* Σ line price */
  gint64    tax;
  gint64    total;
  gint64    consignor_total;   /* Σ consignor_share */
  TdTaxBand bands[TD_TAX_MAX_BANDS];
  guint     n_bands;
} TdCartTotals;

/**
 * TdTenderPlan:
 * How a list of tenders settles the cart: @due is what must be paid (total + @rounding), the
 * cash tender gets @rounding (only when cash is used) and gives @change.
 */
typedef struct
{
  gint64 total;
  gint64 rounding;       /* signed; 0 without cash */
  gint64 due;            /* total + rounding */
  gint64 tendered;       /* Σ tender amounts */
  gint64 change;         /* cash given back */
  gint64 cash_net;       /* cash kept in the drawer: cash tendered − change */
} TdTenderPlan;

#define TD_TYPE_CART (td_cart_get_type ())

G_DECLARE_FINAL_TYPE (TdCart, td_cart, TD, CART, GObject)

void              td_counter_config_init        (TdCounterConfig       *config);
void              td_counter_config_clear       (TdCounterConfig       *config);
void              td_counter_config_copy        (const TdCounterConfig *src,
                                                 TdCounterConfig       *dest);
int               td_counter_config_rate_for    (const TdCounterConfig *config,
                                                 const char            *tax_class);
gboolean          td_counter_config_parse_rates (TdCounterConfig       *config,
                                                 const char            *text,
                                                 GError               **error);
char             *td_counter_config_format_rates (const TdCounterConfig *config);

gint64            td_tax_of_inclusive           (gint64                 price,
                                                 int                    rate_bp);
gint64            td_tax_of_exclusive           (gint64                 net,
                                                 int                    rate_bp);
gint64            td_cash_round                 (gint64                 amount,
                                                 int                    step);

TdCart           *td_cart_new                   (const TdCounterConfig *config);
const TdCounterConfig *td_cart_get_config       (TdCart                *self);
guint             td_cart_get_n_lines           (TdCart                *self);
const TdCartLine *td_cart_get_line              (TdCart                *self,
                                                 guint                  position);
const TdCartLine *td_cart_find_item             (TdCart                *self,
                                                 gint64                 item_id,
                                                 guint                 *position);
gboolean          td_cart_add_item              (TdCart                *self,
                                                 const TdCartItem      *item,
                                                 const TdPricingRules  *rules,
                                                 GDateTime             *at,
                                                 GError               **error);
gboolean          td_cart_remove_item           (TdCart                *self,
                                                 gint64                 item_id);
gboolean          td_cart_set_line_discount     (TdCart                *self,
                                                 gint64                 item_id,
                                                 gint64                 amount,
                                                 const char            *reason,
                                                 GError               **error);
gboolean          td_cart_set_cart_discount     (TdCart                *self,
                                                 gint64                 amount,
                                                 int                    percent_bp,
                                                 const char            *reason,
                                                 GError               **error);
gint64            td_cart_get_cart_discount_amount  (TdCart            *self);
int               td_cart_get_cart_discount_percent (TdCart            *self);
const char       *td_cart_get_cart_discount_reason  (TdCart            *self);
void              td_cart_clear                 (TdCart                *self);
void              td_cart_get_totals            (TdCart                *self,
                                                 TdCartTotals          *totals);
gboolean          td_cart_plan_tenders          (TdCart                *self,
                                                 const TdTender        *tenders,
                                                 guint                  n_tenders,
                                                 TdTenderPlan          *plan,
                                                 GError               **error);

GVariant         *td_cart_serialize             (TdCart                *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdCounterConfig, td_counter_config_clear)

G_END_DECLS
