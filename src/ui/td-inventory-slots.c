/* td-inventory-slots.c — a list model of stable rows over a TdItemList.
 *
 * GTK 4.8's list views don't recycle row widgets across items-changed: a new search (which
 * replaces every row of the TdItemList) made the column view destroy and build ~200 rows of
 * nine cells, ~300 ms a keystroke on a 1,000,000-item shop. Here position i is always the same
 * TdInventorySlot while GTK holds it; a change of the list sets each live slot's #TdInventorySlot:item
 * (cells rebind on notify) and only a change of length reaches the view.
 *
 * An empty result keeps the rows (stale) rather than telling the view: the page shows its
 * no-matches state meanwhile, and the way back costs what a keystroke costs.
 *
 * Only the rows on screen are refreshed by a change. The view holds ~200 rows; the others are
 * marked stale and refreshed when scrolling brings them on screen (td_inventory_slots_set_visible())
 * or the view asks for them again. Refreshing all of them after every keystroke's frame cost,
 * at 1M items, ~30 ms of main thread and a window-wide re-measure of ~1,800 changed labels
 * before the next keystroke could be painted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include "td-inventory-slots.h"

/* ---- TdInventorySlot --------------------------------------------------------------------- */

struct _TdInventorySlot
{
  GObject           parent_instance;

  TdInventorySlots *owner;     /* weak: the slot removes itself from owner->live when it dies */
  guint             position;
  TdItem           *item;
  gboolean          stale;     /* off screen after a change: refreshed after the frame */
};

G_DEFINE_FINAL_TYPE (TdInventorySlot, td_inventory_slot, G_TYPE_OBJECT)

enum { SLOT_PROP_0, SLOT_PROP_ITEM, SLOT_N_PROPS };
static GParamSpec *slot_properties[SLOT_N_PROPS];

struct _TdInventorySlots
{
  GObject     parent_instance;

  TdItemList *list;
  GHashTable *live;      /* position → TdInventorySlot (not owned) */
  guint       n_items;
  guint       visible_first;  /* the rows on screen, as the view last said */
  guint       visible_n;
  GPtrArray  *stale;     /* TdInventorySlot (owned) showing an old item, off screen */
  gboolean    defer;     /* FALSE with TD_INVENTORY_NO_DEFER set: to measure the difference */
};

static void
td_inventory_slot_finalize (GObject *object)
{
  TdInventorySlot *self = (TdInventorySlot *)object;

  if (self->owner != NULL)
    {
      g_hash_table_remove (self->owner->live, GUINT_TO_POINTER (self->position));
      g_object_remove_weak_pointer (G_OBJECT (self->owner), (gpointer *) &self->owner);
    }
  g_clear_object (&self->item);

  G_OBJECT_CLASS (td_inventory_slot_parent_class)->finalize (object);
}

static void
td_inventory_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdInventorySlot *self = TD_INVENTORY_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_inventory_slot_class_init (TdInventorySlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_inventory_slot_finalize;
  object_class->get_property = td_inventory_slot_get_property;

  slot_properties[SLOT_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, TD_TYPE_ITEM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
td_inventory_slot_init (TdInventorySlot *self)
{
}

/**
 * td_inventory_slot_get_item:
 *
 * Returns: (transfer none) (nullable): the item at the slot's position now
 */
TdItem *
td_inventory_slot_get_item (TdInventorySlot *self)
{
  g_return_val_if_fail (TD_IS_INVENTORY_SLOT (self), NULL);

  return self->item;
}

static void
slot_set_item (TdInventorySlot *self,
               TdItem          *item)
{
  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ITEM]);
}

/* ---- TdInventorySlots -------------------------------------------------------------------- */

static GType
slots_get_item_type (GListModel *model)
{
  return TD_TYPE_INVENTORY_SLOT;
}

static guint
slots_get_n_items (GListModel *model)
{
  return TD_INVENTORY_SLOTS (model)->n_items;
}

static gpointer
slots_get_item (GListModel *model,
                guint       position)
{
  TdInventorySlots *self = TD_INVENTORY_SLOTS (model);
  TdInventorySlot *slot;
  g_autoptr(TdItem) item = NULL;

  if (position >= self->n_items)
    return NULL;
  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL)
    {
      if (slot->stale)
        {
          item = g_list_model_get_item (G_LIST_MODEL (self->list), position);
          slot->stale = FALSE;
          slot_set_item (slot, item);
        }
      return g_object_ref (slot);
    }

  slot = g_object_new (TD_TYPE_INVENTORY_SLOT, NULL);
  slot->owner = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &slot->owner);
  slot->position = position;
  slot->item = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
slots_model_init (GListModelInterface *iface)
{
  iface->get_item_type = slots_get_item_type;
  iface->get_n_items = slots_get_n_items;
  iface->get_item = slots_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TdInventorySlots, td_inventory_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, slots_model_init))

static gboolean
is_on_screen (TdInventorySlots *self,
              guint             position)
{
  /* Some rows of margin: the view's idea of the top row and ours (estimated from the
   * adjustment) may differ by a row or two. */
  return !self->defer ||
         (position + 8 >= self->visible_first &&
          position < self->visible_first + self->visible_n + 8);
}

/* Shows their new items in the stale rows that are on screen (@all: every stale row). */
static void
refresh_stale (TdInventorySlots *self,
               gboolean          all)
{
  g_autoptr(GPtrArray) stale = NULL;

  if (self->stale->len == 0)
    return;
  stale = g_steal_pointer (&self->stale);
  self->stale = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < stale->len; i++)
    {
      TdInventorySlot *slot = g_ptr_array_index (stale, i);
      g_autoptr(TdItem) item = NULL;

      if (!slot->stale || slot->owner != self || slot->position >= self->n_items)
        continue;
      if (!all && !is_on_screen (self, slot->position))
        {
          g_ptr_array_add (self->stale, g_object_ref (slot));
          continue;
        }
      slot->stale = FALSE;
      item = g_list_model_get_item (G_LIST_MODEL (self->list), slot->position);
      if (!td_item_equal (slot->item, item))
        slot_set_item (slot, item);
    }
}

static void
list_items_changed_cb (TdInventorySlots *self,
                       guint             position,
                       guint             removed,
                       guint             added,
                       GListModel       *list)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (list);
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (slots, g_object_ref (value));

  /* Nothing matches: the page shows its no-matches state instead of the view, and the view
   * keeps its rows, all stale. Told of an empty model, GTK 4.8 destroys every row, and builds
   * them all again (~200 rows of ten cells) when the next search finds something again:
   * ~1 s of main thread at 1M items on the way back from "no results". */
  if (new_n == 0 && self->defer)
    {
      for (guint i = 0; i < slots->len; i++)
        {
          TdInventorySlot *slot = g_ptr_array_index (slots, i);

          if (!slot->stale)
            g_ptr_array_add (self->stale, g_object_ref (slot));
          slot->stale = TRUE;
        }
      return;
    }

  /* Slots past the new end go away with the view's rows; the others show their new item. */
  self->n_items = new_n;
  for (guint i = 0; i < slots->len; i++)
    {
      TdInventorySlot *slot = g_ptr_array_index (slots, i);
      g_autoptr(TdItem) item = NULL;

      if (slot->position >= new_n)
        {
          /* The view drops it soon; a later row at this position must be a fresh slot. */
          g_hash_table_remove (self->live, GUINT_TO_POINTER (slot->position));
          g_object_remove_weak_pointer (G_OBJECT (self), (gpointer *) &slot->owner);
          slot->owner = NULL;
          continue;
        }
      if (slot->position < position)
        continue;
      if (removed == added && slot->position >= position + added)
        continue;  /* same length, rows after the change stay */
      if (!is_on_screen (self, slot->position))
        {
          if (!slot->stale)
            g_ptr_array_add (self->stale, g_object_ref (slot));
          slot->stale = TRUE;
          continue;
        }
      slot->stale = FALSE;
      item = g_list_model_get_item (list, slot->position);
      /* The same item in the same row (a narrower search often keeps the top rows): no
       * redraw. */
      if (!td_item_equal (slot->item, item))
        slot_set_item (slot, item);
    }
  if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  else if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
}

static void
td_inventory_slots_dispose (GObject *object)
{
  TdInventorySlots *self = (TdInventorySlots *)object;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  if (self->stale != NULL)
    g_ptr_array_set_size (self->stale, 0);

  G_OBJECT_CLASS (td_inventory_slots_parent_class)->dispose (object);
}

static void
td_inventory_slots_finalize (GObject *object)
{
  TdInventorySlots *self = (TdInventorySlots *)object;

  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_ptr_array_unref);

  G_OBJECT_CLASS (td_inventory_slots_parent_class)->finalize (object);
}

static void
td_inventory_slots_class_init (TdInventorySlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_inventory_slots_dispose;
  object_class->finalize = td_inventory_slots_finalize;
}

static void
td_inventory_slots_init (TdInventorySlots *self)
{
  self->live = g_hash_table_new (NULL, NULL);
  self->stale = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible_n = 50;
  self->defer = g_getenv ("TD_INVENTORY_NO_DEFER") == NULL;
}

/**
 * td_inventory_slots_new:
 * @list: the items
 *
 * Returns: (transfer full): stable rows over @list
 */
TdInventorySlots *
td_inventory_slots_new (TdItemList *list)
{
  TdInventorySlots *self;

  g_return_val_if_fail (TD_IS_ITEM_LIST (list), NULL);

  self = g_object_new (TD_TYPE_INVENTORY_SLOTS, NULL);
  self->list = g_object_ref (list);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (list_items_changed_cb), self);
  return self;
}

/**
 * td_inventory_slots_set_visible:
 * @first: the first row on screen
 * @n: how many rows fit on screen
 *
 * Which rows the view shows: after a change these show their new items at once, the others
 * when they come on screen. Stale rows now on screen are refreshed here: call it when the
 * view scrolls or changes size, before its frame.
 */
void
td_inventory_slots_set_visible (TdInventorySlots *self,
                                guint             first,
                                guint             n)
{
  g_return_if_fail (TD_IS_INVENTORY_SLOTS (self));

  self->visible_first = first;
  self->visible_n = n;
  refresh_stale (self, FALSE);
}

/**
 * td_inventory_slots_refresh_stale:
 *
 * Shows their new items in every row a change left for later, on screen or not.
 */
void
td_inventory_slots_refresh_stale (TdInventorySlots *self)
{
  g_return_if_fail (TD_IS_INVENTORY_SLOTS (self));

  refresh_stale (self, TRUE);
}
