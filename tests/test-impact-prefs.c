/* test-impact-prefs.c — the owner's desk under Xvfb: the Impact page of the Preferences (a
 * factor typed, refused or saved, reset, and the Circular impact report counting with it; a
 * cashier refused), and the report preview's Print button (every page of the very PDF printed,
 * checked by printing to a PDF file and reading its text back). Screenshots:
 * <build>/tests/screenshots/impact-*.png and report-preview-print.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

#include "td-context.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-impact-preferences.h"
#include "td-pdf-print.h"
#include "td-permission.h"
#include "td-preferences-window.h"
#include "td-report-document.h"
#include "td-reports-page.h"
#include "td-store-reports.h"
#include "td-store-staff.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-ui-resources.h"

#define WAIT_MS 20000

typedef struct
{
  char       *dir;
  char       *path;
  TdDatabase *db;
  TdContext  *context;
  gint64      owner;
  gint64      cashier;
  gint64      women;     /* the "clothing.women" category */
} Fixture;

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out");
      g_main_context_iteration (NULL, FALSE);
    }
}

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
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

static gint64
staff_of_role (Fixture *f,
               TdRole   role)
{
  g_autoptr(GPtrArray) staff = td_store_staff_list (f->db, FALSE, NULL);

  g_assert_nonnull (staff);
  for (guint i = 0; i < staff->len; i++)
    if (((TdStaff *) staff->pdata[i])->role == role)
      return ((TdStaff *) staff->pdata[i])->id;
  g_assert_not_reached ();
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  td_demo_options_init (&options);
  options.items = 600;
  options.consignors = 8;
  options.months = 3;
  g_assert_true (td_demo_generate (f->path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  f->context = td_context_new (f->db);
  f->owner = staff_of_role (f, TD_ROLE_OWNER);
  f->cashier = staff_of_role (f, TD_ROLE_CASHIER);
  f->women = query_int (f, "SELECT id FROM category WHERE code = 'clothing.women'");
  g_assert_true (td_context_set_staff (f->context, f->owner, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The Circular impact report over all the demo's sales: the kg CO2e (tenths) and litres of the
 * row named @name, and how many of its items sold. */
static void
impact_of (Fixture    *f,
           const char *name,
           gint64     *units,
           gint64     *co2e_tenths,
           gint64     *water)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdReport) report = NULL;
  TdReportPeriod period;
  TdReportTable *t;
  int first = (int) query_int (f, "SELECT min (sold_day) FROM sale");
  int last = (int) query_int (f, "SELECT max (sold_day) FROM sale");

  g_assert_true (td_report_period_init (&period, TD_PERIOD_CUSTOM, last, first, last));
  report = td_store_reports_run (f->db, TD_REPORT_IMPACT, &period, NULL, g_get_real_time (), NULL,
                                 NULL, &error);
  g_assert_no_error (error);
  t = td_report_find_table (report, "impact");
  g_assert_nonnull (t);
  for (guint r = 0; r < td_report_table_get_n_rows (t); r++)
    if (g_strcmp0 (td_report_table_get_text (t, r, 0), name) == 0)
      {
        *units = td_report_table_get_num (t, r, 1);
        *co2e_tenths = td_report_table_get_num (t, r, 2);
        *water = td_report_table_get_num (t, r, 3);
        return;
      }
  g_error ("no row %s in the impact report", name);
}

static void
type_into (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
has_error (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "error");
}

static void
test_factor_editor (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) factors = NULL;
  TdPreferencesWindow *window = td_preferences_window_new (f->context);
  TdImpactPreferences *page;
  const TdImpactFactor *women = NULL;
  gint64 audit = query_int (f, "SELECT count(*) FROM audit WHERE action = 'category.impact_factor'");
  gint64 units, co2e, water;
  g_autofree char *name = NULL;
  GtkWidget *kg, *litres;

  /* the list: every category, the shipped default with its source */
  factors = td_store_reports_list_factors (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (factors->len, ==, query_int (f, "SELECT count(*) FROM category"));
  for (guint i = 0; i < factors->len; i++)
    if (g_array_index (factors, TdImpactFactor, i).category_id == f->women)
      women = &g_array_index (factors, TdImpactFactor, i);
  g_assert_nonnull (women);
  g_assert_cmpint (women->own_co2e_g, ==, -1);
  g_assert_cmpint (women->default_co2e_g, ==, 6000);
  g_assert_cmpint (women->default_water_l, ==, 1500);
  g_assert_nonnull (strstr (women->source, "WRAP"));
  name = g_strdup (women->name);

  impact_of (f, name, &units, &co2e, &water);
  g_assert_cmpint (units, >, 0);
  g_assert_cmpint (co2e, ==, (units * 6000 + 50) / 100);
  g_assert_cmpint (water, ==, units * 1500);

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 900);
  gtk_window_present (GTK_WINDOW (window));
  page = TD_IMPACT_PREFERENCES (find_descendant (GTK_WIDGET (window), TD_TYPE_IMPACT_PREFERENCES,
                                                 NULL));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (page));
  kg = td_impact_preferences_get_field (page, f->women, "co2e");
  litres = td_impact_preferences_get_field (page, f->women, "water");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kg)), ==, "");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (td_impact_preferences_get_field (page, f->women,
                                                                                   "expander")),
                                 TRUE);
  td_test_screenshot (GTK_WIDGET (window), "impact-preferences");

  /* refused at the field, nothing saved: a negative figure, words, one figure alone */
  type_into (kg, "-2");
  type_into (litres, "1200");
  g_assert_false (td_impact_preferences_save (page));
  g_assert_true (has_error (kg));
  g_assert_true (gtk_widget_get_visible (td_impact_preferences_get_field (page, f->women, "message")));
  td_test_screenshot (GTK_WIDGET (window), "impact-preferences-refused");
  type_into (kg, "7.5");
  g_assert_false (has_error (kg));
  type_into (litres, "lots");
  g_assert_false (td_impact_preferences_save (page));
  g_assert_true (has_error (litres));
  type_into (litres, "");
  g_assert_false (td_impact_preferences_save (page));
  g_assert_true (has_error (litres));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM category WHERE co2e_g IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'category.impact_factor'"),
                   ==, audit);

  /* saved by the Save button, audited with the old and new figures; the report counts with it */
  type_into (kg, "7,5");
  type_into (litres, "1200");
  g_signal_emit_by_name (td_impact_preferences_get_field (page, 0, "save"), "clicked");
  g_assert_false (has_error (kg));
  g_assert_false (gtk_widget_get_visible (td_impact_preferences_get_field (page, f->women, "message")));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT co2e_g * 100000 + water_l FROM category "
                                            "WHERE id = %" G_GINT64_FORMAT, f->women);

    g_assert_cmpint (query_int (f, sql), ==, 7500 * G_GINT64_CONSTANT (100000) + 1200);
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'category.impact_factor' "
                                 "AND json_extract (detail, '$.old') IS NULL "
                                 "AND json_extract (detail, '$.new.co2e_g') = 7500 "
                                 "AND json_extract (detail, '$.new.water_l') = 1200"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'category.impact_factor'"),
                   ==, audit + 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kg)), ==, "7.5");
  impact_of (f, name, &units, &co2e, &water);
  g_assert_cmpint (co2e, ==, (units * 7500 + 50) / 100);
  g_assert_cmpint (water, ==, units * 1200);
  td_test_screenshot (GTK_WIDGET (window), "impact-preferences-saved");

  /* saving again with nothing changed writes nothing */
  g_assert_true (td_impact_preferences_save (page));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'category.impact_factor'"),
                   ==, audit + 1);

  /* a cashier is refused: nothing saved, the typing kept */
  g_assert_true (td_context_set_staff (f->context, f->cashier, &error));
  g_assert_no_error (error);
  type_into (kg, "9");
  g_assert_false (td_impact_preferences_save (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kg)), ==, "9");
  g_assert_cmpint (query_int (f, "SELECT sum (co2e_g) FROM category"), ==, 7500);
  {
    TdImpactFactorChange change = { f->women, 9000, 900 };

    g_assert_false (td_store_reports_change_factors (f->db, f->cashier, &change, 1,
                                                     g_get_real_time (), &error));
    g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_false (td_store_reports_change_factors (f->db, 0, &change, 1, g_get_real_time (),
                                                     &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_cmpint (query_int (f, "SELECT sum (co2e_g) FROM category"), ==, 7500);

  /* Reset to Default, by a manager: the shipped figure counts again */
  g_assert_true (td_context_set_staff (f->context, staff_of_role (f, TD_ROLE_MANAGER), &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (td_impact_preferences_get_field (page, f->women, "reset"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kg)), ==, "");
  g_assert_true (td_impact_preferences_save (page));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM category WHERE co2e_g IS NOT NULL "
                                 "OR water_l IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'category.impact_factor' "
                                 "AND json_extract (detail, '$.new') IS NULL "
                                 "AND json_extract (detail, '$.old.co2e_g') = 7500"), ==, 1);
  impact_of (f, name, &units, &co2e, &water);
  g_assert_cmpint (co2e, ==, (units * 6000 + 50) / 100);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A sub-category without a figure of its own: its default is its parent's, as in the report;
 * changes are all or nothing. */
static void
test_factor_store (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) factors = NULL;
  gint64 clothing = query_int (f, "SELECT id FROM category WHERE code = 'clothing'");
  gint64 vintage;
  TdImpactFactorChange changes[2];
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_exec (td_database_get_handle (f->db),
                                 "INSERT INTO category (parent_id, name) SELECT id, 'Vintage' "
                                 "FROM category WHERE code = 'clothing'", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  vintage = query_int (f, "SELECT id FROM category WHERE name = 'Vintage'");
  changes[0] = (TdImpactFactorChange) { clothing, 4000, 900 };
  changes[1] = (TdImpactFactorChange) { vintage, 2000, -5 };
  g_assert_false (td_store_reports_change_factors (f->db, f->owner, changes, 2, g_get_real_time (),
                                                   &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  changes[1] = (TdImpactFactorChange) { 999999, 2000, 5 };
  g_assert_false (td_store_reports_change_factors (f->db, f->owner, changes, 2, g_get_real_time (),
                                                   &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM category WHERE co2e_g IS NOT NULL"), ==, 0);

  g_assert_true (td_store_reports_change_factors (f->db, f->owner, changes, 1, g_get_real_time (),
                                                  &error));
  g_assert_no_error (error);
  factors = td_store_reports_list_factors (f->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < factors->len; i++)
    {
      const TdImpactFactor *x = &g_array_index (factors, TdImpactFactor, i);

      if (x->category_id != vintage)
        continue;
      found = TRUE;
      g_assert_true (x->default_from_parent);
      g_assert_cmpint (x->default_co2e_g, ==, 4000);
      g_assert_cmpint (x->default_water_l, ==, 900);
      g_assert_null (x->source);
      g_assert_cmpint (x->parent_id, ==, clothing);
    }
  g_assert_true (found);
}

static gboolean
window_gone_or_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static GtkWindow *
find_print_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, g_type_from_name ("GtkPrintUnixDialog")) &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
print_dialog_shown (gpointer data)
{
  return find_print_dialog () != NULL;
}

static GStrv
pdf_words (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* the words in order: the layout of blank space is not what is compared */
  text = g_strstrip (g_strdup (out));
  return g_regex_split_simple ("\\s+", text, 0, 0);
}

/* The printed PDF says what the report says, word for word. A name cut short to fit its
 * column ("Linda Wa…") reads back whole from the report's own PDF (its text keeps the full
 * name) but as drawn from the printed one: the same glyphs, so "…" stands for what was cut. */
static void
assert_same_words (GStrv printed,
                   GStrv expected)
{
  g_autofree char *got = g_strjoinv (" ", printed);
  g_autofree char *want = g_strjoinv (" ", expected);
  g_auto(GStrv) parts = g_strsplit (got, "…", -1);
  g_autoptr(GString) pattern = g_string_new ("^");
  g_autoptr(GRegex) regex = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *escaped = g_regex_escape_string (parts[i], -1);

      if (i > 0)
        g_string_append (pattern, ".*?");
      g_string_append (pattern, escaped);
    }
  g_string_append_c (pattern, '$');
  regex = g_regex_new (pattern->str, 0, 0, NULL);
  g_assert_nonnull (regex);
  if (!g_regex_match (regex, want, 0, NULL))
    g_error ("printed:\n%s\nexpected:\n%s", got, want);
}

static void
test_preview_print (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdReport) report = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "categories.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) got = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GObject) out = NULL;
  g_autofree char *uri = NULL;
  TdReportDocInfo info = { "Demo Shop", NULL, NULL, NULL };
  TdReportPeriod period;
  PopplerDocument *document;
  GtkWindow *parent, *preview;
  GtkWidget *print;
  int first = (int) query_int (f, "SELECT min (sold_day) FROM sale");
  int last = (int) query_int (f, "SELECT max (sold_day) FROM sale");

  g_assert_true (td_report_period_init (&period, TD_PERIOD_CUSTOM, last, first, last));
  report = td_store_reports_run (f->db, TD_REPORT_CONSIGNORS, &period, NULL, g_get_real_time (),
                                 NULL, NULL, &error);
  g_assert_no_error (error);
  info.currency = td_context_get_currency (f->context);
  g_assert_true (td_report_write_pdf (report, &info, TD_PAPER_A4, pdf, &error));
  g_assert_no_error (error);

  parent = GTK_WINDOW (adw_window_new ());
  gtk_window_present (parent);
  preview = td_report_preview_show (GTK_WIDGET (parent), pdf, "consignors.pdf");
  g_assert_nonnull (preview);
  iterate_until (window_gone_or_mapped, preview);
  print = find_descendant (GTK_WIDGET (preview), GTK_TYPE_BUTTON, "print-button");
  g_assert_nonnull (print);
  g_assert_true (gtk_widget_get_visible (print) && gtk_widget_is_sensitive (print));
  td_test_screenshot (GTK_WIDGET (preview), "report-preview-print");

  /* What Print does, to a file instead of a printer: every page of the same PDF */
  document = g_object_get_data (G_OBJECT (preview), "document");
  g_assert_true (POPPLER_IS_DOCUMENT (document));
  operation = td_pdf_print_operation_new (document, "consignors", TRUE);
  gtk_print_operation_set_export_filename (operation, printed);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, preview,
                                            &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  uri = g_filename_to_uri (printed, NULL, NULL);
  out = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (out)), ==, poppler_document_get_n_pages (document));
  {
    /* poppler-glib 22 has no g_autoptr support for its types */
    g_autoptr(GObject) a = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (out), 0));
    g_autoptr(GObject) b = G_OBJECT (poppler_document_get_page (document, 0));
    double aw, ah, bw, bh;

    /* A4 in, A4 out, at 1:1 */
    poppler_page_get_size (POPPLER_PAGE (a), &aw, &ah);
    poppler_page_get_size (POPPLER_PAGE (b), &bw, &bh);
    g_assert_cmpfloat (ABS (aw - bw), <, 1);
    g_assert_cmpfloat (ABS (ah - bh), <, 1);
  }
  expected = pdf_words (pdf);
  got = pdf_words (printed);
  g_assert_cmpuint (g_strv_length (expected), >, 50);
  g_assert_cmpstr (expected[0], ==, "Demo");
  assert_same_words (got, expected);

  /* The button itself opens the print dialog (the job runs when it is confirmed) */
  g_signal_emit_by_name (print, "clicked");
  iterate_until (print_dialog_shown, NULL);
  {
    GtkWindow *dialog = print_dialog_shown (NULL) ? find_print_dialog () : NULL;

    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == preview);
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  }

  gtk_window_destroy (preview);
  gtk_window_destroy (parent);
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
  g_test_add ("/td/impact-prefs/editor", Fixture, NULL, fixture_setup, test_factor_editor,
              fixture_teardown);
  g_test_add ("/td/impact-prefs/store", Fixture, NULL, fixture_setup, test_factor_store,
              fixture_teardown);
  g_test_add ("/td/impact-prefs/preview-print", Fixture, NULL, fixture_setup, test_preview_print,
              fixture_teardown);
  return g_test_run ();
}
