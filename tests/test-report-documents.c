/* test-report-documents.c — owner's-desk PDFs render with the figures the store computed:
 * a report (with its chart), a consignor statement and a payout slip, read back with
 * pdftotext and rendered with pdftoppm. Long names wrap inside their column: poppler's text
 * boxes say where each character landed. Copies land in the build dir
 * (tests/report-*.pdf / .png) to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "td-database-private.h"
#include "td-demo.h"
#include "td-donation-list.h"
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

/* A name of exactly 150 characters in words, and a word of 60 that no line can hold. */
static char *
long_name (const char *prefix)
{
  static const char *words[] = { "Aldergrove", "Bellweather", "Copperfield", "Société",
                                 "Dunmore", "Eastwick", "Fairhaven", "Glenrothes", "Hawthorne",
                                 "Ivybridge", "Juniper", "Kingsbarns", "Larkspur", "Meadowsweet",
                                 "Northumbria", "Oakenshaw", "Pemberley", "Quarrington", NULL };
  GString *s = g_string_new (prefix);

  for (guint i = 0; words[i] != NULL && g_utf8_strlen (s->str, -1) < 150; i++)
    g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", words[i]);
  while (g_utf8_strlen (s->str, -1) > 150)
    g_string_truncate (s, s->len - 1);
  if (s->str[s->len - 1] == ' ')
    s->str[s->len - 1] = 'x';
  g_assert_cmpint (g_utf8_strlen (s->str, -1), ==, 150);
  return g_string_free (s, FALSE);
}

#define LONG_WORD "Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunt"

/* White space, and hyphens: Pango adds one where it breaks a word too long for its line, and
 * poppler sometimes keeps it, sometimes joins the halves. */
static gboolean
skipped (gunichar u)
{
  return g_unichar_isspace (u) || u == '-' || u == 0x2010;
}

/* One page as poppler reads it: its characters but skipped() ones, each with its box (points,
 * from the top left). */
typedef struct
{
  double            width;
  double            height;
  char             *text;
  GArray           *chars;   /* gunichar */
  GArray           *boxes;   /* PopplerRectangle */
} PdfPage;

static void
pdf_page_free (gpointer data)
{
  PdfPage *p = data;

  g_free (p->text);
  g_array_unref (p->chars);
  g_array_unref (p->boxes);
  g_free (p);
}

static GPtrArray *
pdf_pages (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, &error);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  GPtrArray *pages = g_ptr_array_new_with_free_func (pdf_page_free);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree PopplerRectangle *rects = NULL;
      PdfPage *p = g_new0 (PdfPage, 1);
      const char *c;
      guint n = 0, k = 0;

      poppler_page_get_size (page, &p->width, &p->height);
      p->text = poppler_page_get_text (page);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
      g_assert_cmpuint (n, ==, g_utf8_strlen (p->text, -1));
      p->chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
      p->boxes = g_array_new (FALSE, FALSE, sizeof (PopplerRectangle));
      for (c = p->text; *c != '\0'; c = g_utf8_next_char (c), k++)
        {
          gunichar u = g_utf8_get_char (c);

          if (skipped (u))
            continue;
          g_array_append_val (p->chars, u);
          g_array_append_val (p->boxes, rects[k]);
        }
      g_ptr_array_add (pages, p);
      g_object_unref (page);
    }
  g_object_unref (doc);
  return pages;
}

/* Where @needle (skipped() characters left out) starts on @page after @from, or -1. */
static int
pdf_page_find (const PdfPage *page,
               const char    *needle,
               int            from)
{
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (const char *c = needle; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (!skipped (u))
        g_array_append_val (want, u);
    }
  for (int i = MAX (from, 0); i + (int) want->len <= (int) page->chars->len; i++)
    if (memcmp (&g_array_index (page->chars, gunichar, i), want->data,
                want->len * sizeof (gunichar)) == 0)
      return i;
  return -1;
}

#define BOX(page, i) (&g_array_index ((page)->boxes, PopplerRectangle, (i)))

static guint
glyph_length (const char *text)
{
  guint n = 0;

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    n += !skipped (g_utf8_get_char (c));
  return n;
}

/* Where each character of @needle is on @page, below @top: poppler reads two neighbouring
 * cells that both wrap line by line, interleaved, so the needle is looked for piece by piece,
 * the longest piece first, each on a line at or below the one before. %NULL if it is not
 * all there. */
static GArray *
pdf_page_find_pieces (const PdfPage *page,
                      const char    *needle,
                      double         top)
{
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (const char *c = needle; *c != '\0'; c = g_utf8_next_char (c))
    if (!skipped (g_utf8_get_char (c)))
      g_array_append_val (want, (gunichar) { g_utf8_get_char (c) });
  for (guint k = 0; k < want->len;)
    {
      guint best = 0, best_at = 0;

      for (guint i = 0; i < page->chars->len; i++)
        {
          guint n = 0;

          if (BOX (page, i)->y1 < top)
            continue;
          while (k + n < want->len && i + n < page->chars->len &&
                 g_array_index (page->chars, gunichar, i + n) ==
                 g_array_index (want, gunichar, k + n))
            n++;
          if (n > best)
            {
              best = n;
              best_at = i;
            }
        }
      /* a piece is a line's worth: more than a stray letter, unless it is the last */
      if (best == 0 || (best < 3 && k + best < want->len))
        return NULL;
      for (guint n = 0; n < best; n++)
        g_array_append_val (found, (guint) { best_at + n });
      top = BOX (page, best_at)->y1;
      k += best;
    }
  return g_steal_pointer (&found);
}

/* Every character on the page lies inside its margins (18 mm left and right). */
static void
assert_inside_page (const PdfPage *page)
{
  for (guint i = 0; i < page->boxes->len; i++)
    {
      const PopplerRectangle *b = BOX (page, i);

      g_assert_cmpfloat (b->x1, >=, 18 * 72 / 25.4 - 0.5);
      g_assert_cmpfloat (b->x2, <=, page->width - 18 * 72 / 25.4 + 0.5);
      g_assert_cmpfloat (b->y1, >=, 0);
      g_assert_cmpfloat (b->y2, <=, page->height);
    }
}

/* @name sits on @page in its column: from the x of the column's title (left-aligned like it)
 * up to the next column's title, below them, over at least @min_lines lines, each character
 * a glyph of its own (not squeezed into a "…"), touching no other character of the page.
 * Returns the bottom of its first line. */
static double
assert_in_column (const PdfPage *page,
                  const char    *name,
                  const char    *title,
                  const char    *next_title,
                  guint          min_lines)
{
  g_autoptr(GArray) at = NULL;
  g_autofree gboolean *mine = g_new0 (gboolean, page->chars->len + 1);
  int head = -1, next = -1;
  guint lines = 1;
  double left, right;

  /* the header row: the two titles side by side */
  for (int h = pdf_page_find (page, title, 0); h >= 0 && next < 0;
       h = pdf_page_find (page, title, h + 1))
    for (int x = pdf_page_find (page, next_title, 0); x >= 0 && next < 0;
         x = pdf_page_find (page, next_title, x + 1))
      if (fabs (BOX (page, h)->y1 - BOX (page, x)->y1) < 1.0 &&
          BOX (page, x)->x1 > BOX (page, h)->x2)
        {
          head = h;
          next = x;
        }
  g_assert_cmpint (head, >=, 0);
  g_assert_cmpint (next, >=, 0);
  /* the name in the table, below its header (a statement has it above, too) */
  at = pdf_page_find_pieces (page, name, BOX (page, head)->y2);
  g_assert_nonnull (at);
  left = BOX (page, head)->x1 - 0.5;
  right = BOX (page, next)->x1;
  for (guint k = 0; k < at->len; k++)
    mine[g_array_index (at, guint, k)] = TRUE;
  for (guint k = 0; k < at->len; k++)
    {
      const PopplerRectangle *b = BOX (page, g_array_index (at, guint, k));

      g_assert_cmpfloat (b->x1, >=, left);
      g_assert_cmpfloat (b->x2, <=, right);
      /* text cut with "…" keeps its characters in the PDF, squeezed into the ellipsis */
      g_assert_cmpfloat (b->x2 - b->x1, >, 1.5);
      if (k > 0 && b->y1 > BOX (page, g_array_index (at, guint, k - 1))->y2 - 1.0)
        lines++;
      for (guint j = 0; j < page->boxes->len; j++)
        {
          const PopplerRectangle *o = BOX (page, j);

          /* boxes may share an edge, not overlap */
          if (!mine[j])
            g_assert_false (o->x1 < b->x2 - 0.3 && b->x1 < o->x2 - 0.3 &&
                            o->y1 < b->y2 - 0.3 && b->y1 < o->y2 - 0.3);
        }
    }
  g_assert_cmpuint (lines, >=, min_lines);
  return BOX (page, g_array_index (at, guint, 0))->y2;
}

/* The figure @value is on the first line of the name whose first line ends at @bottom. */
static void
assert_on_line (const PdfPage *page,
                const char    *value,
                double         bottom)
{
  gboolean found = FALSE;

  for (int at = pdf_page_find (page, value, 0); at >= 0 && !found;
       at = pdf_page_find (page, value, at + 1))
    found = fabs (BOX (page, at)->y2 - bottom) < 1.0;
  g_assert_true (found);
}

static void
assert_words_in_text (const char *text,
                      const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    g_assert_nonnull (strstr (text, words[i]));
}

/* Rename the consignor with the most sales to a 150-character name and another to one
 * unbroken 60-character word: both wrap inside the Consignor column of the report. */
static void
test_report_long_names (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = long_name ("");
  g_autofree char *pdf = g_build_filename (f->dir, "consignors.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(TdReport) report = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *sales = NULL;
  TdReportTable *t;
  const PdfPage *page;
  double bottom;
  int row = -1, word_row = -1;

  for (int i = 0; i < 2; i++)
    {
      char *sql = sqlite3_mprintf ("UPDATE consignor SET name = %Q WHERE id = (SELECT "
                                   "consignor_id FROM ledger GROUP BY 1 ORDER BY count(*) "
                                   "DESC LIMIT 1 OFFSET %d)", i == 0 ? name : LONG_WORD, i);

      g_assert_true (td_database_exec (f->db, sql, &error));
      sqlite3_free (sql);
    }
  g_assert_no_error (error);
  report = td_store_reports_run (f->db, TD_REPORT_CONSIGNORS, &f->month, NULL, f->now_us, NULL,
                                 NULL, &error);
  g_assert_no_error (error);
  t = td_report_find_table (report, "consignors");
  for (guint r = 0; r < td_report_table_get_n_rows (t); r++)
    {
      /* the report names them "CODE — name" */
      if (g_str_has_suffix (td_report_table_get_text (t, r, 0), name))
        row = r;
      if (g_str_has_suffix (td_report_table_get_text (t, r, 0), LONG_WORD))
        word_row = r;
    }
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (word_row, >=, 0);
  g_assert_cmpuint (strlen (LONG_WORD), ==, 60);

  g_assert_true (td_report_write_pdf (report, &f->info, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_words_in_text (text, name);

  pages = pdf_pages (pdf);
  page = pages->pdata[0];
  for (guint i = 0; i < pages->len; i++)
    assert_inside_page (pages->pdata[i]);
  bottom = assert_in_column (page, td_report_table_get_text (t, row, 0), "Consignor", "Sold", 2);
  sales = td_report_format_cell (t, row, 2, f->info.currency, &f->fmt);
  assert_on_line (page, sales, bottom);
  assert_in_column (page, td_report_table_get_text (t, word_row, 0), "Consignor", "Sold", 2);
  render_page (pdf, "report-long-names");
}

/* The same in a consignor statement: a long item title and an unbroken one wrap in the Item
 * column; the 150-character consignor name is written whole beside "Consignor". */
static void
test_statement_long_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(TdStatement) st = { 0 };
  g_autofree char *name = long_name ("");
  g_autofree char *pdf = g_build_filename (f->dir, "statement-long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  sqlite3_stmt *stmt;
  gint64 consignor;
  int line = -1;
  double bottom;

  sqlite3_prepare_v2 (td_database_get_handle (f->db),
                      "SELECT consignor_id FROM ledger GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
                      -1, &stmt, NULL);
  sqlite3_step (stmt);
  consignor = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_true (td_store_payouts_statement (f->db, consignor, &f->month, NULL, &st, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < st.lines->len && line < 0; i++)
    if (g_array_index (st.lines, TdStatementLine, i).title != NULL)
      line = i;
  g_assert_cmpint (line, >=, 0);
  /* the writer gets the titles the store read from the sale lines */
  g_free (g_array_index (st.lines, TdStatementLine, line).title);
  g_array_index (st.lines, TdStatementLine, line).title = g_strdup (name);
  for (guint i = line + 1; i < st.lines->len; i++)
    if (g_array_index (st.lines, TdStatementLine, i).title != NULL)
      {
        g_free (g_array_index (st.lines, TdStatementLine, i).title);
        g_array_index (st.lines, TdStatementLine, i).title = g_strdup (LONG_WORD);
        break;
      }
  g_free (st.name);
  st.name = g_strdup (name);

  g_assert_true (td_statement_write_pdf (&st, &f->info, TD_PAPER_LETTER, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_words_in_text (text, name);
  pages = pdf_pages (pdf);
  for (guint i = 0; i < pages->len; i++)
    assert_inside_page (pages->pdata[i]);
  {
    const PdfPage *page = NULL;

    for (guint i = 0; i < pages->len && page == NULL; i++)
      if (pdf_page_find (pages->pdata[i], LONG_WORD, 0) >= 0)
        page = pages->pdata[i];
    g_assert_nonnull (page);
    assert_in_column (page, LONG_WORD, "Item", "SKU", 2);
  }
  bottom = assert_in_column (pages->pdata[0], name, "Item", "SKU", 2);
  amount = td_money_format (g_array_index (st.lines, TdStatementLine, line).amount,
                            f->info.currency, &f->fmt);
  assert_on_line (pages->pdata[0], amount, bottom);
  render_page (pdf, "report-statement-long-names");
}

/* A donation list shares the table: a long item title, an unbroken category and a long
 * consignor code wrap in their columns, the value stays on the first line. */
static void
test_donation_long_names (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = long_name ("");
  g_autofree char *pdf = g_build_filename (f->dir, "donations.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  const TdDonationLine lines[] = {
    { "D-00001", "Wool coat", "Clothing", "C0042", 1250 },
    { "D-00002", name, LONG_WORD, "CONSIGNOR-CODE-THAT-IS-LONG-2026", 4599 },
    { "D-00003", "Teapot", "Homeware", NULL, 300 },
  };
  const TdDonationList list = {
    .shop_name = f->shop_name,
    .date = "March 2026",
    .recipient = "St Leonard’s Hospice",
    .currency = f->info.currency,
    .money_format = &f->fmt,
    .lines = lines,
    .n_lines = G_N_ELEMENTS (lines),
  };
  const PdfPage *page;
  double bottom;

  g_assert_true (td_donation_list_write_pdf (&list, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  render_page (pdf, "report-donation-long-names");
  text = pdf_text (pdf);
  assert_words_in_text (text, name);
  pages = pdf_pages (pdf);
  g_assert_cmpuint (pages->len, ==, 1);
  page = pages->pdata[0];
  assert_inside_page (page);
  bottom = assert_in_column (page, name, "Item", "Category", 2);
  value = td_money_format (4599, f->info.currency, &f->fmt);
  assert_on_line (page, value, bottom);
  assert_on_line (page, "D-00002", bottom);
  assert_in_column (page, LONG_WORD, "Category", "Consignor", 2);
  assert_in_column (page, "CONSIGNOR-CODE-THAT-IS-LONG-2026", "Consignor", "Value", 1);
}

/* A name taller than a page (6,000 words) is cut with "…" at the foot of its page rather than
 * running off it; the rows around it are all there. */
static void
test_report_huge_cell (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdReport) report = td_report_new (TD_REPORT_CONSIGNORS, &f->month, NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "huge.pdf", NULL);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GString) huge = g_string_new ("Start");
  TdReportTable *t = td_report_add_table (report, "consignors", "Consignors");
  const char *names[] = { "First row", NULL, "Last row" };
  gboolean first = FALSE, last = FALSE;

  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (huge, " word%u", i);
  names[1] = huge->str;
  td_report_table_add_column (t, "name", "Consignor", TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "sales", "Sales", TD_REPORT_COLUMN_MONEY);
  for (guint r = 0; r < G_N_ELEMENTS (names); r++)
    {
      guint row = td_report_table_add_row (t);

      td_report_table_set_text (t, row, 0, names[r]);
      td_report_table_set_num (t, row, 1, 1234 * (gint64) (r + 1));
    }
  g_assert_true (td_report_write_pdf (report, &f->info, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  render_page (pdf, "report-huge-cell");
  pages = pdf_pages (pdf);
  g_assert_cmpuint (pages->len, <=, 3);
  for (guint i = 0; i < pages->len; i++)
    {
      const PdfPage *page = pages->pdata[i];

      assert_inside_page (page);
      g_assert_cmpint (pdf_page_find (page, "Consignor", 0), >=, 0);
      first |= pdf_page_find (page, "First row", 0) >= 0;
      last |= pdf_page_find (page, "Last row", 0) >= 0;
      /* the long cell and the row after it end above the footer (20 mm from the foot) */
      if (pdf_page_find (page, "Start", 0) >= 0)
        {
          int at = pdf_page_find (page, "Start", 0);
          int end = pdf_page_find (page, "Last row", at);

          g_assert_cmpint (end, >, at);
          for (int k = at; k < end + 7; k++)
            g_assert_cmpfloat (BOX (page, k)->y2, <, page->height - 20 * 72 / 25.4);
        }
    }
  g_assert_true (first);
  g_assert_true (last);
}

/* A table over three pages and more: the header row on each page, every row once, and no
 * row split between two pages (its whole name on the page of its figures). */
static void
test_report_many_pages (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdReport) report = td_report_new (TD_REPORT_CONSIGNORS, &f->month, NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "many.pdf", NULL);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  TdReportTable *t = td_report_add_table (report, "consignors", "Consignors");
  const guint n_rows = 130;

  td_report_table_add_column (t, "name", "Consignor", TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "units", "Units sold", TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "sales", "Sales", TD_REPORT_COLUMN_MONEY);
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *prefix = g_strdup_printf ("R%03u", r);
      guint row = td_report_table_add_row (t);

      g_ptr_array_add (names, r % 7 == 3 ? long_name (prefix) : g_steal_pointer (&prefix));
      td_report_table_set_text (t, row, 0, names->pdata[r]);
      td_report_table_set_num (t, row, 1, r + 1);
      td_report_table_set_num (t, row, 2, 100001 * (gint64) (r + 1));
    }
  g_assert_true (td_report_write_pdf (report, &f->info, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  pages = pdf_pages (pdf);
  g_assert_cmpuint (pages->len, >=, 3);
  for (guint i = 0; i < pages->len; i++)
    {
      const PdfPage *page = pages->pdata[i];
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, pages->len);

      assert_inside_page (page);
      g_assert_cmpint (pdf_page_find (page, "Units sold", 0), >=, 0);
      g_assert_nonnull (strstr (page->text, footer));
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *sales = td_report_format_cell (t, r, 2, f->info.currency, &f->fmt);
      g_autofree char *prefix = g_strdup_printf ("R%03u", r);
      guint found = 0;

      for (guint i = 0; i < pages->len; i++)
        {
          const PdfPage *page = pages->pdata[i];
          int at = pdf_page_find (page, prefix, 0);

          if (at < 0)
            continue;
          found++;
          g_assert_cmpint (pdf_page_find (page, prefix, at + 1), <, 0);
          g_assert_cmpint (pdf_page_find (page, names->pdata[r], 0), ==, at);
          for (guint k = at; k < at + glyph_length (names->pdata[r]); k++)
            g_assert_cmpfloat (BOX (page, k)->x2 - BOX (page, k)->x1, >, 1.5);
          assert_on_line (page, sales, BOX (page, at)->y2);
        }
      g_assert_cmpuint (found, ==, 1);
    }
  render_page (pdf, "report-many-pages");
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
  g_test_add ("/td/documents/report/long-names", Fixture, NULL, setup, test_report_long_names,
              teardown);
  g_test_add ("/td/documents/report/statement-long-names", Fixture, NULL, setup,
              test_statement_long_names, teardown);
  g_test_add ("/td/documents/report/many-pages", Fixture, NULL, setup, test_report_many_pages,
              teardown);
  g_test_add ("/td/documents/report/donation-long-names", Fixture, NULL, setup,
              test_donation_long_names, teardown);
  g_test_add ("/td/documents/report/huge-cell", Fixture, NULL, setup, test_report_huge_cell,
              teardown);
  return g_test_run ();
}
