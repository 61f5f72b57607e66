/* td-shopify-listings.c — publish, update and withdraw items on Shopify.
 *
 * Publish: the SKU is looked up first (a product from an earlier attempt whose answer was
 * lost is adopted and made live again, never duplicated); otherwise the photos go to staged
 * upload targets and one productSet creates the product ACTIVE with its one variant (SKU,
 * price, tracked stock at the location) and the photos as media. Update: title, description
 * and price in one request. Withdraw: stock 0 at the location and status DRAFT in one request.
 * Items are done one after the other; each gets its own outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-shopify"

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-money.h"
#include "td-shopify-documents.h"
#include "td-shopify-private.h"

static void next_item (GTask *task);
static void find_by_sku (GTask *task);

static void
run_free (TdShopifyRun *run)
{
  g_ptr_array_unref (run->items);
  g_ptr_array_unref (run->outcomes);
  g_free (run->product_id);
  g_free (run->variant_id);
  g_free (run->inventory_item_id);
  g_clear_pointer (&run->targets, json_array_unref);
  g_clear_pointer (&run->resource_urls, g_ptr_array_unref);
  g_free (run);
}

TdSyncItem *
td_shopify_run_current (TdShopifyRun *run)
{
  return g_ptr_array_index (run->items, run->index);
}

static void
reset_item (TdShopifyRun *run)
{
  g_clear_pointer (&run->product_id, g_free);
  g_clear_pointer (&run->variant_id, g_free);
  g_clear_pointer (&run->inventory_item_id, g_free);
  g_clear_pointer (&run->targets, json_array_unref);
  g_clear_pointer (&run->resource_urls, g_ptr_array_unref);
  run->stored_ids = FALSE;
}

static char *
remote_ref_json (TdShopifyRun *run)
{
  return g_strdup_printf ("{\"variant_id\":\"%s\",\"inventory_item_id\":\"%s\"}",
                          run->variant_id ? run->variant_id : "",
                          run->inventory_item_id ? run->inventory_item_id : "");
}

static void
finish_item (GTask         *task,
             TdSyncOutcome *outcome)
{
  TdShopifyRun *run = g_task_get_task_data (task);

  if (outcome->status == TD_SYNC_DONE && run->product_id != NULL)
    {
      g_free (outcome->remote_id);
      outcome->remote_id = g_strdup (run->product_id);
      g_free (outcome->remote_ref);
      outcome->remote_ref = remote_ref_json (run);
    }
  g_ptr_array_add (run->outcomes, outcome);
  reset_item (run);
  run->index++;
  next_item (task);
}

void
td_shopify_run_finish_done (GTask      *task,
                                           const char *listing_state)
{
  TdShopifyRun *run = g_task_get_task_data (task);
  TdSyncOutcome *outcome = td_sync_outcome_new (td_shopify_run_current (run)->item_id,
                                                 TD_SYNC_DONE);

  outcome->listing_state = g_strdup (listing_state);
  finish_item (task, outcome);
}

void
td_shopify_run_finish_status (GTask        *task,
                                             TdSyncStatus  status,
                                             guint         retry_after_s,
                                             const char   *message)
{
  TdShopifyRun *run = g_task_get_task_data (task);

  finish_item (task, td_http_outcome (td_shopify_run_current (run)->item_id, status,
                                      retry_after_s, message));
}

/* TRUE when @reply is DONE and none of @fields (NULL-terminated) has userErrors; otherwise
 * the item is finished with why. */
gboolean
td_shopify_run_reply_ok (GTask          *task,
                                        TdShopifyReply *reply,
                                        ...)
{
  va_list args;
  const char *field;

  if (reply->status != TD_SYNC_DONE)
    {
      td_shopify_run_finish_status (task, reply->status, reply->retry_after_s, reply->message);
      return FALSE;
    }
  va_start (args, reply);
  while ((field = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *errors = td_shopify_reply_user_errors (reply, field);

      if (errors != NULL)
        {
          va_end (args);
          td_shopify_run_finish_status (task, TD_SYNC_FAILED, 0, errors);
          return FALSE;
        }
      if (td_shopify_reply_object (reply, field) == NULL)
        {
          va_end (args);
          td_shopify_run_finish_status (task, TD_SYNC_RETRY, 0,
                                        _("Shopify’s answer lacked what Thriftdesk asked for; it "
                                          "will try again."));
          return FALSE;
        }
    }
  va_end (args);
  return TRUE;
}

/* --- what is sent ------------------------------------------------------------------------ */

char *
td_shopify_price_text (const TdSyncItem *item)
{
  const TdCurrency *currency = td_currency_lookup (item->currency);

  return td_http_format_amount (item->price, currency != NULL ? (guint) currency->digits : 2);
}

/* Plain description and condition note as simple HTML paragraphs. */
char *
td_shopify_description_html (const TdSyncItem *item)
{
  GString *html = g_string_new (NULL);
  const char *parts[] = { item->description, item->condition_note };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) lines = NULL;

      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      escaped = g_markup_escape_text (parts[i], -1);
      lines = g_strsplit (escaped, "\n", -1);
      g_string_append (html, "<p>");
      for (guint j = 0; lines[j] != NULL; j++)
        g_string_append_printf (html, "%s%s", j > 0 ? "<br>" : "", lines[j]);
      g_string_append (html, "</p>");
    }
  return g_string_free (html, FALSE);
}

void
td_shopify_add_string (JsonBuilder *builder,
                                  const char  *name,
                                  const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* ProductUpdateInput with id, title, description (and @status when non-NULL). */
static void
add_product_update (JsonBuilder      *builder,
                    TdShopifyRun              *run,
                    const TdSyncItem *item,
                    const char       *status)
{
  g_autofree char *html = NULL;

  json_builder_set_member_name (builder, "product");
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "id", run->product_id);
  if (item != NULL)
    {
      html = td_shopify_description_html (item);
      td_shopify_add_string (builder, "title", item->title);
      td_shopify_add_string (builder, "descriptionHtml", html);
    }
  if (status != NULL)
    td_shopify_add_string (builder, "status", status);
  json_builder_end_object (builder);
}

static void
add_price_variants (JsonBuilder      *builder,
                    TdShopifyRun              *run,
                    const TdSyncItem *item)
{
  g_autofree char *price = td_shopify_price_text (item);

  td_shopify_add_string (builder, "productId", run->product_id);
  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "id", run->variant_id);
  td_shopify_add_string (builder, "price", price);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

/* InventorySetQuantitiesInput and its idempotency key. The key is fresh per request: setting
 * an absolute quantity is harmless to repeat, and a reused key would replay an old answer
 * after a relist. */
static void
add_quantities (JsonBuilder *builder,
                TdShopify   *self,
                TdShopifyRun         *run,
                guint        quantity)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *reference = g_strdup_printf ("gid://thriftdesk/Item/%" G_GINT64_FORMAT,
                                                td_shopify_run_current (run)->item_id);

  json_builder_set_member_name (builder, "quantities");
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "name", "available");
  td_shopify_add_string (builder, "reason", "correction");
  td_shopify_add_string (builder, "referenceDocumentUri", reference);
  json_builder_set_member_name (builder, "quantities");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "inventoryItemId", run->inventory_item_id);
  td_shopify_add_string (builder, "locationId", td_shopify_get_location (self));
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  json_builder_set_member_name (builder, "changeFromQuantity");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  td_shopify_add_string (builder, "key", key);
}

/* --- reading what came back ----------------------------------------------------------------- */

/* Takes the ids of a variant object ({id sku inventoryItem{id} product{id}}). */
void
td_shopify_run_take_variant (TdShopifyRun *run,
                                            JsonObject   *variant,
                                            const char   *product_id)
{
  JsonNode *node = json_object_get_member (variant, "inventoryItem");
  JsonObject *product = NULL;

  g_free (run->variant_id);
  run->variant_id = g_strdup (td_shopify_string (variant, "id"));
  g_free (run->inventory_item_id);
  run->inventory_item_id = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                           ? g_strdup (td_shopify_string (json_node_get_object (node), "id"))
                           : NULL;
  node = json_object_get_member (variant, "product");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    product = json_node_get_object (node);
  g_free (run->product_id);
  run->product_id = g_strdup (product_id != NULL ? product_id
                                                 : td_shopify_string (product, "id"));
}

void
td_shopify_run_announce (GTask *task)
{
  TdShopifyRun *run = g_task_get_task_data (task);
  g_autofree char *ref = remote_ref_json (run);

  if (run->remote_known != NULL && run->product_id != NULL)
    run->remote_known (td_shopify_run_current (run)->item_id, run->product_id, ref,
                       run->remote_known_data);
}

/* The ids the store kept from an earlier publish, if complete. */
static gboolean
take_stored_ids (TdShopifyRun     *run,
                 const TdSyncItem *item)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *ref;

  if (item->remote_id == NULL || *item->remote_id == '\0' || item->remote_ref == NULL
      || !json_parser_load_from_data (parser, item->remote_ref, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  ref = json_node_get_object (root);
  if (td_shopify_string (ref, "variant_id") == NULL
      || td_shopify_string (ref, "inventory_item_id") == NULL)
    return FALSE;
  run->product_id = g_strdup (item->remote_id);
  run->variant_id = g_strdup (td_shopify_string (ref, "variant_id"));
  run->inventory_item_id = g_strdup (td_shopify_string (ref, "inventory_item_id"));
  return TRUE;
}

/* --- steps ------------------------------------------------------------------------------- */

static void
on_changed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  TdShopifyRun *run = g_task_get_task_data (task);
  g_autoptr(TdShopifyReply) reply = td_shopify_graphql_finish (TD_SHOPIFY (source), result);
  static const char *const fields[] = { "inventorySetQuantities", "productUpdate",
                                        "productVariantsBulkUpdate", NULL };
  gboolean ok;

  /* Ids kept from an earlier publish may be stale (the product was deleted or made again in
   * Shopify's admin): look the SKU up once before taking Shopify's refusal. */
  for (guint i = 0; run->stored_ids && reply->status == TD_SYNC_DONE && fields[i] != NULL; i++)
    {
      g_autofree char *errors = td_shopify_reply_user_errors (reply, fields[i]);

      if (errors == NULL)
        continue;
      g_clear_pointer (&run->product_id, g_free);
      g_clear_pointer (&run->variant_id, g_free);
      g_clear_pointer (&run->inventory_item_id, g_free);
      run->stored_ids = FALSE;
      find_by_sku (task);
      return;
    }

  switch (run->op)
    {
    case TD_SYNC_OP_WITHDRAW:
      ok = td_shopify_run_reply_ok (task, reply, "inventorySetQuantities", "productUpdate", NULL);
      break;
    case TD_SYNC_OP_UPDATE:
      ok = td_shopify_run_reply_ok (task, reply, "productUpdate", "productVariantsBulkUpdate",
                                    NULL);
      break;
    case TD_SYNC_OP_PUBLISH:
    case TD_SYNC_OP_PULL_ORDERS:
    default:
      ok = td_shopify_run_reply_ok (task, reply, "inventorySetQuantities", "productUpdate",
                                    "productVariantsBulkUpdate", NULL);
      break;
    }
  if (ok)
    td_shopify_run_finish_done (task, run->op == TD_SYNC_OP_WITHDRAW ? TD_LISTING_ENDED
                                                                     : TD_LISTING_LIVE);
}

/* The product is known: change it as the operation wants (publish: make it live again). */
static void
change_known (GTask *task)
{
  TdShopify *self = g_task_get_source_object (task);
  TdShopifyRun *run = g_task_get_task_data (task);
  TdSyncItem *item = td_shopify_run_current (run);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *document;

  json_builder_begin_object (builder);
  switch (run->op)
    {
    case TD_SYNC_OP_WITHDRAW:
      document = TD_SHOPIFY_WITHDRAW_LISTING;
      add_quantities (builder, self, run, 0);
      add_product_update (builder, run, NULL, "DRAFT");
      break;
    case TD_SYNC_OP_UPDATE:
      document = TD_SHOPIFY_UPDATE_LISTING;
      add_product_update (builder, run, item, NULL);
      add_price_variants (builder, run, item);
      break;
    case TD_SYNC_OP_PUBLISH:
    case TD_SYNC_OP_PULL_ORDERS:
    default:
      document = TD_SHOPIFY_RELIST_LISTING;
      add_quantities (builder, self, run, MAX (item->quantity, 1));
      add_product_update (builder, run, item, "ACTIVE");
      add_price_variants (builder, run, item);
      break;
    }
  json_builder_end_object (builder);
  td_shopify_graphql_async (self, document, json_builder_get_root (builder),
                            g_task_get_cancellable (task), on_changed, task);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  TdShopifyRun *run = g_task_get_task_data (task);
  TdSyncItem *item = td_shopify_run_current (run);
  g_autoptr(TdShopifyReply) reply = td_shopify_graphql_finish (TD_SHOPIFY (source), result);
  JsonObject *variants;
  JsonNode *nodes;
  JsonObject *match = NULL;

  if (!td_shopify_run_reply_ok (task, reply, "productVariants", NULL))
    return;
  variants = td_shopify_reply_object (reply, "productVariants");
  nodes = json_object_get_member (variants, "nodes");
  for (guint i = 0; nodes != NULL && JSON_NODE_HOLDS_ARRAY (nodes)
                    && i < json_array_get_length (json_node_get_array (nodes)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (nodes), i);

      /* Shopify's search is loose; only the very SKU counts. */
      if (JSON_NODE_HOLDS_OBJECT (element)
          && g_strcmp0 (td_shopify_string (json_node_get_object (element), "sku"),
                        item->sku) == 0)
        {
          match = json_node_get_object (element);
          break;
        }
    }

  if (match != NULL)
    {
      td_shopify_run_take_variant (run, match, NULL);
      if (run->product_id == NULL || run->variant_id == NULL || run->inventory_item_id == NULL)
        {
          td_shopify_run_finish_status (task, TD_SYNC_RETRY, 0,
                                        _("Shopify’s answer lacked the product’s ids; Thriftdesk "
                                          "will try again."));
          return;
        }
      td_shopify_run_announce (task);
      change_known (task);
      return;
    }

  switch (run->op)
    {
    case TD_SYNC_OP_PUBLISH:
      td_shopify_publish_create (task);
      break;
    case TD_SYNC_OP_WITHDRAW:
      /* Nothing of it is on Shopify: nothing can be sold there. */
      td_shopify_run_finish_done (task, TD_LISTING_ENDED);
      break;
    case TD_SYNC_OP_UPDATE:
    case TD_SYNC_OP_PULL_ORDERS:
    default:
      td_shopify_run_finish_status (task, TD_SYNC_FAILED, 0,
                                    _("The item is not on Shopify (no product has its SKU). "
                                      "Publish it again."));
      break;
    }
}

static void
find_by_sku (GTask *task)
{
  TdShopify *self = g_task_get_source_object (task);
  TdShopifyRun *run = g_task_get_task_data (task);
  GString *query = g_string_new ("sku:'");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  for (const char *p = td_shopify_run_current (run)->sku; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (query, '\\');
      g_string_append_c (query, *p);
    }
  g_string_append_c (query, '\'');
  text = g_string_free (query, FALSE);

  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "query", text);
  json_builder_end_object (builder);
  td_shopify_graphql_async (self, TD_SHOPIFY_FIND_VARIANT_BY_SKU,
                            json_builder_get_root (builder), g_task_get_cancellable (task),
                            on_found, task);
}

static void
start_item (GTask *task)
{
  TdShopifyRun *run = g_task_get_task_data (task);
  TdSyncItem *item = td_shopify_run_current (run);

  if (item->sku == NULL || *item->sku == '\0')
    {
      td_shopify_run_finish_status (task, TD_SYNC_FAILED, 0,
                                    _("The item has no SKU, so Shopify can’t keep track of it."));
      return;
    }
  /* Publish always looks the SKU up (never create twice); the others use the ids kept. */
  if (run->op != TD_SYNC_OP_PUBLISH && take_stored_ids (run, item))
    {
      run->stored_ids = TRUE;
      change_known (task);
    }
  else
    find_by_sku (task);
}

static void
on_location (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  TdShopify *self = TD_SHOPIFY (source);
  g_autoptr(TdShopifyReply) reply = td_shopify_graphql_finish (self, result);
  const char *id;

  if (reply->status != TD_SYNC_DONE)
    {
      td_shopify_run_finish_status (task, reply->status, reply->retry_after_s, reply->message);
      return;
    }
  id = td_shopify_string (td_shopify_reply_object (reply, "location"), "id");
  if (id == NULL)
    {
      td_shopify_run_finish_status (task, TD_SYNC_FAILED, 0,
                                    _("The Shopify shop has no location to keep stock at. Add one "
                                      "in Shopify, or set the location in Preferences."));
      return;
    }
  td_shopify_set_location (self, id);
  start_item (task);
}

static void
next_item (GTask *task)
{
  TdShopify *self = g_task_get_source_object (task);
  TdShopifyRun *run = g_task_get_task_data (task);

  if (run->index >= run->items->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (run->outcomes),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  if (run->op != TD_SYNC_OP_UPDATE && td_shopify_get_location (self) == NULL)
    {
      td_shopify_graphql_async (self, TD_SHOPIFY_PRIMARY_LOCATION, NULL,
                                g_task_get_cancellable (task), on_location, task);
      return;
    }
  start_item (task);
}

void
td_shopify_run_async (TdMarketplace       *marketplace,
                      TdSyncOp             op,
                      GPtrArray           *items,
                      TdRemoteKnownFunc    remote_known,
                      gpointer             remote_known_data,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (marketplace, cancellable, callback, user_data);
  TdShopifyRun *run = g_new0 (TdShopifyRun, 1);

  g_task_set_source_tag (task, td_shopify_run_async);
  run->op = op;
  run->items = g_ptr_array_ref (items);
  run->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) td_sync_outcome_free);
  run->remote_known = remote_known;
  run->remote_known_data = remote_known_data;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  next_item (task);
}

GPtrArray *
td_shopify_run_finish (TdMarketplace  *marketplace,
                       GAsyncResult   *result,
                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

