/* test-pricing.c — splits, rounding, suggestions, markdowns and promotions; and their store.
 *
 * The pure cases price in Europe/Berlin, with a fixed zone, so local days, weekdays and the
 * two DST changes of 2024 (31 March, 27 October) are exercised whatever the machine's zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-database-private.h"
#include "td-demo.h"
#include "td-pricing.h"
#include "td-store-pricing.h"
#include "td-store.h"
#include "td-test.h"

/* Helpers ------------------------------------------------------------------------------- */

static GTimeZone *
berlin (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Berlin");

  g_assert_nonnull (tz);
  return tz;
}

/* A Berlin wall-clock moment. */
static GDateTime *
local_at (int y, int mo, int d, int h, int mi, double s)
{
  g_autoptr(GTimeZone) tz = berlin ();
  GDateTime *dt = g_date_time_new (tz, y, mo, d, h, mi, s);

  g_assert_nonnull (dt);
  return dt;
}

static gint64
local_us (int y, int mo, int d, int h, int mi, double s)
{
  g_autoptr(GDateTime) dt = local_at (y, mo, d, h, mi, s);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static gint64
utc_us (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, s);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
rules_berlin (TdPricingRules *rules)
{
  td_pricing_rules_init (rules);
  rules->tz = berlin ();
}

static void
add_markdown (TdPricingRules *rules,
              gint64          id,
              gint64          category_id,
              int             after_days,
              int             percent_bp)
{
  TdMarkdownRule m = { id, category_id, after_days, percent_bp, TRUE };

  g_array_append_val (rules->markdowns, m);
}

static void
add_closure (TdPricingRules *rules,
             int             first_day,
             int             last_day)
{
  TdShopClosure c = { rules->closures->len + 1, first_day, last_day, NULL };

  g_array_append_val (rules->closures, c);
}

static void
add_category (TdPricingRules *rules,
              gint64          id,
              gint64          parent_id)
{
  TdPricingCategory c = { id, parent_id };

  g_array_append_val (rules->categories, c);
}

static TdPromotion *
add_promotion (TdPricingRules  *rules,
               gint64           id,
               TdPromotionKind  kind)
{
  TdPromotion p = { 0 };

  p.id = id;
  p.kind = kind;
  p.name = g_strdup ("Promotion");
  p.weekdays = 0x7f;
  p.active = TRUE;
  g_array_append_val (rules->promotions, p);
  return &g_array_index (rules->promotions, TdPromotion, rules->promotions->len - 1);
}

static gint64
price_at (const TdPricingItem  *item,
          const TdPricingRules *rules,
          GDateTime            *at,
          TdPriceExplanation   *ex)
{
  TdPriceExplanation local;

  return td_pricing_effective_price (item, rules, at, ex ? ex : &local);
}

/* 128-bit reference: price × bp / 10000, half away from zero. */
static gint64
reference_share (gint64 price,
                 int    bp)
{
  __int128 p = price < 0 ? -(__int128) price : price;
  __int128 share = (p * bp * 2 + 10000) / 20000;

  return price < 0 ? -(gint64) share : (gint64) share;
}

/* Splits -------------------------------------------------------------------------------- */

static void
test_split_edges (void)
{
  g_assert_cmpint (td_pricing_consignor_share (0, 6000), ==, 0);
  g_assert_cmpint (td_pricing_consignor_share (1999, 0), ==, 0);
  g_assert_cmpint (td_pricing_consignor_share (1999, 10000), ==, 1999);
  g_assert_cmpint (td_pricing_consignor_share (999, 5000), ==, 500);     /* 499.5 → 500 */
  g_assert_cmpint (td_pricing_consignor_share (-999, 5000), ==, -500);   /* refund mirrors it */
  g_assert_cmpint (td_pricing_consignor_share (1, 4999), ==, 0);
  g_assert_cmpint (td_pricing_consignor_share (1, 5000), ==, 1);
  g_assert_cmpint (td_pricing_consignor_share (2500, 6000), ==, 1500);
  g_assert_cmpint (td_pricing_consignor_share (333, 3333), ==, 111);     /* 110.99 */
  g_assert_cmpint (td_pricing_consignor_share (G_GINT64_CONSTANT (1000000000000000), 3333), ==,
                   G_GINT64_CONSTANT (333300000000000));
  g_assert_cmpint (td_pricing_consignor_share (G_GINT64_CONSTANT (999999999999999), 9999), ==,
                   G_GINT64_CONSTANT (999899999999999));   /* …999.9000001 */
  g_assert_cmpint (td_pricing_consignor_share (G_MAXINT64, 10000), ==, G_MAXINT64);
  g_assert_cmpint (td_pricing_consignor_share (G_MAXINT64, 5000), ==, reference_share (G_MAXINT64, 5000));

  /* Percent off rounds the reduction half up: in the customer's favour. */
  g_assert_cmpint (td_pricing_percent_off (999, 5000), ==, 499);
  g_assert_cmpint (td_pricing_percent_off (1000, 2500), ==, 750);
  g_assert_cmpint (td_pricing_percent_off (1000, 10000), ==, 0);
}

static void
test_split_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240612);
  guint cases = g_test_thorough () ? 2000000 : 200000;

  for (guint i = 0; i < cases; i++)
    {
      gint64 price;
      int bp = g_rand_int_range (rand, 0, 10001);
      gint64 consignor, shop;

      switch (i % 4)
        {
        case 0:   /* till prices */
          price = g_rand_int_range (rand, 0, 100000);
          break;
        case 1:   /* anything up to 10^15 */
          price = (gint64) (g_rand_double (rand) * 1e15);
          break;
        case 2:   /* refunds */
          price = -(gint64) g_rand_int_range (rand, 0, 1000000);
          break;
        default:  /* half-way cases: price × bp ends in 5000 */
          price = 2 * (gint64) g_rand_int_range (rand, 0, 500000) + 1;
          bp = 5000;
          break;
        }

      consignor = td_pricing_consignor_share (price, bp);
      shop = price - consignor;

      g_assert_cmpint (shop + consignor, ==, price);
      if (price >= 0)
        {
          g_assert_cmpint (consignor, >=, 0);
          g_assert_cmpint (consignor, <=, price);
          g_assert_cmpint (shop, >=, 0);
        }
      else
        {
          g_assert_cmpint (consignor, <=, 0);
          g_assert_cmpint (consignor, >=, price);
        }
      g_assert_cmpint (consignor, ==, reference_share (price, bp));
      g_assert_cmpint (td_pricing_consignor_share (-price, bp), ==, -consignor);
      if (bp < 10000 && price >= 0)
        g_assert_cmpint (td_pricing_consignor_share (price, bp + 1), >=, consignor);
      else if (bp < 10000)
        g_assert_cmpint (td_pricing_consignor_share (price, bp + 1), <=, consignor);
    }
}

/* A whole till: lines split one by one add up to the till total, shop and consignors apart. */
static void
test_split_sale_totals (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int sale = 0; sale < 10000; sale++)
    {
      gint64 total = 0, shop = 0, consignors = 0;
      int lines = g_rand_int_range (rand, 1, 12);

      for (int l = 0; l < lines; l++)
        {
          gint64 price = g_rand_int_range (rand, 1, 50000);
          gint64 share = td_pricing_consignor_share (price, g_rand_int_range (rand, 0, 10001));

          total += price;
          consignors += share;
          shop += price - share;
        }
      g_assert_cmpint (shop + consignors, ==, total);
    }
}

/* Rounding ------------------------------------------------------------------------------ */

typedef struct
{
  gint64          in;
  TdPriceRounding rule;
  int             digits;
  gint64          out;
} RoundCase;

static void
test_round_table (void)
{
  static const RoundCase cases[] = {
    /* none */
    { 1234, TD_PRICE_ROUNDING_NONE, 2, 1234 },
    { 1, TD_PRICE_ROUNDING_NONE, 2, 1 },
    /* .99, two decimals: nearest x.99, half-way up */
    { 1234, TD_PRICE_ROUNDING_NINETY_NINE, 2, 1199 },   /* 11.99 is 35 away, 12.99 65 */
    { 1250, TD_PRICE_ROUNDING_NINETY_NINE, 2, 1299 },
    { 1249, TD_PRICE_ROUNDING_NINETY_NINE, 2, 1299 },   /* 12.49: 12.99 and 11.99 both 50 away */
    { 1248, TD_PRICE_ROUNDING_NINETY_NINE, 2, 1199 },
    { 1199, TD_PRICE_ROUNDING_NINETY_NINE, 2, 1199 },
    { 1200, TD_PRICE_ROUNDING_NINETY_NINE, 2, 1199 },
    { 30, TD_PRICE_ROUNDING_NINETY_NINE, 2, 99 },       /* never below the lowest allowed price */
    { 1, TD_PRICE_ROUNDING_NINETY_NINE, 2, 99 },
    { 149, TD_PRICE_ROUNDING_NINETY_NINE, 2, 199 },
    /* whole */
    { 1249, TD_PRICE_ROUNDING_WHOLE, 2, 1200 },
    { 1250, TD_PRICE_ROUNDING_WHOLE, 2, 1300 },
    { 1299, TD_PRICE_ROUNDING_WHOLE, 2, 1300 },
    { 49, TD_PRICE_ROUNDING_WHOLE, 2, 100 },
    { 1, TD_PRICE_ROUNDING_WHOLE, 2, 100 },
    /* half: x.00 / x.50 */
    { 1224, TD_PRICE_ROUNDING_HALF, 2, 1200 },
    { 1225, TD_PRICE_ROUNDING_HALF, 2, 1250 },
    { 1274, TD_PRICE_ROUNDING_HALF, 2, 1250 },
    { 1275, TD_PRICE_ROUNDING_HALF, 2, 1300 },
    { 10, TD_PRICE_ROUNDING_HALF, 2, 50 },
    /* no decimals (JPY): .99 becomes …9, whole and half leave yen alone */
    { 1234, TD_PRICE_ROUNDING_NINETY_NINE, 0, 1239 },   /* 1229 and 1239 both 5 away */
    { 1233, TD_PRICE_ROUNDING_NINETY_NINE, 0, 1229 },
    { 3, TD_PRICE_ROUNDING_NINETY_NINE, 0, 9 },
    { 1234, TD_PRICE_ROUNDING_WHOLE, 0, 1234 },
    { 1234, TD_PRICE_ROUNDING_HALF, 0, 1234 },
    /* one decimal: x.9, x.0, x.0/x.5 */
    { 123, TD_PRICE_ROUNDING_NINETY_NINE, 1, 119 },
    { 124, TD_PRICE_ROUNDING_NINETY_NINE, 1, 129 },
    { 125, TD_PRICE_ROUNDING_WHOLE, 1, 130 },
    { 122, TD_PRICE_ROUNDING_HALF, 1, 120 },
    { 123, TD_PRICE_ROUNDING_HALF, 1, 125 },   /* 12.25 → 12.5: half-way up */
    /* three decimals (KWD): x.990 */
    { 12345, TD_PRICE_ROUNDING_NINETY_NINE, 3, 11990 },
    { 12500, TD_PRICE_ROUNDING_NINETY_NINE, 3, 12990 },
    { 12500, TD_PRICE_ROUNDING_WHOLE, 3, 13000 },
    { 12250, TD_PRICE_ROUNDING_HALF, 3, 12500 },
    /* zero and refunds are left alone */
    { 0, TD_PRICE_ROUNDING_NINETY_NINE, 2, 0 },
    { -1234, TD_PRICE_ROUNDING_WHOLE, 2, -1234 },
    /* big amounts */
    { G_GINT64_CONSTANT (100000000000049), TD_PRICE_ROUNDING_WHOLE, 2,
      G_GINT64_CONSTANT (100000000000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RoundCase *c = &cases[i];
      gint64 got = td_pricing_round (c->in, c->rule, c->digits);

      if (got != c->out)
        g_error ("round (%" G_GINT64_FORMAT ", %s, %d) = %" G_GINT64_FORMAT ", expected %"
                 G_GINT64_FORMAT, c->in, td_price_rounding_to_string (c->rule), c->digits, got,
                 c->out);
    }
}

/* For every rule: the result is on the grid, the nearest such price, and monotone. */
static void
test_round_property (void)
{
  static const TdPriceRounding rules[] = {
    TD_PRICE_ROUNDING_NINETY_NINE, TD_PRICE_ROUNDING_WHOLE, TD_PRICE_ROUNDING_HALF,
  };

  for (int digits = 0; digits <= 3; digits++)
    for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
      {
        gint64 previous = 0;

        for (gint64 amount = 1; amount < 30000; amount++)
          {
            gint64 got = td_pricing_round (amount, rules[r], digits);

            g_assert_cmpint (got, >=, 1);
            g_assert_cmpint (got, >=, previous);
            g_assert_cmpint (td_pricing_round (got, rules[r], digits), ==, got);   /* on the grid */
            previous = got;
          }
      }
}

static void
test_round_names (void)
{
  for (TdPriceRounding r = TD_PRICE_ROUNDING_NONE; r <= TD_PRICE_ROUNDING_HALF; r++)
    {
      TdPriceRounding back;

      g_assert_true (td_price_rounding_from_string (td_price_rounding_to_string (r), &back));
      g_assert_cmpint (back, ==, r);
    }
  {
    TdPriceRounding back = TD_PRICE_ROUNDING_HALF;

    g_assert_false (td_price_rounding_from_string ("quarter", &back));
    g_assert_cmpint (back, ==, TD_PRICE_ROUNDING_NONE);
  }
}

/* Suggestions --------------------------------------------------------------------------- */

static void
test_suggest_median (void)
{
  TdPriceSuggestion s;
  const gint64 odd[] = { 1500, 500, 2500, 1000, 900 };
  const gint64 even[] = { 1000, 400, 1001, 5000 };
  const gint64 one[] = { 1234 };
  const gint64 two_same[] = { 700, 700 };
  gint64 copy[G_N_ELEMENTS (odd)];

  memset (&s, 0xab, sizeof s);
  td_pricing_suggest (NULL, 0, TD_PRICE_LEVEL_CATEGORY, TD_PRICE_ROUNDING_NINETY_NINE, 2, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_NONE);
  g_assert_cmpuint (s.count, ==, 0);
  g_assert_cmpint (s.median, ==, 0);
  g_assert_cmpint (s.price, ==, 0);
  g_assert_cmpint (s.min, ==, 0);
  g_assert_cmpint (s.max, ==, 0);

  td_pricing_suggest (one, 1, TD_PRICE_LEVEL_CATEGORY, TD_PRICE_ROUNDING_NONE, 2, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY);
  g_assert_cmpuint (s.count, ==, 1);
  g_assert_cmpint (s.median, ==, 1234);
  g_assert_cmpint (s.min, ==, 1234);
  g_assert_cmpint (s.max, ==, 1234);

  memcpy (copy, odd, sizeof odd);
  td_pricing_suggest (copy, G_N_ELEMENTS (copy), TD_PRICE_LEVEL_BRAND_GRADE,
                      TD_PRICE_ROUNDING_NINETY_NINE, 2, &s);
  g_assert_cmpmem (copy, sizeof copy, odd, sizeof odd);   /* the input is not sorted in place */
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_BRAND_GRADE);
  g_assert_cmpuint (s.count, ==, 5);
  g_assert_cmpint (s.median, ==, 1000);
  g_assert_cmpint (s.price, ==, 999);
  g_assert_cmpint (s.min, ==, 500);
  g_assert_cmpint (s.max, ==, 2500);

  td_pricing_suggest (even, G_N_ELEMENTS (even), TD_PRICE_LEVEL_CATEGORY_GRADE,
                      TD_PRICE_ROUNDING_WHOLE, 2, &s);
  g_assert_cmpuint (s.count, ==, 4);
  g_assert_cmpint (s.median, ==, 1001);   /* (1000 + 1001) / 2 = 1000.5, half up */
  g_assert_cmpint (s.price, ==, 1000);
  g_assert_cmpint (s.min, ==, 400);
  g_assert_cmpint (s.max, ==, 5000);

  td_pricing_suggest (two_same, 2, TD_PRICE_LEVEL_CATEGORY, TD_PRICE_ROUNDING_HALF, 2, &s);
  g_assert_cmpint (s.median, ==, 700);
  g_assert_cmpint (s.price, ==, 700);
}

/* Markdowns ----------------------------------------------------------------------------- */

/* Taken in 1 March 2024 (Friday) 10:00; day 30 is 31 March, when Berlin springs forward. */
static void
test_markdown_boundary_spring (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  TdPricingItem item = { .price = 4000, .intake_at = local_us (2024, 3, 1, 10, 0, 0) };
  TdPriceExplanation ex;

  rules_berlin (&rules);
  add_markdown (&rules, 1, 0, 30, 2500);
  add_markdown (&rules, 2, 0, 60, 5000);

  {
    g_autoptr(GDateTime) at = local_at (2024, 3, 1, 9, 0, 0);   /* before intake */

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 4000);
    g_assert_cmpint (ex.days_on_floor, ==, 0);
    g_assert_cmpint (ex.next_markdown_day, ==, 20240331);
  }
  {
    g_autoptr(GDateTime) at = local_at (2024, 3, 30, 23, 59, 59.999999);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 4000);
    g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_NONE);
    g_assert_cmpint (ex.days_on_floor, ==, 29);
    g_assert_cmpint (ex.next_markdown_day, ==, 20240331);
    g_assert_cmpint (ex.next_markdown_at, ==, utc_us (2024, 3, 30, 23, 0, 0));   /* 00:00 CET */
    g_assert_cmpint (ex.next_markdown_bp, ==, 2500);
    g_assert_cmpint (ex.next_markdown_price, ==, 3000);
  }
  {
    g_autoptr(GDateTime) at = local_at (2024, 3, 31, 0, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 3000);
    g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_MARKDOWN);
    g_assert_cmpint (ex.rule_id, ==, 1);
    g_assert_cmpuint (ex.markdown_step, ==, 1);
    g_assert_cmpint (ex.percent_bp, ==, 2500);
    g_assert_cmpint (ex.days_on_floor, ==, 30);
    g_assert_cmpint (ex.original_price, ==, 4000);
    g_assert_false (ex.floored);
    /* Day 60: 30 April, 00:00 CEST. */
    g_assert_cmpint (ex.next_markdown_day, ==, 20240430);
    g_assert_cmpint (ex.next_markdown_at, ==, utc_us (2024, 4, 29, 22, 0, 0));
    g_assert_cmpint (ex.next_markdown_price, ==, 2000);
  }
  {
    /* After the clocks went forward, still day 30. */
    g_autoptr(GDateTime) at = local_at (2024, 3, 31, 23, 59, 59);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 3000);
    g_assert_cmpint (ex.days_on_floor, ==, 30);
  }
  {
    g_autoptr(GDateTime) at = local_at (2024, 4, 29, 23, 59, 59);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 3000);
  }
  {
    g_autoptr(GDateTime) at = local_at (2024, 4, 30, 0, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 2000);
    g_assert_cmpuint (ex.markdown_step, ==, 2);
    g_assert_cmpint (ex.next_markdown_day, ==, 0);   /* the last step */
    g_assert_cmpint (ex.next_markdown_at, ==, 0);
  }
}

/* Taken in 27 September 2024 late at night; day 30 is 27 October, when Berlin falls back. The
 * UTC date of intake is still 26 September 22:30 in UTC — local days must be used. */
static void
test_markdown_boundary_autumn (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  TdPricingItem item = { .price = 1000, .intake_at = local_us (2024, 9, 27, 0, 30, 0) };
  TdPriceExplanation ex;

  rules_berlin (&rules);
  add_markdown (&rules, 1, 0, 30, 5000);
  g_assert_cmpint (item.intake_at, ==, utc_us (2024, 9, 26, 22, 30, 0));

  {
    /* 26 October 23:59:59 CEST = 21:59:59 UTC: day 29. */
    g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (utc_us (2024, 10, 26, 21, 59, 59) / G_USEC_PER_SEC);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 1000);
    g_assert_cmpint (ex.days_on_floor, ==, 29);
    g_assert_cmpint (ex.next_markdown_at, ==, utc_us (2024, 10, 26, 22, 0, 0));
  }
  {
    /* A moment given in UTC is priced on the shop's local day. */
    g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (utc_us (2024, 10, 26, 22, 0, 0) / G_USEC_PER_SEC);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 500);
    g_assert_cmpint (ex.days_on_floor, ==, 30);
  }
  {
    /* 27 October 23:59 CET (the day has 25 hours): still day 30. */
    g_autoptr(GDateTime) at = local_at (2024, 10, 27, 23, 59, 0);

    g_assert_cmpint (td_pricing_days_on_floor (&rules, item.intake_at, at), ==, 30);
  }
}

/* Whatever the hour of intake, a step applies from midnight: taken in at 23:59, the 1-day step
 * applies a minute later. */
static void
test_markdown_boundary_late_intake (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  TdPricingItem item = { .price = 1000, .intake_at = local_us (2024, 6, 1, 23, 59, 0) };
  g_autoptr(GDateTime) before = local_at (2024, 6, 1, 23, 59, 59);
  g_autoptr(GDateTime) after = local_at (2024, 6, 2, 0, 0, 0);

  rules_berlin (&rules);
  add_markdown (&rules, 1, 0, 1, 1000);

  g_assert_cmpint (price_at (&item, &rules, before, NULL), ==, 1000);
  g_assert_cmpint (price_at (&item, &rules, after, NULL), ==, 900);
}

static void
test_markdown_category_override (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  enum { CLOTHING = 10, DRESSES = 11, EVENING = 12, BOOKS = 20 };
  TdPricingItem evening = { .price = 10000, .category_id = EVENING,
                            .intake_at = local_us (2024, 6, 1, 12, 0, 0) };
  TdPricingItem book = evening;
  TdPricingItem dress = evening;
  TdPricingItem uncategorised = evening;
  g_autoptr(GDateTime) day20 = local_at (2024, 6, 21, 12, 0, 0);
  g_autoptr(GDateTime) day30 = local_at (2024, 7, 1, 12, 0, 0);
  TdPriceExplanation ex;

  book.category_id = BOOKS;
  dress.category_id = DRESSES;
  uncategorised.category_id = 0;

  rules_berlin (&rules);
  add_category (&rules, CLOTHING, 0);
  add_category (&rules, DRESSES, CLOTHING);
  add_category (&rules, EVENING, DRESSES);
  add_category (&rules, BOOKS, 0);
  add_markdown (&rules, 1, 0, 30, 2500);          /* every category */
  add_markdown (&rules, 2, 0, 60, 5000);
  add_markdown (&rules, 3, DRESSES, 14, 1000);    /* dresses: their own schedule */
  {
    TdMarkdownRule inactive = { 4, BOOKS, 7, 9000, FALSE };

    g_array_append_val (rules.markdowns, inactive);   /* inactive: books keep the shop's */
  }

  /* Evening dresses inherit the Dresses schedule; it replaces the shop's as a whole. */
  g_assert_cmpint (price_at (&evening, &rules, day20, &ex), ==, 9000);
  g_assert_cmpint (ex.rule_id, ==, 3);
  g_assert_cmpint (price_at (&evening, &rules, day30, &ex), ==, 9000);
  g_assert_cmpint (ex.rule_id, ==, 3);
  g_assert_cmpint (ex.next_markdown_day, ==, 0);
  g_assert_cmpint (price_at (&dress, &rules, day30, NULL), ==, 9000);

  g_assert_cmpint (price_at (&book, &rules, day20, &ex), ==, 10000);
  g_assert_cmpint (ex.next_markdown_day, ==, 20240701);
  g_assert_cmpint (price_at (&book, &rules, day30, &ex), ==, 7500);
  g_assert_cmpint (ex.rule_id, ==, 1);
  g_assert_cmpint (price_at (&uncategorised, &rules, day30, NULL), ==, 7500);
}

static void
test_markdown_closures (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  /* Taken in Monday 2 December 2024. */
  TdPricingItem item = { .price = 2000, .intake_at = local_us (2024, 12, 2, 15, 0, 0) };
  TdPriceExplanation ex;

  rules_berlin (&rules);
  add_markdown (&rules, 1, 0, 30, 5000);
  add_closure (&rules, 20241120, 20241202);   /* ends on the intake day: does not count */
  add_closure (&rules, 20241225, 20241226);   /* 2 days */
  add_closure (&rules, 20241226, 20241227);   /* overlaps: 1 more day */
  add_closure (&rules, 20250101, 20250101);   /* 1 day */
  add_closure (&rules, 20250301, 20250310);   /* long after: moves nothing */

  /* Without closures day 30 would be 1 January; 4 closure days push it to 5 January… */
  {
    g_autoptr(GDateTime) at = local_at (2024, 12, 24, 12, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 2000);
    g_assert_cmpint (ex.days_on_floor, ==, 22);
    g_assert_cmpint (ex.next_markdown_day, ==, 20250105);
  }
  {
    /* …the age stands still over the closure… */
    g_autoptr(GDateTime) d24 = local_at (2024, 12, 24, 12, 0, 0);
    g_autoptr(GDateTime) d27 = local_at (2024, 12, 27, 12, 0, 0);
    g_autoptr(GDateTime) d28 = local_at (2024, 12, 28, 12, 0, 0);

    g_assert_cmpint (td_pricing_days_on_floor (&rules, item.intake_at, d24), ==, 22);
    g_assert_cmpint (td_pricing_days_on_floor (&rules, item.intake_at, d27), ==, 22);
    g_assert_cmpint (td_pricing_days_on_floor (&rules, item.intake_at, d28), ==, 23);
  }
  {
    g_autoptr(GDateTime) at = local_at (2025, 1, 4, 23, 59, 59);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 2000);
    g_assert_cmpint (ex.days_on_floor, ==, 29);
  }
  {
    g_autoptr(GDateTime) at = local_at (2025, 1, 5, 0, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 1000);
    g_assert_cmpint (ex.days_on_floor, ==, 30);
  }

  /* A closure planned after today already moves the printed date. */
  {
    g_auto(TdPricingRules) later = { 0 };
    TdPricingItem summer = { .price = 2000, .intake_at = local_us (2024, 7, 1, 10, 0, 0) };
    g_autoptr(GDateTime) at = local_at (2024, 7, 2, 10, 0, 0);

    rules_berlin (&later);
    add_markdown (&later, 1, 0, 30, 5000);
    add_closure (&later, 20240715, 20240728);   /* two weeks of holiday */
    g_assert_cmpint (price_at (&summer, &later, at, &ex), ==, 2000);
    g_assert_cmpint (ex.days_on_floor, ==, 1);
    g_assert_cmpint (ex.next_markdown_day, ==, 20240814);   /* 31 July + 14 */
  }
}

/* What a tag prints beside the price: the step in force and the next one, with their days. */
static void
test_markdown_note (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  /* Taken in Monday 2 December 2024; steps after 30 and 60 days, a two-day closure. */
  TdPricingItem item = { .price = 2000, .intake_at = local_us (2024, 12, 2, 15, 0, 0) };
  TdPriceExplanation ex;
  char *note;

  rules_berlin (&rules);
  add_markdown (&rules, 1, 0, 30, 2500);
  add_markdown (&rules, 2, 0, 60, 3750);
  add_closure (&rules, 20241225, 20241226);
  {
    g_autoptr(GDateTime) at = local_at (2024, 12, 10, 12, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 2000);
    note = td_pricing_format_markdown_note (&ex);
    g_assert_cmpstr (note, ==, "−25 % from 3 Jan");
    g_free (note);
  }
  {
    g_autoptr(GDateTime) at = local_at (2025, 1, 3, 9, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 1500);
    g_assert_cmpint (ex.markdown_day, ==, 20250103);
    note = td_pricing_format_markdown_note (&ex);
    g_assert_cmpstr (note, ==, "−25 % from 3 Jan · −37.5 % from 2 Feb");
    g_free (note);
  }
  {
    g_autoptr(GDateTime) at = local_at (2025, 3, 1, 9, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 1250);
    note = td_pricing_format_markdown_note (&ex);
    g_assert_cmpstr (note, ==, "−37.5 % from 2 Feb");
    g_free (note);
  }

  /* No schedule: nothing to print. */
  {
    g_auto(TdPricingRules) none = { 0 };
    g_autoptr(GDateTime) at = local_at (2025, 3, 1, 9, 0, 0);

    rules_berlin (&none);
    price_at (&item, &none, at, &ex);
    g_assert_null (td_pricing_format_markdown_note (&ex));
  }
}

static void
test_markdown_floor (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  TdPricingItem item = { .price = 4000, .min_price = 2500,
                         .intake_at = local_us (2024, 6, 1, 10, 0, 0) };
  TdPriceExplanation ex;

  rules_berlin (&rules);
  add_markdown (&rules, 1, 0, 30, 2500);
  add_markdown (&rules, 2, 0, 60, 5000);
  add_markdown (&rules, 3, 0, 90, 7500);

  {
    g_autoptr(GDateTime) at = local_at (2024, 7, 1, 10, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 3000);
    g_assert_false (ex.floored);
    /* −50 % would be 20.00, held at 25.00: still lower, so still announced. */
    g_assert_cmpint (ex.next_markdown_day, ==, 20240731);
    g_assert_cmpint (ex.next_markdown_price, ==, 2500);
  }
  {
    g_autoptr(GDateTime) at = local_at (2024, 7, 31, 10, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, at, &ex), ==, 2500);
    g_assert_true (ex.floored);
    g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_MARKDOWN);
    g_assert_cmpint (ex.percent_bp, ==, 5000);
    g_assert_cmpint (ex.next_markdown_day, ==, 0);   /* −75 % would change nothing */
  }
  {
    /* A minimum above the ticket never raises the price. */
    TdPricingItem odd = item;
    g_autoptr(GDateTime) at = local_at (2024, 12, 1, 10, 0, 0);

    odd.min_price = 5000;
    g_assert_cmpint (price_at (&odd, &rules, at, &ex), ==, 4000);
  }
}

/* Promotions ---------------------------------------------------------------------------- */

static void
test_promotion_colour_tag (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  TdPricingItem item = { .price = 3000, .intake_at = local_us (2024, 6, 1, 10, 0, 0),
                         .tag_colour = "Blue" };
  TdPromotion *p;
  TdPriceExplanation ex;
  g_autoptr(GDateTime) day10 = local_at (2024, 6, 11, 10, 0, 0);
  g_autoptr(GDateTime) day30 = local_at (2024, 7, 1, 10, 0, 0);
  g_autoptr(GDateTime) day90 = local_at (2024, 8, 30, 10, 0, 0);

  rules_berlin (&rules);
  add_markdown (&rules, 1, 0, 30, 2500);
  add_markdown (&rules, 2, 0, 90, 7500);
  p = add_promotion (&rules, 7, TD_PROMOTION_COLOUR_TAG);
  p->tag_colour = g_strdup ("blue ");
  p->percent_bp = 5000;
  p->starts_at = local_us (2024, 6, 10, 0, 0, 0);
  p->ends_at = local_us (2024, 9, 1, 0, 0, 0);

  /* This week's colour, −50 %, before any markdown. */
  g_assert_cmpint (price_at (&item, &rules, day10, &ex), ==, 1500);
  g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_COLOUR_TAG);
  g_assert_cmpint (ex.rule_id, ==, 7);
  g_assert_cmpint (ex.percent_bp, ==, 5000);
  g_assert_cmpint (ex.next_markdown_day, ==, 20240701);   /* the schedule still runs */

  /* −50 % beats the −25 % markdown… */
  g_assert_cmpint (price_at (&item, &rules, day30, &ex), ==, 1500);
  g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_COLOUR_TAG);
  /* …and the −75 % markdown beats the colour: the lowest wins, they never stack. */
  g_assert_cmpint (price_at (&item, &rules, day90, &ex), ==, 750);
  g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_MARKDOWN);

  /* Another colour, no colour. */
  item.tag_colour = "green";
  g_assert_cmpint (price_at (&item, &rules, day10, NULL), ==, 3000);
  item.tag_colour = NULL;
  g_assert_cmpint (price_at (&item, &rules, day10, NULL), ==, 3000);
  item.tag_colour = "BLUE";

  /* The window: from starts_at inclusive to ends_at exclusive. */
  {
    g_autoptr(GDateTime) before = local_at (2024, 6, 9, 23, 59, 59.999999);
    g_autoptr(GDateTime) start = local_at (2024, 6, 10, 0, 0, 0);
    g_autoptr(GDateTime) last = local_at (2024, 8, 31, 23, 59, 59.999999);
    g_autoptr(GDateTime) end = local_at (2024, 9, 1, 0, 0, 0);

    g_assert_cmpint (price_at (&item, &rules, before, NULL), ==, 3000);
    g_assert_cmpint (price_at (&item, &rules, start, NULL), ==, 1500);
    g_assert_cmpint (price_at (&item, &rules, last, NULL), ==, 750);   /* day 91: markdown */
    p->percent_bp = 9000;
    g_assert_cmpint (price_at (&item, &rules, last, NULL), ==, 300);
    g_assert_cmpint (price_at (&item, &rules, end, NULL), ==, 750);
  }

  /* The minimum holds for promotions too; inactive promotions don't apply. */
  g_assert_cmpint (price_at (&item, &rules, day10, NULL), ==, 300);
  item.min_price = 1000;
  g_assert_cmpint (price_at (&item, &rules, day10, &ex), ==, 1000);
  g_assert_true (ex.floored);
  p->active = FALSE;
  g_assert_cmpint (price_at (&item, &rules, day10, &ex), ==, 3000);
  g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_NONE);
  g_assert_false (ex.floored);
}

static void
test_promotion_fixed_price (void)
{
  g_auto(TdPricingRules) rules = { 0 };
  enum { CLOTHING = 10, DRESSES = 11, SHOES = 13 };
  TdPricingItem dress = { .price = 1800, .category_id = DRESSES,
                          .intake_at = local_us (2024, 6, 1, 10, 0, 0) };
  TdPricingItem cheap = dress;
  TdPricingItem shoes = dress;
  TdPromotion *p;
  TdPriceExplanation ex;

  cheap.price = 400;
  shoes.category_id = SHOES;
  rules_berlin (&rules);
  add_category (&rules, CLOTHING, 0);
  add_category (&rules, DRESSES, CLOTHING);
  add_category (&rules, SHOES, CLOTHING);
  /* "All dresses 6.00 on Monday", for July. */
  p = add_promotion (&rules, 3, TD_PROMOTION_FIXED_PRICE);
  p->category_id = DRESSES;
  p->fixed_price = 600;
  p->weekdays = 1 << 0;
  p->starts_at = local_us (2024, 7, 1, 0, 0, 0);
  p->ends_at = local_us (2024, 8, 1, 0, 0, 0);

  {
    g_autoptr(GDateTime) monday = local_at (2024, 7, 8, 0, 0, 0);   /* 7 July 22:00 UTC */

    g_assert_cmpint (price_at (&dress, &rules, monday, &ex), ==, 600);
    g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_FIXED_PRICE);
    g_assert_cmpint (ex.rule_id, ==, 3);
    g_assert_cmpint (ex.percent_bp, ==, 6667);   /* 12.00 off 18.00 */
    g_assert_cmpint (price_at (&shoes, &rules, monday, NULL), ==, 1800);
    g_assert_cmpint (price_at (&cheap, &rules, monday, &ex), ==, 400);   /* never above */
    g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_NONE);
  }
  {
    g_autoptr(GDateTime) sunday = local_at (2024, 7, 7, 23, 59, 59);   /* Monday in UTC? no: 21:59 */
    g_autoptr(GDateTime) tuesday = local_at (2024, 7, 9, 0, 0, 0);
    g_autoptr(GDateTime) june = local_at (2024, 6, 24, 12, 0, 0);      /* a Monday before */
    g_autoptr(GDateTime) august = local_at (2024, 8, 5, 12, 0, 0);     /* a Monday after */
    g_autoptr(GDateTime) last = local_at (2024, 7, 29, 23, 59, 59);    /* last Monday */

    g_assert_cmpint (price_at (&dress, &rules, sunday, NULL), ==, 1800);
    g_assert_cmpint (price_at (&dress, &rules, tuesday, NULL), ==, 1800);
    g_assert_cmpint (price_at (&dress, &rules, june, NULL), ==, 1800);
    g_assert_cmpint (price_at (&dress, &rules, august, NULL), ==, 1800);
    g_assert_cmpint (price_at (&dress, &rules, last, NULL), ==, 600);
  }
  {
    /* A UTC moment that is already Monday in Berlin. */
    g_autoptr(GDateTime) utc = g_date_time_new_utc (2024, 7, 14, 22, 30, 0);

    g_assert_cmpint (price_at (&dress, &rules, utc, NULL), ==, 600);
  }
  {
    /* Percent promotion on all clothing and the fixed price: the lowest wins. */
    g_autoptr(GDateTime) monday = local_at (2024, 7, 15, 12, 0, 0);
    TdPromotion *sale = add_promotion (&rules, 4, TD_PROMOTION_PERCENT);

    sale->category_id = CLOTHING;
    sale->percent_bp = 8000;
    sale->starts_at = local_us (2024, 7, 1, 0, 0, 0);
    g_assert_cmpint (price_at (&dress, &rules, monday, &ex), ==, 360);
    g_assert_cmpint (ex.rule, ==, TD_PRICE_RULE_PERCENT);
    g_assert_cmpint (price_at (&shoes, &rules, monday, NULL), ==, 360);
  }
}

static void
test_validate (void)
{
  TdMarkdownRule m = { 0, 0, 30, 2500, TRUE };
  TdShopClosure c = { 0, 20241224, 20241226, NULL };
  TdPromotion p = { .name = (char *) "Blue week", .kind = TD_PROMOTION_COLOUR_TAG,
                    .tag_colour = (char *) "blue", .percent_bp = 5000, .weekdays = 0x7f,
                    .starts_at = 100, .ends_at = 200, .active = TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_true (td_pricing_markdown_rule_validate (&m, &error));
  g_assert_true (td_pricing_closure_validate (&c, &error));
  g_assert_true (td_pricing_promotion_validate (&p, &error));
  g_assert_no_error (error);

#define REFUSED(call)                                                      \
  G_STMT_START {                                                           \
    g_assert_false (call);                                                 \
    g_assert_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_INVALID);    \
    g_clear_error (&error);                                                \
  } G_STMT_END

  m.percent_bp = 0;
  REFUSED (td_pricing_markdown_rule_validate (&m, &error));
  m.percent_bp = 10001;
  REFUSED (td_pricing_markdown_rule_validate (&m, &error));
  m.percent_bp = 10000;
  g_assert_true (td_pricing_markdown_rule_validate (&m, NULL));
  m.after_days = 0;
  REFUSED (td_pricing_markdown_rule_validate (&m, &error));

  c.last_day = 20241223;
  REFUSED (td_pricing_closure_validate (&c, &error));
  c.last_day = 20240230;
  REFUSED (td_pricing_closure_validate (&c, &error));
  c.first_day = c.last_day = 20240229;
  g_assert_true (td_pricing_closure_validate (&c, NULL));

  p.ends_at = p.starts_at;
  REFUSED (td_pricing_promotion_validate (&p, &error));
  p.ends_at = 0;   /* open-ended */
  g_assert_true (td_pricing_promotion_validate (&p, NULL));
  p.tag_colour = (char *) "  ";
  REFUSED (td_pricing_promotion_validate (&p, &error));
  p.tag_colour = (char *) "blue";
  p.percent_bp = 0;
  REFUSED (td_pricing_promotion_validate (&p, &error));
  p.percent_bp = 5000;
  p.weekdays = 0;
  REFUSED (td_pricing_promotion_validate (&p, &error));
  p.weekdays = 0x7f;
  p.name = (char *) "";
  REFUSED (td_pricing_promotion_validate (&p, &error));
  p.name = (char *) "Monday dresses";
  p.kind = TD_PROMOTION_FIXED_PRICE;
  REFUSED (td_pricing_promotion_validate (&p, &error));   /* no price */
  p.fixed_price = 600;
  g_assert_true (td_pricing_promotion_validate (&p, NULL));

#undef REFUSED
}

/* Store --------------------------------------------------------------------------------- */

typedef struct
{
  char       *dir;
  char       *path;
  TdDatabase *db;
  gint64      cat_a, cat_b, cat_empty;
  gint64      grade[3];
  int         seq;
} Fixture;

static gint64
query_int (TdDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_ok (TdDatabase *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (td_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);

  exec_ok (f->db,
           "INSERT INTO category (code, name) VALUES ('test.a', 'Test A'), ('test.b', 'Test B'),"
           " ('test.empty', 'Test empty')");
  f->cat_a = query_int (f->db, "SELECT id FROM category WHERE code = 'test.a'");
  f->cat_b = query_int (f->db, "SELECT id FROM category WHERE code = 'test.b'");
  f->cat_empty = query_int (f->db, "SELECT id FROM category WHERE code = 'test.empty'");
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM grade ORDER BY position LIMIT 1 OFFSET %d", i);

      f->grade[i] = query_int (f->db, sql);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

typedef enum
{
  SOLD,
  VOIDED,
  REFUNDED,
} Fate;

/* An item sold at @sold_at (seconds) for @price, with its sale and line, in raw SQL. */
static gint64
insert_sold (Fixture    *f,
             gint64      category_id,
             gint64      grade_id,
             const char *brand,
             gint64      price,
             gint64      sold_at,
             Fate        fate)
{
  g_autofree char *sql = NULL;
  g_autofree char *grade = grade_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, grade_id)
                                        : g_strdup ("NULL");
  g_autoptr(GString) quoted = g_string_new (brand);
  gint64 item_id, sale_id, line_id;
  int n = ++f->seq;

  g_string_replace (quoted, "'", "''", 0);

  sql = g_strdup_printf (
    "INSERT INTO item (sku, title, category_id, brand, grade_id, price, status, intake_at, sold_at,"
    " updated_at) VALUES ('T-%06d', 'Thing %d', %" G_GINT64_FORMAT ", '%s', %s, %" G_GINT64_FORMAT
    ", '%s', 1, %" G_GINT64_FORMAT ", 1);"
    "INSERT INTO sale (receipt_no, created_at, sold_day, subtotal, total, status)"
    " VALUES (%d, %" G_GINT64_FORMAT ", 20240101, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s');",
    n, n, category_id, quoted->str, grade,
    price, fate == REFUNDED ? "available" : "sold", sold_at * G_USEC_PER_SEC,
    n, sold_at * G_USEC_PER_SEC, price, price, fate == VOIDED ? "voided" : "completed");
  exec_ok (f->db, sql);
  sale_id = sqlite3_last_insert_rowid (td_database_get_handle (f->db));
  item_id = query_int (f->db, "SELECT max(id) FROM item");

  g_free (sql);
  sql = g_strdup_printf (
    "INSERT INTO sale_line (sale_id, item_id, title, sku, category_id, grade_id, list_price, price,"
    " sold_at, sold_day) SELECT %" G_GINT64_FORMAT ", id, title, sku, category_id, grade_id, price,"
    " price, %" G_GINT64_FORMAT ", 20240101 FROM item WHERE id = %" G_GINT64_FORMAT,
    sale_id, sold_at * G_USEC_PER_SEC, item_id);
  exec_ok (f->db, sql);
  line_id = sqlite3_last_insert_rowid (td_database_get_handle (f->db));

  if (fate == REFUNDED)
    {
      g_free (sql);
      sql = g_strdup_printf (
        "INSERT INTO refund (sale_id, refund_no, created_at, refund_day, total, tender)"
        " VALUES (%" G_GINT64_FORMAT ", %d, 1, 20240101, %" G_GINT64_FORMAT ", 'cash');"
        "INSERT INTO refund_line (refund_id, sale_line_id, amount)"
        " VALUES (last_insert_rowid (), %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");",
        sale_id, n, price, line_id, price);
      exec_ok (f->db, sql);
    }
  return line_id;
}

static void
suggest_ok (Fixture           *f,
            gint64             category_id,
            const char        *brand,
            gint64             grade_id,
            TdPriceRounding    rounding,
            TdPriceSuggestion *s)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_store_pricing_suggest (f->db, category_id, brand, grade_id, rounding, s, &error));
  g_assert_no_error (error);
}

static void
test_store_suggest_levels (Fixture       *f,
                           gconstpointer  data)
{
  TdPriceSuggestion s;
  gint64 t = 1700000000;

  /* Category A, grade 0: Levi's ×4 (one voided, one refunded: 2 count) + Lee ×3. */
  insert_sold (f, f->cat_a, f->grade[0], "Levi's", 3000, t + 1, SOLD);
  insert_sold (f, f->cat_a, f->grade[0], "LEVI'S", 5000, t + 2, SOLD);
  insert_sold (f, f->cat_a, f->grade[0], "Levi's", 90000, t + 3, VOIDED);
  insert_sold (f, f->cat_a, f->grade[0], "Levi's", 80000, t + 4, REFUNDED);
  insert_sold (f, f->cat_a, f->grade[0], "Lee", 1000, t + 5, SOLD);
  insert_sold (f, f->cat_a, f->grade[0], "Lee", 1200, t + 6, SOLD);
  insert_sold (f, f->cat_a, f->grade[0], "Lee", 1400, t + 7, SOLD);
  /* Category A, grade 1: two lines only. */
  insert_sold (f, f->cat_a, f->grade[1], "Levi's", 700, t + 8, SOLD);
  insert_sold (f, f->cat_a, f->grade[1], "Lee", 800, t + 9, SOLD);
  /* Category B, grade 0: two lines only. */
  insert_sold (f, f->cat_b, f->grade[0], "Levi's", 4444, t + 10, SOLD);
  insert_sold (f, f->cat_b, f->grade[0], "Levi's", 5555, t + 11, SOLD);

  /* Levi's ×3 in A/grade 0: enough at the brand level. */
  insert_sold (f, f->cat_a, f->grade[0], "levi's", 4000, t + 12, SOLD);
  suggest_ok (f, f->cat_a, "Levi’s", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  /* (Typographic apostrophe: a different brand, falls back.) */
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY_GRADE);
  suggest_ok (f, f->cat_a, "  LEVI'S", f->grade[0], TD_PRICE_ROUNDING_NINETY_NINE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_BRAND_GRADE);
  g_assert_cmpuint (s.count, ==, 3);
  g_assert_cmpint (s.median, ==, 4000);
  g_assert_cmpint (s.price, ==, 3999);
  g_assert_cmpint (s.min, ==, 3000);
  g_assert_cmpint (s.max, ==, 5000);

  /* Lee has 3 too; an unknown brand falls back to category + grade. */
  suggest_ok (f, f->cat_a, "Lee", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_BRAND_GRADE);
  g_assert_cmpint (s.median, ==, 1200);
  suggest_ok (f, f->cat_a, "Wrangler", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY_GRADE);
  g_assert_cmpuint (s.count, ==, 6);   /* 3000 5000 1000 1200 1400 4000 */
  g_assert_cmpint (s.median, ==, 2200);
  g_assert_cmpint (s.min, ==, 1000);
  g_assert_cmpint (s.max, ==, 5000);
  /* No brand: straight to category + grade. */
  suggest_ok (f, f->cat_a, "", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY_GRADE);
  suggest_ok (f, f->cat_a, NULL, f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY_GRADE);

  /* Grade 1 has 2 lines: category (8 lines). */
  suggest_ok (f, f->cat_a, "Levi's", f->grade[1], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY);
  g_assert_cmpuint (s.count, ==, 8);
  g_assert_cmpint (s.min, ==, 700);
  g_assert_cmpint (s.max, ==, 5000);
  g_assert_cmpint (s.median, ==, 1300);   /* 700 800 1000 1200 | 1400 3000 4000 5000 */
  /* No grade: category. */
  suggest_ok (f, f->cat_a, "Levi's", 0, TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY);

  /* Category B has only 2 lines anywhere: the broadest level with any, and says so. */
  suggest_ok (f, f->cat_b, "Levi's", f->grade[0], TD_PRICE_ROUNDING_WHOLE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_BRAND_GRADE);
  g_assert_cmpuint (s.count, ==, 2);
  g_assert_cmpint (s.median, ==, 5000);   /* (4444 + 5555) / 2 = 4999.5 */
  g_assert_cmpint (s.price, ==, 5000);

  /* Nothing sold in the category, or no category. */
  suggest_ok (f, f->cat_empty, "Levi's", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_NONE);
  g_assert_cmpuint (s.count, ==, 0);
  suggest_ok (f, 0, "Levi's", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_NONE);
}

/* Only the most recent 200 lines count. */
static void
test_store_suggest_recent (Fixture       *f,
                           gconstpointer  data)
{
  TdPriceSuggestion s;

  exec_ok (f->db, "BEGIN");
  for (int i = 0; i < 100; i++)   /* old and dear */
    insert_sold (f, f->cat_a, f->grade[0], "Acme", 9000, 1600000000 + i, SOLD);
  for (int i = 0; i < 200; i++)   /* recent and cheap */
    insert_sold (f, f->cat_a, f->grade[0], i % 2 ? "Acme" : "Other", 1000 + i, 1700000000 + i, SOLD);
  exec_ok (f->db, "COMMIT");

  suggest_ok (f, f->cat_a, "acme", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_BRAND_GRADE);
  g_assert_cmpuint (s.count, ==, 200);   /* the 100 recent Acme + the 100 most recent old ones */
  g_assert_cmpint (s.max, ==, 9000);
  suggest_ok (f, f->cat_a, "Other", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpuint (s.count, ==, 100);
  suggest_ok (f, f->cat_a, "Nobody", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);
  g_assert_cmpint (s.level, ==, TD_PRICE_LEVEL_CATEGORY_GRADE);
  g_assert_cmpuint (s.count, ==, 200);
  g_assert_cmpint (s.min, ==, 1000);
  g_assert_cmpint (s.max, ==, 1199);   /* none of the old 90.00 lines */
  g_assert_cmpint (s.median, ==, 1100);   /* (1099 + 1100) / 2, half up */
}

/* Every suggestion query reads an index in order: no full scan, no sort. */
static void
test_store_suggest_plans (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *handle = td_database_get_handle (f->db);
  TdPriceSuggestion s;
  guint checked = 0;

  exec_ok (f->db, "ANALYZE");
  suggest_ok (f, f->cat_a, "Acme", f->grade[0], TD_PRICE_ROUNDING_NONE, &s);

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (handle, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (handle, stmt))
    {
      g_autofree char *explain = NULL;
      g_autoptr(GString) plan = g_string_new (NULL);
      sqlite3_stmt *ex = NULL;

      if (strstr (sqlite3_sql (stmt), "SELECT sl.price") == NULL)
        continue;
      explain = g_strconcat ("EXPLAIN QUERY PLAN ", sqlite3_sql (stmt), NULL);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, explain, -1, &ex, NULL), ==, SQLITE_OK);
      while (sqlite3_step (ex) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", sqlite3_column_text (ex, 3));
      sqlite3_finalize (ex);

      g_test_message ("%s\n%s", sqlite3_sql (stmt), plan->str);
      g_assert_null (strstr (plan->str, "TEMP B-TREE"));
      /* The only scan is of the voided sales' partial index. */
      {
        g_auto(GStrv) lines = g_strsplit (plan->str, "\n", -1);

        for (guint i = 0; lines[i] != NULL; i++)
          if (g_str_has_prefix (lines[i], "SCAN "))
            g_assert_true (g_str_equal (lines[i], "SCAN sale USING INDEX sale_voided") ||
                           g_str_equal (lines[i], "SCAN sale USING COVERING INDEX sale_voided"));
      }
      /* No sale_line row is read: covering indexes only. */
      g_assert_true (strstr (plan->str, "SEARCH sl USING COVERING INDEX sale_line_item") != NULL ||
                     strstr (plan->str, "SEARCH sl USING COVERING INDEX sale_line_comparable") != NULL ||
                     strstr (plan->str, "SEARCH sl USING COVERING INDEX sale_line_category_sold") != NULL);
      if (strstr (sqlite3_sql (stmt), "i.brand") != NULL)
        g_assert_nonnull (strstr (plan->str, "SEARCH i USING COVERING INDEX item_sold_comparable"));
      checked++;
    }
  g_assert_cmpuint (checked, ==, 3);
}

/* On a demo shop, each suggestion equals the median of the comparables found by brute force. */
static void
test_store_suggest_demo (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  TdDemoOptions options;
  sqlite3_stmt *combos = NULL;
  guint checked = 0, levels[4] = { 0 };

  td_demo_options_init (&options);
  options.items = 4000;
  options.now_us = G_GINT64_CONSTANT (1718200000000000);
  g_assert_true (td_demo_generate (path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  db = td_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db),
                                       "SELECT DISTINCT category_id, grade_id, brand FROM item "
                                       "WHERE category_id IS NOT NULL ORDER BY 1, 2, 3",
                                       -1, &combos, NULL), ==, SQLITE_OK);
  while (sqlite3_step (combos) == SQLITE_ROW)
    {
      gint64 category_id = sqlite3_column_int64 (combos, 0);
      gint64 grade_id = sqlite3_column_int64 (combos, 1);
      const char *brand = (const char *) sqlite3_column_text (combos, 2);
      g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) best = g_array_new (FALSE, FALSE, sizeof (gint64));
      TdPriceSuggestion s, expected;
      TdPriceLevel level = TD_PRICE_LEVEL_NONE;

      g_assert_true (td_store_pricing_suggest (db, category_id, brand, grade_id,
                                               TD_PRICE_ROUNDING_NINETY_NINE, &s, &error));
      g_assert_no_error (error);

      /* Brute force: every comparable line, newest first, level by level. */
      for (TdPriceLevel l = TD_PRICE_LEVEL_BRAND_GRADE; l <= TD_PRICE_LEVEL_CATEGORY; l++)
        {
          sqlite3_stmt *all = NULL;

          if (l == TD_PRICE_LEVEL_BRAND_GRADE && *brand == '\0')
            continue;
          if (l != TD_PRICE_LEVEL_CATEGORY && grade_id <= 0)
            continue;
          g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db),
            "SELECT sl.price FROM sale_line sl JOIN item i ON i.id = sl.item_id "
            "JOIN sale s ON s.id = sl.sale_id "
            "WHERE sl.category_id = ?1 AND (?4 > 2 OR sl.grade_id = ?2) "
            "AND (?4 > 1 OR (lower (i.brand) = lower (?3) AND i.status = 'sold')) "
            "AND s.status = 'completed' AND sl.price > 0 "
            "AND sl.id NOT IN (SELECT sale_line_id FROM refund_line) "
            "ORDER BY sl.sold_at DESC LIMIT 200", -1, &all, NULL), ==, SQLITE_OK);
          sqlite3_bind_int64 (all, 1, category_id);
          sqlite3_bind_int64 (all, 2, grade_id);
          sqlite3_bind_text (all, 3, brand, -1, SQLITE_STATIC);
          sqlite3_bind_int (all, 4, l);
          g_array_set_size (prices, 0);
          while (sqlite3_step (all) == SQLITE_ROW)
            {
              gint64 p = sqlite3_column_int64 (all, 0);

              g_array_append_val (prices, p);
            }
          sqlite3_finalize (all);
          if (prices->len > best->len)
            {
              level = l;
              g_array_set_size (best, 0);
              g_array_append_vals (best, prices->data, prices->len);
            }
          if (prices->len >= TD_PRICING_MIN_COMPARABLES)
            break;
        }
      td_pricing_suggest ((gint64 *) best->data, best->len, level,
                          TD_PRICE_ROUNDING_NINETY_NINE, 2, &expected);

      g_assert_cmpint (s.level, ==, expected.level);
      g_assert_cmpuint (s.count, ==, expected.count);
      g_assert_cmpint (s.median, ==, expected.median);
      g_assert_cmpint (s.price, ==, expected.price);
      g_assert_cmpint (s.min, ==, expected.min);
      g_assert_cmpint (s.max, ==, expected.max);
      levels[s.level]++;
      checked++;
    }
  sqlite3_finalize (combos);

  g_test_message ("%u combinations: brand+grade %u, category+grade %u, category %u, none %u",
                  checked, levels[TD_PRICE_LEVEL_BRAND_GRADE],
                  levels[TD_PRICE_LEVEL_CATEGORY_GRADE], levels[TD_PRICE_LEVEL_CATEGORY],
                  levels[TD_PRICE_LEVEL_NONE]);
  g_assert_cmpuint (checked, >, 50);
  g_assert_cmpuint (levels[TD_PRICE_LEVEL_BRAND_GRADE], >, 0);
  g_assert_cmpuint (levels[TD_PRICE_LEVEL_CATEGORY_GRADE], >, 0);
}

static gint64
count_rows (Fixture *f)
{
  return query_int (f->db, "SELECT (SELECT count(*) FROM markdown_rule) * 1000000"
                           " + (SELECT count(*) FROM shop_closure) * 10000"
                           " + (SELECT count(*) FROM promotion) * 100"
                           " + (SELECT count(*) FROM audit)");
}

static void
test_store_rules (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdMarkdownRule all30 = { 0, 0, 30, 2500, TRUE };
  TdMarkdownRule a14 = { 0, f->cat_a, 14, 1000, FALSE };
  TdShopClosure xmas = { 0, 20241225, 20241226, (char *) "Christmas" };
  TdPromotion blue = { .name = (char *) " Blue week ", .kind = TD_PROMOTION_COLOUR_TAG,
                       .tag_colour = (char *) "Blue", .percent_bp = 5000, .weekdays = 0x7f,
                       .starts_at = 1000, .ends_at = 0, .active = TRUE };
  TdPromotion dresses = { .name = (char *) "Dresses on Monday", .kind = TD_PROMOTION_FIXED_PRICE,
                          .category_id = f->cat_b, .fixed_price = 600, .weekdays = 1,
                          .starts_at = 1000, .ends_at = 2000, .active = TRUE };
  gint64 id_all30 = 0, id_a14 = 0, id_xmas = 0, id_blue = 0, id_dresses = 0;
  gint64 audit_before = query_int (f->db, "SELECT count(*) FROM audit");

  g_assert_true (td_store_pricing_add_markdown_rule (f->db, &all30, 11, &id_all30, &error));
  g_assert_true (td_store_pricing_add_markdown_rule (f->db, &a14, 12, &id_a14, &error));
  g_assert_true (td_store_pricing_add_closure (f->db, &xmas, 13, &id_xmas, &error));
  g_assert_true (td_store_pricing_add_promotion (f->db, &blue, 14, &id_blue, &error));
  g_assert_true (td_store_pricing_add_promotion (f->db, &dresses, 15, &id_dresses, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id_all30, >, 0);
  g_assert_cmpint (id_dresses, >, 0);

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit"), ==, audit_before + 5);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'pricing.markdown.added'"
                                     " AND entity = 'markdown_rule' AND at IN (11, 12)"
                                     " AND detail ->> '$.percent_bp' IN (2500, 1000)"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'pricing.closure.added'"
                                     " AND detail ->> '$.note' = 'Christmas' AND at = 13"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'pricing.promotion.added'"
                                     " AND detail ->> '$.name' = 'Blue week' AND detail ->> '$.kind' = 'colour_tag'"), ==, 1);

  {
    g_auto(TdPricingRules) rules = { 0 };
    const TdMarkdownRule *m;
    const TdShopClosure *c;
    const TdPromotion *p;

    g_assert_true (td_store_pricing_load_rules (f->db, &rules, &error));
    g_assert_no_error (error);
    g_assert_nonnull (rules.tz);
    g_assert_cmpuint (rules.markdowns->len, ==, 2);
    m = &g_array_index (rules.markdowns, TdMarkdownRule, 1);
    g_assert_cmpint (m->id, ==, id_a14);
    g_assert_cmpint (m->category_id, ==, f->cat_a);
    g_assert_cmpint (m->after_days, ==, 14);
    g_assert_cmpint (m->percent_bp, ==, 1000);
    g_assert_false (m->active);
    g_assert_cmpint (g_array_index (rules.markdowns, TdMarkdownRule, 0).category_id, ==, 0);

    g_assert_cmpuint (rules.closures->len, ==, 1);
    c = &g_array_index (rules.closures, TdShopClosure, 0);
    g_assert_cmpint (c->first_day, ==, 20241225);
    g_assert_cmpint (c->last_day, ==, 20241226);
    g_assert_cmpstr (c->note, ==, "Christmas");

    g_assert_cmpuint (rules.promotions->len, ==, 2);
    p = &g_array_index (rules.promotions, TdPromotion, 0);
    g_assert_cmpint (p->kind, ==, TD_PROMOTION_COLOUR_TAG);
    g_assert_cmpstr (p->name, ==, "Blue week");
    g_assert_cmpstr (p->tag_colour, ==, "Blue");
    g_assert_cmpint (p->percent_bp, ==, 5000);
    g_assert_cmpint (p->ends_at, ==, 0);
    g_assert_cmpint (p->category_id, ==, 0);
    p = &g_array_index (rules.promotions, TdPromotion, 1);
    g_assert_cmpint (p->kind, ==, TD_PROMOTION_FIXED_PRICE);
    g_assert_cmpint (p->fixed_price, ==, 600);
    g_assert_cmpint (p->category_id, ==, f->cat_b);
    g_assert_cmpuint (p->weekdays, ==, 1);
    g_assert_cmpint (p->starts_at, ==, 1000);
    g_assert_cmpint (p->ends_at, ==, 2000);
    g_assert_null (p->tag_colour);

    g_assert_cmpuint (rules.categories->len, >=, 3);

    /* The loaded rules price an item: the all-category schedule (category A's is inactive). */
    {
      TdPricingItem item = { .price = 2000, .category_id = f->cat_a,
                             .intake_at = local_us (2024, 6, 1, 10, 0, 0) };
      g_autoptr(GDateTime) at = local_at (2024, 7, 1, 12, 0, 0);

      g_clear_pointer (&rules.tz, g_time_zone_unref);
      rules.tz = berlin ();
      g_assert_cmpint (td_pricing_effective_price (&item, &rules, at, NULL), ==, 1500);
    }
  }

  /* Removing: gone, audited with what it was. */
  g_assert_true (td_store_pricing_remove_markdown_rule (f->db, id_a14, 21, &error));
  g_assert_true (td_store_pricing_remove_closure (f->db, id_xmas, 22, &error));
  g_assert_true (td_store_pricing_remove_promotion (f->db, id_dresses, 23, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM markdown_rule"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM shop_closure"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM promotion"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE at BETWEEN 21 AND 23 AND ("
                                     "(action = 'pricing.markdown.removed' AND detail ->> '$.after_days' = 14) OR "
                                     "(action = 'pricing.closure.removed' AND detail ->> '$.first_day' = 20241225) OR "
                                     "(action = 'pricing.promotion.removed' AND detail ->> '$.fixed_price' = 600))"),
                   ==, 3);

  /* Removing what is not there: refused, nothing written. */
  {
    gint64 before = count_rows (f);

    g_assert_false (td_store_pricing_remove_markdown_rule (f->db, id_a14, 31, &error));
    g_assert_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (td_store_pricing_remove_promotion (f->db, 9999, 31, &error));
    g_assert_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (count_rows (f), ==, before);
  }
}

static void
test_store_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count_rows (f);
  gint64 id = -1;
  TdMarkdownRule m = { 0, 0, 30, 0, TRUE };
  TdShopClosure c = { 0, 20241226, 20241225, NULL };
  TdPromotion p = { .name = (char *) "Late", .kind = TD_PROMOTION_PERCENT, .percent_bp = 2000,
                    .weekdays = 0x7f, .starts_at = 5000, .ends_at = 4000, .active = TRUE };

#define REFUSED(call, code)                                 \
  G_STMT_START {                                            \
    g_assert_false (call);                                  \
    g_assert_error (error, TD_PRICING_ERROR, code);         \
    g_assert_nonnull (error->message);                      \
    g_clear_error (&error);                                 \
    g_assert_cmpint (count_rows (f), ==, before);           \
    g_assert_cmpint (id, ==, -1);                           \
  } G_STMT_END

  REFUSED (td_store_pricing_add_markdown_rule (f->db, &m, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  m.percent_bp = 10001;
  REFUSED (td_store_pricing_add_markdown_rule (f->db, &m, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  m.percent_bp = 2500;
  m.after_days = 0;
  REFUSED (td_store_pricing_add_markdown_rule (f->db, &m, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  m.after_days = -5;
  REFUSED (td_store_pricing_add_markdown_rule (f->db, &m, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  m.after_days = 30;
  m.category_id = 987654;   /* no such category: checked inside the transaction */
  REFUSED (td_store_pricing_add_markdown_rule (f->db, &m, 1, &id, &error), TD_PRICING_ERROR_NOT_FOUND);

  REFUSED (td_store_pricing_add_closure (f->db, &c, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  c.first_day = 20241301;
  c.last_day = 20241302;
  REFUSED (td_store_pricing_add_closure (f->db, &c, 1, &id, &error), TD_PRICING_ERROR_INVALID);

  REFUSED (td_store_pricing_add_promotion (f->db, &p, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  p.ends_at = 5000;
  REFUSED (td_store_pricing_add_promotion (f->db, &p, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  p.ends_at = 0;
  p.percent_bp = 0;
  REFUSED (td_store_pricing_add_promotion (f->db, &p, 1, &id, &error), TD_PRICING_ERROR_INVALID);
  p.percent_bp = 2000;
  p.category_id = 987654;
  REFUSED (td_store_pricing_add_promotion (f->db, &p, 1, &id, &error), TD_PRICING_ERROR_NOT_FOUND);

#undef REFUSED

  /* A failure inside the transaction (here: the audit trail refuses writes) leaves nothing. */
  exec_ok (f->db, "CREATE TEMP TRIGGER audit_refuse BEFORE INSERT ON audit "
                  "BEGIN SELECT RAISE (ABORT, 'no'); END");
  m.category_id = 0;
  g_assert_false (td_store_pricing_add_markdown_rule (f->db, &m, 1, &id, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f), ==, before);
  exec_ok (f->db, "DROP TRIGGER audit_refuse");
  g_assert_true (td_store_pricing_add_markdown_rule (f->db, &m, 1, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f), ==, before + 1000000 + 1);
}

static void
test_store_rounding (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdPriceRounding rounding = TD_PRICE_ROUNDING_HALF;

  g_assert_true (td_store_pricing_get_rounding (f->db, &rounding, &error));
  g_assert_cmpint (rounding, ==, TD_PRICE_ROUNDING_NONE);

  g_assert_true (td_store_pricing_set_rounding (f->db, TD_PRICE_ROUNDING_NINETY_NINE, 42, &error));
  g_assert_no_error (error);
  g_assert_true (td_store_pricing_get_rounding (f->db, &rounding, &error));
  g_assert_cmpint (rounding, ==, TD_PRICE_ROUNDING_NINETY_NINE);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM setting WHERE key = 'pricing.rounding'"
                                     " AND value = 'ninety-nine'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'setting.changed'"
                                     " AND at = 42 AND detail ->> '$.key' = 'pricing.rounding'"), ==, 1);

  /* A value this version does not know reads as none. */
  exec_ok (f->db, "UPDATE setting SET value = 'quarter' WHERE key = 'pricing.rounding'");
  g_assert_true (td_store_pricing_get_rounding (f->db, &rounding, &error));
  g_assert_cmpint (rounding, ==, TD_PRICE_ROUNDING_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/pricing/split/edges", test_split_edges);
  g_test_add_func ("/td/pricing/split/property", test_split_property);
  g_test_add_func ("/td/pricing/split/sale-totals", test_split_sale_totals);
  g_test_add_func ("/td/pricing/round/table", test_round_table);
  g_test_add_func ("/td/pricing/round/property", test_round_property);
  g_test_add_func ("/td/pricing/round/names", test_round_names);
  g_test_add_func ("/td/pricing/suggest/median", test_suggest_median);
  g_test_add_func ("/td/pricing/markdown/boundary-spring-dst", test_markdown_boundary_spring);
  g_test_add_func ("/td/pricing/markdown/boundary-autumn-dst", test_markdown_boundary_autumn);
  g_test_add_func ("/td/pricing/markdown/boundary-late-intake", test_markdown_boundary_late_intake);
  g_test_add_func ("/td/pricing/markdown/category-override", test_markdown_category_override);
  g_test_add_func ("/td/pricing/markdown/closures", test_markdown_closures);
  g_test_add_func ("/td/pricing/markdown/floor", test_markdown_floor);
  g_test_add_func ("/td/pricing/markdown/note", test_markdown_note);
  g_test_add_func ("/td/pricing/promotion/colour-tag", test_promotion_colour_tag);
  g_test_add_func ("/td/pricing/promotion/fixed-price", test_promotion_fixed_price);
  g_test_add_func ("/td/pricing/validate", test_validate);

#define ADD(path, func) g_test_add ("/td/pricing/store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("suggest-levels", test_store_suggest_levels);
  ADD ("suggest-recent", test_store_suggest_recent);
  ADD ("suggest-plans", test_store_suggest_plans);
  ADD ("suggest-demo", test_store_suggest_demo);
  ADD ("rules", test_store_rules);
  ADD ("refusals", test_store_refusals);
  ADD ("rounding", test_store_rounding);
#undef ADD

  return g_test_run ();
}
