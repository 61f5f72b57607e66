/* td-inventory-listings-column.h — the inventory list's column of marketplace listing badges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-context.h"

G_BEGIN_DECLS

void td_inventory_listings_add_column (GtkColumnView       *view,
                                       TdContext           *context,
                                       GtkColumnViewColumn *after);

G_END_DECLS
