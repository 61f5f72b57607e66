/* test-receipt.c — receipts, refund receipts and Z reports, on rolls and sheets, as PDFs and as
 * ESC/POS print jobs; checked the way a shop would: the PDF is rendered (pdftoppm) and its QR
 * scanned (zbarimg), its text read back (pdftotext); the ESC/POS stream is decoded back into
 * an image here and its QR scanned the same way; a network print goes over loopback TCP.
 *
 * PDFs and decoded print jobs are also copied to the build dir (tests/receipt-*) to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "td-escpos.h"
#include "td-receipt.h"
#include "td-test.h"

#define PAYLOAD "TDR1AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGAZDINRYHI6D4QCAIFAUCQ"
#define LONG_TITLE "Vintage hand-knitted Aran wool cardigan with horn buttons, cable pattern " \
                   "front and back, cream, barely worn, from a smoke-free home in Galway"
#define LONG_WORD "Supercalifragilisticexpialidociouslylongunbreakabletitlewithoutanyspaces"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = td_test_make_tmpdir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
}

static gboolean
have_tools (void)
{
  const char *tools[] = { "pdftoppm", "pdftotext", "pdfinfo", "zbarimg" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_test_skip_printf ("%s is not installed (poppler-utils, zbar-tools)", tools[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static int
run (const char * const *argv,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = NULL;
  GString *text = g_string_new (NULL);

  g_assert_cmpint (run (argv, &out), ==, 0);
  for (const char *p = out; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          if (text->len > 0 && text->str[text->len - 1] != ' ')
            g_string_append_c (text, ' ');
        }
      else
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
pdf_size (const char *pdf,
          double     *width,
          double     *height)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  const char *line;

  g_assert_cmpint (run (argv, &out), ==, 0);
  line = strstr (out, "Page size:");
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "Page size: %lf x %lf", width, height), ==, 2);
}

/* Every word lies inside its page, with @margin points to spare on the sides. */
static void
assert_text_inside (const char *pdf,
                    double      margin)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  double width = 0, height = 0;
  guint n_words = 0;

  g_assert_cmpint (run (argv, &out), ==, 0);
  regex = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">|"
                       "<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" "
                       "xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">([^<]*)<", 0, 0, NULL);
  g_regex_match (regex, out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *page_width = g_match_info_fetch (match, 1);

      if (page_width != NULL && page_width[0] != '\0')
        {
          g_autofree char *page_height = g_match_info_fetch (match, 2);

          width = g_ascii_strtod (page_width, NULL);
          height = g_ascii_strtod (page_height, NULL);
        }
      else
        {
          double box[4];

          for (int i = 0; i < 4; i++)
            {
              g_autofree char *v = g_match_info_fetch (match, 3 + i);

              box[i] = g_ascii_strtod (v, NULL);
            }
          if (box[0] < margin - 0.5 || box[1] < -0.5 || box[2] > width - margin + 0.5 ||
              box[3] > height + 0.5)
            {
              g_autofree char *word = g_match_info_fetch (match, 7);

              g_error ("“%s” at %.1f,%.1f–%.1f,%.1f is off its %.1f × %.1f page", word,
                       box[0], box[1], box[2], box[3], width, height);
            }
          n_words++;
        }
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_words, >, 0);
}

/* The QR codes zbarimg finds in @png, as "QR-Code:…" lines. */
static char *
scan_png (const char *png)
{
  const char *scan[] = { "zbarimg", "-q", png, NULL };
  char *out = NULL;
  int status = run (scan, &out);

  g_assert_true (status == 0 || status == 4);
  return out;
}

static char *
scan_pdf (const char *dir,
          const char *pdf,
          int         dpi)
{
  g_autofree char *res = g_strdup_printf ("%d", dpi);
  g_autofree char *prefix = g_build_filename (dir, "scan", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", res, "-png", "-f", "1", "-l", "1", "-singlefile",
                         pdf, prefix, NULL };

  g_assert_cmpint (run (argv, NULL), ==, 0);
  return scan_png (png);
}

static void
keep (const char *path,
      const char *name)
{
  g_autofree char *dest = td_test_build_path (name);
  g_autofree char *contents = NULL;
  gsize len;

  if (g_file_get_contents (path, &contents, &len, NULL))
    g_file_set_contents (dest, contents, (gssize) len, NULL);
}

/* A receipt ------------------------------------------------------------------------------- */

static const TdReceiptLine lines[] = {
  { "Wool coat, navy", "Very good", "TD-000101", 4500, 6000, 0, NULL },
  { LONG_TITLE, "Good", "TD-000102", 2200, 0, 200, "loose button" },
  { LONG_WORD, "Like new", "TD-000103", 1250, 0, 0, NULL },
};
static const TdReceiptTax taxes[] = {
  { "VAT", 1900, 6352, 1207 },
  { "VAT", 700, 0, 0 },
};
static const TdReceiptTender cash_and_card[] = {
  { "Card", 3000, FALSE },
  { "Cash", 5000, TRUE },
};
static const TdReceiptTender card_only[] = {
  { "Card", 7559, FALSE },
};

static void
receipt_init (TdReceipt *r)
{
  memset (r, 0, sizeof *r);
  r->shop_name = "Second Chance Thrift";
  r->shop_address = "12 Harbour Street\n2000 Portstown";
  r->shop_tax_id = "DE123456789";
  r->date = "22 Nov 2026, 14:05";
  r->receipt_no = "000042";
  r->register_name = "main";
  r->staff = "Robin";
  r->lines = lines;
  r->n_lines = G_N_ELEMENTS (lines);
  r->cart_discount = 191;
  r->cart_discount_reason = "Loyalty";
  r->subtotal = 7750;
  r->taxes = taxes;
  r->n_taxes = 1;
  r->tax_included = TRUE;
  r->total = 7559;
  r->rounding = 0;
  r->tenders = cash_and_card;
  r->n_tenders = G_N_ELEMENTS (cash_and_card);
  r->change = 441;
  r->policy = "Consigned items: returns within 14 days with this receipt. Thank you for "
              "shopping second hand!";
  r->impact_line = "This purchase saved about 4.2 kg CO2e.";
  r->qr_payload = PAYLOAD;
  r->currency = td_currency_lookup ("EUR");
}

static const char *layout_names[] = { "roll80", "roll58", "a4", "letter" };

static void
test_layouts (Fixture       *f,
              gconstpointer  data)
{
  TdReceipt r;

  if (!have_tools ())
    return;
  receipt_init (&r);
  for (TdReceiptLayout layout = 0; layout < TD_RECEIPT_N_LAYOUTS; layout++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("receipt-%s.pdf", layout_names[layout]);
      g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *codes = NULL;
      g_autofree char *want = g_strdup_printf ("QR-Code:%s\n", PAYLOAD);
      double width, height;

      g_test_message ("layout %s", layout_names[layout]);
      g_assert_true (td_receipt_write_pdf (&r, layout, pdf, &error));
      g_assert_no_error (error);
      keep (pdf, name);

      pdf_size (pdf, &width, &height);
      if (layout == TD_RECEIPT_ROLL_80 || layout == TD_RECEIPT_ROLL_58)
        {
          double paper_mm = layout == TD_RECEIPT_ROLL_80 ? 80.0 : 58.0;

          g_assert_cmpfloat_with_epsilon (width, paper_mm * 72 / 25.4, 0.1);
          /* The roll is as long as the receipt: more than the width, less than a metre. */
          g_assert_cmpfloat (height, >, width);
          g_assert_cmpfloat (height, <, 1000 * 72 / 25.4);
          /* Nothing in the unprintable 4 mm (80 mm) / 5 mm (58 mm) at each side. */
          assert_text_inside (pdf, (paper_mm - (paper_mm == 80 ? 72 : 48)) / 2 * 72 / 25.4);
        }
      else
        assert_text_inside (pdf, 18 * 72 / 25.4);

      text = pdf_text (pdf);
      g_assert_nonnull (strstr (text, "000042"));
      g_assert_nonnull (strstr (text, "75.59"));      /* total */
      g_assert_nonnull (strstr (text, "Total €75.59"));
      g_assert_nonnull (strstr (text, "Card €30.00"));
      g_assert_nonnull (strstr (text, "Cash €50.00"));
      g_assert_nonnull (strstr (text, "Change €4.41"));
      g_assert_nonnull (strstr (text, "TD-000103"));
      g_assert_nonnull (strstr (text, "19 %"));
      g_assert_nonnull (strstr (text, "4.2 kg CO2e"));
      /* A long title is wrapped onto two lines and cut with "…" (pdftotext still reads the
       * whole title from the PDF's text mapping): assert_text_inside() saw it stay inside. */
      g_assert_nonnull (strstr (text, "Vintage"));

      codes = scan_pdf (f->dir, pdf, 300);
      g_assert_cmpstr (codes, ==, want);
      /* The roll as a 203 dpi printer sees it. */
      if (layout == TD_RECEIPT_ROLL_58)
        {
          g_autofree char *at_203 = scan_pdf (f->dir, pdf, 203);

          g_assert_cmpstr (at_203, ==, want);
        }
    }
}

/* Not an assertion (no timing assertions in tests): the figure for the note. */
static void
test_render_time (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "time.pdf", NULL);
  TdReceipt r;
  const guint n = 5;

  receipt_init (&r);
  for (TdReceiptLayout layout = 0; layout < TD_RECEIPT_N_LAYOUTS; layout++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < n; i++)
        g_assert_true (td_receipt_write_pdf (&r, layout, pdf, NULL));
      g_test_message ("receipt.pdf.%s %.2f ms", layout_names[layout],
                      (g_get_monotonic_time () - start) / 1000.0 / n);
    }
  for (TdReceiptLayout layout = TD_RECEIPT_ROLL_80; layout <= TD_RECEIPT_ROLL_58; layout++)
    {
      gint64 start = g_get_monotonic_time ();
      gsize size = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GBytes) job = td_escpos_receipt (&r, layout, NULL);

          g_assert_nonnull (job);
          size = g_bytes_get_size (job);
        }
      g_test_message ("receipt.escpos.%s %.2f ms, %" G_GSIZE_FORMAT " bytes", layout_names[layout],
                      (g_get_monotonic_time () - start) / 1000.0 / n, size);
    }
}

static void
test_refund_and_zreport (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "refund.pdf", NULL);
  g_autofree char *zpdf = g_build_filename (f->dir, "z.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *ztext = NULL;
  TdReceipt r;
  const TdReceiptTender tenders[] = { { "Cash", 4500, TRUE }, { "Card", 12000, FALSE } };
  const TdReceiptTax z_taxes[] = { { "VAT", 1900, 13866, 2634 } };
  TdZReportDoc z = {
    .shop_name = "Second Chance Thrift", .register_name = "main", .session = "#7",
    .opened = "22 Nov 2026, 09:00", .closed = "22 Nov 2026, 18:02", .staff = "Robin",
    .n_sales = 9, .n_refunds = 1, .tenders = tenders, .n_tenders = G_N_ELEMENTS (tenders),
    .refunds = 4500, .discounts = 391, .tax = 2634, .taxes = z_taxes, .n_taxes = 1,
    .opening_float = 10000, .paid_in = 0, .paid_out = 1500, .expected_cash = 8500,
    .counted_cash = 8450, .currency = td_currency_lookup ("EUR"),
  };

  if (!have_tools ())
    return;
  receipt_init (&r);
  r.is_refund = TRUE;
  r.receipt_no = "R000003";
  r.original_receipt_no = "000042";
  r.n_lines = 1;
  r.subtotal = 4500;
  r.cart_discount = 0;
  r.total = 4500;
  r.tenders = tenders;
  r.n_tenders = 1;
  r.change = 0;
  r.qr_payload = NULL;
  g_assert_true (td_receipt_write_pdf (&r, TD_RECEIPT_ROLL_80, pdf, &error));
  g_assert_no_error (error);
  keep (pdf, "receipt-refund.pdf");
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Refund R000003"));
  g_assert_nonnull (strstr (text, "For receipt 000042"));
  g_assert_nonnull (strstr (text, "Refunded €45.00"));

  for (TdReceiptLayout layout = 0; layout < TD_RECEIPT_N_LAYOUTS; layout++)
    {
      g_assert_true (td_zreport_write_pdf (&z, layout, zpdf, &error));
      g_assert_no_error (error);
      assert_text_inside (zpdf, 0);
    }
  g_assert_true (td_zreport_write_pdf (&z, TD_RECEIPT_ROLL_80, zpdf, &error));
  keep (zpdf, "receipt-zreport.pdf");
  ztext = pdf_text (zpdf);
  g_assert_nonnull (strstr (ztext, "Z report"));
  g_assert_nonnull (strstr (ztext, "Sales 9"));
  g_assert_nonnull (strstr (ztext, "Total takings €165.00"));
  g_assert_nonnull (strstr (ztext, "Expected in drawer €85.00"));
  g_assert_nonnull (strstr (ztext, "Counted €84.50"));
  g_assert_nonnull (strstr (ztext, "Tax total €26.34"));
  g_assert_nonnull (strstr (ztext, "Paid out -€15.00"));
  g_assert_nonnull (strstr (ztext, "Short -€0.50"));

  /* A receipt without a number is refused, and nothing is written. */
  g_remove (pdf);
  r.receipt_no = "";
  g_assert_false (td_receipt_write_pdf (&r, TD_RECEIPT_A4, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* ESC/POS ---------------------------------------------------------------------------------- */

typedef struct
{
  cairo_surface_t *image;
  gboolean         initialised;
  gboolean         cut;
  gboolean         drawer_kick;
  guint            n_bands;
} Decoded;

/* Reads an ESC/POS stream the way a printer would, for the commands Thriftdesk sends; any other
 * byte fails the test. The raster bands are stacked into one image. */
static void
decode_escpos (GBytes  *bytes,
               Decoded *d)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len);
  const guint8 *end = p + len;
  g_autoptr(GByteArray) bits = g_byte_array_new ();
  int row_bytes = 0, rows = 0;

  memset (d, 0, sizeof *d);
  while (p < end)
    {
      if (end - p >= 2 && p[0] == 0x1b && p[1] == 0x40)
        {
          d->initialised = TRUE;
          p += 2;
        }
      else if (end - p >= 8 && p[0] == 0x1d && p[1] == 0x76 && p[2] == 0x30 && p[3] == 0)
        {
          int xb = p[4] | p[5] << 8, yb = p[6] | p[7] << 8;

          g_assert_true (d->initialised);
          g_assert_true (row_bytes == 0 || row_bytes == xb);
          row_bytes = xb;
          g_assert_cmpint (end - p - 8, >=, xb * yb);
          g_byte_array_append (bits, p + 8, (guint) (xb * yb));
          rows += yb;
          d->n_bands++;
          p += 8 + xb * yb;
        }
      else if (end - p >= 3 && p[0] == 0x1b && p[1] == 0x64)
        p += 3;
      else if (end - p >= 4 && p[0] == 0x1d && p[1] == 0x56 && p[2] == 66)
        {
          d->cut = TRUE;
          p += 4;
        }
      else if (end - p >= 5 && p[0] == 0x1b && p[1] == 0x70 && p[2] == 0)
        {
          d->drawer_kick = TRUE;
          p += 5;
        }
      else
        g_error ("unexpected ESC/POS byte 0x%02x at %td", p[0], p - (const guint8 *) g_bytes_get_data (bytes, NULL));
    }

  if (rows == 0)
    return;
  /* Dark dots black on white, with a white margin so the QR's quiet zone is never cut. */
  d->image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, row_bytes * 8 + 40, rows + 40);
  {
    unsigned char *data = cairo_image_surface_get_data (d->image);
    int stride = cairo_image_surface_get_stride (d->image);

    memset (data, 0xff, (gsize) stride * (rows + 40));
    for (int y = 0; y < rows; y++)
      for (int x = 0; x < row_bytes * 8; x++)
        if (bits->data[y * row_bytes + x / 8] & (0x80 >> (x % 8)))
          ((guint32 *) (data + (gsize) (y + 20) * stride))[x + 20] = 0xff000000;
    cairo_surface_mark_dirty (d->image);
  }
}

static void
test_escpos_raster (Fixture       *f,
                    gconstpointer  data)
{
  TdReceipt r;

  if (!have_tools ())
    return;
  receipt_init (&r);
  for (TdReceiptLayout layout = TD_RECEIPT_ROLL_80; layout <= TD_RECEIPT_ROLL_58; layout++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) job = td_escpos_receipt (&r, layout, &error);
      g_autofree char *name = g_strdup_printf ("receipt-escpos-%s.png", layout_names[layout]);
      g_autofree char *png = g_build_filename (f->dir, name, NULL);
      g_autofree char *codes = NULL;
      g_autofree char *want = g_strdup_printf ("QR-Code:%s\n", PAYLOAD);
      Decoded d;

      g_assert_no_error (error);
      g_assert_nonnull (job);
      decode_escpos (job, &d);
      g_assert_true (d.cut);
      g_assert_true (d.drawer_kick);      /* the receipt has a cash tender */
      g_assert_cmpuint (d.n_bands, >, 1);
      g_assert_nonnull (d.image);
      g_assert_cmpint (cairo_image_surface_get_width (d.image) - 40, ==,
                       layout == TD_RECEIPT_ROLL_80 ? 576 : 384);
      g_assert_cmpint (cairo_surface_write_to_png (d.image, png), ==, CAIRO_STATUS_SUCCESS);
      keep (png, name);
      codes = scan_png (png);
      g_assert_cmpstr (codes, ==, want);
      cairo_surface_destroy (d.image);
    }
}

static void
test_escpos_drawer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cash = NULL;
  g_autoptr(GBytes) card = NULL;
  g_autoptr(GBytes) kick = td_escpos_drawer_kick ();
  TdReceipt r;
  Decoded d;

  receipt_init (&r);
  cash = td_escpos_receipt (&r, TD_RECEIPT_ROLL_58, &error);
  g_assert_no_error (error);
  decode_escpos (cash, &d);
  g_assert_true (d.drawer_kick);
  g_clear_pointer (&d.image, cairo_surface_destroy);

  r.tenders = card_only;
  r.n_tenders = G_N_ELEMENTS (card_only);
  r.change = 0;
  g_assert_false (td_receipt_has_cash (&r));
  card = td_escpos_receipt (&r, TD_RECEIPT_ROLL_58, &error);
  g_assert_no_error (error);
  decode_escpos (card, &d);
  g_assert_false (d.drawer_kick);
  g_assert_true (d.cut);
  g_clear_pointer (&d.image, cairo_surface_destroy);

  /* "Open drawer" on its own: init and kick, nothing printed. */
  decode_escpos (kick, &d);
  g_assert_true (d.drawer_kick);
  g_assert_null (d.image);
  g_assert_false (d.cut);
}

static void
test_escpos_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "lp0", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "missing", "lp0", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) kick = td_escpos_drawer_kick ();
  gsize len;

  g_assert_true (td_escpos_write_file (path, kick, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (kick, NULL), g_bytes_get_size (kick));

  g_assert_false (td_escpos_write_file (bad, kick, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "receipt printer"));
}

typedef struct
{
  GMainLoop  *loop;
  GByteArray *received;
  gboolean    closed;
  gboolean    sent;
  GError     *error;
} Tcp;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data);

static void
read_more (GInputStream *in,
           Tcp          *tcp)
{
  g_input_stream_read_bytes_async (in, 65536, G_PRIORITY_DEFAULT, NULL, read_cb, tcp);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Tcp *tcp = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                               &error);

  g_assert_no_error (error);
  if (g_bytes_get_size (bytes) == 0)
    {
      tcp->closed = TRUE;
      if (tcp->sent)
        g_main_loop_quit (tcp->loop);
      return;
    }
  g_byte_array_append (tcp->received, g_bytes_get_data (bytes, NULL),
                       (guint) g_bytes_get_size (bytes));
  read_more (G_INPUT_STREAM (source), tcp);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Tcp *tcp = user_data;

  g_object_set_data_full (G_OBJECT (service), "connection", g_object_ref (connection),
                          g_object_unref);
  read_more (g_io_stream_get_input_stream (G_IO_STREAM (connection)), tcp);
  return TRUE;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Tcp *tcp = user_data;

  tcp->sent = TRUE;
  td_escpos_send_finish (result, &tcp->error);
  if (tcp->closed || tcp->error != NULL)
    g_main_loop_quit (tcp->loop);
}

static void
test_escpos_tcp (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GBytes) job = NULL;
  g_autofree char *where = NULL;
  TdReceipt r;
  Tcp tcp = { 0 };
  guint16 port;

  receipt_init (&r);
  job = td_escpos_receipt (&r, TD_RECEIPT_ROLL_80, &error);
  g_assert_no_error (error);

  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &bound, &error));
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), &tcp);
  g_socket_service_start (service);

  tcp.loop = g_main_loop_new (NULL, FALSE);
  tcp.received = g_byte_array_new ();
  where = g_strdup_printf ("127.0.0.1:%u", port);
  td_escpos_send_async (where, job, NULL, sent_cb, &tcp);
  g_main_loop_run (tcp.loop);
  g_assert_no_error (tcp.error);
  g_assert_true (tcp.closed);
  g_assert_cmpmem (tcp.received->data, tcp.received->len, g_bytes_get_data (job, NULL),
                   g_bytes_get_size (job));

  /* Nobody listening: a plain message naming the printer, not a hang. */
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  tcp.sent = FALSE;
  tcp.closed = FALSE;
  td_escpos_send_async (where, job, NULL, sent_cb, &tcp);
  g_main_loop_run (tcp.loop);
  g_assert_error (tcp.error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE);
  g_assert_nonnull (strstr (tcp.error->message, where));
  g_clear_error (&tcp.error);

  g_byte_array_unref (tcp.received);
  g_main_loop_unref (tcp.loop);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/td/receipt/layouts", Fixture, NULL, fixture_setup, test_layouts,
              fixture_teardown);
  g_test_add ("/td/receipt/render-time", Fixture, NULL, fixture_setup, test_render_time,
              fixture_teardown);
  g_test_add ("/td/receipt/refund-and-z-report", Fixture, NULL, fixture_setup,
              test_refund_and_zreport, fixture_teardown);
  g_test_add ("/td/escpos/raster-qr", Fixture, NULL, fixture_setup, test_escpos_raster,
              fixture_teardown);
  g_test_add ("/td/escpos/drawer-kick", Fixture, NULL, fixture_setup, test_escpos_drawer,
              fixture_teardown);
  g_test_add ("/td/escpos/file", Fixture, NULL, fixture_setup, test_escpos_file,
              fixture_teardown);
  g_test_add ("/td/escpos/tcp", Fixture, NULL, fixture_setup, test_escpos_tcp,
              fixture_teardown);

  return g_test_run ();
}
