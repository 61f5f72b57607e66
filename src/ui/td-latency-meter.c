/* td-latency-meter.c — a developer's stopwatch for keystroke → results latency.
 *
 * Two figures per keystroke, from the moment the search text changed: `settled` when the
 * model holds the new results (the query, the capped count, items-changed and the rows the
 * view re-bound synchronously), `painted` when the frame showing them was painted
 * (GdkFrameClock::after-paint).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-latency"

#include "config.h"

#include <stdio.h>

#include "td-latency-meter.h"

struct _TdLatencyMeter
{
  char   *name;
  gint64  started_us;   /* 0: no keystroke waiting to be painted */
  GArray *settled;      /* double ms */
  GArray *painted;      /* double ms */
};

/**
 * td_latency_meter_new_from_env:
 * @name: the figures' prefix, such as "inventory.keystroke"
 *
 * Returns: (transfer full) (nullable): a meter, or %NULL unless TD_MEASURE_KEYSTROKES is set
 */
TdLatencyMeter *
td_latency_meter_new_from_env (const char *name)
{
  TdLatencyMeter *meter;

  if (g_getenv ("TD_MEASURE_KEYSTROKES") == NULL)
    return NULL;
  meter = g_new0 (TdLatencyMeter, 1);
  meter->name = g_strdup (name);
  meter->settled = g_array_new (FALSE, FALSE, sizeof (double));
  meter->painted = g_array_new (FALSE, FALSE, sizeof (double));
  return meter;
}

void
td_latency_meter_start (TdLatencyMeter *meter)
{
  if (meter != NULL)
    meter->started_us = g_get_monotonic_time ();
}

void
td_latency_meter_settled (TdLatencyMeter *meter,
                          const char     *typed,
                          guint           n_results)
{
  double ms;

  if (meter == NULL || meter->started_us == 0)
    return;
  ms = (g_get_monotonic_time () - meter->started_us) / 1000.0;
  g_array_append_val (meter->settled, ms);
  fprintf (stderr, "%s “%s”: %u results settled in %.2f ms\n", meter->name, typed, n_results,
           ms);
}

void
td_latency_meter_painted (TdLatencyMeter *meter)
{
  double ms;

  if (meter == NULL || meter->started_us == 0)
    return;
  ms = (g_get_monotonic_time () - meter->started_us) / 1000.0;
  meter->started_us = 0;
  g_array_append_val (meter->painted, ms);
  fprintf (stderr, "%s painted in %.2f ms\n", meter->name, ms);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_summary (const char *name,
               const char *what,
               GArray     *values)
{
  double *v = (double *) values->data;
  guint n = values->len;

  if (n == 0)
    return;
  g_array_sort (values, compare_double);
  fprintf (stderr, "%s.%s.n %u keystrokes\n", name, what, n);
  fprintf (stderr, "%s.%s.median %.2f ms\n", name, what, v[n / 2]);
  fprintf (stderr, "%s.%s.p95 %.2f ms\n", name, what, v[MIN (n - 1, (guint) (n * 0.95))]);
  fprintf (stderr, "%s.%s.max %.2f ms\n", name, what, v[n - 1]);
}

void
td_latency_meter_free (TdLatencyMeter *meter)
{
  if (meter == NULL)
    return;
  print_summary (meter->name, "settled", meter->settled);
  print_summary (meter->name, "painted", meter->painted);
  g_array_unref (meter->settled);
  g_array_unref (meter->painted);
  g_free (meter->name);
  g_free (meter);
}
