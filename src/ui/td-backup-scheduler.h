/* td-backup-scheduler.h — the automatic daily backup, checked at start and every hour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_BACKUP_SCHEDULER (td_backup_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (TdBackupScheduler, td_backup_scheduler, TD, BACKUP_SCHEDULER, GObject)

TdBackupScheduler *td_backup_scheduler_new   (TdContext          *context);
void               td_backup_scheduler_check (TdBackupScheduler  *self);

G_END_DECLS
