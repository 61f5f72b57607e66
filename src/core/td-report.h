/* td-report.h — one report's figures as titled tables of typed cells.
 *
 * Every report of the owner's desk (td-store-reports.h) comes back as a #TdReport: a few
 * tables whose columns say what their numbers are (money in minor units, counts, basis
 * points, local days). The page shows them, the chart draws them, and the CSV and PDF
 * exports write them, all from this one shape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "td-money.h"
#include "td-report-period.h"

G_BEGIN_DECLS

typedef enum
{
  TD_REPORT_SUMMARY,
  TD_REPORT_OVER_TIME,
  TD_REPORT_CATEGORIES,
  TD_REPORT_CONSIGNORS,
  TD_REPORT_INVENTORY,
  TD_REPORT_TAX,
  TD_REPORT_IMPACT,
  TD_N_REPORTS
} TdReportKind;

typedef enum
{
  TD_REPORT_COLUMN_TEXT,
  TD_REPORT_COLUMN_COUNT,
  TD_REPORT_COLUMN_MONEY,     /* minor units */
  TD_REPORT_COLUMN_PERCENT,   /* basis points */
  TD_REPORT_COLUMN_DAY,       /* yyyymmdd */
  TD_REPORT_COLUMN_TENTHS,    /* a count in tenths (days, kg) */
} TdReportColumnKind;

typedef struct _TdReport      TdReport;
typedef struct _TdReportTable TdReportTable;

#define TD_TYPE_REPORT (td_report_get_type ())

GType               td_report_get_type            (void) G_GNUC_CONST;
TdReport           *td_report_new                 (TdReportKind          kind,
                                                   const TdReportPeriod *period,
                                                   const TdReportPeriod *compare);
TdReport           *td_report_ref                 (TdReport             *report);
void                td_report_unref               (TdReport             *report);
TdReportKind        td_report_get_kind            (TdReport             *report);
const TdReportPeriod *td_report_get_period        (TdReport             *report);
const TdReportPeriod *td_report_get_compare       (TdReport             *report);
const char         *td_report_kind_get_title      (TdReportKind          kind);
const char         *td_report_kind_to_string      (TdReportKind          kind);

guint               td_report_get_n_tables        (TdReport             *report);
TdReportTable      *td_report_get_table           (TdReport             *report,
                                                   guint                 index);
TdReportTable      *td_report_find_table          (TdReport             *report,
                                                   const char           *id);
TdReportTable      *td_report_add_table           (TdReport             *report,
                                                   const char           *id,
                                                   const char           *title);

const char         *td_report_table_get_id        (TdReportTable        *table);
const char         *td_report_table_get_title     (TdReportTable        *table);
guint               td_report_table_add_column    (TdReportTable        *table,
                                                   const char           *id,
                                                   const char           *title,
                                                   TdReportColumnKind    kind);
guint               td_report_table_get_n_columns (TdReportTable        *table);
const char         *td_report_table_get_column_id (TdReportTable        *table,
                                                   guint                 column);
const char         *td_report_table_get_column_title (TdReportTable     *table,
                                                   guint                 column);
TdReportColumnKind  td_report_table_get_column_kind (TdReportTable      *table,
                                                   guint                 column);
int                 td_report_table_find_column   (TdReportTable        *table,
                                                   const char           *id);
guint               td_report_table_add_row       (TdReportTable        *table);
guint               td_report_table_get_n_rows    (TdReportTable        *table);
void                td_report_table_set_num       (TdReportTable        *table,
                                                   guint                 row,
                                                   guint                 column,
                                                   gint64                value);
void                td_report_table_set_text      (TdReportTable        *table,
                                                   guint                 row,
                                                   guint                 column,
                                                   const char           *text);
gint64              td_report_table_get_num       (TdReportTable        *table,
                                                   guint                 row,
                                                   guint                 column);
const char         *td_report_table_get_text      (TdReportTable        *table,
                                                   guint                 row,
                                                   guint                 column);
gint64              td_report_table_sum           (TdReportTable        *table,
                                                   const char           *column_id);

char               *td_report_format_cell         (TdReportTable        *table,
                                                   guint                 row,
                                                   guint                 column,
                                                   const TdCurrency     *currency,
                                                   const TdMoneyFormat  *fmt);
char               *td_report_format_csv_cell     (TdReportTable        *table,
                                                   guint                 row,
                                                   guint                 column,
                                                   const TdCurrency     *currency);
void                td_report_write_csv           (TdReport             *report,
                                                   const TdCurrency     *currency,
                                                   GString              *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdReport, td_report_unref)

G_END_DECLS
