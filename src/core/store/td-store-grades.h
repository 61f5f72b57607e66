/* td-store-grades.h — the shop's grading scale and its per-category defect checklists, as the
 * Preferences edit them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-stock-error.h"

G_BEGIN_DECLS

/* Field names of the problems td_store_grades_save() and td_store_categories_set_defects()
 * report (TD_STOCK_ERROR_INVALID). */
#define TD_FIELD_GRADE_LABEL      "label"
#define TD_FIELD_GRADE_DEFINITION "definition"
#define TD_FIELD_GRADE_EBAY       "ebay"
#define TD_FIELD_GRADE_ETSY       "etsy"
#define TD_FIELD_GRADE_SHOPIFY    "shopify"
#define TD_FIELD_DEFECTS          "defects"

#define TD_GRADE_LABEL_MAX        40
#define TD_GRADE_DEFINITION_MAX   120
#define TD_DEFECT_LABEL_MAX       40
#define TD_DEFECTS_MAX            20

/**
 * TdGradeRecord:
 * One grade of the scale with its marketplace conditions; strings owned (free with
 * td_grade_record_clear(), or by the array td_store_grades_list() returns).
 * @ebay: the eBay Inventory API ConditionEnum value ("USED_GOOD"), "" when unmapped
 * @etsy: the value sent to Etsy, "" when unmapped
 * @shopify: the Shopify condition tag, "" when unmapped
 */
typedef struct
{
  gint64    id;
  char     *code;
  char     *label;
  char     *definition;
  int       position;
  gboolean  active;
  char     *ebay;
  char     *etsy;
  char     *shopify;
} TdGradeRecord;

void       td_grade_record_clear          (TdGradeRecord  *record);
gboolean   td_grade_ebay_condition_is_known (const char   *condition);

GArray    *td_store_grades_list           (TdDatabase     *db,
                                           GError        **error);
gboolean   td_store_grades_save           (TdDatabase     *db,
                                           gint64          grade_id,
                                           const TdGradeRecord *grade,
                                           gint64          now_us,
                                           gint64         *new_id,
                                           GError        **error);
gboolean   td_store_grades_move           (TdDatabase     *db,
                                           gint64          grade_id,
                                           int             delta,
                                           gint64          now_us,
                                           GError        **error);
gboolean   td_store_categories_set_defects (TdDatabase         *db,
                                            gint64              category_id,
                                            const char * const *defects,
                                            gint64              now_us,
                                            GError            **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TdGradeRecord, td_grade_record_clear)

G_END_DECLS
