/* td-photo-test.h — pictures for the photo tests, made with gdk-pixbuf (header-only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

/* A picture whose left half is red and right half blue, so a turn shows. */
static inline GdkPixbuf *
td_test_two_colour_pixbuf (int width,
                           int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GdkPixbuf) right = gdk_pixbuf_new_subpixbuf (pixbuf, width / 2, 0,
                                                         width - width / 2, height);

  gdk_pixbuf_fill (pixbuf, 0xff0000ff);
  gdk_pixbuf_fill (right, 0x0000ffff);
  return pixbuf;
}

static inline GBytes *
td_test_encode (GdkPixbuf  *pixbuf,
                const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

/* A real camera-style JPEG: the pixels stored sideways plus an EXIF APP1 segment right after
 * SOI saying "orientation 6" (turn 90° clockwise to view). */
static inline GBytes *
td_test_jpeg_with_orientation (GdkPixbuf *pixbuf,
                               guint16    orientation)
{
  g_autoptr(GBytes) plain = td_test_encode (pixbuf, "jpeg");
  gsize n;
  const guint8 *d = g_bytes_get_data (plain, &n);
  static const guint8 exif_head[] = {
    0xff, 0xe1, 0x00, 0x22,                          /* APP1, length 34 */
    'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,    /* big-endian TIFF, IFD0 at 8 */
    0x00, 0x01,                                      /* one entry */
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,  /* Orientation, SHORT, count 1 */
  };
  GByteArray *out = g_byte_array_new ();
  guint8 value[4] = { orientation >> 8, orientation & 0xff, 0, 0 };
  static const guint8 next_ifd[4] = { 0, 0, 0, 0 };

  g_assert_true (n > 2 && d[0] == 0xff && d[1] == 0xd8);
  g_byte_array_append (out, d, 2);
  g_byte_array_append (out, exif_head, sizeof exif_head);
  g_byte_array_append (out, value, sizeof value);
  g_byte_array_append (out, next_ifd, sizeof next_ifd);
  g_byte_array_append (out, d + 2, n - 2);
  return g_byte_array_free_to_bytes (out);
}

/* The pixel at (x, y) as 0xRRGGBB. */
static inline guint32
td_test_pixel (GdkPixbuf *pixbuf,
               int        x,
               int        y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);

  return (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
}

static inline gboolean
td_test_is_red (guint32 rgb)
{
  return (rgb >> 16) > 200 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60;
}

static inline gboolean
td_test_is_blue (guint32 rgb)
{
  return (rgb >> 16) < 60 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) > 200;
}
