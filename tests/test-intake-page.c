/* test-intake-page.c — the Intake page in the real application under Xvfb: a new consignor's
 * bag of 20 items entered from the keyboard, refusals at the field, the suggested price, the
 * tags and the intake slip. Keys go through the page's own key controller (the code a key
 * press runs), text is set on the focused field as typing would, choices are made on the
 * choosers. Screenshots go to <build>/tests/screenshots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "td-application.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-intake-page-private.h"
#include "td-store-catalogue.h"
#include "td-stock-error.h"
#include "td-store-pricing.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-window-private.h"

#define DEMO_ITEMS   300
#define BAG_ITEMS    20
#define WAIT_MS      10000
#define WATCHDOG_S   120

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

/* ---- Running the application (as test-ui.c) ------------------------------------------ */

typedef void (*ScenarioFunc) (GtkApplication *app,
                              gpointer        data);

typedef struct
{
  ScenarioFunc func;
  gpointer     data;
  gboolean     started;
  gboolean     finished;
} Scenario;

static gboolean
scenario_idle_cb (gpointer user_data)
{
  Scenario *scenario = user_data;
  GApplication *app = g_application_get_default ();
  GList *toplevels;

  scenario->func (GTK_APPLICATION (app), scenario->data);
  scenario->finished = TRUE;

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             Scenario     *scenario)
{
  if (scenario->started)
    return;
  scenario->started = TRUE;
  g_idle_add (scenario_idle_cb, scenario);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The application did not finish within %d s", WATCHDOG_S);
  return G_SOURCE_REMOVE;
}

static void
run_app (const char *database,
         Scenario   *scenario)
{
  g_autoptr(TdApplication) app = td_application_new ();
  char *argv[] = { (char *) "thriftdesk", (char *) "--database", (char *) database, NULL };
  guint watchdog;

  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), scenario);
  watchdog = g_timeout_add_seconds (WATCHDOG_S, watchdog_cb, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_source_remove (watchdog);
  g_assert_true (scenario->finished);
}

/* ---- Driving the page like a keyboard ------------------------------------------------ */

static TdWindow *
find_main_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Focuses @row and puts @text in it, as typing there would. */
static void
type_into (AdwEntryRow *row,
           const char  *text)
{
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row)));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Presses Enter (with @mods) where the focus is, through the page's key controller. */
static gboolean
press_enter (TdIntakePage    *page,
             GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "td-intake-enter") == 0)
        {
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 36, mods, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

/* Enter in an entry row's text: the row's own activation (start page, new consignor). */
static void
activate_entry_row (AdwEntryRow *row)
{
  GtkWidget *text = find_descendant (GTK_WIDGET (row), GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  gtk_widget_grab_focus (text);
  /* What GtkText's Enter key binding emits. */
  g_signal_emit_by_name (text, "activate");
}

static GtkWidget *
error_row (TdIntakePage *page,
           const char   *field)
{
  GtkWidget *row = g_hash_table_lookup (page->error_rows, field);

  g_assert_nonnull (row);
  return row;
}

static gboolean
error_shown (TdIntakePage *page,
             const char   *field)
{
  return gtk_widget_get_visible (error_row (page, field));
}

static guint
find_category (TdIntakePage *page,
               const char   *code)
{
  for (guint i = 0; i < page->categories->len; i++)
    if (g_strcmp0 (g_array_index (page->categories, TdCategoryInfo, i).code, code) == 0)
      return i;
  g_assert_not_reached ();
}

static gint64
count_items (TdDatabase *db,
             gint64      intake_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db),
                                       "SELECT count(*) FROM item WHERE intake_id = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, intake_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* ---- The bag ------------------------------------------------------------------------- */

typedef struct
{
  char *dir;
  char *path;
} Shop;

static int
count_list_rows (GtkListBox *list)
{
  int n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static void
bag_scenario (GtkApplication *app,
              gpointer        data)
{
  Shop *shop = data;
  TdWindow *window = find_main_window (app);
  TdDatabase *db;
  TdIntakePage *page;
  GtkWidget *row;
  guint women;
  gint64 intake_id;
  TdPriceSuggestion expected = { 0 };
  TdPriceRounding rounding;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_price = NULL;
  g_autofree char *expected_prefix = NULL;
  const char *shown;
  sqlite3_stmt *stmt = NULL;
  gint64 first_category = 0;
  g_autofree char *first_brand = NULL;
  int n_rows = 0;

  g_assert_nonnull (window);
  db = td_context_get_database (td_window_get_context (window));
  td_test_wait_frames (GTK_WIDGET (window), 1);
  /* A demo shop has staff accounts: the window opens locked. */
  g_assert_true (td_window_is_locked (window));
  td_test_sign_in_owner (window);

  /* The new section sits between Sell and Inventory; Ctrl+1…5 keep their sections. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "intake"));
  g_assert_cmpstr (td_window_get_section (window), ==, "intake");
  page = TD_INTAKE_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                        "intake_page"));
  g_assert_true (TD_IS_INTAKE_PAGE (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->mode_stack), ==, "start");
  td_test_screenshot (GTK_WIDGET (window), "intake-start");
  /* Shown, the page puts the cursor in the search: typing starts at once. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (page->consignor_entry)));

  /* Start: type a name nobody has, go down to "New Consignor…", Enter. */
  gtk_widget_grab_focus (GTK_WIDGET (page->consignor_entry));
  gtk_editable_set_text (GTK_EDITABLE (page->consignor_entry), "Nadia Keyboard");
  WAIT_FOR (page->owner_matches != NULL && page->owner_matches->len == 0 &&
            gtk_list_box_get_selected_row (page->owner_list) != NULL, WAIT_MS);
  row = GTK_WIDGET (gtk_list_box_get_selected_row (page->owner_list));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "New Consignor…");
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->mode_stack), ==, "new-consignor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->new_name_row)), ==,
                   "Nadia Keyboard");

  /* A code that isn't one is refused at the field, with nothing created. */
  type_into (page->new_code_row, "n k!");
  activate_entry_row (page->new_phone_row);
  g_assert_true (error_shown (page, TD_FIELD_CODE));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page->new_code_row), "error"));
  g_assert_cmpint (page->intake_id, ==, 0);

  type_into (page->new_code_row, "NK");
  g_assert_false (error_shown (page, TD_FIELD_CODE));
  type_into (page->new_phone_row, "555 0134");
  activate_entry_row (page->new_phone_row);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->mode_stack), ==, "form");
  intake_id = td_intake_page_get_intake_id (page);
  g_assert_cmpint (intake_id, >, 0);
  g_assert_nonnull (page->consignor);
  g_assert_cmpstr (page->consignor->draft.code, ==, "NK");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->min_price_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->cost_row)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (page->title_row)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (page->title_row)));
  td_test_screenshot (GTK_WIDGET (window), "intake-empty-form");

  /* An empty title is refused at the field; nothing is written. */
  women = find_category (page, "clothing.women");
  gtk_drop_down_set_selected (page->category_dropdown, women);
  type_into (page->brand_row, "Zara");
  type_into (page->price_row, "10");
  g_assert_true (press_enter (page, 0));
  g_assert_true (error_shown (page, TD_FIELD_TITLE));
  shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row (page, TD_FIELD_TITLE)));
  g_assert_cmpstr (shown, ==, "Enter a title.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page->title_row), "error"));
  g_assert_cmpint (count_items (db, intake_id), ==, 0);
  g_assert_cmpuint (td_intake_page_get_n_items (page), ==, 0);
  td_test_screenshot (GTK_WIDGET (window), "intake-error-title");

  /* A price below the consignor's minimum: refused at the price. */
  type_into (page->title_row, "Wool coat");
  g_assert_false (error_shown (page, TD_FIELD_TITLE));
  type_into (page->min_price_row, "15");
  type_into (page->price_row, "10");
  g_assert_true (press_enter (page, 0));
  g_assert_true (error_shown (page, TD_FIELD_PRICE));
  shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row (page, TD_FIELD_PRICE)));
  g_assert_nonnull (strstr (shown, "minimum"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page->price_row), "error"));
  g_assert_cmpint (count_items (db, intake_id), ==, 0);
  td_test_screenshot (GTK_WIDGET (window), "intake-error-minimum");
  type_into (page->min_price_row, "");

  /* The suggestion shown is the store's, for category + brand + grade; Alt+S takes it. */
  adw_combo_row_set_selected (page->grade_row, 1);
  g_assert_true (td_store_pricing_get_rounding (db, &rounding, &error));
  g_assert_true (td_store_pricing_suggest (db, g_array_index (page->categories, TdCategoryInfo,
                                                              women).id,
                                           "Zara",
                                           g_array_index (page->grades, TdGradeInfo, 1).id,
                                           rounding, &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected.count, >, 0);
  expected_price = td_money_format_plain (expected.price,
                                          td_context_get_currency (td_window_get_context (window)),
                                          &page->money_format);
  expected_prefix = g_strdup_printf ("Suggested: %s · median of %u sold", expected_price,
                                     expected.count);
  shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (page->suggestion_row));
  g_test_message ("Suggestion: %s", shown);
  g_assert_true (g_str_has_prefix (shown, expected_prefix));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intake.use-suggested", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->price_row)), ==, expected_price);

  /* The grade's definition is shown while grading. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page->grade_row)), ==,
                   g_array_index (page->grades, TdGradeInfo, 1).definition);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page->grade_row)), !=, "");

  /* 20 items; category, brand and grade carry over from the first. */
  for (int i = 0; i < BAG_ITEMS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Item %02d of the bag", i + 1);
      g_autofree char *price = g_strdup_printf ("%d.50", 8 + i);

      type_into (page->title_row, title);
      g_assert_cmpuint (gtk_drop_down_get_selected (page->category_dropdown), ==, women);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->brand_row)), ==, "Zara");
      type_into (page->size_row, i % 2 ? "M" : "L");
      type_into (page->colour_row, "navy");
      if (i == 2)
        {
          /* Space on a defect ticks it. */
          GtkWidget *check = g_ptr_array_index (page->defect_checks, 0);

          gtk_widget_grab_focus (check);
          g_assert_true (gtk_widget_activate (check));
          g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
        }
      type_into (page->price_row, price);
      type_into (page->min_price_row, i == 0 ? "6" : "");
      if (i == 4)
        {
          /* Enter in the description is a new line; Ctrl+Enter saves. */
          gtk_widget_grab_focus (GTK_WIDGET (page->description_view));
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (page->description_view),
                                    "Lined, two pockets.", -1);
          g_assert_false (press_enter (page, 0));
          g_assert_true (press_enter (page, GDK_CONTROL_MASK));
        }
      else
        {
          /* Enter from a field in the middle of the form saves. */
          gtk_widget_grab_focus (GTK_WIDGET (page->colour_row));
          g_assert_true (press_enter (page, 0));
        }
      g_assert_cmpuint (td_intake_page_get_n_items (page), ==, (guint) i + 1);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->title_row)), ==, "");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page->quantity_row)), ==, "1");
      g_assert_cmpuint (adw_combo_row_get_selected (page->grade_row), ==, 1);
      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                             GTK_WIDGET (page->title_row)));
      if (i == 11)
        td_test_screenshot (GTK_WIDGET (window), "intake-mid-bag");
    }
  g_assert_cmpint (count_items (db, intake_id), ==, BAG_ITEMS);
  g_assert_cmpint (count_list_rows (page->session_list), ==, BAG_ITEMS);

  /* A 21st item by mistake: the toast's Undo takes it back, row and all; then Alt+Z's action
   * takes back another typed by mistake. The bag stays at 20. */
  for (int i = 0; i < 2; i++)
    {
      type_into (page->title_row, "Not from this bag");
      type_into (page->price_row, "5");
      g_assert_true (press_enter (page, 0));
      g_assert_cmpint (count_items (db, intake_id), ==, BAG_ITEMS + 1);
      g_assert_cmpint (count_list_rows (page->session_list), ==, BAG_ITEMS + 1);
      g_assert_nonnull (page->saved_toast);
      if (i == 0)
        {
          td_test_screenshot (GTK_WIDGET (window), "intake-undo-toast");
          g_signal_emit_by_name (page->saved_toast, "button-clicked");
        }
      else
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intake.undo", NULL));
        }
      g_assert_cmpint (count_items (db, intake_id), ==, BAG_ITEMS);
      g_assert_cmpuint (td_intake_page_get_n_items (page), ==, BAG_ITEMS);
      g_assert_cmpint (count_list_rows (page->session_list), ==, BAG_ITEMS);
    }

  /* A narrow window still fits. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 720);
  td_test_wait_frames (GTK_WIDGET (window), 3);
  td_test_screenshot (GTK_WIDGET (window), "intake-narrow");

  /* What was written: the consignor, their share, SKUs in sequence, the carry-over. */
  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db),
                                       "SELECT i.sku, i.consignor_id, i.share_bp, i.category_id, "
                                       "       i.brand, i.title, i.defects, i.description, "
                                       "       c.share_bp IS NULL, i.min_price "
                                       "FROM item i JOIN consignor c ON c.id = i.consignor_id "
                                       "WHERE i.intake_id = ? ORDER BY i.id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, intake_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sku = g_strdup_printf ("NK-%04d", n_rows + 1);
      g_autofree char *title = g_strdup_printf ("Item %02d of the bag", n_rows + 1);

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, sku);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, page->consignor->id);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, page->consignor->effective_share_bp);
      if (n_rows == 0)
        {
          first_category = sqlite3_column_int64 (stmt, 3);
          first_brand = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          g_assert_cmpint (first_category, ==,
                           g_array_index (page->categories, TdCategoryInfo, women).id);
          g_assert_cmpstr (first_brand, ==, "Zara");
          g_assert_cmpint (sqlite3_column_int64 (stmt, 9), ==, 600);
        }
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, first_category);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, first_brand);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, title);
      if (n_rows == 2)
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), !=, "[]");
      else
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, "[]");
      if (n_rows == 4)
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, "Lined, two pockets.");
      n_rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (n_rows, ==, BAG_ITEMS);

  /* Ctrl+Shift+Enter finishes; then tags (roll, one page each) and the slip. */
  gtk_widget_grab_focus (GTK_WIDGET (page->title_row));
  g_assert_true (press_enter (page, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->mode_stack), ==, "done");
  td_test_screenshot (GTK_WIDGET (window), "intake-done");
  {
    g_autofree char *tags = g_build_filename (shop->dir, "tags.pdf", NULL);
    g_autofree char *slip = g_build_filename (shop->dir, "slip.pdf", NULL);
    g_autofree char *info = NULL;
    g_autofree char *text = NULL;
    const char *pdfinfo[] = { "pdfinfo", tags, NULL };
    const char *pdftotext[] = { "pdftotext", "-layout", slip, "-", NULL };

    g_autofree char *tag_text = NULL;
    g_autofree char *expected_note = NULL;
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();
    g_autoptr(GDateTime) due = g_date_time_add_days (today, 30);
    const char *tag_pdftotext[] = { "pdftotext", tags, "-", NULL };
    TdMarkdownRule rule = { .after_days = 30, .percent_bp = 2500, .active = TRUE };

    /* With a markdown schedule, the tags print the day the first step lowers the price. */
    g_assert_true (td_store_pricing_add_markdown_rule (db, &rule, g_get_real_time (), NULL,
                                                       &error));
    g_assert_no_error (error);
    g_assert_true (td_intake_page_write_tags (page, TD_TAG_FORMAT_THERMAL_2X1, tags, &error));
    g_assert_no_error (error);
    info = run_tool (pdfinfo);
    g_assert_nonnull (strstr (info, "Pages:           20"));
    tag_text = run_tool (tag_pdftotext);
    expected_note = g_date_time_format (due, "−25 %% from %-d %b");
    g_test_message ("Tag note expected: %s", expected_note);
    g_assert_nonnull (strstr (tag_text, expected_note));

    g_assert_true (td_intake_page_write_slip (page, slip, &error));
    g_assert_no_error (error);
    text = run_tool (pdftotext);
    g_assert_nonnull (strstr (text, "Nadia Keyboard"));
    g_assert_nonnull (strstr (text, "NK-0020"));
  }

  /* The catalogue the form offers: the tree by path, with checklists; consignors by code
   * prefix or part of the name. */
  {
    const TdCategoryInfo *category = &g_array_index (page->categories, TdCategoryInfo, women);
    g_autoptr(GArray) by_code = td_store_catalogue_find_consignors (db, "nk", 8, &error);
    g_autoptr(GArray) by_name = td_store_catalogue_find_consignors (db, "keyboard", 8, &error);

    g_assert_cmpstr (category->path, ==, "Clothing › Women");
    g_assert_cmpint (category->depth, ==, 1);
    g_assert_nonnull (category->defects[0]);
    g_assert_cmpstr (g_array_index (page->categories, TdCategoryInfo, women - 1).code, ==,
                     "clothing");
    g_assert_cmpstr (g_array_index (by_code, TdConsignorMatch, 0).code, ==, "NK");
    g_assert_cmpuint (by_name->len, ==, 1);
    g_assert_cmpstr (g_array_index (by_name, TdConsignorMatch, 0).name, ==, "Nadia Keyboard");
  }

  /* Next bag: bought outright, chosen from the list; its cost is asked for. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intake.choose-owner", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->mode_stack), ==, "start");
  for (int i = 0; (row = GTK_WIDGET (gtk_list_box_get_row_at_index (page->owner_list, i))) != NULL;
       i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                   "Bought Outright") == 0)
      break;
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->mode_stack), ==, "form");
  g_assert_null (page->consignor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->cost_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->min_price_row)));
  intake_id = td_intake_page_get_intake_id (page);
  type_into (page->title_row, "Teak side table");
  type_into (page->price_row, "45");
  g_assert_true (press_enter (page, 0));
  g_assert_true (error_shown (page, TD_FIELD_COST));
  g_assert_cmpint (count_items (db, intake_id), ==, 0);
  type_into (page->cost_row, "-3");
  g_assert_true (press_enter (page, 0));
  g_assert_true (error_shown (page, TD_FIELD_COST));
  type_into (page->cost_row, "12");
  g_assert_true (press_enter (page, 0));
  g_assert_cmpint (count_items (db, intake_id), ==, 1);
  g_assert_true (g_str_has_prefix (g_array_index (page->lines, TdIntakeLine, 0).sku, "B-"));

  /* And a known consignor by typing their code: Enter takes the best match. */
  g_assert_true (press_enter (page, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "intake.choose-owner", NULL));
  gtk_editable_set_text (GTK_EDITABLE (page->consignor_entry), "nk");
  WAIT_FOR (page->owner_matches != NULL && page->owner_matches->len == 1, WAIT_MS);
  g_signal_emit_by_name (page->consignor_entry, "activate");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->mode_stack), ==, "form");
  g_assert_nonnull (page->consignor);
  g_assert_cmpstr (page->consignor->draft.code, ==, "NK");
  g_assert_cmpuint (td_intake_page_get_n_items (page), ==, 0);
}

static void
test_bag (void)
{
  g_autoptr(GError) error = NULL;
  Shop shop = { td_test_make_tmpdir () };
  Scenario scenario = { bag_scenario, &shop };
  TdDemoOptions options;

  shop.path = g_build_filename (shop.dir, "shop.db", NULL);
  td_demo_options_init (&options);
  options.items = DEMO_ITEMS;
  options.consignors = 12;
  options.months = 2;
  options.now_us = g_get_real_time ();
  td_demo_generate (shop.path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  run_app (shop.path, &scenario);

  td_test_rmdir_recursive (shop.dir);
  g_free (shop.dir);
  g_free (shop.path);
}

/* ---- The catalogue the form reads (no window) ---------------------------------------- */

static void
exec_sql (TdDatabase *db,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (td_database_get_handle (db), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static void
test_catalogue (void)
{
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  g_autoptr(GArray) categories = NULL;
  g_autoptr(GArray) grades = NULL;
  g_autoptr(GArray) found = NULL;
  const TdCategoryInfo *odd = NULL;
  int depth_before = -1;

  g_assert_no_error (error);

  /* A checklist with escapes, a sub-sub-category, positions deciding the order. */
  exec_sql (db, "INSERT INTO category (code, parent_id, name, defects, position) "
                "SELECT 'test.odd', id, 'Odd \"things\"', "
                "       '[\"Chip \\\"A\\\"\", \"Caf\\u00e9 stain\", \"\", \"Back\\\\slash\"]', 99 "
                "FROM category WHERE code = 'clothing.women'");
  categories = td_store_catalogue_list_categories (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, >, 3);
  for (guint i = 0; i < categories->len; i++)
    {
      const TdCategoryInfo *category = &g_array_index (categories, TdCategoryInfo, i);

      /* Depth-first: a category comes right after its parent's subtree began. */
      g_assert_cmpint (category->depth, <=, depth_before + 1);
      depth_before = category->depth;
      g_assert_nonnull (category->path);
      g_assert_nonnull (category->defects);
      if (g_strcmp0 (category->code, "test.odd") == 0)
        {
          odd = category;
          g_assert_cmpstr (g_array_index (categories, TdCategoryInfo, i - 1).code, ==,
                           "clothing.women");
        }
    }
  g_assert_nonnull (odd);
  g_assert_cmpstr (odd->path, ==, "Clothing › Women › Odd \"things\"");
  g_assert_cmpint (odd->depth, ==, 2);
  g_assert_cmpuint (g_strv_length (odd->defects), ==, 3);
  g_assert_cmpstr (odd->defects[0], ==, "Chip \"A\"");
  g_assert_cmpstr (odd->defects[1], ==, "Café stain");
  g_assert_cmpstr (odd->defects[2], ==, "Back\\slash");

  grades = td_store_catalogue_list_grades (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grades->len, >=, 3);
  for (guint i = 0; i < grades->len; i++)
    {
      g_assert_cmpstr (g_array_index (grades, TdGradeInfo, i).label, !=, "");
      g_assert_cmpstr (g_array_index (grades, TdGradeInfo, i).definition, !=, "");
    }

  /* Search: code prefix or name part; LIKE's wildcards are plain letters here; inactive
   * consignors are not offered. */
  exec_sql (db, "INSERT INTO consignor (code, name, phone, created_at, active) VALUES "
                "('AB12', 'Ann Bell', '555', 0, 1), ('ZZ', '100% Wool_Co', '', 0, 1), "
                "('OLD', 'Ann Old', '', 0, 0)");
  found = td_store_catalogue_find_consignors (db, "ab", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_array_index (found, TdConsignorMatch, 0).code, ==, "AB12");
  g_clear_pointer (&found, g_array_unref);
  found = td_store_catalogue_find_consignors (db, "ann", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  found = td_store_catalogue_find_consignors (db, "0% W", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_array_index (found, TdConsignorMatch, 0).code, ==, "ZZ");
  g_clear_pointer (&found, g_array_unref);
  found = td_store_catalogue_find_consignors (db, "_", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  found = td_store_catalogue_find_consignors (db, "", 1, &error);
  g_assert_cmpuint (found->len, ==, 1);

  g_clear_object (&db);
  td_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");

  g_test_add_func ("/td/ui/intake/catalogue", test_catalogue);
  g_test_add_func ("/td/ui/intake/bag", test_bag);

  return g_test_run ();
}
