/* td-photo-image.h — turning an image someone brings into the JPEG the shop keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

#define TD_PHOTO_ERROR (td_photo_error_quark ())

/**
 * TdPhotoError:
 * @TD_PHOTO_ERROR_NOT_AN_IMAGE: the bytes are not a picture at all
 * @TD_PHOTO_ERROR_UNSUPPORTED: a picture format this computer can't read (e.g. HEIC without
 *   its loader)
 * @TD_PHOTO_ERROR_CORRUPT: a picture, but damaged or cut short
 * @TD_PHOTO_ERROR_TOO_LARGE: the file or its pixel count is past the limits below
 * @TD_PHOTO_ERROR_FAILED: the photo could not be written or read back (disk)
 *
 * Messages are plain sentences for shop staff.
 */
typedef enum
{
  TD_PHOTO_ERROR_NOT_AN_IMAGE,
  TD_PHOTO_ERROR_UNSUPPORTED,
  TD_PHOTO_ERROR_CORRUPT,
  TD_PHOTO_ERROR_TOO_LARGE,
  TD_PHOTO_ERROR_FAILED,
} TdPhotoError;

#define TD_PHOTO_MAX_FILE_BYTES (60 * 1024 * 1024)  /* a 100 MP camera JPEG is ~40 MB */
#define TD_PHOTO_MAX_EDGE       16384               /* pixels, either side, before scaling */
#define TD_PHOTO_MAX_PIXELS     (120 * 1000 * 1000)
#define TD_PHOTO_LONG_EDGE      2400                /* stored originals are at most this */
#define TD_PHOTO_JPEG_QUALITY   "90"
#define TD_PHOTO_THUMB_SIZE     320

/**
 * TdPhotoImage:
 * @jpeg: the bytes to store
 * @sha256: SHA-256 of @jpeg in hex: the file's name
 * @width: pixels of @jpeg
 * @height: pixels of @jpeg
 */
typedef struct
{
  GBytes *jpeg;
  char    sha256[65];
  int     width;
  int     height;
} TdPhotoImage;

GQuark        td_photo_error_quark          (void);
TdPhotoImage *td_photo_image_from_bytes     (GBytes        *data,
                                             GError       **error);
TdPhotoImage *td_photo_image_from_pixbuf    (GdkPixbuf     *pixbuf,
                                             GError       **error);
GdkPixbuf    *td_photo_image_scale_to_fit   (GdkPixbuf     *pixbuf,
                                             int            long_edge);
void          td_photo_image_free           (TdPhotoImage  *image);
gboolean      td_photo_image_format_readable (const char   *format_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPhotoImage, td_photo_image_free)

G_END_DECLS
