/* td-fake-ebay-inventory.c — the fake's Inventory and Media routes: bulk inventory items,
 * offers (looked up by SKU, created in bulk, one per SKU), bulk publish, bulk price/quantity,
 * withdraw, locations and image uploads. See td-fake-ebay.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-ebay-private.h"

static const char *
str (JsonObject *object,
     const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static JsonObject *
obj (JsonObject *object,
     const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
num (JsonObject *object,
     const char *name,
     gint64      fallback)
{
  return object != NULL ? json_object_get_int_member_with_default (object, name, fallback)
                        : fallback;
}

static gint64
cents (const char *value)
{
  gint64 whole = 0, fraction = 0;
  guint digits = 0;
  const char *p = value != NULL ? value : "0";

  for (; g_ascii_isdigit (*p); p++)
    whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && digits < 2; p++, digits++)
      fraction = fraction * 10 + (*p - '0');
  for (; digits < 2; digits++)
    fraction *= 10;
  return whole * 100 + fraction;
}

TdFakeEbayOffer *
td_fake_ebay_find_offer (TdFakeEbay *self,
                         const char *member,
                         const char *value)
{
  for (guint i = 0; value != NULL && i < self->offers->len; i++)
    {
      TdFakeEbayOffer *offer = g_ptr_array_index (self->offers, i);

      if (g_strcmp0 (g_str_equal (member, "sku") ? offer->sku : offer->offer_id, value) == 0)
        return offer;
    }
  return NULL;
}

TdFakeEbayOffer *
td_fake_ebay_offer_new (TdFakeEbay *self,
                        const char *sku,
                        const char *marketplace_id)
{
  TdFakeEbayOffer *offer = g_new0 (TdFakeEbayOffer, 1);

  offer->offer_id = g_strdup_printf ("%u", 5000000 + ++self->next_offer);
  offer->sku = g_strdup (sku);
  offer->marketplace_id = g_strdup (marketplace_id);
  offer->status = g_strdup ("UNPUBLISHED");
  offer->quantity = 1;
  g_ptr_array_add (self->offers, offer);
  return offer;
}

/* The injected failure for @path and @sku, taken; NULL when none. */
static TdFakeEbayFailure *
take_failure (TdFakeEbay *self,
              const char *path,
              const char *sku)
{
  for (guint i = 0; sku != NULL && i < self->failures->len; i++)
    {
      TdFakeEbayFailure *failure = g_ptr_array_index (self->failures, i);

      if (g_str_equal (failure->path, path) && g_str_equal (failure->sku, sku))
        return g_ptr_array_steal_index (self->failures, i);
    }
  return NULL;
}

static JsonObject *
element_failed (JsonObject *element,
                guint       status_code,
                guint       error_id,
                const char *message)
{
  json_object_set_int_member (element, "statusCode", status_code);
  json_object_set_array_member (element, "errors", td_fake_ebay_errors_new (error_id, message));
  return element;
}

/* Inventory */

static JsonObject *
put_item (TdFakeEbay *self,
          JsonObject *request,
          const char *language)
{
  JsonObject *element = json_object_new ();
  const char *sku = str (request, "sku");
  JsonObject *product = obj (request, "product");
  JsonNode *aspects = product != NULL ? json_object_get_member (product, "aspects") : NULL;
  JsonNode *urls = product != NULL ? json_object_get_member (product, "imageUrls") : NULL;
  TdFakeEbayItem *item;
  gboolean created;

  json_object_set_string_member (element, "sku", sku != NULL ? sku : "");
  json_object_set_string_member (element, "locale", str (request, "locale") ?: "en_US");
  if (sku == NULL || *sku == '\0' || strlen (sku) > 50)
    return element_failed (element, 400, 25707, "This is an invalid value for a SKU.");
  if (aspects != NULL && !JSON_NODE_HOLDS_OBJECT (aspects))
    return element_failed (element, 400, 2004, "Could not serialize field [product.aspects]");
  for (guint i = 0; urls != NULL && JSON_NODE_HOLDS_ARRAY (urls)
                    && i < json_array_get_length (json_node_get_array (urls)); i++)
    if (!g_str_has_prefix (json_array_get_string_element (json_node_get_array (urls), i),
                           "https://"))
      return element_failed (element, 400, 25086, "URL must be an eBay Picture Service URL.");

  created = !g_hash_table_contains (self->items, sku);
  item = g_new0 (TdFakeEbayItem, 1);
  item->sku = g_strdup (sku);
  item->title = g_strdup (str (product, "title"));
  item->description = g_strdup (str (product, "description"));
  item->condition = g_strdup (str (request, "condition"));
  item->condition_description = g_strdup (str (request, "conditionDescription"));
  item->aspects = aspects != NULL ? json_to_string (aspects, FALSE) : NULL;
  item->image_urls = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; urls != NULL && JSON_NODE_HOLDS_ARRAY (urls)
                    && i < json_array_get_length (json_node_get_array (urls)); i++)
    g_ptr_array_add (item->image_urls,
                     g_strdup (json_array_get_string_element (json_node_get_array (urls), i)));
  item->quantity = (int) num (obj (obj (request, "availability"), "shipToLocationAvailability"),
                              "quantity", 0);
  item->content_language = g_strdup (language);
  g_hash_table_replace (self->items, item->sku, item);
  json_object_set_int_member (element, "statusCode", created ? 201 : 200);
  return element;
}

static JsonObject *
create_offer (TdFakeEbay *self,
              JsonObject *request,
              const char *language)
{
  JsonObject *element = json_object_new ();
  const char *sku = str (request, "sku");
  const char *marketplace_id = str (request, "marketplaceId") ?: "";
  JsonObject *policies = obj (request, "listingPolicies");
  TdFakeEbayOffer *offer;

  json_object_set_string_member (element, "sku", sku != NULL ? sku : "");
  json_object_set_string_member (element, "marketplaceId", marketplace_id);
  json_object_set_string_member (element, "format", str (request, "format") ?: "");
  if (sku == NULL || !g_hash_table_contains (self->items, sku))
    return element_failed (element, 400, 25702, "The SKU could not be found in the system.");
  if (td_fake_ebay_find_offer (self, "sku", sku) != NULL)
    {
      self->duplicates++;
      return element_failed (element, 400, 25002, "Offer entity already exists.");
    }
  offer = td_fake_ebay_offer_new (self, sku, marketplace_id);
  offer->category_id = g_strdup (str (request, "categoryId"));
  offer->merchant_location_key = g_strdup (str (request, "merchantLocationKey"));
  offer->fulfillment_policy_id = g_strdup (str (policies, "fulfillmentPolicyId"));
  offer->payment_policy_id = g_strdup (str (policies, "paymentPolicyId"));
  offer->return_policy_id = g_strdup (str (policies, "returnPolicyId"));
  offer->price_text = g_strdup (str (obj (obj (request, "pricingSummary"), "price"), "value"));
  offer->price = cents (offer->price_text);
  offer->quantity = (int) json_object_get_int_member_with_default (request, "availableQuantity",
                                                                   0);
  json_object_set_string_member (element, "offerId", offer->offer_id);
  json_object_set_int_member (element, "statusCode", 200);
  return element;
}

static JsonObject *
publish_offer (TdFakeEbay *self,
               JsonObject *request,
               const char *language)
{
  JsonObject *element = json_object_new ();
  const char *id = str (request, "offerId");
  TdFakeEbayOffer *offer = td_fake_ebay_find_offer (self, "offerId", id);
  TdFakeEbayItem *item = offer != NULL ? g_hash_table_lookup (self->items, offer->sku) : NULL;

  json_object_set_string_member (element, "offerId", id != NULL ? id : "");
  if (offer == NULL)
    return element_failed (element, 404, 25713, "This Offer is not available.");
  if (item == NULL || item->image_urls->len == 0)
    return element_failed (element, 400, 25019, "A picture is required to publish.");
  if (offer->category_id == NULL)
    return element_failed (element, 400, 25005, "A category is required to publish.");
  if (offer->merchant_location_key == NULL)
    return element_failed (element, 400, 25012, "A merchant location is required.");
  if (offer->listing_id == NULL)
    offer->listing_id = g_strdup_printf ("%u", 110000000 + ++self->next_listing);
  g_free (offer->status);
  offer->status = g_strdup ("PUBLISHED");
  json_object_set_string_member (element, "listingId", offer->listing_id);
  json_object_set_int_member (element, "statusCode", 200);
  return element;
}

static JsonObject *
update_price (TdFakeEbay *self,
              JsonObject *request,
              const char *language)
{
  JsonObject *element = json_object_new ();
  const char *sku = str (request, "sku");
  JsonNode *offers = json_object_get_member (request, "offers");
  JsonObject *first = offers != NULL && JSON_NODE_HOLDS_ARRAY (offers)
                      && json_array_get_length (json_node_get_array (offers)) > 0
                      ? json_array_get_object_element (json_node_get_array (offers), 0) : NULL;
  TdFakeEbayOffer *offer = td_fake_ebay_find_offer (self, "offerId", str (first, "offerId"));
  TdFakeEbayItem *item = sku != NULL ? g_hash_table_lookup (self->items, sku) : NULL;

  json_object_set_string_member (element, "sku", sku != NULL ? sku : "");
  json_object_set_string_member (element, "offerId", str (first, "offerId") ?: "");
  if (offer == NULL || item == NULL || g_strcmp0 (offer->sku, sku) != 0)
    return element_failed (element, 404, 25713, "This Offer is not available.");
  g_free (offer->price_text);
  offer->price_text = g_strdup (str (obj (first, "price"), "value"));
  offer->price = cents (offer->price_text);
  offer->quantity = (int) json_object_get_int_member_with_default (first, "availableQuantity",
                                                                   offer->quantity);
  item->quantity = (int) num (obj (request, "shipToLocationAvailability"), "quantity",
                              item->quantity);
  json_object_set_int_member (element, "statusCode", 200);
  return element;
}

typedef JsonObject *(*BulkOne) (TdFakeEbay *self, JsonObject *request, const char *language);

static void
bulk (TdFakeEbay        *self,
      SoupServerMessage *msg,
      const char        *path,
      const char        *key,
      BulkOne            one,
      const char        *language)
{
  g_autoptr(JsonNode) root = td_fake_server_parse_json (msg);
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonArray *responses = json_array_new ();
  JsonNode *requests;
  gboolean mixed = FALSE;

  if (root == NULL)
    return;
  requests = JSON_NODE_HOLDS_OBJECT (root)
             ? json_object_get_member (json_node_get_object (root), "requests") : NULL;
  if (requests == NULL || !JSON_NODE_HOLDS_ARRAY (requests)
      || json_array_get_length (json_node_get_array (requests)) > 25)
    {
      json_array_unref (responses);
      td_fake_ebay_reply_error (msg, 400, 25709,
                                "The requests array is missing or has more than 25 items.");
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (requests)); i++)
    {
      JsonObject *request = json_array_get_object_element (json_node_get_array (requests), i);
      TdFakeEbayFailure *failure = take_failure (self, path, str (request, key));
      JsonObject *element;

      if (failure != NULL)
        {
          element = json_object_new ();
          json_object_set_string_member (element, key, failure->sku);
          element_failed (element, failure->status_code, failure->error_id, failure->message);
          td_fake_ebay_failure_free (failure);
        }
      else
        element = one (self, request, language);
      if (json_object_get_int_member (element, "statusCode") >= 300)
        mixed = TRUE;
      json_array_add_object_element (responses, element);
    }
  json_object_set_array_member (answer, "responses", responses);
  td_fake_ebay_reply_object (msg, mixed ? 207 : 200, answer);
}

static void
offer_to_json (TdFakeEbayOffer *offer,
               JsonArray       *array)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "offerId", offer->offer_id);
  json_object_set_string_member (object, "sku", offer->sku);
  json_object_set_string_member (object, "marketplaceId", offer->marketplace_id);
  json_object_set_string_member (object, "format", "FIXED_PRICE");
  json_object_set_string_member (object, "status", offer->status);
  json_object_set_int_member (object, "availableQuantity", offer->quantity);
  if (offer->listing_id != NULL)
    {
      JsonObject *listing = json_object_new ();

      json_object_set_string_member (listing, "listingId", offer->listing_id);
      json_object_set_string_member (listing, "listingStatus",
                                     g_str_equal (offer->status, "PUBLISHED") ? "ACTIVE"
                                                                              : "ENDED");
      json_object_set_object_member (object, "listing", listing);
    }
  json_array_add_object_element (array, object);
}

void
td_fake_ebay_inventory_handler (TdFakeServer      *server,
                                SoupServerMessage *msg,
                                const char        *path,
                                GHashTable        *query,
                                gpointer           user_data)
{
  TdFakeEbay *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *language = soup_message_headers_get_one (headers, "Content-Language");
  g_autofree char *bearer = g_strconcat ("Bearer ", self->access_token, NULL);
  gboolean needs_language = g_str_equal (path, "/bulk_create_or_replace_inventory_item")
                            || g_str_equal (path, "/bulk_create_offer");

  if (g_strcmp0 (authorization, bearer) != 0)
    {
      td_fake_ebay_reply_error (msg, 401, 1001,
                                "Invalid access token. Check the value of the Authorization "
                                "HTTP request header.");
      return;
    }
  if (needs_language && language == NULL)
    {
      td_fake_ebay_reply_error (msg, 400, 25709, "Invalid value for header Content-Language.");
      return;
    }

  if (g_str_equal (method, "POST") && g_str_equal (path, "/image/create_image_from_file"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (
        soup_server_message_get_request_body (msg));
      g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);
      g_autoptr(JsonObject) answer = json_object_new ();
      g_autofree char *url = NULL;
      g_autofree char *location = NULL;
      SoupMessageHeaders *part_headers = NULL;
      GBytes *part_body = NULL;
      g_autoptr(GHashTable) params = NULL;

      if (multipart == NULL || soup_multipart_get_length (multipart) != 1
          || !soup_multipart_get_part (multipart, 0, &part_headers, &part_body)
          || !soup_message_headers_get_content_disposition (part_headers, NULL, &params)
          || g_strcmp0 (g_hash_table_lookup (params, "name"), "image") != 0
          || g_bytes_get_size (part_body) < 4
          || ((const guint8 *) g_bytes_get_data (part_body, NULL))[0] != 0xff)
        {
          td_fake_ebay_reply_error (msg, 400, 190202,
                                    "The image file is missing or not a picture.");
          return;
        }
      self->images++;
      url = g_strdup_printf ("https://i.ebayimg.com/images/g/td%04u/s-l1600.jpg", self->images);
      location = g_strdup_printf ("https://apim.ebay.com/commerce/media/v1_beta/image/td%04u",
                                  self->images);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                    location);
      json_object_set_string_member (answer, "imageUrl", url);
      json_object_set_string_member (answer, "expirationDate", "2027-01-04T00:00:00.000Z");
      td_fake_ebay_reply_object (msg, 201, answer);
      return;
    }
  if (g_str_equal (method, "POST") && g_str_equal (path, "/bulk_create_or_replace_inventory_item"))
    bulk (self, msg, path, "sku", put_item, language);
  else if (g_str_equal (method, "POST") && g_str_equal (path, "/bulk_create_offer"))
    bulk (self, msg, path, "sku", create_offer, language);
  else if (g_str_equal (method, "POST") && g_str_equal (path, "/bulk_publish_offer"))
    bulk (self, msg, path, "offerId", publish_offer, language);
  else if (g_str_equal (method, "POST") && g_str_equal (path, "/bulk_update_price_quantity"))
    bulk (self, msg, path, "sku", update_price, language);
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/offer"))
    {
      const char *sku = query != NULL ? g_hash_table_lookup (query, "sku") : NULL;
      TdFakeEbayOffer *offer = td_fake_ebay_find_offer (self, "sku", sku);
      g_autoptr(JsonObject) answer = json_object_new ();
      JsonArray *offers = json_array_new ();

      if (offer == NULL)
        {
          json_array_unref (offers);
          td_fake_ebay_reply_error (msg, 404, 25713, "This Offer is not available.");
          return;
        }
      offer_to_json (offer, offers);
      json_object_set_array_member (answer, "offers", offers);
      json_object_set_int_member (answer, "total", 1);
      json_object_set_int_member (answer, "size", 1);
      td_fake_ebay_reply_object (msg, 200, answer);
    }
  else if (g_str_equal (method, "POST") && g_str_has_prefix (path, "/offer/")
           && g_str_has_suffix (path, "/withdraw"))
    {
      g_autofree char *id = g_strndup (path + strlen ("/offer/"),
                                       strlen (path) - strlen ("/offer/") - strlen ("/withdraw"));
      TdFakeEbayOffer *offer = td_fake_ebay_find_offer (self, "offerId", id);
      g_autoptr(JsonObject) answer = json_object_new ();

      if (offer == NULL)
        {
          td_fake_ebay_reply_error (msg, 404, 25713, "This Offer is not available.");
          return;
        }
      g_free (offer->status);
      offer->status = g_strdup ("UNPUBLISHED");
      if (offer->listing_id != NULL)
        json_object_set_string_member (answer, "listingId", offer->listing_id);
      td_fake_ebay_reply_object (msg, 200, answer);
    }
  else if (g_str_equal (method, "POST") && g_str_has_prefix (path, "/location/"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (
        soup_server_message_get_request_body (msg));
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(JsonNode) root = json_from_string (text, NULL);
      JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                           ? json_node_get_object (root) : NULL;
      const char *name = object != NULL
                         ? json_object_get_string_member_with_default (object, "name", "") : "";

      g_ptr_array_add (self->locations,
                       g_strdup_printf ("%s\n%s", path + strlen ("/location/"), name));
      soup_server_message_set_status (msg, 204, NULL);
    }
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/location"))
    {
      g_autoptr(JsonObject) answer = json_object_new ();
      JsonArray *list = json_array_new ();

      for (guint i = 0; i < self->locations->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (self->locations->pdata[i], "\n", 2);
          JsonObject *location = json_object_new ();

          json_object_set_string_member (location, "merchantLocationKey", parts[0]);
          json_object_set_string_member (location, "name", parts[1]);
          json_array_add_object_element (list, location);
        }
      json_object_set_array_member (answer, "locations", list);
      json_object_set_int_member (answer, "total", self->locations->len);
      td_fake_ebay_reply_object (msg, 200, answer);
    }
  else
    td_fake_ebay_reply_error (msg, 404, 2002, "Resource not found in the fake.");
}
