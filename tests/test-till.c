/* test-till.c — the cash drawer: one open session per register, paid-in/out with reasons,
 * closing with counted cash (over/short), and the Z report's totals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-permission.h"
#include "td-test-counter.h"

/* Opening the drawer without a sale needs a manager and always leaves an audit row. */
static void
test_no_sale (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (td_store_till_no_sale (f->db, NULL, CASHIER, NOW, &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'till.no_sale'"),
                   ==, 0);
  g_assert_true (td_store_till_no_sale (f->db, NULL, MANAGER, NOW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'till.no_sale' "
                                   "AND staff_id = 3 AND json_extract (detail, '$.register') "
                                   "= 'main'"), ==, 1);
}

static void
test_open_close (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdZReport z;
  gint64 session, current;

  g_assert_true (td_store_till_current (f->db, NULL, &current, &error));
  g_assert_cmpint (current, ==, 0);
  g_assert_false (td_store_till_move (f->db, NULL, TD_TILL_PAID_IN, 100, "change", MANAGER, NOW,
                                      &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TILL);
  g_clear_error (&error);
  g_assert_false (td_store_till_close (f->db, NULL, 0, MANAGER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TILL);
  g_clear_error (&error);
  g_assert_false (td_store_till_open (f->db, NULL, -1, CASHIER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (td_store_till_open (f->db, NULL, 15000, CASHIER, NOW, &session, &error));
  g_assert_no_error (error);
  g_assert_false (td_store_till_open (f->db, NULL, 15000, CASHIER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TILL);
  g_clear_error (&error);
  /* another register has its own drawer */
  g_assert_true (td_store_till_open (f->db, "till-2", 5000, CASHIER, NOW, NULL, &error));
  g_assert_true (td_store_till_current (f->db, NULL, &current, &error));
  g_assert_cmpint (current, ==, session);

  /* paid-in/out: a reason, an amount, and the drawer permission */
  g_assert_false (td_store_till_move (f->db, NULL, TD_TILL_PAID_OUT, 1000, "  ", MANAGER, NOW,
                                      &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_store_till_move (f->db, NULL, TD_TILL_PAID_OUT, 0, "stamps", MANAGER, NOW,
                                      &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_store_till_move (f->db, NULL, TD_TILL_PAID_OUT, 1000, "stamps", CASHIER, NOW,
                                      &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (td_store_till_move (f->db, NULL, TD_TILL_PAID_OUT, 1000, "stamps", MANAGER, NOW,
                                     &error));
  g_assert_true (td_store_till_move (f->db, NULL, TD_TILL_PAID_IN, 2000, "change from bank",
                                     MANAGER, NOW, &error));
  g_assert_no_error (error);

  g_assert_true (td_store_till_close (f->db, NULL, 15900, MANAGER, NOW + 1000, &z, &error));
  g_assert_no_error (error);
  g_assert_cmpint (z.float_amount, ==, 15000);
  g_assert_cmpint (z.paid_in, ==, 2000);
  g_assert_cmpint (z.paid_out, ==, 1000);
  g_assert_cmpint (z.cash_expected, ==, 16000);
  g_assert_true (z.counted);
  g_assert_cmpint (z.over_short, ==, -100);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action LIKE 'till.%'"), ==, 5);

  /* closed: a new session can open */
  g_assert_true (td_store_till_open (f->db, NULL, 15900, CASHIER, NOW + 2000, NULL, &error));
  g_assert_no_error (error);
}

static void
test_z_report (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) first = NULL;
  g_autoptr(TdSale) second = NULL;
  g_autoptr(TdSale) elsewhere = NULL;
  TdZReport z;
  gint64 session;

  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES ('cash.rounding_step', '5')");
  counter_reload (f);
  g_assert_true (td_store_till_open (f->db, NULL, 10000, CASHIER, NOW - 10, &session, &error));
  counter_item (f, "ANNA-0001", ANNA, 4003, NULL);
  counter_item (f, "B-000001", 0, 1000, NULL);
  counter_item (f, "B-000002", 0, 700, NULL);
  counter_item (f, "B-000003", 0, 900, NULL);

  counter_scan (f, "ANNA-0001");
  g_assert_true (td_cart_set_line_discount (f->cart, 1, 3, "round it", &error));
  first = counter_sell_cash (f, NULL);                          /* 40.00 cash */
  counter_scan (f, "B-000001");
  counter_scan (f, "B-000002");
  {
    TdTender split[] = { { TD_TENDER_CARD, 1000, NULL, 0 }, { TD_TENDER_CASH, 1000, NULL, 0 } };

    g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, split, 2, CASHIER, NOW, &second,
                                            &error));
  }
  /* another register's sale is not in this drawer */
  counter_scan (f, "B-000003");
  elsewhere = counter_sell_cash (f, "till-2");
  {
    TdRefundLineRequest line = { g_array_index (second->lines, TdSaleLine, 1).id, -1, FALSE };
    TdRefundRequest req = { NULL, second->id, &line, 1, TD_TENDER_CASH, 0, NULL, NULL, 0 };

    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (td_store_till_report (f->db, session, NOW + 5, &z, &error));
  g_assert_no_error (error);
  g_assert_null (NULL);
  g_assert_cmpint (z.closed_at, ==, 0);
  g_assert_cmpint (z.n_sales, ==, 2);
  g_assert_cmpint (z.gross, ==, 4003 + 1700);
  g_assert_cmpint (z.discounts, ==, 3);
  g_assert_cmpint (z.total, ==, 4000 + 1700);
  g_assert_cmpint (z.by_tender[TD_TENDER_CARD], ==, 1000);
  g_assert_cmpint (z.by_tender[TD_TENDER_CASH], ==, 4000 + 700);
  g_assert_cmpint (z.n_refunds, ==, 1);
  g_assert_cmpint (z.refunds, ==, 700);
  g_assert_cmpint (z.refunds_by_tender[TD_TENDER_CASH], ==, 700);
  g_assert_cmpint (z.cash_expected, ==, 10000 + 4000 + 700 - 700);

  g_assert_true (td_store_till_close (f->db, NULL, 14010, CASHIER, NOW + 10, &z, &error));
  g_assert_cmpint (z.over_short, ==, 10);
  g_assert_cmpint (z.closed_at, ==, NOW + 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/till/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("open-move-close", test_open_close);
  ADD ("z-report", test_z_report);
  ADD ("no-sale", test_no_sale);
  return g_test_run ();
}
