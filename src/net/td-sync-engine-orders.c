/* td-sync-engine-orders.c — the order polls of the sync engine.
 *
 * Every account's orders are pulled on its cursor ("orders") every poll interval, and at once
 * when staff press "Sync now" (a pull_orders job). Each order of a page is imported in its own
 * transaction (td_store_sync_import_order de-duplicates by order id), a few per main-loop
 * turn; the cursor moves only after the whole page went in, so a crash or a failed import pulls the page again. An order
 * for an item that already left the shop becomes a conflict, announced with "conflict".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "td-sync-engine-private.h"

typedef struct
{
  TdSyncEngine  *self;
  TdSyncAccount *acc;
  GArray        *job_ids;      /* gint64: "Sync now" jobs answered by this poll */
  GCancellable  *cancellable;
  /* once answered */
  TdOrderPage   *page;
  guint          next;         /* the next order to import */
  gboolean       stopped, wrote, import_failed;
} Poll;

static void
poll_free (Poll *poll)
{
  g_array_unref (poll->job_ids);
  g_clear_pointer (&poll->page, td_order_page_free);
  g_clear_object (&poll->cancellable);
  td_sync_account_unref (poll->acc);
  g_object_unref (poll->self);
  g_free (poll);
}

/* Announces the open conflicts the import of @order_id just wrote. */
static void
emit_conflicts (TdSyncEngine  *self,
                TdSyncAccount *acc,
                const char    *order_id)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  conflicts = td_store_sync_list_conflicts (self->db, FALSE, &error);
  if (conflicts == NULL)
    {
      g_warning ("Reading sync conflicts: %s", error->message);
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      TdSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->account_id == acc->account->id
          && g_strcmp0 (conflict->external_order_id, order_id) == 0)
        g_signal_emit_by_name (self, "conflict", conflict->id);
    }
}

#define SLICE_US 4000   /* database writes per main-loop turn, at most */

/* Imports the next orders of the page; FALSE when an import failed. */
static gboolean
import_some (Poll   *poll,
             gint64  now)
{
  TdSyncEngine *self = poll->self;
  TdSyncAccount *acc = poll->acc;
  GPtrArray *orders = poll->page->orders;
  gint64 start = g_get_monotonic_time ();

  while (orders != NULL && poll->next < orders->len)
    {
      TdOnlineOrder *order = g_ptr_array_index (orders, poll->next++);
      g_autoptr(GError) error = NULL;
      TdOrderImport result = TD_ORDER_SKIPPED;

      if (!td_store_sync_import_order (self->db, acc->account->id, order, now, &result, &error))
        {
          g_warning ("Importing order %s of %s: %s", order->order_id, acc->account->name,
                     error->message);
          return FALSE;
        }
      if (result == TD_ORDER_IMPORTED || result == TD_ORDER_CONFLICT)
        poll->wrote = TRUE;
      if (result == TD_ORDER_CONFLICT)
        emit_conflicts (self, acc, order->order_id);
      if (g_get_monotonic_time () - start >= SLICE_US)
        break;
    }
  return TRUE;
}

/* The page is in (or could not be had): schedule the next poll, answer "Sync now" jobs. */
static void
poll_done (Poll *poll)
{
  TdSyncEngine *self = poll->self;
  TdSyncAccount *acc = poll->acc;
  TdOrderPage *page = poll->page;
  gint64 now = td_sync_engine_now (self);
  gint64 interval = (gint64) acc->poll_interval_s * G_USEC_PER_SEC;
  TdSyncStatus status = poll->stopped ? TD_SYNC_OFFLINE : page->status;

  acc->polling = FALSE;
  td_sync_engine_release (acc);

  if (!poll->stopped)
    switch (status)
      {
      case TD_SYNC_DONE:
        acc->offline = FALSE;
        td_sync_engine_set_online (self, TRUE);
        if (!poll->import_failed)
          {
            g_autoptr(GError) cursor_error = NULL;

            acc->poll_failures = 0;
            /* the whole page went in: the cursor may move */
            if (page->next_cursor != NULL
                && !td_store_sync_cursor_set (self->db, acc->account->id, "orders",
                                              page->next_cursor, &cursor_error))
              g_warning ("Moving the order cursor of %s: %s", acc->account->name,
                         cursor_error->message);
            acc->next_poll_at = page->more ? now : now + interval;
          }
        else
          acc->next_poll_at = now + td_sync_engine_backoff (acc->poll_failures++);
        break;

      case TD_SYNC_RETRY:
        acc->offline = FALSE;
        td_sync_engine_set_online (self, TRUE);
        acc->next_poll_at = now + MAX ((gint64) page->retry_after_s * G_USEC_PER_SEC,
                                       td_sync_engine_backoff (acc->poll_failures++));
        break;

      case TD_SYNC_OFFLINE:
        acc->offline = TRUE;
        td_sync_engine_set_online (self, FALSE);
        acc->next_poll_at = now + td_sync_engine_backoff (acc->poll_failures++);
        break;

      case TD_SYNC_REAUTH:
        td_sync_engine_needs_reconnect (self, acc);
        acc->next_poll_at = now + interval;
        break;

      case TD_SYNC_FAILED:
      default:
        g_message ("Orders of %s: %s", acc->account->name,
                   page->message != NULL ? page->message : "failed");
        acc->next_poll_at = now + interval;
        break;
      }

  for (guint i = 0; i < poll->job_ids->len; i++)
    {
      g_autoptr(TdSyncOutcome) outcome = td_sync_outcome_new (0, status);
      g_autoptr(GError) finish_error = NULL;
      gint64 job_id = g_array_index (poll->job_ids, gint64, i);

      outcome->message = g_strdup (page->message);
      outcome->retry_after_s = page->retry_after_s;
      if (!td_store_sync_finish (self->db, job_id, outcome, now, &finish_error))
        g_warning ("Recording sync job %" G_GINT64_FORMAT ": %s", job_id, finish_error->message);
      poll->wrote = TRUE;
    }

  if (poll->wrote)
    td_sync_engine_emit_changed (self);
  td_sync_engine_queue_pump (self);
  poll_free (poll);
}

/* Each order is its own transaction: a page of 100 goes in a few at a time. */
static gboolean
import_slice_cb (gpointer user_data)
{
  Poll *poll = user_data;

  if (!import_some (poll, td_sync_engine_now (poll->self)))
    poll->import_failed = TRUE;
  else if (poll->page->orders != NULL && poll->next < poll->page->orders->len)
    return G_SOURCE_CONTINUE;
  poll_done (poll);
  return G_SOURCE_REMOVE;
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GError) error = NULL;

  poll->stopped = g_cancellable_is_cancelled (poll->cancellable);
  poll->page = td_marketplace_pull_orders_finish (TD_MARKETPLACE (source), result, &error);
  if (poll->page == NULL)
    {
      poll->page = td_order_page_new (TD_SYNC_RETRY);
      poll->page->message = g_strdup (error != NULL ? error->message
                                                    : _("The marketplace gave no answer."));
    }
  if (!poll->stopped && poll->page->status == TD_SYNC_DONE && poll->page->orders != NULL
      && poll->page->orders->len > 0)
    g_idle_add (import_slice_cb, poll);
  else
    poll_done (poll);
}

void
td_sync_engine_orders_pump (TdSyncEngine  *self,
                            TdSyncAccount *acc,
                            gint64         now,
                            gint64        *wake_at)
{
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  gboolean due;
  Poll *poll;

  if (acc->polling || acc->paused)
    return;
  due = now >= acc->next_poll_at;
  if (!due)
    {
      gint64 waiting;

      *wake_at = MIN (*wake_at, acc->next_poll_at);
      /* Only a waiting "Sync now" job may start a poll. Looked up with a read first: a claim
       * takes the write lock, and would wait on every pump for the sync writer's commit. */
      waiting = td_store_sync_next_due_op (self->db, acc->account->id,
                                           TD_SYNC_OP_PULL_ORDERS, NULL);
      if (waiting == 0 || waiting > now)
        return;
    }
  /* Not due: only a waiting "Sync now" job may start a poll; don't wake up for tokens. */
  if (!td_sync_engine_can_send (self, acc, now, due ? wake_at : NULL))
    return;

  claimed = td_store_sync_claim (self->db, acc->account->id, TD_SYNC_OP_PULL_ORDERS, 16, now,
                                 &error);
  if (claimed == NULL)
    {
      g_warning ("Claiming order pulls of %s: %s", acc->account->name, error->message);
      g_clear_error (&error);
    }
  if (!due && (claimed == NULL || claimed->len == 0))
    return;

  cursor = td_store_sync_cursor_get (self->db, acc->account->id, "orders", &error);
  if (error != NULL)
    {
      g_warning ("Reading the order cursor of %s: %s", acc->account->name, error->message);
      g_clear_pointer (&cursor, g_free);
    }

  poll = g_new0 (Poll, 1);
  poll->self = g_object_ref (self);
  poll->acc = td_sync_account_ref (acc);
  poll->job_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  poll->cancellable = g_object_ref (self->cancellable);
  for (guint i = 0; claimed != NULL && i < claimed->len; i++)
    g_array_append_val (poll->job_ids, ((TdSyncJob *) g_ptr_array_index (claimed, i))->id);

  td_sync_engine_reserve (acc);
  acc->polling = TRUE;
  acc->last_was_poll = TRUE;
  td_marketplace_pull_orders_async (acc->marketplace, cursor, poll->cancellable, pull_cb, poll);
}
