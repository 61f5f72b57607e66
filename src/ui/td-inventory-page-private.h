/* td-inventory-page-private.h — shared between td-inventory-page*.c, split by concern.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-inventory-page.h"
#include "td-item-list.h"
#include "td-inventory-slots.h"
#include "td-latency-meter.h"
#include "td-pricing.h"

G_BEGIN_DECLS

/* A bulk action reads each selected item; past this many it asks for a narrower selection. */
#define TD_INVENTORY_MAX_BULK 5000

struct _TdInventoryPage
{
  GtkWidget          parent_instance;

  TdContext         *context;
  TdItemList        *list;
  GtkMultiSelection *selection;
  GCancellable      *cancellable;

  /* Loaded once per shop load (td_inventory_page_reload) */
  TdPricingRules     rules;
  GDateTime         *now;          /* the moment prices and days are shown for */
  GArray            *categories;   /* TdCategoryInfo */
  GArray            *grades;       /* TdGradeInfo */
  GArray            *consignor_ids;/* gint64, index 2… of the consignor drop-down */

  /* Search timing, for the log */
  gint64             search_started_us;
  gulong             paint_handler;
  guint              visible_idle; /* tells the slots which rows a scroll brought on screen */
  TdLatencyMeter    *meter;        /* TD_MEASURE_KEYSTROKES only */
  TdInventorySlots  *slots;        /* the selection's model: stable rows over @list */
  char              *opened_code;  /* the code search that last opened an item */

  /* Filter drop-downs, built in C: their choices come from the shop */
  GtkDropDown       *status_drop;
  GtkDropDown       *category_drop;
  GtkDropDown       *consignor_drop;
  GtkDropDown       *grade_drop;
  GtkDropDown       *age_drop;
  GtkDropDown       *listed_drop;

  /* Template widgets */
  GtkWidget         *search_bar;
  GtkSearchEntry    *search_entry;
  GtkMenuButton     *filter_button;
  GtkGrid           *filter_grid;
  GtkLabel          *count_label;
  GtkStack          *view_stack;
  GtkColumnView     *column_view;
  GtkColumnViewColumn *price_column;
  GtkColumnViewColumn *days_column;
  GtkCustomSorter   *sku_column_sorter;
  GtkCustomSorter   *title_column_sorter;
  GtkCustomSorter   *brand_column_sorter;
  GtkCustomSorter   *price_column_sorter;
  GtkCustomSorter   *days_column_sorter;
  AdwStatusPage     *no_matches_page;
  GtkActionBar      *action_bar;
  GtkLabel          *selection_label;
};

/* td-inventory-page.c */
void     td_inventory_page_toast           (TdInventoryPage *self,
                                            const char      *text);
void     td_inventory_page_after_write     (TdInventoryPage *self,
                                            const char      *what);
char    *td_inventory_page_format_price    (TdInventoryPage *self,
                                            TdItem          *item,
                                            char           **original,
                                            char           **why);

/* td-inventory-page-columns.c */
void     td_inventory_page_bind_columns    (GtkWidgetClass  *widget_class);
void     td_inventory_page_set_up_columns  (TdInventoryPage *self);

/* td-inventory-page-listings.c: the item editor's "Online" group */
void        td_inventory_page_add_listings   (TdInventoryPage *self,
                                              GtkBox          *box,
                                              gint64           item_id);
const char *td_inventory_listing_state_label (const char      *state);

/* td-inventory-page-actions.c */
void     td_inventory_page_install_actions (GtkWidgetClass  *widget_class);
void     td_inventory_page_update_actions  (TdInventoryPage *self);
void     td_inventory_page_show_problems   (TdInventoryPage *self,
                                            const char      *heading,
                                            const GError    *error);

G_END_DECLS
