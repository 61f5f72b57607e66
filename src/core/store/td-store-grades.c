/* td-store-grades.c — editing the grading scale (label, one-line definition, order, retiring,
 * marketplace conditions) and the categories' defect checklists.
 *
 * Every change is checked whole first; any problem refuses it with TD_STOCK_ERROR_INVALID and
 * one problem per field, and nothing is written. Accepted changes are written with their
 * audit row in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-store-grades.h"
#include "td-store-stock-private.h"

/* eBay Inventory API ConditionEnum: the values a listing may carry. */
static const char * const ebay_conditions[] = {
  "NEW", "LIKE_NEW", "NEW_OTHER", "NEW_WITH_DEFECTS", "CERTIFIED_REFURBISHED",
  "EXCELLENT_REFURBISHED", "VERY_GOOD_REFURBISHED", "GOOD_REFURBISHED", "SELLER_REFURBISHED",
  "USED_EXCELLENT", "USED_VERY_GOOD", "USED_GOOD", "USED_ACCEPTABLE",
  "FOR_PARTS_OR_NOT_WORKING",
};

static const char * const marketplaces[] = { "ebay", "etsy", "shopify" };

void
td_grade_record_clear (TdGradeRecord *record)
{
  g_clear_pointer (&record->code, g_free);
  g_clear_pointer (&record->label, g_free);
  g_clear_pointer (&record->definition, g_free);
  g_clear_pointer (&record->ebay, g_free);
  g_clear_pointer (&record->etsy, g_free);
  g_clear_pointer (&record->shopify, g_free);
}

/**
 * td_grade_ebay_condition_is_known:
 * @condition: a value typed for eBay
 *
 * Returns: whether @condition is one of eBay's ConditionEnum values
 */
gboolean
td_grade_ebay_condition_is_known (const char *condition)
{
  for (guint i = 0; condition != NULL && i < G_N_ELEMENTS (ebay_conditions); i++)
    if (g_strcmp0 (condition, ebay_conditions[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
dup_text (TdStmt *stmt,
          int     col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text != NULL ? text : "");
}

/**
 * td_store_grades_list:
 * @db: a #TdDatabase
 * @error: return location
 *
 * Returns: (transfer full) (element-type TdGradeRecord): every grade, retired ones too, in
 *   the scale's order (best first); %NULL on error
 */
GArray *
td_store_grades_list (TdDatabase  *db,
                      GError     **error)
{
  g_autoptr(GArray) grades = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db,
    "SELECT g.id, g.code, g.label, g.definition, g.position, g.active, "
    "  (SELECT condition FROM grade_marketplace WHERE grade_id = g.id AND marketplace = 'ebay'), "
    "  (SELECT condition FROM grade_marketplace WHERE grade_id = g.id AND marketplace = 'etsy'), "
    "  (SELECT condition FROM grade_marketplace WHERE grade_id = g.id AND marketplace = 'shopify') "
    "FROM grade g ORDER BY g.position, g.id", error);
  if (stmt == NULL)
    return NULL;
  grades = g_array_new (FALSE, TRUE, sizeof (TdGradeRecord));
  g_array_set_clear_func (grades, (GDestroyNotify) td_grade_record_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdGradeRecord g = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = dup_text (stmt, 1),
        .label = dup_text (stmt, 2),
        .definition = dup_text (stmt, 3),
        .position = sqlite3_column_int (stmt, 4),
        .active = sqlite3_column_int (stmt, 5) != 0,
        .ebay = dup_text (stmt, 6),
        .etsy = dup_text (stmt, 7),
        .shopify = dup_text (stmt, 8),
      };

      g_array_append_val (grades, g);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing the grading scale", error);
      return NULL;
    }
  return g_steal_pointer (&grades);
}

/* ---- Saving a grade ---------------------------------------------------------------------- */

typedef struct
{
  gint64               id;        /* 0: a new grade */
  const TdGradeRecord *grade;
  gint64               now_us;
} SaveGrade;

static gboolean
has_line_break (const char *text)
{
  return text != NULL && strpbrk (text, "\r\n") != NULL;
}

static void
check_condition (GPtrArray  *problems,
                 const char *field,
                 const char *value)
{
  g_autofree char *trimmed = td_stock_trim (value);

  if (g_utf8_strlen (trimmed, -1) > TD_GRADE_LABEL_MAX || has_line_break (value))
    td_field_problems_add (problems, field, 0,
                           _("A marketplace condition is one short word or code."));
}

static gboolean
check_grade (TdDatabase *db,
             SaveGrade  *s,
             GPtrArray  *problems,
             GError    **error)
{
  const TdGradeRecord *g = s->grade;
  g_autofree char *label = td_stock_trim (g->label);
  g_autofree char *definition = td_stock_trim (g->definition);
  g_autofree char *ebay = td_stock_trim (g->ebay);
  g_autoptr(TdStmt) same = NULL;
  g_autoptr(TdStmt) others = NULL;
  gint64 n = 0;

  if (*label == '\0')
    td_field_problems_add (problems, TD_FIELD_GRADE_LABEL, 0, _("Enter a name for the grade."));
  else if (g_utf8_strlen (label, -1) > TD_GRADE_LABEL_MAX || has_line_break (g->label))
    td_field_problems_add (problems, TD_FIELD_GRADE_LABEL, 0,
                           _("Keep the grade’s name short: at most %d characters."),
                           TD_GRADE_LABEL_MAX);
  else
    {
      same = td_database_prepare (db,
        "SELECT count(*) FROM grade WHERE label = ?1 COLLATE NOCASE AND id != ?2", error);
      if (same == NULL)
        return FALSE;
      sqlite3_bind_text (same, 1, label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (same, 2, s->id);
      if (!td_stock_query_int64 (db, same, &n, NULL, error))
        return FALSE;
      if (n > 0)
        td_field_problems_add (problems, TD_FIELD_GRADE_LABEL, 0,
                               _("Another grade already has this name."));
    }

  if (has_line_break (g->definition) || g_utf8_strlen (definition, -1) > TD_GRADE_DEFINITION_MAX)
    td_field_problems_add (problems, TD_FIELD_GRADE_DEFINITION, 0,
                           _("The definition is one line of at most %d characters."),
                           TD_GRADE_DEFINITION_MAX);

  if (*ebay != '\0' && !td_grade_ebay_condition_is_known (ebay))
    td_field_problems_add (problems, TD_FIELD_GRADE_EBAY, 0,
                           _("eBay knows no condition “%s”; use one of its values, such as "
                             "USED_GOOD."), ebay);
  check_condition (problems, TD_FIELD_GRADE_ETSY, g->etsy);
  check_condition (problems, TD_FIELD_GRADE_SHOPIFY, g->shopify);

  if (!g->active && s->id != 0)
    {
      others = td_database_prepare (db,
        "SELECT count(*) FROM grade WHERE active = 1 AND id != ?", error);
      if (others == NULL)
        return FALSE;
      sqlite3_bind_int64 (others, 1, s->id);
      if (!td_stock_query_int64 (db, others, &n, NULL, error))
        return FALSE;
      if (n == 0)
        td_field_problems_add (problems, TD_FIELD_GRADE_LABEL, 0,
                               _("Keep at least one grade in use: intake needs one."));
    }
  return TRUE;
}

static gboolean
write_condition (TdDatabase *db,
                 gint64      grade_id,
                 const char *marketplace,
                 const char *value,
                 GError    **error)
{
  g_autofree char *trimmed = td_stock_trim (value);
  g_autoptr(TdStmt) stmt = NULL;

  if (*trimmed == '\0')
    stmt = td_database_prepare (db,
      "DELETE FROM grade_marketplace WHERE grade_id = ?1 AND marketplace = ?2", error);
  else
    stmt = td_database_prepare (db,
      "INSERT INTO grade_marketplace (grade_id, marketplace, condition) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (grade_id, marketplace) DO UPDATE SET condition = excluded.condition", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, grade_id);
  sqlite3_bind_text (stmt, 2, marketplace, -1, SQLITE_STATIC);
  if (*trimmed != '\0')
    sqlite3_bind_text (stmt, 3, trimmed, -1, SQLITE_TRANSIENT);
  return td_database_step_done (db, stmt, error);
}

static gboolean
audit_grade (TdDatabase *db,
             gint64      grade_id,
             const char *action,
             gint64      now_us,
             GError    **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT json_object ('code', code, 'label', label, 'definition', definition, "
    "  'position', position, 'active', active, 'conditions', "
    "  (SELECT json_group_object (marketplace, condition) FROM grade_marketplace "
    "   WHERE grade_id = grade.id)) FROM grade WHERE id = ?", error);
  g_autofree char *detail = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, grade_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "describing a grade", error);
  detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return td_store_audit_append (db, now_us, 0, action, "grade", grade_id, detail, error);
}

static gboolean
save_grade_txn (TdDatabase  *db,
                gpointer     user_data,
                GError     **error)
{
  SaveGrade *s = user_data;
  const TdGradeRecord *g = s->grade;
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autofree char *label = td_stock_trim (g->label);
  g_autofree char *definition = td_stock_trim (g->definition);
  g_autoptr(TdStmt) stmt = NULL;
  const char *conditions[3] = { g->ebay, g->etsy, g->shopify };

  if (!check_grade (db, s, problems, error))
    return FALSE;
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);

  if (s->id == 0)
    {
      gint64 next = 0;
      g_autoptr(TdStmt) seq = td_database_prepare (db,
        "SELECT ifnull (max (id), 0) + 1 FROM grade", error);
      g_autofree char *code = NULL;

      if (seq == NULL || !td_stock_query_int64 (db, seq, &next, NULL, error))
        return FALSE;
      code = g_strdup_printf ("SHOP_%" G_GINT64_FORMAT, next);
      stmt = td_database_prepare (db,
        "INSERT INTO grade (code, label, definition, active, position) "
        "VALUES (?1, ?2, ?3, ?4, (SELECT ifnull (max (position), -1) + 1 FROM grade))", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
    }
  else
    {
      stmt = td_database_prepare (db,
        "UPDATE grade SET label = ?2, definition = ?3, active = ?4 WHERE id = ?5", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 5, s->id);
    }
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, definition, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, g->active ? 1 : 0);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (s->id == 0)
    s->id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  else if (sqlite3_changes (td_database_get_handle (db)) == 0)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("The grade no longer exists."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (marketplaces); i++)
    if (!write_condition (db, s->id, marketplaces[i], conditions[i], error))
      return FALSE;
  return audit_grade (db, s->id, g->active ? "grade.saved" : "grade.retired",
                      s->now_us, error);
}

/**
 * td_store_grades_save:
 * @db: a #TdDatabase
 * @grade_id: the grade to change, or 0 to add one at the end of the scale
 * @grade: label, definition, active and the three marketplace conditions (its id, code and
 *   position are ignored)
 * @now_us: when, UTC µs
 * @new_id: (out) (optional): the grade's id
 * @error: return location: %TD_STOCK_ERROR_INVALID with a problem per field (empty, long or
 *   duplicate name; a definition of more than one line; an eBay value that is not in its
 *   ConditionEnum; retiring the last grade in use), %TD_STOCK_ERROR_NOT_FOUND, or a database
 *   error; nothing is written then
 */
gboolean
td_store_grades_save (TdDatabase          *db,
                      gint64               grade_id,
                      const TdGradeRecord *grade,
                      gint64               now_us,
                      gint64              *new_id,
                      GError             **error)
{
  SaveGrade s = { grade_id, grade, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (grade != NULL, FALSE);

  if (!td_database_transaction (db, save_grade_txn, &s, error))
    return FALSE;
  if (new_id != NULL)
    *new_id = s.id;
  return TRUE;
}

/* ---- Order ------------------------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  int    delta;
  gint64 now_us;
} MoveGrade;

static gboolean
move_grade_txn (TdDatabase  *db,
                gpointer     user_data,
                GError     **error)
{
  MoveGrade *m = user_data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TdStmt) list = td_database_prepare (db, "SELECT id FROM grade ORDER BY position, id",
                                                error);
  guint from = G_MAXUINT;
  int to, rc;

  if (list == NULL)
    return FALSE;
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);

      if (id == m->id)
        from = ids->len;
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "ordering grades", error);
  if (from == G_MAXUINT)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("The grade no longer exists."));
      return FALSE;
    }
  to = CLAMP ((int) from + m->delta, 0, (int) ids->len - 1);
  if ((guint) to == from)
    return TRUE;
  g_array_remove_index (ids, from);
  g_array_insert_val (ids, to, m->id);

  /* Positions are renumbered 0…n−1 in the new order, so they never collide. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TdStmt) set = td_database_prepare (db,
        "UPDATE grade SET position = ?1 WHERE id = ?2 AND position != ?1", error);

      if (set == NULL)
        return FALSE;
      sqlite3_bind_int (set, 1, (int) i);
      sqlite3_bind_int64 (set, 2, g_array_index (ids, gint64, i));
      if (!td_database_step_done (db, set, error))
        return FALSE;
    }
  return audit_grade (db, m->id, "grade.moved", m->now_us, error);
}

/**
 * td_store_grades_move:
 * @db: a #TdDatabase
 * @grade_id: the grade
 * @delta: places to move: negative towards the best grade, positive towards the worst
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_NOT_FOUND, or a database error
 *
 * Moves a grade within the scale (clamped at either end), audited.
 */
gboolean
td_store_grades_move (TdDatabase  *db,
                      gint64       grade_id,
                      int          delta,
                      gint64       now_us,
                      GError     **error)
{
  MoveGrade m = { grade_id, delta, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, move_grade_txn, &m, error);
}

/* ---- Defect checklists ------------------------------------------------------------------- */

typedef struct
{
  gint64              category_id;
  const char * const *defects;
  gint64              now_us;
} SetDefects;

static gboolean
set_defects_txn (TdDatabase  *db,
                 gpointer     user_data,
                 GError     **error)
{
  SetDefects *d = user_data;
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TdStmt) stmt = NULL;
  g_autofree char *json = td_stock_json_strv (d->defects);
  g_autofree char *detail = NULL;
  guint n = 0;

  for (guint i = 0; d->defects != NULL && d->defects[i] != NULL; i++)
    {
      g_autofree char *label = td_stock_trim (d->defects[i]);
      char *key;

      if (*label == '\0')
        continue;
      n++;
      if (g_utf8_strlen (label, -1) > TD_DEFECT_LABEL_MAX || has_line_break (label))
        {
          td_field_problems_add (problems, TD_FIELD_DEFECTS, 0,
                                 _("“%s” is too long for a checklist: at most %d characters."),
                                 label, TD_DEFECT_LABEL_MAX);
          break;
        }
      key = g_utf8_casefold (label, -1);
      if (!g_hash_table_add (seen, key))
        {
          td_field_problems_add (problems, TD_FIELD_DEFECTS, 0,
                                 _("“%s” is on the checklist twice."), label);
          break;
        }
    }
  if (problems->len == 0 && n > TD_DEFECTS_MAX)
    td_field_problems_add (problems, TD_FIELD_DEFECTS, 0,
                           _("A checklist holds at most %d defects."), TD_DEFECTS_MAX);
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);

  stmt = td_database_prepare (db, "UPDATE category SET defects = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, d->category_id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) == 0)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("The category no longer exists."));
      return FALSE;
    }
  detail = g_strdup_printf ("{\"defects\":%s}", json);
  return td_store_audit_append (db, d->now_us, 0, "category.defects", "category",
                                d->category_id, detail, error);
}

/**
 * td_store_categories_set_defects:
 * @db: a #TdDatabase
 * @category_id: the category
 * @defects: (array zero-terminated=1) (nullable): the checklist labels, in order; blank ones
 *   are skipped
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_INVALID at %TD_FIELD_DEFECTS (a label too long or
 *   twice, more than %TD_DEFECTS_MAX), %TD_STOCK_ERROR_NOT_FOUND, or a database error; nothing
 *   is written then
 *
 * Replaces a category's defect checklist, audited. Items keep the defects they were given.
 */
gboolean
td_store_categories_set_defects (TdDatabase         *db,
                                 gint64              category_id,
                                 const char * const *defects,
                                 gint64              now_us,
                                 GError            **error)
{
  SetDefects d = { category_id, defects, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, set_defects_txn, &d, error);
}
