/* td-latency-meter.c — a developer's stopwatch for keystroke → results latency.
 *
 * Two figures per keystroke, from the moment the search text changed: `settled` when the
 * model holds the new results (the query, the capped count, items-changed and the rows the
 * view re-bound synchronously), `painted` when the frame showing them was painted
 * (GdkFrameClock::after-paint). `painted` is split by the frame clock's phases: `wait` until
 * the frame began (before-paint), `layout` (update + layout: measuring and allocating the
 * rows) and `paint` (snapshot and render, where the renderer's cost shows). `painted_cpu` is
 * the main thread's CPU time over the same span: on a busy shared machine it moves far less
 * than the wall-clock figures (the X server's own work is not in it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-latency"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "td-latency-meter.h"

enum
{
  FIGURE_SETTLED,
  FIGURE_PAINTED,
  FIGURE_PAINTED_CPU,
  FIGURE_WAIT,
  FIGURE_LAYOUT,
  FIGURE_PAINT,
  N_FIGURES
};

static const char * const figure_names[N_FIGURES] = {
  "settled", "painted", "painted_cpu", "wait", "layout", "paint",
};

struct _TdLatencyMeter
{
  char          *name;
  gint64         started_us;   /* 0: no keystroke waiting to be painted */
  gint64         started_cpu_us;
  gboolean       settled_seen; /* the entry may repeat a search: count its first settle */
  gint64         settled_cpu_us;
  gint64         frame_us;     /* before-paint of the frame under way, 0: none yet */
  gint64         frame_cpu_us;
  gint64         layout_us;    /* the end of its layout phase */
  GdkFrameClock *clock;        /* weak */
  gulong         handlers[2];
  GArray        *figures[N_FIGURES];  /* double ms */
};

/* The main thread's CPU time, µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
add_figure (TdLatencyMeter *meter,
            guint           figure,
            double          ms)
{
  g_array_append_val (meter->figures[figure], ms);
}

static void
before_paint_cb (GdkFrameClock  *clock,
                 TdLatencyMeter *meter)
{
  if (meter->started_us != 0 && meter->frame_us == 0)
    {
      meter->frame_us = g_get_monotonic_time ();
      meter->frame_cpu_us = thread_cpu_us ();
    }
}

static void
layout_done_cb (GdkFrameClock  *clock,
                TdLatencyMeter *meter)
{
  if (meter->started_us != 0 && meter->frame_us != 0)
    meter->layout_us = g_get_monotonic_time ();
}

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
  for (guint f = 0; f < N_FIGURES; f++)
    meter->figures[f] = g_array_new (FALSE, FALSE, sizeof (double));
  return meter;
}

static void
unwatch (TdLatencyMeter *meter)
{
  if (meter->clock == NULL)
    return;
  for (guint h = 0; h < G_N_ELEMENTS (meter->handlers); h++)
    g_clear_signal_handler (&meter->handlers[h], meter->clock);
  g_object_remove_weak_pointer (G_OBJECT (meter->clock), (gpointer *) &meter->clock);
  meter->clock = NULL;
}

/**
 * td_latency_meter_start:
 * @clock: (nullable): the frame clock that will paint the results, to split `painted` by phase
 *
 * A keystroke: the stopwatch starts.
 */
void
td_latency_meter_start (TdLatencyMeter *meter,
                        GdkFrameClock  *clock)
{
  if (meter == NULL)
    return;
  meter->started_us = g_get_monotonic_time ();
  meter->started_cpu_us = thread_cpu_us ();
  meter->settled_seen = FALSE;
  meter->settled_cpu_us = 0;
  meter->frame_us = 0;
  meter->layout_us = 0;
  if (clock != NULL && clock != meter->clock)
    {
      unwatch (meter);
      meter->clock = clock;
      g_object_add_weak_pointer (G_OBJECT (clock), (gpointer *) &meter->clock);
      meter->handlers[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb),
                                             meter);
      /* After GTK's own layout handler: the end of the layout phase. */
      meter->handlers[1] = g_signal_connect_after (clock, "layout", G_CALLBACK (layout_done_cb),
                                                   meter);
    }
}

void
td_latency_meter_settled (TdLatencyMeter *meter,
                          const char     *typed,
                          guint           n_results)
{
  double ms;

  if (meter == NULL || meter->started_us == 0 || meter->settled_seen)
    return;
  meter->settled_seen = TRUE;
  meter->settled_cpu_us = thread_cpu_us ();
  ms = (g_get_monotonic_time () - meter->started_us) / 1000.0;
  add_figure (meter, FIGURE_SETTLED, ms);
  fprintf (stderr, "%s “%s”: %u results settled in %.2f ms\n", meter->name, typed, n_results,
           ms);
}

void
td_latency_meter_painted (TdLatencyMeter *meter)
{
  gint64 now;
  double ms, cpu_ms;

  if (meter == NULL || meter->started_us == 0)
    return;
  now = g_get_monotonic_time ();
  ms = (now - meter->started_us) / 1000.0;
  cpu_ms = (thread_cpu_us () - meter->started_cpu_us) / 1000.0;
  add_figure (meter, FIGURE_PAINTED, ms);
  add_figure (meter, FIGURE_PAINTED_CPU, cpu_ms);
  if (meter->frame_us != 0)
    {
      /* No layout signal: nothing needed layout in that frame. */
      gint64 layout_end = meter->layout_us != 0 ? meter->layout_us : meter->frame_us;
      double wait = (meter->frame_us - meter->started_us) / 1000.0;
      double layout = (layout_end - meter->frame_us) / 1000.0;
      double paint = (now - layout_end) / 1000.0;

      add_figure (meter, FIGURE_WAIT, wait);
      add_figure (meter, FIGURE_LAYOUT, layout);
      add_figure (meter, FIGURE_PAINT, paint);
      fprintf (stderr, "%s painted in %.2f ms (frame began %.2f, layout %.2f, paint %.2f; "
               "main thread CPU %.2f ms: %.2f to settle, %.2f more until the frame)\n",
               meter->name, ms, wait, layout, paint, cpu_ms,
               meter->settled_cpu_us ? (meter->settled_cpu_us - meter->started_cpu_us) / 1000.0 : 0,
               meter->settled_cpu_us ? (meter->frame_cpu_us - meter->settled_cpu_us) / 1000.0 : 0);
    }
  else
    fprintf (stderr, "%s painted in %.2f ms (main thread CPU %.2f ms)\n", meter->name, ms,
             cpu_ms);
  meter->started_us = 0;
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
  unwatch (meter);
  for (guint f = 0; f < N_FIGURES; f++)
    {
      print_summary (meter->name, figure_names[f], meter->figures[f]);
      g_array_unref (meter->figures[f]);
    }
  g_free (meter->name);
  g_free (meter);
}
