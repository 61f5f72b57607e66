/* td-report-period.h — the periods the owner's desk reports over, in the shop's local days.
 *
 * A period is a closed range of local business days (yyyymmdd), the same kind of day the
 * `*_day` columns hold, so a sale at 23:59 local time lands on its own day whatever the UTC
 * offset, and a DST change day is simply one day (of 23 or 25 hours). Tables with only a UTC
 * time (`*_at`) are read between the local midnights td_report_period_bounds() computes.
 * Everything here is pure: the clock and the zone are parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TD_PERIOD_TODAY,
  TD_PERIOD_THIS_WEEK,    /* Monday … today */
  TD_PERIOD_THIS_MONTH,   /* the 1st … today */
  TD_PERIOD_LAST_MONTH,   /* the whole previous calendar month */
  TD_PERIOD_THIS_YEAR,    /* 1 January … today */
  TD_PERIOD_CUSTOM,
  TD_N_PERIODS
} TdPeriodKind;

typedef enum
{
  TD_BUCKET_DAY,
  TD_BUCKET_WEEK,         /* key: the Monday */
  TD_BUCKET_MONTH,        /* key: the 1st */
} TdBucket;

/**
 * TdReportPeriod:
 * @kind: how it was chosen
 * @first_day: first local day, yyyymmdd, inclusive
 * @last_day: last local day, yyyymmdd, inclusive
 */
typedef struct
{
  TdPeriodKind kind;
  int          first_day;
  int          last_day;
} TdReportPeriod;

gboolean    td_report_day_valid          (int                    day);
int         td_report_day_add            (int                    day,
                                          int                    n_days);
int         td_report_days_between       (int                    first,
                                          int                    last);
int         td_report_day_of             (gint64                 at_us,
                                          GTimeZone             *tz);
gint64      td_report_day_start          (int                    day,
                                          GTimeZone             *tz);
int         td_report_day_bucket         (int                    day,
                                          TdBucket               bucket);
int         td_report_bucket_next        (int                    key,
                                          TdBucket               bucket);

gboolean    td_report_period_init        (TdReportPeriod        *period,
                                          TdPeriodKind           kind,
                                          int                    today,
                                          int                    custom_first,
                                          int                    custom_last);
void        td_report_period_previous    (const TdReportPeriod  *period,
                                          TdReportPeriod        *previous);
void        td_report_period_bounds      (const TdReportPeriod  *period,
                                          GTimeZone             *tz,
                                          gint64                *start_us,
                                          gint64                *end_us);
int         td_report_period_n_days      (const TdReportPeriod  *period);
TdBucket    td_report_period_bucket      (const TdReportPeriod  *period);
char       *td_report_period_format      (const TdReportPeriod  *period);
char       *td_report_day_format_iso     (int                    day);

G_END_DECLS
