/* test-ebay-account.c — the eBay account around publishing: orders on a cursor with overlap
 * and paging, token refresh after a 401, invalid_grant → reconnect, 429 Retry-After and eBay's
 * transient 25001/25025, and the one-time setup helpers (location, policies, categories).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-ebay.h"
#include "td-ebay-fixture.h"
#include "td-http.h"
#include "td-stock-error.h"
#include "td-test-contract.h"

static void
test_orders (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TdOrderPage) page = NULL;
  TdOnlineOrder *order;
  TdOnlineOrderLine *line;

  td_fake_ebay_add_order (fx->fake, "01-0001", "2026-12-04T08:50:00.000Z", TRUE,
                          "NONE_REQUESTED", "TD-000001", "110000001", 2499);
  td_fake_ebay_add_order (fx->fake, "01-0002", "2026-12-04T08:57:30.250Z", TRUE,
                          "NONE_REQUESTED", "TD-000002", "110000002", 1250);
  td_fake_ebay_add_order (fx->fake, "01-0003", "2026-12-04T09:10:00.000Z", FALSE, "CANCELED",
                          "TD-000003", "110000003", 999);

  page = pull (fx, "2026-12-04T09:00:00.000Z");
  g_assert_cmpint (page->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (request_at (fx, 0)->path, ==,
                   "/order?filter=lastmodifieddate%3A%5B2026-12-04T08%3A55%3A00.000Z..%5D"
                   "&limit=200&offset=0");
  /* The 5-minute overlap brings back 01-0002; 01-0001 is older. */
  g_assert_cmpuint (page->orders->len, ==, 2);
  order = g_ptr_array_index (page->orders, 0);
  g_assert_cmpstr (order->order_id, ==, "01-0002");
  g_assert_true (order->paid);
  g_assert_false (order->cancelled);
  g_assert_cmpint (order->total, ==, 1250);
  g_assert_cmpstr (order->currency, ==, "USD");
  g_assert_cmpstr (order->buyer, ==, "ada_buyer");
  g_assert_cmpint (order->modified_at, ==,
                   td_http_parse_iso8601 ("2026-12-04T08:57:30.250Z"));
  g_assert_cmpuint (order->lines->len, ==, 1);
  line = g_ptr_array_index (order->lines, 0);
  g_assert_cmpstr (line->sku, ==, "TD-000002");
  g_assert_cmpstr (line->remote_id, ==, "110000002");
  g_assert_cmpuint (line->quantity, ==, 1);
  g_assert_cmpint (line->price, ==, 1250);
  order = g_ptr_array_index (page->orders, 1);
  g_assert_false (order->paid);
  g_assert_true (order->cancelled);
  g_assert_false (page->more);
  g_assert_cmpstr (page->next_cursor, ==, "2026-12-04T09:10:00.000Z");

  /* 250 more: two pages, the cursor only moves at the end. */
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *id = g_strdup_printf ("02-%04u", i);
      g_autofree char *when = g_strdup_printf ("2026-12-04T10:%02u:%02u.000Z", i / 60, i % 60);

      td_fake_ebay_add_order (fx->fake, id, when, TRUE, "NONE_REQUESTED", "TD-000100", "1",
                              100);
    }
  g_clear_pointer (&page, td_order_page_free);
  page = pull (fx, "2026-12-04T09:10:00.000Z");
  g_assert_cmpuint (page->orders->len, ==, 200);
  g_assert_true (page->more);
  g_assert_cmpstr (page->next_cursor, ==, "2026-12-04T09:05:00.000Z|200|2026-12-04T10:03:18.000Z");
  {
    g_autofree char *cursor = g_strdup (page->next_cursor);

    g_clear_pointer (&page, td_order_page_free);
    page = pull (fx, cursor);
  }
  g_assert_cmpstr (request_at (fx, -1)->path, ==,
                   "/order?filter=lastmodifieddate%3A%5B2026-12-04T09%3A05%3A00.000Z..%5D"
                   "&limit=200&offset=200");
  g_assert_cmpuint (page->orders->len, ==, 51);
  g_assert_false (page->more);
  g_assert_cmpstr (page->next_cursor, ==, "2026-12-04T10:04:09.000Z");
}

static void
test_refresh (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1, 1);
  g_autoptr(GPtrArray) outcomes = NULL;

  td_fake_ebay_revoke_access (fx->fake);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, item, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (td_fake_ebay_n_refreshes (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", TD_FAKE_EBAY_TOKEN_PATH), ==, 1);
  g_assert_cmpstr (soup_message_headers_get_one (request_at (fx, -1)->headers, "Authorization"),
                   ==, "Bearer v^1.1#access-1");
}

static void
test_reauth (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1, 1);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(TdOrderPage) page = NULL;

  td_fake_ebay_revoke_access (fx->fake);
  td_fake_ebay_set_invalid_grant (fx->fake, TRUE);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, item, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_REAUTH);
  g_assert_nonnull (strstr (outcome_at (outcomes, 0)->message, "Connect the account again"));
  page = pull (fx, NULL);
  g_assert_cmpint (page->status, ==, TD_SYNC_REAUTH);
  g_assert_cmpuint (td_fake_ebay_n_items (fx->fake), ==, 0);
}

static void
test_busy (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(TdSyncItem) one = make_item (fx, 1, 0);
  g_autoptr(TdSyncItem) two = make_item (fx, 2, 0);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(TdOrderPage) page = NULL;

  /* 429 with Retry-After on the whole batch. */
  td_fake_server_add_fault (fx->server, "/bulk_create_or_replace", TD_FAKE_FAULT_STATUS, 429, 7,
                            NULL, 0, 1);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, two, NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (outcome_at (outcomes, i)->status, ==, TD_SYNC_RETRY);
      g_assert_cmpuint (outcome_at (outcomes, i)->retry_after_s, ==, 7);
    }

  /* eBay's 25001 / 25025 in a 400 answer are transient too. */
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  td_fake_server_add_fault (fx->server, "/bulk_create_or_replace", TD_FAKE_FAULT_STATUS, 400, 0,
                            "{\"errors\":[{\"errorId\":25025,\"message\":\"Concurrent access "
                            "of the same resource. Try again later.\"}]}", 0, 1);
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_RETRY);
  g_assert_nonnull (strstr (outcome_at (outcomes, 0)->message, "Concurrent access"));

  /* …while any other refusal is for staff to fix. */
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  td_fake_ebay_fail_sku (fx->fake, "/bulk_create_or_replace_inventory_item", "TD-000002", 400,
                         25604, "Invalid value for Content-Language.");
  outcomes = run_batch (fx, TD_SYNC_OP_PUBLISH, one, two, NULL);
  g_assert_cmpint (outcome_at (outcomes, 0)->status, ==, TD_SYNC_FAILED);
  g_assert_cmpstr (outcome_at (outcomes, 0)->message, ==, "A picture is required to publish.");
  g_assert_cmpint (outcome_at (outcomes, 1)->status, ==, TD_SYNC_FAILED);
  g_assert_cmpstr (outcome_at (outcomes, 1)->message, ==, "Invalid value for Content-Language.");

  td_fake_server_add_fault (fx->server, "/order", TD_FAKE_FAULT_STATUS, 503, 30, NULL, 0, 1);
  page = pull (fx, NULL);
  g_assert_cmpint (page->status, ==, TD_SYNC_RETRY);
  g_assert_cmpuint (page->retry_after_s, ==, 30);
}

static void
on_location (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  on_done (source, result, user_data);
}

static void
test_location (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  td_ebay_create_location_async (fx->marketplace, "main-st", "Main St shop", "97201", "US", NULL,
                                 on_location, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  g_assert_true (td_ebay_create_location_finish (fx->marketplace, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (request_at (fx, 0)->path, ==, "/location/main-st");
  body = request_body (request_at (fx, 0));
  g_assert_cmpstr (body, ==, "{\"location\":{\"address\":{\"postalCode\":\"97201\","
                             "\"country\":\"US\"}},\"locationTypes\":[\"STORE\"],"
                             "\"name\":\"Main St shop\",\"merchantLocationStatus\":\"ENABLED\"}");
}

static void
test_setup (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  TdEbayChoice *choice;

  td_ebay_list_policies_async (fx->marketplace, "fulfillment", NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_list_policies_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 2);
  choice = g_ptr_array_index (choices, 1);
  g_assert_cmpstr (choice->id, ==, "F2");
  g_assert_cmpstr (choice->name, ==, "Collection");
  g_assert_cmpstr (request_at (fx, 0)->path, ==, "/fulfillment_policy?marketplace_id=EBAY_US");

  g_clear_object (&result);
  g_clear_pointer (&choices, g_ptr_array_unref);
  td_ebay_list_policies_async (fx->marketplace, "return", NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_list_policies_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_cmpstr (((TdEbayChoice *) g_ptr_array_index (choices, 0))->id, ==, "R1");

  g_clear_object (&result);
  g_clear_pointer (&choices, g_ptr_array_unref);
  td_ebay_suggest_categories_async (fx->marketplace, "denim jacket", NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_suggest_categories_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 1);
  choice = g_ptr_array_index (choices, 0);
  g_assert_cmpstr (choice->id, ==, "57988");
  g_assert_cmpstr (choice->name, ==,
                   "Clothing, Shoes & Accessories › Men's Clothing › Coats, Jackets & Vests");
  g_assert_cmpstr (request_at (fx, -1)->path, ==,
                   "/category_tree/0/get_category_suggestions?q=denim%20jacket");

  /* eBay's refusal comes back in its words. */
  g_clear_object (&result);
  g_clear_pointer (&choices, g_ptr_array_unref);
  td_fake_server_add_fault (fx->server, "/payment_policy", TD_FAKE_FAULT_STATUS, 400, 0,
                            "{\"errors\":[{\"errorId\":20403,\"message\":\"The seller is "
                            "not opted in to business policies.\"}]}", 0, 1);
  td_ebay_list_policies_async (fx->marketplace, "payment", NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_list_policies_finish (fx->marketplace, result, &error);
  g_assert_null (choices);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The seller is not opted in to business policies.");
}
static gboolean
opted_in (Fixture *fx)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean on;

  td_ebay_policies_opted_in_async (fx->marketplace, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  on = td_ebay_policies_opted_in_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  return on;
}

static void
opt_in (Fixture *fx)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  td_ebay_opt_in_policies_async (fx->marketplace, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  g_assert_true (td_ebay_opt_in_policies_finish (fx->marketplace, result, &error));
  g_assert_no_error (error);
}

static TdEbayCategoryNeeds *
category_needs (Fixture     *fx,
                const char  *category,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_ebay_category_needs_async (fx->marketplace, category, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  return td_ebay_category_needs_finish (fx->marketplace, result, error);
}

/* Opting in to business policies, the locations already there, what a category needs. */
static void
test_setup_needs (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(TdEbayCategoryNeeds) needs = NULL;
  g_autofree char *body = NULL;
  TdEbayChoice *choice;
  guint before;

  g_assert_true (opted_in (fx));
  g_assert_cmpstr (request_at (fx, 0)->path, ==, "/program/get_opted_in_programs");

  td_fake_ebay_set_opted_out (fx->fake, TRUE);
  g_assert_false (opted_in (fx));
  td_ebay_list_policies_async (fx->marketplace, "payment", NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_list_policies_finish (fx->marketplace, result, &error);
  g_assert_null (choices);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The seller is not opted in to business policies.");
  g_clear_error (&error);
  g_clear_object (&result);

  opt_in (fx);
  g_assert_cmpstr (request_at (fx, -1)->method, ==, "POST");
  g_assert_cmpstr (request_at (fx, -1)->path, ==, "/program/opt_in");
  body = request_body (request_at (fx, -1));
  g_assert_cmpstr (body, ==, "{\"programType\":\"SELLING_POLICY_MANAGEMENT\"}");
  g_assert_true (opted_in (fx));

  /* Locations: none, then the one created. */
  td_ebay_list_locations_async (fx->marketplace, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_list_locations_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 0);
  g_assert_cmpstr (request_at (fx, -1)->path, ==, "/location?limit=100");
  g_clear_pointer (&choices, g_ptr_array_unref);
  g_clear_object (&result);
  td_ebay_create_location_async (fx->marketplace, "main-st", "Main St shop", "97201", "US", NULL,
                                 on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  g_assert_true (td_ebay_create_location_finish (fx->marketplace, result, &error));
  g_clear_object (&result);
  td_ebay_list_locations_async (fx->marketplace, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_list_locations_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 1);
  choice = g_ptr_array_index (choices, 0);
  g_assert_cmpstr (choice->id, ==, "main-st");
  g_assert_cmpstr (choice->name, ==, "Main St shop");

  /* A category's required aspects and accepted conditions. */
  needs = category_needs (fx, "57988", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_at (fx, -2)->path, ==,
                   "/category_tree/0/get_item_aspects_for_category?category_id=57988");
  g_assert_cmpstr (request_at (fx, -1)->path, ==,
                   "/marketplace/EBAY_US/get_item_condition_policies"
                   "?filter=categoryIds%3A%7B57988%7D");
  g_assert_cmpuint (needs->required_aspects->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (needs->required_aspects, 0), ==, "Brand");
  g_assert_cmpstr (g_ptr_array_index (needs->required_aspects, 1), ==, "Department");
  g_assert_cmpstr (g_ptr_array_index (needs->required_aspects, 2), ==, "Size");
  g_assert_true (needs->condition_required);
  g_assert_cmpuint (needs->conditions->len, ==, 3);
  choice = g_ptr_array_index (needs->conditions, 0);
  g_assert_cmpstr (choice->id, ==, "NEW");
  g_assert_cmpstr (choice->name, ==, "New with tags");
  choice = g_ptr_array_index (needs->conditions, 2);
  g_assert_cmpstr (choice->id, ==, "USED_EXCELLENT");
  g_assert_cmpstr (choice->name, ==, "Pre-owned");
  g_assert_true (td_ebay_aspect_is_filled ("Brand"));
  g_assert_true (td_ebay_aspect_is_filled ("color"));
  g_assert_false (td_ebay_aspect_is_filled ("Department"));
  g_assert_cmpstr (td_ebay_condition_for_id ("7000"), ==, "FOR_PARTS_OR_NOT_WORKING");
  g_assert_null (td_ebay_condition_for_id ("9999"));
  g_clear_pointer (&needs, td_ebay_category_needs_free);

  /* eBay's refusal in its words; a category that is not a number never leaves. */
  needs = category_needs (fx, "11450", &error);
  g_assert_null (needs);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The specified category ID was not found.");
  g_clear_error (&error);
  before = td_fake_server_get_requests (fx->server)->len;
  needs = category_needs (fx, "jackets", &error);
  g_assert_null (needs);
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, before);
}

static GPtrArray *
policies (Fixture    *fx,
          const char *kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *choices;

  td_ebay_list_policies_async (fx->marketplace, kind, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_list_policies_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  return choices;
}

/* The policy calls through a validating Prism proxy of the Account contract.
 * Not proxied: category suggestions (tests/contracts/specs/ has no Taxonomy contract) and
 * createInventoryLocation (its 204 answer has no body, which td-test-contract.c's relay does
 * not pass on yet: soup_message_body_append_bytes() on empty bytes). */
static void
test_setup_contract (Fixture       *fx,
                     gconstpointer  data)
{
  const char *url = td_fake_server_get_url (fx->server);
  g_autofree char *skip = NULL;
  TdTestContract *account = td_test_contract_start ("ebay-account", url, &skip);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autofree char *settings = NULL;
  TdMarketplaceAccount ebay = { .id = 3, .kind = (char *) TD_MARKETPLACE_EBAY,
                                .name = (char *) "eBay (test)" };

  if (account == NULL)
    {
      g_test_skip (skip);
      return;
    }
  settings = g_strdup_printf ("{\"urls\":{\"account\":\"%s\",\"taxonomy\":\"%s\","
                              "\"fulfillment\":\"%s\",\"media\":\"%s\",\"metadata\":\"%s\","
                              "\"identity\":\"%s/identity/v1\"}}",
                              td_test_contract_get_url (account), url, url, url, url, url);
  ebay.base_url = (char *) url;
  ebay.settings = settings;
  g_clear_object (&fx->marketplace);
  fx->marketplace = td_marketplace_new_for_account (fx->session, &ebay, fx->credentials, &error);
  g_assert_no_error (error);

  g_assert_true (opted_in (fx));
  opt_in (fx);
  choices = policies (fx, "fulfillment");
  g_assert_cmpuint (choices->len, ==, 2);
  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = policies (fx, "payment");
  g_assert_cmpuint (choices->len, ==, 1);
  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = policies (fx, "return");
  g_assert_cmpuint (choices->len, ==, 1);
  g_clear_pointer (&choices, g_ptr_array_unref);

  td_ebay_suggest_categories_async (fx->marketplace, "denim jacket", NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  choices = td_ebay_suggest_categories_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 1);

  g_clear_object (&result);
  td_ebay_create_location_async (fx->marketplace, "main-st", "Main St shop", "97201", "US", NULL,
                                 on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  g_assert_true (td_ebay_create_location_finish (fx->marketplace, result, &error));
  g_assert_no_error (error);

  violations = td_test_contract_violations (account);
  for (guint i = 0; i < violations->len; i++)
    g_test_message ("violation: %s", (char *) g_ptr_array_index (violations, i));
  g_assert_cmpuint (violations->len, ==, 0);
  td_test_contract_stop (account);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/ebay/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("orders", test_orders);
  ADD ("refresh", test_refresh);
  ADD ("reauth", test_reauth);
  ADD ("busy", test_busy);
  ADD ("location", test_location);
  ADD ("setup", test_setup);
  ADD ("setup-needs", test_setup_needs);
  ADD ("setup-contract", test_setup_contract);
#undef ADD

  return g_test_run ();
}
