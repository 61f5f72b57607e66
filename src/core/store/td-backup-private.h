/* td-backup-private.h — shared by the files of the backup module and its tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "td-backup.h"

G_BEGIN_DECLS

GPtrArray *td_backup_list_names     (const char            *folder);
gboolean   td_backup_copy_database  (sqlite3               *src,
                                     const char            *dest_path,
                                     TdBackupProgressFunc   progress,
                                     gpointer               progress_data,
                                     GCancellable          *cancellable,
                                     GError               **error);

G_END_DECLS
