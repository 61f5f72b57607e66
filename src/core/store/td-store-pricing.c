/* td-store-pricing.c — loading pricing rules, the rounding setting and price suggestions.
 *
 * Suggestions run on the main thread while staff type at intake, so each level is one
 * index range read newest first and stopped after TD_PRICING_MAX_COMPARABLES rows
 * (indexes in resources/sql/0003-pricing.sql; timings in tests/bench/bench-pricing.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "td-money.h"
#include "td-store-pricing.h"
#include "td-store-private.h"

/* Loading -------------------------------------------------------------------------------- */

static char *
column_text_dup_or_null (TdStmt *stmt,
                         int     col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
step_rows_done (TdDatabase  *db,
                int          rc,
                const char  *doing,
                GError     **error)
{
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, doing, error);
  return TRUE;
}

static gboolean
load_markdowns (TdDatabase      *db,
                TdPricingRules  *rules,
                GError         **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  stmt = td_database_prepare (db,
                              "SELECT id, ifnull (category_id, 0), after_days, percent_bp, active "
                              "FROM markdown_rule ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdMarkdownRule m = {
        .id = sqlite3_column_int64 (stmt, 0),
        .category_id = sqlite3_column_int64 (stmt, 1),
        .after_days = sqlite3_column_int (stmt, 2),
        .percent_bp = sqlite3_column_int (stmt, 3),
        .active = sqlite3_column_int (stmt, 4) != 0,
      };

      g_array_append_val (rules->markdowns, m);
    }
  return step_rows_done (db, rc, "loading markdown rules", error);
}

static gboolean
load_closures (TdDatabase      *db,
               TdPricingRules  *rules,
               GError         **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  stmt = td_database_prepare (db,
                              "SELECT id, first_day, last_day, note FROM shop_closure "
                              "ORDER BY first_day, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdShopClosure c = {
        .id = sqlite3_column_int64 (stmt, 0),
        .first_day = sqlite3_column_int (stmt, 1),
        .last_day = sqlite3_column_int (stmt, 2),
        .note = column_text_dup_or_null (stmt, 3),
      };

      g_array_append_val (rules->closures, c);
    }
  return step_rows_done (db, rc, "loading shop closures", error);
}

static gboolean
promotion_kind_from_string (const char      *text,
                            TdPromotionKind *kind)
{
  if (g_strcmp0 (text, "colour_tag") == 0)
    *kind = TD_PROMOTION_COLOUR_TAG;
  else if (g_strcmp0 (text, "fixed_price") == 0)
    *kind = TD_PROMOTION_FIXED_PRICE;
  else if (g_strcmp0 (text, "percent") == 0)
    *kind = TD_PROMOTION_PERCENT;
  else
    return FALSE;
  return TRUE;
}

static gboolean
load_promotions (TdDatabase      *db,
                 TdPricingRules  *rules,
                 GError         **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  stmt = td_database_prepare (db,
                              "SELECT id, kind, name, tag_colour, ifnull (category_id, 0), "
                              "ifnull (percent_bp, 0), ifnull (fixed_price, 0), weekdays, "
                              "starts_at, ifnull (ends_at, 0), active "
                              "FROM promotion ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdPromotion p = {
        .id = sqlite3_column_int64 (stmt, 0),
        .category_id = sqlite3_column_int64 (stmt, 4),
        .percent_bp = sqlite3_column_int (stmt, 5),
        .fixed_price = sqlite3_column_int64 (stmt, 6),
        .weekdays = (guint) sqlite3_column_int (stmt, 7) & 0x7f,
        .starts_at = sqlite3_column_int64 (stmt, 8),
        .ends_at = sqlite3_column_int64 (stmt, 9),
        .active = sqlite3_column_int (stmt, 10) != 0,
      };

      /* A kind this version does not know (written by a newer one) is never applied. */
      if (!promotion_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &p.kind))
        continue;
      p.name = column_text_dup_or_null (stmt, 2);
      p.tag_colour = column_text_dup_or_null (stmt, 3);
      g_array_append_val (rules->promotions, p);
    }
  return step_rows_done (db, rc, "loading promotions", error);
}

static gboolean
load_categories (TdDatabase      *db,
                 TdPricingRules  *rules,
                 GError         **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  stmt = td_database_prepare (db, "SELECT id, ifnull (parent_id, 0) FROM category ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TdPricingCategory c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (rules->categories, c);
    }
  return step_rows_done (db, rc, "loading categories", error);
}

/**
 * td_store_pricing_load_rules:
 * @db: a #TdDatabase
 * @out: (out caller-allocates): set up here with every markdown rule, closure and promotion
 *   (inactive ones too, flagged), the category tree and the local time zone; clear it with
 *   td_pricing_rules_clear() whatever the result (empty on failure)
 * @error: return location
 *
 * Returns: whether the rules could be read
 */
gboolean
td_store_pricing_load_rules (TdDatabase      *db,
                             TdPricingRules  *out,
                             GError         **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  td_pricing_rules_init (out);
  if (load_markdowns (db, out, error) &&
      load_closures (db, out, error) &&
      load_promotions (db, out, error) &&
      load_categories (db, out, error))
    {
      out->tz = g_time_zone_new_local ();
      return TRUE;
    }

  td_pricing_rules_clear (out);
  td_pricing_rules_init (out);
  return FALSE;
}

/**
 * td_store_pricing_load_item:
 * @db: a #TdDatabase
 * @item_id: the item
 * @out: (out caller-allocates): its pricing facts; @out->tag_colour points into @tag_colour
 * @tag_colour: (out) (transfer full) (nullable): the item's tag colour, to free after @out
 * @error: return location: %TD_PRICING_ERROR_NOT_FOUND when there is no such item
 *
 * Reads what td_pricing_effective_price() needs of one item (price, the consignor's minimum,
 * category, intake time, tag colour), for tags and the counter.
 */
gboolean
td_store_pricing_load_item (TdDatabase     *db,
                            gint64          item_id,
                            TdPricingItem  *out,
                            char          **tag_colour,
                            GError        **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL && tag_colour != NULL, FALSE);

  stmt = td_database_prepare (db,
                              "SELECT price, min_price, ifnull (category_id, 0), intake_at, "
                              "       tag_colour FROM item WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TD_PRICING_ERROR, TD_PRICING_ERROR_NOT_FOUND,
                           _("The item no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return td_database_set_error (db, rc, "reading an item's pricing facts", error);
  *tag_colour = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  *out = (TdPricingItem) {
    .price = sqlite3_column_int64 (stmt, 0),
    .min_price = sqlite3_column_int64 (stmt, 1),
    .category_id = sqlite3_column_int64 (stmt, 2),
    .intake_at = sqlite3_column_int64 (stmt, 3),
    .tag_colour = *tag_colour,
  };
  return TRUE;
}

/* Rounding setting ----------------------------------------------------------------------- */

/**
 * td_store_pricing_get_rounding:
 * @db: a #TdDatabase
 * @rounding: (out): the shop's rule; %TD_PRICE_ROUNDING_NONE when unset or unknown
 * @error: return location
 */
gboolean
td_store_pricing_get_rounding (TdDatabase       *db,
                               TdPriceRounding  *rounding,
                               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rounding != NULL, FALSE);

  *rounding = TD_PRICE_ROUNDING_NONE;
  value = td_store_settings_dup (db, TD_SETTING_PRICING_ROUNDING, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  td_price_rounding_from_string (value, rounding);
  return TRUE;
}

/**
 * td_store_pricing_set_rounding:
 * @db: a #TdDatabase
 * @rounding: the shop's new rule
 * @now_us: the time of the change, UTC microseconds
 * @error: return location
 *
 * Stores the rule in the `pricing.rounding` setting; the change is audited.
 */
gboolean
td_store_pricing_set_rounding (TdDatabase       *db,
                               TdPriceRounding   rounding,
                               gint64            now_us,
                               GError          **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rounding <= TD_PRICE_ROUNDING_HALF, FALSE);

  return td_store_settings_set (db, TD_SETTING_PRICING_ROUNDING,
                                td_price_rounding_to_string (rounding), now_us, error);
}

/* Suggestions ---------------------------------------------------------------------------- */

/* Sold lines that still count: the sale stands (not voided), the line was not refunded, and
 * something was paid (a give-away says nothing about value). Voided sales are few and read
 * once per query from the partial index sale_voided; refunds are looked up by line. */
#define COMPARABLE_LINE                                                                \
  " AND sl.price > 0"                                                                  \
  " AND sl.sale_id NOT IN (SELECT id FROM sale WHERE status = 'voided')"               \
  " AND NOT EXISTS (SELECT 1 FROM refund_line r WHERE r.sale_line_id = sl.id)"

/* Each level reads one covering index newest first (resources/sql/0004-pricing.sql). sale_line
 * carries no brand, so the first level goes through the sold items of that category, grade and
 * brand (item_sold_comparable), then their lines (sale_line_item). */
static const char * const level_sql[] = {
  [TD_PRICE_LEVEL_BRAND_GRADE] =
    "SELECT sl.price FROM item i JOIN sale_line sl ON sl.item_id = i.id "
    "WHERE i.category_id = ?1 AND i.grade_id = ?2 AND i.brand = ?3 COLLATE NOCASE "
    "AND i.status = 'sold'" COMPARABLE_LINE " "
    "ORDER BY i.sold_at DESC LIMIT ?4",
  [TD_PRICE_LEVEL_CATEGORY_GRADE] =
    "SELECT sl.price FROM sale_line sl "
    "WHERE sl.category_id = ?1 AND sl.grade_id = ?2" COMPARABLE_LINE " "
    "ORDER BY sl.sold_at DESC LIMIT ?4",
  [TD_PRICE_LEVEL_CATEGORY] =
    "SELECT sl.price FROM sale_line sl "
    "WHERE sl.category_id = ?1" COMPARABLE_LINE " "
    "ORDER BY sl.sold_at DESC LIMIT ?4",
};

static gboolean
read_comparables (TdDatabase    *db,
                  TdPriceLevel   level,
                  gint64         category_id,
                  const char    *brand,
                  gint64         grade_id,
                  gint64        *prices,
                  guint         *n,
                  GError       **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  int rc;

  *n = 0;
  stmt = td_database_prepare (db, level_sql[level], error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, category_id);
  if (level != TD_PRICE_LEVEL_CATEGORY)
    sqlite3_bind_int64 (stmt, 2, grade_id);
  if (level == TD_PRICE_LEVEL_BRAND_GRADE)
    sqlite3_bind_text (stmt, 3, brand, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, TD_PRICING_MAX_COMPARABLES);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && *n < TD_PRICING_MAX_COMPARABLES)
    prices[(*n)++] = sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_ROW)
    return TRUE;
  return step_rows_done (db, rc, "reading comparable sales", error);
}

static int
currency_digits (TdDatabase  *db,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = td_store_settings_dup (db, TD_SETTING_SHOP_CURRENCY, &local_error);
  const TdCurrency *currency;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  currency = code != NULL ? td_currency_lookup (code) : NULL;
  return currency != NULL ? currency->digits : 2;
}

/**
 * td_store_pricing_suggest:
 * @db: a #TdDatabase
 * @category_id: the item's category; 0 or less gives no suggestion
 * @brand: (nullable): the item's brand; empty skips the brand level
 * @grade_id: the item's grade; 0 or less skips the brand and grade levels
 * @rounding: the shop's rounding rule for the suggested price
 * @out: (out caller-allocates): the suggestion
 * @error: return location
 *
 * Suggests a price from what this shop sold: the median of the most recent
 * %TD_PRICING_MAX_COMPARABLES sold lines (voided sales, refunded lines and free lines left
 * out) of the same category, brand and grade; with fewer than %TD_PRICING_MIN_COMPARABLES,
 * of the same category and grade; then of the category. When no level has enough, the level
 * with the most comparables (the broadest) is used; with none at all @out->level is
 * %TD_PRICE_LEVEL_NONE. Brands match ignoring case and surrounding spaces.
 *
 * Fast enough to run on every keystroke (see tests/bench/bench-pricing.c).
 */
gboolean
td_store_pricing_suggest (TdDatabase         *db,
                          gint64              category_id,
                          const char         *brand,
                          gint64              grade_id,
                          TdPriceRounding     rounding,
                          TdPriceSuggestion  *out,
                          GError            **error)
{
  static const TdPriceLevel levels[] = {
    TD_PRICE_LEVEL_BRAND_GRADE, TD_PRICE_LEVEL_CATEGORY_GRADE, TD_PRICE_LEVEL_CATEGORY,
  };
  gint64 prices[TD_PRICING_MAX_COMPARABLES];
  gint64 best_prices[TD_PRICING_MAX_COMPARABLES];
  TdPriceLevel best_level = TD_PRICE_LEVEL_NONE;
  g_autofree char *trimmed = g_strstrip (g_strdup (brand != NULL ? brand : ""));
  guint best_n = 0;
  int digits;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  td_pricing_suggest (NULL, 0, TD_PRICE_LEVEL_NONE, rounding, 0, out);
  if (category_id <= 0)
    return TRUE;
  digits = currency_digits (db, error);
  if (digits < 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      guint n = 0;

      if (levels[i] == TD_PRICE_LEVEL_BRAND_GRADE && (*trimmed == '\0' || grade_id <= 0))
        continue;
      if (levels[i] == TD_PRICE_LEVEL_CATEGORY_GRADE && grade_id <= 0)
        continue;
      if (!read_comparables (db, levels[i], category_id, trimmed, grade_id, prices, &n, error))
        return FALSE;
      if (n > best_n)
        {
          best_n = n;
          best_level = levels[i];
          memcpy (best_prices, prices, sizeof (gint64) * n);
        }
      if (n >= TD_PRICING_MIN_COMPARABLES)
        break;
    }

  td_pricing_suggest (best_prices, best_n, best_level, rounding, digits, out);
  return TRUE;
}
