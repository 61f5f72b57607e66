/* td-store-sync.c — the marketplace outbox: what the engine claims, crash recovery, cursors,
 * and the helpers the other outbox files share. Staff's requests (publish, withdraw, retry,
 * "Sync now"): td-store-sync-requests.c; items and outcomes: td-store-sync-item.c; online
 * orders: td-store-sync-orders.c; status for the UI: td-store-sync-status.c.
 *
 * Coalescing happens in two places: the triggers of migration 0010 never queue a second
 * pending update, and claiming folds what a claimed job makes useless (a publish sends the
 * latest item, so pending updates of it are done; a withdraw makes pending publishes and
 * updates of the item pointless).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-pricing.h"
#include "td-store-pricing.h"
#include "td-store-sync-private.h"

/* Shared helpers --------------------------------------------------------------------------- */

TdSyncJob *
td_sync_job_read (TdStmt *stmt)
{
  TdSyncJob *job = g_new0 (TdSyncJob, 1);

  job->id = sqlite3_column_int64 (stmt, 0);
  job->account_id = sqlite3_column_int64 (stmt, 1);
  job->item_id = sqlite3_column_int64 (stmt, 2);
  td_sync_op_from_string ((const char *) sqlite3_column_text (stmt, 3), &job->op);
  job->attempts = (guint) sqlite3_column_int (stmt, 4);
  job->next_at = sqlite3_column_int64 (stmt, 5);
  job->state = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  job->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  job->created_at = sqlite3_column_int64 (stmt, 8);
  job->sku = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  job->title = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  job->account_name = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  return job;
}

gboolean
td_sync_supersede (TdDatabase  *db,
                   gint64       account_id,
                   gint64       item_id,
                   const char  *ops,
                   GError     **error)
{
  g_autofree char *list = g_strconcat (",", ops, ",", NULL);
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "UPDATE sync_job SET state = 'done', last_error = 'superseded' "
    "WHERE account_id = ? AND item_id = ? AND state = 'pending' "
    "  AND instr (?, ',' || op || ',') > 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  sqlite3_bind_text (stmt, 3, list, -1, SQLITE_TRANSIENT);
  return td_database_step_done (db, stmt, error);
}

gboolean
td_sync_queue_withdraw (TdDatabase  *db,
                        gint64       item_id,
                        gint64       except_account_id,
                        gint64       now_us,
                        GError     **error)
{
  g_autoptr(TdStmt) insert = td_database_prepare (db,
    "INSERT INTO sync_job (account_id, item_id, op, priority, next_at, created_at) "
    "SELECT l.account_id, l.item_id, 'withdraw', ?, ?, ? FROM listing l "
    "WHERE l.item_id = ? AND l.account_id IS NOT ? AND l.state IN ('queued', 'live') "
    "  AND NOT EXISTS (SELECT 1 FROM sync_job j WHERE j.item_id = l.item_id "
    "                  AND j.account_id = l.account_id AND j.op = 'withdraw' "
    "                  AND j.state = 'pending')", error);
  g_autoptr(TdStmt) supersede = NULL;

  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int (insert, 1, TD_SYNC_PRIORITY_WITHDRAW);
  sqlite3_bind_int64 (insert, 2, now_us);
  sqlite3_bind_int64 (insert, 3, now_us);
  sqlite3_bind_int64 (insert, 4, item_id);
  sqlite3_bind_int64 (insert, 5, except_account_id);
  if (!td_database_step_done (db, insert, error))
    return FALSE;

  supersede = td_database_prepare (db,
    "UPDATE sync_job SET state = 'done', last_error = 'superseded' "
    "WHERE item_id = ? AND account_id IS NOT ? AND state = 'pending' "
    "  AND op IN ('publish', 'update')", error);
  if (supersede == NULL)
    return FALSE;
  sqlite3_bind_int64 (supersede, 1, item_id);
  sqlite3_bind_int64 (supersede, 2, except_account_id);
  return td_database_step_done (db, supersede, error);
}

gboolean
td_sync_queue_relist (TdDatabase  *db,
                      gint64       item_id,
                      gint64       sold_at,
                      gint64       now_us,
                      guint       *n_relisted,
                      GError     **error)
{
  /* The sale queued one withdraw per live/queued listing at its own moment (td-store-sales.c,
   * td_sync_queue_withdraw() for online orders), never while one was pending already: so a
   * listing staff took down themselves has no job of the sale's, and one that never got a
   * remote id was never online. */
  g_autoptr(TdStmt) pick = td_database_prepare (db,
    "SELECT l.account_id FROM listing l "
    "WHERE l.item_id = ?1 AND ifnull (l.remote_id, '') <> '' "
    "  AND EXISTS (SELECT 1 FROM sync_job j WHERE j.item_id = l.item_id "
    "              AND j.account_id = l.account_id AND j.op = 'withdraw' "
    "              AND j.created_at = ?2) "
    "ORDER BY l.account_id", error);
  g_autoptr(TdStmt) listing = NULL;
  g_autoptr(TdStmt) job = NULL;
  g_autoptr(GArray) accounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  *n_relisted = 0;
  if (pick == NULL)
    return FALSE;
  sqlite3_bind_int64 (pick, 1, item_id);
  sqlite3_bind_int64 (pick, 2, sold_at);
  while ((rc = sqlite3_step (pick)) == SQLITE_ROW)
    {
      gint64 account_id = sqlite3_column_int64 (pick, 0);

      g_array_append_val (accounts, account_id);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading listings to relist", error);

  listing = td_database_prepare (db,
    "UPDATE listing SET state = 'queued', last_error = '', updated_at = ?3 "
    "WHERE account_id = ?1 AND item_id = ?2", error);
  job = td_database_prepare (db,
    "INSERT INTO sync_job (account_id, item_id, op, next_at, created_at) "
    "SELECT ?1, ?2, 'publish', ?3, ?3 WHERE NOT EXISTS (SELECT 1 FROM sync_job "
    "  WHERE account_id = ?1 AND item_id = ?2 AND op = 'publish' AND state = 'pending')",
    error);
  if (listing == NULL || job == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    {
      gint64 account_id = g_array_index (accounts, gint64, i);

      /* A withdrawal still waiting is pointless now (one already on its way finishes first:
       * claiming holds the publish back until it has). */
      if (!td_sync_supersede (db, account_id, item_id, "withdraw,update", error))
        return FALSE;
      sqlite3_bind_int64 (listing, 1, account_id);
      sqlite3_bind_int64 (listing, 2, item_id);
      sqlite3_bind_int64 (listing, 3, now_us);
      if (!td_database_step_done (db, listing, error))
        return FALSE;
      sqlite3_reset (listing);
      sqlite3_bind_int64 (job, 1, account_id);
      sqlite3_bind_int64 (job, 2, item_id);
      sqlite3_bind_int64 (job, 3, now_us);
      if (!td_database_step_done (db, job, error))
        return FALSE;
      sqlite3_reset (job);
    }
  *n_relisted = accounts->len;
  return TRUE;
}

gboolean
td_sync_effective_price (TdDatabase  *db,
                         gint64       item_id,
                         gint64       now_us,
                         gint64      *price,
                         GError     **error)
{
  g_auto(TdPricingRules) rules = { 0 };
  g_autofree char *tag_colour = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) at = g_date_time_add (utc, now_us % G_USEC_PER_SEC);
  TdPricingItem item;

  if (!td_store_pricing_load_rules (db, &rules, error) ||
      !td_store_pricing_load_item (db, item_id, &item, &tag_colour, error))
    return FALSE;
  *price = td_pricing_effective_price (&item, &rules, at, NULL);
  return TRUE;
}

/* Engine -------------------------------------------------------------------------------- */

/**
 * td_store_sync_recover:
 *
 * Jobs a dead process left 'running' go back to 'pending' (at start-up, before any claim).
 */
gboolean
td_store_sync_recover (TdDatabase  *db,
                       GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_exec (db, "UPDATE sync_job SET state = 'pending', started_at = NULL "
                               "WHERE state = 'running'", error);
}

typedef struct
{
  gint64      account_id;
  TdSyncOp    op;
  guint       max;
  gint64      now_us;
  GPtrArray  *jobs;
} Claim;

static gboolean
claim_txn (TdDatabase  *db,
           gpointer     user_data,
           GError     **error)
{
  Claim *c = user_data;
  const char *op = td_sync_op_to_string (c->op);
  g_autoptr(TdStmt) pick = td_database_prepare (db,
    TD_SYNC_JOB_COLUMNS
    "WHERE j.account_id = ?1 AND j.op = ?2 AND j.state = 'pending' AND j.next_at <= ?3 "
    "  AND a.active = 1 "
    "  AND (?2 = 'withdraw' OR j.item_id IS NULL OR NOT EXISTS (SELECT 1 FROM sync_job w "
    "       WHERE w.account_id = j.account_id AND w.item_id = j.item_id "
    "         AND w.op = 'withdraw' AND w.state IN ('pending', 'running'))) "
    "  AND (?2 <> 'update' OR NOT EXISTS (SELECT 1 FROM sync_job p "
    "       WHERE p.account_id = j.account_id AND p.item_id = j.item_id "
    "         AND p.op = 'publish' AND p.state IN ('pending', 'running'))) "
    "ORDER BY j.priority DESC, j.next_at, j.id", error);
  g_autoptr(TdStmt) run = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  int rc = SQLITE_DONE;

  if (pick == NULL)
    return FALSE;
  sqlite3_bind_int64 (pick, 1, c->account_id);
  sqlite3_bind_text (pick, 2, op, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (pick, 3, c->now_us);
  while (c->jobs->len < c->max && (rc = sqlite3_step (pick)) == SQLITE_ROW)
    {
      TdSyncJob *job = td_sync_job_read (pick);

      /* One job per item in a batch; the item's other pending jobs of this op coalesce. */
      if (job->item_id > 0 && g_hash_table_contains (seen, &job->item_id))
        {
          td_sync_job_free (job);
          continue;
        }
      if (job->item_id > 0)
        g_hash_table_add (seen, &job->item_id);
      g_ptr_array_add (c->jobs, job);
    }
  if (c->jobs->len < c->max && rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "claiming sync jobs", error);
  td_stmt_reset (g_steal_pointer (&pick));

  run = td_database_prepare (db, "UPDATE sync_job SET state = 'running', started_at = ? "
                                 "WHERE id = ?", error);
  if (run == NULL)
    return FALSE;
  for (guint i = 0; i < c->jobs->len; i++)
    {
      TdSyncJob *job = g_ptr_array_index (c->jobs, i);

      sqlite3_bind_int64 (run, 1, c->now_us);
      sqlite3_bind_int64 (run, 2, job->id);
      if (!td_database_step_done (db, run, error))
        return FALSE;
      sqlite3_reset (run);
      /* What this job makes useless: a withdraw ends publishes and updates, a publish sends
       * the latest item (updates), an update the same (other updates). */
      if (job->item_id > 0 &&
          !td_sync_supersede (db, c->account_id, job->item_id,
                              c->op == TD_SYNC_OP_WITHDRAW ? "publish,update,withdraw"
                                                           : "update", error))
        return FALSE;
      g_free (job->state);
      job->state = g_strdup ("running");
    }
  return TRUE;
}

/**
 * td_store_sync_claim:
 * @max: at most this many jobs (the marketplace's batch size)
 *
 * Claims due pending jobs of one account and one op, highest priority first then oldest,
 * one per item, and marks them running. Publishes and updates of an item with a withdrawal
 * waiting are left alone (the withdrawal supersedes them when claimed), and so are updates of
 * an item whose publish is waiting or on its way (the publish sends the latest item).
 * Claiming supersedes the item's other pending jobs it makes useless (see the top of this
 * file).
 *
 * Returns: (transfer full) (element-type TdSyncJob): the claimed jobs (maybe none), or %NULL
 *   on a database error
 */
GPtrArray *
td_store_sync_claim (TdDatabase  *db,
                     gint64       account_id,
                     TdSyncOp     op,
                     guint        max,
                     gint64       now_us,
                     GError     **error)
{
  Claim c = { account_id, op, max, now_us,
              g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_job_free) };

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  if (max == 0)
    return c.jobs;
  if (!td_database_transaction (db, claim_txn, &c, error))
    {
      g_ptr_array_unref (c.jobs);
      return NULL;
    }
  return c.jobs;
}

/**
 * td_store_sync_next_due:
 * @account_id: an account, or 0 for all
 *
 * Returns: the earliest next_at of a pending job of an active account, or 0 when none (and on
 *   error)
 */
gint64
td_store_sync_next_due (TdDatabase  *db,
                        gint64       account_id,
                        GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gint64 due = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), 0);

  stmt = td_database_prepare (db,
    /* One seek per active account on sync_job_next (0011), never a walk of the queue. */
    "SELECT ifnull (min ((SELECT j.next_at FROM sync_job j "
    "                     WHERE j.account_id = a.id AND j.state = 'pending' "
    "                     ORDER BY j.next_at LIMIT 1)), 0) "
    "FROM marketplace_account a WHERE a.active = 1 AND (?1 = 0 OR a.id = ?1)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (!td_stock_query_int64 (db, stmt, &due, NULL, error))
    return 0;
  return due;
}

/**
 * td_store_sync_next_due_op:
 * @account_id: an account, or 0 for all
 *
 * Returns: the earliest next_at of a pending @op job of an active account, or 0 when none
 *   (and on error)
 */
gint64
td_store_sync_next_due_op (TdDatabase  *db,
                           gint64       account_id,
                           TdSyncOp     op,
                           GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gint64 due = 0;

  g_return_val_if_fail (TD_IS_DATABASE (db), 0);

  stmt = td_database_prepare (db,
    /* One seek per active account on sync_job_next_op (0011). */
    "SELECT ifnull (min ((SELECT j.next_at FROM sync_job j "
    "                     WHERE j.account_id = a.id AND j.op = ?2 AND j.state = 'pending' "
    "                     ORDER BY j.next_at LIMIT 1)), 0) "
    "FROM marketplace_account a WHERE a.active = 1 AND (?1 = 0 OR a.id = ?1)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, td_sync_op_to_string (op), -1, SQLITE_STATIC);
  if (!td_stock_query_int64 (db, stmt, &due, NULL, error))
    return 0;
  return due;
}

/* Cursors ------------------------------------------------------------------------------- */

/**
 * td_store_sync_cursor_get:
 * @name: the cursor's name ("orders" …)
 *
 * Returns: (transfer full) (nullable): its value, %NULL when never set (or on error)
 */
char *
td_store_sync_cursor_get (TdDatabase  *db,
                          gint64       account_id,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = td_database_prepare (db, "SELECT value FROM sync_cursor WHERE account_id = ? "
                                  "AND name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    td_database_set_error (db, rc, "reading a sync cursor", error);
  return NULL;
}

/**
 * td_store_sync_cursor_set:
 * @value: (nullable): the new value; %NULL forgets the cursor
 */
gboolean
td_store_sync_cursor_set (TdDatabase  *db,
                          gint64       account_id,
                          const char  *name,
                          const char  *value,
                          GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = td_database_prepare (db, value != NULL
    ? "INSERT INTO sync_cursor (account_id, name, value) VALUES (?, ?, ?) "
      "ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value"
    : "DELETE FROM sync_cursor WHERE account_id = ? AND name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  return td_database_step_done (db, stmt, error);
}
