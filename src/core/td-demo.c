/* td-demo.c — a deterministic demo shop, for trying Thriftdesk and for benchmarks.
 *
 * The shop is simulated forward in time, one opening day after another, so every row is
 * written in the order a real counter would have written it: items in intake order (ids
 * follow intake_at), sales in time order (gapless receipt numbers 1…n), payouts never
 * above the balance at their moment.
 *
 * Time layout. The shop opens Monday to Saturday, 10:00–18:00 local time, closed on
 * 25–26 December and 1 January (written to shop_closure). Intake runs from `months` months
 * (+ LEAD_DAYS, so the rails are stocked on the first selling day) before `now`; sales run
 * over the last `months` months. An item's fate is drawn when it is taken in: whether it
 * sells, and after how much *opening* time (exponential, per category), counted on a
 * "business clock" that skips nights, Sundays and holidays, so every sale lands inside
 * opening hours. Consigned items only sell before they expire. Pending sales wait in a
 * min-heap keyed by time: memory is bounded by the items on the rails, never the whole shop.
 * When a sale comes due it may take the next few due items along as one basket (1–4 lines),
 * if they were taken in before it.
 *
 * Determinism. One GRand seeded from options->seed is the only source of chance; the clock
 * is read once (`now_us == 0`), and local days come from the local time zone read once.
 * The same seed, now and time zone give the same rows in every table; only the shop.id and
 * shop.created_at settings seeded when the file was created differ.
 *
 * Transactions. Everything is written in ONE transaction: a failure or cancellation rolls
 * all of it back and leaves the shop empty. Batches with a cleanup would not work here:
 * ledger and audit rows are append-only (triggers refuse DELETE), so a half-written demo
 * could not be undone. One transaction is also the fastest (a single sync at commit); the
 * price is a WAL as large as the demo until the checkpoint after commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-demo.h"
#include "td-demo-private.h"
#include "td-money.h"
#include "td-store.h"
#include "td-store-demo.h"
#include "td-store-sales.h"

G_DEFINE_QUARK (td-demo-error-quark, td_demo_error)

/**
 * td_demo_options_init:
 * @options: (out caller-allocates): set to the defaults: 5,000 items, 60 consignors,
 *   12 months, seed 1, now
 */
void
td_demo_options_init (TdDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (TdDemoOptions) { TD_DEMO_DEFAULT_ITEMS, 60, 12, 1, 0 };
}

/* The shop and its people -------------------------------------------------------------- */

static int
setting_int (TdDemoGenerator *gen,
             const char      *key,
             int              fallback,
             int              lo,
             int              hi)
{
  g_autofree char *value = td_store_settings_dup (gen->db, key, NULL);
  gint64 n = fallback;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, lo, hi, &n, NULL))
    return fallback;
  return (int) n;
}

static gboolean
load_shop (TdDemoGenerator  *gen,
           GError          **error)
{
  g_autofree char *currency_code = td_store_settings_dup (gen->db, TD_SETTING_SHOP_CURRENCY, NULL);
  g_autofree char *expiry = td_store_settings_dup (gen->db, TD_SETTING_CONSIGNMENT_EXPIRY, NULL);
  const TdCurrency *currency = currency_code ? td_currency_lookup (currency_code) : NULL;

  gen->digits = currency ? currency->digits : 2;
  gen->default_share_bp = setting_int (gen, TD_SETTING_CONSIGNMENT_SHARE_BP, 5000, 0, 10000);
  gen->default_period_days = setting_int (gen, TD_SETTING_CONSIGNMENT_PERIOD_DAYS, 60, 1, 3650);
  gen->default_expiry = g_strcmp0 (expiry, "donate") == 0       ? "donate"
                        : g_strcmp0 (expiry, "shop_stock") == 0 ? "shop_stock"
                                                                 : "return";

  for (guint g = 0; g < TD_DEMO_N_GRADES; g++)
    if (!td_store_demo_lookup_grade (gen->db, td_demo_grade_codes[g], &gen->grade_ids[g], error))
      return FALSE;

  gen->category_ids = g_new0 (gint64, td_demo_n_categories);
  gen->category_defects = g_new0 (GStrv, td_demo_n_categories);
  for (guint i = 0; i < td_demo_n_categories; i++)
    {
      if (!td_store_demo_lookup_category (gen->db, td_demo_categories[i].code,
                                          &gen->category_ids[i], &gen->category_defects[i],
                                          error))
        return FALSE;
      gen->category_weight_total += td_demo_categories[i].weight;
    }
  return TRUE;
}

static gboolean
save_sku_sequences (TdDemoGenerator  *gen,
                    GError          **error)
{
  for (guint i = 0; i < gen->n_consignors; i++)
    if (gen->consignors[i].seq > 0 &&
        !td_store_demo_set_sku_sequence (gen->db, gen->consignors[i].code,
                                         gen->consignors[i].seq, error))
      return FALSE;
  return (gen->bought_seq == 0 ||
          td_store_demo_set_sku_sequence (gen->db, "B", gen->bought_seq, error)) &&
         (gen->donated_seq == 0 ||
          td_store_demo_set_sku_sequence (gen->db, "D", gen->donated_seq, error));
}

static gboolean
generate_txn (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  TdDemoGenerator *gen = user_data;
  g_autofree char *detail = NULL;
  gboolean empty = FALSE;

  if (!td_store_shop_is_empty (db, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error_literal (error, TD_DEMO_ERROR, TD_DEMO_ERROR_NOT_EMPTY,
                           _("This shop already has records; a demo shop needs an empty one."));
      return FALSE;
    }

  if (!td_store_demo_begin_bulk (db, &gen->search_trigger, error) ||
      !load_shop (gen, error) ||
      !td_demo_calendar_build (gen, error) ||
      !td_demo_people_add_staff (gen, error) ||
      !td_demo_people_add_consignors (gen, error))
    return FALSE;

  for (guint d = 0; d < gen->days->len; d++)
    if (!td_demo_shop_run_day (gen, d, error))
      return FALSE;
  g_assert (gen->heap->len == 0);
  g_assert (gen->items_done == gen->options->items);
  if (!td_demo_shop_index_items (gen, error) ||
      !td_store_demo_end_bulk (db, gen->search_trigger, error) ||
      !save_sku_sequences (gen, error) ||
      !td_store_sales_acknowledge_history (db, error))
    return FALSE;

  detail = g_strdup_printf ("{\"seed\":%u,\"items\":%u,\"consignors\":%u,\"months\":%u}",
                            gen->options->seed, gen->options->items, gen->n_consignors,
                            gen->options->months);
  return td_store_demo_insert_audit (db, gen->now_us, "demo.created", detail, error);
}

static void
generator_clear (TdDemoGenerator *gen)
{
  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_pointer (&gen->tz, g_time_zone_unref);
  g_clear_pointer (&gen->category_ids, g_free);
  if (gen->category_defects != NULL)
    for (guint i = 0; i < td_demo_n_categories; i++)
      g_strfreev (gen->category_defects[i]);
  g_clear_pointer (&gen->category_defects, g_free);
  g_clear_pointer (&gen->days, g_array_unref);
  g_clear_pointer (&gen->consignors, g_free);
  g_clear_pointer (&gen->consignor_cum, g_free);
  g_clear_pointer (&gen->heap, g_array_unref);
  g_clear_pointer (&gen->search_trigger, g_free);
  if (gen->draw.title != NULL)
    g_string_free (gen->draw.title, TRUE);
  if (gen->draw.description != NULL)
    g_string_free (gen->draw.description, TRUE);
  if (gen->defects != NULL)
    g_string_free (gen->defects, TRUE);
  if (gen->sku != NULL)
    g_string_free (gen->sku, TRUE);
}

/**
 * td_demo_generate:
 * @path: the shop file; it is opened (created when missing) on a connection of its own
 * @options: what to build (see td_demo_options_init())
 * @progress: (nullable): told 0.01 … 0.99 while generating and 1.0 when done, at most
 *   100 times, on the calling thread
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the generation; nothing is written
 * @error: return location: %TD_DEMO_ERROR_NOT_EMPTY when the shop already has consignors,
 *   items or sales, %G_IO_ERROR_CANCELLED, or a %TD_DATABASE_ERROR
 *
 * Fills an empty shop with a demo shop, all in one transaction: on any failure the shop
 * is left as it was. Blocks for a while at large sizes; see td_demo_generate_async().
 *
 * Returns: whether the demo shop was written
 */
gboolean
td_demo_generate (const char           *path,
                  const TdDemoOptions  *options,
                  TdDemoProgressFunc    progress,
                  gpointer              progress_data,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(TdDatabase) db = NULL;
  TdDemoGenerator gen = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->items > 0, FALSE);
  g_return_val_if_fail (options->months > 0 && options->months <= 1200, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  gen.options = options;
  gen.now_us = options->now_us != 0 ? options->now_us : g_get_real_time ();
  gen.progress = progress;
  gen.progress_data = progress_data;
  gen.cancellable = cancellable;

  db = td_database_open (path, error);
  if (db == NULL || !td_store_demo_prepare_connection (db, error))
    return FALSE;

  gen.db = db;
  gen.rand = g_rand_new_with_seed (options->seed);
  gen.tz = g_time_zone_new_local ();
  gen.days = g_array_new (FALSE, FALSE, sizeof (TdDemoDay));
  gen.heap = g_array_new (FALSE, FALSE, sizeof (TdDemoPending));
  gen.draw.title = g_string_new (NULL);
  gen.draw.description = g_string_new (NULL);
  gen.defects = g_string_new (NULL);
  gen.sku = g_string_new (NULL);

  ok = td_store_demo_transaction (db, generate_txn, &gen, error);
  generator_clear (&gen);
  g_clear_object (&db);

  if (ok && progress != NULL)
    progress (1.0, progress_data);
  return ok;
}

/* Async -------------------------------------------------------------------------------- */

typedef struct
{
  char               *path;
  TdDemoOptions       options;
  TdDemoProgressFunc  progress;
  gpointer            progress_data;
  GMainContext       *context;
} GenerateData;

typedef struct
{
  TdDemoProgressFunc progress;
  gpointer           progress_data;
  double             fraction;
} ProgressCall;

static void
generate_data_free (gpointer data)
{
  GenerateData *gd = data;

  g_free (gd->path);
  g_main_context_unref (gd->context);
  g_free (gd);
}

static gboolean
progress_call_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->fraction, call->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: hand a copy of the fraction to the caller's main context. Always queued as
 * a source, never g_main_context_invoke(): that runs the function right here, on the worker,
 * whenever the worker manages to acquire the caller's context — the global default context
 * is free between two iterations of a loop of g_main_context_iteration() (GApplication's, a
 * test's), so progress would now and then reach widgets from the wrong thread. */
static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  GenerateData *gd = user_data;
  ProgressCall *call = g_new (ProgressCall, 1);
  GSource *source = g_idle_source_new ();

  call->progress = gd->progress;
  call->progress_data = gd->progress_data;
  call->fraction = fraction;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_call_cb, call, g_free);
  g_source_set_static_name (source, "[thriftdesk] demo progress");
  g_source_attach (source, gd->context);
  g_source_unref (source);
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *gd = task_data;
  GError *error = NULL;

  if (td_demo_generate (gd->path, &gd->options, gd->progress ? forward_progress : NULL, gd,
                        cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * td_demo_generate_async:
 * @path: the shop file; the worker opens its own connection to it
 * @options: what to build; copied
 * @progress: (nullable): called in the thread-default main context of the caller, before
 *   @callback; @progress_data must stay valid until @callback runs
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the work and rolls it back (%G_IO_ERROR_CANCELLED)
 * @callback: called when done
 * @user_data: for @callback
 *
 * td_demo_generate() on a worker thread.
 */
void
td_demo_generate_async (const char          *path,
                        const TdDemoOptions *options,
                        TdDemoProgressFunc   progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GenerateData *gd;

  g_return_if_fail (path != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (options->items > 0);
  g_return_if_fail (options->months > 0 && options->months <= 1200);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  gd = g_new0 (GenerateData, 1);
  gd->path = g_strdup (path);
  gd->options = *options;
  gd->progress = progress;
  gd->progress_data = progress_data;
  gd->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_demo_generate_async);
  g_task_set_name (task, "[thriftdesk] td_demo_generate_async");
  g_task_set_task_data (task, gd, generate_data_free);
  /* Report what the worker did: a cancel that arrives after the commit changes nothing. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, generate_thread);
}

/**
 * td_demo_generate_finish:
 *
 * Returns: whether the demo shop was written; see td_demo_generate() for the errors
 */
gboolean
td_demo_generate_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, td_demo_generate_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

