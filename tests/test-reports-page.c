/* test-reports-page.c — the Reports page on a real window: a report runs off the main
 * thread and shows as tables, sales over time as a chart with the compared period, and the
 * period picker changes what is shown. Screenshots: <build>/tests/screenshots/reports-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "td-context.h"
#include "td-database.h"
#include "td-demo.h"
#include "td-permission.h"
#include "td-reports-page.h"
#include "td-store-payouts.h"
#include "td-store-reports.h"
#include "td-store-staff.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-ui-resources.h"

#define WAIT_MS 20000

#define WAIT_FOR(expr, ms)                                                          \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (ms) * 1000;              \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out after %d ms waiting for: %s", (int) (ms), #expr);     \
        iterate ();                                                                 \
      }                                                                             \
  } G_STMT_END

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate (void)
{
  guint id = g_timeout_add (10, wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* Lets animations (entry row titles, toasts) finish before a screenshot. */
static void
settle (int ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    iterate ();
}

/* Lets animations settle, then saves @window as screenshots/@name.png. */
static void
screenshot (GtkWindow  *window,
            const char *name)
{
  settle (400);
  td_test_screenshot (GTK_WIDGET (window), name);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType       type,
               const char *title)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data) &&
        (title == NULL || g_strcmp0 (gtk_window_get_title (l->data), title) == 0))
      return l->data;
  return NULL;
}

static void
test_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdContext) context = NULL;
  TdDemoOptions options;
  TdReportsPage *page;
  GtkWindow *window;
  GtkDropDown *drop;
  GtkCheckButton *check;
  TdReport *report;

  td_demo_options_init (&options);
  options.items = 800;
  options.consignors = 10;
  options.months = 14;
  td_demo_generate (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  db = td_database_open (path, &error);
  g_assert_no_error (error);
  context = td_context_new (db);
  /* the owner is signed in: payouts need TD_PERMISSION_PAYOUT */
  {
    g_autoptr(GPtrArray) staff = td_store_staff_list (db, FALSE, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < staff->len; i++)
      if (((TdStaff *) staff->pdata[i])->role == TD_ROLE_OWNER)
        g_assert_true (td_context_set_staff (context, ((TdStaff *) staff->pdata[i])->id, &error));
    g_assert_no_error (error);
  }

  page = g_object_new (TD_TYPE_REPORTS_PAGE, NULL);
  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (window);
  td_reports_page_set_context (page, context);

  /* the sales summary of this month comes first */
  WAIT_FOR (td_reports_page_get_report (page) != NULL && !td_reports_page_get_busy (page), WAIT_MS);
  report = td_reports_page_get_report (page);
  g_assert_cmpint (td_report_get_kind (report), ==, TD_REPORT_SUMMARY);
  g_assert_nonnull (td_report_find_table (report, "tender"));

  /* this year, compared with last year, as a chart */
  drop = GTK_DROP_DOWN (find_type (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN));
  check = GTK_CHECK_BUTTON (find_type (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON));
  gtk_drop_down_set_selected (drop, TD_PERIOD_THIS_YEAR);
  gtk_check_button_set_active (check, TRUE);
  td_reports_page_show_report (page, TD_REPORT_OVER_TIME);
  WAIT_FOR (td_reports_page_get_report (page) != report && !td_reports_page_get_busy (page) &&
            td_report_get_kind (td_reports_page_get_report (page)) == TD_REPORT_OVER_TIME &&
            td_report_get_compare (td_reports_page_get_report (page)) != NULL, WAIT_MS);
  report = td_reports_page_get_report (page);
  g_assert_cmpint (td_report_get_period (report)->first_day % 10000, ==, 101);
  g_assert_nonnull (find_named (GTK_WIDGET (page), "report-chart"));
  g_assert_cmpint (td_report_table_sum (td_report_find_table (report, "buckets"), "sales"), >, 0);
  screenshot (window, "reports-over-time");

  td_reports_page_show_report (page, TD_REPORT_CONSIGNORS);
  WAIT_FOR (td_reports_page_get_report (page) != report && !td_reports_page_get_busy (page) &&
            td_report_get_kind (td_reports_page_get_report (page)) == TD_REPORT_CONSIGNORS, WAIT_MS);
  g_assert_null (find_named (GTK_WIDGET (page), "report-chart"));
  screenshot (window, "reports-consignors");

  /* the payout run: confirm, then the slips open in the preview */
  {
    g_autoptr(GArray) due = td_store_payouts_due (db, &error);
    GtkWindow *preview = NULL;
    AdwMessageDialog *dialog = NULL;

    g_assert_cmpuint (due->len, >, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.payout-run", NULL));
    WAIT_FOR ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL)) != NULL,
              WAIT_MS);
    adw_message_dialog_response (dialog, "pay");
    WAIT_FOR ((preview = find_toplevel (GTK_TYPE_WINDOW, "Report Preview")) != NULL, WAIT_MS);
    screenshot (preview, "reports-payout-slips");
    gtk_window_destroy (preview);
    g_clear_pointer (&due, g_array_unref);
    due = td_store_payouts_due (db, &error);
    g_assert_cmpuint (due->len, ==, 0);
  }

  /* circular impact, and its receipt line switched on (off by default) */
  {
    g_autofree char *before = td_store_settings_dup (db, TD_SETTING_RECEIPT_IMPACT_LINE, NULL);
    g_autofree char *after = NULL;
    GtkWidget *content;
    GtkCheckButton *receipt = NULL;

    g_assert_true (before == NULL || g_strcmp0 (before, "1") != 0);
    report = td_reports_page_get_report (page);
    td_reports_page_show_report (page, TD_REPORT_IMPACT);
    WAIT_FOR (td_reports_page_get_report (page) != report && !td_reports_page_get_busy (page) &&
              td_report_get_kind (td_reports_page_get_report (page)) == TD_REPORT_IMPACT, WAIT_MS);
    content = find_named (GTK_WIDGET (page), "report-content");
    g_assert_nonnull (content);
    receipt = GTK_CHECK_BUTTON (find_type (content, GTK_TYPE_CHECK_BUTTON));
    g_assert_nonnull (receipt);
    g_assert_false (gtk_check_button_get_active (receipt));
    gtk_check_button_set_active (receipt, TRUE);
    after = td_store_settings_dup (db, TD_SETTING_RECEIPT_IMPACT_LINE, NULL);
    g_assert_cmpstr (after, ==, "1");
    screenshot (window, "reports-impact");
  }

  gtk_window_destroy (window);
  g_clear_object (&context);
  g_clear_object (&db);
  td_test_rmdir_recursive (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_resources_register (td_ui_get_resource ());
  g_test_add_func ("/td/reports-page/run-and-chart", test_page);
  return g_test_run ();
}
