/* td-latency-meter.h — a developer's stopwatch for keystroke → results latency.
 *
 * Enabled by the environment variable TD_MEASURE_KEYSTROKES (any value): each keystroke
 * prints one line to stderr, and the summary (median, p95, max) is printed as
 * `name value unit` lines when the meter is freed, so runs compare by script. Disabled, the
 * meter is NULL and every call is a no-op.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _TdLatencyMeter TdLatencyMeter;

TdLatencyMeter *td_latency_meter_new_from_env (const char     *name);
void            td_latency_meter_start        (TdLatencyMeter *meter,
                                               GdkFrameClock  *clock);
void            td_latency_meter_settled      (TdLatencyMeter *meter,
                                               const char     *typed,
                                               guint           n_results);
void            td_latency_meter_painted      (TdLatencyMeter *meter);
void            td_latency_meter_free         (TdLatencyMeter *meter);

G_END_DECLS
