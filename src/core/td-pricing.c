/* td-pricing.c — consignor splits, price rounding, price suggestions, rule validation.
 *
 * Everything here is pure: amounts are gint64 minor units, the moment is passed in, the
 * rules are plain structs. Effective prices (markdowns, promotions) are in
 * td-pricing-effective.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-pricing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "td-pricing-private.h"

/* Amounts beyond this are refused by the rounding grid (2 × amount must not overflow). */
#define MAX_ROUNDED_AMOUNT (G_MAXINT64 / 4)

G_DEFINE_QUARK (td-pricing-error-quark, td_pricing_error)

/* Splits and percentages ----------------------------------------------------------------- */

/**
 * td_pricing_consignor_share:
 * @price: a line's price in minor units; negative for a refund
 * @share_bp: the consignor's share in basis points, 0 … 10000
 *
 * The consignor's part of @price: `price × share_bp / 10000`, rounded half up to the minor
 * unit (a refund is the exact negative of the sale: halves round away from zero). The shop's
 * part is always `price − consignor share`, so the two add up to the price and no cent is
 * lost or invented. The result lies between 0 and @price and never falls when @share_bp
 * rises. Exact for every gint64 price (no intermediate overflow).
 *
 * Returns: the consignor's share, minor units
 */
gint64
td_pricing_consignor_share (gint64 price,
                            int    share_bp)
{
  gint64 q, r;

  g_return_val_if_fail (share_bp >= 0 && share_bp <= TD_PRICING_BP_WHOLE, 0);
  g_return_val_if_fail (price != G_MININT64, 0);

  if (price < 0)
    return -td_pricing_consignor_share (-price, share_bp);

  /* price × bp / 10000 = q × bp + r × bp / 10000, and r × bp < 10^8: nothing overflows. */
  q = price / TD_PRICING_BP_WHOLE;
  r = price % TD_PRICING_BP_WHOLE;
  return q * share_bp + (r * share_bp + TD_PRICING_BP_WHOLE / 2) / TD_PRICING_BP_WHOLE;
}

/**
 * td_pricing_percent_off:
 * @price: a price in minor units
 * @percent_bp: the reduction in basis points, 0 … 10000
 *
 * The price after taking @percent_bp off: the reduction is rounded half up to the minor unit
 * (in the customer's favour), so 9.99 at −50 % is 4.99.
 *
 * Returns: the reduced price
 */
gint64
td_pricing_percent_off (gint64 price,
                        int    percent_bp)
{
  g_return_val_if_fail (percent_bp >= 0 && percent_bp <= TD_PRICING_BP_WHOLE, price);

  return price - td_pricing_consignor_share (price, percent_bp);
}

/* Rounding ------------------------------------------------------------------------------- */

/* Prices allowed by a rule are { k × step − offset : k ≥ 1 }. */
static gboolean
rounding_grid (TdPriceRounding  rule,
               int              digits,
               gint64          *step,
               gint64          *offset)
{
  gint64 unit = 1;

  for (int i = 0; i < digits; i++)
    unit *= 10;

  *offset = 0;
  switch (rule)
    {
    case TD_PRICE_ROUNDING_WHOLE:
      *step = unit;
      return unit > 1;
    case TD_PRICE_ROUNDING_HALF:
      *step = digits > 0 ? unit / 2 : 1;
      return *step > 1;
    case TD_PRICE_ROUNDING_NINETY_NINE:
      if (digits >= 2)
        {
          *step = unit;
          *offset = unit / 100;        /* x.99; x.990 with three decimals */
        }
      else
        {
          *step = digits == 1 ? unit : 10;
          *offset = 1;                 /* x.9; …9 with no decimals (9, 19, 29 …) */
        }
      return TRUE;
    case TD_PRICE_ROUNDING_NONE:
    default:
      return FALSE;
    }
}

/**
 * td_pricing_round:
 * @amount: a price in minor units
 * @rule: the shop's rounding rule
 * @currency_digits: the currency's minor-unit exponent (2 for EUR, 0 for JPY), 0 … 6
 *
 * Moves @amount to the nearest price the rule allows; exactly half-way goes up. The allowed
 * prices, with U = one major unit:
 *
 * - %TD_PRICE_ROUNDING_NINETY_NINE: k·U − 0.01 (x.99); one decimal: x.9; no decimals: …9
 * - %TD_PRICE_ROUNDING_WHOLE: k·U; no decimals: unchanged
 * - %TD_PRICE_ROUNDING_HALF: k·U/2 (x.00, x.50); one decimal x.0/x.5; no decimals: unchanged
 *
 * for k ≥ 1: a positive amount never rounds to 0 or below; it goes to the lowest allowed price
 * instead (0.30 → 0.99, or 1.00 when whole). Amounts ≤ 0 and %TD_PRICE_ROUNDING_NONE are
 * returned unchanged.
 *
 * Returns: the rounded amount
 */
gint64
td_pricing_round (gint64          amount,
                  TdPriceRounding rule,
                  int             currency_digits)
{
  gint64 step, offset, k;

  g_return_val_if_fail (currency_digits >= 0 && currency_digits <= 6, amount);
  g_return_val_if_fail (amount <= MAX_ROUNDED_AMOUNT, amount);

  if (amount <= 0 || !rounding_grid (rule, currency_digits, &step, &offset))
    return amount;

  /* Nearest k for amount + offset, ties up: floor ((2a + step) / 2step). */
  k = td_pricing_floor_div (2 * (amount + offset) + step, 2 * step);
  if (k < 1)
    k = 1;
  return k * step - offset;
}

static const char * const rounding_names[] = {
  [TD_PRICE_ROUNDING_NONE] = "none",
  [TD_PRICE_ROUNDING_NINETY_NINE] = "ninety-nine",
  [TD_PRICE_ROUNDING_WHOLE] = "whole",
  [TD_PRICE_ROUNDING_HALF] = "half",
};

/**
 * td_price_rounding_to_string:
 *
 * Returns: (transfer none): the rule's name in the `pricing.rounding` setting
 */
const char *
td_price_rounding_to_string (TdPriceRounding rule)
{
  g_return_val_if_fail ((guint) rule < G_N_ELEMENTS (rounding_names), "none");

  return rounding_names[rule];
}

/**
 * td_price_rounding_from_string:
 * @text: (nullable): a setting value
 * @rule: (out): the rule; %TD_PRICE_ROUNDING_NONE when @text is not a known name
 *
 * Returns: whether @text named a rule
 */
gboolean
td_price_rounding_from_string (const char      *text,
                               TdPriceRounding *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  *rule = TD_PRICE_ROUNDING_NONE;
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (rounding_names); i++)
    if (g_strcmp0 (text, rounding_names[i]) == 0)
      {
        *rule = (TdPriceRounding) i;
        return TRUE;
      }
  return FALSE;
}

/* Suggestions ---------------------------------------------------------------------------- */

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * td_pricing_suggest:
 * @sold_prices: (array length=n) (nullable): what comparable items sold for, any order
 * @n: how many
 * @level: where they came from (kept in @out unless @n is 0)
 * @rounding: the shop's rounding rule, applied to the median for @out->price
 * @currency_digits: the currency's minor-unit exponent
 * @out: (out caller-allocates): the suggestion
 *
 * The median (even @n: the mean of the two middle prices, half up), lowest, highest and count.
 * With no prices everything is 0 and the level %TD_PRICE_LEVEL_NONE.
 */
void
td_pricing_suggest (const gint64      *sold_prices,
                    guint              n,
                    TdPriceLevel       level,
                    TdPriceRounding    rounding,
                    int                currency_digits,
                    TdPriceSuggestion *out)
{
  g_autofree gint64 *sorted = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (n == 0 || sold_prices != NULL);

  memset (out, 0, sizeof *out);
  if (n == 0)
    return;

  sorted = g_memdup2 (sold_prices, sizeof (gint64) * n);
  qsort (sorted, n, sizeof (gint64), compare_gint64);

  out->level = level;
  out->count = n;
  out->min = sorted[0];
  out->max = sorted[n - 1];
  if (n % 2 == 1)
    out->median = sorted[n / 2];
  else
    {
      gint64 a = sorted[n / 2 - 1], b = sorted[n / 2];

      out->median = a + (b - a + 1) / 2;   /* (a + b) / 2 half up, without overflow */
    }
  out->price = td_pricing_round (out->median, rounding, currency_digits);
}

/* Rules ---------------------------------------------------------------------------------- */

static void
clear_closure (gpointer data)
{
  TdShopClosure *closure = data;

  g_clear_pointer (&closure->note, g_free);
}

static void
clear_promotion (gpointer data)
{
  TdPromotion *promotion = data;

  g_clear_pointer (&promotion->name, g_free);
  g_clear_pointer (&promotion->tag_colour, g_free);
}

/**
 * td_pricing_rules_init:
 * @rules: (out caller-allocates): empty rules: no markdowns, closures or promotions
 */
void
td_pricing_rules_init (TdPricingRules *rules)
{
  g_return_if_fail (rules != NULL);

  rules->markdowns = g_array_new (FALSE, TRUE, sizeof (TdMarkdownRule));
  rules->closures = g_array_new (FALSE, TRUE, sizeof (TdShopClosure));
  g_array_set_clear_func (rules->closures, clear_closure);
  rules->promotions = g_array_new (FALSE, TRUE, sizeof (TdPromotion));
  g_array_set_clear_func (rules->promotions, clear_promotion);
  rules->categories = g_array_new (FALSE, TRUE, sizeof (TdPricingCategory));
  rules->tz = NULL;
}

/**
 * td_pricing_rules_clear:
 * @rules: rules set up by td_pricing_rules_init(); safe to clear twice
 */
void
td_pricing_rules_clear (TdPricingRules *rules)
{
  g_return_if_fail (rules != NULL);

  g_clear_pointer (&rules->markdowns, g_array_unref);
  g_clear_pointer (&rules->closures, g_array_unref);
  g_clear_pointer (&rules->promotions, g_array_unref);
  g_clear_pointer (&rules->categories, g_array_unref);
  g_clear_pointer (&rules->tz, g_time_zone_unref);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, TD_PRICING_ERROR, TD_PRICING_ERROR_INVALID, message);
  return FALSE;
}

/**
 * td_pricing_markdown_rule_validate:
 * @rule: a markdown step
 * @error: return location for a %TD_PRICING_ERROR_INVALID with a sentence for staff
 *
 * Returns: whether the step may be saved: 1 … 100 % off, after at least one day
 */
gboolean
td_pricing_markdown_rule_validate (const TdMarkdownRule  *rule,
                                   GError               **error)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  if (rule->percent_bp < 1 || rule->percent_bp > TD_PRICING_BP_WHOLE)
    /* xgettext:no-c-format */
    return invalid (error, _("A markdown must take between 0.01 % and 100 % off the price."));
  if (rule->after_days < 1)
    return invalid (error, _("A markdown must start at least one day after intake."));
  if (rule->category_id < 0)
    return invalid (error, _("The markdown’s category is not valid."));
  return TRUE;
}

/**
 * td_pricing_closure_validate:
 * @closure: a closure
 * @error: return location for a %TD_PRICING_ERROR_INVALID
 *
 * Returns: whether both days are real dates and the last is not before the first
 */
gboolean
td_pricing_closure_validate (const TdShopClosure  *closure,
                             GError              **error)
{
  g_return_val_if_fail (closure != NULL, FALSE);

  if (!td_pricing_day_valid (closure->first_day) || !td_pricing_day_valid (closure->last_day))
    return invalid (error, _("A closure needs a valid first and last day."));
  if (closure->last_day < closure->first_day)
    return invalid (error, _("A closure can’t end before it starts."));
  return TRUE;
}

/**
 * td_pricing_promotion_validate:
 * @promotion: a promotion
 * @error: return location for a %TD_PRICING_ERROR_INVALID
 *
 * Returns: whether the promotion is complete for its kind and its window is not empty
 */
gboolean
td_pricing_promotion_validate (const TdPromotion  *promotion,
                               GError            **error)
{
  g_return_val_if_fail (promotion != NULL, FALSE);

  if (td_pricing_is_blank (promotion->name))
    return invalid (error, _("A promotion needs a name."));
  switch (promotion->kind)
    {
    case TD_PROMOTION_COLOUR_TAG:
      if (td_pricing_is_blank (promotion->tag_colour))
        return invalid (error, _("A colour-tag promotion needs a tag colour."));
      G_GNUC_FALLTHROUGH;
    case TD_PROMOTION_PERCENT:
      if (promotion->percent_bp < 1 || promotion->percent_bp > TD_PRICING_BP_WHOLE)
        /* xgettext:no-c-format */
        return invalid (error, _("A promotion must take between 0.01 % and 100 % off the price."));
      break;
    case TD_PROMOTION_FIXED_PRICE:
      if (promotion->fixed_price <= 0)
        return invalid (error, _("A fixed-price promotion needs a price above zero."));
      break;
    default:
      return invalid (error, _("The kind of promotion is not known."));
    }
  if (promotion->weekdays == 0 || promotion->weekdays > 0x7f)
    return invalid (error, _("A promotion must run on at least one day of the week."));
  if (promotion->ends_at != 0 && promotion->ends_at <= promotion->starts_at)
    return invalid (error, _("A promotion can’t end before it starts."));
  if (promotion->category_id < 0)
    return invalid (error, _("The promotion’s category is not valid."));
  return TRUE;
}

static char *
format_step (int percent_bp,
             int yyyymmdd)
{
  g_autoptr(GDateTime) day = g_date_time_new_utc (yyyymmdd / 10000, yyyymmdd / 100 % 100,
                                                  yyyymmdd % 100, 0, 0, 0);
  g_autofree char *date = day != NULL ? g_date_time_format (day, "%-d %b") : NULL;
  g_autofree char *percent = percent_bp % 100 == 0
                               ? g_strdup_printf ("%d", percent_bp / 100)
                               : g_strdup_printf ("%.2f", percent_bp / 100.0);

  if (date == NULL)
    return NULL;
  if (strchr (percent, '.') != NULL)
    {
      /* "37.50" → "37.5": a tag has little room. */
      size_t len = strlen (percent);

      while (percent[len - 1] == '0')
        percent[--len] = '\0';
    }
  /* Translators: a markdown step on a price tag: "−25 % from 12 Dec" (the minus sign is U+2212) */
  return g_strdup_printf (_("−%s %% from %s"), percent, date);
}

/**
 * td_pricing_format_markdown_note:
 * @explanation: from td_pricing_effective_price()
 *
 * The markdown dates a tag prints beside the price: the step in force ("−25 % from 12 Dec")
 * when a markdown set the price, and the next step of the schedule, joined by " · ".
 *
 * Returns: (transfer full) (nullable): the note, or %NULL when no markdown applies or is due
 */
char *
td_pricing_format_markdown_note (const TdPriceExplanation *explanation)
{
  g_autofree char *now = NULL;
  g_autofree char *next = NULL;

  g_return_val_if_fail (explanation != NULL, NULL);

  if (explanation->rule == TD_PRICE_RULE_MARKDOWN && explanation->markdown_day != 0)
    now = format_step (explanation->percent_bp, explanation->markdown_day);
  if (explanation->next_markdown_day != 0)
    next = format_step (explanation->next_markdown_bp, explanation->next_markdown_day);
  if (now != NULL && next != NULL)
    return g_strconcat (now, " · ", next, NULL);
  if (now != NULL)
    return g_steal_pointer (&now);
  return g_steal_pointer (&next);
}
