/* td-sell-page-cart.c — the commands on the cart: line and cart discounts (amount or %, with
 * a reason), void a line, cancel the sale, park the cart and recall it.
 *
 * Each is one call into the core (TdCart, td-store-sales.h), which audits what it must; its
 * refusals show under the scan field and the focus goes back there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "td-sell-page-private.h"
#include "td-store-sales.h"

/* Asking for an amount ------------------------------------------------------------------------ */

typedef void (*AmountFunc) (TdSellPage *self,
                            gint64      amount,
                            int         percent_bp,
                            const char *reason);

typedef struct
{
  TdSellPage *self;
  GtkEntry   *amount;
  GtkEntry   *reason;
  AmountFunc  func;
} AmountAsk;

static void
amount_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AmountAsk        *ask)
{
  TdSellPage *self = ask->self;

  if (g_str_equal (response, "apply"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->amount))));
      const char *reason = gtk_editable_get_text (GTK_EDITABLE (ask->reason));
      gint64 amount = 0;
      int percent_bp = 0;
      TdMoneyFormat fmt;

      td_money_format_init_current (&fmt);
      if (g_str_has_suffix (text, "%"))
        {
          double percent = g_ascii_strtod (text, NULL);

          percent_bp = (int) (percent * 100 + 0.5);
          if (percent_bp <= 0 || percent_bp > 10000)
            /* xgettext:no-c-format */
            td_sell_page_show_message (self, _("A percentage discount is between 0 and 100 %."));
          else
            ask->func (self, 0, percent_bp, reason);
        }
      else if (text[0] == '\0' ||
               td_money_parse (text, td_context_get_currency (self->context), &fmt, &amount,
                               &error))
        ask->func (self, amount, 0, reason);
      else
        td_sell_page_show_message (self, error->message);
    }
  g_object_unref (ask->self);
  g_free (ask);
  td_sell_page_focus_scan (self);
}

static void
ask_amount (TdSellPage *self,
            const char *heading,
            const char *body,
            AmountFunc  func)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  AmountAsk *ask = g_new0 (AmountAsk, 1);

  ask->self = g_object_ref (self);
  ask->func = func;
  ask->amount = GTK_ENTRY (gtk_entry_new ());
  ask->reason = GTK_ENTRY (gtk_entry_new ());
  /* xgettext:no-c-format */
  gtk_entry_set_placeholder_text (ask->amount, _("Amount, or a percentage like 10 %"));
  gtk_entry_set_placeholder_text (ask->reason, _("Reason"));
  gtk_entry_set_activates_default (ask->amount, TRUE);
  gtk_entry_set_activates_default (ask->reason, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->amount));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->reason));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (amount_response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (ask->amount));
}

static void
apply_line_discount (TdSellPage *self,
                     gint64      amount,
                     int         percent_bp,
                     const char *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 item_id = td_sell_page_get_selected_item (self);
  guint position;
  const TdCartLine *line = td_cart_find_item (self->cart, item_id, &position);

  if (line == NULL)
    return;
  if (percent_bp > 0)
    amount = (line->list_price * percent_bp + 5000) / 10000;
  if (!td_cart_set_line_discount (self->cart, item_id, amount, reason, &error))
    td_sell_page_show_message (self, error->message);
  else
    td_sell_page_show_message (self, NULL);
  td_sell_page_refresh (self);
}

static void
apply_cart_discount (TdSellPage *self,
                     gint64      amount,
                     int         percent_bp,
                     const char *reason)
{
  g_autoptr(GError) error = NULL;

  if (!td_cart_set_cart_discount (self->cart, amount, percent_bp, reason, &error))
    td_sell_page_show_message (self, error->message);
  else
    td_sell_page_show_message (self, NULL);
  td_sell_page_refresh (self);
}

/* Actions -------------------------------------------------------------------------------------- */

static void
line_discount_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  const TdCartLine *line = td_cart_find_item (self->cart, td_sell_page_get_selected_item (self), NULL);
  g_autofree char *body = NULL;

  if (line == NULL)
    return;
  /* Translators: %s is an item's title */
  body = g_strdup_printf (_("Taken off “%s”. An empty amount removes the discount."), line->title);
  ask_amount (self, _("Line Discount"), body, apply_line_discount);
}

static void
cart_discount_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ask_amount (TD_SELL_PAGE (widget), _("Cart Discount"),
              _("Shared over every line of the cart. An empty amount removes the discount."),
              apply_cart_discount);
}

static void
void_item (TdSellPage *self,
           gint64      item_id)
{
  g_autoptr(GError) error = NULL;

  if (item_id == 0)
    return;
  if (!td_store_sales_void_line (td_sell_page_get_database (self), self->cart, item_id,
                                 td_sell_page_get_staff (self),
                                 g_get_real_time (), &error))
    td_sell_page_show_message (self, error->message);
  else
    td_sell_page_show_message (self, NULL);
  td_sell_page_refresh (self);
  td_sell_page_focus_scan (self);
}

static void
void_line_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);

  void_item (self, td_sell_page_get_selected_item (self));
}

static void
void_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  void_item (TD_SELL_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdSellPage       *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "cancel-sale") &&
      !td_store_sales_cancel (td_sell_page_get_database (self), self->cart,
                              td_sell_page_get_staff (self), g_get_real_time (),
                              &error))
    td_sell_page_show_message (self, error->message);
  td_sell_page_refresh (self);
  td_sell_page_focus_scan (self);
  g_object_unref (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Cancel This Sale?"),
                                   _("Every line is taken off the cart; the items stay on the "
                                     "floor. Nothing was paid yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Selling"),
                                    "cancel-sale", _("C_ancel Sale"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-sale",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (cancel_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
park_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *label = g_date_time_format (now, "%H:%M");
  gint64 parked_id = 0;

  if (!td_store_sales_park (td_sell_page_get_database (self), self->register_id, self->cart,
                            label, td_sell_page_get_staff (self), g_get_real_time (),
                            &parked_id, &error))
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  td_cart_clear (self->cart);
  td_sell_page_show_message (self, NULL);
  td_sell_page_refresh (self);
  td_sell_page_focus_scan (self);
}

static void
recall (TdSellPage *self,
        gint64      parked_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dropped = NULL;

  if (!td_store_sales_recall (td_sell_page_get_database (self), parked_id, self->cart,
                              &self->rules, g_get_real_time (), &dropped, &error))
    td_sell_page_show_message (self, error->message);
  else if (dropped != NULL && dropped->len > 0)
    {
      g_ptr_array_add (dropped, NULL);
      {
        g_autofree char *list = g_strjoinv ("; ", (char **) dropped->pdata);

        td_sell_page_show_message (self, list);
      }
    }
  else
    td_sell_page_show_message (self, NULL);
  td_sell_page_refresh (self);
  td_sell_page_focus_scan (self);
}

static void
recall_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdSellPage       *self)
{
  if (g_str_has_prefix (response, "parked-"))
    recall (self, g_ascii_strtoll (response + strlen ("parked-"), NULL, 10));
  td_sell_page_focus_scan (self);
  g_object_unref (self);
}

static void
recall_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parked = td_store_sales_list_parked (td_sell_page_get_database (self),
                                                         self->register_id, &error);
  GtkWidget *dialog;

  if (parked == NULL)
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  if (parked->len == 0)
    {
      td_sell_page_show_message (self, _("No cart is parked on this register."));
      return;
    }
  if (parked->len == 1)
    {
      recall (self, g_array_index (parked, TdParkedCart, 0).id);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Recall a Parked Cart"), NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  for (guint i = 0; i < parked->len && i < 6; i++)
    {
      const TdParkedCart *p = &g_array_index (parked, TdParkedCart, i);
      g_autofree char *id = g_strdup_printf ("parked-%" G_GINT64_FORMAT, p->id);
      g_autofree char *total = td_context_format_money (self->context, p->total);
      /* Translators: a parked cart: when it was parked (label), items, total */
      g_autofree char *label = g_strdup_printf (ngettext ("%s — %u item, %s", "%s — %u items, %s",
                                                          p->n_items),
                                                p->label ? p->label : "", p->n_items, total);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
    }
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DEFAULT);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (recall_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
td_sell_page_install_cart_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sell.park", NULL, park_action);
  gtk_widget_class_install_action (widget_class, "sell.recall", NULL, recall_action);
  gtk_widget_class_install_action (widget_class, "sell.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "sell.void-line", NULL, void_line_action);
  gtk_widget_class_install_action (widget_class, "sell.void-item", "x", void_item_action);
  gtk_widget_class_install_action (widget_class, "sell.line-discount", NULL,
                                   line_discount_action);
  gtk_widget_class_install_action (widget_class, "sell.cart-discount", NULL,
                                   cart_discount_action);
}
