/* td-escpos.h — receipts for thermal printers in ESC/POS: a raster of the same drawing as the
 * PDF, the cut, and the cash-drawer kick; written to a device/file or sent to a network printer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "td-receipt.h"

G_BEGIN_DECLS

#define TD_ESCPOS_PORT 9100

GBytes   *td_escpos_encode_raster     (cairo_surface_t     *raster,
                                       gboolean             kick_drawer);
GBytes   *td_escpos_drawer_kick       (void);
GBytes   *td_escpos_receipt           (const TdReceipt     *receipt,
                                       TdReceiptLayout      layout,
                                       GError             **error);

gboolean  td_escpos_write_file        (const char          *path,
                                       GBytes              *bytes,
                                       GError             **error);
void      td_escpos_send_async        (const char          *host_and_port,
                                       GBytes              *bytes,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  td_escpos_send_finish       (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
