/* test-sync-store.c — the marketplace outbox in the store: accounts, jobs written in the same
 * transaction as the change (sales, item edits, status changes), claiming with coalescing,
 * outcomes with backoff, online orders becoming sales or conflicts. Real SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-permission.h"
#include "td-pricing.h"
#include "td-stock-error.h"
#include "td-store-marketplaces.h"
#include "td-store-sync.h"
#include "td-test-counter.h"

#define OWNER 7
#define SEC G_GINT64_CONSTANT (1000000)

static gint64
add_account (Fixture    *f,
             const char *kind,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = td_store_marketplaces_add (f->db, kind, name, "http://127.0.0.1:1/api/", FALSE,
                                         "{}", OWNER, NOW, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
add_listing (Fixture    *f,
             gint64      item,
             gint64      account,
             const char *state)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO listing (item_id, account_id, state, remote_id) "
    "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', 'R%" G_GINT64_FORMAT "')",
    item, account, state, item);

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

/* Accounts ------------------------------------------------------------------------------- */

static void
test_accounts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *secret = NULL;
  gint64 id, audits = count (f, "SELECT count(*) FROM audit");

  g_assert_cmpstr (td_store_marketplaces_default_base_url ("ebay", FALSE), ==,
                   "https://api.ebay.com/sell/inventory/v1");
  g_assert_cmpstr (td_store_marketplaces_default_base_url ("ebay", TRUE), ==,
                   "https://api.sandbox.ebay.com/sell/inventory/v1");
  g_assert_null (td_store_marketplaces_default_base_url ("amazon", FALSE));

  /* validation: nothing written */
  g_assert_cmpint (td_store_marketplaces_add (f->db, "amazon", "A", "https://x.test", FALSE,
                                              "{}", OWNER, NOW, &error), ==, 0);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (td_store_marketplaces_add (f->db, "ebay", "  ", "https://x.test", FALSE,
                                              "{}", OWNER, NOW, &error), ==, 0);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (td_store_marketplaces_add (f->db, "ebay", "E", "ftp://x.test", FALSE,
                                              "{}", OWNER, NOW, &error), ==, 0);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (td_store_marketplaces_add (f->db, "ebay", "E", "https://x.test", FALSE,
                                              "[1]", OWNER, NOW, &error), ==, 0);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  /* permission: a cashier may not */
  g_assert_cmpint (td_store_marketplaces_add (f->db, "ebay", "E", "https://x.test", FALSE,
                                              "{}", CASHIER, NOW, &error), ==, 0);
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM marketplace_account"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit"), ==, audits);

  id = td_store_marketplaces_add (f->db, "ebay", " eBay (Main St) ",
                                  "https://api.ebay.com/sell/inventory/v1/", TRUE,
                                  "{\"location\": \"main\"}", OWNER, NOW, &error);
  g_assert_no_error (error);
  account = td_store_marketplaces_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->name, ==, "eBay (Main St)");
  g_assert_cmpstr (account->base_url, ==, "https://api.ebay.com/sell/inventory/v1");
  g_assert_true (account->sandbox);
  g_assert_true (account->active);
  secret = td_store_marketplaces_secret_name (account);
  g_assert_true (g_str_has_prefix (secret, "marketplace:ebay:"));
  g_assert_cmpint (g_ascii_strtoll (secret + strlen ("marketplace:ebay:"), NULL, 10), ==, id);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'marketplace.added' "
                             "AND entity_id = %" G_GINT64_FORMAT, id), ==, 1);

  /* update: validated, permission, audited */
  g_free (account->name);
  account->name = g_strdup ("eBay");
  g_free (account->settings);
  account->settings = g_strdup ("not json");
  g_assert_false (td_store_marketplaces_update (f->db, account, OWNER, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_free (account->settings);
  account->settings = g_strdup ("{}");
  g_assert_false (td_store_marketplaces_update (f->db, account, CASHIER, NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (td_store_marketplaces_update (f->db, account, OWNER, NOW, &error));
  g_assert_no_error (error);
  counter_assert_text (f, "SELECT name FROM marketplace_account", "eBay");
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'marketplace.changed'"),
                   ==, 1);

  /* disconnect: pending jobs set aside */
  counter_exec (f, "INSERT INTO sync_job (account_id, op, next_at, created_at) "
                   "VALUES (1, 'pull_orders', 1, 1)");
  g_assert_false (td_store_marketplaces_disconnect (f->db, id, CASHIER, NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (td_store_marketplaces_disconnect (f->db, id, OWNER, NOW, &error));
  g_assert_no_error (error);
  counter_assert_text (f, "SELECT state || ': ' || last_error FROM sync_job",
                       "failed: Account disconnected");
  g_assert_cmpint (count (f, "SELECT active FROM marketplace_account"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit "
                             "WHERE action = 'marketplace.disconnected'"), ==, 1);
  list = td_store_marketplaces_list (f->db, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = td_store_marketplaces_list (f->db, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

/* Outbox from sales and edits ----------------------------------------------------------- */

static void
test_sale_outbox (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  TdTender cash = { TD_TENDER_CASH, 100000, NULL, 0 };
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 shop = add_account (f, "shopify", "Shopify");
  gint64 a = counter_item (f, "A-1", ANNA, 2000, NULL);
  gint64 b = counter_item (f, "B-1", 0, 1000, NULL);

  add_listing (f, a, ebay, "live");
  add_listing (f, a, shop, "queued");

  /* The sale fails on its second line: the withdraw jobs of the first go with it. */
  counter_scan (f, "A-1");
  counter_scan (f, "B-1");
  counter_exec (f, "UPDATE item SET status = 'sold' WHERE sku = 'B-1'");
  g_assert_false (td_store_sales_complete (f->db, NULL, f->cart, &cash, 1, CASHIER, NOW, NULL,
                                           &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job"), ==, 0);
  counter_assert_text (f, "SELECT status FROM item WHERE sku = 'A-1'", "available");

  /* Without B it sells: exactly one withdraw per listing, first in the queue. */
  g_assert_true (td_cart_remove_item (f->cart, b));
  sale = counter_sell_cash (f, NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND priority = 100 AND state = 'pending' AND item_id = %"
                             G_GINT64_FORMAT, a), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT account_id) FROM sync_job"), ==, 2);
}

static void
test_edit_outbox (Fixture       *f,
                  gconstpointer  data)
{
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 shop = add_account (f, "shopify", "Shopify");
  gint64 a = counter_item (f, "A-1", ANNA, 2000, NULL);
  gint64 b = counter_item (f, "B-1", 0, 1000, NULL);
  gint64 c = counter_item (f, "C-1", 0, 1000, NULL);
  gint64 d = counter_item (f, "D-1", 0, 1000, NULL);

  add_listing (f, a, ebay, "live");
  add_listing (f, b, ebay, "live");
  add_listing (f, b, shop, "ended");
  add_listing (f, c, ebay, "queued");
  add_listing (f, d, ebay, "draft");

  /* ten price edits → one pending update */
  for (int i = 1; i <= 10; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE item SET price = %d, updated_at = %"
                                              G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                                              2000 - i * 10, NOW + i, a);
      counter_exec (f, sql);
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE item_id = %" G_GINT64_FORMAT
                             " AND op = 'update' AND state = 'pending'", a), ==, 1);
  g_assert_cmpint (count (f, "SELECT next_at FROM sync_job WHERE item_id = %" G_GINT64_FORMAT,
                          a), ==, NOW + 1);
  /* other fields count, unchanged values and unlisted items don't */
  counter_exec (f, "UPDATE item SET brand = 'Levi''s' WHERE sku = 'B-1'");
  counter_exec (f, "UPDATE item SET title = title WHERE sku = 'C-1'");
  counter_exec (f, "UPDATE item SET price = 5 WHERE sku = 'D-1'");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE item_id = %" G_GINT64_FORMAT
                             " AND op = 'update' AND account_id = %" G_GINT64_FORMAT, b, ebay),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE item_id IN (%"
                             G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", c, d), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE account_id = %"
                             G_GINT64_FORMAT, shop), ==, 0);

  /* donated / returned / held → withdraw (priority 100) for queued and live listings */
  counter_exec (f, "UPDATE item SET status = 'donated' WHERE sku = 'A-1'");
  counter_exec (f, "UPDATE item SET status = 'returned' WHERE sku = 'C-1'");
  counter_exec (f, "UPDATE item SET status = 'held' WHERE sku = 'D-1'");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND priority = 100 AND item_id = %" G_GINT64_FORMAT, a), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND item_id = %" G_GINT64_FORMAT, c), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND item_id = %" G_GINT64_FORMAT, d), ==, 0);

  /* a listing never goes back to draft */
  g_assert_cmpint (sqlite3_exec (f->handle, "UPDATE listing SET state = 'draft' "
                                            "WHERE state = 'live'", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
}

/* Requests and claiming ---------------------------------------------------------------- */

static void
test_publish_requests (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 etsy = add_account (f, "etsy", "Etsy");
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 a = counter_item (f, "A-1", ANNA, 2000, NULL);
  gint64 b = counter_item (f, "B-1", 0, 1000, NULL);

  /* Etsy: vintage only (NOW is 2024: made in 2004 or earlier) */
  g_assert_false (td_store_sync_request_publish (f->db, a, etsy, CASHIER, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Etsy only accepts vintage items, made in 2004 or "
                                       "earlier. Set the year “Item A-1” was made to list it "
                                       "there.");
  g_clear_error (&error);
  counter_exec (f, "UPDATE item SET vintage_year = 2010 WHERE sku = 'A-1'");
  g_assert_false (td_store_sync_request_publish (f->db, a, etsy, CASHIER, NOW, &error));
  g_assert_cmpstr (error->message, ==, "Etsy only accepts vintage items, made in 2004 or "
                                       "earlier; “Item A-1” is from 2010.");
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM listing"), ==, 0);
  counter_exec (f, "UPDATE item SET vintage_year = 1985 WHERE sku = 'A-1'");
  g_assert_true (td_store_sync_request_publish (f->db, a, etsy, CASHIER, NOW, &error));
  g_assert_no_error (error);
  counter_assert_text (f, "SELECT state FROM listing", "queued");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'publish'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'listing.publish'"),
                   ==, 1);
  /* twice: still one job */
  g_assert_true (td_store_sync_request_publish (f->db, a, etsy, CASHIER, NOW, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'publish'"), ==, 1);

  /* not for sale */
  counter_exec (f, "UPDATE item SET status = 'sold' WHERE sku = 'B-1'");
  g_assert_false (td_store_sync_request_publish (f->db, b, ebay, CASHIER, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
  g_clear_error (&error);

  /* withdraw: supersedes the pending publish; not listed → refused */
  g_assert_true (td_store_sync_request_withdraw (f->db, a, etsy, CASHIER, NOW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE state = 'pending'"), ==, 1);
  counter_assert_text (f, "SELECT op FROM sync_job WHERE state = 'pending'", "withdraw");
  g_assert_false (td_store_sync_request_withdraw (f->db, a, ebay, CASHIER, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* sync now: one pull per active account, not twice */
  g_assert_true (td_store_sync_request_pull (f->db, NOW, &error));
  g_assert_true (td_store_sync_request_pull (f->db, NOW, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'pull_orders'"), ==, 2);
}

static void
test_claim (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 a = counter_item (f, "A-1", ANNA, 2000, NULL);
  gint64 b = counter_item (f, "B-1", 0, 1000, NULL);
  gint64 c = counter_item (f, "C-1", 0, 1000, NULL);
  g_autofree char *sql = NULL;
  TdSyncJob *job;

  add_listing (f, a, ebay, "queued");
  add_listing (f, b, ebay, "live");
  add_listing (f, c, ebay, "live");
  /* a: publish + an update queued behind it; b: update then withdraw; c: update later */
  sql = g_strdup_printf (
    "INSERT INTO sync_job (account_id, item_id, op, priority, next_at, created_at) VALUES "
    "(%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", 'publish', 0, %5$" G_GINT64_FORMAT ", 1), "
    "(%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", 'update', 0, %5$" G_GINT64_FORMAT ", 2), "
    "(%1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", 'update', 0, %5$" G_GINT64_FORMAT ", 3), "
    "(%1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", 'withdraw', 100, %5$" G_GINT64_FORMAT
    ", 4), "
    "(%1$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 'update', 0, %5$" G_GINT64_FORMAT ", 5)",
    ebay, a, b, c, NOW + 60 * SEC);
  counter_exec (f, sql);

  /* nothing is due yet */
  jobs = td_store_sync_claim (f->db, ebay, TD_SYNC_OP_WITHDRAW, 10, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 0);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_assert_cmpint (td_store_sync_next_due (f->db, ebay, &error), ==, NOW + 60 * SEC);
  g_assert_cmpint (td_store_sync_next_due (f->db, 0, &error), ==, NOW + 60 * SEC);

  /* an update of an item waiting for withdrawal is not sent */
  jobs = td_store_sync_claim (f->db, ebay, TD_SYNC_OP_UPDATE, 10, NOW + 60 * SEC, &error);
  g_assert_cmpuint (jobs->len, ==, 1);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpint (job->item_id, ==, c);
  g_assert_cmpstr (job->state, ==, "running");
  g_assert_cmpstr (job->sku, ==, "C-1");
  g_assert_cmpstr (job->account_name, ==, "eBay");
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE state = 'running' "
                             "AND started_at = %" G_GINT64_FORMAT, NOW + 60 * SEC), ==, 1);

  /* the withdrawal supersedes b's update */
  jobs = td_store_sync_claim (f->db, ebay, TD_SYNC_OP_WITHDRAW, 10, NOW + 60 * SEC, &error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpint (((TdSyncJob *) g_ptr_array_index (jobs, 0))->item_id, ==, b);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  counter_assert_text (f, "SELECT state || ' ' || last_error FROM sync_job WHERE created_at = 3",
                       "done superseded");

  /* the publish folds a's update */
  jobs = td_store_sync_claim (f->db, ebay, TD_SYNC_OP_PUBLISH, 10, NOW + 60 * SEC, &error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  counter_assert_text (f, "SELECT state FROM sync_job WHERE created_at = 2", "done");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE state = 'pending'"), ==, 0);
  g_assert_cmpint (td_store_sync_next_due (f->db, ebay, &error), ==, 0);

  /* a crash: running jobs go back to pending */
  g_assert_true (td_store_sync_recover (f->db, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE state = 'pending' "
                             "AND started_at IS NULL"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE state = 'running'"), ==, 0);
}

/* Outcomes ----------------------------------------------------------------------------- */

static gint64
claim_one (Fixture  *f,
           gint64    account,
           TdSyncOp  op,
           gint64    now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = td_store_sync_claim (f->db, account, op, 1, now, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  return ((TdSyncJob *) g_ptr_array_index (jobs, 0))->id;
}

static void
test_finish (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncItem) item = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autofree char *photo = NULL;
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 a = counter_item (f, "A-1", ANNA, 2000, NULL);
  gint64 job, next_at;
  TdSyncCounts counts;

  counter_exec (f, "INSERT OR REPLACE INTO grade_marketplace (grade_id, marketplace, condition) "
                   "SELECT id, 'ebay', 'USED_GOOD' FROM grade ORDER BY position LIMIT 1;"
                   "UPDATE item SET grade_id = (SELECT id FROM grade ORDER BY position LIMIT 1), "
                   "  defects = '[\"Stain on cuff\"]' WHERE sku = 'A-1';"
                   "INSERT INTO photo (item_id, position, sha256, width, height, created_at) "
                   "VALUES (1, 1, 'bb" "00000000000000000000000000000000000000000000000000000000"
                   "000000', 10, 10, 1), (1, 0, 'aa000000000000000000000000000000000000000000000"
                   "00000000000000000', 10, 10, 1)");
  g_assert_true (td_store_sync_request_publish (f->db, a, ebay, CASHIER, NOW, &error));
  g_assert_no_error (error);

  item = td_store_sync_load_item (f->db, ebay, a, "/srv/photos", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->price, ==, 2000);
  g_assert_cmpstr (item->currency, ==, "EUR");
  g_assert_cmpuint (item->quantity, ==, 1);
  g_assert_cmpstr (item->condition, ==, "USED_GOOD");
  g_assert_true (g_str_has_suffix (item->condition_note, ". Stain on cuff."));
  g_assert_null (item->remote_id);
  g_assert_cmpstr (item->remote_ref, ==, "{}");
  g_assert_cmpuint (g_strv_length (item->photo_paths), ==, 2);
  photo = g_build_filename ("/srv/photos", "photos", "aa",
                            "aa00000000000000000000000000000000000000000000000000000000000000.jpg",
                            NULL);
  g_assert_cmpstr (item->photo_paths[0], ==, photo);

  /* remote ids persist at once and merge */
  g_assert_true (td_store_sync_remote_known (f->db, ebay, a, NULL, "{\"sku\": \"A-1\"}", NOW,
                                             &error));
  g_assert_true (td_store_sync_remote_known (f->db, ebay, a, "OFFER-9", "{\"offer\": \"9\"}",
                                             NOW, &error));
  counter_assert_text (f, "SELECT remote_id || ' ' || json_extract (remote_ref, '$.sku') || "
                          "json_extract (remote_ref, '$.offer') FROM listing", "OFFER-9 A-19");

  /* RETRY: backoff 30 s ± 20 %, an attempt counted */
  job = claim_one (f, ebay, TD_SYNC_OP_PUBLISH, NOW);
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_RETRY);

    o->message = g_strdup ("Service unavailable");
    g_assert_true (td_store_sync_finish (f->db, job, o, NOW, &error));
  }
  next_at = count (f, "SELECT next_at FROM sync_job WHERE id = %" G_GINT64_FORMAT, job);
  g_assert_cmpint (next_at, >=, NOW + 24 * SEC);
  g_assert_cmpint (next_at, <=, NOW + 36 * SEC);
  counter_assert_text (f, "SELECT state || attempts || last_error FROM sync_job",
                       "pending1Service unavailable");

  /* the second retry waits twice as long; Retry-After beats a shorter backoff */
  job = claim_one (f, ebay, TD_SYNC_OP_PUBLISH, next_at);
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_RETRY);

    g_assert_true (td_store_sync_finish (f->db, job, o, next_at, &error));
  }
  g_assert_cmpint (count (f, "SELECT next_at FROM sync_job"), >=, next_at + 48 * SEC);
  g_assert_cmpint (count (f, "SELECT next_at FROM sync_job"), <=, next_at + 72 * SEC);
  next_at = count (f, "SELECT next_at FROM sync_job");
  job = claim_one (f, ebay, TD_SYNC_OP_PUBLISH, next_at);
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_RETRY);

    o->retry_after_s = 900;
    g_assert_true (td_store_sync_finish (f->db, job, o, next_at, &error));
  }
  g_assert_cmpint (count (f, "SELECT next_at FROM sync_job"), ==, next_at + 900 * SEC);
  g_assert_cmpint (count (f, "SELECT attempts FROM sync_job"), ==, 3);

  /* OFFLINE: no attempt counted */
  next_at = count (f, "SELECT next_at FROM sync_job");
  job = claim_one (f, ebay, TD_SYNC_OP_PUBLISH, next_at);
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_OFFLINE);

    g_assert_true (td_store_sync_finish (f->db, job, o, next_at, &error));
  }
  g_assert_cmpint (count (f, "SELECT attempts FROM sync_job"), ==, 3);
  g_assert_cmpint (count (f, "SELECT next_at FROM sync_job"), >, next_at);

  /* FAILED: job failed, listing in error with the marketplace's words */
  next_at = count (f, "SELECT next_at FROM sync_job");
  job = claim_one (f, ebay, TD_SYNC_OP_PUBLISH, next_at);
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_FAILED);

    o->message = g_strdup ("The category needs a brand.");
    g_assert_true (td_store_sync_finish (f->db, job, o, next_at, &error));
  }
  counter_assert_text (f, "SELECT state FROM sync_job", "failed");
  listings = td_store_sync_item_listings (f->db, a, &error);
  g_assert_cmpuint (listings->len, ==, 1);
  g_assert_cmpstr (((TdListingStatus *) g_ptr_array_index (listings, 0))->state, ==, "error");
  g_assert_cmpstr (((TdListingStatus *) g_ptr_array_index (listings, 0))->last_error, ==,
                   "The category needs a brand.");
  g_assert_true (td_store_sync_counts (f->db, &counts, &error));
  g_assert_cmpuint (counts.failed, ==, 1);
  g_assert_cmpuint (counts.listings_in_error, ==, 1);
  g_assert_cmpuint (counts.pending, ==, 0);

  /* retry: pending again, listing queued; then REAUTH without words gets ours */
  g_assert_true (td_store_sync_retry (f->db, 0, next_at, &error));
  counter_assert_text (f, "SELECT state FROM listing", "queued");
  job = claim_one (f, ebay, TD_SYNC_OP_PUBLISH, next_at);
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_REAUTH);

    g_assert_true (td_store_sync_finish (f->db, job, o, next_at, &error));
  }
  counter_assert_text (f, "SELECT last_error FROM listing",
                       "The marketplace no longer accepts this account’s sign-in. Connect the "
                       "account again in Preferences.");

  /* DONE: live, remote ids, price sent, synced */
  g_assert_true (td_store_sync_retry (f->db, job, next_at, &error));
  job = claim_one (f, ebay, TD_SYNC_OP_PUBLISH, next_at);
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_DONE);

    o->listing_state = g_strdup (TD_LISTING_LIVE);
    o->remote_id = g_strdup ("LISTING-1");
    g_assert_true (td_store_sync_finish (f->db, job, o, next_at, &error));
  }
  g_assert_no_error (error);
  counter_assert_text (f, "SELECT state || ' ' || remote_id || ' ' || price_sent || ' ' || "
                          "(synced_at > 0) || last_error FROM listing", "live LISTING-1 2000 1");
  counter_assert_text (f, "SELECT state FROM sync_job WHERE id = 1", "done");

  /* finishing a job that is not running changes nothing */
  {
    g_autoptr(TdSyncOutcome) o = td_sync_outcome_new (a, TD_SYNC_FAILED);

    g_assert_true (td_store_sync_finish (f->db, job, o, next_at, &error));
  }
  counter_assert_text (f, "SELECT state FROM listing", "live");
}

/* Online orders ------------------------------------------------------------------------- */

static TdOrderImport
import (Fixture       *f,
        gint64         account,
        TdOnlineOrder *order)
{
  g_autoptr(GError) error = NULL;
  TdOrderImport result = -1;

  g_assert_true (td_store_sync_import_order (f->db, account, order, NOW, &result, &error));
  g_assert_no_error (error);
  return result;
}

static int
count_commit_cb (void *data)
{
  (*(guint *) data)++;
  return 0;   /* go on committing */
}

/* A batch's outcomes: one transaction (one fsync), each recorded as td_store_sync_finish(). */
static void
test_finish_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_outcome_free);
  gint64 ebay = add_account (f, "ebay", "eBay");
  TdSyncOutcome *o;
  guint commits = 0;

  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *sku = g_strdup_printf ("A-%d", i);
      gint64 item = counter_item (f, sku, ANNA, 1000 * i, NULL);

      g_assert_true (td_store_sync_request_publish (f->db, item, ebay, CASHIER, NOW, &error));
      g_assert_no_error (error);
    }
  jobs = td_store_sync_claim (f->db, ebay, TD_SYNC_OP_PUBLISH, 10, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 3);
  for (guint i = 0; i < jobs->len; i++)
    {
      TdSyncJob *job = g_ptr_array_index (jobs, i);

      g_array_append_val (ids, job->id);
      o = td_sync_outcome_new (job->item_id, i == 0 ? TD_SYNC_DONE
                                             : i == 1 ? TD_SYNC_FAILED : TD_SYNC_RETRY);
      o->remote_id = i == 0 ? g_strdup ("R-1") : NULL;
      o->message = i == 1 ? g_strdup ("Title too long") : NULL;
      g_ptr_array_add (outcomes, o);
    }

  sqlite3_commit_hook (f->handle, count_commit_cb, &commits);
  g_assert_true (td_store_sync_finish_many (f->db, (const gint64 *) ids->data,
                                            (const TdSyncOutcome *const *) outcomes->pdata,
                                            ids->len, NOW, &error));
  sqlite3_commit_hook (f->handle, NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (commits, ==, 1);

  counter_assert_text (f, "SELECT group_concat (state || attempts, ' ') FROM "
                          "(SELECT state, attempts FROM sync_job ORDER BY item_id)",
                       "done0 failed1 pending1");
  counter_assert_text (f, "SELECT group_concat (l.state || ':' || ifnull (l.remote_id, '-') "
                          "                     || ':' || l.last_error, ' ') FROM "
                          "(SELECT * FROM listing ORDER BY item_id) l",
                       "live:R-1: error:-:Title too long queued:-:");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE state = 'pending' "
                             "AND next_at > %" G_GINT64_FORMAT, NOW), ==, 1);
}

static void
test_import_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TdOnlineOrder) order = td_online_order_new ("ORD-1");
  g_autoptr(TdOnlineOrder) unpaid = td_online_order_new ("ORD-2");
  g_autoptr(TdOnlineOrder) stranger = td_online_order_new ("ORD-3");
  g_autoptr(TdSale) shop_sale = NULL;
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 shop = add_account (f, "shopify", "Shopify");
  gint64 a = counter_item (f, "A-1", ANNA, 2500, NULL);
  gint64 sales, price, tax;

  add_listing (f, a, ebay, "live");
  add_listing (f, a, shop, "live");
  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES "
                   "('tax.rates', 'standard=2000'), ('tax.inclusive', '1')");

  unpaid->paid = FALSE;
  td_online_order_add_line (unpaid, "A-1", NULL, 1, 2400);
  g_assert_cmpint (import (f, ebay, unpaid), ==, TD_ORDER_SKIPPED);
  stranger->paid = TRUE;
  td_online_order_add_line (stranger, "NOPE", "nope", 1, 100);
  g_assert_cmpint (import (f, ebay, stranger), ==, TD_ORDER_SKIPPED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sale"), ==, 0);

  /* matched by the listing's remote id, at the price paid online */
  order->paid = TRUE;
  g_free (order->buyer);
  order->buyer = g_strdup ("jane");
  td_online_order_add_line (order, NULL, "R1", 1, 2400);
  g_assert_cmpint (import (f, ebay, order), ==, TD_ORDER_IMPORTED);
  counter_assert_text (f, "SELECT channel || ' ' || register_id || ' ' || receipt_no || ' ' || "
                          "external_order_id || ' ' || account_id || ' ' || ifnull (staff_id, 0) "
                          "FROM sale", "ebay online 1 ORD-1 1 0");
  counter_assert_text (f, "SELECT status FROM item", "sold");
  counter_assert_text (f, "SELECT tender || ' ' || reference || ' ' || (amount = "
                          "(SELECT total FROM sale)) FROM payment", "marketplace ORD-1 1");
  price = count (f, "SELECT price FROM sale_line");
  tax = count (f, "SELECT tax FROM sale_line");
  g_assert_cmpint (price, ==, 2400);
  g_assert_cmpint (tax, ==, 400);                                  /* 20 % included */
  g_assert_cmpint (count (f, "SELECT consignor_share FROM sale_line"), ==, 1200);  /* 60 % of net */
  g_assert_cmpint (count (f, "SELECT consignor_share FROM sale_line"), ==,
                   td_pricing_consignor_share (price - tax, 6000));
  g_assert_cmpint (count (f, "SELECT amount FROM ledger WHERE kind = 'sale' AND consignor_id = 1"),
                   ==, td_pricing_consignor_share (price - tax, 6000));
  /* this account's listing ended; the other one comes down first */
  counter_assert_text (f, "SELECT state FROM listing WHERE account_id = 1", "ended");
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' "
                             "AND priority = 100 AND account_id = %" G_GINT64_FORMAT, shop), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'sale.online'"), ==, 1);

  /* the same order again: nothing written */
  sales = count (f, "SELECT count(*) FROM audit");
  g_assert_cmpint (import (f, ebay, order), ==, TD_ORDER_DUPLICATE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sale"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit"), ==, sales);

  /* a shop sale after it numbers on its own register */
  counter_item (f, "B-1", 0, 1000, NULL);
  counter_scan (f, "B-1");
  shop_sale = counter_sell_cash (f, NULL);
  g_assert_cmpint (count (f, "SELECT receipt_no FROM sale WHERE register_id = 'main'"), ==, 1);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdOnlineOrder) order = td_online_order_new ("ORD-9");
  g_autoptr(TdOnlineOrder) cancelled = td_online_order_new ("ORD-10");
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 a = counter_item (f, "A-1", ANNA, 2500, NULL);
  TdSyncConflict *c;
  TdSyncCounts counts;

  add_listing (f, a, ebay, "live");
  counter_scan (f, "A-1");
  sale = counter_sell_cash (f, NULL);

  cancelled->paid = TRUE;
  cancelled->cancelled = TRUE;
  td_online_order_add_line (cancelled, "A-1", NULL, 1, 2500);
  g_assert_cmpint (import (f, ebay, cancelled), ==, TD_ORDER_SKIPPED);

  order->paid = TRUE;
  td_online_order_add_line (order, "A-1", NULL, 1, 2500);
  g_assert_cmpint (import (f, ebay, order), ==, TD_ORDER_CONFLICT);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sale"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ledger"), ==, 1);
  g_assert_cmpint (import (f, ebay, order), ==, TD_ORDER_DUPLICATE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sync_conflict"), ==, 1);

  conflicts = td_store_sync_list_conflicts (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->external_order_id, ==, "ORD-9");
  g_assert_cmpstr (c->sku, ==, "A-1");
  g_assert_cmpstr (c->title, ==, "Item A-1");
  g_assert_cmpstr (c->account_name, ==, "eBay");
  g_assert_cmpint (c->shop_sale_id, ==, sale->id);
  g_assert_cmpint (c->shop_receipt_no, ==, sale->receipt_no);
  g_assert_null (c->resolution);
  g_assert_true (td_store_sync_counts (f->db, &counts, &error));
  g_assert_cmpuint (counts.open_conflicts, ==, 1);

  g_assert_false (td_store_sync_resolve_conflict (f->db, c->id, " ", CASHIER, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (td_store_sync_resolve_conflict (f->db, c->id, "Refunded on eBay", CASHIER, NOW,
                                                 &error));
  g_assert_no_error (error);
  g_assert_false (td_store_sync_resolve_conflict (f->db, c->id, "again", CASHIER, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = "
                             "'sync.conflict_resolved' AND staff_id = 4"), ==, 1);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = td_store_sync_list_conflicts (f->db, FALSE, &error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = td_store_sync_list_conflicts (f->db, TRUE, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((TdSyncConflict *) g_ptr_array_index (conflicts, 0))->resolution, ==,
                   "Refunded on eBay");
}

/* The price sent is the effective price now, as at the counter (markdowns applied). */
static void
test_load_item_price (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncItem) item = NULL;
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 a = counter_item (f, "ANNA-0001", ANNA, 4000, "clothing.women");

  counter_exec (f, "UPDATE item SET intake_at = intake_at - 40 * 86400000000;"
                   "INSERT INTO markdown_rule (after_days, percent_bp) VALUES (30, 2500)");
  item = td_store_sync_load_item (f->db, ebay, a, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->price, ==, 3000);
  g_assert_true (strstr (item->category_path, " › ") != NULL);
  g_assert_cmpuint (g_strv_length (item->photo_paths), ==, 0);
  g_assert_cmpstr (item->condition, ==, "");
  g_assert_cmpuint (item->quantity, ==, 1);
  g_clear_pointer (&item, td_sync_item_free);

  counter_exec (f, "UPDATE item SET status = 'sold'");
  item = td_store_sync_load_item (f->db, ebay, a, NULL, NOW, &error);
  g_assert_cmpuint (item->quantity, ==, 0);
  g_clear_pointer (&item, td_sync_item_free);
  item = td_store_sync_load_item (f->db, ebay, 999, NULL, NOW, &error);
  g_assert_null (item);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
}

static void
test_cursor_jobs (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *value = NULL;
  gint64 ebay = add_account (f, "ebay", "eBay");

  value = td_store_sync_cursor_get (f->db, ebay, "orders", &error);
  g_assert_no_error (error);
  g_assert_null (value);
  g_assert_true (td_store_sync_cursor_set (f->db, ebay, "orders", "2024-01-01", &error));
  g_assert_true (td_store_sync_cursor_set (f->db, ebay, "orders", "2024-02-01", &error));
  value = td_store_sync_cursor_get (f->db, ebay, "orders", &error);
  g_assert_cmpstr (value, ==, "2024-02-01");

  g_assert_true (td_store_sync_request_pull (f->db, NOW, &error));
  jobs = td_store_sync_list_jobs (f->db, "pending", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpint (((TdSyncJob *) g_ptr_array_index (jobs, 0))->op, ==, TD_SYNC_OP_PULL_ORDERS);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  jobs = td_store_sync_list_jobs (f->db, "failed", 10, &error);
  g_assert_cmpuint (jobs->len, ==, 0);
}

/* The VM steps of the cached statement(s) whose SQL contains @needle since the last call. */
static gint64
steps_of (Fixture    *f,
          const char *needle)
{
  sqlite3 *handle = td_database_get_handle (f->db);
  gint64 steps = 0;

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (handle, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (handle, stmt))
    if (strstr (sqlite3_sql (stmt), needle) != NULL)
      steps += sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, TRUE);
  return steps;
}

/* When the next job is due: the earliest pending one of an active account (and op), found
 * without walking a long queue (0011's indexes). */
static void
test_next_due (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ebay = add_account (f, "ebay", "eBay");
  gint64 shop = add_account (f, "shopify", "Shopify");
  g_autofree char *sql = NULL;
  gint64 steps;

  /* 20,000 updates due from NOW + 1000 s in scrambled order, a withdrawal due sooner, and an
   * account that is no longer active with the soonest job of all. */
  sql = g_strdup_printf (
    "INSERT INTO sync_job (account_id, op, priority, next_at, created_at) "
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
    "SELECT %1$" G_GINT64_FORMAT ", 'update', 0, %2$" G_GINT64_FORMAT
    " + (1000 + (i * 7919) %% 20000) * %3$" G_GINT64_FORMAT ", i FROM n",
    ebay, NOW, SEC);
  counter_exec (f, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO sync_job (account_id, op, priority, next_at, created_at) "
                         "VALUES (%1$" G_GINT64_FORMAT ", 'withdraw', 100, %2$" G_GINT64_FORMAT
                         ", 1), (%3$" G_GINT64_FORMAT ", 'update', 0, %4$" G_GINT64_FORMAT ", 1)",
                         ebay, NOW + 500 * SEC, shop, NOW + 10 * SEC);
  counter_exec (f, sql);
  g_assert_cmpint (td_store_sync_next_due (f->db, 0, &error), ==, NOW + 10 * SEC);
  counter_exec (f, "UPDATE marketplace_account SET active = 0 WHERE kind = 'shopify'");

  g_assert_cmpint (td_store_sync_next_due (f->db, 0, &error), ==, NOW + 500 * SEC);
  g_assert_cmpint (td_store_sync_next_due (f->db, ebay, &error), ==, NOW + 500 * SEC);
  g_assert_cmpint (td_store_sync_next_due (f->db, shop, &error), ==, 0);
  g_assert_cmpint (td_store_sync_next_due_op (f->db, ebay, TD_SYNC_OP_UPDATE, &error), ==,
                   NOW + 1000 * SEC);
  g_assert_cmpint (td_store_sync_next_due_op (f->db, 0, TD_SYNC_OP_WITHDRAW, &error), ==,
                   NOW + 500 * SEC);
  g_assert_cmpint (td_store_sync_next_due_op (f->db, ebay, TD_SYNC_OP_PUBLISH, &error), ==, 0);
  g_assert_no_error (error);

  /* A seek, not a walk: a few dozen VM steps, where reading the queue would take 20,000+. */
  steps_of (f, "FROM sync_job j");
  g_assert_cmpint (td_store_sync_next_due (f->db, 0, &error), ==, NOW + 500 * SEC);
  g_assert_cmpint (td_store_sync_next_due_op (f->db, ebay, TD_SYNC_OP_UPDATE, &error), ==,
                   NOW + 1000 * SEC);
  steps = steps_of (f, "FROM sync_job j");
  g_test_message ("next_due + next_due_op: %" G_GINT64_FORMAT " VM steps", steps);
  g_assert_cmpint (steps, <, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/sync-store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("accounts", test_accounts);
  ADD ("sale-outbox", test_sale_outbox);
  ADD ("edit-outbox", test_edit_outbox);
  ADD ("publish-requests", test_publish_requests);
  ADD ("claim", test_claim);
  ADD ("next-due", test_next_due);
  ADD ("finish", test_finish);
  ADD ("finish-many", test_finish_many);
  ADD ("import-order", test_import_order);
  ADD ("conflict", test_conflict);
  ADD ("load-item-price", test_load_item_price);
  ADD ("cursor-jobs", test_cursor_jobs);
  return g_test_run ();
}
