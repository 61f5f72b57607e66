/* td-barcode.c — Code128 and QR symbols drawn as cairo rectangles.
 *
 * zint encodes Code 128 (it picks code sets A/B/C to keep the symbol short) and libqrencode
 * encodes QR at error correction M. Either way the result is kept as dark modules on a grid,
 * and drawn as one cairo path filled once, so neighbouring modules never show hairline seams
 * when a renderer antialiases them. The quiet zone is part of the symbol's size and left
 * unpainted: callers give it room and keep it clear.
 *
 * Data is restricted to printable ASCII: a USB scanner "types" what it reads through a
 * keyboard layout, and nothing beyond ASCII survives that trip reliably.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>
#include <zint.h>

#include "td-barcode.h"
#include "td-document-private.h"

#define CODE128_QUIET_MODULES 10
#define QR_QUIET_MODULES      4

typedef struct
{
  guint x, y, width, height;      /* in modules, quiet zone excluded */
} Bar;

struct _TdBarcode
{
  TdBarcodeKind  kind;
  guint          symbol_width;    /* modules, quiet zone excluded */
  guint          symbol_height;   /* QR only */
  GArray        *bars;            /* of Bar; Code128: height 1 means "the whole box" */
};

static gboolean
check_data (const char  *data,
            GError     **error)
{
  if (data == NULL || data[0] == '\0')
    {
      g_set_error_literal (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA,
                           _("There is nothing to put in the barcode."));
      return FALSE;
    }
  for (const char *p = data; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
        {
          g_set_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA,
                       _("“%s” can't be printed as a barcode: use only letters A–Z, digits and "
                         "simple punctuation."), data);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
encode_code128 (TdBarcode   *barcode,
                const char  *data,
                GError     **error)
{
  struct zint_symbol *symbol = ZBarcode_Create ();
  struct zint_vector_rect *rect;
  double unit;
  int ret;

  if (symbol == NULL)
    g_error ("zint: out of memory");

  symbol->symbology = BARCODE_CODE128;
  symbol->input_mode = DATA_MODE;
  symbol->show_hrt = 0;
  symbol->output_options = BARCODE_NO_QUIET_ZONES;
  symbol->whitespace_width = 0;
  symbol->height = 10;

  ret = ZBarcode_Encode_and_Buffer_Vector (symbol, (const unsigned char *) data,
                                           (int) strlen (data), 0);
  if (ret >= ZINT_ERROR || symbol->vector == NULL || symbol->width <= 0)
    {
      g_debug ("zint could not encode “%s”: %d %s", data, ret, symbol->errtxt);
      g_set_error (error, TD_DOCUMENT_ERROR,
                   ret == ZINT_ERROR_TOO_LONG ? TD_DOCUMENT_ERROR_TOO_LONG
                                              : TD_DOCUMENT_ERROR_INVALID_DATA,
                   _("“%s” can't be printed as a barcode."), data);
      ZBarcode_Delete (symbol);
      return FALSE;
    }

  /* zint's vector units per module depend on its scale; measure them rather than assume. */
  unit = symbol->vector->width / symbol->width;
  barcode->symbol_width = (guint) symbol->width;
  for (rect = symbol->vector->rectangles; rect != NULL; rect = rect->next)
    {
      Bar bar;

      bar.x = (guint) (rect->x / unit + 0.5);
      bar.width = (guint) (rect->width / unit + 0.5);
      bar.y = 0;
      bar.height = 1;
      g_array_append_val (barcode->bars, bar);
    }
  ZBarcode_Delete (symbol);

  return TRUE;
}

static gboolean
encode_qr (TdBarcode   *barcode,
           const char  *data,
           GError     **error)
{
  QRcode *code;
  int n;

  errno = 0;
  code = QRcode_encodeString (data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      g_debug ("libqrencode could not encode “%s”: %s", data, g_strerror (errno));
      g_set_error (error, TD_DOCUMENT_ERROR,
                   errno == ERANGE ? TD_DOCUMENT_ERROR_TOO_LONG : TD_DOCUMENT_ERROR_INVALID_DATA,
                   _("“%s” can't be printed as a QR code."), data);
      return FALSE;
    }

  n = code->width;
  barcode->symbol_width = (guint) n;
  barcode->symbol_height = (guint) n;
  /* One rectangle per horizontal run of dark modules (bit 0 of each byte is "dark"). */
  for (int y = 0; y < n; y++)
    {
      int x = 0;

      while (x < n)
        {
          Bar bar;
          int start;

          if (!(code->data[y * n + x] & 1))
            {
              x++;
              continue;
            }
          start = x;
          while (x < n && (code->data[y * n + x] & 1))
            x++;
          bar.x = (guint) start;
          bar.y = (guint) y;
          bar.width = (guint) (x - start);
          bar.height = 1;
          g_array_append_val (barcode->bars, bar);
        }
    }
  QRcode_free (code);

  return TRUE;
}

/**
 * td_barcode_new:
 * @kind: Code128 or QR
 * @data: what the symbol says, printable ASCII
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Encodes @data. Fails with %TD_DOCUMENT_ERROR_INVALID_DATA for empty or non-ASCII data and
 * %TD_DOCUMENT_ERROR_TOO_LONG when no symbol of @kind can hold it.
 *
 * Returns: (transfer full) (nullable): the symbol, free with td_barcode_free()
 */
TdBarcode *
td_barcode_new (TdBarcodeKind   kind,
                const char     *data,
                GError        **error)
{
  g_autoptr(TdBarcode) barcode = NULL;
  gboolean ok;

  g_return_val_if_fail (kind == TD_BARCODE_CODE128 || kind == TD_BARCODE_QR, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_data (data, error))
    return NULL;

  barcode = g_new0 (TdBarcode, 1);
  barcode->kind = kind;
  barcode->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  if (kind == TD_BARCODE_CODE128)
    ok = encode_code128 (barcode, data, error);
  else
    ok = encode_qr (barcode, data, error);

  return ok ? g_steal_pointer (&barcode) : NULL;
}

void
td_barcode_free (TdBarcode *barcode)
{
  if (barcode == NULL)
    return;
  g_array_unref (barcode->bars);
  g_free (barcode);
}

TdBarcodeKind
td_barcode_get_kind (const TdBarcode *barcode)
{
  g_return_val_if_fail (barcode != NULL, TD_BARCODE_CODE128);

  return barcode->kind;
}

/**
 * td_barcode_get_width_modules:
 * @barcode: a symbol
 *
 * Returns: the width of the symbol in modules, quiet zones included
 */
guint
td_barcode_get_width_modules (const TdBarcode *barcode)
{
  g_return_val_if_fail (barcode != NULL, 0);

  if (barcode->kind == TD_BARCODE_CODE128)
    return barcode->symbol_width + 2 * CODE128_QUIET_MODULES;
  return barcode->symbol_width + 2 * QR_QUIET_MODULES;
}

/**
 * td_barcode_get_height_modules:
 * @barcode: a symbol
 *
 * Returns: the height of a QR code in modules, quiet zone included; 0 for Code128, whose bars
 *   take the height of the box they are drawn in
 */
guint
td_barcode_get_height_modules (const TdBarcode *barcode)
{
  g_return_val_if_fail (barcode != NULL, 0);

  if (barcode->kind == TD_BARCODE_CODE128)
    return 0;
  return barcode->symbol_height + 2 * QR_QUIET_MODULES;
}

static double
min_module_pt (const TdBarcode *barcode)
{
  /* A hair below the limit, so 0.25 mm given as 2 × 0.125 mm in points still passes. */
  if (barcode->kind == TD_BARCODE_CODE128)
    return TD_MM_TO_PT (TD_BARCODE_CODE128_MIN_MODULE_MM) - 1e-6;
  return TD_MM_TO_PT (TD_BARCODE_QR_MIN_MODULE_MM) - 1e-6;
}

static gboolean
fits (const TdBarcode *barcode,
      double           box_width,
      double           box_height,
      double           module)
{
  const double eps = 1e-6;

  if (module < min_module_pt (barcode))
    return FALSE;
  if (td_barcode_get_width_modules (barcode) * module > box_width + eps)
    return FALSE;
  if (td_barcode_get_height_modules (barcode) * module > box_height + eps)
    return FALSE;
  return box_height > 0;
}

/**
 * td_barcode_pick_module:
 * @barcode: a symbol
 * @box_width: the room for the symbol and its quiet zones, in points
 * @box_height: the room in height, in points
 * @modules: (array length=n_modules): module sizes in points, largest (preferred) first
 * @n_modules: the number of @modules
 *
 * Returns: the first of @modules at which @barcode fits the box and is no smaller than the
 *   readable minimum, or 0 when none does
 */
double
td_barcode_pick_module (const TdBarcode *barcode,
                        double           box_width,
                        double           box_height,
                        const double    *modules,
                        guint            n_modules)
{
  g_return_val_if_fail (barcode != NULL, 0);
  g_return_val_if_fail (modules != NULL || n_modules == 0, 0);

  for (guint i = 0; i < n_modules; i++)
    if (fits (barcode, box_width, box_height, modules[i]))
      return modules[i];
  return 0;
}

/**
 * td_barcode_draw:
 * @barcode: a symbol
 * @cr: where to draw, in points
 * @x: the left of the box (the outer edge of the left quiet zone)
 * @y: the top of the box
 * @box_width: the room for the symbol, quiet zones included
 * @box_height: the room in height; Code128 bars take all of it, a QR code its own height
 * @module: the module size (X dimension) in points
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Draws the dark modules of @barcode in the current source colour. Nothing is drawn, and
 * %TD_DOCUMENT_ERROR_TOO_LONG is returned, when the symbol would not fit the box or @module is
 * below the readable minimum.
 *
 * Returns: %TRUE when drawn
 */
gboolean
td_barcode_draw (const TdBarcode  *barcode,
                 cairo_t          *cr,
                 double            x,
                 double            y,
                 double            box_width,
                 double            box_height,
                 double            module,
                 GError          **error)
{
  double x0, y0;

  g_return_val_if_fail (barcode != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fits (barcode, box_width, box_height, module))
    {
      g_set_error_literal (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG,
                           barcode->kind == TD_BARCODE_QR
                           ? _("The QR code does not fit its place at a size scanners can read.")
                           : _("The barcode does not fit its place at a size scanners can read."));
      return FALSE;
    }

  cairo_save (cr);
  cairo_new_path (cr);
  if (barcode->kind == TD_BARCODE_CODE128)
    {
      x0 = x + CODE128_QUIET_MODULES * module;
      for (guint i = 0; i < barcode->bars->len; i++)
        {
          const Bar *bar = &g_array_index (barcode->bars, Bar, i);

          cairo_rectangle (cr, x0 + bar->x * module, y, bar->width * module, box_height);
        }
    }
  else
    {
      x0 = x + QR_QUIET_MODULES * module;
      y0 = y + QR_QUIET_MODULES * module;
      for (guint i = 0; i < barcode->bars->len; i++)
        {
          const Bar *bar = &g_array_index (barcode->bars, Bar, i);

          cairo_rectangle (cr, x0 + bar->x * module, y0 + bar->y * module,
                           bar->width * module, bar->height * module);
        }
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill (cr);
  cairo_restore (cr);

  return TRUE;
}
