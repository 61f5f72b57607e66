/* td-fake-shopify-private.h — what td-fake-shopify.c (server, handlers, public API) and
 * td-fake-shopify-ops.c (the GraphQL operations) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-fake-shopify.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *updated_at;
  char   *financial_status;
  gboolean cancelled;
  char   *sku;
  guint   quantity;
  char   *price;
} Order;

struct _TdFakeShopify
{
  TdFakeServer *server;
  char         *token;
  char         *endpoint;
  GPtrArray    *products;      /* TdFakeShopifyProduct */
  GPtrArray    *orders;        /* Order */
  GHashTable   *staged;        /* resourceUrl → key, targets handed out */
  GHashTable   *uploaded;      /* resourceUrl set, files received */
  GHashTable   *counts;        /* operation → GUINT count */
  GHashTable   *variables;     /* operation → JsonObject, last seen */
  guint         next_id;

  guint         throttle_count;
  double        throttle_requested;
  double        throttle_available;
  double        throttle_restore;

  char         *fail_operation;
  char         *fail_message;
};

static inline const char *
string_at (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline JsonObject *
object_at (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static inline JsonArray *
array_at (JsonObject *object,
          const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static inline JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

void                  fake_shopify_set_str             (char              **target,
                                                        const char         *value);
/* {"userErrors": [] or [{field, message}]} */
JsonObject           *fake_shopify_user_errors_payload (const char         *message);
/* {"data": @data, "extensions": {cost}} with status 200; takes @data. */
void                  fake_shopify_reply_data          (SoupServerMessage  *msg,
                                                        JsonObject         *data);
void                  fake_shopify_reply_error         (SoupServerMessage  *msg,
                                                        const char         *code,
                                                        const char         *message);
TdFakeShopifyProduct *fake_shopify_find_by             (TdFakeShopify      *self,
                                                        gsize               offset,
                                                        const char         *value);
#define FIND(self, member, value) \
  fake_shopify_find_by (self, G_STRUCT_OFFSET (TdFakeShopifyProduct, member), value)
TdFakeShopifyProduct *fake_shopify_new_product         (TdFakeShopify      *self,
                                                        const char         *sku);
/* Answers the request named @operation. */
void                  fake_shopify_run_operation       (TdFakeShopify      *self,
                                                        SoupServerMessage  *msg,
                                                        const char         *operation,
                                                        const char         *document,
                                                        JsonObject         *variables);

G_END_DECLS
