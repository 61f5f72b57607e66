/* td-gift-card-dialog-private.h — the dialog's fields, for td-gift-card-dialog.c and its UI test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-gift-card-dialog.h"

G_BEGIN_DECLS

struct _TdGiftCardDialog
{
  AdwWindow       parent_instance;

  TdSellPage     *page;
  TdGiftCardMode  mode;

  GtkStack       *stack;          /* "form", then "done" */
  AdwEntryRow    *code_row;
  AdwEntryRow    *amount_row;     /* not in balance mode */
  AdwComboRow    *paid_with_row;  /* not in balance mode */
  GtkLabel       *balance_label;  /* top up: the card's balance as the code is typed */
  GtkLabel       *error_label;
  GtkWidget      *confirm_button;

  GtkLabel       *done_title;
  GtkLabel       *done_code;
  GtkLabel       *done_detail;
  GtkWidget      *done_button;
};

G_END_DECLS
