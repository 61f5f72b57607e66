/* bench-sync-gaps.c — see bench-sync-gaps.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bench-sync-gaps.h"

/* A thread that sleeps 1 ms at a time and notes its wall gaps over 16 ms. */
#define MAX_WITNESS 256

typedef struct
{
  gint64   end_us[MAX_WITNESS];   /* monotonic */
  gint64   gap_us[MAX_WITNESS];
  guint    n;
  gint     stop;
} Witness;

typedef struct
{
  double  at_s;        /* when it ended, seconds after the start */
  double  ms;
  char   *what;
} Event;

struct _BenchGaps
{
  sqlite3 *handle;
  gint64   start;       /* monotonic µs */
  gboolean stopped;
  GArray  *gaps;        /* Event: CPU gaps over 16 ms (what = the wall gap) */
  GArray  *sql;         /* Event: the main connection's slow statements and checkpoints */
  Witness  witness;
  GThread *witness_thread;
};

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gpointer
witness_thread (gpointer data)
{
  Witness *w = data;
  gint64 last = g_get_monotonic_time ();

  while (!g_atomic_int_get (&w->stop))
    {
      gint64 now;

      g_usleep (1000);
      now = g_get_monotonic_time ();
      if (now - last > 16000 && w->n < MAX_WITNESS)
        {
          w->end_us[w->n] = now;
          w->gap_us[w->n] = now - last;
          w->n++;
        }
      last = now;
    }
  return NULL;
}

/* Backtraces of the main thread taken in CPU gaps (by a signal handler: no allocation). */
#define STACK_DEPTH 24
#define MAX_STACKS  48

typedef struct
{
  gint64  at_us;    /* monotonic */
  int     depth;
  void   *frames[STACK_DEPTH];
} Stack;

static Stack                 stacks[MAX_STACKS];
static volatile sig_atomic_t n_stacks;
static timer_t               gap_timer;
static gboolean              gap_timer_armed;

static void
gap_signal_cb (int sig)
{
  int n = n_stacks;
  struct timespec ts;

  if (n >= MAX_STACKS)
    return;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  stacks[n].at_us = ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
  stacks[n].depth = backtrace (stacks[n].frames, STACK_DEPTH);
  n_stacks = n + 1;
}

/* A timer on this thread's CPU clock that signals this thread. */
static void
gap_timer_start (void)
{
  struct sigevent event = { 0 };
  struct sigaction action = { 0 };
  clockid_t clock;
  void *warm[2];

  backtrace (warm, 2);   /* loads the unwinder now, not in the handler */
  n_stacks = 0;
  action.sa_handler = gap_signal_cb;
  action.sa_flags = SA_RESTART;
  sigemptyset (&action.sa_mask);
  event.sigev_notify = SIGEV_THREAD_ID;
  event.sigev_signo = SIGPROF;
  event._sigev_un._tid = gettid ();   /* sigev_notify_thread_id, which glibc 2.36 lacks */
  gap_timer_armed = pthread_getcpuclockid (pthread_self (), &clock) == 0
                    && sigaction (SIGPROF, &action, NULL) == 0
                    && timer_create (clock, &event, &gap_timer) == 0;
}

static void
gap_timer_rearm (void)
{
  struct itimerspec spec = { { 0, 4000000 }, { 0, 12000000 } };

  if (gap_timer_armed)
    timer_settime (gap_timer, 0, &spec, NULL);
}

static void
gap_timer_stop (void)
{
  if (!gap_timer_armed)
    return;
  timer_delete (gap_timer);
  signal (SIGPROF, SIG_DFL);
  gap_timer_armed = FALSE;
}

static void
event_clear (Event *event)
{
  g_free (event->what);
}

static void
note_event (BenchGaps  *t,
            GArray     *into,
            double      ms,
            char       *what)
{
  Event event = { (g_get_monotonic_time () - t->start) / 1e6, ms, what };

  if (!t->stopped)
    g_array_append_val (into, event);
  else
    g_free (what);
}

/* The main connection's statements over 4 ms (wall). */
static int
profile_cb (unsigned  type,
            void     *data,
            void     *stmt,
            void     *ns)
{
  BenchGaps *t = data;
  double ms = *(sqlite3_int64 *) ns / 1e6;

  if (type == SQLITE_TRACE_PROFILE && ms > 4)
    note_event (t, t->sql, ms, g_strdup (sqlite3_sql (stmt)));
  return 0;
}

/* What SQLite's default WAL hook does on the main connection (a PASSIVE checkpoint once the
 * WAL holds 1,000 frames after a commit), timed. */
static int
wal_cb (void       *data,
        sqlite3    *handle,
        const char *name,
        int         frames)
{
  BenchGaps *t = data;
  gint64 start = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  int log = 0, done = 0, rc;

  if (frames < 1000)
    return SQLITE_OK;
  rc = sqlite3_wal_checkpoint_v2 (handle, name, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
  note_event (t, t->sql, (g_get_monotonic_time () - start) / 1e3,
              g_strdup_printf ("WAL checkpoint (main connection, %d frames, %d copied, rc %d, "
                               "%.1f ms CPU)", log, done, rc, (thread_cpu_us () - cpu) / 1e3));
  return SQLITE_OK;
}

void
bench_gaps_print (BenchGaps *t)
{
  for (guint i = 0; i < t->gaps->len; i++)
    {
      Event *gap = &g_array_index (t->gaps, Event, i);
      double from = gap->at_s - g_ascii_strtod (gap->what, NULL) / 1e3 - 0.002;

      g_print ("sync.stall_cpu.gap[%.2f s] %.4g ms (wall %s ms)\n", gap->at_s, gap->ms,
               gap->what);
      for (guint k = 0; k < t->witness.n; k++)
        {
          double end = (t->witness.end_us[k] - t->start) / 1e6;

          if (end >= from && end - t->witness.gap_us[k] / 1e6 <= gap->at_s)
            g_print ("sync.stall_cpu.gap[%.2f s].witness %.4g ms (a sleeping thread held up "
                     "until %.2f s)\n", gap->at_s, t->witness.gap_us[k] / 1e3, end);
        }
      for (guint k = 0; k < t->sql->len; k++)
        {
          Event *sql = &g_array_index (t->sql, Event, k);

          if (sql->at_s >= from && sql->at_s <= gap->at_s)
            g_print ("sync.stall_cpu.gap[%.2f s].sql %.4g ms %s\n", gap->at_s, sql->ms,
                     sql->what);
        }
    }
  for (int k = 0; k < n_stacks; k++)
    {
      char **names = backtrace_symbols (stacks[k].frames, stacks[k].depth);

      g_print ("sync.stall_cpu.stack[%.3f s] %d frames\n", (stacks[k].at_us - t->start) / 1e6,
               stacks[k].depth);
      for (int i = 2; names != NULL && i < stacks[k].depth; i++)
        g_print ("#   %s\n", names[i]);
      free (names);   /* one block */
    }
  for (guint k = 0; k < t->sql->len; k++)
    {
      Event *sql = &g_array_index (t->sql, Event, k);

      g_print ("sync.main_sql[%.2f s] %.4g ms %s\n", sql->at_s, sql->ms, sql->what);
    }
}

BenchGaps *
bench_gaps_start (sqlite3 *handle)
{
  BenchGaps *self = g_new0 (BenchGaps, 1);

  self->handle = handle;
  self->gaps = g_array_new (FALSE, FALSE, sizeof (Event));
  self->sql = g_array_new (FALSE, FALSE, sizeof (Event));
  g_array_set_clear_func (self->gaps, (GDestroyNotify) event_clear);
  g_array_set_clear_func (self->sql, (GDestroyNotify) event_clear);
  sqlite3_trace_v2 (handle, SQLITE_TRACE_PROFILE, profile_cb, self);
  sqlite3_wal_hook (handle, wal_cb, self);
  self->start = g_get_monotonic_time ();
  gap_timer_start ();
  self->witness_thread = g_thread_new ("bench-witness", witness_thread, &self->witness);
  return self;
}

void
bench_gaps_tick (BenchGaps *self,
                 gint64     cpu_us,
                 gint64     wall_us)
{
  if (cpu_us > 16000)
    note_event (self, self->gaps, cpu_us / 1e3, g_strdup_printf ("%.1f", wall_us / 1e3));
  gap_timer_rearm ();
}

void
bench_gaps_stop (BenchGaps *self)
{
  if (self->stopped)
    return;
  self->stopped = TRUE;
  gap_timer_stop ();
  g_atomic_int_set (&self->witness.stop, 1);
  g_thread_join (g_steal_pointer (&self->witness_thread));
  g_print ("sync.witness.over16 %u gaps\n", self->witness.n);
}

void
bench_gaps_free (BenchGaps *self)
{
  if (self == NULL)
    return;
  bench_gaps_stop (self);
  sqlite3_trace_v2 (self->handle, 0, NULL, NULL);
  sqlite3_wal_autocheckpoint (self->handle, 1000);   /* SQLite's own hook again */
  g_array_unref (self->gaps);
  g_array_unref (self->sql);
  g_free (self);
}
