/* test-overrides.c — "Ask a Manager…" on refused acts, and dialogs under the idle lock, in the
 * real application window on a real demo shop file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "td-application.h"
#include "td-demo.h"
#include "td-override-dialog.h"
#include "td-sell-page-private.h"
#include "td-store-sales.h"
#include "td-store.h"
#include "td-test-ui.h"
#include "td-test.h"
#include "td-window-private.h"

#define WAIT_MS    20000
#define WATCHDOG_S 100
#define DAY_US     (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

static char *template_shop;
static char *shop_path;

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

/* ---- The application ----------------------------------------------------------------- */

typedef void (*ScenarioFunc) (GtkApplication *app);

static void
call_scenario (GtkApplication *app,
               gpointer        func)
{
  ((ScenarioFunc) func) (app);
}

/* Runs @func in the app on a fresh copy of the template shop. */
static void
run_scenario (ScenarioFunc func)
{
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  shop_path = g_build_filename (dir, "shop.db", NULL);
  g_assert_true (g_file_get_contents (template_shop, &contents, &length, &error));
  g_assert_true (g_file_set_contents (shop_path, contents, length, &error));
  td_test_run_app (shop_path, call_scenario, (gpointer) func, WATCHDOG_S);
  td_test_rmdir_recursive (dir);
  g_clear_pointer (&shop_path, g_free);
}

/* ---- The shop file, read on its own connection ---------------------------------------- */

static gint64
query_int (const char *sql,
           const char *arg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (shop_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
staff_id (const char *name)
{
  gint64 id = query_int ("SELECT id FROM staff WHERE name = ?", name);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* How many overrides `approver` gave for `permission`. */
static gint64
overrides (const char *permission)
{
  return query_int ("SELECT count(*) FROM audit WHERE action = 'permission.override' AND "
                    "json_extract (detail, '$.approver') = 'Priya Shah' AND "
                    "json_extract (detail, '$.permission') = ?", permission);
}

/* ---- Widgets --------------------------------------------------------------------------- */

static TdWindow *
main_window (GtkApplication *app)
{
  TdWindow *window = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (window == NULL)
    {
      for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
        if (TD_IS_WINDOW (l->data))
          window = l->data;
      if (window == NULL && g_get_monotonic_time () > deadline)
        g_error ("No main window");
      if (window == NULL)
        iterate ();
    }
  return window;
}

static void
sign_in (TdWindow   *window,
         const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_context_set_staff (td_window_get_context (window), staff_id (name), &error));
  g_assert_no_error (error);
  g_assert_false (td_window_is_locked (window));
}

/* The shown message dialog with a response @response (NULL: any), transient for anything. */
static AdwMessageDialog *
find_message_dialog (const char *response)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        (response == NULL || adw_message_dialog_has_response (l->data, response)))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A message dialog's button, as a click does it (the response, then the dialog closes). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)) &&
      g_object_get_data (G_OBJECT (dialog), "td-override") == NULL)
    gtk_window_close (GTK_WINDOW (dialog));
  settle (20);
}

/* Position of Priya Shah (the manager) among the approvers the dialog lists. */
static guint
approver_index (GtkWidget *dialog)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find_type (dialog, GTK_TYPE_DROP_DOWN));
  GListModel *names = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Priya Shah") == 0)
      return i;
  g_assert_not_reached ();
}

/* The refusal in plain words, "Ask a Manager…", a wrong PIN (nothing happens), then Priya's. */
static void
ask_a_manager (const char *shot,
               const char *refused_words,
               const char *permission,
               gint64    (*done) (void),
               gint64      done_before)
{
  AdwMessageDialog *refusal;
  GtkWidget *dialog;
  gint64 overrides_before = overrides (permission);

  WAIT_FOR ((refusal = find_message_dialog ("ask")) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (refusal), refused_words));
  g_assert_cmpint (done (), ==, done_before);
  if (shot != NULL)
    {
      g_autofree char *name = g_strconcat (shot, "-refused", NULL);

      td_test_screenshot (GTK_WIDGET (refusal), name);
    }
  respond (refusal, "ask");

  WAIT_FOR ((dialog = GTK_WIDGET (find_message_dialog ("approve"))) != NULL, WAIT_MS);
  g_assert_false (td_override_dialog_approve (dialog, approver_index (dialog), "0000"));
  g_assert_cmpint (done (), ==, done_before);
  if (shot != NULL)
    {
      g_autofree char *name = g_strconcat (shot, "-wrong-pin", NULL);

      td_test_screenshot (GTK_WIDGET (dialog), name);
    }
  g_assert_cmpint (overrides (permission), ==, overrides_before);

  g_assert_true (td_override_dialog_approve (dialog, approver_index (dialog), "2222"));
  settle (50);
  g_assert_cmpint (done (), ==, done_before + 1);
  g_assert_cmpint (overrides (permission), ==, overrides_before + 1);
}

static gint64
n_sales (void)
{
  return query_int ("SELECT count(*) FROM sale", NULL);
}

static gint64
n_refunds (void)
{
  return query_int ("SELECT count(*) FROM refund", NULL);
}

static gint64
n_no_sales (void)
{
  return query_int ("SELECT count(*) FROM audit WHERE action = 'till.no_sale'", NULL);
}

/* ---- Scenarios ------------------------------------------------------------------------- */

static void
overrides_scenario (GtkApplication *app)
{
  TdWindow *window = main_window (app);
  TdSellPage *page;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) old_sale = NULL;
  g_autofree char *sku = NULL;
  GtkWindow *returns = NULL;
  GList *toplevels;
  gint64 before, old_sale_id;

  sign_in (window, "Jordan Lee");   /* a cashier */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "sell");
  page = TD_SELL_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                      "sell_page"));

  /* 1. A 90 % discount is over the cashier's 20 % limit. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (shop_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sku FROM item WHERE status = 'available' "
                                         "AND min_price = 0 AND price > 100 ORDER BY id LIMIT 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sku = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_true (td_sell_page_scan (page, sku));
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 1);
  g_assert_true (td_cart_set_cart_discount (page->cart, 0, 9000, "Friend", &error));
  g_assert_no_error (error);
  td_sell_page_open_tender (page);
  g_assert_nonnull (page->tender_dialog);
  before = n_sales ();
  td_test_click (find_button (GTK_WIDGET (page->tender_dialog), "_Exact Cash"));
  ask_a_manager ("override-discount", "Only a manager or the owner can give a discount",
                 "discount-over-limit",
                 n_sales, before);
  g_assert_null (page->tender_dialog);        /* completed: the dialog went */
  g_assert_cmpint (td_cart_get_n_lines (page->cart), ==, 0);
  /* The grant was used up: the next such sale is refused again. */
  g_assert_true (td_store_authorize (td_context_get_database (td_window_get_context (window)),
                                     staff_id ("Jordan Lee"), TD_PERMISSION_DISCOUNT_OVER_LIMIT,
                                     NULL, g_get_real_time (), NULL) == FALSE);

  /* 2. A refund after the return window (1 day here). */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT s.id FROM sale s WHERE s.created_at < %" G_GINT64_FORMAT " AND NOT EXISTS "
      "(SELECT 1 FROM refund r WHERE r.sale_id = s.id) ORDER BY s.id DESC LIMIT 1",
      g_get_real_time () - 3 * DAY_US);

    old_sale_id = query_int (sql, NULL);
  }
  g_assert_cmpint (old_sale_id, >, 0);
  old_sale = td_store_sales_get (td_context_get_database (td_window_get_context (window)),
                                 old_sale_id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&page->last_sale, td_sale_unref);
  page->last_sale = td_sale_ref (old_sale);
  td_sell_page_return_last (page);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "td-returns") != NULL)
      returns = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (returns);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_type (GTK_WIDGET (returns),
                                                            GTK_TYPE_CHECK_BUTTON)), TRUE);
  before = n_refunds ();
  td_test_click (find_button (GTK_WIDGET (returns), "_Refund"));
  ask_a_manager (NULL, "return window", "refund-over-limit", n_refunds, before);
  g_assert_cmpint (query_int ("SELECT count(*) FROM audit WHERE json_extract (detail, "
                              "'$.window_override_by') = (SELECT id FROM staff WHERE name = ?)",
                              "Priya Shah"), ==, 1);

  /* 3. Opening the drawer with no sale. */
  before = n_no_sales ();
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.open-drawer", NULL);
  ask_a_manager (NULL, "open the till without a sale", "open-drawer", n_no_sales, before);

  /* Owner-only acts offer no manager. */
  g_assert_false (td_override_can_offer (td_window_get_context (window),
                                         TD_OVERRIDE_MASK (TD_PERMISSION_MANAGE_STAFF)));
  g_assert_false (td_override_can_offer (td_window_get_context (window),
                                         TD_OVERRIDE_MASK (TD_PERMISSION_VIEW_AUDIT)));
  g_assert_true (td_override_can_offer (td_window_get_context (window),
                                        TD_OVERRIDE_MASK (TD_PERMISSION_VOID_SALE)));
}

static void
test_overrides (void)
{
  run_scenario (overrides_scenario);
}

/* ---- Dialogs under the lock ------------------------------------------------------------- */

static guint
lock_index (TdWindow   *window,
            const char *name)
{
  GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (td_test_lock_child (window,
                                                                 "staff_dropdown")));

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (names, i);

      if (GTK_IS_STRING_OBJECT (item) &&
          g_str_has_prefix (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), name))
        return i;
    }
  g_assert_not_reached ();
}

static gboolean
lock_has_focus (TdWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, td_window_get_lock_screen (window));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             char            **answer)
{
  g_free (*answer);
  *answer = g_strdup (response);
}

static void
lock_scenario (GtkApplication *app)
{
  TdWindow *window = main_window (app);
  GtkWidget *dialog, *entry;
  GtkWindow *preferences;
  g_autofree char *answer = NULL;
  GList *toplevels;

  sign_in (window, "Priya Shah");
  /* A message dialog half filled in, and Preferences. */
  dialog = adw_message_dialog_new (GTK_WINDOW (window), "Note", "Half typed");
  entry = gtk_entry_new ();
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "Cancel", "ok", "OK",
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), &answer);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "12 blue jugs");
  WAIT_FOR (gtk_widget_get_mapped (dialog), WAIT_MS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  preferences = NULL;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (preferences);
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (preferences)), WAIT_MS);

  /* Locked: the dialogs are hidden and unusable, the lock screen has the keyboard. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_true (td_window_is_locked (window));
  settle (50);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_assert_false (gtk_widget_get_mapped (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preferences)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  g_assert_true (lock_has_focus (window));
  g_assert_null (answer);

  /* The same manager signs back in: both come back as they were. */
  td_test_lock_sign_in (window, lock_index (window, "Priya Shah"), "2222");
  g_assert_false (td_window_is_locked (window));
  WAIT_FOR (gtk_widget_get_mapped (dialog), WAIT_MS);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "12 blue jugs");
  g_assert_null (answer);

  /* Locked again, and a cashier signs in: the manager's dialogs are closed as cancelled. */
  td_window_lock (window);
  settle (50);
  g_assert_false (gtk_widget_get_visible (dialog));
  td_test_lock_sign_in (window, lock_index (window, "Jordan Lee"), "3333");
  g_assert_false (td_window_is_locked (window));
  settle (50);
  g_assert_null (dialog);
  g_assert_null (preferences);
  g_assert_cmpstr (answer, ==, "cancel");
}

static void
test_lock (void)
{
  run_scenario (lock_scenario);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  sqlite3 *db = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
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
  /* A 1-day return window, so the demo's older sales are outside it. */
  g_assert_cmpint (sqlite3_open (template_shop, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT OR REPLACE INTO setting (key, value) VALUES "
                                 "('refund.window_days', '1')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_test_add_func ("/td/overrides/ask-a-manager", test_overrides);
  g_test_add_func ("/td/overrides/dialogs-under-the-lock", test_lock);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}
