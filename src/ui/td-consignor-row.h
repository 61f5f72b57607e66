/* td-consignor-row.h — a consignor in the consignors page's list: name, code, balance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-consignor-entry.h"

G_BEGIN_DECLS

#define TD_TYPE_CONSIGNOR_ROW (td_consignor_row_get_type ())

G_DECLARE_FINAL_TYPE (TdConsignorRow, td_consignor_row, TD, CONSIGNOR_ROW, GtkWidget)

GtkWidget        *td_consignor_row_new               (void);
TdConsignorEntry *td_consignor_row_get_item          (TdConsignorRow   *self);
void              td_consignor_row_set_item          (TdConsignorRow   *self,
                                                      TdConsignorEntry *item,
                                                      const char       *balance_text);
const char       *td_consignor_row_get_balance_text  (TdConsignorRow   *self);
float             td_consignor_row_get_balance_xalign (TdConsignorRow  *self);

G_END_DECLS
