/* td-store-audit-query.c — reading the audit trail, a page at a time.
 *
 * area: keyset paging on audit.id (newest first): the audit_at, audit_staff and audit_action
 * indexes (0001, 0007) serve the date, staff and kind filters; text search scans only what
 * the other filters left, a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include "td-store-audit-query.h"
#include "td-store-private.h"

void
td_audit_row_free (TdAuditRow *row)
{
  if (row == NULL)
    return;
  g_free (row->staff_name);
  g_free (row->action);
  g_free (row->entity);
  g_free (row->detail);
  g_free (row);
}

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

GPtrArray *
td_store_audit_query (TdDatabase           *db,
                      const TdAuditFilter  *filter,
                      gint64                before_id,
                      guint                 limit,
                      GError              **error)
{
  static const TdAuditFilter everything = { 0 };
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) td_audit_row_free);
  g_autofree char *kind_prefix = NULL;
  g_autofree char *text = NULL;
  const char *kind;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (limit > 0 && limit <= 1000, NULL);

  if (filter == NULL)
    filter = &everything;
  kind = (filter->kind && *filter->kind) ? filter->kind : NULL;
  if (kind != NULL && g_str_has_suffix (kind, "."))
    {
      kind_prefix = g_strconcat (kind, "%", NULL);
      kind = NULL;
    }
  if (filter->text != NULL && *filter->text != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (filter->text));

      if (*stripped != '\0')
        text = like_pattern (stripped);
    }

  stmt = td_database_prepare (db,
    "SELECT a.id, a.at, ifnull (a.staff_id, 0), s.name, a.action, a.entity, "
    "       ifnull (a.entity_id, 0), a.detail "
    "FROM audit a LEFT JOIN staff s ON s.id = a.staff_id "
    "WHERE (?1 = 0 OR a.id < ?1) "
    "  AND (?2 = 0 OR a.at >= ?2) AND (?3 = 0 OR a.at < ?3) "
    "  AND (?4 = 0 OR a.staff_id = ?4) "
    "  AND (?5 IS NULL OR a.action = ?5) "
    "  AND (?6 IS NULL OR a.action LIKE ?6) "
    "  AND (?7 IS NULL OR a.entity = ?7) "
    "  AND (?8 IS NULL OR a.action LIKE ?8 ESCAPE '\\' OR a.entity LIKE ?8 ESCAPE '\\' "
    "       OR a.detail LIKE ?8 ESCAPE '\\' OR s.name LIKE ?8 ESCAPE '\\') "
    "ORDER BY a.id DESC LIMIT ?9", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, MAX (before_id, 0));
  sqlite3_bind_int64 (stmt, 2, filter->from_us);
  sqlite3_bind_int64 (stmt, 3, filter->to_us);
  sqlite3_bind_int64 (stmt, 4, filter->staff_id);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 5, kind, -1, SQLITE_STATIC);
  if (kind_prefix != NULL)
    sqlite3_bind_text (stmt, 6, kind_prefix, -1, SQLITE_STATIC);
  if (filter->entity != NULL && *filter->entity != '\0')
    sqlite3_bind_text (stmt, 7, filter->entity, -1, SQLITE_STATIC);
  if (text != NULL)
    sqlite3_bind_text (stmt, 8, text, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, (int) limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdAuditRow *row = g_new0 (TdAuditRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->at = sqlite3_column_int64 (stmt, 1);
      row->staff_id = sqlite3_column_int64 (stmt, 2);
      row->staff_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->action = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->entity_id = sqlite3_column_int64 (stmt, 6);
      row->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "reading the audit trail", error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GStrv
td_store_audit_list_kinds (TdDatabase  *db,
                           GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db, "SELECT DISTINCT action FROM audit ORDER BY action", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing audit kinds", error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}
