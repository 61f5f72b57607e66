/* td-consignor-entry.h — one consignor of the consignors page's list model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "td-store-consignors-list.h"

G_BEGIN_DECLS

#define TD_TYPE_CONSIGNOR_ENTRY (td_consignor_entry_get_type ())

G_DECLARE_FINAL_TYPE (TdConsignorEntry, td_consignor_entry, TD, CONSIGNOR_ENTRY, GObject)

TdConsignorEntry *td_consignor_entry_new         (const TdConsignorListRow *row);
gint64            td_consignor_entry_get_id      (TdConsignorEntry         *self);
const char       *td_consignor_entry_get_code    (TdConsignorEntry         *self);
const char       *td_consignor_entry_get_name    (TdConsignorEntry         *self);
gboolean          td_consignor_entry_get_active  (TdConsignorEntry         *self);
gint64            td_consignor_entry_get_balance (TdConsignorEntry         *self);

G_END_DECLS
