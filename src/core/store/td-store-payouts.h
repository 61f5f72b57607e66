/* td-store-payouts.h — consignor statements and payout runs.
 *
 * A statement is a consignor's ledger over a period: the balance before it (opening), every
 * movement in it (sales credited, refunds debited, payouts, adjustments) and the balance after
 * (closing = opening + movements, by construction and by test). A payout run pays consignors
 * whose balance reached their minimum: one transaction writes every payout row, its ledger
 * debit and its audit row, and refuses the whole run if any payout exceeds its balance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-database.h"
#include "td-report-period.h"
#include "td-store-consignors.h"

G_BEGIN_DECLS

/**
 * TdStatementLine:
 * @at: when, UTC µs
 * @kind: what moved the balance
 * @amount: the movement (+ owed to the consignor, − paid or given back)
 * @title: (nullable): the item, for sales and refunds
 * @sku: (nullable): its SKU
 * @price: what the customer paid for it (sales and refunds), else 0
 * @detail: (nullable): payout method and reference, or an adjustment's note
 */
typedef struct
{
  gint64        at;
  TdLedgerKind  kind;
  gint64        amount;
  char         *title;
  char         *sku;
  gint64        price;
  char         *detail;
} TdStatementLine;

/**
 * TdStatement:
 * Filled by td_store_payouts_statement(); free with td_statement_clear().
 */
typedef struct
{
  gint64          consignor_id;
  char           *code;
  char           *name;
  char           *address;
  TdReportPeriod  period;
  gint64          opening;
  gint64          sales;        /* credits of sales in the period */
  gint64          refunds;      /* refund debits (negative) */
  gint64          payouts;      /* payouts (negative) */
  gint64          other;        /* adjustments and store credit */
  gint64          closing;
  GArray         *lines;        /* TdStatementLine */
} TdStatement;

/* A consignor whose balance reached their minimum payout. */
typedef struct
{
  gint64  consignor_id;
  char   *code;
  char   *name;
  gint64  balance;
  gint64  min_payout;
  char   *method;    /* consignor.payout_method */
} TdPayoutDue;

/**
 * TdPayoutRequest:
 * @consignor_id: who is paid
 * @amount: how much, > 0 and ≤ their balance
 * @method: "cash", "cheque", "bank_transfer" or "store_credit"
 * @reference: (nullable): cheque number, transfer reference …
 */
typedef struct
{
  gint64      consignor_id;
  gint64      amount;
  const char *method;
  const char *reference;
} TdPayoutRequest;

/* A payout as its slip prints it. */
typedef struct
{
  gint64  payout_id;
  gint64  consignor_id;
  char   *code;
  char   *name;
  gint64  amount;
  char   *method;
  char   *reference;
  char   *staff_name;
  gint64  at;
  gint64  balance_before;
  gint64  balance_after;
} TdPayoutSlip;

void        td_statement_clear               (TdStatement            *statement);
void        td_payout_slip_clear             (TdPayoutSlip           *slip);
const char *td_payout_method_get_label       (const char             *method);
gboolean    td_payout_method_valid           (const char             *method);

gboolean    td_store_payouts_statement       (TdDatabase             *db,
                                              gint64                  consignor_id,
                                              const TdReportPeriod   *period,
                                              GTimeZone              *tz,
                                              TdStatement            *statement,
                                              GError                **error);
GArray     *td_store_payouts_with_activity   (TdDatabase             *db,
                                              const TdReportPeriod   *period,
                                              GTimeZone              *tz,
                                              GError                **error);
GArray     *td_store_payouts_due             (TdDatabase             *db,
                                              GError                **error);
void        td_payout_due_array_free         (GArray                 *due);
gboolean    td_store_payouts_record          (TdDatabase             *db,
                                              const TdPayoutRequest  *requests,
                                              guint                   n_requests,
                                              gint64                  staff_id,
                                              gint64                  now_us,
                                              GArray                **payout_ids,
                                              GError                **error);
gboolean    td_store_payouts_get_slip        (TdDatabase             *db,
                                              gint64                  payout_id,
                                              TdPayoutSlip           *slip,
                                              GError                **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdStatement, td_statement_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdPayoutSlip, td_payout_slip_clear)

G_END_DECLS
