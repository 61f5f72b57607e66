/* td-inventory-page-columns.c — the cells of the inventory's column view.
 *
 * The columns (titles, sorters) are declared in td-inventory-page.ui; their factories are made
 * here. Rows are TdInventorySlots: a cell shows its slot's item and refreshes when a new search
 * puts another item in the slot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "td-inventory-page-private.h"
#include "td-inventory-slots.h"

static gboolean
is_available (TdItem *item)
{
  return td_item_get_status (item) == TD_ITEM_STATUS_AVAILABLE ||
         td_item_get_status (item) == TD_ITEM_STATUS_HELD;
}

/* ---- Text columns -------------------------------------------------------------------------
 *
 * The columns are declared in the .ui; their factories are made here. A GtkBuilderListItemFactory
 * parses its XML for every cell it creates, and a new search replaces every row: measured on a
 * 1,000,000-item shop that cost ~300 ms a keystroke, against ~5 ms for these. */

typedef const char *(*TextGetter) (TdItem *item);


static const char *
get_status_label (TdItem *item)
{
  return td_item_status_get_label (td_item_get_status (item));
}

static const struct
{
  const char *column;
  TextGetter  get;
  gboolean    ellipsize;
} text_columns[] = {
  { "sku_column", td_item_get_sku, FALSE },
  { "title_column", td_item_get_title, TRUE },
  { "brand_column", td_item_get_brand, TRUE },
  { "size_column", td_item_get_size, TRUE },
  { "grade_column", td_item_get_grade_label, TRUE },
  { "consignor_column", td_item_get_consignor_code, FALSE },
  { "status_column", get_status_label, FALSE },
};

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (GPOINTER_TO_INT (user_data))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

/* A cell shows its slot's item, and shows it again when a new search moves another item into
 * the slot (see td-inventory-slots.c). */
typedef void (*CellFill) (GtkListItem *list_item,
                          TdItem      *item,
                          gpointer     data);

typedef struct
{
  CellFill fill;
  gpointer data;
} Cell;

static void
cell_refresh_cb (TdInventorySlot *slot,
                 GParamSpec      *pspec,
                 GtkListItem     *list_item)
{
  Cell *cell = g_object_get_data (G_OBJECT (list_item), "td-cell");

  cell->fill (list_item, td_inventory_slot_get_item (slot), cell->data);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              Cell                     *cell)
{
  TdInventorySlot *slot = gtk_list_item_get_item (list_item);
  gulong id;

  g_object_set_data (G_OBJECT (list_item), "td-cell", cell);
  cell->fill (list_item, slot ? td_inventory_slot_get_item (slot) : NULL, cell->data);
  if (slot == NULL)
    return;
  id = g_signal_connect (slot, "notify::item", G_CALLBACK (cell_refresh_cb), list_item);
  g_object_set_data (G_OBJECT (list_item), "td-cell-handler", GSIZE_TO_POINTER ((gsize) id));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Cell                     *cell)
{
  TdInventorySlot *slot = gtk_list_item_get_item (list_item);
  gulong id = (gulong) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "td-cell-handler"));

  if (slot != NULL && id != 0)
    g_signal_handler_disconnect (slot, id);
  g_object_set_data (G_OBJECT (list_item), "td-cell-handler", NULL);
}

static GtkListItemFactory *
cell_factory (GCallback setup,
              gpointer  setup_data,
              CellFill  fill,
              gpointer  data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  Cell *cell = g_new0 (Cell, 1);

  cell->fill = fill;
  cell->data = data;
  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), cell,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), cell);
  return factory;
}

static void
fill_text (GtkListItem *list_item,
           TdItem      *item,
           gpointer     data)
{
  TextGetter get = data;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), item ? get (item) : "");
}

/* ---- Columns that need code: price and days on the floor ------------------------------- */

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  /* Clear of the overlay scrollbar, which sits over the last column. */
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

/* GTK 4.8 asks the X server where the pointer is on every gtk_widget_set_tooltip_text(), even
 * to set NULL again: a round trip per cell, which the profile of a keystroke at 1M items put at
 * a fifth of the main thread. Only a change is passed on. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
fill_price (GtkListItem *list_item,
            TdItem      *item,
            gpointer     data)
{
  TdInventoryPage *self = data;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *original = NULL;
  g_autofree char *price = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *why = NULL;

  if (item == NULL || self->context == NULL)
    {
      gtk_label_set_text (label, "");
      return;
    }

  /* The price the counter charges now (markdowns, promotions, never below the consignor's
   * minimum), from the row's own facts and the page's rules: no SQL here. */
  price = td_inventory_page_format_price (self, item, &original, &why);
  if (original != NULL && is_available (item))
    {
      /* Translators: a marked-down price: the ticket price struck through, then the price now */
      markup = g_markup_printf_escaped (_("<s>%s</s> <b>%s</b>"), original, price);
      gtk_label_set_markup (label, markup);
      set_tooltip (GTK_WIDGET (label), why != NULL ? why : _("Marked down"));
    }
  else
    {
      g_autofree char *ticket = td_context_format_money (self->context, td_item_get_price (item));

      gtk_label_set_text (label, ticket);
      set_tooltip (GTK_WIDGET (label), NULL);
    }
}

static void
fill_days (GtkListItem *list_item,
           TdItem      *item,
           gpointer     data)
{
  TdInventoryPage *self = data;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;
  int days;

  if (item == NULL || self->now == NULL || !is_available (item))
    {
      gtk_label_set_text (label, item != NULL ? "—" : "");
      return;
    }
  days = td_pricing_days_on_floor (&self->rules, td_item_get_intake_at_us (item), self->now);
  text = g_strdup_printf ("%'d", MAX (days, 0));
  gtk_label_set_text (label, text);
}

/**
 * td_inventory_page_set_up_columns:
 *
 * Gives every column of the template its cell factory.
 */
void
td_inventory_page_set_up_columns (TdInventoryPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    {
      GObject *column = gtk_widget_get_template_child (GTK_WIDGET (self), TD_TYPE_INVENTORY_PAGE,
                                                       text_columns[i].column);
      g_autoptr(GtkListItemFactory) factory = NULL;

      factory = cell_factory (G_CALLBACK (setup_text_cb), GINT_TO_POINTER (text_columns[i].ellipsize),
                              fill_text, text_columns[i].get);
      gtk_column_view_column_set_factory (GTK_COLUMN_VIEW_COLUMN (column), factory);
    }

  {
    /* The page outlives its column view's factories: no reference needed. */
    g_autoptr(GtkListItemFactory) price = cell_factory (G_CALLBACK (setup_number_cb), NULL,
                                                         fill_price, self);
    g_autoptr(GtkListItemFactory) days = cell_factory (G_CALLBACK (setup_number_cb), NULL,
                                                        fill_days, self);

    gtk_column_view_column_set_factory (self->price_column, price);
    gtk_column_view_column_set_factory (self->days_column, days);
  }
}

/**
 * td_inventory_page_bind_columns:
 *
 * Names the template's text columns, so td_inventory_page_set_up_columns() finds them.
 */
void
td_inventory_page_bind_columns (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    gtk_widget_class_bind_template_child_full (widget_class, text_columns[i].column, FALSE, 0);
}
