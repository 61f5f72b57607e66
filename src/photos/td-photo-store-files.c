/* td-photo-store-files.c — the photo store's files: names, atomic writes, thumbnails.
 *
 * Pure file work on a root folder (no database, no object state): safe on any thread, so the
 * GTask threads of td-photo-store.c use it directly.
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

/* Files (any thread) ---------------------------------------------------------------------- */

char *
td_photo_store_file_original (const char *root,
                              const char *sha)
{
  g_autofree char *name = g_strconcat (sha, ".jpg", NULL);
  char prefix[3] = { sha[0], sha[1], '\0' };

  return g_build_filename (root, "photos", prefix, name, NULL);
}

char *
td_photo_store_file_thumbnail (const char *root,
                               const char *sha)
{
  g_autofree char *name = g_strdup_printf ("%s-%d.jpg", sha, TD_PHOTO_THUMB_SIZE);
  char prefix[3] = { sha[0], sha[1], '\0' };

  return g_build_filename (root, "thumbs", prefix, name, NULL);
}

gboolean
td_photo_store_file_write (const char  *path,
                           GBytes      *bytes,
                           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;
  gsize n;
  const char *data = g_bytes_get_data (bytes, &n);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_warning ("Can't make %s: %s", dir, g_strerror (saved));
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_FAILED,
                   _("The photo folder can't be written (%s)."), g_strerror (saved));
      return FALSE;
    }
  /* a temporary file renamed over the name: a reader never sees half a photo */
  if (!g_file_set_contents_full (path, data, (gssize) n,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_warning ("Can't write %s: %s", path, local_error->message);
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_FAILED,
                   _("The photo could not be saved: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Writes the original unless a file of that name (hence that content) is already there. */
gboolean
td_photo_store_file_ensure (const char    *root,
                            TdPhotoImage  *image,
                            gboolean      *created,
                            GError       **error)
{
  g_autofree char *path = td_photo_store_file_original (root, image->sha256);

  *created = FALSE;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (!td_photo_store_file_write (path, image->jpeg, error))
    return FALSE;
  *created = TRUE;
  return TRUE;
}

GdkPixbuf *
td_photo_store_file_make_thumbnail (const char  *root,
                                    const char  *sha,
                                    GError     **error)
{
  g_autofree char *source = td_photo_store_file_original (root, sha);
  g_autofree char *target = td_photo_store_file_thumbnail (root, sha);
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *buffer = NULL;
  gsize length = 0;

  /* libjpeg decodes straight at 1/2, 1/4, 1/8 scale: far cheaper than decoding full size */
  thumb = gdk_pixbuf_new_from_file_at_scale (source, TD_PHOTO_THUMB_SIZE, TD_PHOTO_THUMB_SIZE,
                                             TRUE, &local_error);
  if (thumb == NULL)
    {
      g_debug ("No thumbnail for %s: %s", sha, local_error->message);
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_FAILED,
                   _("This photo's file is missing or damaged."));
      return NULL;
    }
  if (!gdk_pixbuf_save_to_buffer (thumb, &buffer, &length, "jpeg", &local_error,
                                  "quality", "85", NULL))
    {
      g_warning ("Encoding a thumbnail: %s", local_error->message);
      return g_steal_pointer (&thumb);   /* shown, just not cached */
    }
  bytes = g_bytes_new_take (buffer, length);
  if (!td_photo_store_file_write (target, bytes, &local_error))
    g_debug ("Thumbnail not cached: %s", local_error->message);
  return g_steal_pointer (&thumb);
}

GdkPixbuf *
td_photo_store_file_load_thumbnail (const char  *root,
                                    const char  *sha,
                                    GError     **error)
{
  g_autofree char *path = td_photo_store_file_thumbnail (root, sha);
  GdkPixbuf *thumb = gdk_pixbuf_new_from_file (path, NULL);

  return thumb != NULL ? thumb : td_photo_store_file_make_thumbnail (root, sha, error);
}

void
td_photo_store_file_remove (const char *root,
                            const char *sha)
{
  g_autofree char *original = td_photo_store_file_original (root, sha);
  g_autofree char *thumb = td_photo_store_file_thumbnail (root, sha);

  if (g_remove (original) != 0 && errno != ENOENT)
    g_warning ("Can't remove %s: %s", original, g_strerror (errno));
  if (g_remove (thumb) != 0 && errno != ENOENT)
    g_warning ("Can't remove %s: %s", thumb, g_strerror (errno));
}

guint
td_photo_store_file_sweep_dir (const char *dir,
                               GHashTable *keep)
{
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  const char *prefix;
  guint removed = 0;

  if (top == NULL)
    return 0;
  while ((prefix = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, prefix, NULL);
      g_autoptr(GDir) files = g_dir_open (sub, 0, NULL);
      const char *name;

      if (files == NULL)
        continue;
      while ((name = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *sha = g_strndup (name, 64);
          g_autofree char *path = NULL;

          if (strlen (name) >= 64 && g_hash_table_contains (keep, sha))
            continue;
          path = g_build_filename (sub, name, NULL);
          if (g_remove (path) == 0)
            removed++;
        }
    }
  return removed;
}

/* Thumbnails -------------------------------------------------------------------------------- */

/**
 * td_photo_store_load_thumbnail:
 * @self: a #TdPhotoStore
 * @sha256: an image name
 * @error: return location
 *
 * Returns: (transfer full): the cached thumbnail (long edge %TD_PHOTO_THUMB_SIZE), made and
 *   cached first when missing. Blocking: the UI uses the async version.
 */
GdkPixbuf *
td_photo_store_load_thumbnail (TdPhotoStore  *self,
                               const char    *sha256,
                               GError       **error)
{
  g_return_val_if_fail (TD_IS_PHOTO_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  return td_photo_store_file_load_thumbnail (td_photo_store_get_root (self), sha256, error);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  char **paths = task_data;   /* root, sha */
  GError *error = NULL;
  GdkPixbuf *thumb;

  if (g_task_return_error_if_cancelled (task))
    return;
  thumb = td_photo_store_file_load_thumbnail (paths[0], paths[1], &error);
  if (thumb == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, thumb, g_object_unref);
}

void
td_photo_store_load_thumbnail_async (TdPhotoStore        *self,
                                     const char          *sha256,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **paths;

  g_return_if_fail (TD_IS_PHOTO_STORE (self));
  g_return_if_fail (sha256 != NULL && strlen (sha256) == 64);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_photo_store_load_thumbnail_async);
  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (td_photo_store_get_root (self));
  paths[1] = g_strdup (sha256);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, thumbnail_thread);
}

GdkPixbuf *
td_photo_store_load_thumbnail_finish (TdPhotoStore  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
