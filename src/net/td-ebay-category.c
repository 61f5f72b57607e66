/* td-ebay-category.c — see td-ebay.h: what eBay asks of items in a category.
 *
 * Two questions, asked when staff pick a category in the eBay setup: which aspects the
 * category requires (Taxonomy API, get_item_aspects_for_category, aspectConstraint
 * .aspectRequired) and which conditions it accepts (Metadata API,
 * get_item_condition_policies). eBay refuses to publish an item that lacks either, so the
 * setup shows them before the first item goes out instead of after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ebay"

#include <string.h>

#include <glib/gi18n.h>

#include "td-ebay.h"
#include "td-ebay-private.h"
#include "td-http.h"
#include "td-stock-error.h"

/* eBay's numeric condition ids and the Inventory API's names for them (eBay's "Item condition
 * ID and name values"; MARKETPLACES.md §1.3). */
static const struct
{
  const char *id;
  const char *name;
} conditions[] = {
  { "1000", "NEW" },
  { "1500", "NEW_OTHER" },
  { "1750", "NEW_WITH_DEFECTS" },
  { "2000", "CERTIFIED_REFURBISHED" },
  { "2010", "EXCELLENT_REFURBISHED" },
  { "2020", "VERY_GOOD_REFURBISHED" },
  { "2030", "GOOD_REFURBISHED" },
  { "2500", "SELLER_REFURBISHED" },
  { "2750", "LIKE_NEW" },
  { "2990", "PRE_OWNED_EXCELLENT" },
  { "3000", "USED_EXCELLENT" },
  { "3010", "PRE_OWNED_FAIR" },
  { "4000", "USED_VERY_GOOD" },
  { "5000", "USED_GOOD" },
  { "6000", "USED_ACCEPTABLE" },
  { "7000", "FOR_PARTS_OR_NOT_WORKING" },
};

/* The aspects td-ebay-content.c fills from an item's own fields. */
static const char * const filled_aspects[] = { "Brand", "Size", "Color", "Material" };

const char *
td_ebay_condition_for_id (const char *condition_id)
{
  for (guint i = 0; condition_id != NULL && i < G_N_ELEMENTS (conditions); i++)
    if (g_str_equal (conditions[i].id, condition_id))
      return conditions[i].name;
  return NULL;
}

gboolean
td_ebay_aspect_is_filled (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (filled_aspects); i++)
    if (g_ascii_strcasecmp (filled_aspects[i], name) == 0)
      return TRUE;
  return FALSE;
}

void
td_ebay_category_needs_free (TdEbayCategoryNeeds *needs)
{
  if (needs == NULL)
    return;
  g_free (needs->category_id);
  g_clear_pointer (&needs->required_aspects, g_ptr_array_unref);
  g_clear_pointer (&needs->conditions, g_ptr_array_unref);
  g_free (needs);
}

static void
on_conditions (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdEbayCategoryNeeds *needs = g_task_get_task_data (task);
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);
  TdEbayCategoryNeeds *found;
  JsonArray *policies;

  if (answer == NULL)
    return;
  policies = td_ebay_root_array (answer, "itemConditionPolicies");
  for (guint i = 0; policies != NULL && i < json_array_get_length (policies); i++)
    {
      JsonNode *node = json_array_get_element (policies, i);
      JsonObject *policy;
      JsonNode *list;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      policy = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (policy, "categoryId", NULL),
                     needs->category_id) != 0)
        continue;
      needs->condition_required = json_object_get_boolean_member_with_default (policy,
                                                                                "itemConditionRequired",
                                                                                FALSE);
      list = json_object_get_member (policy, "itemConditions");
      for (guint j = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list)
                        && j < json_array_get_length (json_node_get_array (list)); j++)
        {
          JsonNode *entry = json_array_get_element (json_node_get_array (list), j);
          const char *id;
          const char *name;

          if (!JSON_NODE_HOLDS_OBJECT (entry))
            continue;
          id = json_object_get_string_member_with_default (json_node_get_object (entry),
                                                           "conditionId", NULL);
          if (id == NULL)
            continue;
          name = td_ebay_condition_for_id (id);
          g_ptr_array_add (needs->conditions,
                           td_ebay_choice_new (name != NULL ? name : id,
                                               json_object_get_string_member_with_default (
                                                 json_node_get_object (entry),
                                                 "conditionDescription", NULL)));
        }
    }
  /* The task data keeps an empty shell; the caller gets the contents. */
  found = g_new0 (TdEbayCategoryNeeds, 1);
  *found = *needs;
  memset (needs, 0, sizeof *needs);
  g_task_return_pointer (task, found, (GDestroyNotify) td_ebay_category_needs_free);
}

static void
on_aspects (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  TdEbay *self = TD_EBAY (source);
  TdEbayCategoryNeeds *needs = g_task_get_task_data (task);
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);
  g_autofree char *market = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  JsonArray *aspects;

  if (answer == NULL)
    {
      g_object_unref (task);
      return;
    }
  aspects = td_ebay_root_array (answer, "aspects");
  for (guint i = 0; aspects != NULL && i < json_array_get_length (aspects); i++)
    {
      JsonNode *node = json_array_get_element (aspects, i);
      JsonObject *aspect;
      JsonNode *constraint;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      aspect = json_node_get_object (node);
      name = json_object_get_string_member_with_default (aspect, "localizedAspectName", NULL);
      constraint = json_object_get_member (aspect, "aspectConstraint");
      if (name != NULL && constraint != NULL && JSON_NODE_HOLDS_OBJECT (constraint)
          && json_object_get_boolean_member_with_default (json_node_get_object (constraint),
                                                          "aspectRequired", FALSE))
        g_ptr_array_add (needs->required_aspects, g_strdup (name));
    }

  market = td_http_escape (self->marketplace_id);
  filter = g_strdup_printf ("categoryIds:{%s}", needs->category_id);
  escaped = td_http_escape (filter);
  path = g_strdup_printf ("/marketplace/%s/get_item_condition_policies?filter=%s", market,
                          escaped);
  td_ebay_send_async (self, TD_EBAY_API_METADATA, "GET", path, NULL, NULL,
                      g_task_get_cancellable (task), on_conditions, task);
}

static void
on_tree (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  TdEbayCategoryNeeds *needs = g_task_get_task_data (task);
  g_autoptr(TdEbayAnswer) answer = td_ebay_setup_answer (task, source, result);
  const char *tree = NULL;
  g_autofree char *escaped_tree = NULL;
  g_autofree char *escaped_category = NULL;
  g_autofree char *path = NULL;

  tree = td_ebay_tree_id (task, answer);
  if (tree == NULL)
    {
      g_object_unref (task);
      return;
    }
  escaped_tree = td_http_escape (tree);
  escaped_category = td_http_escape (needs->category_id);
  path = g_strdup_printf ("/category_tree/%s/get_item_aspects_for_category?category_id=%s",
                          escaped_tree, escaped_category);
  td_ebay_send_async (TD_EBAY (source), TD_EBAY_API_TAXONOMY, "GET", path, NULL, NULL,
                      g_task_get_cancellable (task), on_aspects, task);
}

void
td_ebay_category_needs_async (TdMarketplace       *marketplace,
                              const char          *category_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  TdEbay *self;
  TdEbayCategoryNeeds *needs;
  GTask *task;
  g_autofree char *market = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_EBAY (marketplace));
  g_return_if_fail (category_id != NULL);

  self = TD_EBAY (marketplace);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_ebay_category_needs_async);
  needs = g_new0 (TdEbayCategoryNeeds, 1);
  needs->category_id = g_strdup (category_id);
  needs->required_aspects = g_ptr_array_new_with_free_func (g_free);
  needs->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) td_ebay_choice_free);
  g_task_set_task_data (task, needs, (GDestroyNotify) td_ebay_category_needs_free);
  if (*category_id == '\0' || strspn (category_id, "0123456789") != strlen (category_id))
    {
      g_task_return_new_error (task, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID,
                               _("An eBay category id is a number, such as 57988."));
      g_object_unref (task);
      return;
    }
  market = td_http_escape (self->marketplace_id);
  path = g_strdup_printf ("/get_default_category_tree_id?marketplace_id=%s", market);
  td_ebay_send_async (self, TD_EBAY_API_TAXONOMY, "GET", path, NULL, NULL, cancellable,
                      on_tree, task);
}

TdEbayCategoryNeeds *
td_ebay_category_needs_finish (TdMarketplace  *marketplace,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, marketplace), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
