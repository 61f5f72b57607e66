/* td-inventory-page.c — the Inventory section: search, filters, the item table.
 *
 * The page is split by concern: this file holds the search, the filters, the column view and
 * its sorting; td-inventory-page-actions.c the item editor, the bulk actions and tag printing.
 * They share td-inventory-page-private.h.
 *
 * The list is a TdItemList (a paged GListModel over the shop's items): typing sets its search,
 * the filters its TdItemFilter, and a click on a column header its explicit sort. The column
 * view never sorts by itself: each sortable column carries a GtkCustomSorter that only tells
 * which column the header click chose (see sorter_changed_cb()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-photos.h"
#include "td-inventory-listings-column.h"
#include "td-inventory-page-private.h"
#include "td-inventory-thumbs.h"
#include "td-inventory-slots.h"
#include "td-store-catalogue.h"
#include "td-store-consignors-list.h"
#include "td-store-items-query.h"
#include "td-store-pricing.h"

G_DEFINE_FINAL_TYPE (TdInventoryPage, td_inventory_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Which column a header click chose; set by the probe compare below. */
static TdItemSortKey probe_key;
static gboolean probe_called;

/* ---- Helpers ------------------------------------------------------------------------- */

static char *
format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

void
td_inventory_page_toast (TdInventoryPage *self,
                         const char      *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_assert (TD_IS_INVENTORY_PAGE (self));

  g_debug ("Toast: %s", text);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

/* ---- Sorting ----------------------------------------------------------------------------- */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  probe_called = TRUE;
  probe_key = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

/* GTK 4.8 has no public way to ask the column view's sorter which column is primary: compare
 * two objects with it, and the first column sorter it consults (the primary) says who it is;
 * a reversed result means descending. */
static void
sorter_changed_cb (TdInventoryPage *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;
  TdItemSortKey key = TD_ITEM_SORT_INTAKE;
  gboolean descending = TRUE;

  probe_called = FALSE;
  order = gtk_sorter_compare (sorter, a, b);
  if (probe_called)
    {
      key = probe_key;
      descending = order == GTK_ORDERING_LARGER;
      /* Days on the floor ascending is newest first: intake order descending. */
      if (key == TD_ITEM_SORT_INTAKE)
        descending = !descending;
    }
  g_debug ("Sort by %d%s", key, descending ? " descending" : "");
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  td_item_list_set_sort (self->list, key, descending);
}

/* ---- The match count and empty states ---------------------------------------------------- */

static void
update_state (TdInventoryPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  TdItemFilter filter;
  g_autofree char *count = format_count (n);
  g_autofree char *text = NULL;

  td_item_list_get_filter (self->list, &filter);

  if (td_item_list_get_loading (self->list))
    text = g_strdup (_("Sorting…"));
  else if (!td_item_list_get_count_exact (self->list) && n >= TD_ITEM_QUERY_COUNT_CAP)
    {
      g_autofree char *cap = format_count (TD_ITEM_QUERY_COUNT_CAP);

      /* Translators: a capped count of matches, as in "1,000+ items" */
      text = g_strdup_printf (_("%s+ items"), cap);
    }
  else
    /* Translators: %s is a number such as 1,204 */
    text = g_strdup_printf (ngettext ("%s item", "%s items", n), count);
  gtk_label_set_text (self->count_label, text);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->view_stack, "list");
  else if (typed[0] == '\0' && td_item_filter_is_empty (&filter))
    gtk_stack_set_visible_child_name (self->view_stack, "empty");
  else
    {
      g_autofree char *title = NULL;

      if (typed[0] != '\0')
        /* Translators: the empty state of a search; %s is what was typed */
        title = g_strdup_printf (_("No items match “%s”"), typed);
      else
        title = g_strdup (_("No items match these filters"));
      adw_status_page_set_title (self->no_matches_page, title);
      adw_status_page_set_description (self->no_matches_page,
                                       td_item_filter_is_empty (&filter)
                                       ? _("Check the spelling, or type fewer letters.")
                                       : _("Try fewer filters, or clear them in Filters."));
      gtk_stack_set_visible_child_name (self->view_stack, "no-matches");
    }
}

static void
list_changed_cb (TdInventoryPage *self)
{
  update_state (self);
  td_inventory_page_update_actions (self);
}

static void
load_failed_cb (TdInventoryPage *self,
                const GError    *error)
{
  g_autofree char *text = g_strdup_printf (_("The items could not be read. %s"),
                                           error ? error->message : "");

  td_inventory_page_toast (self, text);
}

/* ---- Searching --------------------------------------------------------------------------- */

static void
after_paint_cb (GdkFrameClock   *clock,
                TdInventoryPage *self)
{
  gint64 elapsed = g_get_monotonic_time () - self->search_started_us;

  g_debug ("Search “%s”: results painted after %.1f ms",
           gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), elapsed / 1000.0);
  td_latency_meter_painted (self->meter);
  g_clear_signal_handler (&self->paint_handler, clock);
}

static void
open_code_hit (TdInventoryPage *self)
{
  const char *typed = td_item_list_get_search (self->list);
  g_autoptr(TdItem) item = NULL;

  if (!td_item_list_get_code_hit (self->list) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->list)) != 1 ||
      g_strcmp0 (typed, self->opened_code) == 0)
    return;

  g_free (self->opened_code);
  self->opened_code = g_strdup (typed);
  item = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
  if (item != NULL)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
      td_inventory_page_edit_item (self, td_item_get_id (item));
    }
}

/* Which rows are on screen, so a new search fills those before the frame and the rest when
 * scrolling brings them on screen (td_inventory_slots_set_visible()). */
static void
tell_slots_visible (TdInventoryPage *self)
{
  GtkAdjustment *adjustment;
  double upper, first, shown;
  guint n;

  if (self->slots == NULL || self->column_view == NULL)
    return;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  if (adjustment == NULL)
    return;
  upper = gtk_adjustment_get_upper (adjustment);
  if (upper <= 0 || n == 0)
    {
      td_inventory_slots_set_visible (self->slots, 0, 50);
      return;
    }
  first = gtk_adjustment_get_value (adjustment) / upper * n;
  shown = gtk_adjustment_get_page_size (adjustment) / upper * n;
  td_inventory_slots_set_visible (self->slots, (guint) first, (guint) shown + 2);
}

static gboolean
tell_slots_visible_idle_cb (gpointer user_data)
{
  TdInventoryPage *self = user_data;

  self->visible_idle = 0;
  tell_slots_visible (self);
  return G_SOURCE_REMOVE;
}

/* The view scrolled or changed size. Often that is while it allocates its rows, when they
 * must not change: the stale rows now on screen are refreshed right after, still before the
 * frame is painted when the scroll came from an event (the idle runs before GTK's redraw). */
static void
adjustment_changed_cb (TdInventoryPage *self)
{
  if (self->visible_idle == 0)
    self->visible_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, tell_slots_visible_idle_cb,
                                          self, NULL);
}

static void
search_changed_cb (TdInventoryPage *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  gint64 elapsed;

  self->search_started_us = g_get_monotonic_time ();
  /* The entry repeats an unchanged search (Enter, its own delay): not a keystroke to time. */
  if (g_strcmp0 (typed, td_item_list_get_search (self->list)) != 0)
    td_latency_meter_start (self->meter, clock);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  td_item_list_set_search (self->list, typed);
  elapsed = g_get_monotonic_time () - self->search_started_us;
  g_debug ("Search “%s”: %u items%s in %.1f ms", typed,
           g_list_model_get_n_items (G_LIST_MODEL (self->list)),
           td_item_list_get_count_exact (self->list) ? "" : " (capped)", elapsed / 1000.0);

  if (clock != NULL && self->paint_handler == 0)
    self->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);

  update_state (self);
  open_code_hit (self);
  td_latency_meter_settled (self->meter, typed,
                            g_list_model_get_n_items (G_LIST_MODEL (self->list)));
}

static void
search_activate_cb (TdInventoryPage *self)
{
  g_autoptr(TdItem) item = NULL;

  /* Enter in the search: a scanned code or a single match opens; otherwise go to the list. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 1)
    {
      item = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
      td_inventory_page_edit_item (self, td_item_get_id (item));
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static gboolean
search_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               TdInventoryPage       *self)
{
  if (keyval == GDK_KEY_Down && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
row_activated_cb (TdInventoryPage *self,
                  guint            position)
{
  g_autoptr(TdItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item != NULL)
    td_inventory_page_edit_item (self, td_item_get_id (item));
}

/* ---- Filters ----------------------------------------------------------------------------- */

static void
filter_changed_cb (TdInventoryPage *self)
{
  TdItemFilter filter;
  guint i;

  td_item_filter_init (&filter);

  i = gtk_drop_down_get_selected (self->status_drop);
  filter.status = (i == 0 || i == GTK_INVALID_LIST_POSITION) ? TD_ITEM_FILTER_ANY_STATUS : (int) i - 1;

  i = gtk_drop_down_get_selected (self->category_drop);
  if (i > 0 && i != GTK_INVALID_LIST_POSITION && self->categories != NULL)
    filter.category_id = g_array_index (self->categories, TdCategoryInfo, i - 1).id;

  i = gtk_drop_down_get_selected (self->consignor_drop);
  if (i == 1)
    filter.consignor_id = TD_ITEM_FILTER_SHOP_STOCK;
  else if (i > 1 && i != GTK_INVALID_LIST_POSITION && self->consignor_ids != NULL)
    filter.consignor_id = g_array_index (self->consignor_ids, gint64, i - 2);

  i = gtk_drop_down_get_selected (self->grade_drop);
  if (i > 0 && i != GTK_INVALID_LIST_POSITION && self->grades != NULL)
    filter.grade_id = g_array_index (self->grades, TdGradeInfo, i - 1).id;

  i = gtk_drop_down_get_selected (self->age_drop);
  filter.age = i == GTK_INVALID_LIST_POSITION ? TD_ITEM_AGE_ANY : (TdItemAge) i;

  i = gtk_drop_down_get_selected (self->listed_drop);
  filter.listed = i == GTK_INVALID_LIST_POSITION ? TD_ITEM_LISTED_ANY : (TdItemListed) i;

  if (self->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  td_item_list_set_filter (self->list, &filter);
  update_state (self);

  if (td_item_filter_is_empty (&filter))
    gtk_menu_button_set_label (self->filter_button, _("_Filters"));
  else
    gtk_menu_button_set_label (self->filter_button, _("_Filters (on)"));
}

static GtkDropDown *
add_filter (TdInventoryPage *self,
            int              row,
            const char      *label_text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *drop = gtk_drop_down_new (NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop);
  gtk_widget_set_hexpand (drop, TRUE);
  gtk_grid_attach (self->filter_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->filter_grid, drop, 1, row, 1, 1);
  g_signal_connect_object (drop, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_DROP_DOWN (drop);
}

static void
set_choices (GtkDropDown *drop,
             GPtrArray   *choices)
{
  g_autoptr(GtkStringList) model = NULL;

  g_ptr_array_add (choices, NULL);
  model = gtk_string_list_new ((const char * const *) choices->pdata);
  g_signal_handlers_block_matched (drop, G_SIGNAL_MATCH_ID,
                                   g_signal_lookup ("notify", G_TYPE_OBJECT), 0, NULL, NULL, NULL);
  gtk_drop_down_set_model (drop, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (drop, 0);
  g_signal_handlers_unblock_matched (drop, G_SIGNAL_MATCH_ID,
                                     g_signal_lookup ("notify", G_TYPE_OBJECT), 0, NULL, NULL, NULL);
}

static void
build_filters (TdInventoryPage *self)
{
  TdDatabase *db = td_context_get_database (self->context);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GArray) consignors = NULL;
  g_autoptr(GError) error = NULL;

  choices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (choices, g_strdup (_("Any status")));
  for (int i = 0; i < TD_ITEM_N_STATUSES; i++)
    g_ptr_array_add (choices, g_strdup (td_item_status_get_label (i)));
  set_choices (self->status_drop, choices);

  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (choices, g_strdup (_("Any category")));
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    g_ptr_array_add (choices, g_strdup (g_array_index (self->categories, TdCategoryInfo, i).path));
  set_choices (self->category_drop, choices);

  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (choices, g_strdup (_("Any consignor")));
  g_ptr_array_add (choices, g_strdup (_("Shop’s own stock")));
  g_clear_pointer (&self->consignor_ids, g_array_unref);
  self->consignor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (td_store_consignors_list (db, NULL, TRUE, &consignors, &error))
    for (guint i = 0; i < consignors->len; i++)
      {
        TdConsignorListRow *row = &g_array_index (consignors, TdConsignorListRow, i);

        g_array_append_val (self->consignor_ids, row->id);
        g_ptr_array_add (choices, g_strdup_printf ("%s — %s", row->code, row->name));
      }
  else
    g_message ("Listing consignors for the filter failed: %s", error->message);
  set_choices (self->consignor_drop, choices);

  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (choices, g_strdup (_("Any grade")));
  for (guint i = 0; self->grades != NULL && i < self->grades->len; i++)
    g_ptr_array_add (choices, g_strdup (g_array_index (self->grades, TdGradeInfo, i).label));
  set_choices (self->grade_drop, choices);

  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (choices, g_strdup (_("Any age")));
  for (int i = 1; i < TD_ITEM_N_AGES; i++)
    g_ptr_array_add (choices, g_strdup (td_item_age_get_label (i)));
  set_choices (self->age_drop, choices);

  g_clear_pointer (&choices, g_ptr_array_unref);
  choices = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (choices, g_strdup (_("Online or not")));
  g_ptr_array_add (choices, g_strdup (_("Listed online")));
  g_ptr_array_add (choices, g_strdup (_("Not listed online")));
  set_choices (self->listed_drop, choices);
}

/* ---- Loading the shop -------------------------------------------------------------------- */

/**
 * td_inventory_page_reload:
 *
 * Reads the shop again: pricing rules, categories, grades and consignors (once per load, not
 * per row), then the list from the first page with the search and filters kept.
 */
void
td_inventory_page_reload (TdInventoryPage *self)
{
  TdDatabase *db;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TD_IS_INVENTORY_PAGE (self));

  if (self->context == NULL)
    return;
  db = td_context_get_database (self->context);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_utc ();
  /* Sets the rules up itself, and leaves them empty on failure: prices show undiscounted. */
  td_pricing_rules_clear (&self->rules);
  if (!td_store_pricing_load_rules (db, &self->rules, &error))
    {
      g_message ("Loading pricing rules failed: %s", error->message);
      g_clear_error (&error);
    }

  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->grades, g_array_unref);
  self->categories = td_store_catalogue_list_categories (db, &error);
  if (self->categories == NULL)
    {
      g_message ("Listing categories failed: %s", error->message);
      g_clear_error (&error);
    }
  self->grades = td_store_catalogue_list_grades (db, &error);
  if (self->grades == NULL)
    {
      g_message ("Listing grades failed: %s", error->message);
      g_clear_error (&error);
    }
  build_filters (self);
  filter_changed_cb (self);
  td_item_list_reload (self->list);
  update_state (self);
  td_inventory_page_update_actions (self);
}

/**
 * td_inventory_page_after_write:
 * @what: what happened, for the toast
 *
 * After a write: the list is read again (prices and statuses changed) and a toast says what
 * happened.
 */
void
td_inventory_page_after_write (TdInventoryPage *self,
                               const char      *what)
{
  g_assert (TD_IS_INVENTORY_PAGE (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_utc ();
  td_item_list_reload (self->list);
  update_state (self);
  td_inventory_page_update_actions (self);
  if (what != NULL)
    td_inventory_page_toast (self, what);
}

static void
shop_changed_cb (TdInventoryPage *self)
{
  g_clear_pointer (&self->opened_code, g_free);
  td_inventory_page_reload (self);
}

/* ---- Selection --------------------------------------------------------------------------- */

static void
selection_changed_cb (TdInventoryPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n = gtk_bitset_get_size (selected);
  g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
  g_autofree char *text = NULL;

  /* Translators: %s is a number such as 12 */
  text = g_strdup_printf (ngettext ("%s item selected", "%s items selected", (gulong) MIN (n, G_MAXLONG)),
                          count);
  gtk_label_set_text (self->selection_label, text);
  gtk_action_bar_set_revealed (self->action_bar, n > 0);
  td_inventory_page_update_actions (self);
}

/**
 * td_inventory_page_dup_selected:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the selected items, in list order
 */
GArray *
td_inventory_page_dup_selected (TdInventoryPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (TD_IS_INVENTORY_PAGE (self), ids);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok && ids->len <= TD_INVENTORY_MAX_BULK;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(TdItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

      if (item != NULL)
        {
          gint64 id = td_item_get_id (item);

          g_array_append_val (ids, id);
        }
    }
  return ids;
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
td_inventory_page_map (GtkWidget *widget)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (widget);

  GTK_WIDGET_CLASS (td_inventory_page_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
td_inventory_page_dispose (GObject *object)
{
  TdInventoryPage *self = (TdInventoryPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->paint_handler != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_clear_signal_handler (&self->paint_handler, clock);
      self->paint_handler = 0;
    }
  /* Tearing the column view down changes its sorter and empties the list: not a new query. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_handle_id (&self->visible_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_INVENTORY_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->list);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->meter, td_latency_meter_free);

  G_OBJECT_CLASS (td_inventory_page_parent_class)->dispose (object);
}

static void
td_inventory_page_finalize (GObject *object)
{
  TdInventoryPage *self = (TdInventoryPage *)object;

  td_pricing_rules_clear (&self->rules);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->grades, g_array_unref);
  g_clear_pointer (&self->consignor_ids, g_array_unref);
  g_clear_pointer (&self->opened_code, g_free);

  G_OBJECT_CLASS (td_inventory_page_parent_class)->finalize (object);
}

static void
td_inventory_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_inventory_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdInventoryPage *self = TD_INVENTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      td_inventory_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_inventory_page_class_init (TdInventoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_inventory_page_dispose;
  object_class->finalize = td_inventory_page_finalize;
  object_class->get_property = td_inventory_page_get_property;
  object_class->set_property = td_inventory_page_set_property;
  widget_class->map = td_inventory_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/td-inventory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, filter_grid);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, price_column);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, days_column);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, sku_column_sorter);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, title_column_sorter);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, brand_column_sorter);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, price_column_sorter);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, days_column_sorter);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, no_matches_page);
  td_inventory_page_bind_columns (widget_class);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, TdInventoryPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  td_inventory_page_install_actions (widget_class);
}

static void
td_inventory_page_init (TdInventoryPage *self)
{
  GtkEventController *keys;
  GtkSorter *sorter;

  self->cancellable = g_cancellable_new ();
  self->meter = td_latency_meter_new_from_env ("inventory.keystroke");
  self->now = g_date_time_new_now_utc ();
  td_pricing_rules_init (&self->rules);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->status_drop = add_filter (self, 0, _("_Status"));
  self->category_drop = add_filter (self, 1, _("_Category"));
  self->consignor_drop = add_filter (self, 2, _("C_onsignor"));
  gtk_drop_down_set_enable_search (self->consignor_drop, TRUE);
  self->grade_drop = add_filter (self, 3, _("_Grade"));
  self->age_drop = add_filter (self, 4, _("_Age"));
  self->listed_drop = add_filter (self, 5, _("_Online"));

  gtk_custom_sorter_set_sort_func (self->sku_column_sorter, probe_compare,
                                   GINT_TO_POINTER (TD_ITEM_SORT_SKU), NULL);
  gtk_custom_sorter_set_sort_func (self->title_column_sorter, probe_compare,
                                   GINT_TO_POINTER (TD_ITEM_SORT_TITLE), NULL);
  gtk_custom_sorter_set_sort_func (self->brand_column_sorter, probe_compare,
                                   GINT_TO_POINTER (TD_ITEM_SORT_BRAND), NULL);
  gtk_custom_sorter_set_sort_func (self->price_column_sorter, probe_compare,
                                   GINT_TO_POINTER (TD_ITEM_SORT_PRICE), NULL);
  gtk_custom_sorter_set_sort_func (self->days_column_sorter, probe_compare,
                                   GINT_TO_POINTER (TD_ITEM_SORT_INTAKE), NULL);

  td_inventory_page_set_up_columns (self);

  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (sorter, "changed", G_CALLBACK (sorter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

/* ---- Public API -------------------------------------------------------------------------- */

/**
 * td_inventory_page_new:
 * @context: (nullable): the open shop; may be set later
 *
 * Returns: (transfer full): a new inventory page
 */
TdInventoryPage *
td_inventory_page_new (TdContext *context)
{
  g_return_val_if_fail (context == NULL || TD_IS_CONTEXT (context), NULL);

  return g_object_new (TD_TYPE_INVENTORY_PAGE, "context", context, NULL);
}

/**
 * td_inventory_page_get_context:
 *
 * Returns: (transfer none) (nullable): the open shop
 */
TdContext *
td_inventory_page_get_context (TdInventoryPage *self)
{
  g_return_val_if_fail (TD_IS_INVENTORY_PAGE (self), NULL);

  return self->context;
}

/**
 * td_inventory_page_set_context:
 * @context: the open shop
 *
 * Sets the shop the page shows; set once, by the window that holds the page.
 */
void
td_inventory_page_set_context (TdInventoryPage *self,
                               TdContext       *context)
{
  g_return_if_fail (TD_IS_INVENTORY_PAGE (self));
  g_return_if_fail (context == NULL || TD_IS_CONTEXT (context));

  if (self->context == context)
    return;
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "shop-changed", G_CALLBACK (shop_changed_cb), self,
                           G_CONNECT_SWAPPED);
  td_inventory_thumbs_add_column (self->column_view, td_context_get_photo_store (context));
  td_inventory_listings_add_column (self->column_view, context,
                                    GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (
                                      GTK_WIDGET (self), TD_TYPE_INVENTORY_PAGE, "status_column")));

  self->list = td_item_list_new (td_context_get_database (context));
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (list_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::count-exact", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "load-failed", G_CALLBACK (load_failed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Stable rows: a new search rebinds the view's rows instead of rebuilding them. */
  /* Before the slots hear of a change, they learn which rows are on screen. */
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (tell_slots_visible), self,
                           G_CONNECT_SWAPPED);
  self->slots = td_inventory_slots_new (self->list);
  /* Rows left stale by a search show their items as scrolling or a taller window reveals them. */
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

    g_assert (adjustment != NULL);
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb),
                             self, G_CONNECT_SWAPPED);
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (adjustment_changed_cb), self,
                             G_CONNECT_SWAPPED);
  }
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  td_inventory_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
