/* test-sales.c — the counter's store: scanning, completing a sale in one transaction,
 * gapless receipt numbers, the transaction boundary, tenders (store credit, gift cards),
 * the last sale, parked carts, receipt tokens, buying at the counter. A real shop file in a
 * fresh temp dir per test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-permission.h"
#include "td-receipt-token.h"
#include "td-store-consignors.h"
#include "td-test-counter.h"

static void
test_scan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const TdCartLine *line = NULL;
  gint64 coat = counter_item (f, "ANNA-0001", ANNA, 4500, "clothing.women");
  gint64 book = counter_item (f, "B-000001", 0, 800, "books");

  counter_exec (f, "INSERT INTO item_code (item_id, code) VALUES (2, '9780140449136')");
  g_assert_cmpint (book, ==, 2);

  g_assert_true (td_store_sales_scan (f->db, f->cart, &f->rules, " anna-0001\n", NOW, &line,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (line->item_id, ==, coat);
  g_assert_cmpint (line->list_price, ==, 4500);
  g_assert_cmpint (line->consignor_id, ==, ANNA);
  g_assert_cmpint (line->share_bp, ==, 6000);

  /* the same item again, by its tag QR as a link: refused, not a second line */
  g_assert_false (td_store_sales_scan (f->db, f->cart, &f->rules,
                                       "https://shop.example/i/ANNA-0001", NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_IN_CART);
  g_clear_error (&error);

  /* a manufacturer code, as an ISBN-10 */
  counter_scan (f, "0140449132");
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 2);
  g_assert_cmpint (td_cart_get_line (f->cart, 1)->item_id, ==, book);
  g_assert_false (td_store_sales_scan (f->db, f->cart, &f->rules, "9780140449136", NOW, NULL,
                                       &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_ALREADY_IN_CART);
  g_clear_error (&error);

  g_assert_false (td_store_sales_scan (f->db, f->cart, &f->rules, "ZZ-9999", NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_UNKNOWN_CODE);
  g_assert_nonnull (strstr (error->message, "ZZ-9999"));
  g_clear_error (&error);

  {
    const char *malformed[] = { "", "   ", "AB\x01" "12", "\xff\xfe", NULL };
    g_autofree char *long_scan = g_strnfill (200, 'A');

    malformed[4] = long_scan;
    for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
      {
        g_assert_false (td_store_sales_scan (f->db, f->cart, &f->rules, malformed[i], NOW, NULL,
                                             &error));
        g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_MALFORMED_SCAN);
        g_clear_error (&error);
      }
  }
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 2);

  /* a scanned receipt is not an item */
  {
    g_autoptr(TdSale) sale = counter_sell_cash (f, NULL);
    g_autoptr(GBytes) key = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
    g_autofree char *token = td_store_sales_dup_token (f->db, sale, key, &error);

    g_assert_false (td_store_sales_scan (f->db, f->cart, &f->rules, token, NOW, NULL, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_MALFORMED_SCAN);
    g_assert_nonnull (strstr (error->message, "receipt"));
    g_clear_error (&error);
  }

  /* sold: says when and on which receipt */
  g_assert_false (td_store_sales_scan (f->db, f->cart, &f->rules, "ANNA-0001", NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "sold on 1 Mar 2024"));
  g_assert_nonnull (strstr (error->message, "receipt 000001"));
  g_clear_error (&error);

  counter_item (f, "D-000001", 0, 300, NULL);
  counter_exec (f, "UPDATE item SET status = 'donated' WHERE sku = 'D-000001'");
  g_assert_false (td_store_sales_scan (f->db, f->cart, &f->rules, "D-000001", NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_SELLABLE);
  g_assert_nonnull (strstr (error->message, "donated"));
  g_clear_error (&error);
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 0);
}

/* Whatever a scanner types, the answer is an item or a plain refusal — never a crash, a
 * database error or a silent nothing. */
static void
test_scan_garbage (Fixture       *f,
                   gconstpointer  data)
{
  counter_item (f, "ANNA-0001", ANNA, 4500, NULL);
  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GError) error = NULL;
      char text[64];
      int n = g_test_rand_int_range (0, sizeof text);

      for (int i = 0; i < n; i++)
        text[i] = (char) g_test_rand_int_range (1, 256);
      text[n] = '\0';
      if (td_store_sales_scan (f->db, f->cart, &f->rules, text, NOW, NULL, &error))
        {
          g_assert_no_error (error);
          td_cart_clear (f->cart);
          continue;
        }
      g_assert_nonnull (error);
      g_assert_true (error->domain == TD_SALE_ERROR);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 0);
}

/* Markdowns apply at the counter: the effective price comes from td-pricing. */
static void
test_effective_price (Fixture       *f,
                      gconstpointer  data)
{
  counter_item (f, "ANNA-0001", ANNA, 4000, "clothing.women");
  counter_exec (f, "UPDATE item SET intake_at = intake_at - 40 * 86400000000;"
                   "INSERT INTO markdown_rule (after_days, percent_bp) VALUES (30, 2500)");
  counter_reload (f);
  counter_scan (f, "ANNA-0001");
  g_assert_cmpint (td_cart_get_line (f->cart, 0)->original_price, ==, 4000);
  g_assert_cmpint (td_cart_get_line (f->cart, 0)->list_price, ==, 3000);
}

/* Per-category tax classes, exclusive pricing, cash rounding from the settings. */
static void
test_tax_settings (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TdSale) sale = NULL;

  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES "
                   "('tax.rates', 'standard=2000;reduced=550'), ('tax.inclusive', '0'), "
                   "('cash.rounding_step', '5');"
                   "UPDATE category SET tax_class = 'reduced' WHERE code = 'books'");
  counter_reload (f);
  counter_item (f, "B-000001", 0, 1000, "books");
  counter_item (f, "B-000002", 0, 1001, "home");
  counter_scan (f, "B-000001");
  counter_scan (f, "B-000002");
  g_assert_cmpint (td_cart_get_line (f->cart, 0)->tax_rate_bp, ==, 550);
  g_assert_cmpint (td_cart_get_line (f->cart, 0)->tax, ==, 55);
  g_assert_cmpint (td_cart_get_line (f->cart, 1)->tax, ==, 200);   /* 200.2 → 200 */

  sale = counter_sell_cash (f, NULL);
  g_assert_false (sale->tax_inclusive);
  g_assert_cmpint (sale->subtotal, ==, 2001);
  g_assert_cmpint (sale->tax, ==, 255);
  g_assert_cmpint (sale->total, ==, 2256);
  g_assert_cmpint (sale->rounding, ==, -1);                         /* 22.56 → 22.55 in cash */
  g_assert_cmpint (td_sale_get_paid (sale, TD_TENDER_CASH), ==, 2255);
  g_assert_cmpuint (sale->n_bands, ==, 2);
  g_assert_cmpint (sale->bands[0].rate_bp + sale->bands[1].rate_bp, ==, 2550);
  g_assert_cmpint (sale->bands[0].tax + sale->bands[1].tax, ==, 255);
}

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  gint64 coat = counter_item (f, "ANNA-0001", ANNA, 4500, "clothing.women");
  gint64 dress = counter_item (f, "BEN-0001", BEN, 2999, "clothing.women");
  gint64 mug = counter_item (f, "B-000001", 0, 350, "home");
  TdTender tenders[] = { { TD_TENDER_CARD, 5000, "slip 0042", 0 },
                         { TD_TENDER_CASH, 5000, NULL, 0 } };
  gint64 session;

  counter_exec (f, "INSERT INTO marketplace_account (id, kind, name, base_url, created_at) VALUES "
                   "(1, 'ebay', 'eBay', 'https://api.ebay.test', 1), "
                   "(2, 'etsy', 'Etsy', 'https://etsy.test', 1);");
  counter_exec (f, "INSERT INTO listing (item_id, account_id, state) VALUES "
                   "(1, 1, 'live'), (1, 2, 'live'), (2, 1, 'ended')");
  g_assert_true (td_store_till_open (f->db, NULL, 10000, CASHIER, NOW - 1000, &session, &error));

  counter_scan (f, "ANNA-0001");
  counter_scan (f, "BEN-0001");
  counter_scan (f, "B-000001");
  g_assert_true (td_cart_set_line_discount (f->cart, dress, 499, "missing button", &error));
  g_assert_true (td_cart_set_cart_discount (f->cart, 0, 1000, "regular customer", &error));
  g_assert_no_error (error);

  g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, tenders, 2, CASHIER, NOW, &sale,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 0);

  /* 45.00 + 25.00 + 3.50 = 73.50 − 10 % = 66.15 (tax included at 0 %) */
  g_assert_cmpint (sale->receipt_no, ==, 1);
  g_assert_cmpstr (sale->register_id, ==, "main");
  g_assert_cmpstr (sale->staff_name, ==, "Kim");
  g_assert_cmpint (sale->subtotal, ==, 4500 + 2999 + 350);
  g_assert_cmpint (sale->discount, ==, 499 + 735);
  g_assert_cmpint (sale->total, ==, 6615);
  g_assert_cmpint (sale->change, ==, 5000 + 5000 - 6615);
  g_assert_cmpuint (sale->lines->len, ==, 3);
  g_assert_cmpuint (sale->payments->len, ==, 2);
  g_assert_cmpint (td_sale_get_paid (sale, TD_TENDER_CARD), ==, 5000);
  g_assert_cmpint (td_sale_get_paid (sale, TD_TENDER_CASH), ==, 1615);

  /* items sold, lines carry the sale-time facts, shares credited, nothing lost */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item WHERE status = 'sold' AND sold_at = "
                                   "1709294400000000"), ==, 3);
  g_assert_cmpint (counter_int (f, "SELECT sum (price) FROM sale_line"), ==, 6615);
  g_assert_cmpint (counter_int (f, "SELECT sold_day FROM sale_line LIMIT 1"), ==, 20240301);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'sale'"), ==, 2);
  g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM ledger"), ==,
                   counter_int (f, "SELECT sum (consignor_share) FROM sale_line"));
  g_assert_cmpint (counter_int (f, "SELECT consignor_share FROM sale_line WHERE item_id = 1"), ==,
                   (4500 - 450) * 6000 / 10000);
  g_assert_cmpint (counter_int (f, "SELECT consignor_share FROM sale_line WHERE item_id = 3"), ==, 0);
  /* withdrawal jobs for the two live listings of the coat, none for the ended one */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sync_job WHERE op = 'withdraw' AND "
                                   "item_id = 1 AND state = 'pending'"), ==, 2);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sync_job"), ==, 2);
  /* the drawer got the cash kept, the audit the sale */
  g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM till_movement WHERE kind = 'sale'"),
                   ==, 1615);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'sale.completed' "
                                   "AND entity_id = 1 AND json_extract (detail, '$.receipt_no') = 1"),
                   ==, 1);
  (void) coat;
  (void) mug;
}

/* Receipt numbers: per register, gapless, never consumed by a refused sale. */
static void
test_numbering (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdTender little = { TD_TENDER_CASH, 1, NULL, 0 };

  for (int i = 1; i <= 6; i++)
    {
      g_autofree char *sku = g_strdup_printf ("B-%06d", i);
      g_autoptr(TdSale) sale = NULL;
      const char *reg = i % 2 ? "main" : "till-2";

      counter_item (f, sku, 0, 100 * i, NULL);
      counter_scan (f, sku);
      if (i == 3)
        {
          /* a refused sale uses no number */
          g_assert_false (td_store_sales_complete (f->db, reg, f->cart, &little, 1, CASHIER, NOW,
                                                   NULL, &error));
          g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_SHORT);
          g_clear_error (&error);
        }
      sale = counter_sell_cash (f, reg);
      g_assert_cmpint (sale->receipt_no, ==, (i + 1) / 2);
    }
  g_assert_cmpint (counter_int (f, "SELECT max (receipt_no) FROM sale WHERE register_id = 'main'"),
                   ==, 3);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale WHERE register_id = 'till-2'"), ==, 3);
}

static const char *counted_tables[] = {
  "sale", "sale_line", "payment", "ledger", "audit", "sync_job", "till_movement",
  "gift_card_movement",
};

static void
count_rows (Fixture *f,
            gint64  *counts)
{
  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", counted_tables[i]);

      counts[i] = counter_int (f, sql);
    }
}

/* A failure mid-sale (the payment insert raises) leaves nothing written and no number used. */
static void
test_failure_rolls_back (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  gint64 before[G_N_ELEMENTS (counted_tables)], after[G_N_ELEMENTS (counted_tables)];
  TdTender cash = { TD_TENDER_CASH, 10000, NULL, 0 };

  counter_item (f, "ANNA-0001", ANNA, 4500, NULL);
  counter_item (f, "BEN-0001", BEN, 2000, NULL);
  counter_exec (f, "INSERT INTO marketplace_account (id, kind, name, base_url, created_at) VALUES "
                   "(1, 'ebay', 'eBay', 'https://api.ebay.test', 1);"
                   "INSERT INTO listing (item_id, account_id, state) VALUES (1, 1, 'live')");
  g_assert_true (td_store_till_open (f->db, NULL, 5000, CASHIER, NOW - 1, NULL, &error));
  counter_scan (f, "ANNA-0001");
  counter_scan (f, "BEN-0001");
  count_rows (f, before);

  counter_exec (f, "CREATE TEMP TRIGGER boom BEFORE INSERT ON payment "
                   "BEGIN SELECT RAISE (ABORT, 'injected failure'); END");
  g_test_expect_message ("td-database", G_LOG_LEVEL_MESSAGE, "*injected failure*");
  g_assert_false (td_store_sales_complete (f->db, NULL, f->cart, &cash, 1, CASHIER, NOW, &sale,
                                           &error));
  g_test_assert_expected_messages ();
  g_assert_nonnull (error);
  g_assert_null (sale);
  g_clear_error (&error);

  count_rows (f, after);
  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    g_assert_cmpint (after[i], ==, before[i]);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item WHERE status = 'available'"), ==, 2);
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 2);   /* the cart is still there */

  counter_exec (f, "DROP TRIGGER boom");
  sale = counter_sell_cash (f, NULL);
  g_assert_cmpint (sale->receipt_no, ==, 1);                  /* the number was not consumed */
}

/* The same item in two carts (two tills): the second sale is refused whole. */
static void
test_double_sell (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCart) other = td_cart_new (td_cart_get_config (f->cart));
  g_autoptr(TdSale) sale = NULL;
  TdTender cash = { TD_TENDER_CASH, 10000, NULL, 0 };

  counter_item (f, "ANNA-0001", ANNA, 4500, NULL);
  counter_item (f, "BEN-0001", BEN, 2000, NULL);
  counter_scan (f, "ANNA-0001");
  g_assert_true (td_store_sales_scan (f->db, other, &f->rules, "BEN-0001", NOW, NULL, &error));
  g_assert_true (td_store_sales_scan (f->db, other, &f->rules, "ANNA-0001", NOW, NULL, &error));
  sale = counter_sell_cash (f, NULL);

  g_assert_false (td_store_sales_complete (f->db, NULL, other, &cash, 1, CASHIER, NOW, NULL,
                                           &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "ANNA-0001"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale"), ==, 1);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale_line"), ==, 1);
  counter_assert_text (f, "SELECT status FROM item WHERE sku = 'BEN-0001'", "available");
}

static void
test_store_credit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) first = NULL;
  g_autoptr(TdSale) second = NULL;
  gint64 balance;

  /* Anna earns 60 % of 50.00 */
  counter_item (f, "ANNA-0001", ANNA, 5000, NULL);
  counter_item (f, "B-000001", 0, 4000, NULL);
  counter_scan (f, "ANNA-0001");
  first = counter_sell_cash (f, NULL);
  g_assert_true (td_store_consignors_balance (f->db, ANNA, &balance, &error));
  g_assert_cmpint (balance, ==, 3000);

  counter_scan (f, "B-000001");
  {
    TdTender too_much[] = { { TD_TENDER_STORE_CREDIT, 3001, NULL, ANNA },
                            { TD_TENDER_CASH, 999, NULL, 0 } };

    g_assert_false (td_store_sales_complete (f->db, NULL, f->cart, too_much, 2, CASHIER, NOW,
                                             NULL, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID);
    g_assert_nonnull (strstr (error->message, "30.00"));
    g_clear_error (&error);
  }
  {
    TdTender split[] = { { TD_TENDER_STORE_CREDIT, 3000, NULL, ANNA },
                         { TD_TENDER_CASH, 1000, NULL, 0 } };

    g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, split, 2, CASHIER, NOW,
                                            &second, &error));
    g_assert_no_error (error);
  }
  g_assert_true (td_store_consignors_balance (f->db, ANNA, &balance, &error));
  g_assert_cmpint (balance, ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT amount FROM ledger WHERE kind = 'store_credit'"), ==,
                   -3000);
  g_assert_cmpint (td_sale_get_paid (second, TD_TENDER_STORE_CREDIT), ==, 3000);
  g_assert_cmpint (g_array_index (second->payments, TdSalePayment, 0).consignor_id, ==, ANNA);
  g_assert_cmpstr (g_array_index (second->payments, TdSalePayment, 0).reference, ==, "ANNA");
  g_assert_cmpint (second->receipt_no, ==, 2);
}

static void
test_gift_cards (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autoptr(TdSale) sale = NULL;
  gint64 balance;

  g_assert_true (td_store_till_open (f->db, NULL, 0, CASHIER, NOW - 1, NULL, &error));
  g_assert_true (td_store_gift_cards_issue (f->db, NULL, NULL, 2000, TD_TENDER_CASH, CASHIER, NOW,
                                            &code, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (code), ==, 12);
  g_assert_true (td_store_gift_cards_top_up (f->db, NULL, code, 1000, TD_TENDER_CARD, CASHIER, NOW,
                                             &error));
  g_assert_true (td_store_gift_cards_balance (f->db, code, &balance, &error));
  g_assert_cmpint (balance, ==, 3000);
  g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM till_movement"), ==, 2000);

  g_assert_false (td_store_gift_cards_issue (f->db, NULL, code, 500, TD_TENDER_CASH, CASHIER, NOW,
                                             NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (td_store_gift_cards_top_up (f->db, NULL, "NOPE", 500, TD_TENDER_CASH, CASHIER,
                                              NOW, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (td_store_gift_cards_issue (f->db, NULL, NULL, 0, TD_TENDER_CASH, CASHIER, NOW,
                                             NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);

  counter_item (f, "B-000001", 0, 4000, NULL);
  counter_scan (f, "B-000001");
  {
    g_autofree char *lower = g_ascii_strdown (code, -1);
    TdTender over[] = { { TD_TENDER_GIFT_CARD, 3001, code, 0 }, { TD_TENDER_CASH, 999 } };
    TdTender unknown[] = { { TD_TENDER_GIFT_CARD, 100, "NOPE", 0 }, { TD_TENDER_CASH, 3900 } };
    TdTender split[] = { { TD_TENDER_GIFT_CARD, 2500, lower, 0 }, { TD_TENDER_CASH, 2000 } };

    g_assert_false (td_store_sales_complete (f->db, NULL, f->cart, over, 2, CASHIER, NOW, NULL,
                                             &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID);
    g_clear_error (&error);
    g_assert_false (td_store_sales_complete (f->db, NULL, f->cart, unknown, 2, CASHIER, NOW, NULL,
                                             &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TENDER_INVALID);
    g_clear_error (&error);
    g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, split, 2, CASHIER, NOW, &sale,
                                            &error));
    g_assert_no_error (error);
  }
  g_assert_true (td_store_gift_cards_balance (f->db, code, &balance, &error));
  g_assert_cmpint (balance, ==, 500);
  g_assert_cmpint (sale->change, ==, 500);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM gift_card_movement WHERE sale_id = 1"),
                   ==, 1);
}

static void
test_last_sale (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TdLastSale last;
  gboolean found = TRUE;

  g_assert_true (td_store_sales_last (f->db, NULL, &last, &found, &error));
  g_assert_false (found);

  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *sku = g_strdup_printf ("B-%06d", i);
      g_autoptr(TdSale) sale = NULL;

      counter_item (f, sku, 0, 1000 * i, NULL);
      counter_scan (f, sku);
      sale = counter_sell_cash (f, "till-2");
    }
  /* as after a crash: a new connection */
  counter_close (f);
  counter_open (f);
  g_assert_true (td_store_sales_last (f->db, "till-2", &last, &found, &error));
  g_assert_true (found);
  g_assert_cmpint (last.receipt_no, ==, 3);
  g_assert_cmpint (last.total, ==, 3000);
  g_assert_cmpint (last.created_at, ==, NOW);
  g_assert_cmpint (last.by_tender[TD_TENDER_CASH], ==, 3000);
  g_assert_true (td_store_sales_last (f->db, "main", &last, &found, &error));
  g_assert_false (found);
}

static void
test_park_recall (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parked = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  gint64 id;

  counter_item (f, "ANNA-0001", ANNA, 4500, NULL);
  counter_item (f, "BEN-0001", BEN, 2000, NULL);
  counter_item (f, "B-000001", 0, 500, NULL);
  counter_scan (f, "ANNA-0001");
  counter_scan (f, "BEN-0001");
  g_assert_true (td_cart_set_line_discount (f->cart, 1, 500, "seam", &error));
  g_assert_true (td_cart_set_cart_discount (f->cart, 0, 1000, "friend", &error));

  g_assert_false (td_store_sales_recall (f->db, 1, f->cart, &f->rules, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (td_store_sales_park (f->db, NULL, f->cart, " red coat ", CASHIER, NOW, &id,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 0);
  g_assert_false (td_store_sales_park (f->db, NULL, f->cart, "empty", CASHIER, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_EMPTY);
  g_clear_error (&error);

  /* meanwhile Ben's dress is sold at the other till */
  counter_scan (f, "BEN-0001");
  g_clear_pointer (&parked, g_array_unref);
  {
    g_autoptr(TdSale) sale = counter_sell_cash (f, "till-2");
  }

  /* a restart */
  counter_close (f);
  counter_open (f);
  parked = td_store_sales_list_parked (f->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parked->len, ==, 1);
  g_assert_cmpstr (g_array_index (parked, TdParkedCart, 0).label, ==, "red coat");
  g_assert_cmpuint (g_array_index (parked, TdParkedCart, 0).n_items, ==, 2);
  g_assert_cmpint (g_array_index (parked, TdParkedCart, 0).total, ==, (4000 + 2000) * 9 / 10);

  g_assert_true (td_store_sales_recall (f->db, id, f->cart, &f->rules, NOW, &dropped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dropped->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (dropped, 0), "receipt 000001"));
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 1);
  g_assert_cmpint (td_cart_get_line (f->cart, 0)->line_discount, ==, 500);
  g_assert_cmpint (td_cart_get_cart_discount_percent (f->cart), ==, 1000);
  g_assert_cmpstr (td_cart_get_cart_discount_reason (f->cart), ==, "friend");
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'sale.recalled' "
                                   "AND json_extract (detail, '$.dropped') = 1"), ==, 1);

  /* recalled once only */
  td_cart_clear (f->cart);
  g_assert_false (td_store_sales_recall (f->db, id, f->cart, &f->rules, NOW, NULL, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&parked, g_array_unref);
  parked = td_store_sales_list_parked (f->db, NULL, &error);
  g_assert_cmpuint (parked->len, ==, 0);
}

static void
test_void_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  counter_item (f, "ANNA-0001", ANNA, 4500, NULL);
  counter_item (f, "BEN-0001", BEN, 2000, NULL);
  counter_scan (f, "ANNA-0001");
  counter_scan (f, "BEN-0001");
  g_assert_true (td_store_sales_void_line (f->db, f->cart, 1, CASHIER, NOW, &error));
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 1);
  g_assert_false (td_store_sales_void_line (f->db, f->cart, 1, CASHIER, NOW, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (td_store_sales_cancel (f->db, f->cart, CASHIER, NOW, &error));
  g_assert_cmpuint (td_cart_get_n_lines (f->cart), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'sale.line_voided' "
                                   "AND json_extract (detail, '$.sku') = 'ANNA-0001'"), ==, 1);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'sale.cancelled'"),
                   ==, 1);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item WHERE status = 'available'"), ==, 2);
}

/* A cashier's discount above the limit needs a manager (td-permission.h). */
static void
test_discount_limit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  TdTender cash = { TD_TENDER_CASH, 5000, NULL, 0 };

  counter_item (f, "B-000001", 0, 5000, NULL);
  counter_scan (f, "B-000001");
  g_assert_true (td_cart_set_cart_discount (f->cart, 0, 5000, "half price", &error));
  g_assert_false (td_store_sales_complete (f->db, NULL, f->cart, &cash, 1, CASHIER, NOW, NULL,
                                           &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale"), ==, 0);
  g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, &cash, 1, MANAGER, NOW, &sale,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (sale->total, ==, 2500);
}

/* A discount below the consignor's minimum price needs a manager too. */
static void
test_below_minimum (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  TdTender cash = { TD_TENDER_CASH, 5000, NULL, 0 };

  counter_item (f, "ANNA-0001", ANNA, 4500, NULL);
  counter_exec (f, "UPDATE item SET min_price = 4000");
  counter_scan (f, "ANNA-0001");
  g_assert_true (td_cart_set_line_discount (f->cart, 1, 600, "small mark", &error));
  g_assert_false (td_store_sales_complete (f->db, NULL, f->cart, &cash, 1, CASHIER, NOW, NULL,
                                           &error));
  g_assert_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (td_cart_set_line_discount (f->cart, 1, 500, "small mark", &error));
  g_assert_true (td_store_sales_complete (f->db, NULL, f->cart, &cash, 1, CASHIER, NOW, &sale,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (sale->total, ==, 4000);
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
  g_autoptr(GBytes) other = g_bytes_new_static ("fedcba9876543210fedcba9876543210", 32);
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(TdSale) found = NULL;
  g_autofree char *token = NULL;

  counter_exec (f, "INSERT OR REPLACE INTO setting (key, value) VALUES "
                   "('receipt.url_prefix', 'https://shop.example/r/')");
  counter_item (f, "B-000001", 0, 5000, NULL);
  counter_scan (f, "B-000001");
  sale = counter_sell_cash (f, "till-2");
  token = td_store_sales_dup_token (f->db, sale, key, &error);
  g_assert_true (g_str_has_prefix (token, "https://shop.example/r/"));

  found = td_store_sales_get_by_token (f->db, token, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, sale->id);
  g_assert_cmpstr (found->register_id, ==, "till-2");
  g_assert_cmpuint (found->lines->len, ==, 1);

  g_assert_null (td_store_sales_get_by_token (f->db, token, other, &error));
  g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_INVALID);
  g_clear_error (&error);

  /* a token of another shop */
  {
    g_autofree char *foreign = td_receipt_token_encode ("another-shop", other, "till-2", 1, NULL);

    g_assert_null (td_store_sales_get_by_token (f->db, foreign, key, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_TOKEN_FOREIGN);
    g_clear_error (&error);
  }
  /* a well-signed token of a receipt that does not exist */
  {
    g_autofree char *shop_id = counter_text (f, "SELECT value FROM setting WHERE key = 'shop.id'");
    g_autofree char *missing = td_receipt_token_encode (shop_id, key, "till-2", 99, NULL);

    g_assert_null (td_store_sales_get_by_token (f->db, missing, key, &error));
    g_assert_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "000099"));
    g_clear_error (&error);
  }
}

static void
test_buy_outright (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(TdItemDraft) a;
  g_auto(TdItemDraft) b;
  g_auto(TdBuyResult) cash_result = { 0 };
  g_auto(TdBuyResult) credit_result = { 0 };
  TdItemDraft drafts[2];
  gint64 balance;

  td_item_draft_init (&a);
  td_item_draft_init (&b);
  a.title = g_strdup ("Wool jumper");
  a.price = 2500;
  a.cost = 800;
  b.title = g_strdup ("Desk lamp");
  b.price = 1500;
  b.cost = 401;
  drafts[0] = a;
  drafts[1] = b;
  g_assert_true (td_store_till_open (f->db, NULL, 10000, CASHIER, NOW - 1, NULL, &error));

  {
    TdBuyRequest req = { NULL, drafts, 2, TD_TENDER_CASH, 0, 0 };

    g_assert_true (td_store_buy_outright (f->db, &req, CASHIER, NOW, &cash_result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (cash_result.cost, ==, 1201);
  g_assert_cmpint (cash_result.paid, ==, 1201);
  g_assert_cmpuint (g_strv_length (cash_result.skus), ==, 2);
  g_assert_true (g_str_has_prefix (cash_result.skus[0], "B-"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item WHERE acquisition = 'bought' AND "
                                   "consignor_id IS NULL AND status = 'available' AND cost > 0"),
                   ==, 2);
  g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM till_movement WHERE kind = 'payout'"),
                   ==, -1201);

  /* store credit with a 20 % bonus: to a consignor's balance, or on a new gift card */
  {
    TdBuyRequest req = { NULL, drafts, 1, TD_TENDER_STORE_CREDIT, BEN, 2000 };

    g_assert_true (td_store_buy_outright (f->db, &req, CASHIER, NOW, &credit_result, &error));
    g_assert_cmpint (credit_result.paid, ==, 960);
    g_assert_true (td_store_consignors_balance (f->db, BEN, &balance, &error));
    g_assert_cmpint (balance, ==, 960);
  }
  {
    g_auto(TdBuyResult) card_result = { 0 };
    TdBuyRequest req = { NULL, drafts + 1, 1, TD_TENDER_STORE_CREDIT, 0, 1000 };

    g_assert_true (td_store_buy_outright (f->db, &req, CASHIER, NOW, &card_result, &error));
    g_assert_nonnull (card_result.gift_card_code);
    g_assert_true (td_store_gift_cards_balance (f->db, card_result.gift_card_code, &balance,
                                                &error));
    g_assert_cmpint (balance, ==, 441);   /* 4.01 + 10 % = 4.411 → 4.41 */
  }
  /* a bad item: nothing written */
  {
    g_auto(TdBuyResult) bad_result = { 0 };
    TdItemDraft bad[2] = { a, b };
    TdBuyRequest req = { NULL, bad, 2, TD_TENDER_CASH, 0, 0 };
    gint64 items = counter_int (f, "SELECT count(*) FROM item");

    bad[1].price = 0;
    g_assert_false (td_store_buy_outright (f->db, &req, CASHIER, NOW, &bad_result, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item"), ==, items);
    g_assert_cmpint (counter_int (f, "SELECT sum (amount) FROM till_movement"), ==, -1201);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* "Sold on 1 Mar 2024": the messages use the local day of NOW */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/td/sales/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("scan", test_scan);
  ADD ("scan-garbage", test_scan_garbage);
  ADD ("effective-price", test_effective_price);
  ADD ("tax-settings", test_tax_settings);
  ADD ("complete", test_complete);
  ADD ("numbering-gapless", test_numbering);
  ADD ("failure-rolls-back", test_failure_rolls_back);
  ADD ("double-sell", test_double_sell);
  ADD ("store-credit", test_store_credit);
  ADD ("gift-cards", test_gift_cards);
  ADD ("last-sale", test_last_sale);
  ADD ("park-recall", test_park_recall);
  ADD ("void-cancel", test_void_cancel);
  ADD ("discount-limit", test_discount_limit);
  ADD ("below-minimum", test_below_minimum);
  ADD ("token", test_token);
  ADD ("buy-outright", test_buy_outright);
  return g_test_run ();
}
