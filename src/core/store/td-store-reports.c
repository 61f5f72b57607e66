/* td-store-reports.c — sales summary, sales over time and tax; the run and its worker.
 *
 * Sales are read from the per-day summaries of 0008-reports.sql (kept by triggers in the
 * transactions that write sales), so a year is a few thousand rows whatever the shop's size
 * (figures: tests/bench, group "reports").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-reports-private.h"

/* Steps @stmt once; *have_row tells whether a row came. */
gboolean
td_store_reports_step_row (TdDatabase  *db,
                           TdStmt      *stmt,
                           gboolean    *have_row,
                           GError     **error)
{
  int rc = sqlite3_step (stmt);

  *have_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_INTERRUPT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The report was cancelled."));
      return FALSE;
    }
  return td_database_set_error (db, rc, "reading a report", error);
}

static void
bind_days (TdStmt               *stmt,
           const TdReportPeriod *period)
{
  sqlite3_bind_int (stmt, 1, period->first_day);
  sqlite3_bind_int (stmt, 2, period->last_day);
}

/* Sales summary ---------------------------------------------------------------------- */

static gboolean
summary_totals (TdDatabase           *db,
                const TdReportPeriod *period,
                const char           *label,
                TdReportTable        *table,
                GError              **error)
{
  g_autoptr(TdStmt) sales = td_database_prepare (db,
    "SELECT total(sales), total(subtotal), total(discount), total(tax), total(total) "
    "FROM report_sale_day WHERE day BETWEEN ?1 AND ?2", error);
  g_autoptr(TdStmt) refunds = NULL;
  gboolean row;
  gint64 n, gross, discount, tax, total, refunded, refund_count;
  guint r;

  if (sales == NULL)
    return FALSE;
  bind_days (sales, period);
  if (!td_store_reports_step_row (db, sales, &row, error))
    return FALSE;
  n = (gint64) sqlite3_column_double (sales, 0);
  gross = (gint64) sqlite3_column_double (sales, 1);
  discount = (gint64) sqlite3_column_double (sales, 2);
  tax = (gint64) sqlite3_column_double (sales, 3);
  total = (gint64) sqlite3_column_double (sales, 4);

  refunds = td_database_prepare (db,
    "SELECT count(*), total(total) FROM refund WHERE refund_day BETWEEN ?1 AND ?2", error);
  if (refunds == NULL)
    return FALSE;
  bind_days (refunds, period);
  if (!td_store_reports_step_row (db, refunds, &row, error))
    return FALSE;
  refund_count = sqlite3_column_int64 (refunds, 0);
  refunded = (gint64) sqlite3_column_double (refunds, 1);

  r = td_report_table_add_row (table);
  td_report_table_set_text (table, r, 0, label);
  td_report_table_set_num (table, r, 1, n);
  td_report_table_set_num (table, r, 2, gross);
  td_report_table_set_num (table, r, 3, discount);
  td_report_table_set_num (table, r, 4, refund_count);
  td_report_table_set_num (table, r, 5, refunded);
  td_report_table_set_num (table, r, 6, tax);
  td_report_table_set_num (table, r, 7, total - refunded);
  td_report_table_set_num (table, r, 8, n > 0 ? (total + n / 2) / n : 0);
  return TRUE;
}

/* A breakdown: rows of (label, count, amount) from @sql, which binds the period's days. */
static gboolean
breakdown (TdDatabase           *db,
           const TdReportPeriod *period,
           TdReport             *report,
           const char           *id,
           const char           *title,
           const char           *what,
           const char           *sql,
           const char *        (*label_of) (const char *key),
           GError              **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, error);
  TdReportTable *table;
  gboolean row;

  if (stmt == NULL)
    return FALSE;
  table = td_report_add_table (report, id, title);
  td_report_table_add_column (table, "name", what, TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (table, "sales", _("Sales"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (table, "amount", _("Amount"), TD_REPORT_COLUMN_MONEY);
  bind_days (stmt, period);
  for (;;)
    {
      const char *key;
      guint r;

      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      if (!row)
        break;
      key = (const char *) sqlite3_column_text (stmt, 0);
      r = td_report_table_add_row (table);
      td_report_table_set_text (table, r, 0, label_of != NULL ? label_of (key) : key);
      td_report_table_set_num (table, r, 1, sqlite3_column_int64 (stmt, 1));
      td_report_table_set_num (table, r, 2, sqlite3_column_int64 (stmt, 2));
    }
  return TRUE;
}

static const char *
tender_label (const char *tender)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "cash", N_("Cash") }, { "card", N_("Card") }, { "store_credit", N_("Store credit") },
    { "gift_card", N_("Gift card") }, { "marketplace", N_("Marketplace") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (tender, labels[i].key) == 0)
      return _(labels[i].label);
  return tender != NULL ? tender : "";
}

static const char *
channel_label (const char *name)
{
  return name != NULL ? name : _("Shop counter");
}

static const char *
staff_label (const char *name)
{
  return name != NULL && *name != '\0' ? name : _("Not recorded");
}

static gboolean
report_summary (TdDatabase          *db,
                const TdReportQuery *q,
                TdReport            *report,
                GError             **error)
{
  TdReportTable *totals = td_report_add_table (report, "totals", _("Totals"));

  td_report_table_add_column (totals, "period", _("Period"), TD_REPORT_COLUMN_TEXT);
  td_report_table_add_column (totals, "sales", _("Sales"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (totals, "gross", _("Gross"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (totals, "discounts", _("Discounts"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (totals, "refund_count", _("Refunds"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (totals, "refunds", _("Refunded"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (totals, "tax", _("Tax"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (totals, "net", _("Net"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (totals, "basket", _("Average basket"), TD_REPORT_COLUMN_MONEY);
  if (!summary_totals (db, &q->period, _("This period"), totals, error))
    return FALSE;
  if (q->has_compare && !summary_totals (db, &q->compare, _("Compared period"), totals, error))
    return FALSE;

  /* area: the tender is what the customer handed over less the change given back, so cash
   * tendered with a 50 for a 12.50 sale counts 12.50. */
  return breakdown (db, &q->period, report, "tender", _("By tender"), _("Tender"),
                    "SELECT tender, sum(payments), sum(amount) FROM report_tender_day "
                    "WHERE day BETWEEN ?1 AND ?2 GROUP BY tender ORDER BY 3 DESC",
                    tender_label, error) &&
         breakdown (db, &q->period, report, "channel", _("By channel"), _("Channel"),
                    "SELECT CASE WHEN r.channel = 'store' THEN NULL "
                    "       ELSE coalesce (a.name, r.channel) END, sum(r.sales), sum(r.total) "
                    "FROM report_sale_day r LEFT JOIN marketplace_account a ON a.id = r.account_id "
                    "WHERE r.day BETWEEN ?1 AND ?2 "
                    "GROUP BY r.channel, r.account_id ORDER BY 3 DESC", channel_label, error) &&
         breakdown (db, &q->period, report, "staff", _("By staff"), _("Staff"),
                    "SELECT coalesce (st.name, ''), sum(r.sales), sum(r.total) "
                    "FROM report_sale_day r LEFT JOIN staff st ON st.id = r.staff_id "
                    "WHERE r.day BETWEEN ?1 AND ?2 "
                    "GROUP BY r.staff_id ORDER BY 3 DESC", staff_label, error);
}

/* Sales over time -------------------------------------------------------------------- */

/* Per-day sales of @period summed into buckets, one array slot per bucket from the first. */
static gboolean
bucket_sales (TdDatabase           *db,
              const TdReportPeriod *period,
              TdBucket              bucket,
              GArray               *keys,
              GArray               *counts,
              GArray               *amounts,
              GError              **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT day, sum(sales), total(total) FROM report_sale_day "
    "WHERE day BETWEEN ?1 AND ?2 GROUP BY day", error);
  int first = td_report_day_bucket (period->first_day, bucket);
  gboolean row;

  if (stmt == NULL)
    return FALSE;
  for (int k = first; k <= period->last_day; k = td_report_bucket_next (k, bucket))
    {
      gint64 zero = 0;

      g_array_append_val (keys, k);
      g_array_append_val (counts, zero);
      g_array_append_val (amounts, zero);
    }
  bind_days (stmt, period);
  for (guint i = 0;;)
    {
      int key;

      if (!td_store_reports_step_row (db, stmt, &row, error))
        return FALSE;
      if (!row)
        break;
      key = td_report_day_bucket (sqlite3_column_int (stmt, 0), bucket);
      while (i < keys->len && g_array_index (keys, int, i) != key)
        i++;
      if (i == keys->len)
        break;   /* a sold_day outside the period: can't happen with BETWEEN */
      g_array_index (counts, gint64, i) += sqlite3_column_int64 (stmt, 1);
      g_array_index (amounts, gint64, i) += (gint64) sqlite3_column_double (stmt, 2);
    }
  return TRUE;
}

static gboolean
report_over_time (TdDatabase          *db,
                  const TdReportQuery *q,
                  TdReport            *report,
                  GError             **error)
{
  TdBucket bucket = td_report_period_bucket (&q->period);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) c_keys = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) c_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) c_amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  TdReportTable *table;
  const char *title;

  if (!bucket_sales (db, &q->period, bucket, keys, counts, amounts, error))
    return FALSE;
  if (q->has_compare &&
      !bucket_sales (db, &q->compare, bucket, c_keys, c_counts, c_amounts, error))
    return FALSE;

  title = bucket == TD_BUCKET_DAY ? _("Sales per day")
          : bucket == TD_BUCKET_WEEK ? _("Sales per week") : _("Sales per month");
  table = td_report_add_table (report, "buckets", title);
  td_report_table_add_column (table, "start", bucket == TD_BUCKET_DAY ? _("Day")
                              : bucket == TD_BUCKET_WEEK ? _("Week of") : _("Month"),
                              TD_REPORT_COLUMN_DAY);
  td_report_table_add_column (table, "sales", _("Sales"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (table, "amount", _("Amount"), TD_REPORT_COLUMN_MONEY);
  if (q->has_compare)
    {
      td_report_table_add_column (table, "compare_start", _("Compared with"), TD_REPORT_COLUMN_DAY);
      td_report_table_add_column (table, "compare_sales", _("Sales then"), TD_REPORT_COLUMN_COUNT);
      td_report_table_add_column (table, "compare_amount", _("Amount then"), TD_REPORT_COLUMN_MONEY);
    }
  for (guint i = 0; i < MAX (keys->len, c_keys->len); i++)
    {
      guint r = td_report_table_add_row (table);

      if (i < keys->len)
        {
          td_report_table_set_num (table, r, 0, g_array_index (keys, int, i));
          td_report_table_set_num (table, r, 1, g_array_index (counts, gint64, i));
          td_report_table_set_num (table, r, 2, g_array_index (amounts, gint64, i));
        }
      if (q->has_compare && i < c_keys->len)
        {
          td_report_table_set_num (table, r, 3, g_array_index (c_keys, int, i));
          td_report_table_set_num (table, r, 4, g_array_index (c_counts, gint64, i));
          td_report_table_set_num (table, r, 5, g_array_index (c_amounts, gint64, i));
        }
    }
  return TRUE;
}

/* Tax -------------------------------------------------------------------------------- */

static gboolean
report_tax (TdDatabase          *db,
            const TdReportQuery *q,
            TdReport            *report,
            GError             **error)
{
  g_autoptr(TdStmt) sold = td_database_prepare (db,
    "SELECT tax_rate_bp, sum(lines), sum(price), sum(tax) FROM report_line_day "
    "WHERE day BETWEEN ?1 AND ?2 GROUP BY tax_rate_bp HAVING sum(lines) <> 0", error);
  g_autoptr(TdStmt) refunded = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  TdReportTable *table;
  gboolean row;

  if (sold == NULL)
    return FALSE;
  table = td_report_add_table (report, "rates", _("Tax by rate"));
  td_report_table_add_column (table, "rate", _("Rate"), TD_REPORT_COLUMN_PERCENT);
  td_report_table_add_column (table, "lines", _("Items sold"), TD_REPORT_COLUMN_COUNT);
  td_report_table_add_column (table, "sales", _("Sales"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (table, "tax", _("Tax collected"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (table, "refunded", _("Tax refunded"), TD_REPORT_COLUMN_MONEY);
  td_report_table_add_column (table, "due", _("Tax due"), TD_REPORT_COLUMN_MONEY);
  bind_days (sold, &q->period);
  for (;;)
    {
      guint r;

      if (!td_store_reports_step_row (db, sold, &row, error))
        return FALSE;
      if (!row)
        break;
      r = td_report_table_add_row (table);
      td_report_table_set_num (table, r, 0, sqlite3_column_int64 (sold, 0));
      td_report_table_set_num (table, r, 1, sqlite3_column_int64 (sold, 1));
      td_report_table_set_num (table, r, 2, sqlite3_column_int64 (sold, 2));
      td_report_table_set_num (table, r, 3, sqlite3_column_int64 (sold, 3));
      td_report_table_set_num (table, r, 5, sqlite3_column_int64 (sold, 3));
      g_hash_table_insert (rows, GINT_TO_POINTER (sqlite3_column_int (sold, 0) + 1),
                           GUINT_TO_POINTER (r + 1));
    }

  /* Refunds count in the period they were given, at the rate of the line they return. */
  refunded = td_database_prepare (db,
    "SELECT sl.tax_rate_bp, total(rl.tax) FROM refund r "
    "CROSS JOIN refund_line rl ON rl.refund_id = r.id "
    "CROSS JOIN sale_line sl ON sl.id = rl.sale_line_id "
    "WHERE r.refund_day BETWEEN ?1 AND ?2 GROUP BY sl.tax_rate_bp", error);
  if (refunded == NULL)
    return FALSE;
  bind_days (refunded, &q->period);
  for (;;)
    {
      int rate;
      gint64 tax;
      guint r;

      if (!td_store_reports_step_row (db, refunded, &row, error))
        return FALSE;
      if (!row)
        break;
      rate = sqlite3_column_int (refunded, 0);
      tax = (gint64) sqlite3_column_double (refunded, 1);
      r = GPOINTER_TO_UINT (g_hash_table_lookup (rows, GINT_TO_POINTER (rate + 1)));
      if (r == 0)
        {
          r = td_report_table_add_row (table) + 1;
          td_report_table_set_num (table, r - 1, 0, rate);
        }
      td_report_table_set_num (table, r - 1, 4, tax);
      td_report_table_set_num (table, r - 1, 5, td_report_table_get_num (table, r - 1, 3) - tax);
    }
  return TRUE;
}

/* The run ----------------------------------------------------------------------------- */

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

/**
 * td_store_reports_run:
 * @db: a connection (the worker's own, off the main thread)
 * @kind: which report
 * @period: the period
 * @compare: (nullable): the period to compare with (summary and sales over time)
 * @now_us: the moment "now" for ages and balances, UTC µs
 * @tz: (nullable): the shop's zone for periods of UTC times; %NULL: local
 * @cancellable: (nullable): cancels the query in flight
 * @error: return location
 *
 * Reads one report in one read transaction, so its tables agree with each other.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
TdReport *
td_store_reports_run (TdDatabase            *db,
                      TdReportKind           kind,
                      const TdReportPeriod  *period,
                      const TdReportPeriod  *compare,
                      gint64                 now_us,
                      GTimeZone             *tz,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autoptr(TdReport) report = NULL;
  TdReportQuery q = { 0 };
  sqlite3 *handle;
  gboolean ok = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (period != NULL && kind < TD_N_REPORTS, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  q.period = *period;
  q.has_compare = compare != NULL;
  if (compare != NULL)
    q.compare = *compare;
  q.now_us = now_us;
  q.tz = tz;
  q.cancellable = cancellable;
  report = td_report_new (kind, period, compare);

  handle = td_database_get_handle (db);
  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 20000, progress_cb, cancellable);
  if (td_database_exec (db, "BEGIN", error))
    {
      switch (kind)
        {
        case TD_REPORT_SUMMARY: ok = report_summary (db, &q, report, error); break;
        case TD_REPORT_OVER_TIME: ok = report_over_time (db, &q, report, error); break;
        case TD_REPORT_CATEGORIES: ok = td_store_reports_categories (db, &q, report, error); break;
        case TD_REPORT_CONSIGNORS: ok = td_store_reports_consignors (db, &q, report, error); break;
        case TD_REPORT_INVENTORY: ok = td_store_reports_inventory (db, &q, report, error); break;
        case TD_REPORT_TAX: ok = report_tax (db, &q, report, error); break;
        case TD_REPORT_IMPACT: ok = td_store_reports_impact (db, &q, report, error); break;
        case TD_N_REPORTS:
        default: g_assert_not_reached ();
        }
      td_database_exec (db, "COMMIT", NULL);
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 0, NULL, NULL);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  return ok ? g_steal_pointer (&report) : NULL;
}

typedef struct
{
  char           *path;
  TdReportKind    kind;
  TdReportPeriod  period;
  TdReportPeriod  compare;
  gboolean        has_compare;
  gint64          now_us;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  g_free (d->path);
  g_free (d);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (d->path, &error);
  TdReport *report = NULL;

  if (db != NULL)
    report = td_store_reports_run (db, d->kind, &d->period, d->has_compare ? &d->compare : NULL,
                                   d->now_us, NULL, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) td_report_unref);
}

/**
 * td_store_reports_run_async:
 * @path: the shop file (td_database_get_path()); the worker opens its own connection
 *
 * td_store_reports_run() on a worker thread, in the local zone.
 */
void
td_store_reports_run_async (const char            *path,
                            TdReportKind           kind,
                            const TdReportPeriod  *period,
                            const TdReportPeriod  *compare,
                            gint64                 now_us,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *d = g_new0 (RunData, 1);

  g_return_if_fail (path != NULL && period != NULL);
  g_task_set_source_tag (task, td_store_reports_run_async);
  d->path = g_strdup (path);
  d->kind = kind;
  d->period = *period;
  d->has_compare = compare != NULL;
  if (compare != NULL)
    d->compare = *compare;
  d->now_us = now_us;
  g_task_set_task_data (task, d, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

/* Returns: (transfer full): the report, or %NULL with @error set (cancelled included). */
TdReport *
td_store_reports_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
