/* td-shopify.c — a Shopify shop through the GraphQL Admin API 2026-10 (custom-app token).
 *
 * The account's base_url is the GraphQL endpoint itself
 * (https://SHOP.myshopify.com/admin/api/2026-10/graphql.json); every request is a POST of
 * {"query","variables"} with X-Shopify-Access-Token. This file holds the class, the transport
 * and how answers are read; publishing is in td-shopify-listings.c, orders in
 * td-shopify-orders.c, the documents in td-shopify-documents.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-shopify"

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-marketplace-private.h"
#include "td-shopify-private.h"

struct _TdShopify
{
  GObject               parent_instance;

  SoupSession          *session;
  TdMarketplaceAccount *account;
  TdCredentials        *credentials;
  char                 *location_id;   /* GID, or NULL until known */
};

static void td_shopify_marketplace_init (TdMarketplaceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdShopify, td_shopify, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_MARKETPLACE,
                                                      td_shopify_marketplace_init))

/* --- transport --------------------------------------------------------------------------- */

typedef struct
{
  char     *document;
  JsonNode *variables;
} Request;

static void
request_free (Request *request)
{
  g_free (request->document);
  g_clear_pointer (&request->variables, json_node_unref);
  g_free (request);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdShopify *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  TdShopifyReply *reply = td_shopify_reply_parse (msg, body, error);

  if (reply->status == TD_SYNC_REAUTH && self->credentials != NULL)
    td_credentials_invalidate_access_token (self->credentials);
  g_task_return_pointer (task, reply, (GDestroyNotify) td_shopify_reply_free);
}

static void
send_request (GTask      *task,
              const char *token)
{
  TdShopify *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, request->document);
  json_builder_set_member_name (builder, "variables");
  if (request->variables != NULL)
    json_builder_add_value (builder, json_node_copy (request->variables));
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  msg = td_http_new_json ("POST", self->account->base_url, body);
  if (msg == NULL)
    {
      g_task_return_pointer (task, td_shopify_reply_new_status (
                               TD_SYNC_FAILED,
                               _("The Shopify address of this account is not a valid web "
                                 "address. Correct it in Preferences.")),
                             (GDestroyNotify) td_shopify_reply_free);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "X-Shopify-Access-Token", token);
  td_http_send_and_read_async (self->session, msg, g_task_get_cancellable (task), on_sent, task);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = td_credentials_get_access_token_finish (TD_CREDENTIALS (source),
                                                                   result, &error);
  TdSyncStatus status;

  if (token != NULL && *token != '\0')
    {
      send_request (task, token);
      return;
    }
  if (error == NULL)
    status = TD_SYNC_REAUTH;
  else if (g_error_matches (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_OFFLINE))
    status = TD_SYNC_OFFLINE;
  else if (g_error_matches (error, TD_CREDENTIALS_ERROR, TD_CREDENTIALS_ERROR_FAILED))
    status = TD_SYNC_FAILED;
  else
    status = TD_SYNC_REAUTH;
  g_task_return_pointer (task, td_shopify_reply_new_status (
                           status, error != NULL ? error->message
                                                 : _("The Shopify account has no access "
                                                     "token. Connect it again in "
                                                     "Preferences.")),
                         (GDestroyNotify) td_shopify_reply_free);
  g_object_unref (task);
}

void
td_shopify_graphql_async (TdShopify           *self,
                          const char          *document,
                          JsonNode            *variables,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_assert (TD_IS_SHOPIFY (self));
  g_task_set_source_tag (task, td_shopify_graphql_async);
  request->document = g_strdup (document);
  request->variables = variables;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (self->credentials == NULL)
    {
      g_task_return_pointer (task, td_shopify_reply_new_status (
                               TD_SYNC_REAUTH, _("The Shopify account is not connected.")),
                             (GDestroyNotify) td_shopify_reply_free);
      g_object_unref (task);
      return;
    }
  td_credentials_get_access_token_async (self->credentials, cancellable, on_token, task);
}

/* The reply of a task; a cancelled task (the engine stopped, or the daily budget refused the
 * request) gives none, so one is made as for any failed connection. */
static TdShopifyReply *
propagate_reply (GTask *task)
{
  g_autoptr(GError) error = NULL;
  TdShopifyReply *reply = g_task_propagate_pointer (task, &error);

  if (reply == NULL)
    {
      reply = td_shopify_reply_new_status (TD_SYNC_RETRY, NULL);
      if (error != NULL)
        reply->status = td_http_classify (NULL, NULL, error, &reply->retry_after_s,
                                          &reply->message);
    }
  return reply;
}

TdShopifyReply *
td_shopify_graphql_finish (TdShopify    *self,
                           GAsyncResult *result)
{
  g_assert (g_task_is_valid (result, self));
  return propagate_reply (G_TASK (result));
}

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              &error);
  TdShopifyReply *reply = td_shopify_reply_new_status (TD_SYNC_DONE, NULL);

  /* The storage host answers XML or nothing: only the status counts. */
  reply->status = td_http_classify (msg, NULL, error, &reply->retry_after_s, &reply->message);
  if (reply->status == TD_SYNC_REAUTH)
    reply->status = TD_SYNC_RETRY;   /* an expired upload URL: stage again */
  g_task_return_pointer (task, reply, (GDestroyNotify) td_shopify_reply_free);
}

void
td_shopify_upload_async (TdShopify           *self,
                         JsonObject          *target,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  const char *url = td_shopify_string (target, "url");
  JsonNode *parameters = json_object_get_member (target, "parameters");

  g_assert (TD_IS_SHOPIFY (self));
  if (parameters != NULL && JSON_NODE_HOLDS_ARRAY (parameters))
    {
      JsonArray *array = json_node_get_array (parameters);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *parameter;
          const char *name;
          const char *value;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          parameter = json_node_get_object (element);
          name = td_shopify_string (parameter, "name");
          value = td_shopify_string (parameter, "value");
          if (name != NULL && value != NULL)
            g_hash_table_insert (fields, g_strdup (name), g_strdup (value));
        }
    }

  msg = td_http_new_multipart (url != NULL ? url : "", "file", path, fields, &error);
  if (msg == NULL)
    {
      g_autofree char *message = NULL;

      message = error != NULL
                ? g_strdup_printf (_("The photo “%s” can’t be read: %s"), path, error->message)
                : g_strdup_printf (_("Shopify gave an upload address Thriftdesk can’t use "
                                     "(“%s”)."), url != NULL ? url : "");
      g_task_return_pointer (task, td_shopify_reply_new_status (
                               error != NULL ? TD_SYNC_FAILED : TD_SYNC_RETRY, message),
                             (GDestroyNotify) td_shopify_reply_free);
      return;
    }
  td_http_send_and_read_async (self->session, msg, cancellable, on_uploaded,
                               g_steal_pointer (&task));
}

TdShopifyReply *
td_shopify_upload_finish (TdShopify    *self,
                          GAsyncResult *result)
{
  g_assert (g_task_is_valid (result, self));
  return propagate_reply (G_TASK (result));
}

/* --- the class --------------------------------------------------------------------------- */

const TdMarketplaceAccount *
td_shopify_get_account_data (TdShopify *self)
{
  return self->account;
}

const char *
td_shopify_get_location (TdShopify *self)
{
  return self->location_id;
}

void
td_shopify_set_location (TdShopify  *self,
                         const char *location_id)
{
  g_assert (TD_IS_SHOPIFY (self));

  if (location_id == NULL || *location_id == '\0')
    return;
  g_free (self->location_id);
  if (g_str_has_prefix (location_id, "gid://"))
    self->location_id = g_strdup (location_id);
  else
    self->location_id = g_strdup_printf ("gid://shopify/Location/%s", location_id);
}

static const TdMarketplaceAccount *
td_shopify_get_account (TdMarketplace *marketplace)
{
  return TD_SHOPIFY (marketplace)->account;
}

static guint
td_shopify_batch_limit (TdMarketplace *marketplace,
                        TdSyncOp       op)
{
  /* No bulk mutation covers create-with-media; one item per batch keeps outcomes exact. */
  return 1;
}

static double
td_shopify_rate_limit (TdMarketplace *marketplace)
{
  /* A publish costs a few requests of ~10–20 points; 2/s stays far below 100 points/s. */
  return 2.0;
}

static void
td_shopify_marketplace_init (TdMarketplaceInterface *iface)
{
  iface->get_account = td_shopify_get_account;
  iface->batch_limit = td_shopify_batch_limit;
  iface->rate_limit = td_shopify_rate_limit;
  iface->check_item = NULL;
  iface->run_async = td_shopify_run_async;
  iface->run_finish = td_shopify_run_finish;
  iface->pull_orders_async = td_shopify_pull_orders_async;
  iface->pull_orders_finish = td_shopify_pull_orders_finish;
}

static void
td_shopify_dispose (GObject *object)
{
  TdShopify *self = TD_SHOPIFY (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (td_shopify_parent_class)->dispose (object);
}

static void
td_shopify_finalize (GObject *object)
{
  TdShopify *self = TD_SHOPIFY (object);

  g_clear_pointer (&self->account, td_marketplace_account_free);
  g_free (self->location_id);

  G_OBJECT_CLASS (td_shopify_parent_class)->finalize (object);
}

static void
td_shopify_class_init (TdShopifyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_shopify_dispose;
  object_class->finalize = td_shopify_finalize;
}

static void
td_shopify_init (TdShopify *self)
{
}

static char *
setting_string (const char *settings,
                const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *node;

  if (settings == NULL || !json_parser_load_from_data (parser, settings, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  node = json_object_get_member (json_node_get_object (root), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

TdMarketplace *
td_shopify_new (SoupSession                *session,
                const TdMarketplaceAccount *account,
                TdCredentials              *credentials)
{
  TdShopify *self;
  g_autofree char *location = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (account != NULL, NULL);
  g_return_val_if_fail (credentials == NULL || TD_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (TD_TYPE_SHOPIFY, NULL);
  self->session = g_object_ref (session);
  self->account = td_marketplace_account_copy (account);
  self->credentials = credentials != NULL ? g_object_ref (credentials) : NULL;
  location = setting_string (account->settings, "location_id");
  td_shopify_set_location (self, location);
  return TD_MARKETPLACE (self);
}
