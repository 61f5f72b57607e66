/* td-store-stock.c — helpers shared by the stock files of the store: the shop's consignment
 * defaults, binding, audit detail JSON, search text, manufacturer codes and selections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-search-text.h"
#include "td-store-stock-private.h"

/* What a shop without (or with garbled) settings falls back to; td-store-defaults.c seeds
 * the same values into every new shop. */
#define FALLBACK_SHARE_BP    5000
#define FALLBACK_PERIOD_DAYS 60

static int
setting_int (TdDatabase  *db,
             const char  *key,
             int          fallback,
             int          min,
             int          max,
             gboolean    *ok,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = td_store_settings_dup (db, key, &local_error);
  gint64 parsed;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      *ok = FALSE;
      return fallback;
    }
  *ok = TRUE;
  if (value == NULL || !g_ascii_string_to_signed (value, 10, min, max, &parsed, NULL))
    {
      g_debug ("Setting %s is “%s”; using %d", key, value ? value : "(unset)", fallback);
      return fallback;
    }
  return (int) parsed;
}

/**
 * td_stock_load_defaults:
 *
 * Reads the shop's consignment terms; unset or unreadable values fall back to the defaults a
 * new shop is seeded with.
 */
gboolean
td_stock_load_defaults (TdDatabase       *db,
                        TdStockDefaults  *defaults,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *action = NULL;
  gboolean ok;

  g_assert (defaults != NULL);

  defaults->share_bp = setting_int (db, TD_SETTING_CONSIGNMENT_SHARE_BP, FALLBACK_SHARE_BP,
                                    0, 10000, &ok, error);
  if (!ok)
    return FALSE;
  defaults->period_days = setting_int (db, TD_SETTING_CONSIGNMENT_PERIOD_DAYS,
                                       FALLBACK_PERIOD_DAYS, 1, 3650, &ok, error);
  if (!ok)
    return FALSE;

  action = td_store_settings_dup (db, TD_SETTING_CONSIGNMENT_EXPIRY, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!td_expiry_action_from_string (action, &defaults->expiry_action))
    defaults->expiry_action = TD_EXPIRY_ACTION_RETURN;
  return TRUE;
}

/* Returns: (transfer full): @text trimmed, "" for %NULL */
char *
td_stock_trim (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

void
td_stock_bind_text (TdStmt     *stmt,
                    int         index,
                    const char *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
td_stock_bind_id (TdStmt *stmt,
                  int     index,
                  gint64  id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Steps a one-value query: @found says whether there was a row. */
gboolean
td_stock_query_int64 (TdDatabase  *db,
                      TdStmt      *stmt,
                      gint64      *value,
                      gboolean    *found,
                      GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      if (found != NULL)
        *found = TRUE;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, sqlite3_sql (stmt), error);
  *value = 0;
  if (found != NULL)
    *found = FALSE;
  return TRUE;
}

/* Audit details: a JSON object built as "{" + members; callers append the closing brace. */
static void
json_key (GString    *json,
          const char *key)
{
  if (json->len > 1)
    g_string_append_c (json, ',');
  g_string_append_printf (json, "\"%s\":", key);
}

static void
json_escape (GString    *json,
             const char *value)
{
  g_string_append_c (json, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (json, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (json, "\\u%04x", c);
      else
        g_string_append_c (json, (char) c);
    }
  g_string_append_c (json, '"');
}

void
td_stock_json_string (GString    *json,
                      const char *key,
                      const char *value)
{
  json_key (json, key);
  if (value == NULL)
    g_string_append (json, "null");
  else
    json_escape (json, value);
}

void
td_stock_json_int (GString    *json,
                   const char *key,
                   gint64      value)
{
  json_key (json, key);
  g_string_append_printf (json, "%" G_GINT64_FORMAT, value);
}

void
td_stock_json_raw (GString    *json,
                   const char *key,
                   const char *raw)
{
  json_key (json, key);
  g_string_append (json, raw);
}

/* Returns: (transfer full): a JSON array of strings ("[]" for none) */
char *
td_stock_json_strv (const char * const *values)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *trimmed = td_stock_trim (values[i]);

      if (*trimmed == '\0')
        continue;
      if (json->len > 1)
        g_string_append_c (json, ',');
      json_escape (json, trimmed);
    }
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/**
 * td_stock_search_text:
 *
 * The item's `search_text`: title, brand, SKU, consignor code, size, colour (the fields a
 * person types at the search box). Any may be %NULL.
 */
char *
td_stock_search_text (const char *title,
                      const char *brand,
                      const char *sku,
                      const char *consignor_code,
                      const char *size,
                      const char *colour)
{
  /* td_search_text_build() stops at the first NULL: absent fields are "". */
  const char *fields[] = {
    title ? title : "", brand ? brand : "", sku ? sku : "",
    consignor_code ? consignor_code : "", size ? size : "", colour ? colour : "", NULL
  };

  return td_search_text_build (fields);
}

static gboolean
row_exists (TdDatabase  *db,
            const char  *sql,
            gint64       id,
            gboolean    *exists,
            GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, sql, error);
  gint64 one;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return td_stock_query_int64 (db, stmt, &one, exists, error);
}

/* The category and grade a draft names still exist (another counter may have removed one). */
gboolean
td_stock_check_references (TdDatabase         *db,
                           const TdItemDraft  *draft,
                           GPtrArray          *problems,
                           GError            **error)
{
  gboolean exists;

  if (draft->category_id != 0)
    {
      if (!row_exists (db, "SELECT 1 FROM category WHERE id = ?", draft->category_id, &exists,
                       error))
        return FALSE;
      if (!exists)
        td_field_problems_add (problems, TD_FIELD_CATEGORY, 0,
                               _("That category no longer exists; choose another."));
    }
  if (draft->grade_id != 0)
    {
      if (!row_exists (db, "SELECT 1 FROM grade WHERE id = ?", draft->grade_id, &exists, error))
        return FALSE;
      if (!exists)
        td_field_problems_add (problems, TD_FIELD_GRADE, 0,
                               _("That condition grade no longer exists; choose another."));
    }
  return TRUE;
}

/* Makes the item's manufacturer codes those of @draft; @changed says whether they differed. */
gboolean
td_stock_replace_codes (TdDatabase         *db,
                        gint64              item_id,
                        const TdItemDraft  *draft,
                        gboolean           *changed,
                        GError            **error)
{
  g_auto(GStrv) codes = td_item_draft_dup_codes (draft);
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TdStmt) select = NULL;
  g_autoptr(TdStmt) remove = NULL;
  gboolean same;
  int rc;

  select = td_database_prepare (db, "SELECT code FROM item_code WHERE item_id = ?", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, item_id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    g_ptr_array_add (old, g_strdup ((const char *) sqlite3_column_text (select, 0)));
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading an item's codes", error);

  same = old->len == g_strv_length (codes);
  for (guint i = 0; same && codes[i] != NULL; i++)
    same = g_ptr_array_find_with_equal_func (old, codes[i], g_str_equal, NULL);
  *changed = !same;
  if (same)
    return TRUE;

  remove = td_database_prepare (db, "DELETE FROM item_code WHERE item_id = ?", error);
  if (remove == NULL)
    return FALSE;
  sqlite3_bind_int64 (remove, 1, item_id);
  if (!td_database_step_done (db, remove, error))
    return FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(TdStmt) insert = td_database_prepare (db,
        "INSERT INTO item_code (item_id, code) VALUES (?, ?)", error);

      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, item_id);
      sqlite3_bind_text (insert, 2, codes[i], -1, SQLITE_STATIC);
      if (!td_database_step_done (db, insert, error))
        return FALSE;
    }
  return TRUE;
}

/* Selections ----------------------------------------------------------------------------- */

static void
stock_item_clear (gpointer data)
{
  TdStockItem *item = data;

  g_free (item->sku);
  g_free (item->title);
  g_free (item->brand);
  g_free (item->size);
  g_free (item->colour);
  g_free (item->status);
  g_free (item->consignor_code);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
dup_column (TdStmt *stmt,
            int     column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * td_stock_load_selection:
 * @problems: receives a problem for each id that is not an item
 *
 * Loads the items of a selection, each once, in id order.
 *
 * Returns: (transfer full) (element-type TdStockItem): the items found, %NULL on a database
 *   error
 */
GArray *
td_stock_load_selection (TdDatabase    *db,
                         const gint64  *item_ids,
                         guint          n_items,
                         GPtrArray     *problems,
                         GError       **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_items);
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (TdStockItem));
  TdStockDefaults defaults;

  g_array_set_clear_func (items, stock_item_clear);
  if (!td_stock_load_defaults (db, &defaults, error))
    return NULL;

  g_array_append_vals (ids, item_ids, n_items);
  g_array_sort (ids, compare_ids);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(TdStmt) stmt = NULL;
      TdStockItem item = { 0 };
      const char *action;
      int rc;

      if (i > 0 && id == g_array_index (ids, gint64, i - 1))
        continue;

      stmt = td_database_prepare (db,
        "SELECT i.id, i.sku, i.title, i.brand, i.size, i.colour, i.status, i.acquisition, "
        "       i.consignor_id, c.code, i.price, i.min_price, i.expires_at, c.expiry_action "
        "FROM item i LEFT JOIN consignor c ON c.id = i.consignor_id WHERE i.id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          td_field_problems_add (problems, TD_FIELD_STATUS, id,
                                 _("Item %lld no longer exists."), (long long) id);
          continue;
        }
      if (rc != SQLITE_ROW)
        {
          td_database_set_error (db, rc, "loading a selection", error);
          return NULL;
        }

      item.id = sqlite3_column_int64 (stmt, 0);
      item.sku = dup_column (stmt, 1);
      item.title = dup_column (stmt, 2);
      item.brand = dup_column (stmt, 3);
      item.size = dup_column (stmt, 4);
      item.colour = dup_column (stmt, 5);
      item.status = dup_column (stmt, 6);
      if (!td_acquisition_from_string ((const char *) sqlite3_column_text (stmt, 7),
                                       &item.acquisition))
        item.acquisition = TD_ACQUISITION_BOUGHT;
      item.consignor_id = sqlite3_column_int64 (stmt, 8);
      item.consignor_code = dup_column (stmt, 9);
      item.price = sqlite3_column_int64 (stmt, 10);
      item.min_price = sqlite3_column_int64 (stmt, 11);
      item.expires_at = sqlite3_column_int64 (stmt, 12);
      action = (const char *) sqlite3_column_text (stmt, 13);
      if (item.consignor_id == 0)
        item.consignor_action = TD_EXPIRY_ACTION_SHOP_DEFAULT;
      else if (!td_expiry_action_from_string (action, &item.consignor_action))
        item.consignor_action = defaults.expiry_action;
      g_array_append_val (items, item);
    }

  return g_steal_pointer (&items);
}

/**
 * td_stock_problem_not_available:
 *
 * Adds the plain reason why @item (not available) can't take an action on the floor.
 */
void
td_stock_problem_not_available (GPtrArray         *problems,
                                const TdStockItem *item)
{
  const char *status = item->status;

  if (g_strcmp0 (status, "sold") == 0)
    td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                           _("%s “%s” is already sold."), item->sku, item->title);
  else if (g_strcmp0 (status, "returned") == 0)
    td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                           _("%s “%s” was already returned to the consignor."),
                           item->sku, item->title);
  else if (g_strcmp0 (status, "donated") == 0)
    td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                           _("%s “%s” was already donated."), item->sku, item->title);
  else if (g_strcmp0 (status, "held") == 0)
    td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                           _("%s “%s” is on hold for a customer."), item->sku, item->title);
  else if (g_strcmp0 (status, "damaged") == 0)
    td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                           _("%s “%s” is marked as damaged."), item->sku, item->title);
  else
    td_field_problems_add (problems, TD_FIELD_STATUS, item->id,
                           _("%s “%s” is not on sale."), item->sku, item->title);
}

/**
 * td_stock_item_set_status:
 *
 * Moves an available item to @status. Guarded like a sale: exactly one row must change, or
 * the item left the floor under us and the whole transaction is refused.
 */
gboolean
td_stock_item_set_status (TdDatabase         *db,
                          const TdStockItem  *item,
                          const char         *status,
                          gint64              now_us,
                          GError            **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "UPDATE item SET status = ?, updated_at = ? WHERE id = ? AND status = 'available'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now_us);
  sqlite3_bind_int64 (stmt, 3, item->id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (td_database_get_handle (db)) != 1)
    {
      g_autoptr(GPtrArray) problems = td_field_problems_new ();

      td_stock_problem_not_available (problems, item);
      return td_stock_error_set_problems (error, TD_STOCK_ERROR_NOT_AVAILABLE, problems);
    }
  return TRUE;
}

/**
 * td_stock_item_set_price:
 * @reason: why, for the audit trail: `edit`, `markdown`, `bulk`
 *
 * Changes an item's ticket price and audits old and new, in the caller's transaction.
 */
gboolean
td_stock_item_set_price (TdDatabase         *db,
                         const TdStockItem  *item,
                         gint64              price,
                         const char         *reason,
                         gint64              staff_id,
                         gint64              now_us,
                         GError            **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");

  if (price == item->price)
    return TRUE;

  stmt = td_database_prepare (db, "UPDATE item SET price = ?, updated_at = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, price);
  sqlite3_bind_int64 (stmt, 2, now_us);
  sqlite3_bind_int64 (stmt, 3, item->id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;

  td_stock_json_string (detail, "sku", item->sku);
  td_stock_json_int (detail, "old", item->price);
  td_stock_json_int (detail, "new", price);
  td_stock_json_string (detail, "reason", reason);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, now_us, staff_id, "item.price_changed", "item", item->id,
                                detail->str, error);
}

/**
 * td_stock_item_leave:
 * @status: `returned` or `donated`
 * @reason: why, for the audit trail: `expiry`, `bulk`
 *
 * Takes an available item off the floor and audits it (`item.returned`, `item.donated`), in
 * the caller's transaction. No money moves, so the ledger is not touched.
 */
gboolean
td_stock_item_leave (TdDatabase         *db,
                     const TdStockItem  *item,
                     const char         *status,
                     const char         *reason,
                     gint64              staff_id,
                     gint64              now_us,
                     GError            **error)
{
  g_autoptr(GString) detail = g_string_new ("{");
  g_autofree char *action = g_strconcat ("item.", status, NULL);

  if (!td_stock_item_set_status (db, item, status, now_us, error))
    return FALSE;

  td_stock_json_string (detail, "sku", item->sku);
  if (item->consignor_id > 0)
    td_stock_json_int (detail, "consignor_id", item->consignor_id);
  td_stock_json_string (detail, "reason", reason);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, now_us, staff_id, action, "item", item->id, detail->str,
                                error);
}
