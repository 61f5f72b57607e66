/* td-sell-page-search.c — words typed into the scan field instead of a code: the available
 * items they find, listed under the field; Enter (or a click) on one adds it to the cart.
 *
 * A tag without a readable barcode is common at a thrift counter. The search is the
 * inventory's own (td_store_items_query_*: full-text with prefixes), limited to items on the
 * floor; one match is added at once, several are listed with the first one focused, so
 * "coat" Enter Enter sells the first coat. Escape goes back to the scan field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-item.h"
#include "td-item-filter.h"
#include "td-sell-page-private.h"
#include "td-store-items-query.h"

#define MAX_RESULTS 6

void
td_sell_page_hide_search (TdSellPage *self)
{
  GtkWidget *child;

  gtk_revealer_set_reveal_child (self->search_revealer, FALSE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_list))) != NULL)
    gtk_list_box_remove (self->search_list, child);
}

static void
row_activated_cb (TdSellPage    *self,
                  GtkListBoxRow *row)
{
  g_autofree char *sku = g_strdup (g_object_get_data (G_OBJECT (row), "sku"));

  td_sell_page_hide_search (self);
  if (td_sell_page_scan (self, sku))
    gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
  td_sell_page_focus_scan (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TdSellPage            *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  td_sell_page_hide_search (self);
  td_sell_page_focus_scan (self);
  return TRUE;
}

void
td_sell_page_setup_search (TdSellPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect_swapped (self->search_list, "row-activated", G_CALLBACK (row_activated_cb),
                            self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_list), keys);
}

/**
 * td_sell_page_search:
 * @text: what was typed
 *
 * Returns: %TRUE when items were found (one added, or several listed); %FALSE when nothing
 *   on the floor matches, so the caller shows the scan's own refusal
 */
gboolean
td_sell_page_search (TdSellPage *self,
                     const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdItemQuery) query = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *heading = NULL;
  TdDatabase *db = td_sell_page_get_database (self);
  TdItemFilter filter;
  GtkListBoxRow *first;

  td_sell_page_hide_search (self);
  if (g_utf8_strlen (text, -1) < 3)
    return FALSE;
  td_item_filter_init (&filter);
  filter.status = TD_ITEM_STATUS_AVAILABLE;
  query = td_store_items_query_new (db, text, &filter, TD_ITEM_SORT_INTAKE, TRUE, &error);
  if (query == NULL ||
      !td_store_items_query_fetch (db, query, 0, MAX_RESULTS + td_cart_get_n_lines (self->cart),
                                   items, &error))
    {
      g_debug ("counter search “%s”: %s", text, error->message);
      return FALSE;
    }
  /* What is in the cart already is not offered again. */
  for (guint i = items->len; i > 0; i--)
    if (td_cart_find_item (self->cart, td_item_get_id (items->pdata[i - 1]), NULL) != NULL)
      g_ptr_array_remove_index (items, i - 1);
  if (items->len > MAX_RESULTS)
    g_ptr_array_set_size (items, MAX_RESULTS);
  if (items->len == 0)
    return FALSE;
  if (items->len == 1)
    {
      g_autofree char *sku = g_strdup (td_item_get_sku (items->pdata[0]));

      if (td_sell_page_scan (self, sku))
        gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
      return TRUE;
    }

  for (guint i = 0; i < items->len; i++)
    {
      TdItem *item = items->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (td_item_get_title (item), -1);
      g_autofree char *price = td_context_format_money (self->context, td_item_get_price (item));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), td_item_get_sku (item));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (price));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "sku", g_strdup (td_item_get_sku (item)), g_free);
      gtk_list_box_append (self->search_list, row);
    }
  /* Translators: above the items a typed search found at the counter */
  heading = g_strdup_printf (_("Items on the floor matching “%s” — Enter adds, Escape goes back"),
                             text);
  gtk_label_set_text (self->search_label, heading);
  gtk_revealer_set_reveal_child (self->search_revealer, TRUE);
  first = gtk_list_box_get_row_at_index (self->search_list, 0);
  gtk_list_box_select_row (self->search_list, first);
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}
