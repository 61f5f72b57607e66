/* td-photo-image.c — turning an image someone brings into the JPEG the shop keeps.
 *
 * Whatever comes in (a camera frame, a file, the clipboard) goes through one path: decode with
 * gdk-pixbuf's loaders (whatever formats this computer has: JPEG and PNG always, WebP and HEIC
 * when their loaders are installed), turn it upright by its EXIF orientation, flatten any
 * transparency onto white, shrink so the long edge is at most TD_PHOTO_LONG_EDGE, and encode
 * as JPEG quality 90. The file is named by the SHA-256 of those JPEG bytes: libjpeg's output is
 * a pure function of the pixels, so the same picture brought twice gets the same name and is
 * stored once, and the name checks the file's content. Pure functions: safe on any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-photos"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-photo-image.h"

G_DEFINE_QUARK (td-photo-error-quark, td_photo_error)

typedef struct
{
  gboolean too_large;
} Limits;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  Limits *limits = user_data;

  if (width > TD_PHOTO_MAX_EDGE || height > TD_PHOTO_MAX_EDGE
      || (gint64) width * height > TD_PHOTO_MAX_PIXELS)
    {
      limits->too_large = TRUE;
      /* area: decode a token 1×1 instead of allocating gigabytes; the result is thrown away */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

/* Names a format by its magic bytes when no loader recognised it, so the message can say
 * "HEIC" rather than "not a picture". */
static const char *
known_unreadable_format (const guint8 *d,
                         gsize         n)
{
  if (n >= 12 && memcmp (d + 4, "ftyp", 4) == 0
      && (memcmp (d + 8, "heic", 4) == 0 || memcmp (d + 8, "heix", 4) == 0
          || memcmp (d + 8, "mif1", 4) == 0 || memcmp (d + 8, "msf1", 4) == 0))
    return "HEIC";
  if (n >= 12 && memcmp (d + 8, "avif", 4) == 0)
    return "AVIF";
  if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "WebP";
  return NULL;
}

/**
 * td_photo_image_format_readable:
 * @format_name: a gdk-pixbuf format name ("jpeg", "png", "webp", "heif")
 *
 * Returns: whether this computer has a loader for it
 */
gboolean
td_photo_image_format_readable (const char *format_name)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_ascii_strcasecmp (name, format_name) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * td_photo_image_scale_to_fit:
 * @pixbuf: a picture
 * @long_edge: the most either side may be
 *
 * Returns: (transfer full): @pixbuf itself (a new reference) when it fits, else a copy
 *   scaled down with its proportions kept
 */
GdkPixbuf *
td_photo_image_scale_to_fit (GdkPixbuf *pixbuf,
                             int        long_edge)
{
  int w, h;
  double scale;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  if (MAX (w, h) <= long_edge)
    return g_object_ref (pixbuf);
  scale = (double) long_edge / MAX (w, h);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (w * scale + 0.5)),
                                  MAX (1, (int) (h * scale + 0.5)), GDK_INTERP_BILINEAR);
}

static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  GdkPixbuf *flat;
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);
  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  gdk_pixbuf_fill (flat, 0xffffffff);
  gdk_pixbuf_composite (pixbuf, flat, 0, 0, w, h, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return flat;
}

/**
 * td_photo_image_from_pixbuf:
 * @pixbuf: an upright picture (a camera frame, a rotated photo, the clipboard)
 * @error: return location
 *
 * Returns: (transfer full): the JPEG to store, or %NULL with %TD_PHOTO_ERROR
 */
TdPhotoImage *
td_photo_image_from_pixbuf (GdkPixbuf  *pixbuf,
                            GError    **error)
{
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TdPhotoImage) image = g_new0 (TdPhotoImage, 1);
  g_autofree char *checksum = NULL;
  char *buffer = NULL;
  gsize length = 0;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  scaled = td_photo_image_scale_to_fit (pixbuf, TD_PHOTO_LONG_EDGE);
  flat = flatten (scaled);
  if (!gdk_pixbuf_save_to_buffer (flat, &buffer, &length, "jpeg", &local_error,
                                  "quality", TD_PHOTO_JPEG_QUALITY, NULL))
    {
      g_warning ("Encoding a photo as JPEG: %s", local_error->message);
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_FAILED,
                   _("The photo could not be saved as JPEG."));
      return NULL;
    }
  image->jpeg = g_bytes_new_take (buffer, length);
  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image->jpeg);
  g_strlcpy (image->sha256, checksum, sizeof image->sha256);
  image->width = gdk_pixbuf_get_width (flat);
  image->height = gdk_pixbuf_get_height (flat);
  return g_steal_pointer (&image);
}

/**
 * td_photo_image_from_bytes:
 * @data: a file's content, as brought (JPEG, PNG, WebP, HEIC …)
 * @error: return location
 *
 * Refuses, with a sentence for staff: files over %TD_PHOTO_MAX_FILE_BYTES, anything that is
 * not a picture (a text file named .jpg), formats this computer can't read, damaged or cut-off
 * pictures, and pictures over %TD_PHOTO_MAX_PIXELS.
 *
 * Returns: (transfer full): the upright, capped JPEG to store, or %NULL with %TD_PHOTO_ERROR
 */
TdPhotoImage *
td_photo_image_from_bytes (GBytes  *data,
                           GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  GdkPixbuf *decoded;
  const guint8 *d;
  gsize n;
  Limits limits = { FALSE };
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);

  d = g_bytes_get_data (data, &n);
  if (n > TD_PHOTO_MAX_FILE_BYTES)
    {
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_TOO_LARGE,
                   _("This file is too large for a photo (%d MB at most)."),
                   TD_PHOTO_MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_NOT_AN_IMAGE,
                   _("This file is empty, not a picture."));
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &limits);
  ok = gdk_pixbuf_loader_write (loader, d, n, &local_error);
  /* close even after a failed write, or the loader warns when it is finalized */
  ok = gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL) && ok;
  if (limits.too_large)
    {
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_TOO_LARGE,
                   _("This picture has too many pixels to keep (%d megapixels at most)."),
                   TD_PHOTO_MAX_PIXELS / 1000000);
      return NULL;
    }
  if (!ok && g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
    {
      const char *format = known_unreadable_format (d, n);

      if (format != NULL)
        g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_UNSUPPORTED,
                     _("This is a %s picture, which this computer can't read. Save it as JPEG "
                       "or PNG and try again."), format);
      else
        g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_NOT_AN_IMAGE,
                     _("This file is not a picture. Choose a JPEG or PNG photo."));
      return NULL;
    }
  decoded = gdk_pixbuf_loader_get_pixbuf (loader);
  if (!ok || decoded == NULL)
    {
      g_debug ("Refusing a damaged picture: %s", local_error ? local_error->message : "no pixels");
      g_set_error (error, TD_PHOTO_ERROR, TD_PHOTO_ERROR_CORRUPT,
                   _("This picture is damaged or incomplete and can't be used."));
      return NULL;
    }

  upright = gdk_pixbuf_apply_embedded_orientation (decoded);
  return td_photo_image_from_pixbuf (upright, error);
}

/**
 * td_photo_image_free:
 * @image: (nullable): a #TdPhotoImage
 */
void
td_photo_image_free (TdPhotoImage *image)
{
  if (image == NULL)
    return;
  g_clear_pointer (&image->jpeg, g_bytes_unref);
  g_free (image);
}
