/* td-audit-window.h — the audit trail viewer, for the owner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-context.h"

G_BEGIN_DECLS

#define TD_TYPE_AUDIT_WINDOW (td_audit_window_get_type ())

G_DECLARE_FINAL_TYPE (TdAuditWindow, td_audit_window, TD, AUDIT_WINDOW, AdwWindow)

/* Page size of the viewer: rows read per query. */
#define TD_AUDIT_WINDOW_PAGE 200

TdAuditWindow *td_audit_window_new    (TdContext     *context);
guint          td_audit_window_count  (TdAuditWindow *self);

G_END_DECLS
