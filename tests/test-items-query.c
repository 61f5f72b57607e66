/* test-items-query.c — finding items: typed text, filters, pages, counts, lookups, and the
 * lazily paged list model. Every answer is checked against plain SQL written here, on a real
 * demo shop plus rows inserted for the semantics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-database-private.h"
#include "td-demo.h"
#include "td-item-filter.h"
#include "td-item-list.h"
#include "td-search-query.h"
#include "td-search-text.h"
#include "td-store-items-query.h"
#include "td-test.h"

#define DAY_US   ((gint64) 24 * 3600 * G_USEC_PER_SEC)
/* 2026-06-01 12:00 UTC: the demo shop's "now", so every run builds the same shop. */
#define DEMO_NOW ((gint64) 1780315200 * G_USEC_PER_SEC)
#define DEMO_ITEMS 1500

typedef struct
{
  char       *dir;
  char       *path;
  TdDatabase *db;
  sqlite3    *handle;
  gint64      consignor_id;   /* of the rows inserted below */
  char       *consignor_code;
  gint64      levis;          /* ids of the rows inserted below */
  gint64      tshirt;
  gint64      cafe;
  gint64      creme;
  gint64      blue_dress;
  gint64      boxed[2];       /* two copies sharing one barcode */
  gint64      next_at;
} Shop;

/* Fixture -------------------------------------------------------------------------------- */

static gint64
sql_int (Shop       *shop,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (shop->handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
sql_exec (Shop       *shop,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (shop->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* An item as intake writes one: search_text from the same six fields. */
static gint64
insert_item (Shop       *shop,
             const char *sku,
             const char *title,
             const char *brand,
             const char *size,
             const char *colour,
             const char *status)
{
  const char *fields[] = { title, brand, sku, shop->consignor_code, size, colour, NULL };
  g_autofree char *search_text = td_search_text_build (fields);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (shop->handle,
    "INSERT INTO item (sku, consignor_id, title, brand, size, colour, price, status, "
    "search_text, intake_at, updated_at, category_id, grade_id) "
    "VALUES (?, ?, ?, ?, ?, ?, 1500, ?, ?, ?, ?, "
    "(SELECT id FROM category WHERE code = 'clothing.women'), "
    "(SELECT id FROM grade WHERE code = 'GOOD'))", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, shop->consignor_id);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, brand, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, size, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, colour, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, search_text, -1, SQLITE_STATIC);
  /* Ids follow intake order: each row is taken in after the one before. */
  sqlite3_bind_int64 (stmt, 9, shop->next_at);
  sqlite3_bind_int64 (stmt, 10, shop->next_at);
  shop->next_at += G_USEC_PER_SEC;
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return sqlite3_last_insert_rowid (shop->handle);
}

static void
shop_setup (Shop          *shop,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  g_autofree char *sql = NULL;

  shop->dir = td_test_make_tmpdir ();
  shop->path = g_build_filename (shop->dir, "shop.db", NULL);

  td_demo_options_init (&options);
  options.items = DEMO_ITEMS;
  options.seed = 7;
  options.now_us = DEMO_NOW;
  td_demo_generate (shop->path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  shop->db = td_database_open (shop->path, &error);
  g_assert_no_error (error);
  shop->handle = td_database_get_handle (shop->db);
  shop->next_at = sql_int (shop, "SELECT max (intake_at) FROM item") + G_USEC_PER_SEC;

  sql_exec (shop, "INSERT INTO consignor (code, name, created_at) VALUES ('ZQ99', 'Zoe Quill', 0)");
  shop->consignor_id = sqlite3_last_insert_rowid (shop->handle);
  shop->consignor_code = g_strdup ("ZQ99");

  shop->levis = insert_item (shop, "ZQ99-0001", "Levi's 501 jeans", "Levi's", "W32", "Blue",
                             "available");
  shop->tshirt = insert_item (shop, "ZQ99-0002", "Striped T-Shirt", "", "M", "Striped", "held");
  shop->cafe = insert_item (shop, "ZQ99-0003", "Café au lait bowl", "", "", "Cream", "available");
  shop->creme = insert_item (shop, "ZQ99-0004", "Crème brûlée dish", "Le Creuset", "", "",
                             "damaged");
  shop->blue_dress = insert_item (shop, "ZQ99-0005", "Blue wool wrap dress", "Boden", "UK 12",
                                  "Navy", "available");
  shop->boxed[0] = insert_item (shop, "ZQ99-0006", "Boxed jigsaw puzzle", "Wasgij", "", "",
                                "available");
  shop->boxed[1] = insert_item (shop, "ZQ99-0007", "Boxed jigsaw puzzle", "Wasgij", "", "",
                                "sold");
  sql = g_strdup_printf ("INSERT INTO item_code (item_id, code) VALUES (%" G_GINT64_FORMAT
                         ", '5012345678900'), (%" G_GINT64_FORMAT ", '5012345678900')",
                         shop->boxed[0], shop->boxed[1]);
  sql_exec (shop, sql);

  /* Statuses the demo never writes, and listings in every state. */
  sql_exec (shop, "UPDATE item SET status = 'held' WHERE id % 97 = 0 AND status = 'available'");
  sql_exec (shop, "UPDATE item SET status = 'draft' WHERE id % 89 = 0 AND status = 'available'");
  sql_exec (shop, "INSERT INTO marketplace_account (kind, name, base_url, created_at) "
                  "VALUES ('ebay', 'eBay', 'https://api.ebay.test', 0)");
  sql_exec (shop, "INSERT INTO listing (item_id, account_id, state) "
                  "SELECT id, 1, CASE id % 4 WHEN 0 THEN 'live' WHEN 1 THEN 'queued' "
                  "WHEN 2 THEN 'ended' ELSE 'error' END FROM item WHERE id % 13 = 0");
}

static void
shop_teardown (Shop          *shop,
               gconstpointer  data)
{
  g_clear_object (&shop->db);
  td_test_rmdir_recursive (shop->dir);
  g_free (shop->dir);
  g_free (shop->path);
  g_free (shop->consignor_code);
}

/* Expected answers, in plain SQL --------------------------------------------------------- */

static char *
filter_sql (Shop               *shop,
            const TdItemFilter *f)
{
  GString *sql = g_string_new ("1");

  if (f->status >= 0)
    g_string_append_printf (sql, " AND status = '%s'", td_item_status_to_string (f->status));
  if (f->category_id > 0)
    g_string_append_printf (sql, " AND category_id IN (SELECT id FROM category WHERE id = %"
                            G_GINT64_FORMAT " OR parent_id = %" G_GINT64_FORMAT ")",
                            f->category_id, f->category_id);
  if (f->consignor_id > 0)
    g_string_append_printf (sql, " AND consignor_id = %" G_GINT64_FORMAT, f->consignor_id);
  else if (f->consignor_id == TD_ITEM_FILTER_SHOP_STOCK)
    g_string_append (sql, " AND consignor_id IS NULL");
  if (f->grade_id > 0)
    g_string_append_printf (sql, " AND grade_id = %" G_GINT64_FORMAT, f->grade_id);
  if (f->listed == TD_ITEM_LISTED_YES)
    g_string_append (sql, " AND id IN (SELECT item_id FROM listing WHERE state IN ('live', 'queued'))");
  else if (f->listed == TD_ITEM_LISTED_NO)
    g_string_append (sql, " AND id NOT IN (SELECT item_id FROM listing WHERE state IN ('live', 'queued'))");
  return g_string_free (sql, FALSE);
}

/* Every id the query should find, newest first: text through FTS5, the filter in SQL, the
 * age bucket in C with td_item_age_for(). */
static GArray *
expected_ids (Shop               *shop,
              const char         *typed,
              const TdItemFilter *filter)
{
  g_autoptr(TdSearchQuery) parsed = td_search_query_parse (typed);
  g_autofree char *where = filter_sql (shop, filter);
  g_autofree char *sql = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  sql = g_strdup_printf ("SELECT id, intake_at FROM item WHERE %s%s ORDER BY id DESC", where,
                         parsed->match ? " AND id IN (SELECT rowid FROM item_fts WHERE "
                                         "item_fts MATCH ?1)" : "");
  g_assert_cmpint (sqlite3_prepare_v2 (shop->handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (parsed->match)
    sqlite3_bind_text (stmt, 1, parsed->match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (filter->age == TD_ITEM_AGE_ANY ||
          td_item_age_for (sqlite3_column_int64 (stmt, 1), filter->now_us) == filter->age)
        g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

static GArray *
ids_of (GPtrArray *items)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint k = 0; k < items->len; k++)
    {
      gint64 id = td_item_get_id (g_ptr_array_index (items, k));

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_same_ids (GArray *got,
                 GArray *want)
{
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint k = 0; k < got->len; k++)
    if (g_array_index (got, gint64, k) != g_array_index (want, gint64, k))
      g_error ("position %u: got id %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT, k,
               g_array_index (got, gint64, k), g_array_index (want, gint64, k));
}

/* All pages by keyset, @page rows at a time. */
static GArray *
walk_pages (Shop        *shop,
            TdItemQuery *query,
            guint        page)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      td_store_items_query_fetch (shop->db, query, after, page, items, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, <=, page);
      for (guint k = 0; k < items->len; k++)
        {
          gint64 id = td_item_get_id (g_ptr_array_index (items, k));

          g_array_append_val (ids, id);
        }
      if (items->len < page)
        return ids;
      after = td_item_get_id (g_ptr_array_index (items, items->len - 1));
    }
}

static GPtrArray *
search (Shop               *shop,
        const char         *typed,
        const TdItemFilter *filter,
        TdItemQuery       **out_query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdItemQuery) query = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  query = td_store_items_query_new (shop->db, typed, filter, TD_ITEM_SORT_INTAKE, TRUE, &error);
  g_assert_no_error (error);
  td_store_items_query_fetch (shop->db, query, 0, 500, items, &error);
  g_assert_no_error (error);
  if (out_query != NULL)
    *out_query = g_steal_pointer (&query);
  return items;
}

static gboolean
finds (Shop       *shop,
       const char *typed,
       gint64      id)
{
  g_autoptr(GPtrArray) items = search (shop, typed, NULL, NULL);

  for (guint k = 0; k < items->len; k++)
    if (td_item_get_id (g_ptr_array_index (items, k)) == id)
      return TRUE;
  return FALSE;
}

/* Parsing (pure) ------------------------------------------------------------------------- */

static void
assert_parse (const char *typed,
              const char *match,
              const char *code)
{
  g_autoptr(TdSearchQuery) query = td_search_query_parse (typed);

  g_assert_cmpstr (query->match, ==, match);
  g_assert_cmpstr (query->code, ==, code);
}

static void
test_parse (void)
{
  assert_parse ("", NULL, NULL);
  assert_parse ("   ", NULL, NULL);
  assert_parse ("dress", "\"dress\"*", NULL);
  assert_parse ("Levi's", "\"levis\"*", NULL);
  assert_parse ("Levi’s 501", "\"levis\"* \"501\"*", NULL);
  assert_parse ("T-Shirt", "\"tshirt\"*", NULL);
  assert_parse ("H&M", "\"hm\"*", NULL);
  assert_parse ("h & m", "\"h\"* \"m\"*", NULL);
  assert_parse ("A.P.C.", "\"apc\"*", NULL);
  assert_parse ("  blue   DRESS ", "\"blue\"* \"dress\"*", NULL);
  assert_parse ("Café", "\"café\"*", NULL);
  assert_parse ("crème,brûlée", "\"crème\"* \"brûlée\"*", NULL);
  /* FTS5 syntax is only ever text inside a phrase. */
  assert_parse ("he said \"hi\"", "\"he\"* \"said\"* \"hi\"*", NULL);
  assert_parse ("a AND b OR NOT c NEAR(d)", "\"a\"* \"and\"* \"b\"* \"or\"* \"not\"* \"c\"* \"near\"* \"d\"*",
                NULL);
  assert_parse ("col:dress*", "\"col\"* \"dress\"*", NULL);
  assert_parse ("^x + -y", "\"x\"* \"y\"*", NULL);
  /* A symbol alone would be an empty phrase, which makes an AND match nothing. */
  assert_parse ("dress ∑ €", "\"dress\"*", NULL);
  assert_parse ("& - ' /", NULL, NULL);
  assert_parse ("\xcc\x81", NULL, NULL);  /* a combining accent alone */
  assert_parse ("旗袍", "\"旗袍\"*", NULL);
  /* Codes: digits only, or SKU-shaped. */
  assert_parse ("0042", "\"0042\"*", "0042");
  assert_parse (" 5012345678900 ", "\"5012345678900\"*", "5012345678900");
  assert_parse ("5 012345 678900", "\"5\"* \"012345\"* \"678900\"*", "5012345678900");
  assert_parse ("2 3", "\"2\"* \"3\"*", NULL);
  assert_parse ("ab12-0042", "\"ab120042\"*", "AB12-0042");
  assert_parse ("S-000123", "\"s000123\"*", "S-000123");
  assert_parse ("ab12", "\"ab12\"*", NULL);
  assert_parse ("-12", "\"12\"*", NULL);
  assert_parse ("levis 501", "\"levis\"* \"501\"*", NULL);
  assert_parse ("uk-10 dress", "\"uk10\"* \"dress\"*", NULL);
}

static void
test_parse_bounds (void)
{
  g_autoptr(TdSearchQuery) many = td_search_query_parse ("a b c d e f g h i j k l");
  g_autofree char *long_word = g_strnfill (500, 'x');
  g_autoptr(TdSearchQuery) longq = td_search_query_parse (long_word);
  g_autofree char *folded = td_search_query_fold ("Levi's T-Shirt ∑ café");

  g_assert_cmpuint (many->n_tokens, ==, TD_SEARCH_QUERY_MAX_TOKENS);
  g_assert_cmpstr (many->match, ==, "\"a\"* \"b\"* \"c\"* \"d\"* \"e\"* \"f\"* \"g\"* \"h\"*");
  g_assert_cmpuint (strlen (longq->match), <=, TD_SEARCH_QUERY_MAX_TOKEN_BYTES + 3);
  g_autoptr(TdSearchQuery) quotes = td_search_query_parse ("''");
  g_autoptr(TdSearchQuery) word = td_search_query_parse ("a");

  g_assert_cmpstr (folded, ==, "levis tshirt café");
  g_assert_true (td_search_query_is_empty (quotes));
  g_assert_false (td_search_query_is_empty (word));
}

/* No input, however broken, gives an FTS5 error: random bytes and random Unicode, through the
 * parser, through FTS5 MATCH and through the store. */
static void
test_fuzz (Shop          *shop,
           gconstpointer  data)
{
  static const gunichar specials[] = {
    '"', '*', '^', ':', '(', ')', '+', '-', '\'', 0x2019, '.', '&', '/', '\\', ' ', '\t', 0,
    0x0301, 0x00e9, 0x20ac, 0x2211, 0x200b, 0xfeff, 0xe000, 0x1f600, 0x65e5, 'N', 'E', 'A', 'R',
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (shop->handle,
    "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?", -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint round = 0; round < 4000; round++)
    {
      g_autoptr(GString) typed = g_string_new (NULL);
      g_autoptr(TdSearchQuery) parsed = NULL;
      g_autoptr(TdItemQuery) query = NULL;
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      guint len = g_rand_int_range (rand, 0, 24);
      guint count = 0;

      for (guint k = 0; k < len; k++)
        {
          if (round % 2 == 0)
            g_string_append_c (typed, (char) g_rand_int_range (rand, 1, 256));
          else if (g_rand_boolean (rand))
            {
              gunichar c = specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];

              g_string_append_unichar (typed, c != 0 ? c : 'a');
            }
          else
            g_string_append_unichar (typed, g_rand_int_range (rand, 0x20, 0x3000));
        }

      parsed = td_search_query_parse (typed->str);
      if (parsed->match != NULL)
        {
          int rc;

          sqlite3_bind_text (stmt, 1, parsed->match, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_ROW)
            g_error ("“%s” → %s: %s", typed->str, parsed->match, sqlite3_errmsg (shop->handle));
          sqlite3_reset (stmt);
          g_assert_true (g_utf8_validate (parsed->match, -1, NULL));
        }

      query = td_store_items_query_new (shop->db, typed->str, NULL, TD_ITEM_SORT_INTAKE, TRUE,
                                        &error);
      g_assert_no_error (error);
      td_store_items_query_fetch (shop->db, query, 0, 5, items, &error);
      g_assert_no_error (error);
      td_store_items_query_count (shop->db, query, TD_ITEM_QUERY_COUNT_CAP, &count, &error);
      g_assert_no_error (error);
    }
  sqlite3_finalize (stmt);
}

/* Formatting (pure) ---------------------------------------------------------------------- */

static void
test_status (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TD_TYPE_ITEM_STATUS);

  for (guint s = 0; s < TD_ITEM_N_STATUSES; s++)
    {
      TdItemStatus back;

      g_assert_true (td_item_status_from_string (td_item_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_cmpstr (g_enum_get_value (klass, s)->value_nick, ==, td_item_status_to_string (s));
      g_assert_cmpstr (td_item_status_get_label (s), !=, "");
    }
  g_assert_cmpstr (td_item_status_get_label (TD_ITEM_STATUS_HELD), ==, "On hold");
  g_assert_false (td_item_status_from_string ("lost", &(TdItemStatus) { 0 }));
  g_assert_false (td_item_status_from_string (NULL, &(TdItemStatus) { 0 }));
}

static void
test_age (void)
{
  const gint64 now = DEMO_NOW;
  static const struct { gint64 age_us; TdItemAge bucket; } cases[] = {
    { -DAY_US, TD_ITEM_AGE_UNDER_WEEK },               /* dated in the future */
    { 0, TD_ITEM_AGE_UNDER_WEEK },
    { 7 * DAY_US - 1, TD_ITEM_AGE_UNDER_WEEK },
    { 7 * DAY_US, TD_ITEM_AGE_UNDER_MONTH },
    { 30 * DAY_US - 1, TD_ITEM_AGE_UNDER_MONTH },
    { 30 * DAY_US, TD_ITEM_AGE_ONE_TO_TWO_MONTHS },
    { 60 * DAY_US, TD_ITEM_AGE_TWO_TO_THREE_MONTHS },
    { 90 * DAY_US - 1, TD_ITEM_AGE_TWO_TO_THREE_MONTHS },
    { 90 * DAY_US, TD_ITEM_AGE_OVER_THREE_MONTHS },
    { 4000 * DAY_US, TD_ITEM_AGE_OVER_THREE_MONTHS },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    g_assert_cmpint (td_item_age_for (now - cases[c].age_us, now), ==, cases[c].bucket);

  /* The range of a bucket holds exactly the intake times td_item_age_for() puts in it. */
  for (guint round = 0; round < 20000; round++)
    {
      gint64 intake = now - g_rand_int_range (rand, -5, 200) * DAY_US +
                      g_rand_int_range (rand, -3, 4);

      for (guint a = TD_ITEM_AGE_UNDER_WEEK; a < TD_ITEM_N_AGES; a++)
        {
          gint64 from, to;

          td_item_age_get_range (a, now, &from, &to);
          g_assert_cmpint (intake >= from && intake < to, ==, td_item_age_for (intake, now) == a);
        }
    }

  for (guint a = 0; a < TD_ITEM_N_AGES; a++)
    g_assert_cmpstr (td_item_age_get_label (a), !=, "");

  {
    g_autofree char *today = td_item_format_age (now - (gint64) 3600 * G_USEC_PER_SEC, now);
    g_autofree char *days = td_item_format_age (now - 3 * DAY_US, now);
    g_autofree char *weeks = td_item_format_age (now - 20 * DAY_US, now);
    g_autofree char *months = td_item_format_age (now - 130 * DAY_US, now);

    g_assert_cmpstr (today, ==, "Today");
    g_assert_cmpstr (days, ==, "3 days");
    g_assert_cmpstr (weeks, ==, "2 weeks");
    g_assert_cmpstr (months, ==, "4 months");
  }
}

static void
test_item_properties (Shop          *shop,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdItem) item = td_store_items_lookup_sku (shop->db, "ZQ99-0005", &error);
  g_autofree char *title = NULL, *category = NULL, *code = NULL, *grade = NULL;
  g_autoptr(GDateTime) intake = NULL;
  g_autoptr(GDateTime) expires = NULL;
  gint64 price = 0, id = 0;
  TdItemStatus status;

  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_object_get (item, "id", &id, "title", &title, "category-name", &category,
                "consignor-code", &code, "grade-label", &grade, "price", &price,
                "status", &status, "intake-at", &intake, "expires-at", &expires, NULL);
  g_assert_cmpint (id, ==, shop->blue_dress);
  g_assert_cmpstr (title, ==, "Blue wool wrap dress");
  g_assert_cmpstr (td_item_get_brand (item), ==, "Boden");
  g_assert_cmpstr (td_item_get_size (item), ==, "UK 12");
  g_assert_cmpstr (td_item_get_colour (item), ==, "Navy");
  g_assert_cmpstr (category, ==, "Women");
  g_assert_cmpstr (code, ==, "ZQ99");
  g_assert_cmpstr (grade, ==, "Good");
  g_assert_cmpint (price, ==, 1500);
  g_assert_cmpint (status, ==, TD_ITEM_STATUS_AVAILABLE);
  g_assert_nonnull (intake);
  g_assert_cmpint (g_date_time_to_unix (intake) * G_USEC_PER_SEC +
                   g_date_time_get_microsecond (intake), ==, td_item_get_intake_at_us (item));
  g_assert_null (expires);

  /* Shop stock: no consignor, empty code. */
  {
    g_autoptr(TdItem) stock = NULL;
    g_autofree char *sku = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (shop->handle, "SELECT sku FROM item WHERE consignor_id "
                                         "IS NULL LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sku = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    stock = td_store_items_lookup_sku (shop->db, sku, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (td_item_get_consignor_code (stock), ==, "");
    g_assert_cmpint (td_item_get_consignor_id (stock), ==, 0);
  }
}

/* Search semantics ----------------------------------------------------------------------- */

static void
test_forgiving (Shop          *shop,
                gconstpointer  data)
{
  /* levis finds Levi's, tshirt finds T-Shirt, accents are optional, case does not matter. */
  g_assert_true (finds (shop, "levis", shop->levis));
  g_assert_true (finds (shop, "levi's", shop->levis));
  g_assert_true (finds (shop, "LEVI’S 501", shop->levis));
  g_assert_true (finds (shop, "lev", shop->levis));
  g_assert_true (finds (shop, "tshirt", shop->tshirt));
  g_assert_true (finds (shop, "t-shirt", shop->tshirt));
  g_assert_true (finds (shop, "t shirt", shop->tshirt));
  g_assert_true (finds (shop, "striped tsh", shop->tshirt));
  g_assert_true (finds (shop, "cafe", shop->cafe));
  g_assert_true (finds (shop, "café", shop->cafe));
  g_assert_true (finds (shop, "creme brulee", shop->creme));
  g_assert_true (finds (shop, "CRÈME", shop->creme));
  g_assert_true (finds (shop, "le creuset", shop->creme));
  /* Several words: all must be there, in any order, anywhere. */
  g_assert_true (finds (shop, "blue dress", shop->blue_dress));
  g_assert_true (finds (shop, "dress boden", shop->blue_dress));
  g_assert_true (finds (shop, "wrap uk 12", shop->blue_dress));
  g_assert_false (finds (shop, "blue jeans", shop->blue_dress));
  g_assert_true (finds (shop, "blue jeans levis", shop->levis));
  g_assert_false (finds (shop, "levis dress", shop->levis));
  /* The consignor's code finds their items. */
  g_assert_true (finds (shop, "zq99", shop->cafe));
  /* Typos find nothing, without error. */
  g_assert_false (finds (shop, "lveis", shop->levis));
}

static void
test_codes (Shop          *shop,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdItemQuery) query = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TdItem) item = NULL;
  TdItemFilter filter;
  guint count = 0;

  /* A SKU typed in any case jumps straight to its item. */
  items = search (shop, "zq99-0003", NULL, &query);
  g_assert_true (td_item_query_is_code_hit (query));
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (td_item_get_id (g_ptr_array_index (items, 0)), ==, shop->cafe);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&query, td_item_query_unref);

  /* A barcode: every item carrying it, newest first, and nothing else. */
  items = search (shop, "5012345678900", NULL, &query);
  g_assert_true (td_item_query_is_code_hit (query));
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (td_item_get_id (g_ptr_array_index (items, 0)), ==, shop->boxed[1]);
  g_assert_cmpint (td_item_get_id (g_ptr_array_index (items, 1)), ==, shop->boxed[0]);
  td_store_items_query_count (shop->db, query, TD_ITEM_QUERY_COUNT_CAP, &count, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&query, td_item_query_unref);

  /* Filters still hold for a code: the sold copy is not "available". */
  td_item_filter_init (&filter);
  filter.status = TD_ITEM_STATUS_AVAILABLE;
  items = search (shop, "5012345678900", &filter, &query);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (td_item_get_id (g_ptr_array_index (items, 0)), ==, shop->boxed[0]);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&query, td_item_query_unref);

  /* Digits that are no code fall back to words: "501" is in the Levi's title. */
  items = search (shop, "501", NULL, &query);
  g_assert_false (td_item_query_is_code_hit (query));
  g_assert_true (finds (shop, "501", shop->levis));
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&query, td_item_query_unref);

  /* Lookups. */
  item = td_store_items_lookup_sku (shop->db, "ZQ99-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (td_item_get_id (item), ==, shop->levis);
  g_clear_object (&item);
  item = td_store_items_lookup_sku (shop->db, "zq99-0001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpint (td_item_get_id (item), ==, shop->levis);
  g_clear_object (&item);
  item = td_store_items_lookup_sku (shop->db, "ZQ99-9999", &error);
  g_assert_no_error (error);
  g_assert_null (item);

  td_store_items_lookup_code (shop->db, "5012345678900", found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_ptr_array_set_size (found, 0);
  td_store_items_lookup_code (shop->db, "ZQ99-0002", found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (td_item_get_id (g_ptr_array_index (found, 0)), ==, shop->tshirt);
  g_ptr_array_set_size (found, 0);
  td_store_items_lookup_code (shop->db, "0000000000000", found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

/* Order and pages ------------------------------------------------------------------------ */

static const char * const texts[] = { "", "a", "dress", "levis", "blue", "zq99", "b", "s", "zzzz" };

static void
test_pages (Shop          *shop,
            gconstpointer  data)
{
  TdItemFilter none;

  td_item_filter_init (&none);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdItemQuery) query = NULL;
      g_autoptr(GArray) want = expected_ids (shop, texts[t], &none);
      g_autoptr(GArray) got = NULL;
      g_autoptr(GArray) scanned = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint count = 0;

      query = td_store_items_query_new (shop->db, texts[t], NULL, TD_ITEM_SORT_INTAKE, TRUE,
                                        &error);
      g_assert_no_error (error);

      /* Newest first, every match exactly once, over pages of 7. */
      got = walk_pages (shop, query, 7);
      for (guint k = 0; k < got->len; k++)
        {
          g_assert_true (g_hash_table_add (seen, &g_array_index (got, gint64, k)));
          if (k > 0)
            g_assert_cmpint (g_array_index (got, gint64, k), <, g_array_index (got, gint64, k - 1));
        }
      assert_same_ids (got, want);

      /* The exact count, the capped count and the worker's pass agree. */
      td_store_items_query_count (shop->db, query, 0, &count, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, want->len);
      td_store_items_query_count (shop->db, query, TD_ITEM_QUERY_COUNT_CAP, &count, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, MIN (want->len, TD_ITEM_QUERY_COUNT_CAP + 1));
      td_store_items_query_scan (shop->db, query, 1, scanned, &count, NULL, &error);
      g_assert_no_error (error);
      assert_same_ids (scanned, want);
    }

  /* The whole shop is past the cap: 1001 says "1,000+". */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TdItemQuery) all = td_store_items_query_new (shop->db, "", NULL,
                                                           TD_ITEM_SORT_INTAKE, TRUE, &error);
    guint count = 0;

    g_assert_cmpint (sql_int (shop, "SELECT count(*) FROM item"), >, TD_ITEM_QUERY_COUNT_CAP + 1);
    td_store_items_query_count (shop->db, all, TD_ITEM_QUERY_COUNT_CAP, &count, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 1001);
  }
}

static void
test_oldest_first (Shop          *shop,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdItemQuery) query = td_store_items_query_new (shop->db, "dress", NULL,
                                                           TD_ITEM_SORT_INTAKE, FALSE, &error);
  TdItemFilter none;
  g_autoptr(GArray) want = NULL;
  g_autoptr(GArray) got = NULL;

  g_assert_no_error (error);
  td_item_filter_init (&none);
  want = expected_ids (shop, "dress", &none);
  for (guint k = 0; k < want->len / 2; k++)
    {
      gint64 tmp = g_array_index (want, gint64, k);

      g_array_index (want, gint64, k) = g_array_index (want, gint64, want->len - 1 - k);
      g_array_index (want, gint64, want->len - 1 - k) = tmp;
    }
  got = walk_pages (shop, query, 5);
  assert_same_ids (got, want);
}

/* Filters -------------------------------------------------------------------------------- */

static GArray *
all_filters (Shop *shop)
{
  GArray *filters = g_array_new (FALSE, FALSE, sizeof (TdItemFilter));
  TdItemFilter f;

  for (int s = 0; s < TD_ITEM_N_STATUSES; s++)
    {
      td_item_filter_init (&f);
      f.status = s;
      g_array_append_val (filters, f);
    }

  /* A parent category takes its subcategories; a leaf only itself. */
  td_item_filter_init (&f);
  f.category_id = sql_int (shop, "SELECT id FROM category WHERE code = 'clothing'");
  g_array_append_val (filters, f);
  f.category_id = sql_int (shop, "SELECT id FROM category WHERE code = 'clothing.men'");
  g_array_append_val (filters, f);
  f.category_id = sql_int (shop, "SELECT id FROM category WHERE code = 'books'");
  g_array_append_val (filters, f);

  td_item_filter_init (&f);
  f.consignor_id = shop->consignor_id;
  g_array_append_val (filters, f);
  f.consignor_id = sql_int (shop, "SELECT consignor_id FROM item WHERE consignor_id IS NOT NULL "
                                  "GROUP BY consignor_id ORDER BY count(*) DESC LIMIT 1");
  g_array_append_val (filters, f);
  f.status = TD_ITEM_STATUS_AVAILABLE;
  g_array_append_val (filters, f);
  td_item_filter_init (&f);
  f.consignor_id = TD_ITEM_FILTER_SHOP_STOCK;
  g_array_append_val (filters, f);

  td_item_filter_init (&f);
  f.grade_id = sql_int (shop, "SELECT id FROM grade WHERE code = 'PARTS'");
  g_array_append_val (filters, f);
  f.grade_id = sql_int (shop, "SELECT id FROM grade WHERE code = 'VERY_GOOD'");
  g_array_append_val (filters, f);

  for (guint a = TD_ITEM_AGE_UNDER_WEEK; a < TD_ITEM_N_AGES; a++)
    {
      td_item_filter_init (&f);
      f.age = a;
      f.now_us = DEMO_NOW;
      g_array_append_val (filters, f);
    }

  /* Bucket edges that fall exactly on an item: "under a week" starts at the Levi's row,
   * "1–4 weeks" ends there. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT intake_at FROM item WHERE id = %"
                                            G_GINT64_FORMAT, shop->levis);
    gint64 edge_now = sql_int (shop, sql) + 7 * DAY_US - 1;

    td_item_filter_init (&f);
    f.age = TD_ITEM_AGE_UNDER_WEEK;
    f.now_us = edge_now;
    g_array_append_val (filters, f);
    f.age = TD_ITEM_AGE_UNDER_MONTH;
    g_array_append_val (filters, f);
  }

  td_item_filter_init (&f);
  f.listed = TD_ITEM_LISTED_YES;
  g_array_append_val (filters, f);
  f.listed = TD_ITEM_LISTED_NO;
  g_array_append_val (filters, f);

  /* Several at once. */
  td_item_filter_init (&f);
  f.status = TD_ITEM_STATUS_AVAILABLE;
  f.category_id = sql_int (shop, "SELECT id FROM category WHERE code = 'clothing'");
  f.age = TD_ITEM_AGE_OVER_THREE_MONTHS;
  f.now_us = DEMO_NOW;
  g_array_append_val (filters, f);
  f.listed = TD_ITEM_LISTED_NO;
  f.grade_id = sql_int (shop, "SELECT id FROM grade WHERE code = 'GOOD'");
  g_array_append_val (filters, f);
  td_item_filter_init (&f);
  f.status = TD_ITEM_STATUS_HELD;
  f.listed = TD_ITEM_LISTED_YES;
  g_array_append_val (filters, f);

  return filters;
}

static void
test_filters (Shop          *shop,
              gconstpointer  data)
{
  g_autoptr(GArray) filters = all_filters (shop);
  guint nonempty = 0, restricted = 0;
  gint64 all = sql_int (shop, "SELECT count(*) FROM item");

  for (guint f = 0; f < filters->len; f++)
    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      {
        const TdItemFilter *filter = &g_array_index (filters, TdItemFilter, f);
        g_autoptr(GError) error = NULL;
        g_autoptr(TdItemQuery) query = NULL;
        g_autoptr(GArray) want = expected_ids (shop, texts[t], filter);
        g_autoptr(GArray) got = NULL;
        g_autoptr(GArray) scanned = g_array_new (FALSE, FALSE, sizeof (gint64));
        guint count = 0, capped = 0;

        query = td_store_items_query_new (shop->db, texts[t], filter, TD_ITEM_SORT_INTAKE, TRUE,
                                          &error);
        g_assert_no_error (error);
        got = walk_pages (shop, query, 9);
        assert_same_ids (got, want);

        td_store_items_query_count (shop->db, query, 0, &count, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (count, ==, want->len);
        td_store_items_query_count (shop->db, query, 20, &capped, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (capped, ==, MIN (want->len, 21));
        td_store_items_query_scan (shop->db, query, 9, scanned, &count, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (count, ==, want->len);
        g_assert_cmpuint (scanned->len, ==, want->len / 9);

        nonempty += want->len > 0;
        restricted += t == 0 && want->len < all;
        if (filter->age == TD_ITEM_AGE_UNDER_WEEK && t == 0 && filter->now_us != DEMO_NOW)
          g_assert_cmpint (g_array_index (want, gint64, want->len - 1), ==, shop->levis);
      }

  /* The cases must mean something: most find items, and every filter restricts. */
  g_assert_cmpuint (nonempty, >, filters->len * G_N_ELEMENTS (texts) / 2);
  g_assert_cmpuint (restricted, ==, filters->len);
}

/* The skip that finds a page nobody read yet, with and without a merge. */
static void
test_skip (Shop          *shop,
           gconstpointer  data)
{
  TdItemFilter filter;

  td_item_filter_init (&filter);
  filter.status = TD_ITEM_STATUS_SOLD;
  for (guint t = 0; t < 3; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdItemQuery) query = td_store_items_query_new (shop->db, texts[t], &filter,
                                                               TD_ITEM_SORT_INTAKE, TRUE, &error);
      g_autoptr(GArray) want = expected_ids (shop, texts[t], &filter);

      g_assert_no_error (error);
      g_assert_cmpuint (want->len, >, 30);
      for (guint n = 1; n <= want->len + 1; n += 7)
        {
          gint64 id = -1;

          td_store_items_query_skip (shop->db, query, g_array_index (want, gint64, 2), n, &id, &error);
          g_assert_no_error (error);
          g_assert_cmpint (id, ==, n + 2 < want->len ? g_array_index (want, gint64, n + 2) : 0);
        }
    }
}

/* Explicit sorts ------------------------------------------------------------------------- */

static void
test_sort (Shop          *shop,
           gconstpointer  data)
{
  static const struct { TdItemSortKey key; gboolean descending; const char *order; } sorts[] = {
    { TD_ITEM_SORT_PRICE, FALSE, "price, id" },
    { TD_ITEM_SORT_PRICE, TRUE, "price DESC, id DESC" },
    { TD_ITEM_SORT_TITLE, FALSE, "title COLLATE NOCASE, id" },
    { TD_ITEM_SORT_BRAND, TRUE, "brand COLLATE NOCASE DESC, id DESC" },
    { TD_ITEM_SORT_SKU, FALSE, "sku, id" },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint t = 0; t < 3; t++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(TdItemQuery) query = NULL;
        g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) scanned = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(TdSearchQuery) parsed = td_search_query_parse (texts[t]);
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt = NULL;
        guint count = 0;

        sql = g_strdup_printf ("SELECT id FROM item WHERE %s ORDER BY %s",
                               parsed->match ? "id IN (SELECT rowid FROM item_fts WHERE "
                                               "item_fts MATCH ?1)" : "1", sorts[s].order);
        g_assert_cmpint (sqlite3_prepare_v2 (shop->handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
        if (parsed->match)
          sqlite3_bind_text (stmt, 1, parsed->match, -1, SQLITE_STATIC);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_array_append_vals (want, (gint64[]) { sqlite3_column_int64 (stmt, 0) }, 1);
        sqlite3_finalize (stmt);

        query = td_store_items_query_new (shop->db, texts[t], NULL, sorts[s].key,
                                          sorts[s].descending, &error);
        g_assert_no_error (error);
        g_assert_false (td_item_query_is_keyset (query));
        for (guint offset = 0; ; offset += 250)
          {
            g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
            g_autoptr(GArray) ids = NULL;

            td_store_items_query_fetch_offset (shop->db, query, offset, 250, items, &error);
            g_assert_no_error (error);
            ids = ids_of (items);
            g_array_append_vals (got, ids->data, ids->len);
            if (items->len < 250)
              break;
          }
        assert_same_ids (got, want);
        td_store_items_query_scan (shop->db, query, 1, scanned, &count, NULL, &error);
        g_assert_no_error (error);
        assert_same_ids (scanned, want);
      }
}

/* The list model ------------------------------------------------------------------------- */

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
assert_list_matches (TdItemList *list,
                     GArray     *want,
                     guint       first,
                     guint       n)
{
  for (guint i = first; i < MIN (first + n, want->len); i++)
    {
      g_autoptr(TdItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (item);
      g_assert_cmpint (td_item_get_id (item), ==, g_array_index (want, gint64, i));
    }
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *n = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_item_list_count_finish (TD_ITEM_LIST (source), result, n, &error));
  g_assert_no_error (error);
}

static void
test_list (Shop          *shop,
           gconstpointer  data)
{
  g_autoptr(TdItemList) list = td_item_list_new (shop->db);
  GListModel *model = G_LIST_MODEL (list);
  Changes changes = { 0 };
  TdItemFilter none;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) dress = NULL;
  static const char * const broad_words[] = { "s", "b", "c", "m", "t", "p", "e", "a" };
  const char *word = NULL;
  g_autofree char *word_typed_differently = NULL;
  guint fetches, exact = 0;

  td_item_filter_init (&none);
  all = expected_ids (shop, "", &none);
  /* Words with more than two pages of matches, and fewer than the cap. */
  for (guint c = 0; c < G_N_ELEMENTS (broad_words) && dress == NULL; c++)
    {
      g_autoptr(GArray) ids = expected_ids (shop, broad_words[c], &none);

      if (ids->len > 2 * TD_ITEM_LIST_PAGE_SIZE && ids->len <= TD_ITEM_QUERY_COUNT_CAP)
        {
          dress = g_steal_pointer (&ids);
          word = broad_words[c];
        }
    }
  g_assert_nonnull (dress);
  g_assert_cmpuint (all->len, >, 1001);
  g_assert_cmpuint (dress->len, >, 2 * TD_ITEM_LIST_PAGE_SIZE);
  g_assert_cmpuint (dress->len, <=, TD_ITEM_QUERY_COUNT_CAP);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* The whole shop: counted up to the cap, nothing read until asked. */
  g_assert_true (g_list_model_get_item_type (model) == TD_TYPE_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, TD_ITEM_QUERY_COUNT_CAP + 1);
  g_assert_false (td_item_list_get_count_exact (list));
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, 0);

  /* One screen is one page; the same rows again read nothing. */
  assert_list_matches (list, all, 0, 50);
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, 1);
  assert_list_matches (list, all, 0, 100);
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, 1);
  assert_list_matches (list, all, 100, 1);
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, 2);
  /* A jump reads the page it lands on, nothing in between. */
  assert_list_matches (list, all, 750, 20);
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, 3);
  g_assert_null (g_list_model_get_item (model, TD_ITEM_QUERY_COUNT_CAP + 1));

  /* A new search: one items-changed, replacing everything. */
  td_item_list_set_search (list, word);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, TD_ITEM_QUERY_COUNT_CAP + 1);
  g_assert_cmpuint (changes.added, ==, dress->len);
  g_assert_true (td_item_list_get_count_exact (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, dress->len);
  fetches = td_item_list_get_page_fetches (list);
  assert_list_matches (list, dress, 0, dress->len);
  g_assert_cmpuint (td_item_list_get_page_fetches (list) - fetches, ==,
                    (dress->len + TD_ITEM_LIST_PAGE_SIZE - 1) / TD_ITEM_LIST_PAGE_SIZE);

  /* The same words typed differently read nothing and change nothing. */
  fetches = td_item_list_get_page_fetches (list);
  word_typed_differently = g_strdup_printf (" %c ", g_ascii_toupper (word[0]));
  td_item_list_set_search (list, word_typed_differently);
  g_assert_cmpuint (changes.calls, ==, 1);
  assert_list_matches (list, dress, dress->len - 10, 10);
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, fetches);

  /* Least recently used pages go: after ten other pages, page 0 is read again. */
  td_item_list_set_search (list, "");
  g_assert_cmpuint (changes.calls, ==, 2);
  for (guint p = 0; p < 10; p++)
    assert_list_matches (list, all, p * TD_ITEM_LIST_PAGE_SIZE, 1);
  fetches = td_item_list_get_page_fetches (list);
  assert_list_matches (list, all, 0, 1);
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, fetches + 1);

  /* The exact count comes from a worker: the rows past the cap are added, and every page is
   * a keyset read from then on. */
  td_item_list_count_async (list, NULL, count_done_cb, &exact);
  while (exact == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (exact, ==, all->len);
  g_assert_true (td_item_list_get_count_exact (list));
  g_assert_cmpuint (changes.calls, ==, 3);
  g_assert_cmpuint (changes.position, ==, TD_ITEM_QUERY_COUNT_CAP + 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, all->len - TD_ITEM_QUERY_COUNT_CAP - 1);
  fetches = td_item_list_get_page_fetches (list);
  assert_list_matches (list, all, all->len - 5, 5);
  assert_list_matches (list, all, 1234, 3);
  g_assert_cmpuint (td_item_list_get_page_fetches (list), ==, fetches + 2);

  /* A filter is a new query too. */
  {
    TdItemFilter held;
    g_autoptr(GArray) want = NULL;

    td_item_filter_init (&held);
    held.status = TD_ITEM_STATUS_HELD;
    want = expected_ids (shop, "", &held);
    td_item_list_set_filter (list, &held);
    g_assert_cmpuint (changes.calls, ==, 4);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, want->len);
    assert_list_matches (list, want, 0, want->len);
  }
}

static void
test_list_sort (Shop          *shop,
                gconstpointer  data)
{
  g_autoptr(TdItemList) list = td_item_list_new (shop->db);
  GListModel *model = G_LIST_MODEL (list);
  Changes changes = { 0 };
  g_autoptr(GArray) by_price = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (shop->handle, "SELECT id FROM item ORDER BY price DESC, "
                                       "id DESC", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_array_append_vals (by_price, (gint64[]) { sqlite3_column_int64 (stmt, 0) }, 1);
  sqlite3_finalize (stmt);

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Past the cap the sort runs on a worker; the list shows the matches meanwhile. */
  td_item_list_set_sort (list, TD_ITEM_SORT_PRICE, TRUE);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_true (td_item_list_get_loading (list));
  {
    g_autoptr(GObject) first = g_list_model_get_item (model, 0);  /* a new reference */
    g_assert_nonnull (first);
  }
  while (td_item_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes.calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, by_price->len);
  g_assert_true (td_item_list_get_count_exact (list));
  assert_list_matches (list, by_price, 0, 120);
  assert_list_matches (list, by_price, by_price->len - 30, 30);

  /* Up to the cap it sorts right away, page by page. */
  {
    g_autoptr(TdSearchQuery) parsed = td_search_query_parse ("dress");
    g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_cmpint (sqlite3_prepare_v2 (shop->handle, "SELECT id FROM item WHERE id IN "
                                         "(SELECT rowid FROM item_fts WHERE item_fts MATCH ?) "
                                         "ORDER BY title COLLATE NOCASE, id", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, parsed->match, -1, SQLITE_STATIC);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_array_append_vals (want, (gint64[]) { sqlite3_column_int64 (stmt, 0) }, 1);
    sqlite3_finalize (stmt);

    td_item_list_set_query (list, "dress", NULL, TD_ITEM_SORT_TITLE, FALSE);
    g_assert_cmpuint (changes.calls, ==, 3);
    g_assert_false (td_item_list_get_loading (list));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, want->len);
    assert_list_matches (list, want, 0, want->len);
  }

  /* A query changed while a worker runs: its late answer is dropped. */
  td_item_list_set_query (list, "", NULL, TD_ITEM_SORT_PRICE, FALSE);
  g_assert_true (td_item_list_get_loading (list));
  td_item_list_set_query (list, "dress", NULL, TD_ITEM_SORT_INTAKE, TRUE);
  g_assert_false (td_item_list_get_loading (list));
  for (guint k = 0; k < 50; k++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes.calls, ==, 5);
  g_assert_false (td_item_list_get_loading (list));
}

/* Rows that leave the shop after the count: the view still gets an item at each position
 * below n-items (an empty one), never NULL, until the list is reloaded. */
static void
test_list_vanished (Shop          *shop,
                    gconstpointer  data)
{
  g_autoptr(TdItemList) list = td_item_list_new (shop->db);
  GListModel *model = G_LIST_MODEL (list);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM item WHERE id = %" G_GINT64_FORMAT,
                                          shop->tshirt);
  g_autoptr(TdItem) last = NULL;
  guint n;

  td_item_list_set_search (list, "zq99");
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 7);
  sql_exec (shop, sql);

  last = g_list_model_get_item (model, n - 1);
  g_assert_nonnull (last);
  g_assert_cmpint (td_item_get_id (last), ==, 0);
  g_assert_cmpstr (td_item_get_title (last), ==, "");

  td_item_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define SHOP_TEST(path, func) \
  g_test_add (path, Shop, NULL, shop_setup, func, shop_teardown)

  g_test_add_func ("/td/items-query/parse", test_parse);
  g_test_add_func ("/td/items-query/parse-bounds", test_parse_bounds);
  g_test_add_func ("/td/items-query/status", test_status);
  g_test_add_func ("/td/items-query/age", test_age);
  SHOP_TEST ("/td/items-query/fuzz", test_fuzz);
  SHOP_TEST ("/td/items-query/item-properties", test_item_properties);
  SHOP_TEST ("/td/items-query/forgiving", test_forgiving);
  SHOP_TEST ("/td/items-query/codes", test_codes);
  SHOP_TEST ("/td/items-query/pages", test_pages);
  SHOP_TEST ("/td/items-query/oldest-first", test_oldest_first);
  SHOP_TEST ("/td/items-query/filters", test_filters);
  SHOP_TEST ("/td/items-query/skip", test_skip);
  SHOP_TEST ("/td/items-query/sort", test_sort);
  SHOP_TEST ("/td/items-query/list", test_list);
  SHOP_TEST ("/td/items-query/list-sort", test_list_sort);
  SHOP_TEST ("/td/items-query/list-vanished", test_list_vanished);

  return g_test_run ();
}
