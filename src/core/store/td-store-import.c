/* td-store-import.c — CSV import of consignors and items: map, check, then write all or nothing.
 *
 * A file is read whole (td-csv.c), its header mapped to our fields (our own names, then
 * names other consignment programs export — best effort, see HACKING.md), and every row
 * checked against the shop before anything is written: the preview shows the first records
 * and every problem as "row N, column: message". td_import_commit() writes every record in
 * one transaction and writes nothing when any row has a problem.
 *
 * Two dialects: a file whose header has an `id` column is a Thriftdesk export
 * (td_export_shop(): amounts in minor units, times in UTC µs, shares in basis points);
 * anything else is a person's list (amounts like 12.50, shares in percent).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-csv.h"
#include "td-import-private.h"
#include "td-money.h"
#include "td-store-private.h"
#include "td-store-stock-private.h"

#define MAX_TEXT 4000
#define MAX_PROBLEMS 200

G_DEFINE_QUARK (td-import-error-quark, td_import_error)

typedef enum { T_TEXT, T_CODE, T_MONEY, T_INT, T_SHARE, T_BOOL, T_TIME, T_JSON } Type;

typedef struct
{
  const char *name;       /* our column (the table's) */
  Type        type;
  gboolean    required;
  const char *aliases;    /* other programs' names, '|'-separated, compared folded */
} Field;

/* area: fields — the consignor table's columns, then what other programs call them. */
static const Field consignor_fields[] = {
  { "code", T_CODE, TRUE, "consignor code|consignor id|consignor #|consignor number|account|"
                          "account number|account #|account id|acct|vendor id|vendor code" },
  { "name", T_TEXT, TRUE, "consignor name|full name|consignor|vendor|vendor name|display name" },
  { "first_name", T_TEXT, FALSE, "first name|firstname|first" },
  { "last_name", T_TEXT, FALSE, "last name|lastname|last|surname" },
  { "phone", T_TEXT, FALSE, "phone number|mobile|cell|cell phone|telephone|phone 1" },
  { "email", T_TEXT, FALSE, "e-mail|email address|e-mail address" },
  { "address", T_TEXT, FALSE, "street|address 1|address line 1|mailing address|street address" },
  { "notes", T_TEXT, FALSE, "note|comments|comment" },
  { "share_bp", T_SHARE, FALSE, "share|share percent|share %|split|consignor split|"
                                "consignor %|consignor percent|commission split|split %" },
  { "period_days", T_INT, FALSE, "consignment period|period|consignment days|days" },
  { "expiry_action", T_TEXT, FALSE, "expiry|when period ends" },
  { "min_payout", T_MONEY, FALSE, "minimum payout" },
  { "payout_method", T_TEXT, FALSE, "payout|payment method" },
  { "active", T_BOOL, FALSE, "is active|status" },
  { "created_at", T_TIME, FALSE, NULL },
};

static const Field item_fields[] = {
  { "sku", T_CODE, TRUE, "item #|item number|item id|tag|tag #|tag number|barcode|"
                         "inventory number|inventory #|sku number|stock number" },
  { "title", T_TEXT, TRUE, "name|item name|item|item title|title/name|short description" },
  { "price", T_MONEY, TRUE, "retail price|tag price|item price|selling price|price ($)|"
                            "sale price|current price" },
  { "consignor_code", T_CODE, FALSE, "consignor|consignor id|consignor #|consignor code|"
                                     "account|account number|account #|vendor|vendor id" },
  { "description", T_TEXT, FALSE, "details|long description|item description" },
  { "category_code", T_TEXT, FALSE, "category|department|category name" },
  { "brand", T_TEXT, FALSE, "make|manufacturer|designer|label" },
  { "size", T_TEXT, FALSE, NULL },
  { "colour", T_TEXT, FALSE, "color" },
  { "material", T_TEXT, FALSE, "fabric" },
  { "grade_code", T_TEXT, FALSE, "grade|condition" },
  { "min_price", T_MONEY, FALSE, "minimum price|floor price|lowest price|min price" },
  { "cost", T_MONEY, FALSE, "cost price|purchase price|item cost" },
  { "quantity", T_INT, FALSE, "qty|quantity on hand|on hand" },
  { "status", T_TEXT, FALSE, NULL },
  { "acquisition", T_TEXT, FALSE, NULL },
  { "share_bp", T_INT, FALSE, NULL },
  { "defects", T_JSON, FALSE, NULL },
  { "tag_colour", T_TEXT, FALSE, "tag color" },
  { "vintage_year", T_INT, FALSE, NULL },
  { "intake_at", T_TIME, FALSE, NULL },
  { "expires_at", T_TIME, FALSE, NULL },
  { "sold_at", T_TIME, FALSE, NULL },
};

struct _TdImportPlan
{
  TdImportKind  kind;
  TdCsvTable   *table;
  const Field  *fields;
  guint         n_fields;
  int          *column_of;     /* field → file column, or -1 */
  gboolean      raw;           /* a Thriftdesk export: minor units, µs, basis points */
  GArray       *problems;      /* of TdImportProblem */
  guint         n_more;        /* problems not kept past MAX_PROBLEMS */
  const TdCurrency *currency;
};

static void
problem_clear (gpointer data)
{
  TdImportProblem *p = data;

  g_free (p->column);
  g_free (p->message);
}

void
td_import_plan_free (TdImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->table, td_csv_table_free);
  g_free (plan->column_of);
  g_array_unref (plan->problems);
  g_free (plan);
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *folded = g_utf8_casefold (stripped, -1);

  for (char *p = folded; *p; p++)
    if (*p == '_')
      *p = ' ';
  return folded;
}

static gboolean
header_matches (const Field *field,
                const char  *folded)
{
  g_autofree char *name = fold (field->name);
  g_auto(GStrv) aliases = NULL;

  if (g_strcmp0 (name, folded) == 0)
    return TRUE;
  if (field->aliases == NULL)
    return FALSE;
  aliases = g_strsplit (field->aliases, "|", -1);
  for (guint i = 0; aliases[i] != NULL; i++)
    if (g_strcmp0 (aliases[i], folded) == 0)
      return TRUE;
  return FALSE;
}

static void
add_problem (TdImportPlan *plan,
             guint         row,
             int           column,
             const char   *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (TdImportPlan *plan,
             guint         row,
             int           column,
             const char   *format,
             ...)
{
  TdImportProblem p = { row, NULL, NULL };
  va_list args;

  if (plan->problems->len >= MAX_PROBLEMS)
    {
      plan->n_more++;
      return;
    }
  if (column >= 0)
    {
      const char * const *header = td_csv_table_get_row (plan->table, 0);
      p.column = g_strdup (header[column]);
    }
  va_start (args, format);
  p.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (plan->problems, p);
}

/* The value of @field in table row @index (0 = header); "" when the column is absent. */
static const char *
value_of (TdImportPlan *plan,
          guint         index,
          const char   *field)
{
  const char * const *row = td_csv_table_get_row (plan->table, index);

  for (guint f = 0; f < plan->n_fields; f++)
    if (strcmp (plan->fields[f].name, field) == 0)
      {
        int c = plan->column_of[f];

        if (c < 0 || c >= (int) g_strv_length ((char **) row))
          return "";
        return row[c];
      }
  g_assert_not_reached ();
}

static int
column_of (TdImportPlan *plan,
           const char   *field)
{
  for (guint f = 0; f < plan->n_fields; f++)
    if (strcmp (plan->fields[f].name, field) == 0)
      return plan->column_of[f];
  return -1;
}

gboolean
td_import_parse_money (TdImportPlan *plan,
                       const char   *text,
                       gint64       *amount)
{
  TdMoneyFormat fmt;
  g_autoptr(GError) error = NULL;
  g_autofree char *s = g_strstrip (g_strdup (text));

  if (plan->raw)
    return g_ascii_string_to_signed (s, 10, 0, G_MAXINT64 / 4, amount, NULL);
  td_money_format_init_default (&fmt);
  return td_money_parse (s, plan->currency, &fmt, amount, &error) && *amount >= 0;
}

gboolean
td_import_parse_share (TdImportPlan *plan,
                       const char   *text,
                       gint64       *bp)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  gsize len = strlen (s);
  char *end = NULL;
  double percent;

  if (plan->raw)
    return g_ascii_string_to_signed (s, 10, 0, 10000, bp, NULL);
  if (len > 0 && s[len - 1] == '%')
    s[len - 1] = '\0';
  g_strchomp (s);
  percent = g_ascii_strtod (s, &end);
  if (s[0] == '\0' || end == NULL || *end != '\0' || !(percent >= 0 && percent <= 100))
    return FALSE;
  *bp = (gint64) (percent * 100 + 0.5);
  return TRUE;
}

gboolean
td_import_parse_bool (const char *text,
                      gboolean   *value)
{
  g_autofree char *s = fold (text);

  if (strcmp (s, "1") == 0 || strcmp (s, "yes") == 0 || strcmp (s, "true") == 0 ||
      strcmp (s, "active") == 0 || strcmp (s, "y") == 0)
    *value = TRUE;
  else if (strcmp (s, "0") == 0 || strcmp (s, "no") == 0 || strcmp (s, "false") == 0 ||
           strcmp (s, "inactive") == 0 || strcmp (s, "n") == 0)
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
exists (TdDatabase  *db,
        const char  *sql,
        const char  *key,
        gint64      *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, &error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (id != NULL)
    *id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The values a column with a CHECK constraint takes, '|'-wrapped; NULL for free text. */
static const char *
choices_for (const char *field)
{
  if (strcmp (field, "expiry_action") == 0)
    return "|return|donate|shop_stock|";
  if (strcmp (field, "payout_method") == 0)
    return "|cash|cheque|bank_transfer|store_credit|";
  if (strcmp (field, "status") == 0)
    return "|draft|available|held|sold|returned|donated|damaged|";
  if (strcmp (field, "acquisition") == 0)
    return "|consigned|bought|donated|";
  return NULL;
}

/* area: checks — every field of every record; nothing is written. */
static void
check_record (TdDatabase   *db,
              TdImportPlan *plan,
              guint         index,
              GHashTable   *seen_keys)
{
  guint row = td_csv_table_get_row_number (plan->table, index);
  const char *key_field = plan->fields[0].name;
  g_autofree char *key = g_strstrip (g_strdup (value_of (plan, index, key_field)));
  g_autofree char *folded_key = g_utf8_casefold (key, -1);

  for (guint f = 0; f < plan->n_fields; f++)
    {
      const Field *field = &plan->fields[f];
      int c = plan->column_of[f];
      g_autofree char *v = NULL;
      gint64 n;
      gboolean b;

      if (c < 0)
        continue;
      v = g_strstrip (g_strdup (value_of (plan, index, field->name)));
      if (v[0] == '\0')
        {
          if (field->required && !(strcmp (field->name, "name") == 0 &&
                                   (column_of (plan, "first_name") >= 0 ||
                                    column_of (plan, "last_name") >= 0)))
            add_problem (plan, row, c, _("This can’t be empty."));
          continue;
        }
      if (strlen (v) > MAX_TEXT)
        {
          add_problem (plan, row, c, _("This is longer than %d characters."), MAX_TEXT);
          continue;
        }
      switch (field->type)
        {
        case T_MONEY:
          if (!td_import_parse_money (plan, v, &n))
            add_problem (plan, row, c, _("“%s” is not an amount of money, such as 12.50."), v);
          else if (strcmp (field->name, "price") == 0 && n <= 0)
            add_problem (plan, row, c, _("The price must be more than zero."));
          break;
        case T_SHARE:
          if (!td_import_parse_share (plan, v, &n))
            add_problem (plan, row, c, _("“%s” is not a share from 0 to 100 %%."), v);
          break;
        case T_INT:
        case T_TIME:
          if (!g_ascii_string_to_signed (v, 10, 0, G_MAXINT64, &n, NULL))
            add_problem (plan, row, c, _("“%s” is not a whole number."), v);
          else if (strcmp (field->name, "quantity") != 0 && n == 0 && field->type == T_INT &&
                   strcmp (field->name, "period_days") == 0)
            add_problem (plan, row, c, _("The period must be at least one day."));
          break;
        case T_BOOL:
          if (!td_import_parse_bool (v, &b))
            add_problem (plan, row, c, _("“%s” is not yes or no."), v);
          break;
        case T_CODE:
          if (strchr (v, '\n') != NULL || strchr (v, '\r') != NULL)
            add_problem (plan, row, c, _("A code can’t have line breaks."));
          break;
        case T_JSON:
          if (!g_str_has_prefix (v, "["))
            add_problem (plan, row, c, _("This must be a list like [\"stain\"]."));
          break;
        case T_TEXT:
        default:
          {
            const char *allowed = choices_for (field->name);
            g_autofree char *wrapped = g_strconcat ("|", v, "|", NULL);

            if (allowed != NULL && strstr (allowed, wrapped) == NULL)
              add_problem (plan, row, c, _("“%s” is not one of: %s."), v, allowed);
          }
          break;
        }
    }

  if (key[0] != '\0')
    {
      int c = plan->column_of[0];

      if (g_hash_table_contains (seen_keys, folded_key))
        add_problem (plan, row, c, _("“%s” appears twice in the file."), key);
      else
        g_hash_table_add (seen_keys, g_strdup (folded_key));
      if (plan->kind == TD_IMPORT_CONSIGNORS &&
          exists (db, "SELECT id FROM consignor WHERE code = ?", key, NULL))
        add_problem (plan, row, c, _("The shop already has a consignor “%s”."), key);
      if (plan->kind == TD_IMPORT_ITEMS && exists (db, "SELECT id FROM item WHERE sku = ?", key, NULL))
        add_problem (plan, row, c, _("The shop already has an item “%s”."), key);
    }

  if (plan->kind == TD_IMPORT_ITEMS)
    {
      const char *consignor = value_of (plan, index, "consignor_code");
      const char *category = value_of (plan, index, "category_code");
      const char *grade = value_of (plan, index, "grade_code");

      if (consignor[0] != '\0' &&
          !exists (db, "SELECT id FROM consignor WHERE code = ?", consignor, NULL))
        add_problem (plan, row, column_of (plan, "consignor_code"),
                     _("There is no consignor “%s”. Import the consignors first."), consignor);
      if (category[0] != '\0' &&
          !exists (db, "SELECT id FROM category WHERE code = ?1 OR name = ?1 COLLATE NOCASE",
                   category, NULL))
        add_problem (plan, row, column_of (plan, "category_code"),
                     _("There is no category “%s”."), category);
      if (grade[0] != '\0' &&
          !exists (db, "SELECT id FROM grade WHERE code = ?1 OR label = ?1 COLLATE NOCASE",
                   grade, NULL))
        add_problem (plan, row, column_of (plan, "grade_code"),
                     _("There is no grade “%s”."), grade);
    }
}

/**
 * td_import_prepare:
 * @db: the shop (only read)
 * @kind: what the file lists
 * @data: the file's bytes
 * @length: how many
 * @error: return location; %TD_IMPORT_ERROR_UNREADABLE or %TD_IMPORT_ERROR_NO_COLUMNS
 *
 * Reads, maps and checks a file without writing anything. Row problems do not fail this
 * call: they are in the plan, for the preview.
 *
 * Returns: (transfer full) (nullable): the plan
 */
TdImportPlan *
td_import_prepare (TdDatabase    *db,
                   TdImportKind   kind,
                   const char    *data,
                   gsize          length,
                   GError       **error)
{
  g_autoptr(TdImportPlan) plan = g_new0 (TdImportPlan, 1);
  g_autoptr(GError) csv_error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *currency = NULL;
  const char * const *header;
  guint n_header;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  plan->kind = kind;
  plan->problems = g_array_new (FALSE, FALSE, sizeof (TdImportProblem));
  g_array_set_clear_func (plan->problems, problem_clear);
  plan->fields = kind == TD_IMPORT_CONSIGNORS ? consignor_fields : item_fields;
  plan->n_fields = kind == TD_IMPORT_CONSIGNORS ? G_N_ELEMENTS (consignor_fields)
                                                : G_N_ELEMENTS (item_fields);
  plan->column_of = g_new (int, plan->n_fields);
  for (guint f = 0; f < plan->n_fields; f++)
    plan->column_of[f] = -1;
  currency = td_store_settings_dup (db, TD_SETTING_SHOP_CURRENCY, NULL);
  plan->currency = td_currency_lookup (currency ? currency : td_currency_default_code ());
  if (plan->currency == NULL)
    plan->currency = td_currency_lookup (td_currency_default_code ());

  plan->table = td_csv_parse (data, length, &csv_error);
  if (plan->table == NULL)
    {
      g_set_error_literal (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_UNREADABLE, csv_error->message);
      return NULL;
    }
  if (td_csv_table_get_n_rows (plan->table) == 0)
    {
      g_set_error_literal (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_NO_COLUMNS,
                           _("The file is empty."));
      return NULL;
    }

  /* area: header — the first match wins; a column we don't know is left out. */
  header = td_csv_table_get_row (plan->table, 0);
  n_header = g_strv_length ((char **) header);
  for (guint c = 0; c < n_header; c++)
    if (strcmp (header[c], "id") == 0)
      plan->raw = TRUE;
  for (guint c = 0; c < n_header; c++)
    {
      g_autofree char *folded = fold (header[c]);

      for (guint f = 0; f < plan->n_fields; f++)
        if (plan->column_of[f] < 0 &&
            (plan->raw ? strcmp (header[c], plan->fields[f].name) == 0
                       : header_matches (&plan->fields[f], folded)))
          {
            plan->column_of[f] = (int) c;
            break;
          }
    }
  for (guint f = 0; f < plan->n_fields; f++)
    if (plan->fields[f].required && plan->column_of[f] < 0 &&
        !(strcmp (plan->fields[f].name, "name") == 0 &&
          (column_of (plan, "first_name") >= 0 || column_of (plan, "last_name") >= 0)))
      {
        g_set_error (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_NO_COLUMNS,
                     _("The file has no “%s” column. The first row must name the columns; "
                       "see the import layout in the manual."), plan->fields[f].name);
        return NULL;
      }

  for (guint i = 1; i < td_csv_table_get_n_rows (plan->table); i++)
    check_record (db, plan, i, seen);

  return g_steal_pointer (&plan);
}

/* Record @record (0 = the first below the header). */
const char *
td_import_value (TdImportPlan *plan,
                 guint         record,
                 const char   *field)
{
  return value_of (plan, record + 1, field);
}

guint
td_import_plan_get_row_number (TdImportPlan *plan,
                               guint         record)
{
  return td_csv_table_get_row_number (plan->table, record + 1);
}

gboolean
td_import_is_raw (TdImportPlan *plan)
{
  return plan->raw;
}

TdImportKind
td_import_plan_get_kind (TdImportPlan *plan)
{
  return plan->kind;
}

/**
 * td_import_plan_get_n_records:
 * Returns: the records below the header
 */
guint
td_import_plan_get_n_records (TdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return td_csv_table_get_n_rows (plan->table) - 1;
}

/**
 * td_import_plan_dup_columns:
 * Returns: (transfer full): the file's column headers
 */
GStrv
td_import_plan_dup_columns (TdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return g_strdupv ((char **) td_csv_table_get_row (plan->table, 0));
}

/**
 * td_import_plan_get_record:
 * Returns: (transfer none): the fields of record @index (0 = the first below the header)
 */
const char * const *
td_import_plan_get_record (TdImportPlan *plan,
                           guint         index)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return td_csv_table_get_row (plan->table, index + 1);
}

guint
td_import_plan_get_n_problems (TdImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->problems->len;
}

const TdImportProblem *
td_import_plan_get_problem (TdImportPlan *plan,
                            guint         index)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (index < plan->problems->len, NULL);

  return &g_array_index (plan->problems, TdImportProblem, index);
}

/**
 * td_import_plan_dup_mapping:
 * Returns: (transfer full): how the file's columns are read, one "file column → field" a
 *   line, and the columns left out
 */
char *
td_import_plan_dup_mapping (TdImportPlan *plan)
{
  const char * const *header = td_csv_table_get_row (plan->table, 0);
  GString *out = g_string_new (NULL);

  for (guint c = 0; header[c] != NULL; c++)
    {
      const char *field = NULL;

      for (guint f = 0; f < plan->n_fields; f++)
        if (plan->column_of[f] == (int) c)
          field = plan->fields[f].name;
      if (field != NULL)
        g_string_append_printf (out, "%s → %s\n", header[c], field);
      else
        /* Translators: a column of the file that is not imported */
        g_string_append_printf (out, _("%s (left out)\n"), header[c]);
    }
  return g_string_free (out, FALSE);
}
