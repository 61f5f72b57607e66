/* test-shop-crash.c — a shop's day survives SIGKILL at any moment: every change whole or not
 * at all.
 *
 * The test runs itself as a child (`--work-until-killed PATH SEED BASE`) that does what a shop
 * does, in a loop, through the real store functions on a real shop file (WAL,
 * synchronous=FULL, tills open on two registers): intake sessions of consigned, bought and
 * donated items (start, validate, add item by item, finish — as the intake page does), sales
 * paid in cash, by card and cash, or with a consignor's store credit, refunds of earlier sale
 * lines (whole or partial, to cash, card or store credit, some damaged), consignor payout runs
 * and till paid-ins. The parent kills it with SIGKILL 0–100 ms after it is ready, 200 times
 * (30 times, up to 600 ms, under AddressSanitizer);
 * most kills land inside a transaction. After each kill it reopens the file the way the app
 * does (td_database_open()) and checks that the file is intact, receipt and refund numbers
 * are gapless per register, every sale and refund is whole, no item is sold twice and every
 * item's status agrees with its sales and refunds, every ledger row matches the row it comes
 * from and every consignor's balance is what their sales, refunds, payouts and store credit
 * imply (never below zero after a payout or store-credit spend), the drawers match the cash,
 * the report summaries match the raw rows, the marketplace outbox agrees with the sales and
 * refunds (every floor item is live on an account: a sale's withdrawals, a refund's relist),
 * and that everything the child said was committed is there (and at most the one change in
 * flight besides).
 *
 * The child says what it does on its stdout: an upper-case letter before a change, the lower
 * case one once it is committed — S sale, R refund, P payout run, N intake started, I item
 * taken in, F intake finished, T paid-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "td-store-intake.h"
#include "td-store-marketplaces.h"
#include "td-store-payouts.h"
#include "td-test-counter.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifdef UNDER_ASAN
/* Under AddressSanitizer (the second phase of ./test.sh) every malloc unwinds the stack:
 * opening the shop takes ~1 s and a sale a few hundred ms on a loaded 2-core box. Fewer,
 * longer rounds keep kills landing inside changes, in a little over a minute. */
#define ROUNDS      30
#define KILL_MAX_MS 600
#else
#define ROUNDS      200
#define KILL_MAX_MS 100
#endif
#define CARA   5
#define KINDS  "SRPNIFT"

static const char * const registers[] = { "main", "back" };

typedef struct
{
  Fixture  f;
  GRand   *rand;
  gint64   base;   /* the parent's clock at its start: the child's times go on from NOW */
} Child;

static void
say (char what)
{
  if (write (STDOUT_FILENO, &what, 1) != 1)
    _exit (3);
}

static gint64
child_now (Child *c)
{
  return NOW + (g_get_real_time () - c->base);
}

static gint64
child_int (Child      *c,
           const char *sql,
           gint64      fallback)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (c->f.handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (c->f.handle));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void child_intake (Child *c);

/* 1–3 items off the floor, paid in cash, card and cash, or store credit (and cash); a floor
 * nearly sold out (a fast machine does more in a round) is restocked by an intake first. */
static void
child_sell (Child *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  const char *register_id = registers[g_rand_int_range (c->rand, 0, 2)];
  sqlite3_stmt *stmt = NULL;
  TdTender tenders[2] = { { 0 } };
  g_autofree char *code = NULL;
  guint n_tenders = 1;
  gint64 owner = 0, balance = 0;
  TdCartTotals t;

  while (child_int (c, "SELECT count(*) FROM item WHERE status = 'available'", 0) < 20)
    child_intake (c);
  sqlite3_prepare_v2 (c->f.handle, "SELECT sku FROM item WHERE status = 'available' "
                                   "ORDER BY random () LIMIT ?", -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, g_rand_int_range (c->rand, 1, 4));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!td_store_sales_scan (c->f.db, c->f.cart, &c->f.rules,
                              (const char *) sqlite3_column_text (stmt, 0), child_now (c), NULL,
                              &error))
      g_error ("scan: %s", error->message);
  sqlite3_finalize (stmt);
  if (td_cart_get_n_lines (c->f.cart) == 0)
    g_error ("out of stock");
  td_cart_get_totals (c->f.cart, &t);

  switch (g_rand_int_range (c->rand, 0, 3))
    {
    case 0:
      /* cash is rounded to 0.05, up to 0.02 over the total: give at least 0.05 more */
      tenders[0] = (TdTender) { TD_TENDER_CASH, t.total + 5 + g_rand_int_range (c->rand, 0, 2000),
                                NULL, 0 };
      break;
    case 1:
      tenders[0] = (TdTender) { TD_TENDER_CARD, t.total / 2, "slip", 0 };
      tenders[1] = (TdTender) { TD_TENDER_CASH, t.total - t.total / 2 + 10, NULL, 0 };
      n_tenders = 2;
      break;
    default:
      owner = child_int (c, "SELECT consignor_id FROM ledger GROUP BY consignor_id "
                            "HAVING sum (amount) > 0 ORDER BY random () LIMIT 1", 0);
      if (owner > 0)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT sum (amount) FROM ledger "
                                                  "WHERE consignor_id = %" G_GINT64_FORMAT, owner);
          gint64 part = g_rand_int_range (c->rand, 1, (gint32) t.total + 1);

          balance = child_int (c, sql, 0);
          part = MIN (balance, part);
          tenders[0] = (TdTender) { TD_TENDER_STORE_CREDIT, part, NULL, owner };
          if (part < t.total)
            {
              tenders[1] = (TdTender) { TD_TENDER_CASH, t.total - part + 5, NULL, 0 };
              n_tenders = 2;
            }
        }
      else
        tenders[0] = (TdTender) { TD_TENDER_CASH, t.total + 5, NULL, 0 };
      break;
    }
  say ('S');
  if (!td_store_sales_complete (c->f.db, register_id, c->f.cart, tenders, n_tenders, CASHIER,
                                child_now (c), &sale, &error))
    g_error ("sale: %s", error->message);
  say ('s');
}

/* Some lines of a random earlier sale given back, whole or in part. */
static void
child_refund (Child *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdSale) sale = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (TdRefundLineRequest));
  TdRefundRequest req = { 0 };
  g_autofree char *sql = NULL;
  gint64 sale_id, sum = 0, card_left;

  sale_id = child_int (c, "SELECT sale_id FROM sale_line l WHERE NOT EXISTS "
                          "(SELECT 1 FROM refund_line WHERE sale_line_id = l.id) "
                          "ORDER BY random () LIMIT 1", 0);
  if (sale_id == 0)
    return;
  sale = td_store_sales_get (c->f.db, sale_id, &error);
  if (sale == NULL)
    g_error ("loading sale %" G_GINT64_FORMAT ": %s", sale_id, error->message);
  for (guint i = 0; i < sale->lines->len; i++)
    {
      const TdSaleLine *l = &g_array_index (sale->lines, TdSaleLine, i);
      TdRefundLineRequest q = { l->id, -1, g_rand_int_range (c->rand, 0, 10) == 0 };
      gint64 paid;

      if (l->refunded || (lines->len > 0 && g_rand_boolean (c->rand)))
        continue;
      td_store_returns_line_paid (sale, i, &paid);
      if (paid >= 2 && g_rand_int_range (c->rand, 0, 4) == 0)
        q.amount = paid / 2;
      sum += q.amount == -1 ? paid : q.amount;
      g_array_append_val (lines, q);
    }
  g_assert_cmpuint (lines->len, >, 0);

  sql = g_strdup_printf ("SELECT coalesce (sum (total), 0) FROM refund "
                         "WHERE sale_id = %" G_GINT64_FORMAT " AND tender = 'card'", sale_id);
  card_left = td_sale_get_paid (sale, TD_TENDER_CARD) - child_int (c, sql, 0);
  req.register_id = registers[g_rand_int_range (c->rand, 0, 2)];
  req.sale_id = sale_id;
  req.lines = (const TdRefundLineRequest *) lines->data;
  req.n_lines = lines->len;
  req.reason = "Did not fit";
  switch (g_rand_int_range (c->rand, 0, 3))
    {
    case 0:
      req.tender = TD_TENDER_CASH;
      break;
    case 1:
      req.tender = sum <= card_left ? TD_TENDER_CARD : TD_TENDER_CASH;
      break;
    default:
      req.tender = TD_TENDER_STORE_CREDIT;
      req.consignor_id = g_rand_int_range (c->rand, 0, 3) == 0 ? CARA : ANNA;
      break;
    }
  say ('R');
  if (!td_store_returns_refund (c->f.db, &req, MANAGER, child_now (c), NULL, &error))
    g_error ("refund: %s", error->message);
  say ('r');
}

/* A payout run: some of the consignors due, all or half of what they are owed. */
static void
child_payout (Child *c)
{
  static const char * const methods[] = { "cash", "cheque", "bank_transfer" };
  g_autoptr(GError) error = NULL;
  GArray *due = td_store_payouts_due (c->f.db, &error);
  g_autoptr(GArray) requests = g_array_new (FALSE, TRUE, sizeof (TdPayoutRequest));

  if (due == NULL)
    g_error ("payouts due: %s", error->message);
  for (guint i = 0; i < due->len; i++)
    {
      const TdPayoutDue *d = &g_array_index (due, TdPayoutDue, i);
      TdPayoutRequest r = { d->consignor_id, d->balance,
                            methods[g_rand_int_range (c->rand, 0, 3)], "run" };

      if (requests->len > 0 && g_rand_int_range (c->rand, 0, 3) == 0)
        continue;
      if (d->balance >= 2 && g_rand_boolean (c->rand))
        r.amount = d->balance / 2;
      g_array_append_val (requests, r);
    }
  if (requests->len > 0)
    {
      say ('P');
      if (!td_store_payouts_record (c->f.db, (const TdPayoutRequest *) requests->data,
                                    requests->len, MANAGER, child_now (c), NULL, &error))
        g_error ("payout: %s", error->message);
      say ('p');
    }
  td_payout_due_array_free (due);
}

/* An intake session as the intake page runs it: start, then per item validate and add,
 * then finish. */
static void
child_intake (Child *c)
{
  static const gint64 consignors[] = { ANNA, BEN, CARA };
  g_autoptr(GError) error = NULL;
  int kind = g_rand_int_range (c->rand, 0, 10);
  TdAcquisition acquisition = kind < 6 ? TD_ACQUISITION_CONSIGNED
                              : kind < 9 ? TD_ACQUISITION_BOUGHT : TD_ACQUISITION_DONATED;
  gint64 consignor = acquisition == TD_ACQUISITION_CONSIGNED
                     ? consignors[g_rand_int_range (c->rand, 0, 3)] : 0;
  gint64 intake_id = 0;
  guint n_items = 0;
  int n = g_rand_int_range (c->rand, 1, 4);

  say ('N');
  if (!td_store_intake_start (c->f.db, acquisition, consignor, CASHIER, child_now (c),
                              &intake_id, &error))
    g_error ("intake: %s", error->message);
  say ('n');
  for (int i = 0; i < n; i++)
    {
      g_auto(TdItemDraft) draft;
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *sku = NULL;
      gint64 item_id;

      td_item_draft_init (&draft);
      draft.title = g_strdup_printf ("Wool coat %u", g_rand_int (c->rand) % 1000);
      draft.brand = g_strdup ("Loden");
      draft.size = g_strdup ("M");
      draft.price = g_rand_int_range (c->rand, 300, 9000);
      draft.min_price = g_rand_boolean (c->rand) ? draft.price / 2 : 0;
      draft.cost = acquisition == TD_ACQUISITION_BOUGHT ? draft.price / 3 : TD_COST_UNKNOWN;
      draft.quantity = 1;
      problems = td_store_intake_validate_item (c->f.db, intake_id, &draft, &error);
      if (problems == NULL || problems->len > 0)
        g_error ("intake item refused: %s", error != NULL ? error->message : "problems");
      say ('I');
      if (!td_store_intake_add_item (c->f.db, intake_id, &draft, child_now (c), &item_id, &sku,
                                     &error))
        g_error ("intake item: %s", error->message);
      say ('i');
    }
  say ('F');
  if (!td_store_intake_finish (c->f.db, intake_id, child_now (c), &n_items, &error))
    g_error ("intake finish: %s", error->message);
  say ('f');
}

static void
child_paid_in (Child *c)
{
  g_autoptr(GError) error = NULL;

  say ('T');
  if (!td_store_till_move (c->f.db, registers[g_rand_int_range (c->rand, 0, 2)], TD_TILL_PAID_IN,
                           g_rand_int_range (c->rand, 100, 5000), "Change from the bank",
                           MANAGER, child_now (c), &error))
    g_error ("paid-in: %s", error->message);
  say ('t');
}

static int
work_until_killed (const char *path,
                   const char *seed,
                   const char *base)
{
  Child c = { { 0 } };

  c.f.path = g_strdup (path);
  c.rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (seed, NULL, 10));
  c.base = g_ascii_strtoll (base, NULL, 10);
  td_pricing_rules_init (&c.f.rules);
  counter_open (&c.f);
  say ('r');
  for (;;)
    {
      int what = g_rand_int_range (c.rand, 0, 100);

      if (what < 45)
        child_sell (&c);
      else if (what < 65)
        child_refund (&c);
      else if (what < 80)
        child_intake (&c);
      else if (what < 90)
        child_payout (&c);
      else
        child_paid_in (&c);
    }
  return 0;
}


/* Everything that must hold after any kill. */
/* The outbox (no engine runs here), for listed items: one withdrawal per sold line at the
 * sale's moment; a restocked line's withdrawal superseded by the refund and a publish waiting
 * (one at most), a damaged line's withdrawal still waiting; no publish without a restocking
 * refund at its moment. */
static void
check_outbox (Fixture *f)
{
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sale_line sl "
                                   "JOIN listing l ON l.item_id = sl.item_id "
                                   "WHERE (SELECT count(*) FROM sync_job j "
                                   "       WHERE j.item_id = sl.item_id AND j.op = 'withdraw' "
                                   "         AND j.created_at = sl.sold_at) != 1"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM refund_line rl "
                                   "JOIN sale_line sl ON sl.id = rl.sale_line_id "
                                   "JOIN listing l ON l.item_id = sl.item_id "
                                   "JOIN sync_job w ON w.item_id = sl.item_id "
                                   "  AND w.op = 'withdraw' AND w.created_at = sl.sold_at "
                                   "WHERE CASE rl.restock WHEN 'available' "
                                   "  THEN w.state != 'done' OR NOT EXISTS (SELECT 1 FROM "
                                   "    sync_job p WHERE p.item_id = sl.item_id "
                                   "    AND p.op = 'publish' AND p.state = 'pending') "
                                   "  ELSE w.state != 'pending' END"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM sync_job p WHERE p.op = 'publish' "
                                   "AND NOT EXISTS (SELECT 1 FROM refund_line rl "
                                   "  JOIN refund r ON r.id = rl.refund_id "
                                   "  JOIN sale_line sl ON sl.id = rl.sale_line_id "
                                   "  WHERE sl.item_id = p.item_id AND r.created_at = p.created_at "
                                   "    AND rl.restock = 'available')"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM (SELECT item_id FROM sync_job "
                                   "WHERE op = 'publish' AND state = 'pending' "
                                   "GROUP BY item_id HAVING count(*) > 1)"), ==, 0);
}

static void
check_shop (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  /* intact file, gapless numbers per register, whole sales and refunds with their audit rows */
  counter_assert_intact (f);
  check_outbox (f);

  /* refunds: what went back is what the lines say (cash rounded to 0.05), no line gives back
   * more than was paid or debits more than was credited, and every line is of the sale */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM refund r WHERE abs (total - "
                                   "(SELECT sum (amount) FROM refund_line WHERE refund_id = r.id)) "
                                   "> CASE tender WHEN 'cash' THEN 2 ELSE 0 END"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM refund_line rl "
                                   "JOIN sale_line sl ON sl.id = rl.sale_line_id "
                                   "JOIN refund r ON r.id = rl.refund_id "
                                   "WHERE rl.amount > sl.price OR rl.amount <= 0 "
                                   "OR rl.consignor_share > sl.consignor_share "
                                   "OR r.sale_id != sl.sale_id"), ==, 0);

  /* items: never in two unrefunded sales; sold exactly when one sale holds it; back on the
   * floor (or damaged) as its last refund said; never sold: still on the floor */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM (SELECT item_id FROM sale_line l "
                                   "WHERE NOT EXISTS (SELECT 1 FROM refund_line "
                                   "WHERE sale_line_id = l.id) "
                                   "GROUP BY item_id HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item i WHERE (status = 'sold') != "
                                   "EXISTS (SELECT 1 FROM sale_line l WHERE l.item_id = i.id "
                                   "AND NOT EXISTS (SELECT 1 FROM refund_line "
                                   "WHERE sale_line_id = l.id))"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM refund_line rl "
                                   "JOIN sale_line l ON l.id = rl.sale_line_id "
                                   "JOIN item i ON i.id = l.item_id WHERE i.status != rl.restock "
                                   "AND l.id = (SELECT max (id) FROM sale_line "
                                   "WHERE item_id = l.item_id)"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item i WHERE status != 'available' "
                                   "AND NOT EXISTS (SELECT 1 FROM sale_line "
                                   "WHERE item_id = i.id)"), ==, 0);
  /* a SKU number taken in is never handed out again */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM item WHERE intake_id IS NOT NULL AND "
                                   "CAST (substr (sku, instr (sku, '-') + 1) AS INTEGER) > "
                                   "(SELECT last FROM sku_sequence "
                                   " WHERE prefix = substr (sku, 1, instr (sku, '-') - 1))"),
                   ==, 0);

  /* ledger rows, kind by kind, match the row they come from, once each */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger g "
                                   "LEFT JOIN sale_line l ON l.id = g.sale_line_id "
                                   "WHERE g.kind = 'sale' AND (l.id IS NULL "
                                   "OR l.consignor_id != g.consignor_id "
                                   "OR g.amount != l.consignor_share)"),
                   ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'sale'"), ==,
                   counter_int (f, "SELECT count (DISTINCT sale_line_id) FROM ledger "
                                   "WHERE kind = 'sale'"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'sale'"), ==,
                   counter_int (f, "SELECT count(*) FROM sale_line WHERE consignor_id IS NOT NULL "
                                   "AND consignor_share > 0"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger g "
                                   "LEFT JOIN refund_line rl ON rl.id = g.refund_line_id "
                                   "LEFT JOIN sale_line l ON l.id = rl.sale_line_id "
                                   "WHERE g.kind = 'refund' AND (l.id IS NULL "
                                   "OR l.consignor_id != g.consignor_id "
                                   "OR g.amount != -rl.consignor_share)"),
                   ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'refund'"), ==,
                   counter_int (f, "SELECT count (DISTINCT refund_line_id) FROM ledger "
                                   "WHERE kind = 'refund'"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'refund'"), ==,
                   counter_int (f, "SELECT count(*) FROM refund_line rl JOIN sale_line l "
                                   "ON l.id = rl.sale_line_id WHERE l.consignor_id IS NOT NULL "
                                   "AND rl.consignor_share > 0"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger g LEFT JOIN payout p "
                                   "ON p.id = g.payout_id WHERE g.kind = 'payout' "
                                   "AND (p.id IS NULL OR p.consignor_id != g.consignor_id "
                                   "OR g.amount != -p.amount)"), ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count (DISTINCT payout_id) FROM ledger "
                                   "WHERE kind = 'payout'"),
                   ==, counter_int (f, "SELECT count(*) FROM payout"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'payout'"),
                   ==, counter_int (f, "SELECT count(*) FROM payout"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM audit WHERE action = 'payout.created'"),
                   ==, counter_int (f, "SELECT count(*) FROM payout"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'store_credit'"), ==,
                   counter_int (f, "SELECT count(*) FROM payment WHERE tender = 'store_credit'"));
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM consignor c WHERE "
                                   "(SELECT total (amount) FROM ledger WHERE consignor_id = c.id "
                                   " AND kind = 'store_credit') != -(SELECT total (amount) "
                                   " FROM payment WHERE tender = 'store_credit' "
                                   " AND reference = c.code)"),
                   ==, 0);
  /* store-credit refunds go to a consignor's balance */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM ledger WHERE kind = 'adjustment'"), ==,
                   counter_int (f, "SELECT count(*) FROM refund WHERE tender = 'store_credit'"));
  g_assert_cmpint (counter_int (f, "SELECT total (amount) FROM ledger WHERE kind = 'adjustment'"),
                   ==, counter_int (f, "SELECT total (total) FROM refund "
                                       "WHERE tender = 'store_credit'"));
  /* each balance is what the sales, refunds, payouts and store credit imply */
  g_assert_cmpint (counter_int (f,
    "SELECT count(*) FROM consignor c WHERE (SELECT total (amount) FROM ledger "
    "WHERE consignor_id = c.id) != "
    "  (SELECT total (consignor_share) FROM sale_line WHERE consignor_id = c.id) "
    "- (SELECT total (rl.consignor_share) FROM refund_line rl JOIN sale_line l "
    "   ON l.id = rl.sale_line_id WHERE l.consignor_id = c.id) "
    "- (SELECT total (amount) FROM payout WHERE consignor_id = c.id) "
    "- (SELECT total (amount) FROM payment WHERE tender = 'store_credit' AND reference = c.code) "
    "+ (SELECT total (amount) FROM ledger WHERE consignor_id = c.id AND kind = 'adjustment')"),
    ==, 0);
  /* a payout or a store-credit spend never takes a balance below zero */
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM (SELECT kind, sum (amount) OVER "
                                   "(PARTITION BY consignor_id ORDER BY id) AS running "
                                   "FROM ledger) WHERE kind IN ('payout', 'store_credit') "
                                   "AND running < 0"), ==, 0);

  /* each drawer: cash sales in, cash refunds out, paid-ins */
  g_assert_cmpint (counter_int (f,
    "SELECT count(*) FROM till_session t WHERE "
    "(SELECT total (amount) FROM till_movement WHERE session_id = t.id AND kind = 'sale') != "
    "(SELECT total (p.amount) FROM payment p JOIN sale s ON s.id = p.sale_id "
    " WHERE p.tender = 'cash' AND s.register_id = t.register_id) OR "
    "(SELECT total (amount) FROM till_movement WHERE session_id = t.id AND kind = 'refund') != "
    "-(SELECT total (total) FROM refund WHERE tender = 'cash' AND register_id = t.register_id)"),
    ==, 0);
  g_assert_cmpint (counter_int (f, "SELECT count(*) FROM till_movement "
                                   "WHERE kind = 'paid_in' AND amount <= 0"), ==, 0);

  /* the report summaries the triggers keep */
  counter_assert_summaries (f);

  /* what the counter shows on the next start: each register's last sale, whole */
  for (guint i = 0; i < G_N_ELEMENTS (registers); i++)
    {
      TdLastSale last;
      gboolean found;
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (receipt_no), 0) FROM sale "
                                              "WHERE register_id = '%s'", registers[i]);

      g_assert_true (td_store_sales_last (f->db, registers[i], &last, &found, &error));
      g_assert_no_error (error);
      g_assert_cmpint (found ? last.receipt_no : 0, ==, counter_int (f, sql));
      if (found)
        {
          g_autoptr(TdSale) sale = td_store_sales_get (f->db, last.sale_id, &error);

          g_assert_no_error (error);
          g_assert_cmpint (last.paid, ==, sale->total + sale->rounding);
          g_assert_cmpuint (sale->lines->len, >=, 1);
        }
    }
}

static gint64
count_kind (Fixture *f,
            char     kind)
{
  switch (kind)
    {
    case 'S': return counter_int (f, "SELECT count(*) FROM sale");
    case 'R': return counter_int (f, "SELECT count(*) FROM refund");
    case 'P': return counter_int (f, "SELECT count (DISTINCT created_at) FROM payout");
    case 'N': return counter_int (f, "SELECT count(*) FROM intake");
    case 'I': return counter_int (f, "SELECT count(*) FROM item WHERE intake_id IS NOT NULL");
    case 'F': return counter_int (f, "SELECT count(*) FROM intake WHERE finished_at IS NOT NULL");
    case 'T': return counter_int (f, "SELECT count(*) FROM till_movement WHERE kind = 'paid_in'");
    default: g_assert_not_reached ();
    }
}

static void
test_sigkill (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *base = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  gint64 seen[sizeof KINDS] = { 0 };
  guint inside = 0, inside_committed = 0, idle = 0;
  gint64 child_us = 0, check_us = 0;

  g_assert_no_error (error);
  counter_exec (f, "INSERT INTO consignor (id, code, name, share_bp, created_at) VALUES "
                   "(5, 'CARA', 'Cara', 5000, 1)");
  counter_stock_floor (f, 600);
  /* every item on the floor is live online: sales queue withdrawals, refunds relist */
  g_assert_cmpint (td_store_marketplaces_add (f->db, "ebay", "eBay", "http://127.0.0.1:1/api",
                                              FALSE, "{}", 7, NOW - 1, &error), ==, 1);
  g_assert_no_error (error);
  counter_exec (f, "INSERT INTO listing (item_id, account_id, state, remote_id) "
                   "SELECT id, 1, 'live', 'R' || id FROM item");
  for (guint i = 0; i < G_N_ELEMENTS (registers); i++)
    {
      g_assert_true (td_store_till_open (f->db, registers[i], 20000, CASHIER, NOW - 1, NULL,
                                         &error));
      g_assert_no_error (error);
    }
  counter_close (f);

  for (int round = 0; round < ROUNDS; round++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
      char *argv[] = { self, (char *) "--work-until-killed", f->path, seed, base, NULL };
      g_autoptr(GString) said = g_string_new (NULL);
      g_autoptr(GString) figures = g_string_new (NULL);
      gint64 t0 = g_get_monotonic_time (), t1;
      char last;

      counter_kill_child (argv, 0, KILL_MAX_MS, said);
      last = said->len > 0 ? said->str[said->len - 1] : 0;

      t1 = g_get_monotonic_time ();
      child_us += t1 - t0;
      /* as the app opens a shop: recovery, then the migrations check */
      f->db = td_database_open (f->path, &error);
      g_assert_no_error (error);
      f->handle = td_database_get_handle (f->db);
      check_shop (f);
      /* what the child said was committed is there; of the change in flight, all or nothing */
      for (const char *k = KINDS; *k != '\0'; k++)
        {
          guint acked = 0;
          gint64 now = count_kind (f, *k), added = now - seen[k - KINDS];

          for (gsize i = 0; i < said->len; i++)
            acked += said->str[i] == g_ascii_tolower (*k);
          if (last == *k)
            {
              inside++;
              g_assert_cmpint (added, >=, acked);
              g_assert_cmpint (added, <=, acked + 1);
              inside_committed += added == acked + 1;
            }
          else
            g_assert_cmpint (added, ==, acked);
          g_string_append_printf (figures, " %c+%" G_GINT64_FORMAT, *k, added);
          seen[k - KINDS] = now;
        }
      idle += !g_ascii_isupper (last);
      counter_close (f);
      check_us += g_get_monotonic_time () - t1;
      g_test_message ("round %d:%s; killed %s%c", round + 1, figures->str,
                      g_ascii_isupper (last) ? "inside " : "between changes after ",
                      last != 0 ? last : '-');
    }

  g_test_message ("%d kills: %u inside a change (%u of them committed, %u rolled back), %u "
                  "between changes; %" G_GINT64_FORMAT " sales, %" G_GINT64_FORMAT " refunds, %"
                  G_GINT64_FORMAT " payout runs, %" G_GINT64_FORMAT " items taken in in %"
                  G_GINT64_FORMAT " intakes, %" G_GINT64_FORMAT " paid-ins",
                  ROUNDS, inside, inside_committed, inside - inside_committed, idle,
                  seen[0], seen[1], seen[2], seen[4], seen[3], seen[6]);
  g_test_message ("time: %" G_GINT64_FORMAT " ms in the children (start, work, kill), %"
                  G_GINT64_FORMAT " ms reopening, checking and closing",
                  child_us / 1000, check_us / 1000);
  /* the rounds did work and were cut short in the middle of it */
  g_assert_cmpuint (inside, >, 0);
  g_assert_cmpint (seen[0], >, 0);
#ifndef UNDER_ASAN
  g_assert_cmpint (seen[1], >, 0);
  g_assert_cmpint (seen[2], >, 0);
  g_assert_cmpint (seen[4], >, 0);
  g_assert_cmpint (seen[6], >, 0);
#endif
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--work-until-killed"))
    return work_until_killed (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/td/shop-crash/sigkill", Fixture, NULL, fixture_setup, test_sigkill,
              fixture_teardown);
  return g_test_run ();
}
