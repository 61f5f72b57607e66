/* td-import.h — CSV import of consignors and items, and the full CSV export of the shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"

G_BEGIN_DECLS

#define TD_IMPORT_ERROR (td_import_error_quark ())

/**
 * TdImportError:
 * @TD_IMPORT_ERROR_UNREADABLE: the file is not CSV we can read (row and column named)
 * @TD_IMPORT_ERROR_NO_COLUMNS: no column header we know, or a required column is missing
 * @TD_IMPORT_ERROR_INVALID_ROWS: rows have problems; see the plan's problems; nothing written
 */
typedef enum
{
  TD_IMPORT_ERROR_UNREADABLE,
  TD_IMPORT_ERROR_NO_COLUMNS,
  TD_IMPORT_ERROR_INVALID_ROWS,
} TdImportError;

typedef enum
{
  TD_IMPORT_CONSIGNORS,
  TD_IMPORT_ITEMS,
} TdImportKind;

/**
 * TdImportProblem:
 * @row: the row in the file (1 = the header), as a spreadsheet numbers it
 * @column: (nullable): the column's header as written in the file
 * @message: what is wrong, in a sentence
 */
typedef struct
{
  guint  row;
  char  *column;
  char  *message;
} TdImportProblem;

typedef struct _TdImportPlan TdImportPlan;

GQuark        td_import_error_quark         (void);
TdImportPlan *td_import_prepare             (TdDatabase     *db,
                                             TdImportKind    kind,
                                             const char     *data,
                                             gsize           length,
                                             GError        **error);
void          td_import_plan_free           (TdImportPlan   *plan);
TdImportKind  td_import_plan_get_kind       (TdImportPlan   *plan);
guint         td_import_plan_get_n_records  (TdImportPlan   *plan);
GStrv         td_import_plan_dup_columns    (TdImportPlan   *plan);
const char * const *td_import_plan_get_record (TdImportPlan *plan,
                                               guint         index);
guint         td_import_plan_get_n_problems (TdImportPlan   *plan);
const TdImportProblem *td_import_plan_get_problem (TdImportPlan *plan,
                                                   guint         index);
char         *td_import_plan_dup_mapping    (TdImportPlan   *plan);
gboolean      td_import_commit              (TdDatabase     *db,
                                             TdImportPlan   *plan,
                                             gint64          staff_id,
                                             gint64          now_us,
                                             guint          *n_written,
                                             GError        **error);

char        **td_export_shop                (TdDatabase     *db,
                                             const char     *folder,
                                             GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdImportPlan, td_import_plan_free)

G_END_DECLS
