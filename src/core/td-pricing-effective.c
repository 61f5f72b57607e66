/* td-pricing-effective.c — the price of an item at a moment: markdowns by days on the floor
 * (paused by closures), colour-tag, percent and fixed-price promotions, the consignor's minimum.
 *
 * Pure: the moment and the rules are passed in. The counter, the price tags and the
 * marketplaces all call td_pricing_effective_price(), so an item costs the same wherever it
 * is sold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-pricing"

#include "config.h"

#include <stdlib.h>

#include "td-pricing-private.h"

#define SECONDS_PER_DAY    G_GINT64_CONSTANT (86400)
#define MAX_CATEGORY_DEPTH 32

/* Calendar ------------------------------------------------------------------------------- */

static inline gint64
floor_mod (gint64 a,
           gint64 b)
{
  return a - td_pricing_floor_div (a, b) * b;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static gint64
epoch_day_from_civil (int y,
                      int m,
                      int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = td_pricing_floor_div (y, 400);
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int
yyyymmdd_from_epoch_day (gint64 z)
{
  gint64 era, doe, yoe, y, doy, mp, d, m;

  z += 719468;
  era = td_pricing_floor_div (z, 146097);
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  return (int) (y * 10000 + m * 100 + d);
}

static gint64
epoch_day_from_yyyymmdd (int yyyymmdd)
{
  return epoch_day_from_civil (yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

/* The local day (days since 1970-01-01 on the shop's calendar) of a UTC instant. */
static gint64
local_epoch_day (GTimeZone *tz,
                 gint64     utc_us)
{
  gint64 secs = td_pricing_floor_div (utc_us, G_USEC_PER_SEC);
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, secs);
  gint64 offset = interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;

  return td_pricing_floor_div (secs + offset, SECONDS_PER_DAY);
}

/* 00:00 local of @day as UTC µs (the first valid instant of the day if midnight is skipped). */
static gint64
local_day_start (GTimeZone *tz,
                 gint64     day)
{
  gint64 local = day * SECONDS_PER_DAY;
  int interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_DAYLIGHT, &local);
  gint64 offset = interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;

  return (local - offset) * G_USEC_PER_SEC;
}

static gint64
unix_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* Days on the floor ---------------------------------------------------------------------- */

typedef struct
{
  gint64 lo, hi;
} DayRange;

static int
compare_range (const void *a,
               const void *b)
{
  const DayRange *x = a, *y = b;

  return (x->lo > y->lo) - (x->lo < y->lo);
}

/* How many distinct closure days d with @after < d ≤ @through (overlapping closures count once). */
static gint64
closed_days (const TdPricingRules *rules,
             gint64                after,
             gint64                through)
{
  g_autofree DayRange *ranges = NULL;
  guint n = 0;
  gint64 total = 0, covered_to;

  if (rules->closures == NULL || rules->closures->len == 0 || through <= after)
    return 0;

  ranges = g_new (DayRange, rules->closures->len);
  for (guint i = 0; i < rules->closures->len; i++)
    {
      const TdShopClosure *c = &g_array_index (rules->closures, TdShopClosure, i);
      DayRange r;

      if (!td_pricing_day_valid (c->first_day) || !td_pricing_day_valid (c->last_day))
        continue;
      r.lo = MAX (epoch_day_from_yyyymmdd (c->first_day), after + 1);
      r.hi = MIN (epoch_day_from_yyyymmdd (c->last_day), through);
      if (r.lo <= r.hi)
        ranges[n++] = r;
    }
  if (n > 1)
    qsort (ranges, n, sizeof (DayRange), compare_range);

  covered_to = after;
  for (guint i = 0; i < n; i++)
    {
      gint64 lo = MAX (ranges[i].lo, covered_to + 1);

      if (ranges[i].hi >= lo)
        {
          total += ranges[i].hi - lo + 1;
          covered_to = ranges[i].hi;
        }
    }
  return total;
}

/* Age on the markdown clock at local @day of an item taken in on local @intake_day: one per
 * day after the intake day that is not a closure day. */
static gint64
age_on_day (const TdPricingRules *rules,
            gint64                intake_day,
            gint64                day)
{
  if (day <= intake_day)
    return 0;
  return (day - intake_day) - closed_days (rules, intake_day, day);
}

/* The first local day on which the age reaches @days: the least fixed point of
 * T = intake + days + closed (intake, T], found by iterating upwards from intake + days. */
static gint64
day_age_reached (const TdPricingRules *rules,
                 gint64                intake_day,
                 gint64                days)
{
  gint64 t = intake_day + days;

  for (;;)
    {
      gint64 next = intake_day + days + closed_days (rules, intake_day, t);

      if (next == t)
        return t;
      t = next;
    }
}

static GTimeZone *
rules_tz (const TdPricingRules *rules,
          GDateTime            *at)
{
  return rules->tz != NULL ? rules->tz : g_date_time_get_timezone (at);
}

/**
 * td_pricing_days_on_floor:
 * @rules: the shop's rules (closures and time zone)
 * @intake_at: when the item was taken in, UTC µs
 * @at: the moment
 *
 * The item's age on the markdown clock: the local days from the intake day to the day of @at,
 * not counting closure days after the intake day up to and including the day of @at. An item
 * taken in any time on 1 June is 0 on 1 June, 1 from 00:00 on 2 June, 30 from 00:00 on 1 July
 * (with no closures). 0 before intake.
 *
 * Returns: the age in days
 */
int
td_pricing_days_on_floor (const TdPricingRules *rules,
                          gint64                intake_at,
                          GDateTime            *at)
{
  GTimeZone *tz;

  g_return_val_if_fail (rules != NULL, 0);
  g_return_val_if_fail (at != NULL, 0);

  tz = rules_tz (rules, at);
  return (int) age_on_day (rules, local_epoch_day (tz, intake_at),
                           local_epoch_day (tz, unix_usec (at)));
}

/* Effective price ------------------------------------------------------------------------ */

static gint64
category_parent (const TdPricingRules *rules,
                 gint64                id)
{
  for (guint i = 0; rules->categories != NULL && i < rules->categories->len; i++)
    {
      const TdPricingCategory *c = &g_array_index (rules->categories, TdPricingCategory, i);

      if (c->id == id)
        return c->parent_id;
    }
  return 0;
}

/* Whether @category_id is @ancestor or lies below it; 0 is every category. */
static gboolean
category_within (const TdPricingRules *rules,
                 gint64                category_id,
                 gint64                ancestor)
{
  if (ancestor == 0)
    return TRUE;
  for (int depth = 0; category_id > 0 && depth < MAX_CATEGORY_DEPTH; depth++)
    {
      if (category_id == ancestor)
        return TRUE;
      category_id = category_parent (rules, category_id);
    }
  return FALSE;
}

static gboolean
has_schedule (const TdPricingRules *rules,
              gint64                category_id)
{
  for (guint i = 0; i < rules->markdowns->len; i++)
    {
      const TdMarkdownRule *m = &g_array_index (rules->markdowns, TdMarkdownRule, i);

      if (m->active && m->category_id == category_id)
        return TRUE;
    }
  return FALSE;
}

/* The schedule for a category: its own, else its nearest ancestor's, else the all-category one. */
static gint64
schedule_owner (const TdPricingRules *rules,
                gint64                category_id)
{
  for (int depth = 0; category_id > 0 && depth < MAX_CATEGORY_DEPTH; depth++)
    {
      if (has_schedule (rules, category_id))
        return category_id;
      category_id = category_parent (rules, category_id);
    }
  return 0;
}

static int
compare_step (const void *a,
              const void *b)
{
  const TdMarkdownRule *x = a, *y = b;

  if (x->after_days != y->after_days)
    return (x->after_days > y->after_days) - (x->after_days < y->after_days);
  return (x->percent_bp > y->percent_bp) - (x->percent_bp < y->percent_bp);
}

static GArray *
schedule_steps (const TdPricingRules *rules,
                gint64                owner)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (TdMarkdownRule));

  for (guint i = 0; i < rules->markdowns->len; i++)
    {
      const TdMarkdownRule *m = &g_array_index (rules->markdowns, TdMarkdownRule, i);

      if (m->active && m->category_id == owner && m->after_days >= 1 &&
          m->percent_bp >= 1 && m->percent_bp <= TD_PRICING_BP_WHOLE)
        g_array_append_val (steps, *m);
    }
  if (steps->len > 1)
    qsort (steps->data, steps->len, sizeof (TdMarkdownRule), compare_step);
  return steps;
}

static gint64
held_price (gint64 candidate,
            gint64 original,
            gint64 min_price)
{
  return CLAMP (candidate, MIN (min_price, original), original);
}

/* Tag colours match ignoring ASCII case and surrounding spaces ("Blue " is "blue"). */
static gboolean
colour_equal (const char *a,
              const char *b)
{
  g_autofree char *x = g_strstrip (g_strdup (a != NULL ? a : ""));
  g_autofree char *y = g_strstrip (g_strdup (b != NULL ? b : ""));

  return g_ascii_strcasecmp (x, y) == 0;
}

static gboolean
promotion_applies (const TdPromotion   *p,
                   const TdPricingItem *item,
                   const TdPricingRules *rules,
                   gint64               at_us,
                   int                  weekday)
{
  if (!p->active || at_us < p->starts_at || (p->ends_at != 0 && at_us >= p->ends_at))
    return FALSE;
  if ((p->weekdays & (1u << weekday)) == 0)
    return FALSE;
  if (!category_within (rules, item->category_id, p->category_id))
    return FALSE;
  if (p->kind == TD_PROMOTION_COLOUR_TAG)
    return !td_pricing_is_blank (p->tag_colour) && colour_equal (item->tag_colour, p->tag_colour);
  return TRUE;
}

static const struct
{
  TdPromotionKind kind;
  TdPriceRule     rule;
} promotion_order[] = {
  { TD_PROMOTION_COLOUR_TAG, TD_PRICE_RULE_COLOUR_TAG },
  { TD_PROMOTION_PERCENT, TD_PRICE_RULE_PERCENT },
  { TD_PROMOTION_FIXED_PRICE, TD_PRICE_RULE_FIXED_PRICE },
};

static gint64
promotion_price (const TdPromotion *p,
                 gint64             original)
{
  if (p->kind == TD_PROMOTION_FIXED_PRICE)
    return p->fixed_price > 0 ? p->fixed_price : original;
  if (p->percent_bp < 1 || p->percent_bp > TD_PRICING_BP_WHOLE)
    return original;
  return td_pricing_percent_off (original, p->percent_bp);
}

/**
 * td_pricing_effective_price:
 * @item: the item's pricing facts
 * @rules: the shop's markdown schedules, closures, promotions and category tree
 * @at: the moment of the sale (or of printing the tag, or of listing)
 * @out: (out caller-allocates) (optional): why the price is what it is
 *
 * The price to charge for @item at @at. Candidates are the ticket price, the markdown step
 * reached, and every promotion running at @at for the item (colour tag, percent, fixed
 * price); the lowest wins (ties: markdown, then colour tag, percent, fixed price, then the
 * order of @rules). Promotions and markdowns never stack. The result is then held between
 * the consignor's minimum and the ticket price: never below `min_price`, never above `price`.
 *
 * Markdowns: the item's category uses its own schedule if it has active steps, else its
 * nearest ancestor's, else the all-category schedule (a schedule overrides as a whole). A step
 * of N days applies from 00:00 local time of the first day on which the age reaches N (see
 * td_pricing_days_on_floor()): with no closures, taken in on 1 June → from 1 July 00:00 for
 * N = 30, whatever the hour of intake and across DST changes. Among the steps reached the
 * deepest reduction applies. The next step is the first later one that would lower the
 * markdown price; its day is where the clock, paused by every known closure, reaches it.
 *
 * Promotions run from `starts_at` (inclusive) to `ends_at` (exclusive), on the local weekday
 * of @at, for items in their category or below it.
 *
 * Returns: the price, minor units
 */
gint64
td_pricing_effective_price (const TdPricingItem  *item,
                            const TdPricingRules *rules,
                            GDateTime            *at,
                            TdPriceExplanation   *out)
{
  TdPriceExplanation ex = { 0 };
  g_autoptr(GArray) steps = NULL;
  GTimeZone *tz;
  gint64 at_us, intake_day, today, age, best, markdown_price;
  int weekday;

  g_return_val_if_fail (item != NULL, 0);
  g_return_val_if_fail (rules != NULL && rules->markdowns != NULL, item->price);
  g_return_val_if_fail (at != NULL, item->price);

  tz = rules_tz (rules, at);
  at_us = unix_usec (at);
  intake_day = local_epoch_day (tz, item->intake_at);
  today = local_epoch_day (tz, at_us);
  weekday = (int) floor_mod (today + 3, 7);   /* 1970-01-01 was a Thursday; Monday = 0 */
  age = age_on_day (rules, intake_day, today);

  ex.original_price = item->price;
  ex.days_on_floor = (int) age;
  best = item->price;

  /* Markdown schedule. */
  steps = schedule_steps (rules, schedule_owner (rules, item->category_id));
  markdown_price = item->price;
  for (guint i = 0; i < steps->len; i++)
    {
      const TdMarkdownRule *m = &g_array_index (steps, TdMarkdownRule, i);
      gint64 p = td_pricing_percent_off (item->price, m->percent_bp);

      if (m->after_days > age)
        break;
      if (p < best)
        {
          best = p;
          ex.rule = TD_PRICE_RULE_MARKDOWN;
          ex.rule_id = m->id;
          ex.markdown_step = i + 1;
          ex.percent_bp = m->percent_bp;
          ex.markdown_day = yyyymmdd_from_epoch_day (day_age_reached (rules, intake_day,
                                                                      m->after_days));
        }
    }
  markdown_price = held_price (best, item->price, item->min_price);

  for (guint i = 0; i < steps->len; i++)
    {
      const TdMarkdownRule *m = &g_array_index (steps, TdMarkdownRule, i);
      gint64 p = held_price (td_pricing_percent_off (item->price, m->percent_bp),
                             item->price, item->min_price);

      if (m->after_days <= age || p >= markdown_price)
        continue;
      {
        gint64 day = day_age_reached (rules, intake_day, m->after_days);

        ex.next_markdown_day = yyyymmdd_from_epoch_day (day);
        ex.next_markdown_at = local_day_start (tz, day);
        ex.next_markdown_bp = m->percent_bp;
        ex.next_markdown_price = p;
      }
      break;
    }

  /* Promotions, in this order for ties: colour tag, percent, fixed price. */
  for (guint o = 0; o < G_N_ELEMENTS (promotion_order); o++)
    {
      TdPromotionKind kind = promotion_order[o].kind;

      for (guint i = 0; rules->promotions != NULL && i < rules->promotions->len; i++)
        {
          const TdPromotion *p = &g_array_index (rules->promotions, TdPromotion, i);
          gint64 candidate;

          if (p->kind != kind || !promotion_applies (p, item, rules, at_us, weekday))
            continue;
          candidate = promotion_price (p, item->price);
          if (candidate >= best)
            continue;
          best = candidate;
          ex.rule = promotion_order[o].rule;
          ex.rule_id = p->id;
          ex.markdown_step = 0;
          ex.markdown_day = 0;
          if (kind != TD_PROMOTION_FIXED_PRICE)
            ex.percent_bp = p->percent_bp;
          else if (item->price > 0)
            ex.percent_bp = (int) ((double) (item->price - candidate) * TD_PRICING_BP_WHOLE /
                                   (double) item->price + 0.5);
          else
            ex.percent_bp = 0;
        }
    }

  ex.price = held_price (best, item->price, item->min_price);
  ex.floored = ex.rule != TD_PRICE_RULE_NONE && ex.price > best;

  if (out != NULL)
    *out = ex;
  return ex.price;
}
