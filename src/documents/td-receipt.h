/* td-receipt.h — sale and refund receipts and the till's Z report, drawn with cairo for a
 * thermal roll (80 or 58 mm) or a full page (A4, Letter).
 *
 * The structs are plain data filled by the caller from the store, so the documents library
 * never depends on the shop's schema. Strings are borrowed; %NULL and "" mean "not shown".
 * Amounts are minor units of @currency, written with @money_format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "td-document.h"
#include "td-money.h"

G_BEGIN_DECLS

/**
 * TdReceiptLayout:
 * @TD_RECEIPT_ROLL_80: 80 mm thermal roll (72 mm printed, 576 dots at 203 dpi); the page is
 *   as long as the receipt
 * @TD_RECEIPT_ROLL_58: 58 mm thermal roll (48 mm printed, 384 dots)
 * @TD_RECEIPT_A4: an A4 sheet, more pages when needed
 * @TD_RECEIPT_LETTER: a US Letter sheet
 */
typedef enum
{
  TD_RECEIPT_ROLL_80,
  TD_RECEIPT_ROLL_58,
  TD_RECEIPT_A4,
  TD_RECEIPT_LETTER,
} TdReceiptLayout;

#define TD_RECEIPT_N_LAYOUTS 4

/**
 * TdReceiptLine:
 * @title: the item's title; wrapped on two lines at most, then cut short with “…”
 * @grade: (nullable): the grade's label
 * @sku: (nullable): the SKU
 * @price: what the item costs before line discounts (markdowns already applied)
 * @original_price: the price before a markdown, or 0 when there was none
 * @discount: the line discount taken off @price, 0 for none
 * @discount_reason: (nullable): why
 */
typedef struct
{
  const char *title;
  const char *grade;
  const char *sku;
  gint64      price;
  gint64      original_price;
  gint64      discount;
  const char *discount_reason;
} TdReceiptLine;

/**
 * TdReceiptTax:
 * @label: (nullable): e.g. "VAT"
 * @rate_bp: the rate in basis points (1900 = 19 %)
 * @base: the amount the tax is on
 * @amount: the tax
 */
typedef struct
{
  const char *label;
  gint64      rate_bp;
  gint64      base;
  gint64      amount;
} TdReceiptTax;

/**
 * TdReceiptTender:
 * @label: how it was paid, e.g. "Cash", "Card", "Gift card 4F2K"
 * @amount: the amount tendered (for cash, what was handed over)
 * @is_cash: cash opens the drawer
 */
typedef struct
{
  const char *label;
  gint64      amount;
  gboolean    is_cash;
} TdReceiptTender;

/**
 * TdReceipt:
 * @is_refund: a refund receipt: amounts are paid back, @original_receipt_no is shown
 * @shop_name: the heading
 * @shop_address: (nullable): may hold several lines
 * @shop_tax_id: (nullable): e.g. "VAT DE123456789"
 * @logo_path: (nullable): a PNG drawn above the heading, scaled to fit; skipped when unreadable
 * @date: the date and time, formatted for people
 * @receipt_no: the receipt number, formatted ("000123")
 * @original_receipt_no: (nullable): for a refund, the sale's receipt number
 * @register_name: (nullable):
 * @staff: (nullable): who served
 * @lines: (array length=n_lines):
 * @cart_discount: taken off the whole cart, 0 for none
 * @cart_discount_reason: (nullable):
 * @subtotal: the sum of the lines after line discounts
 * @taxes: (array length=n_taxes): the tax breakdown by rate
 * @tax_included: prices include the tax ("incl.") or it was added on top
 * @rounding: cash rounding added to the total (may be negative), 0 for none
 * @total: what was paid (or refunded)
 * @tenders: (array length=n_tenders):
 * @change: change given, 0 for none
 * @gift_card_balance: the balance left on a gift card used or sold, when @has_gift_card_balance
 * @policy: (nullable): the shop's return/consignment policy, at the foot
 * @impact_line: (nullable): the estimated CO2e the purchase kept out of production, when the
 *   shop turned that line on (off by default)
 * @qr_payload: (nullable): what the QR code says (the signed receipt token)
 */
typedef struct
{
  gboolean               is_refund;
  const char            *shop_name;
  const char            *shop_address;
  const char            *shop_tax_id;
  const char            *logo_path;
  const char            *date;
  const char            *receipt_no;
  const char            *original_receipt_no;
  const char            *register_name;
  const char            *staff;
  const TdReceiptLine   *lines;
  guint                  n_lines;
  gint64                 cart_discount;
  const char            *cart_discount_reason;
  gint64                 subtotal;
  const TdReceiptTax    *taxes;
  guint                  n_taxes;
  gboolean               tax_included;
  gint64                 rounding;
  gint64                 total;
  const TdReceiptTender *tenders;
  guint                  n_tenders;
  gint64                 change;
  gboolean               has_gift_card_balance;
  gint64                 gift_card_balance;
  const char            *policy;
  const char            *impact_line;
  const char            *qr_payload;
  const TdCurrency      *currency;
  const TdMoneyFormat   *money_format;
} TdReceipt;

/**
 * TdZReportDoc:
 * @shop_name: the heading
 * @register_name: (nullable):
 * @session: (nullable): the till session, e.g. "#12"
 * @opened: when the till was opened, formatted
 * @closed: when it was closed, formatted
 * @staff: (nullable): who closed it
 * @n_sales: sales completed in the session
 * @n_refunds: refunds given
 * @tenders: (array length=n_tenders): takings by tender (@is_cash marks cash)
 * @refunds: money paid back, positive
 * @discounts: discounts given, positive
 * @tax: the tax collected
 * @taxes: (array length=n_taxes): tax by rate, when known (may be empty)
 * @opening_float: cash in the drawer at opening
 * @paid_in: cash put in besides sales
 * @paid_out: cash taken out besides refunds
 * @expected_cash: what should be in the drawer
 * @counted_cash: what was counted
 *
 * Over/short is @counted_cash − @expected_cash, computed when drawn.
 */
typedef struct
{
  const char            *shop_name;
  const char            *register_name;
  const char            *session;
  const char            *opened;
  const char            *closed;
  const char            *staff;
  guint                  n_sales;
  guint                  n_refunds;
  const TdReceiptTender *tenders;
  guint                  n_tenders;
  gint64                 refunds;
  gint64                 discounts;
  gint64                 tax;
  const TdReceiptTax    *taxes;
  guint                  n_taxes;
  gint64                 opening_float;
  gint64                 paid_in;
  gint64                 paid_out;
  gint64                 expected_cash;
  gint64                 counted_cash;
  const TdCurrency      *currency;
  const TdMoneyFormat   *money_format;
} TdZReportDoc;

const char *td_receipt_layout_get_label   (TdReceiptLayout    layout);
gboolean    td_receipt_layout_is_roll     (TdReceiptLayout    layout);
double      td_receipt_layout_print_width (TdReceiptLayout    layout);

gboolean    td_receipt_has_cash           (const TdReceipt   *receipt);

gboolean    td_receipt_write_pdf          (const TdReceipt   *receipt,
                                           TdReceiptLayout    layout,
                                           const char        *path,
                                           GError           **error);
gboolean    td_zreport_write_pdf          (const TdZReportDoc   *report,
                                           TdReceiptLayout    layout,
                                           const char        *path,
                                           GError           **error);

cairo_surface_t *td_receipt_render_raster (const TdReceipt   *receipt,
                                           TdReceiptLayout    layout,
                                           GError           **error);
cairo_surface_t *td_zreport_render_raster (const TdZReportDoc   *report,
                                           TdReceiptLayout    layout,
                                           GError           **error);

G_END_DECLS
