/* td-store-sync-private.h — shared by the outbox's store files (td-store-sync*.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-store-marketplaces.h"
#include "td-store-stock-private.h"
#include "td-store-sync.h"

G_BEGIN_DECLS

/* Withdrawals go before everything else in the queue. */
#define TD_SYNC_PRIORITY_WITHDRAW 100

#define TD_SYNC_JOB_COLUMNS \
  "SELECT j.id, j.account_id, ifnull (j.item_id, 0), j.op, j.attempts, j.next_at, j.state, " \
  "       j.last_error, j.created_at, ifnull (i.sku, ''), ifnull (i.title, ''), a.name " \
  "FROM sync_job j JOIN marketplace_account a ON a.id = j.account_id " \
  "LEFT JOIN item i ON i.id = j.item_id "

TdSyncJob *td_sync_job_read          (TdStmt      *stmt);

/* Queues a withdraw job for every queued/live listing of @item_id except on
 * @except_account_id (0: none), unless one is pending already; supersedes the pending
 * publish/update jobs of those listings. Inside the caller's transaction. */
gboolean   td_sync_queue_withdraw    (TdDatabase  *db,
                                      gint64       item_id,
                                      gint64       except_account_id,
                                      gint64       now_us,
                                      GError     **error);
/* A refund put @item_id back on the floor: every listing that the sale made at @sold_at took
 * down (a withdraw job queued at @sold_at) and that had been online (it has a remote id) is
 * queued to go back up: pending withdraw/update jobs superseded, state 'queued', one publish
 * job. The selling marketplace's own listing of an online sale had no such job. Inside the
 * caller's transaction; *@n_relisted is how many listings. */
gboolean   td_sync_queue_relist      (TdDatabase  *db,
                                      gint64       item_id,
                                      gint64       sold_at,
                                      gint64       now_us,
                                      guint       *n_relisted,
                                      GError     **error);
/* Marks pending jobs of (@account_id, @item_id) whose op is in @ops done, as superseded. */
gboolean   td_sync_supersede         (TdDatabase  *db,
                                      gint64       account_id,
                                      gint64       item_id,
                                      const char  *ops,
                                      GError     **error);
/* The item's effective price at @now_us (markdowns, colour tags, promotions applied). */
gboolean   td_sync_effective_price   (TdDatabase  *db,
                                      gint64       item_id,
                                      gint64       now_us,
                                      gint64      *price,
                                      GError     **error);

G_END_DECLS
