/* td-store-reports.h — the owner's desk: report queries over a period.
 *
 * Reports read only. They run on a worker thread with their own connection
 * (td_store_reports_run_async()), and can be cancelled mid-query. Sales are counted on the
 * local day they were rung up (`sold_day`), refunds on theirs (`refund_day`); voided sales
 * count nowhere. Indexes that make a year of a big shop read in well under 200 ms are in
 * resources/sql/0008-reports.sql.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-database.h"
#include "td-report.h"

G_BEGIN_DECLS

TdReport *td_store_reports_run        (TdDatabase            *db,
                                       TdReportKind           kind,
                                       const TdReportPeriod  *period,
                                       const TdReportPeriod  *compare,
                                       gint64                 now_us,
                                       GTimeZone             *tz,
                                       GCancellable          *cancellable,
                                       GError               **error);
void      td_store_reports_run_async  (const char            *path,
                                       TdReportKind           kind,
                                       const TdReportPeriod  *period,
                                       const TdReportPeriod  *compare,
                                       gint64                 now_us,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
TdReport *td_store_reports_run_finish (GAsyncResult          *result,
                                       GError               **error);

/* "1": print the estimated CO2e a sale kept out of production on its receipt; off unless set. */
#define TD_SETTING_RECEIPT_IMPACT_LINE "receipt.impact_line"

gboolean  td_store_reports_sale_impact    (TdDatabase     *db,
                                           gint64          sale_id,
                                           gint64         *co2e_g,
                                           gint64         *water_l,
                                           GError        **error);
char     *td_store_reports_format_impact_line (gint64      co2e_g);
gboolean  td_store_reports_set_factor     (TdDatabase     *db,
                                           gint64          category_id,
                                           gint64          co2e_g,
                                           gint64          water_l,
                                           gint64          staff_id,
                                           gint64          now_us,
                                           GError        **error);
gboolean  td_store_reports_default_factor (const char     *code,
                                           gint64         *co2e_g,
                                           gint64         *water_l);
const char *td_store_reports_default_source (const char *code);

/* Limits of one item's factor: 100 t CO2e, 100 million litres. */
#define TD_IMPACT_MAX_CO2E_G  G_GINT64_CONSTANT (100000000)
#define TD_IMPACT_MAX_WATER_L G_GINT64_CONSTANT (100000000)

/**
 * TdImpactFactor:
 * @category_id:
 * @parent_id: 0 for a top-level category
 * @name: "Clothing › Women"
 * @own_co2e_g: the shop's own grams CO2e per item sold, or -1 (and @own_water_l -1)
 * @own_water_l: the shop's own litres of water per item sold
 * @default_co2e_g: what counts without the shop's own: the shipped figure of the category's
 *   code, else (@default_from_parent) its parent's; -1 when neither (counted as zero)
 * @default_water_l:
 * @default_from_parent: the default is the parent category's figure
 * @source: (nullable): the shipped figure's short citation (static)
 */
typedef struct
{
  gint64      category_id;
  gint64      parent_id;
  char       *name;
  gint64      own_co2e_g;
  gint64      own_water_l;
  gint64      default_co2e_g;
  gint64      default_water_l;
  gboolean    default_from_parent;
  const char *source;
} TdImpactFactor;

/* One category's new factor: @co2e_g -1 goes back to the default. */
typedef struct
{
  gint64 category_id;
  gint64 co2e_g;
  gint64 water_l;
} TdImpactFactorChange;

GArray   *td_store_reports_list_factors   (TdDatabase                 *db,
                                           GError                    **error);
gboolean  td_store_reports_change_factors (TdDatabase                 *db,
                                           gint64                      staff_id,
                                           const TdImpactFactorChange *changes,
                                           guint                       n_changes,
                                           gint64                      now_us,
                                           GError                    **error);

G_END_DECLS
