/* td-intake-slip.c — the consignment agreement a consignor signs at intake.
 *
 * One or more A4/Letter pages: the shop's heading, who the consignor is, the terms both sides
 * agree to, every item taken in (the table repeats its header on each page), how many items
 * and what they are worth together, and lines for both signatures with dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-document-private.h"
#include "td-intake-slip.h"

#define FONT_TEXT "Sans"
#define FONT_BOLD "Sans Bold"

typedef struct
{
  const TdIntakeSlip *slip;
  GPtrArray          *cells;        /* of char *, row by row */
  char               *total;
} Slip;

static const char *
or_empty (const char *s)
{
  return s ? s : "";
}

static gboolean
any_value (const char * const *pairs)
{
  for (guint i = 0; pairs[i] != NULL; i += 2)
    if (pairs[i + 1] != NULL && pairs[i + 1][0] != '\0')
      return TRUE;
  return FALSE;
}

static double
section_title (TdDocPage  *page,
               double      x,
               double      width,
               const char *title)
{
  return td_doc_page_text (page, x, width, FONT_BOLD, 10.5, PANGO_ALIGN_LEFT, title) + 4.0;
}

/* One signature: a line to sign on, a shorter one for the date, labels under both. */
static double
signature (TdDocPage  *page,
           double      x,
           double      width,
           const char *label,
           const char *name)
{
  cairo_t *cr = page->cr;
  double sign_width = width * 0.62, date_x = x + width * 0.70, y0 = page->y;
  double line_y = y0 + TD_MM_TO_PT (14.0), h;

  cairo_save (cr);
  cairo_set_line_width (cr, 0.7);
  cairo_move_to (cr, x, line_y);
  cairo_line_to (cr, x + sign_width, line_y);
  cairo_move_to (cr, date_x, line_y);
  cairo_line_to (cr, x + width, line_y);
  cairo_stroke (cr);
  cairo_restore (cr);

  page->y = line_y + 3.0;
  h = td_doc_page_text (page, x, sign_width, FONT_TEXT, 8.5, PANGO_ALIGN_LEFT, label);
  /* Translators: under the line where a signature is dated */
  td_doc_page_text (page, date_x, x + width - date_x, FONT_TEXT, 8.5, PANGO_ALIGN_LEFT, _("Date"));
  page->y += h;
  h = td_doc_page_text (page, x, sign_width, FONT_TEXT, 8.5, PANGO_ALIGN_LEFT, name);
  page->y += h;

  h = page->y - y0;
  page->y = y0;
  return h;
}

static void
draw_slip (TdDocPage     *page,
           gconstpointer  data)
{
  const Slip *s = data;
  const TdIntakeSlip *slip = s->slip;
  const double half = (page->right - page->left - TD_MM_TO_PT (10.0)) / 2;
  const double right_x = page->right - half;
  g_autofree char *name = NULL;
  double y0, left_h, right_h, h;
  const TdDocColumn columns[] = {
    /* Translators: column headers of the item table of a consignment agreement */
    { C_("column", "#"), 0, PANGO_ALIGN_RIGHT, 1 },
    { C_("column", "SKU"), 0, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Item"), 1, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Grade"), 0, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Price"), 0, PANGO_ALIGN_RIGHT, 1 },
  };
  const char *consignor[] = {
    _("Name"), slip->consignor_name,
    _("Consignor code"), slip->consignor_code,
    _("Contact"), slip->consignor_contact,
    NULL,
  };
  const char *terms[] = {
    _("Consignor’s share"), slip->share,
    _("Consignment period"), slip->period,
    _("After the period"), slip->expiry,
    _("Minimum payout"), slip->minimum_payout,
    _("Payout method"), slip->payout_method,
    NULL,
  };

  td_doc_page_heading (page, slip->shop_name, slip->shop_address, slip->shop_phone,
                       _("Consignment agreement"), slip->date);

  /* Who and on what terms, side by side. */
  y0 = page->y;
  left_h = section_title (page, page->left, half, _("Consignor"));
  page->y = y0 + left_h;
  left_h += td_doc_page_field_list (page, page->left, half, consignor);
  page->y = y0;
  right_h = 0;
  if (any_value ((const char * const *) terms))
    {
      right_h = section_title (page, right_x, half, _("Terms"));
      page->y = y0 + right_h;
      right_h += td_doc_page_field_list (page, right_x, half, terms);
    }
  page->y = y0 + MAX (left_h, right_h) + 10.0;

  h = td_doc_page_paragraph (page, FONT_TEXT, 9.0,
                             _("By signing, the consignor confirms that they own the items "
                               "listed below and leaves them with the shop to sell on their "
                               "behalf on the terms above. The consignor’s share of each sale is "
                               "paid out by the payout method once the balance reaches the "
                               "minimum payout."));
  page->y += h + 4.0;
  /* The shop's own terms can be long: they flow onto the next page. */
  h = td_doc_page_paragraph (page, FONT_TEXT, 9.0, slip->notes);
  page->y += h + (h > 0 ? 4.0 : 0.0) + 8.0;

  td_doc_page_table (page, columns, G_N_ELEMENTS (columns),
                     (const char * const *) s->cells->pdata, slip->n_lines);
  td_doc_page_totals (page, slip->n_lines, s->total);

  /* The signatures stay together, on the last page. */
  td_doc_page_need (page, TD_MM_TO_PT (30.0));
  page->y += 10.0;
  if (slip->consignor_code != NULL && slip->consignor_code[0] != '\0')
    name = g_strdup_printf ("%s (%s)", or_empty (slip->consignor_name), slip->consignor_code);
  else
    name = g_strdup (or_empty (slip->consignor_name));
  left_h = signature (page, page->left, half, _("Consignor signature"), name);
  right_h = signature (page, right_x, half, _("For the shop"), slip->shop_name);
  page->y += MAX (left_h, right_h);
}

/**
 * td_intake_slip_write_pdf:
 * @slip: the agreement
 * @paper: A4 or Letter
 * @path: where to write the PDF (replaced if it exists)
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Writes the consignment agreement for @slip, as many pages as its items need. On failure
 * nothing is written at @path.
 *
 * Returns: %TRUE when the PDF was written
 */
gboolean
td_intake_slip_write_pdf (const TdIntakeSlip  *slip,
                          TdPaper              paper,
                          const char          *path,
                          GError             **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *total = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *running_head = NULL;
  TdMoneyFormat default_format;
  const TdMoneyFormat *fmt;
  gint64 sum = 0;
  Slip s;

  g_return_val_if_fail (slip != NULL, FALSE);
  g_return_val_if_fail (slip->currency != NULL, FALSE);
  g_return_val_if_fail (slip->lines != NULL || slip->n_lines == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  td_money_format_init_default (&default_format);
  fmt = slip->money_format ? slip->money_format : &default_format;

  for (guint i = 0; i < slip->n_lines; i++)
    {
      const TdIntakeSlipLine *line = &slip->lines[i];

      if (!td_doc_add_amount (&sum, line->price, error))
        return FALSE;
      g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
      g_ptr_array_add (cells, g_strdup (or_empty (line->sku)));
      g_ptr_array_add (cells, g_strdup (or_empty (line->title)));
      g_ptr_array_add (cells, g_strdup (or_empty (line->grade)));
      g_ptr_array_add (cells, td_money_format (line->price, slip->currency, fmt));
    }
  total = td_money_format (sum, slip->currency, fmt);

  /* Translators: at the foot of every page of a consignment agreement: the consignor's code
   * and the date */
  footer = g_strdup_printf (_("Consignment agreement · %s · %s"), or_empty (slip->consignor_code),
                            or_empty (slip->date));
  /* Translators: at the top of the second and later pages: shop, consignor name and code */
  running_head = g_strdup_printf (_("%s — consignment agreement with %s (%s), continued"),
                                  or_empty (slip->shop_name), or_empty (slip->consignor_name),
                                  or_empty (slip->consignor_code));

  s.slip = slip;
  s.cells = cells;
  s.total = total;

  return td_doc_write_pdf (path, paper, _("Consignment agreement"), footer, running_head,
                           draw_slip, &s, error);
}
