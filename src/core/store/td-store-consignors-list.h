/* td-store-consignors-list.h — every consignor with their balance, for the consignors page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-consignor.h"
#include "td-database.h"

G_BEGIN_DECLS

/**
 * TdConsignorListRow:
 * @id: the consignor
 * @code: (not nullable): owned by the array the row sits in
 * @name: (not nullable): owned by the array the row sits in
 * @active: whether they may bring items in
 * @balance: what the shop owes them (the sum of their ledger), minor units
 */
typedef struct
{
  gint64    id;
  char     *code;
  char     *name;
  gboolean  active;
  gint64    balance;
} TdConsignorListRow;

gboolean td_store_consignors_list (TdDatabase  *db,
                                   const char  *filter,
                                   gboolean     include_inactive,
                                   GArray     **rows,
                                   GError     **error);
gboolean td_store_consignment_defaults (TdDatabase      *db,
                                        int             *share_bp,
                                        int             *period_days,
                                        TdExpiryAction  *expiry_action,
                                        GError         **error);

G_END_DECLS
