/* td-shopify-publish.c — create a product that Shopify does not have yet.
 *
 * The photos go to staged upload targets first (one stagedUploadsCreate for all of them, then
 * one multipart POST per photo to the storage host), then one productSet creates the product
 * ACTIVE with its single default variant (SKU, price, tracked stock at the location) and the
 * uploaded photos as media. The ids are announced the moment productSet answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-shopify"

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-shopify-documents.h"
#include "td-shopify-private.h"

static JsonNode *
product_set_variables (TdShopify        *self,
                       TdShopifyRun              *run,
                       const TdSyncItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *html = td_shopify_description_html (item);
  g_autofree char *price = td_shopify_price_text (item);
  const char *path = item->category_path != NULL ? item->category_path : "";
  const char *last = g_strrstr (path, "›");
  g_autofree char *type = g_strstrip (g_strdup (last != NULL ? last + strlen ("›") : path));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "title", item->title);
  td_shopify_add_string (builder, "descriptionHtml", html);
  td_shopify_add_string (builder, "status", "ACTIVE");
  if (item->brand != NULL && *item->brand != '\0')
    td_shopify_add_string (builder, "vendor", item->brand);
  if (*type != '\0')
    td_shopify_add_string (builder, "productType", type);

  /* One-off items have Shopify's single default option. */
  json_builder_set_member_name (builder, "productOptions");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "name", "Title");
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "name", "Default Title");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "optionValues");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "optionName", "Title");
  td_shopify_add_string (builder, "name", "Default Title");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  td_shopify_add_string (builder, "sku", item->sku);
  td_shopify_add_string (builder, "price", price);
  td_shopify_add_string (builder, "inventoryPolicy", "DENY");
  json_builder_set_member_name (builder, "inventoryItem");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tracked");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "inventoryQuantities");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  td_shopify_add_string (builder, "locationId", td_shopify_get_location (self));
  td_shopify_add_string (builder, "name", "available");
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, MAX (item->quantity, 1));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  if (run->resource_urls != NULL && run->resource_urls->len > 0)
    {
      json_builder_set_member_name (builder, "files");
      json_builder_begin_array (builder);
      for (guint i = 0; i < run->resource_urls->len; i++)
        {
          json_builder_begin_object (builder);
          td_shopify_add_string (builder, "originalSource",
                                 g_ptr_array_index (run->resource_urls, i));
          td_shopify_add_string (builder, "contentType", "IMAGE");
          td_shopify_add_string (builder, "alt", item->title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
on_product_set (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  TdShopifyRun *run = g_task_get_task_data (task);
  g_autoptr(TdShopifyReply) reply = td_shopify_graphql_finish (TD_SHOPIFY (source), result);
  JsonObject *product;
  JsonObject *variants;
  JsonNode *nodes;

  if (!td_shopify_run_reply_ok (task, reply, "productSet", NULL))
    return;
  product = td_shopify_reply_object (reply, "productSet.product");
  variants = product != NULL ? td_shopify_reply_object (reply, "productSet.product.variants")
                             : NULL;
  nodes = variants != NULL ? json_object_get_member (variants, "nodes") : NULL;
  if (product == NULL || td_shopify_string (product, "id") == NULL || nodes == NULL
      || !JSON_NODE_HOLDS_ARRAY (nodes) || json_array_get_length (json_node_get_array (nodes)) == 0
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (nodes), 0)))
    {
      /* Whatever was created is found by its SKU on the next attempt. */
      td_shopify_run_finish_status (task, TD_SYNC_RETRY, 0,
                                    _("Shopify did not say which product it created; Thriftdesk "
                                      "will look it up and try again."));
      return;
    }
  td_shopify_run_take_variant (run, json_array_get_object_element (json_node_get_array (nodes), 0),
                               td_shopify_string (product, "id"));
  td_shopify_run_announce (task);
  td_shopify_run_finish_done (task, TD_LISTING_LIVE);
}

static void
create_product (GTask *task)
{
  TdShopify *self = g_task_get_source_object (task);
  TdShopifyRun *run = g_task_get_task_data (task);

  td_shopify_graphql_async (self, TD_SHOPIFY_PRODUCT_SET,
                            product_set_variables (self, run, td_shopify_run_current (run)),
                            g_task_get_cancellable (task), on_product_set, task);
}

static void upload_next (GTask *task);

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  TdShopifyRun *run = g_task_get_task_data (task);
  g_autoptr(TdShopifyReply) reply = td_shopify_upload_finish (TD_SHOPIFY (source), result);
  JsonObject *target;

  if (reply->status != TD_SYNC_DONE)
    {
      g_autofree char *message = g_strdup_printf (_("A photo could not be uploaded to "
                                                    "Shopify: %s"), reply->message);

      td_shopify_run_finish_status (task, reply->status, reply->retry_after_s, message);
      return;
    }
  target = json_array_get_object_element (run->targets, run->resource_urls->len);
  g_ptr_array_add (run->resource_urls, g_strdup (td_shopify_string (target, "resourceUrl")));
  upload_next (task);
}

static void
upload_next (GTask *task)
{
  TdShopify *self = g_task_get_source_object (task);
  TdShopifyRun *run = g_task_get_task_data (task);
  guint n = run->resource_urls->len;

  if (n == json_array_get_length (run->targets))
    {
      create_product (task);
      return;
    }
  td_shopify_upload_async (self, json_array_get_object_element (run->targets, n),
                           td_shopify_run_current (run)->photo_paths[n],
                           g_task_get_cancellable (task), on_uploaded, task);
}

static void
on_staged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  TdShopifyRun *run = g_task_get_task_data (task);
  g_autoptr(TdShopifyReply) reply = td_shopify_graphql_finish (TD_SHOPIFY (source), result);
  JsonObject *payload;
  JsonNode *targets;
  guint n_photos = g_strv_length (td_shopify_run_current (run)->photo_paths);

  if (!td_shopify_run_reply_ok (task, reply, "stagedUploadsCreate", NULL))
    return;
  payload = td_shopify_reply_object (reply, "stagedUploadsCreate");
  targets = json_object_get_member (payload, "stagedTargets");
  if (targets == NULL || !JSON_NODE_HOLDS_ARRAY (targets)
      || json_array_get_length (json_node_get_array (targets)) != n_photos)
    {
      td_shopify_run_finish_status (task, TD_SYNC_RETRY, 0,
                                    _("Shopify did not give an upload place for every photo; "
                                      "Thriftdesk will try again."));
      return;
    }
  for (guint i = 0; i < n_photos; i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (targets), i);

      if (!JSON_NODE_HOLDS_OBJECT (element)
          || td_shopify_string (json_node_get_object (element), "url") == NULL
          || td_shopify_string (json_node_get_object (element), "resourceUrl") == NULL)
        {
          td_shopify_run_finish_status (task, TD_SYNC_RETRY, 0,
                                        _("Shopify gave an incomplete upload place for a photo; "
                                          "Thriftdesk will try again."));
          return;
        }
    }
  run->targets = json_array_ref (json_node_get_array (targets));
  run->resource_urls = g_ptr_array_new_with_free_func (g_free);
  upload_next (task);
}

void
td_shopify_publish_create (GTask *task)
{
  TdShopify *self = g_task_get_source_object (task);
  TdShopifyRun *run = g_task_get_task_data (task);
  TdSyncItem *item = td_shopify_run_current (run);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (item->photo_paths == NULL || item->photo_paths[0] == NULL)
    {
      create_product (task);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_begin_array (builder);
  for (guint i = 0; item->photo_paths[i] != NULL; i++)
    {
      const char *path = item->photo_paths[i];
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *content_type = g_content_type_guess (path, NULL, 0, NULL);
      g_autofree char *mime = g_content_type_get_mime_type (content_type);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autofree char *size = NULL;

      if (info == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The photo “%s” can’t be read."),
                                                      path);

          td_shopify_run_finish_status (task, TD_SYNC_FAILED, 0, message);
          return;
        }
      size = g_strdup_printf ("%" G_GOFFSET_FORMAT, g_file_info_get_size (info));
      json_builder_begin_object (builder);
      td_shopify_add_string (builder, "filename", basename);
      td_shopify_add_string (builder, "mimeType", mime != NULL ? mime : "image/jpeg");
      td_shopify_add_string (builder, "resource", "IMAGE");
      td_shopify_add_string (builder, "httpMethod", "POST");
      td_shopify_add_string (builder, "fileSize", size);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  td_shopify_graphql_async (self, TD_SHOPIFY_STAGED_UPLOADS_CREATE,
                            json_builder_get_root (builder), g_task_get_cancellable (task),
                            on_staged, task);
}

