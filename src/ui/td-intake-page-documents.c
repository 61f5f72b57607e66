/* td-intake-page-documents.c — what a finished bag prints: its price tags, and for a
 * consignor the intake slip (consignment agreement) they sign. Both are PDFs saved where
 * staff choose, to print from there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-intake"

#include "config.h"

#include <glib/gi18n.h>

#include "td-intake-page-private.h"
#include "td-intake-slip.h"
#include "td-store.h"
#include "td-store-pricing.h"

/**
 * td_intake_page_write_tags:
 * @format: the label stock
 * @path: where to write the PDF
 * @error: return location for a document error
 *
 * Writes one tag per item taken in during the session (in intake order).
 */
gboolean
td_intake_page_write_tags (TdIntakePage  *self,
                           TdTagFormat    format,
                           const char    *path,
                           GError       **error)
{
  g_autofree char *shop_name = NULL;
  g_autofree TdTag *tags = NULL;
  g_autoptr(GPtrArray) prices = g_ptr_array_new_with_free_func (g_free);
  g_auto(TdPricingRules) rules = { 0 };
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (TD_IS_INTAKE_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->lines->len > 0, FALSE);

  /* The tags print when the markdown schedule will lower each price ("−25 % from 12 Dec"). */
  if (!td_store_pricing_load_rules (td_intake_page_get_db (self), &rules, error))
    return FALSE;
  now = g_date_time_new_now_local ();
  shop_name = td_context_dup_shop_name (self->context);
  tags = g_new0 (TdTag, self->lines->len);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const TdIntakeLine *line = &g_array_index (self->lines, TdIntakeLine, i);
      g_autofree char *tag_colour = NULL;
      TdPricingItem pricing;
      TdPriceExplanation explanation;
      char *price, *original = NULL, *note;
      gint64 effective;

      if (!td_store_pricing_load_item (td_intake_page_get_db (self), line->item_id, &pricing,
                                       &tag_colour, error))
        return FALSE;
      effective = td_pricing_effective_price (&pricing, &rules, now, &explanation);
      price = td_context_format_money (self->context, effective);
      g_ptr_array_add (prices, price);
      if (effective < pricing.price)
        g_ptr_array_add (prices, original = td_context_format_money (self->context,
                                                                     pricing.price));
      note = td_pricing_format_markdown_note (&explanation);
      if (note != NULL)
        g_ptr_array_add (prices, note);
      tags[i] = (TdTag) {
        .shop_name = shop_name,
        .title = line->title,
        .size = line->size,
        .grade = line->grade,
        .price = price,
        .original_price = original,
        .markdown_note = note,
        .sku = line->sku,
      };
    }
  return td_tags_write_pdf (tags, self->lines->len, format, path, error);
}

static const char *
expiry_sentence (TdExpiryAction action)
{
  switch (action)
    {
    case TD_EXPIRY_ACTION_DONATE:
      return _("Unsold items are donated.");
    case TD_EXPIRY_ACTION_SHOP_STOCK:
      return _("Unsold items become the shop’s own stock.");
    case TD_EXPIRY_ACTION_RETURN:
    case TD_EXPIRY_ACTION_SHOP_DEFAULT:
    default:
      return _("Unsold items go back to the consignor; please collect them.");
    }
}

static const char *
payout_method_label (TdPayoutMethod method)
{
  switch (method)
    {
    case TD_PAYOUT_METHOD_CHEQUE:
      return _("Cheque");
    case TD_PAYOUT_METHOD_BANK_TRANSFER:
      return _("Bank transfer");
    case TD_PAYOUT_METHOD_STORE_CREDIT:
      return _("Store credit");
    case TD_PAYOUT_METHOD_CASH:
    default:
      return _("Cash");
    }
}

static TdPaper
default_paper (void)
{
  GtkPaperSize *paper = gtk_paper_size_new (NULL);
  TdPaper result = g_strcmp0 (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER) == 0
                   ? TD_PAPER_LETTER : TD_PAPER_A4;

  gtk_paper_size_free (paper);
  return result;
}

/**
 * td_intake_page_write_slip:
 * @path: where to write the PDF
 * @error: return location for a document or store error
 *
 * Writes the intake slip of a finished consigned bag: the shop, the consignor, their terms
 * and the items with their prices.
 */
gboolean
td_intake_page_write_slip (TdIntakePage  *self,
                           const char    *path,
                           GError       **error)
{
  TdDatabase *db;
  const TdConsignor *consignor;
  g_autofree char *shop_name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *date = NULL;
  g_autofree char *share = NULL;
  g_autofree char *period = NULL;
  g_autofree char *min_payout = NULL;
  g_autofree char *contact = NULL;
  g_autofree TdIntakeSlipLine *lines = NULL;
  g_autoptr(GDateTime) started = NULL;
  TdIntakeSlip slip = { 0 };

  g_return_val_if_fail (TD_IS_INTAKE_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->consignor != NULL, FALSE);

  db = td_context_get_database (self->context);
  consignor = self->consignor;
  shop_name = td_context_dup_shop_name (self->context);
  address = td_store_settings_dup (db, TD_SETTING_SHOP_ADDRESS, error);
  if (address == NULL && error != NULL && *error != NULL)
    return FALSE;

  started = g_date_time_new_from_unix_local (self->started_at / G_USEC_PER_SEC);
  date = g_date_time_format (started, "%x");
  share = td_intake_page_format_share (consignor->effective_share_bp);
  period = g_strdup_printf (g_dngettext (NULL, "%d day", "%d days",
                                         consignor->effective_period_days),
                            consignor->effective_period_days);
  if (consignor->draft.min_payout > 0)
    min_payout = td_context_format_money (self->context, consignor->draft.min_payout);
  if (consignor->draft.phone != NULL && consignor->draft.phone[0] != '\0')
    contact = g_strdup (consignor->draft.phone);
  else if (consignor->draft.email != NULL && consignor->draft.email[0] != '\0')
    contact = g_strdup (consignor->draft.email);

  lines = g_new0 (TdIntakeSlipLine, self->lines->len);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const TdIntakeLine *line = &g_array_index (self->lines, TdIntakeLine, i);

      lines[i] = (TdIntakeSlipLine) { line->sku, line->title, line->grade, line->price };
    }

  slip.shop_name = shop_name;
  slip.shop_address = address != NULL && address[0] != '\0' ? address : NULL;
  slip.date = date;
  slip.consignor_name = consignor->draft.name;
  slip.consignor_code = consignor->draft.code;
  slip.consignor_contact = contact;
  slip.share = share;
  slip.period = period;
  slip.expiry = expiry_sentence (consignor->effective_expiry_action);
  slip.minimum_payout = min_payout;
  slip.payout_method = payout_method_label (consignor->draft.payout_method);
  slip.currency = td_context_get_currency (self->context);
  slip.money_format = &self->money_format;
  slip.lines = lines;
  slip.n_lines = self->lines->len;
  return td_intake_slip_write_pdf (&slip, default_paper (), path, error);
}

/* ---- Choosing where to save ---------------------------------------------------------- */

typedef enum
{
  DOCUMENT_TAGS,
  DOCUMENT_SLIP,
} DocumentKind;

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TdIntakePage    *self)
{
  DocumentKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "td-document"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      td_intake_page_toast (self, _("Choose a folder on this computer to save the PDF in."));
      return;
    }
  if (kind == DOCUMENT_TAGS)
    ok = td_intake_page_write_tags (self, adw_combo_row_get_selected (self->tag_format_row),
                                    path, &error);
  else
    ok = td_intake_page_write_slip (self, path, &error);

  if (ok)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Saved “%s”: open it to print."), name);

      td_intake_page_toast (self, message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the PDF: %s"),
                                                  error->message);

      td_intake_page_toast (self, message);
    }
}

static void
choose_file (TdIntakePage *self,
             DocumentKind  kind,
             const char   *title,
             const char   *file_name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (title,
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  g_object_set_data (G_OBJECT (self->chooser), "td-document", GINT_TO_POINTER (kind));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static char *
document_name (TdIntakePage *self,
               const char   *what)
{
  /* TRANSLATORS: a file name: "tags-AB12-intake-42.pdf" */
  return g_strdup_printf ("%s-%s-%" G_GINT64_FORMAT ".pdf", what,
                          self->consignor != NULL ? self->consignor->draft.code
                          : td_acquisition_to_string (self->acquisition),
                          self->intake_id);
}

void
td_intake_page_save_tags_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);
  g_autofree char *name = document_name (self, C_("file name", "tags"));

  choose_file (self, DOCUMENT_TAGS, _("Save Tags"), name);
}

void
td_intake_page_save_slip_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TdIntakePage *self = TD_INTAKE_PAGE (widget);
  g_autofree char *name = document_name (self, C_("file name", "intake-slip"));

  choose_file (self, DOCUMENT_SLIP, _("Save Intake Slip"), name);
}
