/* td-fake-woocommerce.c — see td-fake-woocommerce.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-fake-woocommerce.h"
#include "td-http.h"

typedef struct
{
  gint64  id;
  gint64  modified_us;
  char   *status;
  char   *sku;
  gint64  product_id;
  guint   quantity;
  char   *total;
} Order;

struct _TdFakeWoocommerce
{
  TdFakeServer *server;
  char         *authorization;   /* "Basic …" expected */
  GPtrArray    *products;        /* TdFakeWooProduct */
  GPtrArray    *orders;          /* Order */
  gint64        next_id;
  guint         n_media;
};

static void
product_free (gpointer data)
{
  TdFakeWooProduct *product = data;

  g_free (product->sku);
  g_free (product->name);
  g_free (product->description);
  g_free (product->regular_price);
  g_free (product->status);
  g_array_unref (product->image_ids);
  g_free (product);
}

static void
order_free (gpointer data)
{
  Order *order = data;

  g_free (order->status);
  g_free (order->sku);
  g_free (order->total);
  g_free (order);
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
}

static TdFakeWooProduct *
find_id (TdFakeWoocommerce *self,
         gint64             id)
{
  for (guint i = 0; i < self->products->len; i++)
    {
      TdFakeWooProduct *product = g_ptr_array_index (self->products, i);

      if (product->id == id)
        return product;
    }
  return NULL;
}

static void
product_to_json (TdFakeWooProduct *product,
                 JsonBuilder      *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, product->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, product->name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "simple");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, product->status);
  json_builder_set_member_name (builder, "sku");
  json_builder_add_string_value (builder, product->sku);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, product->description);
  json_builder_set_member_name (builder, "regular_price");
  json_builder_add_string_value (builder, product->regular_price);
  json_builder_set_member_name (builder, "price");
  json_builder_add_string_value (builder, product->regular_price);
  json_builder_set_member_name (builder, "manage_stock");
  json_builder_add_boolean_value (builder, product->manage_stock);
  json_builder_set_member_name (builder, "stock_quantity");
  json_builder_add_int_value (builder, product->stock_quantity);
  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  for (guint i = 0; i < product->image_ids->len; i++)
    {
      gint64 id = g_array_index (product->image_ids, gint64, i);
      g_autofree char *src = g_strdup_printf ("https://shop.example/wp-content/uploads/%"
                                              G_GINT64_FORMAT ".jpg", id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "src");
      json_builder_add_string_value (builder, src);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
reply_builder (SoupServerMessage *msg,
               guint              status,
               JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  td_fake_server_reply_json (msg, status, text);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  g_autofree char *text = g_strdup_printf ("{\"code\":\"%s\",\"message\":\"%s\","
                                           "\"data\":{\"status\":%u}}", code, message, status);

  td_fake_server_reply_json (msg, status, text);
}

/* Applies the members WooCommerce would take from a product object. */
static void
apply (TdFakeWooProduct *product,
       JsonObject       *object)
{
  const char *text;

  if ((text = json_object_get_string_member_with_default (object, "name", NULL)) != NULL)
    set_str (&product->name, text);
  if ((text = json_object_get_string_member_with_default (object, "description", NULL)))
    set_str (&product->description, text);
  if ((text = json_object_get_string_member_with_default (object, "regular_price", NULL)))
    set_str (&product->regular_price, text);
  if ((text = json_object_get_string_member_with_default (object, "status", NULL)) != NULL)
    set_str (&product->status, text);
  if ((text = json_object_get_string_member_with_default (object, "sku", NULL)) != NULL)
    set_str (&product->sku, text);
  if (json_object_has_member (object, "manage_stock"))
    product->manage_stock = json_object_get_boolean_member (object, "manage_stock");
  if (json_object_has_member (object, "stock_quantity"))
    product->stock_quantity = (int) json_object_get_int_member (object, "stock_quantity");
  if (json_object_has_member (object, "images"))
    {
      JsonArray *images = json_object_get_array_member (object, "images");

      g_array_set_size (product->image_ids, 0);
      for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
        {
          JsonObject *image = json_array_get_object_element (images, i);
          gint64 id = image != NULL ? json_object_get_int_member_with_default (image, "id", 0)
                                    : 0;

          if (id > 0)
            g_array_append_val (product->image_ids, id);
        }
    }
}

static TdFakeWooProduct *
product_new (TdFakeWoocommerce *self)
{
  TdFakeWooProduct *product = g_new0 (TdFakeWooProduct, 1);

  product->id = self->next_id++;
  product->sku = g_strdup ("");
  product->name = g_strdup ("");
  product->description = g_strdup ("");
  product->regular_price = g_strdup ("");
  product->status = g_strdup ("publish");
  product->image_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_ptr_array_add (self->products, product);
  return product;
}

/* NULL and @code/@message set when the object can't be created (duplicated SKU). */
static TdFakeWooProduct *
create (TdFakeWoocommerce  *self,
        JsonObject         *object)
{
  const char *sku = json_object_get_string_member_with_default (object, "sku", "");
  TdFakeWooProduct *product;

  if (*sku != '\0' && td_fake_woocommerce_find_sku (self, sku) != NULL)
    return NULL;
  product = product_new (self);
  apply (product, object);
  return product;
}

static gboolean
authorized (TdFakeWoocommerce *self,
            SoupServerMessage *msg)
{
  const char *given = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");

  if (g_strcmp0 (given, self->authorization) == 0)
    return TRUE;
  reply_error (msg, 401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
  return FALSE;
}

/* One refused object of a batch, as WooCommerce reports it in place of the product. */
static void
batch_error (JsonBuilder *builder,
             gint64       id,
             const char  *code,
             const char  *message,
             int          status)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
products_handler (TdFakeServer      *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  TdFakeWoocommerce *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!authorized (self, msg))
    return;

  if (g_str_equal (path, "/products") && g_str_equal (method, "GET"))
    {
      const char *sku = query != NULL ? g_hash_table_lookup (query, "sku") : NULL;
      g_auto(GStrv) skus = sku != NULL ? g_strsplit (sku, ",", -1) : NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < self->products->len; i++)
        {
          TdFakeWooProduct *product = g_ptr_array_index (self->products, i);

          if (skus == NULL || g_strv_contains ((const char * const *) skus, product->sku))
            product_to_json (product, builder);
        }
      json_builder_end_array (builder);
      reply_builder (msg, 200, builder);
    }
  else if (g_str_equal (path, "/products") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) body = td_fake_server_parse_json (msg);
      TdFakeWooProduct *product;

      if (body == NULL)
        return;
      product = create (self, json_node_get_object (body));
      if (product == NULL)
        {
          reply_error (msg, 400, "product_invalid_sku", "Invalid or duplicated SKU.");
          return;
        }
      product_to_json (product, builder);
      reply_builder (msg, 201, builder);
    }
  else if (g_str_equal (path, "/products/batch") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonNode) body = td_fake_server_parse_json (msg);
      JsonObject *object;
      static const char * const parts[] = { "create", "update" };

      if (body == NULL)
        return;
      object = json_node_get_object (body);
      json_builder_begin_object (builder);
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          JsonArray *array = json_object_has_member (object, parts[p])
                             ? json_object_get_array_member (object, parts[p]) : NULL;

          if (array == NULL)
            continue;
          json_builder_set_member_name (builder, parts[p]);
          json_builder_begin_array (builder);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonObject *item = json_array_get_object_element (array, i);
              gint64 id = json_object_get_int_member_with_default (item, "id", 0);
              TdFakeWooProduct *product = p == 0 ? create (self, item) : find_id (self, id);
              gboolean missing = product == NULL;

              if (product != NULL && p == 1)
                apply (product, item);
              if (!missing)
                {
                  product_to_json (product, builder);
                  continue;
                }
              if (p == 0)
                batch_error (builder, id, "product_invalid_sku", "Invalid or duplicated SKU.",
                             400);
              else
                batch_error (builder, id, "woocommerce_rest_product_invalid_id", "Invalid ID.",
                             404);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
      reply_builder (msg, 200, builder);
    }
  else if (g_str_has_prefix (path, "/products/"))
    {
      TdFakeWooProduct *product = find_id (self, g_ascii_strtoll (path + strlen ("/products/"),
                                                                  NULL, 10));

      if (product == NULL)
        {
          reply_error (msg, 404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
          return;
        }
      if (g_str_equal (method, "PUT"))
        {
          g_autoptr(JsonNode) body = td_fake_server_parse_json (msg);

          if (body == NULL)
            return;
          apply (product, json_node_get_object (body));
        }
      product_to_json (product, builder);
      reply_builder (msg, 200, builder);
    }
  else
    reply_error (msg, 404, "rest_no_route", "No route was found matching the URL and request "
                 "method.");
}

static void
media_handler (TdFakeServer      *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TdFakeWoocommerce *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *answer = NULL;
  SoupMessageHeaders *part_headers;
  GBytes *part;
  const guint8 *data;
  gsize size;

  if (!authorized (self, msg))
    return;
  multipart = soup_multipart_new_from_message (headers, body);
  if (multipart == NULL || !soup_multipart_get_part (multipart, 0, &part_headers, &part))
    {
      reply_error (msg, 400, "rest_upload_no_data", "No data supplied.");
      return;
    }
  data = g_bytes_get_data (part, &size);
  if (size < 4 || !((data[0] == 0xff && data[1] == 0xd8) || (data[0] == 0x89 && data[1] == 'P')))
    {
      reply_error (msg, 400, "rest_upload_invalid_type", "Sorry, this file type is not "
                   "permitted.");
      return;
    }
  self->n_media++;
  answer = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"media_type\":\"image\","
                            "\"source_url\":\"https://shop.example/wp-content/uploads/%"
                            G_GINT64_FORMAT ".jpg\"}", self->next_id, self->next_id);
  self->next_id++;
  td_fake_server_reply_json (msg, 201, answer);
}

static int
order_compare (gconstpointer a,
               gconstpointer b)
{
  const Order *x = *(const Order * const *) a;
  const Order *y = *(const Order * const *) b;

  if (x->modified_us != y->modified_us)
    return x->modified_us < y->modified_us ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
orders_handler (TdFakeServer      *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TdFakeWoocommerce *self = user_data;
  const char *after = query != NULL ? g_hash_table_lookup (query, "modified_after") : NULL;
  gint64 after_us = td_http_parse_iso8601 (after);
  guint per_page = MAX (1, query_uint (query, "per_page", 10));
  guint page = MAX (1, query_uint (query, "page", 1));
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *total = NULL;
  g_autofree char *pages = NULL;
  SoupMessageHeaders *headers;

  if (!authorized (self, msg))
    return;
  for (guint i = 0; i < self->orders->len; i++)
    {
      Order *order = g_ptr_array_index (self->orders, i);

      if (after == NULL || order->modified_us > after_us)
        g_ptr_array_add (matching, order);
    }
  g_ptr_array_sort (matching, order_compare);

  json_builder_begin_array (builder);
  for (guint i = (page - 1) * per_page; i < matching->len && i < page * per_page; i++)
    {
      Order *order = g_ptr_array_index (matching, i);
      g_autofree char *modified = td_http_iso8601 (order->modified_us);
      double price = g_ascii_strtod (order->total, NULL) / order->quantity;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, order->id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, order->status);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, "USD");
      json_builder_set_member_name (builder, "total");
      json_builder_add_string_value (builder, order->total);
      json_builder_set_member_name (builder, "date_created_gmt");
      json_builder_add_string_value (builder, modified);
      json_builder_set_member_name (builder, "date_modified_gmt");
      json_builder_add_string_value (builder, modified);
      json_builder_set_member_name (builder, "billing");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "first_name");
      json_builder_add_string_value (builder, "Ada");
      json_builder_set_member_name (builder, "last_name");
      json_builder_add_string_value (builder, "Lovelace");
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "line_items");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, order->id * 10);
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_int_value (builder, order->product_id);
      json_builder_set_member_name (builder, "sku");
      json_builder_add_string_value (builder, order->sku);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, order->quantity);
      json_builder_set_member_name (builder, "total");
      json_builder_add_string_value (builder, order->total);
      json_builder_set_member_name (builder, "price");
      json_builder_add_double_value (builder, price);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  reply_builder (msg, 200, builder);

  total = g_strdup_printf ("%u", matching->len);
  pages = g_strdup_printf ("%u", (matching->len + per_page - 1) / per_page);
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "X-WP-Total", total);
  soup_message_headers_replace (headers, "X-WP-TotalPages", pages);
}

TdFakeWoocommerce *
td_fake_woocommerce_new (TdFakeServer *server,
                         const char   *consumer_key,
                         const char   *consumer_secret)
{
  TdFakeWoocommerce *self = g_new0 (TdFakeWoocommerce, 1);
  g_autofree char *pair = g_strconcat (consumer_key, ":", consumer_secret, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  self->server = server;
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  self->products = g_ptr_array_new_with_free_func (product_free);
  self->orders = g_ptr_array_new_with_free_func (order_free);
  self->next_id = 101;
  td_fake_server_add_handler (server, "/products", products_handler, self);
  td_fake_server_add_handler (server, "/media", media_handler, self);
  td_fake_server_add_handler (server, "/orders", orders_handler, self);
  return self;
}

void
td_fake_woocommerce_free (TdFakeWoocommerce *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->products);
  g_ptr_array_unref (self->orders);
  g_free (self->authorization);
  g_free (self);
}

const TdFakeWooProduct *
td_fake_woocommerce_add_product (TdFakeWoocommerce *self,
                                 const char        *sku,
                                 const char        *name,
                                 const char        *regular_price,
                                 const char        *status,
                                 int                stock_quantity)
{
  TdFakeWooProduct *product = product_new (self);

  set_str (&product->sku, sku);
  set_str (&product->name, name);
  set_str (&product->regular_price, regular_price);
  set_str (&product->status, status);
  product->manage_stock = TRUE;
  product->stock_quantity = stock_quantity;
  return product;
}

const TdFakeWooProduct *
td_fake_woocommerce_find_sku (TdFakeWoocommerce *self,
                              const char        *sku)
{
  for (guint i = 0; i < self->products->len; i++)
    {
      TdFakeWooProduct *product = g_ptr_array_index (self->products, i);

      if (g_strcmp0 (product->sku, sku) == 0)
        return product;
    }
  return NULL;
}

guint
td_fake_woocommerce_n_products (TdFakeWoocommerce *self)
{
  return self->products->len;
}

guint
td_fake_woocommerce_n_media (TdFakeWoocommerce *self)
{
  return self->n_media;
}

void
td_fake_woocommerce_add_order (TdFakeWoocommerce *self,
                               gint64             order_id,
                               const char        *modified_gmt,
                               const char        *status,
                               const char        *sku,
                               gint64             product_id,
                               guint              quantity,
                               const char        *total)
{
  Order *order = NULL;

  /* The same id again: the order was modified (a refund, a status change). */
  for (guint i = 0; i < self->orders->len && order == NULL; i++)
    if (((Order *) g_ptr_array_index (self->orders, i))->id == order_id)
      order = g_ptr_array_index (self->orders, i);
  if (order == NULL)
    {
      order = g_new0 (Order, 1);
      order->id = order_id;
      g_ptr_array_add (self->orders, order);
    }
  order->modified_us = td_http_parse_iso8601 (modified_gmt);
  set_str (&order->status, status);
  set_str (&order->sku, sku);
  order->product_id = product_id;
  order->quantity = MAX (1u, quantity);
  set_str (&order->total, total);
}
