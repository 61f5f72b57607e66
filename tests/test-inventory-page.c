/* test-inventory-page.c — the Inventory page in the real application under Xvfb: search,
 * SKU jump, filters, the item editor, a bulk markdown and tags to PDF, each checked against
 * the database. Screenshots go to <build>/tests/screenshots/inventory-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "td-application.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-inventory-page-private.h"
#include "td-store-pricing.h"
#include "td-store-sales.h"
#include "td-inventory-slots.h"
#include "td-item-list.h"
#include "td-store-intake.h"
#include "td-store-items-query.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-text-cell.h"
#include "td-window-private.h"

#define DEMO_ITEMS 300
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

static char *template_shop;   /* generated once; each test works on a copy */

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

/* ---- Running the application (as tests/test-ui.c does) ------------------------------- */

typedef void (*ScenarioFunc) (TdWindow   *window,
                              const char *path);

typedef struct
{
  ScenarioFunc  func;
  const char   *path;
  gboolean      started;
  gboolean      finished;
} Scenario;

static void
close_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
}

static gboolean
scenario_idle_cb (gpointer user_data)
{
  Scenario *scenario = user_data;
  GApplication *app = g_application_get_default ();
  TdWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);

  scenario->func (window, scenario->path);
  scenario->finished = TRUE;
  close_all_windows ();
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
run_scenario (ScenarioFunc func)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "shop.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (template_shop);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdApplication) app = NULL;
  Scenario scenario = { func, path };
  char *argv[] = { (char *) "thriftdesk", (char *) "--database", path, NULL };
  guint watchdog;

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  app = td_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &scenario);
  watchdog = g_timeout_add_seconds (WATCHDOG_S, watchdog_cb, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_source_remove (watchdog);
  g_assert_true (scenario.finished);

  td_test_rmdir_recursive (tmpdir);
}

/* ---- Looking at the page ------------------------------------------------------------- */

static TdInventoryPage *
open_page (TdWindow *window)
{
  TdInventoryPage *page;

  /* Signed in, as staff use it: the lock screen would lie over the page (and its paint). */
  if (td_window_is_locked (window))
    td_test_sign_in_owner (window);
  td_window_set_section (window, "inventory");
  page = TD_INVENTORY_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                           "inventory_view"));
  g_assert_true (TD_IS_INVENTORY_PAGE (page));
  td_test_wait_frames (GTK_WIDGET (page), 1);
  return page;
}

static gpointer
page_child (TdInventoryPage *page,
            const char      *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), TD_TYPE_INVENTORY_PAGE, id);

  g_assert_nonnull (child);
  return child;
}

static GListModel *
page_model (TdInventoryPage *page)
{
  return G_LIST_MODEL (gtk_column_view_get_model (page_child (page, "column_view")));
}

/* The item shown at @position (the view's rows are TdInventorySlots). */
static TdItem *
item_at (TdInventoryPage *page,
         guint            position)
{
  g_autoptr(TdInventorySlot) slot = g_list_model_get_item (page_model (page), position);

  g_assert_nonnull (slot);
  return g_object_ref (td_inventory_slot_get_item (slot));
}

/* How many items the page shows. While nothing matches, the view's own model keeps its rows
 * (stale, behind the no-matches state) so that coming back is cheap: the list says. */
static guint
n_shown (TdInventoryPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (page->list));
}

/* Every label of the column view's rows, depth first. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (TD_IS_TEXT_CELL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static void
type_search (TdInventoryPage *page,
             const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "search_entry")), text);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (const char *heading_prefix)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_str_has_prefix (adw_message_dialog_get_heading (l->data), heading_prefix))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
close_dialogs (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  settle (50);
}

/* What the store says the same search finds, capped as the page counts. */
static guint
store_count (const char         *path,
             const char         *typed,
             const TdItemFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  g_autoptr(TdItemQuery) query = NULL;
  guint count = 0;

  g_assert_no_error (error);
  query = td_store_items_query_new (db, typed, filter, TD_ITEM_SORT_INTAKE, TRUE, &error);
  g_assert_no_error (error);
  td_store_items_query_count (db, query, TD_ITEM_QUERY_COUNT_CAP + 1, &count, &error);
  g_assert_no_error (error);
  return count;
}

static const char *
item_status (const char *path,
             gint64      id)
{
  static char status[32];
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db),
                                       "SELECT status FROM item WHERE id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (status, (const char *) sqlite3_column_text (stmt, 0), sizeof status);
  sqlite3_finalize (stmt);
  return status;
}

static void
load_draft (const char  *path,
            gint64       id,
            TdItemDraft *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);

  g_assert_no_error (error);
  td_item_draft_init (draft);
  td_store_items_load_draft (db, id, draft, &error);
  g_assert_no_error (error);
}

/* ---- Search, SKU, filters ------------------------------------------------------------ */

static void
search_scenario (TdWindow   *window,
                 const char *path)
{
  TdInventoryPage *page = open_page (window);
  TdItemFilter none;
  g_autoptr(TdItem) first = NULL;
  g_autofree char *word = NULL;
  g_autofree char *sku = NULL;
  GtkGrid *grid;
  GtkWidget *status_drop;
  AdwMessageDialog *editor;
  guint all, expected;

  td_item_filter_init (&none);
  all = store_count (path, "", &none);
  WAIT_FOR (n_shown (page) == all, WAIT_MS);
  g_assert_cmpuint (all, ==, DEMO_ITEMS);
  td_test_screenshot (GTK_WIDGET (window), "inventory-all");

  /* Typing narrows the list to what the store finds for the same text. */
  first = item_at (page, 0);
  word = g_strdup (td_item_get_title (first));
  *strchr (word, ' ') = '\0';   /* the title's first word */
  expected = store_count (path, word, &none);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all);
  type_search (page, word);
  WAIT_FOR (n_shown (page) == expected, WAIT_MS);
  g_assert_null (strstr (gtk_label_get_text (page_child (page, "count_label")), "(null)"));
  td_test_screenshot (GTK_WIDGET (window), "inventory-search");

  /* Nothing found: the no-matches state says what was typed. */
  type_search (page, "zzqxnotthere");
  WAIT_FOR (n_shown (page) == 0, WAIT_MS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "view_stack")), ==,
                   "no-matches");
  g_assert_nonnull (strstr (adw_status_page_get_title (page_child (page, "no_matches_page")),
                            "zzqxnotthere"));

  /* Back to everything: the view's rows were kept (not destroyed and built again), and the
   * ones on screen show the newest items again. */
  {
    g_autoptr(GPtrArray) before = g_ptr_array_new ();
    g_autoptr(GPtrArray) after = g_ptr_array_new ();
    guint kept = 0;
    gboolean first_shown = FALSE;

    type_search (page, word);
    WAIT_FOR (n_shown (page) == expected, WAIT_MS);
    td_test_wait_frames (GTK_WIDGET (window), 1);
    collect_labels (page_child (page, "column_view"), before);
    g_assert_cmpuint (before->len, >, 20);
    for (guint i = 0; i < before->len; i++)
      g_object_set_data (g_ptr_array_index (before, i), "td-test-before", GINT_TO_POINTER (1));

    type_search (page, "zzqxnotthere");
    WAIT_FOR (n_shown (page) == 0, WAIT_MS);
    td_test_wait_frames (GTK_WIDGET (window), 1);
    type_search (page, "");
    WAIT_FOR (n_shown (page) == all, WAIT_MS);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "view_stack")), ==,
                     "list");
    td_test_wait_frames (GTK_WIDGET (window), 2);

    collect_labels (page_child (page, "column_view"), after);
    for (guint i = 0; i < after->len; i++)
      {
        TdTextCell *label = g_ptr_array_index (after, i);

        if (g_object_get_data (G_OBJECT (label), "td-test-before") != NULL)
          kept++;
        if (gtk_widget_get_mapped (GTK_WIDGET (label)) &&
            g_strcmp0 (td_text_cell_get_text (label), td_item_get_sku (first)) == 0)
          first_shown = TRUE;
      }
    g_test_message ("%u of %u labels kept through “no results”", kept, before->len);
    g_assert_cmpuint (kept, >=, before->len / 2);
    g_assert_true (first_shown);
  }

  /* A SKU opens its item. */
  sku = g_strdup (td_item_get_sku (first));
  type_search (page, sku);
  WAIT_FOR ((editor = find_dialog ("Edit Item")) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (editor), sku));
  g_assert_cmpuint (n_shown (page), ==, 1);
  close_dialogs ();

  /* A filter restricts: sold items only, as many as the store has. */
  type_search (page, "");
  WAIT_FOR (n_shown (page) == all, WAIT_MS);
  grid = page_child (page, "filter_grid");
  status_drop = gtk_grid_get_child_at (grid, 1, 0);
  g_assert_true (GTK_IS_DROP_DOWN (status_drop));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status_drop), TD_ITEM_STATUS_SOLD + 1);
  {
    TdItemFilter sold;

    td_item_filter_init (&sold);
    sold.status = TD_ITEM_STATUS_SOLD;
    expected = store_count (path, "", &sold);
  }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all);
  WAIT_FOR (n_shown (page) == expected, WAIT_MS);
  for (guint i = 0; i < MIN (expected, 20); i++)
    {
      g_autoptr(TdItem) item = item_at (page, i);

      g_assert_cmpint (td_item_get_status (item), ==, TD_ITEM_STATUS_SOLD);
    }
  td_test_screenshot (GTK_WIDGET (window), "inventory-filter-sold");

  /* A click on the Price header sorts the list by price through the list's own sort. */
  gtk_column_view_sort_by_column (page_child (page, "column_view"),
                                  page_child (page, "price_column"), GTK_SORT_ASCENDING);
  WAIT_FOR (n_shown (page) == expected, WAIT_MS);
  for (guint i = 1; i < MIN (expected, 30); i++)
    {
      g_autoptr(TdItem) before = item_at (page, i - 1);
      g_autoptr(TdItem) item = item_at (page, i);

      g_assert_cmpint (td_item_get_price (before), <=, td_item_get_price (item));
    }
  gtk_column_view_sort_by_column (page_child (page, "column_view"),
                                  page_child (page, "price_column"), GTK_SORT_DESCENDING);
  WAIT_FOR (n_shown (page) == expected, WAIT_MS);
  {
    g_autoptr(TdItem) top = item_at (page, 0);
    g_autoptr(TdItem) last = item_at (page, expected - 1);

    g_assert_cmpint (td_item_get_price (top), >=, td_item_get_price (last));
    g_assert_cmpint (td_item_get_price (top), >, td_item_get_price (last));
  }
}

static void
test_search (void)
{
  run_scenario (search_scenario);
}

/* ---- The editor ---------------------------------------------------------------------- */

static void
set_row (AdwMessageDialog *dialog,
         const char       *name,
         const char       *text)
{
  GtkWidget *row = find_named (GTK_WIDGET (dialog), name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
row_has_error (AdwMessageDialog *dialog,
               const char       *name)
{
  return gtk_widget_has_css_class (find_named (GTK_WIDGET (dialog), name), "error");
}

static AdwMessageDialog *
open_editor (TdInventoryPage *page,
             guint            position)
{
  AdwMessageDialog *dialog;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (page_model (page)), position, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "inventory.edit", NULL));
  WAIT_FOR ((dialog = find_dialog ("Edit Item")) != NULL, WAIT_MS);
  td_test_wait_frames (GTK_WIDGET (dialog), 1);
  return dialog;
}

static void
editor_scenario (TdWindow   *window,
                 const char *path)
{
  TdInventoryPage *page = open_page (window);
  g_autoptr(TdItem) item = NULL;
  g_auto(TdItemDraft) before = { 0 };
  g_auto(TdItemDraft) after = { 0 };
  g_auto(TdItemDraft) saved = { 0 };
  AdwMessageDialog *dialog;
  gint64 id;

  /* The valid change below clears the consignor's minimum, which only a manager or the owner
   * may lower: which demo item comes first depends on the day, so sign the owner in. */
  td_test_sign_in_owner (window);
  WAIT_FOR (n_shown (page) == DEMO_ITEMS, WAIT_MS);
  item = item_at (page, 0);
  id = td_item_get_id (item);
  load_draft (path, id, &before);

  /* An empty title is refused: the row says so, Save is off, and nothing is written. */
  dialog = open_editor (page, 0);
  set_row (dialog, "title", "");
  g_assert_true (row_has_error (dialog, "title"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  td_test_screenshot (GTK_WIDGET (dialog), "inventory-editor-refused");
  adw_message_dialog_response (dialog, "save");
  close_dialogs ();
  load_draft (path, id, &after);
  g_assert_cmpstr (after.title, ==, before.title);
  td_item_draft_clear (&after);

  /* A price below the consignor's minimum is refused too. */
  dialog = open_editor (page, 0);
  set_row (dialog, "min_price", "50.00");
  set_row (dialog, "price", "10.00");
  g_assert_true (row_has_error (dialog, "min_price") || row_has_error (dialog, "price"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  close_dialogs ();
  load_draft (path, id, &after);
  g_assert_cmpint (after.price, ==, before.price);
  g_assert_cmpint (after.min_price, ==, before.min_price);

  /* A valid change is saved. */
  dialog = open_editor (page, 0);
  set_row (dialog, "title", "Edited by the inventory test");
  set_row (dialog, "min_price", "");
  set_row (dialog, "price", "12.34");
  g_assert_false (row_has_error (dialog, "title"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  close_dialogs ();
  load_draft (path, id, &saved);
  g_assert_cmpstr (saved.title, ==, "Edited by the inventory test");
  g_assert_cmpint (saved.price, ==, 1234);
  g_assert_cmpstr (saved.sku, ==, before.sku);
  td_test_screenshot (GTK_WIDGET (window), "inventory-edited");
}

/* ---- Effective prices: rules loaded once per page load ---------------------------------- */

static void
markdown_scenario (TdWindow   *window,
                   const char *path)
{
  TdInventoryPage *page = open_page (window);
  TdDatabase *db = td_context_get_database (td_window_get_context (window));
  TdMarkdownRule rule = { 0, 0, 3, 5000, TRUE };
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 id = 0;
  guint checked = 0;

  WAIT_FOR (n_shown (page) == DEMO_ITEMS, WAIT_MS);
  td_store_pricing_add_markdown_rule (db, &rule, now, &id, &error);
  g_assert_no_error (error);
  td_inventory_page_reload (page);

  for (guint i = 0; i < DEMO_ITEMS && checked < 5; i++)
    {
      g_autoptr(TdItem) item = item_at (page, i);
      g_autofree char *original = NULL;
      g_autofree char *price = NULL;

      if (td_item_get_status (item) != TD_ITEM_STATUS_AVAILABLE ||
          td_item_get_intake_at_us (item) > now - 10 * G_TIME_SPAN_DAY)
        continue;
      price = td_inventory_page_format_price (page, item, &original, NULL);
      /* Ten days on the floor under "50 % off from day 3": the ticket price is struck through. */
      g_assert_nonnull (original);
      g_assert_cmpstr (price, !=, original);
      g_assert_null (strstr (price, "(null)"));
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
  td_test_screenshot (GTK_WIDGET (window), "inventory-markdown-rule");
}

static void
test_markdown (void)
{
  run_scenario (markdown_scenario);
}

/* ---- The price column shows what the counter charges ------------------------------------ */

static void
exec_sql (TdDatabase *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (td_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Every price label of the column view, as set (markup included), with its tooltip. */
static void
collect_price_labels (GtkWidget *widget,
                      GPtrArray *labels)
{
  if (TD_IS_TEXT_CELL (widget) && strstr (td_text_cell_get_label (TD_TEXT_CELL (widget)), "<s>") != NULL)
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_price_labels (child, labels);
}

static GtkWidget *
find_price_label (TdInventoryPage *page,
                  const char      *markup)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_price_labels (page_child (page, "column_view"), labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (td_text_cell_get_label (g_ptr_array_index (labels, i)), markup))
      return g_ptr_array_index (labels, i);
  return NULL;
}

typedef struct
{
  const char *name;
  gint64      min_price;
  int         days_ago;
  const char *tag_colour;
  gint64      expected;     /* the price the counter charges */
  const char *why;          /* in the tooltip */
} PriceCase;

static void
effective_price_scenario (TdWindow   *window,
                          const char *path)
{
  static const PriceCase cases[] = {
    /* 40 days on the floor under "−25 % after 30 days": 20.00 → 15.00. */
    { "markdown", 0, 40, NULL, 1500, "−25 % after 30 days" },
    /* The same, but the consignor's minimum is 17.00: held there, never below. */
    { "minimum", 1700, 40, NULL, 1700, "held at the consignor’s minimum" },
    /* New on the floor with this week's red tag at −50 %: 10.00. */
    { "red tag", 0, 1, "Red", 1000, "Red tag −50 %" },
  };
  TdInventoryPage *page = open_page (window);
  TdContext *context = td_window_get_context (window);
  TdDatabase *db = td_context_get_database (context);
  TdMarkdownRule rule = { 0, 0, 30, 2500, TRUE };
  TdPromotion red = { 0, TD_PROMOTION_COLOUR_TAG, (char *) "Red week", (char *) "red", 0, 5000, 0,
                      0x7f, 0, 0, TRUE };
  g_auto(TdPricingRules) rules = { 0 };
  g_auto(TdCounterConfig) config = { 0 };
  g_autoptr(TdCart) cart = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 ids[G_N_ELEMENTS (cases)];
  gint64 page_now_us, id = 0;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  WAIT_FOR (n_shown (page) == DEMO_ITEMS, WAIT_MS);

  /* The newest available items (the top rows) get the facts of each case. */
  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db),
                                       "SELECT id FROM item WHERE status = 'available' "
                                       "ORDER BY id DESC LIMIT 3", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ids[n++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("UPDATE item SET price = 2000, min_price = %lld, intake_at = %lld, "
                             "tag_colour = %s%s%s WHERE id = %lld",
                             (long long) cases[i].min_price,
                             (long long) (now - cases[i].days_ago * G_TIME_SPAN_DAY),
                             cases[i].tag_colour ? "'" : "",
                             cases[i].tag_colour ? cases[i].tag_colour : "NULL",
                             cases[i].tag_colour ? "'" : "", (long long) ids[i]);
      exec_sql (db, sql);
    }

  td_store_pricing_add_markdown_rule (db, &rule, now, &id, &error);
  g_assert_no_error (error);
  red.starts_at = now - G_TIME_SPAN_DAY;
  td_store_pricing_add_promotion (db, &red, now, &id, &error);
  g_assert_no_error (error);
  td_inventory_page_reload (page);
  WAIT_FOR (n_shown (page) == DEMO_ITEMS, WAIT_MS);
  td_test_wait_frames (GTK_WIDGET (window), 2);

  /* The counter at the same moment, through the sell path: scan each SKU into a cart. */
  td_store_sales_load_config (db, &config, &error);
  g_assert_no_error (error);
  td_store_pricing_load_rules (db, &rules, &error);
  g_assert_no_error (error);
  cart = td_cart_new (&config);
  page_now_us = g_date_time_to_unix (page->now) * G_USEC_PER_SEC +
                g_date_time_get_microsecond (page->now);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdItem) item = NULL;
      g_autofree char *original = NULL;
      g_autofree char *price = NULL;
      g_autofree char *why = NULL;
      g_autofree char *expected = td_context_format_money (context, cases[i].expected);
      g_autofree char *ticket = td_context_format_money (context, 2000);
      g_autofree char *markup = NULL;
      const TdCartLine *line = NULL;
      GtkWidget *label;
      guint position = G_MAXUINT;

      for (guint p = 0; p < 10 && position == G_MAXUINT; p++)
        {
          g_autoptr(TdItem) at = item_at (page, p);

          if (td_item_get_id (at) == ids[i])
            position = p;
        }
      g_assert_cmpuint (position, !=, G_MAXUINT);
      item = item_at (page, position);
      g_test_message ("%s: item %lld at row %u", cases[i].name, (long long) ids[i], position);

      /* What the page computes… */
      price = td_inventory_page_format_price (page, item, &original, &why);
      g_assert_cmpstr (price, ==, expected);
      g_assert_cmpstr (original, ==, ticket);
      g_assert_nonnull (why);
      g_assert_nonnull (strstr (why, cases[i].why));

      /* …is what the cell shows: the ticket price struck through, the price now, and why. */
      markup = g_markup_printf_escaped ("<s>%s</s> <b>%s</b>", ticket, expected);
      label = find_price_label (page, markup);
      g_assert_nonnull (label);
      g_assert_true (gtk_widget_get_mapped (label));
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (label), cases[i].why));

      /* …and what the counter charges. */
      td_store_sales_scan (db, cart, &rules, td_item_get_sku (item), page_now_us, &line, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_cmpint (line->item_id, ==, ids[i]);
      g_assert_cmpint (line->list_price, ==, cases[i].expected);
    }
  td_test_screenshot (GTK_WIDGET (window), "inventory-effective-price");
}

static void
test_effective_price (void)
{
  run_scenario (effective_price_scenario);
}

static void
test_editor (void)
{
  run_scenario (editor_scenario);
}

/* ---- Bulk actions and tags ----------------------------------------------------------- */

static void
bulk_scenario (TdWindow   *window,
               const char *path)
{
  TdInventoryPage *page = open_page (window);
  GtkSelectionModel *selection;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *pdf = g_build_filename (tmpdir, "tags.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *status_drop;
  guint sold_position = G_MAXUINT;
  int status = 0;

  WAIT_FOR (n_shown (page) == DEMO_ITEMS, WAIT_MS);
  selection = GTK_SELECTION_MODEL (page_model (page));

  /* A selection with a sold item: the store refuses the whole set and says why. */
  for (guint i = 0; i < DEMO_ITEMS && sold_position == G_MAXUINT; i++)
    {
      g_autoptr(TdItem) item = item_at (page, i);

      if (td_item_get_status (item) == TD_ITEM_STATUS_SOLD)
        sold_position = i;
    }
  g_assert_cmpuint (sold_position, !=, G_MAXUINT);
  gtk_selection_model_select_item (selection, sold_position, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "inventory.mark-down", NULL));
  WAIT_FOR ((dialog = find_dialog ("Mark Down")) != NULL, WAIT_MS);
  adw_message_dialog_response (dialog, "mark-down");
  WAIT_FOR (find_dialog ("Nothing Was Marked Down") != NULL, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (find_dialog ("Nothing Was Marked Down")),
                      "inventory-bulk-refused");
  close_dialogs ();

  /* Five available items, 20 % off: every price in the database drops. */
  status_drop = gtk_grid_get_child_at (page_child (page, "filter_grid"), 1, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status_drop), TD_ITEM_STATUS_AVAILABLE + 1);
  WAIT_FOR (n_shown (page) < DEMO_ITEMS, WAIT_MS);
  gtk_selection_model_select_range (selection, 0, 5, TRUE);
  ids = td_inventory_page_dup_selected (page);
  g_assert_cmpuint (ids->len, ==, 5);
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(TdItemDraft) draft = { 0 };

      load_draft (path, g_array_index (ids, gint64, i), &draft);
      g_array_append_val (prices, draft.price);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "inventory.mark-down", NULL));
  WAIT_FOR ((dialog = find_dialog ("Mark Down 5")) != NULL, WAIT_MS);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog)), 20);
  td_test_screenshot (GTK_WIDGET (dialog), "inventory-mark-down");
  adw_message_dialog_response (dialog, "mark-down");
  close_dialogs ();
  g_assert_null (find_dialog ("Nothing Was"));
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(TdItemDraft) draft = { 0 };
      gint64 old = g_array_index (prices, gint64, i);

      load_draft (path, g_array_index (ids, gint64, i), &draft);
      g_assert_cmpint (draft.price, <, old);
      g_assert_cmpint (draft.price, >=, MAX (draft.min_price, old * 80 / 100 - 100));
    }
  td_test_screenshot (GTK_WIDGET (window), "inventory-marked-down");

  /* Change the price of two items: both get the new ticket price. */
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_range (selection, 5, 2, TRUE);
  g_clear_pointer (&ids, g_array_unref);
  ids = td_inventory_page_dup_selected (page);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "inventory.set-price", NULL));
  WAIT_FOR ((dialog = find_dialog ("Set the Price of 2")) != NULL, WAIT_MS);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "999.00");
  adw_message_dialog_response (dialog, "set-price");
  close_dialogs ();
  g_assert_null (find_dialog ("Nothing Was"));
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(TdItemDraft) draft = { 0 };

      load_draft (path, g_array_index (ids, gint64, i), &draft);
      g_assert_cmpint (draft.price, ==, 99900);
    }

  /* Return a consigned item to its consignor, donate another: both leave the floor. */
  {
    static const char * const responses[] = { "return", "donate" };
    static const char * const statuses[] = { "returned", "donated" };

    for (guint r = 0; r < G_N_ELEMENTS (responses); r++)
      {
        guint position = G_MAXUINT;
        gint64 id = 0;

        WAIT_FOR (n_shown (page) > 20, WAIT_MS);
        for (guint i = 10; i < n_shown (page) && position == G_MAXUINT; i++)
          {
            g_autoptr(TdItem) item = item_at (page, i);

            if (td_item_get_consignor_id (item) != 0 &&
                td_item_get_status (item) == TD_ITEM_STATUS_AVAILABLE)
              {
                position = i;
                id = td_item_get_id (item);
              }
          }
        g_assert_cmpuint (position, !=, G_MAXUINT);
        gtk_selection_model_unselect_all (selection);
        gtk_selection_model_select_item (selection, position, TRUE);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page),
                                                   r == 0 ? "inventory.return" : "inventory.donate",
                                                   NULL));
        WAIT_FOR ((dialog = find_dialog ("Take 1 item off")) != NULL, WAIT_MS);
        adw_message_dialog_response (dialog, responses[r]);
        close_dialogs ();
        g_assert_null (find_dialog ("Nothing Was"));
        g_assert_cmpstr (item_status (path, id), ==, statuses[r]);
      }
  }

  /* Tags on a roll: one page per selected item. */
  gtk_selection_model_select_range (selection, 0, 7, TRUE);
  g_clear_pointer (&ids, g_array_unref);
  ids = td_inventory_page_dup_selected (page);
  g_assert_cmpuint (ids->len, ==, 7);
  g_assert_true (td_inventory_page_write_tags (page, (const gint64 *) ids->data, ids->len,
                                               TD_TAG_FORMAT_THERMAL_2X1, pdf, &error));
  g_assert_no_error (error);
  {
    char *args[] = { (char *) "pdfinfo", pdf, NULL };

    g_spawn_sync (NULL, args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    const char *pages = strstr (out, "Pages:");

    g_assert_nonnull (pages);
    g_assert_cmpuint (strtoul (pages + strlen ("Pages:"), NULL, 10), ==, ids->len);
  }
  td_test_rmdir_recursive (tmpdir);
}

static void
test_bulk (void)
{
  run_scenario (bulk_scenario);
}

/* ---- A big shop: timings to read, not to assert (TD_TEST_BIG_SHOP=path) --------------- */

static void
big_shop_scenario (TdWindow   *window,
                   const char *path)
{
  static const char * const typed[] = { "l", "le", "lev", "levi", "levis", "jacket", "blue j",
                                        "blue jacket", "zara", "zzqx", "" };
  TdInventoryPage *page = open_page (window);
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  gint64 start;

  WAIT_FOR (n_shown (page) > 0, WAIT_MS);
  td_test_screenshot (GTK_WIDGET (window), "inventory-big-shop");

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      GtkWidget *entry = page_child (page, "search_entry");

      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (entry), typed[i]);
      g_signal_emit_by_name (entry, "search-changed");  /* no 150 ms wait: the cost itself */
      td_test_wait_frames (GTK_WIDGET (window), 1);
      g_test_message ("keystroke “%s” → %u rows painted in %.1f ms", typed[i], n_shown (page),
                      (g_get_monotonic_time () - start) / 1000.0);
    }

  /* Typing as a person does, a letter at a time: ~200 keystrokes. With TD_MEASURE_KEYSTROKES
   * set, the page prints each keystroke's latency and the median and p95 at the end. */
  {
    static const char * const phrases[] = { "levis jeans", "blue jacket", "zara dress",
                                            "wool coat", "tshirt", "nike trainers",
                                            "le creuset", "john lewis", "denim skirt",
                                            "leather bag", "vintage", "silk scarf", "hoodie",
                                            "lego", "boots", "cashmere", "marks", "adidas",
                                            "mango", "whistles" };
    GtkWidget *entry = page_child (page, "search_entry");
    guint n = 0;

    for (guint p = 0; p < G_N_ELEMENTS (phrases); p++)
      for (size_t len = 1; len <= strlen (phrases[p]); len++)
        {
          /* A letter appended at the end, as typing does (setting the whole text would pass
           * through an empty search first). */
          if (len == 1)
            gtk_editable_set_text (GTK_EDITABLE (entry), "");
          {
            int end = -1;

            gtk_editable_insert_text (GTK_EDITABLE (entry), phrases[p] + len - 1, 1, &end);
          }
          g_signal_emit_by_name (entry, "search-changed");
          td_test_wait_frames (GTK_WIDGET (window), 1);
          n++;
        }
    g_test_message ("%u keystrokes typed", n);
  }

  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (page_child (page, "column_view")));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  for (guint i = 0; i < 30; i++)
    {
      double value = i < 20 ? (i + 1) * gtk_adjustment_get_page_size (adjustment)
                            : (i - 19) * (gtk_adjustment_get_upper (adjustment) / 11.0);

      start = g_get_monotonic_time ();
      gtk_adjustment_set_value (adjustment, value);
      td_test_wait_frames (GTK_WIDGET (window), 1);
      g_test_message ("scroll to %.0f of %.0f: frame in %.1f ms", value,
                      gtk_adjustment_get_upper (adjustment),
                      (g_get_monotonic_time () - start) / 1000.0);
    }
  td_test_screenshot (GTK_WIDGET (window), "inventory-big-shop-scrolled");
}

static void
test_big_shop (void)
{
  const char *big = g_getenv ("TD_TEST_BIG_SHOP");
  g_autoptr(TdApplication) app = NULL;
  Scenario scenario = { big_shop_scenario, big };
  char *argv[] = { (char *) "thriftdesk", (char *) "--database", (char *) big, NULL };

  if (big == NULL)
    {
      g_test_skip ("Set TD_TEST_BIG_SHOP to a demo shop to time it");
      return;
    }
  app = td_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &scenario);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (scenario.finished);
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

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = DEMO_ITEMS;
  options.consignors = 12;
  options.months = 2;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/td/inventory/search", test_search);
  g_test_add_func ("/td/inventory/markdown", test_markdown);
  g_test_add_func ("/td/inventory/effective-price", test_effective_price);
  g_test_add_func ("/td/inventory/editor", test_editor);
  g_test_add_func ("/td/inventory/bulk", test_bulk);
  g_test_add_func ("/td/inventory/big-shop", test_big_shop);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}
