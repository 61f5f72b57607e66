/* td-ebay-publish.c — a batch of ≤ 25 items: publish, update, withdraw.
 *
 * Publish and update go step by step over the whole batch, each item leaving the batch the
 * moment eBay refuses it:
 *   1. photos → Media API create_image_from_file, one per photo; each EPS URL is kept in the
 *      item's remote_ref ("image_urls") and reported, so a retry never uploads it again;
 *   2. bulk_create_or_replace_inventory_item (idempotent by SKU; 207 read per item);
 *   3. the offer: remote_ref's "offer_id"; else, when remote_ref says a create was sent
 *      ("offer_pending", reported before the call goes out) and its answer never came back,
 *      GET /offer?sku= and adopt what eBay has; else bulk_create_offer — each offerId is
 *      reported at once. A create eBay refuses (an offer made elsewhere for the SKU) is also
 *      followed by a look-up, so an existing offer is adopted, never duplicated;
 *   4. publish: bulk_publish_offer → listingId (the item's remote_id);
 *      update: bulk_update_price_quantity with the price as a decimal string.
 * Withdraw ends the listing with POST /offer/{offerId}/withdraw (the offer stays, unpublished,
 * so a later publish adopts it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ebay"

#include <glib/gi18n.h>

#include "td-ebay-private.h"
#include "td-http.h"

static void
entry_free (TdEbayEntry *entry)
{
  g_clear_pointer (&entry->outcome, td_sync_outcome_free);
  g_clear_pointer (&entry->ref, json_object_unref);
  g_free (entry->listing_id);
  g_free (entry->create_error);
  g_free (entry);
}

static void
run_free (TdEbayRun *run)
{
  g_ptr_array_unref (run->entries);
  g_free (run);
}

static char *
ref_text (TdEbayEntry *entry)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), entry->ref);

  return json_to_string (node, FALSE);
}

const char *
td_ebay_entry_offer_id (TdEbayEntry *entry)
{
  const char *id = json_object_get_string_member_with_default (entry->ref, "offer_id", "");

  return *id != '\0' ? id : NULL;
}

static JsonArray *
image_urls (TdEbayEntry *entry)
{
  if (!json_object_has_member (entry->ref, "image_urls")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (entry->ref, "image_urls")))
    json_object_set_array_member (entry->ref, "image_urls", json_array_new ());
  return json_object_get_array_member (entry->ref, "image_urls");
}

void
td_ebay_entry_tell (TdEbayRun   *run,
                    TdEbayEntry *entry)
{
  g_autofree char *text = ref_text (entry);

  if (run->remote_known != NULL)
    run->remote_known (entry->item->item_id,
                       entry->listing_id != NULL ? entry->listing_id : entry->item->remote_id,
                       text, run->remote_known_data);
}

void
td_ebay_entry_end (TdEbayEntry  *entry,
                   TdSyncStatus  status,
                   guint         retry_after_s,
                   const char   *message,
                   const char   *listing_state)
{
  g_assert (entry->outcome == NULL);
  entry->outcome = td_http_outcome (entry->item->item_id, status, retry_after_s, message);
  entry->outcome->listing_state = g_strdup (status == TD_SYNC_DONE ? listing_state : NULL);
  entry->outcome->remote_id = g_strdup (entry->listing_id != NULL ? entry->listing_id
                                                                  : entry->item->remote_id);
  entry->outcome->remote_ref = ref_text (entry);
}

/* Every item still going ends with @answer's status and words. */
static void
end_pending (TdEbayRun    *run,
             TdEbayAnswer *answer)
{
  for (guint i = 0; i < run->entries->len; i++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

      if (entry->outcome == NULL)
        td_ebay_entry_end (entry, answer->status, answer->retry_after_s, answer->message, NULL);
    }
}

static guint
n_pending (TdEbayRun *run)
{
  guint n = 0;

  for (guint i = 0; i < run->entries->len; i++)
    n += ((TdEbayEntry *) g_ptr_array_index (run->entries, i))->outcome == NULL;
  return n;
}

static TdEbayEntry *
entry_for (TdEbayRun  *run,
           const char *member,
           const char *value)
{
  for (guint i = 0; value != NULL && i < run->entries->len; i++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

      if (entry->outcome != NULL)
        continue;
      if (g_str_equal (member, "sku") && g_strcmp0 (entry->item->sku, value) == 0)
        return entry;
      if (g_str_equal (member, "offerId")
          && g_strcmp0 (td_ebay_entry_offer_id (entry), value) == 0)
        return entry;
    }
  return NULL;
}

/* The task's answer, or NULL when the step failed for every pending item (recorded). */
TdEbayAnswer *
td_ebay_run_answer (GTask        *task,
                    GAsyncResult *result)
{
  TdEbayRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  TdEbayAnswer *answer = td_ebay_send_finish (g_task_get_source_object (task), result, &error);

  if (answer == NULL)
    {
      g_autoptr(TdEbayAnswer) local = g_new0 (TdEbayAnswer, 1);

      local->status = TD_SYNC_FAILED;
      local->message = g_strdup (error->message);
      end_pending (run, local);
    }
  return answer;
}

/* Reads a bulk answer's "responses": each element ends its item unless it is DONE; @done
 * is called for DONE ones. Anything but 200/207 ends every pending item. */
void
td_ebay_run_read_responses (TdEbayRun         *run,
                            TdEbayAnswer      *answer,
                            const char        *key,
                            TdEbayElementDone  done)
{
  JsonNode *responses = NULL;

  if (answer->status == TD_SYNC_DONE && answer->root != NULL
      && JSON_NODE_HOLDS_OBJECT (answer->root))
    responses = json_object_get_member (json_node_get_object (answer->root), "responses");
  if (responses == NULL || !JSON_NODE_HOLDS_ARRAY (responses))
    {
      if (answer->status == TD_SYNC_DONE)
        {
          g_free (answer->message);
          answer->message = g_strdup (_("eBay’s answer to a batch can’t be read."));
          answer->status = TD_SYNC_RETRY;
        }
      end_pending (run, answer);
      return;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (responses)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (responses), i);
      JsonObject *element;
      g_autofree char *message = NULL;
      TdSyncStatus status;
      TdEbayEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      element = json_node_get_object (node);
      entry = entry_for (run, key, json_object_get_string_member_with_default (element, key,
                                                                                NULL));
      if (entry == NULL)
        continue;
      status = td_ebay_item_status (element, &message);
      if (status != TD_SYNC_DONE)
        td_ebay_entry_end (entry, status, 0, message, NULL);
      else if (done != NULL)
        done (run, entry, element);
    }
}

static void step_photos (GTask *task);
static void step_inventory (GTask *task);
static void step_lookup (GTask *task);
static void step_offers (GTask *task);

void
td_ebay_run_return (GTask *task)
{
  TdEbayRun *run = g_task_get_task_data (task);
  GPtrArray *outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_outcome_free);

  for (guint i = 0; i < run->entries->len; i++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

      g_assert (entry->outcome != NULL);
      g_ptr_array_add (outcomes, g_steal_pointer (&entry->outcome));
    }
  g_task_return_pointer (task, outcomes, (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

/* 1. Photos */

static void
on_photo (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  TdEbayRun *run = g_task_get_task_data (task);
  TdEbayEntry *entry = g_ptr_array_index (run->entries, run->index);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEbayAnswer) answer = td_ebay_send_finish (TD_EBAY (source), result, &error);
  const char *url = NULL;

  if (answer == NULL)
    {
      td_ebay_entry_end (entry, TD_SYNC_FAILED, 0, error->message, NULL);
      run->index++;
      run->photo = 0;
      step_photos (task);
      return;
    }
  if (answer->status == TD_SYNC_DONE && answer->root != NULL
      && JSON_NODE_HOLDS_OBJECT (answer->root))
    url = json_object_get_string_member_with_default (json_node_get_object (answer->root),
                                                      "imageUrl", NULL);
  if (answer->status != TD_SYNC_DONE || url == NULL)
    {
      td_ebay_entry_end (entry, answer->status != TD_SYNC_DONE ? answer->status : TD_SYNC_RETRY,
                         answer->retry_after_s,
                         answer->status != TD_SYNC_DONE ? answer->message
                         : _("eBay took a photo but gave no address for it."), NULL);
      run->index++;
      run->photo = 0;
      step_photos (task);
      return;
    }
  json_array_add_string_element (image_urls (entry), url);
  td_ebay_entry_tell (run, entry);
  run->photo++;
  step_photos (task);
}

static void
step_photos (GTask *task)
{
  TdEbayRun *run = g_task_get_task_data (task);

  for (; run->index < run->entries->len; run->index++, run->photo = 0)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, run->index);
      guint n_photos = entry->item->photo_paths != NULL
                       ? g_strv_length (entry->item->photo_paths) : 0;

      /* eBay takes at most 24 pictures a listing. */
      n_photos = MIN (n_photos, 24u);
      if (entry->outcome != NULL)
        continue;
      run->photo = MAX (run->photo, json_array_get_length (image_urls (entry)));
      if (run->photo < n_photos)
        {
          td_ebay_send_async (g_task_get_source_object (task), TD_EBAY_API_MEDIA, "POST",
                              "/image/create_image_from_file", NULL,
                              entry->item->photo_paths[run->photo],
                              g_task_get_cancellable (task), on_photo, task);
          return;
        }
    }
  step_inventory (task);
}

/* 2. Inventory items */

static void
on_inventory (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  TdEbayRun *run = g_task_get_task_data (task);
  g_autoptr(TdEbayAnswer) answer = td_ebay_run_answer (task, result);

  if (answer != NULL)
    td_ebay_run_read_responses (run, answer, "sku", NULL);
  run->index = 0;
  step_lookup (task);
}

static void
step_inventory (GTask *task)
{
  TdEbay *self = g_task_get_source_object (task);
  TdEbayRun *run = g_task_get_task_data (task);
  g_autoptr(JsonArray) requests = json_array_new ();
  JsonObject *body;

  if (n_pending (run) == 0)
    {
      td_ebay_run_return (task);
      return;
    }
  for (guint i = 0; i < run->entries->len; i++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

      if (entry->outcome == NULL)
        json_array_add_element (requests, td_ebay_inventory_item_for (self, entry->item,
                                                                      image_urls (entry)));
    }
  body = json_object_new ();
  json_object_set_array_member (body, "requests", g_steal_pointer (&requests));
  td_ebay_send_async (self, TD_EBAY_API_INVENTORY, "POST", "/bulk_create_or_replace_inventory_item",
                      json_node_init_object (json_node_alloc (), body), NULL,
                      g_task_get_cancellable (task), on_inventory, task);
  json_object_unref (body);
}

/* 3. Offers: adopt what eBay has for the SKU, create the rest */

static void
on_lookup (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  TdEbayRun *run = g_task_get_task_data (task);
  TdEbayEntry *entry = g_ptr_array_index (run->entries, run->index);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEbayAnswer) answer = td_ebay_send_finish (TD_EBAY (source), result, &error);
  JsonNode *offers = NULL;

  run->index++;
  if (answer == NULL)
    {
      td_ebay_entry_end (entry, TD_SYNC_FAILED, 0, error->message, NULL);
      step_lookup (task);
      return;
    }
  /* eBay answers 404 (25713) when the SKU has no offer. */
  if (answer->http_status == 404)
    {
      step_lookup (task);
      return;
    }
  if (answer->status != TD_SYNC_DONE)
    {
      td_ebay_entry_end (entry, answer->status, answer->retry_after_s, answer->message, NULL);
      step_lookup (task);
      return;
    }
  if (answer->root != NULL && JSON_NODE_HOLDS_OBJECT (answer->root))
    offers = json_object_get_member (json_node_get_object (answer->root), "offers");
  if (offers != NULL && JSON_NODE_HOLDS_ARRAY (offers))
    {
      JsonArray *array = json_node_get_array (offers);
      const char *marketplace_id = TD_EBAY (source)->marketplace_id;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *offer = json_array_get_object_element (array, i);
          const char *id = json_object_get_string_member_with_default (offer, "offerId", NULL);

          if (id == NULL || g_strcmp0 (json_object_get_string_member_with_default (
                                         offer, "marketplaceId", marketplace_id),
                                       marketplace_id) != 0)
            continue;
          json_object_remove_member (entry->ref, "offer_pending");
          json_object_set_string_member (entry->ref, "offer_id", id);
          if (json_object_has_member (offer, "listing")
              && JSON_NODE_HOLDS_OBJECT (json_object_get_member (offer, "listing")))
            {
              const char *listing = json_object_get_string_member_with_default (
                json_object_get_object_member (offer, "listing"), "listingId", NULL);
              if (listing != NULL && entry->listing_id == NULL)
                entry->listing_id = g_strdup (listing);
            }
          td_ebay_entry_tell (run, entry);
          break;
        }
    }
  step_lookup (task);
}

/* Publish looks an item up only when an earlier create may have reached eBay unanswered,
 * or eBay refused to create one; update and withdraw whenever they lack the offer id. */
static gboolean
needs_lookup (TdEbayRun   *run,
              TdEbayEntry *entry)
{
  if (entry->outcome != NULL || td_ebay_entry_offer_id (entry) != NULL)
    return FALSE;
  return run->op != TD_SYNC_OP_PUBLISH || entry->create_error != NULL
         || json_object_get_boolean_member_with_default (entry->ref, "offer_pending", FALSE);
}

static void
step_lookup (GTask *task)
{
  TdEbay *self = g_task_get_source_object (task);
  TdEbayRun *run = g_task_get_task_data (task);

  for (; run->index < run->entries->len; run->index++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, run->index);
      g_autofree char *sku = NULL;
      g_autofree char *market = NULL;
      g_autofree char *path = NULL;

      if (!needs_lookup (run, entry))
        continue;
      sku = td_http_escape (entry->item->sku);
      market = td_http_escape (self->marketplace_id);
      path = g_strdup_printf ("/offer?sku=%s&marketplace_id=%s", sku, market);
      td_ebay_send_async (self, TD_EBAY_API_INVENTORY, "GET", path, NULL, NULL,
                          g_task_get_cancellable (task), on_lookup, task);
      return;
    }
  if (run->op == TD_SYNC_OP_PUBLISH && !run->offers_sent)
    step_offers (task);
  else if (run->op != TD_SYNC_OP_WITHDRAW)
    td_ebay_run_last (task);
  else
    {
      run->index = 0;
      td_ebay_run_withdraw (task);
    }
}

static void
offer_created (TdEbayRun   *run,
               TdEbayEntry *entry,
               JsonObject  *element)
{
  const char *id = json_object_get_string_member_with_default (element, "offerId", NULL);

  if (id == NULL)
    {
      td_ebay_entry_end (entry, TD_SYNC_RETRY, 0, _("eBay made an offer but gave no id for it."),
                         NULL);
      return;
    }
  json_object_remove_member (entry->ref, "offer_pending");
  json_object_set_string_member (entry->ref, "offer_id", id);
  td_ebay_entry_tell (run, entry);
}

static void
on_offers (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  TdEbayRun *run = g_task_get_task_data (task);
  g_autoptr(TdEbayAnswer) answer = td_ebay_run_answer (task, result);
  JsonNode *responses = NULL;

  if (answer != NULL && answer->status == TD_SYNC_DONE && answer->root != NULL
      && JSON_NODE_HOLDS_OBJECT (answer->root))
    responses = json_object_get_member (json_node_get_object (answer->root), "responses");

  if (responses != NULL && JSON_NODE_HOLDS_ARRAY (responses))
    {
      JsonArray *array = json_node_get_array (responses);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *message = NULL;
          TdEbayEntry *entry;
          TdSyncStatus status;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          entry = entry_for (run, "sku",
                             json_object_get_string_member_with_default (
                               json_node_get_object (node), "sku", NULL));
          if (entry == NULL || td_ebay_entry_offer_id (entry) != NULL)
            continue;
          status = td_ebay_item_status (json_node_get_object (node), &message);
          if (status == TD_SYNC_DONE)
            offer_created (run, entry, json_node_get_object (node));
          else if (status == TD_SYNC_FAILED)
            entry->create_error = g_steal_pointer (&message);   /* look it up first */
          else
            td_ebay_entry_end (entry, status, 0, message, NULL);
        }
    }
  else if (answer != NULL)
    {
      /* The whole call failed: only the items that were in it end here. */
      for (guint i = 0; i < run->entries->len; i++)
        {
          TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

          if (entry->outcome == NULL && td_ebay_entry_offer_id (entry) == NULL)
            td_ebay_entry_end (entry,
                               answer->status != TD_SYNC_DONE ? answer->status : TD_SYNC_RETRY,
                               answer->retry_after_s,
                               answer->status != TD_SYNC_DONE ? answer->message
                               : _("eBay’s answer to a batch can’t be read."), NULL);
        }
    }
  run->offers_sent = TRUE;
  run->index = 0;
  step_lookup (task);
}

static void
step_offers (GTask *task)
{
  TdEbay *self = g_task_get_source_object (task);
  TdEbayRun *run = g_task_get_task_data (task);
  g_autoptr(JsonArray) requests = json_array_new ();
  JsonObject *body;

  for (guint i = 0; i < run->entries->len; i++)
    {
      TdEbayEntry *entry = g_ptr_array_index (run->entries, i);

      if (entry->outcome != NULL || td_ebay_entry_offer_id (entry) != NULL)
        continue;
      json_array_add_element (requests, td_ebay_offer_for (self, entry->item));
      /* Stored before the call goes out: should its answer be lost, the next attempt looks
       * the SKU up instead of creating again. */
      if (!json_object_get_boolean_member_with_default (entry->ref, "offer_pending", FALSE))
        {
          json_object_set_boolean_member (entry->ref, "offer_pending", TRUE);
          td_ebay_entry_tell (run, entry);
        }
    }
  if (json_array_get_length (requests) == 0)
    {
      td_ebay_run_last (task);
      return;
    }
  body = json_object_new ();
  json_object_set_array_member (body, "requests", g_steal_pointer (&requests));
  td_ebay_send_async (self, TD_EBAY_API_INVENTORY, "POST", "/bulk_create_offer",
                      json_node_init_object (json_node_alloc (), body), NULL,
                      g_task_get_cancellable (task), on_offers, task);
  json_object_unref (body);
}

/* The batch */

static JsonObject *
parse_ref (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

void
td_ebay_run_async (TdMarketplace       *marketplace,
                   TdSyncOp             op,
                   GPtrArray           *items,
                   TdRemoteKnownFunc    remote_known,
                   gpointer             remote_known_data,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  TdEbay *self = TD_EBAY (marketplace);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  TdEbayRun *run = g_new0 (TdEbayRun, 1);

  g_task_set_source_tag (task, td_ebay_run_async);
  run->op = op;
  run->remote_known = remote_known;
  run->remote_known_data = remote_known_data;
  run->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  for (guint i = 0; i < items->len; i++)
    {
      TdEbayEntry *entry = g_new0 (TdEbayEntry, 1);

      entry->item = g_ptr_array_index (items, i);
      entry->ref = parse_ref (entry->item->remote_ref);
      g_ptr_array_add (run->entries, entry);
      if (i >= TD_EBAY_BATCH)
        td_ebay_entry_end (entry, TD_SYNC_RETRY, 0, NULL, NULL);
      else if (op == TD_SYNC_OP_PUBLISH
               && td_ebay_category_for (self, entry->item->category_path) == NULL)
        td_ebay_entry_end (entry, TD_SYNC_FAILED, 0,
                   _("Choose an eBay category for this kind of item in Preferences → "
                     "Marketplaces first."), NULL);
    }

  if (op == TD_SYNC_OP_WITHDRAW)
    step_lookup (task);
  else
    step_photos (task);
}

GPtrArray *
td_ebay_run_finish (TdMarketplace  *marketplace,
                    GAsyncResult   *result,
                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
