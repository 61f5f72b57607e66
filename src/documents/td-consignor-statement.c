/* td-consignor-statement.c — a consignor's statement for a period, and a payout slip.
 *
 * The statement: the shop's heading, the consignor, the period; a summary (opening balance,
 * sales, refunds, payouts, other, closing balance); then every movement with its date, the
 * item's title and SKU, its price and what it moved. opening + movements = closing, as the
 * store computed it (td_store_payouts_statement()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-document-private.h"
#include "td-report-document.h"

#define FONT_TEXT "Sans"
#define FONT_BOLD "Sans Bold"

typedef struct
{
  const TdStatement     *st;
  const TdReportDocInfo *info;
  const TdMoneyFormat   *fmt;
  char                  *period;
  GPtrArray             *cells;
} Statement;

static char *
format_date (gint64 at_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%x");
}

static const char *
kind_label (TdLedgerKind kind)
{
  switch (kind)
    {
    case TD_LEDGER_SALE: return _("Sale");
    case TD_LEDGER_REFUND: return _("Refund");
    case TD_LEDGER_PAYOUT: return _("Payout");
    case TD_LEDGER_STORE_CREDIT: return _("Store credit");
    case TD_LEDGER_ADJUSTMENT:
    default: return _("Adjustment");
    }
}

static void
draw_statement (TdDocPage     *page,
                gconstpointer  data)
{
  const Statement *s = data;
  const TdStatement *st = s->st;
  const double half = (page->right - page->left - TD_MM_TO_PT (10.0)) / 2;
  g_autofree char *opening = td_money_format (st->opening, s->info->currency, s->fmt);
  g_autofree char *sales = td_money_format (st->sales, s->info->currency, s->fmt);
  g_autofree char *refunds = td_money_format (st->refunds, s->info->currency, s->fmt);
  g_autofree char *payouts = td_money_format (st->payouts, s->info->currency, s->fmt);
  g_autofree char *other = td_money_format (st->other, s->info->currency, s->fmt);
  g_autofree char *closing = td_money_format (st->closing, s->info->currency, s->fmt);
  g_autofree char *who = g_strdup_printf ("%s (%s)", st->name, st->code);
  const char *consignor[] = {
    _("Consignor"), who,
    _("Address"), st->address,
    _("Period"), s->period,
    NULL,
  };
  const char *summary[] = {
    _("Opening balance"), opening,
    _("Sales"), sales,
    _("Refunds"), refunds,
    _("Payouts"), payouts,
    _("Other"), other,
    _("Closing balance"), closing,
    NULL,
  };
  const TdDocColumn columns[] = {
    /* Translators: column headers of a consignor statement */
    { C_("column", "Date"), 0, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "What"), 0, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Item"), 1, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "SKU"), 0, PANGO_ALIGN_LEFT, 0 },
    { C_("column", "Price"), 0, PANGO_ALIGN_RIGHT, 0 },
    { C_("column", "Amount"), 0, PANGO_ALIGN_RIGHT, 0 },
  };
  double y0, left_h, right_h;

  td_doc_page_heading (page, s->info->shop_name, s->info->shop_address, NULL,
                       _("Consignor statement"), s->period);
  y0 = page->y;
  left_h = td_doc_page_field_list (page, page->left, half, consignor);
  right_h = td_doc_page_field_list (page, page->right - half, half, summary);
  page->y = y0 + MAX (left_h, right_h) + 14;
  if (s->cells->len == 0)
    {
      page->y += td_doc_page_text (page, page->left, page->right - page->left, FONT_TEXT, 9,
                                   PANGO_ALIGN_LEFT, _("No movements in this period.")) + 8;
    }
  else
    td_doc_page_table (page, columns, G_N_ELEMENTS (columns),
                       (const char * const *) s->cells->pdata, st->lines->len);
  td_doc_page_need (page, 30);
  page->y += 10;
  page->y += td_doc_page_text (page, page->left, page->right - page->left, FONT_BOLD, 11,
                               PANGO_ALIGN_RIGHT, closing) + 2;
  page->y += td_doc_page_text (page, page->left, page->right - page->left, FONT_TEXT, 8.5,
                               PANGO_ALIGN_RIGHT, st->closing >= 0 ? _("Owed to you at the end of the period")
                                                                 : _("You owe the shop")) + 4;
}

/**
 * td_statement_write_pdf:
 * @path: where to write (replaced atomically; nothing written on failure)
 */
gboolean
td_statement_write_pdf (const TdStatement      *statement,
                        const TdReportDocInfo  *info,
                        TdPaper                 paper,
                        const char             *path,
                        GError                **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *period = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *head = NULL;
  TdMoneyFormat default_format;
  Statement s;

  g_return_val_if_fail (statement != NULL && statement->lines != NULL, FALSE);
  g_return_val_if_fail (info != NULL && info->currency != NULL && path != NULL, FALSE);

  td_money_format_init_default (&default_format);
  s.fmt = info->money_format ? info->money_format : &default_format;
  for (guint i = 0; i < statement->lines->len; i++)
    {
      const TdStatementLine *l = &g_array_index (statement->lines, TdStatementLine, i);

      g_ptr_array_add (cells, format_date (l->at));
      g_ptr_array_add (cells, g_strdup (kind_label (l->kind)));
      g_ptr_array_add (cells, g_strdup (l->title != NULL ? l->title
                                        : l->detail != NULL ? l->detail : ""));
      g_ptr_array_add (cells, g_strdup (l->sku != NULL ? l->sku : ""));
      g_ptr_array_add (cells, l->price != 0 ? td_money_format (l->price, info->currency, s.fmt)
                                            : g_strdup (""));
      g_ptr_array_add (cells, td_money_format (l->amount, info->currency, s.fmt));
    }
  period = td_report_period_format (&statement->period);
  /* Translators: the foot of every page of a consignor statement: shop · code · period */
  footer = g_strdup_printf (_("%s · statement for %s · %s"), info->shop_name ? info->shop_name : "",
                            statement->code, period);
  head = g_strdup_printf (_("%s — statement for %s (%s), continued"),
                          info->shop_name ? info->shop_name : "", statement->name, statement->code);
  s.st = statement;
  s.info = info;
  s.period = period;
  s.cells = cells;
  return td_doc_write_pdf (path, paper, _("Consignor statement"), footer, head, draw_statement,
                           &s, error);
}

typedef struct
{
  const TdPayoutSlip    *slips;
  guint                  n_slips;
  const TdReportDocInfo *info;
  const TdMoneyFormat   *fmt;
} Slip;

static void
draw_one_slip (TdDocPage          *page,
               const Slip         *s,
               const TdPayoutSlip *p)
{
  g_autofree char *date = format_date (p->at);
  g_autofree char *who = g_strdup_printf ("%s (%s)", p->name, p->code);
  g_autofree char *amount = td_money_format (p->amount, s->info->currency, s->fmt);
  g_autofree char *before = td_money_format (p->balance_before, s->info->currency, s->fmt);
  g_autofree char *after = td_money_format (p->balance_after, s->info->currency, s->fmt);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, p->payout_id);
  const char *fields[] = {
    _("Payout no."), number,
    _("Date"), date,
    _("Consignor"), who,
    _("Method"), td_payout_method_get_label (p->method),
    _("Reference"), p->reference,
    _("Balance before"), before,
    _("Paid"), amount,
    _("Balance after"), after,
    _("Paid by"), p->staff_name,
    NULL,
  };
  double w = page->right - page->left;

  td_doc_page_heading (page, s->info->shop_name, s->info->shop_address, NULL, _("Payout slip"),
                       date);
  page->y += td_doc_page_field_list (page, page->left, w * 0.6, fields) + 24;
  page->y += td_doc_page_text (page, page->left, w, FONT_BOLD, 16, PANGO_ALIGN_LEFT, amount) + 40;
  cairo_save (page->cr);
  cairo_set_line_width (page->cr, 0.7);
  cairo_move_to (page->cr, page->left, page->y);
  cairo_line_to (page->cr, page->left + w * 0.5, page->y);
  cairo_stroke (page->cr);
  cairo_restore (page->cr);
  page->y += 3;
  page->y += td_doc_page_text (page, page->left, w * 0.5, FONT_TEXT, 8.5, PANGO_ALIGN_LEFT,
                               _("Received by the consignor")) + 4;
}

/* One slip per page. */
static void
draw_slip (TdDocPage     *page,
           gconstpointer  data)
{
  const Slip *s = data;

  for (guint i = 0; i < s->n_slips; i++)
    {
      if (i > 0)
        td_doc_page_break (page);
      draw_one_slip (page, s, &s->slips[i]);
    }
}

/**
 * td_payout_slips_write_pdf:
 * @slips: (array length=n_slips): the payouts of a run, one page each
 * @path: where to write (replaced atomically; nothing written on failure)
 */
gboolean
td_payout_slips_write_pdf (const TdPayoutSlip     *slips,
                           guint                   n_slips,
                           const TdReportDocInfo  *info,
                           TdPaper                 paper,
                           const char             *path,
                           GError                **error)
{
  TdMoneyFormat default_format;
  g_autofree char *footer = NULL;
  Slip s;

  g_return_val_if_fail (slips != NULL && n_slips > 0, FALSE);
  g_return_val_if_fail (info != NULL && info->currency != NULL, FALSE);
  td_money_format_init_default (&default_format);
  s.slips = slips;
  s.n_slips = n_slips;
  s.info = info;
  s.fmt = info->money_format ? info->money_format : &default_format;
  /* Translators: the foot of every payout slip page */
  footer = g_strdup_printf (_("%s · payout slips"), info->shop_name ? info->shop_name : "");
  return td_doc_write_pdf (path, paper, _("Payout slip"), footer, footer, draw_slip, &s, error);
}
