/* test-returns.c — refunds: lines chosen from a receipt, money back by tender, items back on
 * the floor or damaged, consignors debited, a line refunded once, the refund window with a
 * manager's override, gapless refund numbers. A real shop file per test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-permission.h"
#include "td-store-consignors.h"
#include "td-test-counter.h"

/* Sells Anna's coat (40.00), Ben's dress (20.00) and a mug (5.00, shop stock) for cash. */
static TdSale *
sell_three (Fixture *f)
{
  counter_item (f, "ANNA-0001", ANNA, 4000, NULL);
  counter_item (f, "BEN-0001", BEN, 2000, NULL);
  counter_item (f, "B-000001", 0, 500, NULL);
  counter_scan (f, "ANNA-0001");
  counter_scan (f, "BEN-0001");
  counter_scan (f, "B-000001");
  return counter_sell_cash (f, NULL);
}

static gint64
line_id (TdSale     *sale,
         const char *sku)
{
  for (guint i = 0; i < sale->lines->len; i++)
    if (g_str_equal (g_array_index (sale->lines, TdSaleLine, i).sku, sku))
      return g_array_index (sale->lines, TdSaleLine, i).id;
  g_assert_not_reached ();
}

static void
test_refund_cash (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdSale) again = NULL;
  g_autoptr(TdRefund) refund = NULL;
  g_autoptr(TdRefund) read = NULL;
  gint64 balance;

  g_assert_true (td_store_till_open (f->db, NULL, 10000, CASHIER, NOW - 1, NULL, &error));
  sale = sell_three (f);
  {
    TdRefundLineRequest lines[] = { { line_id (sale, "ANNA-0001"), -1, FALSE },
                                    { line_id (sale, "B-000001"), -1, TRUE } };
    TdRefundRequest req = { NULL, sale->id, lines, 2, TD_TENDER_CASH, 0, NULL, "wrong size", 0 };

    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW + DAY, &refund, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (refund->refund_no, ==, 1);
  g_assert_cmpint (refund->receipt_no, ==, 1);
  g_assert_cmpint (refund->total, ==, 4500);
  g_assert_cmpuint (refund->lines->len, ==, 2);

  counter_assert_text (f, "SELECT status FROM item WHERE sku = 'ANNA-0001'", "available");
  counter_assert_text (f, "SELECT status FROM item WHERE sku = 'B-000001'", "damaged");
  counter_assert_text (f, "SELECT status FROM item WHERE sku = 'BEN-0001'", "sold");
  g_assert_true (td_store_consignors_balance (f->db, ANNA, &balance, &error));
  g_assert_cmpint (balance, ==, 0);                                   /* 24.00 credited, debited */
  g_assert_cmpint (counter_int (f, "SELECT amount FROM ledger WHERE kind = 'refund'"), ==, -2400);
  g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM till_movement WHERE kind = 'refund'"),
                   ==, -4500);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'refund.completed'"),
                   ==, 1);

  read = td_store_returns_get (f->db, refund->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->total, ==, 4500);
  g_assert_cmpuint (read->lines->len, ==, 2);
  g_assert_true (g_array_index (read->lines, TdRefundLine, 1).damaged);

  /* the refunded coat can be sold again; the receipt shows which lines were refunded */
  counter_scan (f, "ANNA-0001");
  again = td_store_sales_get_by_receipt (f->db, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_array_index (again->lines, TdSaleLine, 0).refunded);
  g_assert_false (g_array_index (again->lines, TdSaleLine, 1).refunded);
}

static void
test_refund_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = sell_three (f);
  gint64 refunds = 0;
  TdRefundLineRequest coat = { line_id (sale, "ANNA-0001"), -1, FALSE };
  TdRefundRequest req = { NULL, sale->id, &coat, 1, TD_TENDER_CASH, 0, NULL, NULL, 0 };

  /* more than was paid for the line */
  coat.amount = 4001;
  g_assert_false (td_store_returns_refund (f->db, &req, MANAGER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "40.00"));
  g_clear_error (&error);
  coat.amount = -5;
  g_assert_false (td_store_returns_refund (f->db, &req, MANAGER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);

  /* nothing chosen; a line of another sale */
  req.n_lines = 0;
  g_assert_false (td_store_returns_refund (f->db, &req, MANAGER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  req.n_lines = 1;
  coat.sale_line_id = 999;
  g_assert_false (td_store_returns_refund (f->db, &req, MANAGER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM refund"), ==, 0);

  /* a partial refund: tax and share in proportion; then the line can't be refunded again */
  coat.sale_line_id = line_id (sale, "ANNA-0001");
  coat.amount = 1000;
  g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counter_int (f, "SELECT consignor_share FROM refund_line"), ==, 600);
  coat.amount = -1;
  g_assert_false (td_store_returns_refund (f->db, &req, MANAGER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_REFUNDED);
  g_clear_error (&error);
  {
    TdRefundLineRequest twice[] = { { line_id (sale, "BEN-0001"), -1, FALSE },
                                    { line_id (sale, "BEN-0001"), -1, FALSE } };
    TdRefundRequest both = { NULL, sale->id, twice, 2, TD_TENDER_CASH, 0, NULL, NULL, 0 };

    g_assert_false (td_store_returns_refund (f->db, &both, MANAGER, NOW, NULL, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_REFUNDED);
    g_clear_error (&error);
  }
  refunds = counter_int (f, "SELECT count(*) FROM refund");
  g_assert_cmpint (refunds, ==, 1);

  /* above the cashier's refund limit (50.00): a manager's permission */
  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES ('staff.refund_limit', '1000')");
  {
    TdRefundLineRequest dress = { line_id (sale, "BEN-0001"), -1, FALSE };
    TdRefundRequest r = { NULL, sale->id, &dress, 1, TD_TENDER_CARD, 0, NULL, NULL, 0 };

    /* the sale was paid in cash: nothing can go back to a card */
    g_assert_false (td_store_returns_refund (f->db, &r, MANAGER, NOW, NULL, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_TOO_LARGE);
    g_clear_error (&error);
    r.tender = TD_TENDER_CASH;
    g_assert_false (td_store_returns_refund (f->db, &r, CASHIER, NOW, NULL, &error));
    g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_true (td_store_returns_refund (f->db, &r, MANAGER, NOW, NULL, &error));
    g_assert_no_error (error);
  }
  /* refund numbers are gapless despite the refusals */
  {
    g_autofree char *numbers = counter_text (f, "SELECT group_concat (refund_no) FROM refund");

    g_assert_cmpstr (numbers, ==, "1,2");
  }
}

static void
test_refund_window (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = sell_three (f);
  TdRefundLineRequest coat = { line_id (sale, "ANNA-0001"), -1, FALSE };
  TdRefundRequest req = { NULL, sale->id, &coat, 1, TD_TENDER_CASH, 0, NULL, NULL, 0 };
  gint64 late = NOW + 31 * DAY;

  g_assert_false (td_store_returns_refund (f->db, &req, CASHIER, late, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_WINDOW);
  g_assert_nonnull (strstr (error->message, "30-day"));
  g_clear_error (&error);

  /* a cashier can't approve their own override */
  req.override_staff_id = CASHIER;
  g_assert_false (td_store_returns_refund (f->db, &req, CASHIER, late, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM refund"), ==, 0);

  req.override_staff_id = MANAGER;
  g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, late, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counter_int (f, "SELECT json_extract (detail, '$.window_override_by') FROM audit "
                                   "WHERE action = 'refund.completed'"), ==, MANAGER);

  /* a window of 0 days means no limit */
  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES ('refund.window_days', '0')");
  {
    TdRefundLineRequest dress = { line_id (sale, "BEN-0001"), -1, FALSE };
    TdRefundRequest r = { NULL, sale->id, &dress, 1, TD_TENDER_CASH, 0, NULL, NULL, 0 };

    g_assert_true (td_store_returns_refund (f->db, &r, CASHIER, NOW + 400 * DAY, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_refund_store_credit (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = sell_three (f);
  g_autoptr(TdRefund) to_card = NULL;
  gint64 balance;

  /* to a consignor's balance */
  {
    TdRefundLineRequest mug = { line_id (sale, "B-000001"), -1, FALSE };
    TdRefundRequest req = { NULL, sale->id, &mug, 1, TD_TENDER_STORE_CREDIT, BEN, NULL, NULL, 0 };

    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (td_store_consignors_balance (f->db, BEN, &balance, &error));
    g_assert_cmpint (balance, ==, 1200 + 500);
  }
  /* to a new gift card, then to that card again */
  {
    TdRefundLineRequest dress = { line_id (sale, "BEN-0001"), 1500, FALSE };
    TdRefundRequest req = { NULL, sale->id, &dress, 1, TD_TENDER_STORE_CREDIT, 0, NULL, NULL, 0 };

    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW, &to_card, &error));
    g_assert_no_error (error);
    g_assert_nonnull (to_card->gift_card_code);
    g_assert_true (td_store_gift_cards_balance (f->db, to_card->gift_card_code, &balance, &error));
    g_assert_cmpint (balance, ==, 1500);
  }
  {
    TdRefundLineRequest coat = { line_id (sale, "ANNA-0001"), -1, FALSE };
    TdRefundRequest req = { NULL, sale->id, &coat, 1, TD_TENDER_GIFT_CARD, 0,
                            to_card->gift_card_code, NULL, 0 };

    g_assert_true (td_store_returns_refund (f->db, &req, MANAGER, NOW, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (td_store_gift_cards_balance (f->db, to_card->gift_card_code, &balance, &error));
    g_assert_cmpint (balance, ==, 5500);
  }
  /* every consignor debit matches the credit refunded */
  g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM ledger WHERE kind IN ('sale', 'refund') "
                                   "AND consignor_id = 1"), ==, 0);
}

/* To a card: at most what cards paid on the sale, less earlier card refunds. */
static void
test_refund_card (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  TdTender split[] = { { TD_TENDER_CARD, 5000, "slip 7", 0 }, { TD_TENDER_CASH, 1500, NULL, 0 } };

  counter_item (f, "ANNA-0001", ANNA, 4000, NULL);
  counter_item (f, "BEN-0001", BEN, 2500, NULL);
  counter_scan (f, "ANNA-0001");
  counter_scan (f, "BEN-0001");
  g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, split, 2, CASHIER, NOW, &sale,
                                          &error));
  g_assert_cmpint (td_sale_get_main_tender (sale), ==, TD_TENDER_CARD);
  {
    TdRefundLineRequest coat = { line_id (sale, "ANNA-0001"), -1, FALSE };
    TdRefundRequest req = { NULL, sale->id, &coat, 1, TD_TENDER_CARD, 0, NULL, NULL, 0 };

    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW, NULL, &error));
    g_assert_no_error (error);
  }
  {
    TdRefundLineRequest dress = { line_id (sale, "BEN-0001"), -1, FALSE };
    TdRefundRequest req = { NULL, sale->id, &dress, 1, TD_TENDER_CARD, 0, NULL, NULL, 0 };

    g_assert_false (td_store_returns_refund (f->db, &req, CASHIER, NOW, NULL, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_REFUND_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "10.00"));
    g_clear_error (&error);
    dress.amount = 1000;
    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (counter_int (f, "SELECT sum (total) FROM refund WHERE tender = 'card'"), ==, 5000);
}

/* Cash goes back rounded to the coins that exist, like the cash the sale took. */
static void
test_refund_cash_rounding (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdRefund) refund = NULL;

  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES ('cash.rounding_step', '5')");
  counter_reload (f);
  g_assert_true (td_store_till_open (f->db, NULL, 0, CASHIER, NOW - 1, NULL, &error));
  counter_item (f, "B-000001", 0, 1233, NULL);
  counter_scan (f, "B-000001");
  sale = counter_sell_cash (f, NULL);
  g_assert_cmpint (td_sale_get_paid (sale, TD_TENDER_CASH), ==, 1235);
  {
    TdRefundLineRequest line = { line_id (sale, "B-000001"), -1, FALSE };
    TdRefundRequest req = { NULL, sale->id, &line, 1, TD_TENDER_CASH, 0, NULL, NULL, 0 };

    g_assert_true (td_store_returns_refund (f->db, &req, CASHIER, NOW, &refund, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (refund->total, ==, 1235);
  g_assert_cmpint (counter_int (f, "SELECT amount FROM refund_line"), ==, 1233);
  g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM till_movement"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/returns/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("cash", test_refund_cash);
  ADD ("rules", test_refund_rules);
  ADD ("window", test_refund_window);
  ADD ("store-credit", test_refund_store_credit);
  ADD ("card", test_refund_card);
  ADD ("cash-rounding", test_refund_cash_rounding);
  return g_test_run ();
}
