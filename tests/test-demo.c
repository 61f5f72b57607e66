/* test-demo.c — the deterministic demo-shop generator.
 *
 * Set TD_DEMO_BENCH_ITEMS=N to add /td/demo/bench, which builds one demo of N items and
 * prints the time and size (not part of the suite: run the binary by hand).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "td-database-private.h"
#include "td-demo.h"
#include "td-search-text.h"
#include "td-test.h"

/* Wednesday 12 June 2024, 13:46:40 UTC. */
#define NOW_US G_GINT64_CONSTANT (1718200000000000)

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = td_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "shop.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  td_test_rmdir_recursive (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
shop_path (Fixture    *fixture,
           const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
small_options (TdDemoOptions *options,
               guint          items)
{
  td_demo_options_init (options);
  options->items = items;
  options->now_us = NOW_US;
}

static void
generate_ok (const char          *path,
             const TdDemoOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_demo_generate (path, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static TdDatabase *
open_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  TdDatabase *db = td_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static gint64
query_int (TdDatabase *db,
           const char *sql)
{
  sqlite3 *handle = td_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

#define assert_zero(db, sql)                                                \
  G_STMT_START {                                                            \
    gint64 _n = query_int ((db), (sql));                                    \
    if (_n != 0)                                                            \
      g_error ("%s: %" G_GINT64_FORMAT " offending rows", (sql), _n);       \
  } G_STMT_END

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A canonical dump of every real table, one digest per table ("name rows sha256\n"), rows in
 * a canonical order (sorted by their full text, which starts with the primary key). The
 * random shop identity settings are left out; everything else must match to the byte. */
static char *
dump_shop (const char *path)
{
  g_autoptr(TdDatabase) db = open_db (path);
  sqlite3 *handle = td_database_get_handle (db);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_stat%' "
                                       "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 20);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = tables->pdata[t];
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          if (g_str_equal (table, "setting") &&
              (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "shop.id") ||
               g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "shop.created_at")))
            {
              g_string_free (row, TRUE);
              continue;
            }
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              int type = sqlite3_column_type (stmt, c);

              g_string_append_printf (row, "%d:", type);
              if (type == SQLITE_BLOB)
                {
                  const guchar *blob = sqlite3_column_blob (stmt, c);

                  for (int i = 0; i < sqlite3_column_bytes (stmt, c); i++)
                    g_string_append_printf (row, "%02x", blob[i]);
                }
              else if (type != SQLITE_NULL)
                g_string_append (row, (const char *) sqlite3_column_text (stmt, c));
              g_string_append_c (row, '\x1f');
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);

      g_ptr_array_sort (rows, compare_rows);
      for (guint r = 0; r < rows->len; r++)
        g_checksum_update (sum, (const guchar *) rows->pdata[r], -1);
      g_string_append_printf (out, "%s %u %s\n", table, rows->len, g_checksum_get_string (sum));
    }

  /* The schema itself, to the byte (the demo sets a trigger aside while it works). */
  {
    g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

    g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                         "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || "
                                         "ifnull (sql, '') FROM sqlite_schema "
                                         "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_checksum_update (sum, sqlite3_column_text (stmt, 0), -1);
    sqlite3_finalize (stmt);
    g_string_append_printf (out, "schema %s\n", g_checksum_get_string (sum));
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The digest line of one table in a dump. */
static char *
dump_line (const char *dump,
           const char *table)
{
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  g_autofree char *prefix = g_strconcat (table, " ", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  g_assert_not_reached ();
}

static gint64
window_start_us (const TdDemoOptions *options)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (options->now_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) start = g_date_time_add_months (local, -(int) options->months);

  return g_date_time_to_unix (start) * G_USEC_PER_SEC + options->now_us % G_USEC_PER_SEC;
}

/* Every rule a report will rely on. */
static void
check_invariants (const char          *path,
                  const TdDemoOptions *options)
{
  g_autoptr(TdDatabase) db = open_db (path);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  sqlite3 *handle = td_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gint64 n_sales, ws = window_start_us (options);
  g_autofree char *sql = NULL;

  /* Counts. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item"), ==, options->items);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consignor"), ==,
                   MIN (options->consignors, MAX (options->items / 20, 1)));
  assert_zero (db, "SELECT count(*) FROM item WHERE status NOT IN "
                   "('available', 'sold', 'returned', 'donated')");

  /* Items: intake order, SKUs, shop stock, expiry, intake sessions. */
  assert_zero (db, "SELECT count(*) - count(DISTINCT sku) FROM item");
  assert_zero (db, "SELECT count(*) FROM item a JOIN item b ON b.id = a.id + 1 "
                   "WHERE b.intake_at < a.intake_at");
  assert_zero (db, "SELECT count(*) FROM item i LEFT JOIN consignor c ON c.id = i.consignor_id "
                   "WHERE CASE WHEN i.consignor_id IS NULL "
                   "  THEN NOT ((i.acquisition = 'bought' AND i.sku GLOB 'B-[0-9]*') "
                   "         OR (i.acquisition = 'donated' AND i.sku GLOB 'D-[0-9]*')) "
                   "    OR i.share_bp IS NOT NULL OR i.expires_at IS NOT NULL OR i.cost IS NULL "
                   "  ELSE i.acquisition != 'consigned' OR i.sku NOT LIKE c.code || '-%' "
                   "    OR i.share_bp != ifnull (c.share_bp, 5000) OR i.cost IS NOT NULL "
                   "    OR i.expires_at != i.intake_at + "
                   "       ifnull (c.period_days, 60) * 86400000000 END");
  assert_zero (db, "SELECT count(*) FROM item i LEFT JOIN intake k ON k.id = i.intake_id "
                   "WHERE k.id IS NULL OR k.consignor_id IS NOT i.consignor_id "
                   "OR k.acquisition != i.acquisition OR i.intake_at < k.started_at "
                   "OR i.intake_at > k.finished_at");
  assert_zero (db, "SELECT count(*) FROM item i JOIN consignor c ON c.id = i.consignor_id "
                   "WHERE c.created_at > i.intake_at");
  assert_zero (db, "SELECT count(*) FROM item WHERE price <= 0 OR min_price > price "
                   "OR category_id IS NULL OR grade_id IS NULL OR NOT json_valid (defects)");
  assert_zero (db, "SELECT count(*) FROM item WHERE status IN ('returned', 'donated') "
                   "AND (consignor_id IS NULL OR updated_at < expires_at)");

  /* SKU counters carry on after the demo: one per prefix in use, at its highest number. */
  assert_zero (db, "WITH used AS (SELECT CASE WHEN consignor_id IS NULL THEN substr (sku, 1, 1) "
                   "  ELSE (SELECT code FROM consignor c WHERE c.id = consignor_id) END AS prefix, "
                   "  max (CAST (substr (sku, instr (sku, '-') + 1) AS INTEGER)) AS last, "
                   "  count(*) AS n FROM item GROUP BY 1) "
                   "SELECT (SELECT count(*) FROM used u LEFT JOIN sku_sequence q USING (prefix) "
                   "        WHERE q.last IS NOT u.last OR u.n != u.last) + "
                   "       (SELECT count(*) FROM sku_sequence WHERE prefix NOT IN "
                   "        (SELECT prefix FROM used))");

  /* Sold items: exactly one line each, and the line's facts are the item's. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sale_line"), ==,
                   query_int (db, "SELECT count(*) FROM item WHERE status = 'sold'"));
  assert_zero (db, "SELECT count(*) FROM item i WHERE status = 'sold' AND "
                   "(SELECT count(*) FROM sale_line l WHERE l.item_id = i.id) != 1");
  assert_zero (db, "SELECT count(*) FROM sale_line l JOIN item i ON i.id = l.item_id "
                   "WHERE i.status != 'sold' OR i.sold_at != l.sold_at OR l.title != i.title "
                   "OR l.sku != i.sku OR l.category_id != i.category_id "
                   "OR l.grade_id != i.grade_id OR l.consignor_id IS NOT i.consignor_id "
                   "OR l.list_price != i.price OR l.share_bp != ifnull (i.share_bp, 0) "
                   "OR i.intake_at >= l.sold_at OR l.price < i.min_price");

  /* Lines: the split never loses or invents a cent. */
  assert_zero (db, "SELECT count(*) FROM sale_line WHERE price != list_price - discount "
                   "OR discount < 0 OR consignor_share < 0 OR consignor_share > price "
                   "OR abs (consignor_share * 10000 - price * share_bp) > 5000 "
                   "OR (consignor_id IS NULL AND consignor_share != 0) "
                   "OR consignor_share + (price - consignor_share) != price OR tax != 0");

  /* Sales: totals are the sum of their lines; one payment that settles the total. */
  assert_zero (db, "SELECT count(*) FROM sale s JOIN (SELECT sale_id, count(*) AS n, "
                   "  sum(list_price) AS sub, sum(discount) AS disc, sum(price) AS tot, "
                   "  min(sold_at) AS t0, max(sold_at) AS t1, min(sold_day) AS d0, "
                   "  max(sold_day) AS d1 FROM sale_line GROUP BY sale_id) l ON l.sale_id = s.id "
                   "WHERE l.n > 4 OR s.subtotal != l.sub OR s.discount != l.disc "
                   "OR s.total != l.tot OR s.total != s.subtotal - s.discount + s.tax + s.rounding "
                   "OR l.t0 != s.created_at OR l.t1 != s.created_at "
                   "OR l.d0 != s.sold_day OR l.d1 != s.sold_day");
  assert_zero (db, "SELECT count(*) FROM sale s WHERE NOT EXISTS "
                   "(SELECT 1 FROM sale_line l WHERE l.sale_id = s.id)");
  assert_zero (db, "SELECT count(*) FROM sale s WHERE "
                   "(SELECT count(*) FROM payment p WHERE p.sale_id = s.id) != 1 OR "
                   "(SELECT sum(amount - change) FROM payment p WHERE p.sale_id = s.id) "
                   "!= s.total");
  assert_zero (db, "SELECT count(*) FROM payment WHERE amount < 0 OR change < 0 "
                   "OR (tender = 'card' AND change != 0)");

  /* Receipts: exactly 1…n on register main, in time order. */
  n_sales = query_int (db, "SELECT count(*) FROM sale");
  g_assert_cmpint (n_sales, >, 0);
  g_assert_cmpint (query_int (db, "SELECT min(receipt_no) FROM sale"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT max(receipt_no) FROM sale"), ==, n_sales);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT receipt_no) FROM sale "
                                  "WHERE register_id = 'main'"), ==, n_sales);
  assert_zero (db, "SELECT count(*) FROM sale a JOIN sale b ON b.receipt_no = a.receipt_no + 1 "
                   "WHERE b.created_at < a.created_at OR b.id != a.id + 1");

  /* Sale times: inside the window, in opening hours, on their local business day. */
  g_assert_cmpint (query_int (db, "SELECT min(sold_at) FROM sale_line"), >=, ws);
  g_assert_cmpint (query_int (db, "SELECT max(sold_at) FROM sale_line"), <=, options->now_us);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT sold_at, sold_day FROM sale_line", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      int day = g_date_time_get_year (local) * 10000 + g_date_time_get_month (local) * 100 +
                g_date_time_get_day_of_month (local);

      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, day);
      g_assert_cmpint (g_date_time_get_hour (local), >=, 10);
      g_assert_cmpint (g_date_time_get_hour (local), <, 18);
      g_assert_cmpint (g_date_time_get_day_of_week (local), !=, 7);
    }
  sqlite3_finalize (stmt);

  /* Ledger: one sale credit per consigned line, equal to its share; balances never < 0. */
  assert_zero (db, "SELECT count(*) FROM sale_line l WHERE l.consignor_id IS NOT NULL AND "
                   "l.consignor_share > 0 AND (SELECT count(*) FROM ledger g WHERE g.sale_line_id = l.id AND g.kind = 'sale' "
                   " AND g.amount = l.consignor_share AND g.consignor_id = l.consignor_id "
                   " AND g.created_at = l.sold_at) != 1");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM ledger WHERE kind = 'sale'"), ==,
                   query_int (db, "SELECT count(*) FROM sale_line WHERE consignor_id IS NOT NULL "
                                  "AND consignor_share > 0"));
  assert_zero (db, "SELECT count(*) FROM ledger WHERE kind = 'sale' AND amount <= 0");
  g_assert_cmpint (query_int (db, "SELECT ifnull (sum(amount), 0) FROM ledger WHERE kind = 'sale'"),
                   ==, query_int (db, "SELECT ifnull (sum(consignor_share), 0) FROM sale_line "
                                      "WHERE consignor_id IS NOT NULL"));
  assert_zero (db, "SELECT count(*) FROM (SELECT sum(amount) OVER (PARTITION BY consignor_id "
                   "ORDER BY created_at, id) AS balance FROM ledger) WHERE balance < 0");
  assert_zero (db, "SELECT count(*) FROM ledger WHERE kind NOT IN ('sale', 'payout')");
  assert_zero (db, "SELECT count(*) FROM payout p WHERE (SELECT count(*) FROM ledger g "
                   "WHERE g.payout_id = p.id AND g.kind = 'payout' AND g.amount = -p.amount "
                   "AND g.consignor_id = p.consignor_id AND g.created_at = p.created_at) != 1");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM ledger WHERE kind = 'payout'"), ==,
                   query_int (db, "SELECT count(*) FROM payout"));
  sql = g_strdup_printf ("SELECT count(*) FROM payout WHERE created_at > %" G_GINT64_FORMAT
                         " OR created_at < %" G_GINT64_FORMAT, options->now_us, ws);
  assert_zero (db, sql);

  /* Audit: one row per sale and per payout. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE action = 'sale.completed'"),
                   ==, n_sales);

  /* Search: every search_text is td_search_text_build()'s, and FTS finds items by a word. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT i.id, i.title, i.brand, i.sku, ifnull (c.code, ''), "
                                       "i.size, i.colour, i.search_text FROM item i "
                                       "LEFT JOIN consignor c ON c.id = i.consignor_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *fields[7] = { 0 };
      g_autofree char *expected = NULL;

      for (int i = 0; i < 6; i++)
        fields[i] = (const char *) sqlite3_column_text (stmt, i + 1);
      expected = td_search_text_build (fields);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, expected);
    }
  sqlite3_finalize (stmt);

  for (guint k = 0; k < 3; k++)
    {
      gint64 id = k == 0 ? 1 : k == 1 ? options->items / 2 : options->items;
      g_autofree char *title_sql = g_strdup_printf ("SELECT title FROM item WHERE id = %"
                                                    G_GINT64_FORMAT, id);
      g_autofree char *title = NULL;
      g_auto(GStrv) words = NULL;
      const char *word = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, title_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      title = g_utf8_strdown ((const char *) sqlite3_column_text (stmt, 0), -1);
      sqlite3_finalize (stmt);

      words = g_strsplit (title, " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        {
          gboolean plain = strlen (words[w]) >= 3;

          for (const char *p = words[w]; *p != '\0'; p++)
            plain = plain && g_ascii_isalpha (*p);
          if (plain && (word == NULL || strlen (words[w]) > strlen (word)))
            word = words[w];
        }
      g_assert_nonnull (word);

      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT count(*) FROM item_fts WHERE item_fts MATCH '\"%s\"' "
                             "AND rowid = %" G_GINT64_FORMAT, word, id);
      g_assert_cmpint (query_int (db, sql), ==, 1);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT count(*) FROM item_fts WHERE item_fts MATCH '\"%.3s\"*' "
                             "AND rowid = %" G_GINT64_FORMAT, word, id);
      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
}

/* The search index is whole and the shop still indexes what it takes in next. */
static void
check_search_index (const char *path,
                    const char *fresh_path)
{
  g_autoptr(TdDatabase) db = open_db (path);
  sqlite3 *handle = td_database_get_handle (db);
  g_autofree char *schema = NULL, *fresh_schema = NULL;

  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO item_fts (item_fts, rank) "
                                         "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item_fts"), ==,
                   query_int (db, "SELECT count(*) FROM item"));

  {
    g_autoptr(TdDatabase) fresh = open_db (fresh_path);
    g_autofree char *dump = NULL;
    g_autofree char *fresh_dump = NULL;

    g_clear_object (&fresh);
    dump = dump_shop (path);
    fresh_dump = dump_shop (fresh_path);
    schema = dump_line (dump, "schema");
    fresh_schema = dump_line (fresh_dump, "schema");
    g_assert_cmpstr (schema, ==, fresh_schema);
  }

  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO item (sku, title, price, search_text, intake_at, "
                                 "updated_at) VALUES ('NEW-1', 'Zebrafish lamp', 500, "
                                 "'zebrafish lamp new1', 1, 1)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item_fts WHERE item_fts MATCH 'zebrafish' "
                                  "AND rowid = (SELECT id FROM item WHERE sku = 'NEW-1')"), ==, 1);
}

/* Tests ------------------------------------------------------------------------------- */

static void
test_options (void)
{
  TdDemoOptions options;

  memset (&options, 0xff, sizeof options);
  td_demo_options_init (&options);
  g_assert_cmpuint (options.items, ==, 5000);
  g_assert_cmpuint (options.consignors, ==, 60);
  g_assert_cmpuint (options.months, ==, 12);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_cmpint (options.now_us, ==, 0);
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *a = shop_path (fixture, "a.db");
  g_autofree char *b = shop_path (fixture, "b.db");
  g_autofree char *c = shop_path (fixture, "c.db");
  g_autofree char *dump_a = NULL, *dump_b = NULL, *dump_c = NULL;
  g_auto(GStrv) lines_a = NULL, lines_b = NULL;
  TdDemoOptions options;

  small_options (&options, 400);
  options.seed = 7;
  generate_ok (a, &options);
  generate_ok (b, &options);
  options.seed = 8;
  generate_ok (c, &options);

  dump_a = dump_shop (a);
  dump_b = dump_shop (b);
  dump_c = dump_shop (c);

  /* Table by table, so a failure names the table. */
  lines_a = g_strsplit (dump_a, "\n", -1);
  lines_b = g_strsplit (dump_b, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines_a), ==, g_strv_length (lines_b));
  for (guint i = 0; lines_a[i] != NULL; i++)
    g_assert_cmpstr (lines_a[i], ==, lines_b[i]);

  {
    g_autofree char *item_a = dump_line (dump_a, "item");
    g_autofree char *item_c = dump_line (dump_c, "item");
    g_autofree char *sale_a = dump_line (dump_a, "sale");
    g_autofree char *sale_c = dump_line (dump_c, "sale");
    g_autofree char *grade_a = dump_line (dump_a, "grade");
    g_autofree char *grade_c = dump_line (dump_c, "grade");

    g_assert_cmpstr (item_a, !=, item_c);
    g_assert_cmpstr (sale_a, !=, sale_c);
    g_assert_cmpstr (grade_a, ==, grade_c);
  }
}

static void
test_invariants (Fixture       *fixture,
                 gconstpointer  data)
{
  TdDemoOptions options;
  g_autofree char *fresh = shop_path (fixture, "fresh.db");

  small_options (&options, 600);
  options.seed = 3;
  generate_ok (fixture->path, &options);
  check_invariants (fixture->path, &options);
  check_search_index (fixture->path, fresh);
}

/* Other reference times: DST, a Sunday night, a mid-opening-hours now, a long history. */
static void
test_invariants_times (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct { gint64 now_us; guint months; } cases[] = {
    { G_GINT64_CONSTANT (1711846800000000), 1 },   /* Sun 31 March 2024 01:00 UTC (DST night) */
    { G_GINT64_CONSTANT (1704067200000000), 3 },   /* 1 January 2024 00:00 UTC */
    { G_GINT64_CONSTANT (1730196000000000), 24 },  /* Tue 29 October 2024 10:00 UTC */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("shop-%u.db", i);
      g_autofree char *path = shop_path (fixture, name);
      TdDemoOptions options;

      small_options (&options, 300);
      options.now_us = cases[i].now_us;
      options.months = cases[i].months;
      generate_ok (path, &options);
      check_invariants (path, &options);
    }
}

/* Hundreds of items a day: baskets often gather items taken in earlier the same day. */
static void
test_dense (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TdDatabase) db = NULL;
  TdDemoOptions options;

  small_options (&options, 20000);
  options.months = 1;
  options.seed = 11;
  generate_ok (fixture->path, &options);
  check_invariants (fixture->path, &options);

  db = open_db (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sale_line l JOIN item i ON i.id = l.item_id "
                                  "WHERE i.intake_at > l.sold_at - 8 * 3600000000"), >, 0);

  /* Its sales were never a counter screen's to show: each register's last one counts as seen,
   * or the Sell page greeted a demo made in the app with "Last sale … never showed". */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sale"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM "
                                  "(SELECT register_id, max (id) AS last FROM sale "
                                  " GROUP BY register_id) r "
                                  "LEFT JOIN setting s "
                                  "  ON s.key = 'counter.' || r.register_id || '.acknowledged_sale' "
                                  "WHERE s.value IS NULL OR CAST (s.value AS INTEGER) <> r.last"),
                   ==, 0);
}

static void
test_default_size (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TdDatabase) db = NULL;
  TdDemoOptions options;
  gint64 sold, shop_stock;

  small_options (&options, TD_DEMO_DEFAULT_ITEMS);
  generate_ok (fixture->path, &options);
  check_invariants (fixture->path, &options);
  {
    g_autofree char *fresh = shop_path (fixture, "fresh.db");

    check_search_index (fixture->path, fresh);
  }

  db = open_db (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consignor"), ==, 60);
  sold = query_int (db, "SELECT count(*) FROM item WHERE status = 'sold'");
  g_test_message ("sold %" G_GINT64_FORMAT " of %u", sold, options.items);
  g_assert_cmpint (sold, >=, options.items * 40 / 100);
  g_assert_cmpint (sold, <=, options.items * 60 / 100);

  /* A realistic mix, not one kind of everything. */
  shop_stock = query_int (db, "SELECT count(*) FROM item WHERE consignor_id IS NULL");
  g_assert_cmpint (shop_stock, >, options.items / 20);
  g_assert_cmpint (shop_stock, <, options.items / 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item WHERE acquisition = 'bought'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item WHERE acquisition = 'donated'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT category_id) FROM item"), >=, 12);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT grade_id) FROM item"), ==, 7);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT share_bp) FROM item"), >=, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consignor WHERE share_bp IS NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item WHERE defects != '[]'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item WHERE status IN "
                                  "('returned', 'donated')"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM payout"), >, 10);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sale_line WHERE discount > 0"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM payment WHERE tender = 'cash' "
                                  "AND change > 0"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM payment WHERE tender = 'card'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT max(n) FROM (SELECT count(*) AS n FROM sale_line "
                                  "GROUP BY sale_id)"), ==, 4);
  /* Books cost a few units, furniture tens to hundreds (currency with 2 digits or more). */
  g_assert_cmpint (query_int (db, "SELECT max(price) < min(price) * 20 FROM item i JOIN category c "
                                  "ON c.id = i.category_id WHERE c.code = 'books' "
                                  "AND i.grade_id = (SELECT id FROM grade WHERE code = 'GOOD')"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT avg(i.price) > 10 * (SELECT avg(price) FROM item j "
                                  "JOIN category d ON d.id = j.category_id WHERE d.code = 'books') "
                                  "FROM item i JOIN category c ON c.id = i.category_id "
                                  "WHERE c.code = 'furniture'"), ==, 1);
}

static void
test_consignor_scaling (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *tiny = shop_path (fixture, "tiny.db");
  g_autofree char *charity = shop_path (fixture, "charity.db");
  g_autoptr(TdDatabase) db = NULL;
  TdDemoOptions options;

  small_options (&options, 1);
  generate_ok (tiny, &options);
  db = open_db (tiny);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consignor"), ==, 1);
  g_clear_object (&db);

  small_options (&options, 200);
  options.consignors = 0;
  generate_ok (charity, &options);
  check_invariants (charity, &options);
  db = open_db (charity);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item WHERE consignor_id IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM ledger"), ==, 0);
}

static void
test_refuses_non_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  TdDemoOptions options;

  /* A shop with one consignor and nothing else. */
  {
    g_autoptr(TdDatabase) db = open_db (fixture->path);

    g_assert_true (td_database_exec (db, "INSERT INTO consignor (code, name, created_at) "
                                         "VALUES ('ZZ01', 'Zed Zed', 1)", NULL));
  }
  before = dump_shop (fixture->path);

  small_options (&options, 100);
  g_assert_false (td_demo_generate (fixture->path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, TD_DEMO_ERROR, TD_DEMO_ERROR_NOT_EMPTY);
  g_assert_cmpstr (error->message, ==,
                   "This shop already has records; a demo shop needs an empty one.");

  after = dump_shop (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses_second_demo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  TdDemoOptions options;

  small_options (&options, 100);
  generate_ok (fixture->path, &options);
  before = dump_shop (fixture->path);

  g_assert_false (td_demo_generate (fixture->path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, TD_DEMO_ERROR, TD_DEMO_ERROR_NOT_EMPTY);
  after = dump_shop (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  GArray       *fractions;
  GThread      *thread;
  gboolean      finished;
  gboolean      progress_after_finish;
  gboolean      ok;
  GError       *error;
} ProgressLog;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
  if (log->thread != NULL)
    g_assert_true (g_thread_self () == log->thread);
  if (log->finished)
    log->progress_after_finish = TRUE;
  if (log->cancellable != NULL && fraction >= log->cancel_at)
    g_cancellable_cancel (log->cancellable);
}

static void
assert_progress_sane (GArray *fractions)
{
  g_assert_cmpuint (fractions->len, >, 10);
  g_assert_cmpuint (fractions->len, <=, 100);
  for (guint i = 0; i < fractions->len; i++)
    {
      double f = g_array_index (fractions, double, i);

      g_assert_cmpfloat (f, >, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (f, >, g_array_index (fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  ProgressLog log = { 0 };
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;

  log.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  log.thread = g_thread_self ();
  small_options (&options, 3000);
  g_assert_true (td_demo_generate (fixture->path, &options, progress_cb, &log, NULL, &error));
  g_assert_no_error (error);
  assert_progress_sane (log.fractions);
  g_array_unref (log.fractions);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  ProgressLog log = { 0 };
  TdDemoOptions options;

  { g_autoptr(TdDatabase) db = open_db (fixture->path); }
  before = dump_shop (fixture->path);

  log.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  log.cancellable = cancellable;
  log.cancel_at = 0.5;
  small_options (&options, 1000);
  g_assert_false (td_demo_generate (fixture->path, &options, progress_cb, &log, cancellable,
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (g_array_index (log.fractions, double, log.fractions->len - 1), <, 1.0);
  g_array_unref (log.fractions);

  /* Rolled back: the shop is exactly as before, no consignors, items, sales, ledger, audit. */
  after = dump_shop (fixture->path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr(TdDatabase) db = open_db (fixture->path);

    g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM consignor) + "
                                    "(SELECT count(*) FROM item) + (SELECT count(*) FROM sale) + "
                                    "(SELECT count(*) FROM ledger) + "
                                    "(SELECT count(*) FROM audit) + "
                                    "(SELECT count(*) FROM staff) + (SELECT count(*) FROM intake)"),
                     ==, 0);
  }

  /* Cancelled before it starts: nothing at all. */
  g_clear_error (&error);
  g_assert_false (td_demo_generate (fixture->path, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
generated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ProgressLog *log = user_data;

  g_assert_null (source);
  log->ok = td_demo_generate_finish (result, &log->error);
  log->finished = TRUE;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  ProgressLog log = { 0 };
  g_autoptr(TdDatabase) db = NULL;
  TdDemoOptions options;

  log.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  log.thread = g_thread_self ();
  small_options (&options, 2000);
  td_demo_generate_async (fixture->path, &options, progress_cb, &log, NULL, generated_cb, &log);
  while (!log.finished)
    g_main_context_iteration (NULL, TRUE);
  /* Let any stray progress source run, to prove none comes after the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (log.error);
  g_assert_true (log.ok);
  g_assert_false (log.progress_after_finish);
  assert_progress_sane (log.fractions);
  g_array_unref (log.fractions);

  db = open_db (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item"), ==, 2000);
}

static void
test_async_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TdDatabase) db = NULL;
  ProgressLog log = { 0 };
  TdDemoOptions options;

  log.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  log.thread = g_thread_self ();
  log.cancellable = cancellable;
  log.cancel_at = 0.2;
  small_options (&options, 5000);
  td_demo_generate_async (fixture->path, &options, progress_cb, &log, cancellable, generated_cb,
                          &log);
  while (!log.finished)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (log.ok);
  g_assert_error (log.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&log.error);
  g_array_unref (log.fractions);

  db = open_db (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM consignor) + "
                                  "(SELECT count(*) FROM item) + (SELECT count(*) FROM sale) + "
                                  "(SELECT count(*) FROM ledger)"), ==, 0);
}

/* A cancel that comes after the commit changes nothing: the demo was written, and the
 * result says so. */
static void
test_async_cancel_late (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TdDatabase) db = NULL;
  ProgressLog log = { 0 };
  TdDemoOptions options;

  log.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  log.thread = g_thread_self ();
  log.cancellable = cancellable;
  log.cancel_at = 1.0;
  small_options (&options, 300);
  td_demo_generate_async (fixture->path, &options, progress_cb, &log, cancellable, generated_cb,
                          &log);
  while (!log.finished)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_no_error (log.error);
  g_assert_true (log.ok);
  g_array_unref (log.fractions);

  db = open_db (fixture->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item"), ==, 300);
}

/* Not in the suite: TD_DEMO_BENCH_ITEMS=1000000 ./test-demo -p /td/demo/bench */
static void
test_bench (Fixture       *fixture,
            gconstpointer  data)
{
  guint items = (guint) g_ascii_strtoull (g_getenv ("TD_DEMO_BENCH_ITEMS"), NULL, 10);
  const char *keep = g_getenv ("TD_DEMO_BENCH_PATH");
  g_autofree char *path = g_strdup (keep ? keep : fixture->path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(TdDatabase) db = NULL;
  TdDemoOptions options;
  GStatBuf st = { 0 }, st_wal = { 0 };

  td_demo_options_init (&options);
  options.items = items;
  options.now_us = NOW_US;
  generate_ok (path, &options);
  g_timer_stop (timer);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_stat (wal, &st_wal);

  db = open_db (path);
  g_printerr ("demo %u items: %.1f s, database %.1f MB (+ WAL %.1f MB); "
              "%" G_GINT64_FORMAT " sales, %" G_GINT64_FORMAT " lines, %" G_GINT64_FORMAT
              " sold, %" G_GINT64_FORMAT " consignors, %" G_GINT64_FORMAT " payouts\n",
              items, g_timer_elapsed (timer, NULL), st.st_size / 1e6, st_wal.st_size / 1e6,
              query_int (db, "SELECT count(*) FROM sale"),
              query_int (db, "SELECT count(*) FROM sale_line"),
              query_int (db, "SELECT count(*) FROM item WHERE status = 'sold'"),
              query_int (db, "SELECT count(*) FROM consignor"),
              query_int (db, "SELECT count(*) FROM payout"));
  if (g_getenv ("TD_DEMO_BENCH_CHECK") != NULL)
    check_invariants (path, &options);
}

int
main (int   argc,
      char *argv[])
{
  /* A zone with DST, so the local-day and opening-hour checks mean something. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/td/demo/options", test_options);
  ADD ("/td/demo/deterministic", test_deterministic);
  ADD ("/td/demo/invariants", test_invariants);
  ADD ("/td/demo/invariants-times", test_invariants_times);
  ADD ("/td/demo/dense", test_dense);
  ADD ("/td/demo/default-size", test_default_size);
  ADD ("/td/demo/consignor-scaling", test_consignor_scaling);
  ADD ("/td/demo/refuses-non-empty", test_refuses_non_empty);
  ADD ("/td/demo/refuses-second-demo", test_refuses_second_demo);
  ADD ("/td/demo/progress", test_progress);
  ADD ("/td/demo/cancel", test_cancel);
  ADD ("/td/demo/async", test_async);
  ADD ("/td/demo/async-cancel", test_async_cancel);
  ADD ("/td/demo/async-cancel-late", test_async_cancel_late);
  if (g_getenv ("TD_DEMO_BENCH_ITEMS") != NULL)
    ADD ("/td/demo/bench", test_bench);
#undef ADD

  return g_test_run ();
}
