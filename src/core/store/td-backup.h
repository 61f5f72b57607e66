/* td-backup.h — online backups of the shop, their rotation, and restoring one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_BACKUP_ERROR (td_backup_error_quark ())

/**
 * TdBackupError:
 * @TD_BACKUP_ERROR_FOLDER: the backup folder can't be created or written
 * @TD_BACKUP_ERROR_NOT_A_BACKUP: the file is not a Thriftdesk shop
 * @TD_BACKUP_ERROR_DAMAGED: the file fails SQLite's integrity check
 * @TD_BACKUP_ERROR_TOO_NEW: written by a newer Thriftdesk than this one
 * @TD_BACKUP_ERROR_FAILED: anything else (the detail is in the log)
 */
typedef enum
{
  TD_BACKUP_ERROR_FOLDER,
  TD_BACKUP_ERROR_NOT_A_BACKUP,
  TD_BACKUP_ERROR_DAMAGED,
  TD_BACKUP_ERROR_TOO_NEW,
  TD_BACKUP_ERROR_FAILED,
} TdBackupError;

/* Called on the thread that started the backup (the main loop for the async form). */
typedef void (*TdBackupProgressFunc) (double    fraction,
                                      gpointer  user_data);

GQuark      td_backup_error_quark      (void);

char       *td_backup_file_name        (GDateTime             *when);
GDateTime  *td_backup_parse_file_name  (const char            *name);
gboolean   *td_backup_rotation_keep    (GDateTime * const     *backups,
                                        guint                  n_backups);
gboolean    td_backup_is_due           (GDateTime             *last,
                                        GDateTime             *now);
GDateTime  *td_backup_dup_last         (const char            *folder);
char       *td_backup_dup_photos_dir   (const char            *db_path);

gboolean    td_backup_verify           (const char            *path,
                                        int                   *schema_version,
                                        GError               **error);
char       *td_backup_run              (const char            *db_path,
                                        const char            *folder,
                                        GDateTime             *now,
                                        TdBackupProgressFunc   progress,
                                        gpointer               progress_data,
                                        GCancellable          *cancellable,
                                        GError               **error);
void        td_backup_run_async        (const char            *db_path,
                                        const char            *folder,
                                        TdBackupProgressFunc   progress,
                                        gpointer               progress_data,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
char       *td_backup_run_finish       (GAsyncResult          *result,
                                        GError               **error);
guint       td_backup_rotate           (const char            *folder,
                                        GError               **error);

char       *td_backup_restore          (const char            *db_path,
                                        const char            *source,
                                        gint64                 staff_id,
                                        GDateTime             *now,
                                        GError               **error);
void        td_backup_restore_async    (const char            *db_path,
                                        const char            *source,
                                        gint64                 staff_id,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
char       *td_backup_restore_finish   (GAsyncResult          *result,
                                        GError               **error);

G_END_DECLS
