/* td-store-demo.c — the inserts of the demo-shop generator (src/core/td-demo.c).
 *
 * Every statement is prepared once per connection (td_database_prepare() caches it) and
 * reused for each row: at a million items that is most of the speed. The generator runs
 * all of these inside one transaction, so none of them commits anything by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include "td-store-demo.h"
#include "td-store-private.h"

static void
bind_text_or_null (TdStmt     *stmt,
                   int         index,
                   const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_id_or_null (TdStmt *stmt,
                 int     index,
                 gint64  id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
}

static gboolean
step_insert (TdDatabase  *db,
             TdStmt      *stmt,
             gint64      *id,
             GError     **error)
{
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  return TRUE;
}

/* Exactly one row must have changed, or the generator's picture of the shop is wrong. */
static gboolean
check_one_change (TdDatabase  *db,
                  const char  *doing,
                  GError     **error)
{
  if (sqlite3_changes (td_database_get_handle (db)) != 1)
    return td_database_set_error (db, SQLITE_CONSTRAINT, doing, error);
  return TRUE;
}

/**
 * td_store_demo_prepare_connection:
 *
 * A bigger page cache for this connection: a large demo touches the same index pages
 * (SKU, consignor, category, FTS) over and over, and spilling them to the WAL mid-transaction
 * makes it both slower and larger. 64 MiB keeps memory bounded at any shop size.
 */
gboolean
td_store_demo_prepare_connection (TdDatabase  *db,
                                  GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_exec (db, "PRAGMA cache_size = -65536", error);
}

/**
 * td_store_demo_transaction:
 *
 * Runs the whole generation in one `BEGIN IMMEDIATE … COMMIT`; any failure rolls it all back.
 */
gboolean
td_store_demo_transaction (TdDatabase       *db,
                           TdStoreDemoFunc   func,
                           gpointer          user_data,
                           GError          **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return td_database_transaction (db, func, user_data, error);
}

/* FTS5 flushes its pending terms to a new segment at every statement savepoint, and an
 * INSERT that fires a trigger opens one: indexed row by row, each item becomes a segment of
 * its own, merged again and again (measured: ~60 µs of the ~110 µs an item cost at 1M).
 * Indexed tens of thousands at a time in one statement, the same terms cost ~10 µs an item.
 * So the demo sets the item search trigger aside for its transaction, indexes its items at
 * the end (td_store_demo_index_items()), and puts the trigger back, verbatim from
 * sqlite_schema, before commit; a rollback restores it with everything else. */
#define SEARCH_TRIGGER "item_fts_insert"

/**
 * td_store_demo_begin_bulk:
 * @saved: (out) (transfer full) (nullable): the trigger to restore, %NULL when there is none
 *   (then items are indexed row by row, and td_store_demo_index_items() must not be called)
 *
 * Inside the demo's transaction, on an empty shop only.
 */
gboolean
td_store_demo_begin_bulk (TdDatabase  *db,
                          char       **saved,
                          GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = '" SEARCH_TRIGGER "' "
    "AND tbl_name = 'item'", error);
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (saved != NULL, FALSE);

  *saved = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_debug ("No %s trigger; the demo's items are indexed row by row", SEARCH_TRIGGER);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "reading the item search trigger", error);
  *saved = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  td_stmt_reset (stmt);

  return td_database_exec (db, "DROP TRIGGER " SEARCH_TRIGGER, error);
}

/**
 * td_store_demo_index_items:
 * @first_id: the first item to index
 * @last_id: the last one
 *
 * Indexes items for search, in one statement, while the trigger is set aside.
 */
gboolean
td_store_demo_index_items (TdDatabase  *db,
                           gint64       first_id,
                           gint64       last_id,
                           GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO item_fts (rowid, search_text) "
    "SELECT id, search_text FROM item WHERE id BETWEEN ? AND ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  return td_database_step_done (db, stmt, error);
}

/**
 * td_store_demo_end_bulk:
 * @saved: (nullable): from td_store_demo_begin_bulk()
 *
 * Puts the item search trigger back.
 */
gboolean
td_store_demo_end_bulk (TdDatabase  *db,
                        const char  *saved,
                        GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return saved == NULL || td_database_exec (db, saved, error);
}

gboolean
td_store_demo_lookup_grade (TdDatabase  *db,
                            const char  *code,
                            gint64      *id,
                            GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, "SELECT id FROM grade WHERE code = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "looking up a grade", error);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/**
 * td_store_demo_lookup_category:
 * @id: (out): the category, 0 when no category has @code
 * @defects: (out) (transfer full): its defect checklist labels
 */
gboolean
td_store_demo_lookup_category (TdDatabase  *db,
                               const char  *code,
                               gint64      *id,
                               GStrv       *defects,
                               GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT c.id, d.value FROM category c LEFT JOIN json_each (c.defects) d "
    "WHERE c.code = ? ORDER BY d.key", error);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return FALSE;
  *id = 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
        g_strv_builder_add (labels, (const char *) sqlite3_column_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "looking up a category", error);
  *defects = g_strv_builder_end (labels);
  return TRUE;
}

gboolean
td_store_demo_insert_staff (TdDatabase  *db,
                            const char  *name,
                            const char  *role,
                            gint64       created_at,
                            gint64      *id,
                            GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO staff (name, role, created_at) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, created_at);
  return step_insert (db, stmt, id, error);
}

gboolean
td_store_demo_insert_consignor (TdDatabase                  *db,
                                const TdStoreDemoConsignor  *c,
                                gint64                      *id,
                                GError                     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO consignor (code, name, phone, email, address, notes, share_bp, period_days, "
    "expiry_action, min_payout, payout_method, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, c->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, c->email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, c->address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, c->notes, -1, SQLITE_STATIC);
  if (c->share_bp >= 0)
    sqlite3_bind_int (stmt, 7, c->share_bp);
  if (c->period_days > 0)
    sqlite3_bind_int (stmt, 8, c->period_days);
  bind_text_or_null (stmt, 9, c->expiry_action);
  sqlite3_bind_int64 (stmt, 10, c->min_payout);
  sqlite3_bind_text (stmt, 11, c->payout_method, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, c->created_at);
  return step_insert (db, stmt, id, error);
}

gboolean
td_store_demo_insert_closure (TdDatabase  *db,
                              int          first_day,
                              int          last_day,
                              const char  *note,
                              GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO shop_closure (first_day, last_day, note) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, first_day);
  sqlite3_bind_int (stmt, 2, last_day);
  sqlite3_bind_text (stmt, 3, note, -1, SQLITE_STATIC);
  return step_insert (db, stmt, NULL, error);
}

gboolean
td_store_demo_insert_intake (TdDatabase  *db,
                             gint64       consignor_id,
                             const char  *acquisition,
                             gint64       staff_id,
                             gint64       started_at,
                             gint64       finished_at,
                             gint64      *id,
                             GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO intake (consignor_id, acquisition, staff_id, started_at, finished_at) "
    "VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_id_or_null (stmt, 1, consignor_id);
  sqlite3_bind_text (stmt, 2, acquisition, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 3, staff_id);
  sqlite3_bind_int64 (stmt, 4, started_at);
  sqlite3_bind_int64 (stmt, 5, finished_at);
  return step_insert (db, stmt, id, error);
}

gboolean
td_store_demo_insert_item (TdDatabase             *db,
                           const TdStoreDemoItem  *item,
                           gint64                 *id,
                           GError                **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO item (sku, consignor_id, acquisition, intake_id, title, description, "
    "category_id, brand, size, colour, material, grade_id, defects, price, min_price, cost, "
    "share_bp, status, vintage_year, search_text, intake_at, expires_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, item->sku, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 2, item->consignor_id);
  sqlite3_bind_text (stmt, 3, item->acquisition, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 4, item->intake_id);
  sqlite3_bind_text (stmt, 5, item->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, item->description, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 7, item->category_id);
  sqlite3_bind_text (stmt, 8, item->brand, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, item->size, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, item->colour, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, item->material, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 12, item->grade_id);
  sqlite3_bind_text (stmt, 13, item->defects, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, item->price);
  sqlite3_bind_int64 (stmt, 15, item->min_price);
  if (item->cost >= 0)
    sqlite3_bind_int64 (stmt, 16, item->cost);
  if (item->share_bp >= 0)
    sqlite3_bind_int (stmt, 17, item->share_bp);
  sqlite3_bind_text (stmt, 18, item->status, -1, SQLITE_STATIC);
  if (item->vintage_year > 0)
    sqlite3_bind_int (stmt, 19, item->vintage_year);
  sqlite3_bind_text (stmt, 20, item->search_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 21, item->intake_at);
  if (item->expires_at > 0)
    sqlite3_bind_int64 (stmt, 22, item->expires_at);
  sqlite3_bind_int64 (stmt, 23, item->updated_at);
  return step_insert (db, stmt, id, error);
}

gboolean
td_store_demo_insert_item_code (TdDatabase  *db,
                                gint64       item_id,
                                const char  *code,
                                GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO item_code (item_id, code) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  return step_insert (db, stmt, NULL, error);
}

/**
 * td_store_demo_set_sku_sequence:
 * @prefix: a consignor code, "B" or "D"
 * @last: the last number handed out under @prefix
 *
 * So that the next intake carries on after the demo's SKUs instead of colliding with them.
 */
gboolean
td_store_demo_set_sku_sequence (TdDatabase  *db,
                                const char  *prefix,
                                gint64       last,
                                GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO sku_sequence (prefix, last) VALUES (?1, ?2) "
    "ON CONFLICT (prefix) DO UPDATE SET last = max (last, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, last);
  return step_insert (db, stmt, NULL, error);
}

gboolean
td_store_demo_insert_audit (TdDatabase  *db,
                            gint64       at,
                            const char  *action,
                            const char  *detail_json,
                            GError     **error)
{
  return td_store_audit_append (db, at, 0, action, NULL, 0, detail_json, error);
}

/**
 * td_store_demo_insert_sale:
 *
 * The sale row, its payment and its audit row, as a counter sale writes them.
 */
gboolean
td_store_demo_insert_sale (TdDatabase             *db,
                           const TdStoreDemoSale  *sale,
                           gint64                 *id,
                           GError                **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO sale (register_id, receipt_no, channel, staff_id, created_at, sold_day, "
    "subtotal, discount, discount_reason, tax, rounding, total, status) "
    "VALUES ('main', ?, 'store', ?, ?, ?, ?, ?, ?, 0, 0, ?, 'completed')", error);
  g_autoptr(TdStmt) payment = NULL;
  g_autofree char *detail = NULL;
  gint64 sale_id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sale->receipt_no);
  bind_id_or_null (stmt, 2, sale->staff_id);
  sqlite3_bind_int64 (stmt, 3, sale->created_at);
  sqlite3_bind_int (stmt, 4, sale->sold_day);
  sqlite3_bind_int64 (stmt, 5, sale->subtotal);
  sqlite3_bind_int64 (stmt, 6, sale->discount);
  sqlite3_bind_text (stmt, 7, sale->discount_reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, sale->total);
  if (!step_insert (db, stmt, &sale_id, error))
    return FALSE;

  payment = td_database_prepare (db,
    "INSERT INTO payment (sale_id, tender, amount, change) VALUES (?, ?, ?, ?)", error);
  if (payment == NULL)
    return FALSE;
  sqlite3_bind_int64 (payment, 1, sale_id);
  sqlite3_bind_text (payment, 2, sale->tender, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (payment, 3, sale->tendered);
  sqlite3_bind_int64 (payment, 4, sale->change);
  if (!step_insert (db, payment, NULL, error))
    return FALSE;

  detail = g_strdup_printf ("{\"receipt_no\":%" G_GINT64_FORMAT ",\"total\":%" G_GINT64_FORMAT "}",
                            sale->receipt_no, sale->total);
  if (!td_store_audit_append (db, sale->created_at, sale->staff_id, "sale.completed", "sale",
                              sale_id, detail, error))
    return FALSE;

  *id = sale_id;
  return TRUE;
}

/**
 * td_store_demo_insert_sale_line:
 *
 * One line of a sale: copies the item's sale-time facts into the line, marks the item
 * sold (only if it was still available: the counter's double-sell guard) and credits the
 * consignor's share to the ledger.
 */
gboolean
td_store_demo_insert_sale_line (TdDatabase             *db,
                                gint64                  sale_id,
                                const TdStoreDemoLine  *line,
                                GError                **error)
{
  g_autoptr(TdStmt) insert = td_database_prepare (db,
    "INSERT INTO sale_line (sale_id, item_id, title, sku, category_id, grade_id, consignor_id, "
    "list_price, discount, price, tax, tax_rate_bp, share_bp, consignor_share, sold_at, sold_day) "
    "SELECT ?1, id, title, sku, category_id, grade_id, consignor_id, ?2, ?3, ?4, 0, 0, ?5, ?6, "
    "?7, ?8 FROM item WHERE id = ?9", error);
  g_autoptr(TdStmt) sold = NULL;
  g_autoptr(TdStmt) ledger = NULL;
  gint64 line_id;

  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, sale_id);
  sqlite3_bind_int64 (insert, 2, line->list_price);
  sqlite3_bind_int64 (insert, 3, line->discount);
  sqlite3_bind_int64 (insert, 4, line->price);
  sqlite3_bind_int (insert, 5, line->share_bp);
  sqlite3_bind_int64 (insert, 6, line->consignor_share);
  sqlite3_bind_int64 (insert, 7, line->sold_at);
  sqlite3_bind_int (insert, 8, line->sold_day);
  sqlite3_bind_int64 (insert, 9, line->item_id);
  if (!step_insert (db, insert, &line_id, error) ||
      !check_one_change (db, "writing a demo sale line", error))
    return FALSE;

  sold = td_database_prepare (db,
    "UPDATE item SET status = 'sold', sold_at = ?2, updated_at = ?2 "
    "WHERE id = ?1 AND status = 'available'", error);
  if (sold == NULL)
    return FALSE;
  sqlite3_bind_int64 (sold, 1, line->item_id);
  sqlite3_bind_int64 (sold, 2, line->sold_at);
  if (!td_database_step_done (db, sold, error) ||
      !check_one_change (db, "marking a demo item sold", error))
    return FALSE;

  /* A sale credit is always positive (td_store_ledger_append()'s rule); a share that rounds
   * to nothing leaves no row. */
  if (line->consignor_id <= 0 || line->consignor_share <= 0)
    return TRUE;

  ledger = td_database_prepare (db,
    "INSERT INTO ledger (consignor_id, kind, amount, sale_line_id, created_at) "
    "VALUES (?, 'sale', ?, ?, ?)", error);
  if (ledger == NULL)
    return FALSE;
  sqlite3_bind_int64 (ledger, 1, line->consignor_id);
  sqlite3_bind_int64 (ledger, 2, line->consignor_share);
  sqlite3_bind_int64 (ledger, 3, line_id);
  sqlite3_bind_int64 (ledger, 4, line->sold_at);
  return step_insert (db, ledger, NULL, error);
}

/**
 * td_store_demo_insert_payout:
 *
 * A payout, the ledger debit that matches it, and its audit row.
 */
gboolean
td_store_demo_insert_payout (TdDatabase  *db,
                             gint64       consignor_id,
                             gint64       amount,
                             const char  *method,
                             const char  *reference,
                             gint64       staff_id,
                             gint64       at,
                             GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO payout (consignor_id, amount, method, reference, staff_id, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);
  g_autoptr(TdStmt) ledger = NULL;
  g_autofree char *detail = NULL;
  gint64 payout_id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, consignor_id);
  sqlite3_bind_int64 (stmt, 2, amount);
  sqlite3_bind_text (stmt, 3, method, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, reference, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 5, staff_id);
  sqlite3_bind_int64 (stmt, 6, at);
  if (!step_insert (db, stmt, &payout_id, error))
    return FALSE;

  ledger = td_database_prepare (db,
    "INSERT INTO ledger (consignor_id, kind, amount, payout_id, created_at) "
    "VALUES (?, 'payout', ?, ?, ?)", error);
  if (ledger == NULL)
    return FALSE;
  sqlite3_bind_int64 (ledger, 1, consignor_id);
  sqlite3_bind_int64 (ledger, 2, -amount);
  sqlite3_bind_int64 (ledger, 3, payout_id);
  sqlite3_bind_int64 (ledger, 4, at);
  if (!step_insert (db, ledger, NULL, error))
    return FALSE;

  detail = g_strdup_printf ("{\"consignor_id\":%" G_GINT64_FORMAT ",\"amount\":%" G_GINT64_FORMAT
                            ",\"method\":\"%s\"}", consignor_id, amount, method);
  return td_store_audit_append (db, at, staff_id, "payout.created", "payout", payout_id, detail,
                                error);
}
