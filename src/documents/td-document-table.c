/* td-document-table.c — full-page documents: a page flow with a running head and numbered
 * footers, a shop heading, label/value lists, and a table that repeats its header row on every
 * page it runs onto (td-document-grid.c). Shared by the full-page documents: intake slip,
 * donation list, reports, consignor statements and payout slips.
 *
 * A document is drawn twice (td_doc_write_pdf()): the first pass writes nowhere and only
 * counts pages, so the second can print "Page 2 of 3". Both passes run the same code, so they
 * break pages in the same places.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-document-private.h"

#define FONT_TEXT "Sans"
#define FONT_BOLD "Sans Bold"

#define BODY_PT     9.5
#define SMALL_PT    8.0

static const double grey_text[] = { 0.33, 0.33, 0.33 };
static const double grey_rule[] = { 0.70, 0.70, 0.70 };

PangoLayout *
td_doc_block_layout (TdDocPage      *page,
                     const char     *font,
                     double          size_pt,
                     double          width,
                     PangoAlignment  align,
                     int             max_lines,
                     const char     *text)
{
  PangoLayout *layout = td_document_layout_new (page->cr, font, size_pt, text);

  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  if (max_lines > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }
  return layout;
}

void
td_doc_show_at (TdDocPage   *page,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (page->cr, x, y);
  pango_cairo_show_layout (page->cr, layout);
}

static void
draw_footer (TdDocPage *page)
{
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double width = page->right - page->left;
  double y = page->bottom + TD_MM_TO_PT (8.0);

  /* Translators: page numbers at the foot of a document */
  number = g_strdup_printf (_("Page %u of %u"), page->page_no,
                            page->n_pages ? page->n_pages : page->page_no);
  right = td_doc_block_layout (page, FONT_TEXT, SMALL_PT, width, PANGO_ALIGN_RIGHT, 1, number);
  left = td_doc_block_layout (page, FONT_TEXT, SMALL_PT,
                              width - td_document_layout_width (right) - TD_MM_TO_PT (6.0),
                              PANGO_ALIGN_LEFT, 1, page->footer);

  cairo_save (page->cr);
  cairo_set_source_rgb (page->cr, grey_text[0], grey_text[1], grey_text[2]);
  td_doc_show_at (page, left, page->left, y);
  td_doc_show_at (page, right, page->left, y);
  cairo_restore (page->cr);
}

static void
draw_running_head (TdDocPage *page)
{
  g_autoptr(PangoLayout) layout = NULL;
  double width = page->right - page->left;

  if (page->running_head == NULL || page->running_head[0] == '\0')
    return;

  layout = td_doc_block_layout (page, FONT_TEXT, SMALL_PT, width, PANGO_ALIGN_LEFT, 1,
                                page->running_head);
  cairo_save (page->cr);
  cairo_set_source_rgb (page->cr, grey_text[0], grey_text[1], grey_text[2]);
  td_doc_show_at (page, layout, page->left, page->y);
  cairo_restore (page->cr);
  page->y += td_document_layout_height (layout) + 4.0;

  cairo_save (page->cr);
  cairo_set_source_rgb (page->cr, grey_rule[0], grey_rule[1], grey_rule[2]);
  cairo_set_line_width (page->cr, 0.5);
  cairo_move_to (page->cr, page->left, page->y);
  cairo_line_to (page->cr, page->right, page->y);
  cairo_stroke (page->cr);
  cairo_restore (page->cr);
  page->y += 10.0;
}

static void
page_begin (TdDocPage  *page,
            cairo_t    *cr,
            TdPaper     paper,
            const char *footer,
            const char *running_head,
            guint       n_pages)
{
  memset (page, 0, sizeof *page);
  page->cr = cr;
  td_paper_get_size (paper, &page->width, &page->height);
  page->left = TD_MM_TO_PT (18.0);
  page->right = page->width - TD_MM_TO_PT (18.0);
  page->top = TD_MM_TO_PT (16.0);
  page->bottom = page->height - TD_MM_TO_PT (20.0);
  page->y = page->top;
  page->page_no = 1;
  page->n_pages = n_pages;
  page->footer = g_strdup (footer ? footer : "");
  page->running_head = g_strdup (running_head);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static guint
page_end (TdDocPage *page)
{
  guint n = page->page_no;

  draw_footer (page);
  g_clear_pointer (&page->footer, g_free);
  g_clear_pointer (&page->running_head, g_free);
  return n;
}

void
td_doc_page_break (TdDocPage *page)
{
  g_assert (page != NULL);

  draw_footer (page);
  cairo_show_page (page->cr);
  page->page_no++;
  page->y = page->top;
  cairo_set_source_rgb (page->cr, 0, 0, 0);
  draw_running_head (page);
}

/* Starts a new page unless @height still fits on this one. A page that holds nothing yet
 * never breaks: something taller than a page would otherwise break forever. */
void
td_doc_page_need (TdDocPage *page,
                  double     height)
{
  g_assert (page != NULL);

  if (page->y + height > page->bottom && page->y > page->top + 1.0)
    td_doc_page_break (page);
}

double
td_doc_page_text (TdDocPage      *page,
                  double          x,
                  double          width,
                  const char     *font,
                  double          size_pt,
                  PangoAlignment  align,
                  const char     *text)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_assert (page != NULL);

  if (text == NULL || text[0] == '\0')
    return 0.0;
  layout = td_doc_block_layout (page, font, size_pt, width, align, 0, text);
  td_doc_show_at (page, layout, x, page->y);
  return td_document_layout_height (layout);
}

/* A paragraph that may run over several pages, broken between lines. Returns the height used
 * on the page it ends on, from page->y. */
double
td_doc_page_paragraph (TdDocPage  *page,
                       const char *font,
                       double      size_pt,
                       const char *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutIter *iter;
  double y0 = page->y, offset = 0;

  g_assert (page != NULL);

  if (text == NULL || text[0] == '\0')
    return 0.0;
  layout = td_doc_block_layout (page, font, size_pt, page->right - page->left, PANGO_ALIGN_LEFT,
                                0, text);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double top, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE - offset;
      if (y0 + top + (double) logical.height / PANGO_SCALE > page->bottom && top > 0)
        {
          td_doc_page_break (page);
          y0 = page->y;
          offset += top;
          top = 0;
        }
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - offset;
      cairo_move_to (page->cr, page->left + (double) logical.x / PANGO_SCALE, y0 + baseline);
      pango_cairo_show_layout_line (page->cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  page->y = y0;
  return td_document_layout_height (layout) - offset;
}

void
td_doc_rule (TdDocPage *page,
             double     y,
             double     line_width)
{
  cairo_save (page->cr);
  cairo_set_line_width (page->cr, line_width);
  cairo_move_to (page->cr, page->left, y);
  cairo_line_to (page->cr, page->right, y);
  cairo_stroke (page->cr);
  cairo_restore (page->cr);
}

/* The shop on the left (name, address, phone), the document's title and date on the right,
 * a rule below. */
void
td_doc_page_heading (TdDocPage  *page,
                     const char *shop_name,
                     const char *shop_address,
                     const char *shop_phone,
                     const char *title,
                     const char *subtitle)
{
  double width = page->right - page->left;
  double left_width = width * 0.58, right_width = width - left_width - TD_MM_TO_PT (6.0);
  double y0 = page->y, left_h = 0, right_h = 0;

  g_assert (page != NULL);

  page->y = y0;
  left_h += td_doc_page_text (page, page->left, left_width, FONT_BOLD, 16.0, PANGO_ALIGN_LEFT,
                              shop_name);
  page->y = y0 + left_h + (left_h > 0 ? 2.0 : 0.0);
  left_h = page->y - y0;
  left_h += td_doc_page_text (page, page->left, left_width, FONT_TEXT, BODY_PT,
                              PANGO_ALIGN_LEFT, shop_address);
  page->y = y0 + left_h;
  left_h += td_doc_page_text (page, page->left, left_width, FONT_TEXT, BODY_PT,
                              PANGO_ALIGN_LEFT, shop_phone);

  page->y = y0 + 2.0;
  right_h = 2.0 + td_doc_page_text (page, page->right - right_width, right_width, FONT_BOLD,
                                    13.0, PANGO_ALIGN_RIGHT, title);
  page->y = y0 + right_h + 2.0;
  right_h += 2.0 + td_doc_page_text (page, page->right - right_width, right_width, FONT_TEXT,
                                     BODY_PT, PANGO_ALIGN_RIGHT, subtitle);

  page->y = y0 + MAX (left_h, right_h) + 6.0;
  td_doc_rule (page, page->y, 1.0);
  page->y += 14.0;
}

/**
 * td_doc_page_field_list:
 * @pairs: label, value, label, value … %NULL; pairs with no value are left out
 *
 * Labels in grey in a column as wide as the widest, values beside them, wrapped.
 */
double
td_doc_page_field_list (TdDocPage          *page,
                        double              x,
                        double              width,
                        const char * const *pairs)
{
  double label_width = 0, y;

  g_assert (page != NULL);
  g_assert (pairs != NULL);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      g_autoptr(PangoLayout) label = NULL;

      if (pairs[i + 1] == NULL || pairs[i + 1][0] == '\0')
        continue;
      label = td_document_layout_new (page->cr, FONT_TEXT, BODY_PT, pairs[i]);
      label_width = MAX (label_width, td_document_layout_width (label));
    }
  label_width = MIN (label_width, width * 0.5);

  y = page->y;
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) value = NULL;
      double value_x = x + label_width + TD_MM_TO_PT (3.0);

      if (pairs[i + 1] == NULL || pairs[i + 1][0] == '\0')
        continue;
      label = td_doc_block_layout (page, FONT_TEXT, BODY_PT, label_width, PANGO_ALIGN_LEFT, 0,
                                   pairs[i]);
      value = td_doc_block_layout (page, FONT_TEXT, BODY_PT, x + width - value_x,
                                   PANGO_ALIGN_LEFT, 0, pairs[i + 1]);
      cairo_save (page->cr);
      cairo_set_source_rgb (page->cr, grey_text[0], grey_text[1], grey_text[2]);
      td_doc_show_at (page, label, x, y);
      cairo_restore (page->cr);
      td_doc_show_at (page, value, value_x, y);
      y += MAX (td_document_layout_height (label), td_document_layout_height (value)) + 2.0;
    }

  return y - page->y;
}

/* "Items: 60" and "Total value: $1,234.00", right-aligned under a table. */
void
td_doc_page_totals (TdDocPage  *page,
                    guint       n_items,
                    const char *total_value)
{
  g_autofree char *count = NULL;
  g_autofree char *value = NULL;
  double width = page->right - page->left;

  g_assert (page != NULL);

  /* Translators: under a list of items, how many there are */
  count = g_strdup_printf (_("Items: %u"), n_items);
  /* Translators: under a list of items, what they are worth together */
  value = g_strdup_printf (_("Total value: %s"), total_value);

  td_doc_page_need (page, 2 * 16.0);
  page->y += td_doc_page_text (page, page->left, width, FONT_TEXT, BODY_PT + 0.5,
                               PANGO_ALIGN_RIGHT, count) + 2.0;
  page->y += td_doc_page_text (page, page->left, width, FONT_BOLD, BODY_PT + 1.5,
                               PANGO_ALIGN_RIGHT, value) + 10.0;
}

gboolean
td_doc_add_amount (gint64  *total,
                   gint64   amount,
                   GError **error)
{
  gint64 sum;

  g_assert (total != NULL);

  if (__builtin_add_overflow (*total, amount, &sum))
    {
      g_set_error_literal (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA,
                           _("The amounts are too large to add up."));
      return FALSE;
    }
  *total = sum;
  return TRUE;
}

gboolean
td_doc_write_pdf (const char     *path,
                  TdPaper         paper,
                  const char     *title,
                  const char     *footer,
                  const char     *running_head,
                  TdDocDrawFunc   draw,
                  gconstpointer   doc,
                  GError        **error)
{
  double width, height;
  guint n_pages = 0;

  g_assert (path != NULL);
  g_assert (draw != NULL);

  td_paper_get_size (paper, &width, &height);

  /* Pass 0 counts pages and writes nowhere; pass 1 writes the file. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(TdPdfWriter) writer = NULL;
      TdDocPage page;

      writer = td_pdf_writer_new (pass == 0 ? NULL : path, width, height, title, error);
      if (writer == NULL)
        return FALSE;

      page_begin (&page, td_pdf_writer_get_cr (writer), paper, footer, running_head, n_pages);
      draw (&page, doc);
      n_pages = page_end (&page);

      if (!td_pdf_writer_finish (writer, error))
        return FALSE;
    }

  return TRUE;
}
