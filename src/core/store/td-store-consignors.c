/* td-store-consignors.c — consignors: records, terms, balance and what they have in the shop.
 *
 * Terms left to the shop's default are stored as NULL and resolved when read, so changing
 * the shop default moves every consignor who follows it — but never an item already taken
 * in: an item's share is fixed at intake (td-store-intake.c).
 *
 * The audit trail is append-only and kept for years, so it records what changed in the terms
 * (old and new) and only the *names* of changed contact fields: personal data in a row that
 * can never be deleted would outlive the consignor's right to have it erased.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-stock-private.h"

#define CONSIGNOR_COLUMNS \
  "id, code, name, phone, email, address, notes, share_bp, period_days, expiry_action, " \
  "min_payout, payout_method, active, created_at"

static gboolean
code_taken (TdDatabase  *db,
            const char  *code,
            gint64       except_id,
            char       **owner,
            GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT name FROM consignor WHERE code = ? AND id != ?", error);
  int rc;

  *owner = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "checking a consignor code", error);
  return TRUE;
}

/**
 * td_store_consignors_validate:
 * @db: a #TdDatabase
 * @consignor_id: the consignor being edited, or 0 for a new one
 * @draft: the form's values
 * @error: return location for a database error
 *
 * td_consignor_draft_validate() plus what needs the shop's records: that the code is not
 * another consignor's (ignoring case). Cheap enough to call as the person types.
 *
 * Returns: (transfer full) (nullable) (element-type TdFieldProblem): every problem (empty
 *   when the draft can be saved), %NULL on a database error
 */
GPtrArray *
td_store_consignors_validate (TdDatabase              *db,
                              gint64                   consignor_id,
                              const TdConsignorDraft  *draft,
                              GError                 **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *code = NULL;
  g_autofree char *owner = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  problems = td_consignor_draft_validate (draft);
  if (td_field_problems_find (problems, TD_FIELD_CODE) != NULL)
    return g_steal_pointer (&problems);

  code = td_consignor_code_normalize (draft->code);
  if (!code_taken (db, code, consignor_id, &owner, error))
    return NULL;
  if (owner != NULL)
    td_field_problems_add (problems, TD_FIELD_CODE, 0,
                           _("The code “%s” is already used by %s. Choose another one."),
                           code, owner);
  return g_steal_pointer (&problems);
}

static gboolean
refuse_if_invalid (TdDatabase              *db,
                   gint64                   consignor_id,
                   const TdConsignorDraft  *draft,
                   GError                 **error)
{
  g_autoptr(GPtrArray) problems = td_store_consignors_validate (db, consignor_id, draft, error);

  if (problems == NULL)
    return FALSE;
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);
  return TRUE;
}

static void
bind_term (TdStmt *stmt,
           int     index,
           int     value)
{
  if (value == TD_TERM_SHOP_DEFAULT)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

/* Binds ?1 … ?11 in CONSIGNOR_COLUMNS order, from code to payout_method. */
static void
bind_draft (TdStmt                  *stmt,
            const TdConsignorDraft  *draft)
{
  g_autofree char *code = td_consignor_code_normalize (draft->code);
  g_autofree char *name = td_stock_trim (draft->name);
  g_autofree char *phone = td_stock_trim (draft->phone);
  g_autofree char *email = td_stock_trim (draft->email);
  g_autofree char *address = td_stock_trim (draft->address);
  g_autofree char *notes = td_stock_trim (draft->notes);
  const char *action = td_expiry_action_to_string (draft->expiry_action);

  td_stock_bind_text (stmt, 1, code);
  td_stock_bind_text (stmt, 2, name);
  td_stock_bind_text (stmt, 3, phone);
  td_stock_bind_text (stmt, 4, email);
  td_stock_bind_text (stmt, 5, address);
  td_stock_bind_text (stmt, 6, notes);
  bind_term (stmt, 7, draft->share_bp);
  bind_term (stmt, 8, draft->period_days);
  if (action != NULL)
    sqlite3_bind_text (stmt, 9, action, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int64 (stmt, 10, draft->min_payout);
  sqlite3_bind_text (stmt, 11, td_payout_method_to_string (draft->payout_method), -1,
                     SQLITE_STATIC);
}

static void
json_term (GString    *json,
           const char *key,
           int         value)
{
  if (value == TD_TERM_SHOP_DEFAULT)
    td_stock_json_raw (json, key, "null");
  else
    td_stock_json_int (json, key, value);
}

static void
json_terms (GString                 *json,
            const TdConsignorDraft  *draft)
{
  json_term (json, "share_bp", draft->share_bp);
  json_term (json, "period_days", draft->period_days);
  td_stock_json_string (json, "expiry_action", td_expiry_action_to_string (draft->expiry_action));
  td_stock_json_int (json, "min_payout", draft->min_payout);
  td_stock_json_string (json, "payout_method", td_payout_method_to_string (draft->payout_method));
}

typedef struct
{
  const TdConsignorDraft *draft;
  gint64                  consignor_id;
  gboolean                active;
  gint64                  staff_id;
  gint64                  now_us;
} ConsignorWrite;

static gboolean
create_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  ConsignorWrite *w = user_data;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *code = td_consignor_code_normalize (w->draft->code);

  if (!refuse_if_invalid (db, 0, w->draft, error))
    return FALSE;

  stmt = td_database_prepare (db,
    "INSERT INTO consignor (code, name, phone, email, address, notes, share_bp, period_days, "
    "                       expiry_action, min_payout, payout_method, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;
  bind_draft (stmt, w->draft);
  sqlite3_bind_int64 (stmt, 12, w->now_us);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  w->consignor_id = sqlite3_last_insert_rowid (td_database_get_handle (db));

  td_stock_json_string (detail, "code", code);
  json_terms (detail, w->draft);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, w->now_us, w->staff_id, "consignor.created", "consignor",
                                w->consignor_id, detail->str, error);
}

/**
 * td_store_consignors_create:
 * @db: a #TdDatabase
 * @draft: the new consignor; the code is stored upper-cased, text trimmed
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @consignor_id: (out) (optional): the new consignor's id
 * @error: return location: %TD_STOCK_ERROR_INVALID with every field problem, or a database
 *   error; nothing is written then
 *
 * Adds a consignor, audited in the same transaction.
 */
gboolean
td_store_consignors_create (TdDatabase              *db,
                            const TdConsignorDraft  *draft,
                            gint64                   staff_id,
                            gint64                   now_us,
                            gint64                  *consignor_id,
                            GError                 **error)
{
  ConsignorWrite w = { draft, 0, TRUE, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (!td_database_transaction (db, create_txn, &w, error))
    return FALSE;
  if (consignor_id != NULL)
    *consignor_id = w.consignor_id;
  return TRUE;
}

static int
column_term (TdStmt *stmt,
             int     column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return TD_TERM_SHOP_DEFAULT;
  return sqlite3_column_int (stmt, column);
}

/* Reads a row of CONSIGNOR_COLUMNS. */
static TdConsignor *
consignor_from_row (TdStmt                 *stmt,
                    const TdStockDefaults  *defaults)
{
  TdConsignor *c = g_new0 (TdConsignor, 1);
  TdConsignorDraft *d = &c->draft;

  td_consignor_draft_init (d);
  c->id = sqlite3_column_int64 (stmt, 0);
  d->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  d->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  d->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  d->email = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  d->address = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  d->notes = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  d->share_bp = column_term (stmt, 7);
  d->period_days = column_term (stmt, 8);
  if (!td_expiry_action_from_string ((const char *) sqlite3_column_text (stmt, 9),
                                     &d->expiry_action))
    d->expiry_action = TD_EXPIRY_ACTION_SHOP_DEFAULT;
  d->min_payout = sqlite3_column_int64 (stmt, 10);
  if (!td_payout_method_from_string ((const char *) sqlite3_column_text (stmt, 11),
                                     &d->payout_method))
    d->payout_method = TD_PAYOUT_METHOD_CASH;
  c->active = sqlite3_column_int (stmt, 12) != 0;
  c->created_at = sqlite3_column_int64 (stmt, 13);

  c->effective_share_bp = d->share_bp != TD_TERM_SHOP_DEFAULT ? d->share_bp : defaults->share_bp;
  c->effective_period_days = d->period_days != TD_TERM_SHOP_DEFAULT ? d->period_days
                                                                     : defaults->period_days;
  c->effective_expiry_action = d->expiry_action != TD_EXPIRY_ACTION_SHOP_DEFAULT
                               ? d->expiry_action : defaults->expiry_action;
  return c;
}

static TdConsignor *
load_consignor (TdDatabase  *db,
                const char  *sql,
                gint64       id,
                const char  *code,
                GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  TdStockDefaults defaults;
  int rc;

  if (!td_stock_load_defaults (db, &defaults, error))
    return NULL;
  stmt = td_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (code != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return consignor_from_row (stmt, &defaults);
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "loading a consignor", error);
      return NULL;
    }
  if (code != NULL)
    g_set_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                 _("No consignor has the code “%s”."), code);
  else
    g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                         _("This consignor no longer exists."));
  return NULL;
}

/**
 * td_store_consignors_get:
 * @db: a #TdDatabase
 * @consignor_id: a consignor
 * @error: return location: %TD_STOCK_ERROR_NOT_FOUND when there is no such consignor
 *
 * Returns: (transfer full) (nullable): the consignor, with the terms in force resolved
 */
TdConsignor *
td_store_consignors_get (TdDatabase  *db,
                         gint64       consignor_id,
                         GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  return load_consignor (db, "SELECT " CONSIGNOR_COLUMNS " FROM consignor WHERE id = ?",
                         consignor_id, NULL, error);
}

/**
 * td_store_consignors_get_by_code:
 * @db: a #TdDatabase
 * @code: a consignor code, any case, surrounding spaces ignored
 * @error: return location: %TD_STOCK_ERROR_NOT_FOUND when no consignor has it
 *
 * Returns: (transfer full) (nullable): the consignor
 */
TdConsignor *
td_store_consignors_get_by_code (TdDatabase  *db,
                                 const char  *code,
                                 GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  normalized = td_consignor_code_normalize (code);
  return load_consignor (db, "SELECT " CONSIGNOR_COLUMNS " FROM consignor WHERE code = ?", 0,
                         normalized, error);
}

static void
diff_term (GString    *json,
           const char *key,
           int         old,
           int         new)
{
  g_autoptr(GString) pair = g_string_new ("{");

  if (old == new)
    return;
  json_term (pair, "old", old);
  json_term (pair, "new", new);
  g_string_append_c (pair, '}');
  td_stock_json_raw (json, key, pair->str);
}

static void
diff_string (GString    *json,
             const char *key,
             const char *old,
             const char *new)
{
  g_autoptr(GString) pair = g_string_new ("{");

  if (g_strcmp0 (old, new) == 0)
    return;
  td_stock_json_string (pair, "old", old);
  td_stock_json_string (pair, "new", new);
  g_string_append_c (pair, '}');
  td_stock_json_raw (json, key, pair->str);
}

static void
note_changed (GString    *names,
              const char *name,
              const char *old,
              const char *new)
{
  g_autofree char *trimmed = td_stock_trim (new);

  if (g_strcmp0 (old, trimmed) == 0)
    return;
  g_string_append_printf (names, "%s\"%s\"", names->len > 1 ? "," : "", name);
}

static gboolean
update_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  ConsignorWrite *w = user_data;
  const TdConsignorDraft *d = w->draft;
  g_autoptr(TdConsignor) old = NULL;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autoptr(GString) contact = g_string_new ("[");
  g_autofree char *code = td_consignor_code_normalize (d->code);

  old = td_store_consignors_get (db, w->consignor_id, error);
  if (old == NULL)
    return FALSE;
  if (!refuse_if_invalid (db, w->consignor_id, d, error))
    return FALSE;

  diff_string (detail, "code", old->draft.code, code);
  diff_term (detail, "share_bp", old->draft.share_bp, d->share_bp);
  diff_term (detail, "period_days", old->draft.period_days, d->period_days);
  diff_string (detail, "expiry_action", td_expiry_action_to_string (old->draft.expiry_action),
               td_expiry_action_to_string (d->expiry_action));
  if (old->draft.min_payout != d->min_payout)
    {
      g_autofree char *pair = g_strdup_printf ("{\"old\":%" G_GINT64_FORMAT ","
                                               "\"new\":%" G_GINT64_FORMAT "}",
                                               old->draft.min_payout, d->min_payout);
      td_stock_json_raw (detail, "min_payout", pair);
    }
  diff_string (detail, "payout_method", td_payout_method_to_string (old->draft.payout_method),
               td_payout_method_to_string (d->payout_method));

  note_changed (contact, "name", old->draft.name, d->name);
  note_changed (contact, "phone", old->draft.phone, d->phone);
  note_changed (contact, "email", old->draft.email, d->email);
  note_changed (contact, "address", old->draft.address, d->address);
  note_changed (contact, "notes", old->draft.notes, d->notes);
  if (contact->len > 1)
    {
      g_string_append_c (contact, ']');
      td_stock_json_raw (detail, "contact_changed", contact->str);
    }
  if (detail->len == 1)
    return TRUE;  /* nothing changed: nothing to write or audit */

  stmt = td_database_prepare (db,
    "UPDATE consignor SET code = ?1, name = ?2, phone = ?3, email = ?4, address = ?5, "
    "notes = ?6, share_bp = ?7, period_days = ?8, expiry_action = ?9, min_payout = ?10, "
    "payout_method = ?11 WHERE id = ?12", error);
  if (stmt == NULL)
    return FALSE;
  bind_draft (stmt, d);
  sqlite3_bind_int64 (stmt, 12, w->consignor_id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;

  g_string_append_c (detail, '}');
  return td_store_audit_append (db, w->now_us, w->staff_id, "consignor.updated", "consignor",
                                w->consignor_id, detail->str, error);
}

/**
 * td_store_consignors_update:
 * @db: a #TdDatabase
 * @consignor_id: the consignor
 * @draft: the edited values (all of them, as td_store_consignors_get() returned them)
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_INVALID (field problems),
 *   %TD_STOCK_ERROR_NOT_FOUND, or a database error; nothing is written then
 *
 * Saves a consignor's record and terms. The audit row holds the old and new value of each
 * changed term and code, and the names of changed contact fields. Items already taken in
 * keep the share they were taken in with. A new code prefixes the SKUs given from now on;
 * SKUs already on tags stay as printed. Saving an unchanged record writes nothing.
 */
gboolean
td_store_consignors_update (TdDatabase              *db,
                            gint64                   consignor_id,
                            const TdConsignorDraft  *draft,
                            gint64                   staff_id,
                            gint64                   now_us,
                            GError                 **error)
{
  ConsignorWrite w = { draft, consignor_id, TRUE, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  return td_database_transaction (db, update_txn, &w, error);
}

static gboolean
set_active_txn (TdDatabase  *db,
                gpointer     user_data,
                GError     **error)
{
  ConsignorWrite *w = user_data;
  g_autoptr(TdConsignor) old = NULL;
  g_autoptr(TdStmt) stmt = NULL;

  old = td_store_consignors_get (db, w->consignor_id, error);
  if (old == NULL)
    return FALSE;
  if (old->active == w->active)
    return TRUE;

  stmt = td_database_prepare (db, "UPDATE consignor SET active = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, w->active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, w->consignor_id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;

  return td_store_audit_append (db, w->now_us, w->staff_id,
                                w->active ? "consignor.activated" : "consignor.deactivated",
                                "consignor", w->consignor_id, NULL, error);
}

/**
 * td_store_consignors_set_active:
 * @db: a #TdDatabase
 * @consignor_id: the consignor
 * @active: whether they may bring items in
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location
 *
 * An inactive consignor keeps their items, balance and history but takes nothing new in.
 * Audited when it changes anything.
 */
gboolean
td_store_consignors_set_active (TdDatabase  *db,
                                gint64       consignor_id,
                                gboolean     active,
                                gint64       staff_id,
                                gint64       now_us,
                                GError     **error)
{
  ConsignorWrite w = { NULL, consignor_id, active != FALSE, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, set_active_txn, &w, error);
}

/**
 * td_store_consignors_balance:
 * @db: a #TdDatabase
 * @consignor_id: a consignor
 * @balance: (out): what the shop owes them (negative: what they owe the shop), minor units
 * @error: return location
 *
 * The sum of the consignor's ledger: never a stored number. One range of the
 * `ledger_consignor_id` index, no table rows visited.
 */
gboolean
td_store_consignors_balance (TdDatabase  *db,
                             gint64       consignor_id,
                             gint64      *balance,
                             GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (balance != NULL, FALSE);

  stmt = td_database_prepare (db,
    "SELECT ifnull (sum (amount), 0) FROM ledger WHERE consignor_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, consignor_id);
  return td_stock_query_int64 (db, stmt, balance, NULL, error);
}

static void
ledger_row_clear (gpointer data)
{
  TdLedgerRow *row = data;

  g_clear_pointer (&row->note, g_free);
}

static const char * const ledger_kinds[] = {
  [TD_LEDGER_SALE] = "sale",
  [TD_LEDGER_REFUND] = "refund",
  [TD_LEDGER_PAYOUT] = "payout",
  [TD_LEDGER_ADJUSTMENT] = "adjustment",
  [TD_LEDGER_STORE_CREDIT] = "store_credit",
};

/**
 * td_ledger_kind_to_string:
 *
 * Returns: (nullable): the `ledger.kind` spelling
 */
const char *
td_ledger_kind_to_string (TdLedgerKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (ledger_kinds))
    return NULL;
  return ledger_kinds[kind];
}

static TdLedgerKind
ledger_kind_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (ledger_kinds); i++)
    if (g_strcmp0 (text, ledger_kinds[i]) == 0)
      return (TdLedgerKind) i;
  return TD_LEDGER_ADJUSTMENT;
}

/**
 * td_store_consignors_ledger:
 * @db: a #TdDatabase
 * @consignor_id: a consignor
 * @before_id: the page starts below this ledger id; 0 for the newest
 * @limit: rows per page, 0 for all
 * @rows: (out) (transfer full) (element-type TdLedgerRow): newest first; for the next page
 *   pass the last row's id as @before_id
 * @error: return location
 *
 * A consignor's history with the balance after each movement. Keyset-paged on the
 * `ledger_consignor_id` index, so any page costs the same.
 */
gboolean
td_store_consignors_ledger (TdDatabase  *db,
                            gint64       consignor_id,
                            gint64       before_id,
                            guint        limit,
                            GArray     **rows,
                            GError     **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (TdLedgerRow));
  g_autoptr(TdStmt) stmt = NULL;
  gint64 balance = 0;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  g_array_set_clear_func (out, ledger_row_clear);
  if (before_id <= 0)
    before_id = G_MAXINT64;

  stmt = td_database_prepare (db,
    "SELECT id, kind, amount, sale_line_id, refund_line_id, payout_id, created_at, note "
    "FROM ledger WHERE consignor_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, consignor_id);
  sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdLedgerRow row = { 0 };

      row.id = sqlite3_column_int64 (stmt, 0);
      row.kind = ledger_kind_from_string ((const char *) sqlite3_column_text (stmt, 1));
      row.amount = sqlite3_column_int64 (stmt, 2);
      row.sale_line_id = sqlite3_column_int64 (stmt, 3);
      row.refund_line_id = sqlite3_column_int64 (stmt, 4);
      row.payout_id = sqlite3_column_int64 (stmt, 5);
      row.created_at = sqlite3_column_int64 (stmt, 6);
      row.note = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_array_append_val (out, row);
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading a consignor's ledger", error);
  td_stmt_reset (stmt);

  /* The balance after the page's newest row: everything up to it. Older rows follow by
   * taking each newer row's amount back off. */
  if (out->len > 0)
    {
      g_autoptr(TdStmt) sum = td_database_prepare (db,
        "SELECT ifnull (sum (amount), 0) FROM ledger WHERE consignor_id = ? AND id <= ?", error);

      if (sum == NULL)
        return FALSE;
      sqlite3_bind_int64 (sum, 1, consignor_id);
      sqlite3_bind_int64 (sum, 2, g_array_index (out, TdLedgerRow, 0).id);
      if (!td_stock_query_int64 (db, sum, &balance, NULL, error))
        return FALSE;
    }
  for (guint i = 0; i < out->len; i++)
    {
      TdLedgerRow *row = &g_array_index (out, TdLedgerRow, i);

      row->balance_after = balance;
      balance -= row->amount;
    }

  *rows = g_steal_pointer (&out);
  return TRUE;
}

/**
 * td_store_consignors_count_items:
 * @db: a #TdDatabase
 * @consignor_id: a consignor
 * @counts: (out caller-allocates): their items by status
 * @error: return location
 *
 * Read from the `item_consignor (consignor_id, status)` index alone.
 */
gboolean
td_store_consignors_count_items (TdDatabase             *db,
                                 gint64                  consignor_id,
                                 TdConsignorItemCounts  *counts,
                                 GError                **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  TdConsignorItemCounts c = { 0 };
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  stmt = td_database_prepare (db,
    "SELECT status, count(*) FROM item WHERE consignor_id = ? GROUP BY status", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, consignor_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (status, "draft") == 0)
        c.draft = n;
      else if (g_strcmp0 (status, "available") == 0)
        c.available = n;
      else if (g_strcmp0 (status, "held") == 0)
        c.held = n;
      else if (g_strcmp0 (status, "sold") == 0)
        c.sold = n;
      else if (g_strcmp0 (status, "returned") == 0)
        c.returned = n;
      else if (g_strcmp0 (status, "donated") == 0)
        c.donated = n;
      else if (g_strcmp0 (status, "damaged") == 0)
        c.damaged = n;
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "counting a consignor's items", error);

  *counts = c;
  return TRUE;
}
