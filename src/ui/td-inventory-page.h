/* td-inventory-page.h — the Inventory section: find items, edit one, act on many, print tags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"
#include "td-tag.h"

G_BEGIN_DECLS

#define TD_TYPE_INVENTORY_PAGE (td_inventory_page_get_type ())

G_DECLARE_FINAL_TYPE (TdInventoryPage, td_inventory_page, TD, INVENTORY_PAGE, GtkWidget)

TdInventoryPage *td_inventory_page_new          (TdContext        *context);
TdContext       *td_inventory_page_get_context  (TdInventoryPage  *self);
void             td_inventory_page_set_context  (TdInventoryPage  *self,
                                                 TdContext        *context);
void             td_inventory_page_reload       (TdInventoryPage  *self);
GtkWindow       *td_inventory_page_edit_item    (TdInventoryPage  *self,
                                                 gint64            item_id);
GArray          *td_inventory_page_dup_selected (TdInventoryPage  *self);
gboolean         td_inventory_page_write_tags   (TdInventoryPage  *self,
                                                 const gint64     *item_ids,
                                                 guint             n_items,
                                                 TdTagFormat       format,
                                                 const char       *path,
                                                 GError          **error);

G_END_DECLS
