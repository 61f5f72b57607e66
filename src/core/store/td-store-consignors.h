/* td-store-consignors.h — consignors, their terms and their ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-consignor.h"
#include "td-database.h"
#include "td-stock-error.h"

G_BEGIN_DECLS

/* `ledger.kind`: what moved a consignor's balance. */
typedef enum
{
  TD_LEDGER_SALE,          /* + the consignor's share of a sale line */
  TD_LEDGER_REFUND,        /* − that share given back with a refund line */
  TD_LEDGER_PAYOUT,        /* − money paid out */
  TD_LEDGER_ADJUSTMENT,    /* ± a correction by staff, with a note */
  TD_LEDGER_STORE_CREDIT,  /* − balance spent in the shop */
} TdLedgerKind;

/**
 * TdLedgerRow:
 * @balance_after: the consignor's balance once this row counted
 * @note: (nullable): owned by the array the row sits in
 *
 * Links are 0 when absent. Times are UTC µs.
 */
typedef struct
{
  gint64        id;
  TdLedgerKind  kind;
  gint64        amount;
  gint64        balance_after;
  gint64        sale_line_id;
  gint64        refund_line_id;
  gint64        payout_id;
  gint64        created_at;
  char         *note;
} TdLedgerRow;

/* A consignor's items by `item.status`. */
typedef struct
{
  gint64 draft;
  gint64 available;
  gint64 held;
  gint64 sold;
  gint64 returned;
  gint64 donated;
  gint64 damaged;
} TdConsignorItemCounts;

const char  *td_ledger_kind_to_string         (TdLedgerKind             kind);

GPtrArray   *td_store_consignors_validate     (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               const TdConsignorDraft  *draft,
                                               GError                 **error);
gboolean     td_store_consignors_create       (TdDatabase              *db,
                                               const TdConsignorDraft  *draft,
                                               gint64                   staff_id,
                                               gint64                   now_us,
                                               gint64                  *consignor_id,
                                               GError                 **error);
gboolean     td_store_consignors_update       (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               const TdConsignorDraft  *draft,
                                               gint64                   staff_id,
                                               gint64                   now_us,
                                               GError                 **error);
gboolean     td_store_consignors_set_active   (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               gboolean                 active,
                                               gint64                   staff_id,
                                               gint64                   now_us,
                                               GError                 **error);
TdConsignor *td_store_consignors_get          (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               GError                 **error);
TdConsignor *td_store_consignors_get_by_code  (TdDatabase              *db,
                                               const char              *code,
                                               GError                 **error);
gboolean     td_store_consignors_balance      (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               gint64                  *balance,
                                               GError                 **error);
gboolean     td_store_consignors_ledger       (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               gint64                   before_id,
                                               guint                    limit,
                                               GArray                 **rows,
                                               GError                 **error);
gboolean     td_store_consignors_count_items  (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               TdConsignorItemCounts   *counts,
                                               GError                 **error);

gboolean     td_store_ledger_adjust           (TdDatabase              *db,
                                               gint64                   consignor_id,
                                               gint64                   amount,
                                               const char              *note,
                                               gint64                   staff_id,
                                               gint64                   now_us,
                                               gint64                  *entry_id,
                                               GError                 **error);

G_END_DECLS
