/* td-sell-page-private.h — shared between td-sell-page*.c (and read by the UI test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-cart.h"
#include "td-pricing.h"
#include "td-receipt.h"
#include "td-sale.h"
#include "td-sell-page.h"

G_BEGIN_DECLS

struct _TdSellPage
{
  AdwBin           parent_instance;

  TdContext       *context;
  TdCart          *cart;
  TdPricingRules   rules;
  gboolean         rules_loaded;
  char            *register_id;
  TdSale          *last_sale;        /* the sale the receipt preview / reprint shows */
  gint64           banner_sale_id;   /* the completed sale the banner tells about */
  gint64           print_sale_id;    /* just completed: its receipt prints and opens the drawer */
  GCancellable    *cancellable;      /* network printing */

  GtkWindow       *tender_dialog;    /* while paying (td-sell-page-tender.c) */
  GtkWindow       *receipt_dialog;   /* the receipt preview (td-sell-page-receipt.c) */

  /* Template widgets */
  GtkRevealer     *banner_revealer;
  GtkLabel        *banner_label;
  GtkEntry        *scan_entry;
  GtkRevealer     *message_revealer;
  GtkLabel        *message_label;
  GtkRevealer     *search_revealer;
  GtkLabel        *search_label;
  GtkListBox      *search_list;
  GtkStack        *cart_stack;
  GtkListBox      *cart_list;
  GtkLabel        *subtotal_label;
  GtkLabel        *discount_title;
  GtkLabel        *discount_label;
  GtkLabel        *tax_title;
  GtkLabel        *tax_label;
  GtkLabel        *total_label;
  GtkLabel        *count_label;
  GtkButton       *pay_button;
};

/* td-sell-page.c */
TdDatabase *td_sell_page_get_database    (TdSellPage     *self);
void        td_sell_page_refresh         (TdSellPage     *self);
gint64      td_sell_page_get_staff       (TdSellPage     *self);
gint64      td_sell_page_get_selected_item (TdSellPage   *self);

/* td-sell-page-search.c: typed words instead of a code: the available items they find. */
gboolean    td_sell_page_search          (TdSellPage     *self,
                                          const char     *text);
void        td_sell_page_hide_search     (TdSellPage     *self);
void        td_sell_page_setup_search    (TdSellPage     *self);

/* td-sell-page-cart.c: discounts, void, cancel, park, recall. */
void        td_sell_page_install_cart_actions (GtkWidgetClass *widget_class);
void        td_sell_page_show_message    (TdSellPage     *self,
                                          const char     *message);
void        td_sell_page_focus_scan      (TdSellPage     *self);

/* td-sell-page-tender.c: the payment dialog; Complete is one call into the store. */
void        td_sell_page_open_tender     (TdSellPage     *self);
gboolean    td_sell_page_complete        (TdSellPage     *self,
                                          const TdTender *tenders,
                                          guint           n_tenders,
                                          GError        **error);

/* td-sell-page-receipt.c: the receipt of a sale as PDF, preview, print, save; the banner. */
GBytes     *td_sell_page_dup_receipt_key (TdSellPage     *self,
                                          GError        **error);
char       *td_sell_page_write_receipt   (TdSellPage     *self,
                                          const TdSale   *sale,
                                          TdReceiptLayout layout,
                                          cairo_surface_t **raster,
                                          gboolean       *has_cash,
                                          GError        **error);
TdReceiptLayout td_sell_page_get_paper   (TdSellPage     *self);
char       *td_sell_page_dup_setting     (TdSellPage     *self,
                                          const char     *key);
void        td_sell_page_send_to_printer (TdSellPage     *self,
                                          GBytes         *job,
                                          const char     *done_message);
void        td_sell_page_show_receipt    (TdSellPage     *self,
                                          TdSale         *sale);
void        td_sell_page_show_pdf        (TdSellPage     *self,
                                          const char     *path,
                                          const char     *title,
                                          GtkWidget      *extra,
                                          GBytes         *escpos);
char       *td_sell_page_documents_path  (const char     *name,
                                          GError        **error);
char       *td_sell_page_format_time     (gint64          at_us,
                                          const char     *format);

/* td-sell-page-extras.c: gift cards and buying from a walk-in seller, from the page's menu. */
void        td_sell_page_install_extra_actions (GtkWidgetClass *widget_class);

/* td-sell-page-till.c: returns and the till, from the page's menu. */
void        td_sell_page_install_more_actions (GtkWidgetClass *widget_class);
void        td_sell_page_return_last     (TdSellPage     *self);
void        td_sell_page_toast           (TdSellPage     *self,
                                          const char     *text);
void        td_sell_page_check_last_sale (TdSellPage     *self);
gboolean    td_sell_page_open_receipt_code (TdSellPage   *self,
                                          const char     *code);
void        td_sell_page_acknowledge     (TdSellPage     *self,
                                          gint64          sale_id);

G_END_DECLS
