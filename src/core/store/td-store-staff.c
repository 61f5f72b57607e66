/* td-store-staff.c — staff accounts, PINs and sign-in.
 *
 * area: PINs are hashed with Argon2id (libsodium crypto_pwhash_str, interactive limits:
 * 2 passes over 64 MiB), salted per hash; a short PIN stays expensive to guess offline, and
 * online guessing is cut off by the lockout counters stored with the account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "td-store-staff.h"
#include "td-store-stock-private.h"


/* Each lockout lasts longer than the one before; the last value repeats. */
static const gint64 lockout_minutes[] = { 1, 5, 15, 60 };

void
td_staff_free (TdStaff *staff)
{
  if (staff == NULL)
    return;
  g_free (staff->name);
  g_free (staff);
}

static gboolean
sodium_ready (void)
{
  static gsize once = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&once))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&once, 1);
    }
  return ok;
}

/**
 * td_staff_pin_is_valid:
 * Whether @pin is 4 to 12 digits; otherwise a %TD_STOCK_ERROR_INVALID sentence for the field.
 */
gboolean
td_staff_pin_is_valid (const char  *pin,
                       GError     **error)
{
  size_t len = pin != NULL ? strlen (pin) : 0;

  for (size_t i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      len = 0;
  if (len < TD_STAFF_PIN_MIN_DIGITS || len > TD_STAFF_PIN_MAX_DIGITS)
    {
      g_autoptr(GPtrArray) problems = td_field_problems_new ();

      td_field_problems_add (problems, "pin", 0, _("A PIN is %d to %d digits."),
                             TD_STAFF_PIN_MIN_DIGITS, TD_STAFF_PIN_MAX_DIGITS);
      return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);
    }
  return TRUE;
}

/**
 * td_staff_hash_pin:
 * Returns: (transfer full): the Argon2id string for @pin (salted; never the same twice)
 */
char *
td_staff_hash_pin (const char  *pin,
                   GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!td_staff_pin_is_valid (pin, error))
    return NULL;
  if (!sodium_ready () ||
      crypto_pwhash_str (hash, pin, strlen (pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                           _("There is not enough memory to protect the PIN. Close other "
                             "programs and try again."));
      return NULL;
    }
  return g_strdup (hash);
}

/* The demo shop's PIN hashes: Argon2id as crypto_pwhash_str() writes it, but with a salt
 * derived from @salt_text, so the same demo seed builds the same database to the byte. Only for
 * the published demo PINs; real accounts always get a random salt. */
static char *
hash_pin_demo (const char *pin,
               const char *salt_text)
{
  guchar salt[crypto_pwhash_SALTBYTES];
  guchar out[32];
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *salt64 = NULL;
  g_autofree char *out64 = NULL;

  g_checksum_update (sum, (const guchar *) "thriftdesk-demo-pin:", -1);
  g_checksum_update (sum, (const guchar *) salt_text, -1);
  g_checksum_get_digest (sum, digest, &digest_len);
  memcpy (salt, digest, sizeof salt);
  if (!sodium_ready () ||
      crypto_pwhash (out, sizeof out, pin, strlen (pin), salt,
                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    return NULL;
  salt64 = g_base64_encode (salt, sizeof salt);
  out64 = g_base64_encode (out, sizeof out);
  g_strdelimit (salt64, "=", '\0');
  g_strdelimit (out64, "=", '\0');
  return g_strdup_printf ("$argon2id$v=19$m=%zu,t=%llu,p=1$%s$%s",
                          (size_t) crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024,
                          (unsigned long long) crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          salt64, out64);
}

/**
 * td_store_staff_demo_set_pin:
 * For the demo generator, inside its transaction: gives @staff_id the published demo @pin.
 */
gboolean
td_store_staff_demo_set_pin (TdDatabase  *db,
                             gint64       staff_id,
                             const char  *pin,
                             GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autofree char *salt_text = g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);
  g_autofree char *hash = hash_pin_demo (pin, salt_text);

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (hash == NULL)
    {
      g_set_error_literal (error, TD_DATABASE_ERROR, TD_DATABASE_ERROR_FAILED,
                           _("There is not enough memory to protect the PIN."));
      return FALSE;
    }
  stmt = td_database_prepare (db, "UPDATE staff SET pin_hash = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  return td_database_step_done (db, stmt, error);
}

/* Whether @pin is the one @hash was made from (constant-time inside libsodium). */
gboolean
td_staff_pin_matches (const char *hash,
                      const char *pin)
{
  if (hash == NULL || pin == NULL || !sodium_ready ())
    return FALSE;
  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}

static TdStaff *
staff_from_row (TdStmt *stmt)
{
  TdStaff *staff = g_new0 (TdStaff, 1);

  staff->id = sqlite3_column_int64 (stmt, 0);
  staff->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (!td_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &staff->role))
    staff->role = TD_ROLE_CASHIER;
  staff->active = sqlite3_column_int (stmt, 3) != 0;
  staff->has_pin = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  staff->failed_pins = sqlite3_column_int (stmt, 5);
  staff->locked_until = sqlite3_column_int64 (stmt, 6);
  staff->created_at = sqlite3_column_int64 (stmt, 7);
  return staff;
}

#define STAFF_COLUMNS "id, name, role, active, pin_hash, failed_pins, locked_until, created_at "

gboolean
td_store_staff_has_accounts (TdDatabase  *db,
                             gboolean    *has,
                             GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gint64 one = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (has != NULL, FALSE);

  stmt = td_database_prepare (db, "SELECT 1 FROM staff WHERE active AND pin_hash IS NOT NULL "
                                  "LIMIT 1", error);
  if (stmt == NULL || !td_stock_query_int64 (db, stmt, &one, &found, error))
    return FALSE;
  *has = found;
  return TRUE;
}

GPtrArray *
td_store_staff_list (TdDatabase  *db,
                     gboolean     include_inactive,
                     GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) td_staff_free);
  int rc;

  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  stmt = td_database_prepare (db,
    "SELECT " STAFF_COLUMNS "FROM staff WHERE active OR ?1 "
    "ORDER BY active DESC, CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, "
    "name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, staff_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      td_database_set_error (db, rc, "listing staff", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static TdStaff *
load_staff (TdDatabase  *db,
            gint64       staff_id,
            char       **pin_hash,
            int         *lockouts,
            GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  TdStaff *staff;
  int rc;

  stmt = td_database_prepare (db, "SELECT " STAFF_COLUMNS ", lockouts FROM staff WHERE id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN,
                           _("This staff account does not exist."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      td_database_set_error (db, rc, "loading a staff account", error);
      return NULL;
    }
  staff = staff_from_row (stmt);
  if (pin_hash != NULL)
    *pin_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  if (lockouts != NULL)
    *lockouts = sqlite3_column_int (stmt, 8);
  return staff;
}

TdStaff *
td_store_staff_get (TdDatabase  *db,
                    gint64       staff_id,
                    GError     **error)
{
  g_return_val_if_fail (TD_IS_DATABASE (db), NULL);

  return load_staff (db, staff_id, NULL, NULL, error);
}

/* area: PIN check, with the counters written in their own transaction. */

typedef struct
{
  gint64      staff_id;
  gboolean    right;
  int         failed;
  int         lockouts;
  gint64      locked_until;
  gint64      now_us;
} PinResult;

static gboolean
pin_result_txn (TdDatabase  *db,
                gpointer     user_data,
                GError     **error)
{
  PinResult *r = user_data;
  g_autoptr(TdStmt) stmt = NULL;

  stmt = td_database_prepare (db, "UPDATE staff SET failed_pins = ?, lockouts = ?, "
                                  "locked_until = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, r->failed);
  sqlite3_bind_int (stmt, 2, r->lockouts);
  sqlite3_bind_int64 (stmt, 3, r->locked_until);
  sqlite3_bind_int64 (stmt, 4, r->staff_id);
  if (!td_database_step_done (db, stmt, error))
    return FALSE;
  if (r->locked_until > r->now_us)
    {
      g_autofree char *detail = g_strdup_printf ("{\"until\":%" G_GINT64_FORMAT
                                                 ",\"lockouts\":%d}",
                                                 r->locked_until, r->lockouts);

      return td_store_audit_append (db, r->now_us, r->staff_id, "staff.locked_out", "staff",
                                    r->staff_id, detail, error);
    }
  return TRUE;
}

static void
set_locked_error (GError **error,
                  gint64   until_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *time = g_date_time_format (local, "%X");

  g_set_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_LOCKED_OUT,
               _("Too many wrong PINs. This account can try again at %s."), time);
}

gboolean
td_store_staff_verify_pin (TdDatabase  *db,
                           gint64       staff_id,
                           const char  *pin,
                           gint64       now_us,
                           GError     **error)
{
  g_autoptr(TdStaff) staff = NULL;
  g_autofree char *hash = NULL;
  PinResult r = { staff_id, FALSE, 0, 0, 0, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  staff = load_staff (db, staff_id, &hash, &r.lockouts, error);
  if (staff == NULL)
    return FALSE;
  if (!staff->active)
    {
      g_set_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN,
                   _("%s’s account is switched off."), staff->name);
      return FALSE;
    }
  if (hash == NULL)
    {
      g_set_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN,
                   _("%s has no PIN yet; the owner sets it under Preferences › Staff."),
                   staff->name);
      return FALSE;
    }
  if (staff->locked_until > now_us)
    {
      set_locked_error (error, staff->locked_until);
      return FALSE;
    }

  r.right = td_staff_pin_matches (hash, pin);
  if (r.right)
    {
      if (staff->failed_pins == 0 && r.lockouts == 0 && staff->locked_until == 0)
        return TRUE;  /* nothing to reset: no write on the common path */
      r.lockouts = 0;
      return td_database_transaction (db, pin_result_txn, &r, error);
    }

  r.failed = staff->failed_pins + 1;
  if (r.failed >= TD_STAFF_PIN_MAX_FAILURES)
    {
      guint step = MIN ((guint) r.lockouts, G_N_ELEMENTS (lockout_minutes) - 1);

      r.failed = 0;
      r.lockouts++;
      r.locked_until = now_us + lockout_minutes[step] * 60 * G_USEC_PER_SEC;
    }
  if (!td_database_transaction (db, pin_result_txn, &r, error))
    return FALSE;
  if (r.locked_until > now_us)
    set_locked_error (error, r.locked_until);
  else
    g_set_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_WRONG_PIN,
                 g_dngettext (GETTEXT_PACKAGE, "Wrong PIN. %d more try before a pause.",
                              "Wrong PIN. %d more tries before a pause.",
                              TD_STAFF_PIN_MAX_FAILURES - r.failed),
                 TD_STAFF_PIN_MAX_FAILURES - r.failed);
  return FALSE;
}
