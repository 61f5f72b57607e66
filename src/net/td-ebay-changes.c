/* td-ebay-changes.c — the last step of a batch: bulk publish (→ listing ids) or bulk price
 * and quantity update; and withdrawing (POST /offer/{offerId}/withdraw, which ends the listing
 * and leaves the offer unpublished, so a later publish adopts it). See td-ebay-publish.c for
 * the steps before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ebay"

#include <glib/gi18n.h>

#include "td-ebay-private.h"
#include "td-http.h"

/* 4. Publish, or update price and quantity */

static void
offer_published (TdEbayRun   *run,
                 TdEbayEntry *entry,
                 JsonObject  *element)
{
  const char *listing = json_object_get_string_member_with_default (element, "listingId", NULL);

  if (listing != NULL)
    {
      g_free (entry->listing_id);
      entry->listing_id = g_strdup (listing);
      td_ebay_entry_tell (run, entry);
    }
  td_ebay_entry_end (entry, TD_SYNC_DONE, 0, NULL, TD_LISTING_LIVE);
}

static void
price_updated (TdEbayRun   *run,
               TdEbayEntry *entry,
               JsonObject  *element)
{
  td_ebay_entry_end (entry, TD_SYNC_DONE, 0, NULL,
                     entry->item->quantity > 0 ? TD_LISTING_LIVE : TD_LISTING_ENDED);
}

static void
on_last (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  TdEbayRun *run = g_task_get_task_data (task);
  g_autoptr(TdEbayAnswer) answer = td_ebay_run_answer (task, result);

  if (answer != NULL)
    td_ebay_run_read_responses (run, answer, "offerId",
                                run->op == TD_SYNC_OP_PUBLISH ? offer_published : price_updated);
  /* An item eBay said nothing about has not gone through. */
  for (guint i = 0; i < run->entries->len; i++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

      if (entry->outcome == NULL)
        td_ebay_entry_end (entry, TD_SYNC_RETRY, 0, _("eBay did not answer for this item."),
                           NULL);
    }
  td_ebay_run_return (task);
}

static JsonNode *
price_request (TdEbay      *self,
               TdEbayEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *price = td_http_format_amount (entry->item->price,
                                                  g_strcmp0 (entry->item->currency, "JPY") == 0
                                                  ? 0 : 2);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sku");
  json_builder_add_string_value (builder, entry->item->sku);
  json_builder_set_member_name (builder, "shipToLocationAvailability");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, entry->item->quantity);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "offers");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "offerId");
  json_builder_add_string_value (builder, td_ebay_entry_offer_id (entry));
  json_builder_set_member_name (builder, "availableQuantity");
  json_builder_add_int_value (builder, entry->item->quantity);
  json_builder_set_member_name (builder, "price");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, price);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, entry->item->currency);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
td_ebay_run_last (GTask *task)
{
  TdEbay *self = g_task_get_source_object (task);
  TdEbayRun *run = g_task_get_task_data (task);
  g_autoptr(JsonArray) requests = json_array_new ();
  JsonObject *body;

  for (guint i = 0; i < run->entries->len; i++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

      if (entry->outcome != NULL)
        continue;
      if (td_ebay_entry_offer_id (entry) == NULL)
        {
          if (entry->create_error != NULL)
            td_ebay_entry_end (entry, TD_SYNC_FAILED, 0, entry->create_error, NULL);
          else if (run->op == TD_SYNC_OP_PUBLISH)
            td_ebay_entry_end (entry, TD_SYNC_RETRY, 0, _("eBay did not answer for this item."),
                               NULL);
          else
            td_ebay_entry_end (entry, TD_SYNC_FAILED, 0,
                               _("This item is not on eBay yet; publish it first."), NULL);
          continue;
        }
      if (run->op == TD_SYNC_OP_PUBLISH)
        {
          JsonObject *request = json_object_new ();

          json_object_set_string_member (request, "offerId", td_ebay_entry_offer_id (entry));
          json_array_add_object_element (requests, request);
        }
      else
        json_array_add_element (requests, price_request (self, entry));
    }
  if (json_array_get_length (requests) == 0)
    {
      td_ebay_run_return (task);
      return;
    }
  body = json_object_new ();
  json_object_set_array_member (body, "requests", g_steal_pointer (&requests));
  td_ebay_send_async (self, TD_EBAY_API_INVENTORY, "POST",
                      run->op == TD_SYNC_OP_PUBLISH ? "/bulk_publish_offer"
                                                    : "/bulk_update_price_quantity",
                      json_node_init_object (json_node_alloc (), body), NULL,
                      g_task_get_cancellable (task), on_last, task);
  json_object_unref (body);
}

/* Withdraw */

static void
on_withdrawn (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  TdEbayRun *run = g_task_get_task_data (task);
  TdEbayEntry *entry = g_ptr_array_index (run->entries, run->index);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEbayAnswer) answer = td_ebay_send_finish (TD_EBAY (source), result, &error);

  run->index++;
  if (answer == NULL)
    td_ebay_entry_end (entry, TD_SYNC_FAILED, 0, error->message, NULL);
  else if (answer->status == TD_SYNC_DONE || answer->http_status == 404)
    td_ebay_entry_end (entry, TD_SYNC_DONE, 0, NULL, TD_LISTING_ENDED);
  else
    td_ebay_entry_end (entry, answer->status, answer->retry_after_s, answer->message, NULL);
  td_ebay_run_withdraw (task);
}

void
td_ebay_run_withdraw (GTask *task)
{
  TdEbay *self = g_task_get_source_object (task);
  TdEbayRun *run = g_task_get_task_data (task);

  for (; run->index < run->entries->len; run->index++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, run->index);
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;

      if (entry->outcome != NULL)
        continue;
      if (td_ebay_entry_offer_id (entry) == NULL)
        {
          /* Nothing of it is on eBay: nothing to end. */
          td_ebay_entry_end (entry, TD_SYNC_DONE, 0, NULL, TD_LISTING_ENDED);
          continue;
        }
      id = td_http_escape (td_ebay_entry_offer_id (entry));
      path = g_strdup_printf ("/offer/%s/withdraw", id);
      td_ebay_send_async (self, TD_EBAY_API_INVENTORY, "POST", path, NULL, NULL,
                          g_task_get_cancellable (task), on_withdrawn, task);
      return;
    }
  td_ebay_run_return (task);
}
