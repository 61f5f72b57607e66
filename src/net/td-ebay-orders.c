/* td-ebay-orders.c — online orders from the Fulfillment API's getOrders.
 *
 * GET /order?filter=lastmodifieddate:[<cursor − 5 min>..]&limit=200&offset=N. The cursor is the
 * largest lastModifiedDate imported (ISO 8601, UTC, milliseconds). eBay sorts by creation
 * date, not by modification, so while pages remain the cursor handed back is a paging one,
 * "<filter start>|<next offset>|<largest so far>", and only the last page moves the cursor
 * to the largest lastModifiedDate seen. Duplicates from the overlap are fine: the store
 * de-duplicates by orderId.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ebay"

#include "td-ebay-private.h"
#include "td-http.h"

typedef struct
{
  char  *since;      /* filter start, NULL: eBay's default window */
  guint  offset;
  gint64 max_modified;
} Pull;

static void
pull_free (Pull *pull)
{
  g_free (pull->since);
  g_free (pull);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

GPtrArray *
td_ebay_parse_orders (JsonNode *root,
                      gint64   *max_modified)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func ((GDestroyNotify) td_online_order_free);
  JsonNode *list = NULL;
  JsonArray *array;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    list = json_object_get_member (json_node_get_object (root), "orders");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return orders;
  array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      JsonObject *pricing;
      JsonObject *total;
      JsonNode *lines;
      TdOnlineOrder *order;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = member_string (object, "orderId");
      if (id == NULL)
        continue;
      order = td_online_order_new (id);
      order->created_at = td_http_parse_iso8601 (member_string (object, "creationDate"));
      order->modified_at = td_http_parse_iso8601 (member_string (object, "lastModifiedDate"));
      if (order->modified_at == 0)
        order->modified_at = order->created_at;
      order->paid = g_strcmp0 (member_string (object, "orderPaymentStatus"), "PAID") == 0;
      order->cancelled = g_strcmp0 (member_string (member_object (object, "cancelStatus"),
                                                   "cancelState"), "CANCELED") == 0;
      pricing = member_object (object, "pricingSummary");
      total = member_object (pricing, "total");
      order->total = td_ebay_amount_minor (total);
      g_free (order->currency);
      order->currency = g_strdup (member_string (total, "currency") != NULL
                                  ? member_string (total, "currency") : "");
      g_free (order->buyer);
      order->buyer = g_strdup (member_string (member_object (object, "buyer"), "username"));
      if (order->buyer == NULL)
        order->buyer = g_strdup ("");

      lines = json_object_get_member (object, "lineItems");
      for (guint j = 0; lines != NULL && JSON_NODE_HOLDS_ARRAY (lines)
                        && j < json_array_get_length (json_node_get_array (lines)); j++)
        {
          JsonNode *line_node = json_array_get_element (json_node_get_array (lines), j);
          JsonObject *line;
          gint64 quantity;
          gint64 cost;

          if (!JSON_NODE_HOLDS_OBJECT (line_node))
            continue;
          line = json_node_get_object (line_node);
          quantity = MAX (member_int (line, "quantity"), 1);
          cost = td_ebay_amount_minor (member_object (line, "lineItemCost"));
          td_online_order_add_line (order, member_string (line, "sku"),
                                    member_string (line, "legacyItemId"), (guint) quantity,
                                    cost / quantity);
        }
      if (max_modified != NULL)
        *max_modified = MAX (*max_modified, order->modified_at);
      g_ptr_array_add (orders, order);
    }
  return orders;
}

static Pull *
parse_cursor (const char *cursor)
{
  Pull *pull = g_new0 (Pull, 1);
  g_auto(GStrv) parts = NULL;
  gint64 at;

  if (cursor == NULL || *cursor == '\0')
    return pull;
  parts = g_strsplit (cursor, "|", 3);
  if (g_strv_length (parts) == 3)
    {
      pull->since = *parts[0] != '\0' ? g_strdup (parts[0]) : NULL;
      pull->offset = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      pull->max_modified = td_http_parse_iso8601 (parts[2]);
      return pull;
    }
  at = td_http_parse_iso8601 (cursor);
  if (at > 0)
    pull->since = td_http_iso8601 (at - TD_EBAY_ORDER_OVERLAP_S * G_USEC_PER_SEC);
  return pull;
}

static void
on_orders (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEbayAnswer) answer = td_ebay_send_finish (TD_EBAY (source), result, &error);
  TdOrderPage *page;
  JsonObject *object;
  gint64 max_modified = pull->max_modified;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  page = td_order_page_new (answer->status);
  page->retry_after_s = answer->retry_after_s;
  page->message = g_strdup (answer->message);
  if (answer->status != TD_SYNC_DONE)
    {
      g_task_return_pointer (task, page, (GDestroyNotify) td_order_page_free);
      return;
    }

  g_ptr_array_unref (page->orders);
  page->orders = td_ebay_parse_orders (answer->root, &max_modified);
  object = answer->root != NULL && JSON_NODE_HOLDS_OBJECT (answer->root)
           ? json_node_get_object (answer->root) : NULL;
  page->more = member_string (object, "next") != NULL && page->orders->len > 0;

  if (page->more)
    {
      g_autofree char *max = max_modified > 0 ? td_http_iso8601 (max_modified) : g_strdup ("");

      page->next_cursor = g_strdup_printf ("%s|%u|%s", pull->since != NULL ? pull->since : "",
                                           pull->offset + page->orders->len, max);
    }
  else if (max_modified > 0)
    page->next_cursor = td_http_iso8601 (max_modified);
  else if (pull->since != NULL && pull->offset > 0)
    page->next_cursor = td_http_iso8601 (td_http_parse_iso8601 (pull->since)
                                         + TD_EBAY_ORDER_OVERLAP_S * G_USEC_PER_SEC);
  g_task_return_pointer (task, page, (GDestroyNotify) td_order_page_free);
}

void
td_ebay_pull_orders_async (TdMarketplace       *marketplace,
                           const char          *cursor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TdEbay *self = TD_EBAY (marketplace);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Pull *pull = parse_cursor (cursor);
  g_autoptr(GString) path = g_string_new ("/order?");

  g_task_set_source_tag (task, td_ebay_pull_orders_async);
  g_task_set_task_data (task, pull, (GDestroyNotify) pull_free);
  if (pull->since != NULL)
    {
      g_autofree char *filter = g_strdup_printf ("lastmodifieddate:[%s..]", pull->since);
      g_autofree char *escaped = td_http_escape (filter);

      g_string_append_printf (path, "filter=%s&", escaped);
    }
  g_string_append_printf (path, "limit=%u&offset=%u", TD_EBAY_ORDER_PAGE, pull->offset);
  td_ebay_send_async (self, TD_EBAY_API_FULFILLMENT, "GET", path->str, NULL, NULL, cancellable,
                      on_orders, task);
}

TdOrderPage *
td_ebay_pull_orders_finish (TdMarketplace  *marketplace,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
