/* td-permission.h — who may do what: the one permissions table of Thriftdesk.
 *
 * Roles are owner, manager and cashier (`staff.role`). Every guarded act names a
 * #TdPermission; td_permission_role_allows() is the table, and td_store_authorize() is the
 * service-layer check every guarded store function runs (the UI may ask first to grey a
 * button out, but the store decides).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "td-database.h"

G_BEGIN_DECLS

#define TD_PERMISSION_ERROR (td_permission_error_quark ())

/**
 * TdPermissionError:
 * @TD_PERMISSION_ERROR_NOT_SIGNED_IN: no staff member is signed in (staff id 0), or the id is
 *   unknown or deactivated
 * @TD_PERMISSION_ERROR_DENIED: the staff member's role does not allow the act and no
 *   override was given
 * @TD_PERMISSION_ERROR_WRONG_PIN: the PIN (of the staff member or of the approver) is wrong
 * @TD_PERMISSION_ERROR_LOCKED_OUT: too many wrong PINs; the account waits until the time
 *   the message names
 * @TD_PERMISSION_ERROR_APPROVER_NOT_ALLOWED: the override's approver may not do the act
 *   themselves
 *
 * Messages are plain sentences for staff, translated.
 */
typedef enum
{
  TD_PERMISSION_ERROR_NOT_SIGNED_IN,
  TD_PERMISSION_ERROR_DENIED,
  TD_PERMISSION_ERROR_WRONG_PIN,
  TD_PERMISSION_ERROR_LOCKED_OUT,
  TD_PERMISSION_ERROR_APPROVER_NOT_ALLOWED,
} TdPermissionError;

/* `staff.role` */
typedef enum
{
  TD_ROLE_CASHIER,
  TD_ROLE_MANAGER,
  TD_ROLE_OWNER,
} TdRole;

/**
 * TdPermission:
 * @TD_PERMISSION_REFUND_OVER_LIMIT: a refund above `staff.refund_limit` (setting, minor units)
 * @TD_PERMISSION_DISCOUNT_OVER_LIMIT: a discount above `staff.discount_limit_bp` of the sale
 * @TD_PERMISSION_PRICE_BELOW_MINIMUM: a price below the consignor's minimum, or lowering a
 *   consigned item's minimum
 * @TD_PERMISSION_VOID_SALE: voiding a completed sale
 * @TD_PERMISSION_PAYOUT: paying a consignor out
 * @TD_PERMISSION_LEDGER_ADJUST: correcting a consignor's balance by hand
 * @TD_PERMISSION_OPEN_DRAWER: opening the till with no sale ("no sale"), till corrections
 * @TD_PERMISSION_VIEW_REPORTS: the owner's desk reports
 * @TD_PERMISSION_EDIT_PREFERENCES: shop settings saved in the database
 * @TD_PERMISSION_MANAGE_STAFF: adding, editing, deactivating staff, setting their PINs
 * @TD_PERMISSION_BACKUP: backing up now, choosing the backup folder
 * @TD_PERMISSION_RESTORE: replacing the shop with a backup
 * @TD_PERMISSION_IMPORT_EXPORT: CSV import and full export
 * @TD_PERMISSION_MARKETPLACE_ACCOUNTS: connecting and removing marketplace accounts
 * @TD_PERMISSION_VIEW_AUDIT: the audit trail viewer
 */
typedef enum
{
  TD_PERMISSION_REFUND_OVER_LIMIT,
  TD_PERMISSION_DISCOUNT_OVER_LIMIT,
  TD_PERMISSION_PRICE_BELOW_MINIMUM,
  TD_PERMISSION_VOID_SALE,
  TD_PERMISSION_PAYOUT,
  TD_PERMISSION_LEDGER_ADJUST,
  TD_PERMISSION_OPEN_DRAWER,
  TD_PERMISSION_VIEW_REPORTS,
  TD_PERMISSION_EDIT_PREFERENCES,
  TD_PERMISSION_MANAGE_STAFF,
  TD_PERMISSION_BACKUP,
  TD_PERMISSION_RESTORE,
  TD_PERMISSION_IMPORT_EXPORT,
  TD_PERMISSION_MARKETPLACE_ACCOUNTS,
  TD_PERMISSION_VIEW_AUDIT,
  TD_N_PERMISSIONS,
} TdPermission;

/* Settings (table `setting`) the checks read; a missing setting means the default. */
#define TD_SETTING_STAFF_REFUND_LIMIT      "staff.refund_limit"        /* minor units, 5000 */
#define TD_SETTING_STAFF_DISCOUNT_LIMIT_BP "staff.discount_limit_bp"  /* basis points, 2000 */

/**
 * TdOverride:
 * @approver_id: the staff member who approves (a manager or the owner), on the spot
 * @pin: the approver's PIN, as typed
 *
 * A PIN override: lets a staff member whose role lacks a permission do one act that the
 * approver's role allows. Borrowed strings.
 */
typedef struct
{
  gint64      approver_id;
  const char *pin;
} TdOverride;

GQuark       td_permission_error_quark  (void);

gboolean     td_permission_role_allows  (TdRole        role,
                                         TdPermission  permission);
const char  *td_permission_to_string    (TdPermission  permission);
const char  *td_permission_get_label    (TdPermission  permission);

const char  *td_role_to_string          (TdRole        role);
gboolean     td_role_from_string        (const char   *text,
                                         TdRole       *role);
const char  *td_role_get_label          (TdRole        role);

/**
 * td_store_authorize:
 * @db: a #TdDatabase (not inside a transaction, so a wrong PIN is counted durably)
 * @staff_id: who is signed in; 0 means nobody and holds no permission
 * @permission: the act
 * @override: (nullable): an approver and their PIN, when @staff_id's role lacks @permission
 * @now_us: when, UTC µs
 * @error: return location: a %TD_PERMISSION_ERROR with a sentence for staff
 *
 * Returns %TRUE when @staff_id may do @permission now: their role allows it, or @override
 * names an active staff member whose role allows it and whose PIN is right. An override is
 * recorded in the audit (`permission.override`: who, approver, act) and leaves a one-shot
 * grant, good for 2 minutes, that the guarded store function's own check consumes — so the UI
 * calls td_store_authorize() with the override, then the store function with the same
 * @staff_id. Wrong approver PINs count against the approver (rate-limited; see
 * td_store_staff_verify_pin()).
 */
gboolean     td_store_authorize         (TdDatabase        *db,
                                         gint64             staff_id,
                                         TdPermission       permission,
                                         const TdOverride  *override,
                                         gint64             now_us,
                                         GError           **error);

/**
 * td_store_staff_can:
 * Whether @staff_id's role allows @permission (no override, no grant, nothing written);
 * for enabling widgets. %FALSE on any error or for an inactive or unknown id.
 */
gboolean     td_store_staff_can         (TdDatabase        *db,
                                         gint64             staff_id,
                                         TdPermission       permission);

G_END_DECLS
