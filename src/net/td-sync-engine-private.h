/* td-sync-engine-private.h — what the sync engine's files share: td-sync-engine.c (object,
 * pump, API), td-sync-engine-accounts.c, td-sync-engine-batch.c, td-sync-engine-orders.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-store-sync.h"
#include "td-sync-engine.h"
#include "td-sync-writer.h"

G_BEGIN_DECLS

/* One active marketplace account as the engine drives it. Reference-counted: a batch or a
 * poll in flight keeps its account alive after a reload dropped it (@gone). */
typedef struct
{
  guint                 ref_count;
  TdMarketplaceAccount *account;
  TdMarketplace        *marketplace;
  TdCredentials        *credentials;
  gboolean              gone;
  GPtrArray            *prefixes;        /* URL prefixes of the account's requests (char *) */
  guint64               requests;        /* HTTP requests sent since loaded */

  guint                 concurrency;     /* batches in flight (withdrawals may use one more) */
  guint                 in_flight;       /* batches, a claim on its way included */
  gboolean              claiming;        /* a claim is with the writer */

  double                rate;            /* requests per second (token bucket) */
  double                tokens;
  gint64                tokens_at;       /* monotonic µs of the last refill */

  gint64                daily_budget;    /* 0: none */
  char                 *budget_day;      /* "YYYY-MM-DD" (UTC) @budget_used counts for */
  gint64                budget_used;

  guint                 poll_interval_s;
  gint64                next_poll_at;    /* engine clock µs */
  guint                 poll_failures;
  gboolean              polling;
  gboolean              last_was_poll;   /* the last call started was an order poll */

  gboolean              paused;          /* needs reconnecting */
  gboolean              offline;         /* the last call could not reach the marketplace */
} TdSyncAccount;

TdSyncAccount *td_sync_account_ref   (TdSyncAccount *acc);
void           td_sync_account_unref (TdSyncAccount *acc);

/* One call of an account — a batch or an order poll — as its marketplace class sees it. The
 * class sends every request of the call with @cancellable (td_http_send_and_read_async()),
 * which is cancelled when the engine stops, and by request_queued_cb when the account's
 * daily budget refuses one of the call's requests: that request never goes out, and the call
 * ends there (td-sync-engine-accounts.c). */
typedef struct
{
  GCancellable *cancellable;     /* handed to the class */
  GCancellable *stop;            /* the engine's when the call began */
  gulong        stop_handler;
} TdSyncCall;

struct _TdSyncEngine
{
  GObject          parent_instance;

  TdDatabase      *db;
  TdSyncWriter    *writer;          /* the engine's writes and batch reads, off the main loop */
  TdSecrets       *secrets;
  char            *photos_root;
  SoupSession     *session;
  GNetworkMonitor *monitor;
  gulong           monitor_handler;
  gulong           queued_handler;

  GPtrArray       *accounts;        /* TdSyncAccount */
  GCancellable    *cancellable;     /* cancelled by stop */

  gint64         (*now_func) (gpointer);
  gpointer         now_data;

  guint            poll_interval_s;
  guint            wakes;           /* kicks and batch ends so far (td-sync-engine-batch.c) */
  guint            wake_id;
  guint            pump_id;
  gboolean         started;
  gboolean         online;
};

/* The engine's clock (UTC µs; g_get_real_time() unless a test set another). */
gint64   td_sync_engine_now          (TdSyncEngine  *self);
void     td_sync_engine_set_online   (TdSyncEngine  *self,
                                      gboolean       online);
void     td_sync_engine_queue_pump   (TdSyncEngine  *self);
void     td_sync_engine_emit_changed (TdSyncEngine  *self);
void     td_sync_engine_needs_reconnect (TdSyncEngine  *self,
                                         TdSyncAccount *acc);
/* Exponential backoff with ±20 % jitter after @failures failures (5 s … 15 min), in µs. */
gint64   td_sync_engine_backoff      (guint          failures);

/* Whether @acc may start one more call now (daily budget, token bucket); when not, lowers
 * @wake_at (engine clock) to when it may. td_sync_engine_reserve() holds a token for a call
 * until its first request goes out; every HTTP request then takes a token and a unit of the
 * budget as the session queues it (td-sync-engine-accounts.c: request_queued_cb), which
 * refuses a call's request once the budget is used up. */
gboolean td_sync_engine_can_send     (TdSyncEngine  *self,
                                      TdSyncAccount *acc,
                                      gint64         now,
                                      gint64        *wake_at);
void     td_sync_engine_reserve      (TdSyncAccount *acc);
void     td_sync_engine_release      (TdSyncAccount *acc);

/* Logs (debug) when @what took the main loop more than a frame since @start (monotonic). */
void     td_sync_engine_note_time    (const char    *what,
                                      gint64         start);

/* td-sync-engine-accounts.c */
void     td_sync_call_begin          (TdSyncCall    *call,
                                      TdSyncEngine  *self);
void     td_sync_call_end            (TdSyncCall    *call);
/* The engine was stopped while the call ran. */
gboolean td_sync_call_stopped        (TdSyncCall    *call);
/* The daily budget refused a request of the call: what it did not finish waits, without an
 * attempt counted, for the budget's next day. */
gboolean td_sync_call_over_budget    (TdSyncCall    *call);
/* Seconds from @now (engine clock) to the start of the next UTC day, when budgets renew. */
guint    td_sync_engine_secs_to_next_day (gint64    now);

TdSyncAccount *td_sync_account_new   (TdSyncEngine               *self,
                                      const TdMarketplaceAccount *account,
                                      gint64                      now);
void     td_sync_engine_drop_accounts (TdSyncEngine *self);
/* The daily budget of @acc is used up for @now's UTC day. */
gboolean td_sync_account_budget_spent (TdSyncAccount *acc,
                                       gint64         now);
void     td_sync_engine_request_queued_cb (SoupSession  *session,
                                           SoupMessage  *msg,
                                           TdSyncEngine *self);

/* td-sync-engine-batch.c: takes a slot of @acc and has the writer claim one batch
 * (withdrawals first) and read its items; the batch then goes out and the pump runs again,
 * or the slot is freed when nothing was claimed. Returns TRUE. */
gboolean td_sync_engine_start_batch  (TdSyncEngine  *self,
                                      TdSyncAccount *acc,
                                      gint64         now);

/* td-sync-engine-orders.c: starts a poll of @acc's orders when one is due or a "Sync now"
 * pull_orders job waits; lowers @wake_at to the next poll. */
void     td_sync_engine_orders_pump  (TdSyncEngine  *self,
                                      TdSyncAccount *acc,
                                      gint64         now,
                                      gint64        *wake_at);

G_END_DECLS
