/* td-document-grid.c — the paginated table of the full-page documents (td_doc_page_table()):
 * columns sized to their content, text that wraps inside its column, rows that never split
 * across pages, and the header row repeated on every page the table runs onto.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include "td-document-private.h"

#define FONT_TEXT "Sans"
#define FONT_BOLD "Sans Bold"

#define BODY_PT     9.5
#define HEADER_PT   8.5
#define CELL_PAD_X  4.0
#define CELL_PAD_Y  3.0

static const double grey_fill[] = { 0.91, 0.91, 0.91 };
static const double grey_rule[] = { 0.70, 0.70, 0.70 };

static void
table_header (TdDocPage          *page,
              const TdDocColumn  *columns,
              guint               n_columns,
              const double       *widths)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double x = page->left, height = 0;

  /* Titles wrap between words in a narrow column rather than losing their end. */
  for (guint c = 0; c < n_columns; c++)
    {
      PangoLayout *layout = td_doc_block_layout (page, FONT_BOLD, HEADER_PT,
                                                 widths[c] - 2 * CELL_PAD_X, columns[c].align, 0,
                                                 columns[c].title);

      height = MAX (height, td_document_layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  height += 2 * CELL_PAD_Y;

  cairo_save (page->cr);
  cairo_set_source_rgb (page->cr, grey_fill[0], grey_fill[1], grey_fill[2]);
  cairo_rectangle (page->cr, page->left, page->y, page->right - page->left, height);
  cairo_fill (page->cr);
  cairo_restore (page->cr);

  for (guint c = 0; c < n_columns; c++)
    {
      td_doc_show_at (page, layouts->pdata[c], x + CELL_PAD_X, page->y + CELL_PAD_Y);
      x += widths[c];
    }
  page->y += height;
}

static double
header_height (TdDocPage          *page,
               const TdDocColumn  *columns,
               guint               n_columns,
               const double       *widths)
{
  double height = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = td_doc_block_layout (page, FONT_BOLD, HEADER_PT,
                                                           widths[c] - 2 * CELL_PAD_X,
                                                           columns[c].align, 0, columns[c].title);

      height = MAX (height, td_document_layout_height (layout));
    }
  return height + 2 * CELL_PAD_Y;
}

/* The widest word of @text, for a title that may wrap between words. */
static double
widest_word (TdDocPage  *page,
             const char *font,
             double      size_pt,
             const char *text)
{
  g_auto(GStrv) words = g_strsplit (text ? text : "", " ", -1);
  double widest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      if (words[i][0] == '\0')
        continue;
      layout = td_document_layout_new (page->cr, font, size_pt, words[i]);
      widest = MAX (widest, td_document_layout_width (layout));
    }
  return widest;
}

/* Fit-content columns want their widest cell and their title on one line (at most a third of
 * the table each: longer text wraps); weighted columns share what is left. When that leaves
 * the weighted columns less than a third of the table, the fit-content titles wrap between
 * words (their cells keep one line, so figures never break); only when even that leaves them
 * less than MIN_TEXT_WIDTH do the fit-content columns give way further. The widths always
 * add up to no more than the table. */
#define MIN_TEXT_WIDTH 72.0

static double *
column_widths (TdDocPage          *page,
               const TdDocColumn  *columns,
               guint               n_columns,
               const char * const *cells,
               guint               n_rows)
{
  double *widths = g_new0 (double, n_columns);
  g_autofree double *least = g_new0 (double, n_columns);
  double total = page->right - page->left, fixed = 0, fixed_least = 0, weights = 0;
  double want_text, need_text;

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(PangoLayout) header = NULL;
      double cell_width = 0;

      if (columns[c].weight > 0)
        {
          weights += columns[c].weight;
          continue;
        }
      header = td_document_layout_new (page->cr, FONT_BOLD, HEADER_PT, columns[c].title);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autoptr(PangoLayout) cell = NULL;

          cell = td_document_layout_new (page->cr, FONT_TEXT, BODY_PT, cells[r * n_columns + c]);
          cell_width = MAX (cell_width, td_document_layout_width (cell));
        }
      widths[c] = MIN (MAX (cell_width, td_document_layout_width (header)) + 2 * CELL_PAD_X + 1.0,
                       total / 3);
      least[c] = MIN (MAX (cell_width, widest_word (page, FONT_BOLD, HEADER_PT,
                                                    columns[c].title)) + 2 * CELL_PAD_X + 1.0,
                      widths[c]);
      fixed += widths[c];
      fixed_least += least[c];
    }

  want_text = weights > 0 ? total / 3 : 0;
  need_text = weights > 0 ? MIN (MIN_TEXT_WIDTH, total / 3) : 0;
  if (total - fixed < want_text && fixed > fixed_least)
    {
      /* Narrow the titles, each in proportion to what it can give. */
      double give = MIN (want_text - (total - fixed), fixed - fixed_least);
      double share = give / (fixed - fixed_least);

      fixed = 0;
      for (guint c = 0; c < n_columns; c++)
        if (columns[c].weight <= 0)
          {
            widths[c] -= (widths[c] - least[c]) * share;
            fixed += widths[c];
          }
    }
  if (total - fixed < need_text && fixed > 0)
    {
      /* Still too wide: every fit-content column gives way, and its text wraps. */
      double scale = (total - need_text) / fixed;

      fixed = 0;
      for (guint c = 0; c < n_columns; c++)
        if (columns[c].weight <= 0)
          {
            widths[c] *= scale;
            fixed += widths[c];
          }
    }
  for (guint c = 0; c < n_columns; c++)
    if (columns[c].weight > 0)
      widths[c] = MAX (total - fixed, 0) * columns[c].weight / weights;

  return widths;
}

/* A row's cells, laid out in their columns; returns the row's height. No cell is taller than
 * @max_height (a page): beyond that its text ends in "…" rather than running off the page. */
static double
row_layouts (TdDocPage          *page,
             const TdDocColumn  *columns,
             guint               n_columns,
             const char * const *row,
             const double       *widths,
             double              max_height,
             GPtrArray          *layouts)
{
  double height = 0;

  g_ptr_array_set_size (layouts, 0);
  for (guint c = 0; c < n_columns; c++)
    {
      const char *text = row[c];
      PangoLayout *layout = td_doc_block_layout (page, FONT_TEXT, BODY_PT,
                                                 widths[c] - 2 * CELL_PAD_X, columns[c].align,
                                                 columns[c].max_lines, text ? text : "");

      if (td_document_layout_height (layout) > max_height)
        {
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
        }
      height = MAX (height, td_document_layout_height (layout));
      g_ptr_array_add (layouts, layout);
    }
  return height + 2 * CELL_PAD_Y;
}

/**
 * td_doc_page_table_start_height:
 *
 * How tall the table's header row and first row will be: what a title above the table needs
 * below it to stay on the same page as the table.
 */
double
td_doc_page_table_start_height (TdDocPage          *page,
                                const TdDocColumn  *columns,
                                guint               n_columns,
                                const char * const *cells,
                                guint               n_rows)
{
  g_autofree double *widths = NULL;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double head;

  g_assert (page != NULL);
  g_assert (columns != NULL && n_columns > 0);

  widths = column_widths (page, columns, n_columns, cells, n_rows);
  head = header_height (page, columns, n_columns, widths);
  if (n_rows == 0)
    return head;
  return head + row_layouts (page, columns, n_columns, cells, widths,
                             page->bottom - page->top - head - 2 * CELL_PAD_Y - 40.0, layouts);
}

/**
 * td_doc_page_table:
 * @columns: (array length=n_columns): the columns
 * @cells: (array): @n_rows × @n_columns strings, row by row; %NULL cells are empty
 *
 * Draws a table from page->y on. Text longer than its column wraps inside it (between words,
 * or inside a word too long for the column) and the row grows to its tallest cell; every
 * cell starts on the row's first line, so figures line up with the first line of a long
 * name. Pages break between rows, never inside one, and the header row is repeated at the
 * top of each page the table continues on (and never left alone at the foot of a page).
 */
void
td_doc_page_table (TdDocPage          *page,
                   const TdDocColumn  *columns,
                   guint               n_columns,
                   const char * const *cells,
                   guint               n_rows)
{
  g_autofree double *widths = NULL;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double head, max_cell, height = 0;

  g_assert (page != NULL);
  g_assert (columns != NULL && n_columns > 0);
  g_assert (cells != NULL || n_rows == 0);

  widths = column_widths (page, columns, n_columns, cells, n_rows);
  head = header_height (page, columns, n_columns, widths);
  /* A page below its running head (~2 lines) and the header row. */
  max_cell = page->bottom - page->top - head - 2 * CELL_PAD_Y - 40.0;

  /* The header and the first row start on the same page. */
  if (n_rows > 0)
    height = row_layouts (page, columns, n_columns, cells, widths, max_cell, layouts);
  td_doc_page_need (page, head + height);
  table_header (page, columns, n_columns, widths);

  for (guint r = 0; r < n_rows; r++)
    {
      double x = page->left;

      if (r > 0)
        height = row_layouts (page, columns, n_columns, cells + r * n_columns, widths, max_cell,
                              layouts);
      if (page->y + height > page->bottom)
        {
          td_doc_page_break (page);
          table_header (page, columns, n_columns, widths);
        }

      for (guint c = 0; c < n_columns; c++)
        {
          td_doc_show_at (page, layouts->pdata[c], x + CELL_PAD_X, page->y + CELL_PAD_Y);
          x += widths[c];
        }
      page->y += height;

      cairo_save (page->cr);
      cairo_set_source_rgb (page->cr, grey_rule[0], grey_rule[1], grey_rule[2]);
      td_doc_rule (page, page->y, 0.4);
      cairo_restore (page->cr);
    }
  page->y += 8.0;
}
