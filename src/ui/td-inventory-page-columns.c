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
#include "td-text-cell.h"

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

/* Each column's width in average characters: the cells draw their text in a fixed width and
 * never ask for more (td-text-cell.c), so a new search only redraws them. Staff may still drag
 * a column wider. */
static const struct
{
  const char *column;
  TextGetter  get;
  int         chars;
} text_columns[] = {
  { "sku_column", td_item_get_sku, 11 },
  { "title_column", td_item_get_title, 28 },
  { "brand_column", td_item_get_brand, 14 },
  { "size_column", td_item_get_size, 9 },
  { "grade_column", td_item_get_grade_label, 16 },
  { "consignor_column", td_item_get_consignor_code, 9 },
  { "status_column", get_status_label, 10 },
};

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, td_text_cell_new (0.0f, FALSE));
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

  td_text_cell_set_text (TD_TEXT_CELL (gtk_list_item_get_child (list_item)), item ? get (item) : "");
}

/* ---- Columns that need code: price and days on the floor ------------------------------- */

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *cell = td_text_cell_new (1.0f, TRUE);

  /* Clear of the overlay scrollbar, which sits over the last column. */
  gtk_widget_set_margin_end (cell, 6);
  gtk_list_item_set_child (list_item, cell);
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
  TdTextCell *label = TD_TEXT_CELL (gtk_list_item_get_child (list_item));
  g_autofree char *original = NULL;
  g_autofree char *price = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *why = NULL;

  if (item == NULL || self->context == NULL)
    {
      td_text_cell_set_text (label, "");
      return;
    }

  /* The price the counter charges now (markdowns, promotions, never below the consignor's
   * minimum), from the row's own facts and the page's rules: no SQL here. */
  price = td_inventory_page_format_price (self, item, &original, &why);
  if (original != NULL && is_available (item))
    {
      /* Translators: a marked-down price: the ticket price struck through, then the price now */
      markup = g_markup_printf_escaped (_("<s>%s</s> <b>%s</b>"), original, price);
      td_text_cell_set_markup (label, markup);
      set_tooltip (GTK_WIDGET (label), why != NULL ? why : _("Marked down"));
    }
  else
    {
      g_autofree char *ticket = td_context_format_money (self->context, td_item_get_price (item));

      td_text_cell_set_text (label, ticket);
      set_tooltip (GTK_WIDGET (label), NULL);
    }
}

static void
fill_days (GtkListItem *list_item,
           TdItem      *item,
           gpointer     data)
{
  TdInventoryPage *self = data;
  TdTextCell *label = TD_TEXT_CELL (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;
  int days;

  if (item == NULL || self->now == NULL || !is_available (item))
    {
      td_text_cell_set_text (label, item != NULL ? "—" : "");
      return;
    }
  days = td_pricing_days_on_floor (&self->rules, td_item_get_intake_at_us (item), self->now);
  text = g_strdup_printf ("%'d", MAX (days, 0));
  td_text_cell_set_text (label, text);
}

/* ---- Fixed widths -------------------------------------------------------------------------- */

/* @chars average characters of the list's font, or the title's width (headers are bold and
 * carry a sort arrow), whichever is wider, plus the cell's padding. */
static int
column_width (GtkWidget           *view,
              GtkColumnViewColumn *column,
              int                  chars)
{
  PangoContext *context = gtk_widget_get_pango_context (view);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics);
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int title_width;

  pango_font_metrics_unref (metrics);
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, gtk_column_view_column_get_title (column), -1);
  pango_layout_get_pixel_size (layout, &title_width, NULL);

  return MAX (PANGO_PIXELS_CEIL (chars * char_width), title_width + 24) + 12;
}

/* Once, when the view first has its font: later widths are the staff's own. */
static void
size_columns_cb (GtkWidget       *view,
                 TdInventoryPage *self)
{
  g_signal_handlers_disconnect_by_func (view, size_columns_cb, self);

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    {
      GObject *column = gtk_widget_get_template_child (GTK_WIDGET (self), TD_TYPE_INVENTORY_PAGE,
                                                       text_columns[i].column);

      gtk_column_view_column_set_fixed_width (GTK_COLUMN_VIEW_COLUMN (column),
                                              column_width (view, GTK_COLUMN_VIEW_COLUMN (column),
                                                            text_columns[i].chars));
    }
  /* a marked-down price is two amounts; the cell keeps 6 px clear of the scrollbar */
  gtk_column_view_column_set_fixed_width (self->price_column,
                                          column_width (view, self->price_column, 16) + 6);
  gtk_column_view_column_set_fixed_width (self->days_column,
                                          column_width (view, self->days_column, 5) + 6);
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

      factory = cell_factory (G_CALLBACK (setup_text_cb), NULL,
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

  g_signal_connect (self->column_view, "realize", G_CALLBACK (size_columns_cb), self);
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
