/* td-donation-list.h — the record of donated items a charity shop keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "td-document.h"
#include "td-money.h"

G_BEGIN_DECLS

/**
 * TdDonationLine:
 * @sku: the item's SKU
 * @title: the item's title
 * @category: (nullable): the category's name
 * @consignor_code: (nullable): who gave it, when known
 * @value: the item's value in minor units of the list's currency
 */
typedef struct
{
  const char *sku;
  const char *title;
  const char *category;
  const char *consignor_code;
  gint64      value;
} TdDonationLine;

/**
 * TdDonationList:
 * @shop_name: the shop, printed as the heading
 * @shop_address: (nullable): may hold several lines
 * @shop_phone: (nullable):
 * @date: the list's date (or period), already formatted for people
 * @recipient: (nullable): who received the donation, when the shop gives items on
 * @currency: the currency of the values
 * @money_format: (nullable): how to write money; %NULL for td_money_format_init_default()
 * @lines: (array length=n_lines): the donated items
 * @n_lines: how many
 *
 * Strings are borrowed.
 */
typedef struct
{
  const char           *shop_name;
  const char           *shop_address;
  const char           *shop_phone;
  const char           *date;
  const char           *recipient;
  const TdCurrency     *currency;
  const TdMoneyFormat  *money_format;
  const TdDonationLine *lines;
  guint                 n_lines;
} TdDonationList;

gboolean td_donation_list_write_pdf (const TdDonationList  *list,
                                     TdPaper                paper,
                                     const char            *path,
                                     GError               **error);

G_END_DECLS
