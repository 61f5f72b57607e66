/* td-fake-etsy-listings.c — the fake's listings: createDraftListing, updateListing,
 * uploadListingImage, get/updateListingInventory, getListingsByShop. Each checks what the
 * contract and Etsy's known behaviour demand and answers in Etsy's shapes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-etsy-private.h"

static const char * const when_made_values[] = {
  "made_to_order", "2020_2026", "2010_2019", "2007_2009", "before_2007", "2000_2006", "1990s",
  "1980s", "1970s", "1960s", "1950s", "1940s", "1930s", "1920s", "1910s", "1900s", "1800s",
  "1700s", "before_1700", NULL,
};

void
td_fake_etsy_add_listing_json (JsonBuilder       *builder,
                               TdFakeEtsyListing *listing)
{
  g_auto(GStrv) tags = g_strsplit (listing->tags != NULL ? listing->tags : "", ",", -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "listing_id");
  json_builder_add_int_value (builder, listing->listing_id);
  json_builder_set_member_name (builder, "shop_id");
  json_builder_add_int_value (builder, TD_FAKE_ETSY_SHOP_ID);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, listing->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, listing->description);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, listing->state);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, listing->quantity);
  json_builder_set_member_name (builder, "taxonomy_id");
  json_builder_add_int_value (builder, listing->taxonomy_id);
  json_builder_set_member_name (builder, "who_made");
  json_builder_add_string_value (builder, listing->who_made);
  json_builder_set_member_name (builder, "when_made");
  json_builder_add_string_value (builder, listing->when_made);
  json_builder_set_member_name (builder, "is_supply");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    if (*tags[i] != '\0')
      json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  td_fake_etsy_add_money (builder, "price", listing->amount);
  json_builder_set_member_name (builder, "skus");
  json_builder_begin_array (builder);
  if (listing->sku != NULL)
    json_builder_add_string_value (builder, listing->sku);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
td_fake_etsy_reply_listing (SoupServerMessage *msg,
                            guint              status,
                            TdFakeEtsyListing *listing)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  td_fake_etsy_add_listing_json (builder, listing);
  root = json_builder_get_root (builder);
  td_fake_etsy_reply_node (msg, status, root);
}

void
td_fake_etsy_reply_inventory (SoupServerMessage *msg,
                              TdFakeEtsyListing *listing)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "product_id");
  json_builder_add_int_value (builder, listing->listing_id * 10);
  json_builder_set_member_name (builder, "sku");
  json_builder_add_string_value (builder, listing->sku != NULL ? listing->sku : "");
  json_builder_set_member_name (builder, "is_deleted");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "offerings");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offering_id");
  json_builder_add_int_value (builder, listing->listing_id * 100);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, listing->quantity);
  json_builder_set_member_name (builder, "is_enabled");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "is_deleted");
  json_builder_add_boolean_value (builder, FALSE);
  td_fake_etsy_add_money (builder, "price", listing->amount);
  json_builder_set_member_name (builder, "readiness_state_id");
  if (listing->readiness_state_id > 0)
    json_builder_add_int_value (builder, listing->readiness_state_id);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "property_values");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  for (const char * const *name = (const char * const[]) { "price_on_property",
                                                           "quantity_on_property",
                                                           "sku_on_property",
                                                           "readiness_state_on_property", NULL };
       *name != NULL; name++)
    {
      json_builder_set_member_name (builder, *name);
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  td_fake_etsy_reply_node (msg, 200, root);
}

static gint64
cents (const char *decimal)
{
  double value = decimal != NULL ? g_ascii_strtod (decimal, NULL) : 0;

  return (gint64) (value * 100 + 0.5);
}

/* createDraftListing */
void
td_fake_etsy_create_listing (TdFakeEtsy        *self,
                             SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = td_fake_etsy_decode_form (msg);
  static const char * const required[] = {
    "quantity", "title", "description", "price", "who_made", "when_made", "taxonomy_id",
  };
  TdFakeEtsyListing *listing;
  const char *value;

  if (form == NULL)
    {
      td_fake_etsy_reply_error (msg, 400,
                                "createDraftListing takes application/x-www-form-urlencoded");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (g_hash_table_lookup (form, required[i]) == NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s is required", required[i]);

          td_fake_etsy_reply_error (msg, 400, text);
          return;
        }
    }
  value = g_hash_table_lookup (form, "when_made");
  if (!g_strv_contains (when_made_values, value))
    {
      td_fake_etsy_reply_error (msg, 400, "when_made must be one of the allowed values");
      return;
    }
  if (g_hash_table_lookup (form, "is_supply") == NULL)
    {
      /* Etsy's odd answer when who_made/when_made/is_supply don't come together. */
      td_fake_etsy_reply_error (msg, 400, "images array_too_short");
      return;
    }
  if (g_strcmp0 (g_hash_table_lookup (form, "type"), "physical") == 0
      && g_hash_table_lookup (form, "shipping_profile_id") == NULL)
    {
      td_fake_etsy_reply_error (msg, 400, "shipping_profile_id is required for physical listings");
      return;
    }
  if (cents (g_hash_table_lookup (form, "price")) <= 0
      || g_ascii_strtoll (g_hash_table_lookup (form, "quantity"), NULL, 10) <= 0)
    {
      td_fake_etsy_reply_error (msg, 400, "price and quantity must be positive");
      return;
    }

  listing = td_fake_etsy_listing_new (self, "draft", g_hash_table_lookup (form, "title"));
  g_free (listing->description);
  listing->description = g_strdup (g_hash_table_lookup (form, "description"));
  g_free (listing->when_made);
  listing->when_made = g_strdup (g_hash_table_lookup (form, "when_made"));
  g_free (listing->who_made);
  listing->who_made = g_strdup (g_hash_table_lookup (form, "who_made"));
  listing->tags = g_strdup (g_hash_table_lookup (form, "tags"));
  listing->taxonomy_id = g_ascii_strtoll (g_hash_table_lookup (form, "taxonomy_id"), NULL, 10);
  listing->amount = cents (g_hash_table_lookup (form, "price"));
  listing->quantity = (int) g_ascii_strtoll (g_hash_table_lookup (form, "quantity"), NULL, 10);

  if (self->lose_next_create)
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      self->lose_next_create = FALSE;
      if (stream != NULL)
        {
          g_io_stream_close (stream, NULL, NULL);
          g_object_unref (stream);
        }
      return;
    }
  td_fake_etsy_reply_listing (msg, 201, listing);
}

/* updateListing */
void
td_fake_etsy_update_listing (TdFakeEtsy        *self,
                             SoupServerMessage *msg,
                             TdFakeEtsyListing *listing)
{
  g_autoptr(GHashTable) form = td_fake_etsy_decode_form (msg);
  const char *state, *value;

  if (form == NULL)
    {
      td_fake_etsy_reply_error (msg, 400, "updateListing takes application/x-www-form-urlencoded");
      return;
    }
  state = g_hash_table_lookup (form, "state");
  if (g_strcmp0 (state, "active") == 0 && listing->images->len == 0)
    {
      td_fake_etsy_reply_error (msg, 400, "A listing needs at least one image to be active");
      return;
    }
  if (g_strcmp0 (state, "inactive") == 0 && !g_str_equal (listing->state, "active"))
    {
      td_fake_etsy_reply_error (msg, 409, "Only an active listing can be made inactive");
      return;
    }
  if (state != NULL && !g_str_equal (state, "active") && !g_str_equal (state, "inactive"))
    {
      td_fake_etsy_reply_error (msg, 400, "state must be active or inactive");
      return;
    }
  if (state != NULL)
    {
      g_free (listing->state);
      listing->state = g_strdup (state);
    }
  if ((value = g_hash_table_lookup (form, "title")) != NULL)
    {
      g_free (listing->title);
      listing->title = g_strdup (value);
    }
  if ((value = g_hash_table_lookup (form, "description")) != NULL)
    {
      g_free (listing->description);
      listing->description = g_strdup (value);
    }
  if ((value = g_hash_table_lookup (form, "tags")) != NULL)
    {
      g_free (listing->tags);
      listing->tags = g_strdup (value);
    }
  td_fake_etsy_reply_listing (msg, 200, listing);
}

/* uploadListingImage */
void
td_fake_etsy_upload_image (TdFakeEtsy        *self,
                           SoupServerMessage *msg,
                           TdFakeEtsyListing *listing)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *file_name = NULL;
  gboolean overwrite = FALSE;
  guint rank = 1;

  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg),
                                               body);
  if (multipart == NULL)
    {
      td_fake_etsy_reply_error (msg, 400, "uploadListingImage takes multipart/form-data");
      return;
    }
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;
      const char *name;
      g_autofree char *text = NULL;

      if (!soup_multipart_get_part (multipart, i, &headers, &part))
        continue;
      if (!soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      text = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
      if (g_strcmp0 (name, "image") == 0 && g_bytes_get_size (part) > 0)
        file_name = g_strdup (g_hash_table_lookup (params, "filename"));
      else if (g_strcmp0 (name, "rank") == 0)
        rank = (guint) MAX (g_ascii_strtoll (text, NULL, 10), 1);
      else if (g_strcmp0 (name, "overwrite") == 0)
        overwrite = g_str_equal (text, "true") || g_str_equal (text, "1");
    }
  if (file_name == NULL)
    {
      td_fake_etsy_reply_error (msg, 400, "image is required");
      return;
    }
  listing->image_uploads++;
  if (overwrite && rank <= listing->images->len)
    {
      g_free (g_ptr_array_index (listing->images, rank - 1));
      g_ptr_array_index (listing->images, rank - 1) = g_steal_pointer (&file_name);
    }
  else
    g_ptr_array_insert (listing->images, (int) MIN (rank - 1, listing->images->len),
                        g_steal_pointer (&file_name));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "listing_id");
  json_builder_add_int_value (builder, listing->listing_id);
  json_builder_set_member_name (builder, "listing_image_id");
  json_builder_add_int_value (builder, listing->listing_id * 1000 + listing->image_uploads);
  json_builder_set_member_name (builder, "rank");
  json_builder_add_int_value (builder, rank);
  json_builder_set_member_name (builder, "url_fullxfull");
  json_builder_add_string_value (builder, "https://i.etsystatic.com/fake.jpg");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  td_fake_etsy_reply_node (msg, 201, root);
}

/* updateListingInventory: the whole array, no read-only members, readiness on every offering. */
void
td_fake_etsy_update_inventory (TdFakeEtsy        *self,
                               SoupServerMessage *msg,
                               TdFakeEtsyListing *listing)
{
  g_autoptr(JsonNode) root = td_fake_server_parse_json (msg);
  JsonArray *products;
  const char *sku = NULL;
  gint64 amount = 0, readiness = 0;
  int quantity = 0;

  if (root == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "products"))
    {
      td_fake_etsy_reply_error (msg, 400, "products is required");
      return;
    }
  products = json_object_get_array_member (json_node_get_object (root), "products");
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *product = json_array_get_object_element (products, i);
      JsonArray *offerings;

      if (json_object_has_member (product, "product_id")
          || json_object_has_member (product, "is_deleted"))
        {
          td_fake_etsy_reply_error (msg, 400, "product_id and is_deleted can't be set");
          return;
        }
      sku = json_object_get_string_member_with_default (product, "sku", NULL);
      offerings = json_object_get_array_member (product, "offerings");
      for (guint o = 0; offerings != NULL && o < json_array_get_length (offerings); o++)
        {
          JsonObject *offering = json_array_get_object_element (offerings, o);
          JsonNode *price = json_object_get_member (offering, "price");

          if (!json_object_has_member (offering, "readiness_state_id")
              || json_object_has_member (offering, "offering_id")
              || price == NULL || !JSON_NODE_HOLDS_VALUE (price))
            {
              td_fake_etsy_reply_error (msg, 400, "offerings need price, quantity, is_enabled and "
                                     "readiness_state_id");
              return;
            }
          amount = (gint64) (json_node_get_double (price) * 100 + 0.5);
          quantity += (int) json_object_get_int_member_with_default (offering, "quantity", 0);
          readiness = json_object_get_int_member_with_default (offering, "readiness_state_id",
                                                               0);
        }
    }
  if (quantity <= 0)
    {
      td_fake_etsy_reply_error (msg, 400, "stock must be greater than 0");
      return;
    }
  g_free (listing->sku);
  listing->sku = g_strdup (sku);
  listing->amount = amount;
  listing->quantity = quantity;
  listing->readiness_state_id = readiness;
  td_fake_etsy_reply_inventory (msg, listing);
}

/* getListingsByShop */
void
td_fake_etsy_list_listings (TdFakeEtsy        *self,
                            SoupServerMessage *msg,
                            GHashTable        *query)
{
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  guint limit = td_fake_etsy_query_uint (query, "limit", 25);
  guint offset = td_fake_etsy_query_uint (query, "offset", 0);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint count = 0, listed = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->listings->len; i++)
    {
      TdFakeEtsyListing *listing = g_ptr_array_index (self->listings, i);

      if (!g_str_equal (listing->state, state != NULL ? state : "active"))
        continue;
      if (count++ >= offset && listed < limit)
        {
          td_fake_etsy_add_listing_json (builder, listing);
          listed++;
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  td_fake_etsy_reply_node (msg, 200, root);
}
