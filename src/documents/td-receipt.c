/* td-receipt.c — what a sale or refund receipt and a Z report say, top to bottom.
 *
 * The layout (roll or sheet) is the flow's business (td-receipt-flow.c); this file only
 * decides the order: shop heading, who/when, the lines, the totals, how it was paid, the QR
 * code with the receipt number under it, and the shop's policy at the foot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-documents"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-receipt-private.h"

static char *
money (const TdCurrency    *currency,
       const TdMoneyFormat *fmt,
       gint64               amount)
{
  TdMoneyFormat default_format;

  if (fmt == NULL)
    {
      td_money_format_init_default (&default_format);
      fmt = &default_format;
    }
  return td_money_format (amount, currency, fmt);
}

#define R_MONEY(amount) money (r->currency, r->money_format, (amount))

/* "Discount (staff)"; just the label when there is no reason. */
static char *
with_reason (const char *label,
             const char *reason)
{
  if (reason == NULL || reason[0] == '\0')
    return g_strdup (label);
  /* Translators: a discount and why it was given, e.g. "Discount (damaged zip)" */
  return g_strdup_printf (_("%s (%s)"), label, reason);
}

static void
draw_heading (TdReceiptFlow *flow,
              const char    *logo_path,
              const char    *shop_name,
              const char    *shop_address,
              const char    *shop_tax_id)
{
  td_flow_logo (flow, logo_path);
  td_flow_text (flow, TD_FLOW_TITLE, PANGO_ALIGN_CENTER, 2, shop_name);
  td_flow_space (flow, 1.0);
  td_flow_text (flow, TD_FLOW_NORMAL, PANGO_ALIGN_CENTER, 4, shop_address);
  if (shop_tax_id != NULL && shop_tax_id[0] != '\0')
    {
      /* Translators: the shop's tax number on a receipt */
      g_autofree char *tax_id = g_strdup_printf (_("Tax ID %s"), shop_tax_id);

      td_flow_text (flow, TD_FLOW_SMALL, PANGO_ALIGN_CENTER, 1, tax_id);
    }
  td_flow_rule (flow);
}

static void
draw_line (TdReceiptFlow   *flow,
           const TdReceipt *r,
           const TdReceiptLine *line)
{
  g_autofree char *price = R_MONEY (line->price);
  g_autoptr(GString) detail = g_string_new (NULL);

  td_flow_pair (flow, TD_FLOW_NORMAL, line->title, price);
  if (line->grade != NULL && line->grade[0] != '\0')
    g_string_append (detail, line->grade);
  if (line->sku != NULL && line->sku[0] != '\0')
    g_string_append_printf (detail, "%s%s", detail->len ? " · " : "", line->sku);
  if (line->original_price > line->price)
    {
      g_autofree char *was = R_MONEY (line->original_price);

      /* Translators: the price before a markdown, on a receipt line */
      g_string_append_printf (detail, "%s", detail->len ? " · " : "");
      g_string_append_printf (detail, _("was %s"), was);
    }
  td_flow_text (flow, TD_FLOW_SMALL, PANGO_ALIGN_LEFT, 2, detail->str);
  if (line->discount != 0)
    {
      g_autofree char *label = with_reason (_("Discount"), line->discount_reason);
      g_autofree char *amount = R_MONEY (-line->discount);

      td_flow_pair (flow, TD_FLOW_SMALL, label, amount);
    }
  td_flow_space (flow, 2.0);
}

static gboolean
draw_receipt (TdReceiptFlow  *flow,
              gconstpointer   doc,
              GError        **error)
{
  const TdReceipt *r = doc;
  g_autofree char *number = NULL;
  g_autofree char *subtotal = R_MONEY (r->subtotal);
  g_autofree char *total = R_MONEY (r->total);

  draw_heading (flow, r->logo_path, r->shop_name, r->shop_address, r->shop_tax_id);

  if (r->is_refund)
    {
      /* Translators: the title of a refund receipt; %s is its number */
      number = g_strdup_printf (_("Refund %s"), r->receipt_no ? r->receipt_no : "");
      td_flow_text (flow, TD_FLOW_BIG, PANGO_ALIGN_CENTER, 1, number);
      if (r->original_receipt_no != NULL && r->original_receipt_no[0] != '\0')
        td_flow_pair (flow, TD_FLOW_NORMAL, _("For receipt"), r->original_receipt_no);
    }
  else
    {
      td_flow_pair (flow, TD_FLOW_BOLD, _("Receipt"), r->receipt_no);
    }
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Date"), r->date);
  if (r->register_name != NULL && r->register_name[0] != '\0')
    td_flow_pair (flow, TD_FLOW_NORMAL, _("Register"), r->register_name);
  if (r->staff != NULL && r->staff[0] != '\0')
    td_flow_pair (flow, TD_FLOW_NORMAL, _("Served by"), r->staff);
  td_flow_rule (flow);

  for (guint i = 0; i < r->n_lines; i++)
    draw_line (flow, r, &r->lines[i]);
  td_flow_rule (flow);

  td_flow_pair (flow, TD_FLOW_NORMAL, _("Subtotal"), subtotal);
  if (r->cart_discount != 0)
    {
      g_autofree char *label = with_reason (_("Cart discount"), r->cart_discount_reason);
      g_autofree char *amount = R_MONEY (-r->cart_discount);

      td_flow_pair (flow, TD_FLOW_NORMAL, label, amount);
    }
  for (guint i = 0; i < r->n_taxes; i++)
    {
      const TdReceiptTax *tax = &r->taxes[i];
      g_autofree char *rate = td_flow_rate (tax->rate_bp);
      g_autofree char *base = R_MONEY (tax->base);
      g_autofree char *amount = R_MONEY (tax->amount);
      g_autofree char *label = NULL;

      label = r->tax_included
        /* Translators: a tax line on a receipt: "VAT 19 % included, on $84.03" */
        ? g_strdup_printf (_("%s %s included, on %s"), tax->label ? tax->label : _("Tax"), rate, base)
        /* Translators: a tax line on a receipt: "Sales tax 8 % on $84.03" */
        : g_strdup_printf (_("%s %s on %s"), tax->label ? tax->label : _("Tax"), rate, base);
      td_flow_pair (flow, TD_FLOW_SMALL, label, amount);
    }
  if (r->rounding != 0)
    {
      g_autofree char *amount = R_MONEY (r->rounding);

      td_flow_pair (flow, TD_FLOW_SMALL, _("Cash rounding"), amount);
    }
  td_flow_space (flow, 2.0);
  td_flow_pair (flow, TD_FLOW_BIG, r->is_refund ? _("Refunded") : _("Total"), total);
  td_flow_space (flow, 2.0);

  for (guint i = 0; i < r->n_tenders; i++)
    {
      g_autofree char *amount = R_MONEY (r->tenders[i].amount);

      td_flow_pair (flow, TD_FLOW_NORMAL, r->tenders[i].label, amount);
    }
  if (r->change != 0)
    {
      g_autofree char *amount = R_MONEY (r->change);

      td_flow_pair (flow, TD_FLOW_BOLD, _("Change"), amount);
    }
  if (r->has_gift_card_balance)
    {
      g_autofree char *amount = R_MONEY (r->gift_card_balance);

      td_flow_pair (flow, TD_FLOW_NORMAL, _("Gift card balance"), amount);
    }

  if (r->qr_payload != NULL && r->qr_payload[0] != '\0')
    {
      td_flow_rule (flow);
      td_flow_space (flow, 2.0);
      if (!td_flow_qr (flow, r->qr_payload, error))
        return FALSE;
      td_flow_text (flow, TD_FLOW_SMALL, PANGO_ALIGN_CENTER, 1, r->receipt_no);
    }
  if (r->impact_line != NULL && r->impact_line[0] != '\0')
    {
      td_flow_rule (flow);
      td_flow_text (flow, TD_FLOW_SMALL, PANGO_ALIGN_CENTER, 0, r->impact_line);
    }
  if (r->policy != NULL && r->policy[0] != '\0')
    {
      td_flow_rule (flow);
      td_flow_text (flow, TD_FLOW_SMALL, PANGO_ALIGN_CENTER, 0, r->policy);
    }
  return TRUE;
}

static gboolean
check_receipt (const TdReceipt  *receipt,
               GError          **error)
{
  if (receipt->receipt_no == NULL || receipt->receipt_no[0] == '\0')
    {
      g_set_error_literal (error, TD_DOCUMENT_ERROR, TD_DOCUMENT_ERROR_INVALID_DATA,
                           _("The receipt has no number."));
      return FALSE;
    }
  return TRUE;
}

/**
 * td_receipt_has_cash:
 * @receipt: a receipt
 *
 * Returns: whether any tender is cash — the receipt printer then opens the drawer
 */
gboolean
td_receipt_has_cash (const TdReceipt *receipt)
{
  g_return_val_if_fail (receipt != NULL, FALSE);

  for (guint i = 0; i < receipt->n_tenders; i++)
    if (receipt->tenders[i].is_cash)
      return TRUE;
  return FALSE;
}

/**
 * td_receipt_write_pdf:
 * @receipt: what the receipt says
 * @layout: roll (the page is as long as the receipt) or sheet
 * @path: where to write the PDF (replaced if it exists)
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * On failure nothing is written at @path.
 *
 * Returns: %TRUE when the PDF was written
 */
gboolean
td_receipt_write_pdf (const TdReceipt  *receipt,
                      TdReceiptLayout   layout,
                      const char       *path,
                      GError          **error)
{
  g_return_val_if_fail (receipt != NULL && receipt->currency != NULL, FALSE);
  g_return_val_if_fail (receipt->lines != NULL || receipt->n_lines == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_receipt (receipt, error))
    return FALSE;
  return td_receipt_flow_write_pdf (layout, path,
                                    receipt->is_refund ? _("Refund receipt") : _("Receipt"),
                                    draw_receipt, receipt, error);
}

/**
 * td_receipt_render_raster:
 * @receipt: what the receipt says
 * @layout: %TD_RECEIPT_ROLL_80 or %TD_RECEIPT_ROLL_58
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Draws the receipt for a thermal printer: as many pixels wide as the roll has dots (576 or
 * 384), black and white only. The same drawing as td_receipt_write_pdf().
 *
 * Returns: (transfer full) (nullable): an RGB24 image surface
 */
cairo_surface_t *
td_receipt_render_raster (const TdReceipt  *receipt,
                          TdReceiptLayout   layout,
                          GError          **error)
{
  g_return_val_if_fail (receipt != NULL && receipt->currency != NULL, NULL);
  g_return_val_if_fail (td_receipt_layout_is_roll (layout), NULL);

  if (!check_receipt (receipt, error))
    return NULL;
  return td_receipt_flow_render_raster (layout, draw_receipt, receipt, error);
}

/* Z report --------------------------------------------------------------------------------- */

static gboolean
draw_zreport (TdReceiptFlow  *flow,
              gconstpointer   doc,
              GError        **error)
{
  const TdZReportDoc *r = doc;
  g_autofree char *n_sales = g_strdup_printf ("%u", r->n_sales);
  g_autofree char *n_refunds = g_strdup_printf ("%u", r->n_refunds);
  g_autofree char *refunds = R_MONEY (-r->refunds);
  g_autofree char *discounts = R_MONEY (r->discounts);
  g_autofree char *opening = R_MONEY (r->opening_float);
  g_autofree char *paid_in = R_MONEY (r->paid_in);
  g_autofree char *paid_out = R_MONEY (-r->paid_out);
  g_autofree char *expected = R_MONEY (r->expected_cash);
  g_autofree char *counted = R_MONEY (r->counted_cash);
  gint64 diff = r->counted_cash - r->expected_cash;
  g_autofree char *difference = R_MONEY (diff);
  gint64 takings = 0;
  g_autofree char *takings_text = NULL;
  g_autofree char *tax_text = R_MONEY (r->tax);

  draw_heading (flow, NULL, r->shop_name, NULL, NULL);
  /* Translators: the end-of-day till report */
  td_flow_text (flow, TD_FLOW_BIG, PANGO_ALIGN_CENTER, 1, _("Z report"));
  td_flow_space (flow, 2.0);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Register"), r->register_name);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Till session"), r->session);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Opened"), r->opened);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Closed"), r->closed);
  if (r->staff != NULL && r->staff[0] != '\0')
    td_flow_pair (flow, TD_FLOW_NORMAL, _("Closed by"), r->staff);
  td_flow_rule (flow);

  td_flow_pair (flow, TD_FLOW_NORMAL, _("Sales"), n_sales);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Refunds"), n_refunds);
  td_flow_rule (flow);

  td_flow_text (flow, TD_FLOW_BOLD, PANGO_ALIGN_LEFT, 1, _("Takings by tender"));
  for (guint i = 0; i < r->n_tenders; i++)
    {
      g_autofree char *amount = R_MONEY (r->tenders[i].amount);

      if (!td_doc_add_amount (&takings, r->tenders[i].amount, error))
        return FALSE;
      td_flow_pair (flow, TD_FLOW_NORMAL, r->tenders[i].label, amount);
    }
  takings_text = R_MONEY (takings);
  td_flow_pair (flow, TD_FLOW_BOLD, _("Total takings"), takings_text);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Refunds paid"), refunds);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Discounts given"), discounts);
  for (guint i = 0; i < r->n_taxes; i++)
    {
      g_autofree char *rate = td_flow_rate (r->taxes[i].rate_bp);
      g_autofree char *amount = R_MONEY (r->taxes[i].amount);
      g_autofree char *label = g_strdup_printf ("%s %s", r->taxes[i].label ? r->taxes[i].label
                                                                         : _("Tax"), rate);

      td_flow_pair (flow, TD_FLOW_NORMAL, label, amount);
    }
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Tax total"), tax_text);
  td_flow_rule (flow);

  td_flow_text (flow, TD_FLOW_BOLD, PANGO_ALIGN_LEFT, 1, _("Cash drawer"));
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Opening float"), opening);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Paid in"), paid_in);
  td_flow_pair (flow, TD_FLOW_NORMAL, _("Paid out"), paid_out);
  td_flow_pair (flow, TD_FLOW_BOLD, _("Expected in drawer"), expected);
  td_flow_pair (flow, TD_FLOW_BOLD, _("Counted"), counted);
  td_flow_space (flow, 2.0);
  td_flow_pair (flow, TD_FLOW_BIG,
                diff > 0 ? _("Over") : diff < 0 ? _("Short") : _("Over/short"), difference);
  return TRUE;
}

/**
 * td_zreport_write_pdf:
 * @report: the closed till session
 * @layout: roll or sheet
 * @path: where to write the PDF
 * @error: return location for a #TD_DOCUMENT_ERROR
 *
 * Returns: %TRUE when the PDF was written; on failure nothing is at @path
 */
gboolean
td_zreport_write_pdf (const TdZReportDoc  *report,
                      TdReceiptLayout   layout,
                      const char       *path,
                      GError          **error)
{
  g_return_val_if_fail (report != NULL && report->currency != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return td_receipt_flow_write_pdf (layout, path, _("Z report"), draw_zreport, report, error);
}

cairo_surface_t *
td_zreport_render_raster (const TdZReportDoc  *report,
                          TdReceiptLayout   layout,
                          GError          **error)
{
  g_return_val_if_fail (report != NULL && report->currency != NULL, NULL);
  g_return_val_if_fail (td_receipt_layout_is_roll (layout), NULL);

  return td_receipt_flow_render_raster (layout, draw_zreport, report, error);
}
