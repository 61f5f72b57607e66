/* td-woocommerce-products.c — publish, update and withdraw a batch of products.
 *
 * A batch runs in three steps, each one request (or one per photo):
 *   1. look the SKUs up (`GET /products?sku=A,B,…`): publish always does, so that a product
 *      created by an earlier attempt whose answer was lost is adopted, never created twice;
 *      update and withdraw only for items without a remote id. Found ids reach remote_known
 *      at once.
 *   2. publish only: upload the photos of products that have none to the WordPress media
 *      library (`POST {media}/media`, multipart `file`).
 *   3. write: one `POST /products` or `PUT /products/{id}` for a single item, else one
 *      `POST /products/batch` {"create":[…],"update":[…]} whose answer has one result (or
 *      `error`) per object, in order. Created ids reach remote_known as soon as it arrives.
 * Withdrawing sets `stock_quantity` 0 and `status` draft, so the product can't be bought and
 * disappears from the shop, but stays with its photos in case the sale is undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-woocommerce"

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-woocommerce-private.h"

typedef struct
{
  TdSyncOp           op;
  GPtrArray         *items;        /* TdSyncItem, borrowed from the caller's array (ref) */
  GPtrArray         *outcomes;     /* TdSyncOutcome or NULL while open, one per item */
  gint64            *product_ids;  /* 0 while unknown */
  gboolean          *has_images;   /* the adopted product already shows photos */
  GArray           **media_ids;    /* gint64 per item, uploaded in step 2 */
  TdRemoteKnownFunc  remote_known;
  gpointer           remote_known_data;
  guint              item;         /* step 2 cursor */
  guint              photo;
  GArray            *creates;      /* item indexes sent to create, in order */
  GArray            *updates;      /* item indexes sent to update, in order */
} Run;

static void
run_free (Run *run)
{
  for (guint i = 0; i < run->items->len; i++)
    g_clear_pointer (&run->media_ids[i], g_array_unref);
  g_free (run->media_ids);
  g_free (run->product_ids);
  g_free (run->has_images);
  g_ptr_array_unref (run->outcomes);
  g_ptr_array_unref (run->items);
  g_clear_pointer (&run->creates, g_array_unref);
  g_clear_pointer (&run->updates, g_array_unref);
  g_free (run);
}

static TdSyncItem *
item_at (Run   *run,
         guint  i)
{
  return g_ptr_array_index (run->items, i);
}

static gboolean
is_open (Run   *run,
         guint  i)
{
  return g_ptr_array_index (run->outcomes, i) == NULL;
}

static void
set_outcome (Run          *run,
             guint         i,
             TdSyncStatus  status,
             guint         retry_after_s,
             const char   *message,
             const char   *listing_state)
{
  TdSyncOutcome *outcome = td_http_outcome (item_at (run, i)->item_id, status, retry_after_s,
                                            message);

  outcome->listing_state = g_strdup (listing_state);
  if (run->product_ids[i] > 0)
    outcome->remote_id = g_strdup_printf ("%" G_GINT64_FORMAT, run->product_ids[i]);
  if (run->media_ids[i] != NULL && run->media_ids[i]->len > 0)
    {
      g_autoptr(GString) ref = g_string_new ("{\"image_ids\":[");

      for (guint m = 0; m < run->media_ids[i]->len; m++)
        g_string_append_printf (ref, "%s%" G_GINT64_FORMAT, m > 0 ? "," : "",
                                g_array_index (run->media_ids[i], gint64, m));
      g_string_append (ref, "]}");
      outcome->remote_ref = g_string_free (g_steal_pointer (&ref), FALSE);
    }
  g_ptr_array_index (run->outcomes, i) = outcome;
}

static void
known (Run    *run,
       guint   i,
       gint64  product_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, product_id);

  run->product_ids[i] = product_id;
  if (run->remote_known != NULL)
    run->remote_known (item_at (run, i)->item_id, id, "{}", run->remote_known_data);
}

static const char *
done_state (Run *run)
{
  return run->op == TD_SYNC_OP_WITHDRAW ? TD_LISTING_ENDED : TD_LISTING_LIVE;
}

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  for (guint i = 0; i < run->items->len; i++)
    if (is_open (run, i))
      set_outcome (run, i, TD_SYNC_DONE, 0, NULL, done_state (run));
  g_task_return_pointer (task, g_ptr_array_ref (run->outcomes),
                         (GDestroyNotify) g_ptr_array_unref);
}

/* Step 3: write */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static char *
description_for (const TdSyncItem *item)
{
  if (item->condition_note == NULL || *item->condition_note == '\0')
    return g_strdup (item->description != NULL ? item->description : "");
  /* TRANSLATORS: the condition line under a product's description online */
  return g_strdup_printf (_("%s\n\nCondition: %s"),
                          item->description != NULL ? item->description : "",
                          item->condition_note);
}

/* The product object for item @i: a create, or an update of run->product_ids[i]. */
static void
build_product (Run         *run,
               guint        i,
               JsonBuilder *builder)
{
  TdSyncItem *item = item_at (run, i);
  g_autofree char *price = td_woo_format_price (item->price, item->currency);
  g_autofree char *description = description_for (item);

  json_builder_begin_object (builder);
  if (run->product_ids[i] > 0)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, run->product_ids[i]);
    }
  if (run->op == TD_SYNC_OP_WITHDRAW)
    {
      json_builder_set_member_name (builder, "manage_stock");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "stock_quantity");
      json_builder_add_int_value (builder, 0);
      add_string (builder, "status", "draft");
      json_builder_end_object (builder);
      return;
    }

  add_string (builder, "name", item->title);
  add_string (builder, "description", description);
  add_string (builder, "regular_price", price);
  if (run->op == TD_SYNC_OP_PUBLISH)
    {
      if (run->product_ids[i] == 0)
        {
          add_string (builder, "type", "simple");
          add_string (builder, "sku", item->sku);
        }
      add_string (builder, "status", "publish");
      json_builder_set_member_name (builder, "manage_stock");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "stock_quantity");
      json_builder_add_int_value (builder, 1);
      if (run->media_ids[i] != NULL && run->media_ids[i]->len > 0)
        {
          json_builder_set_member_name (builder, "images");
          json_builder_begin_array (builder);
          for (guint m = 0; m < run->media_ids[i]->len; m++)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_int_value (builder, g_array_index (run->media_ids[i], gint64, m));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
    }
  json_builder_end_object (builder);
}

/* One result of a write: a product, or {"id":0,"error":{code,message,data:{status}}}. */
static void
apply_result (Run      *run,
              guint     i,
              gboolean  created,
              JsonNode *node)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                       ? json_node_get_object (node) : NULL;
  JsonNode *error = object != NULL ? json_object_get_member (object, "error") : NULL;
  gint64 id = td_woo_object_id (node);

  if (error != NULL && JSON_NODE_HOLDS_OBJECT (error))
    {
      JsonObject *details = json_node_get_object (error);
      const char *code = json_object_get_string_member_with_default (details, "code", "");
      const char *message = json_object_get_string_member_with_default (details, "message",
                                                                        code);
      JsonNode *data = json_object_get_member (details, "data");
      gint64 status = data != NULL && JSON_NODE_HOLDS_OBJECT (data)
                      ? json_object_get_int_member_with_default (json_node_get_object (data),
                                                                 "status", 400)
                      : 400;

      if (status == 401 || status == 403)
        set_outcome (run, i, TD_SYNC_REAUTH, 0, message, NULL);
      else if (status == 408 || status == 429 || status >= 500
               || (created && strstr (code, "sku") != NULL))
        /* A duplicated SKU on create: someone made it meanwhile; the next try adopts it. */
        set_outcome (run, i, TD_SYNC_RETRY, 0, message, NULL);
      else if (status == 404 && run->op == TD_SYNC_OP_WITHDRAW)
        set_outcome (run, i, TD_SYNC_DONE, 0, NULL, TD_LISTING_ENDED);
      else
        set_outcome (run, i, TD_SYNC_FAILED, 0, message, NULL);
      return;
    }
  if (id <= 0)
    {
      set_outcome (run, i, TD_SYNC_RETRY, 0,
                   _("WooCommerce did not say which product it saved; Thriftdesk will look "
                     "again."), NULL);
      return;
    }
  if (created)
    known (run, i, id);
  set_outcome (run, i, TD_SYNC_DONE, 0, NULL, done_state (run));
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWooAnswer) answer = td_woo_send_finish (TD_WOOCOMMERCE (source), result, &error);
  gboolean single = run->creates->len + run->updates->len == 1;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (single && answer->http_status == 404 && run->updates->len == 1)
    {
      /* The product was deleted in WooCommerce. */
      guint i = g_array_index (run->updates, guint, 0);

      if (run->op == TD_SYNC_OP_WITHDRAW)
        set_outcome (run, i, TD_SYNC_DONE, 0, NULL, TD_LISTING_ENDED);
      else
        set_outcome (run, i, TD_SYNC_FAILED, 0,
                     _("The product was deleted in WooCommerce; publish the item again."),
                     NULL);
    }
  else if (answer->status != TD_SYNC_DONE)
    {
      for (guint k = 0; k < run->creates->len; k++)
        set_outcome (run, g_array_index (run->creates, guint, k), answer->status,
                     answer->retry_after_s, answer->message, NULL);
      for (guint k = 0; k < run->updates->len; k++)
        set_outcome (run, g_array_index (run->updates, guint, k), answer->status,
                     answer->retry_after_s, answer->message, NULL);
    }
  else if (single)
    {
      gboolean created = run->creates->len == 1;

      apply_result (run, g_array_index (created ? run->creates : run->updates, guint, 0),
                    created, answer->root);
    }
  else
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (answer->root)
                           ? json_node_get_object (answer->root) : NULL;
      JsonArray *created = object != NULL && json_object_has_member (object, "create")
                           ? json_object_get_array_member (object, "create") : NULL;
      JsonArray *updated = object != NULL && json_object_has_member (object, "update")
                           ? json_object_get_array_member (object, "update") : NULL;

      for (guint k = 0; k < run->creates->len; k++)
        apply_result (run, g_array_index (run->creates, guint, k), TRUE,
                      created != NULL && k < json_array_get_length (created)
                      ? json_array_get_element (created, k) : NULL);
      for (guint k = 0; k < run->updates->len; k++)
        apply_result (run, g_array_index (run->updates, guint, k), FALSE,
                      updated != NULL && k < json_array_get_length (updated)
                      ? json_array_get_element (updated, k) : NULL);
    }
  finish (task);
}

static void
write_products (GTask *task)
{
  TdWoocommerce *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SoupMessage *msg;

  for (guint i = 0; i < run->items->len; i++)
    if (is_open (run, i))
      g_array_append_val (run->product_ids[i] > 0 ? run->updates : run->creates, i);

  if (run->creates->len + run->updates->len == 0)
    {
      finish (task);
      return;
    }

  if (run->creates->len + run->updates->len == 1)
    {
      gboolean create = run->creates->len == 1;
      guint i = g_array_index (create ? run->creates : run->updates, guint, 0);
      g_autofree char *path = create ? g_strdup ("/products")
                              : g_strdup_printf ("/products/%" G_GINT64_FORMAT,
                                                 run->product_ids[i]);

      build_product (run, i, builder);
      msg = td_woo_json_message (create ? "POST" : "PUT", self->base_url, path,
                                 json_builder_get_root (builder));
    }
  else
    {
      json_builder_begin_object (builder);
      if (run->creates->len > 0)
        {
          json_builder_set_member_name (builder, "create");
          json_builder_begin_array (builder);
          for (guint k = 0; k < run->creates->len; k++)
            build_product (run, g_array_index (run->creates, guint, k), builder);
          json_builder_end_array (builder);
        }
      if (run->updates->len > 0)
        {
          json_builder_set_member_name (builder, "update");
          json_builder_begin_array (builder);
          for (guint k = 0; k < run->updates->len; k++)
            build_product (run, g_array_index (run->updates, guint, k), builder);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
      msg = td_woo_json_message ("POST", self->base_url, "/products/batch",
                                 json_builder_get_root (builder));
    }
  td_woo_send_async (self, msg, g_task_get_cancellable (task), on_written,
                     g_object_ref (task));
}

/* Step 2: photos */

static void upload_next (GTask *task);

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWooAnswer) answer = td_woo_send_finish (TD_WOOCOMMERCE (source), result, &error);
  gint64 id;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  id = td_woo_object_id (answer->root);
  if (answer->status != TD_SYNC_DONE)
    set_outcome (run, run->item, answer->status, answer->retry_after_s, answer->message, NULL);
  else if (id <= 0)
    set_outcome (run, run->item, TD_SYNC_RETRY, 0,
                 _("WordPress did not say where it stored the photo; Thriftdesk will try "
                   "again."), NULL);
  else
    {
      if (run->media_ids[run->item] == NULL)
        run->media_ids[run->item] = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (run->media_ids[run->item], id);
      run->photo++;
    }
  upload_next (task);
}

static void
upload_next (GTask *task)
{
  TdWoocommerce *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  for (; run->item < run->items->len; run->item++, run->photo = 0)
    {
      TdSyncItem *item = item_at (run, run->item);
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;
      SoupMessage *msg;

      if (!is_open (run, run->item) || run->has_images[run->item] || item->photo_paths == NULL
          || item->photo_paths[run->photo] == NULL)
        continue;

      url = td_http_join_url (self->media_url, "/media");
      msg = td_http_new_multipart (url, "file", item->photo_paths[run->photo], NULL, &error);
      if (msg == NULL)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("The photo “%s” can’t be read: %s"),
                                     item->photo_paths[run->photo],
                                     error != NULL ? error->message : "");
          set_outcome (run, run->item, TD_SYNC_FAILED, 0, message, NULL);
          continue;
        }
      td_woo_send_async (self, msg, g_task_get_cancellable (task), on_uploaded, task);
      return;
    }
  write_products (task);
  g_object_unref (task);
}

/* Step 1: SKU lookup */

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdWooAnswer) answer = td_woo_send_finish (TD_WOOCOMMERCE (source), result, &error);
  JsonArray *products;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (answer->status != TD_SYNC_DONE || !JSON_NODE_HOLDS_ARRAY (answer->root))
    {
      TdSyncStatus status = answer->status != TD_SYNC_DONE ? answer->status : TD_SYNC_RETRY;

      for (guint i = 0; i < run->items->len; i++)
        if (is_open (run, i) && run->product_ids[i] == 0)
          set_outcome (run, i, status, answer->retry_after_s, answer->message, NULL);
      finish (task);
      g_object_unref (task);
      return;
    }

  products = json_node_get_array (answer->root);
  for (guint p = 0; p < json_array_get_length (products); p++)
    {
      JsonNode *node = json_array_get_element (products, p);
      JsonObject *product = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *sku = product != NULL
                        ? json_object_get_string_member_with_default (product, "sku", NULL)
                        : NULL;
      JsonNode *images = product != NULL ? json_object_get_member (product, "images") : NULL;

      if (sku == NULL || td_woo_object_id (node) <= 0)
        continue;
      for (guint i = 0; i < run->items->len; i++)
        {
          if (!is_open (run, i) || run->product_ids[i] != 0
              || g_strcmp0 (item_at (run, i)->sku, sku) != 0)
            continue;
          run->has_images[i] = images != NULL && JSON_NODE_HOLDS_ARRAY (images)
                               && json_array_get_length (json_node_get_array (images)) > 0;
          known (run, i, td_woo_object_id (node));
        }
    }

  for (guint i = 0; i < run->items->len; i++)
    {
      if (!is_open (run, i) || run->product_ids[i] != 0)
        continue;
      if (run->op == TD_SYNC_OP_WITHDRAW)
        set_outcome (run, i, TD_SYNC_DONE, 0, NULL, TD_LISTING_ENDED);
      else if (run->op == TD_SYNC_OP_UPDATE)
        set_outcome (run, i, TD_SYNC_FAILED, 0,
                     _("The item is not in the WooCommerce shop; publish it first."), NULL);
    }

  if (run->op == TD_SYNC_OP_PUBLISH)
    upload_next (task);
  else
    {
      write_products (task);
      g_object_unref (task);
    }
}

void
td_woo_run_async (TdMarketplace       *marketplace,
                  TdSyncOp             op,
                  GPtrArray           *items,
                  TdRemoteKnownFunc    remote_known,
                  gpointer             remote_known_data,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  TdWoocommerce *self = TD_WOOCOMMERCE (marketplace);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Run *run = g_new0 (Run, 1);
  g_autoptr(GString) skus = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;

  g_task_set_source_tag (task, td_woo_run_async);
  run->op = op;
  run->items = g_ptr_array_ref (items);
  run->outcomes = g_ptr_array_new_full (items->len, (GDestroyNotify) td_sync_outcome_free);
  g_ptr_array_set_size (run->outcomes, items->len);
  run->product_ids = g_new0 (gint64, items->len);
  run->has_images = g_new0 (gboolean, items->len);
  run->media_ids = g_new0 (GArray *, items->len);
  run->remote_known = remote_known;
  run->remote_known_data = remote_known_data;
  run->creates = g_array_new (FALSE, FALSE, sizeof (guint));
  run->updates = g_array_new (FALSE, FALSE, sizeof (guint));
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  /* Publish trusts only the SKU (a stored id may point at a product deleted since); update
   * and withdraw use the stored id when there is one. */
  for (guint i = 0; i < items->len; i++)
    {
      TdSyncItem *item = item_at (run, i);

      if (op != TD_SYNC_OP_PUBLISH && item->remote_id != NULL && *item->remote_id != '\0')
        run->product_ids[i] = g_ascii_strtoll (item->remote_id, NULL, 10);
      if (run->product_ids[i] > 0)
        continue;
      if (item->sku == NULL || *item->sku == '\0' || strchr (item->sku, ',') != NULL)
        {
          set_outcome (run, i, TD_SYNC_FAILED, 0,
                       _("The item has no SKU WooCommerce can look up."), NULL);
          continue;
        }
      g_string_append_printf (skus, "%s%s", skus->len > 0 ? "," : "", item->sku);
    }

  if (skus->len == 0)
    {
      if (op == TD_SYNC_OP_PUBLISH)
        upload_next (task);
      else
        {
          write_products (task);
          g_object_unref (task);
        }
      return;
    }
  escaped = td_http_escape (skus->str);
  path = g_strdup_printf ("/products?sku=%s&per_page=%u", escaped, TD_WOO_BATCH_LIMIT);
  td_woo_send_async (self, td_woo_json_message ("GET", self->base_url, path, NULL), cancellable,
                     on_looked_up, task);
}

GPtrArray *
td_woo_run_finish (TdMarketplace  *marketplace,
                   GAsyncResult   *result,
                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
