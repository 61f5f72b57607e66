/* td-sell-page.c — the counter: the scan field, the cart and its totals, and the commands on
 * the cart (discounts, void, park, recall, cancel).
 *
 * The scan field keeps the keyboard focus: USB scanners "type" the code and Enter, so after
 * every command, dialog and click the focus comes back to it. A refusal (unknown code, an item
 * already sold or in the cart) is shown in words right under the field, never in a dialog that
 * would swallow the next scan. All the shop logic is the core's (TdCart, td-store-sales.h);
 * this file shows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-receipt-token.h"
#include "td-sell-page-private.h"
#include "td-store-pricing.h"
#include "td-store-sales.h"

G_DEFINE_FINAL_TYPE (TdSellPage, td_sell_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TdDatabase *
td_sell_page_get_database (TdSellPage *self)
{
  g_assert (TD_IS_SELL_PAGE (self));

  return self->context ? td_context_get_database (self->context) : NULL;
}

/* Who is signed in at the counter (the lock screen's choice); 0 for nobody. */
gint64
td_sell_page_get_staff (TdSellPage *self)
{
  return self->context ? td_context_get_staff_id (self->context) : 0;
}

void
td_sell_page_focus_scan (TdSellPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

/* A refusal in words under the scan field; %NULL hides it. */
void
td_sell_page_show_message (TdSellPage *self,
                           const char *message)
{
  gboolean show = message != NULL && message[0] != '\0';

  if (show)
    gtk_label_set_text (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, show);
}

static char *
money (TdSellPage *self,
       gint64      amount)
{
  return td_context_format_money (self->context, amount);
}

/* Cart rows --------------------------------------------------------------------------------- */

static GtkWidget *
line_row_new (TdSellPage       *self,
              const TdCartLine *line)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *prices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *price;
  GtkWidget *remove;
  g_autofree char *price_text = money (self, line->price);
  g_autofree char *title = g_markup_escape_text (line->title ? line->title : "", -1);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (line->grade_label != NULL && line->grade_label[0] != '\0')
    g_string_append_printf (subtitle, "%s · ", line->grade_label);
  g_string_append (subtitle, line->sku ? line->sku : "");
  if (line->list_price < line->original_price)
    {
      g_autofree char *ticket = money (self, line->original_price);

      /* Translators: a markdown in the cart: the ticket price before it */
      g_string_append_printf (subtitle, " · ");
      g_string_append_printf (subtitle, _("marked down from %s"), ticket);
    }
  if (line->line_discount > 0)
    {
      g_autofree char *amount = money (self, line->line_discount);

      g_string_append (subtitle, " · ");
      if (line->discount_reason != NULL && line->discount_reason[0] != '\0')
        /* Translators: a line discount in the cart and its reason */
        g_string_append_printf (subtitle, _("−%s (%s)"), amount, line->discount_reason);
      else
        g_string_append_printf (subtitle, "−%s", amount);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  price = gtk_label_new (price_text);
  gtk_widget_add_css_class (price, "title-4");
  gtk_widget_add_css_class (price, "numeric");
  gtk_label_set_xalign (GTK_LABEL (price), 1);
  gtk_box_append (GTK_BOX (prices), price);
  if (line->price < line->original_price)
    {
      g_autofree char *ticket = money (self, line->original_price);
      g_autofree char *markup = g_strdup_printf ("<s>%s</s>", ticket);
      GtkWidget *was = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (was), markup);
      gtk_label_set_xalign (GTK_LABEL (was), 1);
      gtk_widget_add_css_class (was, "dim-label");
      gtk_widget_add_css_class (was, "caption");
      gtk_box_append (GTK_BOX (prices), was);
    }
  gtk_widget_set_valign (prices, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), prices);

  remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (remove, FALSE);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Void this line"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "sell.void-item");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", line->item_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "item", g_memdup2 (&line->item_id, sizeof (gint64)),
                          g_free);
  return row;
}

/* The line chosen in the cart, or the line scanned last (the one a cashier usually means). */
gint64
td_sell_page_get_selected_item (TdSellPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->cart_list);
  guint n = td_cart_get_n_lines (self->cart);
  gint64 *id;

  if (row != NULL && (id = g_object_get_data (G_OBJECT (row), "item")) != NULL)
    return *id;
  return n > 0 ? td_cart_get_line (self->cart, n - 1)->item_id : 0;
}

static void
update_actions (TdSellPage *self)
{
  gboolean ready = self->cart != NULL;
  gboolean has_lines = ready && td_cart_get_n_lines (self->cart) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.pay", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.park", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.cancel", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.void-line", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.line-discount", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.cart-discount", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.recall", ready && !has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.reprint-last", ready);
}

/* Rebuilds the cart list and the totals from the cart. */
void
td_sell_page_refresh (TdSellPage *self)
{
  TdCartTotals totals = { 0 };
  GtkWidget *child;
  guint n;

  g_assert (TD_IS_SELL_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cart_list))) != NULL)
    gtk_list_box_remove (self->cart_list, child);
  n = self->cart ? td_cart_get_n_lines (self->cart) : 0;
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->cart_list, line_row_new (self, td_cart_get_line (self->cart, i)));
  gtk_stack_set_visible_child_name (self->cart_stack, n > 0 ? "cart" : "empty");

  if (self->cart != NULL)
    td_cart_get_totals (self->cart, &totals);
  if (self->context != NULL)
    {
      g_autofree char *subtotal = money (self, totals.subtotal);
      g_autofree char *discount = money (self, -totals.discount);
      g_autofree char *tax = money (self, totals.tax);
      g_autofree char *total = money (self, totals.total);
      g_autofree char *count = NULL;
      const char *reason = self->cart ? td_cart_get_cart_discount_reason (self->cart) : NULL;
      const TdCounterConfig *config = self->cart ? td_cart_get_config (self->cart) : NULL;

      gtk_label_set_text (self->subtotal_label, subtotal);
      gtk_label_set_text (self->discount_label, discount);
      gtk_label_set_text (self->tax_label, tax);
      gtk_label_set_text (self->total_label, total);
      if (reason != NULL && reason[0] != '\0')
        {
          /* Translators: the discounts in the totals panel, with the cart discount's reason */
          g_autofree char *title = g_strdup_printf (_("Discounts (%s)"), reason);

          gtk_label_set_text (self->discount_title, title);
        }
      else
        gtk_label_set_text (self->discount_title, _("Discounts"));
      gtk_label_set_text (self->tax_title, config && config->tax_inclusive ? _("Tax included")
                                                                           : _("Tax"));
      count = g_strdup_printf (ngettext ("%u item", "%u items", n), n);
      gtk_label_set_text (self->count_label, count);
    }
  update_actions (self);
}

/**
 * td_sell_page_scan:
 * @self: the page
 * @code: what the scanner typed: a SKU, a tag's QR payload
 *
 * Adds the item to the cart, or shows the core's refusal under the scan field.
 *
 * Returns: %TRUE when a line was added
 */
gboolean
td_sell_page_scan (TdSellPage *self,
                   const char *code)
{
  g_autoptr(GError) error = NULL;
  const TdCartLine *line = NULL;
  TdDatabase *db;

  g_return_val_if_fail (TD_IS_SELL_PAGE (self), FALSE);

  db = td_sell_page_get_database (self);
  if (db == NULL || self->cart == NULL)
    return FALSE;
  td_sell_page_hide_search (self);
  if (!td_store_sales_scan (db, self->cart, &self->rules, code, g_get_real_time (), &line,
                            &error))
    {
      /* Words rather than a code ("blue wool coat"): the available items they find. */
      if (g_error_matches (error, TD_SALE_ERROR, TD_SALE_ERROR_UNKNOWN_CODE) &&
          td_sell_page_search (self, code))
        {
          td_sell_page_show_message (self, NULL);
          return FALSE;
        }
      td_sell_page_show_message (self, error->message);
      return FALSE;
    }
  td_sell_page_show_message (self, NULL);
  td_sell_page_refresh (self);
  return TRUE;
}

static void
scan_activate_cb (TdSellPage *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scan_entry))));

  if (code[0] == '\0')
    {
      /* Enter on an empty field with a cart: the cashier wants to pay. */
      if (self->cart != NULL && td_cart_get_n_lines (self->cart) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self), "sell.pay", NULL);
      return;
    }
  /* A receipt's QR code at the counter opens that receipt (reprint, returns). */
  if (td_receipt_token_looks_like (code))
    {
      td_sell_page_open_receipt_code (self, code);
      gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
      return;
    }
  if (td_sell_page_scan (self, code))
    gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
  else
    gtk_editable_select_region (GTK_EDITABLE (self->scan_entry), 0, -1);
}

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  td_sell_page_open_tender (TD_SELL_PAGE (widget));
}

static void
reprint_last_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  TdLastSale last;
  gboolean found = FALSE;

  if (!td_store_sales_last (td_sell_page_get_database (self), self->register_id, &last, &found,
                            &error))
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  if (!found)
    {
      td_sell_page_show_message (self, _("No sale has been completed on this register yet."));
      return;
    }
  sale = td_store_sales_get (td_sell_page_get_database (self), last.sale_id, &error);
  if (sale == NULL)
    td_sell_page_show_message (self, error->message);
  else
    td_sell_page_show_receipt (self, sale);
}

static void
banner_reprint_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = td_store_sales_get (td_sell_page_get_database (self),
                                               self->banner_sale_id, &error);

  if (sale == NULL)
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  td_sell_page_show_receipt (self, sale);
}

static void
banner_dismiss_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdSellPage *self = TD_SELL_PAGE (widget);

  td_sell_page_acknowledge (self, self->banner_sale_id);
  td_sell_page_focus_scan (self);
}

/* The page ----------------------------------------------------------------------------------- */

TdContext *
td_sell_page_get_context (TdSellPage *self)
{
  g_return_val_if_fail (TD_IS_SELL_PAGE (self), NULL);

  return self->context;
}

static void
load_shop (TdSellPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(TdCounterConfig) config;
  TdDatabase *db = td_sell_page_get_database (self);

  td_counter_config_init (&config);
  g_clear_object (&self->cart);
  if (self->rules_loaded)
    td_pricing_rules_clear (&self->rules);
  td_pricing_rules_init (&self->rules);
  self->rules_loaded = TRUE;
  if (db == NULL)
    return;
  if (!td_store_sales_load_config (db, &config, &error) ||
      !td_store_pricing_load_rules (db, &self->rules, &error))
    {
      g_warning ("Counter settings: %s", error->message);
      td_sell_page_show_message (self, error->message);
      return;
    }
  self->cart = td_cart_new (&config);
  td_sell_page_check_last_sale (self);
}

static gboolean
focus_idle_cb (gpointer user_data)
{
  TdSellPage *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    td_sell_page_focus_scan (self);
  return G_SOURCE_REMOVE;
}

/* Someone signed in: the counter is ready for the next scan (after the lock screen went). */
static void
staff_changed_cb (TdSellPage *self)
{
  if (td_sell_page_get_staff (self) != 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_idle_cb, g_object_ref (self), g_object_unref);
}

static void
shop_changed_cb (TdSellPage *self)
{
  load_shop (self);
  td_sell_page_refresh (self);
}

void
td_sell_page_set_context (TdSellPage *self,
                          TdContext  *context)
{
  g_return_if_fail (TD_IS_SELL_PAGE (self));
  g_return_if_fail (context == NULL || TD_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      g_signal_connect_swapped (context, "shop-changed", G_CALLBACK (shop_changed_cb), self);
      g_signal_connect_swapped (context, "notify::staff-id", G_CALLBACK (staff_changed_cb), self);
    }
  load_shop (self);
  td_sell_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
td_sell_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (td_sell_page_parent_class)->map (widget);
  td_sell_page_focus_scan (TD_SELL_PAGE (widget));
}

static void
td_sell_page_dispose (GObject *object)
{
  TdSellPage *self = (TdSellPage *)object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tender_dialog, gtk_window_destroy);
  g_clear_pointer (&self->receipt_dialog, gtk_window_destroy);
  g_clear_object (&self->context);
  g_clear_object (&self->cart);
  g_clear_pointer (&self->last_sale, td_sale_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_SELL_PAGE);

  G_OBJECT_CLASS (td_sell_page_parent_class)->dispose (object);
}

static void
td_sell_page_finalize (GObject *object)
{
  TdSellPage *self = (TdSellPage *)object;

  if (self->rules_loaded)
    td_pricing_rules_clear (&self->rules);
  g_free (self->register_id);

  G_OBJECT_CLASS (td_sell_page_parent_class)->finalize (object);
}

static void
td_sell_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TdSellPage *self = TD_SELL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_sell_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TdSellPage *self = TD_SELL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      td_sell_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_sell_page_class_init (TdSellPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_sell_page_dispose;
  object_class->finalize = td_sell_page_finalize;
  object_class->get_property = td_sell_page_get_property;
  object_class->set_property = td_sell_page_set_property;
  widget_class->map = td_sell_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, TD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/td-sell-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, search_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, search_list);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, cart_stack);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, cart_list);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, subtotal_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, discount_title);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, discount_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, tax_title);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, tax_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TdSellPage, pay_button);

  gtk_widget_class_install_action (widget_class, "sell.pay", NULL, pay_action);
  gtk_widget_class_install_action (widget_class, "sell.reprint-last", NULL, reprint_last_action);
  gtk_widget_class_install_action (widget_class, "sell.banner-reprint", NULL,
                                   banner_reprint_action);
  gtk_widget_class_install_action (widget_class, "sell.banner-dismiss", NULL,
                                   banner_dismiss_action);
  td_sell_page_install_cart_actions (widget_class);
  td_sell_page_install_more_actions (widget_class);
  td_sell_page_install_extra_actions (widget_class);

  /* The counter's shortcuts, all here; resources/ui/help-overlay.ui lists them. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "sell.pay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sell.line-discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "sell.cart-discount", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "sell.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "sell.park", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F7, 0, "sell.recall", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "sell.gift-card-issue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK,
                                       "sell.gift-card-top-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_CONTROL_MASK,
                                       "sell.gift-card-balance", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "sell.buy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "sell.void-line", NULL);
}

static void
td_sell_page_init (TdSellPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->register_id = g_strdup (TD_REGISTER_DEFAULT);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->scan_entry, "activate", G_CALLBACK (scan_activate_cb), self);
  td_sell_page_setup_search (self);
  td_sell_page_refresh (self);
}
