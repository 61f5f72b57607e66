/* td-item-filter.h — which items the inventory shows, and in what order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "td-item.h"

G_BEGIN_DECLS

/**
 * TdItemAge:
 * How long ago an item was taken in, in whole 24-hour days: under 7, 7–29, 30–59, 60–89,
 * 90 and more.
 */
typedef enum
{
  TD_ITEM_AGE_ANY,
  TD_ITEM_AGE_UNDER_WEEK,
  TD_ITEM_AGE_UNDER_MONTH,
  TD_ITEM_AGE_ONE_TO_TWO_MONTHS,
  TD_ITEM_AGE_TWO_TO_THREE_MONTHS,
  TD_ITEM_AGE_OVER_THREE_MONTHS,
} TdItemAge;

#define TD_ITEM_N_AGES (TD_ITEM_AGE_OVER_THREE_MONTHS + 1)

/**
 * TdItemListed:
 * Whether an item is listed online: a `listing` in state queued or live.
 */
typedef enum
{
  TD_ITEM_LISTED_ANY,
  TD_ITEM_LISTED_YES,
  TD_ITEM_LISTED_NO,
} TdItemListed;

/**
 * TdItemSortKey:
 * @TD_ITEM_SORT_INTAKE: intake order (descending: newest first, the default; cheap both ways)
 * @TD_ITEM_SORT_PRICE: ticket price, then intake
 * @TD_ITEM_SORT_TITLE: title (ASCII case folded), then intake
 * @TD_ITEM_SORT_BRAND: brand, then intake
 * @TD_ITEM_SORT_SKU: SKU, then intake
 *
 * Any key but intake sorts every match: an explicit choice, never the keystroke path.
 */
typedef enum
{
  TD_ITEM_SORT_INTAKE,
  TD_ITEM_SORT_PRICE,
  TD_ITEM_SORT_TITLE,
  TD_ITEM_SORT_BRAND,
  TD_ITEM_SORT_SKU,
} TdItemSortKey;

#define TD_ITEM_N_SORT_KEYS (TD_ITEM_SORT_SKU + 1)

/* TdItemFilter.consignor_id for the shop's own stock (items of no consignor). */
#define TD_ITEM_FILTER_SHOP_STOCK ((gint64) -1)
/* TdItemFilter.status for any status. */
#define TD_ITEM_FILTER_ANY_STATUS (-1)

/**
 * TdItemFilter:
 * @status: a #TdItemStatus, or %TD_ITEM_FILTER_ANY_STATUS
 * @category_id: 0 for any; a category includes its subcategories
 * @consignor_id: 0 for any, or %TD_ITEM_FILTER_SHOP_STOCK
 * @grade_id: 0 for any
 * @age: %TD_ITEM_AGE_ANY or a bucket
 * @listed: whether listed online
 * @now_us: the moment @age is counted from, UTC µs; 0 means "read the clock when the
 *   filter is applied" (the clock is read once per query, so pages stay consistent)
 *
 * All set members must hold (AND). Start from td_item_filter_init().
 */
typedef struct
{
  int           status;
  gint64        category_id;
  gint64        consignor_id;
  gint64        grade_id;
  TdItemAge     age;
  TdItemListed  listed;
  gint64        now_us;
} TdItemFilter;

void        td_item_filter_init      (TdItemFilter        *filter);
gboolean    td_item_filter_is_empty  (const TdItemFilter  *filter);
gboolean    td_item_filter_equal     (const TdItemFilter  *a,
                                      const TdItemFilter  *b);

TdItemAge   td_item_age_for          (gint64               intake_at_us,
                                      gint64               now_us);
void        td_item_age_get_range    (TdItemAge            age,
                                      gint64               now_us,
                                      gint64              *from_us,
                                      gint64              *to_us);
const char *td_item_age_get_label    (TdItemAge            age);
char       *td_item_format_age       (gint64               intake_at_us,
                                      gint64               now_us);

G_END_DECLS
