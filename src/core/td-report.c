/* td-report.c — a report's tables of typed cells; see td-report.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-csv.h"
#include "td-report.h"

typedef struct
{
  char               *id;
  char               *title;
  TdReportColumnKind  kind;
} Column;

typedef struct
{
  gint64  num;
  char   *text;
} Cell;

struct _TdReportTable
{
  char      *id;
  char      *title;
  GPtrArray *columns;   /* Column */
  GPtrArray *rows;      /* Cell[n_columns] */
};

struct _TdReport
{
  gatomicrefcount  ref;
  TdReportKind     kind;
  TdReportPeriod   period;
  TdReportPeriod   compare;
  gboolean         has_compare;
  GPtrArray       *tables;
};

G_DEFINE_BOXED_TYPE (TdReport, td_report, td_report_ref, td_report_unref)

static void
column_free (gpointer data)
{
  Column *c = data;

  g_free (c->id);
  g_free (c->title);
  g_free (c);
}

static void
table_free (gpointer data)
{
  TdReportTable *t = data;

  for (guint r = 0; r < t->rows->len; r++)
    {
      Cell *cells = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < t->columns->len; c++)
        g_free (cells[c].text);
      g_free (cells);
    }
  g_ptr_array_unref (t->rows);
  g_ptr_array_unref (t->columns);
  g_free (t->id);
  g_free (t->title);
  g_free (t);
}

/**
 * td_report_new:
 * @compare: (nullable): the period to compare with
 *
 * Returns: (transfer full): an empty report
 */
TdReport *
td_report_new (TdReportKind          kind,
               const TdReportPeriod *period,
               const TdReportPeriod *compare)
{
  TdReport *self = g_new0 (TdReport, 1);

  g_return_val_if_fail (period != NULL, NULL);
  g_atomic_ref_count_init (&self->ref);
  self->kind = kind;
  self->period = *period;
  self->has_compare = compare != NULL;
  if (compare != NULL)
    self->compare = *compare;
  self->tables = g_ptr_array_new_with_free_func (table_free);
  return self;
}

TdReport *
td_report_ref (TdReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_atomic_ref_count_inc (&report->ref);
  return report;
}

void
td_report_unref (TdReport *report)
{
  g_return_if_fail (report != NULL);
  if (!g_atomic_ref_count_dec (&report->ref))
    return;
  g_ptr_array_unref (report->tables);
  g_free (report);
}

TdReportKind
td_report_get_kind (TdReport *report)
{
  return report->kind;
}

const TdReportPeriod *
td_report_get_period (TdReport *report)
{
  return &report->period;
}

/* Returns: (nullable): the compared period, if any. */
const TdReportPeriod *
td_report_get_compare (TdReport *report)
{
  return report->has_compare ? &report->compare : NULL;
}

const char *
td_report_kind_get_title (TdReportKind kind)
{
  switch (kind)
    {
    case TD_REPORT_SUMMARY: return _("Sales summary");
    case TD_REPORT_OVER_TIME: return _("Sales over time");
    case TD_REPORT_CATEGORIES: return _("Categories, brands and grades");
    case TD_REPORT_CONSIGNORS: return _("Consignors");
    case TD_REPORT_INVENTORY: return _("Inventory health");
    case TD_REPORT_TAX: return _("Tax");
    case TD_REPORT_IMPACT: return _("Circular impact");
    case TD_N_REPORTS:
    default: return "";
    }
}

/* A stable name for files and the bench ("summary", "over-time" …). */
const char *
td_report_kind_to_string (TdReportKind kind)
{
  static const char * const names[] = {
    "summary", "over-time", "categories", "consignors", "inventory", "tax", "impact",
  };

  g_return_val_if_fail (kind < TD_N_REPORTS, "");
  return names[kind];
}

guint
td_report_get_n_tables (TdReport *report)
{
  return report->tables->len;
}

TdReportTable *
td_report_get_table (TdReport *report,
                     guint     index)
{
  g_return_val_if_fail (index < report->tables->len, NULL);
  return g_ptr_array_index (report->tables, index);
}

/* Returns: (nullable): the table called @id. */
TdReportTable *
td_report_find_table (TdReport   *report,
                      const char *id)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      TdReportTable *t = g_ptr_array_index (report->tables, i);

      if (g_str_equal (t->id, id))
        return t;
    }
  return NULL;
}

/* Returns: (transfer none): a new empty table, owned by @report. */
TdReportTable *
td_report_add_table (TdReport   *report,
                     const char *id,
                     const char *title)
{
  TdReportTable *t = g_new0 (TdReportTable, 1);

  t->id = g_strdup (id);
  t->title = g_strdup (title);
  t->columns = g_ptr_array_new_with_free_func (column_free);
  t->rows = g_ptr_array_new ();
  g_ptr_array_add (report->tables, t);
  return t;
}

const char *
td_report_table_get_id (TdReportTable *table)
{
  return table->id;
}

const char *
td_report_table_get_title (TdReportTable *table)
{
  return table->title;
}

/* Columns are all added before the first row. Returns the column's index. */
guint
td_report_table_add_column (TdReportTable      *table,
                            const char         *id,
                            const char         *title,
                            TdReportColumnKind  kind)
{
  Column *c = g_new0 (Column, 1);

  g_return_val_if_fail (table->rows->len == 0, 0);
  c->id = g_strdup (id);
  c->title = g_strdup (title);
  c->kind = kind;
  g_ptr_array_add (table->columns, c);
  return table->columns->len - 1;
}

guint
td_report_table_get_n_columns (TdReportTable *table)
{
  return table->columns->len;
}

static Column *
column_at (TdReportTable *table,
           guint          column)
{
  g_assert (column < table->columns->len);
  return g_ptr_array_index (table->columns, column);
}

const char *
td_report_table_get_column_id (TdReportTable *table,
                               guint          column)
{
  return column_at (table, column)->id;
}

const char *
td_report_table_get_column_title (TdReportTable *table,
                                  guint          column)
{
  return column_at (table, column)->title;
}

TdReportColumnKind
td_report_table_get_column_kind (TdReportTable *table,
                                 guint          column)
{
  return column_at (table, column)->kind;
}

/* Returns: the index of the column called @id, or -1. */
int
td_report_table_find_column (TdReportTable *table,
                             const char    *id)
{
  for (guint c = 0; c < table->columns->len; c++)
    if (g_str_equal (column_at (table, c)->id, id))
      return (int) c;
  return -1;
}

guint
td_report_table_add_row (TdReportTable *table)
{
  g_ptr_array_add (table->rows, g_new0 (Cell, MAX (table->columns->len, 1)));
  return table->rows->len - 1;
}

guint
td_report_table_get_n_rows (TdReportTable *table)
{
  return table->rows->len;
}

static Cell *
cell_at (TdReportTable *table,
         guint          row,
         guint          column)
{
  g_assert (row < table->rows->len && column < table->columns->len);
  return &((Cell *) g_ptr_array_index (table->rows, row))[column];
}

void
td_report_table_set_num (TdReportTable *table,
                         guint          row,
                         guint          column,
                         gint64         value)
{
  cell_at (table, row, column)->num = value;
}

void
td_report_table_set_text (TdReportTable *table,
                          guint          row,
                          guint          column,
                          const char    *text)
{
  Cell *cell = cell_at (table, row, column);

  g_free (cell->text);
  cell->text = g_strdup (text);
}

gint64
td_report_table_get_num (TdReportTable *table,
                         guint          row,
                         guint          column)
{
  return cell_at (table, row, column)->num;
}

/* Returns: (nullable): a text cell's text. */
const char *
td_report_table_get_text (TdReportTable *table,
                          guint          row,
                          guint          column)
{
  return cell_at (table, row, column)->text;
}

/* The sum of a numeric column over every row (0 for an unknown column). */
gint64
td_report_table_sum (TdReportTable *table,
                     const char    *column_id)
{
  int c = td_report_table_find_column (table, column_id);
  gint64 sum = 0;

  if (c < 0)
    return 0;
  for (guint r = 0; r < table->rows->len; r++)
    sum += cell_at (table, r, (guint) c)->num;
  return sum;
}

static char *
format_day_local (int day)
{
  GDate date;
  char buf[64];

  if (!td_report_day_valid (day))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day % 100, day / 100 % 100, day / 10000);
  if (g_date_strftime (buf, sizeof buf, "%x", &date) == 0)
    return td_report_day_format_iso (day);
  return g_strdup (buf);
}

/**
 * td_report_format_cell:
 * Returns: (transfer full): the cell as the person's locale writes it (money with the
 * shop's currency in the locale's money format).
 */
char *
td_report_format_cell (TdReportTable       *table,
                       guint                row,
                       guint                column,
                       const TdCurrency    *currency,
                       const TdMoneyFormat *fmt)
{
  Cell *cell = cell_at (table, row, column);

  switch (column_at (table, column)->kind)
    {
    case TD_REPORT_COLUMN_MONEY:
      return td_money_format (cell->num, currency, fmt);
    case TD_REPORT_COLUMN_COUNT:
      return g_strdup_printf ("%'" G_GINT64_FORMAT, cell->num);
    case TD_REPORT_COLUMN_PERCENT:
      return g_strdup_printf ("%.1f %%", cell->num / 100.0);
    case TD_REPORT_COLUMN_TENTHS:
      return g_strdup_printf ("%'.1f", cell->num / 10.0);
    case TD_REPORT_COLUMN_DAY:
      return format_day_local ((int) cell->num);
    case TD_REPORT_COLUMN_TEXT:
    default:
      return g_strdup (cell->text != NULL ? cell->text : "");
    }
}

/* Major units with a dot, whatever the locale: 1234 at 2 digits → "12.34", −5 → "-0.05". */
static char *
format_major (gint64 amount,
              int    digits)
{
  guint64 abs = amount < 0 ? (guint64) -(amount + 1) + 1 : (guint64) amount;
  guint64 scale = 1;

  for (int i = 0; i < digits; i++)
    scale *= 10;
  if (digits == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, amount < 0 ? "-" : "", abs);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, amount < 0 ? "-" : "",
                          abs / scale, digits, abs % scale);
}

/**
 * td_report_format_csv_cell:
 * Returns: (transfer full): the cell for a CSV file: amounts in major units with a dot,
 * percentages and tenths with a dot, days as ISO 8601 dates, counts as plain digits.
 */
char *
td_report_format_csv_cell (TdReportTable    *table,
                           guint             row,
                           guint             column,
                           const TdCurrency *currency)
{
  Cell *cell = cell_at (table, row, column);

  switch (column_at (table, column)->kind)
    {
    case TD_REPORT_COLUMN_MONEY:
      return format_major (cell->num, currency != NULL ? currency->digits : 2);
    case TD_REPORT_COLUMN_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, cell->num);
    case TD_REPORT_COLUMN_PERCENT:
      return format_major (cell->num, 2);
    case TD_REPORT_COLUMN_TENTHS:
      return format_major (cell->num, 1);
    case TD_REPORT_COLUMN_DAY:
      return td_report_day_valid ((int) cell->num) ? td_report_day_format_iso ((int) cell->num)
                                                   : g_strdup ("");
    case TD_REPORT_COLUMN_TEXT:
    default:
      return g_strdup (cell->text != NULL ? cell->text : "");
    }
}

/**
 * td_report_write_csv:
 * @out: where the text goes (appended)
 *
 * Writes the report as RFC 4180 CSV (UTF-8, CRLF line ends): a UTF-8 byte-order mark when
 * @out is empty (the start of a file), then for each table a line with its title, a header
 * line of column titles, the rows, and an empty line between tables. Cells are written by
 * td_report_format_csv_cell(): amounts with a dot, days as ISO dates. Checked with
 * LibreOffice 7.4 (HACKING.md, "CSV in LibreOffice"): the byte-order mark makes its Text
 * Import dialog preselect "Unicode (UTF-8)"; with an English import language every number,
 * date and text (Chinese, accents, quotes, line breaks) reads right; with a comma-decimal
 * import language (German) amounts read as text unless their columns are set to "US English".
 */
void
td_report_write_csv (TdReport         *report,
                     const TdCurrency *currency,
                     GString          *out)
{
  g_return_if_fail (report != NULL && out != NULL);
  if (out->len == 0)
    g_string_append (out, TD_CSV_BOM);
  for (guint t = 0; t < report->tables->len; t++)
    {
      TdReportTable *table = g_ptr_array_index (report->tables, t);

      if (t > 0)
        g_string_append (out, "\r\n");
      td_csv_append_field (out, table->title, TRUE);
      g_string_append (out, "\r\n");
      for (guint c = 0; c < table->columns->len; c++)
        td_csv_append_field (out, column_at (table, c)->title, c == 0);
      g_string_append (out, "\r\n");
      for (guint r = 0; r < table->rows->len; r++)
        {
          for (guint c = 0; c < table->columns->len; c++)
            {
              g_autofree char *text = td_report_format_csv_cell (table, r, c, currency);

              td_csv_append_field (out, text, c == 0);
            }
          g_string_append (out, "\r\n");
        }
    }
}
