/* td-etsy-orders.c — Etsy receipts → online orders, on a `min_last_modified` cursor.
 *
 * getShopReceipts?min_last_modified=…&was_paid=true&sort_on=updated&sort_order=asc&limit=100
 * &offset=…. The cursor is unix seconds:
 *   "T"    the newest updated_timestamp imported; the next pull starts at T − 300 s (receipts
 *          modified while the last pull ran are read again; the store de-duplicates);
 *   "T,K"  inside a long pull: start at exactly T and skip the K receipts already read that
 *          carry updated_timestamp T — so paging moves on even when the list shifts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-etsy"

#include <glib/gi18n.h>

#include "td-etsy-private.h"
#include "td-http.h"
#include "td-money.h"

/* Etsy refuses timestamps before 2000-01-01. */
#define EARLIEST_S    946684800
/* Without a cursor: the last week. */
#define FIRST_WINDOW_S (7 * 24 * 3600)

typedef struct
{
  gint64 since;     /* min_last_modified sent */
  gint64 skip;      /* offset sent */
  char  *cursor;    /* as received */
} Pull;

static void
pull_free (Pull *pull)
{
  g_free (pull->cursor);
  g_free (pull);
}

gint64
td_etsy_money_minor (JsonObject *money)
{
  gint64 amount, divisor, scale = 1;
  const TdCurrency *currency;
  int digits;

  if (money == NULL)
    return 0;
  amount = json_object_get_int_member_with_default (money, "amount", 0);
  divisor = json_object_get_int_member_with_default (money, "divisor", 100);
  currency = td_currency_lookup (json_object_get_string_member_with_default (money,
                                                                             "currency_code",
                                                                             ""));
  digits = currency != NULL ? currency->digits : 2;
  for (int i = 0; i < digits; i++)
    scale *= 10;
  if (divisor <= 0)
    divisor = 1;
  if (divisor == scale)
    return amount;
  /* Round half away from zero. */
  return (amount * scale + (amount >= 0 ? divisor / 2 : -divisor / 2)) / divisor;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

GPtrArray *
td_etsy_parse_receipts (JsonNode *root)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func ((GDestroyNotify) td_online_order_free);
  JsonObject *object;
  JsonArray *results;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return orders;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "results")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "results")))
    return orders;
  results = json_object_get_array_member (object, "results");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *receipt = json_array_get_object_element (results, i);
      g_autofree char *id = NULL;
      g_autoptr(TdOnlineOrder) order = NULL;
      JsonObject *total;
      JsonArray *transactions;
      const char *status, *name;
      gint64 created, updated;

      if (receipt == NULL || int_member (receipt, "receipt_id") <= 0)
        continue;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, int_member (receipt, "receipt_id"));
      order = td_online_order_new (id);

      created = int_member (receipt, "created_timestamp");
      if (created == 0)
        created = int_member (receipt, "create_timestamp");
      updated = int_member (receipt, "updated_timestamp");
      if (updated == 0)
        updated = int_member (receipt, "update_timestamp");
      order->created_at = created * G_USEC_PER_SEC;
      order->modified_at = MAX (updated, created) * G_USEC_PER_SEC;

      status = json_object_get_string_member_with_default (receipt, "status", "");
      order->paid = json_object_get_boolean_member_with_default (receipt, "is_paid", FALSE);
      order->cancelled = g_ascii_strcasecmp (status, "canceled") == 0
                         || g_ascii_strcasecmp (status, "fully refunded") == 0;

      total = object_member (receipt, "grandtotal");
      if (total == NULL)
        total = object_member (receipt, "total_price");
      order->total = td_etsy_money_minor (total);
      if (total != NULL)
        {
          g_free (order->currency);
          order->currency = g_strdup (json_object_get_string_member_with_default (total,
                                                                                  "currency_code",
                                                                                  ""));
        }
      name = json_object_get_string_member_with_default (receipt, "name", NULL);
      g_free (order->buyer);
      order->buyer = name != NULL && *name != '\0'
                     ? g_strdup (name)
                     : g_strdup_printf ("%" G_GINT64_FORMAT, int_member (receipt,
                                                                          "buyer_user_id"));

      transactions = json_object_has_member (receipt, "transactions")
                     && JSON_NODE_HOLDS_ARRAY (json_object_get_member (receipt, "transactions"))
                     ? json_object_get_array_member (receipt, "transactions") : NULL;
      for (guint t = 0; transactions != NULL && t < json_array_get_length (transactions); t++)
        {
          JsonObject *line = json_array_get_object_element (transactions, t);
          g_autofree char *listing = NULL;
          const char *sku;

          if (line == NULL)
            continue;
          sku = json_object_get_string_member_with_default (line, "sku", NULL);
          if (int_member (line, "listing_id") > 0)
            listing = g_strdup_printf ("%" G_GINT64_FORMAT, int_member (line, "listing_id"));
          td_online_order_add_line (order, sku != NULL && *sku != '\0' ? sku : NULL, listing,
                                    (guint) MAX (int_member (line, "quantity"), 1),
                                    td_etsy_money_minor (object_member (line, "price")));
        }
      g_ptr_array_add (orders, g_steal_pointer (&order));
    }
  return orders;
}

static void
on_receipts (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEtsyAnswer) answer = td_etsy_send_finish (TD_ETSY (source), result, &error);
  g_autoptr(TdOrderPage) page = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  gint64 last = 0, same = 0;

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

  orders = td_etsy_parse_receipts (answer->root);
  /* Sorted by updated, ascending: the last one is the newest. Count the receipts sharing its
   * second so a following page skips exactly those. */
  for (guint i = 0; i < orders->len; i++)
    {
      TdOnlineOrder *order = g_ptr_array_index (orders, i);
      gint64 updated = order->modified_at / G_USEC_PER_SEC;

      if (updated > last)
        {
          last = updated;
          same = 0;
        }
      if (updated == last)
        same++;
    }
  if (last == pull->since)
    same += pull->skip;

  page->more = orders->len >= TD_ETSY_ORDER_PAGE;
  if (orders->len == 0)
    {
      /* Nothing new: keep the cursor where it is (without the "inside a pull" part). */
      if (pull->skip > 0)
        page->next_cursor = g_strdup_printf ("%" G_GINT64_FORMAT, pull->since);
      else if (pull->cursor != NULL && *pull->cursor != '\0')
        page->next_cursor = g_strdup (pull->cursor);
      else
        page->next_cursor = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             pull->since + TD_ETSY_ORDER_OVERLAP_S);
    }
  else if (page->more)
    page->next_cursor = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, last, same);
  else
    page->next_cursor = g_strdup_printf ("%" G_GINT64_FORMAT, last);

  g_ptr_array_extend_and_steal (page->orders, g_steal_pointer (&orders));
  g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) td_order_page_free);
}

void
td_etsy_pull_orders_async (TdMarketplace       *marketplace,
                           const char          *cursor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TdEtsy *self = TD_ETSY (marketplace);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Pull *pull = g_new0 (Pull, 1);
  g_autofree char *since = NULL;
  g_autofree char *skip = NULL;
  TdEtsyRequest *request;

  g_task_set_source_tag (task, td_etsy_pull_orders_async);
  pull->cursor = g_strdup (cursor);
  if (cursor != NULL && *cursor != '\0')
    {
      char *end = NULL;

      pull->since = g_ascii_strtoll (cursor, &end, 10);
      if (end != NULL && *end == ',')
        pull->skip = g_ascii_strtoll (end + 1, NULL, 10);
      else
        pull->since -= TD_ETSY_ORDER_OVERLAP_S;
    }
  else
    pull->since = g_get_real_time () / G_USEC_PER_SEC - FIRST_WINDOW_S;
  pull->since = MAX (pull->since, EARLIEST_S);
  pull->skip = MAX (pull->skip, 0);
  g_task_set_task_data (task, pull, (GDestroyNotify) pull_free);

  if (td_etsy_setting_int (self, "shop_id") <= 0)
    {
      TdOrderPage *page = td_order_page_new (TD_SYNC_FAILED);

      page->message = g_strdup_printf (_("Choose the Etsy shop of “%s” in Preferences → "
                                         "Marketplaces."), self->account->name);
      g_task_return_pointer (task, page, (GDestroyNotify) td_order_page_free);
      g_object_unref (task);
      return;
    }

  since = g_strdup_printf ("%" G_GINT64_FORMAT, pull->since);
  skip = g_strdup_printf ("%" G_GINT64_FORMAT, pull->skip);
  request = td_etsy_request_new (self, "GET",
                                 "/v3/application/shops/%" G_GINT64_FORMAT "/receipts",
                                 td_etsy_setting_int (self, "shop_id"));
  td_etsy_request_add_query (request, "min_last_modified", since);
  td_etsy_request_add_query (request, "was_paid", "true");
  td_etsy_request_add_query (request, "sort_on", "updated");
  td_etsy_request_add_query (request, "sort_order", "asc");
  td_etsy_request_add_query (request, "limit", G_STRINGIFY (TD_ETSY_ORDER_PAGE));
  td_etsy_request_add_query (request, "offset", skip);
  td_etsy_send_async (self, request, cancellable, on_receipts, task);
}

TdOrderPage *
td_etsy_pull_orders_finish (TdMarketplace  *marketplace,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
