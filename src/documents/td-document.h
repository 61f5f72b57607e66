/* td-document.h — what every printed document shares: paper sizes and the error domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_DOCUMENT_ERROR (td_document_error_quark ())

/**
 * TdDocumentError:
 * @TD_DOCUMENT_ERROR_INVALID_DATA: something the document needs is missing or can't be
 *   printed (an empty SKU, a SKU with characters a barcode scanner can't type)
 * @TD_DOCUMENT_ERROR_TOO_LONG: a barcode does not fit its place on the label at a size
 *   scanners can read
 * @TD_DOCUMENT_ERROR_WRITE: the PDF could not be written (missing folder, no permission,
 *   disk full); nothing was left behind at the path
 */
typedef enum
{
  TD_DOCUMENT_ERROR_INVALID_DATA,
  TD_DOCUMENT_ERROR_TOO_LONG,
  TD_DOCUMENT_ERROR_WRITE,
} TdDocumentError;

/**
 * TdPaper:
 * @TD_PAPER_A4: ISO A4, 210 × 297 mm
 * @TD_PAPER_LETTER: US Letter, 8.5 × 11 in
 *
 * The paper of full-page documents (intake slips, donation lists).
 */
typedef enum
{
  TD_PAPER_A4,
  TD_PAPER_LETTER,
} TdPaper;

GQuark td_document_error_quark (void);

void   td_paper_get_size       (TdPaper  paper,
                                double  *width_pt,
                                double  *height_pt);

G_END_DECLS
