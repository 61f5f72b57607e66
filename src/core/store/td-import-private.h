/* td-import-private.h — shared by td-store-import.c and td-store-import-write.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-import.h"

G_BEGIN_DECLS

const char *td_import_value              (TdImportPlan  *plan,
                                          guint          record,
                                          const char    *field);
guint       td_import_plan_get_row_number (TdImportPlan *plan,
                                           guint         record);
gboolean    td_import_is_raw             (TdImportPlan  *plan);
gboolean    td_import_parse_money        (TdImportPlan  *plan,
                                          const char    *text,
                                          gint64        *amount);
gboolean    td_import_parse_share        (TdImportPlan  *plan,
                                          const char    *text,
                                          gint64        *bp);
gboolean    td_import_parse_bool         (const char    *text,
                                          gboolean      *value);

G_END_DECLS
