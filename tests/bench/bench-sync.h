/* bench-sync.h — the "sync" group of thriftdesk-bench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* Publishes @items items (10,000 for the real figures) to a local marketplace fake whose
 * every answer takes @latency_ms; @market: "ebay", "woocommerce", "shopify", "etsy" or NULL
 * for the first the build has; @rate: requests per second instead of the class's own (0: the
 * class's), to see the engine rather than the marketplace's pacing; @poll_s: seconds between
 * order polls (0: the engine's default). */
gboolean bench_sync_run (guint        items,
                         guint        latency_ms,
                         const char  *market,
                         double       rate,
                         guint        poll_s,
                         GError     **error);
