/* td-store-items-query.h — finding items: search-as-you-type, filters, pages, lookups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-item.h"
#include "td-item-filter.h"

G_BEGIN_DECLS

/* "1,000+": counts on the keystroke path stop here (see td_store_items_query_count()). */
#define TD_ITEM_QUERY_COUNT_CAP 1000

typedef struct _TdItemQuery TdItemQuery;

TdItemQuery        *td_store_items_query_new         (TdDatabase          *db,
                                                      const char          *typed,
                                                      const TdItemFilter  *filter,
                                                      TdItemSortKey        sort,
                                                      gboolean             descending,
                                                      GError             **error);
TdItemQuery        *td_item_query_ref                (TdItemQuery         *query);
void                td_item_query_unref              (TdItemQuery         *query);
const char         *td_item_query_get_typed          (TdItemQuery         *query);
const TdItemFilter *td_item_query_get_filter         (TdItemQuery         *query);
TdItemSortKey       td_item_query_get_sort_key       (TdItemQuery         *query);
gboolean            td_item_query_get_descending     (TdItemQuery         *query);
gboolean            td_item_query_is_keyset          (TdItemQuery         *query);
gboolean            td_item_query_is_code_hit        (TdItemQuery         *query);

gboolean            td_store_items_query_fetch       (TdDatabase          *db,
                                                      TdItemQuery         *query,
                                                      gint64               after_id,
                                                      guint                limit,
                                                      GPtrArray           *items,
                                                      GError             **error);
gboolean            td_store_items_query_fetch_offset (TdDatabase         *db,
                                                      TdItemQuery         *query,
                                                      guint                offset,
                                                      guint                limit,
                                                      GPtrArray           *items,
                                                      GError             **error);
gboolean            td_store_items_query_count       (TdDatabase          *db,
                                                      TdItemQuery         *query,
                                                      guint                cap,
                                                      guint               *count,
                                                      GError             **error);
gboolean            td_store_items_query_skip        (TdDatabase          *db,
                                                      TdItemQuery         *query,
                                                      gint64               after_id,
                                                      guint                n,
                                                      gint64              *id,
                                                      GError             **error);
gboolean            td_store_items_query_scan        (TdDatabase          *db,
                                                      TdItemQuery         *query,
                                                      guint                every,
                                                      GArray              *ids,
                                                      guint               *count,
                                                      GCancellable        *cancellable,
                                                      GError             **error);

gboolean            td_store_items_load              (TdDatabase          *db,
                                                      const gint64        *ids,
                                                      guint                n_ids,
                                                      GPtrArray           *items,
                                                      GError             **error);
TdItem             *td_store_items_lookup_sku        (TdDatabase          *db,
                                                      const char          *sku,
                                                      GError             **error);
gboolean            td_store_items_lookup_code       (TdDatabase          *db,
                                                      const char          *code,
                                                      GPtrArray           *items,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdItemQuery, td_item_query_unref)

G_END_DECLS
