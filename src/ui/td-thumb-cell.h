/* td-thumb-cell.h — a square thumbnail for a fixed-width column view column: a new picture is
 * drawn again, never measured again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_THUMB_CELL (td_thumb_cell_get_type ())

G_DECLARE_FINAL_TYPE (TdThumbCell, td_thumb_cell, TD, THUMB_CELL, GtkWidget)

GtkWidget    *td_thumb_cell_new           (int           size);
void          td_thumb_cell_set_paintable (TdThumbCell  *self,
                                           GdkPaintable *paintable);
GdkPaintable *td_thumb_cell_get_paintable (TdThumbCell  *self);

G_END_DECLS
