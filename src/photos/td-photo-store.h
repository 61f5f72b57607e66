/* td-photo-store.h — the shop's photos: files named by content hash, rows in the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "td-database.h"
#include "td-photo-image.h"
#include "td-store-photos.h"

G_BEGIN_DECLS

#define TD_TYPE_PHOTO_STORE (td_photo_store_get_type ())

G_DECLARE_FINAL_TYPE (TdPhotoStore, td_photo_store, TD, PHOTO_STORE, GObject)

char         *td_photo_store_dup_root_for     (const char           *database_path);
TdPhotoStore *td_photo_store_new              (TdDatabase           *database,
                                               const char           *root);
const char   *td_photo_store_get_root         (TdPhotoStore         *self);
TdDatabase   *td_photo_store_get_database     (TdPhotoStore         *self);
char         *td_photo_store_dup_path         (TdPhotoStore         *self,
                                               const char           *sha256);
char         *td_photo_store_dup_thumbnail_path (TdPhotoStore       *self,
                                               const char           *sha256);

gboolean      td_photo_store_add              (TdPhotoStore         *self,
                                               gint64                item_id,
                                               TdPhotoImage         *image,
                                               TdPhotoRow           *row,
                                               GError              **error);
gboolean      td_photo_store_import_bytes     (TdPhotoStore         *self,
                                               gint64                item_id,
                                               GBytes               *data,
                                               TdPhotoRow           *row,
                                               GError              **error);
gboolean      td_photo_store_import_file      (TdPhotoStore         *self,
                                               gint64                item_id,
                                               GFile                *file,
                                               TdPhotoRow           *row,
                                               GError              **error);
void          td_photo_store_import_async     (TdPhotoStore         *self,
                                               gint64                item_id,
                                               GBytes               *data,
                                               GdkPixbuf            *pixbuf,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      td_photo_store_import_finish    (TdPhotoStore         *self,
                                               GAsyncResult         *result,
                                               TdPhotoRow           *row,
                                               GError              **error);

gboolean      td_photo_store_delete           (TdPhotoStore         *self,
                                               gint64                photo_id,
                                               gboolean              keep_file,
                                               TdPhotoRow           *removed,
                                               GError              **error);
gboolean      td_photo_store_restore          (TdPhotoStore         *self,
                                               TdPhotoRow           *row,
                                               GError              **error);
void          td_photo_store_release          (TdPhotoStore         *self,
                                               const char           *sha256);
gboolean      td_photo_store_delete_item      (TdPhotoStore         *self,
                                               gint64                item_id,
                                               GError              **error);
gboolean      td_photo_store_undo_intake_item (TdPhotoStore         *self,
                                               gint64                item_id,
                                               gint64                staff_id,
                                               gint64                now_us,
                                               GError              **error);
guint         td_photo_store_sweep            (TdPhotoStore         *self,
                                               GError              **error);
gboolean      td_photo_store_move             (TdPhotoStore         *self,
                                               gint64                photo_id,
                                               int                   position,
                                               GError              **error);
gboolean      td_photo_store_rotate           (TdPhotoStore         *self,
                                               gint64                photo_id,
                                               int                   degrees_clockwise,
                                               GError              **error);

GdkPixbuf    *td_photo_store_load_thumbnail   (TdPhotoStore         *self,
                                               const char           *sha256,
                                               GError              **error);
void          td_photo_store_load_thumbnail_async  (TdPhotoStore    *self,
                                               const char           *sha256,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GdkPixbuf    *td_photo_store_load_thumbnail_finish (TdPhotoStore    *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
