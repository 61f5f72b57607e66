/* td-store-reports-stock.c — reports on what sold: categories, grades and brands; consignors;
 * and the helpers the report files share.
 *
 * Sales come from the per-day summaries of 0008-reports.sql (kept by triggers as sale lines
 * are written, with the item's intake time, brand and ticket price of that moment).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-reports-private.h"

void
td_store_reports_bind_days (TdStmt               *stmt,
                            const TdReportPeriod *period)
{
  sqlite3_bind_int (stmt, 1, period->first_day);
  sqlite3_bind_int (stmt, 2, period->last_day);
}

/* id → name of a small table (categories, grades, consignors). */
GHashTable *
td_store_reports_load_names (TdDatabase  *db,
                             const char  *sql,
                             GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, error);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gboolean row;

  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      if (!td_store_reports_step_row (db, stmt, &row, error))
        return NULL;
      if (!row)
        break;
      g_hash_table_insert (names, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                             sizeof (gint64)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  return g_steal_pointer (&names);
}

const char *
td_store_reports_name_of (GHashTable *names,
                          gint64      id,
                          const char *none)
{
  const char *name = id > 0 ? g_hash_table_lookup (names, &id) : NULL;

  return name != NULL ? name : none;
}

/* Categories, grades, brands ---------------------------------------------------------- */

typedef struct
{
  gint64 units;
  gint64 revenue;
  gint64 dated;       /* sold items whose days to sell are known */
  gint64 days_us;     /* their time on the floor, summed */
} Group;

static TdReportTable *
group_table (TdReport   *report,
             const char *id,
             const char *title,
             const char *what)
{
  TdReportTable *t = td_report_add_table (report, id, title);

  td_report_table_add_column (t, "name", what, TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "units", _("Units"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "revenue", _("Revenue"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "avg_price", _("Average price"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "avg_days", _("Average days to sell"), TD_REPORT_COLUMN_TENTHS);
  return t;
}

static void
group_row (TdReportTable *t,
           const char    *name,
           const Group   *g)
{
  guint r = td_report_table_add_row (t);

  td_report_table_set_text (t, r, 0, name);
  td_report_table_set_num (t, r, 1, g->units);
  td_report_table_set_num (t, r, 2, g->revenue);
  td_report_table_set_num (t, r, 3, g->units > 0 ? (g->revenue + g->units / 2) / g->units : 0);
  td_report_table_set_num (t, r, 4, g->dated > 0 ? g->days_us * 10 / TD_REPORT_DAY_US / g->dated : 0);
}

static Group *
group_for (GHashTable *groups,
           gint64      id)
{
  Group *g = g_hash_table_lookup (groups, &id);

  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g_hash_table_insert (groups, g_memdup2 (&id, sizeof id), g);
    }
  return g;
}

static int
compare_revenue (gconstpointer a,
                 gconstpointer b,
                 gpointer      groups)
{
  const Group *ga = g_hash_table_lookup (groups, a);
  const Group *gb = g_hash_table_lookup (groups, b);

  return (gb->revenue > ga->revenue) - (gb->revenue < ga->revenue);
}

static void
add_group_rows (GHashTable    *groups,
                GHashTable    *names,
                TdReportTable *table)
{
  g_autoptr(GList) keys = g_list_sort_with_data (g_hash_table_get_keys (groups), compare_revenue,
                                                 groups);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const Group *g = g_hash_table_lookup (groups, l->data);

      if (g->units > 0)
        group_row (table, td_store_reports_name_of (names, *(gint64 *) l->data, _("None")), g);
    }
}

/* Units, revenue and days to sell by category and by grade, in one pass over the period's
 * rows of report_line_day (~26,000 a year at 1M items). */
static gboolean
by_category_and_grade (TdDatabase          *db,
                       const TdReportQuery *q,
                       GHashTable          *category_names,
                       GHashTable          *grade_names,
                       TdReportTable       *categories,
                       TdReportTable       *grades,
                       GError             **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT category_id, grade_id, lines, price, dated, days_us FROM report_line_day "
    "WHERE day BETWEEN ?1 AND ?2", error);
  g_autoptr(GHashTable) by_cat = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) by_grade = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gboolean row;

  if (stmt == NULL)
    return FALSE;
  td_store_reports_bind_days (stmt, &q->period);
  for (;;)
    {
      gint64 lines, price, dated, days;
      Group *g;

      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      if (!row)
        break;
      lines = sqlite3_column_int64 (stmt, 2);
      price = sqlite3_column_int64 (stmt, 3);
      dated = sqlite3_column_int64 (stmt, 4);
      days = sqlite3_column_int64 (stmt, 5);
      g = group_for (by_cat, sqlite3_column_int64 (stmt, 0));
      g->units += lines, g->revenue += price, g->dated += dated, g->days_us += days;
      g = group_for (by_grade, sqlite3_column_int64 (stmt, 1));
      g->units += lines, g->revenue += price, g->dated += dated, g->days_us += days;
    }
  add_group_rows (by_cat, category_names, categories);
  add_group_rows (by_grade, grade_names, grades);
  return TRUE;
}

typedef struct
{
  char  *name;      /* the first spelling met */
  Group  g;
} Brand;

static void
brand_free (gpointer data)
{
  Brand *b = data;

  g_free (b->name);
  g_free (b);
}

static int
compare_brand_revenue (gconstpointer a,
                       gconstpointer b)
{
  const Brand *x = *(Brand * const *) a, *y = *(Brand * const *) b;

  return (y->g.revenue > x->g.revenue) - (y->g.revenue < x->g.revenue);
}

/* A year holds ~56,000 (day, brand) rows at 1M items: summed here in a hash (brands match
 * ignoring ASCII case, as the table's NOCASE key does) rather than by SQLite's GROUP BY,
 * which sorts them all. */
static gboolean
by_brand (TdDatabase          *db,
          const TdReportQuery *q,
          TdReportTable       *table,
          GError             **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT brand, lines, price, dated, days_us FROM report_brand_day "
    "WHERE day BETWEEN ?1 AND ?2", error);
  g_autoptr(GHashTable) brands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, brand_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GHashTableIter iter;
  Brand *brand;
  gboolean row;

  if (stmt == NULL)
    return FALSE;
  td_store_reports_bind_days (stmt, &q->period);
  for (;;)
    {
      const char *name;
      char key[128];

      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      if (!row)
        break;
      name = (const char *) sqlite3_column_text (stmt, 0);
      g_strlcpy (key, name, sizeof key);
      for (char *k = key; *k != '\0'; k++)
        *k = g_ascii_tolower (*k);
      brand = g_hash_table_lookup (brands, key);
      if (brand == NULL)
        {
          brand = g_new0 (Brand, 1);
          brand->name = g_strdup (name);
          g_hash_table_insert (brands, g_strdup (key), brand);
        }
      brand->g.units += sqlite3_column_int64 (stmt, 1);
      brand->g.revenue += sqlite3_column_int64 (stmt, 2);
      brand->g.dated += sqlite3_column_int64 (stmt, 3);
      brand->g.days_us += sqlite3_column_int64 (stmt, 4);
    }
  g_hash_table_iter_init (&iter, brands);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &brand))
    if (brand->g.units > 0)
      g_ptr_array_add (order, brand);
  g_ptr_array_sort (order, compare_brand_revenue);
  for (guint i = 0; i < MIN (order->len, 50); i++)
    {
      brand = g_ptr_array_index (order, i);
      group_row (table, brand->name, &brand->g);
    }
  return TRUE;
}

gboolean
td_store_reports_categories (TdDatabase          *db,
                             const TdReportQuery *q,
                             TdReport            *report,
                             GError             **error)
{
  g_autoptr(GHashTable) categories = td_store_reports_load_names (db,
    "SELECT c.id, CASE WHEN p.id IS NULL THEN c.name ELSE p.name || ' › ' || c.name END "
    "FROM category c LEFT JOIN category p ON p.id = c.parent_id", error);
  g_autoptr(GHashTable) grades = NULL;

  if (categories == NULL)
    return FALSE;
  grades = td_store_reports_load_names (db, "SELECT id, label FROM grade", error);
  if (grades == NULL)
    return FALSE;
  {
    TdReportTable *cat_table = group_table (report, "category", _("By category"), _("Category"));
    TdReportTable *grade_table = group_table (report, "grade", _("By grade"), _("Grade"));

    return by_category_and_grade (db, q, categories, grades, cat_table, grade_table, error) &&
           by_brand (db, q, group_table (report, "brand", _("Top brands"), _("Brand")), error);
  }
}

/* Consignors ------------------------------------------------------------------------- */

typedef struct
{
  gint64 units;
  gint64 sales;
  gint64 share;
  gint64 refunded_share;
  gint64 paid;
  gint64 balance;
} Account;

static Account *
account_for (GHashTable *accounts,
             gint64      id)
{
  Account *a = g_hash_table_lookup (accounts, &id);

  if (a == NULL)
    {
      a = g_new0 (Account, 1);
      g_hash_table_insert (accounts, g_memdup2 (&id, sizeof id), a);
    }
  return a;
}

int
td_store_reports_compare_ids (gconstpointer a,
                              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

gboolean
td_store_reports_consignors (TdDatabase          *db,
                             const TdReportQuery *q,
                             TdReport            *report,
                             GError             **error)
{
  g_autoptr(GHashTable) names = td_store_reports_load_names (db,
    "SELECT id, code || ' — ' || name FROM consignor", error);
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(TdStmt) sold = NULL;
  g_autoptr(TdStmt) refunds = NULL;
  g_autoptr(TdStmt) paid = NULL;
  g_autoptr(TdStmt) balances = NULL;
  g_autoptr(GList) keys = NULL;
  TdReportTable *t;
  gint64 start_us, end_us;
  gboolean row;

  if (names == NULL)
    return FALSE;
  td_report_period_bounds (&q->period, q->tz, &start_us, &end_us);

  sold = td_database_prepare (db,
    "SELECT consignor_id, sum(lines), sum(price), sum(share) FROM report_consignor_day "
    "WHERE day BETWEEN ?1 AND ?2 GROUP BY consignor_id", error);
  if (sold == NULL)
    return FALSE;
  td_store_reports_bind_days (sold, &q->period);
  while (td_store_reports_step_row (db, sold, &row, error) && row)
    {
      Account *a = account_for (accounts, sqlite3_column_int64 (sold, 0));

      a->units = sqlite3_column_int64 (sold, 1);
      a->sales = sqlite3_column_int64 (sold, 2);
      a->share = sqlite3_column_int64 (sold, 3);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  /* Refunds and payouts as the ledger moved them inside the period. */
  refunds = td_database_prepare (db,
    "SELECT consignor_id, sum(CASE WHEN kind = 'refund' THEN -amount ELSE 0 END), "
    "sum(CASE WHEN kind = 'payout' THEN -amount ELSE 0 END) FROM ledger INDEXED BY ledger_report "
    "WHERE kind IN ('refund', 'payout') AND created_at >= ?1 AND created_at < ?2 "
    "GROUP BY consignor_id", error);
  if (refunds == NULL)
    return FALSE;
  sqlite3_bind_int64 (refunds, 1, start_us);
  sqlite3_bind_int64 (refunds, 2, end_us);
  while (td_store_reports_step_row (db, refunds, &row, error) && row)
    {
      Account *a = account_for (accounts, sqlite3_column_int64 (refunds, 0));

      a->refunded_share = sqlite3_column_int64 (refunds, 1);
      a->paid = sqlite3_column_int64 (refunds, 2);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  /* The balance owed now: the sum of every ledger row (never a stored number). */
  balances = td_database_prepare (db,
    "SELECT consignor_id, balance FROM report_balance", error);
  if (balances == NULL)
    return FALSE;
  while (td_store_reports_step_row (db, balances, &row, error) && row)
    {
      gint64 balance = sqlite3_column_int64 (balances, 1);

      if (balance != 0)
        account_for (accounts, sqlite3_column_int64 (balances, 0))->balance = balance;
      else
        {
          Account *a = g_hash_table_lookup (accounts, &(gint64) { sqlite3_column_int64 (balances, 0) });

          if (a != NULL)
            a->balance = 0;
        }
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  t = td_report_add_table (report, "consignors", _("Consignors"));
  td_report_table_add_column (t, "name", _("Consignor"), TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "units", _("Sold"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "sales", _("Sales"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "share", _("Their share"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "shop_share", _("Shop's share"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "refunded", _("Refunded share"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "paid", _("Paid out"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "balance", _("Balance owed"), TD_REPORT_COLUMN_MONEY);

  keys = g_list_sort (g_hash_table_get_keys (accounts), td_store_reports_compare_ids);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const Account *a = g_hash_table_lookup (accounts, l->data);
      guint r;

      if (a->units == 0 && a->paid == 0 && a->refunded_share == 0 && a->balance == 0)
        continue;
      r = td_report_table_add_row (t);
      td_report_table_set_text (t, r, 0, td_store_reports_name_of (names, *(gint64 *) l->data, "?"));
      td_report_table_set_num (t, r, 1, a->units);
      td_report_table_set_num (t, r, 2, a->sales);
      td_report_table_set_num (t, r, 3, a->share);
      td_report_table_set_num (t, r, 4, a->sales - a->share);
      td_report_table_set_num (t, r, 5, a->refunded_share);
      td_report_table_set_num (t, r, 6, a->paid);
      td_report_table_set_num (t, r, 7, a->balance);
    }
  return TRUE;
}
