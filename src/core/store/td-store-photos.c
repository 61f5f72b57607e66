/* td-store-photos.c — the photo rows of items.
 *
 * An item's photos are numbered 0, 1, 2 … with no gaps; 0 is the main photo (tags, listings,
 * the inventory list). Every change that moves positions renumbers the whole item in one
 * transaction, so the numbering can never be left with holes or twins. The image files are
 * named by `sha256` and kept by src/photos; this file never touches them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <string.h>

#include "td-store-private.h"
#include "td-store-photos.h"

#define ROW_COLUMNS "id, item_id, position, sha256, width, height, created_at"

static void
read_row (TdStmt     *stmt,
          TdPhotoRow *row)
{
  const char *sha = (const char *) sqlite3_column_text (stmt, 3);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->item_id = sqlite3_column_int64 (stmt, 1);
  row->position = sqlite3_column_int (stmt, 2);
  g_strlcpy (row->sha256, sha ? sha : "", sizeof row->sha256);
  row->width = sqlite3_column_int (stmt, 4);
  row->height = sqlite3_column_int (stmt, 5);
  row->created_at = sqlite3_column_int64 (stmt, 6);
}

/**
 * td_store_photos_list:
 * @db: a #TdDatabase
 * @item_id: the item
 * @error: return location
 *
 * Returns: (transfer full) (element-type TdPhotoRow): the item's photos, main photo first,
 *   or %NULL on error
 */
GPtrArray *
td_store_photos_list (TdDatabase  *db,
                      gint64       item_id,
                      GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db, "SELECT " ROW_COLUMNS " FROM photo WHERE item_id = ? "
                                  "ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdPhotoRow *row = g_new0 (TdPhotoRow, 1);

      read_row (stmt, row);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing an item's photos", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * td_store_photos_get:
 * @db: a #TdDatabase
 * @photo_id: the photo
 * @row: (out caller-allocates): filled in
 * @error: return location
 *
 * Returns: %FALSE with %TD_DATABASE_ERROR_CONSTRAINT when there is no such photo
 */
gboolean
td_store_photos_get (TdDatabase  *db,
                     gint64       photo_id,
                     TdPhotoRow  *row,
                     GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  stmt = td_database_prepare (db, "SELECT " ROW_COLUMNS " FROM photo WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, photo_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      read_row (stmt, row);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_CONSTRAINT;
  return td_database_set_error (db, rc, "reading a photo", error);
}

/* Writes the item's photos back as 0, 1, 2 … in the order of @ids. */
static gboolean
renumber (TdDatabase  *db,
          GArray      *ids,
          GError     **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TdStmt) stmt = td_database_prepare (db, "UPDATE photo SET position = ? "
                                                        "WHERE id = ? AND position IS NOT ?",
                                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static GArray *
item_ids_in_order (TdDatabase  *db,
                   gint64       item_id,
                   gint64       except_id,
                   GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = td_database_prepare (db, "SELECT id FROM photo WHERE item_id = ? AND id != ? "
                                  "ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, except_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "ordering an item's photos", error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
insert_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  TdPhotoRow *row = user_data;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  guint at;

  ids = item_ids_in_order (db, row->item_id, 0, error);
  if (ids == NULL)
    return FALSE;
  stmt = td_database_prepare (db, "INSERT INTO photo (item_id, position, sha256, width, height, "
                                  "created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  at = (row->position < 0 || (guint) row->position > ids->len) ? ids->len : (guint) row->position;
  sqlite3_bind_int64 (stmt, 1, row->item_id);
  sqlite3_bind_int (stmt, 2, (int) at);
  sqlite3_bind_text (stmt, 3, row->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, row->width);
  sqlite3_bind_int (stmt, 5, row->height);
  sqlite3_bind_int64 (stmt, 6, row->created_at);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  row->id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  row->position = (int) at;
  g_array_insert_val (ids, at, row->id);
  return renumber (db, ids, error);
}

/**
 * td_store_photos_insert:
 * @db: a #TdDatabase
 * @row: (inout): item_id, sha256, width, height, created_at; position -1 (or past the end)
 *   appends, otherwise the photo goes in at that place (undoing a delete). On return @row
 *   holds the new id and the position it got.
 * @error: return location
 *
 * An item that does not exist, or a malformed hash, is refused (%TD_DATABASE_ERROR_CONSTRAINT).
 */
gboolean
td_store_photos_insert (TdDatabase  *db,
                        TdPhotoRow  *row,
                        GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  return td_database_transaction (db, insert_txn, row, error);
}

typedef struct
{
  gint64 photo_id;
  int    position;   /* move: where to; delete: -1 */
} Change;

static gboolean
change_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Change *c = user_data;
  TdPhotoRow row;
  g_autoptr(GArray) ids = NULL;

  if (!td_store_photos_get (db, c->photo_id, &row, error))
    return FALSE;
  ids = item_ids_in_order (db, row.item_id, row.id, error);
  if (ids == NULL)
    return FALSE;
  if (c->position < 0)
    {
      g_autoptr(TdStmt) stmt = td_database_prepare (db, "DELETE FROM photo WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row.id);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
    }
  else
    g_array_insert_val (ids, MIN ((guint) c->position, ids->len), row.id);
  return renumber (db, ids, error);
}

/**
 * td_store_photos_delete:
 * @db: a #TdDatabase
 * @photo_id: the photo
 * @error: return location
 *
 * Removes the row and closes the gap in the numbering. The file is the photo store's business.
 */
gboolean
td_store_photos_delete (TdDatabase  *db,
                        gint64       photo_id,
                        GError     **error)
{
  Change c = { photo_id, -1 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  return td_database_transaction (db, change_txn, &c, error);
}

/**
 * td_store_photos_move:
 * @db: a #TdDatabase
 * @photo_id: the photo
 * @position: its new place among the item's photos (0 = main; past the end = last)
 * @error: return location
 */
gboolean
td_store_photos_move (TdDatabase  *db,
                      gint64       photo_id,
                      int          position,
                      GError     **error)
{
  Change c = { photo_id, MAX (position, 0) };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  return td_database_transaction (db, change_txn, &c, error);
}

/**
 * td_store_photos_set_image:
 * @db: a #TdDatabase
 * @photo_id: the photo
 * @sha256: its new image (after a rotation)
 * @width: pixels
 * @height: pixels
 * @error: return location
 */
gboolean
td_store_photos_set_image (TdDatabase  *db,
                           gint64       photo_id,
                           const char  *sha256,
                           int          width,
                           int          height,
                           GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  stmt = td_database_prepare (db, "UPDATE photo SET sha256 = ?, width = ?, height = ? "
                                  "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, width);
  sqlite3_bind_int (stmt, 3, height);
  sqlite3_bind_int64 (stmt, 4, photo_id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) == 0)
    return td_database_set_error (db, SQLITE_CONSTRAINT, "changing a missing photo", error);
  return TRUE;
}

/**
 * td_store_photos_count_sha:
 * @db: a #TdDatabase
 * @sha256: an image name
 * @error: return location
 *
 * Returns: how many photo rows (of any item) show this image; -1 on error
 */
gint64
td_store_photos_count_sha (TdDatabase  *db,
                           const char  *sha256,
                           GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), -1);
  g_return_val_if_fail (sha256 != NULL, -1);

  stmt = td_database_prepare (db, "SELECT count(*) FROM photo WHERE sha256 = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      td_database_set_error (db, rc, "counting photo references", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
delete_item_txn (TdDatabase  *db,
                 gpointer     user_data,
                 GError     **error)
{
  gint64 item_id = *(gint64 *) user_data;
  g_autoptr(TdStmt) stmt = td_database_prepare (db, "DELETE FROM photo WHERE item_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  return td_database_step_done (db, stmt, error);
}

/**
 * td_store_photos_delete_item:
 * @db: a #TdDatabase
 * @item_id: the item whose photos go
 * @error: return location
 *
 * Returns: (transfer full) (element-type TdPhotoRow): the rows removed (so the caller can drop
 *   files nobody references any more), or %NULL on error
 */
GPtrArray *
td_store_photos_delete_item (TdDatabase  *db,
                             gint64       item_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) rows = td_store_photos_list (db, item_id, error);

  if (rows == NULL || !td_database_transaction (db, delete_item_txn, &item_id, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * td_store_photos_all_shas:
 * @db: a #TdDatabase
 * @error: return location
 *
 * Returns: (transfer full): a set of every image name some photo row uses (for sweeping
 *   files left behind, e.g. after items were deleted with their photo rows)
 */
GHashTable *
td_store_photos_all_shas (TdDatabase  *db,
                          GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db, "SELECT DISTINCT sha256 FROM photo", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing photo files", error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

/**
 * td_store_photos_main_shas:
 * @db: a #TdDatabase
 * @item_ids: items (one screen of a list)
 * @n_items: how many
 * @item_to_sha: a table (gint64* → char*, both owned by the table) that receives the main
 *   photo of each item that has one
 * @error: return location
 *
 * One indexed lookup per item on `photo_item (item_id, position)`.
 */
gboolean
td_store_photos_main_shas (TdDatabase    *db,
                           const gint64  *item_ids,
                           guint          n_items,
                           GHashTable    *item_to_sha,
                           GError       **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TdStmt) stmt = td_database_prepare (db, "SELECT sha256 FROM photo "
                                                        "WHERE item_id = ? "
                                                        "ORDER BY position LIMIT 1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_hash_table_insert (item_to_sha, g_memdup2 (&item_ids[i], sizeof (gint64)),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      else if (rc != SQLITE_DONE)
        return td_database_set_error (db, rc, "finding main photos", error);
    }
  return TRUE;
}
