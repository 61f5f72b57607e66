/* td-donation-list.c — the record of donated items a charity shop keeps.
 *
 * A4/Letter pages: the shop's heading with the date, who received the items when the shop
 * passes them on, the items (the table repeats its header on each page), how many and what
 * they are worth together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-document-private.h"
#include "td-donation-list.h"

typedef struct
{
  const TdDonationList *list;
  GPtrArray            *cells;        /* of char *, row by row */
  char                 *total;
} List;

static const char *
or_empty (const char *s)
{
  return s ? s : "";
}

static void
draw_list (TdDocPage     *page,
           gconstpointer  data)
{
  const List *l = data;
  const TdDonationList *list = l->list;
  const double width = page->right - page->left;
  const TdDocColumn columns[] = {
    /* Translators: column headers of a list of donated items */
    { C_("column", "#"), 0, PANGO_ALIGN_RIGHT, 1 },
    { C_("column", "SKU"), 0, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Item"), 2, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Category"), 1, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Consignor"), 0, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Value"), 0, PANGO_ALIGN_RIGHT, 1 },
  };
  const char *fields[] = {
    _("Donated to"), list->recipient,
    NULL,
  };
  double h;

  td_doc_page_heading (page, list->shop_name, list->shop_address, list->shop_phone,
                       _("Donated items"), list->date);

  h = td_doc_page_field_list (page, page->left, width, fields);
  page->y += h + (h > 0 ? 10.0 : 0.0);

  td_doc_page_table (page, columns, G_N_ELEMENTS (columns),
                     (const char * const *) l->cells->pdata, list->n_lines);
  td_doc_page_totals (page, list->n_lines, l->total);
}

/**
 * td_donation_list_write_pdf:
 * @list: the donated items
 * @paper: A4 or Letter
 * @path: where to write the PDF (replaced if it exists)
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Writes the list of donated items with their count and total value, as many pages as needed.
 * On failure nothing is written at @path.
 *
 * Returns: %TRUE when the PDF was written
 */
gboolean
td_donation_list_write_pdf (const TdDonationList  *list,
                            TdPaper                paper,
                            const char            *path,
                            GError               **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *total = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *running_head = NULL;
  TdMoneyFormat default_format;
  const TdMoneyFormat *fmt;
  gint64 sum = 0;
  List l;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (list->currency != NULL, FALSE);
  g_return_val_if_fail (list->lines != NULL || list->n_lines == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  td_money_format_init_default (&default_format);
  fmt = list->money_format ? list->money_format : &default_format;

  for (guint i = 0; i < list->n_lines; i++)
    {
      const TdDonationLine *line = &list->lines[i];

      if (!td_doc_add_amount (&sum, line->value, error))
        return FALSE;
      g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
      g_ptr_array_add (cells, g_strdup (or_empty (line->sku)));
      g_ptr_array_add (cells, g_strdup (or_empty (line->title)));
      g_ptr_array_add (cells, g_strdup (or_empty (line->category)));
      g_ptr_array_add (cells, g_strdup (or_empty (line->consignor_code)));
      g_ptr_array_add (cells, td_money_format (line->value, list->currency, fmt));
    }
  total = td_money_format (sum, list->currency, fmt);

  /* Translators: at the foot of every page of the list of donated items: shop and date */
  footer = g_strdup_printf (_("Donated items · %s · %s"), or_empty (list->shop_name),
                            or_empty (list->date));
  /* Translators: at the top of the second and later pages: shop and date */
  running_head = g_strdup_printf (_("%s — donated items, %s, continued"),
                                  or_empty (list->shop_name), or_empty (list->date));

  l.list = list;
  l.cells = cells;
  l.total = total;

  return td_doc_write_pdf (path, paper, _("Donated items"), footer, running_head,
                           draw_list, &l, error);
}
