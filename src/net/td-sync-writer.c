/* td-sync-writer.c — see td-sync-writer.h.
 *
 * A GThread pops operations from a GAsyncQueue in the order the engine pushed them, so a
 * remote id is always stored before the outcome of the same batch, two batches' outcomes
 * land in the order they were answered, and a claim sees every outcome recorded before it.
 * An order poll's page is imported here too, one transaction an order, and its cursor moves
 * in the same operation only once every order is in, so the next poll's claim reads it.
 * Completions go back with g_main_context_invoke_full() on the context the writer was made on.
 * The connection is opened on the thread at its first operation and closed there at the end,
 * so no write can follow the close.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-sync-writer.h"

typedef enum
{
  OP_REMOTE,
  OP_CURSOR,
  OP_FINISH,
  OP_CLAIM,
  OP_PULLS,
  OP_ORDERS,
  OP_FLUSH,
  OP_QUIT,
} OpKind;

typedef struct
{
  OpKind              kind;
  gint64              account_id;
  gint64              item_id;
  char               *remote_id;   /* also the cursor's name */
  char               *remote_ref;  /* also the cursor's value */
  gint64              now_us;
  GArray             *ids;         /* job ids (finish) */
  GPtrArray          *outcomes;    /* borrowed */
  gboolean            withdraw_only;
  guint               limits[3];   /* withdraw, publish, update */
  TdSyncOp            op;          /* claimed */
  GPtrArray          *jobs;        /* claimed */
  GPtrArray          *items;       /* loaded */
  GPtrArray          *messages;
  GPtrArray          *orders;      /* TdOnlineOrder (orders) */
  GArray             *conflicts;   /* gint64: conflicts the orders made */
  gboolean            all_in;      /* every order imported */
  gboolean            wrote;
  TdSyncWriterDone    done;
  TdSyncWriterClaimed claimed;
  TdSyncWriterPulls   pulls;
  TdSyncWriterImported imported;
  gpointer            user_data;
  gboolean            flushed;     /* OP_FLUSH, under the writer's lock */
} Op;

struct _TdSyncWriter
{
  GThread      *thread;
  GAsyncQueue  *queue;
  GMainContext *context;
  char         *path;
  char         *photos_root;
  TdDatabase   *db;                 /* the thread's own */
  gboolean      open_failed;
  gint          busy;               /* operations pushed and not yet done (atomic) */
  GMutex        lock;
  GCond         cond;
};

static void
op_free (Op *op)
{
  g_free (op->remote_id);
  g_free (op->remote_ref);
  g_clear_pointer (&op->ids, g_array_unref);
  g_clear_pointer (&op->outcomes, g_ptr_array_unref);
  g_clear_pointer (&op->jobs, g_ptr_array_unref);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_clear_pointer (&op->messages, g_ptr_array_unref);
  g_clear_pointer (&op->orders, g_ptr_array_unref);
  g_clear_pointer (&op->conflicts, g_array_unref);
  g_free (op);
}

/* On the writer's thread ------------------------------------------------------------------ */

static TdDatabase *
writer_db (TdSyncWriter *self)
{
  g_autoptr(GError) error = NULL;

  if (self->db != NULL || self->open_failed)
    return self->db;
  self->db = td_database_open (self->path, &error);
  if (self->db == NULL)
    {
      self->open_failed = TRUE;
      g_warning ("Opening the shop for marketplace sync: %s", error->message);
    }
  else
    /* Its transactions come back to back during a batch: the counter's go first. */
    td_database_set_yielding (self->db, TRUE);
  return self->db;
}

static void
do_finish (TdSyncWriter *self,
           TdDatabase   *db,
           Op           *op)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (td_store_sync_finish_many (db, (const gint64 *) op->ids->data,
                                 (const TdSyncOutcome *const *) op->outcomes->pdata,
                                 op->ids->len, op->now_us, &error))
    {
      if (g_get_monotonic_time () - start > 100000)
        g_debug ("Recording %u sync outcomes took %.1f ms", op->ids->len,
                 (g_get_monotonic_time () - start) / 1000.0);
      return;
    }

  /* One bad outcome must not lose the others: each on its own then. */
  g_warning ("Recording %u sync outcomes at once: %s", op->ids->len, error->message);
  for (guint i = 0; i < op->ids->len; i++)
    {
      gint64 job_id = g_array_index (op->ids, gint64, i);
      g_autoptr(GError) one_error = NULL;

      if (!td_store_sync_finish (db, job_id, g_ptr_array_index (op->outcomes, i), op->now_us,
                                 &one_error))
        g_warning ("Recording sync job %" G_GINT64_FORMAT ": %s", job_id, one_error->message);
    }
}

/* Claims the first op with due jobs (withdrawals first), then reads the jobs' items. */
static void
do_claim (TdSyncWriter *self,
          TdDatabase   *db,
          Op           *op)
{
  static const TdSyncOp order[] = { TD_SYNC_OP_WITHDRAW, TD_SYNC_OP_PUBLISH, TD_SYNC_OP_UPDATE };

  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_item_free);
  op->messages = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; db != NULL && k < G_N_ELEMENTS (order); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) jobs = NULL;

      if (k > 0 && op->withdraw_only)
        break;
      jobs = td_store_sync_claim (db, op->account_id, order[k], op->limits[k], op->now_us,
                                  &error);
      if (jobs == NULL)
        {
          g_warning ("Claiming sync jobs: %s", error->message);
          break;
        }
      if (jobs->len > 0)
        {
          op->op = order[k];
          op->jobs = g_steal_pointer (&jobs);
          break;
        }
    }
  if (op->jobs == NULL)
    op->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_job_free);

  for (guint i = 0; i < op->jobs->len; i++)
    {
      TdSyncJob *job = g_ptr_array_index (op->jobs, i);
      g_autoptr(GError) error = NULL;
      TdSyncItem *item;

      item = td_store_sync_load_item (db, op->account_id, job->item_id, self->photos_root,
                                      op->now_us, &error);
      g_ptr_array_add (op->items, item);
      g_ptr_array_add (op->messages, item != NULL ? NULL
                                     : g_strdup (error != NULL ? error->message
                                                               : _("The item could not be read.")));
    }
}

/* Claims the account's due pull_orders jobs and reads its "orders" cursor. */
static void
do_pulls (TdSyncWriter *self,
          TdDatabase   *db,
          Op           *op)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  op->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (db == NULL)
    return;
  jobs = td_store_sync_claim (db, op->account_id, TD_SYNC_OP_PULL_ORDERS, op->limits[0],
                              op->now_us, &error);
  if (jobs == NULL)
    {
      g_warning ("Claiming order pulls: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    g_array_append_val (op->ids, ((TdSyncJob *) g_ptr_array_index (jobs, i))->id);
  op->remote_ref = td_store_sync_cursor_get (db, op->account_id, "orders", &error);
  if (error != NULL)
    g_warning ("Reading an order cursor: %s", error->message);
}

/* Notes the open conflicts of @order_id the import just wrote. */
static void
note_conflicts (TdDatabase *db,
                Op         *op,
                const char *order_id)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  conflicts = td_store_sync_list_conflicts (db, FALSE, &error);
  if (conflicts == NULL)
    {
      g_warning ("Reading sync conflicts: %s", error->message);
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      TdSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->account_id == op->account_id
          && g_strcmp0 (conflict->external_order_id, order_id) == 0)
        g_array_append_val (op->conflicts, conflict->id);
    }
}

/* Each order in its own transaction, in order, up to the first that fails; then the cursor
 * (only if all went in); then the poll's "Sync now" jobs. */
static void
do_orders (TdSyncWriter *self,
           TdDatabase   *db,
           Op           *op)
{
  op->conflicts = g_array_new (FALSE, FALSE, sizeof (gint64));
  op->all_in = db != NULL;
  for (guint i = 0; op->all_in && op->orders != NULL && i < op->orders->len; i++)
    {
      TdOnlineOrder *order = g_ptr_array_index (op->orders, i);
      g_autoptr(GError) error = NULL;
      TdOrderImport result = TD_ORDER_SKIPPED;

      if (!td_store_sync_import_order (db, op->account_id, order, op->now_us, &result, &error))
        {
          g_warning ("Importing order %s: %s", order->order_id, error->message);
          op->all_in = FALSE;
          break;
        }
      op->wrote |= result == TD_ORDER_IMPORTED || result == TD_ORDER_CONFLICT;
      if (result == TD_ORDER_CONFLICT)
        note_conflicts (db, op, order->order_id);
    }
  if (op->all_in && op->remote_ref != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!td_store_sync_cursor_set (db, op->account_id, "orders", op->remote_ref, &error))
        g_warning ("Moving an order cursor: %s", error->message);
    }
  if (db != NULL && op->ids->len > 0)
    {
      do_finish (self, db, op);
      op->wrote = TRUE;
    }
}

/* On the main context: the completion, then the op is gone. */
static gboolean
complete_cb (gpointer data)
{
  Op *op = data;

  if (op->kind == OP_CLAIM)
    op->claimed (op->op, g_steal_pointer (&op->jobs), g_steal_pointer (&op->items),
                 g_steal_pointer (&op->messages), op->user_data);
  else if (op->kind == OP_PULLS)
    op->pulls (g_steal_pointer (&op->ids), g_steal_pointer (&op->remote_ref), op->user_data);
  else if (op->kind == OP_ORDERS)
    op->imported (op->all_in, op->conflicts, op->wrote, op->user_data);
  else if (op->done != NULL)
    op->done (op->user_data);
  return G_SOURCE_REMOVE;
}

static gpointer
writer_thread (gpointer data)
{
  TdSyncWriter *self = data;

  for (;;)
    {
      Op *op = g_async_queue_pop (self->queue);
      TdDatabase *db = op->kind == OP_FLUSH || op->kind == OP_QUIT ? NULL : writer_db (self);
      g_autoptr(GError) error = NULL;

      switch (op->kind)
        {
        case OP_REMOTE:
          if (db != NULL &&
              !td_store_sync_remote_known (db, op->account_id, op->item_id, op->remote_id,
                                           op->remote_ref, op->now_us, &error))
            g_warning ("Storing the remote id of item %" G_GINT64_FORMAT ": %s", op->item_id,
                       error->message);
          op_free (op);
          break;

        case OP_CURSOR:
          if (db != NULL &&
              !td_store_sync_cursor_set (db, op->account_id, op->remote_id, op->remote_ref,
                                         &error))
            g_warning ("Counting marketplace requests: %s", error->message);
          op_free (op);
          break;

        case OP_FINISH:
          if (db != NULL)
            do_finish (self, db, op);
          g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, complete_cb, op,
                                      (GDestroyNotify) op_free);
          break;

        case OP_PULLS:
        case OP_ORDERS:
          if (op->kind == OP_PULLS)
            do_pulls (self, db, op);
          else
            do_orders (self, db, op);
          g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, complete_cb, op,
                                      (GDestroyNotify) op_free);
          break;

        case OP_CLAIM:
          do_claim (self, db, op);
          g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, complete_cb, op,
                                      (GDestroyNotify) op_free);
          break;

        case OP_FLUSH:
          g_mutex_lock (&self->lock);
          op->flushed = TRUE;
          g_cond_broadcast (&self->cond);
          g_mutex_unlock (&self->lock);
          break;   /* the flusher frees it */

        case OP_QUIT:
        default:
          op_free (op);
          g_clear_object (&self->db);
          return NULL;
        }
      g_atomic_int_add (&self->busy, -1);
    }
}

/* API (main thread) --------------------------------------------------------------------- */

TdSyncWriter *
td_sync_writer_new (const char *db_path,
                    const char *photos_root)
{
  TdSyncWriter *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_new0 (TdSyncWriter, 1);
  self->path = g_strdup (db_path);
  self->photos_root = g_strdup (photos_root);
  self->queue = g_async_queue_new ();
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("td-sync-writer", writer_thread, self);
  return self;
}

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  return op;
}

static void
push (TdSyncWriter *self,
      Op           *op)
{
  g_atomic_int_inc (&self->busy);
  g_async_queue_push (self->queue, op);
}

gboolean
td_sync_writer_is_idle (TdSyncWriter *self)
{
  return g_atomic_int_get (&self->busy) == 0;
}

void
td_sync_writer_free (TdSyncWriter *self)
{
  if (self == NULL)
    return;
  push (self, op_new (OP_QUIT));
  g_thread_join (self->thread);
  g_async_queue_unref (self->queue);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->path);
  g_free (self->photos_root);
  g_free (self);
}

void
td_sync_writer_flush (TdSyncWriter *self)
{
  Op *op = op_new (OP_FLUSH);

  push (self, op);
  g_mutex_lock (&self->lock);
  while (!op->flushed)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  op_free (op);
}

void
td_sync_writer_remote_known (TdSyncWriter *self,
                             gint64        account_id,
                             gint64        item_id,
                             const char   *remote_id,
                             const char   *remote_ref,
                             gint64        now_us)
{
  Op *op = op_new (OP_REMOTE);

  op->account_id = account_id;
  op->item_id = item_id;
  op->remote_id = g_strdup (remote_id);
  op->remote_ref = g_strdup (remote_ref);
  op->now_us = now_us;
  push (self, op);
}

void
td_sync_writer_cursor_set (TdSyncWriter *self,
                           gint64        account_id,
                           const char   *name,
                           const char   *value)
{
  Op *op = op_new (OP_CURSOR);

  op->account_id = account_id;
  op->remote_id = g_strdup (name);
  op->remote_ref = g_strdup (value);
  push (self, op);
}

void
td_sync_writer_finish (TdSyncWriter     *self,
                       GArray           *job_ids,
                       GPtrArray        *outcomes,
                       gint64            now_us,
                       TdSyncWriterDone  done,
                       gpointer          user_data)
{
  Op *op = op_new (OP_FINISH);

  g_return_if_fail (job_ids->len == outcomes->len);

  op->ids = g_array_ref (job_ids);
  op->outcomes = g_ptr_array_ref (outcomes);
  op->now_us = now_us;
  op->done = done;
  op->user_data = user_data;
  push (self, op);
}

void
td_sync_writer_claim (TdSyncWriter        *self,
                      gint64               account_id,
                      gboolean             withdraw_only,
                      const guint          limits[3],
                      gint64               now_us,
                      TdSyncWriterClaimed  claimed,
                      gpointer             user_data)
{
  Op *op = op_new (OP_CLAIM);

  g_return_if_fail (claimed != NULL);

  op->account_id = account_id;
  op->withdraw_only = withdraw_only;
  memcpy (op->limits, limits, sizeof op->limits);
  op->now_us = now_us;
  op->claimed = claimed;
  op->user_data = user_data;
  push (self, op);
}

void
td_sync_writer_claim_pulls (TdSyncWriter      *self,
                            gint64             account_id,
                            guint              limit,
                            gint64             now_us,
                            TdSyncWriterPulls  pulls,
                            gpointer           user_data)
{
  Op *op = op_new (OP_PULLS);

  g_return_if_fail (pulls != NULL);

  op->account_id = account_id;
  op->limits[0] = limit;
  op->now_us = now_us;
  op->pulls = pulls;
  op->user_data = user_data;
  push (self, op);
}

void
td_sync_writer_import_orders (TdSyncWriter         *self,
                              gint64                account_id,
                              GPtrArray            *orders,
                              const char           *next_cursor,
                              GArray               *job_ids,
                              GPtrArray            *outcomes,
                              gint64                now_us,
                              TdSyncWriterImported  imported,
                              gpointer              user_data)
{
  Op *op = op_new (OP_ORDERS);

  g_return_if_fail (imported != NULL);
  g_return_if_fail (job_ids->len == outcomes->len);

  op->account_id = account_id;
  op->orders = orders != NULL ? g_ptr_array_ref (orders) : NULL;
  op->remote_ref = g_strdup (next_cursor);
  op->ids = g_array_ref (job_ids);
  op->outcomes = g_ptr_array_ref (outcomes);
  op->now_us = now_us;
  op->imported = imported;
  op->user_data = user_data;
  push (self, op);
}
