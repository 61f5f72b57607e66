/* test-grades.c — the store behind the grading and pricing Preferences: the grading scale
 * (add, rename, reorder, retire, marketplace conditions), defect checklists and markdown
 * schedules, with every refusal leaving the database as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-database-private.h"
#include "td-pricing.h"
#include "td-store-catalogue.h"
#include "td-store-grades.h"
#include "td-store-pricing.h"
#include "td-test.h"

typedef struct
{
  char       *dir;
  char       *path;
  TdDatabase *db;
} Fixture;

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (f->db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Everything the editors could touch, to compare before and after a refusal. */
static char *
snapshot (Fixture *f)
{
  return query_text (f,
    "SELECT (SELECT group_concat (id || code || label || definition || position || active, ';') "
    "        FROM grade) || '|' || "
    "       (SELECT group_concat (grade_id || marketplace || condition, ';') "
    "        FROM grade_marketplace) || '|' || "
    "       (SELECT group_concat (id || defects, ';') FROM category) || '|' || "
    "       (SELECT ifnull (group_concat (id || after_days || percent_bp, ';'), '') "
    "        FROM markdown_rule) || '|' || (SELECT count(*) FROM audit)");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
assert_field_refused (GError     *error,
                      const char *field)
{
  GPtrArray *problems;

  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  problems = td_stock_error_get_problems (error);
  g_assert_nonnull (problems);
  if (td_field_problems_find (problems, field) == NULL)
    g_error ("No problem at “%s” in: %s", field, error->message);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grades = td_store_grades_list (f->db, &error);

  /* The trade's scale, each grade mapped for eBay, Etsy and Shopify. */
  g_assert_no_error (error);
  g_assert_cmpuint (grades->len, ==, 7);
  for (guint i = 0; i < grades->len; i++)
    {
      const TdGradeRecord *g = &g_array_index (grades, TdGradeRecord, i);

      g_assert_true (g->active);
      g_assert_cmpstr (g->definition, !=, "");
      g_assert_true (td_grade_ebay_condition_is_known (g->ebay));
      g_assert_cmpstr (g->etsy, !=, "");
      g_assert_cmpstr (g->shopify, !=, "");
    }
  g_assert_cmpstr (g_array_index (grades, TdGradeRecord, 0).ebay, ==, "NEW");
  g_assert_cmpstr (g_array_index (grades, TdGradeRecord, 6).etsy, ==, "used");
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grades = td_store_grades_list (f->db, &error);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) offered = NULL;
  gint64 good = g_array_index (grades, TdGradeRecord, 4).id;
  gint64 added = 0;
  TdGradeRecord vintage = { .label = (char *) " Vintage ", .definition = (char *) "Over 20 years old.",
                            .active = TRUE, .ebay = (char *) "USED_EXCELLENT",
                            .etsy = (char *) "vintage", .shopify = (char *) "" };
  TdGradeRecord renamed = { .label = (char *) "Good (worn)",
                            .definition = (char *) "Visible wear, defects listed.",
                            .active = TRUE, .ebay = (char *) "USED_GOOD", .etsy = (char *) "used",
                            .shopify = (char *) "used" };

  /* Add: at the end of the scale, trimmed, with its conditions; audited. */
  g_assert_true (td_store_grades_save (f->db, 0, &vintage, 100, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, >, 0);
  after = td_store_grades_list (f->db, &error);
  g_assert_cmpuint (after->len, ==, 8);
  g_assert_cmpint (g_array_index (after, TdGradeRecord, 7).id, ==, added);
  g_assert_cmpstr (g_array_index (after, TdGradeRecord, 7).label, ==, "Vintage");
  g_assert_cmpstr (g_array_index (after, TdGradeRecord, 7).etsy, ==, "vintage");
  g_assert_cmpstr (g_array_index (after, TdGradeRecord, 7).shopify, ==, "");
  g_clear_pointer (&after, g_array_unref);

  /* Rename with a new definition. */
  g_assert_true (td_store_grades_save (f->db, good, &renamed, 101, NULL, &error));
  g_assert_no_error (error);

  /* Reorder: Vintage up three places; clamped at the top. */
  g_assert_true (td_store_grades_move (f->db, added, -3, 102, &error));
  after = td_store_grades_list (f->db, &error);
  g_assert_cmpint (g_array_index (after, TdGradeRecord, 4).id, ==, added);
  g_assert_cmpstr (g_array_index (after, TdGradeRecord, 5).label, ==, "Good (worn)");
  g_clear_pointer (&after, g_array_unref);
  g_assert_true (td_store_grades_move (f->db, added, -100, 103, &error));
  after = td_store_grades_list (f->db, &error);
  g_assert_cmpint (g_array_index (after, TdGradeRecord, 0).id, ==, added);
  g_clear_pointer (&after, g_array_unref);

  /* Retire: still listed for the editor, no longer offered at intake. */
  vintage.active = FALSE;
  g_assert_true (td_store_grades_save (f->db, added, &vintage, 104, NULL, &error));
  g_assert_no_error (error);
  offered = td_store_catalogue_list_grades (f->db, &error);
  g_assert_cmpuint (offered->len, ==, 7);
  for (guint i = 0; i < offered->len; i++)
    g_assert_cmpint (g_array_index (offered, TdGradeInfo, i).id, !=, added);
  g_assert_cmpstr (g_array_index (offered, TdGradeInfo, 4).label, ==, "Good (worn)");

  {
    g_autofree char *n = query_text (f, "SELECT count(*) FROM audit WHERE entity = 'grade'");

    g_assert_cmpstr (n, ==, "5");
  }
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grades = td_store_grades_list (f->db, &error);
  g_autofree char *before = snapshot (f);
  TdGradeRecord g = { .label = (char *) "Mint", .definition = (char *) "", .active = TRUE,
                      .ebay = (char *) "", .etsy = (char *) "", .shopify = (char *) "" };
  gint64 id = -1;

#define REFUSED(field)                                                         \
  G_STMT_START {                                                               \
    g_autofree char *_after = NULL;                                            \
    g_assert_false (td_store_grades_save (f->db, 0, &g, 1, &id, &error));      \
    assert_field_refused (error, field);                                       \
    g_clear_error (&error);                                                    \
    _after = snapshot (f);                                                     \
    g_assert_cmpstr (before, ==, _after);                                      \
    g_assert_cmpint (id, ==, -1);                                              \
  } G_STMT_END

  g.label = (char *) "  ";
  REFUSED (TD_FIELD_GRADE_LABEL);
  g.label = (char *) "like NEW";                     /* a duplicate, ignoring case */
  REFUSED (TD_FIELD_GRADE_LABEL);
  g.label = (char *) "A grade whose name goes on far too long for a tag";
  REFUSED (TD_FIELD_GRADE_LABEL);
  g.label = (char *) "Mint";
  g.definition = (char *) "Two\nlines";
  REFUSED (TD_FIELD_GRADE_DEFINITION);
  g.definition = (char *) "";
  g.ebay = (char *) "MINT";                          /* not an eBay ConditionEnum value */
  REFUSED (TD_FIELD_GRADE_EBAY);
  g.ebay = (char *) "";
  g.shopify = (char *) "new\nused";
  REFUSED (TD_FIELD_GRADE_SHOPIFY);
#undef REFUSED

  /* Retiring every grade: the last one in use is refused. */
  for (guint i = 0; i + 1 < grades->len; i++)
    {
      TdGradeRecord *r = &g_array_index (grades, TdGradeRecord, i);

      r->active = FALSE;
      g_assert_true (td_store_grades_save (f->db, r->id, r, 2, NULL, &error));
      g_assert_no_error (error);
    }
  {
    TdGradeRecord *last = &g_array_index (grades, TdGradeRecord, grades->len - 1);
    g_autofree char *retired = snapshot (f);
    g_autofree char *unchanged = NULL;

    last->active = FALSE;
    g_assert_false (td_store_grades_save (f->db, last->id, last, 3, NULL, &error));
    assert_field_refused (error, TD_FIELD_GRADE_LABEL);
    g_clear_error (&error);
    unchanged = snapshot (f);
    g_assert_cmpstr (retired, ==, unchanged);
  }

  /* No such grade. */
  g.shopify = (char *) "";
  g_assert_false (td_store_grades_save (f->db, 987654, &g, 4, NULL, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (td_store_grades_move (f->db, 987654, 1, 4, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
}

static void
test_defects (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) categories = td_store_catalogue_list_categories (f->db, &error);
  gint64 books = 0;
  const char *checklist[] = { "Writing inside", " Foxing ", "", "Loose binding", NULL };
  const char *twice[] = { "Foxing", "FOXING", NULL };
  const char *too_long[] = { "A defect described at such length it can't fit a checkbox", NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < categories->len; i++)
    if (g_strcmp0 (g_array_index (categories, TdCategoryInfo, i).code, "books") == 0)
      books = g_array_index (categories, TdCategoryInfo, i).id;
  g_assert_cmpint (books, >, 0);

  g_assert_true (td_store_categories_set_defects (f->db, books, checklist, 10, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT defects FROM category WHERE id = %"
                                            G_GINT64_FORMAT, books);
    g_autofree char *json = query_text (f, sql);

    g_assert_cmpstr (json, ==, "[\"Writing inside\",\"Foxing\",\"Loose binding\"]");
  }

  before = snapshot (f);
  g_assert_false (td_store_categories_set_defects (f->db, books, twice, 11, &error));
  assert_field_refused (error, TD_FIELD_DEFECTS);
  g_clear_error (&error);
  g_assert_false (td_store_categories_set_defects (f->db, books, too_long, 11, &error));
  assert_field_refused (error, TD_FIELD_DEFECTS);
  g_clear_error (&error);
  for (int i = 0; i <= TD_DEFECTS_MAX; i++)
    g_ptr_array_add (many, g_strdup_printf ("Defect %d", i));
  g_ptr_array_add (many, NULL);
  g_assert_false (td_store_categories_set_defects (f->db, books,
                                                   (const char * const *) many->pdata, 11,
                                                   &error));
  assert_field_refused (error, TD_FIELD_DEFECTS);
  g_clear_error (&error);
  g_assert_false (td_store_categories_set_defects (f->db, 987654, checklist, 11, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* A markdown schedule takes more off as items age: a second step on the same day, or one
 * that would take off less than an earlier step, is refused. */
static void
test_schedule_overlap (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdMarkdownRule m30 = { 0, 0, 30, 2500, TRUE };
  TdMarkdownRule m60 = { 0, 0, 60, 5000, TRUE };
  TdMarkdownRule bad;
  g_autofree char *before = NULL;
  gint64 id = -1;

  g_assert_true (td_store_pricing_add_markdown_rule (f->db, &m30, 1, NULL, &error));
  g_assert_true (td_store_pricing_add_markdown_rule (f->db, &m60, 2, NULL, &error));
  g_assert_no_error (error);
  before = snapshot (f);

  bad = (TdMarkdownRule) { 0, 0, 30, 3000, TRUE };         /* same day */
  g_assert_false (td_store_pricing_add_markdown_rule (f->db, &bad, 3, &id, &error));
  g_assert_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "30 days"));
  g_clear_error (&error);
  bad = (TdMarkdownRule) { 0, 0, 45, 2000, TRUE };         /* less than the 30-day step */
  g_assert_false (td_store_pricing_add_markdown_rule (f->db, &bad, 3, &id, &error));
  g_assert_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_INVALID);
  g_clear_error (&error);
  bad = (TdMarkdownRule) { 0, 0, 90, 5000, TRUE };         /* no more than the 60-day step */
  g_assert_false (td_store_pricing_add_markdown_rule (f->db, &bad, 3, &id, &error));
  g_assert_error (error, TD_PRICING_ERROR, TD_PRICING_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *after = snapshot (f);

    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (id, ==, -1);
  }

  /* In between, or in another category's own schedule: fine. */
  bad = (TdMarkdownRule) { 0, 0, 45, 4000, TRUE };
  g_assert_true (td_store_pricing_add_markdown_rule (f->db, &bad, 4, &id, &error));
  g_assert_no_error (error);
  bad = (TdMarkdownRule) { 0, 1, 30, 1000, TRUE };
  g_assert_true (td_store_pricing_add_markdown_rule (f->db, &bad, 5, &id, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/grades/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("defaults", test_defaults);
  ADD ("edit", test_edit);
  ADD ("refusals", test_refusals);
  ADD ("defects", test_defects);
  ADD ("schedule-overlap", test_schedule_overlap);
#undef ADD

  return g_test_run ();
}
