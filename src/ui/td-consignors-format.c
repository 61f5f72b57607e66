/* td-consignors-format.c — words and numbers of the consignors page: terms, ledger kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-consignors-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-consignors-page-private.h"

/* Returns: (transfer full): 5000 → "50", 4750 → "47.5" (the locale's decimal mark) */
char *
td_consignors_format_percent_number (int share_bp)
{
  if (share_bp % 100 == 0)
    return g_strdup_printf ("%d", share_bp / 100);
  if (share_bp % 10 == 0)
    return g_strdup_printf ("%.1f", share_bp / 100.0);
  return g_strdup_printf ("%.2f", share_bp / 100.0);
}

/* Returns: (transfer full): 5000 → "50 %" */
char *
td_consignors_format_share (int share_bp)
{
  g_autofree char *number = td_consignors_format_percent_number (share_bp);

  /* Translators: a percentage; %s is the number */
  return g_strdup_printf (_("%s %%"), number);
}

/* @sentence: TRUE for a label that starts a line ("Return to the consignor") */
const char *
td_consignors_expiry_action_label (TdExpiryAction action,
                                   gboolean       sentence)
{
  switch (action)
    {
    case TD_EXPIRY_ACTION_RETURN:
      return sentence ? _("Return to the consignor") : _("return to the consignor");
    case TD_EXPIRY_ACTION_DONATE:
      return sentence ? _("Donate") : _("donate");
    case TD_EXPIRY_ACTION_SHOP_STOCK:
      return sentence ? _("Becomes shop stock") : _("becomes shop stock");
    case TD_EXPIRY_ACTION_SHOP_DEFAULT:
    default:
      return sentence ? _("Shop default") : _("shop default");
    }
}

const char *
td_consignors_payout_method_label (TdPayoutMethod method)
{
  switch (method)
    {
    case TD_PAYOUT_METHOD_CHEQUE:
      return _("Cheque");
    case TD_PAYOUT_METHOD_BANK_TRANSFER:
      return _("Bank transfer");
    case TD_PAYOUT_METHOD_STORE_CREDIT:
      return _("Store credit");
    case TD_PAYOUT_METHOD_CASH:
    default:
      return _("Cash");
    }
}

const char *
td_consignors_ledger_kind_label (TdLedgerKind kind)
{
  switch (kind)
    {
    case TD_LEDGER_SALE:
      return _("Sale");
    case TD_LEDGER_REFUND:
      return _("Refund");
    case TD_LEDGER_PAYOUT:
      return _("Payout");
    case TD_LEDGER_STORE_CREDIT:
      return _("Spent in the shop");
    case TD_LEDGER_ADJUSTMENT:
    default:
      return _("Adjustment");
    }
}

/* Returns: (transfer full): a day as "21 Nov 2026", local time */
char *
td_consignors_format_day (gint64 at_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at_us / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("");
  /* Translators: a day as in "21 Nov 2026"; see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %b %Y"));
}
