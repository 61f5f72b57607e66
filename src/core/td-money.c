/* td-money.c — money as integer minor units, formatted and parsed the locale's way.
 *
 * Amounts never pass through floating point. The currency (the shop's, from the database)
 * decides the symbol and the number of decimals; the locale (the person's) decides how the
 * number is written: decimal mark, grouping, and where the symbol goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-money"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "td-money.h"

/* Largest amount we accept from people: 10^15 minor units, far beyond any till. */
#define MAX_PARSED_AMOUNT G_GINT64_CONSTANT (1000000000000000)

G_DEFINE_QUARK (td-money-error-quark, td_money_error)

static const TdCurrency currencies[] = {
  { "AUD", 2, "$", 5 },
  { "BHD", 3, "BD", 1 },
  { "BRL", 2, "R$", 1 },
  { "CAD", 2, "$", 5 },
  { "CHF", 2, "CHF", 5 },
  { "CNY", 2, "¥", 1 },
  { "CZK", 2, "Kč", 100 },
  { "DKK", 2, "kr.", 50 },
  { "EUR", 2, "€", 1 },
  { "GBP", 2, "£", 1 },
  { "HKD", 2, "HK$", 1 },
  { "HUF", 2, "Ft", 500 },
  { "ILS", 2, "₪", 10 },
  { "INR", 2, "₹", 1 },
  { "JPY", 0, "¥", 1 },
  { "KRW", 0, "₩", 1 },
  { "KWD", 3, "KD", 1 },
  { "MXN", 2, "$", 1 },
  { "NOK", 2, "kr", 100 },
  { "NZD", 2, "$", 10 },
  { "PLN", 2, "zł", 1 },
  { "SEK", 2, "kr", 100 },
  { "SGD", 2, "S$", 1 },
  { "TRY", 2, "₺", 1 },
  { "TWD", 2, "NT$", 1 },
  { "USD", 2, "$", 1 },
  { "ZAR", 2, "R", 10 },
};

/**
 * td_currency_lookup:
 * @code: an ISO 4217 code, any case
 *
 * Returns: (nullable) (transfer none): the currency, or %NULL when Thriftdesk doesn't know it
 */
const TdCurrency *
td_currency_lookup (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
      return &currencies[i];
  return NULL;
}

/**
 * td_currency_get_all:
 * @n_currencies: (out): how many
 *
 * Returns: (transfer none) (array length=n_currencies): every known currency, by code
 */
const TdCurrency *
td_currency_get_all (guint *n_currencies)
{
  g_return_val_if_fail (n_currencies != NULL, NULL);

  *n_currencies = G_N_ELEMENTS (currencies);
  return currencies;
}

/**
 * td_currency_default_code:
 *
 * Returns: the currency of the current LC_MONETARY locale when known, else "USD".
 */
const char *
td_currency_default_code (void)
{
  struct lconv *lc = localeconv ();
  char code[4] = { 0 };

  if (lc->int_curr_symbol != NULL && strlen (lc->int_curr_symbol) >= 3)
    {
      const TdCurrency *currency;

      memcpy (code, lc->int_curr_symbol, 3);
      currency = td_currency_lookup (code);
      if (currency != NULL)
        return currency->code;
    }
  return "USD";
}

/**
 * td_money_format_init_default:
 *
 * The layout used when the locale says nothing (the C locale): `$1,234.56`.
 */
void
td_money_format_init_default (TdMoneyFormat *fmt)
{
  g_return_if_fail (fmt != NULL);

  memset (fmt, 0, sizeof *fmt);
  g_strlcpy (fmt->decimal_point, ".", sizeof fmt->decimal_point);
  g_strlcpy (fmt->thousands_sep, ",", sizeof fmt->thousands_sep);
  fmt->group_size = 3;
  fmt->symbol_first = TRUE;
  fmt->symbol_space = FALSE;
}

static void
init_from_lconv (TdMoneyFormat      *fmt,
                 const struct lconv *lc)
{
  td_money_format_init_default (fmt);

  /* The C locale has no monetary conventions at all: keep the default. */
  if (lc->mon_decimal_point == NULL || lc->mon_decimal_point[0] == '\0')
    return;

  g_strlcpy (fmt->decimal_point, lc->mon_decimal_point, sizeof fmt->decimal_point);
  g_strlcpy (fmt->thousands_sep, lc->mon_thousands_sep ? lc->mon_thousands_sep : "",
             sizeof fmt->thousands_sep);
  fmt->group_size = (lc->mon_grouping && lc->mon_grouping[0] > 0 && lc->mon_grouping[0] < CHAR_MAX)
                    ? lc->mon_grouping[0] : 0;
  if (fmt->thousands_sep[0] == '\0')
    fmt->group_size = 0;
  if (lc->p_cs_precedes != CHAR_MAX)
    fmt->symbol_first = lc->p_cs_precedes != 0;
  if (lc->p_sep_by_space != CHAR_MAX)
    fmt->symbol_space = lc->p_sep_by_space != 0;
}

/**
 * td_money_format_init_current:
 *
 * Reads the conventions of the calling thread's LC_MONETARY locale.
 */
void
td_money_format_init_current (TdMoneyFormat *fmt)
{
  g_return_if_fail (fmt != NULL);

  init_from_lconv (fmt, localeconv ());
}

/**
 * td_money_format_init_for_locale:
 * @fmt: (out caller-allocates): the format
 * @locale_name: e.g. "de_DE.UTF-8"
 *
 * Thread-safe: the locale is switched for the calling thread only, and back.
 *
 * Returns: %FALSE (and @fmt set to the default) when the locale isn't installed
 */
gboolean
td_money_format_init_for_locale (TdMoneyFormat *fmt,
                                 const char    *locale_name)
{
  locale_t loc;
  locale_t old;

  g_return_val_if_fail (fmt != NULL, FALSE);
  g_return_val_if_fail (locale_name != NULL, FALSE);

  loc = newlocale (LC_ALL_MASK, locale_name, (locale_t) 0);
  if (loc == (locale_t) 0)
    {
      td_money_format_init_default (fmt);
      return FALSE;
    }

  old = uselocale (loc);
  init_from_lconv (fmt, localeconv ());
  uselocale (old);
  freelocale (loc);
  return TRUE;
}

static guint64
magnitude (gint64 amount)
{
  return amount < 0 ? (guint64) (-(amount + 1)) + 1 : (guint64) amount;
}

static void
append_number (GString             *out,
               guint64              value,
               const TdCurrency    *currency,
               const TdMoneyFormat *fmt)
{
  guint64 scale = 1;
  g_autofree char *digits = NULL;
  guint64 integer;
  guint64 fraction;
  gsize len;

  for (int i = 0; i < currency->digits; i++)
    scale *= 10;

  integer = value / scale;
  fraction = value % scale;

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, integer);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (out, digits[i]);
      if (fmt->group_size > 0 && i + 1 < len && (len - i - 1) % fmt->group_size == 0)
        g_string_append (out, fmt->thousands_sep);
    }

  if (currency->digits > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT,
                            fmt->decimal_point, currency->digits, fraction);
}

/**
 * td_money_format_plain:
 * @amount: minor units
 * @currency: the shop's currency
 * @fmt: the locale's conventions
 *
 * Returns: (transfer full): the number alone, e.g. "-1.234,50" (for editable fields)
 */
char *
td_money_format_plain (gint64               amount,
                       const TdCurrency    *currency,
                       const TdMoneyFormat *fmt)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (fmt != NULL, NULL);

  if (amount < 0)
    g_string_append_c (out, '-');
  append_number (out, magnitude (amount), currency, fmt);
  return g_string_free (out, FALSE);
}

/**
 * td_money_format:
 * @amount: minor units
 * @currency: the shop's currency
 * @fmt: the locale's conventions
 *
 * Returns: (transfer full): e.g. "$1,234.50", "1.234,50 €", "-CHF 3.05"
 */
char *
td_money_format (gint64               amount,
                 const TdCurrency    *currency,
                 const TdMoneyFormat *fmt)
{
  GString *out = g_string_new (NULL);
  const char *symbol;
  gboolean space;

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (fmt != NULL, NULL);

  symbol = currency->symbol;
  /* Letters as a symbol ("CHF", "kr") always stand apart from the digits. */
  space = fmt->symbol_space || (g_ascii_isalpha (symbol[0]) && g_ascii_isalpha (symbol[strlen (symbol) - 1]));

  if (amount < 0)
    g_string_append_c (out, '-');
  if (fmt->symbol_first)
    {
      g_string_append (out, symbol);
      if (space)
        g_string_append (out, "\u00a0");
    }
  append_number (out, magnitude (amount), currency, fmt);
  if (!fmt->symbol_first)
    {
      g_string_append (out, "\u00a0");
      g_string_append (out, symbol);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

/* Removes the currency's symbol or code at either end of @s, in place. */
static void
strip_currency (GString          *s,
                const TdCurrency *currency)
{
  const char *marks[] = { currency->symbol, currency->code };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      gsize n = strlen (marks[i]);

      if (s->len >= n && g_ascii_strncasecmp (s->str, marks[i], n) == 0)
        g_string_erase (s, 0, n);
      else if (s->len >= n && g_ascii_strncasecmp (s->str + s->len - n, marks[i], n) == 0)
        g_string_truncate (s, s->len - n);
    }
}

static void
strip_spaces (GString *s)
{
  while (s->len > 0)
    {
      const char *last = g_utf8_find_prev_char (s->str, s->str + s->len);

      if (last == NULL || !is_space (g_utf8_get_char (last)))
        break;
      g_string_truncate (s, last - s->str);
    }
  while (s->len > 0 && is_space (g_utf8_get_char (s->str)))
    g_string_erase (s, 0, g_utf8_next_char (s->str) - s->str);
}

static gboolean
set_invalid (GError     **error,
             const char  *text)
{
  g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_INVALID,
               _("“%s” is not an amount of money."), text);
  return FALSE;
}

/**
 * td_money_parse:
 * @text: what someone typed: "12.50", "1.234,5 €", "-3", "$ 7"
 * @currency: the shop's currency (symbol, code and decimals accepted)
 * @fmt: the locale's conventions; a "." is also accepted as decimal mark where the
 *   locale uses ",", when it can't be a thousands separator (numeric keypads type ".")
 * @amount: (out): minor units
 * @error: return location, with a message for the person who typed it
 */
gboolean
td_money_parse (const char          *text,
                const TdCurrency    *currency,
                const TdMoneyFormat *fmt,
                gint64              *amount,
                GError             **error)
{
  g_autoptr(GString) s = NULL;
  gboolean negative = FALSE;
  const char *decimal = NULL;
  guint64 integer = 0;
  guint64 fraction = 0;
  int fraction_digits = 0;
  int group_digits = -1;     /* digits since the last grouping mark; -1 before the first */
  gboolean any_digit = FALSE;

  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (fmt != NULL, FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);

  s = g_string_new (text ? text : "");
  strip_spaces (s);
  if (s->len > 0 && (s->str[0] == '-' || g_str_has_prefix (s->str, "−")))
    {
      negative = TRUE;
      g_string_erase (s, 0, s->str[0] == '-' ? 1 : strlen ("−"));
      strip_spaces (s);
    }
  strip_currency (s, currency);
  strip_spaces (s);
  if (!negative && s->len > 0 && (s->str[0] == '-' || g_str_has_prefix (s->str, "−")))
    {
      negative = TRUE;
      g_string_erase (s, 0, s->str[0] == '-' ? 1 : strlen ("−"));
      strip_spaces (s);
    }

  if (s->len == 0)
    {
      g_set_error_literal (error, TD_MONEY_ERROR, TD_MONEY_ERROR_EMPTY, _("Enter an amount."));
      return FALSE;
    }

  /* Which mark is the decimal one: the locale's, else a lone "." or "," that is followed by
   * no more digits than the currency has and isn't the locale's grouping mark. */
  decimal = g_strrstr (s->str, fmt->decimal_point);
  if (decimal == NULL)
    {
      const char *alt = strrchr (s->str, fmt->decimal_point[0] == ',' ? '.' : ',');

      if (alt != NULL && strcmp (fmt->thousands_sep, fmt->decimal_point[0] == ',' ? "." : ",") != 0)
        decimal = alt;
      else if (alt != NULL && strchr (alt + 1, *alt) == NULL && alt == strchr (s->str, *alt) &&
               strlen (alt + 1) > 0 && strlen (alt + 1) <= (gsize) currency->digits &&
               strlen (alt + 1) != 3)
        decimal = alt;
    }

  for (const char *p = s->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (decimal != NULL && p == decimal)
        {
          if (group_digits >= 0 && group_digits != 3)
            return set_invalid (error, text);
          group_digits = -1;
          p += (*p == fmt->decimal_point[0] && g_str_has_prefix (p, fmt->decimal_point))
               ? strlen (fmt->decimal_point) - 1 : 0;
          for (p = p + 1; *p != '\0'; p++)
            {
              if (!g_ascii_isdigit (*p))
                return set_invalid (error, text);
              any_digit = TRUE;
              if (fraction_digits < currency->digits)
                {
                  fraction = fraction * 10 + (guint64) (*p - '0');
                  fraction_digits++;
                }
              else if (*p != '0')
                {
                  g_set_error (error, TD_MONEY_ERROR, TD_MONEY_ERROR_TOO_PRECISE,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "Amounts have at most %d decimal.",
                                            "Amounts have at most %d decimals.",
                                            currency->digits),
                               currency->digits);
                  return FALSE;
                }
            }
          break;
        }

      if (g_ascii_isdigit (*p))
        {
          any_digit = TRUE;
          if (group_digits >= 0)
            group_digits++;
          integer = integer * 10 + (guint64) (*p - '0');
          if (integer > (guint64) MAX_PARSED_AMOUNT)
            {
              g_set_error_literal (error, TD_MONEY_ERROR, TD_MONEY_ERROR_TOO_LARGE,
                                   _("That amount is too large."));
              return FALSE;
            }
          continue;
        }

      /* A grouping mark: the locale's, a space or an apostrophe, between whole groups. */
      if (!any_digit || (group_digits >= 0 && group_digits != 3))
        return set_invalid (error, text);
      if (fmt->thousands_sep[0] != '\0' && g_str_has_prefix (p, fmt->thousands_sep))
        p += strlen (fmt->thousands_sep) - 1;
      else if (!(is_space (c) || c == '\''))
        return set_invalid (error, text);
      group_digits = 0;
    }

  if (group_digits >= 0 && group_digits != 3)
    return set_invalid (error, text);

  if (!any_digit)
    return set_invalid (error, text);

  for (int i = fraction_digits; i < currency->digits; i++)
    fraction *= 10;
  for (int i = 0; i < currency->digits; i++)
    {
      if (integer > (guint64) MAX_PARSED_AMOUNT / 10)
        {
          g_set_error_literal (error, TD_MONEY_ERROR, TD_MONEY_ERROR_TOO_LARGE,
                               _("That amount is too large."));
          return FALSE;
        }
      integer *= 10;
    }

  if (integer + fraction > (guint64) MAX_PARSED_AMOUNT)
    {
      g_set_error_literal (error, TD_MONEY_ERROR, TD_MONEY_ERROR_TOO_LARGE,
                           _("That amount is too large."));
      return FALSE;
    }

  *amount = (gint64) (integer + fraction);
  if (negative)
    *amount = -*amount;
  return TRUE;
}
