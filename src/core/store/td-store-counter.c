/* td-store-counter.c — what the counter's store files share: its settings, the permission
 * check, the till's movements, gift card balances, store credit balances.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "td-permission.h"
#include "td-store-counter-private.h"

static gboolean
setting_int (TdDatabase  *db,
             const char  *key,
             gint64       fallback,
             gint64       min,
             gint64       max,
             gint64      *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = td_store_settings_dup (db, key, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (value == NULL || !g_ascii_string_to_signed (value, 10, min, max, out, NULL))
    *out = fallback;
  return TRUE;
}

/**
 * td_store_sales_load_config:
 * @config: (out caller-allocates): initialised here; clear with td_counter_config_clear()
 *
 * Reads the counter's settings (`tax.*`, `cash.rounding_step`, `refund.window_days`, the
 * shop's currency). Unset or unreadable values read as the defaults documented in
 * td-store-sales.h; a tax table that can't be read is an error (prices would be wrong).
 */
gboolean
td_store_sales_load_config (TdDatabase       *db,
                            TdCounterConfig  *config,
                            GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *rates = NULL;
  gint64 inclusive, step, window;
  const TdCurrency *c;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  td_counter_config_init (config);
  currency = td_store_settings_dup (db, TD_SETTING_SHOP_CURRENCY, &local_error);
  if (local_error == NULL)
    rates = td_store_settings_dup (db, TD_SETTING_TAX_RATES, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  c = currency != NULL ? td_currency_lookup (currency) : NULL;
  if (c != NULL)
    config->currency = c;

  if (!setting_int (db, TD_SETTING_TAX_INCLUSIVE, 1, 0, 1, &inclusive, error) ||
      !setting_int (db, TD_SETTING_CASH_ROUNDING, config->currency->cash_step, 1, 100000, &step,
                    error) ||
      !setting_int (db, TD_SETTING_REFUND_WINDOW_DAYS, 30, 0, 36500, &window, error))
    return FALSE;
  config->tax_inclusive = inclusive != 0;
  config->cash_step = (int) step;
  config->refund_window_days = (int) window;
  return td_counter_config_parse_rates (config, rates != NULL ? rates : "standard=0", error);
}

/**
 * td_counter_permit:
 * @staff_id: who acts; for %TD_COUNTER_ACT_REFUND_OUTSIDE_WINDOW the approving manager
 * @amount: what the act moves (a discount, a refund), minor units
 * @base: what @amount is measured against (the sale's subtotal for discounts)
 *
 * THE one place where the counter asks whether someone may do @act; it maps the counter's
 * acts onto td-permission.h:
 *  - a line void: anyone (it is audited);
 *  - discounts above `staff.discount_limit_bp` of @base (default 20 %):
 *    %TD_PERMISSION_DISCOUNT_OVER_LIMIT;
 *  - refunds above `staff.refund_limit` (default 50.00): %TD_PERMISSION_REFUND_OVER_LIMIT;
 *  - a refund outside the window: the approver's role must allow
 *    %TD_PERMISSION_REFUND_OVER_LIMIT (the UI has checked their PIN with td_store_authorize());
 *  - paid-in / paid-out: %TD_PERMISSION_OPEN_DRAWER;
 *  - a line discounted below the consignor's minimum: %TD_PERMISSION_PRICE_BELOW_MINIMUM.
 * td_store_authorize() consumes a one-shot grant a manager's PIN override left. Call it
 * before the act's transaction (a wrong PIN is counted durably).
 */
gboolean
td_counter_permit (TdDatabase    *db,
                   gint64         staff_id,
                   TdCounterAct   act,
                   gint64         amount,
                   gint64         base,
                   gint64         now_us,
                   GError       **error)
{
  gint64 limit;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  switch (act)
    {
    case TD_COUNTER_ACT_DISCOUNT:
      if (!setting_int (db, TD_SETTING_STAFF_DISCOUNT_LIMIT_BP, 2000, 0, 10000, &limit, error))
        return FALSE;
      if ((__int128) amount * 10000 <= (__int128) limit * base)
        return TRUE;
      return td_store_authorize (db, staff_id, TD_PERMISSION_DISCOUNT_OVER_LIMIT, NULL, now_us,
                                 error);
    case TD_COUNTER_ACT_REFUND:
      if (!setting_int (db, TD_SETTING_STAFF_REFUND_LIMIT, 5000, 0, G_MAXINT64, &limit, error))
        return FALSE;
      if (amount <= limit)
        return TRUE;
      return td_store_authorize (db, staff_id, TD_PERMISSION_REFUND_OVER_LIMIT, NULL, now_us,
                                 error);
    case TD_COUNTER_ACT_REFUND_OUTSIDE_WINDOW:
      if (td_store_staff_can (db, staff_id, TD_PERMISSION_REFUND_OVER_LIMIT))
        return TRUE;
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_PERMISSION,
                           _("Only a manager or the owner can approve a return outside the "
                             "return window."));
      return FALSE;
    case TD_COUNTER_ACT_TILL_MOVE:
      return td_store_authorize (db, staff_id, TD_PERMISSION_OPEN_DRAWER, NULL, now_us, error);
    case TD_COUNTER_ACT_BELOW_MINIMUM:
      return td_store_authorize (db, staff_id, TD_PERMISSION_PRICE_BELOW_MINIMUM, NULL, now_us,
                                 error);
    case TD_COUNTER_ACT_VOID_LINE:
    default:
      return TRUE;
    }
}

/* The shop's local business day of @now_us as yyyymmdd (fixed when written). */
int
td_counter_local_day (gint64 now_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_get_year (local) * 10000 + g_date_time_get_month (local) * 100 +
         g_date_time_get_day_of_month (local);
}

/* @amount in the shop's currency, the locale's way; for messages. */
char *
td_counter_format_money (TdDatabase *db,
                         gint64      amount)
{
  g_autofree char *code = td_store_settings_dup (db, TD_SETTING_SHOP_CURRENCY, NULL);
  const TdCurrency *currency = code != NULL ? td_currency_lookup (code) : NULL;
  TdMoneyFormat fmt;

  if (currency == NULL)
    currency = td_currency_lookup (td_currency_default_code ());
  td_money_format_init_current (&fmt);
  return td_money_format (amount, currency, &fmt);
}

/**
 * td_counter_till_record:
 * @kind: a `till_movement.kind`
 * @amount: signed: what goes into (+) or out of (−) the drawer
 *
 * Records a cash movement on @register_id's open till session, in the caller's transaction.
 * Without an open session there is no drawer count to keep: nothing is written.
 */
gboolean
td_counter_till_record (TdDatabase  *db,
                        const char  *register_id,
                        const char  *kind,
                        gint64       amount,
                        const char  *reason,
                        gint64       staff_id,
                        gint64       now_us,
                        GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;

  if (amount == 0)
    return TRUE;
  stmt = td_database_prepare (db,
    "INSERT INTO till_movement (session_id, kind, amount, reason, staff_id, created_at) "
    "SELECT id, ?, ?, ?, ?, ? FROM till_session WHERE register_id = ? AND closed_at IS NULL",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, amount);
  td_stock_bind_text (stmt, 3, reason);
  td_stock_bind_id (stmt, 4, staff_id);
  sqlite3_bind_int64 (stmt, 5, now_us);
  sqlite3_bind_text (stmt, 6, register_id, -1, SQLITE_STATIC);
  return td_database_step_done (db, stmt, error);
}

/* A gift card by code (case and spaces ignored) and its balance; %TD_SALE_ERROR_NOT_FOUND. */
gboolean
td_counter_gift_card_find (TdDatabase  *db,
                           const char  *code,
                           gint64      *card_id,
                           gint64      *balance,
                           GError     **error)
{
  g_autofree char *trimmed = td_stock_trim (code);
  g_autofree char *upper = g_ascii_strup (trimmed, -1);
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT g.id, (SELECT coalesce (sum (amount), 0) FROM gift_card_movement "
    "              WHERE gift_card_id = g.id) "
    "FROM gift_card g WHERE g.code = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, upper, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *card_id = sqlite3_column_int64 (stmt, 0);
      *balance = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return td_database_set_error (db, rc, "reading a gift card", error);
  g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_NOT_FOUND,
               _("No gift card has the code “%s”. Check the card and type it again."), trimmed);
  return FALSE;
}

gboolean
td_counter_gift_card_move (TdDatabase  *db,
                           gint64       card_id,
                           gint64       amount,
                           gint64       sale_id,
                           gint64       now_us,
                           GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "INSERT INTO gift_card_movement (gift_card_id, amount, sale_id, created_at) "
    "VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, amount);
  td_stock_bind_id (stmt, 3, sale_id);
  sqlite3_bind_int64 (stmt, 4, now_us);
  return td_database_step_done (db, stmt, error);
}

/* A random card code: 12 characters of an alphabet without look-alikes (0/O, 1/I). */
static char *
new_code (void)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  GString *code = g_string_new (NULL);

  for (int i = 0; i < 12; i++)
    g_string_append_c (code, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
  return g_string_free (code, FALSE);
}

/**
 * td_counter_gift_card_new:
 * @code: (nullable): a pre-printed card's code; %NULL makes one up
 * @issued_code: (out) (transfer full) (optional): the card's code
 *
 * Creates a gift card with no balance, in the caller's transaction. A code already in use is
 * refused with %TD_SALE_ERROR_INVALID.
 */
gboolean
td_counter_gift_card_new (TdDatabase  *db,
                          const char  *code,
                          gint64       now_us,
                          gint64      *card_id,
                          char       **issued_code,
                          GError     **error)
{
  g_autofree char *trimmed = code != NULL ? td_stock_trim (code) : new_code ();
  g_autofree char *upper = g_ascii_strup (trimmed, -1);
  g_autoptr(TdStmt) stmt = NULL;
  gint64 existing, balance;

  if (*upper == '\0' || strlen (upper) > 64)
    {
      g_set_error_literal (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                           _("A gift card code has 1 to 64 characters."));
      return FALSE;
    }
  if (td_counter_gift_card_find (db, upper, &existing, &balance, NULL))
    {
      g_set_error (error, TD_SALE_ERROR, TD_SALE_ERROR_INVALID,
                   _("The gift card “%s” already exists; top it up instead."), upper);
      return FALSE;
    }

  stmt = td_database_prepare (db, "INSERT INTO gift_card (code, created_at) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, upper, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now_us);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  *card_id = sqlite3_last_insert_rowid (td_database_get_handle (db));
  if (issued_code != NULL)
    *issued_code = g_steal_pointer (&upper);
  return TRUE;
}

/* The consignor's balance, read inside the caller's transaction (so it sees its own rows). */
gboolean
td_counter_consignor_balance (TdDatabase  *db,
                              gint64       consignor_id,
                              gint64      *balance,
                              GError     **error)
{
  g_autoptr(TdStmt) stmt = td_database_prepare (db,
    "SELECT coalesce (sum (amount), 0) FROM ledger WHERE consignor_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, consignor_id);
  return td_stock_query_int64 (db, stmt, balance, NULL, error);
}
