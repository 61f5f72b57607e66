/* td-consignors-page-expiry.c — items past their consignment period, and what is done with
 * them: as each consignor agreed, or returned, donated or kept as shop stock for all chosen.
 *
 * The store does all of a selection or nothing (td_store_expiry_apply()); when it refuses,
 * each refused item is named in plain words and nothing changed. After a donation the page
 * offers the donation list PDF the shop keeps for its records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-consignors-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-consignors-page-private.h"
#include "td-donation-list.h"
#include "td-store.h"

#define ITEM_KEY "td-expired-index"

typedef struct
{
  GtkWidget *check;
  gint64     item_id;
  guint      index;
} ExpiryRow;

static void
expired_item_clear (gpointer data)
{
  TdExpiredItem *item = data;

  g_clear_pointer (&item->sku, g_free);
  g_clear_pointer (&item->title, g_free);
  g_clear_pointer (&item->consignor_code, g_free);
  g_clear_pointer (&item->consignor_name, g_free);
}

static GArray *
listed_items (TdConsignorsPage *self)
{
  return g_object_get_data (G_OBJECT (self->expiry_list), "td-expired-items");
}

static GtkWidget *
expiry_row_new (TdConsignorsPage    *self,
                const TdExpiredItem *item,
                guint                index,
                gint64               now_us)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *price = td_context_format_money (self->context, item->price);
  g_autofree char *days_text = NULL;
  gint64 days = (now_us - item->expires_at) / (G_USEC_PER_SEC * (gint64) 86400);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *price_label = gtk_label_new (price);

  title = g_markup_printf_escaped ("%s  %s", item->sku, item->title);
  /* i18n: %d, not G_GINT64_FORMAT, which xgettext can't expand (the msgid would be lost) */
  if (days < 1)
    days_text = g_strdup (_("expired today"));
  else
    /* Translators: how long an item is past its consignment period */
    days_text = g_strdup_printf (ngettext ("%d day over", "%d days over", (gulong) days),
                                 (int) MIN (days, G_MAXINT));
  /* Translators: under an expired item: consignor code and name, days over their period,
   * what the consignor agreed ("as agreed: donate") */
  subtitle = g_markup_printf_escaped (_("%s %s · %s · as agreed: %s"), item->consignor_code,
                                      item->consignor_name, days_text,
                                      td_consignors_expiry_action_label (item->action, FALSE));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_add_css_class (price_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), price_label);
  g_object_set_data (G_OBJECT (row), "td-check", check);
  g_object_set_data (G_OBJECT (row), ITEM_KEY, GUINT_TO_POINTER (index + 1));
  return row;
}

/**
 * td_consignors_page_reload_expiry:
 *
 * Lists the items due for expiry now and counts them on the toggle.
 */
void
td_consignors_page_reload_expiry (TdConsignorsPage *self)
{
  g_autoptr(GArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *status = NULL;
  GtkWidget *child;
  gint64 now_us = g_get_real_time ();

  g_assert (TD_IS_CONSIGNORS_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->expiry_list))) != NULL)
    gtk_list_box_remove (self->expiry_list, child);
  g_object_set_data (G_OBJECT (self->expiry_list), "td-expired-items", NULL);
  gtk_check_button_set_active (self->select_all_check, FALSE);

  if (!td_store_expiry_list (td_context_get_database (self->context), now_us,
                             TD_CONSIGNORS_EXPIRY_LIMIT, &items, &error))
    {
      g_warning ("Listing expired items failed: %s", error->message);
      gtk_button_set_label (GTK_BUTTON (self->expiry_toggle), _("Due for _Expiry"));
      gtk_label_set_text (self->expiry_status, _("The items due for expiry could not be read."));
      return;
    }

  /* Rows are built only while the list is on screen: the count on the toggle is all the
   * consignors view needs, and a window opens faster without 500 hidden rows. */
  if (gtk_toggle_button_get_active (self->expiry_toggle))
    for (guint i = 0; i < items->len; i++)
      gtk_list_box_append (self->expiry_list,
                           expiry_row_new (self, &g_array_index (items, TdExpiredItem, i), i,
                                           now_us));

  if (items->len >= TD_CONSIGNORS_EXPIRY_LIMIT)
    {
      /* Translators: the toggle of the expiry list when more than %u items are due */
      label = g_strdup_printf (_("Due for _Expiry (%u+)"), items->len);
      status = g_strdup_printf (_("The %u items that expired first. Deal with them and the next "
                                  "ones show."), items->len);
    }
  else
    {
      /* Translators: the toggle of the expiry list; %u is how many items are due */
      label = g_strdup_printf (_("Due for _Expiry (%u)"), items->len);
      if (items->len == 0)
        status = g_strdup (_("No item is past its consignment period."));
      else
        status = g_strdup (_("Items past their consignment period. Choose some, then do what "
                             "each consignor agreed, or return, donate or keep them."));
    }
  gtk_button_set_label (GTK_BUTTON (self->expiry_toggle), label);
  gtk_label_set_text (self->expiry_status, status);
  g_object_set_data_full (G_OBJECT (self->expiry_list), "td-expired-items",
                          g_steal_pointer (&items), (GDestroyNotify) g_array_unref);
}

/**
 * td_consignors_page_dup_checked_expiry:
 *
 * Returns: (transfer full) (element-type guint): indexes into the listed items of those ticked
 */
GArray *
td_consignors_page_dup_checked_expiry (TdConsignorsPage *self)
{
  GArray *checked = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->expiry_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "td-check");
      guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), ITEM_KEY));

      if (check != NULL && index > 0 && gtk_check_button_get_active (check))
        {
          index--;
          g_array_append_val (checked, index);
        }
    }
  return checked;
}

static void
select_all_toggled_cb (TdConsignorsPage *self)
{
  gboolean active = gtk_check_button_get_active (self->select_all_check);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->expiry_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "td-check");

      if (check != NULL)
        gtk_check_button_set_active (check, active);
    }
}

static gboolean
parse_action (const char     *text,
              TdExpiryAction *action)
{
  if (g_strcmp0 (text, "agreed") == 0)
    {
      *action = TD_EXPIRY_ACTION_SHOP_DEFAULT;
      return TRUE;
    }
  return td_expiry_action_from_string (text, action);
}

/* ---- The donation list ------------------------------------------------------------------ */

static void
donation_file_cb (GtkNativeDialog  *chooser,
                  int               response,
                  TdConsignorsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    {
      if (td_consignors_page_write_donation_list (self, path, &error))
        td_consignors_page_toast (self, _("Donation list saved"));
      else
        {
          g_autofree char *text = g_strdup_printf (_("The donation list was not saved: %s"),
                                                   error->message);
          td_consignors_page_toast (self, text);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
offer_donation_list_cb (TdConsignorsPage *self,
                        const char       *response)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Donation List"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the file name offered for a donation list; %s is the date */
  name = g_strdup_printf (_("Donation list %s.pdf"), self->donated_date ? self->donated_date : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (donation_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
offer_donation_list (TdConsignorsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (ngettext ("A list of the %u donated item, with its value, for the "
                                    "shop’s records and the charity.",
                                    "A list of the %u donated items, with their value, for the "
                                    "shop’s records and the charity.", self->donated->len),
                          self->donated->len);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                              : NULL,
                                                       _("Save a Donation List?"), body));
  adw_message_dialog_add_responses (dialog, "later", _("_Not Now"), "save", _("_Save PDF…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (offer_donation_list_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * td_consignors_page_write_donation_list:
 * @path: where to write the PDF
 * @error: return location
 *
 * Writes the donation list of the items donated last from this page.
 *
 * Returns: whether it was written; %FALSE with an error when nothing was donated yet
 */
gboolean
td_consignors_page_write_donation_list (TdConsignorsPage  *self,
                                        const char        *path,
                                        GError           **error)
{
  g_autoptr(GArray) lines = NULL;
  g_autofree char *shop_name = NULL;
  g_autofree char *address = NULL;
  const TdCurrency *currency;
  TdDonationList list = { 0 };

  g_return_val_if_fail (TD_IS_CONSIGNORS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->context == NULL || self->donated == NULL || self->donated->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Nothing has been donated from this page yet."));
      return FALSE;
    }

  lines = g_array_sized_new (FALSE, TRUE, sizeof (TdDonationLine), self->donated->len);
  for (guint i = 0; i < self->donated->len; i++)
    {
      const TdExpiredItem *item = &g_array_index (self->donated, TdExpiredItem, i);
      TdDonationLine line = { item->sku, item->title, NULL, item->consignor_code, item->price };

      g_array_append_val (lines, line);
    }
  currency = td_context_get_currency (self->context);
  shop_name = td_context_dup_shop_name (self->context);
  address = td_store_settings_dup (td_context_get_database (self->context),
                                   TD_SETTING_SHOP_ADDRESS, NULL);
  list.shop_name = shop_name;
  list.shop_address = address != NULL && *address != '\0' ? address : NULL;
  list.date = self->donated_date;
  list.currency = currency;
  list.money_format = &self->money_format;
  list.lines = (const TdDonationLine *) (gpointer) lines->data;
  list.n_lines = lines->len;
  /* Letter paper where the shop's money says North America, A4 everywhere else. */
  return td_donation_list_write_pdf (&list,
                                     g_strcmp0 (currency->code, "USD") == 0 ||
                                     g_strcmp0 (currency->code, "CAD") == 0
                                     ? TD_PAPER_LETTER : TD_PAPER_A4,
                                     path, error);
}

/* ---- Applying an action ----------------------------------------------------------------- */

typedef struct
{
  TdConsignorsPage *self;
  TdExpiryAction    action;
  GArray           *items;    /* TdExpiredItem copies of those chosen */
} Apply;

static void
apply_free (gpointer  data,
            GClosure *closure)
{
  Apply *apply = data;

  g_object_unref (apply->self);
  g_array_unref (apply->items);
  g_free (apply);
}

static TdExpiryAction
item_action (const Apply         *apply,
             const TdExpiredItem *item)
{
  return apply->action == TD_EXPIRY_ACTION_SHOP_DEFAULT ? item->action : apply->action;
}

static void
show_refusal (TdConsignorsPage *self,
              const GError     *error)
{
  GPtrArray *problems = td_stock_error_get_problems (error);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const TdFieldProblem *p = g_ptr_array_index (problems, i);

      g_string_append_printf (body, "%s• %s", body->len > 0 ? "\n" : "", p->message);
    }
  if (body->len == 0)
    g_string_append (body, error->message);
  g_string_append (body, "\n\n");
  g_string_append (body, _("None of the chosen items was touched. The list now shows what is "
                           "still due; choose again."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                              : NULL,
                                                       _("Nothing Was Changed"), body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Apply            *apply)
{
  TdConsignorsPage *self = apply->self;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) donated = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n[TD_EXPIRY_ACTION_SHOP_STOCK + 1] = { 0 };
  gint64 now_us = g_get_real_time ();

  if (g_strcmp0 (response, "apply") != 0 || self->context == NULL)
    return;

  for (guint i = 0; i < apply->items->len; i++)
    g_array_append_val (ids, g_array_index (apply->items, TdExpiredItem, i).item_id);
  if (!td_store_expiry_apply (td_context_get_database (self->context),
                              (const gint64 *) (gpointer) ids->data, ids->len, apply->action, 0,
                              now_us, &error))
    {
      g_message ("Expiry action refused: %s", error->message);
      td_consignors_page_reload_expiry (self);
      show_refusal (self, error);
      return;
    }

  donated = g_array_new (FALSE, TRUE, sizeof (TdExpiredItem));
  g_array_set_clear_func (donated, expired_item_clear);
  for (guint i = 0; i < apply->items->len; i++)
    {
      const TdExpiredItem *item = &g_array_index (apply->items, TdExpiredItem, i);
      TdExpiryAction action = item_action (apply, item);

      n[action]++;
      if (action == TD_EXPIRY_ACTION_DONATE)
        {
          TdExpiredItem copy = *item;

          copy.sku = g_strdup (item->sku);
          copy.title = g_strdup (item->title);
          copy.consignor_code = g_strdup (item->consignor_code);
          copy.consignor_name = g_strdup (item->consignor_name);
          g_array_append_val (donated, copy);
        }
    }
  if (n[TD_EXPIRY_ACTION_RETURN] > 0)
    g_string_append_printf (text, ngettext ("%u item returned", "%u items returned",
                                            n[TD_EXPIRY_ACTION_RETURN]),
                            n[TD_EXPIRY_ACTION_RETURN]);
  if (n[TD_EXPIRY_ACTION_DONATE] > 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u item donated", "%u items donated",
                                              n[TD_EXPIRY_ACTION_DONATE]),
                              n[TD_EXPIRY_ACTION_DONATE]);
    }
  if (n[TD_EXPIRY_ACTION_SHOP_STOCK] > 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u item kept as shop stock",
                                              "%u items kept as shop stock",
                                              n[TD_EXPIRY_ACTION_SHOP_STOCK]),
                              n[TD_EXPIRY_ACTION_SHOP_STOCK]);
    }
  td_consignors_page_toast (self, text->str);

  if (donated->len > 0)
    {
      g_clear_pointer (&self->donated, g_array_unref);
      self->donated = g_steal_pointer (&donated);
      g_free (self->donated_date);
      self->donated_date = td_consignors_format_day (now_us);
    }
  td_consignors_page_reload (self);
  if (n[TD_EXPIRY_ACTION_DONATE] > 0)
    offer_donation_list (self);
}

/**
 * td_consignors_page_apply_expiry:
 * @action: "agreed", "return", "donate" or "shop_stock"
 *
 * Asks to confirm @action on the ticked items, then does it.
 */
void
td_consignors_page_apply_expiry (TdConsignorsPage *self,
                                 const char       *action_name)
{
  g_autoptr(GArray) checked = td_consignors_page_dup_checked_expiry (self);
  GArray *listed = listed_items (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  TdExpiryAction action;
  Apply *apply;
  guint n;

  if (!parse_action (action_name, &action))
    g_return_if_reached ();
  if (checked->len == 0 || listed == NULL)
    {
      td_consignors_page_toast (self, _("Tick the items to deal with first"));
      return;
    }

  apply = g_new0 (Apply, 1);
  apply->self = g_object_ref (self);
  apply->action = action;
  apply->items = g_array_new (FALSE, TRUE, sizeof (TdExpiredItem));
  for (guint i = 0; i < checked->len; i++)
    {
      TdExpiredItem item = g_array_index (listed, TdExpiredItem, g_array_index (checked, guint, i));

      /* The strings stay owned by the listed array, which the dialog outlives only when the
       * list reloads; copy what the result needs. */
      item.sku = g_strdup (item.sku);
      item.title = g_strdup (item.title);
      item.consignor_code = g_strdup (item.consignor_code);
      item.consignor_name = g_strdup (item.consignor_name);
      g_array_append_val (apply->items, item);
    }
  g_array_set_clear_func (apply->items, expired_item_clear);
  n = apply->items->len;

  switch (action)
    {
    case TD_EXPIRY_ACTION_RETURN:
      heading = g_strdup_printf (ngettext ("Return %u Item?", "Return %u Items?", n), n);
      body = g_strdup (_("They go back to their consignors and leave the floor."));
      break;
    case TD_EXPIRY_ACTION_DONATE:
      heading = g_strdup_printf (ngettext ("Donate %u Item?", "Donate %u Items?", n), n);
      body = g_strdup (_("They leave the floor as donated. A donation list can be saved next."));
      break;
    case TD_EXPIRY_ACTION_SHOP_STOCK:
      heading = g_strdup_printf (ngettext ("Keep %u Item as Shop Stock?",
                                           "Keep %u Items as Shop Stock?", n), n);
      body = g_strdup (_("They stay on the floor as the shop’s own, and a later sale credits "
                         "no consignor."));
      break;
    case TD_EXPIRY_ACTION_SHOP_DEFAULT:
    default:
      {
        guint per[TD_EXPIRY_ACTION_SHOP_STOCK + 1] = { 0 };

        for (guint i = 0; i < n; i++)
          per[item_action (apply, &g_array_index (apply->items, TdExpiredItem, i))]++;
        heading = g_strdup_printf (ngettext ("Deal with %u Item as Agreed?",
                                             "Deal with %u Items as Agreed?", n), n);
        /* Translators: how many items each action gets when done as each consignor agreed */
        body = g_strdup_printf (_("As their consignors agreed: %u returned, %u donated, %u kept "
                                  "as shop stock."),
                                per[TD_EXPIRY_ACTION_RETURN], per[TD_EXPIRY_ACTION_DONATE],
                                per[TD_EXPIRY_ACTION_SHOP_STOCK]);
      }
      break;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                              : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Go Ahead"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (apply_response_cb), apply, apply_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  td_consignors_page_apply_expiry (TD_CONSIGNORS_PAGE (widget),
                                   g_variant_get_string (parameter, NULL));
}

void
td_consignors_page_expiry_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, select_all_toggled_cb);
  gtk_widget_class_install_action (widget_class, "expiry.apply", "s", apply_action);
}
