/* td-store-intake.h — taking items in, and editing them afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-item-draft.h"
#include "td-stock-error.h"

G_BEGIN_DECLS

gboolean   td_store_intake_start         (TdDatabase         *db,
                                          TdAcquisition       acquisition,
                                          gint64              consignor_id,
                                          gint64              staff_id,
                                          gint64              now_us,
                                          gint64             *intake_id,
                                          GError            **error);
GPtrArray *td_store_intake_validate_item (TdDatabase         *db,
                                          gint64              intake_id,
                                          const TdItemDraft  *draft,
                                          GError            **error);
gboolean   td_store_intake_add_item      (TdDatabase         *db,
                                          gint64              intake_id,
                                          const TdItemDraft  *draft,
                                          gint64              now_us,
                                          gint64             *item_id,
                                          char              **sku,
                                          GError            **error);
/* How long after intake an item can still be undone (td_store_intake_undo_item()). */
#define TD_INTAKE_UNDO_WINDOW_US (G_GINT64_CONSTANT (30) * 60 * G_USEC_PER_SEC)

gboolean   td_store_intake_undo_item     (TdDatabase         *db,
                                          gint64              item_id,
                                          gint64              staff_id,
                                          gint64              now_us,
                                          GError            **error);
gboolean   td_store_intake_finish        (TdDatabase         *db,
                                          gint64              intake_id,
                                          gint64              now_us,
                                          guint              *n_items,
                                          GError            **error);

gboolean   td_store_items_load_draft     (TdDatabase         *db,
                                          gint64              item_id,
                                          TdItemDraft        *draft,
                                          GError            **error);
gboolean   td_store_items_update         (TdDatabase         *db,
                                          gint64              item_id,
                                          const TdItemDraft  *draft,
                                          gint64              staff_id,
                                          gint64              now_us,
                                          GError            **error);

G_END_DECLS
