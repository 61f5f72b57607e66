/* td-etsy-fixture.c — see td-etsy-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-etsy-fixture.h"
#include "td-http.h"
#include "td-marketplace.h"
#include "td-test-contract.h"

static char *
settings_json (const char *token_url,
               gboolean    tags)
{
  return g_strdup_printf ("{%s\"shop_id\":4242,\"shipping_profile_id\":11,\"return_policy_id\":12,"
                          "\"readiness_state_id\":13,\"taxonomy\":{\"Clothing › Jackets\":1429},"
                          "\"default_taxonomy_id\":1,\"urls\":{\"token\":\"%s\"}}",
                          tags ? "" : "\"tags\":false,", token_url);
}

/* (Re)builds the class for @base_url; the token endpoint stays on the fake. */
void
fixture_connect (Fixture    *fx,
                 const char *base_url,
                 gboolean    tags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token_url = g_strconcat (td_fake_server_get_url (fx->server),
                                            TD_FAKE_ETSY_TOKEN_PATH, NULL);
  g_autofree char *settings = settings_json (token_url, tags);
  TdMarketplaceAccount account = {
    .id = 5,
    .kind = (char *) TD_MARKETPLACE_ETSY,
    .name = (char *) "Etsy (test)",
    .base_url = (char *) base_url,
    .settings = settings,
    .active = TRUE,
  };

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
  const Setup *setup = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  TdMarketplaceAccount account = { .id = 5, .kind = (char *) TD_MARKETPLACE_ETSY };
  g_autofree char *name = td_store_marketplaces_secret_name (&account);
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1,
                                 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9 };

  fx->dir = td_test_make_tmpdir ();
  fx->server = td_fake_server_new ();
  fx->fake = td_fake_etsy_new (fx->server, KEYSTRING, SECRET, "12345.initial",
                               "12345.refresh-0");
  fx->session = soup_session_new_with_options ("timeout", 10, NULL);
  fx->secrets = td_secrets_new ("test-shop", fx->dir);

  secret = setup != NULL && setup->secret != NULL
           ? g_strdup (setup->secret)
           : g_strdup_printf ("{\"client_id\":\"" KEYSTRING "\",\"shared_secret\":\"" SECRET
                              "\",\"access_token\":\"12345.initial\",\"expires_at\":%"
                              G_GINT64_FORMAT ",\"refresh_token\":\"12345.refresh-0\"}",
                              g_get_real_time () / G_USEC_PER_SEC + 3600);
  td_secrets_store (fx->secrets, name, "Thriftdesk: Etsy (test)", secret, &error);
  g_assert_no_error (error);
  fixture_connect (fx, td_fake_server_get_url (fx->server), TRUE);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *base = g_strdup_printf ("photo-%u.jpg", i + 1);

      fx->photos[i] = g_build_filename (fx->dir, base, NULL);
      g_file_set_contents (fx->photos[i], (const char *) jpeg, sizeof jpeg, &error);
      g_assert_no_error (error);
    }
  fx->known = g_ptr_array_new_with_free_func (g_free);
}

void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->marketplace);
  g_clear_object (&fx->credentials);
  g_clear_object (&fx->secrets);
  g_clear_object (&fx->session);
  g_clear_pointer (&fx->fake, td_fake_etsy_free);
  g_clear_pointer (&fx->server, td_fake_server_free);
  td_test_rmdir_recursive (fx->dir);
  g_free (fx->dir);
  for (guint i = 0; i < G_N_ELEMENTS (fx->photos); i++)
    g_free (fx->photos[i]);
  g_ptr_array_unref (fx->known);
  g_free (fx->last_id);
  g_free (fx->last_ref);
}

TdSyncItem *
make_item (Fixture *fx,
           int      year,
           guint    n_photos)
{
  TdSyncItem *item = g_new0 (TdSyncItem, 1);

  item->item_id = 7;
  item->sku = g_strdup ("TD-000123");
  item->title = g_strdup ("Denim jacket: 1970s & faded: lovely");
  item->description = g_strdup ("Classic trucker jacket.");
  item->price = 2499;
  item->currency = g_strdup ("USD");
  item->quantity = 1;
  item->condition = g_strdup ("");
  item->condition_note = g_strdup ("Good. Frayed cuffs.");
  item->grade_label = g_strdup ("Good");
  item->brand = g_strdup ("Levi's");
  item->size = g_strdup ("M");
  item->colour = g_strdup ("blue");
  item->material = g_strdup ("denim (100% cotton)");
  item->category_path = g_strdup ("Clothing › Jackets › Trucker");
  item->vintage_year = year;
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

  g_assert_cmpint (item_id, ==, 7);
  g_ptr_array_add (fx->known, g_strdup_printf ("%s|%s|%u", remote_id, remote_ref,
                                               td_fake_server_get_requests (fx->server)->len));
  g_free (fx->last_id);
  g_free (fx->last_ref);
  fx->last_id = g_strdup (remote_id);
  fx->last_ref = g_strdup (remote_ref);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

TdSyncOutcome *
run_op (Fixture    *fx,
        TdSyncOp    op,
        TdSyncItem *item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (items, item);
  td_marketplace_run_async (fx->marketplace, op, items, on_known, fx, NULL, on_done, &result);
  g_assert_true (td_fake_server_run_until (have_result, &result, 30000));
  outcomes = td_marketplace_run_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 1);
  return g_ptr_array_steal_index (outcomes, 0);
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
  g_assert_nonnull (page);
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

/* Publishes a fresh vintage item with @n_photos and checks it went live. */
TdSyncItem *
publish_live (Fixture *fx,
              guint    n_photos)
{
  TdSyncItem *item = make_item (fx, 1975, n_photos);
  g_autoptr(TdSyncOutcome) outcome = run_op (fx, TD_SYNC_OP_PUBLISH, item);

  g_assert_cmpint (outcome->status, ==, TD_SYNC_DONE);
  g_assert_cmpstr (outcome->listing_state, ==, TD_LISTING_LIVE);
  item->remote_id = g_strdup (outcome->remote_id);
  g_free (item->remote_ref);
  item->remote_ref = g_strdup (outcome->remote_ref);
  return item;
}
