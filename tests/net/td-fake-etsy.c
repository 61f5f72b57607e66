/* td-fake-etsy.c — see td-fake-etsy.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-etsy-private.h"

static void
listing_free (gpointer data)
{
  TdFakeEtsyListing *listing = data;

  g_free (listing->state);
  g_free (listing->title);
  g_free (listing->description);
  g_free (listing->when_made);
  g_free (listing->who_made);
  g_free (listing->tags);
  g_free (listing->sku);
  g_ptr_array_unref (listing->images);
  g_free (listing);
}

static void
receipt_free (gpointer data)
{
  TdFakeEtsyReceipt *receipt = data;

  g_free (receipt->status);
  g_free (receipt->sku);
  g_free (receipt);
}

void
td_fake_etsy_reply_error (SoupServerMessage *msg,
                          guint              status,
                          const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  td_fake_server_reply_json (msg, status, text);
}

void
td_fake_etsy_reply_node (SoupServerMessage *msg,
                         guint              status,
                         JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  td_fake_server_reply_json (msg, status, text);
}

GHashTable *
td_fake_etsy_decode_form (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *type = soup_message_headers_get_content_type (
                       soup_server_message_get_request_headers (msg), NULL);
  g_autofree char *text = NULL;

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    return NULL;
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_form_decode (text);
}

TdFakeEtsyListing *
td_fake_etsy_find_listing (TdFakeEtsy *self,
                           gint64      listing_id)
{
  for (guint i = 0; i < self->listings->len; i++)
    {
      TdFakeEtsyListing *listing = g_ptr_array_index (self->listings, i);

      if (listing->listing_id == listing_id)
        return listing;
    }
  return NULL;
}

void
td_fake_etsy_add_money (JsonBuilder *builder,
                        const char  *name,
                        gint64       amount)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_int_value (builder, amount);
  json_builder_set_member_name (builder, "divisor");
  json_builder_add_int_value (builder, 100);
  json_builder_set_member_name (builder, "currency_code");
  json_builder_add_string_value (builder, "USD");
  json_builder_end_object (builder);
}

TdFakeEtsyListing *
td_fake_etsy_listing_new (TdFakeEtsy *self,
                          const char *state,
                          const char *title)
{
  TdFakeEtsyListing *listing = g_new0 (TdFakeEtsyListing, 1);

  listing->listing_id = ++self->next_id;
  listing->state = g_strdup (state);
  listing->title = g_strdup (title);
  listing->description = g_strdup ("");
  listing->who_made = g_strdup ("someone_else");
  listing->when_made = g_strdup ("1970s");
  listing->quantity = 1;
  listing->amount = 100;
  listing->taxonomy_id = 1;
  listing->images = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->listings, listing);
  return listing;
}

guint
td_fake_etsy_query_uint (GHashTable *query,
                         const char *name,
                         guint       fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static int
compare_receipts (gconstpointer a,
                  gconstpointer b)
{
  const TdFakeEtsyReceipt *x = *(TdFakeEtsyReceipt **) a, *y = *(TdFakeEtsyReceipt **) b;

  if (x->updated != y->updated)
    return x->updated < y->updated ? -1 : 1;
  return x->receipt_id < y->receipt_id ? -1 : x->receipt_id > y->receipt_id;
}

/* getShopReceipts */
static void
list_receipts (TdFakeEtsy        *self,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  guint limit = td_fake_etsy_query_uint (query, "limit", 25);
  guint offset = td_fake_etsy_query_uint (query, "offset", 0);
  gint64 since = td_fake_etsy_query_uint (query, "min_last_modified", 0);
  const char *was_paid = query != NULL ? g_hash_table_lookup (query, "was_paid") : NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (self->receipts, NULL, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint count = 0, listed = 0;

  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_receipts);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len; i++)
    {
      TdFakeEtsyReceipt *receipt = g_ptr_array_index (sorted, i);

      if (receipt->updated < since
          || (g_strcmp0 (was_paid, "true") == 0 && !receipt->paid))
        continue;
      if (count++ < offset || listed >= limit)
        continue;
      listed++;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "receipt_id");
      json_builder_add_int_value (builder, receipt->receipt_id);
      json_builder_set_member_name (builder, "buyer_user_id");
      json_builder_add_int_value (builder, 777);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "Ada Buyer");
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, receipt->status);
      json_builder_set_member_name (builder, "is_paid");
      json_builder_add_boolean_value (builder, receipt->paid);
      json_builder_set_member_name (builder, "created_timestamp");
      json_builder_add_int_value (builder, receipt->updated - 60);
      json_builder_set_member_name (builder, "updated_timestamp");
      json_builder_add_int_value (builder, receipt->updated);
      td_fake_etsy_add_money (builder, "grandtotal", receipt->amount);
      json_builder_set_member_name (builder, "transactions");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "transaction_id");
      json_builder_add_int_value (builder, receipt->receipt_id * 10);
      json_builder_set_member_name (builder, "receipt_id");
      json_builder_add_int_value (builder, receipt->receipt_id);
      json_builder_set_member_name (builder, "listing_id");
      json_builder_add_int_value (builder, receipt->listing_id);
      json_builder_set_member_name (builder, "sku");
      json_builder_add_string_value (builder, receipt->sku);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, 1);
      td_fake_etsy_add_money (builder, "price", receipt->amount);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  td_fake_etsy_reply_node (msg, 200, root);
}

/* /v3/application/… */
static void
api_handler (TdFakeServer      *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  TdFakeEtsy *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *api_key = soup_message_headers_get_one (headers, "x-api-key");
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *bearer = g_strconcat ("Bearer ", self->access_token, NULL);
  g_auto(GStrv) parts = g_strsplit (path + strlen ("/v3/application/"), "/", -1);
  guint n = g_strv_length (parts);
  TdFakeEtsyListing *listing = NULL;

  if (g_strcmp0 (api_key, self->keystring) == 0)
    {
      td_fake_etsy_reply_error (msg, 403, "Shared secret is required in x-api-key header.");
      return;
    }
  if (g_strcmp0 (api_key, self->api_key) != 0)
    {
      td_fake_etsy_reply_error (msg, 403, "Invalid API key");
      return;
    }
  if (g_strcmp0 (authorization, bearer) != 0)
    {
      td_fake_etsy_reply_error (msg, 401, "invalid_token");
      return;
    }
  if (self->per_second > 0 && ++self->this_second > self->per_second)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "retry-after", "1");
      td_fake_etsy_reply_error (msg, 429, "Exceeded per second rate limit");
      return;
    }

  if (n >= 2 && g_str_equal (parts[0], "shops")
      && g_ascii_strtoll (parts[1], NULL, 10) != TD_FAKE_ETSY_SHOP_ID)
    {
      td_fake_etsy_reply_error (msg, 404, "Shop not found");
      return;
    }
  if (n >= 4 && g_str_equal (parts[0], "shops") && g_str_equal (parts[2], "listings"))
    listing = td_fake_etsy_find_listing (self, g_ascii_strtoll (parts[3], NULL, 10));
  else if (n >= 2 && g_str_equal (parts[0], "listings"))
    listing = td_fake_etsy_find_listing (self, g_ascii_strtoll (parts[1], NULL, 10));

  if (n == 3 && g_str_equal (parts[2], "listings") && g_str_equal (method, "GET"))
    td_fake_etsy_list_listings (self, msg, query);
  else if (n == 3 && g_str_equal (parts[2], "listings") && g_str_equal (method, "POST"))
    td_fake_etsy_create_listing (self, msg);
  else if (n == 3 && g_str_equal (parts[2], "receipts") && g_str_equal (method, "GET"))
    list_receipts (self, msg, query);
  else if ((n == 4 || n == 5 || n == 2 || n == 3) && listing == NULL)
    td_fake_etsy_reply_error (msg, 404, "Listing not found");
  else if (n == 4 && g_str_equal (method, "PATCH"))
    td_fake_etsy_update_listing (self, msg, listing);
  else if (n == 5 && g_str_equal (parts[4], "images") && g_str_equal (method, "POST"))
    td_fake_etsy_upload_image (self, msg, listing);
  else if (n == 2 && g_str_equal (method, "GET"))
    td_fake_etsy_reply_listing (msg, 200, listing);
  else if (n == 3 && g_str_equal (parts[2], "inventory") && g_str_equal (method, "GET"))
    td_fake_etsy_reply_inventory (msg, listing);
  else if (n == 3 && g_str_equal (parts[2], "inventory") && g_str_equal (method, "PUT"))
    td_fake_etsy_update_inventory (self, msg, listing);
  else
    td_fake_etsy_reply_error (msg, 404, "No such endpoint in the fake");
}

/* The OAuth token endpoint: refresh_token grant only. */
static void
token_handler (TdFakeServer      *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TdFakeEtsy *self = user_data;
  g_autoptr(GHashTable) form = td_fake_etsy_decode_form (msg);
  g_autofree char *answer = NULL;

  if (form == NULL || g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "refresh_token") != 0
      || g_strcmp0 (g_hash_table_lookup (form, "client_id"), self->keystring) != 0)
    {
      td_fake_server_reply_json (msg, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
  if (self->invalid_grant
      || g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), self->refresh_token) != 0)
    {
      td_fake_server_reply_json (msg, 400, "{\"error\":\"invalid_grant\","
                                           "\"error_description\":\"Invalid refresh token\"}");
      return;
    }
  self->refreshes++;
  g_free (self->access_token);
  g_free (self->refresh_token);
  self->access_token = g_strdup_printf ("12345.access-%u", self->refreshes);
  self->refresh_token = g_strdup_printf ("12345.refresh-%u", self->refreshes);
  answer = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"Bearer\","
                            "\"expires_in\":3600,\"refresh_token\":\"%s\"}",
                            self->access_token, self->refresh_token);
  td_fake_server_reply_json (msg, 200, answer);
}

TdFakeEtsy *
td_fake_etsy_new (TdFakeServer *server,
                  const char   *keystring,
                  const char   *shared_secret,
                  const char   *access_token,
                  const char   *refresh_token)
{
  TdFakeEtsy *self = g_new0 (TdFakeEtsy, 1);

  self->server = server;
  self->keystring = g_strdup (keystring);
  self->api_key = g_strdup_printf ("%s:%s", keystring, shared_secret);
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->next_id = 1000000;
  self->listings = g_ptr_array_new_with_free_func (listing_free);
  self->receipts = g_ptr_array_new_with_free_func (receipt_free);
  td_fake_server_add_handler (server, "/v3/application/", api_handler, self);
  td_fake_server_add_handler (server, TD_FAKE_ETSY_TOKEN_PATH, token_handler, self);
  return self;
}

void
td_fake_etsy_free (TdFakeEtsy *self)
{
  if (self == NULL)
    return;
  g_free (self->api_key);
  g_free (self->keystring);
  g_free (self->access_token);
  g_free (self->refresh_token);
  g_ptr_array_unref (self->listings);
  g_ptr_array_unref (self->receipts);
  g_free (self);
}

const char *
td_fake_etsy_get_access_token (TdFakeEtsy *self)
{
  return self->access_token;
}

void
td_fake_etsy_revoke_access (TdFakeEtsy *self)
{
  g_free (self->access_token);
  self->access_token = g_strdup ("12345.revoked-and-unguessable");
}

guint
td_fake_etsy_n_refreshes (TdFakeEtsy *self)
{
  return self->refreshes;
}

void
td_fake_etsy_set_invalid_grant (TdFakeEtsy *self,
                                gboolean    invalid)
{
  self->invalid_grant = invalid;
}

void
td_fake_etsy_set_per_second_limit (TdFakeEtsy *self,
                                   guint       per_second)
{
  self->per_second = per_second;
  self->this_second = 0;
}

void
td_fake_etsy_next_second (TdFakeEtsy *self)
{
  self->this_second = 0;
}

void
td_fake_etsy_lose_next_create (TdFakeEtsy *self)
{
  self->lose_next_create = TRUE;
}

const TdFakeEtsyListing *
td_fake_etsy_add_listing (TdFakeEtsy *self,
                          const char *state,
                          const char *title,
                          const char *sku)
{
  TdFakeEtsyListing *listing = td_fake_etsy_listing_new (self, state, title);

  listing->sku = g_strdup (sku);
  return listing;
}

const TdFakeEtsyListing *
td_fake_etsy_get_listing (TdFakeEtsy *self,
                          gint64      listing_id)
{
  return td_fake_etsy_find_listing (self, listing_id);
}

guint
td_fake_etsy_n_listings (TdFakeEtsy *self)
{
  return self->listings->len;
}

void
td_fake_etsy_add_receipt (TdFakeEtsy *self,
                          gint64      receipt_id,
                          gint64      updated_s,
                          gboolean    paid,
                          const char *status,
                          const char *sku,
                          gint64      listing_id,
                          gint64      amount)
{
  TdFakeEtsyReceipt *receipt = g_new0 (TdFakeEtsyReceipt, 1);

  receipt->receipt_id = receipt_id;
  receipt->updated = updated_s;
  receipt->paid = paid;
  receipt->status = g_strdup (status);
  receipt->sku = g_strdup (sku);
  receipt->listing_id = listing_id;
  receipt->amount = amount;
  g_ptr_array_add (self->receipts, receipt);
}
