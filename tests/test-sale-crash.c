/* test-sale-crash.c — sales survive SIGKILL at any moment, whole or not at all.
 *
 * The test runs itself as a child (`--sell-until-killed PATH`) that completes sales in a loop
 * on a real shop file (WAL, synchronous=FULL, a till open); the parent kills it with SIGKILL
 * after a random delay, 30 times, checking after each kill that the counter's "last sale"
 * recovery query answers, and at the end that the file is intact (`PRAGMA integrity_check`),
 * every sale is whole (lines, payments, totals), every sold item is sold exactly once, the
 * ledger and the drawer match the sales, and receipt numbers are gapless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-test-counter.h"

#define ROUNDS  30

/* The child: sell 1–3 available items per sale until killed (or out of stock). */
static int
sell_until_killed (const char *path)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new ();

  f.path = g_strdup (path);
  td_pricing_rules_init (&f.rules);
  counter_open (&f);
  /* Tell the parent the shop is open: its random delay starts now, not at exec, so a slow
   * start (AddressSanitizer, a loaded machine) can't eat every round. */
  if (write (STDOUT_FILENO, "r", 1) != 1)
    return 1;
  for (;;)
    {
      sqlite3_stmt *stmt = NULL;
      int n = g_rand_int_range (rand, 1, 4);
      g_autoptr(TdSale) sale = NULL;
      TdCartTotals t;

      sqlite3_prepare_v2 (f.handle, "SELECT sku FROM item WHERE status = 'available' "
                                    "ORDER BY id LIMIT ?", -1, &stmt, NULL);
      sqlite3_bind_int (stmt, 1, n);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        if (!td_store_sales_scan (f.db, f.cart, &f.rules,
                                  (const char *) sqlite3_column_text (stmt, 0), NOW, NULL, &error))
          g_error ("scan: %s", error->message);
      sqlite3_finalize (stmt);
      if (td_cart_get_n_lines (f.cart) == 0)
        break;

      td_cart_get_totals (f.cart, &t);
      if (g_rand_boolean (rand))
        {
          /* Cash is rounded to 0.05 here, up to 0.02 more than the total: give at least 0.05
           * over it, or a total ending in 3, 4, 8 or 9 was randomly short (a flaky failure). */
          TdTender cash = { TD_TENDER_CASH, t.total + 5 + g_rand_int_range (rand, 0, 2000), NULL,
                            0 };

          if (!td_store_sales_complete (f.db, NULL, f.cart, &cash, 1, CASHIER, NOW, &sale, &error))
            g_error ("sale: %s", error->message);
        }
      else
        {
          TdTender split[] = { { TD_TENDER_CARD, t.total / 2, "slip", 0 },
                               { TD_TENDER_CASH, t.total - t.total / 2 + 10, NULL, 0 } };

          if (!td_store_sales_complete (f.db, NULL, f.cart, split, 2, CASHIER, NOW, &sale, &error))
            g_error ("sale: %s", error->message);
        }
    }
  counter_close (&f);
  g_free (f.path);
  return 0;
}

static void
stock_shop (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  counter_stock_floor (f, 20000);
  g_assert_true (td_store_till_open (f->db, NULL, 20000, CASHIER, NOW - 1, NULL, &error));
  g_assert_no_error (error);
}

static void
check_whole (Fixture *f)
{
  gint64 sales = counter_int (f, "SELECT count(*) FROM sale");

  /* intact file, gapless receipts, whole sales with their audit rows */
  counter_assert_intact (f);
  g_assert_cmpint (sales, >, 0);
  /* every sold item sold exactly once, every line's item sold */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item WHERE status = 'sold'"), ==,
                   counter_int (f, "SELECT count(*) FROM sale_line"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM (SELECT item_id FROM sale_line "
                                   "GROUP BY item_id HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale_line l JOIN item i ON i.id = l.item_id "
                                   "WHERE i.status != 'sold'"), ==, 0);
  /* ledger and drawer match the sales */
  g_assert_cmpint (counter_int (f, "SELECT coalesce (sum (amount), 0) FROM ledger"), ==,
                   counter_int (f, "SELECT sum (consignor_share) FROM sale_line"));
  g_assert_cmpint (counter_int (f, "SELECT coalesce (sum (amount), 0) FROM till_movement"), ==,
                   counter_int (f, "SELECT sum (amount) FROM payment WHERE tender = 'cash'"));
}

static void
test_sigkill (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  gint64 last_seen = 0, in_doubt = 0;

  g_assert_no_error (error);
  stock_shop (f);
  counter_close (f);

  for (int round = 0; round < ROUNDS; round++)
    {
      char *argv[] = { self, (char *) "--sell-until-killed", f->path, NULL };
      TdLastSale last;
      gboolean found;

      counter_kill_child (argv, 30, 250, NULL);

      /* what the counter shows on the next start */
      counter_open (f);
      g_assert_true (td_store_sales_last (f->db, NULL, &last, &found, &error));
      g_assert_no_error (error);
      if (found)
        {
          g_autoptr(TdSale) sale = td_store_sales_get (f->db, last.sale_id, &error);

          g_assert_no_error (error);
          g_assert_cmpint (last.receipt_no, >=, last_seen);
          g_assert_cmpint (last.paid, ==, sale->total + sale->rounding);
          g_assert_cmpuint (sale->lines->len, >=, 1);
          if (last.receipt_no == last_seen)
            in_doubt++;
          last_seen = last.receipt_no;
        }
      counter_close (f);
    }

  counter_open (f);
  check_whole (f);
  g_test_message ("%d kills, %" G_GINT64_FORMAT " sales, %" G_GINT64_FORMAT
                  " rounds without a new sale", ROUNDS,
                  counter_int (f, "SELECT count(*) FROM sale"), in_doubt);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--sell-until-killed"))
    return sell_until_killed (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/td/sale-crash/sigkill", Fixture, NULL, fixture_setup, test_sigkill,
              fixture_teardown);
  return g_test_run ();
}
