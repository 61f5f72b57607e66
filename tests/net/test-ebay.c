/* test-ebay.c — publishing with TdEbay against the stateful eBay fake on 127.0.0.1: a batch
 * with photos (Media → inventory items → offers → publish), 207 partial failures per item,
 * adopting an offer left by a crash, no photo uploaded twice, a dropped connection, price
 * updates, withdrawal, and the same flows through validating Prism proxies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-ebay.h"
#include "td-ebay-fixture.h"
#include "td-test-contract.h"

static void
test_publish (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) one = make_item (fx, 1, 2);
  g_autoptr(TdSyncItem) two = make_item (fx, 2, 1);
  g_autoptr(TdSyncItem) three = make_item (fx, 3, 1);
  g_autoptr(GPtrArray) outcomes = NULL;
  const TdFakeEbayItem *item;
  const TdFakeEbayOffer *offer;
  g_autofree char *inventory = NULL;
  TdFakeRequest *request;
  int publish_at;

  g_free (three->category_path);
  three->category_path = g_strdup ("Home › Lamps");
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, two, three, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (outcome_at (outcomes, i)->status, ==, TD_SYNC_DONE);
      g_assert_cmpstr (outcome_at (outcomes, i)->listing_state, ==, TD_LISTING_LIVE);
    }
  g_assert_cmpstr (outcome_at (outcomes, 0)->remote_id, ==, "110000001");
  g_assert_cmpstr (outcome_at (outcomes, 0)->remote_ref, ==,
                   "{\"image_urls\":[\"https://i.ebayimg.com/images/g/td0001/s-l1600.jpg\","
                   "\"https://i.ebayimg.com/images/g/td0002/s-l1600.jpg\"],"
                   "\"offer_id\":\"5000001\"}");

  /* 4 photos, then one bulk call of each kind; no look-up for items never sent before. */
  g_assert_cmpuint (td_fake_ebay_n_images (fx->fake), ==, 4);
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", "/image/"), ==, 4);
  g_assert_cmpuint (td_fake_server_count (fx->server, "GET", "/offer?sku="), ==, 0);
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 7);
  g_assert_cmpuint (td_fake_ebay_n_items (fx->fake), ==, 3);
  g_assert_cmpuint (td_fake_ebay_n_offers (fx->fake), ==, 3);

  item = td_fake_ebay_get_item (fx->fake, "TD-000001");
  g_assert_cmpstr (item->title, ==, "Denim jacket no. 1");
  g_assert_cmpstr (item->condition, ==, "USED_GOOD");
  g_assert_cmpstr (item->condition_description, ==, "Good. Frayed cuffs.");
  /* Department from the category's values in the setup; the item's own Brand wins. */
  g_assert_cmpstr (item->aspects, ==, "{\"Brand\":[\"Levi's\"],\"Size\":[\"M\"],"
                                      "\"Material\":[\"denim\"],\"Department\":[\"Men\"]}");
  /* Lamps (the default category) has no such values. */
  g_assert_cmpstr (td_fake_ebay_get_item (fx->fake, "TD-000003")->aspects, ==,
                   "{\"Brand\":[\"Levi's\"],\"Size\":[\"M\"],\"Material\":[\"denim\"]}");
  g_assert_cmpuint (item->image_urls->len, ==, 2);
  g_assert_cmpint (item->quantity, ==, 1);
  g_assert_cmpstr (item->content_language, ==, "en-US");

  offer = td_fake_ebay_get_offer (fx->fake, "TD-000001");
  g_assert_cmpstr (offer->status, ==, "PUBLISHED");
  g_assert_cmpstr (offer->listing_id, ==, "110000001");
  g_assert_cmpstr (offer->price_text, ==, "25.00");
  g_assert_cmpstr (offer->category_id, ==, "57988");
  g_assert_cmpstr (offer->merchant_location_key, ==, "main-st");
  g_assert_cmpstr (offer->fulfillment_policy_id, ==, "F1");
  g_assert_cmpstr (offer->payment_policy_id, ==, "P1");
  g_assert_cmpstr (offer->return_policy_id, ==, "R1");
  g_assert_cmpstr (offer->marketplace_id, ==, "EBAY_US");
  /* No mapping for "Home › Lamps": the default category. */
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000003")->category_id, ==, "11450");

  /* Headers every call carries. */
  request = request_at (fx, first_request (fx, "/bulk_create_or_replace_inventory_item"));
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "Bearer v^1.1#initial");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Accept-Language"), ==,
                   "en-US");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "X-EBAY-C-MARKETPLACE-ID"),
                   ==, "EBAY_US");
  inventory = request_body (request);
  g_assert_nonnull (strstr (inventory, "\"locale\":\"en_US\""));

  /* Every offer id was reported before the publish call went out. */
  publish_at = first_request (fx, "/bulk_publish_offer");
  g_assert_cmpint (publish_at, >, 0);
  for (guint n = 1; n <= 3; n++)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < fx->known->len && !seen; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (fx->known, i), "|", 4);
          g_autofree char *offer_member = g_strdup_printf ("\"offer_id\":\"500000%u\"", n);

          seen = g_ascii_strtoll (parts[0], NULL, 10) == n
                 && strstr (parts[2], offer_member) != NULL
                 && g_ascii_strtoll (parts[3], NULL, 10) <= publish_at;
        }
      g_assert_true (seen);
    }
}

static void
test_partial (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) one = make_item (fx, 1, 1);
  g_autoptr(TdSyncItem) two = make_item (fx, 2, 1);
  g_autoptr(TdSyncItem) three = make_item (fx, 3, 1);
  g_autoptr(GPtrArray) outcomes = NULL;

  td_fake_ebay_fail_sku (fx->fake, "/bulk_publish_offer", "5000002", 400, 25021,
                         "The item condition is not valid for this category.");
  td_fake_ebay_fail_sku (fx->fake, "/bulk_create_offer", "TD-000003", 500, 25001,
                         "A system error has occurred.");
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, two, three, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 0)->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_FAILED);
  g_assert_cmpstr (outcome_at (outcomes, 1)->message, ==,
                   "The item condition is not valid for this category.");
  g_assert_null (outcome_at (outcomes, 1)->listing_state);
  /* The offer id learnt before publishing failed is kept for the next attempt. */
  g_assert_nonnull (strstr (outcome_at (outcomes, 1)->remote_ref, "\"offer_id\":\"5000002\""));
  g_assert_cmpint (outcome_at (outcomes, 2)->status, ==, TD_SYNC_RETRY);
  g_assert_cmpstr (outcome_at (outcomes, 2)->message, ==, "A system error has occurred.");
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000001")->status, ==, "PUBLISHED");
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000002")->status, ==, "UNPUBLISHED");
  g_assert_null (td_fake_ebay_get_offer (fx->fake, "TD-000003"));

  /* Retrying item 3: its photo is not uploaded again. */
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  td_fake_server_clear_log (fx->server);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, three, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", "/image/"), ==, 0);
  g_assert_cmpuint (td_fake_ebay_n_images (fx->fake), ==, 3);
}

static void
test_adopt (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1, 2);
  g_autoptr(TdSyncItem) other = make_item (fx, 2, 1);
  g_autoptr(GPtrArray) outcomes = NULL;
  const TdFakeEbayOffer *left;
  const TdFakeEbayOffer *elsewhere;
  g_autofree char *ref = NULL;

  /* First attempt: photos go up, then the inventory call fails: the URLs are kept. */
  td_fake_server_add_fault (fx->server, "/bulk_create_or_replace", TD_FAKE_FAULT_STATUS, 503, 0,
                            NULL, 0, 1);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, item, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_RETRY);
  g_assert_cmpuint (td_fake_ebay_n_images (fx->fake), ==, 2);
  ref = g_strdup (g_hash_table_lookup (fx->last_ref, &item->item_id));
  g_assert_nonnull (strstr (ref, "td0002"));
  g_assert_null (strstr (ref, "offer_pending"));

  /* The process dies after the create offer call went out, before its answer: what was
   * stored says a create was sent; eBay has the offer. */
  left = td_fake_ebay_add_offer (fx->fake, "TD-000001");
  g_free (item->remote_ref);
  item->remote_ref = g_strdup_printf ("{\"image_urls\":[\"https://i.ebayimg.com/images/g/"
                                      "td0001/s-l1600.jpg\",\"https://i.ebayimg.com/images/g/"
                                      "td0002/s-l1600.jpg\"],\"offer_pending\":true}");
  /* …and an offer made by another tool for item 2, which we never heard of at all. */
  elsewhere = td_fake_ebay_add_offer (fx->fake, "TD-000002");
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  td_fake_server_clear_log (fx->server);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, item, other, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 0)->remote_id, ==, left->listing_id);
  g_assert_nonnull (strstr (outcome_at (outcomes, 0)->remote_ref, left->offer_id));
  g_assert_null (strstr (outcome_at (outcomes, 0)->remote_ref, "offer_pending"));
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 1)->remote_id, ==, elsewhere->listing_id);
  g_assert_cmpstr (left->status, ==, "PUBLISHED");
  g_assert_cmpstr (elsewhere->status, ==, "PUBLISHED");

  /* Item 1 was looked up, never created again; item 2's create was refused by eBay (one
   * offer per SKU), then looked up and adopted. No second offer anywhere. */
  g_assert_cmpuint (td_fake_ebay_n_offers (fx->fake), ==, 2);
  g_assert_cmpuint (td_fake_ebay_n_duplicate_offers (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_server_count (fx->server, "GET", "/offer?sku=TD-000001"), ==, 1);
  g_assert_cmpuint (td_fake_server_count (fx->server, "GET", "/offer?sku=TD-000002"), ==, 1);
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", "/bulk_create_offer"), ==, 1);
  g_assert_true (first_request (fx, "/offer?sku=TD-000001")
                 < first_request (fx, "/bulk_create_offer"));
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", "/image/"), ==, 1);
  g_assert_cmpuint (td_fake_ebay_n_images (fx->fake), ==, 3);
}

static void
test_price_withdraw (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(TdSyncItem) one = make_item (fx, 1, 1);
  g_autoptr(TdSyncItem) two = make_item (fx, 2, 1);
  g_autoptr(TdSyncItem) never = make_item (fx, 9, 1);
  g_autoptr(GPtrArray) outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, two, NULL);
  g_autofree char *body = NULL;

  one->price = 1250;
  two->price = 999;
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  td_fake_server_clear_log (fx->server);
  outcomes = run_batch (fx, TD_SYNC_OP_UPDATE, one, two, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 0)->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000001")->price_text, ==, "12.50");
  g_assert_cmpint (td_fake_ebay_get_offer (fx->fake, "TD-000002")->price, ==, 999);
  /* Nothing uploaded or looked up again: the ids are in remote_ref. */
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", "/image/"), ==, 0);
  g_assert_cmpuint (td_fake_server_count (fx->server, "GET", "/offer"), ==, 0);
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", "/bulk_update_price_quantity"),
                    ==, 1);
  body = request_body (request_at (fx, -1));
  g_assert_nonnull (strstr (body, "\"price\":{\"value\":\"12.50\",\"currency\":\"USD\"}"));

  g_clear_pointer (&outcomes, g_ptr_array_unref);
  td_fake_server_clear_log (fx->server);
  outcomes = run_batch (fx, TD_SYNC_OP_WITHDRAW, one, never, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 0)->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 1)->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000001")->status, ==, "UNPUBLISHED");
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000002")->status, ==, "PUBLISHED");
  /* one: withdraw by its offer id; never: a look-up finds nothing to end. */
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 2);
  g_assert_cmpstr (request_at (fx, 0)->path, ==, "/offer?sku=TD-000009&marketplace_id=EBAY_US");
  g_assert_cmpstr (request_at (fx, 1)->path, ==, "/offer/5000001/withdraw");
}

/* A connection dropped before the answer: the batch comes back to retry, and the retry
 * neither uploads the photo again nor makes a second offer. */
static void
test_dropped (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1, 1);
  g_autoptr(GPtrArray) outcomes = NULL;

  td_fake_server_add_fault (fx->server, "/bulk_publish_offer", TD_FAKE_FAULT_DROP, 0, 0, NULL,
                            0, 1);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, item, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_RETRY);
  g_assert_nonnull (strstr (outcome_at (outcomes, 0)->remote_ref, "\"offer_id\":\"5000001\""));

  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, item, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 0)->remote_id, ==, "110000001");
  g_assert_cmpuint (td_fake_ebay_n_images (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_ebay_n_offers (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", "/bulk_create_offer"), ==, 1);
}

static void
test_no_category (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = g_strdup_printf ("{\"merchant_location_key\":\"main-st\","
                                               "\"urls\":{\"media\":\"%s\"}}",
                                               td_fake_server_get_url (fx->server));
  TdMarketplaceAccount sandbox = { .kind = (char *) TD_MARKETPLACE_EBAY, .sandbox = TRUE,
                                   .settings = (char *) "{}" };
  TdMarketplaceAccount production = { .kind = (char *) TD_MARKETPLACE_EBAY,
                                      .settings = (char *) "{\"urls\":{\"fulfillment\":\"x\"}}" };
  g_autofree char *sandbox_token = td_ebay_token_url_for (&sandbox);
  g_autofree char *production_token = td_ebay_token_url_for (&production);
  TdMarketplaceAccount account = {
    .id = 3, .kind = (char *) TD_MARKETPLACE_EBAY, .name = (char *) "eBay (test)",
    .base_url = (char *) td_fake_server_get_url (fx->server), .settings = settings,
    .active = TRUE,
  };
  g_autoptr(TdSyncItem) item = make_item (fx, 1, 1);
  g_autoptr(GPtrArray) outcomes = NULL;

  /* eBay's own hosts unless settings say otherwise. */
  g_assert_cmpstr (sandbox_token, ==, "https://api.sandbox.ebay.com/identity/v1/oauth2/token");
  g_assert_cmpstr (production_token, ==, "https://api.ebay.com/identity/v1/oauth2/token");

  g_clear_object (&fx->marketplace);
  fx->marketplace = td_marketplace_new_for_account (fx->session, &account, fx->credentials,
                                                    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_marketplace_batch_limit (fx->marketplace, TD_SYNC_OP_PUBLISH), ==, 25);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, item, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_FAILED);
  g_assert_nonnull (strstr (outcome_at (outcomes, 0)->message, "eBay category"));
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 0);
}

static void
check_violations (TdTestContract *contract)
{
  g_autoptr(GPtrArray) violations = td_test_contract_violations (contract);

  for (guint i = 0; i < violations->len; i++)
    g_test_message ("violation: %s", (char *) g_ptr_array_index (violations, i));
  g_assert_cmpuint (violations->len, ==, 0);
}

static void
test_contract (Fixture       *fx,
               gconstpointer  data)
{
  const char *url = td_fake_server_get_url (fx->server);
  g_autofree char *skip = NULL;
  TdTestContract *inventory = td_test_contract_start ("ebay-inventory", url, &skip);
  TdTestContract *fulfillment = NULL;
  g_autoptr(TdSyncItem) one = make_item (fx, 1, 2);
  g_autoptr(TdSyncItem) two = make_item (fx, 2, 1);
  g_autoptr(TdSyncItem) never = make_item (fx, 9, 0);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(TdOrderPage) page = NULL;

  if (inventory == NULL)
    {
      g_test_skip (skip);
      return;
    }
  /* The Media contract declares no requestBody for create_image_from_file, so Prism refuses
   * every upload (415 "No supported content types, but request included a non-empty body"):
   * photos go straight to the fake. */
  fulfillment = td_test_contract_start ("ebay-fulfillment", url, &skip);
  g_assert_nonnull (fulfillment);
  fixture_connect (fx, td_test_contract_get_url (inventory),
                   td_test_contract_get_url (fulfillment), url);

  td_fake_ebay_fail_sku (fx->fake, "/bulk_publish_offer", "5000002", 400, 25021,
                         "The item condition is not valid for this category.");
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, two, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_FAILED);
  g_assert_cmpuint (td_fake_ebay_n_images (fx->fake), ==, 3);

  /* Adopting a left-over offer, a price change, a withdrawal, one that was never listed. */
  td_fake_ebay_add_offer (fx->fake, "TD-000009");
  never->photo_paths = g_renew (char *, never->photo_paths, 2);
  never->photo_paths[0] = g_strdup (fx->photos[2]);
  never->photo_paths[1] = NULL;
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, two, never, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (td_fake_ebay_n_offers (fx->fake), ==, 3);
  one->price = 1999;
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = run_batch (fx, TD_SYNC_OP_UPDATE, one, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000001")->price_text, ==, "19.99");
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = run_batch (fx, TD_SYNC_OP_WITHDRAW, one, two, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_DONE);
  /* Refunded: the withdrawn offer is published again, quantity 1, no second offer. */
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome_at (outcomes, 0)->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpstr (td_fake_ebay_get_offer (fx->fake, "TD-000001")->status, ==, "PUBLISHED");
  g_assert_cmpint (td_fake_ebay_get_item (fx->fake, "TD-000001")->quantity, ==, 1);
  g_assert_cmpuint (td_fake_ebay_n_offers (fx->fake), ==, 3);

  td_fake_ebay_add_order (fx->fake, "01-0002", "2026-12-04T08:57:30.250Z", TRUE,
                          "NONE_REQUESTED", "TD-000002", "110000002", 1250);
  page = pull (fx, "2026-12-04T09:00:00.000Z");
  g_assert_cmpint (page->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (page->orders->len, ==, 1);

  check_violations (inventory);
  check_violations (fulfillment);
  td_test_contract_stop (fulfillment);
  td_test_contract_stop (inventory);
}
int
main (int   argc,
      char *argv[])
{
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/ebay/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("publish", test_publish);
  ADD ("partial", test_partial);
  ADD ("adopt", test_adopt);
  ADD ("price-withdraw", test_price_withdraw);
  ADD ("dropped", test_dropped);
  ADD ("no-category", test_no_category);
  ADD ("contract", test_contract);
#undef ADD

  return g_test_run ();
}
