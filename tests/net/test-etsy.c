/* test-etsy.c — publishing with TdEtsy against the stateful Etsy fake on 127.0.0.1: the
 * vintage rule, a resumable publish (draft → photos → inventory → active), adoption after a
 * lost answer, price updates through the inventory, withdrawal, and the whole flow through
 * the validating Prism proxy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-etsy-fixture.h"
#include "td-marketplace.h"
#include "td-test-contract.h"

static void
test_not_vintage (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 2019, 1);
  g_autoptr(TdSyncItem) undated = make_item (fx, 0, 1);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (td_marketplace_check_item (fx->marketplace, item, g_get_real_time (),
                                             &error));
  g_assert_cmpstr (error->message, ==,
                   "Etsy only accepts vintage items (20 years or older); this item is from 2019.");

  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_FAILED);
  g_assert_cmpstr (outcome->message, ==, error->message);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, undated);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_FAILED);
  g_assert_nonnull (strstr (outcome->message, "has no year"));

  /* Nothing went out. */
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 0);
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 0);
  g_assert_cmpfloat (td_marketplace_rate_limit (fx->marketplace), <, 10.0);
  g_assert_cmpuint (td_marketplace_batch_limit (fx->marketplace, TD_SYNC_OP_PUBLISH), ==, 1);
}


static void
test_publish (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1975, 2);
  g_autoptr(TdSyncOutcome) outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  const TdFakeEtsyListing *listing;
  GPtrArray *requests = td_fake_server_get_requests (fx->server);
  g_autofree char *draft = NULL;
  g_autofree char *inventory = NULL;
  g_autofree char *activate = NULL;
  g_auto(GStrv) first = NULL;

  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpstr (outcome->remote_id, ==, FIRST_ID);

  listing = td_fake_etsy_get_listing (fx->fake, 1000001);
  g_assert_nonnull (listing);
  g_assert_cmpstr (listing->state, ==, "active");
  g_assert_cmpstr (listing->title, ==, "Denim jacket: 1970s & faded lovely");
  g_assert_cmpstr (listing->when_made, ==, "1970s");
  g_assert_cmpstr (listing->who_made, ==, "someone_else");
  g_assert_cmpint (listing->taxonomy_id, ==, 1429);
  g_assert_cmpstr (listing->sku, ==, "TD-000123");
  g_assert_cmpint (listing->amount, ==, 2499);
  g_assert_cmpint (listing->quantity, ==, 1);
  g_assert_cmpint (listing->readiness_state_id, ==, 13);
  g_assert_cmpuint (listing->images->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (listing->images, 0), ==, "photo-1.jpg");
  g_assert_cmpstr (g_ptr_array_index (listing->images, 1), ==, "photo-2.jpg");
  g_assert_nonnull (strstr (listing->tags, "Good condition"));
  g_assert_nonnull (strstr (listing->description, "Condition: Good. Frayed cuffs."));

  /* lookup, draft, 2 photos, inventory, activate */
  g_assert_cmpuint (requests->len, ==, 6);
  g_assert_cmpstr (request_at (fx, 0)->method, ==, "GET");
  g_assert_cmpstr (request_at (fx, 0)->path, ==, SHOP "/listings?state=draft&limit=100&offset=0");
  g_assert_cmpstr (request_at (fx, 1)->method, ==, "POST");
  g_assert_cmpstr (request_at (fx, 1)->path, ==, SHOP "/listings");
  g_assert_cmpstr (soup_message_headers_get_content_type (request_at (fx, 1)->headers, NULL),
                   ==, "application/x-www-form-urlencoded");
  draft = request_body (request_at (fx, 1));
  g_assert_nonnull (strstr (draft, "price=24.99"));
  g_assert_nonnull (strstr (draft, "is_supply=false"));
  g_assert_nonnull (strstr (draft, "should_auto_renew=false"));
  g_assert_nonnull (strstr (draft, "readiness_state_id=13"));
  g_assert_cmpstr (request_at (fx, 2)->path, ==, SHOP "/listings/" FIRST_ID "/images");
  g_assert_cmpstr (soup_message_headers_get_content_type (request_at (fx, 2)->headers, NULL),
                   ==, "multipart/form-data");
  g_assert_cmpstr (request_at (fx, 4)->method, ==, "PUT");
  g_assert_cmpstr (request_at (fx, 4)->path, ==, "/v3/application/listings/" FIRST_ID
                   "/inventory");
  inventory = request_body (request_at (fx, 4));
  g_assert_cmpstr (inventory, ==,
                   "{\"products\":[{\"sku\":\"TD-000123\",\"property_values\":[],\"offerings\":"
                   "[{\"price\":24.99,\"quantity\":1,\"is_enabled\":true,"
                   "\"readiness_state_id\":13}]}]}");
  g_assert_cmpstr (request_at (fx, 5)->method, ==, "PATCH");
  activate = request_body (request_at (fx, 5));
  g_assert_cmpstr (activate, ==, "state=active");

  /* Every request: keystring:secret and the Bearer token. */
  for (guint i = 0; i < requests->len; i++)
    {
      TdFakeRequest *request = g_ptr_array_index (requests, i);

      g_assert_cmpstr (soup_message_headers_get_one (request->headers, "x-api-key"), ==,
                       API_KEY);
      g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                       "Bearer 12345.initial");
    }

  /* The listing id was known right after the draft, before any photo went out. */
  g_assert_cmpuint (fx->known->len, ==, 4);
  first = g_strsplit (g_ptr_array_index (fx->known, 0), "|", -1);
  g_assert_cmpstr (first[0], ==, FIRST_ID);
  g_assert_cmpstr (first[1], ==, "{\"images\":0,\"inventory\":false}");
  g_assert_cmpstr (first[2], ==, "2");
}


/* The process dies after the photos, before the inventory: the retry starts from what
 * remote_known stored and sends no second draft and no photo again. */
static void
test_resume (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1962, 3);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  const TdFakeEtsyListing *listing;

  td_fake_server_add_fault (fx->server, "/v3/application/listings/" FIRST_ID "/inventory",
                            TD_FAKE_FAULT_STATUS, 503, 0, NULL, 0, 1);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_RETRY);
  g_assert_cmpstr (fx->last_id, ==, FIRST_ID);
  g_assert_cmpstr (fx->last_ref, ==, "{\"images\":3,\"inventory\":false}");

  /* "Restart": the item as the store has it. */
  g_clear_pointer (&outcome, td_sync_outcome_free);
  item->remote_id = g_strdup (fx->last_id);
  g_free (item->remote_ref);
  item->remote_ref = g_strdup (fx->last_ref);
  td_fake_server_clear_log (fx->server);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpstr (outcome->remote_id, ==, FIRST_ID);

  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_server_count (fx->server, "POST", SHOP "/listings"), ==, 0);
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 2);
  listing = td_fake_etsy_get_listing (fx->fake, 1000001);
  g_assert_cmpuint (listing->image_uploads, ==, 3);
  g_assert_cmpuint (listing->images->len, ==, 3);
  g_assert_cmpstr (listing->state, ==, "active");
  g_assert_cmpstr (listing->sku, ==, "TD-000123");
}


/* A connection that closes before the answer makes libsoup send the PUT again by itself:
 * with its body, not empty. */
static void
test_dropped_put (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1975, 1);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  GPtrArray *requests = td_fake_server_get_requests (fx->server);
  guint puts = 0;

  td_fake_server_add_fault (fx->server, "/v3/application/listings/" FIRST_ID "/inventory",
                            TD_FAKE_FAULT_DROP, 0, 0, NULL, 0, 1);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  for (guint i = 0; i < requests->len; i++)
    {
      TdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "PUT"))
        {
          puts++;
          g_assert_cmpuint (g_bytes_get_size (request->body), >, 0);
        }
    }
  g_assert_cmpuint (puts, ==, 2);
  g_assert_cmpstr (td_fake_etsy_get_listing (fx->fake, 1000001)->sku, ==, "TD-000123");
}


/* The draft was made but its answer never came: the retry finds it instead of making a
 * second one. A draft that carries our SKU is adopted too. */
static void
test_lost_answer (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1988, 1);
  g_autoptr(TdSyncItem) other = make_item (fx, 1988, 1);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  const TdFakeEtsyListing *listing;

  td_fake_etsy_add_listing (fx->fake, "draft", "Someone else's draft", NULL);
  td_fake_etsy_lose_next_create (fx->fake);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_RETRY);
  g_assert_null (outcome->remote_id);
  g_assert_cmpuint (fx->known->len, ==, 0);
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 2);

  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->remote_id, ==, "1000002");
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 2);
  listing = td_fake_etsy_get_listing (fx->fake, 1000002);
  g_assert_cmpstr (listing->state, ==, "active");
  g_assert_cmpuint (listing->images->len, ==, 1);
  g_assert_cmpstr (td_fake_etsy_get_listing (fx->fake, 1000001)->state, ==, "draft");

  /* By SKU. */
  listing = td_fake_etsy_add_listing (fx->fake, "draft", "Old title", "TD-000999");
  g_free (other->sku);
  other->sku = g_strdup ("TD-000999");
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, other);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpint (g_ascii_strtoll (outcome->remote_id, NULL, 10), ==, listing->listing_id);
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 3);
  g_assert_cmpstr (listing->state, ==, "active");
}


static void
test_update (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = publish_live (fx, 1);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  const TdFakeEtsyListing *listing;
  g_autofree char *put = NULL;

  td_fake_server_clear_log (fx->server);
  item->price = 1999;
  g_free (item->title);
  item->title = g_strdup ("Denim jacket, marked down");
  outcome = run_op (fx, TD_SYNC_OP_UPDATE, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_LIVE);

  /* GET inventory → PUT the whole array back → PATCH the text. */
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 3);
  g_assert_cmpstr (request_at (fx, 0)->method, ==, "GET");
  g_assert_cmpstr (request_at (fx, 1)->method, ==, "PUT");
  put = request_body (request_at (fx, 1));
  g_assert_cmpstr (put, ==,
                   "{\"products\":[{\"sku\":\"TD-000123\",\"property_values\":[],\"offerings\":"
                   "[{\"price\":19.99,\"quantity\":1,\"is_enabled\":true,"
                   "\"readiness_state_id\":13}]}],\"price_on_property\":[],"
                   "\"quantity_on_property\":[],\"sku_on_property\":[],"
                   "\"readiness_state_on_property\":[]}");
  g_assert_cmpstr (request_at (fx, 2)->method, ==, "PATCH");

  listing = td_fake_etsy_get_listing (fx->fake, 1000001);
  g_assert_cmpint (listing->amount, ==, 1999);
  g_assert_cmpstr (listing->title, ==, "Denim jacket, marked down");
  g_assert_cmpstr (listing->state, ==, "active");

  /* Not on Etsy yet: refused in words, nothing sent. */
  g_clear_pointer (&item->remote_id, g_free);
  td_fake_server_clear_log (fx->server);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_UPDATE, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_FAILED);
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 0);
}


static void
test_withdraw (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = publish_live (fx, 1);
  g_autoptr(TdSyncItem) never = make_item (fx, 1975, 1);
  g_autoptr(TdSyncItem) draft = make_item (fx, 1975, 1);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  const TdFakeEtsyListing *left;
  g_autofree char *body = NULL;

  td_fake_server_clear_log (fx->server);
  outcome = run_op (fx, TD_SYNC_OP_WITHDRAW, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpstr (td_fake_etsy_get_listing (fx->fake, 1000001)->state, ==, "inactive");
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 1);
  body = request_body (request_at (fx, 0));
  g_assert_cmpstr (body, ==, "state=inactive");

  /* Never published: nothing to do. */
  td_fake_server_clear_log (fx->server);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_WITHDRAW, never);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 0);

  /* Still a draft (Etsy won't make it inactive): not on sale, so withdrawn. */
  left = td_fake_etsy_add_listing (fx->fake, "draft", "Half done", "TD-000123");
  draft->remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, left->listing_id);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_WITHDRAW, draft);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_ENDED);
  g_assert_cmpstr (left->state, ==, "draft");
}


/* Every request shape through the validating Prism proxy: zero violations. */
static void
test_contract (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *skip = NULL;
  TdTestContract *contract = td_test_contract_start ("etsy", td_fake_server_get_url (fx->server),
                                                     &skip);
  g_autoptr(TdSyncItem) item = NULL;
  g_autoptr(TdSyncItem) other = NULL;
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(TdOrderPage) page = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  const TdFakeEtsyListing *draft;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;

  if (contract == NULL)
    {
      g_test_skip (skip);
      return;
    }
  /* Without tags: the contract types them as an array, which Prism can't read from a form
   * (see send_tags() in td-etsy-listings.c); everything else goes as in production. */
  fixture_connect (fx, td_test_contract_get_url (contract), FALSE);
  td_fake_etsy_add_receipt (fx->fake, 601, now_s - 100, TRUE, "paid", "TD-000123", 1000001,
                            2499);

  item = publish_live (fx, 2);
  item->price = 1999;
  outcome = run_op (fx, TD_SYNC_OP_UPDATE, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_WITHDRAW, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  /* Refunded: inventory (quantity 1) written again, then state=active; no second listing. */
  g_free (item->remote_ref);
  item->remote_ref = g_strdup (outcome->remote_ref);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_LIVE);
  g_assert_cmpstr (outcome->remote_id, ==, item->remote_id);
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 1);
  page = pull (fx, NULL);
  g_assert_cmpint (page->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (page->orders->len, ==, 1);

  /* Adopting a draft found by SKU (inventory read and written back), and withdrawing one
   * that is still a draft (refused, then looked at). */
  draft = td_fake_etsy_add_listing (fx->fake, "draft", "Left over", "TD-000777");
  other = make_item (fx, 1955, 1);
  g_free (other->sku);
  other->sku = g_strdup ("TD-000777");
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, other);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpint (g_ascii_strtoll (outcome->remote_id, NULL, 10), ==, draft->listing_id);
  draft = td_fake_etsy_add_listing (fx->fake, "draft", "Half done", NULL);
  g_free (other->remote_id);
  other->remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, draft->listing_id);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_WITHDRAW, other);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_ENDED);

  violations = td_test_contract_violations (contract);
  for (guint i = 0; i < violations->len; i++)
    g_test_message ("violation: %s", (char *) g_ptr_array_index (violations, i));
  g_assert_cmpuint (violations->len, ==, 0);
  td_test_contract_stop (contract);
}

int
main (int argc, char **argv)
{
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/etsy/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("not-vintage", test_not_vintage);
  ADD ("publish", test_publish);
  ADD ("resume", test_resume);
  ADD ("dropped-put", test_dropped_put);
  ADD ("lost-answer", test_lost_answer);
  ADD ("update", test_update);
  ADD ("withdraw", test_withdraw);
  ADD ("contract", test_contract);
#undef ADD
  return g_test_run ();
}
