/* td-buy-dialog-private.h — the dialog's fields, for td-buy-dialog*.c and its UI test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-buy-dialog.h"
#include "td-store-buy.h"

G_BEGIN_DECLS

/* One item the seller brings: a row of the items list. */
typedef struct
{
  GtkWidget   *row;
  GtkEntry    *title;
  GtkDropDown *category;
  GtkDropDown *grade;
  GtkEntry    *price;       /* what the shop will sell it for */
  GtkEntry    *cost;        /* what the seller gets for it */
} TdBuyLine;

struct _TdBuyDialog
{
  AdwWindow     parent_instance;

  TdSellPage   *page;
  GArray       *categories;   /* of TdCategoryInfo */
  GArray       *grades;       /* of TdGradeInfo */
  GPtrArray    *lines;        /* of TdBuyLine, in order */
  gint64        seller_id;    /* the consignor the seller code names; 0: a walk-in */
  char         *seller_name;
  GtkSizeGroup *columns[6];   /* the item rows' columns line up with their headings */
  TdBuyResult   result;       /* after Buy: what was bought */
  gboolean      bought;

  GtkStack     *stack;        /* "form", then "done" */
  AdwEntryRow  *seller_row;
  GtkLabel     *seller_label;
  GtkBox       *lines_box;
  GtkWidget    *add_button;
  AdwComboRow  *pay_row;      /* cash, store credit */
  AdwEntryRow  *bonus_row;    /* store credit bonus, percent */
  GtkLabel     *total_label;
  GtkLabel     *error_label;
  GtkWidget    *buy_button;

  GtkLabel     *done_title;
  GtkLabel     *done_detail;
  GtkLabel     *done_skus;
  GtkWidget    *tags_button;
  GtkWidget    *done_button;
};

/* td-buy-dialog.c */
void        td_buy_dialog_update_total  (TdBuyDialog  *self);

/* td-buy-dialog-lines.c: the item rows. */
TdBuyLine  *td_buy_dialog_add_line      (TdBuyDialog  *self);
void        td_buy_dialog_add_line_cb   (TdBuyDialog  *self);
GtkWidget  *td_buy_dialog_headings_new  (TdBuyDialog  *self);

/* td-buy-dialog-done.c: what was bought, and its tags. */
void        td_buy_dialog_show_done     (TdBuyDialog  *self);

G_END_DECLS
