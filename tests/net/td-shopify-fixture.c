/* td-shopify-fixture.c — see td-shopify-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-shopify-fixture.h"
#include "td-test.h"

void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  const char *token = data != NULL ? data : TOKEN;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_strdup_printf ("{\"access_token\":\"%s\"}", token);
  g_autofree char *name = NULL;
  TdMarketplaceAccount account = {
    .id = 3,
    .kind = (char *) TD_MARKETPLACE_SHOPIFY,
    .name = (char *) "Shopify (test)",
    .sandbox = FALSE,
    .settings = (char *) "{\"location_id\":\"" TD_FAKE_SHOPIFY_LOCATION "\"}",
    .active = TRUE,
  };
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };

  fx->dir = td_test_make_tmpdir ();
  fx->server = td_fake_server_new ();
  fx->fake = td_fake_shopify_new (fx->server, TOKEN);
  fx->session = soup_session_new_with_options ("timeout", 10, NULL);
  fx->secrets = td_secrets_new ("test-shop", fx->dir);
  account.base_url = (char *) td_fake_shopify_get_endpoint (fx->fake);
  name = td_store_marketplaces_secret_name (&account);
  td_secrets_store (fx->secrets, name, "Thriftdesk: Shopify (test)", secret, &error);
  g_assert_no_error (error);
  fx->credentials = td_credentials_new (fx->secrets, fx->session, &account, NULL);
  fx->marketplace = td_marketplace_new_for_account (fx->session, &account, fx->credentials,
                                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->marketplace);

  fx->photo = g_build_filename (fx->dir, "front.png", NULL);
  g_file_set_contents (fx->photo, (const char *) png, sizeof png, &error);
  g_assert_no_error (error);
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
  g_clear_pointer (&fx->fake, td_fake_shopify_free);
  g_clear_pointer (&fx->server, td_fake_server_free);
  td_test_rmdir_recursive (fx->dir);
  g_free (fx->dir);
  g_free (fx->photo);
  g_ptr_array_unref (fx->known);
}

TdSyncItem *
make_item (Fixture    *fx,
           const char *sku,
           gint64      price,
           gboolean    with_photo)
{
  TdSyncItem *item = g_new0 (TdSyncItem, 1);
  const char *photos[] = { fx->photo, NULL };

  item->item_id = 42;
  item->sku = g_strdup (sku);
  item->title = g_strdup ("Wool coat <navy>");
  item->description = g_strdup ("Warm wool coat.\nTwo pockets.");
  item->price = price;
  item->currency = g_strdup ("USD");
  item->quantity = 1;
  item->condition = g_strdup ("");
  item->condition_note = g_strdup ("Good. Small stain on cuff.");
  item->grade_label = g_strdup ("Good");
  item->brand = g_strdup ("Loden");
  item->size = g_strdup ("M");
  item->colour = g_strdup ("navy");
  item->material = g_strdup ("wool");
  item->category_path = g_strdup ("Clothing › Coats");
  item->photo_paths = with_photo ? g_strdupv ((char **) photos) : g_new0 (char *, 1);
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

  g_ptr_array_add (fx->known, g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", item_id,
                                               remote_id, remote_ref));
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

/* Runs @op for @item; returns its one outcome. */
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
  g_assert_true (td_fake_server_run_until (have_result, &result, 20000));
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
  g_assert_true (td_fake_server_run_until (have_result, &result, 20000));
  page = td_marketplace_pull_orders_finish (fx->marketplace, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

/* The string member @name of the JSON object text @json. */
char *
json_member (const char *json,
             const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return g_strdup (json_object_get_string_member_with_default (
                     json_node_get_object (json_parser_get_root (parser)), name, ""));
}
