/* test-search-text.c — the normalised search string, and that FTS5 finds items the way
 * people type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-database-private.h"
#include "td-search-text.h"
#include "td-test.h"

static char *
build (const char *first,
       ...)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  const char *field;
  va_list args;

  va_start (args, first);
  for (field = first; field != NULL; field = va_arg (args, const char *))
    g_ptr_array_add (fields, (gpointer) field);
  va_end (args);
  g_ptr_array_add (fields, NULL);

  return td_search_text_build ((const char * const *) fields->pdata);
}

static void
test_build (void)
{
  g_autofree char *levis = build ("Levi's 501 Jeans", "Levi’s", NULL);
  g_autofree char *tshirt = build ("T-Shirt, blue", NULL);
  g_autofree char *hm = build ("Dress", "H&M", "AB12-0042", NULL);
  g_autofree char *apc = build ("A.P.C. coat", NULL);
  g_autofree char *plain = build ("  Lamp   with  shade ", "", NULL);
  g_autofree char *empty = build (NULL);

  g_assert_cmpstr (levis, ==, "levis levi s 501 jeans levis levi s");
  g_assert_cmpstr (tshirt, ==, "tshirt t shirt blue");
  g_assert_cmpstr (hm, ==, "dress hm h m ab120042 ab12 0042");
  g_assert_cmpstr (apc, ==, "apc a p c coat");
  g_assert_cmpstr (plain, ==, "lamp with shade");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_build_unicode (void)
{
  g_autofree char *cafe = build ("Café au lait bowl", NULL);
  g_autofree char *upper = build ("ÉCHARPE EN SOIE", NULL);
  g_autofree char *chinese = build ("旗袍 红色", NULL);
  const char invalid[] = { 'o', 'k', (char) 0xff, 0 };
  g_autofree char *bad = build (invalid, "fine", NULL);

  g_assert_cmpstr (cafe, ==, "café au lait bowl");
  g_assert_cmpstr (upper, ==, "écharpe en soie");
  g_assert_cmpstr (chinese, ==, "旗袍 红色");
  /* Invalid UTF-8 (a bad import) is skipped, the rest still indexed. */
  g_assert_cmpstr (bad, ==, "fine");
}

static gint64
count_matches (sqlite3    *db,
               const char *query)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM item_fts WHERE item_fts MATCH ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
insert_item (sqlite3    *db,
             const char *sku,
             const char *title,
             const char *brand)
{
  const char *fields[] = { title, brand, sku, NULL };
  g_autofree char *text = td_search_text_build (fields);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO item (sku, title, brand, price, search_text,"
                                       " intake_at, updated_at, acquisition)"
                                       " VALUES (?, ?, ?, 500, ?, 1, 1, 'donated')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, brand, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* End to end: the string as built, indexed by the shop's real FTS5 table. */
static void
test_fts (void)
{
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) database = td_database_open (path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = td_database_get_handle (database);

  insert_item (db, "S-000001", "501 jeans, stonewash", "Levi's");
  insert_item (db, "S-000002", "T-Shirt with print", "H&M");
  insert_item (db, "S-000003", "Café au lait bowl", "");
  insert_item (db, "S-000004", "Écharpe en soie", "Hermès");

  g_assert_cmpint (count_matches (db, "\"levis\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"levi\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"tshirt\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"shirt\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"hm\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"cafe\"*"), ==, 1);      /* accents optional */
  g_assert_cmpint (count_matches (db, "\"hermes\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"echarpe\"* \"soie\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"s\"* \"000002\"*"), ==, 1);
  g_assert_cmpint (count_matches (db, "\"jeans\"* \"bowl\"*"), ==, 0);

  /* Changing search_text re-indexes; changing anything else doesn't need to. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE item SET search_text = 'wool blanket' "
                                     "WHERE sku = 'S-000003'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_matches (db, "\"cafe\"*"), ==, 0);
  g_assert_cmpint (count_matches (db, "\"blanket\"*"), ==, 1);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM item WHERE sku = 'S-000003'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (count_matches (db, "\"blanket\"*"), ==, 0);

  g_clear_object (&database);
  td_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/search-text/build", test_build);
  g_test_add_func ("/td/search-text/unicode", test_build_unicode);
  g_test_add_func ("/td/search-text/fts", test_fts);

  return g_test_run ();
}
