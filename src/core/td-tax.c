/* td-tax.c — the counter's settings as plain data (TdCounterConfig: tax classes and rates,
 * inclusive or exclusive prices, cash rounding, the refund window) and the tax and cash
 * rounding arithmetic the cart uses. Declared in td-cart.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-cart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-cart.h"

/* Config ------------------------------------------------------------------------------- */

static void
tax_rate_clear (gpointer data)
{
  TdTaxRate *rate = data;

  g_free (rate->tax_class);
}

void
td_counter_config_init (TdCounterConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->tax_inclusive = TRUE;
  config->rates = g_array_new (FALSE, TRUE, sizeof (TdTaxRate));
  g_array_set_clear_func (config->rates, tax_rate_clear);
  config->cash_step = 1;
  config->refund_window_days = 30;
  config->currency = td_currency_lookup (td_currency_default_code ());
}

void
td_counter_config_clear (TdCounterConfig *config)
{
  g_clear_pointer (&config->rates, g_array_unref);
}

void
td_counter_config_copy (const TdCounterConfig *src,
                        TdCounterConfig       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);

  td_counter_config_init (dest);
  dest->tax_inclusive = src->tax_inclusive;
  dest->default_rate_bp = src->default_rate_bp;
  dest->cash_step = MAX (src->cash_step, 1);
  dest->refund_window_days = src->refund_window_days;
  dest->currency = src->currency;
  for (guint i = 0; src->rates != NULL && i < src->rates->len; i++)
    {
      const TdTaxRate *r = &g_array_index (src->rates, TdTaxRate, i);
      TdTaxRate copy = { g_strdup (r->tax_class), r->rate_bp };

      g_array_append_val (dest->rates, copy);
    }
}

/* The rate of a category's tax class; unknown or %NULL classes pay the standard rate. */
int
td_counter_config_rate_for (const TdCounterConfig *config,
                            const char            *tax_class)
{
  g_return_val_if_fail (config != NULL, 0);

  for (guint i = 0; tax_class != NULL && config->rates != NULL && i < config->rates->len; i++)
    {
      const TdTaxRate *r = &g_array_index (config->rates, TdTaxRate, i);

      if (g_strcmp0 (r->tax_class, tax_class) == 0)
        return r->rate_bp;
    }
  return config->default_rate_bp;
}

/**
 * td_counter_config_parse_rates:
 * @text: "standard=2000;reduced=500;zero=0" (class=basis points, `;` or `,` between)
 *
 * Replaces @config's rates; 'standard' becomes the default rate. On a bad entry @config is
 * left unchanged and %TD_SALE_ERROR_INVALID says which.
 */
gboolean
td_counter_config_parse_rates (TdCounterConfig  *config,
                               const char       *text,
                               GError          **error)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ";,", -1);
  g_autoptr(GArray) rates = g_array_new (FALSE, TRUE, sizeof (TdTaxRate));
  int standard = 0;

  g_array_set_clear_func (rates, tax_rate_clear);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      char *eq = strchr (part, '=');
      char *end = NULL;
      gint64 bp;
      TdTaxRate rate;

      if (*part == '\0')
        continue;
      if (eq != NULL)
        {
          *eq = '\0';
          bp = g_ascii_strtoll (g_strstrip (eq + 1), &end, 10);
        }
      if (eq == NULL || *g_strstrip (part) == '\0' || end == NULL || end == eq + 1 ||
          *end != '\0' || bp < 0 || bp > 10000)
        {
          g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                       _("The tax rate “%s” is not understood: write a tax class, “=” and the "
                         "rate in hundredths of a percent (standard=2000 for 20 %%)."),
                       parts[i]);
          return FALSE;
        }
      rate.tax_class = g_strdup (part);
      rate.rate_bp = (int) bp;
      if (g_str_equal (part, "standard"))
        standard = rate.rate_bp;
      g_array_append_val (rates, rate);
    }

  g_clear_pointer (&config->rates, g_array_unref);
  config->rates = g_steal_pointer (&rates);
  config->default_rate_bp = standard;
  return TRUE;
}

char *
td_counter_config_format_rates (const TdCounterConfig *config)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < config->rates->len; i++)
    {
      const TdTaxRate *r = &g_array_index (config->rates, TdTaxRate, i);

      g_string_append_printf (text, "%s%s=%d", i > 0 ? ";" : "", r->tax_class, r->rate_bp);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* a × b / c, half up, for a, b ≥ 0 and c > 0, without overflow at shop amounts. */
static gint64
mul_div_half_up (gint64 a,
                 gint64 b,
                 gint64 c)
{
  __int128 n = (__int128) a * b;

  return (gint64) ((n + c / 2) / c);
}

/* The tax held in a tax-inclusive @price. */
gint64
td_tax_of_inclusive (gint64 price,
                     int    rate_bp)
{
  if (price <= 0 || rate_bp <= 0)
    return 0;
  return mul_div_half_up (price, rate_bp, 10000 + rate_bp);
}

/* The tax charged on top of a tax-exclusive @net. */
gint64
td_tax_of_exclusive (gint64 net,
                     int    rate_bp)
{
  if (net <= 0 || rate_bp <= 0)
    return 0;
  return mul_div_half_up (net, rate_bp, 10000);
}

/* @amount to the nearest multiple of @step, halves away from zero (CHF: .x1/.x2 down, .x3/.x4 up). */
gint64
td_cash_round (gint64 amount,
               int    step)
{
  gint64 magnitude, r;

  if (step <= 1)
    return amount;
  r = ABS (amount) % step;
  magnitude = ABS (amount) - r + (2 * r >= step ? step : 0);
  return amount < 0 ? -magnitude : magnitude;
}

