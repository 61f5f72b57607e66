/* td-sale.c — the counter's error domain, tenders, and the boxed sale and refund records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sale"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-sale.h"

G_DEFINE_QUARK (td-sale-error-quark, td_sale_error)

static const char * const tender_names[TD_N_TENDERS] = {
  "cash", "card", "store_credit", "gift_card", "marketplace",
};

const char *
td_tender_kind_to_string (TdTenderKind kind)
{
  g_return_val_if_fail (kind < TD_N_TENDERS, NULL);
  return tender_names[kind];
}

gboolean
td_tender_kind_from_string (const char   *text,
                            TdTenderKind *kind)
{
  for (guint i = 0; i < TD_N_TENDERS; i++)
    if (g_strcmp0 (text, tender_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* How the tender is called on screen and on receipts. */
const char *
td_tender_kind_label (TdTenderKind kind)
{
  switch (kind)
    {
    case TD_TENDER_CASH:
      return _("Cash");
    case TD_TENDER_CARD:
      return _("Card");
    case TD_TENDER_STORE_CREDIT:
      return _("Store credit");
    case TD_TENDER_GIFT_CARD:
      return _("Gift card");
    case TD_TENDER_MARKETPLACE:
      return _("Marketplace");
    case TD_N_TENDERS:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * td_receipt_number_format:
 *
 * Returns: (transfer full): a receipt number as printed and spoken: six digits at least
 *   ("000123").
 */
char *
td_receipt_number_format (gint64 receipt_no)
{
  return g_strdup_printf ("%06" G_GINT64_FORMAT, receipt_no);
}

/* TdSale ------------------------------------------------------------------------------- */

static void
sale_line_clear (gpointer data)
{
  TdSaleLine *line = data;

  g_free (line->sku);
  g_free (line->title);
  g_free (line->grade_label);
}

static void
sale_payment_clear (gpointer data)
{
  TdSalePayment *payment = data;

  g_free (payment->reference);
}

static void
sale_free (TdSale *sale)
{
  g_free (sale->register_id);
  g_free (sale->staff_name);
  g_free (sale->discount_reason);
  g_clear_pointer (&sale->lines, g_array_unref);
  g_clear_pointer (&sale->payments, g_array_unref);
}

G_DEFINE_BOXED_TYPE (TdSale, td_sale, td_sale_ref, td_sale_unref)

/**
 * td_sale_new:
 *
 * Returns: (transfer full): an empty sale record, with empty @lines and @payments arrays.
 */
TdSale *
td_sale_new (void)
{
  TdSale *sale = g_atomic_rc_box_new0 (TdSale);

  sale->lines = g_array_new (FALSE, TRUE, sizeof (TdSaleLine));
  g_array_set_clear_func (sale->lines, sale_line_clear);
  sale->payments = g_array_new (FALSE, TRUE, sizeof (TdSalePayment));
  g_array_set_clear_func (sale->payments, sale_payment_clear);
  return sale;
}

TdSale *
td_sale_ref (TdSale *sale)
{
  g_return_val_if_fail (sale != NULL, NULL);
  return g_atomic_rc_box_acquire (sale);
}

void
td_sale_unref (TdSale *sale)
{
  g_return_if_fail (sale != NULL);
  g_atomic_rc_box_release_full (sale, (GDestroyNotify) sale_free);
}

/* What @tender paid of the sale, net of change. */
gint64
td_sale_get_paid (const TdSale *sale,
                  TdTenderKind  tender)
{
  gint64 paid = 0;

  g_return_val_if_fail (sale != NULL, 0);

  for (guint i = 0; i < sale->payments->len; i++)
    {
      const TdSalePayment *p = &g_array_index (sale->payments, TdSalePayment, i);

      if (p->tender == tender)
        paid += p->amount;
    }
  return paid;
}

/* The tender that paid the most: "refund to the original tender" proposes it. */
TdTenderKind
td_sale_get_main_tender (const TdSale *sale)
{
  TdTenderKind best = TD_TENDER_CASH;
  gint64 best_amount = -1;

  g_return_val_if_fail (sale != NULL, TD_TENDER_CASH);

  for (guint k = 0; k < TD_N_TENDERS; k++)
    {
      gint64 paid = td_sale_get_paid (sale, k);

      if (paid > best_amount)
        {
          best = k;
          best_amount = paid;
        }
    }
  return best;
}

/* TdRefund ----------------------------------------------------------------------------- */

static void
refund_line_clear (gpointer data)
{
  TdRefundLine *line = data;

  g_free (line->sku);
  g_free (line->title);
}

static void
refund_free (TdRefund *refund)
{
  g_free (refund->register_id);
  g_free (refund->reason);
  g_free (refund->gift_card_code);
  g_clear_pointer (&refund->lines, g_array_unref);
}

G_DEFINE_BOXED_TYPE (TdRefund, td_refund, td_refund_ref, td_refund_unref)

TdRefund *
td_refund_new (void)
{
  TdRefund *refund = g_atomic_rc_box_new0 (TdRefund);

  refund->lines = g_array_new (FALSE, TRUE, sizeof (TdRefundLine));
  g_array_set_clear_func (refund->lines, refund_line_clear);
  return refund;
}

TdRefund *
td_refund_ref (TdRefund *refund)
{
  g_return_val_if_fail (refund != NULL, NULL);
  return g_atomic_rc_box_acquire (refund);
}

void
td_refund_unref (TdRefund *refund)
{
  g_return_if_fail (refund != NULL);
  g_atomic_rc_box_release_full (refund, (GDestroyNotify) refund_free);
}
