/* test-ebay-setup.c — an eBay account's one-time setup in Preferences › Marketplaces, under
 * Xvfb, against the stateful fake eBay on 127.0.0.1 and a real demo shop file: business
 * policies off → Turn On → the policies listed; a new location refused for a bad key (nothing
 * sent, nothing saved), then created; a category found by words, its required aspects and
 * accepted conditions shown, a value given for the aspect items lack; Save writes the
 * settings in one audited change and the dialog opens again on what was saved; eBay out of
 * reach keeps Save off and says so. Screenshot: <build>/tests/screenshots/ebay-setup.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "net/td-fake-ebay.h"
#include "td-context.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-ebay-setup-dialog.h"
#include "td-marketplaces-preferences.h"
#include "td-preferences-window.h"
#include "td-secrets.h"
#include "td-store-marketplaces.h"
#include "td-store-staff.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-window.h"

#define WAIT_MS 15000

static char *template_shop;

typedef struct
{
  char         *dir;
  char         *path;
  TdDatabase   *db;
  TdContext    *context;
  TdFakeServer *server;
  TdFakeEbay   *fake;
  gint64        account_id;
} Fixture;

#define WAIT_FOR(expr) TD_TEST_WAIT_FOR (expr, WAIT_MS)

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (f->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gpointer
child (gpointer    dialog,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                   TD_TYPE_EBAY_SETUP_DIALOG, id);

  g_assert_nonnull (object);
  return object;
}

static gboolean
busy (TdEbaySetupDialog *dialog)
{
  return gtk_spinner_get_spinning (child (dialog, "spinner"));
}

static TdEbaySetupDialog *
find_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  TdEbaySetupDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (TD_IS_EBAY_SETUP_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
dialog_open (void)
{
  return find_dialog () != NULL;
}

static const char *
status (TdEbaySetupDialog *dialog)
{
  return gtk_label_get_text (child (dialog, "status_label"));
}

static char *
combo_item (AdwComboRow *row,
            guint        index)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (row), index);

  return g_strdup (gtk_string_object_get_string (item));
}

/* Scrolls the dialog so @widget is near the top. */
static void
scroll_to (TdEbaySetupDialog *dialog,
           gpointer           widget)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (td_test_find_type (GTK_WIDGET (dialog),
                                                                GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
  graphene_point_t at = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t in_content;

  for (int i = 0; i < 5; i++)
    td_test_iterate ();
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (widget), content, &at, &in_content));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled),
                            MAX (0, in_content.y - 24));
}

/* The row of the shop category @path in the dialog's "Shop Categories on eBay". */
static AdwActionRow *
map_row (TdEbaySetupDialog *dialog,
         const char        *path)
{
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                TD_TYPE_EBAY_SETUP_DIALOG,
                                                                "map_group"));
  GtkWidget *list = td_test_find_type (group, GTK_TYPE_LIST_BOX);

  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (ADW_IS_ACTION_ROW (c)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), path) == 0)
      return ADW_ACTION_ROW (c);
  g_error ("No row for %s", path);
}

static GtkWidget *find_button (GtkWidget  *widget,
                               const char *label);

/* Choose… on @path's row, then the first suggestion for "denim jacket". */
static void
map_to_jackets (TdEbaySetupDialog *dialog,
                const char        *path,
                const char        *first_words)
{
  GtkListBoxRow *suggestion;

  g_signal_emit_by_name (find_button (GTK_WIDGET (map_row (dialog, path)), "C_hoose…"),
                         "clicked");
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "search_row")), ==, first_words);
  WAIT_FOR (gtk_widget_get_visible (child (dialog, "suggestions_list")) && !busy (dialog));
  gtk_editable_set_text (child (dialog, "search_row"), "denim jacket");
  g_signal_emit_by_name (child (dialog, "search_row"), "apply");
  WAIT_FOR (!busy (dialog));
  suggestion = gtk_list_box_get_row_at_index (child (dialog, "suggestions_list"), 0);
  g_assert_true (ADW_IS_ACTION_ROW (suggestion));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (suggestion)), ==, "57988");
  g_signal_emit_by_name (child (dialog, "suggestions_list"), "row-activated", suggestion);
  WAIT_FOR (gtk_widget_get_visible (child (dialog, "needs_label")) && !busy (dialog));
}

/* The visible button labelled @label (NULL: an icon button) inside @widget, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TdMarketplacesPreferences *
open_preferences (Fixture *f)
{
  TdPreferencesWindow *window = td_preferences_window_new (f->context);
  TdMarketplacesPreferences *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 900);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  page = TD_MARKETPLACES_PREFERENCES (td_test_find_type (GTK_WIDGET (window),
                                                 TD_TYPE_MARKETPLACES_PREFERENCES));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (page));
  return page;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) from = g_file_new_for_path (template_shop);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdMarketplaceAccount) account = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *name = NULL;
  const char *url;
  gint64 owner = 0;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  to = g_file_new_for_path (f->path);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  staff = td_store_staff_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < staff->len && owner == 0; i++)
    if (((TdStaff *) staff->pdata[i])->role == TD_ROLE_OWNER)
      owner = ((TdStaff *) staff->pdata[i])->id;
  f->context = td_context_new (f->db);
  g_assert_true (td_context_set_staff (f->context, owner, &error));

  f->server = td_fake_server_new ();
  f->fake = td_fake_ebay_new (f->server, "Shop-PRD-1", "PRD-s3cret", "v^1.1#initial",
                              "v^1.1#refresh");
  url = td_fake_server_get_url (f->server);
  settings = g_strdup_printf ("{\"urls\":{\"fulfillment\":\"%s\",\"media\":\"%s\","
                              "\"identity\":\"%s/identity/v1\",\"account\":\"%s\","
                              "\"taxonomy\":\"%s\",\"metadata\":\"%s\"},"
                              "\"category_map\":{\"Clothing › Jackets\":\"57988\"}}",
                              url, url, url, url, url, url);
  f->account_id = td_store_marketplaces_add (f->db, TD_MARKETPLACE_EBAY, "eBay (Main St)", url,
                                             FALSE, settings, owner, g_get_real_time (), &error);
  g_assert_no_error (error);
  account = td_store_marketplaces_get (f->db, f->account_id, &error);
  g_assert_no_error (error);
  name = td_store_marketplaces_secret_name (account);
  secret = g_strdup_printf ("{\"client_id\":\"Shop-PRD-1\",\"client_secret\":\"PRD-s3cret\","
                            "\"access_token\":\"v^1.1#initial\",\"expires_at\":%" G_GINT64_FORMAT
                            ",\"refresh_token\":\"v^1.1#refresh\"}",
                            g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_assert_true (td_secrets_store (td_context_get_secrets (f->context), name, "eBay (Main St)",
                                   secret, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->context);
  g_clear_object (&f->db);
  g_clear_pointer (&f->fake, td_fake_ebay_free);
  g_clear_pointer (&f->server, td_fake_server_free);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_setup (Fixture       *f,
            gconstpointer  data)
{
  TdMarketplacesPreferences *page = open_preferences (f);
  GtkWidget *row = td_marketplaces_preferences_get_account_row (page, f->account_id);
  TdEbaySetupDialog *dialog;
  GtkListBoxRow *suggestion;
  GtkWidget *aspect;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *audit = NULL;
  const char *needs;

  /* A connected eBay account offers Set Up…; it opens the dialog. */
  g_assert_nonnull (row);
  g_assert_nonnull (find_button (row, "Set _Up…"));
  td_fake_ebay_set_opted_out (f->fake, TRUE);
  before = query_text (f, "SELECT settings FROM marketplace_account");
  g_signal_emit_by_name (find_button (row, "Set _Up…"), "clicked");
  WAIT_FOR (dialog_open ());
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  WAIT_FOR (!busy (dialog));

  /* Business policies are off: Turn On, then the three lists come from eBay. */
  g_assert_true (gtk_widget_get_visible (child (dialog, "optin_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "fulfillment_row")));
  g_signal_emit_by_name (child (dialog, "optin_button"), "clicked");
  WAIT_FOR (gtk_widget_get_visible (child (dialog, "fulfillment_row")) && !busy (dialog));
  g_assert_false (gtk_widget_get_visible (child (dialog, "optin_row")));
  g_assert_cmpuint (td_fake_server_count (f->server, "POST", "/program/opt_in"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      child (dialog, "fulfillment_row"))), ==, 2);
  text = combo_item (child (dialog, "fulfillment_row"), 1);
  g_assert_cmpstr (text, ==, "Collection");
  adw_combo_row_set_selected (child (dialog, "fulfillment_row"), 1);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "save_button")));

  /* No location yet: "New Location…" is the only choice and asks for its details. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                      child (dialog, "location_row"))), ==, 1);
  g_assert_true (gtk_widget_get_visible (child (dialog, "key_row")));

  /* A category by words; what eBay asks of it. */
  gtk_editable_set_text (child (dialog, "search_row"), "denim jacket");
  g_signal_emit_by_name (child (dialog, "search_row"), "apply");
  WAIT_FOR (gtk_widget_get_visible (child (dialog, "suggestions_list")) && !busy (dialog));
  suggestion = gtk_list_box_get_row_at_index (child (dialog, "suggestions_list"), 0);
  g_assert_nonnull (suggestion);
  g_signal_emit_by_name (child (dialog, "suggestions_list"), "row-activated", suggestion);
  WAIT_FOR (gtk_widget_get_visible (child (dialog, "needs_label")) && !busy (dialog));
  g_assert_false (gtk_widget_get_visible (child (dialog, "suggestions_list")));
  g_assert_cmpstr (adw_preferences_row_get_title (child (dialog, "category_row")), ==,
                   "Clothing, Shoes & Accessories › Men's Clothing › Coats, Jackets & Vests");
  needs = gtk_label_get_text (child (dialog, "needs_label"));
  g_assert_nonnull (strstr (needs, "eBay requires Brand, Department, Size here."));
  g_assert_nonnull (strstr (needs, "give Department below"));
  g_assert_nonnull (strstr (needs, "Conditions accepted: New with tags, New without tags, "
                                   "Pre-owned."));
  /* The default grades map to LIKE_NEW, USED_GOOD …, which this category refuses. */
  g_assert_nonnull (strstr (needs, "Like new (LIKE_NEW)"));
  g_assert_null (strstr (needs, "New with tags (NEW)"));
  g_assert_true (gtk_widget_get_visible (child (dialog, "aspects_group")));
  aspect = td_test_find_type (GTK_WIDGET (child (dialog, "aspects_group")), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (aspect);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (aspect)), ==,
                   "Department");
  gtk_editable_set_text (GTK_EDITABLE (aspect), "Men");

  /* Shop categories: each says where its items go; Choose… searches the category's name. */
  g_assert_cmpstr (adw_action_row_get_subtitle (map_row (dialog, "Clothing › Men")), ==,
                   "The default category");
  map_to_jackets (dialog, "Clothing › Men", "Men");
  g_assert_cmpstr (adw_action_row_get_subtitle (map_row (dialog, "Clothing › Men")), ==,
                   "Clothing, Shoes & Accessories › Men's Clothing › Coats, Jackets & Vests "
                   "(57988)");
  /* The values typed for that eBay category are kept when it comes back in focus. */
  aspect = td_test_find_type (GTK_WIDGET (child (dialog, "aspects_group")), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (aspect)), ==, "Men");
  /* A parent's choice carries to its children until cleared. */
  map_to_jackets (dialog, "Clothing", "Clothing");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (map_row (dialog,
                                                                         "Clothing › Women")),
                                   "As “Clothing”: "));
  scroll_to (dialog, child (dialog, "map_group"));
  td_test_screenshot (GTK_WIDGET (dialog), "ebay-setup-map");
  g_signal_emit_by_name (find_button (GTK_WIDGET (map_row (dialog, "Clothing")), NULL),
                         "clicked");
  g_assert_cmpstr (adw_action_row_get_subtitle (map_row (dialog, "Clothing › Women")), ==,
                   "The default category");

  /* A bad key is refused at its field: nothing sent to eBay, nothing saved. */
  gtk_editable_set_text (child (dialog, "key_row"), "main st!");
  gtk_editable_set_text (child (dialog, "location_name_row"), "Main St shop");
  gtk_editable_set_text (child (dialog, "postal_row"), "97201");
  gtk_editable_set_text (child (dialog, "country_row"), "us");
  g_signal_emit_by_name (child (dialog, "save_button"), "clicked");
  g_assert_true (gtk_widget_has_css_class (child (dialog, "key_row"), "error"));
  g_assert_cmpstr (status (dialog), ==, "A location key has only letters, digits, - and _.");
  g_assert_cmpuint (td_fake_server_count (f->server, "POST", "/location/"), ==, 0);
  after = query_text (f, "SELECT settings FROM marketplace_account");
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  td_test_screenshot (GTK_WIDGET (dialog), "ebay-setup");
  scroll_to (dialog, child (dialog, "category_row"));
  td_test_screenshot (GTK_WIDGET (dialog), "ebay-setup-category");

  gtk_editable_set_text (child (dialog, "key_row"), "main-st");
  g_signal_emit_by_name (child (dialog, "save_button"), "clicked");
  WAIT_FOR (!dialog_open ());

  g_assert_cmpuint (td_fake_server_count (f->server, "POST", "/location/main-st"), ==, 1);
  {
    guint last = td_fake_server_get_requests (f->server)->len - 1;
    g_autofree char *body = td_fake_request_dup_body (td_fake_server_request_at (f->server,
                                                                                 (int) last));

    g_assert_nonnull (strstr (body, "\"country\":\"US\""));
    g_assert_nonnull (strstr (body, "\"name\":\"Main St shop\""));
  }
  after = query_text (f, "SELECT settings FROM marketplace_account");
  g_assert_nonnull (strstr (after, "\"fulfillment_policy_id\":\"F2\""));
  g_assert_nonnull (strstr (after, "\"payment_policy_id\":\"P1\""));
  g_assert_nonnull (strstr (after, "\"return_policy_id\":\"R1\""));
  g_assert_nonnull (strstr (after, "\"merchant_location_key\":\"main-st\""));
  g_assert_nonnull (strstr (after, "\"default_category_id\":\"57988\""));
  g_assert_nonnull (strstr (after, "\"category_aspects\":{\"57988\":{\"Department\":\"Men\"}}"));
  /* What was there stays: the other APIs' addresses and the category map. */
  g_assert_nonnull (strstr (after, "\"category_map\":{\"Clothing › Jackets\":\"57988\","
                                   "\"Clothing › Men\":\"57988\"}"));
  g_assert_nonnull (strstr (after, "\"category_names\":{\"57988\":\"Clothing, Shoes & "));
  g_assert_nonnull (strstr (after, "\"metadata\":"));
  g_assert_null (strstr (after, "PRD-s3cret"));
  audit = query_text (f, "SELECT action FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (audit, ==, "marketplace.changed");

  /* Opened again, it shows what was saved. */
  dialog = TD_EBAY_SETUP_DIALOG (td_marketplaces_preferences_set_up (page, f->account_id));
  g_assert_nonnull (dialog);
  WAIT_FOR (!busy (dialog) && gtk_widget_get_visible (child (dialog, "needs_label")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "fulfillment_row")), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "location_row")), ==, 0);
  g_clear_pointer (&text, g_free);
  text = combo_item (child (dialog, "location_row"), 0);
  g_assert_cmpstr (text, ==, "Main St shop");
  g_assert_false (gtk_widget_get_visible (child (dialog, "key_row")));
  aspect = td_test_find_type (GTK_WIDGET (child (dialog, "aspects_group")), ADW_TYPE_ENTRY_ROW);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (aspect)), ==, "Men");
  g_assert_cmpstr (adw_action_row_get_subtitle (map_row (dialog, "Clothing › Men")), ==,
                   "Clothing, Shoes & Accessories › Men's Clothing › Coats, Jackets & Vests "
                   "(57988)");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  TdMarketplacesPreferences *page = open_preferences (f);
  TdEbaySetupDialog *dialog;
  g_autofree char *before = query_text (f, "SELECT settings FROM marketplace_account");
  g_autofree char *after = NULL;

  td_fake_server_add_fault (f->server, "/location", TD_FAKE_FAULT_STATUS, 500, 0,
                            "{\"errors\":[{\"errorId\":25001,\"message\":\"A system error "
                            "has occurred.\"}]}", 0, 1);
  dialog = TD_EBAY_SETUP_DIALOG (td_marketplaces_preferences_set_up (page, f->account_id));
  g_assert_nonnull (dialog);
  WAIT_FOR (!busy (dialog));
  g_assert_true (g_str_has_prefix (status (dialog), "eBay could not be asked: "));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "save_button")));

  /* Asked again (the fault was once), it works. */
  g_signal_emit_by_name (child (dialog, "reload_button"), "clicked");
  WAIT_FOR (!busy (dialog));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "save_button")));
  g_assert_cmpstr (status (dialog), ==, "Pick what eBay should use, then save.");
  gtk_window_destroy (GTK_WINDOW (dialog));
  after = query_text (f, "SELECT settings FROM marketplace_account");
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  int result;

  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* The window's class registers the UI resources the templates live in. */
  g_type_class_unref (g_type_class_ref (TD_TYPE_WINDOW));

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = 20;
  options.consignors = 2;
  options.months = 1;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/td/ui/ebay-setup/setup", Fixture, NULL, fixture_set_up, test_setup,
              fixture_tear_down);
  g_test_add ("/td/ui/ebay-setup/unreachable", Fixture, NULL, fixture_set_up, test_unreachable,
              fixture_tear_down);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}
