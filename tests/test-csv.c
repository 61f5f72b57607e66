/* test-csv.c — the RFC 4180 reader and writer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-csv.h"
#include "td-test.h"

static TdCsvTable *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  TdCsvTable *table = td_csv_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static void
assert_row (TdCsvTable         *table,
            guint               index,
            guint               row_number,
            const char * const *expected)
{
  const char * const *row = td_csv_table_get_row (table, index);

  g_assert_cmpuint (td_csv_table_get_row_number (table, index), ==, row_number);
  g_assert_cmpstrv (row, expected);
}

static void
test_basic (void)
{
  g_autoptr(TdCsvTable) table = parse_ok ("sku,title,price\r\nA1,Blue coat,12.50\r\nA2,,3\r\n");

  g_assert_cmpuint (td_csv_table_get_n_rows (table), ==, 3);
  assert_row (table, 0, 1, (const char *[]) { "sku", "title", "price", NULL });
  assert_row (table, 1, 2, (const char *[]) { "A1", "Blue coat", "12.50", NULL });
  assert_row (table, 2, 3, (const char *[]) { "A2", "", "3", NULL });
}

static void
test_line_ends (void)
{
  g_autoptr(TdCsvTable) lf = parse_ok ("a,b\nc,d");
  g_autoptr(TdCsvTable) cr = parse_ok ("a,b\rc,d\r");
  g_autoptr(TdCsvTable) trailing = parse_ok ("a,b,\r\nc,d,");
  g_autoptr(TdCsvTable) blank = parse_ok ("a\r\n\r\n\nb\r\n");

  assert_row (lf, 1, 2, (const char *[]) { "c", "d", NULL });
  assert_row (cr, 1, 2, (const char *[]) { "c", "d", NULL });
  assert_row (trailing, 0, 1, (const char *[]) { "a", "b", "", NULL });
  assert_row (trailing, 1, 2, (const char *[]) { "c", "d", "", NULL });
  /* Blank lines are skipped but counted, as a spreadsheet numbers rows. */
  g_assert_cmpuint (td_csv_table_get_n_rows (blank), ==, 2);
  assert_row (blank, 1, 4, (const char *[]) { "b", NULL });
}

static void
test_quotes (void)
{
  g_autoptr(TdCsvTable) table = parse_ok (
    "\"a, with comma\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\n"
    "next,\"x\nin\ny\",z\n"
    "plain \"quote\" inside,\"\"\"\"\n");

  g_assert_cmpuint (td_csv_table_get_n_rows (table), ==, 3);
  assert_row (table, 0, 1, (const char *[]) { "a, with comma", "say \"hi\"", "two\r\nlines", "",
                                             NULL });
  /* A record with line breaks inside quotes is one row. */
  assert_row (table, 1, 2, (const char *[]) { "next", "x\nin\ny", "z", NULL });
  assert_row (table, 2, 3, (const char *[]) { "plain \"quote\" inside", "\"", NULL });
}

static void
test_bom (void)
{
  g_autoptr(TdCsvTable) table = parse_ok ("\xEF\xBB\xBFsku,title\r\nA1,Café crème\r\n");

  assert_row (table, 0, 1, (const char *[]) { "sku", "title", NULL });
  assert_row (table, 1, 2, (const char *[]) { "A1", "Café crème", NULL });
}

static void
assert_parse_error (const char *text,
                    gsize       length,
                    int         code,
                    const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = td_csv_parse (text, length, &error);

  g_assert_null (table);
  g_assert_error (error, TD_CSV_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, where));
}

static void
test_refused (void)
{
  const char latin1[] = "sku,title\nA1,Caf\xe9\n";

  assert_parse_error ("a,b\nc,\"open\nd,e\n", -1 + sizeof "a,b\nc,\"open\nd,e\n",
                      TD_CSV_ERROR_UNTERMINATED_QUOTE, "Row 2, column 2 ");
  assert_parse_error ("a,\"b\"c\n", 7, TD_CSV_ERROR_TEXT_AFTER_QUOTE, "Row 1, column 2 ");
  assert_parse_error (latin1, sizeof latin1 - 1, TD_CSV_ERROR_INVALID_UTF8, "Row 2, column 2 ");
  /* A nul byte in the middle is not text either. */
  assert_parse_error ("a,b\0c\n", 6, TD_CSV_ERROR_INVALID_UTF8, "Row 1, column 2 ");
}

static void
test_huge_field (void)
{
  g_autoptr(GString) text = g_string_new ("sku,description\r\nA1,\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  gsize big = 3 * 1024 * 1024;

  for (gsize i = 0; i < big; i++)
    g_string_append_c (text, i % 1000 == 999 ? '\n' : (i % 500 == 0 ? '"' : 'x'));
  /* Every quote inside was written as "" by a writer; do the same. */
  {
    g_autoptr(GString) quoted = g_string_new ("sku,description\r\nA1,\"");
    for (gsize i = strlen ("sku,description\r\nA1,\""); i < text->len; i++)
      {
        if (text->str[i] == '"')
          g_string_append_c (quoted, '"');
        g_string_append_c (quoted, text->str[i]);
      }
    g_string_append (quoted, "\"\r\nA2,short\r\n");
    table = td_csv_parse (quoted->str, quoted->len, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (td_csv_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (strlen (td_csv_table_get_row (table, 1)[1]), ==, big);
  assert_row (table, 2, 3, (const char *[]) { "A2", "short", NULL });
  g_clear_pointer (&table, td_csv_table_free);

  /* Past the field limit: refused with the row, not read into memory without end. */
  {
    g_autoptr(GString) giant = g_string_new ("a,b\n1,");
    g_string_set_size (giant, TD_CSV_MAX_FIELD + 100);
    memset (giant->str + 6, 'y', giant->len - 6);
    table = td_csv_parse (giant->str, giant->len, &error);
    g_assert_null (table);
    g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_LARGE);
    g_assert_true (g_str_has_prefix (error->message, "Row 2, column 2 "));
  }
}

/* Whatever the writer writes, the reader reads back the same. */
static void
test_round_trip (void)
{
  const char *fields[] = {
    "plain", "", "with, comma", "with \"quotes\"", "line\nbreak", "crlf\r\nbreak",
    " leading space", "trailing space ", "\"", ",", "Ünïcødé ✓", "=1+2", "\xEF\xBB\xBF" "bom", NULL
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;

  /* A field that starts with a byte-order mark, first in the file (found by fuzz-csv). */
  td_csv_append_row (out, (const char *[]) { "\xEF\xBB\xBF", NULL }, 1);
  td_csv_append_row (out, fields, -1);
  td_csv_append_row (out, (const char *[]) { "x", NULL, "z" }, 3);
  table = td_csv_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_csv_table_get_n_rows (table), ==, 3);
  assert_row (table, 0, 1, (const char *[]) { "\xEF\xBB\xBF", NULL });
  assert_row (table, 1, 2, fields);
  assert_row (table, 2, 3, (const char *[]) { "x", "", "z", NULL });
  g_assert_true (g_str_has_suffix (out->str, "x,,z\r\n"));
}

/* A file as the exports write it, starting with a byte-order mark: read back, the same fields,
 * the mark gone, and a field that itself starts with one kept. */
static void
test_bom_file_round_trip (void)
{
  const char *first[] = { "name", "amount", "day", NULL };
  const char *second[] = { "Café Ünïcode, \"chez nous\"", "12.50", "2026-11-03", NULL };
  const char *third[] = { TD_CSV_BOM "kept", "中文", NULL };
  g_autoptr(GString) out = g_string_new (TD_CSV_BOM);
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;

  td_csv_append_row (out, first, -1);
  td_csv_append_row (out, second, -1);
  td_csv_append_row (out, third, -1);
  g_assert_true (g_str_has_prefix (out->str, TD_CSV_BOM "name,amount,day\r\n"));
  table = td_csv_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_csv_table_get_n_rows (table), ==, 3);
  assert_row (table, 0, 1, first);
  assert_row (table, 1, 2, second);
  assert_row (table, 2, 3, third);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/csv/basic", test_basic);
  g_test_add_func ("/td/csv/line-ends", test_line_ends);
  g_test_add_func ("/td/csv/quotes", test_quotes);
  g_test_add_func ("/td/csv/bom", test_bom);
  g_test_add_func ("/td/csv/refused", test_refused);
  g_test_add_func ("/td/csv/huge-field", test_huge_field);
  g_test_add_func ("/td/csv/round-trip", test_round_trip);
  g_test_add_func ("/td/csv/bom-file-round-trip", test_bom_file_round_trip);

  return g_test_run ();
}
