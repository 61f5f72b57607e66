/* td-document-pdf.c — writing PDFs so that a failure leaves nothing half-written, and the
 * Pango set-up every document uses.
 *
 * A PDF is drawn into a temporary file in the folder of its final path (so the rename is atomic
 * on the same file system), flushed to disk, and only then renamed over the path. Any failure on
 * the way removes the temporary file and leaves whatever was at the path untouched.
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

#include <cairo-pdf.h>

#include "td-document-private.h"

struct _TdPdfWriter
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  char            *path;          /* NULL: writes nowhere */
  char            *tmp_path;
  int              fd;
  int              write_errno;   /* first failed write(), for the message */
  gboolean         done;
};

G_DEFINE_QUARK (td-document-error-quark, td_document_error)

/**
 * td_paper_get_size:
 * @paper: a #TdPaper
 * @width_pt: (out): the width in points (1/72 in)
 * @height_pt: (out): the height in points
 *
 * The size of a sheet of @paper, portrait.
 */
void
td_paper_get_size (TdPaper  paper,
                   double  *width_pt,
                   double  *height_pt)
{
  g_return_if_fail (width_pt != NULL && height_pt != NULL);

  switch (paper)
    {
    case TD_PAPER_LETTER:
      *width_pt = 8.5 * 72.0;
      *height_pt = 11.0 * 72.0;
      break;
    case TD_PAPER_A4:
    default:
      *width_pt = TD_MM_TO_PT (210.0);
      *height_pt = TD_MM_TO_PT (297.0);
      break;
    }
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE,
               /* Translators: the first %s is a file path, the second why it failed */
               _("Could not save “%s”: %s"), display, g_strerror (errsv));
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  TdPdfWriter *writer = closure;

  while (length > 0)
    {
      ssize_t n = write (writer->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (writer->write_errno == 0)
            writer->write_errno = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* Drops the temporary file unless it has been renamed into place. */
void
td_pdf_writer_free (TdPdfWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_pointer (&writer->cr, cairo_destroy);
  if (writer->surface != NULL)
    {
      cairo_surface_finish (writer->surface);
      cairo_surface_destroy (writer->surface);
    }
  if (writer->fd >= 0)
    close (writer->fd);
  if (!writer->done && writer->tmp_path != NULL)
    g_unlink (writer->tmp_path);
  g_free (writer->tmp_path);
  g_free (writer->path);
  g_free (writer);
}

TdPdfWriter *
td_pdf_writer_new (const char  *path,
                   double       width_pt,
                   double       height_pt,
                   const char  *title,
                   GError     **error)
{
  g_autoptr(TdPdfWriter) writer = g_new0 (TdPdfWriter, 1);

  g_assert (width_pt > 0 && height_pt > 0);

  writer->fd = -1;
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);

      writer->path = g_strdup (path);
      writer->tmp_path = g_build_filename (dir, tmpl, NULL);
      writer->fd = g_mkstemp_full (writer->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
      if (writer->fd < 0)
        {
          int errsv = errno;

          g_clear_pointer (&writer->tmp_path, g_free);
          set_write_error (error, path, errsv);
          return NULL;
        }
      writer->surface = cairo_pdf_surface_create_for_stream (write_cb, writer, width_pt, height_pt);
    }
  else
    writer->surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width_pt, height_pt);

  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_TITLE, title);
  writer->cr = cairo_create (writer->surface);

  return g_steal_pointer (&writer);
}

cairo_t *
td_pdf_writer_get_cr (TdPdfWriter *writer)
{
  g_assert (writer != NULL);

  return writer->cr;
}

/* Finishes the PDF, flushes it to disk and renames it over the final path. */
gboolean
td_pdf_writer_finish (TdPdfWriter  *writer,
                      GError      **error)
{
  cairo_status_t status;

  g_assert (writer != NULL);
  g_assert (!writer->done);

  status = cairo_status (writer->cr);
  g_clear_pointer (&writer->cr, cairo_destroy);
  cairo_surface_finish (writer->surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (writer->surface);

  if (writer->path == NULL)
    {
      writer->done = TRUE;
      return TRUE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (writer->write_errno != 0)
        set_write_error (error, writer->path, writer->write_errno);
      else
        {
          g_autofree char *display = g_filename_display_name (writer->path);

          g_warning ("cairo failed writing %s: %s", writer->path, cairo_status_to_string (status));
          g_set_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE,
                       _("Could not save “%s”: the document could not be drawn"), display);
        }
      return FALSE;
    }

  if (fsync (writer->fd) != 0 || close (writer->fd) != 0)
    {
      int errsv = errno;

      writer->fd = -1;
      set_write_error (error, writer->path, errsv);
      return FALSE;
    }
  writer->fd = -1;

  if (g_rename (writer->tmp_path, writer->path) != 0)
    {
      set_write_error (error, writer->path, errno);
      return FALSE;
    }
  writer->done = TRUE;

  return TRUE;
}

PangoLayout *
td_document_layout_new (cairo_t    *cr,
                        const char *font,
                        double      size_pt,
                        const char *text)
{
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoLayout *layout;

  g_assert (size_pt > 0);

  /* Print metrics: no hinting, no rounding to whole device units, or widths measured here
   * would differ from what a 203 dpi printer or a 300 dpi render gets. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  /* User space is in points: a 10 pt font is 10 units tall, not 10 × 96/72. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);

  pango_font_description_set_size (desc, (int) (size_pt * PANGO_SCALE + 0.5));
  layout = pango_layout_new (context);
  g_object_unref (context);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text ? text : "", -1);

  return layout;
}

double
td_document_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

double
td_document_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}
