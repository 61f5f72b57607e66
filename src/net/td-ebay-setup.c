/* td-ebay-setup.c — see td-ebay.h: business policies (Account API), an inventory location
 * (Inventory API), category suggestions (Taxonomy API), opting in to business policies and the
 * locations already there. What a category needs is in td-ebay-category.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ebay"

#include <glib/gi18n.h>

#include "td-ebay.h"
#include "td-ebay-private.h"
#include "td-http.h"
#include "td-stock-error.h"

void
td_ebay_choice_free (TdEbayChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->id);
  g_free (choice->name);
  g_free (choice);
}

TdEbayChoice *
td_ebay_choice_new (const char *id,
            const char *name)
{
  TdEbayChoice *choice = g_new0 (TdEbayChoice, 1);

  choice->id = g_strdup (id);
  choice->name = g_strdup (name != NULL ? name : id);
  return choice;
}

/* The answer of a finished send, or NULL with @task returned with an error. */
TdEbayAnswer *
td_ebay_setup_answer (GTask        *task,
              GObject      *source,
              GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdEbayAnswer) answer = td_ebay_send_finish (TD_EBAY (source), result, &error);

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  if (answer->status != TD_SYNC_DONE)
    {
      g_task_return_new_error (task, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID, "%s",
                               answer->message != NULL ? answer->message
                               : _("eBay did not answer."));
      return NULL;
    }
  return g_steal_pointer (&answer);
}

/* The default category tree's id in @answer (to get_default_category_tree_id), or NULL with
 * @task returned with an error (also when @answer is NULL: it already was). */
const char *
td_ebay_tree_id (GTask        *task,
                 TdEbayAnswer *answer)
{
  const char *tree = NULL;

  if (answer == NULL)
    return NULL;
  if (answer->root != NULL && JSON_NODE_HOLDS_OBJECT (answer->root))
    tree = json_object_get_string_member_with_default (json_node_get_object (answer->root),
                                                       "categoryTreeId", NULL);
  if (tree == NULL)
    g_task_return_new_error (task, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                             _("eBay did not say which category tree this marketplace uses."));
  return tree;
}

JsonArray *
td_ebay_root_array (TdEbayAnswer *answer,
            const char   *member)
{
  JsonNode *node;

  if (answer->root == NULL || !JSON_NODE_HOLDS_OBJECT (answer->root))
    return NULL;
  node = json_object_get_member (json_node_get_object (answer->root), member);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Each object of the answer's array @list_member with an @id_member, and its "name". */
static GPtrArray *
choices_from (TdEbayAnswer *answer,
              const char   *list_member,
              const char   *id_member)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) td_ebay_choice_free);
  JsonArray *array = td_ebay_root_array (answer, list_member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, id_member, NULL);
      if (id != NULL)
        g_ptr_array_add (choices,
                         td_ebay_choice_new (id, json_object_get_string_member_with_default (
                                                   object, "name", NULL)));
    }
  return choices;
}

/* Policies */

static void
on_policies (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *kind = g_task_get_task_data (task);
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);
  g_autofree char *list_member = g_strdup_printf ("%sPolicies", kind);
  g_autofree char *id_member = g_strdup_printf ("%sPolicyId", kind);

  if (answer == NULL)
    return;
  g_task_return_pointer (task, choices_from (answer, list_member, id_member),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
td_ebay_list_policies_async (TdMarketplace       *marketplace,
                             const char          *kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TdEbay *self;
  GTask *task;
  g_autofree char *market = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_EBAY (marketplace));
  g_return_if_fail (g_strcmp0 (kind, "fulfillment") == 0 || g_strcmp0 (kind, "payment") == 0
                    || g_strcmp0 (kind, "return") == 0);

  self = TD_EBAY (marketplace);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ebay_list_policies_async);
  g_task_set_task_data (task, g_strdup (kind), g_free);
  market = td_http_escape (self->marketplace_id);
  path = g_strdup_printf ("/%s_policy?marketplace_id=%s", kind, market);
  td_ebay_send_async (self, TD_EBAY_API_ACCOUNT, "GET", path, NULL, NULL, cancellable,
                      on_policies, task);
}

GPtrArray *
td_ebay_list_policies_finish (TdMarketplace  *marketplace,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Inventory location */

static void
on_accepted (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);

  if (answer != NULL)
    g_task_return_boolean (task, TRUE);
}

void
td_ebay_create_location_async (TdMarketplace       *marketplace,
                               const char          *key,
                               const char          *name,
                               const char          *postal_code,
                               const char          *country,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (TD_IS_EBAY (marketplace));
  g_return_if_fail (key != NULL && *key != '\0');

  task = g_task_new (marketplace, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ebay_create_location_async);
  if (g_utf8_strlen (key, -1) > 36)
    {
      g_task_return_new_error (task, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                               _("An eBay location key has at most 36 characters."));
      g_object_unref (task);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "location");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "postalCode");
  json_builder_add_string_value (builder, postal_code);
  json_builder_set_member_name (builder, "country");
  json_builder_add_string_value (builder, country);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "locationTypes");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "STORE");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "merchantLocationStatus");
  json_builder_add_string_value (builder, "ENABLED");
  json_builder_end_object (builder);

  escaped = td_http_escape (key);
  path = g_strdup_printf ("/location/%s", escaped);
  td_ebay_send_async (TD_EBAY (marketplace), TD_EBAY_API_INVENTORY, "POST", path,
                      json_builder_get_root (builder), NULL, cancellable, on_accepted, task);
}

gboolean
td_ebay_create_location_finish (TdMarketplace  *marketplace,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Category suggestions: the default tree's id, then its suggestions */

static void
on_suggestions (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);
  GPtrArray *choices;
  JsonArray *array;

  if (answer == NULL)
    return;
  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) td_ebay_choice_free);
  array = td_ebay_root_array (answer, "categorySuggestions");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *category;
      JsonNode *ancestors;
      g_autoptr(GString) name = g_string_new ("");

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !json_object_has_member (json_node_get_object (node), "category"))
        continue;
      category = json_object_get_object_member (json_node_get_object (node), "category");
      /* Ancestors come nearest first: "Clothing › Men › Jackets". */
      ancestors = json_object_get_member (json_node_get_object (node),
                                          "categoryTreeNodeAncestors");
      for (guint j = ancestors != NULL && JSON_NODE_HOLDS_ARRAY (ancestors)
                     ? json_array_get_length (json_node_get_array (ancestors)) : 0; j > 0; j--)
        {
          JsonObject *ancestor = json_array_get_object_element (json_node_get_array (ancestors),
                                                                j - 1);

          g_string_append (name, json_object_get_string_member_with_default (ancestor,
                                                                             "categoryName",
                                                                             ""));
          g_string_append (name, " › ");
        }
      g_string_append (name, json_object_get_string_member_with_default (category,
                                                                         "categoryName", ""));
      g_ptr_array_add (choices,
                       td_ebay_choice_new (json_object_get_string_member_with_default (category,
                                                                               "categoryId",
                                                                               ""),
                                   name->str));
    }
  g_task_return_pointer (task, choices, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_tree (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);
  const char *query = g_task_get_task_data (task);
  const char *tree = NULL;
  g_autofree char *escaped_tree = NULL;
  g_autofree char *escaped_query = NULL;
  g_autofree char *path = NULL;

  tree = td_ebay_tree_id (task, answer);
  if (tree == NULL)
    {
      g_object_unref (task);
      return;
    }
  escaped_tree = td_http_escape (tree);
  escaped_query = td_http_escape (query);
  path = g_strdup_printf ("/category_tree/%s/get_category_suggestions?q=%s", escaped_tree,
                          escaped_query);
  td_ebay_send_async (TD_EBAY (source), TD_EBAY_API_TAXONOMY, "GET", path, NULL, NULL,
                      g_task_get_cancellable (task), on_suggestions, task);
}

void
td_ebay_suggest_categories_async (TdMarketplace       *marketplace,
                                  const char          *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  TdEbay *self;
  GTask *task;
  g_autofree char *market = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_EBAY (marketplace));
  g_return_if_fail (query != NULL);

  self = TD_EBAY (marketplace);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ebay_suggest_categories_async);
  g_task_set_task_data (task, g_strdup (query), g_free);
  market = td_http_escape (self->marketplace_id);
  path = g_strdup_printf ("/get_default_category_tree_id?marketplace_id=%s", market);
  td_ebay_send_async (self, TD_EBAY_API_TAXONOMY, "GET", path, NULL, NULL, cancellable,
                      on_tree, task);
}

GPtrArray *
td_ebay_suggest_categories_finish (TdMarketplace  *marketplace,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Business policies: is the seller opted in, and opting in */

static void
on_programs (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);
  JsonArray *programs;

  if (answer == NULL)
    return;
  programs = td_ebay_root_array (answer, "programs");
  for (guint i = 0; programs != NULL && i < json_array_get_length (programs); i++)
    {
      JsonNode *node = json_array_get_element (programs, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                    "programType", NULL),
                        "SELLING_POLICY_MANAGEMENT") == 0)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  g_task_return_boolean (task, FALSE);
}

void
td_ebay_policies_opted_in_async (TdMarketplace       *marketplace,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TD_IS_EBAY (marketplace));

  task = g_task_new (marketplace, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ebay_policies_opted_in_async);
  td_ebay_send_async (TD_EBAY (marketplace), TD_EBAY_API_ACCOUNT, "GET",
                      "/program/get_opted_in_programs", NULL, NULL, cancellable, on_programs,
                      task);
}

gboolean
td_ebay_policies_opted_in_finish (TdMarketplace  *marketplace,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
td_ebay_opt_in_policies_async (TdMarketplace       *marketplace,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GTask *task;

  g_return_if_fail (TD_IS_EBAY (marketplace));

  task = g_task_new (marketplace, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ebay_opt_in_policies_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "programType");
  json_builder_add_string_value (builder, "SELLING_POLICY_MANAGEMENT");
  json_builder_end_object (builder);
  td_ebay_send_async (TD_EBAY (marketplace), TD_EBAY_API_ACCOUNT, "POST", "/program/opt_in",
                      json_builder_get_root (builder), NULL, cancellable, on_accepted, task);
}

gboolean
td_ebay_opt_in_policies_finish (TdMarketplace  *marketplace,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Inventory locations already on the account */

static void
on_locations (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);

  if (answer != NULL)
    g_task_return_pointer (task, choices_from (answer, "locations", "merchantLocationKey"),
                           (GDestroyNotify) g_ptr_array_unref);
}

void
td_ebay_list_locations_async (TdMarketplace       *marketplace,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TD_IS_EBAY (marketplace));

  task = g_task_new (marketplace, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ebay_list_locations_async);
  td_ebay_send_async (TD_EBAY (marketplace), TD_EBAY_API_INVENTORY, "GET",
                      "/location?limit=100", NULL, NULL, cancellable, on_locations, task);
}

GPtrArray *
td_ebay_list_locations_finish (TdMarketplace  *marketplace,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
