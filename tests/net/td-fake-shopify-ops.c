/* td-fake-shopify-ops.c — the GraphQL operations the Shopify fake knows, by operation name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-shopify-private.h"

static JsonObject *
variant_json (TdFakeShopifyProduct *product)
{
  JsonObject *variant = json_object_new ();
  JsonObject *item = json_object_new ();
  JsonObject *owner = json_object_new ();

  json_object_set_string_member (variant, "id", product->variant_id);
  json_object_set_string_member (variant, "sku", product->sku);
  json_object_set_string_member (variant, "price", product->price);
  json_object_set_string_member (item, "id", product->inventory_item_id);
  json_object_set_object_member (variant, "inventoryItem", item);
  json_object_set_string_member (owner, "id", product->product_id);
  json_object_set_string_member (owner, "status", product->status);
  json_object_set_object_member (variant, "product", owner);
  return variant;
}

static JsonObject *
product_status_json (TdFakeShopifyProduct *product)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", product->product_id);
  json_object_set_string_member (object, "status", product->status);
  return object;
}

/* --- operations -------------------------------------------------------------------------- */

/* PREFIX'VALUE' with backslash escapes (@prefix "sku:'") → VALUE. */
static char *
search_value (const char *query,
              const char *prefix)
{
  const char *p = query != NULL ? strstr (query, prefix) : NULL;
  GString *value;

  if (p == NULL)
    return NULL;
  value = g_string_new (NULL);
  for (p += strlen (prefix); *p != '\0' && *p != '\''; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (value, *p);
    }
  return g_string_free (value, FALSE);
}

static void
find_variant (TdFakeShopify     *self,
              SoupServerMessage *msg,
              JsonObject        *variables)
{
  g_autofree char *sku = search_value (string_at (variables, "query"), "sku:'");
  JsonObject *data = json_object_new ();
  JsonObject *connection = json_object_new ();
  JsonArray *nodes = json_array_new ();
  TdFakeShopifyProduct *product = FIND (self, sku, sku);

  if (product != NULL)
    json_array_add_object_element (nodes, variant_json (product));
  json_object_set_array_member (connection, "nodes", nodes);
  json_object_set_object_member (data, "productVariants", connection);
  fake_shopify_reply_data (msg, data);
}

static void
primary_location (TdFakeShopify     *self,
                  SoupServerMessage *msg)
{
  JsonObject *data = json_object_new ();
  JsonObject *location = json_object_new ();

  json_object_set_string_member (location, "id", TD_FAKE_SHOPIFY_LOCATION);
  json_object_set_string_member (location, "name", "Main St");
  json_object_set_object_member (data, "location", location);
  fake_shopify_reply_data (msg, data);
}

static void
staged_uploads (TdFakeShopify     *self,
                SoupServerMessage *msg,
                JsonObject        *variables)
{
  JsonArray *input = array_at (variables, "input");
  JsonObject *payload = fake_shopify_user_errors_payload (NULL);
  JsonArray *targets = json_array_new ();
  JsonObject *data = json_object_new ();

  for (guint i = 0; input != NULL && i < json_array_get_length (input); i++)
    {
      JsonObject *file = element_object (input, i);
      JsonObject *target = json_object_new ();
      JsonArray *parameters = json_array_new ();
      JsonObject *parameter;
      guint n = ++self->next_id;
      g_autofree char *key = g_strdup_printf ("tmp/%u/%s", n, string_at (file, "filename"));
      g_autofree char *url = g_strdup_printf ("%s/staged-uploads/%u",
                                              td_fake_server_get_url (self->server), n);
      g_autofree char *resource = g_strdup_printf (
        "https://shopify-staged-uploads.storage.googleapis.com/%s", key);

      g_assert_nonnull (string_at (file, "mimeType"));
      g_assert_cmpstr (string_at (file, "resource"), ==, "IMAGE");
      json_object_set_string_member (target, "url", url);
      json_object_set_string_member (target, "resourceUrl", resource);
      parameter = json_object_new ();
      json_object_set_string_member (parameter, "name", "key");
      json_object_set_string_member (parameter, "value", key);
      json_array_add_object_element (parameters, parameter);
      parameter = json_object_new ();
      json_object_set_string_member (parameter, "name", "Content-Type");
      json_object_set_string_member (parameter, "value", string_at (file, "mimeType"));
      json_array_add_object_element (parameters, parameter);
      json_object_set_array_member (target, "parameters", parameters);
      json_array_add_object_element (targets, target);
      g_hash_table_insert (self->staged, g_strdup (resource), g_strdup (key));
    }
  json_object_set_array_member (payload, "stagedTargets", targets);
  json_object_set_object_member (data, "stagedUploadsCreate", payload);
  fake_shopify_reply_data (msg, data);
}

static void
product_set (TdFakeShopify     *self,
             SoupServerMessage *msg,
             JsonObject        *variables)
{
  JsonObject *input = object_at (variables, "input");
  JsonObject *variant = element_object (array_at (input, "variants"), 0);
  JsonObject *level = element_object (array_at (variant, "inventoryQuantities"), 0);
  JsonArray *files = array_at (input, "files");
  JsonObject *data = json_object_new ();
  JsonObject *payload;
  JsonObject *product_json;
  JsonObject *variants;
  JsonArray *nodes;
  TdFakeShopifyProduct *product;
  const char *problem = NULL;

  if (string_at (input, "title") == NULL || *string_at (input, "title") == '\0')
    problem = "Title can't be blank";
  else if (variant == NULL || string_at (variant, "sku") == NULL
           || string_at (variant, "price") == NULL
           || element_object (array_at (variant, "optionValues"), 0) == NULL
           || element_object (array_at (input, "productOptions"), 0) == NULL)
    problem = "Variants need an option value, a SKU and a price";
  else if (level == NULL || g_strcmp0 (string_at (level, "locationId"),
                                       TD_FAKE_SHOPIFY_LOCATION) != 0
           || g_strcmp0 (string_at (level, "name"), "available") != 0)
    problem = "Location not found";
  for (guint i = 0; problem == NULL && files != NULL && i < json_array_get_length (files); i++)
    {
      const char *source = string_at (element_object (files, i), "originalSource");

      if (source == NULL || !g_hash_table_contains (self->uploaded, source))
        problem = "Media could not be processed: the file was never uploaded";
    }
  if (problem != NULL)
    {
      json_object_set_object_member (data, "productSet",
                                     fake_shopify_user_errors_payload (problem));
      fake_shopify_reply_data (msg, data);
      return;
    }

  product = fake_shopify_new_product (self, string_at (variant, "sku"));
  product->title = g_strdup (string_at (input, "title"));
  product->description_html = g_strdup (string_at (input, "descriptionHtml"));
  product->status = g_strdup (string_at (input, "status") ? string_at (input, "status")
                                                          : "ACTIVE");
  product->price = g_strdup (string_at (variant, "price"));
  product->quantity = (int) json_object_get_int_member_with_default (level, "quantity", 0);
  for (guint i = 0; files != NULL && i < json_array_get_length (files); i++)
    g_ptr_array_add (product->media,
                     g_strdup (string_at (element_object (files, i), "originalSource")));

  payload = fake_shopify_user_errors_payload (NULL);
  product_json = product_status_json (product);
  variants = json_object_new ();
  nodes = json_array_new ();
  json_array_add_object_element (nodes, variant_json (product));
  json_object_set_array_member (variants, "nodes", nodes);
  json_object_set_object_member (product_json, "variants", variants);
  json_object_set_object_member (payload, "product", product_json);
  json_object_set_object_member (data, "productSet", payload);
  fake_shopify_reply_data (msg, data);
}

/* Each root field of the listing mutations; NULL message when it went through. */
static const char *
set_quantities (TdFakeShopify *self,
                const char    *document,
                JsonObject    *variables)
{
  JsonObject *input = object_at (variables, "quantities");
  JsonObject *quantity = element_object (array_at (input, "quantities"), 0);
  TdFakeShopifyProduct *product = FIND (self, inventory_item_id,
                                        string_at (quantity, "inventoryItemId"));

  if (strstr (document, "@idempotent(key:") == NULL || string_at (variables, "key") == NULL
      || *string_at (variables, "key") == '\0')
    return "An idempotency key is required for inventorySetQuantities";
  if (quantity == NULL || !json_object_has_member (quantity, "changeFromQuantity"))
    return "changeFromQuantity must be given (null to skip the check)";
  if (g_strcmp0 (string_at (input, "name"), "available") != 0
      || string_at (input, "reason") == NULL)
    return "The quantity name or reason is not valid";
  if (g_strcmp0 (string_at (quantity, "locationId"), TD_FAKE_SHOPIFY_LOCATION) != 0)
    return "The specified location could not be found";
  if (product == NULL)
    return "The specified inventory item could not be found";
  product->quantity = (int) json_object_get_int_member_with_default (quantity, "quantity", 0);
  return NULL;
}

static const char *
update_product (TdFakeShopify *self,
                JsonObject    *variables)
{
  JsonObject *input = object_at (variables, "product");
  TdFakeShopifyProduct *product = FIND (self, product_id, string_at (input, "id"));

  if (product == NULL)
    return "Product does not exist";
  if (string_at (input, "title") != NULL)
    fake_shopify_set_str (&product->title, string_at (input, "title"));
  if (string_at (input, "descriptionHtml") != NULL)
    fake_shopify_set_str (&product->description_html, string_at (input, "descriptionHtml"));
  if (string_at (input, "status") != NULL)
    fake_shopify_set_str (&product->status, string_at (input, "status"));
  return NULL;
}

static const char *
update_variants (TdFakeShopify *self,
                 JsonObject    *variables)
{
  TdFakeShopifyProduct *product = FIND (self, product_id, string_at (variables, "productId"));
  JsonObject *variant = element_object (array_at (variables, "variants"), 0);

  if (product == NULL)
    return "Product does not exist";
  if (g_strcmp0 (string_at (variant, "id"), product->variant_id) != 0)
    return "Product variant does not exist";
  if (string_at (variant, "price") != NULL)
    fake_shopify_set_str (&product->price, string_at (variant, "price"));
  return NULL;
}

static void
change_listing (TdFakeShopify     *self,
                SoupServerMessage *msg,
                const char        *operation,
                const char        *document,
                JsonObject        *variables)
{
  JsonObject *data = json_object_new ();
  gboolean quantities = strstr (document, "inventorySetQuantities(") != NULL;
  gboolean variants = strstr (document, "productVariantsBulkUpdate(") != NULL;
  const char *problem = NULL;
  JsonObject *payload;

  /* Mutation fields run in order; after a failing one the rest still run in Shopify, but a
   * listing change is all or nothing here, which is what the client must cope with anyway. */
  if (quantities)
    {
      problem = set_quantities (self, document, variables);
      json_object_set_object_member (data, "inventorySetQuantities",
                                     fake_shopify_user_errors_payload (problem));
    }
  if (problem == NULL)
    problem = update_product (self, variables);
  payload = fake_shopify_user_errors_payload (problem);
  if (problem == NULL)
    json_object_set_object_member (payload, "product",
                                   product_status_json (FIND (self, product_id,
                                                              string_at (object_at (variables,
                                                                                    "product"),
                                                                         "id"))));
  json_object_set_object_member (data, "productUpdate", payload);
  if (variants)
    {
      if (problem == NULL)
        problem = update_variants (self, variables);
      json_object_set_object_member (data, "productVariantsBulkUpdate",
                                     fake_shopify_user_errors_payload (problem));
    }
  fake_shopify_reply_data (msg, data);
}

static int
order_compare (gconstpointer a,
               gconstpointer b)
{
  const Order *x = *(Order **) a;
  const Order *y = *(Order **) b;

  return g_strcmp0 (x->updated_at, y->updated_at);
}

static gint64
iso_us (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC
                        + g_date_time_get_microsecond (time) : 0;
}

static JsonObject *
money_bag (const char *amount)
{
  JsonObject *bag = json_object_new ();
  JsonObject *money = json_object_new ();

  json_object_set_string_member (money, "amount", amount);
  json_object_set_string_member (money, "currencyCode", "USD");
  json_object_set_object_member (bag, "shopMoney", money);
  return bag;
}

static JsonObject *
order_json (TdFakeShopify *self,
            Order         *order)
{
  JsonObject *object = json_object_new ();
  JsonObject *lines = json_object_new ();
  JsonArray *nodes = json_array_new ();
  JsonObject *line = json_object_new ();
  TdFakeShopifyProduct *product = FIND (self, sku, order->sku);
  g_autofree char *total = g_strdup_printf ("%.2f", g_ascii_strtod (order->price, NULL)
                                                    * order->quantity);

  json_object_set_string_member (object, "id", order->id);
  json_object_set_string_member (object, "name", "#1001");
  json_object_set_string_member (object, "createdAt", order->updated_at);
  json_object_set_string_member (object, "updatedAt", order->updated_at);
  if (order->cancelled)
    json_object_set_string_member (object, "cancelledAt", order->updated_at);
  else
    json_object_set_null_member (object, "cancelledAt");
  json_object_set_string_member (object, "displayFinancialStatus", order->financial_status);
  json_object_set_object_member (object, "totalPriceSet", money_bag (total));
  json_object_set_string_member (line, "sku", order->sku);
  json_object_set_int_member (line, "quantity", order->quantity);
  json_object_set_object_member (line, "originalUnitPriceSet", money_bag (order->price));
  if (product != NULL)
    {
      JsonObject *owner = json_object_new ();

      json_object_set_string_member (owner, "id", product->product_id);
      json_object_set_object_member (line, "product", owner);
    }
  else
    json_object_set_null_member (line, "product");
  json_array_add_object_element (nodes, line);
  json_object_set_array_member (lines, "nodes", nodes);
  json_object_set_object_member (object, "lineItems", lines);
  return object;
}

static void
list_orders (TdFakeShopify     *self,
             SoupServerMessage *msg,
             JsonObject        *variables)
{
  const char *query = string_at (variables, "query");
  g_autofree char *since = NULL;
  const char *after = string_at (variables, "after");
  gint64 first = json_object_get_int_member_with_default (variables, "first", 50);
  gint64 since_us;
  guint start = after != NULL ? (guint) g_ascii_strtoull (after + strlen ("cursor:"), NULL, 10)
                              : 0;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  JsonObject *data = json_object_new ();
  JsonObject *connection = json_object_new ();
  JsonObject *info = json_object_new ();
  JsonArray *nodes = json_array_new ();
  guint end;

  g_assert_nonnull (query);
  g_assert_true (g_str_has_prefix (query, "updated_at:>'"));
  since = search_value (query, "updated_at:>'");
  since_us = iso_us (since);
  g_assert_cmpint (since_us, >, 0);
  g_assert_cmpint (first, <=, 250);

  g_ptr_array_sort (self->orders, order_compare);
  for (guint i = 0; i < self->orders->len; i++)
    {
      Order *order = g_ptr_array_index (self->orders, i);

      if (iso_us (order->updated_at) > since_us)
        g_ptr_array_add (matching, order);
    }
  end = MIN (matching->len, start + (guint) first);
  for (guint i = start; i < end; i++)
    json_array_add_object_element (nodes, order_json (self, g_ptr_array_index (matching, i)));
  json_object_set_boolean_member (info, "hasNextPage", end < matching->len);
  if (end > start)
    {
      g_autofree char *cursor = g_strdup_printf ("cursor:%u", end);

      json_object_set_string_member (info, "endCursor", cursor);
    }
  else
    json_object_set_null_member (info, "endCursor");
  json_object_set_object_member (connection, "pageInfo", info);
  json_object_set_array_member (connection, "nodes", nodes);
  json_object_set_object_member (data, "orders", connection);
  fake_shopify_reply_data (msg, data);
}

void
fake_shopify_run_operation (TdFakeShopify     *self,
                            SoupServerMessage *msg,
                            const char        *operation,
                            const char        *document,
                            JsonObject        *variables)
{
  if (g_str_equal (operation, "FindVariantBySku"))
    find_variant (self, msg, variables);
  else if (g_str_equal (operation, "PrimaryLocation"))
    primary_location (self, msg);
  else if (g_str_equal (operation, "StagedUploadsCreate"))
    staged_uploads (self, msg, variables);
  else if (g_str_equal (operation, "ProductSet"))
    product_set (self, msg, variables);
  else if (g_str_equal (operation, "UpdateListing")
           || g_str_equal (operation, "RelistListing")
           || g_str_equal (operation, "WithdrawListing"))
    change_listing (self, msg, operation, document, variables);
  else if (g_str_equal (operation, "Orders"))
    list_orders (self, msg, variables);
  else
    fake_shopify_reply_error (msg, "NOT_IMPLEMENTED", "This operation is not known to the fake");
}
