/* td-store-staff-edit.c — adding and changing staff accounts (the owner's job), audited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-store-staff.h"
#include "td-store-stock-private.h"

#define NAME_MAX_CHARS 80

typedef enum
{
  EDIT_CREATE_OWNER,
  EDIT_CREATE,
  EDIT_UPDATE,
  EDIT_SET_PIN,
  EDIT_SET_ACTIVE,
} EditKind;

typedef struct
{
  EditKind    kind;
  gint64      by_staff_id;
  gint64      staff_id;
  char       *name;       /* trimmed */
  TdRole      role;
  char       *pin_hash;
  gboolean    active;
  gint64      now_us;
} Edit;

static void
edit_clear (Edit *e)
{
  g_clear_pointer (&e->name, g_free);
  g_clear_pointer (&e->pin_hash, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Edit, edit_clear)

static gboolean
check_name (Edit        *e,
            const char  *name,
            GError     **error)
{
  g_autoptr(GPtrArray) problems = td_field_problems_new ();

  e->name = td_stock_trim (name);
  if (*e->name == '\0')
    td_field_problems_add (problems, TD_FIELD_NAME, 0, _("Enter the person’s name."));
  else if (g_utf8_strlen (e->name, -1) > NAME_MAX_CHARS)
    td_field_problems_add (problems, TD_FIELD_NAME, 0, _("Keep the name under %d characters."),
                           NAME_MAX_CHARS);
  if (problems->len > 0)
    return td_stock_error_set_problems (error, TD_STOCK_ERROR_INVALID, problems);
  return TRUE;
}

static gboolean
count_owners (TdDatabase  *db,
              gint64       except_id,
              gint64      *owners,
              GError     **error)
{
  g_autoptr(TdStmt) stmt = NULL;
  gboolean found;

  stmt = td_database_prepare (db, "SELECT count(*) FROM staff WHERE role = 'owner' AND active "
                                  "AND id != ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, except_id);
  return td_stock_query_int64 (db, stmt, owners, &found, error);
}

static gboolean
refuse_last_owner (GError **error)
{
  g_set_error_literal (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED,
                       _("The shop needs an active owner. Make someone else owner first."));
  return FALSE;
}

static gboolean
edit_txn (TdDatabase  *db,
          gpointer     user_data,
          GError     **error)
{
  Edit *e = user_data;
  g_autoptr(TdStmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new ("{");
  g_autoptr(TdStaff) old = NULL;
  const char *action = NULL;
  gint64 owners = 0;

  if (e->kind != EDIT_CREATE_OWNER && e->kind != EDIT_CREATE)
    {
      old = td_store_staff_get (db, e->staff_id, error);
      if (old == NULL)
        return FALSE;
    }

  switch (e->kind)
    {
    case EDIT_CREATE_OWNER:
      if (!count_owners (db, 0, &owners, error))
        return FALSE;
      if (owners > 0)
        {
          g_set_error_literal (error, TD_PERMISSION_ERROR, TD_PERMISSION_ERROR_DENIED,
                               _("This shop already has an owner; the owner adds staff under "
                                 "Preferences › Staff."));
          return FALSE;
        }
      /* fall through */
    case EDIT_CREATE:
      stmt = td_database_prepare (db, "INSERT INTO staff (name, role, pin_hash, active, "
                                      "created_at) VALUES (?, ?, ?, 1, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, e->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, td_role_to_string (e->role), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, e->pin_hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, e->now_us);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
      e->staff_id = sqlite3_last_insert_rowid (td_database_get_handle (db));
      if (e->kind == EDIT_CREATE_OWNER)
        e->by_staff_id = e->staff_id;
      action = "staff.created";
      td_stock_json_string (detail, "name", e->name);
      td_stock_json_string (detail, "role", td_role_to_string (e->role));
      break;

    case EDIT_UPDATE:
      if (old->role == TD_ROLE_OWNER && e->role != TD_ROLE_OWNER && old->active)
        {
          if (!count_owners (db, e->staff_id, &owners, error))
            return FALSE;
          if (owners == 0)
            return refuse_last_owner (error);
        }
      if (g_strcmp0 (old->name, e->name) == 0 && old->role == e->role)
        return TRUE;
      stmt = td_database_prepare (db, "UPDATE staff SET name = ?, role = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, e->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, td_role_to_string (e->role), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, e->staff_id);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
      action = "staff.updated";
      td_stock_json_string (detail, "old_name", old->name);
      td_stock_json_string (detail, "name", e->name);
      td_stock_json_string (detail, "old_role", td_role_to_string (old->role));
      td_stock_json_string (detail, "role", td_role_to_string (e->role));
      break;

    case EDIT_SET_PIN:
      stmt = td_database_prepare (db, "UPDATE staff SET pin_hash = ?, failed_pins = 0, "
                                      "lockouts = 0, locked_until = 0 WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, e->pin_hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, e->staff_id);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
      action = "staff.pin_set";
      td_stock_json_string (detail, "name", old->name);
      break;

    case EDIT_SET_ACTIVE:
    default:
      if (old->active == e->active)
        return TRUE;
      if (!e->active && old->role == TD_ROLE_OWNER)
        {
          if (!count_owners (db, e->staff_id, &owners, error))
            return FALSE;
          if (owners == 0)
            return refuse_last_owner (error);
        }
      stmt = td_database_prepare (db, "UPDATE staff SET active = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, e->active ? 1 : 0);
      sqlite3_bind_int64 (stmt, 2, e->staff_id);
      if (!td_database_step_done (db, stmt, error))
        return FALSE;
      action = e->active ? "staff.activated" : "staff.deactivated";
      td_stock_json_string (detail, "name", old->name);
      break;
    }

  g_string_append_c (detail, '}');
  return td_store_audit_append (db, e->now_us, e->by_staff_id, action, "staff", e->staff_id,
                                detail->str, error);
}

static gboolean
run (TdDatabase  *db,
     Edit        *e,
     gint64      *staff_id,
     GError     **error)
{
  if (e->kind != EDIT_CREATE_OWNER &&
      !td_store_authorize (db, e->by_staff_id, TD_PERMISSION_MANAGE_STAFF, NULL, e->now_us,
                           error))
    return FALSE;
  if (!td_database_transaction (db, edit_txn, e, error))
    return FALSE;
  if (staff_id != NULL)
    *staff_id = e->staff_id;
  return TRUE;
}

gboolean
td_store_staff_create_owner (TdDatabase  *db,
                             const char  *name,
                             const char  *pin,
                             gint64       now_us,
                             gint64      *staff_id,
                             GError     **error)
{
  g_auto(Edit) e = { EDIT_CREATE_OWNER, 0, 0, NULL, TD_ROLE_OWNER, NULL, TRUE, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!check_name (&e, name, error))
    return FALSE;
  e.pin_hash = td_staff_hash_pin (pin, error);
  if (e.pin_hash == NULL)
    return FALSE;
  return run (db, &e, staff_id, error);
}

gboolean
td_store_staff_create (TdDatabase  *db,
                       gint64       by_staff_id,
                       const char  *name,
                       TdRole       role,
                       const char  *pin,
                       gint64       now_us,
                       gint64      *staff_id,
                       GError     **error)
{
  g_auto(Edit) e = { EDIT_CREATE, by_staff_id, 0, NULL, role, NULL, TRUE, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (role <= TD_ROLE_OWNER, FALSE);

  if (!td_store_authorize (db, by_staff_id, TD_PERMISSION_MANAGE_STAFF, NULL, now_us, error))
    return FALSE;
  if (!check_name (&e, name, error))
    return FALSE;
  e.pin_hash = td_staff_hash_pin (pin, error);
  if (e.pin_hash == NULL)
    return FALSE;
  return run (db, &e, staff_id, error);
}

gboolean
td_store_staff_update (TdDatabase  *db,
                       gint64       by_staff_id,
                       gint64       staff_id,
                       const char  *name,
                       TdRole       role,
                       gint64       now_us,
                       GError     **error)
{
  g_auto(Edit) e = { EDIT_UPDATE, by_staff_id, staff_id, NULL, role, NULL, TRUE, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (role <= TD_ROLE_OWNER, FALSE);

  if (!check_name (&e, name, error))
    return FALSE;
  return run (db, &e, NULL, error);
}

gboolean
td_store_staff_set_pin (TdDatabase  *db,
                        gint64       by_staff_id,
                        gint64       staff_id,
                        const char  *pin,
                        gint64       now_us,
                        GError     **error)
{
  g_auto(Edit) e = { EDIT_SET_PIN, by_staff_id, staff_id, NULL, 0, NULL, TRUE, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  if (!td_store_authorize (db, by_staff_id, TD_PERMISSION_MANAGE_STAFF, NULL, now_us, error))
    return FALSE;
  e.pin_hash = td_staff_hash_pin (pin, error);
  if (e.pin_hash == NULL)
    return FALSE;
  return run (db, &e, NULL, error);
}

gboolean
td_store_staff_set_active (TdDatabase  *db,
                           gint64       by_staff_id,
                           gint64       staff_id,
                           gboolean     active,
                           gint64       now_us,
                           GError     **error)
{
  g_auto(Edit) e = { EDIT_SET_ACTIVE, by_staff_id, staff_id, NULL, 0, NULL, active, now_us };

  g_return_val_if_fail (TD_IS_DATABASE (db), FALSE);

  return run (db, &e, NULL, error);
}
