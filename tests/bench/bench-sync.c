/* bench-sync.c — the "sync" group of thriftdesk-bench: publish a whole shop to a marketplace.
 *
 * A shop of its own in a temp dir (removed afterwards) with N available items, each queued
 * for publishing on one account; the account points at the marketplace's stateful test fake
 * on 127.0.0.1 (tests/net) with a latency added to every answer. The fake runs on a thread
 * of its own with its own GMainContext (in reality the marketplace is remote: its work is no
 * stall of the app). The real TdSyncEngine drains the queue on this thread's main loop while
 * a 1 ms timer runs beside it, as the UI's frame clock would. Figures:
 *   sync.wall                  first request → queue empty
 *   sync.requests              requests the fake received (by call kind too)
 *   sync.bulk_minimum          ceil(items / batch limit) per call kind used
 *   sync.peak_rss              getrusage() of the whole process (the demo shop included)
 *   sync.stall.max             longest gap between two ticks of the 1 ms timer, minus 1 ms
 *   sync.stall.over16          gaps longer than a 60 Hz frame
 *   sync.stall_cpu.*           the same in CPU time of the thread (a loaded machine's
 *                              preemption left out); the fake's thread and the engine's
 *                              writer thread are in neither
 *   sync.stall_cpu.gap[T s]    each CPU gap over 16 ms, T seconds after the start, with
 *                              what the main connection did meanwhile, a backtrace and a
 *                              witness thread's delay (bench-sync-gaps.c)
 * Nothing is asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-sync-gaps.h"
#include "bench-sync.h"
#include "td-database-private.h"
#include "td-marketplace.h"
#include "td-store-marketplaces.h"
#include "td-store-sync.h"
#include "td-sync-engine.h"
#include "td-test-jpeg.h"
#include "test-sync-engine-fakes.h"

#define OWNER 1

typedef struct
{
  gint64  last;
  gint64  last_cpu;
  gint64  max_gap;
  gint64  max_cpu;     /* CPU time the thread spent between two ticks */
  guint   over16;
  guint   cpu_over16;
  guint   ticks;
  BenchGaps *gaps;     /* what the CPU gaps over 16 ms were */
} Ticker;


static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static double
ms_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *t = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (t->last != 0)
    {
      gint64 gap = now - t->last;

      t->max_gap = MAX (t->max_gap, gap);
      t->over16 += gap > 16000;
      t->max_cpu = MAX (t->max_cpu, cpu - t->last_cpu);
      t->cpu_over16 += cpu - t->last_cpu > 16000;
      bench_gaps_tick (t->gaps, cpu - t->last_cpu, gap);
    }
  t->last = now;
  t->last_cpu = cpu;
  t->ticks++;
  return G_SOURCE_CONTINUE;
}

static const Market *
pick_market (const char *name)
{
  for (guint m = 0; test_markets[m] != NULL; m++)
    if (name == NULL || g_str_equal (test_markets[m]->kind, name))
      return test_markets[m];
  return NULL;
}

/* "POST /products/batch", ids and queries folded: "PUT /inventory_item/{}". */
static char *
call_kind (const TdFakeRequest *request)
{
  g_autofree char *path = g_strndup (request->path, strcspn (request->path, "?"));
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GString) kind = g_string_new (request->method);

  g_string_append_c (kind, ' ');
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean id = parts[i][0] != '\0' && (g_ascii_isdigit (parts[i][0])
                                            || strchr (parts[i], '-') != NULL);

      if (i > 0)
        g_string_append_c (kind, '/');
      g_string_append (kind, id ? "{}" : parts[i]);
    }
  return g_string_free (g_steal_pointer (&kind), FALSE);
}

/* Every item gets one photo (eBay and Etsy refuse a listing without): the same small JPEG,
 * kept once where the photo store keeps originals. Returns its name (SHA-256). */
static char *
write_photo (const char  *dir,
             GError     **error)
{
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, td_test_jpeg,
                                                      sizeof td_test_jpeg);
  g_autofree char *sub = g_build_filename (dir, "photos", (char[]) { sha[0], sha[1], 0 }, NULL);
  g_autofree char *name = g_strconcat (sha, ".jpg", NULL);
  g_autofree char *path = g_build_filename (sub, name, NULL);

  if (g_mkdir_with_parents (sub, 0700) != 0
      || !g_file_set_contents (path, (const char *) td_test_jpeg, sizeof td_test_jpeg, error))
    return NULL;
  return g_steal_pointer (&sha);
}

static gboolean
fill_shop (TdDatabase  *db,
           const char  *dir,
           guint        items,
           GError     **error)
{
  sqlite3 *handle = td_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sha = write_photo (dir, error);
  g_autofree char *photos = NULL;
  gboolean ok = TRUE;

  if (sha == NULL)
    return FALSE;

  sqlite3_exec (handle,
                "PRAGMA synchronous = OFF;"
                "INSERT INTO staff (id, name, role, created_at) VALUES (1, 'Bench', 'owner', 1);"
                "INSERT OR REPLACE INTO setting (key, value) VALUES ('shop.currency', 'USD');"
                "BEGIN", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO item (sku, acquisition, title, description, price, "
                          "                  intake_at, updated_at) "
                          "VALUES (printf ('B-%06d', ?1), 'bought', printf ('Bench item %d', ?1), "
                          "        'A thing the bench sells.', 500 + ?1 % 9000, 1, 1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    ok = FALSE;
  for (guint i = 1; ok && i <= items; i++)
    {
      sqlite3_bind_int (stmt, 1, (int) i);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  photos = g_strdup_printf ("INSERT INTO photo (item_id, position, sha256, width, height, "
                            "created_at) SELECT id, 0, '%s', 8, 8, 1 FROM item", sha);
  if (ok && sqlite3_exec (handle, photos, NULL, NULL, NULL) != SQLITE_OK)
    ok = FALSE;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "bench shop: %s", sqlite3_errmsg (handle));
  sqlite3_exec (handle, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

typedef struct
{
  TdSyncEngine *engine;
  TdDatabase   *db;
} Drain;

/* The fake on its own thread and context. Until @ready only that thread touches it, and after
 * its loop has stopped it reports and frees it there too. */
typedef struct
{
  const Market *market;
  const char   *extra;
  guint         latency_ms;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  /* made by the thread before @ready */
  char         *base_url;
  char         *settings;
  /* made by the thread after the loop */
  GHashTable   *kinds;          /* call kind → count */
  guint         n_requests;
  guint         n_products;
} Remote;

static char *call_kind (const TdFakeRequest *request);

static gpointer
remote_thread (gpointer data)
{
  Remote *r = data;
  TdFakeServer *server;
  gpointer fake;
  GPtrArray *requests;

  g_main_context_push_thread_default (r->context);
  server = td_fake_server_new ();
  fake = r->market->create (server);
  r->base_url = r->market->base_url (fake, server);
  r->settings = r->market->settings (fake, server, r->extra);
  td_fake_server_set_latency (server, r->latency_ms);

  g_mutex_lock (&r->lock);
  r->ready = TRUE;
  g_cond_signal (&r->cond);
  g_mutex_unlock (&r->lock);
  g_main_loop_run (r->loop);

  requests = td_fake_server_get_requests (server);
  r->n_requests = requests->len;
  for (guint i = 0; i < requests->len; i++)
    {
      g_autofree char *kind = call_kind (g_ptr_array_index (requests, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (r->kinds, kind));

      g_hash_table_replace (r->kinds, g_steal_pointer (&kind), GUINT_TO_POINTER (n + 1));
    }
  r->n_products = r->market->n_all_products (fake);
  r->market->destroy (fake);
  td_fake_server_free (server);
  g_main_context_pop_thread_default (r->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
drained (Drain *d)
{
  return td_sync_engine_is_idle (d->engine)
         && td_store_sync_next_due (d->db, 0, NULL) == 0;
}


gboolean
bench_sync_run (guint        items,
                guint        latency_ms,
                const char  *market_name,
                double       rate,
                guint        poll_s,
                GError     **error)
{
  const Market *market = pick_market (market_name);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *secret_name = NULL;
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdSecrets) secrets = NULL;
  g_autoptr(TdSyncEngine) engine = NULL;
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autoptr(TdCredentials) credentials = NULL;
  g_autoptr(TdMarketplace) marketplace = NULL;
  g_autoptr(GHashTable) kinds = NULL;
  Remote remote = { 0 };
  GThread *thread = NULL;
  Ticker ticker = { 0 };
  Drain drain;
  TdSyncCounts counts = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  double t0, wall, last_check = 0, rss_before;
  guint batch, tick_id, n_requests, minimum = 0;
  gint64 account_id;
  gboolean ok = FALSE;

  if (market == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no marketplace fake \"%s\"",
                   market_name);
      return FALSE;
    }
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  dir = g_dir_make_tmp ("thriftdesk-bench-sync-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "shop.db", NULL);
  rss_before = peak_rss_mib ();

  db = td_database_open (path, error);
  if (db == NULL || !fill_shop (db, dir, items, error))
    goto out;

  if (rate > 0)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      extra = g_strconcat ("\"requests_per_second\": ",
                           g_ascii_dtostr (number, sizeof number, rate), NULL);
    }
  remote.market = market;
  remote.extra = extra;
  remote.latency_ms = latency_ms;
  remote.context = g_main_context_new ();
  remote.loop = g_main_loop_new (remote.context, FALSE);
  remote.kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&remote.lock);
  g_cond_init (&remote.cond);
  thread = g_thread_new ("bench-fake", remote_thread, &remote);
  g_mutex_lock (&remote.lock);
  while (!remote.ready)
    g_cond_wait (&remote.cond, &remote.lock);
  g_mutex_unlock (&remote.lock);
  base_url = g_strdup (remote.base_url);
  settings = g_strdup (remote.settings);
  account_id = td_store_marketplaces_add (db, market->kind, "Bench", base_url, TRUE, settings,
                                          OWNER, g_get_real_time (), error);
  if (account_id == 0 || (account = td_store_marketplaces_get (db, account_id, error)) == NULL)
    goto out;
  secrets = td_secrets_new ("bench-shop", dir);
  secret_name = td_store_marketplaces_secret_name (account);
  if (!td_secrets_store (secrets, secret_name, "bench", market->secret, error))
    goto out;

  t0 = ms_now ();
  for (guint i = 1; i <= items; i++)
    if (!td_store_sync_request_publish (db, i, account_id, OWNER, g_get_real_time (), error))
      goto out;
  g_print ("sync.market %s\n", market->kind);
  g_print ("sync.items %u items\n", items);
  g_print ("sync.latency %u ms\n", latency_ms);
  g_print ("sync.rate_override %.4g requests/s\n", rate);
  g_print ("sync.queue %.4g ms\n", ms_now () - t0);
  sqlite3_exec (td_database_get_handle (db), "PRAGMA synchronous = FULL", NULL, NULL, NULL);

  engine = td_sync_engine_new (db, secrets, dir);
  if (poll_s > 0)
    td_sync_engine_set_poll_interval (engine, poll_s);
  g_print ("sync.poll_interval %u s\n", poll_s > 0 ? poll_s : 120);
  credentials = td_credentials_new (secrets, td_sync_engine_get_session (engine), account, NULL);
  marketplace = td_marketplace_new_for_account (td_sync_engine_get_session (engine), account,
                                                credentials, error);
  if (marketplace == NULL)
    goto out;
  batch = td_marketplace_batch_limit (marketplace, TD_SYNC_OP_PUBLISH);

  drain.engine = engine;
  drain.db = db;
  ticker.gaps = bench_gaps_start (td_database_get_handle (db));
  tick_id = g_timeout_add (1, tick_cb, &ticker);
  t0 = ms_now ();
  td_sync_engine_start (engine);
  for (;;)
    {
      double now;

      g_main_context_iteration (NULL, TRUE);
      now = ms_now ();
      if (now - last_check < 100)
        continue;
      last_check = now;
      if (drained (&drain))
        break;
      if (now - t0 > 3600 * 1000)
        {
          g_printerr ("sync: gave up after an hour\n");
          break;
        }
    }
  wall = ms_now () - t0;
  g_source_remove (tick_id);
  bench_gaps_stop (ticker.gaps);
  td_sync_engine_stop (engine);

  /* the fake stops, counts its requests by call kind and goes, on its thread */
  g_main_context_invoke (remote.context, quit_cb, remote.loop);
  g_thread_join (g_steal_pointer (&thread));
  n_requests = remote.n_requests;
  kinds = g_hash_table_ref (remote.kinds);
  g_hash_table_iter_init (&iter, kinds);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);

      g_print ("sync.requests[%s] %u requests\n", (const char *) key, n);
      /* calls made for every batch (not the order poll) set the bulk minimum */
      if (n >= (items + batch - 1) / batch)
        minimum += (items + batch - 1) / batch;
    }
  if (!td_store_sync_counts (db, &counts, error))
    goto out;
  if (counts.failed > 0)
    {
      g_autoptr(GPtrArray) failed = td_store_sync_list_jobs (db, "failed", 1, NULL);

      if (failed != NULL && failed->len > 0)
        g_printerr ("sync: a failed job says: %s\n",
                    ((TdSyncJob *) g_ptr_array_index (failed, 0))->last_error);
    }

  g_print ("sync.batch_limit %u items\n", batch);
  g_print ("sync.wall %.4g s\n", wall / 1000);
  g_print ("sync.items_per_second %.4g items/s\n", items / (wall / 1000));
  g_print ("sync.requests %u requests\n", n_requests);
  g_print ("sync.bulk_minimum %u requests\n", minimum);
  g_print ("sync.requests_over_minimum %.4g x\n", minimum > 0 ? (double) n_requests / minimum : 0);
  g_print ("sync.jobs_left %u jobs\n", counts.pending + counts.running);
  g_print ("sync.jobs_failed %u jobs\n", counts.failed);
  g_print ("sync.products_at_fake %u products\n", remote.n_products);
  g_print ("sync.peak_rss %.4g MiB\n", peak_rss_mib ());
  g_print ("sync.peak_rss_before %.4g MiB\n", rss_before);
  g_print ("sync.stall.max %.4g ms\n", MAX (0, ticker.max_gap - 1000) / 1000.0);
  g_print ("sync.stall.over16 %u gaps\n", ticker.over16);
  /* the same gaps counted in CPU time of this thread: preemption by other processes on a
   * shared machine left out (the fake's own work, in this process, stays in) */
  g_print ("sync.stall_cpu.max %.4g ms\n", ticker.max_cpu / 1000.0);
  g_print ("sync.stall_cpu.over16 %u gaps\n", ticker.cpu_over16);
  g_print ("sync.ticks %u ticks\n", ticker.ticks);
  bench_gaps_print (ticker.gaps);
  ok = TRUE;

out:
  g_clear_object (&engine);
  g_clear_pointer (&ticker.gaps, bench_gaps_free);
  if (thread != NULL)
    {
      g_main_context_invoke (remote.context, quit_cb, remote.loop);
      g_thread_join (thread);
    }
  if (remote.context != NULL)
    {
      g_main_loop_unref (remote.loop);
      g_main_context_unref (remote.context);
      g_hash_table_unref (remote.kinds);
      g_mutex_clear (&remote.lock);
      g_cond_clear (&remote.cond);
      g_free (remote.base_url);
      g_free (remote.settings);
    }
  g_clear_object (&db);
  if (dir != NULL)
    {
      static const char * const names[] = { "shop.db", "shop.db-wal", "shop.db-shm",
                                            "secrets.ini", NULL };

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *file = g_build_filename (dir, names[i], NULL);

          g_remove (file);
        }
      g_rmdir (dir);
    }
  return ok;
}
