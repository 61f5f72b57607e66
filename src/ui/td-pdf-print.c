/* td-pdf-print.c — a PDF shown and printed as it is (poppler-glib).
 *
 * Printing draws each page of the file, scaled to fit what the printer can print, so what
 * prints is what the preview showed. A report asks for paper that matches its pages
 * (@match_paper: the full page at 1:1 when the printer has that paper); a receipt prints on
 * whatever the dialog chooses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui"

#include "config.h"

#include "td-pdf-print.h"

/**
 * td_pdf_render_page:
 * @page: a page of a PDF
 * @scale: pixels per PDF point
 *
 * Returns: (transfer full): the page on white, as it prints
 */
GdkTexture *
td_pdf_render_page (PopplerPage *page,
                    double       scale)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  GdkTexture *texture;
  g_autoptr(GBytes) bytes = NULL;

  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * scale), (int) (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) *
                       cairo_image_surface_get_height (surface));
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PopplerDocument   *document)
{
  /* poppler-glib 22 has no g_autoptr support for its types */
  g_autoptr(GObject) page_ref = G_OBJECT (poppler_document_get_page (document, page_nr));
  PopplerPage *page = POPPLER_PAGE (page_ref);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w, h, scale;

  poppler_page_get_size (page, &w, &h);
  scale = MIN (gtk_print_context_get_width (context) / w,
               gtk_print_context_get_height (context) / h);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
}

/* The paper of the document's first page: a standard size when it is one (A4, Letter), so the
 * printer picks its own tray, else a custom size. */
static GtkPageSetup *
page_setup_for (PopplerDocument *document)
{
  g_autoptr(GObject) page_ref = G_OBJECT (poppler_document_get_page (document, 0));
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  GList *sizes;
  double w, h;

  if (page_ref == NULL)
    return setup;
  poppler_page_get_size (POPPLER_PAGE (page_ref), &w, &h);
  sizes = gtk_paper_size_get_paper_sizes (FALSE);
  for (GList *l = sizes; l != NULL && paper == NULL; l = l->next)
    {
      GtkPaperSize *size = l->data;
      double pw = gtk_paper_size_get_width (size, GTK_UNIT_POINTS);
      double ph = gtk_paper_size_get_height (size, GTK_UNIT_POINTS);

      if (ABS (pw - MIN (w, h)) < 2 && ABS (ph - MAX (w, h)) < 2)
        paper = gtk_paper_size_copy (size);
    }
  g_list_free_full (sizes, (GDestroyNotify) gtk_paper_size_free);
  if (paper == NULL)
    paper = gtk_paper_size_new_custom ("thriftdesk-document", "Document", MIN (w, h), MAX (w, h),
                                       GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                               : GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

/**
 * td_pdf_print_operation_new:
 * @document: the PDF to print (a reference is kept)
 * @job_name: what the print queue calls it
 * @match_paper: ask for paper of the document's page size and print the full page (the
 *   document has its own margins)
 *
 * Returns: (transfer full): an operation that prints every page; run it with
 *   gtk_print_operation_run() (the dialog, or %GTK_PRINT_OPERATION_ACTION_EXPORT to a file)
 */
GtkPrintOperation *
td_pdf_print_operation_new (PopplerDocument *document,
                            const char      *job_name,
                            gboolean         match_paper)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  g_return_val_if_fail (POPPLER_IS_DOCUMENT (document), operation);

  g_object_set_data_full (G_OBJECT (operation), "td-document", g_object_ref (document),
                          g_object_unref);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
  gtk_print_operation_set_job_name (operation, job_name);
  if (match_paper)
    {
      g_autoptr(GtkPageSetup) setup = page_setup_for (document);

      gtk_print_operation_set_default_page_setup (operation, setup);
      gtk_print_operation_set_use_full_page (operation, TRUE);
    }
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), document);
  return operation;
}
