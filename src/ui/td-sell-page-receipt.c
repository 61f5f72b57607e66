/* td-sell-page-receipt.c — the receipt of a sale: filled from the stored sale, written as PDF,
 * previewed with poppler (the same file that is printed or saved), printed, reprinted; and the
 * "last sale completed" banner after a crash.
 *
 * After a sale commits, the page records it as acknowledged (setting
 * `counter.<register>.acknowledged_sale` in the shop's own database, so it follows the shop
 * and survives the process). A crash between the commit and that write leaves the last sale
 * unacknowledged: on the next start the banner says so and offers a reprint; nothing is ever
 * paid or written again by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sell-page"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <poppler.h>

#include "td-escpos.h"
#include "td-pdf-print.h"
#include "td-receipt-logo-row.h"
#include "td-secrets.h"
#include "td-sell-page-private.h"
#include "td-store-gift-cards.h"
#include "td-store-reports.h"
#include "td-store-sales.h"
#include "td-store.h"


static char *
setting (TdSellPage *self,
         const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = td_store_settings_dup (td_sell_page_get_database (self), key, &error);

  if (error != NULL)
    g_debug ("setting %s: %s", key, error->message);
  return value;
}

/**
 * td_sell_page_documents_path:
 * @name: a file name
 *
 * Returns: (transfer full) (nullable): where the counter keeps a receipt or report it shows and
 *   prints (the user's cache: the shop's records are in its database, these are copies)
 */
char *
td_sell_page_documents_path (const char  *name,
                             GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "thriftdesk", "receipts", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not make the receipts folder: %s"), g_strerror (errsv));
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

static char *
acknowledged_key (TdSellPage *self)
{
  return td_store_sales_acknowledged_key (self->register_id);
}

/**
 * td_sell_page_dup_receipt_key:
 *
 * The shop's receipt-signing key, the one place the page gets it from: the keyring (or its
 * fallback file next to the shop) through TdSecrets, under the shop's id.
 *
 * Returns: (transfer full) (nullable): the key
 */
GBytes *
td_sell_page_dup_receipt_key (TdSellPage  *self,
                              GError     **error)
{
  TdDatabase *db = td_sell_page_get_database (self);
  g_autofree char *shop_id = setting (self, TD_SETTING_SHOP_ID);
  g_autofree char *dir = g_path_get_dirname (td_database_get_path (db));
  g_autoptr(TdSecrets) secrets = NULL;

  if (shop_id == NULL || shop_id[0] == '\0')
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
                           _("This shop has no id, so its receipts can’t be signed."));
      return NULL;
    }
  secrets = td_secrets_new (shop_id, dir);
  return td_secrets_get_receipt_key (secrets, error);
}

char *
td_sell_page_format_time (gint64      at_us,
                          const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, format) : g_strdup ("");
}

/**
 * td_sell_page_write_receipt:
 *
 * @raster: (out) (optional): the receipt drawn for the receipt printer
 * @has_cash: (out) (optional): whether cash was tendered (the drawer opens)
 *
 * Writes the receipt of @sale as a PDF in the user's cache folder.
 *
 * Returns: (transfer full) (nullable): the PDF's path
 */
char *
td_sell_page_write_receipt (TdSellPage        *self,
                            const TdSale      *sale,
                            TdReceiptLayout    layout,
                            cairo_surface_t  **raster,
                            gboolean          *has_cash,
                            GError           **error)
{
  TdDatabase *db = td_sell_page_get_database (self);
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) key_error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *shop_name = setting (self, TD_SETTING_SHOP_NAME);
  g_autofree char *shop_address = setting (self, TD_SETTING_SHOP_ADDRESS);
  g_autofree char *shop_tax_id = setting (self, TD_SETTING_SHOP_TAX_ID);
  g_autofree char *policy = setting (self, TD_SETTING_RECEIPT_POLICY);
  g_autofree char *logo = self->context ? td_receipt_logo_path (self->context) : NULL;
  g_autofree char *impact_on = setting (self, TD_SETTING_RECEIPT_IMPACT_LINE);
  g_autofree char *impact_line = NULL;
  g_autofree char *number = td_receipt_number_format (sale->receipt_no);
  /* Translators: date and time on a receipt, strftime format */
  g_autofree char *date = td_sell_page_format_time (sale->created_at, _("%d %b %Y, %H:%M"));
  g_autofree char *name = g_strdup_printf ("receipt-%s-%s.pdf", sale->register_id, number);
  g_autofree char *path = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (TdReceiptLine));
  g_autoptr(GArray) tenders = g_array_new (FALSE, TRUE, sizeof (TdReceiptTender));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  TdReceiptTax taxes[TD_TAX_MAX_BANDS];
  TdReceipt r = { 0 };
  guint n_taxes = 0;
  gint64 gift_balance = 0;
  gboolean has_gift = FALSE;
  TdMoneyFormat fmt;

  /* Without the key the customer still gets a receipt, only without its QR code (returns
   * then go by the receipt number); staff see why under the scan field. */
  key = td_sell_page_dup_receipt_key (self, &key_error);
  if (key != NULL)
    token = td_store_sales_dup_token (db, sale, key, &key_error);
  if (token == NULL)
    {
      g_message ("Receipt %s without its QR code: %s", number, key_error->message);
      td_sell_page_show_message (self, key_error->message);
    }

  for (guint i = 0; i < sale->lines->len; i++)
    {
      const TdSaleLine *sl = &g_array_index (sale->lines, TdSaleLine, i);
      TdReceiptLine line = {
        sl->title, sl->grade_label, sl->sku, sl->list_price, 0, sl->discount,
        sale->discount_reason,
      };

      g_array_append_val (lines, line);
    }
  for (guint i = 0; i < sale->payments->len; i++)
    {
      const TdSalePayment *p = &g_array_index (sale->payments, TdSalePayment, i);
      TdReceiptTender tender = { td_tender_kind_label (p->tender), p->amount + p->change,
                                 p->tender == TD_TENDER_CASH };

      if (p->tender == TD_TENDER_GIFT_CARD && p->reference != NULL)
        {
          char *label = g_strdup_printf ("%s %s", tender.label, p->reference);

          g_ptr_array_add (strings, label);
          tender.label = label;
          /* The balance left on the card, printed for the customer. */
          has_gift = td_store_gift_cards_balance (db, p->reference, &gift_balance, NULL);
        }
      g_array_append_val (tenders, tender);
    }
  /* A shop that charges no tax gets no "Tax 0 %" line. */
  for (guint i = 0; i < sale->n_bands; i++)
    if (sale->bands[i].rate_bp != 0 || sale->bands[i].tax != 0)
      {
        taxes[n_taxes].label = _("Tax");
        taxes[n_taxes].rate_bp = sale->bands[i].rate_bp;
        taxes[n_taxes].base = sale->bands[i].base;
        taxes[n_taxes].amount = sale->bands[i].tax;
        n_taxes++;
      }

  td_money_format_init_current (&fmt);
  r.shop_name = shop_name;
  r.shop_address = shop_address;
  r.shop_tax_id = shop_tax_id;
  r.date = date;
  r.receipt_no = number;
  r.register_name = sale->register_id;
  r.staff = sale->staff_name;
  r.lines = (const TdReceiptLine *) lines->data;
  r.n_lines = lines->len;
  /* Discounts are shown on the lines (each line's part of a cart discount included). */
  r.subtotal = sale->subtotal - sale->discount;
  r.taxes = taxes;
  r.n_taxes = n_taxes;
  r.tax_included = sale->tax_inclusive;
  r.rounding = sale->rounding;
  r.total = sale->total + sale->rounding;
  r.tenders = (const TdReceiptTender *) tenders->data;
  r.n_tenders = tenders->len;
  r.change = sale->change;
  r.has_gift_card_balance = has_gift;
  r.gift_card_balance = gift_balance;
  r.policy = policy;
  r.logo_path = logo;
  if (g_strcmp0 (impact_on, "1") == 0)
    {
      gint64 co2e_g = 0, water_l = 0;

      /* Off by default; a failed estimate leaves the line out, never the receipt. */
      if (td_store_reports_sale_impact (db, sale->id, &co2e_g, &water_l, NULL))
        impact_line = td_store_reports_format_impact_line (co2e_g);
    }
  r.impact_line = impact_line;
  r.qr_payload = token;
  r.currency = td_context_get_currency (self->context);
  r.money_format = &fmt;

  path = td_sell_page_documents_path (name, error);
  if (path == NULL || !td_receipt_write_pdf (&r, layout, path, error))
    return NULL;
  /* The receipt printer's raster: the same receipt, on the roll it holds. */
  if (raster != NULL &&
      (*raster = td_receipt_render_raster (&r, layout == TD_RECEIPT_ROLL_58 ? TD_RECEIPT_ROLL_58
                                                                            : TD_RECEIPT_ROLL_80,
                                           error)) == NULL)
    return NULL;
  if (has_cash != NULL)
    *has_cash = td_receipt_has_cash (&r);
  return g_steal_pointer (&path);
}

/* Preview, print, save ------------------------------------------------------------------------ */

static void
print_cb (GtkWidget *button,
          TdSellPage *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = g_object_get_data (G_OBJECT (button), "document");
  GBytes *job = g_object_get_data (G_OBJECT (button), "escpos");

  /* A receipt printer set up at this counter: straight to it, no dialog (a reprint: the
   * drawer stays shut). */
  if (job != NULL)
    {
      td_sell_page_send_to_printer (self, job, _("Receipt printed"));
      return;
    }
  operation = td_pdf_print_operation_new (document, _("Receipt"), FALSE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (button)), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    td_sell_page_show_message (self, error->message);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  GFile           *source)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) dest = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_warning ("Saving the receipt: %s", error->message);
    }
  g_object_unref (chooser);
}

static void
save_cb (GtkWidget *button,
         const char *path)
{
  GtkFileChooserNative *chooser;
  g_autofree char *base = g_path_get_basename (path);

  chooser = gtk_file_chooser_native_new (_("Save Receipt"),
                                         GTK_WINDOW (gtk_widget_get_root (button)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
  g_signal_connect_data (chooser, "response", G_CALLBACK (save_response_cb),
                         g_file_new_for_path (path), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
receipt_destroy_cb (GtkWidget  *window,
                    TdSellPage *self)
{
  if (self->receipt_dialog == GTK_WINDOW (window))
    self->receipt_dialog = NULL;
  td_sell_page_focus_scan (self);
}

/**
 * td_sell_page_show_receipt:
 * @sale: a completed sale
 *
 * Writes its receipt and shows it as it will print, with Print, Save PDF and Done.
 */
void
td_sell_page_show_receipt (TdSellPage *self,
                           TdSale     *sale)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  g_autofree char *printer = td_sell_page_dup_setting (self, "receipt-printer");
  cairo_surface_t *raster = NULL;
  g_autoptr(GBytes) reprint = NULL;
  gboolean has_cash = FALSE;
  GtkWidget *returns;

  g_return_if_fail (TD_IS_SELL_PAGE (self));
  g_return_if_fail (sale != NULL);

  if (sale != self->last_sale)
    {
      g_clear_pointer (&self->last_sale, td_sale_unref);
      self->last_sale = td_sale_ref (sale);
    }
  path = td_sell_page_write_receipt (self, sale, td_sell_page_get_paper (self),
                                     printer[0] != '\0' ? &raster : NULL, &has_cash, &error);
  if (path == NULL)
    {
      td_sell_page_show_message (self, error->message);
      return;
    }
  if (raster != NULL)
    {
      /* The sale just completed prints at once and opens the drawer for cash; reprints from
       * the preview never open it. */
      if (sale->id == self->print_sale_id)
        {
          g_autoptr(GBytes) job = td_escpos_encode_raster (raster, has_cash);

          td_sell_page_send_to_printer (self, job, NULL);
        }
      reprint = td_escpos_encode_raster (raster, FALSE);
      cairo_surface_destroy (raster);
    }
  self->print_sale_id = 0;
  number = td_receipt_number_format (sale->receipt_no);
  /* Translators: the title of the receipt preview; %s is the receipt number */
  title = g_strdup_printf (_("Receipt %s"), number);
  returns = gtk_button_new_with_mnemonic (_("_Return Items…"));
  /* Not an action: the preview is its own window, outside the page's action scope. */
  g_signal_connect_swapped (returns, "clicked", G_CALLBACK (td_sell_page_return_last), self);
  td_sell_page_show_pdf (self, path, title, returns, reprint);
}

/**
 * td_sell_page_show_pdf:
 * @path: a receipt, refund receipt or Z report PDF
 * @title: the window's title
 * @extra: (nullable) (transfer floating): a button for the header bar, e.g. "Return Items…"
 * @escpos: (nullable): the same document for the receipt printer; Print sends it there
 *
 * Shows the PDF as it prints (poppler renders the very file), with Print, Save PDF and Done.
 */
void
td_sell_page_show_pdf (TdSellPage *self,
                       const char *path,
                       const char *title,
                       GtkWidget  *extra,
                       GBytes     *escpos)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GObject) document_ref = NULL;
  PopplerDocument *document = NULL;
  GtkWidget *window, *box, *header, *scroller, *pages, *print, *save, *done, *actions;

  uri = g_filename_to_uri (path, NULL, &error);
  if (uri != NULL)
    {
      document = poppler_document_new_from_file (uri, NULL, &error);
      document_ref = G_OBJECT (document);
    }
  if (document == NULL)
    {
      if (extra != NULL)
        g_object_unref (g_object_ref_sink (extra));
      td_sell_page_show_message (self, error->message);
      return;
    }

  g_clear_pointer (&self->receipt_dialog, gtk_window_destroy);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 680);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  print = gtk_button_new_with_mnemonic (_("_Print"));
  gtk_widget_add_css_class (print, "suggested-action");
  g_object_set_data_full (G_OBJECT (print), "document", g_object_ref (document), g_object_unref);
  if (escpos != NULL)
    g_object_set_data_full (G_OBJECT (print), "escpos", g_bytes_ref (escpos),
                            (GDestroyNotify) g_bytes_unref);
  g_signal_connect (print, "clicked", G_CALLBACK (print_cb), self);
  save = gtk_button_new_with_mnemonic (_("_Save PDF…"));
  g_signal_connect_data (save, "clicked", G_CALLBACK (save_cb), g_strdup (path),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  done = gtk_button_new_with_mnemonic (_("_Done"));
  g_signal_connect_swapped (done, "clicked", G_CALLBACK (gtk_window_destroy), window);
  /* The title and Done on top; the commands on the document in a bar under it. */
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  actions = gtk_action_bar_new ();
  gtk_action_bar_pack_start (GTK_ACTION_BAR (actions), print);
  gtk_action_bar_pack_start (GTK_ACTION_BAR (actions), save);
  if (extra != NULL)
    gtk_action_bar_pack_end (GTK_ACTION_BAR (actions), extra);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  pages = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (pages, 12);
  gtk_widget_set_margin_bottom (pages, 12);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(GObject) page_ref = G_OBJECT (poppler_document_get_page (document, i));
      PopplerPage *page = POPPLER_PAGE (page_ref);
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_autoptr(GdkTexture) texture = td_pdf_render_page (page, 1.4 * MAX (scale, 1));
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (GTK_BOX (pages), picture);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), pages);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), actions);

  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), done);
  g_object_set_data_full (G_OBJECT (window), "path", g_strdup (path), g_free);
  g_signal_connect (window, "destroy", G_CALLBACK (receipt_destroy_cb), self);
  self->receipt_dialog = GTK_WINDOW (window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (done);
}

/**
 * td_sell_page_open_receipt_code:
 * @code: a scanned receipt QR (signed token, possibly behind the shop's URL prefix) or a typed
 *   receipt number of this register
 *
 * Opens that sale's receipt; an altered or foreign code is refused under the scan field.
 *
 * Returns: %TRUE when a receipt was opened
 */
gboolean
td_sell_page_open_receipt_code (TdSellPage *self,
                                const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(TdSale) sale = NULL;
  TdDatabase *db = td_sell_page_get_database (self);
  const char *p = code;

  while (g_ascii_isdigit (*p))
    p++;
  if (*code != '\0' && *p == '\0')
    sale = td_store_sales_get_by_receipt (db, self->register_id,
                                          g_ascii_strtoll (code, NULL, 10), &error);
  else if ((key = td_sell_page_dup_receipt_key (self, &error)) != NULL)
    sale = td_store_sales_get_by_token (db, code, key, &error);
  if (sale == NULL)
    {
      td_sell_page_show_message (self, error->message);
      return FALSE;
    }
  td_sell_page_show_message (self, NULL);
  td_sell_page_show_receipt (self, sale);
  return TRUE;
}

/* The receipt printer ------------------------------------------------------------------------- */

/* A per-counter preference (GSettings); "" when the schema is not installed. */
char *
td_sell_page_dup_setting (TdSellPage *self,
                          const char *key)
{
  GSettings *settings = self->context ? td_context_get_settings (self->context) : NULL;

  return settings ? g_settings_get_string (settings, key) : g_strdup ("");
}

/* The paper this counter prints receipts on (GSettings `receipt-paper`). */
TdReceiptLayout
td_sell_page_get_paper (TdSellPage *self)
{
  g_autofree char *paper = td_sell_page_dup_setting (self, "receipt-paper");

  if (g_str_equal (paper, "roll-58"))
    return TD_RECEIPT_ROLL_58;
  if (g_str_equal (paper, "a4"))
    return TD_RECEIPT_A4;
  if (g_str_equal (paper, "letter"))
    return TD_RECEIPT_LETTER;
  return TD_RECEIPT_ROLL_80;
}

typedef struct
{
  TdSellPage *self;
  char       *done_message;
} Sending;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sending *sending = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_escpos_send_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        td_sell_page_show_message (sending->self, error->message);
    }
  else if (sending->done_message != NULL)
    td_sell_page_toast (sending->self, sending->done_message);
  g_object_unref (sending->self);
  g_free (sending->done_message);
  g_free (sending);
}

/**
 * td_sell_page_send_to_printer:
 * @job: ESC/POS bytes
 * @done_message: (nullable): a toast once printed
 *
 * Sends @job to the counter's receipt printer (GSettings `receipt-printer`): a device path
 * (written at once) or a network printer (sent in the background). A failure shows under
 * the scan field in plain words.
 */
void
td_sell_page_send_to_printer (TdSellPage *self,
                              GBytes     *job,
                              const char *done_message)
{
  g_autofree char *printer = td_sell_page_dup_setting (self, "receipt-printer");
  Sending *sending;

  g_strstrip (printer);
  if (printer[0] == '\0')
    {
      td_sell_page_show_message (self, _("No receipt printer is set up at this counter (menu → "
                                         "Receipt Printer…)."));
      return;
    }
  if (printer[0] == '/')
    {
      g_autoptr(GError) error = NULL;

      if (!td_escpos_write_file (printer, job, &error))
        td_sell_page_show_message (self, error->message);
      else if (done_message != NULL)
        td_sell_page_toast (self, done_message);
      return;
    }
  sending = g_new0 (Sending, 1);
  sending->self = g_object_ref (self);
  sending->done_message = g_strdup (done_message);
  td_escpos_send_async (printer, job, self->cancellable, sent_cb, sending);
}

/* The banner ----------------------------------------------------------------------------------- */

/**
 * td_sell_page_acknowledge:
 * @sale_id: a sale the screen has shown as completed
 *
 * Records that staff saw @sale_id complete, and hides the banner.
 */
void
td_sell_page_acknowledge (TdSellPage *self,
                          gint64      sale_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = acknowledged_key (self);
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, sale_id);

  if (!td_store_settings_set (td_sell_page_get_database (self), key, value, g_get_real_time (),
                              &error))
    g_warning ("Recording the last sale shown: %s", error->message);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* On start: a sale that completed but never showed on screen gets the banner. */
void
td_sell_page_check_last_sale (TdSellPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = acknowledged_key (self);
  g_autofree char *acknowledged = NULL;
  g_autofree char *number = NULL;
  g_autofree char *time = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  TdLastSale last;
  gboolean found = FALSE;

  if (!td_store_sales_last (td_sell_page_get_database (self), self->register_id, &last, &found,
                            &error))
    {
      g_warning ("Last sale: %s", error->message);
      return;
    }
  acknowledged = setting (self, key);
  if (acknowledged == NULL || acknowledged[0] == '\0')
    {
      /* The counter's first start on this register: sales made before it (a demo shop, an
       * imported history) were never this screen's to show. From here on it keeps count. */
      td_sell_page_acknowledge (self, found ? last.sale_id : 0);
      return;
    }
  if (!found || (acknowledged != NULL && g_ascii_strtoll (acknowledged, NULL, 10) >= last.sale_id))
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }
  self->banner_sale_id = last.sale_id;
  number = td_receipt_number_format (last.receipt_no);
  time = td_sell_page_format_time (last.created_at, "%H:%M");
  total = td_context_format_money (self->context, last.paid);
  /* Translators: shown after a crash or power cut: receipt number, time, amount paid */
  text = g_strdup_printf (_("Last sale %s completed at %s (%s), but the screen never showed it. "
                            "Reprint the receipt or check the payment — it is not charged again."),
                          number, time, total);
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}
