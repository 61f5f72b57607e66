/* td-staff-page.h — Preferences › Staff: accounts, roles, PINs, the counter lock, secrets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_STAFF_PAGE (td_staff_page_get_type ())

G_DECLARE_FINAL_TYPE (TdStaffPage, td_staff_page, TD, STAFF_PAGE, AdwPreferencesPage)

TdStaffPage *td_staff_page_new    (TdContext   *context);
void         td_staff_page_reload (TdStaffPage *self);

/* The edit dialog's fields, for tests: name entry, role dropdown, PIN entry, active switch. */
GtkWidget   *td_staff_page_edit   (TdStaffPage *self,
                                   gint64       staff_id);
gboolean     td_staff_page_save   (TdStaffPage *self,
                                   GtkWidget   *dialog);

G_END_DECLS
