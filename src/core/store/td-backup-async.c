/* td-backup-async.c — backups and restores on a GTask worker thread.
 *
 * The worker opens its own connections (never the caller's); progress is handed back to
 * the caller's main context, at most one pending report at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-backup"

#include "config.h"

#include "td-backup.h"

typedef struct
{
  char                 *db_path;
  char                 *folder;      /* backup: the folder; restore: the source file */
  gint64                staff_id;
  TdBackupProgressFunc  progress;
  gpointer              progress_data;
  GMainContext         *context;
  GMutex                lock;
  double                fraction;    /* latest, under lock */
  gboolean              pending;     /* a report is queued, under lock */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->folder);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static Job *
job_new (const char           *db_path,
         const char           *folder,
         TdBackupProgressFunc  progress,
         gpointer              progress_data)
{
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (db_path);
  job->folder = g_strdup (folder);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->lock);
  return job;
}

static gboolean
report_cb (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (!g_task_get_completed (task))
    job->progress (fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker. */
static void
progress_cb (double   fraction,
             gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  queue = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_cb,
                                g_object_ref (task), g_object_unref);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;
  char *path;

  path = td_backup_run (job->db_path, job->folder, now,
                        job->progress ? progress_cb : NULL, task, cancellable, &error);
  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

/**
 * td_backup_run_async:
 * @progress: (nullable): told the fraction done, in the caller's thread-default main context
 *
 * td_backup_run() on a worker thread, at the time it starts. Finish with
 * td_backup_run_finish().
 */
void
td_backup_run_async (const char            *db_path,
                     const char            *folder,
                     TdBackupProgressFunc   progress,
                     gpointer               progress_data,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (folder != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_backup_run_async);
  g_task_set_task_data (task, job_new (db_path, folder, progress, progress_data), job_free);
  g_task_run_in_thread (task, backup_thread);
}

/**
 * td_backup_run_finish:
 *
 * Returns: (transfer full) (nullable): the path of the new backup
 */
char *
td_backup_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;
  char *safety;

  safety = td_backup_restore (job->db_path, job->folder, job->staff_id, now, &error);
  if (safety == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, safety, g_free);
}

/**
 * td_backup_restore_async:
 *
 * td_backup_restore() on a worker thread. Finish with td_backup_restore_finish().
 * Not cancellable once started: a restore is one transaction.
 */
void
td_backup_restore_async (const char           *db_path,
                         const char           *source,
                         gint64                staff_id,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (source != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_backup_restore_async);
  g_task_set_return_on_cancel (task, FALSE);
  job = job_new (db_path, source, NULL, NULL);
  job->staff_id = staff_id;
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * td_backup_restore_finish:
 *
 * Returns: (transfer full) (nullable): the path of the safety copy of the replaced shop
 */
char *
td_backup_restore_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
