/* td-report-document.h — owner's-desk PDFs: a report, a consignor statement, a payout slip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "td-document.h"
#include "td-money.h"
#include "td-report.h"
#include "td-store-payouts.h"

G_BEGIN_DECLS

/**
 * TdReportDocInfo:
 * @shop_name: printed as the heading and in the footer
 * @shop_address: (nullable):
 * @currency: the shop's currency
 * @money_format: (nullable): how to write money; %NULL for td_money_format_init_default()
 *
 * Strings borrowed.
 */
typedef struct
{
  const char          *shop_name;
  const char          *shop_address;
  const TdCurrency    *currency;
  const TdMoneyFormat *money_format;
} TdReportDocInfo;

gboolean td_report_write_pdf       (TdReport               *report,
                                    const TdReportDocInfo  *info,
                                    TdPaper                 paper,
                                    const char             *path,
                                    GError                **error);
gboolean td_statement_write_pdf    (const TdStatement      *statement,
                                    const TdReportDocInfo  *info,
                                    TdPaper                 paper,
                                    const char             *path,
                                    GError                **error);
gboolean td_payout_slips_write_pdf (const TdPayoutSlip     *slips,
                                    guint                   n_slips,
                                    const TdReportDocInfo  *info,
                                    TdPaper                 paper,
                                    const char             *path,
                                    GError                **error);

G_END_DECLS
