/* td-ebay-content.c — the JSON eBay gets for an item: the inventory item (condition, aspects
 * as name → [values], EPS image URLs) and the offer (category, policies, location, price as a
 * decimal string). Pure: no network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ebay"

#include "td-ebay-private.h"
#include "td-http.h"

/* eBay's field limits. */
#define TITLE_MAX       80
#define DESCRIPTION_MAX 4000
#define CONDITION_MAX   1000

static char *
clip (const char *text,
      glong       max_chars)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (g_utf8_strlen (stripped, -1) <= max_chars)
    return g_steal_pointer (&stripped);
  return g_utf8_substring (stripped, 0, max_chars);
}

static void
add_aspect (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  g_autofree char *clean = clip (value, 65);

  if (*clean == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, clean);
  json_builder_end_array (builder);
}

/* The item's own value for an aspect Thriftdesk fills, or NULL. */
static const char *
item_aspect (const TdSyncItem *item,
             const char       *name)
{
  if (g_ascii_strcasecmp (name, "Brand") == 0)
    return item->brand;
  if (g_ascii_strcasecmp (name, "Size") == 0)
    return item->size;
  if (g_ascii_strcasecmp (name, "Color") == 0)
    return item->colour;
  if (g_ascii_strcasecmp (name, "Material") == 0)
    return item->material;
  return NULL;
}

/* Values the shop gave in the eBay setup for aspects its category requires and items do not
 * carry (settings "category_aspects": {"57988": {"Department": "Men"}}); an item's own value
 * wins. */
static void
add_category_aspects (JsonBuilder      *builder,
                      TdEbay           *self,
                      const TdSyncItem *item)
{
  const char *category = td_ebay_category_for (self, item->category_path);
  JsonNode *all = json_object_get_member (self->settings, "category_aspects");
  JsonNode *these;
  g_autoptr(GList) names = NULL;

  if (category == NULL || all == NULL || !JSON_NODE_HOLDS_OBJECT (all))
    return;
  these = json_object_get_member (json_node_get_object (all), category);
  if (these == NULL || !JSON_NODE_HOLDS_OBJECT (these))
    return;
  names = json_object_get_members (json_node_get_object (these));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *own = item_aspect (item, l->data);
      JsonNode *value = json_object_get_member (json_node_get_object (these), l->data);

      if ((own != NULL && *own != '\0') || !JSON_NODE_HOLDS_VALUE (value)
          || json_node_get_value_type (value) != G_TYPE_STRING)
        continue;
      add_aspect (builder, l->data, json_node_get_string (value));
    }
}

static char *
locale_for (const char *language)
{
  g_autofree char *locale = g_strdup (language);

  g_strdelimit (locale, "-", '_');
  return g_steal_pointer (&locale);
}

static char *
description_for (const TdSyncItem *item)
{
  const char *text = item->description != NULL && *item->description != '\0'
                     ? item->description : item->title;

  return clip (text, DESCRIPTION_MAX);
}

JsonNode *
td_ebay_inventory_item_for (TdEbay           *self,
                            const TdSyncItem *item,
                            JsonArray        *image_urls)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *locale = locale_for (self->language);
  g_autofree char *title = clip (item->title, TITLE_MAX);
  g_autofree char *description = description_for (item);
  g_autofree char *note = clip (item->condition_note, CONDITION_MAX);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sku");
  json_builder_add_string_value (builder, item->sku);
  json_builder_set_member_name (builder, "locale");
  json_builder_add_string_value (builder, locale);

  json_builder_set_member_name (builder, "availability");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "shipToLocationAvailability");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, item->quantity);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (item->condition != NULL && *item->condition != '\0')
    {
      json_builder_set_member_name (builder, "condition");
      json_builder_add_string_value (builder, item->condition);
    }
  if (*note != '\0')
    {
      json_builder_set_member_name (builder, "conditionDescription");
      json_builder_add_string_value (builder, note);
    }

  json_builder_set_member_name (builder, "product");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  json_builder_set_member_name (builder, "aspects");
  json_builder_begin_object (builder);
  add_aspect (builder, "Brand", item->brand);
  add_aspect (builder, "Size", item->size);
  add_aspect (builder, "Color", item->colour);
  add_aspect (builder, "Material", item->material);
  add_category_aspects (builder, self, item);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "imageUrls");
  json_builder_begin_array (builder);
  for (guint i = 0; image_urls != NULL && i < json_array_get_length (image_urls); i++)
    json_builder_add_string_value (builder, json_array_get_string_element (image_urls, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_setting (JsonBuilder *builder,
             TdEbay      *self,
             const char  *member,
             const char  *setting)
{
  const char *value = td_ebay_setting (self, setting);

  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

JsonNode *
td_ebay_offer_for (TdEbay           *self,
                   const TdSyncItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *description = description_for (item);
  g_autofree char *price = td_http_format_amount (item->price,
                                                  g_strcmp0 (item->currency, "JPY") == 0 ? 0 : 2);
  const char *category = td_ebay_category_for (self, item->category_path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sku");
  json_builder_add_string_value (builder, item->sku);
  json_builder_set_member_name (builder, "marketplaceId");
  json_builder_add_string_value (builder, self->marketplace_id);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "FIXED_PRICE");
  json_builder_set_member_name (builder, "availableQuantity");
  json_builder_add_int_value (builder, item->quantity);
  if (category != NULL)
    {
      json_builder_set_member_name (builder, "categoryId");
      json_builder_add_string_value (builder, category);
    }
  json_builder_set_member_name (builder, "listingDescription");
  json_builder_add_string_value (builder, description);
  json_builder_set_member_name (builder, "listingDuration");
  json_builder_add_string_value (builder, "GTC");

  json_builder_set_member_name (builder, "listingPolicies");
  json_builder_begin_object (builder);
  add_setting (builder, self, "fulfillmentPolicyId", "fulfillment_policy_id");
  add_setting (builder, self, "paymentPolicyId", "payment_policy_id");
  add_setting (builder, self, "returnPolicyId", "return_policy_id");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "pricingSummary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "price");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, price);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, item->currency);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  add_setting (builder, self, "merchantLocationKey", "merchant_location_key");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gint64
td_ebay_amount_minor (JsonObject *amount)
{
  const char *currency;

  if (amount == NULL)
    return 0;
  currency = json_object_get_string_member_with_default (amount, "currency", "");
  return td_http_parse_amount (json_object_get_string_member_with_default (amount, "value", "0"),
                               td_http_currency_digits (currency));
}
