/* bench-photos.c — the "photos" group of thriftdesk-bench: how fast a snapshot becomes a
 * thumbnail on screen and an original on disk, and how fast a screen of 50 items gets its
 * thumbnails.
 *
 * Works in a shop of its own in a temp dir (removed afterwards), with the test camera
 * (videotestsrc through the real TdCamera pipeline, 1280×720) and the real TdPhotoStore:
 *   photos.snapshot.thumb      frame taken → scaled preview tile ready (what the strip shows
 *                              at once; texture upload not included)
 *   photos.snapshot.saved      frame taken → JPEG encoded, file + thumbnail written (fsync),
 *                              row inserted (td_photo_store_import_async() → callback)
 *   photos.screen50.lookup     the 50 main-photo names of a screen (td_store_photos_main_shas)
 *   photos.screen50.cached     50 thumbnails loaded off-thread from the thumbs/ cache, none in
 *                              the app's memory (the OS page cache is not dropped: that needs
 *                              root and would disturb the machine)
 *   photos.screen50.generate   the same with thumbs/ removed: every thumbnail made again from
 *                              its original (the true cold case, e.g. after a restore)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-photos.h"
#include "td-camera.h"
#include "td-database.h"
#include "td-item-draft.h"
#include "td-photo-store.h"
#include "td-store-intake.h"
#include "td-store-photos.h"

#define SCREEN 50

static double
ms_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *name,
             GArray     *samples)
{
  double *v = (double *) samples->data;
  guint n = samples->len;

  if (n == 0)
    return;
  qsort (v, n, sizeof (double), compare);
  g_print ("%s.median %.4g ms\n", name, n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
  g_print ("%s.p95 %.4g ms\n", name, v[MIN (n - 1, (guint) (n * 0.95))]);
  g_print ("%s.max %.4g ms\n", name, v[n - 1]);
}

static void
frame_cb (TdCamera *camera,
          guint    *frames)
{
  (*frames)++;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
wait_until (gboolean *flag_or_null,
            guint    *counter,
            guint     target)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((flag_or_null ? !*flag_or_null : *counter < target)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return flag_or_null ? *flag_or_null : *counter >= target;
}

typedef struct
{
  guint left;
} Screen;

static void
thumb_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Screen *screen = user_data;
  g_autoptr(GdkPixbuf) thumb = td_photo_store_load_thumbnail_finish (TD_PHOTO_STORE (object),
                                                                     result, NULL);

  if (thumb == NULL)
    g_printerr ("a thumbnail failed to load\n");
  screen->left--;
}

static double
load_screen (TdPhotoStore *store,
             GHashTable   *shas)
{
  Screen screen = { g_hash_table_size (shas) };
  GHashTableIter iter;
  gpointer sha;
  double t0 = ms_now ();

  g_hash_table_iter_init (&iter, shas);
  while (g_hash_table_iter_next (&iter, NULL, &sha))
    td_photo_store_load_thumbnail_async (store, sha, NULL, thumb_cb, &screen);
  while (screen.left > 0)
    g_main_context_iteration (NULL, TRUE);
  return ms_now () - t0;
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_remove (path) == 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  return g_rmdir (path) == 0;
}

gboolean
bench_photos_run (guint    reps,
                  GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("thriftdesk-bench-photos-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autofree char *thumbs = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdPhotoStore) store = NULL;
  g_autoptr(TdCamera) camera = NULL;
  g_autoptr(GArray) thumb_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saved_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lookup_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cached_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) generate_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 items[SCREEN];
  gint64 intake = 0;
  guint frames = 0;
  guint shots = MAX (reps * 3, SCREEN);
  gboolean ok = FALSE;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "shop.db", NULL);
  db = td_database_open (path, error);
  if (db == NULL || !td_store_intake_start (db, TD_ACQUISITION_DONATED, 0, 0, 1, &intake, error))
    goto out;
  for (guint i = 0; i < SCREEN; i++)
    {
      g_auto(TdItemDraft) draft;

      td_item_draft_init (&draft);
      draft.title = g_strdup_printf ("Bench item %u", i);
      draft.price = 100 + i;
      if (!td_store_intake_add_item (db, intake, &draft, 1, &items[i], NULL, error))
        goto out;
    }
  store = td_photo_store_new (db, dir);

  g_setenv ("THRIFTDESK_CAMERA", "test", TRUE);
  camera = td_camera_new ();
  g_signal_connect (camera, "frame", G_CALLBACK (frame_cb), &frames);
  td_camera_start (camera);
  if (!wait_until (NULL, &frames, 2))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the test camera gave no frame");
      goto out;
    }

  /* one snapshot per new frame, item after item (the first SCREEN give each item a photo) */
  for (guint i = 0; i < shots; i++)
    {
      g_autoptr(GdkPixbuf) frame = NULL;
      g_autoptr(GdkPixbuf) shot = NULL;
      g_autoptr(GdkPixbuf) tile = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      double t0, t1, t2;

      if (!wait_until (NULL, &frames, frames + 1))
        break;
      t0 = ms_now ();
      frame = td_camera_snapshot (camera);
      shot = gdk_pixbuf_copy (frame);
      tile = td_photo_image_scale_to_fit (shot, TD_PHOTO_THUMB_SIZE);
      t1 = ms_now ();
      td_photo_store_import_async (store, items[i % SCREEN], NULL, shot, NULL, done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (!td_photo_store_import_finish (store, result, NULL, error))
        goto out;
      t2 = ms_now ();
      g_array_append_val (thumb_ms, (double) { t1 - t0 });
      g_array_append_val (saved_ms, (double) { t2 - t0 });
    }
  td_camera_stop (camera);
  print_stats ("photos.snapshot.thumb", thumb_ms);
  print_stats ("photos.snapshot.saved", saved_ms);

  thumbs = g_build_filename (dir, "thumbs", NULL);
  for (guint rep = 0; rep < MAX (reps, 1u); rep++)
    {
      g_autoptr(GHashTable) shas = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          g_free);
      g_autoptr(TdPhotoStore) fresh = td_photo_store_new (db, dir);   /* nothing in memory */
      double t0 = ms_now ();

      if (!td_store_photos_main_shas (db, items, SCREEN, shas, error))
        goto out;
      g_array_append_val (lookup_ms, (double) { ms_now () - t0 });
      g_array_append_val (cached_ms, (double) { load_screen (fresh, shas) });
      remove_tree (thumbs);
      g_array_append_val (generate_ms, (double) { load_screen (fresh, shas) });
    }
  print_stats ("photos.screen50.lookup", lookup_ms);
  print_stats ("photos.screen50.cached", cached_ms);
  print_stats ("photos.screen50.generate", generate_ms);
  ok = TRUE;

out:
  g_clear_object (&camera);
  g_clear_object (&store);
  g_clear_object (&db);
  remove_tree (dir);
  return ok;
}
