/* td-item.h — one item of stock, as the inventory shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * TdItemStatus:
 * Where an item is in its life; stored as the text in item.status.
 */
typedef enum
{
  TD_ITEM_STATUS_DRAFT,
  TD_ITEM_STATUS_AVAILABLE,
  TD_ITEM_STATUS_HELD,
  TD_ITEM_STATUS_SOLD,
  TD_ITEM_STATUS_RETURNED,
  TD_ITEM_STATUS_DONATED,
  TD_ITEM_STATUS_DAMAGED,
} TdItemStatus;

#define TD_ITEM_N_STATUSES (TD_ITEM_STATUS_DAMAGED + 1)

#define TD_TYPE_ITEM_STATUS (td_item_status_get_type ())
GType         td_item_status_get_type    (void) G_GNUC_CONST;
const char   *td_item_status_to_string   (TdItemStatus  status);
gboolean      td_item_status_from_string (const char   *text,
                                          TdItemStatus *status);
const char   *td_item_status_get_label   (TdItemStatus  status);

#define TD_TYPE_ITEM (td_item_get_type ())

G_DECLARE_FINAL_TYPE (TdItem, td_item, TD, ITEM, GObject)

gboolean      td_item_equal              (TdItem *a,
                                          TdItem *b);
gint64        td_item_get_id             (TdItem *self);
const char   *td_item_get_sku            (TdItem *self);
const char   *td_item_get_title          (TdItem *self);
const char   *td_item_get_brand          (TdItem *self);
const char   *td_item_get_size           (TdItem *self);
const char   *td_item_get_colour         (TdItem *self);
gint64        td_item_get_category_id    (TdItem *self);
const char   *td_item_get_category_name  (TdItem *self);
gint64        td_item_get_grade_id       (TdItem *self);
const char   *td_item_get_grade_label    (TdItem *self);
gint64        td_item_get_consignor_id   (TdItem *self);
const char   *td_item_get_consignor_code (TdItem *self);
gint64        td_item_get_price          (TdItem *self);
gint64        td_item_get_min_price      (TdItem *self);
const char   *td_item_get_tag_colour     (TdItem *self);
TdItemStatus  td_item_get_status         (TdItem *self);
gint64        td_item_get_intake_at_us   (TdItem *self);
GDateTime    *td_item_dup_intake_at      (TdItem *self);
gint64        td_item_get_expires_at_us  (TdItem *self);
GDateTime    *td_item_dup_expires_at     (TdItem *self);

G_END_DECLS
