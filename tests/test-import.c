/* test-import.c — CSV import of consignors and items, and the full CSV export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-csv.h"
#include "td-database-private.h"
#include "td-import.h"
#include "td-test.h"

typedef struct
{
  char       *dir;
  TdDatabase *db;
} Fixture;

static TdDatabase *
open_shop (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  TdDatabase *db = td_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = td_test_make_tmpdir ();
  f->db = open_shop (f->dir, "shop.db");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
}

static gint64
query_int (TdDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (TdDatabase *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static guint
import_ok (TdDatabase   *db,
           TdImportKind  kind,
           const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImportPlan) plan = td_import_prepare (db, kind, text, strlen (text), &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < td_import_plan_get_n_problems (plan); i++)
    g_test_message ("row %u, %s: %s", td_import_plan_get_problem (plan, i)->row,
                    td_import_plan_get_problem (plan, i)->column,
                    td_import_plan_get_problem (plan, i)->message);
  g_assert_cmpuint (td_import_plan_get_n_problems (plan), ==, 0);
  td_import_commit (db, plan, 0, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC, &n, &error);
  g_assert_no_error (error);
  return n;
}

/* Headers as another consignment program exports them: mapped, amounts like 12.50. */
static void
test_other_program (Fixture       *f,
                    gconstpointer  data)
{
  const char *consignors =
    "\xEF\xBB\xBF" "Account Number,First Name,Last Name,Email Address,Phone Number,Split %,Notes\r\n"
    "A100,Ada,Lovelace,ada@example.org,555-0100,40,\"Prefers \"\"cash\"\"\"\r\n"
    "A101,Grace,Hopper,,,55.5,\"Two\nlines\"\r\n";
  const char *items =
    "Item #,Name,Retail Price,Consignor,Brand,Color,Qty,Condition,Some Column We Ignore\n"
    "T-1,Wool coat,49.99,A100,Harris,grey,1,,x\n"
    "T-2,Lamp,12,,,,2,,y\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImportPlan) plan = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *mapping = NULL;

  g_assert_cmpuint (import_ok (f->db, TD_IMPORT_CONSIGNORS, consignors), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT share_bp FROM consignor WHERE code = 'A101'"), ==,
                   5550);
  notes = query_text (f->db, "SELECT name || '|' || notes FROM consignor WHERE code = 'A100'");
  g_assert_cmpstr (notes, ==, "Ada Lovelace|Prefers \"cash\"");

  plan = td_import_prepare (f->db, TD_IMPORT_ITEMS, items, strlen (items), &error);
  g_assert_no_error (error);
  mapping = td_import_plan_dup_mapping (plan);
  g_assert_nonnull (strstr (mapping, "Retail Price → price"));
  g_assert_nonnull (strstr (mapping, "Some Column We Ignore (left out)"));
  g_clear_pointer (&plan, td_import_plan_free);

  g_assert_cmpuint (import_ok (f->db, TD_IMPORT_ITEMS, items), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT price FROM item WHERE sku = 'T-1'"), ==, 4999);
  g_assert_cmpint (query_int (f->db, "SELECT share_bp FROM item WHERE sku = 'T-1'"), ==, 4000);
  g_assert_cmpint (query_int (f->db, "SELECT price FROM item WHERE sku = 'T-2'"), ==, 1200);
  g_assert_cmpint (query_int (f->db, "SELECT consignor_id IS NULL AND acquisition = 'bought' "
                                     "FROM item WHERE sku = 'T-2'"), ==, 1);
  /* Found by the search like any item taken in at the counter. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM item_fts WHERE item_fts MATCH 'wool'"),
                   ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'import.csv'"),
                   ==, 2);
}

/* Bad rows are reported with their row and column; nothing at all is written. */
static void
test_malformed_rows (Fixture       *f,
                     gconstpointer  data)
{
  const char *items =
    "sku,title,price,consignor_code,quantity\r\n"
    "S1,Good row,10.00,,1\r\n"
    "S2,,10.00,,1\r\n"                         /* row 3: no title */
    "S3,\"Multi\nline title\",ten,,1\r\n"     /* row 4: price not money */
    "S4,Ghost's,5,NOBODY,1\r\n"               /* row 5: unknown consignor */
    "S1,Duplicate,5,,x\r\n";                  /* row 6: duplicate sku, bad quantity */
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImportPlan) plan = td_import_prepare (f->db, TD_IMPORT_ITEMS, items, strlen (items),
                                                    &error);
  struct { guint row; const char *column; } expected[] = {
    { 3, "title" }, { 4, "price" }, { 5, "consignor_code" }, { 6, "quantity" }, { 6, "sku" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (td_import_plan_get_n_records (plan), ==, 5);
  g_assert_cmpuint (td_import_plan_get_n_problems (plan), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const TdImportProblem *p = td_import_plan_get_problem (plan, i);

      g_test_message ("row %u, %s: %s", p->row, p->column, p->message);
      g_assert_cmpuint (p->row, ==, expected[i].row);
      g_assert_cmpstr (p->column, ==, expected[i].column);
    }
  g_assert_false (td_import_commit (f->db, plan, 0, 1, NULL, &error));
  g_assert_error (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_INVALID_ROWS);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM item"), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&plan, td_import_plan_free);

  /* Unreadable CSV: the reader's row and column. */
  plan = td_import_prepare (f->db, TD_IMPORT_ITEMS, "sku,title,price\nA,\"open\n", 21, &error);
  g_assert_null (plan);
  g_assert_error (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "Row 2, column 2"));
  g_clear_error (&error);

  /* No column we know. */
  plan = td_import_prepare (f->db, TD_IMPORT_ITEMS, "what,ever\n1,2\n", 14, &error);
  g_assert_error (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_NO_COLUMNS);
}

/* A commit that fails half-way (a rule the checks don't know) rolls everything back. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  /* "[broken" passes the checks (a list) but not the table's json_valid() CHECK. */
  const char *items = "id,sku,title,price,defects\n1,I1,One,100,[]\n2,I2,Two,100,[broken\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImportPlan) plan = td_import_prepare (f->db, TD_IMPORT_ITEMS, items,
                                                    strlen (items), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (td_import_plan_get_n_problems (plan), ==, 0);
  g_assert_false (td_import_commit (f->db, plan, 0, 1, NULL, &error));
  g_assert_error (error, TD_IMPORT_ERROR, TD_IMPORT_ERROR_INVALID_ROWS);
  g_assert_true (g_str_has_prefix (error->message, "Row 3: "));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM item"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'import.csv'"),
                   ==, 0);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

#define CONSIGNOR_COLUMNS "code, name, phone, email, address, notes, share_bp, period_days, " \
                          "expiry_action, min_payout, payout_method, active, created_at"
#define ITEM_COLUMNS "sku, (SELECT code FROM consignor c WHERE c.id = consignor_id), " \
                     "acquisition, title, description, (SELECT code FROM category c WHERE " \
                     "c.id = category_id), brand, size, colour, material, (SELECT code FROM " \
                     "grade g WHERE g.id = grade_id), defects, price, min_price, cost, share_bp, " \
                     "quantity, status, tag_colour, vintage_year, search_text, intake_at, " \
                     "expires_at, sold_at"

static char *
dump (TdDatabase *db,
      const char *sql)
{
  g_autofree char *q = g_strdup_printf ("SELECT group_concat (quote (r), ';') FROM (SELECT "
                                        "json_array (%s) AS r FROM %s)", sql,
                                        strstr (sql, "sku") == sql ? "item ORDER BY sku"
                                                                   : "consignor ORDER BY code");
  return query_text (db, q);
}

/* Export a shop, import its consignor.csv and item.csv into a new shop: the same records. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  const char *consignors =
    "code,name,phone,notes,share_percent,period_days,expiry_action,min_payout,payout_method,active\n"
    "K1,\"Kim, \"\"K\"\" Lee\",+1 555,\"line\r\nbreak\",45,30,donate,20.00,cheque,yes\n"
    "K2,Ünal Çelik,,,,,,,,no\n";
  const char *items =
    "sku,title,price,consignor_code,description,category_code,grade_code,brand,min_price,cost,quantity\n"
    "R1,Silk scarf,19.50,K1,\"Hand-rolled, \"\"vintage\"\"\",,,Hermès,10,,1\n"
    "R2,Crate of books,3,,\"a\nb\",,,,,1.25,4\n";
  g_autofree char *out = g_build_filename (f->dir, "export", NULL);
  g_autoptr(TdDatabase) other = open_shop (f->dir, "other.db");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *c_text = NULL;
  g_autofree char *i_text = NULL;
  g_autofree char *a1 = NULL, *a2 = NULL, *b1 = NULL, *b2 = NULL;

  g_assert_cmpuint (import_ok (f->db, TD_IMPORT_CONSIGNORS, consignors), ==, 2);
  g_assert_cmpuint (import_ok (f->db, TD_IMPORT_ITEMS, items), ==, 2);
  {
    /* A category and grade by their stable codes, so the join columns carry. */
    g_autoptr(GError) e = NULL;
    td_database_exec (f->db, "UPDATE item SET category_id = (SELECT id FROM category "
                             "WHERE code IS NOT NULL ORDER BY id LIMIT 1), grade_id = (SELECT "
                             "id FROM grade ORDER BY id LIMIT 1) WHERE sku = 'R1'", &e);
    g_assert_no_error (e);
  }

  files = td_export_shop (f->db, out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), >=, 10);
  c_text = read_file (out, "consignor.csv");
  i_text = read_file (out, "item.csv");
  /* A UTF-8 byte-order mark first (LibreOffice then reads UTF-8); the import skips it. */
  g_assert_true (g_str_has_prefix (c_text, TD_CSV_BOM "id,code,name,"));
  g_assert_true (g_str_has_prefix (i_text, TD_CSV_BOM "id,"));

  g_assert_cmpuint (import_ok (other, TD_IMPORT_CONSIGNORS, c_text), ==, 2);
  g_assert_cmpuint (import_ok (other, TD_IMPORT_ITEMS, i_text), ==, 2);

  a1 = dump (f->db, CONSIGNOR_COLUMNS);
  b1 = dump (other, CONSIGNOR_COLUMNS);
  g_assert_cmpstr (a1, ==, b1);
  a2 = dump (f->db, ITEM_COLUMNS);
  b2 = dump (other, ITEM_COLUMNS);
  g_assert_cmpstr (a2, ==, b2);
  g_assert_nonnull (strstr (a2, "Hermès"));
}

/* A field of a megabyte is refused with its row and column, not stored. */
static void
test_huge_field (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("sku,title,price\nH1,\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(TdImportPlan) plan = NULL;

  for (int i = 0; i < 1024 * 1024; i++)
    g_string_append_c (text, i % 100 == 0 ? '\n' : 'z');
  g_string_append (text, "\",5\n");
  plan = td_import_prepare (f->db, TD_IMPORT_ITEMS, text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_import_plan_get_n_problems (plan), ==, 1);
  g_assert_cmpuint (td_import_plan_get_problem (plan, 0)->row, ==, 2);
  g_assert_cmpstr (td_import_plan_get_problem (plan, 0)->column, ==, "title");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/import/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("other-program", test_other_program);
  ADD ("malformed-rows", test_malformed_rows);
  ADD ("all-or-nothing", test_all_or_nothing);
  ADD ("round-trip", test_round_trip);
  ADD ("huge-field", test_huge_field);

  return g_test_run ();
}
