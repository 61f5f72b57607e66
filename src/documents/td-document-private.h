/* td-document-private.h — what the document writers share inside libtd-documents: writing a
 * PDF atomically, laying out text with Pango, and flowing full pages with a paginated table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "td-document.h"

G_BEGIN_DECLS

#define TD_MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

/* td-document-pdf.c: a PDF written to a temporary file next to @path and renamed into place
 * by td_pdf_writer_finish(); td_pdf_writer_free() before that removes the temporary file.
 * A writer made with a %NULL path writes nowhere (to count pages before the real pass). */
typedef struct _TdPdfWriter TdPdfWriter;

TdPdfWriter *td_pdf_writer_new       (const char   *path,
                                      double        width_pt,
                                      double        height_pt,
                                      const char   *title,
                                      GError      **error);
cairo_t     *td_pdf_writer_get_cr    (TdPdfWriter  *writer);
gboolean     td_pdf_writer_finish    (TdPdfWriter  *writer,
                                      GError      **error);
void         td_pdf_writer_free      (TdPdfWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPdfWriter, td_pdf_writer_free)

/* A layout for print: unhinted metrics, unrounded glyph positions, so what is measured is
 * what lands on paper at any resolution. @font is a Pango font description string. */
PangoLayout *td_document_layout_new  (cairo_t      *cr,
                                      const char   *font,
                                      double        size_pt,
                                      const char   *text);
double       td_document_layout_width   (PangoLayout *layout);
double       td_document_layout_height  (PangoLayout *layout);

/* td-document-table.c (the table: td-document-grid.c): a page flow for A4/Letter documents.
 * td_doc_page_text(), td_doc_page_paragraph() and td_doc_page_field_list() draw at page->y and
 * return the height they used (callers move page->y on, so blocks can sit side by side; a
 * paragraph may break onto new pages and returns the height used on the last); heading, table
 * and totals move page->y on themselves and break pages as they need. */
typedef struct
{
  cairo_t *cr;
  double   width;            /* the page, in points */
  double   height;
  double   left;             /* the text block */
  double   right;
  double   top;
  double   bottom;
  double   y;                /* where the next thing goes */
  guint    page_no;          /* 1-based */
  guint    n_pages;          /* 0 while counting */
  char    *footer;           /* bottom left of every page */
  char    *running_head;     /* top of pages 2… */
} TdDocPage;

typedef struct
{
  const char     *title;
  double          weight;    /* share of the width left after fit-content columns; 0: fit content */
  PangoAlignment  align;
  int             max_lines; /* 0: as many as needed (long text wraps in its column) */
} TdDocColumn;

/* A block of text @width wide, wrapped between words (inside a word too long for a line);
 * cut with "…" after @max_lines lines (0: no limit). */
PangoLayout *td_doc_block_layout (TdDocPage      *page,
                                  const char     *font,
                                  double          size_pt,
                                  double          width,
                                  PangoAlignment  align,
                                  int             max_lines,
                                  const char     *text);
void     td_doc_show_at          (TdDocPage          *page,
                                  PangoLayout        *layout,
                                  double              x,
                                  double              y);
void     td_doc_rule             (TdDocPage          *page,
                                  double              y,
                                  double              line_width);

void     td_doc_page_break       (TdDocPage          *page);
void     td_doc_page_need        (TdDocPage          *page,
                                  double              height);
void     td_doc_page_heading     (TdDocPage          *page,
                                  const char         *shop_name,
                                  const char         *shop_address,
                                  const char         *shop_phone,
                                  const char         *title,
                                  const char         *subtitle);
double   td_doc_page_text        (TdDocPage          *page,
                                  double              x,
                                  double              width,
                                  const char         *font,
                                  double              size_pt,
                                  PangoAlignment      align,
                                  const char         *text);
double   td_doc_page_paragraph   (TdDocPage          *page,
                                  const char         *font,
                                  double              size_pt,
                                  const char         *text);
double   td_doc_page_field_list  (TdDocPage          *page,
                                  double              x,
                                  double              width,
                                  const char * const *pairs);
void     td_doc_page_table       (TdDocPage          *page,
                                  const TdDocColumn  *columns,
                                  guint               n_columns,
                                  const char * const *cells,
                                  guint               n_rows);
double   td_doc_page_table_start_height (TdDocPage          *page,
                                         const TdDocColumn  *columns,
                                         guint               n_columns,
                                         const char * const *cells,
                                         guint               n_rows);
void     td_doc_page_totals      (TdDocPage          *page,
                                  guint               n_items,
                                  const char         *total_value);

/* Renders a document twice: once writing nowhere to count its pages, then for real with the
 * count known ("Page 2 of 3"). @draw fills the page flow from @doc. */
typedef void (*TdDocDrawFunc) (TdDocPage     *page,
                               gconstpointer  doc);

gboolean td_doc_write_pdf        (const char         *path,
                                  TdPaper             paper,
                                  const char         *title,
                                  const char         *footer,
                                  const char         *running_head,
                                  TdDocDrawFunc       draw,
                                  gconstpointer       doc,
                                  GError            **error);

/* Adds @amount to @total; %FALSE (and a #TD_DOCUMENT_ERROR) when the sum would overflow. */
gboolean td_doc_add_amount       (gint64             *total,
                                  gint64              amount,
                                  GError            **error);

G_END_DECLS
