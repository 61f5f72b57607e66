/* td-sync-engine-batch.c — one batch of the sync engine, from claim to recorded outcomes.
 *
 * A batch is claimed in one transaction and its items are read by the writer thread on its
 * own connection (td-sync-writer.c; the class's check_item refusals are
 * recorded as failed); it is sent with td_marketplace_run_async(); remote ids go to the
 * writer the moment the class reports them; all outcomes are recorded by the writer in ONE
 * transaction, off the main loop. Once they are in, the account goes online/offline, or
 * waits for reconnecting, from what the outcomes said. When the daily budget refused one of
 * the batch's requests (td-sync-engine-accounts.c), the batch ended there: what the class
 * finished is recorded as such, every other item waits for the budget's next day without an
 * attempt counted, an error or a change to online/offline (remote ids learnt stay).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "td-sync-engine-private.h"

/* One batch in flight. */
typedef struct
{
  TdSyncEngine  *self;
  TdSyncAccount *acc;
  TdSyncOp       op;
  GPtrArray     *jobs;      /* TdSyncJob, same order as @items */
  GPtrArray     *items;     /* TdSyncItem */
  GPtrArray     *claimed;   /* TdSyncJob as claimed, until their items are loaded */
  TdSyncCall     call;
  guint          wakes;     /* the engine's wakes when claimed */
  /* once answered */
  GPtrArray     *outcomes;  /* TdSyncOutcome, or NULL */
  GPtrArray     *made;      /* TdSyncOutcome made here (stopped, no answer) */
  GError        *error;
  gboolean       stopped, over_budget, reached, offline, reauth;
} Batch;

/* Batches -------------------------------------------------------------------------------- */

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->jobs);
  g_ptr_array_unref (batch->items);
  g_clear_pointer (&batch->claimed, g_ptr_array_unref);
  g_clear_pointer (&batch->outcomes, g_ptr_array_unref);
  g_ptr_array_unref (batch->made);
  g_clear_error (&batch->error);
  td_sync_call_end (&batch->call);
  td_sync_account_unref (batch->acc);
  g_object_unref (batch->self);
  g_free (batch);
}

/* Stored by the writer at once (in order, before this batch's outcomes), so a crash after a
 * create never loses the remote id. */
static void
remote_known_cb (gint64      item_id,
                 const char *remote_id,
                 const char *remote_ref,
                 gpointer    user_data)
{
  Batch *batch = user_data;

  td_sync_writer_remote_known (batch->self->writer, batch->acc->account->id, item_id,
                               remote_id, remote_ref, td_sync_engine_now (batch->self));
}

/* The outcome of job @i of @batch; notes what it says of the account. */
static const TdSyncOutcome *
outcome_of (Batch *batch,
            guint  i)
{
  TdSyncItem *item = g_ptr_array_index (batch->items, i);
  TdSyncOutcome *made = NULL;
  const TdSyncOutcome *outcome = NULL;
  const TdSyncOutcome *answer = NULL;

  if (!batch->stopped && batch->outcomes != NULL && i < batch->outcomes->len)
    answer = g_ptr_array_index (batch->outcomes, i);

  if (batch->stopped)
    {
      /* The engine was stopped: the job goes back to the queue without an attempt. */
      made = td_sync_outcome_new (item->item_id, TD_SYNC_OFFLINE);
    }
  else if (batch->over_budget && (answer == NULL || answer->status != TD_SYNC_DONE))
    {
      /* The budget stopped the batch: whatever the class made of its refused request, the
       * job waits for the next UTC day as one that could not start, keeping the ids learnt. */
      made = td_sync_outcome_new (item->item_id, TD_SYNC_OFFLINE);
      made->retry_after_s = td_sync_engine_secs_to_next_day (td_sync_engine_now (batch->self));
      if (answer != NULL)
        {
          made->remote_id = g_strdup (answer->remote_id);
          made->remote_ref = g_strdup (answer->remote_ref);
        }
      g_ptr_array_add (batch->made, made);
      return made;
    }
  else if (answer != NULL)
    outcome = answer;
  else if (batch->error != NULL)
    {
      made = td_sync_outcome_new (item->item_id, TD_SYNC_FAILED);
      made->message = g_strdup (batch->error->message);
    }
  else
    {
      made = td_sync_outcome_new (item->item_id, TD_SYNC_RETRY);
      made->message = g_strdup (_("The marketplace gave no answer for this item."));
    }
  if (made != NULL)
    {
      g_ptr_array_add (batch->made, made);
      outcome = made;
    }
  if (batch->stopped)
    return outcome;

  switch (outcome->status)
    {
    case TD_SYNC_OFFLINE:
      batch->offline = TRUE;
      break;
    case TD_SYNC_REAUTH:
      batch->reauth = TRUE;
      batch->reached = TRUE;
      break;
    case TD_SYNC_DONE:
    case TD_SYNC_RETRY:
    case TD_SYNC_FAILED:
    default:
      batch->reached = TRUE;
      break;
    }
  return outcome;
}

/* On the main context, once the writer has committed the batch's outcomes. */
static void
batch_done (gpointer user_data)
{
  Batch *batch = user_data;
  TdSyncEngine *self = batch->self;
  TdSyncAccount *acc = batch->acc;

  acc->in_flight--;
  td_sync_engine_release (acc);
  self->wakes++;
  if (!batch->stopped && !acc->gone)
    {
      if (batch->reached)
        {
          acc->offline = FALSE;
          td_sync_engine_set_online (self, TRUE);
        }
      else if (batch->offline)
        {
          acc->offline = TRUE;
          td_sync_engine_set_online (self, FALSE);
        }
      if (batch->reauth)
        td_sync_engine_needs_reconnect (self, acc);
    }
  td_sync_engine_emit_changed (self);
  td_sync_engine_queue_pump (self);
  batch_free (batch);
}

/* All outcomes of the batch go to the writer as one transaction (one fsync), off the main
 * loop; the batch ends when they are in. */
static void
record_outcomes (Batch *batch)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), batch->jobs->len);
  g_autoptr(GPtrArray) list = g_ptr_array_sized_new (batch->jobs->len);

  for (guint i = 0; i < batch->jobs->len; i++)
    {
      TdSyncJob *job = g_ptr_array_index (batch->jobs, i);

      g_array_append_val (ids, job->id);
      g_ptr_array_add (list, (gpointer) outcome_of (batch, i));
    }
  td_sync_writer_finish (batch->self->writer, ids, list, td_sync_engine_now (batch->self),
                         batch_done, batch);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Batch *batch = user_data;

  batch->stopped = td_sync_call_stopped (&batch->call);
  batch->over_budget = td_sync_call_over_budget (&batch->call);
  batch->outcomes = td_marketplace_run_finish (TD_MARKETPLACE (source), result, &batch->error);
  record_outcomes (batch);
}

/* The claimed jobs and their items, from the writer's connection. Refusals (check_item) and
 * vanished items are recorded as failed; what is left is sent. Nothing claimed: the slot
 * is free again (the next batch to end pumps, as before). */
static void
claimed_cb (TdSyncOp   op,
            GPtrArray *claimed,
            GPtrArray *loaded,
            GPtrArray *messages,
            gpointer   user_data)
{
  Batch *batch = user_data;
  TdSyncEngine *self = batch->self;
  TdSyncAccount *acc = batch->acc;
  g_autoptr(GPtrArray) items = loaded;
  g_autoptr(GPtrArray) reasons = messages;
  g_autoptr(GArray) refused_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) refused = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 now = td_sync_engine_now (self);

  batch->op = op;
  batch->claimed = claimed;
  acc->claiming = FALSE;
  if (claimed->len == 0)
    {
      acc->in_flight--;
      td_sync_engine_release (acc);
      /* A batch ended or a sale came while the claim was out: what the pump skipped then
       * goes now. (Not on every empty claim: due jobs that can't be claimed would spin.) */
      if (self->wakes != batch->wakes)
        td_sync_engine_queue_pump (self);
      batch_free (batch);
      return;
    }
  td_sync_engine_emit_changed (self);
  refused = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_outcome_free);
  for (guint i = 0; i < batch->claimed->len; i++)
    {
      TdSyncJob *job = g_ptr_array_index (batch->claimed, i);
      g_autoptr(TdSyncItem) item = g_steal_pointer (&g_ptr_array_index (items, i));
      g_autoptr(GError) error = NULL;

      if (item != NULL && batch->op != TD_SYNC_OP_WITHDRAW
          && !td_marketplace_check_item (acc->marketplace, item, now, &error))
        g_clear_pointer (&item, td_sync_item_free);
      if (item == NULL)
        {
          TdSyncOutcome *outcome = td_sync_outcome_new (job->item_id, TD_SYNC_FAILED);
          const char *reason = g_ptr_array_index (reasons, i);

          outcome->message = g_strdup (error != NULL ? error->message
                                       : reason != NULL ? reason
                                       : _("The item could not be read."));
          g_array_append_val (refused_ids, job->id);
          g_ptr_array_add (refused, outcome);
        }
      else
        {
          g_ptr_array_add (batch->items, g_steal_pointer (&item));
          g_ptr_array_add (batch->jobs, g_steal_pointer (&g_ptr_array_index (batch->claimed, i)));
        }
    }
  g_clear_pointer (&batch->claimed, g_ptr_array_unref);
  td_sync_engine_note_time ("check items", start);

  if (batch->items->len == 0 || td_sync_call_stopped (&batch->call))
    {
      /* nothing to send (or stopped): the jobs loaded go back untouched, the refused fail */
      batch->stopped = TRUE;
      for (guint i = 0; i < batch->jobs->len; i++)
        {
          TdSyncJob *job = g_ptr_array_index (batch->jobs, i);

          g_array_append_val (refused_ids, job->id);
          g_ptr_array_add (refused, (gpointer) outcome_of (batch, i));
          g_ptr_array_steal_index (batch->made, batch->made->len - 1);
        }
      td_sync_writer_finish (self->writer, refused_ids, refused, now, batch_done, batch);
      return;
    }
  if (refused->len > 0)
    td_sync_writer_finish (self->writer, refused_ids, refused, now, NULL, NULL);
  td_marketplace_run_async (acc->marketplace, batch->op, batch->items, remote_known_cb, batch,
                            batch->call.cancellable, run_cb, batch);
  /* the next claim, if a slot is left */
  td_sync_engine_queue_pump (self);
}

gboolean
td_sync_engine_start_batch (TdSyncEngine  *self,
                            TdSyncAccount *acc,
                            gint64         now)
{
  guint limit = acc->offline ? 1 : acc->concurrency;
  guint limits[3] = {
    td_marketplace_batch_limit (acc->marketplace, TD_SYNC_OP_WITHDRAW),
    td_marketplace_batch_limit (acc->marketplace, TD_SYNC_OP_PUBLISH),
    td_marketplace_batch_limit (acc->marketplace, TD_SYNC_OP_UPDATE),
  };
  Batch *batch;

  /* The claim (a write) and the reading of the items happen on the writer's thread; the slot
   * and a token are held meanwhile, and the pump waits for this claim before the next one
   * (claimed_cb pumps again), so it never claims past the account's limits. */
  batch = g_new0 (Batch, 1);
  batch->self = g_object_ref (self);
  batch->acc = td_sync_account_ref (acc);
  batch->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_job_free);
  batch->items = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_item_free);
  batch->made = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_outcome_free);
  td_sync_call_begin (&batch->call, self);
  batch->wakes = self->wakes;
  td_sync_engine_reserve (acc);
  acc->claiming = TRUE;
  td_sync_writer_claim (self->writer, acc->account->id, acc->in_flight >= limit, limits, now,
                        claimed_cb, batch);
  acc->in_flight++;
  return TRUE;
}
