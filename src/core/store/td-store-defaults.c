/* td-store-defaults.c — what a new shop starts with: grades, categories, settings.
 *
 * Seeded in C rather than SQL so that the labels are in the language of the shop that
 * creates the database; codes stay stable for marketplace mappings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-money.h"
#include "td-store-private.h"
#include "td-store-stock-private.h"

typedef struct
{
  const char *code;
  const char *label;
  const char *definition;
  const char *ebay;     /* Inventory API ConditionEnum */
  const char *shopify;  /* product condition tag */
} DefaultGrade;

static const DefaultGrade default_grades[] = {
  { "NWT", N_("New with tags"), N_("Unused and unworn, with the original tags attached."),
    "NEW", "new" },
  { "NWOT", N_("New without tags"), N_("Unused and unworn, but without the original tags or box."),
    "NEW_OTHER", "new" },
  { "LIKE_NEW", N_("Like new"), N_("Used once or twice; no visible signs of wear."),
    "LIKE_NEW", "used" },
  { "VERY_GOOD", N_("Very good"), N_("Lightly used; minor signs of wear, no defects."),
    "USED_VERY_GOOD", "used" },
  { "GOOD", N_("Good"), N_("Used with visible wear; any defects are listed."),
    "USED_GOOD", "used" },
  { "FAIR", N_("Fair"), N_("Heavily used with noticeable defects, still works as intended."),
    "USED_ACCEPTABLE", "used" },
  { "PARTS", N_("For parts or repair"), N_("Does not work fully or is incomplete; sold as is."),
    "FOR_PARTS_OR_NOT_WORKING", "used" },
};

/* Defect checklists: translated one label at a time below. */
static const char *clothing_defects[] = { N_("Stain"), N_("Tear or hole"), N_("Missing button"),
                                          N_("Pilling"), N_("Faded"), N_("Broken zip"), NULL };
static const char *hard_defects[] = { N_("Scratches"), N_("Chips or dents"), N_("Missing parts"),
                                      N_("Untested"), NULL };
static const char *book_defects[] = { N_("Writing inside"), N_("Torn pages"), N_("Water damage"),
                                      N_("Loose binding"), NULL };

typedef struct
{
  const char  *code;
  const char  *name;
  const char  *parent;
  const char **defects;
} Category;

static const Category default_categories[] = {
  { "clothing", N_("Clothing"), NULL, clothing_defects },
  { "clothing.women", N_("Women"), N_("Clothing"), clothing_defects },
  { "clothing.men", N_("Men"), N_("Clothing"), clothing_defects },
  { "clothing.children", N_("Children"), N_("Clothing"), clothing_defects },
  { "shoes", N_("Shoes"), NULL, clothing_defects },
  { "accessories", N_("Bags and accessories"), NULL, clothing_defects },
  { "jewellery", N_("Jewellery"), NULL, hard_defects },
  { "books", N_("Books"), NULL, book_defects },
  { "media", N_("Music and films"), NULL, hard_defects },
  { "toys", N_("Toys and games"), NULL, hard_defects },
  { "home", N_("Home and kitchen"), NULL, hard_defects },
  { "electronics", N_("Electronics"), NULL, hard_defects },
  { "furniture", N_("Furniture"), NULL, hard_defects },
  { "sports", N_("Sports and outdoors"), NULL, hard_defects },
  { "art", N_("Art and collectibles"), NULL, hard_defects },
};

static gboolean
seed_grades (TdDatabase  *db,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_grades); i++)
    {
      const DefaultGrade *g = &default_grades[i];
      g_autoptr(TdStmt) grade = td_database_prepare (db,
        "INSERT INTO grade (code, label, definition, position) VALUES (?, ?, ?, ?)", error);
      gint64 grade_id;

      if (grade == NULL)
        return FALSE;
      sqlite3_bind_text (grade, 1, g->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (grade, 2, _(g->label), -1, SQLITE_STATIC);
      sqlite3_bind_text (grade, 3, _(g->definition), -1, SQLITE_STATIC);
      sqlite3_bind_int (grade, 4, (int) i);
      if (!td_database_step_done (db, grade, error))
        return FALSE;
      grade_id = sqlite3_last_insert_rowid (td_database_get_handle (db));

      for (guint m = 0; m < 2; m++)
        {
          g_autoptr(TdStmt) map = td_database_prepare (db,
            "INSERT INTO grade_marketplace (grade_id, marketplace, condition) VALUES (?, ?, ?)",
            error);

          if (map == NULL)
            return FALSE;
          sqlite3_bind_int64 (map, 1, grade_id);
          sqlite3_bind_text (map, 2, m == 0 ? "ebay" : "shopify", -1, SQLITE_STATIC);
          sqlite3_bind_text (map, 3, m == 0 ? g->ebay : g->shopify, -1, SQLITE_STATIC);
          if (!td_database_step_done (db, map, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A JSON array of the translated labels. Not g_strescape(): it writes non-ASCII as octal
 * escapes, which are not JSON, so a shop created in Chinese failed json_valid(defects). */
static char *
defects_json (const char **defects)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; defects[i] != NULL; i++)
    g_ptr_array_add (labels, (gpointer) _(defects[i]));
  g_ptr_array_add (labels, NULL);
  return td_stock_json_strv ((const char * const *) labels->pdata);
}

static gboolean
seed_categories (TdDatabase  *db,
                 GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_categories); i++)
    {
      const Category *c = &default_categories[i];
      g_autoptr(TdStmt) stmt = td_database_prepare (db,
        "INSERT INTO category (parent_id, name, defects, position, code) "
        "VALUES ((SELECT id FROM category WHERE name = ?1 AND parent_id IS NULL), ?2, ?3, ?4, ?5)",
        error);
      g_autofree char *defects = defects_json (c->defects);

      if (stmt == NULL)
        return FALSE;
      if (c->parent != NULL)
        sqlite3_bind_text (stmt, 1, _(c->parent), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, _(c->name), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, defects, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, (int) i);
      sqlite3_bind_text (stmt, 5, c->code, -1, SQLITE_STATIC);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
seed_setting (TdDatabase  *db,
              const char  *key,
              const char  *value,
              GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return td_database_step_done (db, stmt, error);
}

/**
 * td_store_defaults_seed:
 *
 * Fills a brand-new shop, inside the transaction of the first migration.
 */
gboolean
td_store_defaults_seed (TdDatabase  *db,
                        GError     **error)
{
  g_autofree char *shop_id = g_uuid_string_random ();
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());

  return seed_grades (db, error) &&
         seed_categories (db, error) &&
         seed_setting (db, TD_SETTING_SHOP_ID, shop_id, error) &&
         seed_setting (db, TD_SETTING_SHOP_NAME, _("My Shop"), error) &&
         seed_setting (db, TD_SETTING_SHOP_ADDRESS, "", error) &&
         seed_setting (db, TD_SETTING_SHOP_TAX_ID, "", error) &&
         seed_setting (db, TD_SETTING_SHOP_CURRENCY, td_currency_default_code (), error) &&
         seed_setting (db, TD_SETTING_SHOP_CREATED_AT, now, error) &&
         seed_setting (db, TD_SETTING_CONSIGNMENT_SHARE_BP, "5000", error) &&
         seed_setting (db, TD_SETTING_CONSIGNMENT_PERIOD_DAYS, "60", error) &&
         seed_setting (db, TD_SETTING_CONSIGNMENT_EXPIRY, "return", error);
}
