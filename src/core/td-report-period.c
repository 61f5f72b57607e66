/* td-report-period.c — report periods in local business days; see td-report-period.h.
 *
 * Day arithmetic goes through GDate (a calendar with no clock), so it can't be bent by a DST
 * change; only td_report_day_of() and td_report_day_start() meet a time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-report-period.h"

static gboolean
to_gdate (int    day,
          GDate *date)
{
  int y = day / 10000, m = day / 100 % 100, d = day % 100;

  g_date_clear (date, 1);
  if (y < 1 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static int
from_gdate (const GDate *date)
{
  return g_date_get_year (date) * 10000 + g_date_get_month (date) * 100 + g_date_get_day (date);
}

/**
 * td_report_day_valid:
 * Whether @day is a real calendar day written yyyymmdd.
 */
gboolean
td_report_day_valid (int day)
{
  GDate date;

  return to_gdate (day, &date);
}

/**
 * td_report_day_add:
 * The day @n_days after @day (before, when negative).
 */
int
td_report_day_add (int day,
                   int n_days)
{
  GDate date;

  g_return_val_if_fail (to_gdate (day, &date), day);
  if (n_days >= 0)
    g_date_add_days (&date, (guint) n_days);
  else
    g_date_subtract_days (&date, (guint) -n_days);
  return from_gdate (&date);
}

/**
 * td_report_days_between:
 * Days from @first to @last (0 when equal, negative when @last comes first).
 */
int
td_report_days_between (int first,
                        int last)
{
  GDate a, b;

  g_return_val_if_fail (to_gdate (first, &a) && to_gdate (last, &b), 0);
  return g_date_days_between (&a, &b);
}

/**
 * td_report_day_of:
 * @at_us: UTC µs
 * @tz: (nullable): the shop's zone; %NULL: local
 *
 * The local day (yyyymmdd) of a moment.
 */
int
td_report_day_of (gint64     at_us,
                  GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = tz == NULL ? g_time_zone_new_local () : g_time_zone_ref (tz);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, local);

  return g_date_time_get_year (dt) * 10000 + g_date_time_get_month (dt) * 100
         + g_date_time_get_day_of_month (dt);
}

/**
 * td_report_day_start:
 * @tz: (nullable): the shop's zone; %NULL: local
 *
 * The first moment (UTC µs) of local day @day: its midnight, or the first time that exists
 * when a DST change skips midnight.
 */
gint64
td_report_day_start (int        day,
                     GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = tz == NULL ? g_time_zone_new_local () : g_time_zone_ref (tz);
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  g_return_val_if_fail (to_gdate (day, &date), 0);
  /* area: a zone whose DST jump skips 00:00 (e.g. America/Havana) has no midnight that
   * day; g_date_time_new() then moves forward into the day, which is what we want. */
  dt = g_date_time_new (local, g_date_get_year (&date), g_date_get_month (&date),
                        g_date_get_day (&date), 0, 0, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/**
 * td_report_day_bucket:
 * The key of the bucket @day falls in: the day itself, its week's Monday, or its month's 1st.
 */
int
td_report_day_bucket (int      day,
                      TdBucket bucket)
{
  GDate date;

  g_return_val_if_fail (to_gdate (day, &date), day);
  switch (bucket)
    {
    case TD_BUCKET_WEEK:
      g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
      return from_gdate (&date);
    case TD_BUCKET_MONTH:
      return day / 100 * 100 + 1;
    case TD_BUCKET_DAY:
    default:
      return day;
    }
}

/**
 * td_report_bucket_next:
 * The key of the bucket after the one keyed @key.
 */
int
td_report_bucket_next (int      key,
                       TdBucket bucket)
{
  GDate date;

  g_return_val_if_fail (to_gdate (key, &date), key);
  switch (bucket)
    {
    case TD_BUCKET_WEEK:
      g_date_add_days (&date, 7);
      break;
    case TD_BUCKET_MONTH:
      g_date_add_months (&date, 1);
      break;
    case TD_BUCKET_DAY:
    default:
      g_date_add_days (&date, 1);
      break;
    }
  return from_gdate (&date);
}

/**
 * td_report_period_init:
 * @period: (out): the period
 * @kind: which period
 * @today: the local day now (yyyymmdd); the clock is the caller's
 * @custom_first: for %TD_PERIOD_CUSTOM, the first day; ignored otherwise
 * @custom_last: for %TD_PERIOD_CUSTOM, the last day; ignored otherwise
 *
 * Returns: %FALSE when a day is not a real day or a custom range ends before it starts.
 */
gboolean
td_report_period_init (TdReportPeriod *period,
                       TdPeriodKind    kind,
                       int             today,
                       int             custom_first,
                       int             custom_last)
{
  GDate date;

  g_return_val_if_fail (period != NULL, FALSE);
  period->kind = kind;
  if (kind == TD_PERIOD_CUSTOM)
    {
      if (!td_report_day_valid (custom_first) || !td_report_day_valid (custom_last) ||
          custom_last < custom_first)
        return FALSE;
      period->first_day = custom_first;
      period->last_day = custom_last;
      return TRUE;
    }
  if (!to_gdate (today, &date))
    return FALSE;

  period->last_day = today;
  switch (kind)
    {
    case TD_PERIOD_TODAY:
      period->first_day = today;
      break;
    case TD_PERIOD_THIS_WEEK:
      period->first_day = td_report_day_bucket (today, TD_BUCKET_WEEK);
      break;
    case TD_PERIOD_THIS_MONTH:
      period->first_day = today / 100 * 100 + 1;
      break;
    case TD_PERIOD_LAST_MONTH:
      g_date_set_day (&date, 1);
      g_date_subtract_days (&date, 1);
      period->last_day = from_gdate (&date);
      period->first_day = period->last_day / 100 * 100 + 1;
      break;
    case TD_PERIOD_THIS_YEAR:
      period->first_day = today / 10000 * 10000 + 101;
      break;
    case TD_PERIOD_CUSTOM:
    case TD_N_PERIODS:
    default:
      return FALSE;
    }
  return TRUE;
}

/* The same day @months earlier, clamped to the end of a shorter month (31 March → 28 Feb). */
static int
months_back (int day,
             int months)
{
  GDate date;

  to_gdate (day, &date);
  g_date_subtract_months (&date, (guint) months);
  return from_gdate (&date);
}

/**
 * td_report_period_previous:
 * @previous: (out): the period to compare @period with
 *
 * The same stretch one calendar unit earlier: yesterday for today; last week's Monday up to
 * the same weekday; last month's 1st up to the same date (clamped); the whole month before
 * last month; last year's 1 January up to the same date; and for a custom range the as many
 * days just before it.
 */
void
td_report_period_previous (const TdReportPeriod *period,
                           TdReportPeriod       *previous)
{
  g_return_if_fail (period != NULL && previous != NULL);
  previous->kind = TD_PERIOD_CUSTOM;
  switch (period->kind)
    {
    case TD_PERIOD_THIS_WEEK:
      previous->first_day = td_report_day_add (period->first_day, -7);
      previous->last_day = td_report_day_add (period->last_day, -7);
      break;
    case TD_PERIOD_THIS_MONTH:
      previous->first_day = months_back (period->first_day, 1);
      previous->last_day = months_back (period->last_day, 1);
      break;
    case TD_PERIOD_LAST_MONTH:
      previous->first_day = months_back (period->first_day, 1);
      previous->last_day = td_report_day_add (period->first_day, -1);
      break;
    case TD_PERIOD_THIS_YEAR:
      previous->first_day = months_back (period->first_day, 12);
      previous->last_day = months_back (period->last_day, 12);
      break;
    case TD_PERIOD_TODAY:
    case TD_PERIOD_CUSTOM:
    case TD_N_PERIODS:
    default:
      {
        int n = td_report_period_n_days (period);

        previous->last_day = td_report_day_add (period->first_day, -1);
        previous->first_day = td_report_day_add (period->first_day, -n);
      }
      break;
    }
}

/**
 * td_report_period_bounds:
 * @tz: (nullable): the shop's zone; %NULL: local
 * @start_us: (out): the first moment of the first day, UTC µs
 * @end_us: (out): the first moment of the day after the last day, UTC µs (exclusive)
 *
 * For tables that hold only UTC times (`ledger.created_at`, `payout.created_at` …). A period
 * over a DST change is an hour shorter or longer than its days × 24 hours.
 */
void
td_report_period_bounds (const TdReportPeriod *period,
                         GTimeZone            *tz,
                         gint64               *start_us,
                         gint64               *end_us)
{
  g_return_if_fail (period != NULL && start_us != NULL && end_us != NULL);
  *start_us = td_report_day_start (period->first_day, tz);
  *end_us = td_report_day_start (td_report_day_add (period->last_day, 1), tz);
}

/**
 * td_report_period_n_days:
 * How many days @period holds (at least 1).
 */
int
td_report_period_n_days (const TdReportPeriod *period)
{
  g_return_val_if_fail (period != NULL, 1);
  return td_report_days_between (period->first_day, period->last_day) + 1;
}

/**
 * td_report_period_bucket:
 * The bucket that draws @period readably: days up to ~2 months, weeks up to ~6 months, months.
 */
TdBucket
td_report_period_bucket (const TdReportPeriod *period)
{
  int n = td_report_period_n_days (period);

  return n <= 62 ? TD_BUCKET_DAY : n <= 186 ? TD_BUCKET_WEEK : TD_BUCKET_MONTH;
}

/**
 * td_report_day_format_iso:
 * Returns: (transfer full): @day as `YYYY-MM-DD`.
 */
char *
td_report_day_format_iso (int day)
{
  return g_strdup_printf ("%04d-%02d-%02d", day / 10000, day / 100 % 100, day % 100);
}

static char *
format_local (int day)
{
  GDate date;
  char buf[128];

  if (!to_gdate (day, &date) || g_date_strftime (buf, sizeof buf, "%x", &date) == 0)
    return td_report_day_format_iso (day);
  return g_strdup (buf);
}

/**
 * td_report_period_format:
 * Returns: (transfer full): the period in the locale's date format, "first – last" or one day.
 */
char *
td_report_period_format (const TdReportPeriod *period)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (period != NULL, NULL);
  first = format_local (period->first_day);
  if (period->first_day == period->last_day)
    return g_steal_pointer (&first);
  last = format_local (period->last_day);
  /* TRANSLATORS: a date range, e.g. "01/11/2026 – 22/11/2026" */
  return g_strdup_printf (_("%s – %s"), first, last);
}
