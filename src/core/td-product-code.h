/* td-product-code.h — manufacturer codes (EAN, UPC, ISBN) that scan to an item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TdProductCodeKind:
 * @TD_PRODUCT_CODE_EAN8: 8 digits
 * @TD_PRODUCT_CODE_UPCA: 12 digits (stored as EAN-13 with a leading 0)
 * @TD_PRODUCT_CODE_EAN13: 13 digits
 * @TD_PRODUCT_CODE_ISBN10: 9 digits and a check digit or X (stored as its 978 EAN-13)
 * @TD_PRODUCT_CODE_ISBN13: an EAN-13 starting with 978 or 979
 */
typedef enum
{
  TD_PRODUCT_CODE_EAN8,
  TD_PRODUCT_CODE_UPCA,
  TD_PRODUCT_CODE_EAN13,
  TD_PRODUCT_CODE_ISBN10,
  TD_PRODUCT_CODE_ISBN13,
} TdProductCodeKind;

gboolean td_product_code_normalize (const char         *text,
                                    char              **normalized,
                                    TdProductCodeKind  *kind);

G_END_DECLS
