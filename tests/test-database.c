/* test-database.c — opening, refusing, migrating and writing the shop file.
 *
 * Every case uses a real SQLite file in a fresh temp dir.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "td-database-private.h"
#include "td-store-private.h"
#include "td-test.h"

#define NOBODY 65534

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = read_file (path);

  g_assert_true (g_bytes_equal (before, after));
}

static void
create_shop (const char *path,
             int         version)
{
  TdDatabaseOpenOptions options = { .target_version = version };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open_with_options (path, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (td_database_get_schema_version (db), ==,
                   version ? version : td_database_latest_schema_version ());
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  g_autofree char *journal = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *shop_id = NULL;
  sqlite3 *handle;

  g_assert_no_error (error);
  g_assert_true (td_database_was_created (db));
  g_assert_cmpint (td_database_get_schema_version (db), ==, td_database_latest_schema_version ());
  g_assert_cmpstr (td_database_get_path (db), ==, f->path);

  handle = td_database_get_handle (db);
  journal = query_text (handle, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (handle, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (handle, "PRAGMA synchronous"), ==, 2); /* FULL */
  g_assert_cmpint (query_int (handle, "PRAGMA application_id"), ==, TD_DATABASE_APPLICATION_ID);
  g_assert_cmpint (query_int (handle, "PRAGMA user_version"), ==,
                   td_database_latest_schema_version ());

  /* The whole shop model is there. */
  {
    static const char *tables[] = {
      "setting", "staff", "consignor", "category", "grade", "grade_marketplace", "intake",
      "item", "item_code", "item_fts", "photo", "markdown_rule", "shop_closure", "promotion",
      "marketplace_account", "sale", "sale_line", "payment", "refund", "refund_line",
      "gift_card", "gift_card_movement", "payout", "ledger", "till_session", "till_movement",
      "audit", "listing", "sync_job", "sync_cursor",
    };

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema "
                                                "WHERE type = 'table' AND name = '%s'", tables[i]);
        g_assert_cmpint (query_int (handle, sql), ==, 1);
      }
  }

  /* Seeded defaults. */
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM grade"), ==, 7);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM grade_marketplace "
                                      "WHERE marketplace = 'ebay'"), ==, 7);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM category"), >=, 10);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM category "
                                      "WHERE parent_id IS NOT NULL"), ==, 3);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM category "
                                      "WHERE json_array_length (defects) = 0"), ==, 0);
  currency = td_store_settings_dup (db, TD_SETTING_SHOP_CURRENCY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (strlen (currency), ==, 3);
  shop_id = td_store_settings_dup (db, TD_SETTING_SHOP_ID, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (shop_id));
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;

  db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  first_id = td_store_settings_dup (db, TD_SETTING_SHOP_ID, &error);
  g_clear_object (&db);

  db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (td_database_was_created (db));
  second_id = td_store_settings_dup (db, TD_SETTING_SHOP_ID, &error);
  g_assert_cmpstr (first_id, ==, second_id);
  g_assert_cmpint (query_int (td_database_get_handle (db), "SELECT count(*) FROM grade"), ==, 7);
}

static void
test_empty_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;

  /* `touch shop.db` is an empty SQLite database: it becomes a new shop. */
  g_file_set_contents (f->path, "", 0, &error);
  g_assert_no_error (error);

  db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (td_database_was_created (db));
}

/* A shop created in another language seeds its labels in that language — and valid JSON:
 * the defect checklists once went through g_strescape(), which wrote every Chinese character
 * as octal escapes and made json_valid() refuse the first category. Runs in a subprocess so
 * the language does not leak into the other tests. */
static void
test_create_translated (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autofree char *localedir = NULL;
  g_autofree char *clothing = NULL;
  g_autofree char *stain = NULL;
  sqlite3 *handle;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* LANGUAGE is ignored in the C locale; C.UTF-8 is not "C" and needs no generated locale. */
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  localedir = td_test_build_path ("../po");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  handle = td_database_get_handle (db);
  clothing = query_text (handle, "SELECT name FROM category WHERE code = 'clothing'");
  g_assert_cmpstr (clothing, ==, g_dgettext (GETTEXT_PACKAGE, "Clothing"));
  g_assert_cmpstr (clothing, !=, "Clothing");   /* the translation was found */
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM category "
                                      "WHERE NOT json_valid (defects)"), ==, 0);
  stain = query_text (handle, "SELECT defects ->> 0 FROM category WHERE code = 'clothing'");
  g_assert_cmpstr (stain, ==, g_dgettext (GETTEXT_PACKAGE, "Stain"));
}

/* Each earlier version, with records written at that version, migrates to the latest
 * without losing them, and what the later migrations add works on the old rows. */
static void
test_migrate_from_every_version (Fixture       *f,
                                 gconstpointer  data)
{
  for (int v = 1; v < td_database_latest_schema_version (); v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/shop-v%d.db", f->dir, v);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdDatabase) db = NULL;
      sqlite3 *raw = NULL;
      sqlite3 *handle;
      g_autofree char *check = NULL;

      create_shop (path, v);

      g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
      g_assert_cmpint (query_int (raw, "PRAGMA user_version"), ==, v);
      exec_ok (raw,
               "INSERT INTO consignor (code, name, created_at) VALUES ('AB12', 'Ada Byron', 1);"
               "INSERT INTO item (sku, consignor_id, title, price, search_text, intake_at, updated_at)"
               " VALUES ('AB12-0001', 1, 'Levi''s 501 jeans', 2500, 'levis levi s 501 jeans ab12 0001', 1, 1);"
               "INSERT INTO staff (name, role, pin_hash, created_at) VALUES ('Olive', 'owner', '$argon2id$x', 1);");
      sqlite3_close (raw);

      db = td_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_false (td_database_was_created (db));
      g_assert_cmpint (td_database_get_schema_version (db), ==,
                       td_database_latest_schema_version ());

      handle = td_database_get_handle (db);
      g_assert_cmpint (query_int (handle, "SELECT price FROM item WHERE sku = 'AB12-0001'"), ==, 2500);
      g_assert_cmpint (query_int (handle, "SELECT count(*) FROM grade"), ==, 7);
      /* Version 7 gave staff PIN counters, starting clear. */
      g_assert_cmpint (query_int (handle, "SELECT count(*) FROM staff WHERE name = 'Olive' AND "
                                          "failed_pins = 0 AND lockouts = 0 AND locked_until = 0"),
                       ==, 1);
      /* Version 2 indexed items that version 1 wrote. */
      g_assert_cmpint (query_int (handle, "SELECT count(*) FROM item_fts "
                                          "WHERE item_fts MATCH '\"levis\"*'"), ==, 1);
      check = query_text (handle, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      g_assert_cmpint (query_int (handle, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
    }
}

static void
assert_refused (const char      *path,
                TdDatabaseError  code)
{
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  g_autofree char *name = g_path_get_basename (path);

  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, (int) code);
  /* The message names the file, so staff know which one. */
  g_assert_nonnull (strstr (error->message, name));
  assert_file_unchanged (path, before);
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                             td_database_latest_schema_version () + 1);
  sqlite3 *raw = NULL;

  create_shop (f->path, 0);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  exec_ok (raw, pragma);
  sqlite3_close (raw);

  assert_refused (f->path, TD_DATABASE_ERROR_TOO_NEW);
}

static void
test_refuse_garbage (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  char header[4096] = "SQLite format 3";

  for (int i = 0; i < 2000; i++)
    g_string_append_printf (text, "line %d of a shopping list, not a shop\n", i);
  g_file_set_contents (f->path, text->str, text->len, &error);
  g_assert_no_error (error);
  assert_refused (f->path, TD_DATABASE_ERROR_NOT_A_DATABASE);

  /* Right magic, rubbish after it. */
  memset (header + 16, 0x5a, sizeof header - 16);
  g_file_set_contents (f->path, header, sizeof header, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) before = read_file (f->path);
    g_autoptr(TdDatabase) db = td_database_open (f->path, &error);

    g_assert_null (db);
    g_assert_true (g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_A_DATABASE) ||
                   g_error_matches (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CORRUPT));
    assert_file_unchanged (f->path, before);
  }

  /* A tiny file too short to hold a header. */
  g_clear_error (&error);
  g_file_set_contents (f->path, "SQLite", 6, &error);
  g_assert_no_error (error);
  assert_refused (f->path, TD_DATABASE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_foreign_sqlite (Fixture       *f,
                            gconstpointer  data)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  exec_ok (raw, "CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('soup');");
  sqlite3_close (raw);

  assert_refused (f->path, TD_DATABASE_ERROR_NOT_A_SHOP);
}

static void
test_refuse_directory (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->dir, &error);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "shop.db", NULL);

  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CANT_OPEN);
  g_clear_error (&error);

  db = td_database_open (missing, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CANT_OPEN);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Root may write anywhere, so as root the checks run in a child that became "nobody". */
static void
drop_privileges_if_root (void)
{
  if (geteuid () != 0)
    return;
  if (setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    g_error ("Can’t drop privileges: %s", g_strerror (errno));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  /* The subprocess gets a fixture of its own: it works in the parent's folder. */
  const char *base = g_test_subprocess () ? g_getenv ("TD_TEST_READ_ONLY_BASE") : f->dir;
  g_autofree char *ro_dir = g_build_filename (base, "read-only", NULL);
  g_autofree char *existing = g_build_filename (ro_dir, "shop.db", NULL);
  g_autofree char *fresh = g_build_filename (ro_dir, "new-shop.db", NULL);
  g_autofree char *ro_file = g_build_filename (base, "locked-file.db", NULL);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdDatabase) db = NULL;

      drop_privileges_if_root ();

      /* A new shop in a folder nobody may write. */
      db = td_database_open (fresh, &error);
      g_assert_null (db);
      g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_READ_ONLY);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
      g_clear_error (&error);

      /* An existing shop whose folder became read-only: WAL needs to write beside it. */
      assert_refused (existing, TD_DATABASE_ERROR_READ_ONLY);

      /* A read-only shop file in a writable folder. */
      assert_refused (ro_file, TD_DATABASE_ERROR_READ_ONLY);
      return;
    }

  g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);
  create_shop (existing, 0);
  create_shop (ro_file, 0);
  g_assert_cmpint (g_chmod (ro_file, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (existing, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (ro_file, NOBODY, NOBODY), ==, 0);
    }
  g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);

  g_setenv ("TD_TEST_READ_ONLY_BASE", f->dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_chmod (ro_dir, 0755);
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  TdDatabaseOpenOptions options = { .busy_timeout_ms = 200 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GBytes) before = NULL;
  sqlite3 *other = NULL;

  /* An old shop that needs migrating, while another program holds the write lock. */
  create_shop (f->path, 1);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  exec_ok (other, "BEGIN EXCLUSIVE");
  before = read_file (f->path);

  db = td_database_open_with_options (f->path, &options, &error);
  g_assert_null (db);
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another program"));
  assert_file_unchanged (f->path, before);
  g_clear_error (&error);

  exec_ok (other, "ROLLBACK");
  sqlite3_close (other);

  db = td_database_open_with_options (f->path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (td_database_get_schema_version (db), ==, td_database_latest_schema_version ());
}

static gboolean
insert_then_fail (TdDatabase  *db,
                  gpointer     user_data,
                  GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO consignor (code, name, created_at) VALUES (?, 'Somebody', 1)", error);

  sqlite3_bind_text (stmt, 1, user_data, -1, SQLITE_STATIC);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the power went out");
  return FALSE;
}

static gboolean
insert_consignor (TdDatabase  *db,
                  gpointer     user_data,
                  GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO consignor (code, name, created_at) VALUES (?, 'Somebody', 1)", error);

  sqlite3_bind_text (stmt, 1, user_data, -1, SQLITE_STATIC);
  return td_database_step_done (db, stmt, error);
}

static void
test_transaction (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  sqlite3 *handle = td_database_get_handle (db);

  g_assert_no_error (error);

  /* A failure after a write rolls the write back. */
  g_assert_false (td_database_transaction (db, insert_then_fail, (gpointer) "ZZ01", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM consignor"), ==, 0);
  g_assert_true (sqlite3_get_autocommit (handle));

  g_assert_true (td_database_transaction (db, insert_consignor, (gpointer) "ZZ01", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM consignor"), ==, 1);

  /* Codes are unique whatever their case: a constraint, told in plain words. */
  g_assert_false (td_database_transaction (db, insert_consignor, (gpointer) "zz01", &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM consignor"), ==, 1);

  /* The statement cache hands back the same prepared statement. */
  g_assert_true (td_database_prepare (db, "SELECT 1", NULL) == td_database_prepare (db, "SELECT 1", NULL));
}

/* The log names the code that was passed, not whatever the connection last saw: a fresh
 * connection's last error is "not an error", which once made the log say exactly that. */
static void
test_error_log (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);

  g_assert_no_error (error);
  g_test_expect_message ("td-database", G_LOG_LEVEL_MESSAGE,
                         "SQLite error 2067 (constraint failed) while testing on *shop.db");
  g_assert_false (td_database_set_error (db, SQLITE_CONSTRAINT_UNIQUE, "testing", &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* When the connection's last error is the one passed, its detail is added. */
  g_assert_cmpint (sqlite3_exec (td_database_get_handle (db), "SELECT * FROM no_such_table",
                                 NULL, NULL, NULL), ==, SQLITE_ERROR);
  g_test_expect_message ("td-database", G_LOG_LEVEL_MESSAGE,
                         "SQLite error 1 (SQL logic error: no such table: no_such_table) "
                         "while testing on *");
  g_assert_false (td_database_set_error (db, SQLITE_ERROR, "testing", &error));
  g_test_assert_expected_messages ();
}

typedef struct
{
  int rows;
} FillData;

static gboolean
fill_many (TdDatabase  *db,
           gpointer     user_data,
           GError     **error)
{
  FillData *fill = user_data;

  for (int i = 0; i < 100000; i++)
    {
      g_autoptr(TdStmt) stmt = td_database_prepare (db,
        "INSERT INTO audit (at, action, detail) VALUES (?, 'test.fill', json_object ('pad', ?))",
        error);

      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, "a long enough note to fill pages quickly, again and again", -1,
                         SQLITE_STATIC);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
      fill->rows++;
    }
  return TRUE;
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  sqlite3 *handle = td_database_get_handle (db);
  gint64 audit_before;
  gint64 pages;
  FillData fill = { 0 };
  g_autofree char *cap = NULL;

  g_assert_no_error (error);
  audit_before = query_int (handle, "SELECT count(*) FROM audit");
  pages = query_int (handle, "PRAGMA page_count");

  /* SQLite's own page cap stands in for a full disk: the same SQLITE_FULL. */
  cap = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 20);
  exec_ok (handle, cap);

  g_assert_false (td_database_transaction (db, fill_many, &fill, &error));
  g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_DISK_FULL);
  g_assert_cmpint (fill.rows, >, 0);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM audit"), ==, audit_before);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  sqlite3 *handle = td_database_get_handle (db);

  g_assert_no_error (error);
  exec_ok (handle,
           "INSERT INTO consignor (code, name, created_at) VALUES ('AB12', 'Ada', 1);"
           "INSERT INTO ledger (consignor_id, kind, amount, created_at) VALUES (1, 'adjustment', 500, 1);"
           "INSERT INTO audit (at, action) VALUES (1, 'test');");

  g_assert_cmpint (sqlite3_exec (handle, "UPDATE ledger SET amount = 1", NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM ledger", NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE audit SET action = 'x'", NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM audit", NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (query_int (handle, "SELECT sum (amount) FROM ledger"), ==, 500);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  sqlite3 *handle = td_database_get_handle (db);
  g_autofree char *name = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *detail = NULL;
  gint64 audits;

  g_assert_no_error (error);
  audits = query_int (handle, "SELECT count(*) FROM audit");

  g_assert_true (td_store_settings_set (db, TD_SETTING_SHOP_NAME, "Second Chances", 42, &error));
  g_assert_no_error (error);
  name = td_store_settings_dup (db, TD_SETTING_SHOP_NAME, &error);
  g_assert_cmpstr (name, ==, "Second Chances");

  /* Each change is audited with what it was and what it became. */
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM audit"), ==, audits + 1);
  g_assert_cmpint (query_int (handle, "SELECT at FROM audit ORDER BY id DESC LIMIT 1"), ==, 42);
  detail = query_text (handle, "SELECT detail FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (detail, "\"new\":\"Second Chances\""));
  g_assert_nonnull (strstr (detail, "\"key\":\"shop.name\""));

  /* Saving the same value again changes nothing, so it audits nothing. */
  g_assert_true (td_store_settings_set (db, TD_SETTING_SHOP_NAME, "Second Chances", 43, &error));
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM audit"), ==, audits + 1);

  missing = td_store_settings_dup (db, "no.such.key", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_shop_summary (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  sqlite3 *handle = td_database_get_handle (db);
  TdShopSummary summary;
  gboolean empty = FALSE;

  g_assert_no_error (error);
  g_assert_true (td_store_shop_is_empty (db, &empty, &error));
  g_assert_true (empty);

  exec_ok (handle,
           "INSERT INTO consignor (code, name, created_at) VALUES ('AB12', 'Ada', 1);"
           "INSERT INTO item (sku, consignor_id, title, price, intake_at, updated_at)"
           " VALUES ('AB12-0001', 1, 'Lamp', 1500, 1, 1), ('AB12-0002', 1, 'Vase', 900, 2, 2);"
           "UPDATE item SET status = 'sold', sold_at = 10 WHERE sku = 'AB12-0002';"
           "INSERT INTO sale (receipt_no, created_at, sold_day, subtotal, total)"
           " VALUES (1, 10, 20261122, 900, 900);");

  g_assert_true (td_store_shop_is_empty (db, &empty, &error));
  g_assert_false (empty);
  g_assert_true (td_store_shop_load_summary (db, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.consignors, ==, 1);
  g_assert_cmpint (summary.items, ==, 2);
  g_assert_cmpint (summary.items_available, ==, 1);
  g_assert_cmpint (summary.sales, ==, 1);
  g_assert_cmpint (summary.last_sale_at, ==, 10);
}

/* The child of test_other_process(): another program reading the shop (the sqlite3 tool, a
 * backup or sync tool) prints how many rows `peek_test` has. */
static int
peek (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM peek_test", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_print ("%d\n", n);
  return n < 0;
}

static gint64
peek_in_other_process (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *out = NULL;
  char *argv[] = { self, (char *) "--peek", (char *) path, NULL };
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_ascii_strtoll (out, NULL, 10);
}

/* Another process that reads the shop while Thriftdesk has it open sees every committed write,
 * and leaves our WAL alone. Found by hand: opening a worker's connection (the inventory list,
 * a report) read the file's header with fopen()/fclose(), and closing any descriptor of a file
 * drops every POSIX lock the process holds on it — so the sqlite3 tool, finding no lock,
 * checkpointed and deleted the WAL the counter went on writing to, and read stale sales. */
static void
test_other_process (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
  g_autoptr(TdDatabase) worker = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_assert_no_error (error);
  g_assert_true (td_database_exec (db, "CREATE TABLE peek_test (x INTEGER);"
                                       "INSERT INTO peek_test VALUES (1)", &error));
  g_assert_no_error (error);

  /* a worker opens and closes its own connection, as the inventory list and reports do */
  worker = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&worker);

  g_assert_cmpint (peek_in_other_process (f->path), ==, 1);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (td_database_exec (db, "INSERT INTO peek_test VALUES (2)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (peek_in_other_process (f->path), ==, 2);
}

/* A background writer doing transaction after transaction, as the sync writer does during a
 * batch, until told to stop. */
typedef struct
{
  char         *path;
  gboolean      yielding;
  gint          stop;
  gint          commits;
} Hammer;

static gboolean
hammer_one (TdDatabase  *db,
            gpointer     user_data,
            GError     **error)
{
  return td_database_exec (db, "INSERT INTO setting (key, value) VALUES ('hammer', '1') "
                               "ON CONFLICT (key) DO UPDATE SET value = CAST (value + 1 AS TEXT)", error);
}

static gpointer
hammer_thread (gpointer data)
{
  Hammer *h = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (h->path, &error);

  g_assert_no_error (error);
  td_database_set_yielding (db, h->yielding);
  while (!g_atomic_int_get (&h->stop))
    {
      g_assert_true (td_database_transaction (db, hammer_one, NULL, &error));
      g_atomic_int_inc (&h->commits);
    }
  return NULL;
}

/* The counter's write is never starved by a background writer's back-to-back transactions:
 * 40 sales-sized writes on a connection with a 300 ms busy timeout all get through while the
 * yielding writer keeps committing (without yielding, SQLite hands the lock back to the
 * writer in nearly every gap and the counter gets SQLITE_BUSY). */
static void
test_yielding (Fixture       *f,
               gconstpointer  data)
{
  TdDatabaseOpenOptions options = { .busy_timeout_ms = 300 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open_with_options (f->path, &options, &error);
  Hammer h = { .path = f->path, .yielding = TRUE };
  GThread *thread;
  gint before;

  g_assert_no_error (error);
  thread = g_thread_new ("hammer", hammer_thread, &h);
  while (g_atomic_int_get (&h.commits) < 50)
    g_usleep (1000);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *code = g_strdup_printf ("Y%02d", i);

      g_assert_true (td_database_transaction (db, insert_consignor, code, &error));
      g_assert_no_error (error);
    }
  before = g_atomic_int_get (&h.commits);
  /* The writer still gets its turns. */
  while (g_atomic_int_get (&h.commits) < before + 50)
    g_usleep (1000);
  g_atomic_int_set (&h.stop, TRUE);
  g_thread_join (thread);
  g_assert_cmpint (query_int (td_database_get_handle (db),
                              "SELECT count(*) FROM consignor WHERE code LIKE 'Y%'"), ==, 40);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--peek"))
    return peek (argv[2]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/database/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("create", test_create);
  ADD ("reopen", test_reopen);
  ADD ("empty-file", test_empty_file);
  ADD ("create-translated", test_create_translated);
  ADD ("migrate-from-every-version", test_migrate_from_every_version);
  ADD ("refuse/newer-version", test_refuse_newer);
  ADD ("refuse/garbage", test_refuse_garbage);
  ADD ("refuse/foreign-sqlite", test_refuse_foreign_sqlite);
  ADD ("refuse/directory", test_refuse_directory);
  ADD ("refuse/read-only", test_read_only);
  ADD ("refuse/busy", test_busy);
  ADD ("other-process", test_other_process);
  ADD ("transaction", test_transaction);
  ADD ("yielding", test_yielding);
  ADD ("error-log", test_error_log);
  ADD ("disk-full", test_disk_full);
  ADD ("append-only", test_append_only);
  ADD ("store/settings", test_settings);
  ADD ("store/shop-summary", test_shop_summary);

#undef ADD

  return g_test_run ();
}
