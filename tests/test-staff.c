/* test-staff.c — staff accounts, PINs, the permissions table, overrides and the audit trail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>

#include "td-database-private.h"
#include "td-item-draft.h"
#include "td-permission.h"
#include "td-store-audit-query.h"
#include "td-store-consignors.h"
#include "td-store-expiry.h"
#include "td-store-intake.h"
#include "td-store-staff.h"
#include "td-store.h"
#include "td-test.h"

#define NOW    G_GINT64_CONSTANT (1709294400000000)
#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

typedef struct
{
  char       *dir;
  char       *path;
  TdDatabase *db;
  gint64      owner, manager, cashier;
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

  g_assert_true (td_store_staff_create_owner (f->db, "  Olive Owner ", "1111", NOW, &f->owner,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (td_store_staff_create (f->db, f->owner, "Max Manager", TD_ROLE_MANAGER, "2222",
                                        NOW, &f->manager, &error));
  g_assert_no_error (error);
  g_assert_true (td_store_staff_create (f->db, f->owner, "Cass Cashier", TD_ROLE_CASHIER,
                                        "3333", NOW, &f->cashier, &error));
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

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (f->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
new_consignor (Fixture *f)
{
  g_auto(TdConsignorDraft) draft;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  td_consignor_draft_init (&draft);
  g_free (draft.code);
  draft.code = g_strdup ("AB");
  g_free (draft.name);
  draft.name = g_strdup ("Ann Bell");
  g_assert_true (td_store_consignors_create (f->db, &draft, f->cashier, NOW, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* An available consigned item at 5000 with a 4000 minimum. */
static gint64
new_item (Fixture *f,
          gint64   consignor)
{
  g_auto(TdItemDraft) draft;
  g_autoptr(GError) error = NULL;
  g_autofree char *sku = NULL;
  gint64 intake = 0, item = 0;

  g_assert_true (td_store_intake_start (f->db, TD_ACQUISITION_CONSIGNED, consignor, f->cashier,
                                        NOW, &intake, &error));
  g_assert_no_error (error);
  td_item_draft_init (&draft);
  g_free (draft.title);
  draft.title = g_strdup ("Wool coat");
  draft.price = 5000;
  draft.min_price = 4000;
  g_assert_true (td_store_intake_add_item (f->db, intake, &draft, NOW, &item, &sku, &error));
  g_assert_no_error (error);
  return item;
}

/* The table ---------------------------------------------------------------------------- */

static void
test_table (void)
{
  for (TdPermission p = 0; p < TD_N_PERMISSIONS; p++)
    {
      g_assert_nonnull (td_permission_to_string (p));
      g_assert_nonnull (td_permission_get_label (p));
      /* Every guarded act is beyond a cashier, and all of them are the owner's. */
      g_assert_false (td_permission_role_allows (TD_ROLE_CASHIER, p));
      g_assert_true (td_permission_role_allows (TD_ROLE_OWNER, p));
    }
  g_assert_true (td_permission_role_allows (TD_ROLE_MANAGER, TD_PERMISSION_PAYOUT));
  g_assert_true (td_permission_role_allows (TD_ROLE_MANAGER, TD_PERMISSION_VOID_SALE));
  g_assert_false (td_permission_role_allows (TD_ROLE_MANAGER, TD_PERMISSION_MANAGE_STAFF));
  g_assert_false (td_permission_role_allows (TD_ROLE_MANAGER, TD_PERMISSION_RESTORE));
  g_assert_false (td_permission_role_allows (TD_ROLE_MANAGER, TD_PERMISSION_VIEW_AUDIT));

  for (TdRole r = TD_ROLE_CASHIER; r <= TD_ROLE_OWNER; r++)
    {
      TdRole back;

      g_assert_true (td_role_from_string (td_role_to_string (r), &back));
      g_assert_cmpint (back, ==, r);
    }
}

/* PINs ------------------------------------------------------------------------------------ */

static void
test_pin_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = td_staff_hash_pin ("482913", &error);
  g_autofree char *b = td_staff_hash_pin ("482913", NULL);
  gint64 start, total = 0;
  const char *bad[] = { "", "123", "12a4", "1234567890123", " 1234" };

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (a, "$argon2id$"));
  g_assert_null (strstr (a, "482913"));
  g_assert_cmpstr (a, !=, b);   /* salted */
  g_assert_cmpint (crypto_pwhash_str_needs_rehash (a, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                   crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);

  for (int i = 0; i < 3; i++)
    {
      start = g_get_monotonic_time ();
      g_assert_true (td_staff_pin_matches (a, "482913"));
      total += g_get_monotonic_time () - start;
    }
  /* A figure for the report, not an assertion. */
  g_test_message ("Argon2id interactive verify: %.0f ms", total / 3 / 1000.0);
  g_assert_false (td_staff_pin_matches (a, "482914"));
  g_assert_false (td_staff_pin_matches (a, ""));
  g_assert_false (td_staff_pin_matches ("not a hash", "482913"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *h = td_staff_hash_pin (bad[i], &error);

      g_assert_null (h);
      g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
      g_clear_error (&error);
    }
}

/* Accounts -------------------------------------------------------------------------------- */

static void
test_first_owner (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStaff) owner = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean has = FALSE;
  gint64 id = 0;

  owner = td_store_staff_get (f->db, f->owner, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (owner->name, ==, "Olive Owner");
  g_assert_cmpint (owner->role, ==, TD_ROLE_OWNER);
  g_assert_true (owner->has_pin);
  g_assert_true (td_store_staff_has_accounts (f->db, &has, &error));
  g_assert_true (has);

  /* A second "first owner" is refused: the owner adds people. */
  g_assert_false (td_store_staff_create_owner (f->db, "Intruder", "9999", NOW, &id, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  list = td_store_staff_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((TdStaff *) list->pdata[0])->role, ==, TD_ROLE_OWNER);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'staff.created'"),
                   ==, 3);
  /* The PIN never lands in the database as typed. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM staff WHERE pin_hash LIKE '%1111%' "
                                 "OR pin_hash NOT LIKE '$argon2id$%'"), ==, 0);
}

static void
test_manage_staff (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdStaff) changed = NULL;
  gint64 id = 0;

  /* Cashier and manager may not manage staff: refused in the store, nothing written. */
  g_assert_false (td_store_staff_create (f->db, f->cashier, "Pal", TD_ROLE_OWNER, "5555", NOW,
                                         &id, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (td_store_staff_set_pin (f->db, f->manager, f->cashier, "5555", NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (td_store_staff_update (f->db, f->manager, f->manager, "Max", TD_ROLE_OWNER,
                                         NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (td_store_staff_create (f->db, 0, "Nobody", TD_ROLE_CASHIER, "5555", NOW, &id,
                                         &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM staff"), ==, 3);

  /* The owner may. */
  g_assert_true (td_store_staff_update (f->db, f->owner, f->cashier, "Cass Lead",
                                        TD_ROLE_MANAGER, NOW, &error));
  g_assert_no_error (error);
  changed = td_store_staff_get (f->db, f->cashier, &error);
  g_assert_cmpstr (changed->name, ==, "Cass Lead");
  g_assert_cmpint (changed->role, ==, TD_ROLE_MANAGER);
  g_assert_true (td_store_staff_set_pin (f->db, f->owner, f->cashier, "7777", NOW, &error));
  g_assert_true (td_store_staff_verify_pin (f->db, f->cashier, "7777", NOW, &error));
  g_assert_no_error (error);

  /* The last owner stays an active owner. */
  g_assert_false (td_store_staff_set_active (f->db, f->owner, f->owner, FALSE, NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (td_store_staff_update (f->db, f->owner, f->owner, "Olive", TD_ROLE_MANAGER,
                                         NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* A deactivated account can't sign in or act. */
  g_assert_true (td_store_staff_set_active (f->db, f->owner, f->manager, FALSE, NOW, &error));
  g_assert_no_error (error);
  g_assert_false (td_store_staff_verify_pin (f->db, f->manager, "2222", NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_false (td_store_authorize (f->db, f->manager, TD_PERMISSION_PAYOUT, NULL, NOW,
                                      &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE entity = 'staff' AND "
                                 "action IN ('staff.updated', 'staff.pin_set', "
                                 "'staff.deactivated') AND staff_id = (SELECT id FROM staff "
                                 "WHERE role = 'owner')"), ==, 3);
}

/* Rate limit ------------------------------------------------------------------------------ */

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 t = NOW;

  for (int i = 1; i < TD_STAFF_PIN_MAX_FAILURES; i++)
    {
      g_assert_false (td_store_staff_verify_pin (f->db, f->cashier, "0000", t++, &error));
      g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_WRONG_PIN);
      g_clear_error (&error);
    }
  /* The fifth wrong PIN locks the account … */
  g_assert_false (td_store_staff_verify_pin (f->db, f->cashier, "0000", t, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  /* … so even the right one is refused for a minute, */
  g_assert_false (td_store_staff_verify_pin (f->db, f->cashier, "3333", t + 30 * G_USEC_PER_SEC,
                                             &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);

  /* … also after a restart. */
  g_clear_object (&f->db);
  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (td_store_staff_verify_pin (f->db, f->cashier, "3333", t + 50 * G_USEC_PER_SEC,
                                             &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'staff.locked_out'"),
                   ==, 1);

  /* Other accounts are not affected. */
  g_assert_true (td_store_staff_verify_pin (f->db, f->manager, "2222", t, &error));
  g_assert_no_error (error);

  /* After the minute, five more wrong PINs lock it for longer (5 minutes). */
  t += MINUTE + 1;
  for (int i = 0; i < TD_STAFF_PIN_MAX_FAILURES; i++)
    {
      g_assert_false (td_store_staff_verify_pin (f->db, f->cashier, "0000", t, &error));
      g_clear_error (&error);
    }
  g_assert_false (td_store_staff_verify_pin (f->db, f->cashier, "3333", t + 2 * MINUTE, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  g_assert_true (td_store_staff_verify_pin (f->db, f->cashier, "3333", t + 5 * MINUTE + 1,
                                            &error));
  g_assert_no_error (error);
  /* The right PIN clears the counters. */
  g_assert_cmpint (query_int (f, "SELECT failed_pins + lockouts + locked_until FROM staff "
                                 "WHERE role = 'cashier'"), ==, 0);
}

/* Guarded acts through the service layer -------------------------------------------------- */

static void
test_authorize_every_permission (Fixture       *f,
                                 gconstpointer  data)
{
  for (TdPermission p = 0; p < TD_N_PERMISSIONS; p++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (td_store_authorize (f->db, f->cashier, p, NULL, NOW, &error));
      g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
      g_assert_nonnull (strstr (error->message, td_permission_get_label (p)));
      g_clear_error (&error);
      g_assert_false (td_store_authorize (f->db, 0, p, NULL, NOW, &error));
      g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN);
      g_clear_error (&error);
      g_assert_true (td_store_authorize (f->db, f->owner, p, NULL, NOW, &error));
      g_assert_no_error (error);
      g_assert_cmpint (td_store_authorize (f->db, f->manager, p, NULL, NOW, NULL), ==,
                       td_permission_role_allows (TD_ROLE_MANAGER, p));
      g_assert_false (td_store_staff_can (f->db, f->cashier, p));
    }
  /* Asking writes nothing. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action LIKE 'permission.%'"),
                   ==, 0);
}

static void
test_guarded_store_functions (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 consignor = new_consignor (f);
  gint64 item = new_item (f, consignor);
  g_auto(TdItemDraft) draft;
  gint64 ledger_before = query_int (f, "SELECT count(*) FROM ledger");

  /* Ledger adjustment. */
  g_assert_false (td_store_ledger_adjust (f->db, consignor, 500, "Found cash", f->cashier, NOW,
                                          NULL, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger"), ==, ledger_before);
  g_assert_true (td_store_ledger_adjust (f->db, consignor, 500, "Found cash", f->manager, NOW,
                                         NULL, &error));
  g_assert_no_error (error);

  /* A markdown below the consignor's minimum. */
  g_assert_false (td_store_items_mark_down (f->db, &item, 1, 5000, f->cashier, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_store_items_set_price (f->db, &item, 1, 1000, f->cashier, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT price FROM item"), ==, 5000);
  /* Within the minimum a cashier may mark down. */
  g_assert_true (td_store_items_mark_down (f->db, &item, 1, 1000, f->cashier, NOW, &error));
  g_assert_no_error (error);
  g_assert_true (td_store_items_set_price (f->db, &item, 1, 3000, f->manager, NOW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT price FROM item"), ==, 3000);

  /* Lowering the consignor's minimum in the editor. */
  g_assert_true (td_store_items_load_draft (f->db, item, &draft, &error));
  draft.min_price = 1000;
  g_assert_false (td_store_items_update (f->db, item, &draft, f->cashier, NOW, &error));
  g_assert_error (error, TD_STOCK_ERROR, TD_STOCK_ERROR_INVALID);
  g_assert_nonnull (td_field_problems_find (td_stock_error_get_problems (error),
                                            TD_FIELD_MIN_PRICE));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT min_price FROM item"), ==, 4000);
  g_assert_true (td_store_items_update (f->db, item, &draft, f->owner, NOW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT min_price FROM item"), ==, 1000);

  /* Preferences. */
  g_assert_false (td_store_settings_change (f->db, f->cashier, TD_SETTING_SHOP_NAME, "Mine",
                                            NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (td_store_settings_change (f->db, f->manager, TD_SETTING_SHOP_NAME, "Ours",
                                           NOW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT staff_id FROM audit WHERE action = 'setting.changed' "
                                 "ORDER BY id DESC LIMIT 1"), ==, f->manager);
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 consignor = new_consignor (f);
  TdOverride wrong = { f->manager, "9999" };
  TdOverride by_cashier = { f->cashier, "3333" };
  TdOverride right = { f->manager, "2222" };

  /* A wrong approver PIN: refused, counted against the approver, nothing granted. */
  g_assert_false (td_store_authorize (f->db, f->cashier, TD_PERMISSION_LEDGER_ADJUST, &wrong,
                                      NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT failed_pins FROM staff WHERE role = 'manager'"), ==, 1);
  g_assert_false (td_store_ledger_adjust (f->db, consignor, 500, "Found", f->cashier, NOW, NULL,
                                          &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* A cashier can't approve what a cashier may not do. */
  g_assert_false (td_store_authorize (f->db, f->cashier, TD_PERMISSION_LEDGER_ADJUST,
                                      &by_cashier, NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_APPROVER_NOT_ALLOWED);
  g_clear_error (&error);
  /* A manager can't approve what only the owner may do. */
  g_assert_false (td_store_authorize (f->db, f->cashier, TD_PERMISSION_RESTORE, &right, NOW,
                                      &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_APPROVER_NOT_ALLOWED);
  g_clear_error (&error);

  /* The manager's PIN: recorded, and good for exactly one act. */
  g_assert_true (td_store_authorize (f->db, f->cashier, TD_PERMISSION_LEDGER_ADJUST, &right,
                                     NOW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT failed_pins FROM staff WHERE role = 'manager'"), ==, 0);
  g_assert_true (td_store_ledger_adjust (f->db, consignor, 500, "Found", f->cashier, NOW, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_false (td_store_ledger_adjust (f->db, consignor, 500, "Again", f->cashier, NOW, NULL,
                                          &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM audit WHERE action = 'permission.override' AND staff_id = %"
      G_GINT64_FORMAT " AND json_extract (detail, '$.approver_id') = %" G_GINT64_FORMAT
      " AND json_extract (detail, '$.permission') = 'ledger-adjust'", f->cashier, f->manager);

    g_assert_cmpint (query_int (f, sql), ==, 1);
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'ledger.adjusted'"),
                   ==, 1);

  /* A grant not used in time expires. */
  g_assert_true (td_store_authorize (f->db, f->cashier, TD_PERMISSION_PRICE_BELOW_MINIMUM,
                                     &right, NOW, &error));
  g_assert_false (td_store_authorize (f->db, f->cashier, TD_PERMISSION_PRICE_BELOW_MINIMUM, NULL,
                                      NOW + 3 * MINUTE, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
}

/* Audit ----------------------------------------------------------------------------------- */

static void
test_audit_append_only (Fixture       *f,
                        gconstpointer  data)
{
  sqlite3 *handle = td_database_get_handle (f->db);
  gint64 rows = query_int (f, "SELECT count(*) FROM audit");

  g_assert_cmpint (rows, >, 0);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE audit SET action = 'nothing'", NULL, NULL, NULL)
                   & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE audit SET staff_id = NULL WHERE id = 1", NULL,
                                 NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM audit WHERE id = 1", NULL, NULL, NULL)
                   & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM audit", NULL, NULL, NULL) & 0xff, ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'nothing'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit"), ==, rows);
}

static void
test_audit_query (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_auto(GStrv) kinds = NULL;
  TdAuditFilter filter = { 0 };
  gint64 before = 0;
  guint total = 0;
  gint64 consignor = new_consignor (f);

  for (int i = 0; i < 25; i++)
    {
      g_autofree char *note = g_strdup_printf ("Correction %d", i);

      g_assert_true (td_store_ledger_adjust (f->db, consignor, 100 + i, note,
                                             i % 2 ? f->owner : f->manager,
                                             NOW + i * MINUTE, NULL, &error));
    }

  /* Pages of 10, newest first, no row twice. */
  filter.kind = "ledger.adjusted";
  do
    {
      g_clear_pointer (&page, g_ptr_array_unref);
      page = td_store_audit_query (f->db, &filter, before, 10, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        {
          TdAuditRow *row = page->pdata[i];

          g_assert_cmpstr (row->action, ==, "ledger.adjusted");
          if (before != 0)
            g_assert_cmpint (row->id, <, before);
          before = row->id;
        }
      total += page->len;
    }
  while (page->len == 10);
  g_assert_cmpuint (total, ==, 25);

  /* By staff and date range. */
  filter.staff_id = f->owner;
  filter.from_us = NOW + 10 * MINUTE;
  filter.to_us = NOW + 20 * MINUTE;
  g_clear_pointer (&page, g_ptr_array_unref);
  page = td_store_audit_query (f->db, &filter, 0, 100, &error);
  g_assert_cmpuint (page->len, ==, 5);   /* 11, 13, 15, 17, 19 */
  g_assert_cmpstr (((TdAuditRow *) page->pdata[0])->staff_name, ==, "Olive Owner");

  /* By text in the detail, and by kind prefix. */
  filter = (TdAuditFilter) { .text = "Correction 24" };
  g_clear_pointer (&page, g_ptr_array_unref);
  page = td_store_audit_query (f->db, &filter, 0, 100, &error);
  g_assert_cmpuint (page->len, ==, 1);
  filter = (TdAuditFilter) { .kind = "staff." };
  g_clear_pointer (&page, g_ptr_array_unref);
  page = td_store_audit_query (f->db, &filter, 0, 100, &error);
  g_assert_cmpuint (page->len, ==, 3);
  filter = (TdAuditFilter) { .text = "100%_" };
  g_clear_pointer (&page, g_ptr_array_unref);
  page = td_store_audit_query (f->db, &filter, 0, 100, &error);
  g_assert_cmpuint (page->len, ==, 0);

  kinds = td_store_audit_list_kinds (f->db, &error);
  g_assert_true (g_strv_contains ((const char * const *) kinds, "ledger.adjusted"));
  g_assert_true (g_strv_contains ((const char * const *) kinds, "staff.created"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/td/permission/table", test_table);
  g_test_add_func ("/td/staff/pin-hash", test_pin_hash);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/td/staff/first-owner", test_first_owner);
  ADD ("/td/staff/manage", test_manage_staff);
  ADD ("/td/staff/rate-limit", test_rate_limit);
  ADD ("/td/permission/every-permission", test_authorize_every_permission);
  ADD ("/td/permission/guarded-store-functions", test_guarded_store_functions);
  ADD ("/td/permission/override", test_override);
  ADD ("/td/audit/append-only", test_audit_append_only);
  ADD ("/td/audit/query", test_audit_query);
#undef ADD

  return g_test_run ();
}
