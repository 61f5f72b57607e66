/* td-item-list.h — the inventory as a list model, read a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-database.h"
#include "td-item.h"
#include "td-item-filter.h"

G_BEGIN_DECLS

/* Rows read per page, and pages kept (least recently used go first). */
#define TD_ITEM_LIST_PAGE_SIZE 100
#define TD_ITEM_LIST_N_PAGES   8

#define TD_TYPE_ITEM_LIST (td_item_list_get_type ())

G_DECLARE_FINAL_TYPE (TdItemList, td_item_list, TD, ITEM_LIST, GObject)

TdItemList *td_item_list_new                (TdDatabase          *db);
void        td_item_list_set_query          (TdItemList          *self,
                                             const char          *typed,
                                             const TdItemFilter  *filter,
                                             TdItemSortKey        sort,
                                             gboolean             descending);
void        td_item_list_set_search         (TdItemList          *self,
                                             const char          *typed);
const char *td_item_list_get_search         (TdItemList          *self);
void        td_item_list_set_filter         (TdItemList          *self,
                                             const TdItemFilter  *filter);
void        td_item_list_get_filter         (TdItemList          *self,
                                             TdItemFilter        *filter);
void        td_item_list_set_sort           (TdItemList          *self,
                                             TdItemSortKey        sort,
                                             gboolean             descending);
void        td_item_list_reload             (TdItemList          *self);
gboolean    td_item_list_get_count_exact    (TdItemList          *self);
gboolean    td_item_list_get_code_hit       (TdItemList          *self);
gboolean    td_item_list_get_loading        (TdItemList          *self);
guint       td_item_list_get_page_fetches   (TdItemList          *self);
void        td_item_list_count_async        (TdItemList          *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    td_item_list_count_finish       (TdItemList          *self,
                                             GAsyncResult        *result,
                                             guint               *n_items,
                                             GError             **error);

G_END_DECLS
