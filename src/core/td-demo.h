/* td-demo.h — a deterministic demo shop, for trying Thriftdesk and for benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_DEMO_DEFAULT_ITEMS 5000

#define TD_DEMO_ERROR (td_demo_error_quark ())

/**
 * TdDemoError:
 * @TD_DEMO_ERROR_NOT_EMPTY: the shop already has consignors, items or sales; nothing was written
 */
typedef enum
{
  TD_DEMO_ERROR_NOT_EMPTY,
} TdDemoError;

/**
 * TdDemoOptions:
 * @items: how many items to take in (default 5,000; 1,000,000 must work)
 * @consignors: how many consignors at most (default 60; one per ~20 items for small demos;
 *   0 gives a charity shop with only donated and bought stock)
 * @months: months of sales history before @now_us (default 12; 1 … 1200)
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

/* Called with 0.01 … 1.0, at most ~100 times: by td_demo_generate() on the thread that
 * generates; by td_demo_generate_async() in the caller's thread-default main context. */
typedef void (*TdDemoProgressFunc) (double   fraction,
                                    gpointer user_data);

GQuark   td_demo_error_quark      (void);
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
