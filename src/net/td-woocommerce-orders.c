/* td-woocommerce-orders.c — WooCommerce orders → online orders, on a `modified_after` cursor.
 *
 * GET /orders?modified_after=…Z&dates_are_gmt=true&per_page=100&page=N&orderby=modified
 * &order=asc. The cursor is an ISO 8601 UTC time:
 *   "T"    the newest date_modified_gmt imported; the next pull asks for orders modified after
 *          T − 300 s (orders saved while the last pull ran are read again; the store
 *          de-duplicates by order id);
 *   "T|N"  inside a long pull where a whole page was modified within those 300 s: the same
 *          query again, page N, so paging moves on.
 * Status processing/completed is paid; cancelled/refunded/failed is cancelled; pending and
 * on-hold are neither (nothing to sell yet).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-woocommerce"

#include "td-http.h"
#include "td-woocommerce-private.h"

/* Without a cursor: the last week. */
#define FIRST_WINDOW_S (7 * 24 * 3600)

typedef struct
{
  gint64 cursor_us;   /* T, 0 without a cursor */
  gint64 since_us;    /* modified_after sent */
  guint  page;        /* page sent */
} Pull;

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
modified_of (JsonObject *order)
{
  const char *gmt = string_member (order, "date_modified_gmt");

  return td_http_parse_iso8601 (gmt != NULL ? gmt : string_member (order, "date_modified"));
}

GPtrArray *
td_woo_parse_orders (JsonNode *root)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func ((GDestroyNotify) td_online_order_free);
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return orders;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 id = td_woo_object_id (node);
      g_autofree char *order_id = NULL;
      g_autoptr(TdOnlineOrder) order = NULL;
      JsonNode *billing;
      JsonNode *lines;
      const char *status;
      const char *created;

      if (object == NULL || id <= 0)
        continue;
      order_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      order = td_online_order_new (order_id);

      status = json_object_get_string_member_with_default (object, "status", "");
      order->paid = g_str_equal (status, "processing") || g_str_equal (status, "completed");
      order->cancelled = g_str_equal (status, "cancelled") || g_str_equal (status, "refunded")
                         || g_str_equal (status, "failed");
      created = string_member (object, "date_created_gmt");
      order->created_at = td_http_parse_iso8601 (created != NULL
                                                 ? created
                                                 : string_member (object, "date_created"));
      order->modified_at = modified_of (object);
      g_free (order->currency);
      order->currency = g_strdup (json_object_get_string_member_with_default (object,
                                                                              "currency", ""));
      order->total = td_woo_parse_price (json_object_get_member (object, "total"),
                                         order->currency);

      billing = json_object_get_member (object, "billing");
      if (billing != NULL && JSON_NODE_HOLDS_OBJECT (billing))
        {
          JsonObject *who = json_node_get_object (billing);
          g_autofree char *name = g_strdup_printf (
            "%s %s", json_object_get_string_member_with_default (who, "first_name", ""),
            json_object_get_string_member_with_default (who, "last_name", ""));

          g_free (order->buyer);
          order->buyer = g_strdup (g_strstrip (name));
        }

      lines = json_object_get_member (object, "line_items");
      for (guint l = 0; lines != NULL && JSON_NODE_HOLDS_ARRAY (lines)
                        && l < json_array_get_length (json_node_get_array (lines)); l++)
        {
          JsonNode *line_node = json_array_get_element (json_node_get_array (lines), l);
          JsonObject *line = JSON_NODE_HOLDS_OBJECT (line_node)
                             ? json_node_get_object (line_node) : NULL;
          const char *sku;
          gint64 product_id, quantity, total;
          g_autofree char *remote_id = NULL;

          if (line == NULL)
            continue;
          sku = string_member (line, "sku");
          product_id = json_object_get_int_member_with_default (line, "product_id", 0);
          quantity = MAX (1, json_object_get_int_member_with_default (line, "quantity", 1));
          /* The line's total after discounts, per unit; "price" is a float. */
          total = td_woo_parse_price (json_object_get_member (line, "total"), order->currency);
          if (product_id > 0)
            remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, product_id);
          td_online_order_add_line (order, sku != NULL && *sku != '\0' ? sku : NULL, remote_id,
                                    (guint) quantity, total / quantity);
        }
      g_ptr_array_add (orders, g_steal_pointer (&order));
    }
  return orders;
}

static void
on_orders (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWooAnswer) answer = td_woo_send_finish (TD_WOOCOMMERCE (source), result, &error);
  g_autoptr(TdOrderPage) page = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  gint64 newest = pull->cursor_us;
  gboolean full, progress = FALSE;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  page = td_order_page_new (answer->status);
  if (answer->status != TD_SYNC_DONE)
    {
      page->message = g_strdup (answer->message);
      page->retry_after_s = answer->retry_after_s;
      g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) td_order_page_free);
      return;
    }

  orders = td_woo_parse_orders (answer->root);
  for (guint i = 0; i < orders->len; i++)
    newest = MAX (newest, ((TdOnlineOrder *) g_ptr_array_index (orders, i))->modified_at);
  /* Asking again from newest − overlap skips at least one order of this page? */
  for (guint i = 0; i < orders->len; i++)
    if (((TdOnlineOrder *) g_ptr_array_index (orders, i))->modified_at
        <= newest - TD_WOO_ORDER_OVERLAP_S * G_USEC_PER_SEC)
      progress = TRUE;

  full = orders->len >= TD_WOO_ORDER_PAGE || answer->total_pages > pull->page;
  page->more = full && orders->len > 0;
  if (newest == 0)
    newest = pull->since_us + TD_WOO_ORDER_OVERLAP_S * G_USEC_PER_SEC;
  if (page->more && !progress)
    {
      g_autofree char *base = td_http_iso8601 (pull->cursor_us != 0
                                               ? pull->cursor_us
                                               : pull->since_us
                                                 + TD_WOO_ORDER_OVERLAP_S * G_USEC_PER_SEC);

      page->next_cursor = g_strdup_printf ("%s|%u", base, pull->page + 1);
    }
  else
    page->next_cursor = td_http_iso8601 (newest);

  g_ptr_array_extend_and_steal (page->orders, g_steal_pointer (&orders));
  g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) td_order_page_free);
}

void
td_woo_pull_orders_async (TdMarketplace       *marketplace,
                          const char          *cursor,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TdWoocommerce *self = TD_WOOCOMMERCE (marketplace);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Pull *pull = g_new0 (Pull, 1);
  g_autofree char *since = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, td_woo_pull_orders_async);
  pull->page = 1;
  if (cursor != NULL && *cursor != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (cursor, "|", 2);

      pull->cursor_us = td_http_parse_iso8601 (parts[0]);
      if (parts[1] != NULL)
        pull->page = MAX (1, (guint) g_ascii_strtoull (parts[1], NULL, 10));
    }
  if (pull->cursor_us != 0)
    pull->since_us = pull->cursor_us - TD_WOO_ORDER_OVERLAP_S * G_USEC_PER_SEC;
  else
    pull->since_us = g_get_real_time () - (gint64) FIRST_WINDOW_S * G_USEC_PER_SEC;
  g_task_set_task_data (task, pull, g_free);

  /* Whole seconds, with the Z the contract's date-time format wants. */
  since = td_http_iso8601 (pull->since_us - pull->since_us % G_USEC_PER_SEC);
  escaped = td_http_escape (since);
  path = g_strdup_printf ("/orders?modified_after=%s&dates_are_gmt=true&per_page=%u&page=%u"
                          "&orderby=modified&order=asc", escaped, TD_WOO_ORDER_PAGE,
                          pull->page);
  td_woo_send_async (self, td_woo_json_message ("GET", self->base_url, path, NULL), cancellable,
                     on_orders, task);
}

TdOrderPage *
td_woo_pull_orders_finish (TdMarketplace  *marketplace,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
