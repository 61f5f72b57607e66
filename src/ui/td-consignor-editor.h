/* td-consignor-editor.h — the dialog that creates or edits a consignor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_CONSIGNOR_EDITOR (td_consignor_editor_get_type ())

G_DECLARE_FINAL_TYPE (TdConsignorEditor, td_consignor_editor, TD, CONSIGNOR_EDITOR, AdwWindow)

TdConsignorEditor *td_consignor_editor_new              (TdContext         *context,
                                                         gint64             consignor_id);
gint64             td_consignor_editor_get_consignor_id (TdConsignorEditor *self);
gboolean           td_consignor_editor_save             (TdConsignorEditor *self);

G_END_DECLS
