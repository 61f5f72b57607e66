/* td-intake-slip.h — the consignment agreement a consignor signs at intake.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "td-document.h"
#include "td-money.h"

G_BEGIN_DECLS

/**
 * TdIntakeSlipLine:
 * @sku: the item's SKU
 * @title: the item's title
 * @grade: (nullable): the grade's label
 * @price: the asking price in minor units of the slip's currency
 */
typedef struct
{
  const char *sku;
  const char *title;
  const char *grade;
  gint64      price;
} TdIntakeSlipLine;

/**
 * TdIntakeSlip:
 * @shop_name: the shop, printed as the heading
 * @shop_address: (nullable): may hold several lines
 * @shop_phone: (nullable):
 * @date: the intake date, already formatted for people
 * @consignor_name: who brought the items
 * @consignor_code: their consignor code, e.g. "C0042"
 * @consignor_contact: (nullable): phone, e-mail or address, already formatted
 * @share: the consignor's share of each sale, formatted ("40 %")
 * @period: how long items are offered, formatted ("60 days")
 * @expiry: what happens to unsold items then, a sentence ("Unsold items are donated.")
 * @minimum_payout: (nullable): formatted amount ("$10.00")
 * @payout_method: (nullable): formatted ("Bank transfer")
 * @notes: (nullable): the shop's own extra terms, printed after the standard paragraph
 * @currency: the currency of the prices
 * @money_format: (nullable): how to write money; %NULL for td_money_format_init_default()
 * @lines: (array length=n_lines): the items taken in
 * @n_lines: how many
 *
 * Strings are borrowed. Prices are amounts so the slip can add them up; they are written with
 * @currency and @money_format.
 */
typedef struct
{
  const char             *shop_name;
  const char             *shop_address;
  const char             *shop_phone;
  const char             *date;
  const char             *consignor_name;
  const char             *consignor_code;
  const char             *consignor_contact;
  const char             *share;
  const char             *period;
  const char             *expiry;
  const char             *minimum_payout;
  const char             *payout_method;
  const char             *notes;
  const TdCurrency       *currency;
  const TdMoneyFormat    *money_format;
  const TdIntakeSlipLine *lines;
  guint                   n_lines;
} TdIntakeSlip;

gboolean td_intake_slip_write_pdf (const TdIntakeSlip  *slip,
                                   TdPaper              paper,
                                   const char          *path,
                                   GError             **error);

G_END_DECLS
