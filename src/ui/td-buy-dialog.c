/* td-buy-dialog.c — buying from a walk-in seller at the counter: who sells (a consignor, for
 * store credit to their balance, or nobody: cash, or credit on a new gift card), the items
 * (title, category, grade, the price the shop will ask, what the seller gets), how the seller
 * is paid and the store credit bonus; Buy is one td_store_buy_outright() call.
 *
 * Keyboard first: the seller code has the focus, Tab walks the item row, Alt+A adds a row,
 * Enter buys. The total the seller gets is shown as it is typed. A refusal is shown in the
 * dialog in the store's words and nothing is written; the form is kept. Afterwards the
 * dialog shows the new SKUs and offers their price tags (td-buy-dialog-done.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-buy-dialog-private.h"
#include "td-consignor.h"
#include "td-sell-page-private.h"
#include "td-store-catalogue.h"
#include "td-store-consignors.h"

G_DEFINE_FINAL_TYPE (TdBuyDialog, td_buy_dialog, ADW_TYPE_WINDOW)

/* The "Pay with" row, in order. */
static const TdTenderKind pay_kinds[] = { TD_TENDER_CASH, TD_TENDER_STORE_CREDIT };

static TdDatabase *
get_db (TdBuyDialog *self)
{
  return td_sell_page_get_database (self->page);
}

static TdContext *
get_context (TdBuyDialog *self)
{
  return td_sell_page_get_context (self->page);
}

static void
show_error (TdBuyDialog *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static TdTenderKind
get_pay_with (TdBuyDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->pay_row);

  return pay_kinds[MIN (selected, G_N_ELEMENTS (pay_kinds) - 1)];
}

/* What @editable holds, without the spaces around it. */
static char *
dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static gboolean
is_blank (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* An amount typed in @entry; blank is @blank_value. */
static gboolean
parse_money (TdBuyDialog  *self,
             GtkEntry     *entry,
             gint64        blank_value,
             gint64       *amount,
             GError      **error)
{
  TdMoneyFormat fmt;

  *amount = blank_value;
  if (is_blank (entry))
    return TRUE;
  td_money_format_init_current (&fmt);
  return td_money_parse (gtk_editable_get_text (GTK_EDITABLE (entry)),
                         td_context_get_currency (get_context (self)), &fmt, amount, error);
}

/* The bonus, "20" or "12.5" percent, as basis points; blank is 0. */
static gboolean
parse_bonus (TdBuyDialog  *self,
             int          *bonus_bp,
             GError      **error)
{
  g_autofree char *text = dup_text (self->bonus_row);
  char *end = NULL;
  double value;

  *bonus_bp = 0;
  g_strdelimit (text, ",", '.');
  if (g_str_has_suffix (text, "%"))
    text[strlen (text) - 1] = '\0';
  g_strstrip (text);
  if (text[0] == '\0')
    return TRUE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value < 0 || value > 100)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("The store credit bonus is a percent between 0 and 100."));
      return FALSE;
    }
  *bonus_bp = (int) (value * 100 + 0.5);
  return TRUE;
}

static gboolean
line_is_empty (const TdBuyLine *line)
{
  return is_blank (line->title) && is_blank (line->price) && is_blank (line->cost);
}

/**
 * collect:
 * @drafts: (element-type TdItemDraft): filled with the rows that have anything typed
 *
 * Reads the item rows; %FALSE with a sentence naming the row when an amount can't be read.
 */
static gboolean
collect (TdBuyDialog  *self,
         GArray       *drafts,
         GError      **error)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      const TdBuyLine *line = self->lines->pdata[i];
      guint category = gtk_drop_down_get_selected (line->category);
      guint grade = gtk_drop_down_get_selected (line->grade);
      g_autoptr(GError) local = NULL;
      TdItemDraft draft;
      TdItemDraft *added;

      if (line_is_empty (line))
        continue;
      td_item_draft_init (&draft);
      draft.title = dup_text (line->title);
      if (category < self->categories->len)
        draft.category_id = g_array_index (self->categories, TdCategoryInfo, category).id;
      if (grade < self->grades->len)
        draft.grade_id = g_array_index (self->grades, TdGradeInfo, grade).id;
      draft.quantity = 1;
      g_array_append_val (drafts, draft);
      added = &g_array_index (drafts, TdItemDraft, drafts->len - 1);
      if (!parse_money (self, line->price, 0, &added->price, &local) ||
          !parse_money (self, line->cost, TD_COST_UNKNOWN, &added->cost, &local))
        {
          /* Translators: a problem in the buying dialog's item row; %u counts from 1 */
          g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID, _("Item %u: %s"), i + 1,
                       local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static GArray *
drafts_new (void)
{
  GArray *drafts = g_array_new (FALSE, TRUE, sizeof (TdItemDraft));

  g_array_set_clear_func (drafts, (GDestroyNotify) td_item_draft_clear);
  return drafts;
}

/* "Seller gets …" as the rows, the tender and the bonus are typed. */
void
td_buy_dialog_update_total (TdBuyDialog *self)
{
  g_autoptr(GArray) drafts = drafts_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 cost = 0;
  int bonus_bp = 0;
  gboolean credit = get_pay_with (self) == TD_TENDER_STORE_CREDIT;

  gtk_widget_set_sensitive (GTK_WIDGET (self->bonus_row), credit);
  show_error (self, NULL);
  if (!collect (self, drafts, &error) || !parse_bonus (self, &bonus_bp, &error))
    {
      gtk_label_set_text (self->total_label, error->message);
      return;
    }
  for (guint i = 0; i < drafts->len; i++)
    cost += MAX (g_array_index (drafts, TdItemDraft, i).cost, 0);
  if (credit)
    {
      /* As the store computes it (td-store-buy.c): half up. */
      gint64 bonus = (cost * bonus_bp + 5000) / 10000;
      g_autofree char *total = td_context_format_money (get_context (self), cost + bonus);
      g_autofree char *bonus_text = td_context_format_money (get_context (self), bonus);

      if (bonus > 0)
        /* Translators: the buying dialog's total: store credit, then the bonus in it */
        text = g_strdup_printf (_("Seller gets %s in store credit (%s bonus)"), total,
                                bonus_text);
      else
        /* Translators: the buying dialog's total */
        text = g_strdup_printf (_("Seller gets %s in store credit"), total);
    }
  else
    {
      g_autofree char *total = td_context_format_money (get_context (self), cost);

      /* Translators: the buying dialog's total */
      text = g_strdup_printf (_("Seller gets %s in cash from the till"), total);
    }
  gtk_label_set_text (self->total_label, text);
}

/* The seller: a consignor's code, or nothing for a walk-in. */
static void
seller_changed_cb (TdBuyDialog *self)
{
  g_autofree char *code = dup_text (self->seller_row);
  g_autoptr(TdConsignor) consignor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->seller_id = 0;
  g_clear_pointer (&self->seller_name, g_free);
  show_error (self, NULL);
  if (code[0] == '\0')
    text = g_strdup (_("A walk-in seller: paid in cash, or in store credit on a new gift card."));
  else if ((consignor = td_store_consignors_get_by_code (get_db (self), code, &error)) != NULL)
    {
      self->seller_id = consignor->id;
      self->seller_name = g_strdup (consignor->draft.name);
      /* Translators: the seller in the buying dialog: the consignor's name and code */
      text = g_strdup_printf (_("%s (%s): store credit goes to their balance."),
                              consignor->draft.name, consignor->draft.code);
    }
  else
    text = g_strdup (error->message);
  gtk_label_set_text (self->seller_label, text);
}

/* Buy -------------------------------------------------------------------------------------- */

static void
buy_cb (TdBuyDialog *self)
{
  g_autoptr(GArray) drafts = drafts_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = dup_text (self->seller_row);
  TdBuyRequest request = { 0 };

  show_error (self, NULL);
  seller_changed_cb (self);
  if (code[0] != '\0' && self->seller_id == 0)
    {
      show_error (self, gtk_label_get_text (self->seller_label));
      gtk_widget_grab_focus (GTK_WIDGET (self->seller_row));
      return;
    }
  request.register_id = self->page->register_id;
  request.pay_with = get_pay_with (self);
  request.consignor_id = self->seller_id;
  if (!collect (self, drafts, &error) ||
      (request.pay_with == TD_TENDER_STORE_CREDIT &&
       !parse_bonus (self, &request.credit_bonus_bp, &error)))
    {
      show_error (self, error->message);
      return;
    }
  request.drafts = (const TdItemDraft *) drafts->data;
  request.n_drafts = drafts->len;
  td_buy_result_clear (&self->result);
  if (!td_store_buy_outright (get_db (self), &request, td_sell_page_get_staff (self->page),
                              g_get_real_time (), &self->result, &error))
    {
      show_error (self, error->message);
      return;
    }
  self->bought = TRUE;
  td_buy_dialog_show_done (self);
}

/* The dialog ----------------------------------------------------------------------------------- */

static GtkWidget *
group_new (GtkWidget  *box,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (box), group);
  return group;
}

static GtkWidget *
build_form (TdBuyDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group, *buttons, *cancel, *seller, *bonus, *pay;
  const char *kinds[] = { td_tender_kind_label (TD_TENDER_CASH),
                          td_tender_kind_label (TD_TENDER_STORE_CREDIT), NULL };
  g_autoptr(GtkStringList) pay_model = gtk_string_list_new (kinds);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  group = group_new (box, _("Seller"));
  seller = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (seller),
                                 _("_Consignor code (empty for a walk-in)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (seller), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (seller), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), seller);
  self->seller_row = ADW_ENTRY_ROW (seller);
  self->seller_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->seller_label, 0);
  gtk_label_set_wrap (self->seller_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->seller_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->seller_label), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->seller_label));
  g_signal_connect_swapped (seller, "changed", G_CALLBACK (seller_changed_cb), self);

  group = group_new (box, _("Items"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Title, category, grade, the price the shop sells it at, and what the seller gets."));
  self->add_button = gtk_button_new_with_mnemonic (_("_Add Item"));
  gtk_widget_add_css_class (self->add_button, "flat");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (td_buy_dialog_add_line_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->add_button);
  self->lines_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (self->lines_box, td_buy_dialog_headings_new (self));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->lines_box));

  group = group_new (box, _("Payment"));
  pay = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pay), _("_Pay the seller in"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (pay), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (pay), G_LIST_MODEL (pay_model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), pay);
  self->pay_row = ADW_COMBO_ROW (pay);
  g_signal_connect_swapped (pay, "notify::selected", G_CALLBACK (td_buy_dialog_update_total), self);
  bonus = adw_entry_row_new ();
  /* xgettext:no-c-format */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (bonus), _("Store credit _bonus (%)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (bonus), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (bonus), TRUE);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (bonus), GTK_INPUT_PURPOSE_NUMBER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), bonus);
  self->bonus_row = ADW_ENTRY_ROW (bonus);
  g_signal_connect_swapped (bonus, "changed", G_CALLBACK (td_buy_dialog_update_total), self);

  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->total_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "title-3");
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->total_label));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  self->buy_button = gtk_button_new_with_mnemonic (_("_Buy Items"));
  gtk_widget_add_css_class (self->buy_button, "suggested-action");
  g_signal_connect_swapped (self->buy_button, "clicked", G_CALLBACK (buy_cb), self);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), self->buy_button);
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

static void
build (TdBuyDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autoptr(GError) error = NULL;

  self->categories = td_store_catalogue_list_categories (get_db (self), &error);
  if (self->categories == NULL)
    {
      g_warning ("Categories: %s", error->message);
      self->categories = g_array_new (FALSE, TRUE, sizeof (TdCategoryInfo));
    }
  g_clear_error (&error);
  self->grades = td_store_catalogue_list_grades (get_db (self), &error);
  if (self->grades == NULL)
    {
      g_warning ("Grades: %s", error->message);
      self->grades = g_array_new (FALSE, TRUE, sizeof (TdGradeInfo));
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Buy Items"));
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_add_named (self->stack, build_form (self), "form");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->stack));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->buy_button);

  td_buy_dialog_add_line (self);
  seller_changed_cb (self);
  td_buy_dialog_update_total (self);
}

static void
td_buy_dialog_dispose (GObject *object)
{
  TdBuyDialog *self = TD_BUY_DIALOG (object);

  if (self->page != NULL)
    td_sell_page_focus_scan (self->page);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (td_buy_dialog_parent_class)->dispose (object);
}

static void
td_buy_dialog_finalize (GObject *object)
{
  TdBuyDialog *self = TD_BUY_DIALOG (object);

  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->grades, g_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->seller_name, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
  td_buy_result_clear (&self->result);

  G_OBJECT_CLASS (td_buy_dialog_parent_class)->finalize (object);
}

static void
td_buy_dialog_class_init (TdBuyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_buy_dialog_dispose;
  object_class->finalize = td_buy_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
td_buy_dialog_init (TdBuyDialog *self)
{
  self->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 860, 640);
}

/**
 * td_buy_dialog_new:
 * @page: the Sell page (its shop, register and signed-in staff member)
 *
 * Returns: (transfer floating): the dialog, transient for @page's window; present it
 */
GtkWidget *
td_buy_dialog_new (TdSellPage *page)
{
  TdBuyDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (TD_IS_SELL_PAGE (page), NULL);

  self = g_object_new (TD_TYPE_BUY_DIALOG, NULL);
  self->page = g_object_ref (page);
  root = gtk_widget_get_root (GTK_WIDGET (page));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  build (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->seller_row));
  return GTK_WIDGET (self);
}
