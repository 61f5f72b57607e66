/* td-demo-calendar.c — the demo shop's opening days and its business clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-demo"

#include "config.h"

#include "td-demo-private.h"
#include "td-store-demo.h"

static gint64
dt_to_us (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static gint64
local_time_us (TdDemoGenerator *gen,
               GDate           *date,
               int              hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new (gen->tz, g_date_get_year (date),
                                             g_date_get_month (date), g_date_get_day (date),
                                             hour, 0, 0);

  return dt_to_us (dt);
}

static const char *
holiday (GDate *date)
{
  int month = g_date_get_month (date);
  int day = g_date_get_day (date);

  if (month == 12 && (day == 25 || day == 26))
    return "Christmas";
  if (month == 1 && day == 1)
    return "New Year’s Day";
  return NULL;
}

/* Intake on Saturdays and in spring is busier, in January quieter. */
static double
day_weight (GDate *date)
{
  static const double weekday[] = { 0, 0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 0 };
  static const double month[] = { 0, 0.8, 0.85, 1.1, 1.15, 1.1, 1.0, 0.95, 0.9, 1.1, 1.05, 1.0,
                                  0.9 };

  return weekday[g_date_get_weekday (date)] * month[g_date_get_month (date)];
}

static gboolean
flush_closure (TdDemoGenerator  *gen,
               int              *first,
               int              *last,
               const char      **note,
               GError          **error)
{
  gboolean ok = TRUE;

  if (*note != NULL)
    ok = td_store_demo_insert_closure (gen->db, *first, *last, *note, error);
  *note = NULL;
  return ok;
}

/* Lays out the opening days from the first intake to now, and who takes in how much when. */
gboolean
td_demo_calendar_build (TdDemoGenerator  *gen,
                        GError          **error)
{
  g_autoptr(GDateTime) now_utc = g_date_time_new_from_unix_utc (gen->now_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now_local = g_date_time_to_timezone (now_utc, gen->tz);
  g_autoptr(GDateTime) window_dt = g_date_time_add_months (now_local,
                                                           -(int) gen->options->months);
  g_autoptr(GDateTime) intake_dt = NULL;
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 window_us = dt_to_us (window_dt) + gen->now_us % G_USEC_PER_SEC;
  gint64 intake_us = window_us - LEAD_DAYS * DAY_US;
  const char *closure_note = NULL;
  int closure_first = 0, closure_last = 0;
  double total_weight = 0, cum = 0;
  GDate date, end;
  gint64 b = 0;

  gen->this_year = g_date_time_get_year (now_local);
  intake_dt = g_date_time_add (window_dt, -LEAD_DAYS * DAY_US);
  g_date_clear (&date, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (intake_dt),
                  g_date_time_get_month (intake_dt), g_date_time_get_year (intake_dt));
  g_date_set_dmy (&end, g_date_time_get_day_of_month (now_local),
                  g_date_time_get_month (now_local), g_date_time_get_year (now_local));

  gen->first_sale_day = G_MAXUINT;
  for (; g_date_compare (&date, &end) <= 0; g_date_add_days (&date, 1))
    {
      int yyyymmdd = g_date_get_year (&date) * 10000 + g_date_get_month (&date) * 100 +
                     g_date_get_day (&date);
      const char *closed = holiday (&date);
      TdDemoDay day = { 0 };
      double weight;

      if (closed != NULL)
        {
          if (closure_note != NULL && g_strcmp0 (closure_note, closed) != 0 &&
              !flush_closure (gen, &closure_first, &closure_last, &closure_note, error))
            return FALSE;
          if (closure_note == NULL)
            closure_first = yyyymmdd;
          closure_last = yyyymmdd;
          closure_note = closed;
          continue;
        }
      if (!flush_closure (gen, &closure_first, &closure_last, &closure_note, error))
        return FALSE;
      if (g_date_get_weekday (&date) == G_DATE_SUNDAY)
        continue;

      day.open_us = MAX (local_time_us (gen, &date, OPEN_HOUR), intake_us);
      day.close_us = MIN (local_time_us (gen, &date, CLOSE_HOUR), gen->now_us);
      if (day.close_us <= day.open_us)
        continue;
      day.yyyymmdd = yyyymmdd;
      day.b_start = b;
      b += day.close_us - day.open_us;

      if (day.close_us > window_us && gen->first_sale_day == G_MAXUINT)
        {
          gen->first_sale_day = gen->days->len;
          gen->b_window = day.b_start + MAX (0, window_us - day.open_us);
        }
      if (gen->first_sale_day != G_MAXUINT && gen->days->len > gen->first_sale_day)
        {
          const TdDemoDay *prev = &g_array_index (gen->days, TdDemoDay, gen->days->len - 1);

          day.payout_day = prev->yyyymmdd / 100 != yyyymmdd / 100;
        }

      weight = day_weight (&date) * (double) (day.close_us - day.open_us) / BUSINESS_DAY_US;
      total_weight += weight;
      g_array_append_val (weights, weight);
      g_array_append_val (gen->days, day);
    }
  if (!flush_closure (gen, &closure_first, &closure_last, &closure_note, error))
    return FALSE;

  gen->b_total = b;
  if (gen->first_sale_day == G_MAXUINT)
    {
      gen->first_sale_day = gen->days->len;
      gen->b_window = b;
    }

  /* Share the items out over the days by weight; the last day takes exactly the rest. */
  for (guint i = 0; i < gen->days->len; i++)
    {
      TdDemoDay *day = &g_array_index (gen->days, TdDemoDay, i);

      cum += g_array_index (weights, double, i);
      day->quota = i + 1 == gen->days->len
                     ? gen->options->items
                     : (guint) ((double) gen->options->items * cum / total_weight);
    }

  return TRUE;
}

/* Where a point of the business clock falls: an opening day and a real time inside it. */
gint64
td_demo_calendar_locate (TdDemoGenerator *gen,
                         gint64           b,
                         guint           *day_index)
{
  guint lo = 0, hi = gen->days->len - 1;
  const TdDemoDay *day;

  g_assert (b >= 0 && b < gen->b_total);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (g_array_index (gen->days, TdDemoDay, mid).b_start <= b)
        lo = mid;
      else
        hi = mid - 1;
    }
  day = &g_array_index (gen->days, TdDemoDay, lo);
  *day_index = lo;
  return day->open_us + (b - day->b_start);
}

/* Item @k of the @n taken in on @day: spread evenly over its opening hours. */
gint64
td_demo_calendar_item_time (const TdDemoDay *day,
                            guint            k,
                            guint            n)
{
  return day->open_us + (gint64) (2 * k + 1) * (day->close_us - day->open_us) / (2 * (gint64) n);
}
