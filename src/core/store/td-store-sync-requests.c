/* td-store-sync-requests.c — staff's requests to the outbox: publish an item on an account
 * (Etsy: vintage only), withdraw it, retry failed jobs, "Sync now". Each is one transaction
 * with its jobs (and, for publish and withdraw, an audit row).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-sync-private.h"

/* Requests from staff ------------------------------------------------------------------- */

typedef struct
{
  gint64 item_id;
  gint64 account_id;
  gint64 staff_id;
  gint64 now_us;
} Request;

/* The account, refused when unknown or disconnected. */
static TdMarketplaceAccount *
active_account (TdDatabase  *db,
                gint64       account_id,
                GError     **error)
{
  g_autoptr(TdMarketplaceAccount) account = td_store_marketplaces_get (db, account_id, error);

  if (account != NULL && !account->active)
    {
      g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                   _("The account “%s” is disconnected. Connect it again in Preferences first."),
                   account->name);
      return NULL;
    }
  return g_steal_pointer (&account);
}

static gboolean
audit_request (TdDatabase  *db,
               Request     *r,
               const char  *action,
               GError     **error)
{
  g_autoptr(GString) detail = g_string_new ("{");

  td_stock_json_int (detail, "account_id", r->account_id);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, r->now_us, r->staff_id, action, "item", r->item_id,
                                detail->str, error);
}

static gboolean
publish_txn (TdDatabase  *db,
             gpointer     user_data,
             GError     **error)
{
  Request *r = user_data;
  g_autoptr(TdMarketplaceAccount) account = active_account (db, r->account_id, error);
  g_autoptr(TdStmt) item = NULL;
  g_autoptr(TdStmt) listing = NULL;
  g_autoptr(TdStmt) job = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (r->now_us / G_USEC_PER_SEC);
  const char *title, *sku;
  int vintage;
  int rc;

  if (account == NULL)
    return FALSE;
  item = td_database_prepare (db, "SELECT title, sku, status, ifnull (vintage_year, 0) "
                                  "FROM item WHERE id = ?", error);
  if (item == NULL)
    return FALSE;
  sqlite3_bind_int64 (item, 1, r->item_id);
  rc = sqlite3_step (item);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return td_database_set_error (db, rc, "reading an item", error);
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("The item no longer exists."));
      return FALSE;
    }
  title = (const char *) sqlite3_column_text (item, 0);
  sku = (const char *) sqlite3_column_text (item, 1);
  vintage = sqlite3_column_int (item, 3);
  if (g_strcmp0 ((const char *) sqlite3_column_text (item, 2), "available") != 0)
    {
      g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE,
                   _("“%s” (%s) is not for sale in the shop, so it can’t be listed online."),
                   title, sku);
      return FALSE;
    }
  if (g_str_equal (account->kind, TD_MARKETPLACE_ETSY) &&
      (vintage <= 0 || vintage > g_date_time_get_year (now) - 20))
    {
      int latest = g_date_time_get_year (now) - 20;

      if (vintage <= 0)
        g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                     _("Etsy only accepts vintage items, made in %d or earlier. Set the year "
                       "“%s” was made to list it there."), latest, title);
      else
        g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                     _("Etsy only accepts vintage items, made in %d or earlier; “%s” is "
                       "from %d."), latest, title, vintage);
      return FALSE;
    }

  listing = td_database_prepare (db,
    "INSERT INTO listing (item_id, account_id, state, updated_at) VALUES (?1, ?2, 'queued', ?3) "
    "ON CONFLICT (item_id, account_id) DO UPDATE SET state = 'queued', last_error = '', "
    "                                               updated_at = ?3", error);
  if (listing == NULL)
    return FALSE;
  sqlite3_bind_int64 (listing, 1, r->item_id);
  sqlite3_bind_int64 (listing, 2, r->account_id);
  sqlite3_bind_int64 (listing, 3, r->now_us);
  if (!td_database_step_done (db, listing, error) ||
      !td_sync_supersede (db, r->account_id, r->item_id, "withdraw,update", error))
    return FALSE;

  job = td_database_prepare (db,
    "INSERT INTO sync_job (account_id, item_id, op, next_at, created_at) "
    "SELECT ?1, ?2, 'publish', ?3, ?3 WHERE NOT EXISTS (SELECT 1 FROM sync_job "
    "  WHERE account_id = ?1 AND item_id = ?2 AND op = 'publish' AND state = 'pending')",
    error);
  if (job == NULL)
    return FALSE;
  sqlite3_bind_int64 (job, 1, r->account_id);
  sqlite3_bind_int64 (job, 2, r->item_id);
  sqlite3_bind_int64 (job, 3, r->now_us);
  return td_database_step_done (db, job, error) &&
         audit_request (db, r, "listing.publish", error);
}

/**
 * td_store_sync_request_publish:
 * @error: %TD_STOCK_ERROR_NOT_FOUND, %TD_STOCK_ERROR_NOT_AVAILABLE (not for sale),
 *   %TD_STOCK_ERROR_INVALID (disconnected account, not vintage for Etsy), or a database
 *   error; nothing is written then
 *
 * Queues the item on the account: its listing becomes 'queued' with a publish job, audited,
 * in one transaction.
 */
gboolean
td_store_sync_request_publish (TdDatabase  *db,
                               gint64       item_id,
                               gint64       account_id,
                               gint64       staff_id,
                               gint64       now_us,
                               GError     **error)
{
  Request r = { item_id, account_id, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, publish_txn, &r, error);
}

static gboolean
withdraw_txn (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  Request *r = user_data;
  g_autoptr(TdMarketplaceAccount) account = td_store_marketplaces_get (db, r->account_id, error);
  g_autoptr(TdStmt) job = NULL;

  if (account == NULL)
    return FALSE;
  job = td_database_prepare (db,
    "INSERT INTO sync_job (account_id, item_id, op, priority, next_at, created_at) "
    "SELECT l.account_id, l.item_id, 'withdraw', ?1, ?2, ?2 FROM listing l "
    "WHERE l.account_id = ?3 AND l.item_id = ?4 AND l.state IN ('queued', 'live', 'error') "
    "  AND NOT EXISTS (SELECT 1 FROM sync_job j WHERE j.account_id = ?3 AND j.item_id = ?4 "
    "                  AND j.op = 'withdraw' AND j.state = 'pending')", error);
  if (job == NULL)
    return FALSE;
  sqlite3_bind_int (job, 1, TD_SYNC_PRIORITY_WITHDRAW);
  sqlite3_bind_int64 (job, 2, r->now_us);
  sqlite3_bind_int64 (job, 3, r->account_id);
  sqlite3_bind_int64 (job, 4, r->item_id);
  if (!td_database_step_done (db, job, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) == 0)
    {
      g_autoptr(TdStmt) pending = td_database_prepare (db,
        "SELECT count(*) FROM sync_job WHERE account_id = ? AND item_id = ? "
        "AND op = 'withdraw' AND state = 'pending'", error);
      gint64 n = 0;

      if (pending == NULL)
        return FALSE;
      sqlite3_bind_int64 (pending, 1, r->account_id);
      sqlite3_bind_int64 (pending, 2, r->item_id);
      if (!td_stock_query_int64 (db, pending, &n, NULL, error))
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                       _("The item is not listed on “%s”."), account->name);
          return FALSE;
        }
    }
  return td_sync_supersede (db, r->account_id, r->item_id, "publish,update", error) &&
         audit_request (db, r, "listing.withdraw", error);
}

/**
 * td_store_sync_request_withdraw:
 * @error: %TD_STOCK_ERROR_NOT_FOUND (unknown account, not listed there) or a database error
 *
 * Queues a withdraw job (first in the queue) for the item's listing on the account, audited.
 */
gboolean
td_store_sync_request_withdraw (TdDatabase  *db,
                                gint64       item_id,
                                gint64       account_id,
                                gint64       staff_id,
                                gint64       now_us,
                                GError     **error)
{
  Request r = { item_id, account_id, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, withdraw_txn, &r, error);
}

static gboolean
retry_txn (TdDatabase  *db,
           gpointer     user_data,
           GError     **error)
{
  Request *r = user_data;   /* item_id holds the job id */
  g_autoptr(TdStmt) listings = td_database_prepare (db,
    "UPDATE listing SET state = 'queued', last_error = '', updated_at = ?1 "
    "WHERE state = 'error' AND EXISTS (SELECT 1 FROM sync_job j "
    "  JOIN marketplace_account a ON a.id = j.account_id AND a.active = 1 "
    "  WHERE j.state = 'failed' AND (?2 = 0 OR j.id = ?2) AND j.op IN ('publish', 'update') "
    "    AND j.item_id = listing.item_id AND j.account_id = listing.account_id)", error);
  g_autoptr(TdStmt) jobs = NULL;

  if (listings == NULL)
    return FALSE;
  sqlite3_bind_int64 (listings, 1, r->now_us);
  sqlite3_bind_int64 (listings, 2, r->item_id);
  if (!td_database_step_done (db, listings, error))
    return FALSE;

  jobs = td_database_prepare (db,
    "UPDATE sync_job SET state = 'pending', next_at = ?1, attempts = 0, last_error = '', "
    "                    started_at = NULL "
    "WHERE state = 'failed' AND (?2 = 0 OR id = ?2) "
    "  AND account_id IN (SELECT id FROM marketplace_account WHERE active = 1)", error);
  if (jobs == NULL)
    return FALSE;
  sqlite3_bind_int64 (jobs, 1, r->now_us);
  sqlite3_bind_int64 (jobs, 2, r->item_id);
  return td_database_step_done (db, jobs, error);
}

/**
 * td_store_sync_retry:
 * @job_id: a failed job, or 0 for every failed job
 *
 * Puts failed jobs of active accounts back in the queue, due now; their listings in error go
 * back to 'queued'.
 */
gboolean
td_store_sync_retry (TdDatabase  *db,
                     gint64       job_id,
                     gint64       now_us,
                     GError     **error)
{
  Request r = { job_id, 0, 0, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, retry_txn, &r, error);
}

static gboolean
pull_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Request *r = user_data;
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO sync_job (account_id, op, priority, next_at, created_at) "
    "SELECT a.id, 'pull_orders', 50, ?1, ?1 FROM marketplace_account a WHERE a.active = 1 "
    "  AND NOT EXISTS (SELECT 1 FROM sync_job j WHERE j.account_id = a.id "
    "                  AND j.op = 'pull_orders' AND j.state IN ('pending', 'running'))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->now_us);
  return td_database_step_done (db, stmt, error);
}

/**
 * td_store_sync_request_pull:
 *
 * "Sync now": a pull_orders job for every active account, due now (one per account).
 */
gboolean
td_store_sync_request_pull (TdDatabase  *db,
                            gint64       now_us,
                            GError     **error)
{
  Request r = { 0, 0, 0, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, pull_txn, &r, error);
}
