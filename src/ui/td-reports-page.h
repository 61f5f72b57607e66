/* td-reports-page.h — the Reports section: the owner's desk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"
#include "td-report.h"

G_BEGIN_DECLS

#define TD_TYPE_REPORTS_PAGE (td_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (TdReportsPage, td_reports_page, TD, REPORTS_PAGE, GtkWidget)

void      td_reports_page_set_context (TdReportsPage *self,
                                       TdContext     *context);
void      td_reports_page_show_report (TdReportsPage *self,
                                       TdReportKind   kind);
TdReport *td_reports_page_get_report  (TdReportsPage *self);
gboolean  td_reports_page_get_busy    (TdReportsPage *self);

/* td-reports-page-payouts.c */
void      td_reports_page_write_statements (GtkWidget            *page,
                                            TdContext            *context,
                                            const TdReportPeriod *period);
void      td_reports_page_payout_run       (GtkWidget            *page,
                                            TdContext            *context);

/* td-report-preview.c */
GtkWindow *td_report_preview_show      (GtkWidget     *parent,
                                       const char    *pdf_path,
                                       const char    *suggested_name);

G_END_DECLS
