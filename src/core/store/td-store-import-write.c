/* td-store-import-write.c — writing a checked import in one transaction, and the full export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "td-csv.h"
#include "td-import-private.h"
#include "td-store-private.h"
#include "td-store-stock-private.h"

typedef struct
{
  TdImportPlan *plan;
  gint64        staff_id;
  gint64        now_us;
  guint         written;
} Commit;

static void
bind_text_or_default (TdStmt     *stmt,
                      int         index,
                      const char *text)
{
  g_autofree char *s = g_strstrip (g_strdup (text));

  sqlite3_bind_text (stmt, index, s, -1, SQLITE_TRANSIENT);
}

static gboolean
insert_consignor (TdDatabase    *db,
                  TdImportPlan  *plan,
                  guint          i,
                  Commit        *c,
                  GError       **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO consignor (code, name, phone, email, address, notes, share_bp, period_days, "
    "  expiry_action, min_payout, payout_method, active, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce (?11, 'cash'), ?12, ?13)", error);
  g_autofree char *name = g_strstrip (g_strdup (td_import_value (plan, i, "name")));
  const char *v;
  gint64 n;
  gboolean b;

  if (stmt == NULL)
    return FALSE;
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strstrip (g_strdup_printf ("%s %s", td_import_value (plan, i, "first_name"),
                                          td_import_value (plan, i, "last_name")));
    }
  bind_text_or_default (stmt, 1, td_import_value (plan, i, "code"));
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  bind_text_or_default (stmt, 3, td_import_value (plan, i, "phone"));
  bind_text_or_default (stmt, 4, td_import_value (plan, i, "email"));
  bind_text_or_default (stmt, 5, td_import_value (plan, i, "address"));
  bind_text_or_default (stmt, 6, td_import_value (plan, i, "notes"));
  if (td_import_parse_share (plan, td_import_value (plan, i, "share_bp"), &n))
    sqlite3_bind_int64 (stmt, 7, n);
  if (g_ascii_string_to_signed (td_import_value (plan, i, "period_days"), 10, 1, 100000, &n,
                                NULL))
    sqlite3_bind_int64 (stmt, 8, n);
  if ((v = td_import_value (plan, i, "expiry_action"))[0] != '\0')
    bind_text_or_default (stmt, 9, v);
  sqlite3_bind_int64 (stmt, 10, td_import_parse_money (plan, td_import_value (plan, i, "min_payout"),
                                                       &n) ? n : 0);
  if ((v = td_import_value (plan, i, "payout_method"))[0] != '\0')
    bind_text_or_default (stmt, 11, v);
  sqlite3_bind_int (stmt, 12, td_import_parse_bool (td_import_value (plan, i, "active"), &b) ? b
                                                                                           : 1);
  if (!g_ascii_string_to_signed (td_import_value (plan, i, "created_at"), 10, 0, G_MAXINT64, &n,
                                 NULL))
    n = c->now_us;
  sqlite3_bind_int64 (stmt, 13, n);
  return td_database_step_done (db, stmt, error);
}

static gint64
lookup_id (TdDatabase *db,
           const char *sql,
           const char *key)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autofree char *k = g_strstrip (g_strdup (key));

  if (k[0] == '\0' || (stmt = td_database_prepare (db, sql, NULL)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, k, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gint64
setting_int (TdDatabase *db,
             const char *key,
             gint64      fallback)
{
  g_autofree char *value = td_store_settings_dup (db, key, NULL);
  gint64 n;

  if (value != NULL && g_ascii_string_to_signed (value, 10, 0, G_MAXINT32, &n, NULL))
    return n;
  return fallback;
}

static void
bind_time_or (TdStmt     *stmt,
              int         index,
              const char *text,
              gint64      fallback)
{
  gint64 n;

  if (g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &n, NULL))
    sqlite3_bind_int64 (stmt, index, n);
  else if (fallback > 0)
    sqlite3_bind_int64 (stmt, index, fallback);
}

static gboolean
insert_item (TdDatabase    *db,
             TdImportPlan  *plan,
             guint          i,
             Commit        *c,
             GError       **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO item (sku, consignor_id, acquisition, title, description, category_id, brand, "
    "  size, colour, material, grade_id, defects, price, min_price, cost, share_bp, quantity, "
    "  status, tag_colour, vintage_year, search_text, intake_at, expires_at, sold_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, coalesce (?12, '[]'), ?13, ?14, ?15, "
    "  ?16, ?17, coalesce (?18, 'available'), ?19, ?20, ?21, ?22, ?23, ?24, ?25)", error);
  g_autofree char *sku = g_strstrip (g_strdup (td_import_value (plan, i, "sku")));
  g_autofree char *title = g_strstrip (g_strdup (td_import_value (plan, i, "title")));
  g_autofree char *brand = g_strstrip (g_strdup (td_import_value (plan, i, "brand")));
  g_autofree char *size = g_strstrip (g_strdup (td_import_value (plan, i, "size")));
  g_autofree char *colour = g_strstrip (g_strdup (td_import_value (plan, i, "colour")));
  g_autofree char *code = g_strstrip (g_strdup (td_import_value (plan, i, "consignor_code")));
  g_autofree char *search_text = NULL;
  gint64 consignor_id, n, share_bp = -1, period_days = 0, intake_at = c->now_us;
  const char *v;

  if (stmt == NULL)
    return FALSE;
  consignor_id = lookup_id (db, "SELECT id FROM consignor WHERE code = ?", code);
  if (consignor_id > 0)
    {
      g_autoptr(TdStmt) terms = td_database_prepare (db,
        "SELECT share_bp, period_days FROM consignor WHERE id = ?", error);

      if (terms == NULL)
        return FALSE;
      sqlite3_bind_int64 (terms, 1, consignor_id);
      if (sqlite3_step (terms) == SQLITE_ROW)
        {
          share_bp = sqlite3_column_type (terms, 0) == SQLITE_NULL
                       ? setting_int (db, TD_SETTING_CONSIGNMENT_SHARE_BP, 5000)
                       : sqlite3_column_int64 (terms, 0);
          period_days = sqlite3_column_type (terms, 1) == SQLITE_NULL
                          ? setting_int (db, TD_SETTING_CONSIGNMENT_PERIOD_DAYS, 60)
                          : sqlite3_column_int64 (terms, 1);
        }
    }
  search_text = td_stock_search_text (title, brand, sku, code, size, colour);

  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_TRANSIENT);
  td_stock_bind_id (stmt, 2, consignor_id);
  v = td_import_value (plan, i, "acquisition");
  sqlite3_bind_text (stmt, 3, v[0] ? v : consignor_id > 0 ? "consigned" : "bought", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, title, -1, SQLITE_TRANSIENT);
  bind_text_or_default (stmt, 5, td_import_value (plan, i, "description"));
  td_stock_bind_id (stmt, 6, lookup_id (db, "SELECT id FROM category WHERE code = ?1 OR "
                                            "name = ?1 COLLATE NOCASE ORDER BY code = ?1 DESC",
                                        td_import_value (plan, i, "category_code")));
  sqlite3_bind_text (stmt, 7, brand, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, size, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, colour, -1, SQLITE_TRANSIENT);
  bind_text_or_default (stmt, 10, td_import_value (plan, i, "material"));
  td_stock_bind_id (stmt, 11, lookup_id (db, "SELECT id FROM grade WHERE code = ?1 OR "
                                             "label = ?1 COLLATE NOCASE ORDER BY code = ?1 DESC",
                                         td_import_value (plan, i, "grade_code")));
  if ((v = td_import_value (plan, i, "defects"))[0] != '\0')
    bind_text_or_default (stmt, 12, v);
  td_import_parse_money (plan, td_import_value (plan, i, "price"), &n);
  sqlite3_bind_int64 (stmt, 13, n);
  sqlite3_bind_int64 (stmt, 14, td_import_parse_money (plan, td_import_value (plan, i, "min_price"),
                                                       &n) ? n : 0);
  if (td_import_parse_money (plan, td_import_value (plan, i, "cost"), &n))
    sqlite3_bind_int64 (stmt, 15, n);
  if (g_ascii_string_to_signed (td_import_value (plan, i, "share_bp"), 10, 0, 10000, &n, NULL))
    sqlite3_bind_int64 (stmt, 16, n);
  else if (share_bp >= 0)
    sqlite3_bind_int64 (stmt, 16, share_bp);
  sqlite3_bind_int64 (stmt, 17, g_ascii_string_to_signed (td_import_value (plan, i, "quantity"),
                                                          10, 0, G_MAXINT32, &n, NULL) ? n : 1);
  if ((v = td_import_value (plan, i, "status"))[0] != '\0')
    bind_text_or_default (stmt, 18, v);
  if ((v = td_import_value (plan, i, "tag_colour"))[0] != '\0')
    bind_text_or_default (stmt, 19, v);
  if (g_ascii_string_to_signed (td_import_value (plan, i, "vintage_year"), 10, 0, 9999, &n, NULL))
    sqlite3_bind_int64 (stmt, 20, n);
  sqlite3_bind_text (stmt, 21, search_text, -1, SQLITE_TRANSIENT);
  g_ascii_string_to_signed (td_import_value (plan, i, "intake_at"), 10, 0, G_MAXINT64,
                            &intake_at, NULL);
  sqlite3_bind_int64 (stmt, 22, intake_at);
  bind_time_or (stmt, 23, td_import_value (plan, i, "expires_at"),
                consignor_id > 0 && !td_import_is_raw (plan) ? intake_at + period_days * TD_DAY_US
                                                             : 0);
  bind_time_or (stmt, 24, td_import_value (plan, i, "sold_at"), 0);
  sqlite3_bind_int64 (stmt, 25, c->now_us);
  return td_database_step_done (db, stmt, error);
}

static gboolean
commit_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Commit *c = user_data;
  TdImportPlan *plan = c->plan;
  guint n = td_import_plan_get_n_records (plan);
  g_autofree char *detail = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok = td_import_plan_get_kind (plan) == TD_IMPORT_CONSIGNORS
                      ? insert_consignor (db, plan, i, c, &local_error)
                      : insert_item (db, plan, i, c, &local_error);

      if (!ok)
        {
          /* A rule of the shop model the checks didn't foresee: say which row. */
          g_set_error (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_INVALID_ROWS,
                       _("Row %u: %s Nothing was imported."),
                       td_import_plan_get_row_number (plan, i), local_error->message);
          return FALSE;
        }
      c->written++;
    }

  detail = g_strdup_printf ("{\"kind\":\"%s\",\"records\":%u}",
                            td_import_plan_get_kind (plan) == TD_IMPORT_CONSIGNORS ? "consignors"
                                                                                   : "items",
                            c->written);
  return td_store_audit_append (db, c->now_us, c->staff_id, "import.csv", NULL, 0, detail, error);
}

/**
 * td_import_commit:
 * @db: the shop
 * @plan: from td_import_prepare() on the same shop
 * @staff_id: who imports, for the audit trail
 * @now_us: when
 * @n_written: (out) (optional): how many records were written
 * @error: return location
 *
 * Writes every record in one transaction, or nothing: refused outright while the plan has
 * problems, and rolled back if any insert fails.
 */
gboolean
td_import_commit (TdDatabase    *db,
                  TdImportPlan  *plan,
                  gint64         staff_id,
                  gint64         now_us,
                  guint         *n_written,
                  GError       **error)
{
  Commit c = { plan, staff_id, now_us, 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (td_import_plan_get_n_problems (plan) > 0)
    {
      g_set_error (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_INVALID_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The file has %u problem. Nothing was imported.",
                                "The file has %u problems. Nothing was imported.",
                                td_import_plan_get_n_problems (plan)),
                   td_import_plan_get_n_problems (plan));
      return FALSE;
    }
  if (!td_database_transaction (db, commit_txn, &c, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = c.written;
  return TRUE;
}

/* area: export */

static gboolean
export_table (TdDatabase  *db,
              const char  *table,
              const char  *path,
              GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GString) out = g_string_new (TD_CSV_BOM);   /* so spreadsheets read UTF-8 */
  sqlite3_stmt *stmt = NULL;
  int rc, n;

  if (strcmp (table, "item") == 0)
    /* Codes beside the ids, so the file can be imported into another shop. */
    sql = g_strdup ("SELECT item.*, consignor.code AS consignor_code, category.code AS "
                    "category_code, grade.code AS grade_code FROM item "
                    "LEFT JOIN consignor ON consignor.id = item.consignor_id "
                    "LEFT JOIN category ON category.id = item.category_id "
                    "LEFT JOIN grade ON grade.id = item.grade_id ORDER BY item.rowid");
  else
    sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);

  rc = sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return td_database_set_error (db, rc, sql, error);

  n = sqlite3_column_count (stmt);
  for (int c = 0; c < n; c++)
    td_csv_append_field (out, sqlite3_column_name (stmt, c), c == 0);
  g_string_append (out, "\r\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n; c++)
        {
          if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
            {
              g_autofree char *hex = NULL;
              const guint8 *bytes = sqlite3_column_blob (stmt, c);
              int len = sqlite3_column_bytes (stmt, c);
              GString *h = g_string_new ("x'");

              for (int k = 0; k < len; k++)
                g_string_append_printf (h, "%02x", bytes[k]);
              g_string_append_c (h, '\'');
              hex = g_string_free (h, FALSE);
              td_csv_append_field (out, hex, c == 0);
            }
          else
            td_csv_append_field (out, (const char *) sqlite3_column_text (stmt, c), c == 0);
        }
      g_string_append (out, "\r\n");
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "exporting", error);

  if (!g_file_set_contents (path, out->str, out->len, error))
    return FALSE;
  return TRUE;
}

/**
 * td_export_shop:
 * @db: the shop
 * @folder: where to write; created when missing; files of the same names are replaced
 * @error: return location
 *
 * Writes every table of the shop as `TABLE.csv` (UTF-8 with a byte-order mark, CRLF, a header
 * row of column names), all from one read transaction so the files agree with each other.
 * Values are as stored:
 * amounts in minor units, times in UTC microseconds, shares in basis points; NULL is an empty
 * field. `item.csv` has `consignor_code`, `category_code` and `grade_code` added at the end.
 * Full-text index tables are left out (they are rebuilt from `item`).
 *
 * Returns: (transfer full) (nullable): the files written
 */
char **
td_export_shop (TdDatabase  *db,
                const char  *folder,
                GError     **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The folder “%s” can’t be created: %s."), name, g_strerror (saved_errno));
      return NULL;
    }

  if (!td_database_exec (db, "BEGIN", error))
    return NULL;
  rc = sqlite3_prepare_v2 (td_database_get_handle (db),
                           "SELECT name FROM sqlite_schema WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'item_fts%' "
                           "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    ok = td_database_set_error (db, rc, "listing tables", error);

  for (guint i = 0; ok && i < tables->len; i++)
    {
      g_autofree char *file = g_strconcat (tables->pdata[i], ".csv", NULL);
      char *path = g_build_filename (folder, file, NULL);

      g_ptr_array_add (files, path);
      ok = export_table (db, tables->pdata[i], path, error);
    }
  td_database_exec (db, "COMMIT", NULL);

  if (!ok)
    return NULL;
  g_ptr_array_add (files, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&files), FALSE);
}
