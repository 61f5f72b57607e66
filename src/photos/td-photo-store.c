/* td-photo-store.c — the shop's photos: files named by content hash, rows in the database.
 *
 * Layout under the root (td_photo_store_dup_root_for()):
 *   photos/ab/abcdef….jpg        originals (see td-photo-image.c), never changed once written
 *   thumbs/ab/abcdef…-320.jpg    thumbnails, made again whenever missing
 * The database holds only the names (`photo.sha256`). Adding is all-or-nothing: the file is
 * written to a temporary name and renamed into place, then the row is inserted; if the row
 * fails, a file this call created and nobody references is removed again. Files are removed
 * when the last row naming them goes (td_photo_store_release()), so the same picture on two
 * items is one file that lives as long as either. Work on pixels runs in GTask threads and
 * touches only files; rows are always written on the thread that owns the TdDatabase.
 * The file half (names, atomic writes, thumbnails, sweeping) is td-photo-store-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-photos"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "td-photo-store-private.h"
#include "td-store-intake.h"

struct _TdPhotoStore
{
  GObject     parent_instance;

  TdDatabase *database;
  char       *root;
  guint       pending;   /* imports whose file may be written but whose row is not yet */
};

G_DEFINE_FINAL_TYPE (TdPhotoStore, td_photo_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Object ------------------------------------------------------------------------------------ */

static void
td_photo_store_finalize (GObject *object)
{
  TdPhotoStore *self = (TdPhotoStore *)object;

  g_clear_object (&self->database);
  g_clear_pointer (&self->root, g_free);

  G_OBJECT_CLASS (td_photo_store_parent_class)->finalize (object);
}

static void
td_photo_store_class_init (TdPhotoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_photo_store_finalize;

  /**
   * TdPhotoStore::changed:
   * @item_id: the item whose photos were added, removed, reordered or rotated
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
td_photo_store_init (TdPhotoStore *self)
{
}

/**
 * td_photo_store_dup_root_for:
 * @database_path: where the shop's database is
 *
 * Returns: (transfer full): where its photos go: beside the database. The default shop
 *   (`…/thriftdesk/shop.db`) keeps them in `…/thriftdesk/photos` and `…/thriftdesk/thumbs`;
 *   any other shop file `dir/name.db` in `dir/name-media/`, so two shops in one folder
 *   never share (and so never sweep away) each other's files.
 */
char *
td_photo_store_dup_root_for (const char *database_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (database_path != NULL, NULL);

  dir = g_path_get_dirname (database_path);
  base = g_path_get_basename (database_path);
  if (g_str_equal (base, "shop.db"))
    return g_steal_pointer (&dir);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s%c%s-media", dir, G_DIR_SEPARATOR, base);
}

/**
 * td_photo_store_new:
 * @database: the shop (main-thread connection)
 * @root: the folder for photos/ and thumbs/ (created when the first photo comes)
 *
 * Returns: (transfer full): a new #TdPhotoStore
 */
TdPhotoStore *
td_photo_store_new (TdDatabase *database,
                    const char *root)
{
  TdPhotoStore *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (root != NULL, NULL);

  self = g_object_new (TD_TYPE_PHOTO_STORE, NULL);
  self->database = g_object_ref (database);
  self->root = g_strdup (root);
  return self;
}

const char *
td_photo_store_get_root (TdPhotoStore *self)
{
  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), NULL);
  return self->root;
}

TdDatabase *
td_photo_store_get_database (TdPhotoStore *self)
{
  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), NULL);
  return self->database;
}

/**
 * td_photo_store_dup_path:
 * @self: a #TdPhotoStore
 * @sha256: a photo's image name
 *
 * Returns: (transfer full): the original's file
 */
char *
td_photo_store_dup_path (TdPhotoStore *self,
                         const char   *sha256)
{
  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);
  return td_photo_store_file_original (self->root, sha256);
}

char *
td_photo_store_dup_thumbnail_path (TdPhotoStore *self,
                                   const char   *sha256)
{
  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);
  return td_photo_store_file_thumbnail (self->root, sha256);
}

/* Adding ------------------------------------------------------------------------------------ */

/* The database half of adding, on the database's thread: the file is already in place. */
static gboolean
insert_row (TdPhotoStore  *self,
            gint64         item_id,
            TdPhotoImage  *image,
            gboolean       created,
            TdPhotoRow    *row,
            GError       **error)
{
  TdPhotoRow new_row = { 0 };
  g_autofree char *path = td_photo_store_file_original (self->root, image->sha256);

  new_row.item_id = item_id;
  new_row.position = -1;
  g_strlcpy (new_row.sha256, image->sha256, sizeof new_row.sha256);
  new_row.width = image->width;
  new_row.height = image->height;
  new_row.created_at = g_get_real_time ();
  if (!td_store_photos_insert (self->database, &new_row, error))
    {
      if (created)
        td_photo_store_release (self, image->sha256);
      return FALSE;
    }
  /* area: the same picture's last row may have been deleted (and its file with it) while this
   * one was being prepared; the bytes are still here, so put the file back */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) local_error = NULL;

      if (!td_photo_store_file_write (path, image->jpeg, &local_error))
        g_warning ("Photo %s lost its file: %s", image->sha256, local_error->message);
    }
  if (row != NULL)
    *row = new_row;
  g_signal_emit (self, signals[CHANGED], 0, item_id);
  return TRUE;
}

/**
 * td_photo_store_add:
 * @self: a #TdPhotoStore
 * @item_id: the item
 * @image: a prepared photo (td_photo_image_from_bytes() / _from_pixbuf())
 * @row: (out caller-allocates) (optional): the new row
 * @error: return location
 *
 * Stores the file (unless that picture is stored already), its thumbnail, and a row after the
 * item's other photos. All or nothing.
 */
gboolean
td_photo_store_add (TdPhotoStore  *self,
                    gint64         item_id,
                    TdPhotoImage  *image,
                    TdPhotoRow    *row,
                    GError       **error)
{
  g_autoptr(GdkPixbuf) thumb = NULL;
  gboolean created;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);
  g_return_val_if_fail (image != NULL, FALSE);

  if (!td_photo_store_file_ensure (self->root, image, &created, error))
    return FALSE;
  thumb = td_photo_store_file_make_thumbnail (self->root, image->sha256, NULL);
  return insert_row (self, item_id, image, created, row, error);
}

gboolean
td_photo_store_import_bytes (TdPhotoStore  *self,
                             gint64         item_id,
                             GBytes        *data,
                             TdPhotoRow    *row,
                             GError       **error)
{
  g_autoptr(TdPhotoImage) image = NULL;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  image = td_photo_image_from_bytes (data, error);
  return image != NULL && td_photo_store_add (self, item_id, image, row, error);
}

/**
 * td_photo_store_import_file:
 * @self: a #TdPhotoStore
 * @item_id: the item
 * @file: a picture file
 * @row: (out caller-allocates) (optional): the new row
 * @error: return location
 *
 * Like td_photo_store_import_bytes() on the file's content; a file over the size limit is
 * refused before it is read.
 */
gboolean
td_photo_store_import_file (TdPhotoStore  *self,
                            gint64         item_id,
                            GFile         *file,
                            TdPhotoRow    *row,
                            GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &local_error);
  if (info != NULL && g_file_info_get_size (info) > TD_PHOTO_MAX_FILE_BYTES)
    {
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_TOO_LARGE,
                   _("This file is too large for a photo (%d MB at most)."),
                   TD_PHOTO_MAX_FILE_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (info != NULL)
    data = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (data == NULL)
    {
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_FAILED,
                   _("The file can't be read: %s"), local_error->message);
      return FALSE;
    }
  return td_photo_store_import_bytes (self, item_id, data, row, error);
}

typedef struct
{
  gint64        item_id;
  GBytes       *data;
  GdkPixbuf    *pixbuf;
  char         *root;
  TdPhotoImage *image;
  gboolean      created;
} Import;

static void
import_free (Import *import)
{
  g_clear_pointer (&import->data, g_bytes_unref);
  g_clear_object (&import->pixbuf);
  g_clear_pointer (&import->root, g_free);
  g_clear_pointer (&import->image, td_photo_image_free);
  g_free (import);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Import *import = task_data;
  g_autoptr(GdkPixbuf) thumb = NULL;
  GError *error = NULL;

  if (import->pixbuf != NULL)
    import->image = td_photo_image_from_pixbuf (import->pixbuf, &error);
  else
    import->image = td_photo_image_from_bytes (import->data, &error);
  if (import->image == NULL
      || !td_photo_store_file_ensure (import->root, import->image, &import->created, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  thumb = td_photo_store_file_make_thumbnail (import->root, import->image->sha256, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdPhotoStore *self = TD_PHOTO_STORE (object);
  g_autoptr(GTask) outer = user_data;
  Import *import = g_task_get_task_data (G_TASK (result));
  TdPhotoRow *row = g_new0 (TdPhotoRow, 1);
  GError *error = NULL;

  g_assert (self->pending > 0);
  self->pending--;
  /* area: a cancelled import whose file was already written still gets its row: the staff
   * member pressed the shutter, and a file nobody references would be left behind otherwise */
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || !insert_row (self, import->item_id, import->image, import->created, row, &error))
    {
      g_free (row);
      g_task_return_error (outer, error);
      return;
    }
  g_task_return_pointer (outer, row, g_free);
}

/**
 * td_photo_store_import_async:
 * @self: a #TdPhotoStore
 * @item_id: the item
 * @data: (nullable): a file's content; or
 * @pixbuf: (nullable): an upright picture (a camera frame, the clipboard)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread when the row is written (or nothing was)
 * @user_data: for @callback
 *
 * Decodes, encodes and writes the file and thumbnail in a worker thread; writes the row on
 * the calling thread.
 */
void
td_photo_store_import_async (TdPhotoStore        *self,
                             gint64               item_id,
                             GBytes              *data,
                             GdkPixbuf           *pixbuf,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  Import *import;

  g_return_if_fail (TD_IS_PHOTO_STORE (self));
  g_return_if_fail ((data == NULL) != (pixbuf == NULL));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, td_photo_store_import_async);
  import = g_new0 (Import, 1);
  import->item_id = item_id;
  import->data = data ? g_bytes_ref (data) : NULL;
  import->pixbuf = pixbuf ? g_object_ref (pixbuf) : NULL;
  import->root = g_strdup (self->root);
  inner = g_task_new (self, NULL, import_done_cb, outer);
  g_task_set_task_data (inner, import, (GDestroyNotify) import_free);
  self->pending++;
  g_task_run_in_thread (inner, import_thread);
}

/**
 * td_photo_store_import_finish:
 * @self: a #TdPhotoStore
 * @result: the result
 * @row: (out caller-allocates) (optional): the new row
 * @error: return location (%TD_PHOTO_ERROR or %TD_DATABASE_ERROR)
 */
gboolean
td_photo_store_import_finish (TdPhotoStore  *self,
                              GAsyncResult  *result,
                              TdPhotoRow    *row,
                              GError       **error)
{
  g_autofree TdPhotoRow *new_row = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  new_row = g_task_propagate_pointer (G_TASK (result), error);
  if (new_row == NULL)
    return FALSE;
  if (row != NULL)
    *row = *new_row;
  return TRUE;
}

/* Changing ---------------------------------------------------------------------------------- */

/**
 * td_photo_store_release:
 * @self: a #TdPhotoStore
 * @sha256: an image name
 *
 * Removes the file and its thumbnail when no row names it any more (and no import is under
 * way that could be about to).
 */
void
td_photo_store_release (TdPhotoStore *self,
                        const char   *sha256)
{
  g_autoptr(GError) error = NULL;
  gint64 refs;

  g_return_if_fail (TD_IS_PHOTO_STORE (self));

  refs = td_store_photos_count_sha (self->database, sha256, &error);
  if (refs < 0)
    g_warning ("Keeping %s: %s", sha256, error->message);
  else if (refs == 0)
    td_photo_store_file_remove (self->root, sha256);
}

/**
 * td_photo_store_delete:
 * @self: a #TdPhotoStore
 * @photo_id: the photo
 * @keep_file: leave the file for an undo (then call td_photo_store_release() when the undo
 *   is no longer offered)
 * @removed: (out caller-allocates) (optional): the row as it was, for td_photo_store_restore()
 * @error: return location
 */
gboolean
td_photo_store_delete (TdPhotoStore  *self,
                       gint64         photo_id,
                       gboolean       keep_file,
                       TdPhotoRow    *removed,
                       GError       **error)
{
  TdPhotoRow row;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);

  if (!td_store_photos_get (self->database, photo_id, &row, error)
      || !td_store_photos_delete (self->database, photo_id, error))
    return FALSE;
  if (!keep_file)
    td_photo_store_release (self, row.sha256);
  if (removed != NULL)
    *removed = row;
  g_signal_emit (self, signals[CHANGED], 0, row.item_id);
  return TRUE;
}

/**
 * td_photo_store_restore:
 * @self: a #TdPhotoStore
 * @row: (inout): a row td_photo_store_delete() removed with @keep_file; it goes back at its
 *   old place and gets a new id
 * @error: return location
 */
gboolean
td_photo_store_restore (TdPhotoStore  *self,
                        TdPhotoRow    *row,
                        GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  path = td_photo_store_file_original (self->root, row->sha256);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_FAILED,
                   _("This photo's file is gone; it can't be brought back."));
      return FALSE;
    }
  if (!td_store_photos_insert (self->database, row, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0, row->item_id);
  return TRUE;
}

/**
 * td_photo_store_delete_item:
 * @self: a #TdPhotoStore
 * @item_id: an item
 * @error: return location
 *
 * Removes all the item's photos, and the files no other item uses.
 */
gboolean
td_photo_store_delete_item (TdPhotoStore  *self,
                            gint64         item_id,
                            GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);

  rows = td_store_photos_delete_item (self->database, item_id, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    td_photo_store_release (self, ((TdPhotoRow *) g_ptr_array_index (rows, i))->sha256);
  g_signal_emit (self, signals[CHANGED], 0, item_id);
  return TRUE;
}

/**
 * td_photo_store_undo_intake_item:
 * @self: a #TdPhotoStore
 * @item_id: an item taken in moments ago
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location: as td_store_intake_undo_item()
 *
 * td_store_intake_undo_item() (the item and its photo rows, in one transaction), then the
 * files of those photos that no other row names. When the undo is refused nothing changes.
 */
gboolean
td_photo_store_undo_intake_item (TdPhotoStore  *self,
                                 gint64         item_id,
                                 gint64         staff_id,
                                 gint64         now_us,
                                 GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);

  /* read before, released after: a photo taken in between is impossible (one thread), and a
   * release only deletes what no row names, so a stale list can remove nothing in use */
  rows = td_store_photos_list (self->database, item_id, error);
  if (rows == NULL
      || !td_store_intake_undo_item (self->database, item_id, staff_id, now_us, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    td_photo_store_release (self, ((TdPhotoRow *) g_ptr_array_index (rows, i))->sha256);
  if (rows->len > 0)
    g_signal_emit (self, signals[CHANGED], 0, item_id);
  return TRUE;
}

/**
 * td_photo_store_sweep:
 * @self: a #TdPhotoStore
 * @error: return location
 *
 * Removes every file under photos/ and thumbs/ that no row names (left by items deleted with
 * their rows, or by a crash between file and row). Does nothing while an import is under way.
 *
 * Returns: how many files were removed
 */
guint
td_photo_store_sweep (TdPhotoStore  *self,
                      GError       **error)
{
  g_autoptr(GHashTable) keep = NULL;
  g_autofree char *photos = NULL;
  g_autofree char *thumbs = NULL;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), 0);

  if (self->pending > 0)
    return 0;
  keep = td_store_photos_all_shas (self->database, error);
  if (keep == NULL)
    return 0;
  photos = g_build_filename (self->root, "photos", NULL);
  thumbs = g_build_filename (self->root, "thumbs", NULL);
  return td_photo_store_file_sweep_dir (photos, keep) + td_photo_store_file_sweep_dir (thumbs, keep);
}

/**
 * td_photo_store_move:
 * @self: a #TdPhotoStore
 * @photo_id: the photo
 * @position: its new place (0 makes it the main photo)
 * @error: return location
 */
gboolean
td_photo_store_move (TdPhotoStore  *self,
                     gint64         photo_id,
                     int            position,
                     GError       **error)
{
  TdPhotoRow row;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);

  if (!td_store_photos_get (self->database, photo_id, &row, error)
      || !td_store_photos_move (self->database, photo_id, position, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0, row.item_id);
  return TRUE;
}

/**
 * td_photo_store_rotate:
 * @self: a #TdPhotoStore
 * @photo_id: the photo
 * @degrees_clockwise: 90, 180 or 270
 * @error: return location
 *
 * Re-encodes the photo turned; the turned picture has a new name, and the old file goes when
 * no other row names it.
 */
gboolean
td_photo_store_rotate (TdPhotoStore  *self,
                       gint64         photo_id,
                       int            degrees_clockwise,
                       GError       **error)
{
  TdPhotoRow row;
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) turned = NULL;
  g_autoptr(TdPhotoImage) image = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbufRotation rotation;
  gboolean created;

  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), FALSE);

  switch (((degrees_clockwise % 360) + 360) % 360)
    {
    case 90: rotation = GDK_PIXBUF_ROTATE_CLOCKWISE; break;
    case 180: rotation = GDK_PIXBUF_ROTATE_UPSIDEDOWN; break;
    case 270: rotation = GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE; break;
    default: return TRUE;
    }
  if (!td_store_photos_get (self->database, photo_id, &row, error))
    return FALSE;
  path = td_photo_store_file_original (self->root, row.sha256);
  pixbuf = gdk_pixbuf_new_from_file (path, &local_error);
  if (pixbuf == NULL)
    {
      g_warning ("Can't read %s: %s", path, local_error->message);
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_FAILED,
                   _("This photo's file is missing or damaged."));
      return FALSE;
    }
  turned = gdk_pixbuf_rotate_simple (pixbuf, rotation);
  image = td_photo_image_from_pixbuf (turned, error);
  if (image == NULL || !td_photo_store_file_ensure (self->root, image, &created, error))
    return FALSE;
  thumb = td_photo_store_file_make_thumbnail (self->root, image->sha256, NULL);
  if (!td_store_photos_set_image (self->database, photo_id, image->sha256, image->width,
                                  image->height, error))
    {
      if (created)
        td_photo_store_release (self, image->sha256);
      return FALSE;
    }
  if (!g_str_equal (row.sha256, image->sha256))
    td_photo_store_release (self, row.sha256);
  g_signal_emit (self, signals[CHANGED], 0, row.item_id);
  return TRUE;
}

