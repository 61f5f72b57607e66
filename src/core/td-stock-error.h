/* td-stock-error.h — refusals of the stock write side, each tied to the field it is about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_STOCK_ERROR (td_stock_error_quark ())

/**
 * TdStockError:
 * @TD_STOCK_ERROR_INVALID: a draft or a request has problems a person can fix at a field;
 *   td_stock_error_get_problems() lists all of them. Nothing was written.
 * @TD_STOCK_ERROR_NOT_FOUND: the consignor, intake or item does not exist
 * @TD_STOCK_ERROR_NOT_AVAILABLE: an item of the selection can't take the action (sold,
 *   returned, not consigned, not expired …); the problems name each item. Nothing was written.
 * @TD_STOCK_ERROR_INTAKE_FINISHED: the intake session was already finished
 */
typedef enum
{
  TD_STOCK_ERROR_INVALID,
  TD_STOCK_ERROR_NOT_FOUND,
  TD_STOCK_ERROR_NOT_AVAILABLE,
  TD_STOCK_ERROR_INTAKE_FINISHED,
} TdStockError;

/* Field names the problems use: the UI maps them to its widgets. */
#define TD_FIELD_CODE          "code"
#define TD_FIELD_NAME          "name"
#define TD_FIELD_EMAIL         "email"
#define TD_FIELD_SHARE         "share_bp"
#define TD_FIELD_PERIOD        "period_days"
#define TD_FIELD_EXPIRY_ACTION "expiry_action"
#define TD_FIELD_MIN_PAYOUT    "min_payout"
#define TD_FIELD_PAYOUT_METHOD "payout_method"
#define TD_FIELD_CONSIGNOR     "consignor_id"
#define TD_FIELD_TITLE         "title"
#define TD_FIELD_CATEGORY      "category_id"
#define TD_FIELD_GRADE         "grade_id"
#define TD_FIELD_PRICE         "price"
#define TD_FIELD_MIN_PRICE     "min_price"
#define TD_FIELD_COST          "cost"
#define TD_FIELD_QUANTITY      "quantity"
#define TD_FIELD_SKU           "sku"
#define TD_FIELD_CODES         "codes"
#define TD_FIELD_AMOUNT        "amount"
#define TD_FIELD_NOTE          "note"
#define TD_FIELD_PERCENT       "percent_bp"
#define TD_FIELD_STATUS        "status"

/**
 * TdFieldProblem:
 * @field: a `TD_FIELD_*` name
 * @item_id: for actions on a selection, the item the problem is about; 0 for a form field
 * @message: a plain sentence for staff, translated
 */
typedef struct
{
  char   *field;
  gint64  item_id;
  char   *message;
} TdFieldProblem;

GQuark                td_stock_error_quark        (void);

GPtrArray            *td_field_problems_new       (void);
void                  td_field_problems_add       (GPtrArray    *problems,
                                                   const char   *field,
                                                   gint64        item_id,
                                                   const char   *format,
                                                   ...) G_GNUC_PRINTF (4, 5);
const TdFieldProblem *td_field_problems_find      (GPtrArray    *problems,
                                                   const char   *field);

gboolean              td_stock_error_set_problems (GError      **error,
                                                   TdStockError  code,
                                                   GPtrArray    *problems);
GPtrArray            *td_stock_error_get_problems (const GError *error);

G_END_DECLS
