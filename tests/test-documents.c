/* test-documents.c — price tags, intake slips and donation lists, checked the way a shop would:
 * the PDF is rendered (pdftoppm), its barcodes are scanned (zbarimg) and its text read back
 * (pdftotext).
 *
 * Every tag rendered must give up both codes — one Code128 and one QR — saying exactly its
 * SKU. Each test works in a fresh temp dir; the PDFs are also copied to the build dir
 * (tests/documents-*.pdf) to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/wait.h>

#include "td-barcode.h"
#include "td-donation-list.h"
#include "td-intake-slip.h"
#include "td-tag.h"
#include "td-test.h"

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

/* Tools ------------------------------------------------------------------------------------ */

static gboolean
have_tools (void)
{
  static const struct { const char *program, *package; } tools[] = {
    { "pdftoppm", "poppler-utils" },
    { "pdftotext", "poppler-utils" },
    { "pdfinfo", "poppler-utils" },
    { "zbarimg", "zbar-tools" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i].program);

      if (path == NULL)
        {
          g_test_skip_printf ("%s is not installed (Debian package %s; ./test.sh installs it)",
                              tools[i].program, tools[i].package);
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs @argv; returns its exit status and its output. */
static int
run (const char * const *argv,
     char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) && err != NULL && err[0] != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  const char *line;

  g_assert_cmpint (run (argv, &out), ==, 0);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:") + strspn (line + 6, " "), NULL, 10);
}

static char *
pdf_page_size (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  const char *line;

  g_assert_cmpint (run (argv, &out), ==, 0);
  line = strstr (out, "Page size:");
  g_assert_nonnull (line);
  line += strlen ("Page size:");
  line += strspn (line, " ");
  return g_strndup (line, strcspn (line, "\n"));
}

/* The text of page @page, or of all pages for 0, with every run of white space (line breaks
 * where a paragraph wrapped, say) made one space. */
static char *
pdf_text (const char *pdf,
          guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page ? page : 1);
  g_autofree char *last = g_strdup_printf ("%u", page ? page : 100000);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", last, pdf, "-", NULL };
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

/* Every word pdftotext finds lies on its page: nothing ran off the bottom or the side. */
static void
assert_text_inside_pages (const char *pdf)
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
                       "xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">([^<]*)<",
                       0, 0, NULL);
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
          if (box[0] < -0.5 || box[1] < -0.5 || box[2] > width + 0.5 || box[3] > height + 0.5)
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

/* Renders page @page at @dpi — only the rectangle @x_mm, @y_mm, @w_mm × @h_mm if @w_mm > 0 —
 * and scans it; returns the symbols found as "CODE-128:…", "QR-Code:…". */
static GPtrArray *
scan_region (const char *dir,
             const char *pdf,
             guint       page,
             int         dpi,
             double      x_mm,
             double      y_mm,
             double      w_mm,
             double      h_mm)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *res = g_strdup_printf ("%d", dpi);
  g_autofree char *prefix = g_build_filename (dir, "scan", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *x = g_strdup_printf ("%d", (int) (x_mm / 25.4 * dpi + 0.5));
  g_autofree char *y = g_strdup_printf ("%d", (int) (y_mm / 25.4 * dpi + 0.5));
  g_autofree char *w = g_strdup_printf ("%d", (int) (w_mm / 25.4 * dpi + 0.5));
  g_autofree char *h = g_strdup_printf ("%d", (int) (h_mm / 25.4 * dpi + 0.5));
  const char *whole[] = { "pdftoppm", "-r", res, "-png", "-f", number, "-l", number,
                          "-singlefile", pdf, prefix, NULL };
  const char *region[] = { "pdftoppm", "-r", res, "-png", "-f", number, "-l", number,
                           "-singlefile", "-x", x, "-y", y, "-W", w, "-H", h, pdf, prefix, NULL };
  /* Not --raw: the symbology prefix proves it was the Code128 *and* the QR that decoded. */
  const char *scan[] = { "zbarimg", "-q", png, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *symbols = g_ptr_array_new_with_free_func (g_free);
  int status;

  g_assert_cmpint (run (w_mm > 0 ? region : whole, NULL), ==, 0);
  status = run (scan, &out);
  g_assert_true (status == 0 || status == 4);     /* 4: no symbol found */
  g_remove (png);

  lines = g_strsplit (out ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (symbols, g_strdup (lines[i]));
  return symbols;
}

static GPtrArray *
scan_page (const char *dir,
           const char *pdf,
           guint       page,
           int         dpi)
{
  return scan_region (dir, pdf, page, dpi, 0, 0, 0, 0);
}

static guint
count_symbol (GPtrArray  *symbols,
              const char *type,
              const char *sku)
{
  g_autofree char *want = g_strconcat (type, ":", sku, NULL);
  guint n = 0;

  for (guint i = 0; i < symbols->len; i++)
    if (g_str_equal (symbols->pdata[i], want))
      n++;
  return n;
}

static void
dump_symbols (GPtrArray *symbols)
{
  for (guint i = 0; i < symbols->len; i++)
    g_test_message ("  scanned %s", (char *) symbols->pdata[i]);
}

/* Both codes of each of @skus, once each, and nothing else. */
static void
assert_scans_exactly (GPtrArray          *symbols,
                      const char * const *skus,
                      guint               n_skus,
                      const char         *what)
{
  for (guint i = 0; i < n_skus; i++)
    {
      if (count_symbol (symbols, "CODE-128", skus[i]) != 1 ||
          count_symbol (symbols, "QR-Code", skus[i]) != 1)
        {
          dump_symbols (symbols);
          g_error ("%s: %s did not scan as exactly one Code128 and one QR", what, skus[i]);
        }
    }
  if (symbols->len != 2 * n_skus)
    {
      dump_symbols (symbols);
      g_error ("%s: %u symbols scanned, expected %u", what, symbols->len, 2 * n_skus);
    }
}

static gboolean
have_chinese_font (void)
{
  const char *argv[] = { "fc-list", ":lang=zh", "family", NULL };
  g_autofree char *fc = g_find_program_in_path ("fc-list");
  g_autofree char *out = NULL;

  if (fc == NULL)
    return FALSE;
  run (argv, &out);
  return out != NULL && out[0] != '\0';
}

static void
keep_for_review (const char *pdf,
                 const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *dest = td_test_build_path (name);
  gsize length;

  if (g_file_get_contents (pdf, &contents, &length, NULL))
    g_file_set_contents (dest, contents, (gssize) length, NULL);
}

static gboolean
dir_has_only (const char *dir,
              const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      if (name == NULL || !g_str_equal (entry, name))
        {
          g_test_message ("unexpected file left behind: %s", entry);
          return FALSE;
        }
      n++;
    }
  return name == NULL ? n == 0 : n == 1;
}

/* Barcodes on their own -------------------------------------------------------------------- */

static void
test_barcode_sizes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdBarcode) code128 = td_barcode_new (TD_BARCODE_CODE128, "C0042-0017", &error);
  g_autoptr(TdBarcode) qr = NULL;
  const double mm = 72.0 / 25.4;
  const double modules[] = { 0.375 * mm, 0.25 * mm };
  double width;

  g_assert_no_error (error);
  /* zint's shortest Code128 for this: start C, "00" "42", B "-", C "00" "17" … — whatever it
   * picks, the quiet zones add 2 × 10 modules. */
  width = td_barcode_get_width_modules (code128);
  g_assert_cmpuint (td_barcode_get_width_modules (code128), >, 20 + 35);
  g_assert_cmpuint (td_barcode_get_height_modules (code128), ==, 0);

  /* A box exactly wide enough at 0.25 mm takes 0.25 mm, not 0.375 mm; a smaller one none. */
  g_assert_cmpfloat_with_epsilon (td_barcode_pick_module (code128, width * 0.25 * mm, 10, modules, 2),
                                  0.25 * mm, 1e-9);
  g_assert_cmpfloat_with_epsilon (td_barcode_pick_module (code128, width * 0.375 * mm, 10, modules, 2),
                                  0.375 * mm, 1e-9);
  g_assert_cmpfloat (td_barcode_pick_module (code128, width * 0.25 * mm - 0.5, 10, modules, 2), ==, 0);

  qr = td_barcode_new (TD_BARCODE_QR, "C0042-0017", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_barcode_get_width_modules (qr), ==, 21 + 8);       /* version 1 */
  g_assert_cmpuint (td_barcode_get_height_modules (qr), ==, 21 + 8);
}

static void
test_barcode_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdBarcode) code128 = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 400, 200);
  cairo_t *cr = cairo_create (surface);
  const double mm = 72.0 / 25.4;
  const unsigned char *data;
  gboolean blank = TRUE;

  g_assert_null (td_barcode_new (TD_BARCODE_CODE128, "", &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (td_barcode_new (TD_BARCODE_QR, "Bluse grün", &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (td_barcode_new (TD_BARCODE_CODE128, "tab\there", &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  code128 = td_barcode_new (TD_BARCODE_CODE128, "C0042-0017", &error);
  g_assert_no_error (error);

  /* Too narrow a box, or modules below 0.25 mm: refused, and nothing drawn. */
  g_assert_false (td_barcode_draw (code128, cr, 0, 0, 30 * mm, 20, 0.25 * mm, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_false (td_barcode_draw (code128, cr, 0, 0, 400, 20, 0.19 * mm, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG);
  g_clear_error (&error);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int i = 0; i < cairo_image_surface_get_stride (surface) * 200; i++)
    blank = blank && data[i] == 0;
  g_assert_true (blank);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Each symbol drawn alone on an image at a whole number of pixels per module scans back. */
static void
test_barcode_scans (Fixture       *f,
                    gconstpointer  data)
{
  const char *skus[] = { "C0042-0017", "S-000123", "x", "ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789" };

  if (!have_tools ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (skus); i++)
    {
      for (int k = 0; k < 2; k++)
        {
          TdBarcodeKind kind = k == 0 ? TD_BARCODE_CODE128 : TD_BARCODE_QR;
          g_autoptr(GError) error = NULL;
          g_autoptr(TdBarcode) barcode = td_barcode_new (kind, skus[i], &error);
          g_autofree char *png = g_build_filename (f->dir, "symbol.png", NULL);
          const char *argv[] = { "zbarimg", "-q", png, NULL };
          g_autofree char *out = NULL;
          g_autofree char *want = NULL;
          cairo_surface_t *surface;
          cairo_t *cr;
          int w, h;

          g_assert_no_error (error);
          w = (int) td_barcode_get_width_modules (barcode) * 3;
          h = kind == TD_BARCODE_QR ? w : 60;
          surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
          cr = cairo_create (surface);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_paint (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          g_assert_true (td_barcode_draw (barcode, cr, 0, 0, w, h, 3, &error));
          g_assert_no_error (error);
          cairo_destroy (cr);
          g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (surface);

          g_assert_cmpint (run (argv, &out), ==, 0);
          want = g_strdup_printf ("%s:%s\n", kind == TD_BARCODE_QR ? "QR-Code" : "CODE-128",
                                  skus[i]);
          g_assert_cmpstr (out, ==, want);
        }
    }
}

/* Price tags ------------------------------------------------------------------------------ */

#define LONG_TITLE "Vintage Burberry trench coat, double-breasted, honey check lining, " \
                   "belted, horn buttons, barely worn, with original garment bag and spare button"
#define CHINESE_TITLE "中文标题：复古真丝连衣裙，手工刺绣，九成新，附原装衣架和防尘袋"

static const TdTag sample_tags[] = {
  { "Second Chances", "Wool coat", "M", "Very good", "$45.00", NULL, NULL, "C0042-0017" },
  { "Second Chances Charity Shop & Consignment Boutique", LONG_TITLE, "EU 38", "Good",
    "$1,249.50", NULL, NULL, "S-000123" },
  { "二手好物", CHINESE_TITLE, "L", "良好", "¥128.00", NULL, NULL, "C0007-0301" },
  { "Second Chances", "Marked-down jeans", "W32 L34", "Fair", "$9.00", "$12.00",
    "−25 % from 12 Dec", "C0042-0018" },
  { NULL, NULL, NULL, NULL, "$1.00", NULL, NULL, "X1" },
};

/* The label stock, as its maker specifies it. */
typedef struct
{
  TdTagFormat  format;
  const char  *name;
  gboolean     thermal;
  double       width_mm;
  double       height_mm;
  double       left_mm;        /* sheets: where the first label is and the step to the next */
  double       top_mm;
  double       pitch_x_mm;
  double       pitch_y_mm;
} FormatCase;

static const FormatCase format_cases[] = {
  { TD_TAG_FORMAT_THERMAL_2X1, "thermal-2x1", TRUE, 50.8, 25.4, 0, 0, 0, 0 },
  { TD_TAG_FORMAT_LABEL_50X30, "label-50x30", TRUE, 50.0, 30.0, 0, 0, 0, 0 },
  /* Avery Zweckform 3489: 70 × 29.7 mm, 3 × 10, edge to edge */
  { TD_TAG_FORMAT_SHEET_A4, "sheet-a4", FALSE, 70.0, 29.7, 0, 0, 70.0, 29.7 },
  /* Avery 5160: 2⅝ × 1 in, 3 × 10, 3/16 in left, ½ in top, 2¾ in across, 1 in down */
  { TD_TAG_FORMAT_SHEET_LETTER, "sheet-letter", FALSE, 66.675, 25.4, 4.7625, 12.7, 69.85, 25.4 },
};

static gboolean
check_chinese_font (void)
{
  if (have_chinese_font ())
    return TRUE;
  g_test_message ("no Chinese font installed (Debian package fonts-wqy-microhei): the Chinese "
                  "title's text is not checked, only its barcodes");
  return FALSE;
}

static void
assert_tag_text (const char  *text,
                 const TdTag *tag,
                 gboolean     chinese_font)
{
  g_assert_nonnull (strstr (text, tag->price));
  if (tag->original_price != NULL)
    g_assert_nonnull (strstr (text, tag->original_price));
  g_assert_nonnull (strstr (text, tag->sku));
  if (tag->title != NULL)
    {
      gboolean chinese = g_str_equal (tag->title, CHINESE_TITLE);
      g_autofree char *start = g_utf8_substring (tag->title, 0,
                                                  MIN (chinese ? 4 : 12,
                                                       g_utf8_strlen (tag->title, -1)));

      if (!chinese || chinese_font)
        g_assert_nonnull (strstr (text, start));
    }
}

static void
test_tag_format_sizes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      double w, h, pw, ph;

      td_tag_format_get_size (c->format, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, c->width_mm * 72 / 25.4, 0.01);
      g_assert_cmpfloat_with_epsilon (h, c->height_mm * 72 / 25.4, 0.01);
      td_tag_format_get_page_size (c->format, &pw, &ph);
      if (c->thermal)
        {
          g_assert_cmpuint (td_tag_format_get_per_page (c->format), ==, 1);
          g_assert_cmpfloat (pw, ==, w);
          g_assert_cmpfloat (ph, ==, h);
        }
      else
        {
          g_assert_cmpuint (td_tag_format_get_per_page (c->format), ==, 30);
          /* three labels and their gaps fit across, ten down */
          g_assert_cmpfloat (3 * w, <=, pw + 0.01);
          g_assert_cmpfloat (10 * h, <=, ph + 0.01);
        }
      g_assert_cmpstr (td_tag_format_get_label (c->format), !=, "");
    }
}

/* Roll labels: one page per tag, each page scans as its SKU twice, at 300 dpi and at the
 * printer's own 203 dpi. */
static void
test_tags_roll (Fixture       *f,
                gconstpointer  data)
{
  const FormatCase *c = data;
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autofree char *review = g_strdup_printf ("documents-%s.pdf", c->name);
  g_autoptr(GError) error = NULL;
  gboolean chinese_font = check_chinese_font ();
  guint n = G_N_ELEMENTS (sample_tags);

  if (!have_tools ())
    return;

  g_assert_true (td_tags_write_pdf (sample_tags, n, c->format, pdf, &error));
  g_assert_no_error (error);
  keep_for_review (pdf, review);
  assert_text_inside_pages (pdf);

  g_assert_cmpuint (pdf_pages (pdf), ==, n);
  for (guint p = 1; p <= n; p++)
    {
      const TdTag *tag = &sample_tags[p - 1];
      const char *skus[] = { tag->sku };
      g_autofree char *text = pdf_text (pdf, p);
      g_autoptr(GPtrArray) at300 = scan_page (f->dir, pdf, p, 300);
      g_autoptr(GPtrArray) at203 = scan_page (f->dir, pdf, p, 203);

      assert_scans_exactly (at300, skus, 1, "300 dpi");
      assert_scans_exactly (at203, skus, 1, "203 dpi");
      assert_tag_text (text, tag, chinese_font);
    }

  /* Three tags, three pages. */
  g_assert_true (td_tags_write_pdf (sample_tags, 3, c->format, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (pdf), ==, 3);
}

/* Sheets: 31 tags fill one page of 30 and start a second; every label on a page scans. */
static void
test_tags_sheet (Fixture       *f,
                 gconstpointer  data)
{
  const FormatCase *c = data;
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autofree char *review = g_strdup_printf ("documents-%s.pdf", c->name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  TdTag tags[31];
  const char *skus[31];
  gboolean chinese_font = check_chinese_font ();

  if (!have_tools ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      if (i < G_N_ELEMENTS (sample_tags))
        tags[i] = sample_tags[i];
      else
        {
          char *title = g_strdup_printf ("Sample item %u", i);
          char *sku = g_strdup_printf ("T-%04u", i);

          g_ptr_array_add (names, title);
          g_ptr_array_add (names, sku);
          tags[i] = (TdTag) { "Second Chances", title, "S", "Good", "$5.00", NULL, NULL, sku };
        }
      skus[i] = tags[i].sku;
    }

  g_assert_true (td_tags_write_pdf (tags, G_N_ELEMENTS (tags), c->format, pdf, &error));
  g_assert_no_error (error);
  keep_for_review (pdf, review);
  assert_text_inside_pages (pdf);
  g_assert_cmpuint (pdf_pages (pdf), ==, 2);

  /* zbar misses some QR codes in a page with thirty of them, so each label is rendered and
   * scanned on its own, cut from where the stock has it: that also checks the sheet layout. */
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GPtrArray) symbols = NULL;
      g_autofree char *what = g_strdup_printf ("page 1, label %u", i + 1);

      symbols = scan_region (f->dir, pdf, 1, 300,
                             c->left_mm + (i % 3) * c->pitch_x_mm,
                             c->top_mm + (i / 3) * c->pitch_y_mm, c->width_mm, c->height_mm);
      assert_scans_exactly (symbols, &skus[i], 1, what);
    }
  /* On the whole page: every Code128, and nothing that isn't one of the page's SKUs. */
  page1 = scan_page (f->dir, pdf, 1, 300);
  for (guint i = 0; i < 30; i++)
    g_assert_cmpuint (count_symbol (page1, "CODE-128", skus[i]), ==, 1);
  for (guint i = 0; i < page1->len; i++)
    {
      const char *scanned = strchr (page1->pdata[i], ':') + 1;
      gboolean known = FALSE;

      for (guint k = 0; k < 30; k++)
        known = known || g_str_equal (scanned, skus[k]);
      g_assert_true (known);
    }
  page2 = scan_region (f->dir, pdf, 2, 300, c->left_mm, c->top_mm, c->width_mm, c->height_mm);
  assert_scans_exactly (page2, skus + 30, 1, "page 2");

  text1 = pdf_text (pdf, 1);
  for (guint i = 0; i < G_N_ELEMENTS (sample_tags); i++)
    assert_tag_text (text1, &sample_tags[i], chinese_font);
  text2 = pdf_text (pdf, 2);
  g_assert_nonnull (strstr (text2, "T-0030"));
  g_assert_null (strstr (text2, "T-0029"));

  /* Exactly 30: one page. */
  g_assert_true (td_tags_write_pdf (tags, 30, c->format, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (pdf), ==, 1);
}

static void
test_tags_sheet_page_size (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *a4 = NULL;
  g_autofree char *letter = NULL;

  if (!have_tools ())
    return;

  g_assert_true (td_tags_write_pdf (sample_tags, 1, TD_TAG_FORMAT_SHEET_A4, pdf, &error));
  g_assert_no_error (error);
  a4 = pdf_page_size (pdf);
  g_assert_true (g_str_has_prefix (a4, "595.276 x 841.89"));
  g_assert_true (td_tags_write_pdf (sample_tags, 1, TD_TAG_FORMAT_SHEET_LETTER, pdf, &error));
  g_assert_no_error (error);
  letter = pdf_page_size (pdf);
  g_assert_true (g_str_has_prefix (letter, "612 x 792"));
}

/* Refusals ------------------------------------------------------------------------------- */

static void
test_tags_missing_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "no-such-folder", NULL);
  g_autofree char *pdf = g_build_filename (folder, "tags.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (td_tags_write_pdf (sample_tags, 2, TD_TAG_FORMAT_THERMAL_2X1, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "tags.pdf"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_true (dir_has_only (f->dir, NULL));
}

/* A path that is a folder: the rename fails after the PDF was drawn; the temp file goes. */
static void
test_tags_path_is_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (td_tags_write_pdf (sample_tags, 2, TD_TAG_FORMAT_THERMAL_2X1, folder, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (dir_has_only (f->dir, "tags.pdf"));
}

static void
test_tags_sku_too_long (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  TdTag tags[2] = { sample_tags[0], sample_tags[0] };

  /* What was there before a failed write stays as it was. */
  g_assert_true (g_file_set_contents (pdf, "old", -1, NULL));

  tags[1].sku = "C0042-0017-BLUE-SILK-DRESS-XL";
  g_assert_false (td_tags_write_pdf (tags, 2, TD_TAG_FORMAT_THERMAL_2X1, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, tags[1].sku));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  g_assert_false (td_tag_check (&tags[1], TD_TAG_FORMAT_THERMAL_2X1, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_true (dir_has_only (f->dir, "tags.pdf"));
}

/* The longest SKU each format accepts still scans; one character more is refused. */
static void
test_tags_sku_limit (Fixture       *f,
                     gconstpointer  data)
{
  const FormatCase *c = data;
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sku = g_string_new ("C");
  TdTag tag = sample_tags[0];
  const char *skus[1];
  g_autoptr(GPtrArray) symbols = NULL;

  if (!have_tools ())
    return;

  /* Mixed letters and digits, the way a consignor code plus a number goes. */
  for (;;)
    {
      g_string_append_c (sku, sku->len % 3 == 0 ? 'K' : (char) ('0' + sku->len % 10));
      tag.sku = sku->str;
      if (!td_tag_check (&tag, c->format, &error))
        break;
    }
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_TOO_LONG);
  g_string_truncate (sku, sku->len - 1);
  g_test_message ("%s: longest SKU that fits: %s (%zu characters)", c->name, sku->str, sku->len);
  g_assert_cmpuint (sku->len, >=, 12);

  tag.sku = sku->str;
  g_assert_true (td_tags_write_pdf (&tag, 1, c->format, pdf, NULL));
  skus[0] = sku->str;
  symbols = scan_page (f->dir, pdf, 1, c->thermal ? 203 : 300);
  assert_scans_exactly (symbols, skus, 1, "longest SKU");
}

static void
test_tags_bad_input (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "tags.pdf", NULL);
  g_autoptr(GError) error = NULL;
  TdTag tag = sample_tags[0];

  g_assert_false (td_tags_write_pdf (&tag, 0, TD_TAG_FORMAT_THERMAL_2X1, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  tag.sku = NULL;
  g_assert_false (td_tags_write_pdf (&tag, 1, TD_TAG_FORMAT_THERMAL_2X1, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  tag.sku = "KLEID-GRÜN";
  g_assert_false (td_tags_write_pdf (&tag, 1, TD_TAG_FORMAT_SHEET_A4, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "KLEID-GRÜN"));

  g_assert_true (dir_has_only (f->dir, NULL));
}

/* td_tag_draw() draws one label at the origin and nothing outside it. */
static void
test_tag_draw_stays_inside (void)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  const unsigned char *data;
  int stride, dark_inside = 0, dark_outside = 0;

  td_tag_format_get_size (TD_TAG_FORMAT_THERMAL_2X1, &w, &h);
  /* 4 px per point, with a label's width of room right and below. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, (int) (w * 8), (int) (h * 8));
  cr = cairo_create (surface);
  cairo_scale (cr, 4, 4);
  for (guint i = 0; i < G_N_ELEMENTS (sample_tags); i++)
    g_assert_true (td_tag_draw (cr, &sample_tags[i], TD_TAG_FORMAT_THERMAL_2X1, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < (int) (h * 8); y++)
    for (int x = 0; x < (int) (w * 8); x++)
      {
        if (data[y * stride + x] == 0)
          continue;
        if (x < w * 4 && y < h * 4)
          dark_inside++;
        else
          dark_outside++;
      }
  g_assert_cmpint (dark_inside, >, 1000);
  g_assert_cmpint (dark_outside, ==, 0);
  cairo_surface_destroy (surface);
}

/* Intake slip and donation list ------------------------------------------------------------ */

static const char *titles[] = {
  "Wool coat", "Silk scarf, hand-rolled hem", LONG_TITLE, CHINESE_TITLE, "Leather boots",
  "Denim jacket", "Cashmere jumper",
};

static void
test_intake_slip (Fixture       *f,
                  gconstpointer  data)
{
  TdPaper paper = GPOINTER_TO_INT (data);
  g_autofree char *pdf = g_build_filename (f->dir, "slip.pdf", NULL);
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *total_line = NULL;
  g_autofree char *size = NULL;
  TdIntakeSlipLine lines[60];
  TdMoneyFormat fmt;
  const TdCurrency *usd = td_currency_lookup ("USD");
  gint64 total = 0;
  guint n_pages;
  TdIntakeSlip slip = {
    .shop_name = "Second Chances",
    .shop_address = "12 Market Street\nSpringfield",
    .shop_phone = "555-0100",
    .date = "14 March 2025",
    .consignor_name = "Margaret Okafor",
    .consignor_code = "C0042",
    .consignor_contact = "margaret@example.com · 555-0199",
    .share = "40 %",
    .period = "60 days",
    .expiry = "Unsold items are donated to charity.",
    .minimum_payout = "$10.00",
    .payout_method = "Bank transfer",
    .currency = usd,
  };

  if (!have_tools ())
    return;

  td_money_format_init_default (&fmt);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      char *sku = g_strdup_printf ("C0042-%04u", i + 1);

      g_ptr_array_add (skus, sku);
      lines[i] = (TdIntakeSlipLine) { sku, titles[i % G_N_ELEMENTS (titles)],
                                      i % 5 ? "Very good" : "Good – light wear on the cuffs",
                                      250 + 125 * (gint64) i };
      total += lines[i].price;
    }
  slip.lines = lines;
  slip.n_lines = G_N_ELEMENTS (lines);

  g_assert_true (td_intake_slip_write_pdf (&slip, paper, pdf, &error));
  g_assert_no_error (error);
  keep_for_review (pdf, paper == TD_PAPER_A4 ? "documents-intake-a4.pdf"
                                             : "documents-intake-letter.pdf");
  assert_text_inside_pages (pdf);

  size = pdf_page_size (pdf);
  g_assert_true (g_str_has_prefix (size, paper == TD_PAPER_A4 ? "595.276 x 841.89" : "612 x 792"));

  n_pages = pdf_pages (pdf);
  g_assert_cmpuint (n_pages, >=, 2);

  all = pdf_text (pdf, 0);
  for (guint i = 0; i < skus->len; i++)
    if (strstr (all, skus->pdata[i]) == NULL)
      g_error ("%s is missing from the slip", (char *) skus->pdata[i]);
  g_assert_nonnull (strstr (all, "Margaret Okafor"));
  g_assert_nonnull (strstr (all, "C0042"));
  g_assert_nonnull (strstr (all, "40 %"));
  g_assert_nonnull (strstr (all, "60 days"));
  g_assert_nonnull (strstr (all, "Unsold items are donated to charity."));
  g_assert_nonnull (strstr (all, "Bank transfer"));

  total_text = td_money_format (total, usd, &fmt);
  total_line = g_strdup_printf ("Total value: %s", total_text);
  g_assert_nonnull (strstr (all, "Items: 60"));
  g_assert_nonnull (strstr (all, total_line));

  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = pdf_text (pdf, p);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p, n_pages);

      /* The table's header on every page, the running head from page 2 on. */
      g_assert_nonnull (strstr (text, "SKU"));
      g_assert_nonnull (strstr (text, "Grade"));
      g_assert_nonnull (strstr (text, "Price"));
      g_assert_nonnull (strstr (text, footer));
      if (p > 1)
        g_assert_nonnull (strstr (text, "continued"));
      if (p == n_pages)
        {
          g_assert_nonnull (strstr (text, "Consignor signature"));
          g_assert_nonnull (strstr (text, "For the shop"));
          g_assert_nonnull (strstr (text, "Date"));
        }
      else
        g_assert_null (strstr (text, "Consignor signature"));
    }
}

static void
test_intake_slip_empty (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "slip.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TdIntakeSlip slip = { .currency = td_currency_lookup ("EUR") };

  if (!have_tools ())
    return;

  g_assert_true (td_intake_slip_write_pdf (&slip, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (pdf), ==, 1);
  text = pdf_text (pdf, 1);
  g_assert_nonnull (strstr (text, "Items: 0"));
  g_assert_nonnull (strstr (text, "Consignor signature"));
}

/* The shop's own terms may be long: they flow onto more pages, all of them readable. */
static void
test_intake_slip_long_terms (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "slip.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n_pages;
  TdIntakeSlipLine lines[] = {
    { "C0042-0001", "Wool coat", "Good", 4500 },
    { "C0042-0002", "Silk scarf", "Very good", 1200 },
  };
  TdIntakeSlip slip = {
    .shop_name = "Second Chances",
    .date = "14 March 2025",
    .consignor_name = "Margaret Okafor",
    .consignor_code = "C0042",
    .currency = td_currency_lookup ("USD"),
    .lines = lines,
    .n_lines = G_N_ELEMENTS (lines),
  };

  if (!have_tools ())
    return;

  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (notes, "Clause %u: items must be clean, on hangers where they "
                            "hang, and free of stains, odours and damage not listed above. ", i);
  g_string_append (notes, "END-OF-TERMS");
  slip.notes = notes->str;

  g_assert_true (td_intake_slip_write_pdf (&slip, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  keep_for_review (pdf, "documents-intake-long-terms.pdf");
  assert_text_inside_pages (pdf);

  n_pages = pdf_pages (pdf);
  g_assert_cmpuint (n_pages, >=, 2);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Clause 1:"));
  g_assert_nonnull (strstr (text, "Clause 120:"));
  g_assert_nonnull (strstr (text, "END-OF-TERMS"));
  g_assert_nonnull (strstr (text, "C0042-0002"));
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf, n_pages);
  g_assert_nonnull (strstr (text, "Consignor signature"));
}

static void
test_intake_slip_missing_folder (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "gone", "slip.pdf", NULL);
  g_autoptr(GError) error = NULL;
  TdIntakeSlip slip = { .shop_name = "Second Chances", .currency = td_currency_lookup ("EUR") };

  g_assert_false (td_intake_slip_write_pdf (&slip, TD_PAPER_A4, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_WRITE);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (dir_has_only (f->dir, NULL));
}

static void
test_donation_list (Fixture       *f,
                    gconstpointer  data)
{
  TdPaper paper = GPOINTER_TO_INT (data);
  g_autofree char *pdf = g_build_filename (f->dir, "donations.pdf", NULL);
  g_autoptr(GPtrArray) skus = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *total_line = NULL;
  g_autofree char *total_text = NULL;
  TdDonationLine lines[45];
  TdMoneyFormat fmt;
  const TdCurrency *gbp = td_currency_lookup ("GBP");
  const char *categories[] = { "Women’s clothing", "Books", NULL, "Homeware" };
  guint n_pages;
  TdDonationList list = {
    .shop_name = "Hospice Shop Northgate",
    .shop_address = "3 Northgate, York",
    .date = "March 2025",
    .recipient = "St Leonard’s Hospice",
    .currency = gbp,
  };

  if (!have_tools ())
    return;

  td_money_format_init_default (&fmt);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      char *sku = g_strdup_printf ("D-%05u", 7 * i + 3);

      g_ptr_array_add (skus, sku);
      lines[i] = (TdDonationLine) { sku, titles[i % G_N_ELEMENTS (titles)],
                                    categories[i % G_N_ELEMENTS (categories)],
                                    i % 3 ? "C0042" : NULL, 99 + 250 * (gint64) i };
    }
  list.lines = lines;
  list.n_lines = G_N_ELEMENTS (lines);

  g_assert_true (td_donation_list_write_pdf (&list, paper, pdf, &error));
  g_assert_no_error (error);
  keep_for_review (pdf, paper == TD_PAPER_A4 ? "documents-donations-a4.pdf"
                                             : "documents-donations-letter.pdf");
  assert_text_inside_pages (pdf);

  n_pages = pdf_pages (pdf);
  g_assert_cmpuint (n_pages, >=, 2);
  all = pdf_text (pdf, 0);
  for (guint i = 0; i < skus->len; i++)
    if (strstr (all, skus->pdata[i]) == NULL)
      g_error ("%s is missing from the donation list", (char *) skus->pdata[i]);
  g_assert_nonnull (strstr (all, "Hospice Shop Northgate"));
  g_assert_nonnull (strstr (all, "St Leonard’s Hospice"));
  g_assert_nonnull (strstr (all, "Items: 45"));

  /* 45 × 99 + 250 × (0 + 1 + … + 44) = 4455 + 247500 minor units: £2,519.55 */
  total_text = td_money_format (4455 + 247500, gbp, &fmt);
  g_assert_cmpstr (total_text, ==, "£2,519.55");
  total_line = g_strdup_printf ("Total value: %s", total_text);
  g_assert_nonnull (strstr (all, total_line));

  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = pdf_text (pdf, p);

      g_assert_nonnull (strstr (text, "Category"));
      g_assert_nonnull (strstr (text, "Value"));
    }
}

static void
test_donation_list_overflow (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "donations.pdf", NULL);
  g_autoptr(GError) error = NULL;
  TdDonationLine lines[2] = {
    { "D-1", "Gold", NULL, NULL, G_MAXINT64 - 10 },
    { "D-2", "More gold", NULL, NULL, 11 },
  };
  TdDonationList list = { .shop_name = "Shop", .currency = td_currency_lookup ("EUR"),
                          .lines = lines, .n_lines = 2 };

  g_assert_false (td_donation_list_write_pdf (&list, TD_PAPER_A4, pdf, &error));
  g_assert_error (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA);
  g_assert_true (dir_has_only (f->dir, NULL));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/documents/barcode/sizes", test_barcode_sizes);
  g_test_add_func ("/td/documents/barcode/refusals", test_barcode_refusals);
  g_test_add ("/td/documents/barcode/scans", Fixture, NULL,
              fixture_setup, test_barcode_scans, fixture_teardown);

  g_test_add_func ("/td/documents/tags/format-sizes", test_tag_format_sizes);
  g_test_add_func ("/td/documents/tags/draw-stays-inside", test_tag_draw_stays_inside);
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      g_autofree char *scan = g_strdup_printf ("/td/documents/tags/%s/scan", c->name);
      g_autofree char *limit = g_strdup_printf ("/td/documents/tags/%s/sku-limit", c->name);

      g_test_add (scan, Fixture, c, fixture_setup,
                  c->thermal ? test_tags_roll : test_tags_sheet, fixture_teardown);
      g_test_add (limit, Fixture, c, fixture_setup, test_tags_sku_limit, fixture_teardown);
    }
  g_test_add ("/td/documents/tags/sheet-page-size", Fixture, NULL,
              fixture_setup, test_tags_sheet_page_size, fixture_teardown);
  g_test_add ("/td/documents/tags/missing-folder", Fixture, NULL,
              fixture_setup, test_tags_missing_folder, fixture_teardown);
  g_test_add ("/td/documents/tags/path-is-folder", Fixture, NULL,
              fixture_setup, test_tags_path_is_folder, fixture_teardown);
  g_test_add ("/td/documents/tags/sku-too-long", Fixture, NULL,
              fixture_setup, test_tags_sku_too_long, fixture_teardown);
  g_test_add ("/td/documents/tags/bad-input", Fixture, NULL,
              fixture_setup, test_tags_bad_input, fixture_teardown);

  g_test_add ("/td/documents/intake-slip/a4", Fixture, GINT_TO_POINTER (TD_PAPER_A4),
              fixture_setup, test_intake_slip, fixture_teardown);
  g_test_add ("/td/documents/intake-slip/letter", Fixture, GINT_TO_POINTER (TD_PAPER_LETTER),
              fixture_setup, test_intake_slip, fixture_teardown);
  g_test_add ("/td/documents/intake-slip/empty", Fixture, NULL,
              fixture_setup, test_intake_slip_empty, fixture_teardown);
  g_test_add ("/td/documents/intake-slip/long-terms", Fixture, NULL,
              fixture_setup, test_intake_slip_long_terms, fixture_teardown);
  g_test_add ("/td/documents/intake-slip/missing-folder", Fixture, NULL,
              fixture_setup, test_intake_slip_missing_folder, fixture_teardown);
  g_test_add ("/td/documents/donation-list/a4", Fixture, GINT_TO_POINTER (TD_PAPER_A4),
              fixture_setup, test_donation_list, fixture_teardown);
  g_test_add ("/td/documents/donation-list/letter", Fixture, GINT_TO_POINTER (TD_PAPER_LETTER),
              fixture_setup, test_donation_list, fixture_teardown);
  g_test_add ("/td/documents/donation-list/overflow", Fixture, NULL,
              fixture_setup, test_donation_list_overflow, fixture_teardown);

  status = g_test_run ();

  /* Let go of Pango's font caches, so a sanitizer build reports only our own leaks. */
  pango_cairo_font_map_set_default (NULL);

  return status;
}
