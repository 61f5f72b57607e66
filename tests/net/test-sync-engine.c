/* test-sync-engine.c — the sync engine end to end: a real shop file in a temp dir, the real
 * marketplace class and its stateful fake on 127.0.0.1, the engine on this thread's main
 * context. Scenarios: publish with photos, price edits coalesced, a counter sale withdrawn
 * at once (and relisted on the same remote listing after a refund), an online order sold locally, a sale in both places (conflict), a crash mid-batch
 * (the engine runs in a child process killed with SIGKILL), an offline period, the daily
 * budget (also stopping a batch under way) and Retry-After.
 *
 * The engine reads a test clock (real time + an offset the test moves), so long outages and
 * day rollovers take no real time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "td-store-marketplaces.h"
#include "td-store-sync.h"
#include "td-sync-engine.h"
#include "td-test-counter.h"
#include "test-sync-engine-fakes.h"

#define OWNER    7
#define MINUTE   (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define WAIT_MS  30000

typedef struct
{
  Fixture        f;          /* the shop: f.db, f.handle, f.dir … */
  const Market  *market;
  TdSecrets     *secrets;
  TdFakeServer  *server;
  gpointer       fake;
  gint64         account;
  char          *photos_root;
  TdSyncEngine  *engine;
  gint64         offset;     /* the engine's clock: real time + offset */
  guint          conflicts;
  gint64         last_conflict;
  guint          reconnects;
} Sync;

static gint64
test_clock (gpointer data)
{
  Sync *s = data;

  return g_get_real_time () + s->offset;
}

static void
conflict_cb (TdSyncEngine *engine,
             gint64        conflict_id,
             Sync         *s)
{
  s->conflicts++;
  s->last_conflict = conflict_id;
}

static void
reconnect_cb (TdSyncEngine *engine,
              gint64        account_id,
              Sync         *s)
{
  s->reconnects++;
}

static TdSyncEngine *
engine_new (Sync *s)
{
  TdSyncEngine *engine = td_sync_engine_new (s->f.db, s->secrets, s->photos_root);

  td_sync_engine_set_clock (engine, test_clock, s);
  g_signal_connect (engine, "conflict", G_CALLBACK (conflict_cb), s);
  g_signal_connect (engine, "account-needs-reconnect", G_CALLBACK (reconnect_cb), s);
  return engine;
}

static void
sync_setup_with (Sync       *s,
                 const char *extra_settings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *secret_name = NULL;

  s->server = td_fake_server_new ();
  s->fake = s->market->create (s->server);
  s->photos_root = g_build_filename (s->f.dir, "photos-root", NULL);
  s->secrets = td_secrets_new ("test-shop", s->f.dir);

  base_url = s->market->base_url (s->fake, s->server);
  /* the class's own rate limit is honoured too, but the scenarios need not wait on it */
  extra = g_strconcat ("\"requests_per_second\": 20",
                       extra_settings != NULL ? ", " : "", extra_settings, NULL);
  settings = s->market->settings (s->fake, s->server, extra);
  s->account = td_store_marketplaces_add (s->f.db, s->market->kind, "Test shop online",
                                          base_url, TRUE, settings, OWNER, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->account, >, 0);
  account = td_store_marketplaces_get (s->f.db, s->account, &error);
  g_assert_no_error (error);
  secret_name = td_store_marketplaces_secret_name (account);
  g_assert_true (td_secrets_store (s->secrets, secret_name, "test", s->market->secret, &error));
  g_assert_no_error (error);
}

static void
sync_setup (Sync          *s,
            gconstpointer  data)
{
  fixture_setup (&s->f, data);
  s->market = data;
  sync_setup_with (s, NULL);
}

static void
sync_teardown (Sync          *s,
               gconstpointer  data)
{
  if (s->engine != NULL)
    td_sync_engine_stop (s->engine);
  g_clear_object (&s->engine);
  /* let cancelled requests come back before the fake goes */
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  s->market->destroy (s->fake);
  td_fake_server_free (s->server);
  g_clear_object (&s->secrets);
  g_free (s->photos_root);
  fixture_teardown (&s->f, data);
}

/* Helpers -------------------------------------------------------------------------------- */

static gboolean
idle_done (gpointer data)
{
  Sync *s = data;

  return td_sync_engine_is_idle (s->engine);
}

/* The queue, for --verbose runs and failures. */
static void
dump_jobs (Sync *s)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (s->f.handle,
                                       "SELECT id, op, item_id, state, attempts, last_error "
                                       "FROM sync_job ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_test_message ("job %lld %s item %lld: %s, %d attempts, “%s”",
                    (long long) sqlite3_column_int64 (stmt, 0), sqlite3_column_text (stmt, 1),
                    (long long) sqlite3_column_int64 (stmt, 2), sqlite3_column_text (stmt, 3),
                    sqlite3_column_int (stmt, 4), sqlite3_column_text (stmt, 5));
  sqlite3_finalize (stmt);
}

static void
wait_idle (Sync *s)
{
  gboolean idle = td_fake_server_run_until (idle_done, s, WAIT_MS);

  if (!idle || g_test_verbose ())
    dump_jobs (s);
  g_assert_true (idle);
}

static void
start_engine (Sync *s)
{
  if (s->engine == NULL)
    s->engine = engine_new (s);
  td_sync_engine_start (s->engine);
  wait_idle (s);
}

static gint64
count (Sync       *s,
       const char *sql)
{
  return counter_int (&s->f, sql);
}

static gint64
jobs_in_state (Sync       *s,
               const char *state)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sync_job WHERE state = '%s' "
                                          "AND op != 'pull_orders'", state);

  return count (s, sql);
}

static void
request_publish (Sync   *s,
                 gint64  item)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_store_sync_request_publish (s->f.db, item, s->account, OWNER, NOW, &error));
  g_assert_no_error (error);
}

static void add_photo (Sync *s, gint64 item, int position);

/* An item of Anna's on the floor, from 1985 with one photo (so Etsy may take it too). */
static gint64
shop_item (Sync       *s,
           const char *sku,
           gint64      price)
{
  gint64 item = counter_item (&s->f, sku, ANNA, price, "");
  g_autofree char *sql = g_strdup_printf ("UPDATE item SET vintage_year = 1985 "
                                          "WHERE id = %" G_GINT64_FORMAT, item);

  counter_exec (&s->f, sql);
  add_photo (s, item, 0);
  return item;
}

/* An item on the floor, published and live. */
static gint64
live_item (Sync       *s,
           const char *sku,
           gint64      price)
{
  gint64 item = shop_item (s, sku, price);
  g_autofree char *sql = NULL;

  request_publish (s, item);
  td_sync_engine_kick (s->engine);
  wait_idle (s);
  sql = g_strdup_printf ("SELECT state FROM listing WHERE item_id = %" G_GINT64_FORMAT, item);
  counter_assert_text (&s->f, sql, TD_LISTING_LIVE);
  return item;
}

/* Moves the engine's clock forward and wakes it. */
static void
advance (Sync   *s,
         gint64  us)
{
  s->offset += us;
  td_sync_engine_kick (s->engine);
}

/* A small real JPEG as photo @position of @item, where the photo store keeps originals. */
static void
add_photo (Sync   *s,
           gint64  item,
           int     position)
{
  /* 1×1 baseline JPEG */
  static const guint8 jpeg[] = {
    0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08, 0x07,
    0x07, 0x07, 0x09, 0x09, 0x08, 0x0a, 0x0c, 0x14, 0x0d, 0x0c, 0x0b, 0x0b, 0x0c, 0x19, 0x12,
    0x13, 0x0f, 0x14, 0x1d, 0x1a, 0x1f, 0x1e, 0x1d, 0x1a, 0x1c, 0x1c, 0x20, 0x24, 0x2e, 0x27,
    0x20, 0x22, 0x2c, 0x23, 0x1c, 0x1c, 0x28, 0x37, 0x29, 0x2c, 0x30, 0x31, 0x34, 0x34, 0x34,
    0x1f, 0x27, 0x39, 0x3d, 0x38, 0x32, 0x3c, 0x2e, 0x33, 0x34, 0x32, 0xff, 0xc0, 0x00, 0x0b,
    0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xff, 0xc4, 0x00, 0x14, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x09, 0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01,
    0x00, 0x00, 0x3f, 0x00, 0x2a, 0x9f, 0xff, 0xd9,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  /* the bytes differ per photo so the names (their SHA-256) do */
  g_byte_array_append (bytes, jpeg, sizeof jpeg);
  g_byte_array_append (bytes, (const guint8 *) &item, sizeof item);
  g_byte_array_append (bytes, (const guint8 *) &position, sizeof position);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes->data, bytes->len);
  dir = g_build_filename (s->photos_root, "photos", (char[]) { sha[0], sha[1], 0 }, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  name = g_strconcat (sha, ".jpg", NULL);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO photo (item_id, position, sha256, width, height, "
                         "created_at) VALUES (%" G_GINT64_FORMAT ", %d, '%s', 1, 1, 1)",
                         item, position, sha);
  counter_exec (&s->f, sql);
}

/* Scenarios ------------------------------------------------------------------------------ */

static void
test_publish_photos (Sync          *s,
                     gconstpointer  data)
{
  gint64 coat, book;
  g_autofree char *remote = NULL;

  start_engine (s);
  coat = shop_item (s, "ANNA-0001", 4500);
  book = shop_item (s, "B-000002", 800);
  add_photo (s, coat, 1);
  request_publish (s, coat);
  request_publish (s, book);
  td_sync_engine_kick (s->engine);
  wait_idle (s);

  g_assert_cmpint (jobs_in_state (s, "done"), ==, 2);
  g_assert_cmpint (jobs_in_state (s, "pending") + jobs_in_state (s, "failed"), ==, 0);
  g_assert_cmpint (s->market->n_products (s->fake, "ANNA-0001"), ==, 1);
  g_assert_cmpint (s->market->n_products (s->fake, "B-000002"), ==, 1);
  g_assert_cmpint (s->market->n_photos (s->fake, "ANNA-0001"), ==, 2);
  g_assert_cmpint (s->market->n_photos (s->fake, "B-000002"), ==, 1);
  g_assert_cmpint (s->market->price (s->fake, "ANNA-0001"), ==, 4500);
  g_assert_true (s->market->is_live (s->fake, "ANNA-0001"));

  counter_assert_text (&s->f, "SELECT group_concat (state) FROM listing", "live,live");
  remote = counter_text (&s->f, "SELECT remote_id FROM listing WHERE item_id = 1");
  g_assert_nonnull (remote);
  g_assert_cmpstr (remote, !=, "");
  g_assert_true (td_sync_engine_is_online (s->engine));
}

static void
test_coalesce (Sync          *s,
               gconstpointer  data)
{
  gint64 item;
  guint updates;

  start_engine (s);
  item = live_item (s, "ANNA-0001", 4500);
  updates = s->market->n_update_requests (s->fake, s->server);

  /* ten price edits at the counter while the engine is not looking */
  for (int i = 1; i <= 10; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE item SET price = %d, updated_at = %d "
                                              "WHERE id = %" G_GINT64_FORMAT,
                                              4500 - 100 * i, 10 + i, item);

      counter_exec (&s->f, sql);
    }
  g_assert_cmpint (count (s, "SELECT count(*) FROM sync_job WHERE op = 'update' "
                             "AND state = 'pending'"), ==, 1);

  td_sync_engine_kick (s->engine);
  wait_idle (s);
  g_assert_cmpuint (s->market->n_update_requests (s->fake, s->server) - updates, ==, 1);
  g_assert_cmpint (s->market->price (s->fake, "ANNA-0001"), ==, 3500);
  g_assert_cmpint (jobs_in_state (s, "pending") + jobs_in_state (s, "failed"), ==, 0);
}

typedef struct
{
  Sync       *s;
  const char *sku;
} Withdrawn;

static gboolean
withdrawn_done (gpointer data)
{
  Withdrawn *w = data;

  return !w->s->market->is_live (w->s->fake, w->sku);
}

static void
test_counter_sale (Sync          *s,
                   gconstpointer  data)
{
  Withdrawn w = { s, "ANNA-0001" };
  g_autoptr(TdSale) sale = NULL;
  gint64 t0, t1;

  start_engine (s);
  live_item (s, "ANNA-0001", 4500);
  live_item (s, "B-000002", 800);
  g_assert_true (s->market->is_live (s->fake, "ANNA-0001"));

  /* sold at the counter: the sale queues the withdrawal in its own transaction */
  counter_scan (&s->f, "ANNA-0001");
  sale = counter_sell_cash (&s->f, NULL);
  g_assert_cmpint (count (s, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND state = 'pending'"), ==, 1);

  t0 = g_get_monotonic_time ();
  td_sync_engine_kick (s->engine);
  g_assert_true (td_fake_server_run_until (withdrawn_done, &w, WAIT_MS));
  t1 = g_get_monotonic_time ();
  g_test_message ("withdrawal reached the fake %.0f ms after the kick", (t1 - t0) / 1000.0);
  wait_idle (s);

  g_assert_true (s->market->is_live (s->fake, "B-000002"));
  counter_assert_text (&s->f, "SELECT state FROM listing WHERE item_id = 1", TD_LISTING_ENDED);
  g_assert_cmpint (jobs_in_state (s, "pending") + jobs_in_state (s, "failed"), ==, 0);
}

static gboolean
relisted_done (gpointer data)
{
  Withdrawn *w = data;

  return w->s->market->is_live (w->s->fake, w->sku);
}

/* Sold at the counter, taken down, refunded: the refund's publish job makes the same remote
 * listing live again — never a second product. */
static void
test_refund_relist (Sync          *s,
                    gconstpointer  data)
{
  Withdrawn w = { s, "ANNA-0001" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdRefund) refund = NULL;
  g_autofree char *remote = NULL;
  g_autofree char *again = NULL;
  TdRefundLineRequest line = { 0, -1, FALSE };
  TdRefundRequest req = { NULL, 0, &line, 1, TD_TENDER_CASH, 0, NULL, "changed her mind", 0 };

  start_engine (s);
  live_item (s, "ANNA-0001", 4500);
  remote = counter_text (&s->f, "SELECT remote_id FROM listing WHERE item_id = 1");

  counter_scan (&s->f, "ANNA-0001");
  sale = counter_sell_cash (&s->f, NULL);
  td_sync_engine_kick (s->engine);
  g_assert_true (td_fake_server_run_until (withdrawn_done, &w, WAIT_MS));
  wait_idle (s);
  counter_assert_text (&s->f, "SELECT state FROM listing WHERE item_id = 1", TD_LISTING_ENDED);

  /* back on the floor: the refund queues the relist in its own transaction */
  line.sale_line_id = g_array_index (sale->lines, TdSaleLine, 0).id;
  req.sale_id = sale->id;
  g_assert_true (td_store_returns_refund (s->f.db, &req, CASHIER, NOW + 60 * MINUTE, &refund,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (refund->lines, TdRefundLine, 0).relisted, ==, 1);
  counter_assert_text (&s->f, "SELECT state FROM listing WHERE item_id = 1", TD_LISTING_QUEUED);
  g_assert_cmpint (count (s, "SELECT count(*) FROM sync_job WHERE op = 'publish' "
                             "AND state = 'pending'"), ==, 1);

  td_fake_server_clear_log (s->server);
  td_sync_engine_kick (s->engine);
  g_assert_true (td_fake_server_run_until (relisted_done, &w, WAIT_MS));
  wait_idle (s);
  /* Etsy: the inventory (quantity 1) is written again before state=active */
  if (g_str_equal (s->market->kind, TD_MARKETPLACE_ETSY))
    g_assert_cmpuint (td_fake_server_count (s->server, "PUT", "/v3/application/listings/"), ==, 1);

  g_assert_true (s->market->is_live (s->fake, "ANNA-0001"));
  g_assert_cmpint (s->market->n_products (s->fake, "ANNA-0001"), ==, 1);
  g_assert_cmpuint (s->market->n_all_products (s->fake), ==, 1);
  g_assert_cmpint (s->market->price (s->fake, "ANNA-0001"), ==, 4500);
  counter_assert_text (&s->f, "SELECT state FROM listing WHERE item_id = 1", TD_LISTING_LIVE);
  again = counter_text (&s->f, "SELECT remote_id FROM listing WHERE item_id = 1");
  g_assert_cmpstr (again, ==, remote);
  g_assert_cmpint (jobs_in_state (s, "pending") + jobs_in_state (s, "failed"), ==, 0);
}

static gboolean
item_sold_done (gpointer data)
{
  Sync *s = data;

  return count (s, "SELECT count(*) FROM item WHERE id = 1 AND status = 'sold'") == 1;
}

static void
test_online_order (Sync          *s,
                   gconstpointer  data)
{
  g_autofree char *sql = NULL;

  start_engine (s);
  live_item (s, "ANNA-0001", 4500);
  s->market->add_order (s->fake, "1001", "ANNA-0001", 4500);

  /* the next poll (two minutes on) finds it */
  advance (s, 2 * MINUTE + G_USEC_PER_SEC);
  g_assert_true (td_fake_server_run_until (item_sold_done, s, WAIT_MS));
  wait_idle (s);

  sql = g_strdup_printf ("SELECT count(*) FROM sale WHERE channel = '%s' "
                         "AND account_id = %" G_GINT64_FORMAT, s->market->kind, s->account);
  g_assert_cmpint (count (s, sql), ==, 1);
  g_assert_cmpint (s->conflicts, ==, 0);
  g_assert_cmpint (count (s, "SELECT count(*) FROM sync_conflict"), ==, 0);

  /* polled again: the same order is not sold twice */
  advance (s, 2 * MINUTE + G_USEC_PER_SEC);
  wait_idle (s);
  g_assert_cmpint (count (s, sql), ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *cursor = td_store_sync_cursor_get (s->f.db, s->account, "orders", &error);

    g_assert_no_error (error);
    g_assert_nonnull (cursor);
  }
}

static void
test_conflict (Sync          *s,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  TdSyncConflict *conflict;

  start_engine (s);
  live_item (s, "ANNA-0001", 4500);

  /* sold at the counter, and bought online before the withdrawal got there */
  counter_scan (&s->f, "ANNA-0001");
  sale = counter_sell_cash (&s->f, NULL);
  s->market->add_order (s->fake, "2002", "ANNA-0001", 4500);

  advance (s, 2 * MINUTE + G_USEC_PER_SEC);
  wait_idle (s);

  g_assert_cmpuint (s->conflicts, ==, 1);
  conflicts = td_store_sync_list_conflicts (s->f.db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->id, ==, s->last_conflict);
  g_assert_cmpstr (conflict->external_order_id, ==, "2002");
  g_assert_cmpstr (conflict->sku, ==, "ANNA-0001");
  g_assert_cmpint (conflict->account_id, ==, s->account);
  /* one sale only: the counter's */
  g_assert_cmpint (count (s, "SELECT count(*) FROM sale"), ==, 1);
  g_assert_cmpint (count (s, "SELECT count(*) FROM sale WHERE channel = 'store'"), ==, 1);
}

/* Crash mid-batch ------------------------------------------------------------------------ */

#define CRASH_ITEMS 12

typedef struct
{
  Sync *s;
  guint seen;
} Crash;

static gboolean
some_created (gpointer data)
{
  Crash *c = data;

  return c->s->market->n_all_products (c->s->fake) >= c->seen;
}

static GPid
spawn_child (Sync *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", &error);
  const char *argv[] = { self_exe, "--engine-child", s->f.path, s->f.dir, s->photos_root, NULL };
  GPid pid = 0;

  g_assert_no_error (error);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static void
test_crash (Sync          *s,
            gconstpointer  data)
{
  Crash c = { s, 1 };
  GPid pid;
  int status = 0;

  for (int i = 1; i <= CRASH_ITEMS; i++)
    {
      g_autofree char *sku = g_strdup_printf ("ANNA-%04d", i);

      request_publish (s, shop_item (s, sku, 1000 + i));
    }

  /* A slow marketplace: each answer takes a while, so the kill lands mid-batch. */
  td_fake_server_set_latency (s->server, 150);
  pid = spawn_child (s);
  g_assert_true (td_fake_server_run_until (some_created, &c, WAIT_MS));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  g_test_message ("killed with %u products at the fake, %" G_GINT64_FORMAT " jobs done",
                  s->market->n_all_products (s->fake), jobs_in_state (s, "done"));
  g_assert_cmpint (jobs_in_state (s, "done"), <, CRASH_ITEMS);

  /* Restart here: running jobs are recovered, created products adopted by SKU. */
  td_fake_server_set_latency (s->server, 0);
  start_engine (s);
  td_sync_engine_kick (s->engine);
  wait_idle (s);

  g_assert_cmpint (jobs_in_state (s, "done"), ==, CRASH_ITEMS);
  g_assert_cmpint (count (s, "SELECT count(*) FROM sync_job"), >=, CRASH_ITEMS);
  g_assert_cmpint (jobs_in_state (s, "pending") + jobs_in_state (s, "running")
                   + jobs_in_state (s, "failed"), ==, 0);
  g_assert_cmpuint (s->market->n_all_products (s->fake), ==, CRASH_ITEMS);
  for (int i = 1; i <= CRASH_ITEMS; i++)
    {
      g_autofree char *sku = g_strdup_printf ("ANNA-%04d", i);

      g_assert_cmpuint (s->market->n_products (s->fake, sku), ==, 1);
    }
  g_assert_cmpint (count (s, "SELECT count(*) FROM listing WHERE state = 'live' "
                             "AND remote_id IS NOT NULL"), ==, CRASH_ITEMS);
}

/* The child: an engine on the shop file, run until killed. */
static int
run_child (const char *db_path,
           const char *dir,
           const char *photos_root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (db_path, &error);
  g_autoptr(TdSecrets) secrets = NULL;
  g_autoptr(TdSyncEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  if (db == NULL)
    g_error ("child: %s", error->message);
  secrets = td_secrets_new ("test-shop", dir);
  engine = td_sync_engine_new (db, secrets, photos_root);
  td_sync_engine_start (engine);
  g_main_loop_run (loop);
  return 0;
}

/* Off the main connection ---------------------------------------------------------------- */

static void
listing_update_cb (void          *data,
                   int            op,
                   const char    *database,
                   const char    *table,
                   sqlite3_int64  rowid)
{
  if (op == SQLITE_UPDATE && g_str_equal (table, "listing"))
    (*(guint *) data)++;
}

/* Any write to any table. */
static void
any_write_cb (void          *data,
              int            op,
              const char    *database,
              const char    *table,
              sqlite3_int64  rowid)
{
  g_test_message ("main connection: %s on %s",
                  op == SQLITE_INSERT ? "INSERT" : op == SQLITE_DELETE ? "DELETE" : "UPDATE", table);
  (*(guint *) data)++;
}

/* Outcomes and remote ids are written by the engine's writer thread on a connection of its
 * own (one transaction a batch, fsynced there): the main connection, which the counter
 * shares, sees none of those writes while a batch runs. Nor while an order poll runs: the
 * claim of a "Sync now" job, the online order's sale and the cursor are the writer's too. */
static void
test_off_main (Sync          *s,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *sql = NULL;
  guint listing_updates = 0;
  guint writes = 0;

  start_engine (s);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *sku = g_strdup_printf ("ANNA-%04d", i);

      request_publish (s, shop_item (s, sku, 1000 + i));
    }

  sqlite3_update_hook (s->f.handle, listing_update_cb, &listing_updates);
  td_sync_engine_kick (s->engine);
  wait_idle (s);
  sqlite3_update_hook (s->f.handle, NULL, NULL);

  g_assert_cmpint (jobs_in_state (s, "done"), ==, 5);
  g_assert_cmpint (count (s, "SELECT count(*) FROM listing WHERE state = 'live' "
                             "AND remote_id IS NOT NULL AND remote_id <> ''"), ==, 5);
  g_assert_cmpuint (s->market->n_all_products (s->fake), ==, 5);
  g_assert_cmpuint (listing_updates, ==, 0);

  /* bought online; staff press "Sync now" (a pull_orders job, written here as the UI does) */
  s->market->add_order (s->fake, "3003", "ANNA-0001", 1001);
  cursor = td_store_sync_cursor_get (s->f.db, s->account, "orders", &error);
  g_assert_no_error (error);
  g_assert_true (td_store_sync_request_pull (s->f.db, test_clock (s), &error));
  g_assert_no_error (error);

  sqlite3_update_hook (s->f.handle, any_write_cb, &writes);
  td_sync_engine_kick (s->engine);
  g_assert_true (td_fake_server_run_until (item_sold_done, s, WAIT_MS));
  wait_idle (s);
  sqlite3_update_hook (s->f.handle, NULL, NULL);

  sql = g_strdup_printf ("SELECT count(*) FROM sale WHERE channel = '%s' AND account_id = %"
                         G_GINT64_FORMAT " AND external_order_id = '3003'", s->market->kind,
                         s->account);
  g_assert_cmpint (count (s, sql), ==, 1);
  g_assert_cmpint (count (s, "SELECT count(*) FROM sync_job WHERE op = 'pull_orders' "
                             "AND state = 'done'"), ==, 1);
  moved = td_store_sync_cursor_get (s->f.db, s->account, "orders", &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_assert_cmpstr (moved, !=, cursor);
  g_assert_cmpuint (writes, ==, 0);
}

/* Offline -------------------------------------------------------------------------------- */

static gboolean
offline_done (gpointer data)
{
  Sync *s = data;

  return !td_sync_engine_is_online (s->engine);
}

static void
test_offline (Sync          *s,
              gconstpointer  data)
{
  start_engine (s);
  live_item (s, "ANNA-0001", 4500);

  td_fake_server_stop (s->server);
  for (int i = 2; i <= 6; i++)
    {
      g_autofree char *sku = g_strdup_printf ("ANNA-%04d", i);

      request_publish (s, shop_item (s, sku, 1000 + i));
    }
  td_sync_engine_kick (s->engine);
  g_assert_true (td_fake_server_run_until (offline_done, s, WAIT_MS));
  wait_idle (s);

  /* the jobs wait, none failed, no attempt counted */
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 5);
  g_assert_cmpint (jobs_in_state (s, "failed"), ==, 0);
  g_assert_cmpint (count (s, "SELECT max (attempts) FROM sync_job WHERE state = 'pending'"), ==,
                   0);

  /* ten minutes later, in a few retries, still offline */
  for (int i = 0; i < 4; i++)
    {
      advance (s, 150 * G_USEC_PER_SEC);
      wait_idle (s);
    }
  g_assert_false (td_sync_engine_is_online (s->engine));
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 5);

  /* the network is back: the queue drains */
  td_fake_server_resume (s->server);
  advance (s, 15 * MINUTE);
  wait_idle (s);
  g_assert_true (td_sync_engine_is_online (s->engine));
  g_assert_cmpint (jobs_in_state (s, "pending") + jobs_in_state (s, "failed"), ==, 0);
  g_assert_cmpint (jobs_in_state (s, "done"), ==, 6);
  for (int i = 1; i <= 6; i++)
    {
      g_autofree char *sku = g_strdup_printf ("ANNA-%04d", i);

      g_assert_cmpuint (s->market->n_products (s->fake, sku), ==, 1);
    }
}

/* Daily budget --------------------------------------------------------------------------- */

static void
budget_setup (Sync          *s,
              gconstpointer  data)
{
  fixture_setup (&s->f, data);
  s->market = data;
  /* one request a day: the order poll at start uses it up */
  sync_setup_with (s, "\"daily_budget\": 1");
}

static char *
budget_used (Sync *s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((g_get_real_time () + s->offset)
                                                           / G_USEC_PER_SEC);
  g_autofree char *day = g_date_time_format (dt, "%Y-%m-%d");
  g_autofree char *name = g_strconcat ("budget:", day, NULL);
  g_autoptr(GError) error = NULL;
  char *used = td_store_sync_cursor_get (s->f.db, s->account, name, &error);

  g_assert_no_error (error);
  return used;
}

static void
test_budget (Sync          *s,
             gconstpointer  data)
{
  g_autofree char *used = NULL;
  gint64 day_us = G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC;
  gint64 now;
  guint sent;

  /* Start at 23:00 UTC of the engine's day so the test sees one rollover. */
  now = g_get_real_time ();
  s->offset = (now / day_us + 1) * day_us - now - 60 * MINUTE;

  start_engine (s);
  sent = td_fake_server_get_requests (s->server)->len;
  g_assert_cmpuint (sent, ==, 1);
  used = budget_used (s);
  g_assert_cmpstr (used, ==, "1");

  request_publish (s, shop_item (s, "ANNA-0001", 4500));
  td_sync_engine_kick (s->engine);
  wait_idle (s);
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 1);
  g_assert_cmpuint (s->market->n_products (s->fake, "ANNA-0001"), ==, 0);
  g_assert_cmpuint (td_fake_server_get_requests (s->server)->len, ==, sent);

  /* a restart the same day keeps the count */
  td_sync_engine_stop (s->engine);
  g_clear_object (&s->engine);
  start_engine (s);
  td_sync_engine_kick (s->engine);
  wait_idle (s);
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 1);
  g_assert_cmpuint (td_fake_server_get_requests (s->server)->len, ==, sent);

  /* past midnight: the new day's one request goes out, and nothing after it — a call under
   * way stops at the budget (test_budget_batch) — and the job still waits, unharmed */
  advance (s, 61 * MINUTE);
  wait_idle (s);
  g_clear_pointer (&used, g_free);
  used = budget_used (s);
  g_assert_cmpstr (used, ==, "1");
  g_assert_cmpuint (td_fake_server_get_requests (s->server)->len, ==, sent + 1);
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 1);
  g_assert_cmpint (jobs_in_state (s, "failed"), ==, 0);
  g_assert_cmpint (count (s, "SELECT attempts FROM sync_job WHERE op = 'publish'"), ==, 0);
}

static void
budget_batch_setup (Sync          *s,
                    gconstpointer  data)
{
  fixture_setup (&s->f, data);
  s->market = data;
  /* orders are polled once a day, so the day's budget is the poll and the batch */
  sync_setup_with (s, "\"poll_interval\": 86400");
}

/* Gives the account a daily budget of @budget requests, as Preferences would. */
static void
set_daily_budget (Sync  *s,
                  guint  budget)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdMarketplaceAccount) account = td_store_marketplaces_get (s->f.db, s->account,
                                                                       &error);
  g_autofree char *extra = g_strdup_printf ("\"requests_per_second\": 20, "
                                            "\"poll_interval\": 86400, \"daily_budget\": %u",
                                            budget);

  g_assert_no_error (error);
  g_free (account->settings);
  account->settings = s->market->settings (s->fake, s->server, extra);
  g_assert_true (td_store_marketplaces_update (s->f.db, account, OWNER, NOW, &error));
  g_assert_no_error (error);
  td_sync_engine_reload (s->engine);
  wait_idle (s);
}

static void
log_requests (Sync  *s,
              guint  from)
{
  GPtrArray *requests = td_fake_server_get_requests (s->server);

  for (guint i = from; i < requests->len; i++)
    {
      TdFakeRequest *request = g_ptr_array_index (requests, i);

      g_test_message ("request %u: %s %s", i, request->method, request->path);
    }
}

/* A batch under way stops where the daily budget runs out. The budget is what one publish
 * takes (measured, so it holds for each class); the day's order poll takes one of it, so the
 * next publish sends one request too few and waits for the next UTC day — not failed, no
 * attempt counted, no error shown, still online — and then finishes on one remote listing. */
static void
test_budget_batch (Sync          *s,
                   gconstpointer  data)
{
  g_autofree char *used = NULL;
  g_autofree char *expected = NULL;
  gint64 day_us = G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC;
  gint64 now;
  gint64 tomorrow;
  guint budget;
  guint day_start;
  guint sent;

  /* Start at 23:00 UTC of the engine's day, so each advance by a day lands at 23:00 too. */
  now = g_get_real_time ();
  s->offset = (now / day_us + 1) * day_us - now - 60 * MINUTE;

  start_engine (s);
  sent = td_fake_server_get_requests (s->server)->len;
  live_item (s, "ANNA-0001", 4500);
  budget = td_fake_server_get_requests (s->server)->len - sent;
  g_test_message ("a publish takes %u requests", budget);
  g_assert_cmpuint (budget, >=, 2);
  set_daily_budget (s, budget);

  /* the next day at 23:00: the order poll is due and takes the first request */
  advance (s, day_us);
  day_start = td_fake_server_get_requests (s->server)->len;
  wait_idle (s);
  g_assert_cmpuint (td_fake_server_get_requests (s->server)->len, ==, day_start + 1);
  tomorrow = ((g_get_real_time () + s->offset) / day_us + 1) * day_us;

  request_publish (s, shop_item (s, "ANNA-0002", 900));
  td_sync_engine_kick (s->engine);
  wait_idle (s);
  log_requests (s, day_start);

  /* exactly the day's budget went out, the batch under way included */
  sent = td_fake_server_get_requests (s->server)->len;
  g_assert_cmpuint (sent - day_start, ==, budget);
  used = budget_used (s);
  expected = g_strdup_printf ("%u", budget);
  g_assert_cmpstr (used, ==, expected);

  /* the job waits for tomorrow, as one that could not start does */
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 1);
  g_assert_cmpint (jobs_in_state (s, "failed"), ==, 0);
  g_assert_cmpint (count (s, "SELECT attempts FROM sync_job WHERE item_id = 2"), ==, 0);
  g_assert_cmpint (count (s, "SELECT next_at FROM sync_job WHERE item_id = 2"), >=, tomorrow);
  counter_assert_text (&s->f, "SELECT last_error FROM sync_job WHERE item_id = 2", "");
  counter_assert_text (&s->f, "SELECT state FROM listing WHERE item_id = 2", TD_LISTING_QUEUED);
  counter_assert_text (&s->f, "SELECT last_error FROM listing WHERE item_id = 2", "");
  g_assert_true (td_sync_engine_is_online (s->engine));

  /* nothing more today, however often the engine wakes */
  advance (s, 10 * MINUTE);
  wait_idle (s);
  g_assert_cmpuint (td_fake_server_get_requests (s->server)->len, ==, sent);

  /* past midnight the same job goes on and finishes within the new day's budget */
  advance (s, 51 * MINUTE);
  wait_idle (s);
  log_requests (s, sent);
  g_assert_cmpint (jobs_in_state (s, "done"), ==, 2);
  g_assert_cmpint (jobs_in_state (s, "pending") + jobs_in_state (s, "failed"), ==, 0);
  g_assert_cmpint (count (s, "SELECT attempts FROM sync_job WHERE item_id = 2"), ==, 0);
  counter_assert_text (&s->f, "SELECT state FROM listing WHERE item_id = 2", TD_LISTING_LIVE);
  g_assert_cmpuint (s->market->n_products (s->fake, "ANNA-0002"), ==, 1);
  g_assert_true (s->market->is_live (s->fake, "ANNA-0002"));
  g_assert_cmpuint (td_fake_server_get_requests (s->server)->len - sent, <=, budget);
}

/* Retry-After ---------------------------------------------------------------------------- */

static void
test_retry_after (Sync          *s,
                  gconstpointer  data)
{
  gint64 before;

  start_engine (s);
  s->market->fail_publish (s->fake, s->server, 429, 120);
  before = g_get_real_time () + s->offset;
  request_publish (s, shop_item (s, "ANNA-0001", 4500));
  td_sync_engine_kick (s->engine);
  wait_idle (s);

  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 1);
  g_assert_cmpint (count (s, "SELECT attempts FROM sync_job WHERE op = 'publish'"), ==, 1);
  g_assert_cmpint (count (s, "SELECT next_at FROM sync_job WHERE op = 'publish'"), >=,
                   before + 120 * G_USEC_PER_SEC);
  g_assert_cmpuint (s->market->n_products (s->fake, "ANNA-0001"), ==, 0);

  /* not before: a minute on, nothing is sent */
  advance (s, MINUTE);
  wait_idle (s);
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 1);

  advance (s, 2 * MINUTE);
  wait_idle (s);
  g_assert_cmpint (jobs_in_state (s, "done"), ==, 1);
  g_assert_cmpuint (s->market->n_products (s->fake, "ANNA-0001"), ==, 1);
}

/* Reconnect ------------------------------------------------------------------------------ */

static void
test_reconnect (Sync          *s,
                gconstpointer  data)
{
  guint before;

  start_engine (s);
  /* the token was revoked: every call is refused */
  td_fake_server_add_fault (s->server, "", TD_FAKE_FAULT_STATUS, 401, 0,
                            "{\"error\":\"Invalid API key or access token\"}", 0, 1000);
  request_publish (s, shop_item (s, "ANNA-0001", 4500));
  td_sync_engine_kick (s->engine);
  wait_idle (s);
  g_assert_cmpuint (s->reconnects, ==, 1);
  g_assert_cmpint (jobs_in_state (s, "failed"), ==, 1);
  counter_assert_text (&s->f, "SELECT state FROM listing WHERE item_id = 1", TD_LISTING_ERROR);

  /* paused: nothing more goes out, polls included, until the account is reconnected */
  before = td_fake_server_get_requests (s->server)->len;
  request_publish (s, shop_item (s, "ANNA-0002", 900));
  advance (s, 5 * MINUTE);
  wait_idle (s);
  g_assert_cmpuint (td_fake_server_get_requests (s->server)->len, ==, before);
  g_assert_cmpint (jobs_in_state (s, "pending"), ==, 1);
  g_assert_cmpuint (s->reconnects, ==, 1);
}

/* Refused by the class -------------------------------------------------------------------- */

static void
test_not_vintage (Sync          *s,
                  gconstpointer  data)
{
  g_autofree char *message = NULL;
  gint64 item;

  start_engine (s);
  item = shop_item (s, "ANNA-0001", 4500);
  request_publish (s, item);
  /* the year was a typo: the item is from 2015, too young for Etsy */
  counter_exec (&s->f, "UPDATE item SET vintage_year = 2015 WHERE id = 1");
  td_sync_engine_kick (s->engine);
  wait_idle (s);

  g_assert_cmpint (count (s, "SELECT count(*) FROM sync_job WHERE op = 'publish' "
                             "AND state = 'failed'"), ==, 1);
  message = counter_text (&s->f, "SELECT last_error FROM sync_job WHERE op = 'publish'");
  g_assert_cmpstr (message, ==,
                   "Etsy only accepts vintage items (20 years or older); this item is from 2015.");
  g_assert_cmpuint (s->market->n_all_products (s->fake), ==, 0);
  g_assert_cmpuint (td_fake_server_count (s->server, "POST", ""), ==, 0);
  g_assert_cmpint (item, ==, 1);
}

/* Main ----------------------------------------------------------------------------------- */

static void
add (const Market *market,
     const char   *name,
     void        (*setup) (Sync *, gconstpointer),
     void        (*test) (Sync *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/td/sync-engine/%s/%s", market->kind, name);

  g_test_add (path, Sync, market, setup, test, sync_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  if (argc == 5 && g_str_equal (argv[1], "--engine-child"))
    return run_child (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);
  for (guint m = 0; test_markets[m] != NULL; m++)
    {
      const Market *market = test_markets[m];

      add (market, "publish", sync_setup, test_publish_photos);
      add (market, "coalesce", sync_setup, test_coalesce);
      add (market, "counter-sale", sync_setup, test_counter_sale);
      add (market, "refund-relist", sync_setup, test_refund_relist);
      add (market, "online-order", sync_setup, test_online_order);
      add (market, "conflict", sync_setup, test_conflict);
      add (market, "crash", sync_setup, test_crash);
      add (market, "off-main", sync_setup, test_off_main);
      add (market, "offline", sync_setup, test_offline);
      add (market, "budget", budget_setup, test_budget);
      add (market, "budget-batch", budget_batch_setup, test_budget_batch);
      add (market, "retry-after", sync_setup, test_retry_after);
      add (market, "reconnect", sync_setup, test_reconnect);
      if (g_str_equal (market->kind, TD_MARKETPLACE_ETSY))
        add (market, "not-vintage", sync_setup, test_not_vintage);
    }
  return g_test_run ();
}
