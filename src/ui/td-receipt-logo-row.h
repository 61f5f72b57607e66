/* td-receipt-logo-row.h — Preferences › Shop: the logo printed at the top of receipts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_RECEIPT_LOGO_ROW (td_receipt_logo_row_get_type ())

G_DECLARE_FINAL_TYPE (TdReceiptLogoRow, td_receipt_logo_row, TD, RECEIPT_LOGO_ROW, AdwActionRow)

GtkWidget *td_receipt_logo_row_new       (TdContext        *context);
gboolean   td_receipt_logo_row_use_file  (TdReceiptLogoRow *self,
                                          GFile            *file,
                                          GError          **error);
gboolean   td_receipt_logo_row_remove    (TdReceiptLogoRow *self,
                                          GError          **error);
char      *td_receipt_logo_path          (TdContext        *context);

G_END_DECLS
