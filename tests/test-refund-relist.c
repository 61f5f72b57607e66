/* test-refund-relist.c — a refund that puts an item back on the floor puts it back online:
 * in the refund's own transaction, one publish job for every listing the sale took down
 * (and only those), none for a damaged return; a withdrawal still on its way when the refund
 * comes does not leave the listing ended. Real SQLite file; the engine's side is played with
 * the store calls it uses (claim, finish). The marketplaces themselves: tests/net
 * (sync-engine …/refund-relist).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-store-marketplaces.h"
#include "td-store-sync.h"
#include "td-test-counter.h"

#define OWNER 7
#define HOUR  (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static gint64
add_account (Fixture    *f,
             const char *kind)
{
  g_autoptr(GError) error = NULL;
  gint64 id = td_store_marketplaces_add (f->db, kind, kind, "http://127.0.0.1:1/api/", FALSE,
                                         "{}", OWNER, NOW, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* @remote_id NULL: never online. */
static void
add_listing (Fixture    *f,
             gint64      item,
             gint64      account,
             const char *state,
             const char *remote_id)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO listing (item_id, account_id, state, remote_id) "
    "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', %s%s%s)",
    item, account, state, remote_id != NULL ? "'" : "", remote_id != NULL ? remote_id : "NULL",
    remote_id != NULL ? "'" : "");

  counter_exec (f, sql);
}

static gint64
count (Fixture    *f,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
count (Fixture    *f,
       const char *format,
       ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return counter_int (f, sql);
}

static char *
listing_state (Fixture *f,
               gint64   account)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM listing WHERE account_id = %"
                                          G_GINT64_FORMAT, account);

  return counter_text (f, sql);
}

static gint64
publish_jobs (Fixture *f,
              gint64   account)
{
  return count (f, "SELECT count(*) FROM sync_job WHERE op = 'publish' AND state = 'pending' "
                   "AND account_id = %" G_GINT64_FORMAT, account);
}

/* The engine takes the account's due @op jobs: how many. */
static guint
claim (Fixture  *f,
       gint64    account,
       TdSyncOp  op,
       gint64   *job_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = td_store_sync_claim (f->db, account, op, 25, NOW + 2 * HOUR,
                                                   &error);

  g_assert_no_error (error);
  if (jobs->len > 0 && job_id != NULL)
    *job_id = ((TdSyncJob *) g_ptr_array_index (jobs, 0))->id;
  return jobs->len;
}

static void
finish (Fixture      *f,
        gint64        job_id,
        TdSyncStatus  status,
        const char   *listing_state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncOutcome) outcome = td_sync_outcome_new (1, status);

  outcome->listing_state = g_strdup (listing_state);
  g_assert_true (td_store_sync_finish (f->db, job_id, outcome, NOW + 2 * HOUR, &error));
  g_assert_no_error (error);
}

/* The withdrawal the engine sends for @account, all the way. */
static void
withdraw_done (Fixture *f,
               gint64   account)
{
  gint64 job = 0;

  g_assert_cmpuint (claim (f, account, TD_SYNC_OP_WITHDRAW, &job), ==, 1);
  finish (f, job, TD_SYNC_DONE, TD_LISTING_ENDED);
}

static TdRefund *
refund (Fixture  *f,
        TdSale   *sale,
        gboolean  damaged)
{
  g_autoptr(GError) error = NULL;
  TdRefundLineRequest line = { g_array_index (sale->lines, TdSaleLine, 0).id, -1, damaged };
  TdRefundRequest req = { NULL, sale->id, &line, 1, TD_TENDER_CASH, 0, NULL, "returned", 0 };
  TdRefund *done = NULL;

  g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW + HOUR, &done, &error));
  g_assert_no_error (error);
  return done;
}

static void
test_counter_refund (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdRefund) done = NULL;
  gint64 ebay = add_account (f, "ebay");
  gint64 shop = add_account (f, "shopify");
  gint64 etsy = add_account (f, "etsy");
  gint64 woo = add_account (f, "woocommerce");
  gint64 coat = counter_item (f, "A-1", ANNA, 4000, NULL);
  gint64 staff_withdraw, jobs_before;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL;
  TdRefundLineRequest line = { 0, -1, FALSE };
  TdRefundRequest req = { NULL, 0, &line, 1, TD_TENDER_CASH, 0, NULL, "returned", 0 };

  add_listing (f, coat, ebay, "live", "110000001");   /* live: the sale takes it down */
  add_listing (f, coat, shop, "ended", "gid://1");    /* staff ended it long ago */
  add_listing (f, coat, etsy, "queued", NULL);        /* on its way, never online */
  add_listing (f, coat, woo, "live", "77");           /* staff are taking it down right now */
  g_assert_true (td_store_sync_request_withdraw (f->db, coat, woo, OWNER, NOW - HOUR, &error));
  g_assert_no_error (error);
  staff_withdraw = count (f, "SELECT id FROM sync_job WHERE account_id = %" G_GINT64_FORMAT, woo);

  counter_scan (f, "A-1");
  sale = counter_sell_cash (f, NULL);
  /* one withdrawal per listing: staff's own is not doubled */
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND created_at = %" G_GINT64_FORMAT, NOW), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND account_id = %" G_GINT64_FORMAT, woo), ==, 1);
  withdraw_done (f, ebay);
  withdraw_done (f, woo);
  g_assert_cmpint (count (f, "SELECT state = 'done' FROM sync_job WHERE id = %" G_GINT64_FORMAT,
                          staff_withdraw), ==, 1);

  /* a refund that fails at its last write leaves no publish job behind */
  jobs_before = count (f, "SELECT count(*) FROM sync_job");
  counter_exec (f, "CREATE TEMP TRIGGER boom BEFORE INSERT ON audit "
                   "WHEN NEW.action = 'refund.completed' "
                   "BEGIN SELECT RAISE (ABORT, 'injected failure'); END");
  line.sale_line_id = g_array_index (sale->lines, TdSaleLine, 0).id;
  req.sale_id = sale->id;
  g_test_expect_message ("td-database", G_LOG_LEVEL_MESSAGE, "*injected failure*");
  g_assert_false (td_store_returns_refund (f->db, &req, CASHIER, NOW + HOUR, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_nonnull (error);
  g_clear_error (&error);
  counter_exec (f, "DROP TRIGGER temp.boom");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job"), ==, jobs_before);
  s1 = listing_state (f, ebay);
  g_assert_cmpstr (s1, ==, TD_LISTING_ENDED);

  /* the refund: exactly the listing the sale took down goes back up, nothing else */
  done = refund (f, sale, FALSE);
  g_assert_cmpuint (g_array_index (done->lines, TdRefundLine, 0).relisted, ==, 1);
  counter_assert_text (f, "SELECT status FROM item WHERE sku = 'A-1'", "available");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'publish'"), ==, 1);
  g_assert_cmpint (publish_jobs (f, ebay), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'publish' "
                             "AND created_at = %" G_GINT64_FORMAT, NOW + HOUR), ==, 1);
  g_clear_pointer (&s1, g_free);
  s1 = listing_state (f, ebay);
  s2 = listing_state (f, shop);
  s3 = listing_state (f, etsy);
  s4 = listing_state (f, woo);
  g_assert_cmpstr (s1, ==, TD_LISTING_QUEUED);
  g_assert_cmpstr (s2, ==, TD_LISTING_ENDED);
  g_assert_cmpstr (s3, ==, TD_LISTING_QUEUED);   /* untouched: its own withdrawal still waits */
  g_assert_cmpstr (s4, ==, TD_LISTING_ENDED);
  g_assert_cmpint (count (f, "SELECT json_extract (detail, '$.relisted') FROM audit "
                             "WHERE action = 'refund.completed'"), ==, 1);

  /* the engine takes it, and it goes live */
  {
    gint64 job = 0;

    g_assert_cmpuint (claim (f, ebay, TD_SYNC_OP_PUBLISH, &job), ==, 1);
    finish (f, job, TD_SYNC_DONE, TD_LISTING_LIVE);
    g_clear_pointer (&s1, g_free);
    s1 = listing_state (f, ebay);
    g_assert_cmpstr (s1, ==, TD_LISTING_LIVE);
  }
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdRefund) done = NULL;
  g_autofree char *state = NULL;
  gint64 ebay = add_account (f, "ebay");
  gint64 coat = counter_item (f, "A-1", ANNA, 4000, NULL);

  add_listing (f, coat, ebay, "live", "110000001");
  counter_scan (f, "A-1");
  sale = counter_sell_cash (f, NULL);
  withdraw_done (f, ebay);

  done = refund (f, sale, TRUE);
  g_assert_cmpuint (g_array_index (done->lines, TdRefundLine, 0).relisted, ==, 0);
  counter_assert_text (f, "SELECT status FROM item WHERE sku = 'A-1'", "damaged");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'publish'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE state = 'pending'"), ==, 0);
  state = listing_state (f, ebay);
  g_assert_cmpstr (state, ==, TD_LISTING_ENDED);
  g_assert_cmpint (count (f, "SELECT json_type (detail, '$.relisted') IS NULL FROM audit "
                             "WHERE action = 'refund.completed'"), ==, 1);
}

/* Refunded before the engine came round: the withdrawal never goes out. */
static void
test_before_withdrawal (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdRefund) done = NULL;
  g_autofree char *state = NULL;
  gint64 ebay = add_account (f, "ebay");
  gint64 coat = counter_item (f, "A-1", ANNA, 4000, NULL);

  add_listing (f, coat, ebay, "live", "110000001");
  counter_scan (f, "A-1");
  sale = counter_sell_cash (f, NULL);
  done = refund (f, sale, FALSE);

  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND state = 'done' AND last_error = 'superseded'"), ==, 1);
  g_assert_cmpuint (claim (f, ebay, TD_SYNC_OP_WITHDRAW, NULL), ==, 0);
  g_assert_cmpint (publish_jobs (f, ebay), ==, 1);
  state = listing_state (f, ebay);
  g_assert_cmpstr (state, ==, TD_LISTING_QUEUED);
}

/* Refunded while the withdrawal is on its way: the publish waits for it, and the listing is
 * not left ended when it comes back (done, or to be retried). */
static void
test_during_withdrawal (Fixture       *f,
                        gconstpointer  data)
{
  gint64 ebay = add_account (f, "ebay");
  gint64 shop = add_account (f, "shopify");
  gint64 coat = counter_item (f, "A-1", ANNA, 4000, NULL);
  gint64 on_ebay = 0, on_shop = 0, job = 0;
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdRefund) done = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL;

  add_listing (f, coat, ebay, "live", "110000001");
  add_listing (f, coat, shop, "live", "gid://1");
  counter_scan (f, "A-1");
  sale = counter_sell_cash (f, NULL);
  g_assert_cmpuint (claim (f, ebay, TD_SYNC_OP_WITHDRAW, &on_ebay), ==, 1);
  g_assert_cmpuint (claim (f, shop, TD_SYNC_OP_WITHDRAW, &on_shop), ==, 1);

  done = refund (f, sale, FALSE);
  g_assert_cmpuint (g_array_index (done->lines, TdRefundLine, 0).relisted, ==, 2);
  /* held back while the withdrawal runs */
  g_assert_cmpuint (claim (f, ebay, TD_SYNC_OP_PUBLISH, NULL), ==, 0);

  /* eBay ended it: the listing waits for its publish, not 'ended' */
  finish (f, on_ebay, TD_SYNC_DONE, TD_LISTING_ENDED);
  s1 = listing_state (f, ebay);
  g_assert_cmpstr (s1, ==, TD_LISTING_QUEUED);
  /* Shopify was busy: no second try of the withdrawal, the publish puts it right */
  finish (f, on_shop, TD_SYNC_RETRY, NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE id = %" G_GINT64_FORMAT
                             " AND state = 'done' AND last_error = 'superseded'", on_shop), ==, 1);
  g_assert_cmpuint (claim (f, shop, TD_SYNC_OP_WITHDRAW, NULL), ==, 0);

  g_assert_cmpuint (claim (f, ebay, TD_SYNC_OP_PUBLISH, &job), ==, 1);
  finish (f, job, TD_SYNC_DONE, TD_LISTING_LIVE);
  g_assert_cmpuint (claim (f, shop, TD_SYNC_OP_PUBLISH, &job), ==, 1);
  finish (f, job, TD_SYNC_DONE, TD_LISTING_LIVE);
  g_clear_pointer (&s1, g_free);
  s1 = listing_state (f, ebay);
  s2 = listing_state (f, shop);
  g_assert_cmpstr (s1, ==, TD_LISTING_LIVE);
  g_assert_cmpstr (s2, ==, TD_LISTING_LIVE);
}

/* Sold on eBay, refunded: the other channels come back; eBay's own listing ended with the
 * order, so it is eBay's to relist (Thriftdesk does not). */
static void
test_online_sale (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TdOnlineOrder) order = td_online_order_new ("ORD-1");
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdRefund) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL;
  TdOrderImport result = -1;
  gint64 ebay = add_account (f, "ebay");
  gint64 shop = add_account (f, "shopify");
  gint64 coat = counter_item (f, "A-1", ANNA, 4000, NULL);

  add_listing (f, coat, ebay, "live", "110000001");
  add_listing (f, coat, shop, "live", "gid://1");
  order->paid = TRUE;
  td_online_order_add_line (order, "A-1", NULL, 1, 4000);
  g_assert_true (td_store_sync_import_order (f->db, ebay, order, NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, TD_ORDER_IMPORTED);
  withdraw_done (f, shop);

  sale = td_store_sales_get_by_receipt (f->db, "online", 1, &error);
  g_assert_no_error (error);
  done = refund (f, sale, FALSE);
  g_assert_cmpuint (g_array_index (done->lines, TdRefundLine, 0).relisted, ==, 1);
  g_assert_cmpint (publish_jobs (f, shop), ==, 1);
  g_assert_cmpint (publish_jobs (f, ebay), ==, 0);
  s1 = listing_state (f, ebay);
  s2 = listing_state (f, shop);
  g_assert_cmpstr (s1, ==, TD_LISTING_ENDED);
  g_assert_cmpstr (s2, ==, TD_LISTING_QUEUED);
}

/* Sold again after a refund: the second refund relists what the second sale took down. */
static void
test_sold_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TdSale) first = NULL;
  g_autoptr(TdSale) second = NULL;
  g_autoptr(TdRefund) one = NULL;
  g_autoptr(TdRefund) two = NULL;
  gint64 ebay = add_account (f, "ebay");
  gint64 coat = counter_item (f, "A-1", ANNA, 4000, NULL);
  gint64 job = 0;

  add_listing (f, coat, ebay, "live", "110000001");
  counter_scan (f, "A-1");
  first = counter_sell_cash (f, NULL);
  withdraw_done (f, ebay);
  one = refund (f, first, FALSE);
  g_assert_cmpuint (g_array_index (one->lines, TdRefundLine, 0).relisted, ==, 1);
  g_assert_cmpuint (claim (f, ebay, TD_SYNC_OP_PUBLISH, &job), ==, 1);
  finish (f, job, TD_SYNC_DONE, TD_LISTING_LIVE);

  /* the same coat sold and brought back again, an hour later */
  {
    g_autoptr(GError) error = NULL;
    TdCartTotals t;
    TdTender cash = { TD_TENDER_CASH, 0, NULL, 0 };
    TdRefundLineRequest line = { 0, -1, FALSE };
    TdRefundRequest req = { NULL, 0, &line, 1, TD_TENDER_CASH, 0, NULL, "returned", 0 };

    counter_scan (f, "A-1");
    td_cart_get_totals (f->cart, &t);
    cash.amount = t.total + 100;
    g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, &cash, 1, CASHIER,
                                            NOW + 3 * HOUR, &second, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (claim (f, ebay, TD_SYNC_OP_WITHDRAW, &job), ==, 0);   /* not due yet */
    line.sale_line_id = g_array_index (second->lines, TdSaleLine, 0).id;
    req.sale_id = second->id;
    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW + 4 * HOUR, &two, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_array_index (two->lines, TdRefundLine, 0).relisted, ==, 1);
  g_assert_cmpint (publish_jobs (f, ebay), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/refund-relist/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("counter", test_counter_refund);
  ADD ("damaged", test_damaged);
  ADD ("before-withdrawal", test_before_withdrawal);
  ADD ("during-withdrawal", test_during_withdrawal);
  ADD ("online-sale", test_online_sale);
  ADD ("sold-twice", test_sold_twice);
  return g_test_run ();
}
