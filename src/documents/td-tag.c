/* td-tag.c — price tags: one label drawn with cairo, or many written to a PDF.
 *
 * Every format is laid out by the same code from a table of measurements:
 *
 *   ┌────────────────────────────────────────────┐
 *   │ Shop name                        ┌───────┐ │
 *   │ Title, cut short with “…”        │  QR   │ │
 *   │ Size M · Very good               │       │ │
 *   │ $9.00  $12.00 (struck)           └───────┘ │
 *   │        −25 % from 12 Dec                   │
 *   │   ║│║║│║│║║│║║│║│║║│║║│║│║║│║║│║│║║│║       │
 *   │               C0042-0017                   │
 *   └────────────────────────────────────────────┘
 *
 * The Code128 spans the width, where a linear code has room to be long; the QR takes the
 * top-right corner. Both say the SKU, so a USB scanner types the same thing whichever it reads.
 * Module sizes are whole printer dots (203 dpi thermal: 0.125 mm; sheets: 1/300 in, a whole
 * number of dots on 300, 600 and 1200 dpi printers), tried largest first; symbols are placed on
 * the dot grid so every bar is a whole number of dots wide. When even the smallest readable
 * module doesn't fit, the tag is refused rather than printed unreadable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "td-barcode.h"
#include "td-document-private.h"
#include "td-tag.h"

#define FONT_TEXT  "Sans"
#define FONT_PRICE "Sans Bold"
#define FONT_SKU   "Monospace"

#define INCH_MM        25.4
#define DOT_203_MM     0.125                  /* 8 dots/mm: what "203 dpi" printers really are */
#define DOT_300_MM     (INCH_MM / 300.0)

typedef struct
{
  double width_mm, height_mm;         /* one label */
  double pad_x_mm, pad_y_mm;          /* text stays this far inside the label */
  double dot_mm;                      /* the printer dot; symbols snap to it */
  guint  code128_dots[2];             /* Code128 X candidates in dots, largest first */
  guint  qr_dots[2];                  /* QR module candidates in dots, largest first */
  double bar_height_mm;
  double shop_pt, title_pt, detail_pt, price_pt, note_pt, sku_pt;
  int    title_lines;
  /* how labels sit on the page */
  guint  columns, rows;
  double page_width_mm, page_height_mm;
  double margin_left_mm, margin_top_mm;
  double pitch_x_mm, pitch_y_mm;
} Geometry;

static const Geometry geometries[TD_TAG_N_FORMATS] = {
  [TD_TAG_FORMAT_THERMAL_2X1] = {
    50.8, 25.4, 1.25, 1.25, DOT_203_MM, { 3, 2 }, { 4, 3 }, 5.5,
    5.5, 7.5, 6.0, 13.0, 5.5, 6.0, 1,
    1, 1, 50.8, 25.4, 0, 0, 50.8, 25.4,
  },
  [TD_TAG_FORMAT_LABEL_50X30] = {
    50.0, 30.0, 1.5, 1.25, DOT_203_MM, { 3, 2 }, { 4, 3 }, 5.5,
    6.0, 8.0, 6.5, 14.0, 6.0, 6.5, 2,
    1, 1, 50.0, 30.0, 0, 0, 50.0, 30.0,
  },
  [TD_TAG_FORMAT_SHEET_A4] = {
    70.0, 29.7, 5.0, 3.5, DOT_300_MM, { 4, 3 }, { 6, 5 }, 5.0,
    5.5, 8.0, 6.0, 13.0, 5.5, 6.0, 1,
    3, 10, 210.0, 297.0, 0, 0, 70.0, 29.7,
  },
  [TD_TAG_FORMAT_SHEET_LETTER] = {
    2.625 * INCH_MM, INCH_MM, 3.0, 1.5, DOT_300_MM, { 4, 3 }, { 6, 5 }, 5.5,
    5.5, 7.5, 6.0, 13.0, 5.5, 6.0, 1,
    3, 10, 8.5 * INCH_MM, 11 * INCH_MM, 0.1875 * INCH_MM, 0.5 * INCH_MM,
    2.75 * INCH_MM, INCH_MM,
  },
};

/* Where everything of one tag goes, in points from the label's top-left corner. */
typedef struct
{
  TdBarcode   *code128;
  TdBarcode   *qr;
  double       code128_x, code128_y, code128_w, code128_h, code128_module;
  double       qr_x, qr_y, qr_size, qr_module;
  PangoLayout *shop, *title, *details, *price, *original, *note, *sku;
  double       shop_y, title_y, details_y, price_x, price_y, aside_x, original_y, note_y;
  double       text_x, sku_x, sku_y;
} Layout;

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->code128, td_barcode_free);
  g_clear_pointer (&layout->qr, td_barcode_free);
  g_clear_object (&layout->shop);
  g_clear_object (&layout->title);
  g_clear_object (&layout->details);
  g_clear_object (&layout->price);
  g_clear_object (&layout->original);
  g_clear_object (&layout->note);
  g_clear_object (&layout->sku);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

static inline gboolean
is_set (const char *s)
{
  return s != NULL && s[0] != '\0';
}

static inline double
mm (double v)
{
  return TD_MM_TO_PT (v);
}

static const Geometry *
geometry_for (TdTagFormat format)
{
  if ((guint) format >= TD_TAG_N_FORMATS)
    format = TD_TAG_FORMAT_THERMAL_2X1;
  return &geometries[format];
}

/* A single line (or @lines lines) of text, cut with “…” at @width. */
static PangoLayout *
text_layout (cairo_t    *cr,
             const char *font,
             double      size_pt,
             const char *text,
             double      width,
             int         lines)
{
  PangoLayout *layout = td_document_layout_new (cr, font, size_pt, text);

  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (lines > 1)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -lines);
    }
  else
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static double
height_of (PangoLayout *layout)
{
  return layout ? td_document_layout_height (layout) : 0.0;
}

static char *
details_text (const TdTag *tag)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (is_set (tag->size))
    /* Translators: on a price tag, the item's size, e.g. “Size M” */
    g_ptr_array_add (parts, g_strdup_printf (_("Size %s"), tag->size));
  if (is_set (tag->grade))
    g_ptr_array_add (parts, g_strdup (tag->grade));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
set_barcode_error (GError      **error,
                   GError       *cause,
                   const TdTag  *tag,
                   TdTagFormat   format)
{
  if (g_error_matches (cause, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG))
    g_set_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG,
                 /* Translators: the first %s is a SKU, the second a label format such as
                  * “2″ × 1″ roll label” */
                 _("The SKU “%s” is too long for the barcode on a %s. Use a shorter SKU or a "
                   "larger label."),
                 tag->sku, td_tag_format_get_label (format));
  else
    g_propagate_error (error, g_error_copy (cause));
}

/* The price, with the struck-through original and the markdown note beside it. Shrinks the
 * price (never cuts it) when the text column is too narrow. */
static void
layout_price (cairo_t        *cr,
              const TdTag    *tag,
              const Geometry *g,
              double          scale,
              double          width,
              Layout         *out)
{
  const double gap = mm (1.0);
  const double aside_min = is_set (tag->original_price) || is_set (tag->markdown_note)
                           ? mm (9.0) : 0.0;
  double size = g->price_pt * scale;
  double aside_width;

  for (;;)
    {
      g_clear_object (&out->price);
      out->price = td_document_layout_new (cr, FONT_PRICE, size, tag->price);
      if (td_document_layout_width (out->price) + (aside_min > 0 ? gap + aside_min : 0) <= width
          || size < 4.0)
        break;
      size *= 0.92;
    }

  aside_width = width - td_document_layout_width (out->price) - gap;
  if (is_set (tag->original_price))
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      out->original = text_layout (cr, FONT_TEXT, g->detail_pt * scale, tag->original_price,
                                   aside_width, 1);
      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
      pango_layout_set_attributes (out->original, attrs);
    }
  if (is_set (tag->markdown_note))
    out->note = text_layout (cr, FONT_TEXT, g->note_pt * scale, tag->markdown_note,
                             aside_width, 1);
}

/* Lays out @tag; nothing is drawn. Fails when a barcode can't be made or doesn't fit. */
static gboolean
layout_tag (cairo_t      *cr,
            const TdTag  *tag,
            TdTagFormat   format,
            Layout       *out,
            GError      **error)
{
  const Geometry *g = geometry_for (format);
  const double W = mm (g->width_mm), H = mm (g->height_mm);
  const double cx = mm (g->pad_x_mm), cy = mm (g->pad_y_mm);
  const double cw = W - 2 * cx, ch = H - 2 * cy;
  const double dot = mm (g->dot_mm);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *details = NULL;
  double band_top, text_bottom, text_width;
  int title_lines = g->title_lines;
  double scale = 1.0;

#define SNAP_DOWN(v) (floor ((v) / dot + 1e-9) * dot)
#define SNAP_UP(v)   (ceil ((v) / dot - 1e-9) * dot)

  if (!is_set (tag->sku))
    {
      g_set_error_literal (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA,
                           _("The tag has no SKU to print."));
      return FALSE;
    }

  out->code128 = td_barcode_new (TD_BARCODE_CODE128, tag->sku, &local_error);
  if (out->code128 == NULL)
    {
      set_barcode_error (error, local_error, tag, format);
      return FALSE;
    }
  out->qr = td_barcode_new (TD_BARCODE_QR, tag->sku, &local_error);
  if (out->qr == NULL)
    {
      set_barcode_error (error, local_error, tag, format);
      return FALSE;
    }

  /* Bottom band: bars, then the SKU in words. */
  out->sku = td_document_layout_new (cr, FONT_SKU, g->sku_pt, tag->sku);
  out->sku_y = cy + ch - height_of (out->sku);
  band_top = SNAP_DOWN (out->sku_y - mm (0.3) - mm (g->bar_height_mm));

  /* Code128: bars inside the text box, quiet zones inside the label. */
  for (guint i = 0; i < G_N_ELEMENTS (g->code128_dots) && out->code128_module == 0; i++)
    {
      double m = g->code128_dots[i] * dot;
      double box = MIN (W, cw + 20 * m);

      out->code128_module = td_barcode_pick_module (out->code128, box, 1.0, &m, 1);
    }
  if (out->code128_module == 0)
    {
      g_set_error_literal (&local_error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG, "");
      set_barcode_error (error, local_error, tag, format);
      return FALSE;
    }
  out->code128_w = td_barcode_get_width_modules (out->code128) * out->code128_module;
  out->code128_x = SNAP_DOWN ((W - out->code128_w) / 2);
  out->code128_y = band_top;
  out->code128_h = out->sku_y - mm (0.3) - band_top;
  out->sku_x = (W - td_document_layout_width (out->sku)) / 2;

  /* QR: dark modules in the top-right corner of the text box, quiet zone inside the label
   * and clear of the bars. */
  for (guint i = 0; i < G_N_ELEMENTS (g->qr_dots) && out->qr_module == 0; i++)
    {
      double m = g->qr_dots[i] * dot;
      double q = 4 * m;
      double size = td_barcode_get_width_modules (out->qr) * m;
      double x = SNAP_DOWN (MIN (cx + cw, W - q) + q - size);
      double y = SNAP_UP (MAX (cy, q) - q);

      if (td_barcode_pick_module (out->qr, cw * 0.45, band_top - y, &m, 1) > 0)
        {
          out->qr_module = m;
          out->qr_size = size;
          out->qr_x = x;
          out->qr_y = y;
        }
    }
  if (out->qr_module == 0)
    {
      g_set_error_literal (&local_error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG, "");
      set_barcode_error (error, local_error, tag, format);
      return FALSE;
    }

  /* Text, top down; the price sits on the bars. When the stack doesn't fit (a tall fallback
   * font for Chinese, say), give the title one line, then make everything smaller. */
  out->text_x = cx;
  text_width = out->qr_x - cx;
  text_bottom = band_top - mm (0.8);
  details = details_text (tag);
  for (;;)
    {
      double y = cy, block;

      g_clear_object (&out->shop);
      g_clear_object (&out->title);
      g_clear_object (&out->details);
      g_clear_object (&out->original);
      g_clear_object (&out->note);

      if (is_set (tag->shop_name))
        out->shop = text_layout (cr, FONT_TEXT, g->shop_pt * scale, tag->shop_name, text_width, 1);
      out->shop_y = y;
      y += height_of (out->shop);

      if (is_set (tag->title))
        out->title = text_layout (cr, FONT_TEXT, g->title_pt * scale, tag->title, text_width,
                                  title_lines);
      out->title_y = y;
      y += height_of (out->title);

      if (details[0] != '\0')
        out->details = text_layout (cr, FONT_TEXT, g->detail_pt * scale, details, text_width, 1);
      out->details_y = y;
      y += height_of (out->details);

      layout_price (cr, tag, g, scale, text_width, out);
      block = MAX (height_of (out->price), height_of (out->original) + height_of (out->note));

      if (y + block <= text_bottom + 0.01 || scale < 0.6)
        break;
      if (title_lines > 1 && pango_layout_get_line_count (out->title) > 1)
        title_lines = 1;
      else
        scale *= 0.92;
    }
  g_debug ("tag %s on %s: text at %.0f %%, %d title lines, Code128 X %.3f mm, QR %.3f mm",
           tag->sku, td_tag_format_get_label (format), scale * 100, title_lines,
           out->code128_module * 25.4 / 72, out->qr_module * 25.4 / 72);

  out->price_x = cx;
  out->price_y = text_bottom - height_of (out->price);
  out->aside_x = cx + td_document_layout_width (out->price) + mm (1.0);
  out->note_y = text_bottom - height_of (out->note);
  out->original_y = out->note_y - height_of (out->original);
  if (out->note == NULL && out->original != NULL)
    {
      /* Alone, the struck price sits on the price's baseline. */
      double baseline = out->price_y
                        + (double) pango_layout_get_baseline (out->price) / PANGO_SCALE;

      out->original_y = baseline
                        - (double) pango_layout_get_baseline (out->original) / PANGO_SCALE;
    }
  /* A line of the aside that is below the QR code's quiet zone may run on under it. */
  if (out->original != NULL && out->original_y >= out->qr_y + out->qr_size)
    pango_layout_set_width (out->original, (int) ((cx + cw - out->aside_x) * PANGO_SCALE));
  if (out->note != NULL && out->note_y >= out->qr_y + out->qr_size)
    pango_layout_set_width (out->note, (int) ((cx + cw - out->aside_x) * PANGO_SCALE));

#undef SNAP_DOWN
#undef SNAP_UP

  return TRUE;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  if (layout == NULL)
    return;
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/**
 * td_tag_format_get_label:
 * @format: a #TdTagFormat
 *
 * Returns: (transfer none): the format's name for people, e.g. “2″ × 1″ roll label”
 */
const char *
td_tag_format_get_label (TdTagFormat format)
{
  switch (format)
    {
    case TD_TAG_FORMAT_THERMAL_2X1:
      return _("2″ × 1″ roll label");
    case TD_TAG_FORMAT_LABEL_50X30:
      return _("50 × 30 mm roll label");
    case TD_TAG_FORMAT_SHEET_A4:
      return _("A4 sheet of 30 labels");
    case TD_TAG_FORMAT_SHEET_LETTER:
      return _("Letter sheet of 30 labels");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * td_tag_format_get_size:
 * @format: a #TdTagFormat
 * @width_pt: (out): the width of one label, in points
 * @height_pt: (out): the height of one label, in points
 *
 * The size td_tag_draw() draws one label at.
 */
void
td_tag_format_get_size (TdTagFormat  format,
                        double      *width_pt,
                        double      *height_pt)
{
  const Geometry *g;

  g_return_if_fail ((guint) format < TD_TAG_N_FORMATS);
  g_return_if_fail (width_pt != NULL && height_pt != NULL);

  g = geometry_for (format);
  *width_pt = mm (g->width_mm);
  *height_pt = mm (g->height_mm);
}

/**
 * td_tag_format_get_page_size:
 * @format: a #TdTagFormat
 * @width_pt: (out): the width of one page, in points
 * @height_pt: (out): the height of one page, in points
 *
 * The page of @format: the label itself for roll formats, the sheet for sheet formats.
 */
void
td_tag_format_get_page_size (TdTagFormat  format,
                             double      *width_pt,
                             double      *height_pt)
{
  const Geometry *g;

  g_return_if_fail ((guint) format < TD_TAG_N_FORMATS);
  g_return_if_fail (width_pt != NULL && height_pt != NULL);

  g = geometry_for (format);
  *width_pt = mm (g->page_width_mm);
  *height_pt = mm (g->page_height_mm);
}

/**
 * td_tag_format_get_per_page:
 * @format: a #TdTagFormat
 *
 * Returns: how many labels one page of @format holds (1 for roll labels)
 */
guint
td_tag_format_get_per_page (TdTagFormat format)
{
  const Geometry *g;

  g_return_val_if_fail ((guint) format < TD_TAG_N_FORMATS, 1);

  g = geometry_for (format);
  return g->columns * g->rows;
}

/**
 * td_tag_check:
 * @tag: a tag
 * @format: the label it is for
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Whether @tag can be printed on @format: it has a SKU, the SKU can be a barcode, and both
 * codes fit the label at a readable size. Use it before starting a print job.
 *
 * Returns: %TRUE when td_tag_draw() will succeed
 */
gboolean
td_tag_check (const TdTag  *tag,
              TdTagFormat   format,
              GError      **error)
{
  g_auto(Layout) layout = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail ((guint) format < TD_TAG_N_FORMATS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  ok = layout_tag (cr, tag, format, &layout, error);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return ok;
}

/**
 * td_tag_draw:
 * @cr: where to draw; user space in points
 * @tag: what the tag says
 * @format: the label format
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Draws one label of @format with its top-left corner at the origin of @cr, in black, clipped
 * to the label. Nothing is drawn when it fails (see td_tag_check()).
 *
 * Returns: %TRUE when drawn
 */
gboolean
td_tag_draw (cairo_t      *cr,
             const TdTag  *tag,
             TdTagFormat   format,
             GError      **error)
{
  g_auto(Layout) l = { 0 };
  double width, height;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail ((guint) format < TD_TAG_N_FORMATS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!layout_tag (cr, tag, format, &l, error))
    return FALSE;

  td_tag_format_get_size (format, &width, &height);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  show (cr, l.shop, l.text_x, l.shop_y);
  show (cr, l.title, l.text_x, l.title_y);
  show (cr, l.details, l.text_x, l.details_y);
  show (cr, l.price, l.price_x, l.price_y);
  show (cr, l.original, l.aside_x, l.original_y);
  show (cr, l.note, l.aside_x, l.note_y);
  show (cr, l.sku, l.sku_x, l.sku_y);

  /* Both were checked to fit by layout_tag(): these can't fail. */
  if (!td_barcode_draw (l.code128, cr, l.code128_x, l.code128_y, l.code128_w, l.code128_h,
                        l.code128_module, error) ||
      !td_barcode_draw (l.qr, cr, l.qr_x, l.qr_y, l.qr_size, l.qr_size, l.qr_module, error))
    g_assert_not_reached ();

  cairo_restore (cr);

  return TRUE;
}

/**
 * td_tags_write_pdf:
 * @tags: (array length=n_tags): the tags
 * @n_tags: how many, at least one
 * @format: the label format
 * @path: where to write the PDF (replaced if it exists)
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Writes @tags to a PDF: one label per page for roll formats (the page is the label), 30 per
 * page, row by row, for sheets. Every tag is checked first; on any failure nothing is written
 * at @path.
 *
 * Returns: %TRUE when the PDF was written
 */
gboolean
td_tags_write_pdf (const TdTag  *tags,
                   guint         n_tags,
                   TdTagFormat   format,
                   const char   *path,
                   GError      **error)
{
  const Geometry *g;
  g_autoptr(TdPdfWriter) writer = NULL;
  guint per_page;
  double page_width, page_height;
  cairo_t *cr;

  g_return_val_if_fail (tags != NULL || n_tags == 0, FALSE);
  g_return_val_if_fail ((guint) format < TD_TAG_N_FORMATS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_tags == 0)
    {
      g_set_error_literal (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA,
                           _("There are no tags to print."));
      return FALSE;
    }
  for (guint i = 0; i < n_tags; i++)
    if (!td_tag_check (&tags[i], format, error))
      return FALSE;

  g = geometry_for (format);
  per_page = td_tag_format_get_per_page (format);
  td_tag_format_get_page_size (format, &page_width, &page_height);
  writer = td_pdf_writer_new (path, page_width, page_height, _("Price tags"), error);
  if (writer == NULL)
    return FALSE;
  cr = td_pdf_writer_get_cr (writer);

  for (guint i = 0; i < n_tags; i++)
    {
      guint slot = i % per_page;

      if (i > 0 && slot == 0)
        cairo_show_page (cr);
      cairo_save (cr);
      cairo_translate (cr,
                       mm (g->margin_left_mm + (slot % g->columns) * g->pitch_x_mm),
                       mm (g->margin_top_mm + (slot / g->columns) * g->pitch_y_mm));
      if (!td_tag_draw (cr, &tags[i], format, error))
        return FALSE;
      cairo_restore (cr);
    }

  return td_pdf_writer_finish (writer, error);
}
