/* test-report-documents.c — owner's-desk PDFs render with the figures the store computed:
 * a report (with its chart), a consignor statement and a payout slip, read back with
 * pdftotext and rendered with pdftoppm. Copies land in the build dir
 * (tests/report-*.pdf / .png) to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "td-database-private.h"
#include "td-demo.h"
#include "td-report-document.h"
#include "td-store-payouts.h"
#include "td-store-reports.h"
#include "td-store.h"
#include "td-test.h"

typedef struct
{
  char            *dir;
  char            *path;
  TdDatabase      *db;
  TdReportPeriod   month;
  TdReportPeriod   previous;
  gint64           now_us;
  char            *shop_name;
  TdReportDocInfo  info;
  TdMoneyFormat    fmt;
} Fixture;

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", pdf, "-", NULL };

  return run_tool (argv);
}

/* Renders page 1 at 100 dpi into the build dir, to look at; checks it is not blank. */
static void
render_page (const char *pdf,
             const char *name)
{
  g_autofree char *prefix = td_test_build_path (name);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *copy = g_strconcat (prefix, ".pdf", NULL);
  g_autofree char *contents = NULL;
  const char *argv[] = { "pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", "-singlefile",
                         pdf, prefix, NULL };
  gsize len;

  g_free (run_tool (argv));
  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 10000);
  g_free (contents);
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  TdDemoOptions options;
  sqlite3_stmt *stmt;
  int last;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  td_demo_options_init (&options);
  options.items = 700;
  options.consignors = 8;
  options.months = 3;
  options.seed = 9;
  options.now_us = (gint64) 1795262400 * G_USEC_PER_SEC;
  f->now_us = options.now_us;
  g_assert_true (td_demo_generate (f->path, &options, NULL, NULL, NULL, &error));
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  sqlite3_prepare_v2 (td_database_get_handle (f->db), "SELECT max (sold_day) FROM sale", -1, &stmt, NULL);
  sqlite3_step (stmt);
  last = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_true (td_report_period_init (&f->month, TD_PERIOD_LAST_MONTH, last, 0, 0));
  td_report_period_previous (&f->month, &f->previous);

  f->shop_name = td_store_settings_dup (f->db, TD_SETTING_SHOP_NAME, &error);
  g_assert_no_error (error);
  currency = td_store_settings_dup (f->db, TD_SETTING_SHOP_CURRENCY, &error);
  td_money_format_init_default (&f->fmt);
  f->info.shop_name = f->shop_name;
  f->info.shop_address = "12 High Street\nAnytown";
  f->info.currency = td_currency_lookup (currency);
  f->info.money_format = &f->fmt;
  g_assert_nonnull (f->info.currency);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->shop_name);
}

static void
test_report_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdReport) report = td_store_reports_run (f->db, TD_REPORT_OVER_TIME, &f->month,
                                                     &f->previous, f->now_us, NULL, NULL, &error);
  g_autoptr(TdReport) summary = td_store_reports_run (f->db, TD_REPORT_SUMMARY, &f->month,
                                                      &f->previous, f->now_us, NULL, NULL, &error);
  g_autofree char *pdf = g_build_filename (f->dir, "over-time.pdf", NULL);
  g_autofree char *pdf2 = g_build_filename (f->dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *total = NULL;
  g_autofree char *net = NULL;
  TdReportTable *t;

  g_assert_no_error (error);
  g_assert_true (td_report_write_pdf (report, &f->info, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, f->shop_name));
  g_assert_nonnull (strstr (text, "Sales over time"));
  g_assert_nonnull (strstr (text, "Compared period"));   /* the chart's legend */
  g_assert_nonnull (strstr (text, "Page 1 of"));
  t = td_report_find_table (report, "buckets");
  total = td_report_format_cell (t, 0, 2, f->info.currency, &f->fmt);
  g_assert_nonnull (strstr (text, total));
  render_page (pdf, "report-over-time");

  g_assert_true (td_report_write_pdf (summary, &f->info, TD_PAPER_LETTER, pdf2, &error));
  g_assert_no_error (error);
  text2 = pdf_text (pdf2);
  net = td_report_format_cell (td_report_find_table (summary, "totals"), 0, 7, f->info.currency, &f->fmt);
  g_assert_nonnull (strstr (text2, net));
  g_assert_nonnull (strstr (text2, "By tender"));
  render_page (pdf2, "report-summary");
}

static void
test_statement_pdf (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(TdStatement) st = { 0 };
  g_auto(TdPayoutSlip) slip = { 0 };
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "statement.pdf", NULL);
  g_autofree char *slip_pdf = g_build_filename (f->dir, "slip.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *closing = NULL;
  const TdStatementLine *first;
  TdPayoutRequest req = { 0 };
  sqlite3_stmt *stmt;
  gint64 consignor, owner;

  sqlite3_prepare_v2 (td_database_get_handle (f->db),
                      "SELECT consignor_id FROM ledger GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
                      -1, &stmt, NULL);
  sqlite3_step (stmt);
  consignor = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_true (td_store_payouts_statement (f->db, consignor, &f->month, NULL, &st, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (st.lines->len, >, 0);
  g_assert_true (td_statement_write_pdf (&st, &f->info, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  opening = td_money_format (st.opening, f->info.currency, &f->fmt);
  closing = td_money_format (st.closing, f->info.currency, &f->fmt);
  g_assert_nonnull (strstr (text, "Consignor statement"));
  g_assert_nonnull (strstr (text, "Opening balance"));
  g_assert_nonnull (strstr (text, opening));
  g_assert_nonnull (strstr (text, closing));
  g_assert_nonnull (strstr (text, st.code));
  first = &g_array_index (st.lines, TdStatementLine, 0);
  if (first->sku != NULL)
    g_assert_nonnull (strstr (text, first->sku));
  render_page (pdf, "report-statement");

  /* a payout slip for a consignor who is due */
  sqlite3_prepare_v2 (td_database_get_handle (f->db),
                      "SELECT id FROM staff WHERE role = 'owner' LIMIT 1", -1, &stmt, NULL);
  sqlite3_step (stmt);
  owner = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  due = td_store_payouts_due (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >, 0);
  req.consignor_id = g_array_index (due, TdPayoutDue, 0).consignor_id;
  req.amount = g_array_index (due, TdPayoutDue, 0).balance;
  req.method = "bank_transfer";
  req.reference = "BT-TEST-1";
  g_assert_true (td_store_payouts_record (f->db, &req, 1, owner, f->now_us + 1, &ids, &error));
  g_assert_no_error (error);
  g_assert_true (td_store_payouts_get_slip (f->db, g_array_index (ids, gint64, 0), &slip, &error));
  g_assert_true (td_payout_slips_write_pdf (&slip, 1, &f->info, TD_PAPER_A4, slip_pdf, &error));
  g_assert_no_error (error);
  g_free (text);
  text = pdf_text (slip_pdf);
  g_free (closing);
  closing = td_money_format (req.amount, f->info.currency, &f->fmt);
  g_assert_nonnull (strstr (text, "Payout slip"));
  g_assert_nonnull (strstr (text, "BT-TEST-1"));
  g_assert_nonnull (strstr (text, "Bank transfer"));
  g_assert_nonnull (strstr (text, closing));
  render_page (slip_pdf, "report-payout-slip");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/td/documents/report/pdf", Fixture, NULL, setup, test_report_pdf, teardown);
  g_test_add ("/td/documents/report/statement-and-slip", Fixture, NULL, setup, test_statement_pdf,
              teardown);
  return g_test_run ();
}
