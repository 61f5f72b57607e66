/* td-item.c — one item of stock, as the inventory shows it.
 *
 * A TdItem is a read-only snapshot of one row, built by the store (td-store-items-query.c)
 * for list views: the inventory's column view binds its properties. It never changes after
 * construction, so its properties never notify; a changed item is a new TdItem.
 *
 * A million-row browser builds these a page at a time, on every keystroke, so building one
 * is kept cheap: one object and one block holding all its text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-item"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-item-private.h"

struct _TdItem
{
  GObject       parent_instance;

  gint64        id;
  gint64        category_id;
  gint64        grade_id;
  gint64        consignor_id;
  gint64        price;
  gint64        min_price;
  gint64        intake_at_us;
  gint64        expires_at_us;
  TdItemStatus  status;
  const char   *text[TD_ITEM_N_TEXTS];  /* point into @block */
  char         *block;
};

G_DEFINE_FINAL_TYPE (TdItem, td_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TdItemStatus, td_item_status,
  G_DEFINE_ENUM_VALUE (TD_ITEM_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (TD_ITEM_STATUS_AVAILABLE, "available"),
  G_DEFINE_ENUM_VALUE (TD_ITEM_STATUS_HELD, "held"),
  G_DEFINE_ENUM_VALUE (TD_ITEM_STATUS_SOLD, "sold"),
  G_DEFINE_ENUM_VALUE (TD_ITEM_STATUS_RETURNED, "returned"),
  G_DEFINE_ENUM_VALUE (TD_ITEM_STATUS_DONATED, "donated"),
  G_DEFINE_ENUM_VALUE (TD_ITEM_STATUS_DAMAGED, "damaged"))

enum {
  PROP_0,
  PROP_ID,
  PROP_SKU,
  PROP_TITLE,
  PROP_BRAND,
  PROP_SIZE,
  PROP_COLOUR,
  PROP_CATEGORY_ID,
  PROP_CATEGORY_NAME,
  PROP_GRADE_ID,
  PROP_GRADE_LABEL,
  PROP_CONSIGNOR_ID,
  PROP_CONSIGNOR_CODE,
  PROP_PRICE,
  PROP_MIN_PRICE,
  PROP_TAG_COLOUR,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_INTAKE_AT,
  PROP_INTAKE_AT_US,
  PROP_EXPIRES_AT,
  PROP_EXPIRES_AT_US,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The strings item.status holds (CHECK constraint of 0001-shop-model.sql). */
static const char * const status_strings[TD_ITEM_N_STATUSES] = {
  [TD_ITEM_STATUS_DRAFT] = "draft",
  [TD_ITEM_STATUS_AVAILABLE] = "available",
  [TD_ITEM_STATUS_HELD] = "held",
  [TD_ITEM_STATUS_SOLD] = "sold",
  [TD_ITEM_STATUS_RETURNED] = "returned",
  [TD_ITEM_STATUS_DONATED] = "donated",
  [TD_ITEM_STATUS_DAMAGED] = "damaged",
};

/**
 * td_item_status_to_string:
 *
 * Returns: (transfer none): the text stored in item.status
 */
const char *
td_item_status_to_string (TdItemStatus status)
{
  g_return_val_if_fail ((guint) status < TD_ITEM_N_STATUSES, NULL);

  return status_strings[status];
}

/**
 * td_item_status_from_string:
 * @text: (nullable): what item.status holds
 * @status: (out): the status
 *
 * Returns: whether @text is a known status
 */
gboolean
td_item_status_from_string (const char   *text,
                            TdItemStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < TD_ITEM_N_STATUSES; i++)
    if (strcmp (text, status_strings[i]) == 0)
      {
        *status = (TdItemStatus) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * td_item_status_get_label:
 *
 * Returns: (transfer none): the status in the shop's words, translated
 */
const char *
td_item_status_get_label (TdItemStatus status)
{
  switch (status)
    {
    case TD_ITEM_STATUS_DRAFT:
      return C_("item status", "Draft");
    case TD_ITEM_STATUS_AVAILABLE:
      return C_("item status", "Available");
    case TD_ITEM_STATUS_HELD:
      return C_("item status", "On hold");
    case TD_ITEM_STATUS_SOLD:
      return C_("item status", "Sold");
    case TD_ITEM_STATUS_RETURNED:
      return C_("item status", "Returned to consignor");
    case TD_ITEM_STATUS_DONATED:
      return C_("item status", "Donated");
    case TD_ITEM_STATUS_DAMAGED:
      return C_("item status", "Damaged");
    default:
      g_return_val_if_reached ("");
    }
}

/* GLib 2.74 has no g_date_time_new_from_unix_utc_usec(). */
static GDateTime *
date_time_from_us (gint64 us)
{
  g_autoptr(GDateTime) seconds = NULL;
  gint64 s = us / G_USEC_PER_SEC;
  gint64 rest = us % G_USEC_PER_SEC;

  if (us == 0)
    return NULL;
  if (rest < 0)
    {
      s--;
      rest += G_USEC_PER_SEC;
    }
  seconds = g_date_time_new_from_unix_utc (s);
  return seconds != NULL ? g_date_time_add (seconds, rest) : NULL;
}

static void
td_item_finalize (GObject *object)
{
  TdItem *self = (TdItem *)object;

  g_free (self->block);

  G_OBJECT_CLASS (td_item_parent_class)->finalize (object);
}

static void
td_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  TdItem *self = TD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SKU:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_SKU]);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_TITLE]);
      break;
    case PROP_BRAND:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_BRAND]);
      break;
    case PROP_SIZE:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_SIZE]);
      break;
    case PROP_COLOUR:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_COLOUR]);
      break;
    case PROP_CATEGORY_ID:
      g_value_set_int64 (value, self->category_id);
      break;
    case PROP_CATEGORY_NAME:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_CATEGORY_NAME]);
      break;
    case PROP_GRADE_ID:
      g_value_set_int64 (value, self->grade_id);
      break;
    case PROP_GRADE_LABEL:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_GRADE_LABEL]);
      break;
    case PROP_CONSIGNOR_ID:
      g_value_set_int64 (value, self->consignor_id);
      break;
    case PROP_CONSIGNOR_CODE:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_CONSIGNOR_CODE]);
      break;
    case PROP_PRICE:
      g_value_set_int64 (value, self->price);
      break;
    case PROP_MIN_PRICE:
      g_value_set_int64 (value, self->min_price);
      break;
    case PROP_TAG_COLOUR:
      g_value_set_string (value, self->text[TD_ITEM_TEXT_TAG_COLOUR]);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, td_item_status_get_label (self->status));
      break;
    case PROP_INTAKE_AT:
      g_value_take_boxed (value, date_time_from_us (self->intake_at_us));
      break;
    case PROP_INTAKE_AT_US:
      g_value_set_int64 (value, self->intake_at_us);
      break;
    case PROP_EXPIRES_AT:
      g_value_take_boxed (value, date_time_from_us (self->expires_at_us));
      break;
    case PROP_EXPIRES_AT_US:
      g_value_set_int64 (value, self->expires_at_us);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
td_item_class_init (TdItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_item_finalize;
  object_class->get_property = td_item_get_property;

  properties[PROP_ID] = int64_property ("id");
  properties[PROP_SKU] = string_property ("sku");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_BRAND] = string_property ("brand");
  properties[PROP_SIZE] = string_property ("size");
  properties[PROP_COLOUR] = string_property ("colour");
  properties[PROP_CATEGORY_ID] = int64_property ("category-id");
  properties[PROP_CATEGORY_NAME] = string_property ("category-name");
  properties[PROP_GRADE_ID] = int64_property ("grade-id");
  properties[PROP_GRADE_LABEL] = string_property ("grade-label");
  properties[PROP_CONSIGNOR_ID] = int64_property ("consignor-id");
  /* "" for the shop's own stock. */
  properties[PROP_CONSIGNOR_CODE] = string_property ("consignor-code");
  /* Minor units of the shop's currency; format with td_money_format(). */
  properties[PROP_PRICE] = int64_property ("price");
  /* The consignor's minimum (minor units); 0 for none. */
  properties[PROP_MIN_PRICE] = int64_property ("min-price");
  /* The colour of the item's tag, as taken in; "" for none. */
  properties[PROP_TAG_COLOUR] = string_property ("tag-colour");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, TD_TYPE_ITEM_STATUS, TD_ITEM_STATUS_AVAILABLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS_LABEL] = string_property ("status-label");
  properties[PROP_INTAKE_AT] =
    g_param_spec_boxed ("intake-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INTAKE_AT_US] = int64_property ("intake-at-us");
  /* NULL / 0 when the item never expires (shop stock). */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXPIRES_AT_US] = int64_property ("expires-at-us");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_item_init (TdItem *self)
{
}

/**
 * td_item_new_from_row:
 * @row: one row; its text is copied
 *
 * For the store only.
 *
 * Returns: (transfer full): the item
 */
TdItem *
td_item_new_from_row (const TdItemRow *row)
{
  TdItem *self;
  gsize lens[TD_ITEM_N_TEXTS];
  gsize total = 0;
  char *p;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (TD_TYPE_ITEM, NULL);
  self->id = row->id;
  self->category_id = row->category_id;
  self->grade_id = row->grade_id;
  self->consignor_id = row->consignor_id;
  self->price = row->price;
  self->min_price = row->min_price;
  self->status = row->status;
  self->intake_at_us = row->intake_at_us;
  self->expires_at_us = row->expires_at_us;

  for (guint i = 0; i < TD_ITEM_N_TEXTS; i++)
    {
      const char *text = row->text[i];

      lens[i] = text == NULL ? 0 : row->text_len[i] >= 0 ? (gsize) row->text_len[i] : strlen (text);
      total += lens[i] + 1;
    }

  p = self->block = g_malloc (total);
  for (guint i = 0; i < TD_ITEM_N_TEXTS; i++)
    {
      if (lens[i] > 0)
        memcpy (p, row->text[i], lens[i]);
      p[lens[i]] = '\0';
      self->text[i] = p;
      p += lens[i] + 1;
    }

  return self;
}

/**
 * td_item_equal:
 * @a: (nullable): an item
 * @b: (nullable): another
 *
 * Whether two snapshots show the same item with the same facts, so a view showing @a need
 * not redraw for @b (a new search often puts the same item in the same row).
 */
gboolean
td_item_equal (TdItem *a,
               TdItem *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (a->id != b->id || a->category_id != b->category_id || a->grade_id != b->grade_id ||
      a->consignor_id != b->consignor_id || a->price != b->price ||
      a->min_price != b->min_price ||
      a->intake_at_us != b->intake_at_us || a->expires_at_us != b->expires_at_us ||
      a->status != b->status)
    return FALSE;
  for (guint i = 0; i < TD_ITEM_N_TEXTS; i++)
    if (g_strcmp0 (a->text[i], b->text[i]) != 0)
      return FALSE;
  return TRUE;
}

gint64
td_item_get_id (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->id;
}

const char *
td_item_get_sku (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_SKU];
}

const char *
td_item_get_title (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_TITLE];
}

const char *
td_item_get_brand (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_BRAND];
}

const char *
td_item_get_size (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_SIZE];
}

const char *
td_item_get_colour (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_COLOUR];
}

gint64
td_item_get_category_id (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->category_id;
}

const char *
td_item_get_category_name (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_CATEGORY_NAME];
}

gint64
td_item_get_grade_id (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->grade_id;
}

const char *
td_item_get_grade_label (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_GRADE_LABEL];
}

gint64
td_item_get_consignor_id (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->consignor_id;
}

/**
 * td_item_get_consignor_code:
 *
 * Returns: (transfer none): the consignor's code, "" for the shop's own stock
 */
const char *
td_item_get_consignor_code (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_CONSIGNOR_CODE];
}

/**
 * td_item_get_price:
 *
 * Returns: the ticket price in minor units of the shop's currency
 */
gint64
td_item_get_price (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->price;
}

/**
 * td_item_get_min_price:
 *
 * Returns: the consignor's minimum price in minor units; 0 when there is none
 */
gint64
td_item_get_min_price (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->min_price;
}

/**
 * td_item_get_tag_colour:
 *
 * Returns: (transfer none): the colour of the item's price tag (for colour-tag promotions),
 *   "" when it has none
 */
const char *
td_item_get_tag_colour (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return self->text[TD_ITEM_TEXT_TAG_COLOUR];
}

TdItemStatus
td_item_get_status (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), TD_ITEM_STATUS_AVAILABLE);
  return self->status;
}

/**
 * td_item_get_intake_at_us:
 *
 * Returns: when the item was taken in, UTC microseconds
 */
gint64
td_item_get_intake_at_us (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->intake_at_us;
}

/**
 * td_item_dup_intake_at:
 *
 * Returns: (transfer full): when the item was taken in (UTC)
 */
GDateTime *
td_item_dup_intake_at (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return date_time_from_us (self->intake_at_us);
}

/**
 * td_item_get_expires_at_us:
 *
 * Returns: when the consignment period ends, UTC microseconds; 0 when it never does
 */
gint64
td_item_get_expires_at_us (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), 0);
  return self->expires_at_us;
}

/**
 * td_item_dup_expires_at:
 *
 * Returns: (transfer full) (nullable): when the consignment period ends; %NULL when never
 */
GDateTime *
td_item_dup_expires_at (TdItem *self)
{
  g_return_val_if_fail (TD_IS_ITEM (self), NULL);
  return date_time_from_us (self->expires_at_us);
}
