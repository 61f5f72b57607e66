/* td-sync-engine-batch.c — one batch of the sync engine, from claim to recorded outcomes.
 *
 * A batch is claimed in one transaction; its items are loaded a few per main-loop turn (the
 * class's check_item refusals are recorded as failed at once); it is sent with
 * td_marketplace_run_async(); remote ids are stored the moment the class reports them; the
 * outcomes are recorded one transaction each, a few per main-loop turn. The account then
 * goes online/offline, or waits for reconnecting, from what the outcomes said.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "td-sync-engine-private.h"

#define SLICE_US 4000   /* database writes per main-loop turn, at most */

/* One batch in flight. */
typedef struct
{
  TdSyncEngine  *self;
  TdSyncAccount *acc;
  TdSyncOp       op;
  GPtrArray     *jobs;      /* TdSyncJob, same order as @items */
  GPtrArray     *items;     /* TdSyncItem */
  GPtrArray     *claimed;   /* TdSyncJob as claimed, until their items are loaded */
  GCancellable  *cancellable;
  gboolean       refused;   /* some job failed before sending (check_item) */
  /* once answered */
  GPtrArray     *outcomes;  /* TdSyncOutcome, or NULL */
  GError        *error;
  guint          next;      /* the next outcome to record */
  guint          slice_id;
  gboolean       stopped, reached, offline, reauth;
} Batch;

/* Batches -------------------------------------------------------------------------------- */

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->jobs);
  g_ptr_array_unref (batch->items);
  g_clear_pointer (&batch->claimed, g_ptr_array_unref);
  g_clear_pointer (&batch->outcomes, g_ptr_array_unref);
  g_clear_error (&batch->error);
  g_clear_object (&batch->cancellable);
  td_sync_account_unref (batch->acc);
  g_object_unref (batch->self);
  g_free (batch);
}

static void
finish_job (TdSyncEngine        *self,
            gint64               job_id,
            const TdSyncOutcome *outcome,
            gint64               now)
{
  g_autoptr(GError) error = NULL;

  if (!td_store_sync_finish (self->db, job_id, outcome, now, &error))
    g_warning ("Recording sync job %" G_GINT64_FORMAT ": %s", job_id, error->message);
}

static void
remote_known_cb (gint64      item_id,
                 const char *remote_id,
                 const char *remote_ref,
                 gpointer    user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!td_store_sync_remote_known (batch->self->db, batch->acc->account->id, item_id, remote_id,
                                   remote_ref, td_sync_engine_now (batch->self), &error))
    g_warning ("Storing the remote id of item %" G_GINT64_FORMAT ": %s", item_id,
               error->message);
  td_sync_engine_note_time ("remote_known", start);
}

/* Records outcome @i of @batch. */
static void
finish_one (Batch *batch,
            guint  i,
            gint64 now)
{
  TdSyncJob *job = g_ptr_array_index (batch->jobs, i);
  TdSyncItem *item = g_ptr_array_index (batch->items, i);
  g_autoptr(TdSyncOutcome) made = NULL;
  const TdSyncOutcome *outcome = NULL;

  if (batch->stopped)
    {
      /* The engine was stopped: the job goes back to the queue without an attempt. */
      made = td_sync_outcome_new (item->item_id, TD_SYNC_OFFLINE);
    }
  else if (batch->outcomes != NULL && i < batch->outcomes->len)
    outcome = g_ptr_array_index (batch->outcomes, i);
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
    outcome = made;

  finish_job (batch->self, job->id, outcome, now);
  if (batch->stopped)
    return;
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
}

static void
batch_done (Batch *batch)
{
  TdSyncEngine *self = batch->self;
  TdSyncAccount *acc = batch->acc;

  acc->in_flight--;
  td_sync_engine_release (acc);
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

/* Each outcome is its own short transaction (with its fsync): a batch of 25 or 100 is
 * recorded a few at a time between other main-loop work, never in one long stall. */
static gboolean
finish_slice_cb (gpointer user_data)
{
  Batch *batch = user_data;
  gint64 start = g_get_monotonic_time ();
  gint64 now = td_sync_engine_now (batch->self);

  do
    finish_one (batch, batch->next++, now);
  while (batch->next < batch->jobs->len && g_get_monotonic_time () - start < SLICE_US);

  td_sync_engine_note_time ("finish slice", start);
  if (batch->next < batch->jobs->len)
    return G_SOURCE_CONTINUE;
  batch->slice_id = 0;
  batch_done (batch);
  return G_SOURCE_REMOVE;
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Batch *batch = user_data;

  batch->stopped = g_cancellable_is_cancelled (batch->cancellable);
  batch->outcomes = td_marketplace_run_finish (TD_MARKETPLACE (source), result, &batch->error);
  batch->slice_id = g_idle_add (finish_slice_cb, batch);
}

/* Loads the next claimed jobs' items (a few per main-loop turn); refusals (check_item) and
 * vanished items are recorded as failed at once. Then sends what is left. */
static gboolean
prepare_slice_cb (gpointer user_data)
{
  Batch *batch = user_data;
  TdSyncEngine *self = batch->self;
  TdSyncAccount *acc = batch->acc;
  gint64 start = g_get_monotonic_time ();
  gint64 now = td_sync_engine_now (self);

  while (batch->next < batch->claimed->len)
    {
      TdSyncJob *job = g_ptr_array_index (batch->claimed, batch->next++);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdSyncItem) item = NULL;

      item = td_store_sync_load_item (self->db, acc->account->id, job->item_id,
                                      self->photos_root, now, &error);
      if (item != NULL && batch->op != TD_SYNC_OP_WITHDRAW
          && !td_marketplace_check_item (acc->marketplace, item, now, &error))
        g_clear_pointer (&item, td_sync_item_free);
      if (item == NULL)
        {
          g_autoptr(TdSyncOutcome) refused = td_sync_outcome_new (job->item_id, TD_SYNC_FAILED);

          refused->message = g_strdup (error != NULL ? error->message
                                                     : _("The item could not be read."));
          finish_job (self, job->id, refused, now);
          batch->refused = TRUE;
        }
      else
        {
          g_ptr_array_add (batch->items, g_steal_pointer (&item));
          g_ptr_array_add (batch->jobs, g_ptr_array_index (batch->claimed, batch->next - 1));
          g_ptr_array_index (batch->claimed, batch->next - 1) = NULL;
        }
      if (g_get_monotonic_time () - start >= SLICE_US)
        break;
    }
  td_sync_engine_note_time ("prepare slice", start);
  if (batch->next < batch->claimed->len)
    return G_SOURCE_CONTINUE;

  batch->slice_id = 0;
  batch->next = 0;
  if (batch->refused)
    td_sync_engine_emit_changed (self);
  if (batch->items->len == 0 || g_cancellable_is_cancelled (batch->cancellable))
    {
      /* nothing to send (or stopped): the jobs loaded so far go back untouched */
      batch->stopped = TRUE;
      if (batch->jobs->len == 0)
        batch_done (batch);
      else
        batch->slice_id = g_idle_add (finish_slice_cb, batch);
      return G_SOURCE_REMOVE;
    }
  td_marketplace_run_async (acc->marketplace, batch->op, batch->items, remote_known_cb, batch,
                            batch->cancellable, run_cb, batch);
  return G_SOURCE_REMOVE;
}

gboolean
td_sync_engine_start_batch (TdSyncEngine  *self,
                            TdSyncAccount *acc,
                            gint64         now)
{
  static const TdSyncOp order[] = { TD_SYNC_OP_WITHDRAW, TD_SYNC_OP_PUBLISH, TD_SYNC_OP_UPDATE };
  guint limit = acc->offline ? 1 : acc->concurrency;

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      TdSyncOp op = order[k];
      g_autoptr(GPtrArray) claimed = NULL;
      g_autoptr(GError) error = NULL;
      Batch *batch;

      if (op != TD_SYNC_OP_WITHDRAW && acc->in_flight >= limit)
        continue;
      claimed = td_store_sync_claim (self->db, acc->account->id, op,
                                     td_marketplace_batch_limit (acc->marketplace, op), now,
                                     &error);
      if (claimed == NULL)
        {
          g_warning ("Claiming sync jobs of %s: %s", acc->account->name, error->message);
          return FALSE;
        }
      if (claimed->len == 0)
        continue;

      batch = g_new0 (Batch, 1);
      batch->self = g_object_ref (self);
      batch->acc = td_sync_account_ref (acc);
      batch->op = op;
      batch->claimed = g_steal_pointer (&claimed);
      batch->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_job_free);
      batch->items = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_item_free);
      batch->cancellable = g_object_ref (self->cancellable);
      td_sync_engine_reserve (acc);
      acc->in_flight++;
      batch->slice_id = g_idle_add (prepare_slice_cb, batch);
      td_sync_engine_emit_changed (self);
      return TRUE;
    }
  return FALSE;
}
