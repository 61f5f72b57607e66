/* td-store-stock-private.h — shared by the stock files of src/core/store (consignors, ledger,
 * intake, item edits, expiry, bulk actions) and by the sale/refund/payout code that credits
 * and debits the ledger inside its own transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-item-draft.h"
#include "td-store-consignors.h"
#include "td-store-expiry.h"
#include "td-store-intake.h"
#include "td-store-private.h"

G_BEGIN_DECLS

#define TD_DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

/* The shop's consignment terms (settings `consignment.*`), always resolved. */
typedef struct
{
  int            share_bp;
  int            period_days;
  TdExpiryAction expiry_action;
} TdStockDefaults;

/**
 * TdLedgerEntry:
 * One ledger movement. Signs by kind: sale > 0 (needs @sale_line_id), refund < 0 (needs
 * @refund_line_id), payout < 0 (needs @payout_id), store credit < 0, adjustment ≠ 0 (needs a
 * @note). Links are 0 when absent. A movement of 0 is never written: no money, no row.
 */
typedef struct
{
  TdLedgerKind  kind;
  gint64        consignor_id;
  gint64        amount;
  gint64        sale_line_id;
  gint64        refund_line_id;
  gint64        payout_id;
  const char   *note;
} TdLedgerEntry;

/* An item of a selection, as the actions on it need it. */
typedef struct
{
  gint64         id;
  char          *sku;
  char          *title;
  char          *brand;
  char          *size;
  char          *colour;
  char          *status;
  TdAcquisition  acquisition;
  gint64         consignor_id;    /* 0: shop stock */
  char          *consignor_code;  /* NULL for shop stock */
  gint64         price;
  gint64         min_price;
  gint64         expires_at;      /* 0: never */
  TdExpiryAction consignor_action; /* the consignor's term, default resolved; 0 for shop stock */
} TdStockItem;

gboolean  td_store_ledger_append      (TdDatabase           *db,
                                       const TdLedgerEntry  *entry,
                                       gint64                now_us,
                                       gint64               *entry_id,
                                       GError              **error);

gboolean  td_stock_load_defaults      (TdDatabase           *db,
                                       TdStockDefaults      *defaults,
                                       GError              **error);
char     *td_stock_trim               (const char           *text);
void      td_stock_bind_text          (TdStmt               *stmt,
                                       int                   index,
                                       const char           *text);
void      td_stock_bind_id            (TdStmt               *stmt,
                                       int                   index,
                                       gint64                id);
gboolean  td_stock_query_int64        (TdDatabase           *db,
                                       TdStmt               *stmt,
                                       gint64               *value,
                                       gboolean             *found,
                                       GError              **error);

void      td_stock_json_string        (GString              *json,
                                       const char           *key,
                                       const char           *value);
void      td_stock_json_int           (GString              *json,
                                       const char           *key,
                                       gint64                value);
void      td_stock_json_raw           (GString              *json,
                                       const char           *key,
                                       const char           *raw);
char     *td_stock_json_strv          (const char * const   *values);

char     *td_stock_search_text        (const char           *title,
                                       const char           *brand,
                                       const char           *sku,
                                       const char           *consignor_code,
                                       const char           *size,
                                       const char           *colour);
gboolean  td_stock_check_references   (TdDatabase           *db,
                                       const TdItemDraft    *draft,
                                       GPtrArray            *problems,
                                       GError              **error);
gboolean  td_stock_replace_codes      (TdDatabase           *db,
                                       gint64                item_id,
                                       const TdItemDraft    *draft,
                                       gboolean             *changed,
                                       GError              **error);

GArray   *td_stock_load_selection     (TdDatabase           *db,
                                       const gint64         *item_ids,
                                       guint                 n_items,
                                       GPtrArray            *problems,
                                       GError              **error);
gboolean  td_stock_item_set_status    (TdDatabase           *db,
                                       const TdStockItem    *item,
                                       const char           *status,
                                       gint64                now_us,
                                       GError              **error);
gboolean  td_stock_item_set_price     (TdDatabase           *db,
                                       const TdStockItem    *item,
                                       gint64                price,
                                       const char           *reason,
                                       gint64                staff_id,
                                       gint64                now_us,
                                       GError              **error);
gboolean  td_stock_item_leave         (TdDatabase           *db,
                                       const TdStockItem    *item,
                                       const char           *status,
                                       const char           *reason,
                                       gint64                staff_id,
                                       gint64                now_us,
                                       GError              **error);
/* Intake inside the caller's transaction (buying at the counter). */
gboolean  td_stock_intake_start_in_txn (TdDatabase        *db,
                                        TdAcquisition      acquisition,
                                        gint64             consignor_id,
                                        gint64             staff_id,
                                        gint64             now_us,
                                        gint64            *intake_id,
                                        GError           **error);
gboolean  td_stock_intake_add_in_txn   (TdDatabase        *db,
                                        gint64             intake_id,
                                        const TdItemDraft *draft,
                                        gint64             now_us,
                                        gint64            *item_id,
                                        char             **sku,
                                        GError           **error);
void      td_stock_problem_not_available (GPtrArray         *problems,
                                          const TdStockItem *item);

G_END_DECLS
