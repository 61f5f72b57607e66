/* fuzz-csv.c — libFuzzer harness for the CSV reader and writer.
 *
 * Whatever the reader accepts, the writer must write so that the reader reads back exactly
 * the same records; whatever it refuses must come with a row-and-column message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "td-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = td_csv_parse ((const char *) data, size, &error);
  g_autoptr(GString) out = NULL;
  g_autoptr(TdCsvTable) again = NULL;
  guint n;

  if (table == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_str_has_prefix (error->message, "Row ") ||
                error->code == TD_CSV_ERROR_TOO_LARGE);
      return 0;
    }
  g_assert (error == NULL);

  out = g_string_new (NULL);
  n = td_csv_table_get_n_rows (table);
  for (guint i = 0; i < n; i++)
    {
      const char * const *row = td_csv_table_get_row (table, i);

      g_assert (g_utf8_validate (row[0], -1, NULL));
      g_assert (i == 0 || td_csv_table_get_row_number (table, i) >
                          td_csv_table_get_row_number (table, i - 1));
      td_csv_append_row (out, row, -1);
    }

  again = td_csv_parse (out->str, out->len, &error);
  g_assert (error == NULL);
  g_assert (td_csv_table_get_n_rows (again) == n);
  for (guint i = 0; i < n; i++)
    {
      const char * const *a = td_csv_table_get_row (table, i);
      const char * const *b = td_csv_table_get_row (again, i);

      g_assert (g_strv_equal (a, b));
    }
  return 0;
}
