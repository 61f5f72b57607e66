/* td-store-audit-query.h — reading the audit trail, a page at a time (the owner's viewer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"

G_BEGIN_DECLS

/**
 * TdAuditFilter:
 * @from_us: (inclusive) UTC µs, 0 for no lower bound
 * @to_us: (exclusive) UTC µs, 0 for no upper bound
 * @staff_id: only this staff member's rows; 0 for everyone
 * @kind: (nullable): an action (`item.price_changed`) or a prefix ending in `.` (`item.`)
 * @entity: (nullable): only rows about this kind of record (`item`, `consignor` …)
 * @text: (nullable): words that must appear in the action, the entity or the detail
 */
typedef struct
{
  gint64      from_us;
  gint64      to_us;
  gint64      staff_id;
  const char *kind;
  const char *entity;
  const char *text;
} TdAuditFilter;

/* A row of the trail; strings owned by the row. */
typedef struct
{
  gint64  id;
  gint64  at;
  gint64  staff_id;     /* 0: nobody signed in */
  char   *staff_name;   /* NULL when staff_id is 0 */
  char   *action;
  char   *entity;
  gint64  entity_id;
  char   *detail;       /* a JSON object */
} TdAuditRow;

void       td_audit_row_free          (TdAuditRow           *row);

/**
 * td_store_audit_query:
 * @filter: (nullable): what to show; %NULL for everything
 * @before_id: 0 for the newest page; else the id of the last row of the previous page
 * @limit: rows per page (1 … 1000)
 *
 * Newest first, keyset-paged on the id (no OFFSET: each page costs the same).
 * Returns: (transfer full) (element-type TdAuditRow): at most @limit rows
 */
GPtrArray *td_store_audit_query       (TdDatabase           *db,
                                       const TdAuditFilter  *filter,
                                       gint64                before_id,
                                       guint                 limit,
                                       GError              **error);

/* Returns: (transfer full): the distinct actions on record, sorted, for a filter menu. */
GStrv      td_store_audit_list_kinds  (TdDatabase           *db,
                                       GError              **error);

G_END_DECLS
