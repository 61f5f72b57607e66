/* test-preferences-pages.c — the Grading and Pricing pages of the Preferences under Xvfb: what
 * staff type is refused at the field (the row gets the `error` style, a message says why) and
 * nothing reaches the database; what is right is saved. Checked through the store.
 * Screenshots go to <build>/tests/screenshots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "td-context.h"
#include "td-database-private.h"
#include "td-grading-preferences.h"
#include "td-preferences-window.h"
#include "td-pricing-preferences.h"
#include "td-receipt-logo-row.h"
#include "td-store-grades.h"
#include "td-store-pricing.h"
#include "td-store-staff.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-window.h"

typedef struct
{
  char                *dir;
  TdDatabase          *db;
  TdContext           *context;
  TdPreferencesWindow *window;
} Fixture;

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

static gpointer
child (gpointer    page,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), type, name);

  g_assert_nonnull (object);
  return object;
}

static void
type_into (gpointer    row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* A click, as the mouse or the keyboard (Space, Enter) gives it. */
static void
click (gpointer button)
{
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
has_error (gpointer widget)
{
  return gtk_widget_has_css_class (GTK_WIDGET (widget), "error");
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (f->db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = td_test_make_tmpdir ();
  path = g_build_filename (f->dir, "shop.db", NULL);
  f->db = td_database_open (path, &error);
  g_assert_no_error (error);
  f->context = td_context_new (f->db);
  f->window = td_preferences_window_new (f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 720, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  td_test_wait_frames (GTK_WIDGET (f->window), 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
}

static void
test_grading (Fixture       *f,
              gconstpointer  data)
{
  TdGradingPreferences *page;
  GType type = TD_TYPE_GRADING_PREFERENCES;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grades = NULL;
  gint64 audit = query_int (f, "SELECT count(*) FROM audit");

  page = TD_GRADING_PREFERENCES (find_descendant (GTK_WIDGET (f->window), type));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (page));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (td_grading_preferences_get_field (page, 4,
                                                                                    "expander")),
                                 TRUE);
  td_test_screenshot (GTK_WIDGET (f->window), "preferences-grading");

  /* Add: an empty name is refused at the field; then a new grade joins the end of the scale. */
  click (child (page, type, "add_button"));
  g_assert_true (has_error (child (page, type, "new_label_row")));
  g_assert_true (gtk_widget_get_visible (child (page, type, "new_message")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM grade"), ==, 7);
  type_into (child (page, type, "new_label_row"), "Very Good");          /* taken, any case */
  click (child (page, type, "add_button"));
  g_assert_true (has_error (child (page, type, "new_label_row")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM grade"), ==, 7);
  type_into (child (page, type, "new_label_row"), "Vintage");
  g_assert_false (has_error (child (page, type, "new_label_row")));
  type_into (child (page, type, "new_definition_row"), "Made over twenty years ago.");
  click (child (page, type, "add_button"));
  g_assert_false (gtk_widget_get_visible (child (page, type, "new_message")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM grade"), ==, 8);
  g_assert_nonnull (td_grading_preferences_get_field (page, 7, TD_FIELD_GRADE_LABEL));

  /* Rename to nothing, or an eBay value that isn't one: refused at the field, nothing saved. */
  type_into (td_grading_preferences_get_field (page, 0, TD_FIELD_GRADE_LABEL), " ");
  type_into (td_grading_preferences_get_field (page, 0, TD_FIELD_GRADE_EBAY), "BRAND_NEW");
  g_assert_false (td_grading_preferences_save_grade (page, 0));
  g_assert_true (has_error (td_grading_preferences_get_field (page, 0, TD_FIELD_GRADE_LABEL)));
  g_assert_true (has_error (td_grading_preferences_get_field (page, 0, TD_FIELD_GRADE_EBAY)));
  g_assert_true (gtk_widget_get_visible (td_grading_preferences_get_field (page, 0, "message")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM grade WHERE label = 'New with tags'"), ==,
                   1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (td_grading_preferences_get_field (page, 0,
                                                                                    "expander")),
                                 TRUE);
  td_test_screenshot (GTK_WIDGET (f->window), "preferences-grading-refused");

  /* Rename, remap and retire "Fair"; move Vintage to the top. */
  type_into (td_grading_preferences_get_field (page, 5, TD_FIELD_GRADE_LABEL), "Well loved");
  type_into (td_grading_preferences_get_field (page, 5, TD_FIELD_GRADE_ETSY), "used");
  gtk_switch_set_active (GTK_SWITCH (td_grading_preferences_get_field (page, 5, "active")), FALSE);
  g_assert_true (td_grading_preferences_save_grade (page, 5));
  g_assert_true (td_grading_preferences_move_grade (page, 7, -7));
  grades = td_store_grades_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_array_index (grades, TdGradeRecord, 0).label, ==, "Vintage");
  g_assert_cmpstr (g_array_index (grades, TdGradeRecord, 6).label, ==, "Well loved");
  g_assert_false (g_array_index (grades, TdGradeRecord, 6).active);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     td_grading_preferences_get_field (page, 0, TD_FIELD_GRADE_LABEL))), ==,
                   "Vintage");

  /* A checklist with a defect twice is refused; a good one is saved. */
  adw_combo_row_set_selected (child (page, type, "category_row"), 0);
  type_into (child (page, type, "defects_row"), "Stain, Tear, stain");
  g_signal_emit_by_name (child (page, type, "defects_row"), "apply");
  g_assert_true (has_error (child (page, type, "defects_row")));
  g_assert_true (gtk_widget_get_visible (child (page, type, "defects_message")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM category WHERE defects LIKE '%Tear\", \"stain%'"),
                   ==, 0);
  type_into (child (page, type, "defects_row"), "Stain, Tear, Odour");
  g_signal_emit_by_name (child (page, type, "defects_row"), "apply");
  g_assert_false (gtk_widget_get_visible (child (page, type, "defects_message")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM category "
                                 "WHERE defects = '[\"Stain\",\"Tear\",\"Odour\"]'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit"), ==, audit + 4);
}

static void
test_pricing (Fixture       *f,
              gconstpointer  data)
{
  TdPricingPreferences *page;
  GType type = TD_TYPE_PRICING_PREFERENCES;
  TdPriceRounding rounding = TD_PRICE_ROUNDING_NONE;
  g_autoptr(GError) error = NULL;

  page = TD_PRICING_PREFERENCES (find_descendant (GTK_WIDGET (f->window), type));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window),
                                           ADW_PREFERENCES_PAGE (page));

#define ADD_STEP(days, percent)                                              \
  G_STMT_START {                                                             \
    type_into (child (page, type, "step_days_row"), days);                   \
    type_into (child (page, type, "step_percent_row"), percent);             \
    click (child (page, type, "add_step_button"));             \
  } G_STMT_END

  /* Markdown steps: bad days, bad percentage, an overlapping step — each refused. */
  ADD_STEP ("thirty", "25");
  g_assert_true (has_error (child (page, type, "step_days_row")));
  g_assert_true (gtk_widget_get_visible (child (page, type, "step_message")));
  ADD_STEP ("30", "150 %");
  g_assert_true (has_error (child (page, type, "step_percent_row")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM markdown_rule"), ==, 0);
  ADD_STEP ("30", "25 %");
  g_assert_false (gtk_widget_get_visible (child (page, type, "step_message")));
  ADD_STEP ("60", "50");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM markdown_rule"), ==, 2);
  ADD_STEP ("45", "20");
  g_assert_true (gtk_widget_get_visible (child (page, type, "step_message")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM markdown_rule"), ==, 2);
  /* A category's own schedule. */
  adw_combo_row_set_selected (child (page, type, "schedule_category_row"), 2);
  ADD_STEP ("14", "10,5");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM markdown_rule WHERE category_id IS NOT NULL "
                                 "AND percent_bp = 1050"), ==, 1);
#undef ADD_STEP

  /* Closures: a date that isn't one, a range backwards, then a good one. */
  type_into (child (page, type, "closure_first_row"), "2025-13-01");
  click (child (page, type, "add_closure_button"));
  g_assert_true (has_error (child (page, type, "closure_first_row")));
  type_into (child (page, type, "closure_first_row"), "2025-12-26");
  type_into (child (page, type, "closure_last_row"), "2025-12-24");
  click (child (page, type, "add_closure_button"));
  g_assert_true (has_error (child (page, type, "closure_last_row")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM shop_closure"), ==, 0);
  type_into (child (page, type, "closure_first_row"), "2025-12-24");
  type_into (child (page, type, "closure_last_row"), "2025-12-26");
  type_into (child (page, type, "closure_note_row"), "Christmas");
  click (child (page, type, "add_closure_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM shop_closure WHERE first_day = 20251224 "
                                 "AND last_day = 20251226"), ==, 1);

  /* Promotions: a colour tag with no colour, a fixed price of nothing; then both right. */
  type_into (child (page, type, "promotion_name_row"), "Blue week");
  type_into (child (page, type, "promotion_percent_row"), "50");
  click (child (page, type, "add_promotion_button"));
  g_assert_true (has_error (child (page, type, "promotion_colour_row")));
  type_into (child (page, type, "promotion_colour_row"), "blue");
  click (child (page, type, "add_promotion_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM promotion WHERE kind = 'colour_tag' "
                                 "AND percent_bp = 5000 AND tag_colour = 'blue'"), ==, 1);
  adw_combo_row_set_selected (child (page, type, "promotion_kind_row"), 1);
  g_assert_false (gtk_widget_get_visible (child (page, type, "promotion_colour_row")));
  type_into (child (page, type, "promotion_name_row"), "Dresses on Monday");
  type_into (child (page, type, "promotion_price_row"), "0");
  adw_combo_row_set_selected (child (page, type, "promotion_category_row"), 2);
  adw_combo_row_set_selected (child (page, type, "promotion_day_row"), 1);
  click (child (page, type, "add_promotion_button"));
  g_assert_true (has_error (child (page, type, "promotion_price_row")));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM promotion"), ==, 1);
  type_into (child (page, type, "promotion_price_row"), "6.00");
  click (child (page, type, "add_promotion_button"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM promotion WHERE kind = 'fixed_price' "
                                 "AND fixed_price = 600 AND weekdays = 1 "
                                 "AND category_id IS NOT NULL"), ==, 1);

  /* Rounding is saved as soon as it is chosen. */
  adw_combo_row_set_selected (child (page, type, "rounding_row"), 1);
  g_assert_true (td_store_pricing_get_rounding (f->db, &rounding, &error));
  g_assert_cmpint (rounding, ==, TD_PRICE_ROUNDING_NINETY_NINE);

  adw_combo_row_set_selected (child (page, type, "schedule_category_row"), 0);
  td_test_screenshot (GTK_WIDGET (f->window), "preferences-pricing");
}

/* The shop's return and consignment policy, printed at the foot of every receipt: saved by
 * the owner, refused (and kept unsaved) with nobody signed in. */
static void
test_receipt_policy (Fixture       *f,
                     gconstpointer  data)
{
  static const char policy[] = "Returns within 14 days with this receipt. Consigned items: "
                               "exchange only.";
  GType type = TD_TYPE_PREFERENCES_WINDOW;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gint64 owner = 0;

  type_into (child (f->window, type, "policy_row"), "Anything goes");
  g_signal_emit_by_name (child (f->window, type, "policy_row"), "apply");
  saved = td_store_settings_dup (f->db, TD_SETTING_RECEIPT_POLICY, NULL);
  g_assert_null (saved);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f->window, type, "policy_row"))),
                   ==, "Anything goes");

  g_assert_true (td_store_staff_create_owner (f->db, "Alex Morgan", "1111", 1, &owner, &error));
  g_assert_no_error (error);
  g_assert_true (td_context_set_staff (f->context, owner, &error));
  g_assert_no_error (error);
  type_into (child (f->window, type, "policy_row"), policy);
  g_signal_emit_by_name (child (f->window, type, "policy_row"), "apply");
  saved = td_store_settings_dup (f->db, TD_SETTING_RECEIPT_POLICY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, policy);
  g_assert_false (has_error (child (f->window, type, "policy_row")));
  td_test_screenshot (GTK_WIDGET (f->window), "preferences-receipt-policy");
}

/* The receipt logo: a PNG is kept beside the shop under a content name and the setting points
 * to it; a text file, or nobody signed in, changes nothing; Remove goes back to none. */
static void
test_receipt_logo (Fixture       *f,
                   gconstpointer  data)
{
  TdReceiptLogoRow *row = TD_RECEIPT_LOGO_ROW (find_descendant (GTK_WIDGET (f->window),
                                                                TD_TYPE_RECEIPT_LOGO_ROW));
  g_autofree char *png = g_build_filename (f->dir, "logo source.png", NULL);
  g_autofree char *text = g_build_filename (f->dir, "logo.png.txt", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 40);
  gint64 owner = 0;

  g_assert_nonnull (row);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_set_contents (text, "not a picture", -1, NULL));

  /* nobody signed in: refused, nothing written */
  g_assert_false (td_receipt_logo_row_use_file (row, png_file, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_null (td_receipt_logo_path (f->context));

  g_assert_true (td_store_staff_create_owner (f->db, "Alex Morgan", "1111", 1, &owner, &error));
  g_assert_no_error (error);
  g_assert_true (td_context_set_staff (f->context, owner, &error));
  g_assert_no_error (error);

  g_assert_false (td_receipt_logo_row_use_file (row, text_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "not a PNG"));
  g_clear_error (&error);
  g_assert_null (td_receipt_logo_path (f->context));

  g_assert_true (td_receipt_logo_row_use_file (row, png_file, &error));
  g_assert_no_error (error);
  saved = td_store_settings_dup (f->db, TD_SETTING_RECEIPT_LOGO, NULL);
  g_assert_true (g_str_has_prefix (saved, "receipt-logo-"));
  path = td_receipt_logo_path (f->context);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, f->dir));
  td_test_screenshot (GTK_WIDGET (f->window), "preferences-receipt-logo");

  g_assert_true (td_receipt_logo_row_remove (row, &error));
  g_assert_no_error (error);
  g_assert_null (td_receipt_logo_path (f->context));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* The window's class registers the UI resources the pages' templates live in. */
  g_type_class_unref (g_type_class_ref (TD_TYPE_WINDOW));

  g_test_add ("/td/ui/preferences-pages/receipt-logo", Fixture, NULL, fixture_setup,
              test_receipt_logo, fixture_teardown);
  g_test_add ("/td/ui/preferences-pages/receipt-policy", Fixture, NULL, fixture_setup,
              test_receipt_policy, fixture_teardown);
  g_test_add ("/td/ui/preferences-pages/grading", Fixture, NULL, fixture_setup, test_grading,
              fixture_teardown);
  g_test_add ("/td/ui/preferences-pages/pricing", Fixture, NULL, fixture_setup, test_pricing,
              fixture_teardown);

  return g_test_run ();
}
