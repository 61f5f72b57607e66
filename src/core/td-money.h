/* td-money.h — money as integer minor units, formatted and parsed the locale's way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_MONEY_ERROR (td_money_error_quark ())

typedef enum
{
  TD_MONEY_ERROR_EMPTY,
  TD_MONEY_ERROR_INVALID,
  TD_MONEY_ERROR_TOO_PRECISE,
  TD_MONEY_ERROR_TOO_LARGE,
} TdMoneyError;

/**
 * TdCurrency:
 * @code: ISO 4217 code
 * @digits: minor-unit exponent (2 for EUR, 0 for JPY, 3 for KWD)
 * @symbol: the narrow symbol shown in the shop ("$", "€", "CHF")
 * @cash_step: the smallest coin in minor units for cash rounding (5 for CHF), 1 for none
 */
typedef struct
{
  const char *code;
  int         digits;
  const char *symbol;
  int         cash_step;
} TdCurrency;

/**
 * TdMoneyFormat:
 * How a locale writes amounts of money (from LC_MONETARY).
 */
typedef struct
{
  char     decimal_point[8];
  char     thousands_sep[8];
  int      group_size;       /* digits per group, 0 for none */
  gboolean symbol_first;
  gboolean symbol_space;
} TdMoneyFormat;

GQuark            td_money_error_quark             (void);

const TdCurrency *td_currency_lookup               (const char          *code);
const TdCurrency *td_currency_get_all              (guint               *n_currencies);
const char       *td_currency_default_code         (void);

void              td_money_format_init_default     (TdMoneyFormat       *fmt);
void              td_money_format_init_current     (TdMoneyFormat       *fmt);
gboolean          td_money_format_init_for_locale  (TdMoneyFormat       *fmt,
                                                    const char          *locale_name);

char             *td_money_format                  (gint64               amount,
                                                    const TdCurrency    *currency,
                                                    const TdMoneyFormat *fmt);
char             *td_money_format_plain            (gint64               amount,
                                                    const TdCurrency    *currency,
                                                    const TdMoneyFormat *fmt);
gboolean          td_money_parse                   (const char          *text,
                                                    const TdCurrency    *currency,
                                                    const TdMoneyFormat *fmt,
                                                    gint64              *amount,
                                                    GError             **error);

G_END_DECLS
