/* td-store-item-edit.c — the item editor's round trip: load an item as a draft, save it back.
 *
 * What intake fixed stays fixed: the SKU (it is on the tag), the consignor, how the item was
 * acquired, its share and its expiry. Price changes are audited with old and new; the
 * search text is rebuilt (and the item re-indexed) only when a searched field changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-permission.h"
#include "td-store-stock-private.h"

#define ITEM_COLUMNS \
  "i.title, i.description, i.category_id, i.brand, i.size, i.colour, i.material, i.grade_id, " \
  "i.defects, i.price, i.min_price, i.cost, i.quantity, i.sku, i.acquisition, i.status, " \
  "c.code"

typedef struct
{
  TdItemDraft    draft;
  TdAcquisition  acquisition;
  char          *status;
  char          *consignor_code;
} Stored;

static void
stored_clear (Stored *stored)
{
  td_item_draft_clear (&stored->draft);
  g_clear_pointer (&stored->status, g_free);
  g_clear_pointer (&stored->consignor_code, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stored, stored_clear)

static char *
dup_column (TdStmt *stmt,
            int     column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GStrv
load_strings (TdDatabase  *db,
              const char  *sql,
              gint64       item_id,
              GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "loading an item's lists", error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static gboolean
load_stored (TdDatabase  *db,
             gint64       item_id,
             Stored      *stored,
             GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  TdItemDraft *d = &stored->draft;
  int rc;

  td_item_draft_init (d);
  stmt = td_database_prepare (db,
    "SELECT " ITEM_COLUMNS " FROM item i LEFT JOIN consignor c ON c.id = i.consignor_id "
    "WHERE i.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND,
                           _("This item no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "loading an item", error);

  d->title = dup_column (stmt, 0);
  d->description = dup_column (stmt, 1);
  d->category_id = sqlite3_column_int64 (stmt, 2);
  d->brand = dup_column (stmt, 3);
  d->size = dup_column (stmt, 4);
  d->colour = dup_column (stmt, 5);
  d->material = dup_column (stmt, 6);
  d->grade_id = sqlite3_column_int64 (stmt, 7);
  d->price = sqlite3_column_int64 (stmt, 9);
  d->min_price = sqlite3_column_int64 (stmt, 10);
  d->cost = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? TD_COST_UNKNOWN
                                                          : sqlite3_column_int64 (stmt, 11);
  d->quantity = sqlite3_column_int (stmt, 12);
  d->sku = dup_column (stmt, 13);
  if (!td_acquisition_from_string ((const char *) sqlite3_column_text (stmt, 14),
                                   &stored->acquisition))
    stored->acquisition = TD_ACQUISITION_BOUGHT;
  stored->status = dup_column (stmt, 15);
  stored->consignor_code = dup_column (stmt, 16);
  td_stmt_reset (stmt);

  d->defects = load_strings (db,
    "SELECT j.value FROM item, json_each (item.defects) AS j WHERE item.id = ? "
    "AND j.type = 'text'", item_id, error);  /* json_each walks an array in order */
  if (d->defects == NULL)
    return FALSE;
  d->codes = load_strings (db, "SELECT code FROM item_code WHERE item_id = ? ORDER BY code",
                           item_id, error);
  return d->codes != NULL;
}

/**
 * td_store_items_load_draft:
 * @db: a #TdDatabase
 * @item_id: an item
 * @draft: (out caller-allocates): receives the item's editable values, its SKU and its
 *   manufacturer codes (canonical form); clear it with td_item_draft_clear()
 * @error: return location: %TD_STOCK_ERROR_NOT_FOUND or a database error
 */
gboolean
td_store_items_load_draft (TdDatabase   *db,
                           gint64        item_id,
                           TdItemDraft  *draft,
                           GError      **error)
{
  g_auto(Stored) stored = { 0 };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (!load_stored (db, item_id, &stored, error))
    return FALSE;
  *draft = stored.draft;
  memset (&stored.draft, 0, sizeof stored.draft);
  return TRUE;
}

static gboolean
text_changed (GString    *names,
              const char *name,
              const char *old,
              const char *new)
{
  if (g_strcmp0 (old ? old : "", new) == 0)
    return FALSE;
  g_string_append_printf (names, "%s\"%s\"", names->len > 1 ? "," : "", name);
  return TRUE;
}

static void
money_changed (GString    *json,
               GString    *names,
               const char *name,
               gint64      old,
               gint64      new)
{
  g_autofree char *pair = NULL;

  if (old == new)
    return;
  g_string_append_printf (names, "%s\"%s\"", names->len > 1 ? "," : "", name);
  pair = g_strdup_printf ("{\"old\":%" G_GINT64_FORMAT ",\"new\":%" G_GINT64_FORMAT "}", old, new);
  td_stock_json_raw (json, name, pair);
}

static gboolean
is_on_the_floor (const char *status)
{
  return g_strcmp0 (status, "available") == 0 || g_strcmp0 (status, "held") == 0 ||
         g_strcmp0 (status, "draft") == 0;
}

typedef struct
{
  gint64             item_id;
  const TdItemDraft *draft;
  gint64             staff_id;
  gint64             now_us;
} Update;

static gboolean
update_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Update *u = user_data;
  const TdItemDraft *d = u->draft;
  g_auto(Stored) stored = { 0 };
  const TdItemDraft *old = &stored.draft;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) names = g_string_new ("[");
  g_autoptr(GString) detail = g_string_new ("{");
  g_autoptr(TdStmt) stmt = NULL;
  g_autofree char *title = td_stock_trim (d->title);
  g_autofree char *description = td_stock_trim (d->description);
  g_autofree char *brand = td_stock_trim (d->brand);
  g_autofree char *size = td_stock_trim (d->size);
  g_autofree char *colour = td_stock_trim (d->colour);
  g_autofree char *material = td_stock_trim (d->material);
  g_autofree char *defects = td_stock_json_strv ((const char * const *) d->defects);
  g_autofree char *old_defects = NULL;
  gint64 cost;
  gboolean searched = FALSE;
  gboolean codes_changed = FALSE;

  if (!load_stored (db, u->item_id, &stored, error))
    return FALSE;

  problems = td_item_draft_validate (d, stored.acquisition);
  /* The SKU is fixed at intake; the draft's is not looked at. */
  for (guint i = problems->len; i > 0; i--)
    {
      const TdFieldProblem *p = g_ptr_array_index (problems, i - 1);

      if (g_str_equal (p->field, TD_FIELD_SKU))
        g_ptr_array_remove_index (problems, i - 1);
    }
  if (!td_stock_check_references (db, d, problems, error))
    return FALSE;
  if (d->price != old->price && !is_on_the_floor (stored.status) &&
      td_field_problems_find (problems, TD_FIELD_PRICE) == NULL)
    td_field_problems_add (problems, TD_FIELD_PRICE, 0,
                           _("This item has left the shop (%s); its price can’t change."),
                           stored.status);
  /* The minimum is the consignor's floor: lowering it is a price override. */
  if (stored.acquisition == TD_ACQUISITION_CONSIGNED && d->min_price < old->min_price &&
      td_field_problems_find (problems, TD_FIELD_MIN_PRICE) == NULL &&
      !td_store_authorize (db, u->staff_id, TD_PERMISSION_PRICE_BELOW_MINIMUM, NULL, u->now_us,
                           NULL))
    td_field_problems_add (problems, TD_FIELD_MIN_PRICE, 0,
                           _("Only a manager or the owner can lower the consignor’s minimum "
                             "price."));
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);

  cost = stored.acquisition == TD_ACQUISITION_BOUGHT ? d->cost : old->cost;
  old_defects = td_stock_json_strv ((const char * const *) old->defects);

  searched |= text_changed (names, "title", old->title, title);
  searched |= text_changed (names, "brand", old->brand, brand);
  searched |= text_changed (names, "size", old->size, size);
  searched |= text_changed (names, "colour", old->colour, colour);
  text_changed (names, "description", old->description, description);
  text_changed (names, "material", old->material, material);
  text_changed (names, "defects", old_defects, defects);
  money_changed (detail, names, "category_id", old->category_id, d->category_id);
  money_changed (detail, names, "grade_id", old->grade_id, d->grade_id);
  money_changed (detail, names, "min_price", old->min_price, d->min_price);
  money_changed (detail, names, "cost", old->cost, cost);
  money_changed (detail, names, "quantity", old->quantity, d->quantity);

  if (!td_stock_replace_codes (db, u->item_id, d, &codes_changed, error))
    return FALSE;
  if (codes_changed)
    g_string_append_printf (names, "%s\"codes\"", names->len > 1 ? "," : "");

  if (names->len == 1 && d->price == old->price)
    return TRUE;  /* nothing changed */

  /* Naming search_text in the SET list fires the FTS trigger even for the same value, so it
   * is only there when a searched field changed. */
  stmt = td_database_prepare (db, searched
    ? "UPDATE item SET title = ?1, description = ?2, category_id = ?3, brand = ?4, size = ?5, "
      "colour = ?6, material = ?7, grade_id = ?8, defects = ?9, price = ?10, min_price = ?11, "
      "cost = ?12, quantity = ?13, updated_at = ?14, search_text = ?15 WHERE id = ?16"
    : "UPDATE item SET title = ?1, description = ?2, category_id = ?3, brand = ?4, size = ?5, "
      "colour = ?6, material = ?7, grade_id = ?8, defects = ?9, price = ?10, min_price = ?11, "
      "cost = ?12, quantity = ?13, updated_at = ?14 WHERE id = ?16", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, description, -1, SQLITE_STATIC);
  td_stock_bind_id (stmt, 3, d->category_id);
  sqlite3_bind_text (stmt, 4, brand, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, size, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, colour, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, material, -1, SQLITE_STATIC);
  td_stock_bind_id (stmt, 8, d->grade_id);
  sqlite3_bind_text (stmt, 9, defects, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, old->price);  /* price changes below, audited */
  sqlite3_bind_int64 (stmt, 11, d->min_price);
  if (cost >= 0)
    sqlite3_bind_int64 (stmt, 12, cost);
  sqlite3_bind_int (stmt, 13, d->quantity);
  sqlite3_bind_int64 (stmt, 14, u->now_us);
  if (searched)
    {
      g_autofree char *search_text = td_stock_search_text (title, brand, old->sku,
                                                           stored.consignor_code, size, colour);
      sqlite3_bind_text (stmt, 15, search_text, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 16, u->item_id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;

  if (d->price != old->price)
    {
      TdStockItem item = { .id = u->item_id, .sku = old->sku, .price = old->price };

      if (!td_stock_item_set_price (db, &item, d->price, "edit", u->staff_id, u->now_us, error))
        return FALSE;
    }

  if (names->len == 1)
    return TRUE;
  g_string_append_c (names, ']');
  td_stock_json_string (detail, "sku", old->sku);
  td_stock_json_raw (detail, "changed", names->str);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, u->now_us, u->staff_id, "item.updated", "item", u->item_id,
                                detail->str, error);
}

/**
 * td_store_items_update:
 * @db: a #TdDatabase
 * @item_id: the item
 * @draft: its edited values (as td_store_items_load_draft() gave them); the SKU is not changed
 * @staff_id: who, or 0
 * @now_us: when, UTC µs
 * @error: return location: %TD_STOCK_ERROR_INVALID with every field problem,
 *   %TD_STOCK_ERROR_NOT_FOUND, or a database error; nothing is written then
 *
 * Saves the item editor. A price change is audited as `item.price_changed` (old, new); other
 * changes as `item.updated` (the changed fields' names, old and new of the numbers). The
 * price of an item that has left the shop (sold, returned, donated, damaged) can't change.
 * Lowering a consigned item's minimum needs %TD_PERMISSION_PRICE_BELOW_MINIMUM for @staff_id.
 * Saving an unchanged item writes nothing.
 */
gboolean
td_store_items_update (TdDatabase         *db,
                       gint64              item_id,
                       const TdItemDraft  *draft,
                       gint64              staff_id,
                       gint64              now_us,
                       GError            **error)
{
  Update u = { item_id, draft, staff_id, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  return td_database_transaction (db, update_txn, &u, error);
}
