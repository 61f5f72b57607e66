/* td-fake-shopify.c — see td-fake-shopify.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-shopify-private.h"

static void
product_free (gpointer data)
{
  TdFakeShopifyProduct *product = data;

  g_free (product->product_id);
  g_free (product->variant_id);
  g_free (product->inventory_item_id);
  g_free (product->sku);
  g_free (product->title);
  g_free (product->description_html);
  g_free (product->status);
  g_free (product->price);
  g_ptr_array_unref (product->media);
  g_free (product);
}

static void
order_free (gpointer data)
{
  Order *order = data;

  g_free (order->id);
  g_free (order->updated_at);
  g_free (order->financial_status);
  g_free (order->sku);
  g_free (order->price);
  g_free (order);
}

/* --- helpers ----------------------------------------------------------------------------- */

void
fake_shopify_set_str (char       **target,
                      const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*target);
  *target = copy;
}

JsonObject *
fake_shopify_user_errors_payload (const char *message)
{
  JsonObject *payload = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();

  if (message != NULL)
    {
      JsonArray *field = json_array_new ();

      json_array_add_string_element (field, "input");
      json_object_set_array_member (error, "field", field);
      json_object_set_string_member (error, "message", message);
      json_array_add_object_element (errors, error);
    }
  else
    json_object_unref (error);
  json_object_set_array_member (payload, "userErrors", errors);
  return payload;
}

static JsonObject *
cost_extensions (double requested,
                 double available,
                 double restore,
                 gboolean throttled)
{
  JsonObject *extensions = json_object_new ();
  JsonObject *cost = json_object_new ();
  JsonObject *status = json_object_new ();

  json_object_set_double_member (status, "maximumAvailable", 2000.0);
  json_object_set_double_member (status, "currentlyAvailable", available);
  json_object_set_double_member (status, "restoreRate", restore);
  json_object_set_int_member (cost, "requestedQueryCost", (gint64) requested);
  if (throttled)
    json_object_set_null_member (cost, "actualQueryCost");
  else
    json_object_set_int_member (cost, "actualQueryCost", (gint64) requested);
  json_object_set_object_member (cost, "throttleStatus", status);
  json_object_set_object_member (extensions, "cost", cost);
  return extensions;
}

static void
reply_object (SoupServerMessage *msg,
              JsonObject        *root)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_take_object (node, root);
  text = json_to_string (node, FALSE);
  td_fake_server_reply_json (msg, 200, text);
}

void
fake_shopify_reply_data (SoupServerMessage *msg,
                         JsonObject        *data)
{
  JsonObject *root = json_object_new ();

  json_object_set_object_member (root, "data", data);
  json_object_set_object_member (root, "extensions", cost_extensions (12, 1988, 100, FALSE));
  reply_object (msg, root);
}

void
fake_shopify_reply_error (SoupServerMessage *msg,
                          const char        *code,
                          const char        *message)
{
  JsonObject *root = json_object_new ();
  JsonArray *errors = json_array_new ();
  JsonObject *error = json_object_new ();
  JsonObject *extensions = json_object_new ();

  json_object_set_string_member (error, "message", message);
  json_object_set_string_member (extensions, "code", code);
  json_object_set_object_member (error, "extensions", extensions);
  json_array_add_object_element (errors, error);
  json_object_set_array_member (root, "errors", errors);
  reply_object (msg, root);
}

TdFakeShopifyProduct *
fake_shopify_find_by (TdFakeShopify *self,
                      gsize          offset,
                      const char    *value)
{
  for (guint i = 0; value != NULL && i < self->products->len; i++)
    {
      TdFakeShopifyProduct *product = g_ptr_array_index (self->products, i);

      if (g_strcmp0 (G_STRUCT_MEMBER (char *, product, offset), value) == 0)
        return product;
    }
  return NULL;
}

TdFakeShopifyProduct *
fake_shopify_new_product (TdFakeShopify *self,
                          const char    *sku)
{
  TdFakeShopifyProduct *product = g_new0 (TdFakeShopifyProduct, 1);
  guint id = ++self->next_id;

  product->product_id = g_strdup_printf ("gid://shopify/Product/%u", 1000 + id);
  product->variant_id = g_strdup_printf ("gid://shopify/ProductVariant/%u", 2000 + id);
  product->inventory_item_id = g_strdup_printf ("gid://shopify/InventoryItem/%u", 3000 + id);
  product->sku = g_strdup (sku);
  product->media = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->products, product);
  return product;
}

/* --- handlers ---------------------------------------------------------------------------- */

static char *
operation_name (const char *document)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*(query|mutation)\\s+([_A-Za-z][_0-9A-Za-z]*)",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (document == NULL || !g_regex_match (regex, document, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 2);
}

static void
on_graphql (TdFakeServer      *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  TdFakeShopify *self = user_data;
  const char *token = soup_message_headers_get_one (
                        soup_server_message_get_request_headers (msg), "X-Shopify-Access-Token");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *request;
  JsonObject *variables;
  const char *document;
  g_autofree char *operation = NULL;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      td_fake_server_reply_json (msg, 405, "{\"errors\":\"Method not allowed\"}");
      return;
    }
  if (g_strcmp0 (token, self->token) != 0)
    {
      td_fake_server_reply_json (msg, 401, "{\"errors\":\"[API] Invalid API key or access "
                                           "token (unrecognized login or wrong password)\"}");
      return;
    }
  if ((root = td_fake_server_parse_json (msg)) == NULL)
    return;
  request = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  document = string_at (request, "query");
  variables = object_at (request, "variables");
  operation = operation_name (document);
  if (operation == NULL)
    {
      fake_shopify_reply_error (msg, "BAD_REQUEST", "Operations must be named in this fake");
      return;
    }
  g_hash_table_insert (self->counts, g_strdup (operation),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts,
                                                                                 operation))
                                         + 1));
  g_hash_table_insert (self->variables, g_strdup (operation),
                       variables != NULL ? json_object_ref (variables) : json_object_new ());

  if (self->throttle_count > 0)
    {
      JsonObject *answer = json_object_new ();
      JsonArray *errors = json_array_new ();
      JsonObject *error = json_object_new ();
      JsonObject *extensions = json_object_new ();

      self->throttle_count--;
      json_object_set_string_member (error, "message", "Throttled");
      json_object_set_string_member (extensions, "code", "THROTTLED");
      json_object_set_string_member (extensions, "documentation",
                                     "https://shopify.dev/api/usage/rate-limits");
      json_object_set_object_member (error, "extensions", extensions);
      json_array_add_object_element (errors, error);
      json_object_set_array_member (answer, "errors", errors);
      json_object_set_object_member (answer, "extensions",
                                     cost_extensions (self->throttle_requested,
                                                      self->throttle_available,
                                                      self->throttle_restore, TRUE));
      reply_object (msg, answer);
      return;
    }
  if (g_strcmp0 (self->fail_operation, operation) == 0)
    {
      JsonObject *data = json_object_new ();
      const char *field = g_str_equal (operation, "ProductSet") ? "productSet"
                          : g_str_equal (operation, "StagedUploadsCreate") ? "stagedUploadsCreate"
                          : g_str_equal (operation, "WithdrawListing") ? "inventorySetQuantities"
                          : "productUpdate";

      json_object_set_object_member (data, field,
                                     fake_shopify_user_errors_payload (self->fail_message));
      g_clear_pointer (&self->fail_operation, g_free);
      fake_shopify_reply_data (msg, data);
      return;
    }

  fake_shopify_run_operation (self, msg, operation, document, variables);
}

static void
on_upload (TdFakeServer      *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TdFakeShopify *self = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *key = NULL;
  gboolean has_file = FALSE;
  GHashTableIter iter;
  gpointer resource, staged_key;

  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg),
                                               body);
  if (multipart == NULL)
    {
      td_fake_server_reply_json (msg, 400, NULL);
      return;
    }
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      soup_multipart_get_part (multipart, i, &headers, &part);
      if (!soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (g_strcmp0 (name, "key") == 0)
        key = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
      else if (g_strcmp0 (name, "file") == 0 && g_bytes_get_size (part) > 0)
        {
          /* The storage host wants the file after every parameter. */
          has_file = i == soup_multipart_get_length (multipart) - 1;
        }
    }
  g_hash_table_iter_init (&iter, self->staged);
  while (key != NULL && has_file && g_hash_table_iter_next (&iter, &resource, &staged_key))
    if (g_str_equal (staged_key, key))
      {
        g_hash_table_add (self->uploaded, g_strdup (resource));
        soup_server_message_set_status (msg, 201, NULL);
        return;
      }
  td_fake_server_reply_json (msg, 400, NULL);
}

/* --- public ------------------------------------------------------------------------------ */

TdFakeShopify *
td_fake_shopify_new (TdFakeServer *server,
                     const char   *token)
{
  TdFakeShopify *self = g_new0 (TdFakeShopify, 1);

  self->server = server;
  self->token = g_strdup (token);
  self->endpoint = g_strconcat (td_fake_server_get_url (server), TD_FAKE_SHOPIFY_PATH, NULL);
  self->products = g_ptr_array_new_with_free_func (product_free);
  self->orders = g_ptr_array_new_with_free_func (order_free);
  self->staged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->uploaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) json_object_unref);
  td_fake_server_add_handler (server, TD_FAKE_SHOPIFY_PATH, on_graphql, self);
  td_fake_server_add_handler (server, "/staged-uploads/", on_upload, self);
  return self;
}

void
td_fake_shopify_free (TdFakeShopify *self)
{
  if (self == NULL)
    return;
  g_free (self->token);
  g_free (self->endpoint);
  g_ptr_array_unref (self->products);
  g_ptr_array_unref (self->orders);
  g_hash_table_unref (self->staged);
  g_hash_table_unref (self->uploaded);
  g_hash_table_unref (self->counts);
  g_hash_table_unref (self->variables);
  g_free (self->fail_operation);
  g_free (self->fail_message);
  g_free (self);
}

const char *
td_fake_shopify_get_endpoint (TdFakeShopify *self)
{
  return self->endpoint;
}

const TdFakeShopifyProduct *
td_fake_shopify_add_product (TdFakeShopify *self,
                             const char    *sku,
                             const char    *title,
                             const char    *price,
                             const char    *status,
                             int            quantity)
{
  TdFakeShopifyProduct *product = fake_shopify_new_product (self, sku);

  product->title = g_strdup (title);
  product->price = g_strdup (price);
  product->status = g_strdup (status);
  product->quantity = quantity;
  return product;
}

const TdFakeShopifyProduct *
td_fake_shopify_find_sku (TdFakeShopify *self,
                          const char    *sku)
{
  return FIND (self, sku, sku);
}

guint
td_fake_shopify_n_products (TdFakeShopify *self)
{
  return self->products->len;
}

guint
td_fake_shopify_n_uploads (TdFakeShopify *self)
{
  return g_hash_table_size (self->uploaded);
}

guint
td_fake_shopify_count (TdFakeShopify *self,
                       const char    *operation)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, operation));
}

JsonObject *
td_fake_shopify_last_variables (TdFakeShopify *self,
                                const char    *operation)
{
  return g_hash_table_lookup (self->variables, operation);
}

void
td_fake_shopify_add_order (TdFakeShopify *self,
                           const char    *order_id,
                           const char    *updated_at,
                           const char    *financial_status,
                           gboolean       cancelled,
                           const char    *sku,
                           guint          quantity,
                           const char    *price)
{
  Order *order = g_new0 (Order, 1);

  order->id = g_strdup (order_id);
  order->updated_at = g_strdup (updated_at);
  order->financial_status = g_strdup (financial_status);
  order->cancelled = cancelled;
  order->sku = g_strdup (sku);
  order->quantity = quantity;
  order->price = g_strdup (price);
  g_ptr_array_add (self->orders, order);
}

void
td_fake_shopify_throttle (TdFakeShopify *self,
                          guint          count,
                          double         requested_cost,
                          double         currently_available,
                          double         restore_rate)
{
  self->throttle_count = count;
  self->throttle_requested = requested_cost;
  self->throttle_available = currently_available;
  self->throttle_restore = restore_rate;
}

void
td_fake_shopify_fail_next (TdFakeShopify *self,
                           const char    *operation,
                           const char    *message)
{
  fake_shopify_set_str (&self->fail_operation, operation);
  fake_shopify_set_str (&self->fail_message, message);
}

