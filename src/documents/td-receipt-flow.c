/* td-receipt-flow.c — one column of receipt text drawn top to bottom.
 *
 * On a thermal roll the column is the printable width (72 mm on 80 mm paper, 48 mm on 58 mm)
 * and the page is exactly as long as the content: the document is drawn once into a recording
 * surface to measure it, then again into the PDF (or the printer's raster). On A4/Letter the
 * same column is wider, the type larger, and pages break where a block would not fit.
 *
 * The raster for ESC/POS printers is drawn at the printer's own 8 dots/mm with the same code as
 * the PDF, then thresholded to pure black and white: what prints is what the preview showed.
 * Barcodes are snapped to whole printer dots so every QR module is the same number of dots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "td-receipt-private.h"

#define FONT_TEXT "Sans"
#define FONT_BOLD "Sans Bold"
#define FONT_MONO "Monospace"

#define ROLL_DOTS_PER_MM 8.0      /* 203 dpi */
#define ROLL_DOT_PT      TD_MM_TO_PT (1.0 / ROLL_DOTS_PER_MM)

const char *
td_receipt_layout_get_label (TdReceiptLayout layout)
{
  switch (layout)
    {
    case TD_RECEIPT_ROLL_80:
      return _("80 mm receipt roll");
    case TD_RECEIPT_ROLL_58:
      return _("58 mm receipt roll");
    case TD_RECEIPT_A4:
      return _("A4 sheet");
    case TD_RECEIPT_LETTER:
      return _("Letter sheet");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
td_receipt_layout_is_roll (TdReceiptLayout layout)
{
  return layout == TD_RECEIPT_ROLL_80 || layout == TD_RECEIPT_ROLL_58;
}

/**
 * td_receipt_layout_print_width:
 * @layout: a roll layout
 *
 * Returns: the printable width of the roll in printer dots (576 for 80 mm, 384 for 58 mm), 0 for
 *   sheets
 */
double
td_receipt_layout_print_width (TdReceiptLayout layout)
{
  if (layout == TD_RECEIPT_ROLL_80)
    return 72.0 * ROLL_DOTS_PER_MM;
  if (layout == TD_RECEIPT_ROLL_58)
    return 48.0 * ROLL_DOTS_PER_MM;
  return 0;
}

static void
flow_init (TdReceiptFlow   *flow,
           cairo_t         *cr,
           TdReceiptLayout  layout,
           double          *page_width,
           double          *page_height)
{
  memset (flow, 0, sizeof *flow);
  flow->cr = cr;
  flow->n_pages = 1;
  if (td_receipt_layout_is_roll (layout))
    {
      double paper_mm = layout == TD_RECEIPT_ROLL_80 ? 80.0 : 58.0;
      double print_mm = td_receipt_layout_print_width (layout) / ROLL_DOTS_PER_MM;

      *page_width = TD_MM_TO_PT (paper_mm);
      *page_height = 0;
      flow->left = TD_MM_TO_PT ((paper_mm - print_mm) / 2);
      flow->width = TD_MM_TO_PT (print_mm);
      flow->top = TD_MM_TO_PT (4.0);
      flow->bottom = G_MAXDOUBLE;
      flow->scale = layout == TD_RECEIPT_ROLL_80 ? 1.0 : 0.88;
      flow->dot = ROLL_DOT_PT;
    }
  else
    {
      td_paper_get_size (layout == TD_RECEIPT_LETTER ? TD_PAPER_LETTER : TD_PAPER_A4,
                         page_width, page_height);
      /* A receipt, not an invoice: a comfortable column in the middle of the sheet. */
      flow->width = TD_MM_TO_PT (120.0);
      flow->left = (*page_width - flow->width) / 2;
      flow->top = TD_MM_TO_PT (18.0);
      flow->bottom = *page_height - TD_MM_TO_PT (18.0);
      flow->scale = 1.15;
      flow->dot = 0;
    }
  flow->y = flow->top;
}

void
td_flow_need (TdReceiptFlow *flow,
              double         height)
{
  if (flow->y + height > flow->bottom && flow->y > flow->top + 1.0)
    {
      cairo_show_page (flow->cr);
      flow->n_pages++;
      flow->y = flow->top;
    }
}

void
td_flow_space (TdReceiptFlow *flow,
               double         height)
{
  flow->y += height * flow->scale;
}

static PangoLayout *
style_layout (TdReceiptFlow *flow,
              TdFlowStyle    style,
              const char    *text)
{
  const char *font = FONT_TEXT;
  double size = 8.5;

  switch (style)
    {
    case TD_FLOW_SMALL:
      size = 7.0;
      break;
    case TD_FLOW_BOLD:
      font = FONT_BOLD;
      break;
    case TD_FLOW_BIG:
      font = FONT_BOLD;
      size = 12.0;
      break;
    case TD_FLOW_TITLE:
      font = FONT_BOLD;
      size = 13.0;
      break;
    case TD_FLOW_NORMAL:
    default:
      break;
    }
  return td_document_layout_new (flow->cr, font, size * flow->scale, text);
}

/* A block of text across the column, wrapped; after @max_lines (0: no limit) cut with “…”. */
void
td_flow_text (TdReceiptFlow  *flow,
              TdFlowStyle     style,
              PangoAlignment  align,
              int             max_lines,
              const char     *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  double h;

  if (text == NULL || text[0] == '\0')
    return;
  layout = style_layout (flow, style, text);
  pango_layout_set_width (layout, (int) (flow->width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  if (max_lines > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }
  h = td_document_layout_height (layout);
  td_flow_need (flow, h);
  cairo_move_to (flow->cr, flow->left, flow->y);
  pango_cairo_show_layout (flow->cr, layout);
  flow->y += h;
}

/* A label on the left (wrapped, two lines at most) and a value on the right of its first line. */
void
td_flow_pair (TdReceiptFlow *flow,
              TdFlowStyle    style,
              const char    *label,
              const char    *value)
{
  g_autoptr(PangoLayout) right = style_layout (flow, style, value ? value : "");
  g_autoptr(PangoLayout) left = style_layout (flow, style, label ? label : "");
  double value_w = td_document_layout_width (right);
  double gap = TD_MM_TO_PT (2.0);
  double h;

  /* A value wider than the column (never for money) is cut rather than drawn off the paper. */
  if (value_w > flow->width * 0.6)
    {
      pango_layout_set_width (right, (int) (flow->width * 0.6 * PANGO_SCALE));
      pango_layout_set_ellipsize (right, PANGO_ELLIPSIZE_START);
      value_w = flow->width * 0.6;
    }
  pango_layout_set_width (left, (int) (MAX (flow->width - value_w - gap, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (left, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (left, -2);

  h = MAX (td_document_layout_height (left), td_document_layout_height (right));
  td_flow_need (flow, h);
  cairo_move_to (flow->cr, flow->left, flow->y);
  pango_cairo_show_layout (flow->cr, left);
  cairo_move_to (flow->cr, flow->left + flow->width - value_w, flow->y);
  pango_cairo_show_layout (flow->cr, right);
  flow->y += h;
}

/* A dashed rule, the way receipts separate their parts. */
void
td_flow_rule (TdReceiptFlow *flow)
{
  double dash[] = { 2.0, 1.5 };
  double y;

  td_flow_space (flow, 3.0);
  td_flow_need (flow, 1.0);
  y = flow->y;
  if (flow->dot > 0)
    y = (floor (y / flow->dot) + 0.5) * flow->dot;
  cairo_save (flow->cr);
  cairo_set_line_width (flow->cr, flow->dot > 0 ? flow->dot * 2 : 0.6);
  cairo_set_dash (flow->cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (flow->cr, flow->left, y);
  cairo_line_to (flow->cr, flow->left + flow->width, y);
  cairo_stroke (flow->cr);
  cairo_restore (flow->cr);
  td_flow_space (flow, 4.0);
}

static double
snap (TdReceiptFlow *flow,
      double         v)
{
  return flow->dot > 0 ? floor (v / flow->dot + 0.5) * flow->dot : v;
}

/* The QR code, centred, modules a whole number of printer dots. */
gboolean
td_flow_qr (TdReceiptFlow  *flow,
            const char     *payload,
            GError        **error)
{
  g_autoptr(TdBarcode) qr = NULL;
  const double modules[] = {
    TD_MM_TO_PT (0.75), TD_MM_TO_PT (0.625), TD_MM_TO_PT (0.5), TD_MM_TO_PT (0.375),
  };
  double module, size, x;

  if (payload == NULL || payload[0] == '\0')
    return TRUE;
  qr = td_barcode_new (TD_BARCODE_QR, payload, error);
  if (qr == NULL)
    return FALSE;
  /* Not wider than 30 mm on a roll (a long token gets smaller modules, not a longer receipt). */
  module = td_barcode_pick_module (qr, MIN (flow->width, TD_MM_TO_PT (flow->dot > 0 ? 30.0 : 40.0)),
                                   G_MAXDOUBLE, modules, G_N_ELEMENTS (modules));
  if (module <= 0)
    module = td_barcode_pick_module (qr, flow->width, G_MAXDOUBLE, modules,
                                     G_N_ELEMENTS (modules));
  if (module <= 0)
    {
      g_set_error_literal (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG,
                           _("The receipt’s QR code does not fit the paper at a size scanners "
                             "can read."));
      return FALSE;
    }
  size = td_barcode_get_width_modules (qr) * module;
  td_flow_need (flow, size);
  x = snap (flow, flow->left + (flow->width - size) / 2);
  flow->y = snap (flow, flow->y);
  if (!td_barcode_draw (qr, flow->cr, x, flow->y, size, size, module, error))
    return FALSE;
  flow->y += size;
  return TRUE;
}

/* The shop's logo, centred, at most 18 mm tall; a file that can't be read is left out. */
void
td_flow_logo (TdReceiptFlow *flow,
              const char    *path)
{
  cairo_surface_t *image;
  double w, h, scale;

  if (path == NULL || path[0] == '\0')
    return;
  image = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("receipt logo %s: %s", path, cairo_status_to_string (cairo_surface_status (image)));
      cairo_surface_destroy (image);
      return;
    }
  w = cairo_image_surface_get_width (image);
  h = cairo_image_surface_get_height (image);
  if (w < 1 || h < 1)
    {
      cairo_surface_destroy (image);
      return;
    }
  scale = MIN (flow->width * 0.6 / w, TD_MM_TO_PT (18.0) / h);
  td_flow_need (flow, h * scale);
  cairo_save (flow->cr);
  cairo_translate (flow->cr, flow->left + (flow->width - w * scale) / 2, flow->y);
  cairo_scale (flow->cr, scale, scale);
  cairo_set_source_surface (flow->cr, image, 0, 0);
  cairo_paint (flow->cr);
  cairo_restore (flow->cr);
  cairo_surface_destroy (image);
  flow->y += h * scale;
  td_flow_space (flow, 3.0);
}

/* "19 %", "7.5 %" — a tax rate given in basis points. */
char *
td_flow_rate (gint64 rate_bp)
{
  if (rate_bp % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " %%", rate_bp / 100);
  if (rate_bp % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT " %%", rate_bp / 100,
                            (rate_bp % 100) / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%", rate_bp / 100,
                          rate_bp % 100);
}

/* How long a roll document is: drawn once into a recording surface, nowhere on paper. */
static gboolean
measure (TdReceiptLayout     layout,
         TdReceiptDrawFunc   draw,
         gconstpointer       doc,
         double             *height,
         GError            **error)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  TdReceiptFlow flow;
  double page_w, page_h;
  gboolean ok;

  flow_init (&flow, cr, layout, &page_w, &page_h);
  ok = draw (&flow, doc, error);
  *height = flow.y + TD_MM_TO_PT (6.0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
td_receipt_flow_write_pdf (TdReceiptLayout     layout,
                           const char         *path,
                           const char         *title,
                           TdReceiptDrawFunc   draw,
                           gconstpointer       doc,
                           GError            **error)
{
  g_autoptr(TdPdfWriter) writer = NULL;
  TdReceiptFlow flow;
  double page_w, page_h;

  flow_init (&flow, NULL, layout, &page_w, &page_h);
  if (td_receipt_layout_is_roll (layout) && !measure (layout, draw, doc, &page_h, error))
    return FALSE;

  writer = td_pdf_writer_new (path, page_w, page_h, title, error);
  if (writer == NULL)
    return FALSE;
  flow_init (&flow, td_pdf_writer_get_cr (writer), layout, &page_w, &page_h);
  cairo_set_source_rgb (flow.cr, 0, 0, 0);
  if (!draw (&flow, doc, error))
    return FALSE;
  cairo_show_page (flow.cr);
  return td_pdf_writer_finish (writer, error);
}

/* Black where the drawing is darker than half, white elsewhere: a thermal head has no grey. */
static void
threshold (cairo_surface_t *surface)
{
  unsigned char *data;
  int width, height, stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint lum = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;

          row[x] = lum < 128 ? 0xff000000 : 0xffffffff;
        }
    }
  cairo_surface_mark_dirty (surface);
}

/**
 * td_receipt_flow_render_raster:
 *
 * Draws a roll document at the printer's resolution, the column filling the printable width.
 * Returns: (transfer full): an RGB24 image of pure black and white pixels
 */
cairo_surface_t *
td_receipt_flow_render_raster (TdReceiptLayout     layout,
                               TdReceiptDrawFunc   draw,
                               gconstpointer       doc,
                               GError            **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  TdReceiptFlow flow;
  double page_w, page_h, dots_per_pt = ROLL_DOTS_PER_MM / TD_MM_TO_PT (1.0);
  int width = (int) td_receipt_layout_print_width (layout), height;

  g_return_val_if_fail (td_receipt_layout_is_roll (layout), NULL);

  if (!measure (layout, draw, doc, &page_h, error))
    return NULL;
  height = (int) ceil (page_h * dots_per_pt);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dots_per_pt, dots_per_pt);
  flow_init (&flow, cr, layout, &page_w, &page_h);
  cairo_translate (cr, -flow.left, 0);   /* the printable width is the whole raster */
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (!draw (&flow, doc, error))
    {
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_destroy (cr);
  threshold (surface);
  return surface;
}
