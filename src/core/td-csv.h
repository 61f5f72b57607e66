/* td-csv.h — RFC 4180 comma-separated values: a strict reader and a writer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_CSV_ERROR (td_csv_error_quark ())

/**
 * TdCsvError:
 * @TD_CSV_ERROR_UNTERMINATED_QUOTE: a quoted field never ends
 * @TD_CSV_ERROR_TEXT_AFTER_QUOTE: something other than a comma or line end follows a quoted field
 * @TD_CSV_ERROR_INVALID_UTF8: a field is not UTF-8 text
 * @TD_CSV_ERROR_TOO_LARGE: the file or a field is larger than the reader accepts
 *
 * Messages name the row (1 = the first line of the file) and the column (1 = the first field).
 */
typedef enum
{
  TD_CSV_ERROR_UNTERMINATED_QUOTE,
  TD_CSV_ERROR_TEXT_AFTER_QUOTE,
  TD_CSV_ERROR_INVALID_UTF8,
  TD_CSV_ERROR_TOO_LARGE,
} TdCsvError;

/* A UTF-8 byte-order mark. Files written for people (report CSV, the shop export) start with
 * it: LibreOffice's Text Import dialog then preselects "Unicode (UTF-8)" whatever the rest of
 * the file holds (HACKING.md, "CSV in LibreOffice"), as Excel does. td_csv_parse() skips it. */
#define TD_CSV_BOM "\xEF\xBB\xBF"

/* The largest file td_csv_parse() reads, and the largest single field. */
#define TD_CSV_MAX_INPUT (256 * 1024 * 1024)
#define TD_CSV_MAX_FIELD (16 * 1024 * 1024)

/**
 * TdCsvTable:
 * @rows: (element-type GStrv): every record, as a %NULL-terminated array of fields
 *
 * Blank lines are skipped; rows may have different numbers of fields.
 */
typedef struct
{
  GPtrArray *rows;
  guint     *row_numbers;  /* row in the file where each record starts (1-based) */
} TdCsvTable;

GQuark      td_csv_error_quark   (void);
TdCsvTable *td_csv_parse         (const char   *data,
                                  gsize         length,
                                  GError      **error);
void        td_csv_table_free    (TdCsvTable   *table);
guint       td_csv_table_get_n_rows (const TdCsvTable *table);
const char * const *td_csv_table_get_row (const TdCsvTable *table,
                                          guint             index);
guint       td_csv_table_get_row_number (const TdCsvTable *table,
                                         guint             index);

void        td_csv_append_row    (GString             *out,
                                  const char * const  *fields,
                                  gssize               n_fields);
void        td_csv_append_field  (GString             *out,
                                  const char          *field,
                                  gboolean             first);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsvTable, td_csv_table_free)

G_END_DECLS
