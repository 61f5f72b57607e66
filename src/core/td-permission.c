/* td-permission.c — the permissions table: which role may do what.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-permission"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-permission.h"

G_DEFINE_QUARK (td-permission-error-quark, td_permission_error)

#define C (1u << TD_ROLE_CASHIER)
#define M (1u << TD_ROLE_MANAGER)
#define O (1u << TD_ROLE_OWNER)

/* area: the one table. A cashier sells, takes returns within the limit and does intake;
 * a manager also runs the money side of the day; only the owner manages people, restores the
 * shop, connects marketplaces and reads the audit trail. */
static const struct
{
  const char *id;
  guint       roles;
} table[TD_N_PERMISSIONS] = {
  [TD_PERMISSION_REFUND_OVER_LIMIT]    = { "refund-over-limit", M | O },
  [TD_PERMISSION_DISCOUNT_OVER_LIMIT]  = { "discount-over-limit", M | O },
  [TD_PERMISSION_PRICE_BELOW_MINIMUM]  = { "price-below-minimum", M | O },
  [TD_PERMISSION_VOID_SALE]            = { "void-sale", M | O },
  [TD_PERMISSION_PAYOUT]               = { "payout", M | O },
  [TD_PERMISSION_LEDGER_ADJUST]        = { "ledger-adjust", M | O },
  [TD_PERMISSION_OPEN_DRAWER]          = { "open-drawer", M | O },
  [TD_PERMISSION_VIEW_REPORTS]         = { "view-reports", M | O },
  [TD_PERMISSION_EDIT_PREFERENCES]     = { "edit-preferences", M | O },
  [TD_PERMISSION_MANAGE_STAFF]         = { "manage-staff", O },
  [TD_PERMISSION_BACKUP]               = { "backup", M | O },
  [TD_PERMISSION_RESTORE]              = { "restore", O },
  [TD_PERMISSION_IMPORT_EXPORT]        = { "import-export", M | O },
  [TD_PERMISSION_MARKETPLACE_ACCOUNTS] = { "marketplace-accounts", O },
  [TD_PERMISSION_VIEW_AUDIT]           = { "view-audit", O },
};

#undef C
#undef M
#undef O

/**
 * td_permission_role_allows:
 * Whether @role may do @permission by itself (without an override).
 */
gboolean
td_permission_role_allows (TdRole       role,
                           TdPermission permission)
{
  g_return_val_if_fail (permission < TD_N_PERMISSIONS, FALSE);
  g_return_val_if_fail (role <= TD_ROLE_OWNER, FALSE);

  return (table[permission].roles & (1u << role)) != 0;
}

/* A stable id for the audit trail, e.g. `void-sale`. */
const char *
td_permission_to_string (TdPermission permission)
{
  g_return_val_if_fail (permission < TD_N_PERMISSIONS, NULL);

  return table[permission].id;
}

/* What the act is, for staff (translated), e.g. in "Only a manager can …". */
const char *
td_permission_get_label (TdPermission permission)
{
  g_return_val_if_fail (permission < TD_N_PERMISSIONS, NULL);

  switch (permission)
    {
    case TD_PERMISSION_REFUND_OVER_LIMIT: return _("refund more than the cashier limit");
    case TD_PERMISSION_DISCOUNT_OVER_LIMIT: return _("give a discount above the cashier limit");
    case TD_PERMISSION_PRICE_BELOW_MINIMUM: return _("price an item below the consignor’s minimum");
    case TD_PERMISSION_VOID_SALE: return _("void a sale");
    case TD_PERMISSION_PAYOUT: return _("pay a consignor out");
    case TD_PERMISSION_LEDGER_ADJUST: return _("correct a consignor’s balance");
    case TD_PERMISSION_OPEN_DRAWER: return _("open the till without a sale");
    case TD_PERMISSION_VIEW_REPORTS: return _("see the reports");
    case TD_PERMISSION_EDIT_PREFERENCES: return _("change the shop’s preferences");
    case TD_PERMISSION_MANAGE_STAFF: return _("manage staff");
    case TD_PERMISSION_BACKUP: return _("back up the shop");
    case TD_PERMISSION_RESTORE: return _("restore the shop from a backup");
    case TD_PERMISSION_IMPORT_EXPORT: return _("import or export the shop’s records");
    case TD_PERMISSION_MARKETPLACE_ACCOUNTS: return _("change marketplace accounts");
    case TD_PERMISSION_VIEW_AUDIT: return _("see the audit trail");
    case TD_N_PERMISSIONS:
    default:
      g_assert_not_reached ();
    }
}

const char *
td_role_to_string (TdRole role)
{
  switch (role)
    {
    case TD_ROLE_OWNER: return "owner";
    case TD_ROLE_MANAGER: return "manager";
    case TD_ROLE_CASHIER: return "cashier";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
td_role_from_string (const char *text,
                     TdRole     *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (TdRole r = TD_ROLE_CASHIER; r <= TD_ROLE_OWNER; r++)
    if (g_strcmp0 (text, td_role_to_string (r)) == 0)
      {
        *role = r;
        return TRUE;
      }
  return FALSE;
}

const char *
td_role_get_label (TdRole role)
{
  switch (role)
    {
    case TD_ROLE_OWNER: return C_("staff role", "Owner");
    case TD_ROLE_MANAGER: return C_("staff role", "Manager");
    case TD_ROLE_CASHIER: return C_("staff role", "Cashier");
    default:
      g_return_val_if_reached (NULL);
    }
}
