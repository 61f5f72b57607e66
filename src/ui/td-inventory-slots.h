/* td-inventory-slots.h — a list model of stable rows over a TdItemList, so a new search rebinds
 * the column view's rows instead of rebuilding them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-item-list.h"

G_BEGIN_DECLS

#define TD_TYPE_INVENTORY_SLOT (td_inventory_slot_get_type ())

G_DECLARE_FINAL_TYPE (TdInventorySlot, td_inventory_slot, TD, INVENTORY_SLOT, GObject)

TdItem *td_inventory_slot_get_item (TdInventorySlot *self);

#define TD_TYPE_INVENTORY_SLOTS (td_inventory_slots_get_type ())

G_DECLARE_FINAL_TYPE (TdInventorySlots, td_inventory_slots, TD, INVENTORY_SLOTS, GObject)

TdInventorySlots *td_inventory_slots_new         (TdItemList       *list);
void              td_inventory_slots_set_visible (TdInventorySlots *self,
                                                  guint             first,
                                                  guint             n);
void              td_inventory_slots_refresh_stale (TdInventorySlots *self);

G_END_DECLS
