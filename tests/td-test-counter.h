/* td-test-counter.h — a shop for the counter's tests (header-only): a real shop file in a
 * fresh temp dir, staff, two consignors, items put straight into the tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <locale.h>
#include <string.h>

#include "td-database-private.h"
#include "td-store-buy.h"
#include "td-store-gift-cards.h"
#include "td-store-pricing.h"
#include "td-store-returns.h"
#include "td-store-sales.h"
#include "td-store-till.h"
#include "td-test.h"

#define DAY G_GINT64_CONSTANT (86400000000)
/* 2024-03-01 12:00 UTC: a fixed "now"; store code never reads the clock. */
#define NOW G_GINT64_CONSTANT (1709294400000000)

/* staff */
#define MANAGER 3
#define CASHIER 4
/* consignors (share 6000 = 60 %) */
#define ANNA 1
#define BEN 2

typedef struct
{
  char           *dir;
  char           *path;
  TdDatabase     *db;
  sqlite3        *handle;
  TdPricingRules  rules;
  TdCart         *cart;
} Fixture;

static inline void
counter_exec (Fixture    *f,
              const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (f->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static inline gint64
counter_int (Fixture    *f,
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

static inline char *
counter_text (Fixture    *f,
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

#define counter_assert_text(f, sql, expected) \
  G_STMT_START { \
    g_autofree char *text_ = counter_text ((f), (sql)); \
    g_assert_cmpstr (text_, ==, (expected)); \
  } G_STMT_END

/* An item on the floor; @consignor 0 for shop stock. Returns its id. */
static inline gint64
counter_item (Fixture    *f,
              const char *sku,
              gint64      consignor,
              gint64      price,
              const char *category_code)
{
  char owner[32];
  g_autofree char *sql = NULL;

  if (consignor > 0)
    g_snprintf (owner, sizeof owner, "%" G_GINT64_FORMAT, consignor);
  else
    g_strlcpy (owner, "NULL", sizeof owner);
  sql = g_strdup_printf (
    "INSERT INTO item (sku, consignor_id, acquisition, title, price, share_bp, category_id, "
    "                  intake_at, updated_at) "
    "VALUES ('%s', %s, '%s', 'Item %s', %" G_GINT64_FORMAT ", %s, "
    "        (SELECT id FROM category WHERE code = '%s'), %" G_GINT64_FORMAT ", 1)",
    sku, owner,
    consignor > 0 ? "consigned" : "bought", sku, price, consignor > 0 ? "6000" : "NULL",
    category_code != NULL ? category_code : "", NOW - DAY);

  counter_exec (f, sql);
  return sqlite3_last_insert_rowid (f->handle);
}

static inline void
counter_reload (Fixture *f)
{
  g_auto(TdCounterConfig) config = { 0 };
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->cart);
  td_pricing_rules_clear (&f->rules);
  g_assert_true (td_store_pricing_load_rules (f->db, &f->rules, &error));
  g_assert_true (td_store_sales_load_config (f->db, &config, &error));
  g_assert_no_error (error);
  f->cart = td_cart_new (&config);
}

static inline void
counter_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->db = td_database_open (f->path, &error);
  g_assert_no_error (error);
  f->handle = td_database_get_handle (f->db);
  counter_reload (f);
}

static inline void
counter_close (Fixture *f)
{
  g_clear_object (&f->cart);
  td_pricing_rules_clear (&f->rules);
  g_clear_object (&f->db);
  f->handle = NULL;
}

static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  setlocale (LC_ALL, "C.UTF-8");
  memset (f, 0, sizeof *f);
  td_pricing_rules_init (&f->rules);
  f->dir = td_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  counter_open (f);
  counter_exec (f,
    "INSERT INTO staff (id, name, role, created_at) VALUES "
    "  (3, 'Sam', 'manager', 1), (4, 'Kim', 'cashier', 1), (7, 'Lou', 'owner', 1);"
    "INSERT INTO consignor (id, code, name, share_bp, created_at) VALUES "
    "  (1, 'ANNA', 'Anna', 6000, 1), (2, 'BEN', 'Ben', 6000, 1);"
    "INSERT OR REPLACE INTO setting (key, value) VALUES ('shop.currency', 'EUR');");
  counter_reload (f);
}

static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  counter_close (f);
  td_test_rmdir_recursive (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Scans @code into the fixture's cart; asserts it worked. */
static inline void
counter_scan (Fixture    *f,
              const char *code)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (td_store_sales_scan (f->db, f->cart, &f->rules, code, NOW, NULL, &error));
  g_assert_no_error (error);
}

/* Sells the cart for cash (exact amount, rounded); returns the sale. */
static inline TdSale *
counter_sell_cash (Fixture    *f,
                   const char *register_id)
{
  g_autoptr(GError) error = NULL;
  TdCartTotals t;
  TdSale *sale = NULL;
  TdTender cash = { TD_TENDER_CASH, 0, NULL, 0 };

  td_cart_get_totals (f->cart, &t);
  cash.amount = t.total + 100;
  g_assert_true (td_store_sales_complete (f->db, register_id, f->cart, &cash, 1, CASHIER, NOW,
                                          &sale, &error));
  g_assert_no_error (error);
  return sale;
}
