/* td-store-reports-factors.c — the circular-impact factors: the defaults shipped in
 * resources/impact/factors.csv (with a short source each; full references in
 * docs/circular-impact.md), the shop's own figures per category (category.co2e_g,
 * category.water_l), and changing them (Preferences → Impact).
 *
 * Which figure counts for a category, here as in the report (td-store-reports-impact.c): the
 * shop's own; else the file's row for the category's code; else, for a sub-category, its
 * parent's figure (the parent's own, else the parent's file row); else none (zero).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-permission.h"
#include "td-store-reports-private.h"

#define FACTORS_RESOURCE "/io/github/thriftdesk/Thriftdesk/impact/factors.csv"

typedef struct
{
  gint64  co2e_g;
  gint64  water_l;
  char   *source;
} FileFactor;

static void
file_factor_free (gpointer data)
{
  FileFactor *f = data;

  g_free (f->source);
  g_free (f);
}

/* code → FileFactor, read once, never freed. Lines: code,kg_co2e,litres[,source]. */
static GHashTable *
file_factors (void)
{
  static GHashTable *factors;

  if (g_once_init_enter (&factors))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, file_factor_free);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (FACTORS_RESOURCE, 0, NULL);
      g_auto(GStrv) lines = NULL;

      if (bytes != NULL)
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

          lines = g_strsplit (text, "\n", -1);
        }
      for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
        {
          g_auto(GStrv) f = NULL;
          FileFactor *v;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          f = g_strsplit (lines[i], ",", 4);
          if (g_strv_length (f) < 3)
            continue;
          v = g_new0 (FileFactor, 1);
          v->co2e_g = (gint64) (g_ascii_strtod (f[1], NULL) * 1000 + 0.5);
          v->water_l = g_ascii_strtoll (f[2], NULL, 10);
          if (f[3] != NULL && *g_strstrip (f[3]) != '\0')
            v->source = g_strdup (f[3]);
          g_hash_table_insert (table, g_strdup (g_strstrip (f[0])), v);
        }
      g_once_init_leave (&factors, table);
    }
  return factors;
}

/**
 * td_store_reports_default_factor:
 * @code: a category code ("clothing.women")
 * @co2e_g: (out): grams CO2e per item
 * @water_l: (out): litres of water per item
 *
 * The shipped default factor of a category code.
 *
 * Returns: %FALSE when the file has no row for @code
 */
gboolean
td_store_reports_default_factor (const char *code,
                                 gint64     *co2e_g,
                                 gint64     *water_l)
{
  const FileFactor *v = code != NULL ? g_hash_table_lookup (file_factors (), code) : NULL;

  if (v == NULL)
    return FALSE;
  *co2e_g = v->co2e_g;
  *water_l = v->water_l;
  return TRUE;
}

/**
 * td_store_reports_default_source:
 * @code: a category code
 *
 * Returns: (nullable) (transfer none): the short citation of the shipped factor of @code
 *   (static), or %NULL
 */
const char *
td_store_reports_default_source (const char *code)
{
  const FileFactor *v = code != NULL ? g_hash_table_lookup (file_factors (), code) : NULL;

  return v != NULL ? v->source : NULL;
}

static void
factor_clear (gpointer data)
{
  TdImpactFactor *f = data;

  g_clear_pointer (&f->name, g_free);
}

/**
 * td_store_reports_list_factors:
 *
 * Every category (in the shop's order) with the shop's own factor, if any, and the one that
 * applies without it, with where that comes from: what Preferences → Impact shows.
 *
 * Returns: (transfer full) (element-type TdImpactFactor): or %NULL with @error set
 */
GArray *
td_store_reports_list_factors (TdDatabase  *db,
                               GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT c.id, ifnull (c.parent_id, 0), "
    "CASE WHEN p.id IS NULL THEN c.name ELSE p.name || ' › ' || c.name END, "
    "c.code, c.co2e_g, c.water_l, p.code, p.co2e_g, p.water_l "
    "FROM category c LEFT JOIN category p ON p.id = c.parent_id "
    "ORDER BY ifnull (p.position, c.position), ifnull (p.id, c.id), c.parent_id IS NOT NULL, "
    "c.position, c.id", error);
  g_autoptr(GArray) factors = g_array_new (FALSE, TRUE, sizeof (TdImpactFactor));
  gboolean row;

  g_array_set_clear_func (factors, factor_clear);
  if (stmt == NULL)
    return NULL;
  while (td_store_reports_step_row (db, stmt, &row, error) && row)
    {
      TdImpactFactor f = { 0 };
      const char *code = (const char *) sqlite3_column_text (stmt, 3);

      f.category_id = sqlite3_column_int64 (stmt, 0);
      f.parent_id = sqlite3_column_int64 (stmt, 1);
      f.name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      f.own_co2e_g = f.own_water_l = -1;
      f.default_co2e_g = f.default_water_l = -1;
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          f.own_co2e_g = sqlite3_column_int64 (stmt, 4);
          f.own_water_l = sqlite3_column_int64 (stmt, 5);
        }
      if (td_store_reports_default_factor (code, &f.default_co2e_g, &f.default_water_l))
        f.source = td_store_reports_default_source (code);
      else if (f.parent_id > 0)
        {
          f.default_from_parent = TRUE;
          if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
            {
              f.default_co2e_g = sqlite3_column_int64 (stmt, 7);
              f.default_water_l = sqlite3_column_int64 (stmt, 8);
            }
          else if (!td_store_reports_default_factor ((const char *) sqlite3_column_text (stmt, 6),
                                                     &f.default_co2e_g, &f.default_water_l))
            f.default_from_parent = FALSE;
        }
      g_array_append_val (factors, f);
    }
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&factors);
}

typedef struct
{
  const TdImpactFactorChange *changes;
  guint                       n_changes;
  gint64                      staff_id;
  gint64                      now_us;
} FactorData;

static void
bind_factor (TdStmt *stmt,
             int     column,
             gint64  value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, value);
}

/* One category's factor, audited with what it was and what it is; an unchanged one writes
 * nothing. */
static gboolean
set_one (TdDatabase                 *db,
         const TdImpactFactorChange *change,
         gint64                      staff_id,
         gint64                      now_us,
         GError                    **error)
{
  g_autoptr(TdStmt) old = td_database_prepare (db,
    "SELECT ifnull (co2e_g, -1), ifnull (water_l, -1), name FROM category WHERE id = ?", error);
  g_autoptr(TdStmt) update = NULL;
  g_autoptr(TdStmt) json = NULL;
  gint64 co2e_g = change->co2e_g < 0 ? -1 : change->co2e_g;
  gint64 water_l = change->co2e_g < 0 ? -1 : change->water_l;
  int rc;

  if (old == NULL)
    return FALSE;
  sqlite3_bind_int64 (old, 1, change->category_id);
  rc = sqlite3_step (old);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT,
                           _("This category no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "reading a category's factor", error);
  if (sqlite3_column_int64 (old, 0) == co2e_g && sqlite3_column_int64 (old, 1) == water_l)
    return TRUE;

  update = td_database_prepare (db, "UPDATE category SET co2e_g = ?2, water_l = ?3 WHERE id = ?1",
                                error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, change->category_id);
  bind_factor (update, 2, co2e_g);
  bind_factor (update, 3, water_l);
  if (!td_database_step_done (db, update, error))
    return FALSE;

  /* Like a setting's change: what it was and what it is (null: the shipped default). */
  json = td_database_prepare (db,
    "SELECT json_object ('category', ?1, "
    "'old', CASE WHEN ?2 < 0 THEN NULL ELSE json_object ('co2e_g', ?2, 'water_l', ?3) END, "
    "'new', CASE WHEN ?4 < 0 THEN NULL ELSE json_object ('co2e_g', ?4, 'water_l', ?5) END)",
    error);
  if (json == NULL)
    return FALSE;
  sqlite3_bind_text (json, 1, (const char *) sqlite3_column_text (old, 2), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (json, 2, sqlite3_column_int64 (old, 0));
  sqlite3_bind_int64 (json, 3, sqlite3_column_int64 (old, 1));
  sqlite3_bind_int64 (json, 4, co2e_g);
  sqlite3_bind_int64 (json, 5, water_l);
  rc = sqlite3_step (json);
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "building audit detail", error);
  return td_store_audit_append (db, now_us, staff_id, "category.impact_factor", "category",
                                change->category_id, (const char *) sqlite3_column_text (json, 0),
                                error);
}

static gboolean
set_factors_txn (TdDatabase  *db,
                 gpointer     user_data,
                 GError     **error)
{
  FactorData *d = user_data;

  for (guint i = 0; i < d->n_changes; i++)
    if (!set_one (db, &d->changes[i], d->staff_id, d->now_us, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_changes (const TdImpactFactorChange *changes,
               guint                       n_changes,
               GError                    **error)
{
  for (guint i = 0; i < n_changes; i++)
    {
      if (changes[i].co2e_g < 0)
        continue;
      if (changes[i].water_l < 0)
        {
          g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT,
                               _("Litres of water can't be negative."));
          return FALSE;
        }
      if (changes[i].co2e_g > TD_IMPACT_MAX_CO2E_G || changes[i].water_l > TD_IMPACT_MAX_WATER_L)
        {
          g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT,
                               _("A factor is too large to be one item's."));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * td_store_reports_set_factor:
 * @co2e_g: grams CO2e per item sold, or -1 to go back to the shipped default
 * @water_l: litres of water per item sold (ignored with -1)
 *
 * The shop's own circular-impact factor for a category (audited). No permission check: what
 * staff change goes through td_store_reports_change_factors().
 */
gboolean
td_store_reports_set_factor (TdDatabase  *db,
                             gint64       category_id,
                             gint64       co2e_g,
                             gint64       water_l,
                             gint64       staff_id,
                             gint64       now_us,
                             GError     **error)
{
  TdImpactFactorChange change = { category_id, co2e_g, water_l };
  FactorData d = { &change, 1, staff_id, now_us };

  if (!check_changes (&change, 1, error))
    return FALSE;
  return td_database_transaction (db, set_factors_txn, &d, error);
}

/**
 * td_store_reports_change_factors:
 * @staff_id: who; needs %TD_PERMISSION_EDIT_PREFERENCES (a manager or the owner)
 * @changes: (array length=n_changes): each category's new factor; `co2e_g` -1 goes back to
 *   the default
 *
 * What Preferences → Impact saves: every change in one transaction, each audited as
 * `category.impact_factor` with the old and new figures; all or nothing.
 */
gboolean
td_store_reports_change_factors (TdDatabase                 *db,
                                 gint64                      staff_id,
                                 const TdImpactFactorChange *changes,
                                 guint                       n_changes,
                                 gint64                      now_us,
                                 GError                    **error)
{
  FactorData d = { changes, n_changes, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (changes != NULL || n_changes == 0, FALSE);

  if (!td_store_authorize (db, staff_id, TD_PERMISSION_EDIT_PREFERENCES, NULL, now_us, error))
    return FALSE;
  if (!check_changes (changes, n_changes, error))
    return FALSE;
  return td_database_transaction (db, set_factors_txn, &d, error);
}
