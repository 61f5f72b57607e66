/* td-audit-entry.h — one audit row, as the audit viewer's columns show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "td-store-audit-query.h"

G_BEGIN_DECLS

#define TD_TYPE_AUDIT_ENTRY (td_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (TdAuditEntry, td_audit_entry, TD, AUDIT_ENTRY, GObject)

TdAuditEntry *td_audit_entry_new    (const TdAuditRow *row);
gint64        td_audit_entry_get_id (TdAuditEntry     *self);

G_END_DECLS
