/* td-pdf-print.h — a PDF shown and printed as it is: poppler renders the very file. Shared by
 * the receipt preview (td-sell-page-receipt.c) and the report preview (td-report-preview.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

GdkTexture        *td_pdf_render_page         (PopplerPage     *page,
                                               double           scale);
GtkPrintOperation *td_pdf_print_operation_new (PopplerDocument *document,
                                               const char      *job_name,
                                               gboolean         match_paper);

G_END_DECLS
