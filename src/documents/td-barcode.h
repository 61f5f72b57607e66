/* td-barcode.h — Code128 and QR symbols drawn as cairo rectangles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * TdBarcodeKind:
 * @TD_BARCODE_CODE128: a linear Code 128 symbol (zint), 10-module quiet zone each side
 * @TD_BARCODE_QR: a QR code (libqrencode, error correction M), 4-module quiet zone all round
 */
typedef enum
{
  TD_BARCODE_CODE128,
  TD_BARCODE_QR,
} TdBarcodeKind;

/* The smallest modules Thriftdesk draws: below these, cheap scanners and 203 dpi printers
 * stop agreeing (see TOOLCHAIN.md's size table). */
#define TD_BARCODE_CODE128_MIN_MODULE_MM 0.25
#define TD_BARCODE_QR_MIN_MODULE_MM      0.375

typedef struct _TdBarcode TdBarcode;

TdBarcode *td_barcode_new                (TdBarcodeKind     kind,
                                          const char       *data,
                                          GError          **error);
void       td_barcode_free               (TdBarcode        *barcode);
TdBarcodeKind td_barcode_get_kind        (const TdBarcode  *barcode);
guint      td_barcode_get_width_modules  (const TdBarcode  *barcode);
guint      td_barcode_get_height_modules (const TdBarcode  *barcode);
double     td_barcode_pick_module        (const TdBarcode  *barcode,
                                          double            box_width,
                                          double            box_height,
                                          const double     *modules,
                                          guint             n_modules);
gboolean   td_barcode_draw               (const TdBarcode  *barcode,
                                          cairo_t          *cr,
                                          double            x,
                                          double            y,
                                          double            box_width,
                                          double            box_height,
                                          double            module,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdBarcode, td_barcode_free)

G_END_DECLS
