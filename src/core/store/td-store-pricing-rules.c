/* td-store-pricing-rules.c — adding and removing markdown rules, closures and promotions.
 *
 * Every change is validated first (td-pricing.c), then written with its audit row in one
 * transaction: a refused or failed change writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-pricing.h"
#include "td-store-private.h"

static const char *
promotion_kind_to_string (TdPromotionKind kind)
{
  switch (kind)
    {
    case TD_PROMOTION_COLOUR_TAG:
      return "colour_tag";
    case TD_PROMOTION_FIXED_PRICE:
      return "fixed_price";
    case TD_PROMOTION_PERCENT:
    default:
      return "percent";
    }
}

typedef struct
{
  const char *table;
  const char *detail_sql;     /* one row: json_object of the record with id ?1 */
  const char *added;          /* audit actions */
  const char *removed;
  gint64      now_us;
  gint64      id;
  gint64      category_id;    /* to check before adding; 0: none */
  gboolean  (*insert) (TdDatabase *db, gconstpointer record, GError **error);
  gconstpointer record;
} Change;

static gboolean
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, TD_PRICING_ERROR, TD_PRICING_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* The record as JSON for the audit trail; NOT_FOUND when there is no such id. */
static gboolean
record_detail (TdDatabase  *db,
               Change      *change,
               char       **detail,
               GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db, change->detail_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, _("It no longer exists; it may have been removed already."));
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "reading a pricing rule", error);
  *detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

static gboolean
check_category (TdDatabase  *db,
                gint64       category_id,
                GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  if (category_id <= 0)
    return TRUE;
  stmt = td_database_prepare (db, "SELECT 1 FROM category WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, category_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, _("The category no longer exists."));
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "checking a category", error);
  return TRUE;
}

static gboolean
add_txn (TdDatabase  *db,
         gpointer     user_data,
         GError     **error)
{
  Change *change = user_data;
  g_autofree char *detail = NULL;

  if (!check_category (db, change->category_id, error) ||
      !change->insert (db, change->record, error))
    return FALSE;
  change->id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  if (!record_detail (db, change, &detail, error))
    return FALSE;
  return td_store_audit_append (db, change->now_us, 0, change->added, change->table,
                                change->id, detail, error);
}

static gboolean
remove_txn (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  Change *change = user_data;
  g_autofree char *detail = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(TdStmt) stmt = NULL;

  if (!record_detail (db, change, &detail, error))
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", change->table);
  stmt = td_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  return td_store_audit_append (db, change->now_us, 0, change->removed, change->table,
                                change->id, detail, error);
}

static void
bind_id_or_null (TdStmt *stmt,
                 int     col,
                 gint64  id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, col, id);
  else
    sqlite3_bind_null (stmt, col);
}

/* Markdown rules */

static const Change markdown_change = {
  .table = "markdown_rule",
  .detail_sql = "SELECT json_object ('category_id', category_id, 'after_days', after_days, "
                "'percent_bp', percent_bp, 'active', active) FROM markdown_rule WHERE id = ?1",
  .added = "pricing.markdown.added",
  .removed = "pricing.markdown.removed",
};

/* A category's schedule (or the all-category one) takes more off as items age: a step must
 * not share its day with another, nor take off less than an earlier step, or more than a
 * later one. Inactive steps don't count. */
static gboolean
check_schedule (TdDatabase            *db,
                const TdMarkdownRule  *rule,
                GError               **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  if (!rule->active)
    return TRUE;
  stmt = td_database_prepare (db,
                              "SELECT after_days, percent_bp FROM markdown_rule "
                              "WHERE active = 1 AND ifnull (category_id, 0) = ?1 "
                              "  AND (after_days = ?2 "
                              "       OR (after_days < ?2 AND percent_bp >= ?3) "
                              "       OR (after_days > ?2 AND percent_bp <= ?3)) "
                              "ORDER BY after_days LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, MAX (rule->category_id, 0));
  sqlite3_bind_int (stmt, 2, rule->after_days);
  sqlite3_bind_int (stmt, 3, rule->percent_bp);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "checking a markdown schedule", error);
  if (sqlite3_column_int (stmt, 0) == rule->after_days)
    g_set_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The schedule already has a step after %d day; remove it first.",
                              "The schedule already has a step after %d days; remove it first.",
                              rule->after_days),
                 rule->after_days);
  else
    g_set_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "This step overlaps the step after %d day: later steps must take "
                              "more off than earlier ones.",
                              "This step overlaps the step after %d days: later steps must take "
                              "more off than earlier ones.",
                              sqlite3_column_int (stmt, 0)),
                 sqlite3_column_int (stmt, 0));
  return FALSE;
}

static gboolean
insert_markdown (TdDatabase     *db,
                 gconstpointer   record,
                 GError        **error)
{
  const TdMarkdownRule *rule = record;
  g_autoptr(TdStmt) stmt = NULL;

  if (!check_schedule (db, rule, error))
    return FALSE;

  stmt = td_database_prepare (db,
                              "INSERT INTO markdown_rule (category_id, after_days, percent_bp, active) "
                              "VALUES (?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_id_or_null (stmt, 1, rule->category_id);
  sqlite3_bind_int (stmt, 2, rule->after_days);
  sqlite3_bind_int (stmt, 3, rule->percent_bp);
  sqlite3_bind_int (stmt, 4, rule->active ? 1 : 0);
  return td_database_step_done (db, stmt, error);
}

/**
 * td_store_pricing_add_markdown_rule:
 * @db: a #TdDatabase
 * @rule: the step (its @id is ignored); validated by td_pricing_markdown_rule_validate()
 * @now_us: the time of the change, UTC microseconds
 * @id: (out) (optional): the new rule's id
 * @error: return location: %TD_PRICING_ERROR_INVALID, %TD_PRICING_ERROR_NOT_FOUND (category),
 *   or a %TD_DATABASE_ERROR
 *
 * Adds a markdown step and its audit row (`pricing.markdown.added`) in one transaction;
 * a refused or failed change writes nothing.
 */
gboolean
td_store_pricing_add_markdown_rule (TdDatabase            *db,
                                    const TdMarkdownRule  *rule,
                                    gint64                 now_us,
                                    gint64                *id,
                                    GError               **error)
{
  Change change = markdown_change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  if (!td_pricing_markdown_rule_validate (rule, error))
    return FALSE;
  change.now_us = now_us;
  change.category_id = rule->category_id;
  change.insert = insert_markdown;
  change.record = rule;
  if (!td_database_transaction (db, add_txn, &change, error))
    return FALSE;
  if (id != NULL)
    *id = change.id;
  return TRUE;
}

/**
 * td_store_pricing_remove_markdown_rule:
 * @db: a #TdDatabase
 * @id: the rule
 * @now_us: the time of the change, UTC microseconds
 * @error: return location: %TD_PRICING_ERROR_NOT_FOUND when there is no such rule
 *
 * Removes a markdown step, audited (`pricing.markdown.removed`, with what it was).
 */
gboolean
td_store_pricing_remove_markdown_rule (TdDatabase  *db,
                                       gint64       id,
                                       gint64       now_us,
                                       GError     **error)
{
  Change change = markdown_change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  change.now_us = now_us;
  change.id = id;
  return td_database_transaction (db, remove_txn, &change, error);
}

/* Closures */

static const Change closure_change = {
  .table = "shop_closure",
  .detail_sql = "SELECT json_object ('first_day', first_day, 'last_day', last_day, "
                "'note', note) FROM shop_closure WHERE id = ?1",
  .added = "pricing.closure.added",
  .removed = "pricing.closure.removed",
};

static gboolean
insert_closure (TdDatabase     *db,
                gconstpointer   record,
                GError        **error)
{
  const TdShopClosure *closure = record;
  g_autoptr(TdStmt) stmt = NULL;

  stmt = td_database_prepare (db,
                              "INSERT INTO shop_closure (first_day, last_day, note) VALUES (?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, closure->first_day);
  sqlite3_bind_int (stmt, 2, closure->last_day);
  sqlite3_bind_text (stmt, 3, closure->note != NULL ? closure->note : "", -1, SQLITE_STATIC);
  return td_database_step_done (db, stmt, error);
}

/**
 * td_store_pricing_add_closure:
 * @db: a #TdDatabase
 * @closure: the days, validated by td_pricing_closure_validate() (its @id is ignored)
 * @now_us: the time of the change, UTC microseconds
 * @id: (out) (optional): the new closure's id
 * @error: return location
 *
 * Records days the shop is closed (markdown clocks pause over them), audited
 * (`pricing.closure.added`); a refused or failed change writes nothing.
 */
gboolean
td_store_pricing_add_closure (TdDatabase           *db,
                              const TdShopClosure  *closure,
                              gint64                now_us,
                              gint64               *id,
                              GError              **error)
{
  Change change = closure_change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (closure != NULL, FALSE);

  if (!td_pricing_closure_validate (closure, error))
    return FALSE;
  change.now_us = now_us;
  change.insert = insert_closure;
  change.record = closure;
  if (!td_database_transaction (db, add_txn, &change, error))
    return FALSE;
  if (id != NULL)
    *id = change.id;
  return TRUE;
}

/**
 * td_store_pricing_remove_closure:
 *
 * Removes a closure, audited (`pricing.closure.removed`); %TD_PRICING_ERROR_NOT_FOUND when
 * there is no such closure.
 */
gboolean
td_store_pricing_remove_closure (TdDatabase  *db,
                                 gint64       id,
                                 gint64       now_us,
                                 GError     **error)
{
  Change change = closure_change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  change.now_us = now_us;
  change.id = id;
  return td_database_transaction (db, remove_txn, &change, error);
}

/* Promotions */

static const Change promotion_change = {
  .table = "promotion",
  .detail_sql = "SELECT json_object ('name', name, 'kind', kind, 'tag_colour', tag_colour, "
                "'category_id', category_id, 'percent_bp', percent_bp, "
                "'fixed_price', fixed_price, 'weekdays', weekdays, 'starts_at', starts_at, "
                "'ends_at', ends_at, 'active', active) FROM promotion WHERE id = ?1",
  .added = "pricing.promotion.added",
  .removed = "pricing.promotion.removed",
};

static gboolean
insert_promotion (TdDatabase     *db,
                  gconstpointer   record,
                  GError        **error)
{
  const TdPromotion *p = record;
  g_autoptr(TdStmt) stmt = NULL;
  g_autofree char *name = g_strstrip (g_strdup (p->name));
  g_autofree char *colour = p->tag_colour != NULL ? g_strstrip (g_strdup (p->tag_colour)) : NULL;

  stmt = td_database_prepare (db,
                              "INSERT INTO promotion (name, kind, tag_colour, category_id, "
                              "percent_bp, fixed_price, weekdays, starts_at, ends_at, active) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, promotion_kind_to_string (p->kind), -1, SQLITE_STATIC);
  if (p->kind == TD_PROMOTION_COLOUR_TAG)
    sqlite3_bind_text (stmt, 3, colour, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 4, p->category_id);
  if (p->kind != TD_PROMOTION_FIXED_PRICE)
    sqlite3_bind_int (stmt, 5, p->percent_bp);
  else
    sqlite3_bind_int64 (stmt, 6, p->fixed_price);
  sqlite3_bind_int (stmt, 7, (int) p->weekdays);
  sqlite3_bind_int64 (stmt, 8, p->starts_at);
  if (p->ends_at != 0)
    sqlite3_bind_int64 (stmt, 9, p->ends_at);
  sqlite3_bind_int (stmt, 10, p->active ? 1 : 0);
  return td_database_step_done (db, stmt, error);
}

/**
 * td_store_pricing_add_promotion:
 * @db: a #TdDatabase
 * @promotion: validated by td_pricing_promotion_validate() (its @id is ignored)
 * @now_us: the time of the change, UTC microseconds
 * @id: (out) (optional): the new promotion's id
 * @error: return location
 *
 * Adds a colour-tag, percent or fixed-price promotion, audited (`pricing.promotion.added`);
 * a refused or failed change writes nothing.
 */
gboolean
td_store_pricing_add_promotion (TdDatabase         *db,
                                const TdPromotion  *promotion,
                                gint64              now_us,
                                gint64             *id,
                                GError            **error)
{
  Change change = promotion_change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (promotion != NULL, FALSE);

  if (!td_pricing_promotion_validate (promotion, error))
    return FALSE;
  change.now_us = now_us;
  change.category_id = promotion->category_id;
  change.insert = insert_promotion;
  change.record = promotion;
  if (!td_database_transaction (db, add_txn, &change, error))
    return FALSE;
  if (id != NULL)
    *id = change.id;
  return TRUE;
}

/**
 * td_store_pricing_remove_promotion:
 *
 * Removes a promotion, audited (`pricing.promotion.removed`); %TD_PRICING_ERROR_NOT_FOUND
 * when there is no such promotion.
 */
gboolean
td_store_pricing_remove_promotion (TdDatabase  *db,
                                   gint64       id,
                                   gint64       now_us,
                                   GError     **error)
{
  Change change = promotion_change;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  change.now_us = now_us;
  change.id = id;
  return td_database_transaction (db, remove_txn, &change, error);
}
