/* td-database.c — the shop's SQLite connection: refusal checks, pragmas, migrations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "td-core-resources.h"
#include "td-database-private.h"
#include "td-store-private.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000
#define SQL_RESOURCE_DIR        RESOURCE_PATH "/sql/"

struct _TdDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;  /* SQL text → sqlite3_stmt*, prepared once */
  int         schema_version;
  int         busy_timeout_ms;
  gint64      busy_since_us;
  guint       created : 1;
  guint       yielding : 1;
};

/* Connections of this process waiting to begin a write transaction right now, yielding ones
 * aside: a yielding connection waits for them before it begins (td_database_transaction()). */
static gint writers_waiting;

/* A yielding connection waits this long at the most for the others to get their turn. */
#define YIELD_MAX_US (2 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (TdDatabase, td_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (td-database-error-quark, td_database_error)

/* One file per schema version, applied in order, each in its own transaction.
 * Never edit a released file: add the next one. */
static const char * const migrations[] = {
  "0001-shop-model.sql",
  "0002-item-search.sql",
  "0003-consignment-stock.sql",
  "0004-pricing.sql",
  "0005-item-browse.sql",
  "0006-counter.sql",
  "0007-staff.sql",
  "0008-reports.sql",
  "0009-grade-scale.sql",
  "0010-marketplace-sync.sql",
  "0011-sync-due.sql",
};

int
td_database_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * td_database_dup_default_path:
 *
 * Returns: (transfer full): where the shop lives by default, derived from the profile so a
 *   development build never touches a real shop: `$XDG_DATA_HOME/thriftdesk/shop.db`.
 */
char *
td_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), DATA_DIR_NAME, "shop.db", NULL);
}

static TdDatabaseError
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return TD_DATABASE_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return TD_DATABASE_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return TD_DATABASE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
      return TD_DATABASE_ERROR_CANT_OPEN;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TD_DATABASE_ERROR_BUSY;
    case SQLITE_FULL:
      return TD_DATABASE_ERROR_DISK_FULL;
    case SQLITE_CONSTRAINT:
      return TD_DATABASE_ERROR_CONSTRAINT;
    default:
      return TD_DATABASE_ERROR_FAILED;
    }
}

static char *
message_for_code (TdDatabaseError  code,
                  const char      *path)
{
  g_autofree char *name = g_filename_display_name (path ? path : "");

  switch (code)
    {
    case TD_DATABASE_ERROR_NOT_A_DATABASE:
      return g_strdup_printf (_("“%s” is not a Thriftdesk shop file. It was left untouched."), name);
    case TD_DATABASE_ERROR_NOT_A_SHOP:
      return g_strdup_printf (_("“%s” is a database of another program, not a Thriftdesk shop. "
                                "It was left untouched."), name);
    case TD_DATABASE_ERROR_CORRUPT:
      return g_strdup_printf (_("The shop file “%s” is damaged. It was left untouched; "
                                "restore the shop from a backup."), name);
    case TD_DATABASE_ERROR_READ_ONLY:
      return g_strdup_printf (_("Thriftdesk can’t write to “%s”. Check that the file and its folder "
                                "may be written, or move the shop to a folder you own."), name);
    case TD_DATABASE_ERROR_CANT_OPEN:
      return g_strdup_printf (_("The shop file “%s” could not be opened."), name);
    case TD_DATABASE_ERROR_BUSY:
      return g_strdup_printf (_("The shop file “%s” is in use by another program. "
                                "Close the other program and try again."), name);
    case TD_DATABASE_ERROR_DISK_FULL:
      return g_strdup (_("The disk is full. Nothing was saved; free some space and try again."));
    case TD_DATABASE_ERROR_CONSTRAINT:
      return g_strdup (_("The change breaks a rule of the shop’s records and was not saved."));
    case TD_DATABASE_ERROR_TOO_NEW:
    case TD_DATABASE_ERROR_FAILED:
    default:
      return g_strdup_printf (_("The shop file “%s” could not be read or written."), name);
    }
}

static gboolean
set_error_full (GError     **error,
                sqlite3     *db,
                const char  *path,
                int          rc,
                const char  *doing)
{
  TdDatabaseError code = error_code_for_sqlite (rc);
  g_autofree char *message = message_for_code (code, path);
  const char *what = sqlite3_errstr (rc);
  const char *detail = NULL;

  /* The technical detail is for the log; the message is for people. The connection's message
   * describes its *last* error, which need not be @rc (an rc passed on, a step that failed
   * before a reset): use it only when its code is @rc, else the log says "error 19 (not an
   * error)". */
  if (db != NULL && (sqlite3_extended_errcode (db) == rc || sqlite3_errcode (db) == (rc & 0xff)))
    detail = sqlite3_errmsg (db);
  if (g_strcmp0 (detail, what) == 0)
    detail = NULL;
  g_message ("SQLite error %d (%s%s%s) while %s on %s", rc, what, detail ? ": " : "",
             detail ? detail : "", doing, path ? path : "?");
  g_set_error_literal (error, TD_DATABASE_ERROR, code, message);
  return FALSE;
}

/**
 * td_database_set_error:
 * @self: the connection the error happened on
 * @rc: an SQLite result code
 * @doing: what was being done, for the log
 * @error: return location
 *
 * Maps an SQLite result code to a #TD_DATABASE_ERROR with a plain message.
 *
 * Returns: %FALSE, so callers can `return td_database_set_error (…)`.
 */
gboolean
td_database_set_error (TdDatabase  *self,
                       int          rc,
                       const char  *doing,
                       GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);

  return set_error_full (error, self->db, self->path, rc, doing);
}

void
td_stmt_reset (TdStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * td_database_prepare:
 * @self: a #TdDatabase
 * @sql: a statement; prepared once per connection and cached by its text
 * @error: return location
 *
 * Returns: (transfer none) (nullable): the cached statement, reset. Hold it in a
 *   `g_autoptr (TdStmt)` so it is reset again when done.
 */
TdStmt *
td_database_prepare (TdDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Can’t prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      set_error_full (error, self->db, self->path, rc, "preparing a statement");
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * td_database_step_done:
 *
 * Steps a statement that returns no rows (INSERT/UPDATE/DELETE).
 */
gboolean
td_database_step_done (TdDatabase  *self,
                       TdStmt      *stmt,
                       GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return td_database_set_error (self, rc, sqlite3_sql (stmt), error);
  return TRUE;
}

gboolean
td_database_exec (TdDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return td_database_set_error (self, rc, sql, error);
  return TRUE;
}

/* SQLite's own busy handler backs off to 100 ms sleeps, and another connection's short,
 * frequent transactions (the sync writer's) could take the lock in every gap: a poll's write
 * waited 836 ms that way. Try again every millisecond instead, up to the timeout. */
static int
busy_cb (void *data,
         int   count)
{
  TdDatabase *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since_us = now;
  if (now - self->busy_since_us >= (gint64) self->busy_timeout_ms * 1000)
    return 0;
  g_usleep (1000);
  return 1;
}

void
td_database_set_yielding (TdDatabase *self,
                          gboolean    yielding)
{
  g_return_if_fail (TD_IS_DATABASE (self));

  self->yielding = !!yielding;
}

/**
 * td_database_transaction:
 * @self: a #TdDatabase
 * @func: the work; returns %FALSE and sets @error to roll everything back
 * @user_data: for @func
 * @error: return location
 *
 * Runs @func inside `BEGIN IMMEDIATE … COMMIT`. Any failure, in @func or at commit,
 * rolls back the whole change: nothing is ever written half-way.
 */
gboolean
td_database_transaction (TdDatabase         *self,
                         TdTransactionFunc   func,
                         gpointer            user_data,
                         GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (self->db), FALSE);

  if (self->yielding)
    {
      gint64 until = g_get_monotonic_time () + YIELD_MAX_US;

      while (g_atomic_int_get (&writers_waiting) > 0 && g_get_monotonic_time () < until)
        g_usleep (500);
      rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    }
  else
    {
      g_atomic_int_inc (&writers_waiting);
      rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      g_atomic_int_dec_and_test (&writers_waiting);
    }
  if (rc != SQLITE_OK)
    return td_database_set_error (self, rc, "beginning a transaction", error);

  if (func (self, user_data, &local_error))
    {
      rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        return TRUE;
      td_database_set_error (self, rc, "committing", &local_error);
    }

  g_assert (local_error != NULL);
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
query_int (TdDatabase  *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return td_database_set_error (self, rc, sql, error);
  return TRUE;
}

static gboolean
apply_migration (TdDatabase  *self,
                 gpointer     user_data,
                 GError     **error)
{
  int version = GPOINTER_TO_INT (user_data);
  g_autofree char *resource = NULL;
  g_autofree char *pragma = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gint64 current = 0;

  /* Another Thriftdesk may have migrated while we waited for the write lock. */
  if (!query_int (self, "PRAGMA user_version", &current, error))
    return FALSE;
  if (current >= version)
    return TRUE;

  resource = g_strconcat (SQL_RESOURCE_DIR, migrations[version - 1], NULL);
  bytes = g_resource_lookup_data (td_core_get_resource (), resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    g_error ("Migration %s is missing from the resources", resource);
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (!td_database_exec (self, sql, error))
    return FALSE;

  if (version == 1)
    {
      if (!td_database_exec (self, "PRAGMA application_id = " G_STRINGIFY (TD_DATABASE_APPLICATION_ID),
                             error))
        return FALSE;
      if (!td_store_defaults_seed (self, error))
        return FALSE;
    }

  pragma = g_strdup_printf ("PRAGMA user_version = %d", version);
  return td_database_exec (self, pragma, error);
}

/* Whether the shop's folder and file can be used at all, before SQLite opens it. */
static gboolean
check_file (const char  *path,
            gboolean    *exists,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      *exists = FALSE;
      if (saved_errno != ENOENT)
        {
          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CANT_OPEN,
                       _("The shop file “%s” could not be opened: %s."), name,
                       g_strerror (saved_errno));
          return FALSE;
        }
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *dir_name = g_filename_display_name (dir);

          g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CANT_OPEN,
                       _("The folder “%s” does not exist, so no shop can be created there."),
                       dir_name);
          return FALSE;
        }
      return TRUE;
    }

  *exists = TRUE;
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CANT_OPEN,
                   _("“%s” is not a file."), name);
      return FALSE;
    }

  return TRUE;
}

/* SQLite reports a folder it can't write (for a new file, or for the -wal/-shm beside an
 * existing one) as "can't open"; tell people what is actually wrong. */
static gboolean
set_open_error (TdDatabase  *self,
                int          rc,
                const char  *doing,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if ((rc & 0xff) == SQLITE_CANTOPEN && g_access (dir, W_OK) != 0)
    rc = SQLITE_READONLY;
  return td_database_set_error (self, rc, doing, error);
}

/* Reads the first bytes through SQLite's own file handle, so a file that isn't SQLite is
 * refused before a statement touches it. Never with open()/fopen(): closing any descriptor of
 * a file drops every POSIX lock this process holds on it — the shared lock of the connections
 * already open here (a worker opens its own) — and another process could then checkpoint and
 * delete the WAL we are still writing to. */
static gboolean
check_header (TdDatabase  *self,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic] = { 0 };
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  int rc;

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL)
    return TRUE;
  if (file->pMethods->xFileSize (file, &size) == SQLITE_OK && size == 0)
    return TRUE;  /* an empty file: a new shop */
  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (rc == SQLITE_OK && memcmp (header, magic, sizeof magic) == 0)
    return TRUE;
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    return set_open_error (self, rc, "reading the header", error);

  {
    g_autofree char *message = message_for_code (TD_DATABASE_ERROR_NOT_A_DATABASE, self->path);

    g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_A_DATABASE, message);
  }
  return FALSE;
}

static gboolean
identify (TdDatabase  *self,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 objects = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, &local_error) ||
      !query_int (self, "PRAGMA user_version", &version, &local_error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &objects, &local_error))
    {
      int rc = sqlite3_errcode (self->db);

      if ((rc & 0xff) == SQLITE_CANTOPEN)
        return set_open_error (self, rc, "reading the schema", error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (app_id != TD_DATABASE_APPLICATION_ID && (app_id != 0 || objects > 0 || version != 0))
    {
      g_autofree char *message = message_for_code (TD_DATABASE_ERROR_NOT_A_SHOP, self->path);

      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_NOT_A_SHOP, message);
      return FALSE;
    }

  if (version > td_database_latest_schema_version ())
    {
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Thriftdesk (data version %d; this "
                     "version reads up to %d). Update Thriftdesk to open it. The file was left "
                     "untouched."),
                   name, (int) version, td_database_latest_schema_version ());
      return FALSE;
    }

  self->schema_version = (int) version;
  self->created = (objects == 0);
  return TRUE;
}

static gboolean
configure (TdDatabase  *self,
           GError     **error)
{
  static const char *pragmas =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA temp_store = MEMORY;"
    "PRAGMA journal_size_limit = 67108864;";
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return set_open_error (self, rc, "switching to WAL", error);
  if (!wal)
    return set_open_error (self, SQLITE_CANTOPEN, "switching to WAL (refused)", error);

  return td_database_exec (self, pragmas, error);
}

static gboolean
migrate (TdDatabase  *self,
         int          target,
         GError     **error)
{
  for (int v = self->schema_version + 1; v <= target; v++)
    {
      if (!td_database_transaction (self, apply_migration, GINT_TO_POINTER (v), error))
        return FALSE;
      self->schema_version = v;
    }
  return TRUE;
}

/**
 * td_database_open_with_options:
 * @path: the shop file; created when missing (its folder must exist)
 * @options: (nullable): see #TdDatabaseOpenOptions
 * @error: return location
 *
 * Opens a shop. Files that are not Thriftdesk shops, are damaged, or come from a newer
 * version are refused before anything is written to them.
 *
 * Returns: (transfer full) (nullable): the connection, migrated to the target version.
 */
TdDatabase *
td_database_open_with_options (const char                   *path,
                               const TdDatabaseOpenOptions  *options,
                               GError                      **error)
{
  g_autoptr(TdDatabase) self = NULL;
  gboolean exists = FALSE;
  int target;
  int flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  target = options && options->target_version > 0 ? options->target_version
                                                   : td_database_latest_schema_version ();
  g_return_val_if_fail (target <= td_database_latest_schema_version (), NULL);

  if (!check_file (path, &exists, error))
    return NULL;

  self = g_object_new (TD_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (!exists)
    flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (self, rc, "opening", error);
      return NULL;
    }
  if (exists && !check_header (self, error))
    return NULL;

  self->busy_timeout_ms = options && options->busy_timeout_ms > 0 ? options->busy_timeout_ms
                                                                   : DEFAULT_BUSY_TIMEOUT_MS;
  sqlite3_busy_handler (self->db, busy_cb, self);

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      td_database_set_error (self, SQLITE_READONLY, "opening (file is read-only)", error);
      return NULL;
    }

  if (!identify (self, error) ||
      !configure (self, error) ||
      !migrate (self, target, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * td_database_open:
 * @path: the shop file
 * @error: return location
 *
 * Opens (or creates) a shop and brings its schema to the latest version.
 * Each thread that touches the shop opens its own connection.
 *
 * Returns: (transfer full) (nullable): the connection
 */
TdDatabase *
td_database_open (const char  *path,
                  GError     **error)
{
  return td_database_open_with_options (path, NULL, error);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
td_database_finalize (GObject *object)
{
  TdDatabase *self = (TdDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (sqlite3_db_readonly (self->db, "main") == 0)
        sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (td_database_parent_class)->finalize (object);
}

static void
td_database_class_init (TdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_database_finalize;
}

static void
td_database_init (TdDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

sqlite3 *
td_database_get_handle (TdDatabase *self)
{
  g_return_val_if_fail (TD_IS_DATABASE (self), NULL);

  return self->db;
}

const char *
td_database_get_path (TdDatabase *self)
{
  g_return_val_if_fail (TD_IS_DATABASE (self), NULL);

  return self->path;
}

int
td_database_get_schema_version (TdDatabase *self)
{
  g_return_val_if_fail (TD_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * td_database_was_created:
 *
 * Returns: whether this open created the shop (the file was new or empty).
 */
gboolean
td_database_was_created (TdDatabase *self)
{
  g_return_val_if_fail (TD_IS_DATABASE (self), FALSE);

  return self->created;
}
