/* td-etsy-content.c — what Etsy receives, built from an item: title and tags within Etsy's
 * character rules, the description with the condition (Etsy has no condition field), the
 * price as an exact decimal, and the inventory JSON. Pure functions, no network.
 *
 * Prices go out as exact decimals ("19.99"), never through a double's rounding: json-glib
 * writes 19.99 as 19.989999999999998, so the inventory JSON is written by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-etsy"

#include <glib/gi18n.h>

#include "td-etsy-private.h"
#include "td-http.h"
#include "td-money.h"

#define TITLE_MAX 140
#define TAG_MAX   20
#define TAGS_MAX  13

char *
td_etsy_item_price (const TdSyncItem *item)
{
  return td_http_format_amount (item->price, td_http_currency_digits (item->currency));
}

/* "12.50" for {amount: 1250, divisor: 100}. */
static char *
money_decimal (JsonObject *money)
{
  gint64 amount = json_object_get_int_member_with_default (money, "amount", 0);
  gint64 divisor = json_object_get_int_member_with_default (money, "divisor", 100);
  gint64 power = 1;
  guint digits = 0;

  for (gint64 d = divisor; d > 1 && d % 10 == 0; d /= 10)
    {
      digits++;
      power *= 10;
    }
  if (divisor <= 0 || divisor != power)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f",
                                        (double) amount / MAX (divisor, 1)));
    }
  return td_http_format_amount (amount, digits);
}

/* Keeps letters, digits, spaces, - and ' (Etsy's tag rule); the rest becomes a space. */
static char *
clean_tag (const char *text)
{
  GString *tag = g_string_new (NULL);
  g_autofree char *folded = NULL;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-' || c == '\'')
        g_string_append_unichar (tag, c);
      else if (tag->len > 0 && tag->str[tag->len - 1] != ' ')
        g_string_append_c (tag, ' ');
    }
  g_strstrip (tag->str);
  if (g_utf8_strlen (tag->str, -1) > TAG_MAX)
    {
      char *end = g_utf8_offset_to_pointer (tag->str, TAG_MAX);

      *end = '\0';
      g_strchomp (tag->str);
    }
  folded = g_string_free (tag, FALSE);
  return g_steal_pointer (&folded);
}

static void
add_tag (GPtrArray  *tags,
         const char *text)
{
  g_autofree char *tag = clean_tag (text);

  if (*tag == '\0' || tags->len >= TAGS_MAX)
    return;
  for (guint i = 0; i < tags->len; i++)
    {
      if (g_utf8_collate (g_ptr_array_index (tags, i), tag) == 0)
        return;
    }
  g_ptr_array_add (tags, g_steal_pointer (&tag));
}

char *
td_etsy_tags_for (const TdSyncItem *item,
                  int               now_year)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  const char *condition;

  add_tag (tags, "vintage");
  if (item->vintage_year > 0)
    {
      const char *era = td_etsy_when_made (item->vintage_year, now_year);

      if (g_str_has_suffix (era, "s"))
        add_tag (tags, era);
    }
  /* Etsy has no condition field: the grade goes in a tag (and the description). */
  condition = item->grade_label != NULL && *item->grade_label != '\0' ? item->grade_label
                                                                       : item->condition;
  if (condition != NULL && *condition != '\0')
    {
      g_autofree char *tag = g_strdup_printf (_("%s condition"), condition);

      add_tag (tags, tag);
    }
  add_tag (tags, item->brand);
  add_tag (tags, item->material);
  add_tag (tags, item->colour);
  g_ptr_array_add (tags, NULL);
  return g_strjoinv (",", (char **) tags->pdata);
}

/* ≤ 140 characters; %, :, & and + only once each (Etsy's title rule). */
/* Letters, digits, punctuation, mathematical symbols, ™ © ® (Etsy's title rule). */
static gboolean
title_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_MATH_SYMBOL:
      return TRUE;
    default:
      return c == 0x2122 || c == 0x00a9 || c == 0x00ae;
    }
}

char *
td_etsy_clean_title (const char *text)
{
  GString *title = g_string_new (NULL);
  gboolean seen[4] = { FALSE, };
  const char specials[] = "%:&+";
  guint length = 0;

  for (const char *p = text; p != NULL && *p != '\0' && length < TITLE_MAX;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *special = c < 128 && c != 0 ? strchr (specials, (int) c) : NULL;

      if (g_unichar_isspace (c))
        {
          /* Line breaks and tabs become one space. */
          if (title->len > 0 && title->str[title->len - 1] != ' ')
            {
              g_string_append_c (title, ' ');
              length++;
            }
          continue;
        }
      if (!title_char (c))
        continue;
      if (special != NULL)
        {
          if (seen[special - specials])
            continue;
          seen[special - specials] = TRUE;
        }
      g_string_append_unichar (title, c);
      length++;
    }
  g_strstrip (title->str);
  return g_string_free (title, FALSE);
}

char *
td_etsy_description_for (const TdSyncItem *item)
{
  GString *text = g_string_new (item->description != NULL && *item->description != '\0'
                                ? item->description : item->title);

  if (item->condition_note != NULL && *item->condition_note != '\0')
    {
      g_string_append (text, "\n\n");
      g_string_append_printf (text, _("Condition: %s"), item->condition_note);
    }
  return g_string_free (text, FALSE);
}

/* updateListingInventory's body from getListingInventory's answer (NULL: a fresh listing):
 * every product is sent back (Etsy replaces the whole inventory), without the read-only
 * members; ours gets the SKU and the price. */
char *
td_etsy_inventory_body (JsonNode         *current,
                        const TdSyncItem *item,
                        gint64            readiness)
{
  g_autofree char *price = td_etsy_item_price (item);
  static const char * const lists[] = {
    "price_on_property", "quantity_on_property", "sku_on_property",
    "readiness_state_on_property",
  };
  GString *body = g_string_new ("{\"products\":[");
  JsonObject *object = current != NULL && JSON_NODE_HOLDS_OBJECT (current)
                       ? json_node_get_object (current) : NULL;
  JsonArray *products = object != NULL && json_object_has_member (object, "products")
                        ? json_object_get_array_member (object, "products") : NULL;
  guint written = 0;

  for (guint i = 0; products != NULL && i < json_array_get_length (products); i++)
    {
      JsonObject *product = json_array_get_object_element (products, i);
      JsonArray *values, *offerings;
      const char *sku;
      gboolean ours;
      g_autoptr(JsonNode) sku_node = NULL;
      g_autofree char *sku_text = NULL;
      guint offered = 0;

      if (product == NULL || json_object_get_boolean_member_with_default (product, "is_deleted",
                                                                          FALSE))
        continue;
      sku = json_object_get_string_member_with_default (product, "sku", "");
      ours = json_array_get_length (products) == 1 || g_strcmp0 (sku, item->sku) == 0;
      sku_node = json_node_init_string (json_node_alloc (), ours ? item->sku : sku);
      sku_text = json_to_string (sku_node, FALSE);

      g_string_append_printf (body, "%s{\"sku\":%s,\"property_values\":[",
                              written++ > 0 ? "," : "", sku_text);
      values = json_object_has_member (product, "property_values")
               ? json_object_get_array_member (product, "property_values") : NULL;
      for (guint v = 0; values != NULL && v < json_array_get_length (values); v++)
        {
          JsonObject *value = json_array_get_object_element (values, v);
          g_autoptr(JsonObject) clean = json_object_new ();
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
          g_autofree char *text = NULL;

          if (value == NULL)
            continue;
          /* scale_name is read-only; a null scale_id is left out. */
          for (const char * const *name = (const char * const[]) { "property_id", "value_ids",
                                                                   "scale_id", "property_name",
                                                                   "values", NULL };
               *name != NULL; name++)
            {
              JsonNode *member = json_object_get_member (value, *name);

              if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
                json_object_set_member (clean, *name, json_node_copy (member));
            }
          json_node_set_object (node, clean);
          text = json_to_string (node, FALSE);
          g_string_append_printf (body, "%s%s", v > 0 ? "," : "", text);
        }
      g_string_append (body, "],\"offerings\":[");
      offerings = json_object_has_member (product, "offerings")
                  ? json_object_get_array_member (product, "offerings") : NULL;
      for (guint o = 0; offerings != NULL && o < json_array_get_length (offerings); o++)
        {
          JsonObject *offering = json_array_get_object_element (offerings, o);
          JsonObject *money;
          g_autofree char *old_price = NULL;
          gint64 quantity, state;

          if (offering == NULL
              || json_object_get_boolean_member_with_default (offering, "is_deleted", FALSE))
            continue;
          money = json_object_has_member (offering, "price")
                  && JSON_NODE_HOLDS_OBJECT (json_object_get_member (offering, "price"))
                  ? json_object_get_object_member (offering, "price") : NULL;
          old_price = money != NULL ? money_decimal (money) : g_strdup (price);
          quantity = json_object_get_int_member_with_default (offering, "quantity", 1);
          state = json_object_get_int_member_with_default (offering, "readiness_state_id", 0);
          g_string_append_printf (body,
                                  "%s{\"price\":%s,\"quantity\":%" G_GINT64_FORMAT
                                  ",\"is_enabled\":%s,\"readiness_state_id\":%" G_GINT64_FORMAT "}",
                                  offered++ > 0 ? "," : "", ours ? price : old_price,
                                  ours ? 1 : MAX (quantity, 1),
                                  json_object_get_boolean_member_with_default (offering,
                                                                               "is_enabled",
                                                                               TRUE)
                                  ? "true" : "false",
                                  state > 0 ? state : readiness);
        }
      if (offered == 0)
        g_string_append_printf (body, "{\"price\":%s,\"quantity\":1,\"is_enabled\":true,"
                                "\"readiness_state_id\":%" G_GINT64_FORMAT "}",
                                ours ? price : "0", readiness);
      g_string_append (body, "]}");
    }
  if (written == 0)
    {
      g_autoptr(JsonNode) sku_node = json_node_init_string (json_node_alloc (), item->sku);
      g_autofree char *sku_text = json_to_string (sku_node, FALSE);

      g_string_append_printf (body, "{\"sku\":%s,\"property_values\":[],\"offerings\":["
                              "{\"price\":%s,\"quantity\":1,\"is_enabled\":true,"
                              "\"readiness_state_id\":%" G_GINT64_FORMAT "}]}",
                              sku_text, price, readiness);
    }
  g_string_append_c (body, ']');
  for (guint l = 0; object != NULL && l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *list = json_object_get_member (object, lists[l]);
      g_autofree char *text = NULL;

      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        continue;
      text = json_to_string (list, FALSE);
      g_string_append_printf (body, ",\"%s\":%s", lists[l], text);
    }
  g_string_append_c (body, '}');
  return g_string_free (body, FALSE);
}
