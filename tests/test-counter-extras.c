/* test-counter-extras.c — gift cards and buying from a walk-in seller at the counter, in the
 * real application under Xvfb, checked in the real shop file:
 *
 *   - a gift card issued for cash grows the till's expected cash and holds its amount; a
 *     top-up by card adds to it (the till unchanged); its balance shows; a sale paid partly
 *     with it through the real payment dialog takes the amount off;
 *   - unknown codes and an amount of 0 are refused in words and write nothing;
 *   - two items bought from a consignor for store credit with a bonus: ledger credit and two
 *     shop-stock items with their cost; their tags open in the preview;
 *   - one item bought from a walk-in for cash takes the cash out of the till; bad input (no
 *     items, a missing cost, an unknown seller) writes nothing.
 *
 * Screenshots of both dialogs go to <build>/tests/screenshots/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "td-application.h"
#include "td-buy-dialog-private.h"
#include "td-database-private.h"
#include "td-demo.h"
#include "td-gift-card-dialog-private.h"
#include "td-sell-page-private.h"
#include "td-store-till.h"
#include "td-store.h"
#include "td-test.h"
#include "td-test-ui.h"
#include "td-window-private.h"

#define WAIT_MS    10000
#define WATCHDOG_S 120

#define WAIT_FOR(expr, ms)                                                          \
  G_STMT_START {                                                                    \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (ms) * 1000;              \
    while (!(expr))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > _deadline)                                    \
          g_error ("Timed out after %d ms waiting for: %s", (int) (ms), #expr);     \
        iterate ();                                                                 \
      }                                                                             \
  } G_STMT_END

static char *template_shop;
static char *shop_path;

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate (void)
{
  guint id = g_timeout_add (10, wake_cb, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
settle (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    iterate ();
}

/* ---- Running the application (as test-sell-page.c) -------------------------------------- */

/* A scenario gets the running application; the shop is a fresh copy of the template. */
typedef void (*ScenarioFunc) (GtkApplication *app);

static void
call_scenario (GtkApplication *app,
               gpointer        func)
{
  ((ScenarioFunc) func) (app);
}

static void
run_on_fresh_shop (ScenarioFunc func)
{
  g_autofree char *dir = td_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  shop_path = g_build_filename (dir, "shop.db", NULL);
  g_assert_true (g_file_get_contents (template_shop, &contents, &length, &error));
  g_assert_true (g_file_set_contents (shop_path, contents, length, &error));
  g_assert_no_error (error);

  td_test_run_app (shop_path, call_scenario, (gpointer) func, WATCHDOG_S);
  g_clear_pointer (&shop_path, g_free);
  td_test_rmdir_recursive (dir);
}

/* ---- The shop file, read on its own connection ------------------------------------------- */

static gint64
query_int (const char *sql,
           const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (shop_path, &error);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (shop_path, &error);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (td_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* The till's expected cash, as the Z report would say it now. */
static gint64
expected_cash (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdDatabase) db = td_database_open (shop_path, &error);
  TdZReport z = { 0 };
  gint64 session = 0;

  g_assert_no_error (error);
  g_assert_true (td_store_till_current (db, "main", &session, &error));
  g_assert_cmpint (session, >, 0);
  g_assert_true (td_store_till_report (db, session, g_get_real_time (), &z, &error));
  g_assert_no_error (error);
  return z.cash_expected;
}

static gint64
card_balance (const char *code)
{
  return query_int ("SELECT coalesce (sum (m.amount), 0) FROM gift_card g "
                    "JOIN gift_card_movement m ON m.gift_card_id = g.id WHERE g.code = ?", code);
}

/* ---- The counter ----------------------------------------------------------------------- */

static TdWindow *
find_main_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TD_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static TdSellPage *
open_sell_page (GtkApplication *app,
                TdWindow      **window_out)
{
  TdWindow *window;

  WAIT_FOR ((window = find_main_window (app)) != NULL, WAIT_MS);
  if (td_window_is_locked (window))
    {
      g_autoptr(GError) error = NULL;
      gint64 staff = query_int ("SELECT id FROM staff WHERE role = 'cashier' ORDER BY id LIMIT 1",
                                NULL);

      /* A cashier: neither act needs a manager. */
      g_assert_cmpint (staff, >, 0);
      g_assert_true (td_context_set_staff (window->context, staff, &error));
      g_assert_no_error (error);
      g_signal_emit_by_name (td_window_get_lock_screen (window), "unlocked", staff);
      g_assert_false (td_window_is_locked (window));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "sell");
  td_test_wait_frames (GTK_WIDGET (window), 2);
  *window_out = window;
  return TD_SELL_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TD_TYPE_WINDOW,
                                                      "sell_page"));
}

static gboolean
scan_has_focus (TdSellPage *page)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (page->scan_entry));
}

static GtkWindow *
find_toplevel (GType type)
{
  GtkWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  settle (20);
}

static void
type_into (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  settle (10);
}

/* Opens the till with a float through the page's own form (unless the shop left it open). */
static void
open_till (TdSellPage *page,
           const char *amount)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (query_int ("SELECT count(*) FROM till_session WHERE register_id = 'main' AND "
                 "closed_at IS NULL", NULL) > 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.till-open", NULL);
  WAIT_FOR ((dialog = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
            WAIT_MS);
  entry = adw_message_dialog_get_extra_child (dialog);
  entry = gtk_widget_get_first_child (entry);
  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), amount);
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle (50);
  g_assert_cmpint (query_int ("SELECT count(*) FROM till_session WHERE register_id = 'main' AND "
                              "closed_at IS NULL", NULL), ==, 1);
}

/* An amount typed at the counter ("25") in the shop's minor units. */
static gint64
minor (TdSellPage *page,
       const char *text)
{
  TdMoneyFormat fmt;
  gint64 amount = 0;

  td_money_format_init_current (&fmt);
  g_assert_true (td_money_parse (text, td_context_get_currency (page->context), &fmt, &amount,
                                 NULL));
  return amount;
}

static TdGiftCardDialog *
open_gift_card (TdSellPage *page,
                const char *action)
{
  TdGiftCardDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), action, NULL);
  WAIT_FOR ((dialog = (TdGiftCardDialog *) find_toplevel (TD_TYPE_GIFT_CARD_DIALOG)) != NULL,
            WAIT_MS);
  td_test_wait_frames (GTK_WIDGET (dialog), 1);
  return dialog;
}

static void
close_dialog (TdSellPage *page,
              GtkWidget  *done)
{
  click (done);
  settle (50);
  WAIT_FOR (scan_has_focus (page), WAIT_MS);
}

/* ---- Gift cards ----------------------------------------------------------------------------- */

/* The entries of the payment dialog's row titled @title, in order (reference, then amount). */
static void
tender_row_entries (GtkWidget  *widget,
                    const char *title,
                    GtkWidget **first,
                    GtkWidget **second)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    {
      GPtrArray *stack = g_ptr_array_new ();

      g_ptr_array_add (stack, widget);
      while (stack->len > 0)
        {
          GtkWidget *w = g_ptr_array_steal_index (stack, 0);

          if (GTK_IS_ENTRY (w))
            {
              if (*first == NULL)
                *first = w;
              else if (*second == NULL)
                *second = w;
              continue;
            }
          for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (stack, c);
        }
      g_ptr_array_unref (stack);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    tender_row_entries (c, title, first, second);
}

static void
gift_cards_scenario (GtkApplication *app)
{
  TdWindow *window;
  TdSellPage *page = open_sell_page (app, &window);
  TdGiftCardDialog *dialog;
  g_autofree char *code = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *sku = NULL;
  g_autofree char *cash_text = NULL;
  g_autofree char *gift_text = NULL;
  g_autofree char *shown = NULL;
  gint64 cash_before, twenty_five = minor (page, "25"), ten = minor (page, "10");
  gint64 n_movements, gift_paid, sale_id, cards_before;
  GtkWidget *gift_code = NULL, *gift_amount = NULL, *cash_ref = NULL, *cash_amount = NULL;
  TdCartTotals totals;
  TdMoneyFormat fmt;

  WAIT_FOR (scan_has_focus (page), WAIT_MS);
  open_till (page, "100");
  cash_before = expected_cash ();
  cards_before = query_int ("SELECT count(*) FROM gift_card", NULL);

  /* Issue: an amount of 0 is refused in words, nothing written. */
  dialog = open_gift_card (page, "sell.gift-card-issue");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (dialog->amount_row)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         GTK_WIDGET (dialog->amount_row)));
  type_into (dialog->amount_row, "0");
  click (dialog->confirm_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_assert_cmpstr (gtk_label_get_text (dialog->error_label), !=, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "form");
  g_assert_cmpint (query_int ("SELECT count(*) FROM gift_card", NULL), ==, cards_before);
  g_assert_cmpint (expected_cash (), ==, cash_before);

  /* 25 in cash: the card holds 25, the till expects 25 more. */
  type_into (dialog->amount_row, "25");
  adw_combo_row_set_selected (dialog->paid_with_row, 0);
  td_test_screenshot (GTK_WIDGET (dialog), "gift-card-issue");
  click (dialog->confirm_button);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "done");
  code = g_strdup (gtk_label_get_text (dialog->done_code));
  g_assert_cmpstr (code, !=, "");
  g_assert_cmpint (card_balance (code), ==, twenty_five);
  g_assert_cmpint (expected_cash (), ==, cash_before + twenty_five);
  g_assert_cmpint (query_int ("SELECT count(*) FROM audit WHERE action = 'gift_card.issued'",
                              NULL), ==, 1);
  td_test_screenshot (GTK_WIDGET (dialog), "gift-card-issued");
  close_dialog (page, dialog->done_button);

  /* Top up: an unknown code is refused, nothing written. */
  n_movements = query_int ("SELECT count(*) FROM gift_card_movement", NULL);
  dialog = open_gift_card (page, "sell.gift-card-top-up");
  type_into (dialog->code_row, "NO-SUCH-CARD");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->balance_label)));
  type_into (dialog->amount_row, "10");
  click (dialog->confirm_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_assert_cmpstr (gtk_label_get_text (dialog->error_label), !=, "");
  g_assert_cmpint (query_int ("SELECT count(*) FROM gift_card_movement", NULL), ==, n_movements);

  /* The real code, typed in lower case: the balance shows as it is typed; 10 by card. */
  lower = g_ascii_strdown (code, -1);
  type_into (dialog->code_row, lower);
  shown = td_context_format_money (page->context, twenty_five);
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->balance_label), shown));
  adw_combo_row_set_selected (dialog->paid_with_row, 1);
  td_test_screenshot (GTK_WIDGET (dialog), "gift-card-top-up");
  click (dialog->confirm_button);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "done");
  g_assert_cmpint (card_balance (code), ==, twenty_five + ten);
  g_assert_cmpint (expected_cash (), ==, cash_before + twenty_five);   /* card: no cash */
  close_dialog (page, dialog->done_button);

  /* Balance: an unknown code in words, then the real one. */
  dialog = open_gift_card (page, "sell.gift-card-balance");
  type_into (dialog->code_row, "NO-SUCH-CARD");
  click (dialog->confirm_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  type_into (dialog->code_row, code);
  click (dialog->confirm_button);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "done");
  g_clear_pointer (&shown, g_free);
  shown = td_context_format_money (page->context, twenty_five + ten);
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->done_detail), shown));
  close_dialog (page, dialog->done_button);

  /* A sale paid partly with the card, through the real payment dialog. */
  sku = query_text ("SELECT sku FROM item WHERE status = 'available' AND quantity = 1 "
                    "AND price >= 1000 ORDER BY id LIMIT 1");
  g_assert_nonnull (sku);
  gtk_editable_set_text (GTK_EDITABLE (page->scan_entry), sku);
  g_signal_emit_by_name (page->scan_entry, "activate");
  settle (20);
  g_assert_cmpuint (td_cart_get_n_lines (page->cart), ==, 1);
  td_cart_get_totals (page->cart, &totals);
  gift_paid = MIN (totals.total, ten);
  gtk_widget_activate_action (GTK_WIDGET (page), "sell.pay", NULL);
  WAIT_FOR (page->tender_dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (page->tender_dialog)),
            WAIT_MS);
  tender_row_entries (GTK_WIDGET (page->tender_dialog), _("_Gift card"), &gift_code, &gift_amount);
  tender_row_entries (GTK_WIDGET (page->tender_dialog), _("C_ash handed over"), &cash_amount,
                      &cash_ref);
  g_assert_nonnull (gift_code);
  g_assert_nonnull (gift_amount);
  g_assert_nonnull (cash_amount);
  td_money_format_init_current (&fmt);
  gift_text = td_money_format_plain (gift_paid, td_context_get_currency (page->context), &fmt);
  type_into (gift_code, code);
  type_into (gift_amount, gift_text);
  if (totals.total > gift_paid)
    {
      /* The rest in cash, a round sum (change is given). */
      gint64 unit = minor (page, "1");
      gint64 rest = ((totals.total - gift_paid + unit - 1) / unit) * unit;

      cash_text = td_money_format_plain (rest, td_context_get_currency (page->context), &fmt);
      type_into (cash_amount, cash_text);
    }
  click (gtk_window_get_default_widget (page->tender_dialog));
  WAIT_FOR (page->tender_dialog == NULL, WAIT_MS);
  sale_id = query_int ("SELECT max(id) FROM sale", NULL);
  g_assert_cmpint (query_int ("SELECT amount FROM payment WHERE tender = 'gift_card' AND "
                              "sale_id = (SELECT max(id) FROM sale)", NULL), ==, gift_paid);
  g_assert_cmpint (card_balance (code), ==, twenty_five + ten - gift_paid);
  g_assert_cmpint (sale_id, >, 0);
  g_clear_pointer (&page->receipt_dialog, gtk_window_destroy);
}

static void
test_gift_cards (void)
{
  run_on_fresh_shop (gift_cards_scenario);
}

/* ---- Buying from a walk-in seller -------------------------------------------------------- */

static TdBuyDialog *
open_buy (TdSellPage *page)
{
  TdBuyDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "sell.buy", NULL);
  WAIT_FOR ((dialog = (TdBuyDialog *) find_toplevel (TD_TYPE_BUY_DIALOG)) != NULL, WAIT_MS);
  td_test_wait_frames (GTK_WIDGET (dialog), 1);
  return dialog;
}

static void
fill_line (TdBuyDialog *dialog,
           guint        index,
           const char  *title,
           const char  *price,
           const char  *cost)
{
  TdBuyLine *line;

  while (dialog->lines->len <= index)
    click (dialog->add_button);
  line = dialog->lines->pdata[index];
  type_into (line->title, title);
  type_into (line->price, price);
  type_into (line->cost, cost);
}

static void
buy_credit_scenario (GtkApplication *app)
{
  TdWindow *window;
  TdSellPage *page = open_sell_page (app, &window);
  TdBuyDialog *dialog;
  g_autofree char *consignor_code = query_text ("SELECT code FROM consignor WHERE active = 1 "
                                                "ORDER BY id LIMIT 1");
  g_autofree char *sql = NULL;
  g_autofree char *skus = NULL;
  g_autofree char *first_sku = NULL;
  gint64 consignor_id, ledger_before, items_before, intakes_before;
  gint64 cost1 = minor (page, "12"), cost2 = minor (page, "4");
  gint64 bonus = ((cost1 + cost2) * 2500 + 5000) / 10000;

  WAIT_FOR (scan_has_focus (page), WAIT_MS);
  g_assert_nonnull (consignor_code);
  consignor_id = query_int ("SELECT id FROM consignor WHERE code = ?", consignor_code);
  sql = g_strdup_printf ("SELECT coalesce (sum (amount), 0) FROM ledger WHERE consignor_id = %lld",
                         (long long) consignor_id);
  ledger_before = query_int (sql, NULL);
  items_before = query_int ("SELECT count(*) FROM item", NULL);
  intakes_before = query_int ("SELECT count(*) FROM intake", NULL);

  dialog = open_buy (page);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         GTK_WIDGET (dialog->seller_row)));

  /* Nothing typed: refused, nothing written. */
  click (dialog->buy_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_assert_cmpint (query_int ("SELECT count(*) FROM intake", NULL), ==, intakes_before);

  /* An unknown seller: refused at the field. */
  type_into (dialog->seller_row, "ZZ99");
  fill_line (dialog, 0, "Wool coat", "40", "12");
  click (dialog->buy_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_assert_cmpint (query_int ("SELECT count(*) FROM intake", NULL), ==, intakes_before);

  /* A missing cost: refused in the store's words, the form kept. */
  type_into (dialog->seller_row, consignor_code);
  fill_line (dialog, 1, "Silk scarf", "15", "");
  adw_combo_row_set_selected (dialog->pay_row, 1);
  type_into (dialog->bonus_row, "25");
  click (dialog->buy_button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->error_label)));
  g_assert_cmpint (query_int ("SELECT count(*) FROM item", NULL), ==, items_before);
  g_assert_cmpint (query_int (sql, NULL), ==, ledger_before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (((TdBuyLine *) dialog->lines->pdata[0])->title)),
                   ==, "Wool coat");

  /* Two items for store credit with 25 % bonus. */
  type_into (((TdBuyLine *) dialog->lines->pdata[1])->cost, "4");
  {
    g_autofree char *total = td_context_format_money (page->context, cost1 + cost2 + bonus);

    g_assert_nonnull (strstr (gtk_label_get_text (dialog->total_label), total));
  }
  td_test_screenshot (GTK_WIDGET (dialog), "buy-items");
  click (dialog->buy_button);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "done");
  g_assert_cmpint (query_int (sql, NULL), ==, ledger_before + cost1 + cost2 + bonus);
  g_assert_cmpint (query_int ("SELECT count(*) FROM item", NULL), ==, items_before + 2);
  g_assert_cmpint (query_int ("SELECT count(*) FROM item WHERE acquisition = 'bought' AND "
                              "consignor_id IS NULL AND status = 'available' AND "
                              "intake_id = (SELECT max(id) FROM intake)", NULL), ==, 2);
  g_assert_cmpint (query_int ("SELECT sum (cost) FROM item WHERE intake_id = "
                              "(SELECT max(id) FROM intake)", NULL), ==, cost1 + cost2);
  g_assert_cmpint (query_int ("SELECT cost FROM item WHERE title = 'Wool coat'", NULL), ==, cost1);
  first_sku = query_text ("SELECT sku FROM item WHERE title = 'Wool coat'");
  skus = g_strdup (gtk_label_get_text (dialog->done_skus));
  g_assert_nonnull (strstr (skus, first_sku));
  td_test_screenshot (GTK_WIDGET (dialog), "buy-items-done");

  /* Their tags: the counter's document preview opens on the PDF. */
  click (dialog->tags_button);
  WAIT_FOR (page->receipt_dialog != NULL, WAIT_MS);
  g_assert_null (find_toplevel (TD_TYPE_BUY_DIALOG));
  g_clear_pointer (&page->receipt_dialog, gtk_window_destroy);
}


static void
buy_cash_scenario (GtkApplication *app)
{
  TdWindow *window;
  TdSellPage *page = open_sell_page (app, &window);
  TdBuyDialog *dialog;
  gint64 cash_before, seven = minor (page, "7"), cards_before;

  WAIT_FOR (scan_has_focus (page), WAIT_MS);
  open_till (page, "100");
  cash_before = expected_cash ();
  cards_before = query_int ("SELECT count(*) FROM gift_card", NULL);

  dialog = open_buy (page);
  fill_line (dialog, 0, "Board game", "18", "7");
  adw_combo_row_set_selected (dialog->pay_row, 0);
  click (dialog->buy_button);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "done");
  g_assert_cmpint (expected_cash (), ==, cash_before - seven);
  g_assert_cmpint (query_int ("SELECT count(*) FROM till_movement WHERE kind = 'payout'", NULL),
                   ==, 1);
  g_assert_cmpint (query_int ("SELECT cost FROM item WHERE title = 'Board game'", NULL), ==, seven);
  close_dialog (page, dialog->done_button);

  /* A walk-in for store credit: on a new gift card, shown to staff. */
  dialog = open_buy (page);
  fill_line (dialog, 0, "Lamp", "20", "7");
  adw_combo_row_set_selected (dialog->pay_row, 1);
  click (dialog->buy_button);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->stack), ==, "done");
  g_assert_nonnull (dialog->result.gift_card_code);
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->done_detail),
                            dialog->result.gift_card_code));
  g_assert_cmpint (query_int ("SELECT count(*) FROM gift_card", NULL), ==, cards_before + 1);
  g_assert_cmpint (card_balance (dialog->result.gift_card_code), ==, seven);
  g_assert_cmpint (expected_cash (), ==, cash_before - seven);
  close_dialog (page, dialog->done_button);
}

/* Both in one start of the application (each start costs seconds on a loaded machine). */
static void
buy_scenario (GtkApplication *app)
{
  buy_credit_scenario (app);
  buy_cash_scenario (app);
}

static void
test_buy (void)
{
  run_on_fresh_shop (buy_scenario);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoOptions options;
  int result;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  g_setenv ("THRIFTDESK_SECRETS", "file", TRUE);

  tmpdir = td_test_make_tmpdir ();
  template_shop = g_build_filename (tmpdir, "template.db", NULL);
  td_demo_options_init (&options);
  options.items = 60;
  options.consignors = 4;
  options.months = 1;
  options.now_us = g_get_real_time ();
  td_demo_generate (template_shop, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/td/counter-extras/gift-cards", test_gift_cards);
  g_test_add_func ("/td/counter-extras/buy", test_buy);

  result = g_test_run ();
  td_test_rmdir_recursive (tmpdir);
  g_free (template_shop);
  return result;
}
