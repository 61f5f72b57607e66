/* td-reports-page.c — the owner's desk: a period (with an optional compared period), a list
 * of reports, and the chosen report as tables and, for sales over time, a chart.
 *
 * Reports run on a worker thread with its own connection (td_store_reports_run_async());
 * choosing again cancels the run in flight, and a spinner shows once a run has taken 100 ms.
 * Each report exports to CSV and to a PDF previewed before it is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "td-report-chart.h"
#include "td-report-document.h"
#include "td-reports-page.h"
#include "td-permission.h"
#include "td-store-reports.h"
#include "td-store.h"

struct _TdReportsPage
{
  GtkWidget      parent_instance;

  TdContext     *context;
  TdReport      *report;
  GCancellable  *cancellable;
  guint          spinner_id;
  TdMoneyFormat  fmt;
  TdReportKind   kind;

  GtkDropDown   *period_drop;
  GtkEntry      *from_entry;
  GtkEntry      *to_entry;
  GtkCheckButton *compare_check;
  GtkLabel      *period_label;
  GtkSpinner    *spinner;
  GtkListBox    *report_list;
  GtkBox        *content;
};

G_DEFINE_FINAL_TYPE (TdReportsPage, td_reports_page, GTK_TYPE_WIDGET)

static void reload (TdReportsPage *self);

/* Helpers ---------------------------------------------------------------------------------- */

static int
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now) * 10000 + g_date_time_get_month (now) * 100
         + g_date_time_get_day_of_month (now);
}

static gboolean
parse_day (const char *text,
           int        *day)
{
  int y, m, d;

  if (sscanf (text, "%d-%d-%d", &y, &m, &d) != 3)
    return FALSE;
  *day = y * 10000 + m * 100 + d;
  return td_report_day_valid (*day);
}

static void
clear_content (TdReportsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
}

static void
show_message (TdReportsPage *self,
              const char    *message)
{
  GtkWidget *label = gtk_label_new (message);

  clear_content (self);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 48);
  gtk_box_append (self->content, label);
}

static void
chart_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  TdReportsPage *self = user_data;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (self->report != NULL && self->context != NULL)
    td_report_chart_draw (cr, width, height, self->report, td_context_get_currency (self->context),
                          &self->fmt, dark);
}

static GtkWidget *
table_widget (TdReportsPage *self,
              TdReportTable *table)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n_cols = td_report_table_get_n_columns (table);
  guint n_rows = td_report_table_get_n_rows (table);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_add_css_class (grid, "report-table");
  for (guint c = 0; c < n_cols; c++)
    {
      gboolean text = td_report_table_get_column_kind (table, c) == TD_REPORT_COLUMN_TEXT;
      GtkWidget *head = gtk_label_new (td_report_table_get_column_title (table, c));

      gtk_label_set_xalign (GTK_LABEL (head), text ? 0 : 1);
      gtk_widget_set_hexpand (head, text);
      gtk_widget_add_css_class (head, "heading");
      gtk_grid_attach (GTK_GRID (grid), head, (int) c, 0, 1, 1);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autofree char *value = td_report_format_cell (table, r, c,
                                                          td_context_get_currency (self->context),
                                                          &self->fmt);
          GtkWidget *cell = gtk_label_new (value);

          gtk_label_set_xalign (GTK_LABEL (cell), text ? 0 : 1);
          gtk_label_set_selectable (GTK_LABEL (cell), FALSE);
          if (!text)
            gtk_widget_add_css_class (cell, "numeric");
          if (text)
            gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
          gtk_grid_attach (GTK_GRID (grid), cell, (int) c, (int) r + 1, 1, 1);
        }
    }
  if (n_rows == 0)
    {
      GtkWidget *none = gtk_label_new (_("Nothing in this period."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_grid_attach (GTK_GRID (grid), none, 0, 1, (int) n_cols, 1);
    }
  return grid;
}

static GtkWidget *
consignor_actions (TdReportsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *statements = gtk_button_new_with_mnemonic (_("_Statements…"));
  GtkWidget *payout = gtk_button_new_with_mnemonic (_("_Pay Out Due Balances…"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (statements), "reports.statements");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (payout), "reports.payout-run");
  gtk_widget_set_tooltip_text (statements, _("A statement PDF for the period for every consignor "
                                             "with a balance or movements in it"));
  gtk_widget_set_sensitive (payout, td_context_staff_can (self->context, TD_PERMISSION_PAYOUT));
  gtk_box_append (GTK_BOX (box), statements);
  gtk_box_append (GTK_BOX (box), payout);
  return box;
}

static void
impact_line_toggled_cb (GtkCheckButton *check,
                        TdReportsPage  *self)
{
  g_autoptr(GError) error = NULL;

  if (!td_store_settings_change (td_context_get_database (self->context),
                                 td_context_get_staff_id (self->context),
                                 TD_SETTING_RECEIPT_IMPACT_LINE,
                                 gtk_check_button_get_active (check) ? "1" : "0",
                                 g_get_real_time (), &error))
    show_message (self, error->message);
}

/* The receipt line of the estimate: off unless the shop turns it on. */
static GtkWidget *
impact_receipt_check (TdReportsPage *self)
{
  g_autofree char *value = td_store_settings_dup (td_context_get_database (self->context),
                                                  TD_SETTING_RECEIPT_IMPACT_LINE, NULL);
  GtkWidget *check = gtk_check_button_new_with_label (
    _("Print the estimate on customer receipts (“This purchase saved ≈ 4.2 kg CO2e”)"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (value, "1") == 0);
  gtk_widget_set_sensitive (check, td_context_staff_can (self->context,
                                                         TD_PERMISSION_EDIT_PREFERENCES));
  g_signal_connect (check, "toggled", G_CALLBACK (impact_line_toggled_cb), self);
  return check;
}

static void
show_report (TdReportsPage *self)
{
  TdReport *report = self->report;

  clear_content (self);
  if (td_report_get_kind (report) == TD_REPORT_CONSIGNORS)
    gtk_box_append (self->content, consignor_actions (self));
  if (td_report_get_kind (report) == TD_REPORT_OVER_TIME)
    {
      GtkWidget *chart = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (chart), 280);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chart), chart_draw_cb, self, NULL);
      gtk_widget_set_name (chart, "report-chart");
      gtk_box_append (self->content, chart);
    }
  if (td_report_get_kind (report) == TD_REPORT_IMPACT)
    {
      GtkWidget *note = gtk_label_new (_("Estimates: each item sold second-hand is counted as "
                                         "keeping one new item's production out of the world, "
                                         "with published average factors per category. Real "
                                         "savings vary."));

      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (self->content, note);
      gtk_box_append (self->content, impact_receipt_check (self));
    }
  for (guint i = 0; i < td_report_get_n_tables (report); i++)
    {
      TdReportTable *table = td_report_get_table (report, i);
      GtkWidget *title = gtk_label_new (td_report_table_get_title (table));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "title-4");
      gtk_widget_set_margin_top (title, i > 0 ? 12 : 0);
      gtk_box_append (self->content, title);
      gtk_box_append (self->content, table_widget (self, table));
    }
}

/* Running ------------------------------------------------------------------------------------ */

static gboolean
spinner_cb (gpointer user_data)
{
  TdReportsPage *self = user_data;

  self->spinner_id = 0;
  gtk_spinner_start (self->spinner);
  return G_SOURCE_REMOVE;
}

static void
stop_spinner (TdReportsPage *self)
{
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TdReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TdReport *report = td_store_reports_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  stop_spinner (self);
  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      g_warning ("report: %s", error->message);
      show_message (self, _("The report could not be read. Try again; if it keeps failing, "
                            "check the shop file with a backup."));
      return;
    }
  g_clear_pointer (&self->report, td_report_unref);
  self->report = report;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.preview-pdf", TRUE);
  show_report (self);
}

static void
reload (TdReportsPage *self)
{
  TdReportPeriod period, previous;
  guint selected = gtk_drop_down_get_selected (self->period_drop);
  gboolean custom = selected == TD_PERIOD_CUSTOM;
  gboolean compare = gtk_check_button_get_active (self->compare_check);
  g_autofree char *label = NULL;
  int first = 0, last = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->from_entry), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_entry), custom);
  if (self->context == NULL)
    return;
  if (custom && (!parse_day (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)), &first) ||
                 !parse_day (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &last)))
    {
      show_message (self, _("Type the first and last day of the range as YYYY-MM-DD, e.g. "
                            "2026-03-01, then press Enter."));
      return;
    }
  if (!td_report_period_init (&period, (TdPeriodKind) selected, today (), first, last))
    {
      show_message (self, _("The range ends before it starts. Swap the two days."));
      return;
    }
  td_report_period_previous (&period, &previous);
  label = td_report_period_format (&period);
  gtk_label_set_text (self->period_label, label);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->spinner_id == 0 && !gtk_spinner_get_spinning (self->spinner))
    self->spinner_id = g_timeout_add (100, spinner_cb, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.preview-pdf", FALSE);
  td_store_reports_run_async (td_database_get_path (td_context_get_database (self->context)),
                              self->kind, &period, compare ? &previous : NULL,
                              g_get_real_time (), self->cancellable, run_done_cb,
                              g_object_ref (self));
}

/* Export ------------------------------------------------------------------------------------- */

static char *
suggested_name (TdReportsPage *self,
                const char    *extension)
{
  const TdReportPeriod *p = td_report_get_period (self->report);
  g_autofree char *first = td_report_day_format_iso (p->first_day);
  g_autofree char *last = td_report_day_format_iso (p->last_day);

  return g_strdup_printf ("%s-%s-%s.%s", td_report_kind_to_string (td_report_get_kind (self->report)),
                          first, last, extension);
}

static void
csv_response_cb (GtkNativeDialog *chooser,
                 int              response,
                 gpointer         user_data)
{
  TdReportsPage *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      td_report_write_csv (self->report, td_context_get_currency (self->context), csv);
      if (!g_file_set_contents (path, csv->str, (gssize) csv->len, &error))
        show_message (self, error->message);
    }
  g_object_unref (chooser);
}

static void
export_csv_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  TdReportsPage *self = TD_REPORTS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->report == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Report as CSV"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  name = suggested_name (self, "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (csv_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
preview_pdf_cb (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  TdReportsPage *self = TD_REPORTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  TdReportDocInfo info = { 0 };

  if (self->report == NULL)
    return;
  shop = td_context_dup_shop_name (self->context);
  address = td_store_settings_dup (td_context_get_database (self->context), TD_SETTING_SHOP_ADDRESS,
                                   NULL);
  info.shop_name = shop;
  info.shop_address = address;
  info.currency = td_context_get_currency (self->context);
  info.money_format = &self->fmt;
  name = suggested_name (self, "pdf");
  dir = g_dir_make_tmp ("thriftdesk-report-XXXXXX", &error);
  if (dir != NULL)
    path = g_build_filename (dir, name, NULL);
  if (path == NULL || !td_report_write_pdf (self->report, &info, TD_PAPER_A4, path, &error))
    {
      show_message (self, error != NULL ? error->message : _("The PDF could not be written."));
      return;
    }
  td_report_preview_show (widget, path, name);
}

static void
statements_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  TdReportsPage *self = TD_REPORTS_PAGE (widget);

  if (self->report != NULL)
    td_reports_page_write_statements (widget, self->context, td_report_get_period (self->report));
}

static void
payout_run_cb (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  TdReportsPage *self = TD_REPORTS_PAGE (widget);

  if (self->context != NULL)
    td_reports_page_payout_run (widget, self->context);
}

static void
refresh_cb (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  reload (TD_REPORTS_PAGE (widget));
}

/* Signals ------------------------------------------------------------------------------------ */

static void
row_selected_cb (GtkListBox    *box,
                 GtkListBoxRow *row,
                 gpointer       user_data)
{
  TdReportsPage *self = user_data;

  if (row == NULL)
    return;
  self->kind = (TdReportKind) gtk_list_box_row_get_index (row);
  reload (self);
}

static void
period_changed_cb (TdReportsPage *self)
{
  reload (self);
}

/* GObject ----------------------------------------------------------------------------------- */

static void
td_reports_page_dispose (GObject *object)
{
  TdReportsPage *self = TD_REPORTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_REPORTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->report, td_report_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (td_reports_page_parent_class)->dispose (object);
}

static void
td_reports_page_class_init (TdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_reports_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thriftdesk/Thriftdesk/ui/td-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, period_drop);
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, compare_check);
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, TdReportsPage, content);
  gtk_widget_class_install_action (widget_class, "reports.export-csv", NULL, export_csv_cb);
  gtk_widget_class_install_action (widget_class, "reports.preview-pdf", NULL, preview_pdf_cb);
  gtk_widget_class_install_action (widget_class, "reports.statements", NULL, statements_cb);
  gtk_widget_class_install_action (widget_class, "reports.payout-run", NULL, payout_run_cb);
  gtk_widget_class_install_action (widget_class, "reports.refresh", NULL, refresh_cb);
}

static void
td_reports_page_init (TdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_name (GTK_WIDGET (self->content), "report-content");
  td_money_format_init_current (&self->fmt);
  for (guint k = 0; k < TD_N_REPORTS; k++)
    {
      GtkWidget *label = gtk_label_new (td_report_kind_get_title (k));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->report_list, label);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.preview-pdf", FALSE);
  g_signal_connect (self->report_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect_swapped (self->period_drop, "notify::selected", G_CALLBACK (period_changed_cb), self);
  g_signal_connect_swapped (self->compare_check, "toggled", G_CALLBACK (period_changed_cb), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (period_changed_cb), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (period_changed_cb), self);
}

/* Public ------------------------------------------------------------------------------------- */

void
td_reports_page_set_context (TdReportsPage *self,
                             TdContext     *context)
{
  g_return_if_fail (TD_IS_REPORTS_PAGE (self));
  if (!g_set_object (&self->context, context))
    return;
  gtk_list_box_select_row (self->report_list,
                           gtk_list_box_get_row_at_index (self->report_list, self->kind));
  reload (self);
}

/* Shows report @kind for the chosen period (and runs it). */
void
td_reports_page_show_report (TdReportsPage *self,
                             TdReportKind   kind)
{
  g_return_if_fail (TD_IS_REPORTS_PAGE (self) && kind < TD_N_REPORTS);
  gtk_list_box_select_row (self->report_list, gtk_list_box_get_row_at_index (self->report_list, kind));
}

/* Returns: (nullable) (transfer none): the report shown. */
TdReport *
td_reports_page_get_report (TdReportsPage *self)
{
  return self->report;
}

/* Whether a report is being read. */
gboolean
td_reports_page_get_busy (TdReportsPage *self)
{
  return self->cancellable != NULL;
}
