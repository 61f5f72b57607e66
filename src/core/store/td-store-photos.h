/* td-store-photos.h — the photo rows of items (the image files live in src/photos).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/**
 * TdPhotoRow:
 * One photo of an item. @position 0 is the main photo; the database holds only the name of
 * the image file (@sha256, 64 hex digits), never its bytes.
 */
typedef struct
{
  gint64 id;
  gint64 item_id;
  int    position;
  char   sha256[65];
  int    width;
  int    height;
  gint64 created_at;   /* UTC µs */
} TdPhotoRow;

GPtrArray *td_store_photos_list         (TdDatabase        *db,
                                         gint64             item_id,
                                         GError           **error);
gboolean   td_store_photos_get          (TdDatabase        *db,
                                         gint64             photo_id,
                                         TdPhotoRow        *row,
                                         GError           **error);
gboolean   td_store_photos_insert       (TdDatabase        *db,
                                         TdPhotoRow        *row,
                                         GError           **error);
gboolean   td_store_photos_delete       (TdDatabase        *db,
                                         gint64             photo_id,
                                         GError           **error);
gboolean   td_store_photos_move         (TdDatabase        *db,
                                         gint64             photo_id,
                                         int                position,
                                         GError           **error);
gboolean   td_store_photos_set_image    (TdDatabase        *db,
                                         gint64             photo_id,
                                         const char        *sha256,
                                         int                width,
                                         int                height,
                                         GError           **error);
gint64     td_store_photos_count_sha    (TdDatabase        *db,
                                         const char        *sha256,
                                         GError           **error);
GPtrArray *td_store_photos_delete_item  (TdDatabase        *db,
                                         gint64             item_id,
                                         GError           **error);
GHashTable *td_store_photos_all_shas    (TdDatabase        *db,
                                         GError           **error);
gboolean   td_store_photos_main_shas    (TdDatabase        *db,
                                         const gint64      *item_ids,
                                         guint              n_items,
                                         GHashTable        *item_to_sha,
                                         GError           **error);

G_END_DECLS
