/* test-sale-faults.c — the shop file refuses the sale at the counter, in the real application
 * under Xvfb: a cashier signs in, opens the till, scans three tags and types the tenders, then
 * the window's own connection hits (a) a full disk — SQLite's page cap at the file's current
 * size, its genuine SQLITE_FULL — or (b) a read-only database — `PRAGMA query_only`, its
 * genuine SQLITE_READONLY (root ignores file modes, so chmod would not do). Complete Sale must
 * then say in words that the sale was not saved, keep the payment dialog with what was typed
 * and the cart, write nothing (checked on a second connection), leave the drawer shut and the
 * printer silent; once the fault is lifted the same cart completes as one sale with the next
 * receipt number. Screenshots go to <build>/tests/screenshots/sale-faults-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "td-application.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-escpos.h"
#include "td-sell-page-private.h"
#include "td-store.h"
#include "td-test-ui.h"
#include "td-test.h"
#include "td-window-private.h"

#define WAIT_MS    10000
#define WATCHDOG_S 120

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

typedef enum
{
  FAULT_DISK_FULL,
  FAULT_READ_ONLY,
} Fault;

static char *template_shop;

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

static void
settle (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    iterate ();
}

/* ---- The shop file, read on a connection of its own ------------------------------------- */

static gint64
query_int (const char *path,
           const char *sql,
           const char *arg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* What a sale writes, as one line to compare before and after. */
static char *
fingerprint (const char *path)
{
  static const char *const queries[] = {
    "SELECT count(*) FROM sale",
    "SELECT count(*) FROM sale_line",
    "SELECT count(*) FROM payment",
    "SELECT count(*) FROM ledger",
    "SELECT count(*) FROM audit",
    "SELECT count(*) FROM sync_job",
    "SELECT count(*) FROM till_movement",
    "SELECT count(*) FROM gift_card_movement",
    "SELECT count(*) FROM item WHERE status = 'sold'",
    "SELECT coalesce(sum(sales), 0) FROM report_sale_day",
    "SELECT coalesce(max(receipt_no), 0) FROM sale WHERE register_id = 'main'",
    "SELECT coalesce((SELECT value FROM setting WHERE key = 'counter.main.acknowledged_sale'), 0)",
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_string_append_printf (s, "%s%lld", i ? " " : "", (long long) query_int (path, queries[i], NULL));
  return g_string_free (s, FALSE);
}

/* PRAGMA integrity_check says "ok", or the test stops with what it found. */
static void
assert_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) found = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (found, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (!g_str_equal (found->str, "ok\n"))
    g_error ("%s is damaged:\n%s", path, found->str);
}

static char **
available_skus (const char *path,
                guint       n)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GPtrArray *skus = g_ptr_array_new ();

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sku FROM item WHERE status = 'available' "
                                           "AND quantity = 1 ORDER BY id LIMIT ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, (int) n);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (skus, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (skus->len, ==, n);
  g_ptr_array_add (skus, NULL);
  return (char **) g_ptr_array_free (skus, FALSE);
}

/* ---- Running the application (as test-sell-page.c) -------------------------------------- */

typedef struct
{
  Fault     fault;
  char     *path;
  char     *printer;     /* the receipt printer: a device path, here a file */
  char    **skus;
  gint64    receipt_before;
} Scenario;

static void scenario_run (GtkApplication *app,
                          gpointer        user_data);

static GtkWindow *
find_toplevel (GType type)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* The first descendant of @widget of @type (with CSS class @css_class when given). */
static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
scan_has_focus (TdSellPage *page)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (page->scan_entry));
}

/* Types @code into the scan field and presses Enter, as a USB scanner does. */
static void
scan (TdSellPage *page,
      const char *code)
{
  WAIT_FOR (scan_has_focus (page), WAIT_MS);
  gtk_editable_set_text (GTK_EDITABLE (page->scan_entry), code);
  g_signal_emit_by_name (page->scan_entry, "activate");
  settle (20);
}

/* The first cashier of the demo shop (Jordan Lee, PIN 3333) signs in at the lock screen. */
static void
sign_in_cashier (TdWindow *window)
{
  GListModel *names = G_LIST_MODEL (gtk_drop_down_get_model (
    GTK_DROP_DOWN (td_test_lock_child (window, "staff_dropdown"))));
  guint index = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Jordan Lee"))
      index = i;
  g_assert_cmpuint (index, !=, G_MAXUINT);
  td_test_lock_sign_in (window, index, "3333");
  WAIT_FOR (!td_window_is_locked (window), WAIT_MS);
}

/* Opens the till with a float through the page's own form. */
static void
open_till (TdSellPage *page)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (page), "sell.till-open", NULL);
  WAIT_FOR ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
            WAIT_MS);
  entry = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "100");
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (50);
  g_assert_false (gtk_revealer_get_reveal_child (page->message_revealer));
}

/* The fault, on the window's own connection (the one the Sell page writes through). */
static void
set_fault (TdWindow *window,
           Fault     fault,
           gboolean  on)
{
  sqlite3 *db = td_database_get_handle (td_context_get_database (td_window_get_context (window)));
  char *message = NULL;
  int rc;

  if (fault == FAULT_READ_ONLY)
    rc = sqlite3_exec (db, on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0", NULL, NULL,
                       &message);
  else if (on)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *cap = NULL;
      gint64 pages = 0;

      /* Free pages would take the sale without growing the file: compact it first, so that
       * every page the sale needs is a new one past the cap. */
      rc = sqlite3_exec (db, "VACUUM", NULL, NULL, &message);
      g_assert_cmpint (rc, ==, SQLITE_OK);
      sqlite3_prepare_v2 (db, "SELECT page_count, freelist_count FROM pragma_page_count, "
                              "pragma_freelist_count", -1, &stmt, NULL);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      pages = sqlite3_column_int64 (stmt, 0);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 0);
      sqlite3_finalize (stmt);
      cap = g_strdup_printf ("PRAGMA max_page_count = %lld", (long long) pages);
      rc = sqlite3_exec (db, cap, NULL, NULL, &message);
    }
  else
    rc = sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("setting the fault: %s", message);
}

static void
scenario_run (GtkApplication *app,
              gpointer        user_data)
{
  Scenario *data = user_data;
  TdWindow *window = NULL;
  TdSellPage *page;
  GtkWidget *complete, *cash, *card, *row, *error_label;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *given = NULL;
  TdCartTotals totals;
  const char *text;

  for (GList *l = gtk_application_get_windows (app); window == NULL && l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);
  td_test_wait_frames (GTK_WIDGET (window), 1);
  sign_in_cashier (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "sell");
  page = TD_SELL_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                      "sell_page"));
  td_test_wait_frames (GTK_WIDGET (window), 2);
  open_till (page);
  g_settings_set_string (td_context_get_settings (page->context), "receipt-printer",
                         data->printer);

  for (guint i = 0; data->skus[i] != NULL; i++)
    {
      scan (page, data->skus[i]);
      g_assert_false (gtk_revealer_get_reveal_child (page->message_revealer));
    }
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 3);
  td_cart_get_totals (page->cart, &totals);

  /* Pay: one unit on the card, a round sum of cash over the rest. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.pay", NULL);
  WAIT_FOR (page->tender_dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (page->tender_dialog)),
            WAIT_MS);
  cash = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (page->tender_dialog)),
                                  GTK_TYPE_ENTRY);
  g_assert_nonnull (cash);
  row = gtk_widget_get_ancestor (cash, GTK_TYPE_LIST_BOX_ROW);
  card = find_descendant (gtk_widget_get_next_sibling (row), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (card);
  given = g_strdup_printf ("%lld", (long long) (totals.total / 100 + 20));
  gtk_editable_set_text (GTK_EDITABLE (card), "1");
  gtk_editable_set_text (GTK_EDITABLE (cash), given);
  settle (20);
  complete = gtk_window_get_default_widget (page->tender_dialog);
  g_assert_true (gtk_widget_get_sensitive (complete));

  /* The fault strikes; Complete Sale. */
  before = fingerprint (data->path);
  set_fault (window, data->fault, TRUE);
  td_test_click (complete);
  settle (50);

  /* Said in words, in the dialog that still holds the cart's payment. */
  g_assert_nonnull (page->tender_dialog);
  error_label = find_descendant (GTK_WIDGET (page->tender_dialog), GTK_TYPE_LABEL, "error");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  text = gtk_label_get_text (GTK_LABEL (error_label));
  g_test_message ("refused: %s", text);
  g_assert_true (g_str_has_prefix (text, "The sale was not saved: "));
  g_assert_nonnull (strstr (text, "No payment was recorded"));
  g_assert_nonnull (strstr (text, data->fault == FAULT_DISK_FULL ? "the disk is full"
                                                                  : "can’t be written"));
  g_assert_null (strstr (text, data->path));    /* no file path for the cashier */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cash)), ==, given);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (card)), ==, "1");
  g_assert_true (gtk_widget_get_sensitive (complete));
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 3);
  for (guint i = 0; data->skus[i] != NULL; i++)
    g_assert_cmpstr (td_cart_get_line (page->cart, i)->sku, ==, data->skus[i]);
  g_assert_null (page->receipt_dialog);
  g_assert_cmpint (page->print_sale_id, ==, 0);
  td_test_screenshot (GTK_WIDGET (page->tender_dialog),
                      data->fault == FAULT_DISK_FULL ? "sale-faults-disk-full"
                                                     : "sale-faults-read-only");
  td_test_screenshot (GTK_WIDGET (window),
                      data->fault == FAULT_DISK_FULL ? "sale-faults-disk-full-window"
                                                     : "sale-faults-read-only-window");

  /* Nothing written: no sale, payment, ledger, audit or sync row, no number used; the items
   * still on the floor; the drawer shut and the printer silent. */
  after = fingerprint (data->path);
  g_assert_cmpstr (after, ==, before);
  for (guint i = 0; data->skus[i] != NULL; i++)
    g_assert_cmpint (query_int (data->path, "SELECT status = 'available' FROM item WHERE sku = ?",
                                data->skus[i]), ==, 1);
  g_assert_false (g_file_test (data->printer, G_FILE_TEST_EXISTS));

  /* Pressed again while the fault lasts: refused again, still nothing. */
  td_test_click (complete);
  settle (20);
  g_assert_nonnull (page->tender_dialog);
  g_clear_pointer (&after, g_free);
  after = fingerprint (data->path);
  g_assert_cmpstr (after, ==, before);

  /* The fault lifted: the same cart, the same tenders, one sale. */
  set_fault (window, data->fault, FALSE);
  td_test_click (complete);
  WAIT_FOR (page->receipt_dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (page->receipt_dialog)),
            WAIT_MS);
  g_assert_null (page->tender_dialog);
  g_assert_nonnull (page->last_sale);
  g_assert_cmpint (page->last_sale->receipt_no, ==, data->receipt_before + 1);
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 0);
  gtk_window_destroy (page->receipt_dialog);
  settle (20);
}

/* ---- The tests ---------------------------------------------------------------------------- */

static void
test_fault (gconstpointer user_data)
{
  Fault fault = GPOINTER_TO_INT (user_data);
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *job = NULL;
  gsize len, job_len;
  gint64 sales_before, audit_before, sale_id;
  Scenario scenario = { fault };
  static const guint8 drawer_kick[] = { 0x1b, 0x70, 0x00 };
  gboolean kicked = FALSE;

  scenario.path = g_build_filename (dir, "shop.db", NULL);
  scenario.printer = g_build_filename (dir, "receipt-printer", NULL);
  g_assert_true (g_file_get_contents (template_shop, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (scenario.path, contents, (gssize) len, NULL));
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  scenario.skus = available_skus (scenario.path, 3);
  if (fault == FAULT_DISK_FULL)
    {
      /* A long title (a boxed set, described in full) is copied into the sale line, which then
       * needs pages of its own: at the cap, SQLite must refuse them. (The rest of a sale may
       * fit into room left on existing pages.) */
      sqlite3 *db = NULL;
      char *sql = sqlite3_mprintf ("UPDATE item SET title = 'Boxed set: ' || "
                                   "replace(printf('%%.700c', '*'), '*', 'volume ') "
                                   "WHERE sku = %Q", scenario.skus[2]);

      g_assert_cmpint (sqlite3_open_v2 (scenario.path, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                       SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
      sqlite3_free (sql);
      sqlite3_close (db);
    }
  assert_intact (scenario.path);
  sales_before = query_int (scenario.path, "SELECT count(*) FROM sale", NULL);
  audit_before = query_int (scenario.path, "SELECT count(*) FROM audit WHERE action = "
                                           "'sale.completed'", NULL);
  scenario.receipt_before = query_int (scenario.path, "SELECT coalesce(max(receipt_no), 0) "
                                                      "FROM sale WHERE register_id = 'main'", NULL);

  td_test_run_app (scenario.path, scenario_run, &scenario, WATCHDOG_S);

  /* Exactly one sale, whole, with the next number: no gap, no double. */
  g_assert_cmpint (query_int (scenario.path, "SELECT count(*) FROM sale", NULL), ==, sales_before + 1);
  sale_id = query_int (scenario.path, "SELECT max(id) FROM sale", NULL);
  g_assert_cmpint (query_int (scenario.path, "SELECT receipt_no FROM sale WHERE id = "
                                             "(SELECT max(id) FROM sale)", NULL), ==,
                   scenario.receipt_before + 1);
  g_assert_cmpint (query_int (scenario.path, "SELECT count(*) FROM sale_line WHERE sale_id = "
                                             "(SELECT max(id) FROM sale)", NULL), ==, 3);
  g_assert_cmpint (query_int (scenario.path, "SELECT count(*) FROM payment WHERE sale_id = "
                                             "(SELECT max(id) FROM sale)", NULL), ==, 2);
  g_assert_cmpint (query_int (scenario.path, "SELECT count(*) FROM audit WHERE action = "
                                             "'sale.completed'", NULL), ==, audit_before + 1);
  for (guint i = 0; scenario.skus[i] != NULL; i++)
    g_assert_cmpint (query_int (scenario.path, "SELECT status = 'sold' FROM item WHERE sku = ?",
                                scenario.skus[i]), ==, 1);
  g_assert_cmpint (query_int (scenario.path, "SELECT value FROM setting WHERE key = "
                                             "'counter.main.acknowledged_sale'", NULL), ==, sale_id);
  assert_intact (scenario.path);

  /* The receipt printed once the sale was written, with the drawer kick (cash was given). */
  g_assert_true (g_file_get_contents (scenario.printer, &job, &job_len, NULL));
  for (gsize i = 0; i + sizeof drawer_kick <= job_len; i++)
    if (memcmp (job + i, drawer_kick, sizeof drawer_kick) == 0)
      kicked = TRUE;
  g_assert_true (kicked);

  g_strfreev (scenario.skus);
  g_free (scenario.path);
  g_free (scenario.printer);
  td_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  int result;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  /* The receipt key goes to the fallback file next to the shop: no keyring in tests. */
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = 60;
  options.consignors = 4;
  options.months = 1;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/td/sale-faults/disk-full", GINT_TO_POINTER (FAULT_DISK_FULL),
                        test_fault);
  g_test_add_data_func ("/td/sale-faults/read-only", GINT_TO_POINTER (FAULT_READ_ONLY),
                        test_fault);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}
