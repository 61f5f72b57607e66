/* td-shopify-orders.c — pull Shopify orders on an updated_at cursor.
 *
 * The cursor is the largest updatedAt seen ("2026-12-04T09:15:02.000Z"); each pull asks for
 * orders updated after it minus a 5-minute overlap (clocks, orders saved in the same second),
 * sorted by UPDATED_AT, 50 at a time. While more pages wait the cursor is
 * "BASE|MAX|AFTER": the same search text again, Shopify's page cursor, and the largest
 * updatedAt so far, so a pull that stops between pages goes on where it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-shopify"

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-money.h"
#include "td-shopify-documents.h"
#include "td-shopify-private.h"

gint64
td_shopify_parse_amount (const char *text,
                         int         digits)
{
  return td_http_parse_amount (text, (guint) MAX (digits, 0));
}

/* The three parts of a cursor; absent ones NULL. */
static void
split_cursor (const char  *cursor,
              char       **base,
              char       **max,
              char       **after)
{
  g_auto(GStrv) parts = cursor != NULL ? g_strsplit (cursor, "|", 3) : NULL;

  *base = parts != NULL && parts[0] != NULL && *parts[0] != '\0' ? g_strdup (parts[0]) : NULL;
  *max = parts != NULL && parts[0] != NULL && parts[1] != NULL ? g_strdup (parts[1]) : NULL;
  *after = parts != NULL && parts[0] != NULL && parts[1] != NULL && parts[2] != NULL
           ? g_strdup (parts[2]) : NULL;
}

void
td_shopify_orders_query (const char  *cursor,
                         gint64       now_us,
                         char       **query,
                         char       **after)
{
  g_autofree char *base = NULL;
  g_autofree char *max = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *text = NULL;
  gint64 base_us;

  split_cursor (cursor, &base, &max, after);
  base_us = td_http_parse_iso8601 (base);
  if (base_us == 0)
    base_us = now_us - (gint64) TD_SHOPIFY_DEFAULT_WINDOW_S * G_USEC_PER_SEC;
  since = g_date_time_new_from_unix_utc (base_us / G_USEC_PER_SEC
                                         - TD_SHOPIFY_ORDER_OVERLAP_S);
  text = g_date_time_format (since, "%Y-%m-%dT%H:%M:%SZ");
  *query = g_strdup_printf ("updated_at:>'%s'", text);
}

static JsonObject *
object_at (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
nodes_at (JsonObject *object,
          const char *name)
{
  JsonObject *connection = object_at (object, name);
  JsonNode *node = connection != NULL ? json_object_get_member (connection, "nodes") : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static TdOnlineOrder *
parse_order (JsonObject *node)
{
  const char *id = td_shopify_string (node, "id");
  JsonObject *money = object_at (object_at (node, "totalPriceSet"), "shopMoney");
  const char *currency_code = td_shopify_string (money, "currencyCode");
  const TdCurrency *currency = td_currency_lookup (currency_code);
  int digits = currency != NULL ? currency->digits : 2;
  const char *cancelled_at = td_shopify_string (node, "cancelledAt");
  JsonArray *lines;
  TdOnlineOrder *order;

  if (id == NULL)
    return NULL;
  order = td_online_order_new (id);
  order->created_at = td_http_parse_iso8601 (td_shopify_string (node, "createdAt"));
  order->modified_at = td_http_parse_iso8601 (td_shopify_string (node, "updatedAt"));
  order->paid = g_strcmp0 (td_shopify_string (node, "displayFinancialStatus"), "PAID") == 0;
  order->cancelled = cancelled_at != NULL && *cancelled_at != '\0';
  order->total = td_shopify_parse_amount (td_shopify_string (money, "amount"), digits);
  g_free (order->currency);
  order->currency = g_strdup (currency_code != NULL ? currency_code : "");
  g_free (order->buyer);
  order->buyer = g_strdup ("");

  lines = nodes_at (node, "lineItems");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonNode *element = json_array_get_element (lines, i);
      JsonObject *line;
      JsonObject *unit;
      JsonNode *quantity;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      line = json_node_get_object (element);
      unit = object_at (object_at (line, "originalUnitPriceSet"), "shopMoney");
      quantity = json_object_get_member (line, "quantity");
      td_online_order_add_line (order, td_shopify_string (line, "sku"),
                                td_shopify_string (object_at (line, "product"), "id"),
                                quantity != NULL && JSON_NODE_HOLDS_VALUE (quantity)
                                && json_node_get_value_type (quantity) == G_TYPE_INT64
                                ? (guint) MAX (json_node_get_int (quantity), 0) : 0,
                                td_shopify_parse_amount (td_shopify_string (unit, "amount"),
                                                         digits));
    }
  return order;
}

void
td_shopify_orders_parse (TdShopifyReply *reply,
                         const char     *cursor,
                         gint64          now_us,
                         TdOrderPage    *page)
{
  g_autofree char *base = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *after = NULL;
  JsonObject *orders = td_shopify_reply_object (reply, "orders");
  JsonObject *info = object_at (orders, "pageInfo");
  JsonNode *nodes = orders != NULL ? json_object_get_member (orders, "nodes") : NULL;
  JsonNode *has_next = info != NULL ? json_object_get_member (info, "hasNextPage") : NULL;
  const char *end_cursor = td_shopify_string (info, "endCursor");
  gint64 max_us;

  split_cursor (cursor, &base, &max_text, &after);
  if (base == NULL)
    base = td_http_iso8601 (now_us - (gint64) TD_SHOPIFY_DEFAULT_WINDOW_S * G_USEC_PER_SEC);
  max_us = MAX (td_http_parse_iso8601 (base), td_http_parse_iso8601 (max_text));

  if (nodes == NULL || !JSON_NODE_HOLDS_ARRAY (nodes))
    {
      page->status = TD_SYNC_RETRY;
      g_free (page->message);
      page->message = g_strdup (_("Shopify’s answer had no order list; Thriftdesk will try "
                                  "again."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (nodes)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (nodes), i);
      TdOnlineOrder *order;

      if (!JSON_NODE_HOLDS_OBJECT (element)
          || (order = parse_order (json_node_get_object (element))) == NULL)
        continue;
      max_us = MAX (max_us, order->modified_at);
      g_ptr_array_add (page->orders, order);
    }

  page->status = TD_SYNC_DONE;
  page->more = has_next != NULL && JSON_NODE_HOLDS_VALUE (has_next)
               && json_node_get_boolean (has_next) && end_cursor != NULL;
  g_free (page->next_cursor);
  if (page->more)
    {
      g_autofree char *max_iso = td_http_iso8601 (max_us);

      page->next_cursor = g_strdup_printf ("%s|%s|%s", base, max_iso, end_cursor);
    }
  else
    page->next_cursor = td_http_iso8601 (max_us);
}

typedef struct
{
  char   *cursor;
  gint64  now_us;
} Pull;

static void
pull_free (Pull *pull)
{
  g_free (pull->cursor);
  g_free (pull);
}

static void
on_orders (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(TdShopifyReply) reply = td_shopify_graphql_finish (TD_SHOPIFY (source), result);
  TdOrderPage *page = td_order_page_new (reply->status);

  if (reply->status == TD_SYNC_DONE)
    td_shopify_orders_parse (reply, pull->cursor, pull->now_us, page);
  else
    {
      page->message = g_strdup (reply->message);
      page->retry_after_s = reply->retry_after_s;
    }
  g_task_return_pointer (task, page, (GDestroyNotify) td_order_page_free);
}

void
td_shopify_pull_orders_async (TdMarketplace       *marketplace,
                              const char          *cursor,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (marketplace, cancellable, callback, user_data);
  Pull *pull = g_new0 (Pull, 1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *query = NULL;
  g_autofree char *after = NULL;

  g_task_set_source_tag (task, td_shopify_pull_orders_async);
  pull->cursor = g_strdup (cursor);
  pull->now_us = g_get_real_time ();
  g_task_set_task_data (task, pull, (GDestroyNotify) pull_free);

  td_shopify_orders_query (cursor, pull->now_us, &query, &after);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "first");
  json_builder_add_int_value (builder, TD_SHOPIFY_ORDERS_PER_PAGE);
  json_builder_set_member_name (builder, "after");
  if (after != NULL)
    json_builder_add_string_value (builder, after);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query);
  json_builder_end_object (builder);

  td_shopify_graphql_async (TD_SHOPIFY (marketplace), TD_SHOPIFY_ORDERS,
                            json_builder_get_root (builder), cancellable, on_orders, task);
}

TdOrderPage *
td_shopify_pull_orders_finish (TdMarketplace  *marketplace,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
