/* td-sale.h — the counter's error domain, tenders, and the records of completed sales and
 * refunds (boxed, reference counted: receipts, returns and the Z report read them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TD_SALE_ERROR (td_sale_error_quark ())

/**
 * TdSaleError:
 * Every refusal of the counter. Messages are plain sentences for staff; nothing was written.
 * @TD_SALE_ERROR_UNKNOWN_CODE: no item has this SKU, manufacturer code or tag QR
 * @TD_SALE_ERROR_MALFORMED_SCAN: the scanned text can't be a code (empty, control bytes, too long)
 * @TD_SALE_ERROR_ALREADY_IN_CART: the item is already a line of this cart
 * @TD_SALE_ERROR_NOT_SELLABLE: the item is sold, returned, donated, damaged, held or a draft
 *   ("Sold on 12 Oct, receipt 000123")
 * @TD_SALE_ERROR_INVALID: a discount, amount, reason or quantity is out of range
 * @TD_SALE_ERROR_EMPTY: the cart has no lines
 * @TD_SALE_ERROR_TENDER_SHORT: the tenders do not cover the total
 * @TD_SALE_ERROR_TENDER_INVALID: a tender can't be used (over the balance of the store credit
 *   or gift card, unknown gift card, a non-cash tender over what is due …)
 * @TD_SALE_ERROR_NOT_FOUND: the sale, receipt, parked cart, gift card or till session does not exist
 * @TD_SALE_ERROR_ALREADY_REFUNDED: a chosen line was refunded before
 * @TD_SALE_ERROR_REFUND_TOO_LARGE: the refund is more than was paid
 * @TD_SALE_ERROR_REFUND_WINDOW: the sale is older than the refund window and no override was given
 * @TD_SALE_ERROR_TOKEN_INVALID: a receipt code is damaged, altered or not a receipt code
 * @TD_SALE_ERROR_TOKEN_FOREIGN: a receipt code of another shop
 * @TD_SALE_ERROR_TILL: no till session open, or one is already open on this register
 * @TD_SALE_ERROR_PERMISSION: the staff member may not do this (see td-store-counter-private.h)
 * @TD_SALE_ERROR_CHANGED: an item left the floor while in the cart (sold elsewhere, online)
 */
typedef enum
{
  TD_SALE_ERROR_UNKNOWN_CODE,
  TD_SALE_ERROR_MALFORMED_SCAN,
  TD_SALE_ERROR_ALREADY_IN_CART,
  TD_SALE_ERROR_NOT_SELLABLE,
  TD_SALE_ERROR_INVALID,
  TD_SALE_ERROR_EMPTY,
  TD_SALE_ERROR_TENDER_SHORT,
  TD_SALE_ERROR_TENDER_INVALID,
  TD_SALE_ERROR_NOT_FOUND,
  TD_SALE_ERROR_ALREADY_REFUNDED,
  TD_SALE_ERROR_REFUND_TOO_LARGE,
  TD_SALE_ERROR_REFUND_WINDOW,
  TD_SALE_ERROR_TOKEN_INVALID,
  TD_SALE_ERROR_TOKEN_FOREIGN,
  TD_SALE_ERROR_TILL,
  TD_SALE_ERROR_PERMISSION,
  TD_SALE_ERROR_CHANGED,
} TdSaleError;

/* `payment.tender` / `refund.tender`. */
typedef enum
{
  TD_TENDER_CASH,
  TD_TENDER_CARD,
  TD_TENDER_STORE_CREDIT,   /* a consignor spends their ledger balance */
  TD_TENDER_GIFT_CARD,
  TD_TENDER_MARKETPLACE,    /* online orders only; never at the counter */
  TD_N_TENDERS,
} TdTenderKind;

/**
 * TdTender:
 * One tender of a sale, as staff enter it.
 * @amount: minor units handed over (> 0); cash may be more than is due (change is given)
 * @reference: (nullable): card slip / terminal reference; the gift card's code for gift cards
 * @consignor_id: store credit: whose balance is spent; else 0
 */
typedef struct
{
  TdTenderKind  kind;
  gint64        amount;
  const char   *reference;
  gint64        consignor_id;
} TdTender;

/* A rate and what it was charged on, for the receipt's tax breakdown and the Z report. */
typedef struct
{
  int    rate_bp;
  gint64 base;    /* net of tax */
  gint64 tax;
} TdTaxBand;

#define TD_TAX_MAX_BANDS 8

/**
 * TdSaleLine:
 * A line as sold: the sale-time facts (`sale_line`). @refunded is TRUE once a refund took it.
 * Strings owned by the sale.
 */
typedef struct
{
  gint64    id;
  gint64    item_id;
  char     *sku;
  char     *title;
  char     *grade_label;   /* "" when none */
  gint64    consignor_id;  /* 0: shop stock */
  gint64    list_price;    /* effective price when scanned, before discounts */
  gint64    discount;      /* line discount plus its part of the cart discount */
  gint64    price;         /* list_price − discount: what the line sold for */
  gint64    tax;           /* included in @price (inclusive) or charged on top (exclusive) */
  int       tax_rate_bp;
  int       share_bp;
  gint64    consignor_share;
  gboolean  refunded;
} TdSaleLine;

/* A payment of a sale; @amount is what the tender paid, net of @change. @reference is the
 * card slip, the gift card's code, or for store credit the consignor's code (and
 * @consignor_id their id, so a refund can go back to their balance). */
typedef struct
{
  gint64        id;
  TdTenderKind  tender;
  gint64        amount;
  gint64        change;
  char         *reference;
  gint64        consignor_id;
} TdSalePayment;

/**
 * TdSale:
 * A completed sale, read back from the database. Times UTC µs, money minor units.
 * total = subtotal − discount + (tax_inclusive ? 0 : tax); paid = total + rounding.
 */
typedef struct
{
  gint64         id;
  char          *register_id;
  gint64         receipt_no;
  gint64         created_at;
  gint64         staff_id;
  char          *staff_name;     /* "" when nobody signed in */
  gint64         subtotal;
  gint64         discount;
  char          *discount_reason;
  gint64         tax;
  gboolean       tax_inclusive;
  gint64         rounding;       /* cash rounding, signed */
  gint64         total;
  gint64         change;         /* sum of the payments' change */
  GArray        *lines;          /* (element-type TdSaleLine) */
  GArray        *payments;       /* (element-type TdSalePayment) */
  TdTaxBand      bands[TD_TAX_MAX_BANDS];
  guint          n_bands;
  gboolean       voided;
} TdSale;

/* A refunded line. */
typedef struct
{
  gint64    id;
  gint64    sale_line_id;
  char     *sku;
  char     *title;
  gint64    amount;           /* given back for the line, tax included */
  gint64    tax;
  gint64    consignor_share;  /* debited from the consignor */
  gboolean  damaged;          /* the item went to 'damaged' rather than back on the floor */
  guint     relisted;         /* listings the sale took down, queued to go back online
                               * (set by td_store_returns_refund() only) */
} TdRefundLine;

/**
 * TdRefund:
 * A completed refund. @receipt_no is the original sale's.
 */
typedef struct
{
  gint64        id;
  gint64        sale_id;
  char         *register_id;
  gint64        refund_no;
  gint64        receipt_no;
  gint64        created_at;
  gint64        staff_id;
  gint64        total;
  TdTenderKind  tender;
  char         *reason;
  char         *gift_card_code;  /* store credit given as a gift card; NULL otherwise */
  gint64        override_staff_id;
  GArray       *lines;           /* (element-type TdRefundLine) */
} TdRefund;

#define TD_TYPE_SALE   (td_sale_get_type ())
#define TD_TYPE_REFUND (td_refund_get_type ())

GQuark       td_sale_error_quark          (void);
const char  *td_tender_kind_to_string     (TdTenderKind   kind);
gboolean     td_tender_kind_from_string   (const char    *text,
                                           TdTenderKind  *kind);
const char  *td_tender_kind_label         (TdTenderKind   kind);
char        *td_receipt_number_format     (gint64         receipt_no);

GType        td_sale_get_type             (void) G_GNUC_CONST;
TdSale      *td_sale_new                  (void);
TdSale      *td_sale_ref                  (TdSale        *sale);
void         td_sale_unref                (TdSale        *sale);
gint64       td_sale_get_paid             (const TdSale  *sale,
                                           TdTenderKind   tender);
TdTenderKind td_sale_get_main_tender      (const TdSale  *sale);

GType        td_refund_get_type           (void) G_GNUC_CONST;
TdRefund    *td_refund_new                (void);
TdRefund    *td_refund_ref                (TdRefund      *refund);
void         td_refund_unref              (TdRefund      *refund);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSale, td_sale_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRefund, td_refund_unref)

G_END_DECLS
