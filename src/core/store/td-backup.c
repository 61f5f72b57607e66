/* td-backup.c — online backups with SQLite's backup API, checked and rotated.
 *
 * A backup copies the live shop page by page on a worker thread with its own connections,
 * while the counter goes on selling: the source holds one read transaction for the whole
 * copy, so in WAL mode it reads one consistent snapshot and writers are never blocked. The
 * copy is written under a hidden ".partial" name, switched out of WAL mode (one
 * self-contained file), checked with `PRAGMA integrity_check`, and only then renamed to
 * `thriftdesk-YYYY-MM-DD-HHMMSS.db` — names that sort by date. The photos folder is copied
 * beside it, only files the backup folder doesn't have yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "td-backup-private.h"
#include "td-database-private.h"

#define PAGES_PER_STEP 256
#define BUSY_RETRY_MS  50
#define BUSY_RETRIES   200
#define PREFIX         "thriftdesk-"
#define SUFFIX         ".db"

#define KEEP_DAILY   7
#define KEEP_WEEKLY  4
#define KEEP_MONTHLY 12

G_DEFINE_QUARK (td-backup-error-quark, td_backup_error)

/**
 * td_backup_file_name:
 * @when: the backup's time; named in local time
 *
 * Returns: (transfer full): e.g. `thriftdesk-2026-03-14-093000.db`, which sorts by date
 */
char *
td_backup_file_name (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  stamp = g_date_time_format (local, "%Y-%m-%d-%H%M%S");
  return g_strconcat (PREFIX, stamp, SUFFIX, NULL);
}

/**
 * td_backup_parse_file_name:
 * @name: a file name (no folder)
 *
 * Returns: (transfer full) (nullable): the local time in a backup's name, or %NULL when
 *   @name is not a backup's name
 */
GDateTime *
td_backup_parse_file_name (const char *name)
{
  int y, mo, d, h, mi, s;
  char tail[4] = { 0 };

  g_return_val_if_fail (name != NULL, NULL);

  if (strlen (name) != strlen (PREFIX "YYYY-MM-DD-HHMMSS" SUFFIX) ||
      !g_str_has_prefix (name, PREFIX) || !g_str_has_suffix (name, SUFFIX))
    return NULL;
  if (sscanf (name + strlen (PREFIX), "%4d-%2d-%2d-%2d%2d%2d%3s",
              &y, &mo, &d, &h, &mi, &s, tail) != 7 || strcmp (tail, SUFFIX) != 0)
    return NULL;
  if (y < 2000 || y > 9999)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, s);  /* NULL when out of range */
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GDateTime * const *backups = user_data;

  return g_date_time_compare (backups[*(const guint *) b], backups[*(const guint *) a]);
}

/**
 * td_backup_rotation_keep:
 * @backups: (array length=n_backups): when each backup was made, in any order
 * @n_backups: how many
 *
 * Which backups to keep: the newest of each of the 7 most recent days that have a backup,
 * of the 4 most recent ISO weeks, and of the 12 most recent months (local time). Counting
 * days that have backups, not calendar days, means a shop closed for a month still keeps a
 * week of backups from before.
 *
 * Returns: (transfer full) (array length=n_backups): %TRUE for each backup to keep
 */
gboolean *
td_backup_rotation_keep (GDateTime * const *backups,
                         guint              n_backups)
{
  g_autofree guint *order = g_new (guint, MAX (n_backups, 1));
  gboolean *keep = g_new0 (gboolean, MAX (n_backups, 1));
  int last_day = -1, last_week = -1, last_month = -1;
  guint days = 0, weeks = 0, months = 0;

  g_return_val_if_fail (backups != NULL || n_backups == 0, keep);

  for (guint i = 0; i < n_backups; i++)
    order[i] = i;
  g_qsort_with_data (order, n_backups, sizeof (guint), compare_newest_first, (gpointer) backups);

  for (guint k = 0; k < n_backups; k++)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (backups[order[k]]);
      int y = g_date_time_get_year (local);
      int day = y * 10000 + g_date_time_get_month (local) * 100 +
                g_date_time_get_day_of_month (local);
      int week = g_date_time_get_week_numbering_year (local) * 100 +
                 g_date_time_get_week_of_year (local);
      int month = y * 100 + g_date_time_get_month (local);

      /* Newest first: the first backup met in a bucket is that bucket's newest. */
      if (day != last_day && days < KEEP_DAILY)
        keep[order[k]] = TRUE;
      if (week != last_week && weeks < KEEP_WEEKLY)
        keep[order[k]] = TRUE;
      if (month != last_month && months < KEEP_MONTHLY)
        keep[order[k]] = TRUE;

      if (day != last_day)
        days++, last_day = day;
      if (week != last_week)
        weeks++, last_week = week;
      if (month != last_month)
        months++, last_month = month;
    }
  return keep;
}

/**
 * td_backup_is_due:
 * @last: (nullable): the newest backup, or %NULL when there is none
 * @now: the time now
 *
 * Returns: whether the daily backup is due: none yet on @now's local day
 */
gboolean
td_backup_is_due (GDateTime *last,
                  GDateTime *now)
{
  g_autoptr(GDateTime) l = NULL;
  g_autoptr(GDateTime) n = NULL;

  g_return_val_if_fail (now != NULL, FALSE);

  if (last == NULL)
    return TRUE;
  l = g_date_time_to_local (last);
  n = g_date_time_to_local (now);
  return g_date_time_get_year (l) != g_date_time_get_year (n) ||
         g_date_time_get_day_of_year (l) != g_date_time_get_day_of_year (n);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Backups in @folder, sorted by name (= by date). */
GPtrArray *
td_backup_list_names (const char *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) when = td_backup_parse_file_name (name);

      if (when != NULL)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

/**
 * td_backup_dup_last:
 * @folder: the backup folder
 *
 * Returns: (transfer full) (nullable): when the newest backup in @folder was made
 */
GDateTime *
td_backup_dup_last (const char *folder)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  names = td_backup_list_names (folder);
  if (names->len == 0)
    return NULL;
  return td_backup_parse_file_name (names->pdata[names->len - 1]);
}

/**
 * td_backup_dup_photos_dir:
 * @db_path: the shop file
 *
 * Returns: (transfer full): the shop's photos folder, `photos/` beside the shop file
 */
char *
td_backup_dup_photos_dir (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "photos", NULL);
}

/**
 * td_backup_rotate:
 * @folder: the backup folder
 * @error: return location
 *
 * Deletes the backups td_backup_rotation_keep() doesn't keep. Files that are not backups
 * (by name) are never touched.
 *
 * Returns: how many were deleted
 */
guint
td_backup_rotate (const char  *folder,
                  GError     **error)
{
  g_autoptr(GPtrArray) names = td_backup_list_names (folder);
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autofree gboolean *keep = NULL;
  guint deleted = 0;

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (times, td_backup_parse_file_name (names->pdata[i]));
  keep = td_backup_rotation_keep ((GDateTime * const *) times->pdata, times->len);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = NULL;

      if (keep[i])
        continue;
      path = g_build_filename (folder, names->pdata[i], NULL);
      if (g_unlink (path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FOLDER,
                       _("An old backup could not be deleted: %s."), g_strerror (saved_errno));
          return deleted;
        }
      deleted++;
    }
  return deleted;
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *doing)
{
  g_message ("SQLite error %d (%s) while %s", rc,
             db ? sqlite3_errmsg (db) : sqlite3_errstr (rc), doing);
  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FOLDER,
                         _("The backup folder’s disk is full. The backup was not made."));
  else
    g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FAILED,
                         _("The backup could not be written. The shop itself is unchanged."));
  return FALSE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * td_backup_verify:
 * @path: a shop file or backup; opened, never changed (apart from SQLite's own recovery)
 * @schema_version: (out) (optional): its data version
 * @error: return location
 *
 * Checks that @path is a Thriftdesk shop (SQLite, application id `TDSH`), passes
 * `PRAGMA integrity_check`, and is not from a newer Thriftdesk.
 */
gboolean
td_backup_verify (const char  *path,
                  int         *schema_version,
                  GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *name = NULL;
  char header[16] = { 0 };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0, version = 0;
  gboolean intact = FALSE;
  FILE *fp;
  size_t n = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_basename (path);
  fp = g_fopen (path, "rb");
  if (fp != NULL)
    {
      n = fread (header, 1, sizeof header, fp);
      fclose (fp);
    }
  if (n < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_NOT_A_BACKUP,
                   _("“%s” is not a Thriftdesk backup."), name);
      return FALSE;
    }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      !query_int (db, "PRAGMA application_id", &app_id) ||
      !query_int (db, "PRAGMA user_version", &version))
    {
      g_message ("Can’t read %s: %s", path, db ? sqlite3_errmsg (db) : "no memory");
      sqlite3_close_v2 (db);
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_DAMAGED,
                   _("“%s” is damaged and can’t be read."), name);
      return FALSE;
    }

  if (app_id != TD_DATABASE_APPLICATION_ID || version < 1)
    {
      sqlite3_close_v2 (db);
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_NOT_A_BACKUP,
                   _("“%s” is a database of another program, not a Thriftdesk backup."), name);
      return FALSE;
    }

  if (version > td_database_latest_schema_version ())
    {
      sqlite3_close_v2 (db);
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Thriftdesk. Update Thriftdesk "
                     "to restore it."), name);
      return FALSE;
    }

  /* integrity_check returns the single row "ok", or rows describing the damage. */
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    intact = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  if (!intact)
    g_message ("Integrity check of %s failed: %s", path,
               stmt && sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0)
                                                    : sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  if (!intact)
    {
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_DAMAGED,
                   _("“%s” is damaged: SQLite’s integrity check fails."), name);
      return FALSE;
    }

  if (schema_version != NULL)
    *schema_version = (int) version;
  return TRUE;
}

/**
 * td_backup_copy_database:
 * @src: an open connection to copy from (its whole "main" database)
 * @dest_path: the file to write; replaced
 *
 * Copies in steps of a few hundred pages inside one read transaction on @src, reports
 * progress, and leaves @dest_path a self-contained file (rollback journal, not WAL).
 */
gboolean
td_backup_copy_database (sqlite3               *src,
                         const char            *dest_path,
                         TdBackupProgressFunc   progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         GError               **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gint64 objects = 0;
  int busy = 0;
  int rc;

  g_unlink (dest_path);
  rc = sqlite3_open_v2 (dest_path, &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (dest);
      g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FOLDER,
                           _("The backup folder can’t be written to. Choose another folder."));
      return FALSE;
    }

  /* One snapshot for the whole copy: writers go on, the copy never restarts. */
  rc = sqlite3_exec (src, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK && !query_int (src, "SELECT count(*) FROM sqlite_schema", &objects))
    rc = sqlite3_errcode (src);
  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (dest);
      return set_sqlite_error (error, src, rc, "starting the backup's read transaction");
    }

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, dest, sqlite3_errcode (dest), "starting the backup");
      sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_backup_finish (backup);
          sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
          sqlite3_close_v2 (dest);
          g_unlink (dest_path);
          return FALSE;
        }
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          if (++busy > BUSY_RETRIES)
            break;
          sqlite3_sleep (BUSY_RETRY_MS);
          continue;
        }
      if (progress != NULL && sqlite3_backup_pagecount (backup) > 0)
        progress (1.0 - (double) sqlite3_backup_remaining (backup) /
                        sqlite3_backup_pagecount (backup), progress_data);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  else
    set_sqlite_error (error, dest, rc, "copying pages");

  if (rc != SQLITE_OK)
    {
      if (error != NULL && *error == NULL)
        set_sqlite_error (error, dest, rc, "leaving WAL mode");
      sqlite3_close_v2 (dest);
      g_unlink (dest_path);
      return FALSE;
    }
  sqlite3_close_v2 (dest);
  return TRUE;
}

/* Copies the files of @from that @to lacks (same name and size counts as present).
 * Sub-folders are followed; symbolic links are not. */
static gboolean
copy_new_files (const char    *from,
                const char    *to,
                GCancellable  *cancellable,
                guint         *copied,
                GError       **error)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  if (dir == NULL)
    return TRUE;  /* no photos yet */
  if (g_mkdir_with_parents (to, 0755) != 0)
    {
      g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FOLDER,
                           _("The photos folder can’t be created in the backup folder."));
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dest = g_build_filename (to, name, NULL);
      GStatBuf src_st, dest_st;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (g_lstat (src, &src_st) != 0)
        continue;
      if (S_ISDIR (src_st.st_mode))
        {
          if (!copy_new_files (src, dest, cancellable, copied, error))
            return FALSE;
          continue;
        }
      if (!S_ISREG (src_st.st_mode))
        continue;
      if (g_stat (dest, &dest_st) == 0 && dest_st.st_size == src_st.st_size)
        continue;

      {
        g_autoptr(GFile) s = g_file_new_for_path (src);
        g_autoptr(GFile) d = g_file_new_for_path (dest);
        g_autoptr(GError) local_error = NULL;

        if (!g_file_copy (s, d, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &local_error))
          {
            g_message ("Copying photo %s failed: %s", src, local_error->message);
            if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
              g_propagate_error (error, g_steal_pointer (&local_error));
            else
              g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FOLDER,
                                   _("The photos could not be copied to the backup folder."));
            return FALSE;
          }
        (*copied)++;
      }
    }
  return TRUE;
}

/**
 * td_backup_run:
 * @db_path: the live shop file (opened here with connections of this thread)
 * @folder: the backup folder; created when missing
 * @now: the backup's time, for its name
 * @progress: (nullable): told the fraction done, on this thread
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the backup; nothing half-written is left
 * @error: return location
 *
 * Backs the shop up while it is in use, checks the copy, copies new photos beside it and
 * rotates old backups. Blocks: call it on a worker thread (or use td_backup_run_async()).
 *
 * Returns: (transfer full) (nullable): the path of the new backup
 */
char *
td_backup_run (const char            *db_path,
               const char            *folder,
               GDateTime             *now,
               TdBackupProgressFunc   progress,
               gpointer               progress_data,
               GCancellable          *cancellable,
               GError               **error)
{
  g_autofree char *name = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *final = NULL;
  g_autofree char *photos = NULL;
  g_autofree char *photos_dest = NULL;
  g_autoptr(GError) rotate_error = NULL;
  sqlite3 *src = NULL;
  guint copied = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0 || g_access (folder, W_OK) != 0)
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FOLDER,
                   _("The backup folder “%s” can’t be written to. Is the drive plugged in? "
                     "Choose another folder in Preferences otherwise."), display);
      return NULL;
    }

  name = td_backup_file_name (now);
  partial = g_strconcat (folder, G_DIR_SEPARATOR_S ".", name, ".partial", NULL);
  final = g_build_filename (folder, name, NULL);

  rc = sqlite3_open_v2 (db_path, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, src, rc, "opening the shop to back it up");
      sqlite3_close_v2 (src);
      return NULL;
    }
  sqlite3_busy_timeout (src, 5000);

  ok = td_backup_copy_database (src, partial, progress, progress_data, cancellable, error);
  sqlite3_close_v2 (src);
  if (!ok)
    return NULL;

  {
    g_autoptr(GError) verify_error = NULL;

    if (!td_backup_verify (partial, NULL, &verify_error))
      {
        g_message ("The new backup fails its check: %s", verify_error->message);
        g_unlink (partial);
        g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FAILED,
                             _("The backup was written but did not read back correctly, so it "
                               "was deleted. Check the backup drive."));
        return NULL;
      }
  }
  if (g_rename (partial, final) != 0)
    {
      g_unlink (partial);
      g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FOLDER,
                           _("The backup could not be saved in the backup folder."));
      return NULL;
    }

  photos = td_backup_dup_photos_dir (db_path);
  photos_dest = g_build_filename (folder, "photos", NULL);
  if (!copy_new_files (photos, photos_dest, cancellable, &copied, error))
    return NULL;
  g_debug ("Backup %s written, %u new photos copied", final, copied);

  /* A rotation failure leaves an extra old file; the new backup is fine. */
  td_backup_rotate (folder, &rotate_error);
  if (rotate_error != NULL)
    g_message ("Rotating backups in %s: %s", folder, rotate_error->message);

  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&final);
}
