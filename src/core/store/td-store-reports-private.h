/* td-store-reports-private.h — shared by the files of the report queries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-store-private.h"
#include "td-store-reports.h"

G_BEGIN_DECLS

/* What one report is asked for; strings and zone borrowed. */
typedef struct
{
  TdReportPeriod        period;
  TdReportPeriod        compare;
  gboolean              has_compare;
  gint64                now_us;
  GTimeZone            *tz;
  GCancellable         *cancellable;
} TdReportQuery;

#define TD_REPORT_DAY_US ((gint64) 86400 * G_USEC_PER_SEC)

void        td_store_reports_bind_days   (TdStmt               *stmt,
                                          const TdReportPeriod *period);
GHashTable *td_store_reports_load_names  (TdDatabase           *db,
                                          const char           *sql,
                                          GError              **error);
const char *td_store_reports_name_of     (GHashTable           *names,
                                          gint64                id,
                                          const char           *none);
int         td_store_reports_compare_ids (gconstpointer         a,
                                          gconstpointer         b);

gboolean td_store_reports_step_row    (TdDatabase           *db,
                                       TdStmt               *stmt,
                                       gboolean             *have_row,
                                       GError              **error);

gboolean td_store_reports_categories  (TdDatabase           *db,
                                       const TdReportQuery  *q,
                                       TdReport             *report,
                                       GError              **error);
gboolean td_store_reports_consignors  (TdDatabase           *db,
                                       const TdReportQuery  *q,
                                       TdReport             *report,
                                       GError              **error);
gboolean td_store_reports_inventory   (TdDatabase           *db,
                                       const TdReportQuery  *q,
                                       TdReport             *report,
                                       GError              **error);
gboolean td_store_reports_impact      (TdDatabase           *db,
                                       const TdReportQuery  *q,
                                       TdReport             *report,
                                       GError              **error);

G_END_DECLS
