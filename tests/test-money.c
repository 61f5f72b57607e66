/* test-money.c — formatting and parsing money in the shop's currency and the person's locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-money.h"

#define NBSP "\u00a0"

static const TdCurrency *
currency (const char *code)
{
  const TdCurrency *c = td_currency_lookup (code);

  g_assert_nonnull (c);
  return c;
}

static void
assert_format (gint64               amount,
               const char          *code,
               const TdMoneyFormat *fmt,
               const char          *expected)
{
  g_autofree char *text = td_money_format (amount, currency (code), fmt);

  g_assert_cmpstr (text, ==, expected);
}

static gint64
parse_ok (const char          *text,
          const char          *code,
          const TdMoneyFormat *fmt)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = G_MININT64;

  if (!td_money_parse (text, currency (code), fmt, &amount, &error))
    g_error ("“%s” did not parse: %s", text, error->message);
  return amount;
}

static void
assert_parse_error (const char          *text,
                    const char          *code,
                    const TdMoneyFormat *fmt,
                    TdMoneyError         expected)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = 12345;

  g_assert_false (td_money_parse (text, currency (code), fmt, &amount, &error));
  g_assert_error (error, TD_MONEY_ERROR, (int) expected);
  g_assert_cmpint (amount, ==, 12345);           /* untouched on failure */
  g_assert_cmpuint (strlen (error->message), >, 0);
}

static gboolean
load_locale (TdMoneyFormat *fmt,
             const char    *name)
{
  if (td_money_format_init_for_locale (fmt, name))
    return TRUE;
  g_test_skip_printf ("locale %s is not installed here (./test.sh generates it)", name);
  return FALSE;
}

static void
test_currencies (void)
{
  const TdCurrency *all;
  guint n = 0;

  all = td_currency_get_all (&n);
  g_assert_cmpuint (n, >=, 20);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (strlen (all[i].code), ==, 3);
      for (guint c = 0; c < 3; c++)
        g_assert_true (g_ascii_isupper (all[i].code[c]));
      if (i > 0)
        g_assert_cmpstr (all[i - 1].code, <, all[i].code);
      g_assert_cmpint (all[i].digits, >=, 0);
      g_assert_cmpint (all[i].digits, <=, 3);
      g_assert_cmpint (all[i].cash_step, >=, 1);
      g_assert_true (td_currency_lookup (all[i].code) == &all[i]);
    }

  g_assert_true (td_currency_lookup ("eur") == td_currency_lookup ("EUR"));
  g_assert_null (td_currency_lookup ("XXX"));
  g_assert_null (td_currency_lookup (""));
  g_assert_null (td_currency_lookup (NULL));
  g_assert_cmpint (currency ("JPY")->digits, ==, 0);
  g_assert_cmpint (currency ("KWD")->digits, ==, 3);
  g_assert_cmpint (currency ("CHF")->cash_step, ==, 5);
}

static void
test_format_default (void)
{
  TdMoneyFormat fmt;

  td_money_format_init_default (&fmt);
  assert_format (123456, "USD", &fmt, "$1,234.56");
  assert_format (0, "USD", &fmt, "$0.00");
  assert_format (5, "USD", &fmt, "$0.05");
  assert_format (-250, "USD", &fmt, "-$2.50");
  assert_format (100000000, "USD", &fmt, "$1,000,000.00");
  assert_format (123456, "JPY", &fmt, "¥123,456");
  assert_format (1234567, "KWD", &fmt, "KD" NBSP "1,234.567");
  assert_format (1250, "CHF", &fmt, "CHF" NBSP "12.50");
  assert_format (99, "EUR", &fmt, "€0.99");

  /* The extremes don't overflow. */
  {
    g_autofree char *min = td_money_format (G_MININT64, currency ("USD"), &fmt);
    g_autofree char *max = td_money_format (G_MAXINT64, currency ("USD"), &fmt);

    g_assert_cmpstr (min, ==, "-$92,233,720,368,547,758.08");
    g_assert_cmpstr (max, ==, "$92,233,720,368,547,758.07");
  }

  {
    g_autofree char *plain = td_money_format_plain (-123456, currency ("EUR"), &fmt);

    g_assert_cmpstr (plain, ==, "-1,234.56");
  }
}

static void
test_format_c_locale_is_default (void)
{
  TdMoneyFormat fmt;
  TdMoneyFormat def;

  g_assert_true (td_money_format_init_for_locale (&fmt, "C"));
  td_money_format_init_default (&def);
  g_assert_cmpstr (fmt.decimal_point, ==, def.decimal_point);
  g_assert_cmpstr (fmt.thousands_sep, ==, def.thousands_sep);
  g_assert_cmpint (fmt.symbol_first, ==, def.symbol_first);
}

static void
test_format_en_us (void)
{
  TdMoneyFormat fmt;

  if (!load_locale (&fmt, "en_US.UTF-8"))
    return;
  assert_format (123456, "USD", &fmt, "$1,234.56");
  assert_format (-5, "USD", &fmt, "-$0.05");
  assert_format (123456, "EUR", &fmt, "€1,234.56");
}

static void
test_format_de_de (void)
{
  TdMoneyFormat fmt;

  if (!load_locale (&fmt, "de_DE.UTF-8"))
    return;
  /* German writes the decimal comma, groups with dots and puts the symbol after. */
  assert_format (123456, "EUR", &fmt, "1.234,56" NBSP "€");
  assert_format (-250, "EUR", &fmt, "-2,50" NBSP "€");
  assert_format (123456, "USD", &fmt, "1.234,56" NBSP "$");
  assert_format (1000, "JPY", &fmt, "1.000" NBSP "¥");
}

static void
test_format_zh_cn (void)
{
  TdMoneyFormat fmt;

  if (!load_locale (&fmt, "zh_CN.UTF-8"))
    return;
  assert_format (123456, "CNY", &fmt, "¥1,234.56");
  assert_format (-99, "CNY", &fmt, "-¥0.99");
}

static void
test_format_current_thread_only (void)
{
  TdMoneyFormat before;
  TdMoneyFormat after;
  TdMoneyFormat german;

  /* Loading another locale's conventions must not change this thread's locale. */
  td_money_format_init_current (&before);
  td_money_format_init_for_locale (&german, "de_DE.UTF-8");
  td_money_format_init_current (&after);
  g_assert_cmpstr (before.decimal_point, ==, after.decimal_point);
  g_assert_cmpstr (before.thousands_sep, ==, after.thousands_sep);

  g_assert_false (td_money_format_init_for_locale (&german, "xx_NOWHERE.UTF-8"));
  g_assert_cmpstr (german.decimal_point, ==, ".");
}

static void
test_parse_default (void)
{
  TdMoneyFormat fmt;

  td_money_format_init_default (&fmt);
  g_assert_cmpint (parse_ok ("12.50", "USD", &fmt), ==, 1250);
  g_assert_cmpint (parse_ok ("12.5", "USD", &fmt), ==, 1250);
  g_assert_cmpint (parse_ok ("12", "USD", &fmt), ==, 1200);
  g_assert_cmpint (parse_ok (" $1,234.56 ", "USD", &fmt), ==, 123456);
  g_assert_cmpint (parse_ok ("$ 7", "USD", &fmt), ==, 700);
  g_assert_cmpint (parse_ok ("7 USD", "USD", &fmt), ==, 700);
  g_assert_cmpint (parse_ok ("-3", "USD", &fmt), ==, -300);
  g_assert_cmpint (parse_ok ("-$3.05", "USD", &fmt), ==, -305);
  g_assert_cmpint (parse_ok ("$-3.05", "USD", &fmt), ==, -305);
  g_assert_cmpint (parse_ok ("0.99", "USD", &fmt), ==, 99);
  g_assert_cmpint (parse_ok (".99", "USD", &fmt), ==, 99);
  g_assert_cmpint (parse_ok ("1.230", "USD", &fmt), ==, 123);  /* a trailing zero is harmless */
  g_assert_cmpint (parse_ok ("1,234", "JPY", &fmt), ==, 1234);
  g_assert_cmpint (parse_ok ("1.5", "KWD", &fmt), ==, 1500);
  g_assert_cmpint (parse_ok ("CHF 12.05", "CHF", &fmt), ==, 1205);

  assert_parse_error ("", "USD", &fmt, TD_MONEY_ERROR_EMPTY);
  assert_parse_error ("   ", "USD", &fmt, TD_MONEY_ERROR_EMPTY);
  assert_parse_error (NULL, "USD", &fmt, TD_MONEY_ERROR_EMPTY);
  assert_parse_error ("abc", "USD", &fmt, TD_MONEY_ERROR_INVALID);
  assert_parse_error ("12abc", "USD", &fmt, TD_MONEY_ERROR_INVALID);
  assert_parse_error ("1.2.3", "USD", &fmt, TD_MONEY_ERROR_INVALID);
  assert_parse_error ("$", "USD", &fmt, TD_MONEY_ERROR_EMPTY);
  assert_parse_error (",", "USD", &fmt, TD_MONEY_ERROR_INVALID);
  assert_parse_error ("1.234", "USD", &fmt, TD_MONEY_ERROR_TOO_PRECISE);
  assert_parse_error ("12.5", "JPY", &fmt, TD_MONEY_ERROR_TOO_PRECISE);
  assert_parse_error ("99999999999999999999", "USD", &fmt, TD_MONEY_ERROR_TOO_LARGE);
  assert_parse_error ("100000000000000.00", "USD", &fmt, TD_MONEY_ERROR_TOO_LARGE);
}

static void
test_parse_de_de (void)
{
  TdMoneyFormat fmt;

  if (!load_locale (&fmt, "de_DE.UTF-8"))
    return;
  g_assert_cmpint (parse_ok ("12,50", "EUR", &fmt), ==, 1250);
  g_assert_cmpint (parse_ok ("1.234,56 €", "EUR", &fmt), ==, 123456);
  g_assert_cmpint (parse_ok ("1234,5", "EUR", &fmt), ==, 123450);
  g_assert_cmpint (parse_ok ("-2,50 €", "EUR", &fmt), ==, -250);
  /* The thousands dot stays a thousands dot. */
  g_assert_cmpint (parse_ok ("1.234", "EUR", &fmt), ==, 123400);
  assert_parse_error ("12,505", "EUR", &fmt, TD_MONEY_ERROR_TOO_PRECISE);
}

static void
test_parse_keypad_dot (void)
{
  TdMoneyFormat fmt;

  /* A comma locale whose grouping mark is not "." (as in French): a numeric keypad's "."
   * can then only be the decimal mark. */
  td_money_format_init_default (&fmt);
  g_strlcpy (fmt.decimal_point, ",", sizeof fmt.decimal_point);
  g_strlcpy (fmt.thousands_sep, "\u202f", sizeof fmt.thousands_sep);
  fmt.symbol_first = FALSE;
  fmt.symbol_space = TRUE;

  g_assert_cmpint (parse_ok ("12.50", "EUR", &fmt), ==, 1250);
  g_assert_cmpint (parse_ok ("12,50", "EUR", &fmt), ==, 1250);
  g_assert_cmpint (parse_ok ("1\u202f234,56\u00a0€", "EUR", &fmt), ==, 123456);
  assert_format (123456, "EUR", &fmt, "1\u202f234,56" NBSP "€");
}

/* Whatever we print, we read back: in every locale at hand, for many amounts. */
static void
test_round_trip (void)
{
  static const char *locales[] = { "C", "en_US.UTF-8", "de_DE.UTF-8", "zh_CN.UTF-8" };
  static const char *codes[] = { "USD", "EUR", "JPY", "KWD", "CHF", "CNY" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint checked = 0;

  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      TdMoneyFormat fmt;

      if (!td_money_format_init_for_locale (&fmt, locales[l]))
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
        for (guint i = 0; i < 500; i++)
          {
            gint64 amount = (gint64) g_rand_int_range (rand, -2000000, 2000000) *
                            (i % 5 == 0 ? 1000 : 1);
            g_autofree char *full = td_money_format (amount, currency (codes[c]), &fmt);
            g_autofree char *plain = td_money_format_plain (amount, currency (codes[c]), &fmt);

            g_assert_cmpint (parse_ok (full, codes[c], &fmt), ==, amount);
            g_assert_cmpint (parse_ok (plain, codes[c], &fmt), ==, amount);
            checked++;
          }
    }
  g_assert_cmpuint (checked, >=, 3000);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/money/currencies", test_currencies);
  g_test_add_func ("/td/money/format/default", test_format_default);
  g_test_add_func ("/td/money/format/c-locale", test_format_c_locale_is_default);
  g_test_add_func ("/td/money/format/en-US", test_format_en_us);
  g_test_add_func ("/td/money/format/de-DE", test_format_de_de);
  g_test_add_func ("/td/money/format/zh-CN", test_format_zh_cn);
  g_test_add_func ("/td/money/format/thread-locale", test_format_current_thread_only);
  g_test_add_func ("/td/money/parse/default", test_parse_default);
  g_test_add_func ("/td/money/parse/de-DE", test_parse_de_de);
  g_test_add_func ("/td/money/parse/keypad-dot", test_parse_keypad_dot);
  g_test_add_func ("/td/money/round-trip", test_round_trip);

  return g_test_run ();
}
