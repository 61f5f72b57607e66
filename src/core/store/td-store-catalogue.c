/* td-store-catalogue.c — grades, the category tree and consignor look-up for intake forms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <string.h>

#include "td-store-catalogue.h"
#include "td-store-private.h"

static void
grade_info_clear (gpointer data)
{
  TdGradeInfo *grade = data;

  g_free (grade->code);
  g_free (grade->label);
  g_free (grade->definition);
}

static void
category_info_clear (gpointer data)
{
  TdCategoryInfo *category = data;

  g_free (category->code);
  g_free (category->name);
  g_free (category->path);
  g_strfreev (category->defects);
}

static void
consignor_match_clear (gpointer data)
{
  TdConsignorMatch *match = data;

  g_free (match->code);
  g_free (match->name);
  g_free (match->phone);
}

static char *
dup_column (TdStmt *stmt,
            int     column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

/**
 * td_store_catalogue_list_grades:
 * @db: a #TdDatabase
 * @error: return location for a database error
 *
 * Returns: (transfer full) (nullable) (element-type TdGradeInfo): the shop's grades, best
 *   first (by `position`), with their one-line definitions; %NULL on error
 */
GArray *
td_store_catalogue_list_grades (TdDatabase  *db,
                                GError     **error)
{
  g_autoptr(GArray) grades = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db,
    "SELECT id, code, label, definition FROM grade WHERE active = 1 ORDER BY position, id",
    error);
  if (stmt == NULL)
    return NULL;

  grades = g_array_new (FALSE, TRUE, sizeof (TdGradeInfo));
  g_array_set_clear_func (grades, grade_info_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdGradeInfo grade = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = dup_column (stmt, 1),
        .label = dup_column (stmt, 2),
        .definition = dup_column (stmt, 3),
      };

      g_array_append_val (grades, grade);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing grades", error);
      return NULL;
    }
  return g_steal_pointer (&grades);
}

/* Parses a JSON array of strings as `category.defects` holds it (the store writes it, so it
 * is plain: no nested values). Anything else gives an empty list. */
static GStrv
parse_defects (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = json;

  while (p != NULL && *p != '\0' && *p != '[')
    p++;
  if (p == NULL || *p != '[')
    return g_strv_builder_end (builder);
  p++;
  for (;;)
    {
      g_autoptr(GString) value = NULL;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p != '"')
        break;
      p++;
      value = g_string_new (NULL);
      while (*p != '\0' && *p != '"')
        {
          if (*p == '\\' && p[1] != '\0')
            {
              p++;
              if (*p == 'u' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]) &&
                  g_ascii_isxdigit (p[3]) && g_ascii_isxdigit (p[4]))
                {
                  char hex[5] = { p[1], p[2], p[3], p[4], 0 };

                  g_string_append_unichar (value, (gunichar) g_ascii_strtoull (hex, NULL, 16));
                  p += 5;
                  continue;
                }
              switch (*p)
                {
                case 'n': g_string_append_c (value, '\n'); break;
                case 't': g_string_append_c (value, '\t'); break;
                default: g_string_append_c (value, *p); break;
                }
              p++;
              continue;
            }
          g_string_append_c (value, *p++);
        }
      if (*p == '"')
        p++;
      if (value->len > 0)
        g_strv_builder_add (builder, value->str);
    }
  return g_strv_builder_end (builder);
}

/**
 * td_store_catalogue_list_categories:
 * @db: a #TdDatabase
 * @error: return location for a database error
 *
 * The category tree in display order: each category followed by its sub-categories (by
 * `position`, then name), with its full path and its defect checklist.
 *
 * Returns: (transfer full) (nullable) (element-type TdCategoryInfo): %NULL on error
 */
GArray *
td_store_catalogue_list_categories (TdDatabase  *db,
                                    GError     **error)
{
  g_autoptr(GArray) categories = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  /* The path of positions (zero-padded) sorts the tree depth-first. */
  stmt = td_database_prepare (db,
    "WITH RECURSIVE tree (id, parent_id, code, name, defects, path, sort, depth) AS ("
    "  SELECT id, parent_id, code, name, defects, name, "
    "         printf ('%08d/%s', position, name), 0 "
    "  FROM category WHERE parent_id IS NULL "
    "  UNION ALL "
    "  SELECT c.id, c.parent_id, c.code, c.name, c.defects, t.path || ' › ' || c.name, "
    "         t.sort || '|' || printf ('%08d/%s', c.position, c.name), t.depth + 1 "
    "  FROM category c JOIN tree t ON c.parent_id = t.id WHERE t.depth < 16) "
    "SELECT id, ifnull (parent_id, 0), code, name, defects, path, depth FROM tree "
    "ORDER BY sort", error);
  if (stmt == NULL)
    return NULL;

  categories = g_array_new (FALSE, TRUE, sizeof (TdCategoryInfo));
  g_array_set_clear_func (categories, category_info_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdCategoryInfo category = {
        .id = sqlite3_column_int64 (stmt, 0),
        .parent_id = sqlite3_column_int64 (stmt, 1),
        .code = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NULL : dup_column (stmt, 2),
        .name = dup_column (stmt, 3),
        .defects = parse_defects ((const char *) sqlite3_column_text (stmt, 4)),
        .path = dup_column (stmt, 5),
        .depth = sqlite3_column_int (stmt, 6),
      };

      g_array_append_val (categories, category);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing categories", error);
      return NULL;
    }
  return g_steal_pointer (&categories);
}

/**
 * td_store_catalogue_find_consignors:
 * @db: a #TdDatabase
 * @text: (nullable): what staff typed: the start of a code, or part of a name; empty for all
 * @limit: at most this many
 * @error: return location for a database error
 *
 * Active consignors whose code starts with @text or whose name contains it (ignoring ASCII
 * case), an exact code first, then by code.
 *
 * Returns: (transfer full) (nullable) (element-type TdConsignorMatch): %NULL on error
 */
GArray *
td_store_catalogue_find_consignors (TdDatabase  *db,
                                    const char  *text,
                                    guint        limit,
                                    GError     **error)
{
  g_autoptr(GArray) matches = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) pattern = NULL;
  g_autofree char *trimmed = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  trimmed = g_strstrip (g_strdup (text ? text : ""));
  /* LIKE with '\' escaping what a name may contain. */
  pattern = g_string_new (NULL);
  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }

  stmt = td_database_prepare (db,
    "SELECT id, code, name, ifnull (phone, '') FROM consignor "
    "WHERE active AND (?1 = '' OR code LIKE ?1 || '%' ESCAPE '\\' "
    "                  OR name LIKE '%' || ?1 || '%' ESCAPE '\\') "
    "ORDER BY code = upper (?2) DESC, code LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);

  matches = g_array_new (FALSE, TRUE, sizeof (TdConsignorMatch));
  g_array_set_clear_func (matches, consignor_match_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdConsignorMatch match = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = dup_column (stmt, 1),
        .name = dup_column (stmt, 2),
        .phone = dup_column (stmt, 3),
      };

      g_array_append_val (matches, match);
    }
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "finding consignors", error);
      return NULL;
    }
  return g_steal_pointer (&matches);
}
