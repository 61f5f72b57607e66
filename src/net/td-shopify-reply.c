/* td-shopify-reply.c — how a GraphQL answer from Shopify is read (see td-shopify-private.h).
 *
 * Pure functions over the HTTP status and body: no network, so every kind of answer can be
 * fed to them directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-shopify"

#include <math.h>

#include <glib/gi18n.h>

#include "td-http.h"
#include "td-shopify-private.h"

TdShopifyReply *
td_shopify_reply_new_status (TdSyncStatus  status,
                             const char   *message)
{
  TdShopifyReply *reply = g_new0 (TdShopifyReply, 1);

  reply->status = status;
  reply->message = g_strdup (message);
  return reply;
}

void
td_shopify_reply_free (TdShopifyReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->message);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

const char *
td_shopify_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static double
number_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return 0;
}

/* Seconds until the bucket holds the cost the throttled request asked for. */
static guint
throttle_wait (JsonObject *root)
{
  JsonObject *cost = object_member (object_member (root, "extensions"), "cost");
  JsonObject *status = object_member (cost, "throttleStatus");
  double requested = number_member (cost, "requestedQueryCost");
  double available = number_member (status, "currentlyAvailable");
  double restore = number_member (status, "restoreRate");
  double wait;

  if (restore <= 0)
    return 1;
  wait = ceil ((requested - available) / restore);
  return wait < 1 ? 1 : (guint) MIN (wait, 3600.0);
}

/* The top-level `errors` of a 200 answer: how bad, and the first message. */
static void
read_errors (TdShopifyReply *reply,
             JsonObject     *root,
             JsonArray      *errors)
{
  JsonNode *first = json_array_get_element (errors, 0);
  JsonObject *error = first != NULL && JSON_NODE_HOLDS_OBJECT (first)
                      ? json_node_get_object (first) : NULL;
  const char *text = td_shopify_string (error, "message");
  const char *code = td_shopify_string (object_member (error, "extensions"), "code");

  if (code == NULL)
    code = "";

  if (g_str_equal (code, "THROTTLED"))
    {
      reply->status = TD_SYNC_RETRY;
      reply->retry_after_s = throttle_wait (root);
      reply->message = g_strdup_printf (_("Shopify asked Thriftdesk to slow down; it will try "
                                          "again in %u s."), reply->retry_after_s);
    }
  else if (g_str_equal (code, "ACCESS_DENIED"))
    {
      reply->status = TD_SYNC_REAUTH;
      reply->message = g_strdup_printf (_("Shopify refused the app’s access: %s Give the app "
                                          "the needed access and connect the account again."),
                                        text != NULL ? text : "");
    }
  else if (g_str_equal (code, "INTERNAL_SERVER_ERROR")
           || g_str_equal (code, "SERVICE_UNAVAILABLE"))
    {
      reply->status = TD_SYNC_RETRY;
      reply->message = g_strdup_printf (_("Shopify had a problem: %s"), text ? text : code);
    }
  else
    {
      reply->status = TD_SYNC_FAILED;
      reply->message = text != NULL
                       ? g_strdup_printf (_("Shopify refused the request: %s"), text)
                       : g_strdup (_("Shopify refused the request."));
    }
}

TdShopifyReply *
td_shopify_reply_parse (SoupMessage  *msg,
                        GBytes       *body,
                        const GError *transport_error)
{
  g_autoptr(TdShopifyReply) reply = g_new0 (TdShopifyReply, 1);
  JsonObject *root;
  JsonNode *errors;

  reply->status = td_http_classify (msg, body, transport_error, &reply->retry_after_s,
                                    &reply->message);
  if (reply->status != TD_SYNC_DONE)
    return g_steal_pointer (&reply);

  reply->root = td_http_parse_json (body);
  if (reply->root == NULL || !JSON_NODE_HOLDS_OBJECT (reply->root))
    {
      reply->status = TD_SYNC_RETRY;
      reply->message = g_strdup (_("Shopify sent an answer Thriftdesk can’t read; it will try "
                                   "again."));
      return g_steal_pointer (&reply);
    }
  root = json_node_get_object (reply->root);
  errors = json_object_get_member (root, "errors");
  if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors)
      && json_array_get_length (json_node_get_array (errors)) > 0)
    {
      read_errors (reply, root, json_node_get_array (errors));
      return g_steal_pointer (&reply);
    }
  reply->data = object_member (root, "data");
  if (reply->data == NULL)
    {
      reply->status = TD_SYNC_RETRY;
      reply->message = g_strdup (_("Shopify sent an answer without data; Thriftdesk will try "
                                   "again."));
    }
  return g_steal_pointer (&reply);
}

JsonObject *
td_shopify_reply_object (TdShopifyReply *reply,
                         const char     *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = reply->data;

  for (guint i = 0; parts[i] != NULL && object != NULL; i++)
    object = object_member (object, parts[i]);
  return object;
}

char *
td_shopify_reply_user_errors (TdShopifyReply *reply,
                              const char     *field)
{
  JsonObject *payload = td_shopify_reply_object (reply, field);
  JsonNode *node = payload != NULL ? json_object_get_member (payload, "userErrors") : NULL;
  g_autoptr(GString) text = NULL;
  JsonArray *errors;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  errors = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *element = json_array_get_element (errors, i);
      const char *message;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      message = td_shopify_string (json_node_get_object (element), "message");
      if (message == NULL || *message == '\0')
        continue;
      if (text == NULL)
        text = g_string_new (message);
      else
        g_string_append_printf (text, " %s", message);
    }
  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}
