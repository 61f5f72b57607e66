/* td-inventory-thumbs.h — the inventory list's main-photo column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-photo-store.h"

G_BEGIN_DECLS

void td_inventory_thumbs_add_column (GtkColumnView *view,
                                     TdPhotoStore  *store);

G_END_DECLS
