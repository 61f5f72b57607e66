/* td-store-demo.h — the rows the demo generator writes (for src/core/td-demo.c only).
 *
 * Plain row structs in, row ids out: the generator never sees SQL or sqlite3.
 * Every function runs inside the generator's one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"

G_BEGIN_DECLS

typedef struct
{
  const char *code;
  const char *name;
  const char *phone;
  const char *email;
  const char *address;
  const char *notes;
  int         share_bp;       /* -1: the shop default (NULL) */
  int         period_days;    /* 0: the shop default (NULL) */
  const char *expiry_action;  /* NULL: the shop default */
  gint64      min_payout;
  const char *payout_method;
  gint64      created_at;
} TdStoreDemoConsignor;

typedef struct
{
  const char *sku;
  gint64      consignor_id;   /* 0: shop stock (NULL) */
  const char *acquisition;
  gint64      intake_id;
  const char *title;
  const char *description;
  gint64      category_id;
  const char *brand;
  const char *size;
  const char *colour;
  const char *material;
  gint64      grade_id;
  const char *defects;        /* JSON array */
  gint64      price;
  gint64      min_price;
  gint64      cost;           /* -1: unknown (NULL) */
  int         share_bp;       /* -1: shop stock (NULL) */
  const char *status;
  int         vintage_year;   /* 0: NULL */
  const char *search_text;
  gint64      intake_at;
  gint64      expires_at;     /* 0: never (NULL) */
  gint64      updated_at;
} TdStoreDemoItem;

/* A sale with its one payment; `amount - change == total`. */
typedef struct
{
  gint64      receipt_no;
  gint64      staff_id;
  gint64      created_at;
  int         sold_day;
  gint64      subtotal;       /* sum of the lines' list prices */
  gint64      discount;       /* sum of the lines' discounts */
  const char *discount_reason;
  gint64      total;          /* subtotal - discount (no tax, no rounding) */
  const char *tender;
  gint64      tendered;
  gint64      change;
} TdStoreDemoSale;

/* Title, SKU, category, grade and consignor are copied from the item at the sale. */
typedef struct
{
  gint64 item_id;
  gint64 consignor_id;        /* 0: shop stock, no ledger credit */
  gint64 list_price;
  gint64 discount;
  gint64 price;
  int    share_bp;
  gint64 consignor_share;
  gint64 sold_at;
  int    sold_day;
} TdStoreDemoLine;

/* The same shape as TdTransactionFunc, without the sqlite3 header. */
typedef gboolean (*TdStoreDemoFunc) (TdDatabase  *db,
                                     gpointer     user_data,
                                     GError     **error);

gboolean td_store_demo_prepare_connection (TdDatabase                  *db,
                                           GError                     **error);
gboolean td_store_demo_transaction        (TdDatabase                  *db,
                                           TdStoreDemoFunc              func,
                                           gpointer                     user_data,
                                           GError                     **error);
gboolean td_store_demo_begin_bulk         (TdDatabase                  *db,
                                           char                       **saved,
                                           GError                     **error);
gboolean td_store_demo_index_items        (TdDatabase                  *db,
                                           gint64                       first_id,
                                           gint64                       last_id,
                                           GError                     **error);
gboolean td_store_demo_end_bulk           (TdDatabase                  *db,
                                           const char                  *saved,
                                           GError                     **error);
gboolean td_store_demo_lookup_grade       (TdDatabase                  *db,
                                           const char                  *code,
                                           gint64                      *id,
                                           GError                     **error);
gboolean td_store_demo_lookup_category    (TdDatabase                  *db,
                                           const char                  *code,
                                           gint64                      *id,
                                           GStrv                       *defects,
                                           GError                     **error);
gboolean td_store_demo_insert_staff       (TdDatabase                  *db,
                                           const char                  *name,
                                           const char                  *role,
                                           gint64                       created_at,
                                           gint64                      *id,
                                           GError                     **error);
gboolean td_store_demo_insert_consignor   (TdDatabase                  *db,
                                           const TdStoreDemoConsignor  *consignor,
                                           gint64                      *id,
                                           GError                     **error);
gboolean td_store_demo_insert_closure     (TdDatabase                  *db,
                                           int                          first_day,
                                           int                          last_day,
                                           const char                  *note,
                                           GError                     **error);
gboolean td_store_demo_insert_intake      (TdDatabase                  *db,
                                           gint64                       consignor_id,
                                           const char                  *acquisition,
                                           gint64                       staff_id,
                                           gint64                       started_at,
                                           gint64                       finished_at,
                                           gint64                      *id,
                                           GError                     **error);
gboolean td_store_demo_insert_item        (TdDatabase                  *db,
                                           const TdStoreDemoItem       *item,
                                           gint64                      *id,
                                           GError                     **error);
gboolean td_store_demo_insert_item_code   (TdDatabase                  *db,
                                           gint64                       item_id,
                                           const char                  *code,
                                           GError                     **error);
gboolean td_store_demo_insert_sale        (TdDatabase                  *db,
                                           const TdStoreDemoSale       *sale,
                                           gint64                      *id,
                                           GError                     **error);
gboolean td_store_demo_insert_sale_line   (TdDatabase                  *db,
                                           gint64                       sale_id,
                                           const TdStoreDemoLine       *line,
                                           GError                     **error);
gboolean td_store_demo_insert_payout      (TdDatabase                  *db,
                                           gint64                       consignor_id,
                                           gint64                       amount,
                                           const char                  *method,
                                           const char                  *reference,
                                           gint64                       staff_id,
                                           gint64                       at,
                                           GError                     **error);
gboolean td_store_demo_set_sku_sequence   (TdDatabase                  *db,
                                           const char                  *prefix,
                                           gint64                       last,
                                           GError                     **error);
gboolean td_store_demo_insert_audit       (TdDatabase                  *db,
                                           gint64                       at,
                                           const char                  *action,
                                           const char                  *detail_json,
                                           GError                     **error);

G_END_DECLS
