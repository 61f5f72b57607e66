/* test-cart.c — the cart's arithmetic (pure): effective prices, discounts, tax, consignor
 * shares, cash rounding, tenders; random carts must reconcile to the cent. Also the receipt
 * token: round trip, forgery, foreign shop, truncation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-cart.h"
#include "td-receipt-token.h"

/* 2024-03-01 12:00 UTC */
#define NOW G_GINT64_CONSTANT (1709294400000000)
#define DAY G_GINT64_CONSTANT (86400000000)

static TdCart *
new_cart (gboolean    inclusive,
          const char *rates,
          int         cash_step)
{
  g_auto(TdCounterConfig) config;
  g_autoptr(GError) error = NULL;

  td_counter_config_init (&config);
  config.tax_inclusive = inclusive;
  config.cash_step = cash_step;
  config.currency = td_currency_lookup ("CHF");
  td_counter_config_parse_rates (&config, rates, &error);
  g_assert_no_error (error);
  return td_cart_new (&config);
}

static void
add (TdCart     *cart,
     gint64      id,
     gint64      price,
     gint64      consignor_id,
     int         share_bp,
     const char *tax_class)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (NOW / G_USEC_PER_SEC);
  g_autofree char *sku = g_strdup_printf ("T-%06" G_GINT64_FORMAT, id);
  TdCartItem item = { id, sku, "Thing", NULL, 0, 0, tax_class, consignor_id, share_bp, price, 0,
                      NOW - DAY, NULL };

  g_assert_true (td_cart_add_item (cart, &item, NULL, at, &error));
  g_assert_no_error (error);
}

static void
test_rates (void)
{
  g_auto(TdCounterConfig) config;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  td_counter_config_init (&config);
  g_assert_true (td_counter_config_parse_rates (&config, "standard=2000; reduced=500,zero=0",
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (config.default_rate_bp, ==, 2000);
  g_assert_cmpint (td_counter_config_rate_for (&config, "reduced"), ==, 500);
  g_assert_cmpint (td_counter_config_rate_for (&config, "zero"), ==, 0);
  g_assert_cmpint (td_counter_config_rate_for (&config, "unknown"), ==, 2000);
  g_assert_cmpint (td_counter_config_rate_for (&config, NULL), ==, 2000);
  text = td_counter_config_format_rates (&config);
  g_assert_cmpstr (text, ==, "standard=2000;reduced=500;zero=0");

  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "standard", "standard=abc", "=100", "standard=10001" };

      g_assert_false (td_counter_config_parse_rates (&config, bad[i], &error));
      g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpint (config.default_rate_bp, ==, 2000);   /* unchanged */
    }
}

static void
test_tax_and_rounding (void)
{
  /* 7.7 % inclusive in 10.00: 10.00 × 770 / 10770 = 0.7149… → 0.71 */
  g_assert_cmpint (td_tax_of_inclusive (1000, 770), ==, 71);
  g_assert_cmpint (td_tax_of_exclusive (1000, 770), ==, 77);
  g_assert_cmpint (td_tax_of_exclusive (5, 1000), ==, 1);    /* 0.5 → 1, half up */
  g_assert_cmpint (td_tax_of_inclusive (0, 2000), ==, 0);
  g_assert_cmpint (td_tax_of_inclusive (1200, 0), ==, 0);

  /* CHF: to 0.05; .x1 .x2 down, .x3 .x4 up */
  g_assert_cmpint (td_cash_round (1231, 5), ==, 1230);
  g_assert_cmpint (td_cash_round (1232, 5), ==, 1230);
  g_assert_cmpint (td_cash_round (1233, 5), ==, 1235);
  g_assert_cmpint (td_cash_round (1237, 5), ==, 1235);
  g_assert_cmpint (td_cash_round (1238, 5), ==, 1240);
  g_assert_cmpint (td_cash_round (-1238, 5), ==, -1240);
  g_assert_cmpint (td_cash_round (1238, 1), ==, 1238);
  g_assert_cmpint (td_cash_round (150, 100), ==, 200);
}

static void
test_discounts (void)
{
  g_autoptr(TdCart) cart = new_cart (TRUE, "standard=0", 1);
  g_autoptr(GError) error = NULL;
  TdCartTotals t;

  add (cart, 1, 1000, 0, 0, NULL);
  add (cart, 2, 1000, 0, 0, NULL);
  add (cart, 3, 1000, 0, 0, NULL);

  /* 100 over three equal lines: 34 + 33 + 33, exactly 100 */
  g_assert_true (td_cart_set_cart_discount (cart, 100, 0, "loyal customer", &error));
  g_assert_no_error (error);
  td_cart_get_totals (cart, &t);
  g_assert_cmpint (t.cart_discount, ==, 100);
  g_assert_cmpint (td_cart_get_line (cart, 0)->cart_discount, ==, 34);
  g_assert_cmpint (td_cart_get_line (cart, 1)->cart_discount, ==, 33);
  g_assert_cmpint (t.total, ==, 2900);

  /* 10 % */
  g_assert_true (td_cart_set_cart_discount (cart, 0, 1000, "staff", &error));
  td_cart_get_totals (cart, &t);
  g_assert_cmpint (t.cart_discount, ==, 300);
  g_assert_cmpint (t.total, ==, 2700);

  /* line discount then percent on what is left */
  g_assert_true (td_cart_set_line_discount (cart, 1, 500, "stain", &error));
  td_cart_get_totals (cart, &t);
  g_assert_cmpint (t.line_discounts, ==, 500);
  g_assert_cmpint (t.cart_discount, ==, 250);
  g_assert_cmpint (t.total, ==, 2250);
  g_assert_cmpint (td_cart_get_line (cart, 0)->price, ==, 450);

  /* refusals leave the cart as it was */
  g_assert_false (td_cart_set_line_discount (cart, 1, 1001, "too much", &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_cart_set_line_discount (cart, 1, -1, "negative", &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_cart_set_line_discount (cart, 2, 100, "  ", &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "why"));
  g_clear_error (&error);
  g_assert_false (td_cart_set_line_discount (cart, 99, 100, "x", &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (td_cart_set_cart_discount (cart, 100, 1000, "both", &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_cart_set_cart_discount (cart, 0, 10001, "over", &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_cart_set_cart_discount (cart, 2501, 0, "more than the cart", &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  td_cart_get_totals (cart, &t);
  g_assert_cmpint (t.total, ==, 2250);

  /* an amount discount is capped when a line is voided */
  g_assert_true (td_cart_set_cart_discount (cart, 2500, 0, "all but free", &error));
  g_assert_true (td_cart_remove_item (cart, 2));
  td_cart_get_totals (cart, &t);
  g_assert_cmpint (t.cart_discount, ==, 1500);
  g_assert_cmpint (t.total, ==, 0);
  g_assert_false (td_cart_remove_item (cart, 2));
}

static void
test_duplicate (void)
{
  g_autoptr(TdCart) cart = new_cart (TRUE, "standard=800", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (NOW / G_USEC_PER_SEC);
  TdCartItem item = { 7, "AB-0007", "Red coat", NULL, 0, 0, NULL, 0, 0, 4500, 0, NOW, NULL };

  g_assert_true (td_cart_add_item (cart, &item, NULL, at, &error));
  g_assert_false (td_cart_add_item (cart, &item, NULL, at, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_IN_CART);
  g_assert_nonnull (strstr (error->message, "Red coat"));
  g_assert_cmpuint (td_cart_get_n_lines (cart), ==, 1);
}

/* The effective price comes from td-pricing: a 50 % markdown after 30 days. */
static void
test_effective_price (void)
{
  g_autoptr(TdCart) cart = new_cart (TRUE, "standard=0", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (NOW / G_USEC_PER_SEC);
  g_auto(TdPricingRules) rules;
  TdMarkdownRule rule = { 1, 0, 30, 5000, TRUE };
  TdCartItem old = { 1, "A-1", "Old", NULL, 0, 0, NULL, 0, 0, 2000, 0, NOW - 40 * DAY, NULL };
  TdCartItem young = { 2, "A-2", "Young", NULL, 0, 0, NULL, 0, 0, 2000, 0, NOW - 2 * DAY, NULL };

  td_pricing_rules_init (&rules);
  rules.tz = g_time_zone_new_utc ();
  g_array_append_val (rules.markdowns, rule);
  g_assert_true (td_cart_add_item (cart, &old, &rules, at, &error));
  g_assert_true (td_cart_add_item (cart, &young, &rules, at, &error));
  g_assert_cmpint (td_cart_get_line (cart, 0)->list_price, ==, 1000);
  g_assert_cmpint (td_cart_get_line (cart, 0)->original_price, ==, 2000);
  g_assert_cmpint (td_cart_get_line (cart, 0)->price_rule, ==, TD_PRICE_RULE_MARKDOWN);
  g_assert_cmpint (td_cart_get_line (cart, 1)->list_price, ==, 2000);
}

static void
test_tenders (void)
{
  g_autoptr(TdCart) cart = new_cart (TRUE, "standard=770", 5);
  g_autoptr(GError) error = NULL;
  TdTenderPlan plan;

  g_assert_false (td_cart_plan_tenders (cart, NULL, 0, &plan, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_EMPTY);
  g_clear_error (&error);

  add (cart, 1, 1233, 0, 0, NULL);   /* CHF 12.33 */

  {
    TdTender cash[] = { { TD_TENDER_CASH, 2000, NULL, 0 } };

    g_assert_true (td_cart_plan_tenders (cart, cash, 1, &plan, &error));
    g_assert_no_error (error);
    g_assert_cmpint (plan.total, ==, 1233);
    g_assert_cmpint (plan.rounding, ==, 2);       /* 12.35 in cash */
    g_assert_cmpint (plan.due, ==, 1235);
    g_assert_cmpint (plan.change, ==, 765);
    g_assert_cmpint (plan.cash_net, ==, 1235);
  }
  {
    TdTender card[] = { { TD_TENDER_CARD, 1233, "slip 42", 0 } };

    g_assert_true (td_cart_plan_tenders (cart, card, 1, &plan, &error));
    g_assert_cmpint (plan.rounding, ==, 0);       /* no cash: no rounding */
    g_assert_cmpint (plan.change, ==, 0);
  }
  {
    /* split: card 10.00, the rest 2.33 in cash → 2.35 */
    TdTender split[] = { { TD_TENDER_CARD, 1000, NULL, 0 }, { TD_TENDER_CASH, 500, NULL, 0 } };

    g_assert_true (td_cart_plan_tenders (cart, split, 2, &plan, &error));
    g_assert_cmpint (plan.rounding, ==, 2);
    g_assert_cmpint (plan.change, ==, 265);
    g_assert_cmpint (plan.cash_net, ==, 235);
  }
  {
    TdTender shortfall[] = { { TD_TENDER_CASH, 1000, NULL, 0 } };

    g_assert_false (td_cart_plan_tenders (cart, shortfall, 1, &plan, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_SHORT);
    g_assert_nonnull (strstr (error->message, "2.35"));
    g_clear_error (&error);
  }
  {
    TdTender card_short[] = { { TD_TENDER_CARD, 1200, NULL, 0 } };

    g_assert_false (td_cart_plan_tenders (cart, card_short, 1, &plan, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_SHORT);
    g_clear_error (&error);
  }
  {
    TdTender card_over[] = { { TD_TENDER_CARD, 2000, NULL, 0 } };

    g_assert_false (td_cart_plan_tenders (cart, card_over, 1, &plan, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID);
    g_clear_error (&error);
  }
  {
    TdTender bad[] = { { TD_TENDER_CASH, 0, NULL, 0 } };
    TdTender no_card[] = { { TD_TENDER_GIFT_CARD, 100, NULL, 0 }, { TD_TENDER_CASH, 2000 } };
    TdTender no_owner[] = { { TD_TENDER_STORE_CREDIT, 100, NULL, 0 }, { TD_TENDER_CASH, 2000 } };

    g_assert_false (td_cart_plan_tenders (cart, bad, 1, &plan, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (td_cart_plan_tenders (cart, no_card, 2, &plan, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID);
    g_clear_error (&error);
    g_assert_false (td_cart_plan_tenders (cart, no_owner, 2, &plan, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID);
    g_clear_error (&error);
  }
}

/* Property: random carts reconcile to the cent, whatever the discounts, rates and shares. */
static void
test_random_carts (void)
{
  const char *rates[] = { "standard=0", "standard=770;reduced=250", "standard=2000;reduced=550",
                          "standard=1900;reduced=700;zero=0" };
  const char *classes[] = { NULL, "standard", "reduced", "zero" };
  guint rounds = g_test_slow () ? 20000 : 3000;

  for (guint round = 0; round < rounds; round++)
    {
      gboolean inclusive = g_test_rand_bit ();
      int step = g_test_rand_bit () ? 5 : 1;
      g_autoptr(TdCart) cart = new_cart (inclusive, rates[g_test_rand_int_range (0, 4)], step);
      int n = g_test_rand_int_range (1, 12);
      TdCartTotals t;
      TdTenderPlan plan;
      gint64 sum_list = 0, sum_disc = 0, sum_price = 0, sum_tax = 0, band_tax = 0, band_base = 0;
      g_autoptr(GError) error = NULL;

      for (int i = 0; i < n; i++)
        {
          gint64 price = g_test_rand_int_range (1, 500000);
          gint64 consignor = g_test_rand_bit () ? g_test_rand_int_range (1, 50) : 0;

          add (cart, i + 1, price, consignor, g_test_rand_int_range (0, 10001),
               classes[g_test_rand_int_range (0, 4)]);
          if (g_test_rand_int_range (0, 4) == 0)
            g_assert_true (td_cart_set_line_discount (cart, i + 1,
                                                      g_test_rand_int_range (0, (int) price + 1),
                                                      "damaged", &error));
        }
      td_cart_get_totals (cart, &t);
      switch (g_test_rand_int_range (0, 3))
        {
        case 0:
          g_assert_true (td_cart_set_cart_discount (cart, 0, g_test_rand_int_range (1, 10001),
                                                    "promo", &error));
          break;
        case 1:
          g_assert_true (td_cart_set_cart_discount (cart,
                                                    g_test_rand_int_range (0, (int) MIN (t.lines_total, G_MAXINT - 1) + 1),
                                                    0, "promo", &error));
          break;
        default:
          break;
        }
      g_assert_no_error (error);
      td_cart_get_totals (cart, &t);

      for (guint i = 0; i < td_cart_get_n_lines (cart); i++)
        {
          const TdCartLine *l = td_cart_get_line (cart, i);

          g_assert_cmpint (l->discount, ==, l->line_discount + l->cart_discount);
          g_assert_cmpint (l->price, ==, l->list_price - l->discount);
          g_assert_cmpint (l->price, >=, 0);
          g_assert_cmpint (l->cart_discount, >=, 0);
          g_assert_cmpint (l->net + (inclusive ? l->tax : 0), ==, l->price);
          /* consignor share + shop share = line price, both within bounds */
          g_assert_cmpint (l->consignor_share, >=, 0);
          g_assert_cmpint (l->consignor_share, <=, l->net);
          g_assert_cmpint (l->consignor_share + (l->price - l->consignor_share), ==, l->price);
          if (l->consignor_id == 0)
            g_assert_cmpint (l->consignor_share, ==, 0);
          sum_list += l->list_price;
          sum_disc += l->discount;
          sum_price += l->price;
          sum_tax += l->tax;
        }
      for (guint b = 0; b < t.n_bands; b++)
        {
          band_tax += t.bands[b].tax;
          band_base += t.bands[b].base;
        }

      g_assert_cmpint (t.subtotal, ==, sum_list);
      g_assert_cmpint (t.discount, ==, sum_disc);
      g_assert_cmpint (t.tax, ==, sum_tax);
      g_assert_cmpint (band_tax, ==, t.tax);
      g_assert_cmpint (band_base + (inclusive ? t.tax : 0), ==, t.lines_total);
      g_assert_cmpint (t.lines_total, ==, sum_price);
      g_assert_cmpint (t.subtotal - t.discount + (inclusive ? 0 : t.tax), ==, t.total);

      /* pay: part by card, the rest in cash rounded to the step */
      {
        gint64 card = t.total > 0 ? g_test_rand_int_range (0, (int) MIN (t.total, G_MAXINT - 1)) : 0;
        TdTender tenders[] = { { TD_TENDER_CARD, card, NULL, 0 },
                               { TD_TENDER_CASH, t.total - card + 100, NULL, 0 } };
        guint first = card > 0 ? 0 : 1;

        g_assert_true (td_cart_plan_tenders (cart, tenders + first, 2 - first, &plan, &error));
        g_assert_no_error (error);
        g_assert_cmpint (plan.due, ==, t.total + plan.rounding);
        g_assert_cmpint (ABS (plan.rounding) * 2, <=, step);
        g_assert_cmpint ((plan.due - card) % step, ==, 0);
        g_assert_cmpint (card + plan.cash_net, ==, plan.due);
        g_assert_cmpint (plan.tendered - plan.change, ==, plan.due);
      }
    }
}

static void
test_serialize (void)
{
  g_autoptr(TdCart) cart = new_cart (TRUE, "standard=0", 1);
  g_autoptr(GVariant) v = NULL;
  g_autofree char *text = NULL;

  add (cart, 4, 1000, 0, 0, NULL);
  add (cart, 9, 2000, 0, 0, NULL);
  g_assert_true (td_cart_set_line_discount (cart, 9, 150, "button missing", NULL));
  g_assert_true (td_cart_set_cart_discount (cart, 0, 500, "regular", NULL));
  v = g_variant_ref_sink (td_cart_serialize (cart));
  text = g_variant_print (v, FALSE);
  g_assert_cmpstr (text, ==,
                   "([(4, 0, ''), (9, 150, 'button missing')], 0, 500, 'regular')");
}

/* Receipt token ---------------------------------------------------------------------------- */

static GBytes *
key_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_token_round_trip (void)
{
  g_autoptr(GBytes) key = key_of ("a shop secret of thirty-two bytes!");
  g_autoptr(GError) error = NULL;
  TdReceiptTokenInfo info;
  gint64 numbers[] = { 1, 123, 127, 128, 999999, G_GINT64_CONSTANT (9007199254740993) };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *token = td_receipt_token_encode ("shop-1", key, "main", numbers[i], NULL);
      g_autofree char *url = td_receipt_token_encode ("shop-1", key, "till-2", numbers[i],
                                                      "https://shop.example/r/");
      g_autofree char *lower = g_ascii_strdown (token, -1);

      g_assert_true (td_receipt_token_looks_like (token));
      for (const char *p = token; *p; p++)
        g_assert_true (g_ascii_isupper (*p) || (*p >= '2' && *p <= '7'));
      g_assert_true (td_receipt_token_parse (token, "shop-1", key, &info, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (info.register_id, ==, "main");
      g_assert_cmpint (info.receipt_no, ==, numbers[i]);

      g_assert_true (g_str_has_prefix (url, "https://shop.example/r/"));
      g_assert_true (td_receipt_token_parse (url, "shop-1", key, &info, &error));
      g_assert_cmpstr (info.register_id, ==, "till-2");
      g_assert_true (td_receipt_token_parse (lower, "shop-1", key, &info, &error));
      g_assert_no_error (error);
    }

  {
    g_autofree char *token = td_receipt_token_encode ("shop-1", key, "main", 123, NULL);

    g_test_message ("receipt 123 of register main: %s (%zu characters)", token, strlen (token));
    g_assert_cmpuint (strlen (token), <=, 40);
  }
}

static void
test_token_forgery (void)
{
  g_autoptr(GBytes) key = key_of ("a shop secret of thirty-two bytes!");
  g_autoptr(GBytes) other_key = key_of ("another shop's secret, 32 bytes..");
  g_autofree char *token = td_receipt_token_encode ("shop-1", key, "main", 123, NULL);
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  g_autoptr(GError) error = NULL;
  TdReceiptTokenInfo info;
  gsize len = strlen (token);

  /* every character changed to every other character: refused */
  for (gsize i = 0; i < len; i++)
    for (guint c = 0; c < 32; c++)
      {
        g_autofree char *forged = g_strdup (token);

        if (alphabet[c] == token[i])
          continue;
        forged[i] = alphabet[c];
        g_assert_false (td_receipt_token_parse (forged, "shop-1", key, &info, &error));
        g_assert_true (g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID) ||
                       g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_FOREIGN));
        g_assert_cmpint (info.receipt_no, ==, 0);
        g_clear_error (&error);
      }

  /* truncated or extended */
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autofree char *part = g_strndup (token, cut);

      g_assert_false (td_receipt_token_parse (part, "shop-1", key, &info, &error));
      g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID);
      g_clear_error (&error);
    }
  {
    g_autofree char *longer = g_strconcat (token, "AA", NULL);

    g_assert_false (td_receipt_token_parse (longer, "shop-1", key, &info, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID);
    g_clear_error (&error);
  }

  /* malformed */
  {
    const char *junk[] = { "", "   ", "hello world", "B-000123", "0000000000000000000000000000",
                           "https://shop.example/r/", "AB12-0042" };

    for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
      {
        g_assert_false (td_receipt_token_parse (junk[i], "shop-1", key, &info, &error));
        g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID);
        g_assert_false (td_receipt_token_looks_like (junk[i]));
        g_clear_error (&error);
      }
  }

  /* random text, random base32 of every length: refused, never accepted by chance */
  for (guint round = 0; round < 3000; round++)
    {
      char text[80];
      int n = g_test_rand_int_range (0, sizeof text);
      gboolean base32 = g_test_rand_bit ();

      for (int i = 0; i < n; i++)
        text[i] = base32 ? alphabet[g_test_rand_int_range (0, 32)]
                         : (char) g_test_rand_int_range (1, 256);
      text[n] = '\0';
      g_assert_false (td_receipt_token_parse (text, "shop-1", key, &info, &error));
      g_assert_true (g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID) ||
                     g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_FOREIGN));
      g_clear_error (&error);
    }

  /* another shop's receipt: foreign; same shop id with a wrong key: altered */
  {
    g_autofree char *foreign = td_receipt_token_encode ("shop-2", other_key, "main", 123, NULL);

    g_assert_false (td_receipt_token_parse (foreign, "shop-1", key, &info, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_FOREIGN);
    g_assert_nonnull (strstr (error->message, "another shop"));
    g_clear_error (&error);
    g_assert_false (td_receipt_token_parse (token, "shop-1", other_key, &info, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID);
    g_clear_error (&error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/td/cart/rates", test_rates);
  g_test_add_func ("/td/cart/tax-and-rounding", test_tax_and_rounding);
  g_test_add_func ("/td/cart/discounts", test_discounts);
  g_test_add_func ("/td/cart/duplicate", test_duplicate);
  g_test_add_func ("/td/cart/effective-price", test_effective_price);
  g_test_add_func ("/td/cart/tenders", test_tenders);
  g_test_add_func ("/td/cart/random-carts-reconcile", test_random_carts);
  g_test_add_func ("/td/cart/serialize", test_serialize);
  g_test_add_func ("/td/receipt-token/round-trip", test_token_round_trip);
  g_test_add_func ("/td/receipt-token/forgery", test_token_forgery);
  return g_test_run ();
}
