/* td-sync-types.h — the plain records that pass between the store, the sync engine and the
 * marketplace classes: what is published, what came back, what was ordered online.
 *
 * They live in core (no libsoup, no JSON library) so the store can fill and consume them;
 * src/net/ turns them into HTTP requests.
 *
 * Money is in minor units of the shop's currency; times are UTC microseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `sync_job.op` */
typedef enum
{
  TD_SYNC_OP_PUBLISH,      /* create (or find by SKU and adopt) the listing, with photos */
  TD_SYNC_OP_UPDATE,       /* price / title / description changed: update what is live */
  TD_SYNC_OP_WITHDRAW,     /* the item is gone from the shop: end / zero / draft it online */
  TD_SYNC_OP_PULL_ORDERS,  /* poll the account's orders on its cursor */
} TdSyncOp;

const char *td_sync_op_to_string   (TdSyncOp     op);       /* "publish", … as in the table */
gboolean    td_sync_op_from_string (const char  *text,
                                    TdSyncOp    *op);

/* How one remote call ended, for one item (or for a whole order pull). */
typedef enum
{
  TD_SYNC_DONE,      /* done; the listing state is in the outcome */
  TD_SYNC_RETRY,     /* transient (5xx, 429, eBay 25001/25025, timeout): try again later */
  TD_SYNC_OFFLINE,   /* no network / connection refused / DNS: the engine shows the offline
                      * banner and retries without counting an attempt */
  TD_SYNC_REAUTH,    /* token revoked / invalid_grant / 401 after a refresh: the account
                      * waits until staff reconnect it */
  TD_SYNC_FAILED,    /* the marketplace refused the item (validation, policy, not vintage):
                      * no retry until the item or the account changes; message says why */
} TdSyncStatus;

/* `listing.state` */
#define TD_LISTING_DRAFT  "draft"
#define TD_LISTING_QUEUED "queued"
#define TD_LISTING_LIVE   "live"
#define TD_LISTING_ERROR  "error"
#define TD_LISTING_ENDED  "ended"

/* An item as a marketplace needs it, read from the store in one go (td_store_sync_load_item). */
typedef struct
{
  gint64   item_id;
  char    *sku;
  char    *title;
  char    *description;
  gint64   price;             /* effective price now (markdowns applied), minor units */
  char    *currency;          /* ISO 4217, the shop's */
  guint    quantity;          /* 1 for one-off items; 0 when withdrawing */
  char    *condition;         /* grade_marketplace.condition for this account's kind ("" none) */
  char    *condition_note;    /* grade label + defects, plain words ("Good. Stain on cuff.") */
  char    *grade_label;
  char    *brand;
  char    *size;
  char    *colour;
  char    *material;
  char    *category_path;     /* "Clothing › Shoes" */
  gint     vintage_year;      /* 0: unknown / not vintage */
  char   **photo_paths;       /* absolute paths of the originals, main photo first; may be empty */
  char    *remote_id;         /* listing.remote_id, NULL until the marketplace gave one */
  char    *remote_ref;        /* listing.remote_ref: JSON object of secondary ids, "{}" none */
} TdSyncItem;

void        td_sync_item_free     (TdSyncItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSyncItem, td_sync_item_free)

/* The answer for one item of a batch. */
typedef struct
{
  gint64        item_id;
  TdSyncStatus  status;
  char         *listing_state;   /* TD_LISTING_* after the call (DONE), NULL otherwise */
  char         *remote_id;       /* when learnt (nullable) */
  char         *remote_ref;      /* JSON object, when learnt (nullable) */
  char         *message;         /* the marketplace's own reason in plain words (nullable) */
  guint         retry_after_s;   /* RETRY: Retry-After or 0 for the engine's backoff */
} TdSyncOutcome;

TdSyncOutcome *td_sync_outcome_new  (gint64         item_id,
                                     TdSyncStatus   status);
void           td_sync_outcome_free (TdSyncOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSyncOutcome, td_sync_outcome_free)

/* One line of an online order. A line is matched to an item by @sku, else by @remote_id. */
typedef struct
{
  char   *sku;
  char   *remote_id;     /* the marketplace's listing / product id */
  guint   quantity;
  gint64  price;         /* per unit, minor units */
} TdOnlineOrderLine;

typedef struct
{
  char      *order_id;       /* unique per account; de-duplication key */
  gint64     created_at;     /* UTC µs */
  gint64     modified_at;    /* UTC µs; the cursor moves to the largest seen */
  gboolean   paid;           /* only paid orders become sales */
  gboolean   cancelled;
  gint64     total;          /* minor units */
  char      *currency;
  char      *buyer;          /* display name or user id, may be "" */
  GPtrArray *lines;          /* TdOnlineOrderLine, owned */
} TdOnlineOrder;

TdOnlineOrder *td_online_order_new  (const char    *order_id);
void           td_online_order_add_line (TdOnlineOrder *order,
                                     const char    *sku,
                                     const char    *remote_id,
                                     guint          quantity,
                                     gint64         price);
void           td_online_order_free (TdOnlineOrder *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdOnlineOrder, td_online_order_free)

/* One page of an order pull. */
typedef struct
{
  TdSyncStatus  status;          /* DONE, or why not (RETRY/OFFLINE/REAUTH/FAILED) */
  char         *message;
  guint         retry_after_s;
  GPtrArray    *orders;          /* TdOnlineOrder, owned; empty when none */
  char         *next_cursor;     /* to store when every order of the page is imported */
  gboolean      more;            /* another page is waiting: pull again at once */
} TdOrderPage;

TdOrderPage *td_order_page_new  (TdSyncStatus status);
void         td_order_page_free (TdOrderPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdOrderPage, td_order_page_free)

G_END_DECLS
