/* td-sync-engine-orders.c — the order polls of the sync engine.
 *
 * Every account's orders are pulled on its cursor ("orders") every poll interval, and at once
 * when staff press "Sync now" (a pull_orders job). None of a poll's database writes happen on
 * the main connection (the counter's): the writer thread (td-sync-writer.c) claims the
 * waiting "Sync now" jobs and reads the cursor, then, once the page is in, imports each order
 * in its own transaction (td_store_sync_import_order: a sale or a conflict, de-duplicated by
 * order id), moves the cursor only after the whole page went in — so a crash or a failed
 * import pulls the page again — and records the jobs' outcomes. Back on the main context the
 * account's next poll is scheduled and each conflict announced with "conflict". A poll whose
 * request the daily budget refused (td-sync-engine-accounts.c) imports nothing and counts no
 * failure: it is due again, and its "Sync now" jobs wait, for the budget's next day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "td-sync-engine-private.h"

#define PULL_JOBS 16   /* "Sync now" jobs one poll answers, at most */

typedef struct
{
  TdSyncEngine  *self;
  TdSyncAccount *acc;
  gboolean       due;          /* the poll interval is up (else only "Sync now" jobs) */
  GArray        *job_ids;      /* gint64: "Sync now" jobs answered by this poll */
  GPtrArray     *outcomes;     /* TdSyncOutcome, one per job */
  TdSyncCall     call;
  /* once answered */
  TdOrderPage   *page;
  gboolean       stopped;
  gboolean       over_budget;  /* the budget refused a request before the page was in */
} Poll;

static void
poll_free (Poll *poll)
{
  g_clear_pointer (&poll->job_ids, g_array_unref);
  g_clear_pointer (&poll->outcomes, g_ptr_array_unref);
  g_clear_pointer (&poll->page, td_order_page_free);
  td_sync_call_end (&poll->call);
  td_sync_account_unref (poll->acc);
  g_object_unref (poll->self);
  g_free (poll);
}

/* On the main context once the writer has the page in (or could not): schedule the next
 * poll, announce conflicts. */
static void
imported_cb (gboolean  all_in,
             GArray   *conflicts,
             gboolean  wrote,
             gpointer  user_data)
{
  Poll *poll = user_data;
  TdSyncEngine *self = poll->self;
  TdSyncAccount *acc = poll->acc;
  TdOrderPage *page = poll->page;
  gint64 now = td_sync_engine_now (self);
  gint64 interval = (gint64) acc->poll_interval_s * G_USEC_PER_SEC;

  acc->polling = FALSE;
  td_sync_engine_release (acc);

  /* over budget: still due, tried again once the budget renews (td_sync_engine_can_send) */
  if (!poll->stopped && !poll->over_budget)
    switch (page->status)
      {
      case TD_SYNC_DONE:
        acc->offline = FALSE;
        td_sync_engine_set_online (self, TRUE);
        if (all_in)
          {
            /* the whole page went in and the writer moved the cursor */
            acc->poll_failures = 0;
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

  for (guint i = 0; i < conflicts->len; i++)
    g_signal_emit_by_name (self, "conflict", g_array_index (conflicts, gint64, i));
  if (wrote)
    td_sync_engine_emit_changed (self);
  td_sync_engine_queue_pump (self);
  poll_free (poll);
}

/* The page is in (or could not be had, or the engine stopped): its orders, the cursor and
 * the "Sync now" jobs' outcomes go to the writer. */
static void
poll_record (Poll *poll)
{
  TdOrderPage *page = poll->page;
  gboolean wait = poll->stopped || poll->over_budget;
  TdSyncStatus status = wait ? TD_SYNC_OFFLINE : page->status;
  gboolean take = !wait && page->status == TD_SYNC_DONE;

  poll->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_outcome_free);
  for (guint i = 0; i < poll->job_ids->len; i++)
    {
      /* stopped or over budget: back to the queue without an attempt */
      TdSyncOutcome *outcome = td_sync_outcome_new (0, status);

      if (poll->over_budget)
        outcome->retry_after_s =
          td_sync_engine_secs_to_next_day (td_sync_engine_now (poll->self));
      else
        {
          outcome->message = g_strdup (page->message);
          outcome->retry_after_s = page->retry_after_s;
        }
      g_ptr_array_add (poll->outcomes, outcome);
    }
  td_sync_writer_import_orders (poll->self->writer, poll->acc->account->id,
                                take ? page->orders : NULL, take ? page->next_cursor : NULL,
                                poll->job_ids, poll->outcomes, td_sync_engine_now (poll->self),
                                imported_cb, poll);
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GError) error = NULL;

  poll->stopped = td_sync_call_stopped (&poll->call);
  poll->page = td_marketplace_pull_orders_finish (TD_MARKETPLACE (source), result, &error);
  if (poll->page == NULL)
    {
      poll->page = td_order_page_new (TD_SYNC_RETRY);
      poll->page->message = g_strdup (error != NULL ? error->message
                                                    : _("The marketplace gave no answer."));
    }
  /* a whole page that came in is imported, even when a later request was refused */
  poll->over_budget = poll->page->status != TD_SYNC_DONE
                      && td_sync_call_over_budget (&poll->call);
  poll_record (poll);
}

/* The writer claimed the waiting "Sync now" jobs and read the cursor: pull, unless there is
 * no reason to any more. */
static void
pulls_claimed_cb (GArray   *job_ids,
                  char     *cursor,
                  gpointer  user_data)
{
  Poll *poll = user_data;
  g_autofree char *owned = cursor;
  TdSyncAccount *acc = poll->acc;

  poll->job_ids = job_ids;
  if (!poll->due && job_ids->len == 0)
    {
      /* a "Sync now" job another poll took meanwhile */
      acc->polling = FALSE;
      td_sync_engine_release (acc);
      poll_free (poll);
      return;
    }
  if (td_sync_call_stopped (&poll->call) || acc->gone)
    {
      /* stopped or reloaded meanwhile: the claimed jobs go back untouched */
      poll->stopped = TRUE;
      poll->page = td_order_page_new (TD_SYNC_OFFLINE);
      poll_record (poll);
      return;
    }
  acc->last_was_poll = TRUE;
  td_marketplace_pull_orders_async (acc->marketplace, owned, poll->call.cancellable, pull_cb,
                                    poll);
}

void
td_sync_engine_orders_pump (TdSyncEngine  *self,
                            TdSyncAccount *acc,
                            gint64         now,
                            gint64        *wake_at)
{
  gboolean due;
  Poll *poll;

  if (acc->polling || acc->paused)
    return;
  due = now >= acc->next_poll_at;
  if (!due)
    {
      gint64 waiting;

      *wake_at = MIN (*wake_at, acc->next_poll_at);
      /* Only a waiting "Sync now" job may start a poll: looked up with a read here, so the
       * writer is only asked to claim when there is one. */
      waiting = td_store_sync_next_due_op (self->db, acc->account->id,
                                           TD_SYNC_OP_PULL_ORDERS, NULL);
      if (waiting == 0 || waiting > now)
        return;
    }
  /* Not due: only a waiting "Sync now" job may start a poll; don't wake up for tokens. */
  if (!td_sync_engine_can_send (self, acc, now, due ? wake_at : NULL))
    return;

  poll = g_new0 (Poll, 1);
  poll->self = g_object_ref (self);
  poll->acc = td_sync_account_ref (acc);
  poll->due = due;
  td_sync_call_begin (&poll->call, self);

  /* the slot and a token are held while the writer claims */
  td_sync_engine_reserve (acc);
  acc->polling = TRUE;
  td_sync_writer_claim_pulls (self->writer, acc->account->id, PULL_JOBS, now, pulls_claimed_cb,
                              poll);
}
