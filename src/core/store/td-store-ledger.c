/* td-store-ledger.c — what the shop owes each consignor, as an append-only list of movements.
 *
 * The balance is the sum of the rows (td_store_consignors_balance()); nothing stores it, so
 * nothing can drift. Rows are never changed or deleted (triggers in the schema refuse it): a
 * mistake is put right by an adjustment with a note, which stays in the history for the
 * consignor to see.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-permission.h"
#include "td-store-stock-private.h"

/* The sign and link rules of each kind; see TdLedgerEntry. */
static gboolean
entry_well_formed (const TdLedgerEntry *e)
{
  switch (e->kind)
    {
    case TD_LEDGER_SALE:
      return e->amount > 0 && e->sale_line_id > 0;
    case TD_LEDGER_REFUND:
      return e->amount < 0 && e->refund_line_id > 0;
    case TD_LEDGER_PAYOUT:
      return e->amount < 0 && e->payout_id > 0;
    case TD_LEDGER_STORE_CREDIT:
      return e->amount < 0;
    case TD_LEDGER_ADJUSTMENT:
      return e->amount != 0 && e->note != NULL && *e->note != '\0';
    default:
      return FALSE;
    }
}

/**
 * td_store_ledger_append:
 * @db: a #TdDatabase, inside the transaction of the act that moves money (a sale, a refund,
 *   a payout) so the movement and the act commit or roll back together
 * @entry: the movement; see #TdLedgerEntry for the sign and link each kind needs
 * @now_us: when, UTC µs
 * @entry_id: (out) (optional): the new ledger row
 * @error: return location
 *
 * Appends one movement. A movement that breaks its kind's rules (a sale credit that is not
 * positive, a payout without its payout row, an amount of 0 …) is a bug in the caller: it is
 * refused as a broken rule of the shop's records, and the caller's transaction rolls back.
 * Auditing the act is the caller's job (one audit row per sale, not per ledger line).
 */
gboolean
td_store_ledger_append (TdDatabase           *db,
                        const TdLedgerEntry  *entry,
                        gint64                now_us,
                        gint64               *entry_id,
                        GError              **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!entry_well_formed (entry))
    {
      g_autofree char *doing = g_strdup_printf ("appending a %s ledger row of %" G_GINT64_FORMAT
                                                " (sign or link rule broken)",
                                                td_ledger_kind_to_string (entry->kind),
                                                entry->amount);
      return td_database_set_error (db, SQLITE_CONSTRAINT, doing, error);
    }

  stmt = td_database_prepare (db,
    "INSERT INTO ledger (consignor_id, kind, amount, sale_line_id, refund_line_id, payout_id, "
    "                    created_at, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->consignor_id);
  sqlite3_bind_text (stmt, 2, td_ledger_kind_to_string (entry->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entry->amount);
  td_stock_bind_id (stmt, 4, entry->sale_line_id);
  td_stock_bind_id (stmt, 5, entry->refund_line_id);
  td_stock_bind_id (stmt, 6, entry->payout_id);
  sqlite3_bind_int64 (stmt, 7, now_us);
  td_stock_bind_text (stmt, 8, entry->note);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;

  if (entry_id != NULL)
    *entry_id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  return TRUE;
}

typedef struct
{
  gint64      consignor_id;
  gint64      amount;
  const char *note;
  gint64      staff_id;
  gint64      now_us;
  gint64      entry_id;
} Adjust;

static gboolean
adjust_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Adjust *a = user_data;
  g_autoptr(GPtrArray) problems = td_field_problems_new ();
  g_autoptr(TdStmt) exists = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *note = td_stock_trim (a->note);
  TdLedgerEntry entry = { TD_LEDGER_ADJUSTMENT, a->consignor_id, a->amount, 0, 0, 0, note };
  gint64 one;
  gboolean found;

  exists = td_database_prepare (db, "SELECT 1 FROM consignor WHERE id = ?", error);
  if (exists == NULL)
    return FALSE;
  sqlite3_bind_int64 (exists, 1, a->consignor_id);
  if (!td_stock_query_int64 (db, exists, &one, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("This consignor no longer exists."));
      return FALSE;
    }

  if (a->amount == 0)
    td_field_problems_add (problems, TD_FIELD_AMOUNT, 0,
                           _("Enter the amount to add to the balance, or a negative amount to "
                             "take off."));
  if (*note == '\0')
    td_field_problems_add (problems, TD_FIELD_NOTE, 0,
                           _("Say why the balance changes; the note stays in the consignor’s "
                             "history."));
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);

  if (!td_store_ledger_append (db, &entry, a->now_us, &a->entry_id, error))
    return FALSE;

  td_stock_json_int (detail, "ledger_id", a->entry_id);
  td_stock_json_int (detail, "amount", a->amount);
  td_stock_json_string (detail, "note", note);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, a->now_us, a->staff_id, "ledger.adjusted", "consignor",
                                a->consignor_id, detail->str, error);
}

/**
 * td_store_ledger_adjust:
 * @db: a #TdDatabase
 * @consignor_id: whose balance
 * @amount: minor units; positive raises what the shop owes, negative lowers it; never 0
 * @note: why (mandatory; shown in the consignor's history)
 * @staff_id: who; needs %TD_PERMISSION_LEDGER_ADJUST (a manager or the owner, or a cashier
 *   with a PIN override given to td_store_authorize() just before)
 * @now_us: when, UTC µs
 * @entry_id: (out) (optional): the new ledger row
 * @error: return location: %TD_STOCK_ERROR_INVALID (amount 0, no note),
 *   %TD_STOCK_ERROR_NOT_FOUND, a %TD_PERMISSION_ERROR, or a database error; nothing is
 *   written then
 *
 * Corrects a consignor's balance with an adjustment, audited in the same transaction.
 */
gboolean
td_store_ledger_adjust (TdDatabase  *db,
                        gint64       consignor_id,
                        gint64       amount,
                        const char  *note,
                        gint64       staff_id,
                        gint64       now_us,
                        gint64      *entry_id,
                        GError     **error)
{
  Adjust a = { consignor_id, amount, note, staff_id, now_us, 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!td_store_authorize (db, staff_id, TD_PERMISSION_LEDGER_ADJUST, NULL, now_us, error))
    return FALSE;
  if (!td_database_transaction (db, adjust_txn, &a, error))
    return FALSE;
  if (entry_id != NULL)
    *entry_id = a.entry_id;
  return TRUE;
}
