/* td-sync-writer.h — the sync engine's database work off the main loop.
 *
 * One thread with its own TdDatabase connection on the shop file (WAL; the default busy
 * timeout) takes the engine's operations in order: claiming a batch and reading its items,
 * remote ids the moment a class learns them, a whole batch's outcomes in one transaction,
 * request-budget counts, and the order polls' writes (their "Sync now" claims, imported
 * orders, the orders cursor). What the engine must do afterwards runs on the main context the writer was
 * made on. Each write is one short transaction, never held across network I/O, so a counter
 * sale on the main connection waits at most for one of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-store-sync.h"

G_BEGIN_DECLS

typedef struct _TdSyncWriter TdSyncWriter;

/* Called on the writer's main context once the outcomes are committed (or failed: logged). */
typedef void (*TdSyncWriterDone)   (gpointer   user_data);
/* @jobs: (element-type TdSyncJob) the claimed jobs of @op, maybe none; @items: (element-type
 * TdSyncItem) one per job, %NULL where the item could not be read; @messages: (element-type
 * utf8) why, %NULL where read. All (transfer full). */
typedef void (*TdSyncWriterClaimed) (TdSyncOp   op,
                                     GPtrArray *jobs,
                                     GPtrArray *items,
                                     GPtrArray *messages,
                                     gpointer   user_data);
/* @job_ids: (element-type gint64) the pull_orders jobs claimed, maybe none; @cursor: the
 * account's "orders" cursor, %NULL when it has none. Both (transfer full). */
typedef void (*TdSyncWriterPulls)   (GArray    *job_ids,
                                     char      *cursor,
                                     gpointer   user_data);
/* @all_in: every order went in (and the cursor moved, when one was given); @conflicts:
 * (element-type gint64) (transfer none) the open conflicts those orders made; @wrote: a sale,
 * a conflict or a job's outcome was written. */
typedef void (*TdSyncWriterImported) (gboolean  all_in,
                                      GArray   *conflicts,
                                      gboolean  wrote,
                                      gpointer  user_data);

TdSyncWriter *td_sync_writer_new         (const char          *db_path,
                                          const char          *photos_root);
/* Writes everything queued, closes the connection and ends the thread. */
void          td_sync_writer_free        (TdSyncWriter        *self);
/* Blocks until everything queued so far is written. */
void          td_sync_writer_flush       (TdSyncWriter        *self);
/* Nothing queued or being written (completions may still wait on the main context). */
gboolean      td_sync_writer_is_idle     (TdSyncWriter        *self);

void          td_sync_writer_remote_known (TdSyncWriter       *self,
                                           gint64              account_id,
                                           gint64              item_id,
                                           const char         *remote_id,
                                           const char         *remote_ref,
                                           gint64              now_us);
void          td_sync_writer_cursor_set  (TdSyncWriter        *self,
                                          gint64               account_id,
                                          const char          *name,
                                          const char          *value);
/* Records @job_ids[i] with @outcomes[i] (TdSyncOutcome, borrowed until @done) in one
 * transaction; @done may be %NULL. */
void          td_sync_writer_finish      (TdSyncWriter        *self,
                                          GArray              *job_ids,
                                          GPtrArray           *outcomes,
                                          gint64               now_us,
                                          TdSyncWriterDone     done,
                                          gpointer             user_data);
/* Claims due jobs of @account_id as td_store_sync_claim() does, withdrawals first (only
 * those when @withdraw_only), up to @limits[] (withdraw, publish, update) of the first op
 * that has any, and reads their items as td_store_sync_load_item() does. */
void          td_sync_writer_claim       (TdSyncWriter        *self,
                                          gint64               account_id,
                                          gboolean             withdraw_only,
                                          const guint          limits[3],
                                          gint64               now_us,
                                          TdSyncWriterClaimed  claimed,
                                          gpointer             user_data);
/* Claims up to @limit due pull_orders jobs of @account_id as td_store_sync_claim() does and
 * reads the account's "orders" cursor. */
void          td_sync_writer_claim_pulls (TdSyncWriter        *self,
                                          gint64               account_id,
                                          guint                limit,
                                          gint64               now_us,
                                          TdSyncWriterPulls    pulls,
                                          gpointer             user_data);
/* One order poll's writes: imports @orders (TdOnlineOrder, may be %NULL) as
 * td_store_sync_import_order() does, each in its own transaction, in order, up to the first
 * that fails; only when all went in sets the account's "orders" cursor to @next_cursor (when
 * not %NULL); then records @job_ids[i] with @outcomes[i] (TdSyncOutcome) in one transaction.
 * @orders and @outcomes are held until @imported has run. */
void          td_sync_writer_import_orders (TdSyncWriter       *self,
                                            gint64              account_id,
                                            GPtrArray          *orders,
                                            const char         *next_cursor,
                                            GArray             *job_ids,
                                            GPtrArray          *outcomes,
                                            gint64              now_us,
                                            TdSyncWriterImported imported,
                                            gpointer            user_data);

G_END_DECLS
