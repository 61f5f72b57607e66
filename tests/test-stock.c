/* test-stock.c — the write side of consignment stock: consignors, ledger, intake, item edits,
 * expiry and bulk actions, on a real shop file in a fresh temp dir per test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-consignor.h"
#include "td-database-private.h"
#include "td-item-draft.h"
#include "td-product-code.h"
#include "td-store-stock-private.h"
#include "td-test.h"

#define DAY G_GINT64_CONSTANT (86400000000)
/* 2024-03-01 12:00 UTC: a fixed "now"; store code never reads the clock. */
#define NOW G_GINT64_CONSTANT (1709294400000000)

typedef struct
{
  char       *dir;
  char       *path;
  TdDatabase *db;
  sqlite3    *handle;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  f->handle = td_database_get_handle (f->db);
  /* Staff to name in audit rows. */
  g_assert_cmpint (sqlite3_exec (f->handle,
                                 "INSERT INTO staff (id, name, role, created_at) VALUES "
                                 "(3, 'Sam', 'manager', 1), (4, 'Kim', 'cashier', 1), "
                                 "(7, 'Lou', 'owner', 1), (9, 'Ray', 'cashier', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
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

/* Helpers ------------------------------------------------------------------------------- */

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (f->handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (f->handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_plan (Fixture    *f,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->handle, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s; ", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

/* The plan of the statement the store prepared (and cached) whose SQL ends with @suffix. */
static char *
store_query_plan (Fixture    *f,
                  const char *suffix)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (f->handle, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (f->handle, stmt))
    if (g_str_has_suffix (sqlite3_sql (stmt), suffix))
      return query_plan (f, sqlite3_sql (stmt));
  g_error ("The store prepared no statement ending “%s”", suffix);
  return NULL;
}

static gint64
item_int (Fixture    *f,
          gint64      item_id,
          const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT ifnull (%s, -1) FROM item WHERE id = %"
                                          G_GINT64_FORMAT, column, item_id);
  return query_int (f, sql);
}

static char *
item_text (Fixture    *f,
           gint64      item_id,
           const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT ifnull (%s, '(null)') FROM item WHERE id = %"
                                          G_GINT64_FORMAT, column, item_id);
  return query_text (f, sql);
}

static void
exec_ok (Fixture    *f,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (f->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Everything a refused write could have touched, as one string to compare before/after. */
static char *
snapshot (Fixture *f)
{
  return query_text (f,
    "SELECT (SELECT count(*) FROM consignor) || '|' || "
    "  (SELECT ifnull (group_concat (id || code || name || email || ifnull (share_bp, '-') || "
    "                  ifnull (period_days, '-') || active, ','), '') FROM consignor) || '|' || "
    "  (SELECT ifnull (group_concat (id || sku || status || price || min_price || acquisition || "
    "                  ifnull (consignor_id, '-') || ifnull (share_bp, '-') || title || "
    "                  search_text || updated_at, ','), '') FROM item) || '|' || "
    "  (SELECT count(*) FROM item_code) || '|' || (SELECT count(*) FROM intake) || '|' || "
    "  (SELECT count(*) FROM ledger) || '|' || (SELECT count(*) FROM audit) || '|' || "
    "  (SELECT ifnull (group_concat (prefix || last), '') FROM sku_sequence)");
}

static void
assert_refused (GError       *error,
                TdStockError  code,
                const char   *field)
{
  GPtrArray *problems;

  g_assert_error (error, TD_STOCK_ERROR, (int) code);
  problems = td_stock_error_get_problems (error);
  g_assert_nonnull (problems);
  if (td_field_problems_find (problems, field) == NULL)
    g_error ("No problem at “%s” in: %s", field, error->message);
  /* Each problem has a sentence for staff. */
  for (guint i = 0; i < problems->len; i++)
    {
      const TdFieldProblem *p = g_ptr_array_index (problems, i);

      g_assert_cmpuint (strlen (p->message), >, 10);
    }
}

static gboolean
has_problem_for_item (GError     *error,
                      gint64      item_id)
{
  GPtrArray *problems = td_stock_error_get_problems (error);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (((const TdFieldProblem *) g_ptr_array_index (problems, i))->item_id == item_id)
      return TRUE;
  return FALSE;
}

static gint64
new_consignor (Fixture        *f,
               const char     *code,
               int             share_bp,
               int             period_days,
               TdExpiryAction  action)
{
  g_auto(TdConsignorDraft) draft;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  td_consignor_draft_init (&draft);
  draft.code = g_strdup (code);
  draft.name = g_strdup_printf ("Consignor %s", code);
  draft.share_bp = share_bp;
  draft.period_days = period_days;
  draft.expiry_action = action;
  g_assert_true (td_store_consignors_create (f->db, &draft, 0, NOW, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
new_intake (Fixture       *f,
            TdAcquisition  acquisition,
            gint64         consignor_id,
            gint64         at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (td_store_intake_start (f->db, acquisition, consignor_id, 0, at, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fill_item (TdItemDraft *draft,
           const char  *title,
           gint64       price)
{
  td_item_draft_init (draft);
  draft->title = g_strdup (title);
  draft->price = price;
}

static gint64
add_item (Fixture    *f,
          gint64      intake_id,
          const char *title,
          gint64      price,
          gint64      min_price,
          gint64      at,
          char      **sku)
{
  g_auto(TdItemDraft) draft;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  fill_item (&draft, title, price);
  draft.min_price = min_price;
  draft.cost = 0;
  g_assert_true (td_store_intake_add_item (f->db, intake_id, &draft, at, &id, sku, &error));
  g_assert_no_error (error);
  return id;
}

/* Manufacturer codes --------------------------------------------------------------------- */

static void
assert_code (const char        *text,
             const char        *expected,
             TdProductCodeKind  expected_kind)
{
  g_autofree char *normalized = NULL;
  TdProductCodeKind kind;

  if (!td_product_code_normalize (text, &normalized, &kind))
    g_error ("“%s” was refused", text);
  g_assert_cmpstr (normalized, ==, expected);
  g_assert_cmpint (kind, ==, expected_kind);
}

static void
test_product_codes (void)
{
  static const char *invalid[] = {
    "4006381333932",     /* EAN-13, wrong check digit */
    "036000291453",      /* UPC-A, wrong check digit */
    "96385075",          /* EAN-8, wrong check digit */
    "0306406153",        /* ISBN-10, wrong check digit */
    "9780306406158",     /* ISBN-13, wrong check digit */
    "03064061X2",        /* X before the end */
    "400638133393X",     /* X in an EAN */
    "4006381333",        /* 10 digits that are no ISBN */
    "40063813339",       /* 11 digits */
    "40063813339310",    /* 14 digits */
    "abc",
    "",
    "4006381333931a",
  };

  assert_code ("4006381333931", "4006381333931", TD_PRODUCT_CODE_EAN13);
  assert_code ("036000291452", "0036000291452", TD_PRODUCT_CODE_UPCA);
  assert_code ("0036000291452", "0036000291452", TD_PRODUCT_CODE_EAN13);
  assert_code ("96385074", "96385074", TD_PRODUCT_CODE_EAN8);
  assert_code ("0-306-40615-2", "9780306406157", TD_PRODUCT_CODE_ISBN10);
  assert_code ("080442957X", "9780804429573", TD_PRODUCT_CODE_ISBN10);
  assert_code ("080442957x", "9780804429573", TD_PRODUCT_CODE_ISBN10);
  assert_code ("978-3-16-148410-0", "9783161484100", TD_PRODUCT_CODE_ISBN13);
  assert_code (" 978 0306 406157 ", "9780306406157", TD_PRODUCT_CODE_ISBN13);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (td_product_code_normalize (invalid[i], NULL, NULL))
      g_error ("“%s” was accepted", invalid[i]);
}

/* Consignors ----------------------------------------------------------------------------- */

static void
assert_consignor_problem (const char *code,
                          const char *name,
                          const char *email,
                          int         share_bp,
                          int         period_days,
                          gint64      min_payout,
                          const char *field)
{
  g_auto(TdConsignorDraft) draft;
  g_autoptr(GPtrArray) problems = NULL;

  td_consignor_draft_init (&draft);
  draft.code = g_strdup (code);
  draft.name = g_strdup (name);
  draft.email = g_strdup (email);
  draft.share_bp = share_bp;
  draft.period_days = period_days;
  draft.min_payout = min_payout;
  problems = td_consignor_draft_validate (&draft);
  if (field == NULL)
    {
      if (problems->len != 0)
        g_error ("%s/%s/%s refused: %s", code, name, email,
                 ((TdFieldProblem *) g_ptr_array_index (problems, 0))->message);
    }
  else
    {
      if (td_field_problems_find (problems, field) == NULL)
        g_error ("%s/%s/%s: no problem at %s", code, name, email, field);
      g_assert_cmpuint (problems->len, ==, 1);
    }
}

static void
test_consignor_validate (void)
{
  g_auto(TdConsignorDraft) draft;
  g_autoptr(GPtrArray) problems = NULL;

  /* Fine, including the edges. */
  assert_consignor_problem ("AB", "Ada", NULL, -1, -1, 0, NULL);
  assert_consignor_problem (" ab12cd34 ", "Ada", "ada@example.org", 0, 1, 0, NULL);
  assert_consignor_problem ("AB12", "Ada", "", 10000, 3650, 2000, NULL);

  assert_consignor_problem (NULL, "Ada", NULL, -1, -1, 0, TD_FIELD_CODE);
  assert_consignor_problem ("A", "Ada", NULL, -1, -1, 0, TD_FIELD_CODE);
  assert_consignor_problem ("ABCDEFGHI", "Ada", NULL, -1, -1, 0, TD_FIELD_CODE);
  assert_consignor_problem ("AB 12", "Ada", NULL, -1, -1, 0, TD_FIELD_CODE);
  assert_consignor_problem ("AB-12", "Ada", NULL, -1, -1, 0, TD_FIELD_CODE);
  assert_consignor_problem ("ÄB12", "Ada", NULL, -1, -1, 0, TD_FIELD_CODE);
  assert_consignor_problem ("AB12", "  ", NULL, -1, -1, 0, TD_FIELD_NAME);
  assert_consignor_problem ("AB12", NULL, NULL, -1, -1, 0, TD_FIELD_NAME);
  assert_consignor_problem ("AB12", "Ada", "ada", -1, -1, 0, TD_FIELD_EMAIL);
  assert_consignor_problem ("AB12", "Ada", "ada@", -1, -1, 0, TD_FIELD_EMAIL);
  assert_consignor_problem ("AB12", "Ada", "@example.org", -1, -1, 0, TD_FIELD_EMAIL);
  assert_consignor_problem ("AB12", "Ada", "ada@example", -1, -1, 0, TD_FIELD_EMAIL);
  assert_consignor_problem ("AB12", "Ada", "ada b@example.org", -1, -1, 0, TD_FIELD_EMAIL);
  assert_consignor_problem ("AB12", "Ada", "ada@@example.org", -1, -1, 0, TD_FIELD_EMAIL);
  assert_consignor_problem ("AB12", "Ada", "ada@example.", -1, -1, 0, TD_FIELD_EMAIL);
  assert_consignor_problem ("AB12", "Ada", NULL, -2, -1, 0, TD_FIELD_SHARE);
  assert_consignor_problem ("AB12", "Ada", NULL, 10001, -1, 0, TD_FIELD_SHARE);
  assert_consignor_problem ("AB12", "Ada", NULL, -1, 0, 0, TD_FIELD_PERIOD);
  assert_consignor_problem ("AB12", "Ada", NULL, -1, 3651, 0, TD_FIELD_PERIOD);
  assert_consignor_problem ("AB12", "Ada", NULL, -1, -1, -1, TD_FIELD_MIN_PAYOUT);

  /* Every problem at once, one per field, so the form can mark them all. */
  td_consignor_draft_init (&draft);
  draft.code = g_strdup ("x");
  draft.email = g_strdup ("nope");
  draft.share_bp = 12000;
  draft.period_days = 0;
  draft.min_payout = -5;
  problems = td_consignor_draft_validate (&draft);
  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_nonnull (td_field_problems_find (problems, TD_FIELD_CODE));
  g_assert_nonnull (td_field_problems_find (problems, TD_FIELD_NAME));
  g_assert_nonnull (td_field_problems_find (problems, TD_FIELD_EMAIL));
  g_assert_nonnull (td_field_problems_find (problems, TD_FIELD_SHARE));
  g_assert_nonnull (td_field_problems_find (problems, TD_FIELD_PERIOD));
  g_assert_nonnull (td_field_problems_find (problems, TD_FIELD_MIN_PAYOUT));
}

static void
test_consignor_create_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(TdConsignorDraft) draft;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GPtrArray *refused;
  gint64 id = 0;

  new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                 TD_EXPIRY_ACTION_SHOP_DEFAULT);
  before = snapshot (f);

  /* The store refuses what validation refuses, with the same messages, writing nothing. */
  td_consignor_draft_init (&draft);
  draft.code = g_strdup ("x");
  draft.name = g_strdup ("Ada");
  draft.share_bp = 10001;
  problems = td_consignor_draft_validate (&draft);
  g_assert_false (td_store_consignors_create (f->db, &draft, 0, NOW, &id, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_CODE);
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_SHARE);
  refused = td_stock_error_get_problems (error);
  g_assert_cmpuint (refused->len, ==, problems->len);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpstr (((TdFieldProblem *) g_ptr_array_index (refused, i))->message, ==,
                     ((TdFieldProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpint (id, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);

  /* A code is taken whatever its case; the problem sits at the code field. */
  g_free (draft.code);
  draft.code = g_strdup (" ab12 ");
  draft.share_bp = 4000;
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = td_store_consignors_validate (f->db, 0, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (td_field_problems_find (problems, TD_FIELD_CODE));
  g_assert_false (td_store_consignors_create (f->db, &draft, 0, NOW, &id, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_CODE);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_consignor_lifecycle (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(TdConsignorDraft) draft;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdConsignor) c = NULL;
  g_autoptr(TdConsignor) by_code = NULL;
  g_autofree char *detail = NULL;
  gint64 id = 0;
  gint64 audits;
  gint64 intake;

  td_consignor_draft_init (&draft);
  draft.code = g_strdup (" cd34 ");
  draft.name = g_strdup ("  Carla Diaz ");
  draft.phone = g_strdup ("0123 456");
  draft.email = g_strdup ("carla@example.org");
  draft.min_payout = 1000;
  draft.payout_method = TD_PAYOUT_METHOD_BANK_TRANSFER;
  g_assert_true (td_store_consignors_create (f->db, &draft, 0, NOW, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'consignor.created'"),
                   ==, 1);

  /* Stored normalised; shop defaults resolved (the seeded 50 %, 60 days, return). */
  c = td_store_consignors_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->draft.code, ==, "CD34");
  g_assert_cmpstr (c->draft.name, ==, "Carla Diaz");
  g_assert_cmpint (c->draft.share_bp, ==, TD_TERM_SHOP_DEFAULT);
  g_assert_cmpint (c->effective_share_bp, ==, 5000);
  g_assert_cmpint (c->effective_period_days, ==, 60);
  g_assert_cmpint (c->effective_expiry_action, ==, TD_EXPIRY_ACTION_RETURN);
  g_assert_cmpint (c->draft.payout_method, ==, TD_PAYOUT_METHOD_BANK_TRANSFER);
  g_assert_cmpint (c->draft.min_payout, ==, 1000);
  g_assert_true (c->active);
  g_assert_cmpint (c->created_at, ==, NOW);

  by_code = td_store_consignors_get_by_code (f->db, "cd34", &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_code->id, ==, id);
  g_assert_null (td_store_consignors_get_by_code (f->db, "ZZ99", &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (td_store_consignors_get (f->db, id + 100, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving unchanged writes nothing. */
  audits = query_int (f, "SELECT count(*) FROM audit");
  g_assert_true (td_store_consignors_update (f->db, id, &c->draft, 0, NOW + 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit"), ==, audits);

  /* Changed terms: old and new in the audit; contact changes by name only. */
  c->draft.share_bp = 6000;
  c->draft.expiry_action = TD_EXPIRY_ACTION_DONATE;
  g_free (c->draft.email);
  c->draft.email = g_strdup ("carla.new@example.org");
  g_assert_true (td_store_consignors_update (f->db, id, &c->draft, 7, NOW + 2, &error));
  g_assert_no_error (error);
  detail = query_text (f, "SELECT detail FROM audit WHERE action = 'consignor.updated'");
  g_assert_cmpint (query_int (f, "SELECT json_extract (detail, '$.share_bp.old') IS NULL "
                                 "AND json_extract (detail, '$.share_bp.new') = 6000 "
                                 "FROM audit WHERE action = 'consignor.updated'"), ==, 1);
  g_assert_nonnull (strstr (detail, "\"expiry_action\":{\"old\":null,\"new\":\"donate\"}"));
  g_assert_nonnull (strstr (detail, "\"contact_changed\":[\"email\"]"));
  g_assert_null (strstr (detail, "carla"));
  g_assert_null (strstr (detail, "period_days"));
  g_assert_cmpint (query_int (f, "SELECT staff_id FROM audit WHERE action = 'consignor.updated'"),
                   ==, 7);

  /* Deactivated: audited once, and no intake for them any more. */
  g_assert_true (td_store_consignors_set_active (f->db, id, FALSE, 0, NOW + 3, &error));
  g_assert_true (td_store_consignors_set_active (f->db, id, FALSE, 0, NOW + 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit "
                                 "WHERE action = 'consignor.deactivated'"), ==, 1);
  g_assert_false (td_store_intake_start (f->db, TD_ACQUISITION_CONSIGNED, id, 0, NOW, &intake,
                                         &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_CONSIGNOR);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM intake"), ==, 0);

  g_assert_true (td_store_consignors_set_active (f->db, id, TRUE, 0, NOW + 5, &error));
  g_assert_no_error (error);
  g_assert_true (td_store_intake_start (f->db, TD_ACQUISITION_CONSIGNED, id, 0, NOW, &intake,
                                        &error));
  g_assert_no_error (error);
}

/* Intake --------------------------------------------------------------------------------- */

static void
test_intake_sku (Fixture       *f,
                 gconstpointer  data)
{
  gint64 ab = new_consignor (f, "ab12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 cd = new_consignor (f, "CD34", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 ab_intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  gint64 cd_intake = new_intake (f, TD_ACQUISITION_CONSIGNED, cd, NOW);
  gint64 bought = new_intake (f, TD_ACQUISITION_BOUGHT, 0, NOW);
  gint64 donated = new_intake (f, TD_ACQUISITION_DONATED, 0, NOW);
  static const struct { int which; const char *sku; } expected[] = {
    { 0, "AB12-0001" }, { 1, "CD34-0001" }, { 0, "AB12-0002" }, { 2, "B-000001" },
    { 3, "D-000001" }, { 0, "AB12-0003" }, { 2, "B-000002" }, { 1, "CD34-0002" },
  };
  gint64 intakes[4] = { ab_intake, cd_intake, bought, donated };

  /* Each consignor counts on their own; bought and donated stock have theirs. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sku = NULL;
      gint64 id = add_item (f, intakes[expected[i].which], "Wool jumper", 1500, 0, NOW, &sku);
      g_autofree char *stored = item_text (f, id, "sku");

      g_assert_cmpstr (sku, ==, expected[i].sku);
      g_assert_cmpstr (stored, ==, expected[i].sku);
    }

  /* Past 9999 the number grows a digit; nothing wraps. */
  exec_ok (f, "UPDATE sku_sequence SET last = 9998 WHERE prefix = 'AB12'");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sku = NULL;

      add_item (f, ab_intake, "Silk scarf", 900, 0, NOW, &sku);
      g_assert_cmpstr (sku, ==, i == 0 ? "AB12-9999" : "AB12-10000");
    }
  g_assert_cmpint (query_int (f, "SELECT count(DISTINCT sku) = count(*) FROM item"), ==, 1);

  /* Shop stock carries no consignor, share or expiry; consigned stock does. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item WHERE acquisition != 'consigned' "
                                 "AND (consignor_id IS NOT NULL OR share_bp IS NOT NULL "
                                 "OR expires_at IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item WHERE acquisition = 'consigned' "
                                 "AND (consignor_id IS NULL OR share_bp IS NULL "
                                 "OR expires_at IS NULL)"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item WHERE acquisition = 'bought' "
                                 "AND cost = 0"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'item.added'"), ==, 10);
}

static void
test_intake_sku_imported (Fixture       *f,
                          gconstpointer  data)
{
  gint64 ab = new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  g_autofree char *sku = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(TdItemDraft) draft;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* Items imported before this shop numbered anything: numbering starts after them. */
  exec_ok (f, "INSERT INTO item (sku, consignor_id, title, price, intake_at, updated_at) VALUES "
              "('AB12-0007', 1, 'Imported coat', 5000, 1, 1), "
              "('AB12-0003', 1, 'Imported hat', 900, 1, 1), "
              "('AB12-0099X', 1, 'Not one of ours', 900, 1, 1), "
              "('AB120-0500', 1, 'Another prefix', 900, 1, 1)");
  add_item (f, intake, "Linen shirt", 2500, 0, NOW, &sku);
  g_assert_cmpstr (sku, ==, "AB12-0008");

  /* A number an imported item already holds is skipped. */
  exec_ok (f, "INSERT INTO item (sku, consignor_id, title, price, intake_at, updated_at) VALUES "
              "('AB12-0009', 1, 'Imported later', 5000, 1, 1)");
  g_clear_pointer (&sku, g_free);
  add_item (f, intake, "Linen trousers", 2500, 0, NOW, &sku);
  g_assert_cmpstr (sku, ==, "AB12-0010");

  /* An imported SKU given at intake is kept … */
  fill_item (&draft, "Tweed jacket", 8000);
  draft.sku = g_strdup (" OLD-123 ");
  g_assert_true (td_store_intake_add_item (f->db, intake, &draft, NOW, &id, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sku, g_free);
  sku = item_text (f, id, "sku");
  g_assert_cmpstr (sku, ==, "OLD-123");

  /* … and a taken one is refused at the SKU field, with nothing written. */
  before = snapshot (f);
  id = 0;
  g_assert_false (td_store_intake_add_item (f->db, intake, &draft, NOW, &id, NULL, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_SKU);
  g_assert_nonnull (strstr (error->message, "OLD-123"));
  g_assert_cmpint (id, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* A SKU that can't be printed as a barcode is refused too. */
  g_free (draft.sku);
  draft.sku = g_strdup ("OLD 124");
  g_assert_false (td_store_intake_add_item (f->db, intake, &draft, NOW, &id, NULL, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_SKU);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_intake_sku_after_migration (Fixture       *f,
                                 gconstpointer  data)
{
  TdDatabaseOpenOptions options = { .target_version = 2 };
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) old = td_database_open_with_options (path, &options, &error);
  g_autoptr(TdDatabase) db = NULL;
  g_autoptr(TdConsignor) c = NULL;
  g_autofree char *sku = NULL;
  g_auto(TdItemDraft) draft;
  gint64 intake = 0;

  /* A shop from before sku_sequence existed, with an item numbered by hand. */
  g_assert_no_error (error);
  g_assert_true (td_database_exec (old,
    "INSERT INTO consignor (code, name, created_at) VALUES ('AB12', 'Ada', 1);"
    "INSERT INTO item (sku, consignor_id, title, price, intake_at, updated_at) "
    "VALUES ('AB12-0041', 1, 'Old coat', 2500, 1, 1);", &error));
  g_clear_object (&old);

  db = td_database_open (path, &error);
  g_assert_no_error (error);
  c = td_store_consignors_get_by_code (db, "AB12", &error);
  g_assert_no_error (error);
  g_assert_true (td_store_intake_start (db, TD_ACQUISITION_CONSIGNED, c->id, 0, NOW, &intake,
                                        &error));
  fill_item (&draft, "New coat", 3000);
  g_assert_true (td_store_intake_add_item (db, intake, &draft, NOW, NULL, &sku, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sku, ==, "AB12-0042");
}

typedef struct
{
  const char *field;
  void      (*spoil) (TdItemDraft *draft);
} Spoiler;

static void spoil_title (TdItemDraft *d) { g_free (d->title); d->title = g_strdup (" \t "); }
static void spoil_title_null (TdItemDraft *d) { g_clear_pointer (&d->title, g_free); }
static void spoil_price_zero (TdItemDraft *d) { d->price = 0; }
static void spoil_price_negative (TdItemDraft *d) { d->price = -500; }
static void spoil_below_min (TdItemDraft *d) { d->min_price = d->price + 1; }
static void spoil_min_negative (TdItemDraft *d) { d->min_price = -1; }
static void spoil_quantity (TdItemDraft *d) { d->quantity = 0; }
static void spoil_cost (TdItemDraft *d) { d->cost = TD_COST_UNKNOWN; }
static void spoil_category (TdItemDraft *d) { d->category_id = 999999; }
static void spoil_grade (TdItemDraft *d) { d->grade_id = 999999; }
static void
spoil_code (TdItemDraft *d)
{
  g_strfreev (d->codes);
  d->codes = g_strsplit ("4006381333931,4006381333932", ",", -1);
}

static void
test_intake_refusals (Fixture       *f,
                      gconstpointer  data)
{
  static const Spoiler spoilers[] = {
    { TD_FIELD_TITLE, spoil_title },
    { TD_FIELD_TITLE, spoil_title_null },
    { TD_FIELD_PRICE, spoil_price_zero },
    { TD_FIELD_PRICE, spoil_price_negative },
    { TD_FIELD_PRICE, spoil_below_min },
    { TD_FIELD_MIN_PRICE, spoil_min_negative },
    { TD_FIELD_QUANTITY, spoil_quantity },
    { TD_FIELD_COST, spoil_cost },
    { TD_FIELD_CATEGORY, spoil_category },
    { TD_FIELD_GRADE, spoil_grade },
    { TD_FIELD_CODES, spoil_code },
  };
  gint64 ab = new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  gint64 bought = new_intake (f, TD_ACQUISITION_BOUGHT, 0, NOW);
  g_autofree char *before = NULL;
  g_auto(TdItemDraft) all_wrong;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  gint64 id = 0;

  /* One item in, so the sequence exists and a refusal must not move it. */
  add_item (f, intake, "Denim jacket", 4000, 0, NOW, NULL);
  add_item (f, bought, "Lamp", 1500, 0, NOW, NULL);
  before = snapshot (f);

  for (guint i = 0; i < G_N_ELEMENTS (spoilers); i++)
    {
      g_auto(TdItemDraft) draft;
      g_autoptr(GPtrArray) checked = NULL;
      g_autofree char *after = NULL;
      gint64 target = spoilers[i].spoil == spoil_cost ? bought : intake;

      fill_item (&draft, "Cotton dress", 3500);
      draft.min_price = 2000;
      draft.cost = 1000;
      spoilers[i].spoil (&draft);

      /* The form's check and the store's refusal agree. */
      checked = td_store_intake_validate_item (f->db, target, &draft, &error);
      g_assert_no_error (error);
      g_assert_nonnull (td_field_problems_find (checked, spoilers[i].field));

      g_assert_false (td_store_intake_add_item (f->db, target, &draft, NOW, &id, NULL, &error));
      assert_refused (error, TD_STOCK_ERROR_INVALID, spoilers[i].field);
      g_clear_error (&error);
      after = snapshot (f);
      g_assert_cmpstr (before, ==, after);
    }

  /* Bought stock needs its cost; consigned stock doesn't. */
  {
    g_auto(TdItemDraft) draft;
    g_autoptr(GPtrArray) checked = NULL;

    fill_item (&draft, "Cotton dress", 3500);
    g_assert_cmpint (draft.cost, ==, TD_COST_UNKNOWN);
    checked = td_item_draft_validate (&draft, TD_ACQUISITION_CONSIGNED);
    g_assert_cmpuint (checked->len, ==, 0);
    g_clear_pointer (&checked, g_ptr_array_unref);
    checked = td_item_draft_validate (&draft, TD_ACQUISITION_BOUGHT);
    g_assert_nonnull (td_field_problems_find (checked, TD_FIELD_COST));
  }

  /* Everything wrong at once: every field is named. */
  td_item_draft_init (&all_wrong);
  all_wrong.price = -1;
  all_wrong.min_price = -1;
  all_wrong.quantity = 0;
  all_wrong.codes = g_strsplit ("123", ",", -1);
  g_assert_false (td_store_intake_add_item (f->db, bought, &all_wrong, NOW, &id, NULL, &error));
  problems = td_stock_error_get_problems (error);
  g_assert_cmpuint (problems->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      static const char *fields[] = { TD_FIELD_TITLE, TD_FIELD_PRICE, TD_FIELD_MIN_PRICE,
                                      TD_FIELD_COST, TD_FIELD_QUANTITY, TD_FIELD_CODES };
      g_assert_nonnull (td_field_problems_find (problems, fields[i]));
    }
  g_clear_error (&error);

  /* A finished session takes nothing more. */
  g_assert_true (td_store_intake_finish (f->db, intake, NOW, NULL, &error));
  g_assert_no_error (error);
  {
    g_auto(TdItemDraft) draft;
    g_autofree char *after = NULL;
    g_autofree char *finished = snapshot (f);

    fill_item (&draft, "Cotton dress", 3500);
    g_assert_false (td_store_intake_add_item (f->db, intake, &draft, NOW, &id, NULL, &error));
    g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INTAKE_FINISHED);
    after = snapshot (f);
    g_assert_cmpstr (finished, ==, after);
  }
}

/* Undo of an item taken in moments ago ----------------------------------------------------- */

static void
test_intake_undo (Fixture       *f,
                  gconstpointer  data)
{
  gint64 ab = new_consignor (f, "UN", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  gint64 first = add_item (f, intake, "Wool scarf", 1200, 0, NOW, NULL);
  gint64 mistake = add_item (f, intake, "Wrong bag jumper", 1800, 0, NOW + G_USEC_PER_SEC, NULL);
  gint64 photographed = add_item (f, intake, "Teapot", 900, 0, NOW + 2 * G_USEC_PER_SEC, NULL);
  gint64 sold = add_item (f, intake, "Silk tie", 700, 0, NOW + 3 * G_USEC_PER_SEC, NULL);
  g_autofree char *sku = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 later;

  /* Taken back: the row, its search entry; audited; the SKU number stays used. */
  g_assert_true (td_store_intake_undo_item (f->db, mistake, 0, NOW + 5 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item WHERE title = 'Wrong bag jumper'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item_fts WHERE item_fts MATCH 'jumper'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'item.undone' "
                                 "AND json_extract (detail, '$.title') = 'Wrong bag jumper'"), ==, 1);
  later = add_item (f, intake, "Right jumper", 1800, 0, NOW + 6 * G_USEC_PER_SEC, &sku);
  g_assert_cmpint (later, >, mistake);
  g_assert_cmpstr (sku, ==, "UN-0005");

  /* Twice: it is gone. */
  g_assert_false (td_store_intake_undo_item (f->db, mistake, 0, NOW + 7 * G_USEC_PER_SEC, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A photographed item can be taken back, its photo rows with it (the files are the photo
   * store's: tests/test-photos.c). Refusals write nothing: a sale, too late, edited, a
   * finished session. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO photo (item_id, sha256, width, height, "
                                            "created_at) VALUES (%" G_GINT64_FORMAT ", '%s', 10, "
                                            "10, 0)", photographed,
                                            "0123456789abcdef0123456789abcdef"
                                            "0123456789abcdef0123456789abcdef");
    exec_ok (f, sql);
    g_free (sql);
    sql = g_strdup_printf ("UPDATE item SET status = 'sold' WHERE id = %" G_GINT64_FORMAT, sold);
    exec_ok (f, sql);
  }
  g_assert_true (td_store_intake_undo_item (f->db, photographed, 0, NOW + 8 * G_USEC_PER_SEC,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM photo"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT json_extract (detail, '$.photos') FROM audit "
                                 "WHERE action = 'item.undone' "
                                 "AND json_extract (detail, '$.title') = 'Teapot'"), ==, 1);
  before = snapshot (f);
  g_assert_false (td_store_intake_undo_item (f->db, sold, 0, NOW + 8 * G_USEC_PER_SEC, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
  g_clear_error (&error);
  g_assert_false (td_store_intake_undo_item (f->db, first, 0, NOW + TD_INTAKE_UNDO_WINDOW_US + 1,
                                             &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
  g_clear_error (&error);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE item SET updated_at = updated_at + 1 "
                                            "WHERE id = %" G_GINT64_FORMAT, later);
    g_autofree char *unchanged = snapshot (f);

    g_assert_cmpstr (before, ==, unchanged);
    exec_ok (f, sql);
    g_free (before);
    before = snapshot (f);
  }
  g_assert_false (td_store_intake_undo_item (f->db, later, 0, NOW + 9 * G_USEC_PER_SEC, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
  g_clear_error (&error);
  g_assert_true (td_store_intake_finish (f->db, intake, NOW + 9 * G_USEC_PER_SEC, NULL, &error));
  g_free (before);
  before = snapshot (f);
  g_assert_false (td_store_intake_undo_item (f->db, first, 0, NOW + 10 * G_USEC_PER_SEC, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INTAKE_FINISHED);
  g_assert_cmpuint (strlen (error->message), >, 10);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_intake_share_fixed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdConsignor) c = NULL;
  gint64 own = new_consignor (f, "OWN1", 6000, 30, TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 dflt = new_consignor (f, "DEF1", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                               TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 own_intake = new_intake (f, TD_ACQUISITION_CONSIGNED, own, NOW);
  gint64 dflt_intake = new_intake (f, TD_ACQUISITION_CONSIGNED, dflt, NOW);
  gint64 a = add_item (f, own_intake, "Boots", 6000, 0, NOW, NULL);
  gint64 b = add_item (f, dflt_intake, "Belt", 1000, 0, NOW, NULL);
  gint64 a2, b2;

  g_assert_cmpint (item_int (f, a, "share_bp"), ==, 6000);
  g_assert_cmpint (item_int (f, a, "expires_at"), ==, NOW + 30 * DAY);
  g_assert_cmpint (item_int (f, b, "share_bp"), ==, 5000);
  g_assert_cmpint (item_int (f, b, "expires_at"), ==, NOW + 60 * DAY);

  /* The consignor's terms and the shop default change … */
  c = td_store_consignors_get (f->db, own, &error);
  c->draft.share_bp = 4000;
  c->draft.period_days = 90;
  g_assert_true (td_store_consignors_update (f->db, own, &c->draft, 0, NOW + 1, &error));
  g_assert_no_error (error);
  g_assert_true (td_store_settings_set (f->db, TD_SETTING_CONSIGNMENT_SHARE_BP, "5500", NOW + 1,
                                        &error));
  g_assert_true (td_store_settings_set (f->db, TD_SETTING_CONSIGNMENT_PERIOD_DAYS, "45", NOW + 1,
                                        &error));
  g_assert_no_error (error);

  /* … items already in keep theirs; new ones get the new terms, in the same session. */
  a2 = add_item (f, own_intake, "Boots, second pair", 6000, 0, NOW + 2, NULL);
  b2 = add_item (f, dflt_intake, "Belt, second", 1000, 0, NOW + 2, NULL);
  g_assert_cmpint (item_int (f, a, "share_bp"), ==, 6000);
  g_assert_cmpint (item_int (f, a, "expires_at"), ==, NOW + 30 * DAY);
  g_assert_cmpint (item_int (f, b, "share_bp"), ==, 5000);
  g_assert_cmpint (item_int (f, a2, "share_bp"), ==, 4000);
  g_assert_cmpint (item_int (f, a2, "expires_at"), ==, NOW + 2 + 90 * DAY);
  g_assert_cmpint (item_int (f, b2, "share_bp"), ==, 5500);
  g_assert_cmpint (item_int (f, b2, "expires_at"), ==, NOW + 2 + 45 * DAY);
  g_assert_cmpint (query_int (f, "SELECT json_extract (detail, '$.share_bp') FROM audit "
                                 "WHERE action = 'item.added' ORDER BY id DESC LIMIT 1"),
                   ==, 5500);
}

static void
test_intake_codes_and_search (Fixture       *f,
                              gconstpointer  data)
{
  gint64 ab = new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  g_auto(TdItemDraft) draft;
  g_autoptr(GError) error = NULL;
  g_autofree char *search = NULL;
  g_autofree char *defects = NULL;
  gint64 id = 0;
  guint n_items = 0;

  fill_item (&draft, "  Levi's 501 jeans ", 4500);
  draft.brand = g_strdup ("Levi's");
  draft.size = g_strdup ("W32/L34");
  draft.colour = g_strdup ("Indigo");
  draft.material = g_strdup ("Denim");
  draft.description = g_strdup ("Straight leg.");
  draft.defects = g_strsplit ("Faded|  |Missing button", "|", -1);
  draft.codes = g_strsplit ("036000291452|0-306-40615-2| 036000291452 |", "|", -1);
  g_assert_true (td_store_intake_add_item (f->db, intake, &draft, NOW, &id, NULL, &error));
  g_assert_no_error (error);

  /* Codes stored once each, in the canonical form scanners reach. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item_code"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT item_id FROM item_code WHERE code = '0036000291452'"),
                   ==, id);
  g_assert_cmpint (query_int (f, "SELECT item_id FROM item_code WHERE code = '9780306406157'"),
                   ==, id);

  search = item_text (f, id, "search_text");
  g_assert_cmpstr (search, ==, "levis levi s 501 jeans levis levi s ab120001 ab12 0001 ab12 "
                               "w32l34 w32 l34 indigo");
  defects = item_text (f, id, "defects");
  g_assert_cmpstr (defects, ==, "[\"Faded\",\"Missing button\"]");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item_fts WHERE item_fts MATCH "
                                 "'\"levis\"* AND \"ab12\"* AND \"indigo\"*'"), ==, 1);

  g_assert_true (td_store_intake_finish (f->db, intake, NOW + 10, &n_items, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items, ==, 1);
  g_assert_cmpint (query_int (f, "SELECT finished_at FROM intake"), ==, NOW + 10);
  /* Finishing twice is harmless. */
  g_assert_true (td_store_intake_finish (f->db, intake, NOW + 20, &n_items, &error));
  g_assert_cmpint (query_int (f, "SELECT finished_at FROM intake"), ==, NOW + 10);
}

/* Ledger --------------------------------------------------------------------------------- */

static gboolean
append_entry (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  return td_store_ledger_append (db, user_data, NOW, NULL, error);
}

static void
test_ledger_balance (Fixture       *f,
                     gconstpointer  data)
{
  gint64 ids[3];
  gint64 expected[3] = { 0 };
  guint rows_for[3] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 balance = -1;
  gint64 audits;

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *code = g_strdup_printf ("LD%u", c);

      ids[c] = new_consignor (f, code, TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                              TD_EXPIRY_ACTION_SHOP_DEFAULT);
    }

  /* Many random movements, interleaved: each balance is exactly its sum. */
  for (guint i = 0; i < 400; i++)
    {
      guint c = (guint) g_test_rand_int_range (0, 3);
      gint64 amount = g_test_rand_int_range (-50000, 50000);
      g_autofree char *note = g_strdup_printf ("Movement %u", i);

      if (amount == 0)
        amount = 1;
      g_assert_true (td_store_ledger_adjust (f->db, ids[c], amount, note, 3, NOW + i, NULL,
                                             &error));
      g_assert_no_error (error);
      expected[c] += amount;
      rows_for[c]++;
    }
  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(GArray) page = NULL;
      gint64 before_id = 0;
      gint64 last_id = G_MAXINT64;
      gint64 running = expected[c];
      guint seen = 0;

      g_assert_true (td_store_consignors_balance (f->db, ids[c], &balance, &error));
      g_assert_no_error (error);
      g_assert_cmpint (balance, ==, expected[c]);

      /* History newest first, page by page, with the balance after each row. */
      do
        {
          g_clear_pointer (&page, g_array_unref);
          g_assert_true (td_store_consignors_ledger (f->db, ids[c], before_id, 7, &page, &error));
          g_assert_no_error (error);
          for (guint i = 0; i < page->len; i++)
            {
              TdLedgerRow *row = &g_array_index (page, TdLedgerRow, i);

              g_assert_cmpint (row->id, <, last_id);
              g_assert_cmpint (row->kind, ==, TD_LEDGER_ADJUSTMENT);
              g_assert_cmpint (row->balance_after, ==, running);
              g_assert_true (g_str_has_prefix (row->note, "Movement "));
              running -= row->amount;
              last_id = row->id;
              seen++;
            }
          if (page->len > 0)
            before_id = g_array_index (page, TdLedgerRow, page->len - 1).id;
        }
      while (page->len == 7);
      g_assert_cmpuint (seen, ==, rows_for[c]);
      g_assert_cmpint (running, ==, 0);
    }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'ledger.adjusted'"),
                   ==, 400);

  /* Balance and history come from the covering index, without visiting ledger rows. */
  {
    g_autofree char *plan = store_query_plan (f, "FROM ledger WHERE consignor_id = ?");
    g_autofree char *page = store_query_plan (f, "ORDER BY id DESC LIMIT ?3");

    if (strstr (plan, "COVERING INDEX ledger_consignor_id") == NULL)
      g_error ("balance not from the covering index: %s", plan);
    if (strstr (page, "ledger_consignor_id") == NULL || strstr (page, "TEMP B-TREE") != NULL)
      g_error ("history page not from the index: %s", page);
  }

  /* The ledger can't be rewritten: UPDATE and DELETE are refused, the balance stands. */
  g_assert_cmpint (sqlite3_exec (f->handle, "UPDATE ledger SET amount = 0", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->handle, "DELETE FROM ledger", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_true (td_store_consignors_balance (f->db, ids[0], &balance, &error));
  g_assert_cmpint (balance, ==, expected[0]);

  /* Adjustments need an amount and a note; nothing is written otherwise. */
  before = snapshot (f);
  audits = query_int (f, "SELECT count(*) FROM audit");
  g_assert_false (td_store_ledger_adjust (f->db, ids[0], 0, "Oops", 3, NOW, NULL, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_AMOUNT);
  g_clear_error (&error);
  g_assert_false (td_store_ledger_adjust (f->db, ids[0], 500, "   ", 3, NOW, NULL, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_NOTE);
  g_clear_error (&error);
  g_assert_false (td_store_ledger_adjust (f->db, 424242, 500, "Who?", 3, NOW, NULL, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit"), ==, audits);

  /* The helper the sale, refund and payout code calls refuses movements that break their
   * kind's rules (a bug in the caller), rolling the caller back. */
  {
    TdLedgerEntry bad[] = {
      { TD_LEDGER_SALE, ids[0], -100, 1, 0, 0, NULL },     /* a negative credit */
      { TD_LEDGER_SALE, ids[0], 100, 0, 0, 0, NULL },      /* without its sale line */
      { TD_LEDGER_PAYOUT, ids[0], 100, 0, 0, 1, NULL },    /* a payout raising the balance */
      { TD_LEDGER_REFUND, ids[0], -100, 0, 0, 0, NULL },   /* without its refund line */
      { TD_LEDGER_STORE_CREDIT, ids[0], 0, 0, 0, 0, NULL },/* no money: no row */
      { TD_LEDGER_ADJUSTMENT, ids[0], 100, 0, 0, 0, "" },  /* no note */
    };
    TdLedgerEntry good = { TD_LEDGER_STORE_CREDIT, ids[1], -250, 0, 0, 0, "Spent at the till" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (td_database_transaction (f->db, append_entry, &bad[i], &error));
        g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT);
        g_clear_error (&error);
      }
    g_clear_pointer (&after, g_free);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);

    g_assert_true (td_database_transaction (f->db, append_entry, &good, &error));
    g_assert_no_error (error);
    g_assert_true (td_store_consignors_balance (f->db, ids[1], &balance, &error));
    g_assert_cmpint (balance, ==, expected[1] - 250);
  }
}

static void
test_consignor_counts (Fixture       *f,
                       gconstpointer  data)
{
  gint64 ab = new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  gint64 items[4];
  g_autoptr(GError) error = NULL;
  TdConsignorItemCounts counts;

  for (guint i = 0; i < 4; i++)
    items[i] = add_item (f, intake, "Scarf", 1000, 0, NOW, NULL);
  g_assert_true (td_store_items_return (f->db, &items[0], 1, 0, NOW, &error));
  g_assert_true (td_store_items_donate (f->db, &items[1], 1, 0, NOW, &error));
  g_assert_no_error (error);

  g_assert_true (td_store_consignors_count_items (f->db, ab, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.available, ==, 2);
  g_assert_cmpint (counts.returned, ==, 1);
  g_assert_cmpint (counts.donated, ==, 1);
  g_assert_cmpint (counts.sold, ==, 0);
}

/* Expiry --------------------------------------------------------------------------------- */

typedef struct
{
  gint64 ret;         /* consignor: return at expiry (own term) */
  gint64 don;         /* consignor: donate */
  gint64 keep;        /* consignor: shop stock */
  gint64 dflt;        /* consignor: the shop default (return) */
  gint64 at_now;      /* expires exactly at NOW */
  gint64 later;       /* expires one µs after NOW */
  gint64 sold;        /* expired, but sold */
  gint64 shop;        /* bought stock: never expires */
  gint64 don_item;    /* expired, consignor donates */
  gint64 keep_item;   /* expired, consignor's items become shop stock */
  gint64 dflt_item;   /* expired, shop default */
} Expiry;

static void
setup_expiry (Fixture *f,
              Expiry  *e)
{
  /* Taken in 30 days before NOW, so the 30-day period ends at NOW exactly. */
  gint64 start = NOW - 30 * DAY;
  gint64 ri, di, ki, fi, bi;

  g_assert_true (td_store_settings_set (f->db, TD_SETTING_CONSIGNMENT_PERIOD_DAYS, "30", 1, NULL));
  e->ret = new_consignor (f, "RET1", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                          TD_EXPIRY_ACTION_RETURN);
  e->don = new_consignor (f, "DON1", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                          TD_EXPIRY_ACTION_DONATE);
  e->keep = new_consignor (f, "KEEP1", 7000, TD_TERM_SHOP_DEFAULT,
                           TD_EXPIRY_ACTION_SHOP_STOCK);
  e->dflt = new_consignor (f, "DEF1", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                           TD_EXPIRY_ACTION_SHOP_DEFAULT);
  ri = new_intake (f, TD_ACQUISITION_CONSIGNED, e->ret, start);
  di = new_intake (f, TD_ACQUISITION_CONSIGNED, e->don, start);
  ki = new_intake (f, TD_ACQUISITION_CONSIGNED, e->keep, start);
  fi = new_intake (f, TD_ACQUISITION_CONSIGNED, e->dflt, start);
  bi = new_intake (f, TD_ACQUISITION_BOUGHT, 0, start - DAY);

  e->at_now = add_item (f, ri, "Expires now", 1000, 0, start, NULL);
  e->later = add_item (f, ri, "Expires a moment later", 1000, 0, start + 1, NULL);
  e->sold = add_item (f, ri, "Sold before expiry", 1000, 0, start - DAY, NULL);
  e->shop = add_item (f, bi, "Shop's own", 1000, 0, start - DAY, NULL);
  e->don_item = add_item (f, di, "To charity", 1000, 0, start - 2 * DAY, NULL);
  e->keep_item = add_item (f, ki, "Kept by the shop", 1000, 800, start - 3 * DAY, NULL);
  e->dflt_item = add_item (f, fi, "Shop default", 1000, 0, start - 4 * DAY, NULL);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE item SET status = 'sold' WHERE id = %"
                                            G_GINT64_FORMAT, e->sold);
    /* Shop stock is never listed, even with an expiry date (say, from an import). */
    g_autofree char *shop = g_strdup_printf ("UPDATE item SET expires_at = %" G_GINT64_FORMAT
                                             " WHERE id = %" G_GINT64_FORMAT, NOW - DAY, e->shop);
    exec_ok (f, sql);
    exec_ok (f, shop);
  }
  g_assert_cmpint (item_int (f, e->at_now, "expires_at"), ==, NOW);
  g_assert_cmpint (item_int (f, e->later, "expires_at"), ==, NOW + 1);
}

static void
test_expiry_list (Fixture       *f,
                  gconstpointer  data)
{
  Expiry e;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  setup_expiry (f, &e);

  /* At NOW: the item expiring exactly now is in, one µs later is out; sold and shop stock
   * are never listed. Oldest expiry first, with each consignor's action resolved. */
  g_assert_true (td_store_expiry_list (f->db, NOW, 0, &list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 0).item_id, ==, e.dflt_item);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 0).action, ==, TD_EXPIRY_ACTION_RETURN);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 1).item_id, ==, e.keep_item);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 1).action, ==,
                   TD_EXPIRY_ACTION_SHOP_STOCK);
  g_assert_cmpstr (g_array_index (list, TdExpiredItem, 1).consignor_code, ==, "KEEP1");
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 2).item_id, ==, e.don_item);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 2).action, ==, TD_EXPIRY_ACTION_DONATE);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 3).item_id, ==, e.at_now);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 3).expires_at, ==, NOW);
  g_assert_cmpstr (g_array_index (list, TdExpiredItem, 3).title, ==, "Expires now");
  g_clear_pointer (&list, g_array_unref);

  /* One µs earlier the item expiring at NOW is not yet due; one µs later both are. */
  g_assert_true (td_store_expiry_list (f->db, NOW - 1, 0, &list, &error));
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_array_unref);
  g_assert_true (td_store_expiry_list (f->db, NOW + 1, 0, &list, &error));
  g_assert_cmpuint (list->len, ==, 5);
  g_clear_pointer (&list, g_array_unref);
  g_assert_true (td_store_expiry_list (f->db, NOW + 1, 2, &list, &error));
  g_assert_cmpuint (list->len, ==, 2);

  /* The list is read through the partial expiry index. */
  plan = store_query_plan (f, "ORDER BY i.expires_at, i.id LIMIT ?2");
  if (strstr (plan, "USING INDEX item_expiry") == NULL || strstr (plan, "TEMP B-TREE") != NULL)
    g_error ("expiry list not indexed: %s", plan);
}

static void
test_expiry_apply (Fixture       *f,
                   gconstpointer  data)
{
  Expiry e;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *status = NULL;
  g_autofree char *acquisition = NULL;
  g_autofree char *search = NULL;
  TdConsignorItemCounts counts;
  gint64 ledger_before;

  setup_expiry (f, &e);
  ledger_before = query_int (f, "SELECT count(*) FROM ledger");

  /* One item that can't take the action spoils the whole set: nothing changes. */
  before = snapshot (f);
  {
    struct { gint64 bad; const char *why; } cases[] = {
      { e.later, "not expired" }, { e.sold, "sold" }, { e.shop, "shop stock" },
      { 987654, "missing" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        gint64 set[] = { e.at_now, e.don_item, cases[i].bad, e.keep_item };

        g_assert_false (td_store_expiry_apply (f->db, set, G_N_ELEMENTS (set),
                                               TD_EXPIRY_ACTION_SHOP_DEFAULT, 0, NOW, &error));
        g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
        if (!has_problem_for_item (error, cases[i].bad))
          g_error ("No problem for the %s item: %s", cases[i].why, error->message);
        g_assert_false (has_problem_for_item (error, e.at_now));
        g_clear_error (&error);
        g_clear_pointer (&after, g_free);
        after = snapshot (f);
        g_assert_cmpstr (before, ==, after);
      }
  }

  /* A write failing after the first item changed leaves nothing changed either. */
  {
    gint64 set[] = { e.at_now, e.keep_item };
    g_autofree char *trigger = g_strdup_printf (
      "CREATE TEMP TRIGGER fail_on_keep BEFORE UPDATE ON item WHEN old.id = %" G_GINT64_FORMAT
      " BEGIN SELECT RAISE (ABORT, 'the disk had trouble'); END", e.keep_item);

    g_assert_cmpint (e.at_now, <, e.keep_item);
    exec_ok (f, trigger);
    g_assert_false (td_store_expiry_apply (f->db, set, 2, TD_EXPIRY_ACTION_SHOP_DEFAULT, 0, NOW,
                                           &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_clear_pointer (&after, g_free);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);
    exec_ok (f, "DROP TRIGGER fail_on_keep");
  }

  /* Each per its consignor's terms, in one go. */
  {
    gint64 set[] = { e.at_now, e.don_item, e.keep_item, e.dflt_item, e.at_now };

    g_assert_true (td_store_expiry_apply (f->db, set, G_N_ELEMENTS (set),
                                          TD_EXPIRY_ACTION_SHOP_DEFAULT, 3, NOW, &error));
    g_assert_no_error (error);
  }
  status = item_text (f, e.at_now, "status");
  g_assert_cmpstr (status, ==, "returned");
  g_clear_pointer (&status, g_free);
  status = item_text (f, e.dflt_item, "status");
  g_assert_cmpstr (status, ==, "returned");
  g_clear_pointer (&status, g_free);
  status = item_text (f, e.don_item, "status");
  g_assert_cmpstr (status, ==, "donated");
  g_clear_pointer (&status, g_free);

  /* Kept as the shop's own: still for sale, credits nobody, no floor price, no expiry. */
  status = item_text (f, e.keep_item, "status");
  g_assert_cmpstr (status, ==, "available");
  acquisition = item_text (f, e.keep_item, "acquisition");
  g_assert_cmpstr (acquisition, ==, "bought");
  g_assert_cmpint (item_int (f, e.keep_item, "consignor_id"), ==, -1);
  g_assert_cmpint (item_int (f, e.keep_item, "share_bp"), ==, -1);
  g_assert_cmpint (item_int (f, e.keep_item, "expires_at"), ==, -1);
  g_assert_cmpint (item_int (f, e.keep_item, "min_price"), ==, 0);
  g_assert_cmpint (item_int (f, e.keep_item, "cost"), ==, 0);
  search = item_text (f, e.keep_item, "search_text");
  g_assert_true (g_str_has_prefix (search, "kept by the shop keep1"));
  /* … and where it came from stays on record. */
  g_assert_cmpint (query_int (f, "SELECT n.consignor_id FROM item i JOIN intake n "
                                 "ON n.id = i.intake_id WHERE i.sku = 'KEEP1-0001'"), ==, e.keep);
  g_assert_true (td_store_consignors_count_items (f->db, e.keep, &counts, &error));
  g_assert_cmpint (counts.available, ==, 0);

  /* No money moved: no ledger rows. An audit row per item, with the reason. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger"), ==, ledger_before);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE staff_id = 3 AND "
                                 "json_extract (detail, '$.reason') = 'expiry'"), ==, 4);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = "
                                            "'item.to_shop_stock' AND entity_id = %" G_GINT64_FORMAT
                                            " AND json_extract (detail, '$.consignor_id') = %"
                                            G_GINT64_FORMAT " AND json_extract (detail, "
                                            "'$.min_price') = 800", e.keep_item, e.keep);
    g_assert_cmpint (query_int (f, sql), ==, 1);
  }

  g_assert_true (td_store_expiry_list (f->db, NOW + DAY, 0, &list, &error));
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (g_array_index (list, TdExpiredItem, 0).item_id, ==, e.later);

  /* An explicit action overrides the terms for the whole set. */
  g_assert_true (td_store_expiry_apply (f->db, &e.later, 1, TD_EXPIRY_ACTION_DONATE, 0, NOW + DAY,
                                        &error));
  g_assert_no_error (error);
  g_clear_pointer (&status, g_free);
  status = item_text (f, e.later, "status");
  g_assert_cmpstr (status, ==, "donated");
}

/* Bulk actions --------------------------------------------------------------------------- */

static void
test_bulk_prices (Fixture       *f,
                  gconstpointer  data)
{
  gint64 ab = new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  gint64 cheap = add_item (f, intake, "Mug", 999, 0, NOW, NULL);
  gint64 floored = add_item (f, intake, "Coat", 2000, 1500, NOW, NULL);
  gint64 other = add_item (f, intake, "Hat", 1200, 0, NOW, NULL);
  gint64 set[] = { cheap, floored };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* 30 % would take the coat below its minimum: the whole set is refused. */
  before = snapshot (f);
  g_assert_false (td_store_items_mark_down (f->db, set, 2, 3000, 0, NOW, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_PRICE);
  g_assert_true (has_problem_for_item (error, floored));
  g_assert_false (has_problem_for_item (error, cheap));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  for (guint i = 0; i < 3; i++)
    {
      static const int bad[] = { 0, 10000, -100 };

      g_assert_false (td_store_items_mark_down (f->db, set, 2, bad[i], 0, NOW, &error));
      assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_PERCENT);
      g_clear_error (&error);
    }

  /* 25 %: exactly the minimum is fine; the reduction rounds half up (9.99 → 7.49). */
  g_assert_true (td_store_items_mark_down (f->db, set, 2, 2500, 4, NOW + 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_int (f, cheap, "price"), ==, 749);
  g_assert_cmpint (item_int (f, floored, "price"), ==, 1500);
  g_assert_cmpint (item_int (f, other, "price"), ==, 1200);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'item.price_changed' "
                                 "AND staff_id = 4 AND json_extract (detail, '$.reason') = "
                                 "'markdown'"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT json_extract (detail, '$.old') || '>' || "
                                 "json_extract (detail, '$.new') = '2000>1500' FROM audit "
                                 "WHERE action = 'item.price_changed' AND entity_id = 2"), ==, 1);

  /* A set price: zero is refused, below a minimum is refused for the whole set. */
  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  g_assert_false (td_store_items_set_price (f->db, set, 2, 0, 0, NOW, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_PRICE);
  g_clear_error (&error);
  g_assert_false (td_store_items_set_price (f->db, set, 2, 1000, 0, NOW, &error));
  g_assert_true (has_problem_for_item (error, floored));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (td_store_items_set_price (f->db, set, 2, 1800, 0, NOW + 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (item_int (f, cheap, "price"), ==, 1800);
  g_assert_cmpint (item_int (f, floored, "price"), ==, 1800);
}

static void
test_bulk_return_donate (Fixture       *f,
                         gconstpointer  data)
{
  gint64 ab = new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  gint64 bought = new_intake (f, TD_ACQUISITION_BOUGHT, 0, NOW);
  gint64 a = add_item (f, intake, "Skirt", 1500, 0, NOW, NULL);
  gint64 b = add_item (f, intake, "Blouse", 1500, 0, NOW, NULL);
  gint64 c = add_item (f, intake, "Shoes", 1500, 0, NOW, NULL);
  gint64 own = add_item (f, bought, "Vase", 1500, 0, NOW, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *status = NULL;

  /* Shop stock has no consignor to return to: the whole set stays. */
  before = snapshot (f);
  {
    gint64 set[] = { a, own, b };

    g_assert_false (td_store_items_return (f->db, set, 3, 0, NOW, &error));
    g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
    g_assert_true (has_problem_for_item (error, own));
    g_clear_error (&error);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);
  }
  {
    gint64 set[] = { a, b };

    g_assert_true (td_store_items_return (f->db, set, 2, 0, NOW, &error));
    g_assert_no_error (error);
  }
  status = item_text (f, a, "status");
  g_assert_cmpstr (status, ==, "returned");

  /* Returned items aren't available any more: donating them with others is refused. */
  g_clear_pointer (&before, g_free);
  before = snapshot (f);
  {
    gint64 set[] = { c, own, a };

    g_assert_false (td_store_items_donate (f->db, set, 3, 0, NOW, &error));
    g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
    g_assert_true (has_problem_for_item (error, a));
    g_assert_false (has_problem_for_item (error, c));
    g_clear_error (&error);
    g_clear_pointer (&after, g_free);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);

    g_assert_false (td_store_items_mark_down (f->db, set, 3, 1000, 0, NOW, &error));
    g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_AVAILABLE);
    g_clear_error (&error);
  }
  {
    gint64 set[] = { c, own };
    g_autofree char *trigger = g_strdup_printf (
      "CREATE TEMP TRIGGER fail_on_own BEFORE UPDATE OF status ON item WHEN old.id = %"
      G_GINT64_FORMAT " BEGIN SELECT RAISE (ABORT, 'the disk had trouble'); END", own);

    /* A write failing half-way (after the first item changed) leaves nothing changed. */
    exec_ok (f, trigger);
    g_assert_false (td_store_items_donate (f->db, set, 2, 0, NOW, &error));
    g_assert_error (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_clear_pointer (&after, g_free);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);
    exec_ok (f, "DROP TRIGGER fail_on_own");

    g_assert_true (td_store_items_donate (f->db, set, 2, 0, NOW, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&status, g_free);
  status = item_text (f, own, "status");
  g_assert_cmpstr (status, ==, "donated");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'item.returned'"),
                   ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'item.donated'"),
                   ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger"), ==, 0);
}

/* Item editor ---------------------------------------------------------------------------- */

static void
test_items_update (Fixture       *f,
                   gconstpointer  data)
{
  gint64 ab = new_consignor (f, "AB12", TD_TERM_SHOP_DEFAULT, TD_TERM_SHOP_DEFAULT,
                             TD_EXPIRY_ACTION_SHOP_DEFAULT);
  gint64 intake = new_intake (f, TD_ACQUISITION_CONSIGNED, ab, NOW);
  gint64 id = add_item (f, intake, "Wool coat", 6000, 4000, NOW, NULL);
  g_auto(TdItemDraft) draft;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *search = NULL;
  g_autofree char *detail = NULL;
  gint64 audits;

  g_assert_true (td_store_items_load_draft (f->db, id, &draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (draft.title, ==, "Wool coat");
  g_assert_cmpstr (draft.sku, ==, "AB12-0001");
  g_assert_cmpint (draft.price, ==, 6000);
  g_assert_cmpint (draft.min_price, ==, 4000);
  g_assert_cmpint (draft.cost, ==, TD_COST_UNKNOWN);
  g_assert_cmpuint (g_strv_length (draft.codes), ==, 0);

  /* Unchanged: nothing written. */
  audits = query_int (f, "SELECT count(*) FROM audit");
  before = snapshot (f);
  g_assert_true (td_store_items_update (f->db, id, &draft, 0, NOW + 1, &error));
  g_assert_no_error (error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* Refused: below the minimum; nothing written. */
  draft.price = 3999;
  g_assert_false (td_store_items_update (f->db, id, &draft, 0, NOW + 1, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_PRICE);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* A field nobody searches: the search text is left alone (a marker proves it). */
  exec_ok (f, "UPDATE item SET search_text = 'marker' WHERE id = 1");
  g_free (draft.description);
  draft.description = g_strdup ("Double-breasted.");
  draft.price = 6000;
  g_assert_true (td_store_items_update (f->db, id, &draft, 0, NOW + 2, &error));
  g_assert_no_error (error);
  search = item_text (f, id, "search_text");
  g_assert_cmpstr (search, ==, "marker");
  g_assert_cmpint (item_int (f, id, "updated_at"), ==, NOW + 2);

  /* A searched field: rebuilt and re-indexed. A price change: audited with old and new. */
  g_free (draft.colour);
  draft.colour = g_strdup ("Camel");
  draft.price = 5500;
  g_strfreev (draft.codes);
  draft.codes = g_strsplit ("4006381333931", ",", -1);
  g_assert_true (td_store_items_update (f->db, id, &draft, 9, NOW + 3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&search, g_free);
  search = item_text (f, id, "search_text");
  g_assert_cmpstr (search, ==, "wool coat ab120001 ab12 0001 ab12 camel");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item_fts WHERE item_fts MATCH "
                                 "'\"camel\"*'"), ==, 1);
  g_assert_cmpint (item_int (f, id, "price"), ==, 5500);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM item_code WHERE item_id = 1"), ==, 1);
  detail = query_text (f, "SELECT detail FROM audit WHERE action = 'item.price_changed'");
  g_assert_cmpstr (detail, ==,
                   "{\"sku\":\"AB12-0001\",\"old\":6000,\"new\":5500,\"reason\":\"edit\"}");
  g_clear_pointer (&detail, g_free);
  detail = query_text (f, "SELECT detail FROM audit WHERE action = 'item.updated' "
                          "ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (detail, "\"colour\""));
  g_assert_nonnull (strstr (detail, "\"codes\""));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit"), ==, audits + 3);

  /* The SKU stays what the tag says, whatever the draft holds. */
  g_free (draft.sku);
  draft.sku = g_strdup ("ZZ99-0001");
  g_free (draft.title);
  draft.title = g_strdup ("Wool coat, long");
  g_assert_true (td_store_items_update (f->db, id, &draft, 0, NOW + 4, &error));
  g_assert_no_error (error);
  g_clear_pointer (&search, g_free);
  search = item_text (f, id, "sku");
  g_assert_cmpstr (search, ==, "AB12-0001");

  /* A sold item's price can't change. */
  exec_ok (f, "UPDATE item SET status = 'sold' WHERE id = 1");
  draft.price = 4500;
  g_assert_false (td_store_items_update (f->db, id, &draft, 0, NOW + 5, &error));
  assert_refused (error, TD_STOCK_ERROR_INVALID, TD_FIELD_PRICE);
  g_clear_error (&error);

  g_assert_false (td_store_items_update (f->db, 4242, &draft, 0, NOW + 5, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_NOT_FOUND);
}

/* Every statement the stock code prepared is an index lookup or range: no table scans, no
 * sorts (the main thread runs them on shops of a million items). */
static void
test_indexed (Fixture       *f,
              gconstpointer  data)
{
  Expiry e;
  g_autoptr(GArray) list = NULL;
  g_autoptr(GArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdConsignor) c = NULL;
  g_auto(TdItemDraft) draft;
  TdConsignorItemCounts counts;
  gint64 balance;
  guint n_items;
  guint checked = 0;

  setup_expiry (f, &e);
  g_assert_true (td_store_expiry_list (f->db, NOW, 10, &list, &error));
  g_assert_true (td_store_expiry_apply (f->db, &e.at_now, 1, TD_EXPIRY_ACTION_SHOP_DEFAULT, 0, NOW,
                                        &error));
  g_assert_true (td_store_items_mark_down (f->db, &e.later, 1, 1000, 0, NOW, &error));
  g_assert_true (td_store_ledger_adjust (f->db, e.ret, 100, "Opening balance", 3, NOW, NULL,
                                         &error));
  g_assert_true (td_store_consignors_balance (f->db, e.ret, &balance, &error));
  g_assert_true (td_store_consignors_ledger (f->db, e.ret, 0, 10, &page, &error));
  g_assert_true (td_store_consignors_count_items (f->db, e.ret, &counts, &error));
  g_assert_true (td_store_intake_finish (f->db, 1, NOW, &n_items, &error));
  c = td_store_consignors_get_by_code (f->db, "ret1", &error);
  g_assert_true (td_store_consignors_update (f->db, c->id, &c->draft, 0, NOW, &error));
  g_assert_true (td_store_items_load_draft (f->db, e.later, &draft, &error));
  g_free (draft.title);
  draft.title = g_strdup ("Renamed");
  g_strfreev (draft.codes);
  draft.codes = g_strsplit ("96385074", ",", -1);
  g_assert_true (td_store_items_update (f->db, e.later, &draft, 0, NOW, &error));
  g_assert_no_error (error);

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (f->handle, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (f->handle, stmt))
    {
      const char *sql = sqlite3_sql (stmt);
      g_autofree char *plan = NULL;
      g_auto(GStrv) lines = NULL;

      /* Ours only: not writes without a WHERE, not FTS5's own statements. */
      if ((!g_str_has_prefix (sql, "SELECT") && !g_str_has_prefix (sql, "UPDATE") &&
           !g_str_has_prefix (sql, "DELETE")) || strstr (sql, "'main'.") != NULL)
        continue;
      plan = query_plan (f, sql);
      lines = g_strsplit (plan, "; ", -1);
      checked++;
      for (guint i = 0; lines[i] != NULL; i++)
        if ((g_str_has_prefix (lines[i], "SCAN ") && strstr (lines[i], "VIRTUAL TABLE") == NULL &&
             strstr (lines[i], "CONSTANT ROW") == NULL) ||
            strstr (lines[i], "TEMP B-TREE") != NULL)
          g_error ("Not an index lookup: %s\n  %s", sql, plan);
    }
  g_assert_cmpuint (checked, >, 15);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/stock/product-codes", test_product_codes);
  g_test_add_func ("/td/stock/consignor/validate", test_consignor_validate);

#define ADD(path, func) \
  g_test_add ("/td/stock/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("consignor/create-refused", test_consignor_create_refused);
  ADD ("consignor/lifecycle", test_consignor_lifecycle);
  ADD ("consignor/item-counts", test_consignor_counts);
  ADD ("intake/sku", test_intake_sku);
  ADD ("intake/sku-imported", test_intake_sku_imported);
  ADD ("intake/sku-after-migration", test_intake_sku_after_migration);
  ADD ("intake/refusals", test_intake_refusals);
  ADD ("intake/undo", test_intake_undo);
  ADD ("intake/share-fixed", test_intake_share_fixed);
  ADD ("intake/codes-and-search", test_intake_codes_and_search);
  ADD ("ledger/balance", test_ledger_balance);
  ADD ("expiry/list", test_expiry_list);
  ADD ("expiry/apply", test_expiry_apply);
  ADD ("bulk/prices", test_bulk_prices);
  ADD ("bulk/return-donate", test_bulk_return_donate);
  ADD ("items/update", test_items_update);
  ADD ("indexed", test_indexed);

#undef ADD

  return g_test_run ();
}
