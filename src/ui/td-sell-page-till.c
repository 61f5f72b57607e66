/* td-sell-page-till.c — from the counter's menu: open a receipt, return items of a sale, and the
 * cash drawer (open with a float, paid in/out, close with the counted cash → Z report).
 *
 * Every command is one call into the core (td-store-returns.h, td-store-till.h); the core's
 * refusals are shown in its words and nothing is written. Refund receipts and Z reports are
 * PDFs shown and printed like receipts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-context-sync.h"
#include "td-escpos.h"
#include "td-permission.h"
#include "td-override-dialog.h"
#include "td-sell-page-private.h"
#include "td-store-returns.h"
#include "td-store-sales.h"
#include "td-store-till.h"
#include "td-store.h"

void
td_sell_page_toast (TdSellPage *self,
                    const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static gboolean
parse_money (TdSellPage  *self,
             const char  *text,
             gint64      *amount,
             GError     **error)
{
  TdMoneyFormat fmt;

  td_money_format_init_current (&fmt);
  return td_money_parse (text, td_context_get_currency (self->context), &fmt, amount, error);
}

/* A small form: up to two entries and the responses given as id/label pairs. */
typedef void (*FormFunc) (TdSellPage *self,
                          const char *response,
                          const char *first,
                          const char *second);

typedef struct
{
  TdSellPage *self;
  GtkEntry   *first;
  GtkEntry   *second;
  FormFunc    func;
} Form;

static void
form_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Form             *form)
{
  if (!g_str_equal (response, "cancel"))
    form->func (form->self, response, gtk_editable_get_text (GTK_EDITABLE (form->first)),
                form->second ? gtk_editable_get_text (GTK_EDITABLE (form->second)) : NULL);
  td_sell_page_focus_scan (form->self);
  g_object_unref (form->self);
  g_free (form);
}

static void
ask_form (TdSellPage *self,
          const char *heading,
          const char *body,
          const char *first_hint,
          const char *first_text,
          const char *second_hint,
          FormFunc    func,
          ...)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  Form *form = g_new0 (Form, 1);
  const char *id;
  const char *default_id = NULL;
  va_list args;

  form->self = g_object_ref (self);
  form->func = func;
  form->first = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (form->first, first_hint);
  if (first_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (form->first), first_text);
  gtk_entry_set_activates_default (form->first, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->first));
  if (second_hint != NULL)
    {
      form->second = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_placeholder_text (form->second, second_hint);
      gtk_entry_set_activates_default (form->second, TRUE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->second));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  va_start (args, func);
  while ((id = va_arg (args, const char *)) != NULL)
    {
      const char *label = va_arg (args, const char *);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
      default_id = id;
    }
  va_end (args);
  if (default_id != NULL)
    {
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), default_id,
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), default_id);
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (form_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->first));
}

/* Open a receipt -------------------------------------------------------------------------------- */

static void
open_receipt_form (TdSellPage *self,
                   const char *response,
                   const char *code,
                   const char *unused)
{
  g_autofree char *text = g_strstrip (g_strdup (code));

  td_sell_page_open_receipt_code (self, text);
}

static void
open_receipt_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ask_form (TD_SELL_PAGE (widget), _("Open a Receipt"),
            _("Type the receipt number, or scan the receipt’s QR code into the scan field."),
            _("Receipt number"), NULL, NULL, open_receipt_form, "open", _("_Open"), NULL);
}

/* Returns ------------------------------------------------------------------------------------ */

typedef struct
{
  TdSellPage *self;
  TdSale     *sale;
  GPtrArray  *checks;      /* of GtkCheckButton, one per sale line (NULL for refunded) */
  GtkCheckButton *damaged;
  GtkCheckButton *override;    /* shown once the refund window refused */
  GtkDropDown *tender;
  GtkEntry   *reason;
  GtkLabel   *error;
} Returns;

static const TdTenderKind refund_tenders[] = { TD_TENDER_CASH, TD_TENDER_CARD };

static char *
write_refund_receipt (TdSellPage      *self,
                      const TdSale    *sale,
                      const TdRefund  *refund,
                      GError         **error)
{
  TdDatabase *db = td_sell_page_get_database (self);
  g_autofree char *shop_name = td_store_settings_dup (db, TD_SETTING_SHOP_NAME, NULL);
  g_autofree char *shop_address = td_store_settings_dup (db, TD_SETTING_SHOP_ADDRESS, NULL);
  g_autofree char *shop_tax_id = td_store_settings_dup (db, TD_SETTING_SHOP_TAX_ID, NULL);
  g_autofree char *number = td_receipt_number_format (refund->refund_no);
  g_autofree char *original = td_receipt_number_format (refund->receipt_no);
  g_autofree char *date = td_sell_page_format_time (refund->created_at, _("%d %b %Y, %H:%M"));
  g_autofree char *name = g_strdup_printf ("refund-%s-%s.pdf", refund->register_id, number);
  g_autofree char *path = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (TdReceiptLine));
  TdReceiptTender tender = { td_tender_kind_label (refund->tender), refund->total,
                             refund->tender == TD_TENDER_CASH };
  TdReceipt r = { 0 };
  TdMoneyFormat fmt;

  for (guint i = 0; i < refund->lines->len; i++)
    {
      const TdRefundLine *rl = &g_array_index (refund->lines, TdRefundLine, i);
      TdReceiptLine line = { rl->title, NULL, rl->sku, rl->amount, 0, 0, NULL };

      g_array_append_val (lines, line);
    }
  td_money_format_init_current (&fmt);
  r.is_refund = TRUE;
  r.shop_name = shop_name;
  r.shop_address = shop_address;
  r.shop_tax_id = shop_tax_id;
  r.date = date;
  r.receipt_no = number;
  r.original_receipt_no = original;
  r.register_name = refund->register_id;
  r.lines = (const TdReceiptLine *) lines->data;
  r.n_lines = lines->len;
  r.subtotal = refund->total;
  r.total = refund->total;
  r.tenders = &tender;
  r.n_tenders = 1;
  r.policy = refund->reason;
  r.currency = td_context_get_currency (self->context);
  r.money_format = &fmt;

  path = td_sell_page_documents_path (name, error);
  if (path == NULL || !td_receipt_write_pdf (&r, TD_RECEIPT_ROLL_80, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static void
returns_free (gpointer  data,
              GObject  *where_the_window_was)
{
  Returns *ret = data;

  g_object_unref (ret->self);
  td_sale_unref (ret->sale);
  g_ptr_array_unref (ret->checks);
  g_free (ret);
}

static void do_refund (Returns   *ret,
                       GtkWindow *window,
                       gint64     approver_id);

static void
refund_cb (GtkWidget *button,
           Returns   *ret)
{
  do_refund (ret, GTK_WINDOW (gtk_widget_get_root (button)), 0);
}

/* A manager approved with their PIN (td_override_offer()): refund once more, in their name. */
static void
refund_again_cb (GtkWidget *owner,
                 gint64     approver_id,
                 gpointer   user_data)
{
  do_refund (g_object_get_data (G_OBJECT (owner), "td-returns"), GTK_WINDOW (owner),
             approver_id);
}

/* @approver_id: who approved on the spot (a refund outside the window); 0: nobody */
static void
do_refund (Returns   *ret,
           GtkWindow *window,
           gint64     approver_id)
{
  TdSellPage *self = ret->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (TdRefundLineRequest));
  g_autoptr(TdRefund) refund = NULL;
  g_autofree char *path = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  TdRefundRequest request = { 0 };
  GtkWidget *online = NULL;
  guint needed = 0, relisted = 0;

  for (guint i = 0; i < ret->checks->len; i++)
    {
      GtkCheckButton *check = ret->checks->pdata[i];
      const TdSaleLine *line = &g_array_index (ret->sale->lines, TdSaleLine, i);
      TdRefundLineRequest req = { line->id, 0, gtk_check_button_get_active (ret->damaged) };

      if (check == NULL || !gtk_check_button_get_active (check))
        continue;
      td_store_returns_line_paid (ret->sale, i, &req.amount);
      g_array_append_val (requests, req);
    }
  if (requests->len == 0)
    {
      gtk_label_set_text (ret->error, _("Choose the items the customer brings back."));
      return;
    }
  request.register_id = self->register_id;
  request.sale_id = ret->sale->id;
  request.lines = (const TdRefundLineRequest *) requests->data;
  request.n_lines = requests->len;
  request.tender = refund_tenders[gtk_drop_down_get_selected (ret->tender)];
  request.reason = gtk_editable_get_text (GTK_EDITABLE (ret->reason));
  /* Outside the return window: a manager signed in takes responsibility with the check
   * button; for a cashier, a manager approves with their PIN (audited as
   * `permission.override`). The core checks that the one named may. */
  if (approver_id > 0)
    request.override_staff_id = approver_id;
  else if (gtk_check_button_get_active (ret->override))
    request.override_staff_id = td_sell_page_get_staff (self);
  if (!td_store_returns_refund (td_sell_page_get_database (self), &request,
                                td_sell_page_get_staff (self), g_get_real_time (),
                                &refund, &error))
    {
      gboolean may = td_context_staff_can (self->context, TD_PERMISSION_REFUND_OVER_LIMIT);

      gtk_label_set_text (ret->error, error->message);
      if (g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_WINDOW) && may)
        gtk_widget_set_visible (GTK_WIDGET (ret->override), TRUE);
      else if (g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_WINDOW) ||
               g_error_matches (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED))
        needed = TD_OVERRIDE_MASK (TD_PERMISSION_REFUND_OVER_LIMIT);
      if (needed != 0 && approver_id == 0)
        td_override_offer (GTK_WIDGET (window), self->context, _("Not Refunded"), error, needed,
                           refund_again_cb, NULL, NULL);
      return;
    }
  /* Items back on the floor go back online where the sale took them down (queued with the
   * refund): send it now, and say so under the refund receipt. */
  for (guint i = 0; i < refund->lines->len; i++)
    relisted += g_array_index (refund->lines, TdRefundLine, i).relisted;
  if (relisted > 0 && self->context != NULL)
    td_context_kick_sync (self->context);
  path = write_refund_receipt (self, ret->sale, refund, &error);
  gtk_window_destroy (window);
  if (path == NULL)
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  number = td_receipt_number_format (refund->refund_no);
  /* Translators: title of the refund receipt preview; %s is its number */
  title = g_strdup_printf (_("Refund %s"), number);
  if (relisted > 0)
    {
      /* Translators: under the refund receipt; marketplace listings that the sale took down
       * go back up */
      g_autofree char *text = g_strdup_printf (
        ngettext ("Back online: %u listing is published again.",
                  "Back online: %u listings are published again.", relisted),
        relisted);

      online = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (online), TRUE);
      gtk_widget_add_css_class (online, "dim-label");
      gtk_widget_set_name (online, "refund-relisted");
    }
  td_sell_page_show_pdf (self, path, title, online, NULL);
}

static void
open_returns (TdSellPage *self,
              TdSale     *sale)
{
  Returns *ret = g_new0 (Returns, 1);
  GtkWidget *window, *box, *header, *group, *refund, *options;
  g_autofree char *number = td_receipt_number_format (sale->receipt_no);
  /* Translators: title of the returns window; %s is the receipt number */
  g_autofree char *title = g_strdup_printf (_("Return Items of Receipt %s"), number);
  const char *tenders[] = { td_tender_kind_label (TD_TENDER_CASH),
                            td_tender_kind_label (TD_TENDER_CARD), NULL };

  ret->self = g_object_ref (self);
  ret->sale = td_sale_ref (sale);
  ret->checks = g_ptr_array_new ();

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, -1);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_object_weak_ref (G_OBJECT (window), returns_free, ret);
  g_object_set_data (G_OBJECT (window), "td-returns", ret);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  header = adw_header_bar_new ();
  refund = gtk_button_new_with_mnemonic (_("_Refund"));
  gtk_widget_add_css_class (refund, "destructive-action");
  g_signal_connect (refund, "clicked", G_CALLBACK (refund_cb), ret);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), refund);
  gtk_box_append (GTK_BOX (box), header);

  group = adw_preferences_group_new ();
  gtk_widget_set_margin_start (group, 18);
  gtk_widget_set_margin_end (group, 18);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Items brought back"));
  for (guint i = 0; i < sale->lines->len; i++)
    {
      const TdSaleLine *line = &g_array_index (sale->lines, TdSaleLine, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (line->title, -1);
      gint64 paid = 0;
      g_autofree char *amount = NULL;

      td_store_returns_line_paid (sale, i, &paid);
      amount = td_context_format_money (self->context, paid);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line->refunded ? _("Already refunded")
                                                                        : line->sku);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (amount));
      if (line->refunded)
        {
          gtk_widget_set_sensitive (row, FALSE);
          g_ptr_array_add (ret->checks, NULL);
        }
      else
        {
          GtkWidget *check = gtk_check_button_new ();

          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_ptr_array_add (ret->checks, check);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);

  options = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (options, 18);
  gtk_widget_set_margin_end (options, 18);
  gtk_widget_set_margin_bottom (options, 18);
  ret->tender = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (tenders));
  gtk_drop_down_set_selected (ret->tender,
                              td_sale_get_main_tender (sale) == TD_TENDER_CARD ? 1 : 0);
  gtk_box_append (GTK_BOX (options), GTK_WIDGET (ret->tender));
  ret->damaged = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
    _("Items are _damaged (they don’t go back on the floor)")));
  gtk_box_append (GTK_BOX (options), GTK_WIDGET (ret->damaged));
  ret->override = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
    _("_Manager override: refund after the return period")));
  gtk_widget_set_visible (GTK_WIDGET (ret->override), FALSE);
  gtk_box_append (GTK_BOX (options), GTK_WIDGET (ret->override));
  ret->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (ret->reason, _("Reason"));
  gtk_box_append (GTK_BOX (options), GTK_WIDGET (ret->reason));
  ret->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (ret->error, TRUE);
  gtk_label_set_xalign (ret->error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (ret->error), "error");
  gtk_box_append (GTK_BOX (options), GTK_WIDGET (ret->error));
  gtk_box_append (GTK_BOX (box), options);

  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (td_sell_page_focus_scan), self);
  gtk_window_present (GTK_WINDOW (window));
}

/* Returns from the sale whose receipt was shown last (the preview's "Return Items…"). */
void
td_sell_page_return_last (TdSellPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;

  if (self->last_sale == NULL)
    return;
  /* Read it again: a line may have been refunded since. */
  sale = td_store_sales_get (td_sell_page_get_database (self), self->last_sale->id, &error);
  if (sale == NULL)
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  g_clear_pointer (&self->receipt_dialog, gtk_window_destroy);
  open_returns (self, sale);
}

static void
return_last_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  td_sell_page_return_last (TD_SELL_PAGE (widget));
}

/* The till ---------------------------------------------------------------------------------- */

static void
till_open_form (TdSellPage *self,
                const char *response,
                const char *amount_text,
                const char *unused)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = 0, session_id = 0;

  if (!parse_money (self, amount_text, &amount, &error) ||
      !td_store_till_open (td_sell_page_get_database (self), self->register_id, amount,
                           td_sell_page_get_staff (self),
                           g_get_real_time (), &session_id, &error))
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  td_sell_page_show_message (self, NULL);
  td_sell_page_toast (self, _("Till opened"));
}

static void
till_open_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_form (TD_SELL_PAGE (widget), _("Open the Till"),
            _("Count the float in the drawer before the first sale."),
            _("Float"), NULL, NULL, till_open_form, "open", _("_Open Till"), NULL);
}

static void till_move_form (TdSellPage *self,
                            const char *response,
                            const char *amount_text,
                            const char *reason);

/* A manager approved the paid in/out with their PIN: once more, as typed. */
static void
till_move_again_cb (GtkWidget *owner,
                    gint64     approver_id,
                    gpointer   user_data)
{
  char **form = user_data;

  till_move_form (TD_SELL_PAGE (owner), form[0], form[1], form[2]);
}

static void
till_move_form (TdSellPage *self,
                const char *response,
                const char *amount_text,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = 0;
  TdTillMoveKind kind = g_str_equal (response, "in") ? TD_TILL_PAID_IN : TD_TILL_PAID_OUT;

  if (!parse_money (self, amount_text, &amount, &error) ||
      !td_store_till_move (td_sell_page_get_database (self), self->register_id, kind, amount,
                           reason, td_sell_page_get_staff (self), g_get_real_time (),
                           &error))
    {
      td_sell_page_show_message (self, error->message);
      if (g_error_matches (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED))
        td_override_offer (GTK_WIDGET (self), self->context, _("Till Not Changed"), error,
                           TD_OVERRIDE_MASK (TD_PERMISSION_OPEN_DRAWER), till_move_again_cb,
                           g_strdupv ((char *[]) { (char *) response, (char *) amount_text,
                                                   (char *) (reason ? reason : ""), NULL }),
                           (GDestroyNotify) g_strfreev);
      return;
    }
  td_sell_page_show_message (self, NULL);
  td_sell_page_toast (self, kind == TD_TILL_PAID_IN ? _("Paid in") : _("Paid out"));
}

static void
till_move_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_form (TD_SELL_PAGE (widget), _("Paid In or Out"),
            _("Cash put into or taken out of the drawer besides sales, with the reason."),
            _("Amount"), NULL, _("Reason"), till_move_form,
            "out", _("Paid _Out"), "in", _("Paid _In"), NULL);
}

static char *
write_zreport (TdSellPage       *self,
               const TdZReport  *z,
               GError          **error)
{
  TdDatabase *db = td_sell_page_get_database (self);
  g_autofree char *shop_name = td_store_settings_dup (db, TD_SETTING_SHOP_NAME, NULL);
  g_autofree char *session = g_strdup_printf ("#%" G_GINT64_FORMAT, z->session_id);
  g_autofree char *opened = td_sell_page_format_time (z->opened_at, _("%d %b %Y, %H:%M"));
  g_autofree char *closed = td_sell_page_format_time (z->closed_at, _("%d %b %Y, %H:%M"));
  g_autofree char *name = g_strdup_printf ("z-report-%s-%" G_GINT64_FORMAT ".pdf",
                                           z->register_id, z->session_id);
  g_autofree char *path = NULL;
  TdReceiptTender tenders[TD_N_TENDERS];
  TdZReportDoc doc = { 0 };
  TdMoneyFormat fmt;
  guint n = 0;

  for (int kind = 0; kind < TD_N_TENDERS; kind++)
    if (z->by_tender[kind] != 0 || kind == TD_TENDER_CASH)
      {
        tenders[n].label = td_tender_kind_label (kind);
        tenders[n].amount = z->by_tender[kind];
        tenders[n].is_cash = kind == TD_TENDER_CASH;
        n++;
      }
  td_money_format_init_current (&fmt);
  doc.shop_name = shop_name;
  doc.register_name = z->register_id;
  doc.session = session;
  doc.opened = opened;
  doc.closed = closed;
  doc.n_sales = (guint) z->n_sales;
  doc.n_refunds = (guint) z->n_refunds;
  doc.tenders = tenders;
  doc.n_tenders = n;
  doc.refunds = z->refunds;
  doc.discounts = z->discounts;
  doc.tax = z->tax;
  doc.opening_float = z->float_amount;
  doc.paid_in = z->paid_in;
  doc.paid_out = z->paid_out + z->payouts;
  doc.expected_cash = z->cash_expected;
  doc.counted_cash = z->counted_cash;
  doc.currency = td_context_get_currency (self->context);
  doc.money_format = &fmt;

  path = td_sell_page_documents_path (name, error);
  if (path == NULL || !td_zreport_write_pdf (&doc, TD_RECEIPT_ROLL_80, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static void
till_close_form (TdSellPage *self,
                 const char *response,
                 const char *amount_text,
                 const char *unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 counted = 0;
  TdZReport z = { 0 };

  if (!parse_money (self, amount_text, &counted, &error) ||
      !td_store_till_close (td_sell_page_get_database (self), self->register_id, counted,
                            td_sell_page_get_staff (self),
                            g_get_real_time (), &z, &error) ||
      (path = write_zreport (self, &z, &error)) == NULL)
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  td_sell_page_show_message (self, NULL);
  td_sell_page_show_pdf (self, path, _("Z Report"), NULL, NULL);
}

static void
till_close_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ask_form (TD_SELL_PAGE (widget), _("Close the Till"),
            _("Count the cash in the drawer, float included. The Z report compares it with "
              "what the till expects."),
            _("Counted cash"), NULL, NULL, till_close_form, "close", _("_Close Till"), NULL);
}

/* The receipt printer and the drawer ------------------------------------------------------------ */

static void
printer_form (TdSellPage *self,
              const char *response,
              const char *printer,
              const char *unused)
{
  g_autofree char *value = g_strstrip (g_strdup (printer));
  GSettings *settings = td_context_get_settings (self->context);

  if (settings == NULL)
    {
      td_sell_page_show_message (self, _("This counter’s preferences can’t be saved: the "
                                         "program is not installed completely."));
      return;
    }
  g_settings_set_string (settings, "receipt-printer", value);
  if (g_str_equal (response, "test") && value[0] != '\0')
    {
      g_autoptr(GBytes) kick = td_escpos_drawer_kick ();

      td_sell_page_send_to_printer (self, kick, _("The receipt printer answered"));
    }
}

static void
printer_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  g_autofree char *printer = td_sell_page_dup_setting (self, "receipt-printer");

  ask_form (self, _("Receipt Printer"),
            _("A thermal receipt printer speaking ESC/POS: a USB printer’s device, such as "
              "/dev/usb/lp0, or a network printer’s address, such as 192.168.1.50 (port 9100). "
              "Leave empty to print through the system’s print dialog."),
            _("Device or address"), printer, NULL, printer_form,
            "test", _("Save and Open _Drawer"), "save", _("_Save"), NULL);
}

static void open_drawer_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);

static void
open_drawer_again_cb (GtkWidget *owner,
                      gint64     approver_id,
                      gpointer   user_data)
{
  open_drawer_action (owner, NULL, NULL);
}

static void
open_drawer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  g_autoptr(GBytes) kick = NULL;
  g_autoptr(GError) error = NULL;

  /* Checked (a cashier's refused, a manager may approve) and audited in the store before the
   * drawer opens. */
  if (!td_store_till_no_sale (td_sell_page_get_database (self), self->register_id,
                              td_sell_page_get_staff (self), g_get_real_time (), &error))
    {
      td_sell_page_show_message (self, error->message);
      if (g_error_matches (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED))
        td_override_offer (widget, self->context, _("Drawer Not Opened"), error,
                           TD_OVERRIDE_MASK (TD_PERMISSION_OPEN_DRAWER), open_drawer_again_cb,
                           NULL, NULL);
      return;
    }
  kick = td_escpos_drawer_kick ();
  td_sell_page_send_to_printer (self, kick, _("Drawer opened"));
}

void
td_sell_page_install_more_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sell.open-receipt", NULL, open_receipt_action);
  gtk_widget_class_install_action (widget_class, "sell.return-last", NULL, return_last_action);
  gtk_widget_class_install_action (widget_class, "sell.till-open", NULL, till_open_action);
  gtk_widget_class_install_action (widget_class, "sell.till-move", NULL, till_move_action);
  gtk_widget_class_install_action (widget_class, "sell.till-close", NULL, till_close_action);
  gtk_widget_class_install_action (widget_class, "sell.printer", NULL, printer_action);
  gtk_widget_class_install_action (widget_class, "sell.open-drawer", NULL, open_drawer_action);
}
