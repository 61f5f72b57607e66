/* td-store-private.h — shared between the files of src/core/store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database-private.h"
#include "td-store.h"

G_BEGIN_DECLS

gboolean td_store_defaults_seed (TdDatabase  *db,
                                 GError     **error);
gboolean td_store_audit_append  (TdDatabase  *db,
                                 gint64       at_us,
                                 gint64       staff_id,
                                 const char  *action,
                                 const char  *entity,
                                 gint64       entity_id,
                                 const char  *detail_json,
                                 GError     **error);

G_END_DECLS
