/* td-ebay-fixture.c — see td-ebay-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-ebay-fixture.h"
#include "td-ebay.h"
#include "td-test-jpeg.h"

void
fixture_connect (Fixture    *fx,
                 const char *inventory,
                 const char *fulfillment,
                 const char *media)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = g_strdup_printf (
    "{\"urls\":{\"fulfillment\":\"%s\",\"media\":\"%s\",\"identity\":\"%s/identity/v1\","
    "\"account\":\"%s\",\"taxonomy\":\"%s\",\"metadata\":\"%s\"},"
    "\"fulfillment_policy_id\":\"F1\",\"payment_policy_id\":\"P1\",\"return_policy_id\":\"R1\","
    "\"merchant_location_key\":\"main-st\",\"category_map\":{\"Clothing › Jackets\":\"57988\"},"
    "\"category_aspects\":{\"57988\":{\"Department\":\"Men\",\"Brand\":\"Unbranded\"}},"
    "\"default_category_id\":11450}", fulfillment, media, td_fake_server_get_url (fx->server),
    td_fake_server_get_url (fx->server), td_fake_server_get_url (fx->server),
    td_fake_server_get_url (fx->server));
  TdMarketplaceAccount account = {
    .id = 3,
    .kind = (char *) TD_MARKETPLACE_EBAY,
    .name = (char *) "eBay (test)",
    .base_url = (char *) inventory,
    .settings = settings,
    .active = TRUE,
  };
  g_autofree char *token_url = td_ebay_token_url_for (&account);
  g_autofree char *expected = g_strconcat (td_fake_server_get_url (fx->server),
                                           TD_FAKE_EBAY_TOKEN_PATH, NULL);

  g_assert_cmpstr (token_url, ==, expected);
  g_clear_object (&fx->marketplace);
  if (fx->credentials == NULL)
    fx->credentials = td_credentials_new (fx->secrets, fx->session, &account, token_url);
  fx->marketplace = td_marketplace_new_for_account (fx->session, &account, fx->credentials,
                                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->marketplace);
}

void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  TdMarketplaceAccount account = { .id = 3, .kind = (char *) TD_MARKETPLACE_EBAY };
  g_autofree char *name = td_store_marketplaces_secret_name (&account);
  const char *url;

  fx->dir = td_test_make_tmpdir ();
  fx->server = td_fake_server_new ();
  fx->fake = td_fake_ebay_new (fx->server, CLIENT_ID, CLIENT_SECRET, "v^1.1#initial",
                               "v^1.1#refresh");
  fx->session = soup_session_new_with_options ("timeout", 10, NULL);
  fx->secrets = td_secrets_new ("test-shop", fx->dir);
  secret = g_strdup_printf ("{\"client_id\":\"" CLIENT_ID "\",\"client_secret\":\""
                            CLIENT_SECRET "\",\"ru_name\":\"Thrift-RuName\","
                            "\"access_token\":\"v^1.1#initial\",\"expires_at\":%" G_GINT64_FORMAT
                            ",\"refresh_token\":\"v^1.1#refresh\"}",
                            g_get_real_time () / G_USEC_PER_SEC + 3600);
  td_secrets_store (fx->secrets, name, "Thriftdesk: eBay (test)", secret, &error);
  g_assert_no_error (error);
  url = td_fake_server_get_url (fx->server);
  fixture_connect (fx, url, url, url);

  for (guint i = 0; i < G_N_ELEMENTS (fx->photos); i++)
    {
      g_autofree char *base = g_strdup_printf ("photo-%u.jpg", i + 1);

      fx->photos[i] = g_build_filename (fx->dir, base, NULL);
      g_file_set_contents (fx->photos[i], (const char *) td_test_jpeg, sizeof td_test_jpeg,
                           &error);
      g_assert_no_error (error);
    }
  fx->known = g_ptr_array_new_with_free_func (g_free);
  fx->last_ref = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->marketplace);
  g_clear_object (&fx->credentials);
  g_clear_object (&fx->secrets);
  g_clear_object (&fx->session);
  g_clear_pointer (&fx->fake, td_fake_ebay_free);
  g_clear_pointer (&fx->server, td_fake_server_free);
  td_test_rmdir_recursive (fx->dir);
  g_free (fx->dir);
  for (guint i = 0; i < G_N_ELEMENTS (fx->photos); i++)
    g_free (fx->photos[i]);
  g_ptr_array_unref (fx->known);
  g_hash_table_unref (fx->last_ref);
}

/* Item @n (1…), SKU TD-00000n, USD 24.99 + n, with @n_photos. */
TdSyncItem *
make_item (Fixture *fx,
           guint    n,
           guint    n_photos)
{
  TdSyncItem *item = g_new0 (TdSyncItem, 1);

  item->item_id = n;
  item->sku = g_strdup_printf ("TD-%06u", n);
  item->title = g_strdup_printf ("Denim jacket no. %u", n);
  item->description = g_strdup ("Classic trucker jacket.");
  item->price = 2499 + n;
  item->currency = g_strdup ("USD");
  item->quantity = 1;
  item->condition = g_strdup ("USED_GOOD");
  item->condition_note = g_strdup ("Good. Frayed cuffs.");
  item->grade_label = g_strdup ("Good");
  item->brand = g_strdup ("Levi's");
  item->size = g_strdup ("M");
  item->colour = g_strdup ("");
  item->material = g_strdup ("denim");
  item->category_path = g_strdup ("Clothing › Jackets › Trucker");
  item->photo_paths = g_new0 (char *, n_photos + 1);
  for (guint i = 0; i < n_photos; i++)
    item->photo_paths[i] = g_strdup (fx->photos[i]);
  item->remote_ref = g_strdup ("{}");
  return item;
}

static void
on_known (gint64      item_id,
          const char *remote_id,
          const char *remote_ref,
          gpointer    user_data)
{
  Fixture *fx = user_data;

  g_ptr_array_add (fx->known, g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%u", item_id,
                                               remote_id != NULL ? remote_id : "",
                                               remote_ref,
                                               td_fake_server_get_requests (fx->server)->len));
  g_hash_table_replace (fx->last_ref, g_memdup2 (&item_id, sizeof item_id),
                        g_strdup (remote_ref));
}

void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Runs @op for the NULL-terminated items; the outcomes, one per item. */
GPtrArray *
run_batch (Fixture    *fx,
           TdSyncOp    op,
           TdSyncItem *first,
           ...)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *outcomes;
  va_list args;

  va_start (args, first);
  for (TdSyncItem *item = first; item != NULL; item = va_arg (args, TdSyncItem *))
    g_ptr_array_add (items, item);
  va_end (args);

  td_marketplace_run_async (fx->marketplace, op, items, on_known, fx, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  outcomes = td_marketplace_run_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, items->len);
  for (guint i = 0; i < outcomes->len; i++)
    {
      TdSyncOutcome *outcome = g_ptr_array_index (outcomes, i);
      TdSyncItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (outcome->item_id, ==, item->item_id);
      /* What the engine would store for the next run. */
      if (outcome->remote_id != NULL)
        {
          g_free (item->remote_id);
          item->remote_id = g_strdup (outcome->remote_id);
        }
      if (outcome->remote_ref != NULL)
        {
          g_free (item->remote_ref);
          item->remote_ref = g_strdup (outcome->remote_ref);
        }
    }
  return outcomes;
}

TdSyncOutcome *
outcome_at (GPtrArray *outcomes,
            guint      index)
{
  return g_ptr_array_index (outcomes, index);
}

TdOrderPage *
pull (Fixture    *fx,
      const char *cursor)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TdOrderPage *page;

  td_marketplace_pull_orders_async (fx->marketplace, cursor, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  page = td_marketplace_pull_orders_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  return page;
}

TdFakeRequest *
request_at (Fixture *fx,
            int      index)
{
  return td_fake_server_request_at (fx->server, index);
}

char *
request_body (TdFakeRequest *request)
{
  return td_fake_request_dup_body (request);
}

/* The index of the first logged request to @path, -1 when none. */
int
first_request (Fixture    *fx,
               const char *path)
{
  GPtrArray *requests = td_fake_server_get_requests (fx->server);

  for (guint i = 0; i < requests->len; i++)
    if (g_str_has_prefix (((TdFakeRequest *) g_ptr_array_index (requests, i))->path, path))
      return (int) i;
  return -1;
}
