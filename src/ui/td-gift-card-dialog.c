/* td-gift-card-dialog.c — gift cards at the counter: sell a new card (cash or card), top one
 * up, or tell a card's balance.
 *
 * Keyboard first, like the rest of the Sell page: the first field has the focus, Enter in any
 * field confirms, and the answer (the new card's code, the balance) is shown in the dialog
 * with Done focused, so a second Enter closes it and the scan field has the focus again. The
 * money goes through the store exactly as td-store-gift-cards.c defines it (cash is paid into
 * the open till in the same transaction); a refusal is shown in the store's words in the
 * dialog and nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-gift-card-dialog-private.h"
#include "td-sell-page-private.h"
#include "td-store-gift-cards.h"
#include "td-store-till.h"

G_DEFINE_FINAL_TYPE (TdGiftCardDialog, td_gift_card_dialog, ADW_TYPE_WINDOW)

/* The tenders a card is paid with, in the order of the "Paid with" row. */
static const TdTenderKind paid_with_kinds[] = { TD_TENDER_CASH, TD_TENDER_CARD };

static TdDatabase *
get_db (TdGiftCardDialog *self)
{
  return td_sell_page_get_database (self->page);
}

static char *
money (TdGiftCardDialog *self,
       gint64            amount)
{
  return td_context_format_money (td_sell_page_get_context (self->page), amount);
}

static void
show_error (TdGiftCardDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* What was typed as the amount; an empty field is 0 (the store refuses it in words). */
static gboolean
parse_amount (TdGiftCardDialog  *self,
              gint64            *amount,
              GError           **error)
{
  g_autofree char *text = dup_text (self->amount_row);
  TdMoneyFormat fmt;

  *amount = 0;
  if (text[0] == '\0')
    return TRUE;
  td_money_format_init_current (&fmt);
  return td_money_parse (text, td_context_get_currency (td_sell_page_get_context (self->page)),
                         &fmt, amount, error);
}

static char *
dup_code (TdGiftCardDialog *self)
{
  return dup_text (self->code_row);
}

static void
show_done (TdGiftCardDialog *self,
           const char       *title,
           const char       *code,
           const char       *detail)
{
  gtk_label_set_text (self->done_title, title);
  gtk_label_set_text (self->done_code, code);
  gtk_label_set_text (self->done_detail, detail);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  gtk_widget_grab_focus (self->done_button);
}

static void
amount_changed_cb (TdGiftCardDialog *self)
{
  show_error (self, NULL);
}

/* Top up: the card's balance under the code as it is typed (one indexed lookup). */
static void
code_changed_cb (TdGiftCardDialog *self)
{
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 balance = 0;

  show_error (self, NULL);
  if (self->mode != TD_GIFT_CARD_TOP_UP)
    return;
  code = dup_code (self);
  if (code[0] == '\0')
    text = g_strdup ("");
  else if (td_store_gift_cards_balance (get_db (self), code, &balance, &error))
    {
      g_autofree char *amount = money (self, balance);

      /* Translators: under the gift card code while topping up; %s is an amount */
      text = g_strdup_printf (_("The card holds %s now."), amount);
    }
  else
    text = g_strdup (error->message);
  gtk_label_set_text (self->balance_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->balance_label), text[0] != '\0');
}

/* Cash for a card goes into the open till; without one there is no drawer count to keep. */
static gboolean
till_is_open (TdGiftCardDialog *self)
{
  gint64 session = 0;

  return td_store_till_current (get_db (self), self->page->register_id, &session, NULL) &&
         session > 0;
}

static void
issue (TdGiftCardDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = dup_code (self);
  g_autofree char *issued = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *detail = NULL;
  TdTenderKind paid_with = paid_with_kinds[adw_combo_row_get_selected (self->paid_with_row)];
  gint64 amount = 0;

  if (!parse_amount (self, &amount, &error) ||
      !td_store_gift_cards_issue (get_db (self), self->page->register_id,
                                  code[0] != '\0' ? code : NULL, amount, paid_with,
                                  td_sell_page_get_staff (self->page), g_get_real_time (),
                                  &issued, &error))
    {
      show_error (self, error->message);
      return;
    }
  amount_text = money (self, amount);
  if (paid_with == TD_TENDER_CASH && !till_is_open (self))
    /* Translators: after issuing a gift card; %s is its amount */
    detail = g_strdup_printf (_("Holds %s, paid in cash. The till is not open, so the cash is "
                                "not in a drawer count."), amount_text);
  else if (paid_with == TD_TENDER_CASH)
    /* Translators: after issuing a gift card; %s is its amount */
    detail = g_strdup_printf (_("Holds %s, paid in cash. Put the cash in the drawer."),
                              amount_text);
  else
    /* Translators: after issuing a gift card; %s is its amount */
    detail = g_strdup_printf (_("Holds %s, paid by card."), amount_text);
  show_done (self, _("Gift Card Issued — Write This Code on the Card"), issued, detail);
}

static void
top_up (TdGiftCardDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = dup_code (self);
  g_autofree char *added = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *upper = NULL;
  TdTenderKind paid_with = paid_with_kinds[adw_combo_row_get_selected (self->paid_with_row)];
  gint64 amount = 0, balance = 0;

  if (code[0] == '\0')
    {
      show_error (self, _("Scan or type the gift card’s code."));
      return;
    }
  if (!parse_amount (self, &amount, &error) ||
      !td_store_gift_cards_top_up (get_db (self), self->page->register_id, code, amount,
                                   paid_with, td_sell_page_get_staff (self->page),
                                   g_get_real_time (), &error) ||
      !td_store_gift_cards_balance (get_db (self), code, &balance, &error))
    {
      show_error (self, error->message);
      return;
    }
  added = money (self, amount);
  now = money (self, balance);
  /* Translators: after a top-up: the amount added, then the card's new balance */
  detail = g_strdup_printf (_("%s added. The card now holds %s."), added, now);
  upper = g_ascii_strup (code, -1);
  show_done (self, _("Gift Card Topped Up"), upper, detail);
}

static void
balance (TdGiftCardDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = dup_code (self);
  g_autofree char *amount = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *upper = NULL;
  gint64 value = 0;

  if (code[0] == '\0')
    {
      show_error (self, _("Scan or type the gift card’s code."));
      return;
    }
  if (!td_store_gift_cards_balance (get_db (self), code, &value, &error))
    {
      show_error (self, error->message);
      return;
    }
  amount = money (self, value);
  /* Translators: a gift card's balance; %s is the amount */
  detail = g_strdup_printf (_("The card holds %s."), amount);
  upper = g_ascii_strup (code, -1);
  show_done (self, _("Gift Card Balance"), upper, detail);
}

static void
confirm_cb (TdGiftCardDialog *self)
{
  show_error (self, NULL);
  switch (self->mode)
    {
    case TD_GIFT_CARD_ISSUE:
      issue (self);
      break;
    case TD_GIFT_CARD_TOP_UP:
      top_up (self);
      break;
    case TD_GIFT_CARD_BALANCE:
    default:
      balance (self);
      break;
    }
}

static AdwEntryRow *
entry_row (GtkWidget  *group,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row),
                                 GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_NO_EMOJI);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

static GtkWidget *
build_form (TdGiftCardDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons, *cancel;
  const char *confirm_label;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  if (self->mode == TD_GIFT_CARD_ISSUE)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
      _("Leave the code empty and Thriftdesk makes one up; scan a pre-printed card to use "
        "its code."));
  if (self->mode != TD_GIFT_CARD_ISSUE)
    self->code_row = entry_row (group, _("Gift card _code"));
  if (self->mode != TD_GIFT_CARD_BALANCE)
    {
      const char *tenders[] = { td_tender_kind_label (TD_TENDER_CASH),
                                td_tender_kind_label (TD_TENDER_CARD), NULL };
      g_autoptr(GtkStringList) model = gtk_string_list_new (tenders);
      GtkWidget *paid_with = adw_combo_row_new ();

      self->amount_row = entry_row (group, _("_Amount"));
      adw_entry_row_set_input_purpose (self->amount_row, GTK_INPUT_PURPOSE_NUMBER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (paid_with), _("_Paid with"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (paid_with), TRUE);
      adw_combo_row_set_model (ADW_COMBO_ROW (paid_with), G_LIST_MODEL (model));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), paid_with);
      self->paid_with_row = ADW_COMBO_ROW (paid_with);
    }
  if (self->mode == TD_GIFT_CARD_ISSUE)
    self->code_row = entry_row (group, _("Card _code (optional)"));
  g_signal_connect_swapped (self->code_row, "changed", G_CALLBACK (code_changed_cb), self);
  if (self->amount_row != NULL)
    g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (amount_changed_cb), self);
  gtk_box_append (GTK_BOX (box), group);

  self->balance_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->balance_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->balance_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->balance_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->balance_label));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  switch (self->mode)
    {
    case TD_GIFT_CARD_ISSUE:
      confirm_label = _("_Issue Card");
      break;
    case TD_GIFT_CARD_TOP_UP:
      confirm_label = _("_Top Up");
      break;
    case TD_GIFT_CARD_BALANCE:
    default:
      confirm_label = _("_Check Balance");
      break;
    }
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  self->confirm_button = gtk_button_new_with_mnemonic (confirm_label);
  gtk_widget_add_css_class (self->confirm_button, "suggested-action");
  g_signal_connect_swapped (self->confirm_button, "clicked", G_CALLBACK (confirm_cb), self);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), self->confirm_button);
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

static GtkWidget *
build_done (TdGiftCardDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  self->done_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->done_title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->done_title), "title-4");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_title));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_label_set_max_width_chars (self->done_title, 40);

  /* The code, big: staff write it on the card or read it out. */
  self->done_code = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->done_code), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->done_code), "monospace");
  gtk_widget_add_css_class (GTK_WIDGET (self->done_code), "card");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_code));

  self->done_detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->done_detail, TRUE);
  gtk_label_set_justify (self->done_detail, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->done_detail, 40);
  gtk_widget_add_css_class (GTK_WIDGET (self->done_detail), "title-4");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_detail));

  self->done_button = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_add_css_class (self->done_button, "suggested-action");
  gtk_widget_add_css_class (self->done_button, "pill");
  gtk_widget_set_halign (self->done_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->done_button, 6);
  g_signal_connect_swapped (self->done_button, "clicked", G_CALLBACK (gtk_window_destroy), self);
  gtk_box_append (GTK_BOX (box), self->done_button);
  return box;
}

static void
build (TdGiftCardDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  const char *title;

  switch (self->mode)
    {
    case TD_GIFT_CARD_ISSUE:
      title = _("Issue Gift Card");
      break;
    case TD_GIFT_CARD_TOP_UP:
      title = _("Top Up Gift Card");
      break;
    case TD_GIFT_CARD_BALANCE:
    default:
      title = _("Gift Card Balance");
      break;
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_add_named (self->stack, build_form (self), "form");
  gtk_stack_add_named (self->stack, build_done (self), "done");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->confirm_button);
}

static void
td_gift_card_dialog_dispose (GObject *object)
{
  TdGiftCardDialog *self = TD_GIFT_CARD_DIALOG (object);

  /* Back to the scan field for the next customer. */
  if (self->page != NULL)
    td_sell_page_focus_scan (self->page);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (td_gift_card_dialog_parent_class)->dispose (object);
}

static void
td_gift_card_dialog_class_init (TdGiftCardDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_gift_card_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_gift_card_dialog_init (TdGiftCardDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
}

/**
 * td_gift_card_dialog_new:
 * @page: the Sell page (its shop, register and signed-in staff member)
 * @mode: what the dialog does
 *
 * Returns: (transfer floating): the dialog, transient for @page's window; present it
 */
GtkWidget *
td_gift_card_dialog_new (TdSellPage     *page,
                         TdGiftCardMode  mode)
{
  TdGiftCardDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (TD_IS_SELL_PAGE (page), NULL);

  self = g_object_new (TD_TYPE_GIFT_CARD_DIALOG, NULL);
  self->page = g_object_ref (page);
  self->mode = mode;
  root = gtk_widget_get_root (GTK_WIDGET (page));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  build (self);
  gtk_widget_grab_focus (GTK_WIDGET (mode == TD_GIFT_CARD_ISSUE ? self->amount_row
                                                                : self->code_row));
  return GTK_WIDGET (self);
}
