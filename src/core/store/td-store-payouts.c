/* td-store-payouts.c — consignor statements and payout runs; see td-store-payouts.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-permission.h"
#include "td-store-payouts.h"
#include "td-store-stock-private.h"

static const char * const methods[] = { "cash", "cheque", "bank_transfer", "store_credit" };

gboolean
td_payout_method_valid (const char *method)
{
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_strcmp0 (method, methods[i]) == 0)
      return TRUE;
  return FALSE;
}

const char *
td_payout_method_get_label (const char *method)
{
  if (g_strcmp0 (method, "cash") == 0)
    return _("Cash");
  if (g_strcmp0 (method, "cheque") == 0)
    return _("Cheque");
  if (g_strcmp0 (method, "bank_transfer") == 0)
    return _("Bank transfer");
  if (g_strcmp0 (method, "store_credit") == 0)
    return _("Store credit");
  return method != NULL ? method : "";
}

static void
statement_line_clear (gpointer data)
{
  TdStatementLine *l = data;

  g_free (l->title);
  g_free (l->sku);
  g_free (l->detail);
}

void
td_statement_clear (TdStatement *statement)
{
  g_clear_pointer (&statement->code, g_free);
  g_clear_pointer (&statement->name, g_free);
  g_clear_pointer (&statement->address, g_free);
  g_clear_pointer (&statement->lines, g_array_unref);
}

void
td_payout_slip_clear (TdPayoutSlip *slip)
{
  g_clear_pointer (&slip->code, g_free);
  g_clear_pointer (&slip->name, g_free);
  g_clear_pointer (&slip->method, g_free);
  g_clear_pointer (&slip->reference, g_free);
  g_clear_pointer (&slip->staff_name, g_free);
}

static gboolean
step (TdDatabase  *db,
      TdStmt      *stmt,
      gboolean    *row,
      GError     **error)
{
  int rc = sqlite3_step (stmt);

  *row = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || td_database_set_error (db, rc, "reading payouts", error);
}

static char *
dup_column (TdStmt *stmt,
            int     column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
kind_from_string (const char   *text,
                  TdLedgerKind *kind)
{
  for (TdLedgerKind k = TD_LEDGER_SALE; k <= TD_LEDGER_STORE_CREDIT; k++)
    if (g_strcmp0 (td_ledger_kind_to_string (k), text) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/**
 * td_store_payouts_statement:
 * @tz: (nullable): the shop's zone for the period's local days; %NULL: local
 * @statement: (out caller-allocates): filled; clear with td_statement_clear()
 *
 * Reads a consignor's statement for @period. closing = opening + the sum of the lines.
 */
gboolean
td_store_payouts_statement (TdDatabase            *db,
                            gint64                 consignor_id,
                            const TdReportPeriod  *period,
                            GTimeZone             *tz,
                            TdStatement           *statement,
                            GError               **error)
{
  g_autoptr(TdStmt) who = td_database_prepare (db,
    "SELECT code, name, address FROM consignor WHERE id = ?", error);
  g_autoptr(TdStmt) opening = NULL;
  g_autoptr(TdStmt) lines = NULL;
  gint64 start_us, end_us;
  gboolean row;

  g_return_val_if_fail (period != NULL && statement != NULL, FALSE);
  memset (statement, 0, sizeof *statement);
  if (who == NULL)
    return FALSE;
  sqlite3_bind_int64 (who, 1, consignor_id);
  if (!step (db, who, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("This consignor no longer exists."));
      return FALSE;
    }
  statement->consignor_id = consignor_id;
  statement->code = dup_column (who, 0);
  statement->name = dup_column (who, 1);
  statement->address = dup_column (who, 2);
  statement->period = *period;
  statement->lines = g_array_new (FALSE, TRUE, sizeof (TdStatementLine));
  g_array_set_clear_func (statement->lines, statement_line_clear);
  td_report_period_bounds (period, tz, &start_us, &end_us);

  opening = td_database_prepare (db,
    "SELECT total (amount) FROM ledger WHERE consignor_id = ?1 AND created_at < ?2", error);
  if (opening == NULL)
    return FALSE;
  sqlite3_bind_int64 (opening, 1, consignor_id);
  sqlite3_bind_int64 (opening, 2, start_us);
  if (!step (db, opening, &row, error))
    return FALSE;
  statement->opening = statement->closing = (gint64) sqlite3_column_double (opening, 0);

  lines = td_database_prepare (db,
    "SELECT l.created_at, l.kind, l.amount, coalesce (sl.title, rsl.title), "
    "       coalesce (sl.sku, rsl.sku), coalesce (sl.price, rl.amount, 0), "
    "       p.method, p.reference, l.note "
    "FROM ledger l "
    "LEFT JOIN sale_line sl ON sl.id = l.sale_line_id "
    "LEFT JOIN refund_line rl ON rl.id = l.refund_line_id "
    "LEFT JOIN sale_line rsl ON rsl.id = rl.sale_line_id "
    "LEFT JOIN payout p ON p.id = l.payout_id "
    "WHERE l.consignor_id = ?1 AND l.created_at >= ?2 AND l.created_at < ?3 "
    "ORDER BY l.created_at, l.id", error);
  if (lines == NULL)
    return FALSE;
  sqlite3_bind_int64 (lines, 1, consignor_id);
  sqlite3_bind_int64 (lines, 2, start_us);
  sqlite3_bind_int64 (lines, 3, end_us);
  for (;;)
    {
      TdStatementLine l = { 0 };
      const char *method, *reference, *note;

      if (!step (db, lines, &row, error))
        return FALSE;
      if (!row)
        break;
      l.at = sqlite3_column_int64 (lines, 0);
      if (!kind_from_string ((const char *) sqlite3_column_text (lines, 1), &l.kind))
        l.kind = TD_LEDGER_ADJUSTMENT;
      l.amount = sqlite3_column_int64 (lines, 2);
      l.title = dup_column (lines, 3);
      l.sku = dup_column (lines, 4);
      l.price = l.kind == TD_LEDGER_SALE || l.kind == TD_LEDGER_REFUND
                ? sqlite3_column_int64 (lines, 5) : 0;
      method = (const char *) sqlite3_column_text (lines, 6);
      reference = (const char *) sqlite3_column_text (lines, 7);
      note = (const char *) sqlite3_column_text (lines, 8);
      if (method != NULL)
        l.detail = reference != NULL && *reference != '\0'
                   ? g_strdup_printf ("%s · %s", td_payout_method_get_label (method), reference)
                   : g_strdup (td_payout_method_get_label (method));
      else if (note != NULL && *note != '\0')
        l.detail = g_strdup (note);

      switch (l.kind)
        {
        case TD_LEDGER_SALE: statement->sales += l.amount; break;
        case TD_LEDGER_REFUND: statement->refunds += l.amount; break;
        case TD_LEDGER_PAYOUT: statement->payouts += l.amount; break;
        case TD_LEDGER_ADJUSTMENT:
        case TD_LEDGER_STORE_CREDIT:
        default: statement->other += l.amount; break;
        }
      statement->closing += l.amount;
      g_array_append_val (statement->lines, l);
    }
  return TRUE;
}

/**
 * td_store_payouts_with_activity:
 *
 * Consignors a statement batch is for: those with a balance now, or movements in @period.
 *
 * Returns: (transfer full) (element-type gint64): consignor ids in code order, or %NULL
 */
GArray *
td_store_payouts_with_activity (TdDatabase            *db,
                                const TdReportPeriod  *period,
                                GTimeZone             *tz,
                                GError               **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT c.id FROM consignor c WHERE "
    "  (SELECT total (amount) FROM ledger WHERE consignor_id = c.id) <> 0 OR "
    "  EXISTS (SELECT 1 FROM ledger WHERE consignor_id = c.id AND created_at >= ?1 "
    "          AND created_at < ?2) ORDER BY c.code", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start_us, end_us;
  gboolean row;

  if (stmt == NULL)
    return NULL;
  td_report_period_bounds (period, tz, &start_us, &end_us);
  sqlite3_bind_int64 (stmt, 1, start_us);
  sqlite3_bind_int64 (stmt, 2, end_us);
  for (;;)
    {
      gint64 id;

      if (!step (db, stmt, &row, error))
        return NULL;
      if (!row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static void
due_clear (gpointer data)
{
  TdPayoutDue *d = data;

  g_free (d->code);
  g_free (d->name);
  g_free (d->method);
}

void
td_payout_due_array_free (GArray *due)
{
  g_array_unref (due);
}

/**
 * td_store_payouts_due:
 *
 * Active consignors whose balance is positive and at least their minimum payout.
 *
 * Returns: (transfer full) (element-type TdPayoutDue): in code order, or %NULL
 */
GArray *
td_store_payouts_due (TdDatabase  *db,
                      GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT c.id, c.code, c.name, b.balance, c.min_payout, c.payout_method "
    "FROM consignor c JOIN (SELECT consignor_id, sum (amount) AS balance FROM ledger "
    "                      GROUP BY consignor_id) b ON b.consignor_id = c.id "
    "WHERE c.active = 1 AND b.balance > 0 AND b.balance >= c.min_payout ORDER BY c.code", error);
  g_autoptr(GArray) due = g_array_new (FALSE, TRUE, sizeof (TdPayoutDue));
  gboolean row;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (due, due_clear);
  for (;;)
    {
      TdPayoutDue d = { 0 };

      if (!step (db, stmt, &row, error))
        return NULL;
      if (!row)
        break;
      d.consignor_id = sqlite3_column_int64 (stmt, 0);
      d.code = dup_column (stmt, 1);
      d.name = dup_column (stmt, 2);
      d.balance = sqlite3_column_int64 (stmt, 3);
      d.min_payout = sqlite3_column_int64 (stmt, 4);
      d.method = dup_column (stmt, 5);
      g_array_append_val (due, d);
    }
  return g_steal_pointer (&due);
}

typedef struct
{
  const TdPayoutRequest *requests;
  guint                  n;
  gint64                 staff_id;
  gint64                 now_us;
  GArray                *ids;
} RecordData;

static gboolean
record_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  RecordData *d = user_data;

  for (guint i = 0; i < d->n; i++)
    {
      const TdPayoutRequest *r = &d->requests[i];
      g_autoptr(TdStmt) who = td_database_prepare (db,
        "SELECT c.code, (SELECT total (amount) FROM ledger WHERE consignor_id = c.id) "
        "FROM consignor c WHERE c.id = ?", error);
      g_autoptr(TdStmt) insert = NULL;
      g_autofree char *detail = NULL;
      TdLedgerEntry entry = { 0 };
      gint64 balance, payout_id;
      gboolean row;

      if (who == NULL)
        return FALSE;
      sqlite3_bind_int64 (who, 1, r->consignor_id);
      if (!step (db, who, &row, error))
        return FALSE;
      if (!row)
        {
          g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                               _("A consignor of this payout run no longer exists. Nothing was paid."));
          return FALSE;
        }
      balance = (gint64) sqlite3_column_double (who, 1);
      if (r->amount <= 0 || r->amount > balance)
        {
          g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                       _("A payout to %s is more than the balance the shop owes them, or not "
                         "more than nothing. Nothing was paid."),
                       (const char *) sqlite3_column_text (who, 0));
          return FALSE;
        }

      insert = td_database_prepare (db,
        "INSERT INTO payout (consignor_id, amount, method, reference, staff_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)", error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, r->consignor_id);
      sqlite3_bind_int64 (insert, 2, r->amount);
      sqlite3_bind_text (insert, 3, r->method, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, r->reference != NULL ? r->reference : "", -1, SQLITE_TRANSIENT);
      if (d->staff_id > 0)
        sqlite3_bind_int64 (insert, 5, d->staff_id);
      else
        sqlite3_bind_null (insert, 5);
      sqlite3_bind_int64 (insert, 6, d->now_us);
      if (!td_database_step_done (db, insert, error))
        return FALSE;
      payout_id = sqlite3_last_insert_rowid (td_database_get_handle (db));

      entry.kind = TD_LEDGER_PAYOUT;
      entry.consignor_id = r->consignor_id;
      entry.amount = -r->amount;
      entry.payout_id = payout_id;
      if (!td_store_ledger_append (db, &entry, d->now_us, NULL, error))
        return FALSE;

      detail = g_strdup_printf ("{\"consignor_id\":%" G_GINT64_FORMAT ",\"amount\":%" G_GINT64_FORMAT
                                ",\"method\":\"%s\",\"balance_before\":%" G_GINT64_FORMAT "}",
                                r->consignor_id, r->amount, r->method, balance);
      if (!td_store_audit_append (db, d->now_us, d->staff_id, "payout.created", "payout",
                                  payout_id, detail, error))
        return FALSE;
      g_array_append_val (d->ids, payout_id);
    }
  return TRUE;
}

/**
 * td_store_payouts_record:
 * @requests: (array length=n_requests): the payouts of the run
 * @staff_id: who pays out; must hold %TD_PERMISSION_PAYOUT
 * @payout_ids: (out) (optional) (transfer full): the new payout ids, in request order
 *
 * Records a payout run in one transaction: for each request a payout row, its ledger debit
 * and an audit row. A payout above the consignor's balance (or of nothing), an unknown
 * method or consignor refuses the whole run; nothing is written.
 */
gboolean
td_store_payouts_record (TdDatabase             *db,
                         const TdPayoutRequest  *requests,
                         guint                   n_requests,
                         gint64                  staff_id,
                         gint64                  now_us,
                         GArray                **payout_ids,
                         GError                **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RecordData d = { requests, n_requests, staff_id, now_us, ids };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (requests != NULL || n_requests == 0, FALSE);

  for (guint i = 0; i < n_requests; i++)
    if (!td_payout_method_valid (requests[i].method))
      {
        g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                             _("Choose how the consignor is paid: cash, cheque, bank transfer or "
                               "store credit."));
        return FALSE;
      }
  /* The permission check writes (wrong PINs, consumed grants), so it runs before the
   * run's own transaction. */
  if (!td_store_authorize (db, staff_id, TD_PERMISSION_PAYOUT, NULL, now_us, error))
    return FALSE;
  if (!td_database_transaction (db, record_txn, &d, error))
    return FALSE;
  if (payout_ids != NULL)
    *payout_ids = g_steal_pointer (&ids);
  return TRUE;
}

/**
 * td_store_payouts_get_slip:
 * @slip: (out caller-allocates): clear with td_payout_slip_clear()
 */
gboolean
td_store_payouts_get_slip (TdDatabase    *db,
                           gint64         payout_id,
                           TdPayoutSlip  *slip,
                           GError       **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT p.consignor_id, c.code, c.name, p.amount, p.method, p.reference, "
    "       coalesce (s.name, ''), p.created_at, "
    "       (SELECT total (amount) FROM ledger l WHERE l.consignor_id = p.consignor_id AND "
    "        l.id < (SELECT id FROM ledger WHERE payout_id = p.id)) "
    "FROM payout p JOIN consignor c ON c.id = p.consignor_id "
    "LEFT JOIN staff s ON s.id = p.staff_id WHERE p.id = ?", error);
  gboolean row;

  memset (slip, 0, sizeof *slip);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payout_id);
  if (!step (db, stmt, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("This payout does not exist."));
      return FALSE;
    }
  slip->payout_id = payout_id;
  slip->consignor_id = sqlite3_column_int64 (stmt, 0);
  slip->code = dup_column (stmt, 1);
  slip->name = dup_column (stmt, 2);
  slip->amount = sqlite3_column_int64 (stmt, 3);
  slip->method = dup_column (stmt, 4);
  slip->reference = dup_column (stmt, 5);
  slip->staff_name = dup_column (stmt, 6);
  slip->at = sqlite3_column_int64 (stmt, 7);
  slip->balance_before = (gint64) sqlite3_column_double (stmt, 8);
  slip->balance_after = slip->balance_before - slip->amount;
  return TRUE;
}
