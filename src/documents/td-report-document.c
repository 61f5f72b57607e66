/* td-report-document.c — a report as a paginated PDF: the shop's heading, the report's title
 * and period, its chart (sales over time), then each of its tables (headers repeat on every
 * page); a footer with shop, report and period, "page n of m".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-document-private.h"
#include "td-report-chart.h"
#include "td-report-document.h"

#define FONT_BOLD "Sans Bold"

typedef struct
{
  TdReport              *report;
  const TdReportDocInfo *info;
  const TdMoneyFormat   *fmt;
  char                  *subtitle;
} Doc;

static void
draw_table (TdDocPage     *page,
            const Doc     *doc,
            TdReportTable *table)
{
  guint n_cols = td_report_table_get_n_columns (table);
  guint n_rows = td_report_table_get_n_rows (table);
  g_autofree TdDocColumn *columns = g_new0 (TdDocColumn, n_cols);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < n_cols; c++)
    {
      gboolean text = td_report_table_get_column_kind (table, c) == TD_REPORT_COLUMN_TEXT;

      columns[c].title = td_report_table_get_column_title (table, c);
      columns[c].weight = text ? 1 : 0;
      columns[c].align = text ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
      columns[c].max_lines = 0;   /* long names wrap in their column */
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      g_ptr_array_add (cells, td_report_format_cell (table, r, c, doc->info->currency, doc->fmt));

  /* The title stays on the page of the table's header and first row. */
  td_doc_page_need (page, 40 + td_doc_page_table_start_height (page, columns, n_cols,
                                                               (const char * const *) cells->pdata,
                                                               n_rows));
  page->y += td_doc_page_text (page, page->left, page->right - page->left, FONT_BOLD, 11,
                               PANGO_ALIGN_LEFT, td_report_table_get_title (table)) + 4;
  if (n_rows == 0)
    {
      page->y += td_doc_page_text (page, page->left, page->right - page->left, "Sans", 9,
                                   PANGO_ALIGN_LEFT, _("Nothing in this period.")) + 12;
      return;
    }
  td_doc_page_table (page, columns, n_cols, (const char * const *) cells->pdata, n_rows);
  page->y += 14;
}

static void
draw_report (TdDocPage     *page,
             gconstpointer  data)
{
  const Doc *doc = data;
  TdReport *report = doc->report;

  td_doc_page_heading (page, doc->info->shop_name, doc->info->shop_address, NULL,
                       td_report_kind_get_title (td_report_get_kind (report)), doc->subtitle);
  if (td_report_get_kind (report) == TD_REPORT_OVER_TIME)
    {
      double h = TD_MM_TO_PT (70);

      td_doc_page_need (page, h);
      cairo_save (page->cr);
      cairo_translate (page->cr, page->left, page->y);
      td_report_chart_draw (page->cr, page->right - page->left, h, report, doc->info->currency,
                            doc->fmt, FALSE);
      cairo_restore (page->cr);
      page->y += h + 12;
    }
  if (td_report_get_kind (report) == TD_REPORT_IMPACT)
    {
      page->y += td_doc_page_paragraph (page, "Sans", 8.5,
                                        _("These are estimates: each item sold second-hand is "
                                          "counted as keeping one new item's production of CO2e "
                                          "and water out of the world, using published average "
                                          "factors per category (see the sources in the "
                                          "documentation). Real savings vary.")) + 8;
    }
  for (guint i = 0; i < td_report_get_n_tables (report); i++)
    draw_table (page, doc, td_report_get_table (report, i));
}

/* "1 Nov 2026 – 22 Nov 2026 (compared with …)" */
static char *
period_line (TdReport *report)
{
  g_autofree char *period = td_report_period_format (td_report_get_period (report));
  const TdReportPeriod *compare = td_report_get_compare (report);
  g_autofree char *then = NULL;

  if (compare == NULL)
    return g_steal_pointer (&period);
  then = td_report_period_format (compare);
  /* Translators: a report's period and the period it is compared with */
  return g_strdup_printf (_("%s (compared with %s)"), period, then);
}

/**
 * td_report_write_pdf:
 * @path: where to write (replaced atomically; nothing written on failure)
 *
 * Writes @report as a paginated PDF on A4 or Letter.
 */
gboolean
td_report_write_pdf (TdReport               *report,
                     const TdReportDocInfo  *info,
                     TdPaper                 paper,
                     const char             *path,
                     GError                **error)
{
  TdMoneyFormat default_format;
  g_autofree char *subtitle = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *head = NULL;
  const char *title;
  Doc doc;

  g_return_val_if_fail (report != NULL && info != NULL && info->currency != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  td_money_format_init_default (&default_format);
  title = td_report_kind_get_title (td_report_get_kind (report));
  subtitle = period_line (report);
  /* Translators: the foot of every page of a report: shop · report · period */
  footer = g_strdup_printf (_("%s · %s · %s"), info->shop_name ? info->shop_name : "", title,
                            subtitle);
  /* Translators: the head of the second and later pages of a report */
  head = g_strdup_printf (_("%s — %s, continued"), info->shop_name ? info->shop_name : "", title);
  doc.report = report;
  doc.info = info;
  doc.fmt = info->money_format ? info->money_format : &default_format;
  doc.subtitle = subtitle;
  return td_doc_write_pdf (path, paper, title, footer, head, draw_report, &doc, error);
}
