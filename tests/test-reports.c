/* test-reports.c — the owner's desk: periods in local days, and report figures that
 * reconcile with the raw rows of a generated shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "td-csv.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-report.h"
#include "td-permission.h"
#include "td-store-payouts.h"
#include "td-store-reports.h"
#include "td-store.h"
#include "td-test.h"

/* Periods ------------------------------------------------------------------------------ */

static void
test_period_kinds (void)
{
  TdReportPeriod p, prev;

  /* Sunday 22 November 2026 */
  g_assert_true (td_report_period_init (&p, TD_PERIOD_TODAY, 20261122, 0, 0));
  g_assert_cmpint (p.first_day, ==, 20261122);
  td_report_period_previous (&p, &prev);
  g_assert_cmpint (prev.first_day, ==, 20261121);
  g_assert_cmpint (prev.last_day, ==, 20261121);

  g_assert_true (td_report_period_init (&p, TD_PERIOD_THIS_WEEK, 20261122, 0, 0));
  g_assert_cmpint (p.first_day, ==, 20261116);
  g_assert_cmpint (p.last_day, ==, 20261122);
  td_report_period_previous (&p, &prev);
  g_assert_cmpint (prev.first_day, ==, 20261109);
  g_assert_cmpint (prev.last_day, ==, 20261115);

  g_assert_true (td_report_period_init (&p, TD_PERIOD_THIS_MONTH, 20260331, 0, 0));
  g_assert_cmpint (p.first_day, ==, 20260301);
  td_report_period_previous (&p, &prev);
  g_assert_cmpint (prev.first_day, ==, 20260201);
  g_assert_cmpint (prev.last_day, ==, 20260228);   /* clamped */

  g_assert_true (td_report_period_init (&p, TD_PERIOD_LAST_MONTH, 20260115, 0, 0));
  g_assert_cmpint (p.first_day, ==, 20251201);
  g_assert_cmpint (p.last_day, ==, 20251231);
  td_report_period_previous (&p, &prev);
  g_assert_cmpint (prev.first_day, ==, 20251101);
  g_assert_cmpint (prev.last_day, ==, 20251130);

  g_assert_true (td_report_period_init (&p, TD_PERIOD_THIS_YEAR, 20240229, 0, 0));
  g_assert_cmpint (p.first_day, ==, 20240101);
  td_report_period_previous (&p, &prev);
  g_assert_cmpint (prev.first_day, ==, 20230101);
  g_assert_cmpint (prev.last_day, ==, 20230228);

  g_assert_true (td_report_period_init (&p, TD_PERIOD_CUSTOM, 0, 20261001, 20261010));
  g_assert_cmpint (td_report_period_n_days (&p), ==, 10);
  td_report_period_previous (&p, &prev);
  g_assert_cmpint (prev.first_day, ==, 20260921);
  g_assert_cmpint (prev.last_day, ==, 20260930);

  g_assert_false (td_report_period_init (&p, TD_PERIOD_CUSTOM, 0, 20261010, 20261001));
  g_assert_false (td_report_period_init (&p, TD_PERIOD_CUSTOM, 0, 20260230, 20260301));
  g_assert_false (td_report_period_init (&p, TD_PERIOD_TODAY, 20261332, 0, 0));
}

static void
test_period_dst (void)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GTimeZone) sydney = g_time_zone_new_identifier ("Australia/Sydney");
  const gint64 hour = (gint64) 3600 * G_USEC_PER_SEC;
  TdReportPeriod p;
  gint64 start, end;

  g_assert_nonnull (london);
  g_assert_nonnull (sydney);

  /* Clocks go forward on 29 March 2026 in London, back on 25 October. */
  g_assert_cmpint (td_report_day_start (20260330, london) - td_report_day_start (20260329, london),
                   ==, 23 * hour);
  g_assert_cmpint (td_report_day_start (20261026, london) - td_report_day_start (20261025, london),
                   ==, 25 * hour);
  g_assert_cmpint (td_report_day_start (20260702, london) - td_report_day_start (20260701, london),
                   ==, 24 * hour);

  /* 23:59 local lands on its own day, 00:00 on the next, in summer time (UTC+1). */
  {
    gint64 midnight = td_report_day_start (20260702, london);

    g_assert_cmpint (td_report_day_of (midnight - 60 * G_USEC_PER_SEC, london), ==, 20260701);
    g_assert_cmpint (td_report_day_of (midnight, london), ==, 20260702);
    /* 23:30 UTC on 1 July is already 00:30 on 2 July in London */
    g_assert_cmpint (td_report_day_of (midnight + 30 * 60 * G_USEC_PER_SEC, london), ==, 20260702);
  }
  /* Sydney is ahead of UTC: 23:59 local on 1 July is 13:59 UTC the same day. */
  {
    gint64 midnight = td_report_day_start (20260702, sydney);

    g_assert_cmpint (td_report_day_of (midnight - 60 * G_USEC_PER_SEC, sydney), ==, 20260701);
    g_assert_cmpint (td_report_day_of (midnight, sydney), ==, 20260702);
  }

  /* A week over the autumn change is 7 × 24 + 1 hours long. */
  g_assert_true (td_report_period_init (&p, TD_PERIOD_CUSTOM, 0, 20261019, 20261025));
  td_report_period_bounds (&p, london, &start, &end);
  g_assert_cmpint (end - start, ==, (7 * 24 + 1) * hour);
  g_assert_cmpint (td_report_day_of (end - 1, london), ==, 20261025);
  g_assert_cmpint (td_report_day_of (end, london), ==, 20261026);
  g_assert_cmpint (td_report_day_of (start, london), ==, 20261019);
}

static void
test_period_buckets (void)
{
  TdReportPeriod p;

  g_assert_cmpint (td_report_day_bucket (20261122, TD_BUCKET_WEEK), ==, 20261116);
  g_assert_cmpint (td_report_day_bucket (20261116, TD_BUCKET_WEEK), ==, 20261116);
  g_assert_cmpint (td_report_day_bucket (20260101, TD_BUCKET_WEEK), ==, 20251229);
  g_assert_cmpint (td_report_day_bucket (20261122, TD_BUCKET_MONTH), ==, 20261101);
  g_assert_cmpint (td_report_bucket_next (20261228, TD_BUCKET_WEEK), ==, 20270104);
  g_assert_cmpint (td_report_bucket_next (20261201, TD_BUCKET_MONTH), ==, 20270101);
  g_assert_cmpint (td_report_bucket_next (20260228, TD_BUCKET_DAY), ==, 20260301);
  g_assert_true (td_report_period_init (&p, TD_PERIOD_THIS_MONTH, 20261122, 0, 0));
  g_assert_cmpint (td_report_period_bucket (&p), ==, TD_BUCKET_DAY);
  g_assert_true (td_report_period_init (&p, TD_PERIOD_THIS_YEAR, 20261122, 0, 0));
  g_assert_cmpint (td_report_period_bucket (&p), ==, TD_BUCKET_MONTH);
}

/* A generated shop ---------------------------------------------------------------------- */

typedef struct
{
  char           *dir;
  char           *path;
  TdDatabase     *db;
  TdReportPeriod  all;
  gint64          now_us;
} Shop;

static gint64
sql_int (TdDatabase *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void
sql_exec (TdDatabase *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* Refunds two consigned lines (with their ledger debits) and voids one whole sale. */
static void
add_refunds_and_void (Shop *shop)
{
  sql_exec (shop->db,
    "BEGIN;"
    "INSERT INTO refund (sale_id, refund_no, created_at, refund_day, total, tender) "
    "  SELECT sale_id, 1, sold_at + 3600000000, sold_day, price, 'cash' FROM sale_line "
    "  WHERE consignor_id IS NOT NULL AND consignor_share > 0 ORDER BY id DESC LIMIT 1;"
    "INSERT INTO refund_line (refund_id, sale_line_id, amount, tax, consignor_share) "
    "  SELECT last_insert_rowid (), id, price, tax, consignor_share FROM sale_line "
    "  WHERE consignor_id IS NOT NULL AND consignor_share > 0 ORDER BY id DESC LIMIT 1;"
    "INSERT INTO ledger (consignor_id, kind, amount, refund_line_id, created_at) "
    "  SELECT sl.consignor_id, 'refund', -rl.consignor_share, rl.id, r.created_at "
    "  FROM refund_line rl JOIN sale_line sl ON sl.id = rl.sale_line_id "
    "  JOIN refund r ON r.id = rl.refund_id;"
    "UPDATE sale SET status = 'voided' WHERE id = (SELECT min (id) FROM sale);"
    "COMMIT;");
}

static void
shop_setup (Shop          *shop,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;

  shop->dir = td_test_make_tmpdir ();
  shop->path = g_build_filename (shop->dir, "shop.db", NULL);
  td_demo_options_init (&options);
  options.items = 900;
  options.consignors = 12;
  options.months = 3;
  options.seed = 5;
  options.now_us = (gint64) 1795262400 * G_USEC_PER_SEC;   /* 20 Nov 2026 12:00 UTC */
  shop->now_us = options.now_us;
  g_assert_true (td_demo_generate (shop->path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  shop->db = td_database_open (shop->path, &error);
  g_assert_no_error (error);
  add_refunds_and_void (shop);
  g_assert_true (td_report_period_init (&shop->all, TD_PERIOD_CUSTOM, 0,
                                        (int) sql_int (shop->db, "SELECT min (sold_day) FROM sale"),
                                        (int) sql_int (shop->db, "SELECT max (sold_day) FROM sale")));
}

static void
shop_teardown (Shop          *shop,
               gconstpointer  data)
{
  g_clear_object (&shop->db);
  td_test_rmdir_recursive (shop->dir);
  g_free (shop->dir);
  g_free (shop->path);
}

static TdReport *
run (Shop                 *shop,
     TdReportKind          kind,
     const TdReportPeriod *period,
     const TdReportPeriod *compare)
{
  g_autoptr(GError) error = NULL;
  TdReport *report = td_store_reports_run (shop->db, kind, period, compare, shop->now_us, NULL,
                                           NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
cell (TdReport   *report,
      const char *table_id,
      guint       row,
      const char *column)
{
  TdReportTable *t = td_report_find_table (report, table_id);
  int c;

  g_assert_nonnull (t);
  c = td_report_table_find_column (t, column);
  g_assert_cmpint (c, >=, 0);
  g_assert_cmpuint (row, <, td_report_table_get_n_rows (t));
  return td_report_table_get_num (t, row, (guint) c);
}

static void
test_reconcile_summary (Shop          *shop,
                        gconstpointer  data)
{
  g_autoptr(TdReport) summary = run (shop, TD_REPORT_SUMMARY, &shop->all, NULL);
  g_autoptr(TdReport) over_time = run (shop, TD_REPORT_OVER_TIME, &shop->all, NULL);
  g_autoptr(TdReport) tax = run (shop, TD_REPORT_TAX, &shop->all, NULL);
  gint64 sales = sql_int (shop->db, "SELECT sum (total) FROM sale WHERE status = 'completed'");
  gint64 refunds = sql_int (shop->db, "SELECT sum (total) FROM refund");
  gint64 n = sql_int (shop->db, "SELECT count(*) FROM sale WHERE status = 'completed'");

  g_assert_cmpint (n, >, 100);
  g_assert_cmpint (refunds, >, 0);
  g_assert_cmpint (sql_int (shop->db, "SELECT count(*) FROM sale WHERE status = 'voided'"), ==, 1);
  g_assert_cmpint (cell (summary, "totals", 0, "sales"), ==, n);
  g_assert_cmpint (cell (summary, "totals", 0, "gross"), ==,
                   sql_int (shop->db, "SELECT sum (subtotal) FROM sale WHERE status = 'completed'"));
  g_assert_cmpint (cell (summary, "totals", 0, "discounts"), ==,
                   sql_int (shop->db, "SELECT sum (discount) FROM sale WHERE status = 'completed'"));
  g_assert_cmpint (cell (summary, "totals", 0, "refunds"), ==, refunds);
  g_assert_cmpint (cell (summary, "totals", 0, "net"), ==, sales - refunds);
  g_assert_cmpint (cell (summary, "totals", 0, "basket"), ==, (sales + n / 2) / n);
  /* every breakdown adds up to the sales */
  g_assert_cmpint (td_report_table_sum (td_report_find_table (summary, "tender"), "amount"), ==, sales);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (summary, "channel"), "amount"), ==, sales);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (summary, "staff"), "amount"), ==, sales);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (summary, "staff"), "sales"), ==, n);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (over_time, "buckets"), "amount"), ==, sales);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (over_time, "buckets"), "sales"), ==, n);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (tax, "rates"), "sales"), ==,
                   sql_int (shop->db, "SELECT sum (price) FROM sale_line WHERE sale_id IN "
                                      "(SELECT id FROM sale WHERE status = 'completed')"));
}

static void
test_reconcile_lines (Shop          *shop,
                      gconstpointer  data)
{
  g_autoptr(TdReport) cats = run (shop, TD_REPORT_CATEGORIES, &shop->all, NULL);
  g_autoptr(TdReport) cons = run (shop, TD_REPORT_CONSIGNORS, &shop->all, NULL);
  g_autoptr(TdReport) impact = run (shop, TD_REPORT_IMPACT, &shop->all, NULL);
  g_autoptr(TdReport) inventory = run (shop, TD_REPORT_INVENTORY, &shop->all, NULL);
  TdReportTable *t = td_report_find_table (cons, "consignors");
  gint64 lines = sql_int (shop->db, "SELECT count(*) FROM sale_line WHERE sale_id IN "
                                    "(SELECT id FROM sale WHERE status = 'completed')");
  gint64 revenue = sql_int (shop->db, "SELECT sum (price) FROM sale_line WHERE sale_id IN "
                                      "(SELECT id FROM sale WHERE status = 'completed')");
  gint64 consigned = sql_int (shop->db, "SELECT sum (price) FROM sale_line WHERE consignor_id "
                              "IS NOT NULL AND sale_id IN (SELECT id FROM sale WHERE status = 'completed')");

  g_assert_cmpint (td_report_table_sum (td_report_find_table (cats, "category"), "units"), ==, lines);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (cats, "category"), "revenue"), ==, revenue);
  g_assert_cmpint (td_report_table_sum (td_report_find_table (cats, "grade"), "revenue"), ==, revenue);
  g_assert_cmpint (cell (cats, "category", 0, "avg_days"), >, 0);

  /* shares: theirs + the shop's = sales, row by row and in total */
  for (guint r = 0; r < td_report_table_get_n_rows (t); r++)
    g_assert_cmpint (cell (cons, "consignors", r, "share") + cell (cons, "consignors", r, "shop_share"),
                     ==, cell (cons, "consignors", r, "sales"));
  g_assert_cmpint (td_report_table_sum (t, "sales"), ==, consigned);
  g_assert_cmpint (td_report_table_sum (t, "balance"), ==, sql_int (shop->db, "SELECT sum (amount) FROM ledger"));
  g_assert_cmpint (td_report_table_sum (t, "paid"), ==, sql_int (shop->db, "SELECT sum (amount) FROM payout"));
  g_assert_cmpint (td_report_table_sum (t, "refunded"), ==,
                   sql_int (shop->db, "SELECT sum (consignor_share) FROM refund_line"));

  /* the last row of impact is the total */
  {
    TdReportTable *it = td_report_find_table (impact, "impact");
    guint last = td_report_table_get_n_rows (it) - 1;

    g_assert_cmpint (cell (impact, "impact", last, "units"), ==, lines);
    g_assert_cmpint (cell (impact, "impact", last, "co2e"), >, 0);
  }
  g_assert_cmpint (td_report_table_sum (td_report_find_table (inventory, "age"), "items"), ==,
                   sql_int (shop->db, "SELECT count(*) FROM item WHERE status = 'available'"));
  g_assert_cmpint (td_report_table_sum (td_report_find_table (inventory, "age"), "ticket"), ==,
                   sql_int (shop->db, "SELECT sum (price) FROM item WHERE status = 'available'"));
}

/* The summaries the triggers keep agree with the raw rows, also after a void is undone. */
static void
test_summaries_follow_writes (Shop          *shop,
                              gconstpointer  data)
{
  const char *check =
    "SELECT (SELECT total (total) FROM report_sale_day) - "
    "       (SELECT total (total) FROM sale WHERE status = 'completed') + "
    "       (SELECT total (amount) FROM report_tender_day) - "
    "       (SELECT total (p.amount - p.change) FROM payment p JOIN sale s ON s.id = p.sale_id "
    "        WHERE s.status = 'completed') + "
    "       (SELECT total (price) FROM report_consignor_day) - "
    "       (SELECT total (price) FROM sale_line WHERE consignor_id IS NOT NULL AND sale_id IN "
    "        (SELECT id FROM sale WHERE status = 'completed')) + "
    "       (SELECT total (balance) FROM report_balance) - (SELECT total (amount) FROM ledger) + "
    "       (SELECT total (items) FROM report_intake_hour) - (SELECT count(*) FROM item) + "
    "       (SELECT total (price) FROM report_floor_day) - "
    "       (SELECT total (price) FROM item WHERE status = 'available') + "
    "       (SELECT total (items) FROM report_expiry_day) - "
    "       (SELECT count(*) FROM item WHERE status = 'available' AND expires_at IS NOT NULL)";
  gint64 before = sql_int (shop->db, "SELECT total (total) FROM report_sale_day");

  g_assert_cmpint (sql_int (shop->db, check), ==, 0);
  sql_exec (shop->db, "UPDATE sale SET status = 'completed' WHERE status = 'voided'");
  g_assert_cmpint (sql_int (shop->db, check), ==, 0);
  g_assert_cmpint (sql_int (shop->db, "SELECT total (total) FROM report_sale_day"), >, before);
  sql_exec (shop->db, "UPDATE sale SET status = 'voided' WHERE id = (SELECT max (id) FROM sale)");
  g_assert_cmpint (sql_int (shop->db, check), ==, 0);
  /* items change price, get sold, come back */
  sql_exec (shop->db, "UPDATE item SET price = price + 100 WHERE id % 7 = 0 AND status = 'available'");
  sql_exec (shop->db, "UPDATE item SET status = 'sold' WHERE id % 11 = 0 AND status = 'available'");
  sql_exec (shop->db, "UPDATE item SET status = 'available' WHERE id % 13 = 0 AND status = 'sold'");
  g_assert_cmpint (sql_int (shop->db, check), ==, 0);
}

static void
test_compare_and_periods (Shop          *shop,
                          gconstpointer  data)
{
  TdReportPeriod last, prev;
  g_autoptr(TdReport) report = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (td_report_period_init (&last, TD_PERIOD_LAST_MONTH, shop->all.last_day, 0, 0));
  td_report_period_previous (&last, &prev);
  report = run (shop, TD_REPORT_SUMMARY, &last, &prev);
  g_assert_cmpuint (td_report_table_get_n_rows (td_report_find_table (report, "totals")), ==, 2);
  sql = g_strdup_printf ("SELECT count(*) FROM sale WHERE status = 'completed' AND sold_day "
                         "BETWEEN %d AND %d", prev.first_day, prev.last_day);
  g_assert_cmpint (cell (report, "totals", 1, "sales"), ==, sql_int (shop->db, sql));
  g_assert_cmpint (cell (report, "totals", 1, "sales"), >, 0);
}

static void
test_csv_round_trip (Shop          *shop,
                     gconstpointer  data)
{
  g_autoptr(TdReport) report = run (shop, TD_REPORT_CONSIGNORS, &shop->all, NULL);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(TdCsvTable) parsed = NULL;
  g_autoptr(GError) error = NULL;
  TdReportTable *t = td_report_find_table (report, "consignors");
  const TdCurrency *eur = td_currency_lookup ("EUR");

  /* a title with a comma and a quote must survive */
  td_report_table_set_text (t, 0, 0, "Smith, \"Jo\" — café");
  td_report_write_csv (report, eur, csv);
  g_assert_true (g_str_has_suffix (csv->str, "\r\n"));
  /* A UTF-8 byte-order mark first, once: LibreOffice then reads UTF-8 (HACKING.md) */
  g_assert_true (g_str_has_prefix (csv->str, TD_CSV_BOM));
  g_assert_false (g_str_has_prefix (csv->str + 3, TD_CSV_BOM));
  g_assert_true (g_str_has_prefix (csv->str + 3, td_report_table_get_title (t)));
  parsed = td_csv_parse (csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_csv_table_get_n_rows (parsed), ==, 2 + td_report_table_get_n_rows (t));
  g_assert_cmpstr (td_csv_table_get_row (parsed, 0)[0], ==, td_report_table_get_title (t));
  g_assert_cmpstr (td_csv_table_get_row (parsed, 1)[3], ==, td_report_table_get_column_title (t, 3));
  g_assert_cmpstr (td_csv_table_get_row (parsed, 2)[0], ==, "Smith, \"Jo\" — café");
  for (guint r = 0; r < td_report_table_get_n_rows (t); r++)
    {
      const char * const *fields = td_csv_table_get_row (parsed, r + 2);
      gint64 sales = td_report_table_get_num (t, r, 2);
      g_autofree char *expect = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", sales / 100,
                                                 (int) (sales % 100));

      g_assert_cmpstr (fields[2], ==, expect);
      g_assert_cmpint (g_ascii_strtoll (fields[1], NULL, 10), ==, td_report_table_get_num (t, r, 1));
    }
}

static void
test_csv_cells (void)
{
  TdReportPeriod p;
  g_autoptr(TdReport) report = NULL;
  TdReportTable *t;
  g_autofree char *money = NULL, *neg = NULL, *day = NULL, *pct = NULL;
  guint r;

  td_report_period_init (&p, TD_PERIOD_TODAY, 20261122, 0, 0);
  report = td_report_new (TD_REPORT_TAX, &p, NULL);
  t = td_report_add_table (report, "t", "T");
  td_report_table_add_column (t, "m", "M", TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "d", "D", TD_REPORT_COLUMN_DAY);
  td_report_table_add_column (t, "p", "P", TD_REPORT_COLUMN_PERCENT);
  r = td_report_table_add_row (t);
  td_report_table_set_num (t, r, 0, 123456);
  td_report_table_set_num (t, r, 1, 20260305);
  td_report_table_set_num (t, r, 2, 2000);
  money = td_report_format_csv_cell (t, r, 0, td_currency_lookup ("EUR"));
  day = td_report_format_csv_cell (t, r, 1, NULL);
  pct = td_report_format_csv_cell (t, r, 2, NULL);
  g_assert_cmpstr (money, ==, "1234.56");
  g_assert_cmpstr (day, ==, "2026-03-05");
  g_assert_cmpstr (pct, ==, "20.00");
  td_report_table_set_num (t, r, 0, -5);
  neg = td_report_format_csv_cell (t, r, 0, td_currency_lookup ("EUR"));
  g_assert_cmpstr (neg, ==, "-0.05");
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async_and_cancel (Shop          *shop,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TdReport) report = NULL;
  TdReport *none;

  td_store_reports_run_async (shop->path, TD_REPORT_SUMMARY, &shop->all, NULL, shop->now_us, NULL,
                              async_done_cb, &result);
  g_cancellable_cancel (cancellable);
  td_store_reports_run_async (shop->path, TD_REPORT_CATEGORIES, &shop->all, NULL, shop->now_us,
                              cancellable, async_done_cb, &cancelled_result);
  while (result == NULL || cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = td_store_reports_run_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell (report, "totals", 0, "sales"), >, 0);
  none = td_store_reports_run_finish (cancelled_result, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_sale_impact (Shop          *shop,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *setting = NULL;
  gint64 sale = sql_int (shop->db, "SELECT sale_id FROM sale_line GROUP BY sale_id "
                                   "HAVING count(*) >= 2 LIMIT 1");
  gint64 co2e = 0, water = 0, expect = 0;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sale_line WHERE sale_id = %"
                                          G_GINT64_FORMAT, sale);
  gint64 lines = sql_int (shop->db, sql);

  g_assert_true (td_store_reports_sale_impact (shop->db, sale, &co2e, &water, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co2e, >, 0);
  g_assert_cmpint (water, >, 0);
  /* a shop's own factor wins over the file: set every category to 1 kg and 10 l */
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (td_database_get_handle (shop->db), "SELECT id FROM category", -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_assert_true (td_store_reports_set_factor (shop->db, sqlite3_column_int64 (stmt, 0), 1000, 10,
                                                  0, shop->now_us, &error));
    sqlite3_finalize (stmt);
    g_assert_no_error (error);
    g_assert_false (td_store_reports_set_factor (shop->db, 999999, 1, 1, 0, shop->now_us, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (sql_int (shop->db, "SELECT count(*) FROM audit WHERE action = "
                                        "'category.impact_factor'"), ==,
                     sql_int (shop->db, "SELECT count(*) FROM category"));
  }
  g_assert_true (td_store_reports_sale_impact (shop->db, sale, &co2e, &water, &error));
  expect = lines * 1000;
  g_assert_cmpint (co2e, ==, expect);
  g_assert_cmpint (water, ==, lines * 10);
  line = td_store_reports_format_impact_line (4200);
  g_assert_cmpstr (line, ==, "This purchase saved ≈ 4.2 kg CO2e (estimate)");
  g_assert_null (td_store_reports_format_impact_line (0));
  /* off by default */
  setting = td_store_settings_dup (shop->db, TD_SETTING_RECEIPT_IMPACT_LINE, NULL);
  g_assert_true (setting == NULL || g_strcmp0 (setting, "1") != 0);
}

/* Statements and payouts ------------------------------------------------------------------ */

static void
test_statement_arithmetic (Shop          *shop,
                           gconstpointer  data)
{
  g_auto(TdStatement) st = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) batch = NULL;
  g_autofree char *sql = NULL;
  TdReportPeriod month;
  gint64 consignor, start, end, sum = 0;

  consignor = sql_int (shop->db, "SELECT consignor_id FROM ledger GROUP BY consignor_id "
                                 "ORDER BY count(*) DESC LIMIT 1");
  g_assert_true (td_report_period_init (&month, TD_PERIOD_LAST_MONTH, shop->all.last_day, 0, 0));
  g_assert_true (td_store_payouts_statement (shop->db, consignor, &month, NULL, &st, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st.lines->len, >, 0);
  for (guint i = 0; i < st.lines->len; i++)
    sum += g_array_index (st.lines, TdStatementLine, i).amount;
  g_assert_cmpint (st.opening + sum, ==, st.closing);
  g_assert_cmpint (st.sales + st.refunds + st.payouts + st.other, ==, sum);
  td_report_period_bounds (&month, NULL, &start, &end);
  sql = g_strdup_printf ("SELECT total (amount) FROM ledger WHERE consignor_id = %" G_GINT64_FORMAT
                         " AND created_at < %" G_GINT64_FORMAT, consignor, start);
  g_assert_cmpint (sql_int (shop->db, sql), ==, st.opening);
  g_free (sql);
  sql = g_strdup_printf ("SELECT total (amount) FROM ledger WHERE consignor_id = %" G_GINT64_FORMAT
                         " AND created_at < %" G_GINT64_FORMAT, consignor, end);
  g_assert_cmpint (sql_int (shop->db, sql), ==, st.closing);
  g_assert_cmpint (st.sales, >, 0);
  {
    const TdStatementLine *first = &g_array_index (st.lines, TdStatementLine, 0);

    g_assert_cmpint (first->at, >=, start);
    g_assert_true (first->kind != TD_LEDGER_SALE || (first->sku != NULL && first->price > 0));
  }

  batch = td_store_payouts_with_activity (shop->db, &month, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->len, >, 0);
  td_statement_clear (&st);
  g_assert_false (td_store_payouts_statement (shop->db, 999999, &month, NULL, &st, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
}

static void
test_payout_run (Shop          *shop,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) due = td_store_payouts_due (shop->db, &error);
  g_autoptr(GArray) ids = NULL;
  g_auto(TdPayoutSlip) slip = { 0 };
  gint64 owner = sql_int (shop->db, "SELECT id FROM staff WHERE role = 'owner' LIMIT 1");
  gint64 cashier = sql_int (shop->db, "SELECT id FROM staff WHERE role = 'cashier' LIMIT 1");
  gint64 payouts = sql_int (shop->db, "SELECT count(*) FROM payout");
  gint64 now = shop->now_us + G_USEC_PER_SEC;
  g_autofree char *balance_sql = NULL;
  TdPayoutRequest req[2] = { { 0 } };
  const TdPayoutDue *a, *b;

  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >=, 2);
  for (guint i = 0; i < due->len; i++)
    {
      const TdPayoutDue *d = &g_array_index (due, TdPayoutDue, i);

      g_assert_cmpint (d->balance, >, 0);
      g_assert_cmpint (d->balance, >=, d->min_payout);
    }
  a = &g_array_index (due, TdPayoutDue, 0);
  b = &g_array_index (due, TdPayoutDue, 1);

  /* one payout over its balance refuses the whole run */
  req[0] = (TdPayoutRequest) { a->consignor_id, a->balance, "cash", NULL };
  req[1] = (TdPayoutRequest) { b->consignor_id, b->balance + 1, "cheque", "000123" };
  g_assert_false (td_store_payouts_record (shop->db, req, 2, owner, now, &ids, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (shop->db, "SELECT count(*) FROM payout"), ==, payouts);

  /* a cashier may not pay out */
  req[1].amount = b->balance / 2;
  g_assert_false (td_store_payouts_record (shop->db, req, 2, cashier, now, &ids, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (shop->db, "SELECT count(*) FROM payout"), ==, payouts);

  /* an unknown method */
  req[0].method = "bitcoin";
  g_assert_false (td_store_payouts_record (shop->db, req, 2, owner, now, &ids, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  req[0].method = "store_credit";

  g_assert_true (td_store_payouts_record (shop->db, req, 2, owner, now, &ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (sql_int (shop->db, "SELECT count(*) FROM payout"), ==, payouts + 2);
  balance_sql = g_strdup_printf ("SELECT total (amount) FROM ledger WHERE consignor_id = %"
                                 G_GINT64_FORMAT, a->consignor_id);
  g_assert_cmpint (sql_int (shop->db, balance_sql), ==, 0);
  g_assert_cmpint (sql_int (shop->db, "SELECT count(*) FROM audit WHERE action = 'payout.created' "
                                      "AND at = (SELECT max (created_at) FROM payout)"), ==, 2);

  g_assert_true (td_store_payouts_get_slip (shop->db, g_array_index (ids, gint64, 1), &slip, &error));
  g_assert_no_error (error);
  g_assert_cmpint (slip.amount, ==, b->balance / 2);
  g_assert_cmpint (slip.balance_before, ==, b->balance);
  g_assert_cmpint (slip.balance_after, ==, b->balance - b->balance / 2);
  g_assert_cmpstr (slip.reference, ==, "000123");

  /* paid in full: no longer due */
  {
    g_autoptr(GArray) again = td_store_payouts_due (shop->db, &error);

    for (guint i = 0; i < again->len; i++)
      g_assert_cmpint (g_array_index (again, TdPayoutDue, i).consignor_id, !=, a->consignor_id);
  }
}

/* A shop written before the reports existed gets its summaries filled by the migration. */
static void
test_migration_backfill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  TdDatabaseOpenOptions options = { .target_version = 7 };
  TdDatabase *db = td_database_open_with_options (path, &options, &error);
  g_autoptr(TdDatabase) latest = NULL;
  g_autoptr(TdReport) report = NULL;
  TdReportPeriod p;

  g_assert_no_error (error);
  g_assert_cmpint (td_database_get_schema_version (db), ==, 7);
  sql_exec (db,
    "INSERT INTO consignor (id, code, name, created_at) VALUES (1, 'AB', 'Ann Bee', 0);"
    "INSERT INTO item (id, sku, consignor_id, title, brand, price, status, intake_at, updated_at, "
    "                  category_id, expires_at) "
    "  VALUES (1, 'AB-1', 1, 'Coat', 'Acme', 5000, 'sold', 1790000000000000, 0, "
    "          (SELECT min (id) FROM category), NULL),"
    "         (2, 'AB-2', 1, 'Hat', 'acme', 2000, 'available', 1790000000000000, 0, NULL, "
    "          1799000000000000);"
    "INSERT INTO sale (id, receipt_no, created_at, sold_day, subtotal, discount, total) "
    "  VALUES (1, 1, 1791000000000000, 20260914, 5000, 500, 4500);"
    "INSERT INTO sale_line (id, sale_id, item_id, title, sku, consignor_id, list_price, "
    "                       discount, price, share_bp, consignor_share, sold_at, sold_day) "
    "  VALUES (1, 1, 1, 'Coat', 'AB-1', 1, 5000, 500, 4500, 5000, 2250, 1791000000000000, 20260914);"
    "INSERT INTO payment (sale_id, tender, amount, change) VALUES (1, 'cash', 5000, 500);"
    "INSERT INTO ledger (consignor_id, kind, amount, sale_line_id, created_at) "
    "  VALUES (1, 'sale', 2250, 1, 1791000000000000);");
  g_clear_object (&db);

  latest = td_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (latest, "SELECT sum (total) FROM report_sale_day"), ==, 4500);
  g_assert_cmpint (sql_int (latest, "SELECT sum (amount) FROM report_tender_day"), ==, 4500);
  g_assert_cmpint (sql_int (latest, "SELECT sum (share) FROM report_consignor_day"), ==, 2250);
  g_assert_cmpint (sql_int (latest, "SELECT sum (lines) FROM report_brand_day"), ==, 1);
  g_assert_cmpint (sql_int (latest, "SELECT balance FROM report_balance WHERE consignor_id = 1"), ==, 2250);
  g_assert_cmpint (sql_int (latest, "SELECT sum (items) FROM report_intake_hour"), ==, 2);
  g_assert_cmpint (sql_int (latest, "SELECT sum (price) FROM report_floor_day"), ==, 2000);
  g_assert_cmpint (sql_int (latest, "SELECT sum (items) FROM report_expiry_day"), ==, 1);
  /* 11.57 days on the floor (1,000,000 s) */
  g_assert_cmpint (sql_int (latest, "SELECT sum (days_us) FROM report_line_day"), ==,
                   (gint64) 1000000 * G_USEC_PER_SEC);
  td_report_period_init (&p, TD_PERIOD_CUSTOM, 0, 20260901, 20260930);
  report = td_store_reports_run (latest, TD_REPORT_SUMMARY, &p, NULL, 1792000000000000, NULL, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell (report, "totals", 0, "net"), ==, 4500);
  g_assert_cmpint (cell (report, "totals", 0, "discounts"), ==, 500);
  g_clear_object (&latest);
  td_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/report/period/kinds", test_period_kinds);
  g_test_add_func ("/td/report/period/dst", test_period_dst);
  g_test_add_func ("/td/report/period/buckets", test_period_buckets);
  g_test_add_func ("/td/report/csv/cells", test_csv_cells);
  g_test_add_func ("/td/reports/migration-backfill", test_migration_backfill);
  g_test_add ("/td/reports/reconcile/summary", Shop, NULL, shop_setup, test_reconcile_summary,
              shop_teardown);
  g_test_add ("/td/reports/reconcile/lines", Shop, NULL, shop_setup, test_reconcile_lines,
              shop_teardown);
  g_test_add ("/td/reports/summaries-follow-writes", Shop, NULL, shop_setup,
              test_summaries_follow_writes, shop_teardown);
  g_test_add ("/td/reports/compare", Shop, NULL, shop_setup, test_compare_and_periods,
              shop_teardown);
  g_test_add ("/td/reports/csv/round-trip", Shop, NULL, shop_setup, test_csv_round_trip,
              shop_teardown);
  g_test_add ("/td/reports/async-and-cancel", Shop, NULL, shop_setup, test_async_and_cancel,
              shop_teardown);
  g_test_add ("/td/payouts/statement", Shop, NULL, shop_setup, test_statement_arithmetic,
              shop_teardown);
  g_test_add ("/td/reports/sale-impact", Shop, NULL, shop_setup, test_sale_impact, shop_teardown);
  g_test_add ("/td/payouts/run", Shop, NULL, shop_setup, test_payout_run, shop_teardown);
  return g_test_run ();
}
