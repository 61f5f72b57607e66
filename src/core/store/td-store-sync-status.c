/* td-store-sync-status.c — what the UI shows of syncing: an item's listing badges, the queue,
 * conflicts (and resolving them, audited), and the counts of the Sync page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-store-sync-private.h"

void
td_sync_job_free (TdSyncJob *job)
{
  if (job == NULL)
    return;
  g_free (job->state);
  g_free (job->last_error);
  g_free (job->sku);
  g_free (job->title);
  g_free (job->account_name);
  g_free (job);
}

void
td_listing_status_free (TdListingStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->account_name);
  g_free (status->kind);
  g_free (status->state);
  g_free (status->remote_id);
  g_free (status->last_error);
  g_free (status);
}

void
td_sync_conflict_free (TdSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->account_name);
  g_free (conflict->sku);
  g_free (conflict->title);
  g_free (conflict->external_order_id);
  g_free (conflict->resolution);
  g_free (conflict);
}

static char *
dup_nullable (TdStmt *stmt,
              int     col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

/**
 * td_store_sync_item_listings:
 *
 * Returns: (transfer full) (element-type TdListingStatus): the item's listings by account
 *   name, or %NULL on error
 */
GPtrArray *
td_store_sync_item_listings (TdDatabase  *db,
                             gint64       item_id,
                             GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db,
    "SELECT l.account_id, a.name, a.kind, l.state, l.remote_id, l.last_error, "
    "       ifnull (l.synced_at, 0) "
    "FROM listing l JOIN marketplace_account a ON a.id = l.account_id "
    "WHERE l.item_id = ? ORDER BY a.name COLLATE NOCASE, a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_listing_status_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdListingStatus *s = g_new0 (TdListingStatus, 1);

      s->account_id = sqlite3_column_int64 (stmt, 0);
      s->account_name = dup_nullable (stmt, 1);
      s->kind = dup_nullable (stmt, 2);
      s->state = dup_nullable (stmt, 3);
      s->remote_id = dup_nullable (stmt, 4);
      s->last_error = dup_nullable (stmt, 5);
      s->synced_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, s);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "reading listings", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * td_store_sync_list_jobs:
 * @state: (nullable): "pending", "running", "done", "failed", or %NULL for all
 * @limit: at most this many (0: no limit)
 *
 * Returns: (transfer full) (element-type TdSyncJob): newest first, or %NULL on error
 */
GPtrArray *
td_store_sync_list_jobs (TdDatabase  *db,
                         const char  *state,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db, TD_SYNC_JOB_COLUMNS
                                  "WHERE ?1 IS NULL OR j.state = ?1 "
                                  "ORDER BY j.created_at DESC, j.id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  if (state != NULL)
    sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_job_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, td_sync_job_read (stmt));
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing sync jobs", error);
      return NULL;
    }
  return g_steal_pointer (&jobs);
}

/**
 * td_store_sync_list_conflicts:
 * @include_resolved: add resolved ones too
 *
 * Returns: (transfer full) (element-type TdSyncConflict): newest first, or %NULL on error
 */
GPtrArray *
td_store_sync_list_conflicts (TdDatabase  *db,
                              gboolean     include_resolved,
                              GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db,
    "SELECT c.id, c.account_id, a.name, ifnull (c.item_id, 0), c.sku, ifnull (i.title, ''), "
    "       c.external_order_id, ifnull (c.shop_sale_id, 0), ifnull (s.receipt_no, 0), "
    "       c.detected_at, c.resolution "
    "FROM sync_conflict c JOIN marketplace_account a ON a.id = c.account_id "
    "LEFT JOIN item i ON i.id = c.item_id LEFT JOIN sale s ON s.id = c.shop_sale_id "
    "WHERE ? OR c.resolved_at IS NULL ORDER BY c.detected_at DESC, c.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_resolved ? 1 : 0);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_conflict_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdSyncConflict *c = g_new0 (TdSyncConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->account_id = sqlite3_column_int64 (stmt, 1);
      c->account_name = dup_nullable (stmt, 2);
      c->item_id = sqlite3_column_int64 (stmt, 3);
      c->sku = dup_nullable (stmt, 4);
      c->title = dup_nullable (stmt, 5);
      c->external_order_id = dup_nullable (stmt, 6);
      c->shop_sale_id = sqlite3_column_int64 (stmt, 7);
      c->shop_receipt_no = sqlite3_column_int64 (stmt, 8);
      c->detected_at = sqlite3_column_int64 (stmt, 9);
      c->resolution = dup_nullable (stmt, 10);
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing sync conflicts", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

typedef struct
{
  gint64      id;
  char       *resolution;
  gint64      staff_id;
  gint64      now_us;
} Resolve;

static gboolean
resolve_txn (TdDatabase  *db,
             gpointer     user_data,
             GError     **error)
{
  Resolve *r = user_data;
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "UPDATE sync_conflict SET resolved_at = ?, resolved_by = ?, resolution = ? "
    "WHERE id = ? AND resolved_at IS NULL", error);
  g_autoptr(GString) detail = g_string_new ("{");

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->now_us);
  td_stock_bind_id (stmt, 2, r->staff_id);
  sqlite3_bind_text (stmt, 3, r->resolution, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, r->id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) != 1)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("This conflict was already resolved or no longer exists."));
      return FALSE;
    }
  td_stock_json_string (detail, "resolution", r->resolution);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, r->now_us, r->staff_id, "sync.conflict_resolved",
                                "sync_conflict", r->id, detail->str, error);
}

/**
 * td_store_sync_resolve_conflict:
 * @resolution: what staff did ("Cancelled and refunded on eBay"); not empty
 * @error: %TD_STOCK_ERROR_INVALID (no resolution), %TD_STOCK_ERROR_NOT_FOUND, or a
 *   database error
 *
 * Closes the conflict with what staff did, audited, in one transaction.
 */
gboolean
td_store_sync_resolve_conflict (TdDatabase  *db,
                                gint64       conflict_id,
                                const char  *resolution,
                                gint64       staff_id,
                                gint64       now_us,
                                GError     **error)
{
  Resolve r = { conflict_id, td_stock_trim (resolution), staff_id, now_us };
  gboolean ok = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (*r.resolution == '\0')
    g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                         _("Say what was done about the online order, for example “Cancelled "
                           "and refunded on eBay”."));
  else
    ok = td_database_transaction (db, resolve_txn, &r, error);
  g_free (r.resolution);
  return ok;
}

/**
 * td_store_sync_counts:
 * @counts: (out caller-allocates): the Sync page's figures
 */
gboolean
td_store_sync_counts (TdDatabase    *db,
                      TdSyncCounts  *counts,
                      GError       **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  stmt = td_database_prepare (db,
    "SELECT (SELECT count(*) FROM sync_job WHERE state = 'pending'), "
    "       (SELECT count(*) FROM sync_job WHERE state = 'running'), "
    "       (SELECT count(*) FROM sync_job WHERE state = 'failed'), "
    "       (SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL), "
    "       (SELECT count(*) FROM listing WHERE state = 'error')", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "counting sync jobs", error);
  counts->pending = (guint) sqlite3_column_int (stmt, 0);
  counts->running = (guint) sqlite3_column_int (stmt, 1);
  counts->failed = (guint) sqlite3_column_int (stmt, 2);
  counts->open_conflicts = (guint) sqlite3_column_int (stmt, 3);
  counts->listings_in_error = (guint) sqlite3_column_int (stmt, 4);
  return TRUE;
}
