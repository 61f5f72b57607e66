/* td-csv.c — RFC 4180 comma-separated values: a strict reader and a writer.
 *
 * The reader takes quoted fields with embedded commas, quotes ("") and line breaks, CRLF or
 * LF line ends, and a UTF-8 byte-order mark. It refuses what it can't read faithfully —
 * text that is not UTF-8, a quote that never closes, text glued after a closing quote —
 * naming the row and column, so a person can find the spot in a spreadsheet. Rows are
 * counted the way a spreadsheet shows them: a record with a line break inside a quoted
 * field is still one row, and blank lines count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-csv.h"

G_DEFINE_QUARK (td-csv-error-quark, td_csv_error)

typedef struct
{
  GPtrArray *rows;       /* of GStrv */
  GArray    *numbers;    /* of guint */
  GPtrArray *fields;     /* the record being read, of char* */
  GString   *field;
  guint      row;        /* 1-based row of the record being read */
} Reader;

static gboolean
end_field (Reader  *r,
           GError **error)
{
  if (!g_utf8_validate_len (r->field->str, r->field->len, NULL))
    {
      g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_INVALID_UTF8,
                   _("Row %u, column %u is not readable text (not UTF-8). Save the file as "
                     "“CSV UTF-8” and try again."),
                   r->row, r->fields->len + 1);
      return FALSE;
    }
  g_ptr_array_add (r->fields, g_strndup (r->field->str, r->field->len));
  g_string_truncate (r->field, 0);
  return TRUE;
}

static void
end_record (Reader *r)
{
  /* A line with nothing on it is a blank row, not a record with one empty field. */
  if (r->fields->len == 1 && ((char *) r->fields->pdata[0])[0] == '\0')
    {
      g_ptr_array_set_size (r->fields, 0);
      return;
    }
  g_ptr_array_add (r->fields, NULL);
  g_ptr_array_add (r->rows, g_ptr_array_steal (r->fields, NULL));
  g_array_append_val (r->numbers, r->row);
}

static gboolean
field_too_large (Reader  *r,
                 GError **error)
{
  if (r->field->len <= TD_CSV_MAX_FIELD)
    return FALSE;
  g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_LARGE,
               _("Row %u, column %u is longer than %u MB; that is not a field of a shop list."),
               r->row, r->fields->len + 1, (guint) (TD_CSV_MAX_FIELD / (1024 * 1024)));
  return TRUE;
}

/**
 * td_csv_parse:
 * @data: the file's bytes (need not be nul-terminated)
 * @length: how many
 * @error: return location for a #TD_CSV_ERROR naming the row and column
 *
 * Returns: (transfer full) (nullable): the records, or %NULL with @error set
 */
TdCsvTable *
td_csv_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  Reader r = { 0 };
  const char *p = data;
  const char *end = data + length;
  TdCsvTable *table = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > TD_CSV_MAX_INPUT)
    {
      g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_LARGE,
                   _("The file is larger than %u MB; split it into smaller files."),
                   (guint) (TD_CSV_MAX_INPUT / (1024 * 1024)));
      return NULL;
    }

  if (length >= 3 && memcmp (p, TD_CSV_BOM, 3) == 0)
    p += 3;

  r.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  r.numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  r.fields = g_ptr_array_new_with_free_func (g_free);
  r.field = g_string_new (NULL);
  r.row = 1;

  while (ok && p < end)
    {
      if (*p == '"')
        {
          /* area: quoted field — runs to the quote not followed by another quote. */
          guint start_row = r.row;
          gboolean closed = FALSE;

          for (p++; p < end; p++)
            {
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (r.field, '"');
                      p++;
                      continue;
                    }
                  closed = TRUE;
                  p++;
                  break;
                }
              g_string_append_c (r.field, *p);
              if (G_UNLIKELY (r.field->len > TD_CSV_MAX_FIELD))
                break;
            }
          if (field_too_large (&r, error))
            {
              ok = FALSE;
              break;
            }
          if (!closed)
            {
              g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_UNTERMINATED_QUOTE,
                           _("Row %u, column %u opens a quote (\") that is never closed."),
                           start_row, r.fields->len + 1);
              ok = FALSE;
              break;
            }
          if (p < end && *p != ',' && *p != '\n' && *p != '\r')
            {
              g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TEXT_AFTER_QUOTE,
                           _("Row %u, column %u has text after its closing quote (\"). "
                             "A quote inside a quoted field is written twice (\"\")."),
                           start_row, r.fields->len + 1);
              ok = FALSE;
              break;
            }
        }
      else
        {
          /* area: plain field — a stray quote inside it is taken literally, as
           * spreadsheets do. */
          const char *start = p;

          while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            p++;
          g_string_append_len (r.field, start, p - start);
          if (field_too_large (&r, error))
            {
              ok = FALSE;
              break;
            }
        }

      if (!end_field (&r, error))
        {
          ok = FALSE;
          break;
        }

      if (p >= end)
        break;
      if (*p == ',')
        {
          p++;
          if (p >= end)
            {
              /* "a,b," at the very end: the last field is empty. */
              ok = end_field (&r, error);
              break;
            }
          continue;
        }
      /* A line end: CRLF, LF, or a lone CR (old Mac exports). */
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      end_record (&r);
      r.row++;
    }

  if (ok && r.fields->len > 0)
    end_record (&r);

  if (ok)
    {
      table = g_new0 (TdCsvTable, 1);
      table->rows = g_steal_pointer (&r.rows);
      table->row_numbers = (guint *) (void *) g_array_free (g_steal_pointer (&r.numbers), FALSE);
    }

  g_clear_pointer (&r.rows, g_ptr_array_unref);
  if (r.numbers != NULL)
    g_array_free (r.numbers, TRUE);
  g_ptr_array_unref (r.fields);
  g_string_free (r.field, TRUE);
  return table;
}

void
td_csv_table_free (TdCsvTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table->row_numbers);
  g_free (table);
}

guint
td_csv_table_get_n_rows (const TdCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

/**
 * td_csv_table_get_row:
 *
 * Returns: (transfer none): the fields of record @index (0-based), %NULL-terminated
 */
const char * const *
td_csv_table_get_row (const TdCsvTable *table,
                      guint             index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->rows->len, NULL);

  return (const char * const *) table->rows->pdata[index];
}

/**
 * td_csv_table_get_row_number:
 *
 * Returns: the row of the file (1-based, as a spreadsheet numbers it) where record @index starts
 */
guint
td_csv_table_get_row_number (const TdCsvTable *table,
                             guint             index)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (index < table->rows->len, 0);

  return table->row_numbers[index];
}

/**
 * td_csv_append_field:
 * @out: where the line is being built
 * @field: (nullable): the text; %NULL is written as an empty field
 * @first: whether it starts the line (no comma before it)
 *
 * Quotes the field when it holds a comma, quote, line break or edge spaces, or starts with
 * a byte-order mark.
 */
void
td_csv_append_field (GString    *out,
                     const char *field,
                     gboolean    first)
{
  gsize len;

  g_return_if_fail (out != NULL);

  if (!first)
    g_string_append_c (out, ',');
  if (field == NULL || field[0] == '\0')
    return;

  len = strlen (field);
  /* A leading byte-order mark would be taken for the file's own at the start of a file. */
  if (strpbrk (field, ",\"\r\n") == NULL && field[0] != ' ' && field[len - 1] != ' ' &&
      !g_str_has_prefix (field, TD_CSV_BOM))
    {
      g_string_append_len (out, field, len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * td_csv_append_row:
 * @out: where the file is being built
 * @fields: the fields
 * @n_fields: how many, or -1 when @fields is %NULL-terminated
 *
 * Appends one record ending in CRLF, as RFC 4180 writes it.
 */
void
td_csv_append_row (GString            *out,
                   const char * const *fields,
                   gssize              n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  if (n_fields < 0)
    n_fields = g_strv_length ((char **) fields);
  for (gssize i = 0; i < n_fields; i++)
    td_csv_append_field (out, fields[i], i == 0);
  g_string_append (out, "\r\n");
}
