/* td-backup-page.h — the Backups page of Preferences: folder, back up now, restore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_BACKUP_PAGE (td_backup_page_get_type ())

G_DECLARE_FINAL_TYPE (TdBackupPage, td_backup_page, TD, BACKUP_PAGE, AdwPreferencesPage)

TdBackupPage *td_backup_page_new (TdContext *context);

G_END_DECLS
