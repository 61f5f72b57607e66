/* bench-receipt.c — how long the counter waits for a receipt: a 5-line sale receipt with its
 * QR code written as PDF by the real renderer (td_receipt_write_pdf(): layout, QR, cairo PDF,
 * flush, rename), on an 80 mm roll and on A4, @n_renders times each, into a temp dir.
 * Prints `sale.receipt.<layout>.{median,p95,max}` in ms. Each PDF is fsynced before its
 * rename (td-document-pdf.c), so the figures include one fsync of the disk; the roll's
 * raster for an ESC/POS printer (`roll80_raster`, no file) shows the drawing alone. The
 * shop's database is not used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-receipt.h"
#include "td-receipt.h"

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *layout,
             GArray     *samples)
{
  double *v = (double *) samples->data;
  guint n = samples->len;

  qsort (v, n, sizeof (double), compare_double);
  g_print ("sale.receipt.%s.median %.4g ms\n", layout,
           n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
  g_print ("sale.receipt.%s.p95 %.4g ms\n", layout, v[MIN (n - 1, (guint) (n * 0.95))]);
  g_print ("sale.receipt.%s.max %.4g ms\n", layout, v[n - 1]);
}

gboolean
bench_receipt_run (guint    n_renders,
                   GError **error)
{
  static const TdReceiptLine lines[] = {
    { "Wool coat, charcoal, Jaeger", "Very good", "AB12-0042", 4500, 6000, 0, NULL },
    { "Levi's 501 jeans W32 L34", "Good", "AB12-0043", 2200, 2200, 0, NULL },
    { "Silk scarf with a long title that wraps onto a second line", "Excellent", "CD34-0007",
      1500, 1500, 300, "Loyalty" },
    { "Le Creuset casserole 24 cm", "Good", "B-000123", 3800, 3800, 0, NULL },
    { "Penguin Classics, Middlemarch", "Fair", "D-000456", 300, 300, 0, NULL },
  };
  static const TdReceiptTax taxes[] = { { "VAT 20 %", 2000, 10000, 2000 } };
  static const TdReceiptTender tenders[] = { { "Card", 8000, FALSE }, { "Cash", 4000, TRUE } };
  static const struct { TdReceiptLayout layout; const char *name; } layouts[] = {
    { TD_RECEIPT_ROLL_80, "roll80" },
    { TD_RECEIPT_A4, "a4" },
  };
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thriftdesk-bench-receipt-XXXXXX", &local);
  const TdCurrency *currency = td_currency_lookup ("USD");
  TdMoneyFormat fmt;
  TdReceipt r = { 0 };

  if (dir == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  td_money_format_init_current (&fmt);
  r.shop_name = "Second Chances Thrift";
  r.shop_address = "12 High Street\nSpringfield";
  r.shop_tax_id = "GB 123 4567 89";
  r.date = "04 Dec 2026, 14:32";
  r.receipt_no = "000123";
  r.register_name = "main";
  r.staff = "Jordan Lee";
  r.lines = lines;
  r.n_lines = G_N_ELEMENTS (lines);
  r.subtotal = 12000;
  r.taxes = taxes;
  r.n_taxes = G_N_ELEMENTS (taxes);
  r.tax_included = TRUE;
  r.total = 12000;
  r.tenders = tenders;
  r.n_tenders = G_N_ELEMENTS (tenders);
  r.change = 0;
  r.policy = "Returns within 30 days with this receipt.";
  r.qr_payload = "AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAE";
  r.currency = currency;
  r.money_format = &fmt;

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *path = g_build_filename (dir, "receipt.pdf", NULL);

      for (guint i = 0; i < n_renders; i++)
        {
          double t0 = now_ms (), t;

          if (!td_receipt_write_pdf (&r, layouts[l].layout, path, error))
            return FALSE;
          t = now_ms () - t0;
          g_array_append_val (ms, t);
        }
      g_remove (path);
      print_stats (layouts[l].name, ms);
    }
  g_rmdir (dir);

  {
    g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < n_renders; i++)
      {
        double t0 = now_ms (), t;
        cairo_surface_t *raster = td_receipt_render_raster (&r, TD_RECEIPT_ROLL_80, error);

        if (raster == NULL)
          return FALSE;
        cairo_surface_destroy (raster);
        t = now_ms () - t0;
        g_array_append_val (ms, t);
      }
    print_stats ("roll80_raster", ms);
  }
  return TRUE;
}
