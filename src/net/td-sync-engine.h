/* td-sync-engine.h — drains the marketplace outbox in the background, polls orders.
 *
 * One engine per open shop, on the main context, with the app's one SoupSession. It never
 * blocks: every request is async; every database write is one short transaction. Per account
 * it keeps at most `concurrency` batches in flight, spaces requests to the account's rate
 * limit and daily budget, backs off with jitter, honours Retry-After, pauses an account that
 * needs reconnecting, and notices when the network is gone (GNetworkMonitor + failed calls).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "td-database.h"
#include "td-marketplace.h"
#include "td-secrets.h"

G_BEGIN_DECLS

#define TD_TYPE_SYNC_ENGINE (td_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (TdSyncEngine, td_sync_engine, TD, SYNC_ENGINE, GObject)

/* @photos_root: where originals live (td_photo_store_get_root()). */
TdSyncEngine *td_sync_engine_new          (TdDatabase   *database,
                                           TdSecrets    *secrets,
                                           const char   *photos_root);
SoupSession  *td_sync_engine_get_session  (TdSyncEngine *self);
/* Loads the active accounts (again) and starts draining; call after accounts change. */
void          td_sync_engine_reload       (TdSyncEngine *self);
void          td_sync_engine_start        (TdSyncEngine *self);
void          td_sync_engine_stop         (TdSyncEngine *self);
/* Wake now: "Sync now", or right after a sale so withdrawals go out within seconds. */
void          td_sync_engine_kick         (TdSyncEngine *self);
gboolean      td_sync_engine_is_online    (TdSyncEngine *self);
/* Seconds between order polls (default 120). */
void          td_sync_engine_set_poll_interval (TdSyncEngine *self,
                                                guint         seconds);
/* %TRUE while nothing is due and nothing is in flight (tests wait on this). */
gboolean      td_sync_engine_is_idle      (TdSyncEngine *self);
/* The clock the engine reads (UTC µs) for due times, polls and the daily budget; default
 * g_get_real_time(). Tests move it forward to simulate long outages and day rollovers.
 * Request spacing (the rate limit) always uses the monotonic clock. */
void          td_sync_engine_set_clock    (TdSyncEngine *self,
                                           gint64      (*now_us) (gpointer data),
                                           gpointer      data);

/* Signals:
 *   "changed"          ()                       queue / listings / conflicts changed
 *   "notify::online"                            the offline banner follows this
 *   "conflict"         (gint64 conflict_id)     an online order hit an item sold in the shop
 *   "account-needs-reconnect" (gint64 account_id)
 */

G_END_DECLS
