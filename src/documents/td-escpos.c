/* td-escpos.c — receipts for thermal printers in ESC/POS.
 *
 * The receipt is drawn at the printer's resolution (td_receipt_render_raster(): the same
 * drawing as the PDF) and sent as raster graphics, so logos, accents and the QR code print
 * exactly as previewed on any ESC/POS printer, whatever its code pages or QR support:
 *
 *   ESC @                    initialise
 *   GS v 0 0 xL xH yL yH d…  one band of at most BAND_ROWS rows, 1 bit per dot, MSB left
 *   ESC d n                  feed past the tear bar
 *   GS V 66 0                feed and partial cut
 *   ESC p 0 25 250           kick drawer 1 (pin 2) for 50 ms on, 500 ms off — cash sales only
 *
 * Bands keep each command small: cheap printers have small input buffers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "td-escpos.h"
#include "td-document.h"

#define BAND_ROWS 128
#define FEED_LINES 4

static const guint8 esc_init[] = { 0x1b, 0x40 };
static const guint8 esc_feed[] = { 0x1b, 0x64, FEED_LINES };
static const guint8 gs_cut[] = { 0x1d, 0x56, 66, 0 };
static const guint8 esc_kick[] = { 0x1b, 0x70, 0x00, 25, 250 };

/**
 * td_escpos_drawer_kick:
 *
 * Returns: (transfer full): "open the cash drawer" on its own (ESC @, ESC p), for a manager's
 *   "Open drawer"
 */
GBytes *
td_escpos_drawer_kick (void)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, esc_init, sizeof esc_init);
  g_byte_array_append (out, esc_kick, sizeof esc_kick);
  return g_byte_array_free_to_bytes (out);
}

/**
 * td_escpos_encode_raster:
 * @raster: an RGB24 or ARGB32 image as wide as the printable width, dark pixels print
 * @kick_drawer: open the cash drawer after the cut
 *
 * Returns: (transfer full): the print job
 */
GBytes *
td_escpos_encode_raster (cairo_surface_t *raster,
                         gboolean         kick_drawer)
{
  GByteArray *out = g_byte_array_new ();
  const unsigned char *data;
  int width, height, stride, row_bytes;

  g_return_val_if_fail (raster != NULL, NULL);
  g_return_val_if_fail (cairo_image_surface_get_format (raster) == CAIRO_FORMAT_RGB24 ||
                        cairo_image_surface_get_format (raster) == CAIRO_FORMAT_ARGB32, NULL);

  cairo_surface_flush (raster);
  data = cairo_image_surface_get_data (raster);
  width = cairo_image_surface_get_width (raster);
  height = cairo_image_surface_get_height (raster);
  stride = cairo_image_surface_get_stride (raster);
  row_bytes = (width + 7) / 8;

  g_byte_array_append (out, esc_init, sizeof esc_init);
  for (int band = 0; band < height; band += BAND_ROWS)
    {
      int rows = MIN (BAND_ROWS, height - band);
      guint8 head[] = { 0x1d, 0x76, 0x30, 0x00,
                        (guint8) (row_bytes & 0xff), (guint8) (row_bytes >> 8),
                        (guint8) (rows & 0xff), (guint8) (rows >> 8) };
      g_autofree guint8 *bits = g_malloc0 ((gsize) row_bytes * rows);

      for (int y = 0; y < rows; y++)
        {
          const guint32 *row = (const guint32 *) (data + (gsize) (band + y) * stride);

          for (int x = 0; x < width; x++)
            {
              guint32 p = row[x];
              guint lum = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;

              if (lum < 128)
                bits[(gsize) y * row_bytes + x / 8] |= (guint8) (0x80 >> (x % 8));
            }
        }
      g_byte_array_append (out, head, sizeof head);
      g_byte_array_append (out, bits, (guint) (row_bytes * rows));
    }
  g_byte_array_append (out, esc_feed, sizeof esc_feed);
  g_byte_array_append (out, gs_cut, sizeof gs_cut);
  if (kick_drawer)
    g_byte_array_append (out, esc_kick, sizeof esc_kick);

  return g_byte_array_free_to_bytes (out);
}

/**
 * td_escpos_receipt:
 * @receipt: what the receipt says
 * @layout: %TD_RECEIPT_ROLL_80 or %TD_RECEIPT_ROLL_58
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * The print job for @receipt; it opens the cash drawer when any tender is cash.
 *
 * Returns: (transfer full) (nullable): the bytes to send to the printer
 */
GBytes *
td_escpos_receipt (const TdReceipt  *receipt,
                   TdReceiptLayout   layout,
                   GError          **error)
{
  cairo_surface_t *raster;
  GBytes *bytes;

  g_return_val_if_fail (receipt != NULL, NULL);
  g_return_val_if_fail (td_receipt_layout_is_roll (layout), NULL);

  raster = td_receipt_render_raster (receipt, layout, error);
  if (raster == NULL)
    return NULL;
  bytes = td_escpos_encode_raster (raster, td_receipt_has_cash (receipt));
  cairo_surface_destroy (raster);
  return bytes;
}

/**
 * td_escpos_write_file:
 * @path: a printer device (/dev/usb/lp0) or a file
 * @bytes: the print job
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Writes the job in full. A device is not created: a missing printer is an error.
 *
 * Returns: %TRUE when every byte was written
 */
gboolean
td_escpos_write_file (const char  *path,
                      GBytes      *bytes,
                      GError     **error)
{
  gsize len;
  const guint8 *data;
  int fd;

  g_return_val_if_fail (path != NULL && bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &len);
  fd = g_open (path, O_WRONLY | O_CLOEXEC | (g_str_has_prefix (path, "/dev/") ? 0 : O_CREAT | O_TRUNC),
               0666);
  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE,
                   /* Translators: %s is a printer device like /dev/usb/lp0, then why */
                   _("Could not reach the receipt printer at “%s”: %s"), display,
                   g_strerror (errsv));
      return FALSE;
    }
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int errsv = n < 0 ? errno : EIO;
          g_autofree char *display = g_filename_display_name (path);

          close (fd);
          g_set_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE,
                       _("The receipt printer at “%s” stopped taking data: %s"), display,
                       g_strerror (errsv));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  if (close (fd) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE,
                   _("The receipt printer at “%s” stopped taking data: %s"), display,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Network printers ------------------------------------------------------------------------- */

static void
send_fail (GTask        *task,
           const GError *cause)
{
  const char *where = g_task_get_task_data (task);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (cause));
      return;
    }
  g_debug ("escpos %s: %s", where, cause->message);
  g_task_return_new_error (task, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE,
                           /* Translators: %s is a printer's address, e.g. 192.168.1.20:9100 */
                           _("Could not print on the receipt printer at %s: %s"), where,
                           cause->message);
}

static void
close_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    send_fail (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection = g_object_get_data (G_OBJECT (task), "connection");

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      send_fail (task, error);
      return;
    }
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_io_stream_close_async (G_IO_STREAM (connection), G_PRIORITY_DEFAULT, cancellable, close_cb,
                           g_steal_pointer (&task));
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;
  GBytes *bytes = g_object_get_data (G_OBJECT (task), "bytes");
  GCancellable *cancellable;
  gsize len;
  const void *data;

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  if (connection == NULL)
    {
      send_fail (task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "connection", connection, g_object_unref);
  data = g_bytes_get_data (bytes, &len);
  cancellable = g_task_get_cancellable (task);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                   data, len, G_PRIORITY_DEFAULT, cancellable, write_cb,
                                   g_steal_pointer (&task));
}

/**
 * td_escpos_send_async:
 * @host_and_port: "host" or "host:port" of a network receipt printer (port 9100 by default)
 * @bytes: the print job
 * @cancellable: (nullable):
 * @callback: called when every byte was sent and the connection closed
 * @user_data:
 *
 * Sends a print job over raw TCP (the "JetDirect" port printers listen on).
 */
void
td_escpos_send_async (const char          *host_and_port,
                      GBytes              *bytes,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GTask *task;

  g_return_if_fail (host_and_port != NULL && bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_escpos_send_async);
  g_task_set_task_data (task, g_strdup (host_and_port), g_free);
  g_object_set_data_full (G_OBJECT (task), "bytes", g_bytes_ref (bytes),
                          (GDestroyNotify) g_bytes_unref);
  /* A printer on the shop's network: a proxy must never capture it. */
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 10);
  g_socket_client_connect_to_host_async (client, host_and_port, TD_ESCPOS_PORT, cancellable,
                                         connect_cb, task);
}

gboolean
td_escpos_send_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
