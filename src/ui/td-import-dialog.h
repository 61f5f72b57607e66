/* td-import-dialog.h — the preview of a CSV import, with its problems, before it is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_IMPORT_DIALOG (td_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdImportDialog, td_import_dialog, TD, IMPORT_DIALOG, AdwWindow)

TdImportDialog *td_import_dialog_new (TdContext  *context,
                                      const char *file_name,
                                      GBytes     *contents);

G_END_DECLS
