/* test-backup.c — online backups, their rotation, and restoring (or refusing) a file.
 *
 * Real SQLite files in a fresh temp dir; a second connection on another thread writes
 * while the backup runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-backup-private.h"
#include "td-database-private.h"
#include "td-permission.h"
#include "td-store-staff.h"
#include "td-test.h"

typedef struct
{
  char *dir;
  char *path;
  char *folder;
  gint64 owner, cashier;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->folder = g_build_filename (f->dir, "backups", NULL);
  db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (td_store_staff_create_owner (db, "Olive Owner", "1111", 1, &f->owner, &error));
  g_assert_true (td_store_staff_create (db, f->owner, "Cass Cashier", TD_ROLE_CASHIER, "3333",
                                        1, &f->cashier, &error));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->folder);
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

static gint64
count_in (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  n = query_int (db, sql);
  sqlite3_close (db);
  return n;
}

static void
add_consignor (const char *path,
               const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO consignor (code, name, created_at) "
                                          "VALUES ('%s', 'Name %s', 1)", code, code);

  g_assert_no_error (error);
  td_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

static GDateTime *
local (int y, int m, int d, int h)
{
  return g_date_time_new_local (y, m, d, h, 0, 0);
}

/* Daily backups for 400 days, plus a few extra on some days: the rotation keeps the
 * newest of each of the last 7 days, of the last 4 weeks and of the last 12 months. */
static void
test_rotation (void)
{
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GDateTime) start = local (2025, 1, 1, 9);
  g_autofree gboolean *keep = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_kept = 0;

  for (int day = 0; day < 400; day++)
    g_ptr_array_add (times, g_date_time_add_days (start, day));
  /* A second backup at 17:00 on the last day: it, not the 09:00 one, is that day's newest. */
  g_ptr_array_add (times, g_date_time_add_hours (times->pdata[399], 8));
  /* Shuffle the order: the function may not rely on it. */
  for (guint i = 0; i < times->len; i += 2)
    {
      gpointer t = times->pdata[i];
      times->pdata[i] = times->pdata[times->len - 1 - i];
      times->pdata[times->len - 1 - i] = t;
    }

  keep = td_backup_rotation_keep ((GDateTime * const *) times->pdata, times->len);
  for (guint i = 0; i < times->len; i++)
    if (keep[i])
      {
        n_kept++;
        g_hash_table_add (kept, g_date_time_format (times->pdata[i], "%Y-%m-%d %H"));
      }

  /* Day 399 is 2026-02-04 (a Wednesday). */
  g_assert_true (g_hash_table_contains (kept, "2026-02-04 17"));
  g_assert_false (g_hash_table_contains (kept, "2026-02-04 09"));
  for (int d = 29; d <= 31; d++)
    {
      g_autofree char *key = g_strdup_printf ("2026-01-%02d 09", d);
      g_assert_true (g_hash_table_contains (kept, key));
    }
  g_assert_true (g_hash_table_contains (kept, "2026-02-03 09"));
  g_assert_false (g_hash_table_contains (kept, "2026-01-28 09"));  /* 8 days back: not daily */
  /* Weekly: the newest of each of the 4 most recent ISO weeks (Feb 2–8, Jan 26–Feb 1,
   * Jan 19–25, Jan 12–18): Feb 4 and Feb 1 are daily already; Jan 25 and Jan 18 are added. */
  g_assert_true (g_hash_table_contains (kept, "2026-01-25 09"));
  g_assert_true (g_hash_table_contains (kept, "2026-01-18 09"));
  g_assert_false (g_hash_table_contains (kept, "2026-01-11 09"));  /* the 5th week */
  /* Monthly: the newest of each of the 12 most recent months, February 2026 back to March
   * 2025; February and January 2026 are daily already. */
  g_assert_true (g_hash_table_contains (kept, "2025-12-31 09"));
  g_assert_true (g_hash_table_contains (kept, "2025-03-31 09"));
  g_assert_false (g_hash_table_contains (kept, "2025-02-28 09"));  /* the 13th month */
  g_assert_false (g_hash_table_contains (kept, "2025-03-30 09"));
  g_assert_cmpuint (n_kept, ==, 7 + 2 + 10);

  /* Empty input. */
  g_free (td_backup_rotation_keep (NULL, 0));
}

static void
test_names (void)
{
  g_autoptr(GDateTime) when = local (2026, 3, 14, 9);
  g_autoptr(GDateTime) later = g_date_time_add_hours (when, 5);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (when, 1);
  g_autofree char *name = td_backup_file_name (when);
  g_autoptr(GDateTime) parsed = td_backup_parse_file_name (name);

  g_assert_cmpstr (name, ==, "thriftdesk-2026-03-14-090000.db");
  g_assert_nonnull (parsed);
  g_assert_true (g_date_time_equal (parsed, when));
  g_assert_null (td_backup_parse_file_name ("thriftdesk-2026-13-14-090000.db"));
  g_assert_null (td_backup_parse_file_name ("thriftdesk-2026-03-14-090000.db.partial"));
  g_assert_null (td_backup_parse_file_name ("shop.db"));

  g_assert_true (td_backup_is_due (NULL, when));
  g_assert_false (td_backup_is_due (when, later));
  g_assert_true (td_backup_is_due (when, tomorrow));
}

typedef struct
{
  const char *path;
  gint        stop;
  gint        written;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (w->path, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&w->stop))
    {
      int n = g_atomic_int_get (&w->written);
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO consignor (code, name, notes, created_at) VALUES ('W%d', 'Writer', "
        "printf('%%.2000c', 'x'), %d)", n, n);

      td_database_exec (db, sql, &error);
      g_assert_no_error (error);
      g_atomic_int_inc (&w->written);
    }
  return NULL;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* A backup of a shop that another connection keeps writing to is consistent and complete
 * up to some moment, and the writer is never stopped. */
static void
test_live_writes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *backup = NULL;
  Writer w = { f->path, 0, 0 };
  GThread *thread;
  double last = 0;
  int before, after;
  gint64 in_backup;

  /* Enough pages that the copy takes many steps. */
  {
    g_autoptr(TdDatabase) db = td_database_open (f->path, &error);
    td_database_exec (db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                          "WHERE i < 3000) INSERT INTO consignor (code, name, notes, created_at) "
                          "SELECT 'C' || i, 'Seed', printf('%.2000c', 'y'), i FROM n", &error);
    g_assert_no_error (error);
  }

  thread = g_thread_new ("writer", writer_thread, &w);
  while (g_atomic_int_get (&w.written) < 20)
    g_usleep (1000);
  before = g_atomic_int_get (&w.written);
  backup = td_backup_run (f->path, f->folder, now, progress_cb, &last, NULL, &error);
  after = g_atomic_int_get (&w.written);
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);

  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  td_backup_verify (backup, NULL, &error);
  g_assert_no_error (error);

  in_backup = count_in (backup, "SELECT count(*) FROM consignor WHERE code LIKE 'W%'");
  g_assert_cmpint (in_backup, >=, before);
  g_assert_cmpint (in_backup, <=, after);
  g_assert_cmpint (count_in (backup, "SELECT count(*) FROM consignor WHERE code LIKE 'C%'"), ==,
                   3000);
  /* The writers' rows form an unbroken run: a snapshot, not a mix. */
  g_assert_cmpint (count_in (backup, "SELECT max(created_at) + 1 FROM consignor "
                                     "WHERE code LIKE 'W%'"), ==, in_backup);
  /* One self-contained file: rollback-journal format (header bytes 18–19 are 1, not WAL's 2)
   * and no -wal beside it. */
  {
    g_autofree char *wal = g_strconcat (backup, "-wal", NULL);
    g_autofree char *bytes = NULL;
    gsize length = 0;

    g_file_get_contents (backup, &bytes, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (length, >, 100);
    g_assert_cmpint (bytes[18], ==, 1);
    g_assert_cmpint (bytes[19], ==, 1);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpint (after, >, before);  /* the writer went on during the backup */
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_photos (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
  g_autoptr(GDateTime) latest = g_date_time_add_seconds (now, 4);
  g_autofree char *photos = td_backup_dup_photos_dir (f->path);
  g_autofree char *sub = g_build_filename (photos, "ab", NULL);
  g_autofree char *a = g_build_filename (sub, "a.jpg", NULL);
  g_autofree char *b = g_build_filename (photos, "b.jpg", NULL);
  g_autofree char *a_copy = g_build_filename (f->folder, "photos", "ab", "a.jpg", NULL);
  g_autofree char *b_copy = g_build_filename (f->folder, "photos", "b.jpg", NULL);
  g_autofree char *backup1 = NULL;
  g_autofree char *backup2 = NULL;
  g_autofree char *text = NULL;

  /* No photos folder yet: fine. */
  backup1 = td_backup_run (f->path, f->folder, now, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_mkdir_with_parents (sub, 0700);
  write_file (a, "photo a");
  backup2 = td_backup_run (f->path, f->folder, later, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (a_copy, G_FILE_TEST_IS_REGULAR));

  /* Incremental: a copy already there is not copied again (mark it to see). */
  write_file (a_copy, "PHOTO A");
  write_file (b, "photo b");
  g_free (td_backup_run (f->path, f->folder, latest, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (a_copy, &text, NULL, &error);
  g_assert_cmpstr (text, ==, "PHOTO A");
  g_assert_true (g_file_test (b_copy, G_FILE_TEST_IS_REGULAR));
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 5);
  g_autofree char *backup = NULL;
  g_autofree char *safety = NULL;
  g_autoptr(TdDatabase) counter = NULL;

  add_consignor (f->path, "KEPT");
  backup = td_backup_run (f->path, f->folder, now, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  add_consignor (f->path, "LATER");

  /* The counter's connection stays open across the restore. */
  counter = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (td_database_get_handle (counter),
                              "SELECT count(*) FROM consignor"), ==, 2);

  safety = td_backup_restore (f->path, backup, f->owner, later, &error);
  g_assert_no_error (error);
  g_assert_nonnull (safety);

  g_assert_cmpint (query_int (td_database_get_handle (counter),
                              "SELECT count(*) FROM consignor"), ==, 1);
  g_assert_cmpint (query_int (td_database_get_handle (counter),
                              "SELECT count(*) FROM consignor WHERE code = 'KEPT'"), ==, 1);
  g_assert_cmpint (query_int (td_database_get_handle (counter),
                              "SELECT count(*) FROM audit WHERE action = 'shop.restored' "
                              "AND json_extract (detail, '$.from') LIKE 'thriftdesk-%'"), ==, 1);
  g_assert_cmpint (query_int (td_database_get_handle (counter),
                              "SELECT staff_id FROM audit WHERE action = 'shop.restored'"), ==,
                   f->owner);
  /* The shop as it was is kept, checked, with the later consignor. */
  td_backup_verify (safety, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_in (safety, "SELECT count(*) FROM consignor WHERE code = 'LATER'"),
                   ==, 1);
  /* The backup itself is untouched. */
  g_assert_cmpint (count_in (backup, "SELECT count(*) FROM audit WHERE action = 'shop.restored'"),
                   ==, 0);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".restore-staging"));
  }
}

static void
assert_refused (Fixture    *f,
                const char *file,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *safety = td_backup_restore (f->path, file, f->owner, now, &error);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_error (error, TD_BACKUP_ERROR, code);
  g_assert_null (safety);
  g_assert_true (g_str_has_suffix (error->message, "The shop was not changed."));
  /* The current shop is untouched and no safety copy was needed. */
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM consignor WHERE code = 'CURRENT'"),
                   ==, 1);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, "shop-before-restore"));
      g_assert_false (g_str_has_prefix (name, ".restore-staging"));
    }
}

/* A backup file renamed by the shop in its own language restores, and the audit names it.
 * (The audit detail was built with g_strescape, whose octal escapes are not JSON.) */
static void
test_restore_unicode_name (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 5);
  g_autofree char *backup = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *safety = NULL;

  add_consignor (f->path, "KEPT");
  backup = td_backup_run (f->path, f->folder, now, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  renamed = g_build_filename (f->folder, "店铺备份 \"周一\".db", NULL);
  g_assert_cmpint (g_rename (backup, renamed), ==, 0);
  add_consignor (f->path, "LATER");

  safety = td_backup_restore (f->path, renamed, f->owner, later, &error);
  g_assert_no_error (error);
  g_assert_nonnull (safety);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM consignor"), ==, 1);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM audit WHERE action = 'shop.restored' "
                                      "AND json_extract (detail, '$.from') = "
                                      "'店铺备份 \"周一\".db'"), ==, 1);
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;

  add_consignor (f->path, "CURRENT");

  /* A cashier may not restore, nor may nobody: refused before the file is even read. */
  backup = td_backup_run (f->path, f->folder, now, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *safety = td_backup_restore (f->path, backup, i ? f->cashier : 0, now,
                                                   &error);
      g_assert_null (safety);
      g_assert_error (error, TD_PERMISSION_ERROR, i ? TD_PERMISSION_ERROR_DENIED
                                                    : TD_PERMISSION_ERROR_NOT_SIGNED_IN);
      g_clear_error (&error);
    }
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM consignor WHERE code = 'CURRENT'"),
                   ==, 1);
  g_clear_pointer (&backup, g_free);

  write_file (garbage, "This is not a database, just some text with a .db name.\n");
  assert_refused (f, garbage, TD_BACKUP_ERROR_NOT_A_BACKUP);
  write_file (empty, "");
  assert_refused (f, empty, TD_BACKUP_ERROR_NOT_A_BACKUP);
  /* the shop's own file (restoring it would copy the live file over itself) */
  assert_refused (f, f->path, TD_BACKUP_ERROR_NOT_A_BACKUP);

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (t TEXT); PRAGMA user_version = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f, foreign, TD_BACKUP_ERROR_NOT_A_BACKUP);

  /* A real backup, then made "newer" than this build. */
  backup = td_backup_run (f->path, f->folder, now, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                            td_database_latest_schema_version () + 1);
    g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  assert_refused (f, backup, TD_BACKUP_ERROR_TOO_NEW);

  /* A backup with a page scribbled over. */
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                            td_database_latest_schema_version ());
    g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_file_get_contents (backup, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8 * 4096);
  for (gsize i = 3 * 4096; i < 6 * 4096; i++)
    contents[i] = (char) (i * 7);
  g_file_set_contents (damaged, contents, length, &error);
  g_assert_no_error (error);
  assert_refused (f, damaged, TD_BACKUP_ERROR_DAMAGED);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  char **path = user_data;
  g_autoptr(GError) error = NULL;

  *path = td_backup_run_finish (result, &error);
  g_assert_no_error (error);
}

static void
async_progress_cb (double   fraction,
                   gpointer user_data)
{
  guint *calls = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*calls)++;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) last = NULL;
  guint calls = 0;

  td_backup_run_async (f->path, f->folder, async_progress_cb, &calls, NULL, async_done_cb, &path);
  while (path == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  last = td_backup_dup_last (f->folder);
  g_assert_nonnull (last);
}

/* Old backups are deleted by the rotation when a new one is written; other files stay. */
static void
test_rotate_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = local (2026, 6, 30, 12);
  g_autofree char *mine = g_build_filename (f->folder, "notes.txt", NULL);
  g_autoptr(GPtrArray) names = NULL;

  g_mkdir_with_parents (f->folder, 0700);
  write_file (mine, "keep me");
  for (int d = 1; d <= 20; d++)
    {
      g_autoptr(GDateTime) when = local (2026, 6, d, 12);
      g_autofree char *name = td_backup_file_name (when);
      g_autofree char *path = g_build_filename (f->folder, name, NULL);
      write_file (path, "old");
    }
  g_free (td_backup_run (f->path, f->folder, now, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  names = td_backup_list_names (f->folder);
  /* 7 days (30, 20 … 15), plus the newest of weeks before: June 14 (Sunday), June 7. */
  g_assert_cmpuint (names->len, ==, 9);
  g_assert_cmpstr (names->pdata[names->len - 1], ==, "thriftdesk-2026-06-30-120000.db");
  g_assert_cmpstr (names->pdata[0], ==, "thriftdesk-2026-06-07-120000.db");
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/backup/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/td/backup/rotation", test_rotation);
  g_test_add_func ("/td/backup/names", test_names);
  ADD ("live-writes", test_live_writes);
  ADD ("photos", test_photos);
  ADD ("async", test_async);
  ADD ("rotate-folder", test_rotate_folder);
  ADD ("restore", test_restore);
  ADD ("restore-refused", test_restore_refused);
  ADD ("restore-unicode-name", test_restore_unicode_name);

  return g_test_run ();
}
