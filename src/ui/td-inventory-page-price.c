/* td-inventory-page-price.c — the Inventory list's price: what the counter would charge at
 * the page's moment, and in words which rule lowered it. No SQL: the item's own facts and the
 * rules the page loaded once (td_inventory_page_reload()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-inventory-page-private.h"

/* "25", "12.5": a percentage in basis points, without trailing zeros. */
static char *
format_percent (int bp)
{
  char *text = g_strdup_printf ("%d.%02d", bp / 100, bp % 100);
  size_t len = strlen (text);

  while (text[len - 1] == '0')
    text[--len] = '\0';
  if (text[len - 1] == '.')
    text[--len] = '\0';
  return text;
}

/* Which rule lowered the price, in the shop's words ("−25 % after 30 days", "Red tag −50 %"),
 * and whether the consignor's minimum held it up. Read from the page's rules, no SQL. */
static char *
describe_rule (TdInventoryPage          *self,
               const TdPriceExplanation *why)
{
  g_autofree char *percent = format_percent (why->percent_bp);
  g_autofree char *rule = NULL;
  const TdPromotion *promotion = NULL;

  for (guint i = 0; self->rules.promotions != NULL && i < self->rules.promotions->len; i++)
    if (g_array_index (self->rules.promotions, TdPromotion, i).id == why->rule_id)
      promotion = &g_array_index (self->rules.promotions, TdPromotion, i);

  switch (why->rule)
    {
    case TD_PRICE_RULE_MARKDOWN:
      {
        int days = 0;

        for (guint i = 0; i < self->rules.markdowns->len; i++)
          if (g_array_index (self->rules.markdowns, TdMarkdownRule, i).id == why->rule_id)
            days = g_array_index (self->rules.markdowns, TdMarkdownRule, i).after_days;
        /* Translators: why a price is lower: a markdown step of the schedule, e.g.
         * "−25 % after 30 days on the floor" (the minus sign is U+2212) */
        rule = g_strdup_printf (ngettext ("−%s %% after %d day on the floor",
                                          "−%s %% after %d days on the floor", days),
                                percent, days);
      }
      break;
    case TD_PRICE_RULE_COLOUR_TAG:
      {
        const char *colour = promotion != NULL && promotion->tag_colour != NULL
                             ? promotion->tag_colour : "";
        g_autofree char *title = NULL;

        /* "red" → "Red": the colour starts the sentence. */
        if (*colour != '\0')
          {
            char first[8] = { 0 };

            g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (colour)), first);
            title = g_strconcat (first, g_utf8_next_char (colour), NULL);
          }
        /* Translators: why a price is lower: a colour-tag promotion, e.g. "Red tag −50 %";
         * the first %s is the tag colour as the shop typed it */
        rule = g_strdup_printf (_("%s tag −%s %%"), title != NULL ? title : colour, percent);
      }
      break;
    case TD_PRICE_RULE_PERCENT:
      /* Translators: why a price is lower: a promotion, e.g. "Summer sale −20 %" */
      rule = g_strdup_printf (_("%s −%s %%"), promotion != NULL ? promotion->name : "", percent);
      break;
    case TD_PRICE_RULE_FIXED_PRICE:
      /* Translators: why a price is lower: a fixed-price promotion, e.g.
       * "All dresses 6.00: fixed price" */
      rule = g_strdup_printf (_("%s: fixed price"), promotion != NULL ? promotion->name : "");
      break;
    case TD_PRICE_RULE_NONE:
    default:
      return NULL;
    }

  if (why->floored)
    {
      g_autofree char *minimum = td_context_format_money (self->context, why->price);

      /* Translators: a price rule whose price would go below the consignor's minimum, e.g.
       * "−50 % after 60 days on the floor, held at the consignor’s minimum 12.00" */
      return g_strdup_printf (_("%s, held at the consignor’s minimum %s"), rule, minimum);
    }
  return g_steal_pointer (&rule);
}

/**
 * td_inventory_page_format_price:
 * @original: (out) (transfer full): the ticket price when a markdown or promotion lowers it,
 *   else %NULL
 * @why: (out) (transfer full) (optional): when the price is lowered, which rule lowered it
 *   ("−25 % after 30 days on the floor"), else %NULL
 *
 * The price the counter would charge at the page's moment: td_pricing_effective_price() over
 * the item's own facts (ticket price, the consignor's minimum, category, intake, tag colour,
 * all read with the page of rows) and the rules the page loaded once — no SQL per cell.
 *
 * Returns: (transfer full): the price the item sells for now, formatted
 */
char *
td_inventory_page_format_price (TdInventoryPage  *self,
                                TdItem           *item,
                                char            **original,
                                char            **why)
{
  TdPricingItem pricing = { 0 };
  TdPriceExplanation explanation;
  gint64 price;

  g_assert (TD_IS_INVENTORY_PAGE (self));

  g_assert (self->now != NULL);
  pricing.price = td_item_get_price (item);
  pricing.min_price = td_item_get_min_price (item);
  pricing.category_id = td_item_get_category_id (item);
  pricing.intake_at = td_item_get_intake_at_us (item);
  pricing.tag_colour = td_item_get_tag_colour (item);
  price = td_pricing_effective_price (&pricing, &self->rules, self->now, &explanation);
  *original = price < pricing.price ? td_context_format_money (self->context, pricing.price) : NULL;
  if (why != NULL)
    *why = price < pricing.price ? describe_rule (self, &explanation) : NULL;
  return td_context_format_money (self->context, price);
}
