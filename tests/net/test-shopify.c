/* test-shopify.c — TdShopify against the stateful GraphQL fake on 127.0.0.1: every document
 * validates against the stored Admin API 2026-10 schema; publish with a photo through a staged
 * upload, adopt by SKU, update, withdraw, orders on a cursor, throttling, userErrors, 401 and
 * unreadable answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-http.h"
#include "td-shopify-documents.h"
#include "td-shopify-fixture.h"
#include "td-shopify-private.h"
#include "td-test-contract.h"

/* --- tests ------------------------------------------------------------------------------- */

static void
test_documents (void)
{
  guint n = 0;

  for (guint i = 0; td_shopify_documents[i] != NULL; i++, n++)
    {
      g_autofree char *errors = NULL;
      g_autofree char *skip = NULL;
      gboolean valid = td_test_graphql_validate (td_shopify_documents[i], &errors, &skip);

      if (skip != NULL)
        {
          g_test_skip (skip);
          return;
        }
      if (!valid)
        g_test_message ("invalid document:\n%s\n%s", td_shopify_documents[i], errors);
      g_assert_true (valid);
    }
  g_assert_cmpuint (n, ==, 8);

  /* The check is real: a field the schema lacks is refused. */
  {
    g_autofree char *errors = NULL;
    g_autofree char *skip = NULL;

    g_assert_false (td_test_graphql_validate ("query Bad { productVariants(first: 1) "
                                              "{ nodes { id colour } } }", &errors, &skip));
    g_assert_nonnull (strstr (errors, "colour"));
  }
}

static void
test_publish (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000042", 1250, TRUE);
  g_autoptr(TdSyncOutcome) outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  const TdFakeShopifyProduct *product = td_fake_shopify_find_sku (fx->fake, "TD-000042");
  g_autofree char *variant = NULL;
  g_autofree char *inventory = NULL;
  g_autofree char *expected_known = NULL;
  GPtrArray *requests = td_fake_server_get_requests (fx->server);

  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_LIVE);
  g_assert_nonnull (product);
  g_assert_cmpstr (outcome->remote_id, ==, product->product_id);
  variant = json_member (outcome->remote_ref, "variant_id");
  inventory = json_member (outcome->remote_ref, "inventory_item_id");
  g_assert_cmpstr (variant, ==, product->variant_id);
  g_assert_cmpstr (inventory, ==, product->inventory_item_id);

  /* What Shopify now holds. */
  g_assert_cmpstr (product->title, ==, "Wool coat <navy>");
  g_assert_cmpstr (product->description_html, ==,
                   "<p>Warm wool coat.<br>Two pockets.</p><p>Good. Small stain on cuff.</p>");
  g_assert_cmpstr (product->status, ==, "ACTIVE");
  g_assert_cmpstr (product->price, ==, "12.50");
  g_assert_cmpint (product->quantity, ==, 1);
  g_assert_cmpuint (product->media->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (product->media, 0), "/front.png"));
  g_assert_cmpuint (td_fake_shopify_n_uploads (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 1);

  /* Looked up first, then staged, uploaded and created; the id announced at once. */
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "FindVariantBySku"), ==, 1);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "StagedUploadsCreate"), ==, 1);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "ProductSet"), ==, 1);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "PrimaryLocation"), ==, 0);
  expected_known = g_strdup_printf ("42 %s %s", outcome->remote_id, outcome->remote_ref);
  g_assert_cmpuint (fx->known->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fx->known, 0), ==, expected_known);

  /* The token goes to the shop only, never to the storage host. */
  for (guint i = 0; i < requests->len; i++)
    {
      TdFakeRequest *request = g_ptr_array_index (requests, i);
      const char *token = soup_message_headers_get_one (request->headers,
                                                        "X-Shopify-Access-Token");

      g_assert_cmpstr (request->method, ==, "POST");
      if (g_str_has_prefix (request->path, "/staged-uploads/"))
        g_assert_null (token);
      else
        g_assert_cmpstr (token, ==, TOKEN);
    }
}

static void
test_adopt (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-0'7", 800, TRUE);
  const TdFakeShopifyProduct *existing;
  g_autoptr(TdSyncOutcome) first = NULL;
  g_autoptr(TdSyncOutcome) again = NULL;

  /* An earlier attempt created the product but its answer was lost; it was then drafted. */
  existing = td_fake_shopify_add_product (fx->fake, "TD-0'7", "Old title", "5.00", "DRAFT", 0);
  first = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (first->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (first->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpstr (first->remote_id, ==, existing->product_id);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "ProductSet"), ==, 0);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "StagedUploadsCreate"), ==, 0);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "RelistListing"), ==, 1);
  g_assert_cmpstr (existing->status, ==, "ACTIVE");
  g_assert_cmpint (existing->quantity, ==, 1);
  g_assert_cmpstr (existing->price, ==, "8.00");
  g_assert_cmpstr (existing->title, ==, "Wool coat <navy>");
  g_assert_cmpuint (fx->known->len, ==, 1);

  /* Publishing again (a retry after a crash) finds it again: still one product. */
  again = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (again->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (again->remote_id, ==, existing->product_id);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     td_fake_shopify_last_variables (fx->fake, "FindVariantBySku"), "query"),
                   ==, "sku:'TD-0\\'7'");
}

static void
test_update (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000043", 2000, FALSE);
  g_autoptr(TdSyncOutcome) published = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_autoptr(TdSyncOutcome) updated = NULL;
  const TdFakeShopifyProduct *product = td_fake_shopify_find_sku (fx->fake, "TD-000043");

  g_assert_cmpint (published->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (product->media->len, ==, 0);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "StagedUploadsCreate"), ==, 0);

  /* The store hands back what it kept: no look-up needed. */
  item->remote_id = g_strdup (published->remote_id);
  g_free (item->remote_ref);
  item->remote_ref = g_strdup (published->remote_ref);
  item->price = 1575;
  g_free (item->title);
  item->title = g_strdup ("Wool coat, navy");
  updated = run_op (fx, TD_SYNC_OP_UPDATE, item);
  g_assert_cmpint (updated->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (updated->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpstr (product->price, ==, "15.75");
  g_assert_cmpstr (product->title, ==, "Wool coat, navy");
  g_assert_cmpstr (product->status, ==, "ACTIVE");
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "FindVariantBySku"), ==, 1);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "UpdateListing"), ==, 1);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 1);
}

static void
test_withdraw (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000044", 999, FALSE);
  g_autoptr(TdSyncItem) unknown = make_item (fx, "TD-NEVER", 999, FALSE);
  g_autoptr(TdSyncOutcome) published = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_autoptr(TdSyncOutcome) withdrawn = NULL;
  g_autoptr(TdSyncOutcome) nothing = NULL;
  const TdFakeShopifyProduct *product = td_fake_shopify_find_sku (fx->fake, "TD-000044");
  JsonObject *variables;
  JsonObject *quantity;

  g_assert_cmpint (published->status, ==, TD_SYNC_DONE);
  /* No ids kept (remote_ref "{}"): found by SKU. */
  item->quantity = 0;
  withdrawn = run_op (fx, TD_SYNC_OP_WITHDRAW, item);
  g_assert_cmpint (withdrawn->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (withdrawn->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpint (product->quantity, ==, 0);
  g_assert_cmpstr (product->status, ==, "DRAFT");
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "WithdrawListing"), ==, 1);
  variables = td_fake_shopify_last_variables (fx->fake, "WithdrawListing");
  g_assert_cmpuint (strlen (json_object_get_string_member (variables, "key")), ==, 36);
  quantity = json_array_get_object_element (json_object_get_array_member (
                                              json_object_get_object_member (variables,
                                                                             "quantities"),
                                              "quantities"), 0);
  g_assert_true (json_object_has_member (quantity, "changeFromQuantity"));
  g_assert_true (json_node_is_null (json_object_get_member (quantity, "changeFromQuantity")));

  /* An item that never reached Shopify: nothing to end, nothing changed. */
  nothing = run_op (fx, TD_SYNC_OP_WITHDRAW, unknown);
  g_assert_cmpint (nothing->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (nothing->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "WithdrawListing"), ==, 1);
}

static void
test_stale_ids (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000050", 999, FALSE);
  g_autoptr(TdSyncItem) gone = make_item (fx, "TD-GONE", 999, FALSE);
  g_autoptr(TdSyncOutcome) published = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_autoptr(TdSyncOutcome) withdrawn = NULL;
  g_autoptr(TdSyncOutcome) nothing = NULL;
  const TdFakeShopifyProduct *product = td_fake_shopify_find_sku (fx->fake, "TD-000050");
  const char *stale = "{\"variant_id\":\"gid://shopify/ProductVariant/9\","
                      "\"inventory_item_id\":\"gid://shopify/InventoryItem/9\"}";

  /* The kept ids point at a product deleted in Shopify's admin: the SKU is looked up again
   * and the product that carries it now is withdrawn. */
  g_assert_cmpint (published->status, ==, TD_SYNC_DONE);
  item->remote_id = g_strdup ("gid://shopify/Product/9");
  g_free (item->remote_ref);
  item->remote_ref = g_strdup (stale);
  withdrawn = run_op (fx, TD_SYNC_OP_WITHDRAW, item);
  g_assert_cmpint (withdrawn->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (withdrawn->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpstr (withdrawn->remote_id, ==, product->product_id);
  g_assert_cmpint (product->quantity, ==, 0);
  g_assert_cmpstr (product->status, ==, "DRAFT");
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "WithdrawListing"), ==, 2);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "FindVariantBySku"), ==, 2);

  /* Nothing carries the SKU any more: nothing is left to sell there. */
  gone->remote_id = g_strdup ("gid://shopify/Product/9");
  g_free (gone->remote_ref);
  gone->remote_ref = g_strdup (stale);
  nothing = run_op (fx, TD_SYNC_OP_WITHDRAW, gone);
  g_assert_cmpint (nothing->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (nothing->listing_state, ==, TD_LISTING_ENDED);
}

static void
test_primary_location (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000045", 100, FALSE);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(TdMarketplace) bare = NULL;
  TdMarketplaceAccount account = *td_marketplace_get_account (fx->marketplace);

  /* Without a location_id setting the shop's primary location is asked for, once. */
  account.settings = (char *) "{}";
  bare = td_marketplace_new_for_account (fx->session, &account, fx->credentials, &error);
  g_assert_no_error (error);
  g_set_object (&fx->marketplace, bare);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_WITHDRAW, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (td_fake_shopify_count (fx->fake, "PrimaryLocation"), ==, 1);
  g_assert_cmpint (td_fake_shopify_find_sku (fx->fake, "TD-000045")->quantity, ==, 0);
}

static void
test_orders (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TdOrderPage) page = NULL;
  TdOnlineOrder *order;
  TdOnlineOrderLine *line;

  td_fake_shopify_add_order (fx->fake, "gid://shopify/Order/1", "2026-12-04T09:50:00Z",
                             "PAID", FALSE, "TD-1", 1, "10.00");
  td_fake_shopify_add_order (fx->fake, "gid://shopify/Order/2", "2026-12-04T09:58:00Z",
                             "PAID", FALSE, "TD-2", 1, "20.00");
  td_fake_shopify_add_order (fx->fake, "gid://shopify/Order/3", "2026-12-04T10:05:00Z",
                             "PENDING", FALSE, "TD-3", 2, "7.25");
  td_fake_shopify_add_order (fx->fake, "gid://shopify/Order/4", "2026-12-04T10:06:30Z",
                             "REFUNDED", TRUE, "TD-4", 1, "30.00");

  /* Cursor 10:00 with 5 minutes of overlap: order 2 (09:58) again, order 1 not. */
  page = pull (fx, "2026-12-04T10:00:00.000Z");
  g_assert_cmpint (page->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (json_object_get_string_member (
                     td_fake_shopify_last_variables (fx->fake, "Orders"), "query"),
                   ==, "updated_at:>'2026-12-04T09:55:00Z'");
  g_assert_cmpuint (page->orders->len, ==, 3);
  g_assert_false (page->more);
  g_assert_cmpstr (page->next_cursor, ==, "2026-12-04T10:06:30.000Z");

  order = g_ptr_array_index (page->orders, 0);
  g_assert_cmpstr (order->order_id, ==, "gid://shopify/Order/2");
  g_assert_true (order->paid);
  g_assert_false (order->cancelled);
  g_assert_cmpint (order->total, ==, 2000);
  g_assert_cmpstr (order->currency, ==, "USD");
  g_assert_cmpint (order->modified_at, ==, td_http_parse_iso8601 ("2026-12-04T09:58:00Z"));

  order = g_ptr_array_index (page->orders, 1);
  g_assert_false (order->paid);
  g_assert_cmpuint (order->lines->len, ==, 1);
  line = g_ptr_array_index (order->lines, 0);
  g_assert_cmpstr (line->sku, ==, "TD-3");
  g_assert_cmpuint (line->quantity, ==, 2);
  g_assert_cmpint (line->price, ==, 725);
  g_assert_cmpint (order->total, ==, 1450);

  order = g_ptr_array_index (page->orders, 2);
  g_assert_true (order->cancelled);
  g_assert_false (order->paid);
  g_clear_pointer (&page, td_order_page_free);

  /* Nothing new: the cursor stays. */
  page = pull (fx, "2026-12-04T10:06:30.000Z");
  g_assert_cmpuint (page->orders->len, ==, 2);   /* orders 3 and 4 again: the overlap */
  g_assert_cmpstr (page->next_cursor, ==, "2026-12-04T10:06:30.000Z");
}

static void
test_order_pages (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(TdOrderPage) first = NULL;
  g_autoptr(TdOrderPage) second = NULL;
  g_autoptr(TdOrderPage) none = NULL;

  for (guint i = 0; i < 55; i++)
    {
      g_autofree char *id = g_strdup_printf ("gid://shopify/Order/%u", 100 + i);
      g_autofree char *when = g_strdup_printf ("2026-12-04T11:%02u:00Z", i);

      td_fake_shopify_add_order (fx->fake, id, when, "PAID", FALSE, "TD-X", 1, "1.00");
    }
  first = pull (fx, "2026-12-04T10:00:00.000Z");
  g_assert_cmpuint (first->orders->len, ==, 50);
  g_assert_true (first->more);
  g_assert_true (g_str_has_prefix (first->next_cursor, "2026-12-04T10:00:00.000Z|"));

  second = pull (fx, first->next_cursor);
  g_assert_cmpstr (json_object_get_string_member (
                     td_fake_shopify_last_variables (fx->fake, "Orders"), "query"),
                   ==, "updated_at:>'2026-12-04T09:55:00Z'");
  g_assert_cmpuint (second->orders->len, ==, 5);
  g_assert_false (second->more);
  g_assert_cmpstr (second->next_cursor, ==, "2026-12-04T11:54:00.000Z");

  /* No cursor yet: the last week, from now. */
  none = pull (fx, NULL);
  g_assert_cmpint (none->status, ==, TD_SYNC_DONE);
  g_assert_nonnull (none->next_cursor);
}

static void
test_throttled (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000046", 1000, TRUE);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(TdOrderPage) page = NULL;

  /* 152 points asked, 40 left, 50 restored a second: ceil (112 / 50) = 3 s. */
  td_fake_shopify_throttle (fx->fake, 1, 152, 40, 50);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_RETRY);
  g_assert_cmpuint (outcome->retry_after_s, ==, 3);
  g_assert_nonnull (outcome->message);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 0);

  td_fake_shopify_throttle (fx->fake, 1, 100, 99.5, 100);
  page = pull (fx, NULL);
  g_assert_cmpint (page->status, ==, TD_SYNC_RETRY);
  g_assert_cmpuint (page->retry_after_s, ==, 1);

  /* HTTP 429 with Retry-After is honoured too. */
  td_fake_server_add_fault (fx->server, TD_FAKE_SHOPIFY_PATH, TD_FAKE_FAULT_STATUS, 429, 7,
                            "{\"errors\":\"Exceeded 2 calls per second for api client.\"}",
                            0, 1);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_RETRY);
  g_assert_cmpuint (outcome->retry_after_s, ==, 7);

  /* Once the bucket refilled, it goes through. */
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 1);
}

static void
test_user_errors (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000047", 1000, TRUE);
  g_autoptr(TdSyncOutcome) outcome = NULL;

  td_fake_shopify_fail_next (fx->fake, "ProductSet", "Title is too long (maximum is 255)");
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_FAILED);
  g_assert_cmpstr (outcome->message, ==, "Title is too long (maximum is 255)");
  g_assert_null (outcome->listing_state);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 0);

  /* The fake's own checks come back the same way. */
  g_clear_pointer (&outcome, td_sync_outcome_free);
  g_free (item->title);
  item->title = g_strdup ("");
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_FAILED);
  g_assert_cmpstr (outcome->message, ==, "Title can't be blank");

  /* Top-level errors: a missing access scope needs a new token; anything else is refused. */
  td_fake_server_add_fault (fx->server, TD_FAKE_SHOPIFY_PATH, TD_FAKE_FAULT_STATUS, 200, 0,
                            "{\"errors\":[{\"message\":\"Access denied for productVariants "
                            "field.\",\"extensions\":{\"code\":\"ACCESS_DENIED\"}}]}", 0, 1);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_REAUTH);
  g_assert_nonnull (strstr (outcome->message, "Access denied for productVariants field."));

  td_fake_server_add_fault (fx->server, TD_FAKE_SHOPIFY_PATH, TD_FAKE_FAULT_STATUS, 200, 0,
                            "{\"errors\":[{\"message\":\"Field 'x' doesn't exist\","
                            "\"extensions\":{\"code\":\"undefinedField\"}}]}", 0, 1);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_FAILED);
  g_assert_nonnull (strstr (outcome->message, "Field 'x' doesn't exist"));
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 0);
}

static void
test_reauth (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000048", 1000, FALSE);
  g_autoptr(TdSyncOutcome) outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_autoptr(TdOrderPage) page = pull (fx, NULL);

  /* The stored token is not the shop's (revoked app): 401 → reconnect, no retry. */
  g_assert_cmpint (outcome->status, ==, TD_SYNC_REAUTH);
  g_assert_nonnull (strstr (outcome->message, "Invalid API key or access token"));
  g_assert_cmpint (page->status, ==, TD_SYNC_REAUTH);
  g_assert_cmpuint (td_fake_shopify_n_products (fx->fake), ==, 0);
}

static void
test_malformed (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, "TD-000049", 1000, FALSE);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(TdOrderPage) page = NULL;

  td_fake_server_add_fault (fx->server, TD_FAKE_SHOPIFY_PATH, TD_FAKE_FAULT_MALFORMED, 0, 0,
                            NULL, 0, 2);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_RETRY);
  page = pull (fx, NULL);
  g_assert_cmpint (page->status, ==, TD_SYNC_RETRY);

  /* A 5xx is transient too; a stopped shop is "offline". */
  td_fake_server_add_fault (fx->server, TD_FAKE_SHOPIFY_PATH, TD_FAKE_FAULT_STATUS, 503, 0,
                            NULL, 0, 1);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_RETRY);
  td_fake_server_stop (fx->server);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_OFFLINE);
}

static void
test_parse (void)
{
  g_autofree char *query = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (td_shopify_parse_amount ("12.5", 2), ==, 1250);
  g_assert_cmpint (td_shopify_parse_amount ("12.505", 2), ==, 1250);
  g_assert_cmpint (td_shopify_parse_amount ("1200", 0), ==, 1200);
  g_assert_cmpint (td_shopify_parse_amount ("0.125", 3), ==, 125);
  g_assert_cmpint (td_shopify_parse_amount ("-3.10", 2), ==, -310);
  g_assert_cmpint (td_shopify_parse_amount (NULL, 2), ==, 0);

  td_shopify_orders_query ("2026-12-04T10:00:00.000Z|2026-12-04T10:30:00.000Z|abc=",
                           0, &query, &after);
  g_assert_cmpstr (query, ==, "updated_at:>'2026-12-04T09:55:00Z'");
  g_assert_cmpstr (after, ==, "abc=");
}

int
main (int argc, char **argv)
{
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/shopify/documents", test_documents);
  g_test_add_func ("/td/shopify/parse", test_parse);
#define ADD(path, func, token) \
  g_test_add ("/td/shopify/" path, Fixture, token, fixture_set_up, func, fixture_tear_down)
  ADD ("publish", test_publish, NULL);
  ADD ("adopt", test_adopt, NULL);
  ADD ("update", test_update, NULL);
  ADD ("withdraw", test_withdraw, NULL);
  ADD ("stale-ids", test_stale_ids, NULL);
  ADD ("primary-location", test_primary_location, NULL);
  ADD ("orders", test_orders, NULL);
  ADD ("order-pages", test_order_pages, NULL);
  ADD ("throttled", test_throttled, NULL);
  ADD ("user-errors", test_user_errors, NULL);
  ADD ("reauth", test_reauth, "shpat_revoked");
  ADD ("malformed", test_malformed, NULL);
#undef ADD
  return g_test_run ();
}
