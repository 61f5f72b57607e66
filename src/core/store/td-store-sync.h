/* td-store-sync.h — the marketplace outbox and what the sync engine reads and writes.
 *
 * Every change that must reach a marketplace writes `sync_job` rows in the same transaction as
 * the change (sales already do; item edits and expiry actions do it through the triggers of
 * migration 0010; publish/withdraw requests here). The engine claims due jobs, asks the
 * marketplace, and reports back with td_store_sync_finish(); remote ids are stored the moment
 * they are known with td_store_sync_remote_known(). Nothing here talks to the network.
 *
 * Coalescing: a pending `update` for the same (account, item) is never queued twice; claiming
 * a `publish` folds pending `update`s of that item into it; a `withdraw` supersedes pending
 * `publish`/`update` jobs of that item.
 *
 * Crash safety: jobs left 'running' by a dead process go back to 'pending' on
 * td_store_sync_recover(); the marketplace class looks up by SKU before any create.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-sync-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  gint64    account_id;
  gint64    item_id;        /* 0 for pull_orders */
  TdSyncOp  op;
  guint     attempts;
  gint64    next_at;        /* UTC µs */
  char     *state;          /* pending, running, done, failed */
  char     *last_error;
  gint64    created_at;
  /* joined for display */
  char     *sku;
  char     *title;
  char     *account_name;
} TdSyncJob;

void td_sync_job_free (TdSyncJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSyncJob, td_sync_job_free)

/* An item's listing on one account: what the badges show. */
typedef struct
{
  gint64  account_id;
  char   *account_name;
  char   *kind;
  char   *state;         /* TD_LISTING_* */
  char   *remote_id;
  char   *last_error;    /* the marketplace's own words, "" none */
  gint64  synced_at;     /* 0 never */
} TdListingStatus;

void td_listing_status_free (TdListingStatus *status);

/* A sale in both places: shown prominently until staff resolve it. */
typedef struct
{
  gint64  id;
  gint64  account_id;
  char   *account_name;
  gint64  item_id;
  char   *sku;
  char   *title;
  char   *external_order_id;
  gint64  shop_sale_id;       /* the sale that sold it first (0 if it left another way) */
  gint64  shop_receipt_no;
  gint64  detected_at;
  char   *resolution;         /* NULL while open */
} TdSyncConflict;

void td_sync_conflict_free (TdSyncConflict *conflict);

typedef struct
{
  guint pending;
  guint running;
  guint failed;
  guint open_conflicts;
  guint listings_in_error;
} TdSyncCounts;

/* ---- requests from staff (UI) ---------------------------------------------------------- */

/* Puts the item on the account: listing row 'queued' + a publish job (one transaction).
 * Refuses items that are not available, unknown accounts, inactive accounts, and (Etsy)
 * items that are not vintage (vintage_year ≥ 20 years before @now_us), with a plain reason. */
gboolean   td_store_sync_request_publish  (TdDatabase  *db,
                                           gint64       item_id,
                                           gint64       account_id,
                                           gint64       staff_id,
                                           gint64       now_us,
                                           GError     **error);
gboolean   td_store_sync_request_withdraw (TdDatabase  *db,
                                           gint64       item_id,
                                           gint64       account_id,
                                           gint64       staff_id,
                                           gint64       now_us,
                                           GError     **error);
/* Failed jobs (all when @job_id is 0) go back to pending, due now. */
gboolean   td_store_sync_retry            (TdDatabase  *db,
                                           gint64       job_id,
                                           gint64       now_us,
                                           GError     **error);
/* Queues a pull_orders job for every active account, due now ("Sync now"). */
gboolean   td_store_sync_request_pull     (TdDatabase  *db,
                                           gint64       now_us,
                                           GError     **error);

/* ---- engine ----------------------------------------------------------------------------- */

gboolean   td_store_sync_recover          (TdDatabase  *db,
                                           GError     **error);
/* Claims up to @max due jobs of one account and one op (withdrawals first, then by priority
 * and age), marks them running, applies coalescing. Returns: (element-type TdSyncJob). */
GPtrArray *td_store_sync_claim            (TdDatabase  *db,
                                           gint64       account_id,
                                           TdSyncOp     op,
                                           guint        max,
                                           gint64       now_us,
                                           GError     **error);
/* Earliest next_at of a pending job of @account_id (0 any), or 0 when none. */
gint64     td_store_sync_next_due         (TdDatabase  *db,
                                           gint64       account_id,
                                           GError     **error);
/* The same for jobs of @op only (a read: no write lock taken). */
gint64     td_store_sync_next_due_op      (TdDatabase  *db,
                                           gint64       account_id,
                                           TdSyncOp     op,
                                           GError     **error);
TdSyncItem *td_store_sync_load_item       (TdDatabase  *db,
                                           gint64       account_id,
                                           gint64       item_id,
                                           const char  *photos_root,
                                           gint64       now_us,
                                           GError     **error);
gboolean   td_store_sync_remote_known     (TdDatabase  *db,
                                           gint64       account_id,
                                           gint64       item_id,
                                           const char  *remote_id,
                                           const char  *remote_ref,
                                           gint64       now_us,
                                           GError     **error);
/* Records the outcome of job @job_id: DONE → job done, listing state/remote ids/price_sent;
 * RETRY/OFFLINE → pending again at now + max(retry_after, backoff with jitter), attempts+1
 * (not for OFFLINE); REAUTH/FAILED → job failed, listing 'error' with the message. */
gboolean   td_store_sync_finish           (TdDatabase  *db,
                                           gint64       job_id,
                                           const TdSyncOutcome *outcome,
                                           gint64       now_us,
                                           GError     **error);
/* The same for @n jobs (a batch's outcomes) in ONE transaction; nothing recorded on error. */
gboolean   td_store_sync_finish_many      (TdDatabase  *db,
                                           const gint64 *job_ids,
                                           const TdSyncOutcome *const *outcomes,
                                           guint        n,
                                           gint64       now_us,
                                           GError     **error);

char      *td_store_sync_cursor_get       (TdDatabase  *db,
                                           gint64       account_id,
                                           const char  *name,
                                           GError     **error);
gboolean   td_store_sync_cursor_set       (TdDatabase  *db,
                                           gint64       account_id,
                                           const char  *name,
                                           const char  *value,
                                           GError     **error);

typedef enum
{
  TD_ORDER_IMPORTED,     /* became a sale (channel = the account's kind) */
  TD_ORDER_DUPLICATE,    /* seen before: nothing written */
  TD_ORDER_CONFLICT,     /* an item was no longer available: conflict row written */
  TD_ORDER_SKIPPED,      /* unpaid, cancelled, or no line matches a shop item */
} TdOrderImport;

/* One transaction: sale + lines + payment (tender 'marketplace', register 'online'), items
 * sold, consignor credits, withdraw jobs for the item's other listings, audit — or a conflict
 * row, or nothing. */
gboolean   td_store_sync_import_order     (TdDatabase  *db,
                                           gint64       account_id,
                                           const TdOnlineOrder *order,
                                           gint64       now_us,
                                           TdOrderImport *result,
                                           GError     **error);

/* ---- status (UI) ------------------------------------------------------------------------ */

/* Returns: (element-type TdListingStatus) */
GPtrArray *td_store_sync_item_listings    (TdDatabase  *db,
                                           gint64       item_id,
                                           GError     **error);
/* Jobs by state ("pending", "failed", NULL all), newest first, at most @limit.
 * Returns: (element-type TdSyncJob) */
GPtrArray *td_store_sync_list_jobs        (TdDatabase  *db,
                                           const char  *state,
                                           guint        limit,
                                           GError     **error);
/* Returns: (element-type TdSyncConflict) */
GPtrArray *td_store_sync_list_conflicts   (TdDatabase  *db,
                                           gboolean     include_resolved,
                                           GError     **error);
gboolean   td_store_sync_resolve_conflict (TdDatabase  *db,
                                           gint64       conflict_id,
                                           const char  *resolution,
                                           gint64       staff_id,
                                           gint64       now_us,
                                           GError     **error);
gboolean   td_store_sync_counts           (TdDatabase  *db,
                                           TdSyncCounts *counts,
                                           GError     **error);

G_END_DECLS
