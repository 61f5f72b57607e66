/* td-store-intake-undo.c — taking back an item that was taken in by mistake moments ago.
 *
 * Intake is fast, so slips happen: the wrong bag, a double Enter. Undo removes the item row
 * itself (its SKU number stays used: `sku_sequence` never goes back), but only while nothing
 * can have seen it yet: the session is still open, the item is less than
 * TD_INTAKE_UNDO_WINDOW_US old, still available and unchanged, never sold, listed or queued
 * for a marketplace. Anything else is refused with a plain reason and nothing is written. The
 * removal is audited (`item.undone`) with what the item was.
 *
 * Photos do not stop it: photographing the wrong bag is the very slip undo is for. Their rows
 * go with the item (ON DELETE CASCADE, same transaction); their files are the photo store's
 * (core links no image code), so the app undoes through td_photo_store_undo_intake_item(),
 * which then deletes the files no other row names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-stock-private.h"

typedef struct
{
  gint64 item_id;
  gint64 staff_id;
  gint64 now_us;
} Undo;

static gboolean
refuse (GError     **error,
        int          code,
        const char  *message)
{
  g_set_error_literal (error, TD_STOCK_ERROR, code, message);
  return FALSE;
}

/* Whether any row of another table points at the item; the list is the tables whose rows
 * would outlive the item or vanish with it unnoticed (photos go with it, knowingly). */
static gboolean
is_referenced (TdDatabase  *db,
               gint64       item_id,
               gboolean    *referenced,
               GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gint64 n = 0;

  stmt = td_database_prepare (db,
                              "SELECT (SELECT count(*) FROM sale_line WHERE item_id = ?1) "
                              "     + (SELECT count(*) FROM listing WHERE item_id = ?1) "
                              "     + (SELECT count(*) FROM sync_job WHERE item_id = ?1)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!td_stock_query_int64 (db, stmt, &n, NULL, error))
    return FALSE;
  *referenced = n > 0;
  return TRUE;
}

static gboolean
undo_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Undo *u = user_data;
  g_autoptr(TdStmt) load = NULL;
  g_autoptr(TdStmt) remove = NULL;
  g_autofree char *detail = NULL;
  gboolean referenced = FALSE;
  gint64 intake_at;
  int rc;

  load = td_database_prepare (db,
                              "SELECT i.status, i.intake_at, i.updated_at, n.finished_at, "
                              "       json_object ('sku', i.sku, 'title', i.title, "
                              "                    'intake_id', i.intake_id, "
                              "                    'consignor_id', i.consignor_id, "
                              "                    'price', i.price, "
                              "                    'photos', (SELECT count(*) FROM photo p "
                              "                               WHERE p.item_id = i.id)) "
                              "FROM item i LEFT JOIN intake n ON n.id = i.intake_id "
                              "WHERE i.id = ?",
                              error);
  if (load == NULL)
    return FALSE;
  sqlite3_bind_int64 (load, 1, u->item_id);
  rc = sqlite3_step (load);
  if (rc == SQLITE_DONE)
    return refuse (error, TD_STOCK_ERROR_NOT_FOUND,
                   _("The item no longer exists; it may have been taken back already."));
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "loading the item to undo", error);

  if (g_strcmp0 ((const char *) sqlite3_column_text (load, 0), "available") != 0)
    return refuse (error, TD_STOCK_ERROR_NOT_AVAILABLE,
                   _("The item has left the floor since it was taken in, so it can’t be undone."));
  if (sqlite3_column_type (load, 3) != SQLITE_NULL)
    return refuse (error, TD_STOCK_ERROR_INTAKE_FINISHED,
                   _("The intake was finished, so its items can’t be undone any more. Edit or "
                     "remove the item in Inventory instead."));
  intake_at = sqlite3_column_int64 (load, 1);
  if (u->now_us - intake_at > TD_INTAKE_UNDO_WINDOW_US || u->now_us < intake_at)
    return refuse (error, TD_STOCK_ERROR_NOT_AVAILABLE,
                   _("The item was taken in too long ago to undo. Edit it in Inventory instead."));
  if (sqlite3_column_type (load, 2) != SQLITE_NULL && sqlite3_column_int64 (load, 2) > intake_at)
    return refuse (error, TD_STOCK_ERROR_NOT_AVAILABLE,
                   _("The item was edited since it was taken in, so it can’t be undone."));
  detail = g_strdup ((const char *) sqlite3_column_text (load, 4));

  if (!is_referenced (db, u->item_id, &referenced, error))
    return FALSE;
  if (referenced)
    return refuse (error, TD_STOCK_ERROR_NOT_AVAILABLE,
                   _("The item already has a sale or a marketplace listing, so it can’t be "
                     "undone."));

  remove = td_database_prepare (db, "DELETE FROM item WHERE id = ?", error);
  if (remove == NULL)
    return FALSE;
  sqlite3_bind_int64 (remove, 1, u->item_id);
  rc = sqlite3_step (remove);
  /* A table added later that points at items (without a cascade) still protects them. */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return refuse (error, TD_STOCK_ERROR_NOT_AVAILABLE,
                   _("Something already refers to the item, so it can’t be undone."));
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "removing an undone item", error);

  return td_store_audit_append (db, u->now_us, u->staff_id, "item.undone", "item", u->item_id,
                                detail, error);
}

/**
 * td_store_intake_undo_item:
 * @db: a #TdDatabase
 * @item_id: an item taken in moments ago
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_NOT_FOUND (no such item),
 *   %TD_STOCK_ERROR_INTAKE_FINISHED (its session was finished), %TD_STOCK_ERROR_NOT_AVAILABLE
 *   (older than %TD_INTAKE_UNDO_WINDOW_US, edited, no longer available, or referenced by a sale,
 *   listing or sync job), or a database error; nothing is written then
 *
 * Removes an item taken in by mistake, with an `item.undone` audit row, in one transaction.
 * Its SKU is not given out again. Its photo rows go with it; their files stay for
 * td_photo_store_sweep() — the app calls td_photo_store_undo_intake_item(), which removes them.
 */
gboolean
td_store_intake_undo_item (TdDatabase  *db,
                           gint64       item_id,
                           gint64       staff_id,
                           gint64       now_us,
                           GError     **error)
{
  Undo u = { item_id, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, undo_txn, &u, error);
}
