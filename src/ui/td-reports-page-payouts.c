/* td-reports-page-payouts.c — from the Consignors report: statements for every consignor with
 * a balance or movements in the period (one PDF each, into a folder), and the payout run
 * (every consignor due, paid their whole balance by their own payout method, confirmed first;
 * then the slips, one page each, previewed to print or save).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "td-report-document.h"
#include "td-reports-page.h"
#include "td-store-payouts.h"
#include "td-store.h"

typedef struct
{
  GtkWidget      *page;
  TdContext      *context;
  TdReportPeriod  period;
  GArray         *due;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->page);
  g_clear_object (&job->context);
  g_clear_pointer (&job->due, g_array_unref);
  g_free (job);
}

static void
tell (GtkWidget  *page,
      const char *heading,
      const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (page)), heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
doc_info (TdContext           *context,
          TdReportDocInfo     *info,
          TdMoneyFormat       *fmt,
          char               **shop,
          char               **address)
{
  *shop = td_context_dup_shop_name (context);
  *address = td_store_settings_dup (td_context_get_database (context), TD_SETTING_SHOP_ADDRESS, NULL);
  td_money_format_init_current (fmt);
  info->shop_name = *shop;
  info->shop_address = *address;
  info->currency = td_context_get_currency (context);
  info->money_format = fmt;
}

/* Statements ---------------------------------------------------------------------------------- */

static void
folder_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  Job *job = user_data;
  TdDatabase *db = td_context_get_database (job->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *address = NULL;
  g_autofree char *first = td_report_day_format_iso (job->period.first_day);
  g_autofree char *last = td_report_day_format_iso (job->period.last_day);
  g_autofree char *body = NULL;
  TdReportDocInfo info = { 0 };
  TdMoneyFormat fmt;
  guint written = 0;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  dir = g_file_get_path (folder);
  doc_info (job->context, &info, &fmt, &shop, &address);
  ids = td_store_payouts_with_activity (db, &job->period, NULL, &error);
  for (guint i = 0; ids != NULL && i < ids->len && error == NULL; i++)
    {
      g_auto(TdStatement) st = { 0 };
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (!td_store_payouts_statement (db, g_array_index (ids, gint64, i), &job->period, NULL,
                                       &st, &error))
        break;
      name = g_strdup_printf ("statement-%s-%s-%s.pdf", st.code, first, last);
      path = g_build_filename (dir, name, NULL);
      if (td_statement_write_pdf (&st, &info, TD_PAPER_A4, path, &error))
        written++;
    }
  if (error != NULL)
    tell (job->page, _("Statements Not Written"), error->message);
  else
    {
      body = g_strdup_printf (g_dngettext (NULL, "%u statement was written to %s.",
                                           "%u statements were written to %s.", written),
                              written, dir);
      tell (job->page, _("Statements Written"), body);
    }
out:
  g_object_unref (chooser);
  job_free (job);
}

/**
 * td_reports_page_write_statements:
 *
 * Asks for a folder, then writes a statement PDF for @period for every consignor with a
 * balance or with movements in it.
 */
void
td_reports_page_write_statements (GtkWidget            *page,
                                  TdContext            *context,
                                  const TdReportPeriod *period)
{
  GtkFileChooserNative *chooser;
  Job *job = g_new0 (Job, 1);

  job->page = g_object_ref (page);
  job->context = g_object_ref (context);
  job->period = *period;
  chooser = gtk_file_chooser_native_new (_("Folder for the Statements"),
                                         GTK_WINDOW (gtk_widget_get_root (page)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Write"), NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Payout run ---------------------------------------------------------------------------------- */

static void
payout_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Job *job = user_data;
  TdDatabase *db = td_context_get_database (job->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) slips = NULL;
  g_autofree TdPayoutRequest *requests = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *address = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  TdReportDocInfo info = { 0 };
  TdMoneyFormat fmt;

  if (g_strcmp0 (response, "pay") != 0)
    {
      job_free (job);
      return;
    }
  requests = g_new0 (TdPayoutRequest, job->due->len);
  for (guint i = 0; i < job->due->len; i++)
    {
      const TdPayoutDue *d = &g_array_index (job->due, TdPayoutDue, i);

      requests[i].consignor_id = d->consignor_id;
      requests[i].amount = d->balance;
      requests[i].method = d->method;
    }
  if (!td_store_payouts_record (db, requests, job->due->len, td_context_get_staff_id (job->context),
                                g_get_real_time (), &ids, &error))
    {
      tell (job->page, _("Nobody Was Paid"), error->message);
      job_free (job);
      return;
    }
  gtk_widget_activate_action (job->page, "reports.refresh", NULL);

  slips = g_array_new (FALSE, TRUE, sizeof (TdPayoutSlip));
  g_array_set_clear_func (slips, (GDestroyNotify) td_payout_slip_clear);
  for (guint i = 0; i < ids->len; i++)
    {
      TdPayoutSlip slip = { 0 };

      if (!td_store_payouts_get_slip (db, g_array_index (ids, gint64, i), &slip, &error))
        break;
      g_array_append_val (slips, slip);
    }
  doc_info (job->context, &info, &fmt, &shop, &address);
  tmp = g_dir_make_tmp ("thriftdesk-payouts-XXXXXX", error == NULL ? &error : NULL);
  if (tmp != NULL)
    path = g_build_filename (tmp, "payout-slips.pdf", NULL);
  if (error == NULL && path != NULL &&
      td_payout_slips_write_pdf ((TdPayoutSlip *) slips->data, slips->len, &info, TD_PAPER_A4,
                                 path, &error))
    td_report_preview_show (job->page, path, "payout-slips.pdf");
  else
    tell (job->page, _("Paid, but the Slips Could Not Be Written"),
          error != NULL ? error->message : "");
  job_free (job);
}

/**
 * td_reports_page_payout_run:
 *
 * Lists the consignors due a payout and, once confirmed, pays each their whole balance by
 * their own method, as the signed-in staff member; then previews the slips.
 */
void
td_reports_page_payout_run (GtkWidget *page,
                            TdContext *context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  Job *job;
  gint64 total = 0;
  g_autofree char *total_text = NULL;
  g_autofree char *heading = NULL;
  GArray *due = td_store_payouts_due (td_context_get_database (context), &error);

  if (due == NULL)
    {
      tell (page, _("Payouts Could Not Be Read"), error->message);
      return;
    }
  if (due->len == 0)
    {
      g_array_unref (due);
      tell (page, _("Nobody Is Due a Payout"),
            _("No consignor's balance has reached their minimum payout."));
      return;
    }
  for (guint i = 0; i < due->len; i++)
    {
      const TdPayoutDue *d = &g_array_index (due, TdPayoutDue, i);
      g_autofree char *amount = td_context_format_money (context, d->balance);

      g_string_append_printf (body, "%s %s — %s (%s)\n", d->code, d->name, amount,
                              td_payout_method_get_label (d->method));
      total += d->balance;
    }
  total_text = td_context_format_money (context, total);
  heading = g_strdup_printf (g_dngettext (NULL, "Pay %u Consignor %s?", "Pay %u Consignors %s?",
                                          due->len), due->len, total_text);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (page)),
                                                       heading, body->str));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "pay", _("_Pay Out"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "pay", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  job = g_new0 (Job, 1);
  job->page = g_object_ref (page);
  job->context = g_object_ref (context);
  job->due = due;
  g_signal_connect (dialog, "response", G_CALLBACK (payout_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}
