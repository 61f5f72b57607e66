/* td-store-sync-item.c — what the engine sends (an item as a marketplace needs it) and what
 * it brings back (remote ids the moment they are known, the outcome of a job).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-store-sync-private.h"

#define BACKOFF_BASE_US (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)
#define BACKOFF_MAX_US  (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static char *
dup_column (TdStmt *stmt,
            int     col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text != NULL ? text : "");
}

/* "Clothing › Shoes": the category and its parents, root first. */
static gboolean
category_path (TdDatabase  *db,
               gint64       category_id,
               char       **path,
               GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "WITH RECURSIVE up (id, parent_id, name, depth) AS ("
    "  SELECT id, parent_id, name, 0 FROM category WHERE id = ? "
    "  UNION ALL SELECT c.id, c.parent_id, c.name, up.depth + 1 FROM category c "
    "  JOIN up ON c.id = up.parent_id WHERE up.depth < 16) "
    "SELECT name FROM up ORDER BY depth DESC", error);
  g_autoptr(GString) text = g_string_new ("");
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, category_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (text->len > 0)
        g_string_append (text, " › ");
      g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading a category", error);
  *path = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

/* Absolute paths of the originals, main photo first: <root>/photos/<ab>/<sha256>.jpg, the
 * rule of td_photo_store_file_original() (src/photos), without linking the photos library. */
static gboolean
photo_paths (TdDatabase   *db,
             gint64        item_id,
             const char   *photos_root,
             char       ***paths,
             GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  if (photos_root != NULL)
    {
      stmt = td_database_prepare (db, "SELECT sha256 FROM photo WHERE item_id = ? "
                                      "ORDER BY position, id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *sha = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *name = g_strconcat (sha, ".jpg", NULL);
          char prefix[3] = { sha[0], sha[1], '\0' };
          g_autofree char *path = g_build_filename (photos_root, "photos", prefix, name, NULL);

          g_strv_builder_add (builder, path);
        }
      if (rc != SQLITE_DONE)
        return td_database_set_error (db, rc, "reading photos", error);
    }
  *paths = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * td_store_sync_load_item:
 * @photos_root: (nullable): the photo store's root folder; %NULL: no photo paths
 * @now_us: the moment the price is taken at (markdowns apply)
 * @error: %TD_STOCK_ERROR_NOT_FOUND or a database error
 *
 * Reads the item as the account's marketplace needs it: effective price now, the grade's
 * condition for the account's kind, photo paths, and the listing's remote ids. Quantity is 1
 * while the item is available, 0 otherwise.
 *
 * Returns: (transfer full): the item, or %NULL
 */
TdSyncItem *
td_store_sync_load_item (TdDatabase  *db,
                         gint64       account_id,
                         gint64       item_id,
                         const char  *photos_root,
                         gint64       now_us,
                         GError     **error)
{
  g_autoptr(TdSyncItem) item = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *defects = NULL;
  gint64 category_id;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db,
    "SELECT i.id, i.sku, i.title, i.description, i.status, ifnull (gm.condition, ''), "
    "       ifnull (g.label, ''), i.brand, i.size, i.colour, i.material, "
    "       ifnull (i.category_id, 0), ifnull (i.vintage_year, 0), l.remote_id, "
    "       ifnull (l.remote_ref, '{}'), "
    "       (SELECT group_concat (value, '. ') FROM json_each (i.defects)) "
    "FROM item i LEFT JOIN grade g ON g.id = i.grade_id "
    "LEFT JOIN marketplace_account a ON a.id = ?2 "
    "LEFT JOIN grade_marketplace gm ON gm.grade_id = i.grade_id AND gm.marketplace = a.kind "
    "LEFT JOIN listing l ON l.item_id = i.id AND l.account_id = ?2 "
    "WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, account_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        td_database_set_error (db, rc, "reading an item to sync", error);
      else
        g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                             _("The item no longer exists."));
      return NULL;
    }

  item = g_new0 (TdSyncItem, 1);
  item->item_id = item_id;
  item->sku = dup_column (stmt, 1);
  item->title = dup_column (stmt, 2);
  item->description = dup_column (stmt, 3);
  item->quantity = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "available") == 0;
  item->condition = dup_column (stmt, 5);
  item->grade_label = dup_column (stmt, 6);
  item->brand = dup_column (stmt, 7);
  item->size = dup_column (stmt, 8);
  item->colour = dup_column (stmt, 9);
  item->material = dup_column (stmt, 10);
  category_id = sqlite3_column_int64 (stmt, 11);
  item->vintage_year = sqlite3_column_int (stmt, 12);
  item->remote_id = sqlite3_column_type (stmt, 13) == SQLITE_NULL ? NULL : dup_column (stmt, 13);
  item->remote_ref = dup_column (stmt, 14);
  defects = sqlite3_column_type (stmt, 15) == SQLITE_NULL ? NULL : dup_column (stmt, 15);
  td_stmt_reset (g_steal_pointer (&stmt));

  if (*item->grade_label != '\0' && defects != NULL && *defects != '\0')
    item->condition_note = g_strdup_printf ("%s. %s.", item->grade_label, defects);
  else if (*item->grade_label != '\0')
    item->condition_note = g_strdup_printf ("%s.", item->grade_label);
  else if (defects != NULL && *defects != '\0')
    item->condition_note = g_strdup_printf ("%s.", defects);
  else
    item->condition_note = g_strdup ("");

  currency = td_store_settings_dup (db, TD_SETTING_SHOP_CURRENCY, error);
  if (currency == NULL && error != NULL && *error != NULL)
    return NULL;
  item->currency = currency != NULL ? g_steal_pointer (&currency) : g_strdup ("EUR");

  if (category_id > 0)
    {
      if (!category_path (db, category_id, &item->category_path, error))
        return NULL;
    }
  else
    item->category_path = g_strdup ("");

  if (!td_sync_effective_price (db, item_id, now_us, &item->price, error) ||
      !photo_paths (db, item_id, photos_root, &item->photo_paths, error))
    return NULL;
  return g_steal_pointer (&item);
}

static gboolean
store_remote (TdDatabase  *db,
              gint64       account_id,
              gint64       item_id,
              const char  *remote_id,
              const char  *remote_ref,
              gint64       now_us,
              GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "UPDATE listing SET remote_id = ifnull (?1, remote_id), "
    "  remote_ref = CASE WHEN ?2 IS NULL OR NOT json_valid (?2) THEN remote_ref "
    "                    ELSE json_patch (remote_ref, ?2) END, updated_at = ?3 "
    "WHERE account_id = ?4 AND item_id = ?5", error);

  if (stmt == NULL)
    return FALSE;
  if (remote_id != NULL)
    sqlite3_bind_text (stmt, 1, remote_id, -1, SQLITE_STATIC);
  if (remote_ref != NULL)
    sqlite3_bind_text (stmt, 2, remote_ref, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now_us);
  sqlite3_bind_int64 (stmt, 4, account_id);
  sqlite3_bind_int64 (stmt, 5, item_id);
  return td_database_step_done (db, stmt, error);
}

typedef struct
{
  gint64               account_id;
  gint64               item_id;
  const char          *remote_id;
  const char          *remote_ref;
  gint64               job_id;
  const TdSyncOutcome *outcome;
  gint64               now_us;
} Remote;

static gboolean
remote_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Remote *r = user_data;

  return store_remote (db, r->account_id, r->item_id, r->remote_id, r->remote_ref, r->now_us,
                       error);
}

/**
 * td_store_sync_remote_known:
 * @remote_id: (nullable): the listing's id on the marketplace
 * @remote_ref: (nullable): a JSON object of secondary ids, merged into what is stored
 *
 * Stores remote ids at once, in their own short transaction, so a crash after a create never
 * loses them.
 */
gboolean
td_store_sync_remote_known (TdDatabase  *db,
                            gint64       account_id,
                            gint64       item_id,
                            const char  *remote_id,
                            const char  *remote_ref,
                            gint64       now_us,
                            GError     **error)
{
  Remote r = { account_id, item_id, remote_id, remote_ref, 0, NULL, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, remote_txn, &r, error);
}

/* 30 s × 2^attempts, at most an hour, ±20 % so a crowd of jobs spreads out. */
static gint64
backoff_us (guint attempts)
{
  gint64 delay = BACKOFF_BASE_US;

  for (guint i = 0; i < attempts && delay < BACKOFF_MAX_US; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_US);
  return (gint64) (delay * g_random_double_range (0.8, 1.2));
}

/* Whether a publish of the listing waits (or runs) behind a withdrawal of it. */
static gboolean
publish_waiting (TdDatabase  *db,
                 gint64       account_id,
                 gint64       item_id,
                 gboolean    *waiting,
                 GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT count(*) FROM sync_job WHERE account_id = ? AND item_id = ? AND op = 'publish' "
    "AND state IN ('pending', 'running')", error);
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  if (!td_stock_query_int64 (db, stmt, &n, NULL, error))
    return FALSE;
  *waiting = n > 0;
  return TRUE;
}

static gboolean
finish_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Remote *r = user_data;
  const TdSyncOutcome *o = r->outcome;
  gboolean relist = FALSE;
  g_autoptr(TdStmt) read = td_database_prepare (db,
    "SELECT j.account_id, ifnull (j.item_id, 0), j.op, j.attempts, ifnull (l.state, '') "
    "FROM sync_job j LEFT JOIN listing l ON l.item_id = j.item_id "
    "                                   AND l.account_id = j.account_id "
    "WHERE j.id = ? AND j.state = 'running'", error);
  g_autoptr(TdStmt) job = NULL;
  g_autoptr(TdStmt) listing = NULL;
  g_autofree char *listing_state = NULL;
  TdSyncOp op;
  guint attempts;
  int rc;

  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, r->job_id);
  rc = sqlite3_step (read);
  if (rc == SQLITE_DONE)
    return TRUE;   /* set aside meanwhile (account disconnected): nothing to record */
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "reading a sync job", error);
  r->account_id = sqlite3_column_int64 (read, 0);
  r->item_id = sqlite3_column_int64 (read, 1);
  td_sync_op_from_string ((const char *) sqlite3_column_text (read, 2), &op);
  attempts = (guint) sqlite3_column_int (read, 3);
  listing_state = g_strdup ((const char *) sqlite3_column_text (read, 4));
  td_stmt_reset (g_steal_pointer (&read));
  /* A withdrawal that was on its way when the item came back (a refund, staff publishing
   * again): the publish waiting behind it decides where the listing ends up. */
  if (op == TD_SYNC_OP_WITHDRAW && r->item_id > 0 &&
      !publish_waiting (db, r->account_id, r->item_id, &relist, error))
    return FALSE;

  switch (o->status)
    {
    case TD_SYNC_DONE:
      {
        const char *state = o->listing_state;
        gint64 price = 0;

        if (state == NULL || g_str_equal (state, TD_LISTING_DRAFT))
          state = op == TD_SYNC_OP_WITHDRAW ? TD_LISTING_ENDED : TD_LISTING_LIVE;
        if (relist)
          state = TD_LISTING_QUEUED;
        /* Ended meanwhile (sold online): a late publish or update does not bring it back. */
        if (op != TD_SYNC_OP_WITHDRAW && g_str_equal (listing_state, TD_LISTING_ENDED))
          state = TD_LISTING_ENDED;
        job = td_database_prepare (db, "UPDATE sync_job SET state = 'done', last_error = '' "
                                       "WHERE id = ?", error);
        if (job == NULL)
          return FALSE;
        sqlite3_bind_int64 (job, 1, r->job_id);
        if (!td_database_step_done (db, job, error))
          return FALSE;
        if (r->item_id == 0 || *listing_state == '\0')
          return TRUE;
        if (op != TD_SYNC_OP_WITHDRAW &&
            !td_sync_effective_price (db, r->item_id, r->now_us, &price, error))
          return FALSE;
        if (!store_remote (db, r->account_id, r->item_id, o->remote_id, o->remote_ref,
                           r->now_us, error))
          return FALSE;
        listing = td_database_prepare (db,
          "UPDATE listing SET state = ?1, last_error = '', synced_at = ?2, updated_at = ?2, "
          "  price_sent = CASE WHEN ?3 > 0 THEN ?3 ELSE price_sent END "
          "WHERE account_id = ?4 AND item_id = ?5", error);
        if (listing == NULL)
          return FALSE;
        sqlite3_bind_text (listing, 1, state, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (listing, 2, r->now_us);
        sqlite3_bind_int64 (listing, 3, price);
        sqlite3_bind_int64 (listing, 4, r->account_id);
        sqlite3_bind_int64 (listing, 5, r->item_id);
        return td_database_step_done (db, listing, error);
      }

    case TD_SYNC_RETRY:
    case TD_SYNC_OFFLINE:
      {
        gint64 delay = backoff_us (attempts);

        delay = MAX (delay, (gint64) o->retry_after_s * G_USEC_PER_SEC);
        /* Not again when a publish waits to put the listing back up: that one sends all. */
        job = td_database_prepare (db, relist
          ? "UPDATE sync_job SET state = 'done', attempts = attempts + ?2, "
            "  last_error = 'superseded', started_at = NULL WHERE id = ?4"
          : "UPDATE sync_job SET state = 'pending', next_at = ?1, attempts = attempts + ?2, "
            "  last_error = ?3, started_at = NULL WHERE id = ?4", error);
        if (job == NULL)
          return FALSE;
        sqlite3_bind_int64 (job, 1, r->now_us + delay);
        sqlite3_bind_int (job, 2, o->status == TD_SYNC_RETRY ? 1 : 0);
        td_stock_bind_text (job, 3, o->message);
        sqlite3_bind_int64 (job, 4, r->job_id);
        return td_database_step_done (db, job, error) &&
               store_remote (db, r->account_id, r->item_id, o->remote_id, o->remote_ref,
                             r->now_us, error);
      }

    case TD_SYNC_REAUTH:
    case TD_SYNC_FAILED:
    default:
      {
        const char *message = o->message;

        if (message == NULL || *message == '\0')
          message = o->status == TD_SYNC_REAUTH
                    ? _("The marketplace no longer accepts this account’s sign-in. Connect "
                        "the account again in Preferences.")
                    : _("The marketplace refused the item without saying why.");
        job = td_database_prepare (db, "UPDATE sync_job SET state = 'failed', last_error = ?, "
                                       "  attempts = attempts + 1 WHERE id = ?", error);
        if (job == NULL)
          return FALSE;
        td_stock_bind_text (job, 1, message);
        sqlite3_bind_int64 (job, 2, r->job_id);
        if (!td_database_step_done (db, job, error))
          return FALSE;
        if (r->item_id == 0)
          return TRUE;
        listing = td_database_prepare (db,
          "UPDATE listing SET state = 'error', last_error = ?, updated_at = ? "
          "WHERE account_id = ? AND item_id = ?", error);
        if (listing == NULL)
          return FALSE;
        td_stock_bind_text (listing, 1, message);
        sqlite3_bind_int64 (listing, 2, r->now_us);
        sqlite3_bind_int64 (listing, 3, r->account_id);
        sqlite3_bind_int64 (listing, 4, r->item_id);
        return td_database_step_done (db, listing, error) &&
               store_remote (db, r->account_id, r->item_id, o->remote_id, o->remote_ref,
                             r->now_us, error);
      }
    }
}

/**
 * td_store_sync_finish:
 * @job_id: a running job (a job set aside meanwhile is left alone)
 * @outcome: how it went
 *
 * Records the outcome in one transaction: DONE → job done, listing state, remote ids, the
 * price sent and synced_at; RETRY/OFFLINE → pending again at now + max (Retry-After, 30 s ×
 * 2^attempts up to an hour, ±20 %), an attempt counted for RETRY only; REAUTH/FAILED → job
 * failed, listing 'error' with the marketplace's words. A withdrawal of a listing whose
 * publish waits behind it (a refund relisted the item meanwhile) leaves the listing 'queued'
 * when DONE, and is superseded rather than retried on RETRY/OFFLINE.
 */
gboolean
td_store_sync_finish (TdDatabase           *db,
                      gint64                job_id,
                      const TdSyncOutcome  *outcome,
                      gint64                now_us,
                      GError              **error)
{
  Remote r = { 0, 0, NULL, NULL, job_id, outcome, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);

  return td_database_transaction (db, finish_txn, &r, error);
}

typedef struct
{
  const gint64               *job_ids;
  const TdSyncOutcome *const *outcomes;
  guint                       n;
  gint64                      now_us;
} Many;

static gboolean
finish_many_txn (TdDatabase  *db,
                 gpointer     user_data,
                 GError     **error)
{
  Many *m = user_data;

  for (guint i = 0; i < m->n; i++)
    {
      Remote r = { 0, 0, NULL, NULL, m->job_ids[i], m->outcomes[i], m->now_us };

      if (!finish_txn (db, &r, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * td_store_sync_finish_many:
 * @job_ids: (array length=n): running jobs
 * @outcomes: (array length=n): how each went
 *
 * Records @n outcomes as td_store_sync_finish() does each, in ONE transaction (one fsync for
 * a whole batch). On an error nothing is recorded.
 */
gboolean
td_store_sync_finish_many (TdDatabase                 *db,
                           const gint64               *job_ids,
                           const TdSyncOutcome *const *outcomes,
                           guint                       n,
                           gint64                      now_us,
                           GError                    **error)
{
  Many m = { job_ids, outcomes, n, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n == 0 || (job_ids != NULL && outcomes != NULL), FALSE);

  if (n == 0)
    return TRUE;
  return td_database_transaction (db, finish_many_txn, &m, error);
}
