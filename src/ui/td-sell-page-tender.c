/* td-sell-page-tender.c — taking payment: cash (change due), card, store credit, gift card,
 * split across several; Complete is one call into the store's sale transaction.
 *
 * The dialog only collects amounts; the core plans them (td_cart_plan_tenders(): cash
 * rounding, change, what is still due) as they are typed, and td_store_sales_complete()
 * writes the whole sale or nothing. A refusal (tender short, gift card unknown) is shown in
 * the dialog in the core's words and nothing is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-sync.h"
#include "td-override-dialog.h"
#include "td-consignor.h"
#include "td-database.h"
#include "td-sell-page-private.h"
#include "td-store-consignors.h"
#include "td-store.h"
#include "td-store-sales.h"

typedef struct
{
  TdSellPage *self;
  GtkEntry   *cash;
  GtkEntry   *card;
  GtkEntry   *credit;
  GtkEntry   *credit_code;
  GtkEntry   *gift;
  GtkEntry   *gift_code;
  GtkLabel   *status;
  GtkLabel   *error;
  GtkWidget  *complete;
} Tender;

static gboolean
parse_amount (Tender      *t,
              GtkEntry    *entry,
              gint64      *amount,
              GError     **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  TdMoneyFormat fmt;

  *amount = 0;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return TRUE;
  td_money_format_init_current (&fmt);
  return td_money_parse (text, td_context_get_currency (t->self->context), &fmt, amount, error);
}

/* The tenders typed so far; %FALSE with a message when one can't be read. */
static gboolean
collect (Tender   *t,
         GArray   *tenders,
         GError  **error)
{
  struct { GtkEntry *entry; TdTenderKind kind; GtkEntry *reference; } fields[] = {
    { t->card, TD_TENDER_CARD, NULL },
    { t->credit, TD_TENDER_STORE_CREDIT, t->credit_code },
    { t->gift, TD_TENDER_GIFT_CARD, t->gift_code },
    { t->cash, TD_TENDER_CASH, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      TdTender tender = { fields[i].kind, 0, NULL, 0 };

      if (!parse_amount (t, fields[i].entry, &tender.amount, error))
        return FALSE;
      if (tender.amount == 0)
        continue;
      if (fields[i].kind == TD_TENDER_GIFT_CARD)
        tender.reference = gtk_editable_get_text (GTK_EDITABLE (fields[i].reference));
      else if (fields[i].kind == TD_TENDER_STORE_CREDIT)
        {
          const char *code = gtk_editable_get_text (GTK_EDITABLE (fields[i].reference));
          g_autoptr(TdConsignor) consignor = NULL;

          consignor = td_store_consignors_get_by_code (td_sell_page_get_database (t->self), code,
                                                       error);
          if (consignor == NULL)
            return FALSE;
          tender.consignor_id = consignor->id;
        }
      g_array_append_val (tenders, tender);
    }
  return TRUE;
}

static void
update_status (Tender *t)
{
  g_autoptr(GArray) tenders = g_array_new (FALSE, FALSE, sizeof (TdTender));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TdTenderPlan plan = { 0 };
  gboolean ok;

  ok = collect (t, tenders, &error);
  if (ok)
    {
      /* A plan with what is typed so far: "short" is not an error here, just what is left. */
      ok = td_cart_plan_tenders (t->self->cart, (const TdTender *) tenders->data, tenders->len,
                                 &plan, &error);
      if (!ok && g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_SHORT))
        {
          g_autofree char *left = td_context_format_money (t->self->context,
                                                           plan.due - plan.tendered);

          /* Translators: in the payment dialog, what is still to pay */
          text = g_strdup_printf (_("Still due %s"), left);
          g_clear_error (&error);
        }
    }
  if (ok)
    {
      g_autofree char *change = td_context_format_money (t->self->context, plan.change);

      /* Translators: in the payment dialog, the change to hand back */
      text = g_strdup_printf (_("Change %s"), change);
    }
  gtk_label_set_text (t->status, text ? text : "");
  gtk_label_set_text (t->error, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (t->error), error != NULL);
  gtk_widget_set_sensitive (t->complete, ok);
}

static void complete_cb (Tender *t);

/* What the cart needs that the signed-in staff member may not do alone: a discount above the
 * limit (`staff.discount_limit_bp` of the subtotal, as the store reads it), a line below its
 * consignor's minimum. */
static guint
needed_permissions (Tender *t)
{
  TdDatabase *db = td_sell_page_get_database (t->self);
  TdCart *cart = t->self->cart;
  g_autofree char *limit_text = td_store_settings_dup (db, TD_SETTING_STAFF_DISCOUNT_LIMIT_BP,
                                                       NULL);
  gint64 limit = limit_text != NULL ? g_ascii_strtoll (limit_text, NULL, 10) : 2000;
  TdCartTotals totals;
  guint needed = 0;

  td_cart_get_totals (cart, &totals);
  if (totals.discount > 0 && totals.discount * 10000 > limit * totals.subtotal &&
      !td_context_staff_can (t->self->context, TD_PERMISSION_DISCOUNT_OVER_LIMIT))
    needed |= TD_OVERRIDE_MASK (TD_PERMISSION_DISCOUNT_OVER_LIMIT);
  for (guint i = 0; i < td_cart_get_n_lines (cart); i++)
    {
      const TdCartLine *l = td_cart_get_line (cart, i);

      if (l->min_price > 0 && l->price < l->min_price &&
          !td_context_staff_can (t->self->context, TD_PERMISSION_PRICE_BELOW_MINIMUM))
        needed |= TD_OVERRIDE_MASK (TD_PERMISSION_PRICE_BELOW_MINIMUM);
    }
  return needed;
}

/* A manager approved: Complete once more, with what is typed in the dialog now. */
static void
complete_again_cb (GtkWidget *owner,
                   gint64     approver_id,
                   gpointer   user_data)
{
  complete_cb (user_data);
}

static void
complete_cb (Tender *t)
{
  g_autoptr(GArray) tenders = g_array_new (FALSE, FALSE, sizeof (TdTender));
  g_autoptr(GError) error = NULL;
  TdSellPage *self = t->self;

  if (!collect (t, tenders, &error) ||
      !td_sell_page_complete (self, (const TdTender *) tenders->data, tenders->len, &error))
    {
      gtk_label_set_text (t->error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (t->error), TRUE);
      if (g_error_matches (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED))
        td_override_offer (GTK_WIDGET (self->tender_dialog), self->context,
                           _("Sale Not Completed"), error, needed_permissions (t),
                           complete_again_cb, t, NULL);
      return;
    }
  g_clear_pointer (&self->tender_dialog, gtk_window_destroy);
  td_sell_page_show_receipt (self, self->last_sale);
}

static void
exact_cash_cb (Tender *t)
{
  TdCartTotals totals;
  g_autofree char *text = NULL;
  TdMoneyFormat fmt;
  const TdCounterConfig *config = td_cart_get_config (t->self->cart);

  td_cart_get_totals (t->self->cart, &totals);
  td_money_format_init_current (&fmt);
  text = td_money_format_plain (td_cash_round (totals.total, config->cash_step),
                                td_context_get_currency (t->self->context), &fmt);
  gtk_editable_set_text (GTK_EDITABLE (t->cash), text);
  complete_cb (t);
}

static GtkEntry *
amount_row (GtkWidget  *group,
            Tender     *t,
            const char *title,
            GtkEntry  **reference,
            const char *reference_hint)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (reference != NULL)
    {
      GtkWidget *ref = gtk_entry_new ();

      gtk_entry_set_placeholder_text (GTK_ENTRY (ref), reference_hint);
      gtk_editable_set_width_chars (GTK_EDITABLE (ref), 10);
      gtk_widget_set_valign (ref, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (ref, "changed", G_CALLBACK (update_status), t);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), ref);
      *reference = GTK_ENTRY (ref);
    }
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update_status), t);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return GTK_ENTRY (entry);
}

static void
tender_destroy_cb (GtkWidget *window,
                   Tender    *t)
{
  if (t->self->tender_dialog == GTK_WINDOW (window))
    t->self->tender_dialog = NULL;
  td_sell_page_focus_scan (t->self);
  g_object_unref (t->self);
  g_free (t);
}

/**
 * td_sell_page_open_tender:
 *
 * The payment dialog for the cart. Cash has the focus: type what the customer hands over,
 * Enter completes.
 */
void
td_sell_page_open_tender (TdSellPage *self)
{
  Tender *t;
  GtkWidget *window, *box, *header, *group, *due, *buttons, *exact, *cancel;
  g_autofree char *due_text = NULL;
  g_autofree char *total = NULL;
  TdCartTotals totals;

  g_return_if_fail (TD_IS_SELL_PAGE (self));

  if (self->cart == NULL || td_cart_get_n_lines (self->cart) == 0)
    return;
  if (self->tender_dialog != NULL)
    {
      gtk_window_present (self->tender_dialog);
      return;
    }
  td_cart_get_totals (self->cart, &totals);
  total = td_context_format_money (self->context, totals.total);
  /* Translators: the heading of the payment dialog */
  due_text = g_strdup_printf (_("Due %s"), total);

  t = g_new0 (Tender, 1);
  t->self = g_object_ref (self);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Payment"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 540, -1);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  due = gtk_label_new (due_text);
  gtk_widget_add_css_class (due, "title-1");
  gtk_widget_add_css_class (due, "numeric");
  gtk_box_append (GTK_BOX (box), due);

  group = adw_preferences_group_new ();
  gtk_widget_set_margin_start (group, 18);
  gtk_widget_set_margin_end (group, 18);
  t->cash = amount_row (group, t, _("C_ash handed over"), NULL, NULL);
  t->card = amount_row (group, t, _("Ca_rd"), NULL, NULL);
  t->gift = amount_row (group, t, _("_Gift card"), &t->gift_code, _("Card code"));
  t->credit = amount_row (group, t, _("_Store credit"), &t->credit_code, _("Consignor"));
  gtk_box_append (GTK_BOX (box), group);

  t->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (t->status), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (t->status), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (t->status));
  t->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (t->error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (t->error), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (t->error), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (t->error), 18);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (t->error));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_start (buttons, 18);
  gtk_widget_set_margin_end (buttons, 18);
  gtk_widget_set_margin_bottom (buttons, 18);
  cancel = gtk_button_new_with_mnemonic (_("_Back to Cart"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  exact = gtk_button_new_with_mnemonic (_("_Exact Cash"));
  g_signal_connect_swapped (exact, "clicked", G_CALLBACK (exact_cash_cb), t);
  t->complete = gtk_button_new_with_mnemonic (_("_Complete Sale"));
  gtk_widget_add_css_class (t->complete, "suggested-action");
  g_signal_connect_swapped (t->complete, "clicked", G_CALLBACK (complete_cb), t);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), exact);
  gtk_box_append (GTK_BOX (buttons), t->complete);
  gtk_box_append (GTK_BOX (box), buttons);

  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), t->complete);
  g_object_set_data (G_OBJECT (window), "tender", t);
  g_signal_connect (window, "destroy", G_CALLBACK (tender_destroy_cb), t);
  self->tender_dialog = GTK_WINDOW (window);

  update_status (t);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (GTK_WIDGET (t->cash));
}

/* The shop file refused the sale (disk full, read-only, busy, damaged …): the store's message
 * speaks of the file, the cashier needs to hear that this sale is not saved, that nothing was
 * taken as paid, and that the cart waits for another try. The store's words and the SQLite
 * detail stay in the log. */
static void
explain_not_saved (GError **error)
{
  char *message;

  if (error == NULL || *error == NULL || (*error)->domain != TD_DATABASE_ERROR)
    return;
  g_message ("The sale was not saved: %s", (*error)->message);
  switch ((*error)->code)
    {
    case TD_DATABASE_ERROR_DISK_FULL:
      message = g_strdup (_("The sale was not saved: the disk is full. No payment was recorded "
                            "and the cart is kept. Free some space on the computer’s disk, then "
                            "press Complete Sale again."));
      break;
    case TD_DATABASE_ERROR_READ_ONLY:
      message = g_strdup (_("The sale was not saved: the shop file can’t be written to right "
                            "now. No payment was recorded and the cart is kept. Ask the owner "
                            "to check the computer’s disk, then press Complete Sale again."));
      break;
    case TD_DATABASE_ERROR_BUSY:
      message = g_strdup (_("The sale was not saved: another program is using the shop file. "
                            "No payment was recorded and the cart is kept. Wait a moment, then "
                            "press Complete Sale again."));
      break;
    default:
      message = g_strdup (_("The sale was not saved: the shop file could not be written. No "
                            "payment was recorded and the cart is kept. Press Complete Sale to "
                            "try again; if it fails again, ask the owner to check the shop."));
      break;
    }
  g_free ((*error)->message);
  (*error)->message = message;
}

/**
 * td_sell_page_complete:
 * @tenders: (array length=n_tenders): how the customer pays
 *
 * Completes the sale in one store transaction; on success the cart is empty, the sale is
 * @self->last_sale and the register's "last acknowledged" sale is it. On failure nothing was
 * written and the cart is untouched; when the shop file refused the sale (disk full,
 * read-only) @error says so in the cashier's words.
 *
 * Returns: %TRUE when the sale was written
 */
gboolean
td_sell_page_complete (TdSellPage      *self,
                       const TdTender  *tenders,
                       guint            n_tenders,
                       GError         **error)
{
  g_autoptr(TdSale) sale = NULL;

  g_return_val_if_fail (TD_IS_SELL_PAGE (self), FALSE);

  if (!td_store_sales_complete (td_sell_page_get_database (self), self->register_id, self->cart,
                                tenders, n_tenders, td_sell_page_get_staff (self), g_get_real_time (),
                                &sale, error))
    {
      explain_not_saved (error);
      return FALSE;
    }
  g_clear_pointer (&self->last_sale, td_sale_unref);
  self->last_sale = g_steal_pointer (&sale);
  td_cart_clear (self->cart);
  td_sell_page_show_message (self, NULL);
  td_sell_page_refresh (self);
  td_sell_page_acknowledge (self, self->last_sale->id);
  self->print_sale_id = self->last_sale->id;
  /* The sale queued withdrawals of the items' listings: send them now, in the background. */
  if (self->context != NULL)
    td_context_kick_sync (self->context);
  return TRUE;
}
