/* td-sync-engine.c — drains the marketplace outbox on the main loop: the object, its pump
 * and its public API. Accounts, request budget and rate are in td-sync-engine-accounts.c,
 * batches in td-sync-engine-batch.c, order polls in td-sync-engine-orders.c.
 *
 * One pump decides, per account, what may go out now: withdrawals first (they may use one
 * slot beyond the account's concurrency, so a counter sale never waits behind a pipe full of
 * publishes), then publishes (which fold pending updates), then updates. Each batch is
 * claimed in one short transaction, sent with td_marketplace_run_async(), and its outcomes
 * recorded in one transaction by the writer thread (td-sync-writer.c, its own connection),
 * which also reads the batch's items. Remote ids go to the writer the moment the class
 * reports them, so a crash between two requests never loses a created listing.
 *
 * Request spacing is a token bucket at the account's rate limit (monotonic clock). Every HTTP
 * request the session queues is charged to the account whose URLs (base_url, settings.urls)
 * it starts with — or, when none matches, to the one account with work in flight — so a
 * batch of many requests (Etsy: six per publish) costs what it sends. The daily budget counts
 * those requests under the cursor "budget:YYYY-MM-DD", so a restart keeps the count; when it
 * is used up the account waits for the next UTC day, and a batch or poll under way stops at
 * its next request (refused before it goes out; td-sync-engine-accounts.c).
 * Timers are armed for the earliest thing that can happen (a due job, a token, a poll, the
 * next day), capped at 30 s so a moved clock is noticed. Once started (recovery writes
 * then), the main loop only reads (the due times of the queue); every write — claims, outcomes, remote ids, budget counts and the
 * order polls' imports and cursors — and its fsync happen on the writer thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync"

#include "config.h"

#include "td-sync-engine-private.h"

#define DEFAULT_POLL_S        120
#define MAX_WAKE_US           (30 * G_USEC_PER_SEC)
#define HTTP_TIMEOUT_S        60

G_DEFINE_FINAL_TYPE (TdSyncEngine, td_sync_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  CONFLICT,
  ACCOUNT_NEEDS_RECONNECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void pump (TdSyncEngine *self);

/* Pump ----------------------------------------------------------------------------------- */

static void
pump_jobs (TdSyncEngine  *self,
           TdSyncAccount *acc,
           gint64         now,
           gint64        *wake_at)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint limit = acc->offline ? 1 : acc->concurrency;
      gint64 due;

      /* one claim at a time: it comes back to the pump (td-sync-engine-batch.c) */
      if (acc->paused || acc->claiming || acc->in_flight >= limit + 1)
        break;
      due = td_store_sync_next_due (self->db, acc->account->id, &error);
      if (error != NULL)
        {
          g_warning ("Reading the sync queue: %s", error->message);
          break;
        }
      if (due == 0)
        break;
      if (due > now)
        {
          *wake_at = MIN (*wake_at, due);
          break;
        }
      if (!td_sync_engine_can_send (self, acc, now, wake_at))
        break;
      if (!td_sync_engine_start_batch (self, acc, now))
        break;   /* due jobs wait for a slot (a batch ending pumps again) or a poll */
      acc->last_was_poll = FALSE;
    }
}

static void
pump_account (TdSyncEngine  *self,
              TdSyncAccount *acc,
              gint64         now,
              gint64        *wake_at)
{
  if (acc->paused)
    return;

  /* Polls and jobs take turns at the front, so a tight daily budget serves both. */
  if (acc->last_was_poll)
    {
      pump_jobs (self, acc, now, wake_at);
      td_sync_engine_orders_pump (self, acc, now, wake_at);
    }
  else
    {
      td_sync_engine_orders_pump (self, acc, now, wake_at);
      pump_jobs (self, acc, now, wake_at);
    }
}

static gboolean
wake_cb (gpointer user_data)
{
  TdSyncEngine *self = user_data;

  self->wake_id = 0;
  pump (self);
  return G_SOURCE_REMOVE;
}

static void
pump (TdSyncEngine *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  gint64 now = td_sync_engine_now (self);
  gint64 wake_at = now + MAX_WAKE_US;
  gint64 delay_ms;
  gint64 start = g_get_monotonic_time ();

  g_clear_handle_id (&self->wake_id, g_source_remove);
  if (!self->started)
    return;

  /* Callbacks may reload the accounts: walk a copy. */
  accounts = g_ptr_array_new_full (self->accounts->len, (GDestroyNotify) td_sync_account_unref);
  for (guint i = 0; i < self->accounts->len; i++)
    g_ptr_array_add (accounts, td_sync_account_ref (g_ptr_array_index (self->accounts, i)));
  for (guint i = 0; i < accounts->len; i++)
    {
      TdSyncAccount *acc = g_ptr_array_index (accounts, i);

      if (!acc->gone)
        pump_account (self, acc, now, &wake_at);
    }

  td_sync_engine_note_time ("pump", start);
  delay_ms = CLAMP ((wake_at - now + 999) / 1000, 1, MAX_WAKE_US / 1000);
  self->wake_id = g_timeout_add ((guint) delay_ms, wake_cb, self);
}

static gboolean
pump_idle_cb (gpointer user_data)
{
  TdSyncEngine *self = user_data;

  self->pump_id = 0;
  pump (self);
  return G_SOURCE_REMOVE;
}

void
td_sync_engine_queue_pump (TdSyncEngine *self)
{
  if (self->pump_id == 0 && self->started)
    self->pump_id = g_idle_add (pump_idle_cb, self);
}

/* Shared helpers ------------------------------------------------------------------------- */

void
td_sync_engine_note_time (const char *what,
           gint64      start)
{
  gint64 took = g_get_monotonic_time () - start;

  if (took > 16000)
    g_debug ("%s took %.1f ms", what, took / 1000.0);
}

gint64
td_sync_engine_now (TdSyncEngine *self)
{
  return self->now_func != NULL ? self->now_func (self->now_data) : g_get_real_time ();
}

void
td_sync_engine_set_online (TdSyncEngine *self,
                           gboolean      online)
{
  online = !!online;
  if (self->online == online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

void
td_sync_engine_emit_changed (TdSyncEngine *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
td_sync_engine_needs_reconnect (TdSyncEngine  *self,
                                TdSyncAccount *acc)
{
  if (acc->paused)
    return;
  acc->paused = TRUE;
  g_signal_emit (self, signals[ACCOUNT_NEEDS_RECONNECT], 0, acc->account->id);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  TdSyncEngine *self = user_data;
  gint64 now = td_sync_engine_now (self);

  /* A hint only: a marketplace on the shop's own network may still answer. A call that
   * reaches a server turns the engine online again. */
  if (!available)
    {
      td_sync_engine_set_online (self, FALSE);
      return;
    }
  for (guint i = 0; i < self->accounts->len; i++)
    {
      TdSyncAccount *acc = g_ptr_array_index (self->accounts, i);

      if (acc->offline)
        acc->next_poll_at = MIN (acc->next_poll_at, now);
    }
  td_sync_engine_queue_pump (self);
}

/* GObject -------------------------------------------------------------------------------- */

static void
td_sync_engine_dispose (GObject *object)
{
  TdSyncEngine *self = TD_SYNC_ENGINE (object);

  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->wake_id, g_source_remove);
  g_clear_handle_id (&self->pump_id, g_source_remove);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_clear_object (&self->monitor);
  if (self->session != NULL)
    g_clear_signal_handler (&self->queued_handler, self->session);
  if (self->accounts != NULL)
    td_sync_engine_drop_accounts (self);

  G_OBJECT_CLASS (td_sync_engine_parent_class)->dispose (object);
}

static void
td_sync_engine_finalize (GObject *object)
{
  TdSyncEngine *self = TD_SYNC_ENGINE (object);

  /* every write queued is in before the connections go */
  g_clear_pointer (&self->writer, td_sync_writer_free);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->secrets);
  g_clear_object (&self->db);
  g_free (self->photos_root);

  G_OBJECT_CLASS (td_sync_engine_parent_class)->finalize (object);
}

static void
td_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdSyncEngine *self = TD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_sync_engine_class_init (TdSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_sync_engine_dispose;
  object_class->finalize = td_sync_engine_finalize;
  object_class->get_property = td_sync_engine_get_property;

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONFLICT] = g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ACCOUNT_NEEDS_RECONNECT] =
    g_signal_new ("account-needs-reconnect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
td_sync_engine_init (TdSyncEngine *self)
{
  self->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_account_unref);
  self->cancellable = g_cancellable_new ();
  self->poll_interval_s = DEFAULT_POLL_S;
  self->online = TRUE;
}

/* Public API ----------------------------------------------------------------------------- */

TdSyncEngine *
td_sync_engine_new (TdDatabase *database,
                    TdSecrets  *secrets,
                    const char *photos_root)
{
  TdSyncEngine *self;

  g_return_val_if_fail (TD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (TD_IS_SECRETS (secrets), NULL);

  self = g_object_new (TD_TYPE_SYNC_ENGINE, NULL);
  self->db = g_object_ref (database);
  self->secrets = g_object_ref (secrets);
  self->photos_root = g_strdup (photos_root);
  self->writer = td_sync_writer_new (td_database_get_path (database), photos_root);
  self->session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT_S,
                                                 "idle-timeout", HTTP_TIMEOUT_S,
                                                 "max-conns", 32,
                                                 "max-conns-per-host", 8,
                                                 "user-agent", "Thriftdesk/" PACKAGE_VERSION " ",
                                                 NULL);
  self->queued_handler = g_signal_connect (self->session, "request-queued",
                                           G_CALLBACK (td_sync_engine_request_queued_cb), self);
  return self;
}

SoupSession *
td_sync_engine_get_session (TdSyncEngine *self)
{
  g_return_val_if_fail (TD_IS_SYNC_ENGINE (self), NULL);
  return self->session;
}

void
td_sync_engine_set_clock (TdSyncEngine *self,
                          gint64      (*now_us) (gpointer data),
                          gpointer      data)
{
  g_return_if_fail (TD_IS_SYNC_ENGINE (self));
  self->now_func = now_us;
  self->now_data = data;
}

void
td_sync_engine_reload (TdSyncEngine *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  g_return_if_fail (TD_IS_SYNC_ENGINE (self));

  /* the request budgets are read back below: what the writer holds goes in first */
  td_sync_writer_flush (self->writer);
  td_sync_engine_drop_accounts (self);
  now = td_sync_engine_now (self);
  rows = td_store_marketplaces_list (self->db, FALSE, &error);
  if (rows == NULL)
    {
      g_warning ("Reading the marketplace accounts: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      TdMarketplaceAccount *account = g_ptr_array_index (rows, i);
      TdSyncAccount *acc;

      if (!account->active)
        continue;
      acc = td_sync_account_new (self, account, now);
      if (acc != NULL)
        g_ptr_array_add (self->accounts, acc);
    }
  td_sync_engine_queue_pump (self);
}

void
td_sync_engine_start (TdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TD_IS_SYNC_ENGINE (self));

  if (self->started)
    return;
  if (!td_store_sync_recover (self->db, &error))
    g_warning ("Recovering the sync queue: %s", error->message);
  if (self->monitor == NULL)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->monitor_handler = g_signal_connect (self->monitor, "network-changed",
                                                G_CALLBACK (network_changed_cb), self);
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  self->started = TRUE;
  td_sync_engine_reload (self);
}

void
td_sync_engine_stop (TdSyncEngine *self)
{
  g_return_if_fail (TD_IS_SYNC_ENGINE (self));

  if (!self->started)
    return;
  self->started = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->wake_id, g_source_remove);
  g_clear_handle_id (&self->pump_id, g_source_remove);
  td_sync_engine_drop_accounts (self);
  /* What is queued is written now; batches still on the wire come back cancelled and record
   * their jobs as pending again (the writer lives until the engine is finalized). */
  td_sync_writer_flush (self->writer);
}

void
td_sync_engine_kick (TdSyncEngine *self)
{
  g_return_if_fail (TD_IS_SYNC_ENGINE (self));

  if (!self->started)
    return;
  /* Run now rather than at idle: a sale's withdrawals should be on the wire at once. */
  self->wakes++;
  g_clear_handle_id (&self->pump_id, g_source_remove);
  pump (self);
}

gboolean
td_sync_engine_is_online (TdSyncEngine *self)
{
  g_return_val_if_fail (TD_IS_SYNC_ENGINE (self), FALSE);
  return self->online;
}

void
td_sync_engine_set_poll_interval (TdSyncEngine *self,
                                  guint         seconds)
{
  gint64 now;

  g_return_if_fail (TD_IS_SYNC_ENGINE (self));
  g_return_if_fail (seconds > 0);

  self->poll_interval_s = seconds;
  now = td_sync_engine_now (self);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      TdSyncAccount *acc = g_ptr_array_index (self->accounts, i);

      acc->poll_interval_s = seconds;
      if (!acc->polling)
        acc->next_poll_at = MIN (acc->next_poll_at, now + (gint64) seconds * G_USEC_PER_SEC);
    }
  td_sync_engine_queue_pump (self);
}

gboolean
td_sync_engine_is_idle (TdSyncEngine *self)
{
  gint64 now;

  g_return_val_if_fail (TD_IS_SYNC_ENGINE (self), TRUE);

  if (self->pump_id != 0 || !td_sync_writer_is_idle (self->writer))
    return FALSE;
  now = td_sync_engine_now (self);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      TdSyncAccount *acc = g_ptr_array_index (self->accounts, i);
      gint64 due;

      if (acc->in_flight > 0 || acc->polling)
        return FALSE;
      if (acc->paused)
        continue;
      /* Waiting for tomorrow's budget is idle; waiting for a token is not. */
      if (td_sync_account_budget_spent (acc, now))
        continue;
      if (acc->next_poll_at <= now)
        return FALSE;
      due = td_store_sync_next_due (self->db, acc->account->id, NULL);
      if (due != 0 && due <= now)
        return FALSE;
    }
  return TRUE;
}
