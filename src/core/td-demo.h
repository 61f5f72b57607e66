/* td-demo.h — a deterministic demo shop, for trying Thriftdesk and for benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_DEMO_DEFAULT_ITEMS 5000

/**
 * TdDemoOptions:
 * @items: how many items to take in (default 5,000; 1,000,000 must work)
 * @consignors: how many consignors (default 60)
 * @months: months of sales history before @now_us (default 12)
 * @seed: the same seed (and @now_us) gives the same shop, row for row
 * @now_us: the reference time, UTC microseconds; 0 means now
 */
typedef struct
{
  guint   items;
  guint   consignors;
  guint   months;
  guint32 seed;
  gint64  now_us;
} TdDemoOptions;

/* Called on the thread that generates, with 0.0 … 1.0. */
typedef void (*TdDemoProgressFunc) (double   fraction,
                                    gpointer user_data);

void     td_demo_options_init     (TdDemoOptions        *options);
gboolean td_demo_generate         (const char           *path,
                                   const TdDemoOptions  *options,
                                   TdDemoProgressFunc    progress,
                                   gpointer              progress_data,
                                   GCancellable         *cancellable,
                                   GError              **error);
void     td_demo_generate_async   (const char           *path,
                                   const TdDemoOptions  *options,
                                   TdDemoProgressFunc    progress,
                                   gpointer              progress_data,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gboolean td_demo_generate_finish  (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
