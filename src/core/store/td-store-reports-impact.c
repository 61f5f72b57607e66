/* td-store-reports-impact.c — circular impact: estimated CO2e and water kept out of new
 * production by the items sold, per category.
 *
 * Factors per item come from the category row when the shop set them (category.co2e_g,
 * category.water_l), else from the defaults shipped in resources/impact/factors.csv (sources
 * in docs/circular-impact.md). A sub-category without a factor of its own uses its parent's.
 * These are estimates, and the report says so. The factors themselves, and changing them:
 * td-store-reports-factors.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "td-store-reports-private.h"

typedef struct
{
  gint64  id;
  gint64  parent_id;
  char   *name;
  gint64  co2e_g;    /* -1: none of its own */
  gint64  water_l;
  gint64  units;
} Category;

static void
category_free (gpointer data)
{
  Category *c = data;

  g_free (c->name);
  g_free (c);
}

gboolean
td_store_reports_impact (TdDatabase          *db,
                         const TdReportQuery *q,
                         TdReport            *report,
                         GError             **error)
{
  g_autoptr(TdStmt) cats = td_database_prepare (db,
    "SELECT c.id, ifnull (c.parent_id, 0), "
    "CASE WHEN p.id IS NULL THEN c.name ELSE p.name || ' › ' || c.name END, c.code, "
    "c.co2e_g, c.water_l FROM category c LEFT JOIN category p ON p.id = c.parent_id "
    "ORDER BY c.position, c.id", error);
  g_autoptr(TdStmt) sold = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (category_free);
  TdReportTable *t;
  gint64 all_units = 0, all_co2e = 0, all_water = 0, unknown = 0;
  gboolean row;

  if (cats == NULL)
    return FALSE;
  while (td_store_reports_step_row (db, cats, &row, error) && row)
    {
      Category *c = g_new0 (Category, 1);
      const char *code = (const char *) sqlite3_column_text (cats, 3);

      c->id = sqlite3_column_int64 (cats, 0);
      c->parent_id = sqlite3_column_int64 (cats, 1);
      c->name = g_strdup ((const char *) sqlite3_column_text (cats, 2));
      c->co2e_g = c->water_l = -1;
      if (sqlite3_column_type (cats, 4) != SQLITE_NULL)
        {
          c->co2e_g = sqlite3_column_int64 (cats, 4);
          c->water_l = sqlite3_column_int64 (cats, 5);
        }
      else
        td_store_reports_default_factor (code, &c->co2e_g, &c->water_l);
      g_ptr_array_add (order, c);
      g_hash_table_insert (by_id, &c->id, c);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  sold = td_database_prepare (db,
    "SELECT category_id, sum(lines) FROM report_line_day WHERE day BETWEEN ?1 AND ?2 "
    "GROUP BY category_id", error);
  if (sold == NULL)
    return FALSE;
  sqlite3_bind_int (sold, 1, q->period.first_day);
  sqlite3_bind_int (sold, 2, q->period.last_day);
  while (td_store_reports_step_row (db, sold, &row, error) && row)
    {
      gint64 id = sqlite3_column_int64 (sold, 0);
      Category *c = g_hash_table_lookup (by_id, &id);

      if (c != NULL)
        c->units += sqlite3_column_int64 (sold, 1);
      else
        unknown += sqlite3_column_int64 (sold, 1);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  t = td_report_add_table (report, "impact", _("Estimated impact of items sold"));
  td_report_table_add_column (t, "name", _("Category"), TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "units", _("Items sold"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "co2e", _("kg CO2e (estimate)"), TD_REPORT_COLUMN_TENTHS);
  td_report_table_add_column (t, "water", _("Litres of water (estimate)"), TD_REPORT_COLUMN_COUNT);
  for (guint i = 0; i < order->len; i++)
    {
      Category *c = g_ptr_array_index (order, i);
      gint64 co2e = c->co2e_g, water = c->water_l;
      guint r;

      if (c->units == 0)
        continue;
      if (co2e < 0 && c->parent_id > 0)
        {
          Category *p = g_hash_table_lookup (by_id, &c->parent_id);

          if (p != NULL)
            co2e = p->co2e_g, water = p->water_l;
        }
      if (co2e < 0)
        co2e = water = 0;
      r = td_report_table_add_row (t);
      td_report_table_set_text (t, r, 0, c->name);
      td_report_table_set_num (t, r, 1, c->units);
      td_report_table_set_num (t, r, 2, (c->units * co2e + 50) / 100);
      td_report_table_set_num (t, r, 3, c->units * water);
      all_units += c->units;
      all_co2e += c->units * co2e;
      all_water += c->units * water;
    }
  if (unknown > 0)
    {
      guint r = td_report_table_add_row (t);

      td_report_table_set_text (t, r, 0, _("No category"));
      td_report_table_set_num (t, r, 1, unknown);
      all_units += unknown;
    }
  {
    guint r = td_report_table_add_row (t);

    td_report_table_set_text (t, r, 0, _("All items"));
    td_report_table_set_num (t, r, 1, all_units);
    td_report_table_set_num (t, r, 2, (all_co2e + 50) / 100);
    td_report_table_set_num (t, r, 3, all_water);
  }
  return TRUE;
}

/* The factor of category @id: its own, its parent's, the shipped default of its code or its
 * parent's code; 0 when none. */
static void
factor_of (TdDatabase *db,
           gint64      category_id,
           gint64     *co2e_g,
           gint64     *water_l)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT c.co2e_g, c.water_l, c.code, p.co2e_g, p.water_l, p.code FROM category c "
    "LEFT JOIN category p ON p.id = c.parent_id WHERE c.id = ?", NULL);

  *co2e_g = *water_l = 0;
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, category_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *co2e_g = sqlite3_column_int64 (stmt, 0);
      *water_l = sqlite3_column_int64 (stmt, 1);
    }
  else if (!td_store_reports_default_factor ((const char *) sqlite3_column_text (stmt, 2),
                                             co2e_g, water_l))
    {
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          *co2e_g = sqlite3_column_int64 (stmt, 3);
          *water_l = sqlite3_column_int64 (stmt, 4);
        }
      else
        td_store_reports_default_factor ((const char *) sqlite3_column_text (stmt, 5), co2e_g,
                                         water_l);
    }
}

/**
 * td_store_reports_sale_impact:
 * @co2e_g: (out): estimated grams CO2e the sale's items kept out of new production
 * @water_l: (out): estimated litres of water
 *
 * The same estimate as the Circular impact report, for one sale (its receipt line).
 */
gboolean
td_store_reports_sale_impact (TdDatabase  *db,
                              gint64       sale_id,
                              gint64      *co2e_g,
                              gint64      *water_l,
                              GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT ifnull (category_id, 0), count(*) FROM sale_line WHERE sale_id = ? GROUP BY 1", error);
  gboolean row;

  *co2e_g = *water_l = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sale_id);
  for (;;)
    {
      gint64 c = 0, w = 0, n;

      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      if (!row)
        break;
      n = sqlite3_column_int64 (stmt, 1);
      if (sqlite3_column_int64 (stmt, 0) > 0)
        factor_of (db, sqlite3_column_int64 (stmt, 0), &c, &w);
      *co2e_g += n * c;
      *water_l += n * w;
    }
  return TRUE;
}

/**
 * td_store_reports_format_impact_line:
 *
 * Returns: (transfer full) (nullable): the receipt line ("This purchase saved ≈ 4.2 kg CO2e
 * (estimate)"), or %NULL when there is nothing to say
 */
char *
td_store_reports_format_impact_line (gint64 co2e_g)
{
  if (co2e_g < 100)
    return NULL;
  /* Translators: a line on the customer's receipt; %.1f is kilograms */
  return g_strdup_printf (_("This purchase saved ≈ %.1f kg CO2e (estimate)"), co2e_g / 1000.0);
}
