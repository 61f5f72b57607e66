/* td-store-staff.h — staff accounts, PINs and sign-in.
 *
 * PINs are 4 to 12 digits, stored only as libsodium Argon2id strings (crypto_pwhash_str,
 * interactive limits). Five wrong PINs in a row lock the account for 1 minute, then 5, 15,
 * 60 minutes …; the counters live in the database so a restart does not reset them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-database.h"
#include "td-permission.h"

G_BEGIN_DECLS

#define TD_STAFF_PIN_MIN_DIGITS   4
#define TD_STAFF_PIN_MAX_DIGITS   12
#define TD_STAFF_PIN_MAX_FAILURES 5

/**
 * TdStaff:
 * @locked_until: UTC µs; 0 or in the past when the account is not locked
 * @failed_pins: wrong PINs since the last right one
 */
typedef struct
{
  gint64    id;
  char     *name;
  TdRole    role;
  gboolean  active;
  gboolean  has_pin;
  int       failed_pins;
  gint64    locked_until;
  gint64    created_at;
} TdStaff;

void       td_staff_free                (TdStaff      *staff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdStaff, td_staff_free)

/* Pure helpers (no database): exposed for tests and the first-run dialog. */
gboolean   td_staff_pin_is_valid        (const char   *pin,
                                         GError      **error);
char      *td_staff_hash_pin            (const char   *pin,
                                         GError      **error);
gboolean   td_staff_pin_matches         (const char   *hash,
                                         const char   *pin);

/* The demo shop (inside the generator's transaction): the published demo PINs, hashed with
 * a salt derived from the id so a demo seed stays byte-for-byte reproducible. */
gboolean   td_store_staff_demo_set_pin  (TdDatabase   *db,
                                         gint64        staff_id,
                                         const char   *pin,
                                         GError      **error);

/* Whether the shop has at least one active account with a PIN (the lock screen's question). */
gboolean   td_store_staff_has_accounts  (TdDatabase   *db,
                                         gboolean     *has,
                                         GError      **error);

/* Returns: (transfer full) (element-type TdStaff): by role (owner first), then name. */
GPtrArray *td_store_staff_list          (TdDatabase   *db,
                                         gboolean      include_inactive,
                                         GError      **error);
/* Returns: (transfer full) (nullable): %NULL and %TD_PERMISSION_ERROR_NOT_SIGNED_IN if unknown. */
TdStaff   *td_store_staff_get           (TdDatabase   *db,
                                         gint64        staff_id,
                                         GError      **error);

/**
 * td_store_staff_create_owner:
 * The first run: creates the owner account. Refused when the shop already has an active
 * owner (then td_store_staff_create() by that owner is the way). Audited.
 */
gboolean   td_store_staff_create_owner  (TdDatabase   *db,
                                         const char   *name,
                                         const char   *pin,
                                         gint64        now_us,
                                         gint64       *staff_id,
                                         GError      **error);

/* The following need %TD_PERMISSION_MANAGE_STAFF for @by_staff_id; each is audited. */
gboolean   td_store_staff_create        (TdDatabase   *db,
                                         gint64        by_staff_id,
                                         const char   *name,
                                         TdRole        role,
                                         const char   *pin,
                                         gint64        now_us,
                                         gint64       *staff_id,
                                         GError      **error);
gboolean   td_store_staff_update        (TdDatabase   *db,
                                         gint64        by_staff_id,
                                         gint64        staff_id,
                                         const char   *name,
                                         TdRole        role,
                                         gint64        now_us,
                                         GError      **error);
/* Also lifts a lockout. */
gboolean   td_store_staff_set_pin       (TdDatabase   *db,
                                         gint64        by_staff_id,
                                         gint64        staff_id,
                                         const char   *pin,
                                         gint64        now_us,
                                         GError      **error);
/* The last active owner can't be deactivated or demoted. */
gboolean   td_store_staff_set_active    (TdDatabase   *db,
                                         gint64        by_staff_id,
                                         gint64        staff_id,
                                         gboolean      active,
                                         gint64        now_us,
                                         GError      **error);

/**
 * td_store_staff_verify_pin:
 * @db: a #TdDatabase, not inside a transaction
 *
 * Checks @pin for @staff_id, counting failures durably. Errors: %TD_PERMISSION_ERROR_WRONG_PIN
 * (says how many tries are left), %TD_PERMISSION_ERROR_LOCKED_OUT (says until when; the PIN is
 * not even checked), %TD_PERMISSION_ERROR_NOT_SIGNED_IN (unknown or inactive account). A
 * lockout is audited (`staff.locked_out`).
 */
gboolean   td_store_staff_verify_pin    (TdDatabase   *db,
                                         gint64        staff_id,
                                         const char   *pin,
                                         gint64        now_us,
                                         GError      **error);

G_END_DECLS
