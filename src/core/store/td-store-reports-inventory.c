/* td-store-reports-inventory.c — inventory health: what is on the floor by age and at what
 * value today, sell-through per category, sales by markdown, items due for expiry.
 *
 * Read from the summaries of 0008-reports.sql (report_floor_day, report_intake_hour,
 * report_line_day, report_markdown_day, report_expiry_day), kept by triggers on item and
 * sale_line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-pricing.h"
#include "td-store-pricing.h"
#include "td-store-reports-private.h"

#define HOUR_US ((gint64) 3600 * G_USEC_PER_SEC)
#define DAY_US (24 * HOUR_US)

typedef struct
{
  gint64 taken;
  gint64 sold;
} Through;

static Through *
through_for (GHashTable *groups,
             gint64      id)
{
  Through *t = g_hash_table_lookup (groups, &id);

  if (t == NULL)
    {
      t = g_new0 (Through, 1);
      g_hash_table_insert (groups, g_memdup2 (&id, sizeof id), t);
    }
  return t;
}

/* Items on the floor come summed per UTC intake day, category and tag colour
 * (report_floor_day, kept by triggers on item): items of one group share their markdown and
 * promotions, so each group is priced once, at its average ticket and minimum, as if taken
 * in at noon UTC that day. That is exact for percent rules and fixed prices, and a cent or
 * so off where a consignor's minimum holds some items of a group up. */
static gboolean
inventory_age (TdDatabase          *db,
               const TdReportQuery *q,
               TdReport            *report,
               GError             **error)
{
  static const int limits[] = { 30, 60, 90, G_MAXINT };
  const char *labels[] = { _("0–30 days"), _("31–60 days"), _("61–90 days"), _("Over 90 days") };
  g_auto(TdPricingRules) rules = { 0 };
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT day, category_id, tag_colour, items, price, min_price FROM report_floor_day "
    "WHERE items > 0", error);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) local = q->tz != NULL ? g_time_zone_ref (q->tz) : g_time_zone_new_local ();
  gint64 count[4] = { 0 }, ticket[4] = { 0 }, value[4] = { 0 };
  TdReportTable *t;
  gboolean row;

  if (stmt == NULL || !td_store_pricing_load_rules (db, &rules, error))
    return FALSE;
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (q->now_us / G_USEC_PER_SEC);

    now = g_date_time_to_timezone (utc, local);
  }
  for (;;)
    {
      TdPricingItem item = { 0 };
      const char *tag;
      gint64 n, age_days;
      guint b = 0;

      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      if (!row)
        break;
      n = sqlite3_column_int64 (stmt, 3);
      tag = (const char *) sqlite3_column_text (stmt, 2);
      item.intake_at = sqlite3_column_int64 (stmt, 0) * DAY_US + DAY_US / 2;
      item.category_id = sqlite3_column_int64 (stmt, 1);
      item.tag_colour = tag != NULL && *tag != '\0' ? tag : NULL;
      item.price = MAX ((sqlite3_column_int64 (stmt, 4) + n / 2) / n, 1);
      item.min_price = sqlite3_column_int64 (stmt, 5) / n;
      age_days = MAX (q->now_us - item.intake_at, 0) / DAY_US;
      while (age_days > limits[b])
        b++;
      count[b] += n;
      ticket[b] += sqlite3_column_int64 (stmt, 4);
      value[b] += td_pricing_effective_price (&item, &rules, now, NULL) * n;
    }

  t = td_report_add_table (report, "age", _("On the floor by age"));
  td_report_table_add_column (t, "age", _("Age"), TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "items", _("Items"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "ticket", _("Ticket value"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (t, "value", _("Value at today's price"), TD_REPORT_COLUMN_MONEY);
  for (guint k = 0; k < G_N_ELEMENTS (limits); k++)
    {
      guint r = td_report_table_add_row (t);

      td_report_table_set_text (t, r, 0, labels[k]);
      td_report_table_set_num (t, r, 1, count[k]);
      td_report_table_set_num (t, r, 2, ticket[k]);
      td_report_table_set_num (t, r, 3, value[k]);
    }
  return TRUE;
}

/* Sell-through per category: sold in the period ÷ taken in during the period. */
static gboolean
inventory_sell_through (TdDatabase          *db,
                        const TdReportQuery *q,
                        TdReport            *report,
                        GError             **error)
{
  g_autoptr(GHashTable) names = td_store_reports_load_names (db,
    "SELECT c.id, coalesce (p.name || ' › ' || c.name, c.name) "
    "FROM category c LEFT JOIN category p ON p.id = c.parent_id", error);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(TdStmt) taken = NULL;
  g_autoptr(TdStmt) sold = NULL;
  g_autoptr(GList) keys = NULL;
  gint64 start_us, end_us, all_in = 0, all_sold = 0;
  TdReportTable *t;
  gboolean row;

  if (names == NULL)
    return FALSE;
  td_report_period_bounds (&q->period, q->tz, &start_us, &end_us);
  taken = td_database_prepare (db,
    "SELECT category_id, sum (items) FROM report_intake_hour "
    "WHERE hour >= ?1 AND hour < ?2 GROUP BY category_id HAVING sum (items) > 0", error);
  if (taken == NULL)
    return FALSE;
  /* area: an edge hour split by a half-hour zone offset counts where it starts */
  sqlite3_bind_int64 (taken, 1, start_us / HOUR_US);
  sqlite3_bind_int64 (taken, 2, (end_us + HOUR_US - 1) / HOUR_US);
  while (td_store_reports_step_row (db, taken, &row, error) && row)
    through_for (groups, sqlite3_column_int64 (taken, 0))->taken = sqlite3_column_int64 (taken, 1);
  if (error != NULL && *error != NULL)
    return FALSE;

  sold = td_database_prepare (db,
    "SELECT category_id, sum(lines) FROM report_line_day WHERE day BETWEEN ?1 AND ?2 "
    "GROUP BY category_id", error);
  if (sold == NULL)
    return FALSE;
  td_store_reports_bind_days (sold, &q->period);
  while (td_store_reports_step_row (db, sold, &row, error) && row)
    through_for (groups, sqlite3_column_int64 (sold, 0))->sold = sqlite3_column_int64 (sold, 1);
  if (error != NULL && *error != NULL)
    return FALSE;

  t = td_report_add_table (report, "sell_through", _("Sell-through"));
  td_report_table_add_column (t, "name", _("Category"), TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "taken_in", _("Taken in"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "sold", _("Sold"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "rate", _("Sell-through"), TD_REPORT_COLUMN_PERCENT);
  keys = g_list_sort (g_hash_table_get_keys (groups), td_store_reports_compare_ids);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const Through *g = g_hash_table_lookup (groups, l->data);
      guint r = td_report_table_add_row (t);

      td_report_table_set_text (t, r, 0, td_store_reports_name_of (names, *(gint64 *) l->data, _("None")));
      td_report_table_set_num (t, r, 1, g->taken);
      td_report_table_set_num (t, r, 2, g->sold);
      td_report_table_set_num (t, r, 3, g->taken > 0 ? g->sold * 10000 / g->taken : 0);
      all_in += g->taken;
      all_sold += g->sold;
    }
  {
    guint r = td_report_table_add_row (t);

    td_report_table_set_text (t, r, 0, _("All categories"));
    td_report_table_set_num (t, r, 1, all_in);
    td_report_table_set_num (t, r, 2, all_sold);
    td_report_table_set_num (t, r, 3, all_in > 0 ? all_sold * 10000 / all_in : 0);
  }
  return TRUE;
}

/* Markdown effectiveness: what sold at full price and at each markdown. The markdown is
 * fixed as the line is written: how far its effective price (list_price) was below the
 * item's ticket price, so a later change of rules doesn't rewrite history. */
static gboolean
inventory_markdowns (TdDatabase          *db,
                     const TdReportQuery *q,
                     TdReport            *report,
                     GError             **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT markdown_pct, sum(lines), sum(price) FROM report_markdown_day "
    "WHERE day BETWEEN ?1 AND ?2 GROUP BY 1 HAVING sum(lines) <> 0 ORDER BY 1", error);
  TdReportTable *t;
  gboolean row;

  if (stmt == NULL)
    return FALSE;
  td_store_reports_bind_days (stmt, &q->period);
  t = td_report_add_table (report, "markdowns", _("Sales by markdown"));
  td_report_table_add_column (t, "markdown", _("Markdown"), TD_REPORT_COLUMN_PERCENT);
  td_report_table_add_column (t, "units", _("Units"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "revenue", _("Revenue"), TD_REPORT_COLUMN_MONEY);
  for (;;)
    {
      guint r;

      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      if (!row)
        break;
      r = td_report_table_add_row (t);
      td_report_table_set_num (t, r, 0, sqlite3_column_int64 (stmt, 0) * 100);
      td_report_table_set_num (t, r, 1, sqlite3_column_int64 (stmt, 1));
      td_report_table_set_num (t, r, 2, sqlite3_column_int64 (stmt, 2));
    }
  return TRUE;
}

static gboolean
inventory_expiry (TdDatabase          *db,
                  const TdReportQuery *q,
                  TdReport            *report,
                  GError             **error)
{
  const char *labels[] = { _("Expired, not yet handled"), _("Within 7 days"), _("In 8–30 days") };
  /* UTC days (report_expiry_day): "today" is the day now falls in */
  const gint64 today = q->now_us / DAY_US;
  const gint64 edges[] = { G_MININT64, today, today + 8, today + 31 };
  TdReportTable *t = td_report_add_table (report, "expiry", _("Due for expiry"));

  td_report_table_add_column (t, "when", _("Consignment period ends"), TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (t, "items", _("Items"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (t, "ticket", _("Ticket value"), TD_REPORT_COLUMN_MONEY);
  for (guint b = 0; b < G_N_ELEMENTS (labels); b++)
    {
      g_autoptr(TdStmt) stmt = td_database_prepare (db,
        "SELECT total(items), total(price) FROM report_expiry_day "
        "WHERE day >= ?1 AND day < ?2", error);
      gboolean row;
      guint r;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, edges[b]);
      sqlite3_bind_int64 (stmt, 2, edges[b + 1]);
      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      r = td_report_table_add_row (t);
      td_report_table_set_text (t, r, 0, labels[b]);
      td_report_table_set_num (t, r, 1, (gint64) sqlite3_column_double (stmt, 0));
      td_report_table_set_num (t, r, 2, (gint64) sqlite3_column_double (stmt, 1));
    }
  return TRUE;
}

gboolean
td_store_reports_inventory (TdDatabase          *db,
                            const TdReportQuery *q,
                            TdReport            *report,
                            GError             **error)
{
  return inventory_age (db, q, report, error) &&
         inventory_sell_through (db, q, report, error) &&
         inventory_markdowns (db, q, report, error) &&
         inventory_expiry (db, q, report, error);
}
