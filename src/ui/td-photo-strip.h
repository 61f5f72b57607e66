/* td-photo-strip.h — one item's photos: thumbnails, camera, import, reorder, delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-photo-store.h"

G_BEGIN_DECLS

#define TD_TYPE_PHOTO_STRIP (td_photo_strip_get_type ())

G_DECLARE_FINAL_TYPE (TdPhotoStrip, td_photo_strip, TD, PHOTO_STRIP, GtkWidget)

GtkWidget *td_photo_strip_new              (TdPhotoStore *store,
                                            GSettings    *settings);
void       td_photo_strip_set_item         (TdPhotoStrip *self,
                                            gint64        item_id,
                                            const char   *title);
gint64     td_photo_strip_get_item         (TdPhotoStrip *self);
void       td_photo_strip_set_camera_shown (TdPhotoStrip *self,
                                            gboolean      shown);
GtkWidget *td_photo_strip_get_camera_view  (TdPhotoStrip *self);
guint      td_photo_strip_get_n_pending    (TdPhotoStrip *self);
void       td_photo_strip_import_files     (TdPhotoStrip *self,
                                            GListModel   *files);

G_END_DECLS
