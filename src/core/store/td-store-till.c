/* td-store-till.c — the cash drawer: one open session per register (a partial unique index),
 * its float, paid-in and paid-out with reasons, and the close with counted cash.
 *
 * Every cash movement of the drawer is a `till_movement` row with a signed amount (sales and
 * paid-in +, refunds, paid-out and payouts −), written in the same transaction as the act;
 * the expected cash is the float plus their sum. The Z report reads the register's sales,
 * payments and refunds between open and close.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-permission.h"
#include "td-store-counter-private.h"

/**
 * td_store_till_current:
 * @session_id: (out): the register's open session, 0 when the till is closed
 */
gboolean
td_store_till_current (TdDatabase  *db,
                       const char  *register_id,
                       gint64      *session_id,
                       GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);

  stmt = td_database_prepare (db,
    "SELECT id FROM till_session WHERE register_id = ? AND closed_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, register_id != NULL ? register_id : TD_REGISTER_DEFAULT, -1,
                     SQLITE_STATIC);
  return td_stock_query_int64 (db, stmt, session_id, NULL, error);
}

typedef struct
{
  const char *register_id;
  gint64      amount;
  const char *reason;
  gint64      staff_id;
  gint64      now_us;
  gint64      session_id;
  int         kind;
  gint64      counted;
  TdZReport  *report;
} Till;

static gboolean
open_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Till *t = user_data;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  gint64 open;

  if (!td_store_till_current (db, t->register_id, &open, error))
    return FALSE;
  if (open > 0)
    {
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TILL,
                   _("The till of register “%s” is open already. Close it before opening a new "
                     "session."), t->register_id);
      return FALSE;
    }
  stmt = td_database_prepare (db,
    "INSERT INTO till_session (register_id, opened_at, opened_by, float_amount) "
    "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, t->register_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, t->now_us);
  td_stock_bind_id (stmt, 3, t->staff_id);
  sqlite3_bind_int64 (stmt, 4, t->amount);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  t->session_id = sqlite3_last_insert_rowid (td_database_get_handle (db));

  td_stock_json_string (detail, "register", t->register_id);
  td_stock_json_int (detail, "float", t->amount);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, t->now_us, t->staff_id, "till.opened", "till_session",
                                t->session_id, detail->str, error);
}

/**
 * td_store_till_open:
 * @register_id: (nullable): the register; %NULL: "main"
 * @float_amount: the change the drawer starts with, ≥ 0
 * @session_id: (out) (optional): the new session
 * @error: %TD_SALE_ERROR_TILL (already open), %TD_SALE_ERROR_INVALID, or a database error
 */
gboolean
td_store_till_open (TdDatabase  *db,
                    const char  *register_id,
                    gint64       float_amount,
                    gint64       staff_id,
                    gint64       now_us,
                    gint64      *session_id,
                    GError     **error)
{
  Till t = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, float_amount, NULL,
             staff_id, now_us, 0, 0, 0, NULL };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (float_amount < 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("The float can’t be negative: count the change in the drawer."));
      return FALSE;
    }
  if (!td_database_transaction (db, open_txn, &t, error))
    return FALSE;
  if (session_id != NULL)
    *session_id = t.session_id;
  return TRUE;
}

static gboolean
require_open (TdDatabase  *db,
              Till        *t,
              GError     **error)
{
  if (!td_store_till_current (db, t->register_id, &t->session_id, error))
    return FALSE;
  if (t->session_id == 0)
    {
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TILL,
                   _("The till of register “%s” is not open. Open it with a float first."),
                   t->register_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
move_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Till *t = user_data;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *reason = td_stock_trim (t->reason);
  gint64 signed_amount = t->kind == TD_TILL_PAID_IN ? t->amount : -t->amount;
  const char *kind = t->kind == TD_TILL_PAID_IN ? "paid_in" : "paid_out";

  if (!require_open (db, t, error) ||
      !td_counter_till_record (db, t->register_id, kind, signed_amount, reason, t->staff_id,
                               t->now_us, error))
    return FALSE;
  td_stock_json_string (detail, "kind", kind);
  td_stock_json_int (detail, "amount", signed_amount);
  td_stock_json_string (detail, "reason", reason);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, t->now_us, t->staff_id, "till.moved", "till_session",
                                t->session_id, detail->str, error);
}

/**
 * td_store_till_move:
 * @kind: paid in (change brought to the drawer) or paid out (the window cleaner, stamps)
 * @amount: > 0
 * @reason: why; required
 * @staff_id: who; needs %TD_PERMISSION_OPEN_DRAWER (td_counter_permit())
 * @error: %TD_SALE_ERROR_TILL (not open), %TD_SALE_ERROR_INVALID, a permission error
 */
gboolean
td_store_till_move (TdDatabase      *db,
                    const char      *register_id,
                    TdTillMoveKind   kind,
                    gint64           amount,
                    const char      *reason,
                    gint64           staff_id,
                    gint64           now_us,
                    GError         **error)
{
  g_autofree char *why = td_stock_trim (reason);
  Till t = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, amount, why, staff_id,
             now_us, 0, kind, 0, NULL };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (amount <= 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Enter an amount above zero."));
      return FALSE;
    }
  if (*why == '\0')
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("Say why cash goes in or out of the drawer."));
      return FALSE;
    }
  if (!td_counter_permit (db, staff_id, TD_COUNTER_ACT_TILL_MOVE, amount, 0, now_us, error))
    return FALSE;
  return td_database_transaction (db, move_txn, &t, error);
}

typedef struct
{
  const char *register_id;
  gint64      staff_id;
  gint64      now_us;
} NoSale;

static gboolean
no_sale_txn (TdDatabase  *db,
             gpointer     user_data,
             GError     **error)
{
  NoSale *n = user_data;
  g_autoptr(GString) detail = g_string_new ("{");

  td_stock_json_string (detail, "register", n->register_id);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, n->now_us, n->staff_id, "till.no_sale", "register", 0,
                                detail->str, error);
}

/**
 * td_store_till_no_sale:
 * @staff_id: who; needs %TD_PERMISSION_OPEN_DRAWER
 *
 * Records that the drawer is about to be opened without a sale ("no sale"): checked and
 * audited before the caller sends the kick, so an unexplained open drawer always has a name.
 */
gboolean
td_store_till_no_sale (TdDatabase  *db,
                       const char  *register_id,
                       gint64       staff_id,
                       gint64       now_us,
                       GError     **error)
{
  NoSale n = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!td_store_authorize (db, staff_id, TD_PERMISSION_OPEN_DRAWER, NULL, now_us, error))
    return FALSE;
  return td_database_transaction (db, no_sale_txn, &n, error);
}

static gboolean
sum_query (TdDatabase  *db,
           const char  *sql,
           TdZReport   *r,
           gint64       until,
           gint64      *out,
           int          n_out,
           GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->register_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, r->opened_at);
  sqlite3_bind_int64 (stmt, 3, until);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "summing a till session", error);
  for (int i = 0; i < n_out; i++)
    out[i] = sqlite3_column_int64 (stmt, i);
  return TRUE;
}

static gboolean
by_tender (TdDatabase  *db,
           const char  *sql,
           TdZReport   *r,
           gint64       until,
           gint64      *out,
           GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->register_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, r->opened_at);
  sqlite3_bind_int64 (stmt, 3, until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdTenderKind kind;

      if (td_tender_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
        out[kind] += sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "summing a till session by tender", error);
  return TRUE;
}

/**
 * td_store_till_report:
 * @session_id: a session, open (an X report, up to @now_us) or closed (the Z report)
 * @report: (out caller-allocates)
 */
gboolean
td_store_till_report (TdDatabase  *db,
                      gint64       session_id,
                      gint64       now_us,
                      TdZReport   *report,
                      GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gint64 sales[6], refunds[2], moves[5];
  gint64 until;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  stmt = td_database_prepare (db,
    "SELECT register_id, opened_at, coalesce (opened_by, 0), coalesce (closed_at, 0), "
    "       coalesce (closed_by, 0), float_amount, counted_cash "
    "FROM till_session WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return td_database_set_error (db, rc, "reading a till session", error);
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                           _("This till session is not in the shop’s records."));
      return FALSE;
    }
  report->session_id = session_id;
  g_strlcpy (report->register_id, (const char *) sqlite3_column_text (stmt, 0),
             sizeof report->register_id);
  report->opened_at = sqlite3_column_int64 (stmt, 1);
  report->opened_by = sqlite3_column_int64 (stmt, 2);
  report->closed_at = sqlite3_column_int64 (stmt, 3);
  report->closed_by = sqlite3_column_int64 (stmt, 4);
  report->float_amount = sqlite3_column_int64 (stmt, 5);
  report->counted = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  report->counted_cash = sqlite3_column_int64 (stmt, 6);
  until = report->closed_at > 0 ? report->closed_at : now_us;

#define IN_SESSION " register_id = ?1 AND created_at >= ?2 AND created_at <= ?3 "
  if (!sum_query (db,
                  "SELECT count(*), coalesce (sum (subtotal), 0), coalesce (sum (discount), 0), "
                  "       coalesce (sum (tax), 0), coalesce (sum (rounding), 0), "
                  "       coalesce (sum (total), 0) "
                  "FROM sale WHERE status = 'completed' AND" IN_SESSION,
                  report, until, sales, 6, error) ||
      !sum_query (db, "SELECT count(*), coalesce (sum (total), 0) FROM refund WHERE" IN_SESSION,
                  report, until, refunds, 2, error) ||
      !by_tender (db,
                  "SELECT p.tender, sum (p.amount) FROM payment p JOIN sale s ON s.id = p.sale_id "
                  "WHERE s.status = 'completed' AND s.register_id = ?1 AND s.created_at >= ?2 "
                  "AND s.created_at <= ?3 GROUP BY p.tender",
                  report, until, report->by_tender, error) ||
      !by_tender (db,
                  "SELECT tender, sum (total) FROM refund WHERE" IN_SESSION "GROUP BY tender",
                  report, until, report->refunds_by_tender, error))
    return FALSE;
#undef IN_SESSION

  {
    g_autoptr(TdStmt) m = td_database_prepare (db,
      "SELECT coalesce (sum (amount) FILTER (WHERE kind = 'paid_in'), 0), "
      "       coalesce (-sum (amount) FILTER (WHERE kind = 'paid_out'), 0), "
      "       coalesce (-sum (amount) FILTER (WHERE kind = 'payout'), 0), "
      "       coalesce (sum (amount), 0), count(*) "
      "FROM till_movement WHERE session_id = ?", error);

    if (m == NULL)
      return FALSE;
    sqlite3_bind_int64 (m, 1, session_id);
    if (sqlite3_step (m) != SQLITE_ROW)
      return td_database_set_error (db, sqlite3_errcode (td_database_get_handle (db)),
                                    "summing till movements", error);
    for (int i = 0; i < 5; i++)
      moves[i] = sqlite3_column_int64 (m, i);
  }

  report->n_sales = sales[0];
  report->gross = sales[1];
  report->discounts = sales[2];
  report->tax = sales[3];
  report->rounding = sales[4];
  report->total = sales[5];
  report->n_refunds = refunds[0];
  report->refunds = refunds[1];
  report->paid_in = moves[0];
  report->paid_out = moves[1];
  report->payouts = moves[2];
  report->cash_expected = report->float_amount + moves[3];
  report->over_short = report->counted ? report->counted_cash - report->cash_expected : 0;
  return TRUE;
}

static gboolean
close_txn (TdDatabase  *db,
           gpointer     user_data,
           GError     **error)
{
  Till *t = user_data;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");

  if (!require_open (db, t, error))
    return FALSE;
  stmt = td_database_prepare (db,
    "UPDATE till_session SET closed_at = ?, closed_by = ?, counted_cash = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, t->now_us);
  td_stock_bind_id (stmt, 2, t->staff_id);
  sqlite3_bind_int64 (stmt, 3, t->counted);
  sqlite3_bind_int64 (stmt, 4, t->session_id);
  if (!td_database_step_done (db, stmt, error) ||
      !td_store_till_report (db, t->session_id, t->now_us, t->report, error))
    return FALSE;

  td_stock_json_int (detail, "expected", t->report->cash_expected);
  td_stock_json_int (detail, "counted", t->counted);
  td_stock_json_int (detail, "over_short", t->report->over_short);
  td_stock_json_int (detail, "sales", t->report->n_sales);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, t->now_us, t->staff_id, "till.closed", "till_session",
                                t->session_id, detail->str, error);
}

/**
 * td_store_till_close:
 * @counted_cash: what staff counted in the drawer, ≥ 0
 * @report: (out caller-allocates) (optional): the Z report: expected vs counted, over/short
 * @error: %TD_SALE_ERROR_TILL (not open), %TD_SALE_ERROR_INVALID, or a database error
 */
gboolean
td_store_till_close (TdDatabase  *db,
                     const char  *register_id,
                     gint64       counted_cash,
                     gint64       staff_id,
                     gint64       now_us,
                     TdZReport   *report,
                     GError     **error)
{
  TdZReport local;
  Till t = { register_id != NULL ? register_id : TD_REGISTER_DEFAULT, 0, NULL, staff_id,
             now_us, 0, 0, counted_cash, report != NULL ? report : &local };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (counted_cash < 0)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("The counted cash can’t be negative."));
      return FALSE;
    }
  return td_database_transaction (db, close_txn, &t, error);
}
