/* td-item-private.h — how the store builds a TdItem from one row (src/core only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-item.h"

G_BEGIN_DECLS

/* Text fields of one row, borrowed (e.g. from sqlite3_column_text()); NULL reads as "". */
typedef enum
{
  TD_ITEM_TEXT_SKU,
  TD_ITEM_TEXT_TITLE,
  TD_ITEM_TEXT_BRAND,
  TD_ITEM_TEXT_SIZE,
  TD_ITEM_TEXT_COLOUR,
  TD_ITEM_TEXT_CATEGORY_NAME,
  TD_ITEM_TEXT_GRADE_LABEL,
  TD_ITEM_TEXT_CONSIGNOR_CODE,
  TD_ITEM_TEXT_TAG_COLOUR,
  TD_ITEM_N_TEXTS
} TdItemText;

typedef struct
{
  gint64        id;
  gint64        category_id;    /* 0: none */
  gint64        grade_id;       /* 0: none */
  gint64        consignor_id;   /* 0: shop stock */
  gint64        price;
  gint64        min_price;      /* the consignor's minimum; 0: none */
  TdItemStatus  status;
  gint64        intake_at_us;
  gint64        expires_at_us;  /* 0: never */
  const char   *text[TD_ITEM_N_TEXTS];
  int           text_len[TD_ITEM_N_TEXTS];  /* bytes, or -1 for nul-terminated */
} TdItemRow;

TdItem *td_item_new_from_row (const TdItemRow *row);

G_END_DECLS
