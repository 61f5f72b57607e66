/* td-photo-store-private.h — shared by td-photo-store.c and td-photo-store-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-photo-store.h"

G_BEGIN_DECLS

char      *td_photo_store_file_original       (const char    *root,
                                               const char    *sha);
char      *td_photo_store_file_thumbnail      (const char    *root,
                                               const char    *sha);
gboolean   td_photo_store_file_write          (const char    *path,
                                               GBytes        *bytes,
                                               GError       **error);
gboolean   td_photo_store_file_ensure         (const char    *root,
                                               TdPhotoImage  *image,
                                               gboolean      *created,
                                               GError       **error);
GdkPixbuf *td_photo_store_file_make_thumbnail (const char    *root,
                                               const char    *sha,
                                               GError       **error);
GdkPixbuf *td_photo_store_file_load_thumbnail (const char    *root,
                                               const char    *sha,
                                               GError       **error);
void       td_photo_store_file_remove         (const char    *root,
                                               const char    *sha);
guint      td_photo_store_file_sweep_dir      (const char    *dir,
                                               GHashTable    *keep);

G_END_DECLS
