/* td-backup-scheduler.c — the automatic daily backup.
 *
 * Checked shortly after start and then every hour while Thriftdesk runs: when a backup
 * folder is set and it holds no backup of today, one is made on a worker thread (the
 * counter goes on). The newest backup's name says when it was made, so nothing else is
 * stored. A failure is logged and retried at the next check; the Backups page shows the
 * last backup's time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-backup"

#include "config.h"

#include "td-backup-scheduler.h"
#include "td-backup.h"

#define FIRST_CHECK_S 30
#define CHECK_EVERY_S 3600

struct _TdBackupScheduler
{
  GObject       parent_instance;

  TdContext    *context;
  GCancellable *cancellable;
  guint         timeout_id;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (TdBackupScheduler, td_backup_scheduler, G_TYPE_OBJECT)

static char *
dup_folder (TdBackupScheduler *self)
{
  GSettings *settings = td_context_get_settings (self->context);

  return settings ? g_settings_get_string (settings, "backup-folder") : NULL;
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdBackupScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = td_backup_run_finish (result, &error);

  self->running = FALSE;
  if (path == NULL)
    g_message ("The automatic backup failed: %s", error->message);
  else
    g_debug ("Automatic backup written to %s", path);
}

/**
 * td_backup_scheduler_check:
 *
 * Backs up now when a folder is set and today has no backup yet.
 */
void
td_backup_scheduler_check (TdBackupScheduler *self)
{
  g_autofree char *folder = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (TD_IS_BACKUP_SCHEDULER (self));

  folder = dup_folder (self);
  if (self->running || folder == NULL || folder[0] == '\0')
    return;
  last = td_backup_dup_last (folder);
  if (!td_backup_is_due (last, now))
    return;

  self->running = TRUE;
  td_backup_run_async (td_database_get_path (td_context_get_database (self->context)), folder,
                       NULL, NULL, self->cancellable, backup_done_cb, g_object_ref (self));
}

static gboolean
check_cb (gpointer user_data)
{
  TdBackupScheduler *self = user_data;

  td_backup_scheduler_check (self);
  self->timeout_id = g_timeout_add_seconds (CHECK_EVERY_S, check_cb, self);
  return G_SOURCE_REMOVE;
}

static void
td_backup_scheduler_dispose (GObject *object)
{
  TdBackupScheduler *self = (TdBackupScheduler *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (td_backup_scheduler_parent_class)->dispose (object);
}

static void
td_backup_scheduler_finalize (GObject *object)
{
  TdBackupScheduler *self = (TdBackupScheduler *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (td_backup_scheduler_parent_class)->finalize (object);
}

static void
td_backup_scheduler_class_init (TdBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_backup_scheduler_dispose;
  object_class->finalize = td_backup_scheduler_finalize;
}

static void
td_backup_scheduler_init (TdBackupScheduler *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * td_backup_scheduler_new:
 * @context: the open shop
 *
 * Returns: (transfer full): a scheduler that checks in half a minute, then hourly
 */
TdBackupScheduler *
td_backup_scheduler_new (TdContext *context)
{
  TdBackupScheduler *self;

  g_return_val_if_fail (TD_IS_CONTEXT (context), NULL);

  self = g_object_new (TD_TYPE_BACKUP_SCHEDULER, NULL);
  self->context = g_object_ref (context);
  self->timeout_id = g_timeout_add_seconds (FIRST_CHECK_S, check_cb, self);
  return self;
}
