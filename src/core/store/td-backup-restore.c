/* td-backup-restore.c — putting a backup back in place of the shop.
 *
 * Nothing is replaced until the chosen file has proved itself: it is first copied next to
 * the shop (the original, maybe on a USB stick, is never opened for writing), the copy must
 * be a Thriftdesk shop that passes `PRAGMA integrity_check` and is not from a newer
 * Thriftdesk; then it is brought to this version's schema. Only then is the current shop
 * kept as a safety copy (`shop-before-restore-…db` beside it) and the backup copied into the
 * live file with SQLite's backup API — one write transaction, so every other connection (the
 * counter's) sees either the old shop or the restored one, never a mix. The restore is
 * written to the restored shop's audit trail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-backup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "td-backup-private.h"
#include "td-permission.h"
#include "td-store-private.h"
#include "td-store-stock-private.h"

#define BUSY_RETRY_MS 50
#define BUSY_RETRIES  200

typedef struct
{
  const char *source_name;
  const char *safety_name;
  gint64      staff_id;
  gint64      now_us;
} AuditRestore;

static gboolean
audit_restore_txn (TdDatabase  *db,
                   gpointer     user_data,
                   GError     **error)
{
  AuditRestore *a = user_data;
  g_autoptr(GString) detail = g_string_new ("{");

  /* Not g_strescape(): it writes non-ASCII as octal escapes, which are not JSON, so a
   * backup named in Chinese could not be restored. */
  td_stock_json_string (detail, "from", a->source_name);
  td_stock_json_string (detail, "safety_copy", a->safety_name);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, a->now_us, a->staff_id, "shop.restored", "shop", 0,
                                detail->str, error);
}

static gboolean
copy_into_live (TdDatabase  *from,
                TdDatabase  *live,
                GError     **error)
{
  sqlite3_backup *backup;
  int busy = 0;
  int rc;

  backup = sqlite3_backup_init (td_database_get_handle (live), "main",
                                td_database_get_handle (from), "main");
  if (backup == NULL)
    return td_database_set_error (live, sqlite3_errcode (td_database_get_handle (live)),
                                  "starting the restore", error);
  /* All pages in one step: one write transaction on the live file. */
  while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      if (++busy > BUSY_RETRIES)
        break;
      sqlite3_sleep (BUSY_RETRY_MS);
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return td_database_set_error (live, rc, "restoring", error);
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * td_backup_restore:
 * @db_path: the live shop file
 * @source: the backup to restore; read, never changed
 * @staff_id: who restores: must hold %TD_PERMISSION_RESTORE (checked first, on the live shop);
 *   recorded in the audit trail
 * @now: the time now, for the safety copy's name and the audit row
 * @error: return location; a refused file leaves the shop untouched
 *
 * Blocks; call it on a worker thread (or use td_backup_restore_async()). Connections that
 * other threads hold on @db_path stay valid and see the restored shop.
 *
 * Returns: (transfer full) (nullable): the path of the safety copy of the shop as it was
 */
char *
td_backup_restore (const char  *db_path,
                   const char  *source,
                   gint64       staff_id,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *safety_name = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TdDatabase) staged = NULL;
  g_autoptr(TdDatabase) live = NULL;
  AuditRestore audit = { 0 };
  gboolean ok;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  local = g_date_time_to_local (now);
  stamp = g_date_time_format (local, "%Y-%m-%d-%H%M%S");
  stage = g_build_filename (dir, ".restore-staging.db", NULL);
  safety = g_strdup_printf ("%s%sshop-before-restore-%s.db", dir, G_DIR_SEPARATOR_S, stamp);
  source_name = g_filename_display_basename (source);
  safety_name = g_filename_display_basename (safety);

  /* area: permission — before any file is read. */
  live = td_database_open (db_path, error);
  if (live == NULL)
    return NULL;
  if (!td_store_authorize (live, staff_id, TD_PERMISSION_RESTORE, NULL,
                           g_date_time_to_unix (now) * G_USEC_PER_SEC, error))
    return NULL;

  /* The shop itself is no backup; and copying it would open and close a descriptor of the
   * live file, which drops this process's SQLite locks on it. */
  if (same_file (source, db_path))
    {
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_NOT_A_BACKUP,
                   _("“%s” is this shop’s own file, not a backup. The shop was not changed."),
                   source_name);
      return NULL;
    }

  /* area: stage — a private copy to check and migrate. */
  g_unlink (stage);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (stage);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_message ("Copying %s to %s: %s", source, stage, local_error->message);
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FAILED,
                   _("“%s” could not be read. The shop was not changed."), source_name);
      return NULL;
    }

  if (!td_backup_verify (stage, NULL, &local_error))
    {
      g_unlink (stage);
      /* The message names the staging file; name the person's file instead. */
      g_set_error (error, TD_BACKUP_ERROR, local_error->code, "%s %s",
                   local_error->code == TD_BACKUP_ERROR_NOT_A_BACKUP
                     ? _("The chosen file is not a Thriftdesk backup.")
                   : local_error->code == TD_BACKUP_ERROR_TOO_NEW
                     ? _("The chosen backup was made by a newer version of Thriftdesk; update "
                         "Thriftdesk to restore it.")
                     : _("The chosen backup is damaged."),
                   _("The shop was not changed."));
      return NULL;
    }

  staged = td_database_open (stage, &local_error);  /* migrates an older backup */
  if (staged == NULL)
    {
      g_message ("Opening the staged backup %s: %s", stage, local_error->message);
      g_unlink (stage);
      g_set_error (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_DAMAGED,
                   _("“%s” could not be brought up to this version of Thriftdesk. "
                     "The shop was not changed."), source_name);
      return NULL;
    }

  /* area: safety copy — the shop as it is now, checked before it is replaced. */
  ok = td_backup_copy_database (td_database_get_handle (live), safety, NULL, NULL, NULL,
                                &local_error) &&
       td_backup_verify (safety, NULL, &local_error);
  if (!ok)
    {
      g_message ("Keeping the safety copy %s failed: %s", safety, local_error->message);
      g_clear_object (&staged);
      g_unlink (stage);
      g_set_error_literal (error, TD_BACKUP_ERROR, TD_BACKUP_ERROR_FAILED,
                           _("The current shop could not be kept as a safety copy, so "
                             "nothing was restored. Is the disk full?"));
      return NULL;
    }

  /* area: replace — one write transaction on the live file. */
  if (!copy_into_live (staged, live, error))
    {
      g_clear_object (&staged);
      g_unlink (stage);
      return NULL;
    }
  g_clear_object (&staged);
  g_unlink (stage);
  g_clear_object (&live);

  /* A fresh connection: the schema changed under the one used to copy. */
  live = td_database_open (db_path, error);
  if (live == NULL)
    return NULL;
  audit.source_name = source_name;
  audit.safety_name = safety_name;
  audit.staff_id = staff_id;
  audit.now_us = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  if (!td_database_transaction (live, audit_restore_txn, &audit, &local_error))
    g_message ("The restore worked but could not be audited: %s", local_error->message);

  return g_steal_pointer (&safety);
}
