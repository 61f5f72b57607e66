/* td-store-authorize.c — the service-layer permission check (td-permission.h).
 *
 * area: an override (approver + PIN) is verified and audited here, then leaves a one-shot
 * grant on the connection, so the guarded store function — which checks again with only the
 * staff id, as every guarded function does — lets that one act through. Grants live in memory
 * only and expire after 2 minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-permission.h"
#include "td-store-staff.h"
#include "td-store-stock-private.h"

#define GRANT_LIFETIME_US (G_GINT64_CONSTANT (120) * G_USEC_PER_SEC)
#define GRANTS_KEY        "td-permission-grants"

typedef struct
{
  gint64       staff_id;
  TdPermission permission;
  gint64       expires_at;
} Grant;

static GArray *
grants_for (TdDatabase *db)
{
  GArray *grants = g_object_get_data (G_OBJECT (db), GRANTS_KEY);

  if (grants == NULL)
    {
      grants = g_array_new (FALSE, FALSE, sizeof (Grant));
      g_object_set_data_full (G_OBJECT (db), GRANTS_KEY, grants, (GDestroyNotify) g_array_unref);
    }
  return grants;
}

static gboolean
take_grant (TdDatabase   *db,
            gint64        staff_id,
            TdPermission  permission,
            gint64        now_us)
{
  GArray *grants = grants_for (db);

  for (guint i = grants->len; i > 0; i--)
    {
      Grant *g = &g_array_index (grants, Grant, i - 1);

      if (g->expires_at <= now_us || g->expires_at > now_us + GRANT_LIFETIME_US)
        g_array_remove_index (grants, i - 1);
      else if (g->staff_id == staff_id && g->permission == permission)
        {
          g_array_remove_index (grants, i - 1);
          return TRUE;
        }
    }
  return FALSE;
}

static const char *
who_may (TdPermission permission)
{
  if (td_permission_role_allows (TD_ROLE_MANAGER, permission))
    return _("a manager or the owner");
  return _("the owner");
}

typedef struct
{
  gint64        staff_id;
  TdPermission  permission;
  const TdStaff *approver;
  gint64        now_us;
} OverrideAudit;

static gboolean
override_txn (TdDatabase  *db,
              gpointer     user_data,
              GError     **error)
{
  OverrideAudit *o = user_data;
  g_autoptr(GString) detail = g_string_new ("{");

  td_stock_json_string (detail, "permission", td_permission_to_string (o->permission));
  td_stock_json_int (detail, "approver_id", o->approver->id);
  td_stock_json_string (detail, "approver", o->approver->name);
  g_string_append_c (detail, '}');
  return td_store_audit_append (db, o->now_us, o->staff_id, "permission.override", "staff",
                                o->approver->id, detail->str, error);
}

gboolean
td_store_authorize (TdDatabase        *db,
                    gint64             staff_id,
                    TdPermission       permission,
                    const TdOverride  *override,
                    gint64             now_us,
                    GError           **error)
{
  g_autoptr(TdStaff) staff = NULL;
  g_autoptr(TdStaff) approver = NULL;
  g_autoptr(GError) local_error = NULL;
  OverrideAudit audit;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (permission < TD_N_PERMISSIONS, FALSE);

  if (staff_id > 0)
    staff = td_store_staff_get (db, staff_id, &local_error);
  if (staff == NULL || !staff->active)
    {
      if (local_error != NULL && local_error->domain != TD_PERMISSION_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_NOT_SIGNED_IN,
                   _("Sign in with your PIN to %s."), td_permission_get_label (permission));
      return FALSE;
    }

  if (td_permission_role_allows (staff->role, permission))
    return TRUE;
  if (override == NULL)
    {
      if (take_grant (db, staff_id, permission, now_us))
        return TRUE;
      g_set_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED,
                   _("Only %s can %s. Ask them to approve it with their PIN."),
                   who_may (permission), td_permission_get_label (permission));
      return FALSE;
    }

  approver = td_store_staff_get (db, override->approver_id, error);
  if (approver == NULL)
    return FALSE;
  if (!approver->active || !td_permission_role_allows (approver->role, permission))
    {
      g_set_error (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_APPROVER_NOT_ALLOWED,
                   _("%s can’t approve this: only %s can %s."), approver->name,
                   who_may (permission), td_permission_get_label (permission));
      return FALSE;
    }
  if (!td_store_staff_verify_pin (db, approver->id, override->pin, now_us, error))
    return FALSE;

  audit = (OverrideAudit) { staff_id, permission, approver, now_us };
  if (!td_database_transaction (db, override_txn, &audit, error))
    return FALSE;
  g_array_append_val (grants_for (db), ((Grant) { staff_id, permission,
                                                  now_us + GRANT_LIFETIME_US }));
  return TRUE;
}

gboolean
td_store_staff_can (TdDatabase   *db,
                    gint64        staff_id,
                    TdPermission  permission)
{
  g_autoptr(TdStaff) staff = NULL;

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (permission < TD_N_PERMISSIONS, FALSE);

  if (staff_id <= 0)
    return FALSE;
  staff = td_store_staff_get (db, staff_id, NULL);
  return staff != NULL && staff->active && td_permission_role_allows (staff->role, permission);
}
