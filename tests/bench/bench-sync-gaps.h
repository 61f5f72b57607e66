/* bench-sync-gaps.h — what the sync bench's main-loop gaps were.
 *
 * Each CPU gap over 16 ms of the main thread is told with what the main connection did
 * meanwhile: its statements over 4 ms (wall) and its WAL checkpoints (its auto-checkpoint is
 * replaced by a hook doing the same PASSIVE checkpoint at the same 1,000 frames, timed);
 * where the thread was: a timer on the thread's CPU clock, re-armed by every tick, takes a
 * backtrace() after 12 ms of CPU without one and every 4 ms after that (resolve the
 * "binary(+0x…)" frames with addr2line -e); and whether a witness thread that only sleeps
 * 1 ms at a time was held up as long at the same moment (then the process or the VM was not
 * running: no work of the main loop). Linux only, like the bench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

typedef struct _BenchGaps BenchGaps;

/* Starts watching this thread and @handle, the main connection. */
BenchGaps *bench_gaps_start (sqlite3   *handle);
/* From each tick: the CPU time and the wall time since the last one. */
void       bench_gaps_tick  (BenchGaps *self,
                             gint64     cpu_us,
                             gint64     wall_us);
/* Stops the timer and the witness (prints sync.witness.over16). */
void       bench_gaps_stop  (BenchGaps *self);
/* sync.stall_cpu.gap[T s] lines (T: seconds since the start), their backtraces, and every
 * slow statement of the main connection (sync.main_sql[T s]). */
void       bench_gaps_print (BenchGaps *self);
/* Stops, and gives the connection its own hooks back. */
void       bench_gaps_free  (BenchGaps *self);
