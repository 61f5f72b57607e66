/* bench-pricing.c — how fast price suggestions and effective prices are on a big shop.
 *
 *   bench-pricing SHOP.db [--items N] [--combos N]
 *
 * Builds a demo shop of N items (default 1,000,000, 24 months of sales) when SHOP.db does not
 * exist, opens it (timing any pending migration), then times td_store_pricing_suggest() for
 * distinct (category, brand, grade) combinations of the shop's items, as typed at intake:
 * the full brand, and a prefix of it (which finds no brand and falls back). Cold = the first
 * call of each combination after opening; warm = the same calls again. Not a test: run by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "td-database-private.h"
#include "td-demo.h"
#include "td-pricing.h"
#include "td-store-pricing.h"

typedef struct
{
  gint64  category_id;
  gint64  grade_id;
  char   *brand;
} Combo;

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  double *v = (double *) ms->data;
  double sum = 0;

  qsort (v, ms->len, sizeof (double), compare_double);
  for (guint i = 0; i < ms->len; i++)
    sum += v[i];
  g_print ("%-34s n=%-5u median %7.3f ms  p95 %7.3f ms  max %7.3f ms  mean %7.3f ms\n",
           what, ms->len, v[ms->len / 2], v[(guint) (ms->len * 0.95)], v[ms->len - 1],
           sum / ms->len);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  g_printerr ("\rgenerating demo shop… %3.0f %%", fraction * 100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GArray) combos = g_array_new (FALSE, TRUE, sizeof (Combo));
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  int items = 1000000, n_combos = 300;
  const char *path = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 t0;
  guint levels[4] = { 0 };
  guint64 comparables = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--items") && i + 1 < argc)
        items = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--combos") && i + 1 < argc)
        n_combos = atoi (argv[++i]);
      else
        path = argv[i];
    }
  if (path == NULL)
    {
      g_printerr ("usage: %s SHOP.db [--items N] [--combos N]\n", argv[0]);
      return 2;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      TdDemoOptions options;

      td_demo_options_init (&options);
      options.items = (guint) items;
      options.months = 24;
      options.consignors = 2000;
      options.now_us = G_GINT64_CONSTANT (1718200000000000);
      t0 = g_get_monotonic_time ();
      if (!td_demo_generate (path, &options, progress_cb, NULL, NULL, &error))
        g_error ("demo: %s", error->message);
      g_printerr ("\n");
      g_print ("demo shop of %d items generated in %.1f s\n", items,
               (g_get_monotonic_time () - t0) / 1e6);
    }

  t0 = g_get_monotonic_time ();
  db = td_database_open (path, &error);
  if (db == NULL)
    g_error ("open: %s", error->message);
  g_print ("opened (and migrated to version %d) in %.1f ms\n",
           td_database_get_schema_version (db), (g_get_monotonic_time () - t0) / 1e3);

  {
    sqlite3 *h = td_database_get_handle (db);
    sqlite3_stmt *c = NULL;

    sqlite3_prepare_v2 (h, "SELECT (SELECT count(*) FROM item), (SELECT count(*) FROM item "
                           "WHERE status = 'sold'), (SELECT count(*) FROM sale_line)", -1, &c, NULL);
    if (sqlite3_step (c) == SQLITE_ROW)
      g_print ("shop: %lld items, %lld sold, %lld sale lines\n",
               sqlite3_column_int64 (c, 0), sqlite3_column_int64 (c, 1),
               sqlite3_column_int64 (c, 2));
    sqlite3_finalize (c);

    /* Every distinct combination, then a deterministic sample of them. */
    sqlite3_prepare_v2 (h, "SELECT DISTINCT category_id, grade_id, brand FROM item "
                           "WHERE category_id IS NOT NULL ORDER BY 1, 2, 3", -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        Combo combo = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                        g_strdup ((const char *) sqlite3_column_text (stmt, 2)) };

        g_array_append_val (combos, combo);
      }
    sqlite3_finalize (stmt);
  }
  g_print ("%u distinct (category, grade, brand) combinations\n", combos->len);

  for (guint i = combos->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      Combo tmp = g_array_index (combos, Combo, i - 1);

      g_array_index (combos, Combo, i - 1) = g_array_index (combos, Combo, j);
      g_array_index (combos, Combo, j) = tmp;
    }
  if ((guint) n_combos < combos->len)
    g_array_set_size (combos, (guint) n_combos);

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) prefix = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < combos->len; i++)
        {
          Combo *c = &g_array_index (combos, Combo, i);
          TdPriceSuggestion s;
          g_autofree char *typed = g_strndup (c->brand, MAX (1, strlen (c->brand) / 2));
          gint64 start;
          double ms;

          start = g_get_monotonic_time ();
          if (!td_store_pricing_suggest (db, c->category_id, c->brand, c->grade_id,
                                         TD_PRICE_ROUNDING_NINETY_NINE, &s, &error))
            g_error ("suggest: %s", error->message);
          ms = (g_get_monotonic_time () - start) / 1e3;
          g_array_append_val (full, ms);
          if (pass == 0)
            {
              levels[s.level]++;
              comparables += s.count;
            }

          if (*c->brand == '\0')
            continue;
          start = g_get_monotonic_time ();
          if (!td_store_pricing_suggest (db, c->category_id, typed, c->grade_id,
                                         TD_PRICE_ROUNDING_NINETY_NINE, &s, &error))
            g_error ("suggest: %s", error->message);
          ms = (g_get_monotonic_time () - start) / 1e3;
          g_array_append_val (prefix, ms);
        }

      report (pass == 0 ? "suggest, full brand, cold" : "suggest, full brand, warm", full);
      report (pass == 0 ? "suggest, brand prefix, cold" : "suggest, brand prefix, warm", prefix);
    }
  g_print ("levels (full brand): brand+grade %u, category+grade %u, category %u, none %u; "
           "mean comparables %.0f\n",
           levels[TD_PRICE_LEVEL_BRAND_GRADE], levels[TD_PRICE_LEVEL_CATEGORY_GRADE],
           levels[TD_PRICE_LEVEL_CATEGORY], levels[TD_PRICE_LEVEL_NONE],
           (double) comparables / MAX (combos->len, 1));

  /* Effective prices: the rules once, then every available item (marketplace repricing). */
  {
    g_auto(TdPricingRules) rules = { 0 };
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GArray) facts = g_array_new (FALSE, FALSE, sizeof (TdPricingItem));
    g_autoptr(GStringChunk) colours = g_string_chunk_new (256);
    gint64 sum = 0;

    t0 = g_get_monotonic_time ();
    if (!td_store_pricing_load_rules (db, &rules, &error))
      g_error ("rules: %s", error->message);
    g_print ("rules loaded in %.2f ms (%u markdowns, %u closures, %u promotions, %u categories)\n",
             (g_get_monotonic_time () - t0) / 1e3, rules.markdowns->len, rules.closures->len,
             rules.promotions->len, rules.categories->len);
    if (rules.markdowns->len == 0)
      {
        TdMarkdownRule m30 = { 0, 0, 30, 2500, TRUE }, m60 = { 0, 0, 60, 5000, TRUE };

        g_array_append_val (rules.markdowns, m30);
        g_array_append_val (rules.markdowns, m60);
      }

    sqlite3_prepare_v2 (td_database_get_handle (db),
                        "SELECT price, min_price, ifnull (category_id, 0), intake_at, tag_colour "
                        "FROM item WHERE status = 'available'", -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        TdPricingItem item = {
          sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
          sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
          sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL
            : g_string_chunk_insert_const (colours, (const char *) sqlite3_column_text (stmt, 4)),
        };

        g_array_append_val (facts, item);
      }
    sqlite3_finalize (stmt);

    t0 = g_get_monotonic_time ();
    for (guint i = 0; i < facts->len; i++)
      sum += td_pricing_effective_price (&g_array_index (facts, TdPricingItem, i), &rules, now,
                                         NULL);
    g_print ("effective price of %u available items: %.1f ms (%.2f us each; total %" G_GINT64_FORMAT ")\n",
             facts->len, (g_get_monotonic_time () - t0) / 1e3,
             (g_get_monotonic_time () - t0) / (double) MAX (facts->len, 1), sum);
  }

  for (guint i = 0; i < combos->len; i++)
    g_free (g_array_index (combos, Combo, i).brand);
  return 0;
}
