/* td-test-counter.h — a shop for the counter's tests (header-only): a real shop file in a
 * fresh temp dir, staff, two consignors, items put straight into the tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* The crash tests (test-sale-crash.c, test-shop-crash.c) ------------------------------------ */

/* @n items on the floor in one statement (SKUs X-000001 …; every third bought, the rest
 * consigned to ANNA and BEN), tax 7.7 % included, cash rounded to 0.05. */
static inline void
counter_stock_floor (Fixture *f,
                     int      n)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO item (sku, consignor_id, acquisition, title, price, share_bp, intake_at, "
    "                  updated_at) "
    "SELECT printf ('X-%%06d', i), CASE WHEN i %% 3 = 0 THEN NULL ELSE 1 + i %% 2 END, "
    "       CASE WHEN i %% 3 = 0 THEN 'bought' ELSE 'consigned' END, 'Thing ' || i, "
    "       100 + (i * 7919) %% 9000, CASE WHEN i %% 3 = 0 THEN NULL ELSE 4000 + i %% 3000 END, "
    "       1709000000000000, 1 FROM n", n);

  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES "
                   "('tax.rates', 'standard=770'), ('cash.rounding_step', '5')");
  counter_exec (f, "BEGIN");
  counter_exec (f, sql);
  counter_exec (f, "COMMIT");
}

/* Runs @argv (this test program as a child that writes "r" to stdout once its shop is open,
 * then works until killed), SIGKILLs it @min_ms … @max_ms after the "r" and reaps it. The
 * delay starts at "r", not at exec, so a slow start (AddressSanitizer, a loaded machine) can't
 * eat the round. What the child wrote after the "r" is appended to @said (if not %NULL). */
static inline void
counter_kill_child (char    **argv,
                    int       min_ms,
                    int       max_ms,
                    GString  *said)
{
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status, out_fd = -1;
  char buffer[4096];
  gssize n;

  g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                           NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  /* 0 bytes: the child died before opening the shop, which the status check reports */
  while ((n = read (out_fd, buffer, 1)) < 0 && errno == EINTR)
    ;
  g_usleep (g_test_rand_int_range (min_ms, max_ms + 1) * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  /* the child is gone, so the pipe ends */
  while ((n = read (out_fd, buffer, sizeof buffer)) != 0)
    if (n > 0 && said != NULL)
      g_string_append_len (said, buffer, n);
    else if (n < 0 && errno != EINTR)
      break;
  close (out_fd);
  if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
    g_error ("the child ended by itself (status %d): out of stock or a failed write", status);
}

/* What must hold in any shop after a crash: the file is intact, receipt and refund numbers are
 * gapless per register, every sale is whole (lines, payments = total + rounding, total = Σ
 * line prices — tax is included here) with its audit row, every refund has lines. */
static inline void
counter_assert_intact (Fixture *f)
{
  counter_assert_text (f, "PRAGMA integrity_check", "ok");
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM (SELECT register_id FROM sale "
                                   "GROUP BY register_id HAVING min (receipt_no) != 1 "
                                   "OR max (receipt_no) != count(*))"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM (SELECT register_id FROM refund "
                                   "GROUP BY register_id HAVING min (refund_no) != 1 "
                                   "OR max (refund_no) != count(*))"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale s WHERE NOT EXISTS "
                                   "(SELECT 1 FROM sale_line WHERE sale_id = s.id)"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale s WHERE total != "
                                   "(SELECT sum (price) FROM sale_line WHERE sale_id = s.id)"),
                   ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale s WHERE total + rounding != "
                                   "(SELECT coalesce (sum (amount), 0) FROM payment "
                                   " WHERE sale_id = s.id)"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM refund r WHERE NOT EXISTS "
                                   "(SELECT 1 FROM refund_line WHERE refund_id = r.id)"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'sale.completed'"),
                   ==, counter_int (f, "SELECT count(*) FROM sale"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'refund.completed'"),
                   ==, counter_int (f, "SELECT count(*) FROM refund"));
}

/* The report summaries (0008-reports.sql) that the triggers keep agree with the raw rows. */
static inline void
counter_assert_summaries (Fixture *f)
{
  static const char * const pairs[][2] = {
    { "SELECT total (total) FROM report_sale_day",
      "SELECT total (total) FROM sale WHERE status = 'completed'" },
    { "SELECT total (sales) FROM report_sale_day",
      "SELECT count(*) FROM sale WHERE status = 'completed'" },
    { "SELECT total (amount) FROM report_tender_day",
      "SELECT total (p.amount - p.change) FROM payment p JOIN sale s ON s.id = p.sale_id "
      "WHERE s.status = 'completed'" },
    { "SELECT total (lines) FROM report_line_day",
      "SELECT count(*) FROM sale_line WHERE sale_id IN "
      "(SELECT id FROM sale WHERE status = 'completed')" },
    { "SELECT total (share) FROM report_line_day",
      "SELECT total (consignor_share) FROM sale_line WHERE sale_id IN "
      "(SELECT id FROM sale WHERE status = 'completed')" },
    { "SELECT total (price) FROM report_consignor_day",
      "SELECT total (price) FROM sale_line WHERE consignor_id IS NOT NULL AND sale_id IN "
      "(SELECT id FROM sale WHERE status = 'completed')" },
    { "SELECT total (balance) FROM report_balance", "SELECT total (amount) FROM ledger" },
    { "SELECT count(*) FROM report_balance b WHERE balance != "
      "(SELECT total (amount) FROM ledger WHERE consignor_id = b.consignor_id)", "SELECT 0" },
    { "SELECT total (items) FROM report_intake_hour", "SELECT count(*) FROM item" },
    { "SELECT total (items) FROM report_floor_day",
      "SELECT count(*) FROM item WHERE status = 'available'" },
    { "SELECT total (price) FROM report_floor_day",
      "SELECT total (price) FROM item WHERE status = 'available'" },
    { "SELECT total (items) FROM report_expiry_day",
      "SELECT count(*) FROM item WHERE status = 'available' AND expires_at IS NOT NULL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      gint64 summary = counter_int (f, pairs[i][0]), raw = counter_int (f, pairs[i][1]);

      if (summary != raw)
        g_error ("report summary %" G_GINT64_FORMAT " != raw rows %" G_GINT64_FORMAT ": %s / %s",
                 summary, raw, pairs[i][0], pairs[i][1]);
    }
}
