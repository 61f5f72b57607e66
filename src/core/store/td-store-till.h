/* td-store-till.h — the cash drawer: sessions with a float, paid-in/out, closing count, Z report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-sale.h"

G_BEGIN_DECLS

typedef enum
{
  TD_TILL_PAID_IN,
  TD_TILL_PAID_OUT,
} TdTillMoveKind;

/**
 * TdZReport:
 * A till session's totals (also for an open session: an X report). Money minor units, times
 * UTC µs. Sales and refunds are those of the session's register between open and close.
 * @by_tender: payments by tender, net of change
 * @refunds_by_tender: refunds by tender (positive amounts)
 * @cash_expected: float + cash sales − cash refunds + paid in − paid out − cash payouts
 * @over_short: counted − expected (negative: short); 0 until closed
 */
typedef struct
{
  gint64   session_id;
  char     register_id[33];
  gint64   opened_at;
  gint64   opened_by;
  gint64   closed_at;       /* 0: still open */
  gint64   closed_by;
  gint64   float_amount;
  gint64   n_sales;
  gint64   gross;           /* Σ sale subtotal */
  gint64   discounts;
  gint64   tax;
  gint64   rounding;
  gint64   total;           /* Σ sale total */
  gint64   by_tender[TD_N_TENDERS];
  gint64   n_refunds;
  gint64   refunds;
  gint64   refunds_by_tender[TD_N_TENDERS];
  gint64   paid_in;
  gint64   paid_out;
  gint64   payouts;         /* cash paid to walk-in sellers (buying at the counter) */
  gint64   cash_expected;
  gboolean counted;
  gint64   counted_cash;
  gint64   over_short;
} TdZReport;

gboolean td_store_till_open      (TdDatabase      *db,
                                  const char      *register_id,
                                  gint64           float_amount,
                                  gint64           staff_id,
                                  gint64           now_us,
                                  gint64          *session_id,
                                  GError         **error);
gboolean td_store_till_current   (TdDatabase      *db,
                                  const char      *register_id,
                                  gint64          *session_id,
                                  GError         **error);
gboolean td_store_till_move      (TdDatabase      *db,
                                  const char      *register_id,
                                  TdTillMoveKind   kind,
                                  gint64           amount,
                                  const char      *reason,
                                  gint64           staff_id,
                                  gint64           now_us,
                                  GError         **error);
gboolean td_store_till_no_sale   (TdDatabase      *db,
                                  const char      *register_id,
                                  gint64           staff_id,
                                  gint64           now_us,
                                  GError         **error);
gboolean td_store_till_close     (TdDatabase      *db,
                                  const char      *register_id,
                                  gint64           counted_cash,
                                  gint64           staff_id,
                                  gint64           now_us,
                                  TdZReport       *report,
                                  GError         **error);
gboolean td_store_till_report    (TdDatabase      *db,
                                  gint64           session_id,
                                  gint64           now_us,
                                  TdZReport       *report,
                                  GError         **error);

G_END_DECLS
