/* td-text-cell.h — one line of text for a fixed-width column view column: a new text is
 * drawn again, never measured again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_TEXT_CELL (td_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (TdTextCell, td_text_cell, TD, TEXT_CELL, GtkWidget)

GtkWidget  *td_text_cell_new        (float       xalign,
                                     gboolean    tabular_digits);
void        td_text_cell_set_text   (TdTextCell *self,
                                     const char *text);
void        td_text_cell_set_markup (TdTextCell *self,
                                     const char *markup);
const char *td_text_cell_get_text   (TdTextCell *self);
const char *td_text_cell_get_label  (TdTextCell *self);

G_END_DECLS
