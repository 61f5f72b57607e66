/* td-fake-ebay.c — see td-fake-ebay.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-ebay-private.h"

static void
item_free (gpointer data)
{
  TdFakeEbayItem *item = data;

  g_free (item->sku);
  g_free (item->title);
  g_free (item->description);
  g_free (item->condition);
  g_free (item->condition_description);
  g_free (item->aspects);
  g_ptr_array_unref (item->image_urls);
  g_free (item->content_language);
  g_free (item);
}

static void
offer_free (gpointer data)
{
  TdFakeEbayOffer *offer = data;

  g_free (offer->offer_id);
  g_free (offer->sku);
  g_free (offer->marketplace_id);
  g_free (offer->category_id);
  g_free (offer->merchant_location_key);
  g_free (offer->fulfillment_policy_id);
  g_free (offer->payment_policy_id);
  g_free (offer->return_policy_id);
  g_free (offer->price_text);
  g_free (offer->status);
  g_free (offer->listing_id);
  g_free (offer);
}

void
td_fake_ebay_failure_free (gpointer data)
{
  TdFakeEbayFailure *failure = data;

  g_free (failure->path);
  g_free (failure->sku);
  g_free (failure->message);
  g_free (failure);
}

static void
order_free (gpointer data)
{
  TdFakeEbayOrder *order = data;

  g_free (order->order_id);
  g_free (order->modified);
  g_free (order->cancel_state);
  g_free (order->sku);
  g_free (order->legacy_item_id);
  g_free (order);
}

/* Helpers */

void
td_fake_ebay_reply_object (SoupServerMessage *msg,
                           guint              status,
                           JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  td_fake_server_reply_json (msg, status, text);
}

JsonArray *
td_fake_ebay_errors_new (guint       error_id,
                         const char *message)
{
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();

  json_object_set_int_member (error, "errorId", error_id);
  json_object_set_string_member (error, "domain", "API_INVENTORY");
  json_object_set_string_member (error, "category", "REQUEST");
  json_object_set_string_member (error, "message", message);
  json_array_add_object_element (errors, error);
  return errors;
}

void
td_fake_ebay_reply_error (SoupServerMessage *msg,
                          guint              status,
                          guint              error_id,
                          const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_array_member (object, "errors", td_fake_ebay_errors_new (error_id, message));
  td_fake_ebay_reply_object (msg, status, object);
}

/* Fulfillment */

static void
order_to_json (TdFakeEbayOrder *order,
               JsonArray       *array)
{
  JsonObject *object = json_object_new ();
  JsonObject *cancel = json_object_new ();
  JsonObject *pricing = json_object_new ();
  JsonObject *total = json_object_new ();
  JsonObject *buyer = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonObject *line = json_object_new ();
  JsonObject *cost = json_object_new ();
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", order->amount / 100,
                                            (int) (order->amount % 100));

  json_object_set_string_member (object, "orderId", order->order_id);
  json_object_set_string_member (object, "creationDate", order->modified);
  json_object_set_string_member (object, "lastModifiedDate", order->modified);
  json_object_set_string_member (object, "orderPaymentStatus",
                                 order->paid ? "PAID" : "PENDING");
  json_object_set_string_member (object, "orderFulfillmentStatus", "NOT_STARTED");
  json_object_set_string_member (cancel, "cancelState", order->cancel_state);
  json_object_set_object_member (object, "cancelStatus", cancel);
  json_object_set_string_member (total, "value", value);
  json_object_set_string_member (total, "currency", "USD");
  json_object_set_object_member (pricing, "total", total);
  json_object_set_object_member (object, "pricingSummary", pricing);
  json_object_set_string_member (buyer, "username", "ada_buyer");
  json_object_set_object_member (object, "buyer", buyer);
  json_object_set_string_member (line, "lineItemId", "1");
  json_object_set_string_member (line, "sku", order->sku);
  json_object_set_string_member (line, "legacyItemId", order->legacy_item_id);
  json_object_set_int_member (line, "quantity", 1);
  json_object_set_string_member (cost, "value", value);
  json_object_set_string_member (cost, "currency", "USD");
  json_object_set_object_member (line, "lineItemCost", cost);
  json_array_add_object_element (lines, line);
  json_object_set_array_member (object, "lineItems", lines);
  json_array_add_object_element (array, object);
}

static void
orders_handler (TdFakeServer      *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TdFakeEbay *self = user_data;
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");
  g_autofree char *bearer = g_strconcat ("Bearer ", self->access_token, NULL);
  const char *filter = query != NULL ? g_hash_table_lookup (query, "filter") : NULL;
  guint limit = query != NULL && g_hash_table_lookup (query, "limit") != NULL
                ? (guint) g_ascii_strtoull (g_hash_table_lookup (query, "limit"), NULL, 10) : 50;
  guint offset = query != NULL && g_hash_table_lookup (query, "offset") != NULL
                 ? (guint) g_ascii_strtoull (g_hash_table_lookup (query, "offset"), NULL, 10) : 0;
  g_autofree char *since = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonArray *orders = json_array_new ();
  guint total = 0;

  if (g_strcmp0 (authorization, bearer) != 0)
    {
      json_array_unref (orders);
      td_fake_ebay_reply_error (msg, 401, 1001, "Invalid access token.");
      return;
    }
  if (limit == 0 || limit > 200)
    {
      json_array_unref (orders);
      td_fake_ebay_reply_error (msg, 400, 30700, "The limit must be between 1 and 200.");
      return;
    }
  if (filter != NULL)
    {
      if (!g_str_has_prefix (filter, "lastmodifieddate:[") || !g_str_has_suffix (filter, "..]"))
        {
          json_array_unref (orders);
          td_fake_ebay_reply_error (msg, 400, 30800, "Invalid filter.");
          return;
        }
      since = g_strndup (filter + strlen ("lastmodifieddate:["),
                         strlen (filter) - strlen ("lastmodifieddate:[") - strlen ("..]"));
    }
  for (guint i = 0; i < self->orders->len; i++)
    {
      TdFakeEbayOrder *order = g_ptr_array_index (self->orders, i);

      /* ISO 8601 UTC with milliseconds compares as text. */
      if (since != NULL && strcmp (order->modified, since) < 0)
        continue;
      if (total++ >= offset && total <= offset + limit)
        order_to_json (order, orders);
    }
  json_object_set_array_member (answer, "orders", orders);
  json_object_set_int_member (answer, "total", total);
  json_object_set_int_member (answer, "limit", limit);
  json_object_set_int_member (answer, "offset", offset);
  if (offset + limit < total)
    json_object_set_string_member (answer, "next", "https://api.ebay.com/sell/fulfillment/v1/"
                                   "order?next");
  td_fake_ebay_reply_object (msg, 200, answer);
}

/* Account policies and programs, Taxonomy and Metadata, for the setup helpers */

#define ASPECT(name, required) \
  "{\"localizedAspectName\":\"" name "\",\"aspectConstraint\":{\"aspectRequired\":" \
  required ",\"aspectMode\":\"FREE_TEXT\",\"aspectUsage\":\"RECOMMENDED\"}}"

static void
setup_handler (TdFakeServer      *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TdFakeEbay *self = user_data;
  g_autofree char *bearer = g_strconcat ("Bearer ", self->access_token, NULL);
  const char *market = query != NULL ? g_hash_table_lookup (query, "marketplace_id") : NULL;

  if (g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                               "Authorization"), bearer) != 0)
    td_fake_ebay_reply_error (msg, 401, 1001, "Invalid access token.");
  else if (g_str_equal (path, "/program/get_opted_in_programs"))
    td_fake_server_reply_json (msg, 200, self->opted_out ? "{\"programs\":[]}"
                               : "{\"programs\":[{\"programType\":"
                                 "\"SELLING_POLICY_MANAGEMENT\"}]}");
  else if (g_str_equal (path, "/program/opt_in"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (
        soup_server_message_get_request_body (msg));
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

      if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0
          || strstr (text, "\"SELLING_POLICY_MANAGEMENT\"") == NULL)
        td_fake_ebay_reply_error (msg, 400, 20401, "Invalid programType.");
      else
        {
          self->opted_out = FALSE;
          td_fake_server_reply_json (msg, 200, "{}");
        }
    }
  else if (g_str_has_suffix (path, "_policy") && self->opted_out)
    td_fake_ebay_reply_error (msg, 400, 20403, "The seller is not opted in to business "
                              "policies.");
  else if (g_str_has_suffix (path, "_policy") && g_strcmp0 (market, "EBAY_US") != 0)
    td_fake_ebay_reply_error (msg, 400, 20403, "Invalid marketplace_id.");
  else if (g_str_equal (path, "/fulfillment_policy"))
    td_fake_server_reply_json (msg, 200, "{\"total\":2,\"fulfillmentPolicies\":["
                               "{\"fulfillmentPolicyId\":\"F1\",\"name\":\"Standard post\"},"
                               "{\"fulfillmentPolicyId\":\"F2\",\"name\":\"Collection\"}]}");
  else if (g_str_equal (path, "/payment_policy"))
    td_fake_server_reply_json (msg, 200, "{\"total\":1,\"paymentPolicies\":["
                               "{\"paymentPolicyId\":\"P1\",\"name\":\"Managed payments\"}]}");
  else if (g_str_equal (path, "/return_policy"))
    td_fake_server_reply_json (msg, 200, "{\"total\":1,\"returnPolicies\":["
                               "{\"returnPolicyId\":\"R1\",\"name\":\"30 days\"}]}");
  else if (g_str_equal (path, "/get_default_category_tree_id"))
    td_fake_server_reply_json (msg, 200, "{\"categoryTreeId\":\"0\","
                               "\"categoryTreeVersion\":\"119\"}");
  else if (g_str_equal (path, "/category_tree/0/get_category_suggestions")
           && g_strcmp0 (query != NULL ? g_hash_table_lookup (query, "q") : NULL,
                         "denim jacket") == 0)
    td_fake_server_reply_json (msg, 200, "{\"categorySuggestions\":[{\"category\":"
                               "{\"categoryId\":\"57988\",\"categoryName\":\"Coats, Jackets "
                               "& Vests\"},\"categoryTreeNodeAncestors\":[{\"categoryName\":"
                               "\"Men's Clothing\",\"categoryTreeNodeLevel\":2},"
                               "{\"categoryName\":\"Clothing, Shoes & Accessories\","
                               "\"categoryTreeNodeLevel\":1}]}]}");
  else if (g_str_equal (path, "/category_tree/0/get_category_suggestions"))
    td_fake_server_reply_json (msg, 200, "{\"categorySuggestions\":[]}");
  else if (g_str_equal (path, "/category_tree/0/get_item_aspects_for_category"))
    {
      const char *category = query != NULL ? g_hash_table_lookup (query, "category_id") : NULL;

      if (g_strcmp0 (category, "57988") == 0)
        td_fake_server_reply_json (msg, 200, "{\"categoryId\":\"57988\",\"aspects\":["
                                   ASPECT ("Brand", "true") "," ASPECT ("Department", "true") ","
                                   ASPECT ("Size", "true") "," ASPECT ("Color", "false") ","
                                   ASPECT ("Style", "false") "]}");
      else
        td_fake_ebay_reply_error (msg, 400, 62004, "The specified category ID was not found.");
    }
  else if (g_str_equal (path, "/marketplace/EBAY_US/get_item_condition_policies"))
    {
      if (g_strcmp0 (query != NULL ? g_hash_table_lookup (query, "filter") : NULL,
                     "categoryIds:{57988}") == 0)
        td_fake_server_reply_json (msg, 200, "{\"itemConditionPolicies\":[{\"categoryId\":"
                                   "\"57988\",\"categoryTreeId\":\"0\","
                                   "\"itemConditionRequired\":true,\"itemConditions\":["
                                   "{\"conditionId\":\"1000\",\"conditionDescription\":"
                                   "\"New with tags\"},{\"conditionId\":\"1500\","
                                   "\"conditionDescription\":\"New without tags\"},"
                                   "{\"conditionId\":\"3000\",\"conditionDescription\":"
                                   "\"Pre-owned\"}]}]}");
      else
        td_fake_server_reply_json (msg, 200, "{\"itemConditionPolicies\":[]}");
    }
  else
    td_fake_ebay_reply_error (msg, 404, 2002, "Resource not found in the fake.");
}

/* Identity: refresh_token grant with Basic client credentials */

static void
token_handler (TdFakeServer      *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TdFakeEbay *self = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  g_autofree char *pair = g_strdup_printf ("%s:%s", self->client_id, self->client_secret);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *basic = g_strconcat ("Basic ", encoded, NULL);
  g_autofree char *answer = NULL;

  if (g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                               "Authorization"), basic) != 0)
    {
      td_fake_server_reply_json (msg, 401, "{\"error\":\"invalid_client\","
                                 "\"error_description\":\"client authentication failed\"}");
      return;
    }
  if (self->invalid_grant
      || g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "refresh_token") != 0
      || g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), self->refresh_token) != 0)
    {
      td_fake_server_reply_json (msg, 400, "{\"error\":\"invalid_grant\",\"error_description\":"
                                 "\"the provided authorization refresh token is invalid or was "
                                 "issued to another client\"}");
      return;
    }
  self->refreshes++;
  g_free (self->access_token);
  self->access_token = g_strdup_printf ("v^1.1#access-%u", self->refreshes);
  answer = g_strdup_printf ("{\"access_token\":\"%s\",\"expires_in\":7200,"
                            "\"token_type\":\"User Access Token\"}", self->access_token);
  td_fake_server_reply_json (msg, 200, answer);
}

/* Public */

TdFakeEbay *
td_fake_ebay_new (TdFakeServer *server,
                  const char   *client_id,
                  const char   *client_secret,
                  const char   *access_token,
                  const char   *refresh_token)
{
  TdFakeEbay *self = g_new0 (TdFakeEbay, 1);
  static const char * const inventory_paths[] = {
    "/image/", "/bulk_", "/offer", "/inventory_item", "/location",
  };
  static const char * const setup_paths[] = {
    "/fulfillment_policy", "/payment_policy", "/return_policy",
    "/get_default_category_tree_id", "/category_tree/", "/program/", "/marketplace/",
  };

  self->server = server;
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);
  self->access_token = g_strdup (access_token);
  self->refresh_token = g_strdup (refresh_token);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_free);
  self->offers = g_ptr_array_new_with_free_func (offer_free);
  self->failures = g_ptr_array_new_with_free_func (td_fake_ebay_failure_free);
  self->orders = g_ptr_array_new_with_free_func (order_free);
  self->locations = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (inventory_paths); i++)
    td_fake_server_add_handler (server, inventory_paths[i], td_fake_ebay_inventory_handler, self);
  td_fake_server_add_handler (server, "/order", orders_handler, self);
  for (guint i = 0; i < G_N_ELEMENTS (setup_paths); i++)
    td_fake_server_add_handler (server, setup_paths[i], setup_handler, self);
  td_fake_server_add_handler (server, TD_FAKE_EBAY_TOKEN_PATH, token_handler, self);
  return self;
}

void
td_fake_ebay_free (TdFakeEbay *self)
{
  if (self == NULL)
    return;
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->access_token);
  g_free (self->refresh_token);
  g_hash_table_unref (self->items);
  g_ptr_array_unref (self->offers);
  g_ptr_array_unref (self->failures);
  g_ptr_array_unref (self->orders);
  g_ptr_array_unref (self->locations);
  g_free (self);
}

const char *
td_fake_ebay_get_access_token (TdFakeEbay *self)
{
  return self->access_token;
}

void
td_fake_ebay_revoke_access (TdFakeEbay *self)
{
  g_free (self->access_token);
  self->access_token = g_strdup ("v^1.1#revoked-and-unguessable");
}

guint
td_fake_ebay_n_refreshes (TdFakeEbay *self)
{
  return self->refreshes;
}

void
td_fake_ebay_set_opted_out (TdFakeEbay *self,
                            gboolean    opted_out)
{
  self->opted_out = opted_out;
}

void
td_fake_ebay_set_invalid_grant (TdFakeEbay *self,
                                gboolean    invalid)
{
  self->invalid_grant = invalid;
}

void
td_fake_ebay_fail_sku (TdFakeEbay *self,
                       const char *path,
                       const char *sku,
                       guint       status_code,
                       guint       error_id,
                       const char *message)
{
  TdFakeEbayFailure *failure = g_new0 (TdFakeEbayFailure, 1);

  failure->path = g_strdup (path);
  failure->sku = g_strdup (sku);
  failure->status_code = status_code;
  failure->error_id = error_id;
  failure->message = g_strdup (message);
  g_ptr_array_add (self->failures, failure);
}

const TdFakeEbayOffer *
td_fake_ebay_add_offer (TdFakeEbay *self,
                        const char *sku)
{
  TdFakeEbayOffer *offer = td_fake_ebay_offer_new (self, sku, "EBAY_US");

  offer->category_id = g_strdup ("57988");
  offer->merchant_location_key = g_strdup ("main-st");
  return offer;
}

const TdFakeEbayItem *
td_fake_ebay_get_item (TdFakeEbay *self,
                       const char *sku)
{
  return g_hash_table_lookup (self->items, sku);
}

const TdFakeEbayOffer *
td_fake_ebay_get_offer (TdFakeEbay *self,
                        const char *sku)
{
  return td_fake_ebay_find_offer (self, "sku", sku);
}

guint
td_fake_ebay_n_items (TdFakeEbay *self)
{
  return g_hash_table_size (self->items);
}

guint
td_fake_ebay_n_offers (TdFakeEbay *self)
{
  return self->offers->len;
}

guint
td_fake_ebay_n_images (TdFakeEbay *self)
{
  return self->images;
}

guint
td_fake_ebay_n_duplicate_offers (TdFakeEbay *self)
{
  return self->duplicates;
}

void
td_fake_ebay_add_order (TdFakeEbay *self,
                        const char *order_id,
                        const char *modified,
                        gboolean    paid,
                        const char *cancel_state,
                        const char *sku,
                        const char *legacy_item_id,
                        gint64      amount)
{
  TdFakeEbayOrder *order = g_new0 (TdFakeEbayOrder, 1);

  order->order_id = g_strdup (order_id);
  order->modified = g_strdup (modified);
  order->paid = paid;
  order->cancel_state = g_strdup (cancel_state);
  order->sku = g_strdup (sku);
  order->legacy_item_id = g_strdup (legacy_item_id);
  order->amount = amount;
  g_ptr_array_add (self->orders, order);
}
