/* td-sync-types.c — see td-sync-types.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "td-sync-types.h"

static const char * const op_names[] = {
  [TD_SYNC_OP_PUBLISH] = "publish",
  [TD_SYNC_OP_UPDATE] = "update",
  [TD_SYNC_OP_WITHDRAW] = "withdraw",
  [TD_SYNC_OP_PULL_ORDERS] = "pull_orders",
};

const char *
td_sync_op_to_string (TdSyncOp op)
{
  g_return_val_if_fail ((guint) op < G_N_ELEMENTS (op_names), NULL);
  return op_names[op];
}

gboolean
td_sync_op_from_string (const char *text,
                        TdSyncOp   *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    {
      if (g_strcmp0 (text, op_names[i]) == 0)
        {
          *op = (TdSyncOp) i;
          return TRUE;
        }
    }
  return FALSE;
}

void
td_sync_item_free (TdSyncItem *item)
{
  if (item == NULL)
    return;
  g_free (item->sku);
  g_free (item->title);
  g_free (item->description);
  g_free (item->currency);
  g_free (item->condition);
  g_free (item->condition_note);
  g_free (item->grade_label);
  g_free (item->brand);
  g_free (item->size);
  g_free (item->colour);
  g_free (item->material);
  g_free (item->category_path);
  g_strfreev (item->photo_paths);
  g_free (item->remote_id);
  g_free (item->remote_ref);
  g_free (item);
}

TdSyncOutcome *
td_sync_outcome_new (gint64       item_id,
                     TdSyncStatus status)
{
  TdSyncOutcome *outcome = g_new0 (TdSyncOutcome, 1);

  outcome->item_id = item_id;
  outcome->status = status;
  return outcome;
}

void
td_sync_outcome_free (TdSyncOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->listing_state);
  g_free (outcome->remote_id);
  g_free (outcome->remote_ref);
  g_free (outcome->message);
  g_free (outcome);
}

static void
order_line_free (gpointer data)
{
  TdOnlineOrderLine *line = data;

  g_free (line->sku);
  g_free (line->remote_id);
  g_free (line);
}

TdOnlineOrder *
td_online_order_new (const char *order_id)
{
  TdOnlineOrder *order = g_new0 (TdOnlineOrder, 1);

  order->order_id = g_strdup (order_id);
  order->currency = g_strdup ("");
  order->buyer = g_strdup ("");
  order->lines = g_ptr_array_new_with_free_func (order_line_free);
  return order;
}

void
td_online_order_add_line (TdOnlineOrder *order,
                          const char    *sku,
                          const char    *remote_id,
                          guint          quantity,
                          gint64         price)
{
  TdOnlineOrderLine *line = g_new0 (TdOnlineOrderLine, 1);

  line->sku = g_strdup (sku);
  line->remote_id = g_strdup (remote_id);
  line->quantity = quantity;
  line->price = price;
  g_ptr_array_add (order->lines, line);
}

void
td_online_order_free (TdOnlineOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->order_id);
  g_free (order->currency);
  g_free (order->buyer);
  g_ptr_array_unref (order->lines);
  g_free (order);
}

TdOrderPage *
td_order_page_new (TdSyncStatus status)
{
  TdOrderPage *page = g_new0 (TdOrderPage, 1);

  page->status = status;
  page->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) td_online_order_free);
  return page;
}

void
td_order_page_free (TdOrderPage *page)
{
  if (page == NULL)
    return;
  g_free (page->message);
  g_ptr_array_unref (page->orders);
  g_free (page->next_cursor);
  g_free (page);
}
