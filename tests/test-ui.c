/* test-ui.c — the real application under Xvfb: sections, first run, a file that is not a
 * shop, preferences. Each case runs TdApplication with g_application_run() and a command
 * line, and drives it from an idle once the application has activated. Screenshots go to
 * <build>/tests/screenshots/ for people to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "td-application.h"
#include "td-demo.h"
#include "td-preferences-window.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-window-private.h"

#define DEMO_ITEMS   300
#define WAIT_MS      10000
#define WATCHDOG_S   90

/* Iterates the main loop until @expr holds; fails the test after @ms milliseconds. */
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
  /* A short timer so that a blocking iteration always comes back. */
  guint id = g_timeout_add (10, wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* ---- Running the application --------------------------------------------------------- */

typedef void (*ScenarioFunc) (GtkApplication *app,
                              gpointer        data);

typedef struct
{
  ScenarioFunc func;
  gpointer     data;
  gboolean     started;
  gboolean     finished;
  gboolean     app_quits_itself;  /* the scenario ends the app through its UI */
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

  scenario->func (GTK_APPLICATION (app), scenario->data);
  scenario->finished = TRUE;

  if (!scenario->app_quits_itself)
    {
      close_all_windows ();
      g_application_quit (app);
    }
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

static int
run_app (const char  *database,
         Scenario    *scenario)
{
  g_autoptr(TdApplication) app = td_application_new ();
  char *argv[] = { (char *) "thriftdesk", (char *) "--database", (char *) database, NULL };
  guint watchdog;
  int status;

  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), scenario);
  watchdog = g_timeout_add_seconds (WATCHDOG_S, watchdog_cb, NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  g_source_remove (watchdog);

  g_assert_true (scenario->started);
  g_assert_true (scenario->finished);
  return status;
}

/* ---- Looking at windows -------------------------------------------------------------- */

static TdWindow *
find_main_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static GtkWindow *
find_toplevel_of_type (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* Counts the distinct colours in a texture, stopping at @enough. */
static guint
count_colours (GdkTexture *texture,
               guint       enough)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guint32 *pixels = g_malloc (stride * height);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, (guchar *) pixels, stride);
  for (gsize i = 0; i < (gsize) width * height && g_hash_table_size (seen) < enough; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (pixels[i]));
  return g_hash_table_size (seen);
}

/* Renders @window as it is now into screenshots/@name.png and checks it is not blank. */
static void
screenshot (GtkWindow  *window,
            const char *name)
{
  g_autoptr(GdkTexture) texture = td_test_screenshot_texture (GTK_WIDGET (window), name);

  /* A blank or single-colour image means nothing was drawn; text alone gives dozens. */
  g_assert_cmpuint (count_colours (texture, 16), >=, 16);
}

static const char *
label_text (TdWindow   *window,
            const char *id)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW, id);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static char *
dup_setting (TdWindow   *window,
             const char *key)
{
  TdDatabase *db = td_context_get_database (td_window_get_context (window));
  g_autoptr(GError) error = NULL;
  char *value = td_store_settings_dup (db, key, &error);

  g_assert_no_error (error);
  return value;
}

static void
load_summary (const char    *path,
              TdShopSummary *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (path, &error);

  g_assert_no_error (error);
  td_store_shop_load_summary (db, summary, &error);
  g_assert_no_error (error);
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static TdPreferencesWindow *
open_preferences (TdWindow *window)
{
  GtkWindow *preferences;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  WAIT_FOR ((preferences = find_toplevel_of_type (TD_TYPE_PREFERENCES_WINDOW)) != NULL, WAIT_MS);
  td_test_wait_frames (GTK_WIDGET (preferences), 1);
  return TD_PREFERENCES_WINDOW (preferences);
}

static GtkWidget *
preferences_child (TdPreferencesWindow *preferences,
                   const char          *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                  TD_TYPE_PREFERENCES_WINDOW, id);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

/* ---- a. A demo shop: every section, preferences, shortcuts, about -------------------- */

typedef struct
{
  char          *path;
  TdShopSummary  summary;
} DemoShop;

static void
sections_scenario (GtkApplication *app,
                   gpointer        data)
{
  DemoShop *shop = data;
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *available = format_count (shop->summary.items_available);
  g_autofree char *consignors = format_count (shop->summary.consignors);
  g_autofree char *sales = format_count (shop->summary.sales);
  TdPreferencesWindow *preferences;
  GtkWidget *currency_row;
  g_autoptr(GSettings) settings = NULL;
  GtkWindow *overlay;
  GtkWindow *about;
  TdWindow *window;

  window = find_main_window (app);
  g_assert_nonnull (window);
  td_test_wait_frames (GTK_WIDGET (window), 1);

  /* A shop with records is not welcomed. */
  g_assert_null (find_message_dialog ("Welcome to Thriftdesk"));

  /* A shop with staff accounts opens locked; the PIN field takes digits only; a wrong PIN
   * is refused and says so; the right one opens the counter with the name in the header. */
  g_assert_true (td_window_is_locked (window));
  g_assert_true (gtk_widget_get_visible (td_window_get_lock_screen (window)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL) &&
                  find_toplevel_of_type (TD_TYPE_PREFERENCES_WINDOW) != NULL);
  g_assert_true (gtk_widget_get_visible (td_test_lock_child (window, "hint_label")));
  td_test_lock_type (window, "pin_entry", "1a2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (td_test_lock_child (window, "pin_entry"))),
                   ==, "12");
  gtk_editable_set_text (GTK_EDITABLE (td_test_lock_child (window, "pin_entry")), "");
  td_test_lock_sign_in (window, 0, "9999");
  g_assert_true (td_window_is_locked (window));
  g_assert_true (gtk_widget_get_visible (td_test_lock_child (window, "error_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (td_test_lock_child (window,
                                                                               "error_label"))),
                            "Wrong PIN"));
  td_test_wait_frames (GTK_WIDGET (window), 2);
  screenshot (GTK_WINDOW (window), "lock-screen-wrong-pin");
  td_test_lock_sign_in (window, 0, "1111");
  g_assert_false (td_window_is_locked (window));
  g_assert_false (gtk_widget_get_visible (td_window_get_lock_screen (window)));
  g_assert_cmpstr (td_context_get_staff_name (td_window_get_context (window)), ==, "Alex Morgan");

  /* Ctrl+Shift+L locks again; the cashier signs in with the PIN pad. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_true (td_window_is_locked (window));
  g_assert_cmpint (td_context_get_staff_id (td_window_get_context (window)), ==, 0);
  {
    GtkWidget *pad = td_test_lock_child (window, "pad");

    gtk_drop_down_set_selected (GTK_DROP_DOWN (td_test_lock_child (window, "staff_dropdown")), 2);
    for (int i = 0; i < 4; i++)
      td_test_click (gtk_grid_get_child_at (GTK_GRID (pad), 2, 0));  /* the 3 key */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (td_test_lock_child (window,
                                                                              "pin_entry"))),
                     ==, "3333");
    td_test_click (td_test_lock_child (window, "unlock_button"));
  }
  g_assert_false (td_window_is_locked (window));
  g_assert_cmpstr (td_context_get_staff_name (td_window_get_context (window)), ==, "Jordan Lee");
  g_assert_false (td_context_staff_can (td_window_get_context (window),
                                        TD_PERMISSION_EDIT_PREFERENCES));
  td_test_sign_in_owner (window);

  /* The summaries come from a worker thread. */
  WAIT_FOR (strstr (label_text (window, "inventory_summary"), available) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (label_text (window, "inventory_summary"), "on the floor"));
  g_assert_nonnull (strstr (label_text (window, "consignors_summary"), consignors));
  g_assert_nonnull (strstr (label_text (window, "reports_summary"), sales));
  g_assert_null (strstr (label_text (window, "reports_summary"), "(null)"));

  /* Every section the window has, however many there are by now. */
  pages = adw_view_stack_get_pages (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                TD_TYPE_WINDOW,
                                                                                "stack")));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_ptr_array_add (sections, g_strdup (adw_view_stack_page_get_name (page)));
    }
  g_assert_cmpuint (sections->len, >=, 5);
  for (guint i = 0; i < sections->len; i++)
    {
      const char *section = g_ptr_array_index (sections, i);
      g_autofree char *name = g_strconcat ("section-", section, NULL);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", section));
      g_assert_cmpstr (td_window_get_section (window), ==, section);
      screenshot (GTK_WINDOW (window), name);
    }

  preferences = open_preferences (window);
  /* Amounts are stored in this currency: with items it can't change any more. */
  currency_row = preferences_child (preferences, "currency_row");
  g_assert_false (gtk_widget_get_sensitive (currency_row));
  screenshot (GTK_WINDOW (preferences), "preferences-shop");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                "consignment");
  screenshot (GTK_WINDOW (preferences), "preferences-consignment");
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (overlay)), WAIT_MS);
  screenshot (overlay, "shortcuts");
  gtk_window_close (overlay);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  WAIT_FOR ((about = find_toplevel_of_type (ADW_TYPE_ABOUT_WINDOW)) != NULL, WAIT_MS);
  screenshot (about, "about");
  gtk_window_destroy (about);

  /* Closing the window remembers the section and size (when the schema is installed). */
  td_window_set_section (window, "consignors");
  settings = td_context_get_settings (td_window_get_context (window));
  if (settings != NULL)
    g_object_ref (settings);
  gtk_window_close (GTK_WINDOW (window));
  if (settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (settings, "last-section");

      g_assert_cmpstr (last, ==, "consignors");
      g_assert_cmpint (g_settings_get_int (settings, "window-width"), >, 0);
      g_assert_cmpint (g_settings_get_int (settings, "window-height"), >, 0);
    }
  else
    g_test_message ("No settings schema: the window state is not remembered");
}

static void
test_sections (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  DemoShop shop = { g_build_filename (tmpdir, "shop.db", NULL) };
  Scenario scenario = { sections_scenario, &shop };
  TdDemoOptions options;

  td_demo_options_init (&options);
  options.items = DEMO_ITEMS;
  options.consignors = 12;
  options.months = 2;
  options.now_us = g_get_real_time ();
  td_demo_generate (shop.path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  load_summary (shop.path, &shop.summary);
  g_assert_cmpint (shop.summary.items, ==, DEMO_ITEMS);

  g_assert_cmpint (run_app (shop.path, &scenario), ==, 0);

  g_free (shop.path);
  td_test_rmdir_recursive (tmpdir);
}

/* ---- b. First run: the welcome builds a demo shop ------------------------------------ */

static void
first_run_scenario (GtkApplication *app,
                    gpointer        data)
{
  const char *path = data;
  g_autofree char *done = NULL;
  TdShopSummary summary = { 0 };
  AdwMessageDialog *welcome;
  AdwMessageDialog *progress;
  g_autofree char *available = NULL;
  TdWindow *window;

  window = find_main_window (app);
  g_assert_nonnull (window);

  WAIT_FOR ((welcome = find_message_dialog ("Welcome to Thriftdesk")) != NULL, WAIT_MS);
  g_assert_true (adw_message_dialog_has_response (welcome, "empty"));
  g_assert_true (adw_message_dialog_has_response (welcome, "demo"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (welcome), ==, "demo");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (welcome, "demo"), ==,
                   ADW_RESPONSE_SUGGESTED);
  screenshot (GTK_WINDOW (welcome), "welcome");
  WAIT_FOR (strstr (label_text (window, "inventory_summary"), "No items yet") != NULL, WAIT_MS);

  adw_message_dialog_response (welcome, "demo");
  g_assert_null (find_message_dialog ("Welcome to Thriftdesk"));

  done = dup_setting (window, TD_SETTING_ONBOARDING_DONE);
  g_assert_cmpstr (done, ==, "1");

  /* Progress shows while the generator runs, then goes away by itself. */
  progress = find_message_dialog ("Building the Demo Shop");
  g_assert_nonnull (progress);
  g_assert_true (GTK_IS_PROGRESS_BAR (adw_message_dialog_get_extra_child (progress)));
  g_assert_true (adw_message_dialog_has_response (progress, "cancel"));
  WAIT_FOR (find_message_dialog ("Building the Demo Shop") == NULL, 60000);
  g_assert_null (find_message_dialog ("The Demo Shop Could Not Be Built"));

  load_summary (path, &summary);
  g_assert_cmpint (summary.items, ==, TD_DEMO_DEFAULT_ITEMS);
  g_assert_cmpint (summary.consignors, >, 0);
  available = format_count (summary.items_available);
  WAIT_FOR (strstr (label_text (window, "inventory_summary"), available) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (label_text (window, "inventory_summary"), "on the floor"));
  /* The demo shop has staff with published PINs: the counter locks, and says the PINs. */
  WAIT_FOR (td_window_is_locked (window), WAIT_MS);
  g_assert_true (gtk_widget_get_visible (td_test_lock_child (window, "hint_label")));
  td_test_wait_frames (GTK_WIDGET (window), 2);
  screenshot (GTK_WINDOW (window), "first-run-demo-ready");
}

static void
test_first_run (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "shop.db", NULL);
  Scenario scenario = { first_run_scenario, path };

  g_assert_cmpint (run_app (path, &scenario), ==, 0);
  td_test_rmdir_recursive (tmpdir);
}

/* ---- c. A file that is not a shop ------------------------------------------------------ */

static void
garbage_scenario (GtkApplication *app,
                  gpointer        data)
{
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_null (find_main_window (app));
  WAIT_FOR ((dialog = find_message_dialog ("The Shop Can’t Be Opened")) != NULL, WAIT_MS);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (body, "shop.db"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  screenshot (GTK_WINDOW (dialog), "open-problem");

  /* Quitting from the dialog ends the application by itself. */
  adw_message_dialog_response (dialog, "quit");
}

static void
test_garbage_file (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "shop.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autofree char *after = NULL;
  gsize after_len = 0;
  Scenario scenario = { garbage_scenario, NULL, .app_quits_itself = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);

  for (guint i = 0; i < 4096; i++)
    g_string_append_c (garbage, (char) g_rand_int_range (rand, ' ', '~' + 1));
  g_file_set_contents (path, garbage->str, garbage->len, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_app (path, &scenario), ==, 0);

  g_file_get_contents (path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (after, after_len, garbage->str, garbage->len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  td_test_rmdir_recursive (tmpdir);
}

/* ---- d. Preferences check what is typed ---------------------------------------------- */

static void
apply_text (GtkWidget  *row,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
preferences_scenario (GtkApplication *app,
                      gpointer        data)
{
  TdPreferencesWindow *preferences;
  AdwViewSwitcherTitle *title;
  AdwMessageDialog *welcome;
  GtkWidget *name_row, *share_row, *period_row, *shop_message, *consignment_message;
  g_autofree char *done = NULL;
  g_autofree char *name = NULL;
  g_autofree char *share = NULL;
  g_autofree char *period = NULL;
  TdWindow *window;

  window = find_main_window (app);
  g_assert_nonnull (window);

  /* The window opens on the section it was closed on. */
  if (td_context_get_settings (td_window_get_context (window)) != NULL)
    {
      g_autofree char *last = g_settings_get_string (td_context_get_settings (td_window_get_context (window)),
                                                     "last-section");

      if (last[0] != '\0')
        g_assert_cmpstr (td_window_get_section (window), ==, last);
    }

  /* An empty shop welcomes; starting empty also counts as the first run done. */
  WAIT_FOR ((welcome = find_message_dialog ("Welcome to Thriftdesk")) != NULL, WAIT_MS);
  adw_message_dialog_response (welcome, "empty");
  done = dup_setting (window, TD_SETTING_ONBOARDING_DONE);
  g_assert_cmpstr (done, ==, "1");
  g_assert_null (find_message_dialog ("Building the Demo Shop"));

  /* … and asks for the owner's account: name, PIN twice. */
  g_assert_true (td_window_is_locked (window));
  gtk_editable_set_text (GTK_EDITABLE (td_test_lock_child (window, "owner_name_entry")),
                         "Robin Owner");
  td_test_lock_type (window, "pin_entry", "2468");
  td_test_lock_type (window, "confirm_entry", "2469");
  td_test_click (td_test_lock_child (window, "unlock_button"));
  g_assert_true (td_window_is_locked (window));
  g_assert_true (gtk_widget_get_visible (td_test_lock_child (window, "error_label")));
  td_test_wait_frames (GTK_WIDGET (window), 2);
  screenshot (GTK_WINDOW (window), "lock-screen-owner");
  td_test_lock_type (window, "pin_entry", "2468");
  td_test_lock_type (window, "confirm_entry", "2468");
  td_test_click (td_test_lock_child (window, "unlock_button"));
  g_assert_false (td_window_is_locked (window));
  g_assert_cmpstr (td_context_get_staff_name (td_window_get_context (window)), ==, "Robin Owner");

  preferences = open_preferences (window);
  name_row = preferences_child (preferences, "name_row");
  share_row = preferences_child (preferences, "share_row");
  period_row = preferences_child (preferences, "period_row");
  shop_message = preferences_child (preferences, "shop_message");
  consignment_message = preferences_child (preferences, "consignment_message");
  g_assert_true (gtk_widget_get_sensitive (preferences_child (preferences, "currency_row")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "My Shop");

  /* An empty name is refused at the field and nothing is saved. */
  apply_text (name_row, "   ");
  name = dup_setting (window, TD_SETTING_SHOP_NAME);
  g_assert_cmpstr (name, ==, "My Shop");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (gtk_widget_get_visible (shop_message));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "   ");
  screenshot (GTK_WINDOW (preferences), "preferences-refused");

  /* A real name is saved and shown under the window title. */
  apply_text (name_row, "Second Chance Corner");
  g_clear_pointer (&name, g_free);
  name = dup_setting (window, TD_SETTING_SHOP_NAME);
  g_assert_cmpstr (name, ==, "Second Chance Corner");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_false (gtk_widget_get_visible (shop_message));
  title = ADW_VIEW_SWITCHER_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                                  "switcher_title"));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Second Chance Corner");

  /* The share is a percentage from 0 to 100. */
  apply_text (share_row, "150");
  share = dup_setting (window, TD_SETTING_CONSIGNMENT_SHARE_BP);
  g_assert_cmpstr (share, ==, "5000");
  g_assert_true (gtk_widget_has_css_class (share_row, "error"));
  g_assert_true (gtk_widget_get_visible (consignment_message));
  apply_text (share_row, "40.5");
  g_clear_pointer (&share, g_free);
  share = dup_setting (window, TD_SETTING_CONSIGNMENT_SHARE_BP);
  g_assert_cmpstr (share, ==, "4050");
  g_assert_false (gtk_widget_has_css_class (share_row, "error"));

  /* The period is at least a day. */
  apply_text (period_row, "0");
  period = dup_setting (window, TD_SETTING_CONSIGNMENT_PERIOD_DAYS);
  g_assert_cmpstr (period, ==, "60");
  g_assert_true (gtk_widget_has_css_class (period_row, "error"));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                "consignment");
  screenshot (GTK_WINDOW (preferences), "preferences-consignment-refused");
  apply_text (period_row, "90");
  g_clear_pointer (&period, g_free);
  period = dup_setting (window, TD_SETTING_CONSIGNMENT_PERIOD_DAYS);
  g_assert_cmpstr (period, ==, "90");
  g_assert_false (gtk_widget_has_css_class (period_row, "error"));
  g_assert_false (gtk_widget_get_visible (consignment_message));
}

static void
test_preferences (void)
{
  g_autofree char *tmpdir = td_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "shop.db", NULL);
  Scenario scenario = { preferences_scenario, NULL };

  g_assert_cmpint (run_app (path, &scenario), ==, 0);
  td_test_rmdir_recursive (tmpdir);
}

/* ---- The summary sentences, without a window ------------------------------------------ */

static void
test_summary_text (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 21, 12, 0, 0);
  TdShopSummary empty = { 0 };
  TdShopSummary one = { .consignors = 1, .items = 1, .items_available = 1, .sales = 1,
                        .last_sale_at = g_date_time_to_unix (day) * G_USEC_PER_SEC };
  TdShopSummary many = { .consignors = 60, .items = 5100, .items_available = 5012, .sales = 1204,
                         .last_sale_at = g_date_time_to_unix (day) * G_USEC_PER_SEC };
  g_autofree char *count = format_count (5012);
  g_autofree char *date = g_date_time_format (day, "%-d %b %Y");
  g_autofree char *last_one = g_strconcat ("1 sale, the last on ", date, NULL);
  g_autofree char *last_many = g_strconcat (" sales, the last on ", date, NULL);
  g_autofree char *text = NULL;

  text = td_window_format_inventory (&empty);
  g_assert_nonnull (strstr (text, "No items yet"));
  g_clear_pointer (&text, g_free);
  text = td_window_format_consignors (&empty);
  g_assert_nonnull (strstr (text, "No consignors yet"));
  g_clear_pointer (&text, g_free);
  text = td_window_format_reports (&empty);
  g_assert_nonnull (strstr (text, "No sales yet"));
  g_clear_pointer (&text, g_free);

  text = td_window_format_inventory (&one);
  g_assert_cmpstr (text, ==, "1 item on the floor");
  g_clear_pointer (&text, g_free);
  text = td_window_format_consignors (&one);
  g_assert_cmpstr (text, ==, "1 consignor");
  g_clear_pointer (&text, g_free);
  text = td_window_format_reports (&one);
  g_assert_cmpstr (text, ==, last_one);
  g_clear_pointer (&text, g_free);

  text = td_window_format_inventory (&many);
  g_assert_true (g_str_has_prefix (text, count));
  g_assert_nonnull (strstr (text, " items on the floor\nof "));
  g_clear_pointer (&text, g_free);
  text = td_window_format_consignors (&many);
  g_assert_cmpstr (text, ==, "60 consignors");
  g_clear_pointer (&text, g_free);
  text = td_window_format_reports (&many);
  g_assert_true (g_str_has_suffix (text, last_many));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* What GTK would do at start-up: the counts then group digits as this locale does. */
  setlocale (LC_ALL, "");

  g_test_add_func ("/td/ui/summary-text", test_summary_text);
  g_test_add_func ("/td/ui/sections", test_sections);
  g_test_add_func ("/td/ui/first-run", test_first_run);
  g_test_add_func ("/td/ui/garbage-file", test_garbage_file);
  g_test_add_func ("/td/ui/preferences", test_preferences);

  return g_test_run ();
}
