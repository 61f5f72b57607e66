/* td-receipt-private.h — the receipt flow shared by receipts and Z reports: one column of text
 * drawn top to bottom, on a roll (the page grows with the content) or on sheets (page breaks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-barcode.h"
#include "td-document-private.h"
#include "td-receipt.h"

G_BEGIN_DECLS

typedef struct
{
  cairo_t  *cr;
  double    left;         /* the column, in points */
  double    width;
  double    y;            /* where the next thing goes */
  double    top;          /* sheets: where a new page starts */
  double    bottom;       /* sheets: where a page ends; G_MAXDOUBLE on a roll */
  double    scale;        /* font sizes are multiplied by this */
  double    dot;          /* the printer dot in points, to snap barcodes to; 0 for none */
  guint     n_pages;
} TdReceiptFlow;

typedef enum
{
  TD_FLOW_NORMAL,
  TD_FLOW_SMALL,
  TD_FLOW_BOLD,
  TD_FLOW_BIG,
  TD_FLOW_TITLE,
} TdFlowStyle;

/* Draws the document into @flow. */
typedef gboolean (*TdReceiptDrawFunc) (TdReceiptFlow  *flow,
                                       gconstpointer   doc,
                                       GError        **error);

void     td_flow_need    (TdReceiptFlow   *flow,
                          double           height);
void     td_flow_space   (TdReceiptFlow   *flow,
                          double           height);
void     td_flow_text    (TdReceiptFlow   *flow,
                          TdFlowStyle      style,
                          PangoAlignment   align,
                          int              max_lines,
                          const char      *text);
void     td_flow_pair    (TdReceiptFlow   *flow,
                          TdFlowStyle      style,
                          const char      *label,
                          const char      *value);
void     td_flow_rule    (TdReceiptFlow   *flow);
gboolean td_flow_qr      (TdReceiptFlow   *flow,
                          const char      *payload,
                          GError         **error);
void     td_flow_logo    (TdReceiptFlow   *flow,
                          const char      *path);

char    *td_flow_rate    (gint64           rate_bp);

gboolean td_receipt_flow_write_pdf  (TdReceiptLayout     layout,
                                     const char         *path,
                                     const char         *title,
                                     TdReceiptDrawFunc   draw,
                                     gconstpointer       doc,
                                     GError            **error);
cairo_surface_t *td_receipt_flow_render_raster (TdReceiptLayout     layout,
                                                TdReceiptDrawFunc   draw,
                                                gconstpointer       doc,
                                                GError            **error);

G_END_DECLS
