/* test-etsy-account.c — TdEtsy's account side against the Etsy fake: receipts on a cursor,
 * the shared-secret x-api-key, token refresh and invalid_grant, 429s; and the pure rules
 * (vintage, when_made, tags, receipts, PKCE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-etsy-fixture.h"
#include "td-marketplace.h"
#include "td-oauth.h"

static void
test_rules (void)
{
  /* 2026-12-04 12:00 UTC */
  gint64 now_us = G_GINT64_CONSTANT (1796385600) * G_USEC_PER_SEC;
  TdSyncItem item = { .item_id = 1, .sku = (char *) "TD-1", .title = (char *) "Lamp" };
  g_autoptr(GError) error = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *title = td_etsy_clean_title ("Lamp\n$20 ★ 50% off: 2 for 1: 100% brass ™");

  g_assert_false (td_etsy_check_vintage (&item, now_us, &error));
  g_assert_cmpstr (error->message, ==,
                   "Etsy only accepts vintage items (20 years or older); this item has no year.");
  g_clear_error (&error);
  item.vintage_year = 2019;
  g_assert_false (td_etsy_check_vintage (&item, now_us, &error));
  g_assert_cmpstr (error->message, ==,
                   "Etsy only accepts vintage items (20 years or older); this item is from 2019.");
  g_clear_error (&error);
  item.vintage_year = 2007;
  g_assert_false (td_etsy_check_vintage (&item, now_us, &error));
  g_clear_error (&error);
  item.vintage_year = 2006;
  g_assert_true (td_etsy_check_vintage (&item, now_us, &error));
  g_assert_no_error (error);

  /* No currency signs, symbols or line breaks; %, :, & and + once each. */
  g_assert_cmpstr (title, ==, "Lamp 20 50% off: 2 for 1 100 brass ™");

  g_assert_cmpstr (td_etsy_when_made (2006, 2026), ==, "2000_2006");
  g_assert_cmpstr (td_etsy_when_made (2000, 2026), ==, "2000_2006");
  g_assert_cmpstr (td_etsy_when_made (1999, 2026), ==, "1990s");
  g_assert_cmpstr (td_etsy_when_made (1975, 2026), ==, "1970s");
  g_assert_cmpstr (td_etsy_when_made (1900, 2026), ==, "1900s");
  g_assert_cmpstr (td_etsy_when_made (1899, 2026), ==, "1800s");
  g_assert_cmpstr (td_etsy_when_made (1750, 2026), ==, "1700s");
  g_assert_cmpstr (td_etsy_when_made (1650, 2026), ==, "before_1700");
  g_assert_cmpstr (td_etsy_when_made (2008, 2028), ==, "2007_2009");

  item.vintage_year = 1975;
  item.grade_label = (char *) "Very good";
  item.brand = (char *) "Levi's®";
  item.material = (char *) "denim (100% cotton)";
  item.colour = (char *) "VINTAGE";
  tags = td_etsy_tags_for (&item, 2026);
  /* Etsy's characters only, ≤ 20 each, no duplicates. */
  g_assert_cmpstr (tags, ==, "vintage,1970s,Very good condition,Levi's,denim 100 cotton,VINTAGE");
}


static void
test_receipts_parse (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) orders = NULL;
  TdOnlineOrder *order;
  TdOnlineOrderLine *line;
  const char *json =
    "{\"count\":2,\"results\":["
    "{\"receipt_id\":91,\"status\":\"paid\",\"is_paid\":true,\"name\":\"Ada\","
    " \"created_timestamp\":1796380000,\"updated_timestamp\":1796381000,"
    " \"grandtotal\":{\"amount\":3350,\"divisor\":100,\"currency_code\":\"USD\"},"
    " \"transactions\":[{\"listing_id\":1000001,\"sku\":\"TD-1\",\"quantity\":1,"
    "  \"price\":{\"amount\":2499,\"divisor\":100,\"currency_code\":\"USD\"}},"
    "  {\"listing_id\":1000002,\"sku\":null,\"quantity\":1,"
    "  \"price\":{\"amount\":850,\"divisor\":1000,\"currency_code\":\"USD\"}}]},"
    "{\"receipt_id\":92,\"status\":\"canceled\",\"is_paid\":true,\"buyer_user_id\":55,"
    " \"created_timestamp\":1796380000,\"updated_timestamp\":1796382000,"
    " \"grandtotal\":{\"amount\":1200,\"divisor\":1,\"currency_code\":\"JPY\"},"
    " \"transactions\":[]}]}";

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  orders = td_etsy_parse_receipts (json_parser_get_root (parser));
  g_assert_cmpuint (orders->len, ==, 2);

  order = g_ptr_array_index (orders, 0);
  g_assert_cmpstr (order->order_id, ==, "91");
  g_assert_true (order->paid);
  g_assert_false (order->cancelled);
  g_assert_cmpint (order->total, ==, 3350);
  g_assert_cmpstr (order->currency, ==, "USD");
  g_assert_cmpstr (order->buyer, ==, "Ada");
  g_assert_cmpint (order->modified_at, ==, G_GINT64_CONSTANT (1796381000) * G_USEC_PER_SEC);
  g_assert_cmpuint (order->lines->len, ==, 2);
  line = g_ptr_array_index (order->lines, 0);
  g_assert_cmpstr (line->sku, ==, "TD-1");
  g_assert_cmpstr (line->remote_id, ==, "1000001");
  g_assert_cmpint (line->price, ==, 2499);
  line = g_ptr_array_index (order->lines, 1);
  g_assert_null (line->sku);
  g_assert_cmpstr (line->remote_id, ==, "1000002");
  g_assert_cmpint (line->price, ==, 85);

  order = g_ptr_array_index (orders, 1);
  g_assert_true (order->cancelled);
  g_assert_cmpint (order->total, ==, 1200);
  g_assert_cmpstr (order->buyer, ==, "55");
}


static void
test_pkce (void)
{
  /* RFC 7636 appendix B. */
  g_autofree char *challenge =
    td_oauth_pkce_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}


static void
test_orders (Fixture       *fx,
             gconstpointer  data)
{
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(TdOrderPage) page = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *cursor = NULL;
  TdOnlineOrder *order;
  TdOnlineOrderLine *line;

  td_fake_etsy_add_receipt (fx->fake, 501, now_s - 3000, TRUE, "paid", "TD-000123", 1000001,
                            2499);
  td_fake_etsy_add_receipt (fx->fake, 502, now_s - 2000, FALSE, "open", "TD-000124", 1000002,
                            1500);
  td_fake_etsy_add_receipt (fx->fake, 503, now_s - 1000, TRUE, "paid", "TD-000125", 1000003,
                            900);

  page = pull (fx, NULL);
  g_assert_cmpint (page->status, ==, TD_SYNC_DONE);
  g_assert_false (page->more);
  g_assert_cmpuint (page->orders->len, ==, 2);
  order = g_ptr_array_index (page->orders, 0);
  g_assert_cmpstr (order->order_id, ==, "501");
  g_assert_true (order->paid);
  g_assert_cmpint (order->total, ==, 2499);
  line = g_ptr_array_index (order->lines, 0);
  g_assert_cmpstr (line->sku, ==, "TD-000123");
  g_assert_cmpstr (line->remote_id, ==, "1000001");
  g_assert_cmpuint (line->quantity, ==, 1);
  g_assert_cmpint (line->price, ==, 2499);
  cursor = g_strdup_printf ("%" G_GINT64_FORMAT, now_s - 1000);
  g_assert_cmpstr (page->next_cursor, ==, cursor);
  g_assert_nonnull (strstr (request_at (fx, -1)->path,
                            "&was_paid=true&sort_on=updated&sort_order=asc&limit=100&offset=0"));

  /* From the cursor, with 300 s of overlap: 503 again (the store de-duplicates). */
  g_clear_pointer (&page, td_order_page_free);
  page = pull (fx, cursor);
  expected = g_strdup_printf (SHOP "/receipts?min_last_modified=%" G_GINT64_FORMAT "&",
                              now_s - 1300);
  g_assert_true (g_str_has_prefix (request_at (fx, -1)->path, expected));
  g_assert_cmpuint (page->orders->len, ==, 1);
  g_assert_cmpstr (page->next_cursor, ==, cursor);

  /* Nothing new: the cursor stays. */
  td_fake_server_clear_log (fx->server);
  g_clear_pointer (&page, td_order_page_free);
  g_free (cursor);
  cursor = g_strdup_printf ("%" G_GINT64_FORMAT, now_s);
  page = pull (fx, cursor);
  g_assert_cmpuint (page->orders->len, ==, 0);
  g_assert_cmpstr (page->next_cursor, ==, cursor);
}


static void
test_order_pages (Fixture       *fx,
                  gconstpointer  data)
{
  gint64 t = 1796380000;
  g_autoptr(TdOrderPage) page = NULL;
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, t);
  g_autofree char *middle = g_strdup_printf ("%" G_GINT64_FORMAT ",%u", t + 5, 98);
  guint seen = 0;

  /* 2 receipts at t, 103 at t + 5 (one second shared by more than a page). */
  td_fake_etsy_add_receipt (fx->fake, 1, t, TRUE, "paid", "A", 1, 100);
  td_fake_etsy_add_receipt (fx->fake, 2, t, TRUE, "paid", "B", 2, 100);
  for (guint i = 0; i < 103; i++)
    td_fake_etsy_add_receipt (fx->fake, 100 + i, t + 5, TRUE, "paid", "C", 3, 100);

  page = pull (fx, start);
  g_assert_true (page->more);
  g_assert_cmpuint (page->orders->len, ==, 100);
  g_assert_cmpstr (page->next_cursor, ==, middle);
  seen += page->orders->len;

  g_clear_pointer (&page, td_order_page_free);
  page = pull (fx, middle);
  g_assert_nonnull (strstr (request_at (fx, -1)->path, "&offset=98"));
  g_assert_false (page->more);
  g_assert_cmpuint (page->orders->len, ==, 5);
  g_assert_cmpstr (((TdOnlineOrder *) g_ptr_array_index (page->orders, 4))->order_id, ==, "202");
  seen += page->orders->len;
  g_assert_cmpuint (seen, ==, 105);
  g_free (start);
  start = g_strdup_printf ("%" G_GINT64_FORMAT, t + 5);
  g_assert_cmpstr (page->next_cursor, ==, start);
}


/* The stored access token has run out: refreshed first, then used. */
static void
test_refresh (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = publish_live (fx, 1);
  g_autofree char *stored = NULL;

  g_assert_cmpuint (td_fake_etsy_n_refreshes (fx->fake), ==, 1);
  g_assert_cmpstr (request_at (fx, 0)->path, ==, TD_FAKE_ETSY_TOKEN_PATH);
  g_assert_cmpstr (soup_message_headers_get_one (request_at (fx, 1)->headers, "Authorization"),
                   ==, "Bearer 12345.access-1");
  g_assert_cmpstr (soup_message_headers_get_one (request_at (fx, -1)->headers, "Authorization"),
                   ==, "Bearer 12345.access-1");
  stored = td_credentials_dup_string (fx->credentials, "refresh_token", NULL);
  g_assert_cmpstr (stored, ==, "12345.refresh-1");
}


/* A token Etsy revoked early: 401 → refresh once → the same request again. */
static void
test_revoked (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = NULL;
  g_autoptr(TdSyncOutcome) outcome = NULL;

  td_fake_etsy_revoke_access (fx->fake);
  item = publish_live (fx, 1);
  g_assert_cmpuint (td_fake_etsy_n_refreshes (fx->fake), ==, 1);
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 1);

  /* Revoked again and the refresh token too: reconnect. */
  td_fake_etsy_revoke_access (fx->fake);
  td_fake_etsy_set_invalid_grant (fx->fake, TRUE);
  outcome = run_op (fx, TD_SYNC_OP_WITHDRAW, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_REAUTH);
  g_assert_nonnull (strstr (outcome->message, "Connect the account again"));
  g_assert_cmpstr (td_fake_etsy_get_listing (fx->fake, 1000001)->state, ==, "active");
}


static void
test_invalid_grant (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1975, 1);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(TdOrderPage) page = NULL;

  td_fake_etsy_set_invalid_grant (fx->fake, TRUE);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_REAUTH);
  g_assert_nonnull (outcome->message);
  page = pull (fx, "1796380000");
  g_assert_cmpint (page->status, ==, TD_SYNC_REAUTH);
  /* Only the token endpoint was asked. */
  g_assert_cmpuint (td_fake_server_count (fx->server, "", "/v3/application/"), ==, 0);
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 0);
}


static void
test_no_secret (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1975, 1);
  g_autoptr(TdSyncOutcome) outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);

  /* Etsy refuses the bare keystring since 2026: don't even try. */
  g_assert_cmpint (outcome->status, ==, TD_SYNC_REAUTH);
  g_assert_nonnull (strstr (outcome->message, "shared secret"));
  g_assert_cmpuint (td_fake_server_get_requests (fx->server)->len, ==, 0);
}


static void
test_rate_limit (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(TdSyncItem) item = make_item (fx, 1975, 1);
  g_autoptr(TdSyncOutcome) outcome = NULL;
  g_autoptr(TdOrderPage) page = NULL;

  /* 10/s used up after the lookup and the draft. */
  td_fake_etsy_set_per_second_limit (fx->fake, 2);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_RETRY);
  g_assert_cmpuint (outcome->retry_after_s, ==, 1);
  g_assert_nonnull (strstr (outcome->message, "Exceeded per second rate limit"));
  g_assert_cmpstr (outcome->remote_id, ==, FIRST_ID);

  /* The day is used up. */
  td_fake_etsy_set_per_second_limit (fx->fake, 0);
  td_fake_server_add_fault (fx->server, SHOP "/receipts", TD_FAKE_FAULT_STATUS, 429, 86400,
                            "{\"error\":\"Exceeded daily rate limit\"}", 0, 1);
  page = pull (fx, "1796380000");
  g_assert_cmpint (page->status, ==, TD_SYNC_RETRY);
  g_assert_cmpuint (page->retry_after_s, ==, 86400);
  g_assert_nonnull (strstr (page->message, "today"));

  /* The next second: the publish resumes from remote_known's record. */
  td_fake_etsy_next_second (fx->fake);
  item->remote_id = g_strdup (fx->last_id);
  g_free (item->remote_ref);
  item->remote_ref = g_strdup (fx->last_ref);
  g_clear_pointer (&outcome, td_sync_outcome_free);
  outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);
  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpuint (td_fake_etsy_n_listings (fx->fake), ==, 1);
}


int
main (int argc, char **argv)
{
  static const Setup expired = {
    .secret = "{\"client_id\":\"" KEYSTRING "\",\"shared_secret\":\"" SECRET "\","
              "\"access_token\":\"12345.old\",\"expires_at\":1000,"
              "\"refresh_token\":\"12345.refresh-0\"}",
  };
  static const Setup no_secret = {
    .secret = "{\"client_id\":\"" KEYSTRING "\",\"access_token\":\"12345.initial\","
              "\"refresh_token\":\"12345.refresh-0\"}",
  };

  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/etsy/rules", test_rules);
  g_test_add_func ("/td/etsy/receipts-parse", test_receipts_parse);
  g_test_add_func ("/td/etsy/pkce", test_pkce);
#define ADD(path, func, setup) \
  g_test_add ("/td/etsy/" path, Fixture, setup, fixture_set_up, func, fixture_tear_down)
  ADD ("orders", test_orders, NULL);
  ADD ("order-pages", test_order_pages, NULL);
  ADD ("refresh", test_refresh, &expired);
  ADD ("revoked", test_revoked, NULL);
  ADD ("invalid-grant", test_invalid_grant, &expired);
  ADD ("no-secret", test_no_secret, &no_secret);
  ADD ("rate-limit", test_rate_limit, NULL);
#undef ADD
  return g_test_run ();
}
